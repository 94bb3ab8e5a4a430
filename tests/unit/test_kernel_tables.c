// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_kernel_tables.c - every quirk table of src/engine/quirks_acs.c and
 * src/engine/quirks_dma.c against the kernel's own, as gen-kernel-tables.py
 * extracted them from the Debian linux-source of each release the tool
 * claims (kernel_tables_5_10.h, _6_12.h, _7_2.h; kver_known[]). At each
 * release, in both directions (nothing missing, nothing extra valid there):
 *  - pci_dev_acs_enabled[]: entry by entry in the kernel's order, vendor,
 *    device and function (the function stands for the entry's kind);
 *  - the id lists inside the ACS quirk functions: every one of the 65536
 *    device ids, through acs_quirk_id_listed(), against the kernel's list;
 *  - the DMA-alias fixups: vendor, device, subsystem ids, class match,
 *    function and alias devfn;
 *  - pci_disable_broken_acs_cap(): vendor, device and the bits cleared.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

struct kt_acs {
	uint16_t vendor, device;
	const char *fn;
};

struct kt_span {
	uint16_t lo, hi;
};

struct kt_idlist {
	const char *name;
	const struct kt_span *spans;
	size_t n;
};

struct kt_dma {
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class_val, class_mask;
	const char *fn;
	uint16_t arg;
};

struct kt_cap {
	uint16_t vendor, device, clear;
};

struct kt_release {
	struct kver series;
	const char *package; /* the Debian linux-source version extracted */
	const struct kt_acs *acs;
	size_t n_acs;
	const struct kt_idlist *idlists;
	size_t n_idlists;
	const struct kt_dma *dma;
	size_t n_dma;
	const struct kt_cap *cap;
	size_t n_cap;
};

#define KT_N(a) (sizeof(a) / sizeof((a)[0]))

#include "kernel_tables_5_10.h"
#include "kernel_tables_6_12.h"
#include "kernel_tables_7_2.h"

static const struct kt_release *const releases[] = { &kt_5_10, &kt_6_12, &kt_7_2 };

/* Every release the tool claims (kver_known[]) has a generated table. */
static void every_known_release_has_tables(void **state)
{
	(void)state;
	for (unsigned i = 0; i < kver_nknown; i++) {
		bool found = false;

		for (size_t r = 0; r < KT_N(releases); r++)
			found |= kver_cmp(releases[r]->series, kver_known[i]) == 0;
		if (!found)
			fail_msg("kver_known[%u] = %d.%d: no kernel_tables header", i, kver_known[i].major,
				 kver_known[i].minor);
	}
}

static size_t acs_table(const struct kt_release *r)
{
	struct kver v = r->series;
	size_t k = 0, bad = 0;

	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i];

		if (!kver_in(v, q->kernels))
			continue;
		if (k >= r->n_acs) {
			print_error("%d.%d: acs_quirks[%u] %04x:%04x %s: beyond the kernel's %zu entries\n",
				    v.major, v.minor, i, q->vendor, q->device, acs_quirk_kernel_fn(q), r->n_acs);
			bad++;
			continue;
		}
		if (q->vendor != r->acs[k].vendor || q->device != r->acs[k].device ||
		    strcmp(acs_quirk_kernel_fn(q), r->acs[k].fn)) {
			print_error("%d.%d: acs_quirks[%u] %04x:%04x %s, kernel entry %zu %04x:%04x %s\n",
				    v.major, v.minor, i, q->vendor, q->device, acs_quirk_kernel_fn(q), k,
				    r->acs[k].vendor, r->acs[k].device, r->acs[k].fn);
			bad++;
		}
		k++;
	}
	if (k < r->n_acs) {
		print_error("%d.%d: kernel entries from %zu on (%04x:%04x %s) missing\n", v.major, v.minor, k,
			    r->acs[k].vendor, r->acs[k].device, r->acs[k].fn);
		bad++;
	}
	return bad;
}

