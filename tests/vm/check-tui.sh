#!/usr/bin/env bash
# The live TUI on a real kernel: boots the attach topology with the binary
# and tests/vm/tui-guest.sh (added as a guest: command, base64-encoded, as
# check-attach.sh does), which runs the view headless on the kernel's
# uevents while a function is bound to vfio-pci and back; then reads the
# verdicts from the guest's setup log.
#
# usage: check-tui.sh BINARY [TOPOLOGY]   (default topologies/attach-e1000e.topo)
# Environment: TUI_BDF (an e1000e of the topology, default 0000:04:00.0),
# VM_TIMEOUT (300). Output: build/vm-out/tui-SERIES/NAME/ (setup-log.txt).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

bin=${1:?usage: check-tui.sh BINARY [TOPOLOGY]}
topo=${2:-$VM_DIR/topologies/attach-e1000e.topo}
name=$(basename "$topo" .topo)
out="$REPO_TOP/build/vm-out/tui-${KERNEL_SERIES:-6.12}/$name"
mkdir -p "$out"
gen="$out/$name.topo"
script=$(base64 -w0 "$VM_DIR/tui-guest.sh")
ensure_packages
fetch_kernel
{
    cat "$topo"
    echo "guest: echo $script | base64 -d >/tmp/tui-guest.sh; BDF=${TUI_BDF:-0000:04:00.0} sh /tmp/tui-guest.sh >/tmp/tui.log 2>&1; cat /tmp/tui.log"
} >"$gen"
"$VM_DIR/run-vm.sh" --binary "$bin" --timeout "${VM_TIMEOUT:-300}" --out "$out/run" "$gen" \
    >"$out/run.log" 2>&1 || true
log="$out/run/setup-log.txt"
if [ ! -s "$log" ]; then
    echo "FAIL $name: the guest sent no setup log (see $out/run.log, $out/run/console.log)"
    exit 1
fi
grep '^TUI-TEST \(PASS\|FAIL\)' "$log" | sed 's/^TUI-TEST //' || true
pass=$(grep -c '^TUI-TEST PASS' "$log" || true)
failn=$(grep -c '^TUI-TEST FAIL' "$log" || true)
if ! grep -q '^TUI-TEST DONE' "$log"; then
    echo "FAIL $name: the guest script did not finish (see $log)"
    failn=$((failn + 1))
fi
echo "check-tui $name: $pass passed, $failn failed (details: $log)"
[ "$failn" -eq 0 ]
