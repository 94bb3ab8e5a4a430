// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_attach.c - the attach engine (attach.c) on a fake sysroot in a temp
 * dir: the exact sysfs write sequence of attach and of restore (through
 * sr_write's log hook), recovery from a journal cut after each step (a
 * child killed by the engine's own crash injection), the unbind in a child
 * process and one that hangs (reported within the timeout), a probe that
 * does not bind, a recorded driver that cannot bind (drivers_probe fallback), and
 * the VFIO_IOMMU_GET_INFO capability-chain parser on hostile replies.
 *
 * The "kernel" is the write-log callback: after each write it does what
 * sysfs would (unbind removes the driver link, drivers_probe binds
 * vfio-pci when driver_override says so, else the device's native driver,
 * bind links the driver, driver_override stores the value or "(null)").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/time.h> /* not time.h: testutil.h has its own struct tm */

#include "attach.h"
#include "devwait.h"
#include "sysroot_build.h"
#include "testutil.h"

static char root[256];
static char rundir[300];
static struct sysroot sr;
static char wlog[8192]; /* "rel=value\n" per write */
static bool probe_binds = true;  /* drivers_probe binds vfio-pci */
static bool native_bind_ok = true; /* drivers/e1000e/bind works */
static bool unbind_hangs;          /* the unbind write never returns */

#define DEV "0000:01:00.0"
#define BR "0000:00:04.0"
#define DEVDIR "sys/devices/pci0000:00/" DEV

static void put(const char *rel, const char *s)
{
	char p[1024];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static void get(const char *rel, char *buf, size_t len)
{
	char p[1024];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	buf[0] = '\0';
	f = fopen(p, "r");
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static void mk(const char *rel)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void link_driver(const char *bdf, const char *drv)
{
	char p[1024], t[256];

	snprintf(p, sizeof(p), "%s/sys/devices/pci0000:00/%s/driver", root, bdf);
	unlink(p);
	if (drv) {
		snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", drv);
		assert_int_equal(symlink(t, p), 0);
	}
}

static const char *driver_of(const char *bdf, char *buf, size_t len)
{
	assert_int_equal(attach_driver_of(&sr, bdf, buf, len), 0);
	return buf;
}

/* the fake kernel: the effects of each write */
static void kernel(void *ctx, const char *rel, const char *buf, size_t len, int rc)
{
	char v[128], ovr[128], bdf[32];
	size_t n = len < sizeof(v) - 1 ? len : sizeof(v) - 1;

	(void)ctx;
	memcpy(v, buf, n);
	v[n] = '\0';
	snprintf(wlog + strlen(wlog), sizeof(wlog) - strlen(wlog), "%s=%s%s\n", rel,
		 strcmp(v, "\n") ? v : "\\n", rc ? " FAILED" : "");
	if (rc)
		return;
	if (strstr(rel, "/driver_override")) {
		snprintf(bdf, sizeof(bdf), "%.12s", rel + strlen("sys/bus/pci/devices/"));
		char p[256];

		snprintf(p, sizeof(p), "sys/devices/pci0000:00/%s/driver_override", bdf);
		put(p, strcmp(v, "\n") ? v : "(null)");
	} else if (strstr(rel, "/driver/unbind")) {
		if (unbind_hangs)
			pause(); /* as a driver waiting for its device */
		link_driver(v, NULL);
	} else if (!strcmp(rel, "sys/bus/pci/drivers_probe")) {
		char p[256];

		snprintf(p, sizeof(p), "sys/devices/pci0000:00/%s/driver_override", v);
		get(p, ovr, sizeof(ovr));
		if (!strcmp(ovr, "vfio-pci")) {
			if (probe_binds)
				link_driver(v, "vfio-pci");
		} else {
			link_driver(v, "e1000e");
		}
	} else if (!strcmp(rel, "sys/bus/pci/drivers/e1000e/bind")) {
		if (native_bind_ok)
			link_driver(v, "e1000e");
	}
}

static int fake_wait(int group, int timeout_ms)
{
	(void)group;
	(void)timeout_ms;
	return 0;
}

static int fake_probe(int group, struct vfio_facts *f, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	memset(f, 0, sizeof(*f));
	snprintf(f->iommu_type, sizeof(f->iommu_type), "type1v2");
	f->pgsizes = 0x40201000;
	f->have_pgsizes = true;
	if (group == 8) {
		snprintf(err, errlen, "group 8 is not viable");
		return -EPERM;
	}
	if (group == 9) {
		snprintf(err, errlen, "/dev/vfio/9: another process holds the group");
		return -EBUSY;
	}
	return group == 7 ? 0 : -ENODEV;
}

static const struct vfio_backend fake_vfio = { .name = "fake", .wait_group = fake_wait, .probe = fake_probe };

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "%s/attach-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(root));
	/* devices sit directly below pci0000:00 in this fake tree; written by
	 * the shared builder (tests/lib) */
	const struct sb_func f[] = {
		{ .bdf = BR, .parent = -1, .group = -1, .driver = "pcieport" },
		{ .bdf = DEV, .parent = -1, .busdir = "pci0000:00", .group = -1, .driver = "e1000e" },
	};
	struct sb b;
	char p[1024];

	if (sb_init(&b, root) || sb_write(&b, f, 2, NULL) || sb_mkdirs(&b, "sys/bus/pci/drivers/vfio-pci") ||
	    sb_mkdirs(&b, "proc/sys/kernel/random") || sb_mkdirs(&b, "run"))
		fail_msg("%s", b.err);
	put(DEVDIR "/driver_override", "(null)\n");
	put("sys/devices/pci0000:00/" BR "/driver_override", "(null)\n");
	for (const char *const *d = (const char *const[]){ "e1000e", "vfio-pci", "pcieport", NULL }; *d; d++) {
		snprintf(p, sizeof(p), "sys/bus/pci/drivers/%s/bind", *d);
		put(p, "");
		snprintf(p, sizeof(p), "sys/bus/pci/drivers/%s/unbind", *d);
		put(p, "");
	}
	put("sys/bus/pci/drivers_probe", "");
	put("proc/sys/kernel/random/boot_id", "1b2c3d4e-0000-4000-8000-000000000001\n");
	snprintf(rundir, sizeof(rundir), "%s/run/iommu-groups", root);
	setenv("IOMMU_GROUPS_RUNDIR", rundir, 1);
	assert_int_equal(sr_open_writable_for_tests(&sr, root), 0);
	sr_set_write_log(kernel, NULL);
	wlog[0] = '\0';
	probe_binds = native_bind_ok = true;
	unbind_hangs = false;
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	sr_set_write_log(NULL, NULL);
	sr_close(&sr);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	unsetenv("IOMMU_GROUPS_RUNDIR");
	return 0;
}

static void make_plan(struct plan *p, struct plan_member *m)
{
	memset(p, 0, sizeof(*p));
	memset(m, 0, 2 * sizeof(*m));
	snprintf(m[0].bdf, sizeof(m[0].bdf), BR);
	m[0].vendor = 0x1b36;
	m[0].device = 0x000c;
	snprintf(m[0].driver, sizeof(m[0].driver), "pcieport");
	m[0].action = PA_STAY_BRIDGE;
	snprintf(m[1].bdf, sizeof(m[1].bdf), DEV);
	m[1].vendor = 0x8086;
	m[1].device = 0x10d3;
	snprintf(m[1].driver, sizeof(m[1].driver), "e1000e");
	m[1].action = PA_TO_VFIO;
	p->group = 7;
	p->members = m;
	p->nmembers = 2;
	p->nmove = 1;
}

static void ctx_for_test(struct attach_ctx *c)
{
	attach_ctx_init(c, &sr, &fake_vfio);
	c->unbind_in_child = false;
	c->fault_after = 0;
}

static const char attach_writes[] =
	"sys/bus/pci/devices/" DEV "/driver_override=vfio-pci\n"
	"sys/bus/pci/devices/" DEV "/driver/unbind=" DEV "\n"
	"sys/bus/pci/drivers_probe=" DEV "\n";
static const char restore_writes[] =
	"sys/bus/pci/devices/" DEV "/driver/unbind=" DEV "\n"
	"sys/bus/pci/devices/" DEV "/driver_override=\\n\n"
	"sys/bus/pci/drivers/e1000e/bind=" DEV "\n";

static void expect_restored(void)
{
	char buf[64];
	struct journal j;
	char err[256];

	assert_string_equal(driver_of(DEV, buf, sizeof(buf)), "e1000e");
	assert_string_equal(driver_of(BR, buf, sizeof(buf)), "pcieport");
	get(DEVDIR "/driver_override", buf, sizeof(buf));
	assert_string_equal(buf, "(null)");
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_false(journal_exists(&j));
	journal_close(&j);
}

/* attach, probe, restore: the exact writes, and everything back */
static void test_sequence(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	struct vfio_facts f;
	char err[512], buf[64];

	(void)state;
	make_plan(&p, m);
	ctx_for_test(&c);
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_true(journal_exists(&j));
	assert_string_equal(wlog, ""); /* the journal comes before any write */
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), 0);
	assert_string_equal(wlog, attach_writes);
	assert_string_equal(driver_of(DEV, buf, sizeof(buf)), "vfio-pci");
	assert_int_equal(j.members[1].done, JS_OVERRIDE | JS_UNBIND | JS_PROBE);
	assert_int_equal(attach_probe(&c, 7, &f, err, sizeof(err)), 0);
	assert_string_equal(f.iommu_type, "type1v2");
	assert_int_equal(c.steps, 5);
	wlog[0] = '\0';
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), 0);
	assert_string_equal(wlog, restore_writes);
	journal_close(&j);
	expect_restored();
}

