#!/usr/bin/env bash
# Check an iommu-groups binary's predictions against twin fixtures (no boot).
#
# usage: check-twins.sh BINARY [SERIES...]     (default: every fixtures/*/)
#
# A topology (tests/vm/topologies/NAME.topo) may name twins:
#
#   twin: TWIN
#       TWIN has exactly the same machine and qemu lines with the IOMMU on
#       (NAME has it off).  Checked: the machine/qemu lines are identical;
#       NAME's fixture has no kernel groups; "BINARY --sysroot NAME list
#       --json" lists the same devices as TWIN's kernel-groups.txt and, device
#       for device, the isolation group it predicts is TWIN's kernel group.
#
#   assume-acs-twin: TWIN BDF[,BDF...]
#       NAME has ACS missing or turned off at BDFs (ioh3420 ports, or the
#       kernel's pci=config_acs= / pci=disable_acs_redir=); TWIN is the same
#       layout (same BDFs) with ACS on.  Checked: each BDF shares its kernel
#       group in NAME (the kernel really merged something) and NAME's groups
#       differ from TWIN's; "BINARY --sysroot NAME list --json" gives
#       isolation groups equal to NAME's own kernel groups; with
#       "--assume-acs BDFs" they equal TWIN's kernel groups, device for device.
#       And "why-shared D --json" for every D in a kernel group of NAME that
#       holds one of the BDFs: shares_with is D's kernel group; the reasons
#       connect D to all of it, each at one of the BDFs, no-acs-upstream only
#       where there is no ACS capability, acs-disabled-upstream only where
#       there is one; would_split has the entry enabling ACS at the group's
#       BDFs and its groups are TWIN's kernel groups (within the group).
#
#   known-failure: REASON
#       the checks of NAME fail for a known, reported bug: they run, and a
#       failure is printed as "KNOWN ..." but not counted, unless
#       IOMMU_GROUPS_KNOWN_FAILURES=1; a pass is printed with "XPASS".
#
# The fixtures are fixtures/SERIES/NAME and fixtures/SERIES/TWIN (made by
# make-fixtures.sh); a missing fixture is a failure.  Prints
# "PASS SERIES/NAME ..." / "FAIL SERIES/NAME ...: problem" per check, then
# "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
VM_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_TOP=$(cd "$VM_DIR/../.." && pwd)

[ $# -ge 1 ] || { echo "usage: check-twins.sh BINARY [SERIES...]" >&2; exit 2; }
case "$1" in -h|--help) sed -n '2,38p' "$0"; exit 0 ;; esac
binary=$(readlink -f "$1"); shift
{ [ -f "$binary" ] && [ -x "$binary" ]; } || { echo "error: binary $1 not found or not executable (build it first: make)" >&2; exit 2; }
command -v jq >/dev/null || { echo "error: jq is missing (apt-get install jq)" >&2; exit 2; }

