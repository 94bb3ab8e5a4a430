// SPDX-License-Identifier: GPL-2.0-or-later
/* doctor.c - host checks for IOMMU and VFIO users (see doctor.h). */
#define _GNU_SOURCE
#include "doctor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cmdline.h"

const char *doctor_status_name(enum doctor_status s)
{
	switch (s) {
	case DOC_OK: return "ok";
	case DOC_WARN: return "warn";
	case DOC_FAIL: return "fail";
	case DOC_SKIP: return "skip";
	}
	return "skip";
}

static struct doctor_check *add(struct doctor_report *r, const char *name, enum doctor_status s,
				const char *fix, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static struct doctor_check *add(struct doctor_report *r, const char *name, enum doctor_status s,
				const char *fix, const char *fmt, ...)
{
	struct doctor_check *c;
	va_list ap;

	if (r->n >= DOCTOR_MAX_CHECKS)
		return NULL;
	c = &r->checks[r->n++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->status = s;
	snprintf(c->fix, sizeof(c->fix), "%s", fix ? fix : "");
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
	va_end(ap);
	return c;
}

/* The (text) file rel, NUL-terminated, at most max bytes; NULL when it
 * cannot be read. The caller frees it. */
static char *read_text(const struct sysroot *sr, const char *rel, size_t max)
{
	char *buf = malloc(max + 1);
	ssize_t n;

	if (!buf)
		return NULL;
	n = sr_read(sr, rel, buf, max, NULL);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Does the (text) file rel contain needle? -1 when it cannot be read. */
static int file_has(const struct sysroot *sr, const char *rel, const char *needle, size_t max)
{
	char *buf = read_text(sr, rel, max);
	int r;

	if (!buf)
		return -1;
	r = strstr(buf, needle) != NULL;
	free(buf);
	return r;
}

static bool is_amd(const struct sysmodel *m)
{
	return m->has_ivrs;
}

static void check_iommu(const struct analysis *a, struct doctor_report *r)
{
	const struct sysmodel *m = &a->m;
	char units[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < m->niommu_units && len < sizeof(units) - 40; i++)
		len += (size_t)snprintf(units + len, sizeof(units) - len, "%s%s", i ? ", " : "",
					m->iommu_units[i]);
	if (m->nkgroups) {
		add(r, "iommu", DOC_OK, NULL, "IOMMU on: %zu groups (units: %s)", m->nkgroups,
		    len ? units : "none listed");
		return;
	}
	if (m->params.iommu_off[0])
		add(r, "iommu", DOC_FAIL,
		    "remove it from the kernel command line (/etc/default/grub, then update-grub) and "
		    "reboot",
		    "IOMMU off: the kernel command line has %s", m->params.iommu_off);
	else if (!m->has_dmar && !m->has_ivrs)
		add(r, "iommu", DOC_FAIL,
		    "enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the firmware setup, then reboot",
		    "IOMMU off: the firmware describes no IOMMU (no DMAR or IVRS ACPI table)");
	else if (is_amd(m))
		add(r, "iommu", DOC_FAIL,
		    "check dmesg for AMD-Vi errors; amd_iommu=on is not needed (the driver starts when "
		    "IVRS is present)",
		    "IOMMU off although the firmware has an IVRS table");
	else
		add(r, "iommu", DOC_FAIL,
		    "boot with intel_iommu=on (kernels built without CONFIG_INTEL_IOMMU_DEFAULT_ON "
		    "need it), then reboot",
		    "IOMMU off although the firmware has a DMAR table");
}

/* The default domain type of the kernel's groups (what iommu=pt,
 * iommu.strict and the IOMMU driver chose). */
static void check_mode(const struct analysis *a, struct doctor_report *r)
{
	const struct sysmodel *m = &a->m;
	size_t dma = 0, fq = 0, ident = 0, other = 0;

	if (!m->nkgroups) {
		add(r, "mode", DOC_SKIP, NULL, "no IOMMU groups: no default domains");
		return;
	}
	for (size_t i = 0; i < m->nkgroups; i++) {
		const char *t = m->kgroups[i].type;

		if (!strcmp(t, "DMA"))
			dma++;
		else if (!strcmp(t, "DMA-FQ"))
			fq++;
		else if (!strcmp(t, "identity"))
			ident++;
		else
			other++;
	}
	if (ident && !dma && !fq)
		add(r, "mode", DOC_OK, NULL,
		    "passthrough (identity default domains, iommu=pt): host drivers bypass "
		    "translation; VFIO still isolates the groups it is given");
	else
		add(r, "mode", DOC_OK, NULL,
		    "default domains: %zu DMA (strict), %zu DMA-FQ (lazy), %zu identity, %zu other", dma,
		    fq, ident, other);
}

static void check_tables(const struct analysis *a, struct doctor_report *r)
{
	const struct sysmodel *m = &a->m;
	bool viot = sr_exists(&a->sr, "sys/firmware/acpi/tables/VIOT");

	if (m->has_dmar || m->has_ivrs || viot)
		add(r, "firmware", DOC_OK, NULL, "ACPI IOMMU table%s:%s%s%s",
		    (m->has_dmar + m->has_ivrs + viot) > 1 ? "s" : "", m->has_dmar ? " DMAR" : "",
		    m->has_ivrs ? " IVRS" : "", viot ? " VIOT" : "");
	else if (m->nkgroups)
		add(r, "firmware", DOC_OK, NULL,
		    "no DMAR, IVRS or VIOT table, but IOMMU groups exist (a device-tree platform "
		    "or a table not shown here)");
	else
		add(r, "firmware", DOC_FAIL,
		    "enable VT-d / AMD-Vi (sometimes called IOMMU or SVM) in the firmware setup",
		    "no DMAR, IVRS or VIOT ACPI table: the firmware describes no IOMMU");
}

/* Interrupt remapping: the chips in /proc/interrupts are "IR-..." when it
 * is on. Without it VFIO refuses MSI unless allow_unsafe_interrupts. */
static void check_irq_remap(const struct analysis *a, struct doctor_report *r)
{
	int ir;

	if (!a->m.nkgroups) {
		add(r, "interrupt_remapping", DOC_SKIP, NULL, "IOMMU off");
		return;
	}
	ir = file_has(&a->sr, "proc/interrupts", "IR-", 1 << 20);
	if (ir < 0)
		add(r, "interrupt_remapping", DOC_SKIP, NULL,
		    "proc/interrupts not readable here (a snapshot does not keep it)");
	else if (ir)
		add(r, "interrupt_remapping", DOC_OK, NULL, "on (IR- interrupt chips)");
	else
		add(r, "interrupt_remapping", DOC_WARN,
		    "enable x2APIC/interrupt remapping in the firmware (Intel: intremap is on by "
		    "default with the IOMMU); vfio_iommu_type1.allow_unsafe_interrupts=1 works "
		    "around it at the cost of isolation",
		    "off: no IR- interrupt chips; VFIO refuses devices' MSI without it");
}

static void check_cmdline(const struct analysis *a, struct doctor_report *r)
{
	const struct acs_cmdline *p = &a->m.params;
	char seen[320] = "";
	size_t len = 0;

	for (size_t i = 0; i < p->nparams && len < sizeof(seen) - 2; i++)
		len += (size_t)snprintf(seen + len, sizeof(seen) - len, "%s%s", i ? " " : "",
					p->params[i]);
	if (p->override)
		add(r, "cmdline", DOC_WARN,
		    "prefer hardware ACS (a slot below a CPU root port); the override patch declares "
		    "isolation that the hardware may not provide",
		    "pcie_acs_override= (an out-of-tree patch) is set: %s", seen);
	else if (p->has_config_acs || p->has_disable_acs_redir)
		add(r, "cmdline", DOC_WARN, "remove the parameter unless it is needed for peer-to-peer DMA",
		    "ACS changed by the kernel command line: %s", seen);
	else if (!a->m.cmdline[0])
		add(r, "cmdline", DOC_SKIP, NULL, "kernel command line not readable");
	else
		add(r, "cmdline", DOC_OK, NULL, "no parameter that weakens isolation%s%s",
		    len ? "; seen: " : "", seen);
}

/* A module is there when sys/module/NAME exists (loaded, or built in with
 * parameters), or loadable when modules.dep or modules.builtin name it. */
static void check_vfio_modules(const struct analysis *a, struct doctor_report *r)
{
	static const char *const mods[] = { "vfio", "vfio_iommu_type1", "vfio_pci" };
	char missing[128] = "", rel[512], ko[64], *dep = NULL, *builtin = NULL;
	size_t len = 0;
	bool loadable_all = true;

	/* the module lists are large: read once, not once per module */
	if (a->m.kernel_release[0]) {
		snprintf(rel, sizeof(rel), "lib/modules/%s/modules.dep", a->m.kernel_release);
		dep = read_text(&a->sr, rel, 8u << 20);
		snprintf(rel, sizeof(rel), "lib/modules/%s/modules.builtin", a->m.kernel_release);
		builtin = read_text(&a->sr, rel, 1u << 20);
	}
	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		snprintf(rel, sizeof(rel), "sys/module/%s", mods[i]);
		if (sr_exists(&a->sr, rel))
			continue;
		len += (size_t)snprintf(missing + len, sizeof(missing) - len, "%s%s", len ? " " : "",
					mods[i]);
		snprintf(ko, sizeof(ko), "/%s.ko", mods[i]);
		for (char *c = ko; *c; c++)
			if (*c == '_')
				*c = '-';
		if (!(dep && strstr(dep, ko)) && !(builtin && strstr(builtin, ko)))
			loadable_all = false;
	}
	free(dep);
	free(builtin);
	if (!len)
		add(r, "vfio_modules", DOC_OK, NULL, "vfio, vfio_iommu_type1 and vfio_pci are loaded");
	else if (!a->sr.live && !sr_exists(&a->sr, "sys/module"))
		add(r, "vfio_modules", DOC_SKIP, NULL, "sys/module is not in this sysroot");
	else if (loadable_all)
		add(r, "vfio_modules", DOC_OK, "modprobe vfio-pci (attach loads it when needed)",
		    "not loaded but installed: %s", missing);
	else
		add(r, "vfio_modules", DOC_FAIL,
		    "install the kernel's modules package (Debian: linux-image-*), or a kernel with "
		    "CONFIG_VFIO_PCI",
		    "missing and not installed for %s: %s",
		    a->m.kernel_release[0] ? a->m.kernel_release : "this kernel", missing);
}

static bool param_is(const struct sysroot *sr, const char *rel)
{
	char v[16];

	return sr_read_str(sr, rel, v, sizeof(v)) == 0 && (v[0] == 'Y' || v[0] == '1');
}

static void check_unsafe(const struct analysis *a, struct doctor_report *r)
{
	if (param_is(&a->sr, "sys/module/vfio/parameters/enable_unsafe_noiommu_mode"))
		add(r, "unsafe_modes", DOC_FAIL,
		    "unload vfio and load it without enable_unsafe_noiommu_mode; turn the IOMMU on",
		    "vfio no-IOMMU mode is on: user-space drivers get devices with no isolation at all");
	else if (param_is(&a->sr, "sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts"))
		add(r, "unsafe_modes", DOC_WARN,
		    "turn interrupt remapping on and drop allow_unsafe_interrupts",
		    "vfio_iommu_type1.allow_unsafe_interrupts is on: an assigned device can inject "
		    "interrupts (MSI) into the host");
	else
		add(r, "unsafe_modes", DOC_OK, NULL, "no-IOMMU mode and unsafe interrupts are off");
}

static void check_memlock(const struct analysis *a, struct doctor_report *r)
{
	struct rlimit rl;

	if (!a->sr.live) {
		add(r, "memlock", DOC_SKIP, NULL, "a limit of this process: checked on the live system only");
		return;
	}
	if (getrlimit(RLIMIT_MEMLOCK, &rl)) {
		add(r, "memlock", DOC_SKIP, NULL, "getrlimit failed");
		return;
	}
	if (rl.rlim_cur == RLIM_INFINITY)
		add(r, "memlock", DOC_OK, NULL, "RLIMIT_MEMLOCK unlimited");
	else if (rl.rlim_cur >= (1ull << 30))
		add(r, "memlock", DOC_OK, NULL, "RLIMIT_MEMLOCK %llu MiB",
		    (unsigned long long)(rl.rlim_cur >> 20));
	else
		add(r, "memlock", DOC_WARN,
		    "raise it for the user that maps DMA: ulimit -l, /etc/security/limits.conf "
		    "(memlock), or LimitMEMLOCK= in a systemd unit (QEMU, DPDK and SPDK pin all guest "
		    "or buffer memory)",
		    "RLIMIT_MEMLOCK %llu KiB: VFIO pins every mapped page against it",
		    (unsigned long long)(rl.rlim_cur >> 10));
}

static void check_dev_vfio(const struct analysis *a, struct doctor_report *r)
{
	struct stat st;
	char path[4200];

	if (!a->sr.live) {
		add(r, "dev_vfio", DOC_SKIP, NULL, "device nodes: checked on the live system only");
		return;
	}
	if (sr_abspath(&a->sr, "dev/vfio/vfio", path, sizeof(path)) || stat(path, &st)) {
		add(r, "dev_vfio", DOC_WARN, "modprobe vfio-pci", "/dev/vfio/vfio does not exist");
		return;
	}
	if ((st.st_mode & 0006) == 0006)
		add(r, "dev_vfio", DOC_OK, NULL,
		    "/dev/vfio/vfio is open to all users; each group node /dev/vfio/N needs its own "
		    "permission (udev rule or chown) for a non-root user (DPDK, SPDK)");
	else
		add(r, "dev_vfio", DOC_WARN,
		    "for non-root users: a udev rule giving /dev/vfio/* to their group (e.g. "
		    "SUBSYSTEM==\"vfio\", GROUP=\"kvm\", MODE=\"0660\")",
		    "/dev/vfio/vfio is mode %o: root only", (unsigned)(st.st_mode & 07777));
}

static void check_hugepages(const struct analysis *a, struct doctor_report *r)
{
	char buf[8192], *p;
	ssize_t n;
	unsigned long total = 0, size_kb = 0;

	if (!a->sr.live) {
		add(r, "hugepages", DOC_SKIP, NULL, "memory: checked on the live system only");
		return;
	}
	n = sr_read(&a->sr, "proc/meminfo", buf, sizeof(buf) - 1, NULL);
	if (n < 0) {
		add(r, "hugepages", DOC_SKIP, NULL, "proc/meminfo not readable");
		return;
	}
	buf[n] = '\0';
	if ((p = strstr(buf, "HugePages_Total:")))
		total = strtoul(p + 16, NULL, 10);
	if ((p = strstr(buf, "Hugepagesize:")))
		size_kb = strtoul(p + 13, NULL, 10);
	if (total)
		add(r, "hugepages", DOC_OK, NULL, "%lu huge pages of %lu KiB reserved", total, size_kb);
	else
		add(r, "hugepages", DOC_WARN,
		    "reserve some if DPDK or SPDK will run: hugepages=1024 on the kernel command "
		    "line, or echo 1024 > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages",
		    "no huge pages reserved (Hugepagesize %lu KiB)", size_kb);
}

static void check_groups(const struct analysis *a, struct doctor_report *r)
{
	if (!a->m.nkgroups)
		add(r, "groups", DOC_SKIP, NULL, "no kernel groups to compare");
	else if (a->g.kgroups_differ)
		add(r, "groups", DOC_WARN, "see `iommu-groups list` and `why-shared` for the differences",
		    "%zu kernel group%s differ%s from the groups computed by the kernel's rules "
		    "(firmware aliases or a quirk not known here)",
		    a->g.kgroups_differ, a->g.kgroups_differ == 1 ? "" : "s",
		    a->g.kgroups_differ == 1 ? "s" : "");
	else {
		size_t ungrouped = 0;

		for (size_t i = 0; i < a->m.ndevs; i++)
			ungrouped += a->m.devs[i].kernel_group == NO_GROUP;
		add(r, "groups", DOC_OK, NULL,
		    "every kernel group is what the kernel's rules give from config space%s",
		    ungrouped ? "; some functions have no group (no IOMMU unit translates them)" : "");
	}
}

void doctor_run(const struct analysis *a, struct doctor_report *r)
{
	memset(r, 0, sizeof(*r));
	check_iommu(a, r);
	check_mode(a, r);
	check_tables(a, r);
	check_irq_remap(a, r);
	check_cmdline(a, r);
	check_vfio_modules(a, r);
	check_unsafe(a, r);
	check_memlock(a, r);
	check_dev_vfio(a, r);
	check_hugepages(a, r);
	check_groups(a, r);
}
