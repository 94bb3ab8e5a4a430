// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sysroot.c - the rooted accessor on hostile trees built in a temp
 * dir: FIFOs, sockets and device nodes where files are expected (refused,
 * never a hang: alarm() ends a test that blocks), links whose targets are
 * absolute or climb above the root (refused with SR_EOUTSIDE, never
 * followed out), ".." in the path itself, link loops, and links that leave
 * a child root but stay below the real one (followed). Every test runs
 * four ways: with openat2() or the component-by-component walk used on
 * kernels without it, and (as root) through the nodev copy of the root's
 * mounts or not.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mount.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sysroot.h"
#include "testutil.h"
#include "tu_threads.h"

static char root[256];

static void path_of(char *p, size_t len, const char *rel)
{
	snprintf(p, len, "%s/%s", root, rel);
}

static void mkdir_rel(const char *rel)
{
	char p[512];

	path_of(p, sizeof(p), rel);
	if (mkdir(p, 0755) && errno != EEXIST)
		fail_msg("mkdir %s: %s", p, strerror(errno));
}

static void put(const char *rel, const char *text)
{
	char p[512];
	int fd;

	path_of(p, sizeof(p), rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void link_rel(const char *target, const char *rel)
{
	char p[512];

	path_of(p, sizeof(p), rel);
	if (symlink(target, p))
		fail_msg("symlink %s: %s", p, strerror(errno));
}

/* root/
 *   a/file            "hello\n"
 *   a/fifo            FIFO, no writer
 *   a/sock            bound AF_UNIX socket
 *   a/in -> file      relative, inside
 *   a/up -> ../b/f2   climbs, stays inside
 *   a/abs -> /etc/hostname
 *   a/climb -> ../../../../../../etc/hostname
 *   a/loop1 -> loop2, a/loop2 -> loop1
 *   a/dirlink -> ../b  a directory through a link
 *   a/outdir -> /etc   a directory link leading out
 *   a/rawabs -> /nowhere (only readlink'ed)
 *   b/f2              "two\n"
 */
static int setup(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char p[512];
	int s;

	(void)state;
	snprintf(root, sizeof(root), "%s/iommu-groups-sysroot.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		return -1;
	mkdir_rel("a");
	mkdir_rel("b");
	put("a/file", "hello\n");
	put("b/f2", "two\n");
	path_of(p, sizeof(p), "a/fifo");
	if (mkfifo(p, 0644))
		return -1;
	path_of(sa.sun_path, sizeof(sa.sun_path), "a/sock");
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	close(s);
	link_rel("file", "a/in");
	link_rel("../b/f2", "a/up");
	link_rel("/etc/hostname", "a/abs");
	link_rel("../../../../../../../../../../etc/hostname", "a/climb");
	link_rel("loop2", "a/loop1");
	link_rel("loop1", "a/loop2");
	link_rel("../b", "a/dirlink");
	link_rel("/etc", "a/outdir");
	link_rel("/nowhere", "a/rawabs");
	/* a test that blocks (a FIFO opened for reading) ends here */
	alarm(20);
	return 0;
}

static int teardown(void **state)
{
	char cmd[512];

	(void)state;
	alarm(0);
	sr_force_manual_resolve(false);
	sr_force_no_nodev(false);
	snprintf(cmd, sizeof(cmd), "%s/sys", root);
	(void)umount2(cmd, MNT_DETACH); /* unbindable_submount's, if it failed */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

/* Whether this process may make the nodev copy (root, Linux 5.12): then
 * sr_open() must have made it. */
static bool nodev_possible(void)
{
#ifdef SYS_mount_setattr
	int fd = (int)syscall(SYS_open_tree, AT_FDCWD, root, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
#else
	return false;
#endif
}

/* mode: bit 0 the manual walk (no openat2()), bit 1 no nodev copy of the
 * mounts (as not root): every check holds in each of the four ways. */
#define MODES 4
static void open_root(struct sysroot *sr, int mode)
{
	sr_force_manual_resolve(mode & 1);
	sr_force_no_nodev(mode & 2);
	assert_int_equal(sr_open(sr, root), 0);
	assert_false(sr->live);
	if (mode & 2)
		assert_false(sr->nodev);
	else
		assert_int_equal(sr->nodev, nodev_possible());
}

static void reads_and_refusals(void **state)
{
	(void)state;
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;
		char buf[64];
		off_t size = 0;

		open_root(&sr, mode);
		assert_int_equal(sr_read(&sr, "a/file", buf, sizeof(buf), &size), 6);
		assert_int_equal(size, 6);
		assert_int_equal(sr_read_str(&sr, "a/in", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "hello");
		assert_int_equal(sr_read_str(&sr, "a/up", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "two");
		assert_int_equal(sr_read_str(&sr, "a/dirlink/f2", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "two");
		assert_int_equal(sr_read_str(&sr, "a/../b/./f2", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "two");
		/* not regular files: refused without blocking */
		assert_int_equal(sr_read(&sr, "a/fifo", buf, sizeof(buf), NULL), -SR_ENOTREG);
		assert_int_equal(sr_read_str(&sr, "a/fifo", buf, sizeof(buf)), -SR_ENOTREG);
		assert_int_equal(sr_read(&sr, "a/sock", buf, sizeof(buf), NULL), -SR_ENOTREG);
		assert_true(sr_read(&sr, "a", buf, sizeof(buf), NULL) < 0);
		/* out of the root: refused, never read */
		assert_int_equal(sr_read(&sr, "a/abs", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&sr, "a/climb", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&sr, "../etc/hostname", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&sr, "a/../../etc/hostname", buf, sizeof(buf), NULL),
				 -SR_EOUTSIDE);
		assert_int_equal(sr_read(&sr, "a/outdir/hostname", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&sr, "/etc/hostname", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		/* a link loop ends */
		assert_int_equal(sr_read(&sr, "a/loop1", buf, sizeof(buf), NULL), -ELOOP);
		assert_int_equal(sr_read(&sr, "a/missing", buf, sizeof(buf), NULL), -ENOENT);
		sr_close(&sr);
	}
}

/* The reader follows as many links as the kernel does (MAXSYMLINKS, 40),
 * not fewer: c/l0 -> l1 -> ... -> l40 -> ../a/file; from l1 that is 40
 * links, from l0 41. */
static void link_count_bound(void **state)
{
	char target[32], rel[32];

	(void)state;
	mkdir_rel("c");
	for (int i = 0; i <= 40; i++) {
		if (i < 40)
			snprintf(target, sizeof(target), "l%d", i + 1);
		else
			snprintf(target, sizeof(target), "../a/file");
		snprintf(rel, sizeof(rel), "c/l%d", i);
		link_rel(target, rel);
	}
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;
		char buf[64];

		open_root(&sr, mode);
		assert_int_equal(sr_read_str(&sr, "c/l1", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "hello");
		assert_int_equal(sr_read(&sr, "c/l0", buf, sizeof(buf), NULL), -ELOOP);
		sr_close(&sr);
	}
}

static void device_node_refused(void **state)
{
	char p[512];

	(void)state;
	path_of(p, sizeof(p), "a/null");
	if (mknod(p, S_IFCHR | 0644, makedev(1, 3))) {
		print_message("mknod: %s: skipped (not root?)\n", strerror(errno));
		skip();
	}
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;
		char buf[16];

		open_root(&sr, mode);
		assert_int_equal(sr_read(&sr, "a/null", buf, sizeof(buf), NULL), -SR_ENOTREG);
		/* in the nodev copy the device is not even opened */
		if (sr.nodev) {
			int fd = openat(sr.dirfd, "a/null", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

			assert_int_equal(fd, -1);
			assert_int_equal(errno, EACCES);
		}
		sr_close(&sr);
	}
}

/* A FIFO that a writer holds open and has written to, where a file is
 * expected: refused, and what the writer put in it left there. */
static void fifo_with_writer(void **state)
{
	char p[512], buf[32];
	int w;

	(void)state;
	path_of(p, sizeof(p), "a/fifo");
	w = open(p, O_RDWR | O_NONBLOCK | O_CLOEXEC); /* both ends: never blocks */
	assert_true(w >= 0);
	assert_int_equal(write(w, "0x1234\n", 7), 7);
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;

		open_root(&sr, mode);
		assert_int_equal(sr_read(&sr, "a/fifo", buf, sizeof(buf), NULL), -SR_ENOTREG);
		assert_int_equal(sr_read_str(&sr, "a/fifo", buf, sizeof(buf)), -SR_ENOTREG);
		assert_int_equal(sr_read_all(&sr, "a/fifo", buf, sizeof(buf)), -SR_ENOTREG);
		assert_int_equal(sr_read_all(&sr, "a", buf, sizeof(buf)), -SR_ENOTREG);
		sr_close(&sr);
	}
	assert_int_equal(read(w, buf, sizeof(buf)), 7);
	close(w);
}

/* An unbindable mount at the root's sys (a chroot's bind mount of /sys
 * made unbindable): a recursive copy of the mounts would leave it out and
 * show the directory under it, so no copy is made and the mount's own
 * file is read. In a mount namespace of the test's own (root only;
 * skipped otherwise). */
static void unbindable_submount(void **state)
{
	char p[512];

	(void)state;
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		print_message("unshare/mount: %s: skipped (not root?)\n", strerror(errno));
		skip();
	}
	mkdir_rel("sys");
	put("sys/file", "lower\n");
	path_of(p, sizeof(p), "sys");
	assert_int_equal(mount("tmpfs", p, "tmpfs", 0, "size=64k"), 0);
	put("sys/file", "upper\n");
	for (int unbindable = 0; unbindable < 2; unbindable++) {
		struct sysroot sr;
		char buf[16];

		if (unbindable)
			assert_int_equal(mount(NULL, p, NULL, MS_UNBINDABLE, NULL), 0);
		assert_int_equal(sr_open(&sr, root), 0);
		assert_int_equal(sr.nodev, !unbindable && nodev_possible());
		assert_int_equal(sr_read_str(&sr, "sys/file", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "upper");
		sr_close(&sr);
	}
	assert_int_equal(umount2(p, MNT_DETACH), 0);
}

static void links_dirs_exists(void **state)
{
	(void)state;
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;
		struct stat st, st2;
		char buf[64];
		DIR *d;

		open_root(&sr, mode);
		/* readlink gives the raw target, through directories below the root */
		assert_int_equal(sr_readlink(&sr, "a/rawabs", buf, sizeof(buf)), 8);
		assert_string_equal(buf, "/nowhere");
		assert_int_equal(sr_link_basename(&sr, "a/up", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "f2");
		assert_int_equal(sr_readlink(&sr, "a/outdir/x", buf, sizeof(buf)), -SR_EOUTSIDE);
		assert_true(sr_exists(&sr, "a/in"));
		assert_true(sr_exists(&sr, "a/dirlink"));
		assert_false(sr_exists(&sr, "a/abs"));
		assert_false(sr_exists(&sr, "a/outdir"));
		assert_int_equal(sr_stat(&sr, "a/up", &st), 0);
		assert_int_equal(sr_stat(&sr, "b/f2", &st2), 0);
		assert_true(st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
		assert_int_equal(sr_stat(&sr, "a/climb", &st), -SR_EOUTSIDE);
		d = sr_opendir(&sr, "a/dirlink");
		assert_non_null(d);
		closedir(d);
		errno = 0;
		assert_null(sr_opendir(&sr, "a/outdir"));
		assert_int_equal(errno, SR_EOUTSIDE);
		assert_null(sr_opendir(&sr, "a/file"));
		sr_close(&sr);
	}
}

/* A child root (one device's directory): links that leave it but stay
 * below the real root are followed; those that leave the real root not. */
static void child_roots(void **state)
{
	(void)state;
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr, child;
		struct stat st, st2;
		char buf[64];

		open_root(&sr, mode);
		assert_int_equal(sr_sub(&sr, "a", &child), 0);
		assert_int_equal(sr_read_str(&child, "file", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "hello");
		assert_int_equal(sr_read_str(&child, "up", buf, sizeof(buf)), 0);
		assert_string_equal(buf, "two");
		assert_int_equal(sr_stat(&child, "dirlink", &st), 0);
		assert_int_equal(sr_stat(&sr, "b", &st2), 0);
		assert_true(st.st_ino == st2.st_ino);
		assert_int_equal(sr_read(&child, "climb", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&child, "abs", buf, sizeof(buf), NULL), -SR_EOUTSIDE);
		assert_int_equal(sr_read(&child, "fifo", buf, sizeof(buf), NULL), -SR_ENOTREG);
		sr_close(&child);
		/* a child through a link that leads out is refused */
		assert_int_equal(sr_sub(&sr, "a/outdir", &child), -SR_EOUTSIDE);
		sr_close(&sr);
	}
}

/* Reads by a path with no link on it (the loader's way through sysfs
 * device directories): a link anywhere on the way is refused (ELOOP),
 * never followed, out of the root or not; without openat2() the caller
 * is told to take its usual way (ENOSYS). A link in a plain directory is
 * then read with one readlinkat(). */
static void plain_paths(void **state)
{
	(void)state;
	for (int mode = 0; mode < MODES; mode++) {
		struct sysroot sr;
		char buf[64];
		off_t size = 0;
		int fd;

		open_root(&sr, mode);
		fd = sr_open_file_nolinks(&sr, "a/file", &size);
		if (mode & 1) {
			assert_int_equal(fd, -ENOSYS);
			assert_false(sr_plain_dir(&sr, "a"));
		} else {
			assert_true(fd >= 0);
			/* on a nodev root no stat(): the size is the reader's to find */
			assert_int_equal(size, sr.nodev ? -1 : 6);
			assert_int_equal(sr_pread(fd, buf, sizeof(buf), 0), 6);
			sr_close_file(fd);
			assert_true(sr_plain_dir(&sr, "a"));
			assert_false(sr_plain_dir(&sr, "a/dirlink"));
			assert_int_equal(sr_open_file_nolinks(&sr, "a/in", NULL), -ELOOP);
			assert_int_equal(sr_open_file_nolinks(&sr, "a/dirlink/f2", NULL), -ELOOP);
			assert_int_equal(sr_open_file_nolinks(&sr, "a/outdir/hostname", NULL), -ELOOP);
			assert_int_equal(sr_open_file_nolinks(&sr, "a/abs", NULL), -ELOOP);
			assert_int_equal(sr_open_file_nolinks(&sr, "../etc/hostname", NULL),
					 -SR_EOUTSIDE);
			/* a FIFO or directory: refused at the open, or (nodev)
			 * at the read, never blocking */
			for (int k = 0; k < 2; k++) {
				fd = sr_open_file_nolinks(&sr, k ? "a" : "a/fifo", NULL);
				if (fd >= 0) {
					assert_true(sr.nodev);
					assert_int_equal(sr_pread(fd, buf, sizeof(buf), 0),
							 -SR_ENOTREG);
					sr_close_file(fd);
				} else {
					assert_int_equal(fd, -SR_ENOTREG);
				}
			}
		}
		assert_int_equal(sr_readlink_plain(&sr, "a/up", buf, sizeof(buf)), 7);
		assert_string_equal(buf, "../b/f2");
		assert_int_equal(sr_readlink_plain(&sr, "a/file", buf, sizeof(buf)), -EINVAL);
		sr_close(&sr);
	}
}

/* sr_listdir() sees every entry, once: of a directory several buffers
 * long and of a small one; also while signals keep arriving, which end a
 * getdents64() early with room left in the buffer (filldir64), so room
 * is no sign of the end; and of a live sysfs directory, whose end kernfs
 * marks (one call), against readdir(). */
struct seen {
	unsigned char hit[700];
	int n, bad;
};

static int count_entry(void *ctx, const char *name, unsigned char type)
{
	struct seen *s = ctx;
	int k;

	if (sscanf(name, "entry-with-a-long-name-to-fill-the-buffer-%d", &k) != 1 || k < 0 ||
	    k >= 700 || s->hit[k]++ || type != DT_REG)
		s->bad++;
	s->n++;
	return 0;
}

static int count_any(void *ctx, const char *name, unsigned char type)
{
	(void)name;
	(void)type;
	(*(int *)ctx)++;
	return 0;
}

static volatile sig_atomic_t ticks;

static void on_tick(int sig)
{
	(void)sig;
	ticks++;
}

static void listings_whole(void **state)
{
	struct sigaction sa = { .sa_handler = on_tick, .sa_flags = SA_RESTART };
	struct itimerval fast = { { 0, 20 }, { 0, 20 } }, off = { { 0, 0 }, { 0, 0 } };
	struct sysroot sr;
	struct seen small = { 0 };
	char rel[128];
	DIR *d;

	(void)state;
	mkdir_rel("big");
	for (int k = 0; k < 700; k++) {
		snprintf(rel, sizeof(rel), "big/entry-with-a-long-name-to-fill-the-buffer-%d", k);
		put(rel, "x");
	}
	mkdir_rel("small");
	put("small/entry-with-a-long-name-to-fill-the-buffer-3", "x");
	open_root(&sr, false);
	assert_int_equal(sr_listdir(&sr, "small", count_entry, &small), 0);
	assert_int_equal(small.n, 1);
	assert_int_equal(small.bad, 0);
	assert_int_equal(sr_listdir(&sr, "a/file", count_entry, &small), -ENOTDIR);
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &fast, NULL), 0);
	for (int i = 0; i < 200; i++) {
		struct seen big = { 0 };

		assert_int_equal(sr_listdir(&sr, "big", count_entry, &big), 0);
		assert_int_equal(big.n, 700);
		assert_int_equal(big.bad, 0);
	}
	setitimer(ITIMER_REAL, &off, NULL);
	signal(SIGALRM, SIG_DFL);
	print_message("%d signals while listing\n", (int)ticks);
	sr_close(&sr);

	/* live: sys/bus has a few entries, sys/module many */
	d = opendir("/sys/module");
	if (!d) {
		print_message("no /sys here: the live listing is not checked\n");
		return;
	}
	assert_int_equal(sr_open(&sr, NULL), 0);
	for (int i = 0; i < 2; i++) {
		const char *dir = i ? "sys/module" : "sys/bus";
		int want = 0, got = 0;
		struct dirent *de;
		DIR *r = opendir(i ? "/sys/module" : "/sys/bus");

		assert_non_null(r);
		while ((de = readdir(r)))
			want += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
		closedir(r);
		assert_int_equal(sr_listdir(&sr, dir, count_any, &got), 0);
		assert_int_equal(got, want);
	}
	closedir(d);
	sr_close(&sr);
}

/* Without the rights to read: the error says what to do. As root the
 * test drops to nobody in a child process; otherwise it already is not. */
static void permission_denied(void **state)
{
	struct sysroot sr;
	char p[512];
	pid_t pid;
	int status;

	(void)state;
	put("a/secret", "x\n");
	path_of(p, sizeof(p), "a/secret");
	assert_int_equal(chmod(p, 0), 0);
	assert_int_equal(sr_open(&sr, root), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char buf[16];
		ssize_t n;

		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(2);
		n = sr_read(&sr, "a/secret", buf, sizeof(buf), NULL);
		_exit(n < 0 && (n == -EACCES || n == -EPERM) &&
			      strstr(sr_strerror((int)n), "run as root") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	sr_close(&sr);
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the listing's own */
}

static int count_any_fd(void *ctx, const char *name, unsigned char type)
{
	(void)name;
	(void)type;
	++*(int *)ctx;
	return 0;
}

/* n reads of "m/fI" and listings of "m", closes put off */
static void deferred_reads(struct sysroot *sr, int from, int to)
{
	for (int i = from; i < to; i++) {
		char rel[32], buf[16];
		int got = 0;

		snprintf(rel, sizeof(rel), "m/f%d", i);
		assert_int_equal(sr_read(sr, rel, buf, sizeof(buf), NULL), 2);
		if (i % 50 == 0) {
			assert_int_equal(sr_listdir(sr, "m", count_any_fd, &got), 0);
			assert_int_equal(got, 600);
		}
	}
}

struct dreads {
	struct sysroot *sr;
	_Atomic int failed;
};

/* reads [from, to) as deferred_reads(), failures counted (in a child
 * process, where cmocka's asserts cannot report) */
static void deferred_reads_or_exit(struct dreads *d, int from, int to)
{
	for (int i = from; i < to; i++) {
		char rel[32], buf[16];

		snprintf(rel, sizeof(rel), "m/f%d", i);
		if (sr_read(d->sr, rel, buf, sizeof(buf), NULL) != 2)
			d->failed++;
	}
}

static void *deferred_thread(void *arg)
{
	/* all four with as many pending as they may have, at once */
	sr_defer_closes(4);
	deferred_reads_or_exit(arg, 0, 15);
	tu_threads_sync();
	deferred_reads_or_exit(arg, 15, 600);
	sr_defer_closes(0);
	return NULL;
}

/* Closes put off (sr_defer_closes): all made in the end, none of a
 * descriptor opened in between and still held (a run is split around
 * it, not closed as one range), and never so many pending that an open
 * fails under a low RLIMIT_NOFILE. */
static void deferred_closes(void **state)
{
	struct sysroot sr, child;
	int before;
	pid_t pid;
	int status;

	(void)state;
	mkdir_rel("m");
	for (int i = 0; i < 600; i++) {
		char rel[32];

		snprintf(rel, sizeof(rel), "m/f%d", i);
		put(rel, "x\n");
	}
	assert_int_equal(sr_open(&sr, root), 0);
	before = open_fds();
	sr_defer_closes(1);
	deferred_reads(&sr, 0, 300);
	assert_true(open_fds() > before); /* some still pending */
	/* held across the flushes below, its number among theirs */
	assert_int_equal(sr_sub(&sr, "a", &child), 0);
	deferred_reads(&sr, 300, 600);
	assert_true(fcntl(child.dirfd, F_GETFD) >= 0);
	sr_defer_closes(0);
	assert_true(fcntl(child.dirfd, F_GETFD) >= 0);
	assert_int_equal(open_fds(), before + 1);
	sr_close(&child);
	assert_int_equal(open_fds(), before);

	/* 40 descriptors in all: a few pending at a time; then 4 threads
	 * sharing one table of 64 (as slices do where unshare() is refused) */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 40, 64 }, rl4 = { 64, 64 };
		struct dreads d = { &sr, 0 };

		if (setrlimit(RLIMIT_NOFILE, &rl))
			_exit(2);
		sr_defer_closes(1);
		deferred_reads_or_exit(&d, 0, 600);
		sr_defer_closes(0);
		if (open_fds() != before)
			_exit(3);
		if (setrlimit(RLIMIT_NOFILE, &rl4))
			_exit(2);
		if (tu_threads(4, deferred_thread, &d))
			_exit(2);
		_exit(d.failed ? 1 : open_fds() == before ? 0 : 3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	sr_close(&sr);
}

static void messages(void **state)
{
	(void)state;
	assert_non_null(strstr(sr_strerror(-SR_EOUTSIDE), "outside the sysroot"));
	assert_non_null(strstr(sr_strerror(-SR_ENOTREG), "not a regular file"));
	assert_non_null(strstr(sr_strerror(-EACCES), "run as root"));
	assert_non_null(strstr(sr_strerror(-EPERM), "run as root"));
	assert_string_equal(sr_strerror(-ENOENT), strerror(ENOENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_and_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(device_node_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(fifo_with_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(unbindable_submount, setup, teardown),
		cmocka_unit_test_setup_teardown(link_count_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(links_dirs_exists, setup, teardown),
		cmocka_unit_test_setup_teardown(child_roots, setup, teardown),
		cmocka_unit_test_setup_teardown(plain_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(listings_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(permission_denied, setup, teardown),
		cmocka_unit_test_setup_teardown(deferred_closes, setup, teardown),
		cmocka_unit_test(messages),
	};

	return tu_run("sysroot", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
