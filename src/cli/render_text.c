// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_text.c - `list` for people: one block per kernel group (or per
 * predicted group when the IOMMU is off), a line per function as
 * `lspci -nn` names it, in a tree table printed line by line as it is
 * made (textout.h: the bytes libsmartcols printed for it before, without a
 * table of every line in memory). Text may change between releases;
 * scripts use --json. Every string from outside (names, driver, kernel
 * release, units, group types, parameters) passes through safe_term() on
 * its way out, or safe_cell() into a table cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "safe.h"
#include "textout.h"

/* pci.ids names are at most 255 bytes (libpci's lookup buffer, names.c) */
#define NAME_SAFE SAFE_TERM_SIZE(256)

/* The names are cut from their end, down to "..." each: first vendor and
 * device together, then the class name; the class code, the ids and the
 * note stay whole even when the line is then wider than the budget (the
 * ids are what users copy into vfio-pci.ids=). */
/* Append s (n bytes) at *l in buf, which has room (the callers size it). */
static void append(char *buf, size_t *l, const char *s, size_t n)
{
	memcpy(buf + *l, s, n);
	*l += n;
}

/* v as lowercase hex of exactly 4 digits ("%04x" of a 16-bit value) */
static void hex4(char *b, unsigned v)
{
	for (int k = 3; k >= 0; k--, v >>= 4)
		b[k] = "0123456789abcdef"[v & 15];
}

/* snprintf(dst, size, "%s%s", a, b) without the format pass: the same
 * bytes, cut alike (size > 0). */
static void cat2(char *dst, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la >= size)
		la = size - 1;
	memcpy(dst, a, la);
	if (lb >= size - la)
		lb = size - 1 - la;
	memcpy(dst + la, b, lb);
	dst[la + lb] = '\0';
}

/* snprintf(dst, size, "%s%d", prefix, v) for a prefix and buffer that
 * always hold it (24 bytes for the number). */
static void name_num(char *dst, size_t size, const char *prefix, int v)
{
	char num[24], *p = num + sizeof(num);
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--p = '-';
	cat2(dst, size, prefix, p);
}

const char *dev_desc_fit(const struct dev *d, const char *note, size_t budget, bool cell,
			 char *buf, size_t len)
{
	char cls[NAME_SAFE + 4], names[2 * NAME_SAFE + 4], ven[NAME_SAFE], dev[NAME_SAFE];
	char codes[16] = " [cccc]: ", ids[16] = " [vvvv:dddd]";
	size_t (*safe)(char *, size_t, const char *) = cell ? safe_cell : safe_term;
	size_t lc, ln, lv, ld, lnote = note ? strlen(note) : 0, lcodes = 9;

	if (d->cfg_len < 12) {
		snprintf(buf, len, "(config space unreadable) [%04x:%04x]%s", d->vendor, d->device,
			 note ? note : "");
		return buf;
	}
	lc = safe(cls, sizeof(cls) - 4, d->class_name && *d->class_name ? d->class_name : "Class");
	lv = safe(ven, sizeof(ven), d->vendor_name && *d->vendor_name ? d->vendor_name : "Device");
	ld = safe(dev, sizeof(dev), d->device_name ? d->device_name : "");
	/* "Vendor [..]" when the device name is unknown, without a gap (both
	 * fit: names holds two of either and the blank) */
	ln = 0;
	append(names, &ln, ven, lv);
	if (ld) {
		append(names, &ln, " ", 1);
		append(names, &ln, dev, ld);
	}
	names[ln] = '\0';
	if (d->class >> 8 <= 0xffff) /* always: the class is 24 bits */
		hex4(codes + 2, d->class >> 8);
	else
		lcodes = (size_t)snprintf(codes, sizeof(codes), " [%04x]: ", d->class >> 8);
	hex4(ids + 2, d->vendor);
	hex4(ids + 7, d->device);
	if (budget) {
		size_t fixed = text_cols(codes, cell) + 12 + (note ? text_cols(note, cell) : 0);
		size_t c = text_cols(cls, cell), n = text_cols(names, cell);

		if (fixed + c + n > budget) {
			text_cut(names, budget > fixed + c + 3 ? budget - fixed - c : 3, cell);
			n = text_cols(names, cell);
			if (fixed + c + n > budget)
				text_cut(cls, budget > fixed + n + 3 ? budget - fixed - n : 3, cell);
			lc = strlen(cls);
			ln = strlen(names);
		}
	}
	if (lc + lcodes + ln + 12 + lnote < len) {
		size_t l = 0;

		append(buf, &l, cls, lc);
		append(buf, &l, codes, lcodes);
		append(buf, &l, names, ln);
		append(buf, &l, ids, 12);
		append(buf, &l, note ? note : "", lnote);
		buf[l] = '\0';
	} else if (snprintf(buf, len, "%s%s%s%s%s", cls, codes, names, ids, note ? note : "") >=
		   (int)len) {
		/* a short buffer cuts the line, but never inside a character */
		safe_trim(buf);
	}
	/* names with "  [" in them print as before: one space */
	for (char *p = strstr(buf, "  ["); p; p = strstr(p, "  ["))
		memmove(p, p + 1, strlen(p));
	return buf;
}

