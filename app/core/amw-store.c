/* amw-store.c — opening the database, the statement table, transactions, single records */
#include "amw-config.h"
#include "amw-json-values.h"
#include "amw-message.h"
#include "amw-store-private.h"
#include "amw-store-schema.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

G_DEFINE_FINAL_TYPE (AmwStore, amw_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ARTICLE_COLUMNS \
  "pk, id, title, source, url, published, summary, amw_read, notes, novelty, significance, " \
  "rated_by, rated_at, status, created_at, updated_at"
#define SET_ARTICLE(column) \
  "UPDATE articles SET " column " = ?2, updated_at = ?3 WHERE id = ?1"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_DATA_VERSION] = "PRAGMA data_version",
  [STMT_COUNT_ALL_ARTICLES] =
    "SELECT NOT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM companies)"
    " AND NOT EXISTS (SELECT 1 FROM events)",
  [STMT_ARTICLE_BY_ID] = "SELECT " ARTICLE_COLUMNS " FROM articles WHERE id = ?1",
  [STMT_ARTICLE_PK] = "SELECT pk FROM articles WHERE id = ?1",
  [STMT_ARTICLE_AREAS] =
    "SELECT ar.area, ar.facet FROM article_areas aa JOIN areas ar ON ar.pk = aa.area"
    " WHERE aa.article = ?1 ORDER BY aa.position",
  [STMT_ARTICLE_TAGS] =
    "SELECT t.name FROM article_tags x JOIN tags t ON t.pk = x.tag"
    " WHERE x.article = ?1 ORDER BY x.position",
  [STMT_ARTICLE_COMPANIES] =
    "SELECT c.id, ac.role FROM article_companies ac JOIN companies c ON c.pk = ac.company"
    " WHERE ac.article = ?1 ORDER BY ac.position",
  [STMT_ARTICLE_CONNECTIONS] =
    "SELECT CASE WHEN cn.target_article IS NOT NULL THEN 'article' ELSE 'event' END,"
    "       coalesce (a.id, e.id)"
    " FROM connections cn LEFT JOIN articles a ON a.pk = cn.target_article"
    " LEFT JOIN events e ON e.pk = cn.target_event"
    " WHERE cn.article = ?1 ORDER BY cn.position",
  [STMT_COMPANY_BY_ID] =
    "SELECT pk, id, name, website, hq_city, hq_country, founded, status, ticker, sector,"
    " employees, description, last_verified, created_at, updated_at FROM companies WHERE id = ?1",
  [STMT_COMPANY_PK] = "SELECT pk FROM companies WHERE id = ?1",
  [STMT_COMPANY_ALIASES] = "SELECT alias FROM company_aliases WHERE company = ?1 ORDER BY position",
  [STMT_COMPANY_ROUNDS] =
    "SELECT r.id, r.announced, r.round_type, r.amount_minor, r.currency, r.amount_usd_minor,"
    " r.post_money_minor, r.post_money_currency, r.lead_investors, r.participants, a.id"
    " FROM funding_rounds r LEFT JOIN articles a ON a.pk = r.source_article"
    " WHERE r.company = ?1 ORDER BY r.announced, r.id",
  [STMT_ROUND_OWNER] =
    "SELECT c.id FROM funding_rounds r JOIN companies c ON c.pk = r.company WHERE r.id = ?1",
  [STMT_EVENT_BY_ID] =
    "SELECT e.pk, e.id, e.date, e.precision, e.title, e.kind, a.id, e.created_at, e.updated_at"
    " FROM events e LEFT JOIN articles a ON a.pk = e.source_article WHERE e.id = ?1",
  [STMT_EVENT_PK] = "SELECT pk FROM events WHERE id = ?1",
  [STMT_EVENT_COMPANIES] =
    "SELECT c.id FROM event_companies ec JOIN companies c ON c.pk = ec.company"
    " WHERE ec.event = ?1 ORDER BY ec.position",
  [STMT_LIST_TAGS] =
    "SELECT t.name, (SELECT count (*) FROM article_tags x WHERE x.tag = t.pk) AS n FROM tags t"
    " ORDER BY n DESC, t.name COLLATE NOCASE",
  [STMT_LIST_AREAS] =
    "SELECT ar.area, ar.facet, (SELECT count (*) FROM article_areas aa WHERE aa.area = ar.pk)"
    " FROM areas ar ORDER BY ar.area, ar.facet",
  [STMT_LIST_COMPANY_IDS] = "SELECT id FROM companies ORDER BY id",
  [STMT_LIST_EVENT_IDS] = "SELECT id FROM events ORDER BY id",
  [STMT_LATEST_UPDATE] =
    "SELECT max (m) FROM (SELECT max (updated_at) AS m FROM articles"
    " UNION ALL SELECT max (updated_at) FROM companies"
    " UNION ALL SELECT max (updated_at) FROM events)",
  [STMT_UPSERT_COMPANY] =
    "INSERT INTO companies (id, name, website, hq_city, hq_country, founded, status, ticker,"
    " sector, employees, description, last_verified, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, website = excluded.website,"
    " hq_city = excluded.hq_city, hq_country = excluded.hq_country, founded = excluded.founded,"
    " status = excluded.status, ticker = excluded.ticker, sector = excluded.sector,"
    " employees = excluded.employees, description = excluded.description,"
    " last_verified = excluded.last_verified, created_at = excluded.created_at,"
    " updated_at = excluded.updated_at RETURNING pk",
  [STMT_DELETE_ALIASES] = "DELETE FROM company_aliases WHERE company = ?1",
  [STMT_INSERT_ALIAS] = "INSERT INTO company_aliases (company, alias, position) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_ROUNDS] = "DELETE FROM funding_rounds WHERE company = ?1",
  [STMT_INSERT_ROUND] =
    "INSERT INTO funding_rounds (id, company, announced, round_type, amount_minor, currency,"
    " amount_usd_minor, post_money_minor, post_money_currency, lead_investors, participants,"
    " source_article) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    " (SELECT pk FROM articles WHERE id = ?12))",
  [STMT_UPSERT_ARTICLE] =
    "INSERT INTO articles (id, title, source, url, published, summary, amw_read, novelty,"
    " significance, status, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source,"
    " url = excluded.url, published = excluded.published, summary = excluded.summary,"
    " amw_read = excluded.amw_read, novelty = excluded.novelty,"
    " significance = excluded.significance, status = excluded.status,"
    " created_at = excluded.created_at, updated_at = excluded.updated_at RETURNING pk",
  [STMT_DELETE_ARTICLE_AREAS] = "DELETE FROM article_areas WHERE article = ?1",
  [STMT_ENSURE_AREA] =
    "INSERT INTO areas (area, facet) VALUES (?1, ?2)"
    " ON CONFLICT (area, facet) DO UPDATE SET area = area RETURNING pk",
  [STMT_INSERT_ARTICLE_AREA] =
    "INSERT INTO article_areas (article, area, position) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_ARTICLE_TAGS] = "DELETE FROM article_tags WHERE article = ?1",
  [STMT_ENSURE_TAG] =
    "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = name RETURNING pk",
  [STMT_INSERT_ARTICLE_TAG] =
    "INSERT INTO article_tags (article, tag, position) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_ARTICLE_COMPANIES] = "DELETE FROM article_companies WHERE article = ?1",
  [STMT_INSERT_ARTICLE_COMPANY] =
    "INSERT INTO article_companies (article, company, role, position) VALUES (?1, ?2, ?3, ?4)",
  [STMT_DELETE_CONNECTIONS] = "DELETE FROM connections WHERE article = ?1",
  [STMT_INSERT_CONNECTION] =
    "INSERT INTO connections (article, position, target_article, target_event)"
    " VALUES (?1, ?2, ?3, ?4)",
  [STMT_UPSERT_EVENT] =
    "INSERT INTO events (id, date, precision, title, kind, source_article, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT pk FROM articles WHERE id = ?6), ?7, ?8)"
    " ON CONFLICT (id) DO UPDATE SET date = excluded.date, precision = excluded.precision,"
    " title = excluded.title, kind = excluded.kind, source_article = excluded.source_article,"
    " created_at = excluded.created_at, updated_at = excluded.updated_at RETURNING pk",
  [STMT_DELETE_EVENT_COMPANIES] = "DELETE FROM event_companies WHERE event = ?1",
  [STMT_INSERT_EVENT_COMPANY] =
    "INSERT INTO event_companies (event, company, position) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_UNUSED_TAGS] =
    "DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM article_tags x WHERE x.tag = tags.pk)",
  [STMT_TAG_BY_NAME] = "SELECT pk, name FROM tags WHERE name = ?1",
  [STMT_RENAME_TAG] = "UPDATE tags SET name = ?2 WHERE name = ?1",
  [STMT_ARTICLES_WITH_TAG] =
    "SELECT a.id FROM article_tags x JOIN articles a ON a.pk = x.article"
    " WHERE x.tag = ?1 ORDER BY a.id",
  [STMT_SET_TITLE] = SET_ARTICLE ("title"),
  [STMT_SET_SOURCE] = SET_ARTICLE ("source"),
  [STMT_SET_URL] = SET_ARTICLE ("url"),
  [STMT_SET_PUBLISHED] = SET_ARTICLE ("published"),
  [STMT_SET_SUMMARY] = SET_ARTICLE ("summary"),
  [STMT_SET_AMW_READ] = SET_ARTICLE ("amw_read"),
  [STMT_SET_NOTES] = SET_ARTICLE ("notes"),
  [STMT_SET_STATUS] = SET_ARTICLE ("status"),
  [STMT_SET_NOVELTY] = SET_ARTICLE ("novelty"),
  [STMT_SET_SIGNIFICANCE] = SET_ARTICLE ("significance"),
  [STMT_SET_RATED] = "UPDATE articles SET rated_by = ?2, rated_at = ?3 WHERE id = ?1",
  [STMT_TOUCH_ARTICLE] = "UPDATE articles SET updated_at = ?2 WHERE pk = ?1",
  [STMT_AREA_BY_NAME] = "SELECT pk FROM areas WHERE area = ?1 AND facet = ?2",
  [STMT_INSERT_AREA] = "INSERT OR IGNORE INTO areas (area, facet) VALUES (?1, ?2)",
  [STMT_DELETE_AREA] = "DELETE FROM areas WHERE area = ?1 AND facet = ?2",
  [STMT_RENAME_AREA] = "UPDATE areas SET area = ?3, facet = ?4 WHERE area = ?1 AND facet = ?2",
  [STMT_ARTICLES_WITH_AREA] =
    "SELECT a.id FROM article_areas x JOIN articles a ON a.pk = x.article"
    " WHERE x.area = ?1 ORDER BY a.id",
  [STMT_INSERT_CHANGE] =
    "INSERT INTO changes (group_id, description, entity, entity_id, field, old_value,"
    " new_value, at, editor, undoable) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STMT_NEXT_GROUP] = "SELECT coalesce (max (group_id), 0) + 1 FROM changes",
  [STMT_DISCARD_REDO] = "UPDATE changes SET state = 2 WHERE state = 1",
  [STMT_LAST_DONE_GROUP] =
    "SELECT group_id, description, undoable FROM changes WHERE state = 0"
    " ORDER BY group_id DESC LIMIT 1",
  [STMT_FIRST_UNDONE_GROUP] =
    "SELECT group_id, description FROM changes WHERE state = 1 ORDER BY group_id LIMIT 1",
  [STMT_GROUP_CHANGES] =
    "SELECT entity, entity_id, field, old_value, new_value FROM changes"
    " WHERE group_id = ?1 ORDER BY pk",
  [STMT_MARK_GROUP] = "UPDATE changes SET state = ?2 WHERE group_id = ?1",
  [STMT_HISTORY] =
    "SELECT pk, group_id, entity, entity_id, field, old_value, new_value, at, editor"
    " FROM changes WHERE entity = ?1 AND entity_id = ?2 AND state = 0 AND undoable = 1"
    " ORDER BY pk DESC",
};

