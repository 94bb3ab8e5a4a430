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
#include <stdint.h>

/* Fill vendor_name, device_name, class_name of every device ("" when
 * pci.ids has no entry). ids_file NULL: libpci's default. -1 with a
 * message in err (raw: it may quote the file) when libpci fails (a
 * malformed pci.ids) or memory runs out; never exits. */
int names_fill(struct sysmodel *m, const struct sysroot *sr, const char *ids_file, char *err,
	       size_t errlen);

/* pci.ids read ahead on a thread of its own while the caller loads the
 * model (parsing it is a fixed cost of about 12 ms): names_prefetch()
 * starts it (NULL if it cannot; then the fill reads it as names_fill()
 * does), names_fill_prefetched() waits for it and fills as names_fill()
 * would, with the same names and the same message for a malformed file;
 * names_prefetch_drop() where no fill follows (the load failed). Both
 * free pf. */
struct names_prefetch;
struct names_prefetch *names_prefetch(const struct sysroot *sr, const char *ids_file);
int names_fill_prefetched(struct names_prefetch *pf, struct sysmodel *m, const struct sysroot *sr,
			  const char *ids_file, char *err, size_t errlen);
void names_prefetch_drop(struct names_prefetch *pf);

/* The other way, for `lspci -vv` text without -nn (names, not ids): the
 * ids pci.ids gives these names. vd is lspci's "VENDOR DEVICE" text
 * ("Intel Corporation 82574L Gigabit Network Connection", "Intel
 * Corporation Device 10d3", "Device 8086:10d3"); cls the class name
 * ("Ethernet controller", "Class 0200", "Bridge [06ff]"). Each result:
 * NAMES_FOUND (one match), NAMES_NUMERIC (the text shows the number
 * itself), NAMES_AMBIGUOUS (several: *matches says how many) or
 * NAMES_UNKNOWN; the id is set only for the first two. */
enum names_match { NAMES_UNKNOWN, NAMES_FOUND, NAMES_NUMERIC, NAMES_AMBIGUOUS };

struct names_rev {
	enum names_match ids, cls;
	uint16_t vendor, device;
	uint16_t class16; /* base << 8 | sub */
	unsigned matches; /* vendor/device pairs that fit, when ambiguous */
};

/* pci.ids read once for many lookups: names_open(ids_file: NULL for
 * libpci's default; NULL only when out of memory), names_close(). */
struct names_ctx;
struct names_ctx *names_open(const char *ids_file);
void names_close(struct names_ctx *c);
/* -1 with err when libpci fails (a malformed pci.ids: then always). */
int names_reverse(struct names_ctx *c, const char *vd, const char *cls, struct names_rev *out,
		  char *err, size_t errlen);

#endif