size_t assumed_acs_list(const struct analysis *a, char *buf, size_t len)
{
	size_t n = 0, l = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->m.ndevs && l + 24 < len; i++)
		if (rulectx_dev(&a->rc, (int)i)->assume_acs)
			l += (size_t)snprintf(buf + l, len - l, "%s%s", n++ ? ", " : "",
					      a->m.devs[i].bdf);
	return n;
}

const char *dev_desc(const struct dev *d, char *buf, size_t len)
{
	return dev_desc_fit(d, NULL, 0, false, buf, len);
}

/* The IOMMU state (analysis.h) in words; every case is data there. */
void describe_iommu_state(const struct analysis *a, char *buf, size_t len)
{
	const struct iommu_state *s = &a->iommu;
	char ev[SAFE_TERM_SIZE(256)];

	safe_term(ev, sizeof(ev), s->evidence ? s->evidence : "");
	switch (s->why) {
	case IOMMU_WHY_DUMP:
		snprintf(buf, len,
			 "From an lspci dump: kernel groups unknown; showing the groups the kernel "
			 "would make%s",
			 s->acs_predicted ? " (ACS controls were off in the dump: assuming the "
					    "kernel enables them)" : "");
		break;
	case IOMMU_WHY_ON: {
		char unit[SAFE_TERM_SIZE(256)];

		if (a->from_dump) {
			snprintf(buf, len,
				 "From an lspci -vv listing with the kernel's IOMMU groups (its \"IOMMU "
				 "group:\" lines): %zu groups",
				 s->ngroups);
			break;
		}

		safe_term(unit, sizeof(unit), s->nunits ? s->units[0] : "");
		snprintf(buf, len, "IOMMU on: %zu groups%s%s%s", s->ngroups,
			 s->nunits ? " (units: " : "", unit,
			 s->nunits > 1 ? ", ...)" : (s->nunits ? ")" : ""));
		if (s->ungrouped) {
			size_t l = strlen(buf);

			snprintf(buf + l, len - l, "; %zu PCI functions have no group", s->ungrouped);
		}
		break;
	}
	case IOMMU_WHY_NO_GROUPS:
		snprintf(buf, len,
			 "IOMMU unit %s is registered but no device has a group (see dmesg for "
			 "the IOMMU driver's messages); showing the groups the kernel would make",
			 ev);
		break;
	case IOMMU_WHY_CMDLINE:
		snprintf(buf, len,
			 "IOMMU off: no IOMMU groups; the kernel command line turns it off (%s): remove "
			 "that to enable it. Showing the groups the kernel would make",
			 ev);
		break;
	case IOMMU_WHY_NO_UNITS:
		if (s->firmware) {
			bool intel = !strcmp(s->firmware, "DMAR");

			snprintf(buf, len,
				 "IOMMU off: no IOMMU groups, although the firmware describes one (ACPI "
				 "%s); boot with %s. Showing the groups the kernel would make",
				 ev, intel ? "intel_iommu=on" : "the AMD IOMMU enabled (no amd_iommu=off)");
		} else {
			snprintf(buf, len,
				 "IOMMU off: no IOMMU groups. Enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in "
				 "the firmware setup; on Intel also boot with intel_iommu=on where the "
				 "kernel does not turn it on by default (AMD's driver starts by itself "
				 "once firmware provides the IVRS table). Showing the groups the kernel "
				 "would make");
		}
		break;
	}
}

/* The grouped view is made twice by the same walk over the blocks: first
 * measuring (t->measure: the first two cells only, for the column widths),
 * then printing each line as it is made (textout.h). */
struct text_ctx {
	const struct analysis *a;
	struct textout to;
	bool measure;
	int *order;	   /* kernel_group_order(), when there are kernel groups */
	size_t budget;	   /* columns for a description, 0: no limit */
	bool hypothetical; /* --assume-acs: the computed groups, so named */
};

/* A block's own line: its name, and (printing) its description, prose (a
 * group's type and notes) cut to the budget. */
