// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * quirks.c - the kernel's PCI quirks that change IOMMU grouping, as data.
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

#include <stddef.h>
#include <string.h>

/*
 * No quirk function reads the standard ACS control register (pos + 6):
 * the kernel's quirk functions either assert fixed controls or, for Intel
 * SPT, read the dword at pos + 8. So acs_ctrl_effective() and
 * acs_flags_enabled() (acs.h) are not needed here.
 */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* kver_range initialisers (plain braces: constant in static tables). */
#define R_ALL { { 0, 0 }, { 0, 0 } }
#define KR_SINCE(a, b) { { (a), (b) }, { 0, 0 } }
#define KR_SPAN(a, b, c, d) { { (a), (b) }, { (c), (d) } }

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

/* ---------------------------------------------------------------------
 * The ACS quirk functions.
 * ------------------------------------------------------------------- */

struct qctx {
	const struct sysmodel *m;
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
	if (!id_in(cavium_rp_ids, ARRAY_LEN(cavium_rp_ids), c->d->device, c->v))
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

	if (id_in(zhaoxin_port_ids, ARRAY_LEN(zhaoxin_port_ids), d->device, c->v))
		return ctrl_enabled(c->acs_flags,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);

	return QUIRK_NOT_ISOLATED; /* return false; */
}

