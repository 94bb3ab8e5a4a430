// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lspci_text.c - `lspci -vvnn` text of one function (see lspci_text.h).
 *
 * The formats are pciutils' (lspci.c show_verbose(), ls-caps.c,
 * ls-ecaps.c). Text is pasted by people: every number is parsed by hand
 * with a fixed base and bound, offsets are checked against the layout of
 * config space, and a capability that lies over another is an error.
 */
#include "lspci_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly n hex digits at s. */
static bool hexn(const char *s, size_t n, unsigned *v)
{
	*v = 0;
	for (size_t k = 0; k < n; k++) {
		if (hexv(s[k]) < 0)
			return false;
		*v = *v << 4 | (unsigned)hexv(s[k]);
	}
	return true;
}

/* 1 to 3 hex digits then end; the number of digits read, 0 on failure. */
static size_t hex_upto3(const char *s, unsigned *v)
{
	size_t k = 0;

	*v = 0;
	while (k < 3 && hexv(s[k]) >= 0)
		*v = *v << 4 | (unsigned)hexv(s[k++]);
	return hexv(s[k]) >= 0 ? 0 : k;
}

/* A decimal number of at most 7 digits at *s, advanced past it. */
static bool dec(const char **s, unsigned *v)
{
	size_t k = 0;

	*v = 0;
	while (k < 7 && (*s)[k] >= '0' && (*s)[k] <= '9')
		*v = *v * 10 + (unsigned)((*s)[k++] - '0');
	if (k == 0 || ((*s)[k] >= '0' && (*s)[k] <= '9'))
		return false;
	*s += k;
	return true;
}

static bool prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* The last "[hhhh:hhhh]" that begins before end. */
static bool last_ids(const char *s, const char *end, uint16_t *a, uint16_t *b)
{
	bool found = false;

	for (const char *p = strchr(s, '['); p && p < end; p = strchr(p + 1, '[')) {
		unsigned x, y;

		if (hexn(p + 1, 4, &x) && p[5] == ':' && hexn(p + 6, 4, &y) && p[10] == ']') {
			*a = (uint16_t)x;
			*b = (uint16_t)y;
			found = true;
		}
	}
	return found;
}

void lspci_text_init(struct lspci_text *t)
{
	memset(t, 0, sizeof(*t));
	t->pcie_type = -1;
	t->iommu_group = -1;
}

void lspci_text_header(struct lspci_text *t, const char *rest)
{
	const char *end = rest + strlen(rest), *p, *r;
	unsigned v;

	/* the class: "[cccc]: " after its name */
	for (p = strchr(rest, '['); p; p = strchr(p + 1, '['))
		if (hexn(p + 1, 4, &v) && p[5] == ']' && p[6] == ':') {
			t->class = v << 8;
			t->class_ok = true;
			break;
		}
	/* the ids are the last bracket before " (rev" or " (prog-if": a
	 * device name may hold brackets of its own ("[AMD/ATI]") */
	if ((r = strstr(rest, " (rev ")) != NULL) {
		if (hexn(r + 6, 2, &v) && r[8] == ')')
			t->rev = (uint8_t)v;
		end = r;
	}
	if ((p = strstr(rest, " (prog-if ")) != NULL) {
		if (hexn(p + 10, 2, &v))
			t->class |= v;
		if (p < end)
			end = p;
	}
	t->ids = last_ids(rest, end, &t->vendor, &t->device);
	/* names only (no -nn): " CLASS: VENDOR DEVICE" up to the (rev ...) */
	if (!t->ids && (p = strstr(rest, ": ")) != NULL && p < end) {
		const char *c = rest + strspn(rest, " ");
		size_t cl = (size_t)(p - c), vl = (size_t)(end - (p + 2));

		if (cl && cl < sizeof(t->class_text) && vl && vl < sizeof(t->vd_text)) {
			memcpy(t->class_text, c, cl);
			t->class_text[cl] = '\0';
			memcpy(t->vd_text, p + 2, vl);
			t->vd_text[vl] = '\0';
		}
	}
}

