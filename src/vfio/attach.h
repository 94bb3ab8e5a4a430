/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * attach.h - the attach engine: moves a group's endpoints to vfio-pci and
 * back, every sysfs write through sr_write(), every step recorded in the
 * journal before it is taken (journal.h), and restores from a journal
 * (its own, or one left by a --keep or a killed run). cmd_attach.c is the
 * command line around it; unit tests drive it on a fake sysroot with a fake
 * VFIO back-end.
 */
#ifndef IOMMU_GROUPS_ATTACH_H
#define IOMMU_GROUPS_ATTACH_H

#include <stdbool.h>
#include <stddef.h>

#include "journal.h"
#include "plan.h"
#include "sysroot.h"
#include "vfio.h"

struct attach_ctx {
	const struct sysroot *sr;          /* writable: live, or a test tree */
	const struct vfio_backend *vfio;
	int unbind_timeout_ms;             /* an unbind can hang: then report */
	int node_timeout_ms;               /* wait for /dev/vfio/N */
	/* Test builds' crash injection: raise SIGKILL once this many steps
	 * are done ($IOMMU_GROUPS_FAULT_AFTER_STEP; 0 = never). */
	int fault_after;
	int steps;                         /* steps done so far */
	bool unbind_in_child;              /* false in unit tests: no fork */
};

/* Defaults; fault_after from the environment (test-only variable). */
void attach_ctx_init(struct attach_ctx *c, const struct sysroot *sr, const struct vfio_backend *v);

/* The current driver of bdf ("" when unbound). 0 or -errno. */
int attach_driver_of(const struct sysroot *sr, const char *bdf, char *buf, size_t len);

/* Fill j from the plan (boot id, each member's driver and driver_override
 * as they are now) and save it: the first durable record, before any
 * write. 0, or -errno with err. */
int attach_record(struct attach_ctx *c, struct journal *j, const struct plan *p, char *err,
		  size_t errlen);

/* Bind every member marked move to vfio-pci (driver_override, unbind,
 * drivers_probe, verify), journaling each step. 0, or -errno with err
 * naming the member (a hung unbind: -ETIMEDOUT). */
int attach_bind(struct attach_ctx *c, struct journal *j, char *err, size_t errlen);

/* Wait for /dev/vfio/N and run the back-end's probe. */
int attach_probe(struct attach_ctx *c, int group, struct vfio_facts *f, char *err, size_t errlen);

/* Undo what j records: unbind from vfio-pci, driver_override back, bind
 * the recorded driver (drivers_probe as fallback), verify each; then
 * remove the journal. 0 when every member is back; else -errno with err
 * naming the first that is not (the journal is kept for another try). */
int attach_restore(struct attach_ctx *c, struct journal *j, char *err, size_t errlen);

/* The boot id (proc/sys/kernel/random/boot_id), "" when unreadable. */
void attach_boot_id(const struct sysroot *sr, char *buf, size_t len);

/* A process holding /dev/vfio/N (not this one): its pid and command, or
 * 0 when none. Reads proc/PID/fd through the sysroot. */
long attach_group_holder(const struct sysroot *sr, int group, char *comm, size_t len);

#endif
