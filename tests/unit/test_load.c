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
 * Then the same tree damaged, as a hostile --sysroot may be: a FIFO or a
 * link out of the root for config (a one-line error, no hang), links out
 * of the root, to missing groups or with overflowing numbers for
 * iommu_group, driver and physfn (warnings, the value unknown), a device
 * that is its own parent and parents that loop (cut, warned), one function
 * spelled twice, physfn loops, group members that are not PCI functions,
 * an unreadable command line, a 32-bit domain.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "load.h"
#include "par.h"
#include "sysroot_build.h"
#include "testutil.h"

static char root[256];

/* The tree is written by the shared builder (tests/lib/sysroot_build.c);
 * these wrappers end the test on an error. */
static struct sb sb;

static void mkdirs(const char *rel)
{
	if (sb_mkdirs(&sb, rel))
		fail_msg("%s", sb.err);
}

static void put(const char *rel, const void *data, size_t len)
{
	if (sb_put(&sb, rel, data, len))
		fail_msg("%s", sb.err);
}

static void link_to(const char *target, const char *rel)
{
	if (sb_link(&sb, target, rel))
		fail_msg("%s", sb.err);
}

/* A device directory below sys/devices (path) with config, and the link
 * sys/bus/pci/devices/BDF, and optionally an IOMMU group. */
static void device(const char *path, const struct synth *s, int group)
{
	struct sb_func f = { .config = s->b, .config_len = s->len, .group = group };

	if (sb_add(&sb, path, &f))
		fail_msg("%s", sb.err);
}

static int setup(void **state)
{
	struct synth s;
	uint16_t pos;

	(void)state;
	if (tu_root_make(root, sizeof(root), "load") || sb_init(&sb, root))
		return -1;
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
	(void)state;
	sr_force_no_nodev(false);
	return tu_root_remove(root);
}

static int find(const struct sysmodel *m, const char *bdf)
{
	uint32_t dom;
	uint8_t bus, devfn;

	assert_int_equal(parse_bdf(bdf, &dom, &bus, &devfn), 0);
	return model_find(m, dom, bus, devfn);
}

