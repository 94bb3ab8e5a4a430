// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_dmabench.c - attach --bench's arithmetic and planning with fake
 * inputs: nearest-rank percentiles, rates, size caps (memory, memlock,
 * IOVA ranges, dma_avail), --many, --sizes parsing, smaps THP parsing, and
 * a run over a fake back-end that fails or is stopped mid-way and must
 * leave no mapping behind; the rate as the median of chunk rates (one slow
 * chunk moves it little), the limits and fractions, progress only between
 * pairs, the progress line.
 */
#include "testutil.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>
#include <sys/time.h> /* not time.h: testutil.h has its own struct tm */

#include "dmabench.h"
#include "dmabench_cli.h"

static void stats_nearest_rank(void **state)
{
	uint64_t ns[100];
	struct dmabench_lat l;

	(void)state;
	for (int k = 0; k < 100; k++)
		ns[k] = (uint64_t)(100 - k); /* 100..1, unsorted */
	dmabench_stats(ns, 100, &l);
	assert_int_equal(l.p50, 50);
	assert_int_equal(l.p99, 99);
	assert_int_equal(l.max, 100);
	assert_int_equal(l.total, 5050);

	uint64_t one[1] = { 7 };

	dmabench_stats(one, 1, &l);
	assert_int_equal(l.p50, 7);
	assert_int_equal(l.p99, 7);
	assert_int_equal(l.max, 7);
	uint64_t four[4] = { 40, 10, 30, 20 };

	dmabench_stats(four, 4, &l);
	assert_int_equal(l.p50, 20); /* rank ceil(2) = 2nd */
	assert_int_equal(l.p99, 40);
	dmabench_stats(NULL, 0, &l);
	assert_int_equal(l.max, 0);
}

static void rates(void **state)
{
	struct dmabench_row r = { .size = 4096 };

	(void)state;
	/* 1000 pairs, 1 ms of maps and 3 ms of unmaps */
	dmabench_rates(&r, 1000, 1000000, 3000000);
	assert_true(r.map_per_s > 999999.0 && r.map_per_s < 1000001.0);
	assert_true(r.unmap_per_s > 333333.0 && r.unmap_per_s < 333334.0);
	assert_true(r.map_unmap_per_s > 249999.0 && r.map_unmap_per_s < 250001.0);
	/* 1e6 maps/s of 4 KiB: 4.096e9 B/s = 3.8147 GiB/s */
	assert_true(r.map_gib_per_s > 3.814 && r.map_gib_per_s < 3.815);
	dmabench_rates(&r, 0, 0, 0);
	assert_true(r.map_per_s == 0 && r.map_unmap_per_s == 0);
}

static struct vfio_facts facts(void)
{
	struct vfio_facts f;

	memset(&f, 0, sizeof(f));
	f.have_pgsizes = true;
	f.pgsizes = 4096 | (2ull << 20) | (1ull << 30);
	f.have_ranges = true;
	f.nranges = 2;
	f.ranges[0].start = 0;
	f.ranges[0].end = 0xfedfffff;
	f.ranges[1].start = 0xfef00000;
	f.ranges[1].end = 0xffffffffffull;
	f.have_dma_avail = true;
	f.dma_avail = 65535;
	return f;
}

