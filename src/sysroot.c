// SPDX-License-Identifier: GPL-2.0-or-later
/* sysroot.c - rooted reads of sysfs/procfs (see sysroot.h). */
#define _GNU_SOURCE
#include "sysroot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sr_open(struct sysroot *sr, const char *dir)
{
	const char *p = dir ? dir : "/";

	memset(sr, 0, sizeof(*sr));
	sr->dirfd = -1;
	if (strlen(p) >= sizeof(sr->path))
		return -ENAMETOOLONG;
	sr->dirfd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (sr->dirfd < 0)
		return -errno;
	snprintf(sr->path, sizeof(sr->path), "%s", p);
	sr->live = dir == NULL;
	return 0;
}

void sr_close(struct sysroot *sr)
{
	if (sr->dirfd >= 0)
		close(sr->dirfd);
	sr->dirfd = -1;
}

ssize_t sr_read(const struct sysroot *sr, const char *rel, void *buf, size_t len, off_t *size)
{
	int fd = openat(sr->dirfd, rel, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	/* One read: sysfs attributes come whole, and a regular file returns
	 * less than asked only at its end. */
	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (size) {
		struct stat st;

		/* Only a short read needs the size: it tells a file that
		 * ended (a 256-byte config space) from one we may not read
		 * whole (non-root sysfs config shows 64 bytes of 4096). */
		if ((size_t)n < len)
			*size = fstat(fd, &st) == 0 ? st.st_size : -1;
		else
			*size = n;
	}
	close(fd);
	return n;
}

ssize_t sr_read_all(const struct sysroot *sr, const char *rel, void *buf, size_t len)
{
	int fd = openat(sr->dirfd, rel, O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd < 0)
		return -errno;
	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}

int sr_read_str(const struct sysroot *sr, const char *rel, char *buf, size_t len)
{
	ssize_t n;

	if (len == 0)
		return -EINVAL;
	n = sr_read(sr, rel, buf, len - 1, NULL);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

ssize_t sr_readlink(const struct sysroot *sr, const char *rel, char *buf, size_t len)
{
	ssize_t n;

	if (len == 0)
		return -EINVAL;
	n = readlinkat(sr->dirfd, rel, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

int sr_link_basename(const struct sysroot *sr, const char *rel, char *buf, size_t len)
{
	char target[4096];
	ssize_t n = sr_readlink(sr, rel, target, sizeof(target));
	const char *b;

	if (n < 0)
		return (int)n;
	b = strrchr(target, '/');
	b = b ? b + 1 : target;
	if (strlen(b) >= len)
		return -ENAMETOOLONG;
	memcpy(buf, b, strlen(b) + 1);
	return 0;
}

bool sr_exists(const struct sysroot *sr, const char *rel)
{
	return faccessat(sr->dirfd, rel, F_OK, 0) == 0;
}

DIR *sr_opendir(const struct sysroot *sr, const char *rel)
{
	int fd = openat(sr->dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

int sr_sub(const struct sysroot *sr, const char *rel, struct sysroot *child)
{
	int n;

	memset(child, 0, sizeof(*child));
	child->dirfd = openat(sr->dirfd, rel, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (child->dirfd < 0)
		return -errno;
	n = snprintf(child->path, sizeof(child->path), "%s%s%s", sr->path,
		     sr->path[strlen(sr->path) - 1] == '/' ? "" : "/", rel);
	if (n < 0 || (size_t)n >= sizeof(child->path)) {
		close(child->dirfd);
		child->dirfd = -1;
		return -ENAMETOOLONG;
	}
	child->live = sr->live;
	return 0;
}

int sr_abspath(const struct sysroot *sr, const char *rel, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s%s%s", sr->path,
			 sr->path[strlen(sr->path) - 1] == '/' ? "" : "/", rel);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* --- rooted writes (see sysroot.h) ------------------------------------------ */
static sr_write_log_fn write_log;
static void *write_log_ctx;
static int test_writable_fd = -1; /* the one fake root tests may write to */

void sr_set_write_log(sr_write_log_fn fn, void *ctx)
{
	write_log = fn;
	write_log_ctx = ctx;
}

int sr_open_writable_for_tests(struct sysroot *sr, const char *dir)
{
	int rc = sr_open(sr, dir);

	if (rc == 0)
		test_writable_fd = sr->dirfd;
	return rc;
}

static int sr_write_once(const struct sysroot *sr, const char *rel, const char *buf, size_t len)
{
	int fd;
	ssize_t n;

	if (!sr->live && (test_writable_fd < 0 || sr->dirfd != test_writable_fd))
		return -EPERM;
	/* relative and never climbing out of the root */
	if (rel[0] == '/' || !strncmp(rel, "../", 3) || strstr(rel, "/../"))
		return -EINVAL;
	fd = openat(sr->dirfd, rel, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (close(fd) < 0 && errno != EINTR)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int sr_write(const struct sysroot *sr, const char *rel, const char *buf, size_t len)
{
	int rc = sr_write_once(sr, rel, buf, len);

	if (write_log)
		write_log(write_log_ctx, rel, buf, len, rc);
	return rc;
}
