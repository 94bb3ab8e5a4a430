// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_json.c - the `list --json` document (schema 1, see
 * shared/spec/cli.md), and the "iommu" object why-shared shares. Names from hardware can hold any byte: json-c
 * escapes what JSON requires, and safe_json_fputs() makes the document
 * valid UTF-8 and free of raw control characters.
 *
 * The document is written piece by piece: each device, group and set is
 * built as a json-c object, printed (re-indented to its depth, exactly as
 * json-c prints the whole tree) and freed, so memory stays that of the
 * model, not of a tree of every value (about 10 KB per function).
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devattr.h"
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

/* A device; with list --json -o, the attributes of want read through
 * attrs (render_list_json_attrs; want 0: none). */
static json_object *device_json(const struct analysis *a, size_t i, struct devattr_ctx *attrs,
				unsigned want)
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
	if (want) {
		struct devattr x;

		if (devattr_fill(attrs, (int)i, want, &x) == 0)
			render_devattr_json(o, &x, want);
	}
	return o;
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

/* The requester IDs of alias set s, each once, in the order found. */
static json_object *rid_list(const struct analysis *a, const struct buckets *b, size_t s)
{
	json_object *arr = json_object_new_array();

	for (size_t q = b->first[s]; q < b->first[s + 1]; q++) {
		const struct rid *x = &a->r.rids[b->idx[q]];
		char t[24];
		bool dup = false;

		snprintf(t, sizeof(t), "%04x:%02x:%02x.%d", x->domain, x->bus, DEVFN_SLOT(x->devfn),
			 DEVFN_FUNC(x->devfn));
		for (size_t j = 0; j < json_object_array_length(arr) && !dup; j++)
			dup = strcmp(json_object_get_string(json_object_array_get_idx(arr, j)), t) == 0;
		if (!dup)
			json_object_array_add(arr, json_object_new_string(t));
	}
	return arr;
}

/* Print o as json-c prints it at depth level of a pretty document (every
 * line after the first indented by 2 * level spaces: a newline is only
 * ever structure, json-c escapes it inside strings), then free it. */
static int put_value(json_object *o, int level, FILE *out)
{
	const char *s;
	char *buf, *w;
	size_t nl = 0, len;
	int rc;

	if (!o)
		return fputs("null", out) == EOF ? -1 : 0;
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s) {
		json_object_put(o);
		return -1;
	}
	len = strlen(s);
	for (const char *p = s; (p = strchr(p, '\n')); p++)
		nl++;
	buf = malloc(len + nl * 2 * (size_t)level + 1);
	if (!buf) {
		json_object_put(o);
		return -1;
	}
	w = buf;
	for (const char *p = s; *p; p++) {
		*w++ = *p;
		if (*p == '\n') {
			memset(w, ' ', 2 * (size_t)level);
			w += 2 * level;
		}
	}
	*w = '\0';
	rc = safe_json_fputs(buf, out);
	free(buf);
	json_object_put(o);
	return rc;
}

/* A member of the top-level object: ',' before all but the first. */
static int put_key(const char *key, bool first, FILE *out)
{
	return fprintf(out, "%s\n  \"%s\": ", first ? "" : ",", key) < 0 ? -1 : 0;
}

/* An array member of the top level, item by item (an empty one as json-c
 * prints it, on two lines). */
static int put_item(json_object *o, size_t k, FILE *out)
{
	if (fputs(k ? ",\n    " : "[\n    ", out) == EOF) {
		json_object_put(o);
		return -1;
	}
	return put_value(o, 2, out);
}

static int end_array(size_t n, FILE *out)
{
	return fputs(n ? "\n  ]" : "[\n  ]", out) == EOF ? -1 : 0;
}

static int kernel_groups_put(const struct sysmodel *m, FILE *out)
{
	int *order = kernel_group_order(m);
	size_t k = 0;
	int rc = 0;

	if (!order)
		return -1;
	for (size_t g = 0; g < m->nkgroups && !rc; g++) {
		json_object *o = json_object_new_object(), *devs = json_object_new_array();

		json_object_object_add(o, "id", json_object_new_int(m->kgroups[g].id));
		json_object_object_add(o, "type", str_or_null(m->kgroups[g].type));
		while (k < m->ndevs && m->devs[order[k]].kernel_group < m->kgroups[g].id)
			k++;
		for (; k < m->ndevs && m->devs[order[k]].kernel_group == m->kgroups[g].id; k++)
			json_object_array_add(devs, json_object_new_string(m->devs[order[k]].bdf));
		json_object_object_add(o, "devices", devs);
		rc = put_item(o, g, out);
	}
	free(order);
	return rc ? rc : end_array(m->nkgroups, out);
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
	size_t nout = 0;
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

	rc |= fputs("{", out) == EOF;
	rc |= put_key("schema", true, out) || put_value(json_object_new_int(1), 1, out);
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
	rc |= put_key("kernel", false, out) || put_value(k, 1, out);
	rc |= put_key("iommu", false, out) || put_value(iommu_json(&a->iommu), 1, out);
	rc |= put_key("config_complete", false, out) ||
	      put_value(json_object_new_boolean(!m->config_truncated), 1, out);

	rc |= put_key("assumed_acs", false, out) || put_value(assumed_acs_json(a), 1, out);

	rc |= put_key("devices", false, out);
	for (size_t i = 0; i < m->ndevs && !rc; i++)
		rc |= put_item(device_json(a, i, attrs, want), i, out);
	rc |= rc || end_array(m->ndevs, out);

	rc |= rc || put_key("kernel_groups", false, out) || kernel_groups_put(m, out);

	rc |= rc || put_key("alias_sets", false, out);
	for (size_t s = 0; s < a->g.nalias && !rc; s++) {
		const struct set *set = &a->g.alias_sets[s];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_int(set->id));
		json_object_object_add(o, "devices", bdf_list(m, set->members, set->n));
		json_object_object_add(o, "requester_ids", rid_list(a, &rids, s));
		json_object_object_add(o, "certain", json_object_new_boolean(set->certain));
		rc |= put_item(o, s, out);
	}
	rc |= rc || end_array(a->g.nalias, out);

	rc |= rc || put_key("isolation_groups", false, out);
	for (size_t s = 0; s < a->g.niso && !rc; s++) {
		const struct set *set = &a->g.isolation_groups[s];
		json_object *o, *as;

		if (!set->translated) /* in no group: its id is left unused */
			continue;
		o = json_object_new_object();
		as = json_object_new_array();
		for (size_t q = iso_as.first[s]; q < iso_as.first[s + 1]; q++)
			json_object_array_add(as, json_object_new_int(a->g.alias_sets[iso_as.idx[q]].id));
		json_object_object_add(o, "id", json_object_new_int(set->id));
		json_object_object_add(o, "devices", bdf_list(m, set->members, set->n));
		json_object_object_add(o, "alias_sets", as);
		json_object_object_add(o, "kernel_group", group_or_null(set->kernel_group));
		json_object_object_add(o, "matches_kernel",
				       set->has_kernel ? json_object_new_boolean(set->matches_kernel) : NULL);
		json_object_object_add(o, "certain", json_object_new_boolean(set->certain));
		rc |= put_item(o, nout++, out);
	}
	rc |= rc || end_array(nout, out);
	rc |= rc || fputs("\n}\n", out) == EOF;
	free(rids.first);
	free(rids.idx);
	free(iso_as.first);
	free(iso_as.idx);
	return rc || ferror(out) ? -1 : 0;
}
