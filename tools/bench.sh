#!/bin/sh
# tools/bench.sh — the one command behind docs/PERFORMANCE.md: builds the benchmark tools,
# generates the databases if they are missing (seed 1), runs the core and GUI benchmarks and
# prints one table.
#
#   tools/bench.sh                     # 100k and 1M articles, 7 runs, GUI 3 runs per size
#
# Environment (all optional):
#   AMW_BUILD=build                    the meson build directory
#   AMW_BENCH_DIR=$AMW_BUILD/bench     where the databases, logs and results go
#   AMW_BENCH_SIZES="100000 1000000"   article counts, one database each
#   AMW_BENCH_RUNS=7                   runs of each core operation (medians are printed)
#   AMW_BENCH_EXPORT_RUNS=3            runs of export and import (on the smallest database)
#   AMW_BENCH_GUI_RUNS=3               launches of the window per database; 0 skips the GUI
#   AMW_BENCH_GSK_RENDERER=cairo       GTK renderer under Xvfb; cairo also disables GL
#                                      (see docs/PERFORMANCE.md)
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AMW_BUILD:-$SRC/build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
OUT=${AMW_BENCH_DIR:-$BUILD/bench}
SIZES=${AMW_BENCH_SIZES:-"100000 1000000"}
RUNS=${AMW_BENCH_RUNS:-7}
EXPORT_RUNS=${AMW_BENCH_EXPORT_RUNS:-3}
GUI_RUNS=${AMW_BENCH_GUI_RUNS:-3}
RENDERER=${AMW_BENCH_GSK_RENDERER:-cairo}
# Xvfb has no GPU: GL would be Mesa's llvmpipe, whose ~60 MB (libLLVM, swrast) say nothing
# about AMW Desk. With the cairo renderer, GL is not even loaded.
GDK_DEBUG_FLAGS=
[ "$RENDERER" = cairo ] && GDK_DEBUG_FLAGS=gl-disable
mkdir -p "$OUT"

label() {
  if [ $(($1 % 1000000)) -eq 0 ]; then echo "$(($1 / 1000000))m"
  elif [ $(($1 % 1000)) -eq 0 ]; then echo "$(($1 / 1000))k"
  else echo "$1"; fi
}

# ---- build ----
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" "$SRC"
fi
BIN=$BUILD/tools
if meson introspect --targets "$BUILD" 2>/dev/null | grep -q '"amw-bench-gui"'; then
  meson compile -C "$BUILD" amw-generate amw-bench amw-bench-gui
else
  # tools/ is not in the root meson.build yet: build the core and GUI libraries with meson
  # and link the three tools by hand against them.
  echo "bench.sh: tools/ is not a meson subdir yet (add subdir('tools')); linking by hand" >&2
  meson compile -C "$BUILD" amw-core amw-gui
  BIN=$OUT/bin
  mkdir -p "$BIN"
  CORE_PKGS="glib-2.0 gio-2.0 gio-unix-2.0 json-glib-1.0 sqlite3"
  DEFS="-DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
        -DGDK_VERSION_MIN_REQUIRED=GDK_VERSION_4_8 -DGDK_VERSION_MAX_ALLOWED=GDK_VERSION_4_8
        -DADW_VERSION_MIN_REQUIRED=ADW_VERSION_1_2 -DADW_VERSION_MAX_ALLOWED=ADW_VERSION_1_2"
  for tool in amw-generate amw-bench; do
    # shellcheck disable=SC2046,SC2086
    cc -O2 -g $DEFS $(pkg-config --cflags $CORE_PKGS) -I"$BUILD" -I"$SRC/app/core" \
      "$SRC/tools/$tool.c" "$BUILD/app/libamw-core.a" \
      $(pkg-config --libs $CORE_PKGS) -lm -o "$BIN/$tool"
  done
  # shellcheck disable=SC2046,SC2086
  cc -O2 -g $DEFS $(pkg-config --cflags $CORE_PKGS gtk4 libadwaita-1) -I"$BUILD" \
    -I"$SRC/app/core" -I"$SRC/app/gui" "$SRC/tools/amw-bench-gui.c" \
    -Wl,--whole-archive "$BUILD/app/gui/libamw-gui.a" -Wl,--no-whole-archive \
    "$BUILD/app/libamw-core.a" $(pkg-config --libs $CORE_PKGS gtk4 libadwaita-1) -lm \
    -o "$BIN/amw-bench-gui"
fi

# ---- the machine ----
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "$(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)," \
     "sqlite $(pkg-config --modversion sqlite3), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- databases ----
DBS=
for n in $SIZES; do
  db=$OUT/amw-$(label "$n").db
  if [ ! -f "$db" ]; then
    echo "== generating $db ($n articles, seed 1)"
    start=$(date +%s)
    "$BIN/amw-generate" --out "$db" --articles "$n" --seed 1 --force | tee "$OUT/generate-$(label "$n").log"
    echo "== generated $db in $(($(date +%s) - start)) s (wall)" | tee -a "$OUT/generate-$(label "$n").log"
  fi
  DBS="$DBS $db"
done

# ---- the window, under a private X server ----
GUI_ARGS=
if [ "$GUI_RUNS" -gt 0 ]; then
  gui=$OUT/gui-results.txt
  : > "$gui"
  for db in $DBS; do
    i=0
    while [ $i -lt "$GUI_RUNS" ]; do
      echo "== window on $db, run $((i + 1))/$GUI_RUNS"
      env GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 \
          GSK_RENDERER="$RENDERER" GDK_DEBUG="$GDK_DEBUG_FLAGS" \
        xvfb-run -a -s "-screen 0 1400x900x24" "$BIN/amw-bench-gui" "$db" >> "$gui" \
        || echo "bench.sh: amw-bench-gui failed on $db (status $?)" >&2
      i=$((i + 1))
    done
  done
  grep '^#' "$gui" || true
  GUI_ARGS="--gui $gui"
fi

# ---- the core, and the table ----
# shellcheck disable=SC2086
"$BIN/amw-bench" --runs "$RUNS" --export-runs "$EXPORT_RUNS" $GUI_ARGS $DBS
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
