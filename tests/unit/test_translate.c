// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_translate.c - which functions an IOMMU translates: with the
 * kernel's groups, exactly those it grouped; without them, never an AMD
 * IOMMU's own function, and the AMD root complex beside it uncertainly.
 */
#include <stdlib.h>

#include "testutil.h"
#include "translate.h"

static void amd_layout(struct tm *t, uint16_t vendor)
{
	struct synth rc, iommu, rp;

	tm_init(t);
	synth_endpoint(&rc, vendor, 0x14d8, 0x060000);
	synth_multifunction(&rc, true);
	synth_endpoint(&iommu, vendor, 0x14d9, 0x080600);
	synth_bridge(&rp, vendor, 0x14da, 0, 1, 1);
	synth_add_pcie(&rp, PCIE_ROOT_PORT);
	tm_add(t, "00:00.0", &rc, NO_DEV);
	tm_add(t, "00:00.2", &iommu, NO_DEV);
	tm_add(t, "00:01.1", &rp, NO_DEV);
	tm_build(t);
}

static void predicted_amd(void **state)
{
	struct tm t;
	struct translation x;

	(void)state;
	amd_layout(&t, 0x1022);
	x = translate_of(&t.m, tm_dev(&t, "00:00.2"));
	assert_false(x.translated);
	assert_true(x.certain);
	assert_non_null(x.reason);
	x = translate_of(&t.m, tm_dev(&t, "00:00.0"));
	assert_false(x.translated);
	assert_false(x.certain);
	x = translate_of(&t.m, tm_dev(&t, "00:01.1"));
	assert_true(x.translated);
	assert_null(x.reason);
	tm_free(&t);
	/* another vendor's functions of the same classes: translated */
	amd_layout(&t, 0x8086);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:00.2")).translated);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:00.0")).translated);
	tm_free(&t);
}

/* The kernel's word wins: grouped means translated, ungrouped not. */
static void kernel_groups(void **state)
{
	struct tm t;
	struct translation x;

	(void)state;
	amd_layout(&t, 0x1022);
	t.m.kgroups = calloc(1, sizeof(*t.m.kgroups));
	assert_non_null(t.m.kgroups);
	t.m.nkgroups = 1;
	t.m.devs[tm_dev(&t, "00:01.1")].kernel_group = 0;
	t.m.devs[tm_dev(&t, "00:00.0")].kernel_group = NO_GROUP;
	x = translate_of(&t.m, tm_dev(&t, "00:00.0"));
	assert_false(x.translated);
	assert_true(x.certain);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:01.1")).translated);
	assert_false(translate_of(&t.m, tm_dev(&t, "00:00.2")).translated);
	tm_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(predicted_amd),
		cmocka_unit_test(kernel_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
