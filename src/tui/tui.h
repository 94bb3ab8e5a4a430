/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui.h - the ncurses renderer and key loop of the interactive view. It
 * draws what the view-model (tui_model.h) says and turns keys into calls
 * on it; no analysis logic lives here.
 */
#ifndef IOMMU_GROUPS_TUI_H
#define IOMMU_GROUPS_TUI_H

#include <stdbool.h>

#include "analysis.h"

struct tui_opts {
	bool color; /* colours by group (the number column is there anyway) */
	bool ascii; /* ASCII tree glyphs and lines (no UTF-8 locale) */
	/* r: a fresh analysis into *out (0), or nonzero with the old one kept */
	int (*reload)(void *ctx, struct analysis *out);
	void *ctx;
};

/* Run the view on *a until q, SIGINT or SIGTERM; the terminal is restored
 * in every case. *a may be replaced by a reload (the caller frees *a, a
 * heap object, afterwards). Returns 0, 1 on failure, or 128 + the signal
 * that ended it (the caller re-raises it after cleaning up). */
int tui_run(struct analysis **a, const struct tui_opts *o);

#endif
