#!/bin/sh
# tests/cli/setup/text-ref.sh DEST FIXTURE: DEST/ref.txt, the fixture's text
# listing in the C locale with the pinned pci.ids and a fixed width.
set -eu
mkdir -p "$1"
LC_ALL=C TERM=dumb COLUMNS=80 "$IOMMU_GROUPS_BIN" --sysroot "$2" \
	--pci-ids "$(dirname "$0")/../pci.ids" --width 160 list >"$1/ref.txt"
