/* amw-store-export.c — the export's reads: one read transaction, streaming cursors.
 *
 * Each table is read by a main cursor in id order, and each list a record holds (tags,
 * areas, aliases, funding rounds…) by a cursor of its own, ordered by the owner's id and
 * then the list's order. The cursors advance together, so the export runs a handful of
 * statements in all instead of several per record. A partial selection moves the cursors
 * the same way: forward a few rows, or a new seek when the next wanted id is further on. */
#include "amw-config.h"
#include "amw-store-export.h"
#include "amw-message.h"
#include "amw-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Every cursor's column 0 is the id of the record its row belongs to, and ?1 is the
 * smallest id wanted. CROSS JOIN keeps the owner table outermost, read in id order from
 * its unique index. Lists that have a position are ordered here, in C: they hold a few
 * items each, and SQLite would start a sort per owner. Names of tags and areas, and the
 * ids of referenced companies, articles and events come from name maps read once, not from
 * a join per row: each reference to an article or an event would read a page of a large
 * table at random, most of them not in the page cache. */
#define ARTICLES_SQL \
  "SELECT a.id, a.title, a.source, a.url, a.published, a.status, a.summary, a.amw_read," \
  " a.novelty, a.significance, a.created_at, a.updated_at" \
  " FROM articles a WHERE a.id >= ?1 ORDER BY a.id"
#define ARTICLE_AREAS_SQL \
  "SELECT a.id, aa.position, aa.area FROM articles a" \
  " CROSS JOIN article_areas aa ON aa.article = a.pk WHERE a.id >= ?1 ORDER BY a.id"
#define ARTICLE_TAGS_SQL \
  "SELECT a.id, x.position, x.tag FROM articles a" \
  " CROSS JOIN article_tags x ON x.article = a.pk WHERE a.id >= ?1 ORDER BY a.id"
#define ARTICLE_COMPANIES_SQL \
  "SELECT a.id, ac.position, ac.company, ac.role FROM articles a" \
  " CROSS JOIN article_companies ac ON ac.article = a.pk WHERE a.id >= ?1 ORDER BY a.id"
/* The primary key (article, position) gives the order. */
#define ARTICLE_CONNECTIONS_SQL \
  "SELECT a.id, cn.target_article, cn.target_event FROM articles a" \
  " CROSS JOIN connections cn ON cn.article = a.pk WHERE a.id >= ?1 ORDER BY a.id, cn.position"
#define COMPANIES_SQL \
  "SELECT c.id, c.name, c.website, c.hq_city, c.hq_country, c.founded, c.status, c.ticker," \
  " c.sector, c.employees, c.description, c.last_verified, c.created_at, c.updated_at" \
  " FROM companies c WHERE c.id >= ?1 ORDER BY c.id"
/* The primary key (company, position) gives the order. */
#define COMPANY_ALIASES_SQL \
  "SELECT c.id, al.alias FROM companies c CROSS JOIN company_aliases al ON al.company = c.pk" \
  " WHERE c.id >= ?1 ORDER BY c.id, al.position"
#define COMPANY_ROUNDS_SQL \
  "SELECT c.id, r.id, r.announced, r.round_type, r.amount_minor, r.currency, r.amount_usd_minor," \
  " r.post_money_minor, r.post_money_currency, r.lead_investors, r.participants, r.source_article" \
  " FROM companies c CROSS JOIN funding_rounds r ON r.company = c.pk" \
  " WHERE c.id >= ?1 ORDER BY c.id, r.announced, r.id"
#define EVENTS_SQL \
  "SELECT e.id, e.date, e.precision, e.title, e.kind, e.source_article, e.created_at, e.updated_at" \
  " FROM events e WHERE e.id >= ?1 ORDER BY e.id"
#define EVENT_COMPANIES_SQL \
  "SELECT e.id, ec.position, ec.company FROM events e" \
  " CROSS JOIN event_companies ec ON ec.event = e.pk WHERE e.id >= ?1 ORDER BY e.id"

/* What a name map holds, and how to look up one name without it. */
#define TAG_NAMES_SQL "SELECT pk, name FROM tags"
#define TAG_NAME_SQL "SELECT name FROM tags WHERE pk = ?1"
#define AREA_NAMES_SQL "SELECT pk, area, facet FROM areas"
#define AREA_NAME_SQL "SELECT area, facet FROM areas WHERE pk = ?1"
#define COMPANY_IDS_SQL "SELECT pk, id FROM companies"
#define COMPANY_ID_SQL "SELECT id FROM companies WHERE pk = ?1"
#define ARTICLE_IDS_SQL "SELECT pk, id FROM articles"
#define ARTICLE_ID_SQL "SELECT id FROM articles WHERE pk = ?1"
#define EVENT_IDS_SQL "SELECT pk, id FROM events"
#define EVENT_ID_SQL "SELECT id FROM events WHERE pk = ?1"

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

