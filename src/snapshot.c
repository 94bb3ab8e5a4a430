// SPDX-License-Identifier: GPL-2.0-or-later
/* snapshot.c - capture a sysroot (see snapshot.h). */
#define _GNU_SOURCE
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct out {
	int dirfd;
	char *err;
	size_t errlen;
	const char *dir;
};

static int fail(struct out *o, const char *what, const char *path, int e)
{
	snprintf(o->err, o->errlen, "snapshot: cannot %s %s/%s: %s", what, o->dir, path, strerror(e));
	return -1;
}

/* mkdir -p below the output directory */
static int mkdirs(struct out *o, const char *rel)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", rel);
	for (char *p = tmp; *p; p++) {
		if (*p != '/' || p == tmp)
			continue;
		*p = '\0';
		if (mkdirat(o->dirfd, tmp, 0755) && errno != EEXIST)
			return fail(o, "create", tmp, errno);
		*p = '/';
	}
	if (mkdirat(o->dirfd, tmp, 0755) && errno != EEXIST)
		return fail(o, "create", tmp, errno);
	return 0;
}

static int parent_dirs(struct out *o, const char *rel)
{
	char tmp[4096], *slash;

	snprintf(tmp, sizeof(tmp), "%s", rel);
	slash = strrchr(tmp, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	return mkdirs(o, tmp);
}

static int write_file(struct out *o, const char *rel, const void *buf, size_t len)
{
	int fd;
	ssize_t n;

	if (parent_dirs(o, rel))
		return -1;
	fd = openat(o->dirfd, rel, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(o, "write", rel, errno);
	n = write(fd, buf, len);
	if (n < 0 || (size_t)n != len) {
		int e = n < 0 ? errno : EIO;

		close(fd);
		return fail(o, "write", rel, e);
	}
	if (close(fd))
		return fail(o, "write", rel, errno);
	return 0;
}

/* Copy a small file if it exists (absent is fine). */
static int copy_file(const struct sysroot *sr, struct out *o, const char *rel, size_t max,
		     bool *short_read)
{
	char buf[4096];
	off_t size = 0;
	ssize_t n = sr_read(sr, rel, buf, max < sizeof(buf) ? max : sizeof(buf), &size);

	if (n < 0)
		return 0;
	if (short_read)
		*short_read = size > n;
	return write_file(o, rel, buf, (size_t)n);
}

/* Resolve "." and ".." lexically: the link's directory must be a real
 * directory (not reached through another link) for this to be right. */
static bool normalize(char *path, char *out, size_t len)
{
	char *parts[512];
	int np = 0;
	size_t l = 0;

	for (char *s = strtok(path, "/"); s && np < 512; s = strtok(NULL, "/")) {
		if (!strcmp(s, ".."))
			np = np > 0 ? np - 1 : 0;
		else if (strcmp(s, "."))
			parts[np++] = s;
	}
	out[0] = '\0';
	for (int i = 0; i < np; i++) {
		int n = snprintf(out + l, len - l, "%s%s", i ? "/" : "", parts[i]);

		if (n < 0 || (size_t)n >= len - l)
			return false;
		l += (size_t)n;
	}
	return np > 0;
}

/* Recreate a link as it reads; optionally create its target directory
 * (resolved against the link's own directory) so that it resolves. */
static int copy_link(const struct sysroot *sr, struct out *o, const char *rel, bool make_target)
{
	char target[4096];
	ssize_t n = sr_readlink(sr, rel, target, sizeof(target));

	if (n < 0)
		return 0;
	if (parent_dirs(o, rel))
		return -1;
	if (symlinkat(target, o->dirfd, rel) && errno != EEXIST)
		return fail(o, "link", rel, errno);
	if (make_target) {
		char dir[4096], full[8192], norm[4096];

		snprintf(dir, sizeof(dir), "%s", rel);
		*strrchr(dir, '/') = '\0';
		snprintf(full, sizeof(full), "%s/%s", dir, target);
		if (normalize(full, norm, sizeof(norm)) && mkdirs(o, norm))
			return -1;
	}
	return 0;
}

static int copy_dir_links(const struct sysroot *sr, struct out *o, const char *rel, bool targets)
{
	DIR *d = sr_opendir(sr, rel);
	struct dirent *de;
	char path[4096];
	int rc = 0;

	if (!d)
		return 0;
	while (!rc && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", rel, de->d_name);
		rc = copy_link(sr, o, path, targets);
	}
	closedir(d);
	return rc;
}

static int one_function(const struct sysroot *sr, struct out *o, const char *name,
			struct snapshot_stats *st)
{
	static const char *const attrs[] = { "vendor", "device", "subsystem_vendor", "subsystem_device",
					     "class", "revision", "sriov_totalvfs", "sriov_numvfs" };
	static const char *const links[] = { "driver", "iommu_group", "physfn", "iommu" };
	char rel[512], path[1024];
	bool truncated = false;
	DIR *d;
	struct dirent *de;

	char bus[512], target[4096], full[4600];

	snprintf(bus, sizeof(bus), "sys/bus/pci/devices/%s", name);
	/* the bus link, and the device directory it leads to; everything
	 * inside is addressed by that real path, where its links live */
	if (copy_link(sr, o, bus, true))
		return -1;
	if (sr_readlink(sr, bus, target, sizeof(target)) < 0)
		return 0;
	snprintf(full, sizeof(full), "sys/bus/pci/devices/%s", target);
	if (!normalize(full, rel, sizeof(rel)))
		return 0;
	snprintf(path, sizeof(path), "%s/config", rel);
	if (copy_file(sr, o, path, 4096, &truncated))
		return -1;
	st->truncated += truncated;
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rel, attrs[i]);
		if (copy_file(sr, o, path, 64, NULL))
			return -1;
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rel, links[i]);
		if (copy_link(sr, o, path, true))
			return -1;
	}
	d = sr_opendir(sr, rel);
	if (d) {
		while ((de = readdir(d)))
			if (!strncmp(de->d_name, "virtfn", 6)) {
				snprintf(path, sizeof(path), "%s/%s", rel, de->d_name);
				if (copy_link(sr, o, path, false)) {
					closedir(d);
					return -1;
				}
			}
		closedir(d);
	}
	st->functions++;
	return 0;
}

