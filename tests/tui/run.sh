#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/tui/run.sh - screen tests of the interactive view: the real binary
# on a fixture in a detached tmux session (100x30, private server), keys
# sent, the screen read with capture-pane and asserted on: the tree, search,
# folds, views, resize, names from a hostile pci.ids, the attach/detach
# dialog on a snapshot, the terminal modes compared before and after (q,
# SIGINT, SIGTERM, SIGQUIT, SIGHUP), no CPU while idle; as root with a
# writable sysfs also a live refresh on a uevent (the view and the headless
# test mode).
#
# usage: tests/tui/run.sh [BINARY] [FIXTURES_DIR]
set -u
BIN=$(realpath "${1:-./iommu-groups}")
FIXROOT=$(realpath "${2:-fixtures}")
FIX=$FIXROOT/6.12/switch-noacs
IDS=$(realpath tests/cli/pci.ids)
command -v tmux >/dev/null || { echo "tests/tui: tmux is missing (apt-get install tmux)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "tests/tui: no binary $BIN" >&2; exit 1; }
[ -d "$FIX" ] || { echo "tests/tui: no fixture $FIX" >&2; exit 1; }

TMP=$(mktemp -d)
SOCK=$TMP/tmux.sock
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; echo "--- screen:"; screen | sed 's/^/| /'; }
screen() { T capture-pane -p -t tui; }
# wait (up to 15 s: the sanitizer build is slow) until the screen matches ERE
wait_for() {
	for _ in $(seq 75); do screen | grep -Eq -- "$1" && return 0; sleep 0.2; done
	return 1
}
expect() { if wait_for "$1"; then ok "$2"; else bad "$2 (no /$1/)"; fi; }
expect_not() { sleep 0.5; if screen | grep -Eq -- "$1"; then bad "$2 (found /$1/)"; else ok "$2"; fi; }
keys() { T send-keys -t tui "$@"; }

# A plain shell with a known prompt; the binary inherits its terminal.
T -f /dev/null new-session -d -s tui -x 100 -y 30 \
	"env -i PATH=/usr/bin:/bin HOME=$TMP TERM=screen LANG=C.UTF-8 PS1='PROMPT\$ ' sh"
T set-option -t tui status off >/dev/null
wait_for 'PROMPT\$' || { echo "tests/tui: the shell did not start" >&2; exit 1; }
keys "stty -g > $TMP/stty.before; stty -a > $TMP/stty-a.before" Enter
# With the CLI tests' trap (IOMMU_GROUPS_TRAP, tests/cli/trap.c), a read
# outside the sysroot is reported on stderr, kept in a file, checked at q.
PRELOAD=
[ -n "${IOMMU_GROUPS_TRAP:-}" ] && PRELOAD="LD_PRELOAD=$(realpath "$IOMMU_GROUPS_TRAP")"
RUN="$PRELOAD ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 $BIN --sysroot $FIX --pci-ids $IDS tui 2>>$TMP/stderr"
keys "clear; $RUN; echo rc=\$?" Enter

