/* test-paged-list.c — the paged models: counts from SQL, pages on demand, bounded memory,
 * items-changed on store changes */
#include "amw-test-utils.h"
#include "amw-store-private.h"

typedef struct {
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_signals++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static void
test_pages_on_demand (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  GListModel *model;
  guint n;
  g_autofree char *previous = NULL;

  amw_test_add_articles (store, 2500);
  list = amw_article_list_new (store, query);
  model = G_LIST_MODEL (list);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2500);
  g_assert_true (g_list_model_get_item_type (model) == AMW_TYPE_ARTICLE_ITEM);
  /* Counting loads no row. */
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), ==, 0);

  {
    g_autoptr(AmwArticleItem) item = g_list_model_get_item (model, 1234);
    g_assert_nonnull (item);
    g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), ==, 1);
  }

  /* Walking the whole list keeps only a bounded number of pages. */
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AmwArticleItem) item = g_list_model_get_item (model, i);
      const char *published = amw_article_item_get_published (item);

      g_assert_nonnull (item);
      if (previous != NULL)
        g_assert_cmpstr (published, <=, previous);
      g_free (previous);
      previous = g_strdup (published);
    }
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), <=, 24);
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), <, 2500 / AMW_PAGED_LIST_PAGE_SIZE);
  g_assert_null (g_list_model_get_item (model, n));
}

static void
test_query_change_reloads (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  const char *odd[] = { "odd", NULL };
  ItemsChanged record = { 0 };

  amw_test_add_articles (store, 300);
  list = amw_article_list_new (store, query);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &record);

  amw_query_set_tags (query, odd);
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 300);
  g_assert_cmpuint (record.added, ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 150);

  amw_query_set_search (query, "story 00007");
  g_assert_cmpuint (record.n_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (amw_article_item_get_id (item), ==, "gen-00007");
  }
}

static void
test_edit_changes_one_row (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticleItem) item = NULL;
  g_autoptr(AmwArticleItem) updated = NULL;
  ItemsChanged record = { 0 };
  const char *id;

  amw_test_add_articles (store, 500);
  list = amw_article_list_new (store, query);
  amw_query_set_sort (query, AMW_SORT_TITLE, FALSE);
  item = g_list_model_get_item (G_LIST_MODEL (list), 42);
  id = amw_article_item_get_id (item);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &record);

  /* A rating does not move the row under a title sort: exactly that row changes. */
  g_assert_true (amw_store_set_article_field (store, id, AMW_FIELD_SIGNIFICANCE, "4", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 42);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
  updated = g_list_model_get_item (G_LIST_MODEL (list), 42);
  g_assert_cmpint (amw_article_item_get_significance (updated), ==, 4);
  g_assert_cmpint (amw_paged_list_find_cached (list, id), ==, 42);

  /* A change that touches nothing shown emits nothing. */
  record.n_signals = 0;
  g_assert_true (amw_store_set_article_field (store, id, AMW_FIELD_NOTES, "internal", &error));
  g_assert_cmpuint (record.n_signals, ==, 0);
}

static void
test_insert_changes_count (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwPagedList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_test_make_article ("brand-new", "Brand new", "2030-01-01");
  ItemsChanged record = { 0 };

  amw_test_add_articles (store, 120);
  list = amw_article_list_new (store, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &record);

  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_cmpuint (record.n_signals, ==, 0); /* nothing before the commit */
  g_assert_true (amw_store_commit (store, &error));
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.removed, ==, 120);
  g_assert_cmpuint (record.added, ==, 121);
  {
    g_autoptr(AmwArticleItem) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (amw_article_item_get_id (first), ==, "brand-new");
  }
}

