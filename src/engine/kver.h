/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kver.h - kernel release numbers, and version ranges for rules.
 *
 * A rule or quirk-table entry that exists only in some kernels carries a
 * [since, until) range; KVER_ANY bounds are open.
 */
#ifndef IOMMU_GROUPS_KVER_H
#define IOMMU_GROUPS_KVER_H

#include <stdbool.h>
#include <stddef.h>

struct kver {
	int major, minor; /* 0.0 when unknown */
};

#define KV(a, b) ((struct kver){ (a), (b) })
#define KVER_ANY KV(0, 0)

/* [since, until): since 0.0 = from the oldest, until 0.0 = still today. */
struct kver_range {
	struct kver since, until;
};

#define KR_ALL { KVER_ANY, KVER_ANY }

int kver_cmp(struct kver a, struct kver b);
bool kver_in(struct kver v, struct kver_range r);
/* Parse "6.12.117+deb12-amd64" or "7.3" -> 6.12; false if not a version. */
bool kver_parse(const char *s, struct kver *out);

/* Rule sets this build knows (rules.c). nearest: the covered version the
 * tables use for v; sets *outside when v is not covered exactly. */
struct kver kver_rules_for(struct kver v, bool *outside);
extern const struct kver kver_known[];
extern const unsigned kver_nknown;

/* A rule boundary that lies between two compared releases and was taken
 * from commit history, not checked against a source
 * (docs/kernel-versions.md marks them approx): for a release inside
 * [from, until) the rules may be off by it. */
struct kver_approx {
	struct kver from, until; /* the releases it makes approximate */
	const char *at;          /* where the tables put it: "7.0", "6.13-7.0" */
	const char *rules;       /* what it is about, one phrase */
};

/* Is v strictly between two compared releases (*lo < v < *hi)? Then its
 * rules are not exact: the tables were checked at lo and hi only. */
bool kver_between(struct kver v, struct kver *lo, struct kver *hi);
/* The approximate boundaries that apply to v (none at a compared release
 * or outside them), up to max in out; the number that apply. */
size_t kver_approximate(struct kver v, const struct kver_approx **out, size_t max);

#endif
