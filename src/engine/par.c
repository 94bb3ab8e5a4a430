// SPDX-License-Identifier: GPL-2.0-or-later
/* par.c - a loop cut into slices on a few threads (par.h). */
#define _GNU_SOURCE
#include "par.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

/* More threads than this gains nothing against the kernel's own locks. */
#define PAR_MAX 8

static size_t max_slices = PAR_MAX, min_forced;

void par_set_max(size_t max)
{
	max_slices = max ? max : PAR_MAX;
}

void par_set_min(size_t min)
{
	min_forced = min;
}

static size_t cpus(void)
{
	cpu_set_t set;
	long n;

	/* the CPUs this process may use (a container's cpuset), not the machine's */
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (size_t)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (size_t)n : 1;
}

size_t par_slices(size_t n, size_t min)
{
	size_t k = min_forced ? max_slices : cpus();

	if (k > max_slices)
		k = max_slices;
	if (min_forced)
		min = min_forced;
	if (min && n / min < k)
		k = n / min;
	return k ? k : 1;
}

struct par_job {
	par_fn fn;
	void *ctx;
	size_t k, lo, hi;
	pthread_t t;
	int started;
};

static void *par_main(void *arg)
{
	struct par_job *j = arg;

	/* A table of descriptors of its own: what it opens comes in runs of
	 * numbers that sr_defer_closes() closes together, not interleaved
	 * with the other slices'. If refused, the shared one serves. */
	(void)unshare(CLONE_FILES);
	j->fn(j->ctx, j->k, j->lo, j->hi);
	return NULL;
}

void par_run(size_t slices, size_t n, par_fn fn, void *ctx)
{
	struct par_job *jobs;

	if (slices <= 1 || n < slices) {
		fn(ctx, 0, 0, n);
		return;
	}
	if (!(jobs = calloc(slices, sizeof(*jobs)))) {
		/* out of memory for the bookkeeping: the slices one after another */
		for (size_t k = 0; k < slices; k++)
			fn(ctx, k, n * k / slices, n * (k + 1) / slices);
		return;
	}
	for (size_t k = 0; k < slices; k++)
		jobs[k] = (struct par_job){ fn, ctx, k, n * k / slices, n * (k + 1) / slices, 0, 0 };
	/* slice 0 on this thread, the others on their own */
	for (size_t k = 1; k < slices; k++)
		jobs[k].started = pthread_create(&jobs[k].t, NULL, par_main, &jobs[k]) == 0;
	fn(ctx, 0, jobs[0].lo, jobs[0].hi);
	for (size_t k = 1; k < slices; k++) {
		if (jobs[k].started)
			pthread_join(jobs[k].t, NULL);
		else
			fn(ctx, k, jobs[k].lo, jobs[k].hi);
	}
	free(jobs);
}
