/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysroot.h - the one rooted accessor for sysfs and procfs.
 *
 * Every read of the examined system goes through here, relative to a root
 * directory ("/" live, or --sysroot DIR), opened once as a directory fd.
 * Below a --sysroot, every path, and every link on it, is resolved beneath
 * the root (openat2() RESOLVE_BENEATH, or a component-by-component walk
 * on kernels without it): an absolute link or a ".." that climbs above the
 * root is refused with -EXDEV, never followed out. Files are opened
 * non-blocking and must be regular files (a FIFO, socket or device where
 * an attribute is expected is -EMEDIUMTYPE, without a hang). A --sysroot
 * is read, where the kernel allows it (root), through a private copy of
 * its mounts with device nodes disabled (nodev): no device below it can
 * be opened at all, so a file opened needs no stat() to prove it is not
 * one. Nothing else in the program opens /sys or /proc.
 */
#ifndef IOMMU_GROUPS_SYSROOT_H
#define IOMMU_GROUPS_SYSROOT_H

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct sysroot {
	int dirfd;
	char path[4096]; /* as given, "/" when live */
	bool live;       /* false with --sysroot: a dump, live-only probes off */
	/* dirfd is in a detached copy of the root's mounts made nodev
	 * (open_tree(2), mount_setattr(2)): opening a device there fails,
	 * the device untouched. Else (not root, old kernel) a stat() of each
	 * file opened refuses one before it is read. */
	bool nodev;
	/* A child (sr_sub) also keeps its root's fd (not owned) and where
	 * below that root it is, so that links leaving the child directory
	 * (iommu_group, physfn) are still resolved beneath the real root. */
	int rootfd;        /* -1 for a root */
	size_t prefix_off; /* offset in path of the child's rel */
};

/* Beyond errno: what sr_* return for input they refuse. */
#define SR_EOUTSIDE EXDEV        /* a path or link leads outside the root */
#define SR_ENOTREG EMEDIUMTYPE   /* not a regular file where one is needed */

/* A message for -errno r from an sr_* function (r < 0): strerror(), but
 * "leads outside the sysroot", "not a regular file (FIFO, socket or
 * device)", and for permission errors what to do. */
const char *sr_strerror(int r);

/* Open the root; dir NULL means the running system. 0 or -errno. */
int sr_open(struct sysroot *sr, const char *dir);
void sr_close(struct sysroot *sr);

/* Read up to len bytes of regular file rel (relative, no leading '/'), in
 * one bounded read. Returns the byte count or -errno; *size (if not NULL)
 * gets the file's size as stat() reports it, which for sysfs "config" is
 * what the kernel has. */
ssize_t sr_read(const struct sysroot *sr, const char *rel, void *buf, size_t len, off_t *size);

/* Read until end of file or len bytes, in as many reads as it takes: for
 * seq_file texts (proc/self/smaps) that come a few records per read.
 * Returns the byte count or -errno. */
ssize_t sr_read_all(const struct sysroot *sr, const char *rel, void *buf, size_t len);

/* Read a one-line text attribute, trailing newline removed. 0 or -errno. */
int sr_read_str(const struct sysroot *sr, const char *rel, char *buf, size_t len);

/* readlink() of the link rel itself (its directory resolved beneath the
 * root); the raw target, NUL-terminated. Returns length or -errno. */
ssize_t sr_readlink(const struct sysroot *sr, const char *rel, char *buf, size_t len);

/* The last path component of a link's target (e.g. a driver's name). */
int sr_link_basename(const struct sysroot *sr, const char *rel, char *buf, size_t len);
/* The same of a target already read: 0, or -ENAMETOOLONG past len. */
int sr_target_basename(const char *target, char *buf, size_t len);

bool sr_exists(const struct sysroot *sr, const char *rel);

/* stat() of what rel leads to, links followed beneath the root (so two
 * paths can be checked to name one object); st NULL: only whether it
 * resolves. 0 or -errno. */
int sr_stat(const struct sysroot *sr, const char *rel, struct stat *st);

/* A regular file rel opened for reading in pieces (sr_pread), with the
 * checks of sr_read(): beneath the root, non-blocking, a FIFO, socket or
 * device refused (-SR_ENOTREG). *size gets its stat() size. fd or -errno;
 * sr_close_file() it. For config space, read only as far as needed. */
int sr_open_file(const struct sysroot *sr, const char *rel, off_t *size);
/* pread() of an sr_open_file() fd, EINTR retried: bytes or -errno
 * (-SR_ENOTREG where it fails because the file is a FIFO or directory). */
