// SPDX-License-Identifier: GPL-2.0-or-later
/* model.c - helpers of the device model shared by every loader (model.h). */
#define _GNU_SOURCE
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* A hostile input can be damaged everywhere: keep stderr readable. */
#define MAX_WARNINGS 64

void model_warn(struct sysmodel *m, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	void *p;

	if (m->nwarnings >= MAX_WARNINGS) {
		m->warnings_dropped++;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	p = s ? realloc(m->warnings, (m->nwarnings + 1) * sizeof(*m->warnings)) : NULL;
	if (!p) {
		free(s);
		m->warnings_dropped++;
		return;
	}
	m->warnings = p;
	m->warnings[m->nwarnings++] = s;
}
