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

bool kver_between(struct kver v, struct kver *lo, struct kver *hi)
{
	for (unsigned k = 0; k + 1 < kver_nknown; k++)
		if (kver_cmp(v, kver_known[k]) > 0 && kver_cmp(v, kver_known[k + 1]) < 0) {
			*lo = kver_known[k];
			*hi = kver_known[k + 1];
			return true;
		}
	return false;
}

/* docs/kernel-versions.md, "Every difference found": the bounds marked
 * approx, and the entries Debian's 6.12 has by backport (encoded from 6.12,
 * which the mainline releases after it lack until the upstream one). */
static const struct kver_approx approx[] = {
	{ { 5, 11 }, { 6, 12 }, "5.18", "Switchtec Gen4 automotive NTB DMA-alias ids" },
	{ { 5, 11 }, { 6, 12 }, "6.10", "Broadcom BCM5760X ACS quirk" },
	{ { 5, 11 }, { 6, 12 }, "6.12",
	  "QCOM SA8775P ACS quirk, Glenfly Arise function-0 DMA alias, Microchip PCI100x NTB "
	  "DMA aliases (upstream release not pinned)" },
	{ { 6, 13 }, { 7, 2 }, "6.13-7.0",
	  "Wangxun FF5xxx, Loongson and QCOM Hamoa/Glymur ACS quirks taken as present (Debian's "
	  "6.12 backports them; mainline has them from 6.13, 6.16 and 7.0)" },
	{ { 6, 13 }, { 7, 2 }, "7.0",
	  "IDT switch ACS SV fix-up (pci_disable_broken_acs_cap) and ASPEED AST1150 bridge without "
	  "DMA alias" },
};

size_t kver_approximate(struct kver v, const struct kver_approx **out, size_t max)
{
	size_t n = 0;

	for (size_t k = 0; k < sizeof(approx) / sizeof(approx[0]); k++) {
		if (kver_cmp(v, approx[k].from) < 0 || kver_cmp(v, approx[k].until) >= 0)
			continue;
		if (n < max)
			out[n] = &approx[k];
		n++;
	}
	return n;
}
