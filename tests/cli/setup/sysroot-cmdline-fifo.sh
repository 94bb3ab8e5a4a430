#!/bin/sh
# tests/cli/setup/sysroot-cmdline-fifo.sh DEST FIXTURE: a copy of the fixture whose
# proc/cmdline is a FIFO: unreadable (and it must not hang).
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
rm "$dest/proc/cmdline"
mkfifo "$dest/proc/cmdline"
no_hang "$dest"
