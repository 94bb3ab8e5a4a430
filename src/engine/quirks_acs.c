// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * quirks_acs.c - the kernel's ACS quirks (pci_dev_acs_enabled[] and the
 * functions it names, pci_disable_broken_acs_cap()), as data and code.
 * The DMA-alias fixups are in quirks_dma.c; quirks_table.h has the range
 * initialisers both use.
 *
 * Transcribed from Debian's linux-source-6.12 (6.12.117), compared with
 * linux-source-7.2 (7.2.13, Debian sid) and linux-source-5.10 (5.10.223,
 * Debian bullseye); see docs/kernel-versions.md. Ids are written as hex
 * literals; the kernel's macro names are in comments where they help.
 *
 * Version ranges ([since, until), struct kver_range): an entry without a
 * range (R_ALL) is present, identically, in all three sources compared. A
 * lower bound is the upstream release that introduced the entry where it
 * could be pinned; entries that stable backported into an older series
 * are given the older series as lower bound, because Debian ships the
 * backport (see the comment on each). "approx" marks a bound that could
 * not be pinned exactly.
 *
 * The ACS quirk functions below follow drivers/pci/quirks.c line by line;
 * their kernel names are kept in comments. pci_acs_ctrl_enabled(req, ena)
 * is ctrl_enabled(). A kernel return value < 0 (-ENOTTY, -ENODEV) is
 * QUIRK_NA ("this entry does not answer, try the next"), 0 is
 * QUIRK_NOT_ISOLATED, > 0 is QUIRK_ISOLATED.
 *
 * Nothing in pci_dev_specific_acs_enabled() precedes the table walk in any
 * of the three sources (6.12.117, 7.2.13, 5.10.223): the function is the
 * loop over pci_dev_acs_enabled[] alone. What the walk itself does, and is
 * reproduced here: entries are tried in order; vendor and device each match
 * exactly or through PCI_ANY_ID (0xffff); the first entry whose function
 * returns >= 0 decides; a function returning < 0 lets the walk go on (so a
 * vendor-wide entry like Intel's pci_quirk_rciep_acs does not hide later
 * Intel entries); the { 0 } sentinel ends it with -ENOTTY.
 */
#include "quirks.h"
#include "quirks_table.h"

#include <stddef.h>

/*
 * No quirk function reads the standard ACS control register (pos + 6):
 * the kernel's quirk functions either assert fixed controls or, for Intel
 * SPT, read the dword at pos + 8. So acs_ctrl_effective() and
 * acs_flags_enabled() (acs.h) are not needed here.
 */

/* PCI_ACS_* in the kernel's names, for reading the functions side by side. */
#define PCI_ACS_SV ACS_SV
#define PCI_ACS_TB ACS_TB
#define PCI_ACS_RR ACS_RR
#define PCI_ACS_CR ACS_CR
#define PCI_ACS_UF ACS_UF
#define PCI_ACS_EC ACS_EC
#define PCI_ACS_DT ACS_DT

/* ---------------------------------------------------------------------
 * Device-id sets used inside the quirk functions, with version ranges.
 * ------------------------------------------------------------------- */

struct id_span {
	uint16_t lo, hi;
	struct kver_range kernels;
};

static bool id_in(const struct id_span *t, size_t n, uint16_t id, struct kver v)
{
	for (size_t i = 0; i < n; i++)
		if (id >= t[i].lo && id <= t[i].hi && kver_in(v, t[i].kernels))
			return true;
	return false;
}

/* pci_quirk_cavium_acs_match() */
static const struct id_span cavium_rp_ids[] = {
	{ 0xa000, 0xa7ff, R_ALL }, /* ThunderX1: all downstream ports of 8 SoCs */
	{ 0xaf84, 0xaf84, R_ALL }, /* ThunderX2 */
	{ 0xb884, 0xb884, R_ALL }, /* ThunderX3 */
};

/* pci_quirk_zhaoxin_pcie_ports_acs() */
static const struct id_span zhaoxin_port_ids[] = {
	{ 0x0710, 0x071e, R_ALL },
	{ 0x0721, 0x0721, R_ALL },
	{ 0x0723, 0x0752, R_ALL },
};

/* pci_quirk_intel_spt_pch_acs_match() */
static const struct id_span intel_spt_rp_ids[] = {
	{ 0xa110, 0xa11f, R_ALL }, /* Sunrise Point-H PCI Express Root Port #{0-16} */
	{ 0xa167, 0xa16a, R_ALL }, /* Sunrise Point-H PCI Express Root Port #{17-20} */
	{ 0xa290, 0xa29f, R_ALL }, /* Union Point PCI Express Root port #{0-16} */
	{ 0xa2e7, 0xa2ee, R_ALL }, /* Union Point PCI Express Root port #{17-24} */
	{ 0x9d10, 0x9d1b, R_ALL }, /* 7th & 8th Gen Mobile PCI Express Root port #{1-12} */
};

/* pci_quirk_wangxun_nic_acs(): any other Wangxun device gets 0 (not
 * isolated), not -ENOTTY, so the id set matters beyond this entry. */
