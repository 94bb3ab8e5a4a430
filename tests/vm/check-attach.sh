#!/usr/bin/env bash
# attach/detach on a real kernel: boots the attach topology with the binary
# and tests/vm/attach-guest.sh (added as a guest: command, base64-encoded,
# so the shared guest scripts stay as they are), then reads its verdicts
# from the guest's setup log.
#
# usage: check-attach.sh BINARY [TOPOLOGY]   (default topologies/attach-e1000e.topo)
# Environment: ATTACH_SW ATTACH_ALONE ATTACH_MF0 ATTACH_MF1 ATTACH_VGA
# ATTACH_NVME (BDFs of the topology's roles, defaults for attach-e1000e plus
# the nvme this script adds at 00:07.0 unless ATTACH_NO_NVME=1), VM_TIMEOUT (600).
# Output: build/vm-out/attach-SERIES/NAME/ (setup-log.txt has every run's output),
# one line per check, exit 1 on any failure.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

bin=${1:?usage: check-attach.sh BINARY [TOPOLOGY]}
topo=${2:-$VM_DIR/topologies/attach-e1000e.topo}
name=$(basename "$topo" .topo)
out="$REPO_TOP/build/vm-out/attach-${KERNEL_SERIES:-6.12}/$name"
mkdir -p "$out"
gen="$out/$name.topo"
env="SW=${ATTACH_SW:-0000:03:00.0} ALONE=${ATTACH_ALONE:-0000:04:00.0}"
env="$env MF0=${ATTACH_MF0:-0000:05:00.0} MF1=${ATTACH_MF1:-0000:05:00.1} VGA=${ATTACH_VGA:-0000:00:01.0}"
env="$env NVME=${ATTACH_NVME:-0000:06:00.0}"
# An nvme with a small image of its own (only here: check-vm boots the
# topology without it), for the mounted-filesystem refusal.
ensure_packages
fetch_kernel
img="$out/nvme.img"
rm -f "$img"
truncate -s 16M "$img"
{
    cat "$topo"
    if [ -z "${ATTACH_NO_NVME:-}" ]; then
        echo "qemu: -drive if=none,id=attachdisk,format=raw,file=$img"
        echo "qemu: -device pcie-root-port,id=rpnvme,bus=pcie.0,addr=0x7.0,chassis=7,slot=7"
        echo "qemu: -device nvme,id=nvme1,serial=attach1,drive=attachdisk,bus=rpnvme,addr=0x0.0"
        echo "module: nvme"
        # ext4 asks the crypto API for crc32c on older kernels (a
        # module there); newer ones have it in the library
        if find "$KMODDIR" -name 'crc32c_generic.ko*' | grep -q .; then
            echo "module: crc32c_generic"
        fi
        echo "module: ext4"
    fi
    # iommufd where the kernel has it as a module (Debian's 6.12 and 7.2
    # are built without it: attach --backend iommufd then says so)
    if find "$KMODDIR" -name 'iommufd.ko*' | grep -q .; then
        echo "module: iommufd"
    fi
    # a loaded TCG host fails the kernel's IO-APIC timer check (a panic
    # with interrupt remapping); no fixture is taken here, so skip it
    echo "cmdline: no_timer_check"
    # a driver that is not DMA-managed, for the non-viable group
    echo "module: uio"
    echo "module: uio_pci_generic"
    guest_script_cmd "$VM_DIR/attach-guest.sh" "$env"
} >"$gen"
"$VM_DIR/run-vm.sh" --binary "$bin" --timeout "${VM_TIMEOUT:-600}" --out "$out/run" "$gen" \
    >"$out/run.log" 2>&1 || true
guest_verdicts ATTACH-TEST check-attach "$name" "$out/run/setup-log.txt"
