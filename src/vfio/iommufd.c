// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iommufd.c - the iommufd VFIO back-end (see vfio.h): /dev/iommu and each
 * group member's device cdev (/dev/vfio/devices/vfioX, named by
 * sys/bus/pci/devices/BDF/vfio-dev/). Every member on vfio-pci is bound to
 * one iommufd (VFIO_DEVICE_BIND_IOMMUFD) and attached to one new IOAS
 * (IOMMU_IOAS_ALLOC, VFIO_DEVICE_ATTACH_IOMMUFD_PT); the usable ranges
 * come from IOMMU_IOAS_IOVA_RANGES; DMA maps with IOMMU_IOAS_MAP at a
 * fixed IOVA. Closing the device fds unbinds them; the IOAS goes with the
 * iommufd. The same methods as the container back-end, so dmabench.c runs
 * over either unchanged.
 */
#define _GNU_SOURCE
#include "vfio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devwait.h"
#include "iommufd_uapi.h"
#include "sysroot.h"

enum { MAX_DEVS = 64, MAX_RANGES_ASKED = 4096 };

struct vfio_session {
	int iommufd;
	uint32_t ioas;
	int devfd[MAX_DEVS];
	size_t ndev;
};

/* A member's cdev: "vfioX" from its vfio-dev/ directory; 0, -ENOENT when
 * it has none (not on a VFIO driver), -ENOTSUP when it has no device
 * number (a kernel without CONFIG_VFIO_DEVICE_CDEV). */
static int cdev_of(const struct sysroot *sr, const char *bdf, char *name, size_t len)
{
	char rel[160];
	struct dirent *e;
	DIR *d;
	int rc = -ENOENT;

	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%.23s/vfio-dev", bdf);
	d = sr_opendir(sr, rel);
	if (!d)
		return -ENOENT;
	for (int n = 0; n < 64 && (e = readdir(d)); n++) {
		char dev[256];

		if (strncmp(e->d_name, "vfio", 4) || strlen(e->d_name) >= len || strlen(e->d_name) > 31)
			continue;
		snprintf(name, len, "%.31s", e->d_name);
		snprintf(dev, sizeof(dev), "%s/%.31s/dev", rel, e->d_name);
		rc = sr_exists(sr, dev) ? 0 : -ENOTSUP;
		break;
	}
	closedir(d);
	return rc;
}

/* The group's members' cdev names (at most max); their count, or -errno
 * with err. */
static int group_cdevs(int group, char (*names)[32], size_t max, char *err, size_t errlen)
{
	struct sysroot live;
	char rel[96];
	struct dirent *e;
	DIR *d;
	int n = 0, rc;

	rc = sr_open(&live, NULL);
	if (rc) {
		snprintf(err, errlen, "cannot open /: %s", strerror(-rc));
		return rc;
	}
	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices", group);
	d = sr_opendir(&live, rel);
	if (!d) {
		rc = -errno;
		snprintf(err, errlen, "cannot list the members of IOMMU group %d", group);
		sr_close(&live);
		return rc;
	}
	rc = 0;
	for (int k = 0; k < 1024 && (e = readdir(d)); k++) {
		int c;

		if (e->d_name[0] == '.' || strlen(e->d_name) > 23)
			continue;
		c = cdev_of(&live, e->d_name, names[n], sizeof(names[n]));
		if (c == -ENOTSUP) {
			snprintf(err, errlen,
				 "%s has no VFIO device node: this kernel lacks the VFIO device cdev "
				 "(CONFIG_VFIO_DEVICE_CDEV); use --backend container",
				 e->d_name);
			rc = c;
			break;
		}
		if (c == 0 && (size_t)n < max)
			n++;
	}
	closedir(d);
	sr_close(&live);
	if (!rc && n == 0) {
		snprintf(err, errlen, "no member of IOMMU group %d has a VFIO device (vfio-dev/)",
			 group);
		rc = -ENODEV;
	}
	return rc ? rc : n;
}

int vfio_iommufd_available(char *err, size_t errlen)
{
	struct stat st;

	if (stat("/dev/iommu", &st) == 0 && S_ISCHR(st.st_mode))
		return 0;
	snprintf(err, errlen,
		 "--backend iommufd: no /dev/iommu: this kernel lacks iommufd (CONFIG_IOMMUFD; "
		 "if it is a module: modprobe iommufd); use --backend container");
	return -ENODEV;
}

