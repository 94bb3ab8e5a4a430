// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_load.c - model_load() on a synthetic sysroot written by the test:
 * the device tree from the sys/bus/pci/devices links (parent = the bridge
 * above, NO_DEV on a root bus), Intel VMD (the devices of a VMD domain sit
 * below "pciDDDDD:BB" under the VMD function, whose DMA they use: x86
 * pci_real_dma_dev(), arch/x86/pci/common.c: is_vmd(dev->bus) ->
 * vmd_dev), 5-hex-digit domains, SR-IOV (a VF has a physfn link; its ids are
 * the PF's vendor and the VF Device ID of the PF's SR-IOV capability:
 * pci_iov_add_virtfn(), drivers/pci/iov.c, virtfn->vendor = dev->vendor,
 * virtfn->device = iov->vf_device read at PCI_SRIOV_VF_DID = 0x1a),
 * iommu_group links and group types, the kernel release and command line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "testutil.h"

static char root[256];

static void mkdirs(const char *rel)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (char *s = p + strlen(root) + 1; *s; s++) {
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

static void put(const char *rel, const void *data, size_t len)
{
	char p[1024];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void link_to(const char *target, const char *rel)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p))
		fail_msg("symlink %s: %s", p, strerror(errno));
}

/* A device directory below sys/devices (path) with config, and the link
 * sys/bus/pci/devices/BDF, and optionally an IOMMU group. */
static void device(const char *path, const struct synth *s, int group)
{
	char rel[1024], target[1024];
	const char *bdf = strrchr(path, '/') + 1;

	snprintf(rel, sizeof(rel), "sys/devices/%s", path);
	mkdirs(rel);
	snprintf(rel, sizeof(rel), "sys/devices/%s/config", path);
	put(rel, s->b, s->len);
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", bdf);
	snprintf(target, sizeof(target), "../../../devices/%s", path);
	link_to(target, rel);
	if (group >= 0) {
		char grel[256];
		int depth = 2; /* sys/devices/ */

		for (const char *c = path; *c; c++)
			depth += *c == '/';
		snprintf(grel, sizeof(grel), "sys/kernel/iommu_groups/%d/devices", group);
		mkdirs(grel);
		snprintf(grel, sizeof(grel), "sys/kernel/iommu_groups/%d/type", group);
		put(grel, "DMA\n", 4);
		target[0] = '\0';
		for (int k = 0; k < depth; k++)
			strcat(target, "../");
		snprintf(target + strlen(target), sizeof(target) - strlen(target),
			 "kernel/iommu_groups/%d", group);
		snprintf(rel, sizeof(rel), "sys/devices/%s/iommu_group", path);
		link_to(target, rel);
	}
}

