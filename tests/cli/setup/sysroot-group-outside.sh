#!/bin/sh
# tests/cli/setup/sysroot-group-outside.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 iommu_group link is absolute (the host's group 4).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
rm "$d/iommu_group"
ln -s /sys/kernel/iommu_groups/4 "$d/iommu_group"
no_hang "$dest"
