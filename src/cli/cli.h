/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli.h - command line: global options, and the command table. Every
 * command is a {name, function, summary} entry; main() only calls cli_main.
 */
#ifndef IOMMU_GROUPS_CLI_H
#define IOMMU_GROUPS_CLI_H

#include <stddef.h>
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
	const char *cmdline;    /* --cmdline FILE|STRING */
	/* attach, detach */
	bool dry_run, keep, force, all, verbose;
	const char *output;     /* -o/--output: snapshot's FILE.tar.gz, list's COLUMNS */
	/* list: table forms and filters */
	bool flat, tree, ids, prometheus;
	const char *group, *device, *class_name;
	/* attach --bench */
	bool bench, many, hugepages;
	const char *bench_sizes; /* --sizes */
	long iterations;         /* 0: by size */
	double duration;         /* seconds; 0: off */
	const char *backend;     /* attach --backend: container, iommufd, auto */
	int argc;  /* the command's own arguments (after option parsing) */
	char **argv;
};

/* Options a command takes (struct command.opts); one that is given to a
 * command that does not take it is a usage error, never ignored. */
enum {
	OPTF_SYSROOT = 1u << 0,
	OPTF_KERNEL = 1u << 1,
	OPTF_JSON = 1u << 2,
	OPTF_ASSUME_ACS = 1u << 3,
	OPTF_FROM_DUMP = 1u << 4,
	OPTF_PCI_IDS = 1u << 5,
	OPTF_WIDTH = 1u << 6,
	OPTF_DRY_RUN = 1u << 7,
	OPTF_KEEP = 1u << 8,
	OPTF_FORCE = 1u << 9,
	OPTF_ALL = 1u << 10,
	OPTF_VERBOSE = 1u << 11,
	OPTF_OUTPUT = 1u << 12,
	OPTF_BENCH = 1u << 13,
	OPTF_SIZES = 1u << 14,
	OPTF_ITERATIONS = 1u << 15,
	OPTF_DURATION = 1u << 16,
	OPTF_MANY = 1u << 17,
	OPTF_HUGEPAGES = 1u << 18,
	OPTF_FLAT = 1u << 19,
	OPTF_TREE = 1u << 20,
	OPTF_GROUP = 1u << 21,
	OPTF_DEVICE = 1u << 22,
	OPTF_CLASS = 1u << 23,
	OPTF_IDS = 1u << 24,
	OPTF_PROMETHEUS = 1u << 25,
	/* list's table forms and filters */
	OPTF_LIST = OPTF_OUTPUT | OPTF_FLAT | OPTF_TREE | OPTF_GROUP | OPTF_DEVICE | OPTF_CLASS |
		    OPTF_IDS | OPTF_PROMETHEUS,
	OPTF_BACKEND = 1u << 26,
	OPTF_CMDLINE = 1u << 27,
	/* what every command reading an analysis takes */
	OPTF_ANALYSIS = OPTF_SYSROOT | OPTF_KERNEL | OPTF_JSON | OPTF_ASSUME_ACS | OPTF_FROM_DUMP |
			OPTF_PCI_IDS | OPTF_WIDTH | OPTF_CMDLINE,
	/* the interactive view: the analysis, but no output format */
	OPTF_TUI = OPTF_SYSROOT | OPTF_KERNEL | OPTF_ASSUME_ACS | OPTF_FROM_DUMP | OPTF_PCI_IDS |
		   OPTF_CMDLINE,
};

struct command {
	const char *name;
	int (*run)(struct cli *c);
	const char *summary;
	unsigned opts; /* OPTF_*; --color, --help, --version go everywhere */
};

int cli_main(int argc, char **argv);

/* Print "iommu-groups: <msg>" on stderr, the message made safe for a
 * terminal (safe.h): callers may quote outside strings as they are. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct analysis;
/* The prologue of every command that reads an analysis: the analysis from
 * the options (sysroot or dump, rules, names, --assume-acs), and the
 * warnings that qualify the answer on stderr. EXIT_OK, or the exit status
 * after one line on stderr (the analysis then needs no freeing). */
int cli_analyse(const struct cli *c, struct analysis *a);
/* The model's warnings from the first-th on, and how many more went past
 * the bound than the dropped already counted, as cli_analyse() says
 * them: for those a command adds after (why-shared's group check). */
void cli_warn_from(const struct analysis *a, size_t first, size_t dropped);

int cmd_list(struct cli *c);
int cmd_why_shared(struct cli *c);
int cmd_snapshot(struct cli *c);
int cmd_doctor(struct cli *c);
int cmd_config(struct cli *c);
int cmd_diff(struct cli *c);
int cmd_attach(struct cli *c);
int cmd_detach(struct cli *c);
int cmd_tui(struct cli *c);

#endif
