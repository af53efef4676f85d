/* test-timeline-view.c — the timeline view and its density strip, with the sample data
 *
 * Set AMW_TIMELINE_SCREENSHOTS to a directory to also write timeline-light.png and
 * timeline-dark.png there (1400×900). */
#include "amw-config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "amw-density-strip.h"
#include "amw-gui-test-utils.h"
#include "amw-timeline-view.h"

typedef struct {
  AmwStore    *store;
  GtkWidget   *window;
  GtkWidget   *view;
  GtkListView *list_view;
} Fixture;

/* ---- helpers ---- */

static GListModel *
list_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (fixture->list_view));
}

static gboolean
rows_shown (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) labels = amw_gui_test_find_all (GTK_WIDGET (fixture->list_view), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)))
      return TRUE;
  return FALSE;
}

/* The timeline's list, not the list views inside the dropdowns' popovers. */
static GtkListView *
find_timeline_list (GtkWidget *view)
{
  g_autoptr(GPtrArray) lists = amw_gui_test_find_all (view, GTK_TYPE_LIST_VIEW);

  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_get_ancestor (g_ptr_array_index (lists, i), GTK_TYPE_POPOVER) == NULL)
      return g_ptr_array_index (lists, i);
  g_assert_not_reached ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->store = amw_test_open_sample ();
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  fixture->view = amw_timeline_view_new (fixture->store);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->view);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->list_view = find_timeline_list (fixture->view);
  g_assert_true (amw_gui_test_wait_for (rows_shown, fixture, 5000));
  amw_gui_test_spin (50);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *view = fixture->view;

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (20);
  /* The view, its list and everything they hold must let go of the store. */
  g_assert_null (view);
  g_assert_finalize_object (fixture->store);
}

typedef struct {
  Fixture *fixture;
  guint    n_items;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (list_model (wait->fixture)) == wait->n_items;
}

static gint64
count_timeline (Fixture                 *fixture,
                const AmwTimelineFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 count = amw_store_count_timeline (fixture->store, filter, &error);

  g_assert_no_error (error);
  return count;
}

static void
wait_for_count (Fixture *fixture,
                gint64   count)
{
  CountWait wait = { fixture, (guint) count };

  g_assert_true (amw_gui_test_wait_for (has_n_items, &wait, 5000));
  amw_gui_test_spin (50);
}

/* By tooltip. (amw_gui_test_find with a label frees the widgets' tooltips, see the report.) */
static GtkDropDown *
find_dropdown (Fixture    *fixture,
               const char *tooltip)
{
  g_autoptr(GPtrArray) dropdowns = amw_gui_test_find_all (fixture->view, GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < dropdowns->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (dropdowns, i)), tooltip) == 0)
      return g_ptr_array_index (dropdowns, i);
  g_assert_not_reached ();
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = amw_gui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

static void
select_choice (GtkDropDown *dropdown,
               const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (choice), label))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
has_choice (GtkDropDown *dropdown,
            const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (choice), label))
        return TRUE;
    }
  return FALSE;
}

static const char *
selected_choice (GtkDropDown *dropdown)
{
  GtkStringObject *choice = gtk_drop_down_get_selected_item (dropdown);

  return choice != NULL ? gtk_string_object_get_string (choice) : NULL;
}

/* The rows of the list view, in position order (the list view keeps its row widgets in
 * order; the test checks this against the titles). */
static GPtrArray *
find_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) boxes = amw_gui_test_find_all (GTK_WIDGET (fixture->list_view), GTK_TYPE_BOX);
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (boxes, i), "timeline-row"))
      g_ptr_array_add (rows, g_ptr_array_index (boxes, i));
  return rows;
}

static GtkWidget *
row_header (GtkWidget *row)
{
  return gtk_widget_get_first_child (row);
}

static const char *
row_title (GtkWidget *row)
{
  GtkWidget *entry = gtk_widget_get_last_child (row);

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (entry)));
}

/* TRUE when @widget lies (at least partly) inside the scrolled window's viewport. */
static gboolean
is_on_screen (Fixture   *fixture,
              GtkWidget *widget)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (fixture->list_view));
  graphene_rect_t bounds;

  if (!gtk_widget_is_drawable (widget) ||
      !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (viewport);
}

static char *
expected_month (const char *date)
{
  g_autoptr(GDateTime) month = g_date_time_new_local (atoi (date), atoi (date + 5), 1, 0, 0, 0);

  return g_date_time_format (month, "%B %Y");
}

/* ---- tests ---- */

static void
test_all_entries (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 total = count_timeline (fixture, NULL);

  g_assert_cmpint (total, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, total);
  /* Nothing filtered: no way to clear, and a strip of weeks. */
  g_assert_false (gtk_widget_get_visible (find_button (fixture->view, "Clear Filters")));
}

