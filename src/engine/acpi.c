// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * acpi.c - DMAR and IVRS parsers (see acpi.h). Layouts from the VT-d and
 * AMD IOMMU specifications as the kernel reads them (include/acpi/actbl1.h,
 * drivers/iommu/intel/dmar.c, drivers/iommu/amd/init.c). Every read goes
 * through get8/get16/get32/get64 below an offset already checked against
 * the end of the structure it belongs to.
 */
#include "acpi.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ACPI_HEADER = 36,  /* signature, length, revision, ..., creator revision */
	DMAR_HEADER = 48,  /* + host address width, flags, 10 reserved */
	IVRS_HEADER = 48,  /* + IVinfo, 8 reserved (IVRS_HEADER_LENGTH) */
	DRHD_HEADER = 16,
	RMRR_HEADER = 24,
	ATSR_HEADER = 8,
	SCOPE_HEADER = 6,
	IVHD10_HEADER = 24,
	IVHD11_HEADER = 40, /* also type 40h: + EFR register images */
};

static uint8_t get8(const uint8_t *p)
{
	return p[0];
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Grow *v (n elements of size sz, capacity *cap) by one; NULL when out of memory. */
static void *grow(void **v, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		void *p = realloc(*v, nc * sz);

		if (!p)
			return NULL;
		*v = p;
		*cap = nc;
	}
	memset((char *)*v + *n * sz, 0, sz);
	return (char *)*v + (*n)++ * sz;
}

/* The ACPI header: signature and a length that fits what was read. The
 * table's own length wins over trailing bytes; a longer claim is a
 * truncated (or lying) table. */
static int table_length(const char *sig, const uint8_t *buf, size_t len, size_t min, size_t *out,
			char *err, size_t errlen)
{
	uint32_t l;

	if (len < ACPI_HEADER) {
		fail(err, errlen, "%s: %zu bytes, shorter than the ACPI header", sig, len);
		return -1;
	}
	if (memcmp(buf, sig, 4)) {
		fail(err, errlen, "%s: signature is not %s", sig, sig);
		return -1;
	}
	l = get32(buf + 4);
	if (l > len) {
		fail(err, errlen, "%s: the header says %u bytes but the table has %zu (truncated)", sig,
		     l, len);
		return -1;
	}
	if (l < min) {
		fail(err, errlen, "%s: the header says %u bytes, shorter than the %zu-byte header",
		     sig, l, min);
		return -1;
	}
	*out = l;
	return 0;
}

static void free_dmar(struct acpi_tables *t)
{
	for (size_t i = 0; i < t->ndmar; i++)
		free(t->dmar[i].scopes);
	free(t->dmar);
	t->dmar = NULL;
	t->ndmar = 0;
	t->dmar_read = false;
}

static void free_ivrs(struct acpi_tables *t)
{
	for (size_t i = 0; i < t->nivhd; i++)
		free(t->ivhd[i].ranges);
	free(t->ivhd);
	t->ivhd = NULL;
	t->nivhd = 0;
	t->ivhd_type = 0;
	t->ivrs_read = false;
}

/* Device scopes from p[off, end) of the structure at table offset at. */
static int dmar_scopes(struct dmar_struct *s, const uint8_t *p, size_t off, size_t end, size_t at,
		       char *err, size_t errlen)
{
	size_t cap = 0;

	while (off < end) {
		struct dmar_scope *sc;
		size_t sl;

		if (end - off < SCOPE_HEADER) {
			fail(err, errlen, "DMAR: device scope at offset %zu overruns its structure",
			     at + off);
			return -1;
		}
		sl = get8(p + off + 1);
		if (sl < SCOPE_HEADER || (sl - SCOPE_HEADER) % 2) {
			fail(err, errlen, "DMAR: device scope at offset %zu has length %zu", at + off, sl);
			return -1;
		}
		if (sl > end - off) {
			fail(err, errlen, "DMAR: device scope at offset %zu (%zu bytes) overruns its "
			     "structure", at + off, sl);
			return -1;
		}
		if ((sl - SCOPE_HEADER) / 2 > ACPI_PATH_MAX) {
			fail(err, errlen, "DMAR: device scope at offset %zu has a path of %zu levels",
			     at + off, (sl - SCOPE_HEADER) / 2);
			return -1;
		}
		sc = grow((void **)&s->scopes, &s->nscopes, &cap, sizeof(*sc));
		if (!sc) {
			fail(err, errlen, "DMAR: out of memory");
			return -1;
		}
		sc->type = get8(p + off);
		sc->start_bus = get8(p + off + 5);
		sc->npath = (uint8_t)((sl - SCOPE_HEADER) / 2);
		for (size_t k = 0; k < sc->npath; k++) {
			uint8_t dev = get8(p + off + SCOPE_HEADER + 2 * k);
			uint8_t fn = get8(p + off + SCOPE_HEADER + 2 * k + 1);

			sc->path[k] = (uint8_t)(((dev & 0x1f) << 3) | (fn & 7));
		}
		off += sl;
	}
	return 0;
}

