// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * config.c - parse one function's config space into the device model.
 *
 * Offsets and bit values are the PCI specification's, as named in
 * include/uapi/linux/pci_regs.h. Only what was actually read is used:
 * anything past cfg_len is "unknown", never assumed zero.
 */
#include <string.h>

#include "model.h"

enum {
	CFG_VENDOR = 0x00,
	CFG_DEVICE = 0x02,
	CFG_STATUS = 0x06,
	CFG_REVISION = 0x08,
	CFG_CLASS = 0x09,
	CFG_HEADER_TYPE = 0x0e,
	CFG_SUBSYS_VENDOR = 0x2c,
	CFG_SUBSYS_ID = 0x2e,
	CFG_CAP_PTR = 0x34,
	CFG_SECONDARY_BUS = 0x19,
	CFG_SUBORDINATE_BUS = 0x1a,
	STATUS_CAP_LIST = 0x10,
	CAP_ID_EXP = 0x10,
	CAP_ID_AF = 0x13,
	CAP_ID_PM = 0x01,
	EXT_CAP_ID_ACS = 0x0d,
	EXT_CAP_ID_SRIOV = 0x10,
	SRIOV_TOTAL_VF = 0x0e,
	SRIOV_NUM_VF = 0x10,
	SRIOV_VF_DID = 0x1a,
	CFG_SPACE_SIZE = 256,
	CFG_SPACE_EXP_SIZE = 4096,
};

static uint16_t rd16(const uint8_t *c, size_t o)
{
	return (uint16_t)(c[o] | c[o + 1] << 8);
}

static uint32_t rd32(const uint8_t *c, size_t o)
{
	return (uint32_t)c[o] | (uint32_t)c[o + 1] << 8 | (uint32_t)c[o + 2] << 16 |
	       (uint32_t)c[o + 3] << 24;
}

const char *pcie_type_name(enum pcie_type t)
{
	switch (t) {
	case PCIE_ENDPOINT: return "endpoint";
	case PCIE_LEGACY_ENDPOINT: return "legacy_endpoint";
	case PCIE_RC_END: return "rc_integrated_endpoint";
	case PCIE_RC_EC: return "rc_event_collector";
	case PCIE_ROOT_PORT: return "root_port";
	case PCIE_UPSTREAM: return "upstream_port";
	case PCIE_DOWNSTREAM: return "downstream_port";
	case PCIE_PCI_BRIDGE: return "pcie_to_pci_bridge";
	case PCIE_PCIE_BRIDGE: return "pci_to_pcie_bridge";
	case PCIE_NONE: return "conventional";
	case PCIE_UNKNOWN: return "unknown";
	}
	return "unknown"; /* reserved type codes */
}

/* Walk the standard capability list; 0 if absent, -1 if it leads past
 * what was read. Bounded: a looping list ends after 48 entries. */
static int find_cap(const uint8_t *c, size_t len, uint8_t id)
{
	unsigned pos, ttl = 48;

	if (!(rd16(c, CFG_STATUS) & STATUS_CAP_LIST))
		return 0;
	pos = c[CFG_CAP_PTR];
	while (ttl--) {
		pos &= ~3u;
		if (pos < 0x40)
			return 0;
		if (pos + 4 > len) /* id, next and the first register */
			return -1;
		if (c[pos] == 0xff)
			return 0;
		if (c[pos] == id)
			return (int)pos;
		pos = c[pos + 1];
	}
	return 0;
}

/* Extended capabilities start at 0x100; same contract as find_cap(). */
static int find_ext_cap(const uint8_t *c, size_t len, uint16_t id)
{
	unsigned pos = CFG_SPACE_SIZE, ttl = (CFG_SPACE_EXP_SIZE - CFG_SPACE_SIZE) / 8;

	if (len < CFG_SPACE_EXP_SIZE)
		return -1;
	while (ttl--) {
		uint32_t h = rd32(c, pos);

		if (h == 0 || h == 0xffffffff)
			return 0;
		if ((h & 0xffff) == id)
			return (int)pos;
		pos = (h >> 20) & 0xffc;
		if (pos < CFG_SPACE_SIZE)
			return 0;
	}
	return 0;
}

/* The registers devattr.c derives reset methods and the link from (each
 * kept only when read whole). */
