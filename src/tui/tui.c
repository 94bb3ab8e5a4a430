// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tui.c - the ncurses side of the interactive view (see tui.h): a small
 * state machine (browsing, a prompt for search or group, help, the
 * attach/detach dialog), one draw function for the whole screen from the
 * pure layout and rows, and one key function per state. ncurses' own
 * screen diff sends only the cells that changed.
 *
 * One loop waits in ppoll() on the keyboard, the udev monitor (live
 * system only) and an attach/detach child's output: nothing runs while
 * nothing happens. SIGINT, SIGTERM, SIGQUIT, SIGHUP and SIGWINCH are
 * blocked except inside ppoll(), so a signal always wakes it; the
 * handlers only set flags, and
 * endwin() never runs inside a handler. A udev event is a hint: after
 * 200 ms without another (1 s at most) the whole analysis is re-run from
 * sysfs and the view keeps its selection and folds by address.
 */
#define _GNU_SOURCE /* ppoll() */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui_act.h"
#include "tui_live.h"
#include "tui_model.h"

enum mode { M_BROWSE, M_SEARCH, M_GROUP, M_HELP, M_DIALOG };

struct ui {
	struct tv t;
	const struct tui_opts *o;
	struct analysis **a;
	enum mode mode;
	char input[64];
	size_t ninput;
	char msg[640]; /* one-shot message for the status line */
	size_t detail_top, detail_sel; /* detail pane scroll, for that selection */
	bool quit;
	int rc;
	struct act_dialog dlg;  /* M_DIALOG */
	struct act_child child; /* a running attach/detach, pid 0 when none */
	sigset_t child_mask;    /* the signal mask a child starts with */
	/* live updates */
	struct tui_live *live;
	bool pending;           /* a refresh is due at due_ms */
	long long first_ms, due_ms;
	char what[160];         /* the last event, for the status line */
	unsigned long changes;  /* counts refreshes and results: redraw when it moves */
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
	char buf[700], cut[2900];
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
			 (*u->a)->g.niso, (*u->a)->g.kgroups_differ ? "  *: differs from the kernel" : "");
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
	"a / d            attach / detach the group (asks)",
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

/* A piece of a dialog line, wrapped at spaces to the box. */
struct seg {
	const char *p;
	int len, ind;
};

/* Wrap the dialog's lines to w columns (continuations indented by 2). */
static size_t wrap_dialog(const struct act_dialog *d, int w, struct seg *v, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nlines && n < max; i++) {
		const char *p = d->lines[i];
		int ind = 0;

		do {
			int room = w - ind > 1 ? w - ind : 1;
			size_t cut = tv_fit(p, room, NULL);

			if (p[cut])
				for (size_t k = cut; k > cut / 2; k--)
					if (p[k] == ' ') {
						cut = k;
						break;
					}
			if (!cut) /* a character wider than the box */
				cut = strlen(p);
			v[n++] = (struct seg){ p, (int)cut, ind };
			p += cut;
			while (*p == ' ')
				p++;
			ind = 2;
		} while (*p && n < max);
	}
	return n;
}

/* The attach/detach dialog: a box in the middle, as wide as it can be;
 * its last line (y/n) always shows, even when the plan is cut. */
