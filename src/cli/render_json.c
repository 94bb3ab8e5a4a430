// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_json.c - the `list --json` document (schema 1, see
 * shared/spec/cli.md), and the "iommu" object why-shared shares. Names from hardware can hold any byte: json-c
 * escapes what JSON requires, and safe_json_fputs() makes the document
 * valid UTF-8 and free of raw control characters.
 *
 * The document is written as it is made (jsonout.h): the bytes json-c
 * would print for the whole tree, without a tree of every value (about
 * 10 KB per function) nor a json-c object per value; the few small
 * objects at the top (kernel, iommu) are built with json-c and printed
 * whole at their place.
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devattr.h"
#include "jsonout.h"
#include "render.h"
#include "safe.h"

static json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static void str_or_null_put(struct jout *j, const char *s)
{
	jout_str(j, s && *s ? s : NULL);
}

static void acs_bits(struct jout *j, uint16_t v)
{
	static const char *const names[] = { "SV", "TB", "RR", "CR", "UF", "EC", "DT" };

	jout_begin_array(j);
	for (unsigned b = 0; b < 7; b++)
		if (v & (1u << b))
			jout_str(j, names[b]);
	jout_end_array(j);
}

static void acs_put(struct jout *j, const struct dev *d)
{
	if (d->acs == ACS_ABSENT) {
		jout_null(j);
	} else if (d->acs == ACS_UNKNOWN) {
		jout_str(j, "unknown");
	} else {
		jout_begin_object(j);
		jout_key(j, "capability");
		acs_bits(j, d->acs_cap);
		jout_key(j, "control");
		acs_bits(j, d->acs_ctrl);
		jout_end_object(j);
	}
}

static void group_or_null(struct jout *j, int g)
{
	if (g == NO_GROUP)
		jout_null(j);
	else
		jout_int(j, g);
}

static void bdf_list(struct jout *j, const struct sysmodel *m, const int *members, size_t n)
{
	jout_begin_array(j);
	for (size_t i = 0; i < n; i++)
		jout_str(j, m->devs[members[i]].bdf);
	jout_end_array(j);
}

/* A device; with list --json -o, the attributes of want read through
 * attrs (render_list_json_attrs; want 0: none). */
static void device_put(struct jout *j, const struct analysis *a, size_t i,
		       struct devattr_ctx *attrs, unsigned want)
{
	const struct dev *d = &a->m.devs[i];
	const struct translation *x = &a->r.xl[i];
	int rmrr = translate_rmrr(&a->m, (int)i);

	jout_begin_object(j);
	jout_key(j, "bdf");
	jout_str(j, d->bdf);
	jout_key(j, "vendor_id");
	jout_hex(j, d->vendor, 4);
	jout_key(j, "device_id");
	jout_hex(j, d->device, 4);
	jout_key(j, "class");
	if (d->cfg_len >= 12)
		jout_hex(j, d->class, 6);
	else
		jout_null(j);
	jout_key(j, "vendor");
	str_or_null_put(j, d->vendor_name);
	jout_key(j, "device");
	str_or_null_put(j, d->device_name);
	jout_key(j, "driver");
	str_or_null_put(j, d->driver);
	jout_key(j, "pcie_type");
	jout_str(j, pcie_type_name(d->pcie_type));
	jout_key(j, "parent");
	jout_str(j, d->parent == NO_DEV ? NULL : a->m.devs[d->parent].bdf);
	jout_key(j, "multifunction");
	jout_bool(j, d->multifunction);
	jout_key(j, "virtual_function");
	jout_bool(j, d->is_vf);
	if (d->is_vf && d->physfn != NO_DEV) {
		jout_key(j, "physfn");
		jout_str(j, a->m.devs[d->physfn].bdf);
	}
	jout_key(j, "config_complete");
	jout_bool(j, d->cfg_complete);
	jout_key(j, "acs");
	acs_put(j, d);
	jout_key(j, "kernel_group");
	group_or_null(j, d->kernel_group);
	jout_key(j, "alias_set");
	jout_int(j, a->g.alias_of[i]);
	jout_key(j, "isolation_group");
	if (x->translated)
		jout_int(j, a->g.isolation_of[i]);
	else
		jout_null(j);
	jout_key(j, "translated");
	jout_bool(j, x->translated);
	/* whether an IOMMU translates it: how sure, and why not (null when
	 * it is) */
	jout_key(j, "translation");
	jout_begin_object(j);
	jout_key(j, "certain");
	jout_bool(j, x->certain);
	jout_key(j, "reason");
	jout_str(j, x->reason);
	jout_end_object(j);
	/* true: an RMRR the kernel does not relax (VFIO cannot take it);
	 * null: no readable DMAR table to tell */
	jout_key(j, "rmrr");
	if (rmrr < 0)
		jout_null(j);
	else
		jout_bool(j, rmrr == 1);
	if (want) {
		struct devattr da;
		json_object *o;

		if (devattr_fill(attrs, (int)i, want, &da) == 0 && (o = json_object_new_object())) {
			/* the attributes' members, as json-c prints each */
			render_devattr_json(o, &da, want);
			json_object_object_foreach(o, key, val)
			{
				jout_key(j, key);
				jout_value(j, json_object_get(val));
			}
			json_object_put(o);
		}
	}
	jout_end_object(j);
}

