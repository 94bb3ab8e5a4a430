// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * groups.c - alias sets and isolation groups from the relation edges (see
 * groups.h).
 *
 * Isolation groups are the kernel's probe sequence replayed over the edges
 * (probe_groups below): the functions in probe order, each taking the
 * FIRST group pci_device_group() (drivers/iommu/iommu.c, 6.12 and 7.2)
 * meets, else a new one. Where no function meets two different groups this
 * is exactly the connected components of the edges; where one does (a DMA
 * alias to two grouped functions, function 0 without the multifunction
 * bit), the kernel's groups are smaller and so are these. Alias sets stay
 * union-find over the alias edges, within one isolation group.
 */
#define _GNU_SOURCE
#include "groups.h"

#include <stdlib.h>
#include <string.h>

static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static void uf_union(int *p, int a, int b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	/* The lower index becomes the root: ids follow device order. */
	if (a < b)
		p[b] = a;
	else if (b < a)
		p[a] = b;
}

/* ---- the kernel's probe sequence -------------------------------------------- */

struct probe {
	const struct sysmodel *m;
	const struct relations *r;
	int *group;       /* per device: group number so far, -1 none */
	int *rank;        /* per device: position in probe order */
	size_t *first, *adj; /* edges per device: adj[first[i] .. first[i+1]) */
	unsigned *seen;   /* get_pci_alias_group()'s devfn bitmap (one bus):
			   * seen when equal to stamp */
	unsigned stamp;
	int ngroups;
	int now;          /* probe rank of the function being probed */
};

static bool same_slot(const struct dev *a, const struct dev *b)
{
	return a->domain == b->domain && a->bus == b->bus &&
	       DEVFN_SLOT(a->devfn) == DEVFN_SLOT(b->devfn);
}

/* The edges of pci_for_each_dma_alias() and the ACS walk: made for `a`,
 * toward the DMA device or a bridge above (never a function of a's slot). */
static bool walk_edge(const struct sysmodel *m, const struct rel *e, int x)
{
	if (e->a != x || same_slot(&m->devs[e->a], &m->devs[e->b]))
		return false;
	switch (e->kind) {
	case REL_REAL_DMA_DEV:
	case REL_PCIE_TO_PCI_BRIDGE:
	case REL_PCI_BRIDGE:
	case REL_NO_ACS_UPSTREAM:
	case REL_ACS_DISABLED_UPSTREAM:
	case REL_CONVENTIONAL_BUS:
	case REL_ACS_UNKNOWN:
		return true;
	default:
		return false;
	}
}

/* pci_devs_are_dma_aliases(): either direction, on one bus. An IVRS alias
 * becomes a DMA alias only when the AMD driver probes the function that
 * has it (setup_aliases() in iommu_init_device()): invisible before. */
static bool bus_alias_edge(const struct probe *p, const struct rel *e)
{
	const struct dev *a = &p->m->devs[e->a], *b = &p->m->devs[e->b];

	if (a->domain != b->domain || a->bus != b->bus)
		return false;
	if (e->kind == REL_IVRS_ALIAS)
		return p->rank[e->at] <= p->now;
	return e->kind == REL_DMA_ALIAS_QUIRK || e->kind == REL_REAL_DMA_DEV;
}

/* Non-isolated functions of one slot: relations.c joins two when neither
 * is isolated and one is multifunction; the kernel asks the function it
 * starts from to be multifunction (get_pci_function_alias_group). */
static bool slot_edge(const struct probe *p, const struct rel *e)
{
	const struct sysmodel *m = p->m;

	return (e->kind == REL_MULTIFUNCTION_NO_ACS || e->kind == REL_CONVENTIONAL_BUS) &&
	       e->a != e->b && same_slot(&m->devs[e->a], &m->devs[e->b]);
}

/* The other ends of x's edges that pass `want`, in probe order (the
 * kernel's for_each_pci_dev); out has room for x's degree. */
