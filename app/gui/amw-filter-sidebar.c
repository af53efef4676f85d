/* amw-filter-sidebar.c — the article filters. Every control writes the shared AmwQuery;
 * the lists of areas, tags and companies follow the store. Filters combine: statuses
 * match any, areas, tags and companies all. */
#include "amw-config.h"
#include "amw-filter-sidebar.h"

#include <glib/gi18n.h>

#include "amw-format.h"

#define MAX_LISTED 30

struct _AmwFilterSidebar
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkWidget   *clear_button;
  GtkBox      *status_box;
  GtkGrid     *ratings_grid;
  GtkEntry    *since_entry;
  GtkEntry    *until_entry;
  GtkBox      *areas_box;
  GtkSearchEntry *tag_search;
  GtkBox      *tags_box;
  GtkSearchEntry *company_search;
  GtkBox      *companies_box;

  /* owned */
  AmwStore    *store;
  AmwQuery    *query;
  GtkDropDown *novelty_min;
  GtkDropDown *novelty_max;
  GtkDropDown *significance_min;
  GtkDropDown *significance_max;
  GPtrArray   *tags;      /* AmwTagCount, as last read: the tag search filters these */
  gboolean     syncing;   /* true while controls are set from the query */
  gulong       store_changed_id;
  gulong       query_changed_id;
};

G_DEFINE_FINAL_TYPE (AmwFilterSidebar, amw_filter_sidebar, GTK_TYPE_WIDGET)

typedef const char * const *(*StrvGetter) (AmwQuery *);
typedef void (*StrvSetter) (AmwQuery *, const char * const *);

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Adds or removes @value in the query's set. */
static void
toggle_in_set (AmwQuery   *query,
               StrvGetter  get,
               StrvSetter  set,
               const char *value,
               gboolean    active)
{
  const char * const *current = get (query);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  gboolean present = FALSE;

  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    {
      if (g_str_equal (current[i], value))
        {
          present = TRUE;
          if (!active)
            continue;
        }
      g_strv_builder_add (builder, current[i]);
    }
  if (active && !present)
    g_strv_builder_add (builder, value);
  result = g_strv_builder_end (builder);
  set (query, (const char * const *) result);
}

static gboolean
in_set (const char * const *set,
        const char         *value)
{
  return set != NULL && g_strv_contains (set, value);
}

static void
on_check_toggled_cb (GtkCheckButton   *check,
                     AmwFilterSidebar *self)
{
  StrvGetter get = g_object_get_data (G_OBJECT (check), "getter");
  StrvSetter set = g_object_get_data (G_OBJECT (check), "setter");

  if (self->syncing)
    return;
  toggle_in_set (self->query, get, set, g_object_get_data (G_OBJECT (check), "value"),
                 gtk_check_button_get_active (check));
}

static GtkWidget *
add_check (AmwFilterSidebar *self,
           GtkBox           *box,
           const char       *label,
           const char       *value,
           StrvGetter        get,
           StrvSetter        set)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);
  GtkWidget *child = gtk_widget_get_last_child (check);

  /* Long names wrap instead of widening the sidebar. */
  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (check, label);
    }
  g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
  g_object_set_data (G_OBJECT (check), "getter", get);
  g_object_set_data (G_OBJECT (check), "setter", set);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), in_set (get (self->query), value));
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  gtk_box_append (box, check);
  return check;
}

static void
rebuild_areas (AmwFilterSidebar *self)
{
  g_autoptr(GPtrArray) areas = amw_store_list_areas (self->store, NULL);
  const char *current_area = NULL;

  /* Grouped under their area, so that the facets read in full in a narrow sidebar. */
  remove_children (self->areas_box);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      AmwAreaCount *area = g_ptr_array_index (areas, i);
      g_autofree char *value = amw_format_area (area->area, area->facet);
      g_autofree char *label = g_strdup_printf ("%s (%u)", area->facet, area->count);
      GtkWidget *check;

      if (area->count == 0 && !in_set (amw_query_get_areas (self->query), value))
        continue;
      if (g_strcmp0 (current_area, area->area) != 0)
        {
          GtkWidget *heading = gtk_label_new (area->area);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (heading, "caption-heading");
          gtk_widget_add_css_class (heading, "dim-label");
          gtk_widget_set_margin_top (heading, 6);
          gtk_box_append (self->areas_box, heading);
          current_area = area->area;
        }
      check = add_check (self, self->areas_box, label, value, amw_query_get_areas, amw_query_set_areas);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, value, -1);
    }
}

/* Counting the tags reads every tag link (70 ms over a million articles): once per change
 * of the tags, not at each keystroke of the tag search. */
