/* test-commands.c — edits as logged commands, undo/redo, history, change signals */
#include <glib/gstdio.h>

#include "amw-test-utils.h"

#define PARTNERSHIP "microsoft-openai-next-phase-partnership"

typedef struct {
  guint          n_emissions;
  AmwChangeFlags flags;
} ChangeCounter;

static void
on_changed (AmwStore      *store,
            guint          flags,
            ChangeCounter *counter)
{
  counter->n_emissions++;
  counter->flags |= flags;
}

static char *
article_title (AmwStore   *store,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_store_get_article (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (article->title);
}

static char *
joined_tags (AmwStore   *store,
             const char *id)
{
  g_autoptr(AmwArticle) article = amw_store_get_article (store, id, NULL);

  g_ptr_array_add (article->tags, NULL);
  return g_strjoinv (",", (char **) article->tags->pdata);
}

static void
test_set_field_undo_redo (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *original = article_title (store, PARTNERSHIP);
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) history = NULL;
  ChangeCounter counter = { 0 };
  char *title;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &counter);
  g_assert_false (amw_store_can_undo (store)); /* the import is not undoable */

  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_TITLE, "  New headline ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counter.n_emissions, ==, 1);
  g_assert_true (counter.flags & AMW_CHANGE_ARTICLES);
  title = article_title (store, PARTNERSHIP);
  g_assert_cmpstr (title, ==, "New headline");
  g_free (title);

  history = amw_store_get_history (store, "article", PARTNERSHIP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((AmwChange *) g_ptr_array_index (history, 0))->field, ==, "title");
  g_assert_cmpstr (((AmwChange *) g_ptr_array_index (history, 0))->old_value, ==, original);
  g_assert_cmpstr (((AmwChange *) g_ptr_array_index (history, 0))->new_value, ==, "New headline");
  g_assert_cmpstr (((AmwChange *) g_ptr_array_index (history, 0))->editor, ==, "Test Editor");
  g_clear_pointer (&history, g_ptr_array_unref);

  g_assert_true (amw_store_can_undo (store));
  g_assert_true (amw_store_undo (store, &description, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (description, "title"));
  g_assert_cmpuint (counter.n_emissions, ==, 2);
  title = article_title (store, PARTNERSHIP);
  g_assert_cmpstr (title, ==, original);
  g_free (title);
  history = amw_store_get_history (store, "article", PARTNERSHIP, &error);
  g_assert_cmpuint (history->len, ==, 0);

  g_assert_true (amw_store_can_redo (store));
  g_assert_true (amw_store_redo (store, NULL, &error));
  title = article_title (store, PARTNERSHIP);
  g_assert_cmpstr (title, ==, "New headline");
  g_free (title);
  g_assert_false (amw_store_can_redo (store));

  /* Undo, then a new edit: the undone one can no longer be redone. */
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_SOURCE, "Wire", &error));
  g_assert_false (amw_store_can_redo (store));
  g_assert_false (amw_store_redo (store, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_NOTHING_TO_REDO);
}

static void
test_validation (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  const char *bad_urls[] = { "javascript:alert(1)", "file:///etc/passwd", "ftp://x.org", "https://", "http:// spaced.org" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_URL, bad_urls[i], &error));
      g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_TITLE, "   ", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_PUBLISHED, "2026-02-30", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_NOVELTY, "6", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_STATUS, "gone", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_can_undo (store));

  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_URL, "HTTPS://Example.com/x", &error));
  g_assert_no_error (error);
}

