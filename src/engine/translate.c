// SPDX-License-Identifier: GPL-2.0-or-later
/* translate.c - which functions an IOMMU translates (see translate.h). */
#include "translate.h"

enum {
	VENDOR_AMD = 0x1022,
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

struct translation translate_of(const struct sysmodel *m, int dev)
{
	const struct dev *d = &m->devs[dev];

	/* The kernel gives every function an IOMMU translates a group when
	 * it is added (iommu_probe_device), bound to a driver or not. */
	if (m->nkgroups)
		return d->kernel_group != NO_GROUP
			       ? (struct translation){ true, true, NULL }
			       : (struct translation){ false, true,
						       "the kernel gave it no IOMMU group: no IOMMU "
						       "unit translates it" };
	if (amd_iommu_function(d))
		return (struct translation){ false, true,
					     "an AMD IOMMU's own function: the kernel's AMD driver "
					     "never lets an IOMMU translate itself" };
	if (d->vendor == VENDOR_AMD && (d->class >> 8) == CLASS_HOST_BRIDGE &&
	    DEVFN_FUNC(d->devfn) == 0 && beside_amd_iommu(m, d))
		return (struct translation){ false, false,
					     "the AMD root complex: firmware's IVRS table leaves it "
					     "outside every IOMMU's scope on the machines seen (the "
					     "table itself, root-only, could confirm it)" };
	return (struct translation){ true, true, NULL };
}
