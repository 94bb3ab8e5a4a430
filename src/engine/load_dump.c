// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * load_dump.c - `lspci -x...` dumps into the device model (load_dump.h).
 *
 * A dump is pasted by people and read by root: every field is checked
 * before it is used. Offsets and bytes are parsed by hand (hex digits only,
 * fixed widths), so no sign, blank or overflow can slip through strtoul();
 * rows are stored only in ascending, gapless order, so a config buffer
 * never holds a byte that was not in the dump; the bus tree is checked for
 * overlapping bridge ranges and bus numbers that cannot form a tree.
 */
#define _GNU_SOURCE
#include "load_dump.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "lspci_text.h"
#include "names.h"

enum {
	ROW = 16,
	CFG_MAX = 4096,
	NROWS = CFG_MAX / ROW,
	MAX_LINE = 65536, /* the longest lspci line is well below 1 KiB */
};

/* The function being read: its rows, then its place in the dump. */
struct cur {
	struct dev d;
	uint8_t cfg[CFG_MAX];
	uint8_t seen[NROWS]; /* rows present in the dump */
	unsigned next_row;   /* rows 0..next_row-1 are stored */
	unsigned rows_after; /* rows read so far: the next must be at or above */
	bool gap;            /* a row was missing: later rows not used */
	bool open;
	size_t indent;       /* of the header line: -vv detail lines are deeper */
	unsigned long line;  /* of the header line */
	/* -vv detail lines: what they say (used when no hex rows follow) and
	 * the first one that was malformed */
	struct lspci_text vv;
	unsigned long vv_bad_line;
	char vv_bad[160];
};

/* A function read, with where it began in the dump (for messages). */
struct entry {
	struct dev d;
	unsigned long line;
	bool text; /* from lspci -vv text, not hex */
};

struct parser {
	const char *name;
	char *err;
	size_t errlen;
	struct sysmodel *m;
	struct entry *v;
	size_t n, cap;
	size_t short_space; /* functions shown with less space than they have */
	size_t denied;      /* -vv text without capabilities (not root) */
	size_t text_partial; /* -v text: a capability without its registers */
	size_t text;        /* functions read from -vv text */
	bool moved;         /* the entries' drivers now belong to the model */
	const char *pci_ids; /* for -vv text with names only (NULL: libpci's) */
	struct names_ctx *names; /* opened at the first such function */
	size_t by_name;     /* functions whose ids were looked up by name */
};

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * A row "00: 86 80 ..." / "100: ...": 1 to 3 hex digits and ':' then a blank
 * or the end. Returns 1 with *off set for a row candidate (its bytes are
 * parsed by parse_row_bytes), 0 for anything else. A BDF "00:1f.0" is not a
 * candidate: a digit, not a blank, follows its first colon.
 */
static int row_candidate(const char *s, unsigned *off, const char **rest)
{
	unsigned v = 0;
	size_t k = 0;

	while (k < 4 && hexval(s[k]) >= 0)
		v = v << 4 | (unsigned)hexval(s[k++]);
	if (k == 0 || k > 3 || s[k] != ':' || (s[k + 1] != ' ' && s[k + 1] != '\t' && s[k + 1]))
		return 0;
	*off = v;
	*rest = s + k + 1;
	return 1;
}

/* Exactly 16 bytes, each two hex digits after one blank; blanks may trail. */
static int parse_row_bytes(const char *p, uint8_t out[ROW], int *found)
{
	int k = 0;

	for (;;) {
		if (*p != ' ' && *p != '\t')
			break;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (k == ROW || hexval(p[0]) < 0 || hexval(p[1]) < 0 ||
		    (p[2] && p[2] != ' ' && p[2] != '\t'))
			break;
		out[k++] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
		p += 2;
	}
	*found = k;
	return *p == '\0' && k == ROW ? 0 : -1;
}

