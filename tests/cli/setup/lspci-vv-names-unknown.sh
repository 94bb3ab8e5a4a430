#!/bin/sh
# tests/cli/setup/lspci-vv-names-unknown.sh DEST: DEST/vv.txt, `lspci -vv`
# text without -nn of a root port pci.ids knows and an endpoint it does not.
set -eu
dest=$1
mkdir -p "$dest"
printf '%s\n' \
	'0000:00:04.0 PCI bridge: Red Hat, Inc. QEMU PCIe Root port (prog-if 00 [Normal decode])' \
	'	Bus: primary=00, secondary=01, subordinate=01, sec-latency=0' \
	'	Capabilities: [54] Express (v2) Root Port (Slot+), MSI 00' \
	'' \
	'0000:00:05.0 Ethernet controller: Acme Widgets Frobnicator 9000 (rev 01)' \
	'	Capabilities: [e0] Express (v1) Root Complex Integrated Endpoint, MSI 00' \
	'' >"$dest/vv.txt"
