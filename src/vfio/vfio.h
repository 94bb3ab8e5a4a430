/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vfio.h - the VFIO back-ends behind one method table (after pciutils'
 * struct pci_methods): the legacy container/group interface (vfio.c) and
 * iommufd (/dev/iommu and the vfio-dev cdev, iommufd.c). A
 * back-end waits for the group's device node, attaches the group to a
 * fresh IOMMU domain, reads what the IOMMU offers, and detaches again.
 * Unit tests substitute a fake table; the real one talks to /dev/vfio.
 */
#ifndef IOMMU_GROUPS_VFIO_H
#define IOMMU_GROUPS_VFIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vfio_range {
	uint64_t start, end; /* inclusive, as the kernel reports them */
};

enum { VFIO_MAX_RANGES = 64 };

struct vfio_facts {
	int api_version;
	char iommu_type[16];  /* "type1v2" or "type1" */
	uint64_t pgsizes;     /* bitmap of IOMMU page sizes */
	bool have_pgsizes;
	struct vfio_range ranges[VFIO_MAX_RANGES];
	size_t nranges;
	bool have_ranges;
	uint32_t dma_avail;
	bool have_dma_avail;
};

/* An attached group kept open (container set, IOMMU chosen) for DMA
 * mapping: opaque, owned by the back-end. */
struct vfio_session;

struct vfio_backend {
	const char *name; /* "container", "iommufd" */
	/* Wait until the group's node exists; 0, -ETIMEDOUT, or -errno. */
	int (*wait_group)(int group, int timeout_ms);
	/* Attach the group to a new container/domain, read the facts, detach.
	 * 0, or -errno with a one-line message in err. */
	int (*probe)(int group, struct vfio_facts *f, char *err, size_t errlen);
	/* As probe, but the group stays attached until close_session: the
	 * DMA methods below work on it. 0, or -errno with err. */
	int (*open_session)(int group, struct vfio_facts *f, struct vfio_session **s, char *err,
			    size_t errlen);
	/* VFIO_IOMMU_MAP_DMA of [va, va+size) at iova, read/write. 0 or -errno. */
	int (*map)(struct vfio_session *s, void *va, uint64_t iova, uint64_t size);
	/* VFIO_IOMMU_UNMAP_DMA of exactly one earlier mapping. 0 or -errno. */
	int (*unmap)(struct vfio_session *s, uint64_t iova, uint64_t size);
	/* Every mapping at once (VFIO_DMA_UNMAP_FLAG_ALL); -EOPNOTSUPP when
	 * the kernel lacks the VFIO_UNMAP_ALL extension. */
	int (*unmap_all)(struct vfio_session *s);
	/* Unset the container, close; the group is free again. 0 or -errno. */
	int (*close_session)(struct vfio_session *s);
};

extern const struct vfio_backend vfio_container_backend;
extern const struct vfio_backend vfio_iommufd_backend;

/* Can the iommufd back-end work here (/dev/iommu)? 0, or -ENODEV with a
 * one-line message saying what the kernel lacks. Whether the VFIO device
 * cdev exists shows only once a device is on vfio-pci: open_session says. */
int vfio_iommufd_available(char *err, size_t errlen);

/*
 * Parse a VFIO_IOMMU_GET_INFO reply of len bytes (struct
 * vfio_iommu_type1_info and its capability chain): page sizes, IOVA
 * ranges, dma_avail. The chain is untrusted: offsets must increase
 * strictly, each capability must lie inside the buffer, and the walk is
 * bounded. 0, or -EINVAL with err set.
 */
int vfio_parse_iommu_info(const void *buf, size_t len, struct vfio_facts *f, char *err,
			  size_t errlen);

#endif