/* "SrcValid+ TransBlk- ..." (ACSCap:, ACSCtl:): the bits shown '+'. */
static uint16_t acs_flags(const char *s)
{
	static const struct { const char *name; uint16_t bit; } names[] = {
		{ "SrcValid", 0x01 }, { "TransBlk", 0x02 },   { "ReqRedir", 0x04 },
		{ "CmpltRedir", 0x08 }, { "UpstreamFwd", 0x10 }, { "EgressCtrl", 0x20 },
		{ "DirectTrans", 0x40 },
	};
	uint16_t v = 0;

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const char *p = strstr(s, names[k].name);
		size_t l = strlen(names[k].name);

		if (p && p[l] == '+')
			v |= names[k].bit;
	}
	return v;
}

/* lspci's names of the PCI Express types (ls-caps.c cap_express()). */
static int express_type(const char *s)
{
	static const struct { const char *name; int type; } types[] = {
		{ "Endpoint", 0x0 },
		{ "Legacy Endpoint", 0x1 },
		{ "Root Port", 0x4 },
		{ "Upstream Port", 0x5 },
		{ "Downstream Port", 0x6 },
		{ "PCI-Express to PCI/PCI-X Bridge", 0x7 },
		{ "PCI/PCI-X to PCI-Express Bridge", 0x8 },
		{ "Root Complex Integrated Endpoint", 0x9 },
		{ "Root Complex Event Collector", 0xa },
	};
	unsigned v;

	for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++)
		if (prefix(s, types[k].name))
			return types[k].type;
	if (prefix(s, "Unknown type ")) {
		s += 13;
		if (dec(&s, &v) && v < 16)
			return (int)v;
	}
	return -1;
}

static int bad(char *why, size_t len, const char *what)
{
	snprintf(why, len, "%s", what);
	return -1;
}

/* "Capabilities: [off] ..." or "[off vN] ..." */
static int capability(struct lspci_text *t, const char *s, char *why, size_t wl)
{
	unsigned off;
	size_t k;
	const char *rest;

	t->in = LT_OTHER;
	if (prefix(s, "<access denied>")) {
		t->caps_denied = true;
		t->in = LT_NONE;
		return 0;
	}
	if (s[0] != '[' || !(k = hex_upto3(s + 1, &off)))
		return bad(why, wl, "a capability line without its [offset]");
	rest = s + 1 + k;
	if (*rest == ' ' && rest[1] == 'v') {
		unsigned ver;

		rest += 2;
		if (!dec(&rest, &ver))
			return bad(why, wl, "a capability version that is no number");
	}
	if (rest[0] != ']' || rest[1] != ' ')
		return bad(why, wl, "a capability line without its [offset]");
	rest += 2;
	t->caps_shown = true;
	if (off < 0x100) {
		if (off < 0x40 || off % 4)
			return bad(why, wl, "a capability offset outside 40-fc or not a multiple of 4");
		for (size_t i = 0; i < t->nstd; i++)
			if (t->std_pos[i] == off)
				return bad(why, wl, "two capabilities at one offset");
		if (t->nstd == sizeof(t->std_pos) / sizeof(t->std_pos[0]))
			return bad(why, wl, "more capabilities than config space holds");
		t->std_pos[t->nstd++] = (uint16_t)off;
		if (prefix(rest, "Express ")) {
			unsigned ver = 1;

			if (t->pcie_type >= 0)
				return bad(why, wl, "a second PCI Express capability");
			rest += 8;
			if (rest[0] == '(' && rest[1] == 'v') {
				rest += 2;
				if (!dec(&rest, &ver) || ver > 15 || rest[0] != ')' || rest[1] != ' ')
					return bad(why, wl, "a PCI Express capability version that is no number");
				rest += 2;
			}
			t->pcie_type = express_type(rest);
			if (t->pcie_type < 0)
				return bad(why, wl, "a PCI Express capability of a type lspci does not name");
			t->pcie_ver = (uint8_t)ver;
			t->pcie_pos = (uint16_t)off;
		}
		return 0;
	}
	if (off % 4)
		return bad(why, wl, "an extended capability offset not a multiple of 4");
	for (size_t i = 0; i < t->next; i++)
		if (t->ext_pos[i] == off)
			return bad(why, wl, "two extended capabilities at one offset");
	if (t->next == sizeof(t->ext_pos) / sizeof(t->ext_pos[0]))
		return bad(why, wl, "more extended capabilities than this reader takes (32)");
	t->ext_pos[t->next++] = (uint16_t)off;
	if (prefix(rest, "Access Control Services")) {
		if (t->acs_pos)
			return bad(why, wl, "a second ACS capability");
		t->acs_pos = (uint16_t)off;
		t->in = LT_ACS;
	} else if (prefix(rest, "Single Root I/O Virtualization")) {
		if (t->sriov_pos)
			return bad(why, wl, "a second SR-IOV capability");
		t->sriov_pos = (uint16_t)off;
		t->in = LT_SRIOV;
	}
	return 0;
}

