/* amw-company-profile.c — one company: facts, funding, articles and timeline
 *
 * The record itself (facts and funding rounds) is small and read whole with
 * amw_store_get_company(); the articles and the timeline can be long, so they are paged
 * lists seen through a GtkSliceListModel: the page shows the first few rows and grows on
 * request, and nothing asks SQLite for rows nobody looks at. */
#include "amw-config.h"
#include "amw-company-profile.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "amw-format.h"
#include "amw-funding-chart.h"
#include "amw-paged-list.h"

/* How many articles and timeline entries show at first, and how many more per click. */
#define SLICE_FIRST 8
#define SLICE_STEP  20

/* ---- AmwRoundRow: one funding round as the rounds table shows it ---- */

#define AMW_TYPE_ROUND_ROW (amw_round_row_get_type ())
G_DECLARE_FINAL_TYPE (AmwRoundRow, amw_round_row, AMW, ROUND_ROW, GObject)

enum {
  ROW_PROP_0,
  ROW_PROP_DATE,
  ROW_PROP_ROUND,
  ROW_PROP_AMOUNT,
  ROW_PROP_AMOUNT_USD,
  ROW_PROP_LEADS,
  ROW_PROP_DETAILS,
  ROW_PROP_SOURCE_ID,
  ROW_PROP_SOURCE_TITLE,
  ROW_PROP_SOURCE_LABEL,
  ROW_N_STRINGS,
  ROW_PROP_HAS_SOURCE = ROW_N_STRINGS,
  ROW_N_PROPS
};

struct _AmwRoundRow
{
  GObject  parent_instance;
  char    *strings[ROW_N_STRINGS];   /* indexed by ROW_PROP_*; formatted once, read by bindings */
};

G_DEFINE_FINAL_TYPE (AmwRoundRow, amw_round_row, G_TYPE_OBJECT)

static GParamSpec *row_properties[ROW_N_PROPS];

static void
amw_round_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AmwRoundRow *self = AMW_ROUND_ROW (object);

  if (prop_id > ROW_PROP_0 && prop_id < ROW_N_STRINGS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == ROW_PROP_HAS_SOURCE)
    g_value_set_boolean (value, !amw_is_blank (self->strings[ROW_PROP_SOURCE_ID]));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
amw_round_row_finalize (GObject *object)
{
  AmwRoundRow *self = AMW_ROUND_ROW (object);

  for (guint i = 0; i < ROW_N_STRINGS; i++)
    g_free (self->strings[i]);
  G_OBJECT_CLASS (amw_round_row_parent_class)->finalize (object);
}

static void
amw_round_row_class_init (AmwRoundRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[ROW_N_STRINGS] = {
    NULL, "date", "round", "amount", "amount-usd", "leads", "details",
    "source-id", "source-title", "source-label",
  };

  object_class->get_property = amw_round_row_get_property;
  object_class->finalize = amw_round_row_finalize;

  for (guint i = ROW_PROP_DATE; i < ROW_N_STRINGS; i++)
    row_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_HAS_SOURCE] =
    g_param_spec_boolean ("has-source", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
amw_round_row_init (AmwRoundRow *self)
{
}

/* ---- AmwCompanyProfile ---- */

struct _AmwCompanyProfile
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkLabel          *name_label;
  GtkLabel          *aliases_label;
  GtkLabel          *description_label;
  GtkLabel          *verified_label;
  GtkLabel          *status_label;
  GtkLabel          *sector_label;
  GtkLabel          *hq_label;
  GtkLabel          *founded_label;
  GtkLabel          *employees_label;
  GtkLabel          *website_label;
  GtkLabel          *website_none_label;
  GtkStack          *funding_stack;
  GtkLabel          *total_label;
  GtkLabel          *total_note_label;
  GtkLabel          *rounds_count_label;
  GtkLabel          *rounds_span_label;
  GtkLabel          *latest_label;
  GtkLabel          *latest_date_label;
  AmwFundingChart   *chart;
  GtkLabel          *chart_caption_label;
  GtkColumnView     *rounds_view;
  GListStore        *rounds;
  GtkListBox        *articles_box;
  GtkLabel          *articles_count_label;
  GtkLabel          *articles_empty_label;
  GtkButton         *articles_more_button;
  GtkListBox        *timeline_box;
  GtkLabel          *timeline_count_label;
  GtkLabel          *timeline_empty_label;
  GtkButton         *timeline_more_button;

  /* owned */
  AmwStore          *store;
  char              *company_id;
  AmwPagedList      *articles;         /* AmwArticleItem, newest first */
  GtkSliceListModel *articles_slice;
  AmwPagedList      *timeline;         /* AmwTimelineItem, newest first */
  GtkSliceListModel *timeline_slice;
};

