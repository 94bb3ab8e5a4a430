// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_table.c - `list` as lsblk does it: chosen columns (-o), one line
 * per function with its group on every line (--list, for grep), the PCI
 * tree with each function's group beside it (--tree, as lspci -tv), the
 * filters (--group, --device, --class) and a group's vendor:device list
 * (--ids, what vfio-pci.ids= takes). Reads the analysis only; every string
 * from outside goes into a cell through safe_cell().
 */
#include <json-c/json.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devattr.h"
#include "render.h"
#include "safe.h"

#define CELL SAFE_TERM_SIZE(256)

struct col {
	const char *name;
	const char *help;
	double whint;
	int flags;
	void (*fill)(const struct analysis *a, int i, char *buf, size_t len);
	unsigned attr; /* DA_*: filled through devattr (fill_attr), 0: from the model */
};

/* What the cells of one table are made from (render_list_table, per
 * call: no file statics): the analysis, and the devattr context through
 * which the attribute columns' cells are read, lazily. */
struct cell_src {
	const struct analysis *a;
	struct devattr_ctx *attrs;
};

/* A function's group as users name it: the kernel's number, or "pN" for
 * the group the kernel would make (never the same spelling, so the two
 * numberings cannot be confused). */
static void group_name(const struct analysis *a, int i, char *buf, size_t len)
{
	const struct dev *d = &a->m.devs[i];

	if (d->kernel_group != NO_GROUP)
		snprintf(buf, len, "%d", d->kernel_group);
	else if (a->m.nkgroups)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "p%d", a->g.isolation_groups[a->g.isolation_of[i]].id);
}

static void f_bdf(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "%s", a->m.devs[i].bdf);
}

static void f_group(const struct analysis *a, int i, char *b, size_t l)
{
	group_name(a, i, b, l);
}

static void f_iso(const struct analysis *a, int i, char *b, size_t l)
{
	const struct set *s = &a->g.isolation_groups[a->g.isolation_of[i]];

	snprintf(b, l, "p%d%s", s->id, s->certain ? "" : "?");
}

static void f_alias(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "a%d", a->g.alias_sets[a->g.alias_of[i]].id);
}

static void f_class(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "%04x", a->m.devs[i].class >> 8);
}

static void f_classname(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	safe_cell(b, l, d->class_name && *d->class_name ? d->class_name : "");
}

static void f_vendor(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	safe_cell(b, l, d->vendor_name ? d->vendor_name : "");
}

static void f_device(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	safe_cell(b, l, d->device_name ? d->device_name : "");
}

static void f_ids(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "%04x:%04x", a->m.devs[i].vendor, a->m.devs[i].device);
}

static void f_subsys(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	if (d->is_bridge || (!d->subvendor && !d->subdevice))
		snprintf(b, l, "-");
	else
		snprintf(b, l, "%04x:%04x", d->subvendor, d->subdevice);
}

static void f_rev(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "%02x", a->m.devs[i].revision);
}

static void f_driver(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	safe_cell(b, l, d->driver ? d->driver : "-");
}

static void f_type(const struct analysis *a, int i, char *b, size_t l)
{
	snprintf(b, l, "%s", pcie_type_name(a->m.devs[i].pcie_type));
}

/* The ACS controls a port has on, of those the kernel asks for. */
static void f_acs(const struct analysis *a, int i, char *b, size_t l)
{
	static const struct { unsigned bit; const char *name; } bits[] = {
		{ ACS_SV, "SV" }, { ACS_RR, "RR" }, { ACS_CR, "CR" }, { ACS_UF, "UF" },
		{ ACS_TB, "TB" }, { ACS_EC, "EC" }, { ACS_DT, "DT" },
	};
	const struct dev *d = &a->m.devs[i];
	size_t n = 0;

	if (d->acs == ACS_ABSENT) {
		snprintf(b, l, "-");
		return;
	}
	if (d->acs == ACS_UNKNOWN) {
		snprintf(b, l, "?");
		return;
	}
	b[0] = '\0';
	for (size_t k = 0; k < sizeof(bits) / sizeof(bits[0]) && n < l; k++)
		if (d->acs_ctrl & bits[k].bit)
			n += (size_t)snprintf(b + n, l - n, "%s%s", n ? "," : "", bits[k].name);
	if (!n)
		snprintf(b, l, "off");
}

