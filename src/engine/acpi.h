/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * acpi.h - the firmware tables that say which PCI functions an IOMMU
 * translates: DMAR (Intel VT-d: DRHD units with device scopes or
 * INCLUDE_PCI_ALL, RMRR reserved regions, ATSR) and IVRS (AMD-Vi: IVHD
 * blocks of device entries, firmware-declared DMA aliases among them),
 * parsed from their bytes into plain lists. Scopes stay as the firmware
 * wrote them (a start bus and a path); translate.c resolves them against
 * the device model.
 *
 * The bytes are hostile: every length is checked against the table and the
 * structure around it, loops are bounded by the table's size, and a
 * malformed table is refused as a whole with a one-line reason (the kernel
 * would not trust it either). Unreadable (root-only on a live system, empty
 * in a snapshot taken without root) means unknown, not an error.
 */
#ifndef IOMMU_GROUPS_ACPI_H
#define IOMMU_GROUPS_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysroot.h"

/* The most either table is read to: real ones are a few KiB. */
#define ACPI_TABLE_MAX (256 * 1024)
/* A device scope path deeper than this is refused (PCI has 256 buses). */
#define ACPI_PATH_MAX 32

enum dmar_scope_type {
	DMAR_SCOPE_ENDPOINT = 1,  /* ACPI_DMAR_SCOPE_TYPE_ENDPOINT */
	DMAR_SCOPE_BRIDGE = 2,    /* a bridge and everything below it */
	DMAR_SCOPE_IOAPIC = 3,
	DMAR_SCOPE_HPET = 4,
	DMAR_SCOPE_NAMESPACE = 5, /* an ACPI namespace device */
};

struct dmar_scope {
	uint8_t type;      /* enum dmar_scope_type (others kept as read) */
	uint8_t start_bus;
	uint8_t npath;
	uint8_t path[ACPI_PATH_MAX]; /* devfn at each level from start_bus */
};

enum dmar_kind {
	DMAR_DRHD = 0, /* a remapping unit */
	DMAR_RMRR = 1, /* memory the firmware keeps using for DMA */
	DMAR_ATSR = 2, /* root ports where ATS is allowed */
};

struct dmar_struct {
	enum dmar_kind kind;
	uint16_t segment;
	bool all;             /* DRHD: INCLUDE_PCI_ALL; ATSR: ALL_PORTS */
	uint64_t base, limit; /* DRHD: register base; RMRR: the region */
	struct dmar_scope *scopes;
	size_t nscopes;
};

/* IVHD device entry types (drivers/iommu/amd/init.c). */
enum {
	IVHD_DEV_ALL = 0x01,
	IVHD_DEV_SELECT = 0x02,
	IVHD_DEV_SELECT_RANGE_START = 0x03,
	IVHD_DEV_RANGE_END = 0x04,
	IVHD_DEV_ALIAS = 0x42,
	IVHD_DEV_ALIAS_RANGE = 0x43,
	IVHD_DEV_EXT_SELECT = 0x46,
	IVHD_DEV_EXT_SELECT_RANGE = 0x47,
	IVHD_DEV_SPECIAL = 0x48,
	IVHD_DEV_ACPI_HID = 0xf0,
};

/* Requester IDs [first, last] (bus << 8 | devfn) one IOMMU translates;
 * with alias, their DMA reaches it as alias_to instead. */
struct ivrs_range {
	uint8_t type; /* the entry that made it (a range: its start entry) */
	uint16_t first, last;
	bool alias;
	uint16_t alias_to;
};

struct ivhd {
	uint8_t type;         /* 0x10, 0x11 or 0x40 */
	uint16_t iommu_devid; /* the IOMMU's own PCI function */
	uint16_t segment;
	struct ivrs_range *ranges;
	size_t nranges;
};

struct acpi_tables {
	bool dmar_read, ivrs_read; /* parsed: the lists below are valid */
	struct dmar_struct *dmar;
	size_t ndmar;
	struct ivhd *ivhd;
	size_t nivhd;
	/* the kernel uses the IVHD blocks of the highest type it supports
	 * only (get_highest_supported_ivhd_type); 0 when none */
	uint8_t ivhd_type;
	/* why a table that is there was not used ("" when it was, or is
	 * absent): unreadable, empty, or malformed and where */
	char dmar_why[160], ivrs_why[160];
	bool dmar_malformed, ivrs_malformed; /* read, but refused */
};

/* Parse a whole table (its ACPI header first). 0; or -1 with a one-line
 * reason in err, and t's lists for that table empty. */
int acpi_parse_dmar(struct acpi_tables *t, const uint8_t *buf, size_t len, char *err,
		    size_t errlen);
int acpi_parse_ivrs(struct acpi_tables *t, const uint8_t *buf, size_t len, char *err,
		    size_t errlen);

/* Read and parse sys/firmware/acpi/tables/{DMAR,IVRS} below sr into a new
 * record (NULL only when out of memory); absent, unreadable or malformed
 * tables leave *_read false with the reason in *_why. */
struct acpi_tables *acpi_load(const struct sysroot *sr);
void acpi_free(struct acpi_tables *t);

/* Does the chosen IVHD type's entries cover requester ID devid of segment
 * seg? The alias it declares, if any, in *alias_to (else devid). */
bool ivrs_covers(const struct acpi_tables *t, uint16_t seg, uint16_t devid, uint16_t *alias_to);

#endif
