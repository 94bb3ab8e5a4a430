/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * translate.h - which functions an IOMMU translates at all. A function no
 * IOMMU unit translates gets no IOMMU group from the kernel, and so no
 * isolation group here: it takes no part in grouping.
 *
 * With the kernel's groups at hand (an IOMMU on), a function the kernel
 * left without one is untranslated, on the kernel's word (but behind
 * virtio-iommu an unbound function is grouped only when a driver binds).
 * Without them (IOMMU off, a dump) the ACPI IVRS or DMAR table decides when
 * readable (acpi.h); else only what is certain without them is applied: an AMD IOMMU's own PCI function is never translated (the AMD
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
	const char *reason; /* static text; NULL when certainly translated */
};

/* The verdict for one function (m's kernel groups, ids, classes and ACPI
 * tables). reason: why not translated, or why a translated verdict is
 * uncertain; NULL for a certain translated one. */
struct translation translate_of(const struct sysmodel *m, int dev);

/* The function on dev's bus that the IVRS table names as dev's DMA alias
 * (IVHD_DEV_ALIAS*), NO_DEV if none. */
int translate_ivrs_alias(const struct sysmodel *m, int dev);

/* 1 when a DMAR RMRR names dev (or a bridge above it) and the kernel does
 * not relax it (device_rmrr_is_relaxable: USB and graphics are), so VFIO
 * cannot take it; 0 when not; -1 when the DMAR table is not readable. */
int translate_rmrr(const struct sysmodel *m, int dev);

/* How the kernel refused such a device (intel-iommu before 5.3; 6.x says
 * "Firmware has requested this device have a 1:1 IOMMU mapping"). */
#define RMRR_NOTE "Ineligible for IOMMU domain attach due to platform RMRR requirement"

#endif
