/* amw-timeline-view.c — events and articles by date, grouped by month, with filters
 *
 * The list is an AmwPagedList (SQLite hands out rows a page at a time); this view only
 * builds the filter and draws the rows on screen. GTK 4.8 has no list sections, so every
 * row carries its own month header, shown when its month differs from the row above. */
#include "amw-config.h"
#include "amw-timeline-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "amw-density-strip.h"
#include "amw-format.h"
#include "amw-paged-list.h"

struct _AmwTimelineView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *content;
  GtkDropDown        *company_dropdown;
  GtkDropDown        *area_dropdown;
  GtkDropDown        *tag_dropdown;
  GtkDropDown        *kind_dropdown;
  GtkStringList      *company_names;
  GtkStringList      *area_names;
  GtkStringList      *tag_names;
  GtkStringList      *kind_names;
  GtkEntry           *since_entry;
  GtkEntry           *until_entry;
  GtkButton          *clear_button;
  AmwDensityStrip    *density_strip;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_clear_button;

  /* owned */
  AmwStore           *store;
  AmwPagedList       *timeline;
  GtkSingleSelection *selection;
  GPtrArray          *company_ids;   /* the value of each company choice; [0] NULL = all */
  GPtrArray          *area_values;   /* "Area · Facet" as the store matches it */
  GPtrArray          *tag_values;
  GHashTable         *bound_items;   /* the GtkListItems that have a row on screen */
  gulong              store_changed_id;
  gboolean            updating_choices;
};

G_DEFINE_FINAL_TYPE (AmwTimelineView, amw_timeline_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_OPEN_ARTICLE, SIGNAL_OPEN_COMPANY, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The kind choices, in the order of the dropdown; NULL is "All kinds". */
static const char * const timeline_kinds[] = {
  NULL, "article", "funding", "partnership", "release", "policy", "people", "legal", "other",
};

/* Store changes that can change what the timeline or its density shows. */
#define TIMELINE_CHANGES \
  (AMW_CHANGE_ARTICLES | AMW_CHANGE_EVENTS | AMW_CHANGE_COMPANIES | AMW_CHANGE_TAGS | AMW_CHANGE_AREAS)

/* ---- helpers ---- */

static const char *
choice_value (GtkDropDown *dropdown,
              GPtrArray   *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (values == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= values->len)
    return NULL;
  return g_ptr_array_index (values, selected);
}

static const char *
kind_value (AmwTimelineView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected >= G_N_ELEMENTS (timeline_kinds))
    return NULL;
  return timeline_kinds[selected];
}

/* The date typed in @entry, NULL when empty or invalid. An invalid date is marked and left
 * out of the filter, so that a half-typed date never empties the list. */
static const char *
read_date_entry (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean valid = *text == '\0' || amw_is_valid_date (text);

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  return (valid && *text != '\0') ? text : NULL;
}

static gboolean
filters_active (AmwTimelineView *self)
{
  return gtk_drop_down_get_selected (self->company_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->area_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->tag_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->kind_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->since_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->until_entry)) != '\0';
}

static gboolean
same_text (const char *a,
           const char *b)
{
  /* The store treats NULL and "" alike: no filter. */
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
filter_equal (const AmwTimelineFilter *a,
              const AmwTimelineFilter *b)
{
  AmwTimelineFilter none = { 0 };

  if (a == NULL)
    a = &none;
  if (b == NULL)
    b = &none;
  return same_text (a->company_id, b->company_id) && same_text (a->area, b->area) &&
         same_text (a->tag, b->tag) && same_text (a->kind, b->kind) &&
         same_text (a->since, b->since) && same_text (a->until, b->until);
}

static void
update_density (AmwTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) weeks = amw_store_timeline_density (self->store,
                                                        amw_timeline_list_get_filter (self->timeline),
                                                        &error);

  if (weeks == NULL)
    g_warning ("Could not count the timeline by week: %s", error->message);
  amw_density_strip_set_weeks (self->density_strip, weeks);
}

/* Shows the list, or says why it is empty. */
static void
update_state (AmwTimelineView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  const GError *error = amw_paged_list_get_error (self->timeline);
  gboolean filtered = filters_active (self);

  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), filtered);
  gtk_widget_set_visible (GTK_WIDGET (self->density_strip), n_items > 0);
  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Could Not Read the Timeline"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Entries"));
      adw_status_page_set_description (self->empty_page,
                                       filtered ? _("Try clearing the filters")
                                                : _("Articles and events appear here by date"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_clear_button), filtered);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Builds the filter from the controls and hands it to the list when it differs. */
