// SPDX-License-Identifier: GPL-2.0-or-later
/* names.c - pci.ids names through libpci (see names.h). */
#include "names.h"

#include <pci/pci.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpci reports problems through callbacks; a missing pci.ids is not an
 * error for us (names become ids), so warnings are kept quiet. */
static void quiet(char *msg, ...)
{
	(void)msg;
}

/* libpci's fatal errors (a malformed pci.ids) must not return to it, and
 * library code must not exit() (a TUI would leave the terminal raw): jump
 * back to names_fill() with the message, which the caller prints through
 * errmsg() (it may quote the file). One lookup runs at a time per thread. */
static _Thread_local jmp_buf *fail_jmp;
static _Thread_local char fail_msg[512];

static PCI_NONRET void fail(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(fail_msg, sizeof(fail_msg), msg, ap);
	va_end(ap);
	fail_msg[strcspn(fail_msg, "\n")] = '\0';
	longjmp(*fail_jmp, 1);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* libpci appends " [cccc]" to a base class name when the subclass is not
 * listed; we print the number ourselves, as lspci -nn does. */
static char *class_dup(const char *s)
{
	char *c = dup_or_empty(s), *br;
	size_t l;

	if (c && (l = strlen(c)) > 7 && c[l - 1] == ']' && (br = strrchr(c, '[')) && br > c &&
	    br[-1] == ' ')
		br[-1] = '\0';
	return c;
}

/* Devices already named, by their ids (vendor << 16 | device) and by their
 * class (class >> 8): the index of the first device looked up with them,
 * whose names the others copy. Many functions share their ids (VFs,
 * ports of one switch), and a lookup in libpci costs far more than a
 * copy. Open addressing, at most half full. */
struct seen {
	uint32_t key;
	int dev; /* -1: empty */
};

static struct seen *seen_find(struct seen *t, size_t cap, uint32_t key)
{
	size_t h = (size_t)(((uint64_t)key * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);

	while (t[h].dev >= 0 && t[h].key != key)
		h = (h + 1) & (cap - 1);
	return &t[h];
}

/* The lookups of names_fill() into the model, below its setjmp (no local
 * of that frame lives across a longjmp). 0, or -1 out of memory. */
static int fill(struct pci_access *pacc, struct sysmodel *m, struct seen *ids, struct seen *cls,
		size_t cap)
{
	int flags = PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;
	char buf[256];

	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];
		struct seen *e = seen_find(ids, cap, (uint32_t)d->vendor << 16 | d->device);
		struct seen *c = seen_find(cls, cap, d->class >> 8);

		if (e->dev >= 0) {
			d->vendor_name = strdup(m->devs[e->dev].vendor_name);
			d->device_name = strdup(m->devs[e->dev].device_name);
		} else {
			const char *v, *dn;

			v = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_VENDOR | flags,
					    d->vendor);
			d->vendor_name = dup_or_empty(v);
			dn = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_DEVICE | flags,
					     d->vendor, d->device);
			d->device_name = dup_or_empty(dn);
		}
		if (c->dev >= 0) {
			d->class_name = strdup(m->devs[c->dev].class_name);
		} else {
			const char *cn = pci_lookup_name(pacc, buf, sizeof(buf),
							 PCI_LOOKUP_CLASS | flags, d->class >> 8);

			d->class_name = class_dup(cn);
		}
		if (!d->vendor_name || !d->device_name || !d->class_name)
			return -1;
		if (e->dev < 0) {
			e->key = (uint32_t)d->vendor << 16 | d->device;
			e->dev = (int)i;
		}
		if (c->dev < 0) {
			c->key = d->class >> 8;
			c->dev = (int)i;
		}
	}
	return 0;
}

/* A libpci handle for names only: quiet, failing through fail(), probing
 * (if it ever did) below the sysroot, reading ids_file (NULL: libpci's
 * default). NULL when out of memory. */
static struct pci_access *names_pacc(const struct sysroot *sr, const char *ids_file)
{
	struct pci_access *pacc = pci_alloc();
	char path[4200];

