// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_list.c - the `list` command: analyse, warn, render. */
#include <stdio.h>

#include "analysis.h"
#include "cli.h"
#include "render.h"

int cmd_list(struct cli *c)
{
	struct analysis a;
	struct render_opts ro = { .color = c->color > 0, .width = c->width };
	int rc;

	if (c->argc > 0) {
		errmsg("list takes no arguments ('%s')", c->argv[0]);
		return EXIT_USAGE;
	}
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	rc = c->json ? render_list_json(&a, stdout) : render_list_text(&a, &ro, stdout);
	analysis_free(&a);
	if (rc || fflush(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
