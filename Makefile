# kpi: performance reports from Unix filters.
# The version lives here and only here; tools get it as KPI_VERSION.
VERSION := 0.1.0

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man
DATADIR := $(PREFIX)/share/kpi

CC      ?= cc
# Build flags are fixed by the project; extra ones go in CFLAGS_EXTRA / LDFLAGS_EXTRA.
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
OPT     ?= -O2 -g
# libcsv ships no pkg-config file: try pkg-config, fall back to -lcsv.
PKG_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson) \
              $(shell pkg-config --libs csv 2>/dev/null || pkg-config --libs libcsv 2>/dev/null || echo -lcsv)
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -Iinclude -DKPI_VERSION='"$(VERSION)"' \
               -DKPI_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
CFLAGS_ALL   = $(WARN) $(OPT) $(CFLAGS_EXTRA)
LDLIBS_ALL   = $(PKG_LIBS) -lm $(LDFLAGS_EXTRA)

# BUILD selects the output tree: build/ (normal) or build-san/ (ASan + UBSan).
BUILD ?= build

# Quiet by default; make V=1 shows every command.
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

LIB_SRC   := $(sort $(wildcard lib/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
TOOLS     := $(sort $(notdir $(wildcard cmd/kpi-*)))
TOOL_BINS := $(TOOLS:%=$(BUILD)/bin/%)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MANPAGES  := $(sort $(wildcard cmd/*/*.1 cmd/*/*.5 pipelines/*.1))
PIPELINES := $(sort $(filter-out %.md %.sh %.1,$(wildcard pipelines/*)))
# the report types, each installed as kpi-report-TYPE with the page kpi-report(1)
REPORT_TYPES := $(filter-out regenerate,$(notdir $(PIPELINES)))

.PHONY: all deps demo check test unit bats normal-build san-build install uninstall clean bench fuzz valgrind
all: $(TOOL_BINS) $(UNIT_BINS)

$(BUILD)/%.o: %.c $(wildcard include/kpi/*.h) $(wildcard lib/*.h) $(wildcard cmd/*/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libkpi.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

# A tool is every .c file in cmd/<tool>/ over libkpi.a.
.SECONDARY:
.SECONDEXPANSION:
$(BUILD)/bin/%: $$(addprefix $(BUILD)/,$$(addsuffix .o,$$(basename $$(wildcard cmd/$$*/*.c)))) $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# test_judge links kpi-flag's own objects, all but main.o (it tests the
# judgement the tool runs, through its headers).
KPI_FLAG_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out cmd/kpi-flag/main.c,$(wildcard cmd/kpi-flag/*.c)))
$(BUILD)/tests/test_judge: $(BUILD)/tests/unit/test_judge.o $(KPI_FLAG_OBJ) $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# test_render_fast links kpi-render's own objects, all but main.o.
KPI_RENDER_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out cmd/kpi-render/main.c,$(wildcard cmd/kpi-render/*.c)))
$(BUILD)/tests/test_render_fast: $(BUILD)/tests/unit/test_render_fast.o $(KPI_RENDER_OBJ) $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# test_dupes links kpi-normalise's duplicate table (cmd/kpi-normalise/dupes.c).
$(BUILD)/tests/test_dupes: $(BUILD)/tests/unit/test_dupes.o $(BUILD)/cmd/kpi-normalise/dupes.o $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# test_normalise_fast links kpi-normalise's objects, all but main.o.
KPI_NORMALISE_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out cmd/kpi-normalise/main.c,$(wildcard cmd/kpi-normalise/*.c)))
$(BUILD)/tests/test_normalise_fast: $(BUILD)/tests/unit/test_normalise_fast.o $(KPI_NORMALISE_OBJ) $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# test_trend_store links kpi-trend's series store (cmd/kpi-trend/store*.c).
KPI_TREND_STORE_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard cmd/kpi-trend/store*.c))
$(BUILD)/tests/test_trend_store: $(BUILD)/tests/unit/test_trend_store.o $(KPI_TREND_STORE_OBJ) $(BUILD)/tests/unit/tap.o $(BUILD)/libkpi.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# tap.c is the harness, not a test
# The jansson reference of tests/fuzz is linked by its own unit test only.
$(BUILD)/tests/test_json_strict: $(BUILD)/tests/fuzz/json_reference.o

# --- set-up ------------------------------------------------------------------
deps:
	@scripts/install-deps

demo: deps
	@scripts/install-deps --browser
	@$(MAKE) --no-print-directory all
	@scripts/demo $(BUILD)

# --- tests -------------------------------------------------------------------
# check: the normal build, then the sanitizer build; every test runs in the
# first, and again in the second unless tagged no-sanitizer (nothing compiled
# in it could differ there).  JOBS builds and test programs at a time.
# Chromium too, so the browser tests run rather than skip.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAN_OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
# the sanitizer runtimes linked statically: a tool under ASan + UBSan starts
# in about 0.025 s of CPU instead of 0.035 (no dynamic loading and relocation
# of libasan and libubsan), and the suite starts thousands of them
# (docs/testing.md, "Third round"); clang names the option -static-libsan
SAN_LINK = $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),-static-libsan,-static-libasan -static-libubsan)
check: deps
	@scripts/install-deps --browser
	@$(MAKE) --no-print-directory -j$(JOBS) normal-build san-build
	@scripts/run-tests -j $(JOBS) build build-san

# the two builds of check, side by side: one make, JOBS compilers shared
# between them (the jobserver), so neither waits for the other to finish
normal-build:
	+@$(MAKE) --no-print-directory BUILD=build all
san-build:
	+@$(MAKE) --no-print-directory BUILD=build-san OPT='$(SAN_OPT)' LDFLAGS_EXTRA='$(LDFLAGS_EXTRA) $(SAN_LINK)' all

test: all
	@scripts/run-tests -j $(JOBS) $(BUILD)

bench: deps all
	@scripts/install-deps --bench
	@bench/run $(BUILD)

fuzz:
	@scripts/fuzz $(FUZZ_SECONDS)

valgrind: all
	@scripts/valgrind-suite -j $(JOBS) $(BUILD)

# --- install -----------------------------------------------------------------
install: all
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	$(Q)install -m 755 $(TOOL_BINS) $(DESTDIR)$(BINDIR)/
	$(Q)for m in $(MANPAGES); do case $$m in \
	  *.1) install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/ ;; \
	  *.5) install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/ ;; esac; done
	$(Q)for t in $(REPORT_TYPES); do \
	  echo '.so man1/kpi-report.1' >$(DESTDIR)$(MANDIR)/man1/kpi-report-$$t.1 && \
	  chmod 644 $(DESTDIR)$(MANDIR)/man1/kpi-report-$$t.1; done
	$(Q)for f in share/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/; done; true
	$(Q)install -d $(DESTDIR)$(DATADIR)/phrases
	$(Q)install -m 644 share/phrases/*.phrases $(DESTDIR)$(DATADIR)/phrases/
	$(Q)install -m 644 pipelines/report.sh pipelines/convert.sh pipelines/each-area.sh $(DESTDIR)$(DATADIR)/
	$(Q)for p in $(PIPELINES); do n=$$(basename $$p); case $$n in \
	  regenerate) install -m 755 $$p $(DESTDIR)$(BINDIR)/kpi-regenerate ;; \
	  *) install -m 755 $$p $(DESTDIR)$(BINDIR)/kpi-report-$$n ;; esac; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for p in $(PIPELINES); do n=$$(basename $$p); rm -f $(DESTDIR)$(BINDIR)/kpi-report-$$n $(DESTDIR)$(BINDIR)/kpi-regenerate; done
	for m in $(MANPAGES); do n=$$(basename $$m); rm -f $(DESTDIR)$(MANDIR)/man1/$$n $(DESTDIR)$(MANDIR)/man5/$$n; done
	for t in $(REPORT_TYPES); do rm -f $(DESTDIR)$(MANDIR)/man1/kpi-report-$$t.1; done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz out
