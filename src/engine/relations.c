// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * relations.c - pci_device_group() as edges (see relations.h).
 *
 * For every function, as the kernel does when it probes it:
 *  1. the DMA alias walk (pci_for_each_dma_alias, drivers/pci/search.c):
 *     edges to every bridge that takes ownership of its requester ID; the
 *     last owner is the point of minimum granularity;
 *  2. the ACS walk from that point toward the root bus: an edge to every
 *     bridge whose ACS path (pci_acs_path_enabled) is not enabled;
 *  3. same-bus DMA aliases (get_pci_alias_group), and
 *  4. non-isolated functions of one slot (get_pci_function_alias_group).
 * Steps 3 and 4 are emitted for every function rather than only at the
 * point: functions on one bus share their point, so the components are
 * the same, and the explanation gets the direct edge.
 */
#include "relations.h"

#include <stdlib.h>
#include <string.h>

static const struct rel_kind_info kinds[REL_NKINDS_ALL] = {
	[REL_DMA_ALIAS_QUIRK] = {
		"dma-alias-quirk", TRI_NO, false,
		"a function that issues DMA with another function's requester ID (kernel DMA-alias "
		"quirk)",
		"none: the IOMMU cannot tell these requesters apart; assign them together" },
	[REL_REAL_DMA_DEV] = {
		"real-dma-device", TRI_NO, false,
		"the DMA is issued by another device (Intel VMD: the functions below it use the VMD's "
		"requester ID)",
		"none: the IOMMU cannot tell these requesters apart; assign them together" },
	[REL_PCIE_TO_PCI_BRIDGE] = {
		"pcie-to-pci-bridge", TRI_NO, false,
		"behind a PCIe-to-PCI/PCI-X bridge, which takes ownership of the requester ID",
		"none: the IOMMU cannot tell these requesters apart; assign them together" },
	[REL_PCI_BRIDGE] = {
		"pci-bridge", TRI_NO, false,
		"behind a conventional PCI-to-PCI bridge, which issues DMA with its own requester ID",
		"none: the IOMMU cannot tell these requesters apart; assign them together" },
	[REL_MULTIFUNCTION_NO_ACS] = {
		"multifunction-no-acs", TRI_YES, true,
		"functions of one multifunction device, not isolated by ACS or an ACS quirk",
		"assign the functions together; or a kernel with an ACS quirk for this device "
		"(pci_dev_acs_enabled[] in drivers/pci/quirks.c), or firmware that exposes ACS on "
		"its functions" },
	[REL_NO_ACS_UPSTREAM] = {
		"no-acs-upstream", TRI_YES, true,
		"a root or downstream port (or a bridge) on the path has no ACS capability",
		"move the card to a slot below a port with ACS (usually a CPU-attached root port); "
		"or a kernel with an ACS quirk for this port; the out-of-tree pcie_acs_override "
		"patch forces isolation without hardware ACS, at the risk of unseen peer-to-peer DMA" },
	[REL_ACS_DISABLED_UPSTREAM] = {
		"acs-disabled-upstream", TRI_YES, true,
		"the port has ACS, but the controls the kernel requires (SV RR CR UF) are not all on",
		"enable ACS in the firmware setup; the kernel enables SV RR CR UF itself when an "
		"IOMMU is on, unless pci=disable_acs_redir= or pci=config_acs= on the kernel command "
		"line turn controls off" },
	[REL_CONVENTIONAL_BUS] = {
		"conventional-bus", TRI_NO, false,
		"devices on one conventional PCI bus can reach each other directly",
		"none in hardware: conventional PCI has no ACS (only a kernel ACS quirk for the device "
		"could declare it isolated); assign these together, or move the device to a PCIe slot "
		"below an ACS-capable port" },
	[REL_IVRS_ALIAS] = {
		"ivrs-alias", TRI_NO, false,
		"the firmware's ACPI IVRS table declares a DMA alias (IVHD alias entry) between "
		"functions on one bus (AMD)",
		"none: the IOMMU cannot tell these requesters apart; assign them together" },
	/* not fixable as such: reading it tells which of the others it is */
	[REL_ACS_UNKNOWN] = {
		"acs-unknown", TRI_NO, true,
		"the port's ACS could not be read (config space beyond 64 bytes needs root); the "
		"grouping assumes the worst",
		"run as root: config space beyond 64 bytes is root-only" },
	[REL_UNEXPLAINED] = {
		"unexplained", TRI_UNKNOWN, false,
		"the kernel grouped them and no rule here explains it (firmware-declared aliases, an "
		"unknown quirk), or a function the IOMMU left without a group",
		"unknown" },
};