static int fail(struct parser *ps, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *ps, unsigned long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(ps->err, ps->errlen, "%s:%lu: %s", ps->name, line, msg);
	else
		snprintf(ps->err, ps->errlen, "%s: %s", ps->name, msg);
	return -1;
}

/* Quote a line of the dump in a message: at most 40 bytes. The bytes stay
 * as they are: whoever prints the message makes it safe (errmsg, safe.c). */
static const char *quote(const char *line, char *buf, size_t len)
{
	snprintf(buf, len, "%.40s", line);
	return buf;
}

/* lspci -vv without -nn shows names: the ids pci.ids gives them. Never a
 * confident id from a name: every one is marked doubtful (pci.ids
 * versions differ; a quirk may hang on an id), and a name that fits no
 * pair or several leaves the id 0000 with a warning saying so. */
static int by_name(struct parser *ps, struct cur *c)
{
	struct names_rev r;
	char err[256];
	bool numeric, had_class = c->vv.class_ok;

	if (!ps->names && !(ps->names = names_open(ps->pci_ids)))
		return fail(ps, 0, "out of memory");
	if (names_reverse(ps->names, c->vv.vd_text, c->vv.class_text, &r, err, sizeof(err)))
		return fail(ps, c->line, "%s: looking up its names: %s", c->d.bdf, err);
	if (!c->vv.ids) {
		c->vv.vendor = r.vendor;
		c->vv.device = r.device;
		c->vv.ids = true;
	}
	if (!c->vv.class_ok) {
		c->vv.class |= (uint32_t)r.class16 << 8;
		c->vv.class_ok = true;
	}
	numeric = r.ids == NAMES_NUMERIC && (r.cls == NAMES_NUMERIC || had_class);
	c->d.ids_doubtful = !numeric;
	ps->by_name += !numeric;
	if (r.ids == NAMES_AMBIGUOUS || r.ids == NAMES_UNKNOWN)
		model_warn(ps->m, "%s:%lu: %s: \"%.80s\" %s in pci.ids: its ids are unknown (shown "
			   "as 0000:0000)", ps->name, c->line, c->d.bdf, c->vv.vd_text,
			   r.ids == NAMES_UNKNOWN ? "names no vendor and device"
						  : "names more than one vendor and device");
	if (!had_class && (r.cls == NAMES_AMBIGUOUS || r.cls == NAMES_UNKNOWN))
		model_warn(ps->m, "%s:%lu: %s: class \"%.60s\" %s in pci.ids: its class is unknown",
			   ps->name, c->line, c->d.bdf, c->vv.class_text,
			   r.cls == NAMES_UNKNOWN ? "is not" : "is more than one");
	return 0;
}