static void plan_caps(void **state)
{
	struct vfio_facts f = facts();
	struct dmabench_env e = { .mem_avail = 400ull << 20, .memlock = UINT64_MAX };
	struct dmabench_plan p;

	(void)state;
	dmabench_plan_size(4096, &f, &e, &p);
	assert_false(p.skip);
	assert_int_equal(p.size, 4096);
	assert_string_equal(p.note, "");
	/* 1G against 400 MiB available: a quarter, down to a power of two */
	dmabench_plan_size(1ull << 30, &f, &e, &p);
	assert_false(p.skip);
	assert_int_equal(p.size, 64ull << 20);
	assert_int_equal(p.iova % (64ull << 20), 0);
	assert_non_null(strstr(p.note, "1G capped to 64M by memory"));
	/* memlock below that (no CAP_IPC_LOCK) */
	e.memlock = 64 * 1024;
	dmabench_plan_size(2ull << 20, &f, &e, &p);
	assert_int_equal(p.size, 64 * 1024);
	assert_non_null(strstr(p.note, "RLIMIT_MEMLOCK"));
	e.memlock = 1024;
	dmabench_plan_size(4096, &f, &e, &p);
	assert_true(p.skip);
	e.memlock = UINT64_MAX;
	/* not a multiple of the smallest IOMMU page */
	dmabench_plan_size(6000, &f, &e, &p);
	assert_true(p.skip);
	assert_non_null(strstr(p.note, "smallest IOMMU page"));
	/* a small range: the IOVA stays inside it */
	f.nranges = 1;
	f.ranges[0].start = 0x100000;
	f.ranges[0].end = 0x4fffff; /* 4 MiB */
	dmabench_plan_size(64ull << 20, &f, &e, &p);
	assert_int_equal(p.size, 4ull << 20);
	assert_true(p.iova >= 0x100000 && p.iova + p.size - 1 <= 0x4fffff);
	assert_non_null(strstr(p.note, "IOVA"));
	dmabench_plan_size(2ull << 20, &f, &e, &p);
	assert_int_equal(p.iova, 0x200000); /* naturally aligned inside */
	/* dma_avail 0: nothing can be mapped */
	f.dma_avail = 0;
	dmabench_plan_size(4096, &f, &e, &p);
	assert_true(p.skip);
	assert_non_null(strstr(p.note, "dma_avail"));
}

static void plan_many(void **state)
{
	struct vfio_facts f = facts();
	struct dmabench_env e = { .mem_avail = 400ull << 20, .memlock = UINT64_MAX };
	char note[160];
	uint64_t iova;

	(void)state;
	f.dma_avail = 1000;
	assert_int_equal(dmabench_plan_many(&f, &e, &iova, note, sizeof(note)), 1000);
	assert_non_null(strstr(note, "dma_avail"));
	f.dma_avail = 65535;
	e.mem_avail = 64ull << 20; /* a quarter: 4096 pages */
	assert_int_equal(dmabench_plan_many(&f, &e, &iova, note, sizeof(note)), 4096);
	assert_non_null(strstr(note, "memory"));
	e.memlock = 40960;
	assert_int_equal(dmabench_plan_many(&f, &e, &iova, note, sizeof(note)), 10);
	f.dma_avail = 0;
	assert_int_equal(dmabench_plan_many(&f, &e, &iova, note, sizeof(note)), 0);
}

static void parse_sizes(void **state)
{
	struct dmabench_opts o;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(dmabench_parse_sizes("4K,64k,2M,1G", &o), 0);
	assert_int_equal(o.nsizes, 4);
	assert_int_equal(o.sizes[0], 4096);
	assert_int_equal(o.sizes[1], 65536);
	assert_int_equal(o.sizes[2], 2ull << 20);
	assert_int_equal(o.sizes[3], 1ull << 30);
	assert_int_equal(dmabench_parse_sizes("8192", &o), 0);
	assert_int_equal(o.sizes[0], 8192);
	assert_int_equal(dmabench_parse_sizes("", &o), -1);
	assert_int_equal(dmabench_parse_sizes("4X", &o), -1);
	assert_int_equal(dmabench_parse_sizes("-4K", &o), -1);
	assert_int_equal(dmabench_parse_sizes("0", &o), -1);
	assert_int_equal(dmabench_parse_sizes("4K,,", &o), -1);
	assert_int_equal(dmabench_parse_sizes("99999999999999999999999", &o), -1);
	assert_int_equal(dmabench_parse_sizes("2048G", &o), -1);
}

