/* amw-manage-tags-dialog.c — every tag with how many articles use it, filterable; each row
 * renames (offering a merge when the name is taken), merges into another tag (with a
 * preview of how many articles change) or deletes (after a confirmation). Each is one store
 * command; a toast offers to undo it. The list follows the store. */
#include "amw-config.h"
#include "amw-manage-tags-dialog.h"

#include <glib/gi18n.h>

#include "amw-entry-limits.h"

struct _AmwManageTagsDialog
{
  AdwWindow           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *used_once_check;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  /* owned */
  AmwStore           *store;
  GtkStringList      *tags;        /* names, most used first */
  GHashTable         *counts;      /* name → usage count */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  gulong              store_changed_id;
};

/* The widgets of one list row, kept on the row's box. */
typedef struct {
  AmwManageTagsDialog *dialog;
  GtkWidget           *name_label;
  GtkWidget           *count_label;
  GtkWidget           *rename_button;
  GtkWidget           *merge_button;
  GtkWidget           *delete_button;
  char                *tag;
} TagRow;

/* An open rename or merge popover. */
typedef struct {
  AmwManageTagsDialog *dialog;
  GtkWidget           *popover;
  GtkWidget           *entry;      /* rename */
  GtkWidget           *drop_down;  /* merge */
  GtkWidget           *note;
  GtkWidget           *button;
  char                *tag;
  char                *target;     /* rename: the existing tag the new name matches */
} TagPopover;

G_DEFINE_FINAL_TYPE (AmwManageTagsDialog, amw_manage_tags_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static void
tag_row_free (TagRow *row)
{
  g_free (row->tag);
  g_free (row);
}

static void
tag_popover_free (TagPopover *state)
{
  g_free (state->tag);
  g_free (state->target);
  g_free (state);
}

static char *
tag_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

static guint
tag_count (AmwManageTagsDialog *self,
           const char          *tag)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, tag));
}

/* The existing tag named @name case-insensitively, or NULL. */
static const char *
find_tag (AmwManageTagsDialog *self,
          const char          *name)
{
  g_autofree char *key = tag_key (name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));

  for (guint i = 0; i < n; i++)
    {
      const char *tag = gtk_string_list_get_string (self->tags, i);
      g_autofree char *other = tag_key (tag);

      if (g_str_equal (key, other))
        return tag;
    }
  return NULL;
}

static char *
retag_preview (guint n)
{
  /* TRANSLATORS: shown before merging one tag into another */
  return g_strdup_printf (ngettext ("%u article will be retagged", "%u articles will be retagged", n), n);
}

/* Reports the outcome of a command: a toast that can undo it, or the error. */
static void
report (AmwManageTagsDialog *self,
        gboolean             ok,
        const char          *done_message,
        GError              *error)
{
  /* A toast's title is Pango markup: tags and messages must be escaped. */
  g_autofree char *markup = g_markup_escape_text (ok ? done_message : error->message, -1);
  AdwToast *toast = adw_toast_new (markup);

  if (ok)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "manage.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
merge_tags (AmwManageTagsDialog *self,
            const char          *tag,
            const char          *into)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = g_strdup (tag);
  g_autofree char *target = g_strdup (into);
  gboolean ok = amw_store_merge_tags (self->store, from, target, &error);
  /* TRANSLATORS: the first %s is merged into the second */
  g_autofree char *message = g_strdup_printf (_("Merged “%s” into “%s”"), from, target);

  report (self, ok, message, error);
}

static void
update_filter_state (AmwManageTagsDialog *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *subtitle = NULL;

  if (n_shown == n_all)
    subtitle = g_strdup_printf (ngettext ("%u tag", "%u tags", n_all), n_all);
  else
    /* TRANSLATORS: how many tags the filter shows, e.g. "3 of 26 tags" */
    subtitle = g_strdup_printf (ngettext ("%u of %u tag", "%u of %u tags", n_all), n_shown, n_all);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n_all == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Tags Yet"));
      adw_status_page_set_description (self->empty_page, _("Tags added to articles appear here"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Tags"));
      adw_status_page_set_description (self->empty_page, _("Try other words, or show every tag"));
    }
  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
}

static void
load_tags (AmwManageTagsDialog *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_hash_table_remove_all (self->counts);
  if (self->store != NULL && (tags = amw_store_list_tags (self->store, &error)) == NULL)
    g_warning ("Could not list the tags: %s", error->message);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);

      g_strv_builder_add (builder, tag->name);
      g_hash_table_insert (self->counts, g_strdup (tag->name), GUINT_TO_POINTER (tag->count));
    }
  names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                          (const char * const *) names);
  update_filter_state (self);
}

/* ---- rename popover ---- */

