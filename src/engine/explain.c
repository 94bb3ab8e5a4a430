// SPDX-License-Identifier: GPL-2.0-or-later
/* explain.c - chains of causes and what would split a group (explain.h). */
#include "explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void acs_names(uint16_t bits, char *buf, size_t len)
{
	static const char *const n[] = { "SV", "TB", "RR", "CR", "UF", "EC", "DT" };
	size_t l = 0;

	buf[0] = '\0';
	for (unsigned b = 0; b < 7; b++)
		if (bits & (1u << b))
			l += (size_t)snprintf(buf + l, len - l, "%s%s", l ? " " : "", n[b]);
}

static const char *port_word(const struct dev *d)
{
	switch (d->pcie_type) {
	case PCIE_ROOT_PORT: return "root port";
	case PCIE_DOWNSTREAM: return "downstream port";
	case PCIE_UPSTREAM: return "upstream port";
	case PCIE_PCI_BRIDGE: return "PCIe-to-PCI bridge";
	case PCIE_PCIE_BRIDGE: return "PCI-to-PCIe bridge";
	case PCIE_NONE: return d->is_bridge ? "conventional PCI bridge" : "conventional PCI function";
	case PCIE_UNKNOWN: return "function";
	default: return d->is_bridge ? "bridge" : "function";
	}
}

static const char unexplained_tail[] =
	" and no rule here explains it (firmware-declared alias? an unknown quirk?)";

/* A function the IOMMU left without a group while others have one: say so
 * rather than present the prediction as the kernel's. */
static const char ungrouped_detail[] =
	"the kernel gave this function no IOMMU group although the IOMMU is on: it is not "
	"translated by an IOMMU (a bypassed bus, partial coverage, the IOMMU's own function), or "
	"its driver has not probed yet (virtio-iommu attaches at driver probe); the group shown "
	"is the one the kernel's rules would make";

bool reason_fixable(const struct rel *e)
{
	return rel_kind_info(e->kind)->fixable == TRI_YES;
}

const char *reason_remedy(const struct rel *e)
{
	return rel_kind_info(e->kind)->remedy;
}

void reason_detail(const struct analysis *a, const struct rel *e, char *buf, size_t len)
{
	const struct dev *at = &a->m.devs[e->at];
	const struct dev *da = &a->m.devs[e->a], *db = &a->m.devs[e->b];
	char bits[64];

	switch (e->kind) {
	case REL_DMA_ALIAS_QUIRK:
		snprintf(buf, len, "%s also issues DMA with the requester ID of %s (%s)", at->bdf,
			 e->at == e->a ? db->bdf : da->bdf,
			 e->dma_quirk ? dma_quirk_kernel_fn(e->dma_quirk) : "kernel DMA-alias quirk");
		break;
	case REL_REAL_DMA_DEV:
		snprintf(buf, len, "%s issues its DMA through %s (VMD): the IOMMU sees only %s", da->bdf,
			 at->bdf, at->bdf);
		break;
	case REL_PCIE_TO_PCI_BRIDGE:
		snprintf(buf, len,
			 "PCIe-to-PCI bridge %s takes ownership of DMA from below it (requester ID "
			 "%02x:00.0)",
			 at->bdf, at->secondary);
		break;
	case REL_PCI_BRIDGE:
		if (e->dma_quirk)
			snprintf(buf, len,
				 "%s %s forwards DMA from below it as a PCIe-to-PCI bridge would (%s)",
				 port_word(at), at->bdf, dma_quirk_kernel_fn(e->dma_quirk));
		else
			snprintf(buf, len, "%s %s issues DMA from below it with its own requester ID%s",
				 port_word(at), at->bdf, e->certain ? "" : " (type unknown: config space truncated)");
		break;
	case REL_MULTIFUNCTION_NO_ACS:
		if (e->basis == ACSB_QUIRK && e->acs_quirk)
			snprintf(buf, len, "functions %s and %s of one device: %s is not isolated (%s)",
				 da->bdf, db->bdf, at->bdf, acs_quirk_kernel_fn(e->acs_quirk));
		else if (e->basis == ACSB_CTRL) {
			acs_names(e->missing, bits, sizeof(bits));
			snprintf(buf, len,
				 "functions %s and %s of one device: %s has ACS but %s not enabled",
				 da->bdf, db->bdf, at->bdf, bits);
		} else
			snprintf(buf, len,
				 "functions %s and %s of one device: %s has no ACS capability, so its "
				 "functions may reach each other without the IOMMU",
				 da->bdf, db->bdf, at->bdf);
		break;
	case REL_NO_ACS_UPSTREAM:
		if (e->basis == ACSB_QUIRK && e->acs_quirk)
			snprintf(buf, len, "%s %s is not isolated (%s): peer-to-peer below it bypasses the IOMMU",
				 port_word(at), at->bdf, acs_quirk_kernel_fn(e->acs_quirk));
		else
			snprintf(buf, len,
				 "%s %s has no ACS capability: peer-to-peer below it bypasses the IOMMU",
				 port_word(at), at->bdf);
		break;
	case REL_ACS_DISABLED_UPSTREAM:
		acs_names(e->missing, bits, sizeof(bits));
		snprintf(buf, len,
			 "%s %s has ACS, but %s %s not enabled (the kernel requires SV RR CR UF where "
			 "advertised)",
			 port_word(at), at->bdf, bits, strchr(bits, ' ') ? "are" : "is");
		break;
	case REL_CONVENTIONAL_BUS:
		if (e->at == e->a || e->at == e->b)
			snprintf(buf, len,
				 "functions %s and %s of one conventional PCI device: conventional PCI "
				 "has no ACS, so they can reach each other without the IOMMU",
				 da->bdf, db->bdf);
		else
			snprintf(buf, len, "%s %s is on a conventional PCI path, which has no ACS",
				 port_word(at), at->bdf);
		break;
	case REL_ACS_UNKNOWN:
		snprintf(buf, len,
			 "config space of %s could not be read far enough to tell whether ACS isolates "
			 "it; assumed not",
			 at->bdf);
		break;
	case REL_IVRS_ALIAS:
		snprintf(buf, len,
			 "the firmware's IVRS table declares that %s issues DMA with the requester ID "
			 "of %s (IVHD alias entry)",
			 at->bdf, e->at == e->a ? db->bdf : da->bdf);
		break;
	case REL_UNEXPLAINED:
		if (e->a == e->b)
			snprintf(buf, len, "%s", ungrouped_detail);
		else
			snprintf(buf, len, "the kernel grouped %s with %s%s", db->bdf, da->bdf,
				 unexplained_tail);
		break;
	}
}

