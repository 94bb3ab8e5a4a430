// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmabench.c - DMA map/unmap measurement over a VFIO session (see
 * dmabench.h): planning against the limits, the timed loops, statistics.
 */
#define _GNU_SOURCE
#include "dmabench.h"

#include <errno.h>
#include <linux/capability.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { MANY_MAX = 65536, MANY_STEP = 4096, WARMUP_MAX = 16 };
#define ZERO_BYTES (32ull << 20) /* the zeroing measurement's buffer */
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

typedef int (*map_fn)(struct vfio_session *, void *, uint64_t, uint64_t);
typedef int (*unmap_fn)(struct vfio_session *, uint64_t, uint64_t);

/* One chunk of the bare loop: map, unmap, the stop flag, nothing else;
 * bench/vfio-raw.c's loop is the same. Pairs completed; *rc the error
 * that ended it (*mapped: the mapping is still there). */
static long bare_chunk(map_fn map, unmap_fn unmap, struct vfio_session *s, void *buf,
		       uint64_t iova, uint64_t size, long n, volatile sig_atomic_t *stop, int *rc,
		       bool *mapped)
{
	long i;

	for (i = 0; i < n && !*stop; i++) {
		if ((*rc = map(s, buf, iova, size)) != 0)
			break;
		if ((*rc = unmap(s, iova, size)) != 0) {
			*mapped = true;
			break;
		}
	}
	return i;
}

/* One chunk with each ioctl timed into mapns/unmapns. */
static long timed_chunk(map_fn map, unmap_fn unmap, struct vfio_session *s, void *buf,
			uint64_t iova, uint64_t size, long n, volatile sig_atomic_t *stop,
			uint64_t *mapns, uint64_t *unmapns, int *rc, bool *mapped)
{
	uint64_t t0, t1, t2;
	long i;

	t0 = now_ns();
	for (i = 0; i < n && !*stop; i++) {
		if ((*rc = map(s, buf, iova, size)) != 0)
			break;
		t1 = now_ns();
		if ((*rc = unmap(s, iova, size)) != 0) {
			*mapped = true;
			break;
		}
		t2 = now_ns();
		mapns[i] = t1 - t0;
		unmapns[i] = t2 - t1;
		t0 = t2;
	}
	return i;
}

/* What the run reports progress against. */
struct progress {
	dmabench_progress_fn fn;
	void *arg;
	size_t rows, done;
	char what[64];
};

static void progress(struct progress *pg, double frac)
{
	if (pg->fn && pg->rows)
		pg->fn(pg->arg, ((double)pg->done + (frac < 1 ? frac : 1)) / (double)pg->rows, pg->what);
}

static void seen_of(const struct dmabench_opts *o, const void *buf, size_t len,
		    struct dmabench_row *row)
{
	struct dmabench_seen sn;

	if (!o->seen || o->seen(buf, len, &sn))
		return;
	row->thp_bytes = sn.anon_huge;
	row->huge_bytes = sn.anon_huge + sn.hugetlb;
}

static void row_init(struct dmabench_row *row, uint64_t size, enum dmabench_backing bk,
		     bool touched)
{
	memset(row, 0, sizeof(*row));
	row->size = size;
	row->touched = touched;
	row->backing = bk;
	row->thp_bytes = -1;
	row->huge_bytes = -1;
	row->pinned_bytes = -1;
}

/* A touched row: the same buffer mapped and unmapped n times, in
 * 2*DMABENCH_CHUNKS chunks (dmabench.h). Pairs done; *rc. */
