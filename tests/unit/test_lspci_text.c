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

#include "lspci_text.h"

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
