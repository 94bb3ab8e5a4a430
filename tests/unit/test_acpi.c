// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_acpi.c - the DMAR and IVRS parsers: every structure and entry type,
 * then tables whose lengths lie, entries that overrun, zero-length and
 * unknown-length entries (a clear error, no crash); and what translate.c
 * makes of the tables (scopes, INCLUDE_PCI_ALL, IVHD coverage, the IOMMU's
 * own function, firmware aliases as edges, RMRR).
 */
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "testutil.h"
#include "translate.h"

/* A table under construction. */
struct tb {
	uint8_t b[4096];
	size_t n;
};

static void put8(struct tb *t, unsigned v)
{
	assert_true(t->n < sizeof(t->b));
	t->b[t->n++] = (uint8_t)v;
}

static void put16(struct tb *t, unsigned v)
{
	put8(t, v & 0xff);
	put8(t, v >> 8);
}

static void put32(struct tb *t, uint32_t v)
{
	put16(t, v & 0xffff);
	put16(t, v >> 16);
}

static void put64(struct tb *t, uint64_t v)
{
	put32(t, (uint32_t)v);
	put32(t, (uint32_t)(v >> 32));
}

static void set16(struct tb *t, size_t at, unsigned v)
{
	t->b[at] = (uint8_t)v;
	t->b[at + 1] = (uint8_t)(v >> 8);
}

/* ACPI header plus the 12 bytes both tables have before their structures. */
static void header(struct tb *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->n = 48;
}

/* Write the total length into the header. */
static void finish(struct tb *t)
{
	t->b[4] = (uint8_t)t->n;
	t->b[5] = (uint8_t)(t->n >> 8);
	t->b[6] = (uint8_t)(t->n >> 16);
	t->b[7] = (uint8_t)(t->n >> 24);
}

/* A DMAR device scope with a path of n (device, function) pairs. */
static void scope(struct tb *t, unsigned type, unsigned bus, const uint8_t *path, size_t n)
{
	put8(t, type);
	put8(t, 6 + 2 * n);
	put16(t, 0);
	put8(t, 0);
	put8(t, bus);
	for (size_t k = 0; k < n; k++) {
		put8(t, path[2 * k]);
		put8(t, path[2 * k + 1]);
	}
}

/* The DMAR of an Intel desktop: a graphics unit scoped to 00:02.0, the
 * rest INCLUDE_PCI_ALL, an RMRR for the USB controller and one for the
 * ethernet behind root port 00:1c.0, an ATSR for all ports, and an RHSA
 * that is skipped. */
static void desktop_dmar(struct tb *t)
{
	static const uint8_t gfx[] = { 2, 0 }, usb[] = { 0x14, 0 }, eth[] = { 0x1c, 0, 0, 0 },
			     rp[] = { 0x1c, 0 };
	size_t at;

	header(t, "DMAR");
	at = t->n; /* DRHD, graphics */
	put16(t, 0), put16(t, 0), put8(t, 0), put8(t, 0), put16(t, 0), put64(t, 0xfed90000);
	scope(t, 1, 0, gfx, 1);
	set16(t, at + 2, (unsigned)(t->n - at));
	at = t->n; /* DRHD, everything else (IOAPIC scope only) */
	put16(t, 0), put16(t, 0), put8(t, 1), put8(t, 0), put16(t, 0), put64(t, 0xfed91000);
	scope(t, 3, 0xf0, rp, 1);
	set16(t, at + 2, (unsigned)(t->n - at));
	at = t->n; /* RMRR, USB */
	put16(t, 1), put16(t, 0), put16(t, 0), put16(t, 0), put64(t, 0x7c000000), put64(t, 0x7c01ffff);
	scope(t, 1, 0, usb, 1);
	set16(t, at + 2, (unsigned)(t->n - at));
	at = t->n; /* RMRR, the ethernet below 00:1c.0 */
	put16(t, 1), put16(t, 0), put16(t, 0), put16(t, 0), put64(t, 0x7d000000), put64(t, 0x7d0fffff);
	scope(t, 1, 0, eth, 2);
	set16(t, at + 2, (unsigned)(t->n - at));
	at = t->n; /* ATSR, all ports, with a bridge scope */
	put16(t, 2), put16(t, 0), put8(t, 1), put8(t, 0), put16(t, 0);
	scope(t, 2, 0, rp, 1);
	set16(t, at + 2, (unsigned)(t->n - at));
	put16(t, 3), put16(t, 20), put32(t, 0), put64(t, 0xfed91000), put32(t, 0); /* RHSA */
	finish(t);
}

