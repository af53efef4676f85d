/* amw-history-dialog.c — the change log of one article, newest first
 *
 * One group per command (when, and who), one row per changed field: "Field: old → new".
 * Values read as the article page shows them: statuses and dates translated, lists (kept
 * as JSON in the log) joined, companies and connections by name. Long values are cut,
 * with the whole change in the row's tooltip. Read again whenever the store changes. */
#include "amw-config.h"
#include "amw-history-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "amw-format.h"
#include "amw-json-values.h"

/* Characters of one value shown in a row; the tooltip has all of it. */
#define MAX_VALUE_CHARS 64

struct _AmwHistoryDialog
{
  AdwWindow           parent_instance;

  /* template widgets */
  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  AdwPreferencesPage *page;

  /* owned */
  AmwStore           *store;
  char               *article_id;
  GPtrArray          *groups;   /* AdwPreferencesGroup, one per command shown */
  gulong              changed_id;
};

G_DEFINE_FINAL_TYPE (AmwHistoryDialog, amw_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "title", N_("Title") },
  { "source", N_("Source") },
  { "url", N_("URL") },
  { "published", N_("Published") },
  { "summary", N_("Summary") },
  { "amw_read", N_("The AMW Read") },
  { "notes", N_("Internal notes") },
  { "status", N_("Status") },
  { "novelty", N_("Novelty") },
  { "significance", N_("Significance") },
  { "tags", N_("Tags") },
  { "areas", N_("Knowledge areas") },
  { "companies", N_("Companies") },
  { "connections", N_("Connections") },
};

/* ---- formatting ---- */

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}

static char *
format_when (const char *at)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at ? at : "");
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: when a change was made, in g_date_time_format() notation: "26 Nov 2026, 14:05" */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
company_name (AmwStore   *store,
              const char *id)
{
  g_autoptr(AmwCompany) company = amw_store_get_company (store, id, NULL);

  return g_strdup (company ? company->name : id);
}

static char *
connection_title (AmwStore *store,
                  AmwPair  *link)
{
  if (g_strcmp0 (link->first, "article") == 0)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, link->second, NULL);
      if (article != NULL)
        return g_strdup (article->title);
    }
  else
    {
      g_autoptr(AmwEvent) event = amw_store_get_event (store, link->second, NULL);
      if (event != NULL)
        return g_strdup (event->title);
    }
  return g_strdup (link->second);
}

static gboolean
is_list_field (const char *field)
{
  return g_str_equal (field, "tags") || g_str_equal (field, "areas") ||
         g_str_equal (field, "companies") || g_str_equal (field, "connections");
}

/* The items of a list field as they read ("Area · Facet", "Anthropic (subject)"), or
 * NULL when @value is not such a list. */
static GPtrArray *
format_items (AmwHistoryDialog *self,
              const char       *field,
              const char       *value)
{
  g_autoptr(GPtrArray) pairs = NULL;
  GPtrArray *items;

  if (value == NULL || !is_list_field (field))
    return NULL;
  if (g_str_equal (field, "tags"))
    return amw_json_to_strings (value, field, NULL);
  if ((pairs = amw_json_to_pairs (value, field, NULL)) == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pairs->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (field, "areas"))
        g_ptr_array_add (items, amw_format_area (pair->first, pair->second));
      else if (g_str_equal (field, "companies"))
        {
          g_autofree char *name = company_name (self->store, pair->first);
          g_ptr_array_add (items, g_strdup_printf (g_strcmp0 (pair->second, "subject") == 0
                                                   /* TRANSLATORS: %s is a company named in an article */
                                                   ? _("%s (subject)")
                                                   /* TRANSLATORS: %s is a company named in an article */
                                                   : _("%s (mentioned)"), name));
        }
      else
        g_ptr_array_add (items, connection_title (self->store, pair));
    }
  return items;
}

