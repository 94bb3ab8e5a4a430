// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_devattr.c - devattr_fill() on a synthetic sysroot: each attribute
 * from its sysfs file (reset_method, boot_vga, numa_node, the link files,
 * slots/NAME/address, a snapshot's modules list), the config space
 * fallback where the files are absent (FLR in Device Capabilities, AF FLR,
 * PM reset; Link Status and Capabilities), the link speeds as kernels
 * before and since 5.6 write them, hostile values (marked bad, never
 * passed on, a name listed twice too), modules.alias matching as kmod does it (fnmatch), and
 * laziness: nothing is read for want = 0, only the files of what is asked,
 * and the slots listing once a run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devattr.h"
#include "sysroot_build.h"
#include "testutil.h"

static char root[256];
static struct sb sb;

/* A file, and the directories above it. */
static void put(const char *rel, const char *text)
{
	char dir[512];

	snprintf(dir, sizeof(dir), "%s", rel);
	*strrchr(dir, '/') = '\0';
	if (sb_mkdirs(&sb, dir) || sb_put_str(&sb, rel, text))
		fail_msg("%s", sb.err);
}

/* An attribute file of function bdf. */
static void attr(const char *bdf, const char *name, const char *text)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/%s", bdf, name);
	put(rel, text);
}

static int setup(void **state)
{
	(void)state;
	if (tu_root_make(root, sizeof(root), "devattr") || sb_init(&sb, root))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tu_root_remove(root);
}

/* A model of n endpoints 0000:01:0k.0 (k < n), PCI Express with FLR in
 * Device Capabilities, a PM capability, a x4 link at 8 GT/s of x16 at
 * 16 GT/s; function 2 an RCiEP (no link, no FLR). */
static void model(struct sysmodel *m, size_t n)
{
	memset(m, 0, sizeof(*m));
	m->devs = calloc(n, sizeof(*m->devs));
	assert_non_null(m->devs);
	m->ndevs = n;
	snprintf(m->kernel_release, sizeof(m->kernel_release), "6.12.0-test");
	for (size_t k = 0; k < n; k++) {
		struct synth s;
		uint16_t exp;

		synth_endpoint(&s, 0x8086, 0x10d3, 0x020000);
		synth_add_cap(&s, SY_CAP_ID_PM, 8);
		exp = synth_add_pcie(&s, k == 2 ? PCIE_RC_END : PCIE_ENDPOINT);
		if (k != 2)
			synth_w32(&s, exp + 0x04, 0x10000000); /* DEVCAP FLR */
		synth_w32(&s, exp + 0x0c, 0x00000103);        /* LNKCAP: 8 GT/s, x16 */
		synth_w32(&s, exp + 0x2c, 0x0000001e);        /* LNKCAP2: up to 16 GT/s */
		synth_w16(&s, exp + 0x12, 0x0043);            /* LNKSTA: 8 GT/s x4 */
		synth_parse(&s, &m->devs[k]);
		m->devs[k].domain = 0;
		m->devs[k].bus = 1;
		m->devs[k].devfn = DEVFN(k, 0);
		format_bdf(m->devs[k].bdf, sizeof(m->devs[k].bdf), 0, 1, DEVFN(k, 0));
	}
}

static void open_root(struct sysroot *sr)
{
	assert_int_equal(sr_open(sr, root), 0);
}

/* want = 0 reads nothing, whatever is there; each attribute reads only its
 * own files. */
static void lazy(void **state)
{
	struct sysmodel m;
	struct sysroot sr;
	struct devattr_ctx c;
	struct devattr a;

	(void)state;
	model(&m, 1);
	attr("0000:01:00.0", "numa_node", "0\n");
	attr("0000:01:00.0", "boot_vga", "1\n");
	put("sys/bus/pci/slots/4/address", "0000:01:00\n");
	open_root(&sr);
	devattr_init(&c, &sr, &m);
	assert_int_equal(devattr_fill(&c, 0, 0, &a), 0);
	assert_int_equal(c.reads, 0);
	assert_int_equal(a.known, 0);
	assert_int_equal(a.numa, -1);
	assert_int_equal(a.boot_vga, -1);
	assert_string_equal(a.slot, "");
	assert_int_equal(devattr_fill(&c, 0, DA_NUMA, &a), 0);
	assert_int_equal(c.reads, 1);
	assert_int_equal(a.numa, 0);
	assert_int_equal(a.boot_vga, -1); /* not asked: not read */
	/* the slots: one listing and one address, once a run */
	assert_int_equal(devattr_fill(&c, 0, DA_SLOT, &a), 0);
	assert_int_equal(c.reads, 3);
	assert_string_equal(a.slot, "4");
	assert_int_equal(devattr_fill(&c, 0, DA_SLOT, &a), 0);
	assert_int_equal(c.reads, 3);
	devattr_free(&c);
	sr_close(&sr);
	free(m.devs);
}

