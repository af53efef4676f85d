/* amw-areas-dialog.c — the knowledge-area vocabulary: add, rename, delete
 *
 * Every action is a store command at once (no Save): the store logs it, so it can be
 * undone from the window or from the toast that follows it. The list is read again
 * whenever the store says areas or articles changed, so counts stay true. */
#include "amw-config.h"
#include "amw-areas-dialog.h"

#include <glib/gi18n.h>

#include "amw-entry-limits.h"
#include "amw-format.h"

struct _AmwAreasDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  AdwPreferencesPage *page;
  AdwEntryRow     *area_row;
  AdwEntryRow     *facet_row;
  GtkWidget       *add_error;
  GtkPopover      *area_names_popover;
  GtkListBox      *area_names;

  /* owned */
  AmwStore        *store;
  GPtrArray       *groups;      /* the AdwPreferencesGroups listing the vocabulary */
  GPtrArray       *vocabulary;  /* AmwAreaCount */
  gulong           changed_id;
};

G_DEFINE_FINAL_TYPE (AmwAreasDialog, amw_areas_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a rename question works on. */
typedef struct {
  AmwAreasDialog   *dialog;
  char             *area;
  char             *facet;
  AdwMessageDialog *question;
  GtkEditable      *area_entry;
  GtkEditable      *facet_entry;
  GtkWidget        *error;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_free (data->area);
  g_free (data->facet);
  g_free (data);
}

/* ---- helpers ---- */

/* A toast's title is Pango markup: names ("Chips & Compute") must be escaped. */
static void
toast_with_undo (AmwAreasDialog *self,
                 const char     *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);
  gint64 group = amw_store_peek_undo (self->store, NULL);

  if (group > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "areas.undo");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (group));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (AmwAreasDialog *self,
                  const char     *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
vocabulary_has (AmwAreasDialog *self,
                const char     *area,
                const char     *facet)
{
  for (guint i = 0; self->vocabulary != NULL && i < self->vocabulary->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (self->vocabulary, i);

      if (g_str_equal (entry->area, area) && g_str_equal (entry->facet, facet))
        return TRUE;
    }
  return FALSE;
}

static char *
stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* ---- adding ---- */

static void
update_add (AmwAreasDialog *self)
{
  g_autofree char *area = stripped_text (GTK_EDITABLE (self->area_row));
  g_autofree char *facet = stripped_text (GTK_EDITABLE (self->facet_row));
  gboolean exists = *area != '\0' && *facet != '\0' && vocabulary_has (self, area, facet);

  if (exists)
    {
      g_autofree char *name = amw_format_area (area, facet);
      /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
      g_autofree char *text = g_strdup_printf (_("“%s” already exists."), name);
      gtk_label_set_text (GTK_LABEL (self->add_error), text);
    }
  gtk_widget_set_visible (self->add_error, exists);
  if (exists)
    gtk_widget_add_css_class (GTK_WIDGET (self->facet_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->facet_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "areas.add",
                                 *area != '\0' && *facet != '\0' && !exists);
}

static void
on_new_area_changed_cb (AmwAreasDialog *self)
{
  update_add (self);
}

static void
on_area_row_activated_cb (AmwAreasDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->facet_row));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (widget);
  g_autofree char *area = stripped_text (GTK_EDITABLE (self->area_row));
  g_autofree char *facet = stripped_text (GTK_EDITABLE (self->facet_row));
  g_autofree char *name = amw_format_area (area, facet);
  g_autoptr(GError) error = NULL;

  if (!amw_store_add_area (self->store, area, facet, &error))
    {
      gtk_label_set_text (GTK_LABEL (self->add_error), error->message);
      gtk_widget_set_visible (self->add_error, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->facet_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->facet_row));
  {
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
    g_autofree char *message = g_strdup_printf (_("Added “%s”"), name);
    toast_with_undo (self, message);
  }
}

static void
on_facet_row_activated_cb (AmwAreasDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "areas.add", NULL);
}

