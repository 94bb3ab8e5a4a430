// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmabench_cli.c - `attach --bench` glue (see dmabench_cli.h).
 *
 * /proc/self/smaps is read through the rooted accessor like everything
 * else (make check-paths), but it is about this process's own buffers,
 * never the examined system: attach refuses --sysroot, so the root here
 * is always "/".
 */
#define _GNU_SOURCE
#include "dmabench_cli.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum { SMAPS_MAX = 4 << 20 };

static volatile sig_atomic_t stop_flag;
static const struct sysroot *smaps_root;
static char *smaps_buf;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

bool bench_signalled(void)
{
	return stop_flag != 0;
}

int bench_opts_from_cli(const struct cli *c, struct dmabench_opts *o)
{
	memset(o, 0, sizeof(*o));
	if (!c->bench) {
		if (c->bench_sizes || c->iterations || c->duration > 0 || c->many || c->hugepages) {
			errmsg("--sizes, --iterations, --duration, --many and --hugepages go with --bench");
			return -1;
		}
		return 0;
	}
	if (c->iterations && c->duration > 0) {
		errmsg("give --iterations or --duration, not both");
		return -1;
	}
	if (dmabench_parse_sizes(c->bench_sizes ? c->bench_sizes : "4K,64K,2M,1G", o)) {
		errmsg("--sizes takes a list like 4K,64K,2M,1G (at most %d, each up to 1024G), not '%s'",
		       DMABENCH_MAX_SIZES, c->bench_sizes);
		return -1;
	}
	if (c->dry_run) {
		errmsg("--bench measures on the attached group; --dry-run attaches nothing");
		return -1;
	}
	o->iterations = c->iterations;
	o->duration = c->duration;
	o->many = c->many;
	o->hugepages = c->hugepages;
	o->stop = &stop_flag;
	return 0;
}

static int seen_of(const void *va, size_t len, struct dmabench_seen *out)
{
	ssize_t n;

	if (!smaps_root || !smaps_buf)
		return -1;
	n = sr_read_all(smaps_root, "proc/self/smaps", smaps_buf, SMAPS_MAX - 1);
	if (n <= 0)
		return -1;
	smaps_buf[n] = '\0';
	dmabench_smaps_seen(smaps_buf, (uintptr_t)va, len, out);
	return 0;
}

