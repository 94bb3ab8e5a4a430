// SPDX-License-Identifier: GPL-2.0-or-later
/* load.c - the device model from sysfs (see load.h). */
#define _GNU_SOURCE
#include "load.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parent links are kept as BDF text until every device is known. */
struct pending {
	char parent[16];
	char dma_dev[16];
	char physfn[16];
};

int parse_bdf(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *devfn)
{
	unsigned long dom = 0, b, sl, fn;
	const char *p = s;
	char *end;
	int colons = 0;

	for (const char *q = s; *q; q++)
		colons += *q == ':';
	if (colons < 1 || colons > 2)
		return -EINVAL;
	if (colons == 2) {
		if (!isxdigit((unsigned char)*p))
			return -EINVAL;
		errno = 0;
		dom = strtoul(p, &end, 16);
		if (errno || *end != ':' || end - p > 8)
			return -EINVAL;
		p = end + 1;
	}
	if (!isxdigit((unsigned char)*p))
		return -EINVAL;
	b = strtoul(p, &end, 16);
	if (*end != ':' || end - p > 2 || b > 0xff)
		return -EINVAL;
	p = end + 1;
	if (!isxdigit((unsigned char)*p))
		return -EINVAL;
	sl = strtoul(p, &end, 16);
	if (*end != '.' || end - p > 2 || sl > 0x1f)
		return -EINVAL;
	p = end + 1;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	fn = strtoul(p, &end, 10);
	if (*end || end - p != 1 || fn > 7)
		return -EINVAL;
	*domain = (uint32_t)dom;
	*bus = (uint8_t)b;
	*devfn = DEVFN(sl, fn);
	return 0;
}

void format_bdf(char *buf, size_t len, uint32_t domain, uint8_t bus, uint8_t devfn)
{
	snprintf(buf, len, "%04x:%02x:%02x.%d", domain, bus, DEVFN_SLOT(devfn),
		 DEVFN_FUNC(devfn));
}

/* "../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0": the component
 * before the device is its parent bridge, or "pciDDDD:BB" for a root bus.
 * Above a root bus, a PCI function (VMD) is the real DMA device. */
static void parse_devpath(const char *target, struct pending *p)
{
	char tmp[4096], *comp[128];
	int n = 0;
	uint32_t dom;
	uint8_t bus, devfn;

	snprintf(tmp, sizeof(tmp), "%s", target);
	for (char *s = strtok(tmp, "/"); s && n < 128; s = strtok(NULL, "/"))
		comp[n++] = s;
	p->parent[0] = p->dma_dev[0] = '\0';
	if (n < 2)
		return;
	if (parse_bdf(comp[n - 2], &dom, &bus, &devfn) == 0)
		snprintf(p->parent, sizeof(p->parent), "%s", comp[n - 2]);
	/* The nearest host bridge above: is it itself below a PCI function
	 * (VMD)? Then that function issues this device's DMA (x86
	 * pci_real_dma_dev(), arch/x86/pci/common.c). */
	for (int i = n - 2; i >= 1; i--) {
		if (strncmp(comp[i], "pci", 3) != 0 || parse_bdf(comp[i], &dom, &bus, &devfn) == 0)
			continue;
		if (parse_bdf(comp[i - 1], &dom, &bus, &devfn) == 0)
			snprintf(p->dma_dev, sizeof(p->dma_dev), "%s", comp[i - 1]);
		return;
	}
}

int model_cmp_location(const void *a, const void *b)
{
	const struct dev *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	return (int)x->devfn - (int)y->devfn;
}

static uint64_t loc_key(uint32_t domain, uint8_t bus, uint8_t devfn)
{
	return (uint64_t)domain << 16 | (uint64_t)bus << 8 | devfn;
}

static size_t hash_slot(uint64_t key, size_t size)
{
	key *= 0x9e3779b97f4a7c15ull;
	return (size_t)(key >> 17) & (size - 1);
}

int model_find(const struct sysmodel *m, uint32_t domain, uint8_t bus, uint8_t devfn)
{
	uint64_t key = loc_key(domain, bus, devfn);

	if (!m->hash_size)
		return NO_DEV;
	for (size_t s = hash_slot(key, m->hash_size);; s = (s + 1) & (m->hash_size - 1)) {
		int i = m->hash[s];

		if (i == NO_DEV)
			return NO_DEV;
		if (loc_key(m->devs[i].domain, m->devs[i].bus, m->devs[i].devfn) == key)
			return i;
	}
}

static int find_bdf_text(const struct sysmodel *m, const char *bdf)
{
	uint32_t dom;
	uint8_t bus, devfn;

	if (!bdf[0] || parse_bdf(bdf, &dom, &bus, &devfn))
		return NO_DEV;
	return model_find(m, dom, bus, devfn);
}

