// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_quirks.c - the quirk tables through their public functions
 * (acs_quirk_enabled, dma_quirks_apply, acs_cap_effective), one test per
 * quirk kind with an entry picked from the table itself, every entry of
 * the tables, and every version boundary in them.
 *
 * Expected answers come from drivers/pci/quirks.c of Linux 6.12:
 * pci_dev_specific_acs_enabled() (first entry whose function returns >= 0
 * decides), the pci_quirk_*_acs() functions and pci_acs_ctrl_enabled(),
 * the DMA fixups quirk_dma_func0_alias(), quirk_dma_func1_alias(),
 * quirk_fixed_dma_alias() + fixed_dma_alias_tbl[],
 * quirk_use_pcie_bridge_dma_alias(), quirk_mic_x200_dma_alias(),
 * quirk_pex_vca_alias(), quirk_bridge_cavm_thrx2_pcie_root(),
 * quirk_plx_ntb_dma_alias(), quirk_switchtec_ntb_dma_alias() (declared
 * with DECLARE_PCI_FIXUP_CLASS_FINAL(.., PCI_CLASS_BRIDGE_OTHER, 8, ..)),
 * pci_add_dma_alias() (drivers/pci/pci.c), and pci_enable_acs() ->
 * pci_dev_specific_enable_acs() (pci.c, quirks.c). What changed after 6.12
 * (ASPEED PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS, IDT SV removed from the
 * cached capability) is taken from shared/spec/kernel-rules.md section 8,
 * as no 7.x source is at hand; the boundary itself from the table entry.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static const struct kver V612 = { 6, 12 };

static const char *const acs_kind_fn[ACSQ_NKINDS] = {
	[ACSQ_AMD_SB] = "pci_quirk_amd_sb_acs",
	[ACSQ_CAVIUM] = "pci_quirk_cavium_acs",
	[ACSQ_XGENE] = "pci_quirk_xgene_acs",
	[ACSQ_ZHAOXIN_PORTS] = "pci_quirk_zhaoxin_pcie_ports_acs",
	[ACSQ_INTEL_PCH] = "pci_quirk_intel_pch_acs",
	[ACSQ_QCOM_RP] = "pci_quirk_qcom_rp_acs",
	[ACSQ_NXP_RP] = "pci_quirk_nxp_rp_acs",
	[ACSQ_AL] = "pci_quirk_al_acs",
	[ACSQ_INTEL_SPT_PCH] = "pci_quirk_intel_spt_pch_acs",
	[ACSQ_MF_ENDPOINT] = "pci_quirk_mf_endpoint_acs",
	[ACSQ_RCIEP] = "pci_quirk_rciep_acs",
	[ACSQ_BRCM] = "pci_quirk_brcm_acs",
	[ACSQ_LOONGSON] = "pci_quirk_loongson_acs",
	[ACSQ_WANGXUN_NIC] = "pci_quirk_wangxun_nic_acs",
};

static const char *const dma_kind_fn[DMAQ_NKINDS] = {
	[DMAQ_FUNC0] = "quirk_dma_func0_alias",
	[DMAQ_FUNC1] = "quirk_dma_func1_alias",
	[DMAQ_FIXED] = "quirk_fixed_dma_alias",
	[DMAQ_USE_PCIE_BRIDGE] = "quirk_use_pcie_bridge_dma_alias",
	[DMAQ_MIC_X200] = "quirk_mic_x200_dma_alias",
	[DMAQ_PEX_VCA] = "quirk_pex_vca_alias",
	[DMAQ_XLATE_ROOT] = "quirk_bridge_cavm_thrx2_pcie_root",
	[DMAQ_PLX_NTB] = "quirk_plx_ntb_dma_alias",
	[DMAQ_SWITCHTEC_NTB] = "quirk_switchtec_ntb_dma_alias",
	[DMAQ_PCI_BRIDGE_NO_ALIAS] = "quirk_aspeed_pci_bridge_no_alias",
};

/* A version just before v (ranges are [since, until)). */
static struct kver kv_before(struct kver v)
{
	return v.minor > 0 ? KV(v.major, v.minor - 1) : KV(v.major - 1, 99);
}

static bool kv_unset(struct kver v)
{
	return v.major == 0 && v.minor == 0;
}

/* A version inside the entry's range: 6.12 if it is, else its lower bound. */
static struct kver kv_inside(struct kver_range r)
{
	if (kver_in(V612, r))
		return V612;
	if (!kv_unset(r.since))
		return r.since;
	return kv_before(r.until);
}

/* The first table entry of a kind (valid at some version). */
static const struct acs_quirk *first_acs(enum acs_quirk_kind k)
{
	for (unsigned i = 0; i < n_acs_quirks; i++)
		if (acs_quirks[i].kind == k)
			return &acs_quirks[i];
	return NULL;
}

static const struct dma_quirk *first_dma(enum dma_quirk_kind k)
{
	for (unsigned i = 0; i < n_dma_quirks; i++)
		if (dma_quirks[i].kind == k)
			return &dma_quirks[i];
	return NULL;
}

/*
 * A device id inside what the entry's function accepts, for entries that
 * match PCI_ANY_ID devices: the first id of the kernel's own list in
 * that function (pci_quirk_cavium_acs_match: 0xa000 ... 0xa7ff;
 * pci_quirk_zhaoxin_pcie_ports_acs: 0x0710 ... 0x071e;
 * pci_quirk_intel_pch_acs_ids[0] = 0x3b42; pci_quirk_intel_spt_pch_acs_match:
 * 0xa110 ... 0xa11f; pci_quirk_wangxun_nic_acs: 0x0100 ... 0x010F; for
 * pci_quirk_rciep_acs any Intel id not listed elsewhere, 0x10d3).
 */
static uint16_t kind_device(const struct acs_quirk *q)
{
	if (q->device != QUIRK_ANY_ID)
		return q->device;
	switch (q->kind) {
	case ACSQ_CAVIUM: return 0xa000;
	case ACSQ_ZHAOXIN_PORTS: return 0x0710;
	case ACSQ_INTEL_PCH: return 0x3b42;
	case ACSQ_INTEL_SPT_PCH: return 0xa110;
	case ACSQ_WANGXUN_NIC: return 0x0100;
	case ACSQ_RCIEP: return 0x10d3;
	default: return 0x0001;
	}
}

