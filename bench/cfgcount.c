// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench/cfgcount.c - an LD_PRELOAD counter of the PCI config space a
 * program reads on live sysfs: every read()/pread() is attributed to the
 * file its descriptor names (/proc/self/fd), and bytes read from a
 * function's "config" are summed per function. At exit one line per
 * function goes to $CFGCOUNT_OUT (default stderr):
 *     CFG BDF BYTES READS
 * On a live kernel each 4-byte word of such a read is a configuration
 * access (bench/vm-config.sh boots a guest and reports the figures per
 * virtual function, physical function and the rest). A measuring tool,
 * not part of iommu-groups: the readlink per read is the price.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAXF 4096

static struct {
	char bdf[24];
	unsigned long bytes, reads;
} fns[MAXF];
static size_t nfns;

static ssize_t (*real_read)(int, void *, size_t);
static ssize_t (*real_pread)(int, void *, size_t, off_t);

/* "…/0000:01:00.1/config" -> "0000:01:00.1"; 0 when fd is no config file. */
static int config_bdf(int fd, char *bdf, size_t len)
{
	char link[64], path[4096];
	ssize_t n;
	const char *end, *start;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	end = strrchr(path, '/');
	if (!end || strcmp(end, "/config") || end == path)
		return 0;
	start = end - 1;
	while (start > path && start[-1] != '/')
		start--;
	if ((size_t)(end - start) >= len || end - start < 7)
		return 0;
	memcpy(bdf, start, (size_t)(end - start));
	bdf[end - start] = '\0';
	return 1;
}

static void count(int fd, ssize_t n)
{
	char bdf[24];
	size_t k;

	if (n <= 0 || !config_bdf(fd, bdf, sizeof(bdf)))
		return;
	for (k = 0; k < nfns && strcmp(fns[k].bdf, bdf); k++)
		;
	if (k == nfns) {
		if (nfns == MAXF)
			return;
		strcpy(fns[nfns++].bdf, bdf);
	}
	fns[k].bytes += (unsigned long)n;
	fns[k].reads++;
}

ssize_t read(int fd, void *buf, size_t len)
{
	ssize_t n;

	if (!real_read)
		real_read = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	n = real_read(fd, buf, len);
	count(fd, n);
	return n;
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n;

	if (!real_pread)
		real_pread = (ssize_t(*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread");
	n = real_pread(fd, buf, len, off);
	count(fd, n);
	return n;
}

ssize_t pread64(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off);
}

__attribute__((destructor)) static void report(void)
{
	const char *p = getenv("CFGCOUNT_OUT");
	FILE *f = p ? fopen(p, "w") : stderr;

	if (!f)
		return;
	for (size_t k = 0; k < nfns; k++)
		fprintf(f, "CFG %s %lu %lu\n", fns[k].bdf, fns[k].bytes, fns[k].reads);
	if (f != stderr)
		fclose(f);
}