/* The header of the sub-structure at off (DMAR: a 16-bit type; IVRS: an
 * 8-bit type and flags), both then a 16-bit length: checked to advance and
 * to stay inside the table, so that the walks stay bounded. */
static int sub_header(const char *tbl, const char *unit, bool wide_type, const uint8_t *buf,
		      size_t off, size_t total, unsigned int *type, size_t *sl, char *err,
		      size_t errlen)
{
	const uint8_t *p = buf + off;
	char t[16];

	if (total - off < 4) {
		fail(err, errlen, "%s: %s header at offset %zu overruns the table", tbl, unit, off);
		return -1;
	}
	*type = wide_type ? get16(p) : p[0];
	*sl = get16(p + 2);
	snprintf(t, sizeof(t), wide_type ? "%u" : "%#x", *type);
	if (*sl < 4) { /* would never advance */
		fail(err, errlen, "%s: %s type %s at offset %zu has length %zu", tbl, unit, t, off,
		     *sl);
		return -1;
	}
	if (*sl > total - off) {
		fail(err, errlen, "%s: %s type %s at offset %zu (%zu bytes) overruns the table", tbl,
		     unit, t, off, *sl);
		return -1;
	}
	return 0;
}

int acpi_parse_dmar(struct acpi_tables *t, const uint8_t *buf, size_t len, char *err,
		    size_t errlen)
{
	size_t total, off = DMAR_HEADER, cap = 0;

	free_dmar(t);
	if (table_length("DMAR", buf, len, DMAR_HEADER, &total, err, errlen))
		return -1;
	while (off < total) {
		const uint8_t *p = buf + off;
		unsigned int type;
		size_t sl, hdr;
		struct dmar_struct *s;

		if (sub_header("DMAR", "structure", true, buf, off, total, &type, &sl, err, errlen))
			goto bad;
		switch (type) {
		case DMAR_DRHD:
			hdr = DRHD_HEADER;
			break;
		case DMAR_RMRR:
			hdr = RMRR_HEADER;
			break;
		case DMAR_ATSR:
			hdr = ATSR_HEADER;
			break;
		default: /* RHSA, ANDD, SATC, ...: nothing about translation */
			off += sl;
			continue;
		}
		if (sl < hdr) {
			fail(err, errlen, "DMAR: structure type %u at offset %zu has length %zu, shorter "
			     "than its %zu-byte header", type, off, sl, hdr);
			goto bad;
		}
		s = grow((void **)&t->dmar, &t->ndmar, &cap, sizeof(*s));
		if (!s) {
			fail(err, errlen, "DMAR: out of memory");
			goto bad;
		}
		s->kind = (enum dmar_kind)type;
		s->segment = get16(p + 6);
		if (type == DMAR_DRHD) {
			s->all = get8(p + 4) & 1; /* ACPI_DMAR_INCLUDE_ALL */
			s->base = get64(p + 8);
		} else if (type == DMAR_RMRR) {
			s->base = get64(p + 8);
			s->limit = get64(p + 16);
		} else {
			s->all = get8(p + 4) & 1; /* ACPI_DMAR_ALL_PORTS */
		}
		if (dmar_scopes(s, p, hdr, sl, off, err, errlen))
			goto bad;
		off += sl;
	}
	t->dmar_read = true;
	return 0;
bad:
	free_dmar(t);
	return -1;
}