/* Each attribute from sysfs, as the kernel writes it. */
static void from_sysfs(void **state)
{
	struct sysmodel m;
	struct sysroot sr;
	struct devattr_ctx c;
	struct devattr a;
	char text[64];

	(void)state;
	model(&m, 2);
	attr("0000:01:00.0", "reset_method", "flr bus\n");
	attr("0000:01:00.0", "boot_vga", "0\n");
	attr("0000:01:00.0", "numa_node", "1\n");
	attr("0000:01:00.0", "current_link_speed", "2.5 GT/s PCIe\n");
	attr("0000:01:00.0", "current_link_width", "1\n");
	attr("0000:01:00.0", "max_link_speed", "16.0 GT/s PCIe\n");
	attr("0000:01:00.0", "max_link_width", "16\n");
	attr("0000:01:00.0", "modules", "e1000e\n");
	attr("0000:01:01.0", "current_link_speed", "8.0 GT/s\n"); /* before 5.6 */
	attr("0000:01:01.0", "current_link_width", "4\n");
	attr("0000:01:01.0", "max_link_speed", "8.0 GT/s\n");
	attr("0000:01:01.0", "max_link_width", "4\n");
	attr("0000:01:01.0", "numa_node", "-1\n");
	attr("0000:01:01.0", "modules", "");
	/* the same bus and slot in another domain; a placeholder; ours */
	put("sys/bus/pci/slots/9/address", "0001:01:01\n");
	put("sys/bus/pci/slots/p/address", "0000:01\n");
	put("sys/bus/pci/slots/3-1/address", "0000:01:01\n");
	open_root(&sr);
	devattr_init(&c, &sr, &m);
	assert_int_equal(devattr_fill(&c, 0, DA_ALL, &a), 0);
	assert_int_equal(a.known, DA_ALL);
	assert_int_equal(a.bad, 0);
	assert_int_equal(a.nreset, 2);
	assert_string_equal(a.reset[0], "flr");
	assert_string_equal(a.reset[1], "bus");
	assert_int_equal(a.reset_src, DA_SRC_SYSFS);
	assert_int_equal(a.boot_vga, 0);
	assert_int_equal(a.numa, 1);
	assert_string_equal(a.slot, "");
	devattr_link_text(&a, text, sizeof(text));
	assert_string_equal(text, "2.5GT/s x1 (max 16.0GT/s x16)");
	assert_int_equal(a.link.src, DA_SRC_SYSFS);
	assert_int_equal(a.nmodules, 1);
	assert_string_equal(a.modules[0], "e1000e");
	assert_int_equal(a.modules_src, DA_SRC_SNAPSHOT);

	assert_int_equal(devattr_fill(&c, 1, DA_ALL, &a), 0);
	assert_int_equal(a.bad, 0);
	assert_string_equal(a.slot, "3-1");
	assert_int_equal(a.numa, -1);
	devattr_link_text(&a, text, sizeof(text));
	assert_string_equal(text, "8.0GT/s x4");
	assert_int_equal(a.nmodules, 0);
	assert_int_equal(a.modules_src, DA_SRC_SNAPSHOT); /* captured: none */
	assert_int_equal(c.nwarnings, 0);
	devattr_free(&c);
	sr_close(&sr);
	free(m.devs);
}

/* No files (an old kernel, a snapshot without them): reset methods and
 * the link from config space; the rest unknown. No sysroot at all (a
 * dump): the same, and nothing read. */