	if (!pacc)
		return NULL;
	pacc->warning = quiet;
	pacc->debug = quiet;
	pacc->error = fail;
	if (sr_abspath(sr, "sys/bus/pci", path, sizeof(path)) == 0)
		pci_set_param(pacc, "sysfs.path", path);
	if (ids_file)
		pci_set_name_list_path(pacc, (char *)ids_file, 0);
	/* No pci_init(): names need no access method, and not probing keeps
	 * libpci from touching the system at all. */
	return pacc;
}

/* Slots for the seen tables of n functions: at most half full. */
static size_t seen_cap(size_t ndevs)
{
	size_t cap = 16;

	while (cap < 2 * ndevs)
		cap *= 2;
	return cap;
}

/* The names of m's functions through pacc (cleaned up here). */
static int fill_with(struct pci_access *pacc, struct sysmodel *m, char *err, size_t errlen)
{
	struct seen *volatile ids = NULL, *volatile cls = NULL;
	volatile size_t cap = seen_cap(m->ndevs); /* kept across the longjmp */
	jmp_buf jb;
	int r;

	if (pacc) {
		ids = malloc(cap * sizeof(*ids));
		cls = malloc(cap * sizeof(*cls));
	}
	if (!pacc || !ids || !cls) {
		if (pacc)
			pci_cleanup(pacc);
		free(ids);
		free(cls);
		snprintf(err, errlen, "out of memory looking up names");
		return -1;
	}
	for (size_t k = 0; k < cap; k++)
		ids[k].dev = cls[k].dev = -1;
	if (setjmp(jb)) {
		fail_jmp = NULL;
		snprintf(err, errlen, "libpci: %s", fail_msg);
		/* libpci closes the file before calling error(); what it
		 * parsed so far is freed with the rest. */
		pci_cleanup(pacc);
		free(ids);
		free(cls);
		return -1;
	}
	fail_jmp = &jb;
	r = fill(pacc, m, ids, cls, cap);
	fail_jmp = NULL;
	pci_cleanup(pacc);
	free(ids);
	free(cls);
	if (r)
		snprintf(err, errlen, "out of memory looking up names");
	return r;
}

int names_fill(struct sysmodel *m, const struct sysroot *sr, const char *ids_file, char *err,
	       size_t errlen)
{
	return fill_with(names_pacc(sr, ids_file), m, err, errlen);
}

/* pci.ids read on a thread of its own (names_prefetch). */
struct names_prefetch {
	struct pci_access *pacc;
	pthread_t t;
	bool failed;      /* libpci's error() while reading it */
	char msg[512];    /* its message */
};

static void *prefetch_main(void *arg)
{
	struct names_prefetch *pf = arg;
	jmp_buf jb;

	if (setjmp(jb)) {
		fail_jmp = NULL;
		pf->failed = true;
		snprintf(pf->msg, sizeof(pf->msg), "%s", fail_msg);
		return NULL;
	}
	fail_jmp = &jb;
	/* as the first lookup would: a missing file leaves no names */
	pci_load_name_list(pf->pacc);
	fail_jmp = NULL;
	return NULL;
}

struct names_prefetch *names_prefetch(const struct sysroot *sr, const char *ids_file)
{
	struct names_prefetch *pf = calloc(1, sizeof(*pf));

	if (!pf || !(pf->pacc = names_pacc(sr, ids_file))) {
		free(pf);
		return NULL;
	}
	if (pthread_create(&pf->t, NULL, prefetch_main, pf)) {
		pci_cleanup(pf->pacc);
		free(pf);
		return NULL;
	}
	return pf;
}

int names_fill_prefetched(struct names_prefetch *pf, struct sysmodel *m, const struct sysroot *sr,
			  const char *ids_file, char *err, size_t errlen)
{
	struct pci_access *pacc;

	if (!pf)
		return names_fill(m, sr, ids_file, err, errlen);
	pthread_join(pf->t, NULL);
	pacc = pf->pacc;
	/* A malformed pci.ids fails the first lookup, so only where there
	 * is one to make (names_fill() of no functions reads nothing). */
	if (pf->failed) {
		pci_cleanup(pacc);
		if (m->ndevs)
			snprintf(err, errlen, "libpci: %s", pf->msg);
		free(pf);
		return m->ndevs ? -1 : 0;
	}
	free(pf);
	return fill_with(pacc, m, err, errlen);
}