# the tree: BDFs with their group numbers, ports with their ACS state
expect 'tree view +1/11' "the view starts, status line shows the tree view"
expect '^ +4 +.*0000:03:00\.0 82574L' "function row: group 4, BDF, name"
expect '^ +3 +.*0000:01:00\.0 .*ACS absent' "port row shows its ACS state"
expect '─0000:00:1f\.3' "UTF-8 tree glyphs"
# a mouse click (X10 report: press of button 1 at column 2, row 6) selects a row
T send-keys -t tui -l $'\e[M !&'
expect 'tree view +6/11' "a click selects the row under it"
keys Home
expect 'tree view +1/11' "Home goes back to the first row"
# search moves the selection to 0000:03:00.0; its detail explains why
keys / 0 3 : 0 0 . 0 Enter
expect 'tree view +6/11' "/ search moves the selection"
expect '^0000:03:00\.0  82574L' "detail pane shows the selected function"
expect 'why shared with 0000:02:00\.0' "detail pane says with whom it shares"
expect 'no-acs-upstream: downstream port 0000:02:00\.0 has no ACS' "detail pane gives the why-shared reason"
keys n
expect 'tree view +6/11' "n with a single match stays"
keys Home / p c i e p o r t Enter
expect 'tree view +3/11' "search by driver"
keys n
expect 'tree view +4/11' "n goes to the next match"
# fold and unfold the switch
keys Enter
expect 'tree view +4/7' "Enter folds the selected port"
expect_not '0000:03:00\.0 82574L' "folded children are hidden"
keys Space
expect 'tree view +4/11' "space unfolds"
# the group view
keys Tab
expect 'group view' "Tab shows the group view"
expect 'group 4: 2 functions' "group headings with their size"
keys g 5 Enter
expect '^0000:02:01\.0 ' "g jumps to group 5"
keys g 9 9 Enter
expect 'no group 99' "g on an unknown group says so"
keys Tab
expect 'tree view' "Tab back to the tree"
keys '?'
expect 'iommu-groups: keys' "? shows the help"
keys x
expect_not 'iommu-groups: keys' "any key closes the help"
# movement keys
keys End
expect 'tree view +11/11' "End"
keys Home
expect 'tree view +1/11' "Home"
keys j j k
expect 'tree view +2/11' "j/k"
keys NPage
expect 'tree view +11/11' "PgDn"
keys PPage
expect 'tree view +1/11' "PgUp"
# resize to 80x24 and back
T resize-window -t tui -x 80 -y 24
expect 'tree view' "status line after resize to 80x24"
lines=$(screen | wc -l) wide=$(screen | LC_ALL=C.UTF-8 wc -L)
if [ "$lines" -le 24 ] && [ "$wide" -le 80 ]; then ok "80x24: the screen fits ($lines lines, $wide columns)"; else bad "80x24: $lines lines, $wide columns"; fi
if [ "$(screen | sed -n 24p | grep -c 'tree view')" = 1 ]; then ok "80x24: status on the last line"; else bad "80x24: status not on the last line"; fi
keys / 0 3 : 0 0 Enter
expect '^-- more: J/K scroll --' "80x24: a long detail says there is more"
keys J J J J J J J J J J
expect 'unseen peer-to-peer DMA' "J scrolls the detail pane to its end"
expect_not '^-- more' "at the end no more marker"
keys K K K K K K K K K K
expect '^0000:03:00\.0  82574L' "K scrolls back to its top"
T resize-window -t tui -x 100 -y 30
expect '0000:04:00\.0 QEMU NVM Express' "back to 100x30"
if [ "$(screen | sed -n 30p | grep -c 'tree view')" = 1 ]; then ok "100x30: status on the last line"; else bad "100x30: status not on the last line"; fi
# r reloads and keeps the selection
keys End r
expect 'reloaded: 10 functions, 6 groups' "r reloads"
expect '^0000:00:1f\.3  82801I' "the selection survives the reload"
# groups are told apart by colour as well
if T capture-pane -e -p -t tui | grep -q $'\e\[3[1-7]m'; then ok "rows coloured by group"; else bad "no colours"; fi
# q quits: the shell is back and the terminal modes are as before
keys q
expect '^rc=0$' "q quits with status 0"
expect '^PROMPT\$ *$' "the shell prompt is back"
expect_not 'root bus' "the view's screen is gone (alternate screen left)"
keys "stty -g > $TMP/stty.after" Enter
sleep 0.5
if cmp -s "$TMP/stty.before" "$TMP/stty.after"; then ok "terminal modes restored after q"; else bad "terminal modes differ after q"; fi
if [ -n "$PRELOAD" ]; then
	if grep -q 'iommu-groups-trap:' "$TMP/stderr"; then bad "reads outside the sysroot: $(grep -m3 trap: "$TMP/stderr")"
	else ok "no reads outside the sysroot (trap)"; fi
