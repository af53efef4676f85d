/* amw-edit-article-dialog.c — edit one article's metadata, saved as one undoable command
 *
 * The dialog keeps the article as it was loaded (@original) and measures every change
 * against it. Save re-reads the article and applies only the fields the editor changed,
 * so an edit made elsewhere meanwhile (tags, ratings, another field) is kept, then hands
 * the result to amw_store_edit_article(): one transaction, one undo step.
 *
 * Knowledge areas and companies are edited as lists in the dialog; the vocabulary and the
 * company directory are read from the store when their popovers open. */
#include "amw-config.h"
#include "amw-edit-article-dialog.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "amw-areas-dialog.h"
#include "amw-entry-limits.h"
#include "amw-format.h"

#define COMPANY_RESULTS_LIMIT 20

struct _AmwEditArticleDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *page;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwEntryRow    *source_row;
  AdwEntryRow    *url_row;
  AdwEntryRow    *published_row;
  AdwComboRow    *status_row;
  GtkStringList  *status_model;
  GtkWidget      *title_error;
  GtkWidget      *url_error;
  GtkWidget      *published_error;
  GtkPopover     *calendar_popover;
  GtkCalendar    *calendar;
  GtkTextView    *summary_view;
  GtkTextView    *read_view;
  GtkTextView    *notes_view;
  GtkFlowBox     *areas_box;
  GtkWidget      *areas_empty_label;
  GtkPopover     *area_popover;
  GtkSearchEntry *area_search;
  GtkListBox     *area_choices;
  GtkWidget      *area_choices_empty;
  GtkListBox     *companies_list;
  GtkPopover     *company_popover;
  GtkSearchEntry *company_search;
  GtkListBox     *company_results;
  GtkWidget      *company_results_empty;

  /* owned */
  AmwStore       *store;
  char           *article_id;
  AmwArticle     *original;      /* as loaded (or last saved); NULL when not found */
  GPtrArray      *areas;         /* AmwPair (area, facet): the edited selection */
  GPtrArray      *companies;     /* AmwPair (company id, role): the edited links */
  GHashTable     *company_names; /* company id → name */
  GPtrArray      *vocabulary;    /* AmwAreaCount, as last read */
  gulong          changed_id;
  gboolean        syncing_calendar;
  gboolean        discard;       /* close without asking */
  gboolean        can_save;
};

G_DEFINE_FINAL_TYPE (AmwEditArticleDialog, amw_edit_article_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (AmwEditArticleDialog *self);
static void fill_area_chips (AmwEditArticleDialog *self);

/* ---- helpers ---- */

static const char *
nonnull (const char *text)
{
  return text ? text : "";
}

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (nonnull (text)));
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
selected_status (AmwEditArticleDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  for (guint i = 0; amw_article_statuses[i] != NULL; i++)
    if (i == selected)
      return amw_article_statuses[i];
  return self->original ? self->original->status : NULL;
}

static gboolean
pairs_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      AmwPair *pa = g_ptr_array_index (a, i);
      AmwPair *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->first, pb->first) != 0 || g_strcmp0 (pa->second, pb->second) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
find_pair (GPtrArray  *pairs,
           const char *first,
           const char *second)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (pairs, i);

      if (g_strcmp0 (pair->first, first) == 0 && (second == NULL || g_strcmp0 (pair->second, second) == 0))
        return (int) i;
    }
  return -1;
}

static GPtrArray *
copy_pairs (GPtrArray *pairs)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);

  for (guint i = 0; pairs != NULL && i < pairs->len; i++)
    g_ptr_array_add (copy, amw_pair_copy (g_ptr_array_index (pairs, i)));
  return copy;
}

/* Removes the rows of a list box or the children of a flow box; a list box keeps its
 * placeholder. */
static void
remove_children (GtkWidget *container)
{
  if (GTK_IS_LIST_BOX (container))
    {
      GtkListBoxRow *row;

      while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (container), 0)) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (container), GTK_WIDGET (row));
    }
  else
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (container)) != NULL)
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
    }
}