void names_prefetch_drop(struct names_prefetch *pf)
{
	if (!pf)
		return;
	pthread_join(pf->t, NULL);
	pci_cleanup(pf->pacc);
	free(pf);
}

/* Exactly four hex digits at s, then the end of the string. */
static bool hex4_end(const char *s, uint16_t *v)
{
	unsigned x = 0;

	for (int k = 0; k < 4; k++) {
		char c = s[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

		if (d < 0)
			return false;
		x = x << 4 | (unsigned)d;
	}
	if (s[4])
		return false;
	*v = (uint16_t)x;
	return true;
}

/* The device part after a vendor name: a name of vendor v, or lspci's
 * "Device dddd" for one pci.ids does not list. Matches counted in *n. */
static void device_part(struct pci_access *pacc, uint16_t v, const char *rest, struct names_rev *o,
			unsigned *n)
{
	char buf[256];
	uint16_t d;

	if (!strncmp(rest, "Device ", 7) && hex4_end(rest + 7, &d) &&
	    !pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS |
			     PCI_LOOKUP_NO_HWDB, v, d)) {
		if ((*n)++ == 0) {
			o->vendor = v;
			o->device = d;
		}
		return;
	}
	for (unsigned k = 0; k < 0x10000; k++) {
		const char *dn = pci_lookup_name(pacc, buf, sizeof(buf),
						 PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS |
							 PCI_LOOKUP_NO_HWDB,
						 v, k);

		if (dn && !strcmp(dn, rest) && (*n)++ == 0) {
			o->vendor = v;
			o->device = (uint16_t)k;
		}
	}
}

struct named {
	uint16_t id;
	char *name;
};

struct names_ctx {
	struct pci_access *pacc;
	bool broken; /* libpci failed: it is not asked again */
	bool listed; /* vendors[] and classes[] filled (once) */
	struct named *vendors, *classes;
	size_t nvendors, nclasses;
};

struct names_ctx *names_open(const char *ids_file)
{
	struct names_ctx *c = calloc(1, sizeof(*c));

	if (!c || !(c->pacc = pci_alloc())) {
		free(c);
		return NULL;
	}
	c->pacc->warning = quiet;
	c->pacc->debug = quiet;
	c->pacc->error = fail;
	if (ids_file)
		pci_set_name_list_path(c->pacc, (char *)ids_file, 0);
	return c;
}

void names_close(struct names_ctx *c)
{
	if (!c)
		return;
	for (size_t k = 0; k < c->nvendors; k++)
		free(c->vendors[k].name);
	for (size_t k = 0; k < c->nclasses; k++)
		free(c->classes[k].name);
	free(c->vendors);
	free(c->classes);
	pci_cleanup(c->pacc);
	free(c);
}

/* Every vendor and class pci.ids names, once: 0, or -1 out of memory. */
static int list_names(struct names_ctx *c, int cat, struct named **out, size_t *n)
{
	char buf[256];
	size_t cap = 0;

	for (unsigned k = 0; k < 0x10000; k++) {
		const char *nm = pci_lookup_name(c->pacc, buf, sizeof(buf),
						 cat | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB, k);

		if (!nm)
			continue;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			void *p = realloc(*out, nc * sizeof(**out));

			if (!p)
				return -1;
			*out = p;
			cap = nc;
		}
		if (!((*out)[*n].name = strdup(nm)))
			return -1;
		(*out)[(*n)++].id = (uint16_t)k;
	}
	return 0;
}

/* The lookups of names_reverse(), below its setjmp (no local of this
 * frame lives across a longjmp). */