static char *
join_items (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (items, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The value as a reader would say it, on one line; NULL for no value. */
static char *
format_value (AmwHistoryDialog *self,
              const char       *field,
              const char       *value)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *text = NULL;

  if (value == NULL || *value == '\0')
    return NULL;
  if (g_str_equal (field, "status"))
    text = g_strdup (amw_status_label (value));
  else if (g_str_equal (field, "published"))
    text = amw_format_date (value, NULL);
  else if (g_str_equal (field, "novelty") || g_str_equal (field, "significance"))
    text = g_strdup_printf ("%s/5", value);
  else if ((items = format_items (self, field, value)) != NULL)
    text = join_items (items);
  else
    text = g_strdup (value);

  g_strdelimit (text, "\r\n\t", ' ');
  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

static gboolean
has_item (GPtrArray  *items,
          const char *item)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_str_equal (g_ptr_array_index (items, i), item))
      return TRUE;
  return FALSE;
}

/* For a long list, what changed in it: "added compute; removed cloud" as markup, or NULL
 * when only the order changed. */
static char *
list_difference_markup (AmwHistoryDialog *self,
                        AmwChange        *change)
{
  g_autoptr(GPtrArray) old_items = format_items (self, change->field, change->old_value);
  g_autoptr(GPtrArray) new_items = format_items (self, change->field, change->new_value);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; new_items != NULL && i < new_items->len; i++)
    if (!has_item (old_items, g_ptr_array_index (new_items, i)))
      g_ptr_array_add (added, g_ptr_array_index (new_items, i));
  for (guint i = 0; old_items != NULL && i < old_items->len; i++)
    if (!has_item (new_items, g_ptr_array_index (old_items, i)))
      g_ptr_array_add (removed, g_ptr_array_index (old_items, i));
  if (added->len == 0 && removed->len == 0)
    return NULL;
  if (added->len > 0)
    {
      g_autofree char *items = join_items (added);
      g_autofree char *escaped = g_markup_escape_text (items, -1);
      /* TRANSLATORS: items added to a list (tags, knowledge areas…) */
      g_string_append_printf (text, _("added %s"), escaped);
    }
  if (removed->len > 0)
    {
      g_autofree char *items = join_items (removed);
      g_autofree char *escaped = g_markup_escape_text (items, -1);

      if (text->len > 0)
        g_string_append (text, "; ");
      /* TRANSLATORS: items removed from a list (tags, knowledge areas…) */
      g_string_append_printf (text, _("removed %s"), escaped);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Escaped markup of @text cut to MAX_VALUE_CHARS; "none" in italics for no value. */
static char *
value_markup (const char *text,
              gboolean   *cut)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    return g_strdup_printf ("<i>%s</i>", C_("no value", "none"));
  if (g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, MAX_VALUE_CHARS - 1);
      char *space = strrchr (start, ' ');

      /* At a word boundary when there is one near the end. */
      if (space != NULL && g_utf8_strlen (start, space - start) > MAX_VALUE_CHARS * 2 / 3)
        *space = '\0';
      shown = g_strconcat (g_strchomp (start), "…", NULL);
      *cut = TRUE;
    }
  return g_markup_escape_text (shown ? shown : text, -1);
}

static GtkWidget *
change_row (AmwHistoryDialog *self,
            AmwChange        *change)
{
  g_autofree char *old_text = format_value (self, change->field, change->old_value);
  g_autofree char *new_text = format_value (self, change->field, change->new_value);
  g_autofree char *label = g_markup_escape_text (field_label (change->field), -1);
  gboolean cut = FALSE;
  g_autofree char *old_markup = value_markup (old_text, &cut);
  g_autofree char *new_markup = value_markup (new_text, &cut);
  g_autofree char *difference = cut ? list_difference_markup (self, change) : NULL;
  g_autofree char *title = difference
    /* TRANSLATORS: a change to a long list in the history: "Tags: added compute" */
    ? g_strdup_printf (_("<b>%s:</b> %s"), label, difference)
    /* TRANSLATORS: one change in the history: "Field: old value → new value" */
    : g_strdup_printf (_("<b>%s:</b> %s → %s"), label, old_markup, new_markup);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  if (cut)
    {
      /* TRANSLATORS: the tooltip of a long change: field, then the whole old and new values */
      g_autofree char *tooltip = g_strdup_printf (_("%s\n\nBefore:\n%s\n\nAfter:\n%s"),
                                                  field_label (change->field),
                                                  old_text ? old_text : C_("no value", "none"),
                                                  new_text ? new_text : C_("no value", "none"));
      gtk_widget_set_tooltip_text (row, tooltip);
    }
  return row;
}

