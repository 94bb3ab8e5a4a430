#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/check-docs.sh BINARY - the documentation moves with the CLI:
# the man page lints clean (mandoc -T lint), and every option and command
# the program lists (--list-options, --list-commands) is in --help and in
# the man page, and every option the man page documents is one the program
# takes; the edge kinds (--list-edge-kinds) are the man page's and
# docs/json.md's. Prints "N passed, N failed".
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
# edge kinds: the program's table (--list-edge-kinds: NAME FIXABLE
# SENTENCE) is exactly what the man page lists between its "edge kinds"
# comments, and exactly the rows of docs/json.md's kind table, each with the
# program's sentence and fixable (yes, no, `null`), and exactly the
# why-shared schema's enumeration: adding a kind without documenting it, or
# documenting one that is gone, fails here.
json=$top/docs/json.md
kinds=$("$bin" --list-edge-kinds)
names=$(cut -d' ' -f1 <<<"$kinds")
check "--list-edge-kinds lists kinds" "$([ "$(wc -w <<<"$names")" -ge 2 ] || echo "fewer than 2")"
man_kinds=$(sed -n '/^\.\\" edge kinds: begin/,/^\.\\" edge kinds: end/p' "$man" |
	grep -E '^\.(B|BR|RB) ' | sed -E 's/^\.[A-Z]+ //; s/"[^"]*"//g; s/\\-/-/g; s/[(),]/ /g' |
	tr -s ' ' '\n' | grep -v '^$')
# docs/json.md: "| `name` | sentence | fixable... |" after "`kind` is one of:"
doc_rows=$(sed -n '/^`kind` is one of:/,/^#/p' "$json" | grep -E '^\| `' |
	awk -F'|' '{ for (i = 2; i <= 4; i++) { gsub(/^ +| +$/, "", $i) }
		     n = $2; gsub(/`/, "", n); f = $4; sub(/ .*/, "", f); gsub(/`/, "", f)
		     f = f == "yes" ? "true" : f == "no" ? "false" : f
		     print n " " f " " $3 }')
while read -r k f sentence; do
	miss=""
	grep -qx -- "$k" <<<"$man_kinds" || miss="not in the man page's list"
	row=$(awk -v k="$k" '$1 == k' <<<"$doc_rows")
	if [ -z "$row" ]; then
		miss="${miss:+$miss, }no row in docs/json.md"
	elif [ "$row" != "$k $f $sentence" ]; then
		miss="${miss:+$miss, }docs/json.md says '${row#* }', the program '$f $sentence'"
	fi
	check "edge kind $k" "$miss"
done <<<"$kinds"
# the why-shared schema's enumeration of kinds, too
schema_kinds=$(jq -r '."$defs".reason.properties.kind.enum[]' "$top/docs/schema/why-shared.schema.json")
check "why-shared.schema.json kinds are --list-edge-kinds" \
	"$([ "$(sort <<<"$schema_kinds")" = "$(sort <<<"$names")" ] || echo "they differ")"
# one "iommu" object in list and why-shared
check "list and why-shared schemas define iommu alike" \
	"$(cmp -s <(jq -S '."$defs".iommu' "$top/docs/schema/list.schema.json") \
		<(jq -S '."$defs".iommu' "$top/docs/schema/why-shared.schema.json") || echo "they differ")"
for k in $man_kinds $(cut -d' ' -f1 <<<"$doc_rows"); do
	grep -qx -- "$k" <<<"$names" || check "documented edge kind $k" "the program has no such kind"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