static void
rebuild_tags (AmwFilterSidebar *self)
{
  GPtrArray *tags = self->tags;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->tag_search));
  g_autofree char *needle = g_utf8_casefold (search, -1);
  guint shown = 0;

  remove_children (self->tags_box);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);
      g_autofree char *folded = g_utf8_casefold (tag->name, -1);
      gboolean active = in_set (amw_query_get_tags (self->query), tag->name);
      g_autofree char *label = NULL;

      /* Most used first; active tags always stay listed. */
      if (!active && (strstr (folded, needle) == NULL || shown >= MAX_LISTED))
        continue;
      label = g_strdup_printf ("%s (%u)", tag->name, tag->count);
      add_check (self, self->tags_box, label, tag->name, amw_query_get_tags, amw_query_set_tags);
      shown++;
    }
}

static void
rebuild_companies (AmwFilterSidebar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->company_search));
  const char * const *active = amw_query_get_companies (self->query);
  g_autoptr(GPtrArray) rows = amw_store_fetch_companies (self->store, search, AMW_COMPANY_SORT_NAME,
                                                         FALSE, 0, MAX_LISTED, NULL);

  remove_children (self->companies_box);
  for (guint i = 0; active != NULL && active[i] != NULL; i++)
    {
      g_autoptr(AmwCompany) company = amw_store_get_company (self->store, active[i], NULL);
      add_check (self, self->companies_box, company ? company->name : active[i], active[i],
                 amw_query_get_companies, amw_query_set_companies);
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AmwCompanyItem *item = g_ptr_array_index (rows, i);

      if (!in_set (active, amw_company_item_get_id (item)))
        add_check (self, self->companies_box, amw_company_item_get_name (item),
                   amw_company_item_get_id (item), amw_query_get_companies, amw_query_set_companies);
    }
}

static void
sync_checks (GtkBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      StrvGetter get = g_object_get_data (G_OBJECT (child), "getter");
      AmwQuery *query = g_object_get_data (G_OBJECT (box), "query");

      if (get != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                     in_set (get (query), g_object_get_data (G_OBJECT (child), "value")));
    }
}

static void
set_range_dropdowns (GtkDropDown *min_dropdown,
                     GtkDropDown *max_dropdown,
                     int          min,
                     int          max)
{
  gtk_drop_down_set_selected (min_dropdown, min > 0 ? (guint) min : 0);
  gtk_drop_down_set_selected (max_dropdown, max > 0 ? (guint) max : 0);
}

/* Brings every control in line with the query (after Clear, or a change from elsewhere). */
static void
sync_from_query (AmwFilterSidebar *self)
{
  int min, max;

  self->syncing = TRUE;
  sync_checks (self->status_box);
  sync_checks (self->areas_box);
  sync_checks (self->tags_box);
  sync_checks (self->companies_box);
  amw_query_get_novelty_range (self->query, &min, &max);
  set_range_dropdowns (self->novelty_min, self->novelty_max, min, max);
  amw_query_get_significance_range (self->query, &min, &max);
  set_range_dropdowns (self->significance_min, self->significance_max, min, max);
  if (amw_query_get_since (self->query) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  if (amw_query_get_until (self->query) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
  self->syncing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filters.clear", amw_query_has_filters (self->query));
}

static void
on_store_changed_cb (AmwFilterSidebar *self,
                     guint             flags)
{
  self->syncing = TRUE;
  if (flags & AMW_CHANGE_AREAS)
    rebuild_areas (self);
  if (flags & AMW_CHANGE_TAGS)
    {
      g_clear_pointer (&self->tags, g_ptr_array_unref);
      self->tags = amw_store_list_tags (self->store, NULL);
      rebuild_tags (self);
    }
  if (flags & AMW_CHANGE_COMPANIES)
    rebuild_companies (self);
  self->syncing = FALSE;
}

static void
on_tag_search_changed_cb (AmwFilterSidebar *self)
{
  rebuild_tags (self);
}

static void
on_company_search_changed_cb (AmwFilterSidebar *self)
{
  rebuild_companies (self);
}

static void
apply_date (AmwFilterSidebar *self,
            GtkEntry         *entry,
            void            (*setter) (AmwQuery *, const char *))
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean valid = *text == '\0' || amw_is_valid_date (text);

  /* Half-typed dates are left alone; a wrong one is marked, not applied. */
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else if (strlen (text) >= 10)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  if (valid)
    setter (self->query, *text ? text : NULL);
}

static void
on_date_entry_changed_cb (AmwFilterSidebar *self,
                          GtkEntry         *entry)
{
  if (self->syncing)
    return;
  apply_date (self, entry, entry == self->since_entry ? amw_query_set_since : amw_query_set_until);
}

static void
on_range_changed_cb (AmwFilterSidebar *self)
{
  if (self->syncing)
    return;
  amw_query_set_novelty_range (self->query, gtk_drop_down_get_selected (self->novelty_min),
                               gtk_drop_down_get_selected (self->novelty_max));
  amw_query_set_significance_range (self->query, gtk_drop_down_get_selected (self->significance_min),
                                    gtk_drop_down_get_selected (self->significance_max));
}

static GtkDropDown *
rating_dropdown (AmwFilterSidebar *self,
                 const char       *accessible_name)
{
  const char * const levels[] = { C_("rating", "Any"), "1", "2", "3", "4", "5", NULL };
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (levels));

  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_name);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_range_changed_cb), self);
  return dropdown;
}

