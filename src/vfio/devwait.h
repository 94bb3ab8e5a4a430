/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devwait.h - wait for a device node that a bind is about to create
 * (/dev/vfio/N, /dev/vfio/devices/vfioX). Where a udev daemon runs
 * (run/udev/control exists below the root) a libudev monitor on the "udev"
 * source wakes the wait as soon as udev has handled the node (its
 * permissions set); where none runs (containers, an initramfs, the test
 * guest) devtmpfs still creates the node and the wait polls for it. Both
 * look at the node itself, so a missed event only costs a poll period.
 */
#ifndef IOMMU_GROUPS_DEVWAIT_H
#define IOMMU_GROUPS_DEVWAIT_H

#include <stdbool.h>

#include "sysroot.h"

enum devwait_how { DEVWAIT_POLL, DEVWAIT_UDEV };

/* Wait until node (an absolute path) is a character device, at most
 * timeout_ms. subsystem: the udev subsystem of its events ("vfio",
 * "vfio-dev"). sr: where to look for the udev daemon's control socket.
 * how (may be NULL) says which way was used. 0, -ETIMEDOUT, -ENOTTY when
 * node exists but is not a character device, or -errno of stat(). */
int devwait_node(const struct sysroot *sr, const char *node, const char *subsystem,
		 int timeout_ms, enum devwait_how *how);

#endif
