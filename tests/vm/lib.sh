# shellcheck shell=bash
# Common helpers for the real-kernel VM test harness (sourced, not run).
#
# Environment:
#   VM_CACHE       cache dir for kernels (default: $(git top)/build/vm-cache)
#   KERNEL_SERIES  kernel to boot: 6.12 (Debian 12 backports kernel, default)
#                  or 7 / sid (newest Debian sid kernel, fetched with a
#                  private apt state that leaves the host's sources alone)
#   VM_ACCEL       kvm | tcg (default: kvm when /dev/kvm is usable)

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_TOP=$(git -C "$VM_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$VM_DIR/../.." && pwd))
: "${VM_CACHE:=$REPO_TOP/build/vm-cache}"
mkdir -p "$VM_CACHE" 2>/dev/null || true
VM_CACHE=$(cd "$VM_CACHE" 2>/dev/null && pwd || echo "$VM_CACHE")
: "${KERNEL_SERIES:=6.12}"
export VM_CACHE KERNEL_SERIES

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Packages the harness needs on a Debian host.
VM_PACKAGES=(qemu-system-x86 busybox-static cpio xz-utils jq pci.ids)

pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

ensure_packages() {
    local missing=() p
    if command -v dpkg-query >/dev/null 2>&1; then
        for p in "${VM_PACKAGES[@]}"; do
            pkg_installed "$p" || missing+=("$p")
        done
    else
        command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
        [ -x /bin/busybox ] || missing+=(busybox-static)
        command -v cpio >/dev/null || missing+=(cpio)
        command -v xz >/dev/null || missing+=(xz-utils)
        command -v jq >/dev/null || missing+=(jq)
    fi
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing packages (install as root): apt-get install -y ${missing[*]}"
    fi
    log "installing: ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2; then
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2
    fi
}

busybox_path() {
    local b
    for b in /bin/busybox /usr/bin/busybox; do
        if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then
            echo "$b"; return 0
        fi
    done
    die "no statically linked busybox found (apt-get install -y busybox-static)"
}

# --- kernel ---------------------------------------------------------------

# Download DEB_PACKAGES (array) with apt-get download into $1, optionally with
# extra apt options ($2...).  Runs in a directory _apt can write to.
apt_download() {
    local dir=$1; shift
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
        chown _apt "$dir" 2>/dev/null || true
    fi
    (cd "$dir" && apt-get "$@" download "${DEB_PACKAGES[@]}" >&2)
}

# Newest package name matching an extended regex from apt-cache (extra apt
# options in $2...).
apt_newest() {
    local re=$1; shift
    apt-cache "$@" search --names-only "$re" 2>/dev/null | awk '{print $1}' |
        { grep -E "$re" || true; } | sort -V | tail -n1
}

# Sets KERNEL_DIR, KVER, KIMAGE, KMODDIR for $KERNEL_SERIES, fetching the
# Debian package into $VM_CACHE on first use.
fetch_kernel() {
    local series=$KERNEL_SERIES
    KERNEL_DIR="$VM_CACHE/kernel-$series"
    if [ ! -f "$KERNEL_DIR/kernel.env" ]; then
        (
            set -euo pipefail
            mkdir -p "$VM_CACHE"
            exec 9>"$VM_CACHE/.lock-kernel-$series"
            flock 9
            [ -f "$KERNEL_DIR/kernel.env" ] && exit 0
            case "$series" in
                6.*) fetch_kernel_debian12 "$series" ;;
                7*|sid) fetch_kernel_sid ;;
                *) die "unknown KERNEL_SERIES=$series (use 6.12 or 7)" ;;
            esac
        )
    fi
    # shellcheck disable=SC1091
    . "$KERNEL_DIR/kernel.env"
    KIMAGE="$KERNEL_DIR/$KIMAGE"
    KMODDIR="$KERNEL_DIR/$KMODDIR"
    [ -f "$KIMAGE" ] || die "kernel image $KIMAGE missing (rm -rf $KERNEL_DIR to refetch)"
}

# Unpack downloaded .debs in $1/debs into $1/root and write $1/kernel.env.
unpack_kernel() {
    local dir=$1 d img moddir kver
    rm -rf "$dir/root"; mkdir -p "$dir/root"
    for d in "$dir"/debs/*.deb; do
        dpkg-deb -x "$d" "$dir/root"
    done
    img=$(cd "$dir" && { find root/boot root/usr/lib/modules root/lib/modules -maxdepth 2 -name 'vmlinuz*' 2>/dev/null || true; } | sort | head -n1)
    [ -n "$img" ] || die "no vmlinuz in $dir/debs"
    moddir=$(cd "$dir" && { find root/lib/modules root/usr/lib/modules -mindepth 1 -maxdepth 1 -type d 2>/dev/null || true; } | sort | head -n1)
    [ -n "$moddir" ] || die "no modules dir in $dir/debs"
    kver=${moddir##*/}
    printf 'KVER=%q\nKIMAGE=%q\nKMODDIR=%q\n' "$kver" "$img" "$moddir" >"$dir/kernel.env.tmp"
    mv "$dir/kernel.env.tmp" "$dir/kernel.env"
    log "kernel $kver unpacked in $dir"
}

