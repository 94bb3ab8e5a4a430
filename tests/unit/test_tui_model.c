// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_tui_model.c - the TUI's view-model without a terminal: layout at
 * every size from 20x10 to 300x100 (nothing overlaps, nothing falls off),
 * tree and group rows of a fixture, folding, search, jump to a group,
 * scrolling, the detail pane's explanation, and outside text (hostile
 * names) shown safely through safe.h.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "analysis.h"
#include "safe.h"
#include "tui_act.h"
#include "tui_model.h"

#define FIXTURE "fixtures/6.12/switch-noacs"

static bool inside(struct tv_rect r, int cols, int rows)
{
	return r.w >= 0 && r.h >= 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= cols && r.y + r.h <= rows;
}

static bool overlap(struct tv_rect a, struct tv_rect b)
{
	if (!a.w || !a.h || !b.w || !b.h)
		return false;
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void layout_every_size(void **state)
{
	(void)state;
	for (int c = 20; c <= 300; c++)
		for (int r = 10; r <= 100; r++) {
			struct tv_layout l = tv_layout(c, r);
			struct tv_rect v[4] = { l.tree, l.detail, l.status, l.sep };

			for (int i = 0; i < 4; i++) {
				if (!inside(v[i], c, r))
					fail_msg("%dx%d: rect %d outside", c, r, i);
				for (int j = i + 1; j < 4; j++)
					if (overlap(v[i], v[j]))
						fail_msg("%dx%d: rects %d and %d overlap", c, r, i, j);
			}
			assert_true(l.tree.h >= 1 && l.tree.w >= 20);
			assert_true(l.detail.h >= 1 && l.detail.w >= 1);
			assert_int_equal(l.status.y, r - 1);
			assert_int_equal(l.status.w, c);
			assert_int_equal(l.detail_right, c >= 120);
			/* every cell of the screen belongs to exactly one rect */
			long cells = 0;

			for (int i = 0; i < 4; i++)
				cells += (long)v[i].w * v[i].h;
			assert_int_equal(cells, (long)c * r);
		}
	/* smaller than supported: still nothing outside */
	for (int c = 0; c < 20; c++)
		for (int r = 0; r < 10; r++) {
			struct tv_layout l = tv_layout(c, r);

			assert_true(inside(l.tree, c, r) && inside(l.detail, c, r) &&
				    inside(l.status, c, r) && inside(l.sep, c, r));
		}
}

struct fx {
	struct analysis a;
	struct tv t;
};

static int fx_setup(void **state)
{
	static struct fx f;
	struct analysis_opts o = { .sysroot = FIXTURE, .names = true, .pci_ids = "tests/cli/pci.ids" };
	char err[512];

	memset(&f, 0, sizeof(f));
	if (analysis_run(&f.a, &o, err, sizeof(err))) {
		print_error("analysis_run: %s\n", err);
		return -1;
	}
	if (tv_init(&f.t, &f.a, false))
		return -1;
	*state = &f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	tv_free(&f->t);
	analysis_free(&f->a);
	return 0;
}

static long row_of(const struct tv *t, const char *bdf)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].kind == TVR_DEV && !strcmp(t->a->m.devs[t->rows[i].dev].bdf, bdf))
			return (long)i;
	return -1;
}

static const char *sel_bdf(const struct tv *t)
{
	return t->a->m.devs[t->rows[t->sel].dev].bdf;
}

