#!/usr/bin/env bash
# attach --bench on a real kernel: boots the attach topology with the binary,
# the raw reference loop (bench/vfio-raw.c, built here), bench/vfio-ratio.sh
# and tests/vm/bench-guest.sh (each added as a guest: command,
# base64-encoded), then reads the verdicts and the ratio from the guest's
# setup log. The 5% target of the ratio is measured, not asserted.
#
# usage: check-bench.sh BINARY [TOPOLOGY]   (default topologies/attach-e1000e.topo)
# Environment: BENCH_SW (BDF, default 0000:03:00.0), RATIO_RUNS (11),
# VM_TIMEOUT (900).
# Output: build/vm-out/bench-SERIES/NAME/ (setup-log.txt has every run's
# output), one line per check and the RATIO lines, exit 1 on any failure.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

bin=${1:?usage: check-bench.sh BINARY [TOPOLOGY]}
topo=${2:-$VM_DIR/topologies/attach-e1000e.topo}
name=$(basename "$topo" .topo)
out="$REPO_TOP/build/vm-out/bench-${KERNEL_SERIES:-6.12}/$name"
mkdir -p "$out"
gen="$out/$name.topo"
${CC:-cc} -O2 -Wall -Wextra -Werror -o "$out/vfio-raw" "$REPO_TOP/bench/vfio-raw.c"
raw=$(base64 -w0 "$out/vfio-raw")
ratio=$(base64 -w0 "$REPO_TOP/bench/vfio-ratio.sh")
env="SW=${BENCH_SW:-0000:03:00.0} RAW=/tmp/vfio-raw RATIO=/tmp/vfio-ratio.sh RATIO_RUNS=${RATIO_RUNS:-11}"
ensure_packages
fetch_kernel
{
    cat "$topo"
    echo "guest: echo $raw | base64 -d >/tmp/vfio-raw; chmod +x /tmp/vfio-raw"
    echo "guest: echo $ratio | base64 -d >/tmp/vfio-ratio.sh"
    guest_script_cmd "$VM_DIR/bench-guest.sh" "$env"
} >"$gen"
"$VM_DIR/run-vm.sh" --binary "$bin" --timeout "${VM_TIMEOUT:-900}" --out "$out/run" "$gen" \
    >"$out/run.log" 2>&1 || true
log="$out/run/setup-log.txt"
# the progress bar went to the serial console (a terminal): drawn, up
# to 100%, then erased (ESC[K after the last drawing: "\r\033[K")
con="$out/run/console.log"
esc=$(printf '\033')
if [ ! -s "$log" ]; then
    :
elif grep -aq "bench \[#*\.*\] 100% 4K 4k untouched${esc}\[K${esc}\[K" "$con"; then
    echo "BENCH-TEST PASS bench-bar-shown" >>"$log"
else
    echo "BENCH-TEST FAIL bench-bar-shown: no progress bar reaching 100% and erased in $con" >>"$log"
fi
grep "^RUN \|^RATIO " "$log" 2>/dev/null | awk "!seen[\$0]++" || true
guest_verdicts BENCH-TEST check-bench "$name" "$log"
