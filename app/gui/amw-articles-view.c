/* amw-articles-view.c — the filter sidebar, the article list and the article pane.
 *
 * The list is a GtkColumnView over the paged store model: only visible rows are fetched.
 * Sorting is done by SQLite: each column carries a sorter of its own that, when probed,
 * tells which column the view sorts by (GTK 4.8 has no getter for that).
 *
 * Quick rating: with the list focused, 1–5 set the Novelty of the selected articles and
 * Alt+1–5 their Significance; 0 and Alt+0 clear them. Each key is one store command, and
 * the rated rows stay selected. */
#include "amw-config.h"
#include "amw-articles-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "amw-article-pane.h"
#include "amw-filter-sidebar.h"
#include "amw-format.h"
#include "amw-paged-list.h"
#include "amw-rating-meter.h"

struct _AmwArticlesView
{
  GtkWidget          parent_instance;

  /* template widgets */
  AdwFlap           *flap;
  GtkPaned          *paned;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkRevealer       *filter_bar;
  GtkLabel          *filter_summary;
  GtkStack          *list_stack;
  GtkColumnView     *column_view;
  AmwArticlePane    *pane;

  /* owned */
  AmwStore          *store;
  AmwQuery          *query;
  AmwPagedList      *list;
  GtkMultiSelection *selection;
  char              *article_id;
  AmwSortKey         probed_key;   /* set by the column sorters while probing */
  gboolean           probing;
  guint              restore_idle_id;
  gulong             sorter_changed_id;
};

G_DEFINE_FINAL_TYPE (AmwArticlesView, amw_articles_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE_ID,
  N_PROPS
};

enum {
  SIGNAL_OPEN_ARTICLE,
  SIGNAL_OPEN_COMPANY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- columns ---- */

typedef struct {
  AmwArticlesView *view;
  AmwSortKey       key;
} ColumnSort;

/* Never used to order rows (SQLite does that): records which column the view asks
 * first, and answers "smaller", so the sign of the result gives the direction. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnSort *sort = user_data;

  if (sort->view->probing && sort->view->probed_key == AMW_N_SORT_KEYS)
    sort->view->probed_key = sort->key;
  return GTK_ORDERING_SMALLER;
}

static void
on_view_sorter_changed_cb (AmwArticlesView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(AmwArticleItem) a = amw_article_item_new (0, "", "", "", "", "", 0, 0, "");
  g_autoptr(AmwArticleItem) b = amw_article_item_new (1, "", "", "", "", "", 0, 0, "");
  GtkOrdering order;

  self->probing = TRUE;
  self->probed_key = AMW_N_SORT_KEYS;
  order = gtk_sorter_compare (sorter, a, b);
  self->probing = FALSE;

  if (self->probed_key == AMW_N_SORT_KEYS || order == GTK_ORDERING_EQUAL)
    amw_query_set_sort (self->query, AMW_SORT_PUBLISHED, TRUE); /* unsorted: newest first */
  else
    amw_query_set_sort (self->query, self->probed_key, order == GTK_ORDERING_LARGER);
}

