#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Extract, from a Linux source tree, every grouping-relevant quirk table that
src/engine/quirks_acs.c and src/engine/quirks_dma.c encode, into a C header for
test_kernel_tables.c:

  - pci_dev_acs_enabled[] (vendor, device, function), in the kernel's order;
  - the device-id lists inside ACS quirk functions: the `case` labels of the
    `switch (dev->device)` in pci_quirk_cavium_acs_match,
    pci_quirk_zhaoxin_pcie_ports_acs, pci_quirk_intel_spt_pch_acs_match and
    pci_quirk_wangxun_nic_acs, and the array pci_quirk_intel_pch_acs_ids[];
  - every DMA-alias fixup: each DECLARE_PCI_FIXUP_* (local macros such as
    SWITCHTEC_QUIRK expanded) whose hook calls pci_add_dma_alias() or sets
    PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT, PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS or
    PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS, with its class match; a hook that
    looks its device up in a pci_device_id table (quirk_fixed_dma_alias,
    fixed_dma_alias_tbl[]) gives one row per table entry, with the
    subsystem ids and .driver_data (the alias devfn);
  - pci_disable_broken_acs_cap() (7.x): the ACS capability bits it clears,
    and for which devices.

Hooks are found by what they do, not by a list of names, so a new fixup in a
newer kernel shows up as a row the tool lacks. Anything the parser does not
understand stops it (exit 1) instead of being skipped.

usage: tests/unit/gen-kernel-tables.py LINUX_SRC SERIES PACKAGE_VERSION > tests/unit/kernel_tables_SERIES.h
e.g.   tests/unit/gen-kernel-tables.py /work/cache/src612/linux-source-6.12 6.12 6.12.117-1~deb12u1 \\
           > tests/unit/kernel_tables_6_12.h
LINUX_SRC needs drivers/pci/quirks.c, include/linux/pci_ids.h,
include/uapi/linux/pci_regs.h and the top Makefile (for the release checked).
"""
import re
import sys


def die(msg):
    sys.exit(f"gen-kernel-tables: {msg}")


if len(sys.argv) != 4:
    die("usage: gen-kernel-tables.py LINUX_SRC SERIES PACKAGE_VERSION")
src, series, package = sys.argv[1:4]
if not re.fullmatch(r"\d+\.\d+", series):
    die(f"SERIES must be MAJOR.MINOR, not {series!r}")


def read(rel):
    try:
        with open(f"{src}/{rel}") as f:
            return f.read()
    except OSError as e:
        die(str(e))


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


# The release the tree is: must be the series asked for.
mk = read("Makefile")
mkv = {k: (re.search(rf"^{k}\s*=\s*(\S*)", mk, re.M) or die(f"no {k} in Makefile")).group(1)
       for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL")}
release = f"{mkv['VERSION']}.{mkv['PATCHLEVEL']}.{mkv['SUBLEVEL']}"
if f"{mkv['VERSION']}.{mkv['PATCHLEVEL']}" != series:
    die(f"{src} is Linux {release}, not {series}")
if not package.startswith(release):
    die(f"package version {package} is not Linux {release}")

quirks = strip_comments(read("drivers/pci/quirks.c"))

# Symbolic constants: pci_ids.h, pci_regs.h and #defines in quirks.c itself.
consts = {"PCI_ANY_ID": 0xffff}
for text in (read("include/linux/pci_ids.h"), read("include/uapi/linux/pci_regs.h"), quirks):
    for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", strip_comments(text), re.M):
        consts.setdefault(m.group(1), int(m.group(2), 0))


def val(tok):
    tok = tok.strip()
    if tok in consts:
        return consts[tok]
    if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", tok):
        return int(tok, 0)
    die(f"cannot evaluate {tok!r}")


def id16(tok):
    v = val(tok)
    if v > 0xffff:
        die(f"{tok!r} is not a 16-bit id")
    return v


def braced(text, open_at):
    """The text between the brace at open_at and its match."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[open_at + 1:i]
    die("unbalanced braces")


def function_body(name):
    m = re.search(r"^[\w \t\*]*\b%s\s*\([^;{]*\)\s*\{" % re.escape(name), quirks, re.M)
    return braced(quirks, m.end() - 1) if m else None


def initializer(name):
    m = re.search(r"\b%s\s*\[\s*\]\s*=\s*\{" % re.escape(name), quirks)
    if not m:
        die(f"no array {name}")
    return braced(quirks, m.end() - 1)


# --- pci_dev_acs_enabled[] ---------------------------------------------------
table = initializer("pci_dev_acs_enabled")
acs = []
rest = table
for m in re.finditer(r"\{\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\}\s*,?", table):
    acs.append((id16(m.group(1)), id16(m.group(2)), m.group(3)))