G_DEFINE_FINAL_TYPE (AmwCompanyProfile, amw_company_profile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPANY_ID,
  N_PROPS
};

enum {
  SIGNAL_OPEN_ARTICLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ---- */

static const char *
company_status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0) return C_("company status", "Active");
  if (g_strcmp0 (status, "acquired") == 0) return C_("company status", "Acquired");
  if (g_strcmp0 (status, "public") == 0) return C_("company status", "Public");
  if (g_strcmp0 (status, "closed") == 0) return C_("company status", "Closed");
  return amw_is_blank (status) ? "—" : status;
}

static void
set_text_or_dash (GtkLabel   *label,
                  const char *text)
{
  gtk_label_set_text (label, amw_is_blank (text) ? "—" : text);
}

/* Shows @label with @text, or hides it when there is nothing to say. */
static void
set_optional_text (GtkLabel   *label,
                   const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), !amw_is_blank (text));
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_headquarters (const AmwCompany *company)
{
  if (!amw_is_blank (company->hq_city) && !amw_is_blank (company->hq_country))
    return g_strdup_printf ("%s, %s", company->hq_city, company->hq_country);
  if (!amw_is_blank (company->hq_city))
    return g_strdup (company->hq_city);
  return g_strdup (company->hq_country);
}

static char *
source_title (AmwCompanyProfile *self,
              const char        *article_id)
{
  g_autoptr(AmwArticle) article = NULL;

  if (amw_is_blank (article_id))
    return NULL;
  /* A whole article for its title: rounds are few, and the store has no lighter call. */
  article = amw_store_get_article (self->store, article_id, NULL);
  if (article == NULL || amw_is_blank (article->title))
    return g_strdup (article_id);
  return g_strdup (article->title);
}

static AmwRoundRow *
round_row_new (AmwCompanyProfile     *self,
               const AmwFundingRound *round)
{
  AmwRoundRow *row = g_object_new (AMW_TYPE_ROUND_ROW, NULL);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *leads = join_names (round->lead_investors);

  row->strings[ROW_PROP_DATE] = amw_format_date (round->announced, NULL);
  row->strings[ROW_PROP_ROUND] = amw_round_type_label (round->type);
  row->strings[ROW_PROP_AMOUNT] = round->has_amount
    ? amw_format_money (round->amount_minor, round->currency)
    : g_strdup (C_("amount", "Undisclosed"));
  row->strings[ROW_PROP_AMOUNT_USD] = round->has_amount_usd
    ? amw_format_money_short (round->amount_usd_minor, "USD")
    : g_strdup ("—");
  row->strings[ROW_PROP_LEADS] = g_strdup (*leads != '\0' ? leads : "—");

  /* What does not fit in the table goes in a tooltip. */
  if (round->has_post_money)
    {
      g_autofree char *valuation = amw_format_money (round->post_money_minor,
                                                     round->post_money_currency);

      g_string_append_printf (details, _("Post-money valuation: %s"), valuation);
    }
  if (round->participants != NULL && round->participants->len > 0)
    {
      g_autofree char *others = join_names (round->participants);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Also investing: %s"), others);
    }
  if (details->len > 0)
    row->strings[ROW_PROP_DETAILS] = g_string_free (g_steal_pointer (&details), FALSE);

  row->strings[ROW_PROP_SOURCE_ID] = g_strdup (round->source_article ? round->source_article : "");
  row->strings[ROW_PROP_SOURCE_TITLE] = source_title (self, round->source_article);
  row->strings[ROW_PROP_SOURCE_LABEL] = g_strdup (row->strings[ROW_PROP_SOURCE_TITLE]
                                                  ? row->strings[ROW_PROP_SOURCE_TITLE] : "—");
  if (row->strings[ROW_PROP_SOURCE_TITLE] == NULL)
    row->strings[ROW_PROP_SOURCE_TITLE] = g_strdup (_("No source article"));
  return row;
}

