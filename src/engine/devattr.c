// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * devattr.c - a function's attributes beside the model, read on demand
 * (devattr.h): each devattr_fill() reads only the files of the attributes
 * asked for; the slots listing and modules.alias once per run, on first
 * use. Values are parsed strictly (the kernel's formats, drivers/pci/
 * pci-sysfs.c, pci.c reset_method_show, slot.c address_read_file); a value
 * that does not parse marks the attribute bad rather than show garbage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devattr.h"
#include "kver.h"

struct da_slot {
	char name[DA_NAME_LEN];
	uint32_t domain;
	uint8_t bus, slot;
};

struct da_alias {
	const char *pattern, *module;
};

void devattr_init(struct devattr_ctx *c, const struct sysroot *sr, const struct sysmodel *m)
{
	memset(c, 0, sizeof(*c));
	c->sr = sr;
	c->m = m;
	c->release = m ? m->kernel_release : NULL;
}

void devattr_free(struct devattr_ctx *c)
{
	free(c->slots);
	free(c->aliases);
	free(c->alias_text);
	memset(c, 0, sizeof(*c));
}

static void warn(struct devattr_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct devattr_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nwarnings++)
		return;
	va_start(ap, fmt);
	vsnprintf(c->warning, sizeof(c->warning), fmt, ap);
	va_end(ap);
}

bool devattr_name_ok(const char *s, size_t n)
{
	if (n == 0 || n >= DA_NAME_LEN)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!(s[k] >= 'a' && s[k] <= 'z') && !(s[k] >= 'A' && s[k] <= 'Z') &&
		    !(s[k] >= '0' && s[k] <= '9') && s[k] != '_' && s[k] != '-')
			return false;
	return true;
}

/* Read a text attribute rel (below the root) whole: 0 and the text without
 * its newline; -ENOENT absent; -EINVAL too long or holding a NUL;
 * another -errno. */
static int read_text(struct devattr_ctx *c, const char *rel, char *buf, size_t len)
{
	ssize_t n;

	c->reads++;
	n = sr_read(c->sr, rel, buf, len, NULL);
	if (n < 0)
		return (int)n;
	if ((size_t)n == len || memchr(buf, '\0', (size_t)n))
		return -EINVAL;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

/* A function's attribute file. */
static int read_attr(struct devattr_ctx *c, const struct dev *d, const char *attr, char *buf,
		     size_t len)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/%s", d->bdf, attr);
	return read_text(c, rel, buf, len);
}

