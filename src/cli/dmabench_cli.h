/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmabench_cli.h - `attach --bench` around the measurement (dmabench.h):
 * the limits read from this system, the run on an open VFIO session with
 * SIGINT/SIGTERM/SIGHUP turned into the stop flag, and the report as a
 * text table or JSON (cli.md: the `bench` array, plus the environment).
 */
#ifndef IOMMU_GROUPS_DMABENCH_CLI_H
#define IOMMU_GROUPS_DMABENCH_CLI_H

#include <json-c/json.h>
#include <stdbool.h>

#include "dmabench.h"
#include "sysroot.h"
#include "vfio.h"

struct cli;

/* Exit status of an interrupted benchmark (128 + SIGINT, as shells do):
 * partial results printed, every mapping gone, drivers restored. */
enum { EXIT_BENCH_INTERRUPTED = 130 };

struct bench_run {
	struct dmabench_result res;
	struct vfio_facts facts; /* as the session saw them */
	int group;
	char backend[16];
	char cpu_model[128];
	char kernel[128];
	bool ran;
	char err[512]; /* why it did not run or stopped */
};

/* The options as given: 0, or -1 after a usage message. */
int bench_opts_from_cli(const struct cli *c, struct dmabench_opts *o);

/* Open a session on the attached group, run, close. The caller has
 * signals blocked; they are let through (as the stop flag) only while the
 * loop runs. 0, or -errno (b->err says why); b->res.interrupted when a
 * signal ended it. sr: the live root, for /proc/meminfo, /proc/cpuinfo and
 * /proc/self/smaps (the tool's own buffers' backing). */
int bench_run(struct bench_run *b, const struct sysroot *sr, const struct vfio_backend *v,
	      int group, const struct dmabench_opts *o);

/* Every signal that arrived during the run or since. */
bool bench_signalled(void);

/* "bench", "bench_env", "bench_notes" and "interrupted" into root. */
void bench_json(const struct bench_run *b, json_object *root);
void bench_print(const struct bench_run *b);

enum { BENCH_BAR_WIDTH = 30 };

/* The progress line for done (0..1) and the current row: "bench [###...]
 * 45% 2M thp untouched" (what is the tool's own text). */
void bench_bar_line(char *buf, size_t len, double done, const char *what);

#endif