/*
 * Build a model in which the entry's function answers "isolated" for
 * device `dev` (returned): the preconditions each function tests.
 */
static int build_for_acs_kind(struct tm *t, const struct acs_quirk *q, uint16_t device)
{
	struct synth s;
	int d = NO_DEV;

	switch (q->kind) {
	case ACSQ_AMD_SB:
		/* multifunction, on the root bus, IVRS present */
		synth_endpoint(&s, q->vendor, device, 0x0c0500);
		synth_multifunction(&s, true);
		synth_size(&s, 256, 256);
		d = tm_add(t, "00:14.0", &s, NO_DEV);
		t->m.has_ivrs = true;
		break;
	case ACSQ_CAVIUM:
	case ACSQ_ZHAOXIN_PORTS:
	case ACSQ_INTEL_PCH:
	case ACSQ_AL:
		synth_bridge(&s, q->vendor, device, 0, 1, 1);
		synth_add_pcie(&s, PCIE_ROOT_PORT);
		d = tm_add(t, "00:1c.0", &s, NO_DEV);
		break;
	case ACSQ_INTEL_SPT_PCH: {
		uint16_t pos;

		synth_bridge(&s, q->vendor, device, 0, 1, 1);
		synth_add_pcie(&s, PCIE_ROOT_PORT);
		pos = synth_add_acs(&s, REQ_ALL, 0);
		synth_w32(&s, pos + 8, REQ_ALL); /* INTEL_SPT_ACS_CTRL = PCI_ACS_CAP + 4 */
		d = tm_add(t, "00:1c.0", &s, NO_DEV);
		break;
	}
	case ACSQ_RCIEP:
		synth_endpoint(&s, q->vendor, device, 0x020000);
		synth_add_pcie(&s, PCIE_RC_END);
		synth_multifunction(&s, true);
		d = tm_add(t, "00:19.0", &s, NO_DEV);
		break;
	default:
		/* functions without preconditions; a multifunction endpoint so
		 * that the standard rules would say "not isolated" */
		synth_endpoint(&s, q->vendor, device, 0x020000);
		synth_add_pcie(&s, PCIE_ENDPOINT);
		synth_multifunction(&s, true);
		d = tm_add(t, "00:03.0", &s, NO_DEV);
		break;
	}
	return d;
}

static enum quirk_answer ask(struct tm *t, int d, uint16_t flags, struct kver v,
			     const struct acs_quirk **which)
{
	struct rulectx rc = t->rc;

	*which = NULL;
	rc.rules = v;
	return acs_quirk_enabled(&t->m, &rc, d, flags, which);
}

/* ---- the table itself ---------------------------------------------------- */

static void acs_table_consistent(void **state)
{
	bool seen[ACSQ_NKINDS] = { false };

	(void)state;
	assert_true(n_acs_quirks > 0);
	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i];

		assert_true((unsigned)q->kind < ACSQ_NKINDS);
		if (strcmp(acs_quirk_kernel_fn(q), acs_kind_fn[q->kind]))
			fail_msg("acs_quirks[%u] %04x:%04x: kind %d but kernel_fn %s", i, q->vendor,
				 q->device, q->kind, acs_quirk_kernel_fn(q));
		assert_non_null(q->name);
		seen[q->kind] = true;
		if (!kv_unset(q->kernels.since) && !kv_unset(q->kernels.until))
			assert_true(kver_cmp(q->kernels.since, q->kernels.until) < 0);
	}
	for (unsigned k = 0; k < ACSQ_NKINDS; k++)
		if (!seen[k])
			fail_msg("no acs_quirks[] entry of kind %s", acs_kind_fn[k]);
}

static void dma_table_consistent(void **state)
{
	bool seen[DMAQ_NKINDS] = { false };

	(void)state;
	assert_true(n_dma_quirks > 0);
	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];

		assert_true((unsigned)q->kind < DMAQ_NKINDS);
		if (strcmp(dma_quirk_kernel_fn(q), dma_kind_fn[q->kind]))
			fail_msg("dma_quirks[%u] %04x:%04x: kind %d but kernel_fn %s", i, q->vendor,
				 q->device, q->kind, dma_quirk_kernel_fn(q));
		seen[q->kind] = true;
	}
	for (unsigned k = 0; k < DMAQ_NKINDS; k++)
		if (!seen[k])
			fail_msg("no dma_quirks[] entry of kind %s", dma_kind_fn[k]);
}

/*
 * Every ACS entry answers "isolated" (REQ_ACS_FLAGS) for a device built to
 * its function's preconditions, and it is that entry that answers, at a
 * version inside its range; at versions outside (both sides of each
 * bound) it is not that entry.
 */
static void acs_every_entry_and_boundary(void **state)
{
	(void)state;
	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i], *which;
		struct kver in = kv_inside(q->kernels);
		struct tm t;
		int d;

		tm_init(&t);
		d = build_for_acs_kind(&t, q, kind_device(q));
		tm_build(&t);
		if (ask(&t, d, ACS_REQ_FLAGS, in, &which) != QUIRK_ISOLATED || which != q)
			fail_msg("acs_quirks[%u] %04x:%04x (%s) at %d.%d: not isolated by this entry "
				 "(which = %ld)",
				 i, q->vendor, q->device, acs_quirk_kernel_fn(q), in.major, in.minor,
				 which ? (long)(which - acs_quirks) : -1L);
		if (!kv_unset(q->kernels.since)) {
			struct kver b = kv_before(q->kernels.since);

			ask(&t, d, ACS_REQ_FLAGS, q->kernels.since, &which);
			assert_ptr_equal(which, q);
			ask(&t, d, ACS_REQ_FLAGS, b, &which);
			if (which == q)
				fail_msg("acs_quirks[%u] answers at %d.%d, before its range", i,
					 b.major, b.minor);
		}
		if (!kv_unset(q->kernels.until)) {
			ask(&t, d, ACS_REQ_FLAGS, kv_before(q->kernels.until), &which);
			assert_ptr_equal(which, q);
			ask(&t, d, ACS_REQ_FLAGS, q->kernels.until, &which);
			if (which == q)
				fail_msg("acs_quirks[%u] answers at its until bound", i);
		}
		tm_free(&t);
	}
}

