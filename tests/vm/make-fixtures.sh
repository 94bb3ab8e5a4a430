#!/usr/bin/env bash
# Regenerate fixtures/<series>/NAME/ from tests/vm/topologies/NAME.topo by
# booting each topology and capturing its sysroot.
#
# usage: make-fixtures.sh [TOPOLOGY_NAME_OR_FILE...]   (default: all)
# env:   KERNEL_SERIES (6.12), VM_JOBS (parallel boots, default: nproc),
#        VM_CACHE, VM_ACCEL, VM_TIMEOUT
#
# Each fixture directory IS the sysroot (use --sysroot fixtures/6.12/NAME)
# plus topology.topo (the topology that made it) and kernel-groups.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_packages
fetch_kernel
dest=$(fixture_series_dir)
jobs=${VM_JOBS:-$(nproc)}

mapfile -t topos < <(topology_files "$@")
if [ $# -eq 0 ]; then # all: those marked "fixture: no" only when named
    keep=()
    for t in "${topos[@]}"; do
        parse_topology "$t"
        [ "$TOPO_FIXTURE" = no ] || keep+=("$t")
    done
    topos=("${keep[@]}")
fi

outroot="$REPO_TOP/build/vm-out/fixtures-$KERNEL_SERIES"
mkdir -p "$outroot" "$dest"
export outroot
rm -f "$outroot/failed"
# shellcheck disable=SC2016
printf '%s\n' "${topos[@]}" | xargs -P "$jobs" -I{} sh -c \
    'n=$(basename "$1" .topo); "$2/run-vm.sh" --out "$outroot/$n" "$1" >"$outroot/$n.log" 2>&1 || echo "$n" >>"$outroot/failed"' \
    sh {} "$VM_DIR"

fail=0
for t in "${topos[@]}"; do
    n=$(basename "$t" .topo)
    o="$outroot/$n"
    if [ ! -s "$o/kernel-groups.txt" ] || [ ! -d "$o/sysroot/sys" ] || grep -qx "$n" "$outroot/failed" 2>/dev/null; then
        log "FAILED $n (see $outroot/$n.log, $o/console.log)"
        fail=1
        continue
    fi
    rm -rf "${dest:?}/$n"
    mkdir -p "$dest/$n"
    cp -a "$o/sysroot/." "$dest/$n/"
    cp "$t" "$dest/$n/topology.topo"
    cp "$o/kernel-groups.txt" "$dest/$n/kernel-groups.txt"
    printf '%-28s %5ss  %s groups, %s ungrouped\n' "$n" "$(cat "$o/boot-seconds")" \
        "$(grep -vc '^none ' "$o/kernel-groups.txt" || true)" "$(grep -c '^none ' "$o/kernel-groups.txt" || true)"
done
rm -f "$outroot/failed"
exit "$fail"
