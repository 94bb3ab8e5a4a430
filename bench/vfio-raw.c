// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vfio-raw.c - the reference for `iommu-groups attach --bench`: the same
 * map+unmap loop with raw VFIO ioctls and no tool code, on a group given
 * by number (the caller binds its devices to vfio-pci first, e.g. with
 * `iommu-groups attach BDF --keep`). Only the whole loop is timed, so it
 * is the kernel's cost plus the least overhead a program can have.
 *
 * Buffer: pre-faulted ("touched"), 4 KiB pages (MADV_NOHUGEPAGE), mapped
 * read/write at IOVA 0 (or $VFIO_RAW_IOVA), warm-up of min(16, N/10+1)
 * pairs first, as the tool does.
 *
 * The statistic is the tool's (src/vfio/dmabench.h), computed the same
 * way: the N pairs are split into 2*CHUNKS chunks (chunk j: pairs
 * [j*N/2K, (j+1)*N/2K)), each timed as a whole; map_unmap_per_s is the
 * median of the even chunks' rates (the tool times each ioctl in the odd
 * ones; here they run bare too). loop_per_s is N over the whole loop's
 * time, for comparison. SIGINT ends the loop between two pairs.
 *
 * usage: vfio-raw GROUP [ITERATIONS [SIZE_BYTES...]]   (default 2000, 4096)
 * prints: "size=S iterations=N map_unmap_per_s=R loop_per_s=L" per size
 * build: cc -O2 -o vfio-raw bench/vfio-raw.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

enum { CHUNKS = 32 }; /* DMABENCH_CHUNKS */

static volatile sig_atomic_t stop;

static void on_int(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* n pairs of raw ioctls; pairs done (fewer on an error, said, or SIGINT). */
static long pairs(int c, void *buf, uint64_t iova, uint64_t size, long n)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uint64_t)(uintptr_t)buf,
		.iova = iova,
		.size = size,
	};
	struct vfio_iommu_type1_dma_unmap u = { .argsz = sizeof(u), .iova = iova, .size = size };
	long i;

	for (i = 0; i < n && !stop; i++) {
		if (ioctl(c, VFIO_IOMMU_MAP_DMA, &m)) {
			perror("VFIO_IOMMU_MAP_DMA");
			break;
		}
		u.size = size;
		if (ioctl(c, VFIO_IOMMU_UNMAP_DMA, &u)) {
			perror("VFIO_IOMMU_UNMAP_DMA");
			break;
		}
	}
	return i;
}

static double median(double *v, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	long n = argc > 2 ? atol(argv[2]) : 2000;
	uint64_t iova = 0;
	char path[64];
	int c, g;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: vfio-raw GROUP [ITERATIONS [SIZE_BYTES...]]\n");
		return 2;
	}
	signal(SIGINT, on_int);
	if (getenv("VFIO_RAW_IOVA"))
		iova = strtoull(getenv("VFIO_RAW_IOVA"), NULL, 0);
	c = open("/dev/vfio/vfio", O_RDWR);
	snprintf(path, sizeof(path), "/dev/vfio/%s", argv[1]);
	g = open(path, O_RDWR);
	if (c < 0 || g < 0) {
		perror("open /dev/vfio");
		return 1;
	}
	if (ioctl(g, VFIO_GROUP_GET_STATUS, &st) || !(st.flags & VFIO_GROUP_FLAGS_VIABLE) ||
	    ioctl(g, VFIO_GROUP_SET_CONTAINER, &c) ||
	    ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)) {
		perror("group setup (viable? bound to vfio-pci?)");
		return 1;
	}
	for (int a = argc > 3 ? 3 : 2; a < argc || a == 2; a++) {
		uint64_t size = a == 2 ? 4096 : strtoull(argv[a], NULL, 0);
		long warm = n / 10 + 1 < 16 ? n / 10 + 1 : 16, done = 0;
		double rates[CHUNKS];
		size_t nrates = 0;
		uint64_t start, end;
		uint8_t *buf;

		buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		madvise(buf, size, MADV_NOHUGEPAGE);
		for (uint64_t o = 0; o < size; o += 4096)
			((volatile uint8_t *)buf)[o] = 1;
		if (pairs(c, buf, iova, size, warm) != warm)
			return 1;
		start = now_ns();
		for (long j = 0; j < 2 * CHUNKS && !stop; j++) {
			long from = j * n / (2 * CHUNKS), to = (j + 1) * n / (2 * CHUNKS), k;
			uint64_t t0, t1;

			if (to <= from)
				continue;
			t0 = now_ns();
			k = pairs(c, buf, iova, size, to - from);
			t1 = now_ns();
			done += k;
			if (k != to - from && !stop)
				return 1;
			/* a chunk cut short by SIGINT still timed k pairs (as the tool) */
			if (j % 2 == 0 && k > 0 && t1 > t0)
				rates[nrates++] = (double)k * 1e9 / (double)(t1 - t0);
		}
		end = now_ns();
		printf("size=%llu iterations=%ld map_unmap_per_s=%.1f loop_per_s=%.1f%s\n",
		       (unsigned long long)size, done, median(rates, nrates),
		       end > start ? (double)done * 1e9 / (double)(end - start) : 0.0,
		       stop ? " interrupted" : "");
		munmap(buf, size);
		if (a == 2 || stop)
			break;
	}
	ioctl(g, VFIO_GROUP_UNSET_CONTAINER);
	close(g);
	close(c);
	return 0;
}
