/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * names.h - vendor, device and class names from pci.ids, through libpci.
 *
 * libpci is set up with sysfs.path below the sysroot, so even its own
 * probing stays inside it; hwdb lookups are off so that names depend only
 * on the pci.ids file (which tests pin with IOMMU_GROUPS_PCI_IDS).
 */
#ifndef IOMMU_GROUPS_NAMES_H
#define IOMMU_GROUPS_NAMES_H

#include "model.h"
#include "sysroot.h"

#include <stddef.h>

/* Fill vendor_name, device_name, class_name of every device ("" when
 * pci.ids has no entry). ids_file NULL: libpci's default. -1 with a
 * message in err (raw: it may quote the file) when libpci fails (a
 * malformed pci.ids) or memory runs out; never exits. */
int names_fill(struct sysmodel *m, const struct sysroot *sr, const char *ids_file, char *err,
	       size_t errlen);

#endif
