#!/bin/sh
# tests/cli/setup/devattr-sysfs.sh DEST FIXTURE: a copy of switch-noacs with
# the attribute files a 6.x kernel has, which the fixtures lack:
# reset_method, boot_vga, numa_node, the link files, physical slots (one in
# another domain at the same bus and device, a placeholder without a device
# number, one whose name holds an escape), and the "modules" list a
# snapshot writes; 0000:02:00.0 gets hostile values (each shown as "?").
set -eu
. "$(dirname "$0")/sysroot-common.sh"
dest=$1
copy_fixture "$dest" "$2"
put() { # BDF FILE TEXT
	printf '%b' "$3" >"$(devdir "$dest" "$1")/$2"
}
link() { # BDF SPEED WIDTH MAXSPEED MAXWIDTH
	put "$1" current_link_speed "$2\n"
	put "$1" current_link_width "$3\n"
	put "$1" max_link_speed "$4\n"
	put "$1" max_link_width "$5\n"
}
put 0000:03:00.0 reset_method 'flr bus\n'
put 0000:03:00.0 boot_vga '0\n'
put 0000:03:00.0 numa_node '0\n'
put 0000:03:00.0 modules 'e1000e\n'
link 0000:03:00.0 '2.5 GT/s PCIe' 1 '5.0 GT/s PCIe' 1
put 0000:04:00.0 reset_method ''
put 0000:04:00.0 numa_node '-1\n'
put 0000:04:00.0 modules 'nvme,nvme_core\n'
link 0000:04:00.0 '16.0 GT/s PCIe' 4 '16.0 GT/s PCIe' 4
put 0000:02:00.0 reset_method 'flr \033[2J\n'
put 0000:02:00.0 numa_node '1x\n'
put 0000:02:00.0 boot_vga 'yes\n'
put 0000:02:00.0 modules 'rm -rf /\n'
link 0000:02:00.0 fast 1 '8.0 GT/s PCIe' 1
slot() { # NAME ADDRESS
	mkdir -p "$dest/sys/bus/pci/slots/$1"
	printf '%s\n' "$2" >"$dest/sys/bus/pci/slots/$1/address"
}
slot 5 0000:04:00
slot 7 0001:03:00
slot placeholder 0000:02
slot "$(printf 'S\033[31mred')" 0000:03:00
no_hang "$dest"
