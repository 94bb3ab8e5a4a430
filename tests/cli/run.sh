#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/run.sh - run the declarative CLI cases (tests/cli/cases/*.case)
# against a built binary and the captured fixtures.
#
# usage: tests/cli/run.sh BINARY [FIXTURES_DIR] [CASE...]
#
# A case file is a list of "key: value" lines ('#' starts a comment):
#   fixture: each | none | NAME   run once per fixture (default each), once
#            | SERIES/NAME        without one, on fixtures/*/NAME only, or
#                                 on fixtures/SERIES/NAME only
#   setup: truncate-config        run on a temporary copy of the fixture
#                                 whose config files are cut to 64 bytes
#   setup: script NAME            run on a directory made by
#                                 tests/cli/setup/NAME.sh DIR [FIXTURE]
#                                 ($IOMMU_GROUPS_BIN: the binary under test;
#                                 $IOMMU_GROUPS_MKSYSROOT: tests/lib/mksysroot,
#                                 which writes a sysroot from a description)
#   env: VAR=VALUE                environment for the run (may repeat)
#   args: ARGS...                 the arguments (word-split; placeholders
#                                 @FIXTURE@, @ORIG@ (the fixture before any
#                                 setup), @PCIIDS@, @TMP@; in env: also
#                                 @TRAP@, the LD_PRELOAD shim of trap.c,
#                                 from $IOMMU_GROUPS_TRAP)
#   status: N                     expected exit status
#   stderr-lines: N | N+          exact (or minimum) number of stderr lines
#   stderr: ERE                   some stderr line matches (may repeat)
#   no-stderr: ERE                no stderr line matches (may repeat)
#   stdout: ERE                   some stdout line matches (may repeat)
#   no-stdout: ERE                no stdout line matches (may repeat)
#   jq: EXPR                      jq -e EXPR on stdout is true (may repeat)
#   jq-file: NAME PATH            $NAME in the jq checks is the JSON file PATH
#                                 (jq --slurpfile: an array of its documents)
#   stdout-file: PATH             stdout equals tests/cli/PATH (@NAME@ = the
#                                 fixture's name, @SERIES@ its kernel series
#                                 directory); IOMMU_GROUPS_UPDATE_EXPECTED=1
#                                 writes it instead. A missing file is a
#                                 failure (a note with
#                                 IOMMU_GROUPS_ALLOW_MISSING_EXPECTED=1, while
#                                 a new fixture's output awaits review)
#   stdout-same: PATH             stdout equals the file PATH (placeholders)
#   file: PATH [ERE]              afterwards PATH is a regular file (and
#                                 some line of it matches ERE; may repeat)
#   no-file: PATH                 afterwards nothing is at PATH, a glob
#                                 (not even a dangling link; may repeat)
#   file-same: PATH EXPECTED      afterwards PATH is a regular file with the
#                                 bytes of EXPECTED (may repeat). In all
#                                 three: placeholders @TMP@ (the run's
#                                 directory, also its working directory),
#                                 @FIXTURE@, @ORIG@; no spaces in paths
#                                 (kmod's testsuite: the files a command is
#                                 expected to leave)
#   report-on-failure: yes        the command prints a report even when it
#                                 fails (doctor: exit 1 when a check failed)
#   allow-escapes: sgr            the output may hold SGR escapes (ESC[...m,
#                                 --color=always) and no other control
#                                 byte; stdout:/no-stdout: see ESC as ^[
# Every run: stdout of a successful --json run must be one JSON document
# ending in a newline, valid against docs/schema/COMMAND.schema.json where
# the command has one (json_schema_of); a failure must not print on stdout;
# stdout and stderr are valid UTF-8 without control characters other than
# \n and \t (C0, DEL, C1, bidi controls; SGR only with allow-escapes); a
# successful --prometheus run's stdout is valid exposition format
# (validate-prom.py).
# With no fixture at all every fixture case fails, unless
# IOMMU_GROUPS_ALLOW_NO_FIXTURES=1. IOMMU_GROUPS_FAIL_FAST=1 starts no run
# after the first failure (tests/mutants.sh: a killed mutant needs one).
# tests/cli/known-failures lists runs that fail for a known, reported bug
# ("CASE FIXTURE-NAME reason", FIXTURE-NAME "-" for fixture: none, "*" for
# any): they
# run, and their failure is reported but not counted, unless
# IOMMU_GROUPS_KNOWN_FAILURES=1; a listed run that passes is reported too.
set -u

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BINARY [FIXTURES_DIR] [CASE...]}
top=${2:-fixtures}
shift $(($# >= 2 ? 2 : 1))
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $top in /*) ;; *) top=$PWD/$top ;; esac
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 1; }
command -v jq >/dev/null || { echo "run.sh: jq is needed (apt-get install jq)" >&2; exit 1; }

if [ $# -gt 0 ]; then cases=("$@"); else cases=("$here"/cases/*.case); fi
# A case may be named (NAME, NAME.case or a path); one that names no file
# is an error, never an empty pass.
for i in "${!cases[@]}"; do
	c=${cases[$i]}
	[ -f "$c" ] || c=$here/cases/${c%.case}.case
	[ -f "$c" ] || { echo "run.sh: no case ${cases[$i]}" >&2; exit 2; }
	cases[$i]=$c
done
fixtures=()
for k in "$top"/*/*/kernel-groups.txt; do
	[ -e "$k" ] && fixtures+=("${k%/kernel-groups.txt}")
done
allow_none=${IOMMU_GROUPS_ALLOW_NO_FIXTURES:-0}

work=$(mktemp -d "${TMPDIR:-/tmp}/iommu-groups-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT

# tests/lib/mksysroot, for the setups that build a sysroot from scratch:
# beside the binary (make builds it there), else built here.
if [ -z "${IOMMU_GROUPS_MKSYSROOT:-}" ]; then
	IOMMU_GROUPS_MKSYSROOT=$(dirname "$bin")/mksysroot
	if [ ! -x "$IOMMU_GROUPS_MKSYSROOT" ]; then
		IOMMU_GROUPS_MKSYSROOT=$work/mksysroot
		cc -std=c11 -D_DEFAULT_SOURCE -O2 -I"$here/../lib" -o "$IOMMU_GROUPS_MKSYSROOT" \
			"$here/../lib/mksysroot.c" "$here/../lib/sysroot_build.c" ||
			{ echo "run.sh: cannot build tests/lib/mksysroot" >&2; exit 1; }
	fi
fi
export IOMMU_GROUPS_MKSYSROOT
npass=0 nfail=0 nskip=0 nknown=0
strict_known=${IOMMU_GROUPS_KNOWN_FAILURES:-0}
# known_reason CASE FIXTURE-NAME: the reason, if listed
known_reason() {
	[ -f "$here/known-failures" ] || return 1
	awk -v c="$1" -v f="${2:--}" '$1 == c && ($2 == f || $2 == "*") { $1 = ""; $2 = ""; sub(/^ +/, ""); print; found = 1; exit } END { exit !found }' \
		"$here/known-failures"
}
failed=()

# A fixture's config files may never change: remember their sizes.
config_sizes() {
	[ ${#fixtures[@]} -gt 0 ] || return 0
	find "${fixtures[@]}" -name config -type f -printf '%s %p\n' | sort
}
sizes_before=$(config_sizes)

# Copy a fixture (links kept as links) and cut every config file to 64 bytes.
truncated_copy() { # FIXTURE DEST
	cp -a "$1" "$2" || return 1
	find "$2" -name config -type f -exec truncate -s 64 {} + || return 1
}

# The schema of a --json document, by its command (docs/json.md): the first
# argument that the binary lists as a command (--list-commands), else list
# (the default); a command with no schema here yet is not validated. Its
# "@@SCHEMA SCHEMA STDOUT" line is checked after all runs, in one python run.
declare -A json_schemas=([list]=list [why-shared]=why-shared [attach]=attach [detach]=attach)
commands=" $("$bin" --list-commands 2>/dev/null | tr '\n' ' ')"
json_schema_of() { # STDOUT ARGS...
	local a cmd=list out=$1
	shift
	for a in "$@"; do [[ $commands == *" $a "* ]] && { cmd=$a; break; }; done
	[ -z "${json_schemas[$cmd]:-}" ] ||
		echo "@@SCHEMA $here/../../docs/schema/${json_schemas[$cmd]}.schema.json $out"
}

# run_case CASEFILE FIXTURE_DIR_OR_EMPTY
run_case() {
	local file=$1 fx=$2 name label dir out err rc k v fixname
	local -a argv=() envs=() jqs=() outs=() nouts=() errs=() nerrs=() jqfiles=() files=()
	local args="" status="" errlines="" setup="" stdout_file="" why="" series orig=$2 same=""
	local report_on_failure="" allow_escapes=""
	name=$(basename "$file" .case)
	fixname=${fx##*/}
	series=${fx%/*}
	series=${series##*/}
	label="$name${fx:+ [${fx#"$top"/}]}"
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in ''|'#'*) continue ;; esac
		k=${line%%:*}
		v=${line#*:}
		v=${v# }
		case $k in
		fixture) ;;
		setup) setup=$v ;;
		env)
			case $v in
			*@TRAP@*)
				if [ -z "${IOMMU_GROUPS_TRAP:-}" ] || [ ! -f "$IOMMU_GROUPS_TRAP" ]; then
					why="IOMMU_GROUPS_TRAP (the trap.c shim) not set"
				fi
				v=${v//@TRAP@/${IOMMU_GROUPS_TRAP:-}}
				;;
			esac
			envs+=("$v")
			;;
		args) args=$v ;;
		status) status=$v ;;
		stderr-lines) errlines=$v ;;
		stderr) errs+=("$v") ;;
		no-stderr) nerrs+=("$v") ;;
		stdout) outs+=("$v") ;;
		no-stdout) nouts+=("$v") ;;
		jq) jqs+=("$v") ;;
		jq-file) jqfiles+=("$v") ;;
		stdout-same) same=$v ;;
		file|no-file|file-same) files+=("$k $v") ;;
		report-on-failure) report_on_failure=$v ;;
		allow-escapes)
			[ "$v" = sgr ] || why="allow-escapes takes only 'sgr'"
			allow_escapes=$v
			;;
		stdout-file) stdout_file=${v//@NAME@/$fixname}; stdout_file=${stdout_file//@SERIES@/$series} ;;
		*) why="unknown key '$k' in $file" ;;
		esac
	done <"$file"

	dir=$work/$name.$series.$fixname
	mkdir -p "$dir"
	if [ "$setup" = truncate-config ]; then
		truncated_copy "$fx" "$dir/fixture" || why="cannot copy $fx"
		fx=$dir/fixture
	elif [ "${setup%% *}" = script ]; then
		IOMMU_GROUPS_BIN=$bin sh "$here/setup/${setup#script }.sh" "$dir/fixture" ${fx:+"$fx"} \
			>"$dir/setup.log" 2>&1 ||
			why="setup script ${setup#script } failed: $(tail -1 "$dir/setup.log")"
		fx=$dir/fixture
	elif [ -n "$setup" ]; then
		why="unknown setup '$setup'"
	fi
	args=${args//@FIXTURE@/$fx}
	args=${args//@ORIG@/$orig}
	args=${args//@PCIIDS@/$here/pci.ids}
	args=${args//@TMP@/$dir}
	read -r -a argv <<<"$args"
	out=$dir/stdout err=$dir/stderr
	if [ -z "$why" ]; then
		(cd "$dir" && env -u IOMMU_GROUPS_PCI_IDS NO_COLOR=1 "${envs[@]}" \
			"$bin" "${argv[@]}" >"$out" 2>"$err" </dev/null)
		rc=$?
	else
		rc=none
		: >"$out"
		: >"$err"
	fi

	# checks
	if [ -z "$why" ] && [ -n "$status" ] && [ "$rc" != "$status" ]; then
		why="exit status $rc, expected $status"
	fi
	if [ -z "$why" ] && grep -q 'runtime error:\|AddressSanitizer\|LeakSanitizer' "$err"; then
		why="sanitizer report on stderr"
	fi
	if [ -z "$why" ] && [ -n "$errlines" ]; then
		local n
		n=$(wc -l <"$err")
		case $errlines in
		*+) [ "$n" -ge "${errlines%+}" ] || why="$n stderr lines, expected at least ${errlines%+}" ;;
		*) [ "$n" -eq "$errlines" ] || why="$n stderr lines, expected $errlines" ;;
		esac
	fi
	for v in "${errs[@]+"${errs[@]}"}"; do
		[ -z "$why" ] && ! grep -Eq -- "$v" "$err" && why="no stderr line matches /$v/"
	done
	for v in "${nerrs[@]+"${nerrs[@]}"}"; do
		[ -z "$why" ] && grep -Eq -- "$v" "$err" && why="a stderr line matches /$v/"
	done
	# stdout: and no-stdout: see an escape ESC as the two characters ^[
	local vis=$out
	if [ -n "$allow_escapes" ]; then
		vis=$dir/stdout.vis
		LC_ALL=C sed 's/\x1b/^[/g' "$out" >"$vis"
	fi
	for v in "${outs[@]+"${outs[@]}"}"; do
		[ -z "$why" ] && ! grep -Eq -- "$v" "$vis" && why="no stdout line matches /$v/"
	done
	for v in "${nouts[@]+"${nouts[@]}"}"; do
		[ -z "$why" ] && grep -Eq -- "$v" "$vis" && why="a stdout line matches /$v/"
	done
	if [ -z "$why" ] && [ "$rc" != 0 ] && [ -s "$out" ] && [ "$report_on_failure" != yes ]; then
		why="failed (status $rc) but printed on stdout"
	fi
	# outside strings reach a terminal only made safe (src/engine/safe.c);
	# with allow-escapes: sgr, SGR sequences (ESC [ digits ; m) are let
	# through, and nothing else
	if [ -z "$why" ] && [ "$rc" != none ]; then
		for v in "$out" "$err"; do
			if [ "$allow_escapes" = sgr ]; then
				LC_ALL=C sed 's/\x1b\[[0-9;]*m//g' "$v" >"$v.nosgr"
				v=$v.nosgr
			fi
			# C0 but \t \n, DEL, C1; bidi controls and U+2028/9 (safe.h)
			if LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$v"; then
				why="control character on std${v##*/std}"
				why=${why%.nosgr}
			elif ! iconv -f UTF-8 -t UTF-8 "$v" >/dev/null 2>&1; then
				why="std${v##*/std} is not valid UTF-8"
				why=${why%.nosgr}
			fi
			[ -n "$why" ] && break
		done
	fi
	if [ -z "$why" ] && [ "$rc" = 0 ] && [[ " ${argv[*]} " == *" --json "* ]]; then
		if ! jq -e -s 'length == 1' "$out" >/dev/null 2>"$dir/jqerr"; then
			why="stdout is not one JSON document: $(head -1 "$dir/jqerr")"
		elif [ "$(tail -c1 "$out" | od -An -c | tr -d ' ')" != '\n' ]; then
			why="JSON output does not end in a newline"
		else
			json_schema_of "$out" "${argv[@]}"
		fi
	fi
	if [ -z "$why" ] && [ "$rc" = 0 ] && [[ " ${argv[*]} " == *" --prometheus "* ]] &&
		! /usr/bin/python3 "$here/validate-prom.py" "$out" >"$dir/promerr" 2>&1; then
		why="not valid Prometheus text format: $(head -1 "$dir/promerr")"
	fi
	# all jq checks in one jq run: the index of the first false one
	if [ -z "$why" ] && [ ${#jqs[@]} -gt 0 ]; then
		local prog="[" sep="" first
		for v in "${jqs[@]}"; do
			prog+="$sep([try ($v) catch false] | length > 0 and (last | . != false and . != null))"
			sep=", "
		done
		prog+="] as \$r | ([range(0; \$r | length) | select(\$r[.] == false)] | first) // -1"
		local -a jqopts=()
		for v in "${jqfiles[@]+"${jqfiles[@]}"}"; do
			v=${v//@FIXTURE@/$fx}
			jqopts+=(--slurpfile "${v%% *}" "${v#* }")
		done
		if ! first=$(jq "${jqopts[@]+"${jqopts[@]}"}" "$prog" "$out" 2>"$dir/jqerr"); then
			why="jq failed: $(head -1 "$dir/jqerr")"
		elif [ "$first" != -1 ]; then
			why="jq check false: ${jqs[$first]}"
		fi
	fi
	if [ -z "$why" ] && [ -n "$stdout_file" ]; then
		if [ "${IOMMU_GROUPS_UPDATE_EXPECTED:-0}" = 1 ]; then
			mkdir -p "$(dirname "$here/$stdout_file")"
			cp "$out" "$here/$stdout_file"
		elif [ ! -f "$here/$stdout_file" ]; then
			if [ "${IOMMU_GROUPS_ALLOW_MISSING_EXPECTED:-0}" = 1 ]; then
				echo "[ NOTE ] $label: no $stdout_file yet (review the output, then IOMMU_GROUPS_UPDATE_EXPECTED=1 writes it)"
			else
				why="expected output $stdout_file missing (review the output, then IOMMU_GROUPS_UPDATE_EXPECTED=1 writes it)"
			fi
		elif ! diff -u "$here/$stdout_file" "$out" >"$dir/diff"; then
			why="stdout differs from $stdout_file"
		fi
	fi

	if [ -z "$why" ] && [ -n "$same" ]; then
		same=${same//@FIXTURE@/$fx}
		if ! diff -u "$same" "$out" >"$dir/diff"; then
			why="stdout differs from $same"
		fi
	fi

	# the files the command leaves (file:, no-file:, file-same:)
	local fk fpath frest
	for v in "${files[@]+"${files[@]}"}"; do
		[ -z "$why" ] || break
		v=${v//@TMP@/$dir}
		v=${v//@FIXTURE@/$fx}
		v=${v//@ORIG@/$orig}
		fk=${v%% *}
		v=${v#* }
		fpath=${v%% *}
		frest=""
		[ "$fpath" != "$v" ] && frest=${v#* }
		case $fk in
		file)
			if [ ! -f "$fpath" ] || [ -L "$fpath" ]; then
				why="no regular file $fpath"
			elif [ -n "$frest" ] && ! grep -Eq -- "$frest" "$fpath"; then
				why="no line of $fpath matches /$frest/"
			fi
			;;
		no-file)
			if [ -e "$fpath" ] || [ -L "$fpath" ]; then
				why="$fpath exists"
			elif compgen -G "$fpath" >/dev/null; then
				why="$(compgen -G "$fpath" | head -1) exists (no-file: $fpath)"
			fi
			;;
		file-same)
			if [ ! -f "$fpath" ] || [ -L "$fpath" ]; then
				why="no regular file $fpath"
			elif [ -z "$frest" ] || [ ! -f "$frest" ]; then
				why="file-same: no expected file '$frest'"
			elif ! cmp -s "$frest" "$fpath"; then
				why="$fpath differs from $frest"
				diff -u "$frest" "$fpath" >"$dir/diff" 2>/dev/null
			fi
			;;
		esac
	done

	local known
	known=$(known_reason "$name" "$fixname")
	if [ -z "$why" ]; then
		echo "[       OK ] $label"
		[ -n "$known" ] && echo "[  XPASS   ] $label is listed in tests/cli/known-failures but passed: remove it"
		echo "@@RESULT pass $label"
		return
	fi
	if [ -n "$known" ] && [ "$strict_known" != 1 ]; then
		echo "[  KNOWN   ] $label: $why (known failure: $known)"
		echo "@@RESULT known $label"
		return
	fi
	echo "[  FAILED  ] $label: $why"
	[ "$fail_fast" = 1 ] && : >"$work/failed"
	echo "    command: $bin ${argv[*]}"
	[ ${#envs[@]} -gt 0 ] && echo "    env: ${envs[*]}"
	echo "    --- stderr:"
	head -10 "$err" | sed 's/^/    | /'
	echo "    --- stdout (first 15 lines):"
	head -15 "$out" | sed 's/^/    | /'
	[ -s "$dir/diff" ] && { echo "    --- diff:"; head -40 "$dir/diff" | sed 's/^/    | /'; }
	echo "@@RESULT fail $label"
}

# Runs go in parallel (IOMMU_GROUPS_TEST_JOBS, default the CPU count); their
# reports are printed in order once all are done.
jobs_max=${IOMMU_GROUPS_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
njobs=0
fail_fast=${IOMMU_GROUPS_FAIL_FAST:-0}
queue() { # CASE FIXTURE
	local log=$work/log.$(printf %05d $njobs)
	[ "$fail_fast" = 1 ] && [ -e "$work/failed" ] && return 0
	njobs=$((njobs + 1))
	run_case "$1" "$2" >"$log" 2>&1 &
	while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
		wait -n 2>/dev/null || true
	done
}

echo "[==========] CLI cases: ${#cases[@]} files, ${#fixtures[@]} fixtures, binary $bin"
if [ ${#fixtures[@]} -eq 0 ]; then
	if [ "$allow_none" = 1 ]; then
		echo "[ NOTE ] no fixtures under $top/*/*/ (IOMMU_GROUPS_ALLOW_NO_FIXTURES=1): fixture cases skipped"
	else
		echo "[  FAILED  ] no fixtures under $top/*/*/ with kernel-groups.txt; set IOMMU_GROUPS_ALLOW_NO_FIXTURES=1 to run without"
		nfail=$((nfail + 1))
		failed+=("(no fixtures)")
	fi
fi
for c in "${cases[@]}"; do
	mode=$(sed -n 's/^fixture: *//p' "$c" | head -1)
	case ${mode:-each} in
	none)
		queue "$c" ""
		;;
	each)
		for fx in "${fixtures[@]+"${fixtures[@]}"}"; do queue "$c" "$fx"; done
		[ ${#fixtures[@]} -eq 0 ] && nskip=$((nskip + 1))
		;;
	*)
		found=""
		for fx in "${fixtures[@]+"${fixtures[@]}"}"; do
			if [ "${fx##*/}" = "$mode" ] || [ "${fx#"$top"/}" = "$mode" ]; then
				found=1
				queue "$c" "$fx"
			fi
		done
		if [ -z "$found" ]; then
			if [ "$allow_none" = 1 ] && [ ${#fixtures[@]} -eq 0 ]; then
				nskip=$((nskip + 1))
			else
				echo "[  FAILED  ] $(basename "$c" .case): fixture '$mode' not found under $top/*/"
				nfail=$((nfail + 1))
				failed+=("$(basename "$c" .case)")
			fi
		fi
		;;
	esac
done

wait
# Every --json document of a passing run against its schema (validate-json.py
# writes STDOUT.invalid with the reason; it also checks that the schemas reject
# broken documents). /usr/bin/python3: Debian's, with python3-jsonschema.
sed -n 's/^@@SCHEMA //p' "$work"/log.* >"$work/schemas" 2>/dev/null
if [ -s "$work/schemas" ] &&
	! /usr/bin/python3 "$here/validate-json.py" --batch "$work/schemas" >"$work/schemas.log" 2>&1; then
	sed 's/^/[  FAILED  ] /' "$work/schemas.log"
	nfail=$((nfail + 1))
	failed+=("(JSON schema validation: $(tail -1 "$work/schemas.log"))")
fi
for log in "$work"/log.*; do
	[ -e "$log" ] || continue
	res=$(sed -n 's/^@@RESULT //p' "$log")
	doc=$(sed -n 's/^@@SCHEMA [^ ]* //p' "$log")
	if [ "${res%% *}" = pass ] && [ -n "$doc" ] && [ -f "$doc.invalid" ]; then
		grep -v '^@@\|^\[       OK \]' "$log"
		echo "[  FAILED  ] ${res#* }: $(cat "$doc.invalid")"
		res="fail ${res#* }"
	else
		grep -v '^@@RESULT \|^@@SCHEMA ' "$log"
	fi
	case $res in
	pass\ *) npass=$((npass + 1)) ;;
	known\ *) nknown=$((nknown + 1)) ;;
	fail\ *) nfail=$((nfail + 1)); failed+=("${res#fail }") ;;
	*) nfail=$((nfail + 1)); failed+=("(a run ended without a result: $log)") ;;
	esac
done
if [ -e "$work/failed" ]; then
	echo "[  NOTE  ] IOMMU_GROUPS_FAIL_FAST=1: no run started after the first failure"
fi
if [ "$(config_sizes)" != "$sizes_before" ]; then
	echo "[  FAILED  ] a fixture's config files changed during the run"
	nfail=$((nfail + 1))
	failed+=("(fixtures modified)")
fi
echo "[==========] $((npass + nfail + nknown)) CLI run(s), $nskip case(s) skipped, $nknown known failure(s)."
echo "[  PASSED  ] $npass run(s)."
if [ $nfail -gt 0 ]; then
	echo "[  FAILED  ] $nfail run(s), listed below:"
	for f in "${failed[@]}"; do echo "[  FAILED  ] $f"; done
	exit 1
fi
exit 0
