// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_fuzz.c - random config space (structured: headers, looping and
 * dangling capability chains, random PCIe types, ACS bits, truncation at
 * every interesting length) through the whole pipeline, under ASan and
 * UBSan. Nothing is compared with the kernel here; the checks are memory
 * safety and the invariants of the result: every edge joins two existing
 * functions, the sets partition the functions, every alias set lies
 * inside one isolation group, an uncertain edge makes its group uncertain.
 *
 * Extended-capability pointers go anywhere up to the last dword, and the
 * space after the chain is sometimes random garbage (headers included).
 *
 * IOMMU_GROUPS_FUZZ_ROUNDS sets the number of models (default 2000).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static uint64_t st;

static uint32_t rnd(uint32_t n)
{
	st ^= st << 13;
	st ^= st >> 7;
	st ^= st << 17;
	return (uint32_t)(st % n);
}

static const uint16_t vendors[] = { 0x1ab0, 0x8086, 0x1002, 0x1022, 0x177d, 0x1d17, 0x8088,
				    0x1b36, 0x104c, 0x10b5, 0x1a03, 0x14e4, 0x111d };

static void random_config(struct synth *s, bool bridge)
{
	static const size_t lens[] = { 0, 16, 63, 64, 65, 200, 255, 256, 257, 4095, 4096 };
	uint16_t vendor = vendors[rnd(sizeof(vendors) / sizeof(vendors[0]))];
	uint16_t device = (uint16_t)(rnd(4) ? rnd(0x10000) : 0x3b42 + rnd(16));
	unsigned ncap = rnd(4), next;

	if (bridge)
		synth_bridge(s, vendor, device, 0, (uint8_t)rnd(256), (uint8_t)rnd(256));
	else
		synth_endpoint(s, vendor, device, rnd(2) ? 0x020000 : rnd(0x1000000));
	synth_multifunction(s, rnd(3) == 0);
	synth_subsystem(s, (uint16_t)rnd(0x10000), (uint16_t)rnd(0x10000));
	for (unsigned k = 0; k < ncap; k++) {
		if (rnd(2))
			synth_add_pcie(s, (enum pcie_type)rnd(16));
		else
			synth_add_cap(s, (uint8_t)rnd(256), (uint8_t)(4 + rnd(60)));
		if (s->cap_next > 0xf0)
			break;
	}
	if (rnd(8) == 0 && s->cap_last) /* loop or dangle */
		s->b[s->cap_last + 1] = (uint8_t)rnd(256);
	next = rnd(4);
	for (unsigned k = 0; k < next && s->ext_next < 0xf00; k++) {
		if (rnd(2)) {
			uint16_t pos = synth_add_acs(s, (uint16_t)rnd(0x80), (uint16_t)rnd(0x80));

			synth_w32(s, pos + 8, rnd(0x80));
		} else {
			synth_add_ext_cap(s, (uint16_t)rnd(0x30), (uint16_t)(8 + rnd(0x80)));
		}
	}
	if (rnd(8) == 0 && s->ext_last) { /* loop or dangle, up to 0xffc */
		uint32_t h = (uint32_t)s->b[s->ext_last] | (uint32_t)s->b[s->ext_last + 1] << 8;

		synth_w32(s, s->ext_last, h | 1u << 16 | (uint32_t)(0x100 + rnd(0xf00)) << 20);
	}
	if (rnd(4) == 0) /* garbage after the chain */
		for (size_t o = s->ext_next; o < sizeof(s->b); o++)
			s->b[o] = (uint8_t)(rnd(4) ? rnd(256) : rnd(2) ? 0x0d : 0x10);
	if (rnd(4) == 0)
		synth_w32(s, 0xf0, rnd(2) ? 0xfed1c001 : 0xfed1c000);
	if (rnd(3) == 0) {
		size_t len = lens[rnd(sizeof(lens) / sizeof(lens[0]))];

		synth_size(s, len, rnd(2) ? 4096 : (len > 256 ? 4096 : 256));
	}
}

