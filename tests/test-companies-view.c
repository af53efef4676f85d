/* test-companies-view.c — the company directory, profile and funding chart on the sample data
 *
 * Set AMW_SCREENSHOT_DIR to also write companies-light.png, companies-profile-light.png and
 * companies-profile-dark.png there. */
#include "amw-config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "amw-companies-view.h"
#include "amw-company-profile.h"
#include "amw-funding-chart.h"
#include "amw-gui-test-utils.h"

#define AMAZON_ROUND_ARTICLE "amazon-aws-25-billion-anthropic-investment"

typedef struct {
  char             *dir;     /* a file database's folder, or NULL */
  AmwStore         *store;
  GtkWidget        *window;
  AmwCompaniesView *view;
  char             *opened_article;
  char             *opened_company;
  guint             company_id_notifies;
} Fixture;

static void
on_open_article_cb (AmwCompaniesView *view,
                    const char       *id,
                    Fixture          *fixture)
{
  g_free (fixture->opened_article);
  fixture->opened_article = g_strdup (id);
}

static void
on_open_company_cb (AmwCompaniesView *view,
                    const char       *id,
                    Fixture          *fixture)
{
  g_free (fixture->opened_company);
  fixture->opened_company = g_strdup (id);
}

static void
on_company_id_notify_cb (AmwCompaniesView *view,
                         GParamSpec       *pspec,
                         Fixture          *fixture)
{
  fixture->company_id_notifies++;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
show_view (Fixture *fixture)
{
  fixture->view = AMW_COMPANIES_VIEW (amw_companies_view_new (fixture->store));
  g_signal_connect (fixture->view, "open-article", G_CALLBACK (on_open_article_cb), fixture);
  g_signal_connect (fixture->view, "open-company", G_CALLBACK (on_open_company_cb), fixture);
  g_signal_connect (fixture->view, "notify::company-id", G_CALLBACK (on_company_id_notify_cb), fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (amw_gui_test_wait_for (is_mapped, fixture->view, 5000));
  amw_gui_test_spin (100);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->store = amw_test_open_sample ();
  show_view (fixture);
}

/* The sample in a file whose Lumen Forge rounds another program set to 2^62 cents each:
 * four of them sum far past 64 bits. */
static void
fixture_setup_extreme (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;

  fixture->dir = amw_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_test_open_sample_file (path, NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE funding_rounds SET amount_usd_minor = 4611686018427387904,"
                                     " amount_minor = iif (currency IS NULL, NULL, 4611686018427387904)"
                                     " WHERE company = (SELECT pk FROM companies WHERE id = 'lumen-forge-labs')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 4);
  sqlite3_close (db);
  show_view (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gpointer view = fixture->view;

  g_object_add_weak_pointer (G_OBJECT (view), &view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (50);
  /* The view, its profile and their paged lists let go of everything. */
  g_assert_null (view);
  g_assert_finalize_object (fixture->store);
  if (fixture->dir != NULL)
    amw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->opened_article);
  g_free (fixture->opened_company);
}

/* The list's column view comes first; the profile's rounds table second. */
static GtkColumnView *
find_list_view (Fixture *fixture)
{
  GtkWidget *view = amw_gui_test_find (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW, NULL);

  g_assert_nonnull (view);
  return GTK_COLUMN_VIEW (view);
}

static AmwCompanyProfile *
find_profile (Fixture *fixture)
{
  GtkWidget *profile = amw_gui_test_find (GTK_WIDGET (fixture->view), AMW_TYPE_COMPANY_PROFILE, NULL);

  g_assert_nonnull (profile);
  return AMW_COMPANY_PROFILE (profile);
}

/* amw_gui_test_find() with a label frees the tooltip GTK owns (gtk_widget_get_tooltip_text()
 * is transfer none in GTK 4), so buttons with tooltips are looked up here instead. */
static GtkWidget *
find_button_with_tooltip (GtkWidget  *root,
                          const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = amw_gui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), tooltip) == 0)
      return buttons->pdata[i];
  return NULL;
}

static char *
item_id_at (GtkColumnView *view,
            guint          position)
{
  g_autoptr(AmwCompanyItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)),
                                                          position);

  g_assert_nonnull (item);
  return g_strdup (amw_company_item_get_id (item));
}

typedef struct {
  GtkColumnView *view;
  guint          n;
} CountWait;

static gboolean
has_n_rows (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (wait->view))) == wait->n;
}

static gboolean
is_settled (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *stack = amw_gui_test_find (GTK_WIDGET (fixture->view), GTK_TYPE_STACK, NULL);
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (stack));

  return !gtk_stack_get_transition_running (GTK_STACK (stack)) &&
         gtk_widget_get_mapped (page) && gtk_widget_get_height (page) > 0;
}

