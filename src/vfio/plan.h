/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan.h - the read-only attach plan: which kernel IOMMU group a device is
 * in, what happens to each member (type-0 endpoints move to vfio-pci;
 * bridges, and members on pci-stub, on vfio-pci or unbound, stay), and every
 * reason to refuse, found over every member before anything is written.
 * Reads go through the analysis' sysroot; nothing here writes.
 */
#ifndef IOMMU_GROUPS_PLAN_H
#define IOMMU_GROUPS_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

enum plan_action {
	PA_TO_VFIO,       /* unbind, bind to vfio-pci, restore afterwards */
	PA_STAY_BRIDGE,   /* a bridge: stays on its driver (pcieport) */
	PA_STAY_STUB,     /* pci-stub: already harmless to VFIO */
	PA_STAY_VFIO,     /* already on vfio-pci */
	PA_STAY_UNBOUND,  /* no driver: nothing to move */
};

struct plan_member {
	int dev;             /* index in the model */
	char bdf[24];
	uint16_t vendor, device;
	char driver[64];     /* "" when unbound */
	enum plan_action action;
};

/* Refusals: in-use ones give way to --force; the others never do. */
enum refusal_kind {
	RF_IN_USE,      /* boot VGA, mounted/held disk, interface up (forceable) */
	RF_SRIOV,       /* a PF with VFs enabled */
	RF_DRIVER,      /* a member held by a driver VFIO cannot live with */
	RF_NO_GROUP,    /* no kernel group: IOMMU off or not translated */
	RF_NOT_ROOT,
};

struct plan_refusal {
	enum refusal_kind kind;
	int dev;            /* NO_DEV for the whole system */
	char msg[512];      /* one line: the member and the reason */
};

struct plan_env {
	unsigned int euid;  /* geteuid(), or what a test says */
	bool dry_run;       /* nothing will be written: no root needed */
};

struct plan {
	int target;          /* the device asked for */
	int group;           /* its kernel group, NO_GROUP when none */
	struct plan_member *members;
	size_t nmembers;
	struct plan_refusal *refusals;
	size_t nrefusals;
	size_t nmove;        /* members with PA_TO_VFIO */
	bool vfio_pci_loaded; /* sys/bus/pci/drivers/vfio-pci exists */
};

/* Build the plan for device index target. 0, or -ENOMEM. */
int plan_make(const struct analysis *a, int target, const struct plan_env *env, struct plan *p);
void plan_free(struct plan *p);

/* Refusals that stop the attach: all, or with force only those that are
 * not RF_IN_USE. */
size_t plan_blocking(const struct plan *p, bool force);

const char *plan_action_name(enum plan_action a);

/* Parse /proc/net/route text: is iface the interface of the default route?
 * Does any route use it? (Exposed for tests.) */
void plan_route_facts(const char *route_text, const char *iface, bool *is_default,
		      bool *has_route);

#endif
