// SPDX-License-Identifier: GPL-2.0-or-later
/* acs.c - pci_acs_enabled() and friends, by the kernel's rules (see acs.h). */
#include "acs.h"

#include <stdio.h>
#include <string.h>

/* pci_dev_str_match() (drivers/pci/pci.c) for one entry: "pci:VVVV:DDDD
 * [:SVVV:SDDD]" (0 = any) or a path "[SEG:]BUS:DEV.FN[/DEV.FN...]" read
 * from the device upward. */
static bool str_match(const struct sysmodel *m, const struct dev *d, const char *p)
{
	unsigned v[4] = { 0, 0, 0, 0 }, seg = 0, bus, slot, fn;
	char path[256], *slash;
	const struct dev *cur = d;
	char end;

	if (!strncmp(p, "pci:", 4)) {
		if (sscanf(p + 4, "%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3]) < 2)
			return false;
		return (!v[0] || v[0] == d->vendor) && (!v[1] || v[1] == d->device) &&
		       (!v[2] || v[2] == d->subvendor) && (!v[3] || v[3] == d->subdevice);
	}
	snprintf(path, sizeof(path), "%s", p);
	while ((slash = strrchr(path, '/'))) {
		if (sscanf(slash, "/%x.%x%c", &slot, &fn, &end) != 2 || cur->devfn != DEVFN(slot, fn) ||
		    cur->parent == NO_DEV)
			return false;
		cur = &m->devs[cur->parent];
		*slash = '\0';
	}
	if (sscanf(path, "%x:%x:%x.%x%c", &seg, &bus, &slot, &fn, &end) != 4) {
		seg = 0;
		if (sscanf(path, "%x:%x.%x%c", &bus, &slot, &fn, &end) != 3)
			return false;
	}
	return cur->domain == seg && cur->bus == bus && cur->devfn == DEVFN(slot, fn);
}

/* Does an entry of a pci=disable_acs_redir=/config_acs= value (entries
 * separated by ';', config_acs entries "FLAGS@DEVICE") name d? */
static bool param_names(const struct sysmodel *m, const struct dev *d, const char *val, bool flags)
{
	char buf[512], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", val);
	for (char *e = strtok_r(buf, ";", &save); e; e = strtok_r(NULL, ";", &save)) {
		char *at = flags ? strchr(e, '@') : NULL;

		if (flags && !at)
			return false;
		if (str_match(m, d, at ? at + 1 : e))
			return true;
	}
	return false;
}

void acs_mark_cmdline(const struct sysmodel *m, struct rulectx *rc)
{
	const struct acs_cmdline *c = &m->params;

	for (size_t i = 0; i < m->ndevs && i < rc->ndevs; i++) {
		const struct dev *d = &m->devs[i];

		rc->dev[i].acs_param_named =
			(c->has_disable_acs_redir && param_names(m, d, c->disable_acs_redir, false)) ||
			(c->has_config_acs && param_names(m, d, c->config_acs, true));
	}
}

uint16_t acs_ctrl_effective(const struct sysmodel *m, const struct rulectx *rc, int dev)
{
	const struct dev *d = &m->devs[dev];
	uint16_t ctrl = d->acs_ctrl;

	if (!rc->predict_acs_enable)
		return ctrl;
	/* __pci_config_acs() sets a named device's controls from the
	 * firmware's, dropping what pci_std_enable_acs() added: the register
	 * as read already is what the kernel would leave there. */
	if (rulectx_dev(rc, dev)->acs_param_named)
		return ctrl;
	/* pci_std_enable_acs(): SV, RR, CR, UF wherever advertised, once an
	 * IOMMU driver called pci_request_acs(). */
	return ctrl | (acs_cap_effective(m, d, rc->rules) & (ACS_SV | ACS_RR | ACS_CR | ACS_UF));
}

enum tri acs_flags_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev,
			   uint16_t flags, uint16_t *missing)
{
	const struct dev *d = &m->devs[dev];
	uint16_t ctrl, need;

	if (missing)
		*missing = 0;
	if (d->acs == ACS_UNKNOWN)
		return TRI_UNKNOWN;
	if (d->acs == ACS_ABSENT)
		return TRI_NO;
	/* Features the capability does not advertise are hard-wired on
	 * (pci_acs_flags_enabled), except Egress Control. */
	need = flags & (acs_cap_effective(m, d, rc->rules) | ACS_EC);
	ctrl = acs_ctrl_effective(m, rc, dev);
	if (missing)
		*missing = need & ~ctrl;
	return (ctrl & need) == need ? TRI_YES : TRI_NO;
}

/* pcie_acs_overrides(), the out-of-tree ACS override patch's quirk (the
 * last entry of its pci_dev_acs_enabled[]): TRI_YES when it declares the
 * function isolated, TRI_UNKNOWN when it does not apply (-ENOTTY). */
static enum tri acs_override(const struct sysmodel *m, const struct dev *d)
{
	const struct acs_cmdline *c = &m->params;

	/* never for conventional devices or devices with an ACS capability */
	if (!dev_is_pcie(d) || d->acs != ACS_ABSENT)
		return TRI_UNKNOWN;
	for (size_t i = 0; i < c->n_override_ids; i++)
		if (c->override_ids[i].vendor == d->vendor && c->override_ids[i].device == d->device)
			return TRI_YES;
	switch (d->pcie_type) {
	case PCIE_DOWNSTREAM:
	case PCIE_ROOT_PORT:
		return c->override_downstream ? TRI_YES : TRI_UNKNOWN;
	case PCIE_ENDPOINT:
	case PCIE_UPSTREAM:
	case PCIE_LEGACY_ENDPOINT:
	case PCIE_RC_END:
		return c->override_multifunction && d->multifunction ? TRI_YES : TRI_UNKNOWN;
	default:
		return TRI_UNKNOWN;
	}
}

static enum tri basis(struct acs_why *why, enum acs_basis b, enum tri t)
{
	if (why)
		why->basis = b;
	return t;
}

enum tri acs_enabled(const struct sysmodel *m, const struct rulectx *rc, int dev, uint16_t flags,
		     struct acs_why *why)
{
	const struct dev *d = &m->devs[dev];
	const struct acs_quirk *q = NULL;
	enum quirk_answer qa;
	bool undecided = false;
	enum tri t;

	if (why) {
		why->quirk = NULL;
		why->missing = 0;
	}
	if (rulectx_dev(rc, dev)->assume_acs)
		return basis(why, ACSB_ASSUMED, TRI_YES);
	qa = acs_quirk_query(m, rc, dev, flags, &q, &undecided);
	if (qa != QUIRK_NA) {
		if (why)
			why->quirk = q;
		if (undecided)
			return basis(why, ACSB_UNKNOWN, TRI_UNKNOWN);
		return basis(why, ACSB_QUIRK, qa == QUIRK_ISOLATED ? TRI_YES : TRI_NO);
	}
	if (m->params.override) {
		enum tri o = acs_override(m, d);

		if (o != TRI_UNKNOWN)
			return basis(why, ACSB_OVERRIDE, o);
	}
	if (d->pcie_type == PCIE_UNKNOWN)
		return basis(why, ACSB_UNKNOWN, TRI_UNKNOWN);
	if (d->pcie_type == PCIE_NONE)
		return basis(why, ACSB_CONVENTIONAL, TRI_NO);

	switch (d->pcie_type) {
	case PCIE_PCIE_BRIDGE:
	case PCIE_PCI_BRIDGE:
	case PCIE_RC_EC:
		return basis(why, ACSB_BRIDGE_TYPE, TRI_NO);
	case PCIE_DOWNSTREAM:
	case PCIE_ROOT_PORT:
		break;
	case PCIE_ENDPOINT:
	case PCIE_UPSTREAM:
	case PCIE_LEGACY_ENDPOINT:
	case PCIE_RC_END:
		if (!d->multifunction)
			return basis(why, ACSB_SINGLE_FUNCTION, TRI_YES);
		break;
	default:
		return basis(why, ACSB_OTHER_TYPE, TRI_YES);
	}
	t = acs_flags_enabled(m, rc, dev, flags, why ? &why->missing : NULL);
	if (t == TRI_UNKNOWN)
		return basis(why, ACSB_UNKNOWN, t);
	return basis(why, d->acs == ACS_ABSENT ? ACSB_NO_CAP : ACSB_CTRL, t);
}

enum tri acs_path_enabled(const struct sysmodel *m, const struct rulectx *rc, int start,
			  uint16_t flags, int *blocker)
{
	enum tri result = TRI_YES;

	if (blocker)
		*blocker = NO_DEV;
	/* bounded even if a model had a parent loop (model_finish cuts them) */
	for (int cur = start, n = 0; cur != NO_DEV && n <= (int)m->ndevs; cur = m->devs[cur].parent, n++) {
		enum tri t = acs_enabled(m, rc, cur, flags, NULL);

		if (t == TRI_NO) {
			if (blocker)
				*blocker = cur;
			return TRI_NO;
		}
		/* An unknown link: keep looking for a definite "no" above,
		 * which decides; otherwise the answer stays unknown. */
		if (t == TRI_UNKNOWN && result == TRI_YES) {
			result = TRI_UNKNOWN;
			if (blocker)
				*blocker = cur;
		}
	}
	return result;
}
