// SPDX-License-Identifier: GPL-2.0-or-later
/* sysroot_build.c - synthetic sysroots for tests and benchmarks (see
 * sysroot_build.h). */
#define _GNU_SOURCE
#include "sysroot_build.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->err, sizeof(b->err), fmt, ap);
	va_end(ap);
	return -1;
}

static int full_path(struct sb *b, const char *rel, char *p, size_t len)
{
	if (snprintf(p, len, "%s/%s", b->root, rel) >= (int)len)
		return fail(b, "%s/%s: path too long", b->root, rel);
	return 0;
}

static int mkdirs_abs(struct sb *b, char *p, size_t from)
{
	for (char *s = p + from; *s; s++) {
		if (*s != '/' || s == p)
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			int e = errno;

			*s = '/';
			return fail(b, "mkdir %.1024s: %s", p, strerror(e));
		}
		*s = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		return fail(b, "mkdir %.1024s: %s", p, strerror(errno));
	return 0;
}

int sb_init(struct sb *b, const char *root)
{
	char p[1100];

	b->err[0] = '\0';
	if (snprintf(b->root, sizeof(b->root), "%s", root) >= (int)sizeof(b->root))
		return fail(b, "%s: path too long", root);
	snprintf(p, sizeof(p), "%s", root);
	if (mkdirs_abs(b, p, 0))
		return -1;
	return sb_mkdirs(b, "sys/bus/pci/devices");
}

int sb_mkdirs(struct sb *b, const char *rel)
{
	char p[4096];

	if (full_path(b, rel, p, sizeof(p)))
		return -1;
	return mkdirs_abs(b, p, strlen(b->root) + 1);
}

int sb_put(struct sb *b, const char *rel, const void *data, size_t len)
{
	char p[4096];
	int fd;

	if (full_path(b, rel, p, sizeof(p)))
		return -1;
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(b, "open %.1024s: %s", p, strerror(errno));
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return fail(b, "write %.1024s: %s", p, n < 0 ? strerror(errno) : "short write");
		}
		done += (size_t)n;
	}
	if (close(fd))
		return fail(b, "close %.1024s: %s", p, strerror(errno));
	return 0;
}

int sb_put_str(struct sb *b, const char *rel, const char *text)
{
	return sb_put(b, rel, text, strlen(text));
}

int sb_link(struct sb *b, const char *target, const char *rel)
{
	char p[4096];

	if (full_path(b, rel, p, sizeof(p)))
		return -1;
	if (symlink(target, p))
		return fail(b, "symlink %.1024s: %s", p, strerror(errno));
	return 0;
}

int sb_kernel(struct sb *b, const char *release, const char *cmdline)
{
	char line[1024];

	if (sb_mkdirs(b, "proc/sys/kernel"))
		return -1;
	if (release) {
		snprintf(line, sizeof(line), "%s\n", release);
		if (sb_put_str(b, "proc/sys/kernel/osrelease", line))
			return -1;
	}
	if (cmdline) {
		snprintf(line, sizeof(line), "%s\n", cmdline);
		if (sb_put_str(b, "proc/cmdline", line))
			return -1;
	}
	return 0;
}

/* "../" once per component of sys/devices/PATH: from the function's
 * directory up to sys/ */
static void up_to_sys(const char *path, char *up, size_t len)
{
	size_t depth = 2, o = 0;

	for (const char *c = path; *c; c++)
		depth += *c == '/';
	up[0] = '\0';
	for (size_t k = 0; k < depth && o + 3 < len; k++)
		o += (size_t)snprintf(up + o, len - o, "../");
}

