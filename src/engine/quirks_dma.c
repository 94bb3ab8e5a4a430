// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * quirks_dma.c - the kernel's DMA-alias fixups (drivers/pci/quirks.c) that
 * change IOMMU grouping: which devices they match, as data, and what each
 * does to the device (dma_alias_mask, dev_flags), as code.
 *
 * Sources and version ranges as in quirks_acs.c (docs/kernel-versions.md);
 * the range initialisers are in quirks_table.h.
 */
#include "quirks.h"
#include "quirks_table.h"

#include <string.h>

/* ---------------------------------------------------------------------
 * DMA-alias fixups: every fixup in drivers/pci and arch/x86/pci that calls
 * pci_add_dma_alias() or sets PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT,
 * PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS or (7.x) PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS.
 * All are DECLARE_PCI_FIXUP_HEADER (vendor, device) except the Switchtec
 * NTB ones, DECLARE_PCI_FIXUP_CLASS_FINAL(vendor, device,
 * PCI_CLASS_BRIDGE_OTHER, 8, ...): they match only when class >> 8 ==
 * 0x0680. quirk_fixed_dma_alias is declared for 9005:0285 and then matches
 * fixed_dma_alias_tbl[] by subsystem id (PCI_DEVICE_SUB). The only other
 * caller of pci_add_dma_alias() is the AMD IOMMU driver (IVRS aliases from
 * firmware), which is not a PCI fixup and not modelled here.
 * (arch/x86/pci has none; its pci_real_dma_dev() is the VMD redirection.)
 * ------------------------------------------------------------------- */

#define ANY QUIRK_ANY_ID
#define D(v, d, k, r, nm) { (v), (d), ANY, ANY, 0, 0, (k), 0, r, nm }
#define DSUB(v, d, sv, sd, k, arg, r, nm) { (v), (d), (sv), (sd), 0, 0, (k), (arg), r, nm }
/* SWITCHTEC_QUIRK / SWITCHTEC_PCI100X_QUIRK: class 0x0680xx only */
#define DSW(v, d, r, nm)                                                        \
	{ (v), (d), ANY, ANY, 0x068000, 0xffff00, DMAQ_SWITCHTEC_NTB, 0, r, nm }
#define MSCC 0x11f8 /* PCI_VENDOR_ID_MICROSEMI */
#define EFAR 0x1055 /* PCI_VENDOR_ID_EFAR: Microchip PCI100x */

