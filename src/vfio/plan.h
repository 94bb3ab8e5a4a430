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
	RF_HELD,        /* another process has /dev/vfio/N open */
	RF_MEMLOCK,     /* RLIMIT_MEMLOCK below what --bench will map */
	RF_RMRR,        /* a DMAR RMRR the kernel does not relax names it */
};

struct plan_refusal {
	enum refusal_kind kind;
	int dev;            /* NO_DEV for the whole system */
	char msg[512];      /* one line: the member and the reason */
};

struct plan_env {
	unsigned int euid;  /* geteuid(), or what a test says */
	bool dry_run;       /* nothing will be written: no root needed */
	/* attach --bench: the most it will have mapped (pinned) at once,
	 * 0 without --bench; memlock: RLIMIT_MEMLOCK in bytes, UINT64_MAX
	 * when unlimited or the process has CAP_IPC_LOCK (VFIO type1 and
	 * iommufd charge pinned pages only to processes without it) */
	uint64_t bench_bytes;
	uint64_t memlock;
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

/* Is a PCI driver DMA-managed (struct pci_driver.driver_managed_dma:
 * pcieport, pci-stub, vfio-pci and its variant drivers, *_vfio_pci)? A
 * group member bound to any other driver makes the group not viable for
 * VFIO (iommu_device_use_default_domain() claims the group's DMA). */
bool plan_driver_dma_managed(const char *driver);

/* What attach --bench will pin at most at once, known before attaching:
 * the largest of sizes after the caps that do not need the IOMMU's facts
 * (a quarter of MemAvailable from proc/meminfo, the 4 GiB assumed before
 * the IOVA ranges are read), and with many the 4 KiB mappings of --many. */
uint64_t plan_bench_bytes(const struct sysroot *sr, const uint64_t *sizes, size_t nsizes,
			  bool many);

/* Is driver vfio-pci or a vfio-pci variant driver (mlx5_vfio_pci, ...)? */
bool plan_driver_is_vfio(const char *driver);

/* Parse /proc/net/route text: is iface the interface of the default route?
 * Does any route use it? (Exposed for tests.) */
void plan_route_facts(const char *route_text, const char *iface, bool *is_default,
		      bool *has_route);

#endif