static int iommufd_wait(int group, int timeout_ms)
{
	char names[MAX_DEVS][32], err[256], node[64];
	struct sysroot live;
	int n = group_cdevs(group, names, MAX_DEVS, err, sizeof(err)), rc = 0;
	bool have_live;

	/* no cdev at all: the probe says why */
	if (n <= 0)
		return 0;
	have_live = sr_open(&live, NULL) == 0;
	for (int k = 0; !rc && k < n; k++) {
		snprintf(node, sizeof(node), "/dev/vfio/devices/%.31s", names[k]);
		rc = devwait_node(have_live ? &live : NULL, node, "vfio-dev", timeout_ms, NULL);
	}
	if (have_live)
		sr_close(&live);
	return rc;
}

static int iommufd_close(struct vfio_session *s)
{
	int rc = 0;

	if (!s)
		return 0;
	for (size_t k = 0; k < s->ndev; k++) {
		struct ig_vfio_device_detach_iommufd_pt dt = { .argsz = sizeof(dt) };

		if (ioctl(s->devfd[k], IG_VFIO_DEVICE_DETACH_IOMMUFD_PT, &dt) && !rc &&
		    errno != EINVAL)
			rc = -errno;
		close(s->devfd[k]); /* unbinds it from the iommufd */
	}
	if (s->ioas) {
		struct ig_iommu_destroy d = { .size = sizeof(d), .id = s->ioas };

		ioctl(s->iommufd, IG_IOMMU_DESTROY, &d); /* mappings go with it */
	}
	close(s->iommufd);
	free(s);
	return rc;
}

/* IOMMU_IOAS_IOVA_RANGES: asked once for the count, then for the ranges. */
static int read_ranges(struct vfio_session *s, struct vfio_facts *f, char *err, size_t errlen)
{
	struct ig_iommu_ioas_iova_ranges r = { .size = sizeof(r), .ioas_id = s->ioas };
	struct ig_iommu_iova_range *v;

	if (ioctl(s->iommufd, IG_IOMMU_IOAS_IOVA_RANGES, &r) && errno != EMSGSIZE) {
		int rc = -errno;

		snprintf(err, errlen, "IOMMU_IOAS_IOVA_RANGES: %s", strerror(errno));
		return rc;
	}
	if (r.num_iovas > MAX_RANGES_ASKED) {
		snprintf(err, errlen, "IOMMU_IOAS_IOVA_RANGES: %u ranges", r.num_iovas);
		return -EINVAL;
	}
	v = calloc(r.num_iovas ? r.num_iovas : 1, sizeof(*v));
	if (!v) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	r.allowed_iovas = (uint64_t)(uintptr_t)v;
	if (ioctl(s->iommufd, IG_IOMMU_IOAS_IOVA_RANGES, &r)) {
		int rc = -errno;

		/* (EMSGSIZE again: the ranges changed in between) */
		snprintf(err, errlen, "IOMMU_IOAS_IOVA_RANGES: %s", strerror(errno));
		free(v);
		return rc;
	}
	f->nranges = 0;
	for (uint32_t k = 0; k < r.num_iovas && k < VFIO_MAX_RANGES; k++) {
		if (v[k].last < v[k].start)
			continue; /* not a range */
		f->ranges[f->nranges].start = v[k].start;
		f->ranges[f->nranges++].end = v[k].last;
	}
	f->have_ranges = true;
	/* the smallest page the IOAS maps at */
	if (r.out_iova_alignment && !(r.out_iova_alignment & (r.out_iova_alignment - 1))) {
		f->pgsizes = r.out_iova_alignment;
		f->have_pgsizes = true;
	}
	free(v);
	return 0;
}

