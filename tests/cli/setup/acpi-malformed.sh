#!/bin/sh
# tests/cli/setup/acpi-malformed.sh DEST FIXTURE: the fixture with damaged
# ACPI tables: an IVRS whose header claims 4096 bytes (the file has 60) and
# a DMAR whose first structure has length 0 (a parser that trusted it
# would never advance).
set -eu
dest=$1 fx=$2
cp -a "$fx/." "$dest/"
t=$dest/sys/firmware/acpi/tables
mkdir -p "$t"
{ printf 'IVRS\000\020\000\000'; head -c 52 /dev/zero; } >"$t/IVRS"
{ printf 'DMAR\070\000\000\000'; head -c 40 /dev/zero; printf '\000\000\000\000'; head -c 4 /dev/zero; } >"$t/DMAR"
