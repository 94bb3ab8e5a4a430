// SPDX-License-Identifier: GPL-2.0-or-later
/* analysis.c - run the shared pipeline (see analysis.h). */
#define _GNU_SOURCE
#include "analysis.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acs.h"
#include "load.h"
#include "load_dump.h"
#include "model.h"
#include "names.h"
#include "quirks.h"
#include "snapshot.h"

void kver_format(struct kver v, char *buf, size_t len)
{
	snprintf(buf, len, "%d.%d", v.major, v.minor);
}

static void choose_rules(struct analysis *a, const struct analysis_opts *o)
{
	struct kver v = KVER_ANY;

	kver_parse(a->m.kernel_release, &a->examined);
	if (o->kernel && kver_parse(o->kernel, &v))
		a->rules_from_option = true;
	else
		v = a->examined;
	if (v.major == 0) /* release unknown: the newest rules we know */
		v = kver_known[kver_nknown - 1];
	a->requested = v;
	a->rc.rules = kver_rules_for(v, &a->rules_outside);
}

/* A dump shows the ACS controls as they were. If no port has any of the
 * required controls on although some advertise them, the IOMMU was off
 * when it was taken: predict what the kernel would enable. */
static bool dump_acs_was_off(const struct sysmodel *m)
{
	bool advertised = false;

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];

		if (d->acs != ACS_PRESENT)
			continue;
		if (d->acs_ctrl & ACS_REQ_FLAGS)
			return false;
		advertised |= (d->acs_cap & ACS_REQ_FLAGS) != 0;
	}
	return advertised;
}

static int load_dump_file(struct analysis *a, const char *path, const char *pci_ids, char *err,
			  size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int r;

	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	r = model_load_dump_ids(&a->m, f, strcmp(path, "-") ? path : "(stdin)", pci_ids, err,
				errlen);
	if (f != stdin)
		fclose(f);
	if (r)
		return -1;
	a->from_dump = true;
	/* with the kernel's groups (lspci -vv "IOMMU group:" lines) the
	 * controls read are the ones it set */
	a->rc.predict_acs_enable = a->m.nkgroups == 0 && dump_acs_was_off(&a->m);
	/* names need a pci_access, which wants a root: this one is unused */
	if (sr_open(&a->sr, NULL) < 0) {
		snprintf(err, errlen, "cannot open /");
		return -1;
	}
	a->sr.live = false;
	return 0;
}

const char *iommu_why_name(enum iommu_why w)
{
	switch (w) {
	case IOMMU_WHY_DUMP: return "dump";
	case IOMMU_WHY_NO_GROUPS: return "no-groups";
	case IOMMU_WHY_CMDLINE: return "cmdline";
	case IOMMU_WHY_NO_UNITS: return "no-units";
	case IOMMU_WHY_ON: break;
	}
	return NULL;
}

static int cmp_type_then_index(const void *x, const void *y, void *ctx)
{
	const struct sysmodel *m = ctx;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int c = strcmp(m->kgroups[a].type, m->kgroups[b].type);

	return c ? c : (a > b) - (a < b);
}

/* The type most kernel groups report; ties go to the lower group id
 * (kgroups are sorted by id). Sorted by type, each type is one run, its
 * first entry the lowest id: O(n log n) however many types a damaged
 * tree shows (counting each type by a scan was quadratic in them). NULL
 * when no group has a type, or out of memory. */
static const char *default_domain(const struct sysmodel *m)
{
	size_t *idx = malloc((m->nkgroups ? m->nkgroups : 1) * sizeof(size_t));
	const char *best = NULL;
	size_t nbest = 0, bestfirst = 0;

	if (!idx)
		return NULL;
	for (size_t g = 0; g < m->nkgroups; g++)
		idx[g] = g;
	qsort_r(idx, m->nkgroups, sizeof(size_t), cmp_type_then_index, (void *)m);
	for (size_t r = 0, e; r < m->nkgroups; r = e) {
		const char *t = m->kgroups[idx[r]].type;

		for (e = r + 1; e < m->nkgroups && !strcmp(m->kgroups[idx[e]].type, t); e++)
			;
		if (!t[0])
			continue;
		if (e - r > nbest || (e - r == nbest && idx[r] < bestfirst)) {
			best = t;
			nbest = e - r;
			bestfirst = idx[r];
		}
	}
	free(idx);
	return best;
}

static void iommu_state_fill(struct analysis *a)
{
	const struct sysmodel *m = &a->m;
	struct iommu_state *s = &a->iommu;

	memset(s, 0, sizeof(*s));
	s->units = m->iommu_units;
	s->nunits = m->niommu_units;
	s->ngroups = m->nkgroups;
	s->firmware = m->has_dmar ? "DMAR" : m->has_ivrs ? "IVRS" : NULL;
	s->acs_predicted = a->rc.predict_acs_enable;
	s->on = m->nkgroups > 0;
	/* a dump with the kernel's groups (lspci -vv "IOMMU group:" lines)
	 * shows the IOMMU on */
	if (a->from_dump && !s->on) {
		s->why = IOMMU_WHY_DUMP;
	} else if (s->on) {
		s->why = IOMMU_WHY_ON;
		for (size_t i = 0; i < m->ndevs; i++)
			s->ungrouped += m->devs[i].kernel_group == NO_GROUP;
		s->default_domain = default_domain(m);
	} else if (m->niommu_units) {
		s->why = IOMMU_WHY_NO_GROUPS;
		s->evidence = m->iommu_units[0];
	} else if (m->params.iommu_off[0]) {
		s->why = IOMMU_WHY_CMDLINE;
		s->evidence = m->params.iommu_off;
	} else {
		s->why = IOMMU_WHY_NO_UNITS;
		s->evidence = s->firmware;
	}
}