static void
on_rename_entry_changed_cb (GtkEditable *entry,
                            TagPopover  *state)
{
  AmwManageTagsDialog *self = state->dialog;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *own_key = tag_key (state->tag);
  g_autofree char *new_key = tag_key (name);
  const char *existing = find_tag (self, name);
  gboolean conflict = existing != NULL && !g_str_equal (own_key, new_key);

  g_clear_pointer (&state->target, g_free);
  gtk_widget_set_visible (state->note, conflict);
  if (conflict)
    {
      g_autofree char *preview = retag_preview (tag_count (self, state->tag));
      /* TRANSLATORS: renaming a tag to a name another tag has; %s are tags, the last is a count */
      g_autofree char *note = g_strdup_printf (_("“%s” already exists. Merge “%s” into it instead? %s."),
                                               existing, state->tag, preview);

      state->target = g_strdup (existing);
      gtk_label_set_text (GTK_LABEL (state->note), note);
      gtk_button_set_label (GTK_BUTTON (state->button), _("_Merge"));
    }
  else
    gtk_button_set_label (GTK_BUTTON (state->button), _("_Rename"));
  gtk_widget_set_sensitive (state->button, name[0] != '\0' && !g_str_equal (name, state->tag));
}

static void
on_rename_button_clicked_cb (GtkButton  *button,
                             TagPopover *state)
{
  AmwManageTagsDialog *self = state->dialog;
  g_autofree char *tag = g_strdup (state->tag);
  g_autofree char *target = g_strdup (state->target);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->entry))));
  g_autoptr(GError) error = NULL;

  if (name[0] == '\0' || g_str_equal (name, tag))
    return;
  /* The popover's row is rebound when the store changes: close it first. */
  gtk_popover_popdown (GTK_POPOVER (state->popover));
  if (target != NULL)
    merge_tags (self, tag, target);
  else
    {
      gboolean ok = amw_store_rename_tag (self->store, tag, name, &error);
      /* TRANSLATORS: a tag was renamed from the first %s to the second */
      g_autofree char *message = g_strdup_printf (_("Renamed “%s” to “%s”"), tag, name);

      report (self, ok, message, error);
    }
}

static GtkWidget *
popover_box (GtkWidget  *popover,
             const char *heading_text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (heading_text);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 32);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return box;
}

static GtkWidget *
note_label (void)
{
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 30);
  gtk_label_set_width_chars (GTK_LABEL (note), 30);
  return note;
}

static GtkWidget *
popover_button (TagPopover *state,
                GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Rename"));

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect (button, "clicked", callback, state);
  gtk_popover_set_default_widget (GTK_POPOVER (state->popover), button);
  return button;
}

