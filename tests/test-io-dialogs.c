/* test-io-dialogs.c — the connections, company, import and export dialogs driven as an
 * editor would, on a database in a temporary file (so the worker threads really open
 * connections of their own).
 *
 * With AMW_SCREENSHOT_DIR set, /io-dialogs/screenshots also renders each dialog, light
 * and dark, to PNG files in that folder. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "amw-company-dialog.h"
#include "amw-connections-dialog.h"
#include "amw-export-dialog.h"
#include "amw-gui-test-utils.h"
#include "amw-import-dialog.h"
#include "amw-window.h"

#define CONNECTED_ARTICLE "lumen-forge-series-b"
#define COMPANY           "etoile-numerique"

typedef struct {
  char      *dir;
  char      *db_path;
  AmwStore  *store;
  GtkWindow *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = amw_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_test_open_sample_file (fixture->db_path, "Test Editor");

  fixture->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 700);
  gtk_window_present (fixture->parent);
  amw_gui_test_spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->parent);
  amw_gui_test_spin (50);
  g_assert_finalize_object (fixture->store);
  amw_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

/* ---- helpers ---- */

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Presents @dialog and returns it with a weak pointer in @slot, so a test can wait for
 * it to close. */
static GtkWidget *
present (GtkWidget  *dialog,
         GtkWidget **slot)
{
  *slot = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
  gtk_window_present (GTK_WINDOW (dialog));
  amw_gui_test_spin (100);
  return dialog;
}

static void
wait_closed (GtkWidget **slot)
{
  g_assert_true (amw_gui_test_wait_for (pointer_is_null, slot, 5000));
}

static void
close_dialog (GtkWidget **slot)
{
  if (*slot != NULL)
    gtk_window_destroy (GTK_WINDOW (*slot));
  wait_closed (slot);
}

static GtkWidget *
child (GtkWidget  *dialog,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (dialog, G_OBJECT_TYPE (dialog), name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GPtrArray *
rows_of (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  amw_gui_test_spin (20);
}

static GtkWidget *
button_in (GtkWidget  *root,
           const char *label_or_tooltip)
{
  GtkWidget *button = amw_gui_test_find (root, GTK_TYPE_BUTTON, label_or_tooltip);

  g_assert_nonnull (button);
  return button;
}

static gboolean
save_sensitive (GtkWidget *dialog)
{
  amw_gui_test_spin (10);
  return gtk_widget_is_sensitive (button_in (dialog, "Save (Ctrl+Return)"));
}

static char *
connections_json (AmwStore   *store,
                  const char *id)
{
  g_autoptr(AmwArticle) article = amw_store_get_article (store, id, NULL);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (article);
  for (guint i = 0; i < article->connections->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (article->connections, i);

      g_string_append_printf (text, "%s%s:%s", i ? " " : "", pair->first, pair->second);
    }
  return g_string_free (text, FALSE);
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  amw_gui_test_spin (10);
}

/* A file with one problem: ratings.novelty 7 on articles[3]. */
static char *
write_bad_file (Fixture *fixture)
{
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "bad.json", NULL);
  JsonObject *article;

  json_parser_load_from_file (parser, sample, &error);
  g_assert_no_error (error);
  article = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                         "articles"), 3);
  json_object_set_int_member (json_object_get_object_member (article, "ratings"), "novelty", 7);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- money ---- */