/* Killed after step n (SIGKILL, from the engine's crash injection); then
 * a restore from the journal alone, as `detach` does, brings it back. */
static void crash_after(int n)
{
	pid_t pid;
	int status;
	char err[512];
	struct journal j;
	struct attach_ctx c;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct plan p;
		struct plan_member m[2];
		struct vfio_facts f;

		make_plan(&p, m);
		ctx_for_test(&c);
		c.fault_after = n;
		if (journal_open(&j, 7, err, sizeof(err)) || attach_record(&c, &j, &p, err, sizeof(err)) ||
		    attach_bind(&c, &j, err, sizeof(err)) || attach_probe(&c, 7, &f, err, sizeof(err)))
			_exit(3);
		_exit(0); /* never killed: n beyond the last step */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (n <= 5) {
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGKILL);
	} else {
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	/* the child's lock died with it */
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_true(journal_exists(&j));
	assert_int_equal(journal_load(&j, err, sizeof(err)), 0);
	ctx_for_test(&c);
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), 0);
	journal_close(&j);
	expect_restored();
}

static void test_crash_after_each_step(void **state)
{
	(void)state;
	for (int n = 1; n <= 6; n++) {
		wlog[0] = '\0';
		crash_after(n);
	}
}

/* cut after the override (step 2): only the override is undone */
static void test_crash_restore_writes(void **state)
{
	(void)state;
	crash_after(2);
	/* (the child's own writes went to its copy of the log) */
	assert_string_equal(wlog, "sys/bus/pci/devices/" DEV "/driver_override=\\n\n");
}

