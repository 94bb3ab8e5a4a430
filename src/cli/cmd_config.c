// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_config.c - `config driverctl|modprobe|libvirt BDF`: persistent
 * configuration for giving the device's whole group to vfio-pci, printed,
 * never applied. Always per address: a vendor:device id (vfio-pci.ids=)
 * is offered only when no function outside the group has the same ids,
 * since the id would take that one too.
 */
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"

/* The functions that move: the endpoints of the device's kernel group
 * (its isolation group when there are no kernel groups); bridges stay on
 * pcieport. */
static size_t group_endpoints(const struct analysis *a, int dev, int *out, size_t max, int *group,
			      bool *predicted)
{
	const struct sysmodel *m = &a->m;
	size_t n = 0;

	*predicted = m->devs[dev].kernel_group == NO_GROUP;
	*group = *predicted ? a->g.isolation_of[dev] : m->devs[dev].kernel_group;
	for (size_t i = 0; i < m->ndevs && n < max; i++) {
		bool member = *predicted ? a->g.isolation_of[i] == *group
					 : m->devs[i].kernel_group == *group;

		if (member && !m->devs[i].is_bridge)
			out[n++] = (int)i;
	}
	return n;
}

/* Another function with the same ids outside the given list? */
static const struct dev *id_shared_outside(const struct sysmodel *m, const struct dev *d,
					   const int *list, size_t n)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		bool inside = false;

		for (size_t k = 0; k < n; k++)
			inside |= list[k] == (int)i;
		if (!inside && m->devs[i].vendor == d->vendor && m->devs[i].device == d->device)
			return &m->devs[i];
	}
	return NULL;
}

/* What the examined system rebuilds its initramfs with (etc/os-release). */
static const char *initramfs_note(const struct analysis *a)
{
	char buf[2048];
	ssize_t n = sr_read(&a->sr, "etc/os-release", buf, sizeof(buf) - 1, NULL);

	if (n < 0)
		n = 0;
	buf[n] = '\0';
	if (strstr(buf, "ID=debian") || strstr(buf, "ID=ubuntu") || strstr(buf, "ID_LIKE=debian"))
		return "update-initramfs -u";
	if (strstr(buf, "ID=fedora") || strstr(buf, "rhel") || strstr(buf, "ID=centos"))
		return "dracut -f";
	if (strstr(buf, "ID=arch") || strstr(buf, "ID_LIKE=arch"))
		return "mkinitcpio -P";
	return "update-initramfs -u (Debian, Ubuntu), dracut -f (Fedora, RHEL), mkinitcpio -P (Arch)";
}

static void print_driverctl(const struct analysis *a, const int *ep, size_t n)
{
	printf("# driverctl keeps a driver override per address across reboots:\n");
	for (size_t k = 0; k < n; k++)
		printf("driverctl set-override %s vfio-pci\n", a->m.devs[ep[k]].bdf);
}

static void print_modprobe(const struct analysis *a, const int *ep, size_t n)
{
	char drivers[8][64];
	size_t nd = 0;

	printf("# /etc/modprobe.d/vfio-iommu-group.conf\n");
	for (size_t k = 0; k < n; k++) {
		const struct dev *d = &a->m.devs[ep[k]];
		bool seen = false;

		if (!d->driver || !strcmp(d->driver, "vfio-pci"))
			continue;
		for (size_t j = 0; j < nd; j++)
			seen |= !strcmp(drivers[j], d->driver);
		if (!seen && nd < 8) {
			snprintf(drivers[nd++], sizeof(drivers[0]), "%s", d->driver);
			/* vfio-pci first, so that it claims the device before
			 * the driver it would otherwise get */
			printf("softdep %s pre: vfio-pci\n", d->driver);
		}
	}
	for (size_t k = 0; k < n; k++) {
		const struct dev *d = &a->m.devs[ep[k]];
		const struct dev *other = id_shared_outside(&a->m, d, ep, n);

		if (other) {
			printf("# %s: %04x:%04x is shared with %s outside the group: not by id; per "
			       "address with a udev rule instead:\n",
			       d->bdf, d->vendor, d->device, other->bdf);
			printf("#   /etc/udev/rules.d/60-vfio-iommu-group.rules:\n");
			printf("#   ACTION==\"add\", SUBSYSTEM==\"pci\", KERNEL==\"%s\", "
			       "ATTR{driver_override}=\"vfio-pci\"\n",
			       d->bdf);
		} else {
			printf("options vfio-pci ids=%04x:%04x  # %s (no other function has these ids)\n",
			       d->vendor, d->device, d->bdf);
		}
	}
	printf("# then rebuild the initramfs if the drivers load from it: %s\n", initramfs_note(a));
}

static void print_libvirt(const struct analysis *a, const int *ep, size_t n)
{
	printf("<!-- in the domain's <devices>: the whole group, one hostdev per function -->\n");
	for (size_t k = 0; k < n; k++) {
		const struct dev *d = &a->m.devs[ep[k]];

		printf("<hostdev mode='subsystem' type='pci' managed='yes'>\n"
		       "  <source>\n"
		       "    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n"
		       "  </source>\n"
		       "</hostdev>\n",
		       d->domain, d->bus, DEVFN_SLOT(d->devfn), DEVFN_FUNC(d->devfn));
	}
}

int cmd_config(struct cli *c)
{
	static const char *const kinds[] = { "driverctl", "modprobe", "libvirt" };
	struct analysis a;
	char err[512];
	int dev, group, ep[256], rc, kind = -1;
	bool usage, predicted;
	size_t n;

	if (c->argc != 2) {
		errmsg("config takes a kind (driverctl, modprobe or libvirt) and a PCI address");
		return EXIT_USAGE;
	}
	for (int k = 0; k < 3; k++)
		if (!strcmp(c->argv[0], kinds[k]))
			kind = k;
	if (kind < 0) {
		errmsg("config: '%s' is not driverctl, modprobe or libvirt", c->argv[0]);
		return EXIT_USAGE;
	}
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	dev = analysis_find_arg(&a, c->argv[1], err, sizeof(err), &usage);
	if (dev == NO_DEV) {
		errmsg("%s", err);
		analysis_free(&a);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	n = group_endpoints(&a, dev, ep, sizeof(ep) / sizeof(ep[0]), &group, &predicted);
	printf("%s %s's %s group %d: %zu function%s to give to vfio-pci%s%s\n",
	       kind == 2 ? "<!--" : "#", a.m.devs[dev].bdf,
	       predicted ? "predicted isolation" : "IOMMU", group, n, n == 1 ? "" : "s",
	       predicted ? " (the IOMMU is off: turn it on first)" : "", kind == 2 ? " -->" : "");
	if (kind == 0)
		print_driverctl(&a, ep, n);
	else if (kind == 1)
		print_modprobe(&a, ep, n);
	else
		print_libvirt(&a, ep, n);
	analysis_free(&a);
	if (fflush(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
