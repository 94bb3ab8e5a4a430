// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_lspci_text.c - `lspci -vvnn` text into config bytes: the header's
 * ids, class, revision and prog-if (names with brackets of their own), bus
 * numbers, the PCI Express type, ACS, SR-IOV, driver and IOMMU group lines;
 * what is known only in part (<access denied>, -v without the registers);
 * malformed lines refused with the reason.
 */
#include "testutil.h"

#include <string.h>

#include "load_dump.h"
#include "lspci_text.h"
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static uint16_t rd16(const uint8_t *c, size_t off)
{
	return (uint16_t)(c[off] | c[off + 1] << 8);
}

static int feed(struct lspci_text *t, const char *header, const char *const *lines, char *why,
		size_t wl)
{
	lspci_text_init(t);
	lspci_text_header(t, header);
	for (size_t i = 0; lines[i]; i++)
		if (lspci_text_detail(t, lines[i], why, wl))
			return -1;
	return 0;
}

static void header_with_brackets_in_names(void **state)
{
	struct lspci_text t;

	(void)state;
	lspci_text_init(&t);
	lspci_text_header(&t, " VGA compatible controller [0300]: Advanced Micro Devices, Inc. "
			      "[AMD/ATI] Navi 21 [Radeon RX 6800/6800 XT / 6900 XT] [1002:73bf] "
			      "(rev c1) (prog-if 00 [VGA controller])");
	assert_true(t.ids && t.class_ok);
	assert_int_equal(t.vendor, 0x1002);
	assert_int_equal(t.device, 0x73bf);
	assert_int_equal(t.class, 0x030000);
	assert_int_equal(t.rev, 0xc1);

	lspci_text_init(&t);
	lspci_text_header(&t, " Non-Volatile memory controller [0108]: Samsung [144d:a808] "
			      "(prog-if 02 [NVM Express])");
	assert_int_equal(t.class, 0x010802);
	assert_int_equal(t.vendor, 0x144d);

	/* no -nn: no ids */
	lspci_text_init(&t);
	lspci_text_header(&t, " Host bridge: Intel Corporation Device 3e0f (rev 08)");
	assert_false(t.ids);
	assert_false(t.class_ok);
}

static void root_port_with_acs(void **state)
{
	static const char *const lines[] = {
		"Subsystem: Red Hat, Inc. Device [1b36:0000]",
		"Control: I/O+ Mem+ BusMaster+",
		"Bus: primary=00, secondary=01, subordinate=02, sec-latency=0",
		"Capabilities: [54] Express (v2) Root Port (Slot+), MSI 00",
		"DevCap:\tMaxPayload 128 bytes",
		"Capabilities: [40] Subsystem: Red Hat, Inc. Device [1b36:0000]",
		"Capabilities: [100 v2] Advanced Error Reporting",
		"Capabilities: [148 v1] Access Control Services",
		"ACSCap:\tSrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+",
		"ACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-",
		"Kernel driver in use: pcieport",
		"IOMMU group: 7",
		NULL,
	};
	struct lspci_text t;
	uint8_t cfg[4096];
	size_t len, full;
	char why[128];
	struct dev d;

	(void)state;
	assert_int_equal(feed(&t, " PCI bridge [0604]: Red Hat, Inc. QEMU PCIe Root port [1b36:000c] "
				  "(prog-if 00 [Normal decode])",
			      lines, why, sizeof(why)),
			 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), 0);
	assert_int_equal(len, 4096);
	assert_int_equal(full, 4096);
	assert_string_equal(t.driver, "pcieport");
	assert_int_equal(t.iommu_group, 7);
	dev_init(&d, 0, 0, DEVFN(4, 0));
	dev_parse_config(&d, cfg, len, full);
	assert_true(d.cfg_complete);
	assert_true(d.is_bridge);
	assert_int_equal(d.secondary, 1);
	assert_int_equal(d.subordinate, 2);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.acs, ACS_PRESENT);
	assert_int_equal(d.acs_pos, 0x148);
	assert_int_equal(d.acs_cap, 0x5f);
	assert_int_equal(d.acs_ctrl, ACS_SV | ACS_RR | ACS_CR | ACS_UF);
	/* the chain reaches ACS through the AER header at 100h */
	assert_int_equal(rd16(cfg, 0x102) >> 4, 0x148);
}