static void f_vf(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];

	if (d->is_vf)
		snprintf(b, l, "VF of %s", d->physfn != NO_DEV ? a->m.devs[d->physfn].bdf : "?");
	else if (d->sriov_totalvfs)
		snprintf(b, l, "PF %u/%u", d->sriov_numvfs, d->sriov_totalvfs);
	else
		snprintf(b, l, "-");
}

static void f_desc(const struct analysis *a, int i, char *b, size_t l)
{
	const struct dev *d = &a->m.devs[i];
	char cls[CELL], ven[CELL], dev[CELL];

	safe_cell(cls, sizeof(cls), d->class_name && *d->class_name ? d->class_name : "Class");
	safe_cell(ven, sizeof(ven), d->vendor_name && *d->vendor_name ? d->vendor_name : "Device");
	safe_cell(dev, sizeof(dev), d->device_name ? d->device_name : "");
	if (snprintf(b, l, "%s: %s%s%s", cls, ven, *dev ? " " : "", dev) >= (int)l)
		safe_trim(b);
}

/* A list of names joined by commas (each through safe_cell). */
static void join_names(const char (*names)[DA_NAME_LEN], size_t n, char *b, size_t l)
{
	size_t u = 0;

	b[0] = '\0';
	for (size_t k = 0; k < n && u + 1 < l; k++) {
		char cell[SAFE_TERM_SIZE(DA_NAME_LEN)];

		safe_cell(cell, sizeof(cell), names[k]);
		u += (size_t)snprintf(b + u, l - u, "%s%s", k ? "," : "", cell);
	}
	if (u >= l)
		safe_trim(b);
}

void render_devattr_cell(const struct devattr *x, unsigned attr, char *b, size_t l)
{
	if (x->bad & attr) {
		snprintf(b, l, "?");
		return;
	}
	switch (attr) {
	case DA_MODULES:
		if (x->modules_src == DA_SRC_NONE || !x->nmodules)
			snprintf(b, l, "-");
		else
			join_names(x->modules, x->nmodules, b, l);
		break;
	case DA_RESET:
		if (x->reset_src == DA_SRC_NONE) {
			snprintf(b, l, "-");
		} else if (!x->nreset) {
			/* the kernel lists none; config space showing none is no
			 * proof (a bus or device-specific reset is not in it) */
			snprintf(b, l, "%s", x->reset_src == DA_SRC_SYSFS ? "none" : "-");
		} else {
			size_t u;

			join_names(x->reset, x->nreset, b, l);
			u = strlen(b);
			if (x->reset_src == DA_SRC_CONFIG)
				snprintf(b + u, l - u, " (config)");
		}
		break;
	case DA_BOOTVGA:
		snprintf(b, l, "%s", x->boot_vga < 0 ? "-" : x->boot_vga ? "1" : "0");
		break;
	case DA_SLOT:
		safe_cell(b, l, x->slot[0] ? x->slot : "-");
		break;
	case DA_NUMA:
		if (x->numa < 0)
			snprintf(b, l, "-");
		else
			snprintf(b, l, "%d", x->numa);
		break;
	case DA_LINK:
		devattr_link_text(x, b, l);
		break;
	default:
		snprintf(b, l, "?");
	}
}

static json_object *names_json(const char (*names)[DA_NAME_LEN], size_t n)
{
	json_object *arr = json_object_new_array();

	for (size_t k = 0; k < n; k++)
		json_object_array_add(arr, json_object_new_string(names[k]));
	return arr;
}

static json_object *source_json(enum da_source s)
{
	static const char *const names[] = { NULL, "sysfs", "config", "snapshot", "modules.alias" };

	return s > DA_SRC_NONE && s <= DA_SRC_ALIAS ? json_object_new_string(names[s]) : NULL;
}

