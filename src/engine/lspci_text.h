/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lspci_text.h - what `lspci -vvnn` text says about one function, as users
 * paste it into forums and bug reports (no hex): ids and class from the
 * -nn header, bus numbers ("Bus: primary=..."), the PCI Express type, the
 * ACS capability and control bits, SR-IOV, the bound driver and the
 * "IOMMU group: N" line. load_dump.c feeds it the lines of a function that
 * has no hex rows, then has it written as config space bytes (the fields
 * the text gives, at the offsets it gives), so that one config parser
 * reads both forms. What the text does not show is never invented: a
 * listing without capabilities (<access denied>: not root) or without the
 * ACS control line is config space known only in part.
 */
#ifndef IOMMU_GROUPS_LSPCI_TEXT_H
#define IOMMU_GROUPS_LSPCI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lt_cap { LT_NONE, LT_ACS, LT_SRIOV, LT_OTHER };

struct lspci_text {
	/* the header line, "BB:SS.F Class [cccc]: Vendor Device [vvvv:dddd] (rev rr) (prog-if pp ...)" */
	bool ids;      /* -nn ids found */
	bool class_ok; /* [cccc] found */
	uint16_t vendor, device;
	uint32_t class; /* 24 bits */
	uint8_t rev;
	unsigned ndetail; /* detail lines seen */
	/* without -nn (`lspci -vv`): the names lspci printed instead, for a
	 * lookup in pci.ids (names.h); "" when absent */
	char class_text[128]; /* "Ethernet controller" */
	char vd_text[384];    /* "Intel Corporation 82574L Gigabit Network Connection" */

	bool subsys;
	uint16_t subvendor, subdevice;
	bool bus_line;
	uint8_t primary, secondary, subordinate;
	bool caps_shown;  /* some "Capabilities: [..]" line */
	bool caps_denied; /* "Capabilities: <access denied>" */

	int pcie_type; /* -1: no Express capability shown */
	uint8_t pcie_ver;
	uint16_t pcie_pos;

	uint16_t acs_pos; /* 0: none */
	bool acs_cap_line, acs_ctl_line;
	uint16_t acs_cap, acs_ctl;

	uint16_t sriov_pos;
	bool iov_ctl_line, iov_count_line, iov_vf_line;
	uint16_t sriov_ctrl, sriov_initial, sriov_total, sriov_num, sriov_offset, sriov_stride,
		sriov_vf_device;

	uint16_t ext_pos[32]; /* every extended capability's offset, in order */
	size_t next;
	uint16_t std_pos[48]; /* standard capabilities' offsets */
	size_t nstd;
	enum lt_cap in; /* the capability whose detail lines follow */

	char driver[64]; /* "Kernel driver in use:", "" none */
	int iommu_group; /* "IOMMU group:", -1 none */
};

void lspci_text_init(struct lspci_text *t);

/* The header line after its BDF. Never fails: a header without -nn ids is
 * found out when the function turns out to have no hex rows. */
void lspci_text_header(struct lspci_text *t, const char *rest);

/* One detail line, leading blanks removed. 0, or -1 with why (a known line
 * that is malformed: a capability offset out of range, a bus number that
 * is no number, a second ACS capability...). Unknown lines are skipped. */
int lspci_text_detail(struct lspci_text *t, const char *s, char *why, size_t whylen);

/* Config space bytes for what the text said: *len bytes are known (64
 * when capabilities were not shown; 256 when an extended capability's
 * detail is missing; else 4096 for PCI Express, 256 for conventional);
 * *full is what the function has. -1 with why when the text lacks what
 * the tree needs (no ids: not -nn; no detail lines: not -v). */
int lspci_text_config(const struct lspci_text *t, uint8_t cfg[4096], size_t *len, size_t *full,
		      char *why, size_t whylen);

#endif