static void tree_rows(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	char buf[512];
	long r;

	assert_int_equal(t->rows[0].kind, TVR_ROOT);
	assert_int_equal(t->nrows, f->a.m.ndevs + 1); /* one root bus */
	r = row_of(t, "0000:03:00.0");
	assert_true(r > 0);
	assert_int_equal(t->rows[r].depth, 4); /* root bus, 00:04.0, 01:00.0, 02:00.0 */
	tv_row_text(t, (size_t)r, 200, buf, sizeof(buf));
	assert_non_null(strstr(buf, "0000:03:00.0"));
	assert_non_null(strstr(buf, "82574L"));
	assert_true(!strncmp(buf, "   4  ", 6)); /* kernel group 4, no mismatch mark */
	assert_non_null(strstr(buf, "\xe2\x94\x94\xe2\x94\x80")); /* a last child: UTF-8 corner */
	r = row_of(t, "0000:02:00.0");
	tv_row_text(t, (size_t)r, 200, buf, sizeof(buf));
	assert_non_null(strstr(buf, "[pcieport] ACS absent"));
	/* the root row */
	tv_row_text(t, 0, 200, buf, sizeof(buf));
	assert_non_null(strstr(buf, "[0000:00] root bus"));
	/* every row at every width fits */
	for (size_t i = 0; i < t->nrows; i++)
		for (int w = 1; w <= 200; w++) {
			tv_row_text(t, i, w, buf, sizeof(buf));
			assert_true(tv_text_cols(buf) <= w);
		}
	/* ASCII glyphs */
	t->ascii = true;
	tv_rebuild(t);
	r = row_of(t, "0000:03:00.0");
	tv_row_text(t, (size_t)r, 200, buf, sizeof(buf));
	assert_non_null(strstr(buf, "`-0000:03:00.0"));
	for (const char *p = buf; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	t->ascii = false;
	tv_rebuild(t);
}

static void fold_and_search(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	size_t before = t->nrows;
	long r = row_of(t, "0000:01:00.0");

	t->sel = (size_t)r;
	assert_int_equal(tv_toggle_fold(t), 0);
	assert_true(t->nrows < before);
	assert_true(row_of(t, "0000:03:00.0") < 0);
	assert_string_equal(sel_bdf(t), "0000:01:00.0"); /* selection stays */
	/* a search finds what a fold hides, and unfolds it */
	assert_true(tv_search(t, "03:00.0"));
	assert_string_equal(sel_bdf(t), "0000:03:00.0");
	assert_int_equal(t->nrows, before);
	/* by driver, then n (next), wrapping */
	tv_home(t);
	assert_true(tv_search(t, "PCIEPORT"));
	assert_string_equal(sel_bdf(t), "0000:00:04.0");
	assert_true(tv_search(t, NULL));
	assert_string_equal(sel_bdf(t), "0000:01:00.0");
	assert_true(tv_search(t, NULL));
	assert_string_equal(sel_bdf(t), "0000:02:00.0");
	assert_true(tv_search(t, NULL));
	assert_string_equal(sel_bdf(t), "0000:02:01.0");
	assert_true(tv_search(t, NULL));
	assert_string_equal(sel_bdf(t), "0000:00:04.0");
	/* by name */
	assert_true(tv_search(t, "nvm express"));
	assert_string_equal(sel_bdf(t), "0000:04:00.0");
	assert_false(tv_search(t, "no such thing"));
	assert_string_equal(sel_bdf(t), "0000:04:00.0");
	/* fold the root bus: one row; unfold */
	tv_home(t);
	tv_toggle_fold(t);
	assert_int_equal(t->nrows, 1);
	tv_toggle_fold(t);
	assert_int_equal(t->nrows, before);
}

static void groups_and_jump(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	char buf[512];

	t->sel = (size_t)row_of(t, "0000:03:00.0");
	assert_int_equal(tv_set_view(t, TV_GROUPS), 0);
	assert_string_equal(sel_bdf(t), "0000:03:00.0"); /* same device in the other view */
	assert_int_equal(t->rows[0].kind, TVR_GROUP);
	assert_int_equal(t->nrows, f->a.g.niso + f->a.m.ndevs);
	tv_row_text(t, 0, 200, buf, sizeof(buf));
	assert_non_null(strstr(buf, "group "));
	assert_true(tv_jump_group(t, "5"));
	assert_string_equal(sel_bdf(t), "0000:02:01.0");
	assert_true(tv_jump_group(t, "2"));
	assert_string_equal(sel_bdf(t), "0000:00:1f.0");
	assert_false(tv_jump_group(t, "99"));
	assert_false(tv_jump_group(t, "x"));
	assert_false(tv_jump_group(t, "4x"));
	assert_true(tv_jump_group(t, "p0"));
	/* fold a group heading */
	tv_home(t);
	size_t n = t->nrows;

	tv_toggle_fold(t);
	assert_true(t->nrows < n);
	tv_toggle_fold(t);
	assert_int_equal(t->nrows, n);
	assert_int_equal(tv_set_view(t, TV_TREE), 0);
	assert_true(tv_jump_group(t, "4"));
	assert_string_equal(sel_bdf(t), "0000:02:00.0");
}

static void scrolling(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;

	for (int h = 1; h <= 12; h++) {
		tv_home(t);
		tv_scroll(t, h);
		for (size_t i = 0; i < t->nrows; i++) {
			tv_move(t, 1);
			tv_scroll(t, h);
			assert_true(t->sel >= t->top && t->sel < t->top + (size_t)h);
		}
		assert_int_equal(t->sel, t->nrows - 1);
		tv_move(t, -1000);
		tv_scroll(t, h);
		assert_int_equal(t->sel, 0);
		assert_int_equal(t->top, 0);
		tv_end(t);
		tv_scroll(t, h);
		assert_true(t->sel >= t->top && t->sel < t->top + (size_t)h);
	}
}

static void detail_pane(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	char **lines;
	size_t n;
	bool why = false, reason = false, acs = false;

	t->sel = (size_t)row_of(t, "0000:03:00.0");
	assert_int_equal(tv_detail(t, 100, &lines, &n), 0);
	assert_true(n > 3);
	assert_non_null(strstr(lines[0], "0000:03:00.0"));
	for (size_t i = 0; i < n; i++) {
		why |= strstr(lines[i], "why shared with 0000:02:00.0") != NULL;
		reason |= strstr(lines[i], "no-acs-upstream") != NULL;
		acs |= strstr(lines[i], "ACS absent") != NULL;
	}
	assert_true(why && reason && acs);
	/* every row's detail fits every width */
	for (size_t r = 0; r < t->nrows; r++)
		for (int w = 1; w <= 130; w += 3) {
			t->sel = r;
			assert_int_equal(tv_detail(t, w, &lines, &n), 0);
			for (size_t i = 0; i < n; i++)
				if (tv_text_cols(lines[i]) > w)
					fail_msg("row %zu width %d: '%s'", r, w, lines[i]);
		}
}

static void reload_keeps_selection(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;

	t->sel = (size_t)row_of(t, "0000:04:00.0");
	assert_int_equal(tv_reset(t, &f->a), 0);
	assert_string_equal(sel_bdf(t), "0000:04:00.0");
}

static int analyse(struct analysis *a, const char *fixture)
{
	struct analysis_opts o = { .sysroot = fixture, .names = true, .pci_ids = "tests/cli/pci.ids" };
	char err[512];

	memset(a, 0, sizeof(*a));
	if (analysis_run(a, &o, err, sizeof(err))) {
		print_error("analysis_run %s: %s\n", fixture, err);
		return -1;
	}
	return 0;
}

/* A live update: a fresh analysis (here of another machine, so that device
 * indices shift) keeps the selection and the folds by address. */
static void refresh_keeps_state(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	struct analysis b, c;

	assert_int_equal(analyse(&b, "fixtures/6.12/root-ports-acs"), 0);
	assert_int_equal(analyse(&c, FIXTURE), 0);
	/* fold 00:04.0 (hides the switch) and select 00:1f.3 (index 4 here, 6 there) */
	t->sel = (size_t)row_of(t, "0000:00:04.0");
	assert_int_equal(tv_toggle_fold(t), 0);
	assert_true(row_of(t, "0000:01:00.0") < 0);
	t->sel = (size_t)row_of(t, "0000:00:1f.3");
	assert_int_equal(tv_refresh(t, &b), 0);
	assert_ptr_equal(t->a, &b);
	assert_string_equal(sel_bdf(t), "0000:00:1f.3");
	assert_true(row_of(t, "0000:00:04.0") > 0);
	assert_true(row_of(t, "0000:01:00.0") < 0); /* still folded */
	assert_true(row_of(t, "0000:02:00.0") > 0); /* below 00:05.0: shown */
	/* the selected function goes away: the selection stays in place */
	t->sel = (size_t)row_of(t, "0000:00:06.0");
	size_t at = t->sel;

	assert_int_equal(tv_refresh(t, &c), 0);
	assert_int_equal(t->sel, at);
	assert_true(t->sel < t->nrows);
	/* the group view: a folded group stays folded, a heading stays selected */
	assert_int_equal(tv_set_view(t, TV_GROUPS), 0);
	assert_true(tv_jump_group(t, "4"));
	t->sel--; /* group 4's heading */
	assert_int_equal(t->rows[t->sel].kind, TVR_GROUP);
	assert_int_equal(tv_toggle_fold(t), 0);
	assert_true(row_of(t, "0000:03:00.0") < 0);
	assert_int_equal(tv_refresh(t, &f->a), 0);
	assert_int_equal(t->view, TV_GROUPS);
	assert_int_equal(t->rows[t->sel].kind, TVR_GROUP);
	assert_int_equal(f->a.g.isolation_groups[t->rows[t->sel].group].kernel_group, 4);
	assert_true(row_of(t, "0000:03:00.0") < 0);
	analysis_free(&b);
	analysis_free(&c);
}

static bool has_line(const struct act_dialog *d, const char *needle)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i], needle))
			return true;
	return false;
}

