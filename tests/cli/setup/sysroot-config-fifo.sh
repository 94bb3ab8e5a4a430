#!/bin/sh
# tests/cli/setup/sysroot-config-fifo.sh DEST FIXTURE: a copy of the fixture whose
# 0000:03:00.0 config is a FIFO with no writer (a blocking open or read
# would hang).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
d=$(devdir "$dest" 0000:03:00.0)
rm "$d/config"
mkfifo "$d/config"
no_hang "$dest"
