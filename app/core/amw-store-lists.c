/* amw-store-lists.c — counted, sorted, paged lists: articles by query, companies, timeline.
 *
 * Filters vary, so the article SQL is assembled from the constant fragments below (never
 * from values: every value is a bound parameter) and each distinct statement is prepared
 * once and kept in a cache keyed by its text. */
#include "amw-config.h"

#include <glib/gi18n-lib.h>
#include "amw-json-values.h"
#include "amw-store-private.h"

#include <stdio.h>
#include <string.h>


#define ARTICLE_ROW_SELECT \
  "SELECT a.pk, a.id, a.title, a.source, a.published, a.status, a.novelty, a.significance," \
  " (SELECT group_concat (name, ', ') FROM (SELECT t.name AS name FROM article_tags x" \
  "   JOIN tags t ON t.pk = x.tag WHERE x.article = a.pk ORDER BY x.position))"
#define ARTICLE_ROW_COLUMNS ARTICLE_ROW_SELECT " FROM articles a"
/* The FTS rowid is the article's fts_key: publication day << 32 | pk (schema v2). */
#define FTS_PK "(f.rowid & 4294967295)"
#define FTS_JOIN \
  " JOIN (SELECT rowid, rank AS fts_rank FROM articles_fts" \
  "       WHERE articles_fts MATCH :fts) f ON " FTS_PK " = a.pk"
/* Sorted by date, a search walks the FTS index in rowid order (that is, by date) and stops
 * after the page: CROSS JOIN keeps the index as the outer loop. */
#define FTS_BY_DATE \
  " FROM articles_fts f CROSS JOIN articles a ON a.pk = " FTS_PK \
  " WHERE articles_fts MATCH :fts"
#define WHERE_STATUS " AND a.status IN (SELECT value FROM json_each (:statuses))"
#define TAGS_ARTICLES \
  "SELECT x.article FROM article_tags x JOIN tags t ON t.pk = x.tag" \
  " WHERE t.name IN (SELECT value FROM json_each (:tags))" \
  " GROUP BY x.article HAVING count (*) = json_array_length (:tags)"
#define AREAS_ARTICLES \
  "SELECT aa.article FROM article_areas aa JOIN areas ar ON ar.pk = aa.area" \
  " WHERE ar.area || ' · ' || ar.facet IN (SELECT value FROM json_each (:areas))" \
  " GROUP BY aa.article HAVING count (*) = json_array_length (:areas)"
#define COMPANIES_ARTICLES \
  "SELECT ac.article FROM article_companies ac JOIN companies c ON c.pk = ac.company" \
  " WHERE c.id IN (SELECT value FROM json_each (:companies))" \
  " GROUP BY ac.article HAVING count (*) = json_array_length (:companies)"
#define WHERE_TAGS " AND a.pk IN (" TAGS_ARTICLES ")"
#define WHERE_AREAS " AND a.pk IN (" AREAS_ARTICLES ")"
#define WHERE_COMPANIES " AND a.pk IN (" COMPANIES_ARTICLES ")"
#define WHERE_NOVELTY " AND a.novelty BETWEEN :novelty_min AND :novelty_max"
#define WHERE_SIGNIFICANCE " AND a.significance BETWEEN :significance_min AND :significance_max"
#define WHERE_SINCE " AND a.published >= :since"
#define WHERE_UNTIL " AND a.published <= :until"
#define WHERE_INCOMPLETE " AND (a.amw_read = '' OR a.novelty IS NULL OR a.significance IS NULL)"
#define WHERE_NOTHING " AND 0"

static const char * const sort_columns[AMW_N_SORT_KEYS] = {
  [AMW_SORT_PUBLISHED] = "a.published",
  [AMW_SORT_TITLE] = "a.title COLLATE NOCASE",
  [AMW_SORT_SOURCE] = "a.source COLLATE NOCASE",
  [AMW_SORT_NOVELTY] = "a.novelty",
  [AMW_SORT_SIGNIFICANCE] = "a.significance",
  [AMW_SORT_STATUS] =
    "CASE a.status WHEN 'draft' THEN 0 WHEN 'in-review' THEN 1 WHEN 'ready' THEN 2"
    " WHEN 'published' THEN 3 ELSE 4 END",
  [AMW_SORT_UPDATED] = "a.updated_at",
  [AMW_SORT_RELEVANCE] = "a.published", /* never used: see append_ranked_page () */
};

typedef enum {
  PURPOSE_COUNT,
  PURPOSE_COUNT_CAPPED, /* count (*) of at most :cap rows */
  PURPOSE_ANCHOR,       /* (published, pk) of the row at :offset */
  PURPOSE_ANCHOR_FROM_ANCHOR, /* the same, counted from the row (:anchor_published, :anchor_pk) */
  PURPOSE_PAGE_FROM_ANCHOR, /* a page counted from the row (:anchor_published, :anchor_pk) */
  PURPOSE_PAGE,
  PURPOSE_IDS,
} Purpose;

static gboolean
strv_nonempty (const char * const *strv)
{
  return strv != NULL && strv[0] != NULL;
}

/* Search text without a word ("*", "\"\"", ")))") has no FTS expression. It matches
 * nothing: dropped as no filter, it would list, and export, every article. */
static gboolean
search_matches_nothing (AmwQuery *query)
{
  return query != NULL && amw_query_get_search (query) != NULL && amw_query_get_fts (query) == NULL;
}

static void
append_filters (GString  *sql,
                AmwQuery *query)
{
  int min, max;

  if (query == NULL)
    return;
  if (search_matches_nothing (query))
    g_string_append (sql, WHERE_NOTHING);
  if (strv_nonempty (amw_query_get_statuses (query)))
    g_string_append (sql, WHERE_STATUS);
  if (strv_nonempty (amw_query_get_tags (query)))
    g_string_append (sql, WHERE_TAGS);
  if (strv_nonempty (amw_query_get_areas (query)))
    g_string_append (sql, WHERE_AREAS);
  if (strv_nonempty (amw_query_get_companies (query)))
    g_string_append (sql, WHERE_COMPANIES);
  amw_query_get_novelty_range (query, &min, &max);
  if (min > 0)
    g_string_append (sql, WHERE_NOVELTY);
  amw_query_get_significance_range (query, &min, &max);
  if (min > 0)
    g_string_append (sql, WHERE_SIGNIFICANCE);
  if (amw_query_get_since (query) != NULL)
    g_string_append (sql, WHERE_SINCE);
  if (amw_query_get_until (query) != NULL)
    g_string_append (sql, WHERE_UNTIL);
  if (amw_query_get_incomplete (query))
    g_string_append (sql, WHERE_INCOMPLETE);
}

