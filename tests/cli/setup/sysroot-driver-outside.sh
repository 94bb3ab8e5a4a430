#!/bin/sh
# tests/cli/setup/sysroot-driver-outside.sh DEST FIXTURE: a copy of the fixture whose
# 0000:00:04.0 driver link is absolute (to the host).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:00:04.0)
rm "$d/driver"
ln -s /sys/bus/pci/drivers/pcieport "$d/driver"
no_hang "$dest"
