// SPDX-License-Identifier: GPL-2.0-or-later
/* groups.c - union-find over relation edges (see groups.h). */
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
		if (!set->matches_kernel && set->has_kernel)
			g->mismatches++;
	}
	free(ksize);
	return 0;
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
	for (size_t i = 0; i < n; i++)
		pa[i] = pi[i] = (int)i;
	for (size_t e = 0; e < r->n; e++) {
		if (r->v[e].alias)
			uf_union(pa, r->v[e].a, r->v[e].b);
		uf_union(pi, r->v[e].a, r->v[e].b);
	}
	if (collect(m, pa, g->alias_of, &g->alias_sets, &g->nalias) ||
	    collect(m, pi, g->isolation_of, &g->isolation_groups, &g->niso))
		goto out;
	for (size_t e = 0; e < r->n; e++) {
		if (r->v[e].certain)
			continue;
		g->isolation_groups[g->isolation_of[r->v[e].a]].certain = false;
		if (r->v[e].alias)
			g->alias_sets[g->alias_of[r->v[e].a]].certain = false;
	}
	/* a doubtful place makes uncertain its own groups and those of every
	 * function below it (their path runs through it, even where no edge
	 * remains: an untranslated one has none); the walk is bounded */
	for (size_t i = 0; i < n; i++) {
		bool doubt = false;
		size_t steps = 0;

		for (int p = (int)i; p != NO_DEV && !doubt && steps++ <= n; p = m->devs[p].parent)
			doubt = m->devs[p].place_doubtful;
		if (!doubt)
			continue;
		g->isolation_groups[g->isolation_of[i]].certain = false;
		g->alias_sets[g->alias_of[i]].certain = false;
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
