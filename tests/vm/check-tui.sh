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
ensure_packages
fetch_kernel
{
    cat "$topo"
    guest_script_cmd "$VM_DIR/tui-guest.sh" "BDF=${TUI_BDF:-0000:04:00.0}"
} >"$gen"
"$VM_DIR/run-vm.sh" --binary "$bin" --timeout "${VM_TIMEOUT:-300}" --out "$out/run" "$gen" \
    >"$out/run.log" 2>&1 || true
guest_verdicts TUI-TEST check-tui "$name" "$out/run/setup-log.txt"
