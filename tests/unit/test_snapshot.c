// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_snapshot.c - snapshot_take() cannot be made to write outside its
 * target: a target that is a link, a link on its parent path, links
 * planted with the temporary names, an existing non-empty or group/world-
 * writable directory, source links whose targets are absolute or climb out
 * of the source root. An interrupted snapshot reads back as "incomplete
 * snapshot"; a tarball round-trips, and hostile tarballs (../, absolute
 * names, links out, hard links, FIFOs) are refused. After every hostile
 * case the test checks that nothing appeared outside the target.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot.h"
#include "sysroot.h"
#include "sysroot_build.h"
#include "testutil.h"

static char top[256]; /* the test's own temporary directory */
static char src[300]; /* the source sysroot, top/src */

#define DEV "sys/devices/pci0000:00/0000:00:00.0"
#define DEV2 "sys/devices/pci0000:00/0000:00:01.0"

static void path_of(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", top, rel);
}

static void mkdirs(const char *rel)
{
	char p[1024];

	path_of(p, sizeof(p), rel);
	for (char *s = p + strlen(top) + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) && errno != EEXIST)
				fail_msg("mkdir %s: %s", p, strerror(errno));
			*s = '/';
		}
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		fail_msg("mkdir %s: %s", p, strerror(errno));
}

