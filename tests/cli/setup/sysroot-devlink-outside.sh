#!/bin/sh
# tests/cli/setup/sysroot-devlink-outside.sh DEST FIXTURE: a copy of the fixture whose
# sys/bus/pci/devices/0000:04:00.0 is an absolute link (to the host).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
rm "$dest/sys/bus/pci/devices/0000:04:00.0"
ln -s /sys/devices/pci0000:00/0000:00:00.0 "$dest/sys/bus/pci/devices/0000:04:00.0"
no_hang "$dest"
