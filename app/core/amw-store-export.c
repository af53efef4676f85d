/* amw-store-export.c — the export's reads: one read transaction, streaming cursors.
 *
 * Each table is read by a main cursor in id order, and each list a record holds (tags,
 * areas, aliases, funding rounds…) by a cursor of its own, ordered by the owner's id and
 * then the list's order. The cursors advance together, so the export runs a handful of
 * statements in all instead of several per record. A partial selection moves the cursors
 * the same way: forward a few rows, or a new seek when the next wanted id is further on. */
#include "amw-config.h"
#include "amw-store-export.h"
#include "amw-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Every cursor's column 0 is the id of the record its row belongs to, and ?1 is the
 * smallest id wanted. CROSS JOIN keeps the owner table outermost, read in id order from
 * its unique index, so that only the rows of one owner are sorted at a time. */
#define ARTICLES_SQL \
  "SELECT a.id, a.title, a.source, a.url, a.published, a.status, a.summary, a.amw_read," \
  " a.novelty, a.significance, a.created_at, a.updated_at" \
  " FROM articles a WHERE a.id >= ?1 ORDER BY a.id"
#define ARTICLE_AREAS_SQL \
  "SELECT a.id, ar.area, ar.facet FROM articles a" \
  " CROSS JOIN article_areas aa ON aa.article = a.pk CROSS JOIN areas ar ON ar.pk = aa.area" \
  " WHERE a.id >= ?1 ORDER BY a.id, aa.position"
#define ARTICLE_TAGS_SQL \
  "SELECT a.id, t.name FROM articles a" \
  " CROSS JOIN article_tags x ON x.article = a.pk CROSS JOIN tags t ON t.pk = x.tag" \
  " WHERE a.id >= ?1 ORDER BY a.id, x.position"
#define ARTICLE_COMPANIES_SQL \
  "SELECT a.id, c.id, ac.role FROM articles a" \
  " CROSS JOIN article_companies ac ON ac.article = a.pk CROSS JOIN companies c ON c.pk = ac.company" \
  " WHERE a.id >= ?1 ORDER BY a.id, ac.position"
#define ARTICLE_CONNECTIONS_SQL \
  "SELECT a.id, CASE WHEN cn.target_article IS NOT NULL THEN 'article' ELSE 'event' END," \
  " coalesce (ta.id, e.id) FROM articles a CROSS JOIN connections cn ON cn.article = a.pk" \
  " LEFT JOIN articles ta ON ta.pk = cn.target_article LEFT JOIN events e ON e.pk = cn.target_event" \
  " WHERE a.id >= ?1 ORDER BY a.id, cn.position"
#define COMPANIES_SQL \
  "SELECT c.id, c.name, c.website, c.hq_city, c.hq_country, c.founded, c.status, c.ticker," \
  " c.sector, c.employees, c.description, c.last_verified, c.created_at, c.updated_at" \
  " FROM companies c WHERE c.id >= ?1 ORDER BY c.id"
#define COMPANY_ALIASES_SQL \
  "SELECT c.id, al.alias FROM companies c CROSS JOIN company_aliases al ON al.company = c.pk" \
  " WHERE c.id >= ?1 ORDER BY c.id, al.position"
#define COMPANY_ROUNDS_SQL \
  "SELECT c.id, r.id, r.announced, r.round_type, r.amount_minor, r.currency, r.amount_usd_minor," \
  " r.post_money_minor, r.post_money_currency, r.lead_investors, r.participants, a.id" \
  " FROM companies c CROSS JOIN funding_rounds r ON r.company = c.pk" \
  " LEFT JOIN articles a ON a.pk = r.source_article" \
  " WHERE c.id >= ?1 ORDER BY c.id, r.announced, r.id"
#define EVENTS_SQL \
  "SELECT e.id, e.date, e.precision, e.title, e.kind, a.id, e.created_at, e.updated_at" \
  " FROM events e LEFT JOIN articles a ON a.pk = e.source_article" \
  " WHERE e.id >= ?1 ORDER BY e.id"
#define EVENT_COMPANIES_SQL \
  "SELECT e.id, c.id FROM events e" \
  " CROSS JOIN event_companies ec ON ec.event = e.pk CROSS JOIN companies c ON c.pk = ec.company" \
  " WHERE e.id >= ?1 ORDER BY e.id, ec.position"