static void endpoint_without_acs_is_complete(void **state)
{
	static const char *const lines[] = {
		"Subsystem: Intel Corporation Device [8086:0000]",
		"Capabilities: [e0] Express (v2) Endpoint, IntMsgNum 0",
		"Capabilities: [100 v2] Advanced Error Reporting",
		NULL,
	};
	struct lspci_text t;
	uint8_t cfg[4096];
	size_t len, full;
	char why[128];
	struct dev d;

	(void)state;
	assert_int_equal(feed(&t, " Ethernet controller [0200]: Intel Corporation 82574L [8086:10d3]",
			      lines, why, sizeof(why)),
			 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), 0);
	dev_init(&d, 0, 3, 0);
	dev_parse_config(&d, cfg, len, full);
	assert_true(d.cfg_complete);
	assert_int_equal(d.pcie_type, PCIE_ENDPOINT);
	assert_int_equal(d.acs, ACS_ABSENT);
	assert_int_equal(d.subvendor, 0x8086);
}

static void sriov_pf(void **state)
{
	static const char *const lines[] = {
		"Capabilities: [80] Express (v2) Endpoint, MSI 00",
		"Capabilities: [100 v1] Alternative Routing-ID Interpretation (ARI)",
		"Capabilities: [120 v1] Single Root I/O Virtualization (SR-IOV)",
		"IOVCap:\tMigration- 10BitTagReq- Interrupt Message Number: 000",
		"IOVCtl:\tEnable+ Migration- Interrupt- MSE+ ARIHierarchy+ 10BitTagReq-",
		"Initial VFs: 4, Total VFs: 8, Number of VFs: 3, Function Dependency Link: 00",
		"VF offset: 1, stride: 2, Device ID: 10ed",
		NULL,
	};
	struct lspci_text t;
	uint8_t cfg[4096];
	size_t len, full;
	char why[128];
	struct dev d;

	(void)state;
	assert_int_equal(feed(&t, " Ethernet controller [0200]: Intel [8086:10fb] (rev 01)", lines, why,
			      sizeof(why)),
			 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), 0);
	assert_int_equal(len, 4096);
	dev_init(&d, 0, 1, 0);
	dev_parse_config(&d, cfg, len, full);
	assert_int_equal(d.sriov_totalvfs, 8);
	assert_int_equal(d.sriov_numvfs, 3);
	assert_int_equal(d.sriov_ctrl & 1, 1);
	assert_int_equal(d.sriov_offset, 1);
	assert_int_equal(d.sriov_stride, 2);
	assert_int_equal(d.sriov_vf_device, 0x10ed);
}

static void known_only_in_part(void **state)
{
	static const char *const denied[] = {
		"Control: I/O+ Mem+ BusMaster+",
		"Bus: primary=00, secondary=01, subordinate=01, sec-latency=0",
		"Capabilities: <access denied>",
		NULL,
	};
	static const char *const v_only[] = {
		"Bus: primary=00, secondary=01, subordinate=01, sec-latency=0",
		"Capabilities: [54] Express Root Port (Slot+), MSI 00",
		"Capabilities: [148] Access Control Services",
		NULL,
	};
	struct lspci_text t;
	uint8_t cfg[4096];
	size_t len, full;
	char why[128];
	struct dev d;

	(void)state;
	assert_int_equal(feed(&t, " PCI bridge [0604]: Intel [8086:a110]", denied, why, sizeof(why)), 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), 0);
	assert_int_equal(len, 64);
	dev_init(&d, 0, 0, DEVFN(0x1c, 0));
	dev_parse_config(&d, cfg, len, 4096);
	assert_false(d.cfg_complete);
	assert_int_equal(d.secondary, 1);

	/* lspci -v: ACS listed without its registers, extended space unknown */
	assert_int_equal(feed(&t, " PCI bridge [0604]: Intel [8086:a110]", v_only, why, sizeof(why)), 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), 0);
	assert_int_equal(len, 256);
	assert_int_equal(full, 4096);
	dev_init(&d, 0, 0, DEVFN(0x1c, 0));
	dev_parse_config(&d, cfg, len, full);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.acs, ACS_UNKNOWN);
}

static void refused(void **state)
{
	static const struct {
		const char *line, *why;
	} bad[] = {
		{ "Capabilities: [30] Express (v2) Endpoint, MSI 00", "outside 40-fc" },
		{ "Capabilities: [41] Power Management version 3", "outside 40-fc" },
		{ "Capabilities: [1002] Access Control Services", "without its [offset]" },
		{ "Capabilities: 54 Express", "without its [offset]" },
		{ "Capabilities: [54] Express (v2) Toaster Port", "does not name" },
		{ "Capabilities: [54] Express (vx) Endpoint", "no number" },
		{ "Bus: primary=00, secondary=zz, subordinate=01", "two-digit" },
		{ "Bus: primary=0, secondary=1, subordinate=1", "two-digit" },
		{ "IOMMU group: -1", "no number" },
		{ "IOMMU group: 99999999999", "no number" },
	};
	struct lspci_text t;
	char why[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lspci_text_init(&t);
		lspci_text_header(&t, " Bridge [0604]: X [8086:1234]");
		why[0] = '\0';
		if (lspci_text_detail(&t, bad[i].line, why, sizeof(why)) != -1)
			fail_msg("accepted: %s", bad[i].line);
		if (!strstr(why, bad[i].why))
			fail_msg("%s: reason '%s', expected '%s'", bad[i].line, why, bad[i].why);
	}
	/* two capabilities at one offset; a second ACS */
	lspci_text_init(&t);
	assert_int_equal(lspci_text_detail(&t, "Capabilities: [148 v1] Access Control Services", why,
					   sizeof(why)),
			 0);
	assert_int_equal(lspci_text_detail(&t, "Capabilities: [148 v1] Access Control Services", why,
					   sizeof(why)),
			 -1);
	assert_int_equal(lspci_text_detail(&t, "Capabilities: [150 v1] Access Control Services", why,
					   sizeof(why)),
			 -1);
	assert_non_null(strstr(why, "second ACS"));
}

