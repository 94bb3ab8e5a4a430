#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/mutants.sh [NAME...] - deliberate single-line bugs ("mutants"), one
# at a time, each in a fresh copy of the tracked tree; `make check` without
# the VM stages must fail for every one (the mutant is "killed"). A mutant
# that survives shows where the suite is blind. Stages run in order and stop
# at the first failure: check-unit, check-fixtures, check-cli, check-dump.
#
# A mutant is FILE, a fixed string found exactly once in it, and its
# replacement; a mutant whose string is gone (the code moved) is a failure
# of this script: move the mutant with the code.
# Prints "PASS NAME: killed by STAGE" / "FAIL NAME: ...", then
# "N passed, N failed". Slow (a build and up to all four stages per
# mutant): not part of `make check`; run it after changing tests or rules.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=${MUTANT_DIR:-$top/build/mutants}

# name | file | original | replacement
mutants=(
	"pch-acs-id|src/engine/quirks_acs.c|0x3b42, 0x3b43,|0x3b41, 0x3b43,"
	"matches-kernel-true|src/cli/render_json.c|json_object_new_boolean(set->matches_kernel)|json_object_new_boolean(1)"
	"config-acs-as-redir|src/engine/cmdline.c|!strncmp(o, \"config_acs=\", 11)|!strncmp(o, \"disable_acs_redir=\", 11)"
	"conventional-256-incomplete|src/engine/config.c|d->cfg_complete = len >= CFG_SPACE_SIZE && len >= full;|d->cfg_complete = len >= CFG_SPACE_SIZE;"
	"acs-uf-hardwired|src/engine/acs.c|need = flags & (acs_cap_effective(m, d, rc->rules) | ACS_EC);|need = flags & (acs_cap_effective(m, d, rc->rules) | ACS_EC | ACS_UF);"
	"cap-walk-bound|src/engine/config.c|unsigned pos, ttl = 48;|unsigned pos, ttl = 2;"
	"dump-gap-zero-fill|src/engine/load_dump.c|if (row > c->next_row && !c->gap) {|if (0) {"
	"dump-row-bound|src/engine/load_dump.c|if (off % ROW \|\| off >= CFG_MAX)|if (off % ROW)"
)

. "$top/tests/lib/report.sh"
want=("$@")
for m in "${mutants[@]}"; do
	IFS='|' read -r name file orig repl <<<"$(printf '%s' "$m" | sed 's/\\|/\x01/g')"
	orig=${orig//$'\x01'/|}
	repl=${repl//$'\x01'/|}
	if [ ${#want[@]} -gt 0 ] && ! printf '%s\n' "${want[@]}" | grep -qx "$name"; then
		continue
	fi
	dir=$work/$name
	rm -rf "$dir" && mkdir -p "$dir"
	(cd "$top" && git ls-files -z | xargs -0 cp -P --parents -t "$dir")
	n=$(grep -cF -- "$orig" "$dir/$file" || true)
	if [ "$n" != 1 ]; then
		report "$name" "the string to mutate occurs $n times in $file (moved code? update the mutant)"
		continue
	fi
	ORIG="$orig" REPL="$repl" perl -0pi -e 's/\Q$ENV{ORIG}\E/$ENV{REPL}/' "$dir/$file"
	killed=""
	for stage in check-unit check-fixtures check-cli check-dump; do
		if ! make -C "$dir" --no-print-directory -j2 iommu-groups "$stage" >"$dir/$stage.log" 2>&1; then
			killed=$stage
			break
		fi
	done
	if [ -n "$killed" ]; then
		echo "PASS $name: killed by $killed"
		pass=$((pass + 1))
	else
		report "$name" "survived every stage (the suite is blind to it)"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
