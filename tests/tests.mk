# SPDX-License-Identifier: GPL-2.0-or-later
# tests/tests.mk - the test targets, included by the top-level Makefile.
#
#   check-unit      cmocka unit tests (tests/unit/test_*.c), ASan+UBSan
#   check-fixtures  computed isolation groups vs the kernel's, every fixture
#                   fixtures/*/*/ that has a kernel-groups.txt (ASan+UBSan)
#   check-cli       the sanitizer binary on fixtures, declarative cases
#                   (tests/cli/cases/*.case, runner tests/cli/run.sh), and the
#                   text views at widths 40-132 (tests/cli/check-widths.sh),
#                   colour and NO_COLOR on a terminal (tests/cli/check-color-tty.sh)
#   check-clang     library, program and tests built by clang, -Werror
#   check-asan      just the sanitizer build ($(BUILD)/asan/iommu-groups)
#   check-tui       screen tests of the interactive view under tmux
#                   (tests/tui/run.sh), sanitizer binary
#   check           deps-test, all of the above, check-dump (tests/dump/dump.mk),
#                   check-fuzz (tests/fuzz/fuzz.mk), then check-vm (tests/vm/vm.mk)
#
# Knobs: TEST_EXTRA_SRCS, C files linked into every test program and binary
# (a local stub while a library source is missing; never committed);
# IOMMU_GROUPS_ALLOW_NO_FIXTURES=1 lets check-fixtures and check-cli pass
# without fixtures; IOMMU_GROUPS_KNOWN_FAILURES=1 also runs the unit tests
# that document known bugs (they fail until fixed).

