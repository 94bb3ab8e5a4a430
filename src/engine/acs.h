/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * acs.h - when the kernel counts a function as ACS-isolated.
 *
 * pci_acs_enabled() and pci_acs_path_enabled() (drivers/pci/pci.c), asked
 * with the flags the IOMMU core requires, and answered in three states:
 * a port whose extended config space could not be read is "unknown".
 */
#ifndef IOMMU_GROUPS_ACS_H
#define IOMMU_GROUPS_ACS_H

#include <stdint.h>

#include "model.h"
#include "quirks.h"
#include "rulectx.h"

enum tri { TRI_NO = 0, TRI_YES = 1, TRI_UNKNOWN = 2 };

/* Why acs_enabled() answered as it did: the explanation's raw material. */
enum acs_basis {
	ACSB_QUIRK,        /* an ACS quirk answered (quirk set) */
	ACSB_CONVENTIONAL, /* no PCI Express capability: never isolated */
	ACSB_BRIDGE_TYPE,  /* PCIe-to-PCI, PCI-to-PCIe bridge, RC event collector */
	ACSB_NO_CAP,       /* port or multifunction function without ACS capability */
	ACSB_CTRL,         /* ACS capability present: controls decide (missing set) */
	ACSB_SINGLE_FUNCTION, /* single-function endpoint/upstream port: isolated */
	ACSB_OTHER_TYPE,   /* any other type: isolated */
	ACSB_UNKNOWN,      /* config space too short */
	ACSB_ASSUMED,      /* --assume-acs: the user asked to assume it */
	ACSB_OVERRIDE,     /* pcie_acs_override= (out-of-tree patch) says so */
};

struct acs_why {
	enum acs_basis basis;
	const struct acs_quirk *quirk;
	uint16_t missing; /* ACSB_CTRL: required controls that are off */
};

/* Mark in rc the functions pci=disable_acs_redir=/config_acs= name (once,
 * after the model is built and rc sized for it; acs_ctrl_effective() reads
 * the mark). */
void acs_mark_cmdline(const struct sysmodel *m, struct rulectx *rc);

/* The ACS control register of devs[dev] as the kernel would use it: with
 * predict mode on (no IOMMU driver asked for ACS), the bits
 * pci_std_enable_acs() sets. */
uint16_t acs_ctrl_effective(const struct sysmodel *m, const struct rulectx *rc, int dev);

/* pci_acs_flags_enabled(): capability present and required controls on. */
enum tri acs_flags_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev,
			   uint16_t flags, uint16_t *missing);

/* pci_acs_enabled(dev, flags) by the rules of rc->rules. */
enum tri acs_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev, uint16_t flags,
		     struct acs_why *why);

/* pci_acs_path_enabled(start, NULL, flags): start and every bridge above it
 * up to the root bus. *blocker (if not NULL) = first function not enabled. */
enum tri acs_path_enabled(const struct sysmodel *m, const struct rulectx *rc, int start,
			  uint16_t flags, int *blocker);

#endif