static void draw_dialog(const struct ui *u, int cols, int rows)
{
	struct seg v[256];
	int w = cols > 4 ? cols - 4 : cols, n, h, y0, x0;

	if (w > 100)
		w = 100;
	n = (int)wrap_dialog(&u->dlg, w - 2, v, sizeof(v) / sizeof(v[0]));
	h = n + 2 < rows - 1 ? n + 2 : rows - 1;
	y0 = (rows - 1 - h) / 2;
	x0 = (cols - w) / 2;
	if (h <= 0 || w <= 0)
		return;
	attrset(A_REVERSE);
	for (int i = 0; i < h; i++) {
		char line[1200] = "";
		int k = i == h - 2 && n > h - 2 ? n - 1 : i - 1;

		if (i > 0 && i < h - 1 && k >= 0 && k < n)
			snprintf(line, sizeof(line), " %*s%.*s", v[k].ind, "", v[k].len, v[k].p);
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
	if (u->mode == M_DIALOG)
		draw_dialog(u, COLS, LINES);
	draw_status(u, l.status);
	refresh();
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Re-run the analysis (r, a udev event, after attach/detach) and carry the
 * view over (tv_refresh). why: NULL for r, else what prompted it. */
static void do_reload(struct ui *u, const char *why)
{
	struct analysis *n, *old = *u->a;
	char msg[256] = "";

	u->pending = false;
	u->changes++;
	if (!u->o->reload) {
		snprintf(u->msg, sizeof(u->msg), "reload is not available");
		return;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		snprintf(u->msg, sizeof(u->msg), "reload: out of memory");
		return;
	}
	/* warnings and errors of the analysis come back in msg, not on the screen */
	if (u->o->reload(u->o->ctx, n, msg, sizeof(msg))) {
		free(n);
		snprintf(u->msg, sizeof(u->msg), "reload failed (%s); showing the previous analysis", msg);
		return;
	}
	if (tv_refresh(&u->t, n)) {
		/* the view holds n now, in pieces: nothing sensible to show */
		u->quit = true;
		u->rc = 1;
	} else if (why) {
		snprintf(u->msg, sizeof(u->msg), "updated (%s): %zu functions, %zu groups", why,
			 n->m.ndevs, n->g.niso);
	} else {
		snprintf(u->msg, sizeof(u->msg), "reloaded: %zu functions, %zu groups%s%s", n->m.ndevs,
			 n->g.niso, msg[0] ? "; " : "", msg);
	}
	*u->a = n;
	analysis_free(old);
	free(old);
}

/* a or d: the dialog for the selected function. */
static void open_dialog(struct ui *u, enum act_kind kind)
{
	const struct tv_row *r;

	if (u->child.pid) {
		snprintf(u->msg, sizeof(u->msg), "%s %s is still running",
			 u->child.kind == ACT_ATTACH ? "attach" : "detach", u->child.bdf);
		return;
	}
	if (u->t.sel >= u->t.nrows || (r = &u->t.rows[u->t.sel])->kind != TVR_DEV) {
		snprintf(u->msg, sizeof(u->msg), "select a function to %s",
			 kind == ACT_ATTACH ? "attach" : "detach");
		return;
	}
	if (act_dialog_make(&u->dlg, *u->a, r->dev, kind, u->o->live)) {
		snprintf(u->msg, sizeof(u->msg), "out of memory");
		return;
	}
	u->mode = M_DIALOG;
}

static void key_dialog(struct ui *u, int ch)
{
	if (ch == 'y' || ch == 'Y') {
		if (!u->o->live) {
			snprintf(u->msg, sizeof(u->msg), "%s needs the live system",
				 u->dlg.kind == ACT_ATTACH ? "attach" : "detach");
		} else if (!u->dlg.can_run) {
			snprintf(u->msg, sizeof(u->msg), "refused: nothing changed");
		} else if (!u->o->self) {
			snprintf(u->msg, sizeof(u->msg), "cannot find this program to run it");
		} else {
			int e = act_start(&u->child, u->o->self, u->dlg.kind, u->dlg.bdf, &u->child_mask);

			if (e)
				snprintf(u->msg, sizeof(u->msg), "cannot start: %s", strerror(-e));
			else
				snprintf(u->msg, sizeof(u->msg), "%s %s: running...",
					 u->dlg.kind == ACT_ATTACH ? "attach" : "detach", u->dlg.bdf);
		}
	} else if (ch != 'n' && ch != 'N' && ch != 27 && ch != 'q') {
		return; /* the dialog waits for an answer */
	}
	act_dialog_free(&u->dlg);
	u->mode = M_BROWSE;
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
		do_reload(u, NULL);
		break;
	case 'a':
		open_dialog(u, ACT_ATTACH);
		break;
	case 'd':
		open_dialog(u, ACT_DETACH);
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

/* A udev event: refresh 200 ms after the last one, 1 s after the first at
 * the latest (a storm of events is one refresh, and never starves it). */
static void live_events(struct ui *u)
{
	char what[160] = "";
	long long t;

	if (!u->live || live_drain(u->live, what, sizeof(what)) <= 0)
		return;
	tv_clean(u->what, sizeof(u->what), what);
	t = now_ms();
	if (!u->pending) {
		u->pending = true;
		u->first_ms = t;
	}
	u->due_ms = t + 200 < u->first_ms + 1000 ? t + 200 : u->first_ms + 1000;
}

/* The ppoll() timeout: until a refresh is due, while a child is being
 * reaped, or none (-1: wait for input). */
static int wait_ms(const struct ui *u)
{
	long long left;

	if (u->child.pid && u->child.fd < 0)
		return 100;
	if (!u->pending)
		return -1;
	left = u->due_ms - now_ms();
	return left < 0 ? 0 : (int)left;
}

/* The signals that end the view cleanly: ^C, kill, ^\, a hangup. */
static const int end_signals[] = { SIGINT, SIGTERM, SIGQUIT, SIGHUP };
#define NEND (sizeof(end_signals) / sizeof(end_signals[0]))

/* Our handler for them (before initscr(): ncurses then leaves them alone);
 * the previous ones go to old. */
static void catch_signals(struct sigaction old[NEND])
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NEND; i++)
		sigaction(end_signals[i], &sa, &old[i]);
	got_signal = 0;
}

static void restore_signals(const struct sigaction old[NEND])
{
	for (size_t i = 0; i < NEND; i++)
		sigaction(end_signals[i], &old[i], NULL);
}

/* Block the signals the loop handles (they are delivered inside ppoll
 * only); *wait gets the mask to wait with, *orig the one before. */
static void block_signals(sigset_t *orig, sigset_t *wait)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NEND; i++)
		sigaddset(&set, end_signals[i]);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, orig);
	*wait = *orig;
	for (size_t i = 0; i < NEND; i++)
		sigdelset(wait, end_signals[i]);
	sigdelset(wait, SIGWINCH);
}