/* pk → one or two strings of a table (tag names, area and facet, ids), read with one
 * statement from a covering index. Past MAX_NAME_MAP_SIZE a map is not kept, so that the
 * export's memory has a bound, and each name is looked up on its own instead. */
#define MAX_NAME_MAP_SIZE (16 * 1024 * 1024)

static gsize max_name_map_size = MAX_NAME_MAP_SIZE;

typedef struct {
  gint64  pk;
  guint32 first;    /* offset into the map's text; a second name follows the first */
} NameEntry;

typedef struct {
  GArray       *entries;  /* NameEntry, sorted by pk; emptied when by_pk is used */
  GArray       *by_pk;    /* guint32: pk → offset of its first name + 1, when pks are dense */
  GString      *text;     /* the strings, each NUL-terminated */
  guint         n_names;  /* per row: 1 or 2 */
  sqlite3_stmt *lookup;   /* one name by pk, when the map was too big */
} NameMap;

typedef enum {
  MAP_TAGS,
  MAP_AREAS,
  MAP_COMPANIES,
  MAP_ARTICLES,
  MAP_EVENTS,
  N_MAPS
} MapId;

static const struct {
  const char *all_sql;
  const char *one_sql;
  guint       n_names;
} map_info[N_MAPS] = {
  [MAP_TAGS] = { TAG_NAMES_SQL, TAG_NAME_SQL, 1 },
  [MAP_AREAS] = { AREA_NAMES_SQL, AREA_NAME_SQL, 2 },
  [MAP_COMPANIES] = { COMPANY_IDS_SQL, COMPANY_ID_SQL, 1 },
  [MAP_ARTICLES] = { ARTICLE_IDS_SQL, ARTICLE_ID_SQL, 1 },
  [MAP_EVENTS] = { EVENT_IDS_SQL, EVENT_ID_SQL, 1 },
};

/* The items of the current owner's list, 1 or 2 strings each, in position order. */
typedef struct {
  GPtrArray *items;
  GArray    *positions;  /* gint64 per item */
} List;

struct _AmwExportReader
{
  AmwStore         *store;
  gboolean          own_transaction;
  Cursor            cursors[N_CURSORS];
  Source            articles;
  Source            companies;
  Source            events;
  Arena             arena;
  NameMap           maps[N_MAPS];
  List              lists[N_CURSORS];  /* each list cursor's items for the current owner */
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

/* ---- name maps and lists ---- */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  gint64 pk_a = ((const NameEntry *) a)->pk, pk_b = ((const NameEntry *) b)->pk;

  return (pk_a > pk_b) - (pk_a < pk_b);
}

static gboolean
name_map_load (AmwExportReader  *self,
               MapId             id,
               GError          **error)
{
  NameMap *map = &self->maps[id];
  sqlite3_stmt *stmt = NULL;
  int rc;

  map->n_names = map_info[id].n_names;
  rc = sqlite3_prepare_v2 (self->store->db, map_info[id].all_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return amw_store_fail (self->store, rc, _("Could not prepare a statement"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NameEntry entry = { sqlite3_column_int64 (stmt, 0), map->text->len };

      for (guint i = 1; i <= map->n_names; i++)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, i);

          g_string_append (map->text, name != NULL ? name : "");
          g_string_append_c (map->text, '\0');
        }
      g_array_append_val (map->entries, entry);
      /* Entries, and at most two pks per entry in by_pk. */
      if (map->text->len + map->entries->len * (sizeof (NameEntry) + 2 * sizeof (guint32)) > max_name_map_size)
        break;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      /* Too big to keep. */
      g_array_set_size (map->entries, 0);
      g_string_free (map->text, TRUE);
      map->text = g_string_new (NULL);
      rc = sqlite3_prepare_v2 (self->store->db, map_info[id].one_sql, -1, &map->lookup, NULL);
      if (rc != SQLITE_OK)
        return amw_store_fail (self->store, rc, _("Could not prepare a statement"), error);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return amw_store_fail (self->store, rc, _("Could not read the records to export"), error);
  /* Read in index order, not necessarily by pk. */
  g_array_sort (map->entries, compare_entries);
  /* pks are usually 1…n with few gaps: then a direct index saves a binary search. */
  if (map->entries->len > 0)
    {
      gint64 first_pk = g_array_index (map->entries, NameEntry, 0).pk;
      gint64 last_pk = g_array_index (map->entries, NameEntry, map->entries->len - 1).pk;

      if (first_pk >= 0 && last_pk < 2 * (gint64) map->entries->len + 1024)
        {
          g_array_set_size (map->by_pk, last_pk + 1);
          for (guint i = 0; i < map->entries->len; i++)
            {
              const NameEntry *entry = &g_array_index (map->entries, NameEntry, i);

              g_array_index (map->by_pk, guint32, entry->pk) = entry->first + 1;
            }
          g_array_set_size (map->entries, 0);
        }
    }
  return TRUE;
}

/* The name(s) of @pk in map @id. *@first is NULL when there is no such row: a reference to
 * a row that is gone, which a join would have left out too. */
static gboolean
name_map_get (AmwExportReader  *self,
              MapId             id,
              gint64            pk,
              const char      **first,
              const char      **second,
              GError          **error)
{
  NameMap *map = &self->maps[id];
  int rc;

  *first = NULL;
  if (second != NULL)
    *second = NULL;

  if (map->by_pk->len > 0)
    {
      guint32 offset = pk >= 0 && pk < map->by_pk->len ? g_array_index (map->by_pk, guint32, pk) : 0;

      if (offset > 0)
        *first = map->text->str + offset - 1;
    }
  else if (map->lookup == NULL)
    {
      guint low = 0, high = map->entries->len;

      while (low < high && *first == NULL)
        {
          guint middle = low + (high - low) / 2;
          const NameEntry *entry = &g_array_index (map->entries, NameEntry, middle);

          if (entry->pk == pk)
            *first = map->text->str + entry->first;
          else if (entry->pk < pk)
            low = middle + 1;
          else
            high = middle;
        }
    }
  else
    {
      sqlite3_reset (map->lookup);
      sqlite3_bind_int64 (map->lookup, 1, pk);
      rc = sqlite3_step (map->lookup);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          amw_store_fail (self->store, rc, _("Could not read the records to export"), error);
          sqlite3_reset (map->lookup);
          return FALSE;
        }
      if (rc == SQLITE_ROW)
        {
          *first = column_dup (&self->arena, map->lookup, 0);
          if (second != NULL)
            *second = column_dup (&self->arena, map->lookup, 1);
        }
      sqlite3_reset (map->lookup);
      return TRUE;
    }
  /* In a map, the second name follows the first. */
  if (*first != NULL && second != NULL)
    *second = *first + strlen (*first) + 1;
  return TRUE;
}