/* The function is complete: parse its bytes and keep it. */
static int flush(struct parser *ps, struct cur *c)
{
	size_t len = (size_t)c->next_row * ROW, full;

	bool text = false;

	if (!c->open)
		return 0;
	c->open = false;
	if (len == 0 && c->vv.ndetail) {
		/* lspci -vv text: its facts written as config bytes */
		char why[200];

		if (c->vv_bad_line)
			return fail(ps, c->vv_bad_line, "%s: %s", c->d.bdf, c->vv_bad);
		if ((!c->vv.ids || !c->vv.class_ok) && c->vv.vd_text[0] && by_name(ps, c))
			return -1;
		if (lspci_text_config(&c->vv, c->cfg, &len, &full, why, sizeof(why)))
			return fail(ps, c->line, "%s: %s", c->d.bdf, why);
		text = true;
		c->next_row = (unsigned)(len / ROW);
	}
	if (len == 0)
		return fail(ps, c->line,
			    "%s has no config-space rows and no lspci -vv detail: paste `lspci "
			    "-vvnn` or `lspci -xxxx`, run as root",
			    c->d.bdf);
	if (len < 64)
		return fail(ps, c->line, "%s shows fewer than 64 bytes of config space%s", c->d.bdf,
			    c->gap ? " before a missing row" : "");
	/* What the function has: 256 bytes, or 4096 for PCI Express (known
	 * only once its capability is found). Less shown is not complete:
	 * `lspci -x` (64 bytes), `-xxx` (256), or a row missing. */
	if (!text) {
		full = len > 256 ? CFG_MAX : 256;
		dev_parse_config(&c->d, c->cfg, len, full);
		if (dev_is_pcie(&c->d) && full < CFG_MAX)
			dev_parse_config(&c->d, c->cfg, len, CFG_MAX);
	} else {
		bool doubtful = c->d.ids_doubtful;

		dev_parse_config(&c->d, c->cfg, len, full);
		c->d.ids_doubtful = doubtful;
		/* bytes the text does not show are zero here, not read:
		 * the Intel LPC RCBA register is among them */
		c->d.intel_lpc_rcba_valid = false;
		ps->text++;
	}
	if (text && c->vv.caps_denied)
		ps->denied++;
	else if (text && !c->d.cfg_complete)
		ps->text_partial++;
	else if (!c->d.cfg_complete && !c->gap) /* a gap was said on its own */
		ps->short_space++;
	/* what -vv says beside the hex (or instead of it) */
	if (c->vv.driver[0] && !(c->d.driver = strdup(c->vv.driver)))
		return fail(ps, 0, "out of memory");
	c->d.kernel_group = c->vv.iommu_group >= 0 ? c->vv.iommu_group : NO_GROUP;
	if (ps->n == ps->cap) {
		size_t nc = ps->cap ? ps->cap * 2 : 64;
		void *p = realloc(ps->v, nc * sizeof(*ps->v));

		if (!p)
			return fail(ps, 0, "out of memory");
		ps->v = p;
		ps->cap = nc;
	}
	ps->v[ps->n].d = c->d;
	ps->v[ps->n].line = c->line;
	ps->v[ps->n].text = text;
	ps->n++;
	return 0;
}

static int add_row(struct parser *ps, struct cur *c, unsigned off, const uint8_t bytes[ROW],
		   unsigned long line)
{
	static const char hex[] = "0123456789abcdef";
	unsigned row = off / ROW, v = off & 0xfffu;
	char at[8];

	/* "%02x" by hand: a printf per row was 7% of a large dump's time */
	if (v > 0xff) {
		at[0] = hex[v >> 8];
		at[1] = hex[v >> 4 & 0xf];
		at[2] = hex[v & 0xf];
		at[3] = '\0';
	} else {
		at[0] = hex[v >> 4];
		at[1] = hex[v & 0xf];
		at[2] = '\0';
	}
	if (off % ROW || off >= CFG_MAX)
		return fail(ps, line, "row offset %s is not a multiple of 16 below 0x1000", at);
	if (c->seen[row])
		return fail(ps, line, "row %s of %s appears twice", at, c->d.bdf);
	c->seen[row] = 1;
	if (row < c->rows_after)
		return fail(ps, line, "row %s of %s is out of order", at, c->d.bdf);
	c->rows_after = row + 1;
	if (row > c->next_row && !c->gap) {
		unsigned first = c->next_row * ROW, last = off - ROW;

		/* The rows before the gap are still the device's own: use
		 * them, and mark everything that needs the rest unknown. */
		if (first == last)
			model_warn(ps->m, "%s:%lu: row %02x of %s is missing: only the config space "
				   "before it is used, the rest is unknown",
				   ps->name, line, first, c->d.bdf);
		else
			model_warn(ps->m, "%s:%lu: rows %02x to %02x of %s are missing: only the config "
				   "space before them is used, the rest is unknown",
				   ps->name, line, first, last, c->d.bdf);
		c->gap = true;
	}
	if (c->gap)
		return 0;
	memcpy(c->cfg + off, bytes, ROW);
	c->next_row = row + 1;
	return 0;
}

