#!/usr/bin/env bash
# Check an iommu-groups binary against real kernels.
#
# usage: check-vm.sh [--jobs N] BINARY [TOPOLOGY_NAME_OR_FILE...]   (default: all)
#
# For every topology a guest is booted that runs "BINARY list --json" on live
# sysfs and also sends back its own kernel-groups listing (read directly from
# /sys/kernel/iommu_groups) and a captured sysroot.  The host then checks:
#   * the JSON's device set equals the guest's PCI device set;
#   * every device's "kernel_group" is the kernel's group (null if none);
#   * "kernel_groups" equals the kernel's groups (id, type, devices);
#   * the partition by "isolation_groups" equals the partition by kernel
#     groups: each kernel group is exactly one isolation group (isolation
#     groups made only of devices without a kernel group are not compared,
#     nor a function with neither group nor driver beside a kernel group's
#     members: virtio-iommu attaches a function when a driver probes it);
#   * every "alias_sets" entry lies inside one isolation group (none if
#     all its devices are untranslated);
#   * every device is in exactly one isolation group, the one its
#     "isolation_group" field names, except a device the IOMMU leaves
#     untranslated ("translated": false: an AMD IOMMU's own function, a
#     bypass-iommu bus), which is in none and has "isolation_group": null
#     (its missing kernel group is checked above);
#   * "BINARY --sysroot CAPTURED list --json" on the host gives the same
#     device set and the same isolation-group partition as live;
#   * "BINARY snapshot DIR" in the guest succeeds, and "--sysroot DIR list
#     --json" of it, run in the guest and on the host, gives the same groups
#     as live (devices, their kernel groups, kernel_groups, the partition).
# Prints "PASS name" / "FAIL name: reason" per topology, then
# "N passed, N failed"; exits non-zero on any failure.  Details per topology
# in build/vm-out/check-<series>/NAME/ (check.txt, list.json, console.log...).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

jobs=${VM_JOBS:-$(nproc)}
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs) jobs=$2; shift 2 ;;
        -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || die "usage: check-vm.sh [--jobs N] BINARY [TOPOLOGY...]"
binary=$(readlink -f "$1"); shift
{ [ -f "$binary" ] && [ -x "$binary" ]; } || die "binary $binary not found or not executable (build it first: make)"

ensure_packages
fetch_kernel

mapfile -t topos < <(topology_files "$@")

outroot="$REPO_TOP/build/vm-out/check-$KERNEL_SERIES"
mkdir -p "$outroot"
# shellcheck disable=SC2016
printf '%s\n' "${topos[@]}" | xargs -P "$jobs" -I{} sh -c \
    'n=$(basename "$1" .topo); "$2/run-vm.sh" --binary "$3" --out "$4/$n" "$1" >"$4/$n.log" 2>&1 || true' \
    sh {} "$VM_DIR" "$binary" "$outroot"

