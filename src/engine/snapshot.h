/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snapshot.h - capture what the tool reads into a directory that works as
 * a --sysroot later: PCI functions (config space as read, ids, links to
 * driver, IOMMU group, physfn/virtfn, the attributes `list -o` shows:
 * reset_method, boot_vga, numa_node, link, modalias, and on the live root
 * a "modules" file, the candidate modules devattr.h computes from
 * modules.alias, which no sysroot has), physical slots, the kernel's
 * IOMMU groups, IOMMU
 * units, the ACPI tables whose presence matters, and the kernel release,
 * version and command line. Links are kept as links, relative as sysfs has
 * them. Reads go through the rooted accessor.
 *
 * It runs as root, so no write may be steered elsewhere: the tree is built
 * in a fresh private directory beside the target (DIR.tmp-XXXXXX), every
 * write is relative to its fd, one component at a time with O_NOFOLLOW and
 * O_EXCL, a source link is re-created only when it stays inside the tree,
 * and a marker (SNAPSHOT_MARKER) says "incomplete" until everything is
 * written; then the tree is renamed to DIR without replacing anything. The
 * reading side refuses a tree whose marker does not say complete, and
 * unpacks a FILE.tar.gz (system tar, checked before and after) into a
 * private directory first.
 */
#ifndef IOMMU_GROUPS_SNAPSHOT_H
#define IOMMU_GROUPS_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "sysroot.h"

/* In the snapshot's root: "iommu-groups snapshot 1\n" then "complete\n"
 * once the snapshot was finished ("incomplete\n" until then). */
#define SNAPSHOT_MARKER ".iommu-groups-snapshot"

struct snapshot_stats {
	size_t functions, groups, truncated;
	size_t links_skipped;   /* source links leading outside the source root */
	char skipped_link[600]; /* the first of them, "PATH -> TARGET" */
	/* live: why no per-function "modules" list was written (no
	 * modules.alias), "" when they were */
	char modules_warning[320];
};

struct snapshot_opts {
	/* Tests only: stop after this many files and links were written and
	 * leave the temporary tree as a crash would (0: off). */
	size_t abandon_after;
};

/* Capture sr into the directory dir, which must not exist, or be an empty
 * directory owned by the caller and writable by nobody else. opts may be
 * NULL. 0, or -1 with a one-line message in err (nothing left behind). */
int snapshot_take(const struct sysroot *sr, const char *dir, const struct snapshot_opts *opts,
		  struct snapshot_stats *st, char *err, size_t errlen);

/* The same into a gzip-compressed tar file (must not exist), made by the
 * system's tar from a temporary tree, written beside file and renamed. */
int snapshot_take_tar(const struct sysroot *sr, const char *file, const struct snapshot_opts *opts,
		      struct snapshot_stats *st, char *err, size_t errlen);

/* Whether a --sysroot argument names a tarball (ends in .tar.gz or .tgz). */
bool snapshot_is_tarball(const char *path);

/* For --sysroot path: the directory to open, in buf. A tarball is unpacked
 * into a private temporary directory (removed at exit, or by
 * snapshot_input_cleanup()), refused when any entry is not a file,
 * directory or link, has an absolute or '..' name, or is a link leading
 * outside it. Anything else is copied as given. 0, or -1 with err. */
int snapshot_input(const char *path, char *buf, size_t len, char *err, size_t errlen);
void snapshot_input_cleanup(void);

/* After sr_open of a --sysroot: -1 with "incomplete snapshot: NAME" in err
 * when the root has a snapshot marker that does not say complete, or
 * carries the temporary name of an unfinished snapshot without a marker
 * saying complete. A tree with no marker (made by hand, a fixture) is 0. */
int snapshot_check(const struct sysroot *sr, const char *name, char *err, size_t errlen);

#endif