static void
create_rename_popover_cb (GtkMenuButton *menu_button,
                          gpointer       user_data)
{
  TagRow *row = user_data;
  TagPopover *state = g_new0 (TagPopover, 1);
  /* TRANSLATORS: %s is a tag */
  g_autofree char *heading = g_strdup_printf (_("Rename “%s”"), row->tag);
  GtkWidget *box;

  state->dialog = row->dialog;
  state->tag = g_strdup (row->tag);
  state->popover = gtk_popover_new ();
  g_object_set_data_full (G_OBJECT (state->popover), "state", state, (GDestroyNotify) tag_popover_free);
  box = popover_box (state->popover, heading);

  state->entry = gtk_entry_new ();
  amw_editable_set_max_chars (GTK_EDITABLE (state->entry), AMW_LIMIT_TAG_CHARS);
  amw_editable_load_text (GTK_EDITABLE (state->entry), row->tag);
  gtk_entry_set_activates_default (GTK_ENTRY (state->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (state->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  gtk_box_append (GTK_BOX (box), state->entry);

  state->note = note_label ();
  gtk_widget_add_css_class (state->note, "caption");
  gtk_box_append (GTK_BOX (box), state->note);

  state->button = popover_button (state, G_CALLBACK (on_rename_button_clicked_cb));
  gtk_box_append (GTK_BOX (box), state->button);

  g_signal_connect (state->entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), state);
  on_rename_entry_changed_cb (GTK_EDITABLE (state->entry), state);
  gtk_menu_button_set_popover (menu_button, state->popover);
}

/* ---- merge popover ---- */

static void
on_merge_target_selected_cb (GtkDropDown *drop_down,
                             GParamSpec  *pspec,
                             TagPopover  *state)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);
  AmwManageTagsDialog *self = state->dialog;
  g_autofree char *preview = retag_preview (tag_count (self, state->tag));

  g_clear_pointer (&state->target, g_free);
  if (item != NULL)
    {
      state->target = g_strdup (gtk_string_object_get_string (item));
      /* TRANSLATORS: the merge preview; "5 articles will be retagged: “cloud” becomes “funding”." */
      g_autofree char *text = g_strdup_printf (_("%s: “%s” becomes “%s”."), preview, state->tag, state->target);
      gtk_label_set_text (GTK_LABEL (state->note), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (state->note), preview);
  gtk_widget_set_sensitive (state->button, state->target != NULL);
}

static void
on_merge_button_clicked_cb (GtkButton  *button,
                            TagPopover *state)
{
  AmwManageTagsDialog *self = state->dialog;
  g_autofree char *tag = g_strdup (state->tag);
  g_autofree char *target = g_strdup (state->target);

  if (target == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (state->popover));
  merge_tags (self, tag, target);
}

static void
create_merge_popover_cb (GtkMenuButton *menu_button,
                         gpointer       user_data)
{
  TagRow *row = user_data;
  AmwManageTagsDialog *self = row->dialog;
  TagPopover *state = g_new0 (TagPopover, 1);
  g_autoptr(GtkStringList) others = gtk_string_list_new (NULL);
  /* TRANSLATORS: %s is a tag; a heading above the choice of the tag to merge it into */
  g_autofree char *heading = g_strdup_printf (_("Merge “%s” Into"), row->tag);
  GtkWidget *box;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tags)); i++)
    {
      const char *tag = gtk_string_list_get_string (self->tags, i);
      if (!g_str_equal (tag, row->tag))
        gtk_string_list_append (others, tag);
    }

  state->dialog = self;
  state->tag = g_strdup (row->tag);
  state->popover = gtk_popover_new ();
  g_object_set_data_full (G_OBJECT (state->popover), "state", state, (GDestroyNotify) tag_popover_free);
  box = popover_box (state->popover, heading);

  state->drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&others)),
                                        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (state->drop_down), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state->drop_down), GTK_INVALID_LIST_POSITION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (state->drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag to keep"), -1);
  gtk_widget_set_tooltip_text (state->drop_down, _("Tag to keep"));
  gtk_box_append (GTK_BOX (box), state->drop_down);

  state->note = note_label ();
  gtk_box_append (GTK_BOX (box), state->note);

  state->button = popover_button (state, G_CALLBACK (on_merge_button_clicked_cb));
  gtk_button_set_label (GTK_BUTTON (state->button), _("_Merge"));
  gtk_box_append (GTK_BOX (box), state->button);

  g_signal_connect (state->drop_down, "notify::selected", G_CALLBACK (on_merge_target_selected_cb), state);
  on_merge_target_selected_cb (GTK_DROP_DOWN (state->drop_down), NULL, state);
  gtk_menu_button_set_popover (menu_button, state->popover);
}

/* ---- delete ---- */

static void
on_delete_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       AmwManageTagsDialog *self)
{
  const char *tag = g_object_get_data (G_OBJECT (dialog), "tag");

  /* self may have been closed meanwhile: it is kept alive, but its store is gone. */
  if (g_str_equal (response, "delete") && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = amw_store_delete_tag (self->store, tag, &error);
      /* TRANSLATORS: %s is a tag */
      g_autofree char *message = g_strdup_printf (_("Deleted “%s”"), tag);

      report (self, ok, message, error);
    }
  g_object_unref (self);
}

static void
on_delete_clicked_cb (GtkButton *button,
                      TagRow    *row)
{
  AmwManageTagsDialog *self = row->dialog;
  guint n = tag_count (self, row->tag);
  /* TRANSLATORS: %s is a tag */
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), row->tag);
  g_autofree char *body = g_strdup_printf (ngettext ("It is used by %u article.", "It is used by %u articles.", n), n);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tag", g_strdup (row->tag), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- rows ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AmwManageTagsDialog      *self)
{
  TagRow *row = g_new0 (TagRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  row->dialog = self;
  row->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name_label), PANGO_ELLIPSIZE_END);
  row->count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->count_label), 0);
  gtk_widget_add_css_class (row->count_label, "caption");
  gtk_widget_add_css_class (row->count_label, "dim-label");
  gtk_widget_add_css_class (row->count_label, "numeric");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), row->name_label);
  gtk_box_append (GTK_BOX (text), row->count_label);
  gtk_box_append (GTK_BOX (box), text);

  /* Labels of our own: a menu button's label comes with an arrow, too heavy on every row. */
  row->rename_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (row->rename_button), gtk_label_new (_("Rename…")));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (row->rename_button), create_rename_popover_cb, row, NULL);
  row->merge_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (row->merge_button), gtk_label_new (_("Merge…")));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (row->merge_button), create_merge_popover_cb, row, NULL);
  row->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (row->delete_button, _("Delete"));
  g_signal_connect (row->delete_button, "clicked", G_CALLBACK (on_delete_clicked_cb), row);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (row->rename_button), FALSE);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (row->merge_button), FALSE);
  gtk_widget_add_css_class (row->delete_button, "flat");
  gtk_widget_set_valign (row->rename_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (row->merge_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (row->delete_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), row->rename_button);
  gtk_box_append (GTK_BOX (box), row->merge_button);
  gtk_box_append (GTK_BOX (box), row->delete_button);
  gtk_widget_set_sensitive (box, self->store != NULL && !amw_store_is_read_only (self->store));

  g_object_set_data_full (G_OBJECT (box), "row", row, (GDestroyNotify) tag_row_free);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AmwManageTagsDialog      *self)
{
  TagRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "row");
  const char *tag = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  guint n = tag_count (self, tag);
  g_autofree char *count = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  /* TRANSLATORS: accessible names of the buttons of a tag's row; %s is the tag */
  g_autofree char *rename = g_strdup_printf (_("Rename “%s”"), tag);
  g_autofree char *merge = g_strdup_printf (_("Merge “%s” into another tag"), tag);
  g_autofree char *delete = g_strdup_printf (_("Delete “%s”"), tag);

  amw_set_str (&row->tag, tag);
  gtk_label_set_text (GTK_LABEL (row->name_label), tag);
  gtk_label_set_text (GTK_LABEL (row->count_label), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->rename_button), GTK_ACCESSIBLE_PROPERTY_LABEL, rename, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->merge_button), GTK_ACCESSIBLE_PROPERTY_LABEL, merge, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL, delete, -1);
  /* There must be another tag to merge into. */
  gtk_widget_set_sensitive (row->merge_button, g_list_model_get_n_items (G_LIST_MODEL (self->tags)) > 1);
}

