#!/bin/sh
# tests/cli/setup/sysroot-parent-loop.sh DEST FIXTURE: a copy of the fixture where
# the switch's upstream port 0000:01:00.0 and downstream port 0000:02:00.0
# name each other as parent (each one's directory is below the other's).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
u=$(devdir "$dest" 0000:01:00.0)
w=$(devdir "$dest" 0000:02:00.0)
l=$dest/sys/devices/loop
mkdir -p "$l/0000:02:00.0/0000:01:00.0" "$l/0000:01:00.0/0000:02:00.0"
cp "$u/config" "$l/0000:02:00.0/0000:01:00.0/config"
cp "$w/config" "$l/0000:01:00.0/0000:02:00.0/config"
rm "$dest/sys/bus/pci/devices/0000:01:00.0" "$dest/sys/bus/pci/devices/0000:02:00.0"
ln -s ../../../devices/loop/0000:02:00.0/0000:01:00.0 "$dest/sys/bus/pci/devices/0000:01:00.0"
ln -s ../../../devices/loop/0000:01:00.0/0000:02:00.0 "$dest/sys/bus/pci/devices/0000:02:00.0"
no_hang "$dest"
