// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_tui.c - `tui`: the interactive topology view (tui.h) on the same
 * analysis as list (cli_analyse: --sysroot, --from-dump, --kernel,
 * --assume-acs). Needs a terminal on stdin and stdout. Live (no --sysroot,
 * no --from-dump) it follows udev events and can attach and detach, by
 * running this program's own commands.
 *
 * Test hook: IOMMU_GROUPS_TUI_HEADLESS=N runs the view without a terminal
 * (tui_headless: its rows on stdout after each of up to N refreshes); the
 * VM test uses it where there is no tmux.
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "tui.h"

/* A fresh analysis for the view; what it would print on stderr (errmsg's
 * warnings and errors) is caught in a temporary file and handed back as
 * msg, since the screen belongs to the view. */
static int reload(void *ctx, struct analysis *out, char *msg, size_t msglen)
{
	FILE *tmp = tmpfile();
	int saved = -1, rc;

	msg[0] = '\0';
	fflush(stderr);
	if (tmp) {
		saved = dup(STDERR_FILENO);
		if (saved < 0 || dup2(fileno(tmp), STDERR_FILENO) < 0) {
			if (saved >= 0)
				close(saved);
			saved = -1;
		}
	}
	rc = cli_analyse(ctx, out) != EXIT_OK;
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
		rewind(tmp);
		if (fgets(msg, (int)msglen, tmp)) {
			size_t n = strlen(msg);
			const char *p = !strncmp(msg, "iommu-groups: ", 14) ? msg + 14 : msg;

			if (n && msg[n - 1] == '\n')
				msg[n - 1] = '\0';
			memmove(msg, p, strlen(p) + 1);
		}
	}
	if (tmp)
		fclose(tmp);
	return rc;
}

int cmd_tui(struct cli *c)
{
	struct tui_opts o = { .color = c->color, .reload = reload, .ctx = c };
	struct analysis *a;
	const char *headless = getenv("IOMMU_GROUPS_TUI_HEADLESS");
	char self[4096];
	int rc;

	if (c->argc) {
		errmsg("tui takes no arguments, not '%s'", c->argv[0]);
		return EXIT_USAGE;
	}
	if (c->from_dump && !strcmp(c->from_dump, "-")) {
		errmsg("tui reads keys from stdin: give --from-dump a file, not -");
		return EXIT_USAGE;
	}
	if (!headless && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
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
	/* a snapshot or a dump is not the running system: no events, no writes */
	o.live = a->sr.live && !a->from_dump;
	if (o.live) {
		/* the attach/detach child is this very program */
		ssize_t n = sr_readlink(&a->sr, "proc/self/exe", self, sizeof(self));

		if (n > 0 && (size_t)n < sizeof(self))
			o.self = self;
	}
	if (headless)
		rc = tui_headless(&a, &o, atoi(headless) > 0 ? atoi(headless) : 1, stdout);
	else
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
