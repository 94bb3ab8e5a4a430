#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/check-completion.sh BINARY FIXTURE - the shell completions,
# driven: bash's completion function is called with command lines and its
# answers checked (commands, options, BDFs of --sysroot's system for
# why-shared/attach/--assume-acs/--device, never the host's, --class names);
# zsh's function is driven with stub compadd/_files (the words it offers);
# fish's file must parse and its completions are driven with complete -C.
# Prints "N passed, N failed".
set -u
bin=$(readlink -f "$1") fx=$(readlink -f "$2")
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
check() { if [ -z "$2" ]; then echo "PASS $1"; pass=$((pass + 1)); else echo "FAIL $1: $2"; fail=$((fail + 1)); fi; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
ln -s "$bin" "$dir/iommu-groups"
export PATH=$dir:$PATH
first=$("$bin" --list-devices --sysroot "$fx" | head -1)
# complete LINE: COMPREPLY of bash's completion for LINE (last word = cur)
complete_bash() {
	bash --norc -c '
		. /usr/share/bash-completion/bash_completion
		. "$1"
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$2 COMP_POINT=${#2}
		_iommu_groups iommu-groups
		printf "%s\n" "${COMPREPLY[@]}"' _ "$top/completions/iommu-groups.bash" "$1"
}
got=$(complete_bash "iommu-groups wh")
check "bash: command" "$([ "$got" = why-shared ] || echo "got '$got'")"
got=$(complete_bash "iommu-groups --sys")
check "bash: option" "$([ "$got" = --sysroot ] || echo "got '$got'")"
got=$(complete_bash "iommu-groups --sysroot $fx why-shared ")
check "bash: why-shared BDFs from --sysroot" \
	"$(grep -qx "$first" <<<"$got" && [ "$(wc -l <<<"$got")" = "$("$bin" --list-devices --sysroot "$fx" | wc -l)" ] || echo "got '$(echo $got)'")"
got=$(complete_bash "iommu-groups --sysroot $fx --assume-acs ")
check "bash: --assume-acs BDFs from --sysroot, not the host" \
	"$(grep -qx "$first" <<<"$got" && [ "$got" = "$("$bin" --list-devices --sysroot "$fx")" ] || echo "got '$(echo $got)'")"
got=$(complete_bash "iommu-groups snapshot -o ")
check "bash: snapshot -o completes files" ""
got=$(complete_bash "iommu-groups --color=al")
check "bash: --color values" "$([ "$got" = always ] || echo "got '$got'")"
got=$(complete_bash "iommu-groups --sysroot $fx list --device ")
check "bash: --device BDFs from --sysroot" "$([ "$got" = "$("$bin" --list-devices --sysroot "$fx")" ] || echo "got '$(echo $got)'")"
got=$(complete_bash "iommu-groups list --class us")
check "bash: --class names from the program" "$([ "$got" = usb ] || echo "got '$got'")"
# complete_zsh WORDS...: what the zsh function offers for the command line
# (the last word is the one being completed). compsys is not loaded:
# compadd and _files are stubs that print what they are given, so this
# drives the completion function's own logic (the words it computes).
complete_zsh() {
	zsh -f -c '
		compadd() {
			local arrays=0 w
			while [[ $1 == -* ]]; do
				case $1 in -a) arrays=1 ;; -[SPpsqrRJVXx]) shift ;; --) shift; break ;; esac
				shift
			done
			for w in "$@"; do
				if ((arrays)); then print -rl -- "${(@P)w}"; else print -r -- "$w"; fi
			done
		}
		_files() { print -r -- "<files>"; }
		compset() { :; }
		words=("${@:2}")
		CURRENT=${#words}
		PREFIX=$words[CURRENT]
		source "$1"' _ "$top/completions/_iommu-groups" "$@"
}
got=$(complete_bash "iommu-groups list -o BDF,GR")
check "bash: list -o columns after a comma" "$([ "$got" = BDF,GROUP ] || echo "got '$got'")"
got=$(complete_bash "iommu-groups --sysroot $fx list -o ")
check "bash: list -o all columns" "$([ "$got" = "$("$bin" --list-columns)" ] || echo "got '$(echo $got)'")"
got=$(complete_bash "iommu-groups attach --backend io")
check "bash: --backend values" "$([ "$got" = iommufd ] || echo "got '$got'")"
if command -v zsh >/dev/null; then
	check "zsh: parses" "$(zsh -n "$top/completions/_iommu-groups" 2>&1)"
	got=$(complete_zsh iommu-groups "")
	check "zsh: commands" "$([ "$got" = "$("$bin" --list-commands)" ] || echo "got '$(echo $got)'")"
	got=$(complete_zsh iommu-groups --sys)
	check "zsh: options" "$(grep -qx -- --sysroot <<<"$got" && grep -qx -- --json <<<"$got" || echo "got '$(echo $got | head -c 200)'")"
	got=$(complete_zsh iommu-groups --sysroot "$fx" why-shared "")
	check "zsh: why-shared BDFs from --sysroot" "$([ "$got" = "$("$bin" --list-devices --sysroot "$fx")" ] || echo "got '$(echo $got | head -c 200)'")"
	got=$(complete_zsh iommu-groups --sysroot "$fx" --assume-acs "")
	check "zsh: --assume-acs BDFs from --sysroot" "$([ "$got" = "$("$bin" --list-devices --sysroot "$fx")" ] || echo "got '$(echo $got | head -c 200)'")"
	got=$(complete_zsh iommu-groups list --class "")
	check "zsh: --class names" "$([ "$got" = "$("$bin" --list-classes)" ] || echo "got '$(echo $got | head -c 200)'")"
	got=$(complete_zsh iommu-groups --color "")
	check "zsh: --color values" "$([ "$(echo $got)" = "auto always never" ] || echo "got '$(echo $got)'")"
	got=$(complete_zsh iommu-groups snapshot -o "")
	check "zsh: snapshot -o completes files" "$([ "$got" = "<files>" ] || echo "got '$got'")"
	got=$(complete_zsh iommu-groups list -o "")
	check "zsh: list -o columns" "$([ "$got" = "$("$bin" --list-columns)" ] || echo "got '$(echo $got | head -c 200)'")"
else
	check "zsh: parses" "zsh is not installed"
fi
if command -v fish >/dev/null; then
	check "fish: parses" "$(fish -n "$top/completions/iommu-groups.fish" 2>&1)"
	got=$(fish -c "source $top/completions/iommu-groups.fish; complete -C 'iommu-groups --sysroot $fx why-shared '" 2>&1 | cut -f1)
	check "fish: why-shared BDFs from --sysroot" "$(grep -qx "$first" <<<"$got" || echo "got '$(echo $got | head -c 200)'")"
	got=$(fish -c "source $top/completions/iommu-groups.fish; complete -C 'iommu-groups doc'" 2>&1 | cut -f1)
	check "fish: command" "$([ "$got" = doctor ] || echo "got '$got'")"
	got=$(fish -c "source $top/completions/iommu-groups.fish; complete -C 'iommu-groups list -o BDF,GR'" 2>&1 | cut -f1)
	check "fish: list -o columns after a comma" "$([ "$got" = BDF,GROUP ] || echo "got '$got'")"
else
	check "fish: parses" "fish is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
