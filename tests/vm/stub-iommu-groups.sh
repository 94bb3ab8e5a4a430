#!/bin/sh
# Stand-in for the real binary, to test the check-vm plumbing:
#   stub-iommu-groups.sh [--sysroot DIR] list --json
# Prints JSON in the iommu-groups contract where every kernel group is one
# isolation group (and one alias set), and every device without a kernel
# group is an isolation group of its own.  POSIX sh (runs under busybox sh).
# STUB_BREAK=1 merges the first two isolation groups (to see a FAIL).
root=""
if [ "${1:-}" = "--sysroot" ]; then root=$2; shift 2; fi
{ [ "${1:-}" = "list" ] && [ "${2:-}" = "--json" ]; } || { echo "usage: $0 [--sysroot DIR] list --json" >&2; exit 2; }

S="$root/sys"
# shellcheck disable=SC2012
devs=$(ls "$S/bus/pci/devices" | sort)
# "bdf group" lines ("bdf null" without group)
map=$(for d in $devs; do
    if [ -e "$S/bus/pci/devices/$d/iommu_group" ] || [ -L "$S/bus/pci/devices/$d/iommu_group" ]; then
        g=$(readlink "$S/bus/pci/devices/$d/iommu_group"); echo "$d ${g##*/}"
    else
        echo "$d null"
    fi
done)

# isolation group id per device: kernel group id, or 1000+index for ungrouped
iso_of() {
    g=$(echo "$map" | awk -v d="$1" '$1==d{print $2}')
    if [ "$g" = null ]; then
        echo "$map" | awk -v d="$1" '$2=="null"{n++} $1==d{print 1000+n}'
    else
        echo "$g"
    fi
}
[ "${STUB_BREAK:-}" = 1 ] && brk=1 || brk=0

printf '{"schema":1,"kernel":{"release":"%s"},"iommu":{},"devices":[' "$(cat "$root/proc/sys/kernel/osrelease" 2>/dev/null)"
sep=""
for d in $devs; do
    g=$(echo "$map" | awk -v d="$d" '$1==d{print $2}')
    i=$(iso_of "$d")
    printf '%s{"bdf":"%s","kernel_group":%s,"alias_set":%s,"isolation_group":%s}' "$sep" "$d" "$g" "$i" "$i"
    sep=","
done
printf '],"kernel_groups":['
sep=""
for g in $(echo "$map" | awk '$2!="null"{print $2}' | sort -n | uniq); do
    t=$(cat "$S/kernel/iommu_groups/$g/type" 2>/dev/null)
    members=$(echo "$map" | awk -v g="$g" '$2==g{printf "%s\"%s\"", s, $1; s=","}')
    printf '%s{"id":%s,"type":"%s","devices":[%s]}' "$sep" "$g" "$t" "$members"
    sep=","
done
isos=$(for d in $devs; do iso_of "$d"; done | sort -n | uniq)
printf '],"alias_sets":['
sep=""
for i in $isos; do
    members=$(for d in $devs; do [ "$(iso_of "$d")" = "$i" ] && printf '%s\n' "$d"; done | awk '{printf "%s\"%s\"", s, $1; s=","}')
    printf '%s{"id":%s,"devices":[%s]}' "$sep" "$i" "$members"
    sep=","
done
printf '],"isolation_groups":['
sep=""
n=0
for i in $isos; do
    members=$(for d in $devs; do [ "$(iso_of "$d")" = "$i" ] && printf '%s\n' "$d"; done | awk '{printf "%s\"%s\"", s, $1; s=","}')
    n=$((n + 1))
    if [ "$brk" = 1 ] && [ "$n" -le 2 ]; then
        acc="${acc:+$acc,}$members"
        [ "$n" -lt 2 ] && continue
        members=$acc
    fi
    printf '%s{"id":%s,"devices":[%s],"alias_sets":[%s],"kernel_group":null,"matches_kernel":true}' "$sep" "$i" "$members" "$i"
    sep=","
done
printf ']}\n'