/* ---- one test per ACS quirk kind ---------------------------------------- */

/* pci_quirk_amd_sb_acs: multifunction on a root bus with IVRS -> flags
 * filtered to RR CR EC DT, compared with RR|CR: REQ_ACS_FLAGS isolated,
 * with EC not. -ENODEV (no answer) without IVRS, off the root bus, or
 * single-function. */
static void acs_kind_amd_sb(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_AMD_SB), *which;
	struct synth s;
	struct tm t;
	int f0, rp, below;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_endpoint(&s, q->vendor, q->device, 0x0c0500);
	synth_multifunction(&s, true);
	synth_size(&s, 256, 256);
	f0 = tm_add(&t, "00:14.0", &s, NO_DEV);
	synth_multifunction(&s, false);
	tm_add(&t, "00:14.3", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:1c.0", &s, NO_DEV);
	synth_endpoint(&s, q->vendor, q->device, 0x0c0500);
	synth_multifunction(&s, true);
	below = tm_add(&t, "01:00.0", &s, rp);
	t.m.has_ivrs = true;
	tm_build(&t);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_int_equal(which->kind, ACSQ_AMD_SB);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS | ACS_EC, V612, &which), QUIRK_NOT_ISOLATED);
	assert_int_equal(ask(&t, below, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:14.0 | 00:14.3 | 00:1c.0 | 01:00.0");

	t.m.has_ivrs = false;
	tm_build(&t);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	assert_null(which);
	/* conventional multifunction functions: one group */
	expect_iso(&t, "00:14.0 00:14.3 | 00:1c.0 | 01:00.0");
	tm_free(&t);

	/* single function on the root bus: no answer */
	tm_init(&t);
	synth_endpoint(&s, q->vendor, q->device, 0x0c0500);
	f0 = tm_add(&t, "00:14.0", &s, NO_DEV);
	t.m.has_ivrs = true;
	tm_build(&t);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	tm_free(&t);
}

/* pci_quirk_cavium_acs: root port with a listed id -> SV RR CR UF;
 * -ENOTTY for another type or an unlisted id. A root port without ACS
 * capability then isolates what is below it. */
static void acs_kind_cavium(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_CAVIUM), *which;
	struct synth s;
	struct tm t;
	int rp, rp2, ep;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, q->vendor, kind_device(q), 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp = tm_add(&t, "00:01.0", &s, NO_DEV);
	synth_bridge(&s, q->vendor, 0xa800, 0, 2, 2); /* just past 0xa7ff */
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp2 = tm_add(&t, "00:02.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, kind_device(q), false);
	ep = tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "02:00.0", &s, rp2);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, rp2, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:01.0 | 00:02.0 02:00.0 | 01:00.0");
	tm_free(&t);
}

/* Functions that answer pci_acs_ctrl_enabled(flags, SV|RR|CR|UF) with no
 * other test: xgene, qcom_rp, nxp_rp, brcm, loongson. Any type. */
static void unconditional_kind(enum acs_quirk_kind k)
{
	const struct acs_quirk *q = first_acs(k), *which;
	struct synth s;
	struct tm t;
	int rp;
	struct kver v;

	assert_non_null(q);
	v = kv_inside(q->kernels);
	tm_init(&t);
	t.rc.rules = v;
	synth_bridge(&s, q->vendor, q->device, 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT); /* no ACS capability */
	rp = tm_add(&t, "00:01.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, v, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	/* flags beyond SV RR CR UF are not provided */
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS | ACS_EC, v, &which), QUIRK_NOT_ISOLATED);
	expect_iso(&t, "00:01.0 | 01:00.0");
	tm_free(&t);
}

static void acs_kind_xgene(void **state)
{
	(void)state;
	unconditional_kind(ACSQ_XGENE);
}

static void acs_kind_qcom(void **state)
{
	(void)state;
	unconditional_kind(ACSQ_QCOM_RP);
}

static void acs_kind_nxp(void **state)
{
	(void)state;
	unconditional_kind(ACSQ_NXP_RP);
}

static void acs_kind_brcm(void **state)
{
	(void)state;
	unconditional_kind(ACSQ_BRCM);
}

static void acs_kind_loongson(void **state)
{
	(void)state;
	unconditional_kind(ACSQ_LOONGSON);
}

/* pci_quirk_zhaoxin_pcie_ports_acs: root/downstream ports: listed id ->
 * SV RR CR UF; unlisted -> false (0), even with a working ACS capability;
 * other types -> -ENOTTY. */
static void acs_kind_zhaoxin(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_ZHAOXIN_PORTS), *which;
	struct synth s;
	struct tm t;
	int rp, rp_unlisted, ep;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, q->vendor, kind_device(q), 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp = tm_add(&t, "00:01.0", &s, NO_DEV);
	synth_bridge(&s, q->vendor, 0x0722, 0, 2, 2); /* between 0x0721 and 0x0723 */
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	synth_add_acs(&s, REQ_ALL, REQ_ALL);
	rp_unlisted = tm_add(&t, "00:02.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, 0x1234, false);
	ep = tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "02:00.0", &s, rp_unlisted);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, rp_unlisted, ACS_REQ_FLAGS, V612, &which), QUIRK_NOT_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:01.0 | 00:02.0 02:00.0 | 01:00.0");
	tm_free(&t);
}

/* pci_quirk_intel_pch_acs: listed Intel PCH root ports. Isolated when the
 * boot-time pci_quirk_enable_intel_pch_acs() succeeded; it fails when the
 * LPC bridge (devfn 1f.0, same bus) has RCBA disabled
 * (pci_quirk_enable_intel_lpc_acs: !(rcba & INTEL_LPC_RCBA_ENABLE)). */
