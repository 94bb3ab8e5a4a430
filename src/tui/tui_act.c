// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tui_act.c - attach/detach from the view (see tui_act.h). The dialog
 * shows the same plan the attach command would follow (plan_make), so
 * what the user confirms is what happens; the child is this program's own
 * command, with its journal, refusals and signal handling.
 */
#define _GNU_SOURCE
#include "tui_act.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "journal.h"
#include "plan.h"
#include "tui_model.h"

static void add(struct act_dialog *d, bool *failed, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(struct act_dialog *d, bool *failed, const char *fmt, ...)
{
	char raw[1024], text[1024];
	char **v;
	va_list ap;

	if (*failed)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	tv_clean(text, sizeof(text), raw);
	v = realloc(d->lines, (d->nlines + 1) * sizeof(*v));
	if (!v || !(v[d->nlines] = strdup(text))) {
		if (v)
			d->lines = v;
		*failed = true;
		return;
	}
	d->lines = v;
	d->nlines++;
}

static void attach_text(struct act_dialog *d, const struct analysis *a, int dev, bool live,
			bool *failed)
{
	struct plan_env env = { .euid = (unsigned)geteuid(), .dry_run = !live };
	struct plan p;

	add(d, failed, "Attach %s to VFIO and keep it there (attach --keep)", a->m.devs[dev].bdf);
	if (plan_make(a, dev, &env, &p)) {
		*failed = true;
		return;
	}
	if (p.group >= 0)
		add(d, failed, "IOMMU group %d: %zu function%s, %zu to move to vfio-pci", p.group,
		    p.nmembers, p.nmembers == 1 ? "" : "s", p.nmove);
	for (size_t k = 0; k < p.nmembers; k++) {
		const struct plan_member *m = &p.members[k];

		add(d, failed, "  %s [%04x:%04x] %-10s -> %s", m->bdf, m->vendor, m->device,
		    m->driver[0] ? m->driver : "-", plan_action_name(m->action));
	}
	if (p.nmove && !p.vfio_pci_loaded)
		add(d, failed, "  vfio-pci is not loaded: attach loads it");
	if (p.nrefusals) {
		add(d, failed, "Refused:");
		for (size_t k = 0; k < p.nrefusals; k++)
			add(d, failed, "- %s%s", p.refusals[k].msg,
			    p.refusals[k].kind == RF_IN_USE ? " (attach --force on the command line overrides)"
							    : "");
	}
	d->can_run = live && plan_blocking(&p, false) == 0 && p.nmove > 0;
	if (live && !p.nrefusals && !p.nmove)
		add(d, failed, "Nothing to move: every member stays where it is.");
	plan_free(&p);
}

static void detach_text(struct act_dialog *d, const struct analysis *a, int dev, bool live,
			bool *failed)
{
	const struct dev *x = &a->m.devs[dev];
	char dir[2048];
	int *groups = NULL;
	size_t n = 0;
	bool found = false;

	add(d, failed, "Detach %s: put back the drivers recorded at attach (detach)", x->bdf);
	if (x->kernel_group == NO_GROUP) {
		add(d, failed, "%s is in no IOMMU group: nothing was attached", x->bdf);
		return;
	}
	add(d, failed, "IOMMU group %d:", x->kernel_group);
	for (size_t i = 0; i < a->m.ndevs; i++)
		if (a->m.devs[i].kernel_group == x->kernel_group)
			add(d, failed, "  %s now on %s", a->m.devs[i].bdf,
			    a->m.devs[i].driver ? a->m.devs[i].driver : "no driver");
	if (!live)
		return; /* the journal is the running system's */
	journal_dir(dir, sizeof(dir));
	if (journal_list(dir, &groups, &n) == 0)
		for (size_t k = 0; k < n; k++)
			found |= groups[k] == x->kernel_group;
	free(groups);
	if (found)
		add(d, failed, "Journal %s/group-%d.json: its drivers are restored", dir,
		    x->kernel_group);
	else
		add(d, failed, "Refused: group %d was not attached by iommu-groups (no journal in %s)",
		    x->kernel_group, dir);
	d->can_run = found;
}

int act_dialog_make(struct act_dialog *d, const struct analysis *a, int dev, enum act_kind kind,
		    bool live)
{
	bool failed = false;

	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->dev = dev;
	if (dev < 0 || (size_t)dev >= a->m.ndevs)
		return -1;
	snprintf(d->bdf, sizeof(d->bdf), "%s", a->m.devs[dev].bdf);
	if (kind == ACT_ATTACH)
		attach_text(d, a, dev, live, &failed);
	else
		detach_text(d, a, dev, live, &failed);
	add(d, &failed, "%s", "");
	if (!live)
		add(d, &failed, "%s needs the live system (this is a snapshot).  n/Esc: close",
		    kind == ACT_ATTACH ? "attach" : "detach");
	else if (d->can_run)
		add(d, &failed, "y: %s   n/Esc: cancel", kind == ACT_ATTACH ? "attach" : "detach");
	else
		add(d, &failed, "Nothing will be changed.  n/Esc: close");
	if (failed) {
		act_dialog_free(d);
		return -1;
	}
	return 0;
}

void act_dialog_free(struct act_dialog *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

int act_start(struct act_child *c, const char *self, enum act_kind kind, const char *bdf,
	      const void *mask)
{
	int p[2];
	pid_t pid;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->kind = kind;
	snprintf(c->bdf, sizeof(c->bdf), "%s", bdf);
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

		/* its own session: ^C in the view is not for it */
		setsid();
		sigprocmask(SIG_SETMASK, (const sigset_t *)mask, NULL);
		if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 || dup2(p[1], 2) < 0)
			_exit(127);
		if (kind == ACT_ATTACH)
			execl(self, self, "attach", "--keep", bdf, (char *)NULL);
		else
			execl(self, self, "detach", bdf, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	c->pid = pid;
	c->fd = p[0];
	return 0;
}

bool act_read(struct act_child *c)
{
	char buf[1024];

	if (c->fd < 0)
		return true;
	for (int i = 0; i < 64; i++) {
		ssize_t r = read(c->fd, buf, sizeof(buf));

		if (r > 0) {
			size_t room = sizeof(c->out) - 1 - c->nout, k = (size_t)r < room ? (size_t)r : room;

			memcpy(c->out + c->nout, buf, k);
			c->nout += k;
			c->out[c->nout] = '\0';
			continue;
		}
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			return false;
		close(c->fd); /* end of file, or an error: nothing more to read */
		c->fd = -1;
		return true;
	}
	return false;
}

/* The last non-empty line of s. */
static void last_line(const char *s, char *buf, size_t len)
{
	const char *end = s + strlen(s), *start;

	while (end > s && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	start = end;
	while (start > s && start[-1] != '\n')
		start--;
	if (!strncmp(start, "iommu-groups: ", 14) && end - start >= 14)
		start += 14;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

bool act_reap(struct act_child *c, char *msg, size_t len)
{
	const char *what = c->kind == ACT_ATTACH ? "attach" : "detach";
	char line[512];
	pid_t r;

	if (!c->pid)
		return false;
	do
		r = waitpid(c->pid, &c->status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return false;
	c->pid = 0;
	if (c->fd >= 0) {
		act_read(c);
		if (c->fd >= 0) {
			close(c->fd);
			c->fd = -1;
		}
	}
	last_line(c->out, line, sizeof(line));
	if (r > 0 && WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0)
		snprintf(msg, len, "%s %s: done%s", what, c->bdf,
			 c->kind == ACT_ATTACH ? ", kept on vfio-pci (d detaches)" : ", drivers restored");
	else if (r > 0 && WIFSIGNALED(c->status))
		snprintf(msg, len, "%s %s: killed by signal %d: %s", what, c->bdf, WTERMSIG(c->status),
			 line);
	else
		snprintf(msg, len, "%s %s failed (exit %d): %s", what, c->bdf,
			 r > 0 && WIFEXITED(c->status) ? WEXITSTATUS(c->status) : -1, line);
	return true;
}
