/* amw-format.c — how dates, money, statuses and kinds read in the interface */
#include "amw-config.h"
#include "amw-format.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

static GDateTime *
parse_date (const char *iso_date)
{
  int year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

char *
amw_format_date (const char *iso_date,
                 const char *precision)
{
  g_autoptr(GDateTime) date = parse_date (iso_date);

  if (date == NULL)
    return g_strdup (iso_date ? iso_date : "");
  if (g_strcmp0 (precision, "year") == 0)
    return g_date_time_format (date, "%Y");
  if (g_strcmp0 (precision, "month") == 0)
    /* TRANSLATORS: a month and year, see strftime(3) */
    return g_date_time_format (date, _("%b %Y"));
  /* TRANSLATORS: a full date, see strftime(3) */
  return g_date_time_format (date, _("%-d %b %Y"));
}

char *
amw_format_relative_date (const char *iso_date,
                          GDateTime  *now)
{
  g_autoptr(GDateTime) date = parse_date (iso_date);
  g_autoptr(GDateTime) today = NULL;
  gint64 days;
  gboolean future;

  if (date == NULL || now == NULL)
    return g_strdup ("");
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  days = g_date_time_difference (today, date) / G_TIME_SPAN_DAY;
  future = days < 0;
  days = ABS (days);

  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (future ? _("tomorrow") : _("yesterday"));
  if (days < 7)
    /* TRANSLATORS: a short relative time: "3d ago" / "in 3d" */
    return g_strdup_printf (future ? _("in %dd") : _("%dd ago"), (int) days);
  if (days < 30)
    return g_strdup_printf (future ? _("in %dw") : _("%dw ago"), (int) (days / 7));
  if (days < 365)
    return g_strdup_printf (future ? _("in %dmo") : _("%dmo ago"), (int) (days / 30));
  return g_strdup_printf (future ? _("in %dy") : _("%dy ago"), (int) (days / 365));
}

static gboolean
has_no_minor_unit (const char *currency)
{
  static const char * const zero_decimal[] = { "JPY", "KRW", "VND", "CLP", "ISK", "XOF", "XAF", NULL };

  return currency != NULL && g_strv_contains (zero_decimal, currency);
}

static char *
group_digits (gint64 value)
{
  const char *separator = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (value));
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  /* The locale's separator; locales without one (C) still get readable thin spaces,
   * since 25000000000 is unreadable at a glance. */
  if (separator == NULL || *separator == '\0')
    separator = "\u202f";
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
amw_format_money (gint64      minor,
                  const char *currency)
{
  g_autofree char *whole = NULL;

  if (has_no_minor_unit (currency))
    {
      whole = group_digits (minor);
      return g_strdup_printf ("%s %s", currency, whole);
    }
  whole = group_digits (minor / 100);
  if (minor % 100 == 0)
    return g_strdup_printf ("%s %s", currency ? currency : "", whole);
  return g_strdup_printf ("%s %s%s%02d", currency ? currency : "", whole,
                          localeconv ()->decimal_point, (int) (ABS (minor) % 100));
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "USD") == 0) return "$";
  if (g_strcmp0 (currency, "EUR") == 0) return "€";
  if (g_strcmp0 (currency, "GBP") == 0) return "£";
  return NULL;
}

char *
amw_format_money_short (gint64      minor,
                        const char *currency)
{
  double major = has_no_minor_unit (currency) ? (double) minor : minor / 100.0;
  const char *symbol = currency_symbol (currency);
  g_autofree char *prefix = symbol != NULL ? g_strdup (symbol) : g_strconcat (currency ? currency : "", " ", NULL);
  g_autofree char *number = NULL;
  int magnitude = 0;

  for (; magnitude < 4 && major >= 1e3; magnitude++)
    major /= 1e3;
  number = (major >= 100 || major == (gint64) major) ? g_strdup_printf ("%.0f", major)
                                                     : g_strdup_printf ("%.1f", major);
  /* TRANSLATORS: short amounts; %1$s is the currency ("$" or "CNY "), %2$s the number,
   * followed by the abbreviation of thousands, millions, billions or trillions */
  switch (magnitude)
    {
    case 1: return g_strdup_printf (_("%1$s%2$sK"), prefix, number);
    case 2: return g_strdup_printf (_("%1$s%2$sM"), prefix, number);
    case 3: return g_strdup_printf (_("%1$s%2$sB"), prefix, number);
    case 4: return g_strdup_printf (_("%1$s%2$sT"), prefix, number);
    default: return g_strdup_printf (_("%1$s%2$s"), prefix, number);
    }
}

const char *
amw_status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0) return C_("status", "Draft");
  if (g_strcmp0 (status, "in-review") == 0) return C_("status", "In review");
  if (g_strcmp0 (status, "ready") == 0) return C_("status", "Ready");
  if (g_strcmp0 (status, "published") == 0) return C_("status", "Published");
  if (g_strcmp0 (status, "archived") == 0) return C_("status", "Archived");
  return status ? status : "";
}

