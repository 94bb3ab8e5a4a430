// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tui_live.c - the libudev monitor behind the live view (see tui_live.h).
 * udev's own monitor is silent without a udev daemon, so that case takes
 * the kernel's netlink group instead: the same uevents, before udev's
 * rules (which the view does not need: it re-reads sysfs anyway).
 */
#include "tui_live.h"

#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tui_live {
	struct udev *udev;
	struct udev_monitor *mon;
	const char *source;
};

/* The socket udevd listens on: libudev's own test for a running daemon. */
#define UDEV_CONTROL "/run/udev/control"

struct tui_live *live_open(char *err, size_t errlen)
{
	struct tui_live *l = calloc(1, sizeof(*l));

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->udev = udev_new();
	if (!l->udev) {
		snprintf(err, errlen, "udev_new failed");
		free(l);
		return NULL;
	}
	l->source = access(UDEV_CONTROL, F_OK) == 0 ? "udev" : "kernel";
	l->mon = udev_monitor_new_from_netlink(l->udev, l->source);
	if (!l->mon) {
		snprintf(err, errlen, "no %s event monitor: %s", l->source, strerror(errno));
		live_close(l);
		return NULL;
	}
	/* best effort: a storm of events then overflows less often */
	udev_monitor_set_receive_buffer_size(l->mon, 1 << 20);
	if (udev_monitor_filter_add_match_subsystem_devtype(l->mon, "pci", NULL) < 0 ||
	    udev_monitor_filter_add_match_subsystem_devtype(l->mon, "vfio", NULL) < 0 ||
	    udev_monitor_enable_receiving(l->mon) < 0) {
		snprintf(err, errlen, "cannot listen to %s events: %s", l->source, strerror(errno));
		live_close(l);
		return NULL;
	}
	return l;
}

void live_close(struct tui_live *l)
{
	if (!l)
		return;
	if (l->mon)
		udev_monitor_unref(l->mon);
	if (l->udev)
		udev_unref(l->udev);
	free(l);
}

int live_fd(const struct tui_live *l)
{
	return udev_monitor_get_fd(l->mon);
}

const char *live_source(const struct tui_live *l)
{
	return l->source;
}

int live_drain(struct tui_live *l, char *what, size_t whatlen)
{
	int n = 0;

	/* bounded: a flood is one refresh anyway */
	for (int i = 0; i < 4096; i++) {
		struct udev_device *d;
		const char *sub, *act, *name, *drv;

		errno = 0;
		d = udev_monitor_receive_device(l->mon);
		if (!d) {
			if (errno == ENOBUFS) { /* events were lost: assume a change */
				snprintf(what, whatlen, "events lost");
				n++;
				continue;
			}
			break; /* EAGAIN: nothing more pending (or a malformed message) */
		}
		/* the kernel source may not filter: check the subsystem here */
		sub = udev_device_get_subsystem(d);
		if (sub && (!strcmp(sub, "pci") || !strcmp(sub, "vfio"))) {
			act = udev_device_get_action(d);
			name = udev_device_get_sysname(d);
			drv = udev_device_get_driver(d);
			snprintf(what, whatlen, "%s %s %s%s%s", act ? act : "change", sub,
				 name ? name : "?", drv ? " " : "", drv ? drv : "");
			n++;
		}
		udev_device_unref(d);
	}
	return n;
}
