#!/bin/sh
# tests/cli/setup/sysroot-group-missing.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 iommu_group link names group 77, which does not exist.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
t=$(readlink "$d/iommu_group")
rm "$d/iommu_group"
ln -s "${t%/*}/77" "$d/iommu_group"
no_hang "$dest"