static const char *
company_name (AmwEditArticleDialog *self,
              const char           *id)
{
  const char *name = g_hash_table_lookup (self->company_names, id);

  if (name == NULL)
    {
      g_autoptr(AmwCompany) company = amw_store_get_company (self->store, id, NULL);

      g_hash_table_insert (self->company_names, g_strdup (id), g_strdup (company ? company->name : id));
      name = g_hash_table_lookup (self->company_names, id);
    }
  return name;
}

static GtkWidget *
left_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* ---- the error banner ---- */

static void
show_error (AmwEditArticleDialog *self,
            const char           *text)
{
  gtk_label_set_text (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
show_save_error (AmwEditArticleDialog *self,
                 const char           *message)
{
  /* TRANSLATORS: %s is why the article could not be saved */
  g_autofree char *text = g_strdup_printf (_("Could not save: %s"), message);

  show_error (self, text);
}

static void
clear_save_error (AmwEditArticleDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* ---- knowledge areas ---- */

static void
on_remove_area_clicked_cb (GtkButton            *button,
                           AmwEditArticleDialog *self)
{
  const char *area = g_object_get_data (G_OBJECT (button), "area");
  const char *facet = g_object_get_data (G_OBJECT (button), "facet");
  int index = find_pair (self->areas, area, facet);

  if (index >= 0)
    g_ptr_array_remove_index (self->areas, (guint) index);
  fill_area_chips (self);
  update_state (self);
}

static GtkWidget *
area_chip (AmwEditArticleDialog *self,
           AmwPair              *pair)
{
  g_autofree char *text = amw_format_area (pair->first, pair->second);
  /* TRANSLATORS: %s is a knowledge area, "Area · Facet" */
  g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), text);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_add_css_class (box, "area-chip");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data_full (G_OBJECT (button), "area", g_strdup (pair->first), g_free);
  g_object_set_data_full (G_OBJECT (button), "facet", g_strdup (pair->second), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_area_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
fill_area_chips (AmwEditArticleDialog *self)
{
  remove_children (GTK_WIDGET (self->areas_box));
  for (guint i = 0; i < self->areas->len; i++)
    gtk_flow_box_append (self->areas_box, area_chip (self, g_ptr_array_index (self->areas, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->areas_box), self->areas->len > 0);
  gtk_widget_set_visible (self->areas_empty_label, self->areas->len == 0);
}

static void
on_area_choice_activated_cb (AmwEditArticleDialog *self,
                             GtkListBoxRow        *row)
{
  const char *area = g_object_get_data (G_OBJECT (row), "area");
  const char *facet = g_object_get_data (G_OBJECT (row), "facet");

  if (find_pair (self->areas, area, facet) < 0)
    g_ptr_array_add (self->areas, amw_pair_new (area, facet));
  gtk_popover_popdown (self->area_popover);
  fill_area_chips (self);
  update_state (self);
}

/* The vocabulary minus what the article has, narrowed by the popover's filter. */
static void
fill_area_choices (AmwEditArticleDialog *self)
{
  g_autofree char *filter = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->area_search)), -1);
  g_auto(GStrv) words = g_strsplit_set (filter, " \t", -1);
  guint shown = 0;

  remove_children (GTK_WIDGET (self->area_choices));
  for (guint i = 0; self->vocabulary != NULL && i < self->vocabulary->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (self->vocabulary, i);
      g_autofree char *text = amw_format_area (entry->area, entry->facet);
      g_autofree char *folded = g_utf8_casefold (text, -1);
      gboolean matches = TRUE;
      GtkWidget *row;

      /* Every word typed is somewhere in the name: "pol reg" finds Policy & Regulation. */
      for (guint w = 0; words[w] != NULL; w++)
        matches = matches && strstr (folded, words[w]) != NULL;
      if (!matches || find_pair (self->areas, entry->area, entry->facet) >= 0)
        continue;
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), left_label (text));
      g_object_set_data_full (G_OBJECT (row), "area", g_strdup (entry->area), g_free);
      g_object_set_data_full (G_OBJECT (row), "facet", g_strdup (entry->facet), g_free);
      gtk_list_box_append (self->area_choices, row);
      shown++;
    }
  gtk_widget_set_visible (self->area_choices_empty, shown == 0);
}