static const struct id_span wangxun_nic_ids[] = {
	{ 0x0100, 0x010f, R_ALL }, /* EM: SFxxx 1G NICs */
	{ 0x1001, 0x1001, R_ALL }, /* SP: RP1000/RP2000 10G NICs */
	{ 0x2001, 0x2001, R_ALL }, /* SP */
	/* AML: FF5xxx 40G/25G/10G NICs. Upstream v6.13 ("PCI: Add ACS quirk
	 * for Wangxun FF5xxx NICs"), autosel-backported to 6.12.y: in
	 * 6.12.117 and 7.2.13, not in 5.10.223. */
	{ 0x5010, 0x5010, KR_SINCE(6, 12) },
	{ 0x5025, 0x5025, KR_SINCE(6, 12) },
	{ 0x5040, 0x5040, KR_SINCE(6, 12) },
	{ 0x5110, 0x5110, KR_SINCE(6, 12) },
	{ 0x5125, 0x5125, KR_SINCE(6, 12) },
	{ 0x5140, 0x5140, KR_SINCE(6, 12) },
};

/*
 * pci_quirk_intel_pch_acs_ids[]: Intel PCH root ports without an ACS
 * capability but with ACS-like features (Red Hat bugzilla 1037684).
 * Identical in 5.10.223, 6.12.117 and 7.2.13.
 */
static const uint16_t intel_pch_acs_ids[] = {
	/* Ibexpeak PCH */
	0x3b42, 0x3b43, 0x3b44, 0x3b45, 0x3b46, 0x3b47, 0x3b48, 0x3b49,
	0x3b4a, 0x3b4b, 0x3b4c, 0x3b4d, 0x3b4e, 0x3b4f, 0x3b50, 0x3b51,
	/* Cougarpoint PCH */
	0x1c10, 0x1c11, 0x1c12, 0x1c13, 0x1c14, 0x1c15, 0x1c16, 0x1c17,
	0x1c18, 0x1c19, 0x1c1a, 0x1c1b, 0x1c1c, 0x1c1d, 0x1c1e, 0x1c1f,
	/* Pantherpoint PCH */
	0x1e10, 0x1e11, 0x1e12, 0x1e13, 0x1e14, 0x1e15, 0x1e16, 0x1e17,
	0x1e18, 0x1e19, 0x1e1a, 0x1e1b, 0x1e1c, 0x1e1d, 0x1e1e, 0x1e1f,
	/* Lynxpoint-H PCH */
	0x8c10, 0x8c11, 0x8c12, 0x8c13, 0x8c14, 0x8c15, 0x8c16, 0x8c17,
	0x8c18, 0x8c19, 0x8c1a, 0x8c1b, 0x8c1c, 0x8c1d, 0x8c1e, 0x8c1f,
	/* Lynxpoint-LP PCH */
	0x9c10, 0x9c11, 0x9c12, 0x9c13, 0x9c14, 0x9c15, 0x9c16, 0x9c17,
	0x9c18, 0x9c19, 0x9c1a, 0x9c1b,
	/* Wildcat PCH */
	0x9c90, 0x9c91, 0x9c92, 0x9c93, 0x9c94, 0x9c95, 0x9c96, 0x9c97,
	0x9c98, 0x9c99, 0x9c9a, 0x9c9b,
	/* Patsburg (X79) PCH */
	0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e,
	/* Wellsburg (X99) PCH */
	0x8d10, 0x8d11, 0x8d12, 0x8d13, 0x8d14, 0x8d15, 0x8d16, 0x8d17,
	0x8d18, 0x8d19, 0x8d1a, 0x8d1b, 0x8d1c, 0x8d1d, 0x8d1e,
	/* Lynx Point (9 series) PCH */
	0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e,
};

static bool intel_pch_id(uint16_t device)
{
	for (size_t i = 0; i < ARRAY_LEN(intel_pch_acs_ids); i++)
		if (intel_pch_acs_ids[i] == device)
			return true;
	return false;
}

/* The functions below ask for their lists through this, the tests too. */
bool acs_quirk_id_listed(enum acs_quirk_kind k, uint16_t device, struct kver v)
{
	switch (k) {
	case ACSQ_CAVIUM:
		return id_in(cavium_rp_ids, ARRAY_LEN(cavium_rp_ids), device, v);
	case ACSQ_ZHAOXIN_PORTS:
		return id_in(zhaoxin_port_ids, ARRAY_LEN(zhaoxin_port_ids), device, v);
	case ACSQ_INTEL_PCH:
		return intel_pch_id(device);
	case ACSQ_INTEL_SPT_PCH:
		return id_in(intel_spt_rp_ids, ARRAY_LEN(intel_spt_rp_ids), device, v);
	case ACSQ_WANGXUN_NIC:
		return id_in(wangxun_nic_ids, ARRAY_LEN(wangxun_nic_ids), device, v);
	default:
		return false;
	}
}

/* ---------------------------------------------------------------------
 * The ACS quirk functions.
 * ------------------------------------------------------------------- */

struct qctx {
	const struct sysmodel *m;
	const struct rulectx *rc;
	const struct dev *d;
	uint16_t acs_flags;
	struct kver v;
	bool undecided; /* set by undecided() */
};

