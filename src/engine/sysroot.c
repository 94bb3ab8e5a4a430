// SPDX-License-Identifier: GPL-2.0-or-later
/* sysroot.c - rooted reads of sysfs/procfs (see sysroot.h). */
#define _GNU_SOURCE
#include "sysroot.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Kernels before 5.6 (or seccomp filters that do not know it) have no
 * openat2(); then the walk below does the same, one component at a time.
 * Atomic: the loader reads on several threads (par.h). */
static _Atomic bool no_openat2;
static bool no_nodev;

#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
/* UAPI headers before 5.12 have no mount_setattr(): then no nodev copy */
#if defined(SYS_open_tree) && defined(SYS_mount_setattr) && defined(MOUNT_ATTR_NODEV)
#define HAVE_NODEV_COPY 1
#endif

static void release(int fd);

void sr_force_manual_resolve(bool on)
{
	no_openat2 = on;
}

void sr_force_no_nodev(bool on)
{
	no_nodev = on;
}

const char *sr_strerror(int r)
{
	switch (-r) {
	case SR_EOUTSIDE:
		return "leads outside the sysroot";
	case SR_ENOTREG:
		return "not a regular file (a FIFO, socket or device)";
	case EACCES:
	case EPERM:
		return "permission denied (run as root)";
	default:
		return strerror(-r);
	}
}

/* Component-by-component resolution of rel beneath base, for kernels
 * without openat2(): every component is opened O_NOFOLLOW; a link is
 * read and spliced into the rest of the path; an absolute target, or a
 * ".." above base, is refused. The directories walked are kept open, so
 * ".." goes back to the directory actually reached, not a lexical guess.
 * fd or -errno. */
#define SR_MAX_DEPTH 256
#define SR_MAX_LINKS 40 /* MAXSYMLINKS */
static int resolve_manual(int base, const char *rel, int flags)
{
	char path[8192], comp[NAME_MAX + 1], target[4096];
	int fds[SR_MAX_DEPTH], depth = 0, links = 0, cur = base, rc;
	size_t pos = 0;

	if (rel[0] == '/')
		return -SR_EOUTSIDE;
	if (strlen(rel) >= sizeof(path))
		return -ENAMETOOLONG;
	strcpy(path, rel);
	for (;;) {
		size_t len, q;
		struct stat st;
		bool last;
		int fd;

		while (path[pos] == '/')
			pos++;
		if (!path[pos]) { /* "" or a trailing "..": the directory reached */
			rc = openat(cur, ".", flags | O_CLOEXEC);
			rc = rc < 0 ? -errno : rc;
			break;
		}
		len = strcspn(path + pos, "/");
		if (len > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(comp, path + pos, len);
		comp[len] = '\0';
		pos += len;
		for (q = pos; path[q] == '/'; q++)
			;
		last = !path[q];
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			if (depth == 0) {
				rc = -SR_EOUTSIDE;
				break;
			}
			close(fds[--depth]);
			cur = depth ? fds[depth - 1] : base;
			continue;
		}
		fd = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st)) {
			rc = -errno;
			if (fd >= 0)
				close(fd);
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = ++links > SR_MAX_LINKS ? -1 : readlinkat(fd, "", target,
									     sizeof(target) - 1);
			int e = links > SR_MAX_LINKS ? ELOOP : errno;

			close(fd);
			if (n <= 0) {
				rc = n < 0 ? -e : -ENOENT;
				break;
			}
			target[n] = '\0';
			if (target[0] == '/') {
				rc = -SR_EOUTSIDE;
				break;
			}
			/* the rest of the path now follows the link's target */
			if ((size_t)n + 1 + strlen(path + pos) >= sizeof(path)) {
				rc = -ENAMETOOLONG;
				break;
			}
			memmove(path + n + 1, path + pos, strlen(path + pos) + 1);
			memcpy(path, target, (size_t)n);
			path[n] = '/';
			pos = 0;
			continue;
		}
		if (last) {
			close(fd);
			rc = openat(cur, comp, flags | O_NOFOLLOW | O_CLOEXEC);
			rc = rc < 0 ? -errno : rc;
			break;
		}
		if (!S_ISDIR(st.st_mode) || depth == SR_MAX_DEPTH) {
			close(fd);
			rc = S_ISDIR(st.st_mode) ? -ENAMETOOLONG : -ENOTDIR;
			break;
		}
		fds[depth++] = fd;
		cur = fd;
	}
	while (depth > 0)
		close(fds[--depth]);
	return rc;
}

