// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_kernel_tables.c - the quirk tables against the kernel's own, as
 * extracted from the Linux 6.12 source by gen-kernel-tables.py into
 * kernel_tables_6_12.h: every pci_dev_acs_enabled[] entry, in the kernel's
 * order (pci_dev_specific_acs_enabled() takes the first that answers), and
 * every DMA-alias fixup declaration of drivers/pci/quirks.c, must be in
 * acs_quirks[] / dma_quirks[] with the same ids and kernel function, valid
 * at 6.12, and nothing else may be valid at 6.12.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

struct kt_entry {
	uint16_t vendor, device;
	const char *fn;
};

#include "kernel_tables_6_12.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void acs_table_matches_kernel_6_12(void **state)
{
	struct kver v = KT_SERIES_6_12;
	size_t k = 0, bad = 0;

	(void)state;
	for (unsigned i = 0; i < n_acs_quirks; i++) {
		const struct acs_quirk *q = &acs_quirks[i];

		if (!kver_in(v, q->kernels))
			continue;
		if (k >= N(kt_acs_6_12)) {
			print_error("acs_quirks[%u] %04x:%04x %s: beyond the kernel's %zu entries\n", i,
				    q->vendor, q->device, acs_quirk_kernel_fn(q), N(kt_acs_6_12));
			bad++;
			continue;
		}
		if (q->vendor != kt_acs_6_12[k].vendor || q->device != kt_acs_6_12[k].device ||
		    strcmp(acs_quirk_kernel_fn(q), kt_acs_6_12[k].fn)) {
			print_error("acs_quirks[%u] %04x:%04x %s, kernel entry %zu %04x:%04x %s\n", i,
				    q->vendor, q->device, acs_quirk_kernel_fn(q), k, kt_acs_6_12[k].vendor,
				    kt_acs_6_12[k].device, kt_acs_6_12[k].fn);
			bad++;
		}
		k++;
	}
	if (k < N(kt_acs_6_12)) {
		print_error("kernel entries from %zu on (%04x:%04x %s) missing\n", k,
			    kt_acs_6_12[k].vendor, kt_acs_6_12[k].device, kt_acs_6_12[k].fn);
		bad++;
	}
	if (bad)
		fail_msg("%zu difference(s) from pci_dev_acs_enabled[] of 6.12", bad);
}

static void dma_table_matches_kernel_6_12(void **state)
{
	struct kver v = KT_SERIES_6_12;
	size_t bad = 0;

	(void)state;
	for (size_t k = 0; k < N(kt_dma_6_12); k++) {
		bool found = false;

		for (unsigned i = 0; i < n_dma_quirks && !found; i++)
			found = kver_in(v, dma_quirks[i].kernels) &&
				dma_quirks[i].vendor == kt_dma_6_12[k].vendor &&
				dma_quirks[i].device == kt_dma_6_12[k].device &&
				!strcmp(dma_quirk_kernel_fn(&dma_quirks[i]), kt_dma_6_12[k].fn);
		if (!found) {
			print_error("kernel fixup %04x:%04x %s missing at 6.12\n", kt_dma_6_12[k].vendor,
				    kt_dma_6_12[k].device, kt_dma_6_12[k].fn);
			bad++;
		}
	}
	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];
		bool found = false;

		if (!kver_in(v, q->kernels))
			continue;
		for (size_t k = 0; k < N(kt_dma_6_12) && !found; k++)
			found = q->vendor == kt_dma_6_12[k].vendor && q->device == kt_dma_6_12[k].device &&
				!strcmp(dma_quirk_kernel_fn(q), kt_dma_6_12[k].fn);
		if (!found) {
			print_error("dma_quirks[%u] %04x:%04x %s valid at 6.12 but not in its source\n", i,
				    q->vendor, q->device, dma_quirk_kernel_fn(q));
			bad++;
		}
	}
	if (bad)
		fail_msg("%zu difference(s) from the DMA fixups of 6.12", bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acs_table_matches_kernel_6_12),
		cmocka_unit_test(dma_table_matches_kernel_6_12),
	};

	return tu_run("kernel-tables", tests, sizeof(tests) / sizeof(tests[0]), NULL, 0);
}
