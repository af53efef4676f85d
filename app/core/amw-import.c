/* amw-import.c — check the whole document first, then upsert it in one transaction.
 *
 * Every problem is reported with its place in the document
 * ("articles[3].ratings.novelty: must be 1–5 or null") or, for syntax, in the file
 * ("file.json:12:5: …"). Nothing is written unless the whole document is sound. */
#include "amw-config.h"
#include "amw-import.h"
#include "amw-store-import.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#define MAX_PROBLEMS     200
#define MAX_DEPTH        64
#define MAX_TITLE        1000
#define MAX_NAME         300
#define MAX_SHORT        200
#define MAX_LONG_TEXT    200000

struct _AmwImportPlan
{
  char            *name;
  GPtrArray       *articles;   /* AmwArticle */
  GPtrArray       *companies;  /* AmwCompany */
  GPtrArray       *events;     /* AmwEvent */
};

typedef struct {
  AmwStore        *store;
  AmwImportReport *report;
  guint            n_problems;
} Checker;

void
amw_import_report_free (AmwImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

void
amw_import_plan_free (AmwImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->name);
  g_ptr_array_unref (plan->articles);
  g_ptr_array_unref (plan->companies);
  g_ptr_array_unref (plan->events);
  g_free (plan);
}

static void problem (Checker *checker, const char *place, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Checker    *checker,
         const char *place,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  checker->n_problems++;
  if (checker->report->problems->len >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keys and values quoted in a message may be broken text; the report must not be. */
  {
    g_autofree char *line = g_strdup_printf ("%s: %s", place, message);
    g_ptr_array_add (checker->report->problems, g_utf8_make_valid (line, -1));
  }
}

static char *
place_of (const char *base,
          const char *key)
{
  return base[0] == '\0' ? g_strdup (key) : g_strdup_printf ("%s.%s", base, key);
}

static char *
place_index (const char *base,
             guint       index)
{
  return g_strdup_printf ("%s[%u]", base, index);
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return _("a string");
    case G_TYPE_BOOLEAN: return _("true or false");
    case G_TYPE_DOUBLE: return _("a fractional number");
    default: return _("a number");
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Reports keys the format does not know: a typo must not be dropped silently. */
static void
check_keys (Checker            *checker,
            JsonObject         *object,
            const char         *place,
            const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *where = place_of (place, l->data);
          problem (checker, where, _("unknown key"));
        }
    }
}

/* Limits count characters; a UTF-8 character is at most 4 bytes, so the byte length settles
 * most cases before counting. */
static gboolean
too_long (const char *text,
          gsize       max_length)
{
  gsize bytes = strlen (text);

  if (bytes <= max_length)
    return FALSE;
  if (bytes > max_length * 4)
    return TRUE;
  return (gsize) g_utf8_strlen (text, -1) > max_length;
}

typedef enum {
  TEXT_REQUIRED = 0,
  TEXT_NULLABLE = 1 << 0,
  TEXT_NONEMPTY = 1 << 1,
} TextFlags;

typedef gboolean (*TextRule) (const char *text);

/* Reads a string member; returns a copy, or NULL (null or a problem, reported). */
static char *
read_text (Checker     *checker,
           JsonObject  *object,
           const char  *place,
           const char  *key,
           TextFlags    flags,
           gsize        max_length,
           TextRule     rule,
           const char  *rule_message)
{
  g_autofree char *where = place_of (place, key);
  JsonNode *node = json_object_get_member (object, key);
  const char *text;

  if (node == NULL)
    {
      problem (checker, where, _("missing"));
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(flags & TEXT_NULLABLE))
        problem (checker, where, _("must be a string, not null"));
      return NULL;
    }
  if (!is_string (node))
    {
      problem (checker, where, _("must be a string, not %s"), node_kind (node));
      return NULL;
    }
  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      problem (checker, where, _("is not valid text"));
      return NULL;
    }
  if ((flags & TEXT_NONEMPTY) && amw_is_blank (text))
    {
      problem (checker, where, _("must not be empty"));
      return NULL;
    }
  if (too_long (text, max_length))
    {
      problem (checker, where, _("is longer than %lu characters"), (gulong) max_length);
      return NULL;
    }
  if (rule != NULL && !rule (text))
    {
      problem (checker, where, _("%s (got “%.60s”)"), rule_message, text);
      return NULL;
    }
  return g_strdup (text);
}

