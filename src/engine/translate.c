// SPDX-License-Identifier: GPL-2.0-or-later
/* translate.c - which functions an IOMMU translates (see translate.h). */
#include "translate.h"

#include <string.h>

#include "acpi.h"

enum {
	VENDOR_AMD = 0x1022,
	VENDOR_VIRTIO = 0x1af4,
	DEVICE_VIRTIO_IOMMU = 0x1057, /* 0x1040 + VIRTIO_ID_IOMMU (23) */
	CLASS_IOMMU = 0x0806,     /* PCI_CLASS_SYSTEM_IOMMU */
	CLASS_HOST_BRIDGE = 0x0600,
};

static bool amd_iommu_function(const struct dev *d)
{
	return d->vendor == VENDOR_AMD && (d->class >> 8) == CLASS_IOMMU;
}

/* An AMD IOMMU's function on the same bus and slot as d (the root complex
 * at 00.0 with the IOMMU at 00.2 is the platforms' layout). */
static bool beside_amd_iommu(const struct sysmodel *m, const struct dev *d)
{
	for (uint8_t fn = 0; fn < 8; fn++) {
		int i = model_find(m, d->domain, d->bus, DEVFN(DEVFN_SLOT(d->devfn), fn));

		if (i != NO_DEV && amd_iommu_function(&m->devs[i]))
			return true;
	}
	return false;
}

/* A registered IOMMU unit named after this function (virtio-iommu's unit
 * is its PCI device). */
static bool is_iommu_unit(const struct sysmodel *m, const struct dev *d)
{
	for (size_t u = 0; u < m->niommu_units && u < 16; u++)
		if (!strcmp(m->iommu_units[u], d->bdf))
			return true;
	return false;
}

/* A unit named like a PCI address: virtio-iommu (VIOT), which attaches a
 * function to its group only when a driver binds to it (6.12). */
static bool virtio_iommu_unit(const struct sysmodel *m)
{
	uint32_t dom;
	uint8_t bus, devfn;

	for (size_t u = 0; u < m->niommu_units && u < 16; u++)
		if (!parse_bdf(m->iommu_units[u], &dom, &bus, &devfn))
			return true;
	return false;
}

static const struct translation TRANSLATED = { true, true, NULL };

/* The function whose requester ID the IOMMU looks up: a VMD child's
 * controller, and for the DMAR a VF's PF (device_to_iommu). */
static int dma_source(const struct sysmodel *m, int dev, bool pf)
{
	int i = m->devs[dev].real_dma_dev;

	if (i < 0 || (size_t)i >= m->ndevs)
		i = dev;
	if (pf && m->devs[i].is_vf && m->devs[i].physfn != NO_DEV)
		i = m->devs[i].physfn;
	return i;
}

/* The function a DMAR device scope path leads to, NO_DEV if none: from
 * start_bus down through each bridge's secondary bus. */
static int resolve_scope(const struct sysmodel *m, uint16_t seg, const struct dmar_scope *sc)
{
	uint8_t bus = sc->start_bus;
	int i = NO_DEV;

	for (size_t k = 0; k < sc->npath && k < ACPI_PATH_MAX; k++) {
		if (k) {
			if (!m->devs[i].is_bridge || !m->devs[i].secondary)
				return NO_DEV;
			bus = m->devs[i].secondary;
		}
		i = model_find(m, seg, bus, sc->path[k]);
		if (i == NO_DEV)
			return NO_DEV;
	}
	return i;
}

/* Is dev the scope's function, or below it (is_downstream_to_pci_bridge)? */
static bool in_scope(const struct sysmodel *m, uint16_t seg, const struct dmar_scope *sc, int dev)
{
	const struct dev *d = &m->devs[dev], *b;
	int s;

	if (d->domain != seg || (sc->type != DMAR_SCOPE_ENDPOINT && sc->type != DMAR_SCOPE_BRIDGE))
		return false;
	s = resolve_scope(m, seg, sc);
	if (s == NO_DEV)
		return false;
	if (s == dev)
		return true;
	b = &m->devs[s];
	return b->is_bridge && b->secondary && b->secondary <= b->subordinate &&
	       d->bus >= b->secondary && d->bus <= b->subordinate;
}

static bool in_any_scope(const struct sysmodel *m, const struct dmar_struct *s, int dev)
{
	for (size_t k = 0; k < s->nscopes; k++)
		if (in_scope(m, s->segment, &s->scopes[k], dev))
			return true;
	return false;
}

/* dmar_find_matched_drhd_unit(): a unit whose scope holds the function or
 * a bridge above it, else one with INCLUDE_PCI_ALL on its segment. */
static struct translation dmar_verdict(const struct sysmodel *m, int dev)
{
	const struct acpi_tables *t = m->acpi;
	int src = dma_source(m, dev, true);
	bool any = false;

