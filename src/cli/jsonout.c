// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * jsonout.c - a JSON document streamed in json-c's pretty form (see
 * jsonout.h). The layout follows json-c's json_object_object_to_json_string
 * and json_object_array_to_json_string (0.16): a member or an element on a
 * line of its own indented two spaces per level, "\"key\": " before a
 * member's value; an empty object or array is its opening bracket, a
 * newline, and its closing one at the container's own indent.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "safe.h"

void jout_init(struct jout *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void flush(struct jout *j)
{
	if (j->len && fwrite(j->buf, 1, j->len, j->out) != j->len)
		j->err = true;
	j->len = 0;
}

static void put(struct jout *j, const char *s, size_t n)
{
	if (j->len + n > sizeof(j->buf)) {
		flush(j);
		if (n > sizeof(j->buf)) {
			if (fwrite(s, 1, n, j->out) != n)
				j->err = true;
			return;
		}
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

static void put_indent(struct jout *j, int level)
{
	/* JOUT_DEPTH levels of two spaces */
	static const char spaces[2 * JOUT_DEPTH + 1] = "                                ";

	put(j, spaces, 2 * (size_t)level);
}

int jout_finish(struct jout *j)
{
	flush(j);
	return j->err || ferror(j->out) ? -1 : 0;
}

/* Before a value: an element of an array starts its own line (a member's
 * line was started by its key). */
static void before_value(struct jout *j)
{
	if (j->depth > 0 && j->is_arr[j->depth]) {
		if (j->had[j->depth])
			put(j, ",\n", 2);
		j->had[j->depth] = true;
		put_indent(j, j->depth);
	}
}

/* Printable ASCII but '"' and '\\': the bytes json-c writes for it (with
 * NOSLASHESCAPE) and safe_json_fputs() passes on unchanged. */
static bool plain(const char *s, size_t *len)
{
	const char *p = s;

	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e || *p == '"' || *p == '\\')
			return false;
	*len = (size_t)(p - s);
	return true;
}

/* s quoted and escaped: directly when plain, else by json-c and
 * safe_json_fputs() exactly as a string value of a json-c tree. */
static void put_string(struct jout *j, const char *s)
{
	size_t n;
	json_object *o;
	const char *t;

	if (plain(s, &n)) {
		if (n + 2 <= sizeof(j->buf)) {
			if (j->len + n + 2 > sizeof(j->buf))
				flush(j);
			j->buf[j->len] = '"';
			memcpy(j->buf + j->len + 1, s, n);
			j->buf[j->len + 1 + n] = '"';
			j->len += n + 2;
		} else {
			put(j, "\"", 1);
			put(j, s, n);
			put(j, "\"", 1);
		}
		return;
	}
	o = json_object_new_string(s);
	t = o ? json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE)
	      : NULL;
	flush(j);
	if (!t || safe_json_fputs(t, j->out))
		j->err = true;
	json_object_put(o);
}

void jout_key(struct jout *j, const char *key)
{
	size_t n, need;

	/* the usual key, plain and short: its whole line start at once */
	if (plain(key, &n) && (need = 2 + 2 * (size_t)j->depth + n + 4) <= sizeof(j->buf)) {
		char *p;

		if (j->len + need > sizeof(j->buf))
			flush(j);
		p = j->buf + j->len;
		if (j->had[j->depth]) {
			*p++ = ',';
			*p++ = '\n';
		}
		memset(p, ' ', 2 * (size_t)j->depth);
		p += 2 * j->depth;
		*p++ = '"';
		memcpy(p, key, n);
		p += n;
		memcpy(p, "\": ", 3);
		j->len = (size_t)(p + 3 - j->buf);
		j->had[j->depth] = true;
		return;
	}
	if (j->had[j->depth])
		put(j, ",\n", 2);
	j->had[j->depth] = true;
	put_indent(j, j->depth);
	put_string(j, key);
	put(j, ": ", 2);
}

static void push(struct jout *j, bool arr)
{
	if (j->depth == JOUT_DEPTH) {
		j->err = true;
		return;
	}
	j->depth++;
	j->had[j->depth] = false;
	j->is_arr[j->depth] = arr;
}

/* Both kinds close alike: the last member's line ended, the closing
 * bracket at the container's own indent. */
static void end(struct jout *j, const char *bracket)
{
	bool had = j->had[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		put(j, "\n", 1);
	put_indent(j, j->depth);
	put(j, bracket, 1);
}

void jout_begin_object(struct jout *j)
{
	before_value(j);
	put(j, "{\n", 2);
	push(j, false);
}

void jout_end_object(struct jout *j)
{
	end(j, "}");
}

void jout_begin_array(struct jout *j)
{
	before_value(j);
	put(j, "[\n", 2);
	push(j, true);
}

void jout_end_array(struct jout *j)
{
	end(j, "]");
}

void jout_null(struct jout *j)
{
	before_value(j);
	put(j, "null", 4);
}

void jout_bool(struct jout *j, bool v)
{
	before_value(j);
	put(j, v ? "true" : "false", v ? 4 : 5);
}

void jout_int(struct jout *j, int64_t v)
{
	/* "%" PRId64, as json-c prints an int */
	char b[24], *p = b + sizeof(b);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--p = '-';
	before_value(j);
	put(j, p, (size_t)(b + sizeof(b) - p));
}

void jout_hex(struct jout *j, unsigned v, int width)
{
	char b[24], *p = b + sizeof(b);
	int n = 0;

	*--p = '"';
	do {
		*--p = "0123456789abcdef"[v & 15];
		n++;
	} while ((v >>= 4));
	for (; n < width && n < 16; n++)
		*--p = '0';
	*--p = '"';
	before_value(j);
	put(j, p, (size_t)(b + sizeof(b) - p));
}

void jout_str(struct jout *j, const char *s)
{
	before_value(j);
	if (s)
		put_string(j, s);
	else
		put(j, "null", 4);
}

void jout_value(struct jout *j, json_object *v)
{
	const char *s;
	char *buf, *w;
	size_t nl = 0, len;
	int level = j->depth;

	before_value(j);
	if (!v) {
		put(j, "null", 4);
		return;
	}
	s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
						      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s) {
		j->err = true;
		json_object_put(v);
		return;
	}
	/* every line after the first indented to this depth: a newline is
	 * only ever structure, json-c escapes it inside strings */
	len = strlen(s);
	for (const char *p = s; (p = strchr(p, '\n')); p++)
		nl++;
	buf = malloc(len + nl * 2 * (size_t)level + 1);
	if (!buf) {
		j->err = true;
		json_object_put(v);
		return;
	}
	w = buf;
	for (const char *p = s; *p; p++) {
		*w++ = *p;
		if (*p == '\n') {
			memset(w, ' ', 2 * (size_t)level);
			w += 2 * level;
		}
	}
	*w = '\0';
	flush(j);
	if (safe_json_fputs(buf, j->out))
		j->err = true;
	free(buf);
	json_object_put(v);
}