/* drivers_probe "succeeds" but nothing binds: named, and restorable */
static void test_probe_does_not_bind(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	char err[512];

	(void)state;
	probe_binds = false;
	make_plan(&p, m);
	ctx_for_test(&c);
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), -ENODEV);
	assert_non_null(strstr(err, DEV ": did not bind to vfio-pci"));
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), 0);
	journal_close(&j);
	expect_restored();
}

/* the recorded driver's bind fails: drivers_probe lets the kernel choose */
static void test_restore_falls_back_to_probe(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	char err[512];

	(void)state;
	native_bind_ok = false;
	make_plan(&p, m);
	ctx_for_test(&c);
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), 0);
	wlog[0] = '\0';
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), 0);
	assert_non_null(strstr(wlog, "sys/bus/pci/drivers/e1000e/bind=" DEV "\n"
				     "sys/bus/pci/drivers_probe=" DEV "\n"));
	journal_close(&j);
	expect_restored();
}

/* a device already bound elsewhere when restoring is left alone */
static void test_restore_leaves_other_driver(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	char err[512];

	(void)state;
	make_plan(&p, m);
	ctx_for_test(&c);
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), 0);
	link_driver(DEV, "pcieport"); /* someone else took it meanwhile */
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), -EBUSY);
	assert_non_null(strstr(err, "bound to pcieport, not its original e1000e"));
	assert_true(journal_exists(&j)); /* kept for another try */
	journal_close(&j);
}