fetch_kernel_debian12() {
    local series=$1 re pkg
    re="^linux-image-${series//./\\.}\\.[0-9]+\\+deb[0-9]+-amd64-unsigned\$"
    pkg=$(apt_newest "$re")
    if [ -z "$pkg" ] && [ "$(id -u)" -eq 0 ]; then
        apt-get update >&2
        pkg=$(apt_newest "$re")
    fi
    [ -n "$pkg" ] || die "apt-cache lists no package matching $re (apt-get update?)"
    log "fetching $pkg"
    DEB_PACKAGES=("$pkg")
    rm -rf "$KERNEL_DIR/debs"
    apt_download "$KERNEL_DIR/debs"
    unpack_kernel "$KERNEL_DIR"
}

fetch_kernel_sid() {
    # Private apt state: the host's own sources and lists stay untouched.
    # The mirror is this machine's own (as for 6.12), never a host named
    # here; sid's Release is valid for days only, and a mirror may lag.
    local st="$VM_CACHE/apt-sid" opts re img mods mirror
    # shellcheck source=../lib/mirror.sh
    . "$(dirname "${BASH_SOURCE[0]}")/../lib/mirror.sh"
    mirror=$(host_debian_mirror)
    [ -n "$mirror" ] || die "no Debian mirror in this machine's apt sources (needed for sid's kernel)"
    mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/etc"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" \
        >"$st/etc/sources.list"
    : >"$st/status"
    if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
        chown -R _apt "$st/lists" "$st/cache" 2>/dev/null || true
    fi
    opts=(-o "Dir::Etc::SourceList=$st/etc/sources.list"
          -o "Dir::Etc::SourceParts=$st/etc/none"
          -o "Dir::State::Lists=$st/lists"
          -o "Dir::State::status=$st/status"
          -o "Dir::Cache=$st/cache"
          -o "Debug::NoLocking=1"
          -o "Acquire::Check-Valid-Until=false"
          -o "APT::Architecture=amd64")
    apt-get "${opts[@]}" update >&2
    # KERNEL_SERIES=7 -> newest 7.x; sid -> newest of any version
    local ver='[0-9]+\.[0-9.]+'
    case "$KERNEL_SERIES" in 7*) ver='7\.[0-9.]+' ;; esac
    re="^linux-image-${ver}\\+deb[0-9]+-amd64-unsigned\$"
    img=$(apt_newest "$re" "${opts[@]}")
    if [ -z "$img" ]; then
        re="^linux-image-${ver}\\+deb[0-9]+-amd64\$"
        img=$(apt_newest "$re" "${opts[@]}")
    fi
    [ -n "$img" ] || die "no sid linux-image package found for KERNEL_SERIES=$KERNEL_SERIES"
    DEB_PACKAGES=("$img")
    # Newer sid kernels split the image into linux-binary-* (vmlinuz) and
    # linux-modules-* (modules); linux-image-* is then a small meta package.
    mods=$(apt-cache "${opts[@]}" show "$img" 2>/dev/null | awk '/^Depends:/{sub(/^Depends: */, ""); print; exit}' |
        tr ',|' '\n' | sed 's/^ *//; s/[ (].*//' | { grep -E '^linux-(modules|binary)-' || true; } | sort -u)
    if [ -n "$mods" ]; then
        # shellcheck disable=SC2206
        DEB_PACKAGES+=($mods)
    fi
    log "fetching from sid: ${DEB_PACKAGES[*]}"
    rm -rf "$KERNEL_DIR/debs"
    apt_download "$KERNEL_DIR/debs" "${opts[@]}"
    unpack_kernel "$KERNEL_DIR"
}

# --- topology files ---------------------------------------------------------
#
# Line oriented; '#' starts a comment line.  Keys:
#   machine: q35,kernel-irqchip=split   machine options (default: q35)
#   qemu:    -device ...                extra qemu arguments (split on blanks)
#   cmdline: intel_iommu=on             appended to the kernel command line
#   module:  NAME [param=value ...]     kernel module to insmod (deps resolved)
#   guest:   shell command              run in the guest (busybox sh) before
#                                       the capture, in file order
#   memory:  512                        guest RAM in MiB (default 512)
#   timeout: 480                        seconds the guest may take at least
#                                       (VM_TIMEOUT, default 120, if longer)
#   fixture: no                         not captured by make-fixtures.sh
#                                       unless named (a large tree that
#                                       would slow every CLI case)
#   twin:    NAME                       (not used to boot) the same devices
#                                       with the IOMMU on; check-twins.sh
#                                       compares this fixture's predicted
#                                       isolation groups with NAME's kernel groups
#   assume-acs-twin: NAME BDF[,BDF...]  (not used to boot) with --assume-acs
#                                       BDFs this fixture's isolation groups
#                                       must equal NAME's kernel groups
#   known-failure: REASON               (not used to boot) the twin checks
#                                       fail for a known, reported bug