static void cfg_regs(struct dev *d, const uint8_t *buf, size_t len)
{
	int exp = find_cap(buf, len, CAP_ID_EXP), af = find_cap(buf, len, CAP_ID_AF);
	int pm = find_cap(buf, len, CAP_ID_PM);

	d->cfg_regs = 0;
	if (exp >= 0 && af >= 0 && pm >= 0)
		d->cfg_regs |= CFGREG_CAPS;
	if (exp > 0 && (size_t)exp + 0x14 <= len) {
		d->exp_devcap = rd32(buf, (size_t)exp + 0x04);
		d->exp_lnkcap = rd32(buf, (size_t)exp + 0x0c);
		d->exp_lnksta = rd16(buf, (size_t)exp + 0x12);
		/* Link Capabilities 2 exists from capability version 2 */
		d->exp_lnkcap2 = (rd16(buf, (size_t)exp + 2) & 0xf) >= 2 && (size_t)exp + 0x30 <= len
					 ? rd32(buf, (size_t)exp + 0x2c)
					 : 0;
		d->cfg_regs |= CFGREG_EXP;
	}
	if (af > 0 && (size_t)af + 4 <= len) {
		d->af_cap = buf[af + 3];
		d->cfg_regs |= CFGREG_AF;
	}
	if (pm > 0 && (size_t)pm + 6 <= len) {
		d->pm_ctrl = rd16(buf, (size_t)pm + 4);
		d->cfg_regs |= CFGREG_PM;
	}
}

void dev_parse_config(struct dev *d, const uint8_t *cfg, size_t len, size_t full)
{
	uint8_t buf[CFG_SPACE_EXP_SIZE];
	int pos;

	/* Work on a zero-padded copy so offsets below 64 are always safe;
	 * what was not read is tracked by len, not by the padding. */
	memset(buf, 0, sizeof(buf));
	if (len > sizeof(buf))
		len = sizeof(buf);
	memcpy(buf, cfg, len);
	d->cfg_len = (uint16_t)len;

	d->pcie_type = PCIE_UNKNOWN;
	d->acs = ACS_UNKNOWN;
	if (len < 64) {
		d->cfg_complete = false;
		return;
	}
	d->vendor = rd16(buf, CFG_VENDOR);
	d->device = rd16(buf, CFG_DEVICE);
	d->revision = buf[CFG_REVISION];
	d->class = rd32(buf, CFG_REVISION) >> 8;
	d->hdr_type = buf[CFG_HEADER_TYPE] & 0x7f;
	d->hdr_multifunction = buf[CFG_HEADER_TYPE] & 0x80;
	d->is_bridge = d->hdr_type == 1 || d->hdr_type == 2;
	if (d->hdr_type == 0) {
		d->subvendor = rd16(buf, CFG_SUBSYS_VENDOR);
		d->subdevice = rd16(buf, CFG_SUBSYS_ID);
	}
	/* Intel LPC RCBA (quirks_acs.c pci_quirk_enable_intel_lpc_acs reads it) */
	if (len >= 0xf4) {
		d->intel_lpc_rcba = rd32(buf, 0xf0);
		d->intel_lpc_rcba_valid = true;
	}
	if (d->is_bridge) {
		d->secondary = buf[CFG_SECONDARY_BUS];
		d->subordinate = buf[CFG_SUBORDINATE_BUS];
	}

	cfg_regs(d, buf, len);
	pos = find_cap(buf, len, CAP_ID_EXP);
	if (pos < 0)
		return; /* capability list runs past what we could read */
	if (pos == 0) {
		d->pcie_type = PCIE_NONE;
		d->pcie_pos = 0;
	} else {
		d->pcie_pos = (uint16_t)pos;
		d->pcie_type = (enum pcie_type)((rd16(buf, pos + 2) >> 4) & 0xf);
	}

	/* The kernel sized config space as the sysfs file is; a conventional
	 * function or a platform without ECAM has 256 bytes and no extended
	 * capabilities at all. Callers pass len == that size when complete. */
	d->cfg_complete = len >= CFG_SPACE_SIZE && len >= full;
	if (len < CFG_SPACE_EXP_SIZE) {
		if (d->cfg_complete)
			d->acs = ACS_ABSENT;
		return;
	}
	/* A capability whose registers would run past config space is
	 * malformed: treat it as absent rather than read beyond the end. */
	pos = find_ext_cap(buf, len, EXT_CAP_ID_ACS);
	if (pos > 0 && pos + 8 > (int)len)
		pos = 0;
	if (pos > 0) {
		d->acs = ACS_PRESENT;
		d->acs_pos = (uint16_t)pos;
		d->acs_cap = rd16(buf, pos + 4);
		d->acs_ctrl = rd16(buf, pos + 6);
		d->acs_ctrl_dword = pos + 12 <= (int)len ? rd32(buf, pos + 8) : 0;
	} else {
		d->acs = ACS_ABSENT;
	}
	pos = find_ext_cap(buf, len, EXT_CAP_ID_SRIOV);
	if (pos > 0 && pos + 0x1c <= (int)len) {
		d->sriov_totalvfs = rd16(buf, pos + SRIOV_TOTAL_VF);
		d->sriov_numvfs = rd16(buf, pos + SRIOV_NUM_VF);
		d->sriov_vf_device = rd16(buf, pos + SRIOV_VF_DID);
		d->sriov_ctrl = rd16(buf, pos + 0x08);
		d->sriov_offset = rd16(buf, pos + 0x14);
		d->sriov_stride = rd16(buf, pos + 0x16);
	}
}