fi
if grep -q 'AddressSanitizer\|runtime error\|LeakSanitizer' "$TMP/stderr"; then bad "sanitizer report: $(head -5 "$TMP/stderr")"
else ok "no sanitizer report"; fi

# NO_COLOR and a non-UTF-8 locale: no colours, ASCII glyphs, numbers still there
keys "clear; NO_COLOR=1 LANG=C $RUN; echo rc=\$?" Enter
expect 'tree view +1/11' "started with NO_COLOR and LANG=C"
expect '^ +4 +\| +\| `-0000:03:00\.0 82574L' "ASCII tree glyphs, group number column"
if T capture-pane -e -p -t tui | grep -q $'\e\[3[1-7]m'; then bad "colours despite NO_COLOR"; else ok "no colours with NO_COLOR"; fi
keys q
expect '^rc=0$' "q quits"

# names from a hostile pci.ids (tests/cli/setup/hostile-ids.sh): escapes,
# C1, bidi and invalid UTF-8 are shown as \xNN, never acted on
HOSTILE=$TMP/hostile
sh tests/cli/setup/hostile-ids.sh "$HOSTILE" "$FIX" || { echo "tests/tui: hostile-ids.sh failed" >&2; exit 1; }
keys "clear; NO_COLOR=1 $PRELOAD ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 $BIN --sysroot $HOSTILE --pci-ids $HOSTILE/pci.ids tui 2>>$TMP/stderr; echo rc=\$?" Enter
expect 'tree view +1/11' "hostile names: the view starts"
expect '0000:00:04\.0 QEMU PCIe Root \\x1b\[2J\\x1b\[Hport' "hostile names: ESC shown as \\x1b, the screen not cleared"
expect '^ +3 +.*0000:01:00\.0 ' "hostile names: the rows below are still in place"
keys / 0 0 : 0 0 . 0 Enter
expect 'Intel\\x1b\[31m\\x9b\\xc2\\x9b\\x7f\\x07\\xff\\xfe M.ller' "hostile names: vendor in the detail pane, C1 and invalid bytes escaped"
expect '\\xe2\\x80\\xaeCorp' "hostile names: the bidi override is escaped"
if screen | grep -q $'\u202e\\|\u2066'; then bad "hostile names: a bidi control reached the screen"; else ok "hostile names: no bidi control on the screen"; fi
if T capture-pane -e -p -t tui | grep -q $'\e\\[3[0-7]m\\|\e\\[5m'; then bad "hostile names: colour or blink from a name"; else ok "hostile names: no colour or blink from a name"; fi
title=$(T display-message -p -t tui '#{pane_title}')
case $title in *pwned*) bad "hostile names: the window title was set ($title)" ;; *) ok "hostile names: the window title is untouched" ;; esac
keys q
expect '^rc=0$' "hostile names: q quits"

# SIGINT (^C), SIGTERM, SIGQUIT and SIGHUP end it cleanly too
for sig in INT TERM QUIT HUP; do
	keys "clear; $RUN; echo rc=\$?" Enter
	expect 'tree view +1/11' "started again for SIG$sig"
	if [ $sig = INT ]; then
		# the shell, seeing its job die by SIGINT, drops the rest of the line
		keys C-c
		expect '^PROMPT\$ *$' "SIGINT ends it, the prompt is back"
		expect_not 'rc=0|root bus' "SIGINT: no clean exit status, the view is gone"
	else
		shell=$(T display-message -p -t tui '#{pane_pid}')
		pid=$(pgrep -P "$shell" -f -- "--sysroot $FIX" | head -1)
		if [ $sig = TERM ]; then
			# idle, it waits in ppoll(): no CPU time over 2 s (a tick or two of slack)
			cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
			c0=$(cpu); sleep 2; c1=$(cpu)
			if [ $((c1 - c0)) -le 2 ]; then ok "idle: no busy loop ($((c1 - c0)) ticks in 2 s)"; else bad "idle: $((c1 - c0)) ticks of CPU in 2 s"; fi
		fi
		kill -$sig "$pid"
		st=$((128 + $(kill -l $sig)))
		expect "^rc=$st\$" "SIG$sig ends it (status $st: died by the signal)"
	fi
	rm -f "$TMP/stty.after" "$TMP/stty-a.after"
	keys "stty -g > $TMP/stty.after; stty -a > $TMP/stty-a.after" Enter
	sleep 0.5
	if cmp -s "$TMP/stty.before" "$TMP/stty.after"; then ok "terminal modes restored after SIG$sig"
	else bad "terminal modes differ after SIG$sig: $(diff "$TMP/stty-a.before" "$TMP/stty-a.after" | tr '\n' ' ')"; fi