series=("$@")
if [ ${#series[@]} -eq 0 ]; then
    for d in "$REPO_TOP"/fixtures/*/; do series+=("$(basename "$d")"); done
fi

# kernel-groups.txt -> {"groups": [[bdf...]...] (sorted), "all": [bdf...]}
kg_json() {
    jq -R -s -c '[split("\n")[] | select(length > 0) | split(" ")] as $l
        | {groups: ([$l[] | select(.[0] != "none") | .[2:] | sort] | sort),
           all: ([$l[] | if .[0] == "none" then .[1] else .[2:][] end] | sort)}' "$1"
}

# input: list --json; $ref = kg_json of the reference.  One line per problem.
read -r -d '' JQ_CMP <<'EOF' || true
def setstr: sort | join(" ");
. as $j
| ([.devices[].bdf] | sort) as $mine
| (if $mine != $ref.all then
     "device set differs: only computed [\(($mine - $ref.all) | setstr)], only in reference [\(($ref.all - $mine) | setstr)]"
   else empty end),
  ([$ref.groups[] | . as $g | $g[] as $d
     | ([$j.isolation_groups[] | select(.devices | index($d)) | .devices | sort]) as $ig
     | if ($ig | length) != 1 then "\($d): in \($ig | length) isolation groups"
       elif $ig[0] != $g then "\($d): computed {\($ig[0] | setstr)}, kernel {\($g | setstr)}"
       else empty end] | unique | .[])
EOF

# input: why-shared --json of $d; $grp: $d's kernel group in NAME; $assumed:
# the BDFs without (usable) ACS; $tw: TWIN's kernel groups; $hasacs: the BDFs
# with an ACS capability.  One line per problem.
read -r -d '' JQ_WHY <<'EOF' || true
def setstr: sort | join(" ");
def reach($edges; $from):
  {seen: [$from], todo: [$from]}
  | until(.todo | length == 0;
      .todo[0] as $x
      | ([$edges[] | select(index($x)) | .[]] | unique) as $n
      | .todo = (.todo[1:] + ($n - .seen)) | .seen = (.seen + ($n - .seen)))
  | .seen;
. as $w
| ($grp - [$d] | sort) as $others
| ([$assumed[] | select(. as $b | $grp | index($b))] | sort) as $ports
| ([$tw[] | map(select(. as $b | $grp | index($b))) | select(length > 0) | sort] | sort) as $want
| (if (($w.shares_with // []) | sort) != $others then
     "why-shared \($d): shares_with {\(($w.shares_with // []) | setstr)}, kernel group without it {\($others | setstr)}" else empty end),
  (($others - reach([$w.reasons[]?.devices]; $d)) as $u
     | if ($u | length) > 0 then "why-shared \($d): the reasons do not connect it to {\($u | setstr)}" else empty end),
  ($w.reasons[]? | . as $r
     | if ($r.at | IN($assumed[]) | not) then "why-shared \($d): reason \($r.kind) at \($r.at), not at a port without ACS"
       elif $r.kind == "no-acs-upstream" and ($r.at | IN($hasacs[])) then "why-shared \($d): no-acs-upstream at \($r.at), which has an ACS capability"
       elif $r.kind == "acs-disabled-upstream" and ($r.at | IN($hasacs[]) | not) then "why-shared \($d): acs-disabled-upstream at \($r.at), which has no ACS capability"
       elif ($r.kind | IN("no-acs-upstream", "acs-disabled-upstream", "multifunction-no-acs") | not) then "why-shared \($d): unexpected reason \($r.kind) at \($r.at)"
       else empty end),
  ([$w.would_split[]? | select((.enable_acs_at | sort) == $ports)] as $ws
     | if ($ws | length) == 0 then "why-shared \($d): would_split has no entry enabling ACS at {\($ports | setstr)}"
       elif ([$ws[0].groups[] | sort] | sort) != $want then
         "why-shared \($d): would_split at {\($ports | setstr)} gives \([$ws[0].groups[] | "{\(setstr)}"] | join(" ")), the twin's kernel groups \([$want[] | "{\(setstr)}"] | join(" "))"
       else empty end)
EOF

topo_devices() {  # the lines that make the guest's hardware
    grep -E '^(machine|qemu):' "$1" | sed 's/[[:space:]]*$//'
}

errf=$(mktemp)
trap 'rm -f "$errf"' EXIT
# shellcheck source=../lib/report.sh
. "$(dirname "$0")/../lib/report.sh"

run_list() {  # FIXTURE [ARGS...] -> JSON on stdout, or a problem line and rc 1
    local fx=$1 out err rc=0
    shift
    err=$(mktemp)
    out=$("$binary" --sysroot "$fx" "$@" --json list 2>"$err") || rc=$?
    if [ "$rc" != 0 ] || ! jq -e 'type == "object"' <<<"$out" >/dev/null 2>&1; then
        echo "'--sysroot $fx $* --json list' exited $rc: $(head -c 300 "$err" | tr '\n' ' ')"
        rm -f "$err"
        return 1
    fi
    rm -f "$err"
    printf '%s\n' "$out"
}

compare() {  # FIXTURE REFERENCE_KERNEL_GROUPS [ARGS...] -> problems
    local fx=$1 ref=$2 out
    shift 2
    out=$(run_list "$fx" "$@") || { printf '%s\n' "$out"; return; }
    jq -r --argjson ref "$(kg_json "$ref")" "$JQ_CMP" <<<"$out" || echo "jq failed on the output"
}

for s in "${series[@]}"; do
    fxdir="$REPO_TOP/fixtures/$s"
    [ -d "$fxdir" ] || { report "$s" "no fixture directory $fxdir"; continue; }
    for topo in "$VM_DIR"/topologies/*.topo; do
        name=$(basename "$topo" .topo)
        fx="$fxdir/$name"
        kf=$(sed -n 's/^known-failure:[[:space:]]*//p' "$topo" | head -n1)
        while read -r twin; do
            [ -n "$twin" ] || continue
            label="$s/$name twin=$twin"
            tw="$fxdir/$twin"
            if [ ! -f "$fx/kernel-groups.txt" ] || [ ! -f "$tw/kernel-groups.txt" ]; then
                report "$label" "fixture missing: $( [ -f "$fx/kernel-groups.txt" ] || echo "$fx ")$( [ -f "$tw/kernel-groups.txt" ] || echo "$tw")"
                continue
            fi
            problems=""
            if [ ! -f "$VM_DIR/topologies/$twin.topo" ]; then
                problems="no topology $twin.topo"
            elif [ "$(topo_devices "$topo")" != "$(topo_devices "$VM_DIR/topologies/$twin.topo")" ]; then
                problems="machine/qemu lines of $name.topo and $twin.topo differ: not a twin"
            fi
            if grep -qv '^none ' "$fx/kernel-groups.txt"; then
                problems="${problems:+$problems
}$name has kernel groups (the IOMMU is not off): $(grep -v '^none ' "$fx/kernel-groups.txt" | head -n1)"
            fi
            if ! grep -qv '^none ' "$tw/kernel-groups.txt"; then
                problems="${problems:+$problems
}$twin has no kernel groups (the IOMMU is not on)"
            fi
            p=$(compare "$fx" "$tw/kernel-groups.txt")
            [ -n "$p" ] && problems="${problems:+$problems
}predicted vs $twin's kernel groups: ${p//$'\n'/$'\n'predicted vs $twin\'s kernel groups: }"
            report "$label" "$problems" "$kf"
        done < <(sed -n 's/^twin:[[:space:]]*//p' "$topo")

        while read -r twin bdfs; do
            [ -n "$twin" ] || continue
            label="$s/$name assume-acs-twin=$twin"
            tw="$fxdir/$twin"
            if [ ! -f "$fx/kernel-groups.txt" ] || [ ! -f "$tw/kernel-groups.txt" ]; then
                report "$label" "fixture missing: $( [ -f "$fx/kernel-groups.txt" ] || echo "$fx ")$( [ -f "$tw/kernel-groups.txt" ] || echo "$tw")"
                continue
            fi
            problems=""
            if [ -z "$bdfs" ]; then
                problems="assume-acs-twin: no BDFs given"
            fi
            # the kernel really merged something at each port
            for b in ${bdfs//,/ }; do
                n=$(awk -v b="$b" '$1 != "none" { for (i = 3; i <= NF; i++) if ($i == b) print NF - 2 }' "$fx/kernel-groups.txt")
                if [ -z "$n" ]; then
                    problems="${problems:+$problems
}$b has no kernel group in $name"
                elif [ "$n" -lt 2 ]; then
                    problems="${problems:+$problems
}$b is alone in its kernel group in $name: ACS was not off there"
                fi
            done
            if [ "$(kg_json "$fx/kernel-groups.txt" | jq -c .groups)" = "$(kg_json "$tw/kernel-groups.txt" | jq -c .groups)" ]; then
                problems="${problems:+$problems
}$name and $twin have the same kernel groups: nothing to assume"
            fi
            p=$(compare "$fx" "$fx/kernel-groups.txt")
            [ -n "$p" ] && problems="${problems:+$problems
}without --assume-acs vs own kernel groups: ${p//$'\n'/$'\n'without --assume-acs vs own kernel groups: }"
            p=$(compare "$fx" "$tw/kernel-groups.txt" --assume-acs "$bdfs")
            [ -n "$p" ] && problems="${problems:+$problems
}--assume-acs $bdfs vs $twin's kernel groups: ${p//$'\n'/$'\n'--assume-acs vs $twin: }"
            # why-shared on every member of a group the missing ACS merged
            if out=$(run_list "$fx"); then
                hasacs=$(jq -c '[.devices[] | select(.acs != null) | .bdf]' <<<"$out")
                assumed=$(jq -R -c 'split(",")' <<<"$bdfs")
                twkg=$(kg_json "$tw/kernel-groups.txt" | jq -c .groups)
                while read -r grp; do
                    for d in $(jq -r '.[]' <<<"$grp"); do
                        rc=0
                        w=$("$binary" --sysroot "$fx" --json why-shared "$d" 2>"$errf") || rc=$?
                        if [ "$rc" != 0 ] || ! jq -e 'type == "object"' <<<"$w" >/dev/null 2>&1; then
                            p="why-shared $d exited $rc: $(head -c 200 "$errf" | tr '\n' ' ')"
                        else
                            p=$(jq -r --arg d "$d" --argjson grp "$grp" --argjson assumed "$assumed" \
                                --argjson tw "$twkg" --argjson hasacs "$hasacs" "$JQ_WHY" <<<"$w") || p="jq failed on why-shared $d"
                        fi
                        [ -n "$p" ] && problems="${problems:+$problems
}$p"
                    done
                done < <(kg_json "$fx/kernel-groups.txt" | jq -c --argjson a "$assumed" '.groups[] | select(any(.[]; IN($a[])))')
            fi
            report "$label" "$problems" "$kf"
        done < <(sed -n 's/^assume-acs-twin:[[:space:]]*//p' "$topo")
    done
done
echo "$pass passed, $fail failed$( [ "$known" -gt 0 ] && echo ", $known known failures")"
[ "$fail" -eq 0 ]
