/* test-window.c — the main window driven as an editor would: search, filter, sort, read an
 * article, follow a company, go back, see the timeline, and see an import arrive live. */
#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "amw-article-pane.h"
#include "amw-articles-view.h"
#include "amw-companies-view.h"
#include "amw-edit-article-dialog.h"
#include "amw-tags-dialog.h"
#include "amw-timeline-view.h"
#include "amw-gui-test-utils.h"
#include "amw-rating-meter.h"
#include "amw-window.h"

#define PARTNERSHIP "microsoft-openai-next-phase-partnership"
#define AWS_ARTICLE "amazon-aws-25-billion-anthropic-investment"

typedef struct {
  AmwStore  *store;
  AmwWindow *window;
  char      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(GError) error = NULL;

  fixture->dir = amw_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_store_open (path, &error);
  g_assert_no_error (error);
  if (data == NULL)
    {
      amw_import_file (fixture->store, sample, NULL, &error);
      g_assert_no_error (error);
    }
  fixture->window = amw_window_new_for_store (NULL, fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (50);
  g_clear_object (&fixture->store);
  amw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static AmwArticlesView *
articles_view (Fixture *fixture)
{
  return AMW_ARTICLES_VIEW (amw_window_get_view_widget (fixture->window, "articles"));
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (amw_articles_view_get_model (articles_view (fixture)));
}

static GtkEditable *
article_search_entry (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = amw_gui_test_find_all (GTK_WIDGET (articles_view (fixture)), GTK_TYPE_SEARCH_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (g_ptr_array_index (entries, i), "placeholder-text", &placeholder, NULL);
      if (g_str_has_prefix (placeholder, "Search titles"))
        return GTK_EDITABLE (g_ptr_array_index (entries, i));
    }
  g_assert_not_reached ();
}

typedef struct {
  Fixture *fixture;
  guint    expected;
} RowsWait;

static gboolean
has_expected_rows (gpointer data)
{
  RowsWait *wait = data;
  return n_rows (wait->fixture) == wait->expected;
}

static gboolean
rows_below (gpointer data)
{
  RowsWait *wait = data;
  return n_rows (wait->fixture) < wait->expected;
}

static guint
position_of (GListModel *model,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwArticleItem) item = g_list_model_get_item (model, i);
      if (g_str_equal (amw_article_item_get_id (item), id))
        return i;
    }
  g_assert_not_reached ();
}

static void
select_article (Fixture    *fixture,
                const char *id)
{
  GListModel *model = amw_articles_view_get_model (articles_view (fixture));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position_of (model, id), TRUE);
  amw_gui_test_spin (100);
  g_assert_cmpstr (amw_articles_view_get_article_id (articles_view (fixture)), ==, id);
}

static void
test_search_narrows (Fixture       *fixture,
                     gconstpointer  data)
{
  RowsWait wait = { fixture, 50 };
  guint found;

  g_assert_cmpuint (n_rows (fixture), ==, 50);
  gtk_editable_set_text (article_search_entry (fixture), "partnersh");
  g_assert_true (amw_gui_test_wait_for (rows_below, &wait, 2000));
  found = n_rows (fixture);
  g_assert_cmpuint (found, >, 0);
  g_assert_cmpuint (position_of (amw_articles_view_get_model (articles_view (fixture)), PARTNERSHIP), <, found);

  gtk_editable_set_text (article_search_entry (fixture), "");
  g_assert_true (amw_gui_test_wait_for (has_expected_rows, &wait, 2000));
}

