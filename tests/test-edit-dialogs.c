/* test-edit-dialogs.c — the article edit dialog, the knowledge-area vocabulary and the
 * history, driven through their widgets as an editor would: typing into the rows and text
 * views, picking from the popovers, pressing Save and Cancel, answering confirmations.
 *
 * With AMW_SCREENSHOT_DIR set, /edit-dialogs/screenshots renders each dialog to PNG; it
 * opens popovers of tall dialogs, so give it a tall screen:
 *   AMW_SCREENSHOT_DIR=shots xvfb-run -a -s "-screen 0 1600x1400x24" \
 *     ./tests/test-edit-dialogs -p /edit-dialogs/screenshots */
#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "amw-areas-dialog.h"
#include "amw-edit-article-dialog.h"
#include "amw-gui-test-utils.h"
#include "amw-history-dialog.h"

#define AWS_ARTICLE   "amazon-aws-25-billion-anthropic-investment"
#define CHIPS_ARTICLE "accelerator-supply-mid-size-labs"
#define PARTNERSHIP   "microsoft-openai-next-phase-partnership"
#define EDITOR        "Dana Editor"

typedef struct {
  AmwStore  *store;
  GtkWidget *parent;
  char      *dir;      /* only for file-backed stores */
} Fixture;

/* ---- fixture ---- */

static void
present_parent (Fixture *fixture)
{
  fixture->parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->parent), 600, 460);
  gtk_window_present (GTK_WINDOW (fixture->parent));
  amw_gui_test_spin (50);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = amw_test_open_sample ();
  amw_store_set_editor (fixture->store, EDITOR);
  present_parent (fixture);
}

/* A store in a file, so that another connection can change it under the dialog. */
static void
fixture_set_up_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = amw_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_test_open_sample_file (path, NULL);
  amw_store_set_editor (fixture->store, EDITOR);
  present_parent (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The dialogs are destroyed with their parent; a leftover confirmation too. */
  gtk_window_destroy (GTK_WINDOW (fixture->parent));
  amw_gui_test_spin (50);
  g_clear_object (&fixture->store);
  if (fixture->dir != NULL)
    amw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- helpers ---- */

/* The dialogs are sized to fit the 640×480 screen xvfb-run gives by default: a popover
 * must point at something on a monitor. */
static GtkWidget *
present (GtkWidget *dialog)
{
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 460);
  gtk_window_present (GTK_WINDOW (dialog));
  amw_gui_test_spin (150);
  return dialog;
}

static AmwEditArticleDialog *
open_edit (Fixture    *fixture,
           const char *id)
{
  return AMW_EDIT_ARTICLE_DIALOG (present (amw_edit_article_dialog_new (GTK_WINDOW (fixture->parent),
                                                                        fixture->store, id)));
}

static GtkWidget *
row (gpointer    root,
     const char *title)
{
  GtkWidget *found = amw_gui_test_find (GTK_WIDGET (root), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text view under the group titled @title ("The AMW Read"). */
static GtkTextView *
text_view (gpointer    dialog,
           const char *title)
{
  GtkWidget *group = find_group (GTK_WIDGET (dialog), title);

  g_assert_nonnull (group);
  return GTK_TEXT_VIEW (amw_gui_test_find (group, GTK_TYPE_TEXT_VIEW, NULL));
}

static void
set_text (gpointer    root,
          const char *row_title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (root, row_title)), text);
  amw_gui_test_spin (10);
}

static GtkWidget *
button (gpointer    root,
        const char *label)
{
  GtkWidget *found = amw_gui_test_find (GTK_WIDGET (root), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (found);
  return found;
}

static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  amw_gui_test_spin (50);
}

/* Scrolls @widget to the top of its scrolled window, where a click could reach it. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;
  GtkAdjustment *adjustment;

  if (scrolled == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 24);
  amw_gui_test_spin (50);
}

/* Opens the popover of the menu button with @tooltip under @root. */
static GtkWidget *
open_popover (gpointer    root,
              const char *tooltip)
{
  GtkWidget *menu_button = amw_gui_test_find (GTK_WIDGET (root), GTK_TYPE_MENU_BUTTON, tooltip);

  g_assert_nonnull (menu_button);
  scroll_into_view (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  amw_gui_test_spin (100);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
}

/* Activates the list row showing @label, as a click or Enter on it would. */
static void
activate_row (GtkWidget  *root,
              const char *label)
{
  GtkWidget *found = amw_gui_test_find (root, GTK_TYPE_LABEL, label);
  GtkWidget *list_row;

  g_assert_nonnull (found);
  list_row = gtk_widget_get_ancestor (found, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (list_row);
  g_signal_emit_by_name (list_row, "activate");
  amw_gui_test_spin (50);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_message_dialog (gpointer unused)
{
  return find_message_dialog () != NULL;
}

static gboolean
is_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* The shortcut of @widget (its class's or its own controllers') for @trigger. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *t = gtk_shortcut_get_trigger (shortcut);
          gboolean matches = gtk_shortcut_trigger_equal (t, wanted);

          if (GTK_IS_ALTERNATIVE_TRIGGER (t))
            matches = gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (t)), wanted) ||
                      gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (t)), wanted);
          if (matches)
            return shortcut; /* the controller keeps it */
        }
    }
  return NULL;
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  GtkShortcut *shortcut = find_shortcut (widget, trigger);
  g_autofree char *name = shortcut ? gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut)) : NULL;
  g_autofree char *wanted = g_strdup_printf ("action(%s)", action);

  return g_strcmp0 (name, wanted) == 0;
}

