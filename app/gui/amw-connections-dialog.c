/* amw-connections-dialog.c — edit one article's How This Connects list
 *
 * The list is edited in memory (an array of Link) and written on Save as one
 * AMW_FIELD_CONNECTIONS command, so a whole session of edits is one undo step. The rows of
 * the list are rebuilt from the array after each change: the list is a handful of items,
 * the suggestions are at most 12 and the search results at most 20. */
#include "amw-config.h"
#include "amw-connections-dialog.h"

#include <glib/gi18n.h>

#include "amw-format.h"
#include "amw-json-values.h"

#define SUGGESTION_LIMIT 12
#define SEARCH_LIMIT     20

/* One item that can be in the list: an article or a timeline event, as it reads. */
typedef struct {
  char     *kind;        /* "article" or "event" */
  char     *id;
  char     *title;
  char     *date;
  char     *precision;   /* events only; NULL for a day */
  char     *event_kind;  /* events only */
  char     *company;     /* name of the first company, nullable */
  gboolean  missing;     /* the target no longer exists */
} Link;

typedef enum {
  FOCUS_ROW,
  FOCUS_UP,
  FOCUS_DOWN,
} FocusTarget;

struct _AmwConnectionsDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkListBox     *connections_list;
  GtkListBox     *suggestions_list;
  GtkSearchEntry *search_entry;
  GtkListBox     *results_list;

  /* owned */
  AmwStore       *store;
  char           *article_id;
  GPtrArray      *links;        /* Link: the list as edited */
  GPtrArray      *saved;        /* Link: the list as stored */
  GPtrArray      *suggestions;  /* Link */
  GPtrArray      *results;      /* Link */
  GCancellable   *searching;    /* set while a search runs */
};

G_DEFINE_FINAL_TYPE (AmwConnectionsDialog, amw_connections_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- links ---- */

static void
link_free (Link *link)
{
  g_free (link->kind);
  g_free (link->id);
  g_free (link->title);
  g_free (link->date);
  g_free (link->precision);
  g_free (link->event_kind);
  g_free (link->company);
  g_free (link);
}

static Link *
link_copy (const Link *link)
{
  Link *copy = g_new0 (Link, 1);

  copy->kind = g_strdup (link->kind);
  copy->id = g_strdup (link->id);
  copy->title = g_strdup (link->title);
  copy->date = g_strdup (link->date);
  copy->precision = g_strdup (link->precision);
  copy->event_kind = g_strdup (link->event_kind);
  copy->company = g_strdup (link->company);
  copy->missing = link->missing;
  return copy;
}

static gboolean
link_equal (const Link *a,
            const Link *b)
{
  return g_strcmp0 (a->kind, b->kind) == 0 && g_strcmp0 (a->id, b->id) == 0;
}

static char *
company_name (AmwStore   *store,
              const char *company_id)
{
  g_autoptr(AmwCompany) company = NULL;

  if (company_id == NULL)
    return NULL;
  company = amw_store_get_company (store, company_id, NULL);
  return g_strdup (company != NULL ? company->name : company_id);
}

/* Reads what a row shows about (@kind, @id); a target that is gone is kept, marked. */
static Link *
link_load (AmwStore   *store,
           const char *kind,
           const char *id)
{
  Link *link = g_new0 (Link, 1);
  const char *company_id = NULL;
  g_autoptr(AmwArticle) article = NULL;
  g_autoptr(AmwEvent) event = NULL;

  link->kind = g_strdup (kind);
  link->id = g_strdup (id);
  if (g_strcmp0 (kind, "article") == 0)
    {
      if ((article = amw_store_get_article (store, id, NULL)) != NULL)
        {
          link->title = g_strdup (article->title);
          link->date = g_strdup (article->published);
          if (article->companies->len > 0)
            company_id = ((AmwPair *) g_ptr_array_index (article->companies, 0))->first;
        }
    }
  else if ((event = amw_store_get_event (store, id, NULL)) != NULL)
    {
      link->title = g_strdup (event->title);
      link->date = g_strdup (event->date);
      link->precision = g_strdup (event->precision);
      link->event_kind = g_strdup (event->kind);
      if (event->companies->len > 0)
        company_id = g_ptr_array_index (event->companies, 0);
    }

  if (link->title == NULL)
    {
      link->missing = TRUE;
      link->title = g_strdup (id);
    }
  link->company = company_name (store, company_id);
  return link;
}

static GPtrArray *
link_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
}

