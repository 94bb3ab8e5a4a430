// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_plan.c - the read-only attach plan (plan.c) on a copy of the
 * switch-noacs fixture (captured from 6.12: the e1000e 03:00.0 shares group
 * 4 with the downstream port 02:00.0), with what the fixture lacks added
 * per test: a driver, a network interface that is up with the default
 * route, a mounted, swapping or held disk, the boot VGA flag, a bridge on a driver
 * VFIO does not accept; and the IOMMU-off fixture. Every refusal, and
 * --force giving way to the in-use ones only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "plan.h"
#include "testutil.h"

#define FIX "fixtures/6.12/switch-noacs"
#define EP "0000:03:00.0"
#define EPDIR "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.0/0000:02:00.0/" EP
#define PORTDIR "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.0/0000:02:00.0"

static char root[256];

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

static void put(const char *rel, const char *s)
{
	sh("mkdir -p \"$(dirname '%s/%s')\" && printf '%%s' '%s' > '%s/%s'", root, rel, s, root, rel);
}

static int setup(void **state)
{
	(void)state;
	if (access(FIX "/kernel-groups.txt", F_OK))
		skip();
	snprintf(root, sizeof(root), "%s/plan-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(root));
	sh("cp -a " FIX "/. '%s'", root);
	sh("mkdir -p '%s/sys/bus/pci/drivers/e1000e' && ln -s ../../../../../../bus/pci/drivers/e1000e "
	   "'%s/" EPDIR "/driver'",
	   root, root);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sh("rm -rf '%s'", root);
	return 0;
}

static void make_env(const char *sysroot, const char *bdf, const struct plan_env *env,
		     struct analysis *a, struct plan *p)
{
	struct analysis_opts o = { .sysroot = sysroot };
	char err[512];
	bool usage;
	int i;

	assert_int_equal(analysis_run(a, &o, err, sizeof(err)), 0);
	i = analysis_find_arg(a, bdf, err, sizeof(err), &usage);
	assert_int_not_equal(i, NO_DEV);
	assert_int_equal(plan_make(a, i, env, p), 0);
}

static void make(const char *sysroot, const char *bdf, unsigned int euid, bool dry, struct analysis *a,
		 struct plan *p)
{
	struct analysis_opts o = { .sysroot = sysroot };
	struct plan_env env = { .euid = euid, .dry_run = dry };
	char err[512];
	bool usage;
	int i;

	assert_int_equal(analysis_run(a, &o, err, sizeof(err)), 0);
	i = analysis_find_arg(a, bdf, err, sizeof(err), &usage);
	assert_int_not_equal(i, NO_DEV);
	assert_int_equal(plan_make(a, i, &env, p), 0);
}

static void done(struct analysis *a, struct plan *p)
{
	plan_free(p);
	analysis_free(a);
}

static const struct plan_refusal *find_refusal(const struct plan *p, enum refusal_kind k,
					       const char *text)
{
	for (size_t i = 0; i < p->nrefusals; i++)
		if (p->refusals[i].kind == k && strstr(p->refusals[i].msg, text))
			return &p->refusals[i];
	for (size_t i = 0; i < p->nrefusals; i++)
		print_message("refusal: %s\n", p->refusals[i].msg);
	fail_msg("no refusal of kind %d saying '%s'", k, text);
	return NULL;
}

static void test_members(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.group, 4);
	assert_int_equal(p.nmembers, 2);
	assert_string_equal(p.members[0].bdf, "0000:02:00.0");
	assert_int_equal(p.members[0].action, PA_STAY_BRIDGE);
	assert_string_equal(p.members[0].driver, "pcieport");
	assert_string_equal(p.members[1].bdf, EP);
	assert_int_equal(p.members[1].action, PA_TO_VFIO);
	assert_int_equal(p.nmove, 1);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
	/* asked by the port: the same group, the same plan */
	make(root, "02:00.0", 0, false, &a, &p);
	assert_int_equal(p.nmembers, 2);
	assert_int_equal(p.nmove, 1);
	done(&a, &p);
}

