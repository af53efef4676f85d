/* amw-companies-view.c — the company directory: a searchable, sortable list and profiles
 *
 * The list is an AmwPagedList: SQLite searches and sorts, the column view only shows the
 * rows in sight. GTK 4.8 cannot tell which column header the user clicked
 * (GtkColumnViewSorter is private until 4.10), so every column carries a GtkCustomSorter
 * that never sorts anything: it only answers a probe, and the answer names the column
 * and the direction to hand to amw_company_list_set_sort(). */
#include "amw-config.h"
#include "amw-companies-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "amw-company-profile.h"
#include "amw-format.h"
#include "amw-paged-list.h"

#define SORT_KEY_DATA "amw-sort-key"

struct _AmwCompaniesView
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkWidget           *list_page;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkStack            *results_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *sector_column;
  GtkColumnViewColumn *hq_column;
  GtkColumnViewColumn *total_column;
  GtkColumnViewColumn *latest_column;
  AdwStatusPage       *empty_page;
  GtkButton           *back_button;
  AmwCompanyProfile   *profile;

  /* owned */
  AmwStore            *store;
  AmwPagedList        *companies;
  char                *company_id;
  GObject             *probe_a;   /* compared through the view's sorter to read it */
  GObject             *probe_b;
};

G_DEFINE_FINAL_TYPE (AmwCompaniesView, amw_companies_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPANY_ID,
  N_PROPS
};

enum {
  SIGNAL_OPEN_ARTICLE,
  SIGNAL_OPEN_COMPANY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ---- */

/* The sorter of every column: records which key was asked and calls @a smaller, so the
 * column view's sorter returns SMALLER for an ascending column and LARGER for a
 * descending one. Only the probe objects ever reach it: nothing sorts the rows in GTK. */
static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  g_object_set_data (G_OBJECT ((gpointer) a), SORT_KEY_DATA,
                     GUINT_TO_POINTER (GPOINTER_TO_UINT (user_data) + 1));
  return GTK_ORDERING_SMALLER;
}

static void
add_column_sorter (GtkColumnViewColumn *column,
                   AmwCompanySortKey    key)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe_compare_cb,
                                                             GUINT_TO_POINTER (key), NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* The primary sort column and direction of the column view, FALSE when none is sorted. */