int model_index(struct sysmodel *m)
{
	size_t size = 16;

	while (size < m->ndevs * 2)
		size <<= 1;
	free(m->hash);
	m->hash = malloc(size * sizeof(int));
	if (!m->hash)
		return -ENOMEM;
	m->hash_size = size;
	for (size_t s = 0; s < size; s++)
		m->hash[s] = NO_DEV;
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];
		size_t s = hash_slot(loc_key(d->domain, d->bus, d->devfn), size);

		while (m->hash[s] != NO_DEV)
			s = (s + 1) & (size - 1);
		m->hash[s] = (int)i;
	}
	return 0;
}

static bool downstream_port_type(enum pcie_type t)
{
	/* pcie_downstream_port(), drivers/pci/pci.h */
	return t == PCIE_ROOT_PORT || t == PCIE_DOWNSTREAM || t == PCIE_PCIE_BRIDGE;
}

/* set_pcie_port_type() (drivers/pci/probe.c) corrects impossible port
 * types against the parent's (already corrected) type. */
static void fix_port_type(struct sysmodel *m, int i, unsigned char *done, int depth)
{
	struct dev *d = &m->devs[i];
	const struct dev *p;

	if (done[i] || depth > 300)
		return;
	done[i] = 1;
	if (d->parent == NO_DEV)
		return;
	fix_port_type(m, d->parent, done, depth + 1);
	p = &m->devs[d->parent];
	if (d->pcie_type == PCIE_DOWNSTREAM && downstream_port_type(p->pcie_type))
		d->pcie_type = PCIE_UPSTREAM;
	else if (d->pcie_type == PCIE_UPSTREAM && p->pcie_type == PCIE_UPSTREAM)
		d->pcie_type = PCIE_DOWNSTREAM;
}

int model_finish(struct sysmodel *m, char *err, size_t errlen)
{
	unsigned char *done = calloc(m->ndevs ? m->ndevs : 1, 1);
	bool scan_all;

	cmdline_parse(m->cmdline, &m->params);
	/* pci=pcie_scan_all: every slot below a downstream port is scanned */
	scan_all = m->params.pcie_scan_all;

	if (!done || model_index(m)) {
		free(done);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		fix_port_type(m, (int)i, done, 0);
	free(done);
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];
		const struct dev *p = d->parent == NO_DEV ? NULL : &m->devs[d->parent];

		if (d->real_dma_dev == NO_DEV)
			d->real_dma_dev = (int)i;
		/* pci_scan_slot(): every function found with fn > 0 is
		 * multifunction. Below a downstream port only devfn 0 is
		 * scanned (only_one_child), so any other devfn there was
		 * reached as fn > 0 of that scan (ARI). iov.c: VFs never are. */
		if (d->is_vf)
			d->multifunction = false;
		else
			d->multifunction = d->hdr_multifunction || DEVFN_FUNC(d->devfn) > 0 ||
					   (p && !scan_all && dev_is_pcie(p) &&
					    downstream_port_type(p->pcie_type) && d->devfn != 0);
		if (!d->cfg_complete)
			m->config_truncated = true;
	}
	return 0;
}

static void read_kernel_info(struct sysmodel *m, const struct sysroot *sr)
{
	DIR *dir;
	struct dirent *de;

	if (sr_read_str(sr, "proc/sys/kernel/osrelease", m->kernel_release,
			sizeof(m->kernel_release)) < 0)
		m->kernel_release[0] = '\0';
	if (sr_read_str(sr, "proc/cmdline", m->cmdline, sizeof(m->cmdline)) < 0)
		m->cmdline[0] = '\0';
	m->has_ivrs = sr_exists(sr, "sys/firmware/acpi/tables/IVRS");
	m->has_dmar = sr_exists(sr, "sys/firmware/acpi/tables/DMAR");
	dir = sr_opendir(sr, "sys/class/iommu");
	if (dir) {
		while ((de = readdir(dir)) && m->niommu_units < 16) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(m->iommu_units[m->niommu_units++], sizeof(m->iommu_units[0]), "%.31s",
				 de->d_name);
		}
		closedir(dir);
		qsort(m->iommu_units, m->niommu_units, sizeof(m->iommu_units[0]),
		      (int (*)(const void *, const void *))strcmp);
	}
}

static int add_kgroup(struct sysmodel *m, const struct sysroot *sr, int id, size_t *cap)
{
	char rel[96];
	struct kgroup *g;

	for (size_t i = 0; i < m->nkgroups; i++)
		if (m->kgroups[i].id == id)
			return 0;
	if (m->nkgroups == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *p = realloc(m->kgroups, nc * sizeof(*m->kgroups));

		if (!p)
			return -ENOMEM;
		m->kgroups = p;
		*cap = nc;
	}
	g = &m->kgroups[m->nkgroups++];
	g->id = id;
	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/type", id);
	if (sr_read_str(sr, rel, g->type, sizeof(g->type)) < 0)
		g->type[0] = '\0';
	return 0;
}

