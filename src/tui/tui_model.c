// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tui_model.c - the interactive view as plain data (see tui_model.h).
 * Rows are rebuilt from the analysis and the fold flags whenever either
 * changes; the renderer asks for their text. Nothing here draws.
 */
#define _GNU_SOURCE /* wcwidth() */
#include "tui_model.h"

#include <ctype.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "acs.h"
#include "explain.h"
#include "safe.h"

/* Tree glyphs: branch, last branch, continuation, none. */
static const char *const glyphs_utf8[4] = { "\xe2\x94\x9c\xe2\x94\x80", "\xe2\x94\x94\xe2\x94\x80",
					    "\xe2\x94\x82 ", "  " };
static const char *const glyphs_ascii[4] = { "|-", "`-", "| ", "  " };

/* Width of the number column: 4 for the label, 1 for the mismatch mark. */
#define GROUP_COL 6

/* Columns of one code point as the terminal shows it: ASCII and the
 * tree glyphs 1, East Asian wide ones 2 (wcwidth() of the UTF-8 locale
 * the view runs in); tv_clean() has replaced whatever else is not 1 or 2. */
static int cp_cols(uint32_t cp)
{
	int w;

	if (cp < 0x80)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w > 0 ? w : 1;
}

void tv_clean(char *dst, size_t len, const char *src)
{
	size_t n = src ? strlen(src) : 0, o = 0, tn;
	/* a UTF-8 terminal shows valid text as it is; any other shows ASCII */
	bool utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	char *tmp;

	if (!len)
		return;
	dst[0] = '\0';
	/* more source than len bytes never fits: safe_term() only widens */
	if (n > len)
		n = len;
	tmp = malloc(SAFE_TERM_SIZE(n));
	if (!tmp)
		return;
	{
		char *in = strndup(src ? src : "", n);

		if (!in) {
			free(tmp);
			return;
		}
		/* the one sanitiser (safe.h): controls, C1, bidi, invalid
		 * UTF-8 become visible \xNN escapes */
		tn = safe_term(tmp, SAFE_TERM_SIZE(n), in);
		free(in);
	}
	for (size_t i = 0; i < tn;) {
		uint32_t cp = 0;
		size_t k = utf8_decode((const unsigned char *)tmp + i, tn - i, &cp);
		const char *put = tmp + i;
		size_t plen = k;

		if (k == 0) { /* not after safe_term(); kept for safety */
			k = 1;
			put = "?";
			plen = 1;
		} else if (cp >= 0x80) {
			int w = wcwidth((wchar_t)cp);

			if (!utf8) {
				put = "?";
				plen = 1;
			} else if (w != 1 && w != 2) {
				/* combining, format or unassigned: not a column of
				 * its own; U+FFFD says something was there */
				put = "\xef\xbf\xbd";
				plen = 3;
			}
		}
		if (o + plen >= len)
			break;
		memcpy(dst + o, put, plen);
		o += plen;
		i += k;
	}
	dst[o] = '\0';
	safe_trim(dst); /* the cut at len may have split an escape */
	free(tmp);
}

size_t tv_fit(const char *s, int cols, int *used)
{
	size_t i = 0, n = strlen(s);
	int c = 0;

	while (i < n) {
		uint32_t cp = 0;
		size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		int w = k ? cp_cols(cp) : 1;

		if (!k)
			k = 1;
		if (c + w > cols)
			break;
		c += w;
		i += k;
	}
	if (used)
		*used = c;
	return i;
}

int tv_text_cols(const char *s)
{
	int c;

	tv_fit(s, INT_MAX, &c);
	return c;
}

/* Cut s to at most cols columns, between whole characters. */
static void cut_cols(char *s, int cols)
{
	s[tv_fit(s, cols < 0 ? 0 : cols, NULL)] = '\0';
}

struct tv_layout tv_layout(int cols, int rows)
{
	struct tv_layout l;

	memset(&l, 0, sizeof(l));
	if (cols < 1 || rows < 1)
		return l;
	l.status = (struct tv_rect){ 0, rows - 1, cols, 1 };
	int body = rows - 1;

	if (body < 1)
		return l;
	if (cols >= 120) {
		int tw = cols * 11 / 20;

		l.detail_right = true;
		l.tree = (struct tv_rect){ 0, 0, tw, body };
		l.sep = (struct tv_rect){ tw, 0, 1, body };
		l.detail = (struct tv_rect){ tw + 1, 0, cols - tw - 1, body };
	} else if (body >= 3) {
		int th = body / 2;

		l.tree = (struct tv_rect){ 0, 0, cols, th };
		l.sep = (struct tv_rect){ 0, th, cols, 1 };
		l.detail = (struct tv_rect){ 0, th + 1, cols, body - th - 1 };
	} else {
		l.tree = (struct tv_rect){ 0, 0, cols, body };
	}
	return l;
}

