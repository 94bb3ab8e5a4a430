// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_why.c - `why-shared BDF`: its argument, the shared prologue, the
 * explanation (explain.h), and the renderer the options ask for
 * (render_why_text.c, render_why_json.c).
 */
#include <stdio.h>

#include "cli.h"
#include "explain.h"
#include "load.h"
#include "render.h"

int cmd_why_shared(struct cli *c)
{
	struct analysis a;
	struct explanation x;
	char err[512];
	bool usage;
	size_t w, dropped;
	int i, rc;

	if (c->argc != 1) {
		errmsg("why-shared takes one PCI address (see --help)");
		return EXIT_USAGE;
	}
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	i = analysis_find_arg(&a, c->argv[0], err, sizeof(err), &usage);
	if (i == NO_DEV) {
		errmsg("%s", err);
		analysis_free(&a);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	/* the group explained, by its own member list too (a --sysroot) */
	w = a.m.nwarnings;
	dropped = a.m.warnings_dropped;
	if (!a.from_dump)
		model_check_group(&a.m, &a.sr, a.m.devs[i].kernel_group);
	cli_warn_from(&a, w, dropped);
	if (explain_device(&a, i, &x)) {
		errmsg("out of memory");
		explanation_free(&x);
		analysis_free(&a);
		return EXIT_FAIL;
	}
	rc = c->json ? render_why_json(&a, &x, stdout)
		     : render_why_text(&a, &x,
					 &(struct render_opts){ .width = c->width, .color = c->color > 0 },
					 stdout);
	explanation_free(&x);
	analysis_free(&a);
	if (rc || fflush(stdout) || ferror(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
