/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quirks.h - the kernel's PCI quirk tables that change IOMMU grouping, as data.
 *
 * Two tables, transcribed from drivers/pci/quirks.c with the kernel function
 * each entry stands for and the kernel versions it applies to:
 *  - ACS quirks (pci_dev_acs_enabled[], quirks_acs.c): answer "is this
 *    function isolated?" before the standard ACS rules are consulted;
 *  - DMA-alias fixups (quirks_dma.c): set dma_alias_mask / dev_flags on a
 *    device.
 */
#ifndef IOMMU_GROUPS_QUIRKS_H
#define IOMMU_GROUPS_QUIRKS_H

#include <stdbool.h>
#include <stdint.h>

#include "kver.h"
#include "model.h"
#include "rulectx.h"

#define QUIRK_ANY_ID 0xffff /* PCI_ANY_ID */

/* What an ACS quirk function does; one value per kernel function. */
enum acs_quirk_kind {
	ACSQ_AMD_SB,           /* pci_quirk_amd_sb_acs */
	ACSQ_CAVIUM,           /* pci_quirk_cavium_acs */
	ACSQ_XGENE,            /* pci_quirk_xgene_acs */
	ACSQ_ZHAOXIN_PORTS,    /* pci_quirk_zhaoxin_pcie_ports_acs */
	ACSQ_INTEL_PCH,        /* pci_quirk_intel_pch_acs */
	ACSQ_QCOM_RP,          /* pci_quirk_qcom_rp_acs */
	ACSQ_NXP_RP,           /* pci_quirk_nxp_rp_acs */
	ACSQ_AL,               /* pci_quirk_al_acs */
	ACSQ_INTEL_SPT_PCH,    /* pci_quirk_intel_spt_pch_acs */
	ACSQ_MF_ENDPOINT,      /* pci_quirk_mf_endpoint_acs */
	ACSQ_RCIEP,            /* pci_quirk_rciep_acs */
	ACSQ_BRCM,             /* pci_quirk_brcm_acs */
	ACSQ_LOONGSON,         /* pci_quirk_loongson_acs */
	ACSQ_WANGXUN_NIC,      /* pci_quirk_wangxun_nic_acs */
	/* add further kinds as the kernel sources have them */
	ACSQ_NKINDS            /* number of kinds: size of the dispatch table */
};

struct acs_quirk {
	uint16_t vendor, device; /* QUIRK_ANY_ID matches any */
	enum acs_quirk_kind kind;      /* the kernel function: acs_quirk_kinds[kind] */
	struct kver_range kernels;
	const char *name;      /* the device, as the kernel's comment names it; "" if none */
	/* Non-NULL when this entry's answer rests on something sysfs cannot
	 * show (the Intel PCH boot-time flag): the explanation should say so. */
	const char *assumption;
};

/* Result of asking the ACS quirk table (pci_dev_specific_acs_enabled). */
enum quirk_answer {
	QUIRK_NA = -1,      /* no entry answered: standard rules apply */
	QUIRK_NOT_ISOLATED = 0,
	QUIRK_ISOLATED = 1,
};

/*
 * pci_dev_specific_acs_enabled(dev, flags) by the rules of kernel
 * rc->rules: the first matching entry whose function answers decides.
 * *which (if not NULL) is set to that entry, or NULL. Needs m for context
 * (root bus, ACPI tables) and rc for the ACS control the kernel would have
 * enabled.
 */
enum quirk_answer acs_quirk_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev,
				    uint16_t acs_flags, const struct acs_quirk **which);

/*
 * Same, and *undecided (if not NULL) tells whether the answer could not be
 * decided from the data we have (config space too short to see the PCI
 * Express type, ACS capability unreadable, ...). An undecided quirk answers
 * QUIRK_NOT_ISOLATED, the conservative answer (it never claims isolation
 * that is not proven); *which names the entry that could not decide.
 * acs_quirk_enabled() is this with undecided ignored.
 */
enum quirk_answer acs_quirk_query(const struct sysmodel *m, const struct rulectx *rc, int dev,
				  uint16_t acs_flags, const struct acs_quirk **which, bool *undecided);

/*
 * The ACS capability register as the kernel of version v uses it. From 7.0
 * the kernel caches it (pdev->acs_capabilities, pci_acs_init) and
 * pci_disable_broken_acs_cap() removes SV from it for IDT switches; both
 * pci_acs_flags_enabled() and pci_std_enable_acs() use the cached value.
 * acs.c must use this instead of d->acs_cap everywhere (also when it
 * predicts the controls pci_std_enable_acs() would set). Meaningful only
 * when d->acs == ACS_PRESENT.
 */
