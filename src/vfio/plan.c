// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plan.c - the read-only attach plan (see plan.h). The in-use checks read
 * sysfs and procfs through the analysis' sysroot: boot_vga, block devices
 * below a member (sys/block links) against proc/self/mountinfo,
 * proc/swaps and holders/, network interfaces below it (sys/class/net links: operstate,
 * flags) against proc/net/route.
 */
#define _GNU_SOURCE
#include "plan.h"
#include "translate.h"

#include "attach.h"
#include "dmabench.h"
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { IFF_UP_BIT = 0x1 }; /* IFF_UP, include/uapi/linux/if.h */

const char *plan_action_name(enum plan_action a)
{
	switch (a) {
	case PA_TO_VFIO:
		return "vfio-pci";
	case PA_STAY_BRIDGE:
		return "stays (bridge)";
	case PA_STAY_STUB:
		return "stays (pci-stub)";
	case PA_STAY_VFIO:
		return "stays (already vfio-pci)";
	case PA_STAY_UNBOUND:
		return "stays (no driver)";
	}
	return "?";
}

bool plan_driver_is_vfio(const char *driver)
{
	size_t n = strlen(driver), k = strlen("_vfio_pci");

	/* the variant drivers are named after their modules */
	return !strcmp(driver, "vfio-pci") || (n > k && !strcmp(driver + n - k, "_vfio_pci"));
}

bool plan_driver_dma_managed(const char *driver)
{
	/* drivers/pci/pcie/portdrv.c, drivers/pci/pci-stub.c, drivers/vfio/pci */
	return !strcmp(driver, "pcieport") || !strcmp(driver, "pci-stub") ||
	       plan_driver_is_vfio(driver);
}

