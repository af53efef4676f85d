/* amw-store.h — the SQLite database: every SQL statement of AMW Desk lives behind this API */
#pragma once

#include <gio/gio.h>

#include "amw-items.h"
#include "amw-query.h"
#include "amw-records.h"

G_BEGIN_DECLS

#define AMW_STORE_SCHEMA_VERSION 2

#define AMW_TYPE_STORE (amw_store_get_type ())
G_DECLARE_FINAL_TYPE (AmwStore, amw_store, AMW, STORE, GObject)

/* Article fields a command can set; lists are JSON arrays (see amw-store-commands.c). */
typedef enum {
  AMW_FIELD_TITLE,
  AMW_FIELD_SOURCE,
  AMW_FIELD_URL,
  AMW_FIELD_PUBLISHED,
  AMW_FIELD_SUMMARY,
  AMW_FIELD_AMW_READ,
  AMW_FIELD_NOTES,
  AMW_FIELD_STATUS,
  AMW_FIELD_NOVELTY,
  AMW_FIELD_SIGNIFICANCE,
  AMW_FIELD_TAGS,
  AMW_FIELD_AREAS,
  AMW_FIELD_COMPANIES,
  AMW_FIELD_CONNECTIONS,
  AMW_N_ARTICLE_FIELDS
} AmwArticleField;

typedef struct {
  char   *name;
  guint   count;
} AmwTagCount;

typedef struct {
  char   *area;
  char   *facet;
  guint   count;
} AmwAreaCount;

void amw_tag_count_free  (AmwTagCount  *tag);
void amw_area_count_free (AmwAreaCount *area);

/* Timeline filter: NULL/empty members mean "no filter". */
typedef struct {
  char *company_id;
  char *area;        /* "Area · Facet" */
  char *tag;
  char *kind;        /* an event kind, or "article" */
  char *since;
  char *until;
} AmwTimelineFilter;

typedef enum {
  AMW_COMPANY_SORT_NAME,
  AMW_COMPANY_SORT_SECTOR,
  AMW_COMPANY_SORT_HQ,
  AMW_COMPANY_SORT_TOTAL_RAISED,
  AMW_COMPANY_SORT_LATEST_ROUND,
  AMW_N_COMPANY_SORT_KEYS
} AmwCompanySortKey;

typedef gboolean (*AmwArticleFunc) (AmwArticle *article,
                                    gpointer    user_data,
                                    GError    **error);

/* Opening */
char          *amw_store_default_path        (void);
/* Opens the database at @path, creating its folder and an empty database when missing. */
AmwStore      *amw_store_open                (const char        *path,
                                              GError           **error);
/* The same, but a missing file is an error (AMW_ERROR_NOT_FOUND) and nothing is
 * created: no folder, no file. */
AmwStore      *amw_store_open_existing       (const char        *path,
                                              GError           **error);
const char    *amw_store_get_path            (AmwStore          *self);
/* TRUE when the store refuses writes: the file, its folder, or damage (below). */
gboolean       amw_store_is_read_only        (AmwStore          *self);
/* A file larger than AMW_STORE_CHECK_AT_OPEN_BYTES is not fully checked by
 * amw_store_open(), which would take seconds: TRUE until amw_store_verify_async() has
 * run. The check reads every page on a connection of its own, on a worker thread; when it
 * finds damage, the store is marked damaged (amw_store_mark_damaged()). */