static void
show_funding (AmwCompanyProfile *self,
              const AmwCompany  *company)
{
  GPtrArray *rounds = company->funding_rounds;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  const AmwFundingRound *first, *latest;
  g_autofree char *count = NULL;
  g_autofree char *latest_type = NULL;
  g_autofree char *latest_date = NULL;
  guint n_usd = 0, n_skipped;
  gint64 total = 0;

  if (rounds == NULL || rounds->len == 0)
    {
      gtk_stack_set_visible_child_name (self->funding_stack, "none");
      amw_funding_chart_set_rounds (self->chart, NULL);
      g_list_store_remove_all (self->rounds);
      return;
    }
  gtk_stack_set_visible_child_name (self->funding_stack, "rounds");

  /* The store hands rounds oldest first. */
  first = g_ptr_array_index (rounds, 0);
  latest = g_ptr_array_index (rounds, rounds->len - 1);
  for (guint i = 0; i < rounds->len; i++)
    {
      const AmwFundingRound *round = g_ptr_array_index (rounds, i);

      if (round->has_amount_usd)
        {
          total = amw_saturating_add (total, round->amount_usd_minor);
          n_usd++;
        }
    }

  if (n_usd > 0)
    {
      g_autofree char *amount = amw_format_money_short (total, "USD");

      gtk_label_set_text (self->total_label, amount);
      if (n_usd == rounds->len)
        gtk_label_set_text (self->total_note_label, _("in USD, where known"));
      else
        {
          g_autofree char *note = NULL;

          /* TRANSLATORS: under the total raised; %u counts the rounds left out of it */
          note = g_strdup_printf (ngettext ("in USD, where known — %u round has no USD value",
                                            "in USD, where known — %u rounds have no USD value",
                                            rounds->len - n_usd),
                                  rounds->len - n_usd);
          gtk_label_set_text (self->total_note_label, note);
        }
    }
  else
    {
      gtk_label_set_text (self->total_label, "—");
      gtk_label_set_text (self->total_note_label, _("No round has a USD value"));
    }

  count = g_strdup_printf ("%u", rounds->len);
  gtk_label_set_text (self->rounds_count_label, count);
  if (rounds->len == 1)
    {
      g_autofree char *month = amw_format_date (first->announced, "month");

      gtk_label_set_text (self->rounds_span_label, month);
    }
  else
    {
      g_autofree char *from = amw_format_date (first->announced, "month");
      g_autofree char *to = amw_format_date (latest->announced, "month");
      g_autofree char *span = NULL;

      /* TRANSLATORS: the months of the first and the latest round: "Mar 2024 – Apr 2026" */
      span = g_strdup_printf (_("%s – %s"), from, to);
      gtk_label_set_text (self->rounds_span_label, span);
    }

  latest_type = amw_round_type_label (latest->type);
  gtk_label_set_text (self->latest_label, latest_type);
  latest_date = amw_format_date (latest->announced, NULL);
  if (latest->has_amount)
    {
      g_autofree char *amount = amw_format_money_short (latest->amount_minor, latest->currency);
      g_autofree char *line = g_strdup_printf ("%s · %s", latest_date, amount);

      gtk_label_set_text (self->latest_date_label, line);
    }
  else
    gtk_label_set_text (self->latest_date_label, latest_date);

  amw_funding_chart_set_rounds (self->chart, rounds);
  n_skipped = amw_funding_chart_get_n_skipped (self->chart);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), amw_funding_chart_get_n_points (self->chart) > 0);
  if (amw_funding_chart_get_n_points (self->chart) == 0)
    set_optional_text (self->chart_caption_label, _("There is no USD value to chart yet"));
  else if (n_skipped > 0)
    {
      g_autofree char *caption = NULL;

      caption = g_strdup_printf (ngettext ("%u round without a USD value is not in the chart",
                                           "%u rounds without a USD value are not in the chart",
                                           n_skipped),
                                 n_skipped);
      set_optional_text (self->chart_caption_label, caption);
    }
  else
    set_optional_text (self->chart_caption_label, NULL);

  /* The table reads newest first, like the rest of the desk. */
  for (guint i = rounds->len; i > 0; i--)
    g_ptr_array_add (rows, round_row_new (self, g_ptr_array_index (rounds, i - 1)));
  g_list_store_splice (self->rounds, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rounds)),
                       rows->pdata, rows->len);
}

