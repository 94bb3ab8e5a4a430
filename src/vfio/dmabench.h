/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmabench.h - `attach --bench`: DMA map/unmap throughput over a VFIO
 * back-end's session (vfio.h), while the group is attached. Plans each
 * size against what limits it (memory, usable IOVA ranges, dma_avail,
 * RLIMIT_MEMLOCK; every cap is said), then per size and backing times each
 * MAP_DMA and UNMAP_DMA ioctl with CLOCK_MONOTONIC into arrays allocated
 * before the loop (nothing is allocated, printed or formatted inside it).
 *
 * Rows: touched (pre-faulted once, the same buffer mapped again and again:
 * measures pinning and IOMMU page-table work) and untouched (a fresh mmap
 * before each iteration, outside the timed ioctl: the map then also pays
 * the page faults and zeroing); 4 KiB pages (MADV_NOHUGEPAGE), THP
 * (MADV_HUGEPAGE, sizes from 2 MiB) and, with --hugepages, hugetlbfs
 * (MAP_HUGETLB). --many: as many 4 KiB mappings as dma_avail allows
 * (capped), all mapped, then all unmapped.
 *
 * The rate of a touched row (map_unmap_per_s) is measured the way
 * bench/vfio-raw.c measures it, so that the two compare: the N timed pairs
 * are split into 2*DMABENCH_CHUNKS chunks (chunk j: pairs [j*N/2K,
 * (j+1)*N/2K)); even chunks run the bare loop (map, unmap, nothing else)
 * timed as a whole, odd chunks time each ioctl (latencies, map/s,
 * unmap/s). The rate is the median of the even chunks' rates: a
 * preempted or disturbed chunk moves it little. Untouched rows (an mmap
 * between pairs) and --many time each ioctl only.
 *
 * Each row is also put against a limit for its backing (dmabench_limit):
 * upstream's figures for pre-faulted 4 KiB pages and THP, and for
 * untouched buffers the page-zeroing rate measured in the same run.
 *
 * A stop flag (SIGINT) ends the loop between two ioctls; whatever is
 * mapped is unmapped (UNMAP_ALL where the kernel has it, else one by one)
 * and the rows so far are kept, marked partial.
 */
#ifndef IOMMU_GROUPS_DMABENCH_H
#define IOMMU_GROUPS_DMABENCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vfio.h"

enum { DMABENCH_MAX_SIZES = 16, DMABENCH_MAX_ROWS = 96, DMABENCH_MAX_NOTES = 32 };

/* Rate chunks per touched row (as many latency chunks between them).
 * Many short chunks: on a loaded host (or a TCG guest whose vCPU thread
 * the host preempts for milliseconds) most chunks still run undisturbed,
 * and the median is theirs. 2000 pairs give chunks of 31. */
enum { DMABENCH_CHUNKS = 32 };

/* Upstream's measurements (6.16) of VFIO map throughput: pre-faulted
 * 4 KiB pages about 57 GiB/s (about 67 ns a page), THP about 340 GiB/s. */
#define DMABENCH_REF_4K_GIB 57.0
#define DMABENCH_REF_THP_GIB 340.0

enum dmabench_backing { DB_SMALL, DB_THP, DB_HUGETLB };

/* What a buffer really got, from /proc/self/smaps (bytes). */
struct dmabench_seen {
	long long anon_huge; /* AnonHugePages: THP */
	long long hugetlb;   /* Private_Hugetlb + Shared_Hugetlb */
	long long rss;       /* Rss (hugetlb pages are not counted here) */
};

/* Progress between chunks (never inside a timed stretch): done is the
 * fraction of the planned rows finished, what names the current row. */
typedef void (*dmabench_progress_fn)(void *arg, double done, const char *what);

struct dmabench_opts {
	uint64_t sizes[DMABENCH_MAX_SIZES];
	size_t nsizes;
	long iterations;  /* 0: by size (dmabench_default_iterations) */
	double duration;  /* seconds per row instead of iterations; 0: off */
	bool many, hugepages;
	volatile sig_atomic_t *stop; /* set asynchronously: end early */
	/* What backs [va, va+len) (from /proc/self/smaps, read by the caller
	 * through the sysroot): 0, or -1 unknown. May be NULL. */
	int (*seen)(const void *va, size_t len, struct dmabench_seen *out);
	/* Bytes this process has pinned (VmLck + VmPin of /proc/self/status:
	 * type1 charges locked_vm, iommufd pinned_vm); -1 unknown. May be NULL. */
	long long (*pinned)(void);
	dmabench_progress_fn progress; /* may be NULL */
	void *progress_arg;
};

/* What bounds a size besides the IOMMU (the caller measures these). */
struct dmabench_env {
	uint64_t mem_avail; /* MemAvailable in bytes; 0 unknown */
	uint64_t memlock;   /* RLIMIT_MEMLOCK; UINT64_MAX: no limit (CAP_IPC_LOCK) */
};

struct dmabench_plan {
	uint64_t asked, size, iova;
	bool skip;           /* nothing usable */
	char note[200];      /* why the size was reduced or skipped; "" if not */
};

/* Plan one size: a multiple of the smallest IOMMU page, within a usable
 * IOVA range (naturally aligned when possible), at most a quarter of
 * available memory and RLIMIT_MEMLOCK; reduced to the largest power of
 * two that fits, with the reason in note. dma_avail of 0 skips. */