static gboolean
has_filters_besides_search (AmwQuery *query)
{
  int min, max, smin, smax;

  amw_query_get_novelty_range (query, &min, &max);
  amw_query_get_significance_range (query, &smin, &smax);
  return strv_nonempty (amw_query_get_statuses (query)) || strv_nonempty (amw_query_get_tags (query)) ||
         strv_nonempty (amw_query_get_areas (query)) || strv_nonempty (amw_query_get_companies (query)) ||
         min > 0 || smin > 0 || amw_query_get_since (query) != NULL ||
         amw_query_get_until (query) != NULL || amw_query_get_incomplete (query);
}

typedef enum {
  LINK_NONE,
  LINK_TAGS,
  LINK_AREAS,
  LINK_COMPANIES,
} LinkFilter;

/* The link table that alone makes up @query's filter (tags only, areas only or
 * companies only), if any. */
static LinkFilter
sole_link_filter (AmwQuery *query)
{
  int min, max, smin, smax;
  gboolean tags, areas, companies;

  if (query == NULL || amw_query_get_search (query) != NULL)
    return LINK_NONE;
  amw_query_get_novelty_range (query, &min, &max);
  amw_query_get_significance_range (query, &smin, &smax);
  if (strv_nonempty (amw_query_get_statuses (query)) || min > 0 || smin > 0 ||
      amw_query_get_since (query) != NULL || amw_query_get_until (query) != NULL ||
      amw_query_get_incomplete (query))
    return LINK_NONE;
  tags = strv_nonempty (amw_query_get_tags (query));
  areas = strv_nonempty (amw_query_get_areas (query));
  companies = strv_nonempty (amw_query_get_companies (query));
  if (tags + areas + companies != 1)
    return LINK_NONE;
  return tags ? LINK_TAGS : areas ? LINK_AREAS : LINK_COMPANIES;
}

/* A page sorted by relevance. bm25 is computed for every match; the page is chosen
 * among the matches' keys and ranks alone, and only its rows are read and given their
 * tags: sorting the full rows of 960 000 matches took 10 s at a million articles. With
 * no other filter the FTS index alone chooses the page. Ties go by pk, as in every list.
 * bm25 ranks are negative: the best match is the lowest, so "descending" sorts up. */
static void
append_ranked_page (GString  *sql,
                    AmwQuery *query)
{
  gboolean best_first = amw_query_get_descending (query);

  g_string_append (sql, ARTICLE_ROW_SELECT);
  if (!has_filters_besides_search (query))
    {
      g_string_append (sql, " FROM (SELECT rowid AS fts_key, rank AS fts_rank FROM articles_fts"
                            " WHERE articles_fts MATCH :fts");
      if (best_first)
        g_string_append (sql, " ORDER BY rank ASC, (rowid & 4294967295) ASC");
      else
        g_string_append (sql, " ORDER BY rank DESC, (rowid & 4294967295) DESC");
      g_string_append (sql, " LIMIT :limit OFFSET :offset) p"
                            " CROSS JOIN articles a ON a.pk = (p.fts_key & 4294967295)");
    }
  else
    {
      g_string_append (sql, " FROM (SELECT a.pk AS pk, f.fts_rank AS fts_rank FROM articles a" FTS_JOIN
                            " WHERE 1");
      append_filters (sql, query);
      if (best_first)
        g_string_append (sql, " ORDER BY f.fts_rank ASC, a.pk ASC");
      else
        g_string_append (sql, " ORDER BY f.fts_rank DESC, a.pk DESC");
      g_string_append (sql, " LIMIT :limit OFFSET :offset) p CROSS JOIN articles a ON a.pk = p.pk");
    }
  if (best_first)
    g_string_append (sql, " ORDER BY p.fts_rank ASC, a.pk ASC");
  else
    g_string_append (sql, " ORDER BY p.fts_rank DESC, a.pk DESC");
}

