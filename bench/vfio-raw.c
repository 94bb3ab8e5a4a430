// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vfio-raw.c - the reference for `iommu-groups attach --bench`: the same
 * map+unmap loop with raw VFIO ioctls and no tool code, on a group given
 * by number (the caller binds its devices to vfio-pci first, e.g. with
 * `iommu-groups attach BDF --keep`). Only the whole loop is timed, so it
 * is the kernel's cost plus the least overhead a program can have.
 *
 * Buffer: pre-faulted ("touched"), 4 KiB pages (MADV_NOHUGEPAGE), mapped
 * read/write at IOVA 0 (or --iova), warm-up of min(16, N/10+1) pairs
 * first, as the tool does.
 *
 * usage: vfio-raw GROUP [ITERATIONS [SIZE_BYTES...]]   (default 2000, 4096)
 * prints: "size=S iterations=N map_unmap_per_s=R" per size
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
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int pair(int c, void *buf, uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uint64_t)(uintptr_t)buf,
		.iova = iova,
		.size = size,
	};
	struct vfio_iommu_type1_dma_unmap u = { .argsz = sizeof(u), .iova = iova, .size = size };

	if (ioctl(c, VFIO_IOMMU_MAP_DMA, &m)) {
		perror("VFIO_IOMMU_MAP_DMA");
		return -1;
	}
	if (ioctl(c, VFIO_IOMMU_UNMAP_DMA, &u)) {
		perror("VFIO_IOMMU_UNMAP_DMA");
		return -1;
	}
	return 0;
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
		long warm = n / 10 + 1 < 16 ? n / 10 + 1 : 16;
		uint8_t *buf;
		double t0, t1;

		buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		madvise(buf, size, MADV_NOHUGEPAGE);
		for (uint64_t o = 0; o < size; o += 4096)
			buf[o] = 1;
		for (long i = 0; i < warm; i++)
			if (pair(c, buf, iova, size))
				return 1;
		t0 = now();
		for (long i = 0; i < n; i++)
			if (pair(c, buf, iova, size))
				return 1;
		t1 = now();
		printf("size=%llu iterations=%ld map_unmap_per_s=%.1f\n", (unsigned long long)size, n,
		       n / (t1 - t0));
		munmap(buf, size);
		if (a == 2)
			break;
	}
	ioctl(g, VFIO_GROUP_UNSET_CONTAINER);
	close(g);
	close(c);
	return 0;
}