done

# attach/detach dialog on a snapshot: the plan, its refusals, and that it
# needs the live system; Esc and n cancel, nothing runs
keys "clear; $RUN; echo rc=\$?" Enter
expect 'tree view +1/11' "dialog: started"
keys / 0 3 : 0 0 . 0 Enter a
expect 'Attach 0000:03:00\.0 to VFIO' "dialog: a opens the attach plan"
expect 'IOMMU group 4: 2 functions' "dialog: the group and its size"
expect '0000:02:00\.0 \[104c:8233\] pcieport +-> stays \(bridge\)' "dialog: what comes along and what happens to it"
expect 'attach needs the live system' "dialog: a snapshot cannot be attached"
keys Escape
expect_not 'Attach 0000:03:00\.0 to VFIO' "dialog: Esc closes it"
keys a
expect 'Attach 0000:03:00\.0 to VFIO' "dialog: a again"
keys y
expect 'attach needs the live system' "dialog: y on a snapshot says so in the status line"
expect_not 'Attach 0000:03:00\.0 to VFIO' "dialog: and closes"
keys d
expect 'Detach 0000:03:00\.0' "dialog: d opens the detach dialog"
expect 'detach needs the live system' "dialog: detach needs the live system"
keys n
expect_not 'Detach 0000:03:00\.0' "dialog: n closes it"
keys q
expect '^rc=0$' "dialog: q quits"
SRIOV=$FIXROOT/6.12/sriov-nvme
keys "clear; $PRELOAD ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 $BIN --sysroot $SRIOV --pci-ids $IDS tui 2>>$TMP/stderr; echo rc=\$?" Enter
expect ' view +1/' "dialog (sriov-nvme): started"
keys / 0 1 : 0 0 . 0 Enter a
expect 'Refused:' "dialog: the refusals are listed"
expect 'physical function with 4 virtual functions enabled' "dialog: the refusal says why"
keys Escape q
expect '^rc=0$' "dialog (sriov-nvme): Esc, then q quits"

# live (no --sysroot): a uevent on a PCI device refreshes the view; needs
# root and a writable sysfs (skipped otherwise)
live_dev=$(ls /sys/bus/pci/devices 2>/dev/null | head -1)
if [ "$(id -u)" = 0 ] && [ -n "$live_dev" ] && [ -w "/sys/bus/pci/devices/$live_dev/uevent" ]; then
	keys "clear; ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 $BIN --pci-ids $IDS tui 2>>$TMP/stderr; echo rc=\$?" Enter
	expect 'tree view +1/' "live: the view of the running system starts"
	keys End
	expect 'tree view +([0-9]+)/\1 ' "live: End selects the last row"
	sel=$(screen | grep -Eo 'tree view +[0-9]+/[0-9]+' | head -1 | sed 's/  */ +/g')
	echo change > "/sys/bus/pci/devices/$live_dev/uevent"
	expect "updated \\(change pci $live_dev\\)" "live: a uevent refreshes the view"
	keys x # any key: the status line shows the position again
	expect "$sel " "live: the selection stays after the refresh ($sel)"
	keys q
	expect '^rc=0$' "live: q quits"