static void
test_company_list (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwPagedList) list = amw_company_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(AmwCompanyItem) first = NULL;
  g_autoptr(AmwCompanyItem) anthropic = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 18);
  /* By name as people read it: Étoile sorts with the Es, not after Z. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwCompanyItem) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (amw_company_item_get_name (item), "Étoile"))
        {
          g_autoptr(AmwCompanyItem) next = g_list_model_get_item (model, i + 1);

          g_assert_nonnull (next);
          g_assert_cmpint (g_ascii_toupper (amw_company_item_get_name (next)[0]), >=, 'E');
          g_assert_cmpint (g_ascii_toupper (amw_company_item_get_name (next)[0]), <=, 'J');
        }
    }
  amw_company_list_set_sort (list, AMW_COMPANY_SORT_TOTAL_RAISED, TRUE);
  first = g_list_model_get_item (model, 0);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwCompanyItem) item = g_list_model_get_item (model, i);
      g_assert_cmpint (amw_company_item_get_total_raised (item), <=, amw_company_item_get_total_raised (first));
    }

  /* Search covers names and aliases. */
  amw_company_list_set_search (list, "AWS");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(AmwCompanyItem) amazon = g_list_model_get_item (model, 0);
    g_assert_cmpstr (amw_company_item_get_id (amazon), ==, "amazon");
  }
  amw_company_list_set_search (list, "anthropic");
  anthropic = g_list_model_get_item (model, 0);
  g_assert_cmpstr (amw_company_item_get_name (anthropic), ==, "Anthropic");
  g_assert_cmpint (amw_company_item_get_total_raised (anthropic), ==, G_GINT64_CONSTANT (2500000000000));
  g_assert_cmpstr (amw_company_item_get_latest_round_type (anthropic), ==, "strategic");

  amw_company_list_set_search (list, "100%_");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_no_error (error);
}

static void
test_timeline_list (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwPagedList) list = amw_timeline_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  AmwTimelineFilter filter = { 0 };
  guint n = g_list_model_get_n_items (model);
  guint n_events = 0, n_articles = 0;
  g_autofree char *previous = NULL;

  g_assert_cmpuint (n, >=, 38);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);

      if (previous != NULL)
        g_assert_cmpstr (amw_timeline_item_get_date (item), <=, previous);
      g_free (previous);
      previous = g_strdup (amw_timeline_item_get_date (item));
      if (g_str_equal (amw_timeline_item_get_kind (item), "article"))
        n_articles++;
      else
        n_events++;
    }
  g_assert_cmpuint (n_events, ==, 38);
  g_assert_cmpuint (n_articles, >, 0);

  filter.company_id = (char *) "deepseek";
  amw_timeline_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);
      g_assert_cmpstr (amw_timeline_item_get_company_id (item), ==, "deepseek");
    }

  filter.company_id = NULL;
  filter.kind = (char *) "funding";
  amw_timeline_list_set_filter (list, &filter);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);
      g_assert_cmpstr (amw_timeline_item_get_kind (item), ==, "funding");
    }
  amw_timeline_list_set_filter (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

/* Deep pages of a list by date start from kept positions (anchors) instead of skipping
 * every row before them: the rows must be exactly those of the plain walk, in both
 * directions, with a filter, and after an edit that moves a row. */
static void
assert_deep_pages_match (AmwStore *store,
                         AmwQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = amw_store_fetch_articles (store, query, 0, 100000, &error);
  static const gint64 offsets[] = { 10000, 10001, 15050, 19999, 20000, 24950, 29990 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autoptr(GPtrArray) page = amw_store_fetch_articles (store, query, offsets[i], 100, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (100, (gint64) all->len - MIN (offsets[i], (gint64) all->len)));
      for (guint j = 0; j < page->len; j++)
        g_assert_cmpstr (amw_article_item_get_id (g_ptr_array_index (page, j)), ==,
                         amw_article_item_get_id (g_ptr_array_index (all, offsets[i] + j)));
    }
}

static void
test_deep_pages (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GError) error = NULL;
  const char *odd[] = { "odd", NULL };

  amw_test_add_articles (store, 30000);
  assert_deep_pages_match (store, NULL);
  assert_deep_pages_match (store, query);
  amw_query_set_sort (query, AMW_SORT_PUBLISHED, FALSE);
  assert_deep_pages_match (store, query);
  amw_query_set_tags (query, odd);
  assert_deep_pages_match (store, query);

  /* The newest article becomes the oldest: every position shifts by one. */
  amw_query_set_tags (query, NULL);
  amw_query_set_sort (query, AMW_SORT_PUBLISHED, TRUE);
  assert_deep_pages_match (store, query);
  g_assert_true (amw_store_set_article_field (store, "gen-00699", AMW_FIELD_PUBLISHED,
                                              "2001-01-01", &error));
  g_assert_no_error (error);
  assert_deep_pages_match (store, query);
}

