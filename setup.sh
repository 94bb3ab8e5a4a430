#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# setup.sh [MAKE TARGET...] - build (default) or test iommu-groups on a bare
# Debian: installs make, a compiler and pkg-config when they are missing
# (as root, with apt-get; otherwise names them), then runs make, whose
# targets install the libraries and test tools they need the same way.
#   sh setup.sh && ./iommu-groups list     build, then list this machine
#   sh setup.sh check                      every test (README: make check)
set -eu
cd "$(dirname "$0")"
missing=""
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "setup.sh: missing Debian packages:$missing (run: sudo apt-get install$missing)" >&2
		exit 1
	fi
	echo "setup.sh: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# a fresh system may have no package lists yet
	# shellcheck disable=SC2086
	apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null; } ||
		{ echo "setup.sh: apt-get install$missing failed" >&2; exit 1; }
fi
[ $# -gt 0 ] || set -- all
exec make --no-print-directory "$@"