void
amw_stmt_release (AmwStmt *stmt)
{
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static AmwError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return AMW_ERROR_BUSY;
    case SQLITE_READONLY: return AMW_ERROR_READ_ONLY;
    case SQLITE_FULL: return AMW_ERROR_FULL;
    case SQLITE_CORRUPT: return AMW_ERROR_CORRUPT;
    case SQLITE_NOTADB: return AMW_ERROR_NOT_AMW;
    case SQLITE_CONSTRAINT: return AMW_ERROR_INVALID;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return AMW_ERROR_IO;
    default: return AMW_ERROR_FAILED;
    }
}

gboolean
amw_store_fail (AmwStore    *self,
                int          rc,
                const char  *what,
                GError     **error)
{
  const char *message = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, AMW_ERROR, AMW_ERROR_FULL,
                   _("%s: the disk or database is full; nothing was changed"), what);
      break;
    case SQLITE_READONLY:
      g_set_error (error, AMW_ERROR, AMW_ERROR_READ_ONLY,
                   _("%s: the database is read-only"), what);
      break;
    case SQLITE_BUSY:
      g_set_error (error, AMW_ERROR, AMW_ERROR_BUSY,
                   _("%s: the database is busy in another program; try again"), what);
      break;
    default:
      g_set_error (error, AMW_ERROR, error_code_for (rc), "%s: %s", what, message);
    }
  return FALSE;
}