/* --- rows -------------------------------------------------------------- */

struct build {
	struct tv *t;
	size_t cap;
	int *first_child, *next_sib; /* per device */
	bool *seen;
	bool failed;
};

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 1);

	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

static void push(struct build *b, enum tv_row_kind kind, int dev, int group, int depth,
		 bool kids, bool folded, const char *lead, const char *glyph)
{
	struct tv *t = b->t;

	if (b->failed)
		return;
	if (t->nrows == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct tv_row *v = realloc(t->rows, cap * sizeof(*v));

		if (!v) {
			b->failed = true;
			return;
		}
		t->rows = v;
		b->cap = cap;
	}
	char *prefix = join(lead, glyph);

	if (!prefix) {
		b->failed = true;
		return;
	}
	t->rows[t->nrows++] = (struct tv_row){ .kind = kind, .dev = dev, .group = group,
					      .depth = depth, .has_children = kids,
					      .folded = kids && folded, .prefix = prefix };
}

static const char *const *glyphs(const struct tv *t)
{
	return t->ascii ? glyphs_ascii : glyphs_utf8;
}

static void walk(struct build *b, int dev, int depth, const char *lead, bool last)
{
	struct tv *t = b->t;
	const char *const *g = glyphs(t);
	bool kids = b->first_child[dev] != NO_DEV;

	if (b->seen[dev] || b->failed)
		return; /* a parent loop in damaged input: show each function once */
	b->seen[dev] = true;
	push(b, TVR_DEV, dev, t->a->g.isolation_of[dev], depth, kids, t->fold_dev[dev], lead,
	     g[last ? 1 : 0]);
	if (!kids || t->fold_dev[dev])
		return;
	char *sub = join(lead, g[last ? 3 : 2]);

	if (!sub) {
		b->failed = true;
		return;
	}
	for (int c = b->first_child[dev]; c != NO_DEV; c = b->next_sib[c])
		walk(b, c, depth + 1, sub, b->next_sib[c] == NO_DEV);
	free(sub);
}

static bool same_root_bus(const struct dev *x, const struct dev *y)
{
	return x->domain == y->domain && x->bus == y->bus;
}

/* The first function on dev's root bus (the key of the root row). */
static int root_key(const struct sysmodel *m, int dev)
{
	for (int guard = 0; m->devs[dev].parent != NO_DEV && guard < (int)m->ndevs; guard++)
		dev = m->devs[dev].parent;
	/* devices are in (domain, bus, devfn) order: a bus is one run */
	while (dev > 0 && m->devs[dev - 1].parent == NO_DEV &&
	       same_root_bus(&m->devs[dev - 1], &m->devs[dev]))
		dev--;
	return dev;
}

static void build_tree(struct build *b)
{
	const struct sysmodel *m = &b->t->a->m;
	const char *const *g = glyphs(b->t);
	int n = (int)m->ndevs;

	for (int i = 0; i < n; i++)
		b->first_child[i] = b->next_sib[i] = NO_DEV;
	/* children in index (BDF) order: prepend walking backwards */
	for (int i = n - 1; i >= 0; i--) {
		int p = m->devs[i].parent;

		if (p != NO_DEV && p >= 0 && p < n && p != i) {
			b->next_sib[i] = b->first_child[p];
			b->first_child[p] = i;
		}
	}
	for (int i = 0; i < n; i++) {
		if (m->devs[i].parent != NO_DEV || root_key(m, i) != i)
			continue;
		push(b, TVR_ROOT, i, -1, 0, true, b->t->fold_root[i], "", "");
		if (b->t->fold_root[i])
			continue;
		/* the functions on this root bus */
		int last = i;

		for (int j = i; j < n && m->devs[j].parent == NO_DEV &&
				same_root_bus(&m->devs[j], &m->devs[i]); j++)
			last = j;
		for (int j = i; j <= last; j++)
			walk(b, j, 1, "", j == last);
	}
	(void)g;
}

static void build_groups(struct build *b)
{
	struct tv *t = b->t;
	const struct grouping *gr = &t->a->g;
	const char *const *g = glyphs(t);

	for (size_t k = 0; k < gr->niso; k++) {
		const struct set *s = &gr->isolation_groups[k];

		if (!s->n)
			continue;
		push(b, TVR_GROUP, s->members[0], (int)k, 0, true, t->fold_group[k], "", "");
		if (t->fold_group[k])
			continue;
		for (size_t j = 0; j < s->n; j++)
			push(b, TVR_DEV, s->members[j], (int)k, 1, false, false, "",
			     g[j + 1 == s->n ? 1 : 0]);
	}
}

static void free_rows(struct tv *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].prefix);
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

