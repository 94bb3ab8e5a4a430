# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz/fuzz.mk - libFuzzer harnesses (clang, ASan+UBSan) for every
# parser of outside input; included by the top-level Makefile.
#
#   check-fuzz   replay the committed corpus (tests/fuzz/corpus/NAME/) and the
#                seeds made from the fixtures, then fuzz each harness for
#                FUZZ_SECONDS (default 20)
#   fuzz-long    the same for FUZZ_LONG_SECONDS each (default 900)
#
# Seeds: `lspci -x`, `-xxx`, `-xxxx` of a few fixtures (and -xxxx with -vv
# style detail lines: lspci -vv needs more of sysfs than fixtures keep;
# and `lspci -F DUMP -vvnn`, the text form without hex) for
# the dump parser, the fixtures' config files for the config parser, their
# modaliases and attribute files for devattr (seeds-devattr.py). What a
# run finds goes to build/fuzz/corpus-NAME/ (crashes: build/fuzz/crash-*):
# add a crashing input to tests/fuzz/corpus/NAME/ with the fix.

FUZZ_DIR := $(BUILD)/fuzz
FUZZERS := dump config acpi devattr
FUZZ_SECONDS ?= 20
FUZZ_LONG_SECONDS ?= 900
FUZZ_CFLAGS := $(TEST_STD) $(WARN) -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SAN := address,undefined
FUZZ_LIB_OBJS := $(patsubst src/%.c,$(FUZZ_DIR)/lib/%.o,$(LIB_SRCS))
FUZZ_SEED_FIXTURES := 6.12/switch-noacs 6.12/sriov-nvme 6.12/pcie-pci-bridge 7.2/multifunction-intel

$(FUZZ_DIR)/lib/%.o: src/%.c $(SRC_HDRS) | deps-test-quiet
	@mkdir -p $(@D)
	clang $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) $(PKG_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJS)
	clang $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) $(PKG_CFLAGS) -o $@ $< \
		$(FUZZ_LIB_OBJS) $(PKG_LIBS)

# Seeds from the fixtures, made fresh (they follow the fixtures).
$(FUZZ_DIR)/seeds-dump/.done: | deps-dump
	@rm -rf $(@D) && mkdir -p $(@D)
	@for fx in $(FUZZ_SEED_FIXTURES); do n=$$(echo $$fx | tr / -); \
		for fl in -x -xxx -xxxx; do \
			lspci -A linux-sysfs -O sysfs.path=fixtures/$$fx/sys/bus/pci $$fl \
				> "$(@D)/$$n$$fl" 2>/dev/null || exit 1; \
		done; \
		sed '/^[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7] /a\\tSubsystem: X\n\tCapabilities: [40] Express' \
			"$(@D)/$$n-xxxx" > "$(@D)/$$n-vvv-xxxx"; \
		lspci -F "$(@D)/$$n-xxxx" -vvnn > "$(@D)/$$n-vvnn" 2>/dev/null || exit 1; done
	@touch $@

$(FUZZ_DIR)/seeds-config/.done:
	@rm -rf $(@D) && mkdir -p $(@D)
	@i=0; for f in $$(find $(addprefix fixtures/,$(FUZZ_SEED_FIXTURES)) -name config | sort); do \
		i=$$((i + 1)); for p in 0 1 2 3; do \
			{ printf "\\$$(printf %o $$p)\\0"; cat $$f; } > $(@D)/cfg$$i-$$p; done; done
	@touch $@

# The ACPI tables' seeds are committed (tests/fuzz/corpus/acpi): none here.
$(FUZZ_DIR)/seeds-acpi/.done:
	@rm -rf $(@D) && mkdir -p $(@D)
	@touch $@

# Device attributes: every seed fixture function's modalias before the
# modules.alias lines of tests/fuzz/devattr-modules.alias, and its config
# space with the attribute files (tests/fuzz/seeds-devattr.py).
$(FUZZ_DIR)/seeds-devattr/.done: tests/fuzz/seeds-devattr.py tests/fuzz/devattr-modules.alias
	@rm -rf $(@D) && mkdir -p $(@D)
	@python3 tests/fuzz/seeds-devattr.py $(@D) tests/fuzz/devattr-modules.alias \
		$(addprefix fixtures/,$(FUZZ_SEED_FIXTURES))
	@touch $@

FUZZ_BINS := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZERS))
FUZZ_SEEDS := $(FUZZ_DIR)/seeds-dump/.done $(FUZZ_DIR)/seeds-config/.done \
	$(FUZZ_DIR)/seeds-acpi/.done $(FUZZ_DIR)/seeds-devattr/.done

check-fuzz: $(FUZZ_BINS) $(FUZZ_SEEDS)
	tests/fuzz/run-fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZERS)

fuzz-long: $(FUZZ_BINS) $(FUZZ_SEEDS)
	tests/fuzz/run-fuzz.sh $(FUZZ_DIR) $(FUZZ_LONG_SECONDS) $(FUZZERS)

.PHONY: check-fuzz fuzz-long

# Keep the fuzz build objects (prerequisites of pattern rules, hence intermediate).
.SECONDARY: $(FUZZ_LIB_OBJS)
