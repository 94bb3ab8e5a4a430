// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mksysroot - write a synthetic sysroot of a large server for benchmarks:
 * DOMAINS PCI domains, each with root ports (ACS on) leading to a switch
 * (upstream port + 8 downstream ports, ACS on) with an NVMe-like physical
 * function and VFS virtual functions behind each downstream port.
 * Kernel groups: one per function, as the kernel makes them there.
 *
 * usage: mksysroot DIR DOMAINS ROOTPORTS VFS
 * (the tree is written by tests/lib/sysroot_build.c)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysroot_build.h" /* tests/lib: the one synthetic-sysroot writer */

static struct sb sb;
static int group_no;

static void check(int rc)
{
	if (rc) {
		fprintf(stderr, "mksysroot: %s\n", sb.err);
		exit(1);
	}
}

/* type: PCIe port type; bridge: header type 1 */
static void make_config(uint8_t *c, unsigned vendor, unsigned device, unsigned cls, int type,
			int bridge, int sec, int sub, int acs)
{
	struct sb_cfg k = {
		.vendor = (uint16_t)vendor, .device = (uint16_t)device, .class = cls,
		.bridge = bridge, .secondary = (uint8_t)sec, .subordinate = (uint8_t)sub,
		.pcie_type = type,
		.acs_cap = acs ? 0x001f : 0, /* SV TB RR CR UF */
		.acs_ctrl = 0x001d,          /* SV RR CR UF on */
	};

	sb_config(c, 4096, &k);
}

/* The PF's SR-IOV capability at 0x100 (the first extended one, no ACS
 * there), VFs enabled as a server's NVMe has them: NumVFs vfs from
 * devfn 1 on its own bus (First VF Offset 1, VF Stride 1), VF device
 * 0a55. Little-endian, as config space is. */
static void add_sriov(uint8_t *c, int vfs)
{
	static const struct { unsigned off, val; } f[] = {
		{ 0x100, 0x0010 }, { 0x102, 0x0001 }, /* SR-IOV, version 1, no next */
		{ 0x108, 0x0009 },                    /* VF Enable, VF MSE */
		{ 0x10e, 0 }, { 0x10c, 0 }, { 0x110, 0 }, /* TotalVFs, InitialVFs, NumVFs */
		{ 0x114, 1 }, { 0x116, 1 },           /* First VF Offset, VF Stride */
		{ 0x11a, 0x0a55 },                    /* VF Device ID */
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		unsigned v = f[i].off == 0x10c || f[i].off == 0x10e || f[i].off == 0x110 ? (unsigned)vfs
											: f[i].val;

		c[f[i].off] = (uint8_t)v;
		c[f[i].off + 1] = (uint8_t)(v >> 8);
	}
}

/* devpath: path below sys/devices; one IOMMU group per function, as the
 * kernel makes them there; a VF's ids are the PF's vendor and VF device id */
static void add_function(const char *devpath, const uint8_t *cfg, const char *drv, const char *physfn)
{
	struct sb_func f = {
		.config = cfg, .config_len = 4096, .driver = drv, .group = group_no++,
		.physfn = physfn, .id_files = true, .vf_vendor = 0x8086, .vf_device = 0x0a55,
	};

	check(sb_add(&sb, devpath, &f));
	/* the kernel lists each bound function in its driver's directory */
	if (drv) {
		const char *bdf = strrchr(devpath, '/');
		char t[1200], rel[256];

		bdf = bdf ? bdf + 1 : devpath;
		snprintf(t, sizeof(t), "../../../../devices/%s", devpath);
		snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s/%s", drv, bdf);
		check(sb_link(&sb, t, rel));
	}
}

int main(int argc, char **argv)
{
	static uint8_t cfg[4096];
	int domains, rps, vfs;
	long total = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: mksysroot DIR DOMAINS ROOTPORTS VFS\n");
		return 2;
	}
	domains = atoi(argv[2]);
	rps = atoi(argv[3]);
	vfs = atoi(argv[4]);
	if (domains < 1 || rps < 1 || rps > 24 || vfs < 0 || vfs > 200) {
		fprintf(stderr, "mksysroot: 1..24 root ports, 0..200 VFs\n");
		return 2;
	}
	check(sb_init(&sb, argv[1]));
	/* a command line as a server boots with: nothing in it changes the groups */
	check(sb_kernel(&sb, "6.12.117+deb12-amd64",
			"BOOT_IMAGE=/boot/vmlinuz-6.12.117+deb12-amd64 root=/dev/sda1 ro quiet\n"));
	for (int dom = 0; dom < domains; dom++) {
		int bus = 1;

		for (int r = 0; r < rps; r++) {
			char rp[256], rpbdf[32], usp[512], uspbdf[32];
			int busbase = bus;

			/* root port 00:(r+1).0 -> bus B (USP) -> B+1 (DSPs) -> B+2..B+9 */
			snprintf(rpbdf, sizeof(rpbdf), "%04x:00:%02x.0", dom, r + 1);
			snprintf(rp, sizeof(rp), "pci%04x:00/%s", dom, rpbdf);
			make_config(cfg, 0x8086, 0x347a, 0x060400, 4, 1, busbase, busbase + 9, 1);
			add_function(rp, cfg, "pcieport", NULL);
			snprintf(uspbdf, sizeof(uspbdf), "%04x:%02x:00.0", dom, busbase);
			snprintf(usp, sizeof(usp), "%s/%s", rp, uspbdf);
			make_config(cfg, 0x10b5, 0x9781, 0x060400, 5, 1, busbase + 1, busbase + 9, 0);
			add_function(usp, cfg, "pcieport", NULL);
			total += 2;
			for (int k = 0; k < 8; k++) {
				char dsp[768], dspbdf[32], ep[1024], epbdf[32];

				snprintf(dspbdf, sizeof(dspbdf), "%04x:%02x:%02x.0", dom, busbase + 1, k);
				snprintf(dsp, sizeof(dsp), "%s/%s", usp, dspbdf);
				make_config(cfg, 0x10b5, 0x9781, 0x060400, 6, 1, busbase + 2 + k,
					    busbase + 2 + k, 1);
				add_function(dsp, cfg, "pcieport", NULL);
				snprintf(epbdf, sizeof(epbdf), "%04x:%02x:00.0", dom, busbase + 2 + k);
				snprintf(ep, sizeof(ep), "%s/%s", dsp, epbdf);
				make_config(cfg, 0x8086, 0x0a54, 0x010802, 0, 0, 0, 0, 0);
				if (vfs)
					add_sriov(cfg, vfs);
				add_function(ep, cfg, "nvme", NULL);
				total += 2;
				for (int v = 1; v <= vfs; v++) {
					char vf[1280], vfbdf[32], pf[64];

					/* ARI: VFs at devfn 1.. on the PF's bus */
					snprintf(vfbdf, sizeof(vfbdf), "%04x:%02x:%02x.%d", dom, busbase + 2 + k,
						 v >> 3, v & 7);
					snprintf(vf, sizeof(vf), "%s/%s", dsp, vfbdf);
					make_config(cfg, 0xffff, 0xffff, 0x010802, 0, 0, 0, 0, 0);
					snprintf(pf, sizeof(pf), "%s", epbdf);
					add_function(vf, cfg, "nvme", pf);
					total++;
				}
			}
			bus += 10;
		}
	}
	printf("%ld functions\n", total);
	return 0;
}
