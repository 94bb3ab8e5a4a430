// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * textout.c - a tree table printed as it is made, byte for byte as
 * libsmartcols 2.38 would print it (textout.h says what is matched). The
 * rules followed are those of its print.c (print_data, print_line, the
 * tree art), calculate.c (a column's width without a terminal limit) and
 * lib/mbsalign.c (mbs_safe_encode, mbs_safe_width), read at v2.38.1.
 */
#include <ctype.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "render.h"
#include "textout.h"

/* libsmartcols' UTF-8 tree: U+251C U+2500, U+2514 U+2500 */
#define UTF_BRANCH "\342\224\234\342\224\200"
#define UTF_RIGHT "\342\224\224\342\224\200"

/* Escape s as mbs_safe_encode_to_buffer() does into t->enc and return its
 * columns: "\xNN" for a control byte and for a backslash before 'x'; a
 * character the locale cannot print as one "\xNN" per byte; a byte that is
 * no character, "\xNN" unless isprint() says it is one. Printable ASCII
 * (the usual whole cell) is copied in runs without the wide-character
 * calls, which give it one column each in every locale. The columns go
 * to *cols (libsmartcols' sum: (size_t)-1 when wcwidth() said -1 once);
 * -1 when out of memory. */
static int cell_encode(struct textout *t, const char *s, size_t *cols)
{
	size_t n = strlen(s), w = 0;
	const char *p = s;
	char *r;
	mbstate_t st;

	if (4 * n + 1 > t->enc_size) {
		char *e = realloc(t->enc, 4 * n + 1);

		if (!e)
			return -1;
		t->enc = e;
		t->enc_size = 4 * n + 1;
	}
	r = t->enc;
	memset(&st, 0, sizeof(st));
	while (*p) {
		const unsigned char c = (unsigned char)*p;

		if (c >= 0x20 && c < 0x7f && !(c == '\\' && p[1] == 'x') && mbsinit(&st)) {
			const char *q = p + 1;

			while (*q >= 0x20 && *q < 0x7f && !(*q == '\\' && q[1] == 'x'))
				q++;
			memcpy(r, p, (size_t)(q - p));
			r += q - p;
			w += (size_t)(q - p);
			p = q;
		} else if ((c == '\\' && p[1] == 'x') || iscntrl(c)) {
			r += sprintf(r, "\\x%02x", c);
			w += 4;
			p++;
		} else {
			wchar_t wc;
			/* MB_CUR_MAX as libsmartcols asks, but never past the
			 * NUL, which ends any sequence alike */
			size_t left = n - (size_t)(p - s) + 1;
			size_t len = mbrtowc(&wc, p, left < MB_CUR_MAX ? left : MB_CUR_MAX, &st);

			if (len == 0)
				break;
			if (len == (size_t)-1 || len == (size_t)-2) {
				len = 1;
				if (!isprint(c)) {
					r += sprintf(r, "\\x%02x", c);
					w += 4;
				} else {
					*r++ = (char)c;
					w++;
				}
			} else if (!iswprint((wint_t)wc)) {
				for (size_t i = 0; i < len; i++)
					r += sprintf(r, "\\x%02x", (unsigned char)p[i]);
				w += 4 * len;
			} else {
				memcpy(r, p, len);
				r += len;
				/* as libsmartcols adds it, an int to a size_t */
				w += (size_t)wcwidth(wc);
			}
			p += len;
		}
	}
	*r = '\0';
	*cols = w;
	return 0;
}

/* Columns of a cell as libsmartcols counts them for a column's width
 * (mbs_safe_width(); a broken count, (size_t)-1, counts as 0). -1 when out
 * of memory. */
static int cell_cols(struct textout *t, const char *s, size_t *cols)
{
	*cols = 0;
	if (s && *s && cell_encode(t, s, cols))
		return -1;
	if (*cols == (size_t)-1)
		*cols = 0;
	return 0;
}

int textout_init(struct textout *t, FILE *out, bool color, const char *t0, const char *t1,
		 const char *t2)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
	t->color = color;
	/* scols_table_set_default_symbols(): the locale's codeset decides */
	if (!strcmp(nl_langinfo(CODESET), "UTF-8")) {
		t->branch = UTF_BRANCH;
		t->right = UTF_RIGHT;
	} else {
		t->branch = "|-";
		t->right = "`-";
	}
	t->title[0] = t0;
	t->title[1] = t1;
	t->title[2] = t2;
	/* a column is at least as wide as its title, and at least 1 */
	for (int c = 0; c < 2; c++) {
		if (cell_cols(t, t->title[c], &t->width[c]))
			return -1;
		if (!t->width[c])
			t->width[c] = 1;
	}
	return cell_cols(t, t->branch, &t->art);
}

int textout_measure(struct textout *t, enum textout_kind k, const char *c0, const char *c1)
{
	size_t w0, w1;

	/* the tree cell is the art and the name as one string; the art is
	 * whole characters ending in none that starts an escape, so the two
	 * count apart */
	if (cell_cols(t, c0, &w0) || cell_cols(t, c1, &w1))
		return -1;
	if (k != TEXTOUT_ROOT)
		w0 += t->art;
	if (w0 > t->width[0])
		t->width[0] = w0;
	if (w1 > t->width[1])
		t->width[1] = w1;
	return 0;
}

/* One cell as print_data() writes it: the escaped text (nothing if it
 * takes no columns), then the padding and the separator of a column that
 * is not the last. */
static int put_cell(struct textout *t, int col, const char *art, const char *s)
{
	size_t ws = 0, w;

	if (s && *s && cell_encode(t, s, &ws))
		return -1;
	w = (art ? t->art : 0) + ws;
	if (w && w != (size_t)-1) {
		if (art)
			fputs(art, t->out); /* its own escape: itself */
		if (s && *s)
			fputs(t->enc, t->out);
	} else {
		w = 0;
	}
	if (col == 2)
		return 0;
	/* the padding, then the separator */
	for (size_t pad = (w < t->width[col] ? t->width[col] - w : 0) + 1; pad;) {
		static const char spaces[] = "                                ";
		size_t n = pad < sizeof(spaces) - 1 ? pad : sizeof(spaces) - 1;

		fwrite(spaces, 1, n, t->out);
		pad -= n;
	}
	return 0;
}

int textout_line(struct textout *t, enum textout_kind k, const char *c0, const char *c1,
		 const char *c2, const char *sgr)
{
	if (!t->titled) {
		/* the title line, never coloured */
		t->titled = true;
		for (int c = 0; c < 3; c++)
			if (put_cell(t, c, NULL, t->title[c]))
				return -1;
		fputc('\n', t->out);
	}
	if (t->color && sgr)
		fputs(sgr, t->out);
	if (put_cell(t, 0, k == TEXTOUT_ROOT ? NULL : k == TEXTOUT_LAST ? t->right : t->branch, c0) ||
	    put_cell(t, 1, NULL, c1) || put_cell(t, 2, NULL, c2))
		return -1;
	if (t->color && sgr)
		fputs(SGR_RESET, t->out);
	fputc('\n', t->out);
	return 0;
}

void textout_free(struct textout *t)
{
	free(t->enc);
	t->enc = NULL;
	t->enc_size = 0;
}
