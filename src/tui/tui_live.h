/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui_live.h - what keeps the view live: a libudev monitor of the pci and
 * vfio subsystems whose fd the view polls with the keyboard. An event is
 * only a hint that something changed (bind, unbind, add, remove); the view
 * then re-reads the system, it never trusts the event's contents.
 */
#ifndef IOMMU_GROUPS_TUI_LIVE_H
#define IOMMU_GROUPS_TUI_LIVE_H

#include <stdbool.h>
#include <stddef.h>

struct tui_live;

/* A monitor of pci and vfio uevents: udev's (after its rules ran) when a
 * udev daemon runs, else the kernel's own netlink (an initramfs, a
 * container, the test guest). NULL with a one-line message in err. */
struct tui_live *live_open(char *err, size_t errlen);
void live_close(struct tui_live *l);

/* The fd to poll for input. */
int live_fd(const struct tui_live *l);
/* "udev" or "kernel": where the events come from. */
const char *live_source(const struct tui_live *l);

/* Read what is pending (bounded, never blocks). Returns the number of pci
 * or vfio events (a lost-events overflow counts as one); the last one is
 * described in what ("bind 0000:03:00.0 vfio-pci"), raw bytes from the
 * kernel that the caller passes through tv_clean() before showing. */
int live_drain(struct tui_live *l, char *what, size_t whatlen);

#endif
