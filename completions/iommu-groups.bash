# bash completion for iommu-groups
# Commands and options are asked of the program itself, so they cannot drift.
_iommu_groups()
{
	local cur prev words cword
	_init_completion || return
	local prog=${words[0]}

	case $prev in
	--assume-acs)
		COMPREPLY=($(compgen -W "$(ls /sys/bus/pci/devices 2>/dev/null)" -- "$cur"))
		return
		;;
	--from-dump)
		_filedir
		return
		;;
	--sysroot)
		_filedir -d
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
	cmds=$("$prog" --list-commands 2>/dev/null)
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
		local root=/ i
		for ((i = 1; i < cword; i++)); do
			[[ ${words[i]} == --sysroot ]] && root=${words[i + 1]}
		done
		COMPREPLY=($(compgen -W "$(ls "$root/sys/bus/pci/devices" 2>/dev/null)" -- "$cur"))
	fi
}
complete -F _iommu_groups iommu-groups
