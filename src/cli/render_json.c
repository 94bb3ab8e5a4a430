// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_json.c - the `list --json` document (schema 1, see
 * shared/spec/cli.md), and the "iommu" object why-shared shares. Names from hardware can hold any byte: json-c
 * escapes what JSON requires, and safe_json_print() makes the document
 * valid UTF-8 and free of raw control characters.
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "safe.h"

static json_object *hex_str(unsigned v, int width)
{
	char b[16];

	snprintf(b, sizeof(b), "%0*x", width, v);
	return json_object_new_string(b);
}

static json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static json_object *acs_bits(uint16_t v)
{
	static const char *const names[] = { "SV", "TB", "RR", "CR", "UF", "EC", "DT" };
	json_object *arr = json_object_new_array();

	for (unsigned b = 0; b < 7; b++)
		if (v & (1u << b))
			json_object_array_add(arr, json_object_new_string(names[b]));
	return arr;
}

static json_object *acs_json(const struct dev *d)
{
	json_object *o;

	if (d->acs == ACS_ABSENT)
		return NULL;
	if (d->acs == ACS_UNKNOWN)
		return json_object_new_string("unknown");
	o = json_object_new_object();
	json_object_object_add(o, "capability", acs_bits(d->acs_cap));
	json_object_object_add(o, "control", acs_bits(d->acs_ctrl));
	return o;
}

static json_object *group_or_null(int g)
{
	return g == NO_GROUP ? NULL : json_object_new_int(g);
}

static json_object *bdf_list(const struct sysmodel *m, const int *members, size_t n)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_string(m->devs[members[i]].bdf));
	return arr;
}

/* Whether an IOMMU translates it: how sure, and why not (null when it is). */
static json_object *translation_json(const struct translation *x)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "certain", json_object_new_boolean(x->certain));
	json_object_object_add(o, "reason", x->reason ? json_object_new_string(x->reason) : NULL);
	return o;
}

/* true: an RMRR the kernel does not relax (VFIO cannot take it); null: no
 * readable DMAR table to tell. */
static json_object *rmrr_json(const struct sysmodel *m, int i)
{
	int r = translate_rmrr(m, i);

	return r < 0 ? NULL : json_object_new_boolean(r == 1);
}

static json_object *device_json(const struct analysis *a, size_t i)
{
	const struct dev *d = &a->m.devs[i];
	json_object *o = json_object_new_object();

	json_object_object_add(o, "bdf", json_object_new_string(d->bdf));
	json_object_object_add(o, "vendor_id", hex_str(d->vendor, 4));
	json_object_object_add(o, "device_id", hex_str(d->device, 4));
	json_object_object_add(o, "class", d->cfg_len >= 12 ? hex_str(d->class, 6) : NULL);
	json_object_object_add(o, "vendor", str_or_null(d->vendor_name));
	json_object_object_add(o, "device", str_or_null(d->device_name));
	json_object_object_add(o, "driver", str_or_null(d->driver));
	json_object_object_add(o, "pcie_type", json_object_new_string(pcie_type_name(d->pcie_type)));
	json_object_object_add(o, "parent",
			       d->parent == NO_DEV ? NULL
						   : json_object_new_string(a->m.devs[d->parent].bdf));
	json_object_object_add(o, "multifunction", json_object_new_boolean(d->multifunction));
	json_object_object_add(o, "virtual_function", json_object_new_boolean(d->is_vf));
	if (d->is_vf && d->physfn != NO_DEV)
		json_object_object_add(o, "physfn", json_object_new_string(a->m.devs[d->physfn].bdf));
	json_object_object_add(o, "config_complete", json_object_new_boolean(d->cfg_complete));
	json_object_object_add(o, "acs", acs_json(d));
	json_object_object_add(o, "kernel_group", group_or_null(d->kernel_group));
	json_object_object_add(o, "alias_set", json_object_new_int(a->g.alias_of[i]));
	json_object_object_add(o, "isolation_group",
			       a->r.xl[i].translated ? json_object_new_int(a->g.isolation_of[i]) : NULL);
	json_object_object_add(o, "translated", json_object_new_boolean(a->r.xl[i].translated));
	json_object_object_add(o, "translation", translation_json(&a->r.xl[i]));
	json_object_object_add(o, "rmrr", rmrr_json(&a->m, (int)i));
	return o;
}