const char *
amw_event_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "funding") == 0) return C_("event kind", "Funding");
  if (g_strcmp0 (kind, "partnership") == 0) return C_("event kind", "Partnership");
  if (g_strcmp0 (kind, "release") == 0) return C_("event kind", "Release");
  if (g_strcmp0 (kind, "policy") == 0) return C_("event kind", "Policy");
  if (g_strcmp0 (kind, "people") == 0) return C_("event kind", "People");
  if (g_strcmp0 (kind, "legal") == 0) return C_("event kind", "Legal");
  if (g_strcmp0 (kind, "other") == 0) return C_("event kind", "Other");
  if (g_strcmp0 (kind, "article") == 0) return C_("event kind", "Article");
  return kind ? kind : "";
}

char *
amw_round_type_label (const char *round_type)
{
  if (round_type == NULL)
    return g_strdup ("");
  if (g_str_has_prefix (round_type, "series-") && strlen (round_type) == 8)
    /* TRANSLATORS: a funding round, %c is its letter: "Series A" */
    return g_strdup_printf (_("Series %c"), g_ascii_toupper (round_type[7]));
  if (g_str_equal (round_type, "pre-seed")) return g_strdup (C_("round", "Pre-seed"));
  if (g_str_equal (round_type, "seed")) return g_strdup (C_("round", "Seed"));
  if (g_str_equal (round_type, "strategic")) return g_strdup (C_("round", "Strategic"));
  if (g_str_equal (round_type, "debt")) return g_strdup (C_("round", "Debt"));
  if (g_str_equal (round_type, "grant")) return g_strdup (C_("round", "Grant"));
  if (g_str_equal (round_type, "ipo")) return g_strdup (C_("round", "IPO"));
  if (g_str_equal (round_type, "other")) return g_strdup (C_("round", "Other"));
  return g_strdup (round_type);
}

char *
amw_format_area (const char *area,
                 const char *facet)
{
  return g_strdup_printf ("%s · %s", area, facet);
}

static void
append_part (GString    *out,
             const char *part)
{
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append (out, part);
}

static char *
join_strv (const char * const *values,
           const char *      (*label) (const char *))
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, label ? label (values[i]) : values[i]);
    }
  return g_string_free (out, FALSE);
}

char *
amw_format_query (AmwQuery *query,
                  AmwStore *store)
{
  GString *out = g_string_new (NULL);
  const char * const *companies = amw_query_get_companies (query);
  int min, max;

  if (amw_query_get_search (query) != NULL)
    {
      g_autofree char *part = g_strdup_printf (_("search “%s”"), amw_query_get_search (query));
      append_part (out, part);
    }
  if (amw_query_get_statuses (query) != NULL)
    {
      g_autofree char *list = join_strv (amw_query_get_statuses (query), amw_status_label);
      g_autofree char *part = g_strdup_printf (_("status %s"), list);
      append_part (out, part);
    }
  if (amw_query_get_tags (query) != NULL)
    {
      g_autofree char *list = join_strv (amw_query_get_tags (query), NULL);
      g_autofree char *part = g_strdup_printf (_("tags %s"), list);
      append_part (out, part);
    }
  if (amw_query_get_areas (query) != NULL)
    {
      g_autofree char *list = join_strv (amw_query_get_areas (query), NULL);
      g_autofree char *part = g_strdup_printf (_("areas %s"), list);
      append_part (out, part);
    }
  if (companies != NULL)
    {
      GString *names = g_string_new (NULL);
      g_autofree char *part = NULL;

      for (guint i = 0; companies[i] != NULL; i++)
        {
          g_autoptr(AmwCompany) company = store ? amw_store_get_company (store, companies[i], NULL) : NULL;

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, company ? company->name : companies[i]);
        }
      part = g_strdup_printf (_("companies %s"), names->str);
      append_part (out, part);
      g_string_free (names, TRUE);
    }
  amw_query_get_novelty_range (query, &min, &max);
  if (min > 0)
    {
      g_autofree char *part = g_strdup_printf (_("novelty %d–%d"), min, max);
      append_part (out, part);
    }
  amw_query_get_significance_range (query, &min, &max);
  if (min > 0)
    {
      g_autofree char *part = g_strdup_printf (_("significance %d–%d"), min, max);
      append_part (out, part);
    }
  if (amw_query_get_since (query) != NULL)
    {
      g_autofree char *date = amw_format_date (amw_query_get_since (query), NULL);
      g_autofree char *part = g_strdup_printf (_("since %s"), date);
      append_part (out, part);
    }
  if (amw_query_get_until (query) != NULL)
    {
      g_autofree char *date = amw_format_date (amw_query_get_until (query), NULL);
      g_autofree char *part = g_strdup_printf (_("until %s"), date);
      append_part (out, part);
    }
  if (amw_query_get_incomplete (query))
    append_part (out, _("missing an AMW Read or a rating"));
  if (out->len == 0)
    g_string_append (out, _("all articles"));
  return g_string_free (out, FALSE);
}
