# shellcheck shell=bash
# tests/lib/mirror.sh - host_debian_mirror: the Debian mirror of this
# machine's own apt sources (one-line or deb822), printed as a URL; empty
# when there is none. The project never names a mirror host itself.
host_debian_mirror() {
	grep -hsE '^[[:space:]]*(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources |
		grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' | grep -v -- '-security' |
		head -1 | tr -d '[:space:]'
}