/* Two loads of one tree (two ways of reading it) made the same functions. */
static void same_devs(const struct sysmodel *a, const struct sysmodel *b)
{
	assert_int_equal(a->ndevs, b->ndevs);
	for (size_t i = 0; i < a->ndevs; i++) {
		const struct dev *x = &a->devs[i], *y = &b->devs[i];

		assert_string_equal(x->bdf, y->bdf);
		assert_int_equal(x->vendor, y->vendor);
		assert_int_equal(x->class, y->class);
		assert_int_equal(x->cfg_len, y->cfg_len);
		assert_int_equal(x->cfg_complete, y->cfg_complete);
		assert_int_equal(x->acs, y->acs);
		assert_int_equal(x->acs_ctrl, y->acs_ctrl);
		assert_int_equal(x->parent, y->parent);
		assert_int_equal(x->is_vf, y->is_vf);
		assert_int_equal(x->physfn, y->physfn);
		assert_int_equal(x->kernel_group, y->kernel_group);
	}
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
	assert_int_equal(a.rc.rules.major, 6);
	assert_int_equal(a.rc.rules.minor, 12);
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
	/* the same model without the nodev copy of the mounts (as not root:
	 * each config's size by stat(), not by reading to its end) */
	{
		struct analysis b;

		sr_force_no_nodev(true);
		if (analysis_run(&b, &o, err, sizeof(err)))
			fail_msg("analysis_run: %s", err);
		sr_force_no_nodev(false);
		same_devs(&a.m, &b.m);
		analysis_free(&b);
	}
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

/* --- hostile trees: the tree of setup(), damaged ----------------------- */

static void at(char *p, size_t len, const char *rel)
{
	snprintf(p, len, "%s/%s", root, rel);
}

static void unlink_rel(const char *rel)
{
	char p[1024];

	at(p, sizeof(p), rel);
	unlink(p);
}

static void replace_link(const char *target, const char *rel)
{
	unlink_rel(rel);
	link_to(target, rel);
}

static void replace_fifo(const char *rel)
{
	char p[1024];

	at(p, sizeof(p), rel);
	unlink(p);
	if (mkfifo(p, 0644))
		fail_msg("mkfifo %s: %s", p, strerror(errno));
}

static bool warned(const struct sysmodel *m, const char *text)
{
	for (size_t i = 0; i < m->nwarnings; i++)
		if (strstr(m->warnings[i], text))
			return true;
	return false;
}

static void dump_warnings(const struct sysmodel *m)
{
	for (size_t i = 0; i < m->nwarnings; i++)
		print_message("warning: %s\n", m->warnings[i]);
}

/* analysis_run() that must finish (alarm) and succeed. */
static void run_ok(struct analysis *a)
{
	struct analysis_opts o = { .sysroot = root };
	char err[512];

	alarm(20);
	if (analysis_run(a, &o, err, sizeof(err)))
		fail_msg("analysis_run: %s", err);
	alarm(0);
	dump_warnings(&a->m);
}

/* analysis_run() that must fail with one line containing text. */
static void run_fails(const char *text)
{
	struct analysis a;
	struct analysis_opts o = { .sysroot = root };
	char err[512] = "";

	alarm(20);
	assert_int_not_equal(analysis_run(&a, &o, err, sizeof(err)), 0);
	alarm(0);
	print_message("error: %s\n", err);
	assert_non_null(strstr(err, text));
	assert_null(strchr(err, '\n'));
	analysis_free(&a);
}

#define LONE "sys/devices/pci0000:00/0000:00:05.0"
#define PF "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.0"
#define VF1 "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.1"
#define VF2 "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.2"

static void hostile_config_fifo(void **state)
{
	(void)state;
	replace_fifo(LONE "/config");
	/* refused at the read (nodev copy) or at the open (stat()) alike */
	run_fails("0000:00:05.0: not a regular file");
	sr_force_no_nodev(true);
	run_fails("0000:00:05.0: not a regular file");
	sr_force_no_nodev(false);
}

static void hostile_config_outside(void **state)
{
	(void)state;
	replace_link("/etc/hostname", LONE "/config");
	run_fails("config of 0000:00:05.0 leads outside the sysroot");
	replace_link("../../../../../../../../../../../etc/hostname", LONE "/config");
	run_fails("config of 0000:00:05.0 leads outside the sysroot");
}

static void hostile_group_links(void **state)
{
	struct analysis a;
	char p[1024];

	(void)state;
	/* VF1: a group that does not exist; VF2: a number past INT_MAX (its
	 * directory exists); PF: a link out of the root; the host bridge:
	 * not a number; the root port: a link to a group of another name */
	replace_link("../../../../kernel/iommu_groups/77", VF1 "/iommu_group");
	mkdirs("sys/kernel/iommu_groups/4294967296/devices");
	replace_link("../../../../kernel/iommu_groups/4294967296", VF2 "/iommu_group");
	replace_link("/sys/kernel/iommu_groups/2", PF "/iommu_group");
	mkdirs("sys/kernel/iommu_groups/0x1");
	replace_link("../../../kernel/iommu_groups/0x1", "sys/devices/pci0000:00/0000:00:00.0/iommu_group");
	at(p, sizeof(p), "sys/kernel/iommu_groups/1");
	replace_link("../../../kernel/iommu_groups/0/../1", "sys/devices/pci0000:00/0000:00:04.0/iommu_group");
	run_ok(&a);
	assert_true(warned(&a.m, "iommu_group of 0000:01:00.1 names group 77, which does not exist"));
	assert_true(warned(&a.m, "iommu_group of 0000:01:00.2 names '4294967296', a group number "
				 "out of range"));
	assert_true(warned(&a.m, "sys/kernel/iommu_groups/4294967296 is a group number out of range"));
	assert_true(warned(&a.m, "iommu_group of 0000:01:00.0 leads outside the sysroot"));
	assert_true(warned(&a.m, "iommu_group of 0000:00:00.0 names '0x1', not a group number"));
	assert_true(warned(&a.m, "sys/kernel/iommu_groups/0x1 is not a group number"));
	assert_int_equal(a.m.devs[find(&a.m, "0000:01:00.1")].kernel_group, NO_GROUP);
	assert_int_equal(a.m.devs[find(&a.m, "0000:01:00.2")].kernel_group, NO_GROUP);
	assert_int_equal(a.m.devs[find(&a.m, "0000:01:00.0")].kernel_group, NO_GROUP);
	assert_int_equal(a.m.devs[find(&a.m, "0000:00:00.0")].kernel_group, NO_GROUP);
	/* ".../0/../1" does lead to group 1 */
	assert_int_equal(a.m.devs[find(&a.m, "0000:00:04.0")].kernel_group, 1);
	for (size_t k = 0; k < a.m.nkgroups; k++)
		assert_true(a.m.kgroups[k].id >= 0 && a.m.kgroups[k].id != 77);
	analysis_free(&a);
}

static void hostile_other_links(void **state)
{
	struct analysis a;

	(void)state;
	mkdirs("sys/bus/pci/drivers/pcieport");
	link_to("/sys/bus/pci/drivers/pcieport", "sys/devices/pci0000:00/0000:00:04.0/driver");
	link_to("../../../bus/pci/drivers/pcieport", "sys/devices/pci0000:00/0000:00:0e.0/driver");
	replace_link("/sys/devices/pci0000:00/0000:00:05.0", "sys/bus/pci/devices/0000:00:05.0");
	replace_link("/sys/devices/pci0000:00/0000:00:04.0/0000:01:00.0", VF2 "/physfn");
	run_ok(&a);
	assert_true(warned(&a.m, "driver of 0000:00:04.0 leads outside the sysroot"));
	assert_null(a.m.devs[find(&a.m, "0000:00:04.0")].driver);
	assert_string_equal(a.m.devs[find(&a.m, "0000:00:0e.0")].driver, "pcieport");
	assert_true(warned(&a.m, "sys/bus/pci/devices/0000:00:05.0 leads outside the sysroot"));
	assert_int_equal(find(&a.m, "0000:00:05.0"), NO_DEV);
	assert_true(warned(&a.m, "physfn of 0000:01:00.2 leads outside the sysroot"));
	assert_true(a.m.devs[find(&a.m, "0000:01:00.2")].is_vf);
	assert_int_equal(a.m.devs[find(&a.m, "0000:01:00.2")].physfn, NO_DEV);
	assert_int_equal(a.m.devs[find(&a.m, "0000:01:00.1")].physfn, find(&a.m, "0000:01:00.0"));
	analysis_free(&a);
}

static void hostile_self_parent(void **state)
{
	struct analysis a;
	struct synth s;
	int lone;

	(void)state;
	/* 0000:00:05.0 below itself */
	sy_pcie_ep(&s, 0x1af4, 0x1041, false);
	unlink_rel("sys/bus/pci/devices/0000:00:05.0");
	device("pci0000:00/0000:00:05.0/0000:00:05.0", &s, -1);
	run_ok(&a);
	assert_true(warned(&a.m, "sysfs names 0000:00:05.0 as its own parent"));
	lone = find(&a.m, "0000:00:05.0");
	assert_int_equal(a.m.devs[lone].parent, NO_DEV);
	assert_false(a.m.devs[lone].cfg_complete);
	/* alone, without an edge: still uncertain */
	assert_false(a.g.isolation_groups[a.g.isolation_of[lone]].certain);
	analysis_free(&a);
}

static void hostile_parent_loop(void **state)
{
	struct analysis a;
	struct synth s;
	int rp, pf;

	(void)state;
	/* the root port below its own PF: 00:04.0 -> 01:00.0 -> 00:04.0 */
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, true, REQ_ALL, REQ_ALL);
	unlink_rel("sys/bus/pci/devices/0000:00:04.0");
	device("pci0000:00/0000:00:04.0/0000:01:00.0/0000:00:04.0", &s, -1);
	run_ok(&a);
	assert_true(warned(&a.m, "form a loop"));
	rp = find(&a.m, "0000:00:04.0");
	pf = find(&a.m, "0000:01:00.0");
	assert_true(a.m.devs[rp].parent == NO_DEV || a.m.devs[pf].parent == NO_DEV);
	/* the PF's group rests on the cut link: uncertain */
	assert_false(a.g.isolation_groups[a.g.isolation_of[pf]].certain);
	analysis_free(&a);
}

