// SPDX-License-Identifier: GPL-2.0-or-later
/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tm_init(struct tm *t)
{
	memset(t, 0, sizeof(*t));
	t->rc.rules = KV(6, 12);
}

int tm_add(struct tm *t, const char *bdf, const struct synth *s, int parent)
{
	uint32_t dom;
	uint8_t bus, devfn;
	struct dev *d;

	assert_int_equal(parse_bdf(bdf, &dom, &bus, &devfn), 0);
	if (t->m.ndevs == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->m.devs = realloc(t->m.devs, t->cap * sizeof(*t->m.devs));
		assert_non_null(t->m.devs);
	}
	if (t->m.ndevs) {
		const struct dev *p = &t->m.devs[t->m.ndevs - 1];
		uint64_t a = (uint64_t)p->domain << 16 | (unsigned)p->bus << 8 | p->devfn;
		uint64_t b = (uint64_t)dom << 16 | (unsigned)bus << 8 | devfn;

		if (a >= b)
			fail_msg("tm_add: %s added out of order", bdf);
	}
	assert_int_equal(rulectx_resize(&t->rc, t->m.ndevs + 1), 0);
	d = &t->m.devs[t->m.ndevs];
	synth_parse(s, d);
	d->domain = dom;
	d->bus = bus;
	d->devfn = devfn;
	format_bdf(d->bdf, sizeof(d->bdf), dom, bus, devfn);
	d->parent = parent;
	return (int)t->m.ndevs++;
}

void tm_build(struct tm *t)
{
	char err[256];

	if (t->built) {
		grouping_free(&t->g);
		relations_free(&t->r);
	}
	if (model_finish(&t->m, err, sizeof(err)))
		fail_msg("model_finish: %s", err);
	for (size_t i = 0; !t->skip_dma_quirks && i < t->m.ndevs; i++)
		dma_quirks_apply(&t->m, &t->rc, (int)i);
	assert_int_equal(relations_build(&t->m, &t->rc, &t->r), 0);
	assert_int_equal(grouping_compute(&t->m, &t->r, &t->g), 0);
	t->built = true;
}

void tm_free(struct tm *t)
{
	if (t->built) {
		grouping_free(&t->g);
		relations_free(&t->r);
	}
	rulectx_free(&t->rc);
	model_free(&t->m);
	memset(t, 0, sizeof(*t));
}

int tm_dev(const struct tm *t, const char *bdf)
{
	uint32_t dom;
	uint8_t bus, devfn;
	int i;

	if (parse_bdf(bdf, &dom, &bus, &devfn))
		fail_msg("bad BDF in test: %s", bdf);
	i = model_find(&t->m, dom, bus, devfn);
	if (i == NO_DEV)
		fail_msg("no device %s in the test model", bdf);
	return i;
}

bool tm_same_iso(const struct tm *t, const char *a, const char *b)
{
	return t->g.isolation_of[tm_dev(t, a)] == t->g.isolation_of[tm_dev(t, b)];
}

bool tm_same_alias(const struct tm *t, const char *a, const char *b)
{
	return t->g.alias_of[tm_dev(t, a)] == t->g.alias_of[tm_dev(t, b)];
}

const struct rel *tm_edge(const struct tm *t, const char *a, const char *b, enum rel_kind kind)
{
	int x = tm_dev(t, a), y = tm_dev(t, b);

	for (size_t e = 0; e < t->r.n; e++) {
		const struct rel *r = &t->r.v[e];

		if (r->kind == kind && ((r->a == x && r->b == y) || (r->a == y && r->b == x)))
			return r;
	}
	return NULL;
}

const struct rel *tm_any_edge(const struct tm *t, const char *a, const char *b)
{
	int x = tm_dev(t, a), y = tm_dev(t, b);

	for (size_t e = 0; e < t->r.n; e++) {
		const struct rel *r = &t->r.v[e];

		if ((r->a == x && r->b == y) || (r->a == y && r->b == x))
			return r;
	}
	return NULL;
}

const struct set *tm_iso_of(const struct tm *t, const char *bdf)
{
	return &t->g.isolation_groups[t->g.isolation_of[tm_dev(t, bdf)]];
}

const struct set *tm_alias_of(const struct tm *t, const char *bdf)
{
	return &t->g.alias_sets[t->g.alias_of[tm_dev(t, bdf)]];
}

