/* amw-store-import.c — writing an import: one transaction, with the bulk work done in bulk.
 *
 * Written record by record through the FTS triggers, a large import is slow
 * (docs/PERFORMANCE.md, fix 3): each INSERT INTO articles runs the FTS5 trigger in its own
 * statement savepoint, and FTS5 flushes its pending terms at every savepoint, so each
 * article becomes an index segment of its own, merged again and again; and every
 * single-row statement pays for its savepoint, its cursors and, for a CHECK of the form
 * `x IN ('a', 'b', 'c')`, an ephemeral index built for that one row. So, inside the
 * transaction and on this connection only:
 *
 * - the triggers are switched off (SQLITE_DBCONFIG_ENABLE_TRIGGER: a setting of the
 *   connection, nothing in the file changes, other connections keep theirs), but only when
 *   the database has exactly the triggers this file knows how to stand in for;
 * - before anything is written, one statement drops the index entries of the existing
 *   articles whose text the import changes (FTS5 'delete' needs the old values);
 * - at the end, one statement per chunk indexes the new and changed articles, with a
 *   larger FTS5 hash so that it makes few segments;
 * - new articles and events get their pks here (after the largest in use, as SQLite would
 *   give them) and are inserted with their links 64 rows per statement;
 * - ids, tags and areas are looked up once and cached (id → pk), link rows are deleted
 *   only for records that existed, and the page cache is larger for the transaction.
 *
 * A rollback (or a SIGKILL) leaves nothing behind: the FTS work is in the transaction, the
 * connection settings are restored whatever happens, and the caches live only as long as
 * this AmwStoreImport. */
#include "amw-config.h"
#include "amw-store-import.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include "amw-json-values.h"
#include "amw-message.h"
#include "amw-store-private.h"

/* The import's page cache (KiB): the articles' seven indexes take random inserts. */
#define IMPORT_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -262144"
/* FTS5's in-memory hash of pending terms; its default is 1 MiB (FTS5_DEFAULT_HASHSIZE). */
#define IMPORT_FTS_HASHSIZE   (64 * 1024 * 1024)
#define DEFAULT_FTS_HASHSIZE  (1024 * 1024)
/* Articles indexed per statement, so that progress moves during the indexing. */
#define FTS_CHUNK             25000
/* Rows per INSERT statement. */
#define BATCH_ROWS            64

/* The full-text triggers of the schema, as sqlite_schema holds them. The import stands in
 * for exactly these; any other trigger (a changed schema) keeps every trigger on. */
static const char * const known_triggers[][2] = {
  { "articles_fts_delete",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
    "    VALUES ('delete', old.fts_key, old.title, old.summary, old.amw_read);"
    "END" },
  { "articles_fts_insert",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
    "    VALUES (new.fts_key, new.title, new.summary, new.amw_read);"
    "END" },
  { "articles_fts_update",
    "CREATE TRIGGER articles_fts_update"
    "  AFTER UPDATE OF title, summary, amw_read, published ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
    "    VALUES ('delete', old.fts_key, old.title, old.summary, old.amw_read);"
    "  INSERT INTO articles_fts (rowid, title, summary, amw_read)"
    "    VALUES (new.fts_key, new.title, new.summary, new.amw_read);"
    "END" },
};

/* The secondary indexes of the tables an import fills in bulk, as sqlite_schema holds
 * them, in name order. Into an empty table the import writes without them and builds
 * each at the end in one sorted pass, instead of inserting every row at a random place
 * of seven indexes; any other set of indexes (a changed schema) stays as it is. */
typedef struct {
  const char *table;
  const char *name;
  const char *create;
  const char *drop;
} KnownIndex;

static const KnownIndex known_indexes[] = {
  { "articles", "articles_by_novelty",
    "CREATE INDEX articles_by_novelty ON articles (novelty, pk)",
    "DROP INDEX articles_by_novelty" },
  { "articles", "articles_by_published",
    "CREATE INDEX articles_by_published ON articles (published, pk)",
    "DROP INDEX articles_by_published" },
  { "articles", "articles_by_significance",
    "CREATE INDEX articles_by_significance ON articles (significance, pk)",
    "DROP INDEX articles_by_significance" },
  { "articles", "articles_by_source",
    "CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, pk)",
    "DROP INDEX articles_by_source" },
  { "articles", "articles_by_status",
    "CREATE INDEX articles_by_status ON articles (status, published, pk)",
    "DROP INDEX articles_by_status" },
  { "articles", "articles_by_title",
    "CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, pk)",
    "DROP INDEX articles_by_title" },
  { "articles", "articles_by_updated",
    "CREATE INDEX articles_by_updated ON articles (updated_at, pk)",
    "DROP INDEX articles_by_updated" },
  { "events", "events_by_date",
    "CREATE INDEX events_by_date ON events (date, pk)",
    "DROP INDEX events_by_date" },
  { "events", "events_by_source",
    "CREATE INDEX events_by_source ON events (source_article)",
    "DROP INDEX events_by_source" },
};

typedef enum {
  DEFERRED_ARTICLES = 1 << 0,
  DEFERRED_EVENTS = 1 << 1,
} DeferredTables;

typedef enum {
  IMP_TRIGGERS,
  IMP_INDEXES,
  IMP_ARTICLES_EMPTY,
  IMP_COMPANIES_EMPTY,
  IMP_EVENTS_EMPTY,
  IMP_MAX_ARTICLE_PK,
  IMP_MAX_EVENT_PK,
  IMP_ARTICLE_STATE,
  IMP_FTS_DELETE,
  IMP_FTS_INSERT,
  IMP_FTS_HASHSIZE,
  IMP_SET_FTS_HASHSIZE,
  IMP_CACHE_LARGE,
  IMP_CACHE_NORMAL,
  IMP_INSERT_COMPANY,
  IMP_UPDATE_COMPANY,
  IMP_UPDATE_ARTICLE,
  IMP_UPDATE_EVENT,
  N_IMP_STMTS
} ImportStmt;