static void
on_area_name_activated_cb (AmwAreasDialog *self,
                           GtkListBoxRow  *row)
{
  amw_editable_load_text (GTK_EDITABLE (self->area_row), g_object_get_data (G_OBJECT (row), "area"));
  gtk_popover_popdown (self->area_names_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->facet_row));
}

/* ---- renaming ----
 *
 * A small question with the two parts of the name. (A popover per row would be destroyed
 * with its row when the list is read again after the rename.) */

static void
update_rename (RenameData *data)
{
  g_autofree char *area = stripped_text (data->area_entry);
  g_autofree char *facet = stripped_text (data->facet_entry);
  gboolean same = g_str_equal (area, data->area) && g_str_equal (facet, data->facet);
  gboolean exists = !same && vocabulary_has (data->dialog, area, facet);

  if (exists)
    {
      g_autofree char *name = amw_format_area (area, facet);
      /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
      g_autofree char *text = g_strdup_printf (_("“%s” already exists."), name);
      gtk_label_set_text (GTK_LABEL (data->error), text);
    }
  gtk_widget_set_visible (data->error, exists);
  adw_message_dialog_set_response_enabled (data->question, "rename",
                                           *area != '\0' && *facet != '\0' && !same && !exists);
}

static void
on_rename_response_cb (AdwMessageDialog *question,
                       const char       *response,
                       RenameData       *data)
{
  AmwAreasDialog *self = data->dialog;
  g_autofree char *area = stripped_text (data->area_entry);
  g_autofree char *facet = stripped_text (data->facet_entry);
  g_autofree char *old_name = amw_format_area (data->area, data->facet);
  g_autofree char *new_name = amw_format_area (area, facet);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename") || !adw_message_dialog_get_response_enabled (question, "rename"))
    return;
  if (!amw_store_rename_area (self->store, data->area, data->facet, area, facet, &error))
    {
      show_error_toast (self, error->message);
      return;
    }
  {
    /* TRANSLATORS: both are knowledge areas, "Area · Facet" */
    g_autofree char *message = g_strdup_printf (_("Renamed “%s” to “%s”"), old_name, new_name);
    toast_with_undo (self, message);
  }
}

static void
on_rename_entry_activated_cb (RenameData *data)
{
  if (adw_message_dialog_get_response_enabled (data->question, "rename"))
    adw_message_dialog_response (data->question, "rename");
}

static GtkWidget *
rename_entry (const char *title,
              const char *text,
              RenameData *data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  amw_editable_set_max_chars (GTK_EDITABLE (row), AMW_LIMIT_AREA_CHARS);
  amw_editable_load_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_rename), data);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_rename_entry_activated_cb), data);
  return row;
}

static void
on_rename_clicked_cb (GtkButton      *button,
                      AmwAreasDialog *self)
{
  const char *area = g_object_get_data (G_OBJECT (button), "area");
  const char *facet = g_object_get_data (G_OBJECT (button), "facet");
  guint count = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "count"));
  g_autofree char *name = amw_format_area (area, facet);
  g_autofree char *body = count > 0
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet"; %u a number of articles */
    ? g_strdup_printf (ngettext ("“%s” is on %u article, which keeps it under the new name.",
                                 "“%s” is on %u articles, which keep it under the new name.", count),
                       name, count)
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
    : g_strdup_printf (_("No article has “%s” yet."), name);
  RenameData *data = g_new0 (RenameData, 1);
  GtkWidget *question = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Knowledge Area"), body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *list = gtk_list_box_new ();

  data->dialog = self;
  data->area = g_strdup (area);
  data->facet = g_strdup (facet);
  data->question = ADW_MESSAGE_DIALOG (question);
  data->area_entry = GTK_EDITABLE (rename_entry (_("Area"), area, data));
  data->facet_entry = GTK_EDITABLE (rename_entry (_("Facet"), facet, data));
  data->error = gtk_label_new (NULL);
  g_object_set_data_full (G_OBJECT (question), "rename-data", data, (GDestroyNotify) rename_data_free);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->area_entry));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->facet_entry));
  gtk_label_set_wrap (GTK_LABEL (data->error), TRUE);
  gtk_widget_add_css_class (data->error, "error");
  gtk_widget_add_css_class (data->error, "caption");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), data->error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (question), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (question),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (question), "cancel");
  g_signal_connect (question, "response", G_CALLBACK (on_rename_response_cb), data);
  update_rename (data);
  gtk_window_present (GTK_WINDOW (question));
  gtk_widget_grab_focus (GTK_WIDGET (data->facet_entry));
}

