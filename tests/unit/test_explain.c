// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_explain.c - the edge-kind table (relations.h) and the explanation
 * as data (explain.h): what why-shared's renderers print without
 * computing it: the unexplained joins, the ungrouped case, the members
 * that can never be separated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "testutil.h"

#define V_TEST 0x1ab0 /* not in any quirk table */

/* Every kind has a row: name, sentence, remedy; names are unique; the
 * unexplained row closes the table and catches kinds out of range. */
static void kind_table(void **state)
{
	(void)state;
	for (int k = 0; k < REL_NKINDS_ALL; k++) {
		const struct rel_kind_info *ki = rel_kind_info((enum rel_kind)k);

		assert_non_null(ki->name);
		assert_non_null(ki->sentence);
		assert_non_null(ki->remedy);
		assert_true(strlen(ki->sentence) > 20);
		assert_null(strchr(ki->sentence, '\n'));
		assert_string_equal(rel_kind_name((enum rel_kind)k), ki->name);
		for (int j = 0; j < k; j++)
			assert_string_not_equal(rel_kind_info((enum rel_kind)j)->name, ki->name);
		/* only the unexplained kind has an unknown fixable */
		assert_true((ki->fixable == TRI_UNKNOWN) == (k == REL_UNEXPLAINED));
		/* what is fixable has a remedy to do */
		if (ki->fixable == TRI_YES)
			assert_true(ki->remedy_helps);
	}
	assert_string_equal(rel_kind_name(REL_UNEXPLAINED), "unexplained");
	assert_string_equal(rel_kind_name((enum rel_kind)(REL_NKINDS_ALL + 3)), "unexplained");
	assert_int_equal(rel_kind_info(REL_NO_ACS_UPSTREAM)->fixable, TRI_YES);
	assert_int_equal(rel_kind_info(REL_PCIE_TO_PCI_BRIDGE)->fixable, TRI_NO);
	assert_true(rel_kind_info(REL_ACS_UNKNOWN)->remedy_helps);
	assert_false(rel_kind_info(REL_PCI_BRIDGE)->remedy_helps);
}

/* The test model handed over to an analysis (explain_device recomputes
 * through it); freed with analysis_free's parts. */
static void to_analysis(struct tm *t, struct analysis *a)
{
	memset(a, 0, sizeof(*a));
	a->sr.dirfd = -1;
	a->m = t->m;
	a->rc = t->rc;
	a->r = t->r;
	a->g = t->g;
	memset(t, 0, sizeof(*t));
}

static void free_analysis(struct analysis *a)
{
	grouping_free(&a->g);
	relations_free(&a->r);
	rulectx_free(&a->rc);
	model_free(&a->m);
}

/* Kernel groups by id for devices given their kernel_group. */
static void kgroups(struct tm *t, const int *ids, size_t n)
{
	t->m.kgroups = calloc(n, sizeof(*t->m.kgroups));
	assert_non_null(t->m.kgroups);
	for (size_t k = 0; k < n; k++)
		t->m.kgroups[k].id = ids[k];
	t->m.nkgroups = n;
}

/*
 * Root port 00:04.0 with full ACS above 01:00.0 (isolated), and 00:05.0 on
 * the root bus (alone), 00:06.0 alone too. The kernel put 01:00.0 and
 * 00:05.0 in group 1 (no rule here does), gave 00:04.0 group 0 and left
 * 00:06.0 without a group although the IOMMU is on.
 */
