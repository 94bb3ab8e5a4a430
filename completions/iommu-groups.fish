# fish completion for iommu-groups: commands, options and the functions of
# the selected system (--sysroot, --from-dump or the live one) are asked of
# the program itself.

function __iommu_groups_devices
    set -l tokens (commandline -opc)
    set -l sel
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --sysroot --from-dump
                set -l j (math $i + 1)
                if test $j -le (count $tokens)
                    set sel $sel $tokens[$i] $tokens[$j]
                end
        end
    end
    $tokens[1] --list-devices $sel 2>/dev/null
end

function __iommu_groups_command
    set -l tokens (commandline -opc)
    set -l cmds (iommu-groups --list-commands 2>/dev/null)
    for t in $tokens[2..-1]
        if contains -- $t $cmds
            echo $t
            return 0
        end
    end
    return 1
end

complete -c iommu-groups -f
complete -c iommu-groups -n 'not __iommu_groups_command' -a '(iommu-groups --list-commands 2>/dev/null)'
for o in (iommu-groups --list-options 2>/dev/null)
    set -l name (string replace -r -- '^--' '' (string split -- ' ' $o)[1])
    if string match -q -- '* ARG' $o
        complete -c iommu-groups -l $name -r
    else
        complete -c iommu-groups -l $name
    end
end
complete -c iommu-groups -l sysroot -r -F
complete -c iommu-groups -l from-dump -r -F
complete -c iommu-groups -l cmdline -r -F
complete -c iommu-groups -l pci-ids -r -F
# list -o: columns, comma-separated (what is typed up to the last comma
# kept); snapshot -o: a tarball
function __iommu_groups_columns
    set -l pre (string replace -r '[^,]*$' '' -- (commandline -ct))
    for c in (iommu-groups --list-columns 2>/dev/null)
        echo $pre$c
    end
end
complete -c iommu-groups -n '__fish_seen_subcommand_from list' -s o -l output -x -a '(__iommu_groups_columns)'
complete -c iommu-groups -n 'not __fish_seen_subcommand_from list' -s o -l output -r -F
complete -c iommu-groups -l color -x -a 'auto always never'
complete -c iommu-groups -l backend -x -a 'auto container iommufd'
complete -c iommu-groups -l assume-acs -x -a '(__iommu_groups_devices)'
complete -c iommu-groups -l device -x -a '(__iommu_groups_devices)'
complete -c iommu-groups -l class -x -a '(iommu-groups --list-classes 2>/dev/null)'
complete -c iommu-groups -n '__iommu_groups_command | string match -qr "^(why-shared|attach)\$"' -x -a '(__iommu_groups_devices)'
complete -c iommu-groups -n '__iommu_groups_command | string match -q snapshot' -F