static void median(void **state)
{
	double odd[5] = { 5, 1, 4, 2, 3 }, even[4] = { 10, 40, 20, 30 }, one[1] = { 7 };

	(void)state;
	assert_true(dmabench_median(odd, 5) == 3);
	assert_true(dmabench_median(even, 4) == 25);
	assert_true(dmabench_median(one, 1) == 7);
	assert_true(dmabench_median(NULL, 0) == 0);
}

static void limits(void **state)
{
	struct dmabench_row r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.size = 4096;
	r.touched = true;
	r.backing = DB_SMALL;
	r.huge_bytes = -1;
	r.thp_bytes = -1;
	r.map_gib_per_s = 5.7;
	r.map.p50 = 669; /* 4 KiB at 57 GiB/s: 66.9 ns */
	dmabench_limit(&r, 3.0);
	assert_int_equal(r.limit, DL_REF_4K);
	assert_string_equal(dmabench_limit_name(r.limit), "upstream-4k");
	assert_true(r.limit_gib_per_s == DMABENCH_REF_4K_GIB);
	assert_true(r.map_fraction > 0.0999 && r.map_fraction < 0.1001);
	assert_true(r.map_p50_fraction > 0.0999 && r.map_p50_fraction < 0.1001);
	assert_null(dmabench_obtained(&r));
	/* asked THP, got it: THP's figure */
	r.size = 2 << 20;
	r.backing = DB_THP;
	r.thp_bytes = r.huge_bytes = 2 << 20;
	dmabench_limit(&r, 3.0);
	assert_string_equal(dmabench_obtained(&r), "thp");
	assert_int_equal(r.limit, DL_REF_THP);
	assert_true(r.map_fraction > 5.7 / 340 - 1e-9 && r.map_fraction < 5.7 / 340 + 1e-9);
	/* asked THP, got 4 KiB pages (THP off): the 4 KiB figure, said */
	r.thp_bytes = r.huge_bytes = 0;
	dmabench_limit(&r, 3.0);
	assert_string_equal(dmabench_obtained(&r), "4k");
	assert_int_equal(r.limit, DL_REF_4K);
	/* half of it: no known limit */
	r.thp_bytes = r.huge_bytes = 1 << 20;
	dmabench_limit(&r, 3.0);
	assert_string_equal(dmabench_obtained(&r), "mixed");
	assert_int_equal(r.limit, DL_NONE);
	assert_null(dmabench_limit_name(r.limit));
	assert_true(r.map_fraction == 0);
	/* hugetlb */
	r.backing = DB_HUGETLB;
	r.thp_bytes = 0;
	r.huge_bytes = 2 << 20;
	dmabench_limit(&r, 3.0);
	assert_string_equal(dmabench_obtained(&r), "hugetlb");
	assert_int_equal(r.limit, DL_REF_THP);
	/* untouched: the zeroing rate measured, or nothing */
	r.touched = false;
	dmabench_limit(&r, 3.0);
	assert_int_equal(r.limit, DL_ZEROING);
	assert_true(r.map_fraction > 1.9 && r.map_fraction < 1.91);
	dmabench_limit(&r, 0);
	assert_int_equal(r.limit, DL_NONE);
	/* the zeroing measurement itself */
	assert_true(dmabench_zero_rate(1 << 20) > 0);
}

static void progress_line(void **state)
{
	char buf[160];

	(void)state;
	bench_bar_line(buf, sizeof(buf), 0.5, "2M thp untouched");
	assert_string_equal(buf, "bench [###############...............]  50% 2M thp untouched");
	bench_bar_line(buf, sizeof(buf), 2, "x");
	assert_string_equal(buf, "bench [##############################] 100% x");
	bench_bar_line(buf, sizeof(buf), -1, "x");
	assert_string_equal(buf, "bench [..............................]   0% x");
}

