// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_journal.c - the attach journal (journal.c) in a temp directory
 * ($IOMMU_GROUPS_RUNDIR): save and load back, the lock that keeps a second
 * run off the group, the list of groups, and damaged or hostile files
 * refused rather than replayed (a driver name with a '/', a bad address,
 * another group's file, steps out of range, not JSON).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "testutil.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/journal-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	/* a directory journal_open must create */
	strcat(dir, "/run");
	setenv("IOMMU_GROUPS_RUNDIR", dir, 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	*strrchr(dir, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	unsetenv("IOMMU_GROUPS_RUNDIR");
	return 0;
}

static void write_file(int group, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/group-%d.json", dir, group);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_roundtrip(void **state)
{
	struct journal j, k;
	struct jmember m = { .vendor = 0x8086, .device = 0x10d3, .move = true,
			     .intent = JS_OVERRIDE | JS_UNBIND, .done = JS_OVERRIDE };
	char err[256];
	struct stat st;

	(void)state;
	assert_int_equal(journal_open(&j, 12, err, sizeof(err)), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_false(journal_exists(&j));
	snprintf(j.boot_id, sizeof(j.boot_id), "abc-123");
	j.pid = 42;
	snprintf(m.bdf, sizeof(m.bdf), "0000:03:00.0");
	snprintf(m.driver, sizeof(m.driver), "e1000e");
	assert_non_null(journal_add(&j, &m));
	memset(&m, 0, sizeof(m));
	snprintf(m.bdf, sizeof(m.bdf), "0000:02:00.0");
	snprintf(m.driver, sizeof(m.driver), "pcieport");
	snprintf(m.override, sizeof(m.override), "pcieport");
	assert_non_null(journal_add(&j, &m));
	assert_int_equal(journal_save(&j), 0);
	assert_true(journal_exists(&j));
	/* the lock keeps a second run off the group */
	assert_int_equal(journal_open(&k, 12, err, sizeof(err)), -EBUSY);
	assert_non_null(strstr(err, "another iommu-groups process is working on group 12"));
	journal_close(&j);
	assert_int_equal(journal_open(&k, 12, err, sizeof(err)), 0);
	assert_int_equal(journal_load(&k, err, sizeof(err)), 0);
	assert_string_equal(k.boot_id, "abc-123");
	assert_int_equal(k.pid, 42);
	assert_int_equal(k.nmembers, 2);
	assert_string_equal(k.members[0].bdf, "0000:03:00.0");
	assert_int_equal(k.members[0].vendor, 0x8086);
	assert_int_equal(k.members[0].device, 0x10d3);
	assert_string_equal(k.members[0].driver, "e1000e");
	assert_string_equal(k.members[0].override, "");
	assert_true(k.members[0].move);
	assert_int_equal(k.members[0].intent, JS_OVERRIDE | JS_UNBIND);
	assert_int_equal(k.members[0].done, JS_OVERRIDE);
	assert_string_equal(k.members[1].override, "pcieport");
	assert_false(k.members[1].move);
	assert_int_equal(journal_remove(&k), 0);
	assert_false(journal_exists(&k));
	journal_close(&k);
}

static void test_list(void **state)
{
	struct journal j;
	char err[256];
	int *g;
	size_t n;

	(void)state;
	assert_int_equal(journal_list(dir, &g, &n), 0); /* no directory yet */
	assert_int_equal(n, 0);
	assert_int_equal(journal_open(&j, 3, err, sizeof(err)), 0);
	journal_close(&j);
	write_file(11, "{}");
	write_file(3, "{}");
	write_file(2, "{}");
	char p[512];

	snprintf(p, sizeof(p), "%s/group-5.json.tmp", dir); /* a cut save: not listed */
	fclose(fopen(p, "w"));
	assert_int_equal(journal_list(dir, &g, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(g[0], 2);
	assert_int_equal(g[1], 3);
	assert_int_equal(g[2], 11);
	free(g);
}

static void expect_refused(const char *text)
{
	struct journal j;
	char err[256];

	assert_int_equal(journal_open(&j, 4, err, sizeof(err)), 0);
	write_file(4, text);
	assert_int_equal(journal_load(&j, err, sizeof(err)), -EINVAL);
	journal_close(&j);
}

#define MEMBER(bdf, drv, intent) \
	"{\"schema\":1,\"boot_id\":\"b\",\"group\":4,\"members\":[{\"bdf\":\"" bdf \
	"\",\"vendor_id\":\"8086\",\"device_id\":\"10d3\",\"driver\":" drv \
	",\"driver_override\":null,\"move\":true,\"intent\":" intent ",\"done\":0}]}"

static void test_hostile(void **state)
{
	struct journal j;
	char err[256];

	(void)state;
	/* a well-formed one loads */
	assert_int_equal(journal_open(&j, 4, err, sizeof(err)), 0);
	write_file(4, MEMBER("0000:03:00.0", "\"e1000e\"", "3"));
	assert_int_equal(journal_load(&j, err, sizeof(err)), 0);
	assert_int_equal(j.nmembers, 1);
	journal_close(&j);
	expect_refused(MEMBER("0000:03:00.0", "\"../../../etc\"", "3"));
	expect_refused(MEMBER("0000:03:00.0", "\"e1000e\\nx\"", "3"));
	expect_refused(MEMBER("0000:03:00.0", "7", "3"));
	expect_refused(MEMBER("03:00.0/../x", "\"e1000e\"", "3"));
	expect_refused(MEMBER("0000:03:00.0", "\"e1000e\"", "99"));
	expect_refused("{\"schema\":1,\"boot_id\":\"b\",\"group\":5,\"members\":[]}");
	expect_refused("{\"schema\":2,\"boot_id\":\"b\",\"group\":4,\"members\":[]}");
	expect_refused("not json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
	};

	return tu_run("journal", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
