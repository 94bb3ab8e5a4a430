// SPDX-License-Identifier: GPL-2.0-or-later
/* cli.c - option parsing and command dispatch (see cli.h). */
#include "cli.h"

#include "analysis.h"
#include "render.h"
#include "safe.h"

#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

static const struct command commands[] = {
	{ "list", cmd_list, "list IOMMU groups, alias sets and isolation groups",
	  OPTF_ANALYSIS | OPTF_LIST },
	{ "why-shared", cmd_why_shared, "explain why a device shares its group, and what would split it",
	  OPTF_ANALYSIS },
	{ "snapshot", cmd_snapshot,
	  "capture this system's PCI and IOMMU state into DIR (or -o FILE.tar.gz), for --sysroot",
	  OPTF_SYSROOT | OPTF_OUTPUT },
	/* --sysroot and --from-dump are refused by the commands themselves
	 * with a reason (exit 2), except attach --dry-run on a sysroot */
	{ "attach", cmd_attach, "attach a device's whole IOMMU group to VFIO, report, and restore",
	  OPTF_SYSROOT | OPTF_FROM_DUMP | OPTF_KERNEL | OPTF_JSON | OPTF_PCI_IDS | OPTF_DRY_RUN |
		  OPTF_KEEP | OPTF_FORCE | OPTF_VERBOSE | OPTF_BENCH | OPTF_SIZES | OPTF_ITERATIONS |
		  OPTF_DURATION | OPTF_MANY | OPTF_HUGEPAGES | OPTF_BACKEND },
	{ "detach", cmd_detach, "restore a group left attached (--keep, or an interrupted attach)",
	  OPTF_SYSROOT | OPTF_FROM_DUMP | OPTF_JSON | OPTF_ALL | OPTF_VERBOSE },
	{ "doctor", cmd_doctor, "check the host for what IOMMU and VFIO users trip over",
	  OPTF_SYSROOT | OPTF_KERNEL | OPTF_JSON },
	{ "diff", cmd_diff, "what changed between two snapshots (or a snapshot and /): groups, drivers, ACS",
	  OPTF_KERNEL | OPTF_JSON | OPTF_PCI_IDS },
	{ "config", cmd_config,
	  "print persistent vfio-pci configuration (driverctl, modprobe, libvirt) for a group",
	  OPTF_SYSROOT | OPTF_KERNEL | OPTF_FROM_DUMP | OPTF_PCI_IDS },
	{ "tui", cmd_tui, "interactive topology view (the default on a terminal)", OPTF_TUI },
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

void cli_warn_from(const struct analysis *a, size_t first, size_t dropped)
{
	for (size_t i = first; i < a->m.nwarnings; i++)
		errmsg("warning: %s", a->m.warnings[i]);
	if (a->m.warnings_dropped > dropped)
		errmsg("warning: %zu more warnings about the input not shown",
		       a->m.warnings_dropped - dropped);
}

/* Warnings that qualify the answer go to stderr, one line each. */
static void warn_limits(const struct analysis *a)
{
	const struct sysmodel *m = &a->m;
	char rules[32];
	struct kver lo, hi;

	cli_warn_from(a, 0, 0);
	/* a dump's loader said it already, in the dump's terms */
	if (m->config_truncated && !a->from_dump)
		errmsg("warning: config space of some devices could not be read completely; what "
		       "rests on it is marked uncertain (run as root: config space beyond 64 bytes "
		       "is root-only)");
	kver_format(a->rc.rules, rules, sizeof(rules));
	if (a->rules_outside) {
		char req[32];

		kver_format(a->requested, req, sizeof(req));
		errmsg("warning: kernel %s is outside the releases whose rules are known; using "
		       "the rules of %s",
		       a->rules_from_option || !m->kernel_release[0] ? req : m->kernel_release, rules);
	} else if (kver_between(a->rc.rules, &lo, &hi)) {
		const struct kver_approx *ap[8];
		size_t n = kver_approximate(a->rc.rules, ap, 8);
		char l[32], h[32], list[1024] = "";
		size_t len = 0;

		/* not exact: the tables were checked at lo and hi only */
		kver_format(lo, l, sizeof(l));
		kver_format(hi, h, sizeof(h));
		for (size_t k = 0; k < n && k < 8 && len < sizeof(list); k++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s (%s)",
						k ? "; " : "", ap[k]->at, ap[k]->rules);
		errmsg("warning: kernel %s lies between the compared releases %s and %s: its rules "
		       "are not exact; approximate boundaries: %s",
		       rules, l, h, n ? list : "none recorded");
	} else if (!a->rules_from_option && a->examined.major == 0) {
		errmsg("warning: the kernel release is unknown (%s): grouping by the rules of %s, the "
		       "newest known; give --kernel VERSION",
		       a->from_dump ? "a dump does not carry it" : "no proc/sys/kernel/osrelease",
		       rules);
	}
}

/* An --assume-acs function where ACS changes nothing: not a place ACS
 * isolates at (a bridge, a port, a multifunction device), or one with the
 * controls the kernel wants already on. */
static void warn_assumptions(const struct analysis *a)
{
	for (size_t i = 0; i < a->m.ndevs; i++) {
		const struct dev *d = &a->m.devs[i];

		if (!rulectx_dev(&a->rc, (int)i)->assume_acs)
			continue;
		if (!d->is_bridge && !d->multifunction && d->pcie_type != PCIE_ROOT_PORT &&
		    d->pcie_type != PCIE_DOWNSTREAM)
			errmsg("warning: --assume-acs %s: a single-function endpoint, not a bridge, port "
			       "or multifunction device: ACS there changes no group",
			       d->bdf);
		else if (d->acs == ACS_PRESENT &&
			 (d->acs_ctrl & ACS_REQ_FLAGS & d->acs_cap) == (ACS_REQ_FLAGS & d->acs_cap))
			errmsg("warning: --assume-acs %s: ACS is already enabled there: assuming it "
			       "changes no group",
			       d->bdf);
	}
}

/* --cmdline FILE|STRING: a readable regular file's first line, else the
 * string itself. -1 with one line said for what no kernel takes: longer
 * than the model holds, or control bytes. */
static int cmdline_arg(const char *arg, char *buf, size_t len)
{
	/* non-blocking: a FIFO or a device named here is never waited on */
	int fd = open(arg, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	FILE *f = NULL;
	struct stat st;
	const char *what = "--cmdline";

	if (fd >= 0 && (fstat(fd, &st) || !S_ISREG(st.st_mode))) {
		close(fd);
		errmsg("--cmdline %s: not a regular file (give the file, or the parameters "
		       "themselves)", arg);
		return -1;
	}
	if (fd >= 0 && !(f = fdopen(fd, "r"))) {
		close(fd);
		errmsg("--cmdline %s: out of memory", arg);
		return -1;
	}
	if (f) {
		size_t n = fread(buf, 1, len, f);

		fclose(f);
		if (n == len) {
			errmsg("--cmdline %s: longer than %zu bytes: not a kernel command line", arg,
			       len - 1);
			return -1;
		}
		buf[n] = '\0';
		if (n && buf[n - 1] == '\n')
			buf[--n] = '\0';
		if (strlen(buf) != n) {
			errmsg("--cmdline %s: holds a NUL byte: not a kernel command line", arg);
			return -1;
		}
		what = arg;
	} else {
		if (strlen(arg) >= len) {
			errmsg("--cmdline: longer than %zu bytes: not a kernel command line", len - 1);
			return -1;
		}
		snprintf(buf, len, "%s", arg);
	}
	for (const char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			errmsg("%s%s: control byte 0x%02x at offset %zu (a kernel command line is "
			       "one line of parameters)",
			       what == arg ? "--cmdline " : "", what, (unsigned char)*p, (size_t)(p - buf));
			return -1;
		}
	return 0;
}

int cli_analyse(const struct cli *c, struct analysis *a)
{
	struct analysis_opts o = {
		.sysroot = c->sysroot, .kernel = c->kernel, .pci_ids = c->pci_ids, .names = true,
		.from_dump = c->from_dump,
	};
	static char cmdline[sizeof(((struct sysmodel *)0)->cmdline)];
	char err[512];
	bool usage;

	if (c->cmdline) {
		if (cmdline_arg(c->cmdline, cmdline, sizeof(cmdline))) {
			memset(a, 0, sizeof(*a));
			a->sr.dirfd = -1;
			return EXIT_FAIL;
		}
		o.cmdline = cmdline;
	}

	if (analysis_run(a, &o, err, sizeof(err))) {
		errmsg("%s", err);
		analysis_free(a);
		return EXIT_FAIL;
	}
	if (c->assume_acs && analysis_assume_acs(a, c->assume_acs, err, sizeof(err), &usage)) {
		errmsg("%s", err);
		analysis_free(a);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	warn_limits(a);
	warn_assumptions(a);
	return EXIT_OK;
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
	      "      --cmdline FILE|STRING\n"
	      "                        the kernel command line for --sysroot or --from-dump\n"
	      "      --assume-acs BDF[,BDF...]\n"
	      "                        compute as if these functions had ACS enabled\n"
	      "  -o, --output FILE     snapshot: write FILE.tar.gz instead of a directory\n"
	      "  -o, --output COLUMNS  list: a table of these columns (-o help lists them)\n"
	      "      --list, --flat    list: one line per function, its group on every line\n"
	      "      --tree            list: the PCI tree, each function's group beside it\n"
	      "      --group N         list: only kernel group N (pN: predicted group N)\n"
	      "      --device BDF      list: only the group of this function\n"
	      "      --class NAME      list: only functions of this class (gpu, usb, net, ...)\n"
	      "      --ids             list: the vendor:device ids of the selected endpoints\n"
	      "      --prometheus      list: metrics for node_exporter's textfile collector\n"
	      "      --color[=WHEN]    auto, always or never\n"
	      "      --dry-run         attach: print the plan, change nothing\n"
	      "      --keep            attach: leave the group on vfio-pci (undo with detach)\n"
	      "      --force           attach: unbind devices that are in use\n"
	      "      --all             detach: every group attached in this boot\n"
	      "      --verbose         attach, detach: show each sysfs write\n"
	      "      --pci-ids FILE    take names from this pci.ids file\n"
	      "      --width N         the text output's width (default: the terminal's)\n"
	      "      --bench           attach: measure DMA map/unmap while attached\n"
	      "      --sizes LIST      --bench: buffer sizes (default 4K,64K,2M,1G)\n"
	      "      --iterations N    --bench: map+unmap pairs per row\n"
	      "      --duration S      --bench: seconds per row instead\n"
	      "      --many            --bench: also as many 4K mappings as allowed\n"
	      "      --hugepages       --bench: also hugetlbfs buffers\n"
	      "      --backend B       attach: VFIO interface: container, iommufd or auto\n"
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
	OPT_LIST_DEVICES,
	OPT_LIST_EDGE_KINDS,
	OPT_LIST_COLUMNS,
	OPT_ASSUME_ACS,
	OPT_FROM_DUMP,
	OPT_DRY_RUN,
	OPT_KEEP,
	OPT_FORCE,
	OPT_ALL,
	OPT_VERBOSE,
	OPT_BENCH,
	OPT_SIZES,
	OPT_ITERATIONS,
	OPT_DURATION,
	OPT_MANY,
	OPT_HUGEPAGES,
	OPT_FLAT,
	OPT_TREE,
	OPT_GROUP,
	OPT_DEVICE,
	OPT_CLASS,
	OPT_IDS,
	OPT_PROMETHEUS,
	OPT_LIST_CLASSES,
	OPT_BACKEND,
	OPT_CMDLINE,
};

static const struct option long_opts[] = {
	{ "sysroot", required_argument, NULL, OPT_SYSROOT },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "assume-acs", required_argument, NULL, OPT_ASSUME_ACS },
	{ "from-dump", required_argument, NULL, OPT_FROM_DUMP },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "keep", no_argument, NULL, OPT_KEEP },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "output", required_argument, NULL, 'o' },
	{ "bench", no_argument, NULL, OPT_BENCH },
	{ "sizes", required_argument, NULL, OPT_SIZES },
	{ "iterations", required_argument, NULL, OPT_ITERATIONS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "many", no_argument, NULL, OPT_MANY },
	{ "hugepages", no_argument, NULL, OPT_HUGEPAGES },
	{ "list", no_argument, NULL, OPT_FLAT },
	{ "flat", no_argument, NULL, OPT_FLAT },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "class", required_argument, NULL, OPT_CLASS },
	{ "ids", no_argument, NULL, OPT_IDS },
	{ "prometheus", no_argument, NULL, OPT_PROMETHEUS },
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	/* for tests: a pinned pci.ids and a fixed output width */
	{ "pci-ids", required_argument, NULL, OPT_PCI_IDS },
	{ "width", required_argument, NULL, OPT_WIDTH },
	/* for shell completion: the lists come from the program itself */
	{ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS },
	{ "list-options", no_argument, NULL, OPT_LIST_OPTIONS },
	{ "list-devices", no_argument, NULL, OPT_LIST_DEVICES },
	{ "list-classes", no_argument, NULL, OPT_LIST_CLASSES },
	{ "list-columns", no_argument, NULL, OPT_LIST_COLUMNS },
	/* for tests/cli/check-docs.sh: the kinds the docs must list */
	{ "list-edge-kinds", no_argument, NULL, OPT_LIST_EDGE_KINDS },
	{ NULL, 0, NULL, 0 },
};