static gboolean
links_contain (GPtrArray  *links,
               const Link *link)
{
  for (guint i = 0; i < links->len; i++)
    if (link_equal (g_ptr_array_index (links, i), link))
      return TRUE;
  return FALSE;
}

/* "12 Mar 2026 · Partnership · Microsoft" */
static char *
link_subtitle (const Link *link)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;

  if (link->missing)
    return g_strdup (g_strcmp0 (link->kind, "article") == 0
                     ? _("Article not found — it may have been deleted")
                     : _("Event not found — it may have been deleted"));
  date = amw_format_date (link->date, link->precision);
  g_string_append (text, date);
  g_string_append (text, " · ");
  g_string_append (text, g_strcmp0 (link->kind, "article") == 0
                         ? amw_event_kind_label ("article")
                         : amw_event_kind_label (link->event_kind));
  if (!amw_is_blank (link->company))
    {
      g_string_append (text, " · ");
      g_string_append (text, link->company);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- rows ---- */

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
link_row_new (const Link *link)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = link_subtitle (link);

  /* Titles are plain text, "&" and all. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  if (link->missing)
    gtk_widget_add_css_class (row, "error");
  return row;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static guint
row_index_of (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  g_assert (row != NULL);
  return (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void rebuild_connections (AmwConnectionsDialog *self);

static gboolean
is_modified (AmwConnectionsDialog *self)
{
  if (self->links->len != self->saved->len)
    return TRUE;
  for (guint i = 0; i < self->links->len; i++)
    if (!link_equal (g_ptr_array_index (self->links, i), g_ptr_array_index (self->saved, i)))
      return TRUE;
  return FALSE;
}

static void
update_actions (AmwConnectionsDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save",
                                 self->article_id != NULL && is_modified (self));
}

/* Suggestions and results already in the list say so instead of offering Add. */
static void
refresh_add_buttons (AmwConnectionsDialog *self,
                     GtkListBox           *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const Link *link = g_object_get_data (G_OBJECT (row), "link");
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "add-button");
      gboolean added;

      if (link == NULL || button == NULL)
        continue;
      added = links_contain (self->links, link);
      gtk_button_set_label (GTK_BUTTON (button), added ? C_("connection", "Added") : C_("connection", "Add"));
      gtk_widget_set_sensitive (button, !added);
    }
}

static void
changed (AmwConnectionsDialog *self)
{
  rebuild_connections (self);
  refresh_add_buttons (self, self->suggestions_list);
  refresh_add_buttons (self, self->results_list);
  update_actions (self);
}