static void
test_month_headers (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = find_rows (fixture);
  GListModel *model = list_model (fixture);
  guint shown_headers = 0;
  gboolean grouped = FALSE;

  g_assert_cmpuint (rows->len, >=, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);
      g_autoptr(AmwTimelineItem) previous = i > 0 ? g_list_model_get_item (model, i - 1) : NULL;
      const char *date = amw_timeline_item_get_date (item);
      gboolean new_month = previous == NULL ||
                           strncmp (date, amw_timeline_item_get_date (previous), 7) != 0;
      GtkWidget *header = row_header (row);

      g_assert_cmpstr (row_title (row), ==, amw_timeline_item_get_title (item));
      g_assert_true (gtk_widget_has_css_class (header, "month-header"));
      g_assert_cmpint (gtk_widget_get_visible (header), ==, new_month);
      if (new_month)
        {
          g_autofree char *month = expected_month (date);

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, month);
          if (is_on_screen (fixture, header))
            shown_headers++;
        }
      else
        grouped = TRUE;
    }
  g_assert_true (gtk_widget_get_visible (row_header (g_ptr_array_index (rows, 0))));
  g_assert_cmpuint (shown_headers, >=, 2);
  g_assert_true (grouped);
}

static void
test_kind_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkDropDown *kind = find_dropdown (fixture, "Kind");
  AmwTimelineFilter funding = { .kind = (char *) "funding" };
  gint64 total = count_timeline (fixture, NULL);
  gint64 expected = count_timeline (fixture, &funding);
  GListModel *model = list_model (fixture);

  g_assert_nonnull (kind);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, total);

  select_choice (kind, "Funding");
  wait_for_count (fixture, expected);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (amw_timeline_item_get_kind (item), ==, "funding");
    }
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->list_view), "Funding"));
  g_assert_true (gtk_widget_get_visible (find_button (fixture->view, "Clear Filters")));

  /* The strip counts the same entries as the list. */
  {
    AmwDensityStrip *strip = AMW_DENSITY_STRIP (amw_gui_test_find (fixture->view,
                                                                   AMW_TYPE_DENSITY_STRIP, NULL));
    guint sum = 0;

    for (guint i = 0; i < amw_density_strip_get_n_weeks (strip); i++)
      sum += amw_density_strip_get_week (strip, i)->count;
    g_assert_cmpuint (sum, ==, expected);
  }

  gtk_widget_activate (find_button (fixture->view, "Clear Filters"));
  wait_for_count (fixture, total);
  g_assert_cmpstr (selected_choice (kind), ==, "All Kinds");
}

static void
test_set_company (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkDropDown *company = find_dropdown (fixture, "Company");
  AmwTimelineFilter deepseek = { .company_id = (char *) "deepseek" };
  gint64 total = count_timeline (fixture, NULL);
  gint64 expected = count_timeline (fixture, &deepseek);

  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, total);

  amw_timeline_view_set_company (AMW_TIMELINE_VIEW (fixture->view), "deepseek");
  wait_for_count (fixture, expected);
  g_assert_cmpstr (selected_choice (company), ==, "DeepSeek");
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->list_view), "DeepSeek"));

  amw_timeline_view_set_company (AMW_TIMELINE_VIEW (fixture->view), NULL);
  wait_for_count (fixture, total);
  g_assert_cmpstr (selected_choice (company), ==, "All Companies");
}

