#!/bin/sh
# tests/cli/setup/sysroot-group-hidden.sh DEST FIXTURE: a copy of the fixture
# with hidden entries in sys/kernel/iommu_groups, as a snapshot kept in git
# or made on a file system with its own may have: a .gitkeep file and a
# .snap directory. Neither is a group of the kernel's.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
: >"$dest/sys/kernel/iommu_groups/.gitkeep"
mkdir -p "$dest/sys/kernel/iommu_groups/.snap/devices"
no_hang "$dest"
