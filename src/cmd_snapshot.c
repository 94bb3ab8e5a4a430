// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_snapshot.c - `snapshot DIR`: capture this system for --sysroot. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "snapshot.h"
#include "sysroot.h"

int cmd_snapshot(struct cli *c)
{
	struct sysroot sr;
	struct snapshot_stats st;
	char err[512];
	int r;

	if (c->argc != 1) {
		errmsg("snapshot takes one directory (see --help)");
		return EXIT_USAGE;
	}
	if (c->from_dump) {
		errmsg("snapshot reads sysfs, not a dump");
		return EXIT_USAGE;
	}
	r = sr_open(&sr, c->sysroot);
	if (r < 0) {
		errmsg("cannot open sysroot %s: %m", c->sysroot);
		return EXIT_FAIL;
	}
	r = snapshot_take(&sr, c->argv[0], &st, err, sizeof(err));
	sr_close(&sr);
	if (r) {
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	if (st.truncated)
		errmsg("warning: config space of %zu functions was truncated (run as root: config space "
		       "beyond 64 bytes is root-only)",
		       st.truncated);
	fprintf(stderr, "iommu-groups: snapshot of %zu PCI functions and %zu IOMMU groups in %s; read it "
			"with --sysroot %s\n",
		st.functions, st.groups, c->argv[0], c->argv[0]);
	return EXIT_OK;
}