static void open_device(struct cur *c, uint32_t dom, uint8_t bus, uint8_t devfn, size_t indent,
			unsigned long line)
{
	memset(c, 0, sizeof(*c));
	c->open = true;
	c->indent = indent;
	c->line = line;
	dev_init(&c->d, dom, bus, devfn);
	lspci_text_init(&c->vv);
}

/* One line of the dump: a function's header, a row, a -vv detail line
 * (indented deeper than its header), or a blank that ends a function. */
static int parse_line(struct parser *ps, struct cur *c, char *line, unsigned long lineno)
{
	size_t indent = strspn(line, " \t");
	char *s = line + indent, first[64], q[48];
	const char *rest;
	unsigned off;
	size_t tok;

	if (!*s)
		return flush(ps, c);
	if (row_candidate(s, &off, &rest)) {
		uint8_t bytes[ROW];
		int found;

		if (!c->open)
			return fail(ps, lineno, "a row of config space before any device: %s",
				    quote(s, q, sizeof(q)));
		if (parse_row_bytes(rest, bytes, &found))
			return fail(ps, lineno,
				    "expected 16 hex bytes (two digits each), found %d valid ones",
				    found);
		return add_row(ps, c, off, bytes, lineno);
	}
	tok = strcspn(s, " \t");
	if (tok < sizeof(first)) {
		uint32_t dom;
		uint8_t bus, devfn;

		memcpy(first, s, tok);
		first[tok] = '\0';
		if (parse_bdf(first, &dom, &bus, &devfn) == 0) {
			if (flush(ps, c))
				return -1;
			open_device(c, dom, bus, devfn, indent, lineno);
			lspci_text_header(&c->vv, s + tok);
			return 0;
		}
	}
	/* lspci -vv detail lines ("\tCapabilities: ..."): read for what
	 * they say; hex rows after them win. A malformed one matters only
	 * when the function has no hex (flush). */
	if (c->open && indent > c->indent && c->next_row == 0) {
		char why[160];

		if (lspci_text_detail(&c->vv, s, why, sizeof(why)) && !c->vv_bad_line) {
			c->vv_bad_line = lineno;
			snprintf(c->vv_bad, sizeof(c->vv_bad), "%s", why);
		}
		return 0;
	}
	return fail(ps, lineno, "not a line of `lspci -x` output: %s", quote(s, q, sizeof(q)));
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_entry(const void *a, const void *b)
{
	return model_cmp_location(&((const struct entry *)a)->d, &((const struct entry *)b)->d);
}

/* Bridges whose bus ranges take part in the tree, in one domain, sorted
 * by secondary bus (then widest first). */
struct span {
	uint32_t domain;
	unsigned sec, sub;
	size_t e; /* index into ps->v */
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return (int)y->sub - (int)x->sub;
}

/*
 * The bus tree must be a tree: a bridge's buses lie below its own bus,
 * subordinate >= secondary, and two bridges' ranges are nested or disjoint
 * (a bus has one bridge above it). Otherwise parents could form a cycle, or
 * a bus would hang below two bridges: damaged input, named with its line.
 * Bridges that firmware left unconfigured (secondary 0) own no buses.
 */
static int check_buses(struct parser *ps)
{
	struct span *sp = malloc((ps->n ? ps->n : 1) * sizeof(*sp)), **stack;
	size_t ns = 0, depth = 0;
	char a[8];
	int rc = 0;

	if (!sp)
		return fail(ps, 0, "out of memory");
	for (size_t i = 0; i < ps->n; i++) {
		const struct dev *d = &ps->v[i].d;

		if (!d->is_bridge || (d->secondary == 0 && d->subordinate == 0))
			continue;
		snprintf(a, sizeof(a), "%02x", d->secondary);
		if (d->secondary <= d->bus) {
			rc = fail(ps, ps->v[i].line,
				  "bridge %s claims secondary bus %s, not below its own bus: the bus "
				  "numbers cannot form a tree", d->bdf, a);
			goto out;
		}
		if (d->subordinate < d->secondary) {
			rc = fail(ps, ps->v[i].line,
				  "bridge %s has a subordinate bus below its secondary bus %s", d->bdf, a);
			goto out;
		}
		sp[ns++] = (struct span){ d->domain, d->secondary, d->subordinate, i };
	}
	qsort(sp, ns, sizeof(*sp), cmp_span);
	stack = malloc((ns ? ns : 1) * sizeof(*stack));
	if (!stack) {
		rc = fail(ps, 0, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < ns; i++) {
		while (depth && (stack[depth - 1]->domain != sp[i].domain ||
				 stack[depth - 1]->sub < sp[i].sec))
			depth--;
		if (depth && (stack[depth - 1]->sec == sp[i].sec || stack[depth - 1]->sub < sp[i].sub)) {
			const struct entry *x = &ps->v[stack[depth - 1]->e], *y = &ps->v[sp[i].e];
			const struct entry *later = x->line > y->line ? x : y, *other = later == x ? y : x;

			rc = fail(ps, later->line,
				  "bridge %s claims buses that bridge %s (line %lu) claims too",
				  later->d.bdf, other->d.bdf, other->line);
			break;
		}
		stack[depth++] = &sp[i];
	}
	free(stack);
out:
	free(sp);
	return rc;
}

/* A device's parent: the bridge in its domain with the narrowest
 * [secondary, subordinate] range holding its bus (a VF's virtual bus
 * lies inside its PF's bridge's range). check_buses() made the ranges
 * nested, and each lies above its bridge's bus: parents form a tree. */
static int link_tree(struct sysmodel *m)
{
	int *bridges = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));
	size_t nb = 0;

	if (!bridges)
		return -1;
	for (size_t j = 0; j < m->ndevs; j++) {
		const struct dev *b = &m->devs[j];

		if (b->is_bridge && b->secondary != 0 && b->secondary > b->bus)
			bridges[nb++] = (int)j;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];
		int best = NO_DEV, width = 1000;

		for (size_t k = 0; k < nb; k++) {
			const struct dev *b = &m->devs[bridges[k]];

			if (bridges[k] == (int)i || b->domain != d->domain || b->secondary > d->bus ||
			    b->subordinate < d->bus)
				continue;
			if (b->subordinate - b->secondary < width) {
				width = b->subordinate - b->secondary;
				best = bridges[k];
			}
		}
		d->parent = best;
	}
	free(bridges);
	return 0;
}

