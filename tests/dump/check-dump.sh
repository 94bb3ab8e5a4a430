#!/usr/bin/env bash
# Check "iommu-groups --from-dump" on lspci dumps made from the fixtures.
#
# usage: check-dump.sh BINARY [FIXTURE_DIR...]   (default: every fixtures/*/*/
#                                                 with a kernel-groups.txt)
#
# For every fixture, lspci itself dumps the fixture's config spaces:
#     lspci -A linux-sysfs -O sysfs.path=FIXTURE/sys/bus/pci -xxxx     (and -D)
# and prints the same as the text users paste (no hex):
#     lspci -F DUMP -vvnn
# (no sysfs for the binary: the tree comes from the bridges' bus numbers).
# Checked: "BINARY --from-dump DUMP --json list" exits 0 with a JSON object
# that lists every function the kernel grouped, and for every grouped
# function its isolation group, restricted to the grouped functions, is its
# kernel group (functions listed "none" in kernel-groups.txt are excluded).
# Where the fixture's topology.topo names a "twin: T" (the same devices with
# the IOMMU on) or an "assume-acs-twin: T BDFs" (tests/vm/README.md), the same
# is checked against T's kernel groups (with --assume-acs BDFs for the latter);
# a "known-failure: REASON" there makes a failure of these "KNOWN", not
# counted unless IOMMU_GROUPS_KNOWN_FAILURES=1.
#
# Then malformed dumps, derived from one good dump (bad hex byte, bad hex
# offset, a row cut short, a row cut mid-byte, a row with 17 bytes, a garbage
# line inside a function, a garbage line before the first function): each
# must exit 1 with exactly one stderr line naming DUMP:LINE of the bad line.
#
# Prints "PASS name" / "FAIL name: problem" per check, then
# "N passed, N failed"; exits non-zero on any failure.  Dumps and outputs are
# kept in build/dump-out/.
set -euo pipefail
DUMP_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_TOP=$(cd "$DUMP_DIR/../.." && pwd)

[ $# -ge 1 ] || { echo "usage: check-dump.sh BINARY [FIXTURE_DIR...]" >&2; exit 2; }
case "$1" in -h|--help) sed -n '2,27p' "$0"; exit 0 ;; esac
binary=$(readlink -f "$1"); shift
{ [ -f "$binary" ] && [ -x "$binary" ]; } || { echo "error: binary $1 not found or not executable (build it first: make)" >&2; exit 2; }
for c in lspci jq; do
    command -v "$c" >/dev/null || { echo "error: $c is missing (apt-get install $( [ "$c" = lspci ] && echo pciutils || echo jq))" >&2; exit 2; }
done

