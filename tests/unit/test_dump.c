// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_dump.c - the `lspci -x...` dump parser on dumps built here: good
 * ones in every shape users paste (-x, -xxx, -xxxx, -vvv -xxxx, indented,
 * blank lines, CRLF), and damaged or hostile ones of every class (signed,
 * prefixed or overlong fields, rows with gaps, repeated or out of order,
 * duplicated devices, overlapping bridge ranges, bus numbers that cannot
 * form a tree, NUL bytes, endless lines). A damaged dump must fail with
 * "NAME:LINE:" naming the bad line, or load with a warning and the device
 * marked incomplete; never crash (ASan/UBSan) or read what is not there.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_dump.h"
#include "testutil.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert_true(n >= 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* One function as lspci prints it: header, then rows [0, len) */
static void dump_dev(struct buf *b, const char *bdf, const struct synth *s, size_t len,
		     const char *indent)
{
	put(b, "%s%s Some device: Vendor Device\n", indent, bdf);
	for (size_t off = 0; off < len; off += 16) {
		put(b, "%s%02zx:", indent, off);
		for (size_t k = 0; k < 16; k++)
			put(b, " %02x", s->b[off + k]);
		put(b, "\n");
	}
	put(b, "\n");
}

static struct synth endpoint(void)
{
	struct synth s;

	synth_endpoint(&s, 0x8086, 0x10d3, 0x020000);
	synth_add_pcie(&s, PCIE_ENDPOINT);
	return s;
}

static struct synth port(uint8_t bus, uint8_t sec, uint8_t sub)
{
	struct synth s;

	synth_bridge(&s, 0x1b36, 0x000c, bus, sec, sub);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	return s;
}

/* Load text; 0 or -1 with the message in err. */
static int load(const char *text, size_t len, struct sysmodel *m, char *err, size_t errlen)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int r;

	assert_non_null(f);
	err[0] = '\0';
	r = model_load_dump(m, f, "d.txt", err, errlen);
	fclose(f);
	return r;
}

/* The dump must fail, with a message starting "d.txt:LINE:". */
static void expect_fail_at(const char *text, unsigned long line, const char *needle)
{
	struct sysmodel m;
	char err[512], want[32];

	assert_int_equal(load(text, strlen(text), &m, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "d.txt:%lu: ", line);
	if (strncmp(err, want, strlen(want)) || (needle && !strstr(err, needle)))
		fail_msg("expected '%s...%s', got '%s'", want, needle ? needle : "", err);
	model_free(&m);
}

static void good_dump(struct buf *b, size_t len, const char *indent)
{
	struct synth rp = port(0, 1, 1), ep = endpoint();

	dump_dev(b, "00:04.0", &rp, len, indent);
	dump_dev(b, "01:00.0", &ep, len, indent);
}

static void test_good_xxxx(void **state)
{
	struct buf b = { 0 };
	struct sysmodel m;
	char err[512];

	(void)state;
	good_dump(&b, 4096, "");
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ndevs, 2);
	assert_true(m.devs[1].cfg_complete);
	assert_int_equal(m.devs[1].parent, 0);
	assert_int_equal(m.devs[0].pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(m.nwarnings, 0);
	model_free(&m);
	free(b.s);
}

/* `lspci -x` (64 bytes): the tree still comes from the bridge's bus
 * numbers; nothing is complete; one warning with the hint. */
static void test_x_only(void **state)
{
	struct buf b = { 0 };
	struct sysmodel m;
	char err[512];

	(void)state;
	good_dump(&b, 64, "");
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ndevs, 2);
	assert_false(m.devs[0].cfg_complete);
	assert_false(m.devs[1].cfg_complete);
	assert_int_equal(m.devs[1].parent, 0);
	assert_int_equal(m.devs[1].pcie_type, PCIE_UNKNOWN);
	assert_true(m.config_truncated);
	assert_int_equal(m.nwarnings, 1);
	assert_non_null(strstr(m.warnings[0], "lspci -xxxx"));
	model_free(&m);
	free(b.s);
}

/* `lspci -xxx` (256 bytes): PCI Express functions are incomplete (ACS is
 * unknown, not absent); a conventional function is complete. */
static void test_xxx(void **state)
{
	struct buf b = { 0 };
	struct synth conv;
	struct sysmodel m;
	char err[512];

	(void)state;
	good_dump(&b, 256, "");
	synth_endpoint(&conv, 0x8086, 0x2918, 0x060100);
	dump_dev(&b, "00:1f.0", &conv, 256, "");
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ndevs, 3);
	assert_false(m.devs[0].cfg_complete);
	assert_int_equal(m.devs[0].acs, ACS_UNKNOWN);
	assert_true(m.devs[1].cfg_complete);
	assert_int_equal(m.devs[1].pcie_type, PCIE_NONE);
	model_free(&m);
	free(b.s);
}