static void smaps_seen(void **state)
{
	static const char smaps[] =
		"7f0000000000-7f0000400000 rw-p 00000000 00:00 0 \n"
		"Rss:                4096 kB\n"
		"AnonHugePages:      2048 kB\n"
		"Shared_Hugetlb:        0 kB\n"
		"Private_Hugetlb:       0 kB\n"
		"7f0000400000-7f0000600000 rw-p 00000000 00:0f 12 /anon_hugepage (deleted)\n"
		"Rss:                   0 kB\n"
		"AnonHugePages:         0 kB\n"
		"Shared_Hugetlb:        0 kB\n"
		"Private_Hugetlb:    2048 kB\n";
	static const char status[] = "Name:\tx\nVmPeak:\t 1 kB\nVmLck:\t     64 kB\nVmPin:\t      8 kB\n";
	struct dmabench_seen sn;

	(void)state;
	dmabench_smaps_seen(smaps, 0x7f0000000000, 0x400000, &sn);
	assert_int_equal(sn.anon_huge, 2048 * 1024);
	assert_int_equal(sn.hugetlb, 0);
	assert_int_equal(sn.rss, 4096 * 1024);
	dmabench_smaps_seen(smaps, 0x7f0000400000, 0x200000, &sn);
	assert_int_equal(sn.anon_huge, 0);
	assert_int_equal(sn.hugetlb, 2048 * 1024);
	assert_int_equal(dmabench_status_pinned(status), 72 * 1024);
	assert_int_equal(dmabench_status_pinned("Name:\tx\nVmLck:\t 0 kB\n"), 0);
	assert_int_equal(dmabench_status_pinned("Name:\tx\n"), -1);
}

static void smaps_thp(void **state)
{
	static const char smaps[] =
		"7f0000000000-7f0000400000 rw-p 00000000 00:00 0 \n"
		"Size:               4096 kB\n"
		"AnonHugePages:      2048 kB\n"
		"VmFlags: rd wr mr mw me ac hg\n"
		"7f0000400000-7f0000600000 rw-p 00000000 00:00 0 \n"
		"AnonHugePages:      2048 kB\n"
		"7f1000000000-7f1000001000 r-xp 00000000 08:01 42 /usr/bin/x\n"
		"AnonHugePages:         0 kB\n";

	(void)state;
	assert_int_equal(dmabench_smaps_thp(smaps, 0x7f0000000000, 0x400000), 2048 * 1024);
	assert_int_equal(dmabench_smaps_thp(smaps, 0x7f0000000000, 0x600000), 4096 * 1024);
	assert_int_equal(dmabench_smaps_thp(smaps, 0x7f2000000000, 0x1000), 0);
	assert_int_equal(dmabench_smaps_thp("garbage\nAnonHugePages: 9 kB\n", 0, 1 << 20), 0);
}

/* A fake back-end: counts live mappings, fails the Nth map, or raises the
 * stop flag after N maps. */
struct vfio_session {
	int live, maps, fail_at, stop_at;
	bool have_all;
	volatile sig_atomic_t *stop;
	/* a map costs spin_ns; maps slow_from..slow_to cost slow_ns */
	uint64_t spin_ns, slow_ns;
	int slow_from, slow_to;
};

static uint64_t mono(void)
{
	struct timeval t;

	gettimeofday(&t, NULL);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_usec * 1000;
}

static int fmap(struct vfio_session *s, void *va, uint64_t iova, uint64_t size)
{
	uint64_t spin;

	(void)va;
	(void)iova;
	(void)size;
	spin = s->maps + 1 >= s->slow_from && s->maps + 1 <= s->slow_to ? s->slow_ns : s->spin_ns;
	if (spin) {
		uint64_t t0 = mono();

		while (mono() - t0 < spin)
			;
	}
	if (++s->maps == s->fail_at)
		return -ENOMEM;
	if (s->stop_at && s->maps == s->stop_at)
		*s->stop = 1;
	s->live++;
	return 0;
}

