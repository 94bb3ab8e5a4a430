#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/check-widths.sh - the text views at the widths users have
# (40, 60, 80, 132 columns) on every fixture: ids are never cut, and only
# names give way to the width.
#
# usage: tests/cli/check-widths.sh BINARY [FIXTURES_DIR]
#
# For `list`, `list --tree`, `list --list` and `why-shared` (functions that
# share a group, up to 2 a fixture), at each width:
#  - no line ends in a cut ids bracket (\[[0-9a-f]{0,4}(:[0-9a-f]{0,3})?$),
#    and every function's line has its ids whole ([vvvv:dddd] in list and
#    why-shared, the IDS column in --tree and --list);
#  - no line is longer than the width while it still has a name to shorten:
#    a longer function line has its names down to "..." (list,
#    why-shared) or its description column down to 2 columns (--tree,
#    --list); a longer line of prose is one word that cannot be broken.
set -u
bin=${1:?usage: check-widths.sh BINARY [FIXTURES_DIR]}
top=${2:-fixtures}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/iommu-groups-widths.XXXXXX")
trap 'rm -rf "$work"' EXIT
nfail=0 nruns=0

# check VIEW WIDTH FILE: the checks above (bash ERE: mawk has no
# intervals); prints what is wrong
check() {
	local view=$1 w=$2 line n=0 bad=0 dev desc=0
	local bdf='[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]'
	fail() { echo "line $n: $1: $line"; bad=1; }
	while IFS= read -r line; do
		n=$((n + 1))
		[[ $line =~ \[[0-9a-f]{0,4}(:[0-9a-f]{0,3})?$ ]] && fail "cut ids bracket"
		case $view in
		list|why)
			dev=0
			if [ "$view" = list ]; then
				[[ $line =~ ^[\|\`]-$bdf\  ]] && dev=1
			else
				# a function's line: the first, or one of a list (2
				# spaces); not a reason, nor a list of addresses
				[[ $line =~ ^(\ \ )?$bdf\  && $line != *" -- "* &&
					! $line =~ ^\ *$bdf\ $bdf ]] && dev=1
			fi
			[ $dev = 1 ] && ! [[ $line =~ \[[0-9a-f]{4}:[0-9a-f]{4}\] ]] && fail "ids missing"
			if [ ${#line} -gt "$w" ]; then
				if [ $dev = 1 ]; then
					[[ $line =~ \.\.\.\ \[[0-9a-f]{4}\]:\ \.\.\.\ \[ || $line == *unreadable* ]] ||
						fail "longer than $w with a name left"
				elif [ "$view" = why ] && [[ $line =~ ^\ *[^\ ]+\ [^\ ] ]]; then
					fail "prose longer than $w not wrapped"
				fi
			fi
			;;
		tree|flat)
			if [ $n = 1 ]; then
				desc=${line%DE*} # the last title: DESCRIPTION
				desc=$((${#desc} + 1))
				[ "$desc" -gt ${#line} ] && desc=0
			elif [[ $line =~ $bdf ]]; then
				[[ $line =~ \ [0-9a-f]{4}:[0-9a-f]{4}(\ |$) ]] || fail "IDS column missing"
				if [ ${#line} -gt "$w" ] && [ "$desc" -gt 0 ] &&
					[ $((${#line} - desc + 1)) -gt 2 ]; then
					fail "longer than $w with a name left"
				fi
			fi
			;;
		esac
	done <"$3"
	return $bad
}

run() { # LABEL VIEW WIDTH ARGS...
	local label=$1 view=$2 w=$3 out=$work/out
	shift 3
	nruns=$((nruns + 1))
	if ! "$bin" --pci-ids "$here/pci.ids" --width "$w" "$@" >"$out" 2>"$work/err"; then
		echo "[  FAILED  ] $label: exit status $?: $(head -1 "$work/err")"
		nfail=$((nfail + 1))
	elif ! check "$view" "$w" "$out" >"$work/why"; then
		echo "[  FAILED  ] $label"
		sed 's/^/    | /' "$work/why" | head -5
		nfail=$((nfail + 1))
	fi
}

for k in "$top"/*/*/kernel-groups.txt; do
	[ -e "$k" ] || continue
	fx=${k%/kernel-groups.txt}
	name=${fx#"$top"/}
	# functions that share their group: the longest explanations
	devs=$("$bin" --sysroot "$fx" --json list 2>/dev/null |
		jq -r '[.isolation_groups[] | select((.devices | length) > 1) | .devices[]] | .[:2][]')
	for w in 40 60 80 132; do
		run "$name list --width $w" list "$w" --sysroot "$fx" list
		run "$name list --tree --width $w" tree "$w" --sysroot "$fx" list --tree
		run "$name list --list --width $w" flat "$w" --sysroot "$fx" list --list
		for d in $devs; do
			run "$name why-shared $d --width $w" why "$w" --sysroot "$fx" why-shared "$d"
		done
	done
done
echo "[==========] widths: $nruns runs, $nfail failed"
[ "$nruns" -gt 0 ] || { echo "[  FAILED  ] no fixtures under $top"; exit 1; }
[ "$nfail" -eq 0 ]
