// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_safe.c - outside strings made safe (safe.h): every control byte,
 * C1 raw and as UTF-8, escape sequences, overlong forms, surrogates, cut
 * sequences and bidi controls escaped for terminals; valid multibyte
 * names kept; cuts only between whole characters; JSON always valid UTF-8
 * with control characters escaped. (NUL cannot stand inside a C string:
 * the readers stop there.)
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "safe.h"

static char *term(const char *s)
{
	static char buf[4096];

	safe_term(buf, sizeof(buf), s);
	return buf;
}

/* Terminal-safe: valid UTF-8, no C0, DEL, C1 or hidden code point. */
static void assert_term_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);

		assert_true(k > 0);
		assert_false(safe_cp_hidden(cp));
		i += k;
	}
}

static void control_bytes_escaped(void **state)
{
	char in[4], want[16];

	(void)state;
	for (int c = 1; c < 0x100; c++) {
		if (c >= 0x20 && c < 0x7f)
			continue;
		/* alone, every byte >= 0x80 is invalid UTF-8: raw C1 included */
		snprintf(in, sizeof(in), "a%cz", c);
		snprintf(want, sizeof(want), "a\\x%02xz", c);
		assert_string_equal(term(in), want);
	}
	for (int c = 0x20; c < 0x7f; c++) {
		snprintf(in, sizeof(in), "%c", c);
		assert_string_equal(term(in), c == '\\' ? "\\" : in);
	}
}

static void c1_as_utf8_escaped(void **state)
{
	char in[8], want[32];

	(void)state;
	for (int c = 0x80; c <= 0x9f; c++) {
		snprintf(in, sizeof(in), "x%c%cy", 0xc2, c);
		snprintf(want, sizeof(want), "x\\xc2\\x%02xy", c);
		assert_string_equal(term(in), want);
	}
	/* U+00A0 and up are printable: kept */
	assert_string_equal(term("\xc2\xa0|\xc2\xbf"), "\xc2\xa0|\xc2\xbf");
}

static void escape_sequences(void **state)
{
	(void)state;
	assert_string_equal(term("\033[31mred\033[0m"), "\\x1b[31mred\\x1b[0m");
	assert_string_equal(term("\033]0;title\007"), "\\x1b]0;title\\x07");
	assert_string_equal(term("\033[2J\033[H"), "\\x1b[2J\\x1b[H");
	assert_string_equal(term("a\r\nb\tc\bd"), "a\\x0d\\x0ab\\x09c\\x08d");
	/* CSI as C1, raw and encoded */
	assert_string_equal(term("\x9b" "31m"), "\\x9b31m");
	assert_string_equal(term("\xc2\x9b" "31m"), "\\xc2\\x9b31m");
}