static void
on_area_popover_show_cb (AmwEditArticleDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->area_search), "");
  fill_area_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->area_search));
}

static void
on_area_search_changed_cb (AmwEditArticleDialog *self)
{
  fill_area_choices (self);
}

/* Enter in the filter takes the first match. */
static void
on_area_search_activate_cb (AmwEditArticleDialog *self)
{
  GtkListBoxRow *first;

  fill_area_choices (self);
  if ((first = gtk_list_box_get_row_at_index (self->area_choices, 0)) != NULL)
    on_area_choice_activated_cb (self, first);
}

static gboolean
vocabulary_has (GPtrArray  *vocabulary,
                const char *area,
                const char *facet)
{
  for (guint i = 0; vocabulary != NULL && i < vocabulary->len; i++)
    {
      AmwAreaCount *entry = g_ptr_array_index (vocabulary, i);

      if (g_str_equal (entry->area, area) && g_str_equal (entry->facet, facet))
        return TRUE;
    }
  return FALSE;
}

/* What the store did to every article, done to @areas: one area replaced by another (a
 * rename, or its undo) is renamed; areas that are gone (deleted) are dropped. */
static void
follow_vocabulary (GPtrArray *areas,
                   GPtrArray *removed,
                   GPtrArray *added)
{
  for (guint i = 0; i < removed->len; i++)
    {
      AmwAreaCount *gone = g_ptr_array_index (removed, i);
      int index = find_pair (areas, gone->area, gone->facet);

      if (index < 0)
        continue;
      if (removed->len == 1 && added->len == 1)
        {
          AmwAreaCount *renamed = g_ptr_array_index (added, 0);
          AmwPair *pair = g_ptr_array_index (areas, index);

          amw_set_str (&pair->first, renamed->area);
          amw_set_str (&pair->second, renamed->facet);
        }
      else
        g_ptr_array_remove_index (areas, (guint) index);
    }
}

/* Re-reads the vocabulary; the selection and the article it is compared with follow a
 * rename or a delete, so neither comes back on Save nor counts as an edit. */
static void
reload_vocabulary (AmwEditArticleDialog *self)
{
  g_autoptr(GPtrArray) vocabulary = amw_store_list_areas (self->store, NULL);
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  if (vocabulary == NULL)
    return;
  if (self->vocabulary != NULL)
    {
      for (guint i = 0; i < self->vocabulary->len; i++)
        {
          AmwAreaCount *entry = g_ptr_array_index (self->vocabulary, i);
          if (!vocabulary_has (vocabulary, entry->area, entry->facet))
            g_ptr_array_add (removed, entry);
        }
      for (guint i = 0; i < vocabulary->len; i++)
        {
          AmwAreaCount *entry = g_ptr_array_index (vocabulary, i);
          if (!vocabulary_has (self->vocabulary, entry->area, entry->facet))
            g_ptr_array_add (added, entry);
        }
    }

  follow_vocabulary (self->areas, removed, added);
  if (self->original != NULL)
    follow_vocabulary (self->original->areas, removed, added);

  g_clear_pointer (&self->vocabulary, g_ptr_array_unref);
  self->vocabulary = g_steal_pointer (&vocabulary);
}

static void
manage_areas_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (widget);
  GtkWidget *dialog = amw_areas_dialog_new (GTK_WINDOW (self), self->store);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- companies ---- */

static void
on_company_role_changed_cb (GtkDropDown          *drop_down,
                            GParamSpec           *pspec,
                            AmwEditArticleDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (drop_down), "company-id");
  int index = find_pair (self->companies, id, NULL);

  if (index < 0)
    return;
  amw_set_str (&((AmwPair *) g_ptr_array_index (self->companies, index))->second,
               gtk_drop_down_get_selected (drop_down) == 0 ? "subject" : "mentioned");
  update_state (self);
}

static void
on_remove_company_clicked_cb (GtkButton            *button,
                              AmwEditArticleDialog *self)
{
  int index = find_pair (self->companies, g_object_get_data (G_OBJECT (button), "company-id"), NULL);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (index >= 0)
    g_ptr_array_remove_index (self->companies, (guint) index);
  if (row != NULL)
    gtk_list_box_remove (self->companies_list, row);
  update_state (self);
}