static void dmar_structures(void **state)
{
	struct acpi_tables *ap = calloc(1, sizeof(*ap)), a;
	struct tb t;
	char err[160];

	(void)state;
	assert_non_null(ap);
	desktop_dmar(&t);
	assert_int_equal(acpi_parse_dmar(ap, t.b, t.n, err, sizeof(err)), 0);
	a = *ap;
	assert_true(a.dmar_read);
	assert_int_equal(a.ndmar, 5);
	assert_int_equal(a.dmar[0].kind, DMAR_DRHD);
	assert_false(a.dmar[0].all);
	assert_int_equal(a.dmar[0].nscopes, 1);
	assert_int_equal(a.dmar[0].scopes[0].type, DMAR_SCOPE_ENDPOINT);
	assert_int_equal(a.dmar[0].scopes[0].path[0], DEVFN(2, 0));
	assert_true(a.dmar[1].all);
	assert_int_equal(a.dmar[1].scopes[0].type, DMAR_SCOPE_IOAPIC);
	assert_int_equal(a.dmar[1].scopes[0].start_bus, 0xf0);
	assert_int_equal(a.dmar[2].kind, DMAR_RMRR);
	assert_true(a.dmar[2].base == 0x7c000000 && a.dmar[2].limit == 0x7c01ffff);
	assert_int_equal(a.dmar[3].scopes[0].npath, 2);
	assert_int_equal(a.dmar[3].scopes[0].path[1], 0);
	assert_int_equal(a.dmar[4].kind, DMAR_ATSR);
	assert_true(a.dmar[4].all);
	assert_int_equal(a.dmar[4].scopes[0].type, DMAR_SCOPE_BRIDGE);
	/* trailing bytes past the header's length are not read */
	assert_int_equal(acpi_parse_dmar(ap, t.b, t.n + 7, err, sizeof(err)), 0);
	assert_int_equal(ap->ndmar, 5);
	acpi_free(ap);
}

/* Parse a copy of t (exactly n bytes, on the heap so ASan sees overreads)
 * and expect an error mentioning what. */
static void expect_dmar_error(const struct tb *t, size_t n, const char *what)
{
	struct acpi_tables a = { 0 };
	uint8_t *copy = malloc(n ? n : 1);
	char err[160] = "";

	assert_non_null(copy);
	memcpy(copy, t->b, n);
	assert_int_equal(acpi_parse_dmar(&a, copy, n, err, sizeof(err)), -1);
	if (!strstr(err, what))
		fail_msg("error \"%s\" does not mention \"%s\"", err, what);
	assert_false(a.dmar_read);
	assert_int_equal(a.ndmar, 0);
	assert_null(a.dmar);
	free(copy);
}

static void dmar_malformed(void **state)
{
	struct tb t, bad;

	(void)state;
	desktop_dmar(&t);
	expect_dmar_error(&t, 20, "shorter than the ACPI header");
	expect_dmar_error(&t, t.n - 1, "truncated");
	bad = t;
	memcpy(bad.b, "DMAX", 4);
	expect_dmar_error(&bad, bad.n, "signature");
	bad = t;
	bad.b[4] = 40, bad.b[5] = 0; /* a length that lies short */
	expect_dmar_error(&bad, bad.n, "shorter than the 48-byte header");
	bad = t;
	set16(&bad, 48 + 2, 0); /* zero-length structure */
	expect_dmar_error(&bad, bad.n, "has length 0");
	bad = t;
	set16(&bad, 48 + 2, 0x7fff); /* overruns the table */
	expect_dmar_error(&bad, bad.n, "overruns the table");
	bad = t;
	set16(&bad, 48 + 2, 12); /* shorter than a DRHD header */
	expect_dmar_error(&bad, bad.n, "shorter than its 16-byte header");
	bad = t;
	bad.b[48 + 16 + 1] = 0; /* zero-length device scope */
	expect_dmar_error(&bad, bad.n, "device scope at offset 64 has length 0");
	bad = t;
	bad.b[48 + 16 + 1] = 7; /* odd path */
	expect_dmar_error(&bad, bad.n, "has length 7");
	bad = t;
	bad.b[48 + 16 + 1] = 40; /* scope overruns its DRHD */
	expect_dmar_error(&bad, bad.n, "overruns its structure");
	/* a structure header cut by the table's end */
	bad = t;
	bad.n = 48 + 2;
	finish(&bad);
	expect_dmar_error(&bad, bad.n, "structure header at offset 48");
}

