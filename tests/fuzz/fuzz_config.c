// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_config.c - libFuzzer harness for the config-space parser: the first
 * two bytes choose how much was read and what the kernel has (64, 256,
 * 4096 or anything), the rest is config space. Checked: memory safety, and
 * that the parse never claims more than it was given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t fulls[] = { 0, 64, 256, 4096 };
	struct dev d;
	size_t full, len;

	if (size < 2)
		return 0;
	full = fulls[data[0] & 3];
	data += 2;
	size -= 2;
	len = size;
	memset(&d, 0, sizeof(d));
	dev_parse_config(&d, data, len, full);
	if (d.cfg_len > len || (d.cfg_complete && d.cfg_len < 64))
		abort();
	if (d.acs == ACS_PRESENT && (d.acs_pos < 0x100 || d.acs_pos + 8u > d.cfg_len))
		abort();
	return 0;
}
