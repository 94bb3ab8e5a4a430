// SPDX-License-Identifier: GPL-2.0-or-later
/* kver.c - kernel release parsing and version-range tests. */
#include "kver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Kernels whose sources the tables were compared against. */
/* Debian's linux-source 5.10.223, 6.12.117 and 7.2.13 (docs/kernel-versions.md) */
const struct kver kver_known[] = { { 5, 10 }, { 6, 12 }, { 7, 2 } };
const unsigned kver_nknown = sizeof(kver_known) / sizeof(kver_known[0]);

int kver_cmp(struct kver a, struct kver b)
{
	if (a.major != b.major)
		return a.major < b.major ? -1 : 1;
	if (a.minor != b.minor)
		return a.minor < b.minor ? -1 : 1;
	return 0;
}

static bool kver_unset(struct kver v)
{
	return v.major == 0 && v.minor == 0;
}

bool kver_in(struct kver v, struct kver_range r)
{
	if (!kver_unset(r.since) && kver_cmp(v, r.since) < 0)
		return false;
	if (!kver_unset(r.until) && kver_cmp(v, r.until) >= 0)
		return false;
	return true;
}

bool kver_parse(const char *s, struct kver *out)
{
	char *end;
	long a, b;

	/* strtol, not sscanf("%d"): a release from a sysroot may overflow
	 * an int, which %d would wrap into a plausible version */
	errno = 0;
	a = strtol(s, &end, 10);
	if (errno || end == s || *end != '.' || a <= 0 || a > 99)
		return false;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (errno || end == s || b < 0 || b > 999)
		return false;
	*out = KV((int)a, (int)b);
	return true;
}

struct kver kver_rules_for(struct kver v, bool *outside)
{
	struct kver lo = kver_known[0], hi = kver_known[kver_nknown - 1];

	/* Inside the compared span every entry's own range decides; outside
	 * it, the nearest compared release's rules are used (and said). */
	*outside = true;
	if (kver_cmp(v, lo) < 0)
		return lo;
	if (kver_cmp(v, hi) > 0)
		return hi;
	*outside = false;
	return v;
}