static void
build_ratings (AmwFilterSidebar *self)
{
  GtkWidget *novelty = gtk_label_new (_("Novelty"));
  GtkWidget *significance = gtk_label_new (_("Significance"));
  GtkWidget *to1 = gtk_label_new ("–");
  GtkWidget *to2 = gtk_label_new ("–");

  gtk_label_set_xalign (GTK_LABEL (novelty), 0);
  gtk_label_set_xalign (GTK_LABEL (significance), 0);
  self->novelty_min = rating_dropdown (self, _("Lowest novelty"));
  self->novelty_max = rating_dropdown (self, _("Highest novelty"));
  self->significance_min = rating_dropdown (self, _("Lowest significance"));
  self->significance_max = rating_dropdown (self, _("Highest significance"));
  gtk_grid_attach (self->ratings_grid, novelty, 0, 0, 3, 1);
  gtk_grid_attach (self->ratings_grid, GTK_WIDGET (self->novelty_min), 0, 1, 1, 1);
  gtk_grid_attach (self->ratings_grid, to1, 1, 1, 1, 1);
  gtk_grid_attach (self->ratings_grid, GTK_WIDGET (self->novelty_max), 2, 1, 1, 1);
  gtk_grid_attach (self->ratings_grid, significance, 0, 2, 3, 1);
  gtk_grid_attach (self->ratings_grid, GTK_WIDGET (self->significance_min), 0, 3, 1, 1);
  gtk_grid_attach (self->ratings_grid, to2, 1, 3, 1, 1);
  gtk_grid_attach (self->ratings_grid, GTK_WIDGET (self->significance_max), 2, 3, 1, 1);
}

static void
clear_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AmwFilterSidebar *self = AMW_FILTER_SIDEBAR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
  amw_query_clear_filters (self->query);
}

static void
amw_filter_sidebar_dispose (GObject *object)
{
  AmwFilterSidebar *self = AMW_FILTER_SIDEBAR (object);

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_signal_handler (&self->query_changed_id, self->query);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_FILTER_SIDEBAR);
  /* Template roots without an id are not unparented by dispose_template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->query);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  G_OBJECT_CLASS (amw_filter_sidebar_parent_class)->dispose (object);
}

static void
amw_filter_sidebar_class_init (AmwFilterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = amw_filter_sidebar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-filter-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, status_box);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, ratings_grid);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, since_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, until_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, areas_box);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, tag_search);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, tags_box);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, company_search);
  gtk_widget_class_bind_template_child (widget_class, AmwFilterSidebar, companies_box);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_changed_cb);
  gtk_widget_class_install_action (widget_class, "filters.clear", NULL, clear_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filtersidebar");
}

static void
amw_filter_sidebar_init (AmwFilterSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
amw_filter_sidebar_new (AmwStore *store,
                        AmwQuery *query)
{
  AmwFilterSidebar *self;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (AMW_IS_QUERY (query), NULL);

  self = g_object_new (AMW_TYPE_FILTER_SIDEBAR, NULL);
  self->store = g_object_ref (store);
  self->query = g_object_ref (query);
  g_object_set_data (G_OBJECT (self->status_box), "query", query);
  g_object_set_data (G_OBJECT (self->areas_box), "query", query);
  g_object_set_data (G_OBJECT (self->tags_box), "query", query);
  g_object_set_data (G_OBJECT (self->companies_box), "query", query);

  for (const char * const *status = amw_article_statuses; *status != NULL; status++)
    add_check (self, self->status_box, amw_status_label (*status), *status,
               amw_query_get_statuses, amw_query_set_statuses);
  build_ratings (self);
  on_store_changed_cb (self, AMW_CHANGE_ALL);
  sync_from_query (self);

  self->store_changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  self->query_changed_id = g_signal_connect_swapped (query, "changed", G_CALLBACK (sync_from_query), self);
  return GTK_WIDGET (self);
}