static void
show_website (AmwCompanyProfile *self,
              const char        *website)
{
  if (amw_is_web_url (website))
    {
      g_autoptr(GUri) uri = g_uri_parse (website, G_URI_FLAGS_NONE, NULL);
      const char *host = uri ? g_uri_get_host (uri) : NULL;
      g_autofree char *markup = NULL;

      /* A link in a label lines up with the other facts, where a GtkLinkButton's
       * padding would push it aside; it is focusable and opens on Enter all the same. */
      markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", website, host ? host : website);
      gtk_label_set_markup (self->website_label, markup);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->website_label), website);
      gtk_widget_set_visible (GTK_WIDGET (self->website_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->website_none_label), FALSE);
    }
  else
    {
      /* Only http(s) links are ever opened; anything else is shown as text. */
      gtk_widget_set_visible (GTK_WIDGET (self->website_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->website_none_label), TRUE);
      set_text_or_dash (self->website_none_label, website);
    }
}

/* Reads the company again and fills everything but the paged lists. */
static void
reload (AmwCompanyProfile *self)
{
  g_autoptr(AmwCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hq = NULL;
  g_autofree char *founded = NULL;
  g_autofree char *verified = NULL;

  if (self->store == NULL || self->company_id == NULL)
    {
      g_list_store_remove_all (self->rounds);
      amw_funding_chart_set_rounds (self->chart, NULL);
      gtk_stack_set_visible_child_name (self->stack, "missing");
      return;
    }

  company = amw_store_get_company (self->store, self->company_id, &error);
  if (company == NULL)
    {
      if (!g_error_matches (error, AMW_ERROR, AMW_ERROR_NOT_FOUND))
        g_warning ("Could not read company %s: %s", self->company_id, error->message);
      g_list_store_remove_all (self->rounds);
      amw_funding_chart_set_rounds (self->chart, NULL);
      gtk_stack_set_visible_child_name (self->stack, "missing");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "profile");

  gtk_label_set_text (self->name_label, company->name);
  if (company->aliases != NULL && company->aliases->len > 0)
    {
      g_autofree char *aliases = join_names (company->aliases);
      g_autofree char *text = g_strdup_printf (_("Also known as %s"), aliases);

      set_optional_text (self->aliases_label, text);
    }
  else
    set_optional_text (self->aliases_label, NULL);
  set_optional_text (self->description_label, company->description);
  if (!amw_is_blank (company->last_verified))
    {
      g_autofree char *date = amw_format_date (company->last_verified, NULL);

      verified = g_strdup_printf (_("Last verified %s"), date);
    }
  else
    verified = g_strdup (_("Never verified"));
  gtk_label_set_text (self->verified_label, verified);

  if (g_strcmp0 (company->status, "public") == 0 && !amw_is_blank (company->ticker))
    {
      /* TRANSLATORS: a listed company's status and ticker: "Public · AMZN" */
      g_autofree char *status = g_strdup_printf (_("%s · %s"), company_status_label (company->status),
                                                 company->ticker);

      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, company_status_label (company->status));
  set_text_or_dash (self->sector_label, company->sector);
  hq = format_headquarters (company);
  set_text_or_dash (self->hq_label, hq);
  if (company->founded > 0)
    founded = g_strdup_printf ("%d", company->founded);
  set_text_or_dash (self->founded_label, founded);
  set_text_or_dash (self->employees_label, company->employees);
  show_website (self, company->website);

  show_funding (self, company);
}

static guint
n_items_of (gpointer model)
{
  return model ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

/* @all_text says how many there are, for when every row is shown. */
static void
update_list_section (GtkSliceListModel *slice,
                     AmwPagedList      *list,
                     GtkListBox        *box,
                     GtkLabel          *count_label,
                     GtkLabel          *empty_label,
                     GtkButton         *more_button,
                     const char        *all_text)
{
  guint n_total = n_items_of (list);
  guint n_shown = n_items_of (gtk_slice_list_model_get_model (slice)) > 0 ? n_items_of (slice) : 0;
  g_autofree char *count = NULL;

  if (n_shown < n_total)
    /* TRANSLATORS: above a list that shows only its first rows: "8 of 42" */
    count = g_strdup_printf (_("%u of %u"), n_shown, n_total);
  gtk_label_set_text (count_label, count ? count : n_total > 0 ? all_text : "");
  gtk_widget_set_visible (GTK_WIDGET (box), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (empty_label), n_total == 0);
  gtk_widget_set_visible (GTK_WIDGET (more_button), n_shown < n_total);
}

static void
update_lists (AmwCompanyProfile *self)
{
  guint n_articles = n_items_of (self->articles);
  guint n_entries = n_items_of (self->timeline);
  g_autofree char *articles = g_strdup_printf (ngettext ("%u article", "%u articles", n_articles),
                                               n_articles);
  g_autofree char *entries = g_strdup_printf (ngettext ("%u entry", "%u entries", n_entries),
                                              n_entries);

  update_list_section (self->articles_slice, self->articles, self->articles_box,
                       self->articles_count_label, self->articles_empty_label,
                       self->articles_more_button, articles);
  update_list_section (self->timeline_slice, self->timeline, self->timeline_box,
                       self->timeline_count_label, self->timeline_empty_label,
                       self->timeline_more_button, entries);
}

static GtkWidget *
create_article_row_cb (gpointer item,
                       gpointer user_data)
{
  AmwArticleItem *article = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = amw_format_date (amw_article_item_get_published (article), NULL);
  g_autoptr(GString) subtitle = g_string_new (date);

  if (*amw_article_item_get_source (article) != '\0')
    g_string_append_printf (subtitle, " · %s", amw_article_item_get_source (article));
  g_string_append_printf (subtitle, " · %s",
                          amw_status_label (amw_article_item_get_status (article)));

  /* Titles are plain text, "&" and all. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), amw_article_item_get_title (article));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "article-id",
                          g_strdup (amw_article_item_get_id (article)), g_free);
  return row;
}

static GtkWidget *
create_timeline_row_cb (gpointer item,
                        gpointer user_data)
{
  AmwTimelineItem *entry = item;
  GtkWidget *row = adw_action_row_new ();
  const char *article_id = amw_timeline_item_get_article_id (entry);
  g_autofree char *date = amw_format_date (amw_timeline_item_get_date (entry),
                                           amw_timeline_item_get_precision (entry));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", date,
                                               amw_event_kind_label (amw_timeline_item_get_kind (entry)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), amw_timeline_item_get_title (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  /* Only entries with an article lead anywhere. */
  if (*article_id != '\0')
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "article-id", g_strdup (article_id), g_free);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* Points the paged lists at the current company, creating them on first use. */
static void
update_list_sources (AmwCompanyProfile *self)
{
  if (self->store == NULL || self->company_id == NULL)
    {
      /* An empty filter would mean "every article": show nothing instead. */
      gtk_slice_list_model_set_model (self->articles_slice, NULL);
      gtk_slice_list_model_set_model (self->timeline_slice, NULL);
      update_lists (self);
      return;
    }

  if (self->articles == NULL)
    {
      g_autoptr(AmwQuery) query = amw_query_new ();

      amw_query_set_sort (query, AMW_SORT_PUBLISHED, TRUE);
      amw_query_set_companies (query, (const char * const[]) { self->company_id, NULL });
      self->articles = amw_article_list_new (self->store, query);
      g_signal_connect_object (self->articles, "items-changed", G_CALLBACK (update_lists), self,
                               G_CONNECT_SWAPPED);
    }
  else
    amw_query_set_companies (amw_article_list_get_query (self->articles),
                             (const char * const[]) { self->company_id, NULL });

  if (self->timeline == NULL)
    {
      self->timeline = amw_timeline_list_new (self->store);
      g_signal_connect_object (self->timeline, "items-changed", G_CALLBACK (update_lists), self,
                               G_CONNECT_SWAPPED);
    }
  amw_timeline_list_set_filter (self->timeline, &(AmwTimelineFilter) { .company_id = self->company_id });

  gtk_slice_list_model_set_size (self->articles_slice, SLICE_FIRST);
  gtk_slice_list_model_set_size (self->timeline_slice, SLICE_FIRST);
  gtk_slice_list_model_set_model (self->articles_slice, G_LIST_MODEL (self->articles));
  gtk_slice_list_model_set_model (self->timeline_slice, G_LIST_MODEL (self->timeline));
  update_lists (self);
}

static void
drop_lists (AmwCompanyProfile *self)
{
  gtk_slice_list_model_set_model (self->articles_slice, NULL);
  gtk_slice_list_model_set_model (self->timeline_slice, NULL);
  g_clear_object (&self->articles);
  g_clear_object (&self->timeline);
}

static void
open_article (AmwCompanyProfile *self,
              const char        *article_id)
{
  if (!amw_is_blank (article_id))
    g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, article_id);
}

/* ---- callbacks ---- */

static void
on_store_changed_cb (AmwCompanyProfile *self,
                     guint              flags,
                     AmwStore          *store)
{
  /* Article titles show in the rounds table, so article edits matter too. The paged lists
   * follow the store on their own. */
  if (flags & (AMW_CHANGE_COMPANIES | AMW_CHANGE_ARTICLES))
    reload (self);
}

static void
on_show_uri_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AmwCompanyProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  g_message ("Could not open the website: %s", error->message);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Could not open the website")));
}