static const struct kt_idlist *kernel_idlist(const struct kt_release *r, const char *name)
{
	for (size_t i = 0; i < r->n_idlists; i++)
		if (!strcmp(r->idlists[i].name, name))
			return &r->idlists[i];
	return NULL;
}

static bool kind_valid_at(enum acs_quirk_kind k, struct kver v)
{
	for (unsigned i = 0; i < n_acs_quirks; i++)
		if (acs_quirks[i].kind == k && kver_in(v, acs_quirks[i].kernels))
			return true;
	return false;
}

static size_t id_lists(const struct kt_release *r)
{
	struct kver v = r->series;
	size_t bad = 0;

	/* each kernel list is some kind's list */
	for (size_t i = 0; i < r->n_idlists; i++) {
		bool claimed = false;

		for (unsigned k = 0; k < ACSQ_NKINDS; k++)
			claimed |= acs_quirk_kinds[k].id_list &&
				   !strcmp(acs_quirk_kinds[k].id_list, r->idlists[i].name);
		if (!claimed) {
			print_error("%d.%d: the kernel's id list %s is no kind's id_list\n", v.major, v.minor,
				    r->idlists[i].name);
			bad++;
		}
	}
	for (unsigned k = 0; k < ACSQ_NKINDS; k++) {
		const char *name = acs_quirk_kinds[k].id_list;
		const struct kt_idlist *l;
		unsigned wrong = 0, first = 0;

		if (!name) {
			/* a kind without a list answers no for every id */
			for (unsigned id = 0; id <= 0xffff; id++)
				if (acs_quirk_id_listed((enum acs_quirk_kind)k, (uint16_t)id, v)) {
					print_error("%d.%d: %s has no id list but lists %04x\n", v.major, v.minor,
						    acs_quirk_kinds[k].kernel_fn, id);
					bad++;
					break;
				}
			continue;
		}
		l = kernel_idlist(r, name);
		if (!l) {
			if (kind_valid_at((enum acs_quirk_kind)k, v)) {
				print_error("%d.%d: no kernel id list %s\n", v.major, v.minor, name);
				bad++;
			}
			continue;
		}
		for (unsigned id = 0; id <= 0xffff; id++) {
			bool kernel = false;

			for (size_t s = 0; s < l->n && !kernel; s++)
				kernel = id >= l->spans[s].lo && id <= l->spans[s].hi;
			if (kernel != acs_quirk_id_listed((enum acs_quirk_kind)k, (uint16_t)id, v)) {
				if (!wrong++)
					first = id;
			}
		}
		if (wrong) {
			print_error("%d.%d: %s: %u device id(s) differ from the kernel's, the first %04x "
				    "(kernel: %s)\n",
				    v.major, v.minor, name, wrong, first,
				    acs_quirk_id_listed((enum acs_quirk_kind)k, (uint16_t)first, v) ? "not listed"
												       : "listed");
			bad++;
		}
	}
	return bad;
}

static bool dma_same(const struct dma_quirk *q, const struct kt_dma *e)
{
	return q->vendor == e->vendor && q->device == e->device && q->subvendor == e->subvendor &&
	       q->subdevice == e->subdevice && q->class_val == e->class_val &&
	       q->class_mask == e->class_mask && q->arg == e->arg && !strcmp(dma_quirk_kernel_fn(q), e->fn);
}

static bool kt_same(const struct kt_dma *a, const struct kt_dma *b)
{
	return a->vendor == b->vendor && a->device == b->device && a->subvendor == b->subvendor &&
	       a->subdevice == b->subdevice && a->class_val == b->class_val &&
	       a->class_mask == b->class_mask && a->arg == b->arg && !strcmp(a->fn, b->fn);
}