static int list_json(const struct analysis *a, struct devattr_ctx *attrs, unsigned want, FILE *out);

int render_list_json_attrs(const struct analysis *a, unsigned want, FILE *out)
{
	struct devattr_ctx x;
	int rc;

	devattr_init(&x, a->from_dump ? NULL : &a->sr, &a->m);
	rc = list_json(a, &x, want, out);
	render_devattr_warn(&x);
	devattr_free(&x);
	return rc;
}

/* Items of n lists given by the list of each item: ids, the items of list
 * k at idx[first[k]] .. idx[first[k + 1] - 1], in item order (a counting
 * sort). first has n + 1 entries. NULL on no memory. */
struct buckets {
	size_t *first;
	size_t *idx;
};

static int bucket(struct buckets *b, size_t n, size_t nitems, const int *list_of_item,
		  const size_t *items)
{
	b->first = calloc(n + 2, sizeof(*b->first));
	b->idx = malloc((nitems ? nitems : 1) * sizeof(*b->idx));
	if (!b->first || !b->idx) {
		free(b->first);
		free(b->idx);
		return -1;
	}
	for (size_t k = 0; k < nitems; k++)
		b->first[list_of_item[items ? items[k] : k] + 2]++;
	for (size_t k = 0; k < n; k++)
		b->first[k + 2] += b->first[k + 1];
	for (size_t k = 0; k < nitems; k++)
		b->idx[b->first[list_of_item[items ? items[k] : k] + 1]++] = k;
	return 0;
}

/* format_bdf() of a requester ID ("%04x:%02x:%02x.%d") without its
 * format pass; t holds 24 bytes. */
static void rid_text(char *t, const struct rid *x)
{
	static const char hex[] = "0123456789abcdef";
	char *p = t;
	int n = 4;

	while (n < 8 && x->domain >> (4 * n))
		n++;
	while (n-- > 0)
		*p++ = hex[(x->domain >> (4 * n)) & 15];
	*p++ = ':';
	*p++ = hex[x->bus >> 4];
	*p++ = hex[x->bus & 15];
	*p++ = ':';
	*p++ = hex[DEVFN_SLOT(x->devfn) >> 4];
	*p++ = hex[DEVFN_SLOT(x->devfn) & 15];
	*p++ = '.';
	*p++ = (char)('0' + DEVFN_FUNC(x->devfn));
	*p = '\0';
}

/* The requester IDs of alias set s, each once, in the order found (an
 * address is printed once for one (domain, bus, devfn)). */