static void reverse(struct names_ctx *ctx, const char *vd, const char *cls, struct names_rev *o)
{
	struct pci_access *pacc = ctx->pacc;
	unsigned n = 0, ncls = 0;
	size_t vdl = strlen(vd);

	/* "Device vvvv:dddd": neither is in pci.ids, the text shows both */
	if (!strncmp(vd, "Device ", 7) && vdl == 16 && vd[11] == ':') {
		char v[5];

		memcpy(v, vd + 7, 4);
		v[4] = '\0';
		if (hex4_end(v, &o->vendor) && hex4_end(vd + 12, &o->device)) {
			o->ids = NAMES_NUMERIC;
			n = 1;
		}
	}
	/* every vendor whose name (and a blank) begins the text: names can
	 * repeat ("Red Hat, Inc." is 1af4 and 1b36), so the pair decides */
	for (size_t k = 0; k < ctx->nvendors && o->ids == NAMES_UNKNOWN; k++) {
		const char *vn = ctx->vendors[k].name;
		size_t l = strlen(vn);

		if (l && l < vdl && !strncmp(vd, vn, l) && vd[l] == ' ')
			device_part(pacc, ctx->vendors[k].id, vd + l + 1, o, &n);
	}
	if (o->ids == NAMES_UNKNOWN && n)
		o->ids = n > 1 ? NAMES_AMBIGUOUS : NAMES_FOUND;
	o->matches = n;
	/* the class: "Class cccc" (no name), "Base [cccc]" (base named
	 * only), or a subclass name, which must name one class */
	{
		size_t cl = strlen(cls);
		uint16_t c;

		if (!strncmp(cls, "Class ", 6) && hex4_end(cls + 6, &c)) {
			o->class16 = c;
			o->cls = NAMES_NUMERIC;
		} else if (cl > 7 && cls[cl - 6] == '[' && cls[cl - 1] == ']' && cls[cl - 7] == ' ') {
			char h[5];

			memcpy(h, cls + cl - 5, 4);
			h[4] = '\0';
			if (hex4_end(h, &c)) {
				o->class16 = c;
				o->cls = NAMES_NUMERIC;
			}
		}
		/* a name given for the subclass itself (libpci adds " [cccc]"
		 * when it falls back to the base's) */
		for (size_t k = 0; k < ctx->nclasses && o->cls == NAMES_UNKNOWN; k++)
			if (!strcmp(ctx->classes[k].name, cls) && ncls++ == 0)
				o->class16 = ctx->classes[k].id;
		if (o->cls == NAMES_UNKNOWN && ncls)
			o->cls = ncls > 1 ? NAMES_AMBIGUOUS : NAMES_FOUND;
	}
	if (o->ids == NAMES_AMBIGUOUS || o->ids == NAMES_UNKNOWN)
		o->vendor = o->device = 0;
	if (o->cls == NAMES_AMBIGUOUS || o->cls == NAMES_UNKNOWN)
		o->class16 = 0;
}

int names_reverse(struct names_ctx *ctx, const char *vd, const char *cls, struct names_rev *o,
		  char *err, size_t errlen)
{
	jmp_buf jb;

	memset(o, 0, sizeof(*o));
	if (ctx->broken) {
		snprintf(err, errlen, "libpci: %s", fail_msg);
		return -1;
	}
	/* pci.ids is read at the first lookup: its errors come here */
	if (setjmp(jb)) {
		fail_jmp = NULL;
		ctx->broken = true;
		snprintf(err, errlen, "libpci: %s", fail_msg);
		return -1;
	}
	fail_jmp = &jb;
	if (!ctx->listed) {
		ctx->listed = true;
		if (list_names(ctx, PCI_LOOKUP_VENDOR, &ctx->vendors, &ctx->nvendors) ||
		    list_names(ctx, PCI_LOOKUP_CLASS, &ctx->classes, &ctx->nclasses)) {
			fail_jmp = NULL;
			ctx->broken = true;
			snprintf(fail_msg, sizeof(fail_msg), "out of memory");
			snprintf(err, errlen, "out of memory looking up names");
			return -1;
		}
	}
	reverse(ctx, vd, cls, o);
	fail_jmp = NULL;
	return 0;
}
