// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mksysroot - a synthetic sysroot from a short description, for the CLI
 * setups (tests/cli/setup/) that build a tree from scratch; the tree is
 * written by sysroot_build.c, as the unit tests' and the benchmark's are.
 *
 * usage: mksysroot DIR [FILE]   (the description on stdin without FILE)
 *
 * One line each ('#' starts a comment):
 *   release TEXT          proc/sys/kernel/osrelease
 *   cmdline TEXT...       proc/cmdline
 *   dir REL               an empty directory below DIR
 *   func PATH [KEY=VALUE|FLAG]...
 *       a PCI function at sys/devices/PATH (its last component the BDF):
 *       size=N (config bytes, default 4096; 0: no config file)
 *       ids=VVVV:DDDD:CCCCCC (vendor, device, class), pcie=TYPE (the PCI
 *       Express capability, PCI_EXP_FLAGS_TYPE), bridge=PP:SS:UU (header
 *       type 1, bus numbers, hex), acs=CAP:CTRL (hex), mf (multifunction),
 *       group=N, driver=NAME, physfn=BDF, idfiles (vendor/device/class)
 * Exit 0, or 1 with a message naming the line.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysroot_build.h"

static int line_no;

static int bad(const char *what, const char *arg)
{
	fprintf(stderr, "mksysroot: line %d: %s '%s'\n", line_no, what, arg);
	return 1;
}

static int func(struct sb *b, char *args)
{
	static uint8_t cfg[4096];
	struct sb_cfg c = { .pcie_type = -1 };
	struct sb_func f = { .group = -1 };
	unsigned long size = 4096;
	char *save = NULL, *path = strtok_r(args, " \t", &save);

	if (!path)
		return bad("func without a path", "");
	for (char *w = strtok_r(NULL, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		unsigned a, d, e;
		char end;

		if (sscanf(w, "size=%lu%c", &size, &end) == 1 && size <= sizeof(cfg))
			;
		else if (sscanf(w, "ids=%4x:%4x:%6x%c", &a, &d, &e, &end) == 3)
			c.vendor = (uint16_t)a, c.device = (uint16_t)d, c.class = e;
		else if (sscanf(w, "pcie=%u%c", &a, &end) == 1 && a < 16)
			c.pcie_type = (int)a;
		else if (sscanf(w, "bridge=%2x:%2x:%2x%c", &a, &d, &e, &end) == 3)
			c.bridge = true, c.primary = (uint8_t)a, c.secondary = (uint8_t)d,
			c.subordinate = (uint8_t)e;
		else if (sscanf(w, "acs=%4x:%4x%c", &a, &d, &end) == 2 && a)
			c.acs_cap = (uint16_t)a, c.acs_ctrl = (uint16_t)d;
		else if (sscanf(w, "group=%u%c", &a, &end) == 1 && a < 1000000)
			f.group = (int)a;
		else if (!strncmp(w, "driver=", 7) && w[7])
			f.driver = w + 7;
		else if (!strncmp(w, "physfn=", 7) && w[7])
			f.physfn = w + 7;
		else if (!strcmp(w, "mf"))
			c.multifunction = true;
		else if (!strcmp(w, "idfiles"))
			f.id_files = true;
		else
			return bad("unknown or malformed", w);
	}
	if (size) {
		sb_config(cfg, size, &c);
		f.config = cfg;
		f.config_len = size;
	}
	return sb_add(b, path, &f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sb b;
	char line[4096];
	FILE *in = stdin;
	int rc = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mksysroot DIR [FILE]\n");
		return 2;
	}
	if (argc == 3 && !(in = fopen(argv[2], "r"))) {
		perror(argv[2]);
		return 1;
	}
	if (sb_init(&b, argv[1])) {
		fprintf(stderr, "mksysroot: %s\n", b.err);
		return 1;
	}
	while (!rc && fgets(line, sizeof(line), in)) {
		char *v;

		line_no++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		v = line + strcspn(line, " \t");
		if (*v)
			*v++ = '\0';
		if (!strcmp(line, "release"))
			rc = sb_kernel(&b, v, NULL);
		else if (!strcmp(line, "cmdline"))
			rc = sb_kernel(&b, NULL, v);
		else if (!strcmp(line, "dir"))
			rc = sb_mkdirs(&b, v);
		else if (!strcmp(line, "func"))
			rc = func(&b, v);
		else
			rc = bad("unknown keyword", line);
		if (rc && b.err[0])
			fprintf(stderr, "mksysroot: line %d: %s\n", line_no, b.err);
	}
	if (in != stdin)
		fclose(in);
	return rc ? 1 : 0;
}