# jq program: input = live JSON; $kg = kernel groups [{id,type,devices}],
# $none = devices without group, $sys = [sysroot JSON] or [].  Emits one
# string per problem.
read -r -d '' JQ_CHECK <<'EOF' || true
def bdfs: [.devices[].bdf] | sort;
def part: [.isolation_groups[].devices | sort] | sort;
def setstr: sort | join(" ");
def meets($a; $b): ($a - ($a - $b)) | length > 0;
. as $j
| (($kg | map(.devices) | add) // []) as $grouped
| (($grouped + $none) | sort) as $all
| (
    (if ($j | bdfs) != $all then
        "device set differs: only in JSON [\((($j | bdfs) - $all) | setstr)], only in guest [\(($all - ($j | bdfs)) | setstr)]"
     else empty end),
    ($j.devices[] | . as $d
        | ([$kg[] | select(.devices | index($d.bdf)) | .id] | first) as $k
        | if ($d | has("kernel_group") | not) then "device \($d.bdf): no kernel_group key"
          elif $d.kernel_group != $k then "device \($d.bdf): kernel_group \($d.kernel_group) but kernel group is \($k // "none")"
          else empty end),
    (([$j.kernel_groups[]? | {id, type, devices: (.devices | sort)}] | sort_by(.id)) as $jk
        | if $jk != $kg then "kernel_groups differ: JSON \($jk | map("\(.id)/\(.type):{\(.devices | setstr)}") | join(" ")) vs guest \($kg | map("\(.id)/\(.type):{\(.devices | setstr)}") | join(" "))"
          else empty end),
    ([$j.devices[] | select(.kernel_group == null and .driver == null) | .bdf] as $unprobed
     | $kg[] | . as $g
        | [$j.isolation_groups[] | select(meets(.devices; $g.devices))] as $ig
        | if ($ig | length) != 1 or ($ig[0].devices - $unprobed | sort) != $g.devices then
            "kernel group \($g.id) {\($g.devices | setstr)} vs isolation group(s) \($ig | map("\(.id):{\(.devices | setstr)}") | join(" "))"
          else empty end),
    ($j.devices[] | . as $d
        | [$j.isolation_groups[] | select(.devices | index($d.bdf)) | .id] as $ids
        | if $d.translated == false then
            (if ($ids | length) != 0 or $d.isolation_group != null then
               "device \($d.bdf) is untranslated but in isolation group(s) \($ids) (isolation_group \($d.isolation_group))"
             else empty end)
          elif ($ids | length) != 1 then "device \($d.bdf) is in \($ids | length) isolation groups \($ids)"
          elif $d.isolation_group != $ids[0] then "device \($d.bdf): isolation_group \($d.isolation_group) but listed in isolation group \($ids[0])"
          else empty end),
    ($j.alias_sets[]? | . as $a
        | [$j.isolation_groups[] | select(meets(.devices; $a.devices)) | .id] as $ids
        | ([$j.devices[] | select(.translated == false) | .bdf] as $u | $a.devices - $u | length == 0) as $untr
        | if $untr then (if ($ids | length) != 0 then "alias set \($a.id) {\($a.devices | setstr)} is untranslated but in isolation groups \($ids)" else empty end)
          elif ($ids | length) != 1 then "alias set \($a.id) {\($a.devices | setstr)} spans isolation groups \($ids)" else empty end),
    ($sys[] | . as $s
        | if ($s | bdfs) != ($j | bdfs) then "sysroot run: device set differs from live: [\(($s | bdfs) - ($j | bdfs) | setstr)] vs [\(($j | bdfs) - ($s | bdfs) | setstr)]"
          elif ($s | part) != ($j | part) then "sysroot run: isolation groups differ from live: \($s | part | map("{\(setstr)}") | join(" ")) vs \($j | part | map("{\(setstr)}") | join(" "))"
          else empty end)
  )
EOF

check_one() {  # NAME -> prints problems to stdout
    local n=$1 o="$outroot/$1" kgjson nonejson sysjson="[]" rc
    if [ ! -f "$o/kernel-groups.txt" ]; then
        echo "guest did not report (see $o/console.log, $outroot/$n.log)"
        return
    fi
    if [ ! -f "$o/list.rc" ]; then
        echo "guest did not run the binary or did not finish (see $o/console.log)"
        return
    fi
    rc=$(cat "$o/list.rc")
    if [ "$rc" != 0 ]; then
        echo "'list --json' exited $rc in the guest: $(head -c 300 "$o/list.stderr" | tr '\n' ' ')"
        return
    fi
    if ! jq -e 'type == "object"' "$o/list.json" >/dev/null 2>&1; then
        echo "guest output is not a JSON object: $(head -c 200 "$o/list.json" | tr '\n' ' ')"
        return
    fi
    kgjson=$(jq -R -s -c '[split("\n")[] | select(length > 0) | split(" ") | select(.[0] != "none")
        | {id: (.[0] | tonumber), type: .[1], devices: (.[2:] | sort)}] | sort_by(.id)' "$o/kernel-groups.txt")
    nonejson=$(jq -R -s -c '[split("\n")[] | select(startswith("none ")) | split(" ")[1]] | sort' "$o/kernel-groups.txt")
    rc=0
    "$binary" --sysroot "$o/sysroot" list --json >"$o/sysroot-list.json" 2>"$o/sysroot-list.stderr" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "'--sysroot $o/sysroot list --json' exited $rc on the host: $(head -c 300 "$o/sysroot-list.stderr" | tr '\n' ' ')"
    elif ! jq -e 'type == "object"' "$o/sysroot-list.json" >/dev/null 2>&1; then
        echo "host --sysroot output is not a JSON object"
    else
        sysjson=$(jq -c '[.]' "$o/sysroot-list.json")
    fi
    # through files: one argument may not exceed 128 KiB (MAX_ARG_STRLEN),
    # and a guest with hundreds of functions lists more
    printf '%s' "$kgjson" >"$o/kg.json"
    printf '%s' "$sysjson" >"$o/sys.json"
    jq -r --slurpfile kg1 "$o/kg.json" --argjson none "$nonejson" --slurpfile sys1 "$o/sys.json" \
        '$kg1[0] as $kg | $sys1[0] as $sys | '"$JQ_CHECK" "$o/list.json" ||
        echo "jq failed on the JSON (unexpected structure?)"
    check_snapshot "$o"
}

# The guest's own snapshot (guest-init.sh), read in the guest and here:
# the same groups as the live run.
# shellcheck disable=SC2016
JQ_SAME_GROUPS='def groups: {devices: ([.devices[] | {bdf, kernel_group}] | sort_by(.bdf)),
    kernel_groups: ([.kernel_groups[] | {id, type, devices: (.devices | sort)}] | sort_by(.id)),
    isolation_groups: ([.isolation_groups[].devices | sort] | sort)};
