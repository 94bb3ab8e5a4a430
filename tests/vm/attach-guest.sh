#!/bin/sh
# Runs inside the test guest (busybox sh), put there by check-attach.sh as a
# guest: command of the attach topology. Exercises attach/detach on the real
# kernel and prints one line per check:
#   ATTACH-TEST PASS name | ATTACH-TEST FAIL name: why
# then "ATTACH-TEST DONE"; outputs of the runs go between the lines.
# Environment (set by check-attach.sh): SW, ALONE, MF0, MF1, VGA, NVME (BDFs;
# NVME may be empty).
TAG=ATTACH-TEST
# shellcheck source-path=SCRIPTDIR source=guest-lib.sh disable=SC2034
. /tmp/guest-lib.sh

# expect_back NAME BDF DRIVER: DRIVER bound again, override cleared
expect_back() {
    if [ "$(drv "$2")" != "$3" ]; then
        fail "$1" "$2 bound to '$(drv "$2")', not $3"
    elif [ "$(cat "$D/$2/driver_override")" != "(null)" ]; then
        fail "$1" "$2 driver_override is '$(cat "$D/$2/driver_override")'"
    elif ls "$IOMMU_GROUPS_RUNDIR"/group-*.json >/dev/null 2>&1; then
        fail "$1" "a journal is left: $(ls "$IOMMU_GROUPS_RUNDIR")"
    else
        pass "$1"
    fi
}

for b in "$SW" "$ALONE" "$MF0" "$MF1"; do
    [ "$(drv "$b")" = e1000e ] || fail setup "$b is on '$(drv "$b")', not e1000e"
done
sw_port=$(basename "$(dirname "$(readlink -f "$D/$SW")")")

# 1. attach + restore an e1000e sharing its group with a switch port
run attach-sw $IG attach "$SW" --json --verbose
if [ "$rc" != 0 ]; then
    fail attach-sw "exit $rc"
elif ! grep -q '"driver_during": "vfio-pci"' /tmp/attach-sw.out ||
     ! grep -q '"restored": true' /tmp/attach-sw.out ||
     ! grep -q '"iommu_type": "type1v2"' /tmp/attach-sw.out ||
     ! grep -q '"dma_avail"' /tmp/attach-sw.out; then
    fail attach-sw "JSON lacks driver_during vfio-pci / restored / type1v2 / dma_avail"
else
    expect_back attach-sw "$SW" e1000e
fi
[ "$(drv "$sw_port")" = pcieport ] && pass attach-sw-port-stays ||
    fail attach-sw-port-stays "$sw_port on '$(drv "$sw_port")'"
ifc=$(ls "$D/$SW/net" 2>/dev/null | head -n1)
if [ -n "$ifc" ] && ip link set "$ifc" up && ip link set "$ifc" down; then
    pass attach-sw-interface-usable
else
    fail attach-sw-interface-usable "no usable interface below $SW after restore"
fi

# 2. a group of two endpoints
run attach-mf $IG attach "$MF0"
if [ "$rc" != 0 ]; then fail attach-mf "exit $rc"; else
    grep -q "$MF1" /tmp/attach-mf.out || fail attach-mf "$MF1 not in the plan"
    expect_back attach-mf "$MF0" e1000e
    expect_back attach-mf-second "$MF1" e1000e
fi

# 3. --keep, a second attach, then detach
run keep $IG attach "$SW" --keep
if [ "$rc" != 0 ] || [ "$(drv "$SW")" != vfio-pci ]; then
    fail keep "exit $rc, driver '$(drv "$SW")'"
else
    pass keep
    run keep-again $IG attach "$SW"
    [ "$rc" = 1 ] && grep -q "already attached" /tmp/keep-again.err &&
        pass keep-second-attach-refused || fail keep-second-attach-refused "exit $rc"
    # a process holding the group: detach names it and changes nothing
    grp=$(basename "$(readlink "$D/$SW/iommu_group")")
    sh -c "exec 3<>/dev/vfio/$grp; exec sleep 60" &
    holder=$!
    sleep 1
    run detach-held $IG detach "$SW"
    [ "$rc" = 1 ] && grep -q "held by process $holder (sleep)" /tmp/detach-held.err &&
        [ "$(drv "$SW")" = vfio-pci ] && pass detach-held-refused || fail detach-held-refused "exit $rc"
    kill "$holder"
    wait "$holder" 2>/dev/null
    run detach $IG detach "$SW"
    [ "$rc" = 0 ] && expect_back detach "$SW" e1000e || fail detach "exit $rc"
fi