static long long pinned_now(void)
{
	char buf[8192];
	ssize_t n;

	if (!smaps_root)
		return -1;
	n = sr_read_all(smaps_root, "proc/self/status", buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return dmabench_status_pinned(buf);
}

/* The progress bar: stderr, only on a terminal, only once the run has
 * lasted a second; called between chunks, never inside a timed one. */
struct bar {
	uint64_t start, last;
	bool tty, shown;
	int pct;
};

static uint64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

void bench_bar_line(char *buf, size_t len, double done, const char *what)
{
	char bar[BENCH_BAR_WIDTH + 1];
	int pct, fill;

	if (!(done >= 0)) /* NaN too */
		done = 0;
	if (done > 1)
		done = 1;
	pct = (int)(done * 100);
	fill = (int)(done * BENCH_BAR_WIDTH);
	for (int k = 0; k < BENCH_BAR_WIDTH; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[BENCH_BAR_WIDTH] = '\0';
	snprintf(buf, len, "bench [%s] %3d%% %s", bar, pct, what);
}

static void on_progress(void *arg, double done, const char *what)
{
	struct bar *b = arg;
	uint64_t t = mono_ns();
	char line[160];

	if (!b->tty || t - b->start < 1000000000ull)
		return;
	/* a redraw at most every 100 ms, or when the percentage moves */
	if (b->shown && t - b->last < 100000000ull && (int)(done * 100) == b->pct)
		return;
	bench_bar_line(line, sizeof(line), done, what);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	b->shown = true;
	b->last = t;
	b->pct = (int)(done * 100);
}

/* "Key:   value kB" of /proc/meminfo in bytes; 0 unknown. */
static uint64_t meminfo(const struct sysroot *sr, const char *key)
{
	char buf[8192], *p;
	ssize_t n = sr_read(sr, "proc/meminfo", buf, sizeof(buf) - 1, NULL);
	unsigned long long kb;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, key);
	if (!p || sscanf(p + strlen(key), ": %llu kB", &kb) != 1 || kb > (1ull << 44))
		return 0;
	return (uint64_t)kb << 10;
}

static void cpu_model(const struct sysroot *sr, char *out, size_t len)
{
	char buf[16384], *p, *e;
	ssize_t n = sr_read_all(sr, "proc/cpuinfo", buf, sizeof(buf) - 1);

	snprintf(out, len, "%s", "");
	if (n <= 0)
		return;
	buf[n] = '\0';
	p = strstr(buf, "model name");
	if (!p || !(p = strchr(p, ':')))
		return;
	p += strspn(p, ": \t");
	e = strchr(p, '\n');
	if (e)
		*e = '\0';
	for (char *q = p; *q; q++) /* hostile text: printable only */
		if (*q < ' ' || *q > '~')
			*q = '?';
	snprintf(out, len, "%s", p);
}

int bench_run(struct bench_run *b, const struct sysroot *sr, const struct vfio_backend *v,
	      int group, const struct dmabench_opts *o)
{
	struct dmabench_env env = { .mem_avail = meminfo(sr, "MemAvailable") };
	struct sigaction sa, old_int, old_term, old_hup;
	struct vfio_session *s;
	struct dmabench_opts oo = *o;
	struct bar bar = { 0 };
	struct utsname u;
	sigset_t unblock, prev;
	int rc;

	memset(b, 0, sizeof(*b));
	b->group = group;
	snprintf(b->backend, sizeof(b->backend), "%s", v->name);
	if (uname(&u) == 0)
		snprintf(b->kernel, sizeof(b->kernel), "%s", u.release);
	cpu_model(sr, b->cpu_model, sizeof(b->cpu_model));
	/* type1 charges pinned pages to RLIMIT_MEMLOCK unless the process
	 * has CAP_IPC_LOCK (being root is not enough) */
	env.memlock = dmabench_memlock_limit();
	if (!v->open_session) {
		snprintf(b->err, sizeof(b->err), "the %s back-end cannot map DMA", v->name);
		return -EOPNOTSUPP;
	}
	rc = v->open_session(group, &b->facts, &s, b->err, sizeof(b->err));
	if (rc)
		return rc;
	smaps_root = sr;
	smaps_buf = malloc(SMAPS_MAX);
	oo.seen = seen_of;
	oo.pinned = pinned_now;
	bar.tty = isatty(STDERR_FILENO);
	bar.start = mono_ns();
	oo.progress = on_progress;
	oo.progress_arg = &bar;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: the flag is checked between ioctls */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	sigemptyset(&unblock);
	sigaddset(&unblock, SIGINT);
	sigaddset(&unblock, SIGTERM);
	sigaddset(&unblock, SIGHUP);
	sigprocmask(SIG_UNBLOCK, &unblock, &prev);
	rc = dmabench_run(v, s, &b->facts, &env, &oo, &b->res);
	sigprocmask(SIG_SETMASK, &prev, NULL);
	if (bar.shown) { /* gone before anything else is printed */
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	b->ran = true;
	{
		char thp[128];

		/* why THP rows may show no huge page (e.g. off below 512 MiB) */
		if (sr_read_str(sr, "sys/kernel/mm/transparent_hugepage/enabled", thp, sizeof(thp)) == 0 &&
		    strstr(thp, "[never]") && b->res.nnotes < DMABENCH_MAX_NOTES)
			snprintf(b->res.notes[b->res.nnotes++], sizeof(b->res.notes[0]),
				 "THP is off (transparent_hugepage/enabled: never): thp rows get 4 KiB pages");
	}
	if (rc)
		snprintf(b->err, sizeof(b->err), "the benchmark stopped: %s", strerror(-rc));
	/* closing the container drops any mapping the kernel still holds */
	if (v->close_session(s) && !rc) {
		snprintf(b->err, sizeof(b->err), "VFIO_GROUP_UNSET_CONTAINER failed");
		rc = -EIO;
	}
	free(smaps_buf);
	smaps_buf = NULL;
	smaps_root = NULL;
	/* the handler stays: a signal still pending is taken as a stop, and
	 * restore runs to its end before the exit status says so */
	(void)old_int;
	(void)old_term;
	(void)old_hup;
	return rc;
}

static json_object *lat_json(const struct dmabench_lat *l)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "p50", json_object_new_int64((int64_t)l->p50));
	json_object_object_add(o, "p99", json_object_new_int64((int64_t)l->p99));
	json_object_object_add(o, "max", json_object_new_int64((int64_t)l->max));
	return o;
}

static json_object *dbl(double v)
{
	return json_object_new_double(v);
}