static GtkWidget *
company_row (AmwEditArticleDialog *self,
             AmwPair              *link)
{
  const char * const roles[] = { C_("company role", "Subject"), C_("company role", "Mentioned"), NULL };
  const char *name = company_name (self, link->first);
  /* TRANSLATORS: %s is a company name */
  g_autofree char *role_label = g_strdup_printf (_("Role of %s"), name);
  /* TRANSLATORS: %s is a company name */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (roles);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), g_strcmp0 (link->second, "subject") == 0 ? 0 : 1);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, role_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, role_label, -1);
  g_object_set_data_full (G_OBJECT (drop_down), "company-id", g_strdup (link->first), g_free);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_company_role_changed_cb), self);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "company-id", g_strdup (link->first), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_company_clicked_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
fill_company_rows (AmwEditArticleDialog *self)
{
  remove_children (GTK_WIDGET (self->companies_list));
  for (guint i = 0; i < self->companies->len; i++)
    gtk_list_box_append (self->companies_list, company_row (self, g_ptr_array_index (self->companies, i)));
}

static void
on_company_result_activated_cb (AmwEditArticleDialog *self,
                                GtkListBoxRow        *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "company-id");
  gboolean has_subject = FALSE;

  for (guint i = 0; i < self->companies->len; i++)
    has_subject |= g_strcmp0 (((AmwPair *) g_ptr_array_index (self->companies, i))->second, "subject") == 0;
  /* The first company linked is usually what the story is about. */
  if (find_pair (self->companies, id, NULL) < 0)
    g_ptr_array_add (self->companies, amw_pair_new (id, has_subject ? "mentioned" : "subject"));
  gtk_popover_popdown (self->company_popover);
  fill_company_rows (self);
  update_state (self);
}

static void
fill_company_results (AmwEditArticleDialog *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->company_search));
  g_autoptr(GPtrArray) rows = NULL;
  guint shown = 0;

  remove_children (GTK_WIDGET (self->company_results));
  if (self->store != NULL)
    rows = amw_store_fetch_companies (self->store, search, AMW_COMPANY_SORT_NAME, FALSE, 0,
                                      COMPANY_RESULTS_LIMIT, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AmwCompanyItem *item = g_ptr_array_index (rows, i);
      const char *id = amw_company_item_get_id (item);
      const char *sector = amw_company_item_get_sector (item);
      const char *hq = amw_company_item_get_hq (item);
      GtkWidget *box, *row, *details;
      g_autofree char *detail_text = NULL;

      if (find_pair (self->companies, id, NULL) >= 0)
        continue;
      g_hash_table_insert (self->company_names, g_strdup (id), g_strdup (amw_company_item_get_name (item)));
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (box), left_label (amw_company_item_get_name (item)));
      detail_text = *sector && *hq ? g_strdup_printf ("%s · %s", sector, hq) : g_strdup (*sector ? sector : hq);
      if (*detail_text != '\0')
        {
          details = left_label (detail_text);
          gtk_widget_add_css_class (details, "caption");
          gtk_widget_add_css_class (details, "dim-label");
          gtk_box_append (GTK_BOX (box), details);
        }
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      amw_company_item_get_name (item), -1);
      g_object_set_data_full (G_OBJECT (row), "company-id", g_strdup (id), g_free);
      gtk_list_box_append (self->company_results, row);
      shown++;
    }
  gtk_widget_set_visible (self->company_results_empty, shown == 0);
}

static void
on_company_popover_show_cb (AmwEditArticleDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->company_search), "");
  fill_company_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->company_search));
}

static void
on_company_search_changed_cb (AmwEditArticleDialog *self)
{
  fill_company_results (self);
}

/* Enter in the search takes the first match. */
static void
on_company_search_activate_cb (AmwEditArticleDialog *self)
{
  GtkListBoxRow *first;

  fill_company_results (self);
  if ((first = gtk_list_box_get_row_at_index (self->company_results, 0)) != NULL)
    on_company_result_activated_cb (self, first);
}

/* ---- the published date ---- */