# shellcheck disable=SC2034  # TOPO_* are used by the callers
parse_topology() {
    local file=$1 line key val words
    TOPO_NAME=$(basename "$file" .topo)
    TOPO_MACHINE=q35
    TOPO_QEMU=()
    TOPO_CMDLINE=""
    TOPO_MODULES=()
    TOPO_GUEST=()
    TOPO_MEMORY=512
    TOPO_TIMEOUT=0
    TOPO_FIXTURE=yes
    [ -f "$file" ] || die "no such topology: $file"
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in ''|'#'*) continue ;; esac
        key=${line%%:*}
        val=${line#*:}
        val=${val# }
        case "$key" in
            machine) TOPO_MACHINE=$val ;;
            qemu) read -ra words <<<"$val"; TOPO_QEMU+=("${words[@]}") ;;
            cmdline) TOPO_CMDLINE="${TOPO_CMDLINE:+$TOPO_CMDLINE }$val" ;;
            module) TOPO_MODULES+=("$val") ;;
            guest) TOPO_GUEST+=("$val") ;;
            memory) TOPO_MEMORY=$val ;;
            timeout) TOPO_TIMEOUT=$val ;;
            fixture) TOPO_FIXTURE=$val ;;
            twin|assume-acs-twin|known-failure) ;;   # read by check-twins.sh
            *) die "$file: unknown key '$key' in: $line" ;;
        esac
    done <"$file"
}

# All topology files, sorted.
all_topologies() {
    find "$VM_DIR/topologies" -name '*.topo' | sort
}

# fixtures/<major.minor of the booted kernel>, e.g. fixtures/6.12, fixtures/7.2
# (call after fetch_kernel).
fixture_series_dir() {
    local mm
    # shellcheck disable=SC2153  # KVER comes from kernel.env
    mm=$(printf '%s\n' "$KVER" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
    echo "$REPO_TOP/fixtures/$mm"
}

# topology_files [NAME|PATH...]: the topology files named (all when none),
# one per line.
topology_files() {
    local t
    if [ $# -eq 0 ]; then
        all_topologies
        return
    fi
    for t in "$@"; do
        case "$t" in
            */*|*.topo) printf '%s\n' "$t" ;;
            *) printf '%s\n' "$VM_DIR/topologies/$t.topo" ;;
        esac
    done
}

# guest_script_cmd SCRIPT ENV: a topology "guest:" line that puts
# guest-lib.sh and SCRIPT (a *-guest.sh) into the guest, base64-encoded, and
# runs SCRIPT there with ENV ("VAR=VALUE ..."); its output goes to the setup
# log, where guest_verdicts reads it.
guest_script_cmd() {
    local n lib body
    n=$(basename "$1" .sh)
    lib=$(base64 -w0 "$VM_DIR/guest-lib.sh")
    body=$(base64 -w0 "$1")
    echo "guest: echo $lib | base64 -d >/tmp/guest-lib.sh; echo $body | base64 -d >/tmp/$n.sh; $2 sh /tmp/$n.sh >/tmp/$n.log 2>&1; cat /tmp/$n.log"
}

# guest_verdicts TAG CHECK NAME LOG: the guest script's "TAG PASS|FAIL" lines
# from LOG (setup-log.txt), then "CHECK NAME: N passed, N failed"; fails on
# any FAIL, an empty log or a script that did not reach "TAG DONE".
guest_verdicts() {
    local tag=$1 check=$2 name=$3 log=$4 pass failn
    if [ ! -s "$log" ]; then
        echo "FAIL $name: the guest sent no setup log (see $(dirname "$(dirname "$log")")/run.log and run/console.log)"
        return 1
    fi
    grep "^$tag \(PASS\|FAIL\)" "$log" | sed "s/^$tag //" || true
    pass=$(grep -c "^$tag PASS" "$log" || true)
    failn=$(grep -c "^$tag FAIL" "$log" || true)
    if ! grep -q "^$tag DONE" "$log"; then
        echo "FAIL $name: the guest script did not finish (see $log)"
        failn=$((failn + 1))
    fi
    echo "$check $name: $pass passed, $failn failed (details: $log)"
    [ "$failn" -eq 0 ]
}