static void
test_parse_amount (void)
{
  const struct { const char *text; guint decimals; gint64 minor; } good[] = {
    { "7400000000.00", 2, 740000000000 },
    { "19.99", 2, 1999 },          /* 19.99 * 100 is 1998.9999… in floating point */
    { "0.07", 2, 7 },
    { "12.5", 2, 1250 },
    { "12.", 2, 1200 },
    { "1 000 000", 2, 100000000 },
    { "1_000", 2, 100000 },
    { "500000000", 0, 500000000 },
    /* The largest amount the format allows (AMW_MAX_MONEY_MINOR), in both kinds of unit. */
    { "10000000000000.00", 2, G_GINT64_CONSTANT (1000000000000000) },
    { "1000000000000000", 0, G_GINT64_CONSTANT (1000000000000000) },
  };
  const struct { const char *text; guint decimals; } bad[] = {
    { "-5", 2 }, { "-0.01", 2 }, { "1,5", 2 }, { "1.234", 2 }, { "", 2 }, { ".", 2 },
    { "12a", 2 }, { "1.2.3", 2 }, { "5.5", 0 }, { "92233720368547758.08", 2 },
    { "99999999999999999999", 2 }, { "1e9", 2 },
    /* One minor unit over the format's largest amount: an import would refuse it. */
    { "10000000000000.01", 2 }, { "1000000000000001", 0 }, { "92233720368547758.07", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      const char *problem = NULL;
      gint64 minor = -1;

      g_assert_true (amw_parse_decimal_amount (good[i].text, good[i].decimals, &minor, &problem));
      g_assert_cmpint (minor, ==, good[i].minor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *problem = NULL;
      gint64 minor = -1;

      g_assert_false (amw_parse_decimal_amount (bad[i].text, bad[i].decimals, &minor, &problem));
      g_assert_nonnull (problem);
      g_assert_cmpint (minor, ==, -1);
    }
  g_assert_cmpuint (amw_currency_decimals ("JPY"), ==, 0);
  g_assert_cmpuint (amw_currency_decimals ("EUR"), ==, 2);
}

/* ---- connections ---- */

static void
test_connections (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) suggestions = amw_store_suggest_connections (fixture->store, CONNECTED_ARTICLE, 12, NULL);
  g_autoptr(AmwArticle) before = amw_store_get_article (fixture->store, CONNECTED_ARTICLE, NULL);
  g_autofree char *original = connections_json (fixture->store, CONNECTED_ARTICLE);
  g_autofree char *expected = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *undone = NULL;
  GtkWidget *slot = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  AmwPair *c1, *c2;
  AmwSuggestion *added = NULL;
  GtkEventController *keys = NULL;
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;
  gint64 group;

  g_assert_cmpuint (before->connections->len, ==, 3);
  c1 = g_ptr_array_index (before->connections, 1);
  c2 = g_ptr_array_index (before->connections, 2);

  dialog = present (amw_connections_dialog_new (fixture->parent, fixture->store, CONNECTED_ARTICLE), &slot);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  list = child (dialog, "connections_list");
  rows = rows_of (list);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_false (save_sensitive (dialog));

  /* Add the first suggestion that is not connected yet. */
  candidates = rows_of (child (dialog, "suggestions_list"));
  g_assert_cmpuint (candidates->len, ==, suggestions->len);
  g_assert_cmpuint (candidates->len, >, 0);
  for (guint i = 0; i < candidates->len && added == NULL; i++)
    {
      GtkWidget *add = button_in (g_ptr_array_index (candidates, i), "Add");

      /* The score says nothing to an editor: it is not shown. */
      g_assert_false (amw_gui_test_shows_text (g_ptr_array_index (candidates, i), "score"));
      if (gtk_widget_is_sensitive (add))
        {
          added = g_ptr_array_index (suggestions, i);
          g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (candidates, i)), ==, added->title);
          click (add);
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add)), ==, "Added");
          g_assert_false (gtk_widget_is_sensitive (add));
        }
    }
  g_assert_nonnull (added);
  g_ptr_array_unref (rows);
  rows = rows_of (list);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 3)), ==, added->title);
  g_assert_true (save_sensitive (dialog));

  /* Remove the first item: c1, c2, added. */
  click (button_in (g_ptr_array_index (rows, 0), "Remove"));
  g_ptr_array_unref (rows);
  rows = rows_of (list);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Move the added item up: c1, added, c2. */
  click (button_in (g_ptr_array_index (rows, 2), "Move Up (Alt+↑)"));
  g_ptr_array_unref (rows);
  rows = rows_of (list);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, added->title);
  g_assert_false (gtk_widget_is_sensitive (button_in (g_ptr_array_index (rows, 0), "Move Up (Alt+↑)")));
  g_assert_false (gtk_widget_is_sensitive (button_in (g_ptr_array_index (rows, 2), "Move Down (Alt+↓)")));

  /* Alt+Down on the focused first row: added, c1, c2. */
  gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
  controllers = gtk_widget_observe_controllers (list);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        keys = controller;
    }
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, GDK_ALT_MASK, &handled);
  g_assert_true (handled);
  amw_gui_test_spin (20);
  g_ptr_array_unref (rows);
  rows = rows_of (list);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, added->title);
  /* The moved row keeps the focus, so Alt+Down can be pressed again. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == g_ptr_array_index (rows, 1));

  /* Save: one command. */
  group = amw_store_peek_undo (fixture->store, NULL);
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  wait_closed (&slot);
  expected = g_strdup_printf ("%s:%s %s:%s %s:%s", added->kind, added->id, c1->first, c1->second,
                              c2->first, c2->second);
  saved = connections_json (fixture->store, CONNECTED_ARTICLE);
  g_assert_cmpstr (saved, ==, expected);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), >, group);

  amw_store_undo (fixture->store, NULL, NULL);
  undone = connections_json (fixture->store, CONNECTED_ARTICLE);
  g_assert_cmpstr (undone, ==, original);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), ==, group);
}

