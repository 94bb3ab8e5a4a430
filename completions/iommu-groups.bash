# bash completion for iommu-groups
# Commands, options and the functions of the selected system (--sysroot,
# --from-dump, or the live one) are asked of the program itself, so they
# cannot drift.

# The functions of the system the command line selects.
_iommu_groups_devices()
{
	local i sel=()
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--sysroot | --from-dump) sel+=("${words[i]}" "${words[i + 1]}") ;;
		--sysroot=* | --from-dump=*) sel+=("${words[i]}") ;;
		esac
	done
	"$prog" --list-devices "${sel[@]}" 2>/dev/null
}

_iommu_groups()
{
	local cur prev words cword
	_init_completion || return
	local prog=${words[0]}

	case $prev in
	--assume-acs | --device)
		COMPREPLY=($(compgen -W "$(_iommu_groups_devices)" -- "$cur"))
		return
		;;
	--from-dump | --cmdline)
		_filedir # --cmdline: a file, or the parameters themselves
		return
		;;
	--sysroot)
		_filedir '@(tar.gz|tgz)' # a directory, or a snapshot -o tarball
		return
		;;
	-o | --output)
		# list -o: columns, comma-separated; snapshot -o: a tarball
		local i
		for ((i = 1; i < cword; i++)); do
			if [[ ${words[i]} == list ]]; then
				local last=${cur##*,}
				COMPREPLY=($(compgen -P "${cur%"$last"}" -W \
					"$("$prog" --list-columns 2>/dev/null)" -- "$last"))
				compopt -o nospace
				return
			fi
		done
		_filedir '@(tar.gz|tgz)'
		return
		;;
	--pci-ids)
		_filedir
		return
		;;
	--kernel | --width)
		return
		;;
	--sizes | --iterations | --duration)
		return
		;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return
		;;
	--class)
		COMPREPLY=($(compgen -W "$("$prog" --list-classes 2>/dev/null)" -- "$cur"))
		return
		;;
	--group)
		return
		;;
	--backend)
		COMPREPLY=($(compgen -W 'auto container iommufd' -- "$cur"))
		return
		;;
	esac
	if [[ $cur == --color=* ]]; then
		COMPREPLY=($(compgen -W 'auto always never' -- "${cur#--color=}"))
		return
	fi
	if [[ $cur == -* ]]; then
		local opts
		opts=$("$prog" --list-options 2>/dev/null | cut -d' ' -f1)
		COMPREPLY=($(compgen -W "$opts -h" -- "$cur"))
		return
	fi
	local w have_cmd=
	local cmds
	cmds=$("$prog" --list-commands 2>/dev/null | tr "\n" " ")
	for w in "${words[@]:1:cword-1}"; do
		[[ " $cmds " == *" $w "* ]] && have_cmd=$w
	done
	if [[ -z $have_cmd ]]; then
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
	elif [[ $have_cmd == snapshot ]]; then
		_filedir -d
	elif [[ $have_cmd == detach ]]; then
		# the groups attached now: their devices on vfio-pci
		COMPREPLY=($(compgen -W "--all $(ls /sys/bus/pci/drivers/vfio-pci 2>/dev/null | grep ':')" -- "$cur"))
	elif [[ $have_cmd == why-shared || $have_cmd == attach ]]; then
		COMPREPLY=($(compgen -W "$(_iommu_groups_devices)" -- "$cur"))
	fi
}
complete -F _iommu_groups iommu-groups
