#!/bin/sh
# tests/cli/setup/sysroot-group-overflow.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 iommu_group link names group 99999999999999999999 (more
# than any int), which exists as a directory.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
t=$(readlink "$d/iommu_group")
rm "$d/iommu_group"
mkdir -p "$dest/sys/kernel/iommu_groups/99999999999999999999/devices"
ln -s "${t%/*}/99999999999999999999" "$d/iommu_group"
no_hang "$dest"