typedef enum {
  CELL_DATE,
  CELL_TITLE,
  CELL_SOURCE,
  CELL_NOVELTY,
  CELL_SIGNIFICANCE,
  CELL_TAGS,
  CELL_STATUS,
} CellKind;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  CellKind kind = GPOINTER_TO_INT (data);
  GtkWidget *widget;

  if (kind == CELL_NOVELTY || kind == CELL_SIGNIFICANCE)
    {
      widget = amw_rating_meter_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
    }
  else
    {
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      if (kind == CELL_DATE)
        gtk_widget_add_css_class (widget, "numeric");
      if (kind == CELL_TAGS || kind == CELL_SOURCE || kind == CELL_DATE)
        gtk_widget_add_css_class (widget, "dim-label");
      if (kind == CELL_STATUS)
        {
          gtk_widget_set_halign (widget, GTK_ALIGN_START);
          gtk_widget_add_css_class (widget, "status-pill");
        }
    }
  gtk_list_item_set_child (list_item, widget);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  CellKind kind = GPOINTER_TO_INT (data);
  AmwArticleItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);

  switch (kind)
    {
    case CELL_DATE:
      {
        g_autofree char *date = amw_format_date (amw_article_item_get_published (item), NULL);
        gtk_label_set_text (GTK_LABEL (widget), date);
      }
      break;
    case CELL_TITLE:
      gtk_label_set_text (GTK_LABEL (widget), amw_article_item_get_title (item));
      gtk_widget_set_tooltip_text (widget, amw_article_item_get_title (item));
      break;
    case CELL_SOURCE:
      gtk_label_set_text (GTK_LABEL (widget), amw_article_item_get_source (item));
      break;
    case CELL_NOVELTY:
      amw_rating_meter_set_value (AMW_RATING_METER (widget), amw_article_item_get_novelty (item));
      break;
    case CELL_SIGNIFICANCE:
      amw_rating_meter_set_value (AMW_RATING_METER (widget), amw_article_item_get_significance (item));
      break;
    case CELL_TAGS:
      gtk_label_set_text (GTK_LABEL (widget), amw_article_item_get_tags (item));
      gtk_widget_set_tooltip_text (widget, amw_article_item_get_tags (item));
      break;
    case CELL_STATUS:
      {
        const char *status = amw_article_item_get_status (item);
        g_autofree char *css = g_strconcat ("status-", status, NULL);

        for (const char * const *s = amw_article_statuses; *s; s++)
          {
            g_autofree char *other = g_strconcat ("status-", *s, NULL);
            gtk_widget_remove_css_class (widget, other);
          }
        gtk_widget_add_css_class (widget, css);
        gtk_label_set_text (GTK_LABEL (widget), amw_status_label (status));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_column (AmwArticlesView *self,
            const char      *title,
            CellKind         kind,
            AmwSortKey       key,
            int              fixed_width,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (kind));
  column = gtk_column_view_column_new (title, factory);
  if (key < AMW_N_SORT_KEYS)
    {
      ColumnSort *sort = g_new0 (ColumnSort, 1);

      sort->view = self;
      sort->key = key;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, sort, g_free));
      gtk_column_view_column_set_sorter (column, sorter);
    }
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
}

/* ---- selection and counts ---- */

static void
update_count (AmwArticlesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = NULL;
  const GError *error = amw_paged_list_get_error (self->list);

  /* A broad search shows its rows before the exact count is known. */
  if (amw_paged_list_is_counting (self->list))
    text = g_strdup_printf (ngettext ("More than %u article", "More than %u articles", n), n);
  else
    text = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->list_stack, "empty")),
                                   error ? error->message : _("Try other words, or clear the filters"));
}

static void
update_filter_bar (AmwArticlesView *self)
{
  gboolean active = amw_query_has_filters (self->query);

  if (active)
    {
      g_autofree char *description = amw_format_query (self->query, self->store);
      /* TRANSLATORS: %s describes the active search and filters */
      g_autofree char *text = g_strdup_printf (_("Filtered by %s"), description);
      gtk_label_set_text (self->filter_summary, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_summary), text);
    }
  gtk_revealer_set_reveal_child (self->filter_bar, active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "articles.clear-filters", active);
}

static void
update_rate_actions (AmwArticlesView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gboolean enabled = !gtk_bitset_is_empty (selected) && !amw_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "articles.rate-novelty", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "articles.rate-significance", enabled);
}

/* Selects exactly the loaded rows of @ids (rows a command replaced lost their selection). */
static void
select_ids (AmwArticlesView    *self,
            const char * const *ids)
{
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GtkBitset) all = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 position = amw_paged_list_find_cached (self->list, ids[i]);
      if (position >= 0)
        gtk_bitset_add (wanted, (guint) position);
    }
  if (gtk_bitset_equals (wanted, current))
    return;
  all = gtk_bitset_new_range (0, g_list_model_get_n_items (G_LIST_MODEL (self->selection)));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, all);
}

static void
set_article_id (AmwArticlesView *self,
                const char      *id)
{
  if (amw_set_str (&self->article_id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);
}

static void
on_selection_changed_cb (AmwArticlesView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (selected);

  if (n == 1)
    {
      g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                              gtk_bitset_get_nth (selected, 0));
      if (item != NULL)
        {
          set_article_id (self, amw_article_item_get_id (item));
          amw_article_pane_show_article (self->pane, self->article_id);
        }
    }
  else if (n > 1)
    amw_article_pane_show_selection (self->pane, (guint) n);
  update_rate_actions (self);
}

