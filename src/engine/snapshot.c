// SPDX-License-Identifier: GPL-2.0-or-later
/* snapshot.c - capture a sysroot safely, and read one back (see snapshot.h). */
#define _GNU_SOURCE
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "acpi.h"
#include "devattr.h"
#include "kver.h"

extern char **environ;

#define MAX_DEPTH 64           /* directory levels in a tree we write or unpack */
#define MAX_ENTRIES 200000     /* entries in a tarball (a big host has ~10k) */
#define MAX_BYTES (256u << 20) /* bytes in a tarball's files */

/* ---- small helpers ------------------------------------------------------ */

/* A copy of an outside string fit for a one-line message. */
static const char *printable(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; *s && i + 1 < len; s++)
		buf[i++] = (unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f ? '?' : *s;
	buf[i] = '\0';
	return buf;
}

static bool bad_component(const char *c, size_t n)
{
	return n == 0 || n > NAME_MAX || (n == 1 && c[0] == '.') || (n == 2 && !strncmp(c, "..", 2));
}

/* Split a target path into its parent directory and last component
 * (trailing slashes dropped). false for "", "/", ".", "..". */
static bool split_path(const char *path, char *parent, size_t plen, char *base, size_t blen)
{
	size_t n = strlen(path);
	char *slash;
	size_t bn;

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 0 || n >= plen)
		return false;
	memcpy(parent, path, n);
	parent[n] = '\0';
	slash = strrchr(parent, '/');
	bn = strlen(slash ? slash + 1 : parent);
	if (bad_component(slash ? slash + 1 : parent, bn) || bn >= blen)
		return false;
	memcpy(base, slash ? slash + 1 : parent, bn + 1);
	if (!slash)
		snprintf(parent, plen, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	return true;
}

/* Open directory path one component at a time without following any
 * symbolic link: a planted link anywhere on the way is refused, and
 * everything afterwards is relative to the fd returned. -1 with err. */
static int open_dir_nofollow(const char *path, const char *target, char *err, size_t errlen)
{
	char buf[PATH_MAX], shown[256];
	char *save = NULL;
	int fd;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		snprintf(err, errlen, "path too long: %s", printable(path, shown, sizeof(shown)));
		return -1;
	}
	fd = open(buf[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", buf[0] == '/' ? "/" : ".", strerror(errno));
		return -1;
	}
	for (char *c = strtok_r(buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		int next;

		if (!strcmp(c, "."))
			continue;
		next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			int e = errno;
			struct stat st;

			if (!fstatat(fd, c, &st, AT_SYMLINK_NOFOLLOW) && S_ISLNK(st.st_mode))
				snprintf(err, errlen,
					 "snapshot: %s: '%s' on the way is a symbolic link: give a path "
					 "without links (no write may follow one)",
					 printable(target, shown, sizeof(shown)), c);
			else
				snprintf(err, errlen, "snapshot: cannot open %s: %s",
					 printable(path, shown, sizeof(shown)), strerror(e));
			close(fd);
			return -1;
		}
		close(fd);
		fd = next;
	}
	return fd;
}

/* A fresh private name "PREFIX.tmp-XXXXXX" in parent: a directory (mode
 * 0700, checked to be ours after opening) or a file (O_EXCL). Existing
 * names, planted links included, are never reused. fd or -1. */
static int make_tmp(int parent, const char *prefix, bool dir, char *name, size_t len)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned counter;

	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[6];
		char sfx[7];
		int fd;
		struct stat st;

		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
			unsigned v = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL) ^ ++counter * 40503u;

			for (size_t i = 0; i < sizeof(r); i++, v = v * 1103515245u + 12345u)
				r[i] = (unsigned char)(v >> 16);
		}
		for (size_t i = 0; i < sizeof(r); i++)
			sfx[i] = alnum[r[i] % (sizeof(alnum) - 1)];
		sfx[6] = '\0';
		if (snprintf(name, len, "%.200s.tmp-%s", prefix, sfx) >= (int)len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (!dir) {
			fd = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
			if (fd >= 0 || errno != EEXIST)
				return fd;
			continue;
		}
		if (mkdirat(parent, name, 0700)) {
			if (errno == EEXIST)
				continue;
			return -1;
		}
		fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return -1;
		/* swapped between mkdir and open (a parent others may write) */
		if (fstat(fd, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
		    (st.st_mode & 077)) {
			close(fd);
			errno = EEXIST;
			return -1;
		}
		return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Remove name below dirfd, never following a link; directories are made
 * writable first (an unpacked tarball may have read-only ones). */
static int rm_tree(int at, const char *name, int depth)
{
	int fd;
	DIR *d;
	bool again = true;

	if (!unlinkat(at, name, 0) || errno == ENOENT)
		return 0;
	if (depth > MAX_DEPTH + 2)
		return -1;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	(void)fchmod(fd, 0700);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	/* passes until a pass removes nothing: unlinking while reading a
	 * directory may make readdir skip entries */
	while (again) {
		struct dirent *de;

		again = false;
		rewinddir(d);
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			    !rm_tree(dirfd(d), de->d_name, depth + 1))
				again = true;
	}
	closedir(d);
	return unlinkat(at, name, AT_REMOVEDIR);
}

/* Where a link at rel (relative to a root; every directory of rel a real
 * directory) with this target leads, as a path relative to the root in
 * out. Only the shape sysfs uses is accepted: a relative target of
 * leading ".." then plain names, not climbing above the root. Anything
 * else (absolute, "..", "." or empty components later, too deep) is false:
 * it could lead outside. */
static bool link_inside(const char *rel, const char *target, char *out, size_t len)
{
	const char *comps[MAX_DEPTH * 2];
	size_t clen[MAX_DEPTH * 2];
	int n = 0, ups = 0;
	bool names = false;
	size_t l = 0;

	if (!*target || target[0] == '/')
		return false;
	/* the link's directory */
	for (const char *p = rel, *e; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (!e)
			break; /* the last component is the link itself */
		if (n >= MAX_DEPTH || bad_component(p, (size_t)(e - p)))
			return false;
		comps[n] = p;
		clen[n++] = (size_t)(e - p);
	}
	for (const char *p = target, *e; *p; p = *e ? e + 1 : e) {
		size_t cl;

		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		cl = (size_t)(e - p);
		if (cl == 2 && !strncmp(p, "..", 2)) {
			if (names || n == 0)
				return false;
			n--;
			ups++;
			continue;
		}
		if (bad_component(p, cl) || n >= MAX_DEPTH * 2)
			return false;
		names = true;
		comps[n] = p;
		clen[n++] = cl;
	}
	(void)ups;
	if (len == 0)
		return false;
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (l + clen[i] + 2 > len)
			return false;
		if (i)
			out[l++] = '/';
		memcpy(out + l, comps[i], clen[i]);
		l += clen[i];
		out[l] = '\0';
	}
	return true;
}

