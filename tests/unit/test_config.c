// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_config.c - dev_parse_config() on synthetic config space.
 *
 * Kernel references: capability walk __pci_find_next_cap_ttl() with
 * PCI_FIND_CAP_TTL 48 and the PCI_STATUS_CAP_LIST test of
 * __pci_bus_find_cap_start() (drivers/pci/pci.c); extended capabilities
 * pci_find_next_ext_capability() from 0x100 with ttl (4096 - 256) / 8;
 * the port type PCI_EXP_FLAGS_TYPE (bits 7:4 of PCI_EXP_FLAGS) read by
 * set_pcie_port_type() (drivers/pci/probe.c); the ACS registers
 * PCI_ACS_CAP (+4) and PCI_ACS_CTRL (+6) (include/uapi/linux/pci_regs.h).
 */
#include "testutil.h"

static void endpoint_ids_class_header(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_endpoint(&s, 0x8086, 0x10d3, 0x020000);
	synth_subsystem(&s, 0x8086, 0xa01f);
	synth_add_pcie(&s, PCIE_ENDPOINT);
	synth_parse(&s, &d);
	assert_int_equal(d.vendor, 0x8086);
	assert_int_equal(d.device, 0x10d3);
	assert_int_equal(d.subvendor, 0x8086);
	assert_int_equal(d.subdevice, 0xa01f);
	assert_int_equal(d.class, 0x020000);
	assert_int_equal(d.revision, 0x01);
	assert_int_equal(d.hdr_type, 0);
	assert_false(d.hdr_multifunction);
	assert_false(d.is_bridge);
	assert_int_equal(d.pcie_type, PCIE_ENDPOINT);
	assert_int_equal(d.pcie_pos, 0x40);
	assert_int_equal(d.acs, ACS_ABSENT);
	assert_true(d.cfg_complete);
	assert_int_equal(d.cfg_len, 4096);
}

static void multifunction_bit(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_endpoint(&s, 0x1af4, 0x1041, 0x020000);
	synth_multifunction(&s, true);
	synth_parse(&s, &d);
	/* header type bit 7 (probe.c: dev->multifunction = !!(hdr_type & 0x80)) */
	assert_true(d.hdr_multifunction);
	assert_int_equal(d.hdr_type, 0);
}

static void bridge_bus_numbers(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_bridge(&s, 0x1b36, 0x000c, 0x00, 0x05, 0x07);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	synth_multifunction(&s, true);
	synth_parse(&s, &d);
	assert_true(d.is_bridge);
	assert_int_equal(d.hdr_type, 1);
	assert_true(d.hdr_multifunction);
	assert_int_equal(d.secondary, 0x05);
	assert_int_equal(d.subordinate, 0x07);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.class, 0x060400);
}

/* Every port type code decodes to itself (PCI_EXP_TYPE_* values). */
static void pcie_types(void **state)
{
	static const enum pcie_type types[] = {
		PCIE_ENDPOINT, PCIE_LEGACY_ENDPOINT, PCIE_ROOT_PORT, PCIE_UPSTREAM,
		PCIE_DOWNSTREAM, PCIE_PCI_BRIDGE, PCIE_PCIE_BRIDGE, PCIE_RC_END, PCIE_RC_EC,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct synth s;
		struct dev d;

		synth_endpoint(&s, 0x1234, 0x5678, 0x088000);
		synth_add_pcie(&s, types[i]);
		synth_parse(&s, &d);
		assert_int_equal(d.pcie_type, types[i]);
	}
}

/* No capability list (PCI_STATUS_CAP_LIST clear): conventional PCI. */
static void no_capabilities_is_conventional(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_endpoint(&s, 0x8086, 0x2922, 0x010601);
	synth_size(&s, 256, 256);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_NONE);
	assert_int_equal(d.acs, ACS_ABSENT);
	assert_true(d.cfg_complete);
	assert_string_equal(pcie_type_name(d.pcie_type), "conventional");
}

