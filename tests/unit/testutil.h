/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * testutil.h - build a device model from synthetic functions and run the
 * grouping pipeline on it (model_finish -> dma_quirks_apply ->
 * relations_build -> grouping_compute), then compare partitions and edges.
 */
#ifndef IOMMU_GROUPS_TEST_UTIL_H
#define IOMMU_GROUPS_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the above first */
#include <cmocka.h>

#include "acs.h"
#include "groups.h"
#include "load.h"
#include "model.h"
#include "quirks.h"
#include "relations.h"
#include "rulectx.h"
#include "synth.h"

struct tm {
	struct sysmodel m;
	struct rulectx rc;
	struct relations r;
	struct grouping g;
	size_t cap;
	bool built;
	bool skip_dma_quirks; /* keep dma_alias_mask/dev_flags set by the test */
};

/* Empty model, rules 6.12, an IOMMU "on" (predict_acs_enable false). */
void tm_init(struct tm *t);
/* Add a function at bdf ("BB:SS.F" or "DDDD:BB:SS.F") parsed from s, below
 * parent (an index from tm_add, or NO_DEV for a root bus). Functions must
 * be added in (domain, bus, devfn) order. Returns its index. */
int tm_add(struct tm *t, const char *bdf, const struct synth *s, int parent);
/* The pipeline; fails the test on error. Can be called again after
 * changing m (rules, flags): everything is recomputed. */
void tm_build(struct tm *t);
void tm_free(struct tm *t);

int tm_dev(const struct tm *t, const char *bdf);
bool tm_same_iso(const struct tm *t, const char *a, const char *b);
bool tm_same_alias(const struct tm *t, const char *a, const char *b);
/* An edge of this kind between a and b (either direction), or NULL. */
const struct rel *tm_edge(const struct tm *t, const char *a, const char *b, enum rel_kind kind);
/* Any edge between a and b, or NULL. */
const struct rel *tm_any_edge(const struct tm *t, const char *a, const char *b);
const struct set *tm_iso_of(const struct tm *t, const char *bdf);
const struct set *tm_alias_of(const struct tm *t, const char *bdf);

/* spec: groups separated by '|', members by spaces, e.g.
 * "00:04.0 | 01:00.0 01:00.1". Every device must be listed once. */
void tm_expect_partition_(const struct tm *t, bool alias, const char *spec, const char *file,
			  int line);
#define expect_iso(t, spec) tm_expect_partition_((t), false, (spec), __FILE__, __LINE__)
#define expect_alias(t, spec) tm_expect_partition_((t), true, (spec), __FILE__, __LINE__)

/* Common building blocks (QEMU-like ids unless a test needs specific ones). */
/* PCIe root port / downstream port / upstream port with or without ACS. */
void sy_port(struct synth *s, enum pcie_type type, uint8_t pri, uint8_t sec, uint8_t sub,
	     bool acs, uint16_t acs_cap, uint16_t acs_ctrl);
/* PCIe endpoint (type 0, class 0x020000). */
void sy_pcie_ep(struct synth *s, uint16_t vendor, uint16_t device, bool mf);
/* Conventional PCI function (no capabilities), 256 bytes of config. */
void sy_conv_ep(struct synth *s, uint16_t vendor, uint16_t device, bool mf);

/* A new file under /tmp (name from prefix) holding text, e.g. a pci.ids;
 * the path is malloc'd: the caller unlinks and frees it. */
char *tu_temp_file(const char *prefix, const char *text);

/* A temporary root for a test's synthetic sysroot (setup/teardown of
 * test_load, test_devattr): a new directory $TMPDIR/iommu-groups-NAME.XXXXXX
 * (/tmp without TMPDIR) in root (len bytes); 0 or -1. tu_root_remove()
 * deletes it and all below it: 0 or -1. */
int tu_root_make(char *root, size_t len, const char *name);
int tu_root_remove(const char *root);

/* Run tests; the known_failures array runs only with
 * IOMMU_GROUPS_KNOWN_FAILURES=1 (tests that document open bugs). */
int tu_run(const char *name, const struct CMUnitTest *tests, size_t n,
	      const struct CMUnitTest *known_failures, size_t nknown);

#define REQ_ALL (ACS_SV | ACS_RR | ACS_CR | ACS_UF)

#endif
