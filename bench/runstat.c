// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * runstat - run a command with stdout discarded (stdin from FILE when
 * given) and print its wall time in seconds and its maximum resident set
 * in KiB: "SECONDS MAXRSS_KIB". For bench/run.sh; no shell in between.
 *
 * usage: runstat [-i FILE] CMD [ARG...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *in = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	int status, a = 1;
	pid_t pid;

	if (argc > 2 && !strcmp(argv[1], "-i")) {
		in = argv[2];
		a = 3;
	}
	if (a >= argc) {
		fprintf(stderr, "usage: runstat [-i FILE] CMD [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY);

		dup2(out, 1);
		if (in) {
			int fd = open(in, O_RDONLY);

			if (fd < 0 || dup2(fd, 0) < 0)
				_exit(127);
		}
		execvp(argv[a], argv + a);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.4f %ld\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       ru.ru_maxrss);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