/* After the rows were replaced (an edit, an import, another process), select the
 * article that was selected, if it is still loaded. */
static gboolean
restore_selection_cb (gpointer user_data)
{
  AmwArticlesView *self = user_data;
  gint64 position;

  self->restore_idle_id = 0;
  if (self->article_id == NULL)
    return G_SOURCE_REMOVE;
  position = amw_paged_list_find_cached (self->list, self->article_id);
  if (position >= 0 &&
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), (guint) position))
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      if (gtk_bitset_is_empty (selected))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
on_items_changed_cb (AmwArticlesView *self)
{
  update_count (self);
  if (self->restore_idle_id == 0)
    self->restore_idle_id = g_idle_add (restore_selection_cb, self);
}

static void
on_query_changed_cb (AmwArticlesView *self)
{
  const char *search = amw_query_get_search (self->query);

  update_filter_bar (self);
  /* The query may have been cleared elsewhere (Clear Filters). */
  if (g_strcmp0 (search ? search : "", gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
}

/* ---- callbacks ---- */

static void
on_search_entry_search_changed_cb (AmwArticlesView *self)
{
  amw_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_stop_search_cb (AmwArticlesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_column_view_activate_cb (AmwArticlesView *self,
                            guint            position)
{
  g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, amw_article_item_get_id (item));
}

static void
on_pane_open_article_cb (AmwArticlesView *self,
                         const char      *id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, id);
}

static void
on_pane_open_company_cb (AmwArticlesView *self,
                         const char      *id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_COMPANY], 0, id);
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  amw_query_clear_filters (AMW_ARTICLES_VIEW (widget)->query);
}

/* "articles.rate-novelty" / "articles.rate-significance" (int): 1–5 sets, 0 clears. */
static void
rate_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwArticlesView *self = AMW_ARTICLES_VIEW (widget);
  gboolean novelty = g_str_equal (action_name, "articles.rate-novelty");
  int value = g_variant_get_int32 (parameter);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (value < 0 || value > 5)
    return;
  ids = amw_articles_view_get_selected_ids (self);
  if (ids[0] == NULL)
    return;
  if (!amw_store_rate_articles (self->store, (const char * const *) ids,
                                novelty ? value : -1, novelty ? -1 : value, &error))
    {
      g_message ("Could not rate the selected articles: %s", error->message);
      gtk_widget_error_bell (widget);
      return;
    }
  select_ids (self, (const char * const *) ids);
}

static void
toggle_filters_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  amw_articles_view_toggle_filters (AMW_ARTICLES_VIEW (widget));
}

/* ---- GObject ---- */

static void
amw_articles_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwArticlesView *self = AMW_ARTICLES_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_ID:
      g_value_set_string (value, self->article_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_articles_view_dispose (GObject *object)
{
  AmwArticlesView *self = AMW_ARTICLES_VIEW (object);

  g_clear_handle_id (&self->restore_idle_id, g_source_remove);
  /* Removing the columns on the way out changes the sorter: stop listening first. */
  if (self->column_view != NULL)
    {
      g_clear_signal_handler (&self->sorter_changed_id, gtk_column_view_get_sorter (self->column_view));
      gtk_column_view_set_model (self->column_view, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_ARTICLES_VIEW);
  /* Template roots without an id are not unparented by dispose_template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->query);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_articles_view_parent_class)->dispose (object);
}

static void
amw_articles_view_finalize (GObject *object)
{
  g_free (AMW_ARTICLES_VIEW (object)->article_id);
  G_OBJECT_CLASS (amw_articles_view_parent_class)->finalize (object);
}

static void
amw_articles_view_class_init (AmwArticlesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = amw_articles_view_get_property;
  object_class->dispose = amw_articles_view_dispose;
  object_class->finalize = amw_articles_view_finalize;

  properties[PROP_ARTICLE_ID] =
    g_param_spec_string ("article-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_COMPANY] =
    g_signal_new ("open-company", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (AMW_TYPE_ARTICLE_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-articles-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, flap);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, paned);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, filter_summary);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlesView, pane);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_open_article_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_open_company_cb);
  gtk_widget_class_install_action (widget_class, "articles.clear-filters", NULL, clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "articles.toggle-filters", NULL, toggle_filters_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "articles.toggle-filters", NULL);
  gtk_widget_class_install_action (widget_class, "articles.rate-novelty", "i", rate_activated);
  gtk_widget_class_install_action (widget_class, "articles.rate-significance", "i", rate_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Keys of the list only (not of the search entry or the pane): 0–5 and Alt+0–5, keypad too. */
static void
add_rating_shortcuts (AmwArticlesView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (int value = 0; value <= 5; value++)
    {
      const guint keyvals[] = { GDK_KEY_0 + value, GDK_KEY_KP_0 + value };

      for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
        {
          GtkShortcut *novelty = gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], 0),
                                                   gtk_named_action_new ("articles.rate-novelty"));
          GtkShortcut *significance = gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], GDK_ALT_MASK),
                                                        gtk_named_action_new ("articles.rate-significance"));

          gtk_shortcut_set_arguments (novelty, g_variant_new_int32 (value));
          gtk_shortcut_set_arguments (significance, g_variant_new_int32 (value));
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), novelty);
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), significance);
        }
    }
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);
}

