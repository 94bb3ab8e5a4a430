#!/bin/sh
# Sourced by the guest check scripts (attach-guest.sh, bench-guest.sh,
# tui-guest.sh) inside the test guest (busybox sh); check_script_cmd in
# lib.sh puts it at /tmp/guest-lib.sh. TAG (ATTACH-TEST, ...), set by the
# script before it sources this file, starts every
# verdict line the host reads back (guest_verdicts in lib.sh):
#   TAG PASS name | TAG FAIL name: why | TAG DONE
IG=/bin/iommu-groups
D=/sys/bus/pci/devices
mkdir -p /run
export IOMMU_GROUPS_RUNDIR=/run/iommu-groups

pass() { echo "$TAG PASS $1"; }
fail() { echo "$TAG FAIL $1: $2"; }
drv() { basename "$(readlink "$D/$1/driver" 2>/dev/null)" 2>/dev/null; }
run() {  # NAME ARGS...: output in /tmp/NAME.out/.err, status in $rc
    rn=$1; shift
    "$@" >"/tmp/$rn.out" 2>"/tmp/$rn.err"
    rc=$?
    echo "--- $rn: $* -> $rc"
    cat "/tmp/$rn.out" "/tmp/$rn.err"
}
