#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/check-layout.sh - the source folders keep to their READMEs: each
# #include "x.h" in src/DIR/ must name a header of DIR or of a folder DIR
# may include (below), and no header name is used in two folders (the
# build puts every folder on the include path). Exit 1 naming each breach.
set -u
cd "$(dirname "$0")/.." || exit 1

# folder: the folders it may include besides itself (one way: engine is
# the bottom; cli, the commands, sits on top of everything)
allowed() {
	case $1 in
	engine) echo "" ;;
	vfio) echo "engine" ;;
	tui) echo "engine vfio" ;;
	cli) echo "engine vfio tui" ;;
	*) echo "?" ;;
	esac
}

bad=0
for d in src/*/; do
	d=${d%/}; name=${d#src/}
	if [ "$(allowed "$name")" = "?" ]; then
		echo "check-layout: $d is not a known folder (add it to tests/check-layout.sh and say what it may include)" >&2
		bad=1; continue
	fi
	[ -f "$d/README.md" ] || { echo "check-layout: $d has no README.md" >&2; bad=1; }
done

dups=$(ls src/*/*.h | sed 's#.*/##' | sort | uniq -d)
[ -z "$dups" ] || { echo "check-layout: header names in two folders: $dups" >&2; bad=1; }

for f in src/*/*.c src/*/*.h; do
	dir=${f#src/}; dir=${dir%%/*}
	ok="$dir $(allowed "$dir")"
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		owner=$(ls src/*/"$h" 2>/dev/null | head -1)
		if [ -z "$owner" ]; then
			echo "check-layout: $f includes \"$h\", which no source folder has" >&2
			bad=1; continue
		fi
		odir=${owner#src/}; odir=${odir%%/*}
		case " $ok " in
		*" $odir "*) ;;
		*) echo "check-layout: $f ($dir) includes $owner: $dir may include only: $ok" >&2; bad=1 ;;
		esac
	done
done
[ "$bad" = 0 ] && echo "check-layout: every include keeps to the folder rules"
exit "$bad"
