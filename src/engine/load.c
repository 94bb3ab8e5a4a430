// SPDX-License-Identifier: GPL-2.0-or-later
/* load.c - the device model from sysfs (see load.h). */
#define _GNU_SOURCE
#include "load.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acpi.h"
#include "par.h"

/* A BDF as text: at most "ffffffff:ff:1f.7" (parse_bdf checks widths). */
#define BDF_TEXT 24

/* Parent links are kept as BDF text until every device is known. */
struct pending {
	char name[BDF_TEXT];   /* the entry in sys/bus/pci/devices */
	char parent[BDF_TEXT];
	char dma_dev[BDF_TEXT];
	char physfn[BDF_TEXT];
	bool doubtful; /* its place in the tree could not be trusted */
	/* Live: its ID registers read ffff (or config ended before them), as
	 * a VF's do; whether it is one, and whose, is settled once all are
	 * loaded (settle_vfs), and only its first 256 bytes were read
	 * (partial). real: its directory, proven plain (fdir.real). */
	bool unsettled, partial;
	char *real;
	bool left_out; /* load_one() left it out (reported) */
};

/* "../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0": the component
 * before the device is its parent bridge, or "pciDDDD:BB" for a root bus.
 * Above a root bus, a PCI function (VMD) is the real DMA device. The
 * target is taken lexically ("." and ".." folded) and must end in the
 * device itself; otherwise its parent is unknown: -1. */
static int parse_devpath(const char *target, uint32_t dom0, uint8_t bus0, uint8_t devfn0,
			 struct pending *p)
{
	char tmp[4096], *comp[512];
	int n = 0;
	uint32_t dom;
	uint8_t bus, devfn;

	p->parent[0] = p->dma_dev[0] = '\0';
	if (strlen(target) >= sizeof(tmp))
		return -1;
	strcpy(tmp, target);
	for (char *save = NULL, *c = strtok_r(tmp, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, ".."))
			n -= n > 0;
		else if (strcmp(c, ".") && n < 512)
			comp[n++] = c;
		else if (strcmp(c, "."))
			return -1;
	}
	if (n < 2 || parse_bdf(comp[n - 1], &dom, &bus, &devfn) || dom != dom0 || bus != bus0 ||
	    devfn != devfn0)
		return -1;
	if (strlen(comp[n - 2]) < BDF_TEXT && parse_bdf(comp[n - 2], &dom, &bus, &devfn) == 0)
		strcpy(p->parent, comp[n - 2]);
	/* The nearest host bridge above: is it itself below a PCI function
	 * (VMD)? Then that function issues this device's DMA (x86
	 * pci_real_dma_dev(), arch/x86/pci/common.c). */
	for (int i = n - 2; i >= 1; i--) {
		if (strncmp(comp[i], "pci", 3) != 0 || parse_bdf(comp[i], &dom, &bus, &devfn) == 0)
			continue;
		if (strlen(comp[i - 1]) < BDF_TEXT && parse_bdf(comp[i - 1], &dom, &bus, &devfn) == 0)
			strcpy(p->dma_dev, comp[i - 1]);
		break;
	}
	return 0;
}