/* Requester IDs per alias set, each once: one pass over all IDs. */
static json_object **rid_lists(const struct analysis *a)
{
	json_object **lists = calloc(a->g.nalias ? a->g.nalias : 1, sizeof(*lists));

	if (!lists)
		return NULL;
	for (size_t s = 0; s < a->g.nalias; s++)
		lists[s] = json_object_new_array();
	for (size_t k = 0; k < a->r.nrids; k++) {
		const struct rid *x = &a->r.rids[k];
		json_object *arr = lists[a->g.alias_of[x->dev]];
		char b[24];
		bool dup = false;

		snprintf(b, sizeof(b), "%04x:%02x:%02x.%d", x->domain, x->bus, DEVFN_SLOT(x->devfn),
			 DEVFN_FUNC(x->devfn));
		for (size_t j = 0; j < json_object_array_length(arr) && !dup; j++)
			dup = strcmp(json_object_get_string(json_object_array_get_idx(arr, j)), b) == 0;
		if (!dup)
			json_object_array_add(arr, json_object_new_string(b));
	}
	return lists;
}

static json_object *kernel_groups_json(const struct sysmodel *m)
{
	json_object *arr = json_object_new_array();
	int *order = kernel_group_order(m);
	size_t k = 0;

	if (!order)
		return NULL;
	for (size_t g = 0; g < m->nkgroups; g++) {
		json_object *o = json_object_new_object(), *devs = json_object_new_array();

		json_object_object_add(o, "id", json_object_new_int(m->kgroups[g].id));
		json_object_object_add(o, "type", str_or_null(m->kgroups[g].type));
		while (k < m->ndevs && m->devs[order[k]].kernel_group < m->kgroups[g].id)
			k++;
		for (; k < m->ndevs && m->devs[order[k]].kernel_group == m->kgroups[g].id; k++)
			json_object_array_add(devs, json_object_new_string(m->devs[order[k]].bdf));
		json_object_object_add(o, "devices", devs);
		json_object_array_add(arr, o);
	}
	free(order);
	return arr;
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

int render_list_json(const struct analysis *a, FILE *out)
{
	const struct sysmodel *m = &a->m;
	json_object *root = json_object_new_object(), *k, *params, *arr, **rids, **iso_as;
	char rules[32];
	int rc;

	json_object_object_add(root, "schema", json_object_new_int(1));
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
	json_object_object_add(root, "kernel", k);

	json_object_object_add(root, "iommu", iommu_json(&a->iommu));
	json_object_object_add(root, "config_complete", json_object_new_boolean(!m->config_truncated));
	json_object_object_add(root, "assumed_acs", assumed_acs_json(a));

	arr = json_object_new_array();
	for (size_t i = 0; i < m->ndevs; i++)
		json_object_array_add(arr, device_json(a, i));
	json_object_object_add(root, "devices", arr);

	arr = kernel_groups_json(m);
	json_object_object_add(root, "kernel_groups", arr);

	rids = rid_lists(a);
	iso_as = calloc(a->g.niso ? a->g.niso : 1, sizeof(*iso_as));
	if (!rids || !iso_as) {
		free(rids);
		free(iso_as);
		json_object_put(root);
		return -1;
	}
	for (size_t s = 0; s < a->g.niso; s++)
		iso_as[s] = json_object_new_array();
	arr = json_object_new_array();
	for (size_t s = 0; s < a->g.nalias; s++) {
		const struct set *set = &a->g.alias_sets[s];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_int(set->id));
		json_object_object_add(o, "devices", bdf_list(m, set->members, set->n));
		json_object_object_add(o, "requester_ids", rids[s]);
		json_object_array_add(iso_as[a->g.isolation_of[set->members[0]]],
				      json_object_new_int(set->id));
		json_object_object_add(o, "certain", json_object_new_boolean(set->certain));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "alias_sets", arr);

	arr = json_object_new_array();
	for (size_t s = 0; s < a->g.niso; s++) {
		const struct set *set = &a->g.isolation_groups[s];
		json_object *o;

		if (!set->translated) { /* in no group: its id is left unused */
			json_object_put(iso_as[s]);
			continue;
		}
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_int(set->id));
		json_object_object_add(o, "devices", bdf_list(m, set->members, set->n));
		json_object_object_add(o, "alias_sets", iso_as[s]);
		json_object_object_add(o, "kernel_group", group_or_null(set->kernel_group));
		json_object_object_add(o, "matches_kernel",
				       set->has_kernel ? json_object_new_boolean(set->matches_kernel) : NULL);
		json_object_object_add(o, "certain", json_object_new_boolean(set->certain));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "isolation_groups", arr);
	free(rids);
	free(iso_as);

	rc = safe_json_print(root, out);
	json_object_put(root);
	return rc || ferror(out) ? -1 : 0;
}