static gboolean
on_website_label_activate_link_cb (AmwCompanyProfile *self,
                                   const char        *uri,
                                   GtkLabel          *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* GTK would open any scheme; a company website is http(s) or nothing. */
  if (amw_is_web_url (uri) && GTK_IS_WINDOW (root))
    gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, on_show_uri_done_cb,
                       g_object_ref (self));
  return TRUE;
}

/* Connected from the source cell of the rounds table; @list_item is the builder's
 * current object in GtkBuilderListItemFactory templates. */
static void
on_source_button_clicked_cb (GtkButton   *button,
                             GtkListItem *list_item)
{
  GtkWidget *profile = gtk_widget_get_ancestor (GTK_WIDGET (button), AMW_TYPE_COMPANY_PROFILE);
  AmwRoundRow *row;

  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

  row = gtk_list_item_get_item (list_item);
  if (profile != NULL && row != NULL)
    open_article (AMW_COMPANY_PROFILE (profile), row->strings[ROW_PROP_SOURCE_ID]);
}

static void
on_articles_box_row_activated_cb (AmwCompanyProfile *self,
                                  GtkListBoxRow     *row)
{
  open_article (self, g_object_get_data (G_OBJECT (row), "article-id"));
}

static void
on_timeline_box_row_activated_cb (AmwCompanyProfile *self,
                                  GtkListBoxRow     *row)
{
  open_article (self, g_object_get_data (G_OBJECT (row), "article-id"));
}

