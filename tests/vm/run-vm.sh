#!/usr/bin/env bash
# Boot one topology in QEMU (q35) with the Debian kernel and collect what the
# guest sends back over its second serial port.
#
# usage: run-vm.sh [--out DIR] [--binary PATH] [--timeout SEC] [--accel kvm|tcg]
#                  [--keep] TOPOLOGY_FILE
#
# Results in DIR (default: build/vm-out/NAME):
#   kernel-groups.txt   kernel groups as read in the guest
#   sysroot/            captured sysroot (see guest-init.sh)
#   setup-log.txt       output of module loading / guest commands
#   list.json, list.stderr, list.rc   (with --binary) "iommu-groups list --json"
#   console.log         guest console (ttyS0)
#   boot-seconds        wall time of the qemu run
# Exit status: 0 if the guest finished (=== DONE === seen), 1 otherwise.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

out="" binary="" timeout_s=${VM_TIMEOUT:-120} accel=${VM_ACCEL:-} keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        --timeout) timeout_s=$2; shift 2 ;;
        --accel) accel=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) break ;;
    esac
done
[ $# -eq 1 ] || die "usage: run-vm.sh [options] TOPOLOGY_FILE"
topo=$1
parse_topology "$topo"
if [ "$TOPO_TIMEOUT" -gt "$timeout_s" ]; then timeout_s=$TOPO_TIMEOUT; fi
[ -n "$out" ] || out="$REPO_TOP/build/vm-out/$TOPO_NAME"

ensure_packages
fetch_kernel

# Some hosts have a /dev/kvm that cannot run this kernel (e.g. kvm-pvm,
# nested setups failing on MSRs / instruction emulation).  When that happens
# once, a marker in the cache makes later runs use TCG directly.
kvm_marker="$VM_CACHE/kvm-unusable.$(uname -n)"
auto_accel=0
if [ -z "$accel" ]; then
    auto_accel=1
    if [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ ! -f "$kvm_marker" ]; then accel=kvm; else accel=tcg; fi
fi
case "$accel" in
    kvm|tcg) ;;
    *) die "--accel must be kvm or tcg" ;;
esac
# -cpu host can fail under nested KVM (MSR 0x10a); default CPU model unless
# VM_CPU is set.
cpuargs=()
[ -n "${VM_CPU:-}" ] && cpuargs=(-cpu "$VM_CPU")

rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/vmrun.XXXXXX")
# shellcheck disable=SC2317
cleanup() { if [ "$keep" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

mkargs=(--out "$work/initrd.gz" --kmoddir "$KMODDIR")
for m in "${TOPO_MODULES[@]+"${TOPO_MODULES[@]}"}"; do mkargs+=(--module "$m"); done
for c in "${TOPO_GUEST[@]+"${TOPO_GUEST[@]}"}"; do mkargs+=(--guest-cmd "$c"); done
[ -n "$binary" ] && mkargs+=(--binary "$binary")
"$VM_DIR/mkinitramfs.sh" "${mkargs[@]}"

run_qemu() {
    local pid kvm_failed=0
    qemu=(qemu-system-x86_64
        -machine "$TOPO_MACHINE" -accel "$accel" "${cpuargs[@]+"${cpuargs[@]}"}" -smp "${VM_SMP:-1}" -m "$TOPO_MEMORY"
        -nodefaults -nographic -no-reboot -monitor none
        -kernel "$KIMAGE" -initrd "$work/initrd.gz"
        -append "console=ttyS0 panic=-1 ${TOPO_CMDLINE}"
        -serial stdio -serial "file:$work/serial1.raw"
        -global e1000.romfile= -global e1000e.romfile= -global virtio-net-pci.romfile=
        "${TOPO_QEMU[@]+"${TOPO_QEMU[@]}"}")
    printf '%q ' "${qemu[@]}" >"$out/qemu-cmdline"
    echo >>"$out/qemu-cmdline"
    rm -f "$work/serial1.raw"
    t0=$(date +%s.%N)
    rc=0
    timeout --kill-after=5 "$timeout_s" "${qemu[@]}" </dev/null >"$out/console.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$accel" = kvm ] && grep -qa -e 'KVM internal error' -e 'failed to set MSR' "$out/console.log"; then
            kvm_failed=1
            kill "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.3
    done
    wait "$pid" || rc=$?
    t1=$(date +%s.%N)
    if [ "$accel" = kvm ] && grep -qa -e 'KVM internal error' -e 'failed to set MSR' "$out/console.log"; then
        kvm_failed=1
    fi
    if [ "$kvm_failed" = 1 ]; then
        log "KVM cannot run this guest here ($(grep -a -m1 -o -e 'KVM internal error.*' -e 'failed to set MSR.*' "$out/console.log"))"
        return 2
    fi
    return 0
}
if ! run_qemu; then
    if [ "$auto_accel" = 1 ]; then
        log "falling back to TCG (marker: $kvm_marker)"
        : >"$kvm_marker"
        accel=tcg
        run_qemu || true
    fi
fi
# Under TCG on a loaded host the kernel's IO-APIC timer check can fail
# ("Kernel panic - not syncing: timer doesn't work through Interrupt-remapped
# IO-APIC", seen with 7.2 at load ~4): a flake of the host, not of the
# topology.  Boot again, at most twice (no_timer_check would avoid it but
# would change /proc/cmdline in every fixture).
for retry in 1 2; do
    grep -qa "timer doesn't work through" "$out/console.log" || break
    log "$TOPO_NAME: IO-APIC timer check failed (host too slow), booting again ($retry/2)"
    run_qemu || true
done
awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f\n", b-a}' >"$out/boot-seconds"
tr -d '\r' <"$out/console.log" >"$out/console.tmp" && mv "$out/console.tmp" "$out/console.log"

raw="$work/serial1.txt"
tr -d '\r' <"$work/serial1.raw" >"$raw" 2>/dev/null || : >"$raw"

extract() {  # SECTION FILE
    awk -v s="$1" '$0=="=== END " s " ==="{p=0} p{print} $0=="=== BEGIN " s " ==="{p=1}' "$raw" | base64 -d >"$2"
}
status=0
if ! grep -qx '=== DONE ===' "$raw"; then
    log "$TOPO_NAME: guest did not finish (qemu exit $rc, timeout ${timeout_s}s); see $out/console.log"
    status=1
fi
if grep -qx '=== BEGIN kernel-groups ===' "$raw"; then
    extract kernel-groups "$out/kernel-groups.txt"
    extract setup-log "$out/setup-log.txt"
    mkdir -p "$out/sysroot"
    extract sysroot "$work/sysroot.tgz"
    tar -C "$out/sysroot" -xzf "$work/sysroot.tgz"
fi
if grep -qx '=== BEGIN list-json ===' "$raw"; then
    extract list-json "$out/list.json"
    extract list-stderr "$out/list.stderr"
    extract list-rc "$out/list.rc"
fi
log "$TOPO_NAME: $accel boot took $(cat "$out/boot-seconds") s"
exit "$status"
