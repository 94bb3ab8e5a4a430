// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mksysroot - write a synthetic sysroot of a large server for benchmarks:
 * DOMAINS PCI domains, each with root ports (ACS on) leading to a switch
 * (upstream port + 8 downstream ports, ACS on) with an NVMe-like physical
 * function and VFS virtual functions behind each downstream port.
 * Kernel groups: one per function, as the kernel makes them there.
 *
 * usage: mksysroot DIR DOMAINS ROOTPORTS VFS
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;
static int group_no;

static void die(const char *what)
{
	fprintf(stderr, "mksysroot: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void mkdirs(const char *path)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) && errno != EEXIST)
				die(tmp);
			*p = '/';
		}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		die(tmp);
}

static void put16(uint8_t *c, int o, unsigned v)
{
	c[o] = v & 0xff;
	c[o + 1] = (v >> 8) & 0xff;
}

/* type: PCIe port type; bridge: header type 1 */
static void make_config(uint8_t *c, unsigned vendor, unsigned device, unsigned cls, int type,
			int bridge, int sec, int sub, int acs)
{
	memset(c, 0, 4096);
	put16(c, 0, vendor);
	put16(c, 2, device);
	put16(c, 6, 0x10); /* capability list */
	c[9] = cls & 0xff;
	c[10] = (cls >> 8) & 0xff;
	c[11] = (cls >> 16) & 0xff;
	c[0x0e] = bridge ? 1 : 0;
	if (bridge) {
		c[0x18] = 0;
		c[0x19] = (uint8_t)sec;
		c[0x1a] = (uint8_t)sub;
	}
	c[0x34] = 0x40;
	c[0x40] = 0x10; /* PCI Express */
	c[0x41] = 0;
	put16(c, 0x42, (unsigned)(2 | type << 4));
	if (acs) {
		put16(c, 0x100, 0x000d);
		put16(c, 0x102, 0x0001); /* version 1, next 0 */
		put16(c, 0x104, 0x001f); /* SV TB RR CR UF */
		put16(c, 0x106, 0x001d); /* SV RR CR UF on */
	}
}

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		die(path);
}

static void link_to(const char *target, const char *path)
{
	if (symlink(target, path) && errno != EEXIST)
		die(path);
}

/* devpath: path below sys/devices; depth = its number of components */
static void add_function(const char *devpath, const char *bdf, const uint8_t *cfg, const char *drv,
			 const char *physfn)
{
	char p[4096], t[4096], rel[4096] = "";
	int depth = 0;

	for (const char *s = devpath; *s; s++)
		depth += *s == '/';
	depth += 2; /* sys/devices */
	snprintf(p, sizeof(p), "%s/sys/devices/%s", root, devpath);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/sys/devices/%s/config", root, devpath);
	write_file(p, cfg, 4096);
	for (int i = 0; i < depth; i++)
		strcat(rel, "../");
	snprintf(t, sizeof(t), "%sbus/pci/drivers/%s", rel, drv);
	snprintf(p, sizeof(p), "%s/sys/devices/%s/driver", root, devpath);
	link_to(t, p);
	snprintf(t, sizeof(t), "%skernel/iommu_groups/%d", rel, group_no);
	snprintf(p, sizeof(p), "%s/sys/devices/%s/iommu_group", root, devpath);
	link_to(t, p);
	snprintf(p, sizeof(p), "%s/sys/kernel/iommu_groups/%d/devices", root, group_no);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/sys/kernel/iommu_groups/%d/type", root, group_no);
	write_file(p, "DMA\n", 4);
	group_no++;
	{
		/* the id attributes real sysfs has (lspci reads them); a
		 * VF's ids are the PF's vendor and VF device id */
		char v[16];
		int n;

		n = snprintf(v, sizeof(v), "0x%04x\n", physfn ? 0x8086 : cfg[0] | cfg[1] << 8);
		snprintf(p, sizeof(p), "%s/sys/devices/%s/vendor", root, devpath);
		write_file(p, v, (size_t)n);
		n = snprintf(v, sizeof(v), "0x%04x\n", physfn ? 0x0a55 : cfg[2] | cfg[3] << 8);
		snprintf(p, sizeof(p), "%s/sys/devices/%s/device", root, devpath);
		write_file(p, v, (size_t)n);
		n = snprintf(v, sizeof(v), "0x%06x\n", cfg[9] | cfg[10] << 8 | cfg[11] << 16);
		snprintf(p, sizeof(p), "%s/sys/devices/%s/class", root, devpath);
		write_file(p, v, (size_t)n);
	}
	if (physfn) {
		snprintf(p, sizeof(p), "%s/sys/devices/%s/physfn", root, devpath);
		link_to(physfn, p);
	}
	snprintf(t, sizeof(t), "../../../devices/%s", devpath);
	snprintf(p, sizeof(p), "%s/sys/bus/pci/devices/%s", root, bdf);
	link_to(t, p);
}

