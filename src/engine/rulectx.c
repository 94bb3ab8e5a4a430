// SPDX-License-Identifier: GPL-2.0-or-later
/* rulectx.c - the per-function part of the rules context (see rulectx.h). */
#include "rulectx.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int rulectx_resize(struct rulectx *rc, size_t ndevs)
{
	struct devrule *v;

	if (ndevs == rc->ndevs)
		return 0;
	if (ndevs > SIZE_MAX / sizeof(*v))
		return -ENOMEM;
	v = realloc(rc->dev, (ndevs ? ndevs : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	if (ndevs > rc->ndevs)
		memset(v + rc->ndevs, 0, (ndevs - rc->ndevs) * sizeof(*v));
	rc->dev = v;
	rc->ndevs = ndevs;
	return 0;
}

void rulectx_free(struct rulectx *rc)
{
	free(rc->dev);
	rc->dev = NULL;
	rc->ndevs = 0;
}

const struct devrule *rulectx_dev(const struct rulectx *rc, int i)
{
	static const struct devrule none;

	if (!rc || i < 0 || (size_t)i >= rc->ndevs)
		return &none;
	return &rc->dev[i];
}
