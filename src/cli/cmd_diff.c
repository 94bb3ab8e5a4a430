// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_diff.c - `diff A B`: what changed between two captured systems (a
 * snapshot directory or tarball each; `/` for the running one), after a
 * kernel, firmware or BIOS-setting change: the kernel release and command
 * line, functions added and removed, and per function its driver, its ACS
 * controls and whom it shares its group with (group numbers are not
 * compared: the kernel numbers groups in probe order). Groups are the
 * kernel's, or the predicted isolation groups where the IOMMU is off.
 */
#define _GNU_SOURCE
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "load.h"

struct side {
	struct analysis a;
	char **mates; /* per function: its group's other members, "" alone */
};

static int group_key(const struct analysis *a, size_t i)
{
	return a->m.nkgroups ? a->m.devs[i].kernel_group : a->g.isolation_of[i];
}

static int cmp_key(const void *x, const void *y, void *ctx)
{
	const struct analysis *a = ctx;
	int p = *(const int *)x, q = *(const int *)y;
	int kp = group_key(a, (size_t)p), kq = group_key(a, (size_t)q);

	if (kp != kq)
		return kp < kq ? -1 : 1;
	return p - q;
}

/* For each function, the BDFs of the others in its group, space-separated
 * (sorted: devices are in location order). Linear after one sort. */
