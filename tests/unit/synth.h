/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * synth.h - synthetic PCI config space for unit tests.
 *
 * A struct synth is one function's config space as the kernel would show
 * it: a type-0 endpoint or a type-1 bridge, standard capabilities chained
 * from 0x34 (the PCI Express capability at 0x40 unless something is added
 * before it), extended capabilities chained from 0x100, a multifunction
 * bit, and how much of it can be read (64, 256 or 4096 bytes). Offsets and
 * bits are those of include/uapi/linux/pci_regs.h.
 */
#ifndef IOMMU_GROUPS_TEST_SYNTH_H
#define IOMMU_GROUPS_TEST_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* pci_regs.h capability ids used by the tests */
enum {
	SY_CAP_ID_PM = 0x01,     /* PCI_CAP_ID_PM */
	SY_CAP_ID_MSI = 0x05,    /* PCI_CAP_ID_MSI */
	SY_CAP_ID_EXP = 0x10,    /* PCI_CAP_ID_EXP */
	SY_EXT_CAP_ID_ERR = 0x01, /* PCI_EXT_CAP_ID_ERR (AER) */
	SY_EXT_CAP_ID_ACS = 0x0d, /* PCI_EXT_CAP_ID_ACS */
	SY_EXT_CAP_ID_ARI = 0x0e, /* PCI_EXT_CAP_ID_ARI */
};

struct synth {
	uint8_t b[4096];
	size_t len;      /* bytes the reader gets */
	size_t full;     /* the size the kernel has (sysfs file size) */
	uint16_t cap_next;  /* where the next standard capability goes */
	uint16_t cap_last;  /* offset of the last one (0: none yet) */
	uint16_t ext_next;  /* where the next extended capability goes */
	uint16_t ext_last;  /* offset of the last one (0: none yet) */
};

/* A type-0 function: ids, class (24 bits), no capabilities; 4096 bytes. */
void synth_endpoint(struct synth *s, uint16_t vendor, uint16_t device, uint32_t class);
/* A type-1 bridge (class 0x060400) with primary/secondary/subordinate. */
void synth_bridge(struct synth *s, uint16_t vendor, uint16_t device, uint8_t primary,
		  uint8_t secondary, uint8_t subordinate);
void synth_multifunction(struct synth *s, bool on);
void synth_subsystem(struct synth *s, uint16_t subvendor, uint16_t subdevice);

/* Append a standard capability of `size` bytes (id, next) to the chain;
 * returns its offset. */
uint16_t synth_add_cap(struct synth *s, uint8_t id, uint8_t size);
/* The PCI Express capability (v2) with the given port type
 * (PCI_EXP_FLAGS_TYPE). */
uint16_t synth_add_pcie(struct synth *s, enum pcie_type type);
/* Append an extended capability of `size` bytes; returns its offset. */
uint16_t synth_add_ext_cap(struct synth *s, uint16_t id, uint16_t size);
/* ACS extended capability: capability register (pos+4) and control
 * register (pos+6); the dword at pos+8 (egress vector / Intel SPT control)
 * is zero. */
uint16_t synth_add_acs(struct synth *s, uint16_t cap, uint16_t ctrl);
/* What the reader gets (len) and what the kernel has (full). */
void synth_size(struct synth *s, size_t len, size_t full);

/* Little-endian stores, for tests that poke registers directly. */
void synth_w16(struct synth *s, size_t off, uint16_t v);
void synth_w32(struct synth *s, size_t off, uint32_t v);

/* Parse into a zeroed struct dev (dev_parse_config) with location set and
 * links unset (NO_DEV). */
void synth_parse(const struct synth *s, struct dev *d);

#endif