sqlite3_stmt *
amw_store_stmt (AmwStore   *self,
                AmwStmtId   id,
                GError    **error)
{
  g_assert (id < N_STMTS && stmt_sql[id] != NULL);

  if (self->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[id], NULL);
      if (rc != SQLITE_OK)
        {
          amw_store_fail (self, rc, _("Could not prepare a statement"), error);
          return NULL;
        }
    }
  sqlite3_reset (self->stmts[id]);
  sqlite3_clear_bindings (self->stmts[id]);
  return self->stmts[id];
}

sqlite3_stmt *
amw_store_prepare_cached (AmwStore    *self,
                          GHashTable  *cache,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          amw_store_fail (self, rc, _("Could not prepare a statement"), error);
          return NULL;
        }
      g_hash_table_insert (cache, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
amw_store_exec_stmt (AmwStore      *self,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return amw_store_fail (self, rc, what, error);
  return TRUE;
}

void
amw_bind_text (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
amw_bind_text_or_null (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
amw_column_dup (sqlite3_stmt *stmt,
                int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
amw_store_lookup_pk (AmwStore    *self,
                     AmwStmtId    id,
                     const char  *key,
                     GError     **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return -1;
  amw_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    amw_store_fail (self, rc, _("Could not look up a record"), error);
  else
    {
      g_autofree char *shown = amw_message_escape (key, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no record “%s”"), shown);
    }
  return -1;
}

void
amw_store_note_change (AmwStore       *self,
                       AmwChangeFlags  flags)
{
  amw_store_clear_anchors (self);
  self->pending_changes |= flags;
  if (!self->in_transaction)
    {
      AmwChangeFlags pending = self->pending_changes;

      self->pending_changes = 0;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, pending);
    }
}

static gint64
read_data_version (AmwStore *self)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_DATA_VERSION, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return self->data_version;
}

gboolean
amw_store_check_external_changes (AmwStore *self)
{
  gint64 version;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (self->in_transaction)
    return FALSE;
  version = read_data_version (self);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  amw_store_note_change (self, AMW_CHANGE_ALL | AMW_CHANGE_EXTERNAL);
  return TRUE;
}

gboolean
amw_store_begin (AmwStore  *self,
                 GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (self->read_only && self->damage == NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_READ_ONLY,
                   _("The database %s is open read-only; nothing can be changed"), self->shown_path);
      return FALSE;
    }
  /* A file too large to check at opening is checked in the background; a write that
   * comes before the check has ended runs it here first (seconds for gigabytes, once),
   * so that nothing is written into a damaged file. */
  if (self->damage == NULL && self->needs_verify && !amw_store_verify (self, NULL, error))
    return FALSE;
  if (self->damage != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_CORRUPT,
                   _("Nothing more is written into a damaged database. %s"), self->damage->message);
      return FALSE;
    }
  stmt = amw_store_stmt (self, STMT_BEGIN, error);
  if (stmt == NULL || !amw_store_exec_stmt (self, stmt, _("Could not start a transaction"), error))
    return FALSE;
  self->in_transaction = TRUE;
  self->pending_changes = 0;
  return TRUE;
}

gboolean
amw_store_commit (AmwStore  *self,
                  GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self->in_transaction, FALSE);

  stmt = amw_store_stmt (self, STMT_COMMIT, error);
  if (stmt == NULL || !amw_store_exec_stmt (self, stmt, _("Could not save the changes"), error))
    {
      amw_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  /* Our own write bumps no data_version for us, but remember it anyway so the
   * external-change poll stays quiet. */
  self->data_version = read_data_version (self);
  amw_store_note_change (self, 0);
  return TRUE;
}

void
amw_store_rollback (AmwStore *self)
{
  sqlite3_stmt *stmt;

  amw_store_clear_anchors (self);
  if (!self->in_transaction)
    return;
  self->in_transaction = FALSE;
  self->pending_changes = 0;
  stmt = amw_store_stmt (self, STMT_ROLLBACK, NULL);
  /* After an I/O error SQLite may have rolled back already; that is fine. */
  if (stmt != NULL)
    amw_store_exec_stmt (self, stmt, "rollback", NULL);
}

/* ---- opening ---- */

char *
amw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "amw", "amw.db", NULL);
}