# 4. killed after each step, restored by detach --all
for n in 1 2 3 4 5; do
    run "kill-$n" env IOMMU_GROUPS_FAULT_AFTER_STEP=$n $IG attach "$SW"
    [ "$rc" = 137 ] || fail "kill-$n" "expected SIGKILL (137), got $rc"
    run "detach-all-$n" $IG detach --all
    [ "$rc" = 0 ] && expect_back "kill-$n-detach-all" "$SW" e1000e ||
        fail "kill-$n-detach-all" "exit $rc"
done

# 4b. a group that VFIO would find not viable: the switch port in $SW's
# group bound to uio_pci_generic (not DMA-managed): refused from the plan,
# before any write
bind_to() {  # BDF DRIVER: through driver_override, as attach does
    echo "$2" >"$D/$1/driver_override"
    [ -e "$D/$1/driver" ] && echo "$1" >"$D/$1/driver/unbind"
    echo "$1" >/sys/bus/pci/drivers_probe
}
unbind_restore() {  # BDF: override cleared, the kernel's own choice bound
    [ -e "$D/$1/driver" ] && echo "$1" >"$D/$1/driver/unbind"
    echo >"$D/$1/driver_override"
    echo "$1" >/sys/bus/pci/drivers_probe
}
bind_to "$sw_port" uio_pci_generic 2>/dev/null
if [ "$(drv "$sw_port")" != uio_pci_generic ]; then
    fail refuse-nonviable "cannot bind $sw_port to uio_pci_generic (on '$(drv "$sw_port")')"
else
    run refuse-nonviable $IG attach "$SW"
    if [ "$rc" = 1 ] && grep -q "$sw_port: bridge bound to uio_pci_generic, a driver that is not DMA-managed" \
        /tmp/refuse-nonviable.err && [ "$(drv "$SW")" = e1000e ] &&
        [ "$(cat "$D/$SW/driver_override")" = "(null)" ] &&
        ! ls "$IOMMU_GROUPS_RUNDIR"/group-*.json >/dev/null 2>&1; then
        pass refuse-nonviable
    else
        fail refuse-nonviable "exit $rc, $SW on '$(drv "$SW")'"
    fi
fi
unbind_restore "$sw_port"
[ "$(drv "$sw_port")" = pcieport ] || fail refuse-nonviable-port-back "$sw_port on '$(drv "$sw_port")'"

# 4c. a group already on vfio-pci and held open by another process: refused
# before any write, naming it; once free, attached with nothing to move
grp=$(basename "$(readlink "$D/$SW/iommu_group")")
bind_to "$SW" vfio-pci
if [ "$(drv "$SW")" != vfio-pci ]; then
    fail refuse-held "cannot bind $SW to vfio-pci"
else
    sh -c "exec 3<>/dev/vfio/$grp; exec sleep 60" &
    holder=$!
    sleep 1
    run refuse-held $IG attach "$SW"
    [ "$rc" = 1 ] && grep -q "another process holds the group" /tmp/refuse-held.err &&
        grep -q "process $holder (sleep)" /tmp/refuse-held.err && [ "$(drv "$SW")" = vfio-pci ] &&
        pass refuse-held || fail refuse-held "exit $rc"
    kill "$holder"
    wait "$holder" 2>/dev/null
    run attach-prebound $IG attach "$SW" --json
    [ "$rc" = 0 ] && grep -q '"restored": true' /tmp/attach-prebound.out &&
        [ "$(drv "$SW")" = vfio-pci ] && pass attach-prebound-stays ||
        fail attach-prebound-stays "exit $rc, $SW on '$(drv "$SW")'"
fi
unbind_restore "$SW"
[ "$(drv "$SW")" = e1000e ] || fail refuse-held-back "$SW on '$(drv "$SW")'"

# 4d. RLIMIT_MEMLOCK: root has CAP_IPC_LOCK, so a low ulimit -l does not
# stop it; without the capability (simulated: the guest has no tool to drop
# it) the figure and the ways to raise it, before any write
run memlock-root sh -c "ulimit -l 64 && exec $IG attach --bench --sizes 4K,2M --iterations 20 $SW"
[ "$rc" = 0 ] && [ "$(drv "$SW")" = e1000e ] && pass memlock-root-has-cap ||
    fail memlock-root-has-cap "exit $rc"
run refuse-memlock env IOMMU_GROUPS_TEST_MEMLOCK=1024 $IG attach --bench --sizes 4K,64M "$SW"
[ "$rc" = 1 ] && grep -q "RLIMIT_MEMLOCK is 1024 KiB" /tmp/refuse-memlock.err &&
    grep -q "ulimit -l 65536" /tmp/refuse-memlock.err && [ "$(drv "$SW")" = e1000e ] &&
    ! ls "$IOMMU_GROUPS_RUNDIR"/group-*.json >/dev/null 2>&1 &&
    pass refuse-memlock || fail refuse-memlock "exit $rc"