fixtures=("$@")
if [ ${#fixtures[@]} -eq 0 ]; then
    for f in "$REPO_TOP"/fixtures/*/*/kernel-groups.txt; do fixtures+=("$(dirname "$f")"); done
fi
out="$REPO_TOP/build/dump-out"
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=../lib/report.sh
. "$(dirname "$0")/../lib/report.sh"

# input: list --json; $kg: [[bdf...]...] the kernel's groups.
read -r -d '' JQ_CMP <<'EOF_JQ' || true
def setstr: sort | join(" ");
. as $j
| ($kg | add // []) as $grouped
| ([.devices[].bdf]) as $mine
| (($grouped - $mine) as $miss | if ($miss | length) > 0 then "grouped functions missing from the dump's listing: \($miss | setstr)" else empty end),
  ([$kg[] | . as $g | $g[] as $d
     | [$j.isolation_groups[] | select(.devices | index($d)) | .devices] as $ig
     | if ($ig | length) == 0 then empty
       elif ($ig | length) > 1 then "\($d): in \($ig | length) isolation groups"
       else ($ig[0] | map(select(. as $b | $grouped | index($b))) | sort) as $r
         | if $r != ($g | sort) then "\($d): computed {\($r | setstr)}, kernel {\($g | setstr)}" else empty end
       end] | unique | .[])
EOF_JQ

good_dump=""
for fx in "${fixtures[@]}"; do
    fx=${fx%/}
    name="$(basename "$(dirname "$fx")")/$(basename "$fx")"
    [ -f "$fx/kernel-groups.txt" ] || { report "$name" "no kernel-groups.txt in $fx"; continue; }
    kg=$(jq -R -s -c '[split("\n")[] | select(length > 0) | split(" ") | select(.[0] != "none") | .[2:] | sort]' "$fx/kernel-groups.txt")
    for variant in "" -D -vvnn; do
        label="$name${variant:+ ($variant)}"
        d="$out/$name${variant}"
        mkdir -p "$d"
        if [ "$variant" = -vvnn ]; then
            # the text users paste, made by lspci from the same config
            # bytes (lspci -F reads the hex dump back): no hex in it
            if ! lspci -F "$out/$name/dump.txt" -vvnn >"$d/dump.txt" 2>"$d/lspci.stderr" ||
                [ ! -s "$d/dump.txt" ] || grep -qE '^[0-9a-f]{2,3}: ' "$d/dump.txt"; then
                report "$label" "lspci -F -vvnn failed: $(head -c 300 "$d/lspci.stderr" | tr '\n' ' ')"
                continue
            fi
        elif ! lspci -A linux-sysfs -O sysfs.path="$fx/sys/bus/pci" $variant -xxxx >"$d/dump.txt" 2>"$d/lspci.stderr" || [ ! -s "$d/dump.txt" ]; then
            report "$label" "lspci failed: $(head -c 300 "$d/lspci.stderr" | tr '\n' ' ')"
            continue
        fi
        rc=0
        "$binary" --from-dump "$d/dump.txt" --json list >"$d/list.json" 2>"$d/list.stderr" || rc=$?
        if [ "$rc" != 0 ]; then
            report "$label" "'--from-dump $d/dump.txt --json list' exited $rc: $(head -c 300 "$d/list.stderr" | tr '\n' ' ')"
            continue
        fi
        if ! jq -e 'type == "object"' "$d/list.json" >/dev/null 2>&1; then
            report "$label" "output is not a JSON object: $(head -c 200 "$d/list.json" | tr '\n' ' ')"
            continue
        fi
        problems=$(jq -r --argjson kg "$kg" "$JQ_CMP" "$d/list.json" 2>&1) || problems="jq failed on the output: $problems"
        report "$label" "$problems"
        [ -z "$good_dump" ] && [ -z "$problems" ] && [ -z "$variant" ] && good_dump="$d/dump.txt"
        [ "$variant" != -D ] || continue
        # A dump carries no kernel command line: where pci=config_acs= or
        # pci=disable_acs_redir= shaped the controls, an IOMMU-off dump
        # cannot tell which devices the kernel would leave alone.
        if grep -qE 'config_acs=|disable_acs_redir=' "$fx/proc/cmdline" 2>/dev/null &&
            ! grep -q '^assume-acs-twin:' "$fx/topology.topo"; then
            echo "SKIP $label twin: ACS set by the kernel command line, which a dump does not carry"
            continue
        fi
        # twins (see tests/vm/README.md): the dump of an IOMMU-off fixture
        # predicts its twin's kernel groups; with --assume-acs, the dump of an
        # ACS-off fixture gives its twin's kernel groups.
        while read -r key twin bdfs; do
            tw="$(dirname "$fx")/$twin"
            [ -f "$tw/kernel-groups.txt" ] || { report "$label $key $twin" "no fixture $tw"; continue; }
            twkg=$(jq -R -s -c '[split("\n")[] | select(length > 0) | split(" ") | select(.[0] != "none") | .[2:] | sort]' "$tw/kernel-groups.txt")
            args=()
            [ "$key" = assume-acs-twin: ] && args=(--assume-acs "$bdfs")
            rc=0
            "$binary" --from-dump "$d/dump.txt" "${args[@]}" --json list >"$d/twin.json" 2>"$d/twin.stderr" || rc=$?
            if [ "$rc" != 0 ]; then
                problems="'--from-dump $d/dump.txt ${args[*]} --json list' exited $rc: $(head -c 300 "$d/twin.stderr" | tr '\n' ' ')"
            else
                problems=$(jq -r --argjson kg "$twkg" "$JQ_CMP" "$d/twin.json" 2>&1) || problems="jq failed on the output: $problems"
            fi
            report "$label ${key%:} $twin${bdfs:+ --assume-acs $bdfs}" "$problems" \
                "$(sed -n 's/^known-failure:[[:space:]]*//p' "$fx/topology.topo" | head -n1)"
        done < <(grep -E '^(twin|assume-acs-twin):' "$fx/topology.topo" 2>/dev/null || true)
    done
done

# --- malformed dumps ---------------------------------------------------------
if [ -z "$good_dump" ]; then
    report "malformed dumps" "no good dump to derive them from"
else
    bad="$out/malformed"
    mkdir -p "$bad"
    # the third line of the first function is a row "10: ..." (header, 00:, 10:)
    first_row=$(grep -n -m1 -E '^[0-9a-f]{2,3}: ' "$good_dump" | cut -d: -f1)
    r2=$((first_row + 1))   # the row 10:
    r3=$((first_row + 2))   # the row 20:
    malformed() {  # NAME LINE SED_SCRIPT
        local n=$1 line=$2 f="$bad/$1.txt" rc=0 lines problems=""
        sed "$3" "$good_dump" >"$f"
        if cmp -s "$f" "$good_dump"; then
            report "malformed $n" "test bug: sed '$3' changed nothing"
            return
        fi
        "$binary" --from-dump "$f" --json list >"$bad/$n.out" 2>"$bad/$n.err" || rc=$?
        lines=$(wc -l <"$bad/$n.err")
        [ "$rc" = 1 ] || problems="exit status $rc, expected 1"
        [ "$lines" = 1 ] || problems="${problems:+$problems
}$lines stderr lines, expected 1: $(head -c 300 "$bad/$n.err" | tr '\n' '|')"
        grep -qF -- "$f:$line:" "$bad/$n.err" || problems="${problems:+$problems
}stderr does not name $f:$line: $(head -c 300 "$bad/$n.err" | tr '\n' '|')"
        [ -s "$bad/$n.out" ] && problems="${problems:+$problems
}something on stdout: $(head -c 100 "$bad/$n.out" | tr '\n' ' ')"
        report "malformed $n" "$problems"
    }
    malformed bad-hex-byte "$r2" "${r2}s/^\\(.\\{8\\}\\)../\\1zz/"
    malformed bad-hex-offset "$r2" "${r2}s/^10:/1g:/"
    malformed row-cut-short "$r3" "${r3}s/^\\(.\\{27\\}\\).*/\\1/"
    malformed row-cut-mid-byte "$r3" "${r3}s/.\$//"
    malformed row-17-bytes "$r3" "${r3}s/\$/ 00/"
    malformed garbage-in-function "$r3" "${r3}i this is not lspci output"
    malformed garbage-before-first 1 "1i garbage before the first function"
fi

echo "$pass passed, $fail failed$( [ "$known" -gt 0 ] && echo ", $known known failures")"
[ "$fail" -eq 0 ]