static void detail_drop(struct tv *t)
{
	for (size_t i = 0; i < t->ndetail; i++)
		free(t->detail[i]);
	free(t->detail);
	t->detail = NULL;
	t->ndetail = 0;
	t->detail_width = -1;
}

/* Find the row showing (kind, dev); else the group heading of dev's group,
 * else the root row of its bus; else keep the index in range. */
static void reselect(struct tv *t, enum tv_row_kind kind, int dev, size_t old)
{
	if (!t->nrows) {
		t->sel = t->top = 0;
		return;
	}
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].kind == kind && t->rows[i].dev == dev) {
			t->sel = i;
			return;
		}
	if (dev >= 0 && (size_t)dev < t->a->m.ndevs) {
		for (size_t i = 0; i < t->nrows; i++)
			if (t->rows[i].kind == TVR_DEV && t->rows[i].dev == dev) {
				t->sel = i;
				return;
			}
		/* hidden by a fold: its nearest shown ancestor */
		int key = root_key(&t->a->m, dev), grp = t->a->g.isolation_of[dev];

		for (int p = t->a->m.devs[dev].parent, guard = 0; p != NO_DEV && guard < 4096;
		     p = t->a->m.devs[p].parent, guard++)
			for (size_t i = 0; i < t->nrows; i++)
				if (t->rows[i].kind == TVR_DEV && t->rows[i].dev == p) {
					t->sel = i;
					return;
				}
		for (size_t i = 0; i < t->nrows; i++)
			if ((t->rows[i].kind == TVR_GROUP && t->rows[i].group == grp) ||
			    (t->rows[i].kind == TVR_ROOT && t->rows[i].dev == key)) {
				t->sel = i;
				return;
			}
	}
	t->sel = old < t->nrows ? old : t->nrows - 1;
}

int tv_rebuild(struct tv *t)
{
	size_t n = t->a->m.ndevs ? t->a->m.ndevs : 1;
	struct build b = { .t = t };
	enum tv_row_kind kind = TVR_DEV;
	int dev = -1;
	size_t old = t->sel;

	if (t->sel < t->nrows) {
		kind = t->rows[t->sel].kind;
		dev = t->rows[t->sel].dev;
	}
	free_rows(t);
	b.first_child = malloc(n * sizeof(int));
	b.next_sib = malloc(n * sizeof(int));
	b.seen = calloc(n, sizeof(bool));
	if (!b.first_child || !b.next_sib || !b.seen)
		b.failed = true;
	else if (t->view == TV_TREE)
		build_tree(&b);
	else
		build_groups(&b);
	free(b.first_child);
	free(b.next_sib);
	free(b.seen);
	detail_drop(t);
	reselect(t, kind, dev, old);
	return b.failed ? -1 : 0;
}

int tv_init(struct tv *t, const struct analysis *a, bool ascii)
{
	memset(t, 0, sizeof(*t));
	t->ascii = ascii;
	t->detail_width = -1;
	return tv_reset(t, a);
}

int tv_reset(struct tv *t, const struct analysis *a)
{
	size_t n = a->m.ndevs ? a->m.ndevs : 1, ng = a->g.niso ? a->g.niso : 1;
	char bdf[24] = "";
	bool had = t->sel < t->nrows && t->rows[t->sel].dev >= 0 && t->a &&
		   (size_t)t->rows[t->sel].dev < t->a->m.ndevs;

	if (had)
		snprintf(bdf, sizeof(bdf), "%s", t->a->m.devs[t->rows[t->sel].dev].bdf);
	free(t->fold_dev);
	free(t->fold_root);
	free(t->fold_group);
	free_rows(t);
	detail_drop(t);
	t->a = a;
	t->sel = t->top = 0;
	t->search[0] = '\0';
	t->fold_dev = calloc(n, sizeof(bool));
	t->fold_root = calloc(n, sizeof(bool));
	t->fold_group = calloc(ng, sizeof(bool));
	if (!t->fold_dev || !t->fold_root || !t->fold_group)
		return -1;
	if (tv_rebuild(t))
		return -1;
	if (had)
		for (size_t i = 0; i < t->nrows; i++)
			if (t->rows[i].kind == TVR_DEV && !strcmp(a->m.devs[t->rows[i].dev].bdf, bdf)) {
				t->sel = i;
				break;
			}
	return 0;
}

/* The index of a BDF in a's model, NO_DEV when it is not there. */
static int find_bdf(const struct analysis *a, const char *bdf)
{
	for (size_t i = 0; i < a->m.ndevs; i++)
		if (!strcmp(a->m.devs[i].bdf, bdf))
			return (int)i;
	return NO_DEV;
}

/* The key BDF of a row: its function; a group's first member; a root
 * bus' first function (the index those rows already carry in dev). */