/* The attach/detach dialog shows the plan; on a snapshot it never runs. */
static void act_dialogs(void **state)
{
	struct fx *f = *state;
	struct act_dialog d;
	int dev = (int)row_of(&f->t, "0000:03:00.0");

	dev = f->t.rows[dev].dev;
	assert_int_equal(act_dialog_make(&d, &f->a, dev, ACT_ATTACH, false), 0);
	assert_true(has_line(&d, "Attach 0000:03:00.0"));
	assert_true(has_line(&d, "IOMMU group 4: 2 functions"));
	assert_true(has_line(&d, "0000:02:00.0 [104c:8233] pcieport   -> stays (bridge)"));
	assert_true(has_line(&d, "attach needs the live system"));
	assert_false(d.can_run);
	act_dialog_free(&d);
	assert_int_equal(act_dialog_make(&d, &f->a, dev, ACT_DETACH, false), 0);
	assert_true(has_line(&d, "0000:03:00.0 now on no driver"));
	assert_true(has_line(&d, "detach needs the live system"));
	assert_false(d.can_run);
	act_dialog_free(&d);
	assert_int_equal(act_dialog_make(&d, &f->a, -1, ACT_ATTACH, false), -1);
}

static void clean_text(void **state)
{
	char out[64];

	(void)state;
	/* the one sanitiser: visible escapes, not '?' */
	tv_clean(out, sizeof(out), "a\x1b[2Jb\x7f\xc2\x9b" "c\n");
	assert_string_equal(out, "a\\x1b[2Jb\\x7f\\xc2\\x9bc\\x0a");
	tv_clean(out, 4, "abcdef");
	assert_string_equal(out, "abc");
	tv_clean(out, sizeof(out), NULL);
	assert_string_equal(out, "");
	/* never cut inside an escape */
	tv_clean(out, 7, "ab\x1b" "cd");
	assert_string_equal(out, "ab\\x1b");
	tv_clean(out, 6, "ab\x1b" "cd");
	assert_string_equal(out, "ab");
	/* the C locale: no multi-byte text reaches the screen */
	assert_non_null(setlocale(LC_CTYPE, "C"));
	tv_clean(out, sizeof(out), "M\xc3\xbcller \xe6\x97\xa5");
	assert_string_equal(out, "M?ller ?");
	/* a UTF-8 locale keeps valid text; the wide one counts two columns */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	tv_clean(out, sizeof(out), "M\xc3\xbcller \xe2\x82\xac \xe6\x97\xa5");
	assert_string_equal(out, "M\xc3\xbcller \xe2\x82\xac \xe6\x97\xa5");
	assert_int_equal(tv_text_cols(out), 11);
	assert_int_equal(tv_fit(out, 10, NULL), strlen(out) - 3); /* not half of it */
	/* bidi and zero-width: escaped, or U+FFFD */
	tv_clean(out, sizeof(out), "a\xe2\x80\xae" "b\xe2\x80\x8b" "c\xcc\x81");
	assert_string_equal(out, "a\\xe2\\x80\\xaeb\xef\xbf\xbd" "c\xef\xbf\xbd");
	setlocale(LC_CTYPE, "C");
}

