# tests/cli/setup/sysroot-common.sh: sourced by the sysroot-*.sh setups,
# which build a hostile sysroot from a fixture (a copy, then damaged).
#   copy_fixture DEST FIXTURE   links kept as links
#   devdir DEST BDF             the device's directory (through its link)
#   no_hang DEST                the binary under test must finish on DEST
#                               within 20 s; otherwise the setup fails, so
#                               that the case reports the hang (run.sh has
#                               no timeout of its own)
copy_fixture() {
	mkdir -p "$1"
	cp -a "$2/." "$1/"
}
devdir() {
	readlink -f "$1/sys/bus/pci/devices/$2"
}
no_hang() {
	rc=0
	timeout 20 "$IOMMU_GROUPS_BIN" --sysroot "$1" list >/dev/null 2>&1 || rc=$?
	if [ "$rc" = 124 ]; then
		echo "iommu-groups hangs on this sysroot" >&2
		exit 1
	fi
}
