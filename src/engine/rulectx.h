/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rulectx.h - what the rules compute with, beside what was read.
 *
 * The device model (model.h) is only what was read from sysfs or a dump.
 * Everything chosen or derived on top of it lives here: whose kernel's
 * rules apply, the what-if state the user or an explanation asks for, and
 * what the rules derived per device. The analysis (analysis.h) holds one;
 * an explanation can try another without touching the model.
 */
#ifndef IOMMU_GROUPS_RULECTX_H
#define IOMMU_GROUPS_RULECTX_H

#include "kver.h"

struct rulectx {
	struct kver rules; /* whose rules we compute with */
};

#endif