const struct dma_quirk dma_quirks[] = {
	/* quirk_dma_func0_alias: function N also DMAs as function 0 */
	D(0x1180, 0xe832, DMAQ_FUNC0, R_ALL, "Ricoh (RH bz 605888)"),
	D(0x1180, 0xe476, DMAQ_FUNC0, R_ALL, "Ricoh (RH bz 605888)"),
	/* Glenfly Arise: upstream v6.12 ("PCI: Add function 0 DMA alias quirk
	 * for Glenfly Arise chip", stable 6.6.y), not in 5.10.223 (approx) */
	D(0x6766, 0x3d40, DMAQ_FUNC0, KR_SINCE(6, 12), "Glenfly Arise"),
	D(0x6766, 0x3d41, DMAQ_FUNC0, KR_SINCE(6, 12), "Glenfly Arise"),

	/* quirk_dma_func1_alias: also DMAs as function 1 (function 1 may be
	 * absent: a ghost requester) */
	D(0x1b4b, 0x9120, DMAQ_FUNC1, R_ALL, "Marvell 88SE9120"),
	D(0x1b4b, 0x9123, DMAQ_FUNC1, R_ALL, "Marvell 88SE9123"),
	D(0x1b4b, 0x9125, DMAQ_FUNC1, R_ALL, "Marvell 88SE9125"),
	D(0x1b4b, 0x9128, DMAQ_FUNC1, R_ALL, "Marvell 88SE9128"),
	D(0x1b4b, 0x9130, DMAQ_FUNC1, R_ALL, "Marvell 88SE9130"),
	D(0x1b4b, 0x9170, DMAQ_FUNC1, R_ALL, "Marvell 88SE9170"),
	D(0x1b4b, 0x9172, DMAQ_FUNC1, R_ALL, "Marvell 88SE9172"),
	D(0x1b4b, 0x917a, DMAQ_FUNC1, R_ALL, "Marvell 88SE917a"),
	D(0x1b4b, 0x9182, DMAQ_FUNC1, R_ALL, "Marvell 88SE9182"),
	D(0x1b4b, 0x9183, DMAQ_FUNC1, R_ALL, "Marvell 88SE9183"),
	D(0x1b4b, 0x91a0, DMAQ_FUNC1, R_ALL, "Marvell 88SE91a0"),
	D(0x1b4b, 0x9215, DMAQ_FUNC1, R_ALL, "Marvell 88SE9215"),
	D(0x1b4b, 0x9220, DMAQ_FUNC1, R_ALL, "Marvell 88SE9220"),
	D(0x1b4b, 0x9230, DMAQ_FUNC1, R_ALL, "Marvell 88SE9230"),
	D(0x1b4b, 0x9235, DMAQ_FUNC1, R_ALL, "Marvell 88SE9235"),
	D(0x1103, 0x0642, DMAQ_FUNC1, R_ALL, "TTI (HighPoint) RocketRAID 0642"),
	D(0x1103, 0x0645, DMAQ_FUNC1, R_ALL, "TTI (HighPoint) RocketRAID 0645"),
	D(0x197b, 0x2392, DMAQ_FUNC1, R_ALL, "JMicron JMB388_ESD"),
	D(0x1c28, 0x0122, DMAQ_FUNC1, R_ALL, "Lite-On Plextor M6E (Marvell 88SS9183)"),

	/* quirk_fixed_dma_alias, fixed_dma_alias_tbl[]: .driver_data =
	 * PCI_DEVFN(1, 0) = 0x08 */
	DSUB(0x9005, 0x0285, 0x9005, 0x02bb, DMAQ_FIXED, 0x08, R_ALL, "Adaptec 3405"),
	DSUB(0x9005, 0x0285, 0x9005, 0x02bc, DMAQ_FIXED, 0x08, R_ALL, "Adaptec 3805"),

	/* quirk_use_pcie_bridge_dma_alias: a bridge without a PCI Express
	 * capability below a PCIe port aliases like a PCIe-to-PCI bridge */
	D(0x1b21, 0x1080, DMAQ_USE_PCIE_BRIDGE, R_ALL, "ASMedia ASM1083/1085"),
	D(0x10e3, 0x8113, DMAQ_USE_PCIE_BRIDGE, R_ALL, "Tundra 8113"),
	D(0x1283, 0x8892, DMAQ_USE_PCIE_BRIDGE, R_ALL, "ITE 8892"),
	D(0x1283, 0x8893, DMAQ_USE_PCIE_BRIDGE, R_ALL, "ITE 8893"),
	D(0x8086, 0x244e, DMAQ_USE_PCIE_BRIDGE, R_ALL, "Intel 82801 PCI bridge"),

	/* quirk_mic_x200_dma_alias: 10.0, 11.0, 12.3 */
	D(0x8086, 0x2260, DMAQ_MIC_X200, R_ALL, "Intel MIC x200 (Xeon Phi) NTB"),
	D(0x8086, 0x2264, DMAQ_MIC_X200, R_ALL, "Intel MIC x200 (Xeon Phi) NTB"),

	/* quirk_pex_vca_alias: functions 0-4 of every slot */
	D(0x8086, 0x2954, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2955, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2956, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2958, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),
	D(0x8086, 0x2959, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),
	D(0x8086, 0x295a, DMAQ_PEX_VCA, R_ALL, "Intel Visual Compute Accelerator"),

	/* quirk_bridge_cavm_thrx2_pcie_root: PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT */
	D(0x14e4, 0x9000, DMAQ_XLATE_ROOT, R_ALL, "Broadcom Vulcan / Cavium ThunderX2 PCIe root bridge"),
	D(0x14e4, 0x9084, DMAQ_XLATE_ROOT, R_ALL, "Broadcom Vulcan / Cavium ThunderX2 PCIe root bridge"),

	/* quirk_aspeed_pci_bridge_no_alias (PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS,
	 * honoured by pci_for_each_dma_alias for a PCIe-to-PCI bridge). Not in
	 * 6.12.117, in 7.2.13; posted December 2025 (after v6.19-rc1), so 7.0
	 * is its first possible release (approx). */
	D(0x1a03, 0x1150, DMAQ_PCI_BRIDGE_NO_ALIAS, KR_SINCE(7, 0), "ASPEED AST1150 PCIe-to-PCI bridge"),

	/* quirk_plx_ntb_dma_alias: all 256 devfns */
	D(0x10b5, 0x87b0, DMAQ_PLX_NTB, R_ALL, "PLX NTB"),
	D(0x10b5, 0x87b1, DMAQ_PLX_NTB, R_ALL, "PLX NTB"),

	/* quirk_switchtec_ntb_dma_alias (see dq_switchtec_ntb for what can be
	 * known); Gen3 and the first Gen4 parts: all versions */
	DSW(MSCC, 0x8531, R_ALL, "PFX 24xG3"),
	DSW(MSCC, 0x8532, R_ALL, "PFX 32xG3"),
	DSW(MSCC, 0x8533, R_ALL, "PFX 48xG3"),
	DSW(MSCC, 0x8534, R_ALL, "PFX 64xG3"),
	DSW(MSCC, 0x8535, R_ALL, "PFX 80xG3"),
	DSW(MSCC, 0x8536, R_ALL, "PFX 96xG3"),
	DSW(MSCC, 0x8541, R_ALL, "PSX 24xG3"),
	DSW(MSCC, 0x8542, R_ALL, "PSX 32xG3"),
	DSW(MSCC, 0x8543, R_ALL, "PSX 48xG3"),
	DSW(MSCC, 0x8544, R_ALL, "PSX 64xG3"),
	DSW(MSCC, 0x8545, R_ALL, "PSX 80xG3"),
	DSW(MSCC, 0x8546, R_ALL, "PSX 96xG3"),
	DSW(MSCC, 0x8551, R_ALL, "PAX 24XG3"),
	DSW(MSCC, 0x8552, R_ALL, "PAX 32XG3"),
	DSW(MSCC, 0x8553, R_ALL, "PAX 48XG3"),
	DSW(MSCC, 0x8554, R_ALL, "PAX 64XG3"),
	DSW(MSCC, 0x8555, R_ALL, "PAX 80XG3"),
	DSW(MSCC, 0x8556, R_ALL, "PAX 96XG3"),
	DSW(MSCC, 0x8561, R_ALL, "PFXL 24XG3"),
	DSW(MSCC, 0x8562, R_ALL, "PFXL 32XG3"),
	DSW(MSCC, 0x8563, R_ALL, "PFXL 48XG3"),
	DSW(MSCC, 0x8564, R_ALL, "PFXL 64XG3"),
	DSW(MSCC, 0x8565, R_ALL, "PFXL 80XG3"),
	DSW(MSCC, 0x8566, R_ALL, "PFXL 96XG3"),
	DSW(MSCC, 0x8571, R_ALL, "PFXI 24XG3"),
	DSW(MSCC, 0x8572, R_ALL, "PFXI 32XG3"),
	DSW(MSCC, 0x8573, R_ALL, "PFXI 48XG3"),
	DSW(MSCC, 0x8574, R_ALL, "PFXI 64XG3"),
	DSW(MSCC, 0x8575, R_ALL, "PFXI 80XG3"),
	DSW(MSCC, 0x8576, R_ALL, "PFXI 96XG3"),
	DSW(MSCC, 0x4000, R_ALL, "PFX 100XG4"),
	DSW(MSCC, 0x4084, R_ALL, "PFX 84XG4"),
	DSW(MSCC, 0x4068, R_ALL, "PFX 68XG4"),
	DSW(MSCC, 0x4052, R_ALL, "PFX 52XG4"),
	DSW(MSCC, 0x4036, R_ALL, "PFX 36XG4"),
	DSW(MSCC, 0x4028, R_ALL, "PFX 28XG4"),
	DSW(MSCC, 0x4100, R_ALL, "PSX 100XG4"),
	DSW(MSCC, 0x4184, R_ALL, "PSX 84XG4"),
	DSW(MSCC, 0x4168, R_ALL, "PSX 68XG4"),
	DSW(MSCC, 0x4152, R_ALL, "PSX 52XG4"),
	DSW(MSCC, 0x4136, R_ALL, "PSX 36XG4"),
	DSW(MSCC, 0x4128, R_ALL, "PSX 28XG4"),
	DSW(MSCC, 0x4200, R_ALL, "PAX 100XG4"),
	DSW(MSCC, 0x4284, R_ALL, "PAX 84XG4"),
	DSW(MSCC, 0x4268, R_ALL, "PAX 68XG4"),
	DSW(MSCC, 0x4252, R_ALL, "PAX 52XG4"),
	DSW(MSCC, 0x4236, R_ALL, "PAX 36XG4"),
	DSW(MSCC, 0x4228, R_ALL, "PAX 28XG4"),
	/* Gen4 automotive (PFXA/PSXA/PAXA): not in 5.10.223, in 6.12.117;
	 * upstream ~v5.18 (approx) */
	DSW(MSCC, 0x4352, KR_SINCE(5, 18), "PFXA 52XG4"),
	DSW(MSCC, 0x4336, KR_SINCE(5, 18), "PFXA 36XG4"),
	DSW(MSCC, 0x4328, KR_SINCE(5, 18), "PFXA 28XG4"),
	DSW(MSCC, 0x4452, KR_SINCE(5, 18), "PSXA 52XG4"),
	DSW(MSCC, 0x4436, KR_SINCE(5, 18), "PSXA 36XG4"),
	DSW(MSCC, 0x4428, KR_SINCE(5, 18), "PSXA 28XG4"),
	DSW(MSCC, 0x4552, KR_SINCE(5, 18), "PAXA 52XG4"),
	DSW(MSCC, 0x4536, KR_SINCE(5, 18), "PAXA 36XG4"),
	DSW(MSCC, 0x4528, KR_SINCE(5, 18), "PAXA 28XG4"),
	/* Gen5: "PCI: switchtec: Add support for PCIe Gen5 devices", applied
	 * August 2023 for v6.6; not in 5.10.223 */
	DSW(MSCC, 0x5000, KR_SINCE(6, 6), "PFX 100XG5"),
	DSW(MSCC, 0x5084, KR_SINCE(6, 6), "PFX 84XG5"),
	DSW(MSCC, 0x5068, KR_SINCE(6, 6), "PFX 68XG5"),
	DSW(MSCC, 0x5052, KR_SINCE(6, 6), "PFX 52XG5"),
	DSW(MSCC, 0x5036, KR_SINCE(6, 6), "PFX 36XG5"),
	DSW(MSCC, 0x5028, KR_SINCE(6, 6), "PFX 28XG5"),
	DSW(MSCC, 0x5100, KR_SINCE(6, 6), "PSX 100XG5"),
	DSW(MSCC, 0x5184, KR_SINCE(6, 6), "PSX 84XG5"),
	DSW(MSCC, 0x5168, KR_SINCE(6, 6), "PSX 68XG5"),
	DSW(MSCC, 0x5152, KR_SINCE(6, 6), "PSX 52XG5"),
	DSW(MSCC, 0x5136, KR_SINCE(6, 6), "PSX 36XG5"),
	DSW(MSCC, 0x5128, KR_SINCE(6, 6), "PSX 28XG5"),
	DSW(MSCC, 0x5200, KR_SINCE(6, 6), "PAX 100XG5"),
	DSW(MSCC, 0x5284, KR_SINCE(6, 6), "PAX 84XG5"),
	DSW(MSCC, 0x5268, KR_SINCE(6, 6), "PAX 68XG5"),
	DSW(MSCC, 0x5252, KR_SINCE(6, 6), "PAX 52XG5"),
	DSW(MSCC, 0x5236, KR_SINCE(6, 6), "PAX 36XG5"),
	DSW(MSCC, 0x5228, KR_SINCE(6, 6), "PAX 28XG5"),
	DSW(MSCC, 0x5300, KR_SINCE(6, 6), "PFXA 100XG5"),
	DSW(MSCC, 0x5384, KR_SINCE(6, 6), "PFXA 84XG5"),
	DSW(MSCC, 0x5368, KR_SINCE(6, 6), "PFXA 68XG5"),
	DSW(MSCC, 0x5352, KR_SINCE(6, 6), "PFXA 52XG5"),
	DSW(MSCC, 0x5336, KR_SINCE(6, 6), "PFXA 36XG5"),
	DSW(MSCC, 0x5328, KR_SINCE(6, 6), "PFXA 28XG5"),
	DSW(MSCC, 0x5400, KR_SINCE(6, 6), "PSXA 100XG5"),
	DSW(MSCC, 0x5484, KR_SINCE(6, 6), "PSXA 84XG5"),
	DSW(MSCC, 0x5468, KR_SINCE(6, 6), "PSXA 68XG5"),
	DSW(MSCC, 0x5452, KR_SINCE(6, 6), "PSXA 52XG5"),
	DSW(MSCC, 0x5436, KR_SINCE(6, 6), "PSXA 36XG5"),
	DSW(MSCC, 0x5428, KR_SINCE(6, 6), "PSXA 28XG5"),
	DSW(MSCC, 0x5500, KR_SINCE(6, 6), "PAXA 100XG5"),
	DSW(MSCC, 0x5584, KR_SINCE(6, 6), "PAXA 84XG5"),
	DSW(MSCC, 0x5568, KR_SINCE(6, 6), "PAXA 68XG5"),
	DSW(MSCC, 0x5552, KR_SINCE(6, 6), "PAXA 52XG5"),
	DSW(MSCC, 0x5536, KR_SINCE(6, 6), "PAXA 36XG5"),
	DSW(MSCC, 0x5528, KR_SINCE(6, 6), "PAXA 28XG5"),
	/* SWITCHTEC_PCI100X_QUIRK (vendor EFAR): not in 5.10.223, in 6.12.117
	 * and 7.2.13; upstream release not pinned: 6.12 is the proven bound
	 * (approx) */
	DSW(EFAR, 0x1001, KR_SINCE(6, 12), "PCI1001XG4"),
	DSW(EFAR, 0x1002, KR_SINCE(6, 12), "PCI1002XG4"),
	DSW(EFAR, 0x1003, KR_SINCE(6, 12), "PCI1003XG4"),
	DSW(EFAR, 0x1004, KR_SINCE(6, 12), "PCI1004XG4"),
	DSW(EFAR, 0x1005, KR_SINCE(6, 12), "PCI1005XG4"),
	DSW(EFAR, 0x1006, KR_SINCE(6, 12), "PCI1006XG4"),
	/* PCI1008XG4: "PCI: switchtec: Add Microchip PCI1008 to NTB DMA alias
	 * quirk", posted on v7.2-rc3 (July 2026), so upstream 7.3 (approx);
	 * backported to 6.12.y (in 6.12.117); not in 7.2.13 nor 5.10.223.
	 * Two entries because the ranges are disjoint. */
	DSW(EFAR, 0x1008, KR_SPAN(6, 12, 6, 13), "PCI1008XG4 (6.12.y backport)"),
	DSW(EFAR, 0x1008, KR_SINCE(7, 3), "PCI1008XG4"),
};
const unsigned n_dma_quirks = ARRAY_LEN(dma_quirks);

