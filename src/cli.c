// SPDX-License-Identifier: GPL-2.0-or-later
/* cli.c - option parsing and command dispatch (see cli.h). */
#include "cli.h"
#include "model.h"
#include "safe.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

static const struct command commands[] = {
	{ "list", cmd_list, "list IOMMU groups, alias sets and isolation groups" },
	{ "why-shared", cmd_why_shared, "explain why a device shares its group, and what would split it" },
	{ "snapshot", cmd_snapshot, "capture this system's PCI and IOMMU state into DIR, for --sysroot" },
};

/* Messages quote outside strings (paths, dump lines, names): the whole
 * line is made safe here, once, so that no caller needs to. */
void errmsg(const char *fmt, ...)
{
	char msg[2048], safe[SAFE_TERM_SIZE(sizeof(msg))];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	safe_term(safe, sizeof(safe), msg);
	fprintf(stderr, "iommu-groups: %s\n", safe);
}

void warn_model(const struct sysmodel *m)
{
	for (size_t i = 0; i < m->nwarnings; i++)
		errmsg("warning: %s", m->warnings[i]);
	if (m->warnings_dropped)
		errmsg("warning: %zu more warnings about the input not shown", m->warnings_dropped);
}

static void usage(FILE *f)
{
	fputs("Usage: iommu-groups [OPTIONS] COMMAND [ARGS]\n"
	      "\n"
	      "Show IOMMU groups and why devices share them.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "      --sysroot DIR     read sysfs and procfs below DIR\n"
	      "      --kernel VERSION  group by the rules of that kernel release\n"
	      "      --json            machine-readable output\n"
	      "      --from-dump FILE  read an `lspci -xxxx` dump instead of sysfs (- for stdin)\n"
	      "      --assume-acs BDF[,BDF...]\n"
	      "                        compute as if these functions had ACS enabled\n"
	      "      --color[=WHEN]    auto, always or never\n"
	      "  -h, --help            show this help\n"
	      "      --version         show the version\n",
	      f);
}

enum {
	OPT_SYSROOT = 256,
	OPT_KERNEL,
	OPT_JSON,
	OPT_COLOR,
	OPT_VERSION,
	OPT_PCI_IDS,
	OPT_WIDTH,
	OPT_LIST_COMMANDS,
	OPT_LIST_OPTIONS,
	OPT_ASSUME_ACS,
	OPT_FROM_DUMP,
};

static const struct option long_opts[] = {
	{ "sysroot", required_argument, NULL, OPT_SYSROOT },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "assume-acs", required_argument, NULL, OPT_ASSUME_ACS },
	{ "from-dump", required_argument, NULL, OPT_FROM_DUMP },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	/* for tests: a pinned pci.ids and a fixed output width */
	{ "pci-ids", required_argument, NULL, OPT_PCI_IDS },
	{ "width", required_argument, NULL, OPT_WIDTH },
	/* for shell completion: the lists come from the program itself */
	{ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS },
	{ "list-options", no_argument, NULL, OPT_LIST_OPTIONS },
	{ NULL, 0, NULL, 0 },
};

int cli_main(int argc, char **argv)
{
	struct cli c = { .color = -1 };
	const char *cmd = "list";
	int opt;

	c.pci_ids = getenv("IOMMU_GROUPS_PCI_IDS");
	opterr = 0;
	/* GNU getopt permutes: options may stand before or after COMMAND. */
	while ((opt = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_SYSROOT:
			c.sysroot = optarg;
			break;
		case OPT_KERNEL:
			c.kernel = optarg;
			break;
		case OPT_JSON:
			c.json = true;
			break;
		case OPT_COLOR:
			if (!optarg || !strcmp(optarg, "always"))
				c.color = 1;
			else if (!strcmp(optarg, "never"))
				c.color = 0;
			else if (!strcmp(optarg, "auto"))
				c.color = -1;
			else {
				errmsg("--color takes auto, always or never, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_FROM_DUMP:
			c.from_dump = optarg;
			break;
		case OPT_ASSUME_ACS:
			c.assume_acs = optarg;
			break;
		case OPT_PCI_IDS:
			c.pci_ids = optarg;
			break;
		case OPT_WIDTH: {
			char *end;
			long w = strtol(optarg, &end, 10);

			if (*end || w < 20 || w > 100000) {
				errmsg("--width takes a number from 20, not '%s'", optarg);
				return EXIT_USAGE;
			}
			c.width = (int)w;
			break;
		}
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("iommu-groups %s\n", VERSION);
			return EXIT_OK;
		case OPT_LIST_COMMANDS:
			for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				puts(commands[i].name);
			return EXIT_OK;
		case OPT_LIST_OPTIONS:
			for (const struct option *lo = long_opts; lo->name; lo++)
				if (lo->val != OPT_LIST_COMMANDS && lo->val != OPT_LIST_OPTIONS)
					printf("--%s%s\n", lo->name,
					       lo->has_arg == required_argument ? " ARG" : "");
			return EXIT_OK;
		case ':':
			errmsg("option '%s' needs an argument", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			errmsg("unknown option '%s' (see --help)", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (c.color < 0)
		c.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (optind < argc)
		cmd = argv[optind++];
	c.argc = argc - optind;
	c.argv = argv + optind;
	if (c.kernel) {
		int a, b;
		char tail;

		if (sscanf(c.kernel, "%d.%d%c", &a, &b, &tail) < 2 || a <= 0) {
			errmsg("--kernel takes a release such as 6.12, not '%s'", c.kernel);
			return EXIT_USAGE;
		}
	}
	if (c.from_dump && c.sysroot) {
		errmsg("--from-dump and --sysroot exclude each other");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, cmd))
			return commands[i].run(&c);
	errmsg("unknown command '%s' (see --help)", cmd);
	return EXIT_USAGE;
}
