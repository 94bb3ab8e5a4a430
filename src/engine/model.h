/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * model.h - the device model: one record per PCI function, read once.
 *
 * Everything later stages need (ids, header, PCI Express type, ACS, bridge
 * bus numbers, parent, SR-IOV, driver, kernel group) is parsed from config
 * space and sysfs into plain fields here; config space itself is not kept.
 * Fields that depend on bytes that could not be read are marked unknown
 * rather than guessed.
 */
#ifndef IOMMU_GROUPS_MODEL_H
#define IOMMU_GROUPS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline.h"

struct acpi_tables;
#include "kver.h"

#define DEVFN(slot, fn) ((uint8_t)((((slot) & 0x1f) << 3) | ((fn) & 0x07)))
#define DEVFN_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define DEVFN_FUNC(devfn) ((devfn) & 0x07)

/* PCI Express device/port type (PCI_EXP_FLAGS_TYPE), plus our own states. */
enum pcie_type {
	PCIE_ENDPOINT = 0x0,
	PCIE_LEGACY_ENDPOINT = 0x1,
	PCIE_RC_END = 0x9,
	PCIE_RC_EC = 0xa,
	PCIE_ROOT_PORT = 0x4,
	PCIE_UPSTREAM = 0x5,
	PCIE_DOWNSTREAM = 0x6,
	PCIE_PCI_BRIDGE = 0x7,  /* PCIe-to-PCI/PCI-X bridge */
	PCIE_PCIE_BRIDGE = 0x8, /* PCI/PCI-X-to-PCIe bridge */
	PCIE_NONE = 0x100,      /* no PCI Express capability: conventional */
	PCIE_UNKNOWN = 0x101,   /* config space too short to tell */
};

/* ACS capability/control bits (include/uapi/linux/pci_regs.h). */
enum {
	ACS_SV = 0x0001,
	ACS_TB = 0x0002,
	ACS_RR = 0x0004,
	ACS_CR = 0x0008,
	ACS_UF = 0x0010,
	ACS_EC = 0x0020,
	ACS_DT = 0x0040,
};
/* REQ_ACS_FLAGS, drivers/iommu/iommu.c */
#define ACS_REQ_FLAGS (ACS_SV | ACS_RR | ACS_CR | ACS_UF)

enum acs_state {
	ACS_ABSENT = 0,  /* config space read completely, no ACS capability */
	ACS_PRESENT = 1, /* capability found: acs_cap/acs_ctrl valid */
	ACS_UNKNOWN = 2, /* extended config space not readable */
};

#define NO_DEV (-1)
#define NO_GROUP (-1)

struct dev {
	uint32_t domain; /* 32-bit: VMD domains start at 0x10000 */
	uint8_t bus;
	uint8_t devfn;
	char bdf[24]; /* "DDDD:BB:SS.F", or up to 8 hex digits of domain */

	uint16_t vendor, device;
	uint16_t subvendor, subdevice;
	uint32_t class; /* 24 bits: base, sub, prog-if */
	uint8_t revision;
	uint8_t hdr_type;    /* header type, bit 7 masked off */
	bool hdr_multifunction; /* bit 7 of the header type register */
	bool multifunction;  /* the kernel's notion (probe.c, iov.c) */

	/* Config space as read: cfg_len bytes; complete when the whole
	 * space the device has (256 or 4096) was readable. */
	uint16_t cfg_len;
	bool cfg_complete;

	enum pcie_type pcie_type;
	uint16_t pcie_pos; /* offset of the PCI Express capability, 0 if none */

	enum acs_state acs;
	uint16_t acs_pos;
	uint16_t acs_cap;  /* ACS capability register (pos + 4) */
	uint16_t acs_ctrl; /* ACS control register (pos + 6), as read */
	uint32_t acs_ctrl_dword; /* dword at pos + 8: Intel SPT PCH keeps control here */

	bool is_bridge;   /* header type 1 (or 2: cardbus) */
	uint8_t secondary, subordinate;