static void
apply_filters (AmwTimelineView *self,
               gboolean         data_changed)
{
  AmwTimelineFilter filter;
  gboolean changed;

  if (self->updating_choices)
    return;
  filter = (AmwTimelineFilter) {
    .company_id = (char *) choice_value (self->company_dropdown, self->company_ids),
    .area = (char *) choice_value (self->area_dropdown, self->area_values),
    .tag = (char *) choice_value (self->tag_dropdown, self->tag_values),
    .kind = (char *) kind_value (self),
    .since = (char *) read_date_entry (self->since_entry),
    .until = (char *) read_date_entry (self->until_entry),
  };
  changed = !filter_equal (&filter, amw_timeline_list_get_filter (self->timeline));
  if (changed)
    amw_timeline_list_set_filter (self->timeline, &filter);
  if (changed || data_changed)
    update_density (self);
  update_state (self);
}

/* Replaces the choices of a filter dropdown, keeping the chosen value when it still exists.
 * @labels and @values: index 0 is the "All …" choice (value NULL). */
static void
set_choices (AmwTimelineView *self,
             GtkDropDown     *dropdown,
             GtkStringList   *names,
             GPtrArray      **values_slot,
             GPtrArray       *labels,
             GPtrArray       *values)
{
  g_autofree char *chosen = g_strdup (choice_value (dropdown, *values_slot));
  guint index = 0;

  g_assert (labels->len == values->len);

  self->updating_choices = TRUE;
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char * const *) labels->pdata);
  g_clear_pointer (values_slot, g_ptr_array_unref);
  *values_slot = g_ptr_array_ref (values);
  for (guint i = 1; chosen != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), chosen) == 0)
      {
        index = i;
        break;
      }
  gtk_drop_down_set_selected (dropdown, index);
  self->updating_choices = FALSE;
}

static GPtrArray *
new_choice_array (const char *all_label)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, g_strdup (all_label));
  return array;
}

static void
load_companies (AmwTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = new_choice_array (_("All Companies"));
  g_autoptr(GPtrArray) values = new_choice_array (NULL);
  g_autoptr(GPtrArray) companies = NULL;
  gint64 n_companies;

  /* One query for the names, sorted as the user looks for them. */
  n_companies = amw_store_count_companies (self->store, NULL, &error);
  if (n_companies >= 0)
    companies = amw_store_fetch_companies (self->store, NULL, AMW_COMPANY_SORT_NAME, FALSE,
                                           0, (guint) MIN (n_companies, G_MAXUINT), &error);
  if (companies == NULL)
    g_warning ("Could not list companies for the timeline filter: %s", error->message);

  for (guint i = 0; companies != NULL && i < companies->len; i++)
    {
      AmwCompanyItem *company = g_ptr_array_index (companies, i);

      g_ptr_array_add (labels, g_strdup (amw_company_item_get_name (company)));
      g_ptr_array_add (values, g_strdup (amw_company_item_get_id (company)));
    }
  set_choices (self, self->company_dropdown, self->company_names, &self->company_ids,
               labels, values);
}

static void
load_areas (AmwTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = new_choice_array (_("All Areas"));
  g_autoptr(GPtrArray) values = new_choice_array (NULL);
  g_autoptr(GPtrArray) areas = amw_store_list_areas (self->store, &error);

  if (areas == NULL)
    g_warning ("Could not list knowledge areas for the timeline filter: %s", error->message);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      AmwAreaCount *area = g_ptr_array_index (areas, i);

      g_ptr_array_add (labels, amw_format_area (area->area, area->facet));
      /* The store matches "Area · Facet" literally, whatever the label looks like. */
      g_ptr_array_add (values, g_strdup_printf ("%s · %s", area->area, area->facet));
    }
  set_choices (self, self->area_dropdown, self->area_names, &self->area_values, labels, values);
}

static void
load_tags (AmwTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = new_choice_array (_("All Tags"));
  g_autoptr(GPtrArray) values = new_choice_array (NULL);
  g_autoptr(GPtrArray) tags = amw_store_list_tags (self->store, &error);

  if (tags == NULL)
    g_warning ("Could not list tags for the timeline filter: %s", error->message);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);

      /* TRANSLATORS: a tag and how many articles have it, in the timeline's tag filter */
      g_ptr_array_add (labels, g_strdup_printf (C_("tag with count", "%s (%u)"), tag->name, tag->count));
      g_ptr_array_add (values, g_strdup (tag->name));
    }
  set_choices (self, self->tag_dropdown, self->tag_names, &self->tag_values, labels, values);
}

