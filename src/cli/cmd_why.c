// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_why.c - `why-shared BDF`: the explanation (explain.h) as text for
 * people and as the contract's JSON document. Outside strings (names,
 * driver) reach the text through dev_desc() and safe_term(); the JSON
 * through safe_json_print().
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
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
	json_object *o = json_object_new_object(), *devs = json_object_new_array();
	char detail[512];

	reason_detail(a, e, detail, sizeof(detail));
	json_object_object_add(o, "kind", json_object_new_string(rel_kind_name(e->kind)));
	json_object_array_add(devs, json_object_new_string(a->m.devs[e->a].bdf));
	json_object_array_add(devs, json_object_new_string(a->m.devs[e->b].bdf));
	json_object_object_add(o, "devices", devs);
	json_object_object_add(o, "at", json_object_new_string(a->m.devs[e->at].bdf));
	json_object_object_add(o, "detail", json_object_new_string(detail));
	json_object_object_add(o, "fixable", json_object_new_boolean(reason_fixable(e)));
	json_object_object_add(o, "remedy", json_object_new_string(reason_remedy(e)));
	json_object_object_add(o, "certain", json_object_new_boolean(e->certain));
	return o;
}

static json_object *unexplained_json(const struct analysis *a, const struct explanation *x, int i)
{
	json_object *o = json_object_new_object(), *devs = json_object_new_array();
	char detail[256];

	snprintf(detail, sizeof(detail),
		 "the kernel grouped %s with %s and no rule here explains it "
		 "(firmware-declared alias? an unknown quirk?)",
		 a->m.devs[i].bdf, a->m.devs[x->dev].bdf);
	json_object_object_add(o, "kind", json_object_new_string("unexplained"));
	json_object_array_add(devs, json_object_new_string(a->m.devs[x->dev].bdf));
	json_object_array_add(devs, json_object_new_string(a->m.devs[i].bdf));
	json_object_object_add(o, "devices", devs);
	/* no responsible function is known: name the member no rule reaches */
	json_object_object_add(o, "at", json_object_new_string(a->m.devs[i].bdf));
	json_object_object_add(o, "detail", json_object_new_string(detail));
	json_object_object_add(o, "fixable", NULL);
	json_object_object_add(o, "remedy", json_object_new_string("unknown"));
	json_object_object_add(o, "certain", json_object_new_boolean(false));
	return o;
}

/* A function the IOMMU left without a group while others have one: say so
 * rather than present the prediction as the kernel's. */
static bool ungrouped_on_iommu(const struct analysis *a, const struct explanation *x)
{
	return a->m.devs[x->dev].kernel_group == NO_GROUP && a->m.nkgroups > 0 &&
	       a->r.xl[x->dev].translated;
}

static const char ungrouped_detail[] =
	"the kernel gave this function no IOMMU group although the IOMMU is on: it is not "
	"translated by an IOMMU (a bypassed bus, partial coverage, the IOMMU's own function), or "
	"its driver has not probed yet (virtio-iommu attaches at driver probe); the group shown "
	"is the one the kernel's rules would make";