static void
show_and_settle (Fixture    *fixture,
                 const char *company_id)
{
  amw_companies_view_show_company (fixture->view, company_id);
  /* Let the stack transition, layout and the column view's rows happen (slowly under
   * valgrind). */
  g_assert_true (amw_gui_test_wait_for (is_settled, fixture, 60000));
  amw_gui_test_spin (100);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("AMW_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

/* ---- tests ---- */

static void
test_list_rows (Fixture       *fixture,
                gconstpointer  data)
{
  GtkColumnView *view = find_list_view (fixture);
  g_autofree char *first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 18);
  first = item_id_at (view, 0);
  g_assert_cmpstr (first, ==, "amazon");
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "18 companies"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "Anthropic"));
  g_assert_null (amw_companies_view_get_company (fixture->view));

  save_screenshot (fixture->window, "companies-light.png");
}

static void
test_list_sort_by_column (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkColumnView *view = find_list_view (fixture);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) sector = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) total = g_list_model_get_item (columns, 3);
  g_autoptr(GtkColumnViewColumn) latest = g_list_model_get_item (columns, 4);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *by_sector = NULL;

  /* What a header click does: the view's sorter changes, SQLite sorts. */
  gtk_column_view_sort_by_column (view, total, GTK_SORT_DESCENDING);
  first = item_id_at (view, 0);
  g_assert_cmpstr (first, ==, "anthropic");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 18);

  /* Descending by name starts where ascending ends. */
  gtk_column_view_sort_by_column (view, name, GTK_SORT_ASCENDING);
  last = item_id_at (view, 17);
  gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  g_clear_pointer (&first, g_free);
  first = item_id_at (view, 0);
  g_assert_cmpstr (first, ==, last);

  gtk_column_view_sort_by_column (view, latest, GTK_SORT_DESCENDING);
  newest = item_id_at (view, 0);
  g_assert_cmpstr (newest, !=, last);

  gtk_column_view_sort_by_column (view, sector, GTK_SORT_ASCENDING);
  by_sector = item_id_at (view, 0);
  {
    g_autoptr(AmwCompany) company = amw_store_get_company (fixture->store, by_sector, NULL);
    g_autoptr(GPtrArray) ids = amw_store_list_company_ids (fixture->store, NULL);

    /* No company has a sector that sorts before the first one's. */
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(AmwCompany) other = amw_store_get_company (fixture->store, ids->pdata[i], NULL);

        if (other->sector != NULL && company->sector != NULL)
          g_assert_cmpint (g_ascii_strcasecmp (company->sector, other->sector), <=, 0);
      }
  }

  /* No sorted column at all falls back to names. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_clear_pointer (&first, g_free);
  first = item_id_at (view, 0);
  g_assert_cmpstr (first, ==, "amazon");
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkColumnView *view = find_list_view (fixture);
  GtkWidget *entry = amw_gui_test_find (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_autofree char *only = NULL;
  g_autofree char *placeholder = NULL;
  CountWait one = { view, 1 }, none = { view, 0 }, all = { view, 18 };

  g_assert_nonnull (entry);
  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Search companies");

  gtk_editable_set_text (GTK_EDITABLE (entry), "anth");
  g_assert_true (amw_gui_test_wait_for (has_n_rows, &one, 3000));
  only = item_id_at (view, 0);
  g_assert_cmpstr (only, ==, "anthropic");

  /* Aliases count: DeepSeek is also 深度求索. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "深度");
  g_assert_true (amw_gui_test_wait_for (has_n_rows, &one, 3000));
  g_clear_pointer (&only, g_free);
  only = item_id_at (view, 0);
  g_assert_cmpstr (only, ==, "deepseek");

  /* Enter opens what was found. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (fixture->opened_company, ==, "deepseek");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such company zzz");
  g_assert_true (amw_gui_test_wait_for (has_n_rows, &none, 3000));
  amw_gui_test_spin (50);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "No Companies Found"));
  save_screenshot (fixture->window, "companies-empty-light.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (amw_gui_test_wait_for (has_n_rows, &all, 3000));
}

static void
test_list_activate (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkColumnView *view = find_list_view (fixture);

  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpstr (fixture->opened_company, ==, "anthropic");
  /* The window decides: the view itself stays on the list. */
  g_assert_null (amw_companies_view_get_company (fixture->view));
}

