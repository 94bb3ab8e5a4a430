// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * devwait.c - wait for a device node (see devwait.h): a libudev monitor
 * where a udev daemon runs, polling where none does. The monitor is set up
 * before the node is first looked at, so an event between the look and
 * the wait is not lost; every wake-up (event or period) looks at the node
 * itself, which decides.
 */
#define _GNU_SOURCE
#include "devwait.h"

#include <errno.h>
#include <libudev.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { POLL_MS = 50, UDEV_SLICE_MS = 250 };

/* 0 when node is a character device; -ENOENT not yet; else -errno. */
static int look(const char *node)
{
	struct stat st;

	if (stat(node, &st) == 0)
		return S_ISCHR(st.st_mode) ? 0 : -ENOTTY;
	return -errno;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int wait_poll(const char *node, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	struct timespec step = { 0, POLL_MS * 1000L * 1000L };

	for (;;) {
		int rc = look(node);

		if (rc != -ENOENT)
			return rc;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		nanosleep(&step, NULL);
	}
}

/* 0 or the wait's result; -EAGAIN when the monitor cannot be set up (then
 * the caller polls). */
static int wait_udev(const char *node, const char *subsystem, int timeout_ms)
{
	struct udev *u = udev_new();
	struct udev_monitor *mon = u ? udev_monitor_new_from_netlink(u, "udev") : NULL;
	long long end = now_ms() + timeout_ms;
	int rc = -EAGAIN;

	if (!mon || udev_monitor_filter_add_match_subsystem_devtype(mon, subsystem, NULL) < 0 ||
	    udev_monitor_enable_receiving(mon) < 0)
		goto out;
	for (;;) {
		struct pollfd pfd = { .fd = udev_monitor_get_fd(mon), .events = POLLIN };
		long long left;

		rc = look(node);
		if (rc != -ENOENT)
			break;
		left = end - now_ms();
		if (left <= 0) {
			rc = -ETIMEDOUT;
			break;
		}
		/* a slice, not the whole timeout: an event udev filtered or
		 * never sent still ends the wait soon after the node is there */
		/* (a flood of events ends with the timeout, like any wait) */
		if (poll(&pfd, 1, left < UDEV_SLICE_MS ? (int)left : UDEV_SLICE_MS) > 0) {
			struct udev_device *d = udev_monitor_receive_device(mon);

			if (d)
				udev_device_unref(d);
		}
	}
out:
	if (mon)
		udev_monitor_unref(mon);
	if (u)
		udev_unref(u);
	return rc;
}

int devwait_node(const struct sysroot *sr, const char *node, const char *subsystem,
		 int timeout_ms, enum devwait_how *how)
{
	int rc;

	if (how)
		*how = DEVWAIT_POLL;
	if (timeout_ms < 0)
		timeout_ms = 0;
	/* the daemon's control socket: what udevadm itself checks */
	if (sr && sr_exists(sr, "run/udev/control")) {
		rc = wait_udev(node, subsystem, timeout_ms);
		if (rc != -EAGAIN) {
			if (how)
				*how = DEVWAIT_UDEV;
			return rc;
		}
	}
	return wait_poll(node, timeout_ms);
}