/* ---- the writer: everything below one directory fd ---------------------- */

struct out {
	int dirfd;        /* the temporary tree */
	const char *dir;  /* the target as given, for messages */
	char *err;
	size_t errlen;
	size_t writes, abandon_after;
	bool abandoned;
	struct snapshot_stats *st;
	struct devattr_ctx *attrs; /* live: modules.alias, read once */
	bool empty_reset;          /* live 5.15+: no reset_method = none */
};

static int fail(struct out *o, const char *what, const char *path, int e)
{
	char a[256], b[256];

	snprintf(o->err, o->errlen, "snapshot: cannot %s %s/%s: %s", what,
		 printable(o->dir, a, sizeof(a)), printable(path, b, sizeof(b)), strerror(e));
	return -1;
}

static int count_write(struct out *o)
{
	if (o->abandon_after && ++o->writes >= o->abandon_after) {
		o->abandoned = true;
		snprintf(o->err, o->errlen, "snapshot: abandoned after %zu writes (test)", o->writes);
		return -1;
	}
	return 0;
}

/* Open the directory holding rel's last component, one real directory at
 * a time (created when create is set), never through a link. Sets *last
 * to that component. fd, or -1 with the message set. */
static int walk(struct out *o, const char *rel, bool create, const char **last)
{
	int fd = dup(o->dirfd);
	const char *p = rel;

	if (fd < 0)
		return fail(o, "open", ".", errno);
	for (int depth = 0;; depth++) {
		const char *e = strchr(p, '/');
		char comp[NAME_MAX + 1];
		int next;

		if (bad_component(p, e ? (size_t)(e - p) : strlen(p)) || depth > MAX_DEPTH) {
			close(fd);
			return fail(o, "write", rel, EINVAL);
		}
		if (!e) {
			*last = p;
			return fd;
		}
		memcpy(comp, p, (size_t)(e - p));
		comp[e - p] = '\0';
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(fd, comp, 0755) && errno != EEXIST) {
				close(fd);
				return fail(o, "create", rel, errno);
			}
			next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			int err = errno;

			close(fd);
			return fail(o, "create", rel, err);
		}
		close(fd);
		fd = next;
		p = e + 1;
	}
}

/* mkdir -p below the tree */
static int mkdirs(struct out *o, const char *rel)
{
	const char *last;
	int fd = walk(o, rel, true, &last);

	if (fd < 0)
		return -1;
	if (mkdirat(fd, last, 0755) && errno != EEXIST) {
		int e = errno;

		close(fd);
		return fail(o, "create", rel, e);
	}
	close(fd);
	return 0;
}

static int write_at(struct out *o, int dirfd, const char *name, const char *rel, const void *buf,
		    size_t len)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return errno == EEXIST ? 1 : fail(o, "write", rel, errno);
	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;

			close(fd);
			return fail(o, "write", rel, e);
		}
		done += (size_t)n;
	}
	if (close(fd))
		return fail(o, "write", rel, errno);
	return 0;
}

/* A new file; one that exists already (the same device reached twice) is
 * kept as first written, never opened again. */
