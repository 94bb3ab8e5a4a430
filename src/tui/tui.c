// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tui.c - the ncurses side of the interactive view (see tui.h): a small
 * state machine (browsing, a prompt for search or group, help), one draw
 * function for the whole screen from the pure layout and rows, and one
 * key function per state. ncurses' own screen diff sends only the cells
 * that changed. SIGINT and SIGTERM only set a flag; the loop polls it and
 * ends cleanly, so endwin() never runs inside a signal handler.
 */
#include "tui.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_model.h"

enum mode { M_BROWSE, M_SEARCH, M_GROUP, M_HELP };

struct ui {
	struct tv t;
	const struct tui_opts *o;
	struct analysis **a;
	enum mode mode;
	char input[64];
	size_t ninput;
	char msg[160]; /* one-shot message for the status line */
	size_t detail_top, detail_sel; /* detail pane scroll, for that selection */
	bool quit;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

#define NPAIRS 6

static void colours(const struct tui_opts *o)
{
	static const short fg[NPAIRS] = { COLOR_CYAN,  COLOR_GREEN, COLOR_YELLOW,
					  COLOR_MAGENTA, COLOR_BLUE, COLOR_RED };

	if (!o->color || !has_colors())
		return;
	start_color();
	use_default_colors();
	for (short i = 0; i < NPAIRS; i++)
		init_pair((short)(i + 1), fg[i], -1);
}

static attr_t row_attr(const struct ui *u, size_t row)
{
	int key = tv_row_colour_key(&u->t, row);
	attr_t at = A_NORMAL;

	if (u->o->color && has_colors() && key >= 0)
		at |= COLOR_PAIR(1 + key % NPAIRS);
	if (row == u->t.sel)
		at |= A_REVERSE;
	return at;
}

/* text cut to w columns (tv_fit: wide characters count two), then spaces
 * up to w */
static void put_padded(int y, int x, int w, const char *text)
{
	int used;
	size_t bytes;

	if (w <= 0)
		return;
	bytes = tv_fit(text, w, &used);
	mvaddnstr(y, x, text, (int)bytes);
	for (int i = used; i < w; i++)
		mvaddch(y, x + i, ' ');
}

static void draw_tree(struct ui *u, struct tv_rect r)
{
	char buf[1024];

	if (r.w <= 0 || r.h <= 0)
		return;
	tv_scroll(&u->t, r.h);
	for (int i = 0; i < r.h; i++) {
		size_t row = u->t.top + (size_t)i;

		buf[0] = '\0';
		if (row < u->t.nrows) {
			tv_row_text(&u->t, row, r.w, buf, sizeof(buf));
			attrset(row_attr(u, row));
		}
		put_padded(r.y + i, r.x, r.w, buf);
		attrset(A_NORMAL);
	}
}

static void draw_detail(struct ui *u, struct tv_rect r)
{
	char **lines = NULL;
	size_t n = 0;

	if (r.w <= 0 || r.h <= 0)
		return;
	if (tv_detail(&u->t, r.w, &lines, &n))
		snprintf(u->msg, sizeof(u->msg), "out of memory");
	if (u->detail_sel != u->t.sel)
		u->detail_top = 0; /* a new selection starts at its top */
	u->detail_sel = u->t.sel;
	if (u->detail_top + (size_t)r.h > n)
		u->detail_top = n > (size_t)r.h ? n - (size_t)r.h : 0;
	for (int i = 0; i < r.h; i++) {
		size_t k = u->detail_top + (size_t)i;
		bool more = i == r.h - 1 && k + 1 < n;

		if (more)
			attrset(A_REVERSE);
		put_padded(r.y + i, r.x, r.w, more ? "-- more: J/K scroll --" : k < n ? lines[k] : "");
		attrset(A_NORMAL);
	}
}

static void draw_sep(const struct ui *u, const struct tv_layout *l)
{
	if (!l->sep.w || !l->sep.h)
		return;
	if (l->detail_right)
		mvvline(l->sep.y, l->sep.x, u->o->ascii ? '|' : ACS_VLINE, l->sep.h);
	else
		mvhline(l->sep.y, l->sep.x, u->o->ascii ? '-' : ACS_HLINE, l->sep.w);
}

static void draw_status(struct ui *u, struct tv_rect r)
{
	char buf[512], cut[512];
	const struct tv *t = &u->t;

	if (r.w <= 0)
		return;
	if (u->mode == M_SEARCH || u->mode == M_GROUP)
		snprintf(buf, sizeof(buf), "%s%s", u->mode == M_SEARCH ? "/" : "group (N or pN): ",
			 u->input);
	else if (u->msg[0])
		snprintf(buf, sizeof(buf), "%s", u->msg);
	else
		snprintf(buf, sizeof(buf), "%s view  %zu/%zu  %zu groups%s  ?:help q:quit",
			 t->view == TV_TREE ? "tree" : "group", t->nrows ? t->sel + 1 : 0, t->nrows,
			 (*u->a)->g.niso, (*u->a)->g.mismatches ? "  *: differs from the kernel" : "");
	tv_clean(cut, sizeof(cut), buf);
	cut[tv_fit(cut, r.w, NULL)] = '\0';
	attrset(A_REVERSE);
	put_padded(r.y, r.x, r.w, cut);
	attrset(A_NORMAL);
	if (u->mode == M_SEARCH || u->mode == M_GROUP) {
		int x = tv_text_cols(cut);

		move(r.y, x < r.w ? x : r.w - 1);
	}
}

static const char *const help[] = {
	"iommu-groups: keys",
	"",
	"Up/Down, k/j     move",
	"PgUp/PgDn        a page",
	"Home/End         first/last row",
	"Enter, space     fold or unfold",
	"/                search BDF, name, driver",
	"n                next match",
	"g                jump to a group (7 or p7)",
	"Tab              tree view / group view",
	"J/K              scroll the detail pane",
	"r                reload (re-run the analysis)",
	"?                this help",
	"q                quit",
	"",
	"Group column: the kernel's group; pN predicted",
	"(no kernel group); * computed group differs.",
	"",
	"any key closes this help",
};

static void draw_help(int cols, int rows)
{
	int n = (int)(sizeof(help) / sizeof(help[0])), w = 50;

	if (w > cols)
		w = cols;
	int h = n + 2 < rows ? n + 2 : rows, y0 = (rows - h) / 2, x0 = (cols - w) / 2;

	for (int i = 0; i < h; i++) {
		char line[64] = "";

		if (i > 0 && i - 1 < n)
			snprintf(line, sizeof(line), " %s", help[i - 1]);
		line[w < (int)sizeof(line) ? w : (int)sizeof(line) - 1] = '\0';
		attrset(A_REVERSE);
		put_padded(y0 + i, x0, w, line);
	}
	attrset(A_NORMAL);
}

static void draw(struct ui *u)
{
	struct tv_layout l = tv_layout(COLS, LINES);

	curs_set(u->mode == M_SEARCH || u->mode == M_GROUP ? 1 : 0);
	erase();
	draw_tree(u, l.tree);
	draw_sep(u, &l);
	draw_detail(u, l.detail);
	if (u->mode == M_HELP)
		draw_help(COLS, LINES);
	draw_status(u, l.status);
	refresh();
}

static void do_reload(struct ui *u)
{
	struct analysis *n;

	if (!u->o->reload) {
		snprintf(u->msg, sizeof(u->msg), "reload is not available");
		return;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		snprintf(u->msg, sizeof(u->msg), "reload: out of memory");
		return;
	}
	/* the analysis may warn on stderr: let it write to the plain screen */
	def_prog_mode();
	endwin();
	if (u->o->reload(u->o->ctx, n)) {
		free(n);
		reset_prog_mode();
		snprintf(u->msg, sizeof(u->msg), "reload failed; showing the previous analysis");
		return;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (tv_reset(&u->t, n)) {
		snprintf(u->msg, sizeof(u->msg), "reload: out of memory");
	} else {
		snprintf(u->msg, sizeof(u->msg), "reloaded: %zu functions, %zu groups", n->m.ndevs,
			 n->g.niso);
	}
	analysis_free(*u->a);
	free(*u->a);
	*u->a = n;
}

static int page(void)
{
	struct tv_layout l = tv_layout(COLS, LINES);

	return l.tree.h > 1 ? l.tree.h - 1 : 1;
}

static void key_browse(struct ui *u, int ch)
{
	struct tv *t = &u->t;

	switch (ch) {
	case 'q':
	case 'Q':
		u->quit = true;
		break;
	case KEY_UP:
	case 'k':
		tv_move(t, -1);
		break;
	case KEY_DOWN:
	case 'j':
		tv_move(t, 1);
		break;
	case KEY_PPAGE:
		tv_move(t, -page());
		break;
	case KEY_NPAGE:
		tv_move(t, page());
		break;
	case KEY_HOME:
		tv_home(t);
		break;
	case KEY_END:
		tv_end(t);
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case ' ':
		if (tv_toggle_fold(t))
			snprintf(u->msg, sizeof(u->msg), "out of memory");
		break;
	case '\t':
		if (tv_set_view(t, t->view == TV_TREE ? TV_GROUPS : TV_TREE))
			snprintf(u->msg, sizeof(u->msg), "out of memory");
		break;
	case '/':
	case 'g':
		u->mode = ch == '/' ? M_SEARCH : M_GROUP;
		u->ninput = 0;
		u->input[0] = '\0';
		break;
	case 'n':
		if (!t->search[0])
			snprintf(u->msg, sizeof(u->msg), "no search yet: / to search");
		else if (!tv_search(t, NULL))
			snprintf(u->msg, sizeof(u->msg), "not found: %s", t->search);
		break;
	case 'J':
		u->detail_top++; /* clamped when drawn */
		break;
	case 'K':
		if (u->detail_top)
			u->detail_top--;
		break;
	case '?':
	case KEY_F(1):
		u->mode = M_HELP;
		break;
	case 'r':
		do_reload(u);
		break;
	case 12: /* ^L */
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void key_prompt(struct ui *u, int ch)
{
	switch (ch) {
	case 27: /* Esc */
		u->mode = M_BROWSE;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (u->mode == M_SEARCH) {
			if (u->ninput && !tv_search(&u->t, u->input))
				snprintf(u->msg, sizeof(u->msg), "not found: %s", u->input);
		} else if (u->ninput && !tv_jump_group(&u->t, u->input)) {
			snprintf(u->msg, sizeof(u->msg), "no group %s", u->input);
		}
		u->mode = M_BROWSE;
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (u->ninput)
			u->input[--u->ninput] = '\0';
		else
			u->mode = M_BROWSE;
		break;
	default:
		/* printable ASCII only: BDFs, names and numbers need no more */
		if (ch >= 0x20 && ch < 0x7f && u->ninput + 1 < sizeof(u->input)) {
			u->input[u->ninput++] = (char)ch;
			u->input[u->ninput] = '\0';
		}
		break;
	}
}

/* A click on a tree row selects it; a second click on it folds. */
static void click(struct ui *u)
{
	struct tv_layout l = tv_layout(COLS, LINES);
	MEVENT ev;
	size_t row;

	if (getmouse(&ev) != OK || u->mode != M_BROWSE)
		return;
	if (ev.x < l.tree.x || ev.x >= l.tree.x + l.tree.w || ev.y < l.tree.y ||
	    ev.y >= l.tree.y + l.tree.h)
		return;
	row = u->t.top + (size_t)(ev.y - l.tree.y);
	if (row >= u->t.nrows)
		return;
	u->msg[0] = '\0';
	if (row == u->t.sel)
		tv_toggle_fold(&u->t);
	else
		u->t.sel = row;
}

int tui_run(struct analysis **a, const struct tui_opts *o)
{
	struct ui u;
	struct sigaction sa, old_int, old_term;
	bool dirty = true;
	int rc = 0;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.a = a;
	if (tv_init(&u.t, *a, o->ascii)) {
		tv_free(&u.t);
		return 1;
	}
	/* ours before initscr(): ncurses then leaves SIGINT/SIGTERM alone */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	got_signal = 0;
	if (!initscr()) {
		rc = 1;
		goto out;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(200); /* poll the signal flag between keys */
	colours(o);
	/* clicks select a row where the terminal reports them */
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);
	while (!u.quit && !got_signal) {
		int ch;

		/* only after a key or a resize: an idle poll draws nothing */
		if (dirty)
			draw(&u);
		ch = getch();
		if (ch == ERR)
			continue;
		dirty = true;
		if (ch == KEY_RESIZE)
			continue; /* the next draw lays out for the new size */
		if (ch == KEY_MOUSE) {
			click(&u);
			continue;
		}
		if (u.mode == M_BROWSE)
			u.msg[0] = '\0';
		switch (u.mode) {
		case M_BROWSE:
			key_browse(&u, ch);
			break;
		case M_SEARCH:
		case M_GROUP:
			key_prompt(&u, ch);
			break;
		case M_HELP:
			u.mode = M_BROWSE;
			break;
		}
	}
	endwin();
	if (got_signal)
		rc = 128 + got_signal;
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	tv_free(&u.t);
	return rc;
}