/* ---------------------------------------------------------------------
 * What each DMA fixup does; one function per kind, indexed by kind.
 * Each returns true when it changed the device (then it is recorded as
 * x->dma_quirk, the first one only).
 * ------------------------------------------------------------------- */

typedef bool (*dma_quirk_fn)(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			     const struct dma_quirk *q);

/* pci_add_dma_alias(dev, devfn_from, nr_devfns) */
static void add_dma_alias(struct devrule *x, unsigned devfn_from, unsigned nr_devfns)
{
	if (nr_devfns > 256u - devfn_from)
		nr_devfns = 256u - devfn_from;
	for (unsigned i = 0; i < nr_devfns; i++)
		dev_add_dma_alias(x, (uint8_t)(devfn_from + i));
}

/* quirk_dma_func0_alias */
static bool dq_func0(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	if (DEVFN_FUNC(d->devfn) == 0)
		return false;
	add_dma_alias(x, DEVFN(DEVFN_SLOT(d->devfn), 0), 1);
	return true;
}

/* quirk_dma_func1_alias */
static bool dq_func1(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)q;
	if (DEVFN_FUNC(d->devfn) == 1)
		return false;
	add_dma_alias(x, DEVFN(DEVFN_SLOT(d->devfn), 1), 1);
	return true;
}

