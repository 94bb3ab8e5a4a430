#!/bin/sh
# tests/cli/setup/hostile-sysfs.sh DEST FIXTURE: a copy of FIXTURE whose
# strings from sysfs and procfs carry terminal controls and invalid UTF-8:
# every driver link's name, the kernel release, every IOMMU group's type,
# an extra IOMMU unit's name and an ACS parameter on the kernel command
# line. The names have ESC sequences (colour, clear screen, a window title),
# C1 raw (0x9b, CSI) and as UTF-8 (U+009B, U+0085), invalid bytes (0xff, an
# overlong '/', a cut sequence), DEL, BEL, a newline, a tab, an RLO
# (U+202E) and a literal backslash-x; each ends in a valid name (e with an
# acute accent, U+00E9) that must stay as it is.
set -eu
dest=$1 fx=$2
cp -a "$fx" "$dest"
# $(...) drops trailing newlines: the names end in a printable byte
drv=$(printf 'evil\033[31m\233\302\233\377\300\257\177\007\n\t\342\200\256\\x41-caf\303\251')
for l in $(find "$dest/sys/devices" -name driver -type l); do
	rm "$l"
	ln -s "../../../bus/pci/drivers/$drv" "$l"
done
rel=$(cat "$dest/proc/sys/kernel/osrelease")
printf '%s\033]0;pwned\007\033[2J\233\302\205\377\342\202\n' "$rel" >"$dest/proc/sys/kernel/osrelease"
for t in "$dest"/sys/kernel/iommu_groups/*/type; do
	[ -f "$t" ] && printf 'DMA\001\033[5m\177\302\205\342\200\256\n' >"$t"
done
if [ -d "$dest/sys/class/iommu" ]; then
	ln -s ../../devices/virtual/iommu/dmar0 "$dest/sys/class/iommu/$(printf '\033[1m\233dmar\377')"
fi
printf '%s pci=disable_acs_redir=\033[31m\377\302\233 pcie_acs_override=\033[2J\n' \
	"$(cat "$dest/proc/cmdline")" >"$dest/proc/cmdline"