static gboolean wait_counted (AmwPagedList *list);

static gboolean
wait_prepared (AmwPagedList *list)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (amw_paged_list_is_preparing (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return !amw_paged_list_is_preparing (list);
}

static void
on_deep_pages_prepared (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (amw_store_prepare_deep_pages_finish (AMW_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static guint
n_anchors (AmwStore *store)
{
  return store->anchors != NULL ? g_hash_table_size (store->anchors) : 0;
}

/* A list sorted by date has its anchors found on a worker thread after its count, so its
 * first deep jump reads none; the pages are those of the plain walk. Anchors found while
 * something changed are not kept. */
static void
test_deep_pages_prepared (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "amw.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open (path, &error);
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  const char *odd[] = { "odd", NULL };
  gboolean done = FALSE;

  g_assert_no_error (error);
  amw_test_add_articles (store, 25000);
  list = amw_article_list_new (store, query);
  g_assert_true (wait_prepared (list));
  /* Rows 10 000 and 20 000. */
  g_assert_cmpuint (n_anchors (store), ==, 2);
  assert_deep_pages_match (store, query);
  g_assert_cmpuint (n_anchors (store), ==, 2);

  /* Another list: its own anchors (12 500 odd articles: one). */
  amw_query_set_sort (query, AMW_SORT_PUBLISHED, FALSE);
  amw_query_set_tags (query, odd);
  g_assert_true (wait_prepared (list));
  g_assert_cmpuint (n_anchors (store), ==, 1);
  assert_deep_pages_match (store, query);

  /* A search has none to find: the anchors kept are still the last list's. */
  amw_query_set_tags (query, NULL);
  amw_query_set_search (query, "generated");
  g_assert_true (wait_prepared (list));
  g_assert_cmpuint (n_anchors (store), ==, 1);
  /* Gone, with its background count: it no longer follows the store's changes. */
  g_assert_true (wait_counted (list));
  g_assert_finalize_object (g_steal_pointer (&list));

  /* An edit while the anchors are being found: they are not kept. */
  amw_query_set_search (query, NULL);
  amw_store_prepare_deep_pages_async (store, query, NULL, on_deep_pages_prepared, &done);
  g_assert_true (amw_store_set_article_field (store, "gen-00699", AMW_FIELD_PUBLISHED, "2001-01-01", &error));
  g_assert_no_error (error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_anchors (store), ==, 0);
  assert_deep_pages_match (store, query);

  g_clear_object (&store);
  amw_test_remove_tree (dir);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
fetch_async (AmwStore      *store,
             AmwQuery      *query,
             gint64         offset,
             guint          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  amw_store_fetch_articles_async (store, query, offset, limit, cancellable, on_fetched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return amw_store_fetch_articles_finish (store, result, error);
}

static void
assert_same_rows (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      AmwArticleItem *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (amw_article_item_get_id (x), ==, amw_article_item_get_id (y));
      g_assert_cmpstr (amw_article_item_get_title (x), ==, amw_article_item_get_title (y));
      g_assert_cmpstr (amw_article_item_get_tags (x), ==, amw_article_item_get_tags (y));
    }
}

/* A page read on the worker thread is the page read here: searches by date and by
 * relevance, filters, deep offsets; a cancelled read says so. */
static void
test_fetch_async (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "amw.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open (path, &error);
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  const char *published[] = { "published", NULL };

  g_assert_no_error (error);
  amw_import_file (store, sample, NULL, &error);
  g_assert_no_error (error);
  amw_test_add_articles (store, 300);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GPtrArray) here = NULL;
      g_autoptr(GPtrArray) there = NULL;

      switch (round)
        {
        case 0: break;
        case 1: amw_query_set_search (query, "mode"); break;
        case 2: amw_query_set_sort (query, AMW_SORT_RELEVANCE, TRUE); break;
        case 3: amw_query_set_statuses (query, published); break;
        case 4:
          amw_query_set_search (query, "generated");
          amw_query_set_statuses (query, NULL);
          amw_query_set_sort (query, AMW_SORT_TITLE, FALSE);
          break;
        }
      here = amw_store_fetch_articles (store, query, round == 4 ? 150 : 0, 40, &error);
      g_assert_no_error (error);
      there = fetch_async (store, query, round == 4 ? 150 : 0, 40, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("round %u: %u rows", round, here->len);
      g_assert_cmpuint (here->len, >, 0);
      assert_same_rows (here, there);
    }

  g_cancellable_cancel (cancelled);
  g_assert_null (fetch_async (store, query, 0, 40, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&store);
  amw_test_remove_tree (dir);
}

static gboolean
wait_counted (AmwPagedList *list)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (amw_paged_list_is_counting (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return !amw_paged_list_is_counting (list);
}

/* A search whose count reaches the cap shows that many rows at once, then the exact
 * count from a worker thread appends the rest; a newer search cancels an older count. */
static void
test_background_count (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "amw.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open (path, &error);
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  GListModel *model;
  ItemsChanged record = { 0 };
  gint64 exact, exact_with_status;
  const char *published[] = { "published", NULL };
  g_autoptr(AmwArticleItem) last = NULL;

  g_assert_no_error (error);
  amw_import_file (store, sample, NULL, &error);
  g_assert_no_error (error);
  amw_query_set_search (query, "openai");
  exact = amw_store_count_articles (store, query, &error);
  g_assert_cmpint (exact, >, 4);

  list = amw_article_list_new (store, query);
  model = G_LIST_MODEL (list);
  amw_paged_list_set_count_cap (list, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (amw_paged_list_is_counting (list));
  g_assert_true (wait_counted (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, exact);
  /* Appended after the first three: the rows shown stay. */
  g_assert_cmpuint (record.position, ==, 3);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, exact - 3);
  last = g_list_model_get_item (model, exact - 1);
  g_assert_nonnull (last);

  /* Two changes in a row: only the last one's count lands. */
  amw_query_set_search (query, "anthropic");
  amw_query_set_search (query, "openai");
  amw_query_set_statuses (query, published);
  exact_with_status = amw_store_count_articles (store, query, &error);
  g_assert_no_error (error);
  g_assert_true (wait_counted (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, exact_with_status);

  /* Below the cap the count is exact at once. */
  amw_paged_list_set_count_cap (list, 1000);
  g_assert_false (amw_paged_list_is_counting (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, exact_with_status);

  /* A refresh while counting keeps the rows shown until the count lands. */
  amw_query_set_statuses (query, NULL);
  amw_paged_list_set_count_cap (list, 3);
  g_assert_true (wait_counted (list));
  g_assert_true (amw_store_set_article_field (store, "amazon-aws-25-billion-anthropic-investment",
                                              AMW_FIELD_AMW_READ, "OpenAI again", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, exact);
  g_assert_true (wait_counted (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, amw_store_count_articles (store, query, NULL));

  g_clear_object (&list);
  g_clear_object (&store);
  amw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paged-list/pages-on-demand", test_pages_on_demand);
  g_test_add_func ("/paged-list/query-change-reloads", test_query_change_reloads);
  g_test_add_func ("/paged-list/edit-changes-one-row", test_edit_changes_one_row);
  g_test_add_func ("/paged-list/insert-changes-count", test_insert_changes_count);
  g_test_add_func ("/paged-list/companies", test_company_list);
  g_test_add_func ("/paged-list/timeline", test_timeline_list);
  g_test_add_func ("/paged-list/background-count", test_background_count);
  g_test_add_func ("/paged-list/deep-pages", test_deep_pages);
  g_test_add_func ("/paged-list/deep-pages-prepared", test_deep_pages_prepared);
  g_test_add_func ("/paged-list/fetch-async", test_fetch_async);

  return g_test_run ();
}