static int funmap(struct vfio_session *s, uint64_t iova, uint64_t size)
{
	(void)iova;
	(void)size;
	if (s->live <= 0)
		return -EINVAL;
	s->live--;
	return 0;
}

static int funmap_all(struct vfio_session *s)
{
	if (!s->have_all)
		return -EOPNOTSUPP;
	s->live = 0;
	return 0;
}

static const struct vfio_backend fake = {
	.name = "fake", .map = fmap, .unmap = funmap, .unmap_all = funmap_all,
};

static void run_fake(void **state)
{
	struct vfio_facts f = facts();
	struct dmabench_env e = { .mem_avail = 256ull << 20, .memlock = UINT64_MAX };
	static struct dmabench_result r;
	static volatile sig_atomic_t stop;
	struct dmabench_opts o;
	struct vfio_session s;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(dmabench_parse_sizes("4K,2M", &o), 0);
	o.iterations = 20;
	o.many = true;
	o.stop = &stop;
	f.dma_avail = 100;
	memset(&s, 0, sizeof(s));
	s.stop = &stop;
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), 0);
	/* 4K: touched, untouched; 2M: 4k and thp, each touched/untouched;
	 * then many */
	assert_int_equal(r.nrows, 7);
	assert_int_equal(r.rows[0].iterations, 20);
	assert_true(r.rows[0].touched);
	assert_false(r.rows[1].touched);
	assert_int_equal(r.rows[4].backing, DB_THP);
	assert_true(r.rows[6].many);
	assert_int_equal(r.rows[6].iterations, 100);
	assert_int_equal(s.live, 0);
	assert_false(r.interrupted);

	/* a map fails mid-row: the run ends with the error, nothing left */
	memset(&s, 0, sizeof(s));
	s.stop = &stop;
	s.fail_at = 30;
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), -ENOMEM);
	assert_int_equal(s.live, 0);
	assert_true(r.rows[r.nrows - 1].partial);

	/* stopped inside --many, without UNMAP_ALL: unmapped one by one */
	memset(&s, 0, sizeof(s));
	s.stop = &stop;
	s.stop_at = 6 * 23 + 50; /* six rows of 3 warm-up + 20, then 50 maps */
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), 0);
	assert_true(r.interrupted);
	assert_int_equal(s.live, 0);
	assert_false(r.leftover);
	assert_true(r.rows[r.nrows - 1].partial);
	stop = 0;

	/* stopped with UNMAP_ALL mid-many */
	memset(&s, 0, sizeof(s));
	s.stop = &stop;
	s.have_all = true;
	s.stop_at = 6 * 23 + 10;
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), 0);
	assert_true(r.interrupted);
	assert_int_equal(s.live, 0);
	stop = 0;
}

/* One slow rate chunk (a preempted stretch) leaves the median of the
 * chunk rates near the true rate, where the whole loop's rate falls 7x. */
static void chunk_median(void **state)
{
	struct vfio_facts f = facts();
	struct dmabench_env e = { .mem_avail = 256ull << 20, .memlock = UINT64_MAX };
	static struct dmabench_result r;
	struct dmabench_opts o;
	struct vfio_session s;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(dmabench_parse_sizes("4K", &o), 0);
	o.iterations = 160; /* 16 chunks of 10 */
	memset(&s, 0, sizeof(s));
	s.spin_ns = 20000;
	s.slow_ns = 2000000;
	s.slow_from = 17; /* after 16 warm-up pairs: chunk 0, a rate chunk */
	s.slow_to = 26;
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), 0);
	assert_int_equal(r.rows[0].iterations, 160);
	assert_int_equal(r.rows[0].chunks, DMABENCH_CHUNKS);
	/* at most 1/20 us = 50000/s (gettimeofday's microseconds: a little
	 * more); the whole loop would give about 7000/s */
	assert_true(r.rows[0].map_unmap_per_s < 55000);
	assert_true(r.rows[0].map_unmap_per_s > 25000);
	/* map/s comes from the timed chunks (a mean: not asserted closely on
	 * a loaded machine) */
	assert_true(r.rows[0].map_per_s > 0 && r.rows[0].map_per_s < 55000);
	assert_int_equal(s.live, 0);
}