static int write_file(struct out *o, const char *rel, const void *buf, size_t len)
{
	const char *last;
	int fd = walk(o, rel, true, &last), r;

	if (fd < 0)
		return -1;
	r = write_at(o, fd, last, rel, buf, len);
	close(fd);
	if (r < 0)
		return -1;
	return r == 0 ? count_write(o) : 0;
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

static void skipped(struct out *o, const char *rel, const char *target)
{
	if (o->st->links_skipped++ == 0)
		snprintf(o->st->skipped_link, sizeof(o->st->skipped_link), "%.280s -> %.280s", rel,
			 target);
}

/* Recreate a link as it reads when it stays inside the tree (else skip it,
 * counted); optionally create the directory it leads to so that it
 * resolves. The resolved path goes to resolved (if not NULL; "" when
 * skipped or absent). */
static int copy_link(const struct sysroot *sr, struct out *o, const char *rel, bool make_target,
		     char *resolved, size_t rlen)
{
	char target[4096], where[4096];
	const char *last;
	ssize_t n = sr_readlink(sr, rel, target, sizeof(target));
	int fd;

	if (resolved)
		resolved[0] = '\0';
	if (n < 0)
		return 0;
	if (!link_inside(rel, target, where, sizeof(where)) || !where[0]) {
		skipped(o, rel, target);
		return 0;
	}
	fd = walk(o, rel, true, &last);
	if (fd < 0)
		return -1;
	if (symlinkat(target, fd, last)) {
		int e = errno;

		close(fd);
		if (e != EEXIST)
			return fail(o, "link", rel, e);
	} else {
		close(fd);
		if (count_write(o))
			return -1;
	}
	if (make_target && mkdirs(o, where))
		return -1;
	if (resolved)
		snprintf(resolved, rlen, "%s", where);
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
		rc = copy_link(sr, o, path, targets, NULL, 0);
	}
	closedir(d);
	return rc;
}

/* What `list -o` reads (devattr.h): the attribute files; on the live root
 * an empty reset_method where a 5.15+ kernel hides it for having none (so
 * that absent still means "not captured"), and the candidate modules as
 * "modules" ("a,b"; none: empty; not written when modules.alias is
 * unavailable); below a sysroot its "modules" as it is. */
static int function_attrs(const struct sysroot *sr, struct out *o, const char *rel)
{
	static const char *const attrs[] = { "reset_method", "boot_vga", "numa_node",
					     "current_link_speed", "current_link_width",
					     "max_link_speed", "max_link_width", "modalias" };
	char path[4400], alias[256], names[DA_MAX_NAMES][DA_NAME_LEN], list[1024];
	int n;

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rel, attrs[i]);
		if (copy_file(sr, o, path, 256, NULL))
			return -1;
	}
	snprintf(path, sizeof(path), "%s/reset_method", rel);
	if (o->empty_reset && !sr_exists(sr, path) && write_file(o, path, "", 0))
		return -1;
	snprintf(path, sizeof(path), "%s/modules", rel);
	if (!sr->live)
		return copy_file(sr, o, path, 1024, NULL);
	snprintf(path, sizeof(path), "%s/modalias", rel);
	if (!o->attrs || sr_read_str(sr, path, alias, sizeof(alias)))
		return 0;
	snprintf(path, sizeof(path), "%s/modules", rel);
	n = devattr_modules_of(o->attrs, alias, names, DA_MAX_NAMES);
	if (n == -2) {
		snprintf(o->err, o->errlen, "snapshot: out of memory");
		return -1;
	}
	if (n < 0)
		return 0;
	list[0] = '\0';
	for (int k = 0, l = 0; k < n; k++)
		l += snprintf(list + l, sizeof(list) - (size_t)l, "%s%s", k ? "," : "", names[k]);
	strcat(list, "\n");
	return write_file(o, path, list, strlen(list));
}

/* Physical slots: each one's address (devattr.h matches them). */
static int copy_slots(const struct sysroot *sr, struct out *o)
{
	DIR *d = sr_opendir(sr, "sys/bus/pci/slots");
	struct dirent *de;
	size_t n = 0;
	int rc = 0;

	if (!d)
		return 0;
	while (!rc && n++ < DA_MAX_SLOTS && (de = readdir(d))) {
		char rel[512];

		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "sys/bus/pci/slots/%s/address", de->d_name);
		rc = copy_file(sr, o, rel, 64, NULL);
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
	char bus[512], rel[4096], path[4400];
	bool truncated = false;
	DIR *d;
	struct dirent *de;

	snprintf(bus, sizeof(bus), "sys/bus/pci/devices/%s", name);
	/* the bus link, and the device directory it leads to; everything
	 * inside is addressed by that real path, where its links live */
	if (copy_link(sr, o, bus, true, rel, sizeof(rel)))
		return -1;
	if (!rel[0])
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
		if (copy_link(sr, o, path, true, NULL, 0))
			return -1;
	}
	if (function_attrs(sr, o, rel))
		return -1;
	d = sr_opendir(sr, rel);
	if (d) {
		while ((de = readdir(d)))
			if (!strncmp(de->d_name, "virtfn", 6)) {
				snprintf(path, sizeof(path), "%s/%s", rel, de->d_name);
				if (copy_link(sr, o, path, false, NULL, 0)) {
					closedir(d);
					return -1;
				}
			}
		closedir(d);
	}
	st->functions++;
	return 0;
}

/* An ACPI table: all of it up to ACPI_TABLE_MAX, or an empty file when it
 * cannot be read (not root) or is larger (acpi.c refuses both). */
static int copy_table(const struct sysroot *sr, struct out *o, const char *rel)
{
	uint8_t *buf = malloc(ACPI_TABLE_MAX);
	ssize_t n;
	int r;

	if (!buf) {
		snprintf(o->err, o->errlen, "snapshot: out of memory");
		return -1;
	}
	n = sr_read_all(sr, rel, buf, ACPI_TABLE_MAX);
	r = write_file(o, rel, buf, n > 0 && n < ACPI_TABLE_MAX ? (size_t)n : 0);
	free(buf);
	return r;
}

static int capture_tree(const struct sysroot *sr, struct out *o, struct snapshot_stats *st);

