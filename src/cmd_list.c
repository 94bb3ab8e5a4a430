// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_list.c - the `list` command: analyse, warn, render. */
#include <stdio.h>

#include "analysis.h"
#include "cli.h"
#include "render.h"

/* Warnings that qualify the answer go to stderr, one line each. */
static void warn_limits(const struct analysis *a)
{
	char rules[32];

	kver_format(a->m.rules, rules, sizeof(rules));
	warn_model(&a->m);
	/* a dump's loader said it already, in the dump's terms */
	if (a->m.config_truncated && !a->from_dump)
		errmsg("warning: config space of some devices could not be read completely; their "
		       "groups are marked uncertain (run as root: config space beyond 64 bytes is "
		       "root-only)");
	if (a->rules_outside) {
		char req[32];

		kver_format(a->requested, req, sizeof(req));
		errmsg("warning: kernel %s is outside the releases whose rules are known; using "
		       "the rules of %s",
		       a->rules_from_option || !a->m.kernel_release[0] ? req : a->m.kernel_release,
		       rules);
	}
}

int cmd_list(struct cli *c)
{
	struct analysis a;
	struct analysis_opts o = {
		.sysroot = c->sysroot, .kernel = c->kernel, .pci_ids = c->pci_ids, .names = true,
		.from_dump = c->from_dump,
	};
	struct render_opts ro = { .color = c->color > 0, .width = c->width };
	char err[512];
	int rc;

	if (c->argc > 0) {
		errmsg("list takes no arguments ('%s')", c->argv[0]);
		return EXIT_USAGE;
	}
	if (analysis_run(&a, &o, err, sizeof(err))) {
		errmsg("%s", err);
		analysis_free(&a);
		return EXIT_FAIL;
	}
	if (c->assume_acs) {
		bool usage;

		if (analysis_assume_acs(&a, c->assume_acs, err, sizeof(err), &usage)) {
			errmsg("%s", err);
			analysis_free(&a);
			return usage ? EXIT_USAGE : EXIT_FAIL;
		}
	}
	warn_limits(&a);
	rc = c->json ? render_list_json(&a, stdout) : render_list_text(&a, &ro, stdout);
	analysis_free(&a);
	if (rc || fflush(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
