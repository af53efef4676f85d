#!/bin/sh
# tools/fuzz.sh — libFuzzer harnesses of tests/fuzz/ against a clang ASan+UBSan build.
#
#   tools/fuzz.sh [SECONDS]   build, then fuzz each harness for SECONDS (default 60)
#   tools/fuzz.sh --replay    build, then run every file of the corpora once (regression)
#   AMW_FUZZ_ONLY=import|search limits either to one harness.
#
# The build tree is build-fuzz/ (override with AMW_FUZZ_BUILDDIR): CC=clang, sanitizers
# address and undefined, -fsanitize=fuzzer-no-link for the library; the harnesses are
# linked with -fsanitize=fuzzer against that tree's libamw-core.a.
#
# Seeds are tests/fuzz/corpus-*/ (libFuzzer adds nothing there); what it learns goes to
# build-fuzz/fuzz-work/. A crash, leak, timeout or out-of-memory is written to the seed
# folder as crash-<kind>-<sha1> and makes the script exit non-zero. Those files are the
# bug reports: keep them; --replay runs every one of them (and fails while the bug is
# there). While fuzzing, AMW_FUZZ_SKIP_KNOWN=1 lets a harness look past the bugs already
# reported (docs/RELIABILITY.md) so that a run can find new ones.
#
# Needs clang and libclang-rt-14-dev (Debian 12): apt-get install -y clang libclang-rt-14-dev
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${AMW_FUZZ_BUILDDIR:-$here/build-fuzz}
fuzz=$here/tests/fuzz
mode=fuzz
seconds=60

case "${1:-}" in
  --replay) mode=replay ;;
  --help|-h) sed -n "2,20p" "$0"; exit 0 ;;
  "") ;;
  *[!0-9]*) echo "fuzz.sh: expected a number of seconds or --replay, got '$1'" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac

command -v clang >/dev/null 2>&1 || {
  echo "fuzz.sh: clang is missing: apt-get install -y clang libclang-rt-14-dev" >&2; exit 2; }

# 1. The library, instrumented.
mkdir -p "$build"
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$here" \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized >"$build/setup.log" 2>&1 || {
    tail -n 20 "$build/setup.log" >&2; exit 2; }
fi
meson compile -C "$build" amw-core >"$build/compile.log" 2>&1 || {
  tail -n 40 "$build/compile.log" >&2; exit 2; }

# 2. The harnesses, linked with libFuzzer's main.
deps="glib-2.0 gio-2.0 gio-unix-2.0 json-glib-1.0 sqlite3"
for name in fuzz-import fuzz-search; do
  # shellcheck disable=SC2046
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Wall -Werror=implicit-function-declaration \
    -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
    -I"$build" -I"$here/app/core" $(pkg-config --cflags $deps) \
    "$fuzz/$name.c" "$build/app/libamw-core.a" $(pkg-config --libs $deps) -lm \
    -o "$build/$name"
done

# Make every sanitizer finding fatal; GLib allocates with malloc so leaks are real.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8

status=0
run() {
  name=$1 corpus=$2 max_len=$3
  shift 3
  seeds=$fuzz/$corpus
  if [ "$mode" = replay ]; then
    # Every seed, including the kept crash-* files, once each: list all that fail.
    echo "== $name: replaying $(ls "$seeds" | wc -l) inputs of tests/fuzz/$corpus"
    for input in "$seeds"/*; do
      if ! "$build/$name" -timeout=10 "$@" "$input" >"$build/$name.replay.log" 2>&1; then
        echo "!! $name fails on tests/fuzz/$corpus/$(basename "$input"):" >&2
        grep -E '^(fuzz-(import|search):|  |SUMMARY)|ERROR|CRITICAL' "$build/$name.replay.log" | head -n 8 >&2
        status=1
      fi
    done
    return 0
  fi
  # The seeds without the kept crash-* inputs (--replay runs those), plus what earlier
  # runs learned.
  work=$build/fuzz-work/$corpus
  mkdir -p "$work"
  for seed in "$seeds"/*; do
    case $(basename "$seed") in crash-*) ;; *) cp "$seed" "$work/" ;; esac
  done
  echo "== $name: fuzzing for ${seconds}s (log: $build/$name.log)"
  if AMW_FUZZ_SKIP_KNOWN=1 "$build/$name" -max_total_time="$seconds" -max_len="$max_len" \
       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$seeds/crash-" \
       "$@" "$work" >"$build/$name.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|#[0-9]+ *DONE)' "$build/$name.log" | tail -n 2
  else
    echo "!! $name found a problem; the input is in tests/fuzz/$corpus/crash-*:" >&2
    grep -E 'ERROR|SUMMARY|fuzz-(import|search):|artifact|Test unit written' "$build/$name.log" | head -n 20 >&2
    status=1
  fi
}

only=${AMW_FUZZ_ONLY:-}
[ "$only" = search ] || run fuzz-import corpus-import 16384 -dict="$fuzz/import.dict"
[ "$only" = import ] || run fuzz-search corpus-search 1024
exit $status