void dmabench_plan_size(uint64_t asked, const struct vfio_facts *f, const struct dmabench_env *e,
			struct dmabench_plan *p);

/* How many 4 KiB mappings --many makes: dma_avail, memory, memlock, the
 * IOVA range and a fixed cap; why in note. */
size_t dmabench_plan_many(const struct vfio_facts *f, const struct dmabench_env *e,
			  uint64_t *iova, char *note, size_t notelen);

long dmabench_default_iterations(uint64_t size);

struct dmabench_lat {
	uint64_t p50, p99, max, total; /* ns */
};

/* Nearest-rank percentiles of ns[0..n) (sorted in place) and the sum. */
void dmabench_stats(uint64_t *ns, size_t n, struct dmabench_lat *l);

enum dmabench_limit_kind { DL_NONE, DL_REF_4K, DL_REF_THP, DL_ZEROING };

struct dmabench_row {
	uint64_t size;
	long iterations;      /* completed (timed) map+unmap pairs */
	bool touched, many, partial;
	enum dmabench_backing backing;   /* asked for */
	long long thp_bytes;  /* AnonHugePages obtained; -1 unknown */
	long long huge_bytes; /* on huge pages (THP or hugetlb); -1 unknown */
	long long pinned_bytes; /* --many: pinned with all mapped; -1 unknown */
	int chunks;           /* rate chunks behind map_unmap_per_s; 0: summed ioctl times */
	double map_per_s, unmap_per_s, map_unmap_per_s, map_gib_per_s;
	struct dmabench_lat map, unmap;
	enum dmabench_limit_kind limit;
	double limit_gib_per_s, map_fraction, map_p50_fraction; /* 0 when no limit */
	char note[160];       /* an error that ended the row, or "" */
};

/* What the buffer really got: "4k", "thp", "hugetlb", "mixed", or NULL
 * when unknown (no smaps). */
const char *dmabench_obtained(const struct dmabench_row *r);

/* The limit for the row's backing as obtained (touched: upstream's 4 KiB
 * or THP figure; untouched: zero_gib, the zeroing rate measured, if > 0)
 * and the row's map GiB/s and map p50 as fractions of it. */
void dmabench_limit(struct dmabench_row *r, double zero_gib);

const char *dmabench_limit_name(enum dmabench_limit_kind k);

/* Median of v[0..n) (sorted in place; the mean of the two middle ones
 * when n is even); 0 when n is 0. bench/vfio-raw.c computes the same. */
double dmabench_median(double *v, size_t n);

/* Rates from n pairs whose map and unmap took map_ns/unmap_ns in total. */
void dmabench_rates(struct dmabench_row *r, long n, uint64_t map_ns, uint64_t unmap_ns);

struct dmabench_result {
	struct dmabench_row rows[DMABENCH_MAX_ROWS];
	size_t nrows;
	char notes[DMABENCH_MAX_NOTES][200]; /* caps, skipped modes */
	size_t nnotes;
	bool interrupted;
	int cpu;           /* where the loop ran (sched_getcpu), -1 unknown */
	int err;           /* first hard error (-errno) or 0 */
	bool leftover;     /* a mapping could not be removed */
	double zero_gib_per_s;     /* memset of pre-faulted memory, this run; 0 unknown */
	long long pinned_after;    /* bytes still pinned after the run; -1 unknown */
};

/* Run every row. 0, or -errno of an error that ended it (rows so far in
 * r); r->interrupted when the stop flag ended it. Every mapping made is
 * removed before returning, unless r->leftover says otherwise. */
int dmabench_run(const struct vfio_backend *b, struct vfio_session *s, const struct vfio_facts *f,
		 const struct dmabench_env *e, const struct dmabench_opts *o,
		 struct dmabench_result *r);

/* Parse "4K,64K,2M,1G" (K/M/G binary, or bytes) into o->sizes. 0 or -1. */
int dmabench_parse_sizes(const char *s, struct dmabench_opts *o);

/* AnonHugePages (bytes) of the smaps VMAs overlapping [start, start+len). */
long long dmabench_smaps_thp(const char *smaps, uintptr_t start, size_t len);

/* The same VMAs' AnonHugePages, *_Hugetlb and Rss into out. */
void dmabench_smaps_seen(const char *smaps, uintptr_t start, size_t len, struct dmabench_seen *out);

/* VmLck + VmPin of a /proc/PID/status text, in bytes; -1 when neither. */
long long dmabench_status_pinned(const char *status);

/* Rate of memset over a pre-faulted buffer of bytes (GiB/s; the median of
 * three passes): what bounds mapping untouched memory, which the kernel
 * must zero first. 0 when no buffer. */
double dmabench_zero_rate(size_t bytes);

const char *dmabench_backing_name(enum dmabench_backing b);

/* RLIMIT_MEMLOCK as VFIO type1 and iommufd charge it: UINT64_MAX when
 * unlimited or the process has CAP_IPC_LOCK (root without it is charged
 * too). $IOMMU_GROUPS_TEST_MEMLOCK (KiB) stands for a limit in tests. */
uint64_t dmabench_memlock_limit(void);

#endif