static void
focus_connection (AmwConnectionsDialog *self,
                  guint                 index,
                  FocusTarget           target)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->connections_list, (int) index);
  GtkWidget *button = NULL;

  if (row == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  if (target == FOCUS_UP)
    button = g_object_get_data (G_OBJECT (row), "up-button");
  else if (target == FOCUS_DOWN)
    button = g_object_get_data (G_OBJECT (row), "down-button");
  if (button != NULL && gtk_widget_get_sensitive (button))
    gtk_widget_grab_focus (button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
move_link (AmwConnectionsDialog *self,
           guint                 index,
           int                   delta,
           FocusTarget           target)
{
  guint to = index + delta;
  gpointer link;

  if (index >= self->links->len || to >= self->links->len)
    return;
  link = self->links->pdata[index];
  self->links->pdata[index] = self->links->pdata[to];
  self->links->pdata[to] = link;
  changed (self);
  focus_connection (self, to, target);
}

static void
remove_link (AmwConnectionsDialog *self,
             guint                 index)
{
  if (index >= self->links->len)
    return;
  g_ptr_array_remove_index (self->links, index);
  changed (self);
  if (self->links->len == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    focus_connection (self, MIN (index, self->links->len - 1), FOCUS_ROW);
}

static void
on_up_clicked_cb (GtkButton            *button,
                  AmwConnectionsDialog *self)
{
  move_link (self, row_index_of (GTK_WIDGET (button)), -1, FOCUS_UP);
}

static void
on_down_clicked_cb (GtkButton            *button,
                    AmwConnectionsDialog *self)
{
  move_link (self, row_index_of (GTK_WIDGET (button)), 1, FOCUS_DOWN);
}

static void
on_remove_clicked_cb (GtkButton            *button,
                      AmwConnectionsDialog *self)
{
  remove_link (self, row_index_of (GTK_WIDGET (button)));
}

static void
rebuild_connections (AmwConnectionsDialog *self)
{
  remove_rows (self->connections_list);
  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = g_ptr_array_index (self->links, i);
      GtkWidget *row = link_row_new (link);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *up_label = NULL;
      g_autofree char *down_label = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *position = gtk_label_new (number);
      GtkWidget *up, *down, *remove;

      /* TRANSLATORS: accessible names of the buttons of a How This Connects item */
      up_label = g_strdup_printf (_("Move “%s” up"), link->title);
      down_label = g_strdup_printf (_("Move “%s” down"), link->title);
      remove_label = g_strdup_printf (_("Remove “%s”"), link->title);
      up = icon_button_new ("go-up-symbolic", _("Move Up (Alt+↑)"), up_label);
      down = icon_button_new ("go-down-symbolic", _("Move Down (Alt+↓)"), down_label);
      remove = icon_button_new ("user-trash-symbolic", _("Remove"), remove_label);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->links->len);

      gtk_label_set_width_chars (GTK_LABEL (position), 2);
      gtk_widget_add_css_class (position, "dim-label");
      gtk_widget_add_css_class (position, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (position), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      number, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), position);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_signal_connect (up, "clicked", G_CALLBACK (on_up_clicked_cb), self);
      g_signal_connect (down, "clicked", G_CALLBACK (on_down_clicked_cb), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      g_object_set_data (G_OBJECT (row), "up-button", up);
      g_object_set_data (G_OBJECT (row), "down-button", down);
      gtk_list_box_append (self->connections_list, row);
    }
}

static void
on_add_clicked_cb (GtkButton            *button,
                   AmwConnectionsDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const Link *link = g_object_get_data (G_OBJECT (row), "link");

  if (link == NULL || links_contain (self->links, link))
    return;
  g_ptr_array_add (self->links, link_copy (link));
  /* The button turns into "Added"; keep the keyboard where it was. */
  gtk_widget_grab_focus (row);
  changed (self);
}

/* Fills @list with @links, each with an Add button. */
static void
fill_candidates (AmwConnectionsDialog *self,
                 GtkListBox           *list,
                 GPtrArray            *links)
{
  remove_rows (list);
  for (guint i = 0; i < links->len; i++)
    {
      Link *link = g_ptr_array_index (links, i);
      GtkWidget *row = link_row_new (link);
      GtkWidget *add = gtk_button_new_with_label (C_("connection", "Add"));
      /* TRANSLATORS: accessible name of the Add button of a suggestion or search result */
      g_autofree char *label = g_strdup_printf (_("Add “%s” to How This Connects"), link->title);

      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      g_object_set_data (G_OBJECT (row), "link", link);
      g_object_set_data (G_OBJECT (row), "add-button", add);
      gtk_list_box_append (list, row);
    }
  refresh_add_buttons (self, list);
}

static void
load (AmwConnectionsDialog *self)
{
  g_autoptr(AmwArticle) article = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->links, 0);
  g_ptr_array_set_size (self->saved, 0);
  g_ptr_array_set_size (self->suggestions, 0);

  if (self->store == NULL || self->article_id == NULL)
    {
      changed (self);
      return;
    }

  article = amw_store_get_article (self->store, self->article_id, &error);
  if (article == NULL)
    {
      g_warning ("Could not read article %s: %s", self->article_id, error->message);
      g_clear_pointer (&self->article_id, g_free);
      changed (self);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, article->title);
  for (guint i = 0; i < article->connections->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (article->connections, i);

      g_ptr_array_add (self->saved, link_load (self->store, pair->first, pair->second));
      g_ptr_array_add (self->links, link_load (self->store, pair->first, pair->second));
    }

  suggestions = amw_store_suggest_connections (self->store, self->article_id, SUGGESTION_LIMIT, &error);
  if (suggestions == NULL)
    g_warning ("Could not suggest connections: %s", error->message);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      AmwSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      /* Only what the item is shows; why it scored is not the editor's concern. */
      g_ptr_array_add (self->suggestions, link_load (self->store, suggestion->kind, suggestion->id));
    }
  fill_candidates (self, self->suggestions_list, self->suggestions);
  changed (self);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AmwConnectionsDialog) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = amw_store_fetch_articles_finish (AMW_STORE (source), result, &error);
  /* A newer search (or closing the dialog) cancelled this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->searching);
  if (items == NULL)
    g_warning ("Could not search articles: %s", error->message);
  g_ptr_array_set_size (self->results, 0);
  for (guint i = 0; items != NULL && i < items->len && self->results->len < SEARCH_LIMIT; i++)
    {
      AmwArticleItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (amw_article_item_get_id (item), self->article_id) == 0)
        continue;
      g_ptr_array_add (self->results, link_load (self->store, "article", amw_article_item_get_id (item)));
    }
  fill_candidates (self, self->results_list, self->results);
}

/* Ranking a broad search over a large database takes a while: it runs on a worker thread,
 * and each keystroke cancels the search before it. */