static int root_line(struct text_ctx *t, const char *name, const char *text, const char *sgr)
{
	char buf[2048];

	if (t->measure)
		return textout_measure(&t->to, TEXTOUT_ROOT, name, NULL);
	cat2(buf, sizeof(buf) - 4, text, "");
	if (t->budget)
		text_cut(buf, t->budget, true);
	return textout_line(&t->to, TEXTOUT_ROOT, name, NULL, buf, sgr);
}

/* A function's line under its block's; a function's line shortens only its
 * names (dev_desc_fit). */
static int dev_line(struct text_ctx *t, int i, bool last)
{
	const struct dev *d = &t->a->m.devs[i];
	enum textout_kind k = last ? TEXTOUT_LAST : TEXTOUT_BRANCH;
	char desc[2048], drv[NAME_SAFE], note[160];

	safe_cell(drv, sizeof(drv), d->driver ? d->driver : "-");
	if (t->measure)
		return textout_measure(&t->to, k, d->bdf, drv);
	/* SR-IOV: a VF says whose it is, a PF with VFs enabled how many (as
	 * lspci's "Virtual Function" and SR-IOV lines, short) */
	note[0] = '\0';
	if (d->is_vf && d->physfn != NO_DEV) {
		const struct dev *pf = &t->a->m.devs[d->physfn];

		/* a PF is in its VFs' domain: bus:slot.fn, short */
		static const char hex[] = "0123456789abcdef";
		char *n = note;

		/* " [VF of %02x:%02x.%d]": bus 8 bits, slot 5, function 3 */
		memcpy(n, " [VF of ", 8);
		n += 8;
		*n++ = hex[pf->bus >> 4];
		*n++ = hex[pf->bus & 15];
		*n++ = ':';
		*n++ = hex[DEVFN_SLOT(pf->devfn) >> 4];
		*n++ = hex[DEVFN_SLOT(pf->devfn) & 15];
		*n++ = '.';
		*n++ = (char)('0' + DEVFN_FUNC(pf->devfn));
		*n++ = ']';
		*n = '\0';
	} else if (d->is_vf) {
		snprintf(note, sizeof(note), " [VF]");
	}
	if (!d->is_vf && d->sriov_totalvfs && d->sriov_numvfs)
		snprintf(note, sizeof(note), " [SR-IOV %u/%u VFs]", d->sriov_numvfs, d->sriov_totalvfs);
	/* the kernel's own words */
	if (translate_rmrr(&t->a->m, i) == 1) {
		size_t l = strlen(note);

		snprintf(note + l, sizeof(note) - l, " (%s)", RMRR_NOTE);
	}
	dev_desc_fit(d, note[0] ? note : NULL, t->budget, true, desc, sizeof(desc));
	return textout_line(&t->to, k, d->bdf, drv, desc, NULL);
}

/* The members' addresses, whole, as many as fit in cols columns (0: all),
 * then how many more. */
static void member_list(const struct analysis *a, const struct set *s, size_t cols, char *buf,
			size_t len)
{
	size_t l = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < s->n && l + 32 < len; k++) {
		const char *bdf = a->m.devs[s->members[k]].bdf;
		size_t more = k + 1 < s->n ? 12 : 0; /* room for " (+N more)" */

		if (cols && k && l + 1 + strlen(bdf) + more > cols) {
			snprintf(buf + l, len - l, " (+%zu more)", s->n - k);
			return;
		}
		l += (size_t)snprintf(buf + l, len - l, "%s%s", k ? " " : "", bdf);
	}
}

