/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * render.h - output of `list`: human text (libsmartcols) and the JSON
 * document of the contract (json-c). Renderers read the analysis only.
 */
#ifndef IOMMU_GROUPS_RENDER_H
#define IOMMU_GROUPS_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "analysis.h"

struct render_opts {
	bool color;
	int width; /* terminal width, 0: libsmartcols decides */
};

int render_list_text(const struct analysis *a, const struct render_opts *o, FILE *out);
int render_list_json(const struct analysis *a, FILE *out);

/* Shared pieces for other commands' renderers. */
const char *dev_desc(const struct dev *d, char *buf, size_t len);
void describe_iommu_state(const struct analysis *a, char *buf, size_t len);

#endif