/* Runs what pressing @trigger in @widget runs. */
static void
press (GtkWidget  *widget,
       const char *trigger)
{
  GtkShortcut *shortcut = find_shortcut (widget, trigger);

  g_assert_nonnull (shortcut);
  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                widget, gtk_shortcut_get_arguments (shortcut));
  amw_gui_test_spin (50);
}

static gboolean
has_area (AmwArticle *article,
          const char *area,
          const char *facet)
{
  for (guint i = 0; i < article->areas->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (article->areas, i);
      if (g_str_equal (pair->first, area) && g_str_equal (pair->second, facet))
        return TRUE;
    }
  return FALSE;
}

static const char *
company_role (AmwArticle *article,
              const char *company_id)
{
  for (guint i = 0; i < article->companies->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (article->companies, i);
      if (g_str_equal (pair->first, company_id))
        return pair->second;
    }
  return NULL;
}

static int
area_count (AmwStore   *store,
            const char *area,
            const char *facet)
{
  g_autoptr(GPtrArray) areas = amw_store_list_areas (store, NULL);

  for (guint i = 0; i < areas->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (areas, i);
      if (g_str_equal (entry->area, area) && g_str_equal (entry->facet, facet))
        return (int) entry->count;
    }
  return -1;
}

static char *
vocabulary_text (AmwStore *store)
{
  g_autoptr(GPtrArray) areas = amw_store_list_areas (store, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < areas->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (areas, i);
      g_string_append_printf (text, "%s|%s|%u\n", entry->area, entry->facet, entry->count);
    }
  return g_string_free (text, FALSE);
}

/* ---- the edit dialog ---- */

static void
assert_refused (AmwEditArticleDialog *dialog,
                AmwStore             *store,
                const char           *row_title,
                const char           *explanation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) before = amw_store_get_article (store, AWS_ARTICLE, NULL);
  g_autoptr(AmwArticle) after = NULL;

  g_assert_false (amw_edit_article_dialog_get_can_save (dialog));
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "_Save")));
  g_assert_true (gtk_widget_has_css_class (row (dialog, row_title), "error"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), explanation));

  /* Ctrl+Return and the helper refuse too; nothing reaches the store. */
  press (GTK_WIDGET (dialog), "<Control>Return");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (amw_edit_article_dialog_save (dialog, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  after = amw_store_get_article (store, AWS_ARTICLE, NULL);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_cmpstr (after->url, ==, before->url);
  g_assert_cmpstr (after->published, ==, before->published);
  g_assert_false (amw_store_can_undo (store));
}

static void
assert_accepted (AmwEditArticleDialog *dialog,
                 const char           *row_title)
{
  g_assert_true (amw_edit_article_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_is_sensitive (button (dialog, "_Save")));
  g_assert_false (gtk_widget_has_css_class (row (dialog, row_title), "error"));
}

static void
test_edit_refuses_invalid (Fixture       *fixture,
                           gconstpointer  data)
{
  AmwEditArticleDialog *dialog = open_edit (fixture, AWS_ARTICLE);

  /* Escape cancels, Ctrl+Return saves. */
  g_assert_true (has_shortcut (GTK_WIDGET (dialog), "Escape", "edit.cancel"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (dialog), "<Control>Return"));

  /* Nothing changed yet: nothing to save. */
  g_assert_false (amw_edit_article_dialog_get_can_save (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Title"))), ==,
                   "Amazon commits $25 billion to Anthropic through AWS");
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (dialog), "http:// or https://"));

  set_text (dialog, "URL", "javascript:alert(1)");
  assert_refused (dialog, fixture->store, "URL", "http:// or https://");
  set_text (dialog, "URL", "file:///etc/passwd");
  assert_refused (dialog, fixture->store, "URL", "http:// or https://");
  set_text (dialog, "URL", "ftp://example.com/story");
  assert_refused (dialog, fixture->store, "URL", "http:// or https://");
  set_text (dialog, "URL", "https://www.aboutamazon.com/news/aws-anthropic");
  assert_accepted (dialog, "URL");
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (dialog), "http:// or https://"));

  set_text (dialog, "Title", "");
  assert_refused (dialog, fixture->store, "Title", "A title is required");
  set_text (dialog, "Title", "   ");
  assert_refused (dialog, fixture->store, "Title", "A title is required");
  set_text (dialog, "Title", "Amazon commits $25 billion to Anthropic");
  assert_accepted (dialog, "Title");

  set_text (dialog, "Published", "2026-02-30");
  assert_refused (dialog, fixture->store, "Published", "real date");
  set_text (dialog, "Published", "30/01/2026");
  assert_refused (dialog, fixture->store, "Published", "real date");
  set_text (dialog, "Published", "2026-02-28");
  assert_accepted (dialog, "Published");
}