/* Size of the IVHD device entry at p (ivhd_entry_length), 0 if unknown. */
static size_t ivhd_entry_length(const uint8_t *p, size_t avail)
{
	uint8_t type = p[0];

	if (type < 0x80)
		return (size_t)4 << (type >> 6);
	if (type == IVHD_DEV_ACPI_HID)
		return avail > 21 ? (size_t)p[21] + 22 : 22; /* uid length at 21 */
	return 0;
}

static int add_range(struct ivhd *h, size_t *cap, uint8_t type, uint16_t first, uint16_t last,
		     bool alias, uint16_t alias_to)
{
	struct ivrs_range *r = grow((void **)&h->ranges, &h->nranges, cap, sizeof(*r));

	if (!r)
		return -1;
	r->type = type;
	r->first = first;
	r->last = last;
	r->alias = alias;
	r->alias_to = alias_to;
	return 0;
}

/* The device entries of one IVHD block p[hdr, len), at table offset at. */
static int ivhd_entries(struct ivhd *h, const uint8_t *p, size_t hdr, size_t len, size_t at,
			char *err, size_t errlen)
{
	size_t off = hdr, cap = 0;
	bool in_range = false, alias = false;
	uint8_t start_type = 0;
	uint16_t start = 0, alias_to = 0;

	while (off < len) {
		const uint8_t *e = p + off;
		size_t el;
		uint8_t type;
		uint16_t devid;
		int r = 0;

		if (len - off < 4) {
			fail(err, errlen, "IVRS: device entry at offset %zu overruns its IVHD", at + off);
			return -1;
		}
		type = e[0];
		el = ivhd_entry_length(e, len - off);
		if (!el) { /* the kernel would not know how far to step either */
			fail(err, errlen, "IVRS: device entry type %#x at offset %zu has no known length",
			     type, at + off);
			return -1;
		}
		if (el > len - off) {
			fail(err, errlen, "IVRS: device entry type %#x at offset %zu (%zu bytes) overruns "
			     "its IVHD", type, at + off, el);
			return -1;
		}
		devid = get16(e + 1);
		switch (type) {
		case IVHD_DEV_ALL:
			r = add_range(h, &cap, type, 0, 0xffff, false, 0);
			break;
		case IVHD_DEV_SELECT:
		case IVHD_DEV_EXT_SELECT:
			r = add_range(h, &cap, type, devid, devid, false, 0);
			break;
		case IVHD_DEV_SELECT_RANGE_START:
		case IVHD_DEV_EXT_SELECT_RANGE:
		case IVHD_DEV_ALIAS_RANGE:
			in_range = true;
			start_type = type;
			start = devid;
			alias = type == IVHD_DEV_ALIAS_RANGE;
			alias_to = alias ? get16(e + 5) : 0;
			break;
		case IVHD_DEV_RANGE_END:
			if (!in_range) {
				fail(err, errlen, "IVRS: range end at offset %zu without a range start",
				     at + off);
				return -1;
			}
			if (devid < start) {
				fail(err, errlen, "IVRS: range at offset %zu ends (%#06x) before it starts "
				     "(%#06x)", at + off, devid, start);
				return -1;
			}
			r = add_range(h, &cap, start_type, start, devid, alias, alias_to);
			/* the alias target is translated too (set_dev_entry_from_acpi) */
			if (!r && alias)
				r = add_range(h, &cap, start_type, alias_to, alias_to, false, 0);
			in_range = false;
			break;
		case IVHD_DEV_ALIAS:
			r = add_range(h, &cap, type, devid, devid, true, get16(e + 5));
			if (!r)
				r = add_range(h, &cap, type, get16(e + 5), get16(e + 5), false, 0);
			break;
		case IVHD_DEV_SPECIAL: /* an IOAPIC or HPET: its requester ID at 5 */
			r = add_range(h, &cap, type, get16(e + 5), get16(e + 5), false, 0);
			break;
		default: /* padding, ACPI HID devices, reserved types: no PCI function */
			break;
		}
		if (r) {
			fail(err, errlen, "IVRS: out of memory");
			return -1;
		}
		off += el;
	}
	return 0;
}

