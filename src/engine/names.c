// SPDX-License-Identifier: GPL-2.0-or-later
/* names.c - pci.ids names through libpci (see names.h). */
#include "names.h"

#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpci reports problems through callbacks; a missing pci.ids is not an
 * error for us (names become ids), so warnings are kept quiet. */
static void quiet(char *msg, ...)
{
	(void)msg;
}

/* libpci's fatal errors (a malformed pci.ids) must not return to it, and
 * library code must not exit() (a TUI would leave the terminal raw): jump
 * back to names_fill() with the message, which the caller prints through
 * errmsg() (it may quote the file). One lookup runs at a time per thread. */
static _Thread_local jmp_buf *fail_jmp;
static _Thread_local char fail_msg[512];

static PCI_NONRET void fail(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(fail_msg, sizeof(fail_msg), msg, ap);
	va_end(ap);
	fail_msg[strcspn(fail_msg, "\n")] = '\0';
	longjmp(*fail_jmp, 1);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* libpci appends " [cccc]" to a base class name when the subclass is not
 * listed; we print the number ourselves, as lspci -nn does. */
static char *class_dup(const char *s)
{
	char *c = dup_or_empty(s), *br;
	size_t l;

	if (c && (l = strlen(c)) > 7 && c[l - 1] == ']' && (br = strrchr(c, '[')) && br > c &&
	    br[-1] == ' ')
		br[-1] = '\0';
	return c;
}

int names_fill(struct sysmodel *m, const struct sysroot *sr, const char *ids_file, char *err,
	       size_t errlen)
{
	struct pci_access *volatile pacc = pci_alloc();
	char path[4200], buf[256];
	int flags = PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;
	jmp_buf jb;

	if (!pacc) {
		snprintf(err, errlen, "out of memory looking up names");
		return -1;
	}
	if (setjmp(jb)) {
		fail_jmp = NULL;
		snprintf(err, errlen, "libpci: %s", fail_msg);
		/* libpci closes the file before calling error(); what it
		 * parsed so far is freed with the rest. */
		pci_cleanup(pacc);
		return -1;
	}
	fail_jmp = &jb;
	pacc->warning = quiet;
	pacc->debug = quiet;
	pacc->error = fail;
	if (sr_abspath(sr, "sys/bus/pci", path, sizeof(path)) == 0)
		pci_set_param(pacc, "sysfs.path", path);
	if (ids_file)
		pci_set_name_list_path(pacc, (char *)ids_file, 0);
	/* No pci_init(): names need no access method, and not probing keeps
	 * libpci from touching the system at all. */
	for (size_t i = 0; i < m->ndevs; i++) {
		struct dev *d = &m->devs[i];
		const char *v, *dn, *c;

		v = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_VENDOR | flags, d->vendor);
		d->vendor_name = dup_or_empty(v);
		dn = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_DEVICE | flags, d->vendor,
				     d->device);
		d->device_name = dup_or_empty(dn);
		c = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_CLASS | flags, d->class >> 8);
		d->class_name = class_dup(c);
		if (!d->vendor_name || !d->device_name || !d->class_name) {
			fail_jmp = NULL;
			pci_cleanup(pacc);
			snprintf(err, errlen, "out of memory looking up names");
			return -1;
		}
	}
	fail_jmp = NULL;
	pci_cleanup(pacc);
	return 0;
}
