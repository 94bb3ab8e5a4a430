#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/run.sh - iommu-groups against lspci on synthetic server sysroots
# (bench/mksysroot.c) of about 1k, 10k and 64k functions, measured in the
# same run: each command and its lspci reference alternate, BENCH_RUNS times
# (default 5), and the medians are compared. Printed per size: the wall
# time of `list`, `list --json`, `why-shared`, and `--from-dump` of an
# `lspci -xxxx` dump, each as a ratio to `lspci -nn` on the same tree (the
# dump against lspci reading that tree with -xxxx); max RSS of `list --json`
# against lspci's; system calls per function (strace -c -f) and config-space
# bytes read per function (strace, reads of */config), each also as a ratio
# to lspci's. Not a test: nothing here asserts; docs in bench/README.md.
#
# BENCH_SIZES: "DOMAINS:ROOTPORTS ..." (default "1:4 2:19 10:24"); BENCH_RUNS.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IOMMU_GROUPS:-$top/iommu-groups}
work=${BENCH_DIR:-$top/build/bench}
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-"1:4 2:19 10:24"}
mkdir -p "$work"
for c in lspci strace; do
	command -v "$c" >/dev/null || { echo "bench: $c is needed (apt-get install pciutils strace)" >&2; exit 1; }
done
cc -std=c11 -O2 -Wall -Wextra -Werror -I"$top/tests/lib" -o "$work/mksysroot" "$top/bench/mksysroot.c" \
	"$top/tests/lib/sysroot_build.c"
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/runstat" "$top/bench/runstat.c"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_pair NAME "CMD..." "REFERENCE CMD..." [STDIN]: alternating runs;
# prints "NAME ours_s ref_s ratio ours_rss_kib ref_rss_kib rss_ratio"
time_pair() {
	local name=$1 ours=$2 ref=$3 in=${4:-} i o r
	local -a io=()
	[ -n "$in" ] && io=(-i "$in")
	: >"$work/t.ours"; : >"$work/t.ref"
	for ((i = 0; i < runs; i++)); do
		# shellcheck disable=SC2086
		"$work/runstat" "${io[@]}" $ours >>"$work/t.ours" || { echo "bench: $ours failed" >&2; exit 1; }
		# shellcheck disable=SC2086
		"$work/runstat" $ref >>"$work/t.ref" || { echo "bench: $ref failed" >&2; exit 1; }
	done
	o=$(cut -d' ' -f1 "$work/t.ours" | median)
	r=$(cut -d' ' -f1 "$work/t.ref" | median)
	om=$(cut -d' ' -f2 "$work/t.ours" | median | cut -d. -f1)
	rm=$(cut -d' ' -f2 "$work/t.ref" | median | cut -d. -f1)
	printf '%-22s %8.3f %8.3f %7.2fx %9d %9d %7.2fx\n' "$name" "$o" "$r" "$(echo "$o / $r" | bc -l)" \
		"$om" "$rm" "$(echo "$om / $rm" | bc -l)"
}

# config_bytes CMD...: bytes read from */config files (strace -y names each
# fd's path), reads and preads alike
config_bytes() {
	strace -f -y -e trace=read,pread64 -o "$work/reads.txt" "$@" >/dev/null 2>&1
	awk -F'= ' '/\/config>/ && $NF ~ /^[0-9]+$/ { s += $NF } END { print s + 0 }' "$work/reads.txt"
}

printf '%-22s %8s %8s %8s %9s %9s %8s\n' "what" "ours_s" "lspci_s" "ratio" "rss_KiB" "lspci_KiB" \
	"ratio"
for spec in $sizes; do
	dom=${spec%%:*} rps=${spec##*:}
	root="$work/sysroot-$dom-$rps"
	[ -d "$root" ] || "$work/mksysroot" "$root" "$dom" "$rps" 31 >/dev/null
	n=$(find "$root/sys/bus/pci/devices" -mindepth 1 -maxdepth 1 | wc -l)
	pcipath=$root/sys/bus/pci
	lspci_nn="lspci -A linux-sysfs -O sysfs.path=$pcipath -nn"
	[ -f "$work/dump-$dom-$rps.txt" ] ||
		lspci -A linux-sysfs -O sysfs.path="$pcipath" -D -xxxx >"$work/dump-$dom-$rps.txt"
	bdf=$(ls "$root/sys/bus/pci/devices" | sed -n '$p')
	echo "== $n functions (mksysroot $dom $rps 31), medians of $runs alternating runs"
	time_pair "list" "$bin --sysroot $root list" "$lspci_nn"
	time_pair "list --json" "$bin --sysroot $root --json list" "$lspci_nn"
	time_pair "why-shared" "$bin --sysroot $root why-shared $bdf" "$lspci_nn"
	time_pair "--from-dump (-xxxx)" "$bin --kernel 7.2 --from-dump - list" \
		"lspci -A linux-sysfs -O sysfs.path=$pcipath -D -xxxx" "$work/dump-$dom-$rps.txt"
	calls=$(strace -c -f -o "$work/strace.txt" "$bin" --sysroot "$root" list >/dev/null 2>&1 &&
		awk '/total/ {print $4}' "$work/strace.txt")
	lcalls=$(strace -c -f -o "$work/strace-lspci.txt" $lspci_nn >/dev/null 2>&1 &&
		awk '/total/ {print $4}' "$work/strace-lspci.txt")
	cfg=$(config_bytes "$bin" --sysroot "$root" list)
	# shellcheck disable=SC2086
	lcfg=$(config_bytes $lspci_nn)
	printf '%-22s %8.1f %8.1f %7.2fx\n' "syscalls/function" "$(echo "$calls / $n" | bc -l)" \
		"$(echo "$lcalls / $n" | bc -l)" "$(echo "$calls / $lcalls" | bc -l)"
	printf '%-22s %8.1f %8.1f %7.2fx\n' "config bytes/function" "$(echo "$cfg / $n" | bc -l)" \
		"$(echo "$lcfg / $n" | bc -l)" "$(echo "$cfg / ($lcfg + ($lcfg == 0))" | bc -l)"
done