/* Wait for a key, an event, the child, a signal or a due refresh; then
 * handle what came. false when the terminal is gone. */
static bool wait_and_handle(struct ui *u, const sigset_t *wmask, bool with_keys)
{
	struct pollfd pf[3];
	nfds_t n = 0;
	int ms = wait_ms(u), in = -1, ev = -1, ch = -1;
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	if (with_keys) {
		in = (int)n;
		pf[n++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
	}
	if (u->live) {
		ev = (int)n;
		pf[n++] = (struct pollfd){ .fd = live_fd(u->live), .events = POLLIN };
	}
	if (u->child.pid && u->child.fd >= 0) {
		ch = (int)n;
		pf[n++] = (struct pollfd){ .fd = u->child.fd, .events = POLLIN };
	}
	if (ppoll(pf, n, ms < 0 ? NULL : &ts, wmask) < 0) {
		if (errno != EINTR)
			return false;
		return true; /* a signal: the caller looks at the flags */
	}
	/* a hung-up terminal reads as POLLIN|POLLHUP forever (read gives
	 * EIO): whatever else is set, the view has nowhere to go */
	if (in >= 0 && (pf[in].revents & (POLLHUP | POLLERR | POLLNVAL)))
		return false;
	if (ev >= 0 && pf[ev].revents)
		live_events(u);
	if (ch >= 0 && pf[ch].revents)
		act_read(&u->child);
	if (u->child.pid) {
		char msg[sizeof(u->msg)];

		if (act_reap(&u->child, msg, sizeof(msg))) {
			/* what changed shows at once, not after the events */
			do_reload(u, u->child.kind == ACT_ATTACH ? "after attach" : "after detach");
			snprintf(u->msg, sizeof(u->msg), "%s", msg);
			u->changes++;
		}
	}
	if (u->pending && now_ms() >= u->due_ms)
		do_reload(u, u->what[0] ? u->what : "udev event");
	return true;
}

/* The live monitor, when the view shows the running system. A failure is
 * said in the status line; the view still works (r reloads). */
static void start_live(struct ui *u)
{
	char err[256];

	if (!u->o->live)
		return;
	u->live = live_open(err, sizeof(err));
	if (!u->live)
		snprintf(u->msg, sizeof(u->msg), "no live updates (%s): r reloads", err);
}

int tui_run(struct analysis **a, const struct tui_opts *o)
{
	struct ui u;
	struct sigaction old_sig[NEND];
	sigset_t orig, wmask;
	bool dirty = true;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.a = a;
	if (tv_init(&u.t, *a, o->ascii)) {
		tv_free(&u.t);
		return 1;
	}
	catch_signals(old_sig);
	block_signals(&orig, &wmask);
	u.child_mask = orig;
	if (!initscr()) {
		u.rc = 1;
		goto out;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	nodelay(stdscr, TRUE); /* keys are read after ppoll() says so */
	colours(o);
	/* clicks select a row where the terminal reports them */
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);
	start_live(&u);
	while (!u.quit && !got_signal) {
		int ch;

		/* every key that is there, then one draw */
		while (!u.quit && (ch = getch()) != ERR) {
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
			case M_DIALOG:
				key_dialog(&u, ch);
				break;
			}
		}
		if (u.quit || got_signal)
			break;
		if (dirty)
			draw(&u);
		dirty = false;
		unsigned long before = u.changes;

		if (!wait_and_handle(&u, &wmask, true))
			break; /* the terminal went away */
		/* a refresh or a child's end changed the view or the status */
		dirty = u.changes != before;
	}
	endwin();
	if (got_signal)
		u.rc = 128 + got_signal;
	if (u.child.pid)
		fprintf(stderr, "iommu-groups: %s %s is still running (process %ld); its result: "
				"iommu-groups list\n",
			u.child.kind == ACT_ATTACH ? "attach" : "detach", u.child.bdf,
			(long)u.child.pid);
out:
	sigprocmask(SIG_SETMASK, &orig, NULL);
	restore_signals(old_sig);
	act_dialog_free(&u.dlg);
	if (u.child.fd >= 0)
		close(u.child.fd);
	live_close(u.live);
	tv_free(&u.t);
	return u.rc;
}