ASAN_DIR := $(BUILD)/asan
CLANG_DIR := $(BUILD)/clang
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_STD := -std=c11 -D_DEFAULT_SOURCE
ASAN_CFLAGS := $(TEST_STD) $(WARN) $(SAN_FLAGS) -O1 -g
CLANG_CFLAGS := $(TEST_STD) $(WARN) -Werror -O2 -g
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
TEST_EXTRA_SRCS ?=

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS := tests/unit/synth.c tests/unit/testutil.c tests/unit/tu_threads.c
UNIT_HDRS := $(wildcard tests/unit/*.h)
UNIT_BINS := $(patsubst tests/unit/%.c,$(ASAN_DIR)/unit/%,$(UNIT_SRCS))
FIXTURES_BIN := $(ASAN_DIR)/unit/fixtures_check
ASAN_BIN := $(ASAN_DIR)/iommu-groups

# --- sanitizer build ------------------------------------------------------------
$(ASAN_DIR)/lib/%.o: src/%.c $(SRC_HDRS) | deps-quiet
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(ASAN_DIR)/libiommu-groups.a: $(patsubst src/%.c,$(ASAN_DIR)/lib/%.o,$(LIB_SRCS))
	@rm -f $@
	$(AR) rcs $@ $^

$(ASAN_BIN): $(ASAN_DIR)/lib/cli/main.o $(ASAN_DIR)/libiommu-groups.a $(TEST_EXTRA_SRCS)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) $(PKG_CFLAGS) -o $@ $(filter %.o %.c,$^) \
		$(ASAN_DIR)/libiommu-groups.a $(PKG_LIBS)

$(ASAN_DIR)/unit/%.o: tests/unit/%.c $(SRC_HDRS) $(UNIT_HDRS) | deps-test-quiet
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(ASAN_CFLAGS) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -c $< -o $@

UNIT_HELPER_OBJS := $(patsubst tests/unit/%.c,$(ASAN_DIR)/unit/%.o,$(UNIT_HELPERS))

$(ASAN_DIR)/unit/%: $(ASAN_DIR)/unit/%.o $(UNIT_HELPER_OBJS) $(ASAN_DIR)/libiommu-groups.a \
		$(TEST_EXTRA_SRCS)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) $(PKG_CFLAGS) -o $@ $(filter %.o %.c,$^) \
		$(ASAN_DIR)/libiommu-groups.a $(CMOCKA_LIBS) $(PKG_LIBS)

# Keep the objects (they are prerequisites of pattern rules, hence intermediate).
.SECONDARY: $(UNIT_BINS:=.o) $(FIXTURES_BIN).o $(UNIT_HELPER_OBJS)

check-asan: $(ASAN_BIN)

# --- the synthetic-sysroot builder (tests/lib/sysroot_build.c) -------------------
# Linked into the unit test programs; tests/lib/mksysroot, its command-line
# front end, is what CLI setups call (run.sh finds it beside the binary).
TESTLIB_HDRS := tests/lib/sysroot_build.h
TESTLIB_ASAN := $(ASAN_DIR)/testlib/sysroot_build.o
TESTLIB_CLANG := $(CLANG_DIR)/testlib/sysroot_build.o
$(ASAN_DIR)/testlib/%.o: tests/lib/%.c $(TESTLIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -c $< -o $@
$(CLANG_DIR)/testlib/%.o: tests/lib/%.c $(TESTLIB_HDRS)
	@mkdir -p $(@D)
	clang $(CLANG_CFLAGS) -c $< -o $@
$(ASAN_DIR)/unit/%.o $(CLANG_DIR)/unit/%.o: CPPFLAGS += -Itests/lib
$(UNIT_BINS:=.o) $(patsubst tests/unit/%.c,$(CLANG_DIR)/unit/%.o,$(UNIT_SRCS)): $(TESTLIB_HDRS)
$(UNIT_BINS): $(TESTLIB_ASAN)
$(ASAN_DIR)/mksysroot: $(ASAN_DIR)/testlib/mksysroot.o $(TESTLIB_ASAN)
	$(CC) $(ASAN_CFLAGS) -o $@ $^
check-asan check-cli: $(ASAN_DIR)/mksysroot
check-clang: $(TESTLIB_CLANG) $(CLANG_DIR)/testlib/mksysroot.o
.SECONDARY: $(TESTLIB_ASAN) $(ASAN_DIR)/testlib/mksysroot.o

# Each program prints cmocka's summary; every one runs even after a failure,
# and the target fails if any did.
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

check-unit: $(UNIT_BINS)
	@fail=""; for t in $(UNIT_BINS); do \
		echo "== $$t"; $$t || fail="$$fail $${t##*/}"; done; \
	if [ -n "$$fail" ]; then echo "check-unit FAILED:$$fail" >&2; exit 1; fi; \
	echo "check-unit: all $(words $(UNIT_BINS)) programs passed"

check-fixtures: $(FIXTURES_BIN)
	$(FIXTURES_BIN) fixtures tests/unit/fixtures-known-failures.txt

# LD_PRELOAD shim reporting reads outside the sysroot (no sanitizer: it
# is loaded before the ASan runtime).
TRAP_SO := $(ASAN_DIR)/trap.so
$(TRAP_SO): tests/cli/trap.c | deps-quiet
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARN) -O2 -shared -fPIC -o $@ $< -ldl

check-cli: $(ASAN_BIN) $(TRAP_SO)
	IOMMU_GROUPS_TRAP=$(abspath $(TRAP_SO)) tests/cli/run.sh $(ASAN_BIN) fixtures
	tests/cli/check-widths.sh $(ASAN_BIN) fixtures
	tests/cli/check-color-tty.sh $(ASAN_BIN) fixtures

