/* amw-limits.c — records checked against the limits of the exchange format (amw-limits.h),
 * for the store's edits and the export: what they let through, the importer takes. */
#include "amw-config.h"
#include "amw-message.h"
#include "amw-records.h"

#include <string.h>

#include <glib/gi18n-lib.h>

gboolean
amw_limits_check_text (const char  *label,
                       const char  *text,
                       guint        max_chars,
                       gboolean     not_blank,
                       GError     **error)
{
  gsize n;

  if (not_blank && amw_is_blank (text))
    {
      /* TRANSLATORS: %s is a field, such as "Title" */
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: must not be empty"), label);
      return FALSE;
    }
  if (text == NULL || strlen (text) <= max_chars)
    return TRUE;
  n = (gsize) g_utf8_strlen (text, -1);
  if (n <= max_chars)
    return TRUE;
  /* TRANSLATORS: "Title: at most 1000 characters (this one has 1043)" */
  g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: at most %u characters (this one has %lu)"),
               label, max_chars, (gulong) n);
  return FALSE;
}

gboolean
amw_limits_check_count (const char  *label,
                        guint        count,
                        guint        max_items,
                        GError     **error)
{
  if (count <= max_items)
    return TRUE;
  /* TRANSLATORS: "Tags: at most 200 (this list has 201)" */
  g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: at most %u (this list has %u)"),
               label, max_items, count);
  return FALSE;
}

/* "Tag “…”: " before a problem of one item, its text cut and escaped. */
static void
prefix_item (GError     **error,
             const char  *label,
             const char  *item)
{
  g_autofree char *shown = amw_message_escape (item, -1, AMW_MESSAGE_QUOTE_CHARS);

  /* TRANSLATORS: "Tag “cloud”: " before a problem of that tag */
  g_prefix_error (error, _("%s “%s”: "), label, shown);
}

gboolean
amw_limits_check_tag (const char  *tag,
                      GError     **error)
{
  return amw_limits_check_text (_("Tag"), tag, AMW_LIMIT_TAG_CHARS, TRUE, error);
}

gboolean
amw_limits_check_tags (GPtrArray  *tags,
                       GError    **error)
{
  g_autoptr(GHashTable) seen = NULL;

  if (!amw_limits_check_count (_("Tags"), tags->len, AMW_LIMIT_TAGS, error))
    return FALSE;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_autofree char *stripped = g_strstrip (g_strdup (tag ? tag : ""));

      if (!amw_limits_check_tag (stripped, error))
        return FALSE;
      /* The importer refuses a tag twice whatever its case ("AI", "ai", "Éco", "éco"). */
      if (!g_hash_table_add (seen, g_utf8_casefold (stripped, -1)))
        {
          g_autofree char *shown = amw_message_escape (stripped, -1, AMW_MESSAGE_QUOTE_CHARS);

          /* TRANSLATORS: %s is a tag */
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Tags: “%s” appears twice"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
amw_limits_check_area (const char  *area,
                       const char  *facet,
                       GError     **error)
{
  const char * const texts[] = { area, facet };
  const char * const labels[] = { _("Area"), _("Facet") };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!amw_limits_check_text (labels[i], texts[i], AMW_LIMIT_AREA_CHARS, TRUE, error))
        return FALSE;
      if (strchr (texts[i], '\n') != NULL)
        {
          /* TRANSLATORS: %s is "Area" or "Facet" */
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: must be one line"), labels[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
amw_limits_check_areas (GPtrArray  *areas,
                        GError    **error)
{
  if (!amw_limits_check_count (_("Knowledge areas"), areas->len, AMW_LIMIT_AREAS, error))
    return FALSE;
  for (guint i = 0; i < areas->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (areas, i);

      if (!amw_limits_check_area (pair->first, pair->second, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
amw_limits_check_article_companies (GPtrArray  *companies,
                                    GError    **error)
{
  if (!amw_limits_check_count (_("Companies"), companies->len, AMW_LIMIT_ARTICLE_COMPANIES, error))
    return FALSE;
  for (guint i = 0; i < companies->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (companies, i);

      if (!amw_is_valid_role (pair->second))
        {
          g_autofree char *shown = amw_message_escape (pair->second, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                       _("Companies: the role must be subject or mentioned, not “%s”"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
amw_limits_check_connections (GPtrArray  *connections,
                              GError    **error)
{
  if (!amw_limits_check_count (_("Connections"), connections->len, AMW_LIMIT_CONNECTIONS, error))
    return FALSE;
  for (guint i = 0; i < connections->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (connections, i);

      if (g_strcmp0 (pair->first, "article") != 0 && g_strcmp0 (pair->first, "event") != 0)
        {
          g_autofree char *shown = amw_message_escape (pair->first, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                       _("Connections: a connection is to an article or an event, not “%s”"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

/* Names (aliases, investors): each not blank, at most AMW_LIMIT_NAME_CHARS. */
static gboolean
check_names (const char  *list_label,
             const char  *item_label,
             GPtrArray   *names,
             guint        max_items,
             GError     **error)
{
  if (!amw_limits_check_count (list_label, names->len, max_items, error))
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (!amw_limits_check_text (item_label, g_ptr_array_index (names, i), AMW_LIMIT_NAME_CHARS, TRUE, error))
      return FALSE;
  return TRUE;
}

gboolean
amw_limits_check_aliases (GPtrArray  *aliases,
                          GError    **error)
{
  return check_names (_("Aliases"), _("Alias"), aliases, AMW_LIMIT_ALIASES, error);
}

gboolean
amw_limits_check_money (const char  *label,
                        gint64       minor,
                        GError     **error)
{
  if (minor >= 0 && minor <= AMW_MAX_MONEY_MINOR)
    return TRUE;
  /* TRANSLATORS: %s is "Amount" or "Post-money valuation" */
  g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
               _("%s: must be from 0 to 1000000000000000 minor units (ten trillion in cents)"), label);
  return FALSE;
}

static gboolean
check_money (const char  *label,
             gboolean     present,
             gint64       minor,
             GError     **error)
{
  return !present || amw_limits_check_money (label, minor, error);
}

gboolean
amw_limits_check_url (const char  *label,
                      const char  *url,
                      GError     **error)
{
  if (!amw_limits_check_text (label, url, AMW_LIMIT_URL_CHARS, FALSE, error))
    return FALSE;
  if (url != NULL && !amw_is_web_url (url))
    {
      /* TRANSLATORS: %s is "Link" or "Website" */
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: only http:// and https:// links are allowed"),
                   label);
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_limits_check_rounds (GPtrArray  *rounds,
                         GError    **error)
{
  if (!amw_limits_check_count (_("Funding rounds"), rounds->len, AMW_LIMIT_ROUNDS, error))
    return FALSE;
  for (guint i = 0; i < rounds->len; i++)
    {
      AmwFundingRound *round = g_ptr_array_index (rounds, i);

      if (!check_money (_("Amount"), round->has_amount, round->amount_minor, error) ||
          !check_money (_("Amount in US dollars"), round->has_amount_usd, round->amount_usd_minor, error) ||
          !check_money (_("Post-money valuation"), round->has_post_money, round->post_money_minor, error) ||
          !check_names (_("Lead investors"), _("Investor"), round->lead_investors, AMW_LIMIT_INVESTORS, error) ||
          !check_names (_("Participants"), _("Investor"), round->participants, AMW_LIMIT_INVESTORS, error))
        {
          prefix_item (error, _("Funding round"), round->id ? round->id : "");
          return FALSE;
        }
    }
  return TRUE;
}