static void acs_kind_intel_pch(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_INTEL_PCH), *which;
	struct synth s;
	struct tm t;
	int rp, lpc, ep;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, 0x8086, kind_device(q), 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp = tm_add(&t, "00:1c.0", &s, NO_DEV);
	synth_endpoint(&s, 0x8086, 0x3b0a, 0x060100);
	synth_multifunction(&s, true);
	synth_w32(&s, 0xf0, 0xfed1c001); /* RCBA enabled */
	synth_size(&s, 256, 256);
	lpc = tm_add(&t, "00:1f.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	ep = tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_int_equal(which->kind, ACSQ_INTEL_PCH);
	assert_non_null(which->assumption);
	assert_true(!tm_same_iso(&t, "00:1c.0", "01:00.0"));
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);

	t.m.devs[lpc].intel_lpc_rcba = 0xfed1c000; /* RCBA disabled */
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_NOT_ISOLATED);
	assert_true(tm_same_iso(&t, "00:1c.0", "01:00.0"));
	tm_free(&t);

	/* not a root port: -ENOTTY */
	tm_init(&t);
	sy_pcie_ep(&s, 0x8086, kind_device(q), false);
	ep = tm_add(&t, "00:03.0", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	tm_free(&t);
}

/* pci_quirk_al_acs: root ports only (pci_pcie_type), flags outside SV RR
 * CR UF -> 0. */
static void acs_kind_al(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_AL), *which;
	struct synth s;
	struct tm t;
	int rp, ep;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, q->vendor, q->device, 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp = tm_add(&t, "00:01.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, q->device, true);
	ep = tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS | ACS_EC, V612, &which), QUIRK_NOT_ISOLATED);
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:01.0 | 01:00.0");
	tm_free(&t);
}

/* pci_quirk_intel_spt_pch_acs: the control is the dword at acs_cap + 8.
 * The standard control word at +6 does not count. No ACS capability:
 * -ENOTTY. In predict mode (no IOMMU asked for ACS yet), the boot-time
 * pci_quirk_enable_intel_spt_pch_acs() ORs cap & (SV|RR|CR|UF) into the
 * dword (pci_enable_acs -> pci_dev_specific_enable_acs). */
static void acs_kind_intel_spt(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_INTEL_SPT_PCH), *which;
	struct synth s;
	struct tm t;
	uint16_t pos;
	int rp, rp_nocap;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, 0x8086, kind_device(q), 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	pos = synth_add_acs(&s, REQ_ALL, REQ_ALL); /* word at +6: all on */
	synth_w32(&s, pos + 8, 0);                 /* the dword that counts: off */
	rp = tm_add(&t, "00:1c.0", &s, NO_DEV);
	synth_bridge(&s, 0x8086, kind_device(q), 0, 2, 2);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	rp_nocap = tm_add(&t, "00:1d.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "02:00.0", &s, rp_nocap);
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_NOT_ISOLATED);
	assert_int_equal(which->kind, ACSQ_INTEL_SPT_PCH);
	assert_int_equal(ask(&t, rp_nocap, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:1c.0 01:00.0 | 00:1d.0 02:00.0");

	t.m.devs[rp].acs_ctrl_dword = REQ_ALL;
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	expect_iso(&t, "00:1c.0 | 00:1d.0 02:00.0 | 01:00.0");

	t.m.devs[rp].acs_ctrl_dword = 0;
	t.rc.predict_acs_enable = true;
	tm_build(&t);
	assert_int_equal(ask(&t, rp, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	tm_free(&t);
}

/* pci_quirk_mf_endpoint_acs: listed ids isolated whatever they are;
 * flags beyond SV TB RR CR UF DT (EC) not provided. Two functions of a
 * listed device without ACS capability under an ACS root port: apart. */
static void acs_kind_mf_endpoint(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_MF_ENDPOINT), *which;
	struct synth s;
	struct tm t;
	int rp, f0;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, q->device, true);
	f0 = tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, q->vendor, q->device, false);
	tm_add(&t, "01:00.1", &s, rp);
	tm_build(&t);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS | ACS_TB | ACS_DT, V612, &which),
			 QUIRK_ISOLATED);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS | ACS_EC, V612, &which), QUIRK_NOT_ISOLATED);
	expect_iso(&t, "00:04.0 | 01:00.0 | 01:00.1");
	tm_free(&t);
}

/* pci_quirk_rciep_acs: every Intel RC integrated endpoint is isolated;
 * other types -ENOTTY. kernel-rules.md section 5: multifunction Intel
 * e1000e on the root bus, one group per function; non-Intel shares. */
