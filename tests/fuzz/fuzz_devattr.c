// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_devattr.c - libFuzzer harness for devattr.c's parsers of outside
 * text, under ASan and UBSan. The first byte chooses:
 *  - even: modules.alias. The first line is a modalias (at most 255 bytes,
 *    what fill_modules reads), the rest modules.alias text; the modalias
 *    and the fixtures' own are matched against it (devattr_load_aliases,
 *    devattr_modules_of).
 *  - odd: one function's attribute files in a sysroot made once per
 *    process under TMPDIR: byte 1 says which files exist (the rest are
 *    removed), byte 2 what to fill, byte 3 the function's slot number and
 *    whether the root counts as live, byte 4 how many 16-byte units of
 *    config space follow (the fallbacks read it); then '\0'-separated
 *    texts: reset_method, boot_vga, numa_node, the four link files,
 *    modules, modalias, modules.alias, the kernel release, then slot
 *    directory names and their address files in pairs.
 * Checked besides memory safety: what devattr_fill() returns is well
 * formed (names that devattr_name_ok(), values in range, a slot that was
 * listed) and the same on a second fill from the context's cache.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devattr.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RELEASE "6.12.0-fuzz"
#define BDF "0000:01:00.0"
#define MAX_SLOTS 6

static char root[256];
static char slot_dirs[MAX_SLOTS][300]; /* made by the last input */