static void absent_and_config(void **state)
{
	struct sysmodel m;
	struct sysroot sr;
	struct devattr_ctx c;
	struct devattr a;
	char text[64];

	(void)state;
	model(&m, 3);
	open_root(&sr);
	for (int pass = 0; pass < 2; pass++) {
		devattr_init(&c, pass ? NULL : &sr, &m);
		assert_int_equal(devattr_fill(&c, 0, DA_ALL, &a), 0);
		assert_int_equal(a.bad, 0);
		assert_int_equal(a.nreset, 2);
		assert_string_equal(a.reset[0], "flr");
		assert_string_equal(a.reset[1], "pm");
		assert_int_equal(a.reset_src, DA_SRC_CONFIG);
		devattr_link_text(&a, text, sizeof(text));
		assert_string_equal(text, "8.0GT/s x4 (max 16.0GT/s x16)");
		assert_int_equal(a.link.src, DA_SRC_CONFIG);
		assert_int_equal(a.boot_vga, -1);
		assert_int_equal(a.numa, -1);
		assert_string_equal(a.slot, "");
		assert_int_equal(a.modules_src, DA_SRC_NONE);
		/* an RCiEP: no link, no FLR */
		assert_int_equal(devattr_fill(&c, 2, DA_ALL, &a), 0);
		devattr_link_text(&a, text, sizeof(text));
		assert_string_equal(text, "-");
		assert_int_equal(a.nreset, 1);
		assert_string_equal(a.reset[0], "pm");
		if (pass)
			assert_int_equal(c.reads, 0);
		devattr_free(&c);
	}
	/* PM's No_Soft_Reset, AF with TP and FLR, no PCI Express capability */
	{
		struct synth s;
		uint16_t pm, af;

		synth_endpoint(&s, 0x8086, 0x1234, 0x030000);
		pm = synth_add_cap(&s, SY_CAP_ID_PM, 8);
		synth_w16(&s, pm + 4, 0x0008);
		af = synth_add_cap(&s, 0x13, 6);
		s.b[af + 3] = 0x03;
		synth_parse(&s, &m.devs[1]);
		format_bdf(m.devs[1].bdf, sizeof(m.devs[1].bdf), 0, 1, DEVFN(1, 0));
		devattr_init(&c, NULL, &m);
		assert_int_equal(devattr_fill(&c, 1, DA_RESET | DA_LINK, &a), 0);
		assert_int_equal(a.nreset, 1);
		assert_string_equal(a.reset[0], "af_flr");
		assert_int_equal(a.link.src, DA_SRC_NONE);
		devattr_free(&c);
	}
	sr_close(&sr);
	free(m.devs);
}

/* Hostile values: each attribute marked bad, nothing of it kept. */
static void hostile(void **state)
{
	static const struct {
		const char *file, *text;
		unsigned bit;
	} cases[] = {
		{ "reset_method", "flr b\x1b[2Jus\n", DA_RESET },
		{ "reset_method", "a b c d e f g h i\n", DA_RESET },
		{ "boot_vga", "2\n", DA_BOOTVGA },
		{ "boot_vga", "1 \n", DA_BOOTVGA },
		{ "numa_node", "abc\n", DA_NUMA },
		{ "numa_node", "1x\n", DA_NUMA },
		{ "numa_node", "99999999999\n", DA_NUMA },
		{ "numa_node", "-2\n", DA_NUMA },
		{ "numa_node", "", DA_NUMA },
		{ "current_link_speed", "fast\n", DA_LINK },
		{ "current_link_width", "-1\n", DA_LINK },
		{ "max_link_speed", "8.0 GT/s PCIe extra\n", DA_LINK },
		{ "modules", "e1000e;rm -rf\n", DA_MODULES },
		/* a name twice: never the kernel's nor a snapshot's text (fuzz_devattr) */
		{ "reset_method", "flr bus flr\n", DA_RESET },
		{ "modules", "e1000e,igb,e1000e\n", DA_MODULES },
	};
	struct sysmodel m;
	struct sysroot sr;
	struct devattr a;
	char text[64], longv[300], rel[512];

	(void)state;
	model(&m, 1);
	open_root(&sr);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct devattr_ctx c;

		attr("0000:01:00.0", "current_link_speed", "8.0 GT/s PCIe\n");
		attr("0000:01:00.0", "current_link_width", "4\n");
		attr("0000:01:00.0", "max_link_speed", "8.0 GT/s PCIe\n");
		attr("0000:01:00.0", "max_link_width", "4\n");
		attr("0000:01:00.0", cases[k].file, cases[k].text);
		devattr_init(&c, &sr, &m);
		assert_int_equal(devattr_fill(&c, 0, DA_ALL, &a), 0);
		if (a.bad != cases[k].bit)
			fail_msg("%s = '%s': bad %#x, expected %#x", cases[k].file, cases[k].text, a.bad,
				 cases[k].bit);
		devattr_free(&c);
		snprintf(rel, sizeof(rel), "%s/sys/bus/pci/devices/0000:01:00.0/%s", root,
			 cases[k].file);
		unlink(rel);
	}
	/* a value longer than any the kernel writes */
	memset(longv, '1', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	attr("0000:01:00.0", "reset_method", longv);
	{
		struct devattr_ctx c;

		devattr_init(&c, &sr, &m);
		assert_int_equal(devattr_fill(&c, 0, DA_RESET | DA_LINK, &a), 0);
		assert_int_equal(a.bad, DA_RESET);
		assert_int_equal(a.nreset, 0);
		devattr_link_text(&a, text, sizeof(text));
		assert_string_equal(text, "8.0GT/s x4");
		devattr_free(&c);
	}
	/* a malformed slot address: a warning, no slot */
	put("sys/bus/pci/slots/x/address", "0000:01:zz\n");
	{
		struct devattr_ctx c;

		devattr_init(&c, &sr, &m);
		assert_int_equal(devattr_fill(&c, 0, DA_SLOT, &a), 0);
		assert_string_equal(a.slot, "");
		assert_int_equal(c.nwarnings, 1);
		assert_non_null(strstr(c.warning, "malformed"));
		devattr_free(&c);
	}
	sr_close(&sr);
	free(m.devs);
}

