/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * load.h - build the device model from a (rooted) sysfs.
 *
 * One pass over sys/bus/pci/devices: per function one readlink for its
 * place in the tree, a read of config space, and readlinks for
 * iommu_group (and physfn where it can exist); drivers from one listing
 * per driver directory; each entry of sys/kernel/iommu_groups once (its
 * type; its members are the functions' links to it); the
 * IOMMU units, the ACPI tables that matter and the kernel release.
 * Linear in devices, on a few threads (par.h), with the output of one
 * loop. driver_override is not read: attach reads it itself, when it
 * plans.
 */
#ifndef IOMMU_GROUPS_LOAD_H
#define IOMMU_GROUPS_LOAD_H

#include <stddef.h>

#include "model.h"
#include "sysroot.h"
/* model_find, model_index, parse_bdf, ... live in model.h (model.c) */

/* 0 on success; -1 with a one-line message in err. */
int model_load(struct sysmodel *m, const struct sysroot *sr, char *err, size_t errlen);

/* On a --sysroot, group g's own member list (its devices/ directory)
 * against the functions' iommu_group links, each disagreement a warning
 * in m: a snapshot's two views of the kernel's group, compared where a
 * command looks at one group closely (why-shared), not for every group
 * of a listing (two system calls a group). Nothing on the live system,
 * where both come from the running kernel, nor for g NO_GROUP (a dump's
 * functions have no kernel group). */
void model_check_group(struct sysmodel *m, const struct sysroot *sr, int g);

/* After devs[] are filled (sorted, parent/physfn/real_dma_dev set, NO_DEV
 * where none) by a loader or a test: index, correct port types as the
 * kernel does, derive multifunction. Shared by every way of building a
 * model. m->cmdline should be set first (pci=pcie_scan_all). */
int model_finish(struct sysmodel *m, char *err, size_t errlen);

/*
 * Re-read function devs[idx] after a bind/unbind or a udev event (the
 * idea of pciutils' pci_fill_info): driver, config space,
 * iommu_group link, with the reader of the full load. A function no
 * longer in sys/bus/pci/devices is marked gone, not freed, so indices stay
 * valid; one that is back is read again. Its place in the tree (parent,
 * PF, DMA device) and its names stay as loaded; kernel group member lists
 * follow. The rules context (rulectx.h) must be applied again by the
 * caller. 0, or -1 with a one-line message in err.
 */
int model_refresh_dev(struct sysmodel *m, const struct sysroot *sr, int idx, char *err,
		      size_t errlen);




#endif