static const char *row_bdf(const struct tv *t, const struct tv_row *r)
{
	return r->dev >= 0 && (size_t)r->dev < t->a->m.ndevs ? t->a->m.devs[r->dev].bdf : "";
}

int tv_refresh(struct tv *t, const struct analysis *a)
{
	size_t nd = t->a->m.ndevs, n = a->m.ndevs ? a->m.ndevs : 1, ng = a->g.niso ? a->g.niso : 1;
	/* what to carry over, by address: indices change between analyses */
	char (*fdev)[24] = calloc(nd ? nd : 1, sizeof(*fdev)), (*froot)[24] = calloc(nd ? nd : 1, sizeof(*froot));
	char (*fgrp)[24] = calloc(t->a->g.niso ? t->a->g.niso : 1, sizeof(*fgrp));
	size_t nfdev = 0, nfroot = 0, nfgrp = 0, old = t->sel;
	char sel[24] = "";
	enum tv_row_kind kind = TVR_DEV;
	int rc = 0;

	if (!fdev || !froot || !fgrp) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < nd; i++) {
		if (t->fold_dev[i])
			snprintf(fdev[nfdev++], 24, "%s", t->a->m.devs[i].bdf);
		if (t->fold_root[i])
			snprintf(froot[nfroot++], 24, "%s", t->a->m.devs[i].bdf);
	}
	for (size_t k = 0; k < t->a->g.niso; k++)
		if (t->fold_group[k] && t->a->g.isolation_groups[k].n)
			snprintf(fgrp[nfgrp++], 24, "%s",
				 t->a->m.devs[t->a->g.isolation_groups[k].members[0]].bdf);
	if (t->sel < t->nrows) {
		kind = t->rows[t->sel].kind;
		snprintf(sel, sizeof(sel), "%s", row_bdf(t, &t->rows[t->sel]));
	}
	free(t->fold_dev);
	free(t->fold_root);
	free(t->fold_group);
	free_rows(t);
	detail_drop(t);
	t->a = a;
	t->sel = 0;
	t->fold_dev = calloc(n, sizeof(bool));
	t->fold_root = calloc(n, sizeof(bool));
	t->fold_group = calloc(ng, sizeof(bool));
	if (!t->fold_dev || !t->fold_root || !t->fold_group) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < nfdev; i++) {
		int d = find_bdf(a, fdev[i]);

		if (d != NO_DEV)
			t->fold_dev[d] = true;
	}
	for (size_t i = 0; i < nfroot; i++) {
		int d = find_bdf(a, froot[i]);

		if (d != NO_DEV)
			t->fold_root[root_key(&a->m, d)] = true;
	}
	for (size_t i = 0; i < nfgrp; i++) {
		int d = find_bdf(a, fgrp[i]);

		if (d != NO_DEV && a->g.isolation_of[d] >= 0 && (size_t)a->g.isolation_of[d] < a->g.niso)
			t->fold_group[a->g.isolation_of[d]] = true;
	}
	if (tv_rebuild(t)) {
		rc = -1;
		goto out;
	}
	/* the same row (kind, address); else the function's row; else the
	 * same position, clamped (the selected function went away) */
	int d = sel[0] ? find_bdf(a, sel) : NO_DEV;

	if (d != NO_DEV && kind == TVR_GROUP)
		for (size_t i = 0; i < t->nrows; i++)
			if (t->rows[i].kind == TVR_GROUP && t->rows[i].group == a->g.isolation_of[d]) {
				t->sel = i;
				goto out;
			}
	if (d != NO_DEV && kind == TVR_ROOT)
		d = root_key(&a->m, d);
	reselect(t, kind, d, old);
out:
	free(fdev);
	free(froot);
	free(fgrp);
	return rc;
}

void tv_free(struct tv *t)
{
	free_rows(t);
	detail_drop(t);
	free(t->fold_dev);
	free(t->fold_root);
	free(t->fold_group);
	t->fold_dev = t->fold_root = t->fold_group = NULL;
}

int tv_set_view(struct tv *t, enum tv_view v)
{
	if (t->view == v)
		return 0;
	t->view = v;
	return tv_rebuild(t);
}

int tv_toggle_fold(struct tv *t)
{
	struct tv_row *r;

	if (t->sel >= t->nrows)
		return 0;
	r = &t->rows[t->sel];
	if (!r->has_children)
		return 0;
	if (r->kind == TVR_ROOT)
		t->fold_root[r->dev] = !t->fold_root[r->dev];
	else if (r->kind == TVR_GROUP)
		t->fold_group[r->group] = !t->fold_group[r->group];
	else
		t->fold_dev[r->dev] = !t->fold_dev[r->dev];
	return tv_rebuild(t);
}