typedef enum quirk_answer (*acs_quirk_fn)(struct qctx *c);

/* pci_acs_ctrl_enabled(): every requested control is provided. */
static enum quirk_answer ctrl_enabled(uint16_t acs_ctrl_req, uint16_t acs_ctrl_ena)
{
	return (acs_ctrl_req & acs_ctrl_ena) == acs_ctrl_req ? QUIRK_ISOLATED
							     : QUIRK_NOT_ISOLATED;
}

/*
 * The function's answer depends on data we do not have. The kernel would
 * have answered one way or another (or not at all); we answer "not
 * isolated", which can only make a predicted group larger than the
 * kernel's, never smaller, and record that it was not decided
 * (acs_quirk_query's *undecided) so the caller can say "unknown".
 */
static enum quirk_answer undecided(struct qctx *c)
{
	c->undecided = true;
	return QUIRK_NOT_ISOLATED;
}

static bool type_unknown(const struct dev *d)
{
	return d->pcie_type == PCIE_UNKNOWN;
}

/*
 * pci_pcie_type(): a function without a PCI Express capability has
 * pcie_flags_reg 0, so the kernel sees type 0 (PCI_EXP_TYPE_ENDPOINT) for
 * it when a quirk tests the type without testing pci_is_pcie() first
 * (pci_quirk_al_acs, pci_quirk_rciep_acs).
 */
static enum pcie_type kernel_pcie_type(const struct dev *d)
{
	return d->pcie_type == PCIE_NONE ? PCIE_ENDPOINT : d->pcie_type;
}

/* "pci_is_pcie(dev) && pci_pcie_type(dev) == t": 1 yes, 0 no, -1 unknown. */
static int pcie_is_type(const struct dev *d, enum pcie_type t)
{
	if (type_unknown(d))
		return -1;
	return dev_is_pcie(d) && d->pcie_type == t;
}

/*
 * pci_quirk_amd_sb_acs() (CONFIG_ACPI, set in Debian's x86 kernels).
 * Multifunction southbridge devices on a root bus, with an ACPI IVRS table
 * (AMD IOMMU): RR and CR are effectively on.
 */
static enum quirk_answer q_amd_sb(struct qctx *c)
{
	uint16_t acs_flags = c->acs_flags;

	/* Targeting multifunction devices on the SB (appears on root bus) */
	if (!c->d->multifunction || !dev_on_root_bus(c->d))
		return QUIRK_NA; /* -ENODEV */

	/* The IVRS table describes the AMD IOMMU */
	if (!c->m->has_ivrs)
		return QUIRK_NA; /* -ENODEV */

	/* Filter out flags not applicable to multifunction */
	acs_flags &= (PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_EC | PCI_ACS_DT);

	return ctrl_enabled(acs_flags, PCI_ACS_RR | PCI_ACS_CR);
}

