// SPDX-License-Identifier: GPL-2.0-or-later
/* cmdline.c - ACS-related kernel parameters (see cmdline.h). */
#define _GNU_SOURCE
#include "cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void keep(struct acs_cmdline *c, const char *tok)
{
	if (c->nparams < 4)
		snprintf(c->params[c->nparams++], sizeof(c->params[0]), "%s", tok);
}

/* pcie_acs_override=downstream,multifunction,id:8086:1234,... */
static void parse_override(struct acs_cmdline *c, char *val)
{
	char *save = NULL;

	c->override = true;
	for (char *o = strtok_r(val, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		unsigned v, d;

		if (!strcmp(o, "downstream"))
			c->override_downstream = true;
		else if (!strcmp(o, "multifunction"))
			c->override_multifunction = true;
		else if (sscanf(o, "id:%4x:%4x", &v, &d) == 2 && c->n_override_ids < ACS_OVERRIDE_MAX_IDS) {
			c->override_ids[c->n_override_ids].vendor = (uint16_t)v;
			c->override_ids[c->n_override_ids].device = (uint16_t)d;
			c->n_override_ids++;
		}
	}
}

/* intel_iommu=, amd_iommu= and iommu= take comma-separated options; "off"
 * among them keeps the IOMMU driver from starting. */
static bool iommu_turned_off(const char *tok)
{
	static const char *const keys[] = { "intel_iommu=", "amd_iommu=", "iommu=" };

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t l = strlen(keys[k]);
		const char *v = tok + l;

		if (strncmp(tok, keys[k], l))
			continue;
		while (*v) {
			size_t n = strcspn(v, ",");

			if (n == 3 && !strncmp(v, "off", 3))
				return true;
			v += n + (v[n] == ',');
		}
	}
	return false;
}

void cmdline_parse(const char *cmdline, struct acs_cmdline *c)
{
	char *copy = strdup(cmdline ? cmdline : ""), *save = NULL;

	memset(c, 0, sizeof(*c));
	if (!copy)
		return;
	for (char *tok = strtok_r(copy, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		if (!strcmp(tok, "--"))
			break; /* the rest goes to init */
		if (!c->iommu_off[0] && iommu_turned_off(tok)) {
			snprintf(c->iommu_off, sizeof(c->iommu_off), "%.*s", (int)strcspn(tok, "="), tok);
			strncat(c->iommu_off, "=off", sizeof(c->iommu_off) - strlen(c->iommu_off) - 1);
		}
		if (!strncmp(tok, "pcie_acs_override=", 18)) {
			keep(c, tok);
			parse_override(c, tok + 18);
		} else if (!strncmp(tok, "pci=", 4)) {
			/* pci= takes comma-separated options; disable_acs_redir=
			 * and config_acs= values use ';' and '@' inside */
			char *save2 = NULL, *opts = strdup(tok + 4);
			bool kept = false;

			if (!opts)
				break;
			/* options are comma-separated (pci_setup); values use ';' */
			for (char *o = strtok_r(opts, ",", &save2); o; o = strtok_r(NULL, ",", &save2)) {
				if (!strcmp(o, "pcie_scan_all")) {
					c->pcie_scan_all = true;
				} else if (!strncmp(o, "disable_acs_redir=", 18)) {
					c->has_disable_acs_redir = true;
					snprintf(c->disable_acs_redir, sizeof(c->disable_acs_redir), "%s", o + 18);
				} else if (!strncmp(o, "config_acs=", 11)) {
					c->has_config_acs = true;
					snprintf(c->config_acs, sizeof(c->config_acs), "%s", o + 11);
				} else {
					continue;
				}
				if (!kept && strcmp(o, "pcie_scan_all")) {
					keep(c, tok);
					kept = true;
				}
			}
			free(opts);
		}
	}
	free(copy);
}