/* Kernel groups, with a note on each one the computation does not match. */
static int kernel_blocks(struct text_ctx *t)
{
	const struct analysis *a = t->a;
	const struct sysmodel *m = &a->m;
	const int *order = t->order;
	size_t k = 0;

	for (size_t g = 0; g < m->nkgroups; g++) {
		const struct kgroup *kg = &m->kgroups[g];
		char name[48], note[1024] = "", desc[1100], type[SAFE_TERM_SIZE(sizeof(kg->type))];
		const char *sgr = NULL;
		int first = -1;
		size_t run;

		name_num(name, sizeof(name), "group ", kg->id);
		while (k < m->ndevs && m->devs[order[k]].kernel_group < kg->id)
			k++;
		for (run = k; run < m->ndevs && m->devs[order[run]].kernel_group == kg->id;)
			run++;
		if (run > k)
			first = order[k];
		if (first >= 0 && !t->measure) {
			const struct set *s = &a->g.isolation_groups[a->g.isolation_of[first]];

			if (!s->matches_kernel || !s->certain)
				sgr = !s->matches_kernel ? SGR_DIFFERS : SGR_UNCERTAIN;
			if (!s->matches_kernel) {
				static const char lead[] = "; computed isolation group differs: ";
				size_t used = strlen(kg->type) + strlen(lead);
				char mem[768];

				member_list(a, s, !t->budget ? 0 : t->budget > used ? t->budget - used : 1,
					    mem, sizeof(mem));
				snprintf(note, sizeof(note), "%s%s", lead, mem);
			} else if (!s->certain) {
				snprintf(note, sizeof(note), "; computed group uncertain (%s)",
					 set_doubt_text(s->doubt) ? set_doubt_text(s->doubt) : "unknown");
			}
		}
		desc[0] = '\0';
		if (!t->measure) {
			safe_cell(type, sizeof(type), kg->type[0] ? kg->type : "type unknown");
			cat2(desc, sizeof(desc), type, note);
		}
		if (root_line(t, name, desc, sgr))
			return -1;
		for (; k < run; k++)
			if (dev_line(t, order[k], k + 1 == run))
				return -1;
	}
	return 0;
}

/* Functions without a kernel group, shown under their predicted groups. */
static int predicted_blocks(struct text_ctx *t, bool only_ungrouped)
{
	const struct analysis *a = t->a;

	for (size_t s = 0; s < a->g.niso; s++) {
		const struct set *set = &a->g.isolation_groups[s];
		size_t last = set->n;
		bool opened = false;

		if (!set->translated)
			continue; /* in no group: untranslated_blocks() */
		/* the block's last function, drawn as the last */
		for (size_t k = set->n; k-- > 0;)
			if (!only_ungrouped || a->m.devs[set->members[k]].kernel_group == NO_GROUP) {
				last = k;
				break;
			}
		for (size_t k = 0; k < set->n; k++) {
			int i = set->members[k];

			if (only_ungrouped && a->m.devs[i].kernel_group != NO_GROUP)
				continue;
			if (!opened) {
				char name[48], note[64] = "";

				opened = true;
				snprintf(name, sizeof(name), "%s %d",
					 t->hypothetical ? "hypothetical" : "predicted", set->id);
				/* a hypothetical group lies in one kernel group (ACS
				 * assumed only splits): which */
				if (t->measure)
					note[0] = '\0'; /* only the name is measured */
				else if (!set->certain)
					snprintf(note, sizeof(note), "uncertain: %s",
						 set_doubt_text(set->doubt) ? set_doubt_text(set->doubt)
									    : "unknown");
				else if (only_ungrouped && set->has_kernel &&
					 set->kernel_group != NO_GROUP)
					/* the rest of its isolation group has one:
					 * attached at driver probe, not yet probed */
					snprintf(note, sizeof(note),
						 "no kernel group yet: joins group %d when probed",
						 set->kernel_group);
				else
					snprintf(note, sizeof(note), "%s",
						 only_ungrouped ? "no kernel group" : "");
				if (!t->measure && t->hypothetical && set->certain &&
				    a->m.devs[i].kernel_group != NO_GROUP)
					snprintf(note, sizeof(note), "from kernel group %d",
						 a->m.devs[i].kernel_group);
				if (root_line(t, name, note, !set->certain ? SGR_UNCERTAIN : NULL))
					return -1;
			}
			if (dev_line(t, i, k == last))
				return -1;
		}
	}
	return 0;
}

/* The functions no IOMMU translates, each in a block of its own that says
 * so: they are in no group, and not counted as one. */
static int untranslated_blocks(struct text_ctx *t)
{
	const struct analysis *a = t->a;

	for (size_t i = 0; i < a->m.ndevs; i++) {
		const struct translation *x = &a->r.xl[i];
		char desc[512] = "";

		if (x->translated)
			continue;
		if (!t->measure)
			snprintf(desc, sizeof(desc), "%s by any IOMMU: %s",
				 x->certain ? "not translated" : "probably not translated", x->reason);
		if (root_line(t, "no group", desc, NULL) || dev_line(t, (int)i, true))
			return -1;
	}
	return 0;
}

/* Columns of the tree and driver columns at their widest over every
 * function and group (the widest cell or the title, as textout sizes the
 * columns over the lines printed): what a description has left. */
