// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_names.c - names from pci.ids through libpci: a good file fills the
 * names, a malformed one (libpci's fatal-error callback) is an error
 * returned to the caller with the message, never an exit() from library
 * code (the process would end here and the test with it).
 */
#include "testutil.h"

#include "names.h"
#include "sysroot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void one_intel_device(struct tm *t)
{
	struct synth s;

	tm_init(t);
	synth_endpoint(&s, 0x8086, 0x29c0, 0x060000);
	tm_add(t, "00:00.0", &s, NO_DEV);
}

/* names_fill points libpci below the sysroot; an empty one will do. */
static void empty_root(struct sysroot *sr)
{
	static char dir[] = "/tmp/test_names_root_XXXXXX";

	strcpy(dir, "/tmp/test_names_root_XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sr_open(sr, dir), 0);
	rmdir(dir);
}

static void names_from_a_good_file(void **state)
{
	struct tm t;
	struct sysroot sr;
	char err[256] = "";
	char *p = tu_temp_file("test_names", "8086  Intel Corporation\n\t29c0  DRAM Controller\n"
			   "C 06  Bridge\n\t00  Host bridge\n");

	(void)state;
	one_intel_device(&t);
	empty_root(&sr);
	assert_int_equal(names_fill(&t.m, &sr, p, err, sizeof(err)), 0);
	assert_string_equal(t.m.devs[0].vendor_name, "Intel Corporation");
	assert_string_equal(t.m.devs[0].device_name, "DRAM Controller");
	assert_string_equal(t.m.devs[0].class_name, "Host bridge");
	sr_close(&sr);
	unlink(p);
	free(p);
	tm_free(&t);
}

static void malformed_file_is_an_error_not_an_exit(void **state)
{
	struct tm t;
	struct sysroot sr;
	char err[256] = "";
	char *p = tu_temp_file("test_names", "8086  Intel\n\tzz zz\n");

	(void)state;
	one_intel_device(&t);
	empty_root(&sr);
	assert_int_equal(names_fill(&t.m, &sr, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "libpci: Parse error"));
	assert_non_null(strstr(err, "line 2"));
	assert_null(strchr(err, '\n'));
	/* And again: the error path leaves nothing behind that breaks a
	 * second lookup (the TUI reloads). */
	assert_int_equal(names_fill(&t.m, &sr, p, err, sizeof(err)), -1);
	sr_close(&sr);
	unlink(p);
	free(p);
	tm_free(&t);
}

/* Read ahead on a thread (names_prefetch): the names and the message of
 * names_fill() itself; no error for a malformed file where there is no
 * function to name (names_fill() then reads nothing); dropped unused. */
static void prefetched_as_filled(void **state)
{
	struct tm t, e;
	struct sysroot sr;
	char err[256] = "", err2[256] = "";
	char *good = tu_temp_file("test_names", "8086  Intel Corporation\n\t29c0  DRAM Controller\n"
				  "C 06  Bridge\n\t00  Host bridge\n");
	char *bad = tu_temp_file("test_names", "8086  Intel\n\tzz zz\n");
	char *none = tu_temp_file("test_names", "");

	(void)state;
	empty_root(&sr);
	one_intel_device(&t);
	assert_int_equal(names_fill_prefetched(names_prefetch(&sr, good), &t.m, &sr, good, err,
					       sizeof(err)), 0);
	assert_string_equal(t.m.devs[0].vendor_name, "Intel Corporation");
	assert_string_equal(t.m.devs[0].device_name, "DRAM Controller");
	assert_string_equal(t.m.devs[0].class_name, "Host bridge");
	tm_free(&t);

	one_intel_device(&t);
	assert_int_equal(names_fill(&t.m, &sr, bad, err, sizeof(err)), -1);
	assert_int_equal(names_fill_prefetched(names_prefetch(&sr, bad), &t.m, &sr, bad, err2,
					       sizeof(err2)), -1);
	assert_string_equal(err2, err);
	tm_free(&t);

	/* an empty file and a missing one: names left empty, as by names_fill() */
	for (int k = 0; k < 2; k++) {
		if (k)
			unlink(none);
		one_intel_device(&t);
		assert_int_equal(names_fill_prefetched(names_prefetch(&sr, none), &t.m, &sr, none, err,
						       sizeof(err)), 0);
		assert_string_equal(t.m.devs[0].vendor_name, "");
		assert_string_equal(t.m.devs[0].class_name, "");
		tm_free(&t);
	}

	tm_init(&e);
	assert_int_equal(names_fill(&e.m, &sr, bad, err, sizeof(err)), 0);
	assert_int_equal(names_fill_prefetched(names_prefetch(&sr, bad), &e.m, &sr, bad, err,
					       sizeof(err)), 0);
	tm_free(&e);
	names_prefetch_drop(names_prefetch(&sr, bad));
	names_prefetch_drop(NULL);
	sr_close(&sr);
	unlink(good);
	unlink(bad);
	free(good);
	free(bad);
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_from_a_good_file),
		cmocka_unit_test(malformed_file_is_an_error_not_an_exit),
		cmocka_unit_test(prefetched_as_filled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