/* The PCI Express capability found after others in the chain. */
static void pcie_cap_chained(void **state)
{
	struct synth s;
	struct dev d;
	uint16_t pm, msi, exp;

	(void)state;
	synth_endpoint(&s, 0x1b36, 0x0010, 0x010802);
	pm = synth_add_cap(&s, SY_CAP_ID_PM, 8);
	msi = synth_add_cap(&s, SY_CAP_ID_MSI, 24);
	exp = synth_add_pcie(&s, PCIE_ENDPOINT);
	assert_int_equal(pm, 0x40);
	assert_true(exp > msi);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_pos, exp);
	assert_int_equal(d.pcie_type, PCIE_ENDPOINT);
}

/* A capability list that points back at itself must end (ttl 48) and
 * yield "no PCI Express capability", as __pci_find_next_cap_ttl does. */
static void cap_loop_guard(void **state)
{
	struct synth s;
	struct dev d;
	uint16_t pm;

	(void)state;
	synth_endpoint(&s, 0x1234, 0x0001, 0x020000);
	pm = synth_add_cap(&s, SY_CAP_ID_PM, 8);
	s.b[pm + 1] = (uint8_t)pm; /* next = itself */
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_NONE);

	/* two-element loop */
	synth_endpoint(&s, 0x1234, 0x0001, 0x020000);
	pm = synth_add_cap(&s, SY_CAP_ID_PM, 8);
	synth_add_cap(&s, SY_CAP_ID_MSI, 8);
	s.b[s.cap_last + 1] = (uint8_t)pm;
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_NONE);
}

/* An extended capability list that loops ends too (ttl), ACS absent. */
static void ext_cap_loop_guard(void **state)
{
	struct synth s;
	struct dev d;
	uint16_t aer;

	(void)state;
	synth_bridge(&s, 0x1b36, 0x000c, 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	aer = synth_add_ext_cap(&s, SY_EXT_CAP_ID_ERR, 0x48);
	/* next pointer (bits 31:20) = itself */
	synth_w32(&s, aer, (uint32_t)SY_EXT_CAP_ID_ERR | 1u << 16 | (uint32_t)aer << 20);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.acs, ACS_ABSENT);
	assert_true(d.cfg_complete);
}

static void acs_at_0x100(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL | ACS_TB | ACS_EC | ACS_DT,
		ACS_SV | ACS_RR | ACS_CR | ACS_UF);
	synth_parse(&s, &d);
	assert_int_equal(d.acs, ACS_PRESENT);
	assert_int_equal(d.acs_pos, 0x100);
	assert_int_equal(d.acs_cap, REQ_ALL | ACS_TB | ACS_EC | ACS_DT);
	assert_int_equal(d.acs_ctrl, REQ_ALL);
}

/* ACS found after another extended capability (AER first). */
static void acs_chained(void **state)
{
	struct synth s;
	struct dev d;
	uint16_t aer, acs;

	(void)state;
	synth_bridge(&s, 0x104c, 0x8233, 2, 3, 3);
	synth_add_pcie(&s, PCIE_DOWNSTREAM);
	aer = synth_add_ext_cap(&s, SY_EXT_CAP_ID_ERR, 0x48);
	synth_add_ext_cap(&s, SY_EXT_CAP_ID_ARI, 8);
	acs = synth_add_acs(&s, ACS_SV | ACS_RR, ACS_RR);
	/* the intel SPT control dword at pos + 8 */
	synth_w32(&s, acs + 8, 0x0000001d);
	assert_int_equal(aer, 0x100);
	synth_parse(&s, &d);
	assert_int_equal(d.acs, ACS_PRESENT);
	assert_int_equal(d.acs_pos, acs);
	assert_int_equal(d.acs_cap, ACS_SV | ACS_RR);
	assert_int_equal(d.acs_ctrl, ACS_RR);
	assert_int_equal(d.acs_ctrl_dword, 0x1d);
}

/* Unprivileged sysfs read: 64 bytes. The capability list starts at 0x40,
 * beyond what was read: PCI Express type and ACS unknown, not guessed. */