/* A model with parent loops built directly (any loader's output goes
 * through model_finish): cut, then the whole pipeline ends. */
static void finish_cuts_loops(void **state)
{
	struct tm t;
	struct synth s;
	int a1, b1, c1, e1;

	(void)state;
	tm_init(&t);
	sy_port(&s, PCIE_ROOT_PORT, 0, 1, 1, false, 0, 0);
	a1 = tm_add(&t, "00:01.0", &s, NO_DEV);
	sy_port(&s, PCIE_DOWNSTREAM, 1, 2, 2, false, 0, 0);
	b1 = tm_add(&t, "01:00.0", &s, a1);
	sy_pcie_ep(&s, 0x8086, 0x10d3, false);
	c1 = tm_add(&t, "02:00.0", &s, b1);
	e1 = tm_add(&t, "03:00.0", &s, NO_DEV);
	t.m.devs[a1].parent = b1;   /* a1 <-> b1 */
	t.m.devs[e1].parent = e1;   /* self */
	t.m.devs[c1].physfn = c1;   /* physfn self */
	t.m.devs[c1].is_vf = true;
	alarm(20);
	tm_build(&t);
	alarm(0);
	assert_true(t.m.devs[a1].parent == NO_DEV || t.m.devs[b1].parent == NO_DEV);
	assert_int_equal(t.m.devs[e1].parent, NO_DEV);
	assert_int_equal(t.m.devs[c1].physfn, NO_DEV);
	assert_true(warned(&t.m, "form a loop"));
	assert_true(warned(&t.m, "as its own parent"));
	assert_true(warned(&t.m, "physfn of 0000:02:00.0 names itself"));
	tm_free(&t);
}