static void put(const char *rel, const char *data)
{
	char p[1024], dir[1024];
	int fd;

	snprintf(dir, sizeof(dir), "%s", rel);
	if (strrchr(dir, '/')) {
		*strrchr(dir, '/') = '\0';
		mkdirs(dir);
	}
	path_of(p, sizeof(p), rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	close(fd);
}

static void link_to(const char *target, const char *rel)
{
	char p[1024], dir[1024];

	snprintf(dir, sizeof(dir), "%s", rel);
	if (strrchr(dir, '/')) {
		*strrchr(dir, '/') = '\0';
		mkdirs(dir);
	}
	path_of(p, sizeof(p), rel);
	unlink(p);
	if (symlink(target, p))
		fail_msg("symlink %s: %s", p, strerror(errno));
}

static bool exists(const char *rel)
{
	char p[1024];
	struct stat st;

	path_of(p, sizeof(p), rel);
	return lstat(p, &st) == 0;
}

/* Number of entries in directory rel (-1 if it cannot be read). */
static int entries(const char *rel)
{
	char p[1024];
	DIR *d;
	struct dirent *de;
	int n = 0;

	path_of(p, sizeof(p), rel);
	d = opendir(p);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* A name in directory rel starting with prefix, or false. */
static bool find_prefixed(const char *rel, const char *prefix, char *name, size_t len)
{
	char p[1024];
	DIR *d;
	struct dirent *de;
	bool found = false;

	path_of(p, sizeof(p), rel);
	d = opendir(p);
	assert_non_null(d);
	while (!found && (de = readdir(d)))
		if (!strncmp(de->d_name, prefix, strlen(prefix))) {
			snprintf(name, len, "%s", de->d_name);
			found = true;
		}
	closedir(d);
	return found;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

/* The source: two PCI functions in IOMMU groups 0 and 1, the kernel
 * release and command line, a DMAR table, an IOMMU unit. */
static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/test_snapshot.XXXXXX");
	if (!mkdtemp(top))
		return -1;
	snprintf(src, sizeof(src), "%s/src", top);
	mkdirs("src");
	mkdirs("outside");
	put("src/proc/cmdline", "BOOT_IMAGE=/vmlinuz intel_iommu=on\n");
	put("src/proc/version", "Linux version 6.12.117+deb12-amd64\n");
	put("src/proc/sys/kernel/osrelease", "6.12.117+deb12-amd64\n");
	put("src/sys/firmware/acpi/tables/DMAR", "");
	put("src/sys/firmware/acpi/tables/IVRS", "IVRS table bytes");
	put("src/sys/devices/virtual/iommu/dmar0/x", "");
	link_to("../../devices/virtual/iommu/dmar0", "src/sys/class/iommu/dmar0");
	/* the two functions, written by the shared builder (tests/lib) */
	{
		static const struct sb_func f[] = {
			{ .bdf = "0000:00:00.0", .parent = -1, .config = "\x86\x80\xc0\x29",
			  .config_len = 4, .group = 0, .group_type = "DMA-FQ", .group_link = true },
			{ .bdf = "0000:00:01.0", .parent = -1, .config = "\x86\x80\xd3\x10",
			  .config_len = 4, .group = 1, .group_type = "DMA-FQ", .group_link = true,
			  .driver = "e1000e" },
		};
		struct sb b;

		if (sb_init(&b, src) || sb_write(&b, f, 2, NULL))
			fail_msg("%s", b.err);
	}
	put("src/" DEV "/vendor", "0x8086\n");
	put("src/" DEV "/device", "0x29c0\n");
	put("src/" DEV "/class", "0x060000\n");
	put("src/" DEV2 "/vendor", "0x8086\n");
	put("src/" DEV2 "/device", "0x10d3\n");
	put("src/" DEV2 "/class", "0x020000\n");
	setenv("TMPDIR", top, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	snapshot_input_cleanup();
	sh("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", top, top);
	return 0;
}

static int take(const char *rel, const struct snapshot_opts *opts, struct snapshot_stats *st,
		char *err, size_t errlen)
{
	struct sysroot sr;
	char dir[1024];
	int r;

	assert_int_equal(sr_open(&sr, src), 0);
	path_of(dir, sizeof(dir), rel);
	r = snapshot_take(&sr, dir, opts, st, err, errlen);
	sr_close(&sr);
	return r;
}

static int take_tar(const char *rel, struct snapshot_stats *st, char *err, size_t errlen)
{
	struct sysroot sr;
	char file[1024];
	int r;

	assert_int_equal(sr_open(&sr, src), 0);
	path_of(file, sizeof(file), rel);
	r = snapshot_take_tar(&sr, file, NULL, st, err, errlen);
	sr_close(&sr);
	return r;
}

/* Open a snapshot at rel as --sysroot would: unpack, open, check. */
static int read_back(const char *rel, char *err, size_t errlen)
{
	struct sysroot sr;
	char given[1024], dir[1024];
	int r;

	path_of(given, sizeof(given), rel);
	if (snapshot_input(given, dir, sizeof(dir), err, errlen))
		return -1;
	assert_int_equal(sr_open(&sr, dir), 0);
	r = snapshot_check(&sr, given, err, errlen);
	if (!r) {
		char buf[64];

		/* what was captured is there */
		assert_int_equal(sr_read_str(&sr, "sys/bus/pci/devices/0000:00:01.0/vendor", buf,
					     sizeof(buf)),
				 0);
		assert_string_equal(buf, "0x8086");
		assert_true(sr_readlink(&sr, "sys/kernel/iommu_groups/1/devices/0000:00:01.0", buf,
					sizeof(buf)) > 0);
	}
	sr_close(&sr);
	return r;
}

/* Nothing appeared beside the target but what is expected there, and
 * the canary directory outside stays empty. */
static void nothing_outside(int expected_in_top)
{
	assert_int_equal(entries("outside"), 0);
	assert_int_equal(entries(""), expected_in_top);
}

static void fresh_directory(void **state)
{
	struct snapshot_stats st;
	char err[512], buf[128];

	(void)state;
	assert_int_equal(take("snap", NULL, &st, err, sizeof(err)), 0);
	assert_int_equal(st.functions, 2);
	assert_int_equal(st.groups, 2);
	assert_int_equal(st.links_skipped, 0);
	assert_true(exists("snap/" SNAPSHOT_MARKER));
	assert_true(exists("snap/sys/firmware/acpi/tables/DMAR"));
	{ /* IVRS and DMAR are copied, not only marked present */
		char path[4200], got[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "%s/snap/sys/firmware/acpi/tables/IVRS", top);
		f = fopen(path, "r");
		assert_non_null(f);
		assert_non_null(fgets(got, sizeof(got), f));
		fclose(f);
		assert_string_equal(got, "IVRS table bytes");
	}
	assert_true(exists("snap/sys/class/iommu/dmar0"));
	assert_int_equal(read_back("snap", err, sizeof(err)), 0);
	/* no temporary tree left beside it */
	assert_false(find_prefixed("", "snap.tmp-", buf, sizeof(buf)));
	nothing_outside(3);
	/* a second snapshot into the same, now full, directory: refused */
	assert_int_equal(take("snap", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not empty"));
	nothing_outside(3);
}

static void target_is_a_link(void **state)
{
	struct snapshot_stats st;
	char err[512];

	(void)state;
	link_to("outside", "snap");
	assert_int_equal(take("snap", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symbolic link"));
	/* a dangling link to where a directory would be made */
	link_to("outside/new", "snap2");
	assert_int_equal(take("snap2", NULL, &st, err, sizeof(err)), -1);
	nothing_outside(4);
}

static void link_on_the_parent_path(void **state)
{
	struct snapshot_stats st;
	char err[512];

	(void)state;
	mkdirs("real");
	link_to("outside", "real/via");
	assert_int_equal(take("real/via/snap", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symbolic link"));
	assert_int_equal(take_tar("real/via/snap.tar.gz", &st, err, sizeof(err)), -1);
	assert_int_equal(entries("real"), 1);
	nothing_outside(3);
}

static void links_planted_with_temporary_names(void **state)
{
	static const char *const sfx[] = { "aaaaaa", "AAAAAA", "000000", "zzzzzz" };
	struct snapshot_stats st;
	char err[512], rel[64];

	(void)state;
	/* the temporary names are random, but whatever exists is never
	 * reused: plant a few, they stay as they are */
	for (size_t i = 0; i < 4; i++) {
		snprintf(rel, sizeof(rel), "snap.tmp-%s", sfx[i]);
		link_to("outside", rel);
		snprintf(rel, sizeof(rel), "s.tar.gz.tmp-%s", sfx[i]);
		link_to("outside/file", rel);
	}
	assert_int_equal(take("snap", NULL, &st, err, sizeof(err)), 0);
	assert_int_equal(take_tar("s.tar.gz", &st, err, sizeof(err)), 0);
	assert_int_equal(read_back("snap", err, sizeof(err)), 0);
	assert_int_equal(read_back("s.tar.gz", err, sizeof(err)), 0);
	snapshot_input_cleanup();
	nothing_outside(2 + 8 + 2);
}

static void existing_directories(void **state)
{
	struct snapshot_stats st;
	char err[512], p[1024];
	struct stat sb;

	(void)state;
	put("full/keep", "mine\n");
	assert_int_equal(take("full", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not empty"));
	assert_int_equal(entries("full"), 1);

	mkdirs("open");
	path_of(p, sizeof(p), "open");
	chmod(p, 0777);
	assert_int_equal(take("open", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "others may write"));
	assert_int_equal(entries("open"), 0);
	chmod(p, 0775);
	assert_int_equal(take("open", NULL, &st, err, sizeof(err)), -1);
	assert_int_equal(entries("open"), 0);
	chmod(p, 01777);
	assert_int_equal(take("open", NULL, &st, err, sizeof(err)), -1);
	assert_int_equal(entries("open"), 0);

	/* empty but another user's (only root can set that up) */
	mkdirs("theirs");
	path_of(p, sizeof(p), "theirs");
	chmod(p, 0700);
	if (geteuid() == 0 && chown(p, 65534, 65534) == 0) {
		assert_int_equal(take("theirs", NULL, &st, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "another user"));
		assert_int_equal(entries("theirs"), 0);
	}

	put("plainfile", "x\n");
	assert_int_equal(take("plainfile", NULL, &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a directory"));

	/* empty, ours, writable by nobody else: accepted, its mode kept */
	mkdirs("mine");
	path_of(p, sizeof(p), "mine");
	chmod(p, 0700);
	assert_int_equal(take("mine", NULL, &st, err, sizeof(err)), 0);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(read_back("mine", err, sizeof(err)), 0);
	nothing_outside(7);
}

static void bad_target_names(void **state)
{
	struct snapshot_stats st;
	struct sysroot sr;
	char err[512];
	static const char *const names[] = { "", "/", ".", "..", "x/..", "x/.", "/.." };

	(void)state;
	assert_int_equal(sr_open(&sr, src), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(snapshot_take(&sr, names[i], NULL, &st, err, sizeof(err)), -1);
		assert_int_equal(snapshot_take_tar(&sr, names[i], NULL, &st, err, sizeof(err)), -1);
	}
	sr_close(&sr);
	nothing_outside(2);
}

/* Source links whose targets lead out of the source root are not copied
 * (a warning counts them); the rest of the snapshot is whole. */
static void source_links_leading_outside(void **state)
{
	char out[1024], buf[4096];
	struct snapshot_stats st;
	char err[512];
	FILE *f;

	(void)state;
	path_of(out, sizeof(out), "outside");
	link_to(out, "src/sys/class/iommu/absolute");
	link_to("../../../../../../../../../../../../outside", "src/" DEV "/driver");
	link_to("../../../../../../../../outside", "src/sys/kernel/iommu_groups/0/devices/evil");
	link_to("../x/../../../../../../../outside", "src/sys/class/iommu/dotdot-in-the-middle");
	link_to("../../devices/./virtual", "src/sys/class/iommu/dot");
	link_to("/etc", "src/sys/bus/pci/devices/0000:00:02.0");
	assert_int_equal(take("snap", NULL, &st, err, sizeof(err)), 0);
	assert_int_equal(st.links_skipped, 6);
	assert_true(st.skipped_link[0] != '\0');
	assert_int_equal(st.functions, 2);
	assert_false(exists("snap/sys/class/iommu/absolute"));
	assert_false(exists("snap/" DEV "/driver"));
	assert_false(exists("snap/sys/kernel/iommu_groups/0/devices/evil"));
	assert_false(exists("snap/sys/bus/pci/devices/0000:00:02.0"));
	assert_true(exists("snap/" DEV2 "/driver"));
	/* every link in the snapshot resolves inside it */
	snprintf(buf, sizeof(buf),
		 "cd '%s/snap' && for l in $(find . -type l); do r=$(readlink -m \"$l\"); "
		 "case $r in \"$PWD\"/*) ;; *) echo \"$l\";; esac; done",
		 top);
	f = popen(buf, "r");
	assert_non_null(f);
	assert_null(fgets(buf, sizeof(buf), f));
	pclose(f);
	nothing_outside(3);
}

static void interrupted_snapshot(void **state)
{
	struct snapshot_opts opts = { .abandon_after = 5 };
	struct snapshot_stats st;
	char err[512], name[256], rel[300];
	FILE *f;

	(void)state;
	/* a crash in the middle leaves DIR.tmp-XXXXXX with the marker
	 * still "incomplete", and no DIR */
	assert_int_equal(take("snap", &opts, &st, err, sizeof(err)), -1);
	assert_false(exists("snap"));
	assert_true(find_prefixed("", "snap.tmp-", name, sizeof(name)));
	assert_int_equal(read_back(name, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "incomplete snapshot"));

	/* the marker removed from that tree: its name still says it */
	snprintf(rel, sizeof(rel), "%s/" SNAPSHOT_MARKER, name);
	path_of(err, sizeof(err), rel);
	assert_int_equal(unlink(err), 0);
	assert_int_equal(read_back(name, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "incomplete snapshot"));

	/* a finished snapshot whose marker says incomplete (moved into
	 * place by hand), or is unreadable */
	assert_int_equal(take("done", NULL, &st, err, sizeof(err)), 0);
	path_of(err, sizeof(err), "done/" SNAPSHOT_MARKER);
	f = fopen(err, "w");
	assert_non_null(f);
	fputs("iommu-groups snapshot 1\nincomplete\n", f);
	fclose(f);
	assert_int_equal(read_back("done", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "incomplete snapshot"));
	path_of(err, sizeof(err), "done/" SNAPSHOT_MARKER);
	assert_int_equal(unlink(err), 0);
	mkdirs("done/" SNAPSHOT_MARKER);
	assert_int_equal(read_back("done", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "incomplete snapshot"));

	/* a tree without any marker (made by hand, the fixtures): as before */
	assert_int_equal(read_back("src", err, sizeof(err)), 0);
}

static void tarball_round_trip(void **state)
{
	struct snapshot_stats st;
	char err[512], name[256];

	(void)state;
	assert_int_equal(take_tar("s.tar.gz", &st, err, sizeof(err)), 0);
	assert_int_equal(st.functions, 2);
	assert_int_equal(read_back("s.tar.gz", err, sizeof(err)), 0);
	/* unpacked into a private directory below TMPDIR, gone afterwards */
	assert_true(find_prefixed("", "iommu-groups-sysroot.tmp-", name, sizeof(name)));
	snapshot_input_cleanup();
	assert_false(find_prefixed("", "iommu-groups-sysroot.tmp-", name, sizeof(name)));
	assert_false(find_prefixed("", "s.tar.gz.tmp-", name, sizeof(name)));
	/* never replaced, never written through a link */
	assert_int_equal(take_tar("s.tar.gz", &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exists"));
	link_to("outside/t.tar.gz", "t.tar.gz");
	assert_int_equal(take_tar("t.tar.gz", &st, err, sizeof(err)), -1);
	nothing_outside(4);
}

/* Hostile tarballs made with the system tar: refused with one line, and
 * nothing unpacked outside the private directory. */
static void hostile_tarballs(void **state)
{
	static const struct {
		const char *name, *make, *why;
	} cases[] = {
		{ "dotdot.tar.gz", "tar -czf dotdot.tar.gz -C src . --transform 's,^\\./proc,../outside/p,'",
		  "'..'" },
		{ "abs.tar.gz", "tar -czPf abs.tar.gz -C src . --transform \"s,^\\./proc,$PWD/outside/p,\"",
		  "absolute" },
		{ "linkout.tar.gz", "cp -a src l && ln -s ../../../../outside l/sys/out && "
				    "tar -czf linkout.tar.gz -C l .", "link leading outside" },
		{ "linkabs.tar.gz", "cp -a src a && ln -s \"$PWD/outside\" a/sys/out && "
				    "tar -czf linkabs.tar.gz -C a .", "link leading outside" },
		{ "through.tar.gz", "mkdir -p w/d && echo x > w/d/f && ln -s ../outside w/lnk && "
				    "tar -czf through.tar.gz -C w ./lnk --transform 's,^\\./d,./lnk,' ./d",
		  "link leading outside" },
		{ "hard.tar.gz", "cp -a src h && ln h/proc/cmdline h/hl && tar -czf hard.tar.gz -C h .",
		  "hard link" },
		{ "fifo.tar.gz", "cp -a src q && mkfifo q/fifo && tar -czf fifo.tar.gz -C q .",
		  "neither a file" },
		{ "garbage.tgz", "echo garbage > garbage.tgz", "not a gzip" },
		{ "empty.tgz", ": > empty.tgz", "not a gzip" },
		{ "plain.tar.gz", "tar -cf plain.tar.gz -C src .", "not a gzip" },
	};
	char err[512], given[1024], dir[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sh("cd '%s' && (%s) 2>/dev/null", top, cases[i].make);
		path_of(given, sizeof(given), cases[i].name);
		err[0] = '\0';
		assert_int_equal(snapshot_input(given, dir, sizeof(dir), err, sizeof(err)), -1);
		if (!strstr(err, cases[i].why))
			fail_msg("%s: '%s' does not say '%s'", cases[i].name, err, cases[i].why);
		assert_null(strchr(err, '\n'));
		assert_int_equal(entries("outside"), 0);
		assert_false(find_prefixed("", "iommu-groups-sysroot.tmp-", dir, sizeof(dir)));
	}
	/* not a regular file */
	path_of(given, sizeof(given), "fifo-itself.tar.gz");
	assert_int_equal(mkfifo(given, 0644), 0);
	assert_int_equal(snapshot_input(given, dir, sizeof(dir), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a regular file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fresh_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(target_is_a_link, setup, teardown),
		cmocka_unit_test_setup_teardown(link_on_the_parent_path, setup, teardown),
		cmocka_unit_test_setup_teardown(links_planted_with_temporary_names, setup, teardown),
		cmocka_unit_test_setup_teardown(existing_directories, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_target_names, setup, teardown),
		cmocka_unit_test_setup_teardown(source_links_leading_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(interrupted_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(tarball_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_tarballs, setup, teardown),
	};

	return tu_run("snapshot", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