struct acs_cap_fixup {
	uint16_t vendor, device;
	uint16_t clear;            /* capability bits removed */
	struct kver_range kernels;
	const char *kernel_fn;
	const char *name;
};
uint16_t acs_cap_effective(const struct sysmodel *m, const struct dev *d, struct kver v);
/* The fixup that changes d's capability under v, or NULL. */
const struct acs_cap_fixup *acs_cap_fixup_for(const struct dev *d, struct kver v);

/* What a DMA-alias fixup does to the device it matches. */
enum dma_quirk_kind {
	DMAQ_FUNC0,            /* quirk_dma_func0_alias: also DMA as fn 0 */
	DMAQ_FUNC1,            /* quirk_dma_func1_alias: also DMA as fn 1 */
	DMAQ_FIXED,            /* quirk_fixed_dma_alias: arg = devfn */
	DMAQ_USE_PCIE_BRIDGE,  /* quirk_use_pcie_bridge_dma_alias */
	DMAQ_MIC_X200,         /* quirk_mic_x200_dma_alias */
	DMAQ_PEX_VCA,          /* quirk_pex_vca_alias */
	DMAQ_XLATE_ROOT,       /* quirk_bridge_cavm_thrx2_pcie_root */
	DMAQ_PLX_NTB,          /* quirk_plx_ntb_dma_alias: all 256 devfns */
	DMAQ_SWITCHTEC_NTB,    /* quirk_switchtec_ntb_dma_alias */
	DMAQ_PCI_BRIDGE_NO_ALIAS, /* quirk_aspeed_pci_bridge_no_alias (7.x) */
	/* add further kinds as the kernel sources have them */
	DMAQ_NKINDS
};

/*
 * dev_flags bits of our own (beside DEVF_* in rulectx.h): the fixup matched
 * but its exact effect is not knowable from config space (Switchtec NTB:
 * the proxy IDs live in BAR0 registers; quirk_use_pcie_bridge_dma_alias on
 * a function whose PCI Express type could not be read). What was set then
 * is the conservative choice documented at the fixup in quirks_dma.c.
 */
enum {
	DEVF_DMA_ALIAS_UNKNOWN = 1u << 8,
};

struct dma_quirk {
	uint16_t vendor, device;       /* QUIRK_ANY_ID matches any */
	uint16_t subvendor, subdevice; /* QUIRK_ANY_ID unless the fixup matches
					* by subsystem (quirk_fixed_dma_alias) */
	uint32_t class_val, class_mask; /* class match where the fixup is
					 * DECLARE_PCI_FIXUP_CLASS_*; mask 0 = any */
	enum dma_quirk_kind kind;      /* the kernel function: dma_quirk_kind_fn[kind] */
	uint16_t arg;                  /* DMAQ_FIXED: the alias devfn */
	struct kver_range kernels;
	const char *name;              /* the device, as the kernel's comment names it */
};

/*
 * Apply every DMA-alias fixup of kernel rc->rules that matches devs[dev]:
 * set its dma_alias_mask bits, dev_flags and dma_quirk in rc->dev[dev].
 * Idempotent: clears what an earlier call set first, so rules can be
 * recomputed for another version.
 */
void dma_quirks_apply(const struct sysmodel *m, struct rulectx *rc, int dev);

/*
 * What each kind stands for in the kernel, indexed by kind: the quirk
 * function, and for ACS kinds whose function tests the device id against
 * a list of its own (beyond the table's vendor/device), that list's
 * kernel name (pci_quirk_intel_pch_acs_ids, pci_quirk_cavium_acs_match,
 * ...), else NULL.
 */
struct acs_quirk_kind_info {
	const char *kernel_fn;
	const char *id_list;
};
extern const struct acs_quirk_kind_info acs_quirk_kinds[ACSQ_NKINDS];
extern const char *const dma_quirk_kind_fn[DMAQ_NKINDS];
/* The kernel function of an entry (by its kind). */
const char *acs_quirk_kernel_fn(const struct acs_quirk *q);
const char *dma_quirk_kernel_fn(const struct dma_quirk *q);
/*
 * Is device in kind k's own id list under kernel v? (The functions use it;
 * exported so the tests can compare every id with the kernel's list.)
 * False for a kind without a list.
 */
bool acs_quirk_id_listed(enum acs_quirk_kind k, uint16_t device, struct kver v);

/* The tables, for listing and tests. */
extern const struct acs_quirk acs_quirks[];
extern const unsigned n_acs_quirks;
extern const struct dma_quirk dma_quirks[];
extern const unsigned n_dma_quirks;
extern const struct acs_cap_fixup acs_cap_fixups[];
extern const unsigned n_acs_cap_fixups;

#endif
