/* amw-store-private.h — shared between the files that make up AmwStore */
#pragma once

#include <sqlite3.h>

#include "amw-store.h"

G_BEGIN_DECLS

/* The page cache of every connection (configure_connection); an import enlarges it for its
 * transaction and restores this (amw-store-import.c). */
#define AMW_STORE_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -16000"

/* A borrowed, cached statement that is reset when it goes out of scope, so that no
 * statement keeps a read transaction open (g_autoptr (AmwStmt) s = amw_store_stmt (…)). */
typedef sqlite3_stmt AmwStmt;
void amw_stmt_release (AmwStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwStmt, amw_stmt_release)

/* Every fixed statement of the store; the SQL is in amw-store.c, prepared on first use. */
typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_DATA_VERSION,
  STMT_COUNT_ALL_ARTICLES,
  STMT_ARTICLE_BY_ID,
  STMT_ARTICLE_PK,
  STMT_ARTICLE_AREAS,
  STMT_ARTICLE_TAGS,
  STMT_ARTICLE_COMPANIES,
  STMT_ARTICLE_CONNECTIONS,
  STMT_COMPANY_BY_ID,
  STMT_COMPANY_PK,
  STMT_COMPANY_ALIASES,
  STMT_COMPANY_ROUNDS,
  STMT_ROUND_OWNER,
  STMT_EVENT_BY_ID,
  STMT_EVENT_PK,
  STMT_EVENT_COMPANIES,
  STMT_LIST_TAGS,
  STMT_LIST_AREAS,
  STMT_LIST_COMPANY_IDS,
  STMT_LIST_EVENT_IDS,
  STMT_LATEST_UPDATE,
  STMT_UPSERT_COMPANY,
  STMT_DELETE_ALIASES,
  STMT_INSERT_ALIAS,
  STMT_DELETE_ROUNDS,
  STMT_INSERT_ROUND,
  STMT_UPSERT_ARTICLE,
  STMT_DELETE_ARTICLE_AREAS,
  STMT_ENSURE_AREA,
  STMT_INSERT_ARTICLE_AREA,
  STMT_DELETE_ARTICLE_TAGS,
  STMT_ENSURE_TAG,
  STMT_INSERT_ARTICLE_TAG,
  STMT_DELETE_ARTICLE_COMPANIES,
  STMT_INSERT_ARTICLE_COMPANY,
  STMT_DELETE_CONNECTIONS,
  STMT_INSERT_CONNECTION,
  STMT_UPSERT_EVENT,
  STMT_DELETE_EVENT_COMPANIES,
  STMT_INSERT_EVENT_COMPANY,
  STMT_DELETE_UNUSED_TAGS,
  STMT_TAG_BY_NAME,
  STMT_RENAME_TAG,
  STMT_ARTICLES_WITH_TAG,
  STMT_SET_TITLE,
  STMT_SET_SOURCE,
  STMT_SET_URL,
  STMT_SET_PUBLISHED,
  STMT_SET_SUMMARY,
  STMT_SET_AMW_READ,
  STMT_SET_NOTES,
  STMT_SET_STATUS,
  STMT_SET_NOVELTY,
  STMT_SET_SIGNIFICANCE,
  STMT_SET_RATED,
  STMT_TOUCH_ARTICLE,
  STMT_AREA_BY_NAME,
  STMT_INSERT_AREA,
  STMT_DELETE_AREA,
  STMT_RENAME_AREA,
  STMT_ARTICLES_WITH_AREA,
  STMT_INSERT_CHANGE,
  STMT_NEXT_GROUP,
  STMT_DISCARD_REDO,
  STMT_LAST_DONE_GROUP,
  STMT_FIRST_UNDONE_GROUP,
  STMT_GROUP_CHANGES,
  STMT_MARK_GROUP,
  STMT_HISTORY,
  N_STMTS
} AmwStmtId;

struct _AmwStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  char         *shown_path;   /* path for messages: control characters escaped */
  char         *uri;            /* what sqlite3_open_v2 was given when not the path */
  gboolean      needs_verify;   /* too large to check at opening: amw_store_verify_async() */
  GError       *damage;         /* set once the file is known to be damaged */
  sqlite3      *reader;         /* read-only, for counts on a worker thread */
  GHashTable   *anchors;        /* k → Anchor: row k × 10 000 of anchors_key's list */
  char         *anchors_key;
  guint64       anchors_generation; /* counts amw_store_clear_anchors () */
  char         *count_key;      /* the last article count, until a change */
  gint64        count_value;
  char         *expanded_fts_key; /* the last search, and its words (amw-store-search.c) */
  char         *expanded_fts;
  gboolean      search_terms_ready;
  GMutex        reader_lock;
  char         *editor;
  gboolean      read_only;
  gint64        data_version;
  gboolean      in_transaction;
  AmwChangeFlags pending_changes; /* emitted after commit */

  sqlite3_stmt *stmts[N_STMTS];
  GHashTable   *shaped_stmts;   /* query shape → sqlite3_stmt, see amw-store-lists.c */
  GHashTable   *company_field_stmts; /* field name → sqlite3_stmt */
};