/* The search runs on a worker thread: wait for its results. */
static void
wait_searched (GtkWidget *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (amw_connections_dialog_is_searching (AMW_CONNECTIONS_DIALOG (dialog)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (amw_connections_dialog_is_searching (AMW_CONNECTIONS_DIALOG (dialog)));
  amw_gui_test_spin (20);
}

static void
test_connections_search_and_cancel (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *original = connections_json (fixture->store, CONNECTED_ARTICLE);
  g_autofree char *after = NULL;
  GtkWidget *slot = NULL;
  GtkWidget *dialog = present (amw_connections_dialog_new (fixture->parent, fixture->store, CONNECTED_ARTICLE), &slot);
  GtkWidget *results = child (dialog, "results_list");
  g_autoptr(GPtrArray) rows = NULL;
  GtkWindow *question = NULL;
  g_autoptr(GList) toplevels = NULL;

  g_assert_false (gtk_widget_get_visible (results));
  /* The best match comes first, the weakest last (as the store ranks them). */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "search_entry")), "model");
  g_signal_emit_by_name (child (dialog, "search_entry"), "search-changed");
  wait_searched (dialog);
  {
    g_autoptr(AmwQuery) query = amw_query_new ();
    g_autoptr(GPtrArray) ranked = NULL;
    g_autoptr(GPtrArray) shown = rows_of (results);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) others = g_ptr_array_new ();

    amw_query_set_search (query, "model");
    amw_query_set_sort (query, AMW_SORT_RELEVANCE, TRUE);
    ranked = amw_store_fetch_articles (fixture->store, query, 0, 100, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < ranked->len; i++)
      if (g_strcmp0 (amw_article_item_get_id (g_ptr_array_index (ranked, i)), CONNECTED_ARTICLE) != 0)
        g_ptr_array_add (others, g_ptr_array_index (ranked, i));
    g_assert_cmpuint (others->len, >=, 2);
    g_assert_cmpuint (shown->len, ==, MIN (others->len, 20));
    for (guint i = 0; i < shown->len; i++)
      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (shown, i)), ==,
                       amw_article_item_get_title (g_ptr_array_index (others, i)));
  }

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "search_entry")), "partnership");
  g_signal_emit_by_name (child (dialog, "search_entry"), "search-changed");
  wait_searched (dialog);
  g_assert_true (gtk_widget_get_visible (results));
  rows = rows_of (results);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, 20);
  /* The article itself is never offered. */
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), !=,
                     "Lumen Forge Labs raises a Series B");

  click (button_in (g_ptr_array_index (rows, 0), "Add"));
  g_assert_true (amw_connections_dialog_get_modified (AMW_CONNECTIONS_DIALOG (dialog)));

  /* Escape with changes asks first; Keep Editing keeps them. */
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.cancel", NULL));
  amw_gui_test_spin (50);
  g_assert_nonnull (slot);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
      question = l->data;
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  wait_closed (&slot);
  after = connections_json (fixture->store, CONNECTED_ARTICLE);
  g_assert_cmpstr (after, ==, original);
}

/* ---- company ---- */

