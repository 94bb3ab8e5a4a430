// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_attach.c - `attach BDF` and `detach BDF|--all`: the command line
 * around the plan (plan.h) and the engine (attach.h): refusals, the plan
 * as text or JSON, the report of what came along and whether every driver
 * came back. Signals that would cut an attach short are held off while it
 * runs; SIGKILL still can, and the journal is for that.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis.h"
#include "attach.h"
#include "cli.h"
#include "dmabench_cli.h"
#include "load.h"

static void verbose_log(void *ctx, const char *rel, const char *buf, size_t len, int rc)
{
	(void)ctx;
	fprintf(stderr, "iommu-groups: write /%s \"", rel);
	for (size_t k = 0; k < len; k++) /* sysfs values: show a newline as \n */
		if (buf[k] == '\n')
			fputs("\\n", stderr);
		else
			fputc(buf[k] >= ' ' && buf[k] <= '~' ? buf[k] : '?', stderr);
	fprintf(stderr, "\": %s\n", rc ? strerror(-rc) : "ok");
}

static void print_json(json_object *root)
{
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
							   JSON_C_TO_STRING_NOSLASHESCAPE),
	      stdout);
	fputc('\n', stdout);
	json_object_put(root);
}

static json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

/* --backend: auto is the container interface, as every kernel with VFIO
 * has it; iommufd only when asked. NULL for an unknown name. */
static const struct vfio_backend *backend_of(const char *name)
{
	if (!name || !strcmp(name, "auto") || !strcmp(name, "container"))
		return &vfio_container_backend;
	if (!strcmp(name, "iommufd"))
		return &vfio_iommufd_backend;
	return NULL;
}

static const char *backend_label(const char *name)
{
	return !name || !strcmp(name, "auto") ? " (auto)" : "";
}

static void print_plan_text(const struct plan *p, bool dry_run, const char *backend)
{
	printf("%sIOMMU group %d: %zu function%s, %zu to move to vfio-pci\n",
	       dry_run ? "Plan (dry run, nothing changed): " : "", p->group, p->nmembers,
	       p->nmembers == 1 ? "" : "s", p->nmove);
	for (size_t k = 0; k < p->nmembers; k++) {
		const struct plan_member *m = &p->members[k];

		printf("  %s [%04x:%04x] %-10s -> %s\n", m->bdf, m->vendor, m->device,
		       m->driver[0] ? m->driver : "-", plan_action_name(m->action));
	}
	if (!p->vfio_pci_loaded && p->nmove)
		printf("  vfio-pci is not loaded: attach loads it (modprobe vfio-pci)\n");
	printf("  VFIO back-end: %s%s\n", backend_of(backend)->name, backend_label(backend));
}

static json_object *plan_json(const struct plan *p, bool force, const char *backend)
{
	json_object *root = json_object_new_object(), *arr = json_object_new_array();
	char id[8];

	json_object_object_add(root, "schema", json_object_new_int(1));
	json_object_object_add(root, "dry_run", json_object_new_boolean(true));
	json_object_object_add(root, "group", json_object_new_int(p->group));
	for (size_t k = 0; k < p->nmembers; k++) {
		const struct plan_member *m = &p->members[k];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "bdf", json_object_new_string(m->bdf));
		snprintf(id, sizeof(id), "%04x", m->vendor);
		json_object_object_add(o, "vendor_id", json_object_new_string(id));
		snprintf(id, sizeof(id), "%04x", m->device);
		json_object_object_add(o, "device_id", json_object_new_string(id));
		json_object_object_add(o, "driver_before", str_or_null(m->driver));
		json_object_object_add(o, "driver_during",
				       json_object_new_string(m->action == PA_TO_VFIO ? "vfio-pci"
								  : m->driver[0] ? m->driver : ""));
		if (m->action != PA_TO_VFIO && !m->driver[0])
			json_object_object_add(o, "driver_during", NULL);
		json_object_object_add(o, "action", json_object_new_string(m->action == PA_TO_VFIO ? "move" : "stay"));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "devices", arr);
	arr = json_object_new_array();
	for (size_t k = 0; k < p->nrefusals; k++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "reason", json_object_new_string(p->refusals[k].msg));
		json_object_object_add(o, "forceable", json_object_new_boolean(p->refusals[k].kind == RF_IN_USE));
		json_object_object_add(o, "overridden",
				       json_object_new_boolean(force && p->refusals[k].kind == RF_IN_USE));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "refusals", arr);
	json_object_object_add(root, "vfio_pci_loaded", json_object_new_boolean(p->vfio_pci_loaded));
	json_object_object_add(root, "backend", json_object_new_string(backend_of(backend)->name));
	json_object_object_add(root, "would_attach", json_object_new_boolean(plan_blocking(p, force) == 0));
	return root;
}