static gboolean
read_column_sort (AmwCompaniesView  *self,
                  AmwCompanySortKey *key,
                  gboolean          *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;
  guint probed;

  g_object_set_data (self->probe_a, SORT_KEY_DATA, NULL);
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  probed = GPOINTER_TO_UINT (g_object_get_data (self->probe_a, SORT_KEY_DATA));
  if (order == GTK_ORDERING_EQUAL || probed == 0 || probed > AMW_N_COMPANY_SORT_KEYS)
    return FALSE;
  *key = (AmwCompanySortKey) (probed - 1);
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

static gboolean
focus_is_inside (AmwCompaniesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

static void
update_results (AmwCompaniesView *self)
{
  guint n = self->companies ? g_list_model_get_n_items (G_LIST_MODEL (self->companies)) : 0;
  const GError *error = self->companies ? amw_paged_list_get_error (self->companies) : NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *count = g_strdup_printf (ngettext ("%u company", "%u companies", n), n);

  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "results" : "empty");
  if (n > 0)
    return;

  if (error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Could Not Search"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  else if (amw_is_blank (search))
    {
      adw_status_page_set_title (self->empty_page, _("No Companies Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Companies arrive with an imported AMW JSON file"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Companies Found"));
      adw_status_page_set_description (self->empty_page, _("Try a different name, alias or sector"));
    }
}

static void
set_company_id (AmwCompaniesView *self,
                const char       *company_id)
{
  if (amw_set_str (&self->company_id, company_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY_ID]);
}

static void
open_company_at (AmwCompaniesView *self,
                 guint             position)
{
  g_autoptr(AmwCompanyItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_COMPANY], 0, amw_company_item_get_id (item));
}

/* ---- template callbacks ---- */

static char *
text_or_dash (gpointer    this_item,
              const char *text)
{
  return g_strdup (amw_is_blank (text) ? "—" : text);
}

static char *
format_total_raised (gpointer this_item,
                     gint64   usd_minor)
{
  return usd_minor < 0 ? g_strdup ("—") : amw_format_money_short (usd_minor, "USD");
}

static char *
format_latest_round (gpointer    this_item,
                     const char *round_type,
                     const char *date)
{
  g_autofree char *type = NULL;
  g_autofree char *when = NULL;

  if (amw_is_blank (round_type))
    return g_strdup ("—");
  type = amw_round_type_label (round_type);
  if (amw_is_blank (date))
    return g_steal_pointer (&type);
  when = amw_format_date (date, NULL);
  /* TRANSLATORS: a round type and its date: "Series B · 12 Mar 2025" */
  return g_strdup_printf (_("%s · %s"), type, when);
}

static void
on_search_entry_search_changed_cb (AmwCompaniesView *self,
                                   GtkSearchEntry   *entry)
{
  if (self->companies == NULL)
    return;
  amw_company_list_set_search (self->companies, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_results (self);
}

static void
on_search_entry_stop_search_cb (AmwCompaniesView *self,
                                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Enter in the search opens the selected company, or the first one found: "anth" ⏎. */
static void
on_search_entry_activate_cb (AmwCompaniesView *self,
                             GtkSearchEntry   *entry)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (self->companies == NULL)
    return;
  /* The search waits a moment before it runs; what was typed counts now. */
  amw_company_list_set_search (self->companies, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_results (self);
  open_company_at (self, position == GTK_INVALID_LIST_POSITION ? 0 : position);
}

static void
on_column_view_activate_cb (AmwCompaniesView *self,
                            guint             position,
                            GtkColumnView    *view)
{
  open_company_at (self, position);
}

static void
on_sorter_changed_cb (AmwCompaniesView *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  AmwCompanySortKey key = AMW_COMPANY_SORT_NAME;
  gboolean descending = FALSE;

  if (self->companies == NULL)
    return;
  /* No sorted column: the store's own order, by name. */
  if (!read_column_sort (self, &key, &descending))
    {
      key = AMW_COMPANY_SORT_NAME;
      descending = FALSE;
    }
  amw_company_list_set_sort (self->companies, key, descending);
}

static void
on_back_button_clicked_cb (AmwCompaniesView *self,
                           GtkButton        *button)
{
  amw_companies_view_show_company (self, NULL);
}

static void
on_profile_open_article_cb (AmwCompaniesView  *self,
                            const char        *article_id,
                            AmwCompanyProfile *profile)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, article_id);
}

/* ---- GObject ---- */

static void
amw_companies_view_constructed (GObject *object)
{
  AmwCompaniesView *self = AMW_COMPANIES_VIEW (object);

  G_OBJECT_CLASS (amw_companies_view_parent_class)->constructed (object);

  if (self->store == NULL)
    {
      g_critical ("AmwCompaniesView needs a store");
      return;
    }
  self->companies = amw_company_list_new (self->store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->companies));
  g_signal_connect_object (self->companies, "items-changed", G_CALLBACK (update_results), self,
                           G_CONNECT_SWAPPED);
  amw_company_profile_set_store (self->profile, self->store);
  update_results (self);
}

static void
amw_companies_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AmwCompaniesView *self = AMW_COMPANIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COMPANY_ID:
      g_value_set_string (value, self->company_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_companies_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AmwCompaniesView *self = AMW_COMPANIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_COMPANY_ID:
      amw_companies_view_show_company (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_companies_view_dispose (GObject *object)
{
  AmwCompaniesView *self = AMW_COMPANIES_VIEW (object);

  /* First: taking the columns down changes the sorter, and nothing is to be sorted now. */
  g_clear_object (&self->companies);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_COMPANIES_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  G_OBJECT_CLASS (amw_companies_view_parent_class)->dispose (object);
}

static void
amw_companies_view_finalize (GObject *object)
{
  AmwCompaniesView *self = AMW_COMPANIES_VIEW (object);

  g_free (self->company_id);
  G_OBJECT_CLASS (amw_companies_view_parent_class)->finalize (object);
}

static void
amw_companies_view_class_init (AmwCompaniesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_companies_view_constructed;
  object_class->get_property = amw_companies_view_get_property;
  object_class->set_property = amw_companies_view_set_property;
  object_class->dispose = amw_companies_view_dispose;
  object_class->finalize = amw_companies_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_ID] =
    g_param_spec_string ("company-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmwCompaniesView::open-article:
   * @id: the article to open
   */
  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AmwCompaniesView::open-company:
   * @id: the company the user activated in the list
   */
  signals[SIGNAL_OPEN_COMPANY] =
    g_signal_new ("open-company", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Types named in the template must exist before it is parsed. */
  g_type_ensure (AMW_TYPE_COMPANY_ITEM);
  g_type_ensure (AMW_TYPE_COMPANY_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-companies-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, list_page);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, selection);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, name_column);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, sector_column);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, hq_column);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, total_column);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, latest_column);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, back_button);
  gtk_widget_class_bind_template_child (widget_class, AmwCompaniesView, profile);
  gtk_widget_class_bind_template_callback (widget_class, text_or_dash);
  gtk_widget_class_bind_template_callback (widget_class, format_total_raised);
  gtk_widget_class_bind_template_callback (widget_class, format_latest_round);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_open_article_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
amw_companies_view_init (AmwCompaniesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  add_column_sorter (self->name_column, AMW_COMPANY_SORT_NAME);
  add_column_sorter (self->sector_column, AMW_COMPANY_SORT_SECTOR);
  add_column_sorter (self->hq_column, AMW_COMPANY_SORT_HQ);
  add_column_sorter (self->total_column, AMW_COMPANY_SORT_TOTAL_RAISED);
  add_column_sorter (self->latest_column, AMW_COMPANY_SORT_LATEST_ROUND);
  /* The header arrow matches what the paged list starts with. */
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* Typing anywhere on the list goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_page);
}

/* ---- public API ---- */

GtkWidget *
amw_companies_view_new (AmwStore *store)
{
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_COMPANIES_VIEW, "store", store, NULL);
}

void
amw_companies_view_show_company (AmwCompaniesView *self,
                                 const char       *company_id)
{
  gboolean had_focus;

  g_return_if_fail (AMW_IS_COMPANIES_VIEW (self));

  had_focus = focus_is_inside (self);
  if (company_id != NULL)
    {
      amw_company_profile_set_company_id (self->profile, company_id);
      gtk_stack_set_visible_child_name (self->stack, "profile");
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
  set_company_id (self, company_id);
}

const char *
amw_companies_view_get_company (AmwCompaniesView *self)
{
  g_return_val_if_fail (AMW_IS_COMPANIES_VIEW (self), NULL);
  return self->company_id;
}

void
amw_companies_view_focus_search (AmwCompaniesView *self)
{
  g_return_if_fail (AMW_IS_COMPANIES_VIEW (self));

  amw_companies_view_show_company (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
