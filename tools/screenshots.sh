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
