/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analysis.h - the pipeline every command shares: sysroot -> device model
 * -> quirks of the chosen kernel -> relation edges -> groups. Renderers
 * and commands only read the result.
 */
#ifndef IOMMU_GROUPS_ANALYSIS_H
#define IOMMU_GROUPS_ANALYSIS_H

#include <stdbool.h>

#include "groups.h"
#include "kver.h"
#include "model.h"
#include "relations.h"
#include "rulectx.h"
#include "sysroot.h"

struct analysis_opts {
	const char *sysroot;   /* NULL: the running system */
	const char *kernel;    /* --kernel VERSION, NULL: the examined one's */
	const char *pci_ids;   /* pci.ids file, NULL: libpci's default */
	const char *from_dump; /* an `lspci -xxxx` dump instead of sysfs */
	const char *cmdline;   /* --cmdline: the kernel command line, instead
				* of the sysroot's proc/cmdline (a dump has none) */
	bool names;            /* look up names (text and JSON want them) */
};

/* Why the IOMMU is not on, as the text and JSON say it (iommu_state). */
enum iommu_why {
	IOMMU_WHY_ON,        /* it is on: the kernel made groups */
	IOMMU_WHY_DUMP,      /* unknown: an lspci dump shows no IOMMU */
	IOMMU_WHY_NO_GROUPS, /* units registered, but no device has a group;
			      * evidence: the first unit */
	IOMMU_WHY_CMDLINE,   /* the kernel command line turns it off;
			      * evidence: the parameter ("intel_iommu=off") */
	IOMMU_WHY_NO_UNITS,  /* no unit registered; evidence: the ACPI table
			      * that describes one ("DMAR", "IVRS"), or none */
};

/* The IOMMU state, read from the model once (analysis_run); renderers
 * only print it. Strings point into the model or are constants. */
struct iommu_state {
	bool on;                    /* the kernel made IOMMU groups */
	enum iommu_why why;
	const char *evidence;       /* see enum iommu_why; NULL when none */
	const char *firmware;       /* "DMAR", "IVRS" or NULL: ACPI table */
	char *const *units;         /* sys/class/iommu, sorted, all of them */
	size_t nunits;
	size_t ngroups;             /* kernel groups */
	size_t ungrouped;           /* PCI functions without one (when on) */
	/* The default domain type: what most kernel groups report (DMA,
	 * DMA-FQ: translated, strict or lazy; identity: passthrough); NULL
	 * with no groups or no type read. */
	const char *default_domain;
	bool acs_predicted;         /* ACS computed as the kernel would set it */
};

const char *iommu_why_name(enum iommu_why w); /* "cmdline" ...; NULL: on */

struct analysis {
	struct sysroot sr;
	struct sysmodel m;     /* what was read */
	struct rulectx rc;     /* the rules and what-if state applied to it */
	struct relations r;
	struct grouping g;
	struct kver examined;  /* release of the examined kernel (0.0 unknown) */
	struct kver requested; /* the release whose rules were asked for */
	bool rules_outside;    /* rules taken from the nearest known version */
	bool rules_from_option;
	bool from_dump;        /* model from an lspci dump: no kernel groups */
	struct iommu_state iommu;
};

/* 0 on success; else -1 with a one-line message in err (exit status 1). */
int analysis_run(struct analysis *a, const struct analysis_opts *o, char *err, size_t errlen);
void analysis_free(struct analysis *a);

/* Rebuild edges and groups after the rules context changed (assume_acs,
 * rules). */
int analysis_recompute(struct analysis *a);

/* Mark each BDF of a comma-separated list as ACS-isolated (what-if).
 * 0; or -1 with err and *usage set for a malformed BDF. */
int analysis_assume_acs(struct analysis *a, const char *list, char *err, size_t errlen,
			bool *usage);

/* Index of a BDF argument: NO_DEV with err set (and *usage for a
 * malformed one, exit 2; else absent, exit 1). */
int analysis_find_arg(const struct analysis *a, const char *bdf, char *err, size_t errlen,
		      bool *usage);

/* The rules' version as text ("6.12"). */
void kver_format(struct kver v, char *buf, size_t len);

#endif