/* --- movement ------------------------------------------------------------ */

void tv_move(struct tv *t, long delta)
{
	long s = (long)t->sel + delta;

	if (!t->nrows)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)t->nrows)
		s = (long)t->nrows - 1;
	t->sel = (size_t)s;
}

void tv_home(struct tv *t)
{
	t->sel = 0;
}

void tv_end(struct tv *t)
{
	t->sel = t->nrows ? t->nrows - 1 : 0;
}

void tv_scroll(struct tv *t, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;

	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + h)
		t->top = t->sel - h + 1;
	/* no empty space below the last row when it can be filled */
	if (t->nrows > h && t->top > t->nrows - h)
		t->top = t->nrows - h;
	if (t->nrows <= h)
		t->top = 0;
}

/* --- search and jump ---------------------------------------------------- */

/* Every device in the current view's order, ignoring folds. */
static int *full_order(const struct tv *t, size_t *n)
{
	const struct sysmodel *m = &t->a->m;
	int *v = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));

	*n = 0;
	if (!v)
		return NULL;
	if (t->view == TV_GROUPS) {
		for (size_t k = 0; k < t->a->g.niso; k++)
			for (size_t j = 0; j < t->a->g.isolation_groups[k].n; j++)
				v[(*n)++] = t->a->g.isolation_groups[k].members[j];
		return v;
	}
	/* depth-first like the tree, over child lists, with an explicit stack */
	size_t nd = m->ndevs ? m->ndevs : 1;
	int *first = malloc(nd * sizeof(int)), *next = malloc(nd * sizeof(int));
	int *stack = malloc(nd * sizeof(int));
	bool *seen = calloc(nd, sizeof(bool));

	if (!first || !next || !stack || !seen) {
		free(first);
		free(next);
		free(stack);
		free(seen);
		free(v);
		return NULL;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		first[i] = next[i] = NO_DEV;
	for (size_t i = m->ndevs; i-- > 0;) {
		int p = m->devs[i].parent;

		if (p != NO_DEV && p >= 0 && (size_t)p < m->ndevs && p != (int)i) {
			next[i] = first[p];
			first[p] = (int)i;
		}
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		if (m->devs[i].parent != NO_DEV || root_key(m, (int)i) != (int)i)
			continue;
		for (size_t j = i; j < m->ndevs && m->devs[j].parent == NO_DEV &&
				   same_root_bus(&m->devs[j], &m->devs[i]); j++) {
			size_t sp = 0;

			stack[sp++] = (int)j;
			while (sp) {
				int d = stack[--sp], kids = 0;

				if (seen[d])
					continue;
				seen[d] = true;
				v[(*n)++] = d;
				/* push children reversed so the first pops first */
				for (int c = first[d]; c != NO_DEV; c = next[c])
					kids++;
				for (int k = kids; k > 0; k--) {
					int c = first[d];

					for (int q = 1; q < k; q++)
						c = next[c];
					if (!seen[c] && sp < nd)
						stack[sp++] = c;
				}
			}
		}
	}
	free(first);
	free(next);
	free(stack);
	free(seen);
	return v;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t ln = strlen(needle);

	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t k = 0;

		while (k < ln && hay[k] &&
		       tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == ln)
			return true;
	}
	return false;
}

static bool dev_matches(const struct dev *d, const char *s)
{
	return contains_ci(d->bdf, s) || contains_ci(d->device_name, s) ||
	       contains_ci(d->vendor_name, s) || contains_ci(d->driver, s) ||
	       contains_ci(d->class_name, s);
}

/* Unfold whatever hides dev in the current view, rebuild, select it. */
static void reveal(struct tv *t, int dev)
{
	const struct sysmodel *m = &t->a->m;

	if (t->view == TV_GROUPS) {
		t->fold_group[t->a->g.isolation_of[dev]] = false;
	} else {
		for (int p = m->devs[dev].parent, guard = 0; p != NO_DEV && guard < (int)m->ndevs;
		     p = m->devs[p].parent, guard++)
			t->fold_dev[p] = false;
		t->fold_root[root_key(m, dev)] = false;
	}
	tv_rebuild(t);
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].kind == TVR_DEV && t->rows[i].dev == dev) {
			t->sel = i;
			return;
		}
}

bool tv_search(struct tv *t, const char *text)
{
	size_t n, at = 0;
	int *v;
	bool header;

	if (text)
		snprintf(t->search, sizeof(t->search), "%s", text);
	if (!t->search[0] || !t->a->m.ndevs)
		return false;
	v = full_order(t, &n);
	if (!v)
		return false;
	header = t->sel >= t->nrows || t->rows[t->sel].kind != TVR_DEV;
	if (t->sel < t->nrows)
		for (size_t i = 0; i < n; i++)
			if (v[i] == t->rows[t->sel].dev) {
				at = i;
				break;
			}
	for (size_t k = header ? 0 : 1; k <= n; k++) {
		int d = v[(at + k) % n];

		if (dev_matches(&t->a->m.devs[d], t->search)) {
			free(v);
			reveal(t, d);
			return true;
		}
	}
	free(v);
	return false;
}

