#!/bin/sh
# /init of the test initramfs (busybox sh).  Loads modules, runs the
# topology's guest commands, waits until IOMMU group membership is stable,
# then sends back over the second serial port (ttyS1), each as a
# base64 section between "=== BEGIN name ===" / "=== END name ===" lines:
#   kernel-groups   one line per kernel group "N TYPE BDF..." + "none BDF"
#   sysroot         tar.gz of the captured sysfs/procfs subset (with a
#                   binary also .iommu-groups-vmtest/: its "snapshot" of
#                   this sysfs and "list --json" of that snapshot)
#   list-json, list-stderr, list-rc   output of "/bin/iommu-groups list --json"
#                   (only when a binary was put in the initramfs)
#   setup-log       output of the guest commands
# and finally "=== DONE ===".  Then powers off.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp

OUT=/dev/ttyS1
stty -F "$OUT" raw -echo 115200 2>/dev/null

say() { echo "vmtest: $*" >/dev/console; }

section() {  # NAME FILE
    {
        echo "=== BEGIN $1 ==="
        base64 "$2"
        echo "=== END $1 ==="
    } >"$OUT"
}

finish() {
    echo "=== DONE ===" >"$OUT"
    sync
    poweroff -f
    sleep 5
}

# --- modules and setup ------------------------------------------------------
: >/tmp/setup.log
while read -r mod params; do
    [ -n "$mod" ] || continue
    # shellcheck disable=SC2086
    if ! insmod "/lib/modules/$mod.ko" $params >>/tmp/setup.log 2>&1; then
        echo "insmod $mod failed" >>/tmp/setup.log
    fi
done </etc/modules.list
if [ -f /etc/guest-setup.sh ]; then
    sh -x /etc/guest-setup.sh >>/tmp/setup.log 2>&1
    echo "guest-setup exit status $?" >>/tmp/setup.log
fi

# --- wait until group membership is stable ----------------------------------
groups_listing() {
    ls -d /sys/kernel/iommu_groups/*/devices/* 2>/dev/null
    ls -d /sys/bus/pci/devices/* 2>/dev/null
}
prev=$(groups_listing)
i=0
while [ "$i" -lt 30 ]; do
    sleep 1
    cur=$(groups_listing)
    [ "$cur" = "$prev" ] && break
    prev=$cur
    i=$((i + 1))
done
say "group listing stable after $((i + 1)) s"

# --- kernel groups, read directly from sysfs --------------------------------
kernel_groups() {
    for g in /sys/kernel/iommu_groups/*; do
        [ -d "$g" ] || continue
        t=$(cat "$g/type" 2>/dev/null || echo unknown)
        # shellcheck disable=SC2012
        devs=$(ls "$g/devices" | sort | tr '\n' ' ')
        echo "${g##*/} $t ${devs% }"
    done | sort -n
    for d in /sys/bus/pci/devices/*; do
        [ -e "$d" ] || continue
        [ -e "$d/iommu_group" ] || echo "none ${d##*/}"
    done | sort
}
kernel_groups >/tmp/kernel-groups.txt

# --- sysroot capture ---------------------------------------------------------
S=/tmp/sysroot
mkdir -p "$S"

copy_link() {  # copy symlink $1 verbatim to the same path below $S
    mkdir -p "$S${1%/*}"
    [ -L "$S$1" ] || ln -s "$(readlink "$1")" "$S$1"
}

ensure_target() {  # create the (empty) directory a link points to
    t=$(readlink -f "$1")
    [ -n "$t" ] || return 0
    if [ ! -e "$S$t" ]; then
        mkdir -p "$S$t"
        : >"$S$t/.gitkeep"   # git does not keep empty directories
    fi
}

for l in /sys/bus/pci/devices/*; do
    [ -L "$l" ] || continue
    copy_link "$l"
    d=$(readlink -f "$l")
    mkdir -p "$S$d"
    for f in config vendor device subsystem_vendor subsystem_device class revision sriov_totalvfs sriov_numvfs; do
        [ -f "$d/$f" ] && cat "$d/$f" >"$S$d/$f"
    done
    for f in "$d"/driver "$d"/iommu_group "$d"/physfn "$d"/virtfn* "$d"/iommu; do
        [ -L "$f" ] && copy_link "$f"
    done
done
# link targets outside the PCI tree (driver dirs, IOMMU class devices)
for l in /sys/bus/pci/devices/*; do
    d=$(readlink -f "$l")
    for f in "$d"/driver "$d"/iommu; do
        [ -L "$f" ] && ensure_target "$f"
    done
done
for g in /sys/kernel/iommu_groups/*; do
    [ -d "$g" ] || continue
    mkdir -p "$S$g/devices"
    cat "$g/type" >"$S$g/type" 2>/dev/null
    for l in "$g"/devices/*; do
        [ -L "$l" ] && copy_link "$l"
    done
done
mkdir -p "$S/sys/class/iommu"
for l in /sys/class/iommu/*; do
    [ -L "$l" ] || continue
    copy_link "$l"
    ensure_target "$l"
done
mkdir -p "$S/sys/firmware/acpi/tables"
# DMAR and IVRS say which functions an IOMMU translates (src/engine/acpi.c):
# their bytes, as "snapshot" keeps them; the other tables only by name.
for f in /sys/firmware/acpi/tables/*; do
    [ -f "$f" ] || continue
    case ${f##*/} in
        DMAR | IVRS) cat "$f" >"$S$f" ;;
        *) : >"$S$f" ;;
    esac
done
mkdir -p "$S/proc/sys/kernel"
cat /proc/cmdline >"$S/proc/cmdline"
cat /proc/version >"$S/proc/version"
cat /proc/sys/kernel/osrelease >"$S/proc/sys/kernel/osrelease"
# --- snapshot by the binary under test, on this live sysfs ---------------------
# "snapshot DIR", then "--sysroot DIR list --json" here; both travel back
# inside the sysroot section below .iommu-groups-vmtest/ (check-vm.sh
# compares them with the live "list --json"). Only with a binary: fixtures
# (make-fixtures.sh boots without one) never get it.
if [ -x /bin/iommu-groups ]; then
    V=$S/.iommu-groups-vmtest
    mkdir -p "$V"
    /bin/iommu-groups snapshot /tmp/snap >"$V/snapshot.stdout" 2>"$V/snapshot.stderr"
    echo $? >"$V/snapshot.rc"
    if [ -d /tmp/snap ]; then
        cp -a /tmp/snap "$V/snap"
        /bin/iommu-groups --sysroot /tmp/snap list --json >"$V/snap-list.json" 2>"$V/snap-list.stderr"
        echo $? >"$V/snap-list.rc"
    fi
fi
tar -C "$S" -czf /tmp/sysroot.tgz .

section kernel-groups /tmp/kernel-groups.txt
section setup-log /tmp/setup.log
section sysroot /tmp/sysroot.tgz

# --- binary under test --------------------------------------------------------
if [ -x /bin/iommu-groups ]; then
    /bin/iommu-groups list --json >/tmp/list.json 2>/tmp/list.stderr
    echo $? >/tmp/list.rc
    section list-json /tmp/list.json
    section list-stderr /tmp/list.stderr
    section list-rc /tmp/list.rc
fi
finish