ssize_t sr_pread(int fd, void *buf, size_t len, off_t off);
void sr_close_file(int fd);

/* For a loop that reads thousands of files on this thread: from
 * sr_defer_closes(threads) on, the files and listings this thread's sr_*
 * calls open are closed in batches, by runs of consecutive descriptors
 * (close_range()); threads is how many threads may do the same at once,
 * so that all that is pending stays under a quarter of RLIMIT_NOFILE
 * (at most 256 a thread). (0) closes what is pending and ends it.
 * Thread-local: a thread with its own descriptor table (par.h) gets the
 * longest runs. */
void sr_defer_closes(unsigned threads);

/* Many reads in one directory without a handle on it: sr_open_file()
 * of rel, but with no link anywhere on the way (RESOLVE_NO_SYMLINKS;
 * -ELOOP if there is one, -ENOSYS without openat2(): then take the
 * usual way). Once it has opened a file, the directories on its path are
 * known to be plain, and sr_readlink_plain() reads a link in the same
 * directory with one readlinkat() from the root, walking them unchecked
 * (a tree changed in between could at worst show the text of a link
 * elsewhere; nothing is opened through it). sr_plain_dir(): rel is a
 * directory reached without a link. On the live root, no checks. On a
 * nodev root *size is -1, no stat() made: read to the end instead. */
int sr_open_file_nolinks(const struct sysroot *sr, const char *rel, off_t *size);
ssize_t sr_readlink_plain(const struct sysroot *sr, const char *rel, char *buf, size_t len);
bool sr_plain_dir(const struct sysroot *sr, const char *rel);
/* sr_sub() of a directory reached without a link (as sr_plain_dir()
 * proves): the two calls above through it walk only the few components
 * below it (the functions of one bridge: "0000:03:00.1/config"), the
 * proof of the path above it made once. -ENOSYS without openat2(). */
int sr_sub_plain(const struct sysroot *sr, const char *rel, struct sysroot *child);

/* Call fn(ctx, name, d_type) for each entry of directory rel but "." and
 * "..", with getdents64() into one buffer (no DIR, no per-entry system
 * call; one call in all where the file system marks the end, as sysfs
 * does); fn returning non-zero stops the listing. 0, fn's value, or
 * -errno. */
int sr_listdir(const struct sysroot *sr, const char *rel,
	       int (*fn)(void *ctx, const char *name, unsigned char type), void *ctx);

/* Tests: resolve as on kernels without openat2() (before 5.6). */
void sr_force_manual_resolve(bool on);
/* Tests: sr_open() of a --sysroot without the nodev copy (as not root). */
void sr_force_no_nodev(bool on);

/* Open a directory below the root for readdir(); NULL with errno set. */
DIR *sr_opendir(const struct sysroot *sr, const char *rel);

/* Open directory rel below sr as a root of its own (O_PATH), so that many
 * reads inside one device directory resolve its path once. Paths through
 * the child resolve beneath the child, and a link that leaves the child
 * (a device's iommu_group or physfn) beneath sr's root. 0 or -errno. */
int sr_sub(const struct sysroot *sr, const char *rel, struct sysroot *child);

/* Absolute path of rel for libraries that take a path (libpci). */
int sr_abspath(const struct sysroot *sr, const char *rel, char *buf, size_t len);

/* --- rooted writes (attach, detach) ---------------------------------------
 * Appended for the attach/detach commands. A write is refused (-EPERM)
 * unless the root is the running system (sr->live), or was opened by
 * sr_open_writable_for_tests() (unit tests on a fake tree; nothing in the
 * command line reaches it). The file is opened O_WRONLY|O_NOFOLLOW|
 * O_NONBLOCK below the root, written with one write() and the whole length
 * checked: sysfs attributes take a value in one write. 0 or -errno.
 * Every write, and its result, is passed to the log callback if one is set
 * (--verbose prints them; tests record the exact sequence). */
int sr_write(const struct sysroot *sr, const char *rel, const char *buf, size_t len);

typedef void (*sr_write_log_fn)(void *ctx, const char *rel, const char *buf, size_t len, int rc);
/* Process-wide; fn NULL turns logging off. */
void sr_set_write_log(sr_write_log_fn fn, void *ctx);

/* Tests only: open dir (a fake tree) as a root that sr_write accepts. */
int sr_open_writable_for_tests(struct sysroot *sr, const char *dir);

#endif