static int cmp_kgroup(const void *a, const void *b)
{
	const struct kgroup *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Read one function. 0, or -errno for a failure that must be reported. */
static int load_one(struct dev *d, struct pending *p, const struct sysroot *sr, const char *name)
{
	char rel[320], target[4096], buf[64];
	uint8_t cfg[4096];
	struct sysroot dir;
	off_t size = 0;
	ssize_t n;
	int r;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", name);
	if (sr_readlink(sr, rel, target, sizeof(target)) >= 0)
		parse_devpath(target, p);
	/* resolve the device's directory once; every read below is relative */
	r = sr_sub(sr, rel, &dir);
	if (r < 0)
		return r;
	n = sr_read(&dir, "config", cfg, sizeof(cfg), &size);
	if (n < 0) {
		sr_close(&dir);
		return (int)n;
	}
	dev_parse_config(d, cfg, (size_t)n, size > 0 ? (size_t)size : 0);

	/* A VF's own ID registers read 0xffff: its ids come from the PF
	 * once all are loaded, as iov.c pci_iov_add_virtfn() sets them. */
	if (sr_link_basename(&dir, "physfn", p->physfn, sizeof(p->physfn)) == 0)
		d->is_vf = true;
	if (sr_link_basename(&dir, "driver", buf, sizeof(buf)) == 0)
		d->driver = strdup(buf);
	d->kernel_group = NO_GROUP;
	if (sr_link_basename(&dir, "iommu_group", buf, sizeof(buf)) == 0) {
		char *end;
		long g = strtol(buf, &end, 10);

		if (!*end && g >= 0)
			d->kernel_group = (int)g;
	}
	sr_close(&dir);
	return 0;
}

int model_load(struct sysmodel *m, const struct sysroot *sr, char *err, size_t errlen)
{
	DIR *dir;
	struct dirent *de;
	size_t cap = 0, kcap = 0;
	struct pending *pend = NULL;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	m->live = sr->live;
	read_kernel_info(m, sr);

	dir = sr_opendir(sr, "sys/bus/pci/devices");
	if (!dir) {
		snprintf(err, errlen, "cannot read %s%ssys/bus/pci/devices: %s", sr->path,
			 sr->path[strlen(sr->path) - 1] == '/' ? "" : "/", strerror(errno));
		return -1;
	}
	while ((de = readdir(dir))) {
		struct dev *d;
		uint32_t dom;
		uint8_t bus, devfn;
		int r;

		if (parse_bdf(de->d_name, &dom, &bus, &devfn))
			continue;
		if (m->ndevs == cap) {
			size_t nc = cap ? cap * 2 : 256;
			void *a = realloc(m->devs, nc * sizeof(*m->devs));
			void *b = realloc(pend, nc * sizeof(*pend));

			if (a)
				m->devs = a;
			if (b)
				pend = b;
			if (!a || !b) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			cap = nc;
		}
		d = &m->devs[m->ndevs];
		memset(d, 0, sizeof(*d));
		memset(&pend[m->ndevs], 0, sizeof(*pend));
		d->domain = dom;
		d->bus = bus;
		d->devfn = devfn;
		format_bdf(d->bdf, sizeof(d->bdf), dom, bus, devfn);
		d->parent = d->real_dma_dev = d->physfn = NO_DEV;
		r = load_one(d, &pend[m->ndevs], sr, de->d_name);
		if (r < 0) {
			snprintf(err, errlen, "cannot read config space of %s: %s", de->d_name,
				 strerror(-r));
			free(d->driver);
			goto out;
		}
		if (d->kernel_group != NO_GROUP && add_kgroup(m, sr, d->kernel_group, &kcap)) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		m->ndevs++;
	}
	if (m->nkgroups)
		qsort(m->kgroups, m->nkgroups, sizeof(*m->kgroups), cmp_kgroup);

	/* Sort devices and their pending links together. */
	{
		size_t n = m->ndevs;
		struct { struct dev d; struct pending p; } *tmp = malloc(n ? n * sizeof(*tmp) : 1);

		if (!tmp) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			tmp[i].d = m->devs[i];
			tmp[i].p = pend[i];
		}
		qsort(tmp, n, sizeof(*tmp), model_cmp_location);
		for (size_t i = 0; i < n; i++) {
			m->devs[i] = tmp[i].d;
			pend[i] = tmp[i].p;
		}
		free(tmp);
	}
	if (model_index(m)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];

		d->parent = find_bdf_text(m, pend[i].parent);
		d->real_dma_dev = find_bdf_text(m, pend[i].dma_dev);
		d->physfn = find_bdf_text(m, pend[i].physfn);
		if (d->is_vf && d->physfn != NO_DEV) {
			d->vendor = m->devs[d->physfn].vendor;
			d->device = m->devs[d->physfn].sriov_vf_device;
		}
	}
	if (model_finish(m, err, errlen))
		goto out;
	rc = 0;
out:
	closedir(dir);
	free(pend);
	return rc;
}

void model_free(struct sysmodel *m)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		free(m->devs[i].driver);
		free(m->devs[i].vendor_name);
		free(m->devs[i].device_name);
		free(m->devs[i].class_name);
	}
	for (size_t i = 0; i < m->nwarnings; i++)
		free(m->warnings[i]);
	free(m->warnings);
	free(m->devs);
	free(m->kgroups);
	free(m->hash);
	memset(m, 0, sizeof(*m));
}
