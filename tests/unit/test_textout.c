// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_textout.c - the streamed tree table (textout.h) against libsmartcols
 * itself: the same lines, built into a libsmartcols table as `list` did
 * before and printed both ways, must give the same bytes. Random tables
 * of hostile cells (control bytes, "\x", invalid and cut UTF-8, C1, wide,
 * zero-width and bidi characters, empty and missing cells), in the C and
 * the C.UTF-8 locale, with and without colour, as a pipe and as a terminal
 * wide enough for every line; and one table spelled out byte by byte.
 */
#define _GNU_SOURCE
#include <libsmartcols.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "render.h"
#include "textout.h"

struct tline {
	enum textout_kind kind; /* ROOT or BRANCH; the last child is found */
	const char *c[3];
	const char *sgr;
};

static const char *const titles[3] = { "GROUP/DEVICE", "DRIVER", "DESCRIPTION" };

/* A child is its parent's last when no child follows it. */
static enum textout_kind kind_of(const struct tline *l, size_t n, size_t i)
{
	if (l[i].kind == TEXTOUT_ROOT)
		return TEXTOUT_ROOT;
	return i + 1 < n && l[i + 1].kind != TEXTOUT_ROOT ? TEXTOUT_BRANCH : TEXTOUT_LAST;
}

/* The table as render_text.c built it for libsmartcols. term: a terminal
 * as wide as the widest line (termwidth 0: not a terminal). */
static char *via_scols(const struct tline *l, size_t n, bool color, size_t termwidth)
{
	struct libscols_table *tb = scols_new_table();
	struct libscols_line *root = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(tb);
	assert_non_null(f);
	scols_table_set_stream(tb, f);
	scols_table_enable_colors(tb, color);
	scols_table_enable_nowrap(tb, 1);
	assert_non_null(scols_table_new_column(tb, titles[0], 0.1, SCOLS_FL_TREE));
	assert_non_null(scols_table_new_column(tb, titles[1], 0.1, 0));
	assert_non_null(scols_table_new_column(tb, titles[2], 0.7, SCOLS_FL_TRUNC));
	for (size_t i = 0; i < n; i++) {
		struct libscols_line *ln =
			scols_table_new_line(tb, l[i].kind == TEXTOUT_ROOT ? NULL : root);

		assert_non_null(ln);
		if (l[i].kind == TEXTOUT_ROOT)
			root = ln;
		for (int c = 0; c < 3; c++)
			if (l[i].c[c])
				assert_int_equal(scols_line_set_data(ln, (size_t)c, l[i].c[c]), 0);
		if (l[i].sgr)
			assert_int_equal(scols_line_set_color(ln, l[i].sgr), 0);
	}
	if (termwidth) {
		scols_table_set_termforce(tb, SCOLS_TERMFORCE_ALWAYS);
		scols_table_set_termwidth(tb, termwidth);
	} else {
		scols_table_set_termforce(tb, SCOLS_TERMFORCE_NEVER);
	}
	assert_int_equal(scols_print_table(tb), 0);
	scols_unref_table(tb);
	fclose(f);
	return buf;
}

