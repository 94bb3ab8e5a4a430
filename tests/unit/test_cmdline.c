// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_cmdline.c - the kernel command line as it changes grouping:
 * cmdline_parse() (pci=disable_acs_redir=, pci=config_acs=, pcie_scan_all,
 * pcie_acs_override=, the IOMMU turned off) and acs_mark_cmdline(), which
 * marks exactly the functions that pci_dev_str_match() names in either
 * ACS parameter (by address, by path from a root bus, by ids).
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static void parse_both_acs_parameters(void **state)
{
	struct acs_cmdline c;

	(void)state;
	cmdline_parse("BOOT_IMAGE=/vmlinuz quiet pci=noaer,disable_acs_redir=0000:00:04.0;pci:8086:1234,"
		      "pcie_scan_all pci=config_acs=101x0x0@0000:00:05.0 intel_iommu=on",
		      &c);
	assert_true(c.has_disable_acs_redir);
	assert_string_equal(c.disable_acs_redir, "0000:00:04.0;pci:8086:1234");
	assert_true(c.has_config_acs);
	assert_string_equal(c.config_acs, "101x0x0@0000:00:05.0");
	assert_true(c.pcie_scan_all);
	assert_false(c.override);
	assert_string_equal(c.iommu_off, "");
}

/* Each parameter alone sets only its own fields. */
static void parse_each_alone(void **state)
{
	struct acs_cmdline c;

	(void)state;
	cmdline_parse("pci=config_acs=xx1x1x0@00:1c.0", &c);
	assert_true(c.has_config_acs);
	assert_false(c.has_disable_acs_redir);
	assert_string_equal(c.config_acs, "xx1x1x0@00:1c.0");
	assert_string_equal(c.disable_acs_redir, "");
	assert_false(c.pcie_scan_all);

	cmdline_parse("pci=disable_acs_redir=00:1c.0", &c);
	assert_true(c.has_disable_acs_redir);
	assert_false(c.has_config_acs);
	assert_string_equal(c.disable_acs_redir, "00:1c.0");
	assert_string_equal(c.config_acs, "");

	cmdline_parse("quiet splash", &c);
	assert_false(c.has_disable_acs_redir || c.has_config_acs || c.pcie_scan_all || c.override);
}

static void parse_iommu_off_and_override(void **state)
{
	struct acs_cmdline c;

	(void)state;
	cmdline_parse("intel_iommu=off", &c);
	assert_string_equal(c.iommu_off, "intel_iommu=off");
	cmdline_parse("amd_iommu=off", &c);
	assert_string_equal(c.iommu_off, "amd_iommu=off");
	cmdline_parse("iommu=pt intel_iommu=on", &c);
	assert_string_equal(c.iommu_off, "");
	cmdline_parse("intel_iommu=offset", &c); /* not "off" */
	assert_string_equal(c.iommu_off, "");

	cmdline_parse("pcie_acs_override=downstream,multifunction,id:8086:a1b2,id:10de:1234", &c);
	assert_true(c.override && c.override_downstream && c.override_multifunction);
	assert_int_equal(c.n_override_ids, 2);
	assert_int_equal(c.override_ids[0].vendor, 0x8086);
	assert_int_equal(c.override_ids[0].device, 0xa1b2);
	assert_int_equal(c.override_ids[1].vendor, 0x10de);
	assert_int_equal(c.override_ids[1].device, 0x1234);
	cmdline_parse("pcie_acs_override=downstream", &c);
	assert_true(c.override_downstream);
	assert_false(c.override_multifunction);
}

/* 00:04.0 and 00:05.0 root ports; 01:00.0 below 00:04.0; 02:00.0 below
 * 00:05.0 with ids 8086:1234. */
static void build(struct tm *t, const char *cmdline)
{
	struct synth rp1, rp2, ep1, ep2;

	tm_init(t);
	synth_bridge(&rp1, 0x1b36, 0x000c, 0, 1, 1);
	synth_add_pcie(&rp1, PCIE_ROOT_PORT);
	synth_bridge(&rp2, 0x1b36, 0x000c, 0, 2, 2);
	synth_add_pcie(&rp2, PCIE_ROOT_PORT);
	synth_endpoint(&ep1, 0x1af4, 0x1041, 0x020000);
	synth_add_pcie(&ep1, PCIE_ENDPOINT);
	synth_endpoint(&ep2, 0x8086, 0x1234, 0x020000);
	synth_add_pcie(&ep2, PCIE_ENDPOINT);
	int a = tm_add(t, "00:04.0", &rp1, NO_DEV);
	int b = tm_add(t, "00:05.0", &rp2, NO_DEV);
	tm_add(t, "01:00.0", &ep1, a);
	tm_add(t, "02:00.0", &ep2, b);
	snprintf(t->m.cmdline, sizeof(t->m.cmdline), "%s", cmdline);
	tm_build(t);
	acs_mark_cmdline(&t->m, &t->rc);
}