static void acs_kind_rciep(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_RCIEP), *which;
	struct synth s;
	struct tm t;
	int f0, ep;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_endpoint(&s, 0x8086, kind_device(q), 0x020000);
	synth_add_pcie(&s, PCIE_RC_END);
	synth_multifunction(&s, true);
	f0 = tm_add(&t, "00:02.0", &s, NO_DEV);
	synth_multifunction(&s, false);
	tm_add(&t, "00:02.1", &s, NO_DEV);
	synth_endpoint(&s, 0x1b36, 0x0010, 0x010802); /* QEMU NVMe, not Intel */
	synth_add_pcie(&s, PCIE_RC_END);
	synth_multifunction(&s, true);
	tm_add(&t, "00:03.0", &s, NO_DEV);
	synth_multifunction(&s, false);
	tm_add(&t, "00:03.1", &s, NO_DEV);
	sy_pcie_ep(&s, 0x8086, kind_device(q), true);
	ep = tm_add(&t, "00:05.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x8086, kind_device(q), false);
	tm_add(&t, "00:05.1", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(ask(&t, f0, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_int_equal(which->kind, ACSQ_RCIEP);
	assert_int_equal(ask(&t, ep, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:02.0 | 00:02.1 | 00:03.0 00:03.1 | 00:05.0 00:05.1");
	tm_free(&t);
}

/* pci_quirk_wangxun_nic_acs: listed NICs isolated, any other Wangxun
 * device "false" (0): not isolated, even a single-function endpoint. */
static void acs_kind_wangxun(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_WANGXUN_NIC), *which;
	struct synth s;
	struct tm t;
	int listed, other, aml;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	sy_pcie_ep(&s, q->vendor, kind_device(q), true);
	listed = tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, 0x0200, false);
	other = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, 0x5010, true); /* FF5xxx, in 6.12.117's list */
	aml = tm_add(&t, "00:05.0", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(ask(&t, listed, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, other, ACS_REQ_FLAGS, V612, &which), QUIRK_NOT_ISOLATED);
	assert_ptr_equal(which, q);
	assert_int_equal(ask(&t, aml, ACS_REQ_FLAGS, V612, &which), QUIRK_ISOLATED);
	/* the quirk decides before the single-function rule */
	assert_int_equal(acs_enabled(&t.m, &t.rc, other, ACS_REQ_FLAGS, NULL), TRI_NO);
	tm_free(&t);
}

/* Nothing in the table for an unknown vendor. */
static void acs_no_entry(void **state)
{
	const struct acs_quirk *which = (const void *)1;
	struct synth s;
	struct tm t;
	int d;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, false, 0, 0);
	d = tm_add(&t, "00:04.0", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(acs_quirk_enabled(&t.m, &t.rc, d, ACS_REQ_FLAGS, &which), QUIRK_NA);
	assert_null(which);
	tm_free(&t);
}

/*
 * A quirk whose answer depends on what could not be read: an Intel PCH
 * root-port id with 64 bytes of config (pci_quirk_intel_pch_acs_match()
 * needs pci_pcie_type()). acs_quirk_query() says "undecided" and the
 * function's ACS state is unknown, never "isolated"; the join below it is
 * uncertain.
 */
static void acs_quirk_undecided(void **state)
{
	const struct acs_quirk *q = first_acs(ACSQ_INTEL_PCH), *which = NULL;
	struct synth s;
	struct tm t;
	bool undecided = false;
	int rp;

	(void)state;
	tm_init(&t);
	synth_bridge(&s, 0x8086, kind_device(q), 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	synth_size(&s, 64, 4096);
	rp = tm_add(&t, "00:1c.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_int_not_equal(acs_quirk_query(&t.m, &t.rc, rp, ACS_REQ_FLAGS, &which, &undecided),
			     QUIRK_ISOLATED);
	assert_true(undecided);
	assert_int_equal(acs_enabled(&t.m, &t.rc, rp, ACS_REQ_FLAGS, NULL), TRI_UNKNOWN);
	assert_true(tm_same_iso(&t, "00:1c.0", "01:00.0"));
	assert_false(tm_iso_of(&t, "01:00.0")->certain);
	tm_free(&t);
}

/*
 * pci_quirk_rciep_acs() and pci_quirk_al_acs() test pci_pcie_type() without
 * pci_is_pcie(): for a conventional function pcie_flags_reg is 0, type 0
 * (endpoint): -ENOTTY, so the standard rules apply (conventional: not
 * isolated). The ICH9 functions (Intel, conventional) therefore share.
 */
static void rciep_al_on_conventional(void **state)
{
	const struct acs_quirk *al = first_acs(ACSQ_AL), *which;
	struct synth s;
	struct tm t;
	int lpc, d;

	(void)state;
	tm_init(&t);
	sy_conv_ep(&s, al->vendor, al->device, false);
	d = tm_add(&t, "00:1e.0", &s, NO_DEV);
	sy_conv_ep(&s, 0x8086, 0x2918, true);
	lpc = tm_add(&t, "00:1f.0", &s, NO_DEV);
	sy_conv_ep(&s, 0x8086, 0x2922, false);
	tm_add(&t, "00:1f.2", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(ask(&t, lpc, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	assert_int_equal(ask(&t, d, ACS_REQ_FLAGS, V612, &which), QUIRK_NA);
	expect_iso(&t, "00:1e.0 | 00:1f.0 00:1f.2");
	tm_free(&t);
}

/* ---- DMA-alias fixups ----------------------------------------------------- */

static unsigned mask_count(const struct devrule *x)
{
	unsigned n = 0;

	for (unsigned f = 0; f < 256; f++)
		n += dev_has_dma_alias(x, (uint8_t)f);
	return n;
}

/* Build a function matching q at bdf (below parent), apply at v. */
static int dma_dev(struct tm *t, const struct dma_quirk *q, const char *bdf, int parent,
		   bool bridge)
{
	struct synth s;
	uint16_t dev = q->device == QUIRK_ANY_ID ? 0x0001 : q->device;
	uint32_t class = q->class_mask ? q->class_val : 0x010400;

	if (bridge)
		synth_bridge(&s, q->vendor, dev, 0, 0, 0);
	else
		synth_endpoint(&s, q->vendor, dev, class);
	if (q->subvendor != QUIRK_ANY_ID || q->subdevice != QUIRK_ANY_ID)
		synth_subsystem(&s, q->subvendor, q->subdevice);
	synth_size(&s, 256, 256);
	return tm_add(t, bdf, &s, parent);
}

/* The effect the kernel's fixup has on a function it applies to. */
static void expect_dma_effect(const struct tm *t, int d, const struct dma_quirk *q)
{
	const struct devrule *x = &t->rc.dev[d];
	uint8_t slot = DEVFN_SLOT(t->m.devs[d].devfn);

	switch (q->kind) {
	case DMAQ_FUNC0: /* fn != 0: alias PCI_DEVFN(slot, 0) */
		assert_true(dev_has_dma_alias(x, DEVFN(slot, 0)));
		assert_int_equal(mask_count(x), 1);
		break;
	case DMAQ_FUNC1: /* fn != 1: alias PCI_DEVFN(slot, 1) */
		assert_true(dev_has_dma_alias(x, DEVFN(slot, 1)));
		assert_int_equal(mask_count(x), 1);
		break;
	case DMAQ_FIXED: /* fixed_dma_alias_tbl[]: .driver_data = PCI_DEVFN(1, 0) */
		assert_true(dev_has_dma_alias(x, DEVFN(1, 0)));
		assert_int_equal(mask_count(x), 1);
		break;
	case DMAQ_MIC_X200:
		assert_true(dev_has_dma_alias(x, DEVFN(0x10, 0)));
		assert_true(dev_has_dma_alias(x, DEVFN(0x11, 0)));
		assert_true(dev_has_dma_alias(x, DEVFN(0x12, 3)));
		assert_int_equal(mask_count(x), 3);
		break;
	case DMAQ_PEX_VCA: /* pci_add_dma_alias(pdev, PCI_DEVFN(slot, 0), 5), 32 slots */
		for (unsigned sl = 0; sl < 0x20; sl++)
			for (unsigned f = 0; f < 8; f++)
				assert_int_equal(dev_has_dma_alias(x, DEVFN(sl, f)), f < 5);
		break;
	case DMAQ_PLX_NTB: /* pci_add_dma_alias(pdev, 0, 256) */
	case DMAQ_SWITCHTEC_NTB: /* superset of the BAR-programmed proxy IDs */
		assert_int_equal(mask_count(x), 256);
		break;
	case DMAQ_XLATE_ROOT:
		assert_true(x->dev_flags & DEVF_BRIDGE_XLATE_ROOT);
		break;
	case DMAQ_USE_PCIE_BRIDGE:
		assert_true(x->dev_flags & DEVF_PCIE_BRIDGE_ALIAS);
		break;
	case DMAQ_PCI_BRIDGE_NO_ALIAS:
		assert_true(x->dev_flags & DEVF_PCI_BRIDGE_NO_ALIAS);
		break;
	default:
		fail_msg("kind %d not covered by this test", q->kind);
	}
}

static bool dma_effect_absent(const struct devrule *x)
{
	return !dev_any_dma_alias(x) &&
	       !(x->dev_flags & (DEVF_BRIDGE_XLATE_ROOT | DEVF_PCIE_BRIDGE_ALIAS |
				 DEVF_PCI_BRIDGE_NO_ALIAS));
}

/* Place a function so that the fixup's own conditions hold. */
static int place_for_dma(struct tm *t, const struct dma_quirk *q)
{
	struct synth s;
	int rp;

	switch (q->kind) {
	case DMAQ_FUNC0:
		return dma_dev(t, q, "00:03.1", NO_DEV, false);
	case DMAQ_USE_PCIE_BRIDGE:
		/* not on a root bus, below a PCIe port that is not a PCIe-to-PCI
		 * bridge, itself without PCIe capability */
		sy_port(&s, PCIE_ROOT_PORT, 0, 1, 2, true, REQ_ALL, REQ_ALL);
		rp = tm_add(t, "00:04.0", &s, NO_DEV);
		return dma_dev(t, q, "01:00.0", rp, true);
	case DMAQ_XLATE_ROOT:
	case DMAQ_PCI_BRIDGE_NO_ALIAS:
		return dma_dev(t, q, "00:03.0", NO_DEV, true);
	default:
		return dma_dev(t, q, "00:03.0", NO_DEV, false);
	}
}

/* Every DMA fixup entry: the kernel's effect at a version in its range,
 * its dma_quirk names it; none at versions outside (both bounds). */
static void dma_every_entry_and_boundary(void **state)
{
	(void)state;
	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];
		struct kver in = kv_inside(q->kernels);
		struct tm t;
		int d;

		tm_init(&t);
		d = place_for_dma(&t, q);
		t.rc.rules = in;
		tm_build(&t);
		if (t.rc.dev[d].dma_quirk != q)
			fail_msg("dma_quirks[%u] %04x:%04x (%s) did not apply at %d.%d", i, q->vendor,
				 q->device, dma_quirk_kernel_fn(q), in.major, in.minor);
		expect_dma_effect(&t, d, q);
		if (!kv_unset(q->kernels.since)) {
			t.rc.rules = kv_before(q->kernels.since);
			tm_build(&t);
			if (t.rc.dev[d].dma_quirk == q || !dma_effect_absent(&t.rc.dev[d]))
				fail_msg("dma_quirks[%u] %04x:%04x applies at %d.%d, before its range", i,
					 q->vendor, q->device, t.rc.rules.major, t.rc.rules.minor);
			t.rc.rules = q->kernels.since;
			tm_build(&t);
			assert_ptr_equal(t.rc.dev[d].dma_quirk, q);
		}
		if (!kv_unset(q->kernels.until)) {
			t.rc.rules = q->kernels.until;
			tm_build(&t);
			if (t.rc.dev[d].dma_quirk == q)
				fail_msg("dma_quirks[%u] applies at its until bound", i);
		}
		tm_free(&t);
	}
}

/* quirk_dma_func0_alias: nothing on function 0; function N aliases fn 0,
 * which then shares its alias set and group even when both have ACS. */
static void dma_kind_func0(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_FUNC0);
	struct synth s;
	struct tm t;
	int f0;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	t.rc.rules = kv_inside(q->kernels);
	sy_pcie_ep(&s, q->vendor, q->device, true);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	f0 = tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, q->device, false);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	tm_add(&t, "00:03.1", &s, NO_DEV);
	tm_build(&t);
	assert_false(dev_any_dma_alias(&t.rc.dev[f0]));
	expect_alias(&t, "00:03.0 00:03.1");
	expect_iso(&t, "00:03.0 00:03.1");
	assert_non_null(tm_edge(&t, "00:03.1", "00:03.0", REL_DMA_ALIAS_QUIRK));
	tm_free(&t);
}

/* quirk_dma_func1_alias (Marvell 88SE9123 ...): function 0 aliases fn 1;
 * when fn 1 is absent it is a ghost requester ID, still listed. */
static void dma_kind_func1(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_FUNC1);
	struct synth s;
	struct tm t;
	int rp, f0, f1;
	bool ghost = false;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, q->device, false);
	f0 = tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_true(dev_has_dma_alias(&t.rc.dev[f0], DEVFN(0, 1)));
	for (size_t k = 0; k < t.r.nrids; k++)
		if (t.r.rids[k].dev == f0 && t.r.rids[k].bus == 1 && t.r.rids[k].devfn == DEVFN(0, 1))
			ghost = true;
	assert_true(ghost);
	expect_iso(&t, "00:04.0 | 01:00.0");
	tm_free(&t);

	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, q->vendor, q->device, true);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	f0 = tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, q->vendor, q->device, false);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	f1 = tm_add(&t, "01:00.1", &s, rp);
	tm_build(&t);
	assert_false(dev_any_dma_alias(&t.rc.dev[f1])); /* fn 1 itself: nothing */
	expect_alias(&t, "00:04.0 | 01:00.0 01:00.1");
	tm_free(&t);
}

