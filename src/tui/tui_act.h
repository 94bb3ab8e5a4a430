/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui_act.h - attach and detach from the view: the confirmation dialog's
 * text (the plan of plan.h: what comes along, what is refused and why),
 * and the work itself in a child process (this program's own `attach
 * --keep` or `detach`), so that a hanging unbind never freezes the screen.
 */
#ifndef IOMMU_GROUPS_TUI_ACT_H
#define IOMMU_GROUPS_TUI_ACT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "analysis.h"

enum act_kind { ACT_ATTACH, ACT_DETACH };

struct act_dialog {
	enum act_kind kind;
	int dev;          /* the function asked for */
	char bdf[24];
	bool can_run;     /* live, and nothing refuses: y runs it */
	char **lines;     /* the dialog's text, cleaned for the screen */
	size_t nlines;
};

/* The dialog for dev: the plan (attach) or the journal's record (detach).
 * live false (--sysroot, --from-dump): the plan is shown, and that the
 * action needs the live system. 0, or -1 on allocation failure. */
int act_dialog_make(struct act_dialog *d, const struct analysis *a, int dev, enum act_kind kind,
		    bool live);
void act_dialog_free(struct act_dialog *d);

/* A running child. */
struct act_child {
	pid_t pid;        /* 0: none */
	int fd;           /* its stdout+stderr, -1 when closed */
	enum act_kind kind;
	char bdf[24];
	char out[4096];   /* what it printed, the start of it */
	size_t nout;
	int status;       /* waitpid status once reaped */
};

/* Start `self attach --keep BDF` or `self detach BDF` in its own session
 * (the terminal's ^C is not for it), stdin /dev/null, output to a pipe.
 * mask: the signal mask the child starts with. 0 or -errno. */
int act_start(struct act_child *c, const char *self, enum act_kind kind, const char *bdf,
	      const void *mask);
/* Read what is pending on c->fd; true once it is at its end (the fd is
 * closed then). */
bool act_read(struct act_child *c);
/* Reap the child if it has ended (never blocks): true when it has, with
 * a one-line result in msg. */
bool act_reap(struct act_child *c, char *msg, size_t len);

#endif
