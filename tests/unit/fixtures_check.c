// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fixtures_check.c - computed groups vs the kernel's, for every captured
 * fixture: DIR/KERNEL/NAME/ with a kernel-groups.txt (default DIR:
 * fixtures). Each fixture is one cmocka test that runs the real pipeline
 * (analysis_run with .sysroot = the fixture) and checks:
 *  - kernel-groups.txt, read here and independently of the loader's
 *    iommu_group links ("N TYPE BDF..." and "none BDF"), lists every
 *    function the loader found, and only those;
 *  - the loader's kernel_group of each function agrees with it (NO_GROUP
 *    for "none");
 *  - the isolation-group partition equals the kernel's partition on the
 *    functions that have a kernel group (a function without one has no
 *    kernel partition to compare with; its group is a prediction);
 *  - every alias set lies inside one isolation group;
 *  - isolation_groups[].matches_kernel agrees with the comparison above.
 * With no fixture at all it fails, unless IOMMU_GROUPS_ALLOW_NO_FIXTURES=1.
 *
 * Each fixture runs in a child process, so that a crash or a sanitizer
 * report in one does not hide the others. A second argument names a file
 * of known failures ("FIXTURE-NAME reason" lines, for reported bugs in
 * src/): such a fixture still runs, a failure is reported and skipped
 * (unless IOMMU_GROUPS_KNOWN_FAILURES=1), a pass is reported as well.
 *
 * usage: fixtures_check [FIXTURES_DIR [KNOWN_FAILURES_FILE]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis.h"
#include "explain.h"
#include "testutil.h"

#define KG_NONE (-1)
#define KG_UNLISTED (-2)

struct kg_entry {
	uint32_t domain;
	uint8_t bus, devfn;
	int group; /* KG_NONE for "none" */
};

struct kg_file {
	struct kg_entry *v;
	size_t n, cap;
};

static int kg_read(const char *path, struct kg_file *f, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char line[8192];
	unsigned lineno = 0;

	memset(f, 0, sizeof(*f));
	if (!fp) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		char *save = NULL, *tok = strtok_r(line, " \t\n", &save);
		int group;

		lineno++;
		if (!tok || tok[0] == '#')
			continue;
		if (!strcmp(tok, "none")) {
			group = KG_NONE;
		} else {
			char *end;
			long g = strtol(tok, &end, 10);

			if (*end || g < 0) {
				snprintf(err, errlen, "%s:%u: bad group number '%s'", path, lineno, tok);
				fclose(fp);
				return -1;
			}
			group = (int)g;
			tok = strtok_r(NULL, " \t\n", &save); /* type */
			if (!tok) {
				snprintf(err, errlen, "%s:%u: group %d without type", path, lineno,
					 group);
				fclose(fp);
				return -1;
			}
		}
		while ((tok = strtok_r(NULL, " \t\n", &save))) {
			struct kg_entry *e;

			if (f->n == f->cap) {
				f->cap = f->cap ? f->cap * 2 : 64;
				f->v = realloc(f->v, f->cap * sizeof(*f->v));
				if (!f->v)
					abort();
			}
			e = &f->v[f->n];
			if (parse_bdf(tok, &e->domain, &e->bus, &e->devfn)) {
				snprintf(err, errlen, "%s:%u: bad BDF '%s'", path, lineno, tok);
				fclose(fp);
				return -1;
			}
			e->group = group;
			f->n++;
		}
	}
	fclose(fp);
	return 0;
}

static void member_list(const struct analysis *a, const int *idx, size_t n, char *buf, size_t len)
{
	size_t l = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < n && l + 20 < len; k++)
		l += (size_t)snprintf(buf + l, len - l, "%s%s", k ? " " : "", a->m.devs[idx[k]].bdf);
}

static const char *known_file;