/* quirk_fixed_dma_alias: matched by subsystem id; another subsystem of the
 * same vendor:device gets nothing (pci_match_id fails). */
static void dma_kind_fixed(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_FIXED);
	struct synth s;
	struct tm t;
	int d;

	(void)state;
	assert_non_null(q);
	assert_int_not_equal(q->subdevice, QUIRK_ANY_ID);
	tm_init(&t);
	synth_endpoint(&s, q->vendor, q->device, 0x010400);
	synth_subsystem(&s, q->subvendor, 0x0001);
	d = tm_add(&t, "00:03.0", &s, NO_DEV);
	tm_build(&t);
	assert_true(dma_effect_absent(&t.rc.dev[d]));
	tm_free(&t);
}

/* quirk_use_pcie_bridge_dma_alias: the flag only below a PCIe port that is
 * not a PCIe-to-PCI bridge, not on a root bus; then devices below alias as
 * (secondary bus, 00.0), owned by the bridge (pci_for_each_dma_alias,
 * PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS branch). */
static void dma_kind_use_pcie_bridge(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_USE_PCIE_BRIDGE);
	struct synth s;
	struct tm t;
	int rp, rp2, br, ep, br_root, pbr, br_below;
	bool sec_rid = false, own_rid = false;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, q->vendor, q->device, 0, 5, 5);
	synth_size(&s, 256, 256);
	br_root = tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 2, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0, 3, 4, true, REQ_ALL, REQ_ALL);
	rp2 = tm_add(&t, "00:05.0", &s, NO_DEV);
	synth_bridge(&s, q->vendor, q->device, 1, 2, 2);
	synth_size(&s, 256, 256);
	br = tm_add(&t, "01:00.0", &s, rp);
	sy_conv_ep(&s, 0x1ab0, 1, false);
	ep = tm_add(&t, "02:01.0", &s, br);
	synth_bridge(&s, 0x1b36, 0x000e, 3, 4, 4);
	synth_add_pcie(&s, PCIE_PCI_BRIDGE);
	pbr = tm_add(&t, "03:00.0", &s, rp2);
	synth_bridge(&s, q->vendor, q->device, 4, 6, 6);
	synth_size(&s, 256, 256);
	br_below = tm_add(&t, "04:01.0", &s, pbr);
	tm_build(&t);
	assert_false(t.rc.dev[br_root].dev_flags & DEVF_PCIE_BRIDGE_ALIAS);
	assert_true(t.rc.dev[br].dev_flags & DEVF_PCIE_BRIDGE_ALIAS);
	assert_false(t.rc.dev[br_below].dev_flags & DEVF_PCIE_BRIDGE_ALIAS);
	for (size_t k = 0; k < t.r.nrids; k++) {
		const struct rid *x = &t.r.rids[k];

		if (x->dev != ep || x->owner != br)
			continue;
		sec_rid |= x->bus == 2 && x->devfn == DEVFN(0, 0);
		own_rid |= x->bus == 1 && x->devfn == DEVFN(0, 0);
	}
	assert_true(sec_rid);
	assert_false(own_rid); /* not the bridge's own ID 01:00.0 */
	expect_alias(&t, "00:03.0 | 00:04.0 | 00:05.0 | 01:00.0 02:01.0 | 03:00.0 04:01.0");
	tm_free(&t);
}