static int find(int *p, int x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

static void check_invariants(const struct tm *t)
{
	size_t n = t->m.ndevs, total = 0;
	int comp[64];

	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++)
		comp[i] = (int)i;

	for (size_t e = 0; e < t->r.n; e++) {
		const struct rel *r = &t->r.v[e];

		assert_true(r->a >= 0 && (size_t)r->a < n && r->b >= 0 && (size_t)r->b < n);
		assert_true(r->at >= 0 && (size_t)r->at < n);
		assert_true((unsigned)r->kind < REL_NKINDS);
		/* an edge may join two groups: the kernel gives a function
		 * the FIRST group it meets (groups.c); inside one group an
		 * alias edge is inside one alias set */
		if (r->alias && t->g.isolation_of[r->a] == t->g.isolation_of[r->b])
			assert_int_equal(t->g.alias_of[r->a], t->g.alias_of[r->b]);
		if (!r->certain) {
			assert_false(t->g.isolation_groups[t->g.isolation_of[r->a]].certain);
			assert_false(t->g.isolation_groups[t->g.isolation_of[r->b]].certain);
		}
		comp[find(comp, r->a)] = find(comp, r->b);
	}
	/* ... but never more than the edges join: each group inside one
	 * connected component */
	for (size_t s = 0; s < t->g.niso; s++)
		for (size_t k = 1; k < t->g.isolation_groups[s].n; k++)
			assert_int_equal(find(comp, t->g.isolation_groups[s].members[k]),
					 find(comp, t->g.isolation_groups[s].members[0]));
	for (size_t s = 0; s < t->g.niso; s++)
		total += t->g.isolation_groups[s].n;
	assert_int_equal(total, n);
	total = 0;
	for (size_t s = 0; s < t->g.nalias; s++) {
		const struct set *as = &t->g.alias_sets[s];

		total += as->n;
		for (size_t k = 0; k < as->n; k++) {
			assert_int_equal(t->g.alias_of[as->members[k]], (int)s);
			assert_int_equal(t->g.isolation_of[as->members[k]],
					 t->g.isolation_of[as->members[0]]);
		}
	}
	assert_int_equal(total, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(t->r.point[i] >= 0 && (size_t)t->r.point[i] < n);
		enum tri a = acs_enabled(&t->m, &t->rc, (int)i, ACS_REQ_FLAGS, NULL);

		/* "unknown" only ever comes from config space that could not
		 * be read; an --assume-acs function is isolated by assumption */
		assert_true(a == TRI_NO || a == TRI_YES || a == TRI_UNKNOWN);
		if (a == TRI_UNKNOWN)
			assert_true(t->m.config_truncated);
		if (rulectx_dev(&t->rc, (int)i)->assume_acs)
			assert_int_equal(a, TRI_YES);
	}
	for (size_t k = 0; k < t->r.nrids; k++)
		assert_true(t->r.rids[k].owner >= 0 && (size_t)t->r.rids[k].owner < n);
}

static void fuzz_pipeline(void **state)
{
	const char *env = getenv("IOMMU_GROUPS_FUZZ_ROUNDS");
	unsigned rounds = env ? (unsigned)strtoul(env, NULL, 10) : 2000;

	(void)state;
	for (unsigned round = 1; round <= rounds; round++) {
		struct tm t;
		unsigned ndev = 1 + rnd(12), bus = 0;
		int bridges[16], nbr = 0;

		st = round * 0x9e3779b97f4a7c15ull + 7;
		tm_init(&t);
		if (rnd(3) == 0)
			t.rc.rules = rnd(2) ? KV(7, 3) : KV(5, 10);
		t.rc.predict_acs_enable = rnd(3) == 0;
		t.m.has_ivrs = rnd(2);
		for (unsigned i = 0; i < ndev; i++) {
			struct synth s;
			bool bridge = rnd(3) == 0;
			int parent = nbr && rnd(4) ? bridges[rnd((uint32_t)nbr)] : NO_DEV;
			char bdf[16];
			int idx;

			/* one function per bus, or another function of the slot
			 * before (same bus, same parent) */
			if (i == 0 || rnd(3)) {
				bus++;
				snprintf(bdf, sizeof(bdf), "%02x:%02x.0", bus, rnd(32));
			} else {
				const struct dev *prev = &t.m.devs[t.m.ndevs - 1];

				if (DEVFN_FUNC(prev->devfn) == 7) {
					i--;
					ndev--;
					continue;
				}
				parent = prev->parent;
				snprintf(bdf, sizeof(bdf), "%02x:%02x.%d", bus, DEVFN_SLOT(prev->devfn),
					 DEVFN_FUNC(prev->devfn) + 1);
			}
			random_config(&s, bridge);
			idx = tm_add(&t, bdf, &s, parent);
			if (rnd(10) == 0)
				t.m.devs[idx].is_vf = true;
			if (bridge && nbr < 16)
				bridges[nbr++] = idx;
		}
		if (t.m.ndevs > 1 && rnd(5) == 0) /* a VMD-like redirection */
			t.m.devs[t.m.ndevs - 1].real_dma_dev = 0;
		tm_build(&t);
		check_invariants(&t);
		tm_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fuzz_pipeline),
	};

	return tu_run("fuzz", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