static GtkWidget *
rename_button (AmwAreasDialog *self,
               AmwAreaCount   *entry,
               const char     *name)
{
  /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
  g_autofree char *tooltip = g_strdup_printf (_("Rename “%s”"), name);
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "area", g_strdup (entry->area), g_free);
  g_object_set_data_full (G_OBJECT (button), "facet", g_strdup (entry->facet), g_free);
  g_object_set_data (G_OBJECT (button), "count", GUINT_TO_POINTER (entry->count));
  g_signal_connect (button, "clicked", G_CALLBACK (on_rename_clicked_cb), self);
  return button;
}

/* ---- deleting ---- */

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AmwAreasDialog   *self)
{
  const char *area = g_object_get_data (G_OBJECT (dialog), "area");
  const char *facet = g_object_get_data (G_OBJECT (dialog), "facet");
  g_autofree char *name = amw_format_area (area, facet);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!amw_store_delete_area (self->store, area, facet, &error))
    {
      show_error_toast (self, error->message);
      return;
    }
  {
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
    g_autofree char *message = g_strdup_printf (_("Deleted “%s”"), name);
    toast_with_undo (self, message);
  }
}

static void
on_delete_clicked_cb (GtkButton      *button,
                      AmwAreasDialog *self)
{
  const char *area = g_object_get_data (G_OBJECT (button), "area");
  const char *facet = g_object_get_data (G_OBJECT (button), "facet");
  guint count = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "count"));
  g_autofree char *name = amw_format_area (area, facet);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (count > 0)
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet"; %u how many articles have it */
    heading = g_strdup_printf (ngettext ("Remove “%s” from %u article?", "Remove “%s” from %u articles?", count),
                               name, count);
  else
    /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
    heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   count > 0
                                   ? _("It leaves the vocabulary and every article that has it. You can undo this.")
                                   : _("No article has it. You can undo this."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", count > 0 ? _("_Remove") : _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "area", g_strdup (area), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "facet", g_strdup (facet), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
delete_button (AmwAreasDialog *self,
               AmwAreaCount   *entry,
               const char     *name)
{
  /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
  g_autofree char *tooltip = g_strdup_printf (_("Delete “%s”"), name);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "area", g_strdup (entry->area), g_free);
  g_object_set_data_full (G_OBJECT (button), "facet", g_strdup (entry->facet), g_free);
  g_object_set_data (G_OBJECT (button), "count", GUINT_TO_POINTER (entry->count));
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  return button;
}

/* ---- the list ---- */

static GtkWidget *
area_row (AmwAreasDialog *self,
          AmwAreaCount   *entry)
{
  g_autofree char *name = amw_format_area (entry->area, entry->facet);
  g_autofree char *count = entry->count > 0
    ? g_strdup_printf (ngettext ("%u article", "%u articles", entry->count), entry->count)
    : g_strdup (_("No articles"));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->facet);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rename_button (self, entry, name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button (self, entry, name));
  return row;
}