/* A dump has no physfn links. A VF's ID registers read ffff; where each
 * VF sits follows from its PF's SR-IOV capability (VF Enable, NumVFs,
 * First VF Offset, VF Stride: routing ID = PF's + offset + i * stride),
 * as iov.c pci_iov_virtfn_bus()/devfn() compute it. Needs model_index(). */
static void mark_vfs(struct sysmodel *m)
{
	for (size_t p = 0; p < m->ndevs; p++) {
		const struct dev *pf = &m->devs[p];

		if (!(pf->sriov_ctrl & 1))
			continue;
		for (unsigned i = 0; i < pf->sriov_numvfs; i++) {
			int v = model_vf_at(m, (int)p, i);

			/* lspci on a live system shows a VF's ids from sysfs */
			if (v == NO_DEV || (m->devs[v].vendor != 0xffff &&
					    (m->devs[v].vendor != pf->vendor ||
					     m->devs[v].device != pf->sriov_vf_device)))
				continue;
			m->devs[v].is_vf = true;
			m->devs[v].physfn = (int)p;
			m->devs[v].vendor = pf->vendor;
			m->devs[v].device = pf->sriov_vf_device;
		}
	}
}

/* -vv text has no header-type byte: a function 0 whose slot shows other
 * functions is multifunction (the kernel reads bit 7 of its header type;
 * functions above 0 count as multifunction anyway, model_finish()). VFs
 * sit in their PF's slot without making it multifunction: a function whose
 * ids are its slot's function 0's VF ids does not count. */