/* An IVRS with an IVHD 10h listing every entry type, and an IVHD 11h for
 * the same IOMMU (the kernel uses the 11h one only). */
static void entry4(struct tb *t, unsigned type, unsigned devid)
{
	put8(t, type), put16(t, devid), put8(t, 0);
}

static void entry8(struct tb *t, unsigned type, unsigned devid, unsigned b4, unsigned ext_devid)
{
	put8(t, type), put16(t, devid), put8(t, 0), put8(t, b4), put16(t, ext_devid), put8(t, 0);
}

static void amd_ivrs(struct tb *t, bool with_11h)
{
	size_t at;

	header(t, "IVRS");
	at = t->n;
	put8(t, 0x10), put8(t, 0), put16(t, 0), put16(t, 0x0002), put16(t, 0x40), put64(t, 0xfd200000),
		put16(t, 0), put16(t, 0), put32(t, 0);
	entry4(t, IVHD_DEV_SELECT, 0x0008);              /* 00:01.0 */
	entry4(t, IVHD_DEV_SELECT_RANGE_START, 0x0100);  /* 01:00.0 - 01:1f.7 */
	entry4(t, IVHD_DEV_RANGE_END, 0x01ff);
	entry8(t, IVHD_DEV_ALIAS, 0x0310, 0, 0x0300);    /* 03:02.0 as 03:00.0 */
	entry8(t, IVHD_DEV_ALIAS_RANGE, 0x0400, 0, 0x0218); /* bus 4 as 02:03.0 */
	entry4(t, IVHD_DEV_RANGE_END, 0x04ff);
	entry8(t, IVHD_DEV_EXT_SELECT, 0x0500, 0, 0);
	entry8(t, IVHD_DEV_EXT_SELECT_RANGE, 0x0600, 0, 0);
	entry4(t, IVHD_DEV_RANGE_END, 0x0607);
	entry8(t, IVHD_DEV_SPECIAL, 0, 0x21, 0x00a0);    /* IOAPIC 33 at 00:14.0 */
	entry4(t, 0x00, 0);                              /* padding */
	/* an ACPI HID device: 22 bytes + a 2-byte UID */
	put8(t, IVHD_DEV_ACPI_HID), put16(t, 0x00a5), put8(t, 0);
	for (int k = 0; k < 17; k++) /* HID, CID, UID format */
		put8(t, 0);
	put8(t, 2), put8(t, 'X'), put8(t, 'Y'); /* UID length at 21, UID */
	set16(t, at + 2, (unsigned)(t->n - at));
	put8(t, 0x20), put8(t, 0), put16(t, 32); /* an IVMD: skipped */
	for (int k = 0; k < 28; k++)
		put8(t, 0);
	if (with_11h) {
		at = t->n;
		put8(t, 0x11), put8(t, 0), put16(t, 0), put16(t, 0x0002), put16(t, 0x40);
		while (t->n < at + 40)
			put8(t, 0);
		entry4(t, IVHD_DEV_SELECT_RANGE_START, 0x0000); /* bus 0 from 00:01.0 on */
		entry4(t, IVHD_DEV_RANGE_END, 0x00ff);
		set16(t, at + 2, (unsigned)(t->n - at));
	}
	finish(t);
}

