// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_why_json.c - the `why-shared BDF --json` document (schema 1, see
 * docs/json.md): the explanation (explain.h) as it stands, nothing
 * computed here. Strings from outside go through safe_json_print().
 */
#include <json-c/json.h>
#include <stdio.h>

#include "render.h"
#include "safe.h"

static json_object *bdfs(const struct analysis *a, const int *v, size_t n)
{
	json_object *arr = json_object_new_array();

	for (size_t k = 0; k < n; k++)
		json_object_array_add(arr, json_object_new_string(a->m.devs[v[k]].bdf));
	return arr;
}

static json_object *reason_json(const struct analysis *a, const struct rel *e)
{
	const struct rel_kind_info *ki = rel_kind_info(e->kind);
	json_object *o = json_object_new_object(), *devs = json_object_new_array();
	char detail[512];

	reason_detail(a, e, detail, sizeof(detail));
	json_object_object_add(o, "kind", json_object_new_string(ki->name));
	json_object_array_add(devs, json_object_new_string(a->m.devs[e->a].bdf));
	json_object_array_add(devs, json_object_new_string(a->m.devs[e->b].bdf));
	json_object_object_add(o, "devices", devs);
	json_object_object_add(o, "at", json_object_new_string(a->m.devs[e->at].bdf));
	json_object_object_add(o, "detail", json_object_new_string(detail));
	json_object_object_add(o, "fixable", ki->fixable == TRI_UNKNOWN
						     ? NULL
						     : json_object_new_boolean(ki->fixable == TRI_YES));
	json_object_object_add(o, "remedy", json_object_new_string(ki->remedy));
	json_object_object_add(o, "certain", json_object_new_boolean(e->certain));
	return o;
}

static json_object *split_groups(const struct analysis *a, const struct explanation *x,
				 const struct split *s)
{
	json_object *groups = json_object_new_array();

	for (size_t g = 0; g < s->ngroups; g++) {
		json_object *one = json_object_new_array();

		for (size_t k = 0; k < x->nmembers; k++)
			if (s->group_of[k] == (int)g)
				json_object_array_add(one, json_object_new_string(a->m.devs[x->members[k]].bdf));
		json_object_array_add(groups, one);
	}
	return groups;
}

/* A release between two compared ones: its rules are not exact. */
bool rules_between(const struct analysis *a)
{
	struct kver lo, hi;

	return !a->rules_outside && kver_between(a->rc.rules, &lo, &hi);
}

/* The approximate rule boundaries for the rules used (kver.h), for the
 * "kernel" objects of list and why-shared: [] when exact. */
json_object *rules_approximate_json(const struct analysis *a)
{
	const struct kver_approx *ap[16];
	size_t n = a->rules_outside ? 0 : kver_approximate(a->rc.rules, ap, 16);
	json_object *arr = json_object_new_array();

	for (size_t k = 0; k < n && k < 16; k++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "at", json_object_new_string(ap[k]->at));
		json_object_object_add(o, "rules", json_object_new_string(ap[k]->rules));
		json_object_array_add(arr, o);
	}
	return arr;
}

int render_why_json(const struct analysis *a, const struct explanation *x, FILE *out)
{
	json_object *root = json_object_new_object(), *arr;
	const struct dev *d = &a->m.devs[x->dev];
	const struct set *iso = &a->g.isolation_groups[a->g.isolation_of[x->dev]];
	int rc;

	json_object_object_add(root, "schema", json_object_new_int(1));
	json_object_object_add(root, "device", json_object_new_string(d->bdf));
	json_object_object_add(root, "kernel_group",
			       d->kernel_group == NO_GROUP ? NULL : json_object_new_int(d->kernel_group));
	const struct translation *xl = &a->r.xl[x->dev];
	json_object *xo = json_object_new_object();
	int rmrr = translate_rmrr(&a->m, x->dev);

	json_object_object_add(root, "isolation_group",
			       xl->translated ? json_object_new_int(a->g.isolation_of[x->dev]) : NULL);
	json_object_object_add(root, "certain",
			       json_object_new_boolean(xl->translated ? iso->certain : xl->certain));
	json_object_object_add(root, "translated", json_object_new_boolean(xl->translated));
	json_object_object_add(xo, "certain", json_object_new_boolean(xl->certain));
	json_object_object_add(xo, "reason", xl->reason ? json_object_new_string(xl->reason) : NULL);
	json_object_object_add(root, "translation", xo);
	json_object_object_add(root, "rmrr", rmrr < 0 ? NULL : json_object_new_boolean(rmrr == 1));
	json_object_object_add(root, "shares_with", bdfs(a, x->members + 1, x->nmembers - 1));
	arr = json_object_new_array();
	for (size_t k = 0; k < x->nreasons; k++)
		json_object_array_add(arr, reason_json(a, &x->reasons[k]));
	for (size_t k = 0; k < x->nunexplained_reasons; k++)
		json_object_array_add(arr, reason_json(a, &x->unexplained_reasons[k]));
	json_object_object_add(root, "reasons", arr);
	json_object_object_add(root, "kernel_only", bdfs(a, x->unexplained, x->nunexplained));
	json_object_object_add(root, "computed_only", bdfs(a, x->extra, x->nextra));
	json_object_object_add(root, "not_yet_grouped", bdfs(a, x->pending, x->npending));
	json_object_object_add(root, "isolated_by",
			       x->nmembers == 1 ? bdfs(a, x->isolators, x->nisolators) : json_object_new_array());
	arr = json_object_new_array();
	for (size_t k = 0; k < x->nsplits; k++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "enable_acs_at", bdfs(a, x->splits[k].assume, x->splits[k].nassume));
		json_object_object_add(o, "groups", split_groups(a, x, &x->splits[k]));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "would_split", arr);
	arr = json_object_new_array();
	for (size_t k = 0; k < x->nnever; k++)
		json_object_array_add(arr, bdfs(a, x->never[k].members, x->never[k].n));
	json_object_object_add(root, "never_separable", arr);
	json_object_object_add(root, "iommu", iommu_json(&a->iommu));
	{
		json_object *k = json_object_new_object();
		char rules[32];

		kver_format(a->rc.rules, rules, sizeof(rules));
		json_object_object_add(k, "rules", json_object_new_string(rules));
		json_object_object_add(k, "rules_exact",
				       json_object_new_boolean(!a->rules_outside && !rules_between(a)));
		json_object_object_add(k, "rules_approximate", rules_approximate_json(a));
		json_object_object_add(root, "kernel", k);
	}
	json_object_object_add(root, "assumed_acs", assumed_acs_json(a));
	rc = safe_json_print(root, out);
	json_object_put(root);
	return rc || ferror(out) ? -1 : 0;
}