static long touched_row(const struct vfio_backend *b, struct vfio_session *s,
			const struct dmabench_plan *p, uint8_t *buf, long n, long per_chunk,
			uint64_t deadline, const struct dmabench_opts *o, uint64_t *mapns,
			uint64_t *unmapns, struct dmabench_row *row, struct progress *pg, int *rc,
			bool *mapped)
{
	const map_fn map = b->map;
	const unmap_fn unmap = b->unmap;
	double rates[DMABENCH_CHUNKS];
	size_t nrates = 0;
	long done = 0, lat = 0, nchunks = 2 * DMABENCH_CHUNKS;

	for (long j = 0; j < nchunks && !*rc && !*o->stop; j++) {
		long from = per_chunk ? j * per_chunk : (long)((int64_t)j * n / nchunks);
		long to = per_chunk ? from + per_chunk : (long)((int64_t)(j + 1) * n / nchunks);
		long k;

		if (to <= from)
			continue;
		if (j % 2 == 0) {
			uint64_t t0 = now_ns(), t1;

			k = bare_chunk(map, unmap, s, buf, p->iova, p->size, to - from, o->stop, rc,
				       mapped);
			t1 = now_ns();
			/* a chunk cut short by a stop or an error still timed k pairs */
			if (k > 0 && t1 > t0)
				rates[nrates++] = (double)k * 1e9 / (double)(t1 - t0);
		} else {
			/* the slice's pages faulted in now, not between two timed ioctls */
			memset(mapns + lat, 0, (size_t)(to - from) * sizeof(*mapns));
			memset(unmapns + lat, 0, (size_t)(to - from) * sizeof(*unmapns));
			k = timed_chunk(map, unmap, s, buf, p->iova, p->size, to - from, o->stop,
					mapns + lat, unmapns + lat, rc, mapped);
			lat += k;
		}
		done += k;
		progress(pg, deadline ? (double)(j + 1) / (double)nchunks : (double)done / (double)n);
		if (deadline && now_ns() >= deadline)
			break;
	}
	{
		uint64_t ms = 0, us = 0;

		for (long k = 0; k < lat; k++) {
			ms += mapns[k];
			us += unmapns[k];
		}
		dmabench_rates(row, lat, ms, us);
		dmabench_stats(mapns, (size_t)lat, &row->map);
		dmabench_stats(unmapns, (size_t)lat, &row->unmap);
	}
	row->iterations = done;
	row->chunks = (int)nrates;
	if (nrates)
		row->map_unmap_per_s = dmabench_median(rates, nrates);
	return done;
}

/* An untouched row: a fresh buffer before each pair, outside the timed
 * ioctls, so the map also faults and zeroes it. Pairs done; *rc. */
static long untouched_row(const struct vfio_backend *b, struct vfio_session *s,
			  const struct dmabench_plan *p, enum dmabench_backing bk, uint8_t **bufp,
			  long n, uint64_t deadline, double duration, const struct dmabench_opts *o,
			  uint64_t *mapns, uint64_t *unmapns, struct dmabench_row *row,
			  struct progress *pg, int *rc, bool *mapped)
{
	long i, step = n / (2 * DMABENCH_CHUNKS) > 0 ? n / (2 * DMABENCH_CHUNKS) : 1;
	uint64_t ms = 0, us = 0;

	for (i = 0; i < n && !*o->stop; i++) {
		if (deadline) {
			uint64_t t = now_ns();

			if (t >= deadline)
				break;
			if (i % 64 == 0)
				progress(pg, 1 - (double)(deadline - t) / (duration * 1e9));
		} else if (i && i % step == 0) {
			progress(pg, (double)i / (double)n);
		}
		munmap(*bufp, p->size);
		*bufp = get_aligned(p->size, bk, false);
		if (*bufp == MAP_FAILED) {
			*rc = -errno;
			break;
		}
		if (timed_chunk(b->map, b->unmap, s, *bufp, p->iova, p->size, 1, o->stop, mapns + i,
				unmapns + i, rc, mapped) != 1)
			break;
	}
	for (long k = 0; k < i; k++) {
		ms += mapns[k];
		us += unmapns[k];
	}
	dmabench_rates(row, i, ms, us);
	dmabench_stats(mapns, (size_t)i, &row->map);
	dmabench_stats(unmapns, (size_t)i, &row->unmap);
	return i;
}

static int run_row(const struct vfio_backend *b, struct vfio_session *s,
		   const struct dmabench_plan *p, enum dmabench_backing bk, bool touched,
		   const struct dmabench_opts *o, uint64_t *mapns, uint64_t *unmapns, long cap,
		   struct dmabench_result *r, struct progress *pg)
{
	struct dmabench_row *row = &r->rows[r->nrows];
	long n = o->duration > 0 ? cap : (o->iterations ? o->iterations : dmabench_default_iterations(p->size));
	long warm = n / 10 + 1 < WARMUP_MAX ? n / 10 + 1 : WARMUP_MAX, i, per_chunk = 0;
	uint64_t deadline = 0, w0, w1;
	bool mapped = false;
	char a[32];
	uint8_t *buf;
	int rc = 0;

