// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_rules.c - the grouping rules on synthetic topologies.
 *
 * Every expectation is derived from the kernel source (Linux 6.12):
 *  - pci_device_group(), get_pci_alias_group(),
 *    get_pci_function_alias_group(), REQ_ACS_FLAGS (drivers/iommu/iommu.c)
 *  - pci_acs_enabled(), pci_acs_flags_enabled(), pci_acs_path_enabled(),
 *    pci_std_enable_acs() (drivers/pci/pci.c)
 *  - pci_for_each_dma_alias() (drivers/pci/search.c)
 *  - pci_scan_slot(), next_fn(), only_one_child(), pci_setup_device()
 *    (drivers/pci/probe.c); pci_iov_add_virtfn() (drivers/pci/iov.c)
 * Vendor ids are chosen outside every ACS quirk table entry (QEMU's
 * 1b36/104c/1af4 and a made-up 1ab0) unless a test says otherwise.
 */
#include <stdio.h>

#include "testutil.h"

#define V_TEST 0x1ab0 /* not in pci_dev_acs_enabled[] nor any DMA fixup */

/* Root port with the full ACS: SV RR CR UF advertised and enabled. */
static int add_rp(struct tm *t, const char *bdf, uint8_t sec, uint8_t sub, bool acs,
		  uint16_t cap, uint16_t ctrl)
{
	struct synth s;

	sy_port(&s, PCIE_ROOT_PORT, 0, sec, sub, acs, cap, ctrl);
	return tm_add(t, bdf, &s, NO_DEV);
}

static int add_ep(struct tm *t, const char *bdf, int parent, bool mf)
{
	struct synth s;

	sy_pcie_ep(&s, V_TEST, 0x0001, mf);
	return tm_add(t, bdf, &s, parent);
}

/*
 * pci_acs_path_enabled(root port) succeeds (pci_acs_flags_enabled: all of
 * SV RR CR UF in the control register; the root port sits on the root bus)
 * so pci_device_group() stops its ACS walk at once: each endpoint is its
 * own group; the root ports, on the root bus and single-function, too.
 */
