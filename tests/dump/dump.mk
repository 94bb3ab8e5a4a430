# lspci-dump tests; included from tests/vm/vm.mk.
#   make check-dump    --from-dump on `lspci -xxxx` dumps of every fixture vs the
#                      kernel's groups, and malformed dumps (tests/dump/check-dump.sh)
DUMP_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

.PHONY: check-dump deps-dump
deps-dump:
	$(call need_debs,pciutils jq)

check-dump: iommu-groups | deps-dump
	$(DUMP_MK_DIR)/check-dump.sh ./iommu-groups