static void
test_filter_and_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  AmwArticlesView *view = articles_view (fixture);
  GtkWidget *published = amw_gui_test_find (GTK_WIDGET (view), GTK_TYPE_CHECK_BUTTON, "Published");
  g_autoptr(AmwQuery) count_query = amw_query_new ();
  const char *statuses[] = { "published", NULL };
  GtkColumnView *column_view = GTK_COLUMN_VIEW (amw_gui_test_find (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  g_autoptr(GtkColumnViewColumn) title_column = NULL;
  g_autoptr(AmwArticleItem) first = NULL;
  g_autoptr(AmwArticleItem) second = NULL;
  GListModel *model = amw_articles_view_get_model (view);

  g_assert_nonnull (published);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (published), TRUE);
  amw_gui_test_spin (50);
  amw_query_set_statuses (count_query, statuses);
  g_assert_cmpint (n_rows (fixture), ==, amw_store_count_articles (fixture->store, count_query, NULL));
  g_assert_cmpuint (n_rows (fixture), <, 50);
  g_assert_true (amw_query_has_filters (amw_articles_view_get_query (view)));

  /* Clicking the Title header sorts by title, A first. */
  title_column = g_list_model_get_item (gtk_column_view_get_columns (column_view), 1);
  gtk_column_view_sort_by_column (column_view, title_column, GTK_SORT_ASCENDING);
  amw_gui_test_spin (50);
  g_assert_cmpint (amw_query_get_sort_key (amw_articles_view_get_query (view)), ==, AMW_SORT_TITLE);
  g_assert_false (amw_query_get_descending (amw_articles_view_get_query (view)));
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpint (g_ascii_strcasecmp (amw_article_item_get_title (first), amw_article_item_get_title (second)), <=, 0);
  g_clear_object (&first);
  gtk_column_view_sort_by_column (column_view, title_column, GTK_SORT_DESCENDING);
  amw_gui_test_spin (50);
  g_assert_true (amw_query_get_descending (amw_articles_view_get_query (view)));
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (g_ascii_strcasecmp (amw_article_item_get_title (first), amw_article_item_get_title (second)), >=, 0);

  /* Clear Filters brings every article back and unticks the box. */
  gtk_widget_activate_action (GTK_WIDGET (view), "articles.clear-filters", NULL);
  amw_gui_test_spin (50);
  g_assert_cmpuint (n_rows (fixture), ==, 50);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (published)));
}

/* The sidebar's search entry for tags ("Find a tag"). */
static GtkEditable *
tag_search_entry (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = amw_gui_test_find_all (GTK_WIDGET (articles_view (fixture)), GTK_TYPE_SEARCH_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (g_ptr_array_index (entries, i), "placeholder-text", &placeholder, NULL);
      if (g_strcmp0 (placeholder, "Find a tag") == 0)
        return GTK_EDITABLE (g_ptr_array_index (entries, i));
    }
  g_assert_not_reached ();
}

/* The labels of the tag boxes the sidebar lists ("name (count)"). */
static GPtrArray *
tag_labels (Fixture *fixture)
{
  GtkWidget *box = gtk_widget_get_next_sibling (GTK_WIDGET (tag_search_entry (fixture)));
  g_autoptr(GPtrArray) checks = amw_gui_test_find_all (box, GTK_TYPE_CHECK_BUTTON);
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; i < checks->len; i++)
    g_ptr_array_add (labels, (gpointer) gtk_check_button_get_label (g_ptr_array_index (checks, i)));
  return labels;
}

/* The tag search narrows the tags listed as it is typed, and a tag written meanwhile
 * shows up with its count. */
static void
test_tag_search (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkEditable *search = tag_search_entry (fixture);
  g_autoptr(GPtrArray) all = tag_labels (fixture);
  g_autoptr(GPtrArray) narrowed = NULL;
  g_autoptr(GPtrArray) grown = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "microsoft-openai-next-phase-partnership", NULL };

  g_assert_cmpuint (all->len, >, 3);
  gtk_editable_set_text (search, "OPEN");
  g_signal_emit_by_name (search, "search-changed");
  amw_gui_test_spin (50);
  narrowed = tag_labels (fixture);
  g_assert_cmpuint (narrowed->len, >, 0);
  g_assert_cmpuint (narrowed->len, <, all->len);
  for (guint i = 0; i < narrowed->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (narrowed, i), -1);

      g_assert_nonnull (strstr (folded, "open"));
    }

  g_assert_true (amw_store_add_tag (fixture->store, ids, "reopened-questions", &error));
  g_assert_no_error (error);
  amw_gui_test_spin (50);
  grown = tag_labels (fixture);
  g_assert_cmpuint (grown->len, ==, narrowed->len + 1);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < grown->len; i++)
      found = found || g_str_equal (g_ptr_array_index (grown, i), "reopened-questions (1)");
    g_assert_true (found);
  }
}

