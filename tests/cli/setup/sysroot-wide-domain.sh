#!/bin/sh
# tests/cli/setup/sysroot-wide-domain.sh DEST: the synthetic VMD sysroot of
# vmd.sh with the VMD domain numbered ffffffff (the widest a domain can be)
# instead of 10000: every BDF of it is printed in full.
set -eu
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed 's/10000/ffffffff/g' "$(dirname "$0")/vmd.sh" >"$tmp"
sh "$tmp" "$1"