/* quirk_bridge_cavm_thrx2_pcie_root: the alias walk stops at the flagged
 * bridge (PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT): no alias to it or above. */
static void dma_kind_xlate_root(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_XLATE_ROOT);
	struct synth s;
	struct tm t;
	int br;

	(void)state;
	assert_non_null(q);
	tm_init(&t);
	synth_bridge(&s, q->vendor, q->device, 0, 1, 1);
	synth_size(&s, 256, 256); /* conventional: would add its own ID */
	br = tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_conv_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "01:00.0", &s, br);
	tm_build(&t);
	assert_true(t.rc.dev[br].dev_flags & DEVF_BRIDGE_XLATE_ROOT);
	expect_alias(&t, "00:03.0 | 01:00.0");
	/* the ACS walk still joins them: a conventional bridge is not ACS */
	expect_iso(&t, "00:03.0 01:00.0");
	tm_free(&t);
}

/* ASPEED 1a03:1150 PCIe-to-PCI bridge: with 6.12 rules the device below
 * aliases to (secondary, 00.0) owned by the bridge; from the release that
 * has quirk_aspeed_pci_bridge_no_alias the walk skips it. The ACS walk
 * joins them either way (a PCIe-to-PCI bridge is never ACS-enabled). */
static void dma_kind_aspeed_no_alias(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_PCI_BRIDGE_NO_ALIAS);
	struct synth s;
	struct tm t;
	int rp, br;
	struct kver later = KV(7, 3);

	(void)state;
	assert_non_null(q);
	assert_false(kver_in(V612, q->kernels));
	assert_true(kver_in(later, q->kernels));
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 2, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	synth_bridge(&s, q->vendor, q->device, 1, 2, 2);
	synth_add_pcie(&s, PCIE_PCI_BRIDGE);
	br = tm_add(&t, "01:00.0", &s, rp);
	sy_conv_ep(&s, 0x1ab0, 1, false);
	tm_add(&t, "02:00.0", &s, br);
	tm_build(&t);
	expect_alias(&t, "00:04.0 | 01:00.0 02:00.0");
	expect_iso(&t, "00:04.0 | 01:00.0 02:00.0");
	assert_non_null(tm_edge(&t, "02:00.0", "01:00.0", REL_PCIE_TO_PCI_BRIDGE));

	t.rc.rules = later;
	tm_build(&t);
	assert_true(t.rc.dev[br].dev_flags & DEVF_PCI_BRIDGE_NO_ALIAS);
	expect_alias(&t, "00:04.0 | 01:00.0 | 02:00.0");
	expect_iso(&t, "00:04.0 | 01:00.0 02:00.0");
	assert_null(tm_edge(&t, "02:00.0", "01:00.0", REL_PCIE_TO_PCI_BRIDGE));
	tm_free(&t);
}

