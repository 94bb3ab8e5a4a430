// SPDX-License-Identifier: GPL-2.0-or-later
/* synth.c - synthetic config space (see synth.h). */
#include "synth.h"

#include <string.h>

/* include/uapi/linux/pci_regs.h */
enum {
	PCI_VENDOR_ID = 0x00,
	PCI_DEVICE_ID = 0x02,
	PCI_STATUS = 0x06,
	PCI_STATUS_CAP_LIST = 0x10,
	PCI_REVISION_ID = 0x08,
	PCI_HEADER_TYPE = 0x0e,
	PCI_CAPABILITY_LIST = 0x34,
	PCI_PRIMARY_BUS = 0x18,
	PCI_SECONDARY_BUS = 0x19,
	PCI_SUBORDINATE_BUS = 0x1a,
	PCI_SUBSYSTEM_VENDOR_ID = 0x2c,
	PCI_SUBSYSTEM_ID = 0x2e,
	PCI_EXP_FLAGS = 2,
	PCI_EXP_SIZEOF_V2 = 0x3c,
	PCI_ACS_CAP = 4,
	PCI_ACS_CTRL = 6,
};

void synth_w16(struct synth *s, size_t off, uint16_t v)
{
	s->b[off] = (uint8_t)v;
	s->b[off + 1] = (uint8_t)(v >> 8);
}

void synth_w32(struct synth *s, size_t off, uint32_t v)
{
	synth_w16(s, off, (uint16_t)v);
	synth_w16(s, off + 2, (uint16_t)(v >> 16));
}

static void common(struct synth *s, uint16_t vendor, uint16_t device, uint32_t class,
		   uint8_t hdr)
{
	memset(s, 0, sizeof(*s));
	synth_w16(s, PCI_VENDOR_ID, vendor);
	synth_w16(s, PCI_DEVICE_ID, device);
	/* revision 1, then class code (prog-if, sub, base) */
	synth_w32(s, PCI_REVISION_ID, (class & 0xffffff) << 8 | 0x01);
	s->b[PCI_HEADER_TYPE] = hdr;
	s->len = s->full = 4096;
	s->cap_next = 0x40;
	s->ext_next = 0x100;
}

void synth_endpoint(struct synth *s, uint16_t vendor, uint16_t device, uint32_t class)
{
	common(s, vendor, device, class, 0x00);
}

void synth_bridge(struct synth *s, uint16_t vendor, uint16_t device, uint8_t primary,
		  uint8_t secondary, uint8_t subordinate)
{
	common(s, vendor, device, 0x060400, 0x01);
	s->b[PCI_PRIMARY_BUS] = primary;
	s->b[PCI_SECONDARY_BUS] = secondary;
	s->b[PCI_SUBORDINATE_BUS] = subordinate;
}

void synth_multifunction(struct synth *s, bool on)
{
	s->b[PCI_HEADER_TYPE] = (uint8_t)((s->b[PCI_HEADER_TYPE] & 0x7f) | (on ? 0x80 : 0));
}

void synth_subsystem(struct synth *s, uint16_t subvendor, uint16_t subdevice)
{
	synth_w16(s, PCI_SUBSYSTEM_VENDOR_ID, subvendor);
	synth_w16(s, PCI_SUBSYSTEM_ID, subdevice);
}

uint16_t synth_add_cap(struct synth *s, uint8_t id, uint8_t size)
{
	uint16_t pos = s->cap_next;

	s->b[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
	if (s->cap_last)
		s->b[s->cap_last + 1] = (uint8_t)pos;
	else
		s->b[PCI_CAPABILITY_LIST] = (uint8_t)pos;
	s->b[pos] = id;
	s->b[pos + 1] = 0;
	s->cap_last = pos;
	s->cap_next = (uint16_t)((pos + size + 3) & ~3u);
	return pos;
}

uint16_t synth_add_pcie(struct synth *s, enum pcie_type type)
{
	uint16_t pos = synth_add_cap(s, SY_CAP_ID_EXP, PCI_EXP_SIZEOF_V2);

	/* PCI_EXP_FLAGS: version 2, type in bits 7:4 */
	synth_w16(s, pos + PCI_EXP_FLAGS, (uint16_t)(0x0002 | ((unsigned)type & 0xf) << 4));
	return pos;
}

uint16_t synth_add_ext_cap(struct synth *s, uint16_t id, uint16_t size)
{
	uint16_t pos = s->ext_next;

	if (s->ext_last) {
		uint32_t h = (uint32_t)s->b[s->ext_last] | (uint32_t)s->b[s->ext_last + 1] << 8 |
			     (uint32_t)s->b[s->ext_last + 2] << 16 |
			     (uint32_t)s->b[s->ext_last + 3] << 24;

		h = (h & 0x000fffff) | (uint32_t)pos << 20;
		synth_w32(s, s->ext_last, h);
	}
	/* header: id, version 1, next 0 */
	synth_w32(s, pos, (uint32_t)id | 1u << 16);
	s->ext_last = pos;
	s->ext_next = (uint16_t)((pos + size + 3) & ~3u);
	return pos;
}

uint16_t synth_add_acs(struct synth *s, uint16_t cap, uint16_t ctrl)
{
	uint16_t pos = synth_add_ext_cap(s, SY_EXT_CAP_ID_ACS, 12);

	synth_w16(s, pos + PCI_ACS_CAP, cap);
	synth_w16(s, pos + PCI_ACS_CTRL, ctrl);
	return pos;
}

void synth_size(struct synth *s, size_t len, size_t full)
{
	s->len = len;
	s->full = full;
}

void synth_parse(const struct synth *s, struct dev *d)
{
	memset(d, 0, sizeof(*d));
	d->parent = d->real_dma_dev = d->physfn = NO_DEV;
	d->kernel_group = NO_GROUP;
	dev_parse_config(d, s->b, s->len, s->full);
}
