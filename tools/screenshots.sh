#!/bin/sh
# Renders docs/screenshots/*.png from the real window (1400×900, light and dark).
set -eu
build=${1:-build}
ninja -C "$build" tests/amw-screenshot >/dev/null
shot() {
  GTK_A11Y=none GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
  AMW_SOURCE_ROOT="$(pwd)" xvfb-run -a -s "-screen 0 1400x900x24" "$build/tests/amw-screenshot" "$@"
}
out=docs/screenshots
mkdir -p "$out"
for scheme in light dark; do
  flag=""; [ "$scheme" = dark ] && flag="--dark"
  shot "$out/articles-$scheme.png" articles microsoft-openai-next-phase-partnership $flag
  shot "$out/companies-$scheme.png" companies $flag
  shot "$out/company-$scheme.png" company anthropic $flag
  shot "$out/timeline-$scheme.png" timeline $flag
done
shot "$out/empty-light.png" empty
# German (needs the de_DE.UTF-8 locale and the build tree's catalogue).
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
  LANG=de_DE.UTF-8 LANGUAGE=de AMW_LOCALEDIR="$(pwd)/$build/po" shot "$out/articles-de.png" articles microsoft-openai-next-phase-partnership
fi
# Refusals as the editor meets them (export over the open database; an import into a
# large damaged file): the window and its dialogs, rendered by test-safety-dialogs, are
# laid over one another as a desktop centres them (needs ImageMagick).
if command -v convert >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ninja -C "$build" tests/test-safety-dialogs >/dev/null
  GTK_A11Y=none GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" AMW_SOURCE_ROOT="$(pwd)" \
  AMW_PYTHON="$(command -v python3)" AMW_SCREENSHOT_DIR="$tmp" xvfb-run -a -s "-screen 0 1400x900x24" "$build/tests/test-safety-dialogs" \
    -p /safety-dialogs/export-over-database -p /safety-dialogs/large-damaged-database >/dev/null
  compose() {
    result=$1; cp "$2" "$tmp/acc.png"; shift 2
    for dialog in "$@"; do
      convert "$dialog" \( +clone -background black -shadow 50x10+0+6 \) +swap -background none \
        -layers merge +repage "$tmp/dialog.png"
      convert "$tmp/acc.png" "$tmp/dialog.png" -gravity center -geometry +0+10 -composite "$tmp/acc.png"
    done
    convert "$tmp/acc.png" PNG24:"$result"
  }
  compose "$out/export-refused.png" "$tmp/export-refused-window.png" "$tmp/export-refused-export-dialog.png" \
    "$tmp/export-refused-dialog.png"
  compose "$out/import-refused.png" "$tmp/import-refused-window.png" "$tmp/import-refused-dialog.png"
fi