static void
search (AmwConnectionsDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(AmwQuery) query = NULL;

  if (self->searching != NULL)
    {
      g_cancellable_cancel (self->searching);
      g_clear_object (&self->searching);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), !amw_is_blank (text));
  if (amw_is_blank (text) || self->store == NULL)
    {
      g_ptr_array_set_size (self->results, 0);
      remove_rows (self->results_list);
      return;
    }

  query = amw_query_new ();
  amw_query_set_search (query, text);
  /* Best match first ("descending" relevance). */
  amw_query_set_sort (query, AMW_SORT_RELEVANCE, TRUE);
  self->searching = g_cancellable_new ();
  /* One more than shown, since the article itself may be among them. */
  amw_store_fetch_articles_async (self->store, query, 0, SEARCH_LIMIT + 1, self->searching,
                                  on_search_done_cb, g_object_ref (self));
}

gboolean
amw_connections_dialog_is_searching (AmwConnectionsDialog *self)
{
  g_return_val_if_fail (AMW_IS_CONNECTIONS_DIALOG (self), FALSE);

  return self->searching != NULL;
}

/* ---- callbacks ---- */

static void
on_search_entry_search_changed_cb (AmwConnectionsDialog *self,
                                   GtkSearchEntry       *entry)
{
  search (self);
}

