#!/bin/sh
# tests/cli/setup/lspci-vv.sh DEST FIXTURE: write DEST/vv.txt, the fixture as
# `lspci -D -vvnn` run as root on that machine prints it (no hex): lspci
# itself decodes the fixture's config spaces (-F reads them back from a
# -xxxx dump), and each function gets the lines lspci adds from sysfs,
# "Kernel driver in use:" and "IOMMU group:", from the fixture's driver
# links and kernel-groups.txt; and DEST/kernel-partition.json, the kernel's
# groups as arrays of BDFs.
set -eu
dest=$1 fx=$2
mkdir -p "$dest"
lspci -A linux-sysfs -O sysfs.path="$fx/sys/bus/pci" -D -xxxx >"$dest/x.txt" 2>/dev/null
lspci -F "$dest/x.txt" -D -vvnn 2>/dev/null |
	awk -v fx="$fx" '
	BEGIN {
		while ((getline l < (fx "/kernel-groups.txt")) > 0) {
			n = split(l, f, " ")
			if (f[1] == "none") continue
			for (i = 3; i <= n; i++) group[f[i]] = f[1]
		}
	}
	function extra(   drv, cmd) {
		if (bdf == "") return
		cmd = "readlink \"" fx "/sys/bus/pci/devices/" bdf "/driver\" 2>/dev/null"
		drv = ""
		cmd | getline drv
		close(cmd)
		sub(/.*\//, "", drv)
		if (drv != "") printf "\tKernel driver in use: %s\n", drv
		if (bdf in group) printf "\tIOMMU group: %s\n", group[bdf]
		bdf = ""
	}
	/^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]:/ { bdf = $1 }
	/^$/ { extra() }
	{ print }
	END { extra() }' >"$dest/vv.txt"
# kernel-partition.json as lspci-dump.sh writes it (its dump.txt is unused)
sh "$(dirname "$0")/lspci-dump.sh" "$dest" "$fx"