static size_t dma_table(const struct kt_release *r)
{
	struct kver v = r->series;
	size_t bad = 0;

	for (size_t k = 0; k < r->n_dma; k++) {
		const struct kt_dma *e = &r->dma[k];
		unsigned found = 0, want = 0;

		/* as many valid entries as the kernel has identical rows */
		for (size_t j = 0; j < r->n_dma; j++)
			want += kt_same(&r->dma[j], e);
		for (unsigned i = 0; i < n_dma_quirks; i++)
			found += kver_in(v, dma_quirks[i].kernels) && dma_same(&dma_quirks[i], e);
		if (found != want) {
			print_error("%d.%d: kernel fixup %04x:%04x sub %04x:%04x class %06x/%06x %s arg %02x: "
				    "%u valid entries, kernel has %u\n",
				    v.major, v.minor, e->vendor, e->device, e->subvendor, e->subdevice,
				    e->class_val, e->class_mask, e->fn, e->arg, found, want);
			bad++;
		}
	}
	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];
		bool found = false;

		if (!kver_in(v, q->kernels))
			continue;
		for (size_t k = 0; k < r->n_dma && !found; k++)
			found = dma_same(q, &r->dma[k]);
		if (!found) {
			print_error("%d.%d: dma_quirks[%u] %04x:%04x sub %04x:%04x class %06x/%06x %s arg %02x: "
				    "valid but not in the kernel's source\n",
				    v.major, v.minor, i, q->vendor, q->device, q->subvendor, q->subdevice,
				    q->class_val, q->class_mask, dma_quirk_kernel_fn(q), q->arg);
			bad++;
		}
	}
	return bad;
}

static size_t cap_table(const struct kt_release *r)
{
	struct kver v = r->series;
	size_t bad = 0;

	for (size_t k = 0; k < r->n_cap; k++) {
		bool found = false;

		for (unsigned i = 0; i < n_acs_cap_fixups && !found; i++)
			found = kver_in(v, acs_cap_fixups[i].kernels) &&
				acs_cap_fixups[i].vendor == r->cap[k].vendor &&
				acs_cap_fixups[i].device == r->cap[k].device &&
				acs_cap_fixups[i].clear == r->cap[k].clear;
		if (!found) {
			print_error("%d.%d: pci_disable_broken_acs_cap %04x:%04x clear %04x missing\n", v.major,
				    v.minor, r->cap[k].vendor, r->cap[k].device, r->cap[k].clear);
			bad++;
		}
	}
	for (unsigned i = 0; i < n_acs_cap_fixups; i++) {
		const struct acs_cap_fixup *f = &acs_cap_fixups[i];
		bool found = false;

		if (!kver_in(v, f->kernels))
			continue;
		for (size_t k = 0; k < r->n_cap && !found; k++)
			found = f->vendor == r->cap[k].vendor && f->device == r->cap[k].device &&
				f->clear == r->cap[k].clear;
		if (!found) {
			print_error("%d.%d: acs_cap_fixups[%u] %04x:%04x clear %04x valid but not in the "
				    "kernel's source\n",
				    v.major, v.minor, i, f->vendor, f->device, f->clear);
			bad++;
		}
	}
	return bad;
}

static void each_release(size_t (*check)(const struct kt_release *), const char *what)
{
	size_t bad = 0;

	for (size_t r = 0; r < KT_N(releases); r++)
		bad += check(releases[r]);
	if (bad)
		fail_msg("%zu difference(s) from the kernel's %s", bad, what);
}

static void acs_table_matches_kernel(void **state)
{
	(void)state;
	each_release(acs_table, "pci_dev_acs_enabled[]");
}

static void acs_id_lists_match_kernel(void **state)
{
	(void)state;
	each_release(id_lists, "device-id lists in ACS quirk functions");
}

static void dma_table_matches_kernel(void **state)
{
	(void)state;
	each_release(dma_table, "DMA-alias fixups");
}

static void acs_cap_fixups_match_kernel(void **state)
{
	(void)state;
	each_release(cap_table, "pci_disable_broken_acs_cap()");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_known_release_has_tables),
		cmocka_unit_test(acs_table_matches_kernel),
		cmocka_unit_test(acs_id_lists_match_kernel),
		cmocka_unit_test(dma_table_matches_kernel),
		cmocka_unit_test(acs_cap_fixups_match_kernel),
	};

	return tu_run("kernel-tables", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