/* On the live root: modules.alias of the running kernel (read once, for
 * every function's "modules"), and whether a missing reset_method means
 * none (5.15+). */
static int capture(const struct sysroot *sr, struct out *o, struct snapshot_stats *st)
{
	struct devattr_ctx attrs;
	char release[256] = "";
	struct kver kv;
	int rc;

	if (!sr->live)
		return capture_tree(sr, o, st);
	(void)!sr_read_str(sr, "proc/sys/kernel/osrelease", release, sizeof(release));
	devattr_init(&attrs, sr, NULL);
	attrs.release = release;
	o->attrs = &attrs;
	o->empty_reset = kver_parse(release, &kv) && kver_cmp(kv, KV(5, 15)) >= 0;
	rc = capture_tree(sr, o, st);
	if (attrs.nwarnings)
		snprintf(st->modules_warning, sizeof(st->modules_warning), "%s", attrs.warning);
	o->attrs = NULL;
	devattr_free(&attrs);
	return rc;
}

static int capture_tree(const struct sysroot *sr, struct out *o, struct snapshot_stats *st)
{
	static const char *const tables[] = { "DMAR", "IVRS", "VIOT", "IORT" };
	DIR *d;
	struct dirent *de;

	if (copy_file(sr, o, "proc/cmdline", 4096, NULL) ||
	    copy_file(sr, o, "proc/version", 4096, NULL) ||
	    copy_file(sr, o, "proc/sys/kernel/osrelease", 256, NULL))
		return -1;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char rel[128];

		snprintf(rel, sizeof(rel), "sys/firmware/acpi/tables/%s", tables[i]);
		if (!sr_exists(sr, rel))
			continue;
		/* DMAR and IVRS say which functions an IOMMU translates
		 * (acpi.h): their bytes when readable (root), bounded; else,
		 * and for the others, presence is what matters */
		if (i < 2 ? copy_table(sr, o, rel) : write_file(o, rel, "", 0))
			return -1;
	}
	if (copy_dir_links(sr, o, "sys/class/iommu", false) || copy_slots(sr, o))
		return -1;
	d = sr_opendir(sr, "sys/bus/pci/devices");
	if (!d) {
		char a[256];

		snprintf(o->err, o->errlen, "snapshot: cannot read %s/sys/bus/pci/devices: %s",
			 printable(sr->path, a, sizeof(a)), strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (one_function(sr, o, de->d_name, st)) {
			closedir(d);
			return -1;
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
			if (copy_file(sr, o, rel, 64, NULL))
				break;
			snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%s/devices", de->d_name);
			if (mkdirs(o, rel) || copy_dir_links(sr, o, rel, false))
				break;
			st->groups++;
		}
		closedir(d);
		if (de)
			return -1;
	}
	return 0;
}

static const char marker_incomplete[] = "iommu-groups snapshot 1\nincomplete\n";
static const char marker_complete[] = "iommu-groups snapshot 1\ncomplete\n";

/* Build the whole tree in a fresh PREFIX.tmp-XXXXXX below parent: the
 * marker "incomplete" first, everything, then the marker "complete"
 * (renamed over it) and a sync. The tree's fd, its name in tmpname; -1
 * with err, the tree removed (unless a test abandoned it). */
