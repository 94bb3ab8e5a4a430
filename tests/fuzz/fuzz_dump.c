// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_dump.c - libFuzzer harness: any bytes as an `lspci -x...` dump, and
 * whatever loads through the grouping pipeline (quirks, relations, groups),
 * under ASan and UBSan. Seeds: dumps of every fixture (tests/fuzz/fuzz.mk).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>

#include "groups.h"
#include "kver.h"
#include "load_dump.h"
#include "quirks.h"
#include "relations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	if (model_load_dump(&m, f, "fuzz", err, sizeof(err)) == 0 &&
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