static size_t partners(const struct probe *p, int x,
		       bool (*want)(const struct probe *, const struct rel *), int *out)
{
	size_t n = 0;

	for (size_t k = p->first[x]; k < p->first[x + 1]; k++) {
		const struct rel *e = &p->r->v[p->adj[k]];
		int o = e->a == x ? e->b : e->a;
		bool dup = false;

		if (!want(p, e))
			continue;
		for (size_t j = 0; j < n && !dup; j++)
			dup = out[j] == o;
		if (dup)
			continue;
		/* insertion by probe rank: degrees are small */
		size_t j = n++;

		for (; j > 0 && p->rank[out[j - 1]] > p->rank[o]; j--)
			out[j] = out[j - 1];
		out[j] = o;
	}
	return n;
}

static int alias_group(struct probe *p, int x, int depth);

/* get_pci_function_alias_group() */
static int function_alias_group(struct probe *p, int x, int depth)
{
	size_t deg = p->first[x + 1] - p->first[x];
	int *o, g = -1;
	size_t n;

	if (!p->m->devs[x].multifunction || depth > 512)
		return -1;
	o = malloc((deg ? deg : 1) * sizeof(int));
	if (!o)
		return -2;
	n = partners(p, x, slot_edge, o);
	for (size_t k = 0; k < n && g == -1; k++)
		g = alias_group(p, o[k], depth + 1);
	free(o);
	return g;
}

/* get_pci_alias_group(): -1 none, -2 allocation failure. */
static int alias_group(struct probe *p, int x, int depth)
{
	size_t deg = p->first[x + 1] - p->first[x];
	int *o, g = -1;
	size_t n;

	if (p->seen[x] == p->stamp || depth > 512)
		return -1;
	p->seen[x] = p->stamp;
	if (p->group[x] >= 0)
		return p->group[x];
	o = malloc((deg ? deg : 1) * sizeof(int));
	if (!o)
		return -2;
	n = partners(p, x, bus_alias_edge, o);
	for (size_t k = 0; k < n && g == -1; k++) {
		g = alias_group(p, o[k], depth + 1);
		if (g == -1)
			g = function_alias_group(p, o[k], depth + 1);
	}
	free(o);
	return g;
}

/* pci_device_group() for x: the group it joins, a new one, or -2. */
static int device_group(struct probe *p, int x)
{
	int last = x, g;

	/* the DMA alias walk, then the ACS walk: edges in walk order */
	for (size_t k = p->first[x]; k < p->first[x + 1]; k++) {
		const struct rel *e = &p->r->v[p->adj[k]];

		if (!walk_edge(p->m, e, x))
			continue;
		last = e->b;
		if (p->group[last] >= 0)
			return p->group[last];
	}
	p->stamp++; /* a fresh bitmap per probe, without clearing it */
	g = alias_group(p, last, 0);
	if (g == -1)
		g = function_alias_group(p, last, 0);
	return g == -1 ? p->ngroups++ : g;
}

static int cmp_rank_key(const void *x, const void *y, void *ctx)
{
	const struct sysmodel *m = ctx;
	const struct dev *a = &m->devs[*(const int *)x], *b = &m->devs[*(const int *)y];

	if (a->is_vf != b->is_vf)
		return a->is_vf ? 1 : -1; /* VFs appear when SR-IOV is enabled */
	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	if (a->devfn != b->devfn)
		return a->devfn < b->devfn ? -1 : 1;
	return *(const int *)x - *(const int *)y;
}

/*
 * Probe order: the order devices were added (bus_iommu_probe() walks the
 * bus in that order), which is the scan's: a bus's functions, then the bus
 * below each bridge in turn (pci_scan_child_bus), root buses one after the
 * other; VFs last. Written as a walk over the tree, so that bus numbers
 * that are not depth-first do not change it.
 */
struct walk {
	int *order, *rank, *stack;
	size_t no, top;
};

/* Emit one bus's functions (in key order), then queue their buses. */
static void emit_bus(struct walk *w, const int *fns, size_t nf)
{
	size_t from = w->no;

	for (size_t k = 0; k < nf; k++)
		if (w->rank[fns[k]] < 0) {
			w->rank[fns[k]] = (int)w->no;
			w->order[w->no++] = fns[k];
		}
	for (size_t k = w->no; k-- > from;)
		w->stack[w->top++] = w->order[k];
}

