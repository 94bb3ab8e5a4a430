/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * journal.h - the crash-safe record of an attach: one file per IOMMU group,
 * DIR/group-N.json (DIR: $IOMMU_GROUPS_RUNDIR, default /run/iommu-groups),
 * holding the boot id, and per member its address, ids, original driver
 * name, original driver_override, and the steps started (intent) and done.
 * It is written ahead: the intent of a step is saved before the write that
 * performs it, so that a run killed at any point can be undone by detach.
 * Every save is temp file + fsync + rename + fsync of the directory.
 * An flock on DIR/group-N.lock (a file of its own: rename replaces the
 * journal's inode) keeps two runs off one group.
 */
#ifndef IOMMU_GROUPS_JOURNAL_H
#define IOMMU_GROUPS_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The steps of one member, as bits of intent/done. */
enum jstep {
	JS_OVERRIDE = 1u << 0, /* driver_override = vfio-pci */
	JS_UNBIND = 1u << 1,   /* unbound from the original driver */
	JS_PROBE = 1u << 2,    /* drivers_probe: bound to vfio-pci */
};

struct jmember {
	char bdf[24];
	uint16_t vendor, device;
	char driver[64];   /* original driver, "" when unbound */
	char override[64]; /* original driver_override, "" for (null) */
	bool move;         /* rebound to vfio-pci by the attach */
	unsigned int intent, done;
};

struct journal {
	char dir[2048];
	int group;
	int lockfd;        /* -1 when not locked */
	char boot_id[64];
	long pid;          /* the process that wrote it */
	bool kept;         /* attach --keep finished: held on purpose */
	struct jmember *members;
	size_t nmembers;
};

/* The directory: $IOMMU_GROUPS_RUNDIR or /run/iommu-groups. */
void journal_dir(char *buf, size_t len);

/* Initialise j for group (no file yet) and take the group's lock,
 * creating DIR (0700) if needed. 0; -EBUSY when another process holds the
 * lock; else -errno with err set. */
int journal_open(struct journal *j, int group, char *err, size_t errlen);

/* Does a journal file exist for j's group? */
bool journal_exists(const struct journal *j);

/* Read the group's journal file into j (locked by journal_open). 0, or
 * -errno / -EINVAL (malformed) with err set. */
int journal_load(struct journal *j, char *err, size_t errlen);

/* Write j durably (temp + fsync + rename + fsync dir). 0 or -errno. */
int journal_save(struct journal *j);

/* Remove the file (the group is restored). 0 or -errno. */
int journal_remove(struct journal *j);

/* Unlock and free; the file stays. */
void journal_close(struct journal *j);

/* Add a member (journal owns a copy). NULL on ENOMEM. */
struct jmember *journal_add(struct journal *j, const struct jmember *m);

/* Group numbers of every journal file in DIR, ascending; *n = count.
 * 0 or -errno (a missing DIR is 0 with none). */
int journal_list(const char *dir, int **groups, size_t *n);

#endif
