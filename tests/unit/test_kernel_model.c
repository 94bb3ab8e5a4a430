// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_kernel_model.c - the edges-and-components computation against a
 * direct transcription of the kernel's sequential algorithm, on random
 * topologies.
 *
 * The reference below follows Linux 6.12 drivers/iommu/iommu.c line by
 * line: pci_device_group() (alias walk with get_pci_alias_or_group(), ACS
 * walk with pci_acs_path_enabled(bus->self), then get_pci_alias_group()
 * and get_pci_function_alias_group() with their devfn bitmap), applied to
 * the functions one at a time in probe order, each joining the group it
 * finds or getting a new one; and pci_for_each_dma_alias()
 * (drivers/pci/search.c) for the walk. Probe order is the order of
 * pci_bus_add_devices(): a bus's functions, then its child buses, which
 * for depth-first bus numbers is (bus, devfn) order. pci_acs_enabled() and
 * pci_acs_path_enabled() are transcribed here too (for a vendor without ACS
 * quirks), independently of the library's acs_enabled() and
 * acs_path_enabled(): what is tested is that acs + relations + union-find
 * reproduce the sequential algorithm, order effects included.
 *
 * Topologies: root ports with every ACS variant (none, full, UF off, no UF
 * in the capability, controls off), switches, nested switches, PCIe-to-PCI
 * bridges with conventional buses and conventional bridges below them,
 * PCI-to-PCIe bridges, multifunction endpoints with and without ACS, RC
 * integrated endpoints, conventional multifunction devices, and same-bus
 * DMA aliases (set directly, to existing and to absent functions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "testutil.h"

#define MAXD 96
#define V_TEST 0x1ab0

struct spec {
	uint8_t bus, devfn;
	int parent; /* spec index or -1 */
	struct synth s;
	uint64_t mask[4];
};

struct gen {
	uint64_t state;
	struct spec *sp;
	int n;
	int next_bus;
	int depth;
	bool odd_mf; /* function 0 without the multifunction bit sometimes */
};

static uint32_t rnd(struct gen *g, uint32_t n)
{
	g->state ^= g->state << 13;
	g->state ^= g->state >> 7;
	g->state ^= g->state << 17;
	return (uint32_t)(g->state % n);
}

static struct spec *add(struct gen *g, uint8_t bus, uint8_t slot, uint8_t fn, int parent)
{
	struct spec *x;

	if (g->n >= MAXD)
		return NULL;
	x = &g->sp[g->n++];
	memset(x->mask, 0, sizeof(x->mask));
	x->bus = bus;
	x->devfn = DEVFN(slot, fn);
	x->parent = parent;
	return x;
}

static void port_acs(struct gen *g, struct synth *s)
{
	switch (rnd(g, 5)) {
	case 0: /* no ACS capability */
		break;
	case 1:
		synth_add_acs(s, REQ_ALL, REQ_ALL);
		break;
	case 2: /* UF off */
		synth_add_acs(s, REQ_ALL, ACS_SV | ACS_RR | ACS_CR);
		break;
	case 3: /* UF not advertised: hard-wired */
		synth_add_acs(s, ACS_SV | ACS_RR | ACS_CR, ACS_SV | ACS_RR | ACS_CR);
		break;
	default: /* controls off */
		synth_add_acs(s, REQ_ALL, 0);
		break;
	}
}

static void fn_acs(struct gen *g, struct synth *s)
{
	switch (rnd(g, 3)) {
	case 0:
		break;
	case 1:
		synth_add_acs(s, ACS_RR | ACS_CR, ACS_RR | ACS_CR);
		break;
	default:
		synth_add_acs(s, ACS_RR | ACS_CR, 0);
		break;
	}
}

static int new_bus(struct gen *g)
{
	return g->next_bus < 255 ? ++g->next_bus : -1;
}

static void gen_conv_bus(struct gen *g, int parent, int bus);
static void gen_link(struct gen *g, int parent, int bus);

/* A multi- or single-function device at slot; type: 0 PCIe endpoint,
 * 1 conventional, 2 RC integrated endpoint. */
static void gen_device(struct gen *g, int parent, int bus, uint8_t slot, int type)
{
	unsigned nfn = 1 + rnd(g, 3);

	for (unsigned fn = 0; fn < nfn; fn++) {
		struct spec *x = add(g, (uint8_t)bus, slot, (uint8_t)fn,
				     parent);

		if (!x)
			return;
		x->devfn = DEVFN(slot, fn);
		synth_endpoint(&x->s, V_TEST, (uint16_t)(0x100 + type), 0x020000);
		if (type != 1) {
			synth_add_pcie(&x->s, type == 2 ? PCIE_RC_END : PCIE_ENDPOINT);
			fn_acs(g, &x->s);
		} else {
			synth_size(&x->s, 256, 256);
		}
		/* function 0's header bit: set when there are more, as the
		 * kernel needs to scan them; sometimes clear anyway (functions
		 * passed through one by one: hypervisor_isolated_pci_functions,
		 * or a broken header) */
		synth_multifunction(&x->s, fn == 0 && nfn > 1 && (!g->odd_mf || rnd(g, 8) != 0));
	}
}

static void gen_root_bus(struct gen *g)
{
	unsigned slot = 0;

	while ((slot += 1 + rnd(g, 4)) < 32 && g->n < MAXD - 8) {
		struct spec *x;
		int sec;

		switch (rnd(g, 8)) {
		case 0:
		case 1: { /* root port(s), one or two functions */
			unsigned nfn = 1 + (rnd(g, 4) == 0);

			for (unsigned fn = 0; fn < nfn; fn++) {
				int me;

				sec = new_bus(g);
				x = add(g, 0, (uint8_t)slot, (uint8_t)fn, -1);
				if (!x || sec < 0)
					return;
				me = g->n - 1;
				synth_bridge(&x->s, 0x1b36, 0x000c, 0, (uint8_t)sec, (uint8_t)sec);
				synth_add_pcie(&x->s, PCIE_ROOT_PORT);
				port_acs(g, &x->s);
				synth_multifunction(&x->s, fn == 0 && nfn > 1);
				gen_link(g, me, sec);
			}
			break;
		}
		case 2:
			gen_device(g, -1, 0, (uint8_t)slot, 0);
			break;
		case 3:
			gen_device(g, -1, 0, (uint8_t)slot, 2);
			break;
		case 4:
			gen_device(g, -1, 0, (uint8_t)slot, 1);
			break;
		case 5: { /* PCI-to-PCIe bridge */
			int me;

			sec = new_bus(g);
			x = add(g, 0, (uint8_t)slot, 0, -1);
			if (!x || sec < 0)
				return;
			me = g->n - 1;
			synth_bridge(&x->s, V_TEST, 0x0208, 0, (uint8_t)sec, (uint8_t)sec);
			synth_add_pcie(&x->s, PCIE_PCIE_BRIDGE);
			gen_link(g, me, sec);
			break;
		}
		case 6: { /* conventional bridge on the root bus */
			int me;

			sec = new_bus(g);
			x = add(g, 0, (uint8_t)slot, 0, -1);
			if (!x || sec < 0)
				return;
			me = g->n - 1;
			synth_bridge(&x->s, V_TEST, 0x0206, 0, (uint8_t)sec, (uint8_t)sec);
			synth_size(&x->s, 256, 256);
			gen_conv_bus(g, me, sec);
			break;
		}
		default:
			break;
		}
	}
}

/* Below a root port, downstream port or PCI-to-PCIe bridge: device 0 only. */
static void gen_link(struct gen *g, int parent, int bus)
{
	struct spec *x;
	int me, sec;

	if (g->depth > 5)
		return;
	g->depth++;
	switch (rnd(g, 5)) {
	case 0:
	case 1:
		gen_device(g, parent, bus, 0, 0);
		break;
	case 2: { /* a switch */
		unsigned ndsp = 1 + rnd(g, 3);
		int usp, ibus = new_bus(g);

		x = add(g, (uint8_t)bus, 0, 0, parent);
		if (!x || ibus < 0)
			break;
		usp = g->n - 1;
		synth_bridge(&x->s, 0x104c, 0x8232, (uint8_t)bus, (uint8_t)ibus, (uint8_t)ibus);
		synth_add_pcie(&x->s, PCIE_UPSTREAM);
		for (unsigned k = 0; k < ndsp; k++) {
			sec = new_bus(g);
			x = add(g, (uint8_t)ibus, (uint8_t)k, 0, usp);
			if (!x || sec < 0)
				break;
			me = g->n - 1;
			synth_bridge(&x->s, 0x104c, 0x8233, (uint8_t)ibus, (uint8_t)sec, (uint8_t)sec);
			synth_add_pcie(&x->s, PCIE_DOWNSTREAM);
			port_acs(g, &x->s);
			gen_link(g, me, sec);
		}
		break;
	}
	case 3: /* PCIe-to-PCI bridge */
		sec = new_bus(g);
		x = add(g, (uint8_t)bus, 0, 0, parent);
		if (!x || sec < 0)
			break;
		me = g->n - 1;
		synth_bridge(&x->s, 0x1b36, 0x000e, (uint8_t)bus, (uint8_t)sec, (uint8_t)sec);
		synth_add_pcie(&x->s, PCIE_PCI_BRIDGE);
		gen_conv_bus(g, me, sec);
		break;
	default:
		break;
	}
	g->depth--;
}

static void gen_conv_bus(struct gen *g, int parent, int bus)
{
	unsigned slot = 0;

	if (g->depth > 5)
		return;
	g->depth++;
	while ((slot += 1 + rnd(g, 8)) < 32 && g->n < MAXD - 8) {
		if (rnd(g, 4) == 0) {
			int sec = new_bus(g), me;
			struct spec *x = add(g, (uint8_t)bus, (uint8_t)slot, 0, parent);

			if (!x || sec < 0)
				break;
			me = g->n - 1;
			synth_bridge(&x->s, V_TEST, 0x0206, (uint8_t)bus, (uint8_t)sec, (uint8_t)sec);
			synth_size(&x->s, 256, 256);
			gen_conv_bus(g, me, sec);
		} else {
			gen_device(g, parent, bus, (uint8_t)slot, 1);
		}
	}
	g->depth--;
}

static int cmp_spec(const void *a, const void *b)
{
	const struct spec *x = *(const struct spec *const *)a, *y = *(const struct spec *const *)b;

	if (x->bus != y->bus)
		return x->bus - y->bus;
	return x->devfn - y->devfn;
}

/* ---- the kernel's algorithm ------------------------------------------------ */

struct ref {
	const struct sysmodel *m;
	const struct rulectx *rc; /* the DMA aliases the test set */
	int *group;
	int ngroups;
};

/* pci_acs_flags_enabled(), drivers/pci/pci.c: capabilities missing from
 * the capability register count as hard-wired on (egress control aside). */
static bool ref_acs_flags_enabled(const struct dev *d, uint16_t flags)
{
	if (d->acs != ACS_PRESENT)
		return false;
	flags &= d->acs_cap | ACS_EC;
	return (d->acs_ctrl & flags) == flags;
}

/* pci_acs_enabled() for a vendor without ACS quirks (V_TEST): written out
 * here, not the library's acs_enabled(), so that a bug there shows. */
static bool ref_acs_enabled(const struct sysmodel *m, int i, uint16_t flags)
{
	const struct dev *d = &m->devs[i];

	if (!dev_is_pcie(d))
		return false;
	switch (d->pcie_type) {
	case PCIE_PCIE_BRIDGE:
	case PCIE_PCI_BRIDGE:
	case PCIE_RC_EC:
		return false;
	case PCIE_DOWNSTREAM:
	case PCIE_ROOT_PORT:
		return ref_acs_flags_enabled(d, flags);
	case PCIE_ENDPOINT:
	case PCIE_UPSTREAM:
	case PCIE_LEGACY_ENDPOINT:
	case PCIE_RC_END:
		if (!d->multifunction)
			break;
		return ref_acs_flags_enabled(d, flags);
	default:
		break;
	}
	return true;
}

/* pci_acs_path_enabled(start, NULL, flags): every function from start up
 * to the root bus. Bounded by the function count (the model is a tree). */
static bool ref_acs_path_enabled(const struct sysmodel *m, int start, uint16_t flags)
{
	size_t steps = 0;

	for (int p = start; p != NO_DEV && steps <= m->ndevs; p = m->devs[p].parent, steps++)
		if (!ref_acs_enabled(m, p, flags))
			return false;
	return true;
}

static bool acs_ok(const struct sysmodel *m, int i)
{
	return ref_acs_enabled(m, i, ACS_REQ_FLAGS);
}

static bool same_bus(const struct sysmodel *m, int a, int b)
{
	return m->devs[a].domain == m->devs[b].domain && m->devs[a].bus == m->devs[b].bus;
}

/* pci_devs_are_dma_aliases() */
static bool are_aliases(const struct ref *r, int a, int b)
{
	const struct sysmodel *m = r->m;

	return dev_has_dma_alias(&r->rc->dev[a], m->devs[b].devfn) ||
	       dev_has_dma_alias(&r->rc->dev[b], m->devs[a].devfn) || m->devs[a].real_dma_dev == b ||
	       m->devs[b].real_dma_dev == a;
}

static int alias_group(struct ref *r, int pdev, uint64_t *devfns);

/* get_pci_function_alias_group() */
static int function_alias_group(struct ref *r, int pdev, uint64_t *devfns)
{
	const struct sysmodel *m = r->m;

	if (!m->devs[pdev].multifunction || acs_ok(m, pdev))
		return -1;
	for (size_t t = 0; t < m->ndevs; t++) {
		int g;

		if ((int)t == pdev || !same_bus(m, (int)t, pdev) ||
		    DEVFN_SLOT(m->devs[t].devfn) != DEVFN_SLOT(m->devs[pdev].devfn) ||
		    acs_ok(m, (int)t))
			continue;
		g = alias_group(r, (int)t, devfns);
		if (g >= 0)
			return g;
	}
	return -1;
}

/* get_pci_alias_group() */
static int alias_group(struct ref *r, int pdev, uint64_t *devfns)
{
	const struct sysmodel *m = r->m;
	uint8_t devfn = m->devs[pdev].devfn;

	if (devfns[devfn >> 6] & (1ull << (devfn & 63)))
		return -1;
	devfns[devfn >> 6] |= 1ull << (devfn & 63);
	if (r->group[pdev] >= 0)
		return r->group[pdev];
	for (size_t t = 0; t < m->ndevs; t++) {
		int g;

		if ((int)t == pdev || !same_bus(m, (int)t, pdev))
			continue;
		if (are_aliases(r, pdev, (int)t)) {
			g = alias_group(r, (int)t, devfns);
			if (g >= 0)
				return g;
			g = function_alias_group(r, (int)t, devfns);
			if (g >= 0)
				return g;
		}
	}
	return -1;
}

/* pci_device_group() for one function, given the groups so far. */
static int device_group(struct ref *r, int pdev)
{
	const struct sysmodel *m = r->m;
	uint64_t devfns[4] = { 0 };
	int last, g;
	int d = m->devs[pdev].real_dma_dev;

	/* pci_for_each_dma_alias(pdev, get_pci_alias_or_group): the callback
	 * records the device and stops at the first that has a group. */
	last = d;
	if (r->group[d] >= 0)
		return r->group[d];
	/* the dma_alias_mask entries are reported with pdev = d itself */
	for (int b = m->devs[d].parent; b != NO_DEV; b = m->devs[b].parent) {
		const struct dev *br = &m->devs[b];
		unsigned flags = r->rc->dev[b].dev_flags;

		if (flags & DEVF_BRIDGE_XLATE_ROOT)
			break;
		if (dev_is_pcie(br)) {
			if (br->pcie_type == PCIE_ROOT_PORT || br->pcie_type == PCIE_UPSTREAM ||
			    br->pcie_type == PCIE_DOWNSTREAM)
				continue;
			if (br->pcie_type == PCIE_PCI_BRIDGE &&
			    (flags & DEVF_PCI_BRIDGE_NO_ALIAS))
				continue;
			if (br->pcie_type != PCIE_PCI_BRIDGE && br->pcie_type != PCIE_PCIE_BRIDGE)
				continue; /* other types: not in the kernel's switch */
		}
		last = b;
		if (r->group[b] >= 0)
			return r->group[b];
	}
	/* the ACS walk from the point of minimum granularity */
	for (int b = m->devs[last].parent; b != NO_DEV; b = m->devs[b].parent) {
		if (ref_acs_path_enabled(m, b, ACS_REQ_FLAGS))
			break;
		last = b;
		if (r->group[b] >= 0)
			return r->group[b];
	}
	g = alias_group(r, last, devfns);
	if (g >= 0)
		return g;
	g = function_alias_group(r, last, devfns);
	if (g >= 0)
		return g;
	return r->ngroups++;
}

static void describe_model(const struct tm *t)
{
	for (size_t i = 0; i < t->m.ndevs; i++) {
		const struct dev *d = &t->m.devs[i];

		print_error("  %s parent %s type %s acs %d cap %04x ctrl %04x mf %d mask %d\n", d->bdf,
			    d->parent == NO_DEV ? "-" : t->m.devs[d->parent].bdf,
			    pcie_type_name(d->pcie_type), d->acs, d->acs_cap, d->acs_ctrl,
			    d->multifunction, dev_any_dma_alias(&t->rc.dev[i]));
	}
}

static bool one_topology(uint64_t seed, bool odd_mf, bool verbose)
{
	struct spec *sp = calloc(MAXD, sizeof(*sp)), *sorted[MAXD];
	struct gen g = { .state = seed * 2654435761u + 1, .sp = sp, .odd_mf = odd_mf };
	int map[MAXD];
	struct tm t;
	struct ref r;
	bool ok = true;

	assert_non_null(sp);
	gen_root_bus(&g);
	/* same-bus DMA aliases, to existing functions or to absent ones */
	for (int k = 0; k < g.n; k++) {
		if (rnd(&g, 6))
			continue;
		if (rnd(&g, 2)) {
			int other = (int)rnd(&g, (uint32_t)g.n);

			if (sp[other].bus == sp[k].bus)
				sp[k].mask[sp[other].devfn >> 6] |= 1ull << (sp[other].devfn & 63);
		} else {
			uint8_t ghost = (uint8_t)(sp[k].devfn | 7);

			sp[k].mask[ghost >> 6] |= 1ull << (ghost & 63);
		}
	}
	for (int k = 0; k < g.n; k++)
		sorted[k] = &sp[k];
	qsort(sorted, (size_t)g.n, sizeof(sorted[0]), cmp_spec);
	for (int k = 0; k < g.n; k++)
		map[sorted[k] - sp] = k;

	tm_init(&t);
	t.skip_dma_quirks = true;
	for (int k = 0; k < g.n; k++) {
		char bdf[16];
		int i;

		snprintf(bdf, sizeof(bdf), "%02x:%02x.%d", sorted[k]->bus, DEVFN_SLOT(sorted[k]->devfn),
			 DEVFN_FUNC(sorted[k]->devfn));
		i = tm_add(&t, bdf, &sorted[k]->s,
			   sorted[k]->parent < 0 ? NO_DEV : map[sorted[k]->parent]);
		memcpy(t.rc.dev[i].dma_alias_mask, sorted[k]->mask, sizeof(sorted[k]->mask));
	}
	tm_build(&t);

	r.m = &t.m;
	r.rc = &t.rc;
	r.ngroups = 0;
	r.group = malloc((t.m.ndevs ? t.m.ndevs : 1) * sizeof(int));
	assert_non_null(r.group);
	for (size_t i = 0; i < t.m.ndevs; i++)
		r.group[i] = -1;
	for (size_t i = 0; i < t.m.ndevs; i++)
		r.group[i] = device_group(&r, (int)i);

	for (size_t i = 0; i < t.m.ndevs && ok; i++)
		for (size_t j = i + 1; j < t.m.ndevs && ok; j++)
			if ((r.group[i] == r.group[j]) !=
			    (t.g.isolation_of[i] == t.g.isolation_of[j])) {
				print_error("seed %llu: %s and %s: kernel algorithm %s, computed %s\n",
					    (unsigned long long)seed, t.m.devs[i].bdf, t.m.devs[j].bdf,
					    r.group[i] == r.group[j] ? "together" : "apart",
					    t.g.isolation_of[i] == t.g.isolation_of[j] ? "together"
											: "apart");
				ok = false;
			}
	/* every alias set inside one isolation group */
	for (size_t e = 0; e < t.r.n && ok; e++)
		if (t.r.v[e].alias && t.g.isolation_of[t.r.v[e].a] != t.g.isolation_of[t.r.v[e].b])
			ok = false;
	if (!ok || verbose)
		describe_model(&t);
	free(r.group);
	tm_free(&t);
	free(sp);
	return ok;
}

static void run_random(bool odd_mf)
{
	const char *env = getenv("IOMMU_GROUPS_RANDOM_ROUNDS");
	unsigned rounds = env ? (unsigned)strtoul(env, NULL, 10) : 3000;
	unsigned failures = 0;

	for (unsigned s = 1; s <= rounds && failures < 3; s++)
		if (!one_topology(s, odd_mf, false))
			failures++;
	if (failures)
		fail_msg("%u topolog%s where the computed groups differ from the kernel's algorithm",
			 failures, failures == 1 ? "y" : "ies");
}

/* Every multifunction device with the header bit on function 0, as the
 * kernel needs to scan the other functions (next_fn()). */
static void random_topologies(void **state)
{
	(void)state;
	run_random(false);
}

/*
 * Function 0 without the multifunction bit while other functions exist
 * (functions passed through one by one, hypervisor_isolated_pci_functions(),
 * or ARI). get_pci_function_alias_group() returns for function 0 at once
 * (!pdev->multifunction), and each later function joins the FIRST group it
 * finds: the kernel's groups are then not closed under the relations (e.g.
 * seed 1690: 1e.1 joins 0f.0 through a DMA alias, 1e.2 joins 1e.0, so two
 * non-isolated functions of one slot end in different groups). Connected
 * components joined them all; the probe sequence (groups.c) does not.
 */
static void random_topologies_odd_function0(void **state)
{
	(void)state;
	run_random(true);
}

/*
 * A function R with DMA-alias quirks to two functions P and Q of its bus
 * (probe order P, Q, R): Q's get_pci_alias_group() walks through R, not
 * yet probed, to P's group, so all three end in one group, as connected
 * components have it.
 */
static void quirk_alias_to_two(void **state)
{
	struct tm t;
	struct synth s;
	int r;

	(void)state;
	tm_init(&t);
	t.skip_dma_quirks = true;
	sy_pcie_ep(&s, V_TEST, 1, false);
	tm_add(&t, "00:01.0", &s, NO_DEV);
	tm_add(&t, "00:02.0", &s, NO_DEV);
	r = tm_add(&t, "00:03.0", &s, NO_DEV);
	dev_add_dma_alias(&t.rc.dev[r], DEVFN(1, 0));
	dev_add_dma_alias(&t.rc.dev[r], DEVFN(2, 0));
	tm_build(&t);
	expect_iso(&t, "00:01.0 00:02.0 00:03.0");
	tm_free(&t);
}

/*
 * A function R that aliases two functions P and Q of its bus which already
 * have different groups when R is probed: R's IVRS alias to P becomes a DMA
 * alias only at R's own probe (setup_aliases), so P and Q, probed before,
 * cannot reach each other through it. get_pci_alias_group(R) returns the
 * first group it meets (P's: the bus list is in probe order), so the kernel
 * makes {P, R} and {Q}; connected components would make {P, Q, R}.
 */
static void ivrs_alias_to_two_groups(void **state)
{
	struct tm t;
	struct synth s;
	struct acpi_tables *a = calloc(1, sizeof(*a));
	struct ivhd *h = calloc(1, sizeof(*h));
	struct ivrs_range *rg = calloc(2, sizeof(*rg));
	int r;

	(void)state;
	assert_non_null(a);
	assert_non_null(h);
	assert_non_null(rg);
	/* one unit translating everything (its own function 00:1f.7 is not in
	 * the model), 00:03.0 arriving as 00:01.0 */
	rg[0] = (struct ivrs_range){ IVHD_DEV_ALL, 0x0000, 0xffff, false, 0 };
	rg[1] = (struct ivrs_range){ IVHD_DEV_ALIAS, 0x0018, 0x0018, true, 0x0008 };
	*h = (struct ivhd){ 0x10, 0x00ff, 0, rg, 2 };
	a->ivrs_read = true;
	a->ivhd = h;
	a->nivhd = 1;
	a->ivhd_type = 0x10;
	tm_init(&t);
	t.skip_dma_quirks = true;
	t.m.acpi = a;
	sy_pcie_ep(&s, V_TEST, 1, false);
	tm_add(&t, "00:01.0", &s, NO_DEV);
	tm_add(&t, "00:02.0", &s, NO_DEV);
	r = tm_add(&t, "00:03.0", &s, NO_DEV);
	dev_add_dma_alias(&t.rc.dev[r], DEVFN(2, 0));
	tm_build(&t);
	assert_non_null(tm_edge(&t, "00:03.0", "00:01.0", REL_IVRS_ALIAS));
	expect_iso(&t, "00:01.0 00:03.0 | 00:02.0");
	/* the alias edge to the other group stays, outside both alias sets */
	expect_alias(&t, "00:01.0 00:03.0 | 00:02.0");
	tm_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_topologies),
		cmocka_unit_test(random_topologies_odd_function0),
		cmocka_unit_test(quirk_alias_to_two),
		cmocka_unit_test(ivrs_alias_to_two_groups),
	};

	return tu_run("kernel-model", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