static void rid_list(struct jout *j, const struct analysis *a, const struct buckets *b, size_t s)
{
	jout_begin_array(j);
	for (size_t q = b->first[s]; q < b->first[s + 1]; q++) {
		const struct rid *x = &a->r.rids[b->idx[q]];
		char t[24];
		bool dup = false;

		for (size_t p = b->first[s]; p < q && !dup; p++) {
			const struct rid *y = &a->r.rids[b->idx[p]];

			dup = y->domain == x->domain && y->bus == x->bus && y->devfn == x->devfn;
		}
		if (dup)
			continue;
		rid_text(t, x);
		jout_str(j, t);
	}
	jout_end_array(j);
}

static int kernel_groups_put(struct jout *j, const struct sysmodel *m)
{
	int *order = kernel_group_order(m);
	size_t k = 0;

	if (!order)
		return -1;
	jout_begin_array(j);
	for (size_t g = 0; g < m->nkgroups && !j->err; g++) {
		jout_begin_object(j);
		jout_key(j, "id");
		jout_int(j, m->kgroups[g].id);
		jout_key(j, "type");
		str_or_null_put(j, m->kgroups[g].type);
		while (k < m->ndevs && m->devs[order[k]].kernel_group < m->kgroups[g].id)
			k++;
		jout_key(j, "devices");
		jout_begin_array(j);
		for (; k < m->ndevs && m->devs[order[k]].kernel_group == m->kgroups[g].id; k++)
			jout_str(j, m->devs[order[k]].bdf);
		jout_end_array(j);
		jout_end_object(j);
	}
	jout_end_array(j);
	free(order);
	return 0;
}

json_object *iommu_json(const struct iommu_state *s)
{
	json_object *io = json_object_new_object(), *units = json_object_new_array();

	json_object_object_add(io, "enabled", json_object_new_boolean(s->on));
	for (size_t i = 0; i < s->nunits; i++)
		json_object_array_add(units, json_object_new_string(s->units[i]));
	json_object_object_add(io, "units", units);
	json_object_object_add(io, "acs_predicted", json_object_new_boolean(s->acs_predicted));
	json_object_object_add(io, "state", json_object_new_string(s->why == IOMMU_WHY_DUMP ? "unknown"
								    : s->on ? "on" : "off"));
	json_object_object_add(io, "off_reason", str_or_null(iommu_why_name(s->why)));
	json_object_object_add(io, "evidence", str_or_null(s->evidence));
	json_object_object_add(io, "firmware_table", str_or_null(s->firmware));
	json_object_object_add(io, "groups", json_object_new_int64((int64_t)s->ngroups));
	json_object_object_add(io, "ungrouped_functions", json_object_new_int64((int64_t)s->ungrouped));
	json_object_object_add(io, "default_domain", str_or_null(s->default_domain));
	return io;
}

struct json_object *assumed_acs_json(const struct analysis *a)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < a->m.ndevs; i++)
		if (rulectx_dev(&a->rc, (int)i)->assume_acs)
			json_object_array_add(arr, json_object_new_string(a->m.devs[i].bdf));
	return arr;
}

int render_list_json(const struct analysis *a, FILE *out)
{
	return list_json(a, NULL, 0, out);
}

