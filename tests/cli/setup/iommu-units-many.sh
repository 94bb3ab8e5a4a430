#!/bin/sh
# tests/cli/setup/iommu-units-many.sh DEST FIXTURE: a copy of the fixture
# with 20 IOMMU units in sys/class/iommu (its own dmar0 and dmar1..dmar19,
# links to directories under sys/devices/virtual/iommu as the kernel
# makes them), listed in a scrambled order; more than the 16 units the
# model once held.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
[ -e "$dest/sys/class/iommu/dmar0" ] || { echo "fixture has no dmar0" >&2; exit 1; }
for i in 7 19 3 12 1 16 9 18 5 14 2 11 17 6 13 4 15 8 10; do
	mkdir -p "$dest/sys/devices/virtual/iommu/dmar$i"
	ln -s "../../devices/virtual/iommu/dmar$i" "$dest/sys/class/iommu/dmar$i"
done
