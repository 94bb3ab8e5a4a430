#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vfio-ratio.sh - `iommu-groups attach --bench` against the raw reference
# loop (bench/vfio-raw.c) in the same machine: RUNS alternating runs of
# each on the same group, the median map+unmap/s of each per size (the
# tool's touched, 4 KiB-page rows), and their ratio (tool / raw; 1.0 =
# no overhead). POSIX sh: runs in the busybox test guest too.
#
# usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]
#        (defaults 5 runs, 2000 iterations, 4096)
# Environment: IG (iommu-groups, default iommu-groups), RAW (vfio-raw,
# default ./vfio-raw). Needs root; the raw runs bind the group with
# `attach --keep` and give it back with `detach`.
# Output: "RUN I tool|raw size=S map_unmap_per_s=R" per run (to see the
# spread), then "RATIO size=S tool=T raw=R ratio=X" per size (medians);
# exit 1 on a failure.
set -u
bdf=${1:?usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]}
group=${2:?usage: vfio-ratio.sh BDF GROUP [RUNS [ITERATIONS [SIZE_BYTES...]]]}
runs=${3:-5}
iters=${4:-2000}
shift 2; [ $# -gt 0 ] && shift; [ $# -gt 0 ] && shift
sizes=${*:-4096}
IG=${IG:-iommu-groups}
RAW=${RAW:-./vfio-raw}
tmp=${TMPDIR:-/tmp}/vfio-ratio.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
list=$(echo "$sizes" | tr ' ' ',')

median() {  # FILE: the median of its numbers
    sort -n "$1" | awk '{v[NR] = $1} END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    # the tool: attach, bench, restore in one run
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
        "$tmp/tool.json" | while read -r s r; do echo "$r" >>"$tmp/tool.$s"; echo "RUN $i tool size=$s map_unmap_per_s=$r"; done
    # the reference: the same group bound by attach --keep
    if ! "$IG" attach "$bdf" --keep >/dev/null 2>"$tmp/keep.err"; then
        echo "vfio-ratio: attach --keep failed:" >&2
        cat "$tmp/keep.err" >&2
        exit 1
    fi
    # shellcheck disable=SC2086 # one argument per size
    "$RAW" "$group" "$iters" $sizes >"$tmp/raw.out" 2>&1
    rawrc=$?
    "$IG" detach "$bdf" >/dev/null 2>&1 || { echo "vfio-ratio: detach failed" >&2; exit 1; }
    if [ "$rawrc" != 0 ]; then
        echo "vfio-ratio: vfio-raw failed:" >&2
        cat "$tmp/raw.out" >&2
        exit 1
    fi
    sed -n 's/^size=\([0-9]*\) .*map_unmap_per_s=\([0-9.]*\)$/\1 \2/p' "$tmp/raw.out" |
        while read -r s r; do echo "$r" >>"$tmp/raw.$s"; echo "RUN $i raw size=$s map_unmap_per_s=$r"; done
done
for s in $sizes; do
    t=$(median "$tmp/tool.$s" 2>/dev/null)
    r=$(median "$tmp/raw.$s" 2>/dev/null)
    echo "RATIO size=$s runs=$runs iterations=$iters tool=$t raw=$r ratio=$(awk -v t="$t" -v r="$r" 'BEGIN { if (r > 0) printf "%.3f", t / r; else print "nan" }')"
done
