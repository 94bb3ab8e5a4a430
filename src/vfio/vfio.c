// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vfio.c - the container/group VFIO back-end (see vfio.h), straight from
 * the uapi in <linux/vfio.h>: /dev/vfio/vfio (API version, extensions),
 * /dev/vfio/N (status, set container), VFIO_SET_IOMMU, VFIO_IOMMU_GET_INFO
 * with argsz grow-and-retry, then VFIO_GROUP_UNSET_CONTAINER; a session
 * keeps the container set for VFIO_IOMMU_MAP_DMA/UNMAP_DMA in between.
 */
#define _GNU_SOURCE
#include "vfio.h"

#include "devwait.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CAPS = 64, MAX_INFO = 1 << 20 };

int vfio_parse_iommu_info(const void *buf, size_t len, struct vfio_facts *f, char *err,
			  size_t errlen)
{
	const struct vfio_iommu_type1_info *info = buf;
	const uint8_t *base = buf;
	uint32_t off;

	if (len < sizeof(*info)) {
		snprintf(err, errlen, "VFIO_IOMMU_GET_INFO: reply of %zu bytes is too short", len);
		return -EINVAL;
	}
	if (info->flags & VFIO_IOMMU_INFO_PGSIZES) {
		f->pgsizes = info->iova_pgsizes;
		f->have_pgsizes = true;
	}
	if (!(info->flags & VFIO_IOMMU_INFO_CAPS))
		return 0;
	off = info->cap_offset;
	for (int n = 0; off; n++) {
		struct vfio_info_cap_header h;

		/* every capability inside the buffer, after the fixed part,
		 * each further than the last: a looping chain ends here */
		if (n >= MAX_CAPS || off < sizeof(*info) || off > len || len - off < sizeof(h)) {
			snprintf(err, errlen,
				 "VFIO_IOMMU_GET_INFO: capability chain broken at offset %u", off);
			return -EINVAL;
		}
		memcpy(&h, base + off, sizeof(h));
		if (h.id == VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE) {
			struct vfio_iommu_type1_info_cap_iova_range r;
			size_t room = len - off;

			if (room < sizeof(r)) {
				snprintf(err, errlen, "VFIO_IOMMU_GET_INFO: IOVA capability truncated");
				return -EINVAL;
			}
			memcpy(&r, base + off, sizeof(r));
			if (r.nr_iovas > (room - sizeof(r)) / sizeof(struct vfio_iova_range)) {
				snprintf(err, errlen,
					 "VFIO_IOMMU_GET_INFO: %u IOVA ranges do not fit the reply",
					 r.nr_iovas);
				return -EINVAL;
			}
			f->nranges = 0;
			for (uint32_t k = 0; k < r.nr_iovas && k < VFIO_MAX_RANGES; k++) {
				struct vfio_iova_range v;

				memcpy(&v, base + off + sizeof(r) + k * sizeof(v), sizeof(v));
				f->ranges[f->nranges].start = v.start;
				f->ranges[f->nranges++].end = v.end;
			}
			f->have_ranges = true;
		} else if (h.id == VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL) {
			struct vfio_iommu_type1_info_dma_avail d;

			if (len - off < sizeof(d)) {
				snprintf(err, errlen, "VFIO_IOMMU_GET_INFO: dma_avail capability truncated");
				return -EINVAL;
			}
			memcpy(&d, base + off, sizeof(d));
			f->dma_avail = d.avail;
			f->have_dma_avail = true;
		}
		if (h.next && h.next <= off) {
			snprintf(err, errlen,
				 "VFIO_IOMMU_GET_INFO: capability chain goes backwards (%u after %u)",
				 h.next, off);
			return -EINVAL;
		}
		off = h.next;
	}
	return 0;
}

static int container_wait(int group, int timeout_ms)
{
	char path[64];
	struct sysroot live;
	int rc;

	snprintf(path, sizeof(path), "/dev/vfio/%d", group);
	/* the live root, for the udev daemon's control socket */
	if (sr_open(&live, NULL))
		return devwait_node(NULL, path, "vfio", timeout_ms, NULL);
	rc = devwait_node(&live, path, "vfio", timeout_ms, NULL);
	sr_close(&live);
	return rc;
}