struct seen_progress {
	struct vfio_session *s;
	int calls, live_calls;
	double last;
	bool backwards;
};

static void on_progress(void *arg, double done, const char *what)
{
	struct seen_progress *p = arg;

	assert_non_null(what);
	p->calls++;
	/* --many keeps its mappings while it maps them all; the others unmap
	 * each before the next */
	if (p->s->live && strcmp(what, "many 4K"))
		p->live_calls++;
	if (done < p->last)
		p->backwards = true;
	p->last = done;
}

/* Progress comes between pairs (nothing mapped, but in --many), forward,
 * up to 1. */
static void progress_between(void **state)
{
	struct vfio_facts f = facts();
	struct dmabench_env e = { .mem_avail = 256ull << 20, .memlock = UINT64_MAX };
	static struct dmabench_result r;
	struct seen_progress sp;
	struct dmabench_opts o;
	struct vfio_session s;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(dmabench_parse_sizes("4K,2M", &o), 0);
	o.iterations = 100;
	o.many = true;
	f.dma_avail = 10000;
	memset(&s, 0, sizeof(s));
	memset(&sp, 0, sizeof(sp));
	sp.s = &s;
	o.progress = on_progress;
	o.progress_arg = &sp;
	assert_int_equal(dmabench_run(&fake, &s, &f, &e, &o, &r), 0);
	assert_int_equal(r.nrows, 7);
	assert_true(sp.calls > 7 * 10);
	assert_int_equal(sp.live_calls, 0);
	assert_false(sp.backwards);
	assert_true(sp.last > 0.9999 && sp.last < 1.0001);
}

/* The limit VFIO charges: the test variable, else CAP_IPC_LOCK (not euid
 * 0) decides whether RLIMIT_MEMLOCK applies. Run in a child: it drops its
 * own CAP_IPC_LOCK. */
static void memlock_limit(void **state)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	struct rlimit rl = { 1 << 20, 1 << 20 };
	pid_t pid;
	int st;

	(void)state;
	setenv("IOMMU_GROUPS_TEST_MEMLOCK", "64", 1);
	assert_int_equal(dmabench_memlock_limit(), 64u << 10);
	unsetenv("IOMMU_GROUPS_TEST_MEMLOCK");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* a lower limit than any default, then without CAP_IPC_LOCK */
		if (setrlimit(RLIMIT_MEMLOCK, &rl))
			_exit(10);
		if (syscall(SYS_capget, &h, d))
			_exit(11);
		if (d[CAP_IPC_LOCK / 32].effective >> (CAP_IPC_LOCK % 32) & 1) {
			if (dmabench_memlock_limit() != UINT64_MAX)
				_exit(12); /* the capability means no charge */
			d[CAP_IPC_LOCK / 32].effective &= ~(1u << (CAP_IPC_LOCK % 32));
			if (syscall(SYS_capset, &h, d))
				_exit(13);
		}
		_exit(dmabench_memlock_limit() == (1u << 20) ? 0 : 14);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_nearest_rank), cmocka_unit_test(rates),
		cmocka_unit_test(plan_caps),          cmocka_unit_test(plan_many),
		cmocka_unit_test(parse_sizes),        cmocka_unit_test(smaps_thp),
		cmocka_unit_test(run_fake),           cmocka_unit_test(median),
		cmocka_unit_test(limits),             cmocka_unit_test(progress_line),
		cmocka_unit_test(smaps_seen),         cmocka_unit_test(chunk_median),
		cmocka_unit_test(progress_between),   cmocka_unit_test(memlock_limit),
	};

	return tu_run("dmabench", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
