#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/check-docs.sh BINARY - the documentation moves with the CLI:
# the man page lints clean (mandoc -T lint), and every option and command
# the program lists (--list-options, --list-commands) is in --help and in
# the man page, and every option the man page documents is one the program
# takes. Prints "N passed, N failed".
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
man=$top/man/iommu-groups.8
pass=0 fail=0
check() { if [ -z "$2" ]; then echo "PASS $1"; pass=$((pass + 1)); else echo "FAIL $1: $2"; fail=$((fail + 1)); fi; }

lint=$(mandoc -T lint "$man" 2>&1)
check "mandoc -T lint" "$(printf '%s' "$lint" | head -3 | tr '\n' ' ')"
help=$("$bin" --help)
opts=$("$bin" --list-options | cut -d' ' -f1)
for o in $opts; do
	miss=""
	grep -qF -- "$o" <<<"$help" || miss="not in --help"
	esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q -- "$esc" "$man" || miss="${miss:+$miss, }not in the man page"
	check "option $o" "$miss"
done
for c in $("$bin" --list-commands); do
	miss=""
	grep -qE "^  $c " <<<"$help" || miss="not in --help"
	grep -qE -- "^\.BI? $(printf '%s' "$c" | sed 's/-/\\\\-/g')( |$)" "$man" ||
		miss="${miss:+$miss, }no entry in the man page"
	check "command $c" "$miss"
done
# options the man page documents (.BI \-\-name or .B \-\-name at a .TP)
for o in $(grep -oE '^\.BI? \\-\\-[a-z\\-]+' "$man" | sed 's/^\.BI\? //; s/\\-/-/g' | sort -u); do
	grep -qx -- "$o" <<<"$opts" || check "man page option $o" "the program does not take it"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