static int refuse(struct plan *p, enum refusal_kind kind, int dev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int refuse(struct plan *p, enum refusal_kind kind, int dev, const char *fmt, ...)
{
	struct plan_refusal *r = realloc(p->refusals, (p->nrefusals + 1) * sizeof(*r));
	va_list ap;

	if (!r)
		return -ENOMEM;
	p->refusals = r;
	r += p->nrefusals++;
	r->kind = kind;
	r->dev = dev;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	return 0;
}

/* Does a sysfs link target lie below the PCI function bdf? The function's
 * directory is a whole path component ("/0000:01:00.0/"). */
static bool below_dev(const char *target, const char *bdf)
{
	char comp[32];

	snprintf(comp, sizeof(comp), "/%s/", bdf);
	return strstr(target, comp) != NULL;
}

/* A whole small file (procfs text) into a NUL-terminated buffer; NULL when
 * absent (a sysroot without it: nothing is mounted, no routes). */
static char *read_text(const struct sysroot *sr, const char *rel)
{
	size_t cap = 1 << 20;
	char *buf = malloc(cap);
	ssize_t n;

	if (!buf)
		return NULL;
	n = sr_read(sr, rel, buf, cap - 1, NULL);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Is major:minor (as "M:m") mounted? Returns the mount point in mp. */
static bool mounted(const char *mountinfo, const char *majmin, char *mp, size_t mplen)
{
	const char *line = mountinfo;

	while (line && *line) {
		const char *nl = strchr(line, '\n');
		char f1[32], f2[32], mm[32], root[512], point[512];

		if (sscanf(line, "%31s %31s %31s %511s %511s", f1, f2, mm, root, point) == 5 &&
		    !strcmp(mm, majmin)) {
			snprintf(mp, mplen, "%s", point);
			return true;
		}
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

static bool dir_nonempty(const struct sysroot *sr, const char *rel)
{
	DIR *d = sr_opendir(sr, rel);
	struct dirent *e;
	bool any = false;

	if (!d)
		return false;
	while (!any && (e = readdir(d)))
		any = e->d_name[0] != '.';
	closedir(d);
	return any;
}

/* Is /dev/NAME an active swap area (proc/swaps, first column)? */
static bool swapping(const char *swaps, const char *name)
{
	const char *line = swaps;
	char want[300];

	snprintf(want, sizeof(want), "/dev/%s", name);
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t n = strcspn(line, " \t\n");

		if (n == strlen(want) && !strncmp(line, want, n))
			return true;
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

/* One block device (disk or partition) at rel: mounted, swap or held? */
static int check_blockdev(const struct analysis *a, struct plan *p, int dev, const char *rel,
			  const char *name, const char *mountinfo, const char *swaps)
{
	char path[1024], majmin[32], mp[512];

	if (swaps && swapping(swaps, name))
		return refuse(p, RF_IN_USE, dev, "%s: block device %s is in use as swap",
			      a->m.devs[dev].bdf, name);

	snprintf(path, sizeof(path), "%s/dev", rel);
	if (sr_read_str(&a->sr, path, majmin, sizeof(majmin)) == 0 && mountinfo &&
	    mounted(mountinfo, majmin, mp, sizeof(mp)))
		return refuse(p, RF_IN_USE, dev, "%s: block device %s is mounted on %s",
			      a->m.devs[dev].bdf, name, mp);
	snprintf(path, sizeof(path), "%s/holders", rel);
	if (dir_nonempty(&a->sr, path))
		return refuse(p, RF_IN_USE, dev,
			      "%s: block device %s is held by another device (RAID, LVM, dm-crypt; "
			      "see /%s)",
			      a->m.devs[dev].bdf, name, path);
	return 0;
}

static int check_block(const struct analysis *a, struct plan *p, int dev, const char *mountinfo,
		       const char *swaps)
{
	DIR *d = sr_opendir(&a->sr, "sys/block");
	struct dirent *e;
	int rc = 0;

	if (!d)
		return 0;
	while (!rc && (e = readdir(d))) {
		char rel[512], target[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "sys/block/%s", e->d_name);
		if (sr_readlink(&a->sr, rel, target, sizeof(target)) < 0 ||
		    !below_dev(target, a->m.devs[dev].bdf))
			continue;
		rc = check_blockdev(a, p, dev, rel, e->d_name, mountinfo, swaps);
		/* partitions: subdirectories named after the disk */
		DIR *pd = rc ? NULL : sr_opendir(&a->sr, rel);
		struct dirent *pe;

		while (pd && !rc && (pe = readdir(pd))) {
			char prel[1024];

			if (strncmp(pe->d_name, e->d_name, strlen(e->d_name)) ||
			    !strcmp(pe->d_name, e->d_name))
				continue;
			snprintf(prel, sizeof(prel), "%s/%s", rel, pe->d_name);
			rc = check_blockdev(a, p, dev, prel, pe->d_name, mountinfo, swaps);
		}
		if (pd)
			closedir(pd);
	}
	closedir(d);
	return rc;
}

void plan_route_facts(const char *route_text, const char *iface, bool *is_default,
		      bool *has_route)
{
	const char *line = route_text;

	*is_default = *has_route = false;
	/* "Iface Destination Gateway Flags RefCnt Use Metric Mask ..." in hex */
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		char ifn[64], dst[16], gw[16], flags[16], refc[16], use[16], metric[16], mask[16];

		if (sscanf(line, "%63s %15s %15s %15s %15s %15s %15s %15s", ifn, dst, gw, flags, refc,
			   use, metric, mask) == 8 &&
		    !strcmp(ifn, iface)) {
			*has_route = true;
			if (!strcmp(dst, "00000000") && !strcmp(mask, "00000000"))
				*is_default = true;
		}
		line = nl ? nl + 1 : NULL;
	}
}

static int check_net(const struct analysis *a, struct plan *p, int dev, const char *routes)
{
	DIR *d = sr_opendir(&a->sr, "sys/class/net");
	struct dirent *e;
	int rc = 0;

	if (!d)
		return 0;
	while (!rc && (e = readdir(d))) {
		char rel[512], target[4096], val[64];
		bool up = false, dflt = false, routed = false;

		if (e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "sys/class/net/%s", e->d_name);
		if (sr_readlink(&a->sr, rel, target, sizeof(target)) < 0 ||
		    !below_dev(target, a->m.devs[dev].bdf))
			continue;
		snprintf(rel, sizeof(rel), "sys/class/net/%s/operstate", e->d_name);
		if (sr_read_str(&a->sr, rel, val, sizeof(val)) == 0 && !strcmp(val, "up"))
			up = true;
		snprintf(rel, sizeof(rel), "sys/class/net/%s/flags", e->d_name);
		if (sr_read_str(&a->sr, rel, val, sizeof(val)) == 0 &&
		    (strtoul(val, NULL, 16) & IFF_UP_BIT))
			up = true;
		if (routes)
			plan_route_facts(routes, e->d_name, &dflt, &routed);
		if (up || routed)
			rc = refuse(p, RF_IN_USE, dev, "%s: network interface %s is %s%s",
				    a->m.devs[dev].bdf, e->d_name,
				    up ? (routed ? "up and carries routes" : "up") : "carrying routes",
				    dflt ? "; this is the interface of your default route" : "");
	}
	closedir(d);
	return rc;
}

static enum plan_action action_of(const struct dev *d)
{
	if (d->is_bridge)
		return PA_STAY_BRIDGE;
	if (!d->driver)
		return PA_STAY_UNBOUND;
	if (!strcmp(d->driver, "pci-stub"))
		return PA_STAY_STUB;
	if (plan_driver_is_vfio(d->driver))
		return PA_STAY_VFIO;
	return PA_TO_VFIO;
}

static int check_member(const struct analysis *a, struct plan *p, const struct plan_member *pm,
			const char *mountinfo, const char *swaps, const char *routes)
{
	const struct dev *d = &a->m.devs[pm->dev];
	char rel[256], val[16];
	int rc = 0;

	if (d->sriov_numvfs > 0)
		rc = refuse(p, RF_SRIOV, pm->dev,
			    "%s: a physical function with %u virtual functions enabled: disable them "
			    "first (echo 0 > sriov_numvfs)",
			    d->bdf, d->sriov_numvfs);
	/* the kernel keeps the firmware's reserved region mapped 1:1 for it
	 * and refuses it a VFIO domain (intel-iommu, RMRR not relaxable) */
	if (!rc && translate_rmrr(&a->m, pm->dev) == 1)
		rc = refuse(p, RF_RMRR, pm->dev, "%s: %s (an ACPI DMAR RMRR names it)", d->bdf,
			    RMRR_NOTE);
	/* a bridge stays on its driver: the group is viable for VFIO only
	 * when that driver is DMA-managed (the kernel's check, in
	 * vfio_group_ioctl_get_status() via iommu_group_dma_owner_claimed()) */
	if (!rc && pm->action == PA_STAY_BRIDGE && d->driver && !plan_driver_dma_managed(d->driver))
		rc = refuse(p, RF_DRIVER, pm->dev,
			    "%s: bridge bound to %s, a driver that is not DMA-managed: the group "
			    "would not be viable for VFIO while it is bound (unbind it first)",
			    d->bdf, d->driver);
	if (rc || pm->action == PA_STAY_BRIDGE || pm->action == PA_STAY_VFIO)
		return rc;
	/* even unbound: firmware framebuffers (efifb, vesafb, vgacon) use
	 * the boot VGA device without binding to it */
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/boot_vga", d->bdf);
	if (sr_read_str(&a->sr, rel, val, sizeof(val)) == 0 && !strcmp(val, "1"))
		rc = refuse(p, RF_IN_USE, pm->dev,
			    "%s: the boot VGA device (the console may be on it%s%s)", d->bdf,
			    d->driver ? "; driver " : "", d->driver ? d->driver : "");
	if (!rc && pm->action == PA_TO_VFIO)
		rc = check_block(a, p, pm->dev, mountinfo, swaps);
	if (!rc && pm->action == PA_TO_VFIO)
		rc = check_net(a, p, pm->dev, routes);
	return rc;
}

int plan_make(const struct analysis *a, int target, const struct plan_env *env, struct plan *p)
{
	const struct dev *t = &a->m.devs[target];
	char *mountinfo = NULL, *routes = NULL, *swaps = NULL;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	p->target = target;
	p->group = t->kernel_group;
	p->vfio_pci_loaded = sr_exists(&a->sr, "sys/bus/pci/drivers/vfio-pci");
	if (!env->dry_run && env->euid != 0)
		rc = refuse(p, RF_NOT_ROOT, NO_DEV,
			    "attach rebinds drivers and opens /dev/vfio: run as root");
	if (!rc && p->group == NO_GROUP) {
		if (a->m.nkgroups == 0)
			rc = refuse(p, RF_NO_GROUP, target,
				    "%s: no IOMMU groups: the IOMMU is off. Turn it on with intel_iommu=on "
				    "(Intel) or amd_iommu=on (AMD) on the kernel command line and VT-d/"
				    "AMD-Vi in the firmware; no-IOMMU mode is never used",
				    t->bdf);
		else
			rc = refuse(p, RF_NO_GROUP, target,
				    "%s: has no IOMMU group (no IOMMU translates it): VFIO cannot take it",
				    t->bdf);
		return rc;
	}
	for (size_t i = 0; !rc && i < a->m.ndevs; i++) {
		const struct dev *d = &a->m.devs[i];
		struct plan_member *pm;

		if (d->kernel_group != p->group)
			continue;
		pm = realloc(p->members, (p->nmembers + 1) * sizeof(*pm));
		if (!pm) {
			rc = -ENOMEM;
			break;
		}
		p->members = pm;
		pm += p->nmembers++;
		memset(pm, 0, sizeof(*pm));
		pm->dev = (int)i;
		snprintf(pm->bdf, sizeof(pm->bdf), "%s", d->bdf);
		pm->vendor = d->vendor;
		pm->device = d->device;
		snprintf(pm->driver, sizeof(pm->driver), "%s", d->driver ? d->driver : "");
		pm->action = action_of(d);
		if (pm->action == PA_TO_VFIO)
			p->nmove++;
	}
	if (!rc) {
		mountinfo = read_text(&a->sr, "proc/self/mountinfo");
		routes = read_text(&a->sr, "proc/net/route");
		swaps = read_text(&a->sr, "proc/swaps");
	}
	for (size_t k = 0; !rc && k < p->nmembers; k++)
		rc = check_member(a, p, &p->members[k], mountinfo, swaps, routes);
	if (!rc) {
		char comm[64];
		long pid = attach_group_holder(&a->sr, p->group, comm, sizeof(comm));

		/* the group's node opens once: VFIO answers EBUSY */
		if (pid)
			rc = refuse(p, RF_HELD, NO_DEV,
				    "/dev/vfio/%d is open in process %ld (%s): another process holds "
				    "the group",
				    p->group, pid, comm);
	}
	/* after the root check: a user who is refused anyway is not told
	 * about a limit that root may not have */
	if (!rc && env->bench_bytes && env->memlock != UINT64_MAX &&
	    env->bench_bytes > env->memlock && (env->dry_run || env->euid == 0))
		rc = refuse(p, RF_MEMLOCK, NO_DEV,
			    "--bench will pin up to %llu KiB for DMA but RLIMIT_MEMLOCK is %llu KiB "
			    "and the process lacks CAP_IPC_LOCK: raise it (ulimit -l %llu; memlock in "
			    "/etc/security/limits.conf; LimitMEMLOCK= in a systemd unit), or choose "
			    "smaller --sizes",
			    (unsigned long long)(env->bench_bytes >> 10),
			    (unsigned long long)(env->memlock >> 10),
			    (unsigned long long)((env->bench_bytes + 1023) >> 10));
	free(mountinfo);
	free(routes);
	free(swaps);
	return rc;
}

uint64_t plan_bench_bytes(const struct sysroot *sr, const uint64_t *sizes, size_t nsizes,
			  bool many)
{
	struct vfio_facts none;
	struct dmabench_env e = { .memlock = UINT64_MAX };
	struct dmabench_plan pl;
	char buf[8192], note[200], *m;
	unsigned long long kb;
	uint64_t peak = 0, iova;
	ssize_t n = sr_read(sr, "proc/meminfo", buf, sizeof(buf) - 1, NULL);

	memset(&none, 0, sizeof(none));
	if (n > 0) {
		buf[n] = '\0';
		m = strstr(buf, "MemAvailable:");
		if (m && sscanf(m + strlen("MemAvailable:"), "%llu kB", &kb) == 1 && kb < (1ull << 44))
			e.mem_avail = (uint64_t)kb << 10;
	}
	/* one mapping at a time per row: the peak is the largest */
	for (size_t k = 0; k < nsizes; k++) {
		dmabench_plan_size(sizes[k], &none, &e, &pl);
		if (!pl.skip && pl.size > peak)
			peak = pl.size;
	}
	if (many) {
		uint64_t all = (uint64_t)dmabench_plan_many(&none, &e, &iova, note, sizeof(note)) * 4096;

		if (all > peak)
			peak = all;
	}
	return peak;
}

size_t plan_blocking(const struct plan *p, bool force)
{
	size_t n = 0;

	for (size_t k = 0; k < p->nrefusals; k++)
		n += !force || p->refusals[k].kind != RF_IN_USE;
	return n;
}

void plan_free(struct plan *p)
{
	free(p->members);
	free(p->refusals);
	memset(p, 0, sizeof(*p));
}
