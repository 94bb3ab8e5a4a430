/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui.h - the ncurses renderer and key loop of the interactive view. It
 * draws what the view-model (tui_model.h) says and turns keys into calls
 * on it; no analysis logic lives here.
 */
#ifndef IOMMU_GROUPS_TUI_H
#define IOMMU_GROUPS_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analysis.h"

struct tui_opts {
	bool color; /* colours by group (the number column is there anyway) */
	bool ascii; /* ASCII tree glyphs and lines (no UTF-8 locale) */
	bool live;  /* the running system: udev monitor on, attach/detach run */
	const char *self; /* this program, run for attach/detach (NULL: cannot) */
	/* r, an event: a fresh analysis into *out (0), or nonzero with the old
	 * one kept; what the analysis would print on stderr (a warning, the
	 * error) comes back in msg instead, "" when nothing */
	int (*reload)(void *ctx, struct analysis *out, char *msg, size_t msglen);
	void *ctx;
};

/* Run the view on *a until q, SIGINT, SIGTERM, SIGQUIT or SIGHUP; the
 * terminal is restored
 * in every case. *a may be replaced by a reload (the caller frees *a, a
 * heap object, afterwards). Returns 0, 1 on failure, or 128 + the signal
 * that ended it (the caller re-raises it after cleaning up). */
int tui_run(struct analysis **a, const struct tui_opts *o);

/* The same loop without a terminal, for tests (the VM test has no tmux):
 * the view's rows are printed to out at the start ("== view 0: SOURCE")
 * and after each refresh ("== view K: WHY"), each block ending with
 * "== end K", until refreshes refreshes or one of those signals. Needs the live
 * system (exit 1 otherwise). Returns as tui_run(). */
int tui_headless(struct analysis **a, const struct tui_opts *o, int refreshes, FILE *out);

#endif