/* render_list_json, the attributes of want (if any) read through attrs */
static int list_json(const struct analysis *a, struct devattr_ctx *attrs, unsigned want, FILE *out)
{
	const struct sysmodel *m = &a->m;
	json_object *k, *params;
	struct buckets rids, iso_as;
	struct jout j;
	char rules[32];
	int rc = 0;

	/* Requester IDs by alias set, alias sets by isolation group: indices
	 * only, the JSON of each is made when its set is printed. */
	{
		int *rid_set = malloc((a->r.nrids ? a->r.nrids : 1) * sizeof(int));
		int *set_iso = malloc((a->g.nalias ? a->g.nalias : 1) * sizeof(int));

		for (size_t q = 0; rid_set && q < a->r.nrids; q++)
			rid_set[q] = a->g.alias_of[a->r.rids[q].dev];
		for (size_t s = 0; set_iso && s < a->g.nalias; s++)
			set_iso[s] = a->g.isolation_of[a->g.alias_sets[s].members[0]];
		if (!rid_set || !set_iso || bucket(&rids, a->g.nalias, a->r.nrids, rid_set, NULL)) {
			free(rid_set);
			free(set_iso);
			return -1;
		}
		if (bucket(&iso_as, a->g.niso, a->g.nalias, set_iso, NULL)) {
			free(rids.first);
			free(rids.idx);
			free(rid_set);
			free(set_iso);
			return -1;
		}
		free(rid_set);
		free(set_iso);
	}

	jout_init(&j, out);
	jout_begin_object(&j);
	jout_key(&j, "schema");
	jout_int(&j, 1);
	k = json_object_new_object();
	kver_format(a->rc.rules, rules, sizeof(rules));
	json_object_object_add(k, "release", str_or_null(m->kernel_release));
	json_object_object_add(k, "rules", json_object_new_string(rules));
	json_object_object_add(k, "rules_exact",
			       json_object_new_boolean(!a->rules_outside && !rules_between(a)));
	json_object_object_add(k, "rules_approximate", rules_approximate_json(a));
	json_object_object_add(k, "cmdline", str_or_null(m->cmdline));
	params = json_object_new_array();
	for (size_t i = 0; i < m->params.nparams; i++)
		json_object_array_add(params, json_object_new_string(m->params.params[i]));
	json_object_object_add(k, "acs_parameters", params);
	jout_key(&j, "kernel");
	jout_value(&j, k);
	jout_key(&j, "iommu");
	jout_value(&j, iommu_json(&a->iommu));
	jout_key(&j, "config_complete");
	jout_bool(&j, !m->config_truncated);
	jout_key(&j, "assumed_acs");
	jout_value(&j, assumed_acs_json(a));

	jout_key(&j, "devices");
	jout_begin_array(&j);
	for (size_t i = 0; i < m->ndevs && !j.err; i++)
		device_put(&j, a, i, attrs, want);
	jout_end_array(&j);

	jout_key(&j, "kernel_groups");
	rc = kernel_groups_put(&j, m);

	jout_key(&j, "alias_sets");
	jout_begin_array(&j);
	for (size_t s = 0; s < a->g.nalias && !j.err; s++) {
		const struct set *set = &a->g.alias_sets[s];

		jout_begin_object(&j);
		jout_key(&j, "id");
		jout_int(&j, set->id);
		jout_key(&j, "devices");
		bdf_list(&j, m, set->members, set->n);
		jout_key(&j, "requester_ids");
		rid_list(&j, a, &rids, s);
		jout_key(&j, "certain");
		jout_bool(&j, set->certain);
		jout_end_object(&j);
	}
	jout_end_array(&j);

	jout_key(&j, "isolation_groups");
	jout_begin_array(&j);
	for (size_t s = 0; s < a->g.niso && !j.err; s++) {
		const struct set *set = &a->g.isolation_groups[s];

		if (!set->translated) /* in no group: its id is left unused */
			continue;
		jout_begin_object(&j);
		jout_key(&j, "id");
		jout_int(&j, set->id);
		jout_key(&j, "devices");
		bdf_list(&j, m, set->members, set->n);
		jout_key(&j, "alias_sets");
		jout_begin_array(&j);
		for (size_t q = iso_as.first[s]; q < iso_as.first[s + 1]; q++)
			jout_int(&j, a->g.alias_sets[iso_as.idx[q]].id);
		jout_end_array(&j);
		jout_key(&j, "kernel_group");
		group_or_null(&j, set->kernel_group);
		jout_key(&j, "matches_kernel");
		if (set->has_kernel)
			jout_bool(&j, set->matches_kernel);
		else
			jout_null(&j);
		jout_key(&j, "certain");
		jout_bool(&j, set->certain);
		jout_end_object(&j);
	}
	jout_end_array(&j);
	jout_end_object(&j);
	rc |= jout_finish(&j);
	rc |= fputs("\n", out) == EOF;
	free(rids.first);
	free(rids.idx);
	free(iso_as.first);
	free(iso_as.idx);
	return rc || ferror(out) ? -1 : 0;
}