static GtkWidget *
area_group (const char *area)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_markup_escape_text (area, -1);

  /* Group titles are markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static void
fill_area_names (AmwAreasDialog *self)
{
  const char *previous = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->area_names))) != NULL)
    gtk_list_box_remove (self->area_names, child);
  for (guint i = 0; i < self->vocabulary->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (self->vocabulary, i);
      GtkWidget *row, *label;

      if (g_strcmp0 (previous, entry->area) == 0)
        continue;
      previous = entry->area;
      label = gtk_label_new (entry->area);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "area", g_strdup (entry->area), g_free);
      gtk_list_box_append (self->area_names, row);
    }
}

static void
fill (AmwAreasDialog *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *vocabulary = amw_store_list_areas (self->store, &error);
  AdwPreferencesGroup *group = NULL;
  const char *previous = NULL;
  guint n_areas = 0;

  if (vocabulary == NULL)
    {
      show_error_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->vocabulary, g_ptr_array_unref);
  self->vocabulary = vocabulary;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; i < vocabulary->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (vocabulary, i);

      if (group == NULL || g_strcmp0 (previous, entry->area) != 0)
        {
          group = ADW_PREFERENCES_GROUP (area_group (entry->area));
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->groups, group);
          previous = entry->area;
          n_areas++;
        }
      adw_preferences_group_add (group, area_row (self, entry));
    }

  if (vocabulary->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Knowledge Areas"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Add the first one above"));
      gtk_widget_add_css_class (empty, "compact");
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_add (group, empty);
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else
    {
      /* TRANSLATORS: how many areas (Foundation Models…) the vocabulary has */
      g_autofree char *areas = g_strdup_printf (ngettext ("%u area", "%u areas", n_areas), n_areas);
      /* TRANSLATORS: how many area · facet pairs the vocabulary has */
      g_autofree char *facets = g_strdup_printf (ngettext ("%u facet", "%u facets", vocabulary->len),
                                                 vocabulary->len);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", areas, facets);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  fill_area_names (self);
  update_add (self);
}

static void
on_store_changed_cb (AmwAreasDialog *self,
                     guint           flags)
{
  if (flags & (AMW_CHANGE_AREAS | AMW_CHANGE_ARTICLES))
    fill (self);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  /* Only the command the toast spoke of, if nothing came after it. */
  if (amw_store_peek_undo (self->store, NULL) != g_variant_get_int64 (parameter))
    return;
  if (!amw_store_undo (self->store, NULL, &error))
    show_error_toast (self, error->message);
}

/* ---- GObject ---- */

static void
amw_areas_dialog_constructed (GObject *object)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (object);

  G_OBJECT_CLASS (amw_areas_dialog_parent_class)->constructed (object);

  if (self->store == NULL)
    return;
  self->changed_id = g_signal_connect_swapped (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  fill (self);
}

static void
amw_areas_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (object);

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
amw_areas_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (object);

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
amw_areas_dialog_dispose (GObject *object)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_AREAS_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_areas_dialog_parent_class)->dispose (object);
}

static void
amw_areas_dialog_finalize (GObject *object)
{
  AmwAreasDialog *self = AMW_AREAS_DIALOG (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->vocabulary, g_ptr_array_unref);
  G_OBJECT_CLASS (amw_areas_dialog_parent_class)->finalize (object);
}

static void
amw_areas_dialog_class_init (AmwAreasDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_areas_dialog_constructed;
  object_class->get_property = amw_areas_dialog_get_property;
  object_class->set_property = amw_areas_dialog_set_property;
  object_class->dispose = amw_areas_dialog_dispose;
  object_class->finalize = amw_areas_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-areas-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, page);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, facet_row);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, add_error);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, area_names_popover);
  gtk_widget_class_bind_template_child (widget_class, AmwAreasDialog, area_names);
  gtk_widget_class_bind_template_callback (widget_class, on_new_area_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facet_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_name_activated_cb);

  gtk_widget_class_install_action (widget_class, "areas.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "areas.undo", "x", undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
amw_areas_dialog_init (AmwAreasDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  amw_editable_set_max_chars (GTK_EDITABLE (self->area_row), AMW_LIMIT_AREA_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->facet_row), AMW_LIMIT_AREA_CHARS);
  self->groups = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "areas.add", FALSE);
}

/* ---- public API ---- */

GtkWidget *
amw_areas_dialog_new (GtkWindow *parent,
                      AmwStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_AREAS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "modal", TRUE,
                       NULL);
}