static void ivrs_entries(void **state)
{
	struct acpi_tables *a = calloc(1, sizeof(*a));
	struct tb t;
	char err[160];
	uint16_t to;

	(void)state;
	assert_non_null(a);
	amd_ivrs(&t, false);
	assert_int_equal(acpi_parse_ivrs(a, t.b, t.n, err, sizeof(err)), 0);
	assert_true(a->ivrs_read);
	assert_int_equal(a->nivhd, 1);
	assert_int_equal(a->ivhd_type, 0x10);
	assert_int_equal(a->ivhd[0].iommu_devid, 0x0002);
	assert_true(ivrs_covers(a, 0, 0x0008, &to) && to == 0x0008);
	assert_false(ivrs_covers(a, 0, 0x0000, &to)); /* the root complex */
	assert_false(ivrs_covers(a, 0, 0x0009, &to));
	assert_true(ivrs_covers(a, 0, 0x0100, &to) && ivrs_covers(a, 0, 0x01ff, &to));
	assert_false(ivrs_covers(a, 0, 0x0200, &to));
	assert_true(ivrs_covers(a, 0, 0x0310, &to) && to == 0x0300);
	assert_true(ivrs_covers(a, 0, 0x0300, &to) && to == 0x0300); /* the alias target */
	assert_true(ivrs_covers(a, 0, 0x0480, &to) && to == 0x0218);
	assert_true(ivrs_covers(a, 0, 0x0218, &to) && to == 0x0218);
	assert_true(ivrs_covers(a, 0, 0x0500, &to));
	assert_true(ivrs_covers(a, 0, 0x0607, &to) && !ivrs_covers(a, 0, 0x0608, &to));
	assert_true(ivrs_covers(a, 0, 0x00a0, &to));  /* the special (IOAPIC) entry */
	assert_false(ivrs_covers(a, 0, 0x00a5, &to)); /* an ACPI HID is not a PCI function */
	assert_false(ivrs_covers(a, 1, 0x0008, &to)); /* another segment */
	/* with an IVHD 11h as well, only the 11h entries count */
	amd_ivrs(&t, true);
	assert_int_equal(acpi_parse_ivrs(a, t.b, t.n, err, sizeof(err)), 0);
	assert_int_equal(a->nivhd, 2);
	assert_int_equal(a->ivhd_type, 0x11);
	assert_true(ivrs_covers(a, 0, 0x0000, &to));
	assert_false(ivrs_covers(a, 0, 0x0100, &to));
	acpi_free(a);
}

static void expect_ivrs_error(const struct tb *t, size_t n, const char *what)
{
	struct acpi_tables a = { 0 };
	uint8_t *copy = malloc(n ? n : 1);
	char err[160] = "";

	assert_non_null(copy);
	memcpy(copy, t->b, n);
	assert_int_equal(acpi_parse_ivrs(&a, copy, n, err, sizeof(err)), -1);
	if (!strstr(err, what))
		fail_msg("error \"%s\" does not mention \"%s\"", err, what);
	assert_false(a.ivrs_read);
	assert_int_equal(a.nivhd, 0);
	assert_null(a.ivhd);
	free(copy);
}

static void ivrs_malformed(void **state)
{
	struct tb t, bad;
	size_t e0 = 48 + 24; /* first device entry */

	(void)state;
	amd_ivrs(&t, false);
	expect_ivrs_error(&t, 10, "shorter than the ACPI header");
	expect_ivrs_error(&t, t.n - 3, "truncated");
	bad = t;
	set16(&bad, 48 + 2, 0); /* zero-length IVHD */
	expect_ivrs_error(&bad, bad.n, "has length 0");
	bad = t;
	set16(&bad, 48 + 2, 0xfff0);
	expect_ivrs_error(&bad, bad.n, "overruns the table");
	bad = t;
	set16(&bad, 48 + 2, 20); /* shorter than the IVHD 10h header */
	expect_ivrs_error(&bad, bad.n, "shorter than its 24-byte header");
	bad = t;
	bad.b[e0] = 0x85; /* a variable-length type the kernel does not know */
	expect_ivrs_error(&bad, bad.n, "no known length");
	bad = t;
	bad.b[e0 + 4] = IVHD_DEV_RANGE_END; /* end without start */
	expect_ivrs_error(&bad, bad.n, "without a range start");
	bad = t;
	set16(&bad, e0 + 4 + 1, 0x0200); /* a range that ends (01:1f.7) before it starts */
	expect_ivrs_error(&bad, bad.n, "before it starts");
	/* an 8-byte entry cut by its IVHD's end */
	bad = t;
	set16(&bad, 48 + 2, 24 + 4 + 4 + 4 + 4);
	expect_ivrs_error(&bad, bad.n, "overruns its IVHD");
	/* an ACPI HID entry whose UID length runs past the IVHD */
	bad = t;
	for (size_t k = e0; k + 22 < bad.n; k++)
		if (bad.b[k] == IVHD_DEV_ACPI_HID && bad.b[k + 1] == 0xa5) {
			bad.b[k + 21] = 200;
			break;
		}
	expect_ivrs_error(&bad, bad.n, "overruns its IVHD");
	/* a block header cut by the table's end */
	bad = t;
	bad.n = 48 + 3;
	finish(&bad);
	expect_ivrs_error(&bad, bad.n, "block header at offset 48");
}