/* quirk_fixed_dma_alias (the subsystem match is done by the table walk) */
static bool dq_fixed(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	add_dma_alias(x, q->arg, 1);
	return true;
}

/*
 * quirk_use_pcie_bridge_dma_alias: set PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS when
 *	!pci_is_root_bus(pdev->bus) && pdev->hdr_type == PCI_HEADER_TYPE_BRIDGE &&
 *	!pci_is_pcie(pdev) && pci_is_pcie(pdev->bus->self) &&
 *	pci_pcie_type(pdev->bus->self) != PCI_EXP_TYPE_PCI_BRIDGE
 * If the PCI Express type of the bridge or of the port above is unknown
 * (config space too short), the flag is not set and DEVF_DMA_ALIAS_UNKNOWN
 * says so. Either way the alias the bridge adds is owned by the bridge
 * (its own ID, or secondary bus 00.0), so the point of minimum granularity
 * is the same; only which requester ID is looked up changes.
 */
static bool dq_use_pcie_bridge(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	const struct dev *up;

	(void)q;
	if (dev_on_root_bus(d) || d->parent < 0 || (size_t)d->parent >= m->ndevs)
		return false;
	if (d->hdr_type != 1 /* PCI_HEADER_TYPE_BRIDGE */)
		return false;
	up = &m->devs[d->parent];
	if (d->pcie_type == PCIE_UNKNOWN || up->pcie_type == PCIE_UNKNOWN) {
		x->dev_flags |= DEVF_DMA_ALIAS_UNKNOWN;
		return true;
	}
	if (dev_is_pcie(d) || !dev_is_pcie(up) || up->pcie_type == PCIE_PCI_BRIDGE)
		return false;
	x->dev_flags |= DEVF_PCIE_BRIDGE_ALIAS;
	return true;
}

