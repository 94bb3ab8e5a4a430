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
# A mutant that does not build, or a line that is not four fields ('|'
# inside a string is written '\|'), is a failure too.
#
# Knobs: MUTANT_DIR, where the copies go (default build/mutants);
# MUTANT_BASE, an unmutated build to reuse (another run's MUTANT_DIR/.base);
# MUTANT_STAGES, the stages to try instead of the four, e.g.
# "cases:json-verdicts,json-contract" runs only those CLI cases (to show
# that one check alone kills a mutant). check-unit and check-cli stop at
# their first failed program or run (IOMMU_GROUPS_FAIL_FAST=1,
# tests/cli/run.sh); IOMMU_GROUPS_TEST_JOBS as for run.sh.
# Last run (2026-12-02, in parts, see the commit): 24 passed, 0 failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=${MUTANT_DIR:-$top/build/mutants}

# name | file | original | replacement
mutants=(
	"pch-acs-id|src/engine/quirks_acs.c|0x3b42, 0x3b43,|0x3b41, 0x3b43,"
	"matches-kernel-true|src/cli/render_json.c|json_object_new_boolean(set->matches_kernel)|json_object_new_boolean(1)"
	"config-acs-as-redir|src/engine/cmdline.c|!strncmp(o, \"config_acs=\", 11)|!strncmp(o, \"disable_acs_redir=\", 11)"
	"conventional-256-incomplete|src/engine/config.c|d->cfg_complete = len >= CFG_SPACE_SIZE && len >= full;|d->cfg_complete = len >= CFG_SPACE_SIZE && full > 0;"
	"acs-uf-hardwired|src/engine/acs.c|need = flags & (acs_cap_effective(m, d, rc->rules) \| ACS_EC);|need = flags & (acs_cap_effective(m, d, rc->rules) \| ACS_EC \| ACS_UF);"
	"cap-walk-bound|src/engine/config.c|unsigned pos, ttl = 48;|unsigned pos, ttl = 2;"
	"dump-gap-zero-fill|src/engine/load_dump.c|if (row > c->next_row && !c->gap) {|if (0) {"
	"dump-row-bound|src/engine/load_dump.c|if (off % ROW \|\| off >= CFG_MAX)|if (off % ROW \|\| off >= CFG_MAX - ROW)"
	# (dump-row-bound once dropped "off >= CFG_MAX": row_candidate() takes at
# most three hex digits, so no input reaches it, an equivalent mutant; now
# the bound is one row short, which a complete 4096-byte dump shows)
# an id, a version bound: quirk tables (the kernel tables of test_kernel_tables)
	"dma-quirk-id|src/engine/quirks_dma.c|D(0x1b4b, 0x9123, DMAQ_FUNC1|D(0x1b4b, 0x9124, DMAQ_FUNC1"
	"dma-quirk-since|src/engine/quirks_dma.c|KR_SINCE(7, 0), \"ASPEED AST1150|KR_SINCE(6, 12), \"ASPEED AST1150"
	"acs-quirk-since|src/engine/quirks_acs.c|E(0x14e4, 0x1760, ACSQ_MF_ENDPOINT, KR_SINCE(6, 10)|E(0x14e4, 0x1760, ACSQ_MF_ENDPOINT, KR_SINCE(6, 13)"
	# a flag: the ACS controls asked for, predicted, accepted by a quirk
	"acs-req-no-cr|src/engine/model.h|#define ACS_REQ_FLAGS (ACS_SV \| ACS_RR \| ACS_CR \| ACS_UF)|#define ACS_REQ_FLAGS (ACS_SV \| ACS_RR \| ACS_UF)"
	"acs-std-enable-no-uf|src/engine/acs.c|& (ACS_SV \| ACS_RR \| ACS_CR \| ACS_UF));|& (ACS_SV \| ACS_RR \| ACS_CR));"
	"amd-sb-flags|src/engine/quirks_acs.c|return ctrl_enabled(acs_flags, PCI_ACS_RR \| PCI_ACS_CR);|return ctrl_enabled(acs_flags, PCI_ACS_RR);"
	# a verdict: certain/uncertain, fixable, isolated_by, in the model and in JSON
	"uncertain-edge-certain|src/engine/groups.c|g->isolation_groups[g->isolation_of[r->v[e].a]].certain = false;|g->isolation_groups[g->isolation_of[r->v[e].a]].certain = true;"
	"doubtful-place-certain|src/engine/groups.c|g->isolation_groups[g->isolation_of[i]].certain = false;|g->isolation_groups[g->isolation_of[i]].certain = true;"
	"json-fixable-inverted|src/cli/render_why_json.c|json_object_new_boolean(ki->fixable == TRI_YES)|json_object_new_boolean(ki->fixable != TRI_YES)"
	"json-isolated-by-empty|src/cli/render_why_json.c|x->nmembers == 1 ? bdfs(a, x->isolators, x->nisolators)|x->nmembers == 0 ? bdfs(a, x->isolators, x->nisolators)"
	# a bound: the sysroot reader's links, the dump's row order, the cmdline's tables
	"sysroot-link-bound|src/engine/sysroot.c|#define SR_MAX_LINKS 40|#define SR_MAX_LINKS 8"
	"dump-row-order|src/engine/load_dump.c|if (row < c->rows_after)|if (0)"
	"override-ids-bound|src/engine/cmdline.c|c->n_override_ids < ACS_OVERRIDE_MAX_IDS|c->n_override_ids <= ACS_OVERRIDE_MAX_IDS"
	"cmdline-params-bound|src/engine/cmdline.c|if (c->nparams < 4)|if (c->nparams <= 4)"
	# a computed group spanning kernel groups: json-verdicts alone kills it
	# (MUTANT_STAGES=cases:json-verdicts), as check-fixtures does
	"group-spans-kernel-groups|src/engine/groups.c|uf_union(pi, r->v[e].a, r->v[e].b);|uf_union(pi, r->v[e].a, 0);"
	"cmdline-init-args|src/engine/cmdline.c|if (!strcmp(tok, \"--\"))|if (!strcmp(tok, \"---\"))"
)