($live[0] | groups) as $l | (groups) as $s
| if $s == $l then empty
  else ([$l, $s] | map(.devices | map(.bdf) | join(" "))) as $d
  | if $d[0] != $d[1] then "device set differs: live [\($d[0])] snapshot [\($d[1])]"
    elif $s.devices != $l.devices then "devices kernel_group differ: \([$s.devices[] as $x | $l.devices[] | select(.bdf == $x.bdf and . != $x) | .bdf] | join(" "))"
    elif $s.kernel_groups != $l.kernel_groups then "kernel_groups differ"
    else "isolation groups differ: \($s.isolation_groups | map("{\(join(" "))}") | join(" ")) vs live \($l.isolation_groups | map("{\(join(" "))}") | join(" "))" end end'
check_snapshot() {  # OUTDIR -> problems
    local o=$1 v="$1/sysroot/.iommu-groups-vmtest" rc where
    if [ ! -f "$v/snapshot.rc" ]; then
        echo "the guest took no snapshot (guest-init.sh)"
        return
    fi
    rc=$(cat "$v/snapshot.rc")
    if [ "$rc" != 0 ] || [ ! -f "$v/snap/.iommu-groups-snapshot" ]; then
        echo "'snapshot' in the guest exited $rc: $(head -c 300 "$v/snapshot.stderr" | tr '\n' ' ')"
        return
    fi
    rc=0
    "$binary" --sysroot "$v/snap" list --json >"$o/snap-list.json" 2>"$o/snap-list.stderr" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "'--sysroot SNAPSHOT list --json' exited $rc on the host: $(head -c 300 "$o/snap-list.stderr" | tr '\n' ' ')"
    fi
    if [ "$(cat "$v/snap-list.rc" 2>/dev/null)" != 0 ]; then
        echo "'--sysroot SNAPSHOT list --json' failed in the guest: $(head -c 300 "$v/snap-list.stderr" 2>/dev/null | tr '\n' ' ')"
        return
    fi
    [ "$rc" = 0 ] || return
    for where in host guest; do
        local doc="$o/snap-list.json"
        [ "$where" = guest ] && doc="$v/snap-list.json"
        if ! jq -r --slurpfile live "$o/list.json" "$JQ_SAME_GROUPS" "$doc" >"$o/snap-check.txt" 2>&1; then
            echo "snapshot read in the $where: jq failed on $doc: $(head -c 200 "$o/snap-check.txt")"
        elif [ -s "$o/snap-check.txt" ]; then
            sed "s/^/snapshot read in the $where: /" "$o/snap-check.txt"
        fi
    done
}

pass=0 fail=0
for t in "${topos[@]}"; do
    n=$(basename "$t" .topo)
    problems=$(check_one "$n")
    printf '%s\n' "$problems" >"$outroot/$n/check.txt" 2>/dev/null || true
    if [ -z "$problems" ]; then
        echo "PASS $n"
        pass=$((pass + 1))
    else
        cnt=$(printf '%s\n' "$problems" | wc -l)
        more=""
        [ "$cnt" -gt 1 ] && more=" (+$((cnt - 1)) more in build/vm-out/check-$KERNEL_SERIES/$n/check.txt)"
        echo "FAIL $n: $(printf '%s\n' "$problems" | head -n1)$more"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