typedef enum {
  CURSOR_ARTICLES,
  CURSOR_ARTICLE_AREAS,
  CURSOR_ARTICLE_TAGS,
  CURSOR_ARTICLE_COMPANIES,
  CURSOR_ARTICLE_CONNECTIONS,
  CURSOR_COMPANIES,
  CURSOR_COMPANY_ALIASES,
  CURSOR_COMPANY_ROUNDS,
  CURSOR_EVENTS,
  CURSOR_EVENT_COMPANIES,
  N_CURSORS
} CursorId;

static const char * const cursor_sql[N_CURSORS] = {
  [CURSOR_ARTICLES] = ARTICLES_SQL,
  [CURSOR_ARTICLE_AREAS] = ARTICLE_AREAS_SQL,
  [CURSOR_ARTICLE_TAGS] = ARTICLE_TAGS_SQL,
  [CURSOR_ARTICLE_COMPANIES] = ARTICLE_COMPANIES_SQL,
  [CURSOR_ARTICLE_CONNECTIONS] = ARTICLE_CONNECTIONS_SQL,
  [CURSOR_COMPANIES] = COMPANIES_SQL,
  [CURSOR_COMPANY_ALIASES] = COMPANY_ALIASES_SQL,
  [CURSOR_COMPANY_ROUNDS] = COMPANY_ROUNDS_SQL,
  [CURSOR_EVENTS] = EVENTS_SQL,
  [CURSOR_EVENT_COMPANIES] = EVENT_COMPANIES_SQL,
};

/* How many rows a cursor steps over before it seeks instead: a seek costs about as much
 * as a few steps, and a sparse selection would otherwise walk the whole table. */
#define MAX_SKIPPED_ROWS 16

typedef struct {
  sqlite3_stmt *stmt;
  gboolean      positioned;  /* sought since the last start */
  gboolean      has_row;     /* FALSE: past the last row */
} Cursor;

/* Where the records of one table come from: every row, a list of ids, or the ids a
 * query's statement yields. */
typedef struct {
  Cursor             *main;
  const char * const *ids;
  guint               next_id;
  sqlite3_stmt       *query_ids;  /* borrowed from the store's statement cache */
  gboolean            fresh;      /* every record: the first is read, not yet returned */
} Source;

/* Storage for copies of the current record's list strings: blocks kept from record to
 * record, so that copying costs no allocation once the first records are done. */
#define ARENA_BLOCK_SIZE (16 * 1024)

typedef struct {
  GPtrArray *blocks;
  guint      block;
  gsize      used;
  GPtrArray *large;   /* strings too long for a block, freed at each reset */
} Arena;

struct _AmwExportReader
{
  AmwStore         *store;
  gboolean          own_transaction;
  Cursor            cursors[N_CURSORS];
  Source            articles;
  Source            companies;
  Source            events;
  Arena             arena;
  GPtrArray        *lists[N_CURSORS];  /* item pointers of each list cursor's current owner */
  GArray           *rounds;            /* AmwExportRound */
  AmwExportArticle  article;
  AmwExportCompany  company;
  AmwExportEvent    event;
};

/* ---- arena ---- */

static void
arena_reset (Arena *arena)
{
  arena->block = 0;
  arena->used = 0;
  g_ptr_array_set_size (arena->large, 0);
}

static const char *
arena_dup (Arena      *arena,
           const char *text)
{
  gsize size = strlen (text) + 1;
  char *copy;

  if (size > ARENA_BLOCK_SIZE / 4)
    {
      copy = g_memdup2 (text, size);
      g_ptr_array_add (arena->large, copy);
      return copy;
    }
  if (arena->used + size > ARENA_BLOCK_SIZE || arena->blocks->len == 0)
    {
      if (arena->blocks->len > 0)
        arena->block++;
      if (arena->block == arena->blocks->len)
        g_ptr_array_add (arena->blocks, g_malloc (ARENA_BLOCK_SIZE));
      arena->used = 0;
    }
  copy = (char *) g_ptr_array_index (arena->blocks, arena->block) + arena->used;
  memcpy (copy, text, size);
  arena->used += size;
  return copy;
}

