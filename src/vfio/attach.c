// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * attach.c - the attach engine (see attach.h). Order of every step: save
 * the intent in the journal, do the write, verify, save it as done. The
 * restore works from the journal and from what sysfs says now, so it can
 * be repeated after being cut at any point.
 */
#define _GNU_SOURCE
#include "attach.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void attach_ctx_init(struct attach_ctx *c, const struct sysroot *sr, const struct vfio_backend *v)
{
	const char *f = getenv("IOMMU_GROUPS_FAULT_AFTER_STEP");

	memset(c, 0, sizeof(*c));
	c->sr = sr;
	c->vfio = v;
	c->unbind_timeout_ms = 10000;
	c->node_timeout_ms = 10000;
	c->unbind_in_child = true;
	/* test-only: kill ourselves after step N, to test recovery */
	c->fault_after = f ? atoi(f) : 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A step is done and recorded: the crash-injection point. */
static void step_done(struct attach_ctx *c)
{
	c->steps++;
	if (c->fault_after > 0 && c->steps == c->fault_after) {
		fflush(NULL);
		raise(SIGKILL);
	}
}

int attach_driver_of(const struct sysroot *sr, const char *bdf, char *buf, size_t len)
{
	char rel[128];
	int rc;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/driver", bdf);
	rc = sr_link_basename(sr, rel, buf, len);
	if (rc == -ENOENT) {
		buf[0] = '\0';
		return 0;
	}
	return rc;
}

/* The driver link may follow a probe a moment later (asynchronous probe). */
static bool driver_becomes(const struct sysroot *sr, const char *bdf, const char *want, char *now,
			   size_t len)
{
	for (int i = 0; i < 20; i++) {
		if (attach_driver_of(sr, bdf, now, len) == 0 && !strcmp(now, want))
			return true;
		if (i < 19)
			sleep_ms(50);
	}
	return false;
}

void attach_boot_id(const struct sysroot *sr, char *buf, size_t len)
{
	if (sr_read_str(sr, "proc/sys/kernel/random/boot_id", buf, len))
		buf[0] = '\0';
}

static int save(struct journal *j, char *err, size_t errlen)
{
	int rc = journal_save(j);

	if (rc)
		snprintf(err, errlen, "cannot write the journal of group %d in %.300s: %s", j->group,
			 j->dir, strerror(-rc));
	return rc;
}

int attach_record(struct attach_ctx *c, struct journal *j, const struct plan *p, char *err,
		  size_t errlen)
{
	attach_boot_id(c->sr, j->boot_id, sizeof(j->boot_id));
	j->pid = (long)getpid();
	j->kept = false;
	for (size_t k = 0; k < p->nmembers; k++) {
		const struct plan_member *pm = &p->members[k];
		struct jmember m = { 0 };
		char rel[128];

		snprintf(m.bdf, sizeof(m.bdf), "%s", pm->bdf);
		m.vendor = pm->vendor;
		m.device = pm->device;
		m.move = pm->action == PA_TO_VFIO;
		/* as they are now, not as the analysis saw them a moment ago */
		if (attach_driver_of(c->sr, pm->bdf, m.driver, sizeof(m.driver))) {
			snprintf(err, errlen, "%s: cannot read its driver link", pm->bdf);
			return -EIO;
		}
		if (m.move && strcmp(m.driver, pm->driver)) {
			snprintf(err, errlen, "%s: its driver changed from '%s' to '%s' meanwhile",
				 pm->bdf, pm->driver, m.driver);
			return -EAGAIN;
		}
		snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/driver_override", pm->bdf);
		if (sr_read_str(c->sr, rel, m.override, sizeof(m.override)) || !strcmp(m.override, "(null)"))
			m.override[0] = '\0';
		if (!journal_add(j, &m)) {
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
	}
	if (save(j, err, errlen))
		return -EIO;
	step_done(c);
	return 0;
}

/* Write "bdf" to a driver's unbind file; in a child with a timeout when
 * asked, since a driver can wait forever for its device to be released. */
static int unbind(struct attach_ctx *c, const char *bdf, const char *driver, char *err,
		  size_t errlen)
{
	char rel[160];
	pid_t pid;
	int status, rc;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/driver/unbind", bdf);
	if (!c->unbind_in_child) {
		rc = sr_write(c->sr, rel, bdf, strlen(bdf));
		if (rc)
			snprintf(err, errlen, "%s: unbind from %s failed: %s", bdf, driver, strerror(-rc));
		return rc;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: cannot fork for the unbind: %s", bdf, strerror(errno));
		return rc;
	}
	if (pid == 0)
		_exit(-sr_write(c->sr, rel, bdf, strlen(bdf)) & 0xff);
	for (int waited = 0;; waited += 20) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(err, errlen, "%s: waiting for the unbind: %s", bdf, strerror(errno));
			return -ECHILD;
		}
		if (waited >= c->unbind_timeout_ms) {
			kill(pid, SIGKILL);
			/* reaped if it dies; a child stuck in the kernel stays */
			sleep_ms(20);
			waitpid(pid, &status, WNOHANG);
			snprintf(err, errlen,
				 "%s: unbind from %s hung for %d ms (the driver waits for the device to "
				 "be released; process %ld is stuck in it); the journal keeps the record",
				 bdf, driver, c->unbind_timeout_ms, (long)pid);
			return -ETIMEDOUT;
		}
		sleep_ms(20);
	}
	rc = WIFEXITED(status) ? -WEXITSTATUS(status) : -EINTR;
	if (rc)
		snprintf(err, errlen, "%s: unbind from %s failed: %s", bdf, driver, strerror(-rc));
	return rc;
}