/* amw_sort_key (text): a key that sorts names the way people read them — case and accents
 * ignored, so "Étoile" sits with the Es. Only our connection has it: it is used in
 * queries, never in the schema, so other programs can still open the file. */
static void
sort_key_function (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *key;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  folded = g_utf8_casefold (decomposed, -1);
  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_ismark (c))
        g_string_append_unichar (key, c);
    }
  sqlite3_result_text (context, key->str, (int) key->len, g_free);
  g_string_free (key, FALSE);
}

/* amw_total (x): the sum of the integers x, NULL when there are none. SUM() fails the
 * whole query ("integer overflow") when the sum passes 64 bits, so one company with two
 * huge rounds in a file written by another program would empty the Companies view; this
 * one stays at the limit instead, exact below it (TOTAL() would round above 2^53). */
typedef struct {
  gint64   sum;
  gboolean any;
} Total;

static void
total_step (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  Total *total = sqlite3_aggregate_context (context, sizeof (Total));

  if (total == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    return;
  total->any = TRUE;
  total->sum = amw_saturating_add (total->sum, sqlite3_value_int64 (argv[0]));
}

static void
total_final (sqlite3_context *context)
{
  Total *total = sqlite3_aggregate_context (context, 0);

  if (total == NULL || !total->any)
    sqlite3_result_null (context);
  else
    sqlite3_result_int64 (context, total->sum);
}

static gboolean
configure_connection (AmwStore  *self,
                      GError   **error)
{
  static const char * const pragmas[] = {
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA temp_store = MEMORY",
    AMW_STORE_CACHE_SIZE_PRAGMA,
  };

  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      rc = sqlite3_exec (self->db, pragmas[i], NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return amw_store_fail (self, rc, _("Could not configure the database"), error);
    }
  rc = sqlite3_create_function_v2 (self->db, "amw_sort_key", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sort_key_function, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (self->db, "amw_total", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, NULL, total_step, total_final, NULL);
  if (rc != SQLITE_OK)
    return amw_store_fail (self, rc, _("Could not configure the database"), error);
  return TRUE;
}

static gboolean
enable_wal (AmwStore  *self,
            GError   **error)
{
  int rc;

  if (self->read_only || g_strcmp0 (self->path, ":memory:") == 0)
    return TRUE;
  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return amw_store_fail (self, rc, _("Could not switch the database to WAL mode"), error);
  return TRUE;
}

static gboolean
is_wal (AmwStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

/* A damaged file is refused before anything writes to it (switching a rollback-journal
 * file to WAL rewrites its header). Large WAL files are checked later, off the main
 * thread: reading 3 GB takes seconds. */
static gboolean
check_at_open (AmwStore  *self,
               int        version,
               GError   **error)
{
  GStatBuf st;

  if (version == 0 || g_strcmp0 (self->path, ":memory:") == 0 || g_stat (self->path, &st) != 0)
    return TRUE;
  if (st.st_size > AMW_STORE_CHECK_AT_OPEN_BYTES && is_wal (self))
    {
      self->needs_verify = TRUE;
      return TRUE;
    }
  return amw_store_quick_check (self->db, self->path, version, NULL, error);
}

/* A -wal that is not empty may hold commits the main file does not have yet. */
static gboolean
has_pending_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* The first read of a file whose -wal holds commits, in a folder we cannot write: SQLite
 * reads the -wal through the -shm beside it, which it cannot make when it is missing. */
static gboolean
check_pending_wal (AmwStore  *self,
                   GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  switch (rc & 0xff)
    {
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      {
        g_autofree char *wal = g_strconcat (self->shown_path, "-wal", NULL);

        g_set_error (error, AMW_ERROR, AMW_ERROR_READ_ONLY,
                     _("%s cannot be read: its latest changes are in %s, and its folder "
                       "cannot be written"), self->shown_path, wal);
        return FALSE;
      }
    default:
      /* Read, or an error amw_store_schema_inspect () names. */
      return TRUE;
    }
}

static AmwStore *
open_store (const char  *path,
            gboolean     must_exist,
            GError     **error)
{
  g_autoptr(AmwStore) self = NULL;
  g_autofree char *uri = NULL;
  int version = 0;
  int rc;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  gboolean pending_wal = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (AMW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->shown_path = amw_message_escape (path, -1, 0);

  /* Without SQLITE_OPEN_CREATE, a file removed after the test below is not made again. */
  if (!must_exist)
    flags |= SQLITE_OPEN_CREATE;
  if (strcmp (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("%s does not exist"),
                       self->shown_path);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_AMW,
                       _("%s is a folder, not an AMW Desk database"), self->shown_path);
          return NULL;
        }
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *shown_dir = amw_message_escape (dir, -1, 0);

          g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not create the folder %s: %s"),
                       shown_dir, g_strerror (saved_errno));
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
        flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
      /* In a folder we cannot write, WAL's -wal and -shm cannot be made: read the file as
       * it is ("immutable"), read-only, rather than fail to open it at all. "immutable"
       * ignores a -wal, though: when one holds commits, SQLite reads it read-only with the
       * -shm beside it, and without one the file is refused (check_pending_wal ()). */
      if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (dir, W_OK) != 0)
        {
          if (has_pending_wal (path))
            {
              flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
              pending_wal = TRUE;
            }
          else
            {
              g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

              uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
              flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
            }
        }
    }

  self->uri = g_strdup (uri);
  rc = sqlite3_open_v2 (uri ? uri : path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AMW_ERROR, error_code_for (rc), _("Could not open %s: %s"), self->shown_path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;

  /* Inspect before anything else touches the file: a foreign file must stay untouched. */
  if ((pending_wal && !check_pending_wal (self, error)) ||
      !amw_store_schema_inspect (self->db, self->shown_path, &version, error) ||
      !configure_connection (self, error) ||
      !check_at_open (self, version, error))
    return NULL;

  if (version < AMW_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_READ_ONLY,
                       _("%s is read-only and needs an upgrade to be opened"), self->shown_path);
          return NULL;
        }
      if (!enable_wal (self, error) || !amw_store_schema_migrate (self->db, version, error))
        return NULL;
    }
  else if (!enable_wal (self, error))
    return NULL;

  self->editor = g_strdup (g_get_real_name ());
  if (self->editor[0] == '\0' || g_strcmp0 (self->editor, "Unknown") == 0)
    amw_set_str (&self->editor, g_get_user_name ());
  self->data_version = read_data_version (self);
  return g_steal_pointer (&self);
}