static void rp_acs_isolates(void **state)
{
	struct tm t;
	int rp1, rp2;

	(void)state;
	tm_init(&t);
	rp1 = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	rp2 = add_rp(&t, "00:05.0", 2, 2, true, REQ_ALL, REQ_ALL);
	add_ep(&t, "01:00.0", rp1, false);
	add_ep(&t, "02:00.0", rp2, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 00:05.0 | 01:00.0 | 02:00.0");
	expect_alias(&t, "00:04.0 | 00:05.0 | 01:00.0 | 02:00.0");
	assert_int_equal(t.r.n, 0);
	assert_int_equal(acs_path_enabled(&t.m, &t.rc, rp1, ACS_REQ_FLAGS, NULL), TRI_YES);
	for (size_t s = 0; s < t.g.niso; s++)
		assert_true(t.g.isolation_groups[s].certain);
	tm_free(&t);
}

/*
 * ACS capability with SV RR CR UF, but UF off in the control register:
 * pci_acs_flags_enabled() requires flags & (cap | EC) = SV RR CR UF, ctrl
 * lacks UF -> not enabled -> the endpoint joins the root port's group.
 */
static void rp_acs_uf_off(void **state)
{
	struct tm t;
	const struct rel *e;
	int rp;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, ACS_SV | ACS_RR | ACS_CR);
	add_ep(&t, "01:00.0", rp, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 01:00.0");
	expect_alias(&t, "00:04.0 | 01:00.0"); /* ACS joins, it does not alias */
	e = tm_edge(&t, "01:00.0", "00:04.0", REL_ACS_DISABLED_UPSTREAM);
	assert_non_null(e);
	assert_int_equal(e->at, rp);
	assert_int_equal(e->missing, ACS_UF);
	assert_true(e->certain);
	assert_false(e->alias);
	assert_int_equal(e->basis, ACSB_CTRL);
	assert_string_equal(rel_kind_name(e->kind), "acs-disabled-upstream");
	tm_free(&t);
}

/*
 * A capability that does not advertise UF: pci_acs_flags_enabled() masks
 * the required flags with the capability ("Features missing from the
 * capability field can therefore be assumed as hard-wired enabled"), so
 * SV RR CR on suffice.
 */
static void rp_acs_cap_without_uf(void **state)
{
	struct tm t;
	int rp;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, ACS_SV | ACS_RR | ACS_CR, ACS_SV | ACS_RR | ACS_CR);
	add_ep(&t, "01:00.0", rp, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0");
	assert_int_equal(acs_flags_enabled(&t.m, &t.rc, rp, ACS_REQ_FLAGS, NULL), TRI_YES);
	tm_free(&t);
}

/*
 * Root ports without ACS (QEMU ioh3420): pci_acs_enabled() for a root port
 * is pci_acs_flags_enabled(), false without the capability. Each port
 * shares a group with what is below it; sibling ports stay apart (they are
 * on the root bus: no ACS walk for them; single-function: no function
 * aliases).
 */
static void rp_no_acs(void **state)
{
	struct tm t;
	const struct rel *e;
	int rp1, rp2;

	(void)state;
	tm_init(&t);
	rp1 = add_rp(&t, "00:04.0", 1, 1, false, 0, 0);
	rp2 = add_rp(&t, "00:05.0", 2, 2, false, 0, 0);
	add_ep(&t, "01:00.0", rp1, false);
	add_ep(&t, "02:00.0", rp2, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 01:00.0 | 00:05.0 02:00.0");
	e = tm_edge(&t, "01:00.0", "00:04.0", REL_NO_ACS_UPSTREAM);
	assert_non_null(e);
	assert_int_equal(e->at, rp1);
	assert_int_equal(e->basis, ACSB_NO_CAP);
	assert_string_equal(rel_kind_name(e->kind), "no-acs-upstream");
	tm_free(&t);
}

/*
 * A switch below an ACS root port: upstream port 01:00.0 (single function
 * upstream port: pci_acs_enabled() "break"s to return true), downstream
 * ports 02:00.0 and 02:01.0 without ACS. Each endpoint's ACS walk stops
 * at its downstream port (path not enabled) and then at the upstream port
 * (path enabled up to the root bus): the port and what is below it form
 * one group, sibling ports separate, the upstream port alone.
 */
static void switch_dsp_no_acs(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int rp, usp, dsp1, dsp2;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 4, true, REQ_ALL, REQ_ALL);
	sy_port(&s, PCIE_UPSTREAM, 1, 2, 4, false, 0, 0);
	usp = tm_add(&t, "01:00.0", &s, rp);
	sy_port(&s, PCIE_DOWNSTREAM, 2, 3, 3, false, 0, 0);
	dsp1 = tm_add(&t, "02:00.0", &s, usp);
	sy_port(&s, PCIE_DOWNSTREAM, 2, 4, 4, false, 0, 0);
	dsp2 = tm_add(&t, "02:01.0", &s, usp);
	add_ep(&t, "03:00.0", dsp1, false);
	add_ep(&t, "04:00.0", dsp2, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0 | 02:00.0 03:00.0 | 02:01.0 04:00.0");
	e = tm_edge(&t, "03:00.0", "02:00.0", REL_NO_ACS_UPSTREAM);
	assert_non_null(e);
	assert_int_equal(e->at, dsp1);
	assert_null(tm_any_edge(&t, "02:00.0", "02:01.0"));
	assert_int_equal(acs_path_enabled(&t.m, &t.rc, usp, ACS_REQ_FLAGS, NULL), TRI_YES);
	tm_free(&t);
}

/*
 * A switch nested below a downstream port without ACS. The inner
 * downstream ports have full ACS, but pci_acs_path_enabled() from them
 * reaches 02:00.0 and fails; so does the path from the inner upstream
 * port. pci_device_group() climbs to 02:00.0: the whole subtree below it
 * is one group. The blocker named by acs_path_enabled() is 02:00.0.
 */
static void nested_switch_below_no_acs(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int rp, usp, dsp, usp2, dsp2a, dsp2b, blocker = -7;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 6, true, REQ_ALL, REQ_ALL);
	sy_port(&s, PCIE_UPSTREAM, 1, 2, 6, false, 0, 0);
	usp = tm_add(&t, "01:00.0", &s, rp);
	sy_port(&s, PCIE_DOWNSTREAM, 2, 3, 6, false, 0, 0);
	dsp = tm_add(&t, "02:00.0", &s, usp);
	sy_port(&s, PCIE_UPSTREAM, 3, 4, 6, false, 0, 0);
	usp2 = tm_add(&t, "03:00.0", &s, dsp);
	sy_port(&s, PCIE_DOWNSTREAM, 4, 5, 5, true, REQ_ALL, REQ_ALL);
	dsp2a = tm_add(&t, "04:00.0", &s, usp2);
	sy_port(&s, PCIE_DOWNSTREAM, 4, 6, 6, true, REQ_ALL, REQ_ALL);
	dsp2b = tm_add(&t, "04:01.0", &s, usp2);
	add_ep(&t, "05:00.0", dsp2a, false);
	add_ep(&t, "06:00.0", dsp2b, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0 | 02:00.0 03:00.0 04:00.0 04:01.0 05:00.0 06:00.0");

	assert_int_equal(acs_path_enabled(&t.m, &t.rc, dsp2a, ACS_REQ_FLAGS, &blocker), TRI_NO);
	assert_int_equal(blocker, dsp);
	assert_int_equal(acs_path_enabled(&t.m, &t.rc, usp2, ACS_REQ_FLAGS, &blocker), TRI_NO);
	assert_int_equal(blocker, dsp);
	blocker = -7;
	assert_int_equal(acs_path_enabled(&t.m, &t.rc, usp, ACS_REQ_FLAGS, &blocker), TRI_YES);
	assert_int_equal(blocker, NO_DEV);

	/* the endpoint's first join is to its own (ACS-capable) port, and the
	 * responsible function is the port without ACS above it */
	e = tm_edge(&t, "05:00.0", "04:00.0", REL_NO_ACS_UPSTREAM);
	assert_non_null(e);
	assert_int_equal(e->at, dsp);
	tm_free(&t);
}

/*
 * PCIe-to-PCI bridge (PCI_EXP_TYPE_PCI_BRIDGE, QEMU pcie-pci-bridge) with
 * conventional devices below, and a conventional PCI-to-PCI bridge below
 * that. pci_for_each_dma_alias(): the PCIe-to-PCI bridge adds
 * PCI_DEVID(subordinate->number, PCI_DEVFN(0, 0)) owned by itself; a
 * bridge without PCIe capability adds its own pci_dev_id(). The last owner
 * is the PCIe-to-PCI bridge: everything below it is one alias set with it.
 */
static void pcie_to_pci_bridge(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int rp, br, conv_br, d1, d3;
	bool found_sec = false, found_conv = false;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 3, true, REQ_ALL, REQ_ALL);
	synth_bridge(&s, 0x1b36, 0x000e, 1, 2, 3);
	synth_add_pcie(&s, PCIE_PCI_BRIDGE);
	br = tm_add(&t, "01:00.0", &s, rp);
	sy_conv_ep(&s, V_TEST, 0x0002, false);
	d1 = tm_add(&t, "02:01.0", &s, br);
	sy_conv_ep(&s, V_TEST, 0x0003, false);
	tm_add(&t, "02:02.0", &s, br);
	synth_bridge(&s, V_TEST, 0x0004, 2, 3, 3); /* conventional bridge */
	synth_size(&s, 256, 256);
	conv_br = tm_add(&t, "02:03.0", &s, br);
	sy_conv_ep(&s, V_TEST, 0x0005, false);
	d3 = tm_add(&t, "03:00.0", &s, conv_br);
	tm_build(&t);

	expect_iso(&t, "00:04.0 | 01:00.0 02:01.0 02:02.0 02:03.0 03:00.0");
	expect_alias(&t, "00:04.0 | 01:00.0 02:01.0 02:02.0 02:03.0 03:00.0");

	e = tm_edge(&t, "02:01.0", "01:00.0", REL_PCIE_TO_PCI_BRIDGE);
	assert_non_null(e);
	assert_true(e->alias);
	assert_true(e->certain);
	assert_int_equal(e->at, br);
	e = tm_edge(&t, "03:00.0", "02:03.0", REL_PCI_BRIDGE);
	assert_non_null(e);
	assert_true(e->alias);
	assert_int_equal(e->at, conv_br);
	assert_non_null(tm_edge(&t, "03:00.0", "01:00.0", REL_PCIE_TO_PCI_BRIDGE));
	assert_int_equal(t.r.point[d1], br);
	assert_int_equal(t.r.point[d3], br);

	/* requester IDs of 03:00.0: its own, 02:03.0 (the conventional
	 * bridge's own ID), 02:00.0 (secondary bus of the PCIe-to-PCI bridge) */
	for (size_t k = 0; k < t.r.nrids; k++) {
		const struct rid *x = &t.r.rids[k];

		if (x->dev != d3)
			continue;
		if (x->owner == br && x->bus == 0x02 && x->devfn == DEVFN(0, 0))
			found_sec = true;
		if (x->owner == conv_br && x->bus == 0x02 && x->devfn == DEVFN(3, 0))
			found_conv = true;
	}
	assert_true(found_sec);
	assert_true(found_conv);
	tm_free(&t);
}

/*
 * PCI/PCI-X-to-PCIe bridge (PCI_EXP_TYPE_PCIE_BRIDGE): pci_for_each_dma_alias
 * adds the bridge's own ID; pci_acs_enabled() returns false for it.
 */
static void pci_to_pcie_bridge(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int br, ep;
	bool own = false;

	(void)state;
	tm_init(&t);
	synth_bridge(&s, V_TEST, 0x0010, 0, 5, 5);
	synth_add_pcie(&s, PCIE_PCIE_BRIDGE);
	br = tm_add(&t, "00:06.0", &s, NO_DEV);
	ep = add_ep(&t, "05:00.0", br, false);
	tm_build(&t);
	expect_iso(&t, "00:06.0 05:00.0");
	expect_alias(&t, "00:06.0 05:00.0");
	e = tm_edge(&t, "05:00.0", "00:06.0", REL_PCI_BRIDGE);
	assert_non_null(e);
	assert_true(e->alias);
	for (size_t k = 0; k < t.r.nrids; k++)
		if (t.r.rids[k].dev == ep && t.r.rids[k].owner == br && t.r.rids[k].bus == 0 &&
		    t.r.rids[k].devfn == DEVFN(6, 0))
			own = true;
	assert_true(own);
	assert_int_equal(acs_enabled(&t.m, &t.rc, br, ACS_REQ_FLAGS, NULL), TRI_NO);
	tm_free(&t);
}

/*
 * Multifunction endpoint below an ACS root port. Without an ACS capability
 * pci_acs_enabled() (endpoint, multifunction) is pci_acs_flags_enabled():
 * false, so get_pci_function_alias_group() joins the functions.
 */
static void mf_endpoint_no_acs(void **state)
{
	struct tm t;
	const struct rel *e;
	int rp;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	add_ep(&t, "01:00.0", rp, true);
	add_ep(&t, "01:00.1", rp, false); /* fn > 0: multifunction anyway */
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0 01:00.1");
	expect_alias(&t, "00:04.0 | 01:00.0 | 01:00.1");
	e = tm_edge(&t, "01:00.0", "01:00.1", REL_MULTIFUNCTION_NO_ACS);
	assert_non_null(e);
	assert_false(e->alias);
	assert_true(e->certain);
	assert_string_equal(rel_kind_name(e->kind), "multifunction-no-acs");
	tm_free(&t);
}

/* The same with ACS (RR CR advertised and enabled): separate. */
static void mf_endpoint_acs(void **state)
{
	struct tm t;
	struct synth s;
	int rp;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	sy_pcie_ep(&s, V_TEST, 0x0001, true);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	tm_add(&t, "01:00.0", &s, rp);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	tm_add(&t, "01:00.1", &s, rp);
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0 | 01:00.1");
	assert_null(tm_any_edge(&t, "01:00.0", "01:00.1"));
	tm_free(&t);
}

/*
 * Only one function with ACS enabled: get_pci_function_alias_group() skips
 * every function that is ACS-enabled; the other two (multifunction, no
 * ACS) share a group.
 */
static void mf_partial_acs(void **state)
{
	struct tm t;
	struct synth s;

	(void)state;
	tm_init(&t);
	sy_pcie_ep(&s, V_TEST, 0x0001, true);
	tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	synth_add_acs(&s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
	tm_add(&t, "00:03.1", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	tm_add(&t, "00:03.2", &s, NO_DEV);
	tm_build(&t);
	expect_iso(&t, "00:03.0 00:03.2 | 00:03.1");
	tm_free(&t);
}

/*
 * pci_scan_slot(): "if (fn > 0) dev->multifunction = 1" whatever the
 * header says; function 0 keeps its header bit (pci_setup_device()). On a
 * root bus, function 0 with the bit clear is a single-function endpoint:
 * pci_acs_enabled() true, so get_pci_function_alias_group() skips it and
 * function 1 stays alone too.
 */
static void fn_gt0_is_multifunction(void **state)
{
	struct tm t;
	struct synth s;
	int f0, f1, g0, g1;

	(void)state;
	tm_init(&t);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	f0 = tm_add(&t, "00:03.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	f1 = tm_add(&t, "00:03.1", &s, NO_DEV);
	/* conventional functions: never ACS-enabled, so they join */
	sy_conv_ep(&s, V_TEST, 0x0002, false);
	g0 = tm_add(&t, "00:07.0", &s, NO_DEV);
	sy_conv_ep(&s, V_TEST, 0x0002, false);
	g1 = tm_add(&t, "00:07.1", &s, NO_DEV);
	tm_build(&t);
	assert_false(t.m.devs[f0].multifunction);
	assert_true(t.m.devs[f1].multifunction);
	assert_false(t.m.devs[g0].multifunction);
	assert_true(t.m.devs[g1].multifunction);
	assert_int_equal(acs_enabled(&t.m, &t.rc, f0, ACS_REQ_FLAGS, NULL), TRI_YES);
	assert_int_equal(acs_enabled(&t.m, &t.rc, f1, ACS_REQ_FLAGS, NULL), TRI_NO);
	expect_iso(&t, "00:03.0 | 00:03.1 | 00:07.0 00:07.1");
	tm_free(&t);
}

/*
 * Virtual functions: pci_iov_add_virtfn() sets virtfn->multifunction = 0,
 * so a VF (an endpoint) is ACS-enabled as a single function; the PF
 * (header bit clear, devfn 0) too. Everything separate, even with the PF
 * multifunction and without ACS (its VFs are skipped as ACS-enabled).
 */
static void vfs_never_multifunction(void **state)
{
	struct tm t;
	struct synth s;
	int rp, pf, vf1, vf2, rp2, pf2;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	rp2 = add_rp(&t, "00:05.0", 2, 2, true, REQ_ALL, REQ_ALL);
	pf = add_ep(&t, "01:00.0", rp, false);
	sy_pcie_ep(&s, V_TEST, 0x0011, false);
	vf1 = tm_add(&t, "01:00.1", &s, rp);
	vf2 = tm_add(&t, "01:00.2", &s, rp);
	pf2 = add_ep(&t, "02:00.0", rp2, true);
	sy_pcie_ep(&s, V_TEST, 0x0011, false);
	tm_add(&t, "02:00.1", &s, rp2);
	t.m.devs[vf1].is_vf = t.m.devs[vf2].is_vf = true;
	t.m.devs[vf1].physfn = t.m.devs[vf2].physfn = pf;
	t.m.devs[t.m.ndevs - 1].is_vf = true;
	t.m.devs[t.m.ndevs - 1].physfn = pf2;
	tm_build(&t);
	assert_false(t.m.devs[pf].multifunction);
	assert_false(t.m.devs[vf1].multifunction);
	assert_false(t.m.devs[vf2].multifunction);
	assert_true(t.m.devs[pf2].multifunction);
	assert_false(t.m.devs[t.m.ndevs - 1].multifunction);
	expect_iso(&t, "00:04.0 | 00:05.0 | 01:00.0 | 01:00.1 | 01:00.2 | 02:00.0 | 02:00.1");
	tm_free(&t);
}

/* A single-function endpoint is isolated whatever it lacks: pci_acs_enabled()
 * "break"s out of the switch and returns true. */
static void single_function_endpoint(void **state)
{
	struct tm t;
	struct acs_why why;
	int ep, leg, rc;
	struct synth s;

	(void)state;
	tm_init(&t);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	ep = tm_add(&t, "00:02.0", &s, NO_DEV);
	synth_endpoint(&s, V_TEST, 0x0001, 0x020000);
	synth_add_pcie(&s, PCIE_LEGACY_ENDPOINT);
	leg = tm_add(&t, "00:03.0", &s, NO_DEV);
	synth_endpoint(&s, V_TEST, 0x0001, 0x020000);
	synth_add_pcie(&s, PCIE_RC_END);
	rc = tm_add(&t, "00:04.0", &s, NO_DEV);
	tm_build(&t);
	expect_iso(&t, "00:02.0 | 00:03.0 | 00:04.0");
	assert_int_equal(acs_enabled(&t.m, &t.rc, ep, ACS_REQ_FLAGS, &why), TRI_YES);
	assert_int_equal(why.basis, ACSB_SINGLE_FUNCTION);
	assert_int_equal(acs_enabled(&t.m, &t.rc, leg, ACS_REQ_FLAGS, NULL), TRI_YES);
	assert_int_equal(acs_enabled(&t.m, &t.rc, rc, ACS_REQ_FLAGS, NULL), TRI_YES);
	tm_free(&t);
}

/* pci_acs_enabled(): the bridge types and the RC event collector are never
 * enabled; conventional functions never; "any other type" (none left in
 * the 4-bit field but reserved codes) enabled. */
static void acs_enabled_by_type(void **state)
{
	struct tm t;
	struct synth s;
	struct acs_why why;
	int conv, ec;

	(void)state;
	tm_init(&t);
	sy_conv_ep(&s, V_TEST, 0x0001, false);
	conv = tm_add(&t, "00:02.0", &s, NO_DEV);
	synth_endpoint(&s, V_TEST, 0x0001, 0x080700);
	synth_add_pcie(&s, PCIE_RC_EC);
	synth_add_acs(&s, REQ_ALL, REQ_ALL);
	ec = tm_add(&t, "00:03.0", &s, NO_DEV);
	tm_build(&t);
	assert_int_equal(acs_enabled(&t.m, &t.rc, conv, ACS_REQ_FLAGS, &why), TRI_NO);
	assert_int_equal(why.basis, ACSB_CONVENTIONAL);
	assert_int_equal(acs_enabled(&t.m, &t.rc, ec, ACS_REQ_FLAGS, &why), TRI_NO);
	assert_int_equal(why.basis, ACSB_BRIDGE_TYPE);
	tm_free(&t);
}

/*
 * ICH9-style root-bus functions 00:1f.0/.2/.3 without PCIe capability,
 * function 0 with the multifunction bit: conventional -> never ACS ->
 * get_pci_function_alias_group() puts them in one group.
 */
static void ich9_root_bus_multifunction(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;

	(void)state;
	tm_init(&t);
	sy_conv_ep(&s, 0x8086, 0x2918, true);
	tm_add(&t, "00:1f.0", &s, NO_DEV);
	sy_conv_ep(&s, 0x8086, 0x2922, false);
	tm_add(&t, "00:1f.2", &s, NO_DEV);
	sy_conv_ep(&s, 0x8086, 0x2930, false);
	tm_add(&t, "00:1f.3", &s, NO_DEV);
	tm_build(&t);
	expect_iso(&t, "00:1f.0 00:1f.2 00:1f.3");
	expect_alias(&t, "00:1f.0 | 00:1f.2 | 00:1f.3");
	/* conventional functions: pci_acs_enabled() is false before any ACS
	 * check (!pci_is_pcie), so the edge is conventional-bus, not fixable */
	e = tm_edge(&t, "00:1f.0", "00:1f.3", REL_CONVENTIONAL_BUS);
	assert_non_null(e);
	assert_int_equal(e->basis, ACSB_CONVENTIONAL);
	tm_free(&t);
}

/*
 * Multifunction root ports without ACS (and not an Intel PCH id): each is
 * not ACS-enabled, so they share a group, and their children join them.
 */
static void mf_root_ports_no_acs(void **state)
{
	struct tm t;
	struct synth s;
	int rp0, rp1;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, false, 0, 0);
	synth_multifunction(&s, true);
	rp0 = tm_add(&t, "00:1c.0", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0, 2, 2, false, 0, 0);
	rp1 = tm_add(&t, "00:1c.1", &s, NO_DEV);
	add_ep(&t, "01:00.0", rp0, false);
	add_ep(&t, "02:00.0", rp1, false);
	tm_build(&t);
	expect_iso(&t, "00:1c.0 00:1c.1 01:00.0 02:00.0");

	/* with ACS on both ports: four groups */
	tm_free(&t);
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	synth_multifunction(&s, true);
	rp0 = tm_add(&t, "00:1c.0", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0, 2, 2, true, REQ_ALL, REQ_ALL);
	rp1 = tm_add(&t, "00:1c.1", &s, NO_DEV);
	add_ep(&t, "01:00.0", rp0, false);
	add_ep(&t, "02:00.0", rp1, false);
	tm_build(&t);
	expect_iso(&t, "00:1c.0 | 00:1c.1 | 01:00.0 | 02:00.0");
	tm_free(&t);
}

/*
 * dma_alias_mask set directly (as a DMA fixup would): pci_for_each_dma_alias
 * visits the aliased devfn on the same bus (owned by the device itself),
 * and get_pci_alias_group() joins devices that alias each other
 * (pci_devs_are_dma_aliases(), either direction).
 */
static void dma_alias_mask_same_bus(void **state)
{
	struct tm t;
	const struct rel *e;
	int a, ghost_owner;
	bool ghost_rid = false;

	(void)state;
	tm_init(&t);
	t.skip_dma_quirks = true;
	a = add_ep(&t, "00:03.0", NO_DEV, false);
	add_ep(&t, "00:04.0", NO_DEV, false);
	ghost_owner = add_ep(&t, "00:05.0", NO_DEV, false);
	add_ep(&t, "00:06.0", NO_DEV, false);
	dev_add_dma_alias(&t.rc.dev[a], DEVFN(4, 0));
	/* an alias to a devfn where no function exists (a "ghost" requester) */
	dev_add_dma_alias(&t.rc.dev[ghost_owner], DEVFN(5, 1));
	tm_build(&t);
	expect_iso(&t, "00:03.0 00:04.0 | 00:05.0 | 00:06.0");
	expect_alias(&t, "00:03.0 00:04.0 | 00:05.0 | 00:06.0");
	e = tm_edge(&t, "00:03.0", "00:04.0", REL_DMA_ALIAS_QUIRK);
	assert_non_null(e);
	assert_true(e->alias);
	assert_string_equal(rel_kind_name(e->kind), "dma-alias-quirk");
	for (size_t k = 0; k < t.r.nrids; k++)
		if (t.r.rids[k].dev == ghost_owner && t.r.rids[k].owner == ghost_owner &&
		    t.r.rids[k].devfn == DEVFN(5, 1))
			ghost_rid = true;
	assert_true(ghost_rid);
	tm_free(&t);
}

/* The alias pulls in the non-isolated sibling functions of the aliased
 * device too (get_pci_alias_group() -> get_pci_function_alias_group()). */
static void dma_alias_pulls_functions(void **state)
{
	struct tm t;
	struct synth s;
	int a;

	(void)state;
	tm_init(&t);
	t.skip_dma_quirks = true;
	a = add_ep(&t, "00:03.0", NO_DEV, false);
	sy_conv_ep(&s, V_TEST, 0x0002, true);
	tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_conv_ep(&s, V_TEST, 0x0002, false);
	tm_add(&t, "00:04.1", &s, NO_DEV);
	dev_add_dma_alias(&t.rc.dev[a], DEVFN(4, 0));
	tm_build(&t);
	expect_iso(&t, "00:03.0 00:04.0 00:04.1");
	expect_alias(&t, "00:03.0 00:04.0 | 00:04.1");
	tm_free(&t);
}

/*
 * pci_real_dma_dev() (Intel VMD, arch/x86/pci/common.c): the DMA of the
 * devices in the VMD domain is issued by the VMD endpoint;
 * pci_for_each_dma_alias() starts there, so they all share its group.
 */
static void real_dma_dev_vmd(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int vmd, rp, nvme;

	(void)state;
	tm_init(&t);
	synth_endpoint(&s, 0x8086, 0x467f, 0x010400);
	synth_add_pcie(&s, PCIE_RC_END);
	add_ep(&t, "0000:00:0d.0", NO_DEV, false); /* an unrelated neighbour */
	vmd = tm_add(&t, "0000:00:0e.0", &s, NO_DEV);
	sy_port(&s, PCIE_ROOT_PORT, 0xe0, 0xe1, 0xe1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "10000:e0:06.0", &s, NO_DEV);
	sy_pcie_ep(&s, 0x144d, 0xa808, false);
	nvme = tm_add(&t, "10000:e1:00.0", &s, rp);
	t.m.devs[rp].real_dma_dev = vmd;
	t.m.devs[nvme].real_dma_dev = vmd;
	tm_build(&t);
	expect_iso(&t, "0000:00:0d.0 | 0000:00:0e.0 10000:e0:06.0 10000:e1:00.0");
	expect_alias(&t, "0000:00:0d.0 | 0000:00:0e.0 10000:e0:06.0 10000:e1:00.0");
	e = tm_edge(&t, "10000:e1:00.0", "0000:00:0e.0", REL_REAL_DMA_DEV);
	assert_non_null(e);
	assert_true(e->alias);
	assert_int_equal(t.m.devs[vmd].real_dma_dev, vmd); /* model_finish: itself */
	assert_string_equal(t.m.devs[nvme].bdf, "10000:e1:00.0");
	tm_free(&t);
}

/*
 * Predict mode: with no IOMMU driver active the control registers are as
 * firmware left them; pci_std_enable_acs() would set SV RR CR UF where
 * advertised. A port with the capability but controls off counts as
 * enabled then, and not otherwise.
 */
static void predict_acs_enable(void **state)
{
	struct tm t;
	const struct rel *e;
	int rp;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, 0);
	add_ep(&t, "01:00.0", rp, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 01:00.0");
	e = tm_edge(&t, "01:00.0", "00:04.0", REL_ACS_DISABLED_UPSTREAM);
	assert_non_null(e);
	assert_int_equal(e->missing, REQ_ALL);

	t.rc.predict_acs_enable = true;
	tm_build(&t);
	expect_iso(&t, "00:04.0 | 01:00.0");
	assert_int_equal(acs_ctrl_effective(&t.m, &t.rc, rp), REQ_ALL);

	/* predicting cannot enable what the capability lacks: without the
	 * capability at all the port stays a join */
	tm_free(&t);
	tm_init(&t);
	t.rc.predict_acs_enable = true;
	rp = add_rp(&t, "00:04.0", 1, 1, false, 0, 0);
	add_ep(&t, "01:00.0", rp, false);
	tm_build(&t);
	expect_iso(&t, "00:04.0 01:00.0");
	tm_free(&t);
}

/*
 * Config space of the root port only readable up to 256 bytes (of 4096):
 * whether its ACS is on is unknown. The edge is kept but marked uncertain,
 * and so is the group.
 */
static void unknown_acs_uncertain(void **state)
{
	struct tm t;
	struct synth s;
	const struct rel *e;
	int rp;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	synth_size(&s, 256, 4096);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	add_rp(&t, "00:05.0", 2, 2, true, REQ_ALL, REQ_ALL);
	add_ep(&t, "01:00.0", rp, false);
	tm_build(&t);
	assert_int_equal(acs_enabled(&t.m, &t.rc, rp, ACS_REQ_FLAGS, NULL), TRI_UNKNOWN);
	assert_int_equal(acs_path_enabled(&t.m, &t.rc, rp, ACS_REQ_FLAGS, NULL), TRI_UNKNOWN);
	e = tm_any_edge(&t, "01:00.0", "00:04.0");
	assert_non_null(e);
	assert_false(e->certain);
	assert_int_equal(e->kind, REL_ACS_UNKNOWN);
	assert_false(tm_iso_of(&t, "01:00.0")->certain);
	assert_true(tm_iso_of(&t, "00:05.0")->certain);
	assert_true(t.m.config_truncated);
	tm_free(&t);
}

/* 64-byte config (unprivileged read) of every function: PCIe type unknown.
 * Nothing may be claimed isolated with certainty where a join is possible. */
static void truncated_everything(void **state)
{
	struct tm t;
	struct synth s;
	int rp;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	synth_size(&s, 64, 4096);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0001, true);
	synth_size(&s, 64, 4096);
	tm_add(&t, "01:00.0", &s, rp);
	tm_add(&t, "01:00.1", &s, rp);
	tm_build(&t);
	assert_true(t.m.config_truncated);
	for (size_t i = 0; i < t.m.ndevs; i++) {
		assert_int_equal(t.m.devs[i].pcie_type, PCIE_UNKNOWN);
		assert_false(t.m.devs[i].cfg_complete);
	}
	assert_false(tm_iso_of(&t, "01:00.0")->certain);
	assert_true(tm_same_iso(&t, "01:00.0", "01:00.1"));
	tm_free(&t);
}

/*
 * set_pcie_port_type() (probe.c): a "downstream port" directly below a root
 * port or downstream port is really an upstream port (and vice versa).
 */
static void port_type_correction(void **state)
{
	struct tm t;
	struct synth s;
	int rp, odd;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 2, true, REQ_ALL, REQ_ALL);
	sy_port(&s, PCIE_DOWNSTREAM, 1, 2, 2, false, 0, 0); /* mislabelled */
	odd = tm_add(&t, "01:00.0", &s, rp);
	tm_build(&t);
	assert_int_equal(t.m.devs[odd].pcie_type, PCIE_UPSTREAM);
	tm_free(&t);
}

/*
 * ARI: below a downstream-type port only device 0 is scanned
 * (only_one_child()), so a function at devfn 01.0 there was found as a
 * function > 0 of device 0 (next_ari_fn) and pci_scan_slot() marks it
 * multifunction. Below an upstream port (not a downstream port) devfn 01.0
 * is slot 1, function 0: its header decides. With pci=pcie_scan_all
 * (PCI_SCAN_ALL_PCIE_DEVS) only_one_child() is 0 and slots are scanned.
 */
static void ari_functions_multifunction(void **state)
{
	struct tm t;
	struct synth s;
	int rp, ari, usp, slot1;

	(void)state;
	tm_init(&t);
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	sy_port(&s, PCIE_UPSTREAM, 0, 3, 3, false, 0, 0);
	usp = tm_add(&t, "00:05.0", &s, NO_DEV);
	add_ep(&t, "01:00.0", rp, false);
	ari = add_ep(&t, "01:01.0", rp, false);
	slot1 = add_ep(&t, "03:01.0", usp, false);
	tm_build(&t);
	assert_true(t.m.devs[ari].multifunction);
	assert_false(t.m.devs[slot1].multifunction);
	/* two non-ACS "multifunction" functions of device 0 in different
	 * slots (ARI): get_pci_function_alias_group() compares PCI_SLOT, so
	 * they stay apart */
	assert_false(tm_same_iso(&t, "01:00.0", "01:01.0"));
	tm_free(&t);

	tm_init(&t);
	snprintf(t.m.cmdline, sizeof(t.m.cmdline), "root=/dev/sda pci=pcie_scan_all");
	rp = add_rp(&t, "00:04.0", 1, 1, true, REQ_ALL, REQ_ALL);
	add_ep(&t, "01:00.0", rp, false);
	ari = add_ep(&t, "01:01.0", rp, false);
	tm_build(&t);
	assert_false(t.m.devs[ari].multifunction);
	tm_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rp_acs_isolates),
		cmocka_unit_test(rp_acs_uf_off),
		cmocka_unit_test(rp_acs_cap_without_uf),
		cmocka_unit_test(rp_no_acs),
		cmocka_unit_test(switch_dsp_no_acs),
		cmocka_unit_test(nested_switch_below_no_acs),
		cmocka_unit_test(pcie_to_pci_bridge),
		cmocka_unit_test(pci_to_pcie_bridge),
		cmocka_unit_test(mf_endpoint_no_acs),
		cmocka_unit_test(mf_endpoint_acs),
		cmocka_unit_test(mf_partial_acs),
		cmocka_unit_test(fn_gt0_is_multifunction),
		cmocka_unit_test(vfs_never_multifunction),
		cmocka_unit_test(single_function_endpoint),
		cmocka_unit_test(acs_enabled_by_type),
		cmocka_unit_test(ich9_root_bus_multifunction),
		cmocka_unit_test(mf_root_ports_no_acs),
		cmocka_unit_test(dma_alias_mask_same_bus),
		cmocka_unit_test(dma_alias_pulls_functions),
		cmocka_unit_test(real_dma_dev_vmd),
		cmocka_unit_test(predict_acs_enable),
		cmocka_unit_test(unknown_acs_uncertain),
		cmocka_unit_test(truncated_everything),
		cmocka_unit_test(port_type_correction),
		cmocka_unit_test(ari_functions_multifunction),
	};

	return tu_run("rules", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
