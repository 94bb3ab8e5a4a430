// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_list.c - the `list` command: analyse, warn, render (the group
 * blocks, or with the table options and filters render_table.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "render.h"

/* Options that are only checked for form, before the analysis. */
static int check_table_options(const struct cli *c, struct table_opts *to, struct list_filter *f)
{
	char err[256];

	if (c->output && !strcmp(c->output, "help")) {
		render_table_columns_help(stdout);
		return -1;
	}
	if (c->output && render_table_parse_columns(c->output, to->cols,
						    sizeof(to->cols) / sizeof(to->cols[0]),
						    &to->ncols, err, sizeof(err))) {
		errmsg("-o: %s", err);
		return EXIT_USAGE;
	}
	if (c->prometheus && (c->json || c->flat || c->tree || c->output || c->ids || c->group ||
			      c->device || c->class_name)) {
		errmsg("--prometheus prints every group's metrics; it takes no other output form "
		       "or filter");
		return EXIT_USAGE;
	}
	if (c->flat && c->tree) {
		errmsg("--list and --tree exclude each other");
		return EXIT_USAGE;
	}
	if (c->json && (c->flat || c->tree || c->ids || c->group || c->device || c->class_name)) {
		errmsg("--json prints every group; the table forms and filters are for text "
		       "(select with jq)");
		return EXIT_USAGE;
	}
	if (c->group && c->device) {
		errmsg("--group and --device exclude each other");
		return EXIT_USAGE;
	}
	if (c->group) {
		const char *g = c->group + (c->group[0] == 'p');
		char *end;
		long v = strtol(g, &end, 10);

		if (!*g || *end || v < 0 || v > 1000000 || g[0] == '+' || g[0] == '-' || g[0] == ' ') {
			errmsg("--group takes a group number N (kernel) or pN (predicted), not '%s'",
			       c->group);
			return EXIT_USAGE;
		}
	}
	if (c->ids && !c->group && !c->device) {
		errmsg("--ids needs the group: --group N or --device BDF");
		return EXIT_USAGE;
	}
	if (c->class_name &&
	    render_class_parse(c->class_name, &f->class_base, &f->class_sub)) {
		errmsg("--class takes %s; not '%s'", render_class_names(), c->class_name);
		return EXIT_USAGE;
	}
	f->has_class = c->class_name != NULL;
	f->group = c->group;
	f->device = c->device;
	to->tree = c->tree;
	to->color = c->color > 0;
	to->width = c->width;
	return EXIT_OK;
}

int cmd_list(struct cli *c)
{
	struct analysis a;
	struct render_opts ro = { .color = c->color > 0, .width = c->width };
	struct table_opts to = { 0 };
	struct list_filter f = { 0 };
	bool *show = NULL;
	char err[512];
	int rc;

	if (c->argc > 0) {
		errmsg("list takes no arguments ('%s')", c->argv[0]);
		return EXIT_USAGE;
	}
	rc = check_table_options(c, &to, &f);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	if (c->json && c->output) {
		/* -o adds the attribute columns to each device (as lsblk -J -o);
		 * the others are in the document already */
		rc = render_list_json_attrs(&a, render_table_attrs(to.cols, to.ncols), stdout);
	} else if (c->flat || c->tree || c->output || c->ids || c->group || c->device ||
		   c->class_name) {
		show = calloc(a.m.ndevs ? a.m.ndevs : 1, sizeof(*show));
		if (!show) {
			errmsg("out of memory");
			analysis_free(&a);
			return EXIT_FAIL;
		}
		if (render_filter(&a, &f, show, err, sizeof(err))) {
			errmsg("%s", err);
			free(show);
			analysis_free(&a);
			return EXIT_FAIL;
		}
		if (c->ids) {
			rc = render_ids(&a, show, stdout, stderr);
			free(show);
			analysis_free(&a);
			if (rc < 0 || fflush(stdout)) {
				errmsg("cannot write output");
				return EXIT_FAIL;
			}
			return rc ? EXIT_FAIL : EXIT_OK;
		}
		/* a filter alone keeps the usual form: one line per function */
		rc = render_list_table(&a, &to, show, stdout);
	} else if (c->prometheus) {
		rc = render_list_prometheus(&a, stdout);
	} else {
		rc = c->json ? render_list_json(&a, stdout) : render_list_text(&a, &ro, stdout);
	}
	free(show);
	analysis_free(&a);
	if (rc || fflush(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