static void hostile_double_spelling(void **state)
{
	struct analysis a;
	size_t n = 0;

	(void)state;
	link_to("../../../devices/pci0000:00/0000:00:05.0", "sys/bus/pci/devices/0000000:00:05.0");
	link_to("../../../devices/pci0000:00/0000:00:05.0", "sys/bus/pci/devices/00:05.0");
	run_ok(&a);
	assert_int_equal(a.m.ndevs, 9);
	for (size_t i = 0; i < a.m.ndevs; i++)
		n += !strcmp(a.m.devs[i].bdf, "0000:00:05.0");
	assert_int_equal(n, 1);
	assert_true(warned(&a.m, "names 0000:00:05.0 twice, as 0000000:00:05.0 and 0000:00:05.0; "
				 "using 0000:00:05.0"));
	assert_true(warned(&a.m, "as 0000:00:05.0 and 00:05.0; using 0000:00:05.0"));
	analysis_free(&a);
}

/* Live, the PF's SR-IOV capability says where its VFs are (VF Enable,
 * NumVFs, First VF Offset, VF Stride), as the kernel placed them: a
 * function there whose ids read ffff is its VF, no physfn link read. One
 * that no PF places is asked of its link; one with no link is no VF, and
 * its config space is read whole. A --sysroot reads every such link
 * (hostile_physfn_loops): there the links are what is checked. */
static void vfs_placed_by_pf(void **state)
{
	struct sysroot sr;
	struct sysmodel m;
	struct synth s;
	char err[512];
	uint16_t pos;
	int pf, vf1, vf2, odd;

	(void)state;
	sy_pcie_ep(&s, 0x1b36, 0x0010, false);
	pos = synth_add_ext_cap(&s, 0x10 /* PCI_EXT_CAP_ID_SRIOV */, 0x40);
	synth_w16(&s, pos + 0x08, 1);       /* VF Enable */
	synth_w16(&s, pos + 0x0e, 4);       /* TotalVFs */
	synth_w16(&s, pos + 0x10, 2);       /* NumVFs */
	synth_w16(&s, pos + 0x14, 1);       /* First VF Offset */
	synth_w16(&s, pos + 0x16, 1);       /* VF Stride */
	synth_w16(&s, pos + 0x1a, 0x1234);  /* VF Device ID */
	put(PF "/config", s.b, s.len);
	/* a link that would say otherwise is not read live */
	replace_link("../0000:01:00.2", VF1 "/physfn");
	/* ffff ids at 01:00.3, which NumVFs 2 does not reach, no physfn, and
	 * an extended capability (AER) only a whole read sees */
	synth_endpoint(&s, 0xffff, 0xffff, 0x010802);
	synth_add_pcie(&s, PCIE_ENDPOINT);
	synth_add_ext_cap(&s, 0x01, 0x40);
	synth_size(&s, 4096, 4096);
	device("pci0000:00/0000:00:04.0/0000:01:00.3", &s, -1);
	/* not a plain path: its directory is opened by name (settle_alone) */
	replace_link("../../../devices/pci0000:00/./0000:00:04.0/0000:01:00.3",
		     "sys/bus/pci/devices/0000:01:00.3");
	assert_int_equal(sr_open(&sr, root), 0);
	sr.live = true;
	if (model_load(&m, &sr, err, sizeof(err)))
		fail_msg("model_load: %s", err);
	dump_warnings(&m);
	pf = find(&m, "0000:01:00.0");
	vf1 = find(&m, "0000:01:00.1");
	vf2 = find(&m, "0000:01:00.2");
	odd = find(&m, "0000:01:00.3");
	assert_true(m.devs[vf1].is_vf && m.devs[vf2].is_vf);
	assert_int_equal(m.devs[vf1].physfn, pf);
	assert_int_equal(m.devs[vf2].physfn, pf);
	assert_int_equal(m.devs[vf1].device, 0x1234);
	assert_false(m.devs[odd].is_vf);
	assert_int_equal(m.devs[odd].physfn, NO_DEV);
	assert_int_equal(m.devs[odd].cfg_len, 4096);
	assert_int_equal(m.devs[vf1].cfg_len, 256);
	assert_int_equal(m.nwarnings, 0);
	/* read again one by one (the TUI's refresh): the same */
	assert_int_equal(model_refresh_dev(&m, &sr, odd, err, sizeof(err)), 0);
	assert_int_equal(model_refresh_dev(&m, &sr, vf1, err, sizeof(err)), 0);
	assert_false(m.devs[odd].is_vf);
	assert_int_equal(m.devs[odd].cfg_len, 4096);
	assert_true(m.devs[vf1].is_vf);
	assert_int_equal(m.devs[vf1].physfn, pf);
	assert_int_equal(m.devs[vf1].device, 0x1234);
	assert_int_equal(m.nwarnings, 0);
	model_free(&m);
	sr_close(&sr);
}