static const char * const import_sql[N_IMP_STMTS] = {
  [IMP_TRIGGERS] = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
  [IMP_INDEXES] =
    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
    " ORDER BY name",
  [IMP_ARTICLES_EMPTY] = "SELECT NOT EXISTS (SELECT 1 FROM articles)",
  [IMP_COMPANIES_EMPTY] = "SELECT NOT EXISTS (SELECT 1 FROM companies)",
  [IMP_EVENTS_EMPTY] = "SELECT NOT EXISTS (SELECT 1 FROM events)",
  [IMP_MAX_ARTICLE_PK] = "SELECT coalesce (max (pk), 0) FROM articles",
  [IMP_MAX_EVENT_PK] = "SELECT coalesce (max (pk), 0) FROM events",
  /* The pk, and whether the article's FTS row stays the same: its text, and its key
   * (fts_key, from the publication date; schema v2). */
  [IMP_ARTICLE_STATE] =
    "SELECT pk, title IS ?2 AND summary IS ?3 AND amw_read IS ?4 AND published IS ?5"
    " FROM articles WHERE id = ?1",
  [IMP_FTS_DELETE] =
    "INSERT INTO articles_fts (articles_fts, rowid, title, summary, amw_read)"
    " SELECT 'delete', fts_key, title, summary, amw_read FROM articles"
    " WHERE pk IN (SELECT value FROM json_each (?1))",
  /* In key order, which FTS5 writes fastest. */
  [IMP_FTS_INSERT] =
    "INSERT INTO articles_fts (rowid, title, summary, amw_read)"
    " SELECT fts_key, title, summary, amw_read FROM articles"
    " WHERE pk IN (SELECT value FROM json_each (?1)) ORDER BY fts_key",
  [IMP_FTS_HASHSIZE] = "SELECT v FROM articles_fts_config WHERE k = 'hashsize'",
  [IMP_SET_FTS_HASHSIZE] = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', ?1)",
  [IMP_CACHE_LARGE] = IMPORT_CACHE_SIZE_PRAGMA,
  [IMP_CACHE_NORMAL] = AMW_STORE_CACHE_SIZE_PRAGMA,
  /* STMT_UPSERT_COMPANY, _ARTICLE and _EVENT (amw-store.c) split: the import knows which
   * records exist, and an upsert's RETURNING costs an ephemeral table per row. An UPDATE
   * leaves a row that would not change alone: rewriting it rewrites every index that has
   * one of its columns (re-importing the same file changes nothing). */
  [IMP_INSERT_COMPANY] =
    "INSERT INTO companies (id, name, website, hq_city, hq_country, founded, status, ticker,"
    " sector, employees, description, last_verified, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  [IMP_UPDATE_COMPANY] =
    "UPDATE companies SET name = ?2, website = ?3, hq_city = ?4, hq_country = ?5, founded = ?6,"
    " status = ?7, ticker = ?8, sector = ?9, employees = ?10, description = ?11,"
    " last_verified = ?12, created_at = ?13, updated_at = ?14 WHERE id = ?1"
    " AND NOT (name IS ?2 AND website IS ?3 AND hq_city IS ?4 AND hq_country IS ?5"
    " AND founded IS ?6 AND status IS ?7 AND ticker IS ?8 AND sector IS ?9 AND employees IS ?10"
    " AND description IS ?11 AND last_verified IS ?12 AND created_at IS ?13 AND updated_at IS ?14)",
  [IMP_UPDATE_ARTICLE] =
    "UPDATE articles SET title = ?2, source = ?3, url = ?4, published = ?5, summary = ?6,"
    " amw_read = ?7, novelty = ?8, significance = ?9, status = ?10, created_at = ?11,"
    " updated_at = ?12 WHERE id = ?1"
    " AND NOT (title IS ?2 AND source IS ?3 AND url IS ?4 AND published IS ?5 AND summary IS ?6"
    " AND amw_read IS ?7 AND novelty IS ?8 AND significance IS ?9 AND status IS ?10"
    " AND created_at IS ?11 AND updated_at IS ?12)",
  [IMP_UPDATE_EVENT] =
    "UPDATE events SET date = ?2, precision = ?3, title = ?4, kind = ?5, source_article = ?6,"
    " created_at = ?7, updated_at = ?8 WHERE id = ?1"
    " AND NOT (date IS ?2 AND precision IS ?3 AND title IS ?4 AND kind IS ?5"
    " AND source_article IS ?6 AND created_at IS ?7 AND updated_at IS ?8)",
};

/* Multi-row INSERTs: the statement is batch_inserts[] followed by BATCH_ROWS (or fewer)
 * copies of batch_rows[], comma-separated. Parents come before their links. */
typedef enum {
  BATCH_ARTICLES,
  BATCH_ARTICLE_AREAS,
  BATCH_ARTICLE_TAGS,
  BATCH_ARTICLE_COMPANIES,
  BATCH_EVENTS,
  BATCH_EVENT_COMPANIES,
  BATCH_CONNECTIONS,
  N_BATCHES
} BatchId;