static json_object *speed_json(const char *s)
{
	return *s ? json_object_new_string(s) : NULL;
}

/* null wherever the value is unknown, absent or malformed */
void render_devattr_json(json_object *o, const struct devattr *x, unsigned want)
{
	unsigned ok = ~x->bad;

	if (want & DA_MODULES)
		json_object_object_add(o, "modules", (ok & DA_MODULES) && x->modules_src != DA_SRC_NONE
							     ? names_json(x->modules, x->nmodules)
							     : NULL);
	if (want & DA_RESET) {
		bool known = (ok & DA_RESET) && x->reset_src != DA_SRC_NONE;

		json_object_object_add(o, "reset_methods",
				       known ? names_json(x->reset, x->nreset) : NULL);
		json_object_object_add(o, "reset_source", known ? source_json(x->reset_src) : NULL);
	}
	if (want & DA_BOOTVGA)
		json_object_object_add(o, "boot_vga", (ok & DA_BOOTVGA) && x->boot_vga >= 0
							      ? json_object_new_boolean(x->boot_vga)
							      : NULL);
	if (want & DA_SLOT)
		json_object_object_add(o, "slot", x->slot[0] ? json_object_new_string(x->slot) : NULL);
	if (want & DA_NUMA)
		json_object_object_add(o, "numa_node", (ok & DA_NUMA) && x->numa >= 0
							       ? json_object_new_int(x->numa)
							       : NULL);
	if (want & DA_LINK) {
		json_object *l = NULL;

		if ((ok & DA_LINK) && x->link.src != DA_SRC_NONE) {
			l = json_object_new_object();
			json_object_object_add(l, "speed", speed_json(x->link.speed));
			json_object_object_add(l, "width", json_object_new_int(x->link.width));
			json_object_object_add(l, "max_speed", speed_json(x->link.max_speed));
			json_object_object_add(l, "max_width", json_object_new_int(x->link.max_width));
			json_object_object_add(l, "source", source_json(x->link.src));
		}
		json_object_object_add(o, "link", l);
	}
}

static void fill_attr(const struct cell_src *src, int i, unsigned attr, char *b, size_t l)
{
	struct devattr x;

	if (!src->attrs || devattr_fill(src->attrs, i, attr, &x)) {
		snprintf(b, l, "?");
		return;
	}
	render_devattr_cell(&x, attr, b, l);
}