/* A progress handler for sqlite3_progress_handler (): stops a statement once the
 * GCancellable it is given is cancelled. */
int           amw_store_interrupt_when_cancelled (void *cancellable);
/* Steps an INSERT … RETURNING pk to its end (amw-store-write.c). */
gboolean      amw_store_step_returning_pk (AmwStore      *self,
                                           sqlite3_stmt  *stmt,
                                           const char    *what,
                                           gint64        *pk,
                                           GError       **error);

/* PRAGMA quick_check of @db (amw-store-check.c): AMW_ERROR_CORRUPT names the first
 * problems; stops when @cancellable is cancelled. */
gboolean      amw_store_quick_check (sqlite3      *db,
                                     const char   *path,
                                     int           schema_version,
                                     GCancellable *cancellable,
                                     GError      **error);

/* Returns the statement, reset and with bindings cleared; NULL with @error set if it
 * cannot be prepared. */
sqlite3_stmt *amw_store_stmt        (AmwStore     *self,
                                     AmwStmtId     id,
                                     GError      **error);
sqlite3_stmt *amw_store_prepare_cached (AmwStore  *self,
                                        GHashTable *cache,
                                        const char *key_sql,
                                        GError    **error);
/* Sets @error from the connection's last error; always returns FALSE. */
gboolean      amw_store_fail        (AmwStore     *self,
                                     int           rc,
                                     const char   *what,
                                     GError      **error);
/* Steps a statement that returns no row. */
gboolean      amw_store_exec_stmt   (AmwStore     *self,
                                     sqlite3_stmt *stmt,
                                     const char   *what,
                                     GError      **error);
void          amw_store_note_change (AmwStore     *self,
                                     AmwChangeFlags flags);
/* Forgets the positions kept for deep pages (amw-store-lists.c): rows moved. */
void          amw_store_clear_anchors (AmwStore   *self);
/* @fts with its last word, a prefix, spelled out as the indexed words it begins
 * (amw-store-search.c); the same matches, found without merging lists. */
char         *amw_store_expand_fts  (AmwStore     *self,
                                     const char   *fts);
void          amw_store_forget_expanded_fts (AmwStore *self);

void          amw_bind_text         (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
void          amw_bind_text_or_null (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
char         *amw_column_dup        (sqlite3_stmt *stmt,
                                     int           column);
gint64        amw_store_lookup_pk   (AmwStore     *self,
                                     AmwStmtId     id,
                                     const char   *key,
                                     GError      **error);

/* Writers shared by import and commands (amw-store-write.c). */
gboolean      amw_store_write_tags        (AmwStore   *self,
                                           gint64      article_pk,
                                           GPtrArray  *tags,
                                           GError    **error);
gboolean      amw_store_write_areas       (AmwStore   *self,
                                           gint64      article_pk,
                                           GPtrArray  *areas,
                                           GError    **error);
gboolean      amw_store_write_companies   (AmwStore   *self,
                                           gint64      article_pk,
                                           GPtrArray  *companies,
                                           GError    **error);
gboolean      amw_store_write_connections (AmwStore   *self,
                                           gint64      article_pk,
                                           GPtrArray  *connections,
                                           GError    **error);
/* Binding a record to STMT_UPSERT_COMPANY / _ARTICLE / _EVENT (no copy: the record must
 * outlive the step), and one funding round of a company (amw-store-write.c). */
void          amw_bind_company            (sqlite3_stmt      *stmt,
                                           const AmwCompany  *company);
void          amw_bind_article            (sqlite3_stmt      *stmt,
                                           const AmwArticle  *article);
void          amw_bind_event              (sqlite3_stmt      *stmt,
                                           const AmwEvent    *event);
gboolean      amw_store_write_funding_round (AmwStore               *self,
                                           gint64                  company_pk,
                                           const AmwFundingRound  *round,
                                           GError                **error);
GPtrArray    *amw_store_read_strings      (AmwStore   *self,
                                           AmwStmtId   id,
                                           gint64      owner_pk,
                                           GError    **error);
GPtrArray    *amw_store_read_pairs        (AmwStore   *self,
                                           AmwStmtId   id,
                                           gint64      owner_pk,
                                           GError    **error);

/* The ids of the articles @query matches, in id order: a statement of the store's cache,
 * to reset after use (amw-store-lists.c, for amw-store-export.c). A failed step is
 * reported by amw_store_fail_article_query (), which tells a bad search from a failure. */
sqlite3_stmt *amw_store_prepare_article_ids (AmwStore   *self,
                                             AmwQuery   *query,
                                             GError    **error);
gboolean      amw_store_fail_article_query  (AmwStore   *self,
                                             int         rc,
                                             GError    **error);

G_END_DECLS
