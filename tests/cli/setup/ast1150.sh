#!/bin/sh
# tests/cli/setup/ast1150.sh DEST FIXTURE: a copy of the pcie-pci-bridge
# fixture whose PCIe-to-PCI bridge 01:00.0 claims to be an ASPEED AST1150
# (1a03:1150), the bridge that 7.x's quirk_aspeed_pci_bridge_no_alias
# flags PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS (docs/kernel-versions.md, 3.).
set -eu
dest=$1 fx=$2
cp -a "$fx/." "$dest/"
cfg="$dest/sys/bus/pci/devices/0000:01:00.0/config"
# vendor 1a03, device 1150, little endian at offset 0
printf '\003\032\120\021' | dd of="$cfg" bs=1 seek=0 count=4 conv=notrunc 2>/dev/null