static void hostile_physfn_loops(void **state)
{
	struct analysis a;
	struct synth s;
	int vf1, vf2, vf3;

	(void)state;
	synth_endpoint(&s, 0xffff, 0xffff, 0x010802);
	synth_add_pcie(&s, PCIE_ENDPOINT);
	device("pci0000:00/0000:00:04.0/0000:01:00.3", &s, -1);
	replace_link("../0000:01:00.2", VF1 "/physfn");
	replace_link("../0000:01:00.1", VF2 "/physfn");
	link_to("../0000:01:00.3", "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.3/physfn");
	run_ok(&a);
	vf1 = find(&a.m, "0000:01:00.1");
	vf2 = find(&a.m, "0000:01:00.2");
	vf3 = find(&a.m, "0000:01:00.3");
	assert_true(warned(&a.m, "physfn of 0000:01:00.1 names 0000:01:00.2, itself a virtual function"));
	assert_true(warned(&a.m, "physfn of 0000:01:00.2 names 0000:01:00.1, itself a virtual function"));
	assert_true(warned(&a.m, "physfn of 0000:01:00.3 names itself"));
	assert_int_equal(a.m.devs[vf1].physfn, NO_DEV);
	assert_int_equal(a.m.devs[vf2].physfn, NO_DEV);
	assert_int_equal(a.m.devs[vf3].physfn, NO_DEV);
	assert_true(a.m.devs[vf1].is_vf && a.m.devs[vf3].is_vf);
	analysis_free(&a);
}

static void hostile_group_members(void **state)
{
	struct analysis a;

	(void)state;
	/* group 2 (the PF's) lists a function that is not there, and the
	 * lone device that names no group: only the first is a mismatch
	 * worth a word; a platform device is not ours to check */
	link_to("../../../../devices/pci0000:00/0000:00:09.0",
		"sys/kernel/iommu_groups/2/devices/0000:00:09.0");
	link_to("../../../../devices/pci0000:00/0000:00:04.0/0000:01:00.1",
		"sys/kernel/iommu_groups/2/devices/0000:01:00.1");
	link_to("../../../../devices/platform/fe000000.smmu",
		"sys/kernel/iommu_groups/2/devices/fe000000.smmu");
	run_ok(&a);
	/* a listing reads no group's own list (two calls a group) */
	assert_int_equal(a.m.nwarnings, 0);
	model_check_group(&a.m, &a.sr, 3);
	assert_int_equal(a.m.nwarnings, 0);
	model_check_group(&a.m, &a.sr, 2);
	assert_true(warned(&a.m, "iommu group 2 lists 0000:00:09.0, which is not in sys/bus/pci/devices"));
	assert_true(warned(&a.m, "iommu group 2 lists 0000:01:00.1, whose iommu_group link names group 3"));
	assert_int_equal(a.m.nwarnings, 2);
	analysis_free(&a);
}

/* The functions and group directories are read in slices on several
 * threads (par.h): what comes out must be what one loop gives, warnings
 * in the same order and the same ones past the bound, the same first
 * failure. 300 functions, every 3rd with an iommu_group link that names
 * no group (100 warnings, past the bound of 64). */
static void many_functions(void)
{
	struct synth s;

	sy_pcie_ep(&s, 0x1af4, 0x1041, false);
	/* made out of location order: on a file system that lists in the
	 * order of making (tmpfs), the listing is not the location order */
	for (int k = 0; k < 300; k++) {
		char path[128], rel[200], target[160];
		int i = k * 7 % 300;
		int bus = 0x10 + i / 256, dev = (i / 8) % 32, fn = i % 8;

		snprintf(path, sizeof(path), "pci0000:%02x/0000:%02x:%02x.%d", bus, bus, dev, fn);
		device(path, &s, 100 + i);
		if (i % 3 == 1) {
			snprintf(rel, sizeof(rel), "sys/devices/%s/iommu_group", path);
			snprintf(target, sizeof(target), "../../../kernel/iommu_groups/x%d", i);
			replace_link(target, rel);
		}
	}
}

static void load_with(struct analysis *a, size_t slices)
{
	par_set_max(slices);
	par_set_min(slices > 1 ? 1 : 0);
	run_ok(a);
	par_set_max(0);
	par_set_min(0);
}