static void
on_articles_more_button_clicked_cb (AmwCompanyProfile *self)
{
  gtk_slice_list_model_set_size (self->articles_slice,
                                 gtk_slice_list_model_get_size (self->articles_slice) + SLICE_STEP);
  update_lists (self);
}

static void
on_timeline_more_button_clicked_cb (AmwCompanyProfile *self)
{
  gtk_slice_list_model_set_size (self->timeline_slice,
                                 gtk_slice_list_model_get_size (self->timeline_slice) + SLICE_STEP);
  update_lists (self);
}

/* ---- GObject ---- */

static void
amw_company_profile_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AmwCompanyProfile *self = AMW_COMPANY_PROFILE (object);

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
amw_company_profile_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AmwCompanyProfile *self = AMW_COMPANY_PROFILE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      amw_company_profile_set_store (self, g_value_get_object (value));
      break;

    case PROP_COMPANY_ID:
      amw_company_profile_set_company_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_company_profile_dispose (GObject *object)
{
  AmwCompanyProfile *self = AMW_COMPANY_PROFILE (object);

  /* The store outlives us; a change after dispose must not reach cleared widgets. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  drop_lists (self);
  if (self->articles_box != NULL)
    gtk_list_box_bind_model (self->articles_box, NULL, NULL, NULL, NULL);
  if (self->timeline_box != NULL)
    gtk_list_box_bind_model (self->timeline_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->articles_slice);
  g_clear_object (&self->timeline_slice);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_COMPANY_PROFILE);
  G_OBJECT_CLASS (amw_company_profile_parent_class)->dispose (object);
}

static void
amw_company_profile_finalize (GObject *object)
{
  AmwCompanyProfile *self = AMW_COMPANY_PROFILE (object);

  g_free (self->company_id);
  G_OBJECT_CLASS (amw_company_profile_parent_class)->finalize (object);
}

static void
amw_company_profile_class_init (AmwCompanyProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = amw_company_profile_get_property;
  object_class->set_property = amw_company_profile_set_property;
  object_class->dispose = amw_company_profile_dispose;
  object_class->finalize = amw_company_profile_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_ID] =
    g_param_spec_string ("company-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmwCompanyProfile::open-article:
   * @id: the article to open
   */
  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Types named in the template must exist before it is parsed. */
  g_type_ensure (AMW_TYPE_FUNDING_CHART);
  g_type_ensure (AMW_TYPE_ROUND_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-company-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, scroller);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, name_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, description_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, verified_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, status_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, sector_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, hq_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, founded_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, employees_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, website_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, website_none_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, funding_stack);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, total_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, total_note_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, rounds_count_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, rounds_span_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, latest_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, latest_date_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, chart);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, chart_caption_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, rounds_view);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, rounds);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, articles_box);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, articles_count_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, articles_empty_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, articles_more_button);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, timeline_count_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, timeline_empty_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyProfile, timeline_more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_website_label_activate_link_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_articles_box_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_box_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_articles_more_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_more_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