/* Open rel below base: links followed, never out of base (see header).
 * The live root "/" has nothing above it: plain openat() there. */
static int resolve(int base, bool live, const char *rel, int flags)
{
	int fd;

	if (live) {
		fd = openat(base, rel, flags | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	if (!no_openat2) {
		struct open_how how = {
			.flags = (uint64_t)(flags | O_CLOEXEC),
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
		};

		for (int tries = 0; tries < 4; tries++) {
			fd = (int)syscall(SYS_openat2, base, rel, &how, sizeof(how));
			if (fd >= 0)
				return fd;
			/* EAGAIN: a rename raced a ".." check; try again */
			if (errno != EAGAIN)
				break;
		}
		if (errno != ENOSYS && errno != EPERM && errno != EAGAIN)
			return -errno;
		if (errno == ENOSYS)
			no_openat2 = true;
	}
	return resolve_manual(base, rel, flags);
}

/* Open rel below sr; for a child, a path that leaves it is tried again
 * from the real root (prefix/rel). */
static int sr_resolve(const struct sysroot *sr, const char *rel, int flags)
{
	char full[8192];
	int fd = resolve(sr->dirfd, sr->live, rel, flags);
	int n;

	if (fd != -SR_EOUTSIDE || sr->rootfd < 0)
		return fd;
	n = snprintf(full, sizeof(full), "%s/%s", sr->path + sr->prefix_off, rel);
	if (n < 0 || (size_t)n >= sizeof(full))
		return -ENAMETOOLONG;
	return resolve(sr->rootfd, sr->live, full, flags);
}

#ifdef HAVE_NODEV_COPY
/* Whether the copy (fd) shows what the root (dirfd) has at its sys and
 * proc: a recursive copy leaves an unbindable mount out without a word
 * (copy_tree()) and shows the directory under it. Those are where a tree
 * with mounts in it has them (a chroot's bind mounts of /sys and /proc,
 * or "/" itself); deeper ones are not looked for (that would take the
 * host's mountinfo, which a --sysroot run does not read). */
static bool copy_matches(int dirfd, int fd)
{
	static const char *const at[] = { "sys", "proc" };

	for (size_t k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
		struct stat a, b;
		int ra = fstatat(dirfd, at[k], &a, AT_SYMLINK_NOFOLLOW);
		int rb = fstatat(fd, at[k], &b, AT_SYMLINK_NOFOLLOW);

		if ((ra == 0) != (rb == 0) || (ra == 0 && (a.st_dev != b.st_dev || a.st_ino != b.st_ino)))
			return false;
	}
	return true;
}
#endif

/* sr->dirfd replaced by the same directory in a detached copy of its
 * mounts (and those below it) with device nodes disabled: a device node
 * in a hostile sysroot (a tarball unpacked as root) then fails to open
 * (EACCES) and is never touched, not even opened. The copy is this
 * process's alone, seen by no one else, private (no mount made later
 * below the sysroot propagates into it, with flags of its own), and goes
 * with the descriptor. Needs CAP_SYS_ADMIN and Linux 5.12; else, or
 * where an unbindable mount would be left out of the copy (copy_matches),
 * sr->nodev stays false and every file is stat()ed as opened. */
static void make_nodev(struct sysroot *sr)
{
#ifdef HAVE_NODEV_COPY
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_NODEV | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC,
		.propagation = MS_PRIVATE,
	};
	int fd;

	if (no_nodev)
		return;
	fd = (int)syscall(SYS_open_tree, sr->dirfd, "",
			  OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | AT_RECURSIVE);
	if (fd < 0)
		return;
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) ||
	    !copy_matches(sr->dirfd, fd)) {
		close(fd);
		return;
	}
	close(sr->dirfd);
	sr->dirfd = fd;
	sr->nodev = true;
#else
	(void)sr;
#endif
}

int sr_open(struct sysroot *sr, const char *dir)
{
	const char *p = dir ? dir : "/";

	memset(sr, 0, sizeof(*sr));
	sr->dirfd = -1;
	sr->rootfd = -1;
	if (strlen(p) >= sizeof(sr->path))
		return -ENAMETOOLONG;
	/* The root itself is the user's choice: it may be a link. */
	sr->dirfd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (sr->dirfd < 0)
		return -errno;
	snprintf(sr->path, sizeof(sr->path), "%s", p);
	sr->live = dir == NULL;
	if (!sr->live)
		make_nodev(sr);
	return 0;
}