/* A decimal integer, all of s, in [lo, hi]. */
static bool parse_int(const char *s, long lo, long hi, long *v)
{
	char *end;

	if (!*s || strlen(s) > 11 || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	*v = strtol(s, &end, 10);
	return !errno && !*end && *v >= lo && *v <= hi;
}

/* Names separated by any of sep, each devattr_name_ok, at most max: the
 * count, or -1 when one is not a name, there are too many, or one comes
 * twice (the kernel lists each reset method once, a snapshot each module
 * once: a repeat is not their text). */
static int split_names(const char *s, const char *sep, char (*out)[DA_NAME_LEN], size_t max)
{
	size_t n = 0;

	for (s += strspn(s, sep); *s; s += strspn(s, sep)) {
		size_t l = strcspn(s, sep);

		if (!devattr_name_ok(s, l) || n == max)
			return -1;
		memcpy(out[n], s, l);
		out[n][l] = '\0';
		for (size_t k = 0; k < n; k++)
			if (!strcmp(out[k], out[n]))
				return -1;
		n++;
		s += l;
	}
	return (int)n;
}

/* --- reset methods ------------------------------------------------------ */

static void fill_reset(struct devattr_ctx *c, const struct dev *d, struct devattr *out)
{
	char buf[256];
	struct kver kv;
	int r = c->sr ? read_attr(c, d, "reset_method", buf, sizeof(buf)) : -ENOENT;

	if (r == 0) {
		int n = split_names(buf, " ", out->reset, DA_MAX_NAMES);

		if (n < 0) {
			out->bad |= DA_RESET;
			return;
		}
		out->nreset = (size_t)n;
		out->reset_src = DA_SRC_SYSFS;
		return;
	}
	if (r != -ENOENT) {
		out->bad |= DA_RESET;
		return;
	}
	/* since 5.15 the kernel hides reset_method from a function without
	 * any (pci_dev_reset_method_attr_is_visible): live, absent is none;
	 * a snapshot writes it empty then, so below a sysroot absent means
	 * not captured */
	if (c->sr && c->sr->live && kver_parse(c->m->kernel_release, &kv) &&
	    kver_cmp(kv, KV(5, 15)) >= 0) {
		out->reset_src = DA_SRC_SYSFS;
		return;
	}
	/* no reset_method (before 5.15, a dump): what config space offers, in
	 * the kernel's order (pci_reset_fn_methods[]); the kernel may add a
	 * device-specific, ACPI or bus reset that config space does not show */
	if ((d->cfg_regs & CFGREG_EXP) && (d->exp_devcap & 0x10000000)) /* PCI_EXP_DEVCAP_FLR */
		snprintf(out->reset[out->nreset++], DA_NAME_LEN, "flr");
	if ((d->cfg_regs & CFGREG_AF) && (d->af_cap & 0x03) == 0x03) /* PCI_AF_CAP_TP | _FLR */
		snprintf(out->reset[out->nreset++], DA_NAME_LEN, "af_flr");
	if ((d->cfg_regs & CFGREG_PM) && !(d->pm_ctrl & 0x0008)) /* PCI_PM_CTRL_NO_SOFT_RESET */
		snprintf(out->reset[out->nreset++], DA_NAME_LEN, "pm");
	if (out->nreset || (d->cfg_regs & CFGREG_CAPS))
		out->reset_src = DA_SRC_CONFIG;
}

/* --- slots -------------------------------------------------------------- */

struct slot_list {
	struct devattr_ctx *c;
	size_t n;
	bool overflow;
};

static int list_slot(void *ctx, const char *name, unsigned char type)
{
	struct slot_list *l = ctx;
	struct da_slot *s;

	(void)type;
	if (strlen(name) >= DA_NAME_LEN)
		return 0;
	if (l->n == DA_MAX_SLOTS) {
		l->overflow = true;
		return 1;
	}
	if (!l->c->slots) {
		l->c->slots = calloc(DA_MAX_SLOTS, sizeof(*l->c->slots));
		if (!l->c->slots)
			return -ENOMEM;
	}
	s = &l->c->slots[l->n++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	return strcmp(((const struct da_slot *)a)->name, ((const struct da_slot *)b)->name);
}

/* "dddd:bb:ss" (address_read_file): a placeholder slot ("dddd:bb", no
 * slot number) matches no function. */
static bool parse_slot_address(const char *s, struct da_slot *out)
{
	size_t nd = strspn(s, "0123456789abcdef");
	unsigned long dom;

	if (nd < 4 || nd > 8 || s[nd] != ':' || strspn(s + nd + 1, "0123456789abcdef") != 2 ||
	    s[nd + 3] != ':' || strspn(s + nd + 4, "0123456789abcdef") != 2 || s[nd + 6])
		return false;
	dom = strtoul(s, NULL, 16);
	out->domain = (uint32_t)dom;
	out->bus = (uint8_t)strtoul(s + nd + 1, NULL, 16);
	out->slot = (uint8_t)strtoul(s + nd + 4, NULL, 16);
	return out->slot < 32;
}

/* "dddd:bb": a slot without a number (PCI_SLOT_PLACEHOLDER) */
static bool slot_placeholder(const char *s)
{
	size_t nd = strspn(s, "0123456789abcdef");

	return nd >= 4 && nd <= 8 && s[nd] == ':' && strspn(s + nd + 1, "0123456789abcdef") == 2 &&
	       !s[nd + 3];
}

static int load_slots(struct devattr_ctx *c)
{
	struct slot_list l = { c, 0, false };
	size_t kept = 0;
	int r;

	c->slots_read = true;
	c->reads++;
	r = sr_listdir(c->sr, "sys/bus/pci/slots", list_slot, &l);
	if (r == -ENOMEM)
		return -ENOMEM;
	if (l.overflow)
		warn(c, "more than %d physical slots: the rest are not shown", DA_MAX_SLOTS);
	for (size_t k = 0; k < l.n; k++) {
		char rel[160], addr[64];
		struct da_slot s = c->slots[k];

		snprintf(rel, sizeof(rel), "sys/bus/pci/slots/%s/address", s.name);
		r = read_text(c, rel, addr, sizeof(addr));
		if (r == 0 && parse_slot_address(addr, &s))
			c->slots[kept++] = s;
		else if (r == 0 ? !slot_placeholder(addr) : r != -ENOENT)
			warn(c, "physical slot %s: address %s", s.name,
			     r ? "unreadable" : "malformed, ignored");
	}
	c->nslots = kept;
	if (kept)
		qsort(c->slots, c->nslots, sizeof(*c->slots), slot_cmp);
	return 0;
}

static int fill_slot(struct devattr_ctx *c, const struct dev *d, struct devattr *out)
{
	if (!c->sr)
		return 0;
	if (!c->slots_read && load_slots(c))
		return -ENOMEM;
	for (size_t k = 0; k < c->nslots; k++)
		if (c->slots[k].domain == d->domain && c->slots[k].bus == d->bus &&
		    c->slots[k].slot == DEVFN_SLOT(d->devfn)) {
			snprintf(out->slot, sizeof(out->slot), "%s", c->slots[k].name);
			break;
		}
	return 0;
}

/* --- link --------------------------------------------------------------- */

/* pcie_link_speed[] (drivers/pci/probe.c) by Link Status / Capabilities
 * speed code */
static const char *speed_of(unsigned code)
{
	static const char *const s[] = { NULL, "2.5GT/s", "5.0GT/s", "8.0GT/s", "16.0GT/s",
					 "32.0GT/s", "64.0GT/s" };

	return code < sizeof(s) / sizeof(s[0]) ? s[code] : NULL;
}

/* "8.0 GT/s PCIe" (pci_speed_string, since 5.6), "8 GT/s" (before it,
 * PCIE_SPEED2STR and current_link_speed_show's own table): "8.0GT/s" both,
 * as config space gives it (speed_of); "Unknown" (since 5.6), "Unknown
 * speed" (before): "". false when it is none of these. */
static bool parse_speed(const char *s, char *out, size_t len)
{
	size_t i = strspn(s, "0123456789"), f = 0;
	const char *rest;

	out[0] = '\0';
	if (!strcmp(s, "Unknown") || !strcmp(s, "Unknown speed"))
		return true;
	if (i == 0 || i > 3)
		return false;
	if (s[i] == '.' && (f = strspn(s + i + 1, "0123456789")) != 1)
		return false;
	rest = s + i + (f ? 1 + f : 0);
	if (strncmp(rest, " GT/s", 5) || (rest[5] && strcmp(rest + 5, " PCIe")))
		return false;
	snprintf(out, len, "%.*s%sGT/s", (int)(rest - s), s, f ? "" : ".0");
	return true;
}

static void link_from_config(const struct dev *d, struct da_link *l)
{
	const char *cur, *max = NULL;

	/* root complex integrated endpoints and event collectors have no
	 * link (pcie_cap_has_lnkctl) */
	if (!(d->cfg_regs & CFGREG_EXP) || d->pcie_type == PCIE_RC_END || d->pcie_type == PCIE_RC_EC)
		return;
	cur = speed_of(d->exp_lnksta & 0xf);
	/* the highest speed of the Supported Link Speeds vector, else Link
	 * Capabilities' (pcie_get_supported_speeds) */
	for (unsigned b = 6; b >= 1 && !max; b--)
		if (d->exp_lnkcap2 & (1u << b))
			max = speed_of(b);
	if (!max)
		max = speed_of(d->exp_lnkcap & 0xf);
	snprintf(l->speed, sizeof(l->speed), "%s", cur ? cur : "");
	snprintf(l->max_speed, sizeof(l->max_speed), "%s", max ? max : "");
	l->width = (d->exp_lnksta >> 4) & 0x3f;
	l->max_width = (int)((d->exp_lnkcap >> 4) & 0x3f);
	l->src = DA_SRC_CONFIG;
}

static void fill_link(struct devattr_ctx *c, const struct dev *d, struct devattr *out)
{
	static const char *const files[] = { "current_link_speed", "current_link_width",
					     "max_link_speed", "max_link_width" };
	struct da_link *l = &out->link;
	char buf[4][64];
	long w;
	int r = 0;

	l->width = l->max_width = -1;
	for (size_t k = 0; k < 4 && !r; k++)
		r = c->sr ? read_attr(c, d, files[k], buf[k], sizeof(buf[k])) : -ENOENT;
	if (r == -ENOENT) {
		link_from_config(d, l);
		return;
	}
	if (r || !parse_speed(buf[0], l->speed, sizeof(l->speed)) ||
	    !parse_speed(buf[2], l->max_speed, sizeof(l->max_speed))) {
		out->bad |= DA_LINK;
		return;
	}
	if (!parse_int(buf[1], 0, 255, &w)) {
		out->bad |= DA_LINK;
		return;
	}
	l->width = (int)w;
	if (!parse_int(buf[3], 0, 255, &w)) {
		out->bad |= DA_LINK;
		return;
	}
	l->max_width = (int)w;
	l->src = DA_SRC_SYSFS;
}

void devattr_link_text(const struct devattr *a, char *buf, size_t len)
{
	const struct da_link *l = &a->link;
	char cur[48], max[48];

	if (a->bad & DA_LINK) {
		snprintf(buf, len, "?");
		return;
	}
	if (l->src == DA_SRC_NONE) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(cur, sizeof(cur), "%s x%d", l->speed[0] ? l->speed : "?", l->width);
	snprintf(max, sizeof(max), "%s x%d", l->max_speed[0] ? l->max_speed : "?", l->max_width);
	/* a maximum the registers do not give (QEMU's XIO3130 ports) is left out */
	if (!strcmp(cur, max) || (!l->max_speed[0] && l->max_width <= 0))
		snprintf(buf, len, "%s", cur);
	else
		snprintf(buf, len, "%s (max %s)", cur, max);
}

/* --- modules ------------------------------------------------------------ */

int devattr_load_aliases(struct devattr_ctx *c, char *text, size_t len)
{
	size_t cap = 0;

	free(c->alias_text);
	free(c->aliases);
	c->alias_text = text;
	c->aliases = NULL;
	c->naliases = 0;
	/* at most one alias a line */
	for (size_t k = 0; k < len; k++)
		cap += text[k] == '\n';
	c->aliases = calloc(cap + 1, sizeof(*c->aliases));
	if (!c->aliases)
		return -ENOMEM;
	for (char *p = text, *end = text + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *f[3];
		size_t nf = 0;

		if (!nl)
			nl = end; /* the last line, unterminated: cut below */
		*nl = '\0';
		/* "alias PATTERN MODULE": three fields, pci: patterns only */
		for (char *q = p; nf < 3 && q < nl;) {
			q += strspn(q, " \t");
			if (!*q)
				break;
			f[nf++] = q;
			q += strcspn(q, " \t");
			if (*q)
				*q++ = '\0';
		}
		if (nf == 3 && !strcmp(f[0], "alias") && !strncmp(f[1], "pci:", 4) &&
		    devattr_name_ok(f[2], strlen(f[2]))) {
			c->aliases[c->naliases].pattern = f[1];
			c->aliases[c->naliases++].module = f[2];
		}
		p = nl + 1;
	}
	return 0;
}

size_t devattr_match_aliases(struct devattr_ctx *c, const char *modalias,
			     char (*names)[DA_NAME_LEN], size_t max)
{
	size_t n = 0;

	for (size_t k = 0; k < c->naliases && n < max; k++) {
		bool dup = false;

		if (fnmatch(c->aliases[k].pattern, modalias, 0))
			continue;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(names[j], c->aliases[k].module);
		if (!dup)
			snprintf(names[n++], DA_NAME_LEN, "%s", c->aliases[k].module);
	}
	return n;
}

/* modules.alias of the running kernel, once; false when unavailable (said
 * once as a warning). */
static int load_aliases(struct devattr_ctx *c, bool *ok)
{
	const char *rel_name = c->release ? c->release : "";
	char rel[256], *text;
	off_t size = 0;
	size_t got = 0;
	int fd;

	c->alias_read = true;
	*ok = false;
	if (!*rel_name || strchr(rel_name, '/') || rel_name[0] == '.') {
		warn(c, "the kernel release is unknown: no modules.alias; MODULES unknown");
		return 0;
	}
	snprintf(rel, sizeof(rel), "lib/modules/%s/modules.alias", rel_name);
	c->reads++;
	fd = sr_open_file(c->sr, rel, &size);
	if (fd < 0 || size <= 0 || (unsigned long long)size > DA_MAX_ALIAS_BYTES) {
		if (fd >= 0)
			sr_close_file(fd);
		warn(c, "cannot read /%s: %s; MODULES unknown", rel,
		     fd < 0 ? sr_strerror(fd) : size <= 0 ? "empty" : "larger than 64 MiB");
		return 0;
	}
	text = malloc((size_t)size + 1);
	if (!text) {
		sr_close_file(fd);
		return -ENOMEM;
	}
	while (got < (size_t)size) {
		ssize_t r = sr_pread(fd, text + got, (size_t)size - got, (off_t)got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	sr_close_file(fd);
	text[got] = '\0';
	if (devattr_load_aliases(c, text, got))
		return -ENOMEM;
	*ok = true;
	return 0;
}

static int fill_modules(struct devattr_ctx *c, const struct dev *d, struct devattr *out)
{
	char buf[1024];
	int r;

	if (!c->sr)
		return 0;
	if (!c->sr->live) {
		/* a snapshot's list, made on its live system */
		int n;

		r = read_attr(c, d, "modules", buf, sizeof(buf));
		if (r == -ENOENT)
			return 0;
		n = r ? -1 : split_names(buf, ", \n", out->modules, DA_MAX_NAMES);
		if (n < 0) {
			out->bad |= DA_MODULES;
			return 0;
		}
		out->nmodules = (size_t)n;
		out->modules_src = DA_SRC_SNAPSHOT;
		return 0;
	}
	r = read_attr(c, d, "modalias", buf, 256);
	if (r == -ENOENT)
		return 0;
	r = r ? -EINVAL : devattr_modules_of(c, buf, out->modules, DA_MAX_NAMES);
	if (r == -2)
		return -ENOMEM;
	if (r == -EINVAL || r == -3)
		out->bad |= DA_MODULES;
	if (r >= 0) {
		out->nmodules = (size_t)r;
		out->modules_src = DA_SRC_ALIAS;
	}
	return 0;
}

int devattr_modules_of(struct devattr_ctx *c, const char *modalias, char (*names)[DA_NAME_LEN],
		       size_t max)
{
	if (!c->alias_read) {
		bool ok;

		if (load_aliases(c, &ok))
			return -2;
		if (!ok) {
			c->naliases = 0;
			free(c->aliases);
			c->aliases = NULL;
		}
	}
	if (!c->aliases)
		return -1;
	/* what the kernel writes: "pci:v...", printable, no spaces */
	for (const char *p = modalias; *p; p++)
		if (*p <= ' ' || *p > '~')
			return -3;
	if (strncmp(modalias, "pci:", 4))
		return -3;
	return (int)devattr_match_aliases(c, modalias, names, max);
}

/* --- the one entry ------------------------------------------------------ */

int devattr_fill(struct devattr_ctx *c, int i, unsigned want, struct devattr *out)
{
	const struct dev *d = &c->m->devs[i];
	char buf[64];
	long v;
	int r;

	memset(out, 0, sizeof(*out));
	out->boot_vga = out->numa = -1;
	out->link.width = out->link.max_width = -1;
	out->known = want & DA_ALL;
	if (want & DA_RESET)
		fill_reset(c, d, out);
	if (want & DA_BOOTVGA) {
		r = c->sr ? read_attr(c, d, "boot_vga", buf, sizeof(buf)) : -ENOENT;
		if (r == 0 && (!strcmp(buf, "0") || !strcmp(buf, "1")))
			out->boot_vga = buf[0] == '1';
		else if (r != -ENOENT)
			out->bad |= DA_BOOTVGA;
	}
	if (want & DA_NUMA) {
		r = c->sr ? read_attr(c, d, "numa_node", buf, sizeof(buf)) : -ENOENT;
		if (r == 0 && parse_int(buf, -1, 65535, &v))
			out->numa = (int)v;
		else if (r != -ENOENT)
			out->bad |= DA_NUMA;
	}
	if ((want & DA_SLOT) && fill_slot(c, d, out))
		return -ENOMEM;
	if (want & DA_LINK)
		fill_link(c, d, out);
	if ((want & DA_MODULES) && fill_modules(c, d, out))
		return -ENOMEM;
	return 0;
}