	int parent;       /* index of the bridge above this function's bus
			   * (bus->self), NO_DEV on a root bus */
	int real_dma_dev; /* pci_real_dma_dev(): itself, or e.g. the VMD
			   * controller for devices in its domain */
	bool is_vf;
	int physfn;       /* index of the PF for a VF, else NO_DEV */
	uint16_t sriov_totalvfs, sriov_numvfs;
	uint16_t sriov_vf_device; /* a PF's VF Device ID (SR-IOV cap + 0x1a) */
	uint16_t sriov_ctrl, sriov_offset, sriov_stride; /* VF Enable; RID layout */

	char *driver;     /* NULL when unbound */
	int kernel_group; /* NO_GROUP when the device has none */


	/* Fields the quirk functions need go here (quirks_acs.c fills nothing
	 * else; the loader reads config space into them). */
	/* Dword at config offset 0xf0 (INTEL_LPC_RCBA_REG), valid when
	 * cfg_len >= 0xf4. Read for every function; quirks_acs.c uses it only on
	 * the function at devfn 1f.0 on an Intel PCH root port's bus (the LPC
	 * bridge): bit 0 clear = RCBA disabled, so the kernel's Intel PCH ACS
	 * workaround (pci_quirk_enable_intel_lpc_acs) fails at boot. */
	uint32_t intel_lpc_rcba;
	bool intel_lpc_rcba_valid;

	/* Names from pci.ids (libpci), "" when unknown. */
	char *vendor_name, *device_name, *class_name;

	/* The loader could not trust this function's place in the tree (a
	 * parent loop cut, a sysfs path that does not end in it): its
	 * groups are uncertain whatever their edges say (groups.c). */
	bool place_doubtful;
	/* Its ids (and class) were looked up by name (lspci -vv text without
	 * -nn): a quirk may hang on ids these are not; its groups and those
	 * below it are uncertain (groups.c). */
	bool ids_doubtful;

	/* Removed since it was read (model_refresh_dev, load.h): the record
	 * stays, so that indices stay valid, with what was last read; it has
	 * no driver and no kernel group any more. */
	bool gone;

	/* Registers for devattr.c (reset methods and link where sysfs lacks
	 * them: a dump, an old kernel), as read; each valid only with its
	 * CFGREG_* bit in cfg_regs (config.c). */
	uint8_t cfg_regs;
	uint32_t exp_devcap, exp_lnkcap, exp_lnkcap2; /* PCI_EXP_DEVCAP, _LNKCAP, _LNKCAP2 */
	uint16_t exp_lnksta;                          /* PCI_EXP_LNKSTA */
	uint8_t af_cap;                               /* PCI_AF_CAP */
	uint16_t pm_ctrl;                             /* PCI_PM_CTRL */
};

enum {
	CFGREG_EXP = 0x01,  /* exp_devcap, exp_lnkcap, exp_lnksta (and exp_lnkcap2, 0 before v2) */
	CFGREG_AF = 0x02,   /* af_cap: an Advanced Features capability */
	CFGREG_PM = 0x04,   /* pm_ctrl: a Power Management capability */
	CFGREG_CAPS = 0x08, /* the capability list was read whole: a missing bit is absent */
};

struct kgroup {
	int id;
	char type[16]; /* DMA, DMA-FQ, identity, blocked, unmanaged, "" */
	int *members;  /* device indices in location order (model_finish) */
	size_t nmembers;
};

/* A bound for hostile input only: past it, a warning (model_warn). */
#define MODEL_MAX_IOMMU_UNITS 65536

/* The whole examined system. */
struct sysmodel {
	struct dev *devs;
	size_t ndevs;
	struct kgroup *kgroups; /* sorted by id */
	size_t nkgroups;

	char kernel_release[128];   /* proc/sys/kernel/osrelease, "" unknown */
	char cmdline[4096];         /* proc/cmdline */
	struct acs_cmdline params;  /* what in it changes grouping */
	char **iommu_units;         /* sys/class/iommu entries, sorted; every
				     * one (MODEL_MAX_IOMMU_UNITS, then a
				     * warning) */
	size_t niommu_units;
	bool has_ivrs;              /* ACPI IVRS table (AMD) */
	bool has_dmar;              /* ACPI DMAR table (Intel) */
	struct acpi_tables *acpi;   /* DMAR/IVRS as parsed (acpi.h); NULL: none read */
	bool live;                  /* no --sysroot: the running system */
	bool config_truncated;      /* some device's config space was short */

