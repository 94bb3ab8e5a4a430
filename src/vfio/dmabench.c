// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmabench.c - DMA map/unmap measurement over a VFIO session (see
 * dmabench.h): planning against the limits, the timed loops, statistics.
 */
#define _GNU_SOURCE
#include "dmabench.h"

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { MANY_MAX = 65536, WARMUP_MAX = 16 };
#define PAGE4K 4096ull
#define HUGE2M (2ull << 20)
#define DURATION_CAP (1L << 20) /* timed pairs per row under --duration */

const char *dmabench_backing_name(enum dmabench_backing b)
{
	return b == DB_THP ? "thp" : b == DB_HUGETLB ? "hugetlb" : "4k";
}

static void human(uint64_t v, char *buf, size_t len)
{
	if (v >= 1ull << 30 && !(v & ((1ull << 30) - 1)))
		snprintf(buf, len, "%" PRIu64 "G", v >> 30);
	else if (v >= 1ull << 20 && !(v & ((1ull << 20) - 1)))
		snprintf(buf, len, "%" PRIu64 "M", v >> 20);
	else if (v >= 1ull << 10 && !(v & ((1ull << 10) - 1)))
		snprintf(buf, len, "%" PRIu64 "K", v >> 10);
	else
		snprintf(buf, len, "%" PRIu64, v);
}

static uint64_t pow2_floor(uint64_t v)
{
	uint64_t p = 1;

	while (p <= v / 2)
		p <<= 1;
	return v ? p : 0;
}

/* Lowest IOMMU page size; 4 KiB when not reported. */
static uint64_t min_page(const struct vfio_facts *f)
{
	if (f->have_pgsizes && f->pgsizes)
		return f->pgsizes & -f->pgsizes;
	return PAGE4K;
}

/* The first IOVA inside a usable range where size bytes fit, aligned to
 * align; UINT64_MAX when none. No ranges reported: from 0 up (old
 * kernels), below 4 GiB to be safe. */
static uint64_t find_iova(const struct vfio_facts *f, uint64_t size, uint64_t align)
{
	struct vfio_range whole = { 0, 0xffffffffull };
	const struct vfio_range *rs = f->have_ranges ? f->ranges : &whole;
	size_t n = f->have_ranges ? f->nranges : 1;

	for (size_t k = 0; k < n; k++) {
		uint64_t a = (rs[k].start + align - 1) & ~(align - 1);

		if (a < rs[k].start || a > rs[k].end)
			continue; /* wrapped, or no aligned address inside */
		if (rs[k].end - a >= size - 1)
			return a;
	}
	return UINT64_MAX;
}

/* The largest size this range set holds at min page alignment. */
static uint64_t largest_range(const struct vfio_facts *f, uint64_t page)
{
	uint64_t best = 0;

	if (!f->have_ranges)
		return 1ull << 32;
	for (size_t k = 0; k < f->nranges; k++) {
		uint64_t a = (f->ranges[k].start + page - 1) & ~(page - 1);

		if (a < f->ranges[k].start || a > f->ranges[k].end)
			continue;
		if (f->ranges[k].end - a + 1 > best || f->ranges[k].end - a == UINT64_MAX)
			best = f->ranges[k].end - a == UINT64_MAX ? UINT64_MAX : f->ranges[k].end - a + 1;
	}
	return best;
}

void dmabench_plan_size(uint64_t asked, const struct vfio_facts *f, const struct dmabench_env *e,
			struct dmabench_plan *p)
{
	uint64_t page = min_page(f), size = asked, lim;
	char a[32], b[32], why[96] = "";