int lspci_text_detail(struct lspci_text *t, const char *s, char *why, size_t wl)
{
	unsigned a, b, c;

	t->ndetail++;
	if (prefix(s, "Capabilities: "))
		return capability(t, s + 14, why, wl);
	if (prefix(s, "Subsystem: ")) {
		t->subsys = last_ids(s, s + strlen(s), &t->subvendor, &t->subdevice);
		return 0;
	}
	if (prefix(s, "Bus: ")) {
		if (!prefix(s, "Bus: primary=") || !hexn(s + 13, 2, &a) ||
		    !prefix(s + 15, ", secondary=") || !hexn(s + 27, 2, &b) ||
		    !prefix(s + 29, ", subordinate=") || !hexn(s + 43, 2, &c))
			return bad(why, wl, "a Bus: line without two-digit primary, secondary and "
					    "subordinate bus numbers");
		t->bus_line = true;
		t->primary = (uint8_t)a;
		t->secondary = (uint8_t)b;
		t->subordinate = (uint8_t)c;
		return 0;
	}
	if (prefix(s, "Kernel driver in use: ")) {
		snprintf(t->driver, sizeof(t->driver), "%s", s + 22);
		return 0;
	}
	if (prefix(s, "IOMMU group: ")) {
		const char *p = s + 13;

		if (!dec(&p, &a) || *p || a > 1000000)
			return bad(why, wl, "an IOMMU group that is no number");
		t->iommu_group = (int)a;
		return 0;
	}
	if (t->in == LT_ACS && prefix(s, "ACSCap:")) {
		t->acs_cap = acs_flags(s + 7);
		t->acs_cap_line = true;
	} else if (t->in == LT_ACS && prefix(s, "ACSCtl:")) {
		t->acs_ctl = acs_flags(s + 7);
		t->acs_ctl_line = true;
	} else if (t->in == LT_SRIOV && prefix(s, "IOVCtl:")) {
		const char *p = strstr(s, "Enable");

		t->sriov_ctrl = p && p[6] == '+';
		t->iov_ctl_line = true;
	} else if (t->in == LT_SRIOV && prefix(s, "Initial VFs: ")) {
		const char *p = s + 13;

		if (!dec(&p, &a) || !prefix(p, ", Total VFs: ") || (p += 13, !dec(&p, &b)) ||
		    !prefix(p, ", Number of VFs: ") || (p += 17, !dec(&p, &c)) || a > 0xffff ||
		    b > 0xffff || c > 0xffff)
			return bad(why, wl, "an SR-IOV VF count line lspci does not print");
		t->sriov_initial = (uint16_t)a;
		t->sriov_total = (uint16_t)b;
		t->sriov_num = (uint16_t)c;
		t->iov_count_line = true;
	} else if (t->in == LT_SRIOV && prefix(s, "VF offset: ")) {
		const char *p = s + 11;

		if (!dec(&p, &a) || !prefix(p, ", stride: ") || (p += 10, !dec(&p, &b)) ||
		    !prefix(p, ", Device ID: ") || !hexn(p + 13, 4, &c) || a > 0xffff || b > 0xffff)
			return bad(why, wl, "an SR-IOV VF offset line lspci does not print");
		t->sriov_offset = (uint16_t)a;
		t->sriov_stride = (uint16_t)b;
		t->sriov_vf_device = (uint16_t)c;
		t->iov_vf_line = true;
	}
	return 0;
}

static void put16(uint8_t *cfg, size_t off, unsigned v)
{
	cfg[off] = (uint8_t)v;
	cfg[off + 1] = (uint8_t)(v >> 8);
}

static int cmp16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