/* The reason a fixture is a known failure, or NULL. */
static char *known_reason(const char *dir)
{
	const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
	static char line[1024];
	FILE *fp;

	if (!known_file || !(fp = fopen(known_file, "r")))
		return NULL;
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strcspn(line, " \t\n");

		if (line[0] == '#' || n == 0 || n != strlen(base) || strncmp(line, base, n))
			continue;
		fclose(fp);
		line[strcspn(line, "\n")] = '\0';
		return line + n + strspn(line + n, " \t");
	}
	fclose(fp);
	return NULL;
}

/* Exit status of the child: 0 all checks pass, 3 mismatches, 4 the
 * pipeline failed; anything else is a crash or a sanitizer report. */
static int check_fixture_child(const char *dir)
{
	char path[4200], err[8600], buf1[4096], buf2[4096];
	struct analysis_opts o = { .sysroot = dir };
	struct analysis a;
	struct kg_file f;
	int *kg, *idx;
	size_t n, errors = 0;

	snprintf(path, sizeof(path), "%s/kernel-groups.txt", dir);
	if (kg_read(path, &f, err, sizeof(err))) {
		print_error("%s\n", err);
		return 4;
	}
	if (analysis_run(&a, &o, err, sizeof(err))) {
		analysis_free(&a);
		free(f.v);
		print_error("fixture %s: analysis_run failed: %s\n", dir, err);
		return 4;
	}
	n = a.m.ndevs;
	kg = malloc((n ? n : 1) * sizeof(int));
	idx = malloc((n ? n : 1) * sizeof(int));
	if (!kg || !idx)
		abort();
	for (size_t i = 0; i < n; i++)
		kg[i] = KG_UNLISTED;

	/* kernel-groups.txt <-> the devices found */
	for (size_t k = 0; k < f.n; k++) {
		int i = model_find(&a.m, f.v[k].domain, f.v[k].bus, f.v[k].devfn);

		if (i == NO_DEV) {
			format_bdf(buf1, sizeof(buf1), f.v[k].domain, f.v[k].bus, f.v[k].devfn);
			print_error("fixture %s: %s is in kernel-groups.txt but was not loaded\n", dir,
				    buf1);
			errors++;
			continue;
		}
		kg[i] = f.v[k].group;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dev *d = &a.m.devs[i];
		int want = kg[i] == KG_NONE ? NO_GROUP : kg[i];

		if (kg[i] == KG_UNLISTED) {
			print_error("fixture %s: %s is not listed in kernel-groups.txt\n", dir, d->bdf);
			errors++;
			continue;
		}
		if (d->kernel_group != want) {
			print_error("fixture %s: %s: loader's kernel_group %d, kernel-groups.txt %s%d\n",
				    dir, d->bdf, d->kernel_group, kg[i] == KG_NONE ? "none " : "",
				    want);
			errors++;
		}
	}

	/* the partition, on functions with a kernel group: for each kernel
	 * group, its members must be exactly the grouped members of one
	 * isolation group */
	for (size_t i = 0; i < n; i++) {
		size_t nk = 0, ni = 0;
		bool first = true, bad = false;
		int iso = a.g.isolation_of[i];
		const struct set *s = &a.g.isolation_groups[iso];

		if (kg[i] < 0)
			continue;
		for (size_t j = 0; j < i; j++)
			if (kg[j] == kg[i])
				first = false;
		if (!first)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (kg[j] == kg[i]) {
				idx[nk++] = (int)j;
				if (a.g.isolation_of[j] != iso)
					bad = true;
			}
		}
		for (size_t k = 0; k < s->n; k++)
			if (kg[s->members[k]] >= 0)
				ni++;
		if (ni != nk)
			bad = true;
		if (bad) {
			member_list(&a, idx, nk, buf1, sizeof(buf1));
			print_error("fixture %s: kernel group %d: %s\n", dir, kg[i], buf1);
			for (size_t k = 0; k < nk; k++) {
				const struct set *c =
					&a.g.isolation_groups[a.g.isolation_of[idx[k]]];

				member_list(&a, c->members, c->n, buf2, sizeof(buf2));
				print_error("    computed isolation group of %s: %s\n",
					    a.m.devs[idx[k]].bdf, buf2);
			}
			if (ni != nk) {
				member_list(&a, s->members, s->n, buf2, sizeof(buf2));
				print_error("    (isolation group %d has %zu grouped members: %s)\n",
					    s->id, ni, buf2);
			}
			errors++;
		}
	}

	/* every alias set inside one isolation group */
	for (size_t s = 0; s < a.g.nalias; s++) {
		const struct set *as = &a.g.alias_sets[s];

		for (size_t k = 1; k < as->n; k++) {
			if (a.g.isolation_of[as->members[k]] != a.g.isolation_of[as->members[0]]) {
				member_list(&a, as->members, as->n, buf1, sizeof(buf1));
				print_error("fixture %s: alias set %d (%s) spans isolation groups\n",
					    dir, as->id, buf1);
				errors++;
				break;
			}
		}
	}

	/* matches_kernel, where every member has a kernel group */
	for (size_t s = 0; s < a.g.niso && a.m.nkgroups; s++) {
		const struct set *is = &a.g.isolation_groups[s];
		bool all_grouped = true, same = true;
		size_t ksize = 0;
		int g0 = kg[is->members[0]];

		for (size_t k = 0; k < is->n; k++) {
			all_grouped &= kg[is->members[k]] >= 0;
			same &= kg[is->members[k]] == g0;
		}
		if (!all_grouped)
			continue;
		for (size_t i = 0; i < n; i++)
			ksize += kg[i] == g0;
		if (is->matches_kernel != (same && ksize == is->n)) {
			member_list(&a, is->members, is->n, buf1, sizeof(buf1));
			print_error("fixture %s: isolation group %d (%s): matches_kernel %s, expected "
				    "%s\n",
				    dir, is->id, buf1, is->matches_kernel ? "true" : "false",
				    is->matches_kernel ? "false" : "true");
			errors++;
		}
	}

	/* why-shared: for every function of a shared group, the reasons join
	 * it to every other member (cli.md), each reason is an edge inside the
	 * group, and the groups are unchanged after the what-if runs. */
	for (size_t i = 0; i < n; i++) {
		const struct set *is = &a.g.isolation_groups[a.g.isolation_of[i]];
		struct explanation x;
		size_t reached = 1, before = is->n;
		int iso_before = a.g.isolation_of[i];
		bool *in;

		if (is->n < 2)
			continue;
		if (explain_device(&a, (int)i, &x)) {
			print_error("fixture %s: explain_device(%s) failed\n", dir, a.m.devs[i].bdf);
			errors++;
			explanation_free(&x);
			continue;
		}
		in = calloc(n, sizeof(bool));
		in[i] = true;
		/* the reasons form a tree rooted at the device: grow the reached
		 * set until it stops changing */
		for (bool grew = true; grew;) {
			grew = false;
			for (size_t r = 0; r < x.nreasons; r++) {
				int ea = x.reasons[r].a, eb = x.reasons[r].b;

				if (in[ea] != in[eb]) {
					in[ea] = in[eb] = true;
					reached++;
					grew = true;
				}
			}
		}
		for (size_t r = 0; r < x.nreasons; r++) {
			const struct rel *e = &x.reasons[r];

			if (a.g.isolation_of[e->a] != iso_before || a.g.isolation_of[e->b] != iso_before) {
				print_error("fixture %s: why-shared %s: reason %s--%s leaves the group\n", dir,
					    a.m.devs[i].bdf, a.m.devs[e->a].bdf, a.m.devs[e->b].bdf);
				errors++;
			}
		}
		if (reached != x.nmembers || x.nmembers != before) {
			print_error("fixture %s: why-shared %s: reasons reach %zu of %zu members\n", dir,
				    a.m.devs[i].bdf, reached, x.nmembers);
			errors++;
		}
		if (a.g.isolation_of[i] != iso_before || a.g.isolation_groups[iso_before].n != before) {
			print_error("fixture %s: why-shared %s: groups changed by the what-if runs\n", dir,
				    a.m.devs[i].bdf);
			errors++;
		}
		free(in);
		explanation_free(&x);
	}

	free(kg);
	free(idx);
	free(f.v);
	analysis_free(&a);
	if (errors) {
		print_error("fixture %s: %zu mismatch(es)\n", dir, errors);
		return 3;
	}
	return 0;
}

