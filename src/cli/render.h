/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * render.h - output of `list` and `why-shared`: human text (libsmartcols
 * for list) and the JSON documents of the contract (json-c). Renderers
 * read the analysis and the explanation only, both const, and write to
 * the FILE given; they compute nothing that the engine could.
 */
#ifndef IOMMU_GROUPS_RENDER_H
#define IOMMU_GROUPS_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "analysis.h"
#include "explain.h"

struct render_opts {
	bool color;
	int width; /* terminal width, 0: libsmartcols decides */
};

int render_list_text(const struct analysis *a, const struct render_opts *o, FILE *out);
int render_list_json(const struct analysis *a, FILE *out);

/* why-shared (render_why_text.c, render_why_json.c). 0, or -1 when the
 * output could not be written. */
int render_why_text(const struct analysis *a, const struct explanation *x, FILE *out);
int render_why_json(const struct analysis *a, const struct explanation *x, FILE *out);

/* Shared pieces for other commands' renderers. */
struct json_object;
/* The "iommu" object of list and why-shared (docs/json.md). */
struct json_object *iommu_json(const struct iommu_state *s);
const char *dev_desc(const struct dev *d, char *buf, size_t len);
void describe_iommu_state(const struct analysis *a, char *buf, size_t len);

#endif
