# AMW Desk — a thin wrapper over meson. `make run` and `make check` do all set-up.
BUILDDIR ?= build
ASAN_BUILDDIR ?= build-asan
SAMPLE_DB ?= $(BUILDDIR)/sample/amw.db

.PHONY: all deps setup build run check check-asan install clean

all: build

deps:
	@sh tools/install-deps.sh

setup: deps
	@test -f $(BUILDDIR)/build.ninja || meson setup $(BUILDDIR)

build: setup
	@meson compile -C $(BUILDDIR)

# The app on a sample database kept in the build tree (your own data is untouched).
run: build
	@mkdir -p $(dir $(SAMPLE_DB))
	@test -f $(SAMPLE_DB) || ./$(BUILDDIR)/app/amw --db $(SAMPLE_DB) --create --import data/sample/amw-sample.json
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data ./$(BUILDDIR)/app/amw --db $(SAMPLE_DB)

# Every test, headless: GUI tests get a private X server.
check: build
	xvfb-run -a -s "-screen 0 1400x900x24" meson test -C $(BUILDDIR) --print-errorlogs

# Every test again, built with AddressSanitizer + UndefinedBehaviorSanitizer (gcc) and with
# LeakSanitizer on: a memory error, undefined behaviour or leak fails the test. See
# docs/RELIABILITY.md, "Sanitizers": tests/lsan.supp (third-party only); G_SLICE so that
# leaked GObjects are seen; no OpenGL, so Mesa is never loaded; fewer crash-safety kills.
# A leak's stack stops at g_malloc (fast unwinding): for the whole stack, run the failing
# test again with ASAN_EXTRA=fast_unwind_on_malloc=0 ASAN_TESTS=test-name (much slower).
ASAN_EXTRA ?=
ASAN_TESTS ?=
ASAN_ENV = \
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:print_stacktrace=1$(if $(ASAN_EXTRA),:$(ASAN_EXTRA)) \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	G_SLICE=always-malloc GSK_RENDERER=cairo GDK_DEBUG=gl-disable AMW_CRASH_KILLS=8

check-asan: deps
	@test -f $(ASAN_BUILDDIR)/build.ninja || \
	  meson setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined -Db_lundef=false
	@meson compile -C $(ASAN_BUILDDIR)
	$(ASAN_ENV) xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(ASAN_BUILDDIR) --print-errorlogs --timeout-multiplier 3 $(ASAN_TESTS)

install: build
	meson install -C $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)
