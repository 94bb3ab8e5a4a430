/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tu_threads.h - run a function on a few threads at once, for unit tests
 * of thread-local state. Apart from testutil.h, whose `struct tm` (a test
 * model) would clash with <pthread.h>'s <time.h>.
 */
#ifndef IOMMU_GROUPS_TU_THREADS_H
#define IOMMU_GROUPS_TU_THREADS_H

/* fn(arg) on n threads (at most 16) that share this process's descriptor
 * table; returns when all have ended: 0, or -1 if one could not start. */
int tu_threads(int n, void *(*fn)(void *), void *arg);
/* On one of those threads: wait until all n have come here. */
void tu_threads_sync(void);

#endif
