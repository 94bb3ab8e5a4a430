#!/bin/sh
# tests/cli/setup/snapshot-hostile-tar.sh DEST FIXTURE: hostile tarballs
# made from the fixture, DEST/NAME.tar.gz, each meant to make --sysroot
# write outside its private directory: entries with ../ (dotdot), absolute
# names (absolute), links out (link-out, link-absolute), a link and then
# entries through it (through), hard links (hard), a FIFO (fifo), not gzip
# (damaged), an unfinished snapshot (incomplete). Every one is read here
# with TMPDIR=DEST/tmp: each must fail with status 1 and one line, and
# nothing may appear in DEST/outside, in DEST/tmp, or anywhere in DEST
# but what this script made.
set -eu
dest=$1 fx=$2
mkdir -p "$dest/outside" "$dest/tmp" "$dest/work"
cd "$dest/work"
cp -a "$fx" base
t() { # NAME DIR [TAR ARGS...]: DEST/NAME.tar.gz of DIR
	n=$1 d=$2
	shift 2
	tar -czf "$dest/$n.tar.gz" -C "$d" "$@" . 2>/dev/null
}
t dotdot base --transform 's,^\./proc,../outside/p,'
t absolute base -P --transform "s,^\./proc,$dest/outside/p,"
cp -a base lo && ln -s ../../../../../outside lo/sys/evil && t link-out lo
cp -a base la && ln -s "$dest/outside" la/sys/evil && t link-absolute la
mkdir -p th/d && echo pwned >th/d/f && ln -s ../outside th/lnk &&
	tar -czf "$dest/through.tar.gz" -C th ./lnk ./d --transform 's,^\./d,./lnk,'
cp -a base hl && ln hl/proc/cmdline hl/hard && t hard hl
cp -a base ff && mkfifo ff/sys/fifo && t fifo ff
head -c 3000 /dev/urandom >"$dest/damaged.tar.gz"
cp -a base inc && printf 'iommu-groups snapshot 1\nincomplete\n' >inc/.iommu-groups-snapshot &&
	t incomplete inc
cd "$dest"
before=$(find "$dest" | sort)
for n in dotdot absolute link-out link-absolute through hard fifo damaged incomplete; do
	rc=0
	TMPDIR=$dest/tmp "$IOMMU_GROUPS_BIN" --sysroot "$dest/$n.tar.gz" list >out 2>err || rc=$?
	[ "$rc" = 1 ] || { echo "$n: status $rc, expected 1" >&2; exit 1; }
	[ "$(wc -l <err)" = 1 ] || { echo "$n: not one line on stderr" >&2; exit 1; }
	[ ! -s out ] || { echo "$n: printed on stdout" >&2; exit 1; }
	[ -z "$(find outside tmp -mindepth 1)" ] || { echo "$n: wrote outside: $(find outside tmp -mindepth 1)" >&2; exit 1; }
	rm -f out err
	[ "$(find "$dest" | sort)" = "$before" ] || { echo "$n: wrote in $dest" >&2; exit 1; }
done
[ ! -e /tmp/outside ] && [ ! -e "$dest/work/outside" ] || { echo "wrote outside" >&2; exit 1; }