static void
on_calendar_popover_show_cb (AmwEditArticleDialog *self)
{
  g_autofree char *text = stripped (entry_text (self->published_row));
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (amw_is_valid_date (text) && sscanf (text, "%d-%d-%d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing_calendar = FALSE;
}

static void
on_calendar_day_selected_cb (AmwEditArticleDialog *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->published_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

/* ---- validation and change tracking ---- */

static void
mark_row (GtkWidget *row,
          GtkWidget *explanation,
          gboolean   valid)
{
  if (valid)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  else
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_label_get_text (GTK_LABEL (explanation)), -1);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_set_visible (explanation, !valid);
}

static gboolean
text_changed (const char *now,
              const char *before)
{
  return g_strcmp0 (nonnull (now), nonnull (before)) != 0;
}

static gboolean
view_changed (GtkTextView *view,
              const char  *before)
{
  g_autofree char *text = buffer_text (view);

  return text_changed (text, before);
}

gboolean
amw_edit_article_dialog_has_changes (AmwEditArticleDialog *self)
{
  const AmwArticle *a;

  g_return_val_if_fail (AMW_IS_EDIT_ARTICLE_DIALOG (self), FALSE);

  if ((a = self->original) == NULL)
    return FALSE;
  return text_changed (entry_text (self->title_row), a->title) ||
         text_changed (entry_text (self->source_row), a->source) ||
         text_changed (entry_text (self->url_row), a->url) ||
         text_changed (entry_text (self->published_row), a->published) ||
         text_changed (selected_status (self), a->status) ||
         view_changed (self->summary_view, a->summary) ||
         view_changed (self->read_view, a->amw_read) ||
         view_changed (self->notes_view, a->notes) ||
         !pairs_equal (self->areas, a->areas) ||
         !pairs_equal (self->companies, a->companies);
}

static gboolean
validate (AmwEditArticleDialog *self)
{
  g_autofree char *url = stripped (entry_text (self->url_row));
  g_autofree char *published = stripped (entry_text (self->published_row));
  gboolean title_ok = !amw_is_blank (entry_text (self->title_row));
  gboolean url_ok = *url == '\0' || amw_is_web_url (url);
  gboolean published_ok = amw_is_valid_date (published);

  mark_row (GTK_WIDGET (self->title_row), self->title_error, title_ok);
  mark_row (GTK_WIDGET (self->url_row), self->url_error, url_ok);
  mark_row (GTK_WIDGET (self->published_row), self->published_error, published_ok);
  return title_ok && url_ok && published_ok;
}

static void
update_state (AmwEditArticleDialog *self)
{
  gboolean valid;

  if (self->original == NULL)
    {
      self->can_save = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save", FALSE);
      return;
    }
  valid = validate (self);
  self->can_save = valid && amw_edit_article_dialog_has_changes (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save", self->can_save);
}

static void
on_field_changed_cb (AmwEditArticleDialog *self)
{
  update_state (self);
}

/* ---- loading and saving ---- */

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), nonnull (text), -1);
}

static void
load (AmwEditArticleDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint status = 0;

  if (self->store == NULL || self->article_id == NULL)
    {
      update_state (self);
      return;
    }
  self->original = amw_store_get_article (self->store, self->article_id, &error);
  if (self->original == NULL)
    {
      /* TRANSLATORS: %s is why the article could not be read */
      g_autofree char *text = g_strdup_printf (_("Cannot edit this article: %s"), error->message);

      show_error (self, text);
      gtk_widget_set_sensitive (self->page, FALSE);
      update_state (self);
      return;
    }

  adw_window_title_set_subtitle (self->window_title, self->original->title);
  amw_editable_load_text (GTK_EDITABLE (self->title_row), self->original->title);
  amw_editable_load_text (GTK_EDITABLE (self->source_row), self->original->source);
  amw_editable_load_text (GTK_EDITABLE (self->url_row), self->original->url);
  gtk_editable_set_text (GTK_EDITABLE (self->published_row), nonnull (self->original->published));
  for (guint i = 0; amw_article_statuses[i] != NULL; i++)
    if (g_strcmp0 (amw_article_statuses[i], self->original->status) == 0)
      status = i;
  adw_combo_row_set_selected (self->status_row, status);
  set_view_text (self->summary_view, self->original->summary);
  set_view_text (self->read_view, self->original->amw_read);
  set_view_text (self->notes_view, self->original->notes);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = copy_pairs (self->original->areas);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  self->companies = copy_pairs (self->original->companies);
  reload_vocabulary (self);
  fill_area_chips (self);
  fill_company_rows (self);
  update_state (self);
}