/* quirk_mic_x200_dma_alias */
static bool dq_mic_x200(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	add_dma_alias(x, DEVFN(0x10, 0x0), 1);
	add_dma_alias(x, DEVFN(0x11, 0x0), 1);
	add_dma_alias(x, DEVFN(0x12, 0x3), 1);
	return true;
}

/* quirk_pex_vca_alias: functions 0-4 of all 0x20 slots */
static bool dq_pex_vca(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	for (unsigned slot = 0; slot < 0x20; slot++)
		add_dma_alias(x, DEVFN(slot, 0x0), 5);
	return true;
}

/* quirk_bridge_cavm_thrx2_pcie_root */
static bool dq_xlate_root(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	x->dev_flags |= DEVF_BRIDGE_XLATE_ROOT;
	return true;
}

/* quirk_plx_ntb_dma_alias: PLX NTB may use all 256 devfns */
static bool dq_plx_ntb(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	add_dma_alias(x, 0, 256);
	return true;
}

/*
 * quirk_switchtec_ntb_dma_alias: what it really does. It enables the
 * device, maps BAR0 and reads from the NTB registers in it (not from
 * config space): its own partition number, the map of enabled partitions
 * (ep_map), and for every other partition the requester-ID table of that
 * partition's NT controller (req_id_table_size entries, at most 512 each);
 * every entry's bits 8:1 are a devfn proxy ID, added with
 * pci_add_dma_alias(pdev, devfn, 1). If enabling or mapping fails it adds
 * nothing. The proxy IDs are programmed by the switch firmware and are
 * invisible in config space and sysfs.
 *
 * What config space tells us: that the fixup ran (vendor, device, class
 * 0x0680xx), and that every alias it can add is a devfn on this function's
 * own bus. So we add all 256 devfns, as the PLX NTB quirk does: a superset
 * of what the kernel can have added, which can only make the predicted
 * group larger, never smaller; DEVF_DMA_ALIAS_UNKNOWN marks it as an
 * over-approximation for the explanation.
 */