/* Reads an integer member within [min, max]; FALSE when absent-as-null or a problem. */
static gboolean
read_int (Checker     *checker,
          JsonObject  *object,
          const char  *place,
          const char  *key,
          gboolean     nullable,
          gint64       min,
          gint64       max,
          const char  *range_message,
          gint64      *out)
{
  g_autofree char *where = place_of (place, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      problem (checker, where, _("missing"));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        problem (checker, where, _("must be a number, not null"));
      return FALSE;
    }
  if (!is_integer (node) || json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      problem (checker, where, "%s", range_message);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static JsonArray *
read_array (Checker     *checker,
            JsonObject  *object,
            const char  *place,
            const char  *key)
{
  g_autofree char *where = place_of (place, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    problem (checker, where, _("missing"));
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    problem (checker, where, _("must be an array, not %s"), node_kind (node));
  else
    return json_node_get_array (node);
  return NULL;
}

static JsonObject *
read_object (Checker     *checker,
             JsonObject  *object,
             const char  *place,
             const char  *key,
             gboolean     nullable)
{
  g_autofree char *where = place_of (place, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    problem (checker, where, _("missing"));
  else if (nullable && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    problem (checker, where, _("must be an object, not %s"), node_kind (node));
  else
    return json_node_get_object (node);
  return NULL;
}

/* Elements of @array that are objects; others are reported. */
static JsonObject *
element_object (Checker    *checker,
                JsonArray  *array,
                guint       index,
                const char *place)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (checker, place, _("must be an object, not %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static GPtrArray *
read_strings (Checker     *checker,
              JsonObject  *object,
              const char  *place,
              const char  *key,
              gsize        max_length,
              gboolean     unique_nocase,
              TextRule     rule,
              const char  *rule_message)
{
  g_autofree char *where = place_of (place, key);
  JsonArray *array = read_array (checker, object, place, key);
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_place = place_index (where, i);
      JsonNode *node = json_array_get_element (array, i);
      const char *text;

      if (!is_string (node))
        {
          problem (checker, item_place, _("must be a string, not %s"), node_kind (node));
          continue;
        }
      text = json_node_get_string (node);
      if (!g_utf8_validate (text, -1, NULL))
        problem (checker, item_place, _("is not valid text"));
      else if (amw_is_blank (text))
        problem (checker, item_place, _("must not be empty"));
      else if (too_long (text, max_length))
        problem (checker, item_place, _("is longer than %lu characters"), (gulong) max_length);
      else if (rule != NULL && !rule (text))
        problem (checker, item_place, _("%s (got “%.60s”)"), rule_message, text);
      else
        {
          /* A set of folded names: a list of thousands of tags stays linear. */
          char *folded = unique_nocase ? g_utf8_casefold (text, -1) : NULL;
          gboolean duplicate = folded != NULL && !g_hash_table_add (seen, folded);

          if (duplicate)
            problem (checker, item_place, "“%s” appears twice", text);
          else
            g_ptr_array_add (strings, g_strdup (text));
        }
    }
  return strings;
}

static gboolean
is_area_or_facet (const char *text)
{
  return strchr (text, '\n') == NULL;
}

/* Arrays of two-key objects: areas, companies, connections. */
static GPtrArray *
read_pairs (Checker     *checker,
            JsonObject  *object,
            const char  *place,
            const char  *key,
            const char  *first_key,
            TextRule     first_rule,
            const char  *first_message,
            const char  *second_key,
            TextRule     second_rule,
            const char  *second_message)
{
  g_autofree char *where = place_of (place, key);
  JsonArray *array = read_array (checker, object, place, key);
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  const char * const keys[] = { first_key, second_key, NULL };

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_place = place_index (where, i);
      JsonObject *item = element_object (checker, array, i, item_place);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      gboolean duplicate = FALSE;

      if (item == NULL)
        continue;
      check_keys (checker, item, item_place, keys);
      first = read_text (checker, item, item_place, first_key, TEXT_NONEMPTY, MAX_SHORT, first_rule, first_message);
      second = read_text (checker, item, item_place, second_key, TEXT_NONEMPTY, MAX_SHORT, second_rule, second_message);
      if (first == NULL || second == NULL)
        continue;
      for (guint j = 0; j < pairs->len; j++)
        {
          AmwPair *other = g_ptr_array_index (pairs, j);
          /* Areas repeat as a pair; companies and connections by their id. */
          if (g_str_equal (first_key, "area"))
            duplicate |= g_str_equal (other->first, first) && g_str_equal (other->second, second);
          else if (g_str_equal (first_key, "id"))
            duplicate |= g_str_equal (other->first, first);
          else
            duplicate |= g_str_equal (other->first, first) && g_str_equal (other->second, second);
        }
      if (duplicate)
        problem (checker, item_place, _("appears twice"));
      else
        g_ptr_array_add (pairs, amw_pair_new (first, second));
    }
  return pairs;
}

static gboolean is_connection_kind (const char *text) { return g_str_equal (text, "article") || g_str_equal (text, "event"); }
static gboolean is_country (const char *text) { return strlen (text) <= 60; }

static AmwArticle *
read_article (Checker    *checker,
              JsonObject *object,
              const char *place)
{
  static const char * const keys[] = {
    "id", "title", "source", "url", "published", "status", "summary", "amw_read", "ratings",
    "areas", "tags", "companies", "connections", "created_at", "updated_at", NULL
  };
  static const char * const rating_keys[] = { "novelty", "significance", NULL };
  g_autoptr(AmwArticle) article = amw_article_new ();
  g_autofree char *ratings_place = place_of (place, "ratings");
  JsonObject *ratings;
  gint64 value;
  guint before = checker->n_problems;

  check_keys (checker, object, place, keys);
  article->id = read_text (checker, object, place, "id", TEXT_REQUIRED, MAX_SHORT, amw_is_valid_slug,
                           _("must be a slug: lowercase letters, digits and dashes"));
  article->title = read_text (checker, object, place, "title", TEXT_NONEMPTY, MAX_TITLE, NULL, NULL);
  article->source = read_text (checker, object, place, "source", TEXT_NULLABLE, MAX_NAME, NULL, NULL);
  article->url = read_text (checker, object, place, "url", TEXT_NULLABLE, 2000, amw_is_web_url,
                            _("must be an http:// or https:// link"));
  article->published = read_text (checker, object, place, "published", TEXT_REQUIRED, 10,
                                   amw_is_valid_date, _("must be a real date written YYYY-MM-DD"));
  article->status = read_text (checker, object, place, "status", TEXT_REQUIRED, 20, amw_is_valid_status,
                               _("must be draft, in-review, ready, published or archived"));
  article->summary = read_text (checker, object, place, "summary", TEXT_REQUIRED, MAX_LONG_TEXT, NULL, NULL);
  article->amw_read = read_text (checker, object, place, "amw_read", TEXT_REQUIRED, MAX_LONG_TEXT, NULL, NULL);
  if ((ratings = read_object (checker, object, place, "ratings", FALSE)) != NULL)
    {
      check_keys (checker, ratings, ratings_place, rating_keys);
      if (read_int (checker, ratings, ratings_place, "novelty", TRUE, 1, 5, _("must be 1–5 or null"), &value))
        article->novelty = (int) value;
      if (read_int (checker, ratings, ratings_place, "significance", TRUE, 1, 5, _("must be 1–5 or null"), &value))
        article->significance = (int) value;
    }
  g_ptr_array_unref (article->areas);
  article->areas = read_pairs (checker, object, place, "areas", "area", is_area_or_facet, _("must be one line"),
                               "facet", is_area_or_facet, _("must be one line"));
  g_ptr_array_unref (article->tags);
  article->tags = read_strings (checker, object, place, "tags", 100, TRUE, NULL, NULL);
  g_ptr_array_unref (article->companies);
  article->companies = read_pairs (checker, object, place, "companies", "id", amw_is_valid_slug,
                                   _("must be a company id"), "role", amw_is_valid_role,
                                   _("must be subject or mentioned"));
  g_ptr_array_unref (article->connections);
  article->connections = read_pairs (checker, object, place, "connections", "kind", is_connection_kind,
                                     _("must be article or event"), "id", amw_is_valid_slug, _("must be an id"));
  article->created_at = read_text (checker, object, place, "created_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  article->updated_at = read_text (checker, object, place, "updated_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  return checker->n_problems == before ? g_steal_pointer (&article) : NULL;
}

static gboolean
read_money (Checker     *checker,
            JsonObject  *object,
            const char  *place,
            const char  *key,
            gint64      *minor,
            char       **currency)
{
  static const char * const keys[] = { "minor", "currency", NULL };
  g_autofree char *where = place_of (place, key);
  JsonObject *money = read_object (checker, object, place, key, TRUE);

  if (money == NULL)
    return FALSE;
  check_keys (checker, money, where, keys);
  *currency = read_text (checker, money, where, "currency", TEXT_REQUIRED, 3, amw_is_valid_currency,
                         _("must be an ISO 4217 code such as USD"));
  return read_int (checker, money, where, "minor", FALSE, 0, G_MAXINT64,
                   _("must be a whole number of minor units (cents), 0 or more"), minor) &&
         *currency != NULL;
}

static AmwFundingRound *
read_round (Checker    *checker,
            JsonObject *object,
            const char *place)
{
  static const char * const keys[] = {
    "id", "announced", "type", "amount", "amount_usd_minor", "post_money", "lead_investors",
    "participants", "source_article", NULL
  };
  g_autoptr(AmwFundingRound) round = amw_funding_round_new ();
  guint before = checker->n_problems;

  check_keys (checker, object, place, keys);
  round->id = read_text (checker, object, place, "id", TEXT_REQUIRED, MAX_SHORT, amw_is_valid_slug,
                         _("must be a slug: lowercase letters, digits and dashes"));
  round->announced = read_text (checker, object, place, "announced", TEXT_REQUIRED, 10,
                                amw_is_valid_date, _("must be a real date written YYYY-MM-DD"));
  round->type = read_text (checker, object, place, "type", TEXT_REQUIRED, 20, amw_is_valid_round_type,
                           _("must be pre-seed, seed, series-a … series-z, strategic, debt, grant, ipo or other"));
  round->has_amount = read_money (checker, object, place, "amount", &round->amount_minor, &round->currency);
  round->has_amount_usd = read_int (checker, object, place, "amount_usd_minor", TRUE, 0, G_MAXINT64,
                                    _("must be a whole number of US cents, 0 or more"), &round->amount_usd_minor);
  round->has_post_money = read_money (checker, object, place, "post_money", &round->post_money_minor,
                                      &round->post_money_currency);
  g_ptr_array_unref (round->lead_investors);
  round->lead_investors = read_strings (checker, object, place, "lead_investors", MAX_NAME, FALSE, NULL, NULL);
  g_ptr_array_unref (round->participants);
  round->participants = read_strings (checker, object, place, "participants", MAX_NAME, FALSE, NULL, NULL);
  round->source_article = read_text (checker, object, place, "source_article", TEXT_NULLABLE, MAX_SHORT,
                                     amw_is_valid_slug, _("must be an article id"));
  return checker->n_problems == before ? g_steal_pointer (&round) : NULL;
}

static AmwCompany *
read_company (Checker    *checker,
              JsonObject *object,
              const char *place)
{
  static const char * const keys[] = {
    "id", "name", "aliases", "website", "hq", "founded", "status", "ticker", "sector",
    "employees", "description", "last_verified", "funding_rounds", "created_at", "updated_at", NULL
  };
  static const char * const hq_keys[] = { "city", "country", NULL };
  g_autoptr(AmwCompany) company = amw_company_new ();
  g_autofree char *hq_place = place_of (place, "hq");
  g_autofree char *rounds_place = place_of (place, "funding_rounds");
  JsonObject *hq;
  JsonArray *rounds;
  gint64 founded;
  guint before = checker->n_problems;

  check_keys (checker, object, place, keys);
  company->id = read_text (checker, object, place, "id", TEXT_REQUIRED, MAX_SHORT, amw_is_valid_slug,
                           _("must be a slug: lowercase letters, digits and dashes"));
  company->name = read_text (checker, object, place, "name", TEXT_NONEMPTY, MAX_NAME, NULL, NULL);
  g_ptr_array_unref (company->aliases);
  company->aliases = read_strings (checker, object, place, "aliases", MAX_NAME, FALSE, NULL, NULL);
  company->website = read_text (checker, object, place, "website", TEXT_NULLABLE, 2000, amw_is_web_url,
                                _("must be an http:// or https:// link"));
  if ((hq = read_object (checker, object, place, "hq", FALSE)) != NULL)
    {
      check_keys (checker, hq, hq_place, hq_keys);
      company->hq_city = read_text (checker, hq, hq_place, "city", TEXT_NULLABLE, MAX_NAME, NULL, NULL);
      company->hq_country = read_text (checker, hq, hq_place, "country", TEXT_NULLABLE, 60, is_country, NULL);
    }
  if (read_int (checker, object, place, "founded", TRUE, 1800, 2100, _("must be a year between 1800 and 2100"), &founded))
    company->founded = (int) founded;
  company->status = read_text (checker, object, place, "status", TEXT_REQUIRED, 20, amw_is_valid_company_status,
                               _("must be active, acquired, public or closed"));
  company->ticker = read_text (checker, object, place, "ticker", TEXT_NULLABLE, 20, NULL, NULL);
  company->sector = read_text (checker, object, place, "sector", TEXT_NULLABLE, MAX_NAME, NULL, NULL);
  company->employees = read_text (checker, object, place, "employees", TEXT_NULLABLE, 40, NULL, NULL);
  company->description = read_text (checker, object, place, "description", TEXT_REQUIRED, MAX_LONG_TEXT, NULL, NULL);
  company->last_verified = read_text (checker, object, place, "last_verified", TEXT_NULLABLE, 10,
                                      amw_is_valid_date, _("must be a real date written YYYY-MM-DD"));
  rounds = read_array (checker, object, place, "funding_rounds");
  for (guint i = 0; rounds != NULL && i < json_array_get_length (rounds); i++)
    {
      g_autofree char *round_place = place_index (rounds_place, i);
      JsonObject *item = element_object (checker, rounds, i, round_place);
      AmwFundingRound *round = item ? read_round (checker, item, round_place) : NULL;

      if (round != NULL)
        {
          round->company_id = g_strdup (company->id);
          g_ptr_array_add (company->funding_rounds, round);
        }
    }
  company->created_at = read_text (checker, object, place, "created_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  company->updated_at = read_text (checker, object, place, "updated_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  return checker->n_problems == before ? g_steal_pointer (&company) : NULL;
}

static AmwEvent *
read_event (Checker    *checker,
            JsonObject *object,
            const char *place)
{
  static const char * const keys[] = {
    "id", "date", "precision", "title", "kind", "companies", "source_article", "created_at",
    "updated_at", NULL
  };
  g_autoptr(AmwEvent) event = amw_event_new ();
  guint before = checker->n_problems;

  check_keys (checker, object, place, keys);
  event->id = read_text (checker, object, place, "id", TEXT_REQUIRED, MAX_SHORT, amw_is_valid_slug,
                         _("must be a slug: lowercase letters, digits and dashes"));
  event->date = read_text (checker, object, place, "date", TEXT_REQUIRED, 10, amw_is_valid_date,
                           _("must be a real date written YYYY-MM-DD"));
  event->precision = read_text (checker, object, place, "precision", TEXT_REQUIRED, 10,
                                amw_is_valid_precision, _("must be day, month or year"));
  event->title = read_text (checker, object, place, "title", TEXT_NONEMPTY, MAX_TITLE, NULL, NULL);
  event->kind = read_text (checker, object, place, "kind", TEXT_REQUIRED, 20, amw_is_valid_event_kind,
                           _("must be funding, partnership, release, policy, people, legal or other"));
  g_ptr_array_unref (event->companies);
  event->companies = read_strings (checker, object, place, "companies", MAX_SHORT, FALSE,
                                   amw_is_valid_slug, _("must be a company id"));
  event->source_article = read_text (checker, object, place, "source_article", TEXT_NULLABLE, MAX_SHORT,
                                     amw_is_valid_slug, _("must be an article id"));
  event->created_at = read_text (checker, object, place, "created_at", TEXT_REQUIRED, 20,
                                 amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  event->updated_at = read_text (checker, object, place, "updated_at", TEXT_REQUIRED, 20,
                                 amw_is_valid_timestamp, _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  if (event->date != NULL && event->precision != NULL &&
      ((g_str_equal (event->precision, "month") && !g_str_has_suffix (event->date, "-01")) ||
       (g_str_equal (event->precision, "year") && !g_str_has_suffix (event->date, "-01-01"))))
    {
      g_autofree char *where = place_of (place, "date");
      if (g_str_equal (event->precision, "month"))
        problem (checker, where, _("a date of month precision must be the first day of its month"));
      else
        problem (checker, where, _("a date of year precision must be the first of January"));
    }
  return checker->n_problems == before ? g_steal_pointer (&event) : NULL;
}

/* Records ids, reporting duplicates with both places. */
static void
note_id (Checker    *checker,
         GHashTable *seen,
         const char *id,
         const char *place)
{
  const char *first;
  g_autofree char *where = place_of (place, "id");

  if (id == NULL)
    return;
  if ((first = g_hash_table_lookup (seen, id)) != NULL)
    problem (checker, where, _("duplicate id “%s” (also %s)"), id, first);
  else
    g_hash_table_insert (seen, g_strdup (id), g_strdup (place));
}

/* A record with a problem of its own is still "there" for references to it, so that one
 * mistake is reported once, not again at every place that refers to it. */
static void
note_rejected_id (GHashTable *seen,
                  JsonObject *object,
                  const char *place)
{
  JsonNode *id = object ? json_object_get_member (object, "id") : NULL;

  if (id != NULL && is_string (id) && !g_hash_table_contains (seen, json_node_get_string (id)))
    g_hash_table_insert (seen, g_strdup (json_node_get_string (id)), g_strdup (place));
}

typedef struct {
  GHashTable *articles;
  GHashTable *companies;
  GHashTable *events;
  GHashTable *rounds;
} Seen;

typedef enum {
  REF_COMPANY,
  REF_ARTICLE,
  REF_EVENT,
} RefKind;

static void
check_reference (Checker    *checker,
                 GHashTable *in_document,
                 gboolean  (*in_store) (AmwStore *, const char *),
                 const char *id,
                 RefKind     kind,
                 const char *place)
{
  if (id == NULL || g_hash_table_contains (in_document, id) || in_store (checker->store, id))
    return;
  if (kind == REF_COMPANY)
    problem (checker, place, _("unknown company “%s”"), id);
  else if (kind == REF_ARTICLE)
    problem (checker, place, _("unknown article “%s”"), id);
  else
    problem (checker, place, _("unknown event “%s”"), id);
}

static void
check_references (Checker       *checker,
                  AmwImportPlan *plan,
                  GPtrArray     *article_places,
                  GPtrArray     *company_places,
                  GPtrArray     *event_places,
                  Seen          *seen)
{
  for (guint i = 0; i < plan->articles->len; i++)
    {
      AmwArticle *article = g_ptr_array_index (plan->articles, i);
      const char *place = g_ptr_array_index (article_places, i);

      for (guint j = 0; j < article->companies->len; j++)
        {
          g_autofree char *where = g_strdup_printf ("%s.companies[%u].id", place, j);
          check_reference (checker, seen->companies, amw_store_has_company,
                           ((AmwPair *) g_ptr_array_index (article->companies, j))->first, REF_COMPANY, where);
        }
      for (guint j = 0; j < article->connections->len; j++)
        {
          AmwPair *link = g_ptr_array_index (article->connections, j);
          g_autofree char *where = g_strdup_printf ("%s.connections[%u].id", place, j);

          if (g_str_equal (link->first, "article"))
            {
              if (g_str_equal (link->second, article->id))
                problem (checker, where, _("an article cannot connect to itself"));
              else
                check_reference (checker, seen->articles, amw_store_has_article, link->second, REF_ARTICLE, where);
            }
          else
            check_reference (checker, seen->events, amw_store_has_event, link->second, REF_EVENT, where);
        }
    }
  for (guint i = 0; i < plan->companies->len; i++)
    {
      AmwCompany *company = g_ptr_array_index (plan->companies, i);
      const char *place = g_ptr_array_index (company_places, i);

      for (guint j = 0; j < company->funding_rounds->len; j++)
        {
          AmwFundingRound *round = g_ptr_array_index (company->funding_rounds, j);
          g_autofree char *where = g_strdup_printf ("%s.funding_rounds[%u]", place, j);
          g_autofree char *source_place = g_strdup_printf ("%s.source_article", where);
          g_autofree char *owner = NULL;

          note_id (checker, seen->rounds, round->id, where);
          if (amw_store_has_funding_round (checker->store, round->id, &owner) &&
              !g_str_equal (owner, company->id))
            {
              g_autofree char *id_place = g_strdup_printf ("%s.id", where);
              problem (checker, id_place, _("round “%s” already belongs to company “%s”"), round->id, owner);
            }
          check_reference (checker, seen->articles, amw_store_has_article, round->source_article,
                           REF_ARTICLE, source_place);
        }
    }
  for (guint i = 0; i < plan->events->len; i++)
    {
      AmwEvent *event = g_ptr_array_index (plan->events, i);
      const char *place = g_ptr_array_index (event_places, i);
      g_autofree char *source_place = g_strdup_printf ("%s.source_article", place);

      for (guint j = 0; j < event->companies->len; j++)
        {
          g_autofree char *where = g_strdup_printf ("%s.companies[%u]", place, j);
          check_reference (checker, seen->companies, amw_store_has_company,
                           g_ptr_array_index (event->companies, j), REF_COMPANY, where);
        }
      check_reference (checker, seen->articles, amw_store_has_article, event->source_article,
                       REF_ARTICLE, source_place);
    }
}

/* Returns the 1-based line and column of @offset in @data. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
scan_error (GError     **error,
            const char  *name,
            const char  *data,
            gsize        offset,
            const char  *message)
{
  guint line, column;

  locate (data, offset, &line, &column);
  g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, "%s:%u:%u: %s", name, line, column, message);
  return FALSE;
}

static int
hex_escape (const char *data,
            gsize       length,
            gsize       at)
{
  int value = 0;

  if (at + 4 > length)
    return -1;
  for (gsize i = at; i < at + 4; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* What json-glib lets through or handles badly is refused here, before it parses:
 * nesting deep enough to exhaust its recursion, comments (not JSON), content after the
 * document, and \u escapes that do not make a character (lone surrogates). */
static gboolean
scan_document (const char  *name,
               const char  *data,
               gsize        length,
               GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean done = FALSE;   /* the top-level value is complete */

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length && data[i + 1] == 'u')
            {
              int unit = hex_escape (data, length, i + 2);

              if (unit < 0)
                return scan_error (error, name, data, i, _("a \\u escape needs four hexadecimal digits"));
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  int low = (i + 7 < length && data[i + 6] == '\\' && data[i + 7] == 'u')
                            ? hex_escape (data, length, i + 8) : -1;

                  if (low < 0xdc00 || low > 0xdfff)
                    return scan_error (error, name, data, i, _("a \\u escape that is half of a character (lone surrogate)"));
                  i += 11;
                }
              else if (unit >= 0xdc00 && unit <= 0xdfff)
                return scan_error (error, name, data, i, _("a \\u escape that is half of a character (lone surrogate)"));
              else if (unit == 0)
                return scan_error (error, name, data, i, _("a \\u0000 escape (a NUL character) inside a string"));
              else
                i += 5;
            }
          else if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              done = depth == 0;
            }
          continue;
        }
      if (g_ascii_isspace (c))
        continue;
      if (done)
        return scan_error (error, name, data, i, _("more content after the end of the document"));
      /* An AMW document is one object; anything else is refused here, as json-glib
       * mishandles some top-level scalars followed by more text. */
      if (depth == 0 && c != '{' && c != '/')
        return scan_error (error, name, data, i, _("expected a JSON object (“{”) here"));
      if (c == '/')
        return scan_error (error, name, data, i, _("comments are not allowed in JSON"));
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_autofree char *message = g_strdup_printf (_("nested deeper than %d levels"), MAX_DEPTH);
              return scan_error (error, name, data, i, message);
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        done = --depth == 0;
    }
  return TRUE;
}

static JsonParser *
parse_document (const char  *name,
                const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  gboolean blank = TRUE;

  /* Some editors start UTF-8 files with a byte order mark; it is not part of the JSON. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  for (gsize i = 0; i < length && blank; i++)
    blank = g_ascii_isspace (data[i]);
  if (blank)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, _("%s: the file is empty"), name);
      return NULL;
    }
  if (!g_utf8_validate (data, length, &end))
    {
      guint line, column;
      locate (data, end - data, &line, &column);
      g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE,
                   _("%s:%u:%u: not valid UTF-8 text (is this a JSON file?)"), name, line, column);
      return NULL;
    }
  if (!scan_document (name, data, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib says "<data>:line:col: …"; name the file instead. */
      /* json-glib may quote the broken bytes it met: keep the message valid text. */
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      if (g_str_has_prefix (valid, "<data>"))
        g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, "%s%s", name, valid + strlen ("<data>"));
      else
        g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, "%s: %s", name, valid);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, _("%s: the file holds no JSON value"), name);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

static AmwImportPlan *
check_document (Checker     *checker,
                const char  *name,
                JsonNode    *root)
{
  static const char * const keys[] = {
    "format", "version", "as_of", "selection", "articles", "companies", "timeline", NULL
  };
  static const char * const selection_keys[] = { "kind", "description", NULL };
  g_autoptr(AmwImportPlan) plan = g_new0 (AmwImportPlan, 1);
  g_autoptr(GPtrArray) article_places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) company_places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) event_places = g_ptr_array_new_with_free_func (g_free);
  Seen seen = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  JsonObject *document, *selection;
  JsonArray *array;
  g_autofree char *format = NULL;
  g_autofree char *as_of = NULL;
  gint64 version;

  plan->name = g_strdup (name);
  plan->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_article_free);
  plan->companies = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_company_free);
  plan->events = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_event_free);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (checker, _("(document)"), _("must be a JSON object, not %s"), node_kind (root));
      goto out;
    }
  document = json_node_get_object (root);
  check_keys (checker, document, "", keys);
  format = read_text (checker, document, "", "format", TEXT_REQUIRED, 40, NULL, NULL);
  if (format != NULL && !g_str_equal (format, "amw-desk"))
    problem (checker, "format", _("must be “amw-desk” (got “%.40s”)"), format);
  if (json_object_has_member (document, "version") &&
      is_integer (json_object_get_member (document, "version")) &&
      json_object_get_int_member (document, "version") != 1)
    problem (checker, "version", _("unsupported format version %lld (this AMW Desk reads version 1)"),
             (long long) json_object_get_int_member (document, "version"));
  else
    read_int (checker, document, "", "version", FALSE, 1, 1, _("must be 1"), &version);
  as_of = read_text (checker, document, "", "as_of", TEXT_NULLABLE, 20, amw_is_valid_timestamp,
                     _("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  if ((selection = read_object (checker, document, "", "selection", FALSE)) != NULL)
    {
      g_autofree char *kind = NULL;
      g_autofree char *description = NULL;

      check_keys (checker, selection, "selection", selection_keys);
      kind = read_text (checker, selection, "selection", "kind", TEXT_REQUIRED, 20, NULL, NULL);
      description = read_text (checker, selection, "selection", "description", TEXT_REQUIRED, MAX_TITLE, NULL, NULL);
      if (kind != NULL && !g_strv_contains ((const char * const[]) { "all", "published", "query", "ids", NULL }, kind))
        problem (checker, "selection.kind", _("must be all, published, query or ids"));
    }

  if ((array = read_array (checker, document, "", "companies")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        char *place = place_index ("companies", i);
        JsonObject *item = element_object (checker, array, i, place);
        AmwCompany *company = item ? read_company (checker, item, place) : NULL;

        if (company != NULL)
          {
            note_id (checker, seen.companies, company->id, place);
            g_ptr_array_add (plan->companies, company);
            g_ptr_array_add (company_places, place);
          }
        else
          {
            note_rejected_id (seen.companies, item, place);
            g_free (place);
          }
      }
  if ((array = read_array (checker, document, "", "articles")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        char *place = place_index ("articles", i);
        JsonObject *item = element_object (checker, array, i, place);
        AmwArticle *article = item ? read_article (checker, item, place) : NULL;

        if (article != NULL)
          {
            note_id (checker, seen.articles, article->id, place);
            g_ptr_array_add (plan->articles, article);
            g_ptr_array_add (article_places, place);
          }
        else
          {
            note_rejected_id (seen.articles, item, place);
            g_free (place);
          }
      }
  if ((array = read_array (checker, document, "", "timeline")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        char *place = place_index ("timeline", i);
        JsonObject *item = element_object (checker, array, i, place);
        AmwEvent *event = item ? read_event (checker, item, place) : NULL;

        if (event != NULL)
          {
            note_id (checker, seen.events, event->id, place);
            g_ptr_array_add (plan->events, event);
            g_ptr_array_add (event_places, place);
          }
        else
          {
            note_rejected_id (seen.events, item, place);
            g_free (place);
          }
      }

  check_references (checker, plan, article_places, company_places, event_places, &seen);

  for (guint i = 0; i < plan->articles->len; i++)
    {
      if (amw_store_has_article (checker->store, ((AmwArticle *) g_ptr_array_index (plan->articles, i))->id))
        checker->report->n_articles_updated++;
      else
        checker->report->n_articles_new++;
    }
  for (guint i = 0; i < plan->companies->len; i++)
    {
      if (amw_store_has_company (checker->store, ((AmwCompany *) g_ptr_array_index (plan->companies, i))->id))
        checker->report->n_companies_updated++;
      else
        checker->report->n_companies_new++;
    }
  for (guint i = 0; i < plan->events->len; i++)
    {
      if (amw_store_has_event (checker->store, ((AmwEvent *) g_ptr_array_index (plan->events, i))->id))
        checker->report->n_events_updated++;
      else
        checker->report->n_events_new++;
    }

out:
  g_hash_table_unref (seen.articles);
  g_hash_table_unref (seen.companies);
  g_hash_table_unref (seen.events);
  g_hash_table_unref (seen.rounds);
  return checker->n_problems == 0 ? g_steal_pointer (&plan) : NULL;
}

AmwImportPlan *
amw_import_plan_load_data (AmwStore          *store,
                           const char        *name,
                           const char        *data,
                           gsize              length,
                           AmwImportReport  **report_out,
                           GError           **error)
{
  g_autoptr(AmwImportReport) report = g_new0 (AmwImportReport, 1);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  AmwImportPlan *plan = NULL;
  Checker checker = { store, report, 0 };

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  parser = parse_document (name, data, length, &parse_error);
  if (parser == NULL)
    {
      g_ptr_array_add (report->problems, g_strdup (parse_error->message));
      g_propagate_error (error, g_steal_pointer (&parse_error));
    }
  else
    {
      plan = check_document (&checker, name, json_parser_get_root (parser));
      if (plan == NULL)
        {
          if (checker.n_problems > 1)
            g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                         ngettext ("%s: %s (and %u more problem)", "%s: %s (and %u more problems)",
                                   checker.n_problems - 1), name,
                         (const char *) g_ptr_array_index (report->problems, 0), checker.n_problems - 1);
          else
            g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s: %s", name,
                         (const char *) g_ptr_array_index (report->problems, 0));
        }
    }
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return plan;
}

AmwImportPlan *
amw_import_plan_load (AmwStore          *store,
                      const char        *path,
                      AmwImportReport  **report,
                      GError           **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, "%s", local_error->message);
      if (report != NULL)
        {
          *report = g_new0 (AmwImportReport, 1);
          (*report)->problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add ((*report)->problems, g_strdup (local_error->message));
        }
      return NULL;
    }
  return amw_import_plan_load_data (store, path, data, length, report, error);
}