static const struct col cols[] = {
	{ "BDF", "PCI address (domain:bus:slot.function)", 12, 0, f_bdf, 0 },
	{ "GROUP", "kernel IOMMU group (pN: the group the kernel would make)", 5, SCOLS_FL_RIGHT,
	  f_group, 0 },
	{ "ISO", "computed isolation group (? uncertain)", 5, SCOLS_FL_RIGHT, f_iso, 0 },
	{ "ALIAS", "computed alias set (functions sharing a requester ID)", 5, SCOLS_FL_RIGHT,
	  f_alias, 0 },
	{ "CLASS", "class code", 4, 0, f_class, 0 },
	{ "CLASSNAME", "class name", 0.2, SCOLS_FL_TRUNC, f_classname, 0 },
	{ "VENDOR", "vendor name", 0.2, SCOLS_FL_TRUNC, f_vendor, 0 },
	{ "DEVICE", "device name", 0.3, SCOLS_FL_TRUNC, f_device, 0 },
	{ "IDS", "vendor:device ids (as vfio-pci.ids= takes them)", 9, 0, f_ids, 0 },
	{ "SUBSYS", "subsystem vendor:device", 9, 0, f_subsys, 0 },
	{ "REV", "revision", 3, 0, f_rev, 0 },
	{ "DRIVER", "bound driver", 8, 0, f_driver, 0 },
	{ "TYPE", "PCI Express type", 10, 0, f_type, 0 },
	{ "ACS", "ACS controls on (- no ACS, ? unreadable)", 8, 0, f_acs, 0 },
	{ "VF", "SR-IOV: VF of its PF, or PF enabled/total VFs", 8, 0, f_vf, 0 },
	{ "DESCRIPTION", "class, vendor and device names", 0.5, SCOLS_FL_TRUNC, f_desc, 0 },
	{ "MODULES", "candidate kernel modules (modules.alias; live, or as a snapshot captured them)",
	  10, 0, NULL, DA_MODULES },
	{ "RESET", "reset methods (reset_method; \"(config)\": from config space)", 8, 0, NULL,
	  DA_RESET },
	{ "BOOTVGA", "the firmware's boot VGA device (1, 0; - not VGA)", 1, SCOLS_FL_RIGHT, NULL,
	  DA_BOOTVGA },
	{ "SLOT", "physical slot name (sys/bus/pci/slots)", 4, 0, NULL, DA_SLOT },
	{ "NUMA", "NUMA node", 2, SCOLS_FL_RIGHT, NULL, DA_NUMA },
	{ "LINK", "PCI Express link: speed and width (the maximum when lower)", 10, 0, NULL, DA_LINK },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

void render_table_columns_help(FILE *out)
{
	for (size_t k = 0; k < NCOLS; k++)
		fprintf(out, "%12s  %s\n", cols[k].name, cols[k].help);
}

void render_table_column_names(FILE *out)
{
	for (size_t k = 0; k < NCOLS; k++)
		fprintf(out, "%s\n", cols[k].name);
}

unsigned render_table_attrs(const int *ids, size_t n)
{
	unsigned want = 0;

	for (size_t k = 0; k < n; k++)
		want |= cols[ids[k]].attr;
	return want;
}

int render_table_parse_columns(const char *spec, int *ids, size_t max, size_t *n, char *err,
			       size_t errlen)
{
	const char *p = spec;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		size_t k;

		for (k = 0; k < NCOLS; k++)
			if (strlen(cols[k].name) == len && !strncasecmp(cols[k].name, p, len))
				break;
		if (k == NCOLS || len == 0) {
			snprintf(err, errlen, "unknown column '%.*s' (-o help lists them)",
				 (int)(len > 64 ? 64 : len), p);
			return -1;
		}
		if (*n == max) {
			snprintf(err, errlen, "too many columns (at most %zu)", max);
			return -1;
		}
		ids[(*n)++] = (int)k;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*n) {
		snprintf(err, errlen, "no columns given");
		return -1;
	}
	return 0;
}

/* --class NAME: a name users say, or a hex base class / class code. */
static const struct {
	const char *name;
	unsigned base, sub; /* sub 0x100: any */
} class_names[] = {
	{ "storage", 0x01, 0x100 }, { "net", 0x02, 0x100 },	{ "network", 0x02, 0x100 },
	{ "gpu", 0x03, 0x100 },	    { "display", 0x03, 0x100 }, { "vga", 0x03, 0x00 },
	{ "multimedia", 0x04, 0x100 }, { "audio", 0x04, 0x03 }, { "memory", 0x05, 0x100 },
	{ "bridge", 0x06, 0x100 },  { "serial", 0x07, 0x100 },	{ "system", 0x08, 0x100 },
	{ "iommu", 0x08, 0x06 },    { "input", 0x09, 0x100 },	{ "usb", 0x0c, 0x03 },
	{ "smbus", 0x0c, 0x05 },    { "thunderbolt", 0x0c, 0x0a }, { "wireless", 0x0d, 0x100 },
	{ "crypto", 0x10, 0x100 },  { "accelerator", 0x12, 0x100 },
};