static int bind_member(struct attach_ctx *c, struct journal *j, struct jmember *m, char *err,
		       size_t errlen)
{
	char rel[160], now[64];
	int rc;

	m->intent |= JS_OVERRIDE;
	if (save(j, err, errlen))
		return -EIO;
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/driver_override", m->bdf);
	rc = sr_write(c->sr, rel, "vfio-pci", strlen("vfio-pci"));
	if (rc) {
		snprintf(err, errlen, "%s: writing driver_override failed: %s", m->bdf, strerror(-rc));
		return rc;
	}
	m->done |= JS_OVERRIDE;
	if (save(j, err, errlen))
		return -EIO;
	step_done(c);

	if (m->driver[0]) {
		m->intent |= JS_UNBIND;
		if (save(j, err, errlen))
			return -EIO;
		rc = unbind(c, m->bdf, m->driver, err, errlen);
		if (rc)
			return rc;
		m->done |= JS_UNBIND;
		if (save(j, err, errlen))
			return -EIO;
		step_done(c);
	}

	m->intent |= JS_PROBE;
	if (save(j, err, errlen))
		return -EIO;
	rc = sr_write(c->sr, "sys/bus/pci/drivers_probe", m->bdf, strlen(m->bdf));
	/* drivers_probe succeeds even when nothing binds: the link decides */
	if (!driver_becomes(c->sr, m->bdf, "vfio-pci", now, sizeof(now))) {
		if (rc)
			snprintf(err, errlen, "%s: drivers_probe failed: %s", m->bdf, strerror(-rc));
		else
			snprintf(err, errlen, "%s: did not bind to vfio-pci (driver now: %s)", m->bdf,
				 now[0] ? now : "none");
		return rc ? rc : -ENODEV;
	}
	m->done |= JS_PROBE;
	if (save(j, err, errlen))
		return -EIO;
	step_done(c);
	return 0;
}

