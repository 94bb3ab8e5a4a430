/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * textout.h - a two-level tree table (a root line, its child lines) of
 * three columns, printed line by line as it is made, in exactly the bytes
 * libsmartcols 2.38 prints for the same table (render_text.c's `list`
 * view, which used to build one): the widths are measured first over the
 * same cells (textout_measure), then each line is written at once, with no
 * table kept. Cells are escaped as libsmartcols does (mbs_safe_encode:
 * "\xNN" for control bytes, a backslash before 'x', and what the locale
 * cannot print), so they get safe_cell()'s output, not safe_term()'s.
 *
 * What is matched: column width = the widest cell or the title, one space
 * between columns, the last column not padded, the tree drawn "|-"/"`-"
 * (or U+251C U+2500 / U+2514 U+2500 when the locale's codeset is UTF-8, as
 * libsmartcols chooses), the title line only when there is a line, a
 * line's SGR around the whole line and reset before its newline. Not
 * matched: libsmartcols' truncation to a terminal width narrower than the
 * widest line, which its caller never asks for (render_text.c).
 */
#ifndef IOMMU_GROUPS_TEXTOUT_H
#define IOMMU_GROUPS_TEXTOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum textout_kind {
	TEXTOUT_ROOT,   /* a line without a parent */
	TEXTOUT_BRANCH, /* a child with siblings after it: "|-" */
	TEXTOUT_LAST,   /* its parent's last child: "`-" */
};

struct textout {
	FILE *out;
	bool color;
	const char *branch, *right; /* the tree's symbols */
	size_t art;		    /* columns of either */
	const char *title[3];
	size_t width[2]; /* of the padded columns; the last is not padded */
	bool titled;	 /* the title line is out */
	char *enc;	 /* escaped cell, grown as needed */
	size_t enc_size;
};

/* Titles of the three columns (kept by pointer); nothing is printed yet.
 * 0, or -1 when out of memory (then textout_free()). */
int textout_init(struct textout *t, FILE *out, bool color, const char *t0, const char *t1,
		 const char *t2);

/* First pass: a line's first two cells (either may be NULL), so that
 * every column is as wide as its widest cell before the first line is out.
 * 0, or -1 when out of memory. */
int textout_measure(struct textout *t, enum textout_kind k, const char *c0, const char *c1);

/* Second pass: print a line (any cell may be NULL), coloured with sgr (one
 * of render.h's SGR_*, or NULL) when colour is on. 0, or -1 when out of
 * memory. */
int textout_line(struct textout *t, enum textout_kind k, const char *c0, const char *c1,
		 const char *c2, const char *sgr);

void textout_free(struct textout *t);

#endif