static void
test_bulk_tag_undo (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GPtrArray) rows = amw_store_fetch_articles (store, query, 0, 3, &error);
  const char *ids[4] = { NULL };
  char *before[3];
  g_autoptr(GPtrArray) tags = NULL;
  ChangeCounter counter = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      ids[i] = amw_article_item_get_id (g_ptr_array_index (rows, i));
      before[i] = joined_tags (store, ids[i]);
    }

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &counter);
  g_assert_true (amw_store_add_tag (store, ids, "Bulk Test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counter.n_emissions, ==, 1); /* one command, one notification */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *now = joined_tags (store, ids[i]);
      g_assert_true (g_str_has_suffix (now, "Bulk Test"));
    }
  tags = amw_store_list_tags (store, &error);
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (((AmwTagCount *) g_ptr_array_index (tags, i))->name, "Bulk Test"))
      g_assert_cmpuint (((AmwTagCount *) g_ptr_array_index (tags, i))->count, ==, 3);

  /* Adding the same tag again in another case changes nothing. */
  g_assert_true (amw_store_add_tag (store, ids, "bulk test", &error));

  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *now = joined_tags (store, ids[i]);
      g_assert_cmpstr (now, ==, before[i]);
      g_free (before[i]);
    }
  /* The tag no longer exists once nothing uses it. */
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = amw_store_list_tags (store, &error);
  for (guint i = 0; i < tags->len; i++)
    g_assert_cmpstr (((AmwTagCount *) g_ptr_array_index (tags, i))->name, !=, "Bulk Test");
}

static guint
tag_count (AmwStore   *store,
           const char *name)
{
  g_autoptr(GPtrArray) tags = amw_store_list_tags (store, NULL);

  for (guint i = 0; i < tags->len; i++)
    if (g_ascii_strcasecmp (((AmwTagCount *) g_ptr_array_index (tags, i))->name, name) == 0)
      return ((AmwTagCount *) g_ptr_array_index (tags, i))->count;
  return 0;
}