/* pci_quirk_cavium_acs(): ThunderX root ports, no ACS capability. */
static enum quirk_answer q_cavium(struct qctx *c)
{
	/* pci_quirk_cavium_acs_match(): root port and one of the ids */
	if (!acs_quirk_id_listed(ACSQ_CAVIUM, c->d->device, c->v))
		return QUIRK_NA; /* -ENOTTY whatever the type */
	switch (pcie_is_type(c->d, PCIE_ROOT_PORT)) {
	case 0:
		return QUIRK_NA;
	case -1:
		return undecided(c);
	}

	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/* pci_quirk_xgene_acs(): APM X-Gene / Ampere root ports; no type test. */
static enum quirk_answer q_xgene(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/*
 * pci_quirk_zhaoxin_pcie_ports_acs(): Zhaoxin root and downstream ports.
 * A root or downstream port whose id is not listed gets false (0, "not
 * isolated"), not -ENOTTY: the standard ACS rules are never consulted for
 * it, even if it has a working ACS capability.
 */
static enum quirk_answer q_zhaoxin_ports(struct qctx *c)
{
	const struct dev *d = c->d;

	if (type_unknown(d))
		return undecided(c);
	if (!dev_is_pcie(d) ||
	    (d->pcie_type != PCIE_ROOT_PORT && d->pcie_type != PCIE_DOWNSTREAM))
		return QUIRK_NA; /* -ENOTTY */

	if (acs_quirk_id_listed(ACSQ_ZHAOXIN_PORTS, d->device, c->v))
		return ctrl_enabled(c->acs_flags,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);

	return QUIRK_NOT_ISOLATED; /* return false; */
}

/*
 * Did pci_quirk_enable_intel_pch_acs() set PCI_DEV_FLAGS_ACS_ENABLED_QUIRK
 * at boot? sysfs cannot show the flag. The boot-time code fails (and
 * leaves the flag clear) when the LPC bridge at devfn 1f.0 on the root
 * port's bus has RCBA disabled (bit 0 of config dword 0xf0); it could
 * also fail on ioremap, which we cannot see. It runs only when an IOMMU
 * driver asked for ACS (pci_request_acs), which every grouping we predict
 * assumes. So: clear if the LPC's RCBA is known to be disabled, else
 * ASSUMED set (the entry's .assumption says so).
 */
static bool intel_pch_acs_flag_assumed(const struct sysmodel *m, const struct dev *d)
{
	int lpc = model_find(m, d->domain, d->bus, DEVFN(31, 0));

	if (lpc != NO_DEV && m->devs[lpc].intel_lpc_rcba_valid &&
	    !(m->devs[lpc].intel_lpc_rcba & 1u /* INTEL_LPC_RCBA_ENABLE */))
		return false;
	return true;
}

/* pci_quirk_intel_pch_acs(): listed Intel PCH root ports. */
static enum quirk_answer q_intel_pch(struct qctx *c)
{
	/* pci_quirk_intel_pch_acs_match(): root port and a listed id */
	if (!acs_quirk_id_listed(ACSQ_INTEL_PCH, c->d->device, c->v))
		return QUIRK_NA;
	switch (pcie_is_type(c->d, PCIE_ROOT_PORT)) {
	case 0:
		return QUIRK_NA; /* -ENOTTY */
	case -1:
		return undecided(c);
	}

	if (intel_pch_acs_flag_assumed(c->m, c->d))
		return ctrl_enabled(c->acs_flags,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);

	return ctrl_enabled(c->acs_flags, 0);
}

/* pci_quirk_qcom_rp_acs(): QCOM (and HXT) root ports; no type test. */
static enum quirk_answer q_qcom_rp(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/* pci_quirk_nxp_rp_acs(): NXP LX2xxx root ports; no type test. */
static enum quirk_answer q_nxp_rp(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/* pci_quirk_al_acs(): Amazon Annapurna Labs root ports. */
static enum quirk_answer q_al(struct qctx *c)
{
	uint16_t acs_flags = c->acs_flags;

	if (type_unknown(c->d))
		return undecided(c);
	if (kernel_pcie_type(c->d) != PCIE_ROOT_PORT)
		return QUIRK_NA; /* -ENOTTY */

	acs_flags &= (uint16_t)~(PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);

	return acs_flags ? QUIRK_NOT_ISOLATED : QUIRK_ISOLATED;
}

/*
 * pci_quirk_intel_spt_pch_acs(): Sunrise Point / Union Point / 7th-8th gen
 * mobile root ports. Their ACS capability uses dwords: the control
 * register is the dword at acs_cap + INTEL_SPT_ACS_CTRL, where
 * INTEL_SPT_ACS_CTRL = PCI_ACS_CAP + 4 = 8 (not + 6): d->acs_ctrl_dword,
 * which the loader reads at acs_pos + 8. The capability is read as the
 * dword at acs_pos + 4, whose low 16 bits are d->acs_cap (acs_flags is
 * u16, so the high half never matters). Both are read from the device, not
 * from the 7.x cached acs_capabilities, so acs_cap_effective() does not
 * apply here.
 *
 * Predict mode: with an IOMMU, pci_quirk_enable_intel_spt_pch_acs() ORs
 * cap & (SV | RR | CR | UF) into that dword at boot (acs_ctrl_effective()
 * models the standard register only, so it is done here). A
 * pci=disable_acs_redir= / config_acs= on the command line is not modelled
 * for these ports: the live dword shows its effect, a prediction does not.
 */
static enum quirk_answer q_intel_spt_pch(struct qctx *c)
{
	const struct dev *d = c->d;
	uint16_t acs_flags = c->acs_flags;
	uint32_t cap, ctrl;

	/* pci_quirk_intel_spt_pch_acs_match() */
	if (!acs_quirk_id_listed(ACSQ_INTEL_SPT_PCH, d->device, c->v))
		return QUIRK_NA;
	switch (pcie_is_type(d, PCIE_ROOT_PORT)) {
	case 0:
		return QUIRK_NA; /* -ENOTTY */
	case -1:
		return undecided(c);
	}

	/* pos = dev->acs_cap; if (!pos) return -ENOTTY; */
	if (d->acs == ACS_ABSENT)
		return QUIRK_NA;
	if (d->acs == ACS_UNKNOWN || d->acs_pos == 0 || d->cfg_len < d->acs_pos + 12u)
		return undecided(c); /* the control dword was not read */

	/* see pci_acs_flags_enabled() */
	cap = d->acs_cap;
	acs_flags &= (uint16_t)(cap | PCI_ACS_EC);

	ctrl = d->acs_ctrl_dword;
	if (c->rc->predict_acs_enable)
		ctrl |= cap & (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);

	return ctrl_enabled(acs_flags, (uint16_t)ctrl);
}

/*
 * pci_quirk_mf_endpoint_acs(): listed multifunction devices that do no
 * peer-to-peer between functions. No test of type or multifunction: a
 * listed id is isolated, whatever it is.
 */
static enum quirk_answer q_mf_endpoint(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_TB | PCI_ACS_RR |
			    PCI_ACS_CR | PCI_ACS_UF | PCI_ACS_DT);
}

/* pci_quirk_rciep_acs(): every Intel root-complex integrated endpoint. */
static enum quirk_answer q_rciep(struct qctx *c)
{
	if (type_unknown(c->d))
		return undecided(c);
	if (kernel_pcie_type(c->d) != PCIE_RC_END)
		return QUIRK_NA; /* -ENOTTY */

	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/* pci_quirk_brcm_acs(): Broadcom iProc PAXB root ports; no type test. */
static enum quirk_answer q_brcm(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/* pci_quirk_loongson_acs(): Loongson root ports; no type test. */
static enum quirk_answer q_loongson(struct qctx *c)
{
	return ctrl_enabled(c->acs_flags,
			    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
}

/*
 * pci_quirk_wangxun_nic_acs(): listed Wangxun NICs are isolated; every
 * other Wangxun device gets false (0): "not isolated", and the standard
 * rules are not consulted for it.
 */
static enum quirk_answer q_wangxun_nic(struct qctx *c)
{
	if (acs_quirk_id_listed(ACSQ_WANGXUN_NIC, c->d->device, c->v))
		return ctrl_enabled(c->acs_flags,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
	return QUIRK_NOT_ISOLATED; /* return false; */
}

/*
 * The kernel's name for each kind (what the table's kernel_fn column used
 * to repeat on every row), and the kernel name of the id list its function
 * tests (acs_quirk_id_listed).
 */
const struct acs_quirk_kind_info acs_quirk_kinds[ACSQ_NKINDS] = {
	[ACSQ_AMD_SB] = { "pci_quirk_amd_sb_acs", NULL },
	[ACSQ_CAVIUM] = { "pci_quirk_cavium_acs", "pci_quirk_cavium_acs_match" },
	[ACSQ_XGENE] = { "pci_quirk_xgene_acs", NULL },
	[ACSQ_ZHAOXIN_PORTS] = { "pci_quirk_zhaoxin_pcie_ports_acs", "pci_quirk_zhaoxin_pcie_ports_acs" },
	[ACSQ_INTEL_PCH] = { "pci_quirk_intel_pch_acs", "pci_quirk_intel_pch_acs_ids" },
	[ACSQ_QCOM_RP] = { "pci_quirk_qcom_rp_acs", NULL },
	[ACSQ_NXP_RP] = { "pci_quirk_nxp_rp_acs", NULL },
	[ACSQ_AL] = { "pci_quirk_al_acs", NULL },
	[ACSQ_INTEL_SPT_PCH] = { "pci_quirk_intel_spt_pch_acs", "pci_quirk_intel_spt_pch_acs_match" },
	[ACSQ_MF_ENDPOINT] = { "pci_quirk_mf_endpoint_acs", NULL },
	[ACSQ_RCIEP] = { "pci_quirk_rciep_acs", NULL },
	[ACSQ_BRCM] = { "pci_quirk_brcm_acs", NULL },
	[ACSQ_LOONGSON] = { "pci_quirk_loongson_acs", NULL },
	[ACSQ_WANGXUN_NIC] = { "pci_quirk_wangxun_nic_acs", "pci_quirk_wangxun_nic_acs" },
};

const char *acs_quirk_kernel_fn(const struct acs_quirk *q)
{
	return (unsigned)q->kind < ACSQ_NKINDS ? acs_quirk_kinds[q->kind].kernel_fn : "?";
}

/* One function per kind, indexed by kind. */
static const acs_quirk_fn acs_quirk_fns[ACSQ_NKINDS] = {
	[ACSQ_AMD_SB] = q_amd_sb,
	[ACSQ_CAVIUM] = q_cavium,
	[ACSQ_XGENE] = q_xgene,
	[ACSQ_ZHAOXIN_PORTS] = q_zhaoxin_ports,
	[ACSQ_INTEL_PCH] = q_intel_pch,
	[ACSQ_QCOM_RP] = q_qcom_rp,
	[ACSQ_NXP_RP] = q_nxp_rp,
	[ACSQ_AL] = q_al,
	[ACSQ_INTEL_SPT_PCH] = q_intel_spt_pch,
	[ACSQ_MF_ENDPOINT] = q_mf_endpoint,
	[ACSQ_RCIEP] = q_rciep,
	[ACSQ_BRCM] = q_brcm,
	[ACSQ_LOONGSON] = q_loongson,
	[ACSQ_WANGXUN_NIC] = q_wangxun_nic,
};

/* ---------------------------------------------------------------------
 * pci_dev_acs_enabled[], every entry, in the kernel's order.
 * ------------------------------------------------------------------- */

#define E(v, d, k, r, nm) { (v), (d), (k), r, nm, NULL }
#define EA(v, d, k, r, nm) { (v), (d), (k), r, nm, INTEL_PCH_ASSUMPTION }
#define INTEL_PCH_ASSUMPTION                                                    \
	"assumes PCI_DEV_FLAGS_ACS_ENABLED_QUIRK was set at boot by "         \
	"pci_quirk_enable_intel_pch_acs() (not visible in sysfs; known false " \
	"only when the LPC bridge 1f.0 reads RCBA disabled at config 0xf0)"

const struct acs_quirk acs_quirks[] = {
	E(0x1002, 0x4385, ACSQ_AMD_SB, R_ALL, "AMD/ATI SBx00 SMBus Controller"),
	E(0x1002, 0x439c, ACSQ_AMD_SB, R_ALL, "AMD/ATI SB7x0/SB8x0/SB9x0 IDE Controller"),
	E(0x1002, 0x4383, ACSQ_AMD_SB, R_ALL, "AMD/ATI SBx00 Azalia (Intel HDA)"),
	E(0x1002, 0x439d, ACSQ_AMD_SB, R_ALL, "AMD/ATI SB7x0/SB8x0/SB9x0 LPC host controller"),
	E(0x1002, 0x4384, ACSQ_AMD_SB, R_ALL, "AMD/ATI SBx00 PCI to PCI Bridge"),
	E(0x1002, 0x4399, ACSQ_AMD_SB, R_ALL, "AMD/ATI SB7x0/SB8x0/SB9x0 USB OHCI2 Controller"),
	E(0x1022, 0x780f, ACSQ_AMD_SB, R_ALL, "AMD FCH PCI Bridge"),
	E(0x1022, 0x7809, ACSQ_AMD_SB, R_ALL, "AMD FCH USB OHCI Controller"),
	E(0x1924, 0x0903, ACSQ_MF_ENDPOINT, R_ALL, "Solarflare"),
	E(0x1924, 0x0923, ACSQ_MF_ENDPOINT, R_ALL, "Solarflare"),
	E(0x1924, 0x0a03, ACSQ_MF_ENDPOINT, R_ALL, "Solarflare"),
	E(0x8086, 0x10c6, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10db, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10dd, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10e1, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10f1, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10f7, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10f8, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10f9, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10fa, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10fb, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x10fc, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x1507, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x1514, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x151c, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x1529, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x152a, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x154d, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x154f, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x1551, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	E(0x8086, 0x1558, ACSQ_MF_ENDPOINT, R_ALL, "Intel NIC"),
	/* 82580 */
	E(0x8086, 0x1509, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x150e, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x150f, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x1510, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x1511, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x1516, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	E(0x8086, 0x1527, ACSQ_MF_ENDPOINT, R_ALL, "82580"),
	/* 82576 */
	E(0x8086, 0x10c9, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x10e6, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x10e7, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x10e8, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x150a, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x150d, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x1518, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	E(0x8086, 0x1526, ACSQ_MF_ENDPOINT, R_ALL, "82576"),
	/* 82575 */
	E(0x8086, 0x10a7, ACSQ_MF_ENDPOINT, R_ALL, "82575"),
	E(0x8086, 0x10a9, ACSQ_MF_ENDPOINT, R_ALL, "82575"),
	E(0x8086, 0x10d6, ACSQ_MF_ENDPOINT, R_ALL, "82575"),
	/* I350 */
	E(0x8086, 0x1521, ACSQ_MF_ENDPOINT, R_ALL, "I350"),
	E(0x8086, 0x1522, ACSQ_MF_ENDPOINT, R_ALL, "I350"),
	E(0x8086, 0x1523, ACSQ_MF_ENDPOINT, R_ALL, "I350"),
	E(0x8086, 0x1524, ACSQ_MF_ENDPOINT, R_ALL, "I350"),
	/* 82571 (Quads omitted due to non-ACS switch) */
	E(0x8086, 0x105e, ACSQ_MF_ENDPOINT, R_ALL, "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x105f, ACSQ_MF_ENDPOINT, R_ALL, "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x1060, ACSQ_MF_ENDPOINT, R_ALL, "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x10d9, ACSQ_MF_ENDPOINT, R_ALL, "82571 (Quads omitted due to non-ACS switch)"),
	/* I219 */
	E(0x8086, 0x15b7, ACSQ_MF_ENDPOINT, R_ALL, "I219"),
	E(0x8086, 0x15b8, ACSQ_MF_ENDPOINT, R_ALL, "I219"),
	E(0x8086, 0xffff, ACSQ_RCIEP, R_ALL, "Intel root complex integrated endpoints"),
	/* QCOM QDF2xxx root ports */
	E(0x17cb, 0x0400, ACSQ_QCOM_RP, R_ALL, "QCOM QDF2xxx root port"),
	E(0x17cb, 0x0401, ACSQ_QCOM_RP, R_ALL, "QCOM QDF2xxx root port"),
	/* QCOM SA8775P root port */
	E(0x17cb, 0x0115, ACSQ_QCOM_RP, KR_SINCE(6, 12), "QCOM SA8775P root port"), /* approx: upstream v6.12 (stable 6.6.y); not in 5.10.223 */
	/* QCOM Hamoa root port */
	E(0x17cb, 0x0111, ACSQ_QCOM_RP, KR_SINCE(6, 12), "QCOM Hamoa root port"), /* upstream 7.0 (44d2f70b1fd7), backported to 6.12.y: in 6.12.117; 6.13-6.19 lack it */
	/* QCOM Glymur root port */
	E(0x17cb, 0x0120, ACSQ_QCOM_RP, KR_SINCE(6, 12), "QCOM Glymur root port"), /* upstream 7.0 (44d2f70b1fd7), backported to 6.12.y: in 6.12.117; 6.13-6.19 lack it */
	/* HXT SD4800 root ports. The ACS design is same as QCOM QDF2xxx */
	E(0x1dbf, 0x0401, ACSQ_QCOM_RP, R_ALL, "HXT SD4800 root port (ACS design as QCOM QDF2xxx)"),
	/* Intel PCH root ports */
	EA(0x8086, 0xffff, ACSQ_INTEL_PCH, R_ALL, "Intel PCH root ports"),
	E(0x8086, 0xffff, ACSQ_INTEL_SPT_PCH, R_ALL, "Intel Sunrise Point/Union Point/7th-8th gen mobile PCH root ports"),
	E(0x19a2, 0x0710, ACSQ_MF_ENDPOINT, R_ALL, "Emulex BE3-R"),
	E(0x10df, 0x0720, ACSQ_MF_ENDPOINT, R_ALL, "Emulex Skyhawk-R"),
	/* Cavium ThunderX */
	E(0x177d, 0xffff, ACSQ_CAVIUM, R_ALL, "Cavium ThunderX"),
	/* Cavium multi-function devices */
	E(0x177d, 0xa026, ACSQ_MF_ENDPOINT, R_ALL, "Cavium multi-function devices"),
	E(0x177d, 0xa059, ACSQ_MF_ENDPOINT, R_ALL, "Cavium multi-function devices"),
	E(0x177d, 0xa060, ACSQ_MF_ENDPOINT, R_ALL, "Cavium multi-function devices"),
	/* APM X-Gene */
	E(0x10e8, 0xe004, ACSQ_XGENE, R_ALL, "APM X-Gene"),
	/* Ampere Computing */
	E(0x1def, 0xe005, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe006, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe007, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe008, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe009, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe00a, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe00b, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	E(0x1def, 0xe00c, ACSQ_XGENE, R_ALL, "Ampere Computing"),
	/* Broadcom multi-function device */
	E(0x14e4, 0x16d7, ACSQ_MF_ENDPOINT, R_ALL, "Broadcom multi-function device"),
	E(0x14e4, 0x1750, ACSQ_MF_ENDPOINT, R_ALL, "Broadcom multi-function device"),
	E(0x14e4, 0x1751, ACSQ_MF_ENDPOINT, R_ALL, "Broadcom multi-function device"),
	E(0x14e4, 0x1752, ACSQ_MF_ENDPOINT, R_ALL, "Broadcom multi-function device"),
	E(0x14e4, 0x1760, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1761, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1762, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1763, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0xd714, ACSQ_BRCM, R_ALL, "Broadcom multi-function device"),
	/* Loongson PCIe Root Ports */
	E(0x0014, 0x3c09, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x3c19, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x3c29, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a09, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a19, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a29, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a39, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a49, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a59, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a69, ACSQ_LOONGSON, KR_SINCE(6, 12), "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	/* Amazon Annapurna Labs */
	E(0x1c36, 0x0031, ACSQ_AL, R_ALL, "Amazon Annapurna Labs"),
	/* Zhaoxin multi-function devices */
	E(0x1d17, 0x3038, ACSQ_MF_ENDPOINT, R_ALL, "Zhaoxin multi-function devices"),
	E(0x1d17, 0x3104, ACSQ_MF_ENDPOINT, R_ALL, "Zhaoxin multi-function devices"),
	E(0x1d17, 0x9083, ACSQ_MF_ENDPOINT, R_ALL, "Zhaoxin multi-function devices"),
	/* NXP root ports, xx=16, 12, or 08 cores */
	/* LX2xx0A : without security features + CAN-FD */
	E(0x1957, 0x8d81, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0A: without security features + CAN-FD"),
	E(0x1957, 0x8da1, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0A: without security features + CAN-FD"),
	E(0x1957, 0x8d83, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0A: without security features + CAN-FD"),
	/* LX2xx0C : security features + CAN-FD */
	E(0x1957, 0x8d80, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0C: security features + CAN-FD"),
	E(0x1957, 0x8da0, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0C: security features + CAN-FD"),
	E(0x1957, 0x8d82, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0C: security features + CAN-FD"),
	/* LX2xx0E : security features + CAN */
	E(0x1957, 0x8d90, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0E: security features + CAN"),
	E(0x1957, 0x8db0, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0E: security features + CAN"),
	E(0x1957, 0x8d92, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0E: security features + CAN"),
	/* LX2xx0N : without security features + CAN */
	E(0x1957, 0x8d91, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0N: without security features + CAN"),
	E(0x1957, 0x8db1, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0N: without security features + CAN"),
	E(0x1957, 0x8d93, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx0N: without security features + CAN"),
	/* LX2xx2A : without security features + CAN-FD */
	E(0x1957, 0x8d89, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2A: without security features + CAN-FD"),
	E(0x1957, 0x8da9, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2A: without security features + CAN-FD"),
	E(0x1957, 0x8d8b, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2A: without security features + CAN-FD"),
	/* LX2xx2C : security features + CAN-FD */
	E(0x1957, 0x8d88, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2C: security features + CAN-FD"),
	E(0x1957, 0x8da8, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2C: security features + CAN-FD"),
	E(0x1957, 0x8d8a, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2C: security features + CAN-FD"),
	/* LX2xx2E : security features + CAN */
	E(0x1957, 0x8d98, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2E: security features + CAN"),
	E(0x1957, 0x8db8, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2E: security features + CAN"),
	E(0x1957, 0x8d9a, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2E: security features + CAN"),
	/* LX2xx2N : without security features + CAN */
	E(0x1957, 0x8d99, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2N: without security features + CAN"),
	E(0x1957, 0x8db9, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2N: without security features + CAN"),
	E(0x1957, 0x8d9b, ACSQ_NXP_RP, R_ALL, "NXP root port, LX2xx2N: without security features + CAN"),
	/* Zhaoxin Root/Downstream Ports */
	E(0x1d17, 0xffff, ACSQ_ZHAOXIN_PORTS, R_ALL, "Zhaoxin Root/Downstream Ports"),
	/* Wangxun nics */
	E(0x8088, 0xffff, ACSQ_WANGXUN_NIC, R_ALL, "Wangxun NICs"),
};
const unsigned n_acs_quirks = ARRAY_LEN(acs_quirks);

enum quirk_answer acs_quirk_query(const struct sysmodel *m, const struct rulectx *rc, int dev,
				  uint16_t acs_flags, const struct acs_quirk **which, bool *undecided_out)
{
	struct qctx c = { .m = m, .rc = rc, .acs_flags = acs_flags };
	struct kver v;

	if (which)
		*which = NULL;
	if (undecided_out)
		*undecided_out = false;
	if (!m || !rc || dev < 0 || (size_t)dev >= m->ndevs)
		return QUIRK_NA;
	c.v = v = rc->rules;
	c.d = &m->devs[dev];

	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i];
		enum quirk_answer r;

		/* the ids first: they rule out almost every entry, cheaply */
		if (q->vendor != c.d->vendor && q->vendor != QUIRK_ANY_ID)
			continue;
		if (q->device != c.d->device && q->device != QUIRK_ANY_ID)
			continue;
		if (!kver_in(v, q->kernels))
			continue;
		c.undecided = false;
		r = acs_quirk_fns[q->kind](&c);
		if (r != QUIRK_NA) { /* ret >= 0: this entry decides */
			if (which)
				*which = q;
			if (undecided_out)
				*undecided_out = c.undecided;
			return r;
		}
	}
	return QUIRK_NA; /* -ENOTTY */
}

enum quirk_answer acs_quirk_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev,
				    uint16_t acs_flags, const struct acs_quirk **which)
{
	return acs_quirk_query(m, rc, dev, acs_flags, which, NULL);
}

/* ---------------------------------------------------------------------
 * ACS capability fixups: pci_disable_broken_acs_cap() (7.x).
 *
 * From 7.0 pci_acs_init() caches the ACS capability register in
 * pdev->acs_capabilities and calls pci_disable_broken_acs_cap(), which
 * removes SV from the cache for two IDT switches (erratum: their
 * downstream ports apply ACS Source Validation to completions).
 * pci_acs_flags_enabled() masks the required flags with the cache
 * ("acs_flags &= (pdev->acs_capabilities | PCI_ACS_EC)"), so SV is no
 * longer required of those ports, and pci_std_enable_acs() no longer sets
 * it. In 5.10 and 6.12 the same ports only had SV switched off around the
 * first config read of each device at enumeration (pci_idt_bus_quirk(),
 * 80b5 only), which changes nothing that grouping reads afterwards.
 *
 * Boundary: the series "PCI: Cache ACS capabilities" / "Disable ACS SV
 * capability for the broken IDT switches" / "Extend ... for one more IDT
 * switch" (Manivannan Sadhasivam, v3 on v6.19-rc1, January 2026) is not in
 * 6.12.117 and is in 7.2.13; 7.0 is its first possible release (approx).
 * ------------------------------------------------------------------- */

const struct acs_cap_fixup acs_cap_fixups[] = {
	{ 0x111d, 0x80b5, ACS_SV, KR_SINCE(7, 0), "pci_disable_broken_acs_cap",
	  "IDT PCIe switch 80b5 (89H32H8G3-YC erratum #36)" },
	{ 0x111d, 0x8090, ACS_SV, KR_SINCE(7, 0), "pci_disable_broken_acs_cap",
	  "IDT PCIe switch 8090" },
};
const unsigned n_acs_cap_fixups = ARRAY_LEN(acs_cap_fixups);

const struct acs_cap_fixup *acs_cap_fixup_for(const struct dev *d, struct kver v)
{
	for (unsigned i = 0; i < n_acs_cap_fixups; i++) {
		const struct acs_cap_fixup *f = &acs_cap_fixups[i];

		if (f->vendor == d->vendor && f->device == d->device &&
		    kver_in(v, f->kernels))
			return f;
	}
	return NULL;
}

uint16_t acs_cap_effective(const struct sysmodel *m, const struct dev *d, struct kver v)
{
	uint16_t cap = d->acs_cap;

	(void)m;
	for (unsigned i = 0; i < n_acs_cap_fixups; i++) {
		const struct acs_cap_fixup *f = &acs_cap_fixups[i];

		if (f->vendor == d->vendor && f->device == d->device &&
		    kver_in(v, f->kernels))
			cap &= (uint16_t)~f->clear;
	}
	return cap;
}
