#!/usr/bin/env bash
# Build a small initramfs: static busybox + tests/vm/guest-init.sh as /init,
# optional kernel modules (with their dependencies, decompressed, loaded in
# dependency order), optional guest setup commands and an optional binary to
# run in the guest (with its shared libraries and the dynamic loader).
#
# usage: mkinitramfs.sh --out FILE.cpio.gz [--kmoddir DIR] [--module "NAME [params]"]...
#                       [--guest-cmd "CMD"]... [--binary PATH]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

out="" kmoddir="" binary=""
modules=() guest_cmds=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --kmoddir) kmoddir=$2; shift 2 ;;
        --module) modules+=("$2"); shift 2 ;;
        --guest-cmd) guest_cmds+=("$2"); shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) die "unknown option $1" ;;
    esac
done
[ -n "$out" ] || die "--out is required"

root=$(mktemp -d "${TMPDIR:-/tmp}/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,lib/modules,usr/share/misc}
cp "$(busybox_path)" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$VM_DIR/guest-init.sh" "$root/init"
chmod 755 "$root/init"

# --- modules ---------------------------------------------------------------
declare -A mod_done=()
mod_order=()

find_module() {  # NAME -> path of NAME.ko[.xz|.zst] ('-' and '_' equivalent)
    local pat=${1//[-_]/[-_]}
    find "$kmoddir" -name "$pat.ko" -o -name "$pat.ko.xz" -o -name "$pat.ko.zst" -o -name "$pat.ko.gz" | sort | head -n1
}

module_cat() {
    case "$1" in
        *.xz) xz -dc "$1" ;;
        *.zst) zstd -dc "$1" ;;
        *.gz) gzip -dc "$1" ;;
        *) cat "$1" ;;
    esac
}

add_module() {  # depth-first: dependencies first
    local name=${1//-/_} f deps d
    [ -n "${mod_done[$name]:-}" ] && return 0
    mod_done[$name]=1
    f=$(find_module "$name")
    if [ -z "$f" ]; then
        if grep -qE "/${name//_/[-_]}\\.ko" "$kmoddir/modules.builtin" 2>/dev/null; then
            log "module $name is built in"
            return 0
        fi
        die "module $name not found under $kmoddir"
    fi
    deps=$(module_cat "$f" | tr '\0' '\n' | sed -n 's/^depends=//p' | head -n1)
    for d in ${deps//,/ }; do
        add_module "$d"
    done
    module_cat "$f" >"$root/lib/modules/$name.ko"
    mod_order+=("$name")
}

declare -A mod_params=()
if [ "${#modules[@]}" -gt 0 ]; then
    [ -n "$kmoddir" ] || die "--module needs --kmoddir"
    for m in "${modules[@]}"; do
        read -r name params <<<"$m"
        mod_params[${name//-/_}]=${params:-}
        add_module "$name"
    done
fi
: >"$root/etc/modules.list"
for name in "${mod_order[@]}"; do
    printf '%s %s\n' "$name" "${mod_params[$name]:-}" >>"$root/etc/modules.list"
done

# --- guest setup commands ----------------------------------------------------
if [ "${#guest_cmds[@]}" -gt 0 ]; then
    printf '%s\n' "${guest_cmds[@]}" >"$root/etc/guest-setup.sh"
fi

# --- binary under test -------------------------------------------------------
copy_with_parents() {  # copy a host file to the same path in the initramfs
    local src=$1 real
    real=$(readlink -f "$src")
    mkdir -p "$root$(dirname "$src")"
    [ -e "$root$src" ] || cp "$real" "$root$src"
}

if [ -n "$binary" ]; then
    [ -f "$binary" ] || die "binary $binary not found"
    cp "$binary" "$root/bin/iommu-groups"
    chmod 755 "$root/bin/iommu-groups"
    if head -c4 "$binary" | grep -q 'ELF' && ldd "$binary" >/dev/null 2>&1; then
        # lines: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and
        # "/lib64/ld-linux-x86-64.so.2 (0x...)"
        ldd "$binary" | awk '/=> \//{print $3} /^[ \t]*\//{print $1}' | while read -r lib; do
            copy_with_parents "$lib"
        done
    fi
    if [ -f /usr/share/misc/pci.ids ]; then
        cp /usr/share/misc/pci.ids "$root/usr/share/misc/pci.ids"
    fi
fi

(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) | gzip -1 >"$out"