/* Applies the fields the editor changed (against @original) onto @fresh. */
static void
apply_edits (AmwEditArticleDialog *self,
             AmwArticle           *fresh)
{
  const AmwArticle *a = self->original;
  g_autofree char *summary = buffer_text (self->summary_view);
  g_autofree char *amw_read = buffer_text (self->read_view);
  g_autofree char *notes = buffer_text (self->notes_view);

  if (text_changed (entry_text (self->title_row), a->title))
    amw_set_str (&fresh->title, entry_text (self->title_row));
  if (text_changed (entry_text (self->source_row), a->source))
    amw_set_str (&fresh->source, entry_text (self->source_row));
  if (text_changed (entry_text (self->url_row), a->url))
    {
      g_free (fresh->url);
      fresh->url = stripped (entry_text (self->url_row));
    }
  if (text_changed (entry_text (self->published_row), a->published))
    {
      g_free (fresh->published);
      fresh->published = stripped (entry_text (self->published_row));
    }
  if (text_changed (selected_status (self), a->status))
    amw_set_str (&fresh->status, selected_status (self));
  if (text_changed (summary, a->summary))
    amw_set_str (&fresh->summary, summary);
  if (text_changed (amw_read, a->amw_read))
    amw_set_str (&fresh->amw_read, amw_read);
  if (text_changed (notes, a->notes))
    amw_set_str (&fresh->notes, notes);
  if (!pairs_equal (self->areas, a->areas))
    {
      g_ptr_array_unref (fresh->areas);
      fresh->areas = copy_pairs (self->areas);
    }
  if (!pairs_equal (self->companies, a->companies))
    {
      g_ptr_array_unref (fresh->companies);
      fresh->companies = copy_pairs (self->companies);
    }
}

static void
on_store_changed_cb (AmwEditArticleDialog *self,
                     guint                 flags)
{
  if (self->original == NULL || (flags & AMW_CHANGE_AREAS) == 0)
    return;
  reload_vocabulary (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->area_popover)))
    fill_area_choices (self);
  fill_area_chips (self);
  update_state (self);
}

/* ---- actions ---- */

static gboolean
close_cb (gpointer window)
{
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        AmwEditArticleDialog *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->discard = TRUE;
      /* After the question has closed: it is transient for this window. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
    }
}

static void
ask_discard (AmwEditArticleDialog *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                              _("The changes to this article have not been saved."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (widget);

  if (!self->can_save)
    return;
  if (amw_edit_article_dialog_save (self, NULL))
    {
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Ctrl+Return: saves when Save could; never a new line in the text views. */
static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  gtk_widget_activate_action (widget, "edit.save", NULL);
  return TRUE;
}

static void
dismiss_error_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  clear_save_error (AMW_EDIT_ARTICLE_DIALOG (widget));
}

/* ---- GObject ---- */

static gboolean
amw_edit_article_dialog_close_request (GtkWindow *window)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (window);

  if (!self->discard && amw_edit_article_dialog_has_changes (self))
    {
      ask_discard (self);
      return TRUE;
    }
  if (GTK_WINDOW_CLASS (amw_edit_article_dialog_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (amw_edit_article_dialog_parent_class)->close_request (window);
  return FALSE;
}

static void
amw_edit_article_dialog_constructed (GObject *object)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (object);

  G_OBJECT_CLASS (amw_edit_article_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    self->changed_id = g_signal_connect_swapped (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  load (self);
}

static void
amw_edit_article_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (object);

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
amw_edit_article_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (object);

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
amw_edit_article_dialog_dispose (GObject *object)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_EDIT_ARTICLE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_edit_article_dialog_parent_class)->dispose (object);
}