/* Random bytes behind a valid header: bounded, never a crash. */
static void random_tables(void **state)
{
	struct acpi_tables *a = calloc(1, sizeof(*a));
	uint8_t *buf = malloc(512);
	char err[160];

	(void)state;
	assert_non_null(buf);
	assert_non_null(a);
	srand(20);
	for (int round = 0; round < 2000; round++) {
		size_t n = 48 + (size_t)(rand() % 464);

		for (size_t k = 0; k < n; k++)
			buf[k] = (uint8_t)rand();
		memcpy(buf, round & 1 ? "DMAR" : "IVRS", 4);
		buf[4] = (uint8_t)n, buf[5] = (uint8_t)(n >> 8), buf[6] = buf[7] = 0;
		if (round & 1)
			(void)acpi_parse_dmar(a, buf, n, err, sizeof(err));
		else
			(void)acpi_parse_ivrs(a, buf, n, err, sizeof(err));
	}
	free(buf);
	acpi_free(a);
}

/* --- what translate.c makes of them ---------------------------------- */

static struct acpi_tables *parsed(const struct tb *t, bool dmar)
{
	struct acpi_tables *a = calloc(1, sizeof(*a));
	char err[160];

	assert_non_null(a);
	assert_int_equal(dmar ? acpi_parse_dmar(a, t->b, t->n, err, sizeof(err))
			      : acpi_parse_ivrs(a, t->b, t->n, err, sizeof(err)),
			 0);
	return a;
}

/* 00:00.0 host bridge, 00:02.0 VGA, 00:14.0 USB, 00:1c.0 root port with
 * 01:00.0 ethernet, 00:1f.0 ISA; IOMMU off (no kernel groups). */
static void intel_layout(struct tm *t)
{
	struct synth hb, vga, usb, rp, eth, isa;

	tm_init(t);
	synth_endpoint(&hb, 0x8086, 0x3e30, 0x060000);
	synth_endpoint(&vga, 0x8086, 0x3e92, 0x030000);
	synth_endpoint(&usb, 0x8086, 0xa36d, 0x0c0330);
	sy_port(&rp, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	sy_pcie_ep(&eth, 0x8086, 0x15bc, false);
	synth_endpoint(&isa, 0x8086, 0xa305, 0x060100);
	tm_add(t, "00:00.0", &hb, NO_DEV);
	tm_add(t, "00:02.0", &vga, NO_DEV);
	tm_add(t, "00:14.0", &usb, NO_DEV);
	int p = tm_add(t, "00:1c.0", &rp, NO_DEV);
	tm_add(t, "00:1f.0", &isa, NO_DEV);
	tm_add(t, "01:00.0", &eth, p);
}

static void dmar_translation(void **state)
{
	struct tm t;
	struct tb tb;
	struct translation x;

	(void)state;
	intel_layout(&t);
	desktop_dmar(&tb);
	t.m.acpi = parsed(&tb, true);
	tm_build(&t);
	/* INCLUDE_PCI_ALL covers everything */
	for (size_t i = 0; i < t.m.ndevs; i++) {
		x = translate_of(&t.m, (int)i);
		assert_true(x.translated && x.certain);
	}
	/* without it, only the graphics unit's scope */
	t.m.acpi->dmar[1].all = false;
	tm_build(&t);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:02.0")).translated);
	x = translate_of(&t.m, tm_dev(&t, "00:14.0"));
	assert_false(x.translated);
	assert_true(x.certain);
	assert_non_null(strstr(x.reason, "DMAR"));
	assert_false(tm_iso_of(&t, "00:14.0")->translated);
	assert_true(tm_iso_of(&t, "00:02.0")->translated);
	/* a bridge scope covers the bridge and what is below it */
	t.m.acpi->dmar[0].scopes[0].type = DMAR_SCOPE_BRIDGE;
	t.m.acpi->dmar[0].scopes[0].path[0] = DEVFN(0x1c, 0);
	tm_build(&t);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:1c.0")).translated);
	assert_true(translate_of(&t.m, tm_dev(&t, "01:00.0")).translated);
	assert_false(translate_of(&t.m, tm_dev(&t, "00:02.0")).translated);
	/* an untranslated function has no edges */
	for (size_t e = 0; e < t.r.n; e++)
		assert_true(t.r.xl[t.r.v[e].a].translated && t.r.xl[t.r.v[e].b].translated);
	tm_free(&t);
}

static void rmrr(void **state)
{
	struct tm t;
	struct tb tb;

	(void)state;
	intel_layout(&t);
	assert_int_equal(translate_rmrr(&t.m, 0), -1); /* no table read */
	desktop_dmar(&tb);
	t.m.acpi = parsed(&tb, true);
	tm_build(&t);
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "00:14.0")), 0); /* USB: relaxed */
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "01:00.0")), 1);
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "00:1f.0")), 0);
	/* an RMRR on the root port covers what is below it; graphics is relaxed */
	t.m.acpi->dmar[3].scopes[0].npath = 1;
	t.m.acpi->dmar[2].scopes[0].path[0] = DEVFN(2, 0);
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "00:1c.0")), 1);
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "01:00.0")), 1);
	assert_int_equal(translate_rmrr(&t.m, tm_dev(&t, "00:02.0")), 0);
	tm_free(&t);
}