/* A list item or a field of a copied row: a missing value reads as "". */
static const char *
column_dup (Arena        *arena,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return arena_dup (arena, text != NULL ? text : "");
}

static const char *
column_dup_or_null (Arena        *arena,
                    sqlite3_stmt *stmt,
                    int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? arena_dup (arena, text) : NULL;
}

/* ---- cursors ---- */

static gboolean
cursor_step (AmwExportReader  *self,
             Cursor           *cursor,
             GError          **error)
{
  int rc = sqlite3_step (cursor->stmt);

  cursor->has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  return amw_store_fail (self->store, rc, _("Could not read the records to export"), error);
}

/* Moves @cursor to its first row whose owner id is @key or after it. */
static gboolean
cursor_seek (AmwExportReader  *self,
             Cursor           *cursor,
             const char       *key,
             int               key_len,
             GError          **error)
{
  sqlite3_reset (cursor->stmt);
  sqlite3_bind_text (cursor->stmt, 1, key, key_len, SQLITE_TRANSIENT);
  cursor->positioned = TRUE;
  return cursor_step (self, cursor, error);
}

/* The current row's owner id against @key, in SQLite's BINARY order. */
static int
cursor_compare (Cursor     *cursor,
                const char *key,
                int         key_len)
{
  const char *id = (const char *) sqlite3_column_text (cursor->stmt, 0);
  int len = sqlite3_column_bytes (cursor->stmt, 0);
  int cmp;

  if (id == NULL)
    return key_len > 0 ? -1 : 0;
  cmp = memcmp (id, key, MIN (len, key_len));
  return cmp != 0 ? cmp : len - key_len;
}

/* Moves @cursor forward to its first row whose owner id is @key or after it. Keys only
 * grow from one call to the next, so a cursor never needs to go back. */
static gboolean
cursor_advance (AmwExportReader  *self,
                Cursor           *cursor,
                const char       *key,
                int               key_len,
                GError          **error)
{
  if (!cursor->positioned)
    return cursor_seek (self, cursor, key, key_len, error);
  for (guint skipped = 0; cursor->has_row && cursor_compare (cursor, key, key_len) < 0; skipped++)
    {
      if (skipped == MAX_SKIPPED_ROWS)
        return cursor_seek (self, cursor, key, key_len, error);
      if (!cursor_step (self, cursor, error))
        return FALSE;
    }
  return TRUE;
}

/* Copies the strings of columns 1…@n_columns of every row of the owner @key into the
 * list of @id; the cursor is left on the first row of a later owner. */
static gboolean
cursor_read_list (AmwExportReader   *self,
                  CursorId           id,
                  int                n_columns,
                  const char        *key,
                  int                key_len,
                  AmwExportStrings  *list,
                  GError           **error)
{
  Cursor *cursor = &self->cursors[id];
  GPtrArray *items = self->lists[id];

  g_ptr_array_set_size (items, 0);
  if (!cursor_advance (self, cursor, key, key_len, error))
    return FALSE;
  while (cursor->has_row && cursor_compare (cursor, key, key_len) == 0)
    {
      for (int column = 1; column <= n_columns; column++)
        g_ptr_array_add (items, (gpointer) column_dup (&self->arena, cursor->stmt, column));
      if (!cursor_step (self, cursor, error))
        return FALSE;
    }
  list->items = (const char * const *) items->pdata;
  list->len = items->len;
  return TRUE;
}

/* ---- sources ---- */

static void
source_stop (Source *source)
{
  source->ids = NULL;
  source->next_id = 0;
  source->fresh = FALSE;
  if (source->query_ids != NULL)
    sqlite3_reset (source->query_ids);
  source->query_ids = NULL;
}

/* Every record (@ids NULL) or those of @ids. */
static gboolean
source_start (AmwExportReader     *self,
              Source              *source,
              const char * const  *ids,
              GError             **error)
{
  source_stop (source);
  source->main->positioned = FALSE;
  source->ids = ids;
  if (ids != NULL)
    return TRUE;
  source->fresh = TRUE;
  return cursor_seek (self, source->main, "", 0, error);
}

