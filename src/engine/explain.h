/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * explain.h - why a function shares its group: the chain of relation
 * edges from it to every other member, what each cause is and how it could
 * be fixed, and what enabling ACS at the responsible places would split
 * (recomputed with the same engine, not guessed). Reads the edges that
 * made the groups; never a second copy of a rule.
 */
#ifndef IOMMU_GROUPS_EXPLAIN_H
#define IOMMU_GROUPS_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

struct split {
	int *assume;      /* functions assumed ACS-isolated */
	size_t nassume;
	int *group_of;    /* per member of the original group (members[]
			   * order, the device first): new group index */
	size_t ngroups;
};

/* Members that share one requester ID (an alias set of two or more):
 * nothing can split them. */
struct never_set {
	int *members;     /* in members[] order */
	size_t n;
};

/* Everything why-shared says, as data: renderers print it and compute
 * nothing (render.h). */
struct explanation {
	int dev;
	int *members;     /* the group: dev first, then the others ascending */
	size_t nmembers;
	struct rel *reasons; /* BFS tree: connects dev to every member (copies:
			      * the what-if recomputation frees the edges) */
	size_t nreasons;
	int *unexplained; /* in the kernel group but joined by no rule here */
	size_t nunexplained;
	/* IOMMU on, but the kernel gave dev no group: its group is a
	 * prediction, and that is itself unexplained */
	bool ungrouped;
	/* The joins no rule makes, as reasons of kind REL_UNEXPLAINED
	 * (certain false): {dev, m, at m} for each m of unexplained[], then
	 * {dev, dev, at dev} when ungrouped. */
	struct rel *unexplained_reasons;
	size_t nunexplained_reasons;
	int *extra;       /* computed with dev but in another kernel group */
	size_t nextra;
	/* computed with dev, no kernel group yet: an IOMMU that attaches at
	 * driver probe (virtio-iommu) has not probed them, and the kernel's
	 * rules will put them in dev's group when it does */
	int *pending;
	size_t npending;
	int *isolators;   /* when alone: the ACS-enabled ports on its path */
	size_t nisolators;
	struct split *splits;
	size_t nsplits;
	struct never_set *never; /* the group's alias sets of two or more */
	size_t nnever;
};

/* Explain devs[dev]. What-if groups are computed on a copy of the rules
 * context; the analysis is only read. 0, or -1 on allocation failure. */
int explain_device(const struct analysis *a, int dev, struct explanation *x);
void explanation_free(struct explanation *x);

/* Text for one reason, for people and for JSON "detail"/"remedy"; the
 * kind's facts are rel_kind_info()'s. */
void reason_detail(const struct analysis *a, const struct rel *e, char *buf, size_t len);
const char *reason_remedy(const struct rel *e);
bool reason_fixable(const struct rel *e);

/* An unexplained reason's sentence, for a line that already names both
 * functions: "the kernel grouped them ..." (reason_detail names them). */
void unexplained_detail_short(const struct rel *e, char *buf, size_t len);

#endif
