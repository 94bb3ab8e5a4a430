// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_prom.c - `list --prometheus`: the Prometheus text exposition
 * format, for node_exporter's textfile collector (write to a temporary
 * file and rename it into the collector's directory). Metric names are
 * iommu_groups_*; label values from outside (drivers, group types) are made
 * safe (safe.h) and then escaped as the format asks (\\, \", \n).
 */
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "safe.h"

/* A label value: printable UTF-8, with the format's three escapes. */
static void label(FILE *out, const char *s)
{
	char safe[SAFE_TERM_SIZE(256)];

	safe_term(safe, sizeof(safe), s);
	for (const char *p = safe; *p; p++) {
		if (*p == '\\' || *p == '"')
			fputc('\\', out);
		fputc(*p, out);
	}
}

static void head(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP iommu_groups_%s %s\n# TYPE iommu_groups_%s gauge\n", name, help, name);
}

int render_list_prometheus(const struct analysis *a, FILE *out)
{
	const struct sysmodel *m = &a->m;
	size_t uncertain = 0;

	for (size_t s = 0; s < a->g.niso; s++)
		uncertain += !a->g.isolation_groups[s].certain;

	head(out, "iommu_enabled", "1 when the kernel made IOMMU groups, else 0.");
	fprintf(out, "iommu_groups_iommu_enabled %d\n", m->nkgroups > 0);
	head(out, "kernel_groups", "IOMMU groups the kernel made.");
	fprintf(out, "iommu_groups_kernel_groups %zu\n", m->nkgroups);
	head(out, "kernel_group_size", "PCI functions in each kernel IOMMU group.");
	for (size_t g = 0; g < m->nkgroups; g++) {
		fprintf(out, "iommu_groups_kernel_group_size{group=\"%d\",type=\"", m->kgroups[g].id);
		label(out, m->kgroups[g].type);
		fprintf(out, "\"} %zu\n", m->kgroups[g].nmembers);
	}
	head(out, "isolation_groups", "Isolation groups computed by the kernel's rules.");
	fprintf(out, "iommu_groups_isolation_groups %zu\n", a->g.niso);
	head(out, "isolation_groups_uncertain",
	     "Computed isolation groups that rest on config space that could not be read.");
	fprintf(out, "iommu_groups_isolation_groups_uncertain %zu\n", uncertain);
	head(out, "mismatches", "Kernel groups that differ from the computed isolation groups.");
	fprintf(out, "iommu_groups_mismatches %zu\n", m->nkgroups ? a->g.kgroups_differ : 0);
	head(out, "functions", "PCI functions examined.");
	fprintf(out, "iommu_groups_functions %zu\n", m->ndevs);
	head(out, "functions_without_group", "PCI functions without a kernel IOMMU group.");
	fprintf(out, "iommu_groups_functions_without_group %zu\n",
		a->iommu.on ? a->iommu.ungrouped : m->ndevs);
	head(out, "function_info",
	     "One series per PCI function (value 1): its kernel group (\"\" none), computed "
	     "isolation group, ids and driver.");
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];
		char kg[16] = "";

		if (d->kernel_group != NO_GROUP)
			snprintf(kg, sizeof(kg), "%d", d->kernel_group);
		fprintf(out,
			"iommu_groups_function_info{bdf=\"%s\",group=\"%s\",isolation_group=\"%d\","
			"ids=\"%04x:%04x\",class=\"%04x\",driver=\"",
			d->bdf, kg, a->g.isolation_groups[a->g.isolation_of[i]].id, d->vendor, d->device,
			d->class >> 8);
		label(out, d->driver ? d->driver : "");
		fputs("\"} 1\n", out);
	}
	return ferror(out) ? -1 : 0;
}