static GtkWidget *
command_group (AmwChange *change)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *when = format_when (change->at);
  g_autofree char *title = g_markup_escape_text (when, -1);
  /* TRANSLATORS: %s is the editor who made a change */
  g_autofree char *by = g_strdup_printf (_("by %s"), change->editor ? change->editor : "");
  g_autofree char *description = g_markup_escape_text (by, -1);

  /* Group titles and descriptions are markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
fill (AmwHistoryDialog *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(AmwArticle) article = NULL;
  AdwPreferencesGroup *group = NULL;
  gint64 group_id = 0;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  if (self->store == NULL || self->article_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  article = amw_store_get_article (self->store, self->article_id, NULL);
  adw_window_title_set_subtitle (self->window_title, article ? article->title : self->article_id);

  /* Newest command first; inside one, its fields in the order they were written. */
  changes = amw_store_get_history (self->store, "article", self->article_id, NULL);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      AmwChange *change = g_ptr_array_index (changes, i);
      guint last = i;

      if (group != NULL && change->group_id == group_id)
        continue;
      group = ADW_PREFERENCES_GROUP (command_group (change));
      group_id = change->group_id;
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
      while (last + 1 < changes->len &&
             ((AmwChange *) g_ptr_array_index (changes, last + 1))->group_id == group_id)
        last++;
      for (guint j = last + 1; j > i; j--)
        adw_preferences_group_add (group, change_row (self, g_ptr_array_index (changes, j - 1)));
    }
  gtk_stack_set_visible_child_name (self->stack, self->groups->len > 0 ? "list" : "empty");
}

static void
on_store_changed_cb (AmwHistoryDialog *self,
                     guint             flags)
{
  if (flags & (AMW_CHANGE_HISTORY | AMW_CHANGE_ARTICLES | AMW_CHANGE_COMPANIES))
    fill (self);
}

/* ---- GObject ---- */

static void
amw_history_dialog_constructed (GObject *object)
{
  AmwHistoryDialog *self = AMW_HISTORY_DIALOG (object);

  G_OBJECT_CLASS (amw_history_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    self->changed_id = g_signal_connect_swapped (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  fill (self);
}

static void
amw_history_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AmwHistoryDialog *self = AMW_HISTORY_DIALOG (object);

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
amw_history_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AmwHistoryDialog *self = AMW_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ARTICLE_ID:
      self->article_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_history_dialog_dispose (GObject *object)
{
  AmwHistoryDialog *self = AMW_HISTORY_DIALOG (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_history_dialog_parent_class)->dispose (object);
}

static void
amw_history_dialog_finalize (GObject *object)
{
  AmwHistoryDialog *self = AMW_HISTORY_DIALOG (object);

  g_free (self->article_id);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (amw_history_dialog_parent_class)->finalize (object);
}

static void
amw_history_dialog_class_init (AmwHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_history_dialog_constructed;
  object_class->get_property = amw_history_dialog_get_property;
  object_class->set_property = amw_history_dialog_set_property;
  object_class->dispose = amw_history_dialog_dispose;
  object_class->finalize = amw_history_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_string ("article-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwHistoryDialog, page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
amw_history_dialog_init (AmwHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

/* ---- public API ---- */

GtkWidget *
amw_history_dialog_new (GtkWindow  *parent,
                        AmwStore   *store,
                        const char *article_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  return g_object_new (AMW_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "article-id", article_id,
                       NULL);
}
