/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * relations.h - the edges between functions that make IOMMU groups.
 *
 * pci_device_group() (drivers/iommu/iommu.c) written as relations: each
 * edge joins two functions and carries the rule that made it (kind), the
 * function responsible and whether it is a hardware alias (never
 * separable). Alias sets and isolation groups are the connected components
 * of these edges (groups.h); explanations read the same edges.
 */
#ifndef IOMMU_GROUPS_RELATIONS_H
#define IOMMU_GROUPS_RELATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acs.h"
#include "model.h"
#include "quirks.h"
#include "rulectx.h"
#include "translate.h"

enum rel_kind {
	REL_DMA_ALIAS_QUIRK,       /* same-bus DMA alias (dma_alias_mask) */
	REL_REAL_DMA_DEV,          /* pci_real_dma_dev(): VMD issues the DMA */
	REL_PCIE_TO_PCI_BRIDGE,    /* owner of the requester ID behind it */
	REL_PCI_BRIDGE,            /* conventional bridge: DMA with its own ID */
	REL_MULTIFUNCTION_NO_ACS,  /* non-isolated functions of one slot */
	REL_NO_ACS_UPSTREAM,       /* a port/bridge on the path lacks ACS */
	REL_ACS_DISABLED_UPSTREAM, /* ACS present, required controls off */
	REL_CONVENTIONAL_BUS,      /* a conventional bus/bridge on the path:
				    * PCI cannot isolate, ever */
	REL_ACS_UNKNOWN,           /* could not read far enough to tell */
	REL_IVRS_ALIAS,            /* firmware-declared DMA alias (ACPI IVRS
				    * IVHD_DEV_ALIAS*, on the same bus) */
	REL_NKINDS,                /* the kinds of edge relations_build() makes */
	/* Not an edge: a join the kernel made that no rule here explains
	 * (explain.h). It has a row in the kind table all the same, since
	 * the output names it as a kind. */
	REL_UNEXPLAINED = REL_NKINDS,
};
#define REL_NKINDS_ALL (REL_NKINDS + 1) /* rows of the kind table */

struct rel {
	int a, b;            /* the functions joined */
	enum rel_kind kind;
	int at;              /* the function responsible */
	bool alias;          /* part of an alias set: nothing splits it */
	bool certain;        /* false when it rests on unreadable config */
	uint16_t missing;    /* ACS controls required but off (at's) */
	enum acs_basis basis;        /* why `at` is not ACS-isolated */
	const struct acs_quirk *acs_quirk;  /* quirk that decided, if any */
	const struct dma_quirk *dma_quirk;  /* fixup behind an alias */
};

/* A requester ID a function's DMA carries, and the function owning it. */
struct rid {
	int dev;     /* whose DMA */
	int owner;   /* device that owns the ID (itself, or a bridge) */
	uint32_t domain;
	uint8_t bus, devfn;
};

struct relations {
	struct rel *v;
	size_t n, cap;
	struct rid *rids;
	size_t nrids, rids_cap;
	int *point;  /* per device: point of minimum granularity (alias walk) */
	struct translation *xl; /* per device: does an IOMMU translate it
				 * (translate.h)? An untranslated one has no edges. */
};

/* Build every edge for m by the rules and what-if state of rc. 0, or -1
 * on allocation failure. */
int relations_build(const struct sysmodel *m, const struct rulectx *rc, struct relations *r);
void relations_free(struct relations *r);

/* What a kind is, one row per kind (REL_NKINDS_ALL rows, relations.c):
 * the only place that names kinds or says what they mean. Text, JSON, the
 * TUI and --list-edge-kinds read it; tests/cli/check-docs.sh checks the
 * man page and docs/json.md against it. */
struct rel_kind_info {
	const char *name;     /* as the contract spells it ("no-acs-upstream") */
	enum tri fixable;     /* can a change separate them; TRI_UNKNOWN for
			       * unexplained (JSON null) */
	bool remedy_helps;    /* the remedy is something to do, not "none" */
	const char *sentence; /* what the kind means, one line (docs/json.md) */
	const char *remedy;   /* what to do, for people */
};

/* The row of kind k; a kind out of range gets the unexplained row. */
const struct rel_kind_info *rel_kind_info(enum rel_kind k);

/* The kind's name as the contract spells it ("no-acs-upstream" ...). */
const char *rel_kind_name(enum rel_kind k);

#endif