static int build_tree(const struct sysroot *sr, int parent, const char *prefix, const char *shown,
		      const struct snapshot_opts *opts, struct snapshot_stats *st, char *tmpname,
		      size_t tmplen, char *err, size_t errlen)
{
	struct out o = { .dir = shown, .err = err, .errlen = errlen, .st = st };
	int fd, mfd;

	o.abandon_after = opts ? opts->abandon_after : 0;
	o.dirfd = fd = make_tmp(parent, prefix, true, tmpname, tmplen);
	if (fd < 0) {
		char a[256];

		snprintf(err, errlen, "snapshot: cannot create a temporary directory beside %s: %s",
			 printable(shown, a, sizeof(a)), strerror(errno));
		return -1;
	}
	if (write_at(&o, fd, SNAPSHOT_MARKER, SNAPSHOT_MARKER, marker_incomplete,
		     sizeof(marker_incomplete) - 1) ||
	    capture(sr, &o, st))
		goto fail;
	if (syncfs(fd))
		goto fail_errno;
	if (write_at(&o, fd, SNAPSHOT_MARKER ".new", SNAPSHOT_MARKER, marker_complete,
		     sizeof(marker_complete) - 1))
		goto fail;
	mfd = openat(fd, SNAPSHOT_MARKER ".new", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (mfd < 0 || fsync(mfd) || close(mfd) ||
	    renameat(fd, SNAPSHOT_MARKER ".new", fd, SNAPSHOT_MARKER) || fsync(fd))
		goto fail_errno;
	return fd;
fail_errno:
	fail(&o, "finish", SNAPSHOT_MARKER, errno);
fail:
	close(fd);
	if (!o.abandoned)
		rm_tree(parent, tmpname, 0);
	return -1;
}

/* renameat2(RENAME_NOREPLACE), or where the file system lacks it, a
 * check then rename (a directory cannot replace a non-empty one, nor a
 * link). */
static int rename_noreplace(int dirfd, const char *from, const char *to)
{
	struct stat st;

	if (!renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (!fstatat(dirfd, to, &st, AT_SYMLINK_NOFOLLOW)) {
		errno = EEXIST;
		return -1;
	}
	return renameat(dirfd, from, dirfd, to);
}

int snapshot_take(const struct sysroot *sr, const char *dir, const struct snapshot_opts *opts,
		  struct snapshot_stats *st, char *err, size_t errlen)
{
	char parent[PATH_MAX], base[NAME_MAX + 1], tmpname[NAME_MAX + 1], shown[256];
	int pfd, fd = -1;
	bool replace_empty = false;
	mode_t mode, mask;
	struct stat sb;

	memset(st, 0, sizeof(*st));
	printable(dir, shown, sizeof(shown));
	if (!split_path(dir, parent, sizeof(parent), base, sizeof(base))) {
		snprintf(err, errlen, "snapshot: '%s' cannot be a snapshot directory", shown);
		return -1;
	}
	pfd = open_dir_nofollow(parent, shown, err, errlen);
	if (pfd < 0)
		return -1;
	mask = umask(0);
	umask(mask);
	mode = 0755 & ~mask;
	if (!fstatat(pfd, base, &sb, AT_SYMLINK_NOFOLLOW)) {
		int dfd;
		DIR *d;
		struct dirent *de;
		bool empty = true;

		if (S_ISLNK(sb.st_mode)) {
			snprintf(err, errlen, "snapshot: %s is a symbolic link: give a new directory "
					      "(no write may follow a link)", shown);
			goto out;
		}
		if (!S_ISDIR(sb.st_mode)) {
			snprintf(err, errlen, "snapshot: %s exists and is not a directory", shown);
			goto out;
		}
		dfd = openat(pfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0 || fstat(dfd, &sb)) {
			snprintf(err, errlen, "snapshot: cannot open %s: %s", shown, strerror(errno));
			if (dfd >= 0)
				close(dfd);
			goto out;
		}
		if (sb.st_uid != geteuid() || (sb.st_mode & (S_IWGRP | S_IWOTH))) {
			close(dfd);
			snprintf(err, errlen, "snapshot: %s exists and %s: give a new directory", shown,
				 sb.st_uid != geteuid() ? "belongs to another user"
							: "others may write to it");
			goto out;
		}
		d = fdopendir(dfd);
		if (!d) {
			close(dfd);
			snprintf(err, errlen, "snapshot: cannot read %s: %s", shown, strerror(errno));
			goto out;
		}
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = false;
		closedir(d);
		if (!empty) {
			snprintf(err, errlen, "snapshot: %s is not empty", shown);
			goto out;
		}
		replace_empty = true;
		mode = sb.st_mode & 07755;
	} else if (errno != ENOENT) {
		snprintf(err, errlen, "snapshot: cannot look at %s: %s", shown, strerror(errno));
		goto out;
	}
	fd = build_tree(sr, pfd, base, dir, opts, st, tmpname, sizeof(tmpname), err, errlen);
	if (fd < 0)
		goto out;
	/* the empty directory goes only now; if anything takes its name
	 * meanwhile, the rename fails rather than replace it */
	if (fchmod(fd, mode) || (replace_empty && unlinkat(pfd, base, AT_REMOVEDIR)) ||
	    rename_noreplace(pfd, tmpname, base)) {
		snprintf(err, errlen, "snapshot: cannot move the finished snapshot to %s: %s", shown,
			 strerror(errno));
		rm_tree(pfd, tmpname, 0);
		goto out;
	}
	(void)fsync(pfd);
	close(fd);
	close(pfd);
	return 0;
out:
	if (fd >= 0)
		close(fd);
	close(pfd);
	return -1;
}

/* ---- the system's tar --------------------------------------------------- */

typedef int (*line_fn)(const char *line, void *ctx);

/* The environment for tar: no TAR_OPTIONS or GZIP to add options, the C
 * locale for the listing we parse. */
static char **tar_env(void)
{
	static const char *const drop[] = { "TAR_OPTIONS=", "GZIP=", "TAPE=", "LC_ALL=", "LANG=",
					    "LANGUAGE=", "LC_TIME=", "POSIXLY_CORRECT=" };
	size_t n = 0, k = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = calloc(n + 2, sizeof(*env));
	if (!env)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		bool keep = true;

		for (size_t j = 0; j < sizeof(drop) / sizeof(drop[0]); j++)
			keep &= strncmp(environ[i], drop[j], strlen(drop[j])) != 0;
		if (keep)
			env[k++] = environ[i];
	}
	env[k++] = (char *)"LC_ALL=C";
	env[k] = NULL;
	return env;
}

/* Run tar with args, stdin from in (-1: unchanged), stdout to out (-1:
 * the pipe read here), stderr to the pipe, in directory cwd (-1:
 * unchanged). Each line read goes to fn (if any); a nonzero return stops
 * tar. Returns tar's exit status, or -1 with err set (tar missing, ...). */
static int run_tar(const char *const *args, int in, int out, int cwd, line_fn fn, void *ctx,
		   char *err, size_t errlen)
{
	int p[2], e[2], status, child_errno = 0;
	char **env = tar_env();
	char buf[8192];
	size_t have = 0;
	bool stop = false, overlong = false;
	pid_t pid;
	ssize_t n;

	if (!env || pipe2(p, O_CLOEXEC)) {
		free(env);
		snprintf(err, errlen, "cannot run tar: %s", strerror(errno));
		return -1;
	}
	if (pipe2(e, O_CLOEXEC)) {
		snprintf(err, errlen, "cannot run tar: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		free(env);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot run tar: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		close(e[0]);
		close(e[1]);
		free(env);
		return -1;
	}
	if (pid == 0) {
		int x;

		if ((in >= 0 && dup2(in, 0) < 0) || dup2(out >= 0 ? out : p[1], 1) < 0 ||
		    dup2(p[1], 2) < 0 || (cwd >= 0 && fchdir(cwd)))
			x = errno;
		else {
			execvpe("tar", (char *const *)args, env);
			x = errno;
		}
		(void)!write(e[1], &x, sizeof(x));
		_exit(127);
	}
	free(env);
	close(p[1]);
	close(e[1]);
	while ((n = read(p[0], buf + have, sizeof(buf) - 1 - have)) != 0) {
		char *nl, *line = buf;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		have += (size_t)n;
		buf[have] = '\0';
		while ((nl = memchr(line, '\n', have - (size_t)(line - buf)))) {
			*nl = '\0';
			if (!stop && !overlong && fn && fn(line, ctx))
				stop = true;
			overlong = false;
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1) {
			/* a line longer than any name: judged on its start */
			if (!stop && fn && fn(buf, ctx))
				stop = true;
			overlong = true;
			have = 0;
		}
		if (stop)
			kill(pid, SIGTERM);
	}
	if (have && !stop && !overlong && fn) {
		buf[have] = '\0';
		if (fn(buf, ctx))
			stop = true;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (read(e[0], &child_errno, sizeof(child_errno)) != (ssize_t)sizeof(child_errno))
		child_errno = 0;
	close(e[0]);
	if (child_errno == ENOENT) {
		snprintf(err, errlen, "the program tar is needed for .tar.gz snapshots and was not "
				      "found (install it: apt-get install tar)");
		return -1;
	}
	if (child_errno) {
		snprintf(err, errlen, "cannot run tar: %s", strerror(child_errno));
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

struct first_line {
	char text[200];
};

static int keep_first(const char *line, void *ctx)
{
	struct first_line *f = ctx;

	if (!f->text[0])
		printable(line, f->text, sizeof(f->text));
	return 0;
}

int snapshot_take_tar(const struct sysroot *sr, const char *file, const struct snapshot_opts *opts,
		      struct snapshot_stats *st, char *err, size_t errlen)
{
	static const char *const args[] = { "tar", "--create", "--gzip", "--file=-", "--numeric-owner",
					    "--owner=0", "--group=0", "--sort=name", ".", NULL };
	char parent[PATH_MAX], base[NAME_MAX + 1], tree[NAME_MAX + 1], tmpfile[NAME_MAX + 1];
	char shown[256], msg[300];
	struct first_line first = { "" };
	int pfd, tfd, ffd = -1, r;
	struct stat sb;

	memset(st, 0, sizeof(*st));
	printable(file, shown, sizeof(shown));
	if (!split_path(file, parent, sizeof(parent), base, sizeof(base))) {
		snprintf(err, errlen, "snapshot: '%s' cannot be a snapshot file", shown);
		return -1;
	}
	pfd = open_dir_nofollow(parent, shown, err, errlen);
	if (pfd < 0)
		return -1;
	if (!fstatat(pfd, base, &sb, AT_SYMLINK_NOFOLLOW) || errno != ENOENT) {
		snprintf(err, errlen, "snapshot: %s exists: give a new file name", shown);
		close(pfd);
		return -1;
	}
	tfd = build_tree(sr, pfd, base, file, opts, st, tree, sizeof(tree), err, errlen);
	if (tfd < 0) {
		close(pfd);
		return -1;
	}
	ffd = make_tmp(pfd, base, false, tmpfile, sizeof(tmpfile));
	if (ffd < 0) {
		snprintf(err, errlen, "snapshot: cannot create a temporary file beside %s: %s", shown,
			 strerror(errno));
		goto fail;
	}
	r = run_tar(args, -1, ffd, tfd, keep_first, &first, msg, sizeof(msg));
	if (r) {
		if (r > 0)
			snprintf(err, errlen, "snapshot: tar failed writing %s (status %d)%s%s", shown, r,
				 first.text[0] ? ": " : "", first.text);
		else
			snprintf(err, errlen, "snapshot: %s", msg);
		goto fail;
	}
	if (fsync(ffd) || rename_noreplace(pfd, tmpfile, base)) {
		snprintf(err, errlen, "snapshot: cannot write %s: %s", shown, strerror(errno));
		goto fail;
	}
	(void)fsync(pfd);
	close(ffd);
	close(tfd);
	rm_tree(pfd, tree, 0);
	close(pfd);
	return 0;
fail:
	if (ffd >= 0) {
		close(ffd);
		unlinkat(pfd, tmpfile, 0);
	}
	close(tfd);
	rm_tree(pfd, tree, 0);
	close(pfd);
	return -1;
}

/* ---- reading a snapshot back -------------------------------------------- */

bool snapshot_is_tarball(const char *path)
{
	size_t n = strlen(path);

	return (n > 7 && !strcmp(path + n - 7, ".tar.gz")) || (n > 4 && !strcmp(path + n - 4, ".tgz"));
}

/* Undo tar's C-style quoting ("./a\033b"); p at the opening quote. The
 * position after the closing quote, or NULL. */
static const char *unquote(const char *p, char *out, size_t len)
{
	size_t l = 0;

	if (*p++ != '"')
		return NULL;
	for (; *p && *p != '"'; p++) {
		int c = (unsigned char)*p;

		if (c == '\\') {
			static const char esc[] = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"?\?''";
			const char *m;

			p++;
			if (*p >= '0' && *p <= '7') {
				c = 0;
				for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
					c = c * 8 + (*p - '0');
				p--;
			} else if (*p && (m = strchr(esc, *p)) && (m - esc) % 2 == 0) {
				c = (unsigned char)m[1];
			} else {
				return NULL;
			}
		}
		if (c == 0 || c > 255 || l + 1 >= len)
			return NULL;
		out[l++] = (char)c;
	}
	if (*p != '"')
		return NULL;
	out[l] = '\0';
	return p + 1;
}

/* A tarball's member name as a path relative to the root ("./a/" ->
 * "a", "./" -> ""), or false when absolute, with '..', too deep. */
static bool member_path(const char *name, char *out, size_t len)
{
	size_t l = 0;
	int depth = 0;

	if (name[0] == '/')
		return false;
	if (!strcmp(name, ".") || !strcmp(name, "./"))
		name += strlen(name);
	else if (!strncmp(name, "./", 2))
		name += 2;
	for (const char *p = name, *e; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		if (!*e && e == p)
			break;
		if (bad_component(p, (size_t)(e - p)) || ++depth > MAX_DEPTH ||
		    l + (size_t)(e - p) + 2 > len)
			return false;
		if (l)
			out[l++] = '/';
		memcpy(out + l, p, (size_t)(e - p));
		l += (size_t)(e - p);
	}
	out[l] = '\0';
	return true;
}

struct listing {
	size_t entries;
	unsigned long long bytes;
	char why[400];  /* the first entry refused, and why */
	bool unparsed;  /* a line that is no listing entry (tar's own complaint) */
};

static int refuse(struct listing *ls, const char *name, const char *why)
{
	char a[200];

	snprintf(ls->why, sizeof(ls->why), "entry '%s' %s", printable(name, a, sizeof(a)), why);
	return 1;
}

/* One line of `tar --list --verbose --quoting-style=c --numeric-owner`:
 * "lrwxrwxrwx 0/0 0 2026-12-01 22:17 "./a/l" -> "../a/b"". */
static int check_member(const char *line, void *ctx)
{
	struct listing *ls = ctx;
	char name[4096], target[4096], rel[4096], where[4096];
	const char *p = line;
	unsigned long long size = 0;
	char type = line[0];

	for (int f = 0; f < 5; f++) {
		const char *start = p;

		while (*p && *p != ' ')
			p++;
		if (f == 2) {
			char *end;

			errno = 0;
			size = strtoull(start, &end, 10);
			if (end != p || errno)
				size = ULLONG_MAX;
		}
		while (*p == ' ')
			p++;
	}
	/* not an entry: tar's own complaint ("Removing leading `../'"),
	 * judged by the entry that follows, or by tar's exit status */
	if (!type || !strchr("-dlhpcbsC", type) || !*p || !(p = unquote(p, name, sizeof(name)))) {
		ls->unparsed = true;
		return 0;
	}
	if (++ls->entries > MAX_ENTRIES)
		return refuse(ls, name, "is one too many (a snapshot is far smaller)");
	if (type == 'h')
		return refuse(ls, name, "is a hard link");
	if (!strchr("-dl", type))
		return refuse(ls, name, "is neither a file, a directory nor a link");
	if (!member_path(name, rel, sizeof(rel)))
		return refuse(ls, name, "has an absolute name or '..' in it");
	if (size == ULLONG_MAX || (ls->bytes += size) > MAX_BYTES)
		return refuse(ls, name, "makes the archive too large for a snapshot");
	if (type == 'l') {
		if (strncmp(p, " -> ", 4) || !(p = unquote(p + 4, target, sizeof(target))) || *p)
			return refuse(ls, name, "cannot be read from the listing");
		if (!rel[0] || !link_inside(rel, target, where, sizeof(where)))
			return refuse(ls, name, "is a link leading outside the archive");
	} else if (*p) {
		return refuse(ls, name, "cannot be read from the listing");
	}
	return 0;
}

/* After unpacking: only directories, files and links that stay inside,
 * whatever tar did with the listing it showed. */
static int verify_tree(int dfd, const char *rel, int depth, struct listing *ls)
{
	DIR *d;
	struct dirent *de;
	int rc = 0, fd = dup(dfd);

	if (fd < 0 || depth > MAX_DEPTH || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return refuse(ls, rel, "cannot be checked");
	}
	while (!rc && (de = readdir(d))) {
		char path[4096], target[4096], where[4096];
		struct stat st;
		ssize_t n;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s%s%s", rel, *rel ? "/" : "", de->d_name) >=
		    (int)sizeof(path) || fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			rc = refuse(ls, de->d_name, "cannot be checked");
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			rc = sub < 0 ? refuse(ls, path, "cannot be checked")
				     : verify_tree(sub, path, depth + 1, ls);
			if (sub >= 0)
				close(sub);
		} else if (S_ISLNK(st.st_mode)) {
			n = readlinkat(dirfd(d), de->d_name, target, sizeof(target) - 1);
			if (n < 0)
				rc = refuse(ls, path, "cannot be checked");
			else {
				target[n] = '\0';
				if (!link_inside(path, target, where, sizeof(where)))
					rc = refuse(ls, path, "is a link leading outside the archive");
			}
		} else if (!S_ISREG(st.st_mode)) {
			rc = refuse(ls, path, "is neither a file, a directory nor a link");
		}
	}
	closedir(d);
	return rc;
}

/* The one unpacked tarball of this process: its temporary directory's
 * parent (kept open, so that removal never goes by path) and name. */
static int unpacked_parent = -1;
static char unpacked_name[NAME_MAX + 1];

void snapshot_input_cleanup(void)
{
	if (unpacked_parent < 0)
		return;
	rm_tree(unpacked_parent, unpacked_name, 0);
	close(unpacked_parent);
	unpacked_parent = -1;
}

int snapshot_input(const char *path, char *buf, size_t len, char *err, size_t errlen)
{
	static const char *const list[] = { "tar", "--list", "--verbose", "--gzip", "--file=-",
					    "--numeric-owner", "--quoting-style=c", NULL };
	static const char *const extract[] = { "tar", "--extract", "--gzip", "--file=-",
					       "--no-same-owner", "--no-same-permissions",
					       "--keep-old-files", NULL };
	static bool registered;
	const char *tmp = getenv("TMPDIR");
	char shown[256], tmpdir[PATH_MAX], msg[300];
	struct listing ls = { 0 };
	struct first_line first = { "" };
	int fd, pfd = -1, tfd = -1, r;
	struct stat st;

	printable(path, shown, sizeof(shown));
	if (!snapshot_is_tarball(path)) {
		if (snprintf(buf, len, "%s", path) >= (int)len) {
			snprintf(err, errlen, "cannot open sysroot %s: %s", shown, strerror(ENAMETOOLONG));
			return -1;
		}
		return 0;
	}
	snapshot_input_cleanup();
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(err, errlen, "cannot open sysroot %s: %s", shown, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot open sysroot %s: not a regular file", shown);
		close(fd);
		return -1;
	}
	r = run_tar(list, fd, -1, -1, check_member, &ls, msg, sizeof(msg));
	if (r < 0) {
		snprintf(err, errlen, "cannot read %s: %s", shown, msg);
		goto fail;
	}
	if (ls.why[0]) {
		snprintf(err, errlen, "refusing snapshot %s: %s", shown, ls.why);
		goto fail;
	}
	if (r || ls.unparsed || ls.entries == 0) {
		snprintf(err, errlen, "cannot read %s: not a gzip-compressed tar archive, or a damaged "
				      "one", shown);
		goto fail;
	}
	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s", tmp);
	pfd = open(tmpdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0 || (tfd = make_tmp(pfd, "iommu-groups-sysroot", true, unpacked_name,
				       sizeof(unpacked_name))) < 0) {
		snprintf(err, errlen, "cannot unpack %s: no private directory in %s: %s", shown, tmpdir,
			 strerror(errno));
		goto fail;
	}
	unpacked_parent = pfd;
	pfd = -1;
	if (!registered)
		registered = !atexit(snapshot_input_cleanup);
	if (lseek(fd, 0, SEEK_SET)) {
		snprintf(err, errlen, "cannot read %s: %s", shown, strerror(errno));
		goto fail;
	}
	r = run_tar(extract, fd, -1, tfd, keep_first, &first, msg, sizeof(msg));
	if (r) {
		if (r > 0)
			snprintf(err, errlen, "cannot unpack %s: tar failed (status %d)%s%s", shown, r,
				 first.text[0] ? ": " : "", first.text);
		else
			snprintf(err, errlen, "cannot unpack %s: %s", shown, msg);
		goto fail;
	}
	if (verify_tree(tfd, "", 0, &ls)) {
		snprintf(err, errlen, "refusing snapshot %s: %s", shown, ls.why);
		goto fail;
	}
	if (snprintf(buf, len, "%s/%s", tmpdir, unpacked_name) >= (int)len) {
		snprintf(err, errlen, "cannot unpack %s: %s", shown, strerror(ENAMETOOLONG));
		goto fail;
	}
	close(tfd);
	close(fd);
	return 0;
fail:
	if (tfd >= 0)
		close(tfd);
	if (pfd >= 0)
		close(pfd);
	close(fd);
	snapshot_input_cleanup();
	return -1;
}

int snapshot_check(const struct sysroot *sr, const char *name, char *err, size_t errlen)
{
	char buf[256], parent[PATH_MAX], base[NAME_MAX + 1], shown[256];
	ssize_t n = sr_read(sr, SNAPSHOT_MARKER, buf, sizeof(buf) - 1, NULL);
	bool temp_name = false;

	if (split_path(name, parent, sizeof(parent), base, sizeof(base))) {
		const char *t = strstr(base, ".tmp-");

		/* the name an unfinished snapshot has: DIR.tmp-XXXXXX */
		while (t && strstr(t + 1, ".tmp-"))
			t = strstr(t + 1, ".tmp-");
		temp_name = t && strlen(t) == 11;
	}
	if (n < 0 && !temp_name && !sr_exists(sr, SNAPSHOT_MARKER))
		return 0; /* no marker: a tree made otherwise, read as it is */
	if (n >= 0) {
		buf[n] = '\0';
		if (!strncmp(buf, "iommu-groups snapshot ", 22) && strstr(buf, "\ncomplete\n"))
			return 0;
	}
	snprintf(err, errlen, "incomplete snapshot: %s (its capture did not finish; take it again)",
		 printable(name, shown, sizeof(shown)));
	return -1;
}