static size_t lead_columns(const struct analysis *a, bool hypothetical)
{
	const struct sysmodel *m = &a->m;
	size_t tree = strlen("GROUP/DEVICE"), drv = strlen("DRIVER");
	char buf[48];

	for (size_t i = 0; i < m->ndevs; i++) {
		char cell[NAME_SAFE];
		size_t w;

		if (2 + strlen(m->devs[i].bdf) > tree)
			tree = 2 + strlen(m->devs[i].bdf); /* "`-" and the address */
		safe_cell(cell, sizeof(cell), m->devs[i].driver ? m->devs[i].driver : "-");
		w = text_cols(cell, true);
		if (w > drv)
			drv = w;
	}
	for (size_t g = 0; g < m->nkgroups; g++)
		if ((size_t)snprintf(buf, sizeof(buf), "group %d", m->kgroups[g].id) > tree)
			tree = strlen(buf);
	for (size_t s = 0; s < a->g.niso; s++)
		if ((size_t)snprintf(buf, sizeof(buf), "%s %d", hypothetical ? "hypothetical" : "predicted",
				     a->g.isolation_groups[s].id) > tree)
			tree = strlen(buf);
	return tree + 1 + drv + 1;
}

int render_list_text(const struct analysis *a, const struct render_opts *o, FILE *out)
{
	struct text_ctx t = { .a = a };
	char state[512], rules[32], rel[SAFE_TERM_SIZE(sizeof(a->m.kernel_release))];
	char param[SAFE_TERM_SIZE(sizeof(a->m.params.params[0]))], line[2048], assumed[1024];
	int width = render_term_width(o->width, out);
	int rc = -1;

	kver_format(a->rc.rules, rules, sizeof(rules));
	safe_term(rel, sizeof(rel), a->m.kernel_release[0] ? a->m.kernel_release : "(release unknown)");
	snprintf(line, sizeof(line), "Kernel %s, grouping rules %s%s", rel, rules,
		 a->rules_outside ? " (nearest known)" : "");
	text_wrap(out, line, width, "", "  ");
	describe_iommu_state(a, state, sizeof(state));
	text_wrap(out, state, width, "", "  ");
	for (size_t i = 0; i < a->m.params.nparams; i++) {
		safe_term(param, sizeof(param), a->m.params.params[i]);
		snprintf(line, sizeof(line), "Kernel parameter %s changes ACS%s", param,
			 strncmp(a->m.params.params[i], "pcie_acs_override", 17)
				 ? " (the control registers read show its effect)"
				 : ": out-of-tree override, isolation assumed without hardware ACS");
		text_wrap(out, line, width, "", "  ");
	}
	/* --assume-acs: the groups shown are the computed ones, named as
	 * what they are, with the IOMMU on as well as off */
	t.hypothetical = assumed_acs_list(a, assumed, sizeof(assumed)) > 0;
	if (t.hypothetical) {
		snprintf(line, sizeof(line),
			 "Assuming ACS enabled at %s (--assume-acs): the groups below are "
			 "hypothetical, computed as if it were; not the kernel's%s",
			 assumed, a->m.nkgroups ? " (list without --assume-acs shows those)" : "");
		text_wrap(out, line, width, "", "  ");
	}

	/* One line per function, as lspci prints: on a narrow terminal the
	 * names in the description are shortened here, never the ids; piped
	 * output is never cut. The budget assumes the widest first two
	 * columns over every function and group; the lines printed are
	 * never wider than budget and those, so nothing is cut (the table
	 * libsmartcols made here before was given the widest line's width). */
	if (width > 0) {
		size_t lead = lead_columns(a, t.hypothetical);

		t.budget = (size_t)width > lead + 3 ? (size_t)width - lead : 3;
	}
	if (a->m.nkgroups && !t.hypothetical) {
		t.order = kernel_group_order(&a->m);
		if (!t.order)
			return -1;
	}
	if (textout_init(&t.to, out, o->color, "GROUP/DEVICE", "DRIVER", "DESCRIPTION"))
		goto out;
	for (int pass = 0; pass < 2; pass++) {
		t.measure = pass == 0;
		if (t.order) {
			if (kernel_blocks(&t) || predicted_blocks(&t, true))
				goto out;
		} else if (predicted_blocks(&t, false)) {
			goto out;
		}
		if (untranslated_blocks(&t))
			goto out;
	}
	if (a->m.nkgroups && a->g.kgroups_differ && !t.hypothetical)
		fprintf(out, "%zu kernel group%s differ%s from the computed isolation groups\n",
			a->g.kgroups_differ, a->g.kgroups_differ == 1 ? "" : "s",
			a->g.kgroups_differ == 1 ? "s" : "");
	rc = ferror(out) ? -1 : 0;
out:
	textout_free(&t.to);
	free(t.order);
	return rc;
}