static bool intel_pch_id(uint16_t device)
{
	for (size_t i = 0; i < ARRAY_LEN(intel_pch_acs_ids); i++)
		if (intel_pch_acs_ids[i] == device)
			return true;
	return false;
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
	if (!intel_pch_id(c->d->device))
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
	if (!id_in(intel_spt_rp_ids, ARRAY_LEN(intel_spt_rp_ids), d->device, c->v))
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
	if (c->m->predict_acs_enable)
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
	if (id_in(wangxun_nic_ids, ARRAY_LEN(wangxun_nic_ids), c->d->device, c->v))
		return ctrl_enabled(c->acs_flags,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
	return QUIRK_NOT_ISOLATED; /* return false; */
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

#define E(v, d, k, r, fn, nm) { (v), (d), (k), r, fn, nm, NULL }
#define EA(v, d, k, r, fn, nm) { (v), (d), (k), r, fn, nm, INTEL_PCH_ASSUMPTION }
#define INTEL_PCH_ASSUMPTION                                                    \
	"assumes PCI_DEV_FLAGS_ACS_ENABLED_QUIRK was set at boot by "         \
	"pci_quirk_enable_intel_pch_acs() (not visible in sysfs; known false " \
	"only when the LPC bridge 1f.0 reads RCBA disabled at config 0xf0)"

const struct acs_quirk acs_quirks[] = {
	E(0x1002, 0x4385, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SBx00 SMBus Controller"),
	E(0x1002, 0x439c, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SB7x0/SB8x0/SB9x0 IDE Controller"),
	E(0x1002, 0x4383, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SBx00 Azalia (Intel HDA)"),
	E(0x1002, 0x439d, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SB7x0/SB8x0/SB9x0 LPC host controller"),
	E(0x1002, 0x4384, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SBx00 PCI to PCI Bridge"),
	E(0x1002, 0x4399, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD/ATI SB7x0/SB8x0/SB9x0 USB OHCI2 Controller"),
	E(0x1022, 0x780f, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD FCH PCI Bridge"),
	E(0x1022, 0x7809, ACSQ_AMD_SB, R_ALL, "pci_quirk_amd_sb_acs", "AMD FCH USB OHCI Controller"),
	E(0x1924, 0x0903, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Solarflare"),
	E(0x1924, 0x0923, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Solarflare"),
	E(0x1924, 0x0a03, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Solarflare"),
	E(0x8086, 0x10c6, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10db, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10dd, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10e1, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10f1, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10f7, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10f8, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10f9, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10fa, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10fb, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x10fc, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x1507, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x1514, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x151c, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x1529, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x152a, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x154d, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x154f, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x1551, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	E(0x8086, 0x1558, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Intel NIC"),
	/* 82580 */
	E(0x8086, 0x1509, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x150e, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x150f, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x1510, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x1511, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x1516, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	E(0x8086, 0x1527, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82580"),
	/* 82576 */
	E(0x8086, 0x10c9, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x10e6, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x10e7, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x10e8, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x150a, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x150d, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x1518, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	E(0x8086, 0x1526, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82576"),
	/* 82575 */
	E(0x8086, 0x10a7, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82575"),
	E(0x8086, 0x10a9, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82575"),
	E(0x8086, 0x10d6, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82575"),
	/* I350 */
	E(0x8086, 0x1521, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I350"),
	E(0x8086, 0x1522, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I350"),
	E(0x8086, 0x1523, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I350"),
	E(0x8086, 0x1524, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I350"),
	/* 82571 (Quads omitted due to non-ACS switch) */
	E(0x8086, 0x105e, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x105f, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x1060, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82571 (Quads omitted due to non-ACS switch)"),
	E(0x8086, 0x10d9, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "82571 (Quads omitted due to non-ACS switch)"),
	/* I219 */
	E(0x8086, 0x15b7, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I219"),
	E(0x8086, 0x15b8, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "I219"),
	E(0x8086, 0xffff, ACSQ_RCIEP, R_ALL, "pci_quirk_rciep_acs", "Intel root complex integrated endpoints"),
	/* QCOM QDF2xxx root ports */
	E(0x17cb, 0x0400, ACSQ_QCOM_RP, R_ALL, "pci_quirk_qcom_rp_acs", "QCOM QDF2xxx root port"),
	E(0x17cb, 0x0401, ACSQ_QCOM_RP, R_ALL, "pci_quirk_qcom_rp_acs", "QCOM QDF2xxx root port"),
	/* QCOM SA8775P root port */
	E(0x17cb, 0x0115, ACSQ_QCOM_RP, KR_SINCE(6, 12), "pci_quirk_qcom_rp_acs", "QCOM SA8775P root port"), /* approx: upstream v6.12 (stable 6.6.y); not in 5.10.223 */
	/* QCOM Hamoa root port */
	E(0x17cb, 0x0111, ACSQ_QCOM_RP, KR_SINCE(6, 12), "pci_quirk_qcom_rp_acs", "QCOM Hamoa root port"), /* upstream 7.0 (44d2f70b1fd7), backported to 6.12.y: in 6.12.117; 6.13-6.19 lack it */
	/* QCOM Glymur root port */
	E(0x17cb, 0x0120, ACSQ_QCOM_RP, KR_SINCE(6, 12), "pci_quirk_qcom_rp_acs", "QCOM Glymur root port"), /* upstream 7.0 (44d2f70b1fd7), backported to 6.12.y: in 6.12.117; 6.13-6.19 lack it */
	/* HXT SD4800 root ports. The ACS design is same as QCOM QDF2xxx */
	E(0x1dbf, 0x0401, ACSQ_QCOM_RP, R_ALL, "pci_quirk_qcom_rp_acs", "HXT SD4800 root port (ACS design as QCOM QDF2xxx)"),
	/* Intel PCH root ports */
	EA(0x8086, 0xffff, ACSQ_INTEL_PCH, R_ALL, "pci_quirk_intel_pch_acs", "Intel PCH root ports"),
	E(0x8086, 0xffff, ACSQ_INTEL_SPT_PCH, R_ALL, "pci_quirk_intel_spt_pch_acs", "Intel Sunrise Point/Union Point/7th-8th gen mobile PCH root ports"),
	E(0x19a2, 0x0710, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Emulex BE3-R"),
	E(0x10df, 0x0720, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Emulex Skyhawk-R"),
	/* Cavium ThunderX */
	E(0x177d, 0xffff, ACSQ_CAVIUM, R_ALL, "pci_quirk_cavium_acs", "Cavium ThunderX"),
	/* Cavium multi-function devices */
	E(0x177d, 0xa026, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Cavium multi-function devices"),
	E(0x177d, 0xa059, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Cavium multi-function devices"),
	E(0x177d, 0xa060, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Cavium multi-function devices"),
	/* APM X-Gene */
	E(0x10e8, 0xe004, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "APM X-Gene"),
	/* Ampere Computing */
	E(0x1def, 0xe005, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe006, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe007, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe008, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe009, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe00a, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe00b, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	E(0x1def, 0xe00c, ACSQ_XGENE, R_ALL, "pci_quirk_xgene_acs", "Ampere Computing"),
	/* Broadcom multi-function device */
	E(0x14e4, 0x16d7, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"),
	E(0x14e4, 0x1750, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"),
	E(0x14e4, 0x1751, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"),
	E(0x14e4, 0x1752, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"),
	E(0x14e4, 0x1760, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1761, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1762, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0x1763, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10), "pci_quirk_mf_endpoint_acs", "Broadcom multi-function device"), /* approx: upstream ~v6.10 (BCM5760X), stable; not in 5.10.223 */
	E(0x14e4, 0xd714, ACSQ_BRCM, R_ALL, "pci_quirk_brcm_acs", "Broadcom multi-function device"),
	/* Loongson PCIe Root Ports */
	E(0x0014, 0x3c09, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x3c19, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x3c29, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a09, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a19, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a29, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a39, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a49, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a59, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	E(0x0014, 0x7a69, ACSQ_LOONGSON, KR_SINCE(6, 12), "pci_quirk_loongson_acs", "Loongson PCIe Root Ports"), /* upstream v6.16, backported to 6.12.y (and 5.4.y in 2025); not in 5.10.223 */
	/* Amazon Annapurna Labs */
	E(0x1c36, 0x0031, ACSQ_AL, R_ALL, "pci_quirk_al_acs", "Amazon Annapurna Labs"),
	/* Zhaoxin multi-function devices */
	E(0x1d17, 0x3038, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Zhaoxin multi-function devices"),
	E(0x1d17, 0x3104, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Zhaoxin multi-function devices"),
	E(0x1d17, 0x9083, ACSQ_MF_ENDPOINT, R_ALL, "pci_quirk_mf_endpoint_acs", "Zhaoxin multi-function devices"),
	/* NXP root ports, xx=16, 12, or 08 cores */
	/* LX2xx0A : without security features + CAN-FD */
	E(0x1957, 0x8d81, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0A: without security features + CAN-FD"),
	E(0x1957, 0x8da1, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0A: without security features + CAN-FD"),
	E(0x1957, 0x8d83, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0A: without security features + CAN-FD"),
	/* LX2xx0C : security features + CAN-FD */
	E(0x1957, 0x8d80, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0C: security features + CAN-FD"),
	E(0x1957, 0x8da0, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0C: security features + CAN-FD"),
	E(0x1957, 0x8d82, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0C: security features + CAN-FD"),
	/* LX2xx0E : security features + CAN */
	E(0x1957, 0x8d90, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0E: security features + CAN"),
	E(0x1957, 0x8db0, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0E: security features + CAN"),
	E(0x1957, 0x8d92, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0E: security features + CAN"),
	/* LX2xx0N : without security features + CAN */
	E(0x1957, 0x8d91, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0N: without security features + CAN"),
	E(0x1957, 0x8db1, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0N: without security features + CAN"),
	E(0x1957, 0x8d93, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx0N: without security features + CAN"),
	/* LX2xx2A : without security features + CAN-FD */
	E(0x1957, 0x8d89, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2A: without security features + CAN-FD"),
	E(0x1957, 0x8da9, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2A: without security features + CAN-FD"),
	E(0x1957, 0x8d8b, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2A: without security features + CAN-FD"),
	/* LX2xx2C : security features + CAN-FD */
	E(0x1957, 0x8d88, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2C: security features + CAN-FD"),
	E(0x1957, 0x8da8, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2C: security features + CAN-FD"),
	E(0x1957, 0x8d8a, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2C: security features + CAN-FD"),
	/* LX2xx2E : security features + CAN */
	E(0x1957, 0x8d98, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2E: security features + CAN"),
	E(0x1957, 0x8db8, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2E: security features + CAN"),
	E(0x1957, 0x8d9a, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2E: security features + CAN"),
	/* LX2xx2N : without security features + CAN */
	E(0x1957, 0x8d99, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2N: without security features + CAN"),
	E(0x1957, 0x8db9, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2N: without security features + CAN"),
	E(0x1957, 0x8d9b, ACSQ_NXP_RP, R_ALL, "pci_quirk_nxp_rp_acs", "NXP root port, LX2xx2N: without security features + CAN"),
	/* Zhaoxin Root/Downstream Ports */
	E(0x1d17, 0xffff, ACSQ_ZHAOXIN_PORTS, R_ALL, "pci_quirk_zhaoxin_pcie_ports_acs", "Zhaoxin Root/Downstream Ports"),
	/* Wangxun nics */
	E(0x8088, 0xffff, ACSQ_WANGXUN_NIC, R_ALL, "pci_quirk_wangxun_nic_acs", "Wangxun NICs"),
};
const unsigned n_acs_quirks = ARRAY_LEN(acs_quirks);

enum quirk_answer acs_quirk_query(const struct sysmodel *m, int dev, uint16_t acs_flags,
				  struct kver v, const struct acs_quirk **which, bool *undecided_out)
{
	struct qctx c = { .m = m, .acs_flags = acs_flags, .v = v };

	if (which)
		*which = NULL;
	if (undecided_out)
		*undecided_out = false;
	if (!m || dev < 0 || (size_t)dev >= m->ndevs)
		return QUIRK_NA;
	c.d = &m->devs[dev];

	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i];
		enum quirk_answer r;

		if (!kver_in(v, q->kernels))
			continue;
		if (q->vendor != c.d->vendor && q->vendor != QUIRK_ANY_ID)
			continue;
		if (q->device != c.d->device && q->device != QUIRK_ANY_ID)
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

enum quirk_answer acs_quirk_enabled(const struct sysmodel *m, int dev, uint16_t acs_flags,
				    struct kver v, const struct acs_quirk **which)
{
	return acs_quirk_query(m, dev, acs_flags, v, which, NULL);
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

/* ---------------------------------------------------------------------
 * DMA-alias fixups: every fixup in drivers/pci and arch/x86/pci that calls
 * pci_add_dma_alias() or sets PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT,
 * PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS or (7.x) PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS.
 * All are DECLARE_PCI_FIXUP_HEADER (vendor, device) except the Switchtec
 * NTB ones, DECLARE_PCI_FIXUP_CLASS_FINAL(vendor, device,
 * PCI_CLASS_BRIDGE_OTHER, 8, ...): they match only when class >> 8 ==
 * 0x0680. quirk_fixed_dma_alias is declared for 9005:0285 and then matches
 * fixed_dma_alias_tbl[] by subsystem id (PCI_DEVICE_SUB). The only other
 * caller of pci_add_dma_alias() is the AMD IOMMU driver (IVRS aliases from
 * firmware), which is not a PCI fixup and not modelled here.
 * (arch/x86/pci has none; its pci_real_dma_dev() is the VMD redirection.)
 * ------------------------------------------------------------------- */

#define ANY QUIRK_ANY_ID
#define D(v, d, k, r, fn, nm) { (v), (d), ANY, ANY, 0, 0, (k), 0, r, fn, nm }
#define DSUB(v, d, sv, sd, k, arg, r, fn, nm) { (v), (d), (sv), (sd), 0, 0, (k), (arg), r, fn, nm }
/* SWITCHTEC_QUIRK / SWITCHTEC_PCI100X_QUIRK: class 0x0680xx only */
#define DSW(v, d, r, nm)                                                        \
	{ (v), (d), ANY, ANY, 0x068000, 0xffff00, DMAQ_SWITCHTEC_NTB, 0, r,     \
	  "quirk_switchtec_ntb_dma_alias", nm }
#define MSCC 0x11f8 /* PCI_VENDOR_ID_MICROSEMI */
#define EFAR 0x1055 /* PCI_VENDOR_ID_EFAR: Microchip PCI100x */

const struct dma_quirk dma_quirks[] = {
	/* quirk_dma_func0_alias: function N also DMAs as function 0 */
	D(0x1180, 0xe832, DMAQ_FUNC0, R_ALL, "quirk_dma_func0_alias", "Ricoh (RH bz 605888)"),
	D(0x1180, 0xe476, DMAQ_FUNC0, R_ALL, "quirk_dma_func0_alias", "Ricoh (RH bz 605888)"),
	/* Glenfly Arise: upstream v6.12 ("PCI: Add function 0 DMA alias quirk
	 * for Glenfly Arise chip", stable 6.6.y), not in 5.10.223 (approx) */
	D(0x6766, 0x3d40, DMAQ_FUNC0, KR_SINCE(6, 12), "quirk_dma_func0_alias", "Glenfly Arise"),
	D(0x6766, 0x3d41, DMAQ_FUNC0, KR_SINCE(6, 12), "quirk_dma_func0_alias", "Glenfly Arise"),

	/* quirk_dma_func1_alias: also DMAs as function 1 (function 1 may be
	 * absent: a ghost requester) */
	D(0x1b4b, 0x9120, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9120"),
	D(0x1b4b, 0x9123, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9123"),
	D(0x1b4b, 0x9125, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9125"),
	D(0x1b4b, 0x9128, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9128"),
	D(0x1b4b, 0x9130, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9130"),
	D(0x1b4b, 0x9170, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9170"),
	D(0x1b4b, 0x9172, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9172"),
	D(0x1b4b, 0x917a, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE917a"),
	D(0x1b4b, 0x9182, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9182"),
	D(0x1b4b, 0x9183, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9183"),
	D(0x1b4b, 0x91a0, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE91a0"),
	D(0x1b4b, 0x9215, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9215"),
	D(0x1b4b, 0x9220, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9220"),
	D(0x1b4b, 0x9230, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9230"),
	D(0x1b4b, 0x9235, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Marvell 88SE9235"),
	D(0x1103, 0x0642, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "TTI (HighPoint) RocketRAID 0642"),
	D(0x1103, 0x0645, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "TTI (HighPoint) RocketRAID 0645"),
	D(0x197b, 0x2392, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "JMicron JMB388_ESD"),
	D(0x1c28, 0x0122, DMAQ_FUNC1, R_ALL, "quirk_dma_func1_alias", "Lite-On Plextor M6E (Marvell 88SS9183)"),

	/* quirk_fixed_dma_alias, fixed_dma_alias_tbl[]: .driver_data =
	 * PCI_DEVFN(1, 0) = 0x08 */
	DSUB(0x9005, 0x0285, 0x9005, 0x02bb, DMAQ_FIXED, 0x08, R_ALL, "quirk_fixed_dma_alias", "Adaptec 3405"),
	DSUB(0x9005, 0x0285, 0x9005, 0x02bc, DMAQ_FIXED, 0x08, R_ALL, "quirk_fixed_dma_alias", "Adaptec 3805"),

	/* quirk_use_pcie_bridge_dma_alias: a bridge without a PCI Express
	 * capability below a PCIe port aliases like a PCIe-to-PCI bridge */
	D(0x1b21, 0x1080, DMAQ_USE_PCIE_BRIDGE, R_ALL, "quirk_use_pcie_bridge_dma_alias", "ASMedia ASM1083/1085"),
	D(0x10e3, 0x8113, DMAQ_USE_PCIE_BRIDGE, R_ALL, "quirk_use_pcie_bridge_dma_alias", "Tundra 8113"),
	D(0x1283, 0x8892, DMAQ_USE_PCIE_BRIDGE, R_ALL, "quirk_use_pcie_bridge_dma_alias", "ITE 8892"),
	D(0x1283, 0x8893, DMAQ_USE_PCIE_BRIDGE, R_ALL, "quirk_use_pcie_bridge_dma_alias", "ITE 8893"),
	D(0x8086, 0x244e, DMAQ_USE_PCIE_BRIDGE, R_ALL, "quirk_use_pcie_bridge_dma_alias", "Intel 82801 PCI bridge"),

	/* quirk_mic_x200_dma_alias: 10.0, 11.0, 12.3 */
	D(0x8086, 0x2260, DMAQ_MIC_X200, R_ALL, "quirk_mic_x200_dma_alias", "Intel MIC x200 (Xeon Phi) NTB"),
	D(0x8086, 0x2264, DMAQ_MIC_X200, R_ALL, "quirk_mic_x200_dma_alias", "Intel MIC x200 (Xeon Phi) NTB"),

	/* quirk_pex_vca_alias: functions 0-4 of every slot */
	D(0x8086, 0x2954, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2955, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2956, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2958, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2959, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),
	D(0x8086, 0x295a, DMAQ_PEX_VCA, R_ALL, "quirk_pex_vca_alias", "Intel Visual Compute Accelerator"),

	/* quirk_bridge_cavm_thrx2_pcie_root: PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT */
	D(0x14e4, 0x9000, DMAQ_XLATE_ROOT, R_ALL, "quirk_bridge_cavm_thrx2_pcie_root", "Broadcom Vulcan / Cavium ThunderX2 PCIe root bridge"),
	D(0x14e4, 0x9084, DMAQ_XLATE_ROOT, R_ALL, "quirk_bridge_cavm_thrx2_pcie_root", "Broadcom Vulcan / Cavium ThunderX2 PCIe root bridge"),

	/* quirk_aspeed_pci_bridge_no_alias (PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS,
	 * honoured by pci_for_each_dma_alias for a PCIe-to-PCI bridge). Not in
	 * 6.12.117, in 7.2.13; posted December 2025 (after v6.19-rc1), so 7.0
	 * is its first possible release (approx). */
	D(0x1a03, 0x1150, DMAQ_PCI_BRIDGE_NO_ALIAS, KR_SINCE(7, 0), "quirk_aspeed_pci_bridge_no_alias", "ASPEED AST1150 PCIe-to-PCI bridge"),

	/* quirk_plx_ntb_dma_alias: all 256 devfns */
	D(0x10b5, 0x87b0, DMAQ_PLX_NTB, R_ALL, "quirk_plx_ntb_dma_alias", "PLX NTB"),
	D(0x10b5, 0x87b1, DMAQ_PLX_NTB, R_ALL, "quirk_plx_ntb_dma_alias", "PLX NTB"),

	/* quirk_switchtec_ntb_dma_alias (see dq_switchtec_ntb for what can be
	 * known); Gen3 and the first Gen4 parts: all versions */
	DSW(MSCC, 0x8531, R_ALL, "PFX 24xG3"),
	DSW(MSCC, 0x8532, R_ALL, "PFX 32xG3"),
	DSW(MSCC, 0x8533, R_ALL, "PFX 48xG3"),
	DSW(MSCC, 0x8534, R_ALL, "PFX 64xG3"),
	DSW(MSCC, 0x8535, R_ALL, "PFX 80xG3"),
	DSW(MSCC, 0x8536, R_ALL, "PFX 96xG3"),
	DSW(MSCC, 0x8541, R_ALL, "PSX 24xG3"),
	DSW(MSCC, 0x8542, R_ALL, "PSX 32xG3"),
	DSW(MSCC, 0x8543, R_ALL, "PSX 48xG3"),
	DSW(MSCC, 0x8544, R_ALL, "PSX 64xG3"),
	DSW(MSCC, 0x8545, R_ALL, "PSX 80xG3"),
	DSW(MSCC, 0x8546, R_ALL, "PSX 96xG3"),
	DSW(MSCC, 0x8551, R_ALL, "PAX 24XG3"),
	DSW(MSCC, 0x8552, R_ALL, "PAX 32XG3"),
	DSW(MSCC, 0x8553, R_ALL, "PAX 48XG3"),
	DSW(MSCC, 0x8554, R_ALL, "PAX 64XG3"),
	DSW(MSCC, 0x8555, R_ALL, "PAX 80XG3"),
	DSW(MSCC, 0x8556, R_ALL, "PAX 96XG3"),
	DSW(MSCC, 0x8561, R_ALL, "PFXL 24XG3"),
	DSW(MSCC, 0x8562, R_ALL, "PFXL 32XG3"),
	DSW(MSCC, 0x8563, R_ALL, "PFXL 48XG3"),
	DSW(MSCC, 0x8564, R_ALL, "PFXL 64XG3"),
	DSW(MSCC, 0x8565, R_ALL, "PFXL 80XG3"),
	DSW(MSCC, 0x8566, R_ALL, "PFXL 96XG3"),
	DSW(MSCC, 0x8571, R_ALL, "PFXI 24XG3"),
	DSW(MSCC, 0x8572, R_ALL, "PFXI 32XG3"),
	DSW(MSCC, 0x8573, R_ALL, "PFXI 48XG3"),
	DSW(MSCC, 0x8574, R_ALL, "PFXI 64XG3"),
	DSW(MSCC, 0x8575, R_ALL, "PFXI 80XG3"),
	DSW(MSCC, 0x8576, R_ALL, "PFXI 96XG3"),
	DSW(MSCC, 0x4000, R_ALL, "PFX 100XG4"),
	DSW(MSCC, 0x4084, R_ALL, "PFX 84XG4"),
	DSW(MSCC, 0x4068, R_ALL, "PFX 68XG4"),
	DSW(MSCC, 0x4052, R_ALL, "PFX 52XG4"),
	DSW(MSCC, 0x4036, R_ALL, "PFX 36XG4"),
	DSW(MSCC, 0x4028, R_ALL, "PFX 28XG4"),
	DSW(MSCC, 0x4100, R_ALL, "PSX 100XG4"),
	DSW(MSCC, 0x4184, R_ALL, "PSX 84XG4"),
	DSW(MSCC, 0x4168, R_ALL, "PSX 68XG4"),
	DSW(MSCC, 0x4152, R_ALL, "PSX 52XG4"),
	DSW(MSCC, 0x4136, R_ALL, "PSX 36XG4"),
	DSW(MSCC, 0x4128, R_ALL, "PSX 28XG4"),
	DSW(MSCC, 0x4200, R_ALL, "PAX 100XG4"),
	DSW(MSCC, 0x4284, R_ALL, "PAX 84XG4"),
	DSW(MSCC, 0x4268, R_ALL, "PAX 68XG4"),
	DSW(MSCC, 0x4252, R_ALL, "PAX 52XG4"),
	DSW(MSCC, 0x4236, R_ALL, "PAX 36XG4"),
	DSW(MSCC, 0x4228, R_ALL, "PAX 28XG4"),
	/* Gen4 automotive (PFXA/PSXA/PAXA): not in 5.10.223, in 6.12.117;
	 * upstream ~v5.18 (approx) */
	DSW(MSCC, 0x4352, KR_SINCE(5, 18), "PFXA 52XG4"),
	DSW(MSCC, 0x4336, KR_SINCE(5, 18), "PFXA 36XG4"),
	DSW(MSCC, 0x4328, KR_SINCE(5, 18), "PFXA 28XG4"),
	DSW(MSCC, 0x4452, KR_SINCE(5, 18), "PSXA 52XG4"),
	DSW(MSCC, 0x4436, KR_SINCE(5, 18), "PSXA 36XG4"),
	DSW(MSCC, 0x4428, KR_SINCE(5, 18), "PSXA 28XG4"),
	DSW(MSCC, 0x4552, KR_SINCE(5, 18), "PAXA 52XG4"),
	DSW(MSCC, 0x4536, KR_SINCE(5, 18), "PAXA 36XG4"),
	DSW(MSCC, 0x4528, KR_SINCE(5, 18), "PAXA 28XG4"),
	/* Gen5: "PCI: switchtec: Add support for PCIe Gen5 devices", applied
	 * August 2023 for v6.6; not in 5.10.223 */
	DSW(MSCC, 0x5000, KR_SINCE(6, 6), "PFX 100XG5"),
	DSW(MSCC, 0x5084, KR_SINCE(6, 6), "PFX 84XG5"),
	DSW(MSCC, 0x5068, KR_SINCE(6, 6), "PFX 68XG5"),
	DSW(MSCC, 0x5052, KR_SINCE(6, 6), "PFX 52XG5"),
	DSW(MSCC, 0x5036, KR_SINCE(6, 6), "PFX 36XG5"),
	DSW(MSCC, 0x5028, KR_SINCE(6, 6), "PFX 28XG5"),
	DSW(MSCC, 0x5100, KR_SINCE(6, 6), "PSX 100XG5"),
	DSW(MSCC, 0x5184, KR_SINCE(6, 6), "PSX 84XG5"),
	DSW(MSCC, 0x5168, KR_SINCE(6, 6), "PSX 68XG5"),
	DSW(MSCC, 0x5152, KR_SINCE(6, 6), "PSX 52XG5"),
	DSW(MSCC, 0x5136, KR_SINCE(6, 6), "PSX 36XG5"),
	DSW(MSCC, 0x5128, KR_SINCE(6, 6), "PSX 28XG5"),
	DSW(MSCC, 0x5200, KR_SINCE(6, 6), "PAX 100XG5"),
	DSW(MSCC, 0x5284, KR_SINCE(6, 6), "PAX 84XG5"),
	DSW(MSCC, 0x5268, KR_SINCE(6, 6), "PAX 68XG5"),
	DSW(MSCC, 0x5252, KR_SINCE(6, 6), "PAX 52XG5"),
	DSW(MSCC, 0x5236, KR_SINCE(6, 6), "PAX 36XG5"),
	DSW(MSCC, 0x5228, KR_SINCE(6, 6), "PAX 28XG5"),
	DSW(MSCC, 0x5300, KR_SINCE(6, 6), "PFXA 100XG5"),
	DSW(MSCC, 0x5384, KR_SINCE(6, 6), "PFXA 84XG5"),
	DSW(MSCC, 0x5368, KR_SINCE(6, 6), "PFXA 68XG5"),
	DSW(MSCC, 0x5352, KR_SINCE(6, 6), "PFXA 52XG5"),
	DSW(MSCC, 0x5336, KR_SINCE(6, 6), "PFXA 36XG5"),
	DSW(MSCC, 0x5328, KR_SINCE(6, 6), "PFXA 28XG5"),
	DSW(MSCC, 0x5400, KR_SINCE(6, 6), "PSXA 100XG5"),
	DSW(MSCC, 0x5484, KR_SINCE(6, 6), "PSXA 84XG5"),
	DSW(MSCC, 0x5468, KR_SINCE(6, 6), "PSXA 68XG5"),
	DSW(MSCC, 0x5452, KR_SINCE(6, 6), "PSXA 52XG5"),
	DSW(MSCC, 0x5436, KR_SINCE(6, 6), "PSXA 36XG5"),
	DSW(MSCC, 0x5428, KR_SINCE(6, 6), "PSXA 28XG5"),
	DSW(MSCC, 0x5500, KR_SINCE(6, 6), "PAXA 100XG5"),
	DSW(MSCC, 0x5584, KR_SINCE(6, 6), "PAXA 84XG5"),
	DSW(MSCC, 0x5568, KR_SINCE(6, 6), "PAXA 68XG5"),
	DSW(MSCC, 0x5552, KR_SINCE(6, 6), "PAXA 52XG5"),
	DSW(MSCC, 0x5536, KR_SINCE(6, 6), "PAXA 36XG5"),
	DSW(MSCC, 0x5528, KR_SINCE(6, 6), "PAXA 28XG5"),
	/* SWITCHTEC_PCI100X_QUIRK (vendor EFAR): not in 5.10.223, in 6.12.117
	 * and 7.2.13; upstream release not pinned: 6.12 is the proven bound
	 * (approx) */
	DSW(EFAR, 0x1001, KR_SINCE(6, 12), "PCI1001XG4"),
	DSW(EFAR, 0x1002, KR_SINCE(6, 12), "PCI1002XG4"),
	DSW(EFAR, 0x1003, KR_SINCE(6, 12), "PCI1003XG4"),
	DSW(EFAR, 0x1004, KR_SINCE(6, 12), "PCI1004XG4"),
	DSW(EFAR, 0x1005, KR_SINCE(6, 12), "PCI1005XG4"),
	DSW(EFAR, 0x1006, KR_SINCE(6, 12), "PCI1006XG4"),
	/* PCI1008XG4: "PCI: switchtec: Add Microchip PCI1008 to NTB DMA alias
	 * quirk", posted on v7.2-rc3 (July 2026), so upstream 7.3 (approx);
	 * backported to 6.12.y (in 6.12.117); not in 7.2.13 nor 5.10.223.
	 * Two entries because the ranges are disjoint. */
	DSW(EFAR, 0x1008, KR_SPAN(6, 12, 6, 13), "PCI1008XG4 (6.12.y backport)"),
	DSW(EFAR, 0x1008, KR_SINCE(7, 3), "PCI1008XG4"),
};
const unsigned n_dma_quirks = ARRAY_LEN(dma_quirks);

/* ---------------------------------------------------------------------
 * What each DMA fixup does; one function per kind, indexed by kind.
 * Each returns true when it changed the device (then it is recorded as
 * d->dma_quirk, the first one only).
 * ------------------------------------------------------------------- */

typedef bool (*dma_quirk_fn)(struct sysmodel *m, struct dev *d, const struct dma_quirk *q);

/* pci_add_dma_alias(dev, devfn_from, nr_devfns) */
static void add_dma_alias(struct dev *d, unsigned devfn_from, unsigned nr_devfns)
{
	if (nr_devfns > 256u - devfn_from)
		nr_devfns = 256u - devfn_from;
	for (unsigned i = 0; i < nr_devfns; i++)
		dev_add_dma_alias(d, (uint8_t)(devfn_from + i));
}

/* quirk_dma_func0_alias */
static bool dq_func0(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	if (DEVFN_FUNC(d->devfn) == 0)
		return false;
	add_dma_alias(d, DEVFN(DEVFN_SLOT(d->devfn), 0), 1);
	return true;
}

/* quirk_dma_func1_alias */
static bool dq_func1(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	if (DEVFN_FUNC(d->devfn) == 1)
		return false;
	add_dma_alias(d, DEVFN(DEVFN_SLOT(d->devfn), 1), 1);
	return true;
}

/* quirk_fixed_dma_alias (the subsystem match is done by the table walk) */
static bool dq_fixed(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	add_dma_alias(d, q->arg, 1);
	return true;
}

/*
 * quirk_use_pcie_bridge_dma_alias: set PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS when
 *	!pci_is_root_bus(pdev->bus) && pdev->hdr_type == PCI_HEADER_TYPE_BRIDGE &&
 *	!pci_is_pcie(pdev) && pci_is_pcie(pdev->bus->self) &&
 *	pci_pcie_type(pdev->bus->self) != PCI_EXP_TYPE_PCI_BRIDGE
 * If the PCI Express type of the bridge or of the port above is unknown
 * (config space too short), the flag is not set and DEVF_DMA_ALIAS_UNKNOWN
 * says so. Either way the alias the bridge adds is owned by the bridge
 * (its own ID, or secondary bus 00.0), so the point of minimum granularity
 * is the same; only which requester ID is looked up changes.
 */
static bool dq_use_pcie_bridge(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	const struct dev *up;

	(void)q;
	if (dev_on_root_bus(d) || d->parent < 0 || (size_t)d->parent >= m->ndevs)
		return false;
	if (d->hdr_type != 1 /* PCI_HEADER_TYPE_BRIDGE */)
		return false;
	up = &m->devs[d->parent];
	if (d->pcie_type == PCIE_UNKNOWN || up->pcie_type == PCIE_UNKNOWN) {
		d->dev_flags |= DEVF_DMA_ALIAS_UNKNOWN;
		return true;
	}
	if (dev_is_pcie(d) || !dev_is_pcie(up) || up->pcie_type == PCIE_PCI_BRIDGE)
		return false;
	d->dev_flags |= DEVF_PCIE_BRIDGE_ALIAS;
	return true;
}

/* quirk_mic_x200_dma_alias */
static bool dq_mic_x200(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	add_dma_alias(d, DEVFN(0x10, 0x0), 1);
	add_dma_alias(d, DEVFN(0x11, 0x0), 1);
	add_dma_alias(d, DEVFN(0x12, 0x3), 1);
	return true;
}

/* quirk_pex_vca_alias: functions 0-4 of all 0x20 slots */
static bool dq_pex_vca(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	for (unsigned slot = 0; slot < 0x20; slot++)
		add_dma_alias(d, DEVFN(slot, 0x0), 5);
	return true;
}

/* quirk_bridge_cavm_thrx2_pcie_root */
static bool dq_xlate_root(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	d->dev_flags |= DEVF_BRIDGE_XLATE_ROOT;
	return true;
}

/* quirk_plx_ntb_dma_alias: PLX NTB may use all 256 devfns */
static bool dq_plx_ntb(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	add_dma_alias(d, 0, 256);
	return true;
}

/*
 * quirk_switchtec_ntb_dma_alias: what it really does. It enables the
 * device, maps BAR0 and reads from the NTB registers in it (not from
 * config space): its own partition number, the map of enabled partitions
 * (ep_map), and for every other partition the requester-ID table of that
 * partition's NT controller (req_id_table_size entries, at most 512 each);
 * every entry's bits 8:1 are a devfn proxy ID, added with
 * pci_add_dma_alias(pdev, devfn, 1). If enabling or mapping fails it adds
 * nothing. The proxy IDs are programmed by the switch firmware and are
 * invisible in config space and sysfs.
 *
 * What config space tells us: that the fixup ran (vendor, device, class
 * 0x0680xx), and that every alias it can add is a devfn on this function's
 * own bus. So we add all 256 devfns, as the PLX NTB quirk does: a superset
 * of what the kernel can have added, which can only make the predicted
 * group larger, never smaller; DEVF_DMA_ALIAS_UNKNOWN marks it as an
 * over-approximation for the explanation.
 */
static bool dq_switchtec_ntb(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	add_dma_alias(d, 0, 256);
	d->dev_flags |= DEVF_DMA_ALIAS_UNKNOWN;
	return true;
}

/* quirk_aspeed_pci_bridge_no_alias (7.x) */
static bool dq_pci_bridge_no_alias(struct sysmodel *m, struct dev *d, const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	d->dev_flags |= DEVF_PCI_BRIDGE_NO_ALIAS;
	return true;
}

static const dma_quirk_fn dma_quirk_fns[DMAQ_NKINDS] = {
	[DMAQ_FUNC0] = dq_func0,
	[DMAQ_FUNC1] = dq_func1,
	[DMAQ_FIXED] = dq_fixed,
	[DMAQ_USE_PCIE_BRIDGE] = dq_use_pcie_bridge,
	[DMAQ_MIC_X200] = dq_mic_x200,
	[DMAQ_PEX_VCA] = dq_pex_vca,
	[DMAQ_XLATE_ROOT] = dq_xlate_root,
	[DMAQ_PLX_NTB] = dq_plx_ntb,
	[DMAQ_SWITCHTEC_NTB] = dq_switchtec_ntb,
	[DMAQ_PCI_BRIDGE_NO_ALIAS] = dq_pci_bridge_no_alias,
};

/* pci_do_fixups() matching, plus pci_match_id() for the subsystem table. */
static bool dma_quirk_matches(const struct dma_quirk *q, const struct dev *d)
{
	if (q->vendor != d->vendor && q->vendor != QUIRK_ANY_ID)
		return false;
	if (q->device != d->device && q->device != QUIRK_ANY_ID)
		return false;
	if (q->subvendor != d->subvendor && q->subvendor != QUIRK_ANY_ID)
		return false;
	if (q->subdevice != d->subdevice && q->subdevice != QUIRK_ANY_ID)
		return false;
	if (q->class_mask && (d->class & q->class_mask) != q->class_val)
		return false;
	return true;
}

void dma_quirks_apply(struct sysmodel *m, int dev, struct kver v)
{
	struct dev *d;

	if (!m || dev < 0 || (size_t)dev >= m->ndevs)
		return;
	d = &m->devs[dev];

	/* Idempotent: undo what an earlier call (maybe for another v) set. */
	memset(d->dma_alias_mask, 0, sizeof(d->dma_alias_mask));
	d->dev_flags &= ~(unsigned)(DEVF_BRIDGE_XLATE_ROOT | DEVF_PCIE_BRIDGE_ALIAS |
				    DEVF_PCI_BRIDGE_NO_ALIAS | DEVF_DMA_ALIAS_UNKNOWN);
	d->dma_quirk = NULL;

	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];

		if (!kver_in(v, q->kernels) || !dma_quirk_matches(q, d))
			continue;
		if (dma_quirk_fns[q->kind](m, d, q) && !d->dma_quirk)
			d->dma_quirk = q;
	}
}
