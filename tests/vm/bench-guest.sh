#!/bin/sh
# Runs inside the test guest (busybox sh), put there by check-bench.sh:
# attach --bench on the real kernel, one line per check:
#   BENCH-TEST PASS name | BENCH-TEST FAIL name: why
# then the RATIO lines of bench/vfio-ratio.sh and "BENCH-TEST DONE".
# Environment: SW (an e1000e whose group also holds a switch port),
# RAW (/tmp/vfio-raw), RATIO (/tmp/vfio-ratio.sh), RATIO_RUNS.
TAG=BENCH-TEST
# shellcheck source-path=SCRIPTDIR source=guest-lib.sh disable=SC2034
. /tmp/guest-lib.sh

back() {  # NAME: the e1000e is back, no journal left
    if [ "$(drv "$SW")" != e1000e ]; then
        fail "$1" "$SW bound to '$(drv "$SW")', not e1000e"
    elif ls "$IOMMU_GROUPS_RUNDIR"/group-*.json >/dev/null 2>&1; then
        fail "$1" "a journal is left: $(ls "$IOMMU_GROUPS_RUNDIR")"
    else
        pass "$1"
    fi
}
has() { grep -q "$2" "/tmp/$1.out"; }

[ "$(drv "$SW")" = e1000e ] || fail setup "$SW is on '$(drv "$SW")', not e1000e"
group=$(basename "$(readlink "$D/$SW/iommu_group")")
echo 4 >/proc/sys/vm/nr_hugepages 2>/dev/null

# 1. every size and mode, --many, JSON
run all $IG attach "$SW" --bench --json --sizes 4K,64K,2M,1G --iterations 20 --many
if [ "$rc" != 0 ]; then fail bench-all "exit $rc"
elif ! has all '"restored": true' || ! has all '"touched": false' ||
     ! has all '"backing": "thp"' || ! has all '"many": true' ||
     ! has all '"map_unmap_per_s"' || ! has all '"p99"' || ! has all '"pgsizes"'; then
    fail bench-all "JSON lacks restored / untouched / thp / many rows / rates / pgsizes"
else
    pass bench-all
    has all '1G capped to' && pass bench-1g-capped-said || fail bench-1g-capped-said "no cap note"
    has all '"partial": true' && fail bench-all-complete "a row is partial" || pass bench-all-complete
    # each row against its limit: upstream's for touched, zeroing measured here for untouched
    if has all '"limit": "upstream-4k"' && has all '"limit": "zeroing"' &&
       has all '"map_fraction": [0-9]' && has all '"zero_gib_per_s": [0-9]' && has all '"chunks": [1-9]'; then
        pass bench-limits
    else
        fail bench-limits "no upstream-4k / zeroing limit, map_fraction, zero_gib_per_s or rate chunks"
    fi
    # --many: the kernel's pinned count saw the mappings, and none is left
    if has all '"pinned_bytes": [1-9]' && has all '"pinned_after_bytes": 0,' &&
       has all '"obtained": "4k"'; then
        pass bench-many-pinned
    else
        fail bench-many-pinned "no pinned_bytes > 0 in the many row, pinned_after_bytes not 0, or no 4k obtained"
    fi
fi
grep -q 'bench \[' /tmp/all.err && fail bench-no-bar-off-tty "a progress bar on a stderr that is not a terminal" ||
    pass bench-no-bar-off-tty
back bench-all-restored

# 2. text table, --duration
run text $IG attach "$SW" --bench --sizes 4K --duration 0.5
[ "$rc" = 0 ] && has text 'map/s' && has text 'Restored:' && pass bench-text-duration ||
    fail bench-text-duration "exit $rc or no table"
has text 'of limit' && has text 'limit 4k: 57 GiB/s' && has text 'limit untouched: [0-9]' &&
    pass bench-text-limits || fail bench-text-limits "no 'of limit' column or limit lines"
back bench-text-restored

