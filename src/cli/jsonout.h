/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * jsonout.h - a JSON document written as it is made, in exactly the bytes
 * json-c prints for the same tree (JSON_C_TO_STRING_PRETTY | SPACED |
 * NOSLASHESCAPE) and safe_json_fputs() then writes, without a json-c
 * object per value: the large arrays of `list --json` (thousands of
 * devices and groups) cost a fraction of building, printing and freeing
 * one tree per item.
 *
 * Only what needs no escape is written directly: structure, constant
 * keys, numbers, booleans, and strings of printable ASCII without '"' or
 * '\\' (which json-c copies as they are). Any other string, every string
 * from outside included, goes through json-c and safe_json_fputs() as
 * before; so does any json-c value given whole (jout_value()).
 */
#ifndef IOMMU_GROUPS_JSONOUT_H
#define IOMMU_GROUPS_JSONOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JOUT_DEPTH 16 /* nesting the documents here need, with room */

struct json_object;

struct jout {
	FILE *out;
	int depth;		     /* containers open */
	bool had[JOUT_DEPTH + 1];    /* the container at each depth has a member */
	bool is_arr[JOUT_DEPTH + 1]; /* ... is an array */
	bool err;		     /* a write failed, or nesting too deep */
	size_t len;		     /* bytes in buf */
	char buf[16384];
};

void jout_init(struct jout *j, FILE *out);
/* Flush what is buffered: 0, or -1 when any write failed. */
int jout_finish(struct jout *j);

/* A member's key (in an object), before its value. */
void jout_key(struct jout *j, const char *key);
/* Values: in an array each one is an element; in an object, after a key. */
void jout_begin_object(struct jout *j);
void jout_end_object(struct jout *j);
void jout_begin_array(struct jout *j);
void jout_end_array(struct jout *j);
void jout_null(struct jout *j);
void jout_bool(struct jout *j, bool v);
void jout_int(struct jout *j, int64_t v);
/* s as a JSON string (NULL: null). */
void jout_str(struct jout *j, const char *s);
/* v in hex, lowercase, at least width digits, as a string ("%0*x"). */
void jout_hex(struct jout *j, unsigned v, int width);
/* A json-c value printed as json-c prints it at this depth, then freed
 * (NULL: null). */
void jout_value(struct jout *j, struct json_object *v);

#endif
