/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * par.h - a loop over [0, n) cut into contiguous slices that run on a few
 * threads at once. The loader spends most of its time in the kernel's path
 * walks and system calls, which run in parallel on as many CPUs as there
 * are; each slice keeps its own results (warnings, the first failure), and
 * the caller joins them slice by slice, in order, so that what comes out
 * reads as the single loop's would.
 */
#ifndef IOMMU_GROUPS_PAR_H
#define IOMMU_GROUPS_PAR_H

#include <stddef.h>

/* The body for items [lo, hi) of slice k (0 <= k < slices). */
typedef void (*par_fn)(void *ctx, size_t k, size_t lo, size_t hi);

/* How many slices n items get: one per CPU this process may run on, but
 * none smaller than min items (below that a thread costs more than it
 * saves), and at most par_set_max()'s bound. At least 1. */
size_t par_slices(size_t n, size_t min);

/* fn over [0, n) in slices (par_slices' count); returns when all are done.
 * A slice whose thread cannot be made runs on the caller's. A slice on a
 * thread of its own has its own table of descriptors (unshare(2)
 * CLONE_FILES), a copy of the caller's: what a slice opens is closed by
 * that slice, and no descriptor number passes from one slice to another
 * or back to the caller. */
void par_run(size_t slices, size_t n, par_fn fn, void *ctx);

/* Tests: the most slices par_slices() gives (1 runs everything on the
 * caller's thread); and a smallest slice to use instead of the callers',
 * which also leaves the CPU count out (par_slices gives that most, so that
 * a few items spread over several threads on any machine). 0 restores the
 * default. */
void par_set_max(size_t max);
void par_set_min(size_t min);

#endif
