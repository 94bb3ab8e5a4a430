#!/bin/sh
# tests/cli/setup/sysroot-config-outside.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 config is an absolute link (to /sys/... of the host).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
rm "$d/config"
ln -s /sys/bus/pci/devices/0000:00:00.0/config "$d/config"
no_hang "$dest"
