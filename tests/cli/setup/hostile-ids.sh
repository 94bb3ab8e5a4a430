#!/bin/sh
# tests/cli/setup/hostile-ids.sh DEST FIXTURE: a copy of FIXTURE and
# DEST/pci.ids, the pinned test list (tests/cli/pci.ids) with vendor, device
# and class names that carry terminal controls and invalid UTF-8: ESC
# sequences, C1 raw (0x9b) and as UTF-8 (U+009B, U+0085), DEL, BEL, invalid
# bytes (0xff, 0xfe, an overlong, a surrogate, a sequence cut short), bidi
# controls (U+202E, U+2066), a literal backslash-x; and valid multibyte
# text (U+00FC, U+20AC, U+65E5) that must stay as it is.
set -eu
dest=$1 fx=$2
ids=$(dirname "$0")/../pci.ids
cp -a "$fx" "$dest"
intel=$(printf 'Intel\033[31m\233\302\233\177\007\377\376 M\303\274ller \342\202\254 \342\200\256Corp')
redhat=$(printf 'Red\033]0;pwned\007 Hat \300\257\355\240\200\346\227\245\342\201\246')
port=$(printf 'QEMU PCIe Root \033[2J\033[Hport\342\202')
bridge=$(printf 'Bri\033[5mdge\302\205')
pcibr=$(printf 'PCI bridge\033[1m\233')
sed -e "s/^8086  Intel Corporation\$/8086  $intel\\\\x41/" \
	-e "s/^1b36  Red Hat, Inc\\.\$/1b36  $redhat/" \
	-e "s/^	000c  QEMU PCIe Root port\$/	000c  $port/" \
	-e "s/^C 06  Bridge\$/C 06  $bridge/" \
	-e "s/^	04  PCI bridge\$/	04  $pcibr/" \
	"$ids" >"$dest/pci.ids"
# every substitution took
[ "$(cmp -l "$ids" "$dest/pci.ids" 2>/dev/null | wc -l)" -gt 0 ]
for n in "$intel" "$redhat" "$port" "$bridge" "$pcibr"; do
	grep -qF "$n" "$dest/pci.ids"
done