static void describe(const struct tm *t, bool alias, char *buf, size_t len)
{
	const struct set *sets = alias ? t->g.alias_sets : t->g.isolation_groups;
	size_t n = alias ? t->g.nalias : t->g.niso, l = 0;

	buf[0] = '\0';
	for (size_t s = 0; s < n && l + 40 < len; s++)
		for (size_t k = 0; k < sets[s].n && l + 40 < len; k++)
			l += (size_t)snprintf(buf + l, len - l, "%s%s", k ? " " : (s ? " | " : ""),
					      t->m.devs[sets[s].members[k]].bdf);
}

void tm_expect_partition_(const struct tm *t, bool alias, const char *spec, const char *file,
			  int line)
{
	size_t n = t->m.ndevs;
	int *want = calloc(n ? n : 1, sizeof(int));
	const int *got = alias ? t->g.alias_of : t->g.isolation_of;
	char *copy = strdup(spec), *save = NULL, computed[4096];
	int group = 0;
	bool ok = true;

	assert_non_null(want);
	assert_non_null(copy);
	for (size_t i = 0; i < n; i++)
		want[i] = -1;
	for (char *tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		int i;

		if (!strcmp(tok, "|")) {
			group++;
			continue;
		}
		i = tm_dev(t, tok);
		if (want[i] >= 0) {
			print_error("%s listed twice in the expected partition\n", tok);
			ok = false;
		}
		want[i] = group;
	}
	for (size_t i = 0; i < n; i++) {
		if (want[i] < 0) {
			print_error("%s missing from the expected partition\n", t->m.devs[i].bdf);
			ok = false;
		}
	}
	for (size_t i = 0; ok && i < n; i++)
		for (size_t j = i + 1; ok && j < n; j++)
			if ((want[i] == want[j]) != (got[i] == got[j]))
				ok = false;
	free(want);
	free(copy);
	if (!ok) {
		describe(t, alias, computed, sizeof(computed));
		print_error("%s:%d: %s partition differs\n  expected: %s\n  computed: %s\n", file,
			    line, alias ? "alias-set" : "isolation-group", spec, computed);
		_fail(file, line);
	}
}

void sy_port(struct synth *s, enum pcie_type type, uint8_t pri, uint8_t sec, uint8_t sub,
	     bool acs, uint16_t acs_cap, uint16_t acs_ctrl)
{
	/* QEMU ids: pcie-root-port 1b36:000c, xio3130 up 104c:8232, down 104c:8233 */
	uint16_t vendor = type == PCIE_ROOT_PORT ? 0x1b36 : 0x104c;
	uint16_t device = type == PCIE_ROOT_PORT ? 0x000c : type == PCIE_UPSTREAM ? 0x8232 : 0x8233;

	synth_bridge(s, vendor, device, pri, sec, sub);
	synth_add_pcie(s, type);
	if (acs)
		synth_add_acs(s, acs_cap, acs_ctrl);
}

void sy_pcie_ep(struct synth *s, uint16_t vendor, uint16_t device, bool mf)
{
	synth_endpoint(s, vendor, device, 0x020000);
	synth_add_pcie(s, PCIE_ENDPOINT);
	synth_multifunction(s, mf);
}

void sy_conv_ep(struct synth *s, uint16_t vendor, uint16_t device, bool mf)
{
	synth_endpoint(s, vendor, device, 0x010601);
	synth_multifunction(s, mf);
	synth_size(s, 256, 256);
}

char *tu_temp_file(const char *prefix, const char *text)
{
	size_t len = strlen(text);
	char *path = malloc(strlen(prefix) + sizeof("/tmp/_XXXXXX"));
	int fd;

	assert_non_null(path);
	sprintf(path, "/tmp/%s_XXXXXX", prefix);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	return path;
}

int tu_root_make(char *root, size_t len, const char *name)
{
	int n = snprintf(root, len, "%s/iommu-groups-%s.XXXXXX",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);

	return n > 0 && (size_t)n < len && mkdtemp(root) ? 0 : -1;
}

int tu_root_remove(const char *root)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

int tu_run(const char *name, const struct CMUnitTest *tests, size_t n,
	      const struct CMUnitTest *known_failures, size_t nknown)
{
	const char *k = getenv("IOMMU_GROUPS_KNOWN_FAILURES");
	int rc = _cmocka_run_group_tests(name, tests, n, NULL, NULL);

	if (nknown && k && !strcmp(k, "1")) {
		char kn[128];

		snprintf(kn, sizeof(kn), "%s (known failures)", name);
		rc += _cmocka_run_group_tests(kn, known_failures, nknown, NULL, NULL);
	} else if (nknown) {
		printf("[ NOTE ] %s: %zu known-failure test(s) not run (IOMMU_GROUPS_KNOWN_FAILURES=1 "
		       "runs them)\n",
		       name, nknown);
	}
	return rc ? 1 : 0;
}