static int iommufd_open(int group, struct vfio_facts *f, struct vfio_session **out, char *err,
			size_t errlen)
{
	char names[MAX_DEVS][32], node[64];
	struct ig_iommu_ioas_alloc a = { .size = sizeof(a) };
	struct vfio_session *s;
	int n, rc;

	*out = NULL;
	memset(f, 0, sizeof(*f));
	rc = vfio_iommufd_available(err, errlen);
	if (rc)
		return rc;
	n = group_cdevs(group, names, MAX_DEVS, err, errlen);
	if (n < 0)
		return n;
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	s->iommufd = open("/dev/iommu", O_RDWR | O_CLOEXEC);
	if (s->iommufd < 0) {
		rc = -errno;
		snprintf(err, errlen, "cannot open /dev/iommu: %s", strerror(errno));
		free(s);
		return rc;
	}
	snprintf(f->iommu_type, sizeof(f->iommu_type), "iommufd");
	if (ioctl(s->iommufd, IG_IOMMU_IOAS_ALLOC, &a)) {
		rc = -errno;
		snprintf(err, errlen, "IOMMU_IOAS_ALLOC: %s", strerror(errno));
		goto fail;
	}
	s->ioas = a.out_ioas_id;
	for (int k = 0; k < n; k++) {
		struct ig_vfio_device_bind_iommufd b = { .argsz = sizeof(b), .iommufd = s->iommufd };
		struct ig_vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at), .pt_id = s->ioas };
		int fd;

		snprintf(node, sizeof(node), "/dev/vfio/devices/%.31s", names[k]);
		fd = open(node, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			rc = -errno;
			snprintf(err, errlen, "cannot open %s: %s%s", node, strerror(errno),
				 errno == EBUSY ? " (another process holds the device)" : "");
			goto fail;
		}
		s->devfd[s->ndev++] = fd;
		if (ioctl(fd, IG_VFIO_DEVICE_BIND_IOMMUFD, &b)) {
			rc = -errno;
			/* the kernel checks here that the group is viable */
			snprintf(err, errlen, "VFIO_DEVICE_BIND_IOMMUFD(%s): %s%s", node,
				 strerror(errno),
				 errno == EBUSY ? " (the group is in use, or a member is on a "
						  "driver that is not DMA-managed)"
						: "");
			if (errno == EBUSY || errno == EPERM)
				rc = -EPERM;
			goto fail;
		}
		if (ioctl(fd, IG_VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at)) {
			rc = -errno;
			snprintf(err, errlen, "VFIO_DEVICE_ATTACH_IOMMUFD_PT(%s): %s", node,
				 strerror(errno));
			goto fail;
		}
	}
	rc = read_ranges(s, f, err, errlen);
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	iommufd_close(s);
	return rc;
}

static int iommufd_probe(int group, struct vfio_facts *f, char *err, size_t errlen)
{
	struct vfio_session *s;
	int rc = iommufd_open(group, f, &s, err, errlen);

	if (rc)
		return rc;
	rc = iommufd_close(s);
	if (rc)
		snprintf(err, errlen, "VFIO_DEVICE_DETACH_IOMMUFD_PT: %s", strerror(-rc));
	return rc;
}

static int iommufd_map(struct vfio_session *s, void *va, uint64_t iova, uint64_t size)
{
	struct ig_iommu_ioas_map m = {
		.size = sizeof(m),
		.flags = IG_IOMMU_IOAS_MAP_FIXED_IOVA | IG_IOMMU_IOAS_MAP_READABLE |
			 IG_IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = s->ioas,
		.user_va = (uint64_t)(uintptr_t)va,
		.length = size,
		.iova = iova,
	};

	return ioctl(s->iommufd, IG_IOMMU_IOAS_MAP, &m) ? -errno : 0;
}

static int iommufd_unmap(struct vfio_session *s, uint64_t iova, uint64_t size)
{
	struct ig_iommu_ioas_unmap u = {
		.size = sizeof(u), .ioas_id = s->ioas, .iova = iova, .length = size
	};

	return ioctl(s->iommufd, IG_IOMMU_IOAS_UNMAP, &u) ? -errno : 0;
}

static int iommufd_unmap_all(struct vfio_session *s)
{
	/* "iova 0 and length U64_MAX unmap everything" (uapi iommufd.h) */
	return iommufd_unmap(s, 0, UINT64_MAX);
}

const struct vfio_backend vfio_iommufd_backend = {
	.name = "iommufd",
	.wait_group = iommufd_wait,
	.probe = iommufd_probe,
	.open_session = iommufd_open,
	.map = iommufd_map,
	.unmap = iommufd_unmap,
	.unmap_all = iommufd_unmap_all,
	.close_session = iommufd_close,
};