static void test_not_root(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	make(root, EP, 1000, false, &a, &p);
	find_refusal(&p, RF_NOT_ROOT, "run as root");
	assert_int_equal(plan_blocking(&p, true), 1); /* --force does not help */
	done(&a, &p);
	make(root, EP, 1000, true, &a, &p); /* a dry run reads only */
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
}

static void test_interface_default_route(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	put(EPDIR "/net/eth0/operstate", "down\n");
	put(EPDIR "/net/eth0/flags", "0x1003\n"); /* IFF_UP, while the link is down */
	sh("mkdir -p '%s/sys/class/net' && ln -s ../../devices/pci0000:00/0000:00:04.0/0000:01:00.0/"
	   "0000:02:00.0/" EP "/net/eth0 '%s/sys/class/net/eth0'",
	   root, root);
	put("proc/net/route",
	    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
	    "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
	    "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_IN_USE, EP ": network interface eth0 is up and carries routes; this is "
				    "the interface of your default route");
	assert_int_equal(plan_blocking(&p, false), 1);
	assert_int_equal(plan_blocking(&p, true), 0);
	done(&a, &p);
	/* down, no routes: nothing to refuse */
	put(EPDIR "/net/eth0/flags", "0x1002\n");
	put("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n");
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
}

static void test_route_facts(void **state)
{
	bool dflt, routed;

	(void)state;
	plan_route_facts("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
			 "eth1\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\n",
			 "eth1", &dflt, &routed);
	assert_true(routed && !dflt);
	plan_route_facts("eth10\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\n", "eth1", &dflt, &routed);
	assert_false(routed || dflt);
	plan_route_facts("", "eth1", &dflt, &routed);
	assert_false(routed || dflt);
}

static void add_disk(void)
{
	put(EPDIR "/nvme/nvme0/nvme0n1/dev", "259:0\n");
	put(EPDIR "/nvme/nvme0/nvme0n1/nvme0n1p1/dev", "259:1\n");
	sh("mkdir -p '%s/" EPDIR "/nvme/nvme0/nvme0n1/holders' '%s/sys/block' && ln -s ../devices/"
	   "pci0000:00/0000:00:04.0/0000:01:00.0/0000:02:00.0/" EP "/nvme/nvme0/nvme0n1 "
	   "'%s/sys/block/nvme0n1'",
	   root, root, root);
}

static void test_mounted_partition(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	add_disk();
	put("proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
				   "40 22 259:1 / /srv/data rw,relatime - ext4 /dev/nvme0n1p1 rw\n");
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_IN_USE, EP ": block device nvme0n1p1 is mounted on /srv/data");
	done(&a, &p);
}

static void test_swap_partition(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	add_disk();
	put("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
			  "/dev/nvme0n1p1                          partition\t1048572\t\t0\t\t-2\n");
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_IN_USE, EP ": block device nvme0n1p1 is in use as swap");
	done(&a, &p);
}

static void test_held_disk(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	add_disk();
	put(EPDIR "/nvme/nvme0/nvme0n1/holders/dm-0", "");
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_IN_USE, EP ": block device nvme0n1 is held");
	done(&a, &p);
}

static void test_boot_vga(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	put(EPDIR "/boot_vga", "1\n");
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_IN_USE, EP ": the boot VGA device");
	done(&a, &p);
	/* unbound: still refused (firmware framebuffers use it unbound) */
	sh("rm '%s/" EPDIR "/driver'", root);
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.members[1].action, PA_STAY_UNBOUND);
	find_refusal(&p, RF_IN_USE, EP ": the boot VGA device");
	done(&a, &p);
	put(EPDIR "/boot_vga", "0\n");
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
}

static void test_bridge_driver(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	sh("mkdir -p '%s/sys/bus/pci/drivers/shpchp' && ln -sfn ../../../../../bus/pci/drivers/shpchp "
	   "'%s/" PORTDIR "/driver'",
	   root, root);
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_DRIVER, "0000:02:00.0: bridge bound to shpchp");
	assert_int_equal(plan_blocking(&p, true), 1);
	done(&a, &p);
}

