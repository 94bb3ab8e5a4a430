#!/bin/sh
# tests/cli/setup/sysroot-group-member-missing.sh DEST FIXTURE: a copy of the fixture
# whose group 4 also lists 0000:09:00.0, a function that is not in
# sys/bus/pci/devices.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
ln -s ../../../../devices/pci0000:00/0000:09:00.0 \
	"$dest/sys/kernel/iommu_groups/4/devices/0000:09:00.0"
no_hang "$dest"
