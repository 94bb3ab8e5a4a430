#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/vm-config.sh [BINARY] - config space read on a live kernel, per
# function: boots the SR-IOV guest (tests/vm/topologies/sriov-nvme.topo: an
# nvme PF with its VFs enabled) and runs `list` and `list --json` there under
# bench/cfgcount.so, which sums the bytes each function's sysfs "config"
# yields (every 4-byte word is a configuration access on real hardware).
# Prints the bytes per virtual function, physical function and other
# function (max and mean) for each command; exits 1 when a VF cost more than
# 256 bytes (#21's target). KERNEL_SERIES=7 for sid's kernel.
# Output: build/vm-out/config-SERIES/ (setup-log.txt has the raw CFG lines).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/vm/lib.sh
. "$top/tests/vm/lib.sh"
bin=${1:-$top/iommu-groups}
out="$REPO_TOP/build/vm-out/config-${KERNEL_SERIES:-6.12}"
mkdir -p "$out"
# no -ldl: the guest has only the binary's libraries (glibc >= 2.34 has dlsym)
${CC:-cc} -O2 -Wall -Wextra -Werror -shared -fPIC -o "$out/cfgcount.so" "$top/bench/cfgcount.c"
so=$(base64 -w0 "$out/cfgcount.so")
ensure_packages
fetch_kernel
gen="$out/sriov-config.topo"
{
    cat "$VM_DIR/topologies/sriov-nvme.topo"
    echo "guest: echo $so | base64 -d >/tmp/cfgcount.so"
    # kind of each function: vf (physfn link), pf (SR-IOV capable), other
    echo 'guest: for run in list json; do a=list; [ $run = json ] && a="--json list"; CFGCOUNT_OUT=/tmp/cfg-$run.txt LD_PRELOAD=/tmp/cfgcount.so /bin/iommu-groups $a >/dev/null 2>&1; echo "RC $run $?"; while read -r tag bdf bytes reads; do k=other; [ -e /sys/bus/pci/devices/$bdf/sriov_totalvfs ] && k=pf; [ -e /sys/bus/pci/devices/$bdf/physfn ] && k=vf; echo "CFGX $run $k $bdf $bytes $reads"; done </tmp/cfg-$run.txt; done'
} >"$gen"
"$VM_DIR/run-vm.sh" --binary "$bin" --timeout "${VM_TIMEOUT:-600}" --out "$out/run" "$gen" \
    >"$out/run.log" 2>&1 || true
log="$out/run/setup-log.txt"
if ! grep -q '^CFGX ' "$log" 2>/dev/null; then
    echo "FAIL: no figures from the guest (see $out/run.log, $out/run/console.log)"
    exit 1
fi
grep '^RC ' "$log" | sed 's/^/guest: /'
awk '/^CFGX / { run = $2; k = $3; n[run, k]++; s[run, k] += $5; if ($5 > m[run, k]) m[run, k] = $5
                if (!(run in seen)) { seen[run] = 1; order[++nr] = run } }
     END { for (i = 1; i <= nr; i++) { r = order[i]
             for (j = 1; j <= 3; j++) { k = j == 1 ? "vf" : j == 2 ? "pf" : "other"
               if (n[r, k]) printf "%-5s %-5s %3d functions: config bytes max %d, mean %.0f\n",
                   r, k, n[r, k], m[r, k], s[r, k] / n[r, k] } }
           bad = 0; for (i = 1; i <= nr; i++) if (m[order[i], "vf"] > 256) bad = 1
           if (!n[order[1], "vf"]) { print "FAIL: no virtual function seen"; exit 1 }
           if (bad) { print "FAIL: a virtual function cost more than 256 bytes"; exit 1 }
           print "PASS: every virtual function read at most 256 bytes" }' "$log"
