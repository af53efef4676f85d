#!/bin/sh
# test-install.sh — `meson install` into a scratch DESTDIR puts every file where the desktop
# looks for it, and the installed `amw` runs.
#
# Usage: test-install.sh MESON BUILDDIR SOURCEDIR PREFIX BINDIR DATADIR LOCALEDIR VERSION
# (BINDIR, DATADIR and LOCALEDIR as meson's options: relative to PREFIX, or absolute.)
set -u

if [ $# -ne 8 ]; then
  echo "usage: $0 MESON BUILDDIR SOURCEDIR PREFIX BINDIR DATADIR LOCALEDIR VERSION" >&2
  exit 2
fi
meson=$1 builddir=$2 srcdir=$3 prefix=$4 bindir=$5 datadir=$6 localedir=$7 version=$8
app_id=com.example.Amw

under_prefix () {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$prefix" "$1" ;;
  esac
}
bindir=$(under_prefix "$bindir")
datadir=$(under_prefix "$datadir")
localedir=$(under_prefix "$localedir")

dest=$(mktemp -d "${TMPDIR:-/tmp}/amw-install-test.XXXXXX") || exit 1
trap 'rm -rf "$dest"' EXIT INT TERM

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# DESTDIR installs skip the post-install scripts (schema compiling, icon cache, …).
if ! "$meson" install -C "$builddir" --destdir "$dest" --no-rebuild --quiet; then
  echo "FAIL: meson install -C $builddir --destdir $dest failed" >&2
  exit 1
fi

for file in \
    "$bindir/amw" \
    "$datadir/applications/$app_id.desktop" \
    "$datadir/metainfo/$app_id.metainfo.xml" \
    "$datadir/icons/hicolor/scalable/apps/$app_id.svg" \
    "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "$datadir/glib-2.0/schemas/$app_id.gschema.xml"; do
  if [ -f "$dest$file" ]; then
    echo "ok: $file"
  else
    fail "$file was not installed"
  fi
done

# Every language of po/LINGUAS gets its catalogue.
for lang in $(sed -e 's/#.*//' "$srcdir/po/LINGUAS"); do
  mo="$localedir/$lang/LC_MESSAGES/amw.mo"
  if [ -f "$dest$mo" ]; then
    echo "ok: $mo"
  else
    fail "$mo was not installed (po/LINGUAS lists $lang)"
  fi
done

# The installed executable runs on its own (our libraries are linked in statically).
if [ -x "$dest$bindir/amw" ]; then
  if out=$("$dest$bindir/amw" --version 2>&1); then
    case $out in
      *"$version"*) echo "ok: amw --version: $out" ;;
      *) fail "installed amw --version printed '$out', expected version $version" ;;
    esac
  else
    fail "installed amw --version failed: $out"
  fi
else
  fail "$bindir/amw is not executable"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all installed files present"