static void
test_profile_anthropic (Fixture       *fixture,
                        gconstpointer  data)
{
  AmwCompanyProfile *profile;
  GtkWidget *chart;
  g_autoptr(AmwArticle) source = NULL;
  GtkWidget *button;

  show_and_settle (fixture, "anthropic");
  g_assert_cmpstr (amw_companies_view_get_company (fixture->view), ==, "anthropic");
  g_assert_cmpuint (fixture->company_id_notifies, ==, 1);
  profile = find_profile (fixture);
  g_assert_cmpstr (amw_company_profile_get_company_id (profile), ==, "anthropic");

  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Anthropic"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Foundation models"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "San Francisco, US"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "2021"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Last verified"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "www.anthropic.com"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "in USD, where known"));

  /* The rounds table */
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Strategic"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Amazon"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "$25B"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "USD 25"));
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (profile), "No funding rounds recorded"));

  /* The chart */
  chart = amw_gui_test_find (GTK_WIDGET (profile), AMW_TYPE_FUNDING_CHART, NULL);
  g_assert_nonnull (chart);
  g_assert_true (gtk_widget_is_drawable (chart));
  g_assert_cmpuint (amw_funding_chart_get_n_points (AMW_FUNDING_CHART (chart)), ==, 1);
  g_assert_cmpuint (amw_funding_chart_get_n_skipped (AMW_FUNDING_CHART (chart)), ==, 0);
  g_assert_cmpint (amw_funding_chart_get_total (AMW_FUNDING_CHART (chart)), ==, G_GINT64_CONSTANT (2500000000000));
  g_assert_cmpstr (amw_funding_chart_get_summary (AMW_FUNDING_CHART (chart)), ==,
                   "Cumulative funding: $25B over 1 round, latest 20 Apr 2026");
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 160);

  /* The source article button opens that article. */
  source = amw_store_get_article (fixture->store, AMAZON_ROUND_ARTICLE, NULL);
  g_assert_nonnull (source);
  button = find_button_with_tooltip (GTK_WIDGET (profile), source->title);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (fixture->opened_article, ==, AMAZON_ROUND_ARTICLE);

  save_screenshot (fixture->window, "companies-profile-light.png");
  if (g_getenv ("AMW_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scroller = amw_gui_test_find (GTK_WIDGET (profile), GTK_TYPE_SCROLLED_WINDOW, NULL);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      amw_gui_test_spin (100);
      save_screenshot (fixture->window, "companies-profile-bottom-light.png");
    }
}

static void
test_profile_related_lists (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) boxes = NULL;
  GtkListBox *articles, *timeline;
  GtkListBoxRow *row;

  show_and_settle (fixture, "anthropic");
  boxes = amw_gui_test_find_all (GTK_WIDGET (find_profile (fixture)), GTK_TYPE_LIST_BOX);
  g_assert_cmpuint (boxes->len, ==, 2);
  articles = g_ptr_array_index (boxes, 0);
  timeline = g_ptr_array_index (boxes, 1);

  /* Three sample articles name Anthropic. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (articles, 2));
  g_assert_null (gtk_list_box_get_row_at_index (articles, 3));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "3 articles"));
  row = gtk_list_box_get_row_at_index (articles, 0);
  g_signal_emit_by_name (row, "activate");
  g_assert_nonnull (fixture->opened_article);
  g_assert_true (amw_store_has_article (fixture->store, fixture->opened_article));

  /* Newest first, and an entry with an article opens it. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (timeline, 0));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (timeline, i)) != NULL; i++)
    if (gtk_list_box_row_get_activatable (row))
      {
        g_clear_pointer (&fixture->opened_article, g_free);
        g_signal_emit_by_name (row, "activate");
        g_assert_nonnull (fixture->opened_article);
        break;
      }
}

static void
test_profile_other_currency (Fixture       *fixture,
                             gconstpointer  data)
{
  AmwCompanyProfile *profile;

  show_and_settle (fixture, "deepseek");
  profile = find_profile (fixture);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "DeepSeek"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "CNY"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Also known as 深度求索"));
  /* Switching companies replaces everything. */
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (profile), "Anthropic"));
}

static void
test_profile_no_rounds (Fixture       *fixture,
                        gconstpointer  data)
{
  AmwCompanyProfile *profile;
  GtkWidget *chart;

  /* Kestrel Policy Lab has no rounds, no founding year, no website and was never verified. */
  show_and_settle (fixture, "kestrel-policy-lab");
  profile = find_profile (fixture);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "No funding rounds recorded"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Never verified"));
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (profile), "Total raised"));
  chart = amw_gui_test_find (GTK_WIDGET (profile), AMW_TYPE_FUNDING_CHART, NULL);
  g_assert_false (gtk_widget_is_drawable (chart));
  g_assert_cmpuint (amw_funding_chart_get_n_points (AMW_FUNDING_CHART (chart)), ==, 0);
  save_screenshot (fixture->window, "companies-profile-no-rounds-light.png");
}