static const char * const batch_inserts[N_BATCHES] = {
  [BATCH_ARTICLES] =
    "INSERT INTO articles (pk, id, title, source, url, published, summary, amw_read, novelty,"
    " significance, status, created_at, updated_at) VALUES ",
  [BATCH_ARTICLE_AREAS] = "INSERT INTO article_areas (article, area, position) VALUES ",
  [BATCH_ARTICLE_TAGS] = "INSERT INTO article_tags (article, tag, position) VALUES ",
  [BATCH_ARTICLE_COMPANIES] = "INSERT INTO article_companies (article, company, role, position) VALUES ",
  [BATCH_EVENTS] =
    "INSERT INTO events (pk, id, date, precision, title, kind, source_article, created_at,"
    " updated_at) VALUES ",
  [BATCH_EVENT_COMPANIES] = "INSERT INTO event_companies (event, company, position) VALUES ",
  [BATCH_CONNECTIONS] =
    "INSERT INTO connections (article, position, target_article, target_event) VALUES ",
};

static const char * const batch_rows[N_BATCHES] = {
  [BATCH_ARTICLES] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [BATCH_ARTICLE_AREAS] = "(?, ?, ?)",
  [BATCH_ARTICLE_TAGS] = "(?, ?, ?)",
  [BATCH_ARTICLE_COMPANIES] = "(?, ?, ?, ?)",
  [BATCH_EVENTS] = "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [BATCH_EVENT_COMPANIES] = "(?, ?, ?)",
  [BATCH_CONNECTIONS] = "(?, ?, ?, ?)",
};

static const guint batch_columns[N_BATCHES] = {
  [BATCH_ARTICLES] = 13,
  [BATCH_ARTICLE_AREAS] = 3,
  [BATCH_ARTICLE_TAGS] = 3,
  [BATCH_ARTICLE_COMPANIES] = 4,
  [BATCH_EVENTS] = 9,
  [BATCH_EVENT_COMPANIES] = 3,
  [BATCH_CONNECTIONS] = 4,
};

/* The batches flushed together, parents first. */
typedef enum {
  GROUP_NONE,
  GROUP_ARTICLES,
  GROUP_EVENTS,
  GROUP_CONNECTIONS,
} Group;

static Group
batch_group (BatchId id)
{
  return id <= BATCH_ARTICLE_COMPANIES ? GROUP_ARTICLES : id <= BATCH_EVENT_COMPANIES ? GROUP_EVENTS
                                                                                      : GROUP_CONNECTIONS;
}

static const char *
batch_what (BatchId id)
{
  switch (id)
    {
    case BATCH_ARTICLES: return _("Could not write an article");
    case BATCH_ARTICLE_AREAS: return _("Could not link a knowledge area");
    case BATCH_ARTICLE_TAGS: return _("Could not tag an article");
    case BATCH_ARTICLE_COMPANIES: return _("Could not link a company");
    case BATCH_EVENTS: return _("Could not write an event");
    case BATCH_EVENT_COMPANIES: return _("Could not link an event to a company");
    default: return _("Could not write a connection");
    }
}

/* A value waiting in a batch; texts are borrowed from the records being imported, which
 * outlive the import. */
typedef struct {
  enum { VALUE_NULL, VALUE_INT, VALUE_TEXT } type;
  union {
    gint64      integer;
    const char *text;
  };
} Value;

typedef struct {
  Value        *values;                    /* BATCH_ROWS rows */
  guint         n_rows;
  sqlite3_stmt *stmts[BATCH_ROWS + 1];     /* by number of rows, prepared when needed */
} Batch;

/* A cached pk; the key of its hash table is @key, inside the same allocation. */
typedef struct {
  gint64   pk;
  gboolean existed;   /* in the database before the import: its old links are deleted */
  char     key[];
} Entry;

struct _AmwStoreImport
{
  AmwStore     *store;
  sqlite3_stmt *stmts[N_IMP_STMTS];
  Batch         batches[N_BATCHES];
  gboolean      defer_fts;        /* triggers off, index written in bulk */
  gboolean      hashsize_set;
  gboolean      cache_enlarged;
  gint64        old_hashsize;     /* 0: not set in the database */
  gboolean      companies_were_empty;
  gboolean      events_were_empty;
  DeferredTables deferred_indexes; /* dropped, built again before the commit */
  gint64        next_article_pk;
  gint64        next_event_pk;
  guint         n_articles;       /* of the import: at most this many to index */

  GHashTable   *articles;         /* id → Entry */
  GHashTable   *companies;        /* id → Entry */
  GHashTable   *events;           /* id → Entry */
  GHashTable   *tags;             /* ASCII-lowercased name → Entry (tags are COLLATE NOCASE) */
  GHashTable   *areas;            /* "len:area\nfacet" → Entry */
  GArray       *to_index;         /* gint64 pks of new and changed articles */
};

static Entry *
entry_add (GHashTable *table,
           const char *key,
           gint64      pk,
           gboolean    existed)
{
  gsize length = strlen (key);
  Entry *entry = g_malloc (sizeof (Entry) + length + 1);

  entry->pk = pk;
  entry->existed = existed;
  memcpy (entry->key, key, length + 1);
  g_hash_table_replace (table, entry->key, entry);
  return entry;
}

static GHashTable *
entry_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static sqlite3_stmt *
import_stmt (AmwStoreImport  *import,
             ImportStmt       id,
             GError         **error)
{
  sqlite3_stmt **slot = &import->stmts[id];

  if (*slot == NULL)
    {
      int rc = sqlite3_prepare_v3 (import->store->db, import_sql[id], -1, 0, slot, NULL);

      if (rc != SQLITE_OK)
        {
          amw_store_fail (import->store, rc, _("Could not prepare a statement"), error);
          return NULL;
        }
    }
  sqlite3_reset (*slot);
  sqlite3_clear_bindings (*slot);
  return *slot;
}

