/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quirks_table.h - initialisers shared by the quirk tables (quirks_acs.c,
 * quirks_dma.c); private to them, not part of the quirks.h interface.
 */
#ifndef IOMMU_GROUPS_QUIRKS_TABLE_H
#define IOMMU_GROUPS_QUIRKS_TABLE_H

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* kver_range initialisers (plain braces: constant in static tables). */
#define R_ALL { { 0, 0 }, { 0, 0 } }
#define KR_SINCE(a, b) { { (a), (b) }, { 0, 0 } }
#define KR_SPAN(a, b, c, d) { { (a), (b) }, { (c), (d) } }

#endif
