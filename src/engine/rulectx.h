/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rulectx.h - what the rules compute with, beside what was read.
 *
 * The device model (model.h) is only what was read from sysfs or a dump.
 * Everything chosen or derived on top of it lives here: whose kernel's
 * rules apply, the what-if state the user or an explanation asks for, and
 * what the rules derived per device. The analysis (analysis.h) holds one;
 * an explanation can try another without touching the model.
 */
#ifndef IOMMU_GROUPS_RULECTX_H
#define IOMMU_GROUPS_RULECTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kver.h"

struct dma_quirk;

/* dev_flags the DMA-alias fixups set (include/linux/pci.h). */
enum {
	DEVF_BRIDGE_XLATE_ROOT = 1u << 0, /* PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT */
	DEVF_PCIE_BRIDGE_ALIAS = 1u << 1, /* PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS */
	DEVF_PCI_BRIDGE_NO_ALIAS = 1u << 2, /* PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS (7.x) */
};

/* Per function, index for index with the model's devs[]. */
struct devrule {
	/* Filled by the DMA-alias quirks of the chosen rules (quirks_dma.c):
	 * same-bus devfns this function also issues DMA as (dma_alias_mask),
	 * and dev_flags. */
	uint64_t dma_alias_mask[4];
	unsigned int dev_flags;
	const struct dma_quirk *dma_quirk; /* the fixup that fired, if any */

	/* What-if (--assume-acs, an explanation's trial): treat this
	 * function as ACS-isolated. */
	bool assume_acs;
	/* Named by pci=disable_acs_redir= or pci=config_acs= (acs.c). */
	bool acs_param_named;
};

struct rulectx {
	struct kver rules; /* whose rules we compute with */
	/* The kernel enables ACS (SV RR CR UF as advertised) only when an
	 * IOMMU driver asked for it (pci_request_acs). With no IOMMU active
	 * the control registers read as firmware left them; predict with
	 * the controls the kernel would have set. */
	bool predict_acs_enable;
	struct devrule *dev; /* ndevs entries (rulectx_resize) */
	size_t ndevs;
};

/* Size the per-function state for a model of ndevs functions: entries
 * past the old size start zeroed (nothing assumed, nothing derived), the
 * others are kept. 0 or -ENOMEM (then rc is unchanged). */
int rulectx_resize(struct rulectx *rc, size_t ndevs);

/* Frees the per-function state; rules and flags stay. */
void rulectx_free(struct rulectx *rc);

/* The state of function i; a zeroed entry for an index the context was
 * not sized for (a context without per-function state assumes nothing). */
const struct devrule *rulectx_dev(const struct rulectx *rc, int i);

static inline bool dev_has_dma_alias(const struct devrule *x, uint8_t devfn)
{
	return (x->dma_alias_mask[devfn >> 6] >> (devfn & 63)) & 1;
}

static inline void dev_add_dma_alias(struct devrule *x, uint8_t devfn)
{
	x->dma_alias_mask[devfn >> 6] |= 1ull << (devfn & 63);
}

static inline bool dev_any_dma_alias(const struct devrule *x)
{
	return x->dma_alias_mask[0] | x->dma_alias_mask[1] | x->dma_alias_mask[2] |
	       x->dma_alias_mask[3];
}

#endif