void bench_json(const struct bench_run *b, json_object *root)
{
	json_object *arr = json_object_new_array(), *env, *pg, *notes;

	for (size_t k = 0; k < b->res.nrows; k++) {
		const struct dmabench_row *r = &b->res.rows[k];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "size", json_object_new_int64((int64_t)r->size));
		json_object_object_add(o, "iterations", json_object_new_int64(r->iterations));
		json_object_object_add(o, "hugepages", json_object_new_boolean(r->backing != DB_SMALL));
		json_object_object_add(o, "touched", json_object_new_boolean(r->touched));
		json_object_object_add(o, "backing",
				       json_object_new_string(dmabench_backing_name(r->backing)));
		json_object_object_add(o, "many", json_object_new_boolean(r->many));
		json_object_object_add(o, "thp_bytes",
				       r->thp_bytes >= 0 ? json_object_new_int64(r->thp_bytes) : NULL);
		json_object_object_add(o, "huge_bytes",
				       r->huge_bytes >= 0 ? json_object_new_int64(r->huge_bytes) : NULL);
		json_object_object_add(o, "obtained", dmabench_obtained(r)
				       ? json_object_new_string(dmabench_obtained(r)) : NULL);
		json_object_object_add(o, "pinned_bytes",
				       r->pinned_bytes >= 0 ? json_object_new_int64(r->pinned_bytes) : NULL);
		json_object_object_add(o, "chunks", json_object_new_int(r->chunks));
		json_object_object_add(o, "map_unmap_per_s", dbl(r->map_unmap_per_s));
		json_object_object_add(o, "map_per_s", dbl(r->map_per_s));
		json_object_object_add(o, "unmap_per_s", dbl(r->unmap_per_s));
		json_object_object_add(o, "map_gib_per_s", dbl(r->map_gib_per_s));
		json_object_object_add(o, "map_ns", lat_json(&r->map));
		json_object_object_add(o, "unmap_ns", lat_json(&r->unmap));
		json_object_object_add(o, "limit", dmabench_limit_name(r->limit)
				       ? json_object_new_string(dmabench_limit_name(r->limit)) : NULL);
		json_object_object_add(o, "limit_gib_per_s", r->limit ? dbl(r->limit_gib_per_s) : NULL);
		json_object_object_add(o, "map_fraction", r->limit ? dbl(r->map_fraction) : NULL);
		json_object_object_add(o, "map_p50_fraction",
				       r->limit && r->map.p50 ? dbl(r->map_p50_fraction) : NULL);
		json_object_object_add(o, "partial", json_object_new_boolean(r->partial));
		json_object_object_add(o, "error", r->note[0] ? json_object_new_string(r->note) : NULL);
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "bench", arr);
	env = json_object_new_object();
	json_object_object_add(env, "kernel", b->kernel[0] ? json_object_new_string(b->kernel) : NULL);
	json_object_object_add(env, "backend", json_object_new_string(b->backend));
	json_object_object_add(env, "iommu_type", json_object_new_string(b->facts.iommu_type));
	json_object_object_add(env, "group", json_object_new_int(b->group));
	pg = json_object_new_array();
	for (int bit = 0; bit < 64 && b->facts.have_pgsizes; bit++)
		if (b->facts.pgsizes >> bit & 1)
			json_object_array_add(pg, json_object_new_int64((int64_t)(1ull << bit)));
	json_object_object_add(env, "pgsizes", pg);
	json_object_object_add(env, "cpu", json_object_new_int(b->res.cpu));
	json_object_object_add(env, "cpu_model",
			       b->cpu_model[0] ? json_object_new_string(b->cpu_model) : NULL);
	json_object_object_add(env, "zero_gib_per_s",
			       b->res.zero_gib_per_s > 0 ? dbl(b->res.zero_gib_per_s) : NULL);
	json_object_object_add(env, "chunks", json_object_new_int(DMABENCH_CHUNKS));
	json_object_object_add(root, "bench_env", env);
	notes = json_object_new_array();
	for (size_t k = 0; k < b->res.nnotes; k++)
		json_object_array_add(notes, json_object_new_string(b->res.notes[k]));
	json_object_object_add(root, "bench_notes", notes);
	json_object_object_add(root, "interrupted", json_object_new_boolean(b->res.interrupted));
	json_object_object_add(root, "mappings_left", json_object_new_boolean(b->res.leftover));
	json_object_object_add(root, "pinned_after_bytes", b->res.pinned_after >= 0
			       ? json_object_new_int64(b->res.pinned_after) : NULL);
	json_object_object_add(root, "bench_error", b->err[0] ? json_object_new_string(b->err) : NULL);
}

static void size_str(uint64_t v, char *buf, size_t len)
{
	if (v >= 1ull << 30)
		snprintf(buf, len, "%" PRIu64 "G", v >> 30);
	else if (v >= 1ull << 20)
		snprintf(buf, len, "%" PRIu64 "M", v >> 20);
	else
		snprintf(buf, len, "%" PRIu64 "K", v >> 10);
}