bool tv_jump_group(struct tv *t, const char *spec)
{
	const struct sysmodel *m = &t->a->m;
	bool predicted = false;
	char *end;
	long g;

	while (*spec == ' ')
		spec++;
	if (*spec == 'p' || *spec == 'P') {
		predicted = true;
		spec++;
	}
	if (!isdigit((unsigned char)*spec))
		return false;
	g = strtol(spec, &end, 10);
	while (*end == ' ')
		end++;
	if (*end)
		return false;
	if (predicted) {
		if (g < 0 || (size_t)g >= t->a->g.niso || !t->a->g.isolation_groups[g].n)
			return false;
		reveal(t, t->a->g.isolation_groups[g].members[0]);
		return true;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].kernel_group != NO_GROUP && m->devs[i].kernel_group == g) {
			reveal(t, (int)i);
			return true;
		}
	return false;
}

/* --- text ------------------------------------------------------------------ */

void tv_group_label(const struct tv *t, int dev, char *buf, size_t len)
{
	const struct dev *d = &t->a->m.devs[dev];

	if (d->kernel_group != NO_GROUP)
		snprintf(buf, len, "%d", d->kernel_group);
	else
		snprintf(buf, len, "p%d", t->a->g.isolation_of[dev]);
}

/* The computed group is not the kernel's. */
static bool differs(const struct tv *t, int group)
{
	const struct set *s = &t->a->g.isolation_groups[group];

	return s->has_kernel && !s->matches_kernel;
}

static const char *acs_word(const struct analysis *a, int dev)
{
	const struct dev *d = &a->m.devs[dev];
	uint16_t missing = 0;

	if (d->acs == ACS_ABSENT)
		return "absent";
	if (d->acs == ACS_UNKNOWN)
		return "unknown";
	switch (acs_flags_enabled(&a->m, &a->rc, dev, ACS_REQ_FLAGS, &missing)) {
	case TRI_YES: return "enabled";
	case TRI_NO: return "incomplete";
	default: return "unknown";
	}
}

static bool is_port(const struct dev *d)
{
	return d->is_bridge || d->pcie_type == PCIE_ROOT_PORT || d->pcie_type == PCIE_DOWNSTREAM;
}

static void short_name(const struct dev *d, char *buf, size_t len)
{
	if (d->device_name && d->device_name[0])
		tv_clean(buf, len, d->device_name);
	else if (d->class_name && d->class_name[0])
		tv_clean(buf, len, d->class_name);
	else
		snprintf(buf, len, "[%04x:%04x]", d->vendor, d->device);
}

void tv_row_text(const struct tv *t, size_t row, int width, char *buf, size_t len)
{
	const struct tv_row *r;
	const struct sysmodel *m = &t->a->m;
	char label[16] = "", name[256], drv[64];
	char mark = ' ';
	int used;

	if (!len)
		return;
	buf[0] = '\0';
	if (row >= t->nrows || width <= 0)
		return;
	r = &t->rows[row];
	if (r->kind == TVR_DEV) {
		tv_group_label(t, r->dev, label, sizeof(label));
		if (differs(t, t->a->g.isolation_of[r->dev]))
			mark = '*';
	}
	used = snprintf(buf, len, "%4s%c %s%s", label, mark, r->prefix, r->folded ? "+" : "");
	if (used < 0 || (size_t)used >= len)
		goto cut;
	if (r->kind == TVR_ROOT) {
		const struct dev *d = &m->devs[r->dev];
		char dom[16];

		tv_clean(dom, sizeof(dom), d->bdf);
		char *colon = strrchr(dom, ':');

		if (colon)
			*colon = '\0';
		snprintf(buf + used, len - (size_t)used, "[%s] root bus", dom);
	} else if (r->kind == TVR_GROUP) {
		const struct set *s = &t->a->g.isolation_groups[r->group];

		if (s->kernel_group != NO_GROUP)
			snprintf(buf + used, len - (size_t)used, "group %d: %zu function%s%s", s->kernel_group,
				 s->n, s->n == 1 ? "" : "s",
				 differs(t, r->group) ? " (computed group differs)" : "");
		else
			snprintf(buf + used, len - (size_t)used, "group p%d (predicted): %zu function%s",
				 r->group, s->n, s->n == 1 ? "" : "s");
	} else {
		const struct dev *d = &m->devs[r->dev];
		char bdf[24];

		tv_clean(bdf, sizeof(bdf), d->bdf);
		short_name(d, name, sizeof(name));
		tv_clean(drv, sizeof(drv), d->driver ? d->driver : "-");
		used += snprintf(buf + used, len - (size_t)used, "%s %s [%s]", bdf, name, drv);
		if (is_port(d) && used >= 0 && (size_t)used < len)
			snprintf(buf + used, len - (size_t)used, " ACS %s", acs_word(t->a, r->dev));
	}
cut:
	buf[len - 1] = '\0';
	cut_cols(buf, width);
}

