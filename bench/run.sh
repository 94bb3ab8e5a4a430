#!/usr/bin/env bash
# Benchmark: `list` on a synthetic sysroot of a large server (bench/mksysroot.c):
# wall time, and system calls per PCI function (strace -c), for growing sizes,
# to show cost linear in devices. Not a test: nothing here asserts timings.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IOMMU_GROUPS:-$top/iommu-groups}
work=${BENCH_DIR:-$top/build/bench}
mkdir -p "$work"
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/mksysroot" "$top/bench/mksysroot.c"
printf '%-10s %-10s %-10s %-12s\n' functions list_s json_s syscalls/fn
for spec in "1 24 31" "4 24 31" "10 24 31"; do
	read -r dom rps vfs <<<"$spec"
	root="$work/sysroot-$dom-$rps-$vfs"
	[ -d "$root" ] || "$work/mksysroot" "$root" "$dom" "$rps" "$vfs" >/dev/null
	n=$(find "$root/sys/bus/pci/devices" -mindepth 1 -maxdepth 1 | wc -l)
	t0=$(date +%s.%N); "$bin" --sysroot "$root" list >/dev/null; t1=$(date +%s.%N)
	"$bin" --sysroot "$root" --json list >/dev/null; t2=$(date +%s.%N)
	calls=-
	if command -v strace >/dev/null; then
		calls=$(strace -c -f -o "$work/strace.txt" "$bin" --sysroot "$root" list >/dev/null 2>&1 &&
			awk '/total/ {print $4}' "$work/strace.txt")
		calls=$(awk -v c="$calls" -v n="$n" 'BEGIN {printf "%.1f", c / n}')
	fi
	printf '%-10s %-10.2f %-10.2f %-12s\n' "$n" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$calls"
done