static int setup(void **state)
{
	struct synth s;
	uint16_t pos;

	(void)state;
	snprintf(root, sizeof(root), "%s/iommu-groups-load.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		return -1;
	mkdirs("sys/bus/pci/devices");
	mkdirs("proc/sys/kernel");
	put("proc/sys/kernel/osrelease", "6.12.99-test\n", 13);
	put("proc/cmdline", "intel_iommu=on\n", 15);

	/* host bridge */
	synth_endpoint(&s, 0x8086, 0x29c0, 0x060000);
	synth_size(&s, 256, 256);
	device("pci0000:00/0000:00:00.0", &s, 0);
	/* root port with ACS, a PF with SR-IOV below, two VFs */
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	device("pci0000:00/0000:00:04.0", &s, 1);
	sy_pcie_ep(&s, 0x1b36, 0x0010, false);
	pos = synth_add_ext_cap(&s, 0x10 /* PCI_EXT_CAP_ID_SRIOV */, 0x40);
	synth_w16(&s, pos + 0x0e, 4);       /* TotalVFs */
	synth_w16(&s, pos + 0x10, 2);       /* NumVFs */
	synth_w16(&s, pos + 0x1a, 0x1234);  /* VF Device ID */
	device("pci0000:00/0000:00:04.0/0000:01:00.0", &s, 2);
	synth_endpoint(&s, 0xffff, 0xffff, 0x010802); /* a VF's own id registers */
	synth_add_pcie(&s, PCIE_ENDPOINT);
	device("pci0000:00/0000:00:04.0/0000:01:00.1", &s, 3);
	link_to("../0000:01:00.0", "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.1/physfn");
	device("pci0000:00/0000:00:04.0/0000:01:00.2", &s, 4);
	link_to("../0000:01:00.0", "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.2/physfn");
	/* VMD controller and its domain */
	synth_endpoint(&s, 0x8086, 0x467f, 0x010400);
	synth_add_pcie(&s, PCIE_RC_END);
	device("pci0000:00/0000:00:0e.0", &s, 5);
	sy_port(&s, PCIE_ROOT_PORT, 0xe0, 0xe1, 0xe1, true, REQ_ALL, REQ_ALL);
	device("pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0", &s, 5);
	sy_pcie_ep(&s, 0x144d, 0xa808, false);
	device("pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0/10000:e1:00.0", &s, 5);
	/* a device without a group */
	sy_pcie_ep(&s, 0x1af4, 0x1041, false);
	device("pci0000:00/0000:00:05.0", &s, -1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static int find(const struct sysmodel *m, const char *bdf)
{
	uint32_t dom;
	uint8_t bus, devfn;

	assert_int_equal(parse_bdf(bdf, &dom, &bus, &devfn), 0);
	return model_find(m, dom, bus, devfn);
}

static void load_tree(void **state)
{
	struct analysis a;
	struct analysis_opts o = { .sysroot = root };
	char err[512];
	int hb, rp, pf, vf1, vf2, vmd, vrp, nvme, lone;

	(void)state;
	if (analysis_run(&a, &o, err, sizeof(err)))
		fail_msg("analysis_run: %s", err);
	assert_int_equal(a.m.ndevs, 9);
	assert_string_equal(a.m.kernel_release, "6.12.99-test");
	assert_non_null(strstr(a.m.cmdline, "intel_iommu=on"));
	assert_int_equal(a.m.rules.major, 6);
	assert_int_equal(a.m.rules.minor, 12);
	assert_false(a.m.live);

	hb = find(&a.m, "0000:00:00.0");
	rp = find(&a.m, "0000:00:04.0");
	pf = find(&a.m, "0000:01:00.0");
	vf1 = find(&a.m, "0000:01:00.1");
	vf2 = find(&a.m, "0000:01:00.2");
	vmd = find(&a.m, "0000:00:0e.0");
	vrp = find(&a.m, "10000:e0:06.0");
	nvme = find(&a.m, "10000:e1:00.0");
	lone = find(&a.m, "0000:00:05.0");
	assert_true(hb >= 0 && rp >= 0 && pf >= 0 && vf1 >= 0 && vf2 >= 0 && vmd >= 0 && vrp >= 0 &&
		    nvme >= 0 && lone >= 0);

	/* tree */
	assert_int_equal(a.m.devs[hb].parent, NO_DEV);
	assert_int_equal(a.m.devs[rp].parent, NO_DEV);
	assert_int_equal(a.m.devs[pf].parent, rp);
	assert_int_equal(a.m.devs[vrp].parent, NO_DEV); /* root bus of the VMD domain */
	assert_int_equal(a.m.devs[nvme].parent, vrp);
	assert_string_equal(a.m.devs[nvme].bdf, "10000:e1:00.0");
	assert_int_equal(a.m.devs[nvme].domain, 0x10000);

	/* VMD: pci_real_dma_dev() */
	assert_int_equal(a.m.devs[nvme].real_dma_dev, vmd);
	assert_int_equal(a.m.devs[vrp].real_dma_dev, vmd);
	assert_int_equal(a.m.devs[rp].real_dma_dev, rp);
	assert_int_equal(a.g.isolation_of[nvme], a.g.isolation_of[vmd]);
	assert_int_equal(a.g.isolation_of[vrp], a.g.isolation_of[vmd]);

	/* SR-IOV */
	assert_true(a.m.devs[vf1].is_vf);
	assert_int_equal(a.m.devs[vf1].physfn, pf);
	assert_false(a.m.devs[pf].is_vf);
	assert_int_equal(a.m.devs[vf1].vendor, 0x1b36);
	assert_int_equal(a.m.devs[vf1].device, 0x1234);
	assert_int_equal(a.m.devs[vf2].device, 0x1234);
	assert_false(a.m.devs[vf1].multifunction);
	assert_int_equal(a.m.devs[pf].sriov_totalvfs, 4);
	assert_int_equal(a.m.devs[pf].sriov_numvfs, 2);
	assert_int_not_equal(a.g.isolation_of[vf1], a.g.isolation_of[vf2]);

	/* kernel groups */
	assert_int_equal(a.m.devs[hb].kernel_group, 0);
	assert_int_equal(a.m.devs[nvme].kernel_group, 5);
	assert_int_equal(a.m.devs[lone].kernel_group, NO_GROUP);
	assert_int_equal(a.m.nkgroups, 6);
	for (size_t k = 1; k < a.m.nkgroups; k++)
		assert_true(a.m.kgroups[k - 1].id < a.m.kgroups[k].id);
	assert_string_equal(a.m.kgroups[0].type, "DMA");
	assert_true(a.g.isolation_groups[a.g.isolation_of[nvme]].matches_kernel);
	analysis_free(&a);
}

/* A sysroot without sys/bus/pci: a one-line error, no crash. */
static void load_missing(void **state)
{
	struct analysis a;
	struct analysis_opts o = { .sysroot = "/nonexistent-iommu-groups" };
	char err[512] = "";

	(void)state;
	assert_int_not_equal(analysis_run(&a, &o, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "nonexistent-iommu-groups"));
	assert_null(strchr(err, '\n'));
	analysis_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(load_tree, setup, teardown),
		cmocka_unit_test(load_missing),
	};

	return tu_run("load", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