static void
amw_edit_article_dialog_finalize (GObject *object)
{
  AmwEditArticleDialog *self = AMW_EDIT_ARTICLE_DIALOG (object);

  g_free (self->article_id);
  g_clear_pointer (&self->original, amw_article_free);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  g_clear_pointer (&self->company_names, g_hash_table_unref);
  g_clear_pointer (&self->vocabulary, g_ptr_array_unref);
  G_OBJECT_CLASS (amw_edit_article_dialog_parent_class)->finalize (object);
}

static void
amw_edit_article_dialog_class_init (AmwEditArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = amw_edit_article_dialog_constructed;
  object_class->get_property = amw_edit_article_dialog_get_property;
  object_class->set_property = amw_edit_article_dialog_set_property;
  object_class->dispose = amw_edit_article_dialog_dispose;
  object_class->finalize = amw_edit_article_dialog_finalize;
  window_class->close_request = amw_edit_article_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_string ("article-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-edit-article-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, page);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, published_row);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, status_model);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, title_error);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, url_error);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, published_error);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, read_view);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, areas_box);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, areas_empty_label);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, area_popover);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, area_search);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, area_choices);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, area_choices_empty);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, companies_list);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, company_popover);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, company_search);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, company_results);
  gtk_widget_class_bind_template_child (widget_class, AmwEditArticleDialog, company_results_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_choice_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_search_activate_cb);

  gtk_widget_class_install_action (widget_class, "edit.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "edit.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "edit.manage-areas", NULL, manage_areas_activated);
  gtk_widget_class_install_action (widget_class, "edit.dismiss-error", NULL, dismiss_error_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "edit.cancel", NULL);
}

static void
amw_edit_article_dialog_init (AmwEditArticleDialog *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* No longer than the format allows: the export writes what the import takes back. */
  amw_editable_set_max_chars (GTK_EDITABLE (self->title_row), AMW_LIMIT_TITLE_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->source_row), AMW_LIMIT_NAME_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->url_row), AMW_LIMIT_URL_CHARS);

  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  self->companies = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  self->company_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; amw_article_statuses[i] != NULL; i++)
    gtk_string_list_append (self->status_model, amw_status_label (amw_article_statuses[i]));

  /* Ctrl+Return saves from anywhere, the text views included: they would take it as a
   * new line in the bubble phase, so the shortcut listens in the capture phase. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (save_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->read_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
}

/* ---- public API ---- */

GtkWidget *
amw_edit_article_dialog_new (GtkWindow  *parent,
                             AmwStore   *store,
                             const char *article_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  return g_object_new (AMW_TYPE_EDIT_ARTICLE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "article-id", article_id,
                       NULL);
}

const char *
amw_edit_article_dialog_get_article_id (AmwEditArticleDialog *self)
{
  g_return_val_if_fail (AMW_IS_EDIT_ARTICLE_DIALOG (self), NULL);
  return self->article_id;
}

gboolean
amw_edit_article_dialog_get_can_save (AmwEditArticleDialog *self)
{
  g_return_val_if_fail (AMW_IS_EDIT_ARTICLE_DIALOG (self), FALSE);
  return self->can_save;
}

gboolean
amw_edit_article_dialog_save (AmwEditArticleDialog  *self,
                              GError               **error)
{
  g_autoptr(AmwArticle) fresh = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AMW_IS_EDIT_ARTICLE_DIALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->original == NULL || !validate (self))
    {
      g_set_error (&local_error, AMW_ERROR, AMW_ERROR_INVALID,
                   _("Some fields are not valid; see the messages under them"));
      goto failed;
    }
  if (!amw_edit_article_dialog_has_changes (self))
    {
      clear_save_error (self);
      return TRUE;
    }
  /* Only what the editor changed: a field someone else changed meanwhile is kept. */
  if ((fresh = amw_store_get_article (self->store, self->article_id, &local_error)) == NULL)
    goto failed;
  apply_edits (self, fresh);
  if (!amw_store_edit_article (self->store, fresh, &local_error))
    goto failed;

  clear_save_error (self);
  g_clear_pointer (&self->original, amw_article_free);
  self->original = amw_store_get_article (self->store, self->article_id, NULL);
  update_state (self);
  return TRUE;

failed:
  show_save_error (self, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
