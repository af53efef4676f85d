/* test-tag-dialogs.c — the tags, manage-tags and ratings dialogs, and quick rating from the
 * article list, driven through their widgets and actions as an editor would.
 *
 * With AMW_SCREENSHOT_DIR set, each dialog is also rendered to PNG there, light and dark. */
#include <adwaita.h>

#include "amw-articles-view.h"
#include "amw-gui-test-utils.h"
#include "amw-manage-tags-dialog.h"
#include "amw-ratings-dialog.h"
#include "amw-tags-dialog.h"

#define SERIES_D  "brightwater-silicon-series-d"    /* funding, chips */
#define IPO       "brightwater-silicon-ipo-prices"  /* IPO, chips, funding */
#define SEED      "corvid-data-works-seed"          /* funding */
#define LABS      "accelerator-supply-mid-size-labs" /* chips */

typedef struct {
  AmwStore  *store;
  GtkWidget *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = amw_test_open_sample ();
  amw_store_set_editor (fixture->store, "Test Editor");
  fixture->parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->parent), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->parent));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->parent));
  amw_gui_test_spin (50);
  g_clear_object (&fixture->store);
}

/* ---- helpers ---- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static GtkWidget *
present (GtkWidget *dialog)
{
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (amw_gui_test_wait_for (is_mapped, dialog, 3000));
  amw_gui_test_spin (100);
  return dialog;
}

static void
save_png (GtkWidget  *window,
          const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}

/* Renders @window to $AMW_SCREENSHOT_DIR/@name-light.png and -dark.png. */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("AMW_SCREENSHOT_DIR");
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct { const char *suffix; AdwColorScheme scheme; } schemes[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };

  if (dir == NULL || *dir == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, schemes[i].suffix);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      amw_gui_test_spin (250);
      save_png (window, path);
      g_test_message ("saved %s", path);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  amw_gui_test_spin (100);
}

static char *
tags_of (AmwStore   *store,
         const char *id)
{
  g_autoptr(AmwArticle) article = amw_store_get_article (store, id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (article);
  for (guint i = 0; i < article->tags->len; i++)
    g_string_append_printf (text, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (article->tags, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_tag (AmwStore   *store,
         const char *id,
         const char *tag)
{
  g_autoptr(AmwArticle) article = amw_store_get_article (store, id, NULL);

  for (guint i = 0; i < article->tags->len; i++)
    if (g_str_equal (g_ptr_array_index (article->tags, i), tag))
      return TRUE;
  return FALSE;
}

/* Usage count of @tag, or 0 when the store has no such tag. */
static guint
tag_count (AmwStore   *store,
           const char *tag)
{
  g_autoptr(GPtrArray) tags = amw_store_list_tags (store, NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      AmwTagCount *count = g_ptr_array_index (tags, i);
      if (g_str_equal (count->name, tag))
        return count->count;
    }
  return 0;
}

/* The chip (a box with class tag-editor-chip) that shows @tag, or NULL. */
static GtkWidget *
find_chip (GtkWidget  *dialog,
           const char *tag)
{
  g_autoptr(GPtrArray) labels = amw_gui_test_find_all (dialog, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *parent = gtk_widget_get_parent (label);

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), tag) &&
          parent != NULL && gtk_widget_has_css_class (parent, "tag-editor-chip"))
        return parent;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  amw_gui_test_spin (50);
}

/* The shortcut of @widget's controllers whose trigger reads @trigger, or NULL. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            return shortcut; /* the controller keeps it */
        }
    }
  return NULL;
}

static void
assert_shortcut (GtkWidget  *widget,
                 const char *trigger,
                 const char *action_name,
                 int         argument)
{
  GtkShortcut *shortcut = find_shortcut (widget, trigger);
  GtkShortcutAction *action;

  if (shortcut == NULL)
    g_error ("no shortcut %s", trigger);
  action = gtk_shortcut_get_action (shortcut);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
  if (argument < 0)
    g_assert_null (gtk_shortcut_get_arguments (shortcut));
  else
    g_assert_cmpint (g_variant_get_int32 (gtk_shortcut_get_arguments (shortcut)), ==, argument);
}