AmwStore *
amw_store_open (const char  *path,
                GError     **error)
{
  return open_store (path, FALSE, error);
}

AmwStore *
amw_store_open_existing (const char  *path,
                         GError     **error)
{
  return open_store (path, TRUE, error);
}

const char *
amw_store_get_path (AmwStore *self)
{
  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  return self->path;
}

gboolean
amw_store_is_read_only (AmwStore *self)
{
  g_return_val_if_fail (AMW_IS_STORE (self), TRUE);
  return self->read_only || self->damage != NULL;
}

const char *
amw_store_get_editor (AmwStore *self)
{
  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  return self->editor;
}

void
amw_store_set_editor (AmwStore   *self,
                      const char *editor)
{
  g_return_if_fail (AMW_IS_STORE (self));
  g_return_if_fail (editor != NULL && *editor != '\0');
  amw_set_str (&self->editor, editor);
}

gboolean
amw_store_is_empty (AmwStore *self)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_COUNT_ALL_ARTICLES, NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0;
}

/* ---- single records ---- */

GPtrArray *
amw_store_read_strings (AmwStore   *self,
                        AmwStmtId   id,
                        gint64      owner_pk,
                        GError    **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, id, error);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_pk);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, amw_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read a list"), error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
amw_store_read_pairs (AmwStore   *self,
                      AmwStmtId   id,
                      gint64      owner_pk,
                      GError    **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, id, error);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_pk);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, amw_pair_new ((const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read a list"), error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
replace_array (GPtrArray **slot,
               GPtrArray  *value)
{
  if (value == NULL)
    return FALSE;
  g_ptr_array_unref (*slot);
  *slot = value;
  return TRUE;
}

AmwArticle *
amw_store_get_article (AmwStore    *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(AmwArticle) article = NULL;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  {
    g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_ARTICLE_BY_ID, error);

    if (stmt == NULL)
      return NULL;
    amw_bind_text (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no article “%s”"), shown);
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        amw_store_fail (self, rc, _("Could not read an article"), error);
        return NULL;
      }
    article = amw_article_new ();
    article->pk = sqlite3_column_int64 (stmt, 0);
    article->id = amw_column_dup (stmt, 1);
    article->title = amw_column_dup (stmt, 2);
    article->source = amw_column_dup (stmt, 3);
    article->url = amw_column_dup (stmt, 4);
    article->published = amw_column_dup (stmt, 5);
    article->summary = amw_column_dup (stmt, 6);
    article->amw_read = amw_column_dup (stmt, 7);
    article->notes = amw_column_dup (stmt, 8);
    article->novelty = sqlite3_column_int (stmt, 9);
    article->significance = sqlite3_column_int (stmt, 10);
    article->rated_by = amw_column_dup (stmt, 11);
    article->rated_at = amw_column_dup (stmt, 12);
    article->status = amw_column_dup (stmt, 13);
    article->created_at = amw_column_dup (stmt, 14);
    article->updated_at = amw_column_dup (stmt, 15);
  }

  if (!replace_array (&article->areas, amw_store_read_pairs (self, STMT_ARTICLE_AREAS, article->pk, error)) ||
      !replace_array (&article->tags, amw_store_read_strings (self, STMT_ARTICLE_TAGS, article->pk, error)) ||
      !replace_array (&article->companies, amw_store_read_pairs (self, STMT_ARTICLE_COMPANIES, article->pk, error)) ||
      !replace_array (&article->connections, amw_store_read_pairs (self, STMT_ARTICLE_CONNECTIONS, article->pk, error)))
    return NULL;
  return g_steal_pointer (&article);
}

static GPtrArray *
read_rounds (AmwStore    *self,
             gint64       company_pk,
             const char  *company_id,
             GError     **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_COMPANY_ROUNDS, error);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_funding_round_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_pk);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AmwFundingRound *round = amw_funding_round_new ();

      round->id = amw_column_dup (stmt, 0);
      round->company_id = g_strdup (company_id);
      round->announced = amw_column_dup (stmt, 1);
      round->type = amw_column_dup (stmt, 2);
      round->has_amount = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      round->amount_minor = sqlite3_column_int64 (stmt, 3);
      round->currency = amw_column_dup (stmt, 4);
      round->has_amount_usd = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      round->amount_usd_minor = sqlite3_column_int64 (stmt, 5);
      round->has_post_money = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      round->post_money_minor = sqlite3_column_int64 (stmt, 6);
      round->post_money_currency = amw_column_dup (stmt, 7);
      g_ptr_array_unref (round->lead_investors);
      round->lead_investors = amw_json_to_strings ((const char *) sqlite3_column_text (stmt, 8), "lead_investors", NULL);
      if (round->lead_investors == NULL)
        round->lead_investors = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_unref (round->participants);
      round->participants = amw_json_to_strings ((const char *) sqlite3_column_text (stmt, 9), "participants", NULL);
      if (round->participants == NULL)
        round->participants = g_ptr_array_new_with_free_func (g_free);
      round->source_article = amw_column_dup (stmt, 10);
      g_ptr_array_add (rounds, round);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read funding rounds"), error);
      return NULL;
    }
  return g_steal_pointer (&rounds);
}

