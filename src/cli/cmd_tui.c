// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_tui.c - `tui`: the interactive topology view (tui.h) on the same
 * analysis as list (cli_analyse: --sysroot, --from-dump, --kernel,
 * --assume-acs). Needs a terminal on stdin and stdout.
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tui.h"

static int reload(void *ctx, struct analysis *out)
{
	return cli_analyse(ctx, out) != EXIT_OK;
}

int cmd_tui(struct cli *c)
{
	struct tui_opts o = { .color = c->color, .reload = reload, .ctx = c };
	struct analysis *a;
	int rc;

	if (c->argc) {
		errmsg("tui takes no arguments, not '%s'", c->argv[0]);
		return EXIT_USAGE;
	}
	if (c->from_dump && !strcmp(c->from_dump, "-")) {
		errmsg("tui reads keys from stdin: give --from-dump a file, not -");
		return EXIT_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		errmsg("tui needs a terminal on stdin and stdout (list prints the groups)");
		return EXIT_FAIL;
	}
	/* the terminal's encoding decides the line drawing */
	setlocale(LC_ALL, "");
	o.ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	a = calloc(1, sizeof(*a));
	if (!a) {
		errmsg("out of memory");
		return EXIT_FAIL;
	}
	rc = cli_analyse(c, a);
	if (rc != EXIT_OK) {
		free(a);
		return rc;
	}
	rc = tui_run(&a, &o);
	analysis_free(a);
	free(a);
	if (rc > 128) {
		/* ended by SIGINT/SIGTERM: the terminal is restored; die by it */
		signal(rc - 128, SIG_DFL);
		raise(rc - 128);
	}
	return rc ? EXIT_FAIL : EXIT_OK;
}