int lspci_text_config(const struct lspci_text *t, uint8_t cfg[4096], size_t *len, size_t *full,
		      char *why, size_t wl)
{
	uint16_t ext[32];
	bool ext_known = true;

	if (!t->ids || !t->class_ok)
		return bad(why, wl, "its header has no [vendor:device] ids or [class]: paste "
				    "`lspci -vvnn` (or `lspci -xxxx`), run as root");
	if (!t->ndetail)
		return bad(why, wl, "no detail lines: paste `lspci -vvnn` (or `lspci -xxxx`), run "
				    "as root");
	if ((t->class >> 8) == 0x0604 && !t->bus_line)
		return bad(why, wl, "a PCI bridge without its \"Bus: primary=\" line: paste "
				    "`lspci -vvnn`");
	memset(cfg, 0, 4096);
	put16(cfg, 0x00, t->vendor);
	put16(cfg, 0x02, t->device);
	cfg[0x08] = t->rev;
	cfg[0x09] = (uint8_t)t->class;
	cfg[0x0a] = (uint8_t)(t->class >> 8);
	cfg[0x0b] = (uint8_t)(t->class >> 16);
	cfg[0x0e] = t->bus_line ? ((t->class >> 8) == 0x0607 ? 2 : 1) : 0;
	if (t->bus_line) {
		cfg[0x18] = t->primary;
		cfg[0x19] = t->secondary;
		cfg[0x1a] = t->subordinate;
	} else if (t->subsys) {
		put16(cfg, 0x2c, t->subvendor);
		put16(cfg, 0x2e, t->subdevice);
	}
	if (t->pcie_type >= 0) {
		cfg[0x06] = 0x10; /* status: capability list */
		cfg[0x34] = (uint8_t)t->pcie_pos;
		cfg[t->pcie_pos] = 0x10;
		cfg[t->pcie_pos + 1] = 0;
		put16(cfg, t->pcie_pos + 2u, (unsigned)(t->pcie_ver & 0xf) | (unsigned)t->pcie_type << 4);
	}
	*full = t->pcie_type >= 0 ? 4096 : 256;
	if (t->caps_denied) {
		/* capabilities unread (not root): the header only */
		*len = 64;
		return 0;
	}
	if (t->pcie_type < 0) {
		*len = 256;
		return 0;
	}
	/* the extended chain from 100h in offset order; a capability shown
	 * without the lines its registers need (lspci -v, not -vv) leaves the
	 * extended space unknown */
	memcpy(ext, t->ext_pos, t->next * sizeof(ext[0]));
	qsort(ext, t->next, sizeof(ext[0]), cmp16);
	for (size_t i = 0; i < t->next; i++) {
		unsigned size = ext[i] == t->sriov_pos ? 0x40 : ext[i] == t->acs_pos ? 8 : 4;
		unsigned next = i + 1 < t->next ? ext[i + 1] : 0;
		unsigned id = ext[i] == t->sriov_pos ? 0x10 : ext[i] == t->acs_pos ? 0x0d : 0;

		if (ext[i] + size > 4096 || (next && next < ext[i] + size))
			return bad(why, wl, "extended capabilities that overlap or run past 4096 bytes");
		put16(cfg, ext[i], id);
		put16(cfg, ext[i] + 2u, (next << 4) | 1u);
	}
	if (t->next && ext[0] != 0x100) {
		/* lspci does not list a null capability heading the chain */
		put16(cfg, 0x100, 0);
		put16(cfg, 0x102, (unsigned)ext[0] << 4 | 1u);
	}
	if (t->acs_pos) {
		put16(cfg, t->acs_pos + 4u, t->acs_cap);
		put16(cfg, t->acs_pos + 6u, t->acs_ctl);
		ext_known &= t->acs_cap_line && t->acs_ctl_line;
	}
	if (t->sriov_pos) {
		put16(cfg, t->sriov_pos + 8u, t->sriov_ctrl);
		put16(cfg, t->sriov_pos + 0xcu, t->sriov_initial);
		put16(cfg, t->sriov_pos + 0xeu, t->sriov_total);
		put16(cfg, t->sriov_pos + 0x10u, t->sriov_num);
		put16(cfg, t->sriov_pos + 0x14u, t->sriov_offset);
		put16(cfg, t->sriov_pos + 0x16u, t->sriov_stride);
		put16(cfg, t->sriov_pos + 0x1au, t->sriov_vf_device);
		ext_known &= t->iov_ctl_line && t->iov_count_line && t->iov_vf_line;
	}
	*len = ext_known ? 4096 : 256;
	return 0;
}