rest = re.sub(r"\{\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\}\s*,?", "", table)
if not re.fullmatch(r"\s*\{\s*0\s*\}\s*,?\s*", rest):
    die(f"pci_dev_acs_enabled[]: not understood: {rest.strip()[:80]!r}")


# --- device-id lists inside ACS quirk functions -------------------------------
def switch_ids(fn):
    """The ids of the one case group of the switch on dev->device in fn."""
    body = function_body(fn)
    if body is None:
        return None
    sw = list(re.finditer(r"switch\s*\(\s*\w+->device\s*\)\s*\{", body))
    if len(sw) != 1 or len(re.findall(r"->device\b", body)) != 1:
        die(f"{fn}: expected exactly one use of ->device, a switch")
    inner = braced(body, sw[0].end() - 1)
    ids, done = [], False
    for m in re.finditer(r"case\s+(\w+)\s*(?:\.\.\.\s*(\w+)\s*)?:|default\s*:|[^\s:]+[^:]*?;", inner):
        tok = m.group(0)
        if tok.startswith("case"):
            if done:
                die(f"{fn}: a second group of case labels")
            lo = id16(m.group(1))
            hi = id16(m.group(2)) if m.group(2) else lo
            if hi < lo:
                die(f"{fn}: empty range {tok}")
            ids.extend(range(lo, hi + 1))
        elif not tok.startswith("default"):
            done = True  # the statement of the group
    if not ids:
        die(f"{fn}: no case labels")
    return ids


idlists = {}
for fn in ("pci_quirk_cavium_acs_match", "pci_quirk_zhaoxin_pcie_ports_acs",
           "pci_quirk_intel_spt_pch_acs_match", "pci_quirk_wangxun_nic_acs"):
    ids = switch_ids(fn)
    if ids is not None:
        idlists[fn] = ids
if re.search(r"\bpci_quirk_intel_pch_acs_ids\s*\[", quirks):
    items = [t for t in re.split(r"\s*,\s*", initializer("pci_quirk_intel_pch_acs_ids").strip()) if t]
    idlists["pci_quirk_intel_pch_acs_ids"] = [id16(t) for t in items]
# Every ACS function that tests ->device must be one of the lists above.
for fn in sorted({f for _, _, f in acs}):
    body = function_body(fn) or die(f"no function {fn}")
    for callee in re.findall(r"\b(pci_quirk_\w+_match)\s*\(", body):
        cbody = function_body(callee) or ""
        if (callee not in idlists and "->device" in cbody and
                not any(re.search(r"\b%s\s*\[" % n, cbody) for n in idlists)):
            die(f"{fn} -> {callee} tests ->device: not extracted")
    if "->device" in body and fn not in idlists:
        die(f"{fn} tests ->device: not extracted")

# --- DMA-alias fixups ----------------------------------------------------------
ALIAS_EFFECT = re.compile(r"pci_add_dma_alias\s*\(|\|=\s*(PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT|"
                          r"PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS|PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS)\b")
hooks = {}
for m in re.finditer(r"^static\s+void\s+(\w+)\s*\(\s*struct\s+pci_dev\s*\*\s*\w+\s*\)\s*\{", quirks, re.M):
    body = braced(quirks, m.end() - 1)
    if ALIAS_EFFECT.search(body):
        hooks[m.group(1)] = body

# Local one-argument macros that expand to a fixup declaration.
decls = quirks.replace("\\\n", " ")
for m in list(re.finditer(r"^#define\s+(\w+)\((\w+)\)\s+(DECLARE_PCI_FIXUP_\w+\([^\n]*\))\s*$", decls, re.M)):
    name, arg, expansion = m.groups()
    decls = re.sub(r"^\s*%s\(([^)]*)\)\s*;" % name,
                   lambda c: re.sub(r"\b%s\b" % arg, c.group(1).strip(), expansion) + ";",
                   decls, flags=re.M)
decls = re.sub(r"^#define[^\n]*$", "", decls, flags=re.M)


def device_id_table(name):
    rows = []
    for m in re.finditer(r"\{\s*PCI_DEVICE_SUB\(([^)]*)\)\s*,\s*\.driver_data\s*=\s*"
                         r"PCI_DEVFN\(\s*(\w+)\s*,\s*(\w+)\s*\)\s*\}", initializer(name)):
        v, d, sv, sd = (id16(a) for a in m.group(1).split(","))
        rows.append((v, d, sv, sd, ((val(m.group(2)) & 0x1f) << 3) | (val(m.group(3)) & 7)))
    left = re.sub(r"\{\s*PCI_DEVICE_SUB\([^)]*\)\s*,[^}]*\}\s*,?", "", initializer(name))
    if not re.fullmatch(r"\s*\{\s*0\s*\}\s*,?\s*", left):
        die(f"{name}: not understood: {left.strip()[:80]!r}")
    return rows


def any_or(a, b):
    return a == 0xffff or a == b


