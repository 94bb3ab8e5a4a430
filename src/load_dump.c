// SPDX-License-Identifier: GPL-2.0-or-later
/* load_dump.c - `lspci -x...` dumps into the device model (load_dump.h). */
#define _GNU_SOURCE
#include "load_dump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

struct cur {
	struct dev d;
	uint8_t cfg[4096];
	size_t len; /* bytes shown: the highest offset + 1 */
	bool open;
	unsigned long line;
};

static int grow(struct sysmodel *m, size_t *cap)
{
	if (m->ndevs < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	void *p = realloc(m->devs, nc * sizeof(*m->devs));

	if (!p)
		return -1;
	m->devs = p;
	*cap = nc;
	return 0;
}

static int flush(struct sysmodel *m, struct cur *c, size_t *cap)
{
	if (!c->open)
		return 0;
	c->open = false;
	if (grow(m, cap))
		return -1;
	dev_parse_config(&c->d, c->cfg, c->len, c->len);
	/* A PCI Express function shown with 256 bytes: `lspci -xxx`, or no
	 * extended space. The dump cannot tell: ACS is unknown, not absent. */
	if (dev_is_pcie(&c->d) && c->len < 4096)
		dev_parse_config(&c->d, c->cfg, c->len, 4096);
	m->devs[m->ndevs++] = c->d;
	return 0;
}

/* A device's parent: the bridge in its domain with the narrowest
 * [secondary, subordinate] range holding its bus (a VF's virtual bus
 * lies inside its PF's bridge's range). Only bridges are candidates. */
static int link_tree(struct sysmodel *m)
{
	int *bridges = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));
	size_t nb = 0;

	if (!bridges)
		return -1;
	for (size_t j = 0; j < m->ndevs; j++) {
		const struct dev *b = &m->devs[j];

		if (b->is_bridge && b->cfg_complete && b->secondary != 0 && b->secondary > b->bus)
			bridges[nb++] = (int)j;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];
		int best = NO_DEV, width = 1000;

		for (size_t k = 0; k < nb; k++) {
			const struct dev *b = &m->devs[bridges[k]];

			if (bridges[k] == (int)i || b->domain != d->domain || b->secondary > d->bus ||
			    b->subordinate < d->bus)
				continue;
			if (b->subordinate - b->secondary < width) {
				width = b->subordinate - b->secondary;
				best = bridges[k];
			}
		}
		d->parent = best;
	}
	free(bridges);
	return 0;
}

/* A dump has no physfn links. A VF's ID registers read ffff; where each
 * VF sits follows from its PF's SR-IOV capability (VF Enable, NumVFs,
 * First VF Offset, VF Stride: routing ID = PF's + offset + i * stride),
 * as iov.c pci_iov_virtfn_bus()/devfn() compute it. Needs model_index(). */
static void mark_vfs(struct sysmodel *m)
{
	for (size_t p = 0; p < m->ndevs; p++) {
		const struct dev *pf = &m->devs[p];

		if (!(pf->sriov_ctrl & 1) || !pf->sriov_numvfs)
			continue;
		for (unsigned i = 0; i < pf->sriov_numvfs; i++) {
			unsigned rid = ((unsigned)pf->bus << 8 | pf->devfn) + pf->sriov_offset +
				       i * pf->sriov_stride;
			int v;

			if (rid > 0xffff)
				break;
			v = model_find(m, pf->domain, (uint8_t)(rid >> 8), (uint8_t)rid);
			if (v == NO_DEV || m->devs[v].vendor != 0xffff)
				continue;
			m->devs[v].is_vf = true;
			m->devs[v].physfn = (int)p;
			m->devs[v].vendor = pf->vendor;
			m->devs[v].device = pf->sriov_vf_device;
		}
	}
}

int model_load_dump(struct sysmodel *m, FILE *f, const char *name, char *err, size_t errlen)
{
	struct cur *c = calloc(1, sizeof(*c));
	char *line = NULL;
	size_t lcap = 0, cap = 0;
	unsigned long lineno = 0;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (getline(&line, &lcap, f) > 0) {
		char *p = line, *end, first[64];
		unsigned long off;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!*p) {
			if (flush(m, c, &cap))
				goto oom;
			continue;
		}
		/* "00: 86 80 ..." / "100: ..." : a row of 16 bytes */
		off = strtoul(p, &end, 16);
		if (end != p && *end == ':' && end - p <= 3 && (end[1] == ' ' || !end[1]) && c->open) {
			int k = 0;

			if (off % 16 || off + 16 > sizeof(c->cfg)) {
				snprintf(err, errlen, "%s:%lu: offset %lx out of range", name, lineno, off);
				goto out;
			}
			for (p = end + 1; *p; k++) {
				unsigned long v;

				while (*p == ' ')
					p++;
				if (!*p)
					break;
				v = strtoul(p, &end, 16);
				if (end == p || end - p != 2 || k >= 16) {
					snprintf(err, errlen, "%s:%lu: expected 16 hex bytes", name, lineno);
					goto out;
				}
				c->cfg[off + (size_t)k] = (uint8_t)v;
				p = end;
			}
			if (k != 16) {
				snprintf(err, errlen, "%s:%lu: expected 16 hex bytes, found %d", name, lineno, k);
				goto out;
			}
			if (off + 16 > c->len)
				c->len = off + 16;
			continue;
		}
		/* "0000:00:1f.0 ISA bridge: ..." or "00:1f.0 ...": a new device */
		if (sscanf(p, "%63s", first) == 1) {
			uint32_t dom;
			uint8_t bus, devfn;

			if (parse_bdf(first, &dom, &bus, &devfn) == 0) {
				if (flush(m, c, &cap))
					goto oom;
				memset(c, 0, sizeof(*c));
				c->open = true;
				c->d.domain = dom;
				c->d.bus = bus;
				c->d.devfn = devfn;
				format_bdf(c->d.bdf, sizeof(c->d.bdf), dom, bus, devfn);
				c->d.parent = c->d.real_dma_dev = c->d.physfn = NO_DEV;
				c->d.kernel_group = NO_GROUP;
				c->line = lineno;
				continue;
			}
		}
		snprintf(err, errlen, "%s:%lu: not an lspci -x dump line: %.40s", name, lineno, line);
		goto out;
	}
	if (flush(m, c, &cap))
		goto oom;
	if (!m->ndevs) {
		snprintf(err, errlen, "%s: no devices in the dump", name);
		goto out;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].cfg_len < 64) {
			snprintf(err, errlen, "%s: device %s has fewer than 64 bytes of config space",
				 name, m->devs[i].bdf);
			goto out;
		}
	qsort(m->devs, m->ndevs, sizeof(*m->devs), model_cmp_location);
	for (size_t i = 1; i < m->ndevs; i++)
		if (!model_cmp_location(&m->devs[i - 1], &m->devs[i])) {
			snprintf(err, errlen, "%s: device %s appears twice", name, m->devs[i].bdf);
			goto out;
		}
	if (model_index(m) || link_tree(m))
		goto oom;
	mark_vfs(m);
	if (model_finish(m, err, errlen))
		goto out;
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	free(line);
	free(c);
	return rc;
}