static void
test_article_page (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *pane;
  g_autoptr(GPtrArray) meters = NULL;
  GtkListBox *connections;
  guint n_connections = 0;

  select_article (fixture, PARTNERSHIP);
  pane = amw_gui_test_find (GTK_WIDGET (articles_view (fixture)), AMW_TYPE_ARTICLE_PANE, NULL);
  g_assert_cmpstr (amw_article_pane_get_article_id (AMW_ARTICLE_PANE (pane)), ==, PARTNERSHIP);

  g_assert_true (amw_gui_test_shows_text (pane, "The AMW Read"));
  g_assert_true (amw_gui_test_shows_text (pane, "frame shift"));
  meters = amw_gui_test_find_all (pane, AMW_TYPE_RATING_METER);
  g_assert_cmpuint (meters->len, ==, 2);
  g_assert_cmpint (amw_rating_meter_get_value (g_ptr_array_index (meters, 0)), ==, 3);
  g_assert_cmpint (amw_rating_meter_get_value (g_ptr_array_index (meters, 1)), ==, 5);
  g_assert_true (amw_gui_test_shows_text (pane, "Foundation Models · Case Studies"));
  g_assert_true (amw_gui_test_shows_text (pane, "Foundation Models · Open Debates"));
  g_assert_true (amw_gui_test_shows_text (pane, "#non-exclusive license"));
  g_assert_true (amw_gui_test_shows_text (pane, "#revenue share"));
  g_assert_true (amw_gui_test_shows_text (pane, "How This Connects"));

  connections = GTK_LIST_BOX (amw_gui_test_find (pane, GTK_TYPE_LIST_BOX, NULL));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (connections)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_connections++;
  g_assert_cmpuint (n_connections, ==, 5);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (connections), "DeepSeek"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (connections), "ago"));
  g_assert_nonnull (amw_gui_test_find (pane, GTK_TYPE_BUTTON, "Microsoft"));
}

/* Another program gave an article 5 000 tags, far past the format's 200: the page shows
 * the first 200 and counts the rest in one chip instead of freezing on 5 000 widgets. */
static void
test_article_page_many_tags (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "amw.db", NULL);
  g_autofree char *message = NULL;
  GtkWidget *pane;
  GtkWidget *first_chip;
  GtkFlowBox *tags;
  guint n_chips = 0;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                                 " INSERT INTO tags (name) SELECT 'flood-' || i FROM n;"
                                 " INSERT INTO article_tags (article, tag, position)"
                                 " SELECT a.pk, t.pk, 1000 + t.pk FROM articles a, tags t"
                                 " WHERE a.id = '" PARTNERSHIP "' AND t.name LIKE 'flood-%'",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
  amw_store_check_external_changes (fixture->store);

  select_article (fixture, PARTNERSHIP);
  pane = amw_gui_test_find (GTK_WIDGET (articles_view (fixture)), AMW_TYPE_ARTICLE_PANE, NULL);
  first_chip = amw_gui_test_find (pane, GTK_TYPE_LABEL, "#non-exclusive license");
  g_assert_nonnull (first_chip);
  tags = GTK_FLOW_BOX (gtk_widget_get_ancestor (first_chip, GTK_TYPE_FLOW_BOX));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (tags)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_chips++;
  /* 200 chips and the count of the other tags (the sample's own and the 5 000). */
  g_assert_cmpuint (n_chips, ==, 201);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (tags), " more"));
}

