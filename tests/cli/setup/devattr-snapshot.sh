#!/bin/sh
# tests/cli/setup/devattr-snapshot.sh DEST FIXTURE: DEST/src, the sysroot of
# devattr-sysfs.sh (the attribute files, slots, a "modules" list), captured
# by the binary under test into DEST/snap, and DEST/orig.txt, `list -o`
# with every attribute column on DEST/src: what the snapshot must show too.
set -eu
dest=$1
mkdir -p "$dest"
sh "$(dirname "$0")/devattr-sysfs.sh" "$dest/src" "$2"
"$IOMMU_GROUPS_BIN" --sysroot "$dest/src" snapshot "$dest/snap" 2>/dev/null
"$IOMMU_GROUPS_BIN" --sysroot "$dest/src" list -o bdf,reset,bootvga,slot,numa,link,modules \
	>"$dest/orig.txt"