/* the real path: the unbind in a child process, the same writes */
static void test_unbind_in_child(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	char err[512], buf[64];

	(void)state;
	make_plan(&p, m);
	ctx_for_test(&c);
	c.unbind_in_child = true;
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), 0);
	assert_string_equal(driver_of(DEV, buf, sizeof(buf)), "vfio-pci");
	assert_int_equal(attach_restore(&c, &j, err, sizeof(err)), 0);
	journal_close(&j);
	expect_restored();
}

/* an unbind that never returns: reported with the device, within the
 * timeout, and the journal kept */
static void test_unbind_hangs(void **state)
{
	struct attach_ctx c;
	struct journal j;
	struct plan p;
	struct plan_member m[2];
	char err[512];

	(void)state;
	unbind_hangs = true;
	make_plan(&p, m);
	ctx_for_test(&c);
	c.unbind_in_child = true;
	c.unbind_timeout_ms = 200;
	assert_int_equal(journal_open(&j, 7, err, sizeof(err)), 0);
	assert_int_equal(attach_record(&c, &j, &p, err, sizeof(err)), 0);
	assert_int_equal(attach_bind(&c, &j, err, sizeof(err)), -ETIMEDOUT);
	assert_non_null(strstr(err, DEV ": unbind from e1000e hung for 200 ms"));
	assert_true(journal_exists(&j));
	assert_int_equal(j.members[1].intent, JS_OVERRIDE | JS_UNBIND);
	assert_int_equal(j.members[1].done, JS_OVERRIDE);
	journal_close(&j);
}

/* sr_write refuses a root that is neither live nor the tests' */
static void test_write_refused_on_sysroot(void **state)
{
	struct sysroot ro;

	(void)state;
	assert_int_equal(sr_open(&ro, root), 0);
	assert_int_equal(sr_write(&ro, "sys/bus/pci/drivers_probe", "x", 1), -EPERM);
	sr_close(&ro);
	assert_int_equal(sr_write(&sr, "sys/../../etc/passwd", "x", 1), -EINVAL);
	assert_int_equal(sr_write(&sr, "/etc/passwd", "x", 1), -EINVAL);
	assert_int_equal(sr_write(&sr, "sys/bus/pci/no-such-file", "x", 1), -ENOENT);
	/* a symlink as the last component is not followed */
	assert_int_equal(sr_write(&sr, "sys/bus/pci/devices/" DEV, "x", 1), -ELOOP);
}

/* detach names the process that holds /dev/vfio/N */
static void test_group_holder(void **state)
{
	char comm[64], p[1024];

	(void)state;
	assert_int_equal(attach_group_holder(&sr, 7, comm, sizeof(comm)), 0);
	mk("proc/4242");
	mk("proc/4242/fd");
	put("proc/4242/comm", "qemu-system-x86\n");
	snprintf(p, sizeof(p), "%s/proc/4242/fd/0", root);
	assert_int_equal(symlink("/dev/null", p), 0);
	snprintf(p, sizeof(p), "%s/proc/4242/fd/9", root);
	assert_int_equal(symlink("/dev/vfio/17", p), 0); /* another group */
	assert_int_equal(attach_group_holder(&sr, 7, comm, sizeof(comm)), 0);
	snprintf(p, sizeof(p), "%s/proc/4242/fd/12", root);
	assert_int_equal(symlink("/dev/vfio/7", p), 0);
	assert_int_equal(attach_group_holder(&sr, 7, comm, sizeof(comm)), 4242);
	assert_string_equal(comm, "qemu-system-x86");
}