/* The link speeds as each kernel spells them: "8.0 GT/s PCIe" and
 * "Unknown" since 5.6, "8 GT/s" and "Unknown speed" before (PCIE_SPEED2STR),
 * shown as config space gives them; anything else is malformed. */
static void link_speed_spellings(void **state)
{
	static const struct {
		const char *cur, *max, *text; /* text NULL: bad */
	} cases[] = {
		{ "8 GT/s", "16 GT/s", "8.0GT/s x4 (max 16.0GT/s x16)" },
		{ "2.5 GT/s", "Unknown speed", "2.5GT/s x4 (max ? x16)" },
		{ "Unknown", "8.0 GT/s PCIe", "? x4 (max 8.0GT/s x16)" },
		{ "64.0 GT/s PCIe", "64.0 GT/s PCIe", "64.0GT/s x4 (max 64.0GT/s x16)" },
		{ ". GT/s", "8.0 GT/s PCIe", NULL },
		{ "8..0 GT/s", "8.0 GT/s PCIe", NULL },
		{ "8.00 GT/s", "8.0 GT/s PCIe", NULL },
		{ "8. GT/s", "8.0 GT/s PCIe", NULL },
		{ "1000 GT/s", "8.0 GT/s PCIe", NULL },
		{ "8.0 GT/s PCIe ", "8.0 GT/s PCIe", NULL },
		{ "Unknown speed PCIe", "8.0 GT/s PCIe", NULL },
	};
	struct sysmodel m;
	struct sysroot sr;
	struct devattr a;
	char text[64], cur[64], max[64];

	(void)state;
	model(&m, 1);
	open_root(&sr);
	attr("0000:01:00.0", "current_link_width", "4\n");
	attr("0000:01:00.0", "max_link_width", "16\n");
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct devattr_ctx c;

		snprintf(cur, sizeof(cur), "%s\n", cases[k].cur);
		snprintf(max, sizeof(max), "%s\n", cases[k].max);
		attr("0000:01:00.0", "current_link_speed", cur);
		attr("0000:01:00.0", "max_link_speed", max);
		devattr_init(&c, &sr, &m);
		assert_int_equal(devattr_fill(&c, 0, DA_LINK, &a), 0);
		devattr_link_text(&a, text, sizeof(text));
		if (strcmp(text, cases[k].text ? cases[k].text : "?"))
			fail_msg("'%s', '%s': '%s', expected '%s'", cases[k].cur, cases[k].max, text,
				 cases[k].text ? cases[k].text : "?");
		assert_int_equal(a.bad, cases[k].text ? 0 : DA_LINK);
		devattr_free(&c);
	}
	sr_close(&sr);
	free(m.devs);
}

/* modules.alias: "alias PATTERN MODULE", pci: patterns matched with
 * fnmatch against the modalias, each module once, in file order. */