amw_company_profile_init (AmwCompanyProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles_slice = gtk_slice_list_model_new (NULL, 0, SLICE_FIRST);
  self->timeline_slice = gtk_slice_list_model_new (NULL, 0, SLICE_FIRST);
  gtk_list_box_bind_model (self->articles_box, G_LIST_MODEL (self->articles_slice),
                           create_article_row_cb, self, NULL);
  gtk_list_box_bind_model (self->timeline_box, G_LIST_MODEL (self->timeline_slice),
                           create_timeline_row_cb, self, NULL);
  /* The slice itself changes size when the list under it grows or shrinks. */
  g_signal_connect_object (self->articles_slice, "items-changed", G_CALLBACK (update_lists), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_slice, "items-changed", G_CALLBACK (update_lists), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  update_lists (self);
}

/* ---- public API ---- */

GtkWidget *
amw_company_profile_new (AmwStore *store)
{
  g_return_val_if_fail (store == NULL || AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_COMPANY_PROFILE, "store", store, NULL);
}

AmwStore *
amw_company_profile_get_store (AmwCompanyProfile *self)
{
  g_return_val_if_fail (AMW_IS_COMPANY_PROFILE (self), NULL);
  return self->store;
}

void
amw_company_profile_set_store (AmwCompanyProfile *self,
                               AmwStore          *store)
{
  g_return_if_fail (AMW_IS_COMPANY_PROFILE (self));
  g_return_if_fail (store == NULL || AMW_IS_STORE (store));

  if (self->store == store)
    return;

  /* The paged lists belong to one store: drop them, they come back on demand. */
  drop_lists (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  reload (self);
  update_list_sources (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
amw_company_profile_get_company_id (AmwCompanyProfile *self)
{
  g_return_val_if_fail (AMW_IS_COMPANY_PROFILE (self), NULL);
  return self->company_id;
}

void
amw_company_profile_set_company_id (AmwCompanyProfile *self,
                                    const char        *company_id)
{
  g_return_if_fail (AMW_IS_COMPANY_PROFILE (self));

  if (!amw_set_str (&self->company_id, company_id))
    return;

  reload (self);
  update_list_sources (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY_ID]);
}