static void slices_read_as_one_loop(void **state)
{
	struct analysis one, many;

	(void)state;
	many_functions();
	load_with(&one, 1);
	load_with(&many, 5);
	assert_true(one.m.ndevs > 300);
	same_devs(&one.m, &many.m);
	assert_int_equal(one.m.nkgroups, many.m.nkgroups);
	for (size_t i = 0; i < one.m.nkgroups; i++) {
		assert_int_equal(one.m.kgroups[i].id, many.m.kgroups[i].id);
		assert_string_equal(one.m.kgroups[i].type, many.m.kgroups[i].type);
	}
	/* past the bound: the same first ones kept, the rest counted */
	assert_int_equal(one.m.nwarnings, 64);
	assert_int_equal(one.m.nwarnings, many.m.nwarnings);
	assert_int_equal(one.m.warnings_dropped, many.m.warnings_dropped);
	assert_true(one.m.warnings_dropped > 30);
	for (size_t i = 0; i < one.m.nwarnings; i++)
		assert_string_equal(one.m.warnings[i], many.m.warnings[i]);
	/* and in the listing's order, though read in location order */
	{
		char p[1024], (*names)[24] = calloc(400, sizeof(*names));
		size_t n = 0, last = 0;
		struct dirent *de;
		DIR *d;

		assert_non_null(names);
		at(p, sizeof(p), "sys/bus/pci/devices");
		d = opendir(p);
		assert_non_null(d);
		while ((de = readdir(d)) && n < 400)
			if (de->d_name[0] != '.')
				snprintf(names[n++], sizeof(names[0]), "%.23s", de->d_name);
		closedir(d);
		for (size_t i = 0; i < one.m.nwarnings; i++) {
			char bdf[24];
			size_t k;

			if (sscanf(one.m.warnings[i], "iommu_group of %23s names", bdf) != 1)
				continue;
			for (k = 0; k < n && strcmp(names[k], bdf); k++)
				;
			assert_true(k < n);
			assert_true(k >= last);
			last = k;
		}
		assert_true(last > 0);
		free(names);
	}
	analysis_free(&one);
	analysis_free(&many);
}

/* Two unreadable configs: the failure named is the first in the listing,
 * on one thread or several. */
static void slices_fail_as_one_loop(void **state)
{
	char one[512] = "", many[512] = "";
	struct analysis a;
	struct analysis_opts o = { .sysroot = root };

	(void)state;
	many_functions();
	replace_fifo("sys/devices/pci0000:10/0000:10:01.2/config");
	replace_fifo("sys/devices/pci0000:11/0000:11:02.3/config");
	for (int k = 0; k < 2; k++) {
		par_set_max(k ? 5 : 1);
		par_set_min(k ? 1 : 0);
		alarm(20);
		assert_int_not_equal(analysis_run(&a, &o, k ? many : one, sizeof(one)), 0);
		alarm(0);
		analysis_free(&a);
	}
	par_set_max(0);
	par_set_min(0);
	print_message("error: %s\n", one);
	assert_string_equal(one, many);
	assert_non_null(strstr(one, "not a regular file"));
	/* the one the listing gives first */
	{
		char p[1024];
		const char *first = NULL;
		struct dirent *de;
		DIR *d;

		at(p, sizeof(p), "sys/bus/pci/devices");
		d = opendir(p);
		assert_non_null(d);
		while (!first && (de = readdir(d)))
			if (!strcmp(de->d_name, "0000:10:01.2") || !strcmp(de->d_name, "0000:11:02.3"))
				first = de->d_name;
		assert_non_null(first);
		assert_non_null(strstr(one, first));
		closedir(d);
	}
}

/* The default domain is the type most groups report, ties to the lower
 * group id, a group without a type not counted (analysis.c sorts by type:
 * the counts and the tie must come out as a scan's did). */
static void default_domain_type(void **state)
{
	static const char *const types[] = { "identity\n", "DMA\n", "DMA\n", "identity\n",
					     "blocked\n", "\n" };
	struct analysis a;
	char rel[64];

	(void)state;
	for (int g = 0; g < 6; g++) {
		snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/type", g);
		put(rel, types[g], strlen(types[g]));
	}
	run_ok(&a);
	assert_string_equal(a.iommu.default_domain, "identity");
	analysis_free(&a);
	put("sys/kernel/iommu_groups/4/type", "DMA\n", 4);
	run_ok(&a);
	assert_string_equal(a.iommu.default_domain, "DMA");
	analysis_free(&a);
	for (int g = 0; g < 6; g++) {
		snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/type", g);
		put(rel, "\n", 1);
	}
	run_ok(&a);
	assert_null(a.iommu.default_domain);
	analysis_free(&a);
}

static void cmdline_unreadable_or_empty(void **state)
{
	struct analysis a;
	char p[1024];

	(void)state;
	put("proc/cmdline", "", 0);
	run_ok(&a);
	assert_int_equal(a.m.nwarnings, 0);
	assert_string_equal(a.m.cmdline, "");
	analysis_free(&a);
	replace_fifo("proc/cmdline");
	run_ok(&a);
	assert_true(warned(&a.m, "cannot read proc/cmdline: not a regular file"));
	analysis_free(&a);
	at(p, sizeof(p), "proc/cmdline");
	unlink(p);
	run_ok(&a);
	assert_true(warned(&a.m, "cannot read proc/cmdline"));
	analysis_free(&a);
}

