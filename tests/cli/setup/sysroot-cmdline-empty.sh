#!/bin/sh
# tests/cli/setup/sysroot-cmdline-empty.sh DEST FIXTURE: a copy of the fixture whose
# proc/cmdline is empty: readable, nothing on it.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
: >"$dest/proc/cmdline"
no_hang "$dest"
