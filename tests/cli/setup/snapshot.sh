#!/bin/sh
# tests/cli/setup/snapshot.sh DEST FIXTURE: DEST/snap, the fixture captured
# by the binary under test ("--sysroot FIXTURE snapshot DEST/snap"), and
# DEST/orig.json, its `--json list` of the fixture itself.
set -eu
dest=$1 fx=$2
mkdir -p "$dest"
"$IOMMU_GROUPS_BIN" --sysroot "$fx" snapshot "$dest/snap"
"$IOMMU_GROUPS_BIN" --sysroot "$fx" --json list >"$dest/orig.json"
