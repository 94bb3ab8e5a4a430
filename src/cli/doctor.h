/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * doctor.h - what IOMMU users trip over, checked on the examined system:
 * the IOMMU on and its default-domain mode, firmware tables, interrupt
 * remapping, kernel parameters, vfio modules, unsafe VFIO modes, and, on
 * the live system only, RLIMIT_MEMLOCK, /dev/vfio permissions and
 * hugepages. Each check is data (name, status, what was seen, what to do);
 * cmd_doctor renders them. Every read goes through the rooted accessor.
 */
#ifndef IOMMU_GROUPS_DOCTOR_H
#define IOMMU_GROUPS_DOCTOR_H

#include <stddef.h>

#include "analysis.h"

enum doctor_status { DOC_OK, DOC_WARN, DOC_FAIL, DOC_SKIP };

struct doctor_check {
	char name[32];    /* stable identifier, e.g. "iommu" */
	enum doctor_status status;
	char detail[384]; /* what was seen */
	char fix[384];    /* what to do, "" when nothing */
};

#define DOCTOR_MAX_CHECKS 16

struct doctor_report {
	struct doctor_check checks[DOCTOR_MAX_CHECKS];
	size_t n;
};

/* Run every check on a's system (a->sr, a->m, a->g). */
void doctor_run(const struct analysis *a, struct doctor_report *r);

const char *doctor_status_name(enum doctor_status s);

#endif