/* Does what pressing @trigger does: runs the action of the shortcut bound to it. */
static gboolean
press (GtkWidget  *widget,
       const char *trigger)
{
  GtkShortcut *shortcut = find_shortcut (widget, trigger);

  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       widget, gtk_shortcut_get_arguments (shortcut));
}

static gboolean
focus_is_in (GtkWidget *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The linked row of a ratings scale: the parent of its button with @tooltip. */
static GtkWidget *
scale_box (GtkWidget  *dialog,
           const char *tooltip)
{
  GtkWidget *button = amw_gui_test_find (dialog, GTK_TYPE_TOGGLE_BUTTON, tooltip);

  g_assert_nonnull (button);
  return gtk_widget_get_parent (button);
}

/* ---- tags dialog ---- */

static void
test_tags_bulk_add_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *ids[] = { SERIES_D, SEED, LABS, NULL };
  /* g_autofree on an array would free only its first string. */
  g_auto(GStrv) before = g_new0 (char *, G_N_ELEMENTS (ids));
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkWidget *chip;

  for (guint i = 0; i < 3; i++)
    before[i] = tags_of (fixture->store, ids[i]);

  dialog = present (amw_tags_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->parent));
  g_assert_true (amw_gui_test_shows_text (dialog, "3 articles"));

  entry = amw_gui_test_find (dialog, GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "bulk-test");
  /* As Enter does (a key binding of the text widget): its "activate" reaches the entry. */
  g_signal_emit_by_name (amw_gui_test_find (entry, GTK_TYPE_TEXT, NULL), "activate");
  amw_gui_test_spin (50);

  for (guint i = 0; i < 3; i++)
    g_assert_true (has_tag (fixture->store, ids[i], "bulk-test"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  chip = find_chip (dialog, "bulk-test");
  g_assert_nonnull (chip);
  g_assert_false (gtk_widget_has_css_class (chip, "mixed"));

  /* One command for the three articles. */
  g_assert_true (amw_store_undo (fixture->store, NULL, NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *after = tags_of (fixture->store, ids[i]);
      g_assert_cmpstr (after, ==, before[i]);
    }
  g_assert_null (find_chip (dialog, "bulk-test"));

  /* An existing tag typed in another case is the existing tag, not a new one. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  CLOUD ");
  g_signal_emit_by_name (entry, "activate");
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_tag (fixture->store, ids[i], "cloud"));
  g_assert_null (find_chip (dialog, "CLOUD"));

  /* Escape closes. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  g_assert_true (amw_gui_test_wait_for (is_gone, &dialog, 2000));
}

/* A tag can't be typed past 100 characters; adding one to an article that already holds
 * the most tags (200) is refused with a message, and nothing is saved. */
static void
test_tags_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *ids[] = { SERIES_D, SEED, NULL };
  g_autoptr(GString) long_tag = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *series_d = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *series_d_after = NULL;
  g_autofree char *seed_after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;
  gint64 undo_before;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (json, "%s\"full %u\"", i ? ", " : "", i);
  g_string_append_c (json, ']');
  g_assert_true (amw_store_set_article_field (fixture->store, SERIES_D, AMW_FIELD_TAGS, json->str, &error));
  g_assert_no_error (error);
  series_d = tags_of (fixture->store, SERIES_D);
  seed = tags_of (fixture->store, SEED);
  undo_before = amw_store_peek_undo (fixture->store, NULL);

  dialog = present (amw_tags_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  entry = amw_gui_test_find (dialog, GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);

  for (guint i = 0; i < 101; i++)
    g_string_append (long_tag, "é");
  gtk_editable_set_text (GTK_EDITABLE (entry), long_tag->str);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (entry)), -1), ==, 100);

  gtk_editable_set_text (GTK_EDITABLE (entry), "one too many");
  g_signal_emit_by_name (entry, "activate");
  amw_gui_test_spin (300);
  g_assert_true (amw_gui_test_shows_text (dialog, "Could not add tag “one too many”"));
  g_assert_true (amw_gui_test_shows_text (dialog, "already has 200 tags"));
  /* Nothing saved, for either article; what was typed stays. */
  series_d_after = tags_of (fixture->store, SERIES_D);
  seed_after = tags_of (fixture->store, SEED);
  g_assert_cmpstr (series_d_after, ==, series_d);
  g_assert_cmpstr (seed_after, ==, seed);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), ==, undo_before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "one too many");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_tags_mixed (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *ids[] = { SERIES_D, IPO, SEED, NULL };
  GtkWidget *dialog = present (amw_tags_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  GtkWidget *chips = find_chip (dialog, "chips");
  GtkWidget *funding = find_chip (dialog, "funding");
  GtkWidget *ipo = find_chip (dialog, "IPO");

  /* chips: on 2 of 3; IPO: 1 of 3; funding: on all. */
  g_assert_nonnull (chips);
  g_assert_nonnull (funding);
  g_assert_nonnull (ipo);
  g_assert_true (gtk_widget_has_css_class (chips, "mixed"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (chips), ==, "On 2 of 3 articles");
  g_assert_true (gtk_widget_has_css_class (ipo, "mixed"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (ipo), ==, "On 1 of 3 articles");
  g_assert_false (gtk_widget_has_css_class (funding, "mixed"));
  g_assert_null (amw_gui_test_find (funding, GTK_TYPE_BUTTON, "Add to All Articles"));
  g_assert_true (amw_gui_test_shows_text (dialog, "Dashed tags"));

  maybe_screenshot (dialog, "tags");

  /* Tab goes from the entry to the chips' buttons. */
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (dialog))));
  g_assert_true (gtk_widget_child_focus (dialog, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), funding));
  g_assert_true (GTK_IS_BUTTON (gtk_window_get_focus (GTK_WINDOW (dialog))));

  /* "Add to all" makes the chip plain. */
  click (amw_gui_test_find (chips, GTK_TYPE_BUTTON, "Add to All Articles"));
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_tag (fixture->store, ids[i], "chips"));
  chips = find_chip (dialog, "chips");
  g_assert_false (gtk_widget_has_css_class (chips, "mixed"));

  /* Remove takes it off every article. */
  click (amw_gui_test_find (find_chip (dialog, "IPO"), GTK_TYPE_BUTTON, "Remove from All Articles"));
  for (guint i = 0; i < 3; i++)
    g_assert_false (has_tag (fixture->store, ids[i], "IPO"));
  g_assert_null (find_chip (dialog, "IPO"));
  g_assert_false (amw_gui_test_shows_text (dialog, "Dashed tags"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The completion lists existing tags matching the text anywhere, case-insensitively, most
 * used first, without the tags every article already has. */
static void
test_tags_completion (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { SEED, NULL };
  GtkWidget *dialog = present (amw_tags_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  GtkWidget *entry = amw_gui_test_find (dialog, GTK_TYPE_ENTRY, NULL);
  GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (entry));
  GtkWidget *tree_view = amw_gui_test_find (entry, GTK_TYPE_TREE_VIEW, NULL);
  GtkTreeModel *matches;
  GtkTreeIter iter;
  guint previous = G_MAXUINT;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (tree_view);
  gtk_editable_set_text (GTK_EDITABLE (entry), "IN");
  gtk_entry_completion_complete (completion);
  matches = gtk_tree_view_get_model (GTK_TREE_VIEW (tree_view));
  for (gboolean ok = gtk_tree_model_get_iter_first (matches, &iter); ok; ok = gtk_tree_model_iter_next (matches, &iter))
    {
      char *name = NULL;
      guint count = 0;

      gtk_tree_model_get (matches, &iter, 0, &name, 1, &count, -1);
      g_assert_cmpuint (count, <=, previous);
      previous = count;
      g_ptr_array_add (names, name);
    }
  /* "inference" (8 articles) and "China" (4) match "in"; "funding" is on the article already. */
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "inference");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "China");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (names, i), -1);
      g_assert_nonnull (strstr (folded, "in"));
      g_assert_cmpstr (g_ptr_array_index (names, i), !=, "funding");
    }

  /* Choosing a suggestion adds it. */
  g_assert_true (gtk_tree_model_get_iter_first (matches, &iter));
  g_signal_emit_by_name (completion, "match-selected", matches, &iter, &(gboolean) { FALSE });
  g_assert_true (has_tag (fixture->store, SEED, "inference"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- manage tags dialog ---- */

static GtkWidget *
filtered_row_button (GtkWidget  *dialog,
                     const char *filter,
                     GType       type,
                     const char *label)
{
  GtkWidget *search = amw_gui_test_find (dialog, GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *list_view = amw_gui_test_find (dialog, GTK_TYPE_LIST_VIEW, NULL);

  gtk_editable_set_text (GTK_EDITABLE (search), filter);
  /* The filter follows search-changed, which is delayed. */
  g_signal_emit_by_name (search, "search-changed");
  amw_gui_test_spin (150);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), ==, 1);
  return amw_gui_test_find (list_view, type, label);
}

/* Filters the list down to @filter's one row and opens its Rename… (0) or Merge… (1). */
static GtkWidget *
open_row_popover (GtkWidget  *dialog,
                  const char *filter,
                  guint       index)
{
  GtkWidget *list_view = amw_gui_test_find (dialog, GTK_TYPE_LIST_VIEW, NULL);
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *menu_button;

  filtered_row_button (dialog, filter, GTK_TYPE_LABEL, NULL);
  buttons = amw_gui_test_find_all (list_view, GTK_TYPE_MENU_BUTTON);
  g_assert_cmpuint (buttons->len, ==, 2);
  menu_button = g_ptr_array_index (buttons, index);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  amw_gui_test_spin (100);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
}

static guint
position_in (GListModel *model,
             const char *string)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      if (g_str_equal (gtk_string_object_get_string (item), string))
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
count_articles_with (AmwArticle *article,
                     gpointer    user_data,
                     GError    **error)
{
  guint *n = user_data;

  for (guint i = 0; i < article->tags->len; i++)
    if (g_str_equal (g_ptr_array_index (article->tags, i), "cloud") ||
        g_str_equal (g_ptr_array_index (article->tags, i), "funding"))
      {
        (*n)++;
        break;
      }
  return TRUE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_manage_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *dialog = present (amw_manage_tags_dialog_new (GTK_WINDOW (fixture->parent), fixture->store));
  GtkWidget *list_view = amw_gui_test_find (dialog, GTK_TYPE_LIST_VIEW, NULL);
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  guint n_tags = g_list_model_get_n_items (shown);
  guint cloud = tag_count (fixture->store, "cloud");
  guint expected_funding = 0;
  GtkWidget *popover, *drop_down, *entry, *check;
  AdwMessageDialog *confirm;

  g_assert_cmpuint (n_tags, ==, 26);
  g_assert_cmpuint (cloud, ==, 5);
  amw_store_foreach_article (fixture->store, NULL, count_articles_with, &expected_funding, NULL);
  maybe_screenshot (dialog, "manage-tags");

  /* "Only tags used once" */
  check = amw_gui_test_find (dialog, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, "Only tags used once");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 7);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_tags);

  /* Merge "cloud" into "funding", with the preview first. */
  popover = open_row_popover (dialog, "CLOU", 1);
  drop_down = amw_gui_test_find (popover, GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (drop_down);
  g_assert_false (gtk_widget_is_sensitive (amw_gui_test_find (popover, GTK_TYPE_BUTTON, "_Merge")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              position_in (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)), "funding"));
  g_assert_true (amw_gui_test_shows_text (popover, "5 articles will be retagged"));
  maybe_screenshot (popover, "manage-tags-merge");
  click (amw_gui_test_find (popover, GTK_TYPE_BUTTON, "_Merge"));
  g_assert_cmpuint (tag_count (fixture->store, "cloud"), ==, 0);
  g_assert_cmpuint (tag_count (fixture->store, "funding"), ==, expected_funding);
  g_assert_cmpuint (tag_count (fixture->store, "funding"), ==, 26);

  /* The counts follow: funding's row says so. */
  filtered_row_button (dialog, "funding", GTK_TYPE_LABEL, NULL);
  g_assert_true (amw_gui_test_shows_text (list_view, "26 articles"));

  /* Rename "agents" to "AI agents". */
  popover = open_row_popover (dialog, "agents", 0);
  entry = amw_gui_test_find (popover, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "AI agents");
  click (amw_gui_test_find (popover, GTK_TYPE_BUTTON, "_Rename"));
  g_assert_cmpuint (tag_count (fixture->store, "agents"), ==, 0);
  g_assert_cmpuint (tag_count (fixture->store, "AI agents"), ==, 9);

  /* A name taken (in any case) offers a merge instead. */
  popover = open_row_popover (dialog, "chips", 0);
  entry = amw_gui_test_find (popover, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "INFERENCE");
  g_assert_nonnull (amw_gui_test_find (popover, GTK_TYPE_BUTTON, "_Merge"));
  g_assert_true (amw_gui_test_shows_text (popover, "“inference” already exists"));
  maybe_screenshot (popover, "manage-tags-rename");
  g_assert_true (amw_gui_test_shows_text (popover, "5 articles will be retagged"));
  /* …while a change of case only is a rename. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Chips");
  click (amw_gui_test_find (popover, GTK_TYPE_BUTTON, "_Rename"));
  g_assert_cmpuint (tag_count (fixture->store, "Chips"), ==, 5);

  /* Delete, after a confirmation that says how many articles use the tag. */
  click (filtered_row_button (dialog, "robotics", GTK_TYPE_BUTTON, "Delete"));
  g_assert_true (amw_gui_test_wait_for (has_message_dialog, NULL, 2000));
  confirm = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete “robotics”?");
  g_assert_cmpstr (adw_message_dialog_get_body (confirm), ==, "It is used by 2 articles.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (confirm, "delete");
  amw_gui_test_spin (100);
  g_assert_cmpuint (tag_count (fixture->store, "robotics"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  /* The toast's Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (dialog, "manage.undo", NULL));
  g_assert_cmpuint (tag_count (fixture->store, "robotics"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- ratings dialog ---- */

static void
test_ratings_dialog (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *ids[] = { SERIES_D, SEED, NULL };
  const char *first[] = { SERIES_D, NULL };
  g_autoptr(AmwArticle) a = NULL;
  g_autoptr(AmwArticle) b = NULL;
  GtkWidget *dialog;

  /* Different significances: that scale reads "Mixed" and, untouched, stays as it is. */
  g_assert_true (amw_store_rate_articles (fixture->store, first, 1, 3, NULL));
  {
    const char *second[] = { SEED, NULL };
    g_assert_true (amw_store_rate_articles (fixture->store, second, 1, 5, NULL));
  }

  dialog = present (amw_ratings_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (amw_gui_test_shows_text (dialog, "Mixed"));
  g_assert_true (amw_gui_test_shows_text (dialog, "1 · Routine"));
  g_assert_true (amw_gui_test_shows_text (dialog, "2 articles"));

  /* Keys: 1–5 rate the focused scale, 0 clears it; Tab switches; Enter applies. */
  assert_shortcut (dialog, "4", "ratings.rate", 4);
  assert_shortcut (dialog, "0", "ratings.rate", 0);
  assert_shortcut (dialog, "<Control>Return", "ratings.apply", -1);
  g_assert_nonnull (find_shortcut (dialog, "Tab"));
  g_assert_nonnull (find_shortcut (dialog, "Return"));

  g_assert_true (gtk_widget_activate_action (dialog, "ratings.rate", "i", 4));
  g_assert_true (amw_gui_test_shows_text (dialog, "4 · Breakthrough"));
  g_assert_true (amw_gui_test_shows_text (dialog, "Mixed"));
  g_assert_true (gtk_widget_activate_action (dialog, "ratings.apply", NULL));
  g_assert_true (amw_gui_test_wait_for (is_gone, &dialog, 2000));
  a = amw_store_get_article (fixture->store, SERIES_D, NULL);
  b = amw_store_get_article (fixture->store, SEED, NULL);
  g_assert_cmpint (a->novelty, ==, 4);
  g_assert_cmpint (b->novelty, ==, 4);
  g_assert_cmpint (a->significance, ==, 3);
  g_assert_cmpint (b->significance, ==, 5);
  g_clear_pointer (&a, amw_article_free);
  g_clear_pointer (&b, amw_article_free);

  /* Novelty 4 and significance 2 for both, by keys: 4, Tab, 2, Enter. One command. */
  amw_store_set_editor (fixture->store, "Dana Editor");
  dialog = present (amw_ratings_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, ids));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (focus_is_in (dialog, scale_box (dialog, "1 · Routine")));
  g_assert_true (press (dialog, "4"));
  g_assert_true (press (dialog, "Tab"));
  g_assert_true (focus_is_in (dialog, scale_box (dialog, "1 · Minor")));
  g_assert_true (press (dialog, "2"));
  g_assert_true (amw_gui_test_shows_text (dialog, "4 · Breakthrough"));
  g_assert_true (amw_gui_test_shows_text (dialog, "2 · Moderate"));
  g_assert_false (amw_gui_test_shows_text (dialog, "Mixed"));
  /* Tab again: back to Novelty; the action does the same. */
  g_assert_true (press (dialog, "Tab"));
  g_assert_true (focus_is_in (dialog, scale_box (dialog, "1 · Routine")));
  g_assert_true (gtk_widget_activate_action (dialog, "ratings.switch-scale", NULL));
  g_assert_true (focus_is_in (dialog, scale_box (dialog, "1 · Minor")));
  g_assert_true (press (dialog, "Return"));
  g_assert_true (amw_gui_test_wait_for (is_gone, &dialog, 2000));
  a = amw_store_get_article (fixture->store, SERIES_D, NULL);
  b = amw_store_get_article (fixture->store, SEED, NULL);
  g_assert_cmpint (a->novelty, ==, 4);
  g_assert_cmpint (b->novelty, ==, 4);
  g_assert_cmpint (a->significance, ==, 2);
  g_assert_cmpint (b->significance, ==, 2);
  g_assert_cmpstr (a->rated_by, ==, "Dana Editor");
  g_assert_cmpstr (b->rated_by, ==, "Dana Editor");
  g_assert_nonnull (a->rated_at);
  {
    g_autofree char *description = NULL;
    g_assert_cmpint (amw_store_peek_undo (fixture->store, &description), >, 0);
    g_assert_cmpstr (description, ==, "Rate 2 articles");
  }

  /* One article: who rated it and when; 0 clears; Escape cancels. */
  dialog = present (amw_ratings_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, first));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (amw_gui_test_shows_text (dialog, "Rated by Dana Editor on "));
  g_assert_true (amw_gui_test_shows_text (dialog, a->title));
  maybe_screenshot (dialog, "ratings");
  g_assert_true (gtk_widget_activate_action (dialog, "ratings.rate", "i", 0));
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  g_assert_true (amw_gui_test_wait_for (is_gone, &dialog, 2000));
  g_clear_pointer (&a, amw_article_free);
  a = amw_store_get_article (fixture->store, SERIES_D, NULL);
  g_assert_cmpint (a->novelty, ==, 4);
}

/* ---- quick rating in the list ---- */

static void
test_quick_rating (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = amw_articles_view_new (fixture->store);
  GtkWidget *column_view = amw_gui_test_find (view, GTK_TYPE_COLUMN_VIEW, NULL);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (amw_articles_view_get_model (AMW_ARTICLES_VIEW (view)));
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *description = NULL;
  gint64 group;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  present (window);

  /* The keys of the list. */
  assert_shortcut (column_view, "5", "articles.rate-novelty", 5);
  assert_shortcut (column_view, "0", "articles.rate-novelty", 0);
  assert_shortcut (column_view, "<Alt>3", "articles.rate-significance", 3);
  assert_shortcut (column_view, "<Alt>0", "articles.rate-significance", 0);
  assert_shortcut (column_view, "KP_5", "articles.rate-novelty", 5);

  gtk_selection_model_select_item (model, 2, TRUE);
  gtk_selection_model_select_item (model, 4, FALSE);
  gtk_widget_grab_focus (column_view);
  amw_gui_test_spin (50);
  ids = amw_articles_view_get_selected_ids (AMW_ARTICLES_VIEW (view));
  g_assert_cmpuint (g_strv_length (ids), ==, 2);

  /* "5": novelty 5 for both, in one command, and they stay selected, the list focused. */
  g_assert_true (press (column_view, "5"));
  amw_gui_test_spin (50);
  g_assert_true (focus_is_in (window, column_view));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, ids[i], NULL);
      g_assert_cmpint (article->novelty, ==, 5);
      g_assert_cmpint (article->significance, ==, 0);
      g_assert_cmpstr (article->rated_by, ==, "Test Editor");
    }
  g_assert_cmpint (amw_store_peek_undo (fixture->store, &description), >, 0);
  g_assert_cmpstr (description, ==, "Rate 2 articles");
  after = amw_articles_view_get_selected_ids (AMW_ARTICLES_VIEW (view));
  g_assert_true (g_strv_equal ((const char * const *) ids, (const char * const *) after));
  g_clear_pointer (&after, g_strfreev);

  /* Alt+4 then Alt+0: significance set, then cleared; novelty kept. */
  g_assert_true (press (column_view, "<Alt>4"));
  {
    g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, ids[1], NULL);
    g_assert_cmpint (article->significance, ==, 4);
  }
  g_assert_true (press (column_view, "<Alt>0"));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, ids[i], NULL);
      g_assert_cmpint (article->novelty, ==, 5);
      g_assert_cmpint (article->significance, ==, 0);
    }
  after = amw_articles_view_get_selected_ids (AMW_ARTICLES_VIEW (view));
  g_assert_true (g_strv_equal ((const char * const *) ids, (const char * const *) after));
  g_clear_pointer (&after, g_strfreev);

  /* "0" clears novelty. */
  g_assert_true (gtk_widget_activate_action (column_view, "articles.rate-novelty", "i", 0));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, ids[i], NULL);
      g_assert_cmpint (article->novelty, ==, 0);
    }

  /* Nothing selected: nothing to rate. */
  gtk_selection_model_unselect_all (model);
  group = amw_store_peek_undo (fixture->store, NULL);
  gtk_widget_activate_action (column_view, "articles.rate-novelty", "i", 3);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), ==, group);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  amw_gui_test_init (&argc, &argv);
  /* As AdwApplication does for the app: the chips are styled by style.css. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/Amw/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/tag-dialogs/tags/bulk-add-undo", Fixture, NULL, fixture_set_up, test_tags_bulk_add_and_undo, fixture_tear_down);
  g_test_add ("/tag-dialogs/tags/limits", Fixture, NULL, fixture_set_up, test_tags_limits, fixture_tear_down);
  g_test_add ("/tag-dialogs/tags/mixed", Fixture, NULL, fixture_set_up, test_tags_mixed, fixture_tear_down);
  g_test_add ("/tag-dialogs/tags/completion", Fixture, NULL, fixture_set_up, test_tags_completion, fixture_tear_down);
  g_test_add ("/tag-dialogs/manage-tags", Fixture, NULL, fixture_set_up, test_manage_tags, fixture_tear_down);
  g_test_add ("/tag-dialogs/ratings", Fixture, NULL, fixture_set_up, test_ratings_dialog, fixture_tear_down);
  g_test_add ("/tag-dialogs/quick-rating", Fixture, NULL, fixture_set_up, test_quick_rating, fixture_tear_down);
  return g_test_run ();
}