	/* Damaged input that still left a usable model: one line each
	 * (model_warn), printed by the command on stderr as warnings. */
	char **warnings;
	size_t nwarnings;
	size_t warnings_dropped; /* past the bound, or out of memory */

	/* lookup: index by (domain, bus, devfn); see model_find() */
	int *hash;
	size_t hash_size;
};

/* Find a device by location; NO_DEV if absent. Needs model_index(). */
int model_find(const struct sysmodel *m, uint32_t domain, uint8_t bus, uint8_t devfn);

/* The i-th virtual function of physical function pf, where iov.c
 * pci_iov_virtfn_bus()/devfn() put it (routing ID = the PF's + First VF
 * Offset + i * VF Stride, same domain): its index, or NO_DEV when the PF
 * has no VF Enable, i >= NumVFs, the ID overflows or no function is
 * there. Needs model_index(). */
int model_vf_at(const struct sysmodel *m, int pf, unsigned i);

/* (Re)build the location index behind model_find(); devs[] sorted. */
int model_index(struct sysmodel *m);

/* qsort order of struct dev (or a struct starting with one): domain, bus,
 * devfn, which is the order model_finish() and the renderers expect. */
int model_cmp_location(const void *a, const void *b);

/* A function's location as one number (domain << 16 | bus << 8 | devfn),
 * in model_cmp_location()'s order: for indexes and sorts by location. */
static inline uint64_t model_loc_key(uint32_t domain, uint8_t bus, uint8_t devfn)
{
	return (uint64_t)domain << 16 | (uint64_t)bus << 8 | devfn;
}

/* Parse a BDF: "DDDD:BB:SS.F" or "BB:SS.F", hex digits only; the domain
 * may exceed 16 bits (VMD). 0 or -EINVAL. */
int parse_bdf(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *devfn);
void format_bdf(char *buf, size_t len, uint32_t domain, uint8_t bus, uint8_t devfn);

/* Fill each kernel group's member list from the devices' kernel_group
 * (kgroups sorted by id). 0 or -ENOMEM. */
int model_index_kgroups(struct sysmodel *m);

/* The index of kernel group id in kgroups, or -1. */
int model_kgroup(const struct sysmodel *m, int id);

/* A fresh record at a location: no parent, PF, DMA device or group yet
 * (NO_DEV, NO_GROUP), nothing read. Every loader starts from it. */
void dev_init(struct dev *d, uint32_t domain, uint8_t bus, uint8_t devfn);

/* Free what a record owns (driver, names) and clear the pointers. */
void dev_release(struct dev *d);

/* Is the function on a root bus (pci_is_root_bus)? */
static inline bool dev_on_root_bus(const struct dev *d)
{
	return d->parent == NO_DEV;
}

static inline bool dev_is_pcie(const struct dev *d)
{
	return d->pcie_type != PCIE_NONE && d->pcie_type != PCIE_UNKNOWN;
}

const char *pcie_type_name(enum pcie_type t);

/*
 * Parse one function's config space (len bytes, as read) into d: ids,
 * class, header, multifunction bit, capabilities (PCI Express, ACS),
 * bridge bus numbers. full is the size the kernel has for it (the sysfs
 * file's size: 256 or 4096; 0 = take len): less read than that means
 * cfg_complete false and the unknown states. Used by the sysfs loader and
 * by unit tests with synthetic bytes.
 */
void dev_parse_config(struct dev *d, const uint8_t *cfg, size_t len, size_t full);

void model_free(struct sysmodel *m);

/* Record a warning about the input (model.c). Never fails: past a bound,
 * or out of memory, a warning is only counted (warnings_dropped). */
void model_warn(struct sysmodel *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same with the text made already (a slice of a parallel load keeps
 * its warnings apart, par.h): s is m's, or freed past the bound (NULL:
 * only counted). */
void model_warn_take(struct sysmodel *m, char *s);

#endif