/* For shell completion: the functions of the selected system (--sysroot,
 * --from-dump or the live one), one BDF a line; nothing on an error. */
static int print_devices(const struct cli *c)
{
	struct analysis_opts o = { .sysroot = c->sysroot, .from_dump = c->from_dump };
	struct analysis a;
	char err[512];

	if (analysis_run(&a, &o, err, sizeof(err)) == 0)
		for (size_t i = 0; i < a.m.ndevs; i++)
			puts(a.m.devs[i].bdf);
	analysis_free(&a);
	return EXIT_OK;
}

/* The OPTF_ bit of a long option's value, 0 for those every command takes. */
static unsigned optf_of(int val)
{
	switch (val) {
	case OPT_SYSROOT: return OPTF_SYSROOT;
	case OPT_KERNEL: return OPTF_KERNEL;
	case OPT_JSON: return OPTF_JSON;
	case OPT_ASSUME_ACS: return OPTF_ASSUME_ACS;
	case OPT_FROM_DUMP: return OPTF_FROM_DUMP;
	case OPT_PCI_IDS: return OPTF_PCI_IDS;
	case OPT_WIDTH: return OPTF_WIDTH;
	case OPT_DRY_RUN: return OPTF_DRY_RUN;
	case OPT_KEEP: return OPTF_KEEP;
	case OPT_FORCE: return OPTF_FORCE;
	case OPT_ALL: return OPTF_ALL;
	case OPT_VERBOSE: return OPTF_VERBOSE;
	case 'o': return OPTF_OUTPUT;
	case OPT_BENCH: return OPTF_BENCH;
	case OPT_SIZES: return OPTF_SIZES;
	case OPT_ITERATIONS: return OPTF_ITERATIONS;
	case OPT_DURATION: return OPTF_DURATION;
	case OPT_MANY: return OPTF_MANY;
	case OPT_HUGEPAGES: return OPTF_HUGEPAGES;
	case OPT_FLAT: return OPTF_FLAT;
	case OPT_TREE: return OPTF_TREE;
	case OPT_GROUP: return OPTF_GROUP;
	case OPT_DEVICE: return OPTF_DEVICE;
	case OPT_CLASS: return OPTF_CLASS;
	case OPT_IDS: return OPTF_IDS;
	case OPT_PROMETHEUS: return OPTF_PROMETHEUS;
	case OPT_BACKEND: return OPTF_BACKEND;
	case OPT_CMDLINE: return OPTF_CMDLINE;
	default: return 0;
	}
}

