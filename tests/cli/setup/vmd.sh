#!/bin/sh
# tests/cli/setup/vmd.sh DEST: a synthetic sysroot with an Intel VMD
# controller (0000:00:0e.0) whose domain 10000 holds a root port with ACS
# and an NVMe endpoint (10000:e1:00.0), the IOMMU on: every function of the
# VMD domain is in the VMD controller's group (x86 pci_real_dma_dev()).
set -eu
d=$1
mkdir -p "$d/sys/bus/pci/devices" "$d/proc/sys/kernel" "$d/sys/class/iommu"
echo 6.12.99-test >"$d/proc/sys/kernel/osrelease"
echo "intel_iommu=on" >"$d/proc/cmdline"

# cfg FILE SIZE: a zeroed config file; w8 FILE OFFSET BYTE (hex)
cfg() { head -c "$2" /dev/zero >"$1"; }
w8() { printf "\\$(printf '%03o' "0x$3")" | dd of="$1" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null; }
w16() { w8 "$1" "$2" "$(printf %02x $(($3 & 255)))"; w8 "$1" $(($2 + 1)) "$(printf %02x $(($3 >> 8)))"; }
# ids VENDOR DEVICE CLASS(24 bit) HEADER
ids() {
	w16 "$1" 0 "$2"; w16 "$1" 2 "$3"
	w8 "$1" 9 "$(printf %02x $(($4 & 255)))"; w8 "$1" 10 "$(printf %02x $((($4 >> 8) & 255)))"
	w8 "$1" 11 "$(printf %02x $(($4 >> 16)))"; w8 "$1" 14 "$5"
}
# pcie FILE TYPE: the PCI Express capability at 0x40
pcie() { w8 "$1" 6 10; w8 "$1" 0x34 40; w8 "$1" 0x40 10; w16 "$1" 0x42 $((2 | $2 << 4)); }
# acs FILE: ACS at 0x100 with SV RR CR UF advertised and enabled
acs() { w16 "$1" 0x100 0x000d; w8 "$1" 0x102 01; w16 "$1" 0x104 0x1d; w16 "$1" 0x106 0x1d; }

dev() { # PATH GROUP
	mkdir -p "$d/sys/devices/$1"
	ln -s "../../../devices/$1" "$d/sys/bus/pci/devices/${1##*/}"
	mkdir -p "$d/sys/kernel/iommu_groups/$2/devices"
	echo DMA >"$d/sys/kernel/iommu_groups/$2/type"
	# up from sys/devices/$1 to sys: one ".." per component, and one more
	ln -s "$(echo "$1" | sed 's|[^/]*|..|g')/../kernel/iommu_groups/$2" "$d/sys/devices/$1/iommu_group"
}
hb=pci0000:00/0000:00:00.0
vmd=pci0000:00/0000:00:0e.0
rp=$vmd/pci10000:e0/10000:e0:06.0
nvme=$rp/10000:e1:00.0
dev $hb 0
cfg "$d/sys/devices/$hb/config" 256
ids "$d/sys/devices/$hb/config" 0x8086 0x29c0 0x060000 00
dev $vmd 1
cfg "$d/sys/devices/$vmd/config" 4096
ids "$d/sys/devices/$vmd/config" 0x8086 0x467f 0x010400 00
pcie "$d/sys/devices/$vmd/config" 9
dev $rp 1
cfg "$d/sys/devices/$rp/config" 4096
ids "$d/sys/devices/$rp/config" 0x8086 0x464d 0x060400 01
w8 "$d/sys/devices/$rp/config" 0x18 e0; w8 "$d/sys/devices/$rp/config" 0x19 e1; w8 "$d/sys/devices/$rp/config" 0x1a e1
pcie "$d/sys/devices/$rp/config" 4
acs "$d/sys/devices/$rp/config"
dev $nvme 1
cfg "$d/sys/devices/$nvme/config" 4096
ids "$d/sys/devices/$nvme/config" 0x144d 0xa808 0x010802 00
pcie "$d/sys/devices/$nvme/config" 0