static int compute_mates(struct side *s)
{
	const struct sysmodel *m = &s->a.m;
	int *order = malloc((m->ndevs ? m->ndevs : 1) * sizeof(int));

	s->mates = calloc(m->ndevs ? m->ndevs : 1, sizeof(char *));
	if (!order || !s->mates) {
		free(order);
		return -1;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		order[i] = (int)i;
	qsort_r(order, m->ndevs, sizeof(int), cmp_key, &s->a);
	for (size_t r = 0; r < m->ndevs;) {
		size_t e = r, len = 0;
		int key = group_key(&s->a, (size_t)order[r]);

		while (e < m->ndevs && group_key(&s->a, (size_t)order[e]) == key)
			len += strlen(m->devs[order[e++]].bdf) + 1;
		for (size_t k = r; k < e; k++) {
			char *buf = malloc(len + 1), *p = buf;

			if (!buf) {
				free(order);
				return -1;
			}
			*p = '\0';
			/* ungrouped functions (no kernel group) share nothing */
			for (size_t j = r; j < e && key != NO_GROUP; j++)
				if (j != k)
					p += sprintf(p, "%s%s", p == buf ? "" : " ", m->devs[order[j]].bdf);
			s->mates[order[k]] = buf;
		}
		r = e;
	}
	free(order);
	return 0;
}

static void side_free(struct side *s)
{
	for (size_t i = 0; s->mates && i < s->a.m.ndevs; i++)
		free(s->mates[i]);
	free(s->mates);
	analysis_free(&s->a);
}

static void acs_text(const struct dev *d, char *buf, size_t len)
{
	static const char *const names[] = { "SV", "TB", "RR", "CR", "UF", "EC", "DT" };
	size_t n = 0;

	if (d->acs == ACS_ABSENT) {
		snprintf(buf, len, "none");
		return;
	}
	if (d->acs == ACS_UNKNOWN) {
		snprintf(buf, len, "unknown");
		return;
	}
	buf[0] = '\0';
	for (unsigned b = 0; b < 7 && n < len; b++)
		if (d->acs_ctrl & (1u << b))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "+" : "", names[b]);
	if (!n)
		snprintf(buf, len, "off");
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* Compare; text on stdout, or fill the JSON document. */
static void compare(struct side *A, struct side *B, json_object *root)
{
	const struct sysmodel *ma = &A->a.m, *mb = &B->a.m;
	json_object *added = json_object_new_array(), *removed = json_object_new_array(),
		    *changed = json_object_new_array();
	size_t i = 0, j = 0, nchanges = 0;

	if (strcmp(ma->kernel_release, mb->kernel_release)) {
		if (!root)
			printf("kernel: %s -> %s\n", or_dash(ma->kernel_release), or_dash(mb->kernel_release));
		nchanges++;
	}
	if (strcmp(ma->cmdline, mb->cmdline)) {
		if (!root)
			printf("command line: %s\n          -> %s\n", or_dash(ma->cmdline), or_dash(mb->cmdline));
		nchanges++;
	}
	if ((ma->nkgroups > 0) != (mb->nkgroups > 0)) {
		if (!root)
			printf("IOMMU: %s -> %s\n", ma->nkgroups ? "on" : "off", mb->nkgroups ? "on" : "off");
		nchanges++;
	}
	/* both device lists are in location order: a merge */
	while (i < ma->ndevs || j < mb->ndevs) {
		int c = i == ma->ndevs ? 1 : j == mb->ndevs ? -1 : model_cmp_location(&ma->devs[i], &mb->devs[j]);

		if (c < 0) {
			if (!root)
				printf("removed %s\n", ma->devs[i].bdf);
			json_object_array_add(removed, json_object_new_string(ma->devs[i].bdf));
			i++, nchanges++;
		} else if (c > 0) {
			if (!root)
				printf("added %s\n", mb->devs[j].bdf);
			json_object_array_add(added, json_object_new_string(mb->devs[j].bdf));
			j++, nchanges++;
		} else {
			const struct dev *x = &ma->devs[i], *y = &mb->devs[j];
			char acs_a[48], acs_b[48];
			json_object *o = json_object_new_object();
			bool any = false;

			if (strcmp(or_dash(x->driver), or_dash(y->driver))) {
				json_object *p = json_object_new_array();

				json_object_array_add(p, jstr(x->driver));
				json_object_array_add(p, jstr(y->driver));
				json_object_object_add(o, "driver", p);
				if (!root)
					printf("%s driver: %s -> %s\n", x->bdf, or_dash(x->driver), or_dash(y->driver));
				any = true;
			}
			acs_text(x, acs_a, sizeof(acs_a));
			acs_text(y, acs_b, sizeof(acs_b));
			if (strcmp(acs_a, acs_b)) {
				json_object *p = json_object_new_array();

				json_object_array_add(p, json_object_new_string(acs_a));
				json_object_array_add(p, json_object_new_string(acs_b));
				json_object_object_add(o, "acs", p);
				if (!root)
					printf("%s ACS: %s -> %s\n", x->bdf, acs_a, acs_b);
				any = true;
			}
			if (strcmp(A->mates[i], B->mates[j])) {
				json_object *p = json_object_new_array();

				json_object_array_add(p, json_object_new_string(A->mates[i]));
				json_object_array_add(p, json_object_new_string(B->mates[j]));
				json_object_object_add(o, "shares_with", p);
				if (!root)
					printf("%s shares its group with: %s -> %s\n", x->bdf,
					       *A->mates[i] ? A->mates[i] : "(alone)",
					       *B->mates[j] ? B->mates[j] : "(alone)");
				any = true;
			}
			if (any) {
				json_object_object_add(o, "bdf", json_object_new_string(x->bdf));
				json_object_array_add(changed, o);
				nchanges++;
			} else {
				json_object_put(o);
			}
			i++, j++;
		}
	}
	if (root) {
		json_object *k = json_object_new_object(), *cl = json_object_new_object();

		json_object_object_add(k, "a", jstr(ma->kernel_release[0] ? ma->kernel_release : NULL));
		json_object_object_add(k, "b", jstr(mb->kernel_release[0] ? mb->kernel_release : NULL));
		json_object_object_add(root, "kernel", k);
		json_object_object_add(cl, "a", json_object_new_string(ma->cmdline));
		json_object_object_add(cl, "b", json_object_new_string(mb->cmdline));
		json_object_object_add(root, "cmdline", cl);
		cl = json_object_new_object();
		json_object_object_add(cl, "a", json_object_new_boolean(ma->nkgroups > 0));
		json_object_object_add(cl, "b", json_object_new_boolean(mb->nkgroups > 0));
		json_object_object_add(root, "iommu", cl);
		json_object_object_add(root, "added", added);
		json_object_object_add(root, "removed", removed);
		json_object_object_add(root, "changed", changed);
		json_object_object_add(root, "differences", json_object_new_int64((int64_t)nchanges));
	} else {
		json_object_put(added);
		json_object_put(removed);
		json_object_put(changed);
		if (!nchanges)
			printf("no differences\n");
	}
}

static int load_side(const struct cli *c, const char *path, struct side *s)
{
	struct cli one = *c;

	memset(s, 0, sizeof(*s));
	one.sysroot = path;
	if (cli_analyse(&one, &s->a) != EXIT_OK)
		return -1;
	if (compute_mates(s)) {
		errmsg("out of memory");
		side_free(s);
		return -1;
	}
	return 0;
}

int cmd_diff(struct cli *c)
{
	struct side A, B;
	json_object *root = NULL;
	int rc = EXIT_OK;

	if (c->argc != 2) {
		errmsg("diff takes two snapshots (a directory or FILE.tar.gz each; / for this system)");
		return EXIT_USAGE;
	}
	if (load_side(c, c->argv[0], &A))
		return EXIT_FAIL;
	if (load_side(c, c->argv[1], &B)) {
		side_free(&A);
		return EXIT_FAIL;
	}
	if (c->json) {
		root = json_object_new_object();
		json_object_object_add(root, "schema", json_object_new_int(1));
	}
	compare(&A, &B, root);
	if (root) {
		if (printf("%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
								      JSON_C_TO_STRING_NOSLASHESCAPE)) < 0)
			rc = EXIT_FAIL;
		json_object_put(root);
	}
	side_free(&A);
	side_free(&B);
	if (fflush(stdout) || rc) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