	if (n > cap)
		n = cap;
	row_init(row, p->size, bk, touched);
	human(p->size, a, sizeof(a));
	snprintf(pg->what, sizeof(pg->what), "%s %s %s", a, dmabench_backing_name(bk),
		 touched ? "touched" : "untouched");
	buf = get_aligned(p->size, bk, touched);
	if (buf == MAP_FAILED) {
		note(r, "%s %s %s: no buffer (%s)%s", a, dmabench_backing_name(bk),
		     touched ? "touched" : "untouched", strerror(errno),
		     bk == DB_HUGETLB ? ": no hugetlbfs pages of that size available" : "");
		pg->done++;
		return 0;
	}
	/* warm-up: the bare loop, not recorded; it times the pair for --duration */
	w0 = now_ns();
	i = bare_chunk(b->map, b->unmap, s, buf, p->iova, p->size, warm, o->stop, &rc, &mapped);
	w1 = now_ns();
	if (mapped)
		cleanup(b, s, p->iova, p->size, r);
	if (!rc && touched)
		seen_of(o, buf, p->size, row);
	if (o->duration > 0) {
		/* chunks sized so that the row lasts about the duration */
		double pair = i > 0 ? (double)(w1 - w0) / (double)i : 1e3;
		double c = o->duration * 1e9 / pair / (2.0 * DMABENCH_CHUNKS);

		per_chunk = c < 1 ? 1 : c > (double)(cap / (2 * DMABENCH_CHUNKS)) ? cap / (2 * DMABENCH_CHUNKS) : (long)c;
		if (touched)
			n = per_chunk * 2 * DMABENCH_CHUNKS;
		deadline = now_ns() + (uint64_t)(o->duration * 1e9);
	}
	mapped = false;
	i = 0; /* a stop during the warm-up leaves no row */
	if (!rc && touched)
		i = touched_row(b, s, p, buf, n, per_chunk, deadline, o, mapns, unmapns, row, pg, &rc,
				&mapped);
	else if (!rc)
		i = untouched_row(b, s, p, bk, &buf, n, deadline, o->duration, o, mapns, unmapns, row,
				  pg, &rc, &mapped);
	if (mapped)
		cleanup(b, s, p->iova, p->size, r);
	if (!touched && !rc && i > 0)
		seen_of(o, buf, p->size, row); /* faulted by the last map */
	if (buf != MAP_FAILED)
		munmap(buf, p->size);
	row->partial = *o->stop || rc;
	if (rc)
		snprintf(row->note, sizeof(row->note), "stopped by an error: %s", strerror(-rc));
	dmabench_limit(row, r->zero_gib_per_s);
	if (i > 0 || rc)
		r->nrows++;
	pg->done++;
	progress(pg, 0);
	return rc;
}

static int run_many(const struct vfio_backend *b, struct vfio_session *s,
		    const struct vfio_facts *f, const struct dmabench_env *e,
		    const struct dmabench_opts *o, struct dmabench_result *r, struct progress *pg)
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
	row_init(row, PAGE4K, DB_SMALL, true);
	row->many = true;
	snprintf(pg->what, sizeof(pg->what), "many 4K");
	/* the arrays' pages faulted now, not inside the timed ioctls */
	memset(mapns, 0xff, n * sizeof(*mapns));
	memset(unmapns, 0xff, n * sizeof(*unmapns));
	seen_of(o, buf, n * PAGE4K, row);
	t0 = now_ns();
	for (; mapped < n && !*o->stop; mapped++) {
		rc = b->map(s, buf + mapped * PAGE4K, iova + mapped * PAGE4K, PAGE4K);
		t1 = now_ns();
		if (rc)
			break;
		mapns[mapped] = t1 - t0;
		t0 = t1;
		if ((mapped + 1) % MANY_STEP == 0) {
			progress(pg, (double)(mapped + 1) / (2.0 * (double)n));
			t0 = now_ns();
		}
	}
	/* the kernel's own count, with everything mapped: the proof that
	 * pinned_after (0 when all is gone) can see a mapping */
	if (o->pinned)
		row->pinned_bytes = o->pinned();
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
		if ((unmapped + 1) % MANY_STEP == 0) {
			progress(pg, 0.5 + (double)(unmapped + 1) / (2.0 * (double)n));
			t0 = now_ns();
		}
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
	dmabench_limit(row, r->zero_gib_per_s);
	r->nrows++;
	pg->done++;
	progress(pg, 0);
	munmap(buf, n * PAGE4K);
	free(mapns);
	free(unmapns);
	/* ENOSPC/ENOMEM at the limit is a finding of --many, not a failure */
	return rc == -ENOSPC || rc == -ENOMEM ? 0 : rc;
}