/* The named functions, as "1010" for devices in order. */
static void expect_named(const char *cmdline, const char *want)
{
	struct tm t;
	char got[8];

	build(&t, cmdline);
	for (size_t i = 0; i < t.m.ndevs; i++)
		got[i] = t.rc.dev[i].acs_param_named ? '1' : '0';
	got[t.m.ndevs] = '\0';
	if (strcmp(got, want))
		fail_msg("%s: named %s, expected %s", cmdline, got, want);
	tm_free(&t);
}

static void mark_named_functions(void **state)
{
	(void)state;
	expect_named("quiet", "0000");
	expect_named("pci=disable_acs_redir=0000:00:04.0", "1000");
	expect_named("pci=disable_acs_redir=00:05.0", "0100");
	expect_named("pci=disable_acs_redir=00:04.0;00:05.0", "1100");
	expect_named("pci=disable_acs_redir=pci:8086:1234", "0001");
	expect_named("pci=disable_acs_redir=pci:0:0", "1111"); /* 0 = any */
	expect_named("pci=disable_acs_redir=0000:00:04.0/00.0", "0010"); /* a path */
	expect_named("pci=disable_acs_redir=0000:00:05.0/00.0", "0001");
	expect_named("pci=disable_acs_redir=0000:00:06.0/00.0", "0000");
	/* config_acs entries are FLAGS@DEVICE; without '@' nothing is named */
	expect_named("pci=config_acs=xx1x1x0@00:05.0", "0100");
	expect_named("pci=config_acs=00:05.0", "0000");
	expect_named("pci=config_acs=1111111@00:04.0;0000000@pci:8086:1234", "1001");
	/* both */
	expect_named("pci=disable_acs_redir=00:04.0 pci=config_acs=xx1x1x0@00:05.0", "1100");
	/* a disable_acs_redir entry is a device, not FLAGS@DEVICE */
	expect_named("pci=disable_acs_redir=xx1x1x0@00:05.0", "0000");
}

/* The bounds: at most ACS_OVERRIDE_MAX_IDS ids and 4 parameters kept, the
 * fields after each table untouched; "--" ends the kernel's parameters
 * (the rest goes to init). */
static void parse_bounds_and_end(void **state)
{
	char line[1024] = "pcie_acs_override=downstream";
	struct acs_cmdline c;

	(void)state;
	for (int i = 0; i < ACS_OVERRIDE_MAX_IDS + 3; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), ",id:8086:%04x", i);
	cmdline_parse(line, &c);
	assert_int_equal(c.n_override_ids, ACS_OVERRIDE_MAX_IDS);
	assert_int_equal(c.override_ids[ACS_OVERRIDE_MAX_IDS - 1].device, ACS_OVERRIDE_MAX_IDS - 1);
	assert_string_equal(c.iommu_off, "");

	cmdline_parse("pci=config_acs=1@00:01.0 pci=config_acs=2@00:02.0 pci=config_acs=3@00:03.0 "
		      "pci=config_acs=4@00:04.0 pci=config_acs=5@00:05.0 pci=config_acs=6@00:06.0",
		      &c);
	assert_int_equal(c.nparams, 4);
	assert_string_equal(c.params[3], "pci=config_acs=4@00:04.0");
	assert_string_equal(c.config_acs, "6@00:06.0");

	cmdline_parse("quiet -- pci=config_acs=xx1x1x0@00:1c.0 intel_iommu=off", &c);
	assert_false(c.has_config_acs);
	assert_string_equal(c.iommu_off, "");
	assert_int_equal(c.nparams, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_both_acs_parameters),
		cmocka_unit_test(parse_each_alone),
		cmocka_unit_test(parse_iommu_off_and_override),
		cmocka_unit_test(mark_named_functions),
		cmocka_unit_test(parse_bounds_and_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