static char *
build_article_sql (AmwQuery *query,
                   Purpose   purpose)
{
  GString *sql = g_string_new (NULL);
  gboolean searching = query != NULL && amw_query_get_fts (query) != NULL;
  /* bm25 is computed for every match when "rank" is selected: only join for it when the
   * list is sorted by relevance. */
  gboolean ranked = searching && purpose == PURPOSE_PAGE &&
                    amw_query_get_sort_key (query) == AMW_SORT_RELEVANCE;

  /* A filter on tags (or areas, or companies) alone counts in its link table: reading the
   * articles' rows would cost a random page read each (40 ms for 5000 of a million). */
  if (purpose == PURPOSE_COUNT && sole_link_filter (query) != LINK_NONE)
    {
      switch (sole_link_filter (query))
        {
        case LINK_TAGS: g_string_append (sql, "SELECT count (*) FROM (" TAGS_ARTICLES ")"); break;
        case LINK_AREAS: g_string_append (sql, "SELECT count (*) FROM (" AREAS_ARTICLES ")"); break;
        case LINK_COMPANIES: g_string_append (sql, "SELECT count (*) FROM (" COMPANIES_ARTICLES ")"); break;
        case LINK_NONE: g_assert_not_reached ();
        }
      return g_string_free (sql, FALSE);
    }
  /* A search without other filters counts in the FTS index alone. */
  if (purpose == PURPOSE_COUNT && searching && !has_filters_besides_search (query))
    {
      g_string_free (sql, TRUE);
      return g_strdup ("SELECT count (*) FROM articles_fts WHERE articles_fts MATCH :fts");
    }
  if (purpose == PURPOSE_COUNT_CAPPED && searching && !has_filters_besides_search (query))
    {
      g_string_free (sql, TRUE);
      return g_strdup ("SELECT count (*) FROM (SELECT 1 FROM articles_fts"
                       " WHERE articles_fts MATCH :fts LIMIT :cap)");
    }
  if (ranked)
    {
      append_ranked_page (sql, query);
      return g_string_free (sql, FALSE);
    }
  if (purpose == PURPOSE_PAGE && searching && amw_query_get_sort_key (query) == AMW_SORT_PUBLISHED)
    {
      g_string_append (sql, ARTICLE_ROW_SELECT FTS_BY_DATE);
      append_filters (sql, query);
      if (amw_query_get_descending (query))
        g_string_append (sql, " ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset");
      else
        g_string_append (sql, " ORDER BY f.rowid ASC LIMIT :limit OFFSET :offset");
      return g_string_free (sql, FALSE);
    }
  switch (purpose)
    {
    case PURPOSE_COUNT: g_string_append (sql, "SELECT count (*) FROM articles a"); break;
    case PURPOSE_COUNT_CAPPED: g_string_append (sql, "SELECT count (*) FROM (SELECT 1 FROM articles a"); break;
    case PURPOSE_PAGE: g_string_append (sql, ARTICLE_ROW_COLUMNS); break;
    case PURPOSE_IDS: g_string_append (sql, "SELECT a.id FROM articles a"); break;
    case PURPOSE_ANCHOR:
    case PURPOSE_ANCHOR_FROM_ANCHOR: g_string_append (sql, "SELECT a.published, a.pk FROM articles a"); break;
    case PURPOSE_PAGE_FROM_ANCHOR: g_string_append (sql, ARTICLE_ROW_COLUMNS); break;
    }
  g_string_append (sql, " WHERE 1");
  if (searching)
    g_string_append (sql, " AND a.pk IN (SELECT rowid & 4294967295 FROM articles_fts"
                          " WHERE articles_fts MATCH :fts)");
  append_filters (sql, query);
  if (purpose == PURPOSE_PAGE_FROM_ANCHOR || purpose == PURPOSE_ANCHOR_FROM_ANCHOR)
    {
      if (query == NULL || amw_query_get_descending (query))
        g_string_append (sql, " AND (a.published, a.pk) <= (:anchor_published, :anchor_pk)");
      else
        g_string_append (sql, " AND (a.published, a.pk) >= (:anchor_published, :anchor_pk)");
    }

  if (purpose == PURPOSE_PAGE || purpose == PURPOSE_PAGE_FROM_ANCHOR ||
      purpose == PURPOSE_ANCHOR || purpose == PURPOSE_ANCHOR_FROM_ANCHOR)
    {
      AmwSortKey key = query ? amw_query_get_sort_key (query) : AMW_SORT_PUBLISHED;
      const char *direction = (query == NULL || amw_query_get_descending (query)) ? " DESC" : " ASC";

      /* Relevance orders pages only (append_ranked_page); anchors and the rest go by date. */
      if (key == AMW_SORT_RELEVANCE)
        key = AMW_SORT_PUBLISHED;
      g_string_append (sql, " ORDER BY ");
      g_string_append (sql, sort_columns[key]);
      g_string_append (sql, direction);
      /* Unrated and unsourced articles come last in either direction. */
      g_string_append (sql, " NULLS LAST, a.pk");
      g_string_append (sql, direction);
      if (purpose == PURPOSE_ANCHOR || purpose == PURPOSE_ANCHOR_FROM_ANCHOR)
        g_string_append (sql, " LIMIT 1 OFFSET :offset");
      else
        g_string_append (sql, " LIMIT :limit OFFSET :offset");
    }
  else if (purpose == PURPOSE_IDS)
    g_string_append (sql, " ORDER BY a.id");
  else if (purpose == PURPOSE_COUNT_CAPPED)
    g_string_append (sql, " LIMIT :cap)");
  return g_string_free (sql, FALSE);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_strv (sqlite3_stmt       *stmt,
                 const char         *name,
                 const char * const *strv)
{
  g_autofree char *json = NULL;

  if (sqlite3_bind_parameter_index (stmt, name) == 0)
    return;
  json = amw_json_from_strv (strv);
  bind_named_text (stmt, name, json);
}

static void
bind_named_int64 (sqlite3_stmt *stmt,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/* @fts: the query's search as amw_store_expand_fts () spells it out. */
static void
bind_article_query (sqlite3_stmt *stmt,
                    AmwQuery     *query,
                    const char   *fts)
{
  int min, max;

  bind_named_text (stmt, ":fts", fts);
  bind_named_strv (stmt, ":statuses", amw_query_get_statuses (query));
  bind_named_strv (stmt, ":tags", amw_query_get_tags (query));
  bind_named_strv (stmt, ":areas", amw_query_get_areas (query));
  bind_named_strv (stmt, ":companies", amw_query_get_companies (query));
  amw_query_get_novelty_range (query, &min, &max);
  bind_named_int64 (stmt, ":novelty_min", min);
  bind_named_int64 (stmt, ":novelty_max", max);
  amw_query_get_significance_range (query, &min, &max);
  bind_named_int64 (stmt, ":significance_min", min);
  bind_named_int64 (stmt, ":significance_max", max);
  bind_named_text (stmt, ":since", amw_query_get_since (query));
  bind_named_text (stmt, ":until", amw_query_get_until (query));
}

static sqlite3_stmt *
prepare_article_query (AmwStore  *self,
                       AmwQuery  *query,
                       Purpose    purpose,
                       GError   **error)
{
  g_autofree char *sql = build_article_sql (query, purpose);
  sqlite3_stmt *stmt = amw_store_prepare_cached (self, self->shaped_stmts, sql, error);

  if (stmt != NULL && query != NULL)
    {
      g_autofree char *fts = amw_store_expand_fts (self, amw_query_get_fts (query));

      bind_article_query (stmt, query, fts);
    }
  return stmt;
}

static gboolean
fail_query (AmwStore    *self,
            int          rc,
            GError     **error)
{
  /* A search the FTS5 grammar rejects is the user's text, not a broken database. */
  if ((rc & 0xff) == SQLITE_ERROR)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("The search could not be understood: %s"),
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  return amw_store_fail (self, rc, _("Could not read the article list"), error);
}

gint64
amw_store_count_articles (AmwStore  *self,
                          AmwQuery  *query,
                          GError   **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  char *expanded;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), -1);

  if ((stmt = prepare_article_query (self, query, PURPOSE_COUNT, error)) == NULL)
    return -1;
  /* A new sort order reloads the list but counts the same rows: keep the last count
   * until something changes (cleared with the anchors). The statement with its values
   * filled in names the count exactly. */
  expanded = sqlite3_expanded_sql (stmt);
  if (expanded != NULL && self->count_key != NULL && strcmp (expanded, self->count_key) == 0)
    {
      sqlite3_free (expanded);
      return self->count_value;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_free (expanded);
      fail_query (self, rc, error);
      return -1;
    }
  g_free (self->count_key);
  self->count_key = g_strdup (expanded);
  self->count_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_free (expanded);
  return self->count_value;
}

gint64
amw_store_count_articles_capped (AmwStore  *self,
                                 AmwQuery  *query,
                                 gint64     cap,
                                 GError   **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), -1);

  if ((stmt = prepare_article_query (self, query, PURPOSE_COUNT_CAPPED, error)) == NULL)
    return -1;
  bind_named_int64 (stmt, ":cap", cap);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fail_query (self, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* ---- counting on a worker thread ----
 * A broad search over a million articles matches most of them: the page comes in
 * milliseconds, the count takes a hundred or more. The count runs on a read-only
 * connection of its own (WAL: it sees every committed write), one thread at a time. */

static gboolean
open_reader (AmwStore  *self,
             GError   **error)
{
  int rc;

  if (self->reader != NULL)
    return TRUE;
  rc = sqlite3_open_v2 (self->uri ? self->uri : self->path, &self->reader,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not open %s: %s"), self->path,
                   self->reader ? sqlite3_errmsg (self->reader) : sqlite3_errstr (rc));
      g_clear_pointer (&self->reader, sqlite3_close);
      return FALSE;
    }
  sqlite3_busy_timeout (self->reader, 5000);
  return TRUE;
}