dma = []
seen_hooks = set()
for m in re.finditer(r"\bDECLARE_PCI_FIXUP_(\w+)\s*\(([^;]*?)\)\s*;", decls):
    args = [a.strip() for a in m.group(2).split(",")]
    hook = args[-1]
    if hook not in hooks:
        continue
    seen_hooks.add(hook)
    vendor, device = id16(args[0]), id16(args[1])
    cval = cmask = 0
    if m.group(1).startswith("CLASS_"):
        if len(args) != 5:
            die(f"{m.group(0)}: not understood")
        cls, shift = val(args[2]), val(args[3])
        if cls != 0xffff and cls != 0xffffffff:
            cval = (cls << shift) & 0xffffff
            cmask = (0xffffff << shift) & 0xffffff
    elif len(args) != 3:
        die(f"{m.group(0)}: not understood")
    lookup = re.search(r"pci_match_id\s*\(\s*(\w+)\s*,", hooks[hook])
    if lookup:
        rows = [r for r in device_id_table(lookup.group(1))
                if any_or(r[0], vendor) and any_or(r[1], device)]
        if not rows:
            die(f"{hook}: no {lookup.group(1)} entry for {vendor:04x}:{device:04x}")
        for _, _, sv, sd, devfn in rows:
            dma.append((vendor, device, sv, sd, cval, cmask, hook, devfn))
    else:
        dma.append((vendor, device, 0xffff, 0xffff, cval, cmask, hook, 0))
unused = set(hooks) - seen_hooks
if unused:
    die(f"DMA-alias hooks never declared as fixups: {sorted(unused)}")

# --- pci_disable_broken_acs_cap() (7.x) ----------------------------------------
caps = []
body = function_body("pci_disable_broken_acs_cap")
if body is not None:
    vendors = re.findall(r"->vendor\s*==\s*(\w+)", body)
    devices = re.findall(r"->device\s*==\s*(\w+)", body)
    clears = re.findall(r"acs_capabilities\s*&=\s*~\s*\(?([\w\s|]+)\)?\s*;", body)
    if len(vendors) != 1 or not devices or len(clears) != 1:
        die("pci_disable_broken_acs_cap: not understood")
    clear = 0
    for flag in clears[0].split("|"):
        clear |= val(flag)
    caps = [(id16(vendors[0]), id16(d), clear) for d in devices]


# --- output --------------------------------------------------------------------
def spans(ids):
    out = []
    for i in sorted(set(ids)):
        if out and out[-1][1] + 1 == i:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


tag = series.replace(".", "_")
major, minor = series.split(".")
print("/* Generated by: tests/unit/gen-kernel-tables.py " + " ".join(sys.argv[1:4]) +
      f" > tests/unit/kernel_tables_{tag}.h */")
print(f"/* From Debian's linux-source-{series} {package} (Linux {release}): drivers/pci/quirks.c,")
print(" * include/linux/pci_ids.h, include/uapi/linux/pci_regs.h. Do not edit. */")
print(f"static const struct kt_acs kt_acs_{tag}[] = {{")
for v, d, fn in acs:
    print(f'\t{{ 0x{v:04x}, 0x{d:04x}, "{fn}" }},')
print("};")
for name, ids in sorted(idlists.items()):
    print(f"static const struct kt_span kt_ids_{tag}_{name}[] = {{")
    for lo, hi in spans(ids):
        print(f"\t{{ 0x{lo:04x}, 0x{hi:04x} }},")
    print("};")
print(f"static const struct kt_idlist kt_idlists_{tag}[] = {{")
for name in sorted(idlists):
    print(f'\t{{ "{name}", kt_ids_{tag}_{name}, KT_N(kt_ids_{tag}_{name}) }},')
print("};")
print(f"static const struct kt_dma kt_dma_{tag}[] = {{")
for v, d, sv, sd, cv, cm, fn, arg in dma:
    print(f'\t{{ 0x{v:04x}, 0x{d:04x}, 0x{sv:04x}, 0x{sd:04x}, 0x{cv:06x}, 0x{cm:06x}, "{fn}", 0x{arg:02x} }},')
print("};")
print(f"static const struct kt_cap kt_cap_{tag}[] = {{")
for v, d, clear in caps or [(0, 0, 0)]:
    print(f"\t{{ 0x{v:04x}, 0x{d:04x}, 0x{clear:04x} }},")
print("};")
print(f"static const struct kt_release kt_{tag} = {{")
print(f'\t{{ {major}, {minor} }}, "{package}",')
print(f"\tkt_acs_{tag}, KT_N(kt_acs_{tag}),")
print(f"\tkt_idlists_{tag}, KT_N(kt_idlists_{tag}),")
print(f"\tkt_dma_{tag}, KT_N(kt_dma_{tag}),")
print(f"\tkt_cap_{tag}, {len(caps)},")
print("};")
