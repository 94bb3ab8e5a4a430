// SPDX-License-Identifier: GPL-2.0-or-later
/* tu_threads.c - see tu_threads.h. */
#include "tu_threads.h"

#include <pthread.h>

static pthread_barrier_t sync_all;

void tu_threads_sync(void)
{
	pthread_barrier_wait(&sync_all);
}

int tu_threads(int n, void *(*fn)(void *), void *arg)
{
	pthread_t t[16];
	int started = 0, rc = 0;

	if (n < 1 || n > 16 || pthread_barrier_init(&sync_all, NULL, (unsigned)n))
		return -1;
	for (; started < n; started++)
		if (pthread_create(&t[started], NULL, fn, arg)) {
			rc = -1;
			break;
		}
	/* a thread that did not start would leave the others waiting */
	for (int k = 0; rc == 0 && k < started; k++)
		pthread_join(t[k], NULL);
	if (rc == 0)
		pthread_barrier_destroy(&sync_all);
	return rc;
}