/* modprobe vfio-pci; 0 when the driver is there afterwards. */
static int load_vfio_pci(const struct sysroot *sr)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execlp("modprobe", "modprobe", "vfio-pci", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return sr_exists(sr, "sys/bus/pci/drivers/vfio-pci") ? 0 : -ENOENT;
}

struct outcome {
	char during[64][64]; /* per journal member */
	char after[64][64];
	struct vfio_facts facts;
	bool probed, restored, kept;
	struct bench_run *bench; /* --bench ran (or tried) */
};

static json_object *facts_json(const struct vfio_facts *f)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();
	char a[32], b[32];

	for (int bit = 0; bit < 64 && f->have_pgsizes; bit++)
		if (f->pgsizes >> bit & 1)
			json_object_array_add(arr, json_object_new_int64((int64_t)(1ull << bit)));
	json_object_object_add(o, "pgsizes", f->have_pgsizes ? arr : (json_object_put(arr), NULL));
	arr = json_object_new_array();
	for (size_t k = 0; k < f->nranges; k++) {
		json_object *r = json_object_new_array();

		snprintf(a, sizeof(a), "0x%llx", (unsigned long long)f->ranges[k].start);
		snprintf(b, sizeof(b), "0x%llx", (unsigned long long)f->ranges[k].end);
		json_object_array_add(r, json_object_new_string(a));
		json_object_array_add(r, json_object_new_string(b));
		json_object_array_add(arr, r);
	}
	json_object_object_add(o, "iova_ranges", f->have_ranges ? arr : (json_object_put(arr), NULL));
	json_object_object_add(o, "dma_avail",
			       f->have_dma_avail ? json_object_new_int64(f->dma_avail) : NULL);
	return o;
}

static void print_facts_text(int group, const struct vfio_facts *f, const char *backend)
{
	if (!strcmp(backend, "iommufd"))
		printf("Group %d attached to an iommufd IOAS\n", group);
	else
		printf("Group %d attached to a VFIO container, IOMMU %s\n", group, f->iommu_type);
	printf("  page sizes:");
	for (int bit = 0; bit < 64 && f->have_pgsizes; bit++)
		if (f->pgsizes >> bit & 1) {
			unsigned long long s = 1ull << bit;

			if (s >= 1ull << 30)
				printf(" %lluG", s >> 30);
			else if (s >= 1ull << 20)
				printf(" %lluM", s >> 20);
			else if (s >= 1ull << 10)
				printf(" %lluK", s >> 10);
			else
				printf(" %llu", s);
		}
	printf("%s\n  usable IOVA ranges:", f->have_pgsizes ? "" : " unknown");
	for (size_t k = 0; k < f->nranges; k++)
		printf(" 0x%llx-0x%llx", (unsigned long long)f->ranges[k].start,
		       (unsigned long long)f->ranges[k].end);
	printf("%s\n", f->have_ranges ? "" : " not reported");
	if (f->have_dma_avail)
		printf("  DMA mappings available: %u\n", f->dma_avail);
}

