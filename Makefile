# AMW Desk — a thin wrapper over meson. `make run` and `make check` do all set-up.
BUILDDIR ?= build
SAMPLE_DB ?= $(BUILDDIR)/sample/amw.db

.PHONY: all deps setup build run check install clean

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
	@test -f $(SAMPLE_DB) || ./$(BUILDDIR)/app/amw --db $(SAMPLE_DB) --import data/sample/amw-sample.json
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data ./$(BUILDDIR)/app/amw --db $(SAMPLE_DB)

# Every test, headless: GUI tests get a private X server.
check: build
	xvfb-run -a -s "-screen 0 1400x900x24" meson test -C $(BUILDDIR) --print-errorlogs

install: build
	meson install -C $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR)
