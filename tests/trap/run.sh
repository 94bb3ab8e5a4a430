#!/usr/bin/env bash
# Run BINARY on every fixture with the path trap preloaded: with --sysroot
# nothing may touch /sys or /proc. Also checks that the trap itself fires.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: run.sh BINARY TRAP.so}
trap_so=${2:?usage: run.sh BINARY TRAP.so}
pass=0 fail=0
# the trap must catch a live run (a test that cannot fail is a defect)
if LD_PRELOAD=$trap_so "$bin" list >/dev/null 2>&1; then
	echo "FAIL trap: a live run was not caught"; fail=$((fail + 1))
else
	echo "PASS trap catches a live run"; pass=$((pass + 1))
fi
for d in "$top"/fixtures/*/*/; do
	[ -f "$d/kernel-groups.txt" ] || continue
	name=${d#"$top"/fixtures/}
	ok=1
	for cmd in "list" "--json list"; do
		# shellcheck disable=SC2086
		if ! err=$(LD_PRELOAD=$trap_so "$bin" --sysroot "$d" $cmd 2>&1 >/dev/null); then
			echo "FAIL $name ($cmd): $err"; ok=0
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); echo "PASS $name"; else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
