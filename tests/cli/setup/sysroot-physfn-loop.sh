#!/bin/sh
# tests/cli/setup/sysroot-physfn-loop.sh DEST FIXTURE: a copy of the sriov-nvme
# fixture where the physfn of VF 0000:01:00.1 is VF 0000:01:00.2 and that of
# 01:00.2 is 01:00.1, and the physfn of VF 0000:01:00.3 is itself.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
a=$(devdir "$dest" 0000:01:00.1)
b=$(devdir "$dest" 0000:01:00.2)
c=$(devdir "$dest" 0000:01:00.3)
rm "$a/physfn" "$b/physfn" "$c/physfn"
ln -s ../0000:01:00.2 "$a/physfn"
ln -s ../0000:01:00.1 "$b/physfn"
ln -s ../0000:01:00.3 "$c/physfn"
no_hang "$dest"