AmwCompany *
amw_store_get_company (AmwStore    *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(AmwCompany) company = NULL;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  {
    g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_COMPANY_BY_ID, error);

    if (stmt == NULL)
      return NULL;
    amw_bind_text (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no company “%s”"), shown);
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        amw_store_fail (self, rc, _("Could not read a company"), error);
        return NULL;
      }
    company = amw_company_new ();
    company->pk = sqlite3_column_int64 (stmt, 0);
    company->id = amw_column_dup (stmt, 1);
    company->name = amw_column_dup (stmt, 2);
    company->website = amw_column_dup (stmt, 3);
    company->hq_city = amw_column_dup (stmt, 4);
    company->hq_country = amw_column_dup (stmt, 5);
    company->founded = sqlite3_column_int (stmt, 6);
    company->status = amw_column_dup (stmt, 7);
    company->ticker = amw_column_dup (stmt, 8);
    company->sector = amw_column_dup (stmt, 9);
    company->employees = amw_column_dup (stmt, 10);
    company->description = amw_column_dup (stmt, 11);
    company->last_verified = amw_column_dup (stmt, 12);
    company->created_at = amw_column_dup (stmt, 13);
    company->updated_at = amw_column_dup (stmt, 14);
  }

  if (!replace_array (&company->aliases, amw_store_read_strings (self, STMT_COMPANY_ALIASES, company->pk, error)) ||
      !replace_array (&company->funding_rounds, read_rounds (self, company->pk, company->id, error)))
    return NULL;
  return g_steal_pointer (&company);
}