static json_object *ungrouped_json(const struct analysis *a, const struct explanation *x)
{
	json_object *o = json_object_new_object(), *devs = json_object_new_array();

	json_object_object_add(o, "kind", json_object_new_string("unexplained"));
	json_object_array_add(devs, json_object_new_string(a->m.devs[x->dev].bdf));
	json_object_array_add(devs, json_object_new_string(a->m.devs[x->dev].bdf));
	json_object_object_add(o, "devices", devs);
	json_object_object_add(o, "at", json_object_new_string(a->m.devs[x->dev].bdf));
	json_object_object_add(o, "detail", json_object_new_string(ungrouped_detail));
	json_object_object_add(o, "fixable", NULL);
	json_object_object_add(o, "remedy", json_object_new_string("unknown"));
	json_object_object_add(o, "certain", json_object_new_boolean(false));
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

/* Alias sets of more than one member: never separable. */
static json_object *never_json(const struct analysis *a, const struct explanation *x)
{
	json_object *arr = json_object_new_array();

	for (size_t k = 0; k < x->nmembers; k++) {
		json_object *one;
		bool first = true;

		for (size_t j = 0; j < k && first; j++)
			first = x->never[j] != x->never[k];
		if (!first || a->g.alias_sets[x->never[k]].n < 2)
			continue;
		one = json_object_new_array();
		for (size_t j = k; j < x->nmembers; j++)
			if (x->never[j] == x->never[k])
				json_object_array_add(one, json_object_new_string(a->m.devs[x->members[j]].bdf));
		json_object_array_add(arr, one);
	}
	return arr;
}

static int why_json(const struct analysis *a, const struct explanation *x)
{
	const struct translation *xl = &a->r.xl[x->dev];
	json_object *root = json_object_new_object(), *arr, *xo;
	const struct dev *d = &a->m.devs[x->dev];
	int rc;

	json_object_object_add(root, "schema", json_object_new_int(1));
	json_object_object_add(root, "device", json_object_new_string(d->bdf));
	json_object_object_add(root, "kernel_group",
			       d->kernel_group == NO_GROUP ? NULL : json_object_new_int(d->kernel_group));
	json_object_object_add(root, "isolation_group",
			       xl->translated ? json_object_new_int(a->g.isolation_of[x->dev]) : NULL);
	json_object_object_add(root, "certain",
			       json_object_new_boolean(xl->translated
							       ? a->g.isolation_groups[a->g.isolation_of[x->dev]].certain
							       : xl->certain));
	json_object_object_add(root, "translated", json_object_new_boolean(xl->translated));
	xo = json_object_new_object();
	json_object_object_add(xo, "certain", json_object_new_boolean(xl->certain));
	json_object_object_add(xo, "reason", xl->reason ? json_object_new_string(xl->reason) : NULL);
	json_object_object_add(root, "translation", xo);
	json_object_object_add(root, "rmrr",
			       translate_rmrr(&a->m, x->dev) < 0
				       ? NULL
				       : json_object_new_boolean(translate_rmrr(&a->m, x->dev) == 1));
	json_object_object_add(root, "shares_with", bdfs(a, x->members + 1, x->nmembers - 1));
	arr = json_object_new_array();
	for (size_t k = 0; k < x->nreasons; k++)
		json_object_array_add(arr, reason_json(a, &x->reasons[k]));
	for (size_t k = 0; k < x->nunexplained; k++)
		json_object_array_add(arr, unexplained_json(a, x, x->unexplained[k]));
	if (ungrouped_on_iommu(a, x))
		json_object_array_add(arr, ungrouped_json(a, x));
	json_object_object_add(root, "reasons", arr);
	json_object_object_add(root, "kernel_only", bdfs(a, x->unexplained, x->nunexplained));
	json_object_object_add(root, "computed_only", bdfs(a, x->extra, x->nextra));
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
	json_object_object_add(root, "never_separable", never_json(a, x));
	rc = safe_json_print(root, stdout);
	json_object_put(root);
	return rc;
}

static void print_dev(const struct analysis *a, int i, const char *indent)
{
	const struct dev *d = &a->m.devs[i];
	char desc[2048], drv[SAFE_TERM_SIZE(256)];

	safe_term(drv, sizeof(drv), d->driver ? d->driver : "");
	printf("%s%s %s%s%s\n", indent, d->bdf, dev_desc(d, desc, sizeof(desc)),
	       d->driver ? " driver " : "", drv);
}

static int why_text(const struct analysis *a, const struct explanation *x)
{
	const struct dev *d = &a->m.devs[x->dev];
	char detail[512];

	print_dev(a, x->dev, "");
	if (translate_rmrr(&a->m, x->dev) == 1)
		printf("%s: the firmware's DMAR table reserves memory (RMRR) for its DMA, so the "
		       "kernel will not hand it to VFIO (dmesg on 6.x: \"Firmware has requested this "
		       "device have a 1:1 IOMMU mapping\")\n",
		       RMRR_NOTE);
	if (!a->r.xl[x->dev].translated) {
		/* no edges touch it: nothing to explain but why it has no group */
		printf("No IOMMU group: %s by any IOMMU: %s.\n"
		       "It takes no part in grouping: it shares a group with nothing, and VFIO cannot "
		       "take it (there is no group to attach).\n",
		       a->r.xl[x->dev].certain ? "not translated" : "probably not translated",
		       a->r.xl[x->dev].reason);
		return 0;
	}
	if (d->kernel_group != NO_GROUP)
		printf("IOMMU group %d; ", d->kernel_group);
	else
		printf("no kernel IOMMU group%s", ungrouped_on_iommu(a, x) ? "" : "; predicted: ");
	if (ungrouped_on_iommu(a, x))
		printf(".\nunexplained: %s.\nPredicted: ", ungrouped_detail);
	if (x->nmembers == 1 && !x->nunexplained) {
		printf("alone in its group.\n");
		if (x->nisolators) {
			printf("Isolated by ACS on:\n");
			for (size_t k = 0; k < x->nisolators; k++)
				print_dev(a, x->isolators[k], "  ");
		} else if (d->parent == NO_DEV) {
			printf("It sits on a root bus and is a single function: nothing else can reach it "
			       "peer-to-peer.\n");
		}
		return 0;
	}
	printf("shares it with %zu other function%s:\n", x->nmembers - 1 + x->nunexplained,
	       x->nmembers - 1 + x->nunexplained == 1 ? "" : "s");
	for (size_t k = 1; k < x->nmembers; k++)
		print_dev(a, x->members[k], "  ");
	for (size_t k = 0; k < x->nunexplained; k++)
		print_dev(a, x->unexplained[k], "  ");
	printf("\nWhy:\n");
	for (size_t k = 0; k < x->nreasons; k++) {
		const struct rel *e = &x->reasons[k];

		reason_detail(a, e, detail, sizeof(detail));
		printf("  %s -- %s: %s: %s [%s%s]\n", a->m.devs[e->a].bdf, a->m.devs[e->b].bdf,
		       rel_kind_name(e->kind), detail,
		       reason_fixable(e) ? "fixable" : "not fixable", e->certain ? "" : ", uncertain");
		/* each responsible place's remedy once */
		bool said = false;

		for (size_t j = 0; j < k && !said; j++)
			said = x->reasons[j].at == e->at && x->reasons[j].kind == e->kind;
		if (!said && (reason_fixable(e) || e->kind == REL_ACS_UNKNOWN))
			printf("      remedy: %s\n", reason_remedy(e));
	}
	for (size_t k = 0; k < x->nunexplained; k++)
		printf("  %s -- %s: unexplained: the kernel grouped them and no rule here explains it "
		       "(firmware-declared alias? an unknown quirk?)\n",
		       d->bdf, a->m.devs[x->unexplained[k]].bdf);
	for (size_t k = 0; k < x->nextra; k++)
		printf("  note: the rules here also join %s, which the kernel keeps apart\n",
		       a->m.devs[x->extra[k]].bdf);
	if (x->nsplits) {
		printf("\nWhat would split it:\n");
		for (size_t k = 0; k < x->nsplits; k++) {
			const struct split *s = &x->splits[k];

			printf("  ACS at");
			for (size_t j = 0; j < s->nassume; j++)
				printf(" %s", a->m.devs[s->assume[j]].bdf);
			printf(": %zu group%s", s->ngroups, s->ngroups == 1 ? " (no split)" : "s:");
			for (size_t g = 0; g < s->ngroups && s->ngroups > 1; g++) {
				printf(" {");
				for (size_t m = 0, first = 1; m < x->nmembers; m++)
					if (s->group_of[m] == (int)g) {
						printf("%s%s", first ? "" : " ", a->m.devs[x->members[m]].bdf);
						first = 0;
					}
				printf("}");
			}
			printf("\n");
		}
	}
	for (size_t k = 0, shown = 0; k < x->nmembers; k++) {
		bool first = true;

		for (size_t j = 0; j < k && first; j++)
			first = x->never[j] != x->never[k];
		if (!first || a->g.alias_sets[x->never[k]].n < 2)
			continue;
		if (!shown++)
			printf("\nNever separable (one requester ID):\n");
		printf("  ");
		for (size_t j = k, f = 1; j < x->nmembers; j++)
			if (x->never[j] == x->never[k]) {
				printf("%s%s", f ? "" : " ", a->m.devs[x->members[j]].bdf);
				f = 0;
			}
		printf("\n");
	}
	return 0;
}

int cmd_why_shared(struct cli *c)
{
	struct analysis a;
	struct explanation x;
	char err[512];
	bool usage;
	int i, rc;

	if (c->argc != 1) {
		errmsg("why-shared takes one PCI address (see --help)");
		return EXIT_USAGE;
	}
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	i = analysis_find_arg(&a, c->argv[0], err, sizeof(err), &usage);
	if (i == NO_DEV) {
		errmsg("%s", err);
		analysis_free(&a);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	if (explain_device(&a, i, &x)) {
		errmsg("out of memory");
		explanation_free(&x);
		analysis_free(&a);
		return EXIT_FAIL;
	}
	rc = c->json ? why_json(&a, &x) : why_text(&a, &x);
	explanation_free(&x);
	analysis_free(&a);
	if (rc || fflush(stdout) || ferror(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
