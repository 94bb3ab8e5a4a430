// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_translate.c - which functions an IOMMU translates: with the
 * kernel's groups, exactly those it grouped; without them, never an AMD
 * IOMMU's own function, and the AMD root complex beside it uncertainly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	assert_false(x.certain); /* no table to go by: assumed */
	assert_non_null(strstr(x.reason, "no readable ACPI"));
	/* in no isolation group, and without edges */
	assert_false(tm_iso_of(&t, "00:00.2")->translated);
	assert_true(tm_iso_of(&t, "00:01.1")->translated);
	assert_null(tm_any_edge(&t, "00:00.0", "00:00.2"));
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

/* A registered IOMMU unit named after a function is that IOMMU (virtio-
 * iommu): never translated; behind it an unbound function without a group
 * is translated (grouped at driver bind), a bound one is not. */
static void virtio_iommu(void **state)
{
	struct tm t;
	struct synth viommu, nic, nvme;
	struct translation x;

	(void)state;
	tm_init(&t);
	synth_endpoint(&viommu, 0x1af4, 0x1057, 0x00ff00);
	synth_endpoint(&nic, 0x8086, 0x10d3, 0x020000);
	synth_endpoint(&nvme, 0x1b36, 0x0010, 0x010802);
	tm_add(&t, "00:03.0", &viommu, NO_DEV);
	tm_add(&t, "00:07.0", &nic, NO_DEV);
	tm_add(&t, "00:08.0", &nvme, NO_DEV);
	tm_build(&t);
	/* IOMMU off: the virtio-iommu function by its ids */
	assert_false(translate_of(&t.m, tm_dev(&t, "00:03.0")).translated);
	t.m.kgroups = calloc(1, sizeof(*t.m.kgroups));
	assert_non_null(t.m.kgroups);
	t.m.nkgroups = 1;
	/* the unit list is allocated (model_free frees it) */
	t.m.iommu_units = calloc(1, sizeof(*t.m.iommu_units));
	assert_non_null(t.m.iommu_units);
	t.m.iommu_units[0] = strdup("0000:00:03.0");
	t.m.niommu_units = 1;
	t.m.devs[tm_dev(&t, "00:08.0")].kernel_group = 0;
	t.m.devs[tm_dev(&t, "00:03.0")].driver = strdup("virtio-pci");
	x = translate_of(&t.m, tm_dev(&t, "00:03.0"));
	assert_false(x.translated);
	assert_non_null(strstr(x.reason, "own function"));
	assert_true(translate_of(&t.m, tm_dev(&t, "00:07.0")).translated);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:08.0")).translated);
	t.m.devs[tm_dev(&t, "00:07.0")].driver = strdup("e1000e");
	assert_false(translate_of(&t.m, tm_dev(&t, "00:07.0")).translated);
	/* another IOMMU (dmar0): an ungrouped function is untranslated, bound or not */
	free(t.m.iommu_units[0]);
	t.m.iommu_units[0] = strdup("dmar0");
	free(t.m.devs[tm_dev(&t, "00:07.0")].driver);
	t.m.devs[tm_dev(&t, "00:07.0")].driver = NULL;
	assert_false(translate_of(&t.m, tm_dev(&t, "00:07.0")).translated);
	tm_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(predicted_amd),
		cmocka_unit_test(kernel_groups),
		cmocka_unit_test(virtio_iommu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
