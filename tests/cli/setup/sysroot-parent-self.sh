#!/bin/sh
# tests/cli/setup/sysroot-parent-self.sh DEST FIXTURE: a copy of the fixture where
# the sys/bus/pci/devices link of 0000:03:00.0 leads to
# .../0000:03:00.0/0000:03:00.0: sysfs names it as its own parent.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
t=$(readlink "$dest/sys/bus/pci/devices/0000:03:00.0")
mkdir "$d/0000:03:00.0"
cp "$d/config" "$d/0000:03:00.0/config"
rm "$dest/sys/bus/pci/devices/0000:03:00.0"
ln -s "$t/0000:03:00.0" "$dest/sys/bus/pci/devices/0000:03:00.0"
no_hang "$dest"