AmwEvent *
amw_store_get_event (AmwStore    *self,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(AmwEvent) event = NULL;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  {
    g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_EVENT_BY_ID, error);

    if (stmt == NULL)
      return NULL;
    amw_bind_text (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

        g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no event “%s”"), shown);
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        amw_store_fail (self, rc, _("Could not read an event"), error);
        return NULL;
      }
    event = amw_event_new ();
    event->pk = sqlite3_column_int64 (stmt, 0);
    event->id = amw_column_dup (stmt, 1);
    event->date = amw_column_dup (stmt, 2);
    event->precision = amw_column_dup (stmt, 3);
    event->title = amw_column_dup (stmt, 4);
    event->kind = amw_column_dup (stmt, 5);
    event->source_article = amw_column_dup (stmt, 6);
    event->created_at = amw_column_dup (stmt, 7);
    event->updated_at = amw_column_dup (stmt, 8);
  }

  if (!replace_array (&event->companies, amw_store_read_strings (self, STMT_EVENT_COMPANIES, event->pk, error)))
    return NULL;
  return g_steal_pointer (&event);
}

static gboolean
has_record (AmwStore   *self,
            AmwStmtId   id,
            const char *key)
{
  return amw_store_lookup_pk (self, id, key, NULL) > 0;
}