/* The reader connection for a worker thread, one thread at a time: locked, opened if
 * need be, and interrupted once @cancellable is cancelled. Give it back with
 * release_reader (); NULL (and nothing to give back) when it cannot be opened. */
static sqlite3 *
acquire_reader (AmwStore      *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_mutex_lock (&self->reader_lock);
  if (!open_reader (self, error))
    {
      g_mutex_unlock (&self->reader_lock);
      return NULL;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (self->reader, 1000, amw_store_interrupt_when_cancelled, cancellable);
  return self->reader;
}

static void
release_reader (AmwStore *self)
{
  sqlite3_progress_handler (self->reader, 0, NULL, NULL);
  g_mutex_unlock (&self->reader_lock);
}

/* The error code for a statement that failed with @rc: SQLITE_ERROR is a search the FTS5
 * grammar rejected (the user's text), anything else the database's trouble. */
static int
reader_error_code (int rc)
{
  return (rc & 0xff) == SQLITE_ERROR ? AMW_ERROR_INVALID : AMW_ERROR_FAILED;
}

/* What a worker thread reads on the reader connection: its own copy of the query (the
 * caller may change it meanwhile), and what the main connection worked out for it. */
typedef struct {
  AmwQuery *query;
  char     *fts;          /* counting: the search spelled out (amw_store_expand_fts ()) */
  char     *key;          /* anchors: anchors_for ()'s name of the list */
  guint64   generation;   /* anchors: anchors_generation when they were asked for */
  gint64    offset;       /* a page */
  guint     limit;
} ReaderJob;

static ReaderJob *
reader_job_new (AmwQuery *query)
{
  ReaderJob *job = g_new0 (ReaderJob, 1);

  job->query = query ? amw_query_copy (query) : amw_query_new ();
  return job;
}

static void
reader_job_free (gpointer data)
{
  ReaderJob *job = data;

  g_object_unref (job->query);
  g_free (job->fts);
  g_free (job->key);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AmwStore *self = source_object;
  ReaderJob *job = task_data;
  AmwQuery *query = job->query;
  g_autofree char *sql = build_article_sql (query, PURPOSE_COUNT);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  gint64 count = -1;
  sqlite3 *db;
  int rc;

  if ((db = acquire_reader (self, cancellable, &error)) != NULL)
    {
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          bind_article_query (stmt, query, job->fts);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        g_set_error (&error, AMW_ERROR, reader_error_code (rc), _("Could not count the articles: %s"),
                     sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      release_reader (self);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

void
amw_store_count_articles_async (AmwStore            *self,
                                AmwQuery            *query,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReaderJob *job;

  g_return_if_fail (AMW_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, amw_store_count_articles_async);
  /* A memory database has no second connection: count here. */
  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      GError *error = NULL;
      gint64 count = amw_store_count_articles (self, query, &error);

      if (count < 0)
        g_task_return_error (task, error);
      else
        g_task_return_int (task, count);
      return;
    }
  job = reader_job_new (query);
  job->fts = amw_store_expand_fts (self, amw_query_get_fts (job->query));
  g_task_set_task_data (task, job, reader_job_free);
  g_task_run_in_thread (task, count_thread);
}

gint64
amw_store_count_articles_finish (AmwStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- deep pages by date ----
 * OFFSET walks every row before the page: 25 ms to reach the middle of a million
 * articles. A list sorted by date keeps the (published, pk) of rows it has reached at
 * multiples of ANCHOR_STEP; a page starts from the nearest such anchor before it, and a
 * missing anchor is found from the nearest one before it, so a jump costs at most the
 * walk from there and the next jump nearby almost nothing. Any change clears the
 * anchors (amw_store_note_change). */
#define ANCHOR_STEP 10000

typedef struct {
  char   *published;
  gint64  pk;
} Anchor;

static void
anchor_free (gpointer data)
{
  Anchor *anchor = data;

  g_free (anchor->published);
  g_free (anchor);
}

void
amw_store_clear_anchors (AmwStore *self)
{
  self->anchors_generation++;
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->anchors_key, g_free);
  g_clear_pointer (&self->count_key, g_free);
  /* New words may begin the prefix being searched. */
  amw_store_forget_expanded_fts (self);
}

static gboolean
uses_anchors (AmwQuery *query,
              gint64    offset)
{
  return offset >= ANCHOR_STEP &&
         (query == NULL || (amw_query_get_sort_key (query) == AMW_SORT_PUBLISHED &&
                            amw_query_get_fts (query) == NULL));
}

static void
bind_anchor (sqlite3_stmt *stmt,
             const Anchor *anchor)
{
  bind_named_text (stmt, ":anchor_published", anchor->published);
  bind_named_int64 (stmt, ":anchor_pk", anchor->pk);
}

/* The anchors kept for @query's list: emptied when the list is another one. */
static GHashTable *
anchors_for (AmwStore  *self,
             AmwQuery  *query,
             GError   **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  char *expanded;

  if ((stmt = prepare_article_query (self, query, PURPOSE_ANCHOR, error)) == NULL)
    return NULL;
  /* The statement with its values filled in names the list exactly. */
  expanded = sqlite3_expanded_sql (stmt);
  if (self->anchors == NULL || expanded == NULL || g_strcmp0 (expanded, self->anchors_key) != 0)
    {
      g_clear_pointer (&self->anchors, g_hash_table_unref);
      self->anchors = g_hash_table_new_full (NULL, NULL, NULL, anchor_free);
      g_free (self->anchors_key);
      self->anchors_key = g_strdup (expanded);
    }
  sqlite3_free (expanded);
  return self->anchors;
}

/* The anchor of row @k × ANCHOR_STEP, or NULL with @error unset when the list is shorter. */
static const Anchor *
find_anchor (AmwStore  *self,
             AmwQuery  *query,
             guint      k,
             GError   **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  GHashTable *anchors = anchors_for (self, query, error);
  const Anchor *from = NULL;
  guint from_k = 0;
  Anchor *anchor;
  int rc;

  if (anchors == NULL)
    return NULL;
  if ((anchor = g_hash_table_lookup (anchors, GUINT_TO_POINTER (k))) != NULL)
    return anchor;
  for (guint j = k - 1; j > 0 && from == NULL; j--)
    if ((from = g_hash_table_lookup (anchors, GUINT_TO_POINTER (j))) != NULL)
      from_k = j;

  stmt = prepare_article_query (self, query, from ? PURPOSE_ANCHOR_FROM_ANCHOR : PURPOSE_ANCHOR, error);
  if (stmt == NULL)
    return NULL;
  if (from != NULL)
    bind_anchor (stmt, from);
  bind_named_int64 (stmt, ":offset", (gint64) (k - from_k) * ANCHOR_STEP);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      fail_query (self, rc, error);
      return NULL;
    }
  anchor = g_new0 (Anchor, 1);
  anchor->published = amw_column_dup (stmt, 0);
  anchor->pk = sqlite3_column_int64 (stmt, 1);
  g_hash_table_insert (anchors, GUINT_TO_POINTER (k), anchor);
  return anchor;
}

/* ---- anchors found ahead, on a worker thread ----
 * The first jump to the middle of a million articles walks half a million index entries
 * to find its anchors (about 200 ms). A list that shows its first page can have them all
 * found meanwhile on the reader connection; they are kept only if nothing changed in
 * between (anchors_generation). */

static void
find_anchors_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AmwStore *self = source_object;
  ReaderJob *job = task_data;
  g_autofree char *first_sql = build_article_sql (job->query, PURPOSE_ANCHOR);
  g_autofree char *next_sql = build_article_sql (job->query, PURPOSE_ANCHOR_FROM_ANCHOR);
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func (anchor_free);
  sqlite3_stmt *first = NULL, *next = NULL;
  GError *error = NULL;
  sqlite3 *db;
  int rc = SQLITE_OK;

  if ((db = acquire_reader (self, cancellable, &error)) != NULL)
    {
      rc = sqlite3_prepare_v2 (db, first_sql, -1, &first, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2 (db, next_sql, -1, &next, NULL);
      /* Anchor k + 1 is ANCHOR_STEP rows on from anchor k, as find_anchor () finds it. */
      while (rc == SQLITE_OK)
        {
          const Anchor *from = anchors->len > 0 ? g_ptr_array_index (anchors, anchors->len - 1) : NULL;
          sqlite3_stmt *stmt = from != NULL ? next : first;
          Anchor *anchor;

          sqlite3_reset (stmt);
          bind_article_query (stmt, job->query, NULL);
          if (from != NULL)
            bind_anchor (stmt, from);
          bind_named_int64 (stmt, ":offset", ANCHOR_STEP);
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_ROW)
            break;
          anchor = g_new0 (Anchor, 1);
          anchor->published = amw_column_dup (stmt, 0);
          anchor->pk = sqlite3_column_int64 (stmt, 1);
          g_ptr_array_add (anchors, anchor);
          rc = SQLITE_OK;
        }
      if (rc != SQLITE_DONE && !g_cancellable_set_error_if_cancelled (cancellable, &error))
        g_set_error (&error, AMW_ERROR, reader_error_code (rc), _("Could not read the article list: %s"),
                     sqlite3_errmsg (db));
      sqlite3_finalize (first);
      sqlite3_finalize (next);
      release_reader (self);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&anchors), (GDestroyNotify) g_ptr_array_unref);
}