static GtkWidget *
field (GtkWidget  *root,
       const char *title)
{
  GtkWidget *row = amw_gui_test_find (root, ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
test_company (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AmwCompany) before = amw_store_get_company (fixture->store, COMPANY, NULL);
  g_autoptr(AmwCompany) after = NULL;
  g_autoptr(AmwCompany) undone = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *slot = NULL;
  GtkWidget *dialog = present (amw_company_dialog_new (fixture->parent, fixture->store, COMPANY), &slot);
  AmwCompanyDialog *company_dialog = AMW_COMPANY_DIALOG (dialog);
  GtkWidget *round, *website;
  AmwFundingRound *added = NULL;
  gint64 group;

  g_assert_cmpuint (before->funding_rounds->len, ==, 2);
  g_assert_true (amw_company_dialog_get_valid (company_dialog));
  g_assert_false (save_sensitive (dialog));

  /* Facts are checked as they are typed. */
  website = field (dialog, "Website (http:// or https://)");
  set_text (website, "ftp://example.com");
  g_assert_false (amw_company_dialog_get_valid (company_dialog));
  g_assert_true (gtk_widget_has_css_class (website, "error"));
  g_assert_true (amw_gui_test_shows_text (dialog, "only http:// and https:// links are allowed"));
  set_text (website, before->website ? before->website : "");
  g_assert_true (amw_company_dialog_get_valid (company_dialog));
  g_assert_false (gtk_widget_has_css_class (website, "error"));
  /* The ticker is for listed companies only. */
  g_assert_false (gtk_widget_get_sensitive (field (dialog, "Ticker (public companies)")));

  /* A new round. */
  click (button_in (dialog, "Add a funding round"));
  rows = rows_of (child (dialog, "rounds_list"));
  g_assert_cmpuint (rows->len, ==, 3);
  round = g_ptr_array_index (rows, 2);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (round)));
  set_text (field (round, "Announced (YYYY-MM-DD)"), "2026-09-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (round, "Round")), 3); /* Series B */
  amw_gui_test_spin (10);
  set_text (field (round, "Amount (like 7400000000.00)"), "12500000.75");

  set_text (field (round, "Currency (ISO 4217, like EUR)"), "euro");
  g_assert_false (amw_company_dialog_get_valid (company_dialog));
  g_assert_false (save_sensitive (dialog));
  g_assert_true (gtk_widget_has_css_class (field (round, "Currency (ISO 4217, like EUR)"), "error"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  amw_gui_test_spin (20);
  g_assert_nonnull (slot);

  set_text (field (round, "Currency (ISO 4217, like EUR)"), "EUR");
  g_assert_true (amw_company_dialog_get_valid (company_dialog));
  g_assert_true (save_sensitive (dialog));

  set_text (field (round, "Amount (like 7400000000.00)"), "-5");
  g_assert_false (amw_company_dialog_get_valid (company_dialog));
  g_assert_false (save_sensitive (dialog));
  g_assert_true (amw_gui_test_shows_text (dialog, "must be 0 or more"));
  set_text (field (round, "Amount (like 7400000000.00)"), "12500000.75");

  set_text (field (round, "Source Article ID (optional)"), "no-such-article");
  g_assert_false (amw_company_dialog_get_valid (company_dialog));
  set_text (field (round, "Source Article ID (optional)"), "etoile-numerique-series-a");
  g_assert_true (amw_store_has_article (fixture->store, "etoile-numerique-series-a") ==
                 amw_company_dialog_get_valid (company_dialog));
  set_text (field (round, "Source Article ID (optional)"), "");

  set_text (field (round, "USD Value"), "13600000.10");
  set_text (field (round, "Lead Investors (comma-separated)"), " Fernhill Capital,Harbor Lane Partners , ");
  g_assert_true (amw_company_dialog_get_valid (company_dialog));
  g_assert_true (save_sensitive (dialog));

  group = amw_store_peek_undo (fixture->store, NULL);
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  wait_closed (&slot);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), >, group);

  after = amw_store_get_company (fixture->store, COMPANY, NULL);
  g_assert_cmpuint (after->funding_rounds->len, ==, 3);
  for (guint i = 0; i < after->funding_rounds->len; i++)
    {
      AmwFundingRound *r = g_ptr_array_index (after->funding_rounds, i);

      if (g_strcmp0 (r->announced, "2026-09-01") == 0)
        added = r;
    }
  g_assert_nonnull (added);
  g_assert_cmpstr (added->id, ==, COMPANY "-2026-09-series-b");
  g_assert_cmpstr (added->type, ==, "series-b");
  g_assert_true (added->has_amount);
  g_assert_cmpint (added->amount_minor, ==, 1250000075);
  g_assert_cmpstr (added->currency, ==, "EUR");
  g_assert_true (added->has_amount_usd);
  g_assert_cmpint (added->amount_usd_minor, ==, 1360000010);
  g_assert_cmpuint (added->lead_investors->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (added->lead_investors, 0), ==, "Fernhill Capital");
  g_assert_cmpstr (g_ptr_array_index (added->lead_investors, 1), ==, "Harbor Lane Partners");
  g_assert_null (added->source_article);
  /* Nothing else moved. */
  g_assert_cmpstr (after->website, ==, before->website);
  g_assert_cmpstr (after->name, ==, before->name);

  /* One undo step restores the company. */
  amw_store_undo (fixture->store, NULL, NULL);
  undone = amw_store_get_company (fixture->store, COMPANY, NULL);
  g_assert_cmpuint (undone->funding_rounds->len, ==, 2);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), ==, group);
}

