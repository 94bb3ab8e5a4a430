# SPDX-License-Identifier: GPL-2.0-or-later
# iommu-groups - build and test.

# Knobs
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
CC ?= cc
VERSION := 0.1
OPT ?= -O2 -g

# Debian packages the build and the tests need; installed by `make deps`.
BUILD_DEBS := gcc make pkg-config libpci-dev libudev-dev libncurses-dev libsmartcols-dev \
	libjson-c-dev pci.ids
TEST_DEBS := libcmocka-dev clang jq mandoc bash-completion zsh fish python3-jsonschema
VM_DEBS := qemu-system-x86 busybox-static cpio xz-utils

PKGS := libpci libudev ncursesw smartcols json-c
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
# The source folders (src/*/README.md says what each holds and may include).
SRC_DIRS := src/engine src/vfio src/tui src/cli
CPPFLAGS += -DVERSION='"$(VERSION)"' $(addprefix -I,$(SRC_DIRS))
CFLAGS ?= $(OPT)
CFLAGS += -std=c11 -D_DEFAULT_SOURCE $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread

LIB_SRCS := $(filter-out src/cli/main.c,$(wildcard $(addsuffix /*.c,$(SRC_DIRS))))
SRC_HDRS := $(wildcard $(addsuffix /*.h,$(SRC_DIRS)))
BUILD := build

all: iommu-groups

# --- dependencies -------------------------------------------------------
# Installs what is missing when run as root; otherwise names it in one line.
define need_debs
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			(apt-get install -y -q $$missing >/dev/null 2>&1 || \
			 (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null)) \
			|| { echo "apt-get install$$missing failed" >&2; exit 1; }; \
		else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)" >&2; exit 1; fi; \
	fi
endef

deps:
	$(call need_debs,$(BUILD_DEBS))
deps-test: deps
	$(call need_debs,$(TEST_DEBS))
deps-vm:
	$(call need_debs,$(VM_DEBS) jq)

.PHONY: all deps deps-test deps-vm check check-unit check-fixtures check-cli check-clang \
	check-asan clean install

# --- the program ----------------------------------------------------------
$(BUILD)/%.o: src/%.c $(SRC_HDRS) | $(BUILD)/.d
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/.d: | deps-quiet
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/libiommu-groups.a: $(patsubst src/%.c,$(BUILD)/%.o,$(LIB_SRCS))
	$(AR) rcs $@ $^

iommu-groups: $(BUILD)/cli/main.o $(BUILD)/libiommu-groups.a | deps-quiet
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# The build itself checks for its packages once, without apt when they exist.
deps-quiet:
	@pkg-config --exists $(PKGS) 2>/dev/null || $(MAKE) --no-print-directory deps
.PHONY: deps-quiet

install: iommu-groups
	install -D -m 0755 iommu-groups $(DESTDIR)$(BINDIR)/iommu-groups
	install -d $(DESTDIR)$(MANDIR)/man8
	sed "s/@VERSION@/$(VERSION)/" man/iommu-groups.8 > $(DESTDIR)$(MANDIR)/man8/iommu-groups.8
	install -D -m 0644 completions/iommu-groups.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/iommu-groups
	install -D -m 0644 completions/_iommu-groups $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_iommu-groups
	install -D -m 0644 completions/iommu-groups.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/iommu-groups.fish

clean:
	rm -rf $(BUILD) iommu-groups

# A release tarball of the committed tree (HEAD), which builds and installs
# on its own: `make check-dist` proves it.
DIST := iommu-groups-$(VERSION)
dist:
	@git rev-parse --verify -q HEAD >/dev/null 2>&1 || \
		{ echo "make dist needs a git checkout (it packs the committed tree)" >&2; exit 1; }
	git archive --format=tar.gz --prefix=$(DIST)/ -o $(DIST).tar.gz HEAD
	@echo "$(DIST).tar.gz"

check-dist: dist
	rm -rf $(BUILD)/dist && mkdir -p $(BUILD)/dist/root
	tar -C $(BUILD)/dist -xzf $(DIST).tar.gz
	$(MAKE) --no-print-directory -C $(BUILD)/dist/$(DIST) -j2 iommu-groups >/dev/null
	$(BUILD)/dist/$(DIST)/iommu-groups --version | grep -qx 'iommu-groups $(VERSION)'
	$(BUILD)/dist/$(DIST)/iommu-groups --sysroot fixtures/6.12/switch-noacs list >/dev/null
	$(MAKE) --no-print-directory -C $(BUILD)/dist/$(DIST) install PREFIX=/usr \
		DESTDIR=$(abspath $(BUILD)/dist/root) >/dev/null
	@for f in usr/bin/iommu-groups usr/share/man/man8/iommu-groups.8 \
		usr/share/bash-completion/completions/iommu-groups \
		usr/share/zsh/vendor-completions/_iommu-groups \
		usr/share/fish/vendor_completions.d/iommu-groups.fish; do \
		[ -s $(BUILD)/dist/root/$$f ] || { echo "check-dist: install did not make /$$f" >&2; exit 1; }; \
	done
	@! grep -q '@VERSION@' $(BUILD)/dist/root/usr/share/man/man8/iommu-groups.8
	@echo "check-dist: $(DIST).tar.gz builds, runs and installs"
	@rm -f $(DIST).tar.gz
.PHONY: dist check-dist

# Nothing but the rooted accessor may name /sys or /proc (at run time the
# CLI tests' LD_PRELOAD trap, tests/cli/trap.c, checks --sysroot runs);
# each source folder includes only what its README allows.
check-paths:
	@if grep -n '"/\(sys\|proc\)' src/*/*.c | grep -v '^src/engine/sysroot.c:'; then \
		echo "only src/engine/sysroot.c may name /sys or /proc" >&2; exit 1; fi
	@echo "check-paths: only src/engine/sysroot.c names /sys or /proc"
	@tests/check-layout.sh
.PHONY: check-paths

# The live real-kernel tests under the newest 7.x of Debian sid as well
# (check-vm itself boots Debian 12's 6.12).
check-vm-7:
	$(MAKE) --no-print-directory check-vm KERNEL_SERIES=7
.PHONY: check-vm-7

-include tests/tests.mk
-include tests/vm/vm.mk
-include tests/fuzz/fuzz.mk