/* Only a run that succeeded prints on stdout: the plan, then the facts. */
static void report(const struct cli *c, const struct plan *p, const struct journal *j,
		   const struct outcome *o, const char *backend)
{
	if (c->json) {
		json_object *root = json_object_new_object(), *arr = json_object_new_array();

		json_object_object_add(root, "schema", json_object_new_int(1));
		json_object_object_add(root, "group", json_object_new_int(j->group));
		json_object_object_add(root, "backend", json_object_new_string(backend));
		json_object_object_add(root, "iommu_type", str_or_null(o->facts.iommu_type));
		for (size_t k = 0; k < j->nmembers; k++) {
			json_object *d = json_object_new_object();

			json_object_object_add(d, "bdf", json_object_new_string(j->members[k].bdf));
			json_object_object_add(d, "driver_before", str_or_null(j->members[k].driver));
			json_object_object_add(d, "driver_during", str_or_null(o->during[k]));
			json_object_object_add(d, "driver_after", o->kept ? NULL : str_or_null(o->after[k]));
			json_object_array_add(arr, d);
		}
		json_object_object_add(root, "devices", arr);
		json_object_object_add(root, "iommu_info", facts_json(&o->facts));
		json_object_object_add(root, "kept", json_object_new_boolean(o->kept));
		json_object_object_add(root, "restored", json_object_new_boolean(o->restored));
		if (o->bench)
			bench_json(o->bench, root);
		print_json(root);
		return;
	}
	print_plan_text(p, false, c->backend);
	print_facts_text(j->group, &o->facts, backend);
	if (o->bench)
		bench_print(o->bench);
	if (o->kept) {
		printf("Kept on vfio-pci (journal %s/group-%d.json); restore with: iommu-groups detach "
		       "%s\n",
		       j->dir, j->group, j->members[0].bdf);
		return;
	}
	printf("Restored:\n");
	for (size_t k = 0; k < j->nmembers; k++)
		if (j->members[k].move)
			printf("  %s %s -> %s -> %s\n", j->members[k].bdf, j->members[k].driver,
			       o->during[k][0] ? o->during[k] : "-", o->after[k][0] ? o->after[k] : "-");
}

static void read_drivers(const struct sysroot *sr, const struct journal *j, char (*out)[64])
{
	for (size_t k = 0; k < j->nmembers && k < 64; k++)
		if (attach_driver_of(sr, j->members[k].bdf, out[k], 64))
			out[k][0] = '\0';
}

/* Another journal for the group: this boot's (live) or an earlier one's. */
static int existing_journal(struct journal *j, const struct sysroot *sr, bool *stale)
{
	char err[512], boot[64];

	*stale = false;
	if (!journal_exists(j))
		return 0;
	if (journal_load(j, err, sizeof(err))) {
		errmsg("%s", err);
		return -1;
	}
	attach_boot_id(sr, boot, sizeof(boot));
	*stale = strcmp(boot, j->boot_id) != 0;
	return 1;
}

static void block_signals(sigset_t *old)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGHUP);
	sigaddset(&s, SIGQUIT);
	sigprocmask(SIG_BLOCK, &s, old);
}

