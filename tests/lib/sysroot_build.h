/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysroot_build.h - the one writer of synthetic sysroots for the tests and
 * the benchmark (unit tests, bench/mksysroot.c, tests/lib/mksysroot for the
 * CLI setups): a directory laid out as sysfs and procfs are, from a list
 * of PCI functions.
 *
 * A function is its BDF, its parent (a bridge earlier in the list, or a
 * root bus), its config bytes, and optionally a driver, an IOMMU group, a
 * physfn (SR-IOV) and the id attribute files. It becomes
 *   sys/devices/<parent's path>/[<busdir>/]<BDF>/config   (the bytes)
 *   sys/bus/pci/devices/<BDF> -> ../../../devices/<path>
 *   <path>/driver -> <up>/bus/pci/drivers/<driver>
 *   <path>/iommu_group -> <up>/kernel/iommu_groups/<N>, with that group's
 *     directory, devices/ (and the member's link there when asked) and type
 *   <path>/physfn -> ../<PF's BDF>
 *   <path>/vendor, device, class ("0x%04x\n"...) when asked.
 * The root bus directory is "pciDDDD:BB" unless busdir says otherwise (a
 * VMD domain sits below its controller as "pci10000:e0").
 *
 * No exit(): every call returns 0, or -1 with the reason in b->err.
 */
#ifndef IOMMU_GROUPS_SYSROOT_BUILD_H
#define IOMMU_GROUPS_SYSROOT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb {
	char root[1024];
	char err[1400];
};

struct sb_func {
	const char *bdf;       /* "0000:00:04.0" (the directory's name) */
	int parent;            /* index of the parent in the list; -1: a root bus */
	const char *busdir;    /* the bus directory between parent and function
				* (NULL: "pciDDDD:BB" on a root bus, none below a bridge) */
	const void *config;    /* the config file's bytes; NULL: no config file */
	size_t config_len;
	const char *driver;    /* NULL: no driver link */
	int group;             /* IOMMU group; -1: none */
	const char *group_type; /* its type file (NULL: "DMA") */
	bool group_link;       /* iommu_groups/N/devices/BDF -> the function */
	const char *physfn;    /* the PF's BDF (a sibling); NULL: none */
	bool id_files;         /* vendor, device, class files: from the config
				* bytes, or vf_vendor/vf_device for a VF */
	uint16_t vf_vendor, vf_device;
};

/* The root directory (made, with sys/bus/pci/devices) */
int sb_init(struct sb *b, const char *root);
/* Plain files, directories, links below the root (rel has no leading /). */
int sb_mkdirs(struct sb *b, const char *rel);
int sb_put(struct sb *b, const char *rel, const void *data, size_t len);
int sb_put_str(struct sb *b, const char *rel, const char *text);
int sb_link(struct sb *b, const char *target, const char *rel);
/* proc/sys/kernel/osrelease and proc/cmdline ("...\n"; NULL: not written) */
int sb_kernel(struct sb *b, const char *release, const char *cmdline);

/* One function at path (below sys/devices; its last component is the
 * BDF); the other fields as in struct sb_func (parent and busdir unused). */
int sb_add(struct sb *b, const char *path, const struct sb_func *f);
/* The functions of a list, in order (a parent before its children); each
 * one's path (below sys/devices) in paths[i] when paths is not NULL. */
int sb_write(struct sb *b, const struct sb_func *funcs, size_t n, char (*paths)[512]);

/* Config bytes of a simple function (bench/mksysroot, tests/lib/mksysroot):
 * ids, class, header type 1 with bus numbers for a bridge, the PCI Express
 * capability at 0x40 (pcie_type >= 0: PCI_EXP_FLAGS_TYPE), ACS at 0x100
 * when acs_cap is not 0. len bytes of buf are written (zeroed first). */
struct sb_cfg {
	uint16_t vendor, device;
	uint32_t class;
	bool bridge, multifunction;
	uint8_t primary, secondary, subordinate;
	int pcie_type;
	uint16_t acs_cap, acs_ctrl;
};
void sb_config(uint8_t *buf, size_t len, const struct sb_cfg *c);

#endif