int attach_bind(struct attach_ctx *c, struct journal *j, char *err, size_t errlen)
{
	for (size_t k = 0; k < j->nmembers; k++) {
		int rc;

		if (!j->members[k].move)
			continue;
		rc = bind_member(c, j, &j->members[k], err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

/* The back-end found the group not viable: name the members the kernel
 * counts as DMA owners (bound to a driver that is not DMA-managed). */
static void explain_not_viable(const struct sysroot *sr, int group, char *err, size_t errlen)
{
	char rel[96], list[384] = "";
	size_t used = 0;
	struct dirent *e;
	DIR *d;

	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices", group);
	d = sr_opendir(sr, rel);
	for (int n = 0; d && n < 256 && (e = readdir(d)); n++) {
		char drv[64];

		if (e->d_name[0] == '.' || strlen(e->d_name) > 23 ||
		    attach_driver_of(sr, e->d_name, drv, sizeof(drv)) || !drv[0] ||
		    plan_driver_dma_managed(drv))
			continue;
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s on %s",
					 used ? ", " : "", e->d_name, drv);
		if (used >= sizeof(list))
			break;
	}
	if (d)
		closedir(d);
	snprintf(err, errlen,
		 "group %d is not viable for VFIO: %s%s", group,
		 list[0] ? list : "a member is bound to a driver that is not DMA-managed",
		 list[0] ? " (not DMA-managed drivers: the kernel refuses the group while they are "
			   "bound)"
			 : "");
}

int attach_probe(struct attach_ctx *c, int group, struct vfio_facts *f, char *err, size_t errlen)
{
	int rc = c->vfio->wait_group(group, c->node_timeout_ms);

	if (rc) {
		snprintf(err, errlen, "/dev/vfio/%d %s", group,
			 rc == -ETIMEDOUT ? "did not appear (is vfio-pci bound, udev running?)"
					  : strerror(-rc));
		return rc;
	}
	rc = c->vfio->probe(group, f, err, errlen);
	if (rc == -EBUSY) {
		char comm[64];
		long pid = attach_group_holder(c->sr, group, comm, sizeof(comm));

		if (pid)
			snprintf(err, errlen,
				 "/dev/vfio/%d: another process holds the group: process %ld (%s)",
				 group, pid, comm);
	} else if (rc == -EPERM) {
		explain_not_viable(c->sr, group, err, errlen);
	}
	if (!rc)
		step_done(c);
	return rc;
}

static int restore_member(struct attach_ctx *c, struct journal *j, struct jmember *m, char *err,
			  size_t errlen)
{
	char rel[192], now[64];
	int rc;

	if (attach_driver_of(c->sr, m->bdf, now, sizeof(now))) {
		snprintf(err, errlen, "%s: cannot read its driver link", m->bdf);
		return -EIO;
	}
	/* only what this run took: a device already on vfio-pci before
	 * stays there */
	if (!strcmp(now, "vfio-pci") && strcmp(m->driver, "vfio-pci")) {
		rc = unbind(c, m->bdf, "vfio-pci", err, errlen);
		if (rc)
			return rc;
	}
	if (m->intent & JS_OVERRIDE) {
		const char *v = m->override[0] ? m->override : "\n";

		snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/driver_override", m->bdf);
		rc = sr_write(c->sr, rel, v, strlen(v));
		if (rc) {
			snprintf(err, errlen, "%s: clearing driver_override failed: %s", m->bdf,
				 strerror(-rc));
			return rc;
		}
		m->done &= ~JS_OVERRIDE;
		m->intent &= ~JS_OVERRIDE;
		if (save(j, err, errlen))
			return -EIO;
	}
	if (attach_driver_of(c->sr, m->bdf, now, sizeof(now)))
		now[0] = '\0';
	if (m->driver[0] && strcmp(now, m->driver)) {
		if (now[0]) {
			snprintf(err, errlen, "%s: bound to %s, not its original %s: left alone",
				 m->bdf, now, m->driver);
			return -EBUSY;
		}
		snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s/bind", m->driver);
		rc = sr_write(c->sr, rel, m->bdf, strlen(m->bdf));
		if (rc || !driver_becomes(c->sr, m->bdf, m->driver, now, sizeof(now))) {
			/* the recorded driver may have gone (module unloaded):
			 * let the kernel choose */
			sr_write(c->sr, "sys/bus/pci/drivers_probe", m->bdf, strlen(m->bdf));
			if (!driver_becomes(c->sr, m->bdf, m->driver, now, sizeof(now))) {
				snprintf(err, errlen, "%s: did not bind back to %s (driver now: %s)",
					 m->bdf, m->driver, now[0] ? now : "none");
				return -ENODEV;
			}
		}
	}
	m->intent = m->done = 0;
	return save(j, err, errlen) ? -EIO : 0;
}

int attach_restore(struct attach_ctx *c, struct journal *j, char *err, size_t errlen)
{
	int first = 0;
	char e1[512] = "";

	/* every member, even after one fails: leave as little as possible */
	for (size_t k = 0; k < j->nmembers; k++) {
		char e[512];
		int rc;

		if (!j->members[k].move)
			continue;
		rc = restore_member(c, j, &j->members[k], e, sizeof(e));
		if (rc && !first) {
			first = rc;
			snprintf(e1, sizeof(e1), "%s", e);
		}
	}
	if (first) {
		snprintf(err, errlen, "%s", e1);
		return first;
	}
	first = journal_remove(j);
	if (first)
		snprintf(err, errlen, "group %d restored, but its journal could not be removed: %s",
			 j->group, strerror(-first));
	return first;
}

long attach_group_holder(const struct sysroot *sr, int group, char *comm, size_t len)
{
	DIR *d = sr_opendir(sr, "proc");
	struct dirent *e;
	char want[64];
	long found = 0, self = (long)getpid();

	comm[0] = '\0';
	if (!d)
		return 0;
	snprintf(want, sizeof(want), "/dev/vfio/%d", group);
	while (!found && (e = readdir(d))) {
		char rel[640], target[256];
		DIR *fds;
		struct dirent *f;
		long pid;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = strtol(e->d_name, NULL, 10);
		if (pid == self)
			continue;
		snprintf(rel, sizeof(rel), "proc/%s/fd", e->d_name);
		fds = sr_opendir(sr, rel);
		while (fds && !found && (f = readdir(fds))) {
			snprintf(rel, sizeof(rel), "proc/%s/fd/%s", e->d_name, f->d_name);
			if (f->d_name[0] != '.' && sr_readlink(sr, rel, target, sizeof(target)) > 0 &&
			    !strcmp(target, want))
				found = pid;
		}
		if (fds)
			closedir(fds);
		if (found) {
			snprintf(rel, sizeof(rel), "proc/%s/comm", e->d_name);
			if (sr_read_str(sr, rel, comm, len))
				snprintf(comm, len, "?");
		}
	}
	closedir(d);
	return found;
}