int cli_main(int argc, char **argv)
{
	struct cli c = { .color = -1 };
	const char *cmd = "list";
	unsigned given = 0;
	bool list_devices = false;
	int opt;

	c.pci_ids = getenv("IOMMU_GROUPS_PCI_IDS");
	opterr = 0;
	/* GNU getopt permutes: options may stand before or after COMMAND. */
	while ((opt = getopt_long(argc, argv, ":ho:", long_opts, NULL)) != -1) {
		given |= optf_of(opt);
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
		case OPT_CMDLINE:
			c.cmdline = optarg;
			break;
		case OPT_ASSUME_ACS:
			c.assume_acs = optarg;
			break;
		case OPT_DRY_RUN:
			c.dry_run = true;
			break;
		case OPT_KEEP:
			c.keep = true;
			break;
		case OPT_FORCE:
			c.force = true;
			break;
		case OPT_ALL:
			c.all = true;
			break;
		case OPT_VERBOSE:
			c.verbose = true;
			break;
		case OPT_BENCH:
			c.bench = true;
			break;
		case OPT_MANY:
			c.many = true;
			break;
		case OPT_HUGEPAGES:
			c.hugepages = true;
			break;
		case OPT_BACKEND:
			c.backend = optarg;
			break;
		case OPT_SIZES:
			c.bench_sizes = optarg;
			break;
		case OPT_ITERATIONS: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || end == optarg || v < 1 || v > 10000000) {
				errmsg("--iterations takes a number from 1 to 10000000, not '%s'", optarg);
				return EXIT_USAGE;
			}
			c.iterations = v;
			break;
		}
		case OPT_DURATION: {
			char *end;
			double v = strtod(optarg, &end);

			if (*end || end == optarg || !(v > 0 && v <= 3600)) {
				errmsg("--duration takes seconds, more than 0 and at most 3600, not '%s'",
				       optarg);
				return EXIT_USAGE;
			}
			c.duration = v;
			break;
		}
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
		case 'o':
			c.output = optarg;
			break;
		case OPT_FLAT:
			c.flat = true;
			break;
		case OPT_TREE:
			c.tree = true;
			break;
		case OPT_GROUP:
			c.group = optarg;
			break;
		case OPT_DEVICE:
			c.device = optarg;
			break;
		case OPT_CLASS:
			c.class_name = optarg;
			break;
		case OPT_IDS:
			c.ids = true;
			break;
		case OPT_PROMETHEUS:
			c.prometheus = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("iommu-groups %s\n", VERSION);
			return EXIT_OK;
		case OPT_LIST_DEVICES:
			list_devices = true;
			break;
		case OPT_LIST_CLASSES:
			render_class_list(stdout);
			return EXIT_OK;
		case OPT_LIST_COLUMNS:
			render_table_column_names(stdout);
			return EXIT_OK;
		case OPT_LIST_COMMANDS:
			for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				puts(commands[i].name);
			return EXIT_OK;
		case OPT_LIST_OPTIONS:
			for (const struct option *lo = long_opts; lo->name; lo++)
				if (lo->val != OPT_LIST_COMMANDS && lo->val != OPT_LIST_OPTIONS &&
				    lo->val != OPT_LIST_DEVICES && lo->val != OPT_LIST_CLASSES &&
				    lo->val != OPT_LIST_COLUMNS && lo->val != OPT_LIST_EDGE_KINDS)
					printf("--%s%s\n", lo->name,
					       lo->has_arg == required_argument ? " ARG" : "");
			return EXIT_OK;
		case OPT_LIST_EDGE_KINDS:
			/* NAME FIXABLE SENTENCE: FIXABLE as JSON gives it */
			for (int k = 0; k < REL_NKINDS_ALL; k++) {
				const struct rel_kind_info *ki = rel_kind_info((enum rel_kind)k);

				printf("%s %s %s\n", ki->name,
				       ki->fixable == TRI_UNKNOWN ? "null" : ki->fixable ? "true" : "false",
				       ki->sentence);
			}
			return EXIT_OK;
		case ':':
			errmsg("option '%s' needs an argument", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			errmsg("unknown option '%s' (see --help)", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	/* auto: a terminal, and no NO_COLOR set to a non-empty value
	 * (no-color.org; --color=always overrides it, as a flag should) */
	if (c.color < 0)
		c.color = isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (optind < argc)
		cmd = argv[optind++];
	/* no COMMAND on a terminal (stdin and stdout), and no option only list
	 * takes: the interactive view */
	else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && !(given & ~OPTF_TUI))
		cmd = "tui";
	c.argc = argc - optind;
	c.argv = argv + optind;
	if (c.kernel) {
		struct kver v;

		if (!kver_parse(c.kernel, &v)) {
			errmsg("--kernel takes a release such as 6.12 or 6.12.117, not '%s'", c.kernel);
			return EXIT_USAGE;
		}
	}
	if (c.from_dump && c.sysroot) {
		errmsg("--from-dump and --sysroot exclude each other");
		return EXIT_USAGE;
	}
	if (c.cmdline && !c.from_dump && !c.sysroot) {
		errmsg("--cmdline is for --sysroot or --from-dump: the running kernel's command "
		       "line is its own");
		return EXIT_USAGE;
	}
	if (list_devices)
		return print_devices(&c);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		unsigned bad;

		if (strcmp(commands[i].name, cmd))
			continue;
		bad = given & ~commands[i].opts;
		if (bad) {
			for (const struct option *lo = long_opts; lo->name; lo++)
				if (bad & optf_of(lo->val)) {
					errmsg("%s does not take --%s (see --help)", cmd, lo->name);
					break;
				}
			return EXIT_USAGE;
		}
		return commands[i].run(&c);
	}
	errmsg("unknown command '%s' (see --help)", cmd);
	return EXIT_USAGE;
}