/* A fraction as a percentage with enough digits to be read (TCG guests
 * reach a fraction of a per cent). */
static void pct_str(double f, char *buf, size_t len)
{
	double p = f * 100;

	if (p >= 10)
		snprintf(buf, len, "%.0f%%", p);
	else if (p >= 0.1)
		snprintf(buf, len, "%.2f%%", p);
	else
		snprintf(buf, len, "%.4f%%", p);
}

void bench_print(const struct bench_run *b)
{
	bool lim[4] = { false };

	printf("DMA map/unmap benchmark (kernel %s, %s %s, group %d, CPU %d%s%s)\n",
	       b->kernel[0] ? b->kernel : "?", b->backend, b->facts.iommu_type, b->group, b->res.cpu,
	       b->cpu_model[0] ? ": " : "", b->cpu_model);
	for (size_t k = 0; k < b->res.nnotes; k++)
		printf("  note: %s\n", b->res.notes[k]);
	printf("  %-5s %-7s %-9s %8s %11s %11s %11s %9s %8s %21s %21s\n", "size", "backing", "buffer",
	       "ops", "map/s", "unmap/s", "pair/s", "map GiB/s", "of limit", "map ns p50/p99/max",
	       "unmap ns p50/p99/max");
	for (size_t k = 0; k < b->res.nrows; k++) {
		const struct dmabench_row *r = &b->res.rows[k];
		const char *got = dmabench_obtained(r);
		char sz[16], ml[32], ul[32], fr[16] = "-";

		size_str(r->size, sz, sizeof(sz));
		snprintf(ml, sizeof(ml), "%" PRIu64 "/%" PRIu64 "/%" PRIu64, r->map.p50, r->map.p99,
			 r->map.max);
		snprintf(ul, sizeof(ul), "%" PRIu64 "/%" PRIu64 "/%" PRIu64, r->unmap.p50,
			 r->unmap.p99, r->unmap.max);
		if (r->limit) {
			pct_str(r->map_fraction, fr, sizeof(fr));
			lim[r->limit] = true;
		}
		printf("  %-5s %-7s %-9s %8ld %11.0f %11.0f %11.0f %9.3f %8s %21s %21s%s\n", sz,
		       dmabench_backing_name(r->backing),
		       r->many ? "many" : r->touched ? "touched" : "untouched", r->iterations,
		       r->map_per_s, r->unmap_per_s, r->map_unmap_per_s, r->map_gib_per_s, fr, ml, ul,
		       r->partial ? " (partial)" : "");
		/* what the buffer really got, when not what was asked */
		if (got && strcmp(got, dmabench_backing_name(r->backing)))
			printf("        obtained: %s (%lld KiB of %" PRIu64 " KiB on huge pages)\n", got,
			       r->huge_bytes >> 10, r->size >> 10);
		else if (r->backing == DB_THP && r->thp_bytes >= 0)
			printf("        huge pages obtained: %lld KiB of %" PRIu64 " KiB\n",
			       r->thp_bytes >> 10, r->size >> 10);
		if (r->many && r->pinned_bytes >= 0)
			printf("        pinned with all mapped: %lld KiB\n", r->pinned_bytes >> 10);
		if (r->note[0])
			printf("        %s\n", r->note);
	}
	printf("  pair/s: touched rows, the median of up to %d chunks timed as a whole; others, "
	       "from the summed ioctl times\n", DMABENCH_CHUNKS);
	if (lim[DL_REF_4K])
		printf("  limit 4k: %.0f GiB/s (upstream, 6.16: pre-faulted 4 KiB pages, about 67 ns a page)\n",
		       DMABENCH_REF_4K_GIB);
	if (lim[DL_REF_THP])
		printf("  limit huge pages: %.0f GiB/s (upstream, 6.16: THP)\n", DMABENCH_REF_THP_GIB);
	if (lim[DL_ZEROING])
		printf("  limit untouched: %.2f GiB/s (page zeroing: memset measured in this run)\n",
		       b->res.zero_gib_per_s);
	if (b->res.interrupted)
		printf("  interrupted: the results above are partial\n");
	if (b->res.leftover)
		printf("  a mapping could not be removed; closing the container dropped it\n");
	if (b->res.pinned_after > 0)
		printf("  still pinned after the run: %lld KiB\n", b->res.pinned_after >> 10);
	if (b->err[0])
		printf("  %s\n", b->err);
}