static void
test_company_and_back (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *pane, *button;
  GtkWidget *companies;

  select_article (fixture, AWS_ARTICLE);
  pane = amw_gui_test_find (GTK_WIDGET (articles_view (fixture)), AMW_TYPE_ARTICLE_PANE, NULL);
  button = amw_gui_test_find (pane, GTK_TYPE_BUTTON, "Anthropic");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  amw_gui_test_spin (200);

  companies = amw_window_get_view_widget (fixture->window, "companies");
  g_assert_cmpstr (amw_window_get_view (fixture->window), ==, "companies");
  g_assert_cmpstr (amw_companies_view_get_company (AMW_COMPANIES_VIEW (companies)), ==, "anthropic");
  g_assert_true (amw_gui_test_shows_text (companies, "Strategic"));
  g_assert_true (amw_gui_test_shows_text (companies, "Amazon"));

  /* Alt+Left's action returns to the article; Alt+Right comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  amw_gui_test_spin (100);
  g_assert_cmpstr (amw_window_get_view (fixture->window), ==, "articles");
  g_assert_cmpstr (amw_articles_view_get_article_id (articles_view (fixture)), ==, AWS_ARTICLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.forward", NULL));
  amw_gui_test_spin (100);
  g_assert_cmpstr (amw_window_get_view (fixture->window), ==, "companies");
}

static void
test_timeline_months (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *timeline = amw_window_get_view_widget (fixture->window, "timeline");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "timeline"));
  amw_gui_test_spin (300);
  g_assert_cmpstr (amw_window_get_view (fixture->window), ==, "timeline");
  /* The newest entries are in November 2026: their month heads the list. */
  g_assert_true (amw_gui_test_shows_text (timeline, "November 2026"));
}

static void
test_import_shows_live (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "amw.db", NULL);
  g_autofree char *extra = g_build_filename (fixture->dir, "extra.json", NULL);
  g_autoptr(GError) error = NULL;
  const char *document =
    "{\"format\": \"amw-desk\", \"version\": 1, \"as_of\": null,"
    " \"selection\": {\"kind\": \"ids\", \"description\": \"one\"},"
    " \"articles\": [{\"id\": \"live-import-check\", \"title\": \"A story imported while the window is open\","
    "   \"source\": null, \"url\": null, \"published\": \"2026-11-26\", \"status\": \"draft\","
    "   \"summary\": \"\", \"amw_read\": \"\", \"ratings\": {\"novelty\": null, \"significance\": null},"
    "   \"areas\": [], \"tags\": [], \"companies\": [], \"connections\": [],"
    "   \"created_at\": \"2026-11-26T10:00:00Z\", \"updated_at\": \"2026-11-26T10:00:00Z\"}],"
    " \"companies\": [], \"timeline\": []}";
  RowsWait wait = { fixture, 51 };

  g_assert_true (g_file_set_contents (extra, document, -1, NULL));
  g_assert_true (amw_import_file (fixture->store, extra, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (amw_gui_test_wait_for (has_expected_rows, &wait, 2000));

  /* Another program writing the same file: the app's poll picks it up. */
  {
    g_autoptr(AmwStore) other = amw_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (amw_store_set_article_field (other, "live-import-check", AMW_FIELD_TITLE,
                                                "Retitled by another program", &error));
  }
  g_assert_true (amw_store_check_external_changes (fixture->store));
  amw_gui_test_spin (100);
  {
    g_autoptr(AmwArticleItem) first = g_list_model_get_item (amw_articles_view_get_model (articles_view (fixture)), 0);
    g_assert_cmpstr (amw_article_item_get_title (first), ==, "Retitled by another program");
  }
}

static gboolean
shows_toast (gpointer data)
{
  Fixture *fixture = data;
  return amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "Edit title of");
}

static gboolean
shows_undone (gpointer data)
{
  Fixture *fixture = data;
  return amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "Undone:");
}

/* Each edit gets a toast with Undo; the window's undo reverses it. */
static void
test_undo_toast (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) before = amw_store_get_article (fixture->store, PARTNERSHIP, &error);
  g_autoptr(AmwArticle) after = NULL;
  GtkWidget *undo_button;

  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "Edit title of"));
  g_assert_true (amw_store_set_article_field (fixture->store, PARTNERSHIP, AMW_FIELD_TITLE, "Toast test", &error));
  g_assert_true (amw_gui_test_wait_for (shows_toast, fixture, 2000));
  undo_button = amw_gui_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");
  amw_gui_test_spin (100);
  after = amw_store_get_article (fixture->store, PARTNERSHIP, &error);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_true (amw_gui_test_wait_for (shows_undone, fixture, 3000));
}