static void truncated_64(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	synth_size(&s, 64, 4096);
	synth_parse(&s, &d);
	assert_int_equal(d.vendor, 0x1b36);
	assert_int_equal(d.device, 0x000c);
	assert_true(d.is_bridge);
	assert_int_equal(d.pcie_type, PCIE_UNKNOWN);
	assert_int_equal(d.acs, ACS_UNKNOWN);
	assert_false(d.cfg_complete);
	assert_string_equal(pcie_type_name(d.pcie_type), "unknown");

	/* the same with the sysfs file itself only 64 bytes long */
	synth_size(&s, 64, 64);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_UNKNOWN);
	assert_int_equal(d.acs, ACS_UNKNOWN);
	assert_false(d.cfg_complete);
}

/* Less than a header: nothing known at all. */
static void truncated_short(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_endpoint(&s, 0x8086, 0x10d3, 0x020000);
	synth_size(&s, 16, 4096);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_UNKNOWN);
	assert_int_equal(d.acs, ACS_UNKNOWN);
	assert_false(d.cfg_complete);
}

/* A PCIe function whose config space is 256 bytes (no extended space:
 * pci_cfg_space_size() == PCI_CFG_SPACE_SIZE): no ACS capability can
 * exist, so ACS is absent and the read is complete. */
static void pcie_256_complete(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_bridge(&s, 0x8086, 0x3420, 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	synth_size(&s, 256, 256);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.acs, ACS_ABSENT);
	assert_true(d.cfg_complete);
}

/* 256 bytes read of a 4096-byte space: ACS unknown, incomplete. */
static void pcie_256_of_4096(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	synth_size(&s, 256, 4096);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
	assert_int_equal(d.acs, ACS_UNKNOWN);
	assert_false(d.cfg_complete);
}

/* model.h: the dword at 0xf0 (INTEL_LPC_RCBA_REG, drivers/pci/quirks.c) is
 * read for every function when at least 0xf4 bytes were read. */
static void lpc_rcba_dword(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_endpoint(&s, 0x8086, 0x2918, 0x060100);
	synth_w32(&s, 0xf0, 0xfed1c001);
	synth_size(&s, 256, 256);
	synth_parse(&s, &d);
	assert_true(d.intel_lpc_rcba_valid);
	assert_int_equal(d.intel_lpc_rcba, 0xfed1c001);
	synth_size(&s, 64, 256);
	synth_parse(&s, &d);
	assert_false(d.intel_lpc_rcba_valid);
}

/*
 * Memory safety: an extended capability whose header is the last dword of
 * config space (0xffc); its registers at pos + 4 / pos + 6 lie beyond it
 * (this read past the 4096-byte buffer until 103c7c0). The kernel's own
 * reads there fail (x86 pci_mmcfg_read: reg > 4095 -> -EINVAL), they never
 * touch memory beyond the device. Only the absence of an out-of-bounds read
 * (ASan) and a sane result are asserted.
 */
static void ext_cap_in_last_dword(void **state)
{
	struct synth s;
	struct dev d;

	(void)state;
	synth_bridge(&s, 0x1b36, 0x000c, 0, 1, 1);
	synth_add_pcie(&s, PCIE_ROOT_PORT);
	/* AER at 0x100 whose next pointer is 0xffc, where an ACS header sits */
	synth_w32(&s, 0x100, (uint32_t)SY_EXT_CAP_ID_ERR | 1u << 16 | 0xffcu << 20);
	synth_w32(&s, 0xffc, (uint32_t)SY_EXT_CAP_ID_ACS | 1u << 16);
	synth_parse(&s, &d);
	assert_int_equal(d.pcie_type, PCIE_ROOT_PORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(endpoint_ids_class_header),
		cmocka_unit_test(multifunction_bit),
		cmocka_unit_test(bridge_bus_numbers),
		cmocka_unit_test(pcie_types),
		cmocka_unit_test(no_capabilities_is_conventional),
		cmocka_unit_test(pcie_cap_chained),
		cmocka_unit_test(cap_loop_guard),
		cmocka_unit_test(ext_cap_loop_guard),
		cmocka_unit_test(acs_at_0x100),
		cmocka_unit_test(acs_chained),
		cmocka_unit_test(truncated_64),
		cmocka_unit_test(truncated_short),
		cmocka_unit_test(pcie_256_complete),
		cmocka_unit_test(pcie_256_of_4096),
		cmocka_unit_test(lpc_rcba_dword),
		cmocka_unit_test(ext_cap_in_last_dword),
	};

	return tu_run("config", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