/* The fixtures' modaliases, matched against every modules.alias. */
static const char *const modaliases[] = {
	"pci:v00008086d000010D3sv00008086sd00000000bc02sc00i00",
	"pci:v00001B36d00000010sv00001AF4sd00001100bc01sc08i02",
	"pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00",
	"pci:v00008086d000029C0sv00001AF4sd00001100bc06sc00i00",
	"pci:v0000104Cd00008232sv00000000sd00000000bc06sc04i00",
};

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void remove_root(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void mkdirs(const char *rel)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

/* rel below the root holds text (len bytes), or is removed (text NULL). */
static void put(const char *rel, const char *text, size_t len)
{
	char p[1024];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (!text) {
		unlink(p);
		return;
	}
	f = fopen(p, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(root, sizeof(root), "%s/fuzz_devattr.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		abort();
	atexit(remove_root);
	mkdirs("sys/bus/pci/devices/" BDF);
	mkdirs("sys/bus/pci/slots");
	mkdirs("lib/modules/" RELEASE);
	return 0;
}

static void check_names(char (*names)[DA_NAME_LEN], size_t n, size_t max)
{
	if (n > max)
		abort();
	for (size_t k = 0; k < n; k++) {
		if (!devattr_name_ok(names[k], strlen(names[k])))
			abort();
		for (size_t j = 0; j < k; j++)
			if (!strcmp(names[j], names[k]))
				abort();
	}
}

static void fuzz_aliases(const uint8_t *data, size_t size)
{
	char names[DA_MAX_NAMES][DA_NAME_LEN];
	const uint8_t *nl = memchr(data, '\n', size);
	size_t mlen = nl ? (size_t)(nl - data) : size, tlen;
	char modalias[256], *text;
	struct devattr_ctx c;
	size_t max = DA_MAX_NAMES;
	int n;

	if (mlen > 255)
		return;
	memcpy(modalias, data, mlen);
	modalias[mlen] = '\0';
	data += nl ? mlen + 1 : mlen;
	size -= nl ? mlen + 1 : mlen;
	tlen = size;
	text = malloc(tlen + 1); /* as load_aliases reads it: a NUL after */
	if (!text)
		return;
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	devattr_init(&c, NULL, NULL);
	if (devattr_load_aliases(&c, text, tlen)) {
		devattr_free(&c);
		return;
	}
	c.alias_read = true;
	if (mlen)
		max = (unsigned char)modalias[0] % (DA_MAX_NAMES + 1);
	n = devattr_modules_of(&c, modalias, names, max);
	if (n < -3 || n == -1 || n == -2)
		abort();
	if (n >= 0)
		check_names(names, (size_t)n, max);
	for (size_t k = 0; k < sizeof(modaliases) / sizeof(modaliases[0]); k++) {
		n = devattr_modules_of(&c, modaliases[k], names, DA_MAX_NAMES);
		if (n < 0)
			abort();
		check_names(names, (size_t)n, DA_MAX_NAMES);
	}
	devattr_free(&c);
}

/* The next '\0'-separated text, or NULL when the input ended. */
static const char *next_text(const uint8_t **p, const uint8_t *end, size_t *len)
{
	const uint8_t *s = *p, *z;

	if (s >= end)
		return NULL;
	z = memchr(s, '\0', (size_t)(end - s));
	*len = z ? (size_t)(z - s) : (size_t)(end - s);
	*p = z ? z + 1 : end;
	return (const char *)s;
}

/* "" (unknown) or as config space gives it: "2.5GT/s", "16.0GT/s" */
static bool speed_ok(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return !*s || (n >= 1 && n <= 3 && s[n] == '.' && s[n + 1] >= '0' && s[n + 1] <= '9' &&
		       !strcmp(s + n + 2, "GT/s"));
}

static void check_attrs(const struct devattr *a, unsigned want)
{
	char text[64];

	if (a->known != (want & DA_ALL) || (a->bad & ~a->known))
		abort();
	check_names((char (*)[DA_NAME_LEN])a->reset, a->nreset, DA_MAX_NAMES);
	check_names((char (*)[DA_NAME_LEN])a->modules, a->nmodules, DA_MAX_NAMES);
	if (a->boot_vga < -1 || a->boot_vga > 1 || a->numa < -1 || a->numa > 65535)
		abort();
	if (memchr(a->slot, '\0', sizeof(a->slot)) == NULL || strchr(a->slot, '/'))
		abort();
	if (!speed_ok(a->link.speed) || !speed_ok(a->link.max_speed) || a->link.width < -1 ||
	    a->link.width > 255 || a->link.max_width < -1 || a->link.max_width > 255)
		abort();
	devattr_link_text(a, text, sizeof(text));
	for (const char *p = text; *p; p++)
		if (*p < ' ' || *p > '~')
			abort();
}

static void fuzz_files(const uint8_t *data, size_t size)
{
	static const char *const files[] = {
		"reset_method", "boot_vga", "numa_node", "current_link_speed", "current_link_width",
		"max_link_speed", "max_link_width", "modules", "modalias",
	};
	const uint8_t *p, *end = data + size;
	unsigned present, want, cfglen;
	struct sysmodel m;
	struct sysroot sr;
	struct devattr_ctx c;
	struct devattr a, b;
	struct dev d;
	size_t len, nslots = 0;
	const char *t;
	char rel[600];

	if (size < 5)
		return;
	present = data[1] | (unsigned)(data[0] & 0x0e) << 7; /* 9 files, modules.alias, release */
	want = data[2] & DA_ALL;
	cfglen = data[4] * 16u;
	if (cfglen > size - 5)
		cfglen = (unsigned)(size - 5);
	memset(&d, 0, sizeof(d));
	dev_parse_config(&d, data + 5, cfglen, 0);
	d.domain = 0;
	d.bus = 1;
	d.devfn = DEVFN(data[3] & 31, 0);
	snprintf(d.bdf, sizeof(d.bdf), BDF);
	memset(&m, 0, sizeof(m));
	m.devs = &d;
	m.ndevs = 1;
	snprintf(m.kernel_release, sizeof(m.kernel_release), RELEASE);

	/* the files of the last input go, this one's come */
	for (size_t k = 0; k < MAX_SLOTS && slot_dirs[k][0]; k++) {
		snprintf(rel, sizeof(rel), "%s/address", slot_dirs[k]);
		unlink(rel);
		rmdir(slot_dirs[k]);
		slot_dirs[k][0] = '\0';
	}
	p = data + 5 + cfglen;
	for (size_t k = 0; k < 11; k++) {
		t = next_text(&p, end, &len);
		if (k < 9)
			snprintf(rel, sizeof(rel), "sys/bus/pci/devices/" BDF "/%s", files[k]);
		else if (k == 9)
			snprintf(rel, sizeof(rel), "lib/modules/" RELEASE "/modules.alias");
		if (k < 10)
			put(rel, (present >> k) & 1 && t ? t : NULL, t ? len : 0);
		else if ((present >> k) & 1 && t && len < sizeof(m.kernel_release)) {
			memcpy(m.kernel_release, t, len);
			m.kernel_release[len] = '\0';
		}
	}
	while (nslots < MAX_SLOTS && (t = next_text(&p, end, &len))) {
		char name[DA_NAME_LEN + 8];
		const char *addr;
		size_t alen = 0;

		addr = next_text(&p, end, &alen);
		if (!len || len >= sizeof(name))
			continue;
		memcpy(name, t, len);
		name[len] = '\0';
		if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		snprintf(slot_dirs[nslots], sizeof(slot_dirs[nslots]), "%s/sys/bus/pci/slots/%s", root,
			 name);
		if (mkdir(slot_dirs[nslots], 0755)) {
			slot_dirs[nslots][0] = '\0';
			continue;
		}
		nslots++;
		if (addr) {
			snprintf(rel, sizeof(rel), "sys/bus/pci/slots/%s/address", name);
			put(rel, addr, alen);
		}
	}

	if (sr_open(&sr, root))
		abort();
	sr.live = data[3] & 0x80;
	devattr_init(&c, &sr, &m);
	if (devattr_fill(&c, 0, want, &a))
		abort();
	check_attrs(&a, want);
	if (a.slot[0]) {
		bool listed = false;

		for (size_t k = 0; k < nslots && !listed; k++)
			listed = !strcmp(strrchr(slot_dirs[k], '/') + 1, a.slot);
		if (!listed)
			abort();
	}
	if (!memchr(c.warning, '\0', sizeof(c.warning)))
		abort();
	/* again: the slots and modules.alias now from the context */
	if (devattr_fill(&c, 0, want, &b) || memcmp(&a, &b, sizeof(a)))
		abort();
	devattr_free(&c);
	sr_close(&sr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		fuzz_files(data, size);
	else
		fuzz_aliases(data + 1, size - 1);
	return 0;
}
