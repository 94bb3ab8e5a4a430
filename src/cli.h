/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli.h - command line: global options, and the command table. Every
 * command is a {name, function, summary} entry; main() only calls cli_main.
 */
#ifndef IOMMU_GROUPS_CLI_H
#define IOMMU_GROUPS_CLI_H

#include <stdbool.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *sysroot;
	const char *kernel;
	const char *pci_ids;
	bool json;
	int color; /* 0 never, 1 always, -1 auto */
	int width;
	const char *assume_acs; /* --assume-acs BDF[,BDF...] */
	const char *from_dump;  /* --from-dump FILE */
	int argc;  /* the command's own arguments (after option parsing) */
	char **argv;
};

struct command {
	const char *name;
	int (*run)(struct cli *c);
	const char *summary;
};

int cli_main(int argc, char **argv);

/* Print "iommu-groups: <msg>" on stderr, the message made safe for a
 * terminal (safe.h): callers may quote outside strings as they are. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct sysmodel;
/* Print the model's input warnings (model_warn), one "warning:" line each. */
void warn_model(const struct sysmodel *m);

int cmd_list(struct cli *c);
int cmd_why_shared(struct cli *c);
int cmd_snapshot(struct cli *c);

#endif