# 4e. the iommufd back-end: attach, bench and restore where the kernel has
# /dev/iommu and the VFIO device cdev; where it lacks them, said clearly
# (before any write when /dev/iommu is missing) and nothing changed
run iommufd $IG attach --backend iommufd --bench --sizes 4K,2M --iterations 20 --json "$SW"
if [ -c /dev/iommu ]; then
    if [ "$rc" = 0 ] && grep -q '"backend": "iommufd"' /tmp/iommufd.out &&
        grep -q '"restored": true' /tmp/iommufd.out; then
        expect_back iommufd "$SW" e1000e
    elif [ "$rc" = 1 ] && grep -q "CONFIG_VFIO_DEVICE_CDEV" /tmp/iommufd.err; then
        expect_back iommufd-no-cdev-said "$SW" e1000e
    else
        fail iommufd "exit $rc"
    fi
else
    [ "$rc" = 1 ] && grep -q "no /dev/iommu: this kernel lacks iommufd (CONFIG_IOMMUFD" /tmp/iommufd.err &&
        [ ! -s /tmp/iommufd.out ] && expect_back iommufd-absent-said "$SW" e1000e ||
        fail iommufd-absent-said "exit $rc"
fi

# 5. refusals that change nothing
ifc=$(ls "$D/$ALONE/net" 2>/dev/null | head -n1)
if [ -n "$ifc" ]; then
    ip link set "$ifc" up
    ip addr add 10.0.2.15/24 dev "$ifc"
    ip route add default via 10.0.2.2 dev "$ifc"
    run refuse-net $IG attach "$ALONE"
    if [ "$rc" = 1 ] && grep -q "interface of your default route" /tmp/refuse-net.err &&
        [ "$(drv "$ALONE")" = e1000e ]; then pass refuse-net; else fail refuse-net "exit $rc"; fi
    ip route del default 2>/dev/null
    ip addr flush dev "$ifc"
    ip link set "$ifc" down
else
    fail refuse-net "no interface below $ALONE"
fi
if [ -e "$D/$VGA/boot_vga" ]; then
    run refuse-vga $IG attach "$VGA"
    [ "$rc" = 1 ] && grep -q "boot VGA" /tmp/refuse-vga.err && pass refuse-vga ||
        fail refuse-vga "exit $rc"
else
    fail refuse-vga "$VGA has no boot_vga"
fi
if [ -n "$NVME" ] && [ -e "$D/$NVME" ]; then
    disk=$(ls "$D/$NVME/nvme/"*/ 2>/dev/null | grep '^nvme[0-9]*n1$' | head -n1)
    mkdir -p /mnt/disk
    if [ -n "$disk" ] && mke2fs -q "/dev/$disk" && mount -t ext2 "/dev/$disk" /mnt/disk; then
        run refuse-mounted $IG attach "$NVME"
        [ "$rc" = 1 ] && grep -q "block device $disk is mounted on /mnt/disk" /tmp/refuse-mounted.err &&
            [ "$(drv "$NVME")" = nvme ] && pass refuse-mounted || fail refuse-mounted "exit $rc"
        umount /mnt/disk
        run attach-nvme-unmounted $IG attach "$NVME"
        [ "$rc" = 0 ] && [ "$(drv "$NVME")" = nvme ] && pass attach-nvme-unmounted ||
            fail attach-nvme-unmounted "exit $rc, driver '$(drv "$NVME")'"
    else
        fail refuse-mounted "cannot make or mount a filesystem on the nvme ('$disk')"
    fi
fi
# the initramfs root comes from mktemp -d (0700): let others in
chmod a+rx /
for d in /bin /sbin /lib /lib64 /usr /etc; do [ -e "$d" ] && chmod -R a+rX "$d"; done
echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
echo 'nogroup:x:65534:' >>/etc/group
run refuse-not-root su -s /bin/sh nobody -c "$IG attach $SW"
[ "$rc" = 1 ] && grep -q "run as root" /tmp/refuse-not-root.err && [ "$(drv "$SW")" = e1000e ] &&
    pass refuse-not-root || fail refuse-not-root "exit $rc"
run refuse-sysroot $IG --sysroot / attach "$SW"
[ "$rc" = 2 ] && pass refuse-sysroot || fail refuse-sysroot "exit $rc"
run refuse-absent $IG attach 0000:3f:1f.7
[ "$rc" = 1 ] && pass refuse-absent || fail refuse-absent "exit $rc"
run dry-run $IG attach --dry-run --json "$SW"
[ "$rc" = 0 ] && [ "$(drv "$SW")" = e1000e ] && pass dry-run || fail dry-run "exit $rc"
echo "ATTACH-TEST DONE"