const struct rel_kind_info *rel_kind_info(enum rel_kind k)
{
	return &kinds[(unsigned)k < REL_NKINDS_ALL ? k : REL_UNEXPLAINED];
}

const char *rel_kind_name(enum rel_kind k)
{
	return rel_kind_info(k)->name;
}

static struct rel *add_rel(struct relations *r, int a, int b, enum rel_kind kind, int at)
{
	struct rel *e;

	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 256;
		void *p = realloc(r->v, nc * sizeof(*r->v));

		if (!p)
			return NULL;
		r->v = p;
		r->cap = nc;
	}
	e = &r->v[r->n++];
	memset(e, 0, sizeof(*e));
	e->a = a;
	e->b = b;
	e->kind = kind;
	e->at = at;
	e->certain = true;
	return e;
}

static int add_rid(struct relations *r, int dev, int owner, uint32_t domain, uint8_t bus,
		   uint8_t devfn)
{
	struct rid *x;

	if (r->nrids == r->rids_cap) {
		size_t nc = r->rids_cap ? r->rids_cap * 2 : 256;
		void *p = realloc(r->rids, nc * sizeof(*r->rids));

		if (!p)
			return -1;
		r->rids = p;
		r->rids_cap = nc;
	}
	x = &r->rids[r->nrids++];
	x->dev = dev;
	x->owner = owner;
	x->domain = domain;
	x->bus = bus;
	x->devfn = devfn;
	return 0;
}

/* Step 1. Returns the point, or -1 on allocation failure. */
static int alias_walk(const struct sysmodel *m, const struct rulectx *rc, struct relations *r,
		      int i)
{
	int start = m->devs[i].real_dma_dev, point;
	const struct dev *s = &m->devs[start];
	const struct devrule *sx = rulectx_dev(rc, start);

	if (start != i) {
		struct rel *e = add_rel(r, i, start, REL_REAL_DMA_DEV, start);

		if (!e)
			return -1;
		e->alias = true;
	}
	point = start;
	if (add_rid(r, i, start, s->domain, s->bus, s->devfn))
		return -1;
	/* most functions have no DMA alias: no scan of the 256 devfns */
	if (dev_any_dma_alias(sx))
		for (unsigned fn = 0; fn < 256; fn++)
			if (dev_has_dma_alias(sx, (uint8_t)fn) &&
			    add_rid(r, i, start, s->domain, s->bus, (uint8_t)fn))
				return -1;

	/* bounded even if a model had a parent loop (model_finish cuts them) */
	for (int b = s->parent, n = 0; b != NO_DEV && n <= (int)m->ndevs; b = m->devs[b].parent, n++) {
		const struct dev *br = &m->devs[b];
		const struct devrule *bx = rulectx_dev(rc, b);
		enum rel_kind kind;
		bool own_id, certain = true;
		struct rel *e;

		if (bx->dev_flags & DEVF_BRIDGE_XLATE_ROOT)
			break;
		switch (br->pcie_type) {
		case PCIE_ROOT_PORT:
		case PCIE_UPSTREAM:
		case PCIE_DOWNSTREAM:
			continue; /* pass requester IDs through unchanged */
		case PCIE_PCI_BRIDGE:
			if (bx->dev_flags & DEVF_PCI_BRIDGE_NO_ALIAS)
				continue;
			kind = REL_PCIE_TO_PCI_BRIDGE;
			own_id = false;
			break;
		case PCIE_PCIE_BRIDGE:
			kind = REL_PCI_BRIDGE;
			own_id = true;
			break;
		case PCIE_NONE:
			kind = REL_PCI_BRIDGE;
			own_id = !(bx->dev_flags & DEVF_PCIE_BRIDGE_ALIAS);
			break;
		case PCIE_UNKNOWN:
			/* Cannot tell a port (transparent) from a bridge that
			 * takes ownership: join conservatively, marked. */
			kind = REL_PCI_BRIDGE;
			own_id = true;
			certain = false;
			break;
		default:
			continue; /* other PCIe types: the kernel's switch ignores them */
		}
		e = add_rel(r, i, b, kind, b);
		if (!e)
			return -1;
		e->alias = true;
		e->certain = certain;
		e->dma_quirk = bx->dma_quirk;
		if (own_id ? add_rid(r, i, b, br->domain, br->bus, br->devfn)
			   : add_rid(r, i, b, br->domain, br->secondary, 0))
			return -1;
		point = b;
	}
	return point;
}