/* The rows dmabench_run will try, for the progress fraction. */
static size_t count_rows(const struct vfio_facts *f, const struct dmabench_env *e,
			 const struct dmabench_opts *o)
{
	size_t rows = o->many;

	for (size_t k = 0; k < o->nsizes; k++) {
		struct dmabench_plan p;

		dmabench_plan_size(o->sizes[k], f, e, &p);
		if (!p.skip)
			rows += 2 * (1 + (p.size >= HUGE2M) + (p.size >= HUGE2M && o->hugepages));
	}
	return rows;
}

int dmabench_run(const struct vfio_backend *b, struct vfio_session *s, const struct vfio_facts *f,
		 const struct dmabench_env *e, const struct dmabench_opts *o,
		 struct dmabench_result *r)
{
	static const volatile sig_atomic_t never = 0;
	struct dmabench_opts oo = *o;
	struct progress pg = { .fn = o->progress, .arg = o->progress_arg };
	uint64_t *mapns = NULL, *unmapns = NULL, zb = ZERO_BYTES;
	long cap = 0;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->cpu = sched_getcpu();
	r->pinned_after = -1;
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
		mapns = malloc((size_t)cap * sizeof(*mapns));
		unmapns = malloc((size_t)cap * sizeof(*unmapns));
		if (!mapns || !unmapns) {
			free(mapns);
			free(unmapns);
			return -ENOMEM;
		}
	}
	if (oo.duration > 0)
		note(r, "--duration: at most %ld timed pairs per row", cap);
	/* the zeroing rate, the limit of the untouched rows, in this run */
	if (e->mem_avail && zb > e->mem_avail / 16)
		zb = e->mem_avail / 16 & ~(PAGE4K - 1);
	if (oo.nsizes && zb >= PAGE4K)
		r->zero_gib_per_s = dmabench_zero_rate((size_t)zb);
	pg.rows = count_rows(f, e, &oo);
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
				rc = run_row(b, s, &p, bk, t, &oo, mapns, unmapns, cap, r, &pg);
			}
		}
	}
	if (!rc && oo.many && !*oo.stop && r->nrows < DMABENCH_MAX_ROWS)
		rc = run_many(b, s, f, e, &oo, r, &pg);
	free(mapns);
	free(unmapns);
	/* every mapping of ours is gone when nothing stays pinned */
	if (oo.pinned)
		r->pinned_after = oo.pinned();
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

void dmabench_smaps_seen(const char *smaps, uintptr_t start, size_t len, struct dmabench_seen *out)
{
	const char *l = smaps;
	bool in = false;

	memset(out, 0, sizeof(*out));
	while (l && *l) {
		const char *nl = strchr(l, '\n');
		unsigned long a, b;
		long long kb;
		char c;

		/* a VMA header "start-end perms ...", then "Key: value" lines */
		if (sscanf(l, "%lx-%lx %c", &a, &b, &c) == 3 && strchr(l, '-') < strchr(l, ' '))
			in = a < start + len && b > start;
		else if (in && sscanf(l, "AnonHugePages: %lld kB", &kb) == 1 && kb >= 0 && kb < (1ll << 40))
			out->anon_huge += kb * 1024;
		else if (in && (sscanf(l, "Private_Hugetlb: %lld kB", &kb) == 1 ||
				sscanf(l, "Shared_Hugetlb: %lld kB", &kb) == 1) && kb >= 0 && kb < (1ll << 40))
			out->hugetlb += kb * 1024;
		else if (in && sscanf(l, "Rss: %lld kB", &kb) == 1 && kb >= 0 && kb < (1ll << 40))
			out->rss += kb * 1024;
		l = nl ? nl + 1 : NULL;
	}
}

long long dmabench_smaps_thp(const char *smaps, uintptr_t start, size_t len)
{
	struct dmabench_seen seen;

	dmabench_smaps_seen(smaps, start, len, &seen);
	return seen.anon_huge;
}

