# shellcheck shell=bash
# tests/lib/mirror.sh - host_debian_mirror: the Debian mirror of this
# machine's own apt sources (one-line or deb822), printed as a URL; empty
# when there is none. The project never names a mirror host itself.
# Safe under set -euo pipefail: absent source files are not an error.
host_debian_mirror() {
	local f urls=""
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		urls="$urls $(grep -hE '^[[:space:]]*(URIs:|deb )' "$f" || true)"
	done
	printf '%s\n' $urls | grep -E '^https?://[^[:space:]]+/debian/?$' | grep -v -- '-security' |
		head -1 || true
}
