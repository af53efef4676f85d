/* amw-article-pane.c — one article as the site shows it: the AMW Read, ratings, areas,
 * tags, companies and How This Connects. Reloads itself when the store changes. */
#include "amw-config.h"
#include "amw-article-pane.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "amw-format.h"
#include "amw-limits.h"
#include "amw-rating-meter.h"

struct _AmwArticlePane
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *stack;
  AdwStatusPage  *many_page;
  GtkScrolledWindow *scroller;
  GtkLabel       *status_label;
  GtkLabel       *meta_label;
  GtkLabel       *title_label;
  GtkWidget      *read_box;
  GtkLabel       *read_label;
  AmwRatingMeter *novelty_meter;
  GtkLabel       *novelty_label;
  AmwRatingMeter *significance_meter;
  GtkLabel       *significance_label;
  GtkLabel       *rated_label;
  GtkFlowBox     *areas_box;
  GtkLabel       *summary_label;
  GtkFlowBox     *tags_box;
  GtkWidget      *companies_row;
  GtkFlowBox     *companies_box;
  GtkWidget      *read_original_button;
  GtkWidget      *connections_section;
  GtkLabel       *based_on_label;
  GtkListBox     *connections_list;

  /* owned */
  AmwStore       *store;
  char           *article_id;
  char           *url;
  gulong          changed_id;
};

G_DEFINE_FINAL_TYPE (AmwArticlePane, amw_article_pane, GTK_TYPE_WIDGET)

enum {
  SIGNAL_OPEN_ARTICLE,
  SIGNAL_OPEN_COMPANY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
chip (const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  /* Chips keep their own width instead of filling the flow box cell. */
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The most chips a list of the page shows: the format's most tags (and companies) per
 * article. Only another program can store more, and a million chips would freeze the
 * page; the rest are counted in a last chip. */
#define MAX_CHIPS AMW_LIMIT_TAGS

/* Whether @box may take the chip at @index; past MAX_CHIPS, the last chip counts the
 * @n_total - MAX_CHIPS left out. */
static gboolean
room_for_chip (GtkFlowBox *box,
               guint       index,
               guint       n_total)
{
  if (index < MAX_CHIPS)
    return TRUE;
  if (index == MAX_CHIPS)
    {
      guint n_more = n_total - MAX_CHIPS;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more",
                                                            "…and %u more", n_more), n_more);

      gtk_flow_box_append (box, chip (text, "dim-label"));
    }
  return FALSE;
}

static char *
company_name (AmwStore   *store,
              const char *id)
{
  g_autoptr(AmwCompany) company = id ? amw_store_get_company (store, id, NULL) : NULL;

  return company ? g_strdup (company->name) : g_strdup (id ? id : "");
}

static void
on_company_clicked_cb (GtkButton      *button,
                       AmwArticlePane *self)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_COMPANY], 0,
                 g_object_get_data (G_OBJECT (button), "company-id"));
}

/* One How This Connects item, with what it opens. */
typedef struct {
  char *date;
  char *title;
  char *company;
  char *article_id;  /* what activating opens, or NULL */
  char *company_id;
} Connection;

static void
connection_free (Connection *connection)
{
  g_free (connection->date);
  g_free (connection->title);
  g_free (connection->company);
  g_free (connection->article_id);
  g_free (connection->company_id);
  g_free (connection);
}

static int
compare_connections_newest_first (gconstpointer a,
                                  gconstpointer b)
{
  const Connection *ca = *(const Connection * const *) a;
  const Connection *cb = *(const Connection * const *) b;

  return -g_strcmp0 (ca->date, cb->date);
}

static Connection *
load_connection (AmwStore *store,
                 AmwPair  *link)
{
  Connection *connection = g_new0 (Connection, 1);

  if (g_strcmp0 (link->first, "article") == 0)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, link->second, NULL);

      if (article == NULL)
        goto missing;
      connection->date = g_strdup (article->published);
      connection->title = g_strdup (article->title);
      connection->article_id = g_strdup (article->id);
      if (article->companies->len > 0)
        connection->company_id = g_strdup (((AmwPair *) g_ptr_array_index (article->companies, 0))->first);
    }
  else
    {
      g_autoptr(AmwEvent) event = amw_store_get_event (store, link->second, NULL);

      if (event == NULL)
        goto missing;
      connection->date = g_strdup (event->date);
      connection->title = g_strdup (event->title);
      connection->article_id = g_strdup (event->source_article);
      if (event->companies->len > 0)
        connection->company_id = g_strdup (g_ptr_array_index (event->companies, 0));
    }
  connection->company = company_name (store, connection->company_id);
  return connection;

missing:
  connection->title = g_strdup (link->second);
  return connection;
}