static void aliases(void **state)
{
	static const char text[] =
		"# Aliases extracted from modules themselves.\n"
		"alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e\n"
		"alias usb:v*p*d*dc*dsc*dp*ic09isc*ip*in* usbcore\n"
		"alias pci:v*d*sv*sd*bc02sc00i* netdummy\n"
		"alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e\n"
		"alias pci:v00008086d*sv*sd*bc*sc*i* bad;name\n"
		"alias pci:v00001AF4d*sv*sd*bc*sc*i*\n"
		"alias pci:v00008086d000010D3sv*sd*bc*sc*i* igb";
	struct sysmodel m = { 0 };
	struct devattr_ctx c;
	char names[DA_MAX_NAMES][DA_NAME_LEN];
	char *buf = strdup(text);

	(void)state;
	assert_non_null(buf);
	devattr_init(&c, NULL, &m);
	assert_int_equal(devattr_load_aliases(&c, buf, strlen(buf)), 0);
	assert_int_equal(c.naliases, 4);
	assert_int_equal(devattr_match_aliases(&c, "pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00",
					       names, DA_MAX_NAMES),
			 3);
	assert_string_equal(names[0], "e1000e");
	assert_string_equal(names[1], "netdummy");
	assert_string_equal(names[2], "igb");
	assert_int_equal(devattr_match_aliases(&c, "pci:v00001AF4d00001000sv00001AF4sd00000001bc01sc00i00",
					       names, DA_MAX_NAMES),
			 0);
	assert_int_equal(devattr_match_aliases(&c, "pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00",
					       names, 1),
			 1);
	devattr_free(&c);
	assert_true(devattr_name_ok("snd_hda_intel", 13));
	assert_false(devattr_name_ok("a b", 3));
	assert_false(devattr_name_ok("", 0));
}

/* The live path, on a test tree marked live: the modalias matched against
 * lib/modules/RELEASE/modules.alias, read once a run; a missing file or an
 * unusable release is a warning and MODULES unknown; a 5.15+ kernel hides
 * reset_method when there is none. */
static void live_modules(void **state)
{
	struct sysmodel m;
	struct sysroot sr;
	struct devattr_ctx c;
	struct devattr a;
	char names[DA_MAX_NAMES][DA_NAME_LEN];

	(void)state;
	model(&m, 2);
	put("lib/modules/6.12.0-test/modules.alias",
	    "alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e\n"
	    "alias pci:v*d*sv*sd*bc02sc*i* netdummy\n");
	attr("0000:01:00.0", "modalias", "pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00\n");
	attr("0000:01:01.0", "modalias", "pci:v00008086d000010D3sv\x1b[2Jbc02sc00i00\n");
	attr("0000:01:00.0", "modules", "notread\n"); /* live: never a file's word */
	open_root(&sr);
	sr.live = true; /* reads resolve as on "/" */
	devattr_init(&c, &sr, &m);
	assert_int_equal(devattr_fill(&c, 0, DA_MODULES | DA_RESET, &a), 0);
	assert_int_equal(a.modules_src, DA_SRC_ALIAS);
	assert_int_equal(a.nmodules, 2);
	assert_string_equal(a.modules[0], "e1000e");
	assert_string_equal(a.modules[1], "netdummy");
	assert_int_equal(a.reset_src, DA_SRC_SYSFS); /* 6.12: no reset_method = none */
	assert_int_equal(a.nreset, 0);
	assert_int_equal(c.reads, 3); /* modules.alias, modalias, reset_method */
	assert_int_equal(devattr_fill(&c, 1, DA_MODULES, &a), 0);
	assert_int_equal(a.bad, DA_MODULES);
	assert_int_equal(c.reads, 4); /* modules.alias not again */
	devattr_free(&c);

	/* no modules.alias for this release; a release that would climb */
	for (int k = 0; k < 2; k++) {
		devattr_init(&c, &sr, &m);
		c.release = k ? "../../etc" : "6.1.0-other";
		assert_int_equal(devattr_modules_of(&c, "pci:v00008086d000010D3sv0sd0bc02sc00i00",
						    names, DA_MAX_NAMES),
				 -1);
		assert_int_equal(devattr_fill(&c, 0, DA_MODULES, &a), 0);
		assert_int_equal(a.modules_src, DA_SRC_NONE);
		assert_int_equal(c.nwarnings, 1);
		assert_non_null(strstr(c.warning, k ? "release" : "modules.alias"));
		devattr_free(&c);
	}
	sr_close(&sr);
	free(m.devs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lazy, setup, teardown),
		cmocka_unit_test_setup_teardown(from_sysfs, setup, teardown),
		cmocka_unit_test_setup_teardown(absent_and_config, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(link_speed_spellings, setup, teardown),
		cmocka_unit_test(aliases),
		cmocka_unit_test_setup_teardown(live_modules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