	for (size_t u = 0; u < t->ndmar; u++) {
		const struct dmar_struct *s = &t->dmar[u];

		if (s->kind != DMAR_DRHD)
			continue;
		any = true;
		if (in_any_scope(m, s, src) || (s->all && s->segment == m->devs[src].domain))
			return TRANSLATED;
	}
	return (struct translation){ false, true,
				     any ? "outside every remapping unit's device scope in the "
					   "firmware's DMAR table (and no unit there has "
					   "INCLUDE_PCI_ALL)"
					 : "the firmware's DMAR table describes no remapping unit" };
}

static struct translation ivrs_verdict(const struct sysmodel *m, int dev)
{
	const struct acpi_tables *t = m->acpi;
	const struct dev *d = &m->devs[dma_source(m, dev, false)];
	uint16_t devid = (uint16_t)(d->bus << 8 | d->devfn), alias;

	if (d->domain > 0xffff)
		return (struct translation){ false, true,
					     "its PCI segment is beyond any the IVRS table can name" };
	for (size_t u = 0; u < t->nivhd; u++)
		if (t->ivhd[u].type == t->ivhd_type && t->ivhd[u].segment == d->domain &&
		    t->ivhd[u].iommu_devid == devid)
			return (struct translation){ false, true,
						     "an AMD IOMMU's own function (its IVHD entry in "
						     "the IVRS table): the kernel's AMD driver never "
						     "lets an IOMMU translate itself" };
	if (ivrs_covers(t, (uint16_t)d->domain, devid, &alias))
		return TRANSLATED;
	return (struct translation){ false, true,
				     "outside every IVHD device entry of the firmware's IVRS table" };
}

int translate_ivrs_alias(const struct sysmodel *m, int dev)
{
	const struct dev *d = &m->devs[dev];
	uint16_t devid = (uint16_t)(d->bus << 8 | d->devfn), alias;
	int j;

	if (!m->acpi || !m->acpi->ivrs_read || d->domain > 0xffff ||
	    !ivrs_covers(m->acpi, (uint16_t)d->domain, devid, &alias) || alias == devid)
		return NO_DEV;
	/* only an alias on the function's own bus becomes a DMA alias
	 * (setup_aliases, drivers/iommu/amd/iommu.c) */
	if ((alias >> 8) != d->bus)
		return NO_DEV;
	j = model_find(m, d->domain, d->bus, (uint8_t)(alias & 0xff));
	return j == dev ? NO_DEV : j;
}

int translate_rmrr(const struct sysmodel *m, int dev)
{
	const struct dev *d = &m->devs[dev];
	const struct acpi_tables *t = m->acpi;

	if (!t || !t->dmar_read)
		return -1;
	/* device_rmrr_is_relaxable(): USB and graphics */
	if ((d->class >> 8) == 0x0c03 || (d->class >> 16) == 0x03)
		return 0;
	for (size_t u = 0; u < t->ndmar; u++)
		if (t->dmar[u].kind == DMAR_RMRR && in_any_scope(m, &t->dmar[u], dev))
			return 1;
	return 0;
}

struct translation translate_of(const struct sysmodel *m, int dev)
{
	const struct dev *d = &m->devs[dev];

	if (d->kernel_group == NO_GROUP &&
	    (is_iommu_unit(m, d) || (d->vendor == VENDOR_VIRTIO && d->device == DEVICE_VIRTIO_IOMMU)))
		return (struct translation){ false, true,
					     "the IOMMU's own function: an IOMMU does not translate "
					     "itself" };
	if (d->kernel_group == NO_GROUP && amd_iommu_function(d))
		return (struct translation){ false, true,
					     "an AMD IOMMU's own function: the kernel's AMD driver "
					     "never lets an IOMMU translate itself" };
	/* The kernel gives every function an IOMMU translates a group when
	 * it is added (iommu_probe_device), bound to a driver or not; but
	 * behind virtio-iommu only once a driver binds. */
	if (m->nkgroups) {
		if (d->kernel_group != NO_GROUP || (!d->driver && virtio_iommu_unit(m)))
			return TRANSLATED;
		return (struct translation){ false, true,
					     "the IOMMU is on and the kernel gave it no group" };
	}
	if (m->acpi && m->acpi->ivrs_read && m->acpi->ivhd_type)
		return ivrs_verdict(m, dev);
	if (m->acpi && m->acpi->dmar_read)
		return dmar_verdict(m, dev);
	if (d->vendor == VENDOR_AMD && (d->class >> 8) == CLASS_HOST_BRIDGE &&
	    DEVFN_FUNC(d->devfn) == 0 && beside_amd_iommu(m, d))
		return (struct translation){ false, false,
					     "the AMD root complex: firmware's IVRS table leaves it "
					     "outside every IOMMU's scope on the machines seen (the "
					     "table itself, root-only, could confirm it)" };
	/* Nothing to go by: most machines' IOMMUs translate every function. */
	return (struct translation){ true, false,
				     "assumed: no readable ACPI DMAR or IVRS table says which "
				     "functions an IOMMU translates" };
}