static void build_unexplained(struct tm *t)
{
	static const int ids[] = { 0, 1 };
	struct synth s;
	int rp, ep, lone, ungrouped;

	tm_init(t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	rp = tm_add(t, "00:04.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0001, false);
	lone = tm_add(t, "00:05.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0002, false);
	ungrouped = tm_add(t, "00:06.0", &s, NO_DEV);
	sy_pcie_ep(&s, V_TEST, 0x0003, false);
	ep = tm_add(t, "01:00.0", &s, rp);
	t->m.devs[rp].kernel_group = 0;
	t->m.devs[lone].kernel_group = 1;
	t->m.devs[ep].kernel_group = 1;
	t->m.devs[ungrouped].kernel_group = NO_GROUP;
	kgroups(t, ids, 2);
	tm_build(t);
}

static void unexplained_as_reasons(void **state)
{
	struct tm t;
	struct analysis a;
	struct explanation x;
	char buf[512];
	int ep, lone;

	(void)state;
	build_unexplained(&t);
	ep = tm_dev(&t, "01:00.0");
	lone = tm_dev(&t, "00:05.0");
	to_analysis(&t, &a);
	assert_int_equal(explain_device(&a, ep, &x), 0);
	assert_int_equal(x.nmembers, 1);
	assert_int_equal(x.nunexplained, 1);
	assert_int_equal(x.unexplained[0], lone);
	assert_false(x.ungrouped);
	assert_int_equal(x.nunexplained_reasons, 1);
	assert_int_equal(x.unexplained_reasons[0].kind, REL_UNEXPLAINED);
	assert_int_equal(x.unexplained_reasons[0].a, ep);
	assert_int_equal(x.unexplained_reasons[0].b, lone);
	assert_int_equal(x.unexplained_reasons[0].at, lone);
	assert_false(x.unexplained_reasons[0].certain);
	assert_false(reason_fixable(&x.unexplained_reasons[0]));
	assert_string_equal(reason_remedy(&x.unexplained_reasons[0]), "unknown");
	reason_detail(&a, &x.unexplained_reasons[0], buf, sizeof(buf));
	assert_non_null(strstr(buf, "the kernel grouped 0000:00:05.0 with 0000:01:00.0 and no rule"));
	unexplained_detail_short(&x.unexplained_reasons[0], buf, sizeof(buf));
	assert_non_null(strstr(buf, "the kernel grouped them and no rule"));
	assert_int_equal(x.nnever, 0);
	explanation_free(&x);
	free_analysis(&a);
}

static void ungrouped_on_iommu(void **state)
{
	struct tm t;
	struct analysis a;
	struct explanation x;
	char buf[512];
	int dev;

	(void)state;
	build_unexplained(&t);
	dev = tm_dev(&t, "00:06.0");
	to_analysis(&t, &a);
	assert_int_equal(explain_device(&a, dev, &x), 0);
	/* with the IOMMU on, a function the kernel left without a group is
	 * untranslated on the kernel's word (translate.h): it has no group to
	 * explain, and is not "ungrouped" (that is for a translated function
	 * without one: virtio-iommu before its driver probes) */
	assert_false(a.r.xl[dev].translated);
	assert_false(x.ungrouped);
	assert_int_equal(x.nunexplained_reasons, 0);
	(void)buf;
	explanation_free(&x);
	/* IOMMU off (no kernel groups anywhere): a prediction, not a puzzle */
	for (size_t k = 0; k < a.m.nkgroups; k++)
		free(a.m.kgroups[k].members);
	a.m.nkgroups = 0;
	assert_int_equal(explain_device(&a, dev, &x), 0);
	assert_false(x.ungrouped);
	assert_int_equal(x.nunexplained_reasons, 0);
	explanation_free(&x);
	free_analysis(&a);
}

/*
 * Behind a PCIe-to-PCI bridge 01:00.0 (below an ACS root port), two
 * conventional functions: one alias set of three, never separable; the
 * root port alone. The set is listed once, the device asked about first.
 */
static void never_separable_once(void **state)
{
	struct tm t;
	struct analysis a;
	struct explanation x;
	struct synth s;
	int rp, br, d1, d2;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 2, true, REQ_ALL, REQ_ALL);
	rp = tm_add(&t, "00:04.0", &s, NO_DEV);
	synth_bridge(&s, 0x1b36, 0x000e, 1, 2, 2);
	synth_add_pcie(&s, PCIE_PCI_BRIDGE);
	br = tm_add(&t, "01:00.0", &s, rp);
	sy_conv_ep(&s, V_TEST, 0x0002, false);
	d1 = tm_add(&t, "02:01.0", &s, br);
	sy_conv_ep(&s, V_TEST, 0x0003, false);
	d2 = tm_add(&t, "02:02.0", &s, br);
	tm_build(&t);
	to_analysis(&t, &a);

	assert_int_equal(explain_device(&a, d2, &x), 0);
	assert_int_equal(x.nmembers, 3);
	assert_int_equal(x.nnever, 1);
	assert_int_equal(x.never[0].n, 3);
	assert_int_equal(x.never[0].members[0], d2);
	assert_int_equal(x.never[0].members[1], br);
	assert_int_equal(x.never[0].members[2], d1);
	assert_false(x.ungrouped); /* IOMMU off: no kernel groups */
	assert_int_equal(x.nunexplained_reasons, 0);
	explanation_free(&x);

	assert_int_equal(explain_device(&a, rp, &x), 0);
	assert_int_equal(x.nmembers, 1);
	assert_int_equal(x.nnever, 0);
	explanation_free(&x);
	free_analysis(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_table),
		cmocka_unit_test(unexplained_as_reasons),
		cmocka_unit_test(ungrouped_on_iommu),
		cmocka_unit_test(never_separable_once),
	};

	return tu_run("explain", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