static void
test_company_aliases_and_facts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(AmwCompany) before = amw_store_get_company (fixture->store, "amazon", NULL);
  g_autoptr(AmwCompany) after = NULL;
  GtkWidget *slot = NULL;
  GtkWidget *dialog = present (amw_company_dialog_new (fixture->parent, fixture->store, "amazon"), &slot);
  GtkWidget *alias = field (dialog, "Add Alias");
  GtkWidget *founded = field (dialog, "Founded (Year)");
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (gtk_widget_get_sensitive (field (dialog, "Ticker (public companies)")));
  set_text (founded, "1700");
  g_assert_false (amw_company_dialog_get_valid (AMW_COMPANY_DIALOG (dialog)));
  set_text (founded, "1994");

  /* A duplicate alias (any case) is refused; a new one becomes a chip. */
  set_text (alias, "aws");
  g_assert_true (gtk_widget_has_css_class (alias, "error"));
  g_signal_emit_by_name (alias, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alias)), ==, "aws");
  set_text (alias, "Amazon.com");
  g_signal_emit_by_name (alias, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alias)), ==, "");
  click (button_in (dialog, "Verified _Today"));
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "Last Verified (YYYY-MM-DD)"))), ==, today);
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  wait_closed (&slot);

  after = amw_store_get_company (fixture->store, "amazon", NULL);
  g_assert_cmpuint (after->aliases->len, ==, before->aliases->len + 1);
  g_assert_cmpstr (g_ptr_array_index (after->aliases, after->aliases->len - 1), ==, "Amazon.com");
  g_assert_cmpstr (after->last_verified, ==, today);
  g_assert_cmpstr (after->ticker, ==, "AMZN");
}

/* ---- export ---- */

typedef struct {
  char *message;
  char *path;
  char *opened;
} Finished;

static void
on_finished_cb (GtkWidget  *dialog,
                const char *message,
                const char *path,
                Finished   *finished)
{
  finished->message = g_strdup (message);
  finished->path = g_strdup (path);
}

static void
on_import_finished_cb (GtkWidget  *dialog,
                       const char *message,
                       Finished   *finished)
{
  finished->message = g_strdup (message);
}

static void
on_open_article_cb (GtkWidget  *dialog,
                    const char *id,
                    Finished   *finished)
{
  finished->opened = g_strdup (id);
}

static void
finished_clear (Finished *finished)
{
  g_free (finished->message);
  g_free (finished->path);
  g_free (finished->opened);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
exported_ids (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *articles;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  articles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
  for (guint i = 0; i < json_array_get_length (articles); i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (articles, i), "id")));
  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