	memset(p, 0, sizeof(*p));
	p->asked = asked;
	human(asked, a, sizeof(a));
	if (f->have_dma_avail && f->dma_avail == 0) {
		p->skip = true;
		snprintf(p->note, sizeof(p->note), "%s skipped: dma_avail is 0 (no mapping allowed)", a);
		return;
	}
	if (size < page || size % page) {
		human(page, b, sizeof(b));
		p->skip = true;
		snprintf(p->note, sizeof(p->note),
			 "%s skipped: not a multiple of the smallest IOMMU page (%s)", a, b);
		return;
	}
	/* each limit in turn; the note names the last that cut */
	if (e->mem_avail && size > e->mem_avail / 4) {
		size = pow2_floor(e->mem_avail / 4);
		snprintf(why, sizeof(why), "by memory (a quarter of MemAvailable %" PRIu64 " MiB)",
			 e->mem_avail >> 20);
	}
	if (e->memlock != UINT64_MAX && size > e->memlock) {
		size = pow2_floor(e->memlock);
		snprintf(why, sizeof(why), "by RLIMIT_MEMLOCK (%" PRIu64 " KiB)", e->memlock >> 10);
	}
	lim = largest_range(f, page);
	if (size > lim) {
		size = pow2_floor(lim);
		snprintf(why, sizeof(why), "by the usable IOVA ranges");
	}
	if (size < page) {
		p->skip = true;
		snprintf(p->note, sizeof(p->note), "%s skipped: nothing left %s", a, why);
		return;
	}
	/* natural alignment lets the IOMMU use its large pages */
	p->iova = find_iova(f, size, size <= (1ull << 30) ? size : (1ull << 30));
	if (p->iova == UINT64_MAX)
		p->iova = find_iova(f, size, page);
	if (p->iova == UINT64_MAX) {
		p->skip = true;
		snprintf(p->note, sizeof(p->note), "%s skipped: no usable IOVA range holds it", a);
		return;
	}
	p->size = size;
	if (size != asked) {
		human(size, b, sizeof(b));
		snprintf(p->note, sizeof(p->note), "%s capped to %s %s", a, b, why);
	}
}

size_t dmabench_plan_many(const struct vfio_facts *f, const struct dmabench_env *e,
			  uint64_t *iova, char *note, size_t notelen)
{
	uint64_t n = MANY_MAX, lim;
	const char *why = "the tool's cap";

	snprintf(note, notelen, "%s", "");
	if (f->have_dma_avail && f->dma_avail < n) {
		n = f->dma_avail;
		why = "dma_avail";
	}
	if (e->mem_avail && n > e->mem_avail / 4 / PAGE4K) {
		n = e->mem_avail / 4 / PAGE4K;
		why = "memory";
	}
	if (e->memlock != UINT64_MAX && n > e->memlock / PAGE4K) {
		n = e->memlock / PAGE4K;
		why = "RLIMIT_MEMLOCK";
	}
	lim = largest_range(f, PAGE4K) / PAGE4K;
	if (n > lim) {
		n = lim;
		why = "the usable IOVA ranges";
	}
	*iova = n ? find_iova(f, n * PAGE4K, PAGE4K) : UINT64_MAX;
	if (*iova == UINT64_MAX)
		n = 0;
	snprintf(note, notelen, "many: %" PRIu64 " mappings of 4K (bounded by %s)", n, why);
	return (size_t)n;
}