static void wide_domain(void **state)
{
	struct analysis a;
	struct synth s;
	int rp, ep;

	(void)state;
	sy_port(&s, PCIE_ROOT_PORT, 0xe0, 0xe1, 0xe1, true, REQ_ALL, REQ_ALL);
	device("pci0000:00/0000:00:0e.0/pciffffffff:e0/ffffffff:e0:06.0", &s, 5);
	sy_pcie_ep(&s, 0x144d, 0xa808, false);
	device("pci0000:00/0000:00:0e.0/pciffffffff:e0/ffffffff:e0:06.0/ffffffff:e1:00.0", &s, 5);
	run_ok(&a);
	assert_int_equal(a.m.nwarnings, 0);
	rp = find(&a.m, "ffffffff:e0:06.0");
	ep = find(&a.m, "ffffffff:e1:00.0");
	assert_true(rp >= 0 && ep >= 0);
	assert_string_equal(a.m.devs[ep].bdf, "ffffffff:e1:00.0");
	assert_string_equal(a.m.devs[rp].bdf, "ffffffff:e0:06.0");
	assert_int_equal(a.m.devs[ep].parent, rp);
	assert_int_equal(a.m.devs[ep].real_dma_dev, find(&a.m, "0000:00:0e.0"));
	analysis_free(&a);
}

/* Names from the tree reach warnings only as printable text: a newline
 * would break the one-line rule, an escape sequence the terminal. */
static void names_shown_safely(void **state)
{
	struct analysis a;

	(void)state;
	mkdirs("sys/kernel/iommu_groups/7\n\033[2J");
	mkdirs("sys/devices/pci0000:00/0000:00:04.0/\n\033[2J");
	replace_link("../\n\033[2J", VF1 "/physfn");
	run_ok(&a);
	assert_true(warned(&a.m, "sys/kernel/iommu_groups/7??[2J is not a group number"));
	assert_true(warned(&a.m, "physfn of 0000:01:00.1 names '??[2J', not a PCI function"));
	for (size_t i = 0; i < a.m.nwarnings; i++)
		for (const char *c = a.m.warnings[i]; *c; c++)
			assert_true(*c >= 0x20 && *c < 0x7f);
	analysis_free(&a);
}

/* A release whose major overflows an int must not wrap into a known one
 * (4294967302 = 2^32 + 6 would read as 6.12 through sscanf's %d). */
static void release_overflow(void **state)
{
	struct analysis a;

	(void)state;
	put("proc/sys/kernel/osrelease", "4294967302.12.0\n", 16);
	run_ok(&a);
	assert_int_equal(a.examined.major, 0);
	assert_int_equal(a.rc.rules.major, kver_known[kver_nknown - 1].major);
	analysis_free(&a);
}

