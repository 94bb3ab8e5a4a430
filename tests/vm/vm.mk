# Real-kernel VM tests; included by the top-level Makefile.
#   make fixtures          regenerate fixtures/$(KERNEL_SERIES)/ from tests/vm/topologies
#   make check-vm          boot every topology and check $(IOMMU_GROUPS) against the kernel,
#                          then check-twins (fixture-level, no boot, every series)
#   make check-twins       predictions on IOMMU-off / ACS-off fixtures vs their twins' kernel groups
#   make vm-kernel         only fetch/unpack the kernel into $(VM_CACHE)
# Variables: IOMMU_GROUPS (binary, default ./iommu-groups), KERNEL_SERIES
# (6.12; 7 = Debian sid), VM_CACHE (build/vm-cache), VM_ACCEL (kvm|tcg,
# default auto), VM_JOBS (parallel guests, default nproc), VM_TIMEOUT (120 s),
# TOPOLOGIES (names, default all).
VM_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
IOMMU_GROUPS ?= ./iommu-groups
KERNEL_SERIES ?= 6.12
TOPOLOGIES ?=
export KERNEL_SERIES
ifdef VM_CACHE
export VM_CACHE
endif
ifdef VM_ACCEL
export VM_ACCEL
endif
ifdef VM_JOBS
export VM_JOBS
endif
ifdef VM_TIMEOUT
export VM_TIMEOUT
endif

.PHONY: fixtures check-vm check-twins vm-kernel
fixtures:
	$(VM_MK_DIR)/make-fixtures.sh $(TOPOLOGIES)

check-vm:
	@rc=0; $(VM_MK_DIR)/check-vm.sh $(IOMMU_GROUPS) $(TOPOLOGIES) || rc=1; \
	$(VM_MK_DIR)/check-twins.sh $(IOMMU_GROUPS) || rc=1; exit $$rc

check-twins:
	$(VM_MK_DIR)/check-twins.sh $(IOMMU_GROUPS)

vm-kernel:
	bash -c 'set -euo pipefail; . $(VM_MK_DIR)/lib.sh; ensure_packages; fetch_kernel; echo "$$KVER $$KIMAGE"'

# tests/dump (make check-dump) has no include of its own in the top Makefile.
-include $(dir $(VM_MK_DIR))dump/dump.mk

# attach/detach on a real kernel (tests/vm/check-attach.sh), part of
# `make check`. ATTACH_TOPOLOGY: another topology (with ATTACH_* BDFs).
ATTACH_TOPOLOGY ?=
.PHONY: check-attach-vm
check-attach-vm: $(IOMMU_GROUPS)
	$(VM_MK_DIR)/check-attach.sh $(IOMMU_GROUPS) $(ATTACH_TOPOLOGY)
.PHONY: check-attach-vm-7
check-attach-vm-7:
	$(MAKE) --no-print-directory check-attach-vm KERNEL_SERIES=7

# attach --bench on a real kernel (tests/vm/check-bench.sh): every mode on
# the attached e1000e group, SIGINT mid-run, and the ratio to the raw loop
# (bench/vfio-ratio.sh; measured, not asserted: a shared CI host is too
# noisy for a 5% bound). Part of `make check` (2-3 minutes each).
.PHONY: check-bench-vm
check-bench-vm: $(IOMMU_GROUPS)
	$(VM_MK_DIR)/check-bench.sh $(IOMMU_GROUPS) $(ATTACH_TOPOLOGY)
.PHONY: check-bench-vm-7
check-bench-vm-7:
	$(MAKE) --no-print-directory check-bench-vm KERNEL_SERIES=7

# The live TUI on a real kernel (tests/vm/check-tui.sh): the view, headless,
# follows a function bound to vfio-pci and back in the guest (kernel
# uevents, no udev daemon there). Part of `make check` (about a minute).
.PHONY: check-tui-vm
check-tui-vm: $(IOMMU_GROUPS)
	$(VM_MK_DIR)/check-tui.sh $(IOMMU_GROUPS)
.PHONY: check-tui-vm-7
check-tui-vm-7:
	$(MAKE) --no-print-directory check-tui-vm KERNEL_SERIES=7

# Config space read per function on a live kernel with SR-IOV VFs
# (bench/vm-config.sh under bench/cfgcount.so): fails when a virtual function
# costs more than 256 bytes (#21); prints the PF and other functions' figures.
# Part of `make check` (about a minute).
.PHONY: check-config-vm
check-config-vm: $(IOMMU_GROUPS)
	bench/vm-config.sh $(IOMMU_GROUPS)