int tv_row_colour_key(const struct tv *t, size_t row)
{
	if (row >= t->nrows || t->rows[row].kind == TVR_ROOT)
		return -1;
	return t->rows[row].group;
}

/* --- the detail pane ------------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
	int width;
	bool failed;
};

static void add_piece(struct lines *l, const char *s, size_t len)
{
	if (l->failed)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			l->failed = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	char *c = malloc(len + 1);

	if (!c) {
		l->failed = true;
		return;
	}
	memcpy(c, s, len);
	c[len] = '\0';
	l->v[l->n++] = c;
}

/* One logical line, cleaned and wrapped at spaces by columns (a wide
 * character is two; continuations indented). */
static void add_line(struct lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_line(struct lines *l, const char *fmt, ...)
{
	char raw[1024], text[1024];
	va_list ap;
	int w = l->width > 0 ? l->width : 1, ind = 0;
	const char *p;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	tv_clean(text, sizeof(text), raw);
	p = text;
	do {
		int room = w > ind ? w - ind : 1;
		size_t cut = tv_fit(p, room, NULL);
		char piece[1100];

		if (p[cut]) {
			/* break at the last space in the second half, if any */
			for (size_t k = cut; k > cut / 2; k--)
				if (p[k] == ' ') {
					cut = k;
					break;
				}
		}
		if (!cut) {
			/* a wide character in a one-column room: '?' for it */
			uint32_t cp;
			size_t k = utf8_decode((const unsigned char *)p, strlen(p), &cp);

			snprintf(piece, sizeof(piece), "%*s?", ind, "");
			add_piece(l, piece, strlen(piece));
			p += k ? k : 1;
		} else {
			snprintf(piece, sizeof(piece), "%*s%.*s", ind, "", (int)cut, p);
			add_piece(l, piece, strlen(piece));
			p += cut;
		}
		while (*p == ' ')
			p++;
		ind = w > 8 ? 2 : 0;
	} while (*p);
}

static const char *kgroup_type(const struct sysmodel *m, int id)
{
	for (size_t i = 0; i < m->nkgroups; i++)
		if (m->kgroups[i].id == id)
			return m->kgroups[i].type;
	return "";
}

static void acs_bits(uint16_t v, char *buf, size_t len)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} bits[] = { { ACS_SV, "SV" }, { ACS_TB, "TB" }, { ACS_RR, "RR" }, { ACS_CR, "CR" },
		     { ACS_UF, "UF" }, { ACS_EC, "EC" }, { ACS_DT, "DT" } };
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if ((v & bits[i].bit) && used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? " " : "",
						 bits[i].name);
	if (!used)
		snprintf(buf, len, "-");
}

