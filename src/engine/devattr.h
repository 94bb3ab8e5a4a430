/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devattr.h - the attributes `list -o` shows besides the model: candidate
 * kernel modules, reset methods, boot VGA, physical slot, NUMA node and PCI
 * Express link. Filled on demand, as pciutils' pci_fill_info(flags) does:
 * only the attributes asked for are read, only when asked, through the
 * rooted accessor; what a run reads once (the slots listing,
 * modules.alias) is read on first use and kept in the context. Where sysfs
 * lacks an attribute (a dump, an old kernel, a snapshot made before it
 * was captured) reset methods and the link come from the config space
 * registers the model kept (model.h cfg_regs). Every value from outside is
 * checked: a malformed one is marked bad (shown as "?"), never passed on.
 */
#ifndef IOMMU_GROUPS_DEVATTR_H
#define IOMMU_GROUPS_DEVATTR_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "sysroot.h"

/* What to fill (devattr_fill's want, struct devattr's known and bad). */
enum {
	DA_MODULES = 0x01, /* modalias matched against modules.alias (live only),
			    * or a snapshot's captured "modules" file */
	DA_RESET = 0x02,   /* reset_method, else flr/af_flr/pm from config space */
	DA_BOOTVGA = 0x04, /* boot_vga */
	DA_SLOT = 0x08,    /* sys/bus/pci/slots/NAME whose address is this slot */
	DA_NUMA = 0x10,    /* numa_node */
	DA_LINK = 0x20,    /* current/max link speed and width, else config space */
	DA_ALL = 0x3f,
};

enum da_source {
	DA_SRC_NONE = 0,  /* unknown, or nothing to show */
	DA_SRC_SYSFS,     /* the kernel's attribute file */
	DA_SRC_CONFIG,    /* derived from config space registers */
	DA_SRC_SNAPSHOT,  /* a file a snapshot captured (modules) */
	DA_SRC_ALIAS,     /* modalias matched against modules.alias (live) */
};

#define DA_MAX_NAMES 8 /* reset methods, modules: more are dropped */
#define DA_NAME_LEN 64

struct devattr {
	unsigned known; /* DA_* that were asked for and looked up */
	unsigned bad;   /* DA_* whose input was malformed: value unknown ("?") */

	char reset[DA_MAX_NAMES][DA_NAME_LEN]; /* in the kernel's order */
	size_t nreset;                          /* 0: none known */
	enum da_source reset_src;

	int boot_vga; /* 1, 0; -1: no boot_vga file (not a VGA device) */
	int numa;     /* node; -1: none */
	char slot[DA_NAME_LEN]; /* "" none */

	struct da_link {
		char speed[16], max_speed[16]; /* "8.0GT/s"; "" unknown */
		int width, max_width;          /* lanes; -1 unknown */
		enum da_source src;            /* NONE: no link (not PCI Express, RCiEP) */
	} link;

	char modules[DA_MAX_NAMES][DA_NAME_LEN];
	size_t nmodules;
	enum da_source modules_src; /* NONE: unknown (a sysroot without them) */
};

struct da_slot;
struct da_alias;

/* Per run: where to read, and what is read once. */
struct devattr_ctx {
	const struct sysroot *sr;  /* NULL: no sysfs (a dump): config space only */
	const struct sysmodel *m; /* NULL: devattr_modules_of() only */
	const char *release;       /* the kernel release for modules.alias
				    * (devattr_init: the model's) */
	bool slots_read;
	struct da_slot *slots;
	size_t nslots;
	bool alias_read;
	char *alias_text;          /* modules.alias as read (the patterns point into it) */
	struct da_alias *aliases;
	size_t naliases;
	unsigned long reads;       /* files and listings read: tests check laziness */
	char warning[320];         /* the first problem worth saying ("" none) */
	size_t nwarnings;
};

/* Bounds for hostile input. */
#define DA_MAX_SLOTS 4096
#define DA_MAX_ALIAS_BYTES (64u << 20)

void devattr_init(struct devattr_ctx *c, const struct sysroot *sr, const struct sysmodel *m);
void devattr_free(struct devattr_ctx *c);

/* Fill out for function i with the attributes in want (and nothing else
 * is read). 0, or -ENOMEM. */
int devattr_fill(struct devattr_ctx *c, int i, unsigned want, struct devattr *out);

/* The link as text: "8.0GT/s x4", "8.0GT/s x4 (max 16.0GT/s x16)"; "-" no
 * link, "?" bad. */
void devattr_link_text(const struct devattr *a, char *buf, size_t len);

/* The candidate modules of modalias on the live root c->sr (snapshot
 * captures them): their count (at most max), or -1 when modules.alias is
 * unavailable (c->warning says why), -2 out of memory, -3 a modalias
 * the kernel would not write. */
int devattr_modules_of(struct devattr_ctx *c, const char *modalias, char (*names)[DA_NAME_LEN],
		       size_t max);

/* Is s a name a kernel module or reset method can have ([A-Za-z0-9_-],
 * 1 to DA_NAME_LEN - 1 bytes)? */
bool devattr_name_ok(const char *s, size_t n);

/* Module names matched in text (modules.alias's format: "alias PATTERN
 * MODULE" lines) for modalias, each once in file order: a pure function
 * for tests. Returns how many (at most max). */
size_t devattr_match_aliases(struct devattr_ctx *c, const char *modalias,
			     char (*names)[DA_NAME_LEN], size_t max);

/* Parse modules.alias text (malloc'd, owned by c afterwards) into c's
 * table. text holds len bytes and room for one more: an unterminated last
 * line is cut with a NUL at text[len]. */
int devattr_load_aliases(struct devattr_ctx *c, char *text, size_t len);

#endif