/* Moves the source's main cursor to its next record; @found is FALSE after the last, and
 * when a wanted id has no record, which is then in @missing. */
static gboolean
source_next (AmwExportReader  *self,
             Source           *source,
             gboolean         *found,
             char            **missing,
             GError          **error)
{
  Cursor *cursor = source->main;
  const char *key;
  int key_len;

  *found = FALSE;
  if (source->ids == NULL && source->query_ids == NULL)
    {
      /* Every record: source_start () read the first one. */
      if (!source->fresh && cursor->has_row && !cursor_step (self, cursor, error))
        return FALSE;
      source->fresh = FALSE;
      *found = cursor->has_row;
      return TRUE;
    }
  if (source->ids != NULL)
    {
      key = source->ids[source->next_id];
      if (key == NULL)
        return TRUE;
      source->next_id++;
      key_len = (int) strlen (key);
    }
  else
    {
      int rc = sqlite3_step (source->query_ids);

      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW)
        return amw_store_fail_article_query (self->store, rc, error);
      key = (const char *) sqlite3_column_text (source->query_ids, 0);
      key_len = sqlite3_column_bytes (source->query_ids, 0);
      if (key == NULL)
        key = "";
    }
  if (!cursor_advance (self, cursor, key, key_len, error))
    return FALSE;
  if (!cursor->has_row || cursor_compare (cursor, key, key_len) != 0)
    {
      *missing = g_strndup (key, key_len);
      return TRUE;
    }
  *found = TRUE;
  return TRUE;
}

/* The current main row's id, the key of its lists. */
static const char *
owner_key (Source *source,
           int    *key_len)
{
  sqlite3_stmt *stmt = source->main->stmt;
  const char *key = (const char *) sqlite3_column_text (stmt, 0);

  *key_len = sqlite3_column_bytes (stmt, 0);
  return key != NULL ? key : "";
}

/* ---- the reader ---- */

