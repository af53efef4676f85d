#!/bin/bash
# import-floor.sh — what SQLite alone takes to write what an import of DB writes.
#
#   tools/import-floor.sh DB [RUNS]
#
# Copies every record of DB (a database made by amw-generate, say 100k articles) into a
# new, empty AMW Desk database with the sqlite3 shell: one transaction, the rows read
# from the attached source (no JSON, no checks of ours), the secondary indexes built after
# the rows, and the full-text index written in bulk with a 64 MiB FTS5 hash, as the import
# does; foreign keys are enforced as the app enforces them (AMW_FLOOR_FOREIGN_KEYS=0: not,
# SQLite's bare floor). The time includes the commit and the checkpoint at closing, as the
# import's does. Prints each step's time and the total, median of RUNS (5) runs. See
# docs/PERFORMANCE.md.
set -euo pipefail

src=${1:?usage: import-floor.sh DB [RUNS]}
runs=${2:-5}
case ${AMW_FLOOR_FOREIGN_KEYS:-1} in 0) foreign_keys=OFF ;; *) foreign_keys=ON ;; esac
build=${AMW_BUILD:-build}
amw="$build/app/amw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$amw" ] || { echo "import-floor.sh: build $amw first (meson compile -C $build)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "import-floor.sh: needs the sqlite3 shell" >&2; exit 1; }

# An empty database with the app's schema: an import of an empty document creates it.
printf '%s\n' '{"format": "amw-desk", "version": 1, "as_of": null,' \
  '"selection": {"kind": "all", "description": "All articles"},' \
  '"articles": [], "companies": [], "timeline": []}' > "$work/none.json"
"$amw" --db "$work/empty.db" --create --import "$work/none.json" >/dev/null
indexes=$(sqlite3 "$work/empty.db" "SELECT group_concat (sql || ';', ' ') FROM sqlite_schema
                                    WHERE type = 'index' AND tbl_name IN ('articles', 'events')
                                    AND sql IS NOT NULL")
drops=$(sqlite3 "$work/empty.db" "SELECT group_concat ('DROP INDEX ' || name || ';', ' ')
                                  FROM sqlite_schema WHERE type = 'index'
                                  AND tbl_name IN ('articles', 'events') AND sql IS NOT NULL")
# Without the import's entry in the change log: the floor starts from no rows at all.
sqlite3 "$work/empty.db" "$drops DELETE FROM changes;"

cat > "$work/copy.sql" <<EOF
.dbconfig enable_trigger off
.timer on
PRAGMA cache_size = -262144;
PRAGMA foreign_keys = $foreign_keys;
ATTACH '$src' AS src;
BEGIN;
INSERT INTO companies SELECT * FROM src.companies ORDER BY pk;
INSERT INTO company_aliases SELECT * FROM src.company_aliases;
INSERT INTO tags SELECT * FROM src.tags;
INSERT INTO areas SELECT * FROM src.areas;
INSERT INTO articles (pk, id, title, source, url, published, summary, amw_read, notes, novelty,
                      significance, rated_by, rated_at, status, created_at, updated_at)
  SELECT pk, id, title, source, url, published, summary, amw_read, notes, novelty,
         significance, rated_by, rated_at, status, created_at, updated_at
  FROM src.articles ORDER BY pk;
INSERT INTO article_tags SELECT * FROM src.article_tags;
INSERT INTO article_areas SELECT * FROM src.article_areas;
INSERT INTO article_companies SELECT * FROM src.article_companies;
INSERT INTO funding_rounds SELECT * FROM src.funding_rounds ORDER BY pk;
INSERT INTO events SELECT * FROM src.events ORDER BY pk;
INSERT INTO event_companies SELECT * FROM src.event_companies;
INSERT INTO connections SELECT * FROM src.connections;
$indexes
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO articles_fts (rowid, title, summary, amw_read)
  SELECT fts_key, title, summary, amw_read FROM articles ORDER BY fts_key;
COMMIT;
EOF

totals=()
for ((r = 1; r <= runs; r++)); do
  cp "$work/empty.db" "$work/floor.db"
  start=$(date +%s%N)
  sqlite3 "$work/floor.db" < "$work/copy.sql" > "$work/steps.txt"
  end=$(date +%s%N)
  totals+=($(( (end - start) / 1000000 )))
  if [ "$r" = 1 ]; then
    echo "steps of run 1 (real / user / sys, s), in the order of copy.sql:"
    grep '^Run Time' "$work/steps.txt" | sed 's/^/  /'
    sqlite3 "$work/floor.db" "PRAGMA quick_check" | grep -qx ok || { echo "import-floor.sh: copy is not sound" >&2; exit 1; }
  fi
done
sorted=($(printf '%s\n' "${totals[@]}" | sort -n))
echo "total with foreign keys $foreign_keys, ms (runs: ${totals[*]}): median ${sorted[$((runs / 2))]} [${sorted[0]}–${sorted[$((runs - 1))]}]"