int render_class_parse(const char *s, unsigned *base, unsigned *sub)
{
	char *end;
	unsigned long v;

	for (size_t k = 0; k < sizeof(class_names) / sizeof(class_names[0]); k++)
		if (!strcasecmp(s, class_names[k].name)) {
			*base = class_names[k].base;
			*sub = class_names[k].sub;
			return 0;
		}
	if ((strlen(s) == 2 || strlen(s) == 4) && strspn(s, "0123456789abcdefABCDEF") == strlen(s)) {
		v = strtoul(s, &end, 16);
		*base = strlen(s) == 2 ? (unsigned)v : (unsigned)(v >> 8);
		*sub = strlen(s) == 2 ? 0x100 : (unsigned)(v & 0xff);
		return 0;
	}
	return -1;
}

void render_class_list(FILE *out)
{
	for (size_t k = 0; k < sizeof(class_names) / sizeof(class_names[0]); k++)
		fprintf(out, "%s\n", class_names[k].name);
}

const char *render_class_names(void)
{
	return "storage, net, gpu, display, vga, multimedia, audio, memory, bridge, serial, system, "
	       "iommu, input, usb, smbus, thunderbolt, wireless, crypto, accelerator, or a hex "
	       "class (03, 0c03)";
}

/* Which functions a filter keeps: those of the groups (kernel group, or
 * the predicted one where a function has none) that --group or --device
 * names, of the class --class names. */
int render_filter(const struct analysis *a, const struct list_filter *f, bool *show, char *err,
		  size_t errlen)
{
	const struct sysmodel *m = &a->m;
	char want[24] = "";
	size_t kept = 0;

	if (f->device) {
		int i = analysis_find_arg(a, f->device, err, errlen, &(bool){ false });

		if (i == NO_DEV)
			return -1;
		group_name(a, i, want, sizeof(want));
		if (!strcmp(want, "-"))
			snprintf(want, sizeof(want), "none");
	} else if (f->group) {
		snprintf(want, sizeof(want), "%s", f->group);
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];
		char g[24];

		show[i] = true;
		if (want[0]) {
			group_name(a, (int)i, g, sizeof(g));
			if (!strcmp(want, "none"))
				show[i] = d->kernel_group == NO_GROUP && m->nkgroups;
			else
				show[i] = !strcmp(g, want);
		}
		if (show[i] && f->has_class)
			show[i] = (d->class >> 16) == f->class_base &&
				  (f->class_sub == 0x100 || ((d->class >> 8) & 0xff) == f->class_sub);
		kept += show[i];
	}
	if (!kept && want[0] && !f->has_class) {
		snprintf(err, errlen, "no group %s%s", want,
			 m->nkgroups ? "" : " (the IOMMU is off: predicted groups are named pN)");
		return -1;
	}
	return 0;
}

/* --ids: the vendor:device pairs of the endpoints kept, once each, as
 * vfio-pci.ids= takes them; a pair that another function outside the
 * selection has too is warned about (vfio-pci would take that one as well). */
int render_ids(const struct analysis *a, const bool *show, FILE *out, FILE *warn)
{
	const struct sysmodel *m = &a->m;
	size_t printed = 0;

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];
		bool seen = false;

		if (!show[i] || d->is_bridge)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = show[j] && !m->devs[j].is_bridge && m->devs[j].vendor == d->vendor &&
			       m->devs[j].device == d->device;
		if (seen)
			continue;
		fprintf(out, "%s%04x:%04x", printed++ ? "," : "", d->vendor, d->device);
		for (size_t j = 0; j < m->ndevs; j++) {
			char g[24];

			if (show[j] || m->devs[j].vendor != d->vendor || m->devs[j].device != d->device)
				continue;
			group_name(a, (int)j, g, sizeof(g));
			fprintf(warn,
				"iommu-groups: warning: %04x:%04x is also %s (group %s): vfio-pci.ids= "
				"would take it too; bind by address instead (driverctl, "
				"driver_override: see `config`)\n",
				d->vendor, d->device, m->devs[j].bdf, g);
		}
	}
	if (!printed) {
		fprintf(warn, "iommu-groups: no endpoint in the selection (bridges are never bound to "
			      "vfio-pci)\n");
		return 1;
	}
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

/* The widest cell of each column that is never cut (all but the names),
 * and of the tree column: what the table needs at least (min_width). */
