#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vfio-ratio.sh - `iommu-groups attach --bench` against the raw reference
# loop (bench/vfio-raw.c) in the same machine: RUNS alternating runs of
# each on the same group (tool then raw, then raw then tool, ...: neither
# always goes first), and per size the median of the per-run ratios
# tool / raw (1.0 = no overhead; each run's pair measured seconds apart,
# so a slow spell of the machine cancels out). Both report the same
# statistic, computed the same way: the median of the chunk rates of the
# bare loop (see bench/vfio-raw.c); the tool's touched, 4 KiB-page rows.
# POSIX sh: runs in the busybox test guest too.
#
# The group is bound to vfio-pci once, by `attach --keep` with its journal
# in a private directory: the tool's runs then find it on vfio-pci, take
# it as it is (nothing to rebind, nothing to restore) and the runs follow
# each other quickly; `detach` gives it back at the end, also on failure.
#
# usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]
#        (defaults 7 runs, 2000 iterations, 4096)
# Environment: IG (iommu-groups, default iommu-groups), RAW (vfio-raw,
# default ./vfio-raw). Needs root.
# Output: "RUN I tool|raw size=S map_unmap_per_s=R" and "RUN I ratio
# size=S ratio=X" per run (to see the spread), then per size
# "RATIO size=S runs=R iterations=N tool=T raw=R ratio=X ratio_of_medians=Y
# ratio_of_best=Z" (T, R: medians over the runs; X: the median per-run
# ratio; Z: the best run of each, which a loaded host, slowing runs but
# never speeding them up, disturbs least); exit 1 on a failure.
set -u
bdf=${1:?usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]}
group=${2:?usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]}
runs=${3:-7}
iters=${4:-2000}
shift 2; [ $# -gt 0 ] && shift; [ $# -gt 0 ] && shift
sizes=${*:-4096}
IG=${IG:-iommu-groups}
RAW=${RAW:-./vfio-raw}
tmp=${TMPDIR:-/tmp}/vfio-ratio.$$
mkdir -p "$tmp/keep" || exit 1
bound=0
# shellcheck disable=SC2317 # called by the trap
finish() {
    if [ "$bound" = 1 ]; then IOMMU_GROUPS_RUNDIR=$tmp/keep "$IG" detach "$bdf" >/dev/null 2>&1; fi
    rm -rf "$tmp"
}
trap finish EXIT
trap 'exit 1' INT TERM
list=$(echo "$sizes" | tr ' ' ',')

median() {  # FILE: the median of its numbers
    sort -n "$1" | awk '{v[NR] = $1} END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

q() {  # T R: T / R, or nan
    awk -v t="$1" -v r="$2" 'BEGIN { if (t != "" && r > 0) printf "%.3f", t / r; else print "nan" }'
}

tool() {  # I: one run of the tool; "SIZE RATE" lines in $tmp/t
    if ! "$IG" attach "$bdf" --bench --json --sizes "$list" --iterations "$iters" >"$tmp/tool.json" 2>"$tmp/tool.err"; then
        echo "vfio-ratio: iommu-groups attach --bench failed:" >&2
        cat "$tmp/tool.err" >&2
        exit 1
    fi
    awk '/"size":/ {gsub(/[^0-9]/, "", $2); size = $2}
         /"touched":/ {touched = ($2 ~ /true/)}
         /"backing":/ {backing = $2}
         /"many":/ {many = ($2 ~ /true/)}
         /"map_unmap_per_s":/ {gsub(/,/, "", $2); if (touched && backing ~ /"4k"/ && !many) print size, $2}' \
        "$tmp/tool.json" >"$tmp/t"
    while read -r s r; do echo "$r" >>"$tmp/tool.$s"; echo "RUN $1 tool size=$s map_unmap_per_s=$r"; done <"$tmp/t"
}

raw() {  # I: one run of the reference; "SIZE RATE" lines in $tmp/r
    # shellcheck disable=SC2086 # one argument per size
    if ! "$RAW" "$group" "$iters" $sizes >"$tmp/raw.out" 2>&1; then
        echo "vfio-ratio: vfio-raw failed:" >&2
        cat "$tmp/raw.out" >&2
        exit 1
    fi
    sed -n 's/^size=\([0-9]*\) .*map_unmap_per_s=\([0-9.]*\) loop_per_s=\([0-9.]*\).*$/\1 \2 \3/p' "$tmp/raw.out" >"$tmp/r"
    while read -r s r l; do
        echo "$r" >>"$tmp/raw.$s"
        echo "RUN $1 raw size=$s map_unmap_per_s=$r (whole loop: $l)"
    done <"$tmp/r"
}

if ! IOMMU_GROUPS_RUNDIR=$tmp/keep "$IG" attach "$bdf" --keep >/dev/null 2>"$tmp/keep.err"; then
    echo "vfio-ratio: attach --keep failed:" >&2
    cat "$tmp/keep.err" >&2
    exit 1
fi
bound=1
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    if [ $((i % 2)) = 1 ]; then tool "$i"; raw "$i"; else raw "$i"; tool "$i"; fi
    for s in $sizes; do
        t=$(awk -v s="$s" '$1 == s {print $2}' "$tmp/t")
        r=$(awk -v s="$s" '$1 == s {print $2}' "$tmp/r")  # not the whole loop
        x=$(awk -v t="$t" -v r="$r" 'BEGIN { if (t != "" && r > 0) printf "%.4f", t / r }')
        [ -n "$x" ] && { echo "$x" >>"$tmp/ratio.$s"; echo "RUN $i ratio size=$s ratio=$x"; }
    done
done
fail=0
for s in $sizes; do
    t=$(median "$tmp/tool.$s" 2>/dev/null)
    r=$(median "$tmp/raw.$s" 2>/dev/null)
    x=$(median "$tmp/ratio.$s" 2>/dev/null)
    if [ -z "$x" ] || [ "$x" = nan ]; then x=nan; fail=1; fi
    tb=$(sort -n "$tmp/tool.$s" 2>/dev/null | tail -n 1)
    rb=$(sort -n "$tmp/raw.$s" 2>/dev/null | tail -n 1)
    echo "RATIO size=$s runs=$runs iterations=$iters tool=$t raw=$r ratio=$x ratio_of_medians=$(q "$t" "$r") ratio_of_best=$(q "$tb" "$rb")"
done
exit "$fail"