void
amw_store_prepare_deep_pages_async (AmwStore            *self,
                                    AmwQuery            *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(AmwStmt) stmt = NULL;
  GError *error = NULL;
  ReaderJob *job;
  char *expanded;

  g_return_if_fail (AMW_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, amw_store_prepare_deep_pages_async);
  /* Inside a transaction the reader would see other rows than this connection. */
  if (!uses_anchors (query, ANCHOR_STEP) || self->in_transaction ||
      g_strcmp0 (self->path, ":memory:") == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if ((stmt = prepare_article_query (self, query, PURPOSE_ANCHOR, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job = reader_job_new (query);
  expanded = sqlite3_expanded_sql (stmt);
  job->key = g_strdup (expanded);
  sqlite3_free (expanded);
  job->generation = self->anchors_generation;
  g_task_set_task_data (task, job, reader_job_free);
  g_task_run_in_thread (task, find_anchors_thread);
}

gboolean
amw_store_prepare_deep_pages_finish (AmwStore      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(GPtrArray) anchors = NULL;
  ReaderJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  anchors = g_task_propagate_pointer (G_TASK (result), error);
  if (anchors == NULL)
    return !g_task_had_error (G_TASK (result));
  job = g_task_get_task_data (G_TASK (result));
  if (job->key == NULL || job->generation != self->anchors_generation || self->in_transaction)
    return TRUE;
  /* The store keeps the anchors of one list: the one prepared last is the one in view. */
  if (self->anchors == NULL || g_strcmp0 (self->anchors_key, job->key) != 0)
    {
      g_clear_pointer (&self->anchors, g_hash_table_unref);
      self->anchors = g_hash_table_new_full (NULL, NULL, NULL, anchor_free);
      g_free (self->anchors_key);
      self->anchors_key = g_strdup (job->key);
    }
  /* Anchors already there (a jump found them meanwhile) are the same rows: keep those. */
  g_ptr_array_set_free_func (anchors, NULL);
  for (guint i = 0; i < anchors->len; i++)
    {
      Anchor *anchor = g_ptr_array_index (anchors, i);
      guint k = i + 1;

      if (g_hash_table_contains (self->anchors, GUINT_TO_POINTER (k)))
        anchor_free (anchor);
      else
        g_hash_table_insert (self->anchors, GUINT_TO_POINTER (k), anchor);
    }
  return TRUE;
}

/* Steps @stmt (ARTICLE_ROW_SELECT's columns) to its end; returns the last result code. */
static int
read_article_rows (sqlite3_stmt *stmt,
                   GPtrArray    *rows)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, amw_article_item_new (sqlite3_column_int64 (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 (const char *) sqlite3_column_text (stmt, 2),
                                                 (const char *) sqlite3_column_text (stmt, 3),
                                                 (const char *) sqlite3_column_text (stmt, 4),
                                                 (const char *) sqlite3_column_text (stmt, 5),
                                                 sqlite3_column_int (stmt, 6),
                                                 sqlite3_column_int (stmt, 7),
                                                 (const char *) sqlite3_column_text (stmt, 8)));
  return rc;
}

GPtrArray *
amw_store_fetch_articles (AmwStore  *self,
                          AmwQuery  *query,
                          gint64     offset,
                          guint      limit,
                          GError   **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), NULL);

  if (uses_anchors (query, offset))
    {
      guint k = (guint) MIN (offset / ANCHOR_STEP, G_MAXUINT - 1);
      GError *anchor_error = NULL;
      const Anchor *anchor = find_anchor (self, query, k, &anchor_error);

      /* No anchor and no error: the list ends before @offset. */
      if (anchor == NULL && anchor_error == NULL)
        return g_steal_pointer (&rows);
      if (anchor == NULL)
        {
          g_propagate_error (error, anchor_error);
          return NULL;
        }
      if ((stmt = prepare_article_query (self, query, PURPOSE_PAGE_FROM_ANCHOR, error)) == NULL)
        return NULL;
      bind_anchor (stmt, anchor);
      offset -= (gint64) k * ANCHOR_STEP;
    }
  else if ((stmt = prepare_article_query (self, query, PURPOSE_PAGE, error)) == NULL)
    return NULL;
  bind_named_int64 (stmt, ":limit", limit);
  bind_named_int64 (stmt, ":offset", offset);
  rc = read_article_rows (stmt, rows);
  if (rc != SQLITE_DONE)
    {
      fail_query (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- a page on a worker thread ---- */

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AmwStore *self = source_object;
  ReaderJob *job = task_data;
  g_autofree char *sql = build_article_sql (job->query, PURPOSE_PAGE);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  sqlite3 *db;
  int rc;

  if ((db = acquire_reader (self, cancellable, &error)) != NULL)
    {
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          bind_article_query (stmt, job->query, job->fts);
          bind_named_int64 (stmt, ":limit", job->limit);
          bind_named_int64 (stmt, ":offset", job->offset);
          rc = read_article_rows (stmt, rows);
        }
      if (rc != SQLITE_DONE && !g_cancellable_set_error_if_cancelled (cancellable, &error))
        g_set_error (&error, AMW_ERROR, reader_error_code (rc), _("Could not read the article list: %s"),
                     sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      release_reader (self);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
amw_store_fetch_articles_async (AmwStore            *self,
                                AmwQuery            *query,
                                gint64               offset,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReaderJob *job;

  g_return_if_fail (AMW_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, amw_store_fetch_articles_async);
  /* A memory database has no second connection, and in a transaction the reader would
   * see other rows than this connection: read here. */
  if (g_strcmp0 (self->path, ":memory:") == 0 || self->in_transaction)
    {
      GError *error = NULL;
      GPtrArray *rows = amw_store_fetch_articles (self, query, offset, limit, &error);

      if (rows == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  job = reader_job_new (query);
  job->fts = amw_store_expand_fts (self, amw_query_get_fts (job->query));
  job->offset = offset;
  job->limit = limit;
  g_task_set_task_data (task, job, reader_job_free);
  g_task_run_in_thread (task, fetch_thread);
}

GPtrArray *
amw_store_fetch_articles_finish (AmwStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
amw_store_foreach_article (AmwStore        *self,
                           AmwQuery        *query,
                           AmwArticleFunc   func,
                           gpointer         user_data,
                           GError         **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if ((stmt = prepare_article_query (self, query, PURPOSE_IDS, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, (const char *) sqlite3_column_text (stmt, 0), error);

      if (article == NULL || !func (article, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return fail_query (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
amw_store_prepare_article_ids (AmwStore  *self,
                               AmwQuery  *query,
                               GError   **error)
{
  return prepare_article_query (self, query, PURPOSE_IDS, error);
}

gboolean
amw_store_fail_article_query (AmwStore  *self,
                              int        rc,
                              GError   **error)
{
  return fail_query (self, rc, error);
}

GPtrArray *
amw_store_list_tags (AmwStore  *self,
                     GError   **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_LIST_TAGS, error);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_tag_count_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AmwTagCount *tag = g_new0 (AmwTagCount, 1);

      tag->name = amw_column_dup (stmt, 0);
      tag->count = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read tags"), error);
      return NULL;
    }
  return g_steal_pointer (&tags);
}

GPtrArray *
amw_store_list_areas (AmwStore  *self,
                      GError   **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_LIST_AREAS, error);
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_area_count_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AmwAreaCount *area = g_new0 (AmwAreaCount, 1);

      area->area = amw_column_dup (stmt, 0);
      area->facet = amw_column_dup (stmt, 1);
      area->count = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (areas, area);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read knowledge areas"), error);
      return NULL;
    }
  return g_steal_pointer (&areas);
}

static GPtrArray *
list_ids (AmwStore   *self,
          AmwStmtId   id,
          GError    **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, id, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, amw_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read a list"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GPtrArray *amw_store_list_company_ids (AmwStore *self, GError **error) { return list_ids (self, STMT_LIST_COMPANY_IDS, error); }
GPtrArray *amw_store_list_event_ids (AmwStore *self, GError **error) { return list_ids (self, STMT_LIST_EVENT_IDS, error); }

char *
amw_store_get_latest_update (AmwStore *self)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_LATEST_UPDATE, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return amw_column_dup (stmt, 0);
}

/* ---- companies ---- */

#define COMPANY_MATCH \
  " WHERE (:pattern IS NULL OR c.name LIKE :pattern ESCAPE '\\' OR c.id LIKE :pattern ESCAPE '\\'" \
  "   OR c.sector LIKE :pattern ESCAPE '\\'" \
  "   OR EXISTS (SELECT 1 FROM company_aliases al WHERE al.company = c.pk" \
  "              AND al.alias LIKE :pattern ESCAPE '\\'))"
#define COMPANY_ROW_COLUMNS \
  "SELECT c.id, c.name, c.sector," \
  " coalesce (c.hq_city || ', ' || c.hq_country, c.hq_city, c.hq_country) AS hq," \
  " (SELECT amw_total (r.amount_usd_minor) FROM funding_rounds r WHERE r.company = c.pk) AS total," \
  " lr.round_type, lr.announced" \
  " FROM companies c LEFT JOIN funding_rounds lr ON lr.pk = (SELECT r.pk FROM funding_rounds r" \
  "   WHERE r.company = c.pk ORDER BY r.announced DESC, r.id DESC LIMIT 1)"

static const char * const company_sort_columns[AMW_N_COMPANY_SORT_KEYS] = {
  [AMW_COMPANY_SORT_NAME] = "amw_sort_key (c.name)",
  [AMW_COMPANY_SORT_SECTOR] = "amw_sort_key (c.sector)",
  [AMW_COMPANY_SORT_HQ] = "amw_sort_key (hq)",
  [AMW_COMPANY_SORT_TOTAL_RAISED] = "total",
  [AMW_COMPANY_SORT_LATEST_ROUND] = "lr.announced",
};

static char *
like_pattern (const char *search)
{
  GString *pattern;

  if (search == NULL || *search == '\0')
    return NULL;
  pattern = g_string_new ("%");
  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

gint64
amw_store_count_companies (AmwStore    *self,
                           const char  *search,
                           GError     **error)
{
  g_autofree char *pattern = like_pattern (search);
  g_autoptr(AmwStmt) stmt = amw_store_prepare_cached (self, self->shaped_stmts,
                                                      "SELECT count (*) FROM companies c" COMPANY_MATCH,
                                                      error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_named_text (stmt, ":pattern", pattern);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      amw_store_fail (self, rc, _("Could not count companies"), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
amw_store_fetch_companies (AmwStore           *self,
                           const char         *search,
                           AmwCompanySortKey   sort,
                           gboolean            descending,
                           gint64              offset,
                           guint               limit,
                           GError            **error)
{
  g_autofree char *pattern = like_pattern (search);
  g_autoptr(GString) sql = g_string_new (COMPANY_ROW_COLUMNS COMPANY_MATCH " ORDER BY ");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AmwStmt) stmt = NULL;
  const char *direction = descending ? " DESC" : " ASC";
  int rc;

  g_return_val_if_fail (sort < AMW_N_COMPANY_SORT_KEYS, NULL);

  g_string_append (sql, company_sort_columns[sort]);
  g_string_append (sql, direction);
  g_string_append (sql, " NULLS LAST, c.id");
  g_string_append (sql, direction);
  g_string_append (sql, " LIMIT :limit OFFSET :offset");
  if ((stmt = amw_store_prepare_cached (self, self->shaped_stmts, sql->str, error)) == NULL)
    return NULL;
  bind_named_text (stmt, ":pattern", pattern);
  bind_named_int64 (stmt, ":limit", limit);
  bind_named_int64 (stmt, ":offset", offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, amw_company_item_new ((const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 (const char *) sqlite3_column_text (stmt, 2),
                                                 (const char *) sqlite3_column_text (stmt, 3),
                                                 sqlite3_column_type (stmt, 4) == SQLITE_NULL
                                                   ? -1 : sqlite3_column_int64 (stmt, 4),
                                                 (const char *) sqlite3_column_text (stmt, 5),
                                                 (const char *) sqlite3_column_text (stmt, 6)));
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read companies"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- timeline ---- */

/* Articles that are the source of an event appear once, as that event. Events match an
 * area or tag through their source article. */
/* The filters of each arm, shared by the count, the page and the density. */
#define TIMELINE_EVENT_FILTERS \
  " WHERE (:kind IS NULL OR e.kind = :kind)" \
  "   AND (:since IS NULL OR e.date >= :since) AND (:until IS NULL OR e.date <= :until)" \
  "   AND (:company IS NULL OR EXISTS (SELECT 1 FROM event_companies ec JOIN companies c" \
  "     ON c.pk = ec.company WHERE ec.event = e.pk AND c.id = :company))" \
  "   AND (:area IS NULL OR EXISTS (SELECT 1 FROM article_areas aa JOIN areas ar" \
  "     ON ar.pk = aa.area WHERE aa.article = e.source_article" \
  "     AND ar.area || ' · ' || ar.facet = :area))" \
  "   AND (:tag IS NULL OR EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.pk = x.tag" \
  "     WHERE x.article = e.source_article AND t.name = :tag))"
#define TIMELINE_ARTICLE_FILTERS \
  " WHERE (:kind IS NULL OR :kind = 'article')" \
  "   AND NOT EXISTS (SELECT 1 FROM events e2 WHERE e2.source_article = a.pk)" \
  "   AND (:since IS NULL OR a.published >= :since) AND (:until IS NULL OR a.published <= :until)" \
  "   AND (:company IS NULL OR EXISTS (SELECT 1 FROM article_companies ac JOIN companies c" \
  "     ON c.pk = ac.company WHERE ac.article = a.pk AND c.id = :company))" \
  "   AND (:area IS NULL OR EXISTS (SELECT 1 FROM article_areas aa JOIN areas ar" \
  "     ON ar.pk = aa.area WHERE aa.article = a.pk AND ar.area || ' · ' || ar.facet = :area))" \
  "   AND (:tag IS NULL OR EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.pk = x.tag" \
  "     WHERE x.article = a.pk AND t.name = :tag))"
/* ORDER BY on the compound itself: SQLite merges the two arms, each read in date order
 * from its index, and stops after LIMIT + OFFSET rows instead of sorting everything. */
#define TIMELINE_PAGE \
  "SELECT e.kind AS kind, e.id AS id, e.date AS date, e.precision AS precision," \
  "   e.title AS title, fc.id AS company_id, fc.name AS company_name," \
  "   (SELECT sa.id FROM articles sa WHERE sa.pk = e.source_article) AS article_id," \
  "   1 AS is_event" \
  "  FROM events e" \
  "  LEFT JOIN companies fc ON fc.pk = (SELECT ec.company FROM event_companies ec" \
  "    WHERE ec.event = e.pk ORDER BY ec.position LIMIT 1)" \
  TIMELINE_EVENT_FILTERS \
  " UNION ALL" \
  " SELECT 'article', a.id, a.published, 'day', a.title, fc.id, fc.name, a.id, 0" \
  "  FROM articles a" \
  "  LEFT JOIN companies fc ON fc.pk = (SELECT ac.company FROM article_companies ac" \
  "    WHERE ac.article = a.pk ORDER BY ac.position LIMIT 1)" \
  TIMELINE_ARTICLE_FILTERS \
  " ORDER BY date DESC, is_event DESC, id LIMIT :limit OFFSET :offset"
#define TIMELINE_COUNT \
  "SELECT (SELECT count (*) FROM events e" TIMELINE_EVENT_FILTERS ")" \
  " + (SELECT count (*) FROM articles a" TIMELINE_ARTICLE_FILTERS ")"
#define TIMELINE_DENSITY \
  "SELECT date (d, '-6 days', 'weekday 1') AS week, sum (n) FROM (" \
  " SELECT e.date AS d, count (*) AS n FROM events e" TIMELINE_EVENT_FILTERS " GROUP BY e.date" \
  " UNION ALL SELECT a.published, count (*) FROM articles a" TIMELINE_ARTICLE_FILTERS \
  " GROUP BY a.published) GROUP BY week ORDER BY week"

static const char *
nonempty (const char *text)
{
  return (text != NULL && *text != '\0') ? text : NULL;
}

static void
bind_timeline_filter (sqlite3_stmt            *stmt,
                      const AmwTimelineFilter *filter)
{
  AmwTimelineFilter none = { 0 };

  if (filter == NULL)
    filter = &none;
  bind_named_text (stmt, ":kind", nonempty (filter->kind));
  bind_named_text (stmt, ":since", nonempty (filter->since));
  bind_named_text (stmt, ":until", nonempty (filter->until));
  bind_named_text (stmt, ":company", nonempty (filter->company_id));
  bind_named_text (stmt, ":area", nonempty (filter->area));
  bind_named_text (stmt, ":tag", nonempty (filter->tag));
}

gint64
amw_store_count_timeline (AmwStore                 *self,
                          const AmwTimelineFilter  *filter,
                          GError                  **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_prepare_cached (self, self->shaped_stmts,
                                                      TIMELINE_COUNT, error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_timeline_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      amw_store_fail (self, rc, _("Could not count the timeline"), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
amw_store_fetch_timeline (AmwStore                 *self,
                          const AmwTimelineFilter  *filter,
                          gint64                    offset,
                          guint                     limit,
                          GError                  **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_prepare_cached (self, self->shaped_stmts,
                                                      TIMELINE_PAGE, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_timeline_filter (stmt, filter);
  bind_named_int64 (stmt, ":limit", limit);
  bind_named_int64 (stmt, ":offset", offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, amw_timeline_item_new ((const char *) sqlite3_column_text (stmt, 0),
                                                  (const char *) sqlite3_column_text (stmt, 1),
                                                  (const char *) sqlite3_column_text (stmt, 2),
                                                  (const char *) sqlite3_column_text (stmt, 3),
                                                  (const char *) sqlite3_column_text (stmt, 4),
                                                  (const char *) sqlite3_column_text (stmt, 5),
                                                  (const char *) sqlite3_column_text (stmt, 6),
                                                  (const char *) sqlite3_column_text (stmt, 7)));
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read the timeline"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
amw_store_timeline_density (AmwStore                 *self,
                            const AmwTimelineFilter  *filter,
                            GError                  **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_prepare_cached (self, self->shaped_stmts,
                                                      TIMELINE_DENSITY, error);
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (AmwWeekCount));
  g_autoptr(GDate) expected = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_timeline_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *week = (const char *) sqlite3_column_text (stmt, 0);
      AmwWeekCount entry = { { 0 }, (guint) sqlite3_column_int (stmt, 1) };
      int year, month, day;

      if (week == NULL || sscanf (week, "%d-%d-%d", &year, &month, &day) != 3 ||
          !g_date_valid_dmy (day, month, year))
        continue;
      /* Fill the quiet weeks in between with zeros, so the strip shows time evenly. */
      if (expected != NULL)
        {
          g_autoptr(GDate) current = g_date_new_dmy (day, month, year);

          while (g_date_compare (expected, current) < 0)
            {
              AmwWeekCount empty = { { 0 }, 0 };

              g_date_strftime (empty.week_start, sizeof empty.week_start, "%Y-%m-%d", expected);
              g_array_append_val (weeks, empty);
              g_date_add_days (expected, 7);
            }
        }
      else
        expected = g_date_new_dmy (day, month, year);
      g_strlcpy (entry.week_start, week, sizeof entry.week_start);
      g_array_append_val (weeks, entry);
      g_date_set_dmy (expected, day, month, year);
      g_date_add_days (expected, 7);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read the timeline"), error);
      return NULL;
    }
  return g_steal_pointer (&weeks);
}

/* ---- connection suggestions ---- */

#define SUGGESTIONS_SQL \
  "WITH me AS (SELECT pk, published FROM articles WHERE id = :id)," \
  " my_companies AS (SELECT company FROM article_companies WHERE article = (SELECT pk FROM me))," \
  " my_areas AS (SELECT area FROM article_areas WHERE article = (SELECT pk FROM me))," \
  " my_tags AS (SELECT tag FROM article_tags WHERE article = (SELECT pk FROM me))," \
  " linked AS (SELECT target_article AS a, target_event AS e FROM connections" \
  "            WHERE article = (SELECT pk FROM me))," \
  " candidates AS (" \
  "  SELECT 'article' AS kind, a.id AS id, a.title AS title, a.published AS date," \
  "   (SELECT c.name FROM article_companies x JOIN companies c ON c.pk = x.company" \
  "     WHERE x.article = a.pk ORDER BY x.position LIMIT 1) AS company_name," \
  "   3 * (SELECT count (*) FROM article_companies x WHERE x.article = a.pk" \
  "        AND x.company IN (SELECT company FROM my_companies))" \
  "   + 2 * (SELECT count (*) FROM article_areas x WHERE x.article = a.pk" \
  "          AND x.area IN (SELECT area FROM my_areas))" \
  "   + (SELECT count (*) FROM article_tags x WHERE x.article = a.pk" \
  "      AND x.tag IN (SELECT tag FROM my_tags)) AS shared" \
  "  FROM articles a" \
  "  WHERE a.pk <> (SELECT pk FROM me)" \
  "   AND a.pk NOT IN (SELECT a FROM linked WHERE a IS NOT NULL)" \
  "   AND NOT EXISTS (SELECT 1 FROM events e WHERE e.source_article = a.pk" \
  "                   AND e.pk IN (SELECT e FROM linked WHERE e IS NOT NULL))" \
  "   AND a.pk IN (SELECT article FROM article_companies WHERE company IN (SELECT company FROM my_companies)" \
  "                UNION SELECT article FROM article_areas WHERE area IN (SELECT area FROM my_areas)" \
  "                UNION SELECT article FROM article_tags WHERE tag IN (SELECT tag FROM my_tags))" \
  "  UNION ALL" \
  "  SELECT 'event', e.id, e.title, e.date," \
  "   (SELECT c.name FROM event_companies x JOIN companies c ON c.pk = x.company" \
  "     WHERE x.event = e.pk ORDER BY x.position LIMIT 1)," \
  "   3 * (SELECT count (*) FROM event_companies x WHERE x.event = e.pk" \
  "        AND x.company IN (SELECT company FROM my_companies))" \
  "   + 2 * (SELECT count (*) FROM article_areas x WHERE x.article = e.source_article" \
  "          AND x.area IN (SELECT area FROM my_areas))" \
  "   + (SELECT count (*) FROM article_tags x WHERE x.article = e.source_article" \
  "      AND x.tag IN (SELECT tag FROM my_tags))" \
  "  FROM events e" \
  "  WHERE e.pk NOT IN (SELECT e FROM linked WHERE e IS NOT NULL)" \
  "   AND e.source_article IS NOT (SELECT pk FROM me)" \
  "   AND (e.pk IN (SELECT event FROM event_companies WHERE company IN (SELECT company FROM my_companies))" \
  "        OR e.source_article IN (SELECT article FROM article_areas WHERE area IN (SELECT area FROM my_areas)" \
  "                                UNION SELECT article FROM article_tags WHERE tag IN (SELECT tag FROM my_tags))))" \
  " SELECT kind, id, title, date, company_name," \
  "  shared + 2.0 / (1.0 + abs (julianday (date) - julianday ((SELECT published FROM me))) / 30.0) AS score" \
  " FROM candidates WHERE shared > 0 ORDER BY score DESC, date DESC, id LIMIT :limit"

void
amw_suggestion_free (AmwSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->kind);
  g_free (suggestion->id);
  g_free (suggestion->title);
  g_free (suggestion->date);
  g_free (suggestion->company_name);
  g_free (suggestion);
}

GPtrArray *
amw_store_suggest_connections (AmwStore    *self,
                               const char  *article_id,
                               guint        limit,
                               GError     **error)
{
  g_autoptr(AmwStmt) stmt = NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_suggestion_free);
  int rc;

  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  if ((stmt = amw_store_prepare_cached (self, self->shaped_stmts, SUGGESTIONS_SQL, error)) == NULL)
    return NULL;
  bind_named_text (stmt, ":id", article_id);
  bind_named_int64 (stmt, ":limit", limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AmwSuggestion *suggestion = g_new0 (AmwSuggestion, 1);

      suggestion->kind = amw_column_dup (stmt, 0);
      suggestion->id = amw_column_dup (stmt, 1);
      suggestion->title = amw_column_dup (stmt, 2);
      suggestion->date = amw_column_dup (stmt, 3);
      suggestion->company_name = amw_column_dup (stmt, 4);
      suggestion->score = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (suggestions, suggestion);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not suggest connections"), error);
      return NULL;
    }
  return g_steal_pointer (&suggestions);
}
