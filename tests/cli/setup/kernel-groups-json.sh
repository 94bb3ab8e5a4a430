#!/bin/sh
# tests/cli/setup/kernel-groups-json.sh DEST FIXTURE: DEST/kg.json, the
# kernel's groups as the guest itself listed them (kernel-groups.txt, read
# in the guest independently of the binary): [{"id": N, "devices": [...]}],
# and DEST/ungrouped.json, the functions it listed without a group.
set -eu
dest=$1 fx=$2
mkdir -p "$dest"
awk 'BEGIN { printf "[" }
     $1 != "none" {
	if (n++) printf ", "
	printf "{\"id\": %d, \"devices\": [", $1
	for (i = 3; i <= NF; i++) { if (i > 3) printf ", "; printf "\"%s\"", $i }
	printf "]}"
     }
     END { printf "]\n" }' "$fx/kernel-groups.txt" >"$dest/kg.json"
awk 'BEGIN { printf "[" } $1 == "none" { if (n++) printf ", "; printf "\"%s\"", $2 }
     END { printf "]\n" }' "$fx/kernel-groups.txt" >"$dest/ungrouped.json"