long dmabench_default_iterations(uint64_t size)
{
	if (size <= 64 * 1024)
		return 2000;
	if (size <= HUGE2M)
		return 500;
	if (size <= 64ull << 20)
		return 50;
	return 10;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t rank(const uint64_t *s, size_t n, unsigned pct)
{
	size_t r = (n * pct + 99) / 100; /* nearest rank: ceil(p/100 * n) */

	return s[r ? r - 1 : 0];
}

void dmabench_stats(uint64_t *ns, size_t n, struct dmabench_lat *l)
{
	memset(l, 0, sizeof(*l));
	if (!n)
		return;
	for (size_t k = 0; k < n; k++)
		l->total += ns[k];
	qsort(ns, n, sizeof(*ns), cmp_u64);
	l->p50 = rank(ns, n, 50);
	l->p99 = rank(ns, n, 99);
	l->max = ns[n - 1];
}

void dmabench_rates(struct dmabench_row *r, long n, uint64_t map_ns, uint64_t unmap_ns)
{
	r->iterations = n;
	r->map_per_s = map_ns ? n * 1e9 / (double)map_ns : 0;
	r->unmap_per_s = unmap_ns ? n * 1e9 / (double)unmap_ns : 0;
	r->map_unmap_per_s = map_ns + unmap_ns ? n * 1e9 / (double)(map_ns + unmap_ns) : 0;
	r->map_gib_per_s = map_ns ? (double)n * (double)r->size / (double)(1ull << 30) /
					    ((double)map_ns / 1e9)
				  : 0;
}

static inline uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void note(struct dmabench_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(struct dmabench_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nnotes >= DMABENCH_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(r->notes[r->nnotes++], sizeof(r->notes[0]), fmt, ap);
	va_end(ap);
}

/* A buffer of size bytes with the backing asked; MAP_FAILED on failure. */
static void *get_buffer(uint64_t size, enum dmabench_backing bk, bool touch)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

	if (bk == DB_HUGETLB)
		flags |= MAP_HUGETLB;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		return p;
	if (bk == DB_SMALL)
		madvise(p, size, MADV_NOHUGEPAGE);
	else if (bk == DB_THP)
		madvise(p, size, MADV_HUGEPAGE);
	if (touch)
		for (uint64_t o = 0; o < size; o += PAGE4K)
			((volatile char *)p)[o] = 1;
	return p;
}

/* THP wants a 2 MiB aligned start: map 2 MiB more and trim. */
static void *get_aligned(uint64_t size, enum dmabench_backing bk, bool touch)
{
	uint8_t *p, *a;

	if (bk != DB_THP)
		return get_buffer(size, bk, touch);
	p = get_buffer(size + HUGE2M, DB_SMALL, false);
	if (p == MAP_FAILED)
		return p;
	a = (uint8_t *)(((uintptr_t)p + HUGE2M - 1) & ~(uintptr_t)(HUGE2M - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + size < p + size + HUGE2M)
		munmap(a + size, (size_t)(p + size + HUGE2M - (a + size)));
	madvise(a, size, MADV_HUGEPAGE);
	if (touch)
		for (uint64_t o = 0; o < size; o += PAGE4K)
			((volatile char *)a)[o] = 1;
	return a;
}

/* Remove whatever is mapped: UNMAP_ALL, else the one mapping given. */
static void cleanup(const struct vfio_backend *b, struct vfio_session *s, uint64_t iova,
		    uint64_t size, struct dmabench_result *r)
{
	if (b->unmap_all(s) == 0)
		return;
	if (size && b->unmap(s, iova, size))
		r->leftover = true;
}

static int run_row(const struct vfio_backend *b, struct vfio_session *s,
		   const struct dmabench_plan *p, enum dmabench_backing bk, bool touched,
		   const struct dmabench_opts *o, uint64_t *mapns, uint64_t *unmapns, long cap,
		   struct dmabench_result *r)
{
	struct dmabench_row *row = &r->rows[r->nrows];
	long n = o->duration > 0 ? cap : (o->iterations ? o->iterations : dmabench_default_iterations(p->size));
	long warm = n / 10 + 1 < WARMUP_MAX ? n / 10 + 1 : WARMUP_MAX, i;
	uint64_t deadline = 0, t0, t1, t2, msum = 0, usum = 0;
	uint8_t *buf;
	int rc = 0;

	if (n > cap)
		n = cap;
	memset(row, 0, sizeof(*row));
	row->size = p->size;
	row->touched = touched;
	row->backing = bk;
	row->thp_bytes = -1;
	buf = get_aligned(p->size, bk, touched);
	if (buf == MAP_FAILED) {
		char a[32];

		human(p->size, a, sizeof(a));
		note(r, "%s %s %s: no buffer (%s)%s", a, dmabench_backing_name(bk),
		     touched ? "touched" : "untouched", strerror(errno),
		     bk == DB_HUGETLB ? ": no hugetlbfs pages of that size available" : "");
		return 0;
	}
	/* warm-up: the same path, not recorded */
	for (i = 0; i < warm && !*o->stop; i++) {
		rc = b->map(s, buf, p->iova, p->size);
		if (rc)
			break;
		rc = b->unmap(s, p->iova, p->size);
		if (rc) {
			cleanup(b, s, p->iova, p->size, r);
			break;
		}
	}
	if (!rc && o->thp_bytes)
		row->thp_bytes = o->thp_bytes(buf, p->size);
	if (o->duration > 0)
		deadline = now_ns() + (uint64_t)(o->duration * 1e9);
	t0 = now_ns();
	for (i = 0; !rc && i < n; i++) {
		if (*o->stop)
			break;
		if (!touched) {
			/* outside the timed ioctls: a never-faulted buffer */
			munmap(buf, p->size);
			buf = get_aligned(p->size, bk, false);
			if (buf == MAP_FAILED) {
				rc = -errno;
				break;
			}
			t0 = now_ns();
		}
		rc = b->map(s, buf, p->iova, p->size);
		t1 = now_ns();
		if (rc)
			break;
		rc = b->unmap(s, p->iova, p->size);
		t2 = now_ns();
		if (rc) {
			cleanup(b, s, p->iova, p->size, r);
			break;
		}
		mapns[i] = t1 - t0;
		unmapns[i] = t2 - t1;
		t0 = t2;
		if (deadline && t2 >= deadline) {
			i++;
			break;
		}
	}
	if (!touched && !rc && o->thp_bytes && bk != DB_SMALL && i > 0)
		row->thp_bytes = o->thp_bytes(buf, p->size); /* faulted by the last map */
	if (buf != MAP_FAILED)
		munmap(buf, p->size);
	for (long k = 0; k < i; k++) {
		msum += mapns[k];
		usum += unmapns[k];
	}
	row->size = p->size;
	dmabench_rates(row, i, msum, usum);
	dmabench_stats(mapns, (size_t)i, &row->map);
	dmabench_stats(unmapns, (size_t)i, &row->unmap);
	row->partial = *o->stop || rc;
	if (rc)
		snprintf(row->note, sizeof(row->note), "stopped by an error: %s", strerror(-rc));
	if (i > 0 || rc)
		r->nrows++;
	return rc;
}

static int run_many(const struct vfio_backend *b, struct vfio_session *s,
		    const struct vfio_facts *f, const struct dmabench_env *e,
		    const struct dmabench_opts *o, struct dmabench_result *r)
{
	struct dmabench_row *row = &r->rows[r->nrows];
	uint64_t iova, *mapns, *unmapns, t0, t1;
	size_t n, mapped = 0, unmapped = 0;
	char msg[160];
	uint8_t *buf;
	int rc = 0;

	n = dmabench_plan_many(f, e, &iova, msg, sizeof(msg));
	note(r, "%s", msg);
	if (!n)
		return 0;
	mapns = calloc(n, sizeof(*mapns));
	unmapns = calloc(n, sizeof(*unmapns));
	buf = get_buffer(n * PAGE4K, DB_SMALL, true);
	if (!mapns || !unmapns || buf == MAP_FAILED) {
		note(r, "many: no memory for %zu mappings", n);
		free(mapns);
		free(unmapns);
		if (buf != MAP_FAILED)
			munmap(buf, n * PAGE4K);
		return 0;
	}
	memset(row, 0, sizeof(*row));
	row->size = PAGE4K;
	row->touched = true;
	row->many = true;
	row->thp_bytes = -1;
	t0 = now_ns();
	for (; mapped < n && !*o->stop; mapped++) {
		rc = b->map(s, buf + mapped * PAGE4K, iova + mapped * PAGE4K, PAGE4K);
		t1 = now_ns();
		if (rc)
			break;
		mapns[mapped] = t1 - t0;
		t0 = t1;
	}
	t0 = now_ns();
	for (; unmapped < mapped && !*o->stop; unmapped++) {
		int u = b->unmap(s, iova + unmapped * PAGE4K, PAGE4K);

		t1 = now_ns();
		if (u) {
			rc = rc ? rc : u;
			break;
		}
		unmapns[unmapped] = t1 - t0;
		t0 = t1;
	}
	if (unmapped < mapped && b->unmap_all(s)) {
		/* no UNMAP_ALL: each remaining one, untimed */
		for (size_t k = unmapped; k < mapped; k++)
			if (b->unmap(s, iova + k * PAGE4K, PAGE4K))
				r->leftover = true;
	}
	{
		uint64_t ms = 0, us = 0;

		for (size_t k = 0; k < unmapped; k++) {
			ms += mapns[k];
			us += unmapns[k];
		}
		dmabench_rates(row, (long)unmapped, ms, us);
		dmabench_stats(mapns, mapped, &row->map);
		dmabench_stats(unmapns, unmapped, &row->unmap);
		/* map rate over every mapping made, not only those unmapped */
		row->map_per_s = row->map.total ? mapped * 1e9 / (double)row->map.total : 0;
		row->map_gib_per_s = row->map_per_s * PAGE4K / (double)(1ull << 30);
	}
	row->partial = *o->stop || rc || unmapped < n;
	if (rc)
		snprintf(row->note, sizeof(row->note), "stopped by an error after %zu mappings: %s",
			 mapped, strerror(-rc));
	r->nrows++;
	munmap(buf, n * PAGE4K);
	free(mapns);
	free(unmapns);
	/* ENOSPC/ENOMEM at the limit is a finding of --many, not a failure */
	return rc == -ENOSPC || rc == -ENOMEM ? 0 : rc;
}

int dmabench_run(const struct vfio_backend *b, struct vfio_session *s, const struct vfio_facts *f,
		 const struct dmabench_env *e, const struct dmabench_opts *o,
		 struct dmabench_result *r)
{
	static const volatile sig_atomic_t never = 0;
	struct dmabench_opts oo = *o;
	uint64_t *mapns = NULL, *unmapns = NULL;
	long cap = 0;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->cpu = sched_getcpu();
	if (!oo.stop)
		oo.stop = (volatile sig_atomic_t *)&never;
	/* the arrays, once, for the longest row */
	if (oo.duration > 0)
		cap = DURATION_CAP;
	else
		for (size_t k = 0; k < oo.nsizes; k++) {
			long n = oo.iterations ? oo.iterations : dmabench_default_iterations(oo.sizes[k]);

			cap = n > cap ? n : cap;
		}
	if (cap) {
		mapns = calloc((size_t)cap, sizeof(*mapns));
		unmapns = calloc((size_t)cap, sizeof(*unmapns));
		if (!mapns || !unmapns) {
			free(mapns);
			free(unmapns);
			return -ENOMEM;
		}
	}
	if (oo.duration > 0)
		note(r, "--duration: at most %ld timed pairs per row", cap);
	for (size_t k = 0; k < oo.nsizes && !rc && !*oo.stop; k++) {
		struct dmabench_plan p;

		dmabench_plan_size(oo.sizes[k], f, e, &p);
		if (p.note[0])
			note(r, "%s", p.note);
		if (p.skip)
			continue;
		for (int bk = DB_SMALL; bk <= DB_HUGETLB && !rc && !*oo.stop; bk++) {
			if (bk != DB_SMALL && p.size < HUGE2M)
				continue; /* no huge page fits */
			if (bk == DB_HUGETLB && !oo.hugepages)
				continue;
			for (int t = 1; t >= 0 && !rc && !*oo.stop; t--) {
				if (r->nrows >= DMABENCH_MAX_ROWS)
					break;
				rc = run_row(b, s, &p, bk, t, &oo, mapns, unmapns, cap, r);
			}
		}
	}
	if (!rc && oo.many && !*oo.stop && r->nrows < DMABENCH_MAX_ROWS)
		rc = run_many(b, s, f, e, &oo, r);
	free(mapns);
	free(unmapns);
	r->interrupted = *oo.stop != 0;
	r->err = rc;
	return rc;
}

int dmabench_parse_sizes(const char *s, struct dmabench_opts *o)
{
	o->nsizes = 0;
	while (*s) {
		char *end;
		unsigned long long v;

		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno || v == 0)
			return -1;
		switch (*end) {
		case 'K': case 'k': v <<= 10; end++; break;
		case 'M': case 'm': v <<= 20; end++; break;
		case 'G': case 'g': v <<= 30; end++; break;
		default: break;
		}
		if (v > (1ull << 40) || o->nsizes >= DMABENCH_MAX_SIZES)
			return -1;
		o->sizes[o->nsizes++] = v;
		if (*end == ',')
			end++;
		else if (*end)
			return -1;
		s = end;
	}
	return o->nsizes ? 0 : -1;
}

long long dmabench_smaps_thp(const char *smaps, uintptr_t start, size_t len)
{
	const char *l = smaps;
	long long sum = 0;
	bool in = false;

	while (l && *l) {
		const char *nl = strchr(l, '\n');
		unsigned long a, b;
		long long kb;
		char c;

		/* a VMA header "start-end perms ...", then "Key: value" lines */
		if (sscanf(l, "%lx-%lx %c", &a, &b, &c) == 3 && strchr(l, '-') < strchr(l, ' '))
			in = a < start + len && b > start;
		else if (in && sscanf(l, "AnonHugePages: %lld kB", &kb) == 1 && kb >= 0 &&
			 kb < (1ll << 40))
			sum += kb * 1024;
		l = nl ? nl + 1 : NULL;
	}
	return sum;
}
