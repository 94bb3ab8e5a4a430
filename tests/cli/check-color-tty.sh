#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/check-color-tty.sh - colour on a real terminal: `list` (the
# group blocks and the --list table) under a pseudo-terminal made by
# script(1) colours the groups that differ or are uncertain with
# --color=auto (and by default), and NO_COLOR set to a non-empty value
# turns that off (https://no-color.org); --color=always still colours,
# an empty NO_COLOR does not count. The run.sh cases only see pipes, where
# auto never colours, so this is the one test of "auto on a terminal".
#
# usage: tests/cli/check-color-tty.sh BINARY [FIXTURES_DIR]
set -u
bin=${1:?usage: check-color-tty.sh BINARY [FIXTURES_DIR]}
top=${2:-fixtures}
here=$(cd "$(dirname "$0")" && pwd)
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
command -v script >/dev/null || { echo "check-color-tty: script(1) (bsdutils) is needed" >&2; exit 2; }
fx=$(ls -d "$top"/*/switch-noacs 2>/dev/null | head -1)
[ -n "$fx" ] || { echo "check-color-tty: no switch-noacs fixture in $top" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/iommu-groups-color.XXXXXX")
trap 'rm -rf "$work"' EXIT
# config cut to 64 bytes: groups that differ (red) and uncertain (yellow)
mkdir -p "$work/root" && cp -a "$fx/." "$work/root/"
find "$work/root/sys/devices" -name config -type f -exec truncate -s 64 {} +
nfail=0 nruns=0

# run EXPECT ENV... -- ARGS...: EXPECT "colour" or "none"
run() {
	local expect=$1 envs=() out
	shift
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	nruns=$((nruns + 1))
	out=$(env -u NO_COLOR "${envs[@]}" TERM=xterm script -q -e -c \
		"$(printf '%q ' "$bin" --sysroot "$work/root" --pci-ids "$here/pci.ids" "$@")" \
		/dev/null </dev/null 2>&1)
	if [ "$expect" = colour ] && ! grep -q $'\033\\[1;31m' <<<"$out"; then
		echo "FAIL: no colour on a terminal: ${envs[*]} $*"
		nfail=$((nfail + 1))
	elif [ "$expect" = none ] && grep -q $'\033' <<<"$out"; then
		echo "FAIL: an escape with ${envs[*]} $*: $(grep -m1 $'\033' <<<"$out" | cat -v)"
		nfail=$((nfail + 1))
	elif ! grep -q '0000:03:00\.0' <<<"$out"; then
		echo "FAIL: no listing: ${envs[*]} $*: $(head -c 300 <<<"$out" | cat -v)"
		nfail=$((nfail + 1))
	fi
}

for view in "list" "list --list"; do
	# shellcheck disable=SC2086
	run colour -- $view
	run colour -- --color=auto $view
	run colour NO_COLOR= -- --color=auto $view
	run none NO_COLOR=1 -- $view
	run none NO_COLOR=1 -- --color=auto $view
	run none -- --color=never $view
	run colour NO_COLOR=1 -- --color=always $view
done
echo "[==========] color on a terminal: $nruns runs, $nfail failed"
[ "$nfail" = 0 ]