/* The id of the article or event whose pk is in @column, or NULL (none, or gone). */
static gboolean
column_reference (AmwExportReader  *self,
                  sqlite3_stmt     *stmt,
                  int               column,
                  MapId             id,
                  const char      **reference,
                  GError          **error)
{
  *reference = NULL;
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return TRUE;
  return name_map_get (self, id, sqlite3_column_int64 (stmt, column), reference, NULL, error);
}

/* Inserts an item at its position; rows mostly come in order, and an equal position keeps
 * the order the rows came in. */
static void
list_insert (List       *list,
             gint64      position,
             const char *first,
             const char *second)
{
  guint width = second != NULL ? 2 : 1;
  guint at = list->positions->len;

  while (at > 0 && g_array_index (list->positions, gint64, at - 1) > position)
    at--;
  g_array_insert_val (list->positions, at, position);
  g_ptr_array_insert (list->items, at * width, (gpointer) first);
  if (second != NULL)
    g_ptr_array_insert (list->items, at * width + 1, (gpointer) second);
}

/* Adds the current row of list cursor @id to its list. */
static gboolean
list_add_row (AmwExportReader  *self,
              CursorId          id,
              GError          **error)
{
  sqlite3_stmt *stmt = self->cursors[id].stmt;
  List *list = &self->lists[id];
  const char *first, *second;

  switch (id)
    {
    case CURSOR_ARTICLE_AREAS:
      if (!name_map_get (self, MAP_AREAS, sqlite3_column_int64 (stmt, 2), &first, &second, error))
        return FALSE;
      if (first != NULL)
        list_insert (list, sqlite3_column_int64 (stmt, 1), first, second);
      return TRUE;
    case CURSOR_ARTICLE_TAGS:
      if (!name_map_get (self, MAP_TAGS, sqlite3_column_int64 (stmt, 2), &first, NULL, error))
        return FALSE;
      if (first != NULL)
        list_insert (list, sqlite3_column_int64 (stmt, 1), first, NULL);
      return TRUE;
    case CURSOR_ARTICLE_COMPANIES:
      if (!name_map_get (self, MAP_COMPANIES, sqlite3_column_int64 (stmt, 2), &first, NULL, error))
        return FALSE;
      if (first != NULL)
        list_insert (list, sqlite3_column_int64 (stmt, 1), first, column_dup (&self->arena, stmt, 3));
      return TRUE;
    case CURSOR_EVENT_COMPANIES:
      if (!name_map_get (self, MAP_COMPANIES, sqlite3_column_int64 (stmt, 2), &first, NULL, error))
        return FALSE;
      if (first != NULL)
        list_insert (list, sqlite3_column_int64 (stmt, 1), first, NULL);
      return TRUE;
    case CURSOR_ARTICLE_CONNECTIONS:
      /* In order already. A connection to a row that is gone has the id "". */
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          if (!column_reference (self, stmt, 1, MAP_ARTICLES, &second, error))
            return FALSE;
          first = "article";
        }
      else
        {
          if (!column_reference (self, stmt, 2, MAP_EVENTS, &second, error))
            return FALSE;
          first = "event";
        }
      g_ptr_array_add (list->items, (gpointer) first);
      g_ptr_array_add (list->items, (gpointer) (second != NULL ? second : ""));
      return TRUE;
    case CURSOR_COMPANY_ALIASES:
      g_ptr_array_add (list->items, (gpointer) column_dup (&self->arena, stmt, 1));
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Reads the list of cursor @id for the owner @key; the cursor is left on the first row of
 * a later owner. */
static gboolean
cursor_read_list (AmwExportReader   *self,
                  CursorId           id,
                  const char        *key,
                  int                key_len,
                  AmwExportStrings  *strings,
                  GError           **error)
{
  Cursor *cursor = &self->cursors[id];
  List *list = &self->lists[id];

  g_ptr_array_set_size (list->items, 0);
  g_array_set_size (list->positions, 0);
  if (!cursor_advance (self, cursor, key, key_len, error))
    return FALSE;
  while (cursor->has_row && cursor_compare (cursor, key, key_len) == 0)
    {
      if (!list_add_row (self, id, error) || !cursor_step (self, cursor, error))
        return FALSE;
    }
  strings->items = (const char * const *) list->items->pdata;
  strings->len = list->items->len;
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

void
amw_export_reader_set_max_map_size (gsize size)
{
  max_name_map_size = size > 0 ? size : MAX_NAME_MAP_SIZE;
}

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
    {
      self->lists[i].items = g_ptr_array_new ();
      self->lists[i].positions = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  for (guint i = 0; i < N_MAPS; i++)
    {
      self->maps[i].entries = g_array_new (FALSE, FALSE, sizeof (NameEntry));
      self->maps[i].by_pk = g_array_new (FALSE, TRUE, sizeof (guint32));
      self->maps[i].text = g_string_new (NULL);
    }
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
  for (MapId i = 0; i < N_MAPS; i++)
    if (!name_map_load (self, i, error))
      return NULL;
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
  for (guint i = 0; i < N_MAPS; i++)
    sqlite3_finalize (self->maps[i].lookup);
  /* A read transaction: ending it cannot lose anything, and a failure changes nothing. */
  if (self->own_transaction && sqlite3_exec (self->store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->store->db, "ROLLBACK", NULL, NULL, NULL);
  for (guint i = 0; i < N_CURSORS; i++)
    {
      g_ptr_array_unref (self->lists[i].items);
      g_array_unref (self->lists[i].positions);
    }
  for (guint i = 0; i < N_MAPS; i++)
    {
      g_array_unref (self->maps[i].entries);
      g_array_unref (self->maps[i].by_pk);
      g_string_free (self->maps[i].text, TRUE);
    }
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
      g_autofree char *shown = amw_message_escape (missing, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no article “%s”"), shown);
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
  if (!cursor_read_list (self, CURSOR_ARTICLE_AREAS, key, key_len, &a->areas, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_TAGS, key, key_len, &a->tags, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_COMPANIES, key, key_len, &a->companies, error) ||
      !cursor_read_list (self, CURSOR_ARTICLE_CONNECTIONS, key, key_len, &a->connections, error))
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
      };

      if (!column_reference (self, stmt, 11, MAP_ARTICLES, &round.source_article, error))
        return FALSE;
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
      g_autofree char *shown = amw_message_escape (missing, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no company “%s”"), shown);
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
  if (!cursor_read_list (self, CURSOR_COMPANY_ALIASES, key, key_len, &c->aliases, error) ||
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
      g_autofree char *shown = amw_message_escape (missing, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no event “%s”"), shown);
      return FALSE;
    }
  if (!found)
    return TRUE;

  e->id = (const char *) sqlite3_column_text (stmt, 0);
  e->date = (const char *) sqlite3_column_text (stmt, 1);
  e->precision = (const char *) sqlite3_column_text (stmt, 2);
  e->title = (const char *) sqlite3_column_text (stmt, 3);
  e->kind = (const char *) sqlite3_column_text (stmt, 4);
  e->created_at = (const char *) sqlite3_column_text (stmt, 6);
  e->updated_at = (const char *) sqlite3_column_text (stmt, 7);

  key = owner_key (&self->events, &key_len);
  if (!column_reference (self, stmt, 5, MAP_ARTICLES, &e->source_article, error) ||
      !cursor_read_list (self, CURSOR_EVENT_COMPANIES, key, key_len, &e->companies, error))
    return FALSE;
  *event = e;
  return TRUE;
}
