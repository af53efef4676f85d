/* amw-records.c — record lifetimes and the validation rules every layer shares */
#include "amw-records.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (amw-error-quark, amw_error)

const char * const amw_article_statuses[] = { "draft", "in-review", "ready", "published", "archived", NULL };
const char * const amw_event_kinds[] = { "funding", "partnership", "release", "policy", "people", "legal", "other", NULL };
const char * const amw_company_statuses[] = { "active", "acquired", "public", "closed", NULL };
static const char * const roles[] = { "subject", "mentioned", NULL };
static const char * const precisions[] = { "day", "month", "year", NULL };
static const char * const round_types[] = { "pre-seed", "seed", "strategic", "debt", "grant", "ipo", "other", NULL };

AmwPair *
amw_pair_new (const char *first,
              const char *second)
{
  AmwPair *pair = g_new0 (AmwPair, 1);

  pair->first = g_strdup (first);
  pair->second = g_strdup (second);
  return pair;
}

AmwPair *
amw_pair_copy (const AmwPair *pair)
{
  return amw_pair_new (pair->first, pair->second);
}

void
amw_pair_free (AmwPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->first);
  g_free (pair->second);
  g_free (pair);
}

AmwArticle *
amw_article_new (void)
{
  AmwArticle *article = g_new0 (AmwArticle, 1);

  article->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  article->tags = g_ptr_array_new_with_free_func (g_free);
  article->companies = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  article->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  return article;
}

void
amw_article_free (AmwArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->id);
  g_free (article->title);
  g_free (article->source);
  g_free (article->url);
  g_free (article->published);
  g_free (article->status);
  g_free (article->summary);
  g_free (article->amw_read);
  g_free (article->notes);
  g_free (article->rated_by);
  g_free (article->rated_at);
  g_ptr_array_unref (article->areas);
  g_ptr_array_unref (article->tags);
  g_ptr_array_unref (article->companies);
  g_ptr_array_unref (article->connections);
  g_free (article->created_at);
  g_free (article->updated_at);
  g_free (article);
}

AmwFundingRound *
amw_funding_round_new (void)
{
  AmwFundingRound *round = g_new0 (AmwFundingRound, 1);

  round->lead_investors = g_ptr_array_new_with_free_func (g_free);
  round->participants = g_ptr_array_new_with_free_func (g_free);
  return round;
}

void
amw_funding_round_free (AmwFundingRound *round)
{
  if (round == NULL)
    return;
  g_free (round->id);
  g_free (round->company_id);
  g_free (round->announced);
  g_free (round->type);
  g_free (round->currency);
  g_free (round->post_money_currency);
  g_ptr_array_unref (round->lead_investors);
  g_ptr_array_unref (round->participants);
  g_free (round->source_article);
  g_free (round);
}

AmwCompany *
amw_company_new (void)
{
  AmwCompany *company = g_new0 (AmwCompany, 1);

  company->aliases = g_ptr_array_new_with_free_func (g_free);
  company->funding_rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_funding_round_free);
  return company;
}

void
amw_company_free (AmwCompany *company)
{
  if (company == NULL)
    return;
  g_free (company->id);
  g_free (company->name);
  g_ptr_array_unref (company->aliases);
  g_free (company->website);
  g_free (company->hq_city);
  g_free (company->hq_country);
  g_free (company->status);
  g_free (company->ticker);
  g_free (company->sector);
  g_free (company->employees);
  g_free (company->description);
  g_free (company->last_verified);
  g_ptr_array_unref (company->funding_rounds);
  g_free (company->created_at);
  g_free (company->updated_at);
  g_free (company);
}

AmwEvent *
amw_event_new (void)
{
  AmwEvent *event = g_new0 (AmwEvent, 1);

  event->companies = g_ptr_array_new_with_free_func (g_free);
  return event;
}

void
amw_event_free (AmwEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->date);
  g_free (event->precision);
  g_free (event->title);
  g_free (event->kind);
  g_ptr_array_unref (event->companies);
  g_free (event->source_article);
  g_free (event->created_at);
  g_free (event->updated_at);
  g_free (event);
}

void
amw_change_free (AmwChange *change)
{
  if (change == NULL)
    return;
  g_free (change->entity);
  g_free (change->entity_id);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->at);
  g_free (change->editor);
  g_free (change);
}

static gboolean
in_list (const char         *text,
         const char * const *list)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (text, list[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
amw_is_valid_slug (const char *text)
{
  gsize len;

  if (text == NULL || !g_ascii_isalnum (text[0]) || g_ascii_isupper (text[0]))
    return FALSE;
  len = strlen (text);
  if (len > 200)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
        return FALSE;
    }
  return TRUE;
}

static gboolean
digits_at (const char *text,
           guint       start,
           guint       count)
{
  for (guint i = start; i < start + count; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
amw_is_valid_date (const char *text)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !digits_at (text, 0, 4) || !digits_at (text, 5, 2) || !digits_at (text, 8, 2))
    return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

gboolean
amw_is_valid_timestamp (const char *text)
{
  g_autofree char *date = NULL;

  if (text == NULL || strlen (text) != 20 || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z' ||
      !digits_at (text, 11, 2) || !digits_at (text, 14, 2) || !digits_at (text, 17, 2))
    return FALSE;
  date = g_strndup (text, 10);
  return amw_is_valid_date (date) && atoi (text + 11) < 24 && atoi (text + 14) < 60 &&
         atoi (text + 17) < 60;
}

gboolean
amw_is_web_url (const char *text)
{
  const char *rest;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    rest = text + 8;
  else if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    rest = text + 7;
  else
    return FALSE;
  /* A host must follow; whitespace or control characters are never part of a link. */
  if (*rest == '\0' || *rest == '/')
    return FALSE;
  for (const char *p = text; *p; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      return FALSE;
  return TRUE;
}

gboolean
amw_is_valid_currency (const char *text)
{
  return text != NULL && strlen (text) == 3 &&
         g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]);
}

gboolean amw_is_valid_status (const char *text) { return in_list (text, amw_article_statuses); }
gboolean amw_is_valid_role (const char *text) { return in_list (text, roles); }
gboolean amw_is_valid_event_kind (const char *text) { return in_list (text, amw_event_kinds); }
gboolean amw_is_valid_precision (const char *text) { return in_list (text, precisions); }
gboolean amw_is_valid_company_status (const char *text) { return in_list (text, amw_company_statuses); }

gboolean
amw_is_valid_round_type (const char *text)
{
  if (in_list (text, round_types))
    return TRUE;
  return text != NULL && g_str_has_prefix (text, "series-") && strlen (text) == 8 &&
         text[7] >= 'a' && text[7] <= 'z';
}

char *
amw_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
amw_set_str (char       **slot,
             const char  *value)
{
  char *copy;

  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  copy = g_strdup (value);
  g_free (*slot);
  *slot = copy;
  return TRUE;
}

gboolean
amw_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