static bool dq_switchtec_ntb(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	add_dma_alias(x, 0, 256);
	x->dev_flags |= DEVF_DMA_ALIAS_UNKNOWN;
	return true;
}

/* quirk_aspeed_pci_bridge_no_alias (7.x) */
static bool dq_pci_bridge_no_alias(const struct sysmodel *m, const struct dev *d, struct devrule *x,
			const struct dma_quirk *q)
{
	(void)m;
	(void)d;
	(void)q;
	x->dev_flags |= DEVF_PCI_BRIDGE_NO_ALIAS;
	return true;
}

/* The kernel's name for each kind. */
const char *const dma_quirk_kind_fn[DMAQ_NKINDS] = {
	[DMAQ_FUNC0] = "quirk_dma_func0_alias",
	[DMAQ_FUNC1] = "quirk_dma_func1_alias",
	[DMAQ_FIXED] = "quirk_fixed_dma_alias",
	[DMAQ_USE_PCIE_BRIDGE] = "quirk_use_pcie_bridge_dma_alias",
	[DMAQ_MIC_X200] = "quirk_mic_x200_dma_alias",
	[DMAQ_PEX_VCA] = "quirk_pex_vca_alias",
	[DMAQ_XLATE_ROOT] = "quirk_bridge_cavm_thrx2_pcie_root",
	[DMAQ_PLX_NTB] = "quirk_plx_ntb_dma_alias",
	[DMAQ_SWITCHTEC_NTB] = "quirk_switchtec_ntb_dma_alias",
	[DMAQ_PCI_BRIDGE_NO_ALIAS] = "quirk_aspeed_pci_bridge_no_alias",
};

