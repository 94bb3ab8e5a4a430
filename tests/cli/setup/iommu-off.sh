#!/bin/sh
# tests/cli/setup/iommu-off.sh DEST FIXTURE: the fixture as if its IOMMU
# were off (no iommu_group links, no sys/kernel/iommu_groups, no IOMMU
# units; the ACPI tables stay), plus DEST/ungrouped.json, the functions the
# kernel left without a group when it was on (kernel-groups.txt).
set -eu
dest=$1 fx=$2
cp -a "$fx/." "$dest/"
find "$dest/sys" -name iommu_group -type l -exec rm -f {} +
rm -rf "$dest/sys/kernel/iommu_groups" "$dest/sys/class/iommu"
awk 'BEGIN { printf "[" } $1 == "none" { if (n++) printf ", "; printf "\"%s\"", $2 }
     END { printf "]\n" }' "$fx/kernel-groups.txt" >"$dest/ungrouped.json"