static void
on_open_cb (GtkWidget  *view,
            const char *id,
            char      **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *model = list_model (fixture);
  g_autofree char *opened_article = NULL;
  g_autofree char *opened_company = NULL;
  g_autofree char *expected_company = NULL;
  guint with_article = G_MAXUINT;
  guint without_article = G_MAXUINT;

  g_signal_connect (fixture->view, "open-article", G_CALLBACK (on_open_cb), &opened_article);
  g_signal_connect (fixture->view, "open-company", G_CALLBACK (on_open_cb), &opened_company);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);

      if (*amw_timeline_item_get_article_id (item) != '\0' && with_article == G_MAXUINT)
        with_article = i;
      if (*amw_timeline_item_get_article_id (item) == '\0' && without_article == G_MAXUINT)
        {
          without_article = i;
          expected_company = g_strdup (amw_timeline_item_get_company_id (item));
        }
    }
  g_assert_cmpuint (with_article, !=, G_MAXUINT);
  g_assert_cmpuint (without_article, !=, G_MAXUINT);

  /* The action Enter and double-click use on a row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list_view),
                                             "list.activate-item", "u", with_article));
  {
    g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, with_article);

    g_assert_cmpstr (opened_article, ==, amw_timeline_item_get_article_id (item));
  }
  g_assert_null (opened_company);

  g_clear_pointer (&opened_article, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list_view),
                                             "list.activate-item", "u", without_article));
  g_assert_null (opened_article);
  g_assert_cmpstr (opened_company, ==, expected_company);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *since = amw_gui_test_find (fixture->view, GTK_TYPE_ENTRY, NULL);
  AdwStatusPage *empty = ADW_STATUS_PAGE (amw_gui_test_find (fixture->view, ADW_TYPE_STATUS_PAGE, NULL));
  AmwTimelineFilter in_2026 = { .since = (char *) "2026-01-01" };
  gint64 total = count_timeline (fixture, NULL);

  /* A half-typed date is marked, and left out of the filter. */
  gtk_editable_set_text (GTK_EDITABLE (since), "2026-13");
  g_assert_true (gtk_widget_has_css_class (since, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, total);

  gtk_editable_set_text (GTK_EDITABLE (since), "2026-01-01");
  g_assert_false (gtk_widget_has_css_class (since, "error"));
  wait_for_count (fixture, count_timeline (fixture, &in_2026));

  /* Nothing that late: the empty state offers to clear the filters. */
  gtk_editable_set_text (GTK_EDITABLE (since), "2099-01-01");
  wait_for_count (fixture, 0);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Entries");
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (empty), "Try clearing the filters"));

  gtk_widget_activate (find_button (GTK_WIDGET (empty), "Clear Filters"));
  wait_for_count (fixture, total);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (since)), ==, "");
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (empty)));
}

static void
test_live_choices (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkDropDown *company = find_dropdown (fixture, "Company");
  GtkDropDown *tag = find_dropdown (fixture, "Tag");
  const char * const ids[] = { "nimbus-owl-seed-round", NULL };
  g_autoptr(GError) error = NULL;

  amw_timeline_view_set_company (AMW_TIMELINE_VIEW (fixture->view), "deepseek");
  g_assert_false (has_choice (tag, "timeline-test (1)"));

  amw_store_add_tag (fixture->store, ids, "timeline-test", &error);
  g_assert_no_error (error);
  g_assert_true (has_choice (tag, "timeline-test (1)"));

  /* A renamed company keeps its place in the filter. */
  amw_store_set_company_field (fixture->store, "deepseek", "name", "DeepSeek AI", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (selected_choice (company), ==, "DeepSeek AI");
}

static gboolean
selected_on_screen (gpointer data)
{
  Fixture *fixture = data;
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (fixture->list_view));
  AmwTimelineItem *item = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GPtrArray) rows = NULL;

  if (item == NULL)
    return FALSE;
  rows = find_rows (fixture);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (row_title (g_ptr_array_index (rows, i)), amw_timeline_item_get_title (item)) &&
        is_on_screen (fixture, gtk_widget_get_last_child (g_ptr_array_index (rows, i))))
      return TRUE;
  return FALSE;
}

static void
test_density_strip (Fixture       *fixture,
                    gconstpointer  data)
{
  AmwDensityStrip *strip = AMW_DENSITY_STRIP (amw_gui_test_find (fixture->view,
                                                                 AMW_TYPE_DENSITY_STRIP, NULL));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (fixture->list_view));
  GListModel *model = list_model (fixture);
  g_autofree char *week_end = NULL;
  g_autofree char *activated = NULL;
  guint n_weeks, sum = 0, target = G_MAXUINT, expected = G_MAXUINT;

  g_assert_nonnull (strip);
  n_weeks = amw_density_strip_get_n_weeks (strip);
  g_assert_cmpuint (n_weeks, >, 0);
  g_assert_true (gtk_widget_get_allocated_height (GTK_WIDGET (strip)) >= 40);
  for (guint i = 0; i < n_weeks; i++)
    {
      sum += amw_density_strip_get_week (strip, i)->count;
      /* The oldest busy week: the far end of the list, off screen at first. */
      if (target == G_MAXUINT && amw_density_strip_get_week (strip, i)->count > 0)
        target = i;
    }
  g_assert_cmpuint (sum, ==, g_list_model_get_n_items (model));

  {
    g_autoptr(GDateTime) monday = NULL;
    const char *start = amw_density_strip_get_week (strip, target)->week_start;
    g_autoptr(GDateTime) sunday = NULL;

    monday = g_date_time_new_local (atoi (start), atoi (start + 5), atoi (start + 8), 0, 0, 0);
    sunday = g_date_time_add_days (monday, 6);
    week_end = g_date_time_format (sunday, "%Y-%m-%d");
  }
  /* Newest first: the week's first row is the first one dated on or before its Sunday. */
  for (guint i = 0; i < g_list_model_get_n_items (model) && expected == G_MAXUINT; i++)
    {
      g_autoptr(AmwTimelineItem) item = g_list_model_get_item (model, i);

      if (strcmp (amw_timeline_item_get_date (item), week_end) <= 0)
        expected = i;
    }
  g_assert_cmpuint (expected, !=, G_MAXUINT);
  g_assert_false (selected_on_screen (fixture));

  amw_density_strip_activate_week (strip, target);
  g_assert_cmpint (amw_density_strip_get_selected (strip), ==, target);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, expected);
  g_assert_true (amw_gui_test_wait_for (selected_on_screen, fixture, 5000));

  /* The keyboard: End goes to the newest week, Left one back, Enter activates it. */
  g_signal_connect (strip, "week-activated", G_CALLBACK (on_open_cb), &activated);
  gtk_widget_grab_focus (GTK_WIDGET (strip));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "density.move-week", "i", G_MAXINT32));
  g_assert_cmpint (amw_density_strip_get_selected (strip), ==, n_weeks - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "density.move-week", "i", -1));
  g_assert_cmpint (amw_density_strip_get_selected (strip), ==, n_weeks - 2);
  g_assert_null (activated);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "density.activate-week", NULL));
  g_assert_cmpstr (activated, ==, amw_density_strip_get_week (strip, n_weeks - 2)->week_start);
  /* Rows newer than that week: those of the newest week, when it has entries. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==,
                    amw_density_strip_get_week (strip, n_weeks - 1)->count);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (strip)));
}

/* ---- screenshots ---- */