/* The back-end finds the group not viable: the message names the members
 * on drivers that are not DMA-managed, not those on pcieport or vfio-pci. */
static void test_not_viable_named(void **state)
{
	struct attach_ctx c;
	struct vfio_facts f;
	char err[512], p[1024];

	(void)state;
	attach_ctx_init(&c, &sr, &fake_vfio);
	mk("sys/kernel");
	mk("sys/kernel/iommu_groups");
	mk("sys/kernel/iommu_groups/8");
	mk("sys/kernel/iommu_groups/8/devices");
	snprintf(p, sizeof(p), "%s/sys/kernel/iommu_groups/8/devices/" DEV, root);
	assert_int_equal(symlink("../../../../devices/pci0000:00/" DEV, p), 0);
	snprintf(p, sizeof(p), "%s/sys/kernel/iommu_groups/8/devices/" BR, root);
	assert_int_equal(symlink("../../../../devices/pci0000:00/" BR, p), 0);
	link_driver(DEV, "uio_pci_generic");
	assert_int_equal(attach_probe(&c, 8, &f, err, sizeof(err)), -EPERM);
	assert_non_null(strstr(err, "group 8 is not viable for VFIO: " DEV " on uio_pci_generic (not "
				    "DMA-managed"));
	assert_null(strstr(err, BR));
	link_driver(DEV, "vfio-pci");
	assert_int_equal(attach_probe(&c, 8, &f, err, sizeof(err)), -EPERM);
	assert_non_null(strstr(err, "a member is bound to a driver that is not DMA-managed"));
	assert_int_equal(c.steps, 0);
}

/* EBUSY on /dev/vfio/N: the process that holds it is named when found. */
static void test_busy_names_holder(void **state)
{
	struct attach_ctx c;
	struct vfio_facts f;
	char err[512], p[1024];

	(void)state;
	attach_ctx_init(&c, &sr, &fake_vfio);
	assert_int_equal(attach_probe(&c, 9, &f, err, sizeof(err)), -EBUSY);
	assert_string_equal(err, "/dev/vfio/9: another process holds the group");
	mk("proc/777");
	mk("proc/777/fd");
	put("proc/777/comm", "spdk_tgt\n");
	snprintf(p, sizeof(p), "%s/proc/777/fd/5", root);
	assert_int_equal(symlink("/dev/vfio/9", p), 0);
	assert_int_equal(attach_probe(&c, 9, &f, err, sizeof(err)), -EBUSY);
	assert_string_equal(err, "/dev/vfio/9: another process holds the group: process 777 "
				 "(spdk_tgt)");
}

/* --- waiting for the device node ------------------------------------------ */
static long long ms_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* A node that a child links into place after 200 ms (as devtmpfs would
 * create it): found, well before the timeout; one that never comes: the
 * timeout; a regular file: not a device. */
static void check_wait(enum devwait_how want)
{
	char node[600];
	enum devwait_how how;
	long long t0;
	pid_t pid;
	int st;

	snprintf(node, sizeof(node), "%s/run/vfio-node", root);
	t0 = ms_now();
	assert_int_equal(devwait_node(&sr, node, "vfio", 150, &how), -ETIMEDOUT);
	/* whole milliseconds on both sides (devwait's deadline, this clock):
	 * a wait of 149.001 ms reads as 149 */
	assert_true(ms_now() - t0 >= 149);
	assert_int_equal(how, want);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(200 * 1000);
		_exit(symlink("/dev/null", node) ? 1 : 0);
	}
	t0 = ms_now();
	assert_int_equal(devwait_node(&sr, node, "vfio", 5000, &how), 0);
	assert_true(ms_now() - t0 < 2000);
	assert_int_equal(how, want);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	unlink(node);
	put("run/vfio-node", "");
	assert_int_equal(devwait_node(&sr, node, "vfio", 100, &how), -ENOTTY);
}

static void test_devwait_poll(void **state)
{
	(void)state;
	check_wait(DEVWAIT_POLL); /* no run/udev/control: no daemon */
}

