#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fresh/check-fresh.sh - the README's quick start on a bare Debian:
# a minimal Debian 12 made by debootstrap (from the mirror of this
# machine's own apt sources; cached as a tarball in build/fresh-cache/ and
# unpacked anew each run), the tracked files copied in, /proc, /sys and /dev
# bound, then, inside it as root: the README's first quick-start command
# exactly as written (install, build, `list` on the live system), and the
# unit tests through setup.sh. Prints "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=$top/build/fresh-cache
root=$top/build/fresh/root
suite=${FRESH_SUITE:-bookworm}
pass=0 fail=0
say() { echo "$1 $2"; if [ "$1" = PASS ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi; }

if [ "$(id -u)" != 0 ]; then
	echo "SKIP check-fresh: needs root (debootstrap, chroot, mount); CI runs it as root"
	exit 0
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null ||
	{ echo "check-fresh: cannot install debootstrap" >&2; exit 1; }
# The first quick-start command, as the README writes it.
first=$(sed -n '/^## Quick start/,/^## /p' "$top/README.md" | grep -m1 '^    ' | sed 's/^    //; s/ *#.*$//')
[ -n "$first" ] || { echo "check-fresh: no quick-start command in README.md" >&2; exit 1; }
. "$top/tests/lib/mirror.sh"
mirror=$(host_debian_mirror)
[ -n "$mirror" ] || { echo "check-fresh: no Debian mirror in this machine's apt sources" >&2; exit 1; }

cleanup() {
	for m in dev/pts dev sys proc; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
}
trap cleanup EXIT
cleanup
rm -rf "$top/build/fresh"
mkdir -p "$cache" "$root"
tarball=$cache/$suite-minbase.tgz
if [ ! -s "$tarball" ]; then
	echo "check-fresh: debootstrap $suite (minbase) from $mirror, once (cached)"
	debootstrap --variant=minbase --make-tarball="$tarball.part" "$suite" "$cache/work" "$mirror" \
		>"$cache/debootstrap.log" 2>&1 && mv "$tarball.part" "$tarball" ||
		{ tail -20 "$cache/debootstrap.log"; echo "check-fresh: debootstrap failed" >&2; exit 1; }
	rm -rf "$cache/work"
fi
debootstrap --variant=minbase --unpack-tarball="$tarball" "$suite" "$root" "$mirror" \
	>"$top/build/fresh/debootstrap.log" 2>&1 ||
	{ tail -20 "$top/build/fresh/debootstrap.log"; echo "check-fresh: unpacking failed" >&2; exit 1; }
for t in make cc gcc pkg-config; do
	if chroot "$root" sh -c "command -v $t" >/dev/null 2>&1; then
		echo "check-fresh: the fresh system already has $t: not bare" >&2
		exit 1
	fi
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$root/src"
(cd "$top" && git ls-files -z | xargs -0 cp -P --parents -t "$root/src")
mount -t proc proc "$root/proc" && mount --bind /sys "$root/sys" && mount --bind /dev "$root/dev" &&
	mount --bind /dev/pts "$root/dev/pts" || { echo "check-fresh: mounts failed" >&2; exit 1; }

echo "check-fresh: in a bare $suite: $first"
if chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	sh -c "cd /src && $first" >"$top/build/fresh/first.log" 2>&1 &&
	grep -qE '^(IOMMU (on|off)|From an lspci dump)' "$top/build/fresh/first.log"; then
	say PASS "quick start: $first"
else
	tail -20 "$top/build/fresh/first.log"
	say FAIL "quick start: $first (build/fresh/first.log)"
fi
if chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	sh -c "cd /src && sh setup.sh check-unit" >"$top/build/fresh/unit.log" 2>&1; then
	say PASS "unit tests in the bare system: sh setup.sh check-unit"
else
	tail -20 "$top/build/fresh/unit.log"
	say FAIL "unit tests in the bare system (build/fresh/unit.log)"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