static char *via_textout(const struct tline *l, size_t n, bool color)
{
	struct textout t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(textout_init(&t, f, color, titles[0], titles[1], titles[2]), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(textout_measure(&t, kind_of(l, n, i), l[i].c[0], l[i].c[1]), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(textout_line(&t, kind_of(l, n, i), l[i].c[0], l[i].c[1], l[i].c[2],
					      l[i].sgr),
				 0);
	textout_free(&t);
	fclose(f);
	return buf;
}

/* The widest line's columns, as a terminal wide enough for it */
static size_t widest(const char *s)
{
	size_t w = 1, cur = 0;

	for (; *s; s++) {
		if (*s == '\n') {
			cur = 0;
			continue;
		}
		if (++cur > w)
			w = cur;
	}
	return w; /* bytes: at least the columns */
}

static void assert_same(const struct tline *l, size_t n, bool color)
{
	char *want = via_scols(l, n, color, 0), *got = via_textout(l, n, color);

	if (strcmp(want, got))
		fail_msg("libsmartcols:\n%s\ntextout:\n%s", want, got);
	free(got);
	got = via_scols(l, n, color, widest(want));
	assert_string_equal(want, got);
	free(want);
	free(got);
}

static void spelled_out(void **state)
{
	const struct tline l[] = {
		{ TEXTOUT_ROOT, { "group 0", NULL, "DMA-FQ" }, NULL },
		{ TEXTOUT_BRANCH, { "0000:00:00.0", "-", "Host bridge" }, NULL },
		{ TEXTOUT_BRANCH, { "0000:00:1f.3", "snd_hda_intel", "Audio \x01 \\x41" }, NULL },
		{ TEXTOUT_ROOT, { "predicted 3", NULL, "" }, SGR_UNCERTAIN },
		{ TEXTOUT_BRANCH, { "0000:01:00.0", "nvme", "" }, NULL },
	};
	char *got;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	got = via_textout(l, 5, true);
	assert_string_equal(got, "GROUP/DEVICE   DRIVER        DESCRIPTION\n"
				 "group 0                      DMA-FQ\n"
				 "|-0000:00:00.0 -             Host bridge\n"
				 "`-0000:00:1f.3 snd_hda_intel Audio \\x01 \\x5cx41\n"
				 "\033[33mpredicted 3                  \033[0m\n"
				 "`-0000:01:00.0 nvme          \n");
	free(got);
	assert_same(l, 5, true);
	assert_same(l, 5, false);
	/* no line, no title */
	got = via_textout(l, 0, false);
	assert_string_equal(got, "");
	free(got);
	assert_same(l, 0, false);
}

static const char *const pieces[] = {
	"a",	      "Zz",	      " ",	  "0000:00:1f.0",     "\\x",	      "\\",
	"x",	      "-",	      "\x01",	  "\x1b[31m",	      "\x7f",	      "\t",
	"\xc3\xa9",   "\xe2\x94\x80", "\xe4\xb8\xad",	      "\xcc\x81",     "\xc2\x85",
	"\xff",	      "\xe2\x94",     "\xf0\x9f\x98\x80",     "\xef\xbf\xbd", "\xe2\x80\xae",
	"\xc0\xaf",   "\xed\xa0\x80", "\x80",	  "NVIDIA Corporation",
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random cell: NULL, empty, or up to 6 pieces. */
static const char *random_cell(char *buf, size_t len)
{
	unsigned k = rnd(8);

	if (k == 0)
		return NULL;
	buf[0] = '\0';
	for (unsigned i = 1; i < k; i++) {
		const char *p = pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];

		if (strlen(buf) + strlen(p) < len)
			strcat(buf, p);
	}
	return buf;
}

static void random_tables(void **state)
{
	static const char *const locales[] = { "C", "C.UTF-8" };
	static char cells[24][3][64];
	struct tline l[24];

	(void)state;
	for (size_t loc = 0; loc < 2; loc++) {
		if (!setlocale(LC_ALL, locales[loc])) {
			print_message("locale %s missing: skipped\n", locales[loc]);
			continue;
		}
		for (int round = 0; round < 400; round++) {
			size_t n = rnd(24);

			for (size_t i = 0; i < n; i++) {
				l[i].kind = i == 0 || rnd(3) == 0 ? TEXTOUT_ROOT : TEXTOUT_BRANCH;
				for (int c = 0; c < 3; c++)
					l[i].c[c] = random_cell(cells[i][c], sizeof(cells[i][c]));
				l[i].sgr = rnd(4) == 0 ? SGR_DIFFERS : rnd(4) == 0 ? SGR_UNCERTAIN : NULL;
			}
			assert_same(l, n, round & 1);
		}
	}
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spelled_out),
		cmocka_unit_test(random_tables),
	};

	return tu_run("textout", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