/* The names filled on a thread of their own while the relations and
 * groups are computed, which never read them. */
struct fill_job {
	struct names_prefetch *pf;
	struct sysmodel *m;
	const struct sysroot *sr;
	const char *ids;
	char err[512];
	int r;
};

static void *fill_main(void *arg)
{
	struct fill_job *j = arg;

	j->r = names_fill_prefetched(j->pf, j->m, j->sr, j->ids, j->err, sizeof(j->err));
	return NULL;
}

int analysis_run(struct analysis *a, const struct analysis_opts *o, char *err, size_t errlen)
{
	struct names_prefetch *pf = NULL;
	int r;

	memset(a, 0, sizeof(*a));
	a->sr.dirfd = -1;
	if (o->from_dump) {
		if (load_dump_file(a, o->from_dump, o->pci_ids, err, errlen))
			return -1;
	} else {
		char root[4096];

		/* a snapshot tarball is unpacked first; an unfinished
		 * snapshot is refused (snapshot.h) */
		if (o->sysroot && snapshot_input(o->sysroot, root, sizeof(root), err, errlen))
			return -1;
		r = sr_open(&a->sr, o->sysroot ? root : NULL);
		if (r < 0) {
			snprintf(err, errlen, "cannot open sysroot %s: %s",
				 o->sysroot ? o->sysroot : "/", strerror(-r));
			return -1;
		}
		if (o->sysroot && snapshot_check(&a->sr, o->sysroot, err, errlen))
			return -1;
		/* pci.ids parsed meanwhile, on the CPU the load leaves idle
		 * while it lists directories */
		if (o->names)
			pf = names_prefetch(&a->sr, o->pci_ids);
		if (model_load(&a->m, &a->sr, err, errlen)) {
			names_prefetch_drop(pf);
			return -1;
		}
		/* The kernel enables ACS only when an IOMMU driver asks for
		 * it; with no groups at all, predict what it would enable. */
		a->rc.predict_acs_enable = a->m.nkgroups == 0;
	}
	if (o->cmdline) {
		/* read again as the loader reads proc/cmdline (model_finish) */
		snprintf(a->m.cmdline, sizeof(a->m.cmdline), "%s", o->cmdline);
		memset(&a->m.params, 0, sizeof(a->m.params));
		cmdline_parse(a->m.cmdline, &a->m.params);
	}
	choose_rules(a, o);
	if (rulectx_resize(&a->rc, a->m.ndevs)) {
		names_prefetch_drop(pf);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	acs_mark_cmdline(&a->m, &a->rc);
	for (size_t i = 0; i < a->m.ndevs; i++)
		dma_quirks_apply(&a->m, &a->rc, (int)i);
	{
		struct fill_job fj = { pf, &a->m, &a->sr, o->pci_ids, "", 0 };
		pthread_t t;
		bool threaded = o->names && pthread_create(&t, NULL, fill_main, &fj) == 0;

		if (o->names && !threaded)
			fill_main(&fj);
		r = relations_build(&a->m, &a->rc, &a->r) || grouping_compute(&a->m, &a->r, &a->g);
		if (threaded)
			pthread_join(t, NULL);
		/* a names failure first, as when they came first */
		if (fj.r) {
			snprintf(err, errlen, "%s", fj.err);
			return -1;
		}
		if (r) {
			snprintf(err, errlen, "out of memory computing groups");
			return -1;
		}
	}
	iommu_state_fill(a);
	return 0;
}

int analysis_recompute(struct analysis *a)
{
	grouping_free(&a->g);
	relations_free(&a->r);
	if (relations_build(&a->m, &a->rc, &a->r) || grouping_compute(&a->m, &a->r, &a->g))
		return -1;
	return 0;
}

int analysis_find_arg(const struct analysis *a, const char *bdf, char *err, size_t errlen,
		      bool *usage)
{
	uint32_t dom;
	uint8_t bus, devfn;
	int i;

	*usage = false;
	if (parse_bdf(bdf, &dom, &bus, &devfn)) {
		*usage = true;
		snprintf(err, errlen, "'%s' is not a PCI address (DDDD:BB:SS.F or BB:SS.F)", bdf);
		return NO_DEV;
	}
	i = model_find(&a->m, dom, bus, devfn);
	if (i == NO_DEV)
		snprintf(err, errlen, "no PCI device %s%s", bdf,
			 a->sr.live ? "" : " in the sysroot");
	return i;
}

int analysis_assume_acs(struct analysis *a, const char *list, char *err, size_t errlen,
			bool *usage)
{
	char buf[4096], *save = NULL;

	*usage = false;
	if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf)) {
		*usage = true;
		snprintf(err, errlen, "--assume-acs list too long");
		return -1;
	}
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int i = analysis_find_arg(a, t, err, errlen, usage);

		if (i == NO_DEV)
			return -1;
		a->rc.dev[i].assume_acs = true;
	}
	return analysis_recompute(a) ? (snprintf(err, errlen, "out of memory"), -1) : 0;
}

void analysis_free(struct analysis *a)
{
	grouping_free(&a->g);
	relations_free(&a->r);
	rulectx_free(&a->rc);
	model_free(&a->m);
	sr_close(&a->sr);
}