static int find_bdf_text(const struct sysmodel *m, const char *bdf)
{
	uint32_t dom;
	uint8_t bus, devfn;

	if (!bdf[0] || parse_bdf(bdf, &dom, &bus, &devfn))
		return NO_DEV;
	return model_find(m, dom, bus, devfn);
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

/* Nothing below may trust what a damaged input makes of the model. A
 * function whose place is doubtful has its own groups uncertain
 * (place_doubtful), and gets what a truncated config space gives: unknown
 * type and ACS, so every edge that rests on it is uncertain too;
 * config_truncated is left alone (its warning says "run as root", which
 * would not help). */
static void mark_doubtful(struct dev *d)
{
	d->place_doubtful = true;
	d->cfg_complete = false;
	d->pcie_type = PCIE_UNKNOWN;
	d->acs = ACS_UNKNOWN;
}

/* Links out of range are dropped; a physfn naming the function itself, or
 * a VF (a PF never is one; A's physfn B and B's physfn A), is reported
 * and dropped. Idempotent: a second run finds nothing. */
static void check_links(struct sysmodel *m)
{
	int n = (int)m->ndevs;

	for (int i = 0; i < n; i++) {
		struct dev *d = &m->devs[i];

		if (d->parent != NO_DEV && (d->parent < 0 || d->parent >= n))
			d->parent = NO_DEV;
		if (d->real_dma_dev != NO_DEV && (d->real_dma_dev < 0 || d->real_dma_dev >= n))
			d->real_dma_dev = NO_DEV;
		if (d->physfn != NO_DEV && (d->physfn < 0 || d->physfn >= n))
			d->physfn = NO_DEV;
	}
	for (int i = 0; i < n; i++) {
		struct dev *d = &m->devs[i];

		if (d->physfn == i) {
			model_warn(m, "physfn of %s names itself; its physical function is unknown",
				   d->bdf);
			d->physfn = NO_DEV;
		} else if (d->physfn != NO_DEV && m->devs[d->physfn].is_vf) {
			model_warn(m, "physfn of %s names %s, itself a virtual function; its physical "
				   "function is unknown", d->bdf, m->devs[d->physfn].bdf);
			d->physfn = NO_DEV;
		}
	}
}

/* A parent chain must end at a root bus: a function that is its own
 * parent, or parents that loop (A's parent B, B's parent A), would send
 * every walk up the tree round for ever. Each loop is cut where it closes
 * (that function counts as on a root bus) and reported; the function is
 * set in doubt[]. O(n): each function is walked once. */
static int break_parent_loops(struct sysmodel *m, unsigned char *doubt)
{
	unsigned char *state = calloc(m->ndevs ? m->ndevs : 1, 1); /* 1 walking, 2 done */

	if (!state)
		return -1;
	for (size_t i = 0; i < m->ndevs; i++) {
		int cur = (int)i, prev = NO_DEV;

		while (cur != NO_DEV && !state[cur]) {
			state[cur] = 1;
			prev = cur;
			cur = m->devs[cur].parent;
		}
		if (cur != NO_DEV && state[cur] == 1) {
			struct dev *d = &m->devs[prev];

			if (cur == prev)
				model_warn(m, "sysfs names %s as its own parent; taken as on a root "
					   "bus, its isolation is uncertain", d->bdf);
			else
				model_warn(m, "the parents of %s and %s form a loop in sysfs; %s taken "
					   "as on a root bus, its isolation is uncertain",
					   d->bdf, m->devs[cur].bdf, d->bdf);
			d->parent = NO_DEV;
			doubt[prev] = 1;
		}
		for (cur = (int)i; cur != NO_DEV && state[cur] != 2; cur = m->devs[cur].parent)
			state[cur] = 2;
	}
	free(state);
	return 0;
}

/* What the kernel derives for function i once its place is known. */
static void derive_function(struct sysmodel *m, int i, bool scan_all)
{
	struct dev *d = &m->devs[i];
	const struct dev *p = d->parent == NO_DEV ? NULL : &m->devs[d->parent];

	if (d->real_dma_dev == NO_DEV)
		d->real_dma_dev = i;
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

int model_finish(struct sysmodel *m, char *err, size_t errlen)
{
	unsigned char *done = calloc(m->ndevs ? m->ndevs : 1, 1);
	unsigned char *doubt = calloc(m->ndevs ? m->ndevs : 1, 1);
	bool scan_all;

	cmdline_parse(m->cmdline, &m->params);
	/* pci=pcie_scan_all: every slot below a downstream port is scanned */
	scan_all = m->params.pcie_scan_all;

	check_links(m);
	if (!done || !doubt || model_index(m) || model_index_kgroups(m) ||
	    break_parent_loops(m, doubt)) {
		free(done);
		free(doubt);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		fix_port_type(m, (int)i, done, 0);
	free(done);
	for (size_t i = 0; i < m->ndevs; i++)
		derive_function(m, (int)i, scan_all);
	for (size_t i = 0; i < m->ndevs; i++)
		if (doubt[i])
			mark_doubtful(&m->devs[i]);
	free(doubt);
	return 0;
}

/* A name from the input, fit for a one-line message: at most 32 bytes,
 * anything but printable ASCII shown as '?' (a newline or an escape
 * sequence in a file name must not reach the terminal). */
static const char *shown(const char *s, char *out, size_t len)
{
	size_t i = 0;

	for (; s[i] && i < 32 && i + 1 < len; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[i] = '\0';
	return out;
}

/* A group number: decimal digits only (no sign, blank or "0x"), no
 * overflow (strtol's ERANGE, then INT_MAX). 0, -EINVAL or -ERANGE. */
static int parse_group(const char *s, int *out)
{
	char *end;
	long v;

	for (const char *q = s; *q; q++)
		if (!isdigit((unsigned char)*q))
			return -EINVAL;
	if (!*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || v > INT_MAX)
		return -ERANGE;
	if (*end)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int cmp_unit(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_kernel_info(struct sysmodel *m, const struct sysroot *sr)
{
	DIR *dir;
	struct dirent *de;
	int r;

	if (sr_read_str(sr, "proc/sys/kernel/osrelease", m->kernel_release,
			sizeof(m->kernel_release)) < 0)
		m->kernel_release[0] = '\0';
	/* Unreadable is not empty: pci=, iommu= and the ACS options on it
	 * change the groups, so say that they are computed without it. */
	r = sr_read_str(sr, "proc/cmdline", m->cmdline, sizeof(m->cmdline));
	if (r < 0) {
		m->cmdline[0] = '\0';
		model_warn(m, "cannot read proc/cmdline: %s; groups computed as if the kernel "
			   "command line were empty", sr_strerror(r));
	}
	m->has_ivrs = sr_exists(sr, "sys/firmware/acpi/tables/IVRS");
	m->has_dmar = sr_exists(sr, "sys/firmware/acpi/tables/DMAR");
	m->acpi = acpi_load(sr); /* NULL (out of memory): no tables */
	/* unreadable (not root) is usual and says nothing; a damaged one does */
	if (m->acpi && m->acpi->dmar_malformed)
		model_warn(m, "ACPI %s; which functions an IOMMU translates is assumed",
			   m->acpi->dmar_why);
	if (m->acpi && m->acpi->ivrs_malformed)
		model_warn(m, "ACPI %s; which functions an IOMMU translates is assumed",
			   m->acpi->ivrs_why);
	dir = sr_opendir(sr, "sys/class/iommu");
	if (dir) {
		size_t cap = 0;

		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			if (m->niommu_units == MODEL_MAX_IOMMU_UNITS) {
				model_warn(m, "more than %d entries in sys/class/iommu: the rest are "
					   "not listed", MODEL_MAX_IOMMU_UNITS);
				break;
			}
			if (m->niommu_units == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				char **v = realloc(m->iommu_units, ncap * sizeof(*v));

				if (!v)
					break;
				m->iommu_units = v;
				cap = ncap;
			}
			m->iommu_units[m->niommu_units] = strdup(de->d_name);
			if (!m->iommu_units[m->niommu_units])
				break;
			m->niommu_units++;
		}
		if (de && m->niommu_units < MODEL_MAX_IOMMU_UNITS)
			model_warn(m, "out of memory listing sys/class/iommu: some units are not listed");
		closedir(dir);
		if (m->niommu_units) /* qsort(NULL, 0, ...) is undefined */
			qsort(m->iommu_units, m->niommu_units, sizeof(m->iommu_units[0]), cmp_unit);
	}
}

/* Group ids to a number: an open-addressing index, so that each
 * function's group is looked up in constant time (a scan of a list was
 * quadratic). As a set (the ids seen, the directories listed) the number
 * is unused; the group directories' cache keeps its entries' positions. */
struct idmap {
	int *key; /* -1 empty; ids are never negative (parse_group) */
	int *val;
	size_t size, n;
};

static size_t id_slot(int id, size_t size)
{
	return ((unsigned)id * 2654435761u) & (size - 1);
}

/* 1 if id was there (its number left alone), 0 if added with val,
 * -ENOMEM. Never more than half full. */
static int idmap_put(struct idmap *s, int id, int val)
{
	size_t h;

	if ((s->n + 1) * 2 > s->size) {
		size_t ns = s->size ? s->size * 2 : 256;
		int *nkey = malloc(ns * sizeof(int)), *nval = malloc(ns * sizeof(int));

		if (!nkey || !nval) {
			free(nkey);
			free(nval);
			return -ENOMEM;
		}
		for (size_t i = 0; i < ns; i++)
			nkey[i] = -1;
		for (size_t i = 0; i < s->size; i++)
			if (s->key[i] >= 0) {
				for (h = id_slot(s->key[i], ns); nkey[h] >= 0; h = (h + 1) & (ns - 1))
					;
				nkey[h] = s->key[i];
				nval[h] = s->val[i];
			}
		free(s->key);
		free(s->val);
		s->key = nkey;
		s->val = nval;
		s->size = ns;
	}
	for (h = id_slot(id, s->size); s->key[h] >= 0; h = (h + 1) & (s->size - 1))
		if (s->key[h] == id)
			return 1;
	s->key[h] = id;
	s->val[h] = val;
	s->n++;
	return 0;
}

/* id's number, or -1 when absent (s NULL: nothing known). */
static int idmap_get(const struct idmap *s, int id)
{
	if (!s || !s->size)
		return -1;
	for (size_t h = id_slot(id, s->size); s->key[h] >= 0; h = (h + 1) & (s->size - 1))
		if (s->key[h] == id)
			return s->val[h];
	return -1;
}

static void idmap_free(struct idmap *s)
{
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof(*s));
}

/* base/target with "." and ".." folded, as text: where a link leads when
 * no directory on the way is itself a link, as in sysfs. 0, or -1 for an
 * absolute target, one that climbs above the root, or one too long. */
static int lexical_join(const char *base, const char *target, char *out, size_t len)
{
	char tmp[4096], *comp[512];
	int n = 0;
	size_t o = 0;

	if (target[0] == '/' || snprintf(tmp, sizeof(tmp), "%s/%s", base, target) >= (int)sizeof(tmp))
		return -1;
	for (char *save = NULL, *c = strtok_r(tmp, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "..")) {
			if (n == 0)
				return -1;
			n--;
		} else if (strcmp(c, ".")) {
			if (n == 512)
				return -1;
			comp[n++] = c;
		}
	}
	if (len == 0)
		return -1;
	for (int k = 0; k < n; k++) {
		size_t cl = strlen(comp[k]);

		/* the separator, the component and the final NUL must fit */
		if ((k ? 1 : 0) + cl >= len - o)
			return -1;
		if (k)
			out[o++] = '/';
		memcpy(out + o, comp[k], cl);
		o += cl;
	}
	out[o] = '\0';
	return 0;
}

/* A link of a device (its directory devreal, lexically, "" if unknown)
 * that stays beneath the root when taken lexically needs no sr_stat() to
 * prove it does not lead out: a system call per link and function saved.
 * Anything else is left to that check. */
static bool link_inside(const char *devreal, const char *target)
{
	char j[4096];

	return devreal[0] && lexical_join(devreal, target, j, sizeof(j)) == 0;
}

/* Where one function's files are read. Where the path to its directory
 * has no link but its own entry in sys/bus/pci/devices (as in sysfs), by
 * path from the root: one call per read, no handle on the directory
 * (sr_open_file_nolinks() proves the path when config is opened). Else
 * through a handle on its directory (sr_sub: resolved once beneath the
 * root, links and all), as before. */
struct fdir {
	const struct sysroot *sr; /* the root */
	const char *rel;          /* "sys/bus/pci/devices/NAME" */
	const char *real;         /* its directory, proven plain; NULL: use dir */
	/* with real, its parent's directory held open (a pdir) and its own
	 * name there: the same reads in two components, not the whole path */
	const struct sysroot *up;
	const char *leaf;
	struct sysroot dir;
	bool open;                /* dir is open (sr_close it) */
};

/* The plain directory a run of functions shares (their parent bridge's),
 * held open while the loader reads them in location order: one slice's. */
struct pdir {
	struct sysroot dir;
	char rel[4096]; /* "" when none is open */
	/* the next function in location order is on the same bus, so under
	 * the same parent: only then is a new one opened (an open and a
	 * close save nothing for a parent with one function below it) */
	bool next_same;
};

static void pdir_close(struct pdir *pd)
{
	if (pd->rel[0])
		sr_close(&pd->dir);
	pd->rel[0] = '\0';
}

/* pd opened on the directory of devreal's parent: that directory, or
 * NULL where it cannot be held (no openat2(), a link on the way) or is
 * not worth holding (pd->next_same false). */
static const struct sysroot *pdir_for(struct pdir *pd, const struct sysroot *sr,
				      const char *devreal, const char **leaf)
{
	const char *slash = strrchr(devreal, '/');
	size_t len = slash ? (size_t)(slash - devreal) : 0;

	if (!pd || !len || len >= sizeof(pd->rel))
		return NULL;
	*leaf = slash + 1;
	if (pd->rel[0] && strlen(pd->rel) == len && !memcmp(pd->rel, devreal, len))
		return &pd->dir;
	pdir_close(pd);
	if (!pd->next_same)
		return NULL;
	memcpy(pd->rel, devreal, len);
	pd->rel[len] = '\0';
	if (sr_sub_plain(sr, pd->rel, &pd->dir) < 0) {
		pd->rel[0] = '\0';
		return NULL;
	}
	return &pd->dir;
}

/* Where file name of a function with a plain directory (f->real) is
 * read from: below its parent's directory (f->up) or from the root, with
 * its path there in rel. NULL: too long. */
static const struct sysroot *plain_at(const struct fdir *f, const char *name, char *rel,
				      size_t len)
{
	const char *dir = f->up ? f->leaf : f->real;

	if (snprintf(rel, len, "%s/%s", dir, name) >= (int)len)
		return NULL;
	return f->up ? f->up : f->sr;
}

/* File name of the function opened for reading (as sr_open_file()),
 * whichever way fdir reaches its directory. */
static int open_in(const struct fdir *f, const char *name, off_t *size)
{
	char rel[4400];
	const struct sysroot *at;

	if (!f->real)
		return sr_open_file(&f->dir, name, size);
	at = plain_at(f, name, rel, sizeof(rel));
	return at ? sr_open_file_nolinks(at, rel, size) : -ENAMETOOLONG;
}

/* The whole target of link name of the function, and its last component
 * in buf (as sr_link_basename()). */
static int read_link(const struct fdir *f, const char *name, char *target, size_t tlen,
		     char *buf, size_t len)
{
	char rel[4400];
	const struct sysroot *at;
	ssize_t n;

	if (f->real) {
		if (!(at = plain_at(f, name, rel, sizeof(rel))))
			return -ENAMETOOLONG;
		n = sr_readlink_plain(at, rel, target, tlen);
	} else {
		n = sr_readlink(&f->dir, name, target, tlen);
	}
	return n < 0 ? (int)n : sr_target_basename(target, buf, len);
}

/* sr_stat() of what link name of the function leads to, from the root
 * (as sr_stat() of a directory handle resolves it). */
static int stat_link(const struct fdir *f, const char *name, struct stat *st)
{
	char rel[4400];

	if (snprintf(rel, sizeof(rel), "%s/%s", f->rel, name) >= (int)sizeof(rel))
		return -ENAMETOOLONG;
	return sr_stat(f->sr, rel, st);
}

/* A kernel group record: its id and type, no members yet. */
static void read_kgroup(const struct sysroot *sr, const struct sysroot *groups, struct kgroup *g,
			int id)
{
	char rel[96];

	memset(g, 0, sizeof(*g));
	g->id = id;
	/* through sys/kernel/iommu_groups held open (groups) where it is */
	snprintf(rel, sizeof(rel), "%s%d/type", groups ? "" : "sys/kernel/iommu_groups/", id);
	if (sr_read_str(groups ? groups : sr, rel, g->type, sizeof(g->type)) < 0)
		g->type[0] = '\0';
}

/* A group record with its id only: its type is read after (kgroup_slice). */
static int add_kgroup(struct sysmodel *m, int id, size_t *cap,
		      struct idmap *seen)
{
	struct kgroup *g;
	int r = idmap_put(seen, id, 0);

	if (r)
		return r > 0 ? 0 : r;
	if (m->nkgroups == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *p = realloc(m->kgroups, nc * sizeof(*m->kgroups));

		if (!p)
			return -ENOMEM;
		m->kgroups = p;
		*cap = nc;
	}
	g = &m->kgroups[m->nkgroups++];
	memset(g, 0, sizeof(*g));
	g->id = id;
	return 0;
}

static int cmp_kgroup(const void *a, const void *b)
{
	const struct kgroup *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* sys/kernel/iommu_groups/N as found, once per group rather than once per
 * member: r is 0 (st valid) or sr_stat()'s -errno. Found by id through
 * an idmap of positions in v. */
struct gdir {
	int id, r;
	struct stat st;
};
struct gcache {
	struct gdir *v;
	size_t n, cap;
	struct idmap at;
};

static void gcache_free(struct gcache *c)
{
	free(c->v);
	idmap_free(&c->at);
}

static const struct gdir *group_dir(const struct sysroot *sr, struct gcache *c, int id)
{
	char grel[64];
	struct gdir *g;
	int k = idmap_get(&c->at, id);

	if (k >= 0)
		return &c->v[k];
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		void *p = realloc(c->v, nc * sizeof(*c->v));

		if (!p)
			return NULL;
		c->v = p;
		c->cap = nc;
	}
	if (idmap_put(&c->at, id, (int)c->n) < 0)
		return NULL;
	g = &c->v[c->n++];
	g->id = id;
	snprintf(grel, sizeof(grel), "sys/kernel/iommu_groups/%d", id);
	g->r = sr_stat(sr, grel, &g->st);
	return g;
}

/* The kernel group from a device's iommu_group link: its target must be
 * sys/kernel/iommu_groups/N (the link resolved beneath the root is that
 * very directory), N a number that fits. Anything else is reported and
 * the group taken as unknown (NO_GROUP). */
static void read_group_link(struct sysmodel *m, const struct sysroot *sr, struct gcache *gc,
			    const struct fdir *dir, struct dev *d, const char *devreal,
			    const struct idmap *listed)
{
	char buf[64], target[4096], j[4096], want[64];
	const struct gdir *gd;
	struct stat st;
	int r = read_link(dir, "iommu_group", target, sizeof(target), buf, sizeof(buf)), g = 0;

	d->kernel_group = NO_GROUP;
	if (r == -ENOENT)
		return; /* no group: IOMMU off, or not behind one */
	if (r < 0) {
		model_warn(m, "iommu_group of %s is not a link to a group (%s); its kernel group is "
			   "unknown", d->bdf, sr_strerror(r));
		return;
	}
	r = parse_group(buf, &g);
	if (r) {
		char o[40];

		model_warn(m, "iommu_group of %s names '%s', %s; its kernel group is unknown", d->bdf,
			   shown(buf, o, sizeof(o)),
			   r == -ERANGE ? "a group number out of range" : "not a group number");
		return;
	}
	/* The running kernel's own sysfs needs no checking (and the system
	 * calls per function are what the benchmark watches). */
	if (sr->live) {
		d->kernel_group = g;
		return;
	}
	/* Lexically sys/kernel/iommu_groups/N, and N a directory listed
	 * there: what the two sr_stat() calls below would prove. */
	snprintf(want, sizeof(want), "sys/kernel/iommu_groups/%d", g);
	if (devreal[0] && idmap_get(listed, g) >= 0 && lexical_join(devreal, target, j, sizeof(j)) == 0 &&
	    !strcmp(j, want)) {
		d->kernel_group = g;
		return;
	}
	r = stat_link(dir, "iommu_group", &st);
	if (r == -SR_EOUTSIDE) {
		model_warn(m, "iommu_group of %s leads outside the sysroot; its kernel group is unknown",
			   d->bdf);
		return;
	}
	gd = group_dir(sr, gc, g);
	if (!gd) {
		model_warn(m, "out of memory checking the iommu_group of %s", d->bdf);
		return;
	}
	if (gd->r < 0) {
		model_warn(m, "iommu_group of %s names group %d, which does not exist (no "
			   "sys/kernel/iommu_groups/%d); its kernel group is unknown", d->bdf, g, g);
		return;
	}
	if (r < 0 || st.st_dev != gd->st.st_dev || st.st_ino != gd->st.st_ino) {
		model_warn(m, "iommu_group of %s does not lead to sys/kernel/iommu_groups/%d; its "
			   "kernel group is unknown", d->bdf, g);
		return;
	}
	d->kernel_group = g;
}

/* physfn: this function is a VF; the PF is taken by name once all are
 * known. A link that leads outside or names no function: PF unknown. */
static void read_physfn(struct sysmodel *m, const struct fdir *dir, struct dev *d,
			struct pending *p, const char *devreal)
{
	char buf[64], o[40], target[4096];
	uint32_t dom;
	uint8_t bus, devfn;
	int r = read_link(dir, "physfn", target, sizeof(target), buf, sizeof(buf));

	if (r == -ENOENT)
		return;
	/* A VF's own ID registers read 0xffff: its ids come from the PF
	 * once all are loaded, as iov.c pci_iov_add_virtfn() sets them. */
	d->is_vf = true;
	if (r == 0 && !dir->sr->live && !link_inside(devreal, target))
		r = stat_link(dir, "physfn", NULL);
	if (r < 0)
		model_warn(m, "physfn of %s %s; its physical function is unknown", d->bdf,
			   r == -SR_EOUTSIDE ? sr_strerror(r) : "cannot be followed");
	else if (strlen(buf) >= sizeof(p->physfn) || parse_bdf(buf, &dom, &bus, &devfn))
		model_warn(m, "physfn of %s names '%s', not a PCI function; its physical function "
			   "is unknown", d->bdf, shown(buf, o, sizeof(o)));
	else
		strcpy(p->physfn, buf);
}

/* How read_config() tells a VF. */
enum vf_check {
	VF_LINK,  /* a --sysroot: its physfn link, read there and then */
	VF_LATER, /* live: settle_vfs() asks the PFs once all are loaded */
	VF_NO,    /* settled as none: read it whole */
};

/* Config space as the rules need it: the standard 256 bytes (header and
 * capability list) in one read, then the extended space (ACS, SR-IOV)
 * except for a virtual function, whose ACS the kernel never consults (a
 * VF is never multifunction, iov.c) and which has no SR-IOV of its own:
 * on a live system every 4 bytes read is a configuration access, and VFs
 * are most functions of a large server. Whether it is a VF is asked only
 * where its ID registers read 0xffff, as a VF's do (SR-IOV 3.4.1.1), or
 * could not be read (vf: how). fd: config as opened (or -errno), size
 * its stat() size (-1 on a nodev root: the file read to its end);
 * closed here. 0 or -errno (err set). */
static int read_config(struct sysmodel *m, const struct fdir *dir, int fd, off_t size,
		       struct dev *d, struct pending *p, const char *devreal, enum vf_check vf,
		       const char *name, char *err, size_t errlen)
{
	bool ffff;
	uint8_t cfg[4096];
	ssize_t n, x;

	n = fd < 0 ? fd : sr_pread(fd, cfg, 256, 0);
	if (n < 0) {
		sr_close_file(fd);
		if (n == -SR_EOUTSIDE)
			snprintf(err, errlen, "config of %s leads outside the sysroot: refused", name);
		else
			snprintf(err, errlen, "cannot read config space of %s: %s", name,
				 sr_strerror((int)n));
		return -1;
	}
	ffff = n < 2 || (cfg[0] == 0xff && cfg[1] == 0xff);
	if (ffff && vf == VF_LINK)
		read_physfn(m, dir, d, p, devreal);
	p->unsettled = ffff && vf == VF_LATER;
	if ((d->is_vf || p->unsettled) && n == 256) {
		sr_close_file(fd);
		dev_parse_config(d, cfg, (size_t)n, (size_t)n);
		p->partial = p->unsettled;
		return 0;
	}
	/* the rest in one read: at most the file's end (none past a
	 * 256-byte config space, as stat() tells) */
	x = n == 256 && size != 256 ? sr_pread(fd, cfg + 256, sizeof(cfg) - 256, 256) : 0;
	sr_close_file(fd);
	if (x < 0) {
		snprintf(err, errlen, "cannot read config space of %s: %s", name,
			 sr_strerror((int)x));
		return -1;
	}
	n += x;
	/* as one read of 4096 bytes: a short one is told apart by the size */
	if ((size_t)n == sizeof(cfg))
		size = n;
	dev_parse_config(d, cfg, (size_t)n, size > 0 ? (size_t)size : 0);
	return 0;
}

/* Drivers by location, from one listing of each sys/bus/pci/drivers/NAME/
 * (its entries are links named by the functions bound to it), instead of a
 * readlink of every function's driver link. Sorted by location; a function
 * listed by two drivers is left to its own link (ambiguous). */
struct drvent {
	uint64_t key;
	int name; /* index in names, -1 ambiguous */
};
struct drvmap {
	struct drvent *v;
	size_t n, cap;
	char **names;
	size_t nnames;
	const struct sysroot *sr;
};

static int list_driver_dev(void *ctx, const char *name, unsigned char type)
{
	struct drvmap *dm = ctx;
	uint32_t dom;
	uint8_t bus, devfn;

	if (type != DT_LNK || parse_bdf(name, &dom, &bus, &devfn))
		return 0;
	if (dm->n == dm->cap) {
		size_t nc = dm->cap ? dm->cap * 2 : 256;
		void *p = realloc(dm->v, nc * sizeof(*dm->v));

		if (!p)
			return -ENOMEM;
		dm->v = p;
		dm->cap = nc;
	}
	dm->v[dm->n].key = model_loc_key(dom, bus, devfn);
	dm->v[dm->n++].name = (int)dm->nnames - 1;
	return 0;
}

static int list_driver(void *ctx, const char *name, unsigned char type)
{
	struct drvmap *dm = ctx;
	char rel[320];
	void *p;

	/* a name longer than the link's basename could be is not taken */
	if (type != DT_DIR || strlen(name) >= 64 || dm->nnames >= 65536)
		return 0;
	p = realloc(dm->names, (dm->nnames + 1) * sizeof(*dm->names));
	if (!p)
		return -ENOMEM;
	dm->names = p;
	dm->names[dm->nnames] = strdup(name);
	if (!dm->names[dm->nnames])
		return -ENOMEM;
	dm->nnames++;
	snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s", name);
	return sr_listdir(dm->sr, rel, list_driver_dev, dm) == -ENOMEM ? -ENOMEM : 0;
}

static int cmp_drvent(const void *a, const void *b)
{
	const struct drvent *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static void drv_free(struct drvmap *dm)
{
	for (size_t i = 0; i < dm->nnames; i++)
		free(dm->names[i]);
	free(dm->names);
	free(dm->v);
	memset(dm, 0, sizeof(*dm));
}

/* List every driver's directory; on no memory, an empty map. */
static void drv_load(struct drvmap *dm, const struct sysroot *sr)
{
	size_t w = 0;

	memset(dm, 0, sizeof(*dm));
	dm->sr = sr;
	if (sr_listdir(sr, "sys/bus/pci/drivers", list_driver, dm) == -ENOMEM) {
		drv_free(dm);
		return;
	}
	if (dm->n)
		qsort(dm->v, dm->n, sizeof(*dm->v), cmp_drvent);
	/* one location listed twice: ambiguous, left to the function's link */
	for (size_t r = 0; r < dm->n; r++) {
		if (w > 0 && dm->v[w - 1].key == dm->v[r].key) {
			dm->v[w - 1].name = -1;
			continue;
		}
		dm->v[w++] = dm->v[r];
	}
	dm->n = w;
}

static const char *drv_lookup(const struct drvmap *dm, const struct dev *d)
{
	uint64_t key = model_loc_key(d->domain, d->bus, d->devfn);
	size_t lo = 0, hi = dm ? dm->n : 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (dm->v[mid].key == key)
			return dm->v[mid].name < 0 ? NULL : dm->names[dm->v[mid].name];
		if (dm->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
/* A device link's target as the kernel writes it: "../" a few times,
 * then plain names (no ".", "..", or empty component). Followed from a
 * directory reached without links, it leads where it reads lexically. */
static bool plain_target(const char *t)
{
	const char *c = t;

	if (strncmp(t, "../", 3))
		return false;
	while (!strncmp(c, "../", 3))
		c += 3;
	for (;;) {
		size_t len = strcspn(c, "/");

		if (len == 0 || (len == 1 && c[0] == '.') || (len == 2 && !strncmp(c, "..", 2)))
			return false;
		if (!c[len])
			return true;
		c += len + 1;
	}
}

/* Read one function: 0, 1 to leave it out (reported), or -1 with err set
 * for a failure that stops the load. listed: the directories found in
 * sys/kernel/iommu_groups (NULL: none known, every link checked); drivers:
 * the listings of the drivers' directories (NULL: every link read);
 * plain: sys/bus/pci/devices is reached without a link (sr_plain_dir);
 * pd: the parent directory the previous function left open (NULL: none
 * kept). */
static int load_one(struct sysmodel *m, struct dev *d, struct pending *p, const struct sysroot *sr,
		    struct gcache *gc, const struct idmap *listed, const struct drvmap *drivers,
		    const struct sysroot *devdir, bool plain, struct pdir *pd, const char *name,
		    char *err, size_t errlen)
{
	char rel[320], target[4096], devreal[4096], buf[64];
	const char *listed_drv;
	struct fdir f = { .sr = sr, .rel = rel };
	bool devlink_ok;
	off_t size = 0;
	ssize_t n;
	int r, fd = -1;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", name);
	/* its directory as text, for the links below: "" when unknown */
	devreal[0] = '\0';
	n = sr_readlink(devdir, name, target, sizeof(target));
	devlink_ok = n >= 0 && parse_devpath(target, d->domain, d->bus, d->devfn, p) == 0;
	if (devlink_ok && lexical_join("sys/bus/pci/devices", target, devreal, sizeof(devreal)))
		devreal[0] = '\0';
	/* config by its path, proving that path plain: below its parent's
	 * directory where pd holds it, else from the root */
	if (plain && devreal[0] && plain_target(target)) {
		f.real = devreal;
		f.up = pdir_for(pd, sr, devreal, &f.leaf);
		fd = open_in(&f, "config", &size);
		if (fd < 0 && f.up) {
			f.up = NULL;
			fd = open_in(&f, "config", &size);
		}
		if (fd < 0)
			f.real = NULL;
	}
	if (!f.real) {
		/* resolve the device's directory once; every read below is
		 * relative to it */
		r = sr_sub(sr, rel, &f.dir);
		if (r == -SR_EOUTSIDE) {
			model_warn(m, "%s %s; that function is left out", rel, sr_strerror(r));
			return 1;
		}
		if (r < 0) {
			snprintf(err, errlen, "cannot read %s: %s", rel, sr_strerror(r));
			return -1;
		}
		f.open = true;
		fd = open_in(&f, "config", &size);
	}
	if (!devlink_ok) {
		model_warn(m, "%s is not a link to the device directory of %s; its parent is unknown, "
			   "its isolation uncertain", rel, name);
		p->doubtful = true;
	}
	if (read_config(m, &f, fd, size, d, p, devreal, sr->live ? VF_LATER : VF_LINK, name, err,
			errlen)) {
		if (f.open)
			sr_close(&f.dir);
		return -1;
	}
	/* where settle_vfs() finds its physfn link in one call, as here */
	if (p->unsettled && f.real && !(p->real = strdup(f.real))) {
		snprintf(err, errlen, "out of memory");
		if (f.open)
			sr_close(&f.dir);
		return -1;
	}
	if ((listed_drv = drv_lookup(drivers, d))) {
		d->driver = strdup(listed_drv);
	} else if (read_link(&f, "driver", target, sizeof(target), buf, sizeof(buf)) == 0) {
		/* only the name is used, but a link out is not taken */
		if (!sr->live && !link_inside(devreal, target) &&
		    stat_link(&f, "driver", NULL) == -SR_EOUTSIDE)
			model_warn(m, "driver of %s leads outside the sysroot; its driver is unknown",
				   d->bdf);
		else
			d->driver = strdup(buf);
	}
	read_group_link(m, sr, gc, &f, d, devreal, listed);
	if (f.open)
		sr_close(&f.dir);
	return 0;
}

/* A function whose ID registers read ffff that no PF places: asked of
 * its own physfn link, as before there were PFs to ask (physfn: false to
 * take it as no VF, as the load found it). One that is no VF gets the
 * rest of its config space read. 0, or -1 with err set. */
static int settle_alone(struct sysmodel *m, const struct sysroot *sr, struct dev *d,
			struct pending *p, bool physfn, char *err, size_t errlen)
{
	char rel[320];
	struct fdir f = { .sr = sr, .rel = rel, .real = p->real };
	off_t size = 0;
	int r;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", p->name);
	if (!f.real) {
		r = sr_sub(sr, rel, &f.dir);
		if (r < 0) {
			/* gone since: its config as far as read, not complete */
			model_warn(m, "%s %s; whether it is a virtual function is unknown", rel,
				   sr_strerror(r));
			d->cfg_complete = false;
			return 0;
		}
		f.open = true;
	}
	if (physfn)
		read_physfn(m, &f, d, p, p->real ? p->real : "");
	if (!d->is_vf && p->partial) {
		int fd = open_in(&f, "config", &size);

		/* its place and links are as loaded; only the config is new */
		if (read_config(m, &f, fd, size, d, p, "", VF_NO, p->name, err, errlen)) {
			if (f.open)
				sr_close(&f.dir);
			return -1;
		}
		p->partial = false;
	}
	if (f.open)
		sr_close(&f.dir);
	return 0;
}

/* Which functions reading ffff are VFs, and whose: first those that a
 * PF's SR-IOV capability places (VF Enable, NumVFs, offset and stride,
 * as the kernel placed them: no link to read), then the rest by their
 * physfn links (settle_alone). Needs model_index(). */
static int settle_vfs(struct sysmodel *m, const struct sysroot *sr, struct pending *pend,
		      char *err, size_t errlen)
{
	for (size_t pf = 0; pf < m->ndevs; pf++) {
		if (!(m->devs[pf].sriov_ctrl & 1) || pend[pf].unsettled)
			continue;
		for (unsigned i = 0; i < m->devs[pf].sriov_numvfs; i++) {
			int v = model_vf_at(m, (int)pf, i);

			if (v == NO_DEV || !pend[v].unsettled || pend[v].physfn[0])
				continue;
			m->devs[v].is_vf = true;
			snprintf(pend[v].physfn, sizeof(pend[v].physfn), "%s", m->devs[pf].bdf);
		}
	}
	for (size_t i = 0; i < m->ndevs; i++)
		if (pend[i].unsettled && !m->devs[i].is_vf &&
		    settle_alone(m, sr, &m->devs[i], &pend[i], true, err, errlen))
			return -1;
	return 0;
}

/* m->devs and pend rearranged so that position o holds what was at
 * order[o], in place, cycle by cycle (a copy of both arrays would cost
 * more in fresh pages than in moves); then those left out are released
 * and the rest closed up. 0 or -ENOMEM (nothing moved). */
static int place_in_order(struct sysmodel *m, struct pending *pend, const size_t *order)
{
	size_t n = m->ndevs, w = 0;
	unsigned char *done = calloc(n ? n : 1, 1);

	if (!done)
		return -ENOMEM;
	for (size_t start = 0; start < n; start++) {
		struct dev d;
		struct pending p;
		size_t j = start;

		if (done[start])
			continue;
		d = m->devs[start];
		p = pend[start];
		for (;;) {
			size_t k = order[j];

			done[j] = 1;
			if (k == start) {
				m->devs[j] = d;
				pend[j] = p;
				break;
			}
			m->devs[j] = m->devs[k];
			pend[j] = pend[k];
			j = k;
		}
	}
	free(done);
	for (size_t i = 0; i < n; i++) {
		if (pend[i].left_out) {
			dev_release(&m->devs[i]);
			free(pend[i].real);
			continue;
		}
		if (w != i) {
			m->devs[w] = m->devs[i];
			pend[w] = pend[i];
		}
		w++;
	}
	m->ndevs = w;
	return 0;
}

/* One function spelled twice in sys/bus/pci/devices ("0a:00.0" and
 * "0000:0a:00.0" parse alike): keep one, the kernel's own spelling when
 * there is one, and say so. devs[] and pend[] are sorted together. */
static void drop_duplicates(struct sysmodel *m, struct pending *pend)
{
	size_t w = 0;

	for (size_t r = 0; r < m->ndevs; r++) {
		struct dev *d = &m->devs[r];

		if (w > 0 && model_cmp_location(&m->devs[w - 1], d) == 0) {
			struct dev *k = &m->devs[w - 1];
			bool take = strcmp(pend[r].name, d->bdf) == 0 &&
				    strcmp(pend[w - 1].name, k->bdf) != 0;

			model_warn(m, "sys/bus/pci/devices names %s twice, as %s and %s; using %s",
				   d->bdf, pend[w - 1].name, pend[r].name,
				   take ? pend[r].name : pend[w - 1].name);
			if (take) {
				dev_release(k);
				free(pend[w - 1].real);
				*k = *d;
				pend[w - 1] = pend[r];
			} else {
				dev_release(d);
				free(pend[r].real);
			}
			continue;
		}
		if (w != r) {
			m->devs[w] = *d;
			pend[w] = pend[r];
		}
		w++;
	}
	m->ndevs = w;
}

/* Functions and groups are read in slices on a few threads (par.h): below
 * this many per slice, a thread costs more than the reads it takes on. */
#define PAR_MIN 128

/* One slice of the functions (load_slice) or of the group directories
 * (members_slice). A slice may take its items in another order than the
 * listing's (the functions by location, so that one parent directory
 * serves a run of them); each warning keeps the place in the listing of
 * what it is about, and the slices are joined by those places, so that
 * the warnings, those past the bound and the failure named are what one
 * loop over the listing gives. */
#define SLICE_KEEP 64 /* model_warn()'s bound: no slice needs more */

struct twarn {
	size_t at, seq; /* its item's place in the listing; order within it */
	char *text;
};

struct slice {
	struct sysmodel w;     /* the current item's warnings (model_warn) */
	struct twarn tw[SLICE_KEEP]; /* the first by place, sorted */
	size_t ntw, seq, dropped;
	struct gcache gc;
	struct pdir pd;
	size_t failed_at;      /* SIZE_MAX: no failure */
	char err[512];
};

static struct slice *slices_new(size_t n)
{
	struct slice *s = calloc(n, sizeof(*s));

	for (size_t k = 0; s && k < n; k++)
		s[k].failed_at = SIZE_MAX;
	return s;
}

/* The warnings of item at, moved from s->w into s->tw. */
static void slice_took(struct slice *s, size_t at)
{
	for (size_t i = 0; i < s->w.nwarnings; i++) {
		struct twarn t = { at, s->seq++, s->w.warnings[i] };
		size_t k = s->ntw;

		if (s->ntw == SLICE_KEEP) {
			if (at >= s->tw[SLICE_KEEP - 1].at) {
				free(t.text);
				s->dropped++;
				continue;
			}
			free(s->tw[--s->ntw].text);
			s->dropped++;
			k = s->ntw;
		}
		while (k > 0 && s->tw[k - 1].at > at) {
			s->tw[k] = s->tw[k - 1];
			k--;
		}
		s->tw[k] = t;
		s->ntw++;
	}
	s->dropped += s->w.warnings_dropped;
	free(s->w.warnings);
	s->w.warnings = NULL;
	s->w.nwarnings = s->w.warnings_dropped = 0;
}

static int cmp_twarn(const void *a, const void *b)
{
	const struct twarn *x = a, *y = b;

	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The slices' warnings by place, and the failure at the first place
 * (err set): -1. The slices are freed. */
static int join_slices(struct sysmodel *m, struct slice *s, size_t n, char *err, size_t errlen)
{
	struct twarn *v = malloc(n * SLICE_KEEP * sizeof(*v));
	size_t nv = 0, first = SIZE_MAX, fk = 0, dropped = 0;

	for (size_t k = 0; k < n; k++) {
		if (s[k].failed_at < first) {
			first = s[k].failed_at;
			fk = k;
		}
		for (size_t i = 0; i < s[k].ntw; i++) {
			if (v)
				v[nv++] = s[k].tw[i];
			else {
				free(s[k].tw[i].text);
				dropped++;
			}
		}
		dropped += s[k].dropped;
		gcache_free(&s[k].gc);
	}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_twarn);
	for (size_t i = 0; i < nv; i++)
		model_warn_take(m, v[i].text);
	free(v);
	m->warnings_dropped += dropped;
	if (first == SIZE_MAX)
		return 0;
	snprintf(err, errlen, "%s", s[fk].err);
	return -1;
}

/* The entries of sys/kernel/iommu_groups, listed once: each group's type
 * is read by the slices beside the functions (load_slice). Its members
 * are the functions' iommu_group links; its devices/ listing is read only
 * where a command looks at one group closely (model_check_group()). */
struct gent {
	char *name;    /* as listed */
	int id, pr;    /* parse_group(name): id when pr is 0 */
	char type[sizeof(((struct kgroup *)0)->type)];
};

struct glist {
	struct gent *v;
	size_t n, cap;
	struct idmap *dirs; /* the group directories (real ones, not links), or NULL */
};

static void glist_free(struct glist *gl)
{
	for (size_t i = 0; i < gl->n; i++)
		free(gl->v[i].name);
	free(gl->v);
}

/* Each entry of sys/kernel/iommu_groups; the group directories also in
 * gl->dirs, for read_group_link()'s check without a stat per function. */
static int list_group(void *ctx, const char *name, unsigned char type)
{
	struct glist *gl = ctx;
	struct gent *e;

	if (name[0] == '.') /* ".gitkeep" in a snapshot kept in git: not the kernel's */
		return 0;
	if (gl->n == gl->cap) {
		size_t nc = gl->cap ? gl->cap * 2 : 64;
		void *p = realloc(gl->v, nc * sizeof(*gl->v));

		if (!p)
			return -ENOMEM;
		gl->v = p;
		gl->cap = nc;
	}
	e = &gl->v[gl->n];
	memset(e, 0, sizeof(*e));
	if (!(e->name = strdup(name)))
		return -ENOMEM;
	gl->n++;
	e->pr = parse_group(name, &e->id);
	if (gl->dirs && type == DT_DIR && e->pr == 0 && idmap_put(gl->dirs, e->id, 0) < 0)
		return -ENOMEM;
	return 0;
}

struct member_check {
	struct sysmodel *m;
	int g;
};

/* sys/kernel/iommu_groups/N/devices/ lists a group's members: one that is
 * not among the PCI functions, or whose own link names another group,
 * means the two views of the kernel disagree. Non-PCI members (platform
 * devices) are not ours to check. In the listing's order, as read. */
static int check_member(void *ctx, const char *name, unsigned char type)
{
	struct member_check *c = ctx;
	struct sysmodel *m = c->m;
	int g = c->g;
	uint32_t dom;
	uint8_t bus, devfn;
	int i;

	(void)type;
	if (name[0] == '.' || parse_bdf(name, &dom, &bus, &devfn))
		return 0;
	i = model_find(m, dom, bus, devfn);
	if (i == NO_DEV)
		model_warn(m, "iommu group %d lists %s, which is not in sys/bus/pci/devices", g, name);
	else if (m->devs[i].kernel_group != NO_GROUP && m->devs[i].kernel_group != g)
		model_warn(m, "iommu group %d lists %s, whose iommu_group link names group %d", g,
			   m->devs[i].bdf, m->devs[i].kernel_group);
	return 0;
}

void model_check_group(struct sysmodel *m, const struct sysroot *sr, int g)
{
	struct member_check c = { .m = m, .g = g };
	char rel[64];

	if (sr->live || g == NO_GROUP)
		return;
	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices", g);
	(void)sr_listdir(sr, rel, check_member, &c);
}

/* The entries of sys/kernel/iommu_groups that are no group. */
static void check_group_names(struct sysmodel *m, const struct glist *gl)
{
	for (size_t k = 0; k < gl->n; k++) {
		const struct gent *e = &gl->v[k];
		char o[40];

		if (e->pr)
			model_warn(m, "sys/kernel/iommu_groups/%s is %s; ignored",
				   shown(e->name, o, sizeof(o)),
				   e->pr == -ERANGE ? "a group number out of range" : "not a group number");
	}
}

/* A function as sys/bus/pci/devices lists it: its location
 * (model_loc_key()) and the entry's name. */
struct fname {
	uint64_t loc;
	char name[BDF_TEXT];
};

struct load_job {
	struct sysmodel *m;
	struct pending *pend;
	const struct sysroot *sr, *devdir;
	const struct idmap *listed;
	const struct drvmap *drivers;
	bool plain;
	struct slice *s;
	const size_t *order; /* functions by location */
	const struct sysroot *groups; /* sys/kernel/iommu_groups, or NULL */
	const struct fname *fn; /* the functions as listed (devs[] and pend[] still zero) */
	size_t nshares;      /* each slice takes a share of both: */
	size_t nfn;          /* the functions (order[]) */
	struct glist *gl;    /* and the entries of sys/kernel/iommu_groups */
};

/* Entry e of sys/kernel/iommu_groups: its type (by its number, as
 * read_kgroup() reads a group). */
static void read_gent(const struct load_job *j, struct gent *e)
{
	struct kgroup k;

	if (e->pr)
		return;
	read_kgroup(j->sr, j->groups, &k, e->id);
	memcpy(e->type, k.type, sizeof(e->type));
}

/* Shares [lo, hi) of the functions (by location: the functions of one
 * bridge come one after another and share its directory, pdir) and of
 * the group entries (read_gent, which need nothing of the functions'). */
static void load_slice(void *ctx, size_t k, size_t lo, size_t hi)
{
	struct load_job *j = ctx;
	struct slice *s = &j->s[k];
	size_t q = j->nshares;

	sr_defer_closes((unsigned)j->nshares);
	for (size_t o = j->nfn * lo / q; o < j->nfn * hi / q; o++) {
		size_t i = j->order[o];
		const struct fname *f = &j->fn[i];
		char err[sizeof(s->err)];
		int r;

		/* here, not as listed: the pages of both arrays are first
		 * written (and faulted in) on the slices' threads */
		dev_init(&j->m->devs[i], (uint32_t)(f->loc >> 16), (uint8_t)(f->loc >> 8),
			 (uint8_t)f->loc);
		memcpy(j->pend[i].name, f->name, sizeof(f->name));
		s->pd.next_same = o + 1 < j->nfn * hi / q &&
				  j->fn[j->order[o + 1]].loc >> 8 == f->loc >> 8; /* domain, bus */
		r = load_one(&s->w, &j->m->devs[i], &j->pend[i], j->sr, &s->gc, j->listed,
				 j->drivers, j->devdir, j->plain, &s->pd, j->pend[i].name, err,
				 sizeof(err));

		slice_took(s, i);
		if (r < 0 && i < s->failed_at) {
			s->failed_at = i;
			memcpy(s->err, err, sizeof(err));
		}
		j->pend[i].left_out = r == 1;
	}
	for (size_t e = j->gl->n * lo / q; e < j->gl->n * hi / q; e++)
		read_gent(j, &j->gl->v[e]);
	/* on this thread: its descriptors are its own (par.h) */
	pdir_close(&s->pd);
	sr_defer_closes(0);
}

/* What the load needs before its slices: the functions as listed and
 * their order by location (one thread), the drivers' listings and that
 * of sys/kernel/iommu_groups (another). */
struct prefix {
	struct sysmodel *m;
	const struct sysroot *sr;
	DIR *dir;             /* sys/bus/pci/devices */
	struct fname *fn;     /* m->ndevs of them */
	struct pending *pend; /* m->ndevs, zero, as m->devs */
	size_t *order;
	struct drvmap *drivers;
	struct glist *gl;
	int fn_r, gl_r;
};

struct fkey {
	uint64_t loc;
	size_t at; /* in the listing */
};

/* By location; one location spelled twice, by name, so that which
 * spelling drop_duplicates() keeps does not depend on readdir() order. */
static int cmp_fkey(const void *a, const void *b, void *ctx)
{
	const struct fkey *x = a, *y = b;
	const struct fname *fn = ctx;

	if (x->loc != y->loc)
		return x->loc < y->loc ? -1 : 1;
	return strcmp(fn[x->at].name, fn[y->at].name);
}

/* 0 or -ENOMEM. The records themselves (m->devs, pend) are left zero
 * (calloc: untouched pages) for the slices to fill (load_slice). */
static int list_functions(struct prefix *x)
{
	struct sysmodel *m = x->m;
	struct dirent *de;
	struct fkey *k;
	size_t n = 0, cap = 0;

	while ((de = readdir(x->dir))) {
		uint32_t dom;
		uint8_t bus, devfn;
		size_t len;

		/* parse_bdf() bounds a name to "ffffffff:ff:1f.7" */
		if (parse_bdf(de->d_name, &dom, &bus, &devfn))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			void *p = realloc(x->fn, nc * sizeof(*x->fn));

			if (!p)
				return -ENOMEM;
			x->fn = p;
			cap = nc;
		}
		x->fn[n].loc = model_loc_key(dom, bus, devfn);
		len = strnlen(de->d_name, sizeof(x->fn[n].name) - 1);
		memset(x->fn[n].name, 0, sizeof(x->fn[n].name));
		memcpy(x->fn[n].name, de->d_name, len);
		n++;
	}
	m->devs = calloc(n ? n : 1, sizeof(*m->devs));
	x->pend = calloc(n ? n : 1, sizeof(*x->pend));
	x->order = malloc((n ? n : 1) * sizeof(*x->order));
	k = malloc((n ? n : 1) * sizeof(*k));
	if (!m->devs || !x->pend || !x->order || !k) {
		free(k);
		return -ENOMEM;
	}
	m->ndevs = n;
	for (size_t i = 0; i < n; i++)
		k[i] = (struct fkey){ x->fn[i].loc, i };
	qsort_r(k, n, sizeof(*k), cmp_fkey, x->fn);
	for (size_t o = 0; o < n; o++)
		x->order[o] = k[o].at;
	free(k);
	return 0;
}

static void prefix_task(void *ctx, size_t k, size_t lo, size_t hi)
{
	struct prefix *x = ctx;

	(void)k;
	for (size_t t = lo; t < hi; t++) {
		if (t == 0) {
			x->fn_r = list_functions(x);
			continue;
		}
		drv_load(x->drivers, x->sr);
		/* the groups, once: read beside the functions (read_gent);
		 * none without an IOMMU */
		x->gl_r = sr_listdir(x->sr, "sys/kernel/iommu_groups", list_group, x->gl);
	}
}

int model_load(struct sysmodel *m, const struct sysroot *sr, char *err, size_t errlen)
{
	DIR *dir;
	struct sysroot devdir;
	size_t kcap = 0, nslices = 1;
	struct idmap seen = { 0 }, listed = { 0 }, byid = { 0 };
	struct glist gl = { 0 };
	struct drvmap drivers = { 0 };
	struct pending *pend = NULL;
	struct slice *slices = NULL;
	size_t *order = NULL;
	struct fname *fn = NULL;
	struct sysroot groups = { .dirfd = -1 };
	struct load_job job = { 0 };
	bool plain;
	int rc = -1, r;

	memset(m, 0, sizeof(*m));
	m->live = sr->live;
	read_kernel_info(m, sr);

	dir = sr_opendir(sr, "sys/bus/pci/devices");
	r = dir ? sr_sub(sr, "sys/bus/pci/devices", &devdir) : -errno;
	if (r < 0) {
		snprintf(err, errlen, "cannot read %s%ssys/bus/pci/devices: %s", sr->path,
			 sr->path[strlen(sr->path) - 1] == '/' ? "" : "/", sr_strerror(r));
		if (dir)
			closedir(dir);
		return -1;
	}
	/* the functions' names (and their order by location) on this
	 * thread, the drivers and the groups listed on another */
	gl.dirs = sr->live ? NULL : &listed;
	{
		struct prefix x = { m, sr, dir, NULL, NULL, NULL, &drivers, &gl, 0, 0 };

		par_run(par_slices(2, 1), 2, prefix_task, &x);
		fn = x.fn;
		pend = x.pend;
		order = x.order;
		/* live, the groups' listing only spares reads of their types:
		 * without it (out of memory), each is read as before */
		if (x.gl_r == -ENOMEM && sr->live) {
			glist_free(&gl);
			memset(&gl, 0, sizeof(gl));
			x.gl_r = 0;
		}
		if (x.fn_r || x.gl_r == -ENOMEM) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	}
	plain = sr_plain_dir(sr, "sys/bus/pci/devices");
	/* then each read, in slices; joined in that order, as one loop */
	nslices = par_slices(m->ndevs + gl.n, PAR_MIN);
	if (!(slices = slices_new(nslices))) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sr_sub(sr, "sys/kernel/iommu_groups", &groups) < 0)
		groups.dirfd = -1;
	job = (struct load_job){ m,	  pend,	 sr,	 &devdir,
				 &listed, &drivers, plain, slices,
				 order,	  groups.dirfd >= 0 ? &groups : NULL,
				 fn, nslices, m->ndevs, &gl };
	par_run(nslices, nslices, load_slice, &job);
	r = join_slices(m, slices, nslices, err, errlen);
	if (r)
		goto out;
	/* devices and their pending links in location order (order[]),
	 * those left out dropped */
	if (place_in_order(m, pend, order)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	drop_duplicates(m, pend);
	for (size_t i = 0; i < m->ndevs; i++) {
		int g = m->devs[i].kernel_group;

		if (g != NO_GROUP && add_kgroup(m, g, &kcap, &seen)) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	}
	/* each group's type as its entry was read; one no entry names
	 * (no such directory) read the same way now */
	for (size_t k = 0; k < gl.n; k++)
		if (gl.v[k].pr == 0 && idmap_put(&byid, gl.v[k].id, (int)k) < 0) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	for (size_t k = 0; k < m->nkgroups; k++) {
		struct kgroup *g = &m->kgroups[k];
		int e = idmap_get(&byid, g->id);

		if (e >= 0)
			memcpy(g->type, gl.v[e].type, sizeof(g->type));
		else
			read_kgroup(sr, job.groups, g, g->id);
	}
	if (m->nkgroups)
		qsort(m->kgroups, m->nkgroups, sizeof(*m->kgroups), cmp_kgroup);
	if (model_index(m)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (settle_vfs(m, sr, pend, err, errlen))
		goto out;
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];

		d->parent = find_bdf_text(m, pend[i].parent);
		d->real_dma_dev = find_bdf_text(m, pend[i].dma_dev);
		d->physfn = find_bdf_text(m, pend[i].physfn);
		if (pend[i].parent[0] && d->parent == NO_DEV) {
			model_warn(m, "the parent of %s in its sysfs path, %s, is not in "
				   "sys/bus/pci/devices; taken as on a root bus, its isolation is "
				   "uncertain", d->bdf, pend[i].parent);
			pend[i].doubtful = true;
		}
		if (pend[i].dma_dev[0] && d->real_dma_dev == NO_DEV)
			model_warn(m, "%s is below %s in sysfs, which is not in sys/bus/pci/devices; "
				   "taken as issuing its own DMA", d->bdf, pend[i].dma_dev);
		if (pend[i].physfn[0] && d->physfn == NO_DEV)
			model_warn(m, "physfn of %s names %s, which is not in sys/bus/pci/devices; its "
				   "physical function is unknown", d->bdf, pend[i].physfn);
	}
	check_links(m);
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];

		if (d->is_vf && d->physfn != NO_DEV) {
			d->vendor = m->devs[d->physfn].vendor;
			d->device = m->devs[d->physfn].sriov_vf_device;
		}
	}
	if (!sr->live) /* the running kernel's are its own */
		check_group_names(m, &gl);
	if (model_finish(m, err, errlen))
		goto out;
	for (size_t i = 0; i < m->ndevs; i++)
		if (pend[i].doubtful)
			mark_doubtful(&m->devs[i]);
	rc = 0;
out:
	closedir(dir);
	sr_close(&devdir);
	for (size_t i = 0; pend && i < m->ndevs; i++)
		free(pend[i].real);
	free(pend);
	free(slices);
	free(order);
	free(fn);
	sr_close(&groups);
	idmap_free(&seen);
	idmap_free(&listed);
	idmap_free(&byid);
	glist_free(&gl);
	drv_free(&drivers);
	return rc;
}

/* ---------------------------------------------------------------------
 * One function again (model_refresh_dev): the reader of the full load
 * (load_one), then what model_finish derives for it.
 * ------------------------------------------------------------------- */

/* Its kernel group changed: the group record (new ids get one, with its
 * type) and every group's member list. */
static int regroup(struct sysmodel *m, const struct sysroot *sr, int id)
{
	if (id != NO_GROUP && model_kgroup(m, id) < 0) {
		void *p = realloc(m->kgroups, (m->nkgroups + 1) * sizeof(*m->kgroups));

		if (!p)
			return -ENOMEM;
		m->kgroups = p;
		read_kgroup(sr, NULL, &m->kgroups[m->nkgroups++], id);
		qsort(m->kgroups, m->nkgroups, sizeof(*m->kgroups), cmp_kgroup);
	}
	return model_index_kgroups(m);
}

static int mark_gone(struct sysmodel *m, const struct sysroot *sr, int idx)
{
	struct dev *d = &m->devs[idx];
	bool had_group = d->kernel_group != NO_GROUP;

	d->gone = true;
	free(d->driver);
	d->driver = NULL;
	d->kernel_group = NO_GROUP;
	return had_group ? regroup(m, sr, NO_GROUP) : 0;
}

int model_refresh_dev(struct sysmodel *m, const struct sysroot *sr, int idx, char *err,
		      size_t errlen)
{
	struct gcache gc = { 0 };
	struct sysroot devdir;
	struct pending p;
	struct dev *d, fresh;
	unsigned char *done;
	char rel[320];
	int r, old_group;

	if (!m || idx < 0 || (size_t)idx >= m->ndevs) {
		snprintf(err, errlen, "no function %d in the model", idx);
		return -1;
	}
	d = &m->devs[idx];
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", d->bdf);
	if (!sr_exists(sr, rel))
		goto gone;
	r = sr_sub(sr, "sys/bus/pci/devices", &devdir);
	if (r < 0) {
		snprintf(err, errlen, "cannot read sys/bus/pci/devices: %s", sr_strerror(r));
		return -1;
	}
	dev_init(&fresh, d->domain, d->bus, d->devfn);
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", d->bdf);
	/* no listings: what changed since the load (a bind) is in the links */
	r = load_one(m, &fresh, &p, sr, &gc, NULL, NULL, &devdir,
		     sr_plain_dir(sr, "sys/bus/pci/devices"), NULL, d->bdf, err, errlen);
	sr_close(&devdir);
	gcache_free(&gc);
	if (r) {
		dev_release(&fresh);
		/* removed while it was read; or a link out of the root, which
		 * the full load leaves out (warned) */
		if (r > 0 || !sr_exists(sr, rel))
			goto gone;
		return -1;
	}
	/* Live, whether it is a VF is as loaded: read whole unless it was
	 * one (a --sysroot read its physfn link again, as the load did). */
	r = p.unsettled && !d->is_vf ? settle_alone(m, sr, &fresh, &p, false, err, errlen) : 0;
	free(p.real);
	if (r) {
		dev_release(&fresh);
		return -1;
	}
	if (sr->live)
		fresh.is_vf = d->is_vf;
	/* Its place in the tree is as loaded: a function moves only by a
	 * removal and a rescan, which a new load shows. */
	fresh.parent = d->parent;
	fresh.real_dma_dev = d->real_dma_dev;
	fresh.physfn = d->physfn;
	fresh.place_doubtful = d->place_doubtful;
	if (fresh.is_vf && fresh.physfn != NO_DEV) {
		fresh.vendor = m->devs[fresh.physfn].vendor;
		fresh.device = m->devs[fresh.physfn].sriov_vf_device;
	}
	/* names were looked up once, for the ids as loaded */
	fresh.vendor_name = d->vendor_name;
	fresh.device_name = d->device_name;
	fresh.class_name = d->class_name;
	d->vendor_name = d->device_name = d->class_name = NULL;
	old_group = d->kernel_group;
	dev_release(d);
	*d = fresh;

	/* set_pcie_port_type() against the parent, whose type is corrected */
	done = malloc(m->ndevs);
	if (!done) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(done, 1, m->ndevs);
	done[idx] = 0;
	fix_port_type(m, idx, done, 0);
	free(done);
	derive_function(m, idx, m->params.pcie_scan_all);
	if (d->place_doubtful)
		mark_doubtful(d);
	if (d->kernel_group != old_group && regroup(m, sr, d->kernel_group)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
gone:
	if (mark_gone(m, sr, idx)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}
