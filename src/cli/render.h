/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * render.h - output of `list` and `why-shared`: human text (the grouped
 * view line by line through textout.c, the -o/--list/--tree tables through
 * libsmartcols) and the JSON documents of the contract (json-c). Renderers
 * read the analysis and the explanation only, both const, and write to
 * the FILE given; they compute nothing that the engine could.
 */
#ifndef IOMMU_GROUPS_RENDER_H
#define IOMMU_GROUPS_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "explain.h"

/* The only escapes the text output writes (--color): SGR, and only from
 * these constants; names from outside never reach the terminal raw. */
#define SGR_DIFFERS "\033[1;31m" /* a computed group that differs from the kernel's */
#define SGR_UNCERTAIN "\033[33m" /* a group resting on unreadable config space */
#define SGR_FIXABLE "\033[32m"   /* [fixable] */
#define SGR_RESET "\033[0m"

struct render_opts {
	bool color;
	int width; /* --width; 0: the terminal's (none when piped: nothing is cut) */
};

int render_list_text(const struct analysis *a, const struct render_opts *o, FILE *out);
int render_list_json(const struct analysis *a, FILE *out);
/* --prometheus: node_exporter textfile-collector metrics (render_prom.c). */
int render_list_prometheus(const struct analysis *a, FILE *out);

/* list's filters (--group, --device, --class) and table forms (--list,
 * --tree, -o COLUMNS, --ids): render_table.c. */
struct list_filter {
	const char *group;  /* "N" (kernel group) or "pN" (predicted) */
	const char *device; /* BDF: its group */
	bool has_class;
	unsigned class_base, class_sub; /* class_sub 0x100: any */
};

struct table_opts {
	bool tree;  /* the PCI tree, else one line per function */
	bool color;
	int width;
	int cols[32]; /* column indices (render_table_parse_columns) */
	size_t ncols; /* 0: the default columns */
};

/* show[i]: whether function i passes the filter. -1 with err (exit 1)
 * when --device names no function or --group no group. */
int render_filter(const struct analysis *a, const struct list_filter *f, bool *show, char *err,
		  size_t errlen);
int render_list_table(const struct analysis *a, const struct table_opts *o, const bool *show,
		      FILE *out);
/* 0, 1 (nothing to print: said on warn), -1 write error. */
int render_ids(const struct analysis *a, const bool *show, FILE *out, FILE *warn);
int render_table_parse_columns(const char *spec, int *ids, size_t max, size_t *n, char *err,
			       size_t errlen);
void render_table_columns_help(FILE *out);
/* The column names alone, one per line (shell completion of -o). */
void render_table_column_names(FILE *out);

/* The attribute columns (MODULES, RESET, BOOTVGA, SLOT, NUMA, LINK: read
 * through devattr.h only when selected): the DA_* bits of the columns
 * given; a cell's text; JSON properties of a device for the bits in want
 * (docs/json.md); the devattr context's warning, if any, on stderr. */
struct devattr;
struct devattr_ctx;
struct json_object;
unsigned render_table_attrs(const int *ids, size_t n);
void render_devattr_cell(const struct devattr *x, unsigned attr, char *b, size_t l);
void render_devattr_json(struct json_object *o, const struct devattr *x, unsigned want);
void render_devattr_warn(const struct devattr_ctx *x);
/* list --json -o COLUMNS: the document of render_list_json with the
 * attributes of want added to each device. */
int render_list_json_attrs(const struct analysis *a, unsigned want, FILE *out);
/* --class NAME: 0 and the class, -1 for a name it does not know. */
int render_class_parse(const char *s, unsigned *base, unsigned *sub);
const char *render_class_names(void);
/* The names --class takes, one a line (for shell completion). */
void render_class_list(FILE *out);

/* why-shared (render_why_text.c, render_why_json.c). 0, or -1 when the
 * output could not be written. */
int render_why_text(const struct analysis *a, const struct explanation *x,
		    const struct render_opts *o, FILE *out);
int render_why_json(const struct analysis *a, const struct explanation *x, FILE *out);

/* Shared pieces for other commands' renderers. */
struct json_object;
/* The "iommu" object of list and why-shared (docs/json.md). */
struct json_object *iommu_json(const struct iommu_state *s);
/* kernel.rules_exact and kernel.rules_approximate of list and why-shared
 * (render_why_json.c): a release between two compared ones is not exact. */
bool rules_between(const struct analysis *a);
struct json_object *rules_approximate_json(const struct analysis *a);
const char *dev_desc(const struct dev *d, char *buf, size_t len);
void describe_iommu_state(const struct analysis *a, char *buf, size_t len);

/* The functions --assume-acs names (as a JSON array of BDF; text lists
 * them in a buffer, "" when none): render_text.c. */
struct json_object *assumed_acs_json(const struct analysis *a);
size_t assumed_acs_list(const struct analysis *a, char *buf, size_t len);

/* Fitting text to a width (textfit.c). Columns a string takes: cell as
 * libsmartcols prints a cell, else as safe_term() output prints. */
size_t text_cols(const char *s, bool cell);
/* Cut s to at most cols columns, ending in "..." when cut (s needs room
 * for 3 more bytes). */
void text_cut(char *s, size_t cols, bool cell);
/* Print indent and s, its words wrapped at width (0: never) onto lines
 * that start with cont; a word longer than a line is never cut. */
void text_wrap(FILE *out, const char *s, int width, const char *indent, const char *cont);
/* The width to fit: requested (--width), else the terminal's when out is
 * one, else 0 (piped: no limit). */
int render_term_width(int requested, FILE *out);
/* A function's description as `lspci -nn` writes it, "Class [cccc]: Vendor
 * Device [vvvv:dddd]" and note, its names (never the codes, ids or note)
 * shortened with "..." to fit budget columns (0: no limit). */
const char *dev_desc_fit(const struct dev *d, const char *note, size_t budget, bool cell,
			 char *buf, size_t len);

#endif