struct widths {
	size_t col[33]; /* [0]: the tree column, [1 + k]: column k */
};

static void note_width(struct widths *w, size_t slot, const char *cell)
{
	size_t c = text_cols(cell, true);

	if (c > w->col[slot])
		w->col[slot] = c;
}

static int set_cells(struct libscols_line *ln, const struct cell_src *src, int i, const int *ids,
		     size_t n, size_t first, struct widths *w)
{
	const struct analysis *a = src->a;
	char buf[4 * CELL];

	for (size_t k = 0; k < n; k++) {
		if (cols[ids[k]].attr)
			fill_attr(src, i, cols[ids[k]].attr, buf, sizeof(buf));
		else
			cols[ids[k]].fill(a, i, buf, sizeof(buf));
		if (!(cols[ids[k]].flags & SCOLS_FL_TRUNC))
			note_width(w, 1 + k, buf);
		if (scols_line_set_data(ln, first + k, buf))
			return -1;
		/* the group cells say (--color) when the computation differs from
		 * the kernel's group, or is uncertain */
		if (cols[ids[k]].fill == f_group || cols[ids[k]].fill == f_iso) {
			const struct set *s = &a->g.isolation_groups[a->g.isolation_of[i]];
			bool differs = a->m.nkgroups && !s->matches_kernel && s->translated;

			if ((differs || !s->certain) &&
			    scols_cell_set_color(scols_line_get_cell(ln, first + k),
						 differs ? SGR_DIFFERS : SGR_UNCERTAIN))
				return -1;
		}
	}
	return 0;
}

/* Columns the table needs so that libsmartcols cuts only names: the
 * columns never cut at their widest, two for each name column, one
 * between columns. */
static size_t min_width(const struct widths *w, const int *ids, size_t n, bool tree)
{
	size_t sum = tree ? w->col[0] + 1 : 0;

	for (size_t k = 0; k < n; k++) {
		size_t title = strlen(cols[ids[k]].name);

		if (cols[ids[k]].flags & SCOLS_FL_TRUNC)
			sum += 2 + 1;
		else
			sum += (w->col[1 + k] > title ? w->col[1 + k] : title) + 1;
	}
	return sum - 1;
}

/* --tree: a function's line goes below its bridge; shown ancestors of a
 * kept function are shown too (the path to it). */
static int tree_lines(struct libscols_table *tb, const struct cell_src *src, const bool *show,
		      const int *ids, size_t n, struct widths *w)
{
	const struct sysmodel *m = &src->a->m;
	struct libscols_line **line = calloc(m->ndevs ? m->ndevs : 1, sizeof(*line));
	bool *on = calloc(m->ndevs ? m->ndevs : 1, sizeof(*on));
	size_t *depth = calloc(m->ndevs ? m->ndevs : 1, sizeof(*depth));
	struct libscols_line *root = NULL;
	uint32_t root_dom = 0;
	int root_bus = -1, rc = -1;

	if (!line || !on || !depth)
		goto out;
	note_width(w, 0, "DEVICE");
	/* a kept function brings its ancestors; parents are bounded by the
	 * loader (loops cut), and by ndevs steps here as well */
	for (size_t i = 0; i < m->ndevs; i++) {
		size_t steps = 0;

		if (!show[i])
			continue;
		for (int p = (int)i; p != NO_DEV && !on[p] && steps++ <= m->ndevs; p = m->devs[p].parent)
			on[p] = true;
	}
	/* A bridge may sit after what is below it in location order (its
	 * secondary bus can be numbered lower): add lines whose parent has
	 * one, pass after pass; each pass adds at least one or stops. */
	for (bool progress = true; progress;) {
		progress = false;
		for (size_t i = 0; i < m->ndevs; i++) {
			const struct dev *d = &m->devs[i];
			struct libscols_line *parent;

			if (!on[i] || line[i] || (d->parent != NO_DEV && !line[d->parent]))
				continue;
			if (d->parent != NO_DEV) {
				parent = line[d->parent];
			} else {
				if (!root || root_dom != d->domain || root_bus != d->bus) {
					char name[32];

					root = scols_table_new_line(tb, NULL);
					snprintf(name, sizeof(name), "[%04x:%02x]", d->domain, d->bus);
					if (!root || scols_line_set_data(root, 0, name))
						goto out;
					note_width(w, 0, name);
					root_dom = d->domain;
					root_bus = d->bus;
				}
				parent = root;
			}
			line[i] = scols_table_new_line(tb, parent);
			/* the tree draws two columns a level ("|-") */
			depth[i] = d->parent != NO_DEV ? depth[d->parent] + 1 : 1;
			if (2 * depth[i] + strlen(d->bdf) > w->col[0])
				w->col[0] = 2 * depth[i] + strlen(d->bdf);
			if (!line[i] || scols_line_set_data(line[i], 0, d->bdf) ||
			    set_cells(line[i], src, (int)i, ids, n, 1, w))
				goto out;
			progress = true;
		}
	}
	rc = 0;
out:
	free(line);
	free(on);
	free(depth);
	return rc;
}

