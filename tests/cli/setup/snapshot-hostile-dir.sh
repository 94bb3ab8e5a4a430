#!/bin/sh
# tests/cli/setup/snapshot-hostile-dir.sh DEST FIXTURE: hostile targets for
# `snapshot DIR`, and a hostile source. In DEST: outside/ (must stay
# empty), link -> outside, parent -> outside (for parent/snap), link.tar.gz
# -> outside/s.tar.gz, full/ (not empty), open/ (mode 0777), sticky/ (mode
# 1777), file, src/ (the fixture with links whose targets are absolute or
# climb out of it). Each target
# is tried here: status 1, one stderr line, nothing written; the source's
# outside links are skipped with one warning.
set -eu
dest=$1 fx=$2
mkdir -p "$dest/outside" "$dest/full" "$dest/open" "$dest/sticky"
cd "$dest"
ln -s outside link
ln -s outside parent
ln -s outside/new dangling
echo keep >full/keep
chmod 0777 open
chmod 1777 sticky
echo x >file
cp -a "$fx" src
dev=$(cd src/sys/bus/pci/devices && ls | head -1)
real=$(cd "src/sys/bus/pci/devices/$dev" && pwd -P)
ln -sfn "$dest/outside" "$real/iommu_group"
ln -sfn ../../../../../../../../../../../../../../outside "$real/driver"
ln -s ../../x/../../../../../../../../../../outside src/sys/class/iommu/evil
ln -s /etc src/sys/bus/pci/devices/0000:ff:1f.7
before=$(find "$dest" | sort)
ln -s outside/s.tar.gz link.tar.gz
before=$(find "$dest" | sort)
# try NAME OPTION... : the binary refuses, with one line, writing nothing
try() {
	n=$1
	shift
	rc=0
	"$IOMMU_GROUPS_BIN" --sysroot "$fx" snapshot "$@" >out 2>err || rc=$?
	[ "$rc" = 1 ] || { echo "$n: status $rc, expected 1" >&2; exit 1; }
	[ "$(wc -l <err)" = 1 ] || { echo "$n: not one line on stderr" >&2; exit 1; }
	rm -f out err
	[ -z "$(ls -A outside)" ] || { echo "$n: wrote outside" >&2; exit 1; }
	[ "$(find "$dest" | sort)" = "$before" ] || { echo "$n: wrote in $dest" >&2; exit 1; }
}
for t in link parent/snap dangling full open sticky file . .. "$dest/link" "$dest/parent/snap"; do
	try "$t" "$t"
done
try "-o link.tar.gz" -o link.tar.gz
try "-o parent/s.tar.gz" -o parent/s.tar.gz
try "-o $dest/parent/s.tar.gz" -o "$dest/parent/s.tar.gz"
"$IOMMU_GROUPS_BIN" --sysroot src snapshot snap 2>err
[ -z "$(ls -A outside)" ] || { echo "a source link led outside" >&2; exit 1; }
for l in $(find snap -type l); do
	case $(readlink -m "$l") in "$dest"/snap/*) ;; *) echo "$l leads outside" >&2; exit 1 ;; esac
done
grep -q 'warning: 4 links leading outside the source root were not copied' err
rm -rf snap err
