// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_dump.c - libFuzzer harness: any bytes as an `lspci -x...` dump, and
 * whatever loads through the grouping pipeline (quirks, relations, groups),
 * under ASan and UBSan. Seeds: dumps of every fixture (tests/fuzz/fuzz.mk).
 * Names-only text is looked up in a small pci.ids written at start: the
 * system's (1.3 MB) parsed per input under ASan cost seconds an input.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "groups.h"
#include "kver.h"
#include "load_dump.h"
#include "quirks.h"
#include "relations.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char ids_path[] = "/tmp/fuzz_dump_ids_XXXXXX";

static void remove_ids(void)
{
	unlink(ids_path);
}

/* Names the seeds use, a vendor with two ids, a class with two codes. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char ids[] =
		"1b36  Red Hat, Inc.\n\t000c  QEMU PCIe Root port\n\t0010  QEMU NVM Express Controller\n"
		"1af4  Red Hat, Inc.\n\t1000  Virtio network device\n"
		"8086  Intel Corporation\n\t10d3  82574L Gigabit Network Connection\n"
		"\t29c0  82G33/G31/P35/P31 Express DRAM Controller\n"
		"104c  Texas Instruments\n\t8232  XIO3130 PCI Express Switch (Upstream)\n"
		"C 02  Network controller\n\t00  Ethernet controller\n\t80  Ethernet controller\n"
		"C 06  Bridge\n\t00  Host bridge\n\t04  PCI bridge\n";
	int fd = mkstemp(ids_path);

	(void)argc;
	(void)argv;
	if (fd < 0 || write(fd, ids, sizeof(ids) - 1) != (ssize_t)(sizeof(ids) - 1))
		abort();
	close(fd);
	atexit(remove_ids);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sysmodel m;
	struct rulectx rc = { .rules = KV(6, 12) };
	struct relations r;
	struct grouping g;
	char err[512];
	FILE *f;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	if (model_load_dump_ids(&m, f, "fuzz", ids_path, err, sizeof(err)) == 0 &&
	    rulectx_resize(&rc, m.ndevs) == 0) {
		kver_parse(size & 1 ? "7.2" : "6.12", &rc.rules);
		rc.predict_acs_enable = size & 2;
		for (size_t i = 0; i < m.ndevs; i++)
			dma_quirks_apply(&m, &rc, (int)i);
		if (relations_build(&m, &rc, &r) == 0) {
			if (grouping_compute(&m, &r, &g) == 0)
				grouping_free(&g);
			relations_free(&r);
		}
	}
	rulectx_free(&rc);
	model_free(&m);
	fclose(f);
	return 0;
}