int main(int argc, char **argv)
{
	static uint8_t cfg[4096];
	int domains, rps, vfs;
	long total = 0;
	char p[4096];

	if (argc != 5) {
		fprintf(stderr, "usage: mksysroot DIR DOMAINS ROOTPORTS VFS\n");
		return 2;
	}
	root = argv[1];
	domains = atoi(argv[2]);
	rps = atoi(argv[3]);
	vfs = atoi(argv[4]);
	if (domains < 1 || rps < 1 || rps > 24 || vfs < 0 || vfs > 200) {
		fprintf(stderr, "mksysroot: 1..24 root ports, 0..200 VFs\n");
		return 2;
	}
	snprintf(p, sizeof(p), "%s/sys/bus/pci/devices", root);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/sys/bus/pci/drivers/pcieport", root);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/sys/bus/pci/drivers/nvme", root);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/proc/sys/kernel", root);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/proc/sys/kernel/osrelease", root);
	write_file(p, "6.12.117+deb12-amd64\n", 21);
	for (int dom = 0; dom < domains; dom++) {
		int bus = 1;

		for (int r = 0; r < rps; r++) {
			char rp[256], rpbdf[32], usp[512], uspbdf[32];
			int busbase = bus;

			/* root port 00:(r+1).0 -> bus B (USP) -> B+1 (DSPs) -> B+2..B+9 */
			snprintf(rpbdf, sizeof(rpbdf), "%04x:00:%02x.0", dom, r + 1);
			snprintf(rp, sizeof(rp), "pci%04x:00/%s", dom, rpbdf);
			make_config(cfg, 0x8086, 0x347a, 0x060400, 4, 1, busbase, busbase + 9, 1);
			add_function(rp, rpbdf, cfg, "pcieport", NULL);
			snprintf(uspbdf, sizeof(uspbdf), "%04x:%02x:00.0", dom, busbase);
			snprintf(usp, sizeof(usp), "%s/%s", rp, uspbdf);
			make_config(cfg, 0x10b5, 0x9781, 0x060400, 5, 1, busbase + 1, busbase + 9, 0);
			add_function(usp, uspbdf, cfg, "pcieport", NULL);
			total += 2;
			for (int k = 0; k < 8; k++) {
				char dsp[768], dspbdf[32], ep[1024], epbdf[32];

				snprintf(dspbdf, sizeof(dspbdf), "%04x:%02x:%02x.0", dom, busbase + 1, k);
				snprintf(dsp, sizeof(dsp), "%s/%s", usp, dspbdf);
				make_config(cfg, 0x10b5, 0x9781, 0x060400, 6, 1, busbase + 2 + k,
					    busbase + 2 + k, 1);
				add_function(dsp, dspbdf, cfg, "pcieport", NULL);
				snprintf(epbdf, sizeof(epbdf), "%04x:%02x:00.0", dom, busbase + 2 + k);
				snprintf(ep, sizeof(ep), "%s/%s", dsp, epbdf);
				make_config(cfg, 0x8086, 0x0a54, 0x010802, 0, 0, 0, 0, 0);
				add_function(ep, epbdf, cfg, "nvme", NULL);
				total += 2;
				for (int v = 1; v <= vfs; v++) {
					char vf[1280], vfbdf[32], pf[64];

					/* ARI: VFs at devfn 1.. on the PF's bus */
					snprintf(vfbdf, sizeof(vfbdf), "%04x:%02x:%02x.%d", dom, busbase + 2 + k,
						 v >> 3, v & 7);
					snprintf(vf, sizeof(vf), "%s/%s", dsp, vfbdf);
					make_config(cfg, 0xffff, 0xffff, 0x010802, 0, 0, 0, 0, 0);
					snprintf(pf, sizeof(pf), "../%s", epbdf);
					add_function(vf, vfbdf, cfg, "nvme", pf);
					total++;
				}
			}
			bus += 10;
		}
	}
	printf("%ld functions\n", total);
	return 0;
}