/* A byte of a file of the tree, changed in place. */
static void poke(const char *rel, size_t off, uint8_t v)
{
	char p[1024];
	int fd;

	at(p, sizeof(p), rel);
	fd = open(p, O_WRONLY);
	if (fd < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	assert_int_equal(pwrite(fd, &v, 1, (off_t)off), 1);
	close(fd);
}

/*
 * model_refresh_dev() after a bind (by driver_override, which the model
 * does not keep: attach reads it itself), a changed config byte and a new
 * group: it sees each; the others stay as loaded. Then a
 * removed function is marked gone (index and location kept), and is read
 * again when it is back.
 */
static void refresh_one_function(void **state)
{
	const char *pfdir = "sys/devices/pci0000:00/0000:00:04.0/0000:01:00.0";
	struct sysroot sr;
	struct sysmodel m;
	char err[512], rel[512];
	int pf, lone, hb, k;
	size_t n;

	(void)state;
	assert_int_equal(sr_open(&sr, root), 0);
	if (model_load(&m, &sr, err, sizeof(err)))
		fail_msg("model_load: %s", err);
	pf = find(&m, "0000:01:00.0");
	lone = find(&m, "0000:00:05.0");
	hb = find(&m, "0000:00:00.0");
	n = m.ndevs;
	assert_null(m.devs[pf].driver);
	assert_int_not_equal(m.devs[pf].revision, 0x42);
	assert_int_equal(m.devs[pf].kernel_group, 2);

	/* bind to vfio-pci by driver_override, a new revision, group 7 */
	mkdirs("sys/bus/pci/drivers/vfio-pci");
	snprintf(rel, sizeof(rel), "%s/driver", pfdir);
	link_to("../../../../bus/pci/drivers/vfio-pci", rel);
	snprintf(rel, sizeof(rel), "%s/driver_override", pfdir);
	put(rel, "vfio-pci\n", 9);
	snprintf(rel, sizeof(rel), "%s/config", pfdir);
	poke(rel, 0x08, 0x42);
	mkdirs("sys/kernel/iommu_groups/7/devices");
	put("sys/kernel/iommu_groups/7/type", "DMA-FQ\n", 7);
	snprintf(rel, sizeof(rel), "%s/iommu_group", pfdir);
	unlink_rel(rel);
	link_to("../../../../kernel/iommu_groups/7", rel);

	assert_int_equal(model_refresh_dev(&m, &sr, pf, err, sizeof(err)), 0);
	assert_string_equal(m.devs[pf].driver, "vfio-pci");
	assert_int_equal(m.devs[pf].revision, 0x42);
	assert_int_equal(m.devs[pf].kernel_group, 7);
	k = model_kgroup(&m, 7);
	assert_true(k >= 0);
	assert_string_equal(m.kgroups[k].type, "DMA-FQ");
	assert_int_equal(m.kgroups[k].nmembers, 1);
	assert_int_equal(m.kgroups[k].members[0], pf);
	assert_int_equal(m.kgroups[model_kgroup(&m, 2)].nmembers, 0);
	/* what the whole load derived stays */
	assert_int_equal(m.devs[pf].parent, find(&m, "0000:00:04.0"));
	assert_int_equal(m.devs[pf].sriov_numvfs, 2);
	assert_false(m.devs[pf].gone);
	/* a function that did not change reads the same */
	assert_int_equal(model_refresh_dev(&m, &sr, hb, err, sizeof(err)), 0);
	assert_int_equal(m.devs[hb].kernel_group, 0);
	assert_int_equal(m.devs[hb].vendor, 0x8086);

	/* removed: gone, not freed; nothing else moves */
	unlink_rel("sys/bus/pci/devices/0000:00:05.0");
	assert_int_equal(model_refresh_dev(&m, &sr, lone, err, sizeof(err)), 0);
	assert_true(m.devs[lone].gone);
	assert_null(m.devs[lone].driver);
	assert_int_equal(m.devs[lone].kernel_group, NO_GROUP);
	assert_int_equal(m.ndevs, n);
	assert_int_equal(find(&m, "0000:00:05.0"), lone);
	assert_int_equal(m.devs[lone].vendor, 0x1af4);
	/* and back */
	link_to("../../../devices/pci0000:00/0000:00:05.0", "sys/bus/pci/devices/0000:00:05.0");
	assert_int_equal(model_refresh_dev(&m, &sr, lone, err, sizeof(err)), 0);
	assert_false(m.devs[lone].gone);

	assert_int_not_equal(model_refresh_dev(&m, &sr, (int)n, err, sizeof(err)), 0);
	model_free(&m);
	sr_close(&sr);
}

static void bdf_strict(void **state)
{
	static const char *const bad[] = {
		"0x0:00:00.0", " 0:00:00.0", "+0:00:00.0", "-1:00:00.0", "000000000:00:00.0",
		"0000:0x0:00.0", "0000:000:00.0", "0000:00:20.0", "0000:00:00.8", "0000:00:00.00",
		"0000:00:00.0 ", "0000:00:+1.0", "::.", "0000:00:00", "",
	};
	uint32_t dom;
	uint8_t bus, devfn;
	char b[24];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_bdf(bad[i], &dom, &bus, &devfn) == 0)
			fail_msg("parse_bdf accepted '%s'", bad[i]);
	assert_int_equal(parse_bdf("0000000:0A:1f.7", &dom, &bus, &devfn), 0);
	assert_int_equal(dom, 0);
	assert_int_equal(bus, 0x0a);
	assert_int_equal(devfn, DEVFN(0x1f, 7));
	assert_int_equal(parse_bdf("ffffffff:e1:00.0", &dom, &bus, &devfn), 0);
	format_bdf(b, sizeof(b), dom, bus, devfn);
	assert_string_equal(b, "ffffffff:e1:00.0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(load_tree, setup, teardown),
		cmocka_unit_test(load_missing),
		cmocka_unit_test_setup_teardown(hostile_config_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_config_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_group_links, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_other_links, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_self_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_parent_loop, setup, teardown),
		cmocka_unit_test(finish_cuts_loops),
		cmocka_unit_test_setup_teardown(hostile_double_spelling, setup, teardown),
		cmocka_unit_test_setup_teardown(vfs_placed_by_pf, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_physfn_loops, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_group_members, setup, teardown),
		cmocka_unit_test_setup_teardown(slices_read_as_one_loop, setup, teardown),
		cmocka_unit_test_setup_teardown(slices_fail_as_one_loop, setup, teardown),
		cmocka_unit_test_setup_teardown(cmdline_unreadable_or_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(default_domain_type, setup, teardown),
		cmocka_unit_test_setup_teardown(wide_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(names_shown_safely, setup, teardown),
		cmocka_unit_test_setup_teardown(release_overflow, setup, teardown),
		cmocka_unit_test(bdf_strict),
		cmocka_unit_test_setup_teardown(refresh_one_function, setup, teardown),
	};

	return tu_run("load", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