else
	echo "ok - live uevent test skipped (needs root and a writable /sys/bus/pci/devices/*/uevent)"
fi

# other topologies: every key once, a clean exit (sanitizers included)
for f in 6.12/bridge-chains 6.12/sriov-nvme 6.12/virtio-iommu 6.12/partial-bypass 7.2/amd-iommu; do
	[ -d "$FIXROOT/$f" ] || continue
	keys "clear; ASAN_OPTIONS=detect_leaks=1 $BIN --sysroot $FIXROOT/$f --pci-ids $IDS tui; echo rc=\$?" Enter
	expect ' view +1/' "$f: starts"
	keys End Tab End Home / 0 0 Enter n Enter Tab g p 0 Enter Space '?' x j j j Enter r q
	expect '^rc=0$' "$f: every key, then q: status 0"
done

# not a terminal: a clear error, and no command defaults to list
out=$("$BIN" --sysroot "$FIX" --pci-ids "$IDS" tui </dev/null 2>&1 >/dev/null)
st=$?
if [ $st = 1 ] && echo "$out" | grep -q 'needs a terminal'; then ok "tui without a terminal: exit 1 with a message"; else bad "tui without a terminal: status $st: $out"; fi
if "$BIN" --sysroot "$FIX" --pci-ids "$IDS" </dev/null | grep -q '^group 4'; then ok "no COMMAND off a terminal is list"; else bad "no COMMAND off a terminal is not list"; fi

# the headless test mode (IOMMU_GROUPS_TUI_HEADLESS, used by the VM test):
# the rows on stdout, then again after a refresh; it needs the live system
out=$(IOMMU_GROUPS_TUI_HEADLESS=1 "$BIN" --sysroot "$FIX" --pci-ids "$IDS" tui 2>&1)
st=$?
if [ $st = 1 ] && echo "$out" | grep -q '^== view 0:' && echo "$out" | grep -q '0000:03:00\.0 82574L'; then
	ok "headless on a snapshot: the rows once, exit 1 (no live updates)"
else bad "headless on a snapshot: status $st: $out"; fi
if [ "$(id -u)" = 0 ] && [ -n "$live_dev" ] && [ -w "/sys/bus/pci/devices/$live_dev/uevent" ]; then
	IOMMU_GROUPS_TUI_HEADLESS=1 ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 \
		"$BIN" --pci-ids "$IDS" tui >"$TMP/headless.out" 2>>"$TMP/stderr" &
	hpid=$!
	for _ in $(seq 75); do grep -q '^== end 0' "$TMP/headless.out" && break; sleep 0.2; done
	echo change > "/sys/bus/pci/devices/$live_dev/uevent"
	for _ in $(seq 75); do grep -q '^== end 1' "$TMP/headless.out" && break; sleep 0.2; done
	wait $hpid
	st=$?
	if [ $st = 0 ] && grep -q "^== view 1: updated (change pci $live_dev)" "$TMP/headless.out"; then
		ok "headless live: a uevent, one refresh printed, exit 0"
	else bad "headless live: status $st: $(head -3 "$TMP/headless.out")"; fi
fi

# a terminal that goes away ends the view (it once spun at full CPU)
if why=$(/usr/bin/python3 "$(dirname "$0")/hangup.py" "$BIN" "$FIX" 2>&1); then ok "ends when its terminal hangs up"
else bad "hangup: $why"; fi

if grep -q 'AddressSanitizer\|runtime error\|LeakSanitizer' "$TMP/stderr"; then bad "sanitizer report (later runs): $(head -5 "$TMP/stderr")"
else ok "no sanitizer report in the later runs"; fi

echo "tests/tui: $((n - fails))/$n passed"
[ $fails = 0 ]
