/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * groups.h - alias sets and isolation groups from the relation edges:
 * isolation groups by the kernel's probe sequence (each function takes the
 * first group it meets; the connected components of all edges wherever no
 * function meets two), alias sets the components of the alias edges within
 * one isolation group; and how they compare with the kernel's groups.
 */
#ifndef IOMMU_GROUPS_GROUPS_H
#define IOMMU_GROUPS_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "relations.h"

struct set {
	int id;
	int *members; /* device indices, ascending */
	size_t n;
	bool certain;    /* no edge inside rests on unreadable config */
	int kernel_group;   /* isolation groups: the kernel group of its
			     * members when they all share one, else NO_GROUP */
	bool matches_kernel; /* its members that have a kernel group are
			      * exactly that kernel group */
	bool has_kernel;     /* some member has a kernel group */
	bool translated;     /* isolation groups: false for the set of one
			      * function no IOMMU translates, which is in no
			      * group at all (renderers show none) */
	unsigned int doubt;  /* why not certain: SET_DOUBT_* bits */
};

/* Why a set is uncertain (struct set.doubt). */
enum {
	SET_DOUBT_CONFIG = 1u << 0, /* an edge rests on config space not read */
	SET_DOUBT_ALIAS = 1u << 1,  /* DMA aliases the kernel reads from registers */
	SET_DOUBT_PLACE = 1u << 2,  /* a member's place in sysfs is doubtful */
	SET_DOUBT_IDS = 1u << 3,    /* a member's ids were looked up by name */
};

/* A few words for the first reason in doubt ("config space incomplete"),
 * for text output; NULL when certain. */
const char *set_doubt_text(unsigned int doubt);

struct grouping {
	int *alias_of;     /* per device: alias set id */
	int *isolation_of; /* per device: isolation group id */
	struct set *alias_sets, *isolation_groups;
	size_t nalias, niso;
	/* kernel groups (with members) equal to no isolation group: non-zero
	 * exactly when some isolation group differs from the kernel's */
	size_t kgroups_differ;
};

/* Device indices ordered by (kernel group, index): groups' members are
 * runs; devices without a group come first. Caller frees. */
int *kernel_group_order(const struct sysmodel *m);

int grouping_compute(const struct sysmodel *m, const struct relations *r, struct grouping *g);
void grouping_free(struct grouping *g);

#endif
