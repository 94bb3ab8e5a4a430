/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * translate.h - which functions an IOMMU translates at all. A function no
 * IOMMU unit translates gets no IOMMU group from the kernel, and so no
 * isolation group here: it takes no part in grouping.
 *
 * With the kernel's groups at hand (an IOMMU on), a function the kernel
 * left without one is untranslated, on the kernel's word. Without them
 * (IOMMU off, a dump) only what is certain without the firmware tables is
 * applied: an AMD IOMMU's own PCI function is never translated (the AMD
 * driver clears its own entry of the IVRS lookup table); the AMD root
 * complex beside it (00:00.0) lies outside the IVRS device scope on the
 * machines seen, which the tables alone could confirm: uncertain.
 */
#ifndef IOMMU_GROUPS_TRANSLATE_H
#define IOMMU_GROUPS_TRANSLATE_H

#include <stdbool.h>

#include "model.h"

struct translation {
	bool translated;
	bool certain;
	const char *reason; /* static text; NULL when translated */
};

/* The verdict for one function (m's kernel groups, ids and classes). */
struct translation translate_of(const struct sysmodel *m, int dev);

#endif