static void
test_edit_saves_one_command (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AmwArticle) before = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_autoptr(AmwArticle) after = NULL;
  g_autoptr(AmwArticle) undone = NULL;
  g_autoptr(GError) error = NULL;
  AmwEditArticleDialog *dialog = open_edit (fixture, AWS_ARTICLE);
  GtkWidget *popover, *search, *drop_down;
  gpointer weak = dialog;

  g_assert_cmpstr (company_role (before, "anthropic"), ==, "subject");
  g_assert_false (has_area (before, "Safety & Alignment", "Open Debates"));

  set_text (dialog, "Title", "Amazon deepens its Anthropic bet");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (dialog, "The AMW Read")),
                            "Compute is the currency of this deal.\nExpect more like it.", -1);

  /* Add a knowledge area from the vocabulary popover; it shows as a chip. */
  popover = open_popover (dialog, "Add a Knowledge Area");
  g_assert_nonnull (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Chips & Compute · Open Debates"));
  /* Areas the article has are not offered again. */
  g_assert_null (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Foundation Models · Case Studies"));
  activate_row (popover, "Safety & Alignment · Open Debates");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Safety & Alignment · Open Debates"));
  /* The filter narrows the list; Enter takes the first match. */
  popover = open_popover (dialog, "Add a Knowledge Area");
  g_assert_null (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Safety & Alignment · Open Debates"));
  search = amw_gui_test_find (popover, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "policy reg");
  amw_gui_test_spin (300);
  g_assert_null (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Chips & Compute · Open Debates"));
  g_assert_nonnull (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Policy & Regulation · Case Studies"));
  g_signal_emit_by_name (search, "activate");
  amw_gui_test_spin (50);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Policy & Regulation · Case Studies"));
  click (button (dialog, "Remove “Policy & Regulation · Case Studies”"));
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Policy & Regulation · Case Studies"));

  /* Anthropic becomes a mentioned company. */
  drop_down = amw_gui_test_find (row (dialog, "Anthropic"), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);
  amw_gui_test_spin (10);

  g_assert_true (amw_edit_article_dialog_get_can_save (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  click (button (dialog, "_Save"));
  g_assert_true (amw_gui_test_wait_for (is_gone, &weak, 2000));

  after = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_cmpstr (after->title, ==, "Amazon deepens its Anthropic bet");
  g_assert_cmpstr (after->amw_read, ==, "Compute is the currency of this deal.\nExpect more like it.");
  g_assert_true (has_area (after, "Safety & Alignment", "Open Debates"));
  g_assert_cmpuint (after->areas->len, ==, before->areas->len + 1);
  g_assert_cmpstr (company_role (after, "anthropic"), ==, "mentioned");
  g_assert_cmpstr (company_role (after, "amazon"), ==, "subject");
  /* Untouched fields and the lists the dialog does not edit are as they were. */
  g_assert_cmpstr (after->summary, ==, before->summary);
  g_assert_cmpstr (after->published, ==, before->published);
  g_assert_cmpuint (after->tags->len, ==, before->tags->len);
  g_assert_cmpuint (after->connections->len, ==, before->connections->len);

  /* One undo restores everything. */
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (amw_store_can_undo (fixture->store));
  undone = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_cmpstr (undone->title, ==, before->title);
  g_assert_cmpstr (undone->amw_read, ==, before->amw_read);
  g_assert_false (has_area (undone, "Safety & Alignment", "Open Debates"));
  g_assert_cmpuint (undone->areas->len, ==, before->areas->len);
  g_assert_cmpstr (company_role (undone, "anthropic"), ==, "subject");
}

/* Removing a chip and a company, linking another through the search popover. */
static void
test_edit_lists (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AmwArticle) after = NULL;
  AmwEditArticleDialog *dialog = open_edit (fixture, CHIPS_ARTICLE);
  gpointer weak = dialog;
  GtkWidget *popover;

  click (amw_gui_test_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Remove “Chips & Compute · Open Debates”"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "No knowledge areas yet"));
  click (button (dialog, "Remove Lumen Forge Labs"));
  g_assert_null (amw_gui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Lumen Forge Labs"));
  click (button (dialog, "Remove Brightwater Silicon"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "No companies linked"));

  popover = open_popover (dialog, "Link a Company");
  gtk_editable_set_text (GTK_EDITABLE (amw_gui_test_find (popover, GTK_TYPE_SEARCH_ENTRY, NULL)), "anthro");
  amw_gui_test_spin (400);
  g_assert_null (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Amazon"));
  activate_row (popover, "Anthropic");
  g_assert_false (amw_gui_test_shows_text (GTK_WIDGET (dialog), "No companies linked"));
  /* Linked companies are not offered. */
  popover = open_popover (dialog, "Link a Company");
  g_assert_null (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Anthropic"));
  g_assert_nonnull (amw_gui_test_find (popover, GTK_TYPE_LABEL, "Amazon"));
  /* Enter in the search takes the first match. */
  gtk_editable_set_text (GTK_EDITABLE (amw_gui_test_find (popover, GTK_TYPE_SEARCH_ENTRY, NULL)), "brightwater");
  amw_gui_test_spin (300);
  g_signal_emit_by_name (amw_gui_test_find (popover, GTK_TYPE_SEARCH_ENTRY, NULL), "activate");
  amw_gui_test_spin (50);
  g_assert_nonnull (row (dialog, "Brightwater Silicon"));
  g_assert_nonnull (row (dialog, "Anthropic"));

  /* Ctrl+Return saves and closes. */
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  press (GTK_WIDGET (dialog), "<Control>Return");
  g_assert_true (amw_gui_test_wait_for (is_gone, &weak, 2000));
  after = amw_store_get_article (fixture->store, CHIPS_ARTICLE, NULL);
  g_assert_cmpuint (after->areas->len, ==, 0);
  g_assert_cmpuint (after->companies->len, ==, 2);
  g_assert_null (company_role (after, "lumen-forge-labs"));
  /* With no subject, the first company linked becomes one; the next is mentioned. */
  g_assert_cmpstr (company_role (after, "anthropic"), ==, "subject");
  g_assert_cmpstr (company_role (after, "brightwater-silicon"), ==, "mentioned");
}

static void
test_edit_cancel_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  AmwEditArticleDialog *dialog = open_edit (fixture, AWS_ARTICLE);
  gpointer weak = dialog;
  AdwMessageDialog *question;
  g_autoptr(AmwArticle) article = NULL;

  /* Unchanged: Cancel closes at once. */
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  click (button (dialog, "_Cancel"));
  g_assert_true (amw_gui_test_wait_for (is_gone, &weak, 1000));
  g_assert_null (find_message_dialog ());

  dialog = open_edit (fixture, AWS_ARTICLE);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (dialog, "Internal Notes")),
                            "Check the AWS press release", -1);
  g_assert_true (amw_edit_article_dialog_has_changes (dialog));

  click (button (dialog, "_Cancel"));
  g_assert_true (amw_gui_test_wait_for (has_message_dialog, NULL, 1000));
  question = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Changes?");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (dialog));
  adw_message_dialog_response (question, "keep");
  amw_gui_test_spin (100);
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (amw_edit_article_dialog_has_changes (dialog));

  /* Escape is Cancel; this time the changes go. */
  press (GTK_WIDGET (dialog), "Escape");
  g_assert_true (amw_gui_test_wait_for (has_message_dialog, NULL, 1000));
  adw_message_dialog_response (find_message_dialog (), "discard");
  g_assert_true (amw_gui_test_wait_for (is_gone, &weak, 1000));
  article = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_cmpstr (article->notes, ==, "");
  g_assert_false (amw_store_can_undo (fixture->store));
}

/* Another program removes the article while it is being edited: Save says why, inline,
 * and the dialog stays open with the edits. */
static void
test_edit_save_error_inline (Fixture       *fixture,
                             gconstpointer  data)
{
  AmwEditArticleDialog *dialog = open_edit (fixture, AWS_ARTICLE);
  gpointer weak = dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "amw.db", NULL);
  sqlite3 *other = NULL;
  GtkRevealer *revealer;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  set_text (dialog, "Title", "A title nobody will see");
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "DELETE FROM articles WHERE id = '" AWS_ARTICLE "'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  click (button (dialog, "_Save"));
  g_assert_nonnull (weak);
  revealer = GTK_REVEALER (amw_gui_test_find (GTK_WIDGET (dialog), GTK_TYPE_REVEALER, NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  amw_gui_test_spin (400);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Could not save"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), AWS_ARTICLE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Title"))), ==, "A title nobody will see");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The limits of the exchange format (docs/JSON-FORMAT.md): the title can't be typed past
 * 1000 characters; a summary past 200 000 is refused by the store, the message shown and
 * nothing saved. */
static void
test_edit_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  AmwEditArticleDialog *dialog = open_edit (fixture, AWS_ARTICLE);
  g_autofree char *long_title = amw_test_repeat ("é", 1001);
  g_autofree char *long_summary = amw_test_repeat ("Seventy-nine characters of summary, then a new line, over and over and over.\n",
                                                   200001 / 70 + 1);
  g_autoptr(AmwArticle) saved = NULL;
  g_autoptr(AmwArticle) unchanged = NULL;
  g_autofree char *summary_before = NULL;
  gint64 undo_before;
  GtkRevealer *revealer;

  set_text (dialog, "Title", long_title);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Title"))), -1), ==, 1000);
  set_text (dialog, "Source", long_title);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Source"))), -1), ==, 300);
  set_text (dialog, "Source", "AWS");
  click (button (dialog, "_Save"));
  saved = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_cmpint (g_utf8_strlen (saved->title, -1), ==, 1000);
  summary_before = g_strdup (saved->summary);
  /* Saving closed the dialog. */
  amw_gui_test_spin (50);

  dialog = open_edit (fixture, AWS_ARTICLE);
  undo_before = amw_store_peek_undo (fixture->store, NULL);
  g_assert_cmpuint (strlen (long_summary), >, 200000);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (dialog, "Summary")), long_summary, -1);
  amw_gui_test_spin (50);
  g_assert_false (amw_edit_article_dialog_save (dialog, NULL));
  revealer = GTK_REVEALER (amw_gui_test_find (GTK_WIDGET (dialog), GTK_TYPE_REVEALER, NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  amw_gui_test_spin (400);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Summary: at most 200000 characters"));
  unchanged = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_cmpstr (unchanged->summary, ==, summary_before);
  g_assert_cmpint (amw_store_peek_undo (fixture->store, NULL), ==, undo_before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A title another program made longer than the format allows is loaded whole, not cut to
 * the field's limit (a save would then have stored the cut title without a word): the
 * save says what is too long, and the stored title stays as it was. */
static void
test_edit_keeps_long_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *long_title = amw_test_repeat ("x", 1500);
  g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_autoptr(AmwArticle) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  AmwEditArticleDialog *dialog;

  /* Written as another program would, past the checks of the edit commands. */
  amw_set_str (&article->title, long_title);
  g_assert_true (amw_store_begin (fixture->store, &error));
  g_assert_true (amw_store_upsert_article (fixture->store, article, &error));
  g_assert_true (amw_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  dialog = open_edit (fixture, AWS_ARTICLE);
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Title")))), ==, 1500);
  g_assert_true (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Title"))), long_title));
  set_text (dialog, "Source", "AWS News");
  g_assert_false (amw_edit_article_dialog_save (dialog, NULL));
  amw_gui_test_spin (400);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Title: at most 1000 characters (this one has 1500)"));
  unchanged = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
  g_assert_true (g_str_equal (unchanged->title, long_title));
  g_assert_cmpstr (unchanged->source, !=, "AWS News");

  /* Shortening it is the way out; typing more is not. */
  set_text (dialog, "Title", "A title of a sensible length");
  g_assert_true (amw_edit_article_dialog_save (dialog, NULL));
}

/* ---- the vocabulary ---- */

/* Group titles are markup; the getter gives the text shown. */
static GtkWidget *
area_group (GtkWidget  *dialog,
            const char *area)
{
  return find_group (dialog, area);
}

static void
test_areas_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *initial = vocabulary_text (fixture->store);
  GtkWidget *dialog = present (amw_areas_dialog_new (GTK_WINDOW (fixture->parent), fixture->store));
  int chips_count = area_count (fixture->store, "Chips & Compute", "Open Debates");
  GtkWidget *add, *group;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *question;

  g_assert_cmpint (chips_count, >, 0);
  g_assert_true (has_shortcut (dialog, "Escape", "window.close"));
  g_assert_nonnull (area_group (dialog, "Chips & Compute"));
  g_assert_nonnull (button (dialog, "Delete “Foundation Models · Open Debates”"));

  /* Add */
  add = button (dialog, "Add This Knowledge Area");
  g_assert_false (gtk_widget_is_sensitive (add));
  set_text (dialog, "Area", "Robotics");
  set_text (dialog, "Facet", "Field Reports");
  click (add);
  g_assert_cmpint (area_count (fixture->store, "Robotics", "Field Reports"), ==, 0);
  group = area_group (dialog, "Robotics");
  g_assert_nonnull (group);
  g_assert_true (amw_gui_test_shows_text (group, "No articles"));
  /* An existing area can be picked instead of typed. */
  activate_row (open_popover (dialog, "Choose an Existing Area"), "Chips & Compute");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Area"))), ==, "Chips & Compute");
  set_text (dialog, "Area", "Robotics");
  /* The same again is refused before it is tried. */
  set_text (dialog, "Facet", "Field Reports");
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (amw_gui_test_shows_text (dialog, "already exists"));
  set_text (dialog, "Facet", "");

  /* Counts follow the articles. */
  {
    g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, AWS_ARTICLE, NULL);
    g_ptr_array_add (article->areas, amw_pair_new ("Robotics", "Field Reports"));
    g_assert_true (amw_store_edit_article (fixture->store, article, &error));
    g_assert_no_error (error);
    amw_gui_test_spin (20);
    g_assert_true (amw_gui_test_shows_text (area_group (dialog, "Robotics"), "1 article"));
    g_assert_true (amw_store_undo (fixture->store, NULL, &error));
    amw_gui_test_spin (20);
    g_assert_true (amw_gui_test_shows_text (area_group (dialog, "Robotics"), "No articles"));
  }

  /* Rename: the question holds both parts of the name; an existing name is refused. */
  click (button (dialog, "Rename “Robotics · Field Reports”"));
  g_assert_true (amw_gui_test_wait_for (has_message_dialog, NULL, 1000));
  question = find_message_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (question, "Area"))), ==, "Robotics");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (question, "Facet"))), ==, "Field Reports");
  g_assert_false (adw_message_dialog_get_response_enabled (question, "rename"));
  set_text (question, "Area", "Chips & Compute");
  set_text (question, "Facet", "Case Studies");
  g_assert_false (adw_message_dialog_get_response_enabled (question, "rename"));
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (question), "already exists"));
  set_text (question, "Area", "Robotics");
  g_assert_true (adw_message_dialog_get_response_enabled (question, "rename"));
  adw_message_dialog_response (question, "rename");
  amw_gui_test_spin (50);
  g_assert_cmpint (area_count (fixture->store, "Robotics", "Field Reports"), ==, -1);
  g_assert_cmpint (area_count (fixture->store, "Robotics", "Case Studies"), ==, 0);
  g_assert_nonnull (button (dialog, "Delete “Robotics · Case Studies”"));
  g_assert_null (amw_gui_test_find (dialog, GTK_TYPE_BUTTON, "Delete “Robotics · Field Reports”"));

  /* Delete, after saying how many articles lose it */
  click (button (dialog, "Delete “Chips & Compute · Open Debates”"));
  g_assert_true (amw_gui_test_wait_for (has_message_dialog, NULL, 1000));
  question = find_message_dialog ();
  heading = g_strdup_printf ("Remove “Chips & Compute · Open Debates” from %d article%s?",
                             chips_count, chips_count == 1 ? "" : "s");
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  adw_message_dialog_response (question, "delete");
  amw_gui_test_spin (50);
  g_assert_cmpint (area_count (fixture->store, "Chips & Compute", "Open Debates"), ==, -1);
  g_assert_null (amw_gui_test_find (dialog, GTK_TYPE_BUTTON, "Delete “Chips & Compute · Open Debates”"));
  {
    g_autoptr(AmwArticle) article = amw_store_get_article (fixture->store, CHIPS_ARTICLE, NULL);
    g_assert_false (has_area (article, "Chips & Compute", "Open Debates"));
  }

  /* Each action was one command: undo gives back the area with its articles, then the
   * old name, then no Robotics at all. */
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  amw_gui_test_spin (20);
  g_assert_cmpint (area_count (fixture->store, "Chips & Compute", "Open Debates"), ==, chips_count);
  {
    g_autofree char *count = g_strdup_printf ("%d article", chips_count);
    GtkWidget *chips = area_group (dialog, "Chips & Compute");
    g_autoptr(GPtrArray) rows = amw_gui_test_find_all (chips, ADW_TYPE_ACTION_ROW);
    gboolean shown = FALSE;

    for (guint i = 0; i < rows->len; i++)
      if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Open Debates"))
        shown = g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)), count);
    g_assert_true (shown);
  }
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_cmpint (area_count (fixture->store, "Robotics", "Field Reports"), ==, 0);
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  amw_gui_test_spin (20);
  {
    g_autofree char *restored = vocabulary_text (fixture->store);
    g_assert_cmpstr (restored, ==, initial);
  }
  g_assert_null (area_group (dialog, "Robotics"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The edit dialog's chips follow a rename made in the vocabulary meanwhile. */
static void
test_edit_follows_rename (Fixture       *fixture,
                          gconstpointer  data)
{
  AmwEditArticleDialog *dialog = open_edit (fixture, CHIPS_ARTICLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) after = NULL;

  g_assert_true (amw_store_rename_area (fixture->store, "Chips & Compute", "Open Debates",
                                        "Chips & Compute", "Debates", &error));
  amw_gui_test_spin (20);
  g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (dialog), "Chips & Compute · Debates"));
  /* The store renamed it on the article too: that is no edit of the editor's. */
  g_assert_false (amw_edit_article_dialog_has_changes (dialog));
  set_text (dialog, "Source", "AMW analysis");
  g_assert_true (amw_edit_article_dialog_save (dialog, &error));
  g_assert_no_error (error);
  after = amw_store_get_article (fixture->store, CHIPS_ARTICLE, NULL);
  g_assert_cmpstr (after->source, ==, "AMW analysis");
  g_assert_true (has_area (after, "Chips & Compute", "Debates"));
  /* The old name did not come back. */
  g_assert_cmpint (area_count (fixture->store, "Chips & Compute", "Open Debates"), ==, -1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- history ---- */

/* A toast's title is Pango markup: the name of an area is shown as typed, "&" and "<"
 * included (unescaped, GTK warns and shows nothing). */
static void
test_areas_toast_markup (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *dialog = present (amw_areas_dialog_new (GTK_WINDOW (fixture->parent), fixture->store));

  set_text (dialog, "Area", "R&D <Labs>");
  set_text (dialog, "Facet", "Notes");
  click (button (dialog, "Add This Knowledge Area"));
  g_assert_cmpint (area_count (fixture->store, "R&D <Labs>", "Notes"), ==, 0);
  g_assert_true (amw_gui_test_shows_text (dialog, "Added “R&D <Labs> · Notes”"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_history_dialog (Fixture       *fixture,
                     gconstpointer  data)
{
  AmwEditArticleDialog *edit = open_edit (fixture, AWS_ARTICLE);
  g_autoptr(GError) error = NULL;
  GtkWidget *history;
  g_autoptr(GPtrArray) rows = NULL;
  GString *long_read = g_string_new (NULL);
  const char *ids[] = { AWS_ARTICLE, NULL };
  gboolean found_tooltip = FALSE;

  history = present (amw_history_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, AWS_ARTICLE));
  g_assert_true (has_shortcut (history, "Escape", "window.close"));
  g_assert_true (amw_gui_test_shows_text (history, "No Changes Yet"));

  set_text (edit, "Title", "Amazon doubles down on Anthropic");
  g_assert_true (amw_edit_article_dialog_save (edit, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (edit));
  amw_gui_test_spin (50);

  /* Refreshed on ::changed: the title change, who made it. */
  g_assert_false (amw_gui_test_shows_text (history, "No Changes Yet"));
  g_assert_true (amw_gui_test_shows_text (history,
                 "Title: Amazon commits $25 billion to Anthropic through AWS → Amazon doubles down on Anthropic"));
  g_assert_true (amw_gui_test_shows_text (history, "by " EDITOR));

  /* Lists read as lists, newest first. */
  g_assert_true (amw_store_add_tag (fixture->store, ids, "compute deals", &error));
  amw_gui_test_spin (20);
  g_assert_true (amw_gui_test_shows_text (history, "Tags: Amazon, AWS, Anthropic, funding, cloud → Amazon, AWS, Anthropic, funding, cloud, compute deals"));
  g_assert_true (amw_store_set_article_field (fixture->store, AWS_ARTICLE, AMW_FIELD_AREAS,
                                              "[[\"Chips & Compute\", \"Case Studies\"]]", &error));
  amw_gui_test_spin (20);
  /* Too long for old → new: what was added and removed. */
  g_assert_true (amw_gui_test_shows_text (history, "Knowledge areas: added Chips & Compute · Case Studies; "
                                                   "removed Foundation Models · Case Studies, AI Infrastructure · Recurring Patterns"));
  rows = amw_gui_test_find_all (history, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), "<b>Knowledge areas:</b>"));

  /* A long AMW Read is cut in the row and whole in its tooltip. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (long_read, "Sentence %u of a long read. ", i);
  g_assert_true (amw_store_set_article_field (fixture->store, AWS_ARTICLE, AMW_FIELD_AMW_READ,
                                              long_read->str, &error));
  amw_gui_test_spin (20);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = amw_gui_test_find_all (history, ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (rows, i));
      if (tooltip != NULL && strstr (tooltip, "Sentence 29 of a long read.") != NULL)
        {
          found_tooltip = TRUE;
          g_assert_null (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Sentence 29"));
          g_assert_nonnull (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "…"));
        }
    }
  g_assert_true (found_tooltip);

  /* Undone changes leave the history. */
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_true (amw_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  amw_gui_test_spin (20);
  g_assert_true (amw_gui_test_shows_text (history, "No Changes Yet"));
  g_string_free (long_read, TRUE);
  gtk_window_destroy (GTK_WINDOW (history));
}

/* ---- screenshots ---- */

static void
save_png (GtkWidget  *window,
          const char *name)
{
  const char *dir = g_getenv ("AMW_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

static void
set_scheme (AdwColorScheme scheme)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  amw_gui_test_spin (300);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(GError) error = NULL;
  AmwEditArticleDialog *edit;
  GtkWidget *dialog, *popover;
  const char *ids[] = { PARTNERSHIP, NULL };

  if (g_getenv ("AMW_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("set AMW_SCREENSHOT_DIR to render the dialogs");
      return;
    }
  g_mkdir_with_parents (g_getenv ("AMW_SCREENSHOT_DIR"), 0755);
  gtk_css_provider_load_from_resource (provider, "/com/example/Amw/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  set_scheme (ADW_COLOR_SCHEME_FORCE_LIGHT);
  edit = open_edit (fixture, PARTNERSHIP);
  gtk_window_set_default_size (GTK_WINDOW (edit), 640, 1310);
  amw_gui_test_spin (300);
  save_png (GTK_WIDGET (edit), "edit-article-light.png");
  set_scheme (ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (GTK_WIDGET (edit), "edit-article-dark.png");

  /* The same with mistakes, to see the inline errors. */
  set_scheme (ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_text (edit, "URL", "javascript:alert(1)");
  set_text (edit, "Published", "2026-02-30");
  amw_gui_test_spin (200);
  save_png (GTK_WIDGET (edit), "edit-article-invalid-light.png");
  /* Popovers are surfaces of their own. */
  popover = open_popover (edit, "Add a Knowledge Area");
  amw_gui_test_spin (200);
  save_png (popover, "edit-article-areas-popover-light.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  popover = open_popover (edit, "Link a Company");
  amw_gui_test_spin (200);
  save_png (popover, "edit-article-company-popover-light.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_window_destroy (GTK_WINDOW (edit));

  dialog = present (amw_areas_dialog_new (GTK_WINDOW (fixture->parent), fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 900);
  amw_gui_test_spin (300);
  save_png (dialog, "areas-light.png");
  set_scheme (ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (dialog, "areas-dark.png");
  set_scheme (ADW_COLOR_SCHEME_FORCE_LIGHT);
  click (button (dialog, "Rename “Chips & Compute · Open Debates”"));
  amw_gui_test_spin (300);
  save_png (GTK_WIDGET (find_message_dialog ()), "areas-rename-light.png");
  adw_message_dialog_response (find_message_dialog (), "cancel");
  amw_gui_test_spin (100);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A history with a few kinds of change. */
  edit = open_edit (fixture, PARTNERSHIP);
  set_text (edit, "Title", "Microsoft and OpenAI rewrite their partnership");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (edit, "Status")), 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (edit, "The AMW Read")),
                            "The exclusivity that defined the first phase is gone: Azure keeps first call on "
                            "OpenAI's APIs, but the IP license is now non-exclusive and OpenAI may buy compute "
                            "elsewhere. Read it as a hedge on both sides rather than a break.", -1);
  g_assert_true (amw_edit_article_dialog_save (edit, &error));
  gtk_window_destroy (GTK_WINDOW (edit));
  g_assert_true (amw_store_add_tag (fixture->store, ids, "compute", &error));
  g_assert_no_error (error);
  dialog = present (amw_history_dialog_new (GTK_WINDOW (fixture->parent), fixture->store, PARTNERSHIP));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 640);
  amw_gui_test_spin (300);
  save_png (dialog, "history-light.png");
  set_scheme (ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (dialog, "history-dark.png");
  set_scheme (ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

  g_test_add ("/edit-dialogs/edit/refuses-invalid", Fixture, NULL, fixture_set_up, test_edit_refuses_invalid, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/saves-one-command", Fixture, NULL, fixture_set_up, test_edit_saves_one_command, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/lists", Fixture, NULL, fixture_set_up, test_edit_lists, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/cancel-asks", Fixture, NULL, fixture_set_up, test_edit_cancel_asks, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/save-error-inline", Fixture, NULL, fixture_set_up_file, test_edit_save_error_inline, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/limits", Fixture, NULL, fixture_set_up, test_edit_limits, fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/keeps-long-text", Fixture, NULL, fixture_set_up, test_edit_keeps_long_text,
              fixture_tear_down);
  g_test_add ("/edit-dialogs/edit/follows-rename", Fixture, NULL, fixture_set_up, test_edit_follows_rename, fixture_tear_down);
  g_test_add ("/edit-dialogs/areas", Fixture, NULL, fixture_set_up, test_areas_dialog, fixture_tear_down);
  g_test_add ("/edit-dialogs/areas/toast-markup", Fixture, NULL, fixture_set_up, test_areas_toast_markup, fixture_tear_down);
  g_test_add ("/edit-dialogs/history", Fixture, NULL, fixture_set_up, test_history_dialog, fixture_tear_down);
  g_test_add ("/edit-dialogs/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
