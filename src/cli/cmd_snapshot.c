// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_snapshot.c - `snapshot DIR` and `snapshot -o FILE.tar.gz`: capture
 * this system (or a --sysroot) for --sysroot elsewhere. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "safe.h"
#include "snapshot.h"
#include "sysroot.h"

int cmd_snapshot(struct cli *c)
{
	struct sysroot sr;
	struct snapshot_stats st;
	const char *target = c->output ? c->output : c->argc == 1 ? c->argv[0] : NULL;
	char err[1024], root[4096];
	int r;

	if (!target || (c->output && c->argc != 0) || c->argc > 1) {
		errmsg("snapshot takes one directory, or -o FILE.tar.gz (see --help)");
		return EXIT_USAGE;
	}
	if (c->output && !snapshot_is_tarball(c->output)) {
		errmsg("snapshot -o writes a gzip-compressed tar file: name it FILE.tar.gz or FILE.tgz");
		return EXIT_USAGE;
	}
	/* they change what is computed, and snapshot computes nothing */
	if (c->json || c->kernel || c->assume_acs) {
		errmsg("snapshot takes none of --json, --kernel, --assume-acs (it captures, then "
		       "any command reads the snapshot with them)");
		return EXIT_USAGE;
	}
	if (c->from_dump) {
		errmsg("snapshot reads sysfs, not a dump");
		return EXIT_USAGE;
	}
	/* a snapshot of a snapshot (tests, a tarball turned into a tree) */
	if (c->sysroot && snapshot_input(c->sysroot, root, sizeof(root), err, sizeof(err))) {
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	r = sr_open(&sr, c->sysroot ? root : NULL);
	if (r < 0) {
		errmsg("cannot open sysroot %s: %m", c->sysroot);
		return EXIT_FAIL;
	}
	if (c->sysroot && snapshot_check(&sr, c->sysroot, err, sizeof(err))) {
		sr_close(&sr);
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	if (c->output)
		r = snapshot_take_tar(&sr, target, NULL, &st, err, sizeof(err));
	else
		r = snapshot_take(&sr, target, NULL, &st, err, sizeof(err));
	sr_close(&sr);
	if (r) {
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	if (st.truncated)
		errmsg("warning: config space of %zu functions was truncated (run as root: config space "
		       "beyond 64 bytes is root-only)",
		       st.truncated);
	if (st.links_skipped)
		errmsg("warning: %zu links leading outside the source root were not copied (the first: "
		       "%s)",
		       st.links_skipped, st.skipped_link);
	if (st.modules_warning[0]) {
		char w[SAFE_TERM_SIZE(sizeof(st.modules_warning))];

		safe_term(w, sizeof(w), st.modules_warning);
		errmsg("warning: no candidate modules (MODULES) captured: %s", w);
	}
	fprintf(stderr, "iommu-groups: snapshot of %zu PCI functions and %zu IOMMU groups in %s; read it "
			"with --sysroot %s\n",
		st.functions, st.groups, target, target);
	return EXIT_OK;
}