static void overlap_and_missing_refused(void **state)
{
	static const char *const overlap[] = {
		"Capabilities: [80] Express (v2) Endpoint, MSI 00",
		"Capabilities: [100 v1] Single Root I/O Virtualization (SR-IOV)",
		"Capabilities: [120 v1] Access Control Services",
		NULL,
	};
	static const char *const bridge_without_bus[] = {
		"Capabilities: [54] Express (v2) Root Port (Slot+), MSI 00",
		NULL,
	};
	struct lspci_text t;
	uint8_t cfg[4096];
	size_t len, full;
	char why[160];

	(void)state;
	assert_int_equal(feed(&t, " Eth [0200]: X [8086:1234]", overlap, why, sizeof(why)), 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "overlap"));
	assert_int_equal(feed(&t, " PCI bridge [0604]: X [8086:1234]", bridge_without_bus, why,
			      sizeof(why)),
			 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "Bus: primary="));
	/* no -nn ids */
	lspci_text_init(&t);
	lspci_text_header(&t, " Host bridge: Intel Corporation Device 3e0f");
	assert_int_equal(lspci_text_detail(&t, "Control: I/O+", why, sizeof(why)), 0);
	assert_int_equal(lspci_text_config(&t, cfg, &len, &full, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "lspci -vvnn"));
}

/* A pci.ids where one vendor name has two ids, one device name two
 * devices of one vendor, and a class name two classes. */
static const char names_ids[] =
	"1af4  Red Hat, Inc.\n\t1000  Virtio network device\n"
	"1b36  Red Hat, Inc.\n\t000c  QEMU PCIe Root port\n"
	"8086  Intel Corporation\n\t100e  82540EM Gigabit Ethernet Controller\n"
	"\t1015  82540EM Gigabit Ethernet Controller\n\t10d3  82574L Gigabit Network Connection\n"
	"C 02  Network controller\n\t00  Ethernet controller\n\t80  Ethernet controller\n"
	"C 06  Bridge\n\t04  PCI bridge\n";

/* `lspci -vv` without -nn: the header keeps the names, not ids. */
static void header_names_only(void **state)
{
	struct lspci_text t;

	(void)state;
	lspci_text_init(&t);
	lspci_text_header(&t, " Ethernet controller: Intel Corporation 82574L Gigabit Network "
			      "Connection (rev 02) (prog-if 00 [Normal])");
	assert_false(t.ids);
	assert_false(t.class_ok);
	assert_string_equal(t.class_text, "Ethernet controller");
	assert_string_equal(t.vd_text, "Intel Corporation 82574L Gigabit Network Connection");
	assert_int_equal(t.rev, 2);
	/* with -nn nothing is kept for a lookup */
	lspci_text_init(&t);
	lspci_text_header(&t, " Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network "
			      "Connection [8086:10d3]");
	assert_true(t.ids);
	assert_string_equal(t.vd_text, "");
}

/* Reverse lookups: one pair found, the pair deciding between two vendors
 * of one name; lspci's numeric forms; ambiguous and unknown names set no
 * id. */
