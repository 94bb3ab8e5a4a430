#!/bin/sh
# Runs inside the test guest (busybox sh), put there by check-tui.sh as a
# guest: command. The guest has no udev daemon and no tmux: the view runs
# headless (IOMMU_GROUPS_TUI_HEADLESS, cmd_tui.c), printing its rows after
# each refresh, on the kernel's uevents. A function is bound to vfio-pci by
# hand (as any other tool would) and back; the view must follow. One line
# per check: TUI-TEST PASS name | TUI-TEST FAIL name: why; then TUI-TEST DONE.
# Environment: BDF (an e1000e the topology has).
TAG=TUI-TEST
# shellcheck source-path=SCRIPTDIR source=guest-lib.sh disable=SC2034
. /tmp/guest-lib.sh
B=${BDF:-0000:03:00.0}
OUT=/tmp/tui.out

# the last complete view block
last_view() { awk '/^== view /{buf=""} {buf=buf $0 "\n"} /^== end /{last=buf} END{printf "%s", last}' "$OUT"; }
# wait_view ERE SECONDS: until the last complete view matches
wait_view() {
    n=0
    while [ "$n" -lt $(($2 * 10)) ]; do
        last_view | grep -Eq -- "$1" && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

[ "$(drv "$B")" = e1000e ] || fail setup "$B is on '$(drv "$B")', not e1000e"
[ -e /run/udev/control ] && fail setup "a udev daemon runs: the kernel netlink fallback is not tested"
IOMMU_GROUPS_TUI_HEADLESS=50 $IG tui >"$OUT" 2>/tmp/tui.err &
pid=$!
if wait_view "^== view 0: kernel" 30; then pass start-kernel-monitor; else fail start-kernel-monitor "no first view"; fi
if last_view | grep -Eq -- "$B .*\[e1000e\]"; then pass first-view-e1000e; else fail first-view-e1000e "$B not shown on e1000e"; fi

# bind to vfio-pci by hand
echo vfio-pci >"$D/$B/driver_override"
echo "$B" >"$D/$B/driver/unbind"
echo "$B" >/sys/bus/pci/drivers_probe
[ "$(drv "$B")" = vfio-pci ] || fail bind "$B is on '$(drv "$B")' after the probe"
if wait_view "$B .*\[vfio-pci\]" 20; then pass refresh-on-vfio-bind; else fail refresh-on-vfio-bind "the view did not show $B on vfio-pci"; fi
last_view | grep -q '^== view [1-9][0-9]*: updated (' && pass refresh-says-event ||
    fail refresh-says-event "$(last_view | head -1)"

# and back to e1000e
echo >"$D/$B/driver_override"
echo "$B" >"$D/$B/driver/unbind"
echo "$B" >/sys/bus/pci/drivers_probe
if wait_view "$B .*\[e1000e\]" 20; then pass refresh-on-rebind; else fail refresh-on-rebind "the view did not show $B back on e1000e"; fi

# SIGTERM: it ends by the signal (status 143)
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 143 ] && pass sigterm || fail sigterm "exit status $rc"
grep -c '^== view' "$OUT" | sed 's/^/views: /'
echo "--- tui.out"; cat "$OUT"; echo "--- tui.err"; cat /tmp/tui.err
echo "TUI-TEST DONE"
