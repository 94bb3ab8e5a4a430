/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * iommufd_uapi.h - the part of the kernel's uapi that the iommufd back-end
 * uses (include/uapi/linux/iommufd.h and the cdev ioctls of
 * include/uapi/linux/vfio.h, as in Linux 6.12), for builds whose
 * linux-libc-dev predates them (Debian 12 ships 6.1's). Every struct is
 * extensible by its leading size: the kernel accepts these sizes from any
 * later release (7.x only appended fields, such as the attach's pasid).
 */
#ifndef IOMMU_GROUPS_IOMMUFD_UAPI_H
#define IOMMU_GROUPS_IOMMUFD_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define IG_IOMMUFD_TYPE (';')
enum {
	IG_IOMMUFD_CMD_DESTROY = 0x80,
	IG_IOMMUFD_CMD_IOAS_ALLOC = 0x81,
	IG_IOMMUFD_CMD_IOAS_IOVA_RANGES = 0x84,
	IG_IOMMUFD_CMD_IOAS_MAP = 0x85,
	IG_IOMMUFD_CMD_IOAS_UNMAP = 0x86,
};

struct ig_iommu_destroy {
	__u32 size;
	__u32 id;
};
#define IG_IOMMU_DESTROY _IO(IG_IOMMUFD_TYPE, IG_IOMMUFD_CMD_DESTROY)

struct ig_iommu_ioas_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_ioas_id;
};
#define IG_IOMMU_IOAS_ALLOC _IO(IG_IOMMUFD_TYPE, IG_IOMMUFD_CMD_IOAS_ALLOC)

struct ig_iommu_iova_range {
	__aligned_u64 start;
	__aligned_u64 last;
};

struct ig_iommu_ioas_iova_ranges {
	__u32 size;
	__u32 ioas_id;
	__u32 num_iovas;
	__u32 __reserved;
	__aligned_u64 allowed_iovas;
	__aligned_u64 out_iova_alignment;
};
#define IG_IOMMU_IOAS_IOVA_RANGES _IO(IG_IOMMUFD_TYPE, IG_IOMMUFD_CMD_IOAS_IOVA_RANGES)

enum {
	IG_IOMMU_IOAS_MAP_FIXED_IOVA = 1 << 0,
	IG_IOMMU_IOAS_MAP_WRITEABLE = 1 << 1,
	IG_IOMMU_IOAS_MAP_READABLE = 1 << 2,
};

struct ig_iommu_ioas_map {
	__u32 size;
	__u32 flags;
	__u32 ioas_id;
	__u32 __reserved;
	__aligned_u64 user_va;
	__aligned_u64 length;
	__aligned_u64 iova;
};
#define IG_IOMMU_IOAS_MAP _IO(IG_IOMMUFD_TYPE, IG_IOMMUFD_CMD_IOAS_MAP)

struct ig_iommu_ioas_unmap {
	__u32 size;
	__u32 ioas_id;
	__aligned_u64 iova;
	__aligned_u64 length;
};
#define IG_IOMMU_IOAS_UNMAP _IO(IG_IOMMUFD_TYPE, IG_IOMMUFD_CMD_IOAS_UNMAP)

/* vfio.h: the device cdev (/dev/vfio/devices/vfioX) */
#define IG_VFIO_TYPE (';')
#define IG_VFIO_BASE 100

struct ig_vfio_device_bind_iommufd {
	__u32 argsz;
	__u32 flags;
	__s32 iommufd;
	__u32 out_devid;
};
#define IG_VFIO_DEVICE_BIND_IOMMUFD _IO(IG_VFIO_TYPE, IG_VFIO_BASE + 18)

struct ig_vfio_device_attach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
	__u32 pt_id;
};
#define IG_VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(IG_VFIO_TYPE, IG_VFIO_BASE + 19)

struct ig_vfio_device_detach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
};
#define IG_VFIO_DEVICE_DETACH_IOMMUFD_PT _IO(IG_VFIO_TYPE, IG_VFIO_BASE + 20)

/* The kernel copies each by its size field (minimum: the 6.12 layout,
 * iommufd.h / device_cdev.c offsetofend()); a field moved by mistake
 * would be read as another, so the layouts are pinned here. */
_Static_assert(sizeof(struct ig_iommu_destroy) == 8, "iommu_destroy");
_Static_assert(sizeof(struct ig_iommu_ioas_alloc) == 12, "iommu_ioas_alloc");
_Static_assert(sizeof(struct ig_iommu_ioas_iova_ranges) == 32, "iommu_ioas_iova_ranges");
_Static_assert(sizeof(struct ig_iommu_ioas_map) == 40, "iommu_ioas_map");
_Static_assert(sizeof(struct ig_iommu_ioas_unmap) == 24, "iommu_ioas_unmap");
_Static_assert(sizeof(struct ig_vfio_device_bind_iommufd) == 16, "vfio_device_bind_iommufd");
_Static_assert(sizeof(struct ig_vfio_device_attach_iommufd_pt) == 12,
	       "vfio_device_attach_iommufd_pt");
_Static_assert(sizeof(struct ig_vfio_device_detach_iommufd_pt) == 8,
	       "vfio_device_detach_iommufd_pt");

#endif
