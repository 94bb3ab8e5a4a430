/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * load_dump.h - the device model from an `lspci -x`/`-xxx`/`-xxxx` dump
 * (libpci's dump format; `-vv` detail lines, indentation, CRLF and blank
 * lines as pasted are accepted) or from `lspci -vvnn` text without hex
 * (lspci_text.h: its facts written as config bytes), so that a machine can
 * be explained from pasted output. The tree comes from the bridges'
 * secondary/subordinate bus numbers; SR-IOV links from the PFs' SR-IOV
 * registers; drivers and kernel groups from -vv's "Kernel driver in use:"
 * and "IOMMU group:" lines where present, else unknown. Damaged
 * input fails with "FILE:LINE: what"; a missing row or a short dump loads
 * with a warning (model_warn) and the functions marked incomplete.
 */
#ifndef IOMMU_GROUPS_LOAD_DUMP_H
#define IOMMU_GROUPS_LOAD_DUMP_H

#include <stdio.h>

#include "model.h"

/* 0, or -1 with "FILE:LINE: what is wrong" in err. */
int model_load_dump(struct sysmodel *m, FILE *f, const char *name, char *err, size_t errlen);
/* The same, with the pci.ids file (NULL: libpci's default) in which the
 * names of `lspci -vv` text without -nn are looked up (names.h). */
int model_load_dump_ids(struct sysmodel *m, FILE *f, const char *name, const char *pci_ids,
			char *err, size_t errlen);

#endif