/* Switchtec NTB fixups are class fixups (PCI_CLASS_BRIDGE_OTHER, shift 8):
 * another class of the same id gets nothing. */
static void dma_kind_switchtec_class(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_SWITCHTEC_NTB);
	struct synth s;
	struct tm t;
	int d, d2;

	(void)state;
	assert_non_null(q);
	assert_int_equal(q->class_val, 0x068000);
	tm_init(&t);
	t.rc.rules = kv_inside(q->kernels);
	synth_endpoint(&s, q->vendor, q->device, 0x058000); /* memory controller */
	d = tm_add(&t, "00:03.0", &s, NO_DEV);
	synth_endpoint(&s, q->vendor, q->device, 0x068001); /* prog-if ignored */
	d2 = tm_add(&t, "00:04.0", &s, NO_DEV);
	tm_build(&t);
	assert_true(dma_effect_absent(&t.rc.dev[d]));
	assert_int_equal(mask_count(&t.rc.dev[d2]), 256);
	assert_true(t.rc.dev[d2].dev_flags & DEVF_DMA_ALIAS_UNKNOWN);
	tm_free(&t);
}

/* dma_quirks_apply is idempotent: applying for another version undoes. */
static void dma_apply_idempotent(void **state)
{
	const struct dma_quirk *q = first_dma(DMAQ_FUNC1);
	struct tm t;
	int d;

	(void)state;
	tm_init(&t);
	d = dma_dev(&t, q, "00:03.0", NO_DEV, false);
	tm_build(&t);
	dma_quirks_apply(&t.m, &t.rc, d);
	dma_quirks_apply(&t.m, &t.rc, d);
	assert_int_equal(mask_count(&t.rc.dev[d]), 1);
	t.m.devs[d].vendor = 0x1ab0;
	dma_quirks_apply(&t.m, &t.rc, d);
	assert_true(dma_effect_absent(&t.rc.dev[d]));
	assert_null(t.rc.dev[d].dma_quirk);
	tm_free(&t);
}

/* ---- ACS capability fixups (7.x: pci_disable_broken_acs_cap) ------------- */

static void acs_cap_fixups_boundary(void **state)
{
	(void)state;
	assert_true(n_acs_cap_fixups > 0);
	for (unsigned i = 0; i < n_acs_cap_fixups; i++) {
		const struct acs_cap_fixup *f = &acs_cap_fixups[i];
		struct kver in = kv_inside(f->kernels);
		struct synth s;
		struct tm t;
		int usp, dsp;

		/* a switch downstream port with SV advertised but off */
		tm_init(&t);
		sy_port(&s, PCIE_UPSTREAM, 0, 1, 2, false, 0, 0);
		usp = tm_add(&t, "00:03.0", &s, NO_DEV);
		synth_bridge(&s, f->vendor, f->device, 1, 2, 2);
		synth_add_pcie(&s, PCIE_DOWNSTREAM);
		synth_add_acs(&s, REQ_ALL, ACS_RR | ACS_CR | ACS_UF);
		dsp = tm_add(&t, "01:00.0", &s, usp);
		sy_pcie_ep(&s, 0x1ab0, 1, false);
		tm_add(&t, "02:00.0", &s, dsp);

		t.rc.rules = in;
		tm_build(&t);
		assert_int_equal(acs_cap_effective(&t.m, &t.m.devs[dsp], in),
				 REQ_ALL & ~f->clear);
		assert_ptr_equal(acs_cap_fixup_for(&t.m.devs[dsp], in), f);
		if (f->clear == ACS_SV)
			expect_iso(&t, "00:03.0 | 01:00.0 | 02:00.0");
		if (!kv_unset(f->kernels.since)) {
			struct kver b = kv_before(f->kernels.since);

			t.rc.rules = b;
			tm_build(&t);
			assert_int_equal(acs_cap_effective(&t.m, &t.m.devs[dsp], b), REQ_ALL);
			assert_null(acs_cap_fixup_for(&t.m.devs[dsp], b));
			/* 6.12: SV required and off -> the port joins its child */
			expect_iso(&t, "00:03.0 | 01:00.0 02:00.0");
		}
		if (!kv_unset(f->kernels.until))
			assert_int_equal(acs_cap_effective(&t.m, &t.m.devs[dsp], f->kernels.until),
					 REQ_ALL);
		tm_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acs_table_consistent),
		cmocka_unit_test(dma_table_consistent),
		cmocka_unit_test(acs_every_entry_and_boundary),
		cmocka_unit_test(acs_kind_amd_sb),
		cmocka_unit_test(acs_kind_cavium),
		cmocka_unit_test(acs_kind_xgene),
		cmocka_unit_test(acs_kind_qcom),
		cmocka_unit_test(acs_kind_nxp),
		cmocka_unit_test(acs_kind_brcm),
		cmocka_unit_test(acs_kind_loongson),
		cmocka_unit_test(acs_kind_zhaoxin),
		cmocka_unit_test(acs_kind_intel_pch),
		cmocka_unit_test(acs_kind_al),
		cmocka_unit_test(acs_kind_intel_spt),
		cmocka_unit_test(acs_kind_mf_endpoint),
		cmocka_unit_test(acs_kind_rciep),
		cmocka_unit_test(acs_kind_wangxun),
		cmocka_unit_test(acs_no_entry),
		cmocka_unit_test(acs_quirk_undecided),
		cmocka_unit_test(rciep_al_on_conventional),
		cmocka_unit_test(dma_every_entry_and_boundary),
		cmocka_unit_test(dma_kind_func0),
		cmocka_unit_test(dma_kind_func1),
		cmocka_unit_test(dma_kind_fixed),
		cmocka_unit_test(dma_kind_use_pcie_bridge),
		cmocka_unit_test(dma_kind_xlate_root),
		cmocka_unit_test(dma_kind_aspeed_no_alias),
		cmocka_unit_test(dma_kind_switchtec_class),
		cmocka_unit_test(dma_apply_idempotent),
		cmocka_unit_test(acs_cap_fixups_boundary),
	};

	return tu_run("quirks", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