/* 00:00.0 root complex, 00:00.2 IOMMU, 00:01.0 bridge, 00:14.0 SMBus,
 * 03:00.0 and 03:02.0 on a bus the test places below 00:01.0. */
static void amd_translation(void **state)
{
	struct tm t;
	struct tb tb;
	struct synth rc, iommu, br, sm, a0, a2;
	struct translation x;
	int p;

	(void)state;
	tm_init(&t);
	synth_endpoint(&rc, 0x1022, 0x1480, 0x060000);
	synth_multifunction(&rc, true);
	synth_endpoint(&iommu, 0x1022, 0x1481, 0x080600);
	sy_port(&br, PCIE_ROOT_PORT, 0, 3, 3, true, REQ_ALL, REQ_ALL);
	synth_endpoint(&sm, 0x1022, 0x790b, 0x0c0500);
	sy_pcie_ep(&a0, 0x1234, 0x0001, false);
	sy_pcie_ep(&a2, 0x1234, 0x0002, false);
	tm_add(&t, "00:00.0", &rc, NO_DEV);
	tm_add(&t, "00:00.2", &iommu, NO_DEV);
	p = tm_add(&t, "00:01.0", &br, NO_DEV);
	tm_add(&t, "00:14.0", &sm, NO_DEV);
	tm_add(&t, "03:00.0", &a0, p);
	tm_add(&t, "03:02.0", &a2, p);
	amd_ivrs(&tb, false);
	t.m.acpi = parsed(&tb, false);
	tm_build(&t);
	x = translate_of(&t.m, tm_dev(&t, "00:00.0"));
	assert_false(x.translated);
	assert_true(x.certain); /* the table says so: no longer a guess */
	assert_non_null(strstr(x.reason, "IVRS"));
	x = translate_of(&t.m, tm_dev(&t, "00:00.2"));
	assert_false(x.translated);
	assert_true(x.certain);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:01.0")).translated);
	assert_true(translate_of(&t.m, tm_dev(&t, "00:14.0")).translated); /* special entry */
	/* the firmware alias: 03:02.0 issues DMA as 03:00.0 */
	assert_int_equal(translate_ivrs_alias(&t.m, tm_dev(&t, "03:02.0")), tm_dev(&t, "03:00.0"));
	assert_int_equal(translate_ivrs_alias(&t.m, tm_dev(&t, "03:00.0")), NO_DEV);
	assert_non_null(tm_edge(&t, "03:02.0", "03:00.0", REL_IVRS_ALIAS));
	assert_true(tm_same_alias(&t, "03:02.0", "03:00.0"));
	assert_string_equal(rel_kind_name(REL_IVRS_ALIAS), "ivrs-alias");
	tm_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dmar_structures), cmocka_unit_test(dmar_malformed),
		cmocka_unit_test(ivrs_entries),    cmocka_unit_test(ivrs_malformed),
		cmocka_unit_test(random_tables),   cmocka_unit_test(dmar_translation),
		cmocka_unit_test(rmrr),            cmocka_unit_test(amd_translation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