static void
test_merge_rename_delete (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  guint cloud = tag_count (store, "cloud");
  guint funding = tag_count (store, "funding");

  g_assert_cmpuint (cloud, >, 0);
  g_assert_cmpuint (funding, >, 0);

  g_assert_true (amw_store_merge_tags (store, "cloud", "funding", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tag_count (store, "cloud"), ==, 0);
  g_assert_cmpuint (tag_count (store, "funding"), >=, funding);
  g_assert_cmpuint (tag_count (store, "funding"), <=, funding + cloud);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpuint (tag_count (store, "cloud"), ==, cloud);
  g_assert_cmpuint (tag_count (store, "funding"), ==, funding);

  g_assert_false (amw_store_merge_tags (store, "cloud", "cloud", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_rename_tag (store, "cloud", "Funding", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (amw_store_rename_tag (store, "cloud", "Cloud computing", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tag_count (store, "Cloud computing"), ==, cloud);
  {
    g_autofree char *tags = joined_tags (store, PARTNERSHIP);
    g_assert_nonnull (strstr (tags, "Cloud computing"));
  }
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpuint (tag_count (store, "cloud"), ==, cloud);

  g_assert_true (amw_store_delete_tag (store, "cloud", &error));
  g_assert_cmpuint (tag_count (store, "cloud"), ==, 0);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpuint (tag_count (store, "cloud"), ==, cloud);
}

static void
test_ratings (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { PARTNERSHIP, NULL };
  g_autoptr(AmwArticle) rated = NULL;
  g_autoptr(AmwArticle) restored = NULL;

  g_assert_true (amw_store_rate_articles (store, ids, 1, -1, &error));
  g_assert_no_error (error);
  rated = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpint (rated->novelty, ==, 1);
  g_assert_cmpint (rated->significance, ==, 5);
  g_assert_cmpstr (rated->rated_by, ==, "Test Editor");
  g_assert_true (amw_is_valid_timestamp (rated->rated_at));

  g_assert_true (amw_store_rate_articles (store, ids, -1, 0, &error));
  g_clear_pointer (&rated, amw_article_free);
  rated = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpint (rated->significance, ==, 0);

  g_assert_false (amw_store_rate_articles (store, ids, 6, -1, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_true (amw_store_undo (store, NULL, &error));
  restored = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpint (restored->novelty, ==, 3);
  g_assert_cmpint (restored->significance, ==, 5);
  g_assert_null (restored->rated_by);
}

static void
test_list_fields (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = NULL;

  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_CONNECTIONS,
                                              "[[\"event\", \"2026-05-18-deepseek-first-funding-round\"]]", &error));
  g_assert_no_error (error);
  article = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpuint (article->connections->len, ==, 1);
  g_clear_pointer (&article, amw_article_free);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_CONNECTIONS,
                                               "[[\"event\", \"no-such-event\"]]", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_COMPANIES,
                                               "[[\"no-such-company\", \"subject\"]]", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_TAGS, "{\"not\": \"a list\"}", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_AREAS,
                                              "[[\"Policy & Regulation\", \"Open Debates\"]]", &error));
  g_assert_no_error (error);
  article = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpuint (article->areas->len, ==, 1);
  g_assert_cmpstr (((AmwPair *) g_ptr_array_index (article->areas, 0))->first, ==, "Policy & Regulation");
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_clear_pointer (&article, amw_article_free);
  article = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpuint (article->areas->len, ==, 3);
}

static void
test_company_field (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwCompany) company = NULL;

  g_assert_false (amw_store_set_company_field (store, "openai", "website", "javascript:void(0)", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_store_set_company_field (store, "openai", "founded", "1700", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (amw_store_set_company_field (store, "openai", "last_verified", "2026-11-20", &error));
  g_assert_true (amw_store_set_company_field (store, "openai", "aliases", "[\"Open AI\", \"OAI\"]", &error));
  g_assert_no_error (error);
  company = amw_store_get_company (store, "openai", &error);
  g_assert_cmpstr (company->last_verified, ==, "2026-11-20");
  g_assert_cmpuint (company->aliases->len, ==, 2);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_clear_pointer (&company, amw_company_free);
  company = amw_store_get_company (store, "openai", &error);
  g_assert_cmpuint (company->aliases->len, !=, 2);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_clear_pointer (&company, amw_company_free);
  company = amw_store_get_company (store, "openai", &error);
  g_assert_cmpstr (company->last_verified, !=, "2026-11-20");
}

static void
test_external_changes (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) ours = amw_store_open (path, &error);
  g_autoptr(AmwStore) theirs = amw_store_open (path, &error);
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = amw_article_list_new (ours, query);
  ChangeCounter counter = { 0 };

  g_assert_no_error (error);
  g_signal_connect (ours, "changed", G_CALLBACK (on_changed), &counter);
  g_assert_false (amw_store_check_external_changes (ours));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_assert_true (amw_import_file (theirs, sample, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counter.n_emissions, ==, 0);
  g_assert_true (amw_store_check_external_changes (ours));
  g_assert_cmpuint (counter.n_emissions, ==, 1);
  g_assert_cmpuint (counter.flags, ==, AMW_CHANGE_ALL | AMW_CHANGE_EXTERNAL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_false (amw_store_check_external_changes (ours));

  /* Our own edits are not reported as external. */
  g_assert_true (amw_store_set_article_field (ours, PARTNERSHIP, AMW_FIELD_STATUS, "ready", &error));
  g_assert_false (amw_store_check_external_changes (ours));
  g_assert_true (amw_store_check_external_changes (theirs));

  g_clear_object (&list);
  g_clear_object (&ours);
  g_clear_object (&theirs);
  amw_test_remove_tree (dir);
}

static void
test_edit_article_one_step (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) edited = amw_store_get_article (store, PARTNERSHIP, &error);
  g_autoptr(AmwArticle) saved = NULL;
  g_autoptr(AmwArticle) restored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *original_title = g_strdup (edited->title);

  g_assert_no_error (error);
  g_free (edited->title);
  edited->title = g_strdup ("Edited headline");
  g_free (edited->source);
  edited->source = g_strdup ("   ");
  g_free (edited->notes);
  edited->notes = g_strdup ("Check the revenue cap figure");
  g_ptr_array_remove_index (edited->areas, 2);

  g_assert_true (amw_store_edit_article (store, edited, &error));
  g_assert_no_error (error);
  saved = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpstr (saved->title, ==, "Edited headline");
  g_assert_null (saved->source);
  g_assert_cmpstr (saved->notes, ==, "Check the revenue cap figure");
  g_assert_cmpuint (saved->areas->len, ==, 2);
  history = amw_store_get_history (store, "article", PARTNERSHIP, &error);
  g_assert_cmpuint (history->len, ==, 4); /* title, source, notes, areas */

  /* One undo restores every field of the edit. */
  g_assert_true (amw_store_undo (store, NULL, &error));
  restored = amw_store_get_article (store, PARTNERSHIP, &error);
  g_assert_cmpstr (restored->title, ==, original_title);
  g_assert_nonnull (restored->source);
  g_assert_cmpstr (restored->notes, ==, "");
  g_assert_cmpuint (restored->areas->len, ==, 3);

  /* A bad value refuses the whole edit. */
  g_free (edited->url);
  edited->url = g_strdup ("javascript:alert(1)");
  g_assert_false (amw_store_edit_article (store, edited, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_pointer (&restored, amw_article_free);
  restored = amw_store_get_article (store, PARTNERSHIP, NULL);
  g_assert_cmpstr (restored->title, ==, original_title);
}

static void
test_edit_company_rounds (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwCompany) edited = amw_store_get_company (store, "anthropic", &error);
  g_autoptr(AmwCompany) saved = NULL;
  AmwFundingRound *round = amw_funding_round_new ();
  guint before = edited->funding_rounds->len;

  round->id = g_strdup ("anthropic-test-seed");
  round->company_id = g_strdup ("anthropic");
  round->announced = g_strdup ("2021-05-01");
  round->type = g_strdup ("seed");
  round->has_amount = TRUE;
  round->amount_minor = 12345600;
  round->currency = g_strdup ("EUR");
  g_ptr_array_add (round->lead_investors, g_strdup ("Sample Ventures"));
  g_ptr_array_add (edited->funding_rounds, round);
  g_ptr_array_add (edited->aliases, g_strdup ("Anthropic PBC"));

  g_assert_true (amw_store_edit_company (store, edited, &error));
  g_assert_no_error (error);
  saved = amw_store_get_company (store, "anthropic", &error);
  g_assert_cmpuint (saved->funding_rounds->len, ==, before + 1);
  /* Rounds read back in date order: the 2021 seed comes first. */
  g_assert_cmpstr (((AmwFundingRound *) g_ptr_array_index (saved->funding_rounds, 0))->id, ==, "anthropic-test-seed");
  g_assert_cmpint (((AmwFundingRound *) g_ptr_array_index (saved->funding_rounds, 0))->amount_minor, ==, 12345600);

  g_assert_true (amw_store_undo (store, NULL, &error));
  g_clear_pointer (&saved, amw_company_free);
  saved = amw_store_get_company (store, "anthropic", &error);
  g_assert_cmpuint (saved->funding_rounds->len, ==, before);
  for (guint i = 0; i < saved->aliases->len; i++)
    g_assert_cmpstr (g_ptr_array_index (saved->aliases, i), !=, "Anthropic PBC");

  /* An amount without a valid currency is refused. */
  g_free (round->currency);
  round->currency = g_strdup ("euro");
  g_assert_false (amw_store_edit_company (store, edited, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "funding_rounds"));
}

static void
test_suggestions (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_store_get_article (store, PARTNERSHIP, &error);
  g_autoptr(GPtrArray) suggestions = amw_store_suggest_connections (store, PARTNERSHIP, 10, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, >, 0);
  g_assert_cmpuint (suggestions->len, <=, 10);
  for (guint i = 0; i < suggestions->len; i++)
    {
      AmwSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      /* Never the article itself, nor what it already connects to. */
      g_assert_cmpstr (suggestion->id, !=, PARTNERSHIP);
      for (guint j = 0; j < article->connections->len; j++)
        g_assert_cmpstr (suggestion->id, !=, ((AmwPair *) g_ptr_array_index (article->connections, j))->second);
      if (i > 0)
        g_assert_cmpfloat (suggestion->score, <=, ((AmwSuggestion *) g_ptr_array_index (suggestions, i - 1))->score);
    }
}

static guint
area_count (AmwStore   *store,
            const char *area,
            const char *facet,
            gboolean   *exists)
{
  g_autoptr(GPtrArray) areas = amw_store_list_areas (store, NULL);

  *exists = FALSE;
  for (guint i = 0; i < areas->len; i++)
    {
      AmwAreaCount *count = g_ptr_array_index (areas, i);
      if (g_str_equal (count->area, area) && g_str_equal (count->facet, facet))
        {
          *exists = TRUE;
          return count->count;
        }
    }
  return 0;
}

static void
test_area_vocabulary (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean exists;
  guint used = area_count (store, "Foundation Models", "Open Debates", &exists);
  gint64 group;

  g_assert_true (exists);
  g_assert_cmpuint (used, >, 0);

  g_assert_true (amw_store_add_area (store, "Robotics", "Case Studies", &error));
  g_assert_no_error (error);
  area_count (store, "Robotics", "Case Studies", &exists);
  g_assert_true (exists);
  group = amw_store_peek_undo (store, &description);
  g_assert_cmpint (group, >, 0);
  g_assert_nonnull (strstr (description, "Robotics"));
  g_assert_false (amw_store_add_area (store, "Robotics", "Case Studies", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (amw_store_rename_area (store, "Foundation Models", "Open Debates",
                                        "Foundation Models", "Debates", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (area_count (store, "Foundation Models", "Debates", &exists), ==, used);
  g_assert_cmpint (amw_store_peek_undo (store, NULL), >, group);

  g_assert_true (amw_store_delete_area (store, "Foundation Models", "Debates", &error));
  area_count (store, "Foundation Models", "Debates", &exists);
  g_assert_false (exists);
  {
    g_autoptr(AmwArticle) article = amw_store_get_article (store, PARTNERSHIP, NULL);
    g_assert_cmpuint (article->areas->len, ==, 2);
  }

  /* Undo, step by step, back to the sample's vocabulary. */
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpuint (area_count (store, "Foundation Models", "Debates", &exists), ==, used);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpuint (area_count (store, "Foundation Models", "Open Debates", &exists), ==, used);
  g_assert_true (amw_store_undo (store, NULL, &error));
  area_count (store, "Robotics", "Case Studies", &exists);
  g_assert_false (exists);
  g_assert_cmpint (amw_store_peek_undo (store, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/commands/set-field-undo-redo", test_set_field_undo_redo);
  g_test_add_func ("/commands/validation", test_validation);
  g_test_add_func ("/commands/bulk-tag-undo", test_bulk_tag_undo);
  g_test_add_func ("/commands/merge-rename-delete", test_merge_rename_delete);
  g_test_add_func ("/commands/ratings", test_ratings);
  g_test_add_func ("/commands/list-fields", test_list_fields);
  g_test_add_func ("/commands/company-field", test_company_field);
  g_test_add_func ("/commands/external-changes", test_external_changes);
  g_test_add_func ("/commands/edit-article-one-step", test_edit_article_one_step);
  g_test_add_func ("/commands/edit-company-rounds", test_edit_company_rounds);
  g_test_add_func ("/commands/suggestions", test_suggestions);
  g_test_add_func ("/commands/area-vocabulary", test_area_vocabulary);

  return g_test_run ();
}