static void text_multifunction(struct parser *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		struct dev *d = &ps->v[i].d;

		if (!ps->v[i].text || DEVFN_FUNC(d->devfn) != 0)
			continue;
		for (size_t j = i + 1; j < ps->n; j++) {
			const struct dev *o = &ps->v[j].d;

			if (o->domain != d->domain || o->bus != d->bus ||
			    DEVFN_SLOT(o->devfn) != DEVFN_SLOT(d->devfn))
				break;
			if (d->sriov_numvfs && (o->vendor == 0xffff ||
						(o->vendor == d->vendor && o->device == d->sriov_vf_device)))
				continue;
			d->hdr_multifunction = true;
			break;
		}
	}
}

/* The "IOMMU group: N" lines of lspci -vv, as the kernel's groups (their
 * type unknown); compared with the computed groups as sysfs's are. */
static int kernel_groups(struct sysmodel *m)
{
	int *ids = malloc((m->ndevs ? m->ndevs : 1) * sizeof(*ids));
	size_t n = 0;

	if (!ids)
		return -1;
	/* the ids sorted and made unique: no scan per function (quadratic) */
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].kernel_group != NO_GROUP)
			ids[n++] = m->devs[i].kernel_group;
	qsort(ids, n ? n : 1, sizeof(*ids), cmp_int);
	if (n && !(m->kgroups = calloc(n, sizeof(*m->kgroups)))) {
		free(ids);
		return -1;
	}
	for (size_t k = 0; k < n; k++)
		if (!k || ids[k] != ids[k - 1])
			m->kgroups[m->nkgroups++].id = ids[k];
	free(ids);
	return 0;
}

/* Every function read: one per location, then the bus tree checked. */
static int finish(struct parser *ps)
{
	struct sysmodel *m = ps->m;

	if (!ps->n)
		return fail(ps, 0, "no devices in the dump (expected `lspci -xxxx` output)");
	qsort(ps->v, ps->n, sizeof(*ps->v), cmp_entry);
	for (size_t i = 1; i < ps->n; i++)
		if (!cmp_entry(&ps->v[i - 1], &ps->v[i])) {
			const struct entry *x = &ps->v[i - 1], *y = &ps->v[i];

			return fail(ps, x->line > y->line ? x->line : y->line,
				    "device %s appears twice (first at line %lu)", y->d.bdf,
				    x->line < y->line ? x->line : y->line);
		}
	if (check_buses(ps))
		return -1;
	text_multifunction(ps);
	m->devs = malloc(ps->n * sizeof(*m->devs));
	if (!m->devs)
		return fail(ps, 0, "out of memory");
	for (size_t i = 0; i < ps->n; i++)
		m->devs[i] = ps->v[i].d;
	m->ndevs = ps->n;
	ps->moved = true;
	if (kernel_groups(m))
		return fail(ps, 0, "out of memory");
	if (ps->denied)
		model_warn(m, "%s: %zu function%s show no capabilities (<access denied>: lspci run "
			   "as a user): what depends on them is marked uncertain; paste `lspci "
			   "-vvnn` run as root",
			   ps->name, ps->denied, ps->denied == 1 ? "" : "s");
	if (ps->by_name)
		model_warn(m, "%s: %zu function%s show names, not ids (lspci -vv without -nn): "
			   "their ids were looked up by name in pci.ids and are uncertain, and so are "
			   "their groups; paste `lspci -vvnn`",
			   ps->name, ps->by_name, ps->by_name == 1 ? "" : "s");
	if (ps->text_partial)
		model_warn(m, "%s: %zu function%s show a capability without its registers (lspci "
			   "-v, not -vv): what depends on them is marked uncertain; paste `lspci "
			   "-vvnn` run as root",
			   ps->name, ps->text_partial, ps->text_partial == 1 ? "" : "s");
	if (ps->short_space)
		model_warn(m, "%s: %zu function%s show%s less config space than %s (lspci -x or "
			   "-xxx): what depends on the rest is marked uncertain; paste `lspci "
			   "-xxxx` run as root",
			   ps->name, ps->short_space, ps->short_space == 1 ? "" : "s",
			   ps->short_space == 1 ? "s" : "", ps->short_space == 1 ? "it has" : "they have");
	if (model_index(m) || link_tree(m))
		return fail(ps, 0, "out of memory");
	mark_vfs(m);
	return model_finish(m, ps->err, ps->errlen);
}

