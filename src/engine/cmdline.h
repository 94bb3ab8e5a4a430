/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline.h - kernel command-line parameters that change grouping.
 *
 * pci=disable_acs_redir= and pci=config_acs= (drivers/pci/pci.c) rewrite
 * ACS controls at boot: with the IOMMU on, the registers we read already
 * show it; we report their presence. pci=pcie_scan_all changes which
 * functions count as multifunction. pcie_acs_override= is an out-of-tree
 * patch (carried by Proxmox, Arch's linux-zen, ...) that declares ports and
 * multifunction devices isolated without hardware ACS: it is evaluated as
 * that patch's pcie_acs_overrides() quirk, the last entry of the ACS table.
 */
#ifndef IOMMU_GROUPS_CMDLINE_H
#define IOMMU_GROUPS_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACS_OVERRIDE_MAX_IDS 16

struct acs_cmdline {
	bool pcie_scan_all;
	bool has_disable_acs_redir, has_config_acs;
	bool override;               /* pcie_acs_override= present */
	bool override_downstream;    /* "downstream" */
	bool override_multifunction; /* "multifunction" */
	struct { uint16_t vendor, device; } override_ids[ACS_OVERRIDE_MAX_IDS];
	size_t n_override_ids;
	char iommu_off[24];          /* "intel_iommu=off" etc. when given */
	char disable_acs_redir[512]; /* values as written (pci= option) */
	char config_acs[512];
	char params[4][160];         /* the parameters as written, for reports */
	size_t nparams;
};

void cmdline_parse(const char *cmdline, struct acs_cmdline *out);

#endif
