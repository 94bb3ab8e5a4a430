#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz/seeds-devattr.py OUTDIR ALIASFILE FIXTURE... - seeds for
# fuzz_devattr (input format in tests/fuzz/fuzz_devattr.c) from each
# function of the fixtures: its modalias (pci:v...d...sv...sd...bc..sc..i..,
# as the kernel's modalias_show writes it, from the id files) before the
# modules.alias lines of ALIASFILE; and its config space with the attribute
# files as a 6.12 kernel writes them, once all present (live and not), once
# with none (the config space fallbacks).
import glob
import os
import sys

out, alias_file, fixtures = sys.argv[1], sys.argv[2], sys.argv[3:]
alias = open(alias_file, "rb").read()
os.makedirs(out, exist_ok=True)


def hexfile(path):
    with open(path) as f:
        return int(f.read().strip(), 16)


n = 0
for fx in fixtures:
    for d in sorted(glob.glob(os.path.join(fx, "sys/bus/pci/devices/*"))):
        try:
            v, dv, sv, sd, cls = (hexfile(os.path.join(d, f)) for f in
                                  ("vendor", "device", "subsystem_vendor",
                                   "subsystem_device", "class"))
            cfg = open(os.path.join(d, "config"), "rb").read()[:256]
        except (OSError, ValueError):
            continue
        modalias = "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X" % (
            v, dv, sv, sd, cls >> 16, (cls >> 8) & 0xff, cls & 0xff)
        slot = int(os.path.basename(d).split(":")[2].split(".")[0], 16)
        n += 1
        with open(os.path.join(out, "alias%d" % n), "wb") as f:
            f.write(b"\0" + modalias.encode() + b"\n" + alias)
        cfg = cfg + bytes(256 - len(cfg))
        texts = [b"flr bus\n", b"0\n", b"-1\n", b"8.0 GT/s PCIe\n", b"4\n",
                 b"16.0 GT/s PCIe\n", b"16\n", b"e1000e,igb\n",
                 modalias.encode() + b"\n", alias, b"6.12.0-fuzz",
                 b"%d" % slot, b"0000:01:%02x\n" % slot, b"p", b"0000:01\n"]
        for live in (0, 0x80):
            with open(os.path.join(out, "files%d-%d" % (n, live >> 7)), "wb") as f:
                f.write(bytes([0x0f, 0xff, 0x3f, slot | live, 16]) + cfg + b"\0".join(texts))
        with open(os.path.join(out, "config%d" % n), "wb") as f:
            f.write(bytes([0x01, 0, 0x3f, slot, 16]) + cfg)
