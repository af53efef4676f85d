/* amw-paged-list.h — a GListModel whose rows SQLite hands out a page at a time */
#pragma once

#include <gio/gio.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_PAGED_LIST_PAGE_SIZE 100

typedef gint64      (*AmwCountFunc)     (AmwStore *store, gpointer source, GError **error);
typedef GPtrArray * (*AmwFetchFunc)     (AmwStore *store, gpointer source, gint64 offset,
                                         guint limit, GError **error);
typedef gboolean    (*AmwItemEqualFunc) (gpointer a, gpointer b);
/* A count that may stop at @cap (then *exact = FALSE) */
typedef gint64      (*AmwEstimateFunc)  (AmwStore *store, gpointer source, gint64 cap,
                                         gboolean *exact, GError **error);
typedef void        (*AmwCountAsyncFunc) (AmwStore *store, gpointer source, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
typedef gint64      (*AmwCountFinishFunc) (AmwStore *store, GAsyncResult *result, GError **error);
typedef void        (*AmwPrepareAsyncFunc) (AmwStore *store, gpointer source, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
typedef gboolean    (*AmwPrepareFinishFunc) (AmwStore *store, GAsyncResult *result, GError **error);

#define AMW_TYPE_PAGED_LIST (amw_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (AmwPagedList, amw_paged_list, AMW, PAGED_LIST, GObject)

/* @source describes what to list (a query, a filter); the list owns it. */
AmwPagedList *amw_paged_list_new        (AmwStore          *store,
                                         GType              item_type,
                                         AmwChangeFlags     watched,
                                         AmwCountFunc       count,
                                         AmwFetchFunc       fetch,
                                         AmwItemEqualFunc   equal,
                                         gpointer           source,
                                         GDestroyNotify     source_free);
/* Counts that can be slow (a broad search) start with @estimate: when it stops at the
 * cap, the list has that many rows at first, "counting" is TRUE, and rows are appended
 * when @count_async's exact count arrives. Used from the next count on. */
void          amw_paged_list_set_background_count (AmwPagedList       *self,
                                                   AmwEstimateFunc     estimate,
                                                   AmwCountAsyncFunc   count_async,
                                                   AmwCountFinishFunc  count_finish);
/* Work that makes later fetches quicker (finding where deep pages start), run on a worker
 * thread after each count; the next count cancels it. A failure only costs that speed. */
void          amw_paged_list_set_prepare (AmwPagedList         *self,
                                          AmwPrepareAsyncFunc   prepare_async,
                                          AmwPrepareFinishFunc  prepare_finish);
/* TRUE while that work runs (for tests and benchmarks). */
gboolean      amw_paged_list_is_preparing (AmwPagedList       *self);
/* Where an estimate stops (10 000 unless set). Reloads the list. */
void          amw_paged_list_set_count_cap (AmwPagedList      *self,
                                            guint              cap);
gboolean      amw_paged_list_is_counting (AmwPagedList      *self);
gpointer      amw_paged_list_get_source (AmwPagedList      *self);
AmwStore     *amw_paged_list_get_store  (AmwPagedList      *self);
/* What the source describes changed: recount and replace every row. */
void          amw_paged_list_reload     (AmwPagedList      *self);
/* The data may have changed: rows that differ are replaced, the rest stay. */
void          amw_paged_list_refresh    (AmwPagedList      *self);
/* The error of the last count or fetch (e.g. a search SQLite rejected), or NULL. */
const GError *amw_paged_list_get_error  (AmwPagedList      *self);
/* How many pages are held in memory now (for tests and benchmarks). */
guint         amw_paged_list_get_n_cached_pages (AmwPagedList *self);
/* Position of the row whose "id" property is @id among the cached pages, or -1. */
gint64        amw_paged_list_find_cached (AmwPagedList     *self,
                                          const char       *id);

/* The three lists of AmwDesk. */
AmwPagedList *amw_article_list_new      (AmwStore          *store,
                                         AmwQuery          *query);
AmwQuery     *amw_article_list_get_query (AmwPagedList     *self);

AmwPagedList *amw_company_list_new      (AmwStore          *store);
void          amw_company_list_set_search (AmwPagedList    *self,
                                           const char      *search);
void          amw_company_list_set_sort   (AmwPagedList    *self,
                                           AmwCompanySortKey key,
                                           gboolean          descending);

AmwPagedList *amw_timeline_list_new     (AmwStore          *store);
/* Copies @filter (NULL clears it) and reloads. */
void          amw_timeline_list_set_filter (AmwPagedList   *self,
                                            const AmwTimelineFilter *filter);
const AmwTimelineFilter *amw_timeline_list_get_filter (AmwPagedList *self);

G_END_DECLS