AmwExportReader *
amw_export_reader_new (AmwStore  *store,
                       GError   **error)
{
  g_autoptr(AmwExportReader) self = NULL;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  self = g_new0 (AmwExportReader, 1);
  self->store = g_object_ref (store);
  self->arena.blocks = g_ptr_array_new_with_free_func (g_free);
  self->arena.large = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_CURSORS; i++)
    self->lists[i] = g_ptr_array_new ();
  self->rounds = g_array_new (FALSE, TRUE, sizeof (AmwExportRound));
  self->articles.main = &self->cursors[CURSOR_ARTICLES];
  self->companies.main = &self->cursors[CURSOR_COMPANIES];
  self->events.main = &self->cursors[CURSOR_EVENTS];

  /* One snapshot for the whole export, and one lock instead of one per statement. Inside
   * a transaction of the caller's, that transaction is the snapshot. */
  if (sqlite3_get_autocommit (store->db))
    {
      int rc = sqlite3_exec (store->db, "BEGIN", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          amw_store_fail (store, rc, _("Could not start reading the database"), error);
          return NULL;
        }
      self->own_transaction = TRUE;
    }
  for (guint i = 0; i < N_CURSORS; i++)
    {
      int rc = sqlite3_prepare_v2 (store->db, cursor_sql[i], -1, &self->cursors[i].stmt, NULL);

      if (rc != SQLITE_OK)
        {
          amw_store_fail (store, rc, _("Could not prepare a statement"), error);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

void
amw_export_reader_free (AmwExportReader *self)
{
  if (self == NULL)
    return;
  source_stop (&self->articles);
  source_stop (&self->companies);
  source_stop (&self->events);
  for (guint i = 0; i < N_CURSORS; i++)
    sqlite3_finalize (self->cursors[i].stmt);
  /* A read transaction: ending it cannot lose anything, and a failure changes nothing. */
  if (self->own_transaction && sqlite3_exec (self->store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->store->db, "ROLLBACK", NULL, NULL, NULL);
  for (guint i = 0; i < N_CURSORS; i++)
    g_ptr_array_unref (self->lists[i]);
  g_array_unref (self->rounds);
  g_ptr_array_unref (self->arena.blocks);
  g_ptr_array_unref (self->arena.large);
  g_object_unref (self->store);
  g_free (self);
}

static void
restart_lists (AmwExportReader *self,
               CursorId         first,
               CursorId         last)
{
  for (CursorId id = first; id <= last; id++)
    self->cursors[id].positioned = FALSE;
}

gboolean
amw_export_reader_start_articles (AmwExportReader     *self,
                                  AmwQuery            *query,
                                  const char * const  *ids,
                                  GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  restart_lists (self, CURSOR_ARTICLE_AREAS, CURSOR_ARTICLE_CONNECTIONS);
  if (ids == NULL && query != NULL)
    {
      source_stop (&self->articles);
      self->articles.main->positioned = FALSE;
      self->articles.query_ids = amw_store_prepare_article_ids (self->store, query, error);
      return self->articles.query_ids != NULL;
    }
  return source_start (self, &self->articles, ids, error);
}

gboolean
amw_export_reader_start_companies (AmwExportReader     *self,
                                   const char * const  *ids,
                                   GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  restart_lists (self, CURSOR_COMPANY_ALIASES, CURSOR_COMPANY_ROUNDS);
  return source_start (self, &self->companies, ids, error);
}

gboolean
amw_export_reader_start_events (AmwExportReader     *self,
                                const char * const  *ids,
                                GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  restart_lists (self, CURSOR_EVENT_COMPANIES, CURSOR_EVENT_COMPANIES);
  return source_start (self, &self->events, ids, error);
}

gboolean
amw_export_reader_next_article (AmwExportReader         *self,
                                const AmwExportArticle **article,
                                GError                 **error)
{
  AmwExportArticle *a = &self->article;
  sqlite3_stmt *stmt = self->articles.main->stmt;
  g_autofree char *missing = NULL;
  const char *key;
  gboolean found;
  int key_len;

  *article = NULL;
  arena_reset (&self->arena);
  if (!source_next (self, &self->articles, &found, &missing, error))
    return FALSE;
  if (missing != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no article “%s”"), missing);
      return FALSE;
    }
  if (!found)
    return TRUE;

  a->id = (const char *) sqlite3_column_text (stmt, 0);
  a->title = (const char *) sqlite3_column_text (stmt, 1);
  a->source = (const char *) sqlite3_column_text (stmt, 2);
  a->url = (const char *) sqlite3_column_text (stmt, 3);
  a->published = (const char *) sqlite3_column_text (stmt, 4);
  a->status = (const char *) sqlite3_column_text (stmt, 5);
  a->summary = (const char *) sqlite3_column_text (stmt, 6);
  a->amw_read = (const char *) sqlite3_column_text (stmt, 7);
  a->novelty = sqlite3_column_int (stmt, 8);
  a->significance = sqlite3_column_int (stmt, 9);
  a->created_at = (const char *) sqlite3_column_text (stmt, 10);
  a->updated_at = (const char *) sqlite3_column_text (stmt, 11);

  key = owner_key (&self->articles, &key_len);
  if (!cursor_read_list (self, CURSOR_ARTICLE_AREAS, 2, key, key_len, &a->areas, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_TAGS, 1, key, key_len, &a->tags, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_COMPANIES, 2, key, key_len, &a->companies, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_CONNECTIONS, 2, key, key_len, &a->connections, error))
    return FALSE;
  *article = a;
  return TRUE;
}

static gboolean
read_rounds (AmwExportReader  *self,
             const char       *key,
             int               key_len,
             GError          **error)
{
  Cursor *cursor = &self->cursors[CURSOR_COMPANY_ROUNDS];
  sqlite3_stmt *stmt = cursor->stmt;

  g_array_set_size (self->rounds, 0);
  if (!cursor_advance (self, cursor, key, key_len, error))
    return FALSE;
  while (cursor->has_row && cursor_compare (cursor, key, key_len) == 0)
    {
      AmwExportRound round = {
        .id = column_dup (&self->arena, stmt, 1),
        .announced = column_dup (&self->arena, stmt, 2),
        .type = column_dup (&self->arena, stmt, 3),
        .has_amount = sqlite3_column_type (stmt, 4) != SQLITE_NULL,
        .amount_minor = sqlite3_column_int64 (stmt, 4),
        .currency = column_dup_or_null (&self->arena, stmt, 5),
        .has_amount_usd = sqlite3_column_type (stmt, 6) != SQLITE_NULL,
        .amount_usd_minor = sqlite3_column_int64 (stmt, 6),
        .has_post_money = sqlite3_column_type (stmt, 7) != SQLITE_NULL,
        .post_money_minor = sqlite3_column_int64 (stmt, 7),
        .post_money_currency = column_dup_or_null (&self->arena, stmt, 8),
        .lead_investors = column_dup_or_null (&self->arena, stmt, 9),
        .participants = column_dup_or_null (&self->arena, stmt, 10),
        .source_article = column_dup_or_null (&self->arena, stmt, 11),
      };

      g_array_append_val (self->rounds, round);
      if (!cursor_step (self, cursor, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
amw_export_reader_next_company (AmwExportReader         *self,
                                const AmwExportCompany **company,
                                GError                 **error)
{
  AmwExportCompany *c = &self->company;
  sqlite3_stmt *stmt = self->companies.main->stmt;
  g_autofree char *missing = NULL;
  const char *key;
  gboolean found;
  int key_len;

  *company = NULL;
  arena_reset (&self->arena);
  if (!source_next (self, &self->companies, &found, &missing, error))
    return FALSE;
  if (missing != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no company “%s”"), missing);
      return FALSE;
    }
  if (!found)
    return TRUE;

  c->id = (const char *) sqlite3_column_text (stmt, 0);
  c->name = (const char *) sqlite3_column_text (stmt, 1);
  c->website = (const char *) sqlite3_column_text (stmt, 2);
  c->hq_city = (const char *) sqlite3_column_text (stmt, 3);
  c->hq_country = (const char *) sqlite3_column_text (stmt, 4);
  c->founded = sqlite3_column_int (stmt, 5);
  c->status = (const char *) sqlite3_column_text (stmt, 6);
  c->ticker = (const char *) sqlite3_column_text (stmt, 7);
  c->sector = (const char *) sqlite3_column_text (stmt, 8);
  c->employees = (const char *) sqlite3_column_text (stmt, 9);
  c->description = (const char *) sqlite3_column_text (stmt, 10);
  c->last_verified = (const char *) sqlite3_column_text (stmt, 11);
  c->created_at = (const char *) sqlite3_column_text (stmt, 12);
  c->updated_at = (const char *) sqlite3_column_text (stmt, 13);

  key = owner_key (&self->companies, &key_len);
  if (!cursor_read_list (self, CURSOR_COMPANY_ALIASES, 1, key, key_len, &c->aliases, error) ||
      !read_rounds (self, key, key_len, error))
    return FALSE;
  c->rounds = (const AmwExportRound *) self->rounds->data;
  c->n_rounds = self->rounds->len;
  *company = c;
  return TRUE;
}

gboolean
amw_export_reader_next_event (AmwExportReader       *self,
                              const AmwExportEvent **event,
                              GError               **error)
{
  AmwExportEvent *e = &self->event;
  sqlite3_stmt *stmt = self->events.main->stmt;
  g_autofree char *missing = NULL;
  const char *key;
  gboolean found;
  int key_len;

  *event = NULL;
  arena_reset (&self->arena);
  if (!source_next (self, &self->events, &found, &missing, error))
    return FALSE;
  if (missing != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no event “%s”"), missing);
      return FALSE;
    }
  if (!found)
    return TRUE;

  e->id = (const char *) sqlite3_column_text (stmt, 0);
  e->date = (const char *) sqlite3_column_text (stmt, 1);
  e->precision = (const char *) sqlite3_column_text (stmt, 2);
  e->title = (const char *) sqlite3_column_text (stmt, 3);
  e->kind = (const char *) sqlite3_column_text (stmt, 4);
  e->source_article = (const char *) sqlite3_column_text (stmt, 5);
  e->created_at = (const char *) sqlite3_column_text (stmt, 6);
  e->updated_at = (const char *) sqlite3_column_text (stmt, 7);

  key = owner_key (&self->events, &key_len);
  if (!cursor_read_list (self, CURSOR_EVENT_COMPANIES, 1, key, key_len, &e->companies, error))
    return FALSE;
  *event = e;
  return TRUE;
}