static void
test_profile_skipped_rounds (Fixture       *fixture,
                             gconstpointer  data)
{
  AmwCompanyProfile *profile;
  GtkWidget *chart;

  /* Lumen Forge has four rounds, one without any amount. */
  show_and_settle (fixture, "lumen-forge-labs");
  profile = find_profile (fixture);
  chart = amw_gui_test_find (GTK_WIDGET (profile), AMW_TYPE_FUNDING_CHART, NULL);
  g_assert_cmpuint (amw_funding_chart_get_n_points (AMW_FUNDING_CHART (chart)), ==, 3);
  g_assert_cmpuint (amw_funding_chart_get_n_skipped (AMW_FUNDING_CHART (chart)), ==, 1);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "1 round without a USD value is not in the chart"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Undisclosed"));
}

/* Renders @widget once, as the screen would: the chart's snapshot runs. */
static void
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
}

/* Amounts summing past 64 bits (fixture_setup_extreme): the list shows every company with
 * the total held at the largest amount, and the profile and its chart draw, without a
 * critical (fatal here) or a hang. */
static void
test_extreme_amounts (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *list = find_list_view (fixture);
  CountWait wait = { list, 18 };
  AmwCompanyProfile *profile;
  GtkWidget *chart;

  g_assert_true (amw_gui_test_wait_for (has_n_rows, &wait, 10000));
  amw_gui_test_spin (100);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "Lumen Forge Labs"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->view), "$92234T"));
  render (fixture->window);

  show_and_settle (fixture, "lumen-forge-labs");
  profile = find_profile (fixture);
  chart = amw_gui_test_find (GTK_WIDGET (profile), AMW_TYPE_FUNDING_CHART, NULL);
  g_assert_true (gtk_widget_is_drawable (chart));
  g_assert_cmpuint (amw_funding_chart_get_n_points (AMW_FUNDING_CHART (chart)), ==, 4);
  g_assert_cmpint (amw_funding_chart_get_total (AMW_FUNDING_CHART (chart)), ==, G_MAXINT64);
  /* Each round, and the total beside the chart, held at the largest amount. */
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "$46117T"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "$92234T"));
  render (fixture->window);
  amw_gui_test_spin (100);
}

static void
test_profile_follows_store (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AmwCompanyProfile *profile;

  show_and_settle (fixture, "anthropic");
  profile = find_profile (fixture);
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (profile), "Testing sector"));

  g_assert_true (amw_store_set_company_field (fixture->store, "anthropic", "sector", "Testing sector", &error));
  g_assert_no_error (error);
  amw_gui_test_spin (50);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Testing sector"));
  g_assert_cmpstr (amw_companies_view_get_company (fixture->view), ==, "anthropic");

  /* Undo goes back just as live. */
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  amw_gui_test_spin (50);
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (profile), "Testing sector"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (profile), "Foundation models"));
}

static void
test_profile_back (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *back;

  show_and_settle (fixture, "anthropic");
  back = find_button_with_tooltip (GTK_WIDGET (fixture->view), "Back to all companies");
  g_assert_nonnull (back);
  g_signal_emit_by_name (back, "clicked");
  g_assert_true (amw_gui_test_wait_for (is_settled, fixture, 60000));
  g_assert_null (amw_companies_view_get_company (fixture->view));
  g_assert_cmpuint (fixture->company_id_notifies, ==, 2);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (find_list_view (fixture))));

  show_and_settle (fixture, "anthropic");
  amw_companies_view_focus_search (fixture->view);
  g_assert_true (amw_gui_test_wait_for (is_settled, fixture, 60000));
  g_assert_null (amw_companies_view_get_company (fixture->view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (gtk_root_get_focus (GTK_ROOT (fixture->window))))
                 && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                            amw_gui_test_find (GTK_WIDGET (fixture->view),
                                                               GTK_TYPE_SEARCH_ENTRY, NULL)));
}

static void
test_profile_dark (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  show_and_settle (fixture, "lumen-forge-labs");
  g_assert_true (adw_style_manager_get_dark (style));
  save_screenshot (fixture->window, "companies-profile-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/companies-view/list/rows", test_list_rows);
  ADD ("/companies-view/list/sort-by-column", test_list_sort_by_column);
  ADD ("/companies-view/list/search", test_list_search);
  ADD ("/companies-view/list/activate", test_list_activate);
  ADD ("/companies-view/profile/anthropic", test_profile_anthropic);
  ADD ("/companies-view/profile/related-lists", test_profile_related_lists);
  ADD ("/companies-view/profile/other-currency", test_profile_other_currency);
  ADD ("/companies-view/profile/no-rounds", test_profile_no_rounds);
  ADD ("/companies-view/profile/skipped-rounds", test_profile_skipped_rounds);
  ADD ("/companies-view/profile/follows-store", test_profile_follows_store);
  ADD ("/companies-view/profile/back", test_profile_back);
  ADD ("/companies-view/profile/dark", test_profile_dark);
  g_test_add ("/companies-view/extreme-amounts", Fixture, NULL, fixture_setup_extreme, test_extreme_amounts,
              fixture_teardown);
#undef ADD

  return g_test_run ();
}
