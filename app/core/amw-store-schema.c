/* amw-store-schema.c — the schema, one migration function per version */
#include "amw-config.h"

#include <glib/gi18n-lib.h>
#include "amw-store-schema.h"

/* 'AMWD': marks a file as ours, so that a foreign SQLite file is never migrated. */
#define AMW_APPLICATION_ID 0x414d5744
#define AMW_APPLICATION_ID_DECIMAL 1095587652

/* date (x, '+0 days') normalises impossible days (2026-02-30 becomes 2026-03-02), so
 * comparing it with x accepts real calendar dates only. */
static const char schema_v1[] =
  "CREATE TABLE articles ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE CHECK (length (id) BETWEEN 1 AND 200),"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  source TEXT,"
  "  url TEXT CHECK (url IS NULL OR url LIKE 'http://_%' OR url LIKE 'https://_%'),"
  "  published TEXT NOT NULL CHECK (date (published, '+0 days') IS published),"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  amw_read TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  novelty INTEGER CHECK (novelty IS NULL OR novelty BETWEEN 1 AND 5),"
  "  significance INTEGER CHECK (significance IS NULL OR significance BETWEEN 1 AND 5),"
  "  rated_by TEXT,"
  "  rated_at TEXT,"
  "  status TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (status IN ('draft', 'in-review', 'ready', 'published', 'archived')),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX articles_by_published ON articles (published, pk);"
  "CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, pk);"
  "CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, pk);"
  "CREATE INDEX articles_by_novelty ON articles (novelty, pk);"
  "CREATE INDEX articles_by_significance ON articles (significance, pk);"
  "CREATE INDEX articles_by_status ON articles (status, published, pk);"
  "CREATE INDEX articles_by_updated ON articles (updated_at, pk);"

  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, amw_read, content='articles', content_rowid='pk',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
  "    VALUES (new.pk, new.title, new.summary, new.amw_read);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
  "    VALUES ('delete', old.pk, old.title, old.summary, old.amw_read);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, amw_read ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
  "    VALUES ('delete', old.pk, old.title, old.summary, old.amw_read);"
  "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
  "    VALUES (new.pk, new.title, new.summary, new.amw_read);"
  "END;"

  "CREATE TABLE areas ("
  "  pk INTEGER PRIMARY KEY,"
  "  area TEXT NOT NULL CHECK (length (area) > 0),"
  "  facet TEXT NOT NULL CHECK (length (facet) > 0),"
  "  UNIQUE (area, facet)"
  ");"
  "CREATE TABLE article_areas ("
  "  article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,"
  "  area INTEGER NOT NULL REFERENCES areas (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (article, area)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_areas_by_area ON article_areas (area, article);"

  "CREATE TABLE tags ("
  "  pk INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0)"
  ");"
  "CREATE TABLE article_tags ("
  "  article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,"
  "  tag INTEGER NOT NULL REFERENCES tags (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (article, tag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_tags_by_tag ON article_tags (tag, article);"

  "CREATE TABLE companies ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE CHECK (length (id) BETWEEN 1 AND 200),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  website TEXT CHECK (website IS NULL OR website LIKE 'http://_%' OR website LIKE 'https://_%'),"
  "  hq_city TEXT,"
  "  hq_country TEXT,"
  "  founded INTEGER CHECK (founded IS NULL OR founded BETWEEN 1800 AND 2100),"
  "  status TEXT NOT NULL DEFAULT 'active'"
  "    CHECK (status IN ('active', 'acquired', 'public', 'closed')),"
  "  ticker TEXT,"
  "  sector TEXT,"
  "  employees TEXT,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  last_verified TEXT CHECK (last_verified IS NULL OR date (last_verified, '+0 days') IS last_verified),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX companies_by_name ON companies (name COLLATE NOCASE);"
  "CREATE TABLE company_aliases ("
  "  company INTEGER NOT NULL REFERENCES companies (pk) ON DELETE CASCADE,"
  "  alias TEXT NOT NULL CHECK (length (alias) > 0),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (company, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX company_aliases_by_alias ON company_aliases (alias COLLATE NOCASE);"
  "CREATE TABLE article_companies ("
  "  article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,"
  "  company INTEGER NOT NULL REFERENCES companies (pk) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('subject', 'mentioned')),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (article, company)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_companies_by_company ON article_companies (company, article);"

  "CREATE TABLE funding_rounds ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  company INTEGER NOT NULL REFERENCES companies (pk) ON DELETE CASCADE,"
  "  announced TEXT NOT NULL CHECK (date (announced, '+0 days') IS announced),"
  "  round_type TEXT NOT NULL,"
  "  amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor >= 0),"
  "  currency TEXT CHECK (currency IS NULL OR (length (currency) = 3 AND currency = upper (currency))),"
  "  amount_usd_minor INTEGER CHECK (amount_usd_minor IS NULL OR amount_usd_minor >= 0),"
  "  post_money_minor INTEGER CHECK (post_money_minor IS NULL OR post_money_minor >= 0),"
  "  post_money_currency TEXT,"
  "  lead_investors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (lead_investors)),"
  "  participants TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (participants)),"
  "  source_article INTEGER REFERENCES articles (pk) ON DELETE SET NULL,"
  "  CHECK ((amount_minor IS NULL) = (currency IS NULL))"
  ");"
  "CREATE INDEX funding_rounds_by_company ON funding_rounds (company, announced);"

  "CREATE TABLE events ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE CHECK (length (id) BETWEEN 1 AND 200),"
  "  date TEXT NOT NULL CHECK (date (date, '+0 days') IS date),"
  "  precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('funding', 'partnership', 'release', 'policy',"
  "                                     'people', 'legal', 'other')),"
  "  source_article INTEGER REFERENCES articles (pk) ON DELETE SET NULL,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX events_by_date ON events (date, pk);"
  "CREATE INDEX events_by_source ON events (source_article);"
  "CREATE TABLE event_companies ("
  "  event INTEGER NOT NULL REFERENCES events (pk) ON DELETE CASCADE,"
  "  company INTEGER NOT NULL REFERENCES companies (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event, company)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_companies_by_company ON event_companies (company, event);"

  "CREATE TABLE connections ("
  "  article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  target_article INTEGER REFERENCES articles (pk) ON DELETE CASCADE,"
  "  target_event INTEGER REFERENCES events (pk) ON DELETE CASCADE,"
  "  PRIMARY KEY (article, position),"
  "  CHECK ((target_article IS NULL) <> (target_event IS NULL))"
  ") WITHOUT ROWID;"
  "CREATE INDEX connections_by_article_target ON connections (target_article);"
  "CREATE INDEX connections_by_event_target ON connections (target_event);"

  /* state: 0 done, 1 undone (redo possible), 2 undone and no longer redoable */
  "CREATE TABLE changes ("
  "  pk INTEGER PRIMARY KEY,"
  "  group_id INTEGER NOT NULL,"
  "  description TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  at TEXT NOT NULL,"
  "  editor TEXT NOT NULL,"
  "  undoable INTEGER NOT NULL DEFAULT 1,"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2))"
  ");"
  "CREATE INDEX changes_by_group ON changes (group_id);"
  "CREATE INDEX changes_by_state ON changes (state, group_id);"
  "CREATE INDEX changes_by_entity ON changes (entity, entity_id, pk);";

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, schema_v1, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_FAILED,
                   _("Could not create the database schema: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Version 2.
 * - The FTS rowid is no longer the article's pk but a key that sorts like the default list
 *   (newest first): the publication day in the high 32 bits, the pk in the low 32. A search
 *   sorted by date then reads the FTS index in rowid order and stops after one page,
 *   instead of sorting every match (2 s for a broad search over 1M articles).
 * - company_aliases puts its primary-key columns first: SQLite 3.40.1's quick_check
 *   wrongly reports "NULL value in company_aliases.alias" for a NOT NULL column before a
 *   primary-key column of a WITHOUT ROWID table, and the store now checks files it opens. */
static const char schema_v2[] =
  "DROP TRIGGER articles_fts_insert;"
  "DROP TRIGGER articles_fts_delete;"
  "DROP TRIGGER articles_fts_update;"
  "DROP TABLE articles_fts;"
  "ALTER TABLE articles ADD COLUMN fts_key INTEGER"
  "  GENERATED ALWAYS AS (unixepoch (published) / 86400 * 4294967296 + pk) VIRTUAL;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, amw_read, content='articles', content_rowid='fts_key',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
  /* In rowid order, which FTS5 writes fastest. */
  "INSERT INTO articles_fts (rowid, title, summary, amw_read)"
  "  SELECT fts_key, title, summary, amw_read FROM articles ORDER BY published, pk;"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
  "    VALUES (new.fts_key, new.title, new.summary, new.amw_read);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
  "    VALUES ('delete', old.fts_key, old.title, old.summary, old.amw_read);"
  "END;"
  "CREATE TRIGGER articles_fts_update"
  "  AFTER UPDATE OF title, summary, amw_read, published ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
  "    VALUES ('delete', old.fts_key, old.title, old.summary, old.amw_read);"
  "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
  "    VALUES (new.fts_key, new.title, new.summary, new.amw_read);"
  "END;"

  "CREATE TABLE company_aliases_v2 ("
  "  company INTEGER NOT NULL REFERENCES companies (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  alias TEXT NOT NULL CHECK (length (alias) > 0),"
  "  PRIMARY KEY (company, position)"
  ") WITHOUT ROWID;"
  "INSERT INTO company_aliases_v2 (company, position, alias)"
  "  SELECT company, position, alias FROM company_aliases;"
  "DROP TABLE company_aliases;"
  "ALTER TABLE company_aliases_v2 RENAME TO company_aliases;"
  "CREATE INDEX company_aliases_by_alias ON company_aliases (alias COLLATE NOCASE);";

static gboolean
migrate_to_2 (sqlite3  *db,
              GError  **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, schema_v2, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*MigrationFunc) (sqlite3 *db, GError **error);

/* migrations[n] brings a database from version n to n + 1; PRAGMAs take no bound
 * parameters, so each version's bump is a constant of its own. */
static const MigrationFunc migrations[] = {
  migrate_to_1,
  migrate_to_2,
};
static const char * const version_bumps[] = {
  "PRAGMA user_version = 1",
  "PRAGMA user_version = 2",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == AMW_STORE_SCHEMA_VERSION);
G_STATIC_ASSERT (G_N_ELEMENTS (version_bumps) == AMW_STORE_SCHEMA_VERSION);
G_STATIC_ASSERT (AMW_APPLICATION_ID == AMW_APPLICATION_ID_DECIMAL);

static gboolean
exec_simple (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_FAILED, "%s", message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_int_pragma (sqlite3     *db,
                 const char  *sql,
                 gint64      *out,
                 int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

gboolean
amw_store_schema_inspect (sqlite3     *db,
                          const char  *shown_path,
                          int         *version_out,
                          GError     **error)
{
  gint64 version = 0, application_id = 0, n_objects = 0;
  int rc;

  /* These reads are the first touch of the file: a file that is not SQLite fails here,
   * before anything could be written to it. */
  if (!read_int_pragma (db, "PRAGMA user_version", &version, &rc) ||
      !read_int_pragma (db, "PRAGMA application_id", &application_id, &rc) ||
      !read_int_pragma (db, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    {
      int primary = rc & 0xff;

      if (primary == SQLITE_NOTADB)
        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_AMW,
                     _("%s is not an AMW Desk database (not an SQLite file)"), shown_path);
      else if (primary == SQLITE_CORRUPT)
        g_set_error (error, AMW_ERROR, AMW_ERROR_CORRUPT,
                     _("%s is damaged: %s"), shown_path, sqlite3_errstr (rc));
      else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        g_set_error (error, AMW_ERROR, AMW_ERROR_BUSY,
                     _("%s is locked by another program"), shown_path);
      else
        g_set_error (error, AMW_ERROR, AMW_ERROR_IO,
                     _("Could not read %s: %s"), shown_path, sqlite3_errstr (rc));
      return FALSE;
    }

  /* Only a blank SQLite file (no tables, no id, no version) is ours to fill: an id or a
   * version set by another program marks its file even before it has tables, and every
   * AMW Desk file with a version has our id (set with version 1). */
  if (application_id != AMW_APPLICATION_ID &&
      (n_objects > 0 || application_id != 0 || version > 0))
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_AMW,
                   _("%s is an SQLite database of another program, not an AMW Desk database"), shown_path);
      return FALSE;
    }
  /* No AMW Desk writes a negative version, and the migrations are indexed by it. */
  if (version < 0)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_AMW,
                   _("%s has schema version %lld, which no AMW Desk writes; it was left untouched"),
                   shown_path, (long long) version);
      return FALSE;
    }
  if (version > AMW_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_TOO_NEW,
                   _("%s was made by a newer AMW Desk (schema version %lld, this one knows up to %d); "
                     "it was left untouched"),
                   shown_path, (long long) version, AMW_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  *version_out = (int) version;
  return TRUE;
}

gboolean
amw_store_schema_migrate (sqlite3     *db,
                          int          from_version,
                          GError     **error)
{
  g_return_val_if_fail (from_version >= 0, FALSE);

  for (int version = from_version; version < AMW_STORE_SCHEMA_VERSION; version++)
    {
      /* IMMEDIATE: a second process migrating at the same time waits instead of racing. */
      if (!exec_simple (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      {
        gint64 current = version;
        int rc;

        /* Another process may have migrated while we waited for the lock. */
        if (read_int_pragma (db, "PRAGMA user_version", &current, &rc) && current > version)
          {
            exec_simple (db, "ROLLBACK", NULL);
            return amw_store_schema_migrate (db, (int) current, error);
          }
      }
      if (!migrations[version] (db, error) ||
          (version == 0 && !exec_simple (db, "PRAGMA application_id = " G_STRINGIFY (AMW_APPLICATION_ID_DECIMAL), error)) ||
          !exec_simple (db, version_bumps[version], error) ||
          !exec_simple (db, "COMMIT", error))
        {
          exec_simple (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), version + 1);
          return FALSE;
        }
    }
  return TRUE;
}
