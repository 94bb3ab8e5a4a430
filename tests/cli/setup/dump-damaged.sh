#!/bin/sh
# tests/cli/setup/dump-damaged.sh DEST FIXTURE: the fixture's `lspci -D
# -xxxx` dump (lspci-dump.sh) and variants of it, each damaged in one way or
# pasted in another shape. The fixture must be switch-noacs (bridges
# 0000:02:00.0 -> bus 03 and 0000:02:01.0 -> bus 04 below 0000:01:00.0).
#   signed.txt    a row offset with a sign (the old wrap-around crash)
#   badbyte.txt   a byte with a sign
#   gap.txt       row 150 of 0000:02:00.0 missing
#   duprow.txt    row 20 of 0000:03:00.0 repeated
#   dupdev.txt    0000:03:00.0 again, spelled without the domain
#   overlap.txt   0000:02:01.0 claims bus 03 too
#   cycle.txt     0000:02:00.0 claims bus 01, above itself
#   x.txt         only the first 64 bytes of each function (lspci -x)
#   pasted.txt    indented by 4 blanks, CRLF, -vv detail lines, blank lines
set -eu
dest=$1 fx=$2
here=$(dirname "$0")
"$here/lspci-dump.sh" "$dest" "$fx"
d=$dest/dump.txt
# set_byte BDF OFFSET VALUE: rewrite one config byte of a function
set_byte() {
	awk -v bdf="$1" -v off="$2" -v val="$3" '
		/^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+\.[0-7] / { cur = $1 }
		cur == bdf && $1 == sprintf("%02x:", int(off / 16) * 16) { $(2 + off % 16) = val }
		{ print }' "$d"
}
awk '/^0000:01:00.0 / { f = 1 } f && /^20:/ { sub(/^20:/, "-10:"); f = 0 } { print }' "$d" >"$dest/signed.txt"
awk '/^0000:01:00.0 / { f = 1 } f && /^20:/ { $5 = "-1"; f = 0 } { print }' "$d" >"$dest/badbyte.txt"
awk '/^0000:02:00.0 / { f = 1 } /^$/ { f = 0 } f && /^150:/ { next } { print }' "$d" >"$dest/gap.txt"
awk '/^0000:03:00.0 / { f = 1 } /^$/ { f = 0 } { print } f && /^20:/ { print }' "$d" >"$dest/duprow.txt"
{ cat "$d"; awk '/^0000:03:00.0 / { f = 1; sub(/^0000:/, "") } f { print } /^$/ { f = 0 }' "$d"; } \
	>"$dest/dupdev.txt"
set_byte 0000:02:01.0 25 03 >"$dest/overlap.txt"
set_byte 0000:02:00.0 25 01 >"$dest/cycle.txt"
awk '/^[0-9a-f]+:/ && !/^(00|10|20|30):/ && !/^[0-9a-f]+:[0-9a-f]+:/ { next } { print }' "$d" >"$dest/x.txt"
awk '{ printf "    %s\r\n", $0 }
     /^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+\.[0-7] / {
	printf "    \tSubsystem: Red Hat, Inc. Device [1af4:1100]\r\n"
	printf "    \tCapabilities: [40] Express (v2) Endpoint, MSI 00\r\n"
	printf "    \t\tDevCap:\tMaxPayload 128 bytes, PhantFunc 0\r\n"
	printf "    \tKernel driver in use: e1000e\r\n" }' "$d" >"$dest/pasted.txt"