static GPtrArray *
query_ids (AmwStore *store,
           AmwQuery *query)
{
  g_autoptr(GPtrArray) items = amw_store_fetch_articles (store, query, 0, 10000, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ids, g_strdup (amw_article_item_get_id (g_ptr_array_index (items, i))));
  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

static void
test_export_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwQuery) incomplete = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "filtered.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *output = NULL;
  g_autofree char *message = NULL;
  Finished finished = { 0 };
  GtkWidget *slot = NULL;
  GtkWidget *dialog;

  amw_query_set_tags (query, (const char * const[]) { "funding", NULL });
  expected = query_ids (fixture->store, query);
  incomplete = amw_query_copy (query);
  amw_query_set_incomplete (incomplete, TRUE);
  missing = query_ids (fixture->store, incomplete);
  g_assert_cmpuint (expected->len, >, missing->len);
  g_assert_cmpuint (missing->len, >, 0);

  dialog = present (amw_export_dialog_new (fixture->parent, fixture->store, query, NULL), &slot);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &finished);

  /* The filter is offered, with its count, and chosen; there is no selection. */
  g_assert_false (gtk_widget_get_visible (child (dialog, "selected_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "filter_row")));
  g_assert_cmpint (amw_export_dialog_get_selection (AMW_EXPORT_DIALOG (dialog)), ==, AMW_SELECTION_QUERY);
  message = g_strdup_printf ("%u", expected->len);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "filter_count"))), ==, message);

  /* The completeness check lists exactly the incomplete articles of the filter. */
  g_assert_cmpuint (amw_export_dialog_get_n_incomplete (AMW_EXPORT_DIALOG (dialog)), ==, missing->len);
  listed = rows_of (child (dialog, "incomplete_list"));
  g_assert_cmpuint (listed->len, ==, MIN (missing->len, 20));
  for (guint i = 0; i < missing->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, g_ptr_array_index (missing, i), NULL);

      g_assert_nonnull (amw_gui_test_find (child (dialog, "incomplete_list"), ADW_TYPE_ACTION_ROW, article->title));
    }
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (dialog, "export_button"))), ==, "Export _Anyway");

  /* Another choice, another check; back again. */
  amw_export_dialog_set_selection (AMW_EXPORT_DIALOG (dialog), AMW_SELECTION_PUBLISHED);
  g_assert_cmpint (amw_export_dialog_get_selection (AMW_EXPORT_DIALOG (dialog)), ==, AMW_SELECTION_PUBLISHED);
  amw_export_dialog_set_selection (AMW_EXPORT_DIALOG (dialog), AMW_SELECTION_QUERY);
  g_assert_cmpuint (amw_export_dialog_get_n_incomplete (AMW_EXPORT_DIALOG (dialog)), ==, missing->len);

  amw_export_dialog_set_file (AMW_EXPORT_DIALOG (dialog), file);
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.export", NULL));
  wait_closed (&slot);

  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("Exported %u articles", expected->len);
  g_assert_cmpstr (finished.message, ==, message);
  g_assert_cmpstr (finished.path, ==, path);
  if (!amw_test_validate_export (path, &output))
    g_error ("The export does not validate: %s", output);
  exported = exported_ids (path);
  g_assert_cmpuint (exported->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (exported, i), ==, g_ptr_array_index (expected, i));
  finished_clear (&finished);
}

static void
test_export_open_article (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *ids[] = { "accelerator-supply-mid-size-labs", "amazon-aws-25-billion-anthropic-investment", NULL };
  Finished finished = { 0 };
  GtkWidget *slot = NULL;
  GtkWidget *dialog = present (amw_export_dialog_new (fixture->parent, fixture->store, NULL, ids), &slot);
  g_autoptr(GPtrArray) listed = NULL;

  g_signal_connect (dialog, "open-article", G_CALLBACK (on_open_article_cb), &finished);
  g_assert_true (gtk_widget_get_visible (child (dialog, "selected_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "filter_row")));
  g_assert_cmpint (amw_export_dialog_get_selection (AMW_EXPORT_DIALOG (dialog)), ==, AMW_SELECTION_IDS);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "selected_count"))), ==, "2");
  g_assert_cmpuint (amw_export_dialog_get_n_incomplete (AMW_EXPORT_DIALOG (dialog)), ==, 1);
  listed = rows_of (child (dialog, "incomplete_list"));
  g_assert_cmpuint (listed->len, ==, 1);
  click (button_in (g_ptr_array_index (listed, 0), "Open"));
  wait_closed (&slot);
  g_assert_cmpstr (finished.opened, ==, "accelerator-supply-mid-size-labs");
  finished_clear (&finished);
}

static gboolean
export_idle (gpointer data)
{
  return !amw_export_dialog_get_busy (AMW_EXPORT_DIALOG (data));
}

static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "keep.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;
  GtkWidget *slot = NULL;
  GtkWidget *dialog;

  amw_test_add_articles (fixture->store, 4000);
  g_assert_true (g_file_set_contents (path, "{\"previous\": true}\n", -1, NULL));
  dialog = present (amw_export_dialog_new (fixture->parent, fixture->store, NULL, NULL), &slot);
  amw_export_dialog_set_selection (AMW_EXPORT_DIALOG (dialog), AMW_SELECTION_ALL);
  amw_export_dialog_set_file (AMW_EXPORT_DIALOG (dialog), file);

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.export", NULL));
  g_assert_true (amw_export_dialog_get_busy (AMW_EXPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==, "progress");
  /* Escape while writing stops the export and keeps the dialog. */
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.cancel", NULL));
  g_assert_true (amw_gui_test_wait_for (export_idle, dialog, 10000));
  g_assert_nonnull (slot);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==, "choose");
  g_assert_true (gtk_widget_get_visible (child (dialog, "cancelled_label")));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"previous\": true}\n");
  /* No half-written file stays behind. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "amw.db"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);
  close_dialog (&slot);
}

/* ---- import ---- */