/* Does s hold anything a terminal would act on, or invalid UTF-8? */
static const char *unsafe_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);

		if (!k || safe_cp_hidden(cp))
			return s + i;
		i += k;
	}
	return NULL;
}

/* Names from a hostile pci.ids (as tests/cli/setup/hostile-ids.sh makes):
 * every row and every detail line is safe and fits, in both locales. */
static void hostile_names(void **state)
{
	struct fx *f = *state;
	struct tv *t = &f->t;
	static const char *const bad[] = {
		"Intel\x1b[31m\x9b\xc2\x9b\x7f\x07\xff\xfe M\xc3\xbcller \xe2\x82\xac \xe2\x80\xae\x43orp",
		"Red\x1b]0;pwned\x07 Hat \xc0\xaf\xed\xa0\x80\xe6\x97\xa5\xe2\x81\xa6",
		"QEMU PCIe Root \x1b[2J\x1b[Hport\xe2\x82",
		"Bri\x1b[5mdge\xc2\x85",
	};
	const char *locales[] = { "C", "C.UTF-8" };
	char buf[1024];
	char **lines;
	size_t n;

	for (size_t i = 0; i < f->a.m.ndevs; i++) {
		struct dev *d = &f->a.m.devs[i];

		free(d->device_name);
		free(d->vendor_name);
		free(d->class_name);
		d->device_name = strdup(bad[i % 4]);
		d->vendor_name = strdup(bad[(i + 1) % 4]);
		d->class_name = strdup(bad[(i + 2) % 4]);
		assert_non_null(d->device_name);
	}
	for (int loc = 0; loc < 2; loc++) {
		if (!setlocale(LC_CTYPE, locales[loc]))
			continue;
		tv_rebuild(t);
		for (size_t r = 0; r < t->nrows; r++) {
			for (int w = 1; w <= 200; w += 7) {
				tv_row_text(t, r, w, buf, sizeof(buf));
				if (unsafe_at(buf))
					fail_msg("%s row %zu: unsafe '%s'", locales[loc], r, unsafe_at(buf));
				assert_true(tv_text_cols(buf) <= w);
				t->sel = r;
				assert_int_equal(tv_detail(t, w, &lines, &n), 0);
				for (size_t i = 0; i < n; i++) {
					if (unsafe_at(lines[i]))
						fail_msg("%s detail %zu: unsafe '%s'", locales[loc], r,
							 unsafe_at(lines[i]));
					assert_true(tv_text_cols(lines[i]) <= w);
				}
			}
			/* the escapes are shown, so the name still reads */
			tv_row_text(t, r, 1000, buf, sizeof(buf));
			if (t->rows[r].kind == TVR_DEV)
				assert_non_null(strstr(buf, "\\x1b"));
		}
		tv_row_text(t, 1, 1000, buf, sizeof(buf));
		if (loc == 1)
			assert_non_null(strstr(buf, "M\xc3\xbcller"));
		else
			assert_non_null(strstr(buf, "M?ller"));
	}
	setlocale(LC_CTYPE, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_every_size),
		cmocka_unit_test_setup_teardown(tree_rows, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(fold_and_search, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(groups_and_jump, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(scrolling, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(detail_pane, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(reload_keeps_selection, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(refresh_keeps_state, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(act_dialogs, fx_setup, fx_teardown),
		cmocka_unit_test(clean_text),
		cmocka_unit_test_setup_teardown(hostile_names, fx_setup, fx_teardown),
	};

	return tu_run("tui-model", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
