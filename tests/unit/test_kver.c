// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_kver.c - kernel release parsing, version ranges, the rules chosen
 * for a release, and BDF parsing/formatting (cli.md: "DDDD:BB:SS.F or
 * BB:SS.F (domain 0000), hex in either case; domains wider than 16 bits
 * exist (Intel VMD: 10000:e1:00.0)").
 */
#include <string.h>

#include "testutil.h"

static void kver_parse_releases(void **state)
{
	struct kver v;

	(void)state;
	assert_true(kver_parse("6.12.117+deb12-amd64", &v));
	assert_int_equal(v.major, 6);
	assert_int_equal(v.minor, 12);
	assert_true(kver_parse("7.3", &v));
	assert_int_equal(v.major, 7);
	assert_int_equal(v.minor, 3);
	assert_true(kver_parse("5.10.0-35-amd64", &v));
	assert_int_equal(v.major, 5);
	assert_int_equal(v.minor, 10);
	assert_true(kver_parse("4.18.0-553.el8_10.x86_64", &v));
	assert_int_equal(v.major, 4);
	assert_int_equal(v.minor, 18);

	assert_false(kver_parse("", &v));
	assert_false(kver_parse("linux", &v));
	assert_false(kver_parse("6", &v));
	assert_false(kver_parse("6.", &v));
	assert_false(kver_parse(".12", &v));
	assert_false(kver_parse("0.12", &v));
	assert_false(kver_parse("-6.12", &v));
	/* out of range, signs, blanks, trailing words: not a release */
	assert_false(kver_parse("100.1", &v));
	assert_false(kver_parse("6.1000", &v));
	assert_false(kver_parse("99999999999.1", &v));
	assert_false(kver_parse(" 6.12", &v));
	assert_false(kver_parse("+6.12", &v));
	assert_false(kver_parse("6.-1", &v));
	assert_false(kver_parse("6.+1", &v));
	assert_false(kver_parse("6.12x", &v));
	assert_false(kver_parse("6.12 ", &v));
	assert_true(kver_parse("7.3-rc1", &v));
	assert_int_equal(v.major, 7);
	assert_int_equal(v.minor, 3);
	assert_true(kver_parse("99.999", &v));
}

static void kver_compare(void **state)
{
	(void)state;
	assert_true(kver_cmp(KV(6, 12), KV(6, 12)) == 0);
	assert_true(kver_cmp(KV(6, 9), KV(6, 12)) < 0); /* numeric, not text */
	assert_true(kver_cmp(KV(7, 0), KV(6, 99)) > 0);
	assert_true(kver_cmp(KV(5, 10), KV(6, 1)) < 0);
}

static void kver_in_ranges(void **state)
{
	struct kver_range since = { KV(6, 12), KVER_ANY };
	struct kver_range until = { KVER_ANY, KV(7, 0) };
	struct kver_range span = { KV(5, 18), KV(7, 0) };
	struct kver_range all = KR_ALL;

	(void)state;
	/* [since, until): since included, until excluded */
	assert_false(kver_in(KV(6, 11), since));
	assert_true(kver_in(KV(6, 12), since));
	assert_true(kver_in(KV(7, 3), since));
	assert_true(kver_in(KV(4, 18), until));
	assert_true(kver_in(KV(6, 99), until));
	assert_false(kver_in(KV(7, 0), until));
	assert_false(kver_in(KV(5, 17), span));
	assert_true(kver_in(KV(5, 18), span));
	assert_true(kver_in(KV(6, 12), span));
	assert_false(kver_in(KV(7, 0), span));
	assert_true(kver_in(KV(3, 10), all));
	assert_true(kver_in(KV(9, 9), all));
}

static void kver_rules_choice(void **state)
{
	struct kver lo, hi, r;
	bool outside;

	(void)state;
	assert_true(kver_nknown >= 1);
	lo = kver_known[0];
	hi = kver_known[kver_nknown - 1];
	for (unsigned i = 1; i < kver_nknown; i++)
		assert_true(kver_cmp(kver_known[i - 1], kver_known[i]) < 0);

	/* a compared release: exact */
	r = kver_rules_for(lo, &outside);
	assert_false(outside);
	assert_int_equal(kver_cmp(r, lo), 0);
	r = kver_rules_for(hi, &outside);
	assert_false(outside);
	assert_int_equal(kver_cmp(r, hi), 0);
	/* older than every compared release: the oldest, flagged */
	r = kver_rules_for(KV(4, 18), &outside);
	assert_true(outside);
	assert_int_equal(kver_cmp(r, lo), 0);
	/* newer than all: the newest, flagged */
	r = kver_rules_for(KV(hi.major + 1, 0), &outside);
	assert_true(outside);
	assert_int_equal(kver_cmp(r, hi), 0);
	/* between two compared releases: itself (the entries' ranges decide) */
	if (kver_nknown >= 2) {
		struct kver mid = KV(kver_known[0].major, kver_known[0].minor + 1);

		if (kver_cmp(mid, kver_known[1]) < 0) {
			r = kver_rules_for(mid, &outside);
			assert_false(outside);
			assert_int_equal(kver_cmp(r, mid), 0);
		}
	}
}

struct bdf_case {
	const char *s;
	uint32_t domain;
	uint8_t bus, slot, fn;
};

static void bdf_good(void **state)
{
	static const struct bdf_case cases[] = {
		{ "0000:00:1f.3", 0, 0x00, 0x1f, 3 },
		{ "0000:e1:00.0", 0, 0xe1, 0x00, 0 },
		{ "10000:e1:00.0", 0x10000, 0xe1, 0x00, 0 },
		{ "1000f:00:1f.7", 0x1000f, 0x00, 0x1f, 7 },
		{ "00:02.0", 0, 0x00, 0x02, 0 },
		{ "ff:1f.7", 0, 0xff, 0x1f, 7 },
		{ "0000:0A:1B.1", 0, 0x0a, 0x1b, 1 },
		{ "ABCD:ef:01.2", 0xabcd, 0xef, 0x01, 2 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t dom = 0xdead;
		uint8_t bus = 0, devfn = 0;

		if (parse_bdf(cases[i].s, &dom, &bus, &devfn) != 0)
			fail_msg("parse_bdf rejected %s", cases[i].s);
		assert_int_equal(dom, cases[i].domain);
		assert_int_equal(bus, cases[i].bus);
		assert_int_equal(DEVFN_SLOT(devfn), cases[i].slot);
		assert_int_equal(DEVFN_FUNC(devfn), cases[i].fn);
	}
}

static void bdf_bad(void **state)
{
	static const char *const bad[] = {
		"", "0", "00", "00:02", "00:02.", "0000:00:02", "0000:00:02.",
		"0000:00:02.8",   /* function > 7 */
		"0000:00:20.0",   /* slot > 0x1f */
		"0000:100:00.0",  /* bus > 0xff */
		"0000:00:02.0x", "0000:00:02.00", "0000:00:02.0 ", " 0000:00:02.0",
		"g000:00:02.0", "0000:0g:02.0", "0000:00:0g.0", "0000:00:02.a",
		"0000:00::02.0", ":00:02.0", "0000::02.0", "0000:00:02.0:1",
		"1:2:3:4.0", "0000:00.02.0", "0000-00-02.0", "0000:00:02,0",
		"0000:-1:02.0", "0000:+1:02.0", "0000:0x1:02.0", "00:0x2.0",
		"123456789:00:00.0", /* domain wider than 32 bits */
		"list", "--json",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t dom;
		uint8_t bus, devfn;

		if (parse_bdf(bad[i], &dom, &bus, &devfn) == 0)
			fail_msg("parse_bdf accepted malformed \"%s\"", bad[i]);
	}
}

static void bdf_format(void **state)
{
	char b[32];

	(void)state;
	format_bdf(b, sizeof(b), 0, 0x00, DEVFN(0x1f, 3));
	assert_string_equal(b, "0000:00:1f.3");
	format_bdf(b, sizeof(b), 0x10000, 0xe1, DEVFN(0, 0));
	assert_string_equal(b, "10000:e1:00.0");
	/* round trip */
	{
		uint32_t dom;
		uint8_t bus, devfn;

		assert_int_equal(parse_bdf(b, &dom, &bus, &devfn), 0);
		assert_int_equal(dom, 0x10000);
		assert_int_equal(bus, 0xe1);
		assert_int_equal(devfn, 0);
	}
}

/* Between two compared releases: not exact, with the approximate
 * boundaries of that span; at or outside the compared releases: none. */
static void kver_approximate_between(void **state)
{
	const struct kver_approx *a[8];
	struct kver lo, hi;
	size_t n;
	bool seen70 = false;

	(void)state;
	assert_true(kver_between(KV(6, 15), &lo, &hi));
	assert_int_equal(kver_cmp(lo, KV(6, 12)), 0);
	assert_int_equal(kver_cmp(hi, KV(7, 2)), 0);
	n = kver_approximate(KV(6, 15), a, 8);
	assert_true(n >= 2 && n <= 8);
	for (size_t k = 0; k < n; k++) {
		seen70 |= !strcmp(a[k]->at, "7.0");
		assert_true(strlen(a[k]->rules) > 0);
		/* only boundaries of the 6.12-7.2 span */
		assert_true(kver_cmp(a[k]->from, KV(6, 12)) > 0);
	}
	assert_true(seen70);
	assert_true(kver_between(KV(5, 15), &lo, &hi));
	assert_int_equal(kver_cmp(lo, KV(5, 10)), 0);
	n = kver_approximate(KV(5, 15), a, 8);
	assert_true(n >= 1);
	for (size_t k = 0; k < n; k++)
		assert_true(kver_cmp(a[k]->until, KV(6, 12)) <= 0);
	assert_int_equal(kver_approximate(KV(7, 1), a, 0), kver_approximate(KV(6, 13), a, 8));
	/* the compared releases themselves, and outside them */
	for (unsigned k = 0; k < kver_nknown; k++) {
		assert_false(kver_between(kver_known[k], &lo, &hi));
		assert_int_equal(kver_approximate(kver_known[k], a, 8), 0);
	}
	assert_false(kver_between(KV(4, 19), &lo, &hi));
	assert_false(kver_between(KV(7, 3), &lo, &hi));
	assert_int_equal(kver_approximate(KV(7, 3), a, 8), 0);
	assert_int_equal(kver_approximate(KV(5, 4), a, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kver_parse_releases),
		cmocka_unit_test(kver_compare),
		cmocka_unit_test(kver_in_ranges),
		cmocka_unit_test(kver_rules_choice),
		cmocka_unit_test(kver_approximate_between),
		cmocka_unit_test(bdf_good),
		cmocka_unit_test(bdf_bad),
		cmocka_unit_test(bdf_format),
	};

	return tu_run("kver-bdf", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
