// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_acpi.c - libFuzzer harness: any bytes as an ACPI DMAR or IVRS table
 * (the first byte chooses: even DMAR, odd IVRS; the rest is the table),
 * then, when it parses, every requester ID looked up in what it declares,
 * under ASan and UBSan. Seeds: tests/fuzz/corpus/acpi (QEMU-like and
 * desktop-like tables of both kinds).
 */
#include <stdint.h>
#include <stdlib.h>

#include "acpi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acpi_tables *t;
	char err[160];
	uint16_t to;

	if (size < 1)
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t)
		return 0;
	if (data[0] & 1) {
		if (acpi_parse_ivrs(t, data + 1, size - 1, err, sizeof(err)) == 0)
			for (uint32_t id = 0; id <= 0xffff; id += 7)
				(void)ivrs_covers(t, (uint16_t)(id & 3), (uint16_t)id, &to);
	} else {
		(void)acpi_parse_dmar(t, data + 1, size - 1, err, sizeof(err));
	}
	acpi_free(t);
	return 0;
}
