// SPDX-License-Identifier: GPL-2.0-or-later
/* model.c - the device model's own helpers, shared by every loader and by
 * the tests: BDF text, device records, the location index, warnings. */
#define _GNU_SOURCE
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"


/* A hostile input can be damaged everywhere: keep stderr readable. */
#define MAX_WARNINGS 64

void model_warn(struct sysmodel *m, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (m->nwarnings >= MAX_WARNINGS) {
		m->warnings_dropped++;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	model_warn_take(m, s);
}

void model_warn_take(struct sysmodel *m, char *s)
{
	void *p = NULL;

	if (s && m->nwarnings < MAX_WARNINGS)
		p = realloc(m->warnings, (m->nwarnings + 1) * sizeof(*m->warnings));
	if (!p) {
		free(s);
		m->warnings_dropped++;
		return;
	}
	m->warnings = p;
	m->warnings[m->nwarnings++] = s;
}

/* n hex digits (1..max) at *p; advances *p. Only [0-9a-fA-F]: no sign,
 * blank or "0x" that strtoul() would take. */
static int hex_field(const char **p, int max, unsigned long *v)
{
	int n = 0;

	*v = 0;
	while (isxdigit((unsigned char)**p)) {
		if (++n > max)
			return -EINVAL;
		*v = *v << 4 | (unsigned long)(isdigit((unsigned char)**p) ? **p - '0'
								     : (tolower((unsigned char)**p) - 'a' + 10));
		(*p)++;
	}
	return n ? 0 : -EINVAL;
}

int parse_bdf(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *devfn)
{
	unsigned long dom = 0, b, sl;
	const char *p = s;
	int colons = 0;

	for (const char *q = s; *q; q++)
		colons += *q == ':';
	if (colons < 1 || colons > 2)
		return -EINVAL;
	if (colons == 2 && (hex_field(&p, 8, &dom) || *p++ != ':'))
		return -EINVAL;
	if (hex_field(&p, 2, &b) || *p++ != ':')
		return -EINVAL;
	if (hex_field(&p, 2, &sl) || sl > 0x1f || *p++ != '.')
		return -EINVAL;
	if (p[0] < '0' || p[0] > '7' || p[1])
		return -EINVAL;
	*domain = (uint32_t)dom;
	*bus = (uint8_t)b;
	*devfn = DEVFN(sl, p[0] - '0');
	return 0;
}

void format_bdf(char *buf, size_t len, uint32_t domain, uint8_t bus, uint8_t devfn)
{
	snprintf(buf, len, "%04x:%02x:%02x.%d", domain, bus, DEVFN_SLOT(devfn),
		 DEVFN_FUNC(devfn));
}

void dev_init(struct dev *d, uint32_t domain, uint8_t bus, uint8_t devfn)
{
	memset(d, 0, sizeof(*d));
	d->domain = domain;
	d->bus = bus;
	d->devfn = devfn;
	format_bdf(d->bdf, sizeof(d->bdf), domain, bus, devfn);
	d->parent = d->real_dma_dev = d->physfn = NO_DEV;
	d->kernel_group = NO_GROUP;
}

void dev_release(struct dev *d)
{
	free(d->driver);
	free(d->vendor_name);
	free(d->device_name);
	free(d->class_name);
	d->driver = NULL;
	d->vendor_name = d->device_name = d->class_name = NULL;
}

int model_cmp_location(const void *a, const void *b)
{
	const struct dev *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	return (int)x->devfn - (int)y->devfn;
}

static size_t hash_slot(uint64_t key, size_t size)
{
	key *= 0x9e3779b97f4a7c15ull;
	return (size_t)(key >> 17) & (size - 1);
}

int model_find(const struct sysmodel *m, uint32_t domain, uint8_t bus, uint8_t devfn)
{
	uint64_t key = model_loc_key(domain, bus, devfn);

	if (!m->hash_size)
		return NO_DEV;
	for (size_t s = hash_slot(key, m->hash_size);; s = (s + 1) & (m->hash_size - 1)) {
		int i = m->hash[s];

		if (i == NO_DEV)
			return NO_DEV;
		if (model_loc_key(m->devs[i].domain, m->devs[i].bus, m->devs[i].devfn) == key)
			return i;
	}
}

int model_vf_at(const struct sysmodel *m, int pf, unsigned i)
{
	const struct dev *p = &m->devs[pf];
	unsigned rid = ((unsigned)p->bus << 8 | p->devfn) + p->sriov_offset + i * p->sriov_stride;

	if (!(p->sriov_ctrl & 1) || i >= p->sriov_numvfs || rid > 0xffff)
		return NO_DEV;
	return model_find(m, p->domain, (uint8_t)(rid >> 8), (uint8_t)rid);
}

int model_index(struct sysmodel *m)
{
	size_t size = 16;

	while (size < m->ndevs * 2)
		size <<= 1;
	free(m->hash);
	m->hash = malloc(size * sizeof(int));
	if (!m->hash)
		return -ENOMEM;
	m->hash_size = size;
	for (size_t s = 0; s < size; s++)
		m->hash[s] = NO_DEV;
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct dev *d = &m->devs[i];
		size_t s = hash_slot(model_loc_key(d->domain, d->bus, d->devfn), size);

		while (m->hash[s] != NO_DEV)
			s = (s + 1) & (size - 1);
		m->hash[s] = (int)i;
	}
	return 0;
}

int model_kgroup(const struct sysmodel *m, int id)
{
	size_t lo = 0, hi = m->nkgroups;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->kgroups[mid].id == id)
			return (int)mid;
		if (m->kgroups[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int model_index_kgroups(struct sysmodel *m)
{
	for (size_t k = 0; k < m->nkgroups; k++) {
		free(m->kgroups[k].members);
		m->kgroups[k].members = NULL;
		m->kgroups[k].nmembers = 0;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		int k = model_kgroup(m, m->devs[i].kernel_group);

		if (k >= 0)
			m->kgroups[k].nmembers++;
	}
	for (size_t k = 0; k < m->nkgroups; k++) {
		m->kgroups[k].members = malloc((m->kgroups[k].nmembers ? m->kgroups[k].nmembers : 1) *
					       sizeof(int));
		if (!m->kgroups[k].members)
			return -ENOMEM;
		m->kgroups[k].nmembers = 0;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		int k = model_kgroup(m, m->devs[i].kernel_group);

		if (k >= 0)
			m->kgroups[k].members[m->kgroups[k].nmembers++] = (int)i;
	}
	return 0;
}

void model_free(struct sysmodel *m)
{
	for (size_t k = 0; k < m->nkgroups; k++)
		free(m->kgroups[k].members);
	for (size_t i = 0; i < m->ndevs; i++)
		dev_release(&m->devs[i]);
	for (size_t i = 0; i < m->niommu_units; i++)
		free(m->iommu_units[i]);
	free(m->iommu_units);
	for (size_t i = 0; i < m->nwarnings; i++)
		free(m->warnings[i]);
	free(m->warnings);
	free(m->devs);
	free(m->kgroups);
	free(m->hash);
	acpi_free(m->acpi);
	memset(m, 0, sizeof(*m));
}
