#!/usr/bin/env python3
"""test-sql-bound.py — every SQL statement of app/ is a constant with bound parameters.

A TAP test over the C sources of app/ (usage: test-sql-bound.py SOURCE_ROOT):

 1. No string literal outside app/core/amw-store*.c holds SQL: SQL lives behind the store
    API (amw-store.h), nowhere else.
 2. No SQL is built with printf-style formatting anywhere in app/: no g_strdup_printf,
    g_string_(append_)printf, snprintf… whose format holds SQL, and no sqlite3_mprintf,
    sqlite3_snprintf, sqlite3_vmprintf or sqlite3_str_appendf at all.
 3. SQL that is assembled (app/core/amw-store-lists.c builds a statement per query shape)
    is assembled from constants only: every g_string_new/append/prepend/insert into a
    GString whose name says sql takes a literal, a #define'd literal, an element of a
    static const table of literals, or a local whose every assignment is a literal
    (or a choice between literals); and no g_strconcat/g_strjoin joins SQL.
 4. The checker itself: known-good and known-bad snippets are classified correctly.

SQL is recognised by statement shapes in upper case, the style of this code base:
SELECT … FROM, INSERT INTO, UPDATE x SET, DELETE FROM, CREATE TABLE/INDEX/TRIGGER/VIEW,
DROP, ALTER TABLE, PRAGMA x, BEGIN/COMMIT/ROLLBACK. Lower-case prose ("select an
article from the list") is not SQL to this test.
"""

import pathlib
import re
import sys

SQL_PATTERNS = [
    re.compile(r"\bSELECT\b.*\bFROM\b", re.S),
    re.compile(r"\bSELECT\s+(count|max|min|coalesce|NOT|EXISTS|pk|id)\b"),
    re.compile(r"\bINSERT\s+(OR\s+\w+\s+)?INTO\b"),
    re.compile(r"\bREPLACE\s+INTO\b"),
    re.compile(r"\bUPDATE\s+\w+\s+SET\b"),
    re.compile(r"\bDELETE\s+FROM\b"),
    re.compile(r"\bCREATE\s+(UNIQUE\s+|VIRTUAL\s+|TEMP\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b"),
    re.compile(r"\bDROP\s+(TABLE|INDEX|TRIGGER|VIEW)\b"),
    re.compile(r"\bALTER\s+TABLE\b"),
    re.compile(r"\bPRAGMA\s+\w+"),
    re.compile(r"\b(BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?|COMMIT|ROLLBACK)\s*(;|$)"),
    re.compile(r"\bWHERE\s+\w+(\.\w+)?\s*(=|<|>|IN\b|LIKE\b|IS\b|MATCH\b)"),
    re.compile(r"\bORDER\s+BY\b"),
]

PRINTF_FUNCTIONS = [
    "g_strdup_printf", "g_strdup_vprintf", "g_string_printf", "g_string_vprintf",
    "g_string_append_printf", "g_string_append_vprintf", "g_snprintf", "g_vsnprintf",
    "g_vasprintf", "snprintf", "sprintf", "vsnprintf", "vsprintf", "asprintf", "vasprintf",
    "g_strdup_printf_literal",
]
SQLITE_PRINTF = ["sqlite3_mprintf", "sqlite3_vmprintf", "sqlite3_snprintf", "sqlite3_vsnprintf",
                 "sqlite3_str_appendf", "sqlite3_str_vappendf"]
GSTRING_BUILDERS = ["g_string_new", "g_string_new_len", "g_string_append", "g_string_append_len",
                    "g_string_prepend", "g_string_insert", "g_string_assign"]
JOINERS = ["g_strconcat", "g_strjoin", "g_strjoinv"]


def is_sql(text):
    return any(p.search(text) for p in SQL_PATTERNS)


def strip_comments(source):
    """Blanks out comments, keeping string literals, line numbers and offsets."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in source[i:j]))
            i = j
        elif source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# Adjacent literals, possibly with macros between them ("SELECT " COLUMNS " FROM t").
LITERAL_GROUP = re.compile(r'(?:"(?:[^"\\\n]|\\.)*"|\b[A-Z][A-Z0-9_]*\b)'
                           r'(?:\s*(?:"(?:[^"\\\n]|\\.)*"|\b[A-Z][A-Z0-9_]*\b))*')


def literal_text(expression, macros):
    """The text of a group of adjacent literals and macros, macros expanded (twice)."""
    def expand(match):
        token = match.group(0)
        if token.startswith('"'):
            return LITERAL.match(token).group(1)
        return macros.get(token, " ")
    text = expression
    for _ in range(3):
        text = re.sub(r'"(?:[^"\\\n]|\\.)*"|\b[A-Z][A-Z0-9_]*\b',
                      lambda m: '"' + expand(m).replace('"', "'") + '"', text)
    return "".join(m.group(1) for m in LITERAL.finditer(text))


def collect_macros(source):
    """#define NAME <literals and macros> — the text each stands for."""
    macros = {}
    for match in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+([A-Z][A-Z0-9_]*)(\([^)]*\))?[ \t]+"
                             r"((?:[^\n\\]|\\\n|\\.)*)", source, re.M):
        body = match.group(3).replace("\\\n", " ")
        if '"' in body:
            macros[match.group(1)] = body
    for _ in range(3):
        macros = {name: literal_text(body, macros) if '"' in body else body
                  for name, body in macros.items()}
    return macros


