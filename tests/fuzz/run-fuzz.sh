#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz/run-fuzz.sh FUZZ_DIR SECONDS NAME... - replay each harness's
# committed corpus (tests/fuzz/corpus/NAME) and seeds (FUZZ_DIR/seeds-NAME),
# then fuzz it for SECONDS. New inputs go to FUZZ_DIR/corpus-NAME, crashes
# to FUZZ_DIR/crash-*. Prints "N passed, N failed" (one per harness).
set -u
dir=$1 secs=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 failed=0
for n in "$@"; do
	bin=$dir/fuzz_$n
	mkdir -p "$dir/corpus-$n"
	echo "fuzz $n: replaying tests/fuzz/corpus/$n and the seeds"
	if ! "$bin" -runs=0 "$top/tests/fuzz/corpus/$n" "$dir/seeds-$n" >"$dir/replay-$n.log" 2>&1; then
		tail -40 "$dir/replay-$n.log"
		echo "FAIL fuzz $n: replay (see $dir/replay-$n.log)"
		failed=$((failed + 1))
		continue
	fi
	echo "fuzz $n: $secs s"
	if ! (cd "$dir" && "./fuzz_$n" -max_total_time="$secs" -max_len=65536 -timeout=60 \
		-rss_limit_mb=2048 -print_final_stats=1 "corpus-$n" "$top/tests/fuzz/corpus/$n" \
		"seeds-$n" >"run-$n.log" 2>&1); then
		tail -60 "$dir/run-$n.log"
		echo "FAIL fuzz $n: a finding (see $dir/run-$n.log, $dir/crash-*)"
		failed=$((failed + 1))
		continue
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/run-$n.log")
	echo "PASS fuzz $n: ${runs:-?} inputs in $secs s, no finding"
	pass=$((pass + 1))
done
echo "$pass passed, $failed failed"
[ "$failed" = 0 ]
