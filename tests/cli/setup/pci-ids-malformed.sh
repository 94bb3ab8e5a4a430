#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# setup/pci-ids-malformed.sh DIR FIXTURE - the fixture with a pci.ids that
# libpci cannot parse (a device line with a bad id, after a vendor name
# carrying an ESC sequence): libpci's fatal-error callback fires.
set -eu
cp -a "$2" "$1"
printf '8086  Intel\033[31m Corp\n\tzz zz\n' > "$1/pci.ids"