def line_of(source, offset):
    return source.count("\n", 0, offset) + 1


def call_arguments(source, start):
    """The text between the parentheses of the call whose '(' is at or after @start."""
    i = source.find("(", start)
    if i < 0:
        return "", start
    depth, j = 0, i
    while j < len(source):
        c = source[j]
        if c == '"':
            j += 1
            while j < len(source) and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return source[i + 1:j], j
        j += 1
    return source[i + 1:], len(source)


def split_arguments(arguments):
    parts, depth, current, i = [], 0, [], 0
    while i < len(arguments):
        c = arguments[i]
        if c == '"':
            j = i + 1
            while j < len(arguments) and arguments[j] != '"':
                j += 2 if arguments[j] == "\\" else 1
            current.append(arguments[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current).strip())
    return parts


def is_constant_expression(expression, source, macros):
    """A literal, macros, literals joined, a static const table element, or a local whose
    every assignment is a literal or a choice between literals."""
    expression = expression.strip()
    if re.fullmatch(r'(?:"(?:[^"\\\n]|\\.)*"|[A-Z][A-Z0-9_]*|\s)+', expression):
        return True
    table = re.fullmatch(r"(\w+)\s*\[[^\]]*\]", expression)
    if table:
        declaration = re.search(r"static\s+const\s+char\s*\*\s*const\s+" + table.group(1) + r"\s*\[[^\]]*\]\s*=\s*\{([^}]*)\}",
                                source, re.S)
        if declaration is None:
            return False
        body = re.sub(r"\[\s*\w+\s*\]\s*=", "", declaration.group(1))
        return all(is_constant_expression(item, source, macros)
                   for item in split_arguments(body) if item)
    if re.fullmatch(r"\w+", expression):
        assignments = re.findall(r"(?<![=!<>])\b" + expression + r"\s*=(?!=)\s*([^;]+);", source)
        if not assignments:
            return False
        for value in assignments:
            value = value.strip()
            choice = re.fullmatch(r'(?:.*\?\s*)?("(?:[^"\\\n]|\\.)*")\s*:\s*("(?:[^"\\\n]|\\.)*")', value, re.S)
            if not (choice or re.fullmatch(r'"(?:[^"\\\n]|\\.)*"', value)):
                return False
        return True
    return False


def check_file(path, text, relative):
    """Returns (literal_problems, printf_problems, assembly_problems) for one file."""
    source = strip_comments(text)
    macros = collect_macros(source)
    store_file = re.fullmatch(r"app/core/amw-store[^/]*\.[ch]", relative) is not None
    literal_problems, printf_problems, assembly_problems = [], [], []

    # 1. SQL literals outside the store.
    if not store_file:
        for match in LITERAL_GROUP.finditer(source):
            if '"' not in match.group(0):
                continue
            if is_sql(literal_text(match.group(0), macros)):
                literal_problems.append(f"{relative}:{line_of(source, match.start())}: SQL in a "
                                        f"string literal outside app/core/amw-store*.c: "
                                        f"{literal_text(match.group(0), macros)[:70]!r}")

    # 2. printf-built SQL, anywhere.
    for function in SQLITE_PRINTF:
        for match in re.finditer(r"\b" + function + r"\s*\(", source):
            printf_problems.append(f"{relative}:{line_of(source, match.start())}: {function} "
                                   f"builds SQL from values; bind parameters instead")
    for function in PRINTF_FUNCTIONS:
        for match in re.finditer(r"\b" + function + r"\s*\(", source):
            arguments, _ = call_arguments(source, match.start())
            for group in LITERAL_GROUP.finditer(arguments):
                if is_sql(literal_text(group.group(0), macros)):
                    printf_problems.append(f"{relative}:{line_of(source, match.start())}: {function} "
                                           f"formats SQL; bind parameters instead")
                    break

    # 3. Assembled SQL: constants only.
    for function in JOINERS:
        for match in re.finditer(r"\b" + function + r"\s*\(", source):
            arguments, _ = call_arguments(source, match.start())
            if any(is_sql(literal_text(g.group(0), macros)) for g in LITERAL_GROUP.finditer(arguments)):
                assembly_problems.append(f"{relative}:{line_of(source, match.start())}: {function} "
                                         f"joins SQL with values")
    for function in GSTRING_BUILDERS:
        for match in re.finditer(r"\b" + function + r"\s*\(", source):
            arguments, _ = call_arguments(source, match.start())
            parts = split_arguments(arguments)
            if function in ("g_string_new", "g_string_new_len"):
                target = re.search(r"(\w+)\s*=\s*$", source[max(0, match.start() - 80):match.start()])
                target_name = target.group(1) if target else ""
                values = parts[:1]
            else:
                target_name = parts[0] if parts else ""
                values = parts[-1:] if function != "g_string_insert" else parts[2:3]
                if function == "g_string_append_len":
                    values = parts[1:2]
            if "sql" not in target_name.lower():
                continue
            for value in values:
                if value in ("NULL", "") or is_constant_expression(value, source, macros):
                    continue
                assembly_problems.append(f"{relative}:{line_of(source, match.start())}: {function} "
                                         f"puts a value that is not a constant into {target_name}: {value!r}")
    return literal_problems, printf_problems, assembly_problems