void unexplained_detail_short(const struct rel *e, char *buf, size_t len)
{
	if (e->a == e->b)
		snprintf(buf, len, "%s", ungrouped_detail);
	else
		snprintf(buf, len, "the kernel grouped them%s", unexplained_tail);
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

/* Edges of the group as an adjacency list over member positions. */
struct adj {
	size_t *start; /* per member, into list */
	size_t *list;  /* edge indices */
};

/* pos: per device, its index in x->members, or -1 */
static int bfs_reasons(const struct analysis *a, struct explanation *x, int iso, const int *pos)
{
	size_t n = x->nmembers, ne = 0;
	size_t *deg = calloc(n + 1, sizeof(size_t)), *fill = calloc(n + 1, sizeof(size_t));
	size_t *list = NULL, *queue = malloc(n * sizeof(size_t));
	const struct rel **via = calloc(n, sizeof(*via));
	bool *seen = calloc(n, sizeof(bool));
	int rc = -1;

	x->reasons = calloc(n, sizeof(*x->reasons));
	if (!deg || !fill || !queue || !via || !seen || !x->reasons)
		goto out;
	for (size_t e = 0; e < a->r.n; e++) {
		const struct rel *r = &a->r.v[e];

		if (r->a == r->b || a->g.isolation_of[r->a] != iso ||
		    a->g.isolation_of[r->b] != iso)
			continue;
		deg[pos[r->a]]++;
		deg[pos[r->b]]++;
		ne += 2;
	}
	list = malloc((ne ? ne : 1) * sizeof(size_t));
	if (!list)
		goto out;
	for (size_t k = 1; k <= n; k++)
		fill[k] = deg[k - 1] + fill[k - 1];
	memcpy(deg, fill, (n + 1) * sizeof(size_t));
	for (size_t e = 0; e < a->r.n; e++) {
		const struct rel *r = &a->r.v[e];

		if (r->a == r->b || a->g.isolation_of[r->a] != iso ||
		    a->g.isolation_of[r->b] != iso)
			continue;
		list[fill[pos[r->a]]++] = e;
		list[fill[pos[r->b]]++] = e;
	}
	/* Breadth first from the device: each member's chain is the path
	 * of tree edges back to it; prefer alias edges (hardware facts) by
	 * taking them in a first pass per node. */
	{
		size_t head = 0, tail = 0;

		queue[tail++] = 0;
		seen[0] = true;
		while (head < tail) {
			size_t u = queue[head++];

			for (int pass = 0; pass < 2; pass++) {
				for (size_t k = deg[u]; k < fill[u]; k++) {
					const struct rel *r = &a->r.v[list[k]];
					int other = r->a == x->members[u] ? r->b : r->a;
					int v = pos[other];

					if (v < 0 || seen[v] || (pass == 0) != r->alias)
						continue;
					seen[v] = true;
					via[v] = r;
					x->reasons[x->nreasons++] = *r;
					queue[tail++] = (size_t)v;
				}
			}
		}
	}
	rc = 0;
out:
	free(deg);
	free(fill);
	free(list);
	free(queue);
	free(via);
	free(seen);
	return rc;
}

/* Groups as they would be with `at` assumed isolated as well, computed on
 * a copy of the rules context: the analysis itself is never touched, so
 * an explanation reads a const analysis (a TUI can explain while it
 * renders). */
static int try_split(const struct analysis *a, struct explanation *x, const int *at, size_t nat)
{
	struct rulectx rc = a->rc;
	struct relations r = { 0 };
	struct grouping g = { 0 };
	struct split *s = &x->splits[x->nsplits];
	int *ids = NULL;
	int ret = -1;

	rc.dev = NULL;
	rc.ndevs = 0;
	if (rulectx_resize(&rc, a->m.ndevs))
		return -1;
	if (a->rc.dev && a->rc.ndevs)
		memcpy(rc.dev, a->rc.dev, (a->rc.ndevs < rc.ndevs ? a->rc.ndevs : rc.ndevs) *
						  sizeof(*rc.dev));
	for (size_t k = 0; k < nat; k++)
		rc.dev[at[k]].assume_acs = true;
	if (relations_build(&a->m, &rc, &r) || grouping_compute(&a->m, &r, &g))
		goto out;
	s->assume = malloc(nat * sizeof(int));
	s->group_of = malloc(x->nmembers * sizeof(int));
	ids = malloc(x->nmembers * sizeof(int));
	if (!s->assume || !s->group_of || !ids)
		goto out;
	memcpy(s->assume, at, nat * sizeof(int));
	s->nassume = nat;
	for (size_t k = 0; k < x->nmembers; k++) {
		int gi = g.isolation_of[x->members[k]];
		size_t j;

		for (j = 0; j < s->ngroups && ids[j] != gi; j++)
			;
		if (j == s->ngroups)
			ids[s->ngroups++] = gi;
		s->group_of[k] = (int)j;
	}
	x->nsplits++;
	ret = 0;
out:
	free(ids);
	grouping_free(&g);
	relations_free(&r);
	rulectx_free(&rc);
	return ret;
}

static int would_split(const struct analysis *a, struct explanation *x, int iso)
{
	int *cands = malloc((a->r.n ? 2 * a->r.n + 1 : 1) * sizeof(int));
	size_t nc = 0;
	int rc = -1;

	if (!cands)
		goto out;
	for (size_t e = 0; e < a->r.n; e++) {
		const struct rel *r = &a->r.v[e];
		bool dup = false;

		if (!reason_fixable(r) || a->g.isolation_of[r->a] != iso ||
		    a->g.isolation_of[r->b] != iso)
			continue;
		/* either function of a non-isolated pair could be given ACS */
		int who[3] = { r->at, r->a, r->b };
		size_t nw = r->kind == REL_MULTIFUNCTION_NO_ACS ? 3 : 1;

		for (size_t w = 0; w < nw; w++) {
			dup = false;
			for (size_t k = 0; k < nc && !dup; k++)
				dup = cands[k] == who[w];
			if (!dup)
				cands[nc++] = who[w];
		}
	}
	qsort(cands, nc, sizeof(int), cmp_int);
	x->splits = calloc(nc + 2, sizeof(*x->splits));
	if (!x->splits)
		goto out;
	for (size_t k = 0; k < nc; k++)
		if (try_split(a, x, &cands[k], 1))
			goto out;
	if (nc > 1 && try_split(a, x, cands, nc))
		goto out;
	rc = 0;
out:
	free(cands);
	return rc;
}

static int kernel_diff(const struct analysis *a, struct explanation *x, int iso)
{
	int kg = a->m.devs[x->dev].kernel_group;
	size_t n = a->m.ndevs;

	x->unexplained = malloc((n ? n : 1) * sizeof(int));
	x->extra = malloc((n ? n : 1) * sizeof(int));
	x->pending = malloc((n ? n : 1) * sizeof(int));
	if (!x->unexplained || !x->extra || !x->pending)
		return -1;
	if (kg == NO_GROUP)
		return 0;
	/* under --assume-acs the group explained is the hypothetical one:
	 * the kernel's, made without the assumption, is no reference */
	for (size_t i = 0; i < n; i++)
		if (rulectx_dev(&a->rc, (int)i)->assume_acs)
			return 0;
	for (size_t i = 0; i < n; i++) {
		bool in_k = a->m.devs[i].kernel_group == kg;
		bool in_c = a->g.isolation_of[i] == iso;

		if (in_k && !in_c)
			x->unexplained[x->nunexplained++] = (int)i;
		else if (!in_k && in_c && a->m.devs[i].kernel_group == NO_GROUP)
			x->pending[x->npending++] = (int)i;
		else if (!in_k && in_c)
			x->extra[x->nextra++] = (int)i;
	}
	return 0;
}

/* The joins no rule makes, as reasons: after kernel_diff(). */
static int unexplained_reasons(const struct analysis *a, struct explanation *x)
{
	x->ungrouped = a->m.devs[x->dev].kernel_group == NO_GROUP && a->m.nkgroups > 0 &&
		       a->r.xl[x->dev].translated;
	x->unexplained_reasons = calloc(x->nunexplained + 1, sizeof(*x->unexplained_reasons));
	if (!x->unexplained_reasons)
		return -1;
	for (size_t k = 0; k <= x->nunexplained; k++) {
		struct rel *e = &x->unexplained_reasons[x->nunexplained_reasons];
		int other = k < x->nunexplained ? x->unexplained[k] : x->dev;

		if (k == x->nunexplained && !x->ungrouped)
			break;
		e->a = x->dev;
		e->b = e->at = other;
		e->kind = REL_UNEXPLAINED;
		e->certain = false;
		x->nunexplained_reasons++;
	}
	return 0;
}

/* The group's alias sets of two or more, members in members[] order. */
static int never_sets(const struct analysis *a, struct explanation *x)
{
	x->never = calloc(x->nmembers, sizeof(*x->never));
	if (!x->never)
		return -1;
	for (size_t k = 0; k < x->nmembers; k++) {
		int set = a->g.alias_of[x->members[k]];
		struct never_set *ns;
		bool first = true;

		for (size_t j = 0; j < k && first; j++)
			first = a->g.alias_of[x->members[j]] != set;
		if (!first || a->g.alias_sets[set].n < 2)
			continue;
		ns = &x->never[x->nnever++];
		ns->members = malloc((x->nmembers - k) * sizeof(int));
		if (!ns->members)
			return -1;
		for (size_t j = k; j < x->nmembers; j++)
			if (a->g.alias_of[x->members[j]] == set)
				ns->members[ns->n++] = x->members[j];
	}
	return 0;
}

/* When alone: the ports above it whose ACS the kernel relied on. */
static int isolators(const struct analysis *a, struct explanation *x)
{
	x->isolators = malloc(256 * sizeof(int));
	if (!x->isolators)
		return -1;
	for (int b = a->m.devs[x->dev].parent, n = 0; b != NO_DEV && x->nisolators < 256 &&
	     n <= (int)a->m.ndevs; b = a->m.devs[b].parent, n++) {
		const struct dev *d = &a->m.devs[b];

		if ((d->pcie_type == PCIE_ROOT_PORT || d->pcie_type == PCIE_DOWNSTREAM) &&
		    acs_enabled(&a->m, &a->rc, b, ACS_REQ_FLAGS, NULL) == TRI_YES)
			x->isolators[x->nisolators++] = b;
	}
	return 0;
}

int explain_device(const struct analysis *a, int dev, struct explanation *x)
{
	int iso = a->g.isolation_of[dev];
	const struct set *g = &a->g.isolation_groups[iso];
	int *pos, rc;

	memset(x, 0, sizeof(*x));
	x->dev = dev;
	x->members = malloc(g->n * sizeof(int));
	if (!x->members)
		return -1;
	x->members[x->nmembers++] = dev;
	for (size_t k = 0; k < g->n; k++)
		if (g->members[k] != dev)
			x->members[x->nmembers++] = g->members[k];
	pos = malloc((a->m.ndevs ? a->m.ndevs : 1) * sizeof(int));
	if (!pos)
		return -1;
	for (size_t i = 0; i < a->m.ndevs; i++)
		pos[i] = -1;
	for (size_t k = 0; k < x->nmembers; k++)
		pos[x->members[k]] = (int)k;
	rc = bfs_reasons(a, x, iso, pos);
	free(pos);
	if (rc || kernel_diff(a, x, iso) || unexplained_reasons(a, x) || isolators(a, x) ||
	    never_sets(a, x))
		return -1;
	/* last: it recomputes the groups (and restores them) */
	return would_split(a, x, iso);
}

void explanation_free(struct explanation *x)
{
	for (size_t k = 0; x->splits && k < x->nsplits; k++) {
		free(x->splits[k].assume);
		free(x->splits[k].group_of);
	}
	free(x->splits);
	free(x->members);
	free(x->reasons);
	free(x->unexplained);
	free(x->extra);
	free(x->pending);
	free(x->isolators);
	free(x->unexplained_reasons);
	for (size_t k = 0; x->never && k < x->nnever; k++)
		free(x->never[k].members);
	free(x->never);
	memset(x, 0, sizeof(*x));
}