static void test_devwait_udev(void **state)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);

	(void)state;
	if (fd < 0)
		skip(); /* no netlink here: the monitor cannot be made */
	close(fd);
	mk("run/udev");
	put("run/udev/control", "");
	check_wait(DEVWAIT_UDEV);
}

/* --- VFIO_IOMMU_GET_INFO replies ------------------------------------------ */
struct reply {
	struct vfio_iommu_type1_info info;
	uint8_t caps[256];
};

static size_t good_reply(struct reply *r)
{
	struct vfio_iommu_type1_info_cap_iova_range iova;
	struct vfio_iova_range rg[2] = { { 0, 0xfedfffff }, { 0xfef00000, 0xffffffffffffull } };
	struct vfio_iommu_type1_info_dma_avail da;
	uint32_t off = sizeof(r->info);

	memset(r, 0, sizeof(*r));
	r->info.argsz = sizeof(*r);
	r->info.flags = VFIO_IOMMU_INFO_PGSIZES | VFIO_IOMMU_INFO_CAPS;
	r->info.iova_pgsizes = 0x40201000;
	r->info.cap_offset = off;
	memset(&iova, 0, sizeof(iova));
	iova.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE;
	iova.header.version = 1;
	iova.nr_iovas = 2;
	iova.header.next = off + sizeof(iova) + sizeof(rg);
	memcpy((uint8_t *)r + off, &iova, sizeof(iova));
	memcpy((uint8_t *)r + off + sizeof(iova), rg, sizeof(rg));
	off = iova.header.next;
	memset(&da, 0, sizeof(da));
	da.header.id = VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL;
	da.header.version = 1;
	da.avail = 65535;
	memcpy((uint8_t *)r + off, &da, sizeof(da));
	return off + sizeof(da);
}

static void test_info_chain(void **state)
{
	struct reply r;
	struct vfio_facts f;
	char err[256];
	size_t len = good_reply(&r);

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), 0);
	assert_true(f.have_pgsizes && f.pgsizes == 0x40201000);
	assert_true(f.have_ranges);
	assert_int_equal(f.nranges, 2);
	assert_true(f.ranges[0].end == 0xfedfffff && f.ranges[1].start == 0xfef00000);
	assert_true(f.have_dma_avail && f.dma_avail == 65535);
}

static void test_info_hostile(void **state)
{
	struct reply r;
	struct vfio_facts f;
	char err[256];
	size_t len;
	struct vfio_info_cap_header h;
	uint32_t n;

	(void)state;
	/* a chain that points back at itself */
	len = good_reply(&r);
	memcpy(&h, r.caps, sizeof(h));
	h.next = r.info.cap_offset;
	memcpy(r.caps, &h, sizeof(h));
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), -EINVAL);
	/* a capability past the end */
	len = good_reply(&r);
	r.info.cap_offset = (uint32_t)len;
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), -EINVAL);
	/* inside the fixed part */
	r.info.cap_offset = 4;
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), -EINVAL);
	/* more ranges than the reply holds */
	len = good_reply(&r);
	n = 1000000;
	memcpy(r.caps + offsetof(struct vfio_iommu_type1_info_cap_iova_range, nr_iovas), &n, sizeof(n));
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), -EINVAL);
	/* too short for the fixed part */
	assert_int_equal(vfio_parse_iommu_info(&r, 8, &f, err, sizeof(err)), -EINVAL);
	/* no capabilities flag: page sizes only */
	len = good_reply(&r);
	r.info.flags = VFIO_IOMMU_INFO_PGSIZES;
	memset(&f, 0, sizeof(f));
	assert_int_equal(vfio_parse_iommu_info(&r, len, &f, err, sizeof(err)), 0);
	assert_false(f.have_ranges);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_after_each_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_restore_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_does_not_bind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_falls_back_to_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_leaves_other_driver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbind_in_child, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbind_hangs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_refused_on_sysroot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_holder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_viable_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_names_holder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_devwait_poll, setup, teardown),
		cmocka_unit_test_setup_teardown(test_devwait_udev, setup, teardown),
		cmocka_unit_test(test_info_chain),
		cmocka_unit_test(test_info_hostile),
	};

	return tu_run("attach", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