/* Lines of the dump from large reads: fread() of a megabyte goes straight
 * to read() (a -xxxx dump is about 13 KB per function, and stdio's 4 KB
 * buffer made a system call per 4 KB). */
enum { LR_CHUNK = 1 << 20 };
struct linereader {
	FILE *f;
	char *b;
	size_t start, end, cap;
	bool eof;
};

/* The next line, its '\n' included if it has one, at *p (not terminated):
 * its length, 0 at the end. A line longer than MAX_LINE comes back as
 * MAX_LINE + 1 bytes or more, for the caller to refuse. */
static ssize_t lr_next(struct linereader *r, char **p)
{
	for (;;) {
		size_t have = r->end - r->start, got;
		char *nl = memchr(r->b + r->start, '\n', have);

		if (nl || (r->eof && have) || have > MAX_LINE) {
			size_t n = nl ? (size_t)(nl - (r->b + r->start)) + 1 : have;

			*p = r->b + r->start;
			r->start += n;
			return (ssize_t)n;
		}
		if (r->eof)
			return 0;
		memmove(r->b, r->b + r->start, have);
		r->start = 0;
		r->end = have;
		got = fread(r->b + r->end, 1, r->cap - r->end, r->f);
		r->end += got;
		if (got == 0)
			r->eof = true;
	}
}

int model_load_dump(struct sysmodel *m, FILE *f, const char *name, char *err, size_t errlen)
{
	return model_load_dump_ids(m, f, name, NULL, err, errlen);
}

int model_load_dump_ids(struct sysmodel *m, FILE *f, const char *name, const char *pci_ids,
			char *err, size_t errlen)
{
	struct parser ps = { .name = name, .err = err, .errlen = errlen, .m = m, .pci_ids = pci_ids };
	struct cur *c = calloc(1, sizeof(*c));
	struct linereader lr = { 0 };
	char *line = NULL, *p;
	unsigned long lineno = 0;
	ssize_t n;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	lr.cap = LR_CHUNK + MAX_LINE + 2;
	lr.b = malloc(lr.cap);
	line = malloc(MAX_LINE + 2);
	if (!lr.b || !line) {
		fail(&ps, 0, "out of memory");
		goto out;
	}
	lr.f = f;
	while ((n = lr_next(&lr, &p)) > 0) {
		lineno++;
		if (n > MAX_LINE) {
			fail(&ps, lineno, "line longer than %d bytes", MAX_LINE);
			goto out;
		}
		memcpy(line, p, (size_t)n);
		line[n] = '\0';
		if (strlen(line) != (size_t)n) {
			fail(&ps, lineno, "NUL byte in the dump");
			goto out;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (parse_line(&ps, c, line, lineno))
			goto out;
	}
	if (ferror(f)) {
		fail(&ps, 0, "read error");
		goto out;
	}
	if (flush(&ps, c) || finish(&ps))
		goto out;
	rc = 0;
out:
	if (!ps.moved)
		for (size_t i = 0; i < ps.n; i++)
			free(ps.v[i].d.driver);
	free(ps.v);
	free(line);
	free(lr.b);
	free(c);
	names_close(ps.names);
	return rc;
}