static void detail_dev(struct tv *t, struct lines *l, int dev)
{
	const struct analysis *a = t->a;
	const struct dev *d = &a->m.devs[dev];
	int iso = a->g.isolation_of[dev];
	const struct set *s = &a->g.isolation_groups[iso];
	const struct set *al = &a->g.alias_sets[a->g.alias_of[dev]];
	struct explanation x;
	char buf[512], name[256];

	short_name(d, name, sizeof(name));
	add_line(l, "%s  %s", d->bdf, name);
	add_line(l, "ids %04x:%04x  subsystem %04x:%04x  rev %02x  vendor %s", d->vendor, d->device,
		 d->subvendor, d->subdevice, d->revision,
		 d->vendor_name && d->vendor_name[0] ? d->vendor_name : "?");
	add_line(l, "class %06x %s", d->class, d->class_name ? d->class_name : "");
	add_line(l, "driver %s  PCIe %s%s", d->driver ? d->driver : "(none)", pcie_type_name(d->pcie_type),
		 d->is_vf ? "  (virtual function)" : "");
	if (d->acs == ACS_PRESENT) {
		char cap[64], ctrl[64];

		acs_bits(d->acs_cap, cap, sizeof(cap));
		acs_bits(acs_ctrl_effective(&a->m, &a->rc, dev), ctrl, sizeof(ctrl));
		add_line(l, "ACS %s: capable %s; enabled %s", acs_word(a, dev), cap, ctrl);
	} else {
		add_line(l, "ACS %s", acs_word(a, dev));
	}
	if (d->kernel_group != NO_GROUP)
		add_line(l, "group %d (%s); computed isolation group %s the kernel's", d->kernel_group,
			 kgroup_type(&a->m, d->kernel_group)[0] ? kgroup_type(&a->m, d->kernel_group) : "type ?",
			 s->matches_kernel ? "matches" : "DIFFERS from");
	else
		add_line(l, "no kernel group; predicted group p%d (%s)", iso,
			 s->certain ? "certain" : "uncertain");
	if (al->n > 1) {
		size_t used = 0;

		buf[0] = '\0';
		for (size_t k = 0; k < al->n && used < sizeof(buf); k++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, " %s",
						 a->m.devs[al->members[k]].bdf);
		add_line(l, "alias set (never separable):%s", buf);
	}
	if (explain_device(a, dev, &x)) {
		add_line(l, "why shared: (out of memory)");
		return;
	}
	if (x.nmembers <= 1 && !x.nunexplained) {
		add_line(l, "why shared: alone in its group");
	} else {
		size_t used = 0;

		buf[0] = '\0';
		for (size_t k = 1; k < x.nmembers && used < sizeof(buf); k++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, " %s",
						 a->m.devs[x.members[k]].bdf);
		add_line(l, "why shared with%s:", buf);
		for (size_t k = 0; k < x.nreasons; k++) {
			reason_detail(a, &x.reasons[k], buf, sizeof(buf));
			add_line(l, "- %s: %s", rel_kind_name(x.reasons[k].kind), buf);
			if (reason_fixable(&x.reasons[k]))
				add_line(l, "  remedy: %s", reason_remedy(&x.reasons[k]));
		}
		for (size_t k = 0; k < x.nunexplained_reasons; k++) {
			if (x.unexplained_reasons[k].a == x.unexplained_reasons[k].b)
				continue; /* ungrouped: the line above says it */
			reason_detail(a, &x.unexplained_reasons[k], buf, sizeof(buf));
			add_line(l, "- %s: %s", rel_kind_name(REL_UNEXPLAINED), buf);
		}
	}
	explanation_free(&x);
}

static void detail_group(struct tv *t, struct lines *l, int g)
{
	const struct analysis *a = t->a;
	const struct set *s = &a->g.isolation_groups[g];
	char name[256];

	if (s->kernel_group != NO_GROUP)
		add_line(l, "group %d (%s): %zu function%s", s->kernel_group,
			 kgroup_type(&a->m, s->kernel_group), s->n, s->n == 1 ? "" : "s");
	else
		add_line(l, "predicted group p%d: %zu function%s", g, s->n, s->n == 1 ? "" : "s");
	add_line(l, "computed: %s%s", s->has_kernel ? (s->matches_kernel ? "matches the kernel's" : "DIFFERS from the kernel's") : "no kernel group",
		 s->certain ? "" : " (uncertain: unreadable config space)");
	for (size_t k = 0; k < s->n; k++) {
		short_name(&a->m.devs[s->members[k]], name, sizeof(name));
		add_line(l, "  %s %s", a->m.devs[s->members[k]].bdf, name);
	}
}

int tv_detail(struct tv *t, int width, char ***lines, size_t *n)
{
	struct lines l = { .width = width };
	const struct tv_row *r;
	int key, kind;

	*lines = NULL;
	*n = 0;
	if (t->sel >= t->nrows || width <= 0)
		return 0;
	r = &t->rows[t->sel];
	kind = (int)r->kind;
	key = r->kind == TVR_GROUP ? r->group : r->dev;
	if (t->detail_width == width && t->detail_key_kind == kind && t->detail_key == key) {
		*lines = t->detail;
		*n = t->ndetail;
		return 0;
	}
	detail_drop(t);
	if (r->kind == TVR_DEV) {
		detail_dev(t, &l, r->dev);
	} else if (r->kind == TVR_GROUP) {
		detail_group(t, &l, r->group);
	} else {
		size_t cnt = 0;

		for (size_t i = 0; i < t->a->m.ndevs; i++)
			cnt += t->a->m.devs[i].parent == NO_DEV &&
			       same_root_bus(&t->a->m.devs[i], &t->a->m.devs[r->dev]);
		add_line(&l, "root bus of %s: %zu function%s on it", t->a->m.devs[r->dev].bdf, cnt,
			 cnt == 1 ? "" : "s");
	}
	if (l.failed) {
		for (size_t i = 0; i < l.n; i++)
			free(l.v[i]);
		free(l.v);
		return -1;
	}
	t->detail = l.v;
	t->ndetail = l.n;
	t->detail_width = width;
	t->detail_key_kind = kind;
	t->detail_key = key;
	*lines = t->detail;
	*n = t->ndetail;
	return 0;
}