static char *
month_title (const char *iso_date)
{
  g_autoptr(GDateTime) month = NULL;
  int year, number;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d", &year, &number) != 2 ||
      number < 1 || number > 12)
    return g_strdup (iso_date != NULL ? iso_date : "");
  month = g_date_time_new_local (year, number, 1, 0, 0, 0);
  if (month == NULL)
    return g_strdup (iso_date);
  /* TRANSLATORS: a month header in the timeline, see g_date_time_format(); %OB is the
   * month name as it stands alone ("November 2026") */
  return g_date_time_format (month, C_("timeline month", "%OB %Y"));
}

static gboolean
same_month (const char *a,
            const char *b)
{
  /* Dates are YYYY-MM-DD: the month is the first seven characters. */
  return a != NULL && b != NULL && strlen (a) >= 7 && strlen (b) >= 7 && strncmp (a, b, 7) == 0;
}

/* Row structure, built in on_row_factory_setup_cb:
 *   GtkBox row  > GtkLabel month header
 *               > GtkBox entry > date, kind badge, company, title */
typedef struct {
  GtkWidget *header;
  GtkWidget *date;
  GtkWidget *kind;
  GtkWidget *company;
  GtkWidget *title;
} RowParts;

static RowParts
row_parts (GtkListItem *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  RowParts parts;

  parts.header = gtk_widget_get_first_child (row);
  parts.date = gtk_widget_get_first_child (gtk_widget_get_next_sibling (parts.header));
  parts.kind = gtk_widget_get_next_sibling (parts.date);
  parts.company = gtk_widget_get_next_sibling (parts.kind);
  parts.title = gtk_widget_get_next_sibling (parts.company);
  return parts;
}

/* The header shows when the month differs from the previous row's. The previous item is in
 * the page cache already (it is next to a row on screen), so this costs no query. */
static void
update_header (AmwTimelineView *self,
               GtkListItem     *list_item)
{
  AmwTimelineItem *item = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  g_autoptr(AmwTimelineItem) previous = NULL;
  RowParts parts = row_parts (list_item);
  const char *date;
  gboolean show;

  if (item == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  date = amw_timeline_item_get_date (item);
  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->timeline), position - 1);
  show = previous == NULL || !same_month (date, amw_timeline_item_get_date (previous));
  if (show)
    {
      g_autofree char *title = month_title (date);

      gtk_label_set_text (GTK_LABEL (parts.header), title);
    }
  gtk_widget_set_visible (parts.header, show);
}

/* Adwaita colour classes give each kind a colour that reads in light and dark; the
 * kind-<name> class is there for the stylesheet. */
static const char *
kind_color_class (const char *kind)
{
  if (g_strcmp0 (kind, "funding") == 0) return "success";
  if (g_strcmp0 (kind, "release") == 0 || g_strcmp0 (kind, "partnership") == 0) return "accent";
  if (g_strcmp0 (kind, "policy") == 0) return "warning";
  if (g_strcmp0 (kind, "legal") == 0) return "error";
  return "dim-label";
}

/* ---- callbacks ---- */

static void
on_filter_dropdown_notify_selected_cb (AmwTimelineView *self,
                                       GParamSpec      *pspec,
                                       GtkDropDown     *dropdown)
{
  apply_filters (self, FALSE);
}

static void
on_date_entry_changed_cb (AmwTimelineView *self,
                          GtkEntry        *entry)
{
  apply_filters (self, FALSE);
}