/* Indented pastes, blank lines, CRLF, -D domains, and `lspci -vvv -xxxx`
 * detail lines between the header and the rows. */
static void test_pasted_shapes(void **state)
{
	struct synth rp = port(0, 1, 1), ep = endpoint();
	struct buf b = { 0 };
	struct sysmodel m;
	char err[512];

	(void)state;
	put(&b, "\n\n");
	dump_dev(&b, "    0000:00:04.0", &rp, 4096, "");
	b.len -= 1; /* no blank line: the next header ends the device */
	put(&b, "0000:01:00.0 Ethernet controller [0200]: Intel 82574L [8086:10d3]\r\n");
	put(&b, "\tSubsystem: Intel Corporation Device [8086:0000]\r\n");
	put(&b, "\tCapabilities: [e0] Express (v1) Endpoint, MSI 00\r\n");
	put(&b, "\t\tDevCap:\tMaxPayload 256 bytes\r\n");
	put(&b, "\tKernel driver in use: e1000e\r\n");
	for (size_t off = 0; off < 4096; off += 16) {
		put(&b, "%02zx:", off);
		for (size_t k = 0; k < 16; k++)
			put(&b, " %02x", ep.b[off + k]);
		put(&b, " \r\n");
	}
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ndevs, 2);
	assert_true(m.devs[1].cfg_complete);
	assert_int_equal(m.devs[1].parent, 0);
	model_free(&m);
	free(b.s);
}

/* The reported crash: a signed row offset once wrapped past the bounds
 * check and wrote before the buffer. Every malformed offset is refused. */
static void test_bad_offsets(void **state)
{
	static const char *const offs[] = { "-10", "+10", "-0", " -10", "0x10", "1g", "08",
					    "fff", "ff8", "1000", "-1000", "ffffffffffffff0" };
	(void)state;
	for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		char text[512];

		snprintf(text, sizeof(text),
			 "00:04.0 d\n"
			 "00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00\n"
			 "%s: 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41\n",
			 offs[i]);
		expect_fail_at(text, 3, NULL);
	}
}

static void test_bad_bytes(void **state)
{
	static const char *const rows[] = {
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00",          /* 15 */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00 00",    /* 17 */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 -1",       /* sign */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 +1",
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 0x",
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 1",        /* one digit */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 100",      /* three */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 zz",
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 0 0",
		"00:86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00",        /* no blank */
		"00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00x",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char text[512];

		snprintf(text, sizeof(text), "00:04.0 d\n%s\n", rows[i]);
		expect_fail_at(text, 2, NULL);
	}
}

/* Rows repeated or out of order: the dump contradicts itself. */
static void test_rows_repeated_or_out_of_order(void **state)
{
	struct synth ep = endpoint();
	struct buf b = { 0 };

	(void)state;
	put(&b, "01:00.0 d\n");
	for (size_t off = 0; off < 64; off += 16) {
		put(&b, "%02zx:", off);
		for (size_t k = 0; k < 16; k++)
			put(&b, " %02x", ep.b[off + k]);
		put(&b, "\n");
	}
	{
		char *twice = NULL;

		assert_true(asprintf(&twice, "%s%s", b.s, "20: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n") > 0);
		expect_fail_at(twice, 6, "twice");
		free(twice);
	}
	free(b.s);
	expect_fail_at("01:00.0 d\n"
		       "10: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
		       "00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00\n",
		       3, "out of order");
}

/* A gap: the rows before it are used, the device is incomplete, a
 * warning names the line; the missing rows are never taken as zeros. */
static void test_row_gap(void **state)
{
	struct synth rp = port(0, 1, 1), ep = endpoint();
	struct buf b = { 0 };
	struct sysmodel m;
	char err[512];

	(void)state;
	dump_dev(&b, "00:04.0", &rp, 4096, "");
	put(&b, "01:00.0 d\n");
	for (size_t off = 0; off < 4096; off += 16) {
		if (off == 0x150)
			continue;
		put(&b, "%02zx:", off);
		for (size_t k = 0; k < 16; k++)
			put(&b, " %02x", ep.b[off + k]);
		put(&b, "\n");
	}
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_false(m.devs[1].cfg_complete);
	assert_int_equal(m.devs[1].cfg_len, 0x150);
	assert_int_equal(m.devs[1].acs, ACS_UNKNOWN);
	assert_true(m.nwarnings >= 1);
	assert_non_null(strstr(m.warnings[0], "d.txt:"));
	assert_non_null(strstr(m.warnings[0], "missing"));
	model_free(&m);
	free(b.s);
	/* a gap inside the first 64 bytes leaves nothing usable */
	expect_fail_at("01:00.0 d\n"
		       "00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00\n"
		       "20: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
		       "30: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
		       "40: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n",
		       1, "fewer than 64");
}

