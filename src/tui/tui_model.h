/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui_model.h - the interactive view as plain data, no ncurses: the rows
 * of the tree view (lspci -tv order) and of the group view, each row's
 * text and colour key, selection, scrolling, folding, search, jump to a
 * group, the detail pane's lines, and the screen layout as a pure
 * function of the terminal size. The renderer (tui.c) only draws this.
 */
#ifndef IOMMU_GROUPS_TUI_MODEL_H
#define IOMMU_GROUPS_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

enum tv_view { TV_TREE, TV_GROUPS };

enum tv_row_kind {
	TVR_ROOT,  /* a root bus (tree view): "[DDDD:BB]" */
	TVR_DEV,   /* a function */
	TVR_GROUP, /* an isolation group's heading (group view) */
};

struct tv_row {
	enum tv_row_kind kind;
	int dev;        /* TVR_DEV: device index; TVR_ROOT: first function on the bus */
	int group;      /* isolation group id (TVR_GROUP, TVR_DEV) or -1 */
	int depth;      /* tree depth, 0 = root bus / group heading */
	bool has_children;
	bool folded;
	char *prefix;   /* tree glyphs before the BDF (UTF-8 or ASCII) */
};

/* A rectangle of the screen, cells; w or h 0 = not shown. */
struct tv_rect {
	int x, y, w, h;
};

struct tv_layout {
	struct tv_rect tree, detail, status;
	struct tv_rect sep; /* the line between tree and detail (1 wide or 1 high) */
	bool detail_right;
};

struct tv {
	const struct analysis *a; /* only read (explanations work on copies) */
	enum tv_view view;
	bool ascii;         /* ASCII tree glyphs instead of UTF-8 line drawing */
	struct tv_row *rows;
	size_t nrows;
	size_t sel, top;    /* selected row, first row shown */
	bool *fold_dev;     /* per device: its subtree is folded (tree view) */
	bool *fold_root;    /* per device: the root bus it starts is folded */
	bool *fold_group;   /* per isolation group (group view) */
	char search[64];    /* last search text, "" none */
	/* the detail pane, cached for one selection and one width */
	char **detail;
	size_t ndetail;
	int detail_key_kind, detail_key, detail_width;
};

/* The layout for a terminal of cols x rows: detail on the right from 120
 * columns, else below; the status line is the last row. Nothing overlaps,
 * nothing is outside the screen, at any size (tiny ones leave panes empty). */
struct tv_layout tv_layout(int cols, int rows);

/* 0, or -1 on allocation failure. tv_free() also after a failure. */
int tv_init(struct tv *t, const struct analysis *a, bool ascii);
void tv_free(struct tv *t);
/* A new analysis (reload): folds and search are reset; the selection stays
 * on the same BDF when it is still there. */
int tv_reset(struct tv *t, const struct analysis *a);

/* A fresh analysis of the same system (a live update, or r): view, folds,
 * search and the selection are carried over by address (BDF), since device
 * indices may change; a selected function that went away leaves the
 * selection at the same position. 0, or -1 on allocation failure. */
int tv_refresh(struct tv *t, const struct analysis *a);

/* Rebuild the rows after a fold or a view change (the selection is kept on
 * the same device or group). 0, or -1 on allocation failure. */
int tv_rebuild(struct tv *t);
int tv_set_view(struct tv *t, enum tv_view v);
/* Fold or unfold the selected row (when it has children). */
int tv_toggle_fold(struct tv *t);

/* Move the selection by delta rows (clamped), or to the first/last row. */
void tv_move(struct tv *t, long delta);
void tv_home(struct tv *t);
void tv_end(struct tv *t);
/* Keep the selection inside a window of height rows: adjusts top. */
void tv_scroll(struct tv *t, int height);

/* Search BDF, names and driver (case-insensitive substring), starting after
 * the selection, wrapping; unfolds what hides the match. text NULL = the
 * last search (n). true when found (the selection moved). */
bool tv_search(struct tv *t, const char *text);
/* Select the first member of a group given as the kernel's number ("7")
 * or a predicted one ("p7"); false when there is none. */
bool tv_jump_group(struct tv *t, const char *spec);

/* The row's text, cut to width columns (the UTF-8 glyphs count one
 * column each): group column, mismatch mark, tree glyphs, BDF, name,
 * driver, ACS state of ports. buf holds up to len bytes. */
void tv_row_text(const struct tv *t, size_t row, int width, char *buf, size_t len);
/* The group a row belongs to, for its colour: -1 none. */
int tv_row_colour_key(const struct tv *t, size_t row);
/* Number column text: "7" (kernel group), "p3" (predicted), "" none. */
void tv_group_label(const struct tv *t, int dev, char *buf, size_t len);

/* The detail pane for the selection, wrapped to width columns. The lines
 * stay valid until the next call or tv_free. 0, or -1 on failure. */
int tv_detail(struct tv *t, int width, char ***lines, size_t *n);

/* Columns a UTF-8 string takes (wcwidth: a wide character is two, a
 * tree glyph one). */
int tv_text_cols(const char *s);
/* Bytes of the longest prefix of s that fits in cols columns, cut between
 * whole characters; *used (when not NULL) gets its columns. */
size_t tv_fit(const char *s, int cols, int *used);

/* Text from outside (names, drivers) for the screen, through the one
 * sanitiser (safe_term(), safe.h): controls, C1, bidi and invalid UTF-8
 * become visible \xNN escapes. Then, in a UTF-8 locale, characters that
 * are not one or two columns wide become U+FFFD; in any other locale
 * every non-ASCII character becomes '?'. At most len bytes with the NUL. */
void tv_clean(char *dst, size_t len, const char *src);

#endif