static int probe_order(const struct sysmodel *m, int *order, int *rank)
{
	size_t n = m->ndevs;
	int *sorted = malloc((n ? n : 1) * sizeof(int));
	int *stack = malloc((n ? n : 1) * sizeof(int));
	int *kids = malloc((n ? n : 1) * sizeof(int));
	size_t *kfirst = calloc(n + 1, sizeof(size_t)), *kfill = calloc(n + 1, sizeof(size_t));
	struct walk w = { .order = order, .rank = rank, .stack = stack };
	int rc = -1;

	if (!sorted || !stack || !kids || !kfirst || !kfill)
		goto out;
	for (size_t i = 0; i < n; i++) {
		sorted[i] = (int)i;
		rank[i] = -1;
	}
	qsort_r(sorted, n, sizeof(int), cmp_rank_key, (void *)m);
	/* each bridge's bus: its functions in key order */
	for (size_t i = 0; i < n; i++) {
		int pa = m->devs[i].parent;

		if (!m->devs[i].is_vf && pa >= 0 && (size_t)pa < n)
			kfirst[pa + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		kfirst[i + 1] += kfirst[i];
	memcpy(kfill, kfirst, (n + 1) * sizeof(size_t));
	for (size_t s = 0; s < n; s++) {
		int y = sorted[s], pa = m->devs[y].parent;

		if (!m->devs[y].is_vf && pa >= 0 && (size_t)pa < n)
			kids[kfill[pa]++] = y;
	}
	/* root buses in key order, each walked to the end before the next;
	 * the stack holds each function at most once (ranked on emission) */
	for (size_t s = 0; s < n;) {
		const struct dev *d = &m->devs[sorted[s]];
		size_t e = s + 1;

		if (d->is_vf || d->parent != NO_DEV) {
			s++;
			continue;
		}
		while (e < n && m->devs[sorted[e]].parent == NO_DEV && !m->devs[sorted[e]].is_vf &&
		       m->devs[sorted[e]].domain == d->domain && m->devs[sorted[e]].bus == d->bus)
			e++;
		emit_bus(&w, &sorted[s], e - s);
		while (w.top > 0) {
			int v = w.stack[--w.top];

			emit_bus(&w, &kids[kfirst[v]], kfirst[v + 1] - kfirst[v]);
		}
		s = e;
	}
	/* VFs, and anything the walk did not reach (a cut loop) */
	for (size_t s = 0; s < n; s++)
		if (rank[sorted[s]] < 0) {
			rank[sorted[s]] = (int)w.no;
			order[w.no++] = sorted[s];
		}
	rc = 0;
out:
	free(sorted);
	free(stack);
	free(kids);
	free(kfirst);
	free(kfill);
	return rc;
}

/* The groups by the kernel's sequence, as a union-find parent array (the
 * first member of each group its root). */
static int probe_groups(const struct sysmodel *m, const struct relations *r, int *parent)
{
	size_t n = m->ndevs;
	struct probe p = { .m = m, .r = r };
	int *order = malloc((n ? n : 1) * sizeof(int));
	int *root = malloc((n ? n : 1) * sizeof(int));
	int rc = -1;

	p.group = malloc((n ? n : 1) * sizeof(int));
	p.rank = malloc((n ? n : 1) * sizeof(int));
	p.first = calloc(n + 1, sizeof(size_t));
	p.adj = malloc((r->n ? 2 * r->n : 1) * sizeof(size_t));
	p.seen = calloc(n ? n : 1, sizeof(unsigned));
	if (!order || !root || !p.group || !p.rank || !p.first || !p.adj || !p.seen ||
	    probe_order(m, order, p.rank))
		goto out;
	/* adjacency in edge order (walk edges are emitted in walk order) */
	for (size_t e = 0; e < r->n; e++) {
		p.first[r->v[e].a + 1]++;
		if (r->v[e].b != r->v[e].a)
			p.first[r->v[e].b + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		p.first[i + 1] += p.first[i];
	{
		size_t *fill = malloc((n ? n : 1) * sizeof(size_t));

		if (!fill)
			goto out;
		memcpy(fill, p.first, n * sizeof(size_t));
		for (size_t e = 0; e < r->n; e++) {
			p.adj[fill[r->v[e].a]++] = e;
			if (r->v[e].b != r->v[e].a)
				p.adj[fill[r->v[e].b]++] = e;
		}
		free(fill);
	}
	for (size_t i = 0; i < n; i++) {
		p.group[i] = -1;
		root[i] = -1;
	}
	for (size_t k = 0; k < n; k++) {
		int x = order[k];

		/* untranslated: the kernel never probes it (no edges either) */
		if (r->xl && !r->xl[x].translated) {
			p.group[x] = p.ngroups++;
			continue;
		}
		p.now = (int)k;
		p.group[x] = device_group(&p, x);
		if (p.group[x] < 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (root[p.group[i]] < 0 || root[p.group[i]] > (int)i)
			root[p.group[i]] = (int)i;
	}
	for (size_t i = 0; i < n; i++)
		parent[i] = root[p.group[i]];
	rc = 0;
out:
	free(order);
	free(root);
	free(p.group);
	free(p.rank);
	free(p.first);
	free(p.adj);
	free(p.seen);
	return rc;
}

/* Number components by their first device and list members. */
static int collect(const struct sysmodel *m, int *parent, int *of, struct set **out, size_t *nout)
{
	size_t n = m->ndevs, nsets = 0;
	int *id_of_root = malloc((n ? n : 1) * sizeof(int));
	struct set *sets;

	if (!id_of_root)
		return -1;
	for (size_t i = 0; i < n; i++)
		id_of_root[i] = -1;
	for (size_t i = 0; i < n; i++) {
		int root = uf_find(parent, (int)i);

		if (id_of_root[root] < 0)
			id_of_root[root] = (int)nsets++;
		of[i] = id_of_root[root];
	}
	sets = calloc(nsets ? nsets : 1, sizeof(*sets));
	if (!sets) {
		free(id_of_root);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		sets[of[i]].n++;
	for (size_t s = 0; s < nsets; s++) {
		sets[s].id = (int)s;
		sets[s].members = malloc(sets[s].n * sizeof(int));
		if (!sets[s].members) {
			free(id_of_root);
			*out = sets;
			*nout = nsets;
			return -1;
		}
		sets[s].n = 0;
		sets[s].certain = true;
		sets[s].translated = true;
		sets[s].kernel_group = NO_GROUP;
	}
	for (size_t i = 0; i < n; i++) {
		struct set *s = &sets[of[i]];

		s->members[s->n++] = (int)i;
	}
	free(id_of_root);
	*out = sets;
	*nout = nsets;
	return 0;
}

static int compare_kernel(const struct sysmodel *m, struct grouping *g)
{
	size_t *ksize = calloc(m->nkgroups ? m->nkgroups : 1, sizeof(size_t));

	if (!ksize)
		return -1;
	for (size_t i = 0; i < m->ndevs; i++) {
		int k = model_kgroup(m, m->devs[i].kernel_group);

		if (k >= 0)
			ksize[k]++;
	}
	for (size_t s = 0; s < g->niso; s++) {
		struct set *set = &g->isolation_groups[s];
		int kg = NO_GROUP, k;
		size_t grouped = 0;
		bool same = true;

		/* Functions without a kernel group (not behind the IOMMU, no
		 * driver yet) are predictions: compare the rest. */
		for (size_t x = 0; x < set->n; x++) {
			int mk = m->devs[set->members[x]].kernel_group;

			if (mk == NO_GROUP)
				continue;
			if (grouped++ == 0)
				kg = mk;
			else if (mk != kg)
				same = false;
		}
		set->kernel_group = same ? kg : NO_GROUP;
		set->has_kernel = grouped > 0;
		k = same && kg != NO_GROUP ? model_kgroup(m, kg) : -1;
		set->matches_kernel = k >= 0 && ksize[k] == grouped;
		if (set->matches_kernel)
			ksize[k] = 0; /* matched: no longer counted below */
	}
	/* One isolation group spanning four kernel groups is one mismatch
	 * but four kernel groups that differ: text counts what it marks. */
	for (size_t k = 0; k < m->nkgroups; k++)
		if (ksize[k])
			g->kgroups_differ++;
	free(ksize);
	return 0;
}

static void doubt(struct set *s, unsigned int why)
{
	s->certain = false;
	s->doubt |= why;
}

const char *set_doubt_text(unsigned int doubt)
{
	if (doubt & SET_DOUBT_PLACE)
		return "doubtful place in sysfs";
	if (doubt & SET_DOUBT_IDS)
		return "ids looked up by name";
	if (doubt & SET_DOUBT_ALIAS)
		return "DMA aliases unknown";
	if (doubt & SET_DOUBT_CONFIG)
		return "config space incomplete";
	return NULL;
}

int grouping_compute(const struct sysmodel *m, const struct relations *r, struct grouping *g)
{
	size_t n = m->ndevs;
	int *pa = malloc((n ? n : 1) * sizeof(int));
	int *pi = malloc((n ? n : 1) * sizeof(int));
	int rc = -1;

	memset(g, 0, sizeof(*g));
	g->alias_of = malloc((n ? n : 1) * sizeof(int));
	g->isolation_of = malloc((n ? n : 1) * sizeof(int));
	if (!pa || !pi || !g->alias_of || !g->isolation_of)
		goto out;
	if (probe_groups(m, r, pi))
		goto out;
	/* alias sets: components of the alias edges inside one group (an
	 * alias to two groups joins only the first, as the kernel does) */
	for (size_t i = 0; i < n; i++)
		pa[i] = (int)i;
	for (size_t e = 0; e < r->n; e++)
		if (r->v[e].alias && pi[r->v[e].a] == pi[r->v[e].b])
			uf_union(pa, r->v[e].a, r->v[e].b);
	if (collect(m, pa, g->alias_of, &g->alias_sets, &g->nalias) ||
	    collect(m, pi, g->isolation_of, &g->isolation_groups, &g->niso))
		goto out;
	for (size_t e = 0; e < r->n; e++) {
		unsigned int why = r->v[e].kind == REL_DMA_ALIAS_QUIRK ? SET_DOUBT_ALIAS
								      : SET_DOUBT_CONFIG;

		if (r->v[e].certain)
			continue;
		doubt(&g->isolation_groups[g->isolation_of[r->v[e].a]], why);
		/* an edge between two groups (the kernel took the first): a
		 * doubt about it is a doubt about both */
		doubt(&g->isolation_groups[g->isolation_of[r->v[e].b]], why);
		if (r->v[e].alias)
			doubt(&g->alias_sets[g->alias_of[r->v[e].a]], why);
	}
	/* a doubtful place makes uncertain its own groups and those of every
	 * function below it (their path runs through it, even where no edge
	 * remains: an untranslated one has none); the walk is bounded */
	for (size_t i = 0; i < n; i++) {
		unsigned int why = 0;
		size_t steps = 0;

		for (int p = (int)i; p != NO_DEV && steps++ <= n; p = m->devs[p].parent)
			why |= (m->devs[p].place_doubtful ? SET_DOUBT_PLACE : 0) |
			       (m->devs[p].ids_doubtful ? SET_DOUBT_IDS : 0);
		if (!why)
			continue;
		doubt(&g->isolation_groups[g->isolation_of[i]], why);
		doubt(&g->alias_sets[g->alias_of[i]], why);
	}
	/* no edges touch an untranslated function: its set is itself */
	for (size_t i = 0; i < n; i++)
		if (r->xl && !r->xl[i].translated)
			g->isolation_groups[g->isolation_of[i]].translated = false;
	if (compare_kernel(m, g))
		goto out;
	rc = 0;
out:
	free(pa);
	free(pi);
	return rc;
}

static void free_sets(struct set *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		free(s[i].members);
	free(s);
}

void grouping_free(struct grouping *g)
{
	free(g->alias_of);
	free(g->isolation_of);
	free_sets(g->alias_sets, g->nalias);
	free_sets(g->isolation_groups, g->niso);
	memset(g, 0, sizeof(*g));
}

static int cmp_by_kgroup(const void *x, const void *y, void *ctx)
{
	const struct sysmodel *m = ctx;
	int a = *(const int *)x, b = *(const int *)y;
	int ga = m->devs[a].kernel_group, gb = m->devs[b].kernel_group;

	if (ga != gb)
		return ga < gb ? -1 : 1;
	return a - b;
}

int *kernel_group_order(const struct sysmodel *m)
{
	int *order = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));

	if (!order)
		return NULL;
	for (size_t i = 0; i < m->ndevs; i++)
		order[i] = (int)i;
	qsort_r(order, m->ndevs, sizeof(int), cmp_by_kgroup, (void *)m);
	return order;
}