/* VFIO_IOMMU_GET_INFO into a buffer grown to what the kernel asks. */
static int get_info(int container, struct vfio_facts *f, char *err, size_t errlen)
{
	size_t len = sizeof(struct vfio_iommu_type1_info);
	void *buf = NULL;
	int rc;

	for (int tries = 0; tries < 4; tries++) {
		struct vfio_iommu_type1_info *info;
		void *nb = realloc(buf, len);

		if (!nb) {
			free(buf);
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
		buf = nb;
		memset(buf, 0, len);
		info = buf;
		info->argsz = (uint32_t)len;
		if (ioctl(container, VFIO_IOMMU_GET_INFO, info)) {
			rc = -errno;
			snprintf(err, errlen, "VFIO_IOMMU_GET_INFO: %s", strerror(errno));
			free(buf);
			return rc;
		}
		if (info->argsz <= len) {
			rc = vfio_parse_iommu_info(buf, len, f, err, errlen);
			free(buf);
			return rc;
		}
		if (info->argsz > MAX_INFO) {
			snprintf(err, errlen, "VFIO_IOMMU_GET_INFO asks for %u bytes", info->argsz);
			free(buf);
			return -EINVAL;
		}
		len = info->argsz;
	}
	free(buf);
	snprintf(err, errlen, "VFIO_IOMMU_GET_INFO: argsz kept growing");
	return -EINVAL;
}

struct vfio_session {
	int container, group;
	bool unmap_all; /* VFIO_UNMAP_ALL extension */
};

static int container_open(int group, struct vfio_facts *f, struct vfio_session **out, char *err,
			  size_t errlen)
{
	char path[64];
	struct vfio_group_status st = { .argsz = sizeof(st) };
	int container, fd, rc = 0, type;

	*out = NULL;
	memset(f, 0, sizeof(*f));
	container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (container < 0) {
		rc = -errno;
		snprintf(err, errlen, "cannot open /dev/vfio/vfio: %s (is the vfio module loaded?)",
			 strerror(errno));
		return rc;
	}
	f->api_version = ioctl(container, VFIO_GET_API_VERSION);
	if (f->api_version != VFIO_API_VERSION) {
		snprintf(err, errlen, "VFIO API version %d, this program knows %d", f->api_version,
			 VFIO_API_VERSION);
		close(container);
		return -EPROTO;
	}
	if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0)
		type = VFIO_TYPE1v2_IOMMU;
	else if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) > 0)
		type = VFIO_TYPE1_IOMMU;
	else {
		snprintf(err, errlen,
			 "no VFIO type1 IOMMU driver (load vfio_iommu_type1: modprobe vfio_iommu_type1)");
		close(container);
		return -ENODEV;
	}
	snprintf(f->iommu_type, sizeof(f->iommu_type), "%s",
		 type == VFIO_TYPE1v2_IOMMU ? "type1v2" : "type1");
	snprintf(path, sizeof(path), "/dev/vfio/%d", group);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		if (errno == EBUSY)
			snprintf(err, errlen, "%s: another process holds the group", path);
		else
			snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		close(container);
		return rc;
	}
	if (ioctl(fd, VFIO_GROUP_GET_STATUS, &st)) {
		rc = -errno;
		snprintf(err, errlen, "VFIO_GROUP_GET_STATUS: %s", strerror(errno));
	} else if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		rc = -EPERM;
		snprintf(err, errlen,
			 "group %d is not viable: a member is still bound to a driver that is not "
			 "vfio-pci, pci-stub or pcieport",
			 group);
	} else if (ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container)) {
		rc = -errno;
		snprintf(err, errlen, "VFIO_GROUP_SET_CONTAINER: %s", strerror(errno));
	} else {
		if (ioctl(container, VFIO_SET_IOMMU, type)) {
			rc = -errno;
			snprintf(err, errlen, "VFIO_SET_IOMMU(%s): %s", f->iommu_type, strerror(errno));
		} else {
			rc = get_info(container, f, err, errlen);
		}
		if (!rc) {
			struct vfio_session *s = calloc(1, sizeof(*s));

			if (s) {
				s->container = container;
				s->group = fd;
				s->unmap_all = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_UNMAP_ALL) > 0;
				*out = s;
				return 0;
			}
			rc = -ENOMEM;
			snprintf(err, errlen, "out of memory");
		}
		if (ioctl(fd, VFIO_GROUP_UNSET_CONTAINER) && !rc) {
			rc = -errno;
			snprintf(err, errlen, "VFIO_GROUP_UNSET_CONTAINER: %s", strerror(errno));
		}
	}
	close(fd);
	close(container);
	return rc;
}

static int container_close(struct vfio_session *s)
{
	int rc = 0;

	if (!s)
		return 0;
	/* the kernel drops any mapping left when the container goes */
	if (ioctl(s->group, VFIO_GROUP_UNSET_CONTAINER))
		rc = -errno;
	close(s->group);
	close(s->container);
	free(s);
	return rc;
}

static int container_probe(int group, struct vfio_facts *f, char *err, size_t errlen)
{
	struct vfio_session *s;
	int rc = container_open(group, f, &s, err, errlen);

	if (rc)
		return rc;
	rc = container_close(s);
	if (rc)
		snprintf(err, errlen, "VFIO_GROUP_UNSET_CONTAINER: %s", strerror(-rc));
	return rc;
}

static int container_map(struct vfio_session *s, void *va, uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uint64_t)(uintptr_t)va,
		.iova = iova,
		.size = size,
	};

	return ioctl(s->container, VFIO_IOMMU_MAP_DMA, &m) ? -errno : 0;
}

static int container_unmap(struct vfio_session *s, uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_unmap u = { .argsz = sizeof(u), .iova = iova, .size = size };

	return ioctl(s->container, VFIO_IOMMU_UNMAP_DMA, &u) ? -errno : 0;
}

static int container_unmap_all(struct vfio_session *s)
{
	struct vfio_iommu_type1_dma_unmap u = { .argsz = sizeof(u),
						 .flags = VFIO_DMA_UNMAP_FLAG_ALL };

	if (!s->unmap_all)
		return -EOPNOTSUPP;
	return ioctl(s->container, VFIO_IOMMU_UNMAP_DMA, &u) ? -errno : 0;
}

const struct vfio_backend vfio_container_backend = {
	.name = "container",
	.wait_group = container_wait,
	.probe = container_probe,
	.open_session = container_open,
	.map = container_map,
	.unmap = container_unmap,
	.unmap_all = container_unmap_all,
	.close_session = container_close,
};