/* Runs a statement of one integer result; FALSE on an error. */
static gboolean
query_int (AmwStoreImport  *import,
           ImportStmt       id,
           gint64          *value,
           gboolean        *found,
           GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return amw_store_fail (import->store, rc, _("Could not start the import"), error);
  return TRUE;
}

static gboolean
exec_import_stmt (AmwStoreImport  *import,
                  ImportStmt       id,
                  const char      *what,
                  GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, id, error);

  return stmt != NULL && amw_store_exec_stmt (import->store, stmt, what, error);
}

/* ---- batches ---- */

static sqlite3_stmt *
batch_stmt (AmwStoreImport  *import,
            BatchId          id,
            guint            n_rows,
            GError         **error)
{
  sqlite3_stmt **slot = &import->batches[id].stmts[n_rows];

  if (*slot == NULL)
    {
      g_autoptr(GString) sql = g_string_new (batch_inserts[id]);
      int rc;

      for (guint i = 0; i < n_rows; i++)
        {
          if (i > 0)
            g_string_append (sql, ", ");
          g_string_append (sql, batch_rows[id]);
        }
      rc = sqlite3_prepare_v3 (import->store->db, sql->str, -1, 0, slot, NULL);
      if (rc != SQLITE_OK)
        {
          amw_store_fail (import->store, rc, _("Could not prepare a statement"), error);
          return NULL;
        }
    }
  sqlite3_reset (*slot);
  return *slot;
}

static gboolean
flush_batch (AmwStoreImport  *import,
             BatchId          id,
             GError         **error)
{
  Batch *batch = &import->batches[id];
  guint n_values = batch->n_rows * batch_columns[id];
  sqlite3_stmt *stmt;

  if (batch->n_rows == 0)
    return TRUE;
  if ((stmt = batch_stmt (import, id, batch->n_rows, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      Value *value = &batch->values[i];

      if (value->type == VALUE_INT)
        sqlite3_bind_int64 (stmt, (int) i + 1, value->integer);
      else if (value->type == VALUE_TEXT)
        sqlite3_bind_text (stmt, (int) i + 1, value->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, (int) i + 1);
    }
  batch->n_rows = 0;
  if (!amw_store_exec_stmt (import->store, stmt, batch_what (id), error))
    return FALSE;
  /* No text pointer outlives the row it belongs to. */
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static gboolean
flush_group (AmwStoreImport  *import,
             Group            group,
             GError         **error)
{
  for (BatchId id = 0; id < N_BATCHES; id++)
    if (batch_group (id) == group && !flush_batch (import, id, error))
      return FALSE;
  return TRUE;
}

/* Before a step of another kind: everything waiting is written (rounds and events refer
 * to articles, connections to articles and events). */
static gboolean
flush_others (AmwStoreImport  *import,
              Group            current,
              GError         **error)
{
  for (Group group = GROUP_ARTICLES; group <= GROUP_CONNECTIONS; group++)
    if (group != current && !flush_group (import, group, error))
      return FALSE;
  return TRUE;
}

/* The values of a new row of @id, to be filled in; when the batch is full, its group is
 * written first. */
static Value *
batch_row (AmwStoreImport  *import,
           BatchId          id,
           GError         **error)
{
  Batch *batch = &import->batches[id];

  if (batch->n_rows == BATCH_ROWS && !flush_group (import, batch_group (id), error))
    return NULL;
  return &batch->values[batch->n_rows++ * batch_columns[id]];
}

static void
set_int (Value  *value,
         gint64  integer)
{
  value->type = VALUE_INT;
  value->integer = integer;
}

static void
set_text (Value      *value,
          const char *text)
{
  value->type = VALUE_TEXT;
  value->text = text != NULL ? text : "";
}

static void
set_text_or_null (Value      *value,
                  const char *text)
{
  value->type = text != NULL ? VALUE_TEXT : VALUE_NULL;
  value->text = text;
}

static void
set_rating (Value *value,
            int    rating)
{
  if (rating >= 1 && rating <= 5)
    set_int (value, rating);
  else
    value->type = VALUE_NULL;
}

/* Three-column links: (owner, target, position). */
static gboolean
add_link (AmwStoreImport  *import,
          BatchId          id,
          gint64           owner,
          gint64           target,
          guint            position,
          GError         **error)
{
  Value *row = batch_row (import, id, error);

  if (row == NULL)
    return FALSE;
  set_int (&row[0], owner);
  set_int (&row[1], target);
  set_int (&row[2], position);
  return TRUE;
}

/* ---- the connection's settings ---- */

/* TRUE when the database's triggers are exactly known_triggers. */
static gboolean
has_known_triggers (AmwStoreImport  *import,
                    gboolean        *known,
                    GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, IMP_TRIGGERS, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  *known = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      if (n >= G_N_ELEMENTS (known_triggers) || g_strcmp0 (name, known_triggers[n][0]) != 0 ||
          g_strcmp0 (sql, known_triggers[n][1]) != 0)
        *known = FALSE;
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return amw_store_fail (import->store, rc, _("Could not start the import"), error);
  *known = *known && n == G_N_ELEMENTS (known_triggers);
  return TRUE;
}

static void
set_triggers (AmwStoreImport *import,
              gboolean        enabled)
{
  sqlite3_db_config (import->store->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, NULL);
}

/* Whether @table has exactly its known_indexes. */
static gboolean
has_known_indexes (AmwStoreImport  *import,
                   const char      *table,
                   gboolean        *known,
                   GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, IMP_INDEXES, error);
  guint next = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (next < G_N_ELEMENTS (known_indexes) && strcmp (known_indexes[next].table, table) != 0)
    next++;
  *known = TRUE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      if (next >= G_N_ELEMENTS (known_indexes) || strcmp (known_indexes[next].table, table) != 0 ||
          g_strcmp0 (name, known_indexes[next].name) != 0 || g_strcmp0 (sql, known_indexes[next].create) != 0)
        *known = FALSE;
      next++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return amw_store_fail (import->store, rc, _("Could not start the import"), error);
  *known = *known && (next >= G_N_ELEMENTS (known_indexes) || strcmp (known_indexes[next].table, table) != 0);
  return TRUE;
}

/* Drops (@build FALSE) or builds the known indexes of @table, inside the transaction. */
static gboolean
run_index_ddl (AmwStoreImport  *import,
               const char      *table,
               gboolean         build,
               GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_indexes); i++)
    {
      int rc;

      if (strcmp (known_indexes[i].table, table) != 0)
        continue;
      rc = sqlite3_exec (import->store->db, build ? known_indexes[i].create : known_indexes[i].drop,
                         NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return amw_store_fail (import->store, rc, build ? _("Could not build an index")
                                                        : _("Could not start the import"), error);
    }
  return TRUE;
}

/* Into an empty table, rows go in without the secondary indexes (see known_indexes). */
static gboolean
defer_indexes (AmwStoreImport  *import,
               const char      *table,
               DeferredTables   flag,
               GError         **error)
{
  gboolean known = FALSE;

  if (!has_known_indexes (import, table, &known, error))
    return FALSE;
  if (!known)
    return TRUE;
  if (!run_index_ddl (import, table, FALSE, error))
    return FALSE;
  import->deferred_indexes |= flag;
  return TRUE;
}

static gboolean
build_deferred_indexes (AmwStoreImport  *import,
                        GError         **error)
{
  if ((import->deferred_indexes & DEFERRED_ARTICLES) &&
      !run_index_ddl (import, "articles", TRUE, error))
    return FALSE;
  if ((import->deferred_indexes & DEFERRED_EVENTS) &&
      !run_index_ddl (import, "events", TRUE, error))
    return FALSE;
  import->deferred_indexes = 0;
  return TRUE;
}

static gboolean
set_hashsize (AmwStoreImport  *import,
              gint64           size,
              GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, IMP_SET_FTS_HASHSIZE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, size);
  return amw_store_exec_stmt (import->store, stmt, _("Could not update the search index"), error);
}