int snapshot_take(const struct sysroot *sr, const char *dir, struct snapshot_stats *st, char *err,
		  size_t errlen)
{
	struct out o = { .err = err, .errlen = errlen, .dir = dir };
	static const char *const tables[] = { "DMAR", "IVRS", "VIOT", "IORT" };
	DIR *d;
	struct dirent *de;
	int rc = -1;

	memset(st, 0, sizeof(*st));
	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "snapshot: cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	o.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o.dirfd < 0) {
		snprintf(err, errlen, "snapshot: cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	d = fdopendir(dup(o.dirfd));
	if (d) {
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				snprintf(err, errlen, "snapshot: %s is not empty", dir);
				closedir(d);
				goto out;
			}
		closedir(d);
	}
	if (copy_file(sr, &o, "proc/cmdline", 4096, NULL) ||
	    copy_file(sr, &o, "proc/version", 4096, NULL) ||
	    copy_file(sr, &o, "proc/sys/kernel/osrelease", 256, NULL))
		goto out;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char rel[128];

		snprintf(rel, sizeof(rel), "sys/firmware/acpi/tables/%s", tables[i]);
		/* presence is what matters, not the (root-only) contents */
		if (sr_exists(sr, rel) && write_file(&o, rel, "", 0))
			goto out;
	}
	if (copy_dir_links(sr, &o, "sys/class/iommu", false))
		goto out;
	d = sr_opendir(sr, "sys/bus/pci/devices");
	if (!d) {
		snprintf(err, errlen, "snapshot: cannot read %s/sys/bus/pci/devices: %s", sr->path,
			 strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (one_function(sr, &o, de->d_name, st)) {
			closedir(d);
			goto out;
		}
	}
	closedir(d);
	d = sr_opendir(sr, "sys/kernel/iommu_groups");
	if (d) {
		while ((de = readdir(d))) {
			char rel[384];

			if (de->d_name[0] == '.')
				continue;
			snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%s/type", de->d_name);
			if (copy_file(sr, &o, rel, 64, NULL))
				break;
			snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%s/devices", de->d_name);
			if (mkdirs(&o, rel) || copy_dir_links(sr, &o, rel, false))
				break;
			st->groups++;
		}
		closedir(d);
		if (de)
			goto out;
	}
	rc = 0;
out:
	close(o.dirfd);
	return rc;
}
