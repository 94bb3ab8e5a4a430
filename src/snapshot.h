/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snapshot.h - capture what the tool reads into a directory that works as
 * a --sysroot later: PCI functions (config space as read, ids, links to
 * driver, IOMMU group, physfn/virtfn), the kernel's IOMMU groups, IOMMU
 * units, the ACPI tables whose presence matters, and the kernel release,
 * version and command line. Links are kept as links, relative as sysfs has
 * them. Reads go through the rooted accessor; writes only below DIR.
 */
#ifndef IOMMU_GROUPS_SNAPSHOT_H
#define IOMMU_GROUPS_SNAPSHOT_H

#include <stddef.h>

#include "sysroot.h"

struct snapshot_stats {
	size_t functions, groups, truncated;
};

/* 0, or -1 with a one-line message in err. dir must not exist or be empty. */
int snapshot_take(const struct sysroot *sr, const char *dir, struct snapshot_stats *st, char *err,
		  size_t errlen);

#endif