/* A larger FTS5 hash of pending terms for the bulk statements. Done only just before them:
 * once the FTS table is written in a transaction, every later statement of it pays for a
 * savepoint in FTS5 too. */
static gboolean
enlarge_hashsize (AmwStoreImport  *import,
                  GError         **error)
{
  gint64 value = 0;
  gboolean found;

  if (import->hashsize_set)
    return TRUE;
  if (!query_int (import, IMP_FTS_HASHSIZE, &value, &found, error))
    return FALSE;
  import->old_hashsize = found ? value : 0;
  if (!set_hashsize (import, IMPORT_FTS_HASHSIZE, error))
    return FALSE;
  import->hashsize_set = TRUE;
  return TRUE;
}

/* "[pk,pk,…]" of @pks[@start … @start + @n), for json_each (). */
static char *
pk_list (GArray *pks,
         guint   start,
         guint   n)
{
  GString *text = g_string_sized_new (n * 8 + 2);

  g_string_append_c (text, '[');
  for (guint i = start; i < start + n; i++)
    g_string_append_printf (text, i > start ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (pks, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static gboolean
run_fts (AmwStoreImport  *import,
         ImportStmt       id,
         GArray          *pks,
         guint            start,
         guint            n,
         GError         **error)
{
  sqlite3_stmt *stmt = import_stmt (import, id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pk_list (pks, start, n), -1, g_free);
  return amw_store_exec_stmt (import->store, stmt, _("Could not update the search index"), error);
}

static int
compare_pks (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
restore_connection (AmwStoreImport *import)
{
  if (import->defer_fts)
    set_triggers (import, TRUE);
  import->defer_fts = FALSE;
  if (import->cache_enlarged)
    exec_import_stmt (import, IMP_CACHE_NORMAL, "cache", NULL);
  import->cache_enlarged = FALSE;
}

static void
import_free (AmwStoreImport *import)
{
  restore_connection (import);
  for (guint i = 0; i < N_IMP_STMTS; i++)
    sqlite3_finalize (import->stmts[i]);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      for (guint j = 0; j <= BATCH_ROWS; j++)
        sqlite3_finalize (import->batches[i].stmts[j]);
      g_free (import->batches[i].values);
    }
  g_hash_table_unref (import->articles);
  g_hash_table_unref (import->companies);
  g_hash_table_unref (import->events);
  g_hash_table_unref (import->tags);
  g_hash_table_unref (import->areas);
  g_array_unref (import->to_index);
  g_object_unref (import->store);
  g_free (import);
}

void
amw_store_import_abort (AmwStoreImport *import)
{
  if (import == NULL)
    return;
  amw_store_rollback (import->store);
  import_free (import);
}

gboolean
amw_store_import_defers_fts (AmwStoreImport *import)
{
  return import->defer_fts;
}

/* ---- beginning ---- */

/* Notes which articles exist, and drops the index entries of those whose text changes
 * (with the values indexed now, before they are overwritten). */
static gboolean
prepare_articles (AmwStoreImport  *import,
                  GPtrArray       *articles,
                  GError         **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 empty = 0;
  gboolean found;

  if (!query_int (import, IMP_ARTICLES_EMPTY, &empty, &found, error))
    return FALSE;
  if (empty)
    return defer_indexes (import, "articles", DEFERRED_ARTICLES, error);
  for (guint i = 0; i < articles->len; i++)
    {
      const AmwArticle *article = g_ptr_array_index (articles, i);
      sqlite3_stmt *stmt = import_stmt (import, IMP_ARTICLE_STATE, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, article->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, article->title ? article->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, article->summary ? article->summary : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, article->amw_read ? article->amw_read : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, article->published, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 pk = sqlite3_column_int64 (stmt, 0);

          entry_add (import->articles, article->id, pk, TRUE);
          if (!sqlite3_column_int (stmt, 1))
            g_array_append_val (changed, pk);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return amw_store_fail (import->store, rc, _("Could not read an article"), error);
    }
  if (import->defer_fts && changed->len > 0)
    {
      if (!enlarge_hashsize (import, error) ||
          !run_fts (import, IMP_FTS_DELETE, changed, 0, changed->len, error))
        return FALSE;
      g_array_append_vals (import->to_index, changed->data, changed->len);
    }
  return TRUE;
}

AmwStoreImport *
amw_store_import_begin (AmwStore   *store,
                        GPtrArray  *articles,
                        GError    **error)
{
  AmwStoreImport *import;
  gboolean known = FALSE, found;
  gint64 value = 0;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (articles != NULL, NULL);

  if (!amw_store_begin (store, error))
    return NULL;
  import = g_new0 (AmwStoreImport, 1);
  import->store = g_object_ref (store);
  import->n_articles = articles->len;
  for (guint i = 0; i < N_BATCHES; i++)
    import->batches[i].values = g_new (Value, BATCH_ROWS * batch_columns[i]);
  import->articles = entry_table_new ();
  import->companies = entry_table_new ();
  import->events = entry_table_new ();
  import->tags = entry_table_new ();
  import->areas = entry_table_new ();
  import->to_index = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The schema is read under the write lock: no one can change it until we commit. */
  if (!has_known_triggers (import, &known, error) ||
      !exec_import_stmt (import, IMP_CACHE_LARGE, _("Could not start the import"), error))
    goto fail;
  import->cache_enlarged = TRUE;
  if (known)
    {
      set_triggers (import, FALSE);
      import->defer_fts = TRUE;
    }
  if (!query_int (import, IMP_COMPANIES_EMPTY, &value, &found, error))
    goto fail;
  import->companies_were_empty = value != 0;
  if (!query_int (import, IMP_EVENTS_EMPTY, &value, &found, error))
    goto fail;
  import->events_were_empty = value != 0;
  if (import->events_were_empty && !defer_indexes (import, "events", DEFERRED_EVENTS, error))
    goto fail;
  /* New records get the pks SQLite would give them, known before they are written. */
  if (!query_int (import, IMP_MAX_ARTICLE_PK, &value, &found, error))
    goto fail;
  import->next_article_pk = value + 1;
  if (!query_int (import, IMP_MAX_EVENT_PK, &value, &found, error))
    goto fail;
  import->next_event_pk = value + 1;
  if (import->next_article_pk > G_MAXINT64 - (gint64) articles->len - 1 ||
      import->next_event_pk > G_MAXINT64 / 2)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_FULL, _("The database has no room for more records"));
      goto fail;
    }
  if (!prepare_articles (import, articles, error))
    goto fail;
  return import;

fail:
  amw_store_import_abort (import);
  return NULL;
}

/* ---- records ---- */

/* The pk of a record by id: cached, or read once (a reference to a record that the import
 * does not write). -1 with @error set when there is none. */
static gint64
lookup (AmwStoreImport  *import,
        AmwStmtId        stmt_id,
        const char      *id,
        GError         **error)
{
  GHashTable *cache = stmt_id == STMT_ARTICLE_PK ? import->articles
                      : stmt_id == STMT_EVENT_PK ? import->events : import->companies;
  Entry *entry = g_hash_table_lookup (cache, id);
  g_autoptr(GError) local_error = NULL;
  gint64 pk;

  if (entry != NULL)
    return entry->pk;
  pk = amw_store_lookup_pk (import->store, stmt_id, id, &local_error);
  if (pk < 0)
    {
      g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

      if (!g_error_matches (local_error, AMW_ERROR, AMW_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (stmt_id == STMT_ARTICLE_PK)
        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("Unknown article “%s”"), shown);
      else if (stmt_id == STMT_EVENT_PK)
        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("Unknown event “%s”"), shown);
      else
        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("Unknown company “%s”"), shown);
      return -1;
    }
  entry_add (cache, id, pk, TRUE);
  return pk;
}

static gboolean
delete_owned (AmwStoreImport  *import,
              AmwStmtId        id,
              gint64           owner,
              const char      *what,
              GError         **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (import->store, id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner);
  return amw_store_exec_stmt (import->store, stmt, what, error);
}

gboolean
amw_store_import_company (AmwStoreImport    *import,
                          const AmwCompany  *company,
                          GError           **error)
{
  AmwStore *store = import->store;
  gint64 pk;
  gboolean existed;
  sqlite3_stmt *stmt;

  if (!flush_others (import, GROUP_NONE, error))
    return FALSE;
  pk = import->companies_were_empty ? -1 : amw_store_lookup_pk (store, STMT_COMPANY_PK, company->id, NULL);
  existed = pk > 0;
  if ((stmt = import_stmt (import, existed ? IMP_UPDATE_COMPANY : IMP_INSERT_COMPANY, error)) == NULL)
    return FALSE;
  amw_bind_company (stmt, company);
  if (!amw_store_exec_stmt (store, stmt, _("Could not write a company"), error))
    return FALSE;
  if (!existed)
    pk = sqlite3_last_insert_rowid (store->db);
  entry_add (import->companies, company->id, pk, existed);

  if (existed && !delete_owned (import, STMT_DELETE_ALIASES, pk, _("Could not write aliases"), error))
    return FALSE;
  for (guint i = 0; i < company->aliases->len; i++)
    {
      if ((stmt = amw_store_stmt (store, STMT_INSERT_ALIAS, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (company->aliases, i), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!amw_store_exec_stmt (store, stmt, _("Could not write an alias"), error))
        return FALSE;
    }
  amw_store_note_change (store, AMW_CHANGE_COMPANIES);
  return TRUE;
}

gboolean
amw_store_import_funding_rounds (AmwStoreImport    *import,
                                 const AmwCompany  *company,
                                 GError           **error)
{
  Entry *entry = g_hash_table_lookup (import->companies, company->id);

  g_return_val_if_fail (entry != NULL, FALSE);

  if (!flush_others (import, GROUP_NONE, error))
    return FALSE;
  if (entry->existed &&
      !delete_owned (import, STMT_DELETE_ROUNDS, entry->pk, _("Could not write funding rounds"), error))
    return FALSE;
  for (guint i = 0; i < company->funding_rounds->len; i++)
    if (!amw_store_write_funding_round (import->store, entry->pk,
                                        g_ptr_array_index (company->funding_rounds, i), error))
      return FALSE;
  amw_store_note_change (import->store, AMW_CHANGE_COMPANIES);
  return TRUE;
}

static gint64
tag_pk (AmwStoreImport  *import,
        const char      *name,
        GError         **error)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  Entry *entry = g_hash_table_lookup (import->tags, key);
  sqlite3_stmt *stmt;
  gint64 pk;

  if (entry != NULL)
    return entry->pk;
  if ((stmt = amw_store_stmt (import->store, STMT_ENSURE_TAG, error)) == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!amw_store_step_returning_pk (import->store, stmt, _("Could not write a tag"), &pk, error))
    return -1;
  entry_add (import->tags, key, pk, TRUE);
  return pk;
}

static gint64
area_pk (AmwStoreImport  *import,
         const AmwPair   *area,
         GError         **error)
{
  /* The length makes the key unambiguous whatever the texts hold. */
  g_autofree char *key = g_strdup_printf ("%zu:%s\n%s", strlen (area->first), area->first, area->second);
  Entry *entry = g_hash_table_lookup (import->areas, key);
  sqlite3_stmt *stmt;
  gint64 pk;

  if (entry != NULL)
    return entry->pk;
  if ((stmt = amw_store_stmt (import->store, STMT_ENSURE_AREA, error)) == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, area->first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, area->second, -1, SQLITE_STATIC);
  if (!amw_store_step_returning_pk (import->store, stmt, _("Could not write a knowledge area"), &pk, error))
    return -1;
  entry_add (import->areas, key, pk, TRUE);
  return pk;
}

gboolean
amw_store_import_article (AmwStoreImport    *import,
                          const AmwArticle  *article,
                          GError           **error)
{
  AmwStore *store = import->store;
  Entry *entry = g_hash_table_lookup (import->articles, article->id);
  gboolean existed = entry != NULL && entry->existed;
  gint64 pk;

  if (!flush_others (import, GROUP_ARTICLES, error))
    return FALSE;
  if (existed)
    {
      sqlite3_stmt *stmt = import_stmt (import, IMP_UPDATE_ARTICLE, error);

      pk = entry->pk;
      if (stmt == NULL)
        return FALSE;
      amw_bind_article (stmt, article);
      if (!amw_store_exec_stmt (store, stmt, _("Could not write an article"), error) ||
          !delete_owned (import, STMT_DELETE_ARTICLE_AREAS, pk, _("Could not write knowledge areas"), error) ||
          !delete_owned (import, STMT_DELETE_ARTICLE_TAGS, pk, _("Could not write tags"), error) ||
          !delete_owned (import, STMT_DELETE_ARTICLE_COMPANIES, pk, _("Could not write companies"), error))
        return FALSE;
    }
  else
    {
      Value *row = batch_row (import, BATCH_ARTICLES, error);

      if (row == NULL)
        return FALSE;
      pk = import->next_article_pk++;
      set_int (&row[0], pk);
      set_text (&row[1], article->id);
      set_text (&row[2], article->title);
      set_text_or_null (&row[3], article->source);
      set_text_or_null (&row[4], article->url);
      set_text (&row[5], article->published);
      set_text (&row[6], article->summary);
      set_text (&row[7], article->amw_read);
      set_rating (&row[8], article->novelty);
      set_rating (&row[9], article->significance);
      set_text (&row[10], article->status ? article->status : "draft");
      set_text (&row[11], article->created_at);
      set_text (&row[12], article->updated_at);
      entry_add (import->articles, article->id, pk, FALSE);
      if (import->defer_fts)
        g_array_append_val (import->to_index, pk);
    }

  for (guint i = 0; i < article->areas->len; i++)
    {
      gint64 area = area_pk (import, g_ptr_array_index (article->areas, i), error);

      if (area < 0 || !add_link (import, BATCH_ARTICLE_AREAS, pk, area, i, error))
        return FALSE;
    }
  for (guint i = 0; i < article->tags->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (article->tags, i)));
      gint64 tag;

      if (name[0] == '\0')
        continue;
      if ((tag = tag_pk (import, name, error)) < 0 ||
          !add_link (import, BATCH_ARTICLE_TAGS, pk, tag, i, error))
        return FALSE;
    }
  for (guint i = 0; i < article->companies->len; i++)
    {
      AmwPair *link = g_ptr_array_index (article->companies, i);
      gint64 company = lookup (import, STMT_COMPANY_PK, link->first, error);
      Value *row;

      if (company < 0 || (row = batch_row (import, BATCH_ARTICLE_COMPANIES, error)) == NULL)
        return FALSE;
      set_int (&row[0], pk);
      set_int (&row[1], company);
      set_text (&row[2], link->second);
      set_int (&row[3], i);
    }
  amw_store_note_change (store, AMW_CHANGE_ARTICLES | AMW_CHANGE_TAGS | AMW_CHANGE_AREAS);
  return TRUE;
}