SELF_TESTS = [
    # (relative path, source, expected (literal, printf, assembly) problem counts)
    ("app/gui/x.c", 'const char *q = "SELECT id FROM articles WHERE id = ?1";', (1, 0, 0)),
    ("app/gui/x.c", 'g_print ("Select an article from the list");', (0, 0, 0)),
    ("app/gui/x.c", '#define Q "DELETE FROM tags"\nint x;', (1, 0, 0)),
    ("app/gui/x.c", 'char *s = g_strdup_printf ("UPDATE articles SET title = \'%s\'", t);', (1, 1, 0)),
    ("app/core/amw-store-x.c", 'char *s = g_strdup_printf ("UPDATE articles SET title = \'%s\'", t);', (0, 1, 0)),
    ("app/core/amw-store-x.c", '#define U "UPDATE articles SET " \nchar *s = g_strdup_printf (U "%s", t);', (0, 1, 0)),
    ("app/core/amw-store-x.c", 'char *s = sqlite3_mprintf ("%q", t);', (0, 1, 0)),
    ("app/core/amw-store-x.c", 'char *s = g_strdup_printf ("Import %s", source);', (0, 0, 0)),
    ("app/core/amw-store-x.c",
     '#define W " WHERE a.id = :id"\nstatic const char * const cols[2] = { "a.title", "a.id" };\n'
     'void f (int k, int d) { GString *sql = g_string_new ("SELECT a.id FROM articles a");\n'
     '  const char *dir = d ? " DESC" : " ASC";\n'
     '  g_string_append (sql, W); g_string_append (sql, cols[k]); g_string_append (sql, dir); }',
     (0, 0, 0)),
    ("app/core/amw-store-x.c",
     'void f (const char *user) { GString *sql = g_string_new ("SELECT a.id FROM articles a WHERE a.title = \'");\n'
     '  g_string_append (sql, user); }', (0, 0, 1)),
    ("app/core/amw-store-x.c",
     'void f (const char *user) { char *sql = g_strconcat ("DELETE FROM tags WHERE name = \'", user, "\'", NULL); }',
     (0, 0, 1)),
]


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = sorted(p for p in (root / "app").rglob("*") if p.suffix in (".c", ".h") and p.is_file())
    literal_problems, printf_problems, assembly_problems = [], [], []
    for path in files:
        relative = path.relative_to(root).as_posix()
        a, b, c = check_file(path, path.read_text(encoding="utf-8", errors="replace"), relative)
        literal_problems += a
        printf_problems += b
        assembly_problems += c

    results = [
        (f"no SQL in string literals outside app/core/amw-store*.c ({len(files)} files)", literal_problems),
        ("no SQL built with printf-style formatting in app/", printf_problems),
        ("assembled SQL in app/ is made of constants only", assembly_problems),
    ]
    self_problems = []
    for relative, source, expected in SELF_TESTS:
        got = tuple(len(x) for x in check_file(None, source, relative))
        if got != expected:
            self_problems.append(f"self-test {source[:60]!r} in {relative}: expected {expected}, got {got}")
    results.append(("the checker classifies its known-good and known-bad snippets", self_problems))
    if not files:
        results.append(("app/ has C files", ["no C file found under " + str(root / "app")]))

    print(f"1..{len(results)}")
    failed = 0
    for number, (name, problems) in enumerate(results, 1):
        if problems:
            failed += 1
            print(f"not ok {number} - {name}")
            for problem in problems:
                print(f"# {problem}")
        else:
            print(f"ok {number} - {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