void sr_close(struct sysroot *sr)
{
	if (sr->dirfd >= 0)
		close(sr->dirfd);
	sr->dirfd = -1;
}

/* -SR_ENOTREG if fd is open on something else than a regular file, else
 * r: what a read that failed or found nothing (r) means, told without a
 * stat() of every file (a FIFO, a directory, on a nodev root). */
static ssize_t read_result(int fd, ssize_t r)
{
	struct stat st;

	if (r <= 0 && !fstat(fd, &st) && !S_ISREG(st.st_mode))
		return -SR_ENOTREG;
	return r;
}

/* Open failure r of rel below sr: a device node on a nodev root fails
 * with EACCES, said as the device it is (O_PATH opens no device). */
static int open_failure(const struct sysroot *sr, const char *rel, int r)
{
	struct stat st;

	if (r == -ENXIO) /* open() of a socket, or of a device without a driver */
		return -SR_ENOTREG;
	if (r == -EACCES && sr->nodev && sr_stat(sr, rel, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return -SR_ENOTREG;
	return r;
}

/* The fd of an opening (O_NONBLOCK | O_NOCTTY) if it is a regular file,
 * with *size its stat() size; else closed and -SR_ENOTREG or -errno. */
static int regular_only(int fd, off_t *size)
{
	struct stat st;

	if (fd < 0)
		return fd;
	if (fstat(fd, &st)) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -SR_ENOTREG;
	}
	if (size)
		*size = st.st_size;
	return fd;
}

/* The running kernel's own sysfs and procfs: nothing there but regular
 * files where a file is named (no FIFO, socket or device can be made in
 * them), so no fstat() to prove it when the size is not wanted. */
static bool kernel_fs(const struct sysroot *sr, const char *rel)
{
	/* a child's rel goes on from where it is below the root */
	if (sr->live && sr->rootfd >= 0)
		rel = sr->path + sr->prefix_off;
	return sr->live && (!strncmp(rel, "sys/", 4) || !strncmp(rel, "proc/", 5));
}

int sr_open_file(const struct sysroot *sr, const char *rel, off_t *size)
{
	/* Non-blocking, no controlling terminal: whatever rel turns out to
	 * be, opening it cannot hang; only a regular file is then read. */
	int fd = sr_resolve(sr, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return open_failure(sr, rel, fd);
	/* no device can be open (see kernel_fs(), make_nodev()); a FIFO or
	 * directory is told by what reading it gives (read_result()) */
	if (!size && (sr->nodev || kernel_fs(sr, rel)))
		return fd;
	return regular_only(fd, size);
}

/* Open rel below the root with no link anywhere on the way (the live
 * root: plain openat(), nothing there is outside). Without openat2():
 * -ENOSYS, the caller takes its usual way. fd or -errno. */
static int resolve_nolinks(const struct sysroot *sr, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	int fd;

	if (sr->live)
		return resolve(sr->dirfd, true, rel, flags);
	if (no_openat2)
		return -ENOSYS;
	for (int tries = 0; tries < 4; tries++) {
		fd = (int)syscall(SYS_openat2, sr->dirfd, rel, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != EAGAIN)
			break;
	}
	if (errno == ENOSYS)
		no_openat2 = true;
	return -errno;
}

int sr_open_file_nolinks(const struct sysroot *sr, const char *rel, off_t *size)
{
	int fd = resolve_nolinks(sr, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return open_failure(sr, rel, fd);
	if (sr->nodev) {
		if (size)
			*size = -1;
		return fd;
	}
	return regular_only(fd, size);
}

bool sr_plain_dir(const struct sysroot *sr, const char *rel)
{
	int fd = resolve_nolinks(sr, rel, O_PATH | O_DIRECTORY);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

ssize_t sr_readlink_plain(const struct sysroot *sr, const char *rel, char *buf, size_t len)
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

ssize_t sr_read(const struct sysroot *sr, const char *rel, void *buf, size_t len, off_t *size)
{
	off_t fsize = 0;
	int fd = sr_open_file(sr, rel, size ? &fsize : NULL);
	ssize_t n;

	if (fd < 0)
		return fd;
	/* One read, at most len bytes: sysfs attributes come whole, and a
	 * regular file returns less than asked only at its end. pread() on
	 * a nodev root: a FIFO opened there (ESPIPE) gives up nothing of
	 * what a writer put in it. */
	do
		n = sr->nodev ? pread(fd, buf, len, 0) : read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	n = read_result(fd, n < 0 ? -errno : n);
	if (n < 0) {
		close(fd);
		return n;
	}
	/* A short read is told apart by the size: a file that ended (a
	 * 256-byte config space) from one we may not read whole (non-root
	 * sysfs config shows 64 bytes of 4096). */
	if (size)
		*size = (size_t)n < len ? fsize : n;
	release(fd);
	return n;
}

ssize_t sr_pread(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n;

	do
		n = pread(fd, buf, len, off);
	while (n < 0 && errno == EINTR);
	/* ESPIPE, EISDIR: a FIFO or directory opened on a nodev root */
	return n < 0 ? read_result(fd, -errno) : n;
}

/* Closes put off by sr_defer_closes(), this thread's: the descriptors
 * are the thread's own until closed, nothing else closes or reuses them. */
#define DEFER_MAX 256
static _Thread_local struct {
	unsigned cap, n; /* cap 0: closes are made at once */
	int fd[DEFER_MAX];
} dq;

static int cmp_fd(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The pending descriptors closed, each run of consecutive numbers with
 * one close_range() (Linux 5.9): a descriptor between them that is still
 * in use (a directory held open) only splits the run. */
static void dq_flush(void)
{
	qsort(dq.fd, dq.n, sizeof(dq.fd[0]), cmp_fd);
	for (unsigned i = 0, j; i < dq.n; i = j + 1) {
		for (j = i; j + 1 < dq.n && dq.fd[j + 1] == dq.fd[j] + 1; j++)
			;
		if (j == i || syscall(SYS_close_range, (unsigned)dq.fd[i], (unsigned)dq.fd[j], 0))
			for (unsigned k = i; k <= j; k++)
				close(dq.fd[k]);
	}
	dq.n = 0;
}

void sr_defer_closes(unsigned threads)
{
	struct rlimit rl;

	if (dq.n)
		dq_flush();
	dq.cap = 0;
	/* all the threads' pending ones together at most a quarter of the
	 * descriptors the process may have, even if they share one table,
	 * so that they never make an open fail (EMFILE) */
	if (threads && getrlimit(RLIMIT_NOFILE, &rl) == 0)
		dq.cap = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur / 4 / threads >= DEFER_MAX
				 ? DEFER_MAX
				 : (unsigned)(rl.rlim_cur / 4 / threads);
}

static void release(int fd)
{
	if (dq.cap <= 1) {
		close(fd);
		return;
	}
	dq.fd[dq.n++] = fd;
	if (dq.n == dq.cap)
		dq_flush();
}

void sr_close_file(int fd)
{
	if (fd >= 0)
		release(fd);
}

/* struct linux_dirent64 (getdents64(2)); glibc has no wrapper before 2.30 */
struct sr_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int sr_listdir(const struct sysroot *sr, const char *rel,
	       int (*fn)(void *ctx, const char *name, unsigned char type), void *ctx)
{
	/* a group's directory in one call; not static: fn may list another */
	_Alignas(8) char buf[8192];
	int fd = sr_resolve(sr, rel, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
	int rc = 0;

	if (fd < 0)
		return fd;
	for (;;) {
		long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -errno : 0;
			break;
		}
		int64_t next = 0; /* the last entry's d_off: where a next call starts */

		for (long off = 0; off < n && !rc;) {
			const struct sr_dirent64 *de = (const void *)(buf + off);

			if (de->d_reclen == 0 || off + de->d_reclen > n) { /* never, but bounded */
				rc = -EIO;
				break;
			}
			off += de->d_reclen;
			next = de->d_off;
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				rc = fn(ctx, de->d_name, de->d_type);
		}
		/* The position a file system gives its end: kernfs (sysfs)
		 * INT_MAX, ext4's hashed directories INT_MAX or LLONG_MAX,
		 * btrfs the same. Not a short buffer: a pending signal also
		 * ends a getdents64() early (filldir64). */
		if (rc || next == INT_MAX || next == INT64_MAX)
			break;
	}
	release(fd);
	return rc;
}

ssize_t sr_read_all(const struct sysroot *sr, const char *rel, void *buf, size_t len)
{
	/* the checks of every other reader: beneath the root, a regular
	 * file (a FIFO in a hostile sysroot would block the open) */
	int fd = sr_open_file(sr, rel, NULL);
	size_t got = 0;

	if (fd < 0)
		return fd;
	while (got < len) {
		ssize_t n = sr->nodev ? pread(fd, (char *)buf + got, len - got, (off_t)got)
				      : read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			n = -errno;
		if (n <= 0 && got == 0)
			n = read_result(fd, n);
		if (n < 0) {
			sr_close_file(fd);
			return n;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	sr_close_file(fd);
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
	const char *slash = strrchr(rel, '/');
	int dfd = sr->dirfd;
	ssize_t n;

	if (len == 0)
		return -EINVAL;
	if (slash) {
		/* the directories up to the link, beneath the root */
		char dir[4096];

		if ((size_t)(slash - rel) >= sizeof(dir))
			return -ENAMETOOLONG;
		memcpy(dir, rel, (size_t)(slash - rel));
		dir[slash - rel] = '\0';
		dfd = sr_resolve(sr, dir, O_PATH | O_DIRECTORY);
		if (dfd < 0)
			return dfd;
		rel = slash + 1;
	}
	n = readlinkat(dfd, rel, buf, len - 1);
	n = n < 0 ? -errno : n;
	if (slash)
		close(dfd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

int sr_target_basename(const char *target, char *buf, size_t len)
{
	const char *b = strrchr(target, '/');

	b = b ? b + 1 : target;
	if (strlen(b) >= len)
		return -ENAMETOOLONG;
	memcpy(buf, b, strlen(b) + 1);
	return 0;
}

int sr_link_basename(const struct sysroot *sr, const char *rel, char *buf, size_t len)
{
	char target[4096];
	ssize_t n = sr_readlink(sr, rel, target, sizeof(target));

	return n < 0 ? (int)n : sr_target_basename(target, buf, len);
}

bool sr_exists(const struct sysroot *sr, const char *rel)
{
	int fd = sr_resolve(sr, rel, O_PATH);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int sr_stat(const struct sysroot *sr, const char *rel, struct stat *st)
{
	char full[8192];
	int fd, r = 0, n;

	/* In a child, what is asked about is a link out of it (a device's
	 * iommu_group, driver, physfn): straight from the root, not a
	 * refused try below the child first. */
	if (sr->rootfd >= 0) {
		n = snprintf(full, sizeof(full), "%s/%s", sr->path + sr->prefix_off, rel);
		if (n < 0 || (size_t)n >= sizeof(full))
			return -ENAMETOOLONG;
		fd = resolve(sr->rootfd, sr->live, full, O_PATH);
	} else {
		fd = resolve(sr->dirfd, sr->live, rel, O_PATH);
	}
	if (fd < 0)
		return fd;
	if (st && fstat(fd, st))
		r = -errno;
	close(fd);
	return r;
}

DIR *sr_opendir(const struct sysroot *sr, const char *rel)
{
	int fd = sr_resolve(sr, rel, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
	DIR *d;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

static int sub_at(const struct sysroot *sr, const char *rel, struct sysroot *child, bool plain)
{
	int n;

	memset(child, 0, sizeof(*child));
	child->rootfd = -1;
	child->dirfd = plain ? resolve_nolinks(sr, rel, O_PATH | O_DIRECTORY)
			     : sr_resolve(sr, rel, O_PATH | O_DIRECTORY);
	if (child->dirfd < 0) {
		int r = child->dirfd;

		child->dirfd = -1;
		return r;
	}
	n = snprintf(child->path, sizeof(child->path), "%s%s%s", sr->path,
		     sr->path[strlen(sr->path) - 1] == '/' ? "" : "/", rel);
	if (n < 0 || (size_t)n >= sizeof(child->path)) {
		close(child->dirfd);
		child->dirfd = -1;
		return -ENAMETOOLONG;
	}
	if (sr->rootfd >= 0) { /* a child of a child: the same root */
		child->rootfd = sr->rootfd;
		child->prefix_off = sr->prefix_off;
	} else {
		child->rootfd = sr->dirfd;
		child->prefix_off = strlen(sr->path) + (sr->path[strlen(sr->path) - 1] == '/' ? 0 : 1);
	}
	child->live = sr->live;
	child->nodev = sr->nodev;
	return 0;
}

int sr_sub(const struct sysroot *sr, const char *rel, struct sysroot *child)
{
	return sub_at(sr, rel, child, false);
}

int sr_sub_plain(const struct sysroot *sr, const char *rel, struct sysroot *child)
{
	return sub_at(sr, rel, child, true);
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