static GtkWidget *
connection_row (Connection *connection,
                GDateTime  *now)
{
  g_autofree char *when = amw_format_relative_date (connection->date, now);
  g_autofree char *full_date = amw_format_date (connection->date, NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date_label = gtk_label_new (when);
  GtkWidget *title = gtk_label_new (connection->title);
  GtkWidget *company = gtk_label_new (connection->company);
  g_autofree char *accessible = g_strdup_printf ("%s, %s, %s", when, connection->title,
                                                 connection->company ? connection->company : "");

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_width_chars (GTK_LABEL (date_label), 7);
  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_widget_set_tooltip_text (date_label, full_date);
  gtk_widget_add_css_class (date_label, "dim-label");
  gtk_widget_add_css_class (date_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_tooltip_text (title, connection->title);
  gtk_widget_add_css_class (company, "caption-heading");
  gtk_widget_add_css_class (company, "accent");
  gtk_box_append (GTK_BOX (box), date_label);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), company);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                    connection->article_id != NULL || connection->company_id != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "article-id", g_strdup (connection->article_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "company-id", g_strdup (connection->company_id), g_free);
  return row;
}

static void
on_connections_list_row_activated_cb (AmwArticlePane *self,
                                      GtkListBoxRow  *row)
{
  const char *article_id = g_object_get_data (G_OBJECT (row), "article-id");
  const char *company_id = g_object_get_data (G_OBJECT (row), "company-id");

  if (article_id != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, article_id);
  else if (company_id != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_COMPANY], 0, company_id);
}

static void
set_rating (AmwRatingMeter *meter,
            GtkLabel       *label,
            int             value)
{
  g_autofree char *text = value > 0 ? g_strdup_printf ("%d/5", value) : g_strdup (_("Unrated"));

  amw_rating_meter_set_value (meter, value);
  gtk_label_set_text (label, text);
}

static void
fill_connections (AmwArticlePane *self,
                  AmwArticle     *article)
{
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) based_on = g_string_new (NULL);

  remove_children (GTK_WIDGET (self->connections_list));
  for (guint i = 0; i < article->connections->len; i++)
    g_ptr_array_add (connections, load_connection (self->store, g_ptr_array_index (article->connections, i)));
  g_ptr_array_sort (connections, compare_connections_newest_first);
  for (guint i = 0; i < connections->len; i++)
    gtk_list_box_append (self->connections_list, connection_row (g_ptr_array_index (connections, i), now));

  for (guint i = 0; i < article->areas->len &&
                    room_for_chip (self->areas_box, i, article->areas->len); i++)
    {
      AmwPair *area = g_ptr_array_index (article->areas, i);
      g_autofree char *text = amw_format_area (area->first, area->second);

      if (based_on->len > 0)
        g_string_append (based_on, ", ");
      g_string_append (based_on, text);
    }
  if (based_on->len > 0)
    {
      /* TRANSLATORS: %s is a list of knowledge areas */
      g_autofree char *text = g_strdup_printf (_("Based on %s"), based_on->str);
      gtk_label_set_text (self->based_on_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->based_on_label), based_on->len > 0);
  gtk_widget_set_visible (self->connections_section, connections->len > 0);
}

static void
fill (AmwArticlePane *self,
      AmwArticle     *article)
{
  g_autofree char *date = amw_format_date (article->published, NULL);
  g_autofree char *meta = article->source && *article->source
    ? g_strdup_printf ("%s · %s", date, article->source) : g_strdup (date);
  g_autoptr(GPtrArray) unused = NULL;

  gtk_label_set_text (self->status_label, amw_status_label (article->status));
  for (const char * const *s = amw_article_statuses; *s; s++)
    {
      g_autofree char *css = g_strconcat ("status-", *s, NULL);
      if (g_str_equal (*s, article->status))
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), css);
    }
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->title_label, article->title);

  gtk_label_set_text (self->read_label, article->amw_read && *article->amw_read
                      ? article->amw_read : _("No AMW Read written yet."));
  if (article->amw_read && *article->amw_read)
    gtk_widget_remove_css_class (GTK_WIDGET (self->read_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->read_label), "dim-label");

  set_rating (self->novelty_meter, self->novelty_label, article->novelty);
  set_rating (self->significance_meter, self->significance_label, article->significance);
  if (article->rated_by != NULL && article->rated_at != NULL)
    {
      g_autofree char *day = g_strndup (article->rated_at, 10);
      g_autofree char *when = amw_format_date (day, NULL);
      /* TRANSLATORS: "Rated by <editor> on <date>" */
      g_autofree char *text = g_strdup_printf (_("Rated by %s on %s"), article->rated_by, when);
      gtk_label_set_text (self->rated_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rated_label), article->rated_by != NULL);

  remove_children (GTK_WIDGET (self->areas_box));
  for (guint i = 0; i < article->areas->len; i++)
    {
      AmwPair *area = g_ptr_array_index (article->areas, i);
      g_autofree char *text = amw_format_area (area->first, area->second);
      gtk_flow_box_append (self->areas_box, chip (text, "area-chip"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->areas_box), article->areas->len > 0);

  gtk_label_set_text (self->summary_label, article->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), article->summary && *article->summary);

  remove_children (GTK_WIDGET (self->tags_box));
  for (guint i = 0; i < article->tags->len &&
                    room_for_chip (self->tags_box, i, article->tags->len); i++)
    {
      g_autofree char *text = g_strconcat ("#", (char *) g_ptr_array_index (article->tags, i), NULL);
      gtk_flow_box_append (self->tags_box, chip (text, "tag-chip"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), article->tags->len > 0);

  remove_children (GTK_WIDGET (self->companies_box));
  for (guint i = 0; i < article->companies->len &&
                    room_for_chip (self->companies_box, i, article->companies->len); i++)
    {
      AmwPair *link = g_ptr_array_index (article->companies, i);
      g_autofree char *name = company_name (self->store, link->first);
      GtkWidget *button = gtk_button_new_with_label (name);
      g_autofree char *tooltip = g_strdup_printf (g_str_equal (link->second, "subject")
                                                  ? _("Open the profile of %s (subject)")
                                                  : _("Open the profile of %s (mentioned)"), name);

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "company-id", g_strdup (link->first), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_company_clicked_cb), self);
      gtk_flow_box_append (self->companies_box, button);
    }
  gtk_widget_set_visible (self->companies_row, article->companies->len > 0);

  amw_set_str (&self->url, amw_is_web_url (article->url) ? article->url : NULL);
  gtk_widget_set_visible (self->read_original_button, self->url != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.read-original", self->url != NULL);

  fill_connections (self, article);
}