static enum rel_kind kind_for(enum acs_basis basis, enum tri t)
{
	if (t == TRI_UNKNOWN)
		return REL_ACS_UNKNOWN;
	if (basis == ACSB_CONVENTIONAL || basis == ACSB_BRIDGE_TYPE)
		return REL_CONVENTIONAL_BUS;
	return basis == ACSB_CTRL ? REL_ACS_DISABLED_UPSTREAM : REL_NO_ACS_UPSTREAM;
}

/* Step 2, with pci_acs_path_enabled() results cached per bridge. */
static int acs_walk(const struct sysmodel *m, const struct rulectx *rc, struct relations *r, int i,
		    int point, signed char *path_cache, int *blocker_cache)
{
	for (int b = m->devs[point].parent, n = 0; b != NO_DEV && n <= (int)m->ndevs;
	     b = m->devs[b].parent, n++) {
		struct acs_why why;
		struct rel *e;
		enum tri t, bt;
		int blk;

		if (path_cache[b] < 0) {
			path_cache[b] = (signed char)acs_path_enabled(m, rc, b, ACS_REQ_FLAGS, &blk);
			blocker_cache[b] = blk;
		}
		t = (enum tri)path_cache[b];
		if (t == TRI_YES)
			break;
		blk = blocker_cache[b];
		bt = acs_enabled(m, rc, blk, ACS_REQ_FLAGS, &why);
		e = add_rel(r, i, b, kind_for(why.basis, t == TRI_UNKNOWN ? TRI_UNKNOWN : bt), blk);
		if (!e)
			return -1;
		e->certain = t != TRI_UNKNOWN;
		e->missing = why.missing;
		e->basis = why.basis;
		e->acs_quirk = why.quirk;
	}
	return 0;
}

/* Step 3: pci_devs_are_dma_aliases() on the same bus, both directions
 * covered by walking each device's own mask. */
static int same_bus_aliases(const struct sysmodel *m, const struct rulectx *rc,
			    struct relations *r, int i)
{
	const struct dev *d = &m->devs[i];
	const struct devrule *x = rulectx_dev(rc, i);

	if (!dev_any_dma_alias(x))
		return 0;
	for (unsigned fn = 0; fn < 256; fn++) {
		int j;
		struct rel *e;

		if (!dev_has_dma_alias(x, (uint8_t)fn))
			continue;
		j = model_find(m, d->domain, d->bus, (uint8_t)fn);
		if (j == NO_DEV || j == i)
			continue;
		e = add_rel(r, i, j, REL_DMA_ALIAS_QUIRK, i);
		if (!e)
			return -1;
		e->alias = true;
		/* aliases the kernel reads from device registers (Switchtec
		 * NTB): taken as all devfns, so not certain */
		e->certain = !(x->dev_flags & DEVF_DMA_ALIAS_UNKNOWN);
		e->dma_quirk = x->dma_quirk;
	}
	return 0;
}

/* Step 3 for the aliases the firmware declares (IVRS IVHD_DEV_ALIAS*): the
 * AMD driver adds one on the function's own bus as a DMA alias
 * (setup_aliases), which pci_device_group then follows. */
static int ivrs_alias(const struct sysmodel *m, struct relations *r, int i)
{
	int j = translate_ivrs_alias(m, i);
	struct rel *e;

	if (j == NO_DEV)
		return 0;
	e = add_rel(r, i, j, REL_IVRS_ALIAS, i);
	if (!e)
		return -1;
	e->alias = true;
	return add_rid(r, i, i, m->devs[j].domain, m->devs[j].bus, m->devs[j].devfn);
}

