#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/outputs.sh BINARY OUTDIR [SYSROOT...] - save what BINARY prints on
# every fixture (fixtures/*/*/), and on the given extra sysroots (bench's
# synthetic trees), so that a change meant to be invisible can be checked
# byte for byte: run it with the old binary and the new, then `diff -r`.
# Covered: list (text, --json, --tree, --list, --prometheus, --ids), why-shared
# of every function (text and --json), list --json of an `lspci -xxxx` dump of
# the fixture, and snapshot (every file's checksum). stdout, stderr and the
# exit status are all kept.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: outputs.sh BINARY OUTDIR [SYSROOT...]" >&2; exit 2; }
bin=$(readlink -f "$1") out=$2
shift 2
mkdir -p "$out"

run() { # run NAME ARGS...: stdout, stderr, status into $out/NAME.*
	local name=$1
	shift
	NO_COLOR=1 "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
	echo $? >"$out/$name.rc"
}

roots=()
for f in "$top"/fixtures/*/*/; do [ -d "$f/sys" ] && roots+=("${f%/}"); done
roots+=("$@")
for r in "${roots[@]}"; do
	n=$(echo "${r#"$top"/}" | tr / _)
	run "$n.list" --sysroot "$r" list
	run "$n.json" --sysroot "$r" --json list
	run "$n.tree" --sysroot "$r" list --tree
	run "$n.flat" --sysroot "$r" list --list
	run "$n.prom" --sysroot "$r" list --prometheus
	run "$n.ids" --sysroot "$r" list --ids
	case $r in "$top"/fixtures/*) ;; *) continue ;; esac
	for b in $(ls "$r/sys/bus/pci/devices"); do
		run "$n.why.$b" --sysroot "$r" why-shared "$b"
		run "$n.whyjson.$b" --sysroot "$r" --json why-shared "$b"
	done
	lspci -A linux-sysfs -O sysfs.path="$r/sys/bus/pci" -D -xxxx >"$out/$n.dump" 2>/dev/null
	run "$n.dumpjson" --kernel 7.2 --from-dump "$out/$n.dump" --json list
	rm -rf "$out/snap"
	run "$n.snap" --sysroot "$r" snapshot "$out/snap"
	(cd "$out/snap" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 -r md5sum) \
		>"$out/$n.snapsums"
	rm -rf "$out/snap"
done
