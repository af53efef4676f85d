#!/usr/bin/env python3
"""po/POTFILES.in lists exactly what can be translated.

Fails when a file under app/, ui/ or data/ has translatable strings but is not listed in
po/POTFILES.in (its strings would never reach translators), or when POTFILES.in lists a file
that does not exist (xgettext would fail). Prints TAP.

Usage: test-potfiles.py [SOURCE_ROOT]   (default: $AMW_SOURCE_ROOT, else the parent of tests/)
"""

import os
import re
import sys

SCANNED_DIRS = ("app", "ui", "data")

# C: _("…"), N_("…"), C_("ctx", "…"), NC_(…), Q_(…), ngettext (…), g_dngettext (…), …
C_MARKERS = re.compile(
    r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\("
    r"|(?<![A-Za-z0-9_])(?:g_)?d?n?gettext\s*\("
    r"|(?<![A-Za-z0-9_])g_dn?p?gettext\s*\("
)
UI_MARKER = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""")
# Files that are translatable by their kind (xgettext reads them through ITS rules).
ALWAYS_TRANSLATABLE = (".desktop.in", ".metainfo.xml.in", ".appdata.xml.in", ".gschema.xml")


def strip_c_comments(text):
    """Drops comments and string contents so `_(` inside them does not count."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_translatable(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    if name.endswith((".c", ".h")):
        return C_MARKERS.search(strip_c_comments(text)) is not None
    if name.endswith(".ui"):
        return UI_MARKER.search(text) is not None
    return False


def read_potfiles(path):
    listed = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                listed.append((number, line))
    return listed


def main():
    if len(sys.argv) > 1:
        root = sys.argv[1]
    else:
        root = os.environ.get("AMW_SOURCE_ROOT",
                              os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    potfiles = os.path.join(root, "po", "POTFILES.in")

    listed = read_potfiles(potfiles)
    listed_set = {p for _, p in listed}

    translatable = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                if is_translatable(full):
                    translatable.append(os.path.relpath(full, root))

    missing = [p for p in translatable if p not in listed_set]
    absent = [(n, p) for n, p in listed if not os.path.isfile(os.path.join(root, p))]
    seen, duplicates = set(), []
    for n, p in listed:
        if p in seen:
            duplicates.append((n, p))
        seen.add(p)

    print("1..3")
    ok = True
    if missing:
        ok = False
        print("not ok 1 - every file with translatable strings is in po/POTFILES.in")
        for p in missing:
            print(f"# {p}: has translatable strings but is not listed in po/POTFILES.in")
    else:
        print(f"ok 1 - every file with translatable strings is in po/POTFILES.in "
              f"({len(translatable)} files)")
    if absent:
        ok = False
        print("not ok 2 - every file listed in po/POTFILES.in exists")
        for n, p in absent:
            print(f"# po/POTFILES.in:{n}: {p} does not exist")
    else:
        print("ok 2 - every file listed in po/POTFILES.in exists")
    if duplicates:
        ok = False
        print("not ok 3 - po/POTFILES.in lists each file once")
        for n, p in duplicates:
            print(f"# po/POTFILES.in:{n}: {p} is listed twice")
    else:
        print("ok 3 - po/POTFILES.in lists each file once")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