gboolean amw_store_has_article (AmwStore *self, const char *id) { return has_record (self, STMT_ARTICLE_PK, id); }
gboolean amw_store_has_company (AmwStore *self, const char *id) { return has_record (self, STMT_COMPANY_PK, id); }
gboolean amw_store_has_event (AmwStore *self, const char *id) { return has_record (self, STMT_EVENT_PK, id); }
/* As the tag filter compares names: regardless of case. */
gboolean amw_store_has_tag (AmwStore *self, const char *name) { return has_record (self, STMT_TAG_BY_NAME, name); }

gboolean
amw_store_has_funding_round (AmwStore    *self,
                             const char  *id,
                             char       **company_id)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_ROUND_OWNER, NULL);

  if (stmt == NULL)
    return FALSE;
  amw_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (company_id != NULL)
    *company_id = amw_column_dup (stmt, 0);
  return TRUE;
}

/* ---- GObject ---- */

static void
amw_store_finalize (GObject *object)
{
  AmwStore *self = AMW_STORE (object);

  if (self->in_transaction)
    amw_store_rollback (self);
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  g_clear_pointer (&self->shaped_stmts, g_hash_table_unref);
  g_clear_pointer (&self->company_field_stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->reader != NULL)
    sqlite3_close (self->reader);
  g_mutex_clear (&self->reader_lock);
  g_free (self->path);
  g_free (self->shown_path);
  g_free (self->uri);
  g_clear_error (&self->damage);
  amw_store_clear_anchors (self);
  g_free (self->editor);
  G_OBJECT_CLASS (amw_store_parent_class)->finalize (object);
}

static void
amw_store_class_init (AmwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = amw_store_finalize;

  /**
   * AmwStore::changed:
   * @flags: the #AmwChangeFlags of what changed
   *
   * Emitted after a command, an import, an undo/redo, or when another program wrote the
   * same database file (see amw_store_check_external_changes()).
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
amw_store_init (AmwStore *self)
{
  g_mutex_init (&self->reader_lock);
  self->shaped_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              finalize_stmt);
  self->company_field_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     finalize_stmt);
}

void
amw_tag_count_free (AmwTagCount *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->name);
  g_free (tag);
}

void
amw_area_count_free (AmwAreaCount *area)
{
  if (area == NULL)
    return;
  g_free (area->area);
  g_free (area->facet);
  g_free (area);
}