static int do_attach(struct cli *c, struct analysis *a, const struct plan *p,
		     const struct dmabench_opts *bo)
{
	struct attach_ctx ctx;
	struct journal j;
	struct outcome o;
	char err[512];
	sigset_t old;
	bool stale;
	int rc, ex = EXIT_FAIL;

	memset(&o, 0, sizeof(o));
	if (p->nmembers > 64) {
		errmsg("group %d has %zu functions; at most 64 are handled", p->group, p->nmembers);
		return EXIT_FAIL;
	}
	if (p->nmove && !p->vfio_pci_loaded && load_vfio_pci(&a->sr)) {
		errmsg("vfio-pci is not available and `modprobe vfio-pci` did not load it: the kernel "
		       "needs the modules vfio, vfio_iommu_type1, vfio-pci-core and vfio-pci");
		return EXIT_FAIL;
	}
	rc = journal_open(&j, p->group, err, sizeof(err));
	if (rc) {
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	rc = existing_journal(&j, &a->sr, &stale);
	if (rc < 0)
		goto out;
	if (rc > 0 && !stale) {
		errmsg("group %d is already attached (journal %s/group-%d.json, %s, pid %ld): run "
		       "`iommu-groups detach %s` first",
		       p->group, j.dir, p->group, j.kept ? "kept" : "an interrupted run", j.pid,
		       p->members[0].bdf);
		goto out;
	}
	if (rc > 0) {
		errmsg("warning: removing a stale journal of group %d from another boot (not replayed)",
		       p->group);
		journal_remove(&j);
		journal_close(&j);
		if (journal_open(&j, p->group, err, sizeof(err))) {
			errmsg("%s", err);
			return EXIT_FAIL;
		}
	}
	if (c->verbose)
		sr_set_write_log(verbose_log, NULL);
	attach_ctx_init(&ctx, &a->sr, backend_of(c->backend));
	block_signals(&old);
	rc = attach_record(&ctx, &j, p, err, sizeof(err));
	if (rc) {
		errmsg("%s", err);
		journal_remove(&j);
		goto unblock;
	}
	rc = attach_bind(&ctx, &j, err, sizeof(err));
	if (!rc) {
		read_drivers(&a->sr, &j, o.during);
		rc = attach_probe(&ctx, p->group, &o.facts, err, sizeof(err));
		o.probed = rc == 0;
	}
	if (rc) {
		char rerr[512];

		errmsg("%s", err);
		if (rc == -ETIMEDOUT && strstr(err, "hung")) {
			errmsg("group %d left as it is; when the device is released run `iommu-groups "
			       "detach %s`",
			       p->group, p->members[0].bdf);
			goto unblock;
		}
		if (attach_restore(&ctx, &j, rerr, sizeof(rerr)))
			errmsg("restore failed: %s; the journal is kept: retry with `iommu-groups detach "
			       "%s`",
			       rerr, p->members[0].bdf);
		else
			errmsg("every driver was restored");
		goto unblock;
	}
	if (c->bench) {
		/* while the group is attached; restored as usual afterwards */
		o.bench = calloc(1, sizeof(*o.bench));
		if (!o.bench)
			errmsg("out of memory for --bench");
		else if (bench_run(o.bench, &a->sr, ctx.vfio, p->group, bo) && !o.bench->res.interrupted)
			errmsg("%s", o.bench->err);
	}
	if (c->keep) {
		j.kept = true;
		if (journal_save(&j)) {
			errmsg("cannot update the journal of group %d", p->group);
			goto unblock;
		}
		o.kept = true;
		report(c, p, &j, &o, ctx.vfio->name);
		ex = EXIT_OK;
		goto unblock;
	}
	rc = attach_restore(&ctx, &j, err, sizeof(err));
	read_drivers(&a->sr, &j, o.after);
	o.restored = rc == 0;
	if (rc) {
		errmsg("restore failed: %s; the journal is kept: retry with `iommu-groups detach %s`",
		       err, p->members[0].bdf);
		goto unblock;
	}
	report(c, p, &j, &o, ctx.vfio->name);
	ex = EXIT_OK;
unblock:
	fflush(NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (c->bench && ex == EXIT_OK) {
		/* partial results were printed; the status says why */
		if (bench_signalled())
			ex = EXIT_BENCH_INTERRUPTED;
		else if (!o.bench || o.bench->res.err || o.bench->err[0])
			ex = EXIT_FAIL;
	}
	free(o.bench);
out:
	journal_close(&j);
	sr_set_write_log(NULL, NULL);
	return ex;
}

int cmd_attach(struct cli *c)
{
	struct analysis a;
	struct plan_env env = { .euid = geteuid(), .dry_run = c->dry_run, .memlock = UINT64_MAX };
	struct plan p;
	char err[512];
	bool usage;
	struct dmabench_opts bo;
	int i, ex;

	if (bench_opts_from_cli(c, &bo))
		return EXIT_USAGE;
	if (c->argc != 1) {
		errmsg("attach takes one PCI address (see --help)");
		return EXIT_USAGE;
	}
	if (c->from_dump) {
		errmsg("attach works on the running system; it cannot use --from-dump");
		return EXIT_USAGE;
	}
	if (c->sysroot && !c->dry_run) {
		errmsg("attach changes the running system; it cannot run on --sysroot (--dry-run can)");
		return EXIT_USAGE;
	}
	if (c->all) {
		errmsg("--all is an option of detach");
		return EXIT_USAGE;
	}
	if (!backend_of(c->backend)) {
		errmsg("--backend takes container, iommufd or auto, not '%s'", c->backend);
		return EXIT_USAGE;
	}
	/* the prologue of every analysing command: its warnings qualify the
	 * plan as they qualify a list */
	ex = cli_analyse(c, &a);
	if (ex != EXIT_OK)
		return ex;
	i = analysis_find_arg(&a, c->argv[0], err, sizeof(err), &usage);
	if (i == NO_DEV) {
		errmsg("%s", err);
		analysis_free(&a);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	if (c->bench) {
		env.bench_bytes = plan_bench_bytes(&a.sr, bo.sizes, bo.nsizes, bo.many);
		env.memlock = dmabench_memlock_limit();
	}
	if (plan_make(&a, i, &env, &p)) {
		errmsg("out of memory");
		analysis_free(&a);
		return EXIT_FAIL;
	}
	if (p.group == NO_GROUP) {
		/* no group, no plan: the one refusal says why */
		for (size_t k = 0; k < p.nrefusals; k++)
			if (p.refusals[k].kind == RF_NO_GROUP)
				errmsg("refused: %s", p.refusals[k].msg);
		ex = EXIT_FAIL;
	} else if (c->dry_run) {
		/* the plan with what would stop it: a dry run succeeds */
		if (c->json) {
			print_json(plan_json(&p, c->force, c->backend));
		} else {
			print_plan_text(&p, true, c->backend);
			for (size_t k = 0; k < p.nrefusals; k++)
				printf("  refused: %s%s\n", p.refusals[k].msg,
				       c->force && p.refusals[k].kind == RF_IN_USE ? " (overridden by --force)" : "");
		}
		ex = EXIT_OK;
	} else if (plan_blocking(&p, c->force)) {
		for (size_t k = 0; k < p.nrefusals; k++)
			if (!c->force || p.refusals[k].kind != RF_IN_USE)
				errmsg("refused: %s%s", p.refusals[k].msg,
				       p.refusals[k].kind == RF_IN_USE ? " (--force overrides)" : "");
		ex = EXIT_FAIL;
	} else if (backend_of(c->backend) == &vfio_iommufd_backend &&
		   vfio_iommufd_available(err, sizeof(err))) {
		/* known before any write: say so now, not after a rebind */
		errmsg("refused: %s", err);
		ex = EXIT_FAIL;
	} else {
		for (size_t k = 0; k < p.nrefusals; k++)
			errmsg("warning: %s (overridden by --force)", p.refusals[k].msg);
		ex = do_attach(c, &a, &p, &bo);
	}
	plan_free(&p);
	analysis_free(&a);
	return ex;
}

/* Restore one group from its journal. */
static int detach_group(const struct cli *c, const struct sysroot *sr, int group,
			json_object *docs)
{
	struct attach_ctx ctx;
	struct journal j;
	char err[512], comm[64];
	bool stale;
	long holder;
	sigset_t old;
	int rc, ex = EXIT_FAIL;

	rc = journal_open(&j, group, err, sizeof(err));
	if (rc) {
		errmsg("%s", err);
		return EXIT_FAIL;
	}
	rc = existing_journal(&j, sr, &stale);
	if (rc == 0) {
		errmsg("group %d was not attached by iommu-groups (no journal in %s)", group, j.dir);
		goto out;
	}
	if (rc < 0)
		goto out;
	if (stale) {
		errmsg("journal of group %d is from another boot: stale, not replayed; removed", group);
		journal_remove(&j);
		ex = EXIT_OK;
		goto out;
	}
	holder = attach_group_holder(sr, group, comm, sizeof(comm));
	if (holder) {
		errmsg("/dev/vfio/%d is held by process %ld (%s): stop it first", group, holder, comm);
		goto out;
	}
	if (c->verbose)
		sr_set_write_log(verbose_log, NULL);
	attach_ctx_init(&ctx, sr, &vfio_container_backend);
	ctx.fault_after = 0;
	block_signals(&old);
	rc = attach_restore(&ctx, &j, err, sizeof(err));
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		errmsg("group %d: %s; the journal is kept", group, err);
		goto out;
	}
	if (c->json) {
		json_object *root = json_object_new_object(), *arr = json_object_new_array();

		json_object_object_add(root, "group", json_object_new_int(group));
		for (size_t k = 0; k < j.nmembers; k++) {
			json_object *d = json_object_new_object();
			char now[64];

			if (attach_driver_of(sr, j.members[k].bdf, now, sizeof(now)))
				now[0] = '\0';
			json_object_object_add(d, "bdf", json_object_new_string(j.members[k].bdf));
			json_object_object_add(d, "driver_after", str_or_null(now));
			json_object_array_add(arr, d);
		}
		json_object_object_add(root, "devices", arr);
		json_object_object_add(root, "restored", json_object_new_boolean(true));
		json_object_array_add(docs, root);
	} else {
		printf("Group %d restored:", group);
		for (size_t k = 0; k < j.nmembers; k++)
			if (j.members[k].move)
				printf(" %s %s", j.members[k].bdf,
				       j.members[k].driver[0] ? j.members[k].driver : "(none)");
		printf("\n");
	}
	ex = EXIT_OK;
out:
	journal_close(&j);
	sr_set_write_log(NULL, NULL);
	return ex;
}

int cmd_detach(struct cli *c)
{
	struct sysroot sr;
	char dir[2048], rel[128], target[64];
	json_object *docs;
	int rc, ex = EXIT_OK;

	if (c->sysroot || c->from_dump) {
		errmsg("detach changes the running system; it cannot run on --sysroot or --from-dump");
		return EXIT_USAGE;
	}
	if (c->all ? c->argc != 0 : c->argc != 1) {
		errmsg("detach takes one PCI address, or --all (see --help)");
		return EXIT_USAGE;
	}
	if (geteuid() != 0) {
		errmsg("detach rebinds drivers: run as root");
		return EXIT_FAIL;
	}
	rc = sr_open(&sr, NULL);
	if (rc) {
		errmsg("cannot open /: %s", strerror(-rc));
		return EXIT_FAIL;
	}
	docs = json_object_new_array();
	if (c->all) {
		int *groups;
		size_t n;

		journal_dir(dir, sizeof(dir));
		rc = journal_list(dir, &groups, &n);
		if (rc) {
			errmsg("cannot read %s: %s", dir, strerror(-rc));
			ex = EXIT_FAIL;
		} else if (n == 0 && !c->json) {
			printf("Nothing to detach (no journal in %s)\n", dir);
		}
		for (size_t k = 0; !rc && k < n; k++)
			if (detach_group(c, &sr, groups[k], docs) != EXIT_OK)
				ex = EXIT_FAIL;
		free(groups);
	} else {
		uint32_t dom;
		uint8_t bus, devfn;
		char bdf[32];
		int g;

		if (parse_bdf(c->argv[0], &dom, &bus, &devfn)) {
			errmsg("'%s' is not a PCI address (DDDD:BB:SS.F or BB:SS.F)", c->argv[0]);
			ex = EXIT_USAGE;
			goto out;
		}
		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", dom, bus, DEVFN_SLOT(devfn),
			 DEVFN_FUNC(devfn));
		snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s/iommu_group", bdf);
		rc = sr_link_basename(&sr, rel, target, sizeof(target));
		if (rc || sscanf(target, "%d", &g) != 1 || g < 0) {
			errmsg("no PCI device %s, or it has no IOMMU group", bdf);
			ex = EXIT_FAIL;
			goto out;
		}
		ex = detach_group(c, &sr, g, docs);
	}
	/* one document: the group restored, or with --all every group */
	if (c->json && ex == EXIT_OK) {
		json_object *root = json_object_new_object();

		json_object_object_add(root, "schema", json_object_new_int(1));
		json_object_object_add(root, "groups", json_object_get(docs));
		print_json(root);
	}
out:
	json_object_put(docs);
	sr_close(&sr);
	return ex;
}