/* Ctrl+E and Ctrl+T open the editors for what is shown and selected. */
static void
test_edit_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *model = amw_articles_view_get_model (articles_view (fixture));
  GtkWindow *dialog;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL) &&
                  amw_gui_test_find_toplevel (AMW_TYPE_EDIT_ARTICLE_DIALOG) != NULL);
  select_article (fixture, PARTNERSHIP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  amw_gui_test_spin (100);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_EDIT_ARTICLE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (amw_edit_article_dialog_get_article_id (AMW_EDIT_ARTICLE_DIALOG (dialog)), ==, PARTNERSHIP);
  gtk_window_destroy (dialog);

  gtk_selection_model_select_range (GTK_SELECTION_MODEL (model), 0, 3, TRUE);
  amw_gui_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tags", NULL));
  amw_gui_test_spin (100);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_TAGS_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  amw_gui_test_spin (50);
}

/* Launching reads only what the articles view needs: the companies and timeline views are
 * made when first shown (the timeline reads for a second at a million articles). */
static void
test_views_made_when_shown (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  g_assert_null (amw_gui_test_find (root, AMW_TYPE_TIMELINE_VIEW, NULL));
  g_assert_null (amw_gui_test_find (root, AMW_TYPE_COMPANIES_VIEW, NULL));
  amw_window_show_view (fixture->window, "timeline");
  amw_gui_test_spin (100);
  g_assert_nonnull (amw_gui_test_find (root, AMW_TYPE_TIMELINE_VIEW, NULL));
  g_assert_null (amw_gui_test_find (root, AMW_TYPE_COMPANIES_VIEW, NULL));
  /* Opening a company from anywhere makes the view it needs. */
  amw_window_open_company (fixture->window, "anthropic");
  amw_gui_test_spin (100);
  g_assert_nonnull (amw_gui_test_find (root, AMW_TYPE_COMPANIES_VIEW, NULL));
  g_assert_cmpstr (amw_window_get_view (fixture->window), ==, "companies");
  g_assert_cmpstr (amw_companies_view_get_company (AMW_COMPANIES_VIEW (amw_window_get_view_widget (fixture->window, "companies"))),
                   ==, "anthropic");
}

static gboolean
revealer_is_open (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

/* The store finds its file damaged (the check of a large file on a worker thread): the
 * window says so in a banner naming the file, and editing is off. */
static void
test_damage_banner (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) damage = g_error_new (AMW_ERROR, AMW_ERROR_CORRUPT,
                                          "/home/editor/amw.db is damaged: database disk image is malformed");
  GtkWidget *revealer;

  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "is damaged"));
  amw_store_mark_damaged (fixture->store, damage);
  amw_gui_test_spin (300);

  {
    g_autoptr(GPtrArray) revealers = amw_gui_test_find_all (GTK_WIDGET (fixture->window), GTK_TYPE_REVEALER);

    revealer = NULL;
    for (guint i = 0; i < revealers->len; i++)
      {
        GtkWidget *child = gtk_revealer_get_child (g_ptr_array_index (revealers, i));

        if (child != NULL && gtk_widget_has_css_class (child, "damage-banner"))
          revealer = g_ptr_array_index (revealers, i);
      }
  }
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* The slide takes a moment, longer on a busy machine. */
  g_assert_true (amw_gui_test_wait_for (revealer_is_open, revealer, 5000));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "/home/editor/amw.db is damaged"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "Editing is turned off"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "AMW Desk (read-only)");

  select_article (fixture, PARTNERSHIP);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL);
  amw_gui_test_spin (100);
  g_assert_null (amw_gui_test_find_toplevel (AMW_TYPE_EDIT_ARTICLE_DIALOG));
}