int acpi_parse_ivrs(struct acpi_tables *t, const uint8_t *buf, size_t len, char *err,
		    size_t errlen)
{
	size_t total, off = IVRS_HEADER, cap = 0;

	free_ivrs(t);
	if (table_length("IVRS", buf, len, IVRS_HEADER, &total, err, errlen))
		return -1;
	while (off < total) {
		const uint8_t *p = buf + off;
		unsigned int type;
		size_t bl, hdr;
		struct ivhd *h;

		if (sub_header("IVRS", "block", false, buf, off, total, &type, &bl, err, errlen))
			goto bad;
		if (type != 0x10 && type != 0x11 && type != 0x40) { /* IVMD and others */
			off += bl;
			continue;
		}
		hdr = type == 0x10 ? IVHD10_HEADER : IVHD11_HEADER;
		if (bl < hdr) {
			fail(err, errlen, "IVRS: IVHD type %#x at offset %zu has length %zu, shorter than "
			     "its %zu-byte header", type, off, bl, hdr);
			goto bad;
		}
		h = grow((void **)&t->ivhd, &t->nivhd, &cap, sizeof(*h));
		if (!h) {
			fail(err, errlen, "IVRS: out of memory");
			goto bad;
		}
		h->type = type;
		h->iommu_devid = get16(p + 4);
		h->segment = get16(p + 16);
		if (ivhd_entries(h, p, hdr, bl, off, err, errlen))
			goto bad;
		if (type > t->ivhd_type)
			t->ivhd_type = type;
		off += bl;
	}
	t->ivrs_read = true;
	return 0;
bad:
	free_ivrs(t);
	return -1;
}

bool ivrs_covers(const struct acpi_tables *t, uint16_t seg, uint16_t devid, uint16_t *alias_to)
{
	bool covered = false;

	*alias_to = devid;
	if (!t || !t->ivrs_read)
		return false;
	for (size_t i = 0; i < t->nivhd; i++) {
		const struct ivhd *h = &t->ivhd[i];

		if (h->type != t->ivhd_type || h->segment != seg)
			continue;
		/* later entries override earlier ones, as in the kernel's tables */
		for (size_t k = 0; k < h->nranges; k++) {
			const struct ivrs_range *r = &h->ranges[k];

			if (devid < r->first || devid > r->last)
				continue;
			covered = true;
			*alias_to = r->alias ? r->alias_to : devid;
		}
	}
	return covered;
}

/* Read one table; "" in why when absent, else why it was not used. */
static void load_one(const struct sysroot *sr, struct acpi_tables *t, const char *name,
		     char *why, size_t whylen)
{
	char rel[64], err[160];
	uint8_t *buf;
	ssize_t n;
	int r;

	snprintf(rel, sizeof(rel), "sys/firmware/acpi/tables/%s", name);
	if (!sr_exists(sr, rel))
		return;
	buf = malloc(ACPI_TABLE_MAX);
	if (!buf) {
		snprintf(why, whylen, "%s: out of memory", name);
		return;
	}
	n = sr_read_all(sr, rel, buf, ACPI_TABLE_MAX);
	if (n < 0) {
		snprintf(why, whylen, "%s is not readable (%s; root only)", name,
			 sr_strerror((int)n));
	} else if (n == 0) {
		snprintf(why, whylen, "%s is empty (captured without root?)", name);
	} else if (n == ACPI_TABLE_MAX) {
		snprintf(why, whylen, "%s is larger than %d bytes", name, ACPI_TABLE_MAX);
	} else {
		r = name[0] == 'D' ? acpi_parse_dmar(t, buf, (size_t)n, err, sizeof(err))
				   : acpi_parse_ivrs(t, buf, (size_t)n, err, sizeof(err));
		if (r) {
			snprintf(why, whylen, "%s", err);
			*(name[0] == 'D' ? &t->dmar_malformed : &t->ivrs_malformed) = true;
		}
	}
	free(buf);
}

struct acpi_tables *acpi_load(const struct sysroot *sr)
{
	struct acpi_tables *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	load_one(sr, t, "DMAR", t->dmar_why, sizeof(t->dmar_why));
	load_one(sr, t, "IVRS", t->ivrs_why, sizeof(t->ivrs_why));
	return t;
}

void acpi_free(struct acpi_tables *t)
{
	if (!t)
		return;
	free_dmar(t);
	free_ivrs(t);
	free(t);
}