static char *
db_digest (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *db = amw_test_file_digest (fixture->db_path);
  g_autofree char *log = amw_test_file_digest (wal);

  return g_strconcat (db, " ", log, NULL);
}

static void
test_import_problem (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_bad_file (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *digest_before = db_digest (fixture);
  g_autofree char *digest_after = NULL;
  GtkWidget *slot = NULL;
  GtkWidget *dialog = present (amw_import_dialog_new (fixture->parent, fixture->store, file), &slot);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_false (amw_import_dialog_get_busy (AMW_IMPORT_DIALOG (dialog)));
  g_assert_false (amw_import_dialog_get_can_import (AMW_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==, "preview");
  g_assert_true (gtk_widget_get_visible (child (dialog, "problems_group")));
  /* The place of the problem, in its own row, shown. */
  problems = rows_of (child (dialog, "problems_list"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (gtk_widget_is_drawable (g_ptr_array_index (problems, 0)));
  g_assert_true (amw_gui_test_shows_text (g_ptr_array_index (problems, 0), "articles[3].ratings.novelty"));
  g_assert_true (amw_gui_test_shows_text (g_ptr_array_index (problems, 0), "1–5"));
  g_assert_false (gtk_widget_is_sensitive (button_in (dialog, "Import (Ctrl+Return)")));
  /* Ctrl+Return does nothing either. */
  gtk_widget_activate_action (dialog, "dialog.import", NULL);
  amw_gui_test_spin (50);
  g_assert_nonnull (slot);

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.cancel", NULL));
  wait_closed (&slot);
  digest_after = db_digest (fixture);
  g_assert_cmpstr (digest_after, ==, digest_before);
}

typedef struct {
  guint flags;
  guint n_changes;
} Changes;

static void
on_store_changed_cb (AmwStore *store,
                     guint     flags,
                     Changes  *changes)
{
  changes->flags |= flags;
  changes->n_changes++;
}

static void
test_import_in_thread (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bigger.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Finished finished = { 0 };
  Changes changes = { 0 };
  GtkWidget *slot = NULL;
  GtkWidget *dialog;
  gulong handler;

  /* A file with the sample and 300 more articles, made by another database. */
  {
    g_autoptr(AmwStore) other = amw_test_open_sample ();
    AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

    amw_test_add_articles (other, 300);
    amw_export_to_file (other, &all, path, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  dialog = present (amw_import_dialog_new (fixture->parent, fixture->store, file), &slot);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_import_finished_cb), &finished);
  g_assert_true (amw_import_dialog_get_can_import (AMW_IMPORT_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_visible (child (dialog, "problems_group")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (dialog, "articles_label"))), "300 new"));

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb), &changes);
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.import", NULL));
  g_assert_true (amw_import_dialog_get_busy (AMW_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==, "progress");
  /* Writing runs to the end: Escape does not close the dialog meanwhile. */
  gtk_widget_activate_action (dialog, "dialog.cancel", NULL);
  g_assert_nonnull (slot);
  wait_closed (&slot);
  g_signal_handler_disconnect (fixture->store, handler);

  g_assert_cmpstr (finished.message, ==, "Imported 350 articles from “bigger.json”");
  /* The main connection noticed the other one's write as soon as it was done. */
  g_assert_cmpuint (changes.n_changes, >=, 1);
  g_assert_true (changes.flags & AMW_CHANGE_EXTERNAL);
  g_assert_cmpint (amw_store_count_articles (fixture->store, NULL, NULL), ==, 350);
  finished_clear (&finished);
}

/* ---- the window ---- */

static void
test_window_opens_dialogs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = write_bad_file (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmwWindow *window = amw_window_new_for_store (NULL, fixture->store, NULL);
  GtkWidget *slot = NULL;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  amw_gui_test_spin (100);

  /* `amw FILE.json` */
  amw_window_preview_import (window, file);
  amw_gui_test_spin (50);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  slot = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  close_dialog (&slot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  amw_gui_test_spin (50);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  slot = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  close_dialog (&slot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-company", "s", COMPANY));
  amw_gui_test_spin (50);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_COMPANY_DIALOG);
  g_assert_nonnull (dialog);
  slot = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  close_dialog (&slot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-connections", "s", CONNECTED_ARTICLE));
  amw_gui_test_spin (50);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_CONNECTIONS_DIALOG);
  g_assert_nonnull (dialog);
  slot = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  close_dialog (&slot);

  gtk_window_destroy (GTK_WINDOW (window));
  amw_gui_test_spin (50);
}

/* ---- screenshots ---- */

static void
save_png (GtkWidget  *window,
          const char *name,
          gboolean    dark)
{
  const char *dir = g_getenv ("AMW_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
  g_test_message ("wrote %s", path);
}

static void
shoot (GtkWidget  *dialog,
       const char *name,
       gboolean    dark)
{
  GtkWidget *slot = NULL;

  present (dialog, &slot);
  amw_gui_test_spin (500);
  save_png (dialog, name, dark);
  close_dialog (&slot);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_getenv ("AMW_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("AMW_SCREENSHOT_DIR is not set");
      return;
    }

  for (guint dark = 0; dark <= 1; dark++)
    {
      g_autoptr(AmwQuery) query = amw_query_new ();
      g_autofree char *bad = write_bad_file (fixture);
      g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
      GtkWidget *dialog;
      GtkWidget *slot = NULL;
      GtkWidget *round;
      g_autoptr(GPtrArray) rows = NULL;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      amw_gui_test_spin (100);

      shoot (amw_connections_dialog_new (fixture->parent, fixture->store, CONNECTED_ARTICLE), "connections", dark);

      /* A company being edited: a new round half typed, its currency not a code yet. */
      dialog = present (amw_company_dialog_new (fixture->parent, fixture->store, COMPANY), &slot);
      click (button_in (dialog, "Add a funding round"));
      rows = rows_of (child (dialog, "rounds_list"));
      round = g_ptr_array_index (rows, rows->len - 1);
      set_text (field (round, "Announced (YYYY-MM-DD)"), "2026-09-01");
      adw_combo_row_set_selected (ADW_COMBO_ROW (field (round, "Round")), 3);
      set_text (field (round, "Amount (like 7400000000.00)"), "12500000");
      set_text (field (round, "Currency (ISO 4217, like EUR)"), "euro");
      set_text (field (round, "Lead Investors (comma-separated)"), "Fernhill Capital");
      amw_gui_test_spin (300);
      /* Down to the rounds: the facts are plain rows, the round editor is the story. */
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (round, GTK_TYPE_SCROLLED_WINDOW)));

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                              gtk_adjustment_get_page_size (adjustment));
      }
      amw_gui_test_spin (300);
      save_png (dialog, "company-edit", dark);
      gtk_window_destroy (GTK_WINDOW (dialog));
      wait_closed (&slot);

      shoot (amw_import_dialog_new (fixture->parent, fixture->store, bad_file), "import", dark);

      amw_query_set_tags (query, (const char * const[]) { "funding", NULL });
      shoot (amw_export_dialog_new (fixture->parent, fixture->store, query, NULL), "export", dark);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

  /* The app's stylesheet, as AdwApplication loads it from the resource base path. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/example/Amw/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/io-dialogs/parse-amount", test_parse_amount);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/io-dialogs/connections", test_connections);
  ADD ("/io-dialogs/connections-search-and-cancel", test_connections_search_and_cancel);
  ADD ("/io-dialogs/company", test_company);
  ADD ("/io-dialogs/company-aliases-and-facts", test_company_aliases_and_facts);
  ADD ("/io-dialogs/export-filter", test_export_filter);
  ADD ("/io-dialogs/export-open-article", test_export_open_article);
  ADD ("/io-dialogs/export-cancel", test_export_cancel);
  ADD ("/io-dialogs/import-problem", test_import_problem);
  ADD ("/io-dialogs/import-in-thread", test_import_in_thread);
  ADD ("/io-dialogs/window-opens-dialogs", test_window_opens_dialogs);
  ADD ("/io-dialogs/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