static void names_looked_up(void **state)
{
	static const struct {
		const char *vd, *cls;
		int ids, vendor, device, cls_how, class16, matches; /* matches: -1 unchecked */
	} cases[] = {
		{ "Intel Corporation 82574L Gigabit Network Connection", "PCI bridge", NAMES_FOUND,
		  0x8086, 0x10d3, NAMES_FOUND, 0x0604, -1 },
		{ "Red Hat, Inc. QEMU PCIe Root port", "Class 0604", NAMES_FOUND, 0x1b36, 0x000c,
		  NAMES_NUMERIC, 0x0604, -1 },
		/* a known vendor, a device pci.ids lacks: lspci shows its number */
		{ "Intel Corporation Device 1234", "Bridge [0680]", NAMES_FOUND, 0x8086, 0x1234, -1,
		  0x0680, -1 },
		{ "Device 1eee:0042", "Class ff00", NAMES_NUMERIC, 0x1eee, 0x0042, -1, -1, -1 },
		/* two devices of one name: no guess */
		{ "Intel Corporation 82540EM Gigabit Ethernet Controller", "Ethernet controller",
		  NAMES_AMBIGUOUS, 0, 0, NAMES_AMBIGUOUS, 0, 2 },
		/* "Device 0001" under two vendors of one name */
		{ "Red Hat, Inc. Device 0001", "PCI bridge", NAMES_AMBIGUOUS, -1, -1, -1, -1, -1 },
		/* a vendor not listed, a class not listed */
		{ "Acme Widgets Frobnicator", "Widget", NAMES_UNKNOWN, 0, -1, NAMES_UNKNOWN, -1, -1 },
		/* a vendor name that is only a prefix of another word */
		{ "Intel Corporationx 82574L Gigabit Network Connection", "PCI bridge", NAMES_UNKNOWN,
		  -1, -1, -1, -1, -1 },
	};
	char *ids = tu_temp_file("test_lspci_ids", names_ids), err[256];
	struct names_ctx *c = names_open(ids);

	(void)state;
	assert_non_null(c);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct names_rev r;

		print_message("names_reverse(\"%s\", \"%s\")\n", cases[k].vd, cases[k].cls);
		assert_int_equal(names_reverse(c, cases[k].vd, cases[k].cls, &r, err, sizeof(err)), 0);
		assert_int_equal(r.ids, cases[k].ids);
		if (cases[k].vendor >= 0)
			assert_int_equal(r.vendor, cases[k].vendor);
		if (cases[k].device >= 0)
			assert_int_equal(r.device, cases[k].device);
		if (cases[k].cls_how >= 0)
			assert_int_equal(r.cls, cases[k].cls_how);
		if (cases[k].class16 >= 0)
			assert_int_equal(r.class16, cases[k].class16);
		if (cases[k].matches >= 0)
			assert_int_equal(r.matches, cases[k].matches);
	}
	names_close(c);
	unlink(ids);
	free(ids);
}

/* A dump of names only loads, every function marked doubtful, a warning
 * said; an ambiguous name gives 0000 and a warning, never a guess. */
static void dump_of_names(void **state)
{
	static const char dump[] =
		"00:04.0 PCI bridge: Red Hat, Inc. QEMU PCIe Root port (prog-if 00 [Normal decode])\n"
		"\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0\n"
		"\tCapabilities: [54] Express (v2) Root Port (Slot+), MSI 00\n"
		"\tCapabilities: [100] Access Control Services\n"
		"\t\tACSCap:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- "
		"DirectTrans-\n"
		"\t\tACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- "
		"DirectTrans-\n"
		"\n"
		"01:00.0 Ethernet controller: Intel Corporation 82540EM Gigabit Ethernet Controller\n"
		"\tCapabilities: [e0] Express (v1) Endpoint, MSI 00\n"
		"\n";
	char *ids = tu_temp_file("test_lspci_ids", names_ids), err[256] = "";
	FILE *f = fmemopen((void *)dump, strlen(dump), "r");
	struct sysmodel m;
	bool warned = false, ambiguous = false;

	(void)state;
	assert_non_null(f);
	assert_int_equal(model_load_dump_ids(&m, f, "names.txt", ids, err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(m.ndevs, 2);
	assert_int_equal(m.devs[0].vendor, 0x1b36);
	assert_int_equal(m.devs[0].device, 0x000c);
	assert_int_equal(m.devs[0].class >> 8, 0x0604);
	assert_true(m.devs[0].ids_doubtful);
	assert_int_equal(m.devs[1].vendor, 0);
	assert_int_equal(m.devs[1].device, 0);
	assert_true(m.devs[1].ids_doubtful);
	for (size_t k = 0; k < m.nwarnings; k++) {
		warned |= strstr(m.warnings[k], "2 functions show names, not ids") != NULL;
		ambiguous |= strstr(m.warnings[k], "01:00.0") &&
			     strstr(m.warnings[k], "more than one vendor and device");
	}
	assert_true(warned);
	assert_true(ambiguous);
	model_free(&m);
	unlink(ids);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_with_brackets_in_names),
		cmocka_unit_test(root_port_with_acs),
		cmocka_unit_test(endpoint_without_acs_is_complete),
		cmocka_unit_test(sriov_pf),
		cmocka_unit_test(known_only_in_part),
		cmocka_unit_test(refused),
		cmocka_unit_test(overlap_and_missing_refused),
		cmocka_unit_test(header_names_only),
		cmocka_unit_test(names_looked_up),
		cmocka_unit_test(dump_of_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
