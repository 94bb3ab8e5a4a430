#!/bin/sh
# tests/cli/setup/lspci-dump.sh DEST FIXTURE: write DEST/dump.txt, the
# fixture's config spaces as `lspci -D -xxxx` prints them (a header line per
# function, then rows "OFF: 16 hex bytes", a blank line between functions),
# and DEST/kernel-partition.json, the kernel's groups from kernel-groups.txt
# as arrays of BDFs (numbered groups only).
set -eu
dest=$1 fx=$2
mkdir -p "$dest"
: >"$dest/dump.txt"
for l in "$fx"/sys/bus/pci/devices/*; do
	bdf=${l##*/}
	echo "$bdf Device: function $bdf" >>"$dest/dump.txt"
	od -An -tx1 -v -w16 "$l/config" |
		awk '{ off = (NR - 1) * 16; fmt = "%03x:"; if (off < 256) fmt = "%02x:"
		       printf fmt, off; for (i = 1; i <= NF; i++) printf " %s", $i; printf "\n" }' >>"$dest/dump.txt"
	echo >>"$dest/dump.txt"
done
awk 'BEGIN { printf "[" }
     $1 != "none" {
	if (n++) printf ", "
	printf "["
	for (i = 3; i <= NF; i++) { if (i > 3) printf ", "; printf "\"%s\"", $i }
	printf "]"
     }
     END { printf "]\n" }' "$fx/kernel-groups.txt" >"$dest/kernel-partition.json"