int render_list_table(const struct analysis *a, const struct table_opts *o, const bool *show,
		      FILE *out)
{
	static const int flat_default[] = { 1, 0, 11, 8, 15 };  /* GROUP BDF DRIVER IDS DESCRIPTION */
	static const int tree_default[] = { 1, 11, 8, 15 };	/* (tree) GROUP DRIVER IDS DESC */
	struct libscols_table *tb = scols_new_table();
	const int *ids = o->ncols ? o->cols : o->tree ? tree_default : flat_default;
	int width = render_term_width(o->width, out);
	struct widths w = { { 0 } };
	size_t n = o->ncols ? o->ncols : o->tree ? 4 : 5;
	int rc = -1;
	struct devattr_ctx x;
	const struct cell_src src = { a, &x };

	if (!tb)
		return -1;
	/* attribute columns read sysfs (never a dump's host) as their cells
	 * are made */
	devattr_init(&x, a->from_dump ? NULL : &a->sr, &a->m);
	scols_table_set_stream(tb, out);
	scols_table_enable_colors(tb, o->color);
	scols_table_enable_nowrap(tb, 1);
	if (o->tree && !scols_table_new_column(tb, "DEVICE", 12, SCOLS_FL_TREE))
		goto out;
	for (size_t k = 0; k < n; k++)
		if (!scols_table_new_column(tb, cols[ids[k]].name, cols[ids[k]].whint, cols[ids[k]].flags))
			goto out;
	if (o->tree) {
		if (tree_lines(tb, &src, show, ids, n, &w))
			goto out;
	} else {
		for (size_t i = 0; i < a->m.ndevs; i++) {
			struct libscols_line *ln;

			if (!show[i])
				continue;
			ln = scols_table_new_line(tb, NULL);
			if (!ln || set_cells(ln, &src, (int)i, ids, n, 0, &w))
				goto out;
		}
	}
	/* Too narrow for the columns never cut, libsmartcols would drop the
	 * last columns (nowrap): the ids among them. Wider then, as lspci. */
	if (width > 0) {
		size_t need = min_width(&w, ids, n, o->tree);

		scols_table_set_termforce(tb, SCOLS_TERMFORCE_ALWAYS);
		scols_table_set_termwidth(tb, need > (size_t)width ? need : (size_t)width);
	}
	if (scols_print_table(tb))
		goto out;
	rc = ferror(out) ? -1 : 0;
out:
	render_devattr_warn(&x);
	devattr_free(&x);
	scols_unref_table(tb);
	return rc;
}

void render_devattr_warn(const struct devattr_ctx *x)
{
	char w[SAFE_TERM_SIZE(sizeof(x->warning))];

	if (!x->nwarnings)
		return;
	safe_term(w, sizeof(w), x->warning);
	fprintf(stderr, "iommu-groups: warning: %s%s\n", w,
		x->nwarnings > 1 ? " (and more of the kind)" : "");
}