static gboolean
filter_tag (gpointer item,
            gpointer user_data)
{
  AmwManageTagsDialog *self = user_data;
  const char *tag = gtk_string_object_get_string (item);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (gtk_check_button_get_active (self->used_once_check) && tag_count (self, tag) != 1)
    return FALSE;
  if (!amw_is_blank (search))
    {
      g_autofree char *key = tag_key (tag);
      g_autofree char *wanted = tag_key (search);

      return strstr (key, wanted) != NULL;
    }
  return TRUE;
}

/* ---- callbacks ---- */

static void
on_store_changed_cb (AmwManageTagsDialog *self,
                     guint                flags)
{
  if (flags & (AMW_CHANGE_TAGS | AMW_CHANGE_ARTICLES))
    load_tags (self);
}

static void
on_filter_changed_cb (AmwManageTagsDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_filter_state (self);
}

static void
on_search_entry_stop_search_cb (AmwManageTagsDialog *self)
{
  /* Escape in a filled filter clears it; in an empty one, closes the window. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwManageTagsDialog *self = AMW_MANAGE_TAGS_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!amw_store_undo (self->store, NULL, &error))
    report (self, FALSE, NULL, error);
}

/* ---- GObject ---- */

static void
amw_manage_tags_dialog_constructed (GObject *object)
{
  AmwManageTagsDialog *self = AMW_MANAGE_TAGS_DIALOG (object);

  G_OBJECT_CLASS (amw_manage_tags_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    self->store_changed_id = g_signal_connect_swapped (self->store, "changed",
                                                       G_CALLBACK (on_store_changed_cb), self);
  load_tags (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

static void
amw_manage_tags_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AmwManageTagsDialog *self = AMW_MANAGE_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_manage_tags_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AmwManageTagsDialog *self = AMW_MANAGE_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_manage_tags_dialog_dispose (GObject *object)
{
  AmwManageTagsDialog *self = AMW_MANAGE_TAGS_DIALOG (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_MANAGE_TAGS_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_manage_tags_dialog_parent_class)->dispose (object);
}

static void
amw_manage_tags_dialog_finalize (GObject *object)
{
  g_hash_table_unref (AMW_MANAGE_TAGS_DIALOG (object)->counts);
  G_OBJECT_CLASS (amw_manage_tags_dialog_parent_class)->finalize (object);
}

static void
amw_manage_tags_dialog_class_init (AmwManageTagsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_manage_tags_dialog_constructed;
  object_class->get_property = amw_manage_tags_dialog_get_property;
  object_class->set_property = amw_manage_tags_dialog_set_property;
  object_class->dispose = amw_manage_tags_dialog_dispose;
  object_class->finalize = amw_manage_tags_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-manage-tags-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, used_once_check);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, AmwManageTagsDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_install_action (widget_class, "manage.undo", NULL, undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
amw_manage_tags_dialog_init (AmwManageTagsDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tags = gtk_string_list_new (NULL);
  self->filter = gtk_custom_filter_new (filter_tag, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->tags)), GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_filter_state), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* ---- public API ---- */

GtkWidget *
amw_manage_tags_dialog_new (GtkWindow *parent,
                            AmwStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_MANAGE_TAGS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