/* A vfio-pci variant driver (mlx5_vfio_pci, ...) already gives the
 * device to VFIO: it stays, and counts as DMA-managed. */
static void test_variant_driver(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	sh("mkdir -p '%s/sys/bus/pci/drivers/mlx5_vfio_pci' && ln -sfn "
	   "../../../../../../bus/pci/drivers/mlx5_vfio_pci '%s/" EPDIR "/driver'",
	   root, root);
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.members[1].action, PA_STAY_VFIO);
	assert_int_equal(p.nmove, 0);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
	assert_true(plan_driver_dma_managed("pcieport"));
	assert_true(plan_driver_dma_managed("pci-stub"));
	assert_true(plan_driver_dma_managed("vfio-pci"));
	assert_true(plan_driver_dma_managed("nvgrace_gpu_vfio_pci"));
	assert_false(plan_driver_dma_managed("_vfio_pci"));
	assert_false(plan_driver_dma_managed("uio_pci_generic"));
	assert_false(plan_driver_dma_managed("shpchp"));
	assert_false(plan_driver_dma_managed("e1000e"));
}

/* Another process has /dev/vfio/4 open: refused before any write, naming
 * it (VFIO would answer EBUSY after the rebind). */
static void test_group_held(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	put("proc/4321/comm", "qemu-system-x86");
	sh("mkdir -p '%s/proc/4321/fd' && ln -s /dev/vfio/4 '%s/proc/4321/fd/17' && "
	   "ln -s /dev/null '%s/proc/4321/fd/0'",
	   root, root, root);
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_HELD, "/dev/vfio/4 is open in process 4321 (qemu-system-x86): another "
				  "process holds the group");
	assert_int_equal(plan_blocking(&p, true), 1);
	done(&a, &p);
	/* another group's node is no reason */
	sh("ln -sfn /dev/vfio/40 '%s/proc/4321/fd/17'", root);
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
}

/* --bench against RLIMIT_MEMLOCK: refused with the figures and how to
 * raise it; not without a limit; a non-root run hears only "run as root". */