static void
report_step (guint64         *done,
             guint64          total,
             AmwProgressFunc  progress,
             gpointer         user_data)
{
  (*done)++;
  if (progress != NULL && (*done % 256 == 0 || *done == total))
    progress (*done, total, user_data);
}

gboolean
amw_import_plan_apply (AmwStore         *store,
                       AmwImportPlan    *plan,
                       AmwProgressFunc   progress,
                       gpointer          user_data,
                       GError          **error)
{
  AmwStoreImport *import;
  guint64 total, done = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  /* Everything is written in one transaction: on any error nothing is changed. */
  if ((import = amw_store_import_begin (store, plan->articles, error)) == NULL)
    {
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->name);
      return FALSE;
    }
  total = plan->companies->len * 2 + plan->articles->len * 2 + plan->events->len +
          amw_store_import_commit_steps (import);

#define STEP() report_step (&done, total, progress, user_data)

  /* Order matters: articles link companies, rounds and events cite articles, and
   * connections may point at any article or event. */
  for (guint i = 0; ok && i < plan->companies->len; i++, STEP ())
    ok = amw_store_import_company (import, g_ptr_array_index (plan->companies, i), error);
  for (guint i = 0; ok && i < plan->articles->len; i++, STEP ())
    ok = amw_store_import_article (import, g_ptr_array_index (plan->articles, i), error);
  for (guint i = 0; ok && i < plan->companies->len; i++, STEP ())
    ok = amw_store_import_funding_rounds (import, g_ptr_array_index (plan->companies, i), error);
  for (guint i = 0; ok && i < plan->events->len; i++, STEP ())
    ok = amw_store_import_event (import, g_ptr_array_index (plan->events, i), error);
  for (guint i = 0; ok && i < plan->articles->len; i++, STEP ())
    ok = amw_store_import_connections (import, g_ptr_array_index (plan->articles, i), error);
#undef STEP

  if (!ok)
    {
      amw_store_import_abort (import);
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->name);
      return FALSE;
    }
  if (!amw_store_import_commit (import, plan->name, plan->articles->len, plan->companies->len,
                                plan->events->len, progress, user_data, done, total, error))
    {
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_import_file (AmwStore          *store,
                 const char        *path,
                 AmwImportReport  **report,
                 GError           **error)
{
  g_autoptr(AmwImportPlan) plan = amw_import_plan_load (store, path, report, error);

  return plan != NULL && amw_import_plan_apply (store, plan, NULL, NULL, error);
}