. "$top/tests/lib/report.sh"
want=("$@")

# copy_tree DEST: the tracked files, modification times kept, so that a
# copy of the unmutated build (below) is up to date for all but the
# mutated file and what depends on it.
copy_tree() {
	(cd "$top" && git ls-files -z | xargs -0 cp -P -p --parents -t "$1")
}
# Built once: the programs and test programs of the unmutated tree
# (MUTANT_BASE: reuse another run's, WORK/.base, of the same tree).
base=${MUTANT_BASE:-$work/.base}
[ -n "${MUTANT_BASE:-}" ] || { rm -rf "$base" && mkdir -p "$base" && copy_tree "$base"; }
unit_bins=$(cd "$base" && ls tests/unit/test_*.c | sed 's|tests/unit/\(.*\)\.c|build/asan/unit/\1|')
mkdir -p "$work"
if ! make -C "$base" --no-print-directory -j2 iommu-groups build/asan/iommu-groups \
	build/asan/trap.so build/asan/mksysroot build/asan/unit/fixtures_check $unit_bins >"$work/base.log" 2>&1; then
	echo "mutants.sh: the unmutated tree does not build (see $work/base.log)" >&2
	exit 1
fi
for m in "${mutants[@]}"; do
	line=$(printf '%s' "$m" | sed 's/\\|/\x01/g')
	IFS='|' read -r name file orig repl <<<"$line"
	orig=${orig//$'\x01'/|}
	repl=${repl//$'\x01'/|}
	if [ ${#want[@]} -gt 0 ] && ! printf '%s\n' "${want[@]}" | grep -qx "$name"; then
		continue
	fi
	# a '|' inside a string must be written '\|': four fields exactly
	bars=${line//[^|]/}
	if [ ${#bars} != 3 ]; then
		report "$name" "not NAME|FILE|ORIGINAL|REPLACEMENT (an unescaped '|'?)"
		continue
	fi
	dir=$work/$name
	rm -rf "$dir" && mkdir -p "$dir"
	copy_tree "$dir" && cp -a "$base/build" "$base/iommu-groups" "$dir/"
	n=$(grep -cF -- "$orig" "$dir/$file" || true)
	if [ "$n" != 1 ]; then
		report "$name" "the string to mutate occurs $n times in $file (moved code? update the mutant)"
		continue
	fi
	ORIG="$orig" REPL="$repl" perl -0pi -e 's/\Q$ENV{ORIG}\E/$ENV{REPL}/' "$dir/$file"
	touch "$dir/$file" # newer than the copied build: rebuilt
	# A mutant that does not build proves nothing about the tests.
	if ! make -C "$dir" --no-print-directory -j2 iommu-groups build/asan/iommu-groups \
		>"$dir/build.log" 2>&1; then
		report "$name" "the mutated tree does not build (see $dir/build.log)"
		continue
	fi
	killed=""
	for stage in ${MUTANT_STAGES:-check-unit check-fixtures check-cli check-dump}; do
		case $stage in
		cases:*) # only these CLI cases (comma-separated) on the sanitizer binary
			cmd=(sh -c 'make --no-print-directory -j2 build/asan/iommu-groups build/asan/trap.so build/asan/mksysroot &&
				IOMMU_GROUPS_TRAP=$PWD/build/asan/trap.so tests/cli/run.sh build/asan/iommu-groups \
				fixtures $(echo "$1" | tr , " ")' sh "${stage#cases:}") ;;
		check-unit) # as make check-unit, but stopping at the first failing program
			# shellcheck disable=SC2016,SC2086
			cmd=(sh -c 'make --no-print-directory -j2 "$@" && for t; do echo "== $t";
				"./$t" || { echo "check-unit: $t failed"; exit 1; }; done' sh $unit_bins) ;;
		*) cmd=(make --no-print-directory -j2 "$stage") ;;
		esac
		if ! (cd "$dir" && IOMMU_GROUPS_FAIL_FAST=1 "${cmd[@]}") >"$dir/${stage%%:*}.log" 2>&1; then
			killed=$stage
			break
		fi
	done
	if [ -n "$killed" ]; then
		echo "PASS $name: killed by $killed"
		pass=$((pass + 1))
		# keep the logs; a survivor's copy stays whole, for a look
		find "$dir" -mindepth 1 -maxdepth 1 ! -name '*.log' -exec rm -rf {} +
	else
		report "$name" "survived every stage (the suite is blind to it)"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