const char *dma_quirk_kernel_fn(const struct dma_quirk *q)
{
	return (unsigned)q->kind < DMAQ_NKINDS ? dma_quirk_kind_fn[q->kind] : "?";
}

static const dma_quirk_fn dma_quirk_fns[DMAQ_NKINDS] = {
	[DMAQ_FUNC0] = dq_func0,
	[DMAQ_FUNC1] = dq_func1,
	[DMAQ_FIXED] = dq_fixed,
	[DMAQ_USE_PCIE_BRIDGE] = dq_use_pcie_bridge,
	[DMAQ_MIC_X200] = dq_mic_x200,
	[DMAQ_PEX_VCA] = dq_pex_vca,
	[DMAQ_XLATE_ROOT] = dq_xlate_root,
	[DMAQ_PLX_NTB] = dq_plx_ntb,
	[DMAQ_SWITCHTEC_NTB] = dq_switchtec_ntb,
	[DMAQ_PCI_BRIDGE_NO_ALIAS] = dq_pci_bridge_no_alias,
};

/* pci_do_fixups() matching, plus pci_match_id() for the subsystem table. */
static bool dma_quirk_matches(const struct dma_quirk *q, const struct dev *d)
{
	if (q->vendor != d->vendor && q->vendor != QUIRK_ANY_ID)
		return false;
	if (q->device != d->device && q->device != QUIRK_ANY_ID)
		return false;
	if (q->subvendor != d->subvendor && q->subvendor != QUIRK_ANY_ID)
		return false;
	if (q->subdevice != d->subdevice && q->subdevice != QUIRK_ANY_ID)
		return false;
	if (q->class_mask && (d->class & q->class_mask) != q->class_val)
		return false;
	return true;
}

void dma_quirks_apply(const struct sysmodel *m, struct rulectx *rc, int dev)
{
	const struct dev *d;
	struct devrule *x;
	struct kver v;

	if (!m || !rc || dev < 0 || (size_t)dev >= m->ndevs || (size_t)dev >= rc->ndevs)
		return;
	v = rc->rules;
	d = &m->devs[dev];
	x = &rc->dev[dev];

	/* Idempotent: undo what an earlier call (maybe for another v) set. */
	memset(x->dma_alias_mask, 0, sizeof(x->dma_alias_mask));
	x->dev_flags &= ~(unsigned)(DEVF_BRIDGE_XLATE_ROOT | DEVF_PCIE_BRIDGE_ALIAS |
				    DEVF_PCI_BRIDGE_NO_ALIAS | DEVF_DMA_ALIAS_UNKNOWN);
	x->dma_quirk = NULL;

	for (unsigned i = 0; i < n_dma_quirks; i++) {
		const struct dma_quirk *q = &dma_quirks[i];

		/* the ids first: they rule out almost every entry, cheaply */
		if (!dma_quirk_matches(q, d) || !kver_in(v, q->kernels))
			continue;
		if (dma_quirk_fns[q->kind](m, d, x, q) && !x->dma_quirk)
			x->dma_quirk = q;
	}
}
