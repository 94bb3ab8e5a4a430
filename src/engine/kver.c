// SPDX-License-Identifier: GPL-2.0-or-later
/* kver.c - kernel release parsing and version-range tests. */
#include "kver.h"

#include <stdio.h>

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

/* Digits only (no sign, no blank), at most max; the count read, 0 if none. */
static int read_num(const char *s, int max, int *out)
{
	int n = 0, v = 0;

	while (s[n] >= '0' && s[n] <= '9') {
		v = v * 10 + (s[n] - '0');
		if (v > max)
			return 0;
		n++;
	}
	*out = v;
	return n;
}

bool kver_parse(const char *s, struct kver *out)
{
	int a, b, n, k;

	/* MAJOR.MINOR, then the end or what a release adds: ".PATCH",
	 * "-rc1", "+deb12", "_x86" ("6.12.117+deb12-amd64", "7.3-rc1") */
	n = read_num(s, 99, &a);
	if (!n || a == 0 || s[n] != '.')
		return false;
	k = read_num(s + n + 1, 999, &b);
	if (!k)
		return false;
	n += 1 + k;
	if (s[n] && s[n] != '.' && s[n] != '-' && s[n] != '+' && s[n] != '_' && s[n] != '~')
		return false;
	*out = KV(a, b);
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