static void test_duplicate_device(void **state)
{
	struct synth ep = endpoint();
	struct buf b = { 0 };

	(void)state;
	dump_dev(&b, "01:00.0", &ep, 64, "");
	dump_dev(&b, "0000:01:00.0", &ep, 64, ""); /* the same, spelled with -D */
	expect_fail_at(b.s, 7, "appears twice");
	free(b.s);
}

/* Bridges: overlapping ranges, two claiming one bus, a secondary bus not
 * below the bridge's own (a cycle), subordinate below secondary. */
static void test_bus_ranges(void **state)
{
	struct {
		uint8_t bus1, sec1, sub1, bus2, sec2, sub2;
		const char *needle;
	} cases[] = {
		{ 0, 1, 4, 0, 3, 6, "claims buses" },  /* partial overlap */
		{ 0, 1, 4, 0, 1, 2, "claims buses" },  /* same secondary */
		{ 0, 1, 1, 0, 1, 1, "claims buses" },  /* identical */
		{ 0, 1, 4, 3, 2, 2, "cannot form a tree" }, /* below its own bus */
		{ 0, 1, 4, 2, 2, 3, "cannot form a tree" }, /* its own bus */
		{ 0, 1, 4, 0, 6, 5, "subordinate" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct synth a = port(cases[i].bus1, cases[i].sec1, cases[i].sub1);
		struct synth c = port(cases[i].bus2, cases[i].sec2, cases[i].sub2);
		struct buf b = { 0 };
		char bdf[16];

		dump_dev(&b, "00:04.0", &a, 64, "");
		snprintf(bdf, sizeof(bdf), "%02x:05.0", cases[i].bus2);
		dump_dev(&b, bdf, &c, 64, "");
		expect_fail_at(b.s, 7, cases[i].needle);
		free(b.s);
	}
}

/* Nested ranges (a switch) and unconfigured bridges are fine. */
static void test_bus_ranges_nested(void **state)
{
	struct synth rp = port(0, 1, 4), usp = port(1, 2, 4), dsp = port(2, 3, 3), dsp2 = port(2, 4, 4),
		     idle = port(0, 0, 0), ep = endpoint();
	struct buf b = { 0 };
	struct sysmodel m;
	char err[512];

	(void)state;
	dump_dev(&b, "00:04.0", &rp, 64, "");
	dump_dev(&b, "00:05.0", &idle, 64, "");
	dump_dev(&b, "01:00.0", &usp, 64, "");
	dump_dev(&b, "02:00.0", &dsp, 64, "");
	dump_dev(&b, "02:01.0", &dsp2, 64, "");
	dump_dev(&b, "04:00.0", &ep, 64, "");
	assert_int_equal(load(b.s, b.len, &m, err, sizeof(err)), 0);
	assert_int_equal(m.devs[5].parent, 4);
	assert_int_equal(m.devs[4].parent, 2);
	assert_int_equal(m.devs[2].parent, 0);
	assert_int_equal(m.devs[1].parent, NO_DEV);
	model_free(&m);
	free(b.s);
}

static void test_garbage(void **state)
{
	char text[256], big[70000];
	struct sysmodel m;
	char err[512];

	(void)state;
	expect_fail_at("hello\n", 1, "not a line");
	expect_fail_at("00: 86 80 d3 10 00 00 10 00 00 00 00 02 00 00 00 00\n", 1, "before any device");
	expect_fail_at("00:04.0 d\nnot indented garbage\n", 2, "not a line");
	expect_fail_at("00:04.0 d\n", 1, "no config-space rows");
	expect_fail_at("00:20.0 d\n", 1, "not a line"); /* slot 0x20: not a BDF */
	/* a NUL byte */
	memcpy(text, "00:04.0 d\n00: 86\0 80\n", 22);
	assert_int_equal(load(text, 22, &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "d.txt:2: NUL"));
	model_free(&m);
	/* an endless line */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	expect_fail_at(big, 1, "longer than");
	/* nothing at all */
	assert_int_equal(load("", 0, &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no devices"));
	model_free(&m);
	/* the quoted line is cut, and kept as it is for errmsg() to escape */
	expect_fail_at("\x1b[31mred\x9b\n", 1, "output: \x1b[31mred\x9b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_xxxx),
		cmocka_unit_test(test_x_only),
		cmocka_unit_test(test_xxx),
		cmocka_unit_test(test_pasted_shapes),
		cmocka_unit_test(test_bad_offsets),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_rows_repeated_or_out_of_order),
		cmocka_unit_test(test_row_gap),
		cmocka_unit_test(test_duplicate_device),
		cmocka_unit_test(test_bus_ranges),
		cmocka_unit_test(test_bus_ranges_nested),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
