#!/bin/sh
# tests/cli/setup/lspci-vv-names.sh DEST FIXTURE: write DEST/vv-names.txt,
# the fixture as `lspci -D -vv` prints it without -nn: names, not ids, from
# the tests' pinned pci.ids (tests/cli/pci.ids); lspci decodes the fixture's
# config spaces (-F reads them back from a -xxxx dump). And
# DEST/kernel-partition.json, the kernel's groups (lspci-dump.sh).
set -eu
dest=$1 fx=$2
ids=$(cd "$(dirname "$0")/.." && pwd)/pci.ids
mkdir -p "$dest"
lspci -A linux-sysfs -O sysfs.path="$fx/sys/bus/pci" -D -xxxx >"$dest/x.txt" 2>/dev/null
lspci -F "$dest/x.txt" -D -vv -i "$ids" >"$dest/vv-names.txt" 2>/dev/null
sh "$(dirname "$0")/lspci-dump.sh" "$dest" "$fx"