static void invalid_utf8(void **state)
{
	(void)state;
	/* overlong forms of '/' and of U+07FF, U+FFFF */
	assert_string_equal(term("\xc0\xaf"), "\\xc0\\xaf");
	assert_string_equal(term("\xc1\xbf"), "\\xc1\\xbf");
	assert_string_equal(term("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");
	assert_string_equal(term("\xe0\x9f\xbf"), "\\xe0\\x9f\\xbf");
	assert_string_equal(term("\xf0\x80\x80\xaf"), "\\xf0\\x80\\x80\\xaf");
	assert_string_equal(term("\xf0\x8f\xbf\xbf"), "\\xf0\\x8f\\xbf\\xbf");
	/* surrogates U+D800, U+DFFF; U+D7FF and U+E000 are fine */
	assert_string_equal(term("\xed\xa0\x80"), "\\xed\\xa0\\x80");
	assert_string_equal(term("\xed\xbf\xbf"), "\\xed\\xbf\\xbf");
	assert_string_equal(term("\xed\x9f\xbf"), "\xed\x9f\xbf");
	assert_string_equal(term("\xee\x80\x80"), "\xee\x80\x80");
	/* past U+10FFFF, and bytes that never start a sequence */
	assert_string_equal(term("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
	assert_string_equal(term("\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf");
	assert_string_equal(term("\xf5\x80\x80\x80"), "\\xf5\\x80\\x80\\x80");
	assert_string_equal(term("\xfe\xff"), "\\xfe\\xff");
	/* cut short: at the end, or before an ASCII byte (which survives) */
	assert_string_equal(term("caf\xc3"), "caf\\xc3");
	assert_string_equal(term("\xe2\x82x"), "\\xe2\\x82x");
	assert_string_equal(term("\xf0\x9f\x98"), "\\xf0\\x9f\\x98");
	assert_string_equal(term("\xe2\x82\xe2\x82\xac"), "\\xe2\\x82\xe2\x82\xac");
	/* a stray continuation byte */
	assert_string_equal(term("a\x80\xbf" "b"), "a\\x80\\xbfb");
}

static void valid_multibyte_kept(void **state)
{
	static const char *const names[] = {
		("Fa\xc3\xa7" "ade \xe2\x82\xac 3"), /* Façade € 3 */
		"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", /* 日本語 */
		"smile \xf0\x9f\x98\x80",              /* U+1F600 */
		"M\xc3\xbcller GmbH [\xc3\x84]",
		"\xf4\x8f\xbf\xbf",                    /* U+10FFFF */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_string_equal(term(names[i]), names[i]);
}

static void bidi_and_separators(void **state)
{
	(void)state;
	assert_string_equal(term("a\xe2\x80\xae" "b"), "a\\xe2\\x80\\xaeb"); /* U+202E RLO */
	assert_string_equal(term("\xe2\x80\xaa"), "\\xe2\\x80\\xaa");      /* U+202A */
	assert_string_equal(term("\xe2\x81\xa6\xe2\x81\xa9"), "\\xe2\\x81\\xa6\\xe2\\x81\\xa9");
	assert_string_equal(term("\xe2\x80\x8f"), "\\xe2\\x80\\x8f"); /* U+200F RLM */
	assert_string_equal(term("\xd8\x9c"), "\\xd8\\x9c");         /* U+061C ALM */
	assert_string_equal(term("\xe2\x80\xa8|\xe2\x80\xa9"), "\\xe2\\x80\\xa8|\\xe2\\x80\\xa9");
	/* neighbours stay: U+2027, U+202F, U+2065 (unassigned), U+206A */
	assert_string_equal(term("\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xaa"),
			    "\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xaa");
	assert_true(safe_cp_hidden(0x2069));
	assert_false(safe_cp_hidden(0x2065));
	assert_false(safe_cp_hidden(0xa0));
	assert_true(safe_cp_hidden(0x9f));
}

/* A backslash that starts "\x" is escaped itself: every "\xNN" in the
 * output stands for one byte of the input. */
static void backslash(void **state)
{
	(void)state;
	assert_string_equal(term("a\\x1b"), "a\\x5cx1b");
	assert_string_equal(term("a\\b\\"), "a\\b\\");
	assert_string_equal(term(""), "");
}

/* Unit boundaries of a safe_term() output. */
static bool at_boundary(const char *full, size_t len)
{
	size_t p = 0, n = strlen(full);

	while (p < len && p < n) {
		uint32_t cp;

		if (full[p] == '\\' && full[p + 1] == 'x')
			p += 4;
		else
			p += utf8_decode((const unsigned char *)full + p, n - p, &cp);
	}
	return p == len;
}

static void cuts_whole_units(void **state)
{
	const char *in = "ab\033[1m\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80\xc2\x9b\xff\\xz\xe2\x80\xae.";
	char full[256], out[256];
	size_t nfull = safe_term(full, sizeof(full), in);

	(void)state;
	assert_int_equal(safe_term(out, 0, in), 0);
	for (size_t size = 1; size <= nfull + 1; size++) {
		size_t n = safe_term(out, size, in);

		assert_true(n < size);
		assert_int_equal(strlen(out), n);
		assert_memory_equal(out, full, n);
		assert_true(at_boundary(full, n));
		assert_term_safe(out);
	}
	assert_int_equal(safe_term(out, nfull + 1, in), nfull);
}

static void random_bytes_safe(void **state)
{
	unsigned seed = 12345;
	unsigned char in[64];
	char out[SAFE_TERM_SIZE(sizeof(in))];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand_r(&seed) % 63);

		for (size_t i = 0; i < n; i++) {
			/* weighted toward the interesting bytes */
			unsigned r = (unsigned)rand_r(&seed);

			in[i] = (unsigned char)(r % 4 == 0 ? 0x80 + (r >> 8) % 0x80
						: r % 4 == 1 ? 0xc2 + (r >> 8) % 0x33
						: r % 4 == 2 ? (r >> 8) % 0x20 : (r >> 8) % 0x100);
			if (!in[i])
				in[i] = 'N';
		}
		in[n] = '\0';
		/* with room for the worst case, nothing is cut */
		assert_true(safe_term(out, sizeof(out), (char *)in) >= n);
		assert_term_safe(out);
	}
}

/* A cell leaves to libsmartcols what it escapes itself, and replaces what a
 * UTF-8 locale would let through (bidi controls, U+2028/9) by U+FFFD. */
static void cell_keeps_what_libsmartcols_escapes(void **state)
{
	char out[64];
	const char *in = "a\033[31m\x9b\xc2\x9b\xff\\x41\x7f\xc3\xa9";

	(void)state;
	assert_int_equal(safe_cell(out, sizeof(out), in), strlen(in));
	assert_string_equal(out, in);
	safe_cell(out, sizeof(out), "x\xe2\x80\xaey\xd8\x9cz\xe2\x81\xa6\xe2\x80\xa8");
	assert_string_equal(out, "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd");
	/* cut between characters only */
	assert_int_equal(safe_cell(out, 4, "ab\xe2\x80\xae"), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(safe_cell(out, 3, "a\xc3\xa9"), 1);
	assert_int_equal(safe_cell(out, 0, "a"), 0);
	assert_int_equal(safe_cell(out, 1, NULL), 0);
	assert_string_equal(out, "");
}

/* safe_cell() copies ASCII in runs: the same bytes and cut as one
 * character at a time (the reference below), at every buffer size. */
static size_t cell_by_char(char *dst, size_t size, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strlen(src), i = 0, o = 0;

	if (size == 0)
		return 0;
	while (i < n) {
		uint32_t cp = 0;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool repl = k && cp >= 0xa0 && safe_cp_hidden(cp);

		if (k == 0)
			k = 1;
		if (o + (repl ? 3 : k) >= size)
			break;
		memcpy(dst + o, repl ? (const unsigned char *)"\xef\xbf\xbd" : s + i, repl ? 3 : k);
		o += repl ? 3 : k;
		i += k;
	}
	dst[o] = '\0';
	return o;
}

static void cell_runs_cut_alike(void **state)
{
	static const char *const in[] = {
		"Intel Corporation", "ab\xe2\x80\xae", "\303\251abc\377", "abc\xe2\x80\xaexyz",
		"\x01\x7f\\x", "\xe4\xb8\xad\xe6\x96\x87 text", "",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(in) / sizeof(in[0]); k++)
		for (size_t size = 0; size <= strlen(in[k]) + 2; size++) {
			char want[64] = "W", got[64] = "G";

			assert_int_equal(safe_cell(got, size, in[k]), cell_by_char(want, size, in[k]));
			if (size)
				assert_string_equal(got, want);
		}
}

static void trim_after_cut(void **state)
{
	char b[32];

	(void)state;
	strcpy(b, "abc\xe2\x82");
	safe_trim(b);
	assert_string_equal(b, "abc");
	strcpy(b, "abc\xf0\x9f\x98");
	safe_trim(b);
	assert_string_equal(b, "abc");
	strcpy(b, "abc\xc3");
	safe_trim(b);
	assert_string_equal(b, "abc");
	strcpy(b, "abc\\x1");
	safe_trim(b);
	assert_string_equal(b, "abc");
	strcpy(b, "abc\\x");
	safe_trim(b);
	assert_string_equal(b, "abc");
	strcpy(b, "abc\\");
	safe_trim(b);
	assert_string_equal(b, "abc");
	/* whole ones stay */
	strcpy(b, "abc\\x1b");
	safe_trim(b);
	assert_string_equal(b, "abc\\x1b");
	strcpy(b, "ab\xc3\xa9");
	safe_trim(b);
	assert_string_equal(b, "ab\xc3\xa9");
	strcpy(b, "\xf0\x9f\x98\x80");
	safe_trim(b);
	assert_string_equal(b, "\xf0\x9f\x98\x80");
	strcpy(b, "");
	safe_trim(b);
	assert_string_equal(b, "");
}

/* The document as written: valid UTF-8, no raw control but the pretty
 * printer's newlines, parsed back to the expected strings. */
static char *json_out(json_object *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(safe_json_print(root, f), 0);
	fclose(f);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode((unsigned char *)buf + i, len - i, &cp);

		assert_true(k > 0);
		assert_true(cp == '\n' || !safe_cp_hidden(cp));
		i += k;
	}
	return buf;
}

static void json_valid_utf8(void **state)
{
	char all[256];
	json_object *root = json_object_new_object(), *back;
	char *out;
	const char *s;

	(void)state;
	for (int c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	json_object_object_add(root, "all", json_object_new_string(all));
	json_object_object_add(root, "esc", json_object_new_string("\033[31mred"));
	json_object_object_add(root, "c1", json_object_new_string("a\xc2\x9b" "b\xc2\x85"));
	json_object_object_add(root, "bad", json_object_new_string("\xc3\"x\xff\xed\xa0\x80\xc0\xaf"));
	json_object_object_add(root, "ok", json_object_new_string("M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80"));
	json_object_object_add(root, "bidi", json_object_new_string("a\xe2\x80\xae" "b\x7f"));
	out = json_out(root);
	json_object_put(root);
	assert_non_null(strstr(out, "\"\\u001b[31mred\""));
	assert_non_null(strstr(out, "\"a\\u009bb\\u0085\""));
	assert_non_null(strstr(out, "\"a\\u202eb\\u007f\""));
	assert_non_null(strstr(out, "\"M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80\""));
	assert_int_equal(out[strlen(out) - 1], '\n');

	back = json_tokener_parse(out);
	assert_non_null(back);
	s = json_object_get_string(json_object_object_get(back, "esc"));
	assert_string_equal(s, "\033[31mred");
	s = json_object_get_string(json_object_object_get(back, "c1"));
	assert_string_equal(s, "a\xc2\x9b" "b\xc2\x85");
	s = json_object_get_string(json_object_object_get(back, "bidi"));
	assert_string_equal(s, "a\xe2\x80\xae" "b\x7f");
	/* every invalid byte one U+FFFD; the quote after a cut lead survives */
	s = json_object_get_string(json_object_object_get(back, "bad"));
	assert_string_equal(s, "\xef\xbf\xbd\"x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			       "\xef\xbf\xbd\xef\xbf\xbd");
	s = json_object_get_string(json_object_object_get(back, "ok"));
	assert_string_equal(s, "M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80");
	/* 0x01-0x7f as they were; 0x80-0xff (invalid alone) each U+FFFD */
	s = json_object_get_string(json_object_object_get(back, "all"));
	assert_int_equal(strlen(s), 127 + 128 * 3);
	for (int c = 1; c < 128; c++)
		assert_int_equal((unsigned char)s[c - 1], c);
	for (int c = 128; c < 256; c++)
		assert_memory_equal(s + 127 + (c - 128) * 3, "\xef\xbf\xbd", 3);
	json_object_put(back);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(control_bytes_escaped),
		cmocka_unit_test(c1_as_utf8_escaped),
		cmocka_unit_test(escape_sequences),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(valid_multibyte_kept),
		cmocka_unit_test(bidi_and_separators),
		cmocka_unit_test(backslash),
		cmocka_unit_test(cuts_whole_units),
		cmocka_unit_test(random_bytes_safe),
		cmocka_unit_test(cell_keeps_what_libsmartcols_escapes),
		cmocka_unit_test(trim_after_cut),
		cmocka_unit_test(cell_runs_cut_alike),
		cmocka_unit_test(json_valid_utf8),
	};

	return tu_run("safe", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