static void check_fixture(void **state)
{
	const char *dir = *state, *k = getenv("IOMMU_GROUPS_KNOWN_FAILURES");
	const char *known = known_reason(dir);
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		exit(check_fixture_child(dir)); /* exit(): LeakSanitizer runs */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (known)
			print_message("[  XPASS   ] %s is listed as a known failure but passed: remove "
				      "it from %s\n",
				      dir, known_file);
		return;
	}
	if (known && !(k && !strcmp(k, "1"))) {
		print_message("[  KNOWN   ] %s fails (%s): known failure: %s\n", dir,
			      WIFEXITED(status) ? "mismatch or sanitizer report" : "crashed", known);
		skip();
	}
	if (WIFSIGNALED(status))
		fail_msg("fixture %s: the check crashed (signal %d)", dir, WTERMSIG(status));
	switch (WEXITSTATUS(status)) {
	case 3:
		fail_msg("fixture %s: computed groups differ from the kernel's (above)", dir);
		break;
	case 4:
		fail_msg("fixture %s: could not be read (above)", dir);
		break;
	default:
		fail_msg("fixture %s: the check failed with status %d (sanitizer report above?)", dir,
			 WEXITSTATUS(status));
	}
}

int main(int argc, char **argv)
{
	const char *top = argc > 1 ? argv[1] : "fixtures";
	const char *allow = getenv("IOMMU_GROUPS_ALLOW_NO_FIXTURES");
	char pattern[4200];
	struct CMUnitTest *tests;
	glob_t gl;
	int rc;

	known_file = argc > 2 ? argv[2] : NULL;
	snprintf(pattern, sizeof(pattern), "%s/*/*/kernel-groups.txt", top);
	rc = glob(pattern, 0, NULL, &gl);
	if (rc == GLOB_NOMATCH || (rc == 0 && gl.gl_pathc == 0)) {
		if (rc == 0)
			globfree(&gl);
		if (allow && !strcmp(allow, "1")) {
			printf("[ SKIP ] no fixtures: nothing matches %s "
			       "(IOMMU_GROUPS_ALLOW_NO_FIXTURES=1)\n",
			       pattern);
			return 0;
		}
		fprintf(stderr,
			"[  FAILED  ] no fixtures: nothing matches %s; capture them (make fixtures) "
			"or set IOMMU_GROUPS_ALLOW_NO_FIXTURES=1\n",
			pattern);
		return 1;
	}
	if (rc) {
		fprintf(stderr, "[  FAILED  ] glob %s failed\n", pattern);
		return 1;
	}
	tests = calloc(gl.gl_pathc, sizeof(*tests));
	if (!tests)
		return 1;
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		char *d = strdup(gl.gl_pathv[i]);

		if (!d)
			return 1;
		d[strlen(d) - strlen("/kernel-groups.txt")] = '\0';
		tests[i].name = d;
		tests[i].test_func = check_fixture;
		tests[i].initial_state = d;
	}
	rc = _cmocka_run_group_tests("fixtures", tests, gl.gl_pathc, NULL, NULL);
	for (size_t i = 0; i < gl.gl_pathc; i++)
		free((void *)tests[i].name);
	free(tests);
	globfree(&gl);
	return rc ? 1 : 0;
}