int sb_add(struct sb *b, const char *path, const struct sb_func *f)
{
	char rel[2048], t[2048], up[1024];
	const char *bdf = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	snprintf(rel, sizeof(rel), "sys/devices/%s", path);
	if (sb_mkdirs(b, rel))
		return -1;
	if (f->config) {
		snprintf(rel, sizeof(rel), "sys/devices/%s/config", path);
		if (sb_put(b, rel, f->config, f->config_len))
			return -1;
	}
	up_to_sys(path, up, sizeof(up));
	if (f->driver) {
		snprintf(t, sizeof(t), "%sbus/pci/drivers/%s", up, f->driver);
		snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s", f->driver);
		if (sb_mkdirs(b, rel))
			return -1;
		snprintf(rel, sizeof(rel), "sys/devices/%s/driver", path);
		if (sb_link(b, t, rel))
			return -1;
	}
	if (f->group >= 0) {
		snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices", f->group);
		if (sb_mkdirs(b, rel))
			return -1;
		snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/type", f->group);
		snprintf(t, sizeof(t), "%s\n", f->group_type ? f->group_type : "DMA");
		if (sb_put_str(b, rel, t))
			return -1;
		if (f->group_link) {
			snprintf(t, sizeof(t), "../../../../devices/%s", path);
			snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices/%s", f->group, bdf);
			if (sb_link(b, t, rel))
				return -1;
		}
		snprintf(t, sizeof(t), "%skernel/iommu_groups/%d", up, f->group);
		snprintf(rel, sizeof(rel), "sys/devices/%s/iommu_group", path);
		if (sb_link(b, t, rel))
			return -1;
	}
	if (f->id_files) {
		const uint8_t *c = f->config;
		unsigned v = 0, d = 0, cls = 0;
		char val[16];

		if (c && f->config_len >= 12) {
			v = c[0] | c[1] << 8;
			d = c[2] | c[3] << 8;
			cls = c[9] | c[10] << 8 | (unsigned)c[11] << 16;
		}
		/* a VF's ids are the PF's vendor and the VF device id */
		if (f->physfn) {
			v = f->vf_vendor;
			d = f->vf_device;
		}
		snprintf(rel, sizeof(rel), "sys/devices/%s/vendor", path);
		snprintf(val, sizeof(val), "0x%04x\n", v);
		if (sb_put_str(b, rel, val))
			return -1;
		snprintf(rel, sizeof(rel), "sys/devices/%s/device", path);
		snprintf(val, sizeof(val), "0x%04x\n", d);
		if (sb_put_str(b, rel, val))
			return -1;
		snprintf(rel, sizeof(rel), "sys/devices/%s/class", path);
		snprintf(val, sizeof(val), "0x%06x\n", cls);
		if (sb_put_str(b, rel, val))
			return -1;
	}
	if (f->physfn) {
		snprintf(t, sizeof(t), "../%s", f->physfn);
		snprintf(rel, sizeof(rel), "sys/devices/%s/physfn", path);
		if (sb_link(b, t, rel))
			return -1;
	}
	snprintf(t, sizeof(t), "../../../devices/%s", path);
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", bdf);
	return sb_link(b, t, rel);
}

int sb_write(struct sb *b, const struct sb_func *funcs, size_t n, char (*paths)[512])
{
	char (*p)[512] = paths ? paths : malloc((n ? n : 1) * sizeof(*p));
	int rc = 0;

	if (!p)
		return fail(b, "out of memory");
	for (size_t i = 0; i < n && !rc; i++) {
		const struct sb_func *f = &funcs[i];
		const char *busdir = f->busdir;
		char rootbus[32];
		int len;

		if (f->parent >= (int)i) {
			rc = fail(b, "%s: the parent must come earlier in the list", f->bdf);
			break;
		}
		if (!busdir && f->parent < 0) {
			/* "DDDD:BB:DD.F" -> "pciDDDD:BB" */
			const char *colon = strrchr(f->bdf, ':');

			len = colon ? (int)(colon - f->bdf) : 0;
			snprintf(rootbus, sizeof(rootbus), "pci%.*s", len, f->bdf);
			busdir = rootbus;
		}
		len = snprintf(p[i], sizeof(p[i]), "%s%s%s%s%s", f->parent >= 0 ? p[f->parent] : "",
			       f->parent >= 0 ? "/" : "", busdir ? busdir : "", busdir ? "/" : "", f->bdf);
		if (len >= (int)sizeof(p[i]))
			rc = fail(b, "%s: path too long", f->bdf);
		else
			rc = sb_add(b, p[i], f);
	}
	if (!paths)
		free(p);
	return rc;
}

static void put16(uint8_t *c, size_t len, size_t o, unsigned v)
{
	if (o + 1 < len) {
		c[o] = v & 0xff;
		c[o + 1] = (v >> 8) & 0xff;
	}
}

void sb_config(uint8_t *c, size_t len, const struct sb_cfg *s)
{
	memset(c, 0, len);
	if (len < 64)
		return;
	put16(c, len, 0, s->vendor);
	put16(c, len, 2, s->device);
	c[9] = s->class & 0xff;
	c[10] = (s->class >> 8) & 0xff;
	c[11] = (s->class >> 16) & 0xff;
	c[0x0e] = (uint8_t)((s->bridge ? 1 : 0) | (s->multifunction ? 0x80 : 0));
	if (s->bridge) {
		c[0x18] = s->primary;
		c[0x19] = s->secondary;
		c[0x1a] = s->subordinate;
	}
	if (s->pcie_type >= 0 && len >= 0x44) {
		put16(c, len, 6, 0x10); /* PCI_STATUS_CAP_LIST */
		c[0x34] = 0x40;
		c[0x40] = 0x10; /* PCI_CAP_ID_EXP, next 0 */
		put16(c, len, 0x42, (unsigned)(2 | s->pcie_type << 4));
	}
	if (s->acs_cap && len >= 0x108) {
		put16(c, len, 0x100, 0x000d); /* PCI_EXT_CAP_ID_ACS */
		put16(c, len, 0x102, 0x0001); /* version 1, next 0 */
		put16(c, len, 0x104, s->acs_cap);
		put16(c, len, 0x106, s->acs_ctrl);
	}
}