static void
amw_articles_view_init (AmwArticlesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_rating_shortcuts (self);
}

GtkWidget *
amw_articles_view_new (AmwStore *store)
{
  AmwArticlesView *self;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  self = g_object_new (AMW_TYPE_ARTICLES_VIEW, NULL);
  self->store = g_object_ref (store);
  self->query = amw_query_new ();
  self->list = amw_article_list_new (store, self->query);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));

  add_column (self, C_("column", "Date"), CELL_DATE, AMW_SORT_PUBLISHED, 102, FALSE);
  add_column (self, C_("column", "Title"), CELL_TITLE, AMW_SORT_TITLE, -1, TRUE);
  add_column (self, C_("column", "Source"), CELL_SOURCE, AMW_SORT_SOURCE, 96, FALSE);
  add_column (self, C_("column", "Novelty"), CELL_NOVELTY, AMW_SORT_NOVELTY, 76, FALSE);
  add_column (self, C_("column", "Significance"), CELL_SIGNIFICANCE, AMW_SORT_SIGNIFICANCE, 98, FALSE);
  /* Tags have no natural order to sort by. */
  add_column (self, C_("column", "Tags"), CELL_TAGS, AMW_N_SORT_KEYS, 110, FALSE);
  add_column (self, C_("column", "Status"), CELL_STATUS, AMW_SORT_STATUS, 122, FALSE);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->sorter_changed_id = g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                                                      G_CALLBACK (on_view_sorter_changed_cb), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_connect_swapped (self->list, "notify::counting", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->query, "changed", G_CALLBACK (on_query_changed_cb), self);

  adw_flap_set_flap (self->flap, amw_filter_sidebar_new (store, self->query));
  amw_article_pane_set_store (self->pane, store);
  update_count (self);
  update_filter_bar (self);
  update_rate_actions (self);
  return GTK_WIDGET (self);
}

AmwQuery *
amw_articles_view_get_query (AmwArticlesView *self)
{
  g_return_val_if_fail (AMW_IS_ARTICLES_VIEW (self), NULL);
  return self->query;
}

GListModel *
amw_articles_view_get_model (AmwArticlesView *self)
{
  g_return_val_if_fail (AMW_IS_ARTICLES_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

void
amw_articles_view_show_article (AmwArticlesView *self,
                                const char      *id)
{
  gint64 position;

  g_return_if_fail (AMW_IS_ARTICLES_VIEW (self));

  set_article_id (self, id);
  amw_article_pane_show_article (self->pane, id);
  position = id ? amw_paged_list_find_cached (self->list, id) : -1;
  if (position >= 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", (guint) position);
    }
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

const char *
amw_articles_view_get_article_id (AmwArticlesView *self)
{
  g_return_val_if_fail (AMW_IS_ARTICLES_VIEW (self), NULL);
  return self->article_id;
}

GStrv
amw_articles_view_get_selected_ids (AmwArticlesView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (AMW_IS_ARTICLES_VIEW (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      if (item != NULL)
        g_strv_builder_add (builder, amw_article_item_get_id (item));
    }
  return g_strv_builder_end (builder);
}

void
amw_articles_view_focus_search (AmwArticlesView *self)
{
  g_return_if_fail (AMW_IS_ARTICLES_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
amw_articles_view_toggle_filters (AmwArticlesView *self)
{
  g_return_if_fail (AMW_IS_ARTICLES_VIEW (self));
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}
