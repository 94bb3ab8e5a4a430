#!/bin/sh
# tests/cli/setup/vmd.sh DEST: a synthetic sysroot with an Intel VMD
# controller (0000:00:0e.0) whose domain 10000 holds a root port with ACS
# and an NVMe endpoint (10000:e1:00.0), the IOMMU on: every function of the
# VMD domain is in the VMD controller's group (x86 pci_real_dma_dev()).
# Written by tests/lib/mksysroot ($IOMMU_GROUPS_MKSYSROOT, from run.sh).
set -eu
"${IOMMU_GROUPS_MKSYSROOT:?the tests/lib/mksysroot program (run.sh sets it)}" "$1" <<'END'
release 6.12.99-test
cmdline intel_iommu=on
dir sys/class/iommu
func pci0000:00/0000:00:00.0 group=0 size=256 ids=8086:29c0:060000
func pci0000:00/0000:00:0e.0 group=1 ids=8086:467f:010400 pcie=9
func pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0 group=1 ids=8086:464d:060400 bridge=e0:e1:e1 pcie=4 acs=1d:1d
func pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0/10000:e1:00.0 group=1 ids=144d:a808:010802 pcie=0
END
