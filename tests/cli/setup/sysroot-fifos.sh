#!/bin/sh
# tests/cli/setup/sysroot-fifos.sh DEST FIXTURE: a copy of the fixture where the
# kernel release, every group's type, every IOMMU unit and the ACPI DMAR
# and IVRS tables are FIFOs: none may hang the tool.
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
rm "$dest/proc/sys/kernel/osrelease"
mkfifo "$dest/proc/sys/kernel/osrelease"
for t in "$dest"/sys/kernel/iommu_groups/*/type; do rm "$t"; mkfifo "$t"; done
for u in "$dest"/sys/class/iommu/*; do rm "$u"; mkfifo "$u"; done
t=$dest/sys/firmware/acpi/tables
mkdir -p "$t"
for n in DMAR IVRS; do rm -f "$t/$n"; mkfifo "$t/$n"; done
no_hang "$dest"