#define AMW_STORE_CHECK_AT_OPEN_BYTES (64 * 1024 * 1024)
gboolean       amw_store_needs_verify        (AmwStore          *self);
void           amw_store_verify_async        (AmwStore          *self,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
gboolean       amw_store_verify_finish       (AmwStore          *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* The same check, at once, on the store's connection: for a command that writes, which
 * must not wait for a check in the background. */
gboolean       amw_store_verify              (AmwStore          *self,
                                              GCancellable      *cancellable,
                                              GError           **error);
/* From now on every write fails with a copy of @damage (AMW_ERROR_CORRUPT), so nothing
 * more is written into a damaged file; emits ::changed with AMW_CHANGE_DAMAGED. */
void           amw_store_mark_damaged        (AmwStore          *self,
                                              const GError      *damage);
const GError  *amw_store_get_damage          (AmwStore          *self);
const char    *amw_store_get_editor          (AmwStore          *self);
void           amw_store_set_editor          (AmwStore          *self,
                                              const char        *editor);
/* Notices writes by other connections (another process on the same file) and emits
 * ::changed for them. Cheap: call it from a timer. */
gboolean       amw_store_check_external_changes (AmwStore       *self);
gboolean       amw_store_is_empty            (AmwStore          *self);

/* Reading one record */
AmwArticle    *amw_store_get_article         (AmwStore          *self,
                                              const char        *id,
                                              GError           **error);
AmwCompany    *amw_store_get_company         (AmwStore          *self,
                                              const char        *id,
                                              GError           **error);
AmwEvent      *amw_store_get_event           (AmwStore          *self,
                                              const char        *id,
                                              GError           **error);
gboolean       amw_store_has_article         (AmwStore          *self,
                                              const char        *id);
gboolean       amw_store_has_company         (AmwStore          *self,
                                              const char        *id);
gboolean       amw_store_has_event           (AmwStore          *self,
                                              const char        *id);
gboolean       amw_store_has_tag             (AmwStore          *self,
                                              const char        *name);
gboolean       amw_store_has_funding_round   (AmwStore          *self,
                                              const char        *id,
                                              char             **company_id);

/* Article lists: counts and pages are computed by SQLite; nothing loads the table. */
gint64         amw_store_count_articles      (AmwStore          *self,
                                              AmwQuery          *query,
                                              GError           **error);
GPtrArray     *amw_store_fetch_articles      (AmwStore          *self,
                                              AmwQuery          *query,
                                              gint64             offset,
                                              guint              limit,
                                              GError           **error);
/* A page on a worker thread with the reader connection (a copy of @query is taken), for
 * a search that may take long, such as a broad one sorted by relevance; cancelling stops
 * SQLite. Deep pages are read with OFFSET (no anchors). */
void           amw_store_fetch_articles_async (AmwStore         *self,
                                              AmwQuery          *query,
                                              gint64             offset,
                                              guint              limit,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
GPtrArray     *amw_store_fetch_articles_finish (AmwStore        *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* The count, but stopping at @cap: cheap however many articles match. */
gint64         amw_store_count_articles_capped (AmwStore        *self,
                                              AmwQuery          *query,
                                              gint64             cap,
                                              GError           **error);
/* The exact count on a worker thread with a read-only connection of its own (a copy of
 * @query is taken); cancelling stops SQLite mid-count. */
void           amw_store_count_articles_async (AmwStore         *self,
                                              AmwQuery          *query,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
gint64         amw_store_count_articles_finish (AmwStore        *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* Finds on a worker thread (its own read-only connection, a copy of @query) where every
 * 10 000th row of @query's list starts, so that the first jump deep into a long list sorted
 * by date is as quick as the next ones. Other lists, and a store in a transaction, have
 * nothing to find. What was found is kept by _finish (), unless anything changed since. */
void           amw_store_prepare_deep_pages_async (AmwStore      *self,
                                              AmwQuery          *query,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
gboolean       amw_store_prepare_deep_pages_finish (AmwStore     *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* Calls @func for each article matching @query (NULL: every article) in id order. */
gboolean       amw_store_foreach_article     (AmwStore          *self,
                                              AmwQuery          *query,
                                              AmwArticleFunc     func,
                                              gpointer           user_data,
                                              GError           **error);
GPtrArray     *amw_store_list_tags           (AmwStore          *self,
                                              GError           **error);
GPtrArray     *amw_store_list_areas          (AmwStore          *self,
                                              GError           **error);
/* Company ids in id order (all of them). */
GPtrArray     *amw_store_list_company_ids    (AmwStore          *self,
                                              GError           **error);
GPtrArray     *amw_store_list_event_ids      (AmwStore          *self,
                                              GError           **error);
/* Newest updated_at of everything stored, or NULL. */
char          *amw_store_get_latest_update   (AmwStore          *self);

gint64         amw_store_count_companies     (AmwStore          *self,
                                              const char        *search,
                                              GError           **error);
GPtrArray     *amw_store_fetch_companies     (AmwStore          *self,
                                              const char        *search,
                                              AmwCompanySortKey  sort,
                                              gboolean           descending,
                                              gint64             offset,
                                              guint              limit,
                                              GError           **error);

gint64         amw_store_count_timeline      (AmwStore          *self,
                                              const AmwTimelineFilter *filter,
                                              GError           **error);
GPtrArray     *amw_store_fetch_timeline      (AmwStore          *self,
                                              const AmwTimelineFilter *filter,
                                              gint64             offset,
                                              guint              limit,
                                              GError           **error);

/* Entries per week (weeks start on Monday), oldest first, for the filter; weeks without
 * entries between the first and the last are included with a zero count. */
typedef struct {
  char  week_start[11]; /* YYYY-MM-DD, a Monday */
  guint count;
} AmwWeekCount;

#define AMW_STORE_HAS_TIMELINE_DENSITY 1
GArray        *amw_store_timeline_density    (AmwStore          *self,
                                              const AmwTimelineFilter *filter,
                                              GError           **error);

/* Import: upserts by id inside one transaction the caller opens. */
gboolean       amw_store_begin               (AmwStore          *self,
                                              GError           **error);
gboolean       amw_store_commit              (AmwStore          *self,
                                              GError           **error);
void           amw_store_rollback            (AmwStore          *self);
gboolean       amw_store_upsert_company      (AmwStore          *self,
                                              const AmwCompany  *company,
                                              GError           **error);
/* Replaces the company's funding rounds; call after the source articles exist. */
gboolean       amw_store_upsert_funding_rounds (AmwStore        *self,
                                              const AmwCompany  *company,
                                              GError           **error);
/* Writes the article and its areas, tags and companies; connections come later with
 * amw_store_set_connections, once every target exists. */
gboolean       amw_store_upsert_article      (AmwStore          *self,
                                              const AmwArticle  *article,
                                              GError           **error);
gboolean       amw_store_upsert_event        (AmwStore          *self,
                                              const AmwEvent    *event,
                                              GError           **error);
gboolean       amw_store_upsert_connections  (AmwStore          *self,
                                              const AmwArticle  *article,
                                              GError           **error);
/* Records an import in the change log and announces it (inside the transaction). */
gboolean       amw_store_log_import          (AmwStore          *self,
                                              const char        *source,
                                              guint              n_articles,
                                              guint              n_companies,
                                              guint              n_events,
                                              GError           **error);

/* Commands: each is one transaction that also writes the change log and can be undone. */
gboolean       amw_store_set_article_field   (AmwStore          *self,
                                              const char        *id,
                                              AmwArticleField    field,
                                              const char        *value,
                                              GError           **error);
/* novelty/significance: 1–5 sets, 0 clears, -1 leaves as is. */
gboolean       amw_store_rate_articles       (AmwStore          *self,
                                              const char * const *ids,
                                              int                novelty,
                                              int                significance,
                                              GError           **error);
gboolean       amw_store_add_tag             (AmwStore          *self,
                                              const char * const *ids,
                                              const char        *tag,
                                              GError           **error);
gboolean       amw_store_remove_tag          (AmwStore          *self,
                                              const char * const *ids,
                                              const char        *tag,
                                              GError           **error);
gboolean       amw_store_set_status          (AmwStore          *self,
                                              const char * const *ids,
                                              const char        *status,
                                              GError           **error);
gboolean       amw_store_rename_tag          (AmwStore          *self,
                                              const char        *tag,
                                              const char        *new_name,
                                              GError           **error);
gboolean       amw_store_merge_tags          (AmwStore          *self,
                                              const char        *tag,
                                              const char        *into,
                                              GError           **error);
gboolean       amw_store_delete_tag          (AmwStore          *self,
                                              const char        *tag,
                                              GError           **error);
gboolean       amw_store_set_company_field   (AmwStore          *self,
                                              const char        *id,
                                              const char        *field,
                                              const char        *value,
                                              GError           **error);

/* Saves every field of @edited (found by its id) that differs, as one undoable command.
 * Articles: all fields but the ratings; companies: facts, aliases and funding rounds. */
gboolean       amw_store_edit_article        (AmwStore          *self,
                                              const AmwArticle  *edited,
                                              GError           **error);
gboolean       amw_store_edit_company        (AmwStore          *self,
                                              const AmwCompany  *edited,
                                              GError           **error);

/* Candidates for an article's How This Connects, best first: articles and events that
 * share companies (weighted 3), knowledge areas (2) and tags (1), closer in time first. */
typedef struct {
  char   *kind;          /* "article" or "event" */
  char   *id;
  char   *title;
  char   *date;
  char   *company_name;  /* first company, or NULL */
  double  score;
} AmwSuggestion;

void           amw_suggestion_free           (AmwSuggestion     *suggestion);
GPtrArray     *amw_store_suggest_connections (AmwStore          *self,
                                              const char        *article_id,
                                              guint              limit,
                                              GError           **error);

/* The knowledge-area vocabulary. Deleting an area removes it from every article first. */
gboolean       amw_store_add_area            (AmwStore          *self,
                                              const char        *area,
                                              const char        *facet,
                                              GError           **error);
gboolean       amw_store_rename_area         (AmwStore          *self,
                                              const char        *area,
                                              const char        *facet,
                                              const char        *new_area,
                                              const char        *new_facet,
                                              GError           **error);
gboolean       amw_store_delete_area         (AmwStore          *self,
                                              const char        *area,
                                              const char        *facet,
                                              GError           **error);

/* The command an undo would reverse: its group id (grows with every new command, so a
 * view can tell a new edit from an undo or redo) and description; 0 when none. */
gint64         amw_store_peek_undo           (AmwStore          *self,
                                              char             **description);

gboolean       amw_store_can_undo            (AmwStore          *self);
gboolean       amw_store_can_redo            (AmwStore          *self);
/* @description (out, optional): what was undone, e.g. "Add tag “cloud” to 3 articles". */
gboolean       amw_store_undo                (AmwStore          *self,
                                              char             **description,
                                              GError           **error);
gboolean       amw_store_redo                (AmwStore          *self,
                                              char             **description,
                                              GError           **error);
/* Changes to one entity ("article", "company", "tag"), newest first. */
GPtrArray     *amw_store_get_history         (AmwStore          *self,
                                              const char        *entity,
                                              const char        *entity_id,
                                              GError           **error);

const char    *amw_article_field_name        (AmwArticleField    field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwTagCount, amw_tag_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwAreaCount, amw_area_count_free)

G_END_DECLS