/* Step 4 for one slot: functions [first, end) share domain, bus, slot. */
static int slot_functions(const struct sysmodel *m, const struct rulectx *rc, struct relations *r,
			  size_t first, size_t end)
{
	struct acs_why why[8];
	enum tri t[8];
	size_t n = end - first;

	if (n < 2 || n > 8)
		return 0;
	for (size_t k = 0; k < n; k++)
		t[k] = acs_enabled(m, rc, (int)(first + k), ACS_REQ_FLAGS, &why[k]);
	for (size_t x = 0; x < n; x++) {
		for (size_t y = x + 1; y < n; y++) {
			const struct dev *a = &m->devs[first + x], *b = &m->devs[first + y];
			size_t who;
			struct rel *e;

			if (t[x] == TRI_YES || t[y] == TRI_YES)
				continue;
			if (!a->multifunction && !b->multifunction)
				continue;
			/* The responsible function: one that is known not to be
			 * isolated, preferring the higher function (fn 0's
			 * header often decides nothing). */
			who = t[y] == TRI_NO ? y : x;
			/* conventional functions can never be ACS-isolated
			 * (pci_acs_enabled: !pci_is_pcie), only by a quirk */
			e = add_rel(r, (int)(first + x), (int)(first + y),
				    why[who].basis == ACSB_CONVENTIONAL ? REL_CONVENTIONAL_BUS
									: REL_MULTIFUNCTION_NO_ACS,
				    (int)(first + who));
			if (!e)
				return -1;
			e->certain = t[x] != TRI_UNKNOWN && t[y] != TRI_UNKNOWN;
			e->missing = why[who].missing;
			e->basis = why[who].basis;
			e->acs_quirk = why[who].quirk;
		}
	}
	return 0;
}

/* A function no IOMMU translates takes no part in grouping: the kernel
 * never probes it into a group, nor meets it walking up from another
 * (iommu_group_get() on it finds nothing). Drop every edge that touches it. */
static void drop_untranslated(struct relations *r)
{
	size_t k = 0;

	for (size_t e = 0; e < r->n; e++)
		if (r->xl[r->v[e].a].translated && r->xl[r->v[e].b].translated)
			r->v[k++] = r->v[e];
	r->n = k;
}

int relations_build(const struct sysmodel *m, const struct rulectx *rc, struct relations *r)
{
	signed char *path_cache = NULL;
	int *blocker_cache = NULL;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	r->point = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));
	path_cache = malloc(m->ndevs ? m->ndevs : 1);
	blocker_cache = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));
	r->xl = malloc((m->ndevs ? m->ndevs : 1) * sizeof(*r->xl));
	if (!r->point || !path_cache || !blocker_cache || !r->xl)
		goto out;
	for (size_t i = 0; i < m->ndevs; i++)
		r->xl[i] = translate_of(m, (int)i);
	memset(path_cache, -1, m->ndevs);

	for (size_t i = 0; i < m->ndevs; i++) {
		int point = alias_walk(m, rc, r, (int)i);

		if (point < 0)
			goto out;
		r->point[i] = point;
		if (acs_walk(m, rc, r, (int)i, point, path_cache, blocker_cache))
			goto out;
		if (same_bus_aliases(m, rc, r, (int)i) || ivrs_alias(m, r, (int)i))
			goto out;
	}
	for (size_t i = 0; i < m->ndevs;) {
		size_t j = i + 1;
		const struct dev *d = &m->devs[i];

		while (j < m->ndevs && m->devs[j].domain == d->domain && m->devs[j].bus == d->bus &&
		       DEVFN_SLOT(m->devs[j].devfn) == DEVFN_SLOT(d->devfn))
			j++;
		if (slot_functions(m, rc, r, i, j))
			goto out;
		i = j;
	}
	drop_untranslated(r);
	ret = 0;
out:
	free(path_cache);
	free(blocker_cache);
	if (ret)
		relations_free(r);
	return ret;
}

void relations_free(struct relations *r)
{
	free(r->v);
	free(r->rids);
	free(r->point);
	free(r->xl);
	memset(r, 0, sizeof(*r));
}