static void
on_clear_button_clicked_cb (AmwTimelineView *self,
                            GtkButton       *button)
{
  /* One filter change for the lot, not one reload per control. */
  self->updating_choices = TRUE;
  gtk_drop_down_set_selected (self->company_dropdown, 0);
  gtk_drop_down_set_selected (self->area_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
  self->updating_choices = FALSE;
  apply_filters (self, FALSE);
}

static void
on_density_strip_week_activated_cb (AmwTimelineView *self,
                                    const char      *week_start,
                                    AmwDensityStrip *strip)
{
  const AmwTimelineFilter *filter = amw_timeline_list_get_filter (self->timeline);
  AmwTimelineFilter after = { 0 };
  g_autoptr(GError) error = NULL;
  char next_monday[11];
  GDate monday;
  int year, month, day;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  gint64 position;

  if (n_items == 0 || sscanf (week_start, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return;
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, day, month, year);
  g_date_add_days (&monday, 7);
  g_date_strftime (next_monday, sizeof next_monday, "%Y-%m-%d", &monday);

  /* The list is newest first: the week's first row comes after every entry dated after
   * the week, so its position is their count, which SQLite gives without loading rows. */
  if (filter != NULL)
    after = *filter;
  if (after.since == NULL || strcmp (after.since, next_monday) < 0)
    after.since = next_monday;
  position = amw_store_count_timeline (self->store, &after, &error);
  if (position < 0)
    {
      g_warning ("Could not find the week in the timeline: %s", error->message);
      return;
    }
  /* A week without entries leads to the next older one. */
  position = MIN (position, (gint64) n_items - 1);

  /* gtk_list_view_scroll_to() is GTK 4.12; the list's own action does it in 4.8. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              (guint) position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
}

static void
on_row_factory_setup_cb (AmwTimelineView          *self,
                         GtkListItem              *list_item,
                         GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *header = gtk_label_new (NULL);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *company = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "timeline-row");
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);

  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "month-header");
  gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                  -1);
  gtk_box_append (GTK_BOX (row), header);

  /* Fixed widths line the columns up from row to row. */
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_width_chars (GTK_LABEL (date), 11);
  gtk_widget_add_css_class (date, "numeric");
  gtk_widget_add_css_class (date, "dim-label");
  gtk_box_append (GTK_BOX (entry), date);

  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_width_chars (GTK_LABEL (kind), 11);
  gtk_box_append (GTK_BOX (entry), kind);

  gtk_label_set_xalign (GTK_LABEL (company), 0);
  gtk_label_set_width_chars (GTK_LABEL (company), 22);
  gtk_label_set_max_width_chars (GTK_LABEL (company), 22);
  gtk_label_set_ellipsize (GTK_LABEL (company), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (entry), company);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (entry), title);

  /* The badge is in a smaller font: line the texts up on their baseline, not their top. */
  for (GtkWidget *child = gtk_widget_get_first_child (entry); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_valign (child, GTK_ALIGN_BASELINE);

  gtk_box_append (GTK_BOX (row), entry);
  gtk_list_item_set_child (list_item, row);
}

static void
on_row_factory_bind_cb (AmwTimelineView          *self,
                        GtkListItem              *list_item,
                        GtkSignalListItemFactory *factory)
{
  AmwTimelineItem *item = gtk_list_item_get_item (list_item);
  RowParts parts = row_parts (list_item);
  const char *kind = amw_timeline_item_get_kind (item);
  g_autofree char *date = amw_format_date (amw_timeline_item_get_date (item),
                                           amw_timeline_item_get_precision (item));
  g_autofree char *kind_class = g_strdup_printf ("kind-%s", kind);
  const char *kind_classes[] = { "caption-heading", "kind-badge", kind_class,
                                 kind_color_class (kind), NULL };

  gtk_label_set_text (GTK_LABEL (parts.date), date);
  gtk_label_set_text (GTK_LABEL (parts.kind), amw_event_kind_label (kind));
  gtk_widget_set_css_classes (parts.kind, kind_classes);
  gtk_label_set_text (GTK_LABEL (parts.company), amw_timeline_item_get_company_name (item));
  gtk_label_set_text (GTK_LABEL (parts.title), amw_timeline_item_get_title (item));
  gtk_widget_set_tooltip_text (parts.title, amw_timeline_item_get_title (item));

  update_header (self, list_item);
  g_hash_table_add (self->bound_items, list_item);
}

static void
on_row_factory_unbind_cb (AmwTimelineView          *self,
                          GtkListItem              *list_item,
                          GtkSignalListItemFactory *factory)
{
  g_hash_table_remove (self->bound_items, list_item);
}

static void
on_list_view_activate_cb (AmwTimelineView *self,
                          guint            position,
                          GtkListView     *list_view)
{
  g_autoptr(AmwTimelineItem) item = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);
  const char *article_id;
  const char *company_id;

  if (item == NULL)
    return;
  article_id = amw_timeline_item_get_article_id (item);
  company_id = amw_timeline_item_get_company_id (item);
  if (article_id != NULL && *article_id != '\0')
    g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, article_id);
  else if (company_id != NULL && *company_id != '\0')
    g_signal_emit (self, signals[SIGNAL_OPEN_COMPANY], 0, company_id);
}