# 2a. the progress bar: stderr on the serial console (a terminal), a run of
# several seconds; check-bench.sh finds it in console.log, the table not
echo "--- bar"
$IG attach "$SW" --bench --sizes 4K --iterations 30000 >/tmp/bar.out 2>/dev/ttyS0
rc=$?
[ "$rc" = 0 ] && ! grep -q 'bench \[' /tmp/bar.out && pass bench-bar-run ||
    fail bench-bar-run "exit $rc, or the bar on stdout"
back bench-bar-restored

# 2b. THP on (the kernel turns it off below 512 MiB of RAM): the touched
# 2M THP row must get its huge page, as smaps says
run thpoff $IG attach "$SW" --bench --json --sizes 2M --iterations 5
if [ "$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)" = "always madvise [never]" ]; then
    has thpoff 'THP is off' && pass bench-thp-off-said || fail bench-thp-off-said "no note"
fi
echo madvise >/sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
run thp $IG attach "$SW" --bench --json --sizes 2M --iterations 20
if [ "$rc" = 0 ] && grep -A3 '"backing": "thp"' /tmp/thp.out | grep -q '"thp_bytes": 2097152'; then
    pass bench-thp-obtained
else
    fail bench-thp-obtained "exit $rc, no 2M THP row with thp_bytes 2097152"
fi
back bench-thp-restored

# 3. --hugepages (hugetlbfs 2M: 4 reserved above, or said unavailable)
run huge $IG attach "$SW" --bench --json --sizes 2M --iterations 20 --hugepages
if [ "$rc" = 0 ] && has huge '"backing": "hugetlb"' && ! has huge '"obtained": "hugetlb"'; then
    fail bench-hugepages "a hugetlb row, but smaps does not say hugetlb was obtained"
elif [ "$rc" = 0 ] && { has huge '"obtained": "hugetlb"' || has huge 'no hugetlbfs pages'; }; then
    pass bench-hugepages
else
    fail bench-hugepages "exit $rc, no hugetlb row and no note"
fi
back bench-hugepages-restored

# 4. SIGINT mid-run: partial results, exit 130, nothing left
$IG attach "$SW" --bench --json --sizes 4K --iterations 10000000 >/tmp/int.out 2>/tmp/int.err &
pid=$!
n=0
while [ "$(drv "$SW")" != vfio-pci ] && [ $n -lt 100 ]; do sleep 0.2; n=$((n + 1)); done
sleep 2
kill -INT "$pid"
wait "$pid"
rc=$?
echo "--- int: -> $rc"
cat /tmp/int.out /tmp/int.err
if [ "$rc" != 130 ]; then fail bench-sigint "exit $rc, not 130"
elif ! has int '"interrupted": true' || ! has int '"partial": true' ||
     ! has int '"mappings_left": false' || ! has int '"restored": true' ||
     ! has int '"pinned_after_bytes": 0,'; then
    fail bench-sigint "JSON lacks interrupted / a partial row / mappings_left false / restored / pinned_after_bytes 0"
else
    pass bench-sigint
fi
back bench-sigint-restored
# nobody holds the group afterwards: a fresh container can take it
run after $IG attach "$SW" --bench --sizes 4K --iterations 10
[ "$rc" = 0 ] && pass bench-after-sigint || fail bench-after-sigint "exit $rc"

# 5. the tool against the raw loop, alternating
echo "--- ratio"
IG=$IG RAW=$RAW sh "$RATIO" "$SW" "$group" "${RATIO_RUNS:-7}" 2000 4096 65536 >/tmp/ratio.out 2>&1
rc=$?
cat /tmp/ratio.out
grep '^RATIO ' /tmp/ratio.out
[ "$rc" = 0 ] && grep -q '^RATIO size=4096 .*ratio=[0-9]' /tmp/ratio.out && pass bench-ratio ||
    fail bench-ratio "exit $rc"
back bench-ratio-restored
echo "BENCH-TEST DONE"
