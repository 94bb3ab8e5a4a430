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

#include <stdbool.h>

#include "kver.h"

struct rulectx {
	struct kver rules; /* whose rules we compute with */
	/* The kernel enables ACS (SV RR CR UF as advertised) only when an
	 * IOMMU driver asked for it (pci_request_acs). With no IOMMU active
	 * the control registers read as firmware left them; predict with
	 * the controls the kernel would have set. */
	bool predict_acs_enable;
};

#endif