static void
on_selection_items_changed_cb (AmwTimelineView *self,
                               guint            position,
                               guint            removed,
                               guint            added,
                               GListModel      *model)
{
  GHashTableIter iter;
  gpointer list_item;

  /* A row whose item stayed may have a new row above it (an entry added or removed), and
   * the list view only rebinds rows whose item changed: recheck the headers on screen. */
  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_header (self, list_item);
  update_state (self);
}

static void
on_store_changed_cb (AmwTimelineView *self,
                     guint            flags,
                     AmwStore        *store)
{
  if (flags & AMW_CHANGE_COMPANIES)
    load_companies (self);
  if (flags & AMW_CHANGE_AREAS)
    load_areas (self);
  if (flags & AMW_CHANGE_TAGS)
    load_tags (self);
  /* A chosen company, area or tag that disappeared has reset its dropdown to "All". */
  if (flags & TIMELINE_CHANGES)
    apply_filters (self, TRUE);
}

/* ---- overrides ---- */

static void
amw_timeline_view_constructed (GObject *object)
{
  AmwTimelineView *self = AMW_TIMELINE_VIEW (object);

  G_OBJECT_CLASS (amw_timeline_view_parent_class)->constructed (object);

  g_assert (AMW_IS_STORE (self->store));

  self->timeline = amw_timeline_list_new (self->store);
  /* Nothing selected at first: a selection only marks the week the strip jumped to, or
   * the row clicked. Autoselect is turned off before the model is set, or row 0 is taken. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->timeline));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Connected after the list view's own handler, so that positions are up to date. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_items_changed_cb), self, G_CONNECT_SWAPPED);

  load_companies (self);
  load_areas (self);
  load_tags (self);
  self->store_changed_id = g_signal_connect_swapped (self->store, "changed",
                                                     G_CALLBACK (on_store_changed_cb), self);
  apply_filters (self, TRUE);
}

static void
amw_timeline_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwTimelineView *self = AMW_TIMELINE_VIEW (object);

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
amw_timeline_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AmwTimelineView *self = AMW_TIMELINE_VIEW (object);

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
amw_timeline_view_dispose (GObject *object)
{
  AmwTimelineView *self = AMW_TIMELINE_VIEW (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_TIMELINE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_pointer (&self->company_ids, g_ptr_array_unref);
  g_clear_pointer (&self->area_values, g_ptr_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (amw_timeline_view_parent_class)->dispose (object);
}

static void
amw_timeline_view_class_init (AmwTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_timeline_view_constructed;
  object_class->get_property = amw_timeline_view_get_property;
  object_class->set_property = amw_timeline_view_set_property;
  object_class->dispose = amw_timeline_view_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmwTimelineView::open-article:
   * @article_id: the article the activated entry is, or comes from
   */
  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AmwTimelineView::open-company:
   * @company_id: the company of an activated entry that has no article
   */
  signals[SIGNAL_OPEN_COMPANY] =
    g_signal_new ("open-company", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (AMW_TYPE_DENSITY_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, content);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, company_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, company_names);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, area_names);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, tag_names);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, kind_names);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, density_strip);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, list_view);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AmwTimelineView, empty_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_density_strip_week_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
amw_timeline_view_init (AmwTimelineView *self)
{
  /* While the template is built, dropdowns announce their first selection: ignore it. */
  self->updating_choices = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bound_items = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (timeline_kinds); i++)
    gtk_string_list_append (self->kind_names,
                            timeline_kinds[i] != NULL ? amw_event_kind_label (timeline_kinds[i])
                                                      : _("All Kinds"));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  self->updating_choices = FALSE;
}

/* ---- public API ---- */

GtkWidget *
amw_timeline_view_new (AmwStore *store)
{
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_TIMELINE_VIEW, "store", store, NULL);
}

void
amw_timeline_view_set_company (AmwTimelineView *self,
                               const char      *company_id)
{
  guint index = 0;

  g_return_if_fail (AMW_IS_TIMELINE_VIEW (self));

  for (guint i = 1; company_id != NULL && i < self->company_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->company_ids, i), company_id) == 0)
      {
        index = i;
        break;
      }
  /* An unknown id shows every company rather than a filter the dropdown cannot show. */
  gtk_drop_down_set_selected (self->company_dropdown, index);
}
