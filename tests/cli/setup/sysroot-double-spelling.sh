#!/bin/sh
# tests/cli/setup/sysroot-double-spelling.sh DEST FIXTURE: a copy of the fixture where
# sys/bus/pci/devices also names 0000:03:00.0 as 0000000:03:00.0 and as
# 3:0.0 (all parse to one location).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
t=$(readlink "$dest/sys/bus/pci/devices/0000:03:00.0")
ln -s "$t" "$dest/sys/bus/pci/devices/0000000:03:00.0"
ln -s "$t" "$dest/sys/bus/pci/devices/3:0.0"
no_hang "$dest"