# --- clang, warnings as errors --------------------------------------------------
$(CLANG_DIR)/lib/%.o: src/%.c $(SRC_HDRS) | deps-test-quiet
	@mkdir -p $(@D)
	clang $(CPPFLAGS) $(CLANG_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(CLANG_DIR)/unit/%.o: tests/unit/%.c $(SRC_HDRS) $(UNIT_HDRS) | deps-test-quiet
	@mkdir -p $(@D)
	clang $(CPPFLAGS) -Itests/unit $(CLANG_CFLAGS) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -c $< -o $@

CLANG_LIB_OBJS := $(patsubst src/%.c,$(CLANG_DIR)/lib/%.o,$(LIB_SRCS))
CLANG_TEST_OBJS := $(patsubst tests/unit/%.c,$(CLANG_DIR)/unit/%.o,\
	$(UNIT_SRCS) $(UNIT_HELPERS) tests/unit/fixtures_check.c)

# Link too: a missing or mismatched symbol is a failure as well.
check-clang: $(CLANG_LIB_OBJS) $(CLANG_DIR)/lib/cli/main.o $(CLANG_TEST_OBJS)
	clang $(CLANG_CFLAGS) -o $(CLANG_DIR)/iommu-groups $(CLANG_DIR)/lib/cli/main.o \
		$(CLANG_LIB_OBJS) $(TEST_EXTRA_SRCS) $(PKG_LIBS)
	@for t in $(UNIT_SRCS) tests/unit/fixtures_check.c; do \
		b=$${t##*/}; b=$${b%.c}; \
		echo "clang link $$b"; \
		clang $(CLANG_CFLAGS) -o $(CLANG_DIR)/unit/$$b $(CLANG_DIR)/unit/$$b.o \
			$(patsubst tests/unit/%.c,$(CLANG_DIR)/unit/%.o,$(UNIT_HELPERS)) $(TESTLIB_CLANG) \
			$(CLANG_LIB_OBJS) $(TEST_EXTRA_SRCS) $(CMOCKA_LIBS) $(PKG_LIBS) || exit 1; \
	done
	clang $(CLANG_CFLAGS) -shared -fPIC -o $(CLANG_DIR)/trap.so tests/cli/trap.c -ldl
	clang $(CLANG_CFLAGS) -o $(CLANG_DIR)/mksysroot $(CLANG_DIR)/testlib/mksysroot.o $(TESTLIB_CLANG)
	@echo "check-clang: no warnings"

# --- the documentation and completions move with the CLI ---------------------------
# (tests/cli/check-docs.sh: man page and --help; check-completion.sh: bash
# driven, zsh and fish parsed, fish driven)
check-docs: all deps-test
	tests/cli/check-docs.sh ./iommu-groups
	tests/cli/check-completion.sh ./iommu-groups fixtures/6.12/switch-noacs
.PHONY: check-docs

# --- the quick start on a bare Debian (tests/fresh/check-fresh.sh) ---------------
check-fresh:
	tests/fresh/check-fresh.sh
.PHONY: check-fresh

# --- everything ---------------------------------------------------------------
# check-vm is defined by tests/vm/vm.mk; without it this fails (no silent skip).
CHECK_PARTS := check-paths check-docs check-dist check-unit check-fixtures check-cli check-clang check-dump check-fuzz \
	check-tui check-fresh check-vm check-vm-7 check-attach-vm check-attach-vm-7 check-tui-vm check-tui-vm-7 \
	check-bench-vm check-bench-vm-7 check-config-vm
check: deps-test all
	@fail=""; for t in $(CHECK_PARTS); do \
		echo "=== make $$t"; \
		$(MAKE) --no-print-directory $$t || fail="$$fail $$t"; done; \
	if [ -n "$$fail" ]; then echo "make check FAILED:$$fail" >&2; exit 1; fi; \
	echo "make check: all passed ($(CHECK_PARTS))"

# Test packages, checked without apt when they are there.
deps-test-quiet: deps-quiet
	@pkg-config --exists cmocka 2>/dev/null && command -v clang >/dev/null && \
		command -v jq >/dev/null && [ -d /usr/lib/python3/dist-packages/jsonschema ] || \
		$(MAKE) --no-print-directory deps-test

.PHONY: deps-test-quiet

# --- the interactive view under tmux --------------------------------------------
check-tui: $(ASAN_BIN) $(TRAP_SO)
	@command -v tmux >/dev/null || $(MAKE) --no-print-directory deps-tui
	IOMMU_GROUPS_TRAP=$(abspath $(TRAP_SO)) tests/tui/run.sh $(ASAN_BIN) fixtures
deps-tui:
	$(call need_debs,tmux)
.PHONY: check-tui deps-tui
