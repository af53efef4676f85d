/* amw-lists.c — the article, company and timeline lists as paged models */
#include "amw-paged-list.h"

/* ---- articles ---- */

static gint64
count_articles (AmwStore *store, gpointer source, GError **error)
{
  return amw_store_count_articles (store, source, error);
}

/* Without search text a count reads one index (tens of ms at a million articles); a broad
 * search can take ten times that, so it counts to the cap first. */
static gint64
estimate_articles (AmwStore *store, gpointer source, gint64 cap, gboolean *exact, GError **error)
{
  gint64 count;

  if (amw_query_get_fts (source) == NULL)
    {
      *exact = TRUE;
      return amw_store_count_articles (store, source, error);
    }
  count = amw_store_count_articles_capped (store, source, cap, error);
  *exact = count < cap;
  return count;
}

static void
count_articles_async (AmwStore *store, gpointer source, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  amw_store_count_articles_async (store, source, cancellable, callback, user_data);
}

static void
prepare_articles_async (AmwStore *store, gpointer source, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  amw_store_prepare_deep_pages_async (store, source, cancellable, callback, user_data);
}

static GPtrArray *
fetch_articles (AmwStore *store, gpointer source, gint64 offset, guint limit, GError **error)
{
  return amw_store_fetch_articles (store, source, offset, limit, error);
}

AmwPagedList *
amw_article_list_new (AmwStore *store,
                      AmwQuery *query)
{
  AmwPagedList *list;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (query == NULL || AMW_IS_QUERY (query), NULL);

  query = query ? g_object_ref (query) : amw_query_new ();
  list = amw_paged_list_new (store, AMW_TYPE_ARTICLE_ITEM,
                             AMW_CHANGE_ARTICLES | AMW_CHANGE_TAGS | AMW_CHANGE_COMPANIES,
                             count_articles, fetch_articles,
                             (AmwItemEqualFunc) amw_article_item_equal,
                             query, g_object_unref);
  amw_paged_list_set_background_count (list, estimate_articles, count_articles_async,
                                       amw_store_count_articles_finish);
  amw_paged_list_set_prepare (list, prepare_articles_async, amw_store_prepare_deep_pages_finish);
  g_signal_connect_object (query, "changed", G_CALLBACK (amw_paged_list_reload), list,
                           G_CONNECT_SWAPPED);
  return list;
}

AmwQuery *
amw_article_list_get_query (AmwPagedList *self)
{
  return AMW_QUERY (amw_paged_list_get_source (self));
}

/* ---- companies ---- */

typedef struct {
  char              *search;
  AmwCompanySortKey  sort;
  gboolean           descending;
} CompanySource;

static void
company_source_free (CompanySource *source)
{
  g_free (source->search);
  g_free (source);
}

static gint64
count_companies (AmwStore *store, gpointer source, GError **error)
{
  return amw_store_count_companies (store, ((CompanySource *) source)->search, error);
}

static GPtrArray *
fetch_companies (AmwStore *store, gpointer data, gint64 offset, guint limit, GError **error)
{
  CompanySource *source = data;

  return amw_store_fetch_companies (store, source->search, source->sort, source->descending,
                                    offset, limit, error);
}

AmwPagedList *
amw_company_list_new (AmwStore *store)
{
  CompanySource *source = g_new0 (CompanySource, 1);

  source->sort = AMW_COMPANY_SORT_NAME;
  return amw_paged_list_new (store, AMW_TYPE_COMPANY_ITEM, AMW_CHANGE_COMPANIES,
                             count_companies, fetch_companies,
                             (AmwItemEqualFunc) amw_company_item_equal,
                             source, (GDestroyNotify) company_source_free);
}

void
amw_company_list_set_search (AmwPagedList *self,
                             const char   *search)
{
  CompanySource *source = amw_paged_list_get_source (self);

  if (search != NULL && *search == '\0')
    search = NULL;
  if (amw_set_str (&source->search, search))
    amw_paged_list_reload (self);
}

void
amw_company_list_set_sort (AmwPagedList      *self,
                           AmwCompanySortKey  key,
                           gboolean           descending)
{
  CompanySource *source = amw_paged_list_get_source (self);

  g_return_if_fail (key < AMW_N_COMPANY_SORT_KEYS);

  if (source->sort == key && source->descending == !!descending)
    return;
  source->sort = key;
  source->descending = !!descending;
  amw_paged_list_reload (self);
}

/* ---- timeline ---- */

static void
timeline_filter_clear (AmwTimelineFilter *filter)
{
  g_clear_pointer (&filter->company_id, g_free);
  g_clear_pointer (&filter->area, g_free);
  g_clear_pointer (&filter->tag, g_free);
  g_clear_pointer (&filter->kind, g_free);
  g_clear_pointer (&filter->since, g_free);
  g_clear_pointer (&filter->until, g_free);
}

static void
timeline_filter_free (AmwTimelineFilter *filter)
{
  timeline_filter_clear (filter);
  g_free (filter);
}

static gint64
count_timeline (AmwStore *store, gpointer source, GError **error)
{
  return amw_store_count_timeline (store, source, error);
}

static GPtrArray *
fetch_timeline (AmwStore *store, gpointer source, gint64 offset, guint limit, GError **error)
{
  return amw_store_fetch_timeline (store, source, offset, limit, error);
}

AmwPagedList *
amw_timeline_list_new (AmwStore *store)
{
  return amw_paged_list_new (store, AMW_TYPE_TIMELINE_ITEM,
                             AMW_CHANGE_ARTICLES | AMW_CHANGE_EVENTS | AMW_CHANGE_COMPANIES,
                             count_timeline, fetch_timeline,
                             (AmwItemEqualFunc) amw_timeline_item_equal,
                             g_new0 (AmwTimelineFilter, 1), (GDestroyNotify) timeline_filter_free);
}

void
amw_timeline_list_set_filter (AmwPagedList            *self,
                              const AmwTimelineFilter *filter)
{
  AmwTimelineFilter *current = amw_paged_list_get_source (self);

  timeline_filter_clear (current);
  if (filter != NULL)
    {
      current->company_id = g_strdup (filter->company_id);
      current->area = g_strdup (filter->area);
      current->tag = g_strdup (filter->tag);
      current->kind = g_strdup (filter->kind);
      current->since = g_strdup (filter->since);
      current->until = g_strdup (filter->until);
    }
  amw_paged_list_reload (self);
}

const AmwTimelineFilter *
amw_timeline_list_get_filter (AmwPagedList *self)
{
  return amw_paged_list_get_source (self);
}