static void test_memlock(void **state)
{
	struct plan_env env = { .euid = 0, .bench_bytes = 64ull << 20, .memlock = 8ull << 20 };
	const struct plan_refusal *r;
	struct analysis a;
	struct plan p;

	(void)state;
	make_env(root, EP, &env, &a, &p);
	r = find_refusal(&p, RF_MEMLOCK, "--bench will pin up to 65536 KiB for DMA but RLIMIT_MEMLOCK "
					"is 8192 KiB");
	assert_non_null(strstr(r->msg, "ulimit -l 65536"));
	assert_non_null(strstr(r->msg, "limits.conf"));
	assert_non_null(strstr(r->msg, "LimitMEMLOCK="));
	assert_int_equal(plan_blocking(&p, true), 1);
	done(&a, &p);
	env.memlock = 64ull << 20; /* exactly enough */
	make_env(root, EP, &env, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
	env.memlock = UINT64_MAX; /* unlimited, or CAP_IPC_LOCK */
	make_env(root, EP, &env, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
	env.memlock = 4096;
	env.euid = 1000;
	make_env(root, EP, &env, &a, &p);
	assert_int_equal(p.nrefusals, 1);
	find_refusal(&p, RF_NOT_ROOT, "run as root");
	done(&a, &p);
}

/* What --bench will pin, before attaching: the largest size after the
 * memory cap and the 4 GiB assumed before the IOVA ranges are known. */
static void test_bench_bytes(void **state)
{
	struct sysroot sr;
	uint64_t s1[] = { 4096, 64ull << 20 }, s2[] = { 4096, 1ull << 30 }, s3[] = { 8ull << 30 };

	(void)state;
	assert_int_equal(sr_open(&sr, root), 0);
	/* no meminfo in the fixture: no memory cap */
	assert_int_equal(plan_bench_bytes(&sr, s1, 2, false), 64ull << 20);
	assert_int_equal(plan_bench_bytes(&sr, s2, 2, false), 1ull << 30);
	assert_int_equal(plan_bench_bytes(&sr, s3, 1, false), 4ull << 30);
	assert_int_equal(plan_bench_bytes(&sr, s1, 1, true), 65536ull * 4096);
	assert_int_equal(plan_bench_bytes(&sr, s1, 0, false), 0);
	put("proc/meminfo", "MemTotal:  1000000 kB\nMemAvailable:     400000 kB\n");
	/* a quarter of 400000 kB, to a power of two: 64 MiB */
	assert_int_equal(plan_bench_bytes(&sr, s2, 2, false), 64ull << 20);
	sr_close(&sr);
}

static void test_iommu_off(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	if (access("fixtures/6.12/intel-iommu-off/kernel-groups.txt", F_OK))
		skip();
	make("fixtures/6.12/intel-iommu-off", "00:04.0", 0, false, &a, &p);
	assert_int_equal(p.group, NO_GROUP);
	assert_int_equal(p.nmembers, 0);
	find_refusal(&p, RF_NO_GROUP, "intel_iommu=on");
	assert_null(strstr(p.refusals[0].msg, "no-IOMMU mode is used"));
	done(&a, &p);
}

/* A DMAR RMRR naming the endpoint (not USB, not graphics: the kernel
 * does not relax it) refuses the attach before any write, and --force
 * does not give way; the same table without the RMRR does not. */
static void write_dmar(bool with_rmrr)
{
	uint8_t t[48 + 16 + 32] = { 'D', 'M', 'A', 'R' };
	size_t n = 48;
	uint8_t sum = 0;
	char rel[320];
	FILE *f;

	t[8] = 1;   /* revision */
	t[36] = 38; /* host address width - 1 */
	/* DRHD, INCLUDE_PCI_ALL, segment 0 */
	t[n] = 0, t[n + 2] = 16, t[n + 4] = 1;
	t[n + 8] = 0x00, t[n + 9] = 0xd0, t[n + 10] = 0xd9, t[n + 11] = 0xfe;
	n += 16;
	if (with_rmrr) {
		/* RMRR 0x7a000000-0x7a0fffff, one endpoint scope: start bus 3, 00.0 */
		t[n] = 1, t[n + 2] = 32;
		t[n + 11] = 0x7a, t[n + 16] = 0xff, t[n + 17] = 0xff, t[n + 18] = 0x0f,
		t[n + 19] = 0x7a;
		t[n + 24] = 1, t[n + 25] = 8, t[n + 29] = 3, t[n + 30] = 0, t[n + 31] = 0;
		n += 32;
	}
	t[4] = (uint8_t)n;
	for (size_t k = 0; k < n; k++)
		sum = (uint8_t)(sum + t[k]);
	t[9] = (uint8_t)(0x100 - sum);
	snprintf(rel, sizeof(rel), "%s/sys/firmware/acpi/tables/DMAR", root);
	f = fopen(rel, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(t, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void test_rmrr(void **state)
{
	struct analysis a;
	struct plan p;

	(void)state;
	write_dmar(true);
	make(root, EP, 0, false, &a, &p);
	find_refusal(&p, RF_RMRR, EP ": Ineligible for IOMMU domain attach due to platform RMRR");
	assert_int_equal(plan_blocking(&p, true), 1);
	done(&a, &p);
	write_dmar(false);
	make(root, EP, 0, false, &a, &p);
	assert_int_equal(p.nrefusals, 0);
	done(&a, &p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_members, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interface_default_route, setup, teardown),
		cmocka_unit_test(test_route_facts),
		cmocka_unit_test_setup_teardown(test_mounted_partition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swap_partition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_vga, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bridge_driver, setup, teardown),
		cmocka_unit_test(test_iommu_off),
		cmocka_unit_test_setup_teardown(test_variant_driver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memlock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bench_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rmrr, setup, teardown),
	};

	return tu_run("plan", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