static gboolean
is_not_drawable (gpointer widget)
{
  return !gtk_widget_is_drawable (widget);
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *load = amw_gui_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Load _Sample Data");
  RowsWait wait = { fixture, 50 };

  g_assert_nonnull (load);
  g_assert_true (gtk_widget_is_drawable (load));
  g_assert_nonnull (amw_gui_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "_Import JSON…"));
  g_signal_emit_by_name (load, "clicked");
  g_assert_true (amw_gui_test_wait_for (has_expected_rows, &wait, 3000));
  /* The empty page fades out. */
  g_assert_true (amw_gui_test_wait_for (is_not_drawable, load, 2000));
}

/* A desk with 100 000 articles opens, scrolls to the end and searches while holding only
 * a few pages of rows. */
static void
test_large_database (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  AmwWindow *window;
  AmwArticlesView *view;
  GListModel *selection;
  AmwPagedList *list;
  GtkWidget *column_view;
  Fixture fixture = { 0 };
  RowsWait wait;

  amw_test_add_articles (store, 100000);
  window = amw_window_new_for_store (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  amw_gui_test_spin (300);

  view = AMW_ARTICLES_VIEW (amw_window_get_view_widget (window, "articles"));
  selection = amw_articles_view_get_model (view);
  list = AMW_PAGED_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (selection)));
  g_assert_cmpuint (g_list_model_get_n_items (selection), ==, 100000);
  /* The first screenful and the rows GTK realizes around it, not the table. */
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), <=, 4);

  column_view = amw_gui_test_find (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL);
  for (guint position = 0; position < 100000; position += 9973)
    {
      gtk_widget_activate_action (column_view, "list.scroll-to-item", "u", position);
      amw_gui_test_spin (20);
    }
  gtk_widget_activate_action (column_view, "list.scroll-to-item", "u", 99999);
  amw_gui_test_spin (200);
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), <=, 24);
  /* The last row was fetched for display: the oldest story. */
  {
    g_autoptr(AmwArticleItem) last = g_list_model_get_item (selection, 99999);
    g_assert_cmpint (amw_paged_list_find_cached (list, amw_article_item_get_id (last)), ==, 99999);
  }

  fixture.window = window;
  wait.fixture = &fixture;
  wait.expected = 1;
  gtk_editable_set_text (article_search_entry (&fixture), "story 04242");
  g_assert_true (amw_gui_test_wait_for (has_expected_rows, &wait, 5000));
  g_assert_cmpuint (amw_paged_list_get_n_cached_pages (list), <=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  amw_gui_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

  g_test_add ("/window/search-narrows", Fixture, NULL, fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/window/filter-and-sort", Fixture, NULL, fixture_set_up, test_filter_and_sort, fixture_tear_down);
  g_test_add ("/window/tag-search", Fixture, NULL, fixture_set_up, test_tag_search, fixture_tear_down);
  g_test_add ("/window/article-page", Fixture, NULL, fixture_set_up, test_article_page, fixture_tear_down);
  g_test_add ("/window/article-page-many-tags", Fixture, NULL, fixture_set_up, test_article_page_many_tags,
              fixture_tear_down);
  g_test_add ("/window/company-and-back", Fixture, NULL, fixture_set_up, test_company_and_back, fixture_tear_down);
  g_test_add ("/window/timeline-months", Fixture, NULL, fixture_set_up, test_timeline_months, fixture_tear_down);
  g_test_add ("/window/import-shows-live", Fixture, NULL, fixture_set_up, test_import_shows_live, fixture_tear_down);
  g_test_add ("/window/empty-database", Fixture, "empty", fixture_set_up, test_empty_database, fixture_tear_down);
  g_test_add ("/window/undo-toast", Fixture, NULL, fixture_set_up, test_undo_toast, fixture_tear_down);
  g_test_add ("/window/edit-actions", Fixture, NULL, fixture_set_up, test_edit_actions, fixture_tear_down);
  g_test_add ("/window/damage-banner", Fixture, NULL, fixture_set_up, test_damage_banner, fixture_tear_down);
  g_test_add ("/window/views-made-when-shown", Fixture, NULL, fixture_set_up, test_views_made_when_shown, fixture_tear_down);
  g_test_add_func ("/window/large-database", test_large_database);

  return g_test_run ();
}