/* Print every row of the view, between markers, and flush. */
static void headless_dump(struct ui *u, FILE *out, int k, const char *why)
{
	char buf[1024];

	fprintf(out, "== view %d: %s\n", k, why);
	for (size_t i = 0; i < u->t.nrows; i++) {
		tv_row_text(&u->t, i, 200, buf, sizeof(buf));
		fprintf(out, "%s\n", buf);
	}
	fprintf(out, "== end %d\n", k);
	fflush(out);
}

int tui_headless(struct analysis **a, const struct tui_opts *o, int refreshes, FILE *out)
{
	struct ui u;
	struct sigaction old_sig[NEND];
	sigset_t orig, wmask;
	int k = 0;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.a = a;
	if (tv_init(&u.t, *a, true)) {
		tv_free(&u.t);
		return 1;
	}
	catch_signals(old_sig);
	block_signals(&orig, &wmask);
	start_live(&u);
	headless_dump(&u, out, k, u.live ? live_source(u.live) : u.msg);
	if (!u.live)
		u.rc = 1;
	while (u.live && k < refreshes && !got_signal && !u.quit) {
		unsigned long before = u.changes;

		if (!wait_and_handle(&u, &wmask, false))
			break;
		if (u.changes != before)
			headless_dump(&u, out, ++k, u.msg);
	}
	if (got_signal)
		u.rc = 128 + got_signal;
	sigprocmask(SIG_SETMASK, &orig, NULL);
	restore_signals(old_sig);
	live_close(u.live);
	tv_free(&u.t);
	return u.rc;
}
