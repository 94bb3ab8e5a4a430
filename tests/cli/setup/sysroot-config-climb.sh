#!/bin/sh
# tests/cli/setup/sysroot-config-climb.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 config is a relative link that climbs above the sysroot.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
rm "$d/config"
ln -s ../../../../../../../../../../../../../../../../etc/hostname "$d/config"
no_hang "$dest"