gboolean
amw_store_import_event (AmwStoreImport  *import,
                        const AmwEvent  *event,
                        GError         **error)
{
  AmwStore *store = import->store;
  gint64 pk, source = 0;
  gboolean existed;

  if (!flush_others (import, GROUP_EVENTS, error))
    return FALSE;
  if (event->source_article != NULL &&
      (source = lookup (import, STMT_ARTICLE_PK, event->source_article, error)) < 0)
    return FALSE;
  pk = import->events_were_empty ? -1 : amw_store_lookup_pk (store, STMT_EVENT_PK, event->id, NULL);
  existed = pk > 0;
  if (existed)
    {
      sqlite3_stmt *stmt = import_stmt (import, IMP_UPDATE_EVENT, error);

      if (stmt == NULL)
        return FALSE;
      amw_bind_event (stmt, event);
      if (event->source_article != NULL)
        sqlite3_bind_int64 (stmt, 6, source);
      if (!amw_store_exec_stmt (store, stmt, _("Could not write an event"), error) ||
          !delete_owned (import, STMT_DELETE_EVENT_COMPANIES, pk, _("Could not write event companies"), error))
        return FALSE;
    }
  else
    {
      Value *row = batch_row (import, BATCH_EVENTS, error);

      if (row == NULL)
        return FALSE;
      pk = import->next_event_pk++;
      set_int (&row[0], pk);
      set_text (&row[1], event->id);
      set_text (&row[2], event->date);
      set_text (&row[3], event->precision);
      set_text (&row[4], event->title);
      set_text (&row[5], event->kind);
      if (event->source_article != NULL)
        set_int (&row[6], source);
      else
        row[6].type = VALUE_NULL;
      set_text (&row[7], event->created_at);
      set_text (&row[8], event->updated_at);
    }
  entry_add (import->events, event->id, pk, existed);

  for (guint i = 0; i < event->companies->len; i++)
    {
      gint64 company = lookup (import, STMT_COMPANY_PK, g_ptr_array_index (event->companies, i), error);

      if (company < 0 || !add_link (import, BATCH_EVENT_COMPANIES, pk, company, i, error))
        return FALSE;
    }
  amw_store_note_change (store, AMW_CHANGE_EVENTS);
  return TRUE;
}