static void
on_search_entry_stop_search_cb (AmwConnectionsDialog *self,
                                GtkSearchEntry       *entry)
{
  /* Escape in a non-empty search clears it; in an empty one it cancels the dialog. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "dialog.cancel", NULL);
}

/* Alt+Up and Alt+Down move the focused item. */
static gboolean
on_connections_key_pressed_cb (GtkEventControllerKey *controller,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               AmwConnectionsDialog  *self)
{
  GtkWidget *focus;
  GtkWidget *row;
  int delta;

  if ((state & (GDK_ALT_MASK | GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != GDK_ALT_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    delta = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    delta = 1;
  else
    return FALSE;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->connections_list))
    return FALSE;
  move_link (self, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), delta, FOCUS_ROW);
  return TRUE;
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        AmwConnectionsDialog *self)
{
  /* Not while the question is still answering: it is transient for this window. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
ask_discard (AmwConnectionsDialog *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                              _("The How This Connects list has changes that "
                                                "are not saved."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_error (AmwConnectionsDialog *self,
            const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (widget);

  if (is_modified (self))
    ask_discard (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (widget);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (self->article_id == NULL || !is_modified (self))
    return;
  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = g_ptr_array_index (self->links, i);

      g_ptr_array_add (pairs, amw_pair_new (link->kind, link->id));
    }
  json = amw_json_from_pairs (pairs);
  if (!amw_store_set_article_field (self->store, self->article_id, AMW_FIELD_CONNECTIONS, json, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static gboolean
amw_connections_dialog_close_request (GtkWindow *window)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (window);

  if (is_modified (self))
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (amw_connections_dialog_parent_class)->close_request (window);
}

static void
amw_connections_dialog_constructed (GObject *object)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (object);

  G_OBJECT_CLASS (amw_connections_dialog_parent_class)->constructed (object);
  load (self);
}

static void
amw_connections_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE_ID:
      g_value_set_string (value, self->article_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_connections_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_ARTICLE_ID:
      amw_set_str (&self->article_id, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_connections_dialog_dispose (GObject *object)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (object);

  if (self->searching != NULL)
    g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_CONNECTIONS_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_connections_dialog_parent_class)->dispose (object);
}

static void
amw_connections_dialog_finalize (GObject *object)
{
  AmwConnectionsDialog *self = AMW_CONNECTIONS_DIALOG (object);

  g_free (self->article_id);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->saved);
  g_ptr_array_unref (self->suggestions);
  g_ptr_array_unref (self->results);
  G_OBJECT_CLASS (amw_connections_dialog_parent_class)->finalize (object);
}

static void
amw_connections_dialog_class_init (AmwConnectionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = amw_connections_dialog_constructed;
  object_class->get_property = amw_connections_dialog_get_property;
  object_class->set_property = amw_connections_dialog_set_property;
  object_class->dispose = amw_connections_dialog_dispose;
  object_class->finalize = amw_connections_dialog_finalize;
  window_class->close_request = amw_connections_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_string ("article-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-connections-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwConnectionsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwConnectionsDialog, connections_list);
  gtk_widget_class_bind_template_child (widget_class, AmwConnectionsDialog, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, AmwConnectionsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwConnectionsDialog, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
amw_connections_dialog_init (AmwConnectionsDialog *self)
{
  GtkEventController *keys;

  self->links = link_array_new ();
  self->saved = link_array_new ();
  self->suggestions = link_array_new ();
  self->results = link_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->connections_list,
                                placeholder_new (_("Nothing is connected yet. Add a suggestion, "
                                                   "or find an article by its title.")));
  gtk_list_box_set_placeholder (self->suggestions_list,
                                placeholder_new (_("No suggestions: no other article or event shares "
                                                   "a company, knowledge area or tag with this one.")));
  gtk_list_box_set_placeholder (self->results_list, placeholder_new (_("No article title matches")));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_connections_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->connections_list), keys);
}

/* ---- public API ---- */

GtkWidget *
amw_connections_dialog_new (GtkWindow  *parent,
                            AmwStore   *store,
                            const char *article_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  return g_object_new (AMW_TYPE_CONNECTIONS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "article-id", article_id,
                       NULL);
}

const char *
amw_connections_dialog_get_article_id (AmwConnectionsDialog *self)
{
  g_return_val_if_fail (AMW_IS_CONNECTIONS_DIALOG (self), NULL);
  return self->article_id;
}

gboolean
amw_connections_dialog_get_modified (AmwConnectionsDialog *self)
{
  g_return_val_if_fail (AMW_IS_CONNECTIONS_DIALOG (self), FALSE);
  return is_modified (self);
}