static void
save_screenshot (Fixture    *fixture,
                 const char *path)
{
  GtkWidget *view = fixture->view;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (view));
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  GdkRGBA background;

  /* The window paints the background, not the view. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (view), "window_bg_color",
                                       &background))
    gdk_rgba_parse (&background, "white");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("AMW_TIMELINE_SCREENSHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  if (dir == NULL)
    {
      g_test_skip ("AMW_TIMELINE_SCREENSHOTS is not set");
      return;
    }
  light = g_build_filename (dir, "timeline-light.png", NULL);
  dark = g_build_filename (dir, "timeline-dark.png", NULL);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  amw_gui_test_spin (300);
  save_screenshot (fixture, light);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  amw_gui_test_spin (300);
  save_screenshot (fixture, dark);

  /* The other states, for a look: a filter with a week chosen from the keyboard, and the
   * empty result. */
  if (g_getenv ("AMW_TIMELINE_SCREENSHOTS_ALL") != NULL)
    {
      AmwDensityStrip *strip = AMW_DENSITY_STRIP (amw_gui_test_find (fixture->view,
                                                                     AMW_TYPE_DENSITY_STRIP, NULL));
      g_autofree char *filtered = g_build_filename (dir, "timeline-filtered.png", NULL);
      g_autofree char *empty = g_build_filename (dir, "timeline-empty.png", NULL);

      select_choice (find_dropdown (fixture, "Kind"), "Funding");
      gtk_editable_set_text (GTK_EDITABLE (amw_gui_test_find (fixture->view, GTK_TYPE_ENTRY, NULL)),
                             "2025-02");
      amw_gui_test_spin (100);
      gtk_widget_grab_focus (GTK_WIDGET (strip));
      gtk_window_set_focus_visible (GTK_WINDOW (fixture->window), TRUE);
      amw_density_strip_activate_week (strip, amw_density_strip_get_n_weeks (strip) / 2);
      amw_gui_test_spin (300);
      save_screenshot (fixture, filtered);

      gtk_editable_set_text (GTK_EDITABLE (amw_gui_test_find (fixture->view, GTK_TYPE_ENTRY, NULL)),
                             "2099-01-01");
      amw_gui_test_spin (300);
      save_screenshot (fixture, empty);

      {
        g_autofree char *company = g_build_filename (dir, "timeline-company.png", NULL);

        g_signal_emit_by_name (find_button (fixture->view, "Clear Filters"), "clicked");
        amw_timeline_view_set_company (AMW_TIMELINE_VIEW (fixture->view), "deepseek");
        amw_gui_test_spin (300);

        save_screenshot (fixture, company);
      }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/timeline-view/all-entries", test_all_entries);
  ADD ("/timeline-view/month-headers", test_month_headers);
  ADD ("/timeline-view/kind-filter", test_kind_filter);
  ADD ("/timeline-view/set-company", test_set_company);
  ADD ("/timeline-view/activate", test_activate);
  ADD ("/timeline-view/dates", test_dates);
  ADD ("/timeline-view/live-choices", test_live_choices);
  ADD ("/timeline-view/density-strip", test_density_strip);
  ADD ("/timeline-view/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