gboolean
amw_store_import_connections (AmwStoreImport    *import,
                              const AmwArticle  *article,
                              GError           **error)
{
  Entry *entry = g_hash_table_lookup (import->articles, article->id);

  g_return_val_if_fail (entry != NULL, FALSE);

  if (!flush_others (import, GROUP_CONNECTIONS, error))
    return FALSE;
  if (entry->existed &&
      !delete_owned (import, STMT_DELETE_CONNECTIONS, entry->pk, _("Could not write connections"), error))
    return FALSE;
  for (guint i = 0; i < article->connections->len; i++)
    {
      AmwPair *link = g_ptr_array_index (article->connections, i);
      gboolean is_article = g_strcmp0 (link->first, "article") == 0;
      gint64 target = lookup (import, is_article ? STMT_ARTICLE_PK : STMT_EVENT_PK, link->second, error);
      Value *row;

      if (target < 0 || (row = batch_row (import, BATCH_CONNECTIONS, error)) == NULL)
        return FALSE;
      set_int (&row[0], entry->pk);
      set_int (&row[1], i);
      set_int (&row[is_article ? 2 : 3], target);
      row[is_article ? 3 : 2].type = VALUE_NULL;
    }
  return TRUE;
}

/* ---- the end ---- */

guint64
amw_store_import_commit_steps (AmwStoreImport *import)
{
  return (guint64) import->n_articles + 1;
}

