#!/bin/sh
# tests/cli/setup/snapshot-incomplete.sh DEST FIXTURE: DEST/snap, a snapshot
# of the fixture whose marker still says "incomplete" (as an interrupted
# capture leaves it), and DEST/snap.tmp-Ab3xYz, the temporary tree of an
# interrupted capture with its marker gone.
set -eu
dest=$1 fx=$2
mkdir -p "$dest"
"$IOMMU_GROUPS_BIN" --sysroot "$fx" snapshot "$dest/snap" 2>/dev/null
cp -a "$dest/snap" "$dest/snap.tmp-Ab3xYz"
rm "$dest/snap.tmp-Ab3xYz/.iommu-groups-snapshot"
printf 'iommu-groups snapshot 1\nincomplete\n' >"$dest/snap/.iommu-groups-snapshot"