long long dmabench_status_pinned(const char *status)
{
	static const char *const keys[] = { "\nVmLck:", "\nVmPin:" };
	long long sum = -1;

	for (size_t k = 0; k < 2; k++) {
		const char *p = strstr(status, keys[k]);
		long long kb;

		if (p && sscanf(p + strlen(keys[k]), " %lld kB", &kb) == 1 && kb >= 0 && kb < (1ll << 40))
			sum = (sum < 0 ? 0 : sum) + kb * 1024;
	}
	return sum;
}

const char *dmabench_obtained(const struct dmabench_row *r)
{
	if (r->huge_bytes < 0)
		return NULL;
	if (r->huge_bytes == 0)
		return "4k";
	if ((uint64_t)r->huge_bytes < r->size)
		return "mixed";
	return r->thp_bytes > 0 ? "thp" : "hugetlb";
}

const char *dmabench_limit_name(enum dmabench_limit_kind k)
{
	return k == DL_REF_4K ? "upstream-4k" : k == DL_REF_THP ? "upstream-thp"
		: k == DL_ZEROING ? "zeroing" : NULL;
}

void dmabench_limit(struct dmabench_row *r, double zero_gib)
{
	const char *got = dmabench_obtained(r);

	r->limit = DL_NONE;
	r->limit_gib_per_s = r->map_fraction = r->map_p50_fraction = 0;
	if (!r->touched) {
		/* the kernel zeroes each page it faults in for the pin */
		if (zero_gib > 0) {
			r->limit = DL_ZEROING;
			r->limit_gib_per_s = zero_gib;
		}
	} else if (got ? !strcmp(got, "4k") : r->backing == DB_SMALL) {
		r->limit = DL_REF_4K;
		r->limit_gib_per_s = DMABENCH_REF_4K_GIB;
	} else if (got ? strcmp(got, "mixed") != 0 : true) {
		/* huge folios, THP or hugetlb, are pinned a folio at a time */
		r->limit = DL_REF_THP;
		r->limit_gib_per_s = DMABENCH_REF_THP_GIB;
	}
	if (r->limit == DL_NONE)
		return;
	r->map_fraction = r->map_gib_per_s / r->limit_gib_per_s;
	if (r->map.p50) {
		double ideal = (double)r->size / (r->limit_gib_per_s * (double)(1ull << 30)) * 1e9;

		r->map_p50_fraction = ideal / (double)r->map.p50;
	}
}

double dmabench_median(double *v, size_t n)
{
	if (!n)
		return 0;
	/* insertion sort: a handful of values */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double dmabench_zero_rate(size_t bytes)
{
	double rates[3];
	uint8_t *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	memset(p, 1, bytes); /* fault it in: what is timed is the zeroing alone */
	for (int k = 0; k < 3; k++) {
		uint64_t t0 = now_ns(), t1;

		memset(p, 0, bytes);
		/* the stores must happen: p escapes to memory the compiler cannot see */
		__asm__ __volatile__("" : : "r"(p) : "memory");
		t1 = now_ns();
		rates[k] = t1 > t0 ? (double)bytes / (double)(1ull << 30) / ((double)(t1 - t0) / 1e9) : 0;
	}
	munmap(p, bytes);
	return dmabench_median(rates, 3);
}

/* RLIMIT_MEMLOCK as VFIO and iommufd apply it: UINT64_MAX when unlimited
 * or when the process has CAP_IPC_LOCK (then nothing is charged). The
 * test-only $IOMMU_GROUPS_TEST_MEMLOCK (KiB) stands for a limit and a
 * process without CAP_IPC_LOCK: the test guest has no tool to drop it. */
uint64_t dmabench_memlock_limit(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	const char *t = getenv("IOMMU_GROUPS_TEST_MEMLOCK");
	struct rlimit rl;

	if (t && *t)
		return strtoull(t, NULL, 10) << 10;
	if (syscall(SYS_capget, &h, d) == 0 && (d[CAP_IPC_LOCK / 32].effective >> (CAP_IPC_LOCK % 32) & 1))
		return UINT64_MAX;
	if (getrlimit(RLIMIT_MEMLOCK, &rl) || rl.rlim_cur == RLIM_INFINITY)
		return UINT64_MAX;
	return rl.rlim_cur;
}
