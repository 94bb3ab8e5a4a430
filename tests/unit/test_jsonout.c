// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_jsonout.c - the streamed JSON writer (jsonout.h) against json-c
 * itself: random trees (objects, arrays, empty ones, nesting, hostile
 * strings and keys, integers at their limits, booleans, nulls) printed
 * whole by safe_json_print() and walked through jsonout must give the
 * same bytes; some subtrees go through jout_value() at their depth. Also
 * jout_hex() against "%0*x", and one document spelled out.
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "jsonout.h"
#include "safe.h"

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const pieces[] = {
	"a",	    "Zz",	  " ",		"0000:00:1f.0", "\"",		"\\",	    "/",
	"\n",	    "\x01",	  "\x1b[31m",	"\x7f",		"\t",		"\xc3\xa9", "\xe2\x94\x80",
	"\xc2\x85", "\xff",	  "\xe2\x94",	"\xe2\x80\xae", "\xed\xa0\x80", "\x80",
	"Intel Corporation",	  "{}",		"[",		"null",		"~",
};

static json_object *random_string(void)
{
	char buf[128] = "";
	unsigned k = rnd(6);

	for (unsigned i = 0; i < k; i++)
		strcat(buf, pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
	return json_object_new_string(buf);
}

static json_object *random_value(int depth)
{
	static const int64_t ints[] = { 0, 1, -1, 9, 10, -10, 2147483647, -2147483647 - 1,
					INT64_MAX, INT64_MIN, 65535, 1234567890123LL };
	unsigned k = rnd(depth < 4 ? 8 : 5);

	switch (k) {
	case 0: return NULL;
	case 1: return json_object_new_boolean(rnd(2));
	case 2: return json_object_new_int64(ints[rnd(sizeof(ints) / sizeof(ints[0]))]);
	case 3: return json_object_new_int((int)rnd(100000) - 50000);
	case 4: return random_string();
	case 5:
	case 6: {
		json_object *a = json_object_new_array();

		for (unsigned n = rnd(4); n; n--)
			json_object_array_add(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_object *o = json_object_new_object();

		for (unsigned n = rnd(4); n; n--) {
			json_object *key = random_string();

			json_object_object_add(o, json_object_get_string(key), random_value(depth + 1));
			json_object_put(key);
		}
		return o;
	}
	}
}

/* v through the writer: containers and scalars one by one, or now and
 * then the whole subtree as a json-c value. */
static void walk(struct jout *j, json_object *v)
{
	if (v && rnd(6) == 0) {
		jout_value(j, json_object_get(v));
		return;
	}
	switch (json_object_get_type(v)) {
	case json_type_null: jout_null(j); break;
	case json_type_boolean: jout_bool(j, json_object_get_boolean(v)); break;
	case json_type_int: jout_int(j, json_object_get_int64(v)); break;
	case json_type_string: jout_str(j, json_object_get_string(v)); break;
	case json_type_array:
		jout_begin_array(j);
		for (size_t i = 0; i < json_object_array_length(v); i++)
			walk(j, json_object_array_get_idx(v, i));
		jout_end_array(j);
		break;
	case json_type_object: {
		jout_begin_object(j);
		json_object_object_foreach(v, key, val)
		{
			jout_key(j, key);
			walk(j, val);
		}
		jout_end_object(j);
		break;
	}
	default: fail_msg("unexpected type");
	}
}

static void assert_same(json_object *v)
{
	char *want = NULL, *got = NULL;
	size_t wl = 0, gl = 0;
	FILE *f = open_memstream(&want, &wl);
	struct jout *j = malloc(sizeof(*j));

	assert_non_null(f);
	assert_non_null(j);
	if (v) {
		assert_int_equal(safe_json_print(v, f), 0);
	} else {
		fputs("null\n", f);
	}
	fclose(f);
	f = open_memstream(&got, &gl);
	assert_non_null(f);
	jout_init(j, f);
	walk(j, v);
	assert_int_equal(jout_finish(j), 0);
	fputc('\n', f);
	fclose(f);
	if (wl != gl || memcmp(want, got, wl))
		fail_msg("json-c:\n%s\njsonout:\n%s", want, got);
	free(j);
	free(want);
	free(got);
}

static void random_trees(void **state)
{
	(void)state;
	for (int round = 0; round < 3000; round++) {
		json_object *v = random_value(0);

		assert_same(v);
		json_object_put(v);
	}
}

static void spelled_out(void **state)
{
	char *got = NULL;
	size_t gl = 0;
	FILE *f = open_memstream(&got, &gl);
	struct jout *j = malloc(sizeof(*j));

	(void)state;
	assert_non_null(f);
	assert_non_null(j);
	jout_init(j, f);
	jout_begin_object(j);
	jout_key(j, "a");
	jout_begin_array(j);
	jout_end_array(j);
	jout_key(j, "b");
	jout_begin_object(j);
	jout_end_object(j);
	jout_key(j, "c");
	jout_begin_array(j);
	jout_hex(j, 0x10d3, 4);
	jout_hex(j, 0x20000, 6);
	jout_hex(j, 0x1234567, 4);
	jout_str(j, "a/b\"\x7f\xff");
	jout_int(j, -12);
	jout_end_array(j);
	jout_end_object(j);
	assert_int_equal(jout_finish(j), 0);
	fclose(f);
	assert_string_equal(got, "{\n"
				 "  \"a\": [\n"
				 "  ],\n"
				 "  \"b\": {\n"
				 "  },\n"
				 "  \"c\": [\n"
				 "    \"10d3\",\n"
				 "    \"020000\",\n"
				 "    \"1234567\",\n"
				 "    \"a/b\\\"\\u007f\xef\xbf\xbd\",\n"
				 "    -12\n"
				 "  ]\n"
				 "}");
	free(j);
	free(got);
}

static void hex_as_printf(void **state)
{
	(void)state;
	for (int round = 0; round < 2000; round++) {
		unsigned v = round < 40 ? (unsigned)round : (unsigned)rng >> rnd(32);
		int width = (int)rnd(9);
		char want[32], *got = NULL;
		size_t gl = 0;
		FILE *f = open_memstream(&got, &gl);
		struct jout *j = malloc(sizeof(*j));

		assert_non_null(f);
		assert_non_null(j);
		rnd(2);
		snprintf(want, sizeof(want), "\"%0*x\"", width, v);
		jout_init(j, f);
		jout_hex(j, v, width);
		assert_int_equal(jout_finish(j), 0);
		fclose(f);
		assert_string_equal(got, want);
		free(j);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spelled_out),
		cmocka_unit_test(random_trees),
		cmocka_unit_test(hex_as_printf),
	};

	return tu_run("jsonout", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