static void
reload (AmwArticlePane *self)
{
  g_autoptr(AmwArticle) article = NULL;

  if (self->article_id == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  article = amw_store_get_article (self->store, self->article_id, NULL);
  if (article == NULL)
    {
      /* Deleted or renamed elsewhere. */
      g_clear_pointer (&self->article_id, g_free);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  fill (self, article);
  gtk_stack_set_visible_child_name (self->stack, "article");
}

static void
on_store_changed_cb (AmwArticlePane *self,
                     guint           flags)
{
  if (flags & (AMW_CHANGE_ARTICLES | AMW_CHANGE_COMPANIES | AMW_CHANGE_EVENTS | AMW_CHANGE_TAGS))
    reload (self);
}

static void
read_original_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AmwArticlePane *self = AMW_ARTICLE_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Only web links ever leave the app; the store refuses others, this checks again. */
  if (self->url != NULL && amw_is_web_url (self->url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->url, GDK_CURRENT_TIME);
}

static void
amw_article_pane_dispose (GObject *object)
{
  AmwArticlePane *self = AMW_ARTICLE_PANE (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_ARTICLE_PANE);
  /* Template roots without an id are not unparented by dispose_template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_article_pane_parent_class)->dispose (object);
}

static void
amw_article_pane_finalize (GObject *object)
{
  AmwArticlePane *self = AMW_ARTICLE_PANE (object);

  g_free (self->article_id);
  g_free (self->url);
  G_OBJECT_CLASS (amw_article_pane_parent_class)->finalize (object);
}

static void
amw_article_pane_class_init (AmwArticlePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = amw_article_pane_dispose;
  object_class->finalize = amw_article_pane_finalize;

  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_COMPANY] =
    g_signal_new ("open-company", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (AMW_TYPE_RATING_METER);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-article-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, many_page);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, scroller);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, status_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, meta_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, title_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, read_box);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, read_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, novelty_meter);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, novelty_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, significance_meter);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, significance_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, rated_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, areas_box);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, companies_row);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, companies_box);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, read_original_button);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, connections_section);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, based_on_label);
  gtk_widget_class_bind_template_child (widget_class, AmwArticlePane, connections_list);
  gtk_widget_class_bind_template_callback (widget_class, on_connections_list_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "pane.read-original", NULL, read_original_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
amw_article_pane_init (AmwArticlePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
amw_article_pane_new (void)
{
  return g_object_new (AMW_TYPE_ARTICLE_PANE, NULL);
}

void
amw_article_pane_set_store (AmwArticlePane *self,
                            AmwStore       *store)
{
  g_return_if_fail (AMW_IS_ARTICLE_PANE (self));

  g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  reload (self);
}

void
amw_article_pane_show_article (AmwArticlePane *self,
                               const char     *id)
{
  g_return_if_fail (AMW_IS_ARTICLE_PANE (self));

  if (g_strcmp0 (self->article_id, id) != 0)
    {
      amw_set_str (&self->article_id, id);
      /* A new article starts at its top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  reload (self);
}

void
amw_article_pane_show_selection (AmwArticlePane *self,
                                 guint           n)
{
  g_autofree char *title = NULL;

  g_return_if_fail (AMW_IS_ARTICLE_PANE (self));

  title = g_strdup_printf (ngettext ("%u Article Selected", "%u Articles Selected", n), n);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->many_page), title);
  gtk_stack_set_visible_child_name (self->stack, "many");
}

const char *
amw_article_pane_get_article_id (AmwArticlePane *self)
{
  g_return_val_if_fail (AMW_IS_ARTICLE_PANE (self), NULL);
  return self->article_id;
}
