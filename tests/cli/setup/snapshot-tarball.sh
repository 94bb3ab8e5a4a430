#!/bin/sh
# tests/cli/setup/snapshot-tarball.sh DEST FIXTURE: DEST/s.tar.gz, the
# fixture captured by "snapshot -o" of the binary under test, and
# DEST/orig.json, its `--json list` of the fixture itself. Checks that the
# tarball holds only relative names, and that reading it back leaves no
# private directory behind in TMPDIR.
set -eu
dest=$1 fx=$2
mkdir -p "$dest/tmp"
"$IOMMU_GROUPS_BIN" --sysroot "$fx" snapshot -o "$dest/s.tar.gz"
"$IOMMU_GROUPS_BIN" --sysroot "$fx" --json list >"$dest/orig.json"
if tar -tzf "$dest/s.tar.gz" | grep -v '^\./'; then
	echo "snapshot -o wrote names that do not start with ./" >&2
	exit 1
fi
tar -xzOf "$dest/s.tar.gz" ./.iommu-groups-snapshot | grep -qx complete
TMPDIR=$dest/tmp "$IOMMU_GROUPS_BIN" --sysroot "$dest/s.tar.gz" list >/dev/null
if [ -n "$(ls -A "$dest/tmp")" ]; then
	echo "reading the tarball left $(ls -A "$dest/tmp") in TMPDIR" >&2
	exit 1
fi