gboolean
amw_store_import_commit (AmwStoreImport   *import,
                         const char       *source,
                         guint             n_articles,
                         guint             n_companies,
                         guint             n_events,
                         AmwProgressFunc   progress,
                         gpointer          user_data,
                         guint64           done_before,
                         guint64           total,
                         GError          **error)
{
  AmwStore *store = import->store;
  GArray *pks = import->to_index;
  gboolean ok = flush_others (import, GROUP_NONE, error) && build_deferred_indexes (import, error);

  if (ok && import->defer_fts && pks->len > 0)
    {
      ok = enlarge_hashsize (import, error);
      /* In pk order: FTS5 appends to its segments instead of inserting between. */
      g_array_sort (pks, compare_pks);
      for (guint start = 0; ok && start < pks->len; start += FTS_CHUNK)
        {
          guint n = MIN (FTS_CHUNK, pks->len - start);

          ok = run_fts (import, IMP_FTS_INSERT, pks, start, n, error);
          if (ok && progress != NULL)
            progress (done_before + (start + n) * (guint64) import->n_articles / pks->len, total, user_data);
        }
    }
  if (ok && import->hashsize_set)
    ok = set_hashsize (import, import->old_hashsize > 0 ? import->old_hashsize : DEFAULT_FTS_HASHSIZE, error);
  ok = ok && amw_store_log_import (store, source, n_articles, n_companies, n_events, error);
  if (!ok)
    {
      amw_store_import_abort (import);
      return FALSE;
    }
  /* The connection is itself again before the commit announces the change. */
  restore_connection (import);
  ok = amw_store_commit (store, error);
  if (progress != NULL)
    progress (total, total, user_data);
  import_free (import);
  return ok;
}
