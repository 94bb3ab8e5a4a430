// SPDX-License-Identifier: GPL-2.0-or-later
/* main.c - iommu-groups: everything else lives in the library. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
