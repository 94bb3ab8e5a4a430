#!/bin/sh
# tests/cli/setup/hostile-dump.sh DEST: DEST/bad.dump, an lspci dump whose
# first line is not a dump line and carries terminal controls and invalid
# UTF-8; the error message quotes it.
set -eu
mkdir -p "$1"
printf '\033[31mpwned\033[2J\233\302\233\377\342\200\256\007 line\n00: 86 80\n' >"$1/bad.dump"
