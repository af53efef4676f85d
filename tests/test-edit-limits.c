/* test-edit-limits.c — the store's edits keep to the limits of the exchange format
 * (docs/JSON-FORMAT.md "Limits"): a value at a limit is saved, one past it is refused with
 * one line naming the field and the limit, and nothing is written (the database and the
 * undo log as they were). An article and a company edited to exactly every limit export a
 * file that the importer and the JSON Schema accept. */
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "amw-json-values.h"
#include "amw-limits.h"
#include "amw-test-utils.h"

#define MAIN "main"
#define FULL "full"

/* A link of exactly @n characters. */
static char *
url_of (gsize n)
{
  g_autofree char *host = amw_test_repeat ("a", n - strlen ("https://"));

  return g_strconcat ("https://", host, NULL);
}

static AmwCompany *
make_company (const char *id)
{
  AmwCompany *company = amw_company_new ();

  company->id = g_strdup (id);
  company->name = g_strdup_printf ("Company %s", id);
  company->status = g_strdup ("active");
  company->description = g_strdup ("");
  company->created_at = g_strdup ("2026-01-01T00:00:00Z");
  company->updated_at = g_strdup ("2026-01-01T00:00:00Z");
  return company;
}

/* The article MAIN (tag "first"), the company "acme" with one round, and what lists may
 * refer to: companies c-000… and articles a-000…, one more than any list holds. */
static AmwStore *
open_store (void)
{
  AmwStore *store = amw_test_open_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_test_make_article (MAIN, "Main", "2026-03-01");
  g_autoptr(AmwCompany) acme = make_company ("acme");
  AmwFundingRound *round = amw_funding_round_new ();

  g_assert_true (amw_store_begin (store, &error));
  round->id = g_strdup ("acme-seed");
  round->company_id = g_strdup ("acme");
  round->announced = g_strdup ("2026-01-15");
  round->type = g_strdup ("seed");
  g_ptr_array_add (acme->funding_rounds, round);
  g_assert_true (amw_store_upsert_company (store, acme, &error));
  g_assert_true (amw_store_upsert_funding_rounds (store, acme, &error));
  for (guint i = 0; i <= 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%03u", i);
      g_autofree char *article_id = g_strdup_printf ("a-%03u", i);
      g_autoptr(AmwCompany) company = make_company (id);
      g_autoptr(AmwArticle) other = amw_test_make_article (article_id, "Other", "2026-02-01");

      g_assert_true (amw_store_upsert_company (store, company, &error));
      g_assert_true (amw_store_upsert_article (store, other, &error));
    }
  g_ptr_array_add (article->tags, g_strdup ("first"));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_assert_no_error (error);
  return store;
}

/* Everything the store holds, as its export, and the newest command of the undo log. */
static char *
state_of (AmwStore *store)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
  g_autofree char *undo = NULL;
  gint64 group = amw_store_peek_undo (store, &undo);
  GString *state = g_string_new (NULL);

  g_assert_true (amw_export_to_stream (store, &all, stream, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_string_append_len (state, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_string_append_printf (state, "\nundo %" G_GINT64_FORMAT " %s", group, undo ? undo : "");
  return g_string_free (state, FALSE);
}

/* @error is a refusal whose message holds every one of @parts; @before is the state. */
static void
assert_refused (AmwStore   *store,
                const char *before,
                GError     *error,
                ...)
{
  g_autofree char *after = state_of (store);
  va_list args;

  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  va_start (args, error);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” does not say “%s”", error->message, part);
  va_end (args);
  g_assert_true (g_str_equal (before, after));
}

static void export_and_import_ok (AmwStore *store);

/* ---- an article's fields, one at a time ---- */

typedef struct {
  AmwArticleField field;
  const char     *label;
  gsize           limit;
} TextLimit;

static void
test_article_texts (void)
{
  static const TextLimit limits[] = {
    { AMW_FIELD_TITLE, "Title", AMW_LIMIT_TITLE_CHARS },
    { AMW_FIELD_SOURCE, "Source", AMW_LIMIT_NAME_CHARS },
    { AMW_FIELD_URL, "Link", AMW_LIMIT_URL_CHARS },
    { AMW_FIELD_SUMMARY, "Summary", AMW_LIMIT_LONG_TEXT_CHARS },
    { AMW_FIELD_AMW_READ, "AMW Read", AMW_LIMIT_LONG_TEXT_CHARS },
  };
  g_autoptr(AmwStore) store = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    for (int past = 0; past <= 1; past++)
      {
        gsize n = limits[i].limit + (gsize) past;
        /* é: two bytes, one character */
        g_autofree char *value = limits[i].field == AMW_FIELD_URL ? url_of (n) : amw_test_repeat ("é", n);
        g_autofree char *before = state_of (store);
        g_autofree char *at_most = g_strdup_printf ("%s: at most %zu characters (this one has %zu)",
                                                    limits[i].label, limits[i].limit, n);
        g_autoptr(GError) error = NULL;
        g_autoptr(AmwArticle) article = NULL;

        if (!past)
          {
            g_assert_true (amw_store_set_article_field (store, MAIN, limits[i].field, value, &error));
            g_assert_no_error (error);
            continue;
          }
        g_assert_false (amw_store_set_article_field (store, MAIN, limits[i].field, value, &error));
        assert_refused (store, before, error, at_most, NULL);
        g_clear_error (&error);

        /* The article dialog's whole-record edit refuses it too. */
        article = amw_store_get_article (store, MAIN, &error);
        g_assert_no_error (error);
        switch (limits[i].field)
          {
          case AMW_FIELD_TITLE: amw_set_str (&article->title, value); break;
          case AMW_FIELD_SOURCE: amw_set_str (&article->source, value); break;
          case AMW_FIELD_URL: amw_set_str (&article->url, value); break;
          case AMW_FIELD_SUMMARY: amw_set_str (&article->summary, value); break;
          default: amw_set_str (&article->amw_read, value); break;
          }
        g_assert_false (amw_store_edit_article (store, article, &error));
        assert_refused (store, before, error, at_most, NULL);
      }
}

static void
test_article_title_blank (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autofree char *before = state_of (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_store_get_article (store, MAIN, NULL);

  amw_set_str (&article->title, " \t ");
  g_assert_false (amw_store_edit_article (store, article, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  assert_refused (store, before, error, "Title: must not be empty", NULL);
}

typedef GPtrArray *(*MakeList) (guint n);

static GPtrArray *
tags_of (guint n)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (tags, g_strdup_printf ("tag %u", i));
  return tags;
}

typedef enum { AREAS, COMPANIES, CONNECTIONS } PairKind;

static GPtrArray *
pairs_of (PairKind kind,
          guint    n)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%03u", i);
      g_autofree char *facet = g_strdup_printf ("Facet %u", i);
      g_autofree char *company = g_strconcat ("c-", number, NULL);
      g_autofree char *article = g_strconcat ("a-", number, NULL);

      switch (kind)
        {
        case AREAS: g_ptr_array_add (pairs, amw_pair_new ("Area", facet)); break;
        case COMPANIES: g_ptr_array_add (pairs, amw_pair_new (company, "mentioned")); break;
        case CONNECTIONS: g_ptr_array_add (pairs, amw_pair_new ("article", article)); break;
        }
    }
  return pairs;
}

static GPtrArray *areas_of (guint n) { return pairs_of (AREAS, n); }
static GPtrArray *companies_of (guint n) { return pairs_of (COMPANIES, n); }
static GPtrArray *connections_of (guint n) { return pairs_of (CONNECTIONS, n); }

typedef struct {
  AmwArticleField field;
  const char     *label;
  guint           limit;
  MakeList        make;
} ListLimit;

static void
test_article_lists (void)
{
  static const ListLimit limits[] = {
    { AMW_FIELD_TAGS, "Tags", AMW_LIMIT_TAGS, tags_of },
    { AMW_FIELD_AREAS, "Knowledge areas", AMW_LIMIT_AREAS, areas_of },
    { AMW_FIELD_COMPANIES, "Companies", AMW_LIMIT_ARTICLE_COMPANIES, companies_of },
    { AMW_FIELD_CONNECTIONS, "Connections", AMW_LIMIT_CONNECTIONS, connections_of },
  };
  g_autoptr(AmwStore) store = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    for (int past = 0; past <= 1; past++)
      {
        guint n = limits[i].limit + (guint) past;
        g_autoptr(GPtrArray) list = limits[i].make (n);
        g_autofree char *json = limits[i].field == AMW_FIELD_TAGS ? amw_json_from_strings (list)
                                                                   : amw_json_from_pairs (list);
        g_autofree char *before = state_of (store);
        g_autofree char *at_most = g_strdup_printf ("%s: at most %u (this list has %u)", limits[i].label,
                                                    limits[i].limit, n);
        g_autoptr(GError) error = NULL;
        g_autoptr(AmwArticle) article = NULL;
        GPtrArray **slot;

        if (!past)
          {
            g_assert_true (amw_store_set_article_field (store, MAIN, limits[i].field, json, &error));
            g_assert_no_error (error);
            article = amw_store_get_article (store, MAIN, &error);
            continue;
          }
        g_assert_false (amw_store_set_article_field (store, MAIN, limits[i].field, json, &error));
        assert_refused (store, before, error, at_most, NULL);
        g_clear_error (&error);

        article = amw_store_get_article (store, MAIN, &error);
        g_assert_no_error (error);
        switch (limits[i].field)
          {
          case AMW_FIELD_TAGS: slot = &article->tags; break;
          case AMW_FIELD_AREAS: slot = &article->areas; break;
          case AMW_FIELD_COMPANIES: slot = &article->companies; break;
          default: slot = &article->connections; break;
          }
        g_ptr_array_unref (*slot);
        *slot = g_steal_pointer (&list);
        g_assert_false (amw_store_edit_article (store, article, &error));
        assert_refused (store, before, error, at_most, NULL);
      }
}

/* Each tag, area and facet: not blank, at its length; tags not twice in any case. */
static void
test_article_list_items (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autofree char *tag_at = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS);
  g_autofree char *tag_past = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS + 1);
  g_autofree char *area_at = amw_test_repeat ("é", AMW_LIMIT_AREA_CHARS);
  g_autofree char *area_past = amw_test_repeat ("é", AMW_LIMIT_AREA_CHARS + 1);
  struct {
    AmwArticleField field;
    const char     *json;
    const char     *message; /* NULL: accepted */
  } cases[] = {
    { AMW_FIELD_TAGS, g_strdup_printf ("[\"%s\"]", tag_at), NULL },
    { AMW_FIELD_TAGS, g_strdup_printf ("[\"%s\"]", tag_past), "at most 100 characters (this one has 101)" },
    { AMW_FIELD_TAGS, g_strdup ("[\"ok\", \"  \"]"), "Tag: must not be empty" },
    { AMW_FIELD_TAGS, g_strdup ("[\"Éco\", \"éco\"]"), "appears twice" },
    { AMW_FIELD_AREAS, g_strdup_printf ("[[\"%s\", \"%s\"]]", area_at, area_at), NULL },
    { AMW_FIELD_AREAS, g_strdup_printf ("[[\"%s\", \"Facet\"]]", area_past), "Area: at most 200 characters (this one has 201)" },
    { AMW_FIELD_AREAS, g_strdup_printf ("[[\"Area\", \"%s\"]]", area_past), "Facet: at most 200 characters (this one has 201)" },
    { AMW_FIELD_AREAS, g_strdup ("[[\"Area\", \"two\\nlines\"]]"), "Facet: must be one line" },
    { AMW_FIELD_AREAS, g_strdup ("[[\"Area\", \" \"]]"), "Facet: must not be empty" },
    { AMW_FIELD_COMPANIES, g_strdup ("[[\"c-001\", \"owner\"]]"), "subject or mentioned" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = state_of (store);
      g_autoptr(GError) error = NULL;
      gboolean ok = amw_store_set_article_field (store, MAIN, cases[i].field, cases[i].json, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          assert_refused (store, before, error, cases[i].message, NULL);
        }
      g_free ((char *) cases[i].json);
    }
}

/* ---- bulk tags, Manage Tags, areas ---- */

static void
test_bulk_add_tag (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autoptr(GPtrArray) full_tags = tags_of (AMW_LIMIT_TAGS);
  g_autofree char *json = amw_json_from_strings (full_tags);
  g_autofree char *tag_at = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS);
  g_autofree char *tag_past = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS + 1);
  const char *both[] = { "a-000", MAIN, "a-001", NULL };
  const char *others[] = { "a-000", "a-001", NULL };
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = NULL;

  g_assert_true (amw_store_set_article_field (store, MAIN, AMW_FIELD_TAGS, json, &error));
  g_assert_no_error (error);

  /* MAIN has the most tags an article holds: the whole command is refused. */
  before = state_of (store);
  g_assert_false (amw_store_add_tag (store, both, "one more", &error));
  assert_refused (store, before, error, "1 of the 3 articles", "200", NULL);
  g_clear_error (&error);
  /* A tag it already has is no new tag. */
  g_assert_true (amw_store_add_tag (store, both, "TAG 7", &error));
  g_assert_no_error (error);

  g_clear_pointer (&before, g_free);
  before = state_of (store);
  g_assert_false (amw_store_add_tag (store, others, tag_past, &error));
  assert_refused (store, before, error, "Tag: at most 100 characters (this one has 101)", NULL);
  g_clear_error (&error);
  g_assert_true (amw_store_add_tag (store, others, tag_at, &error));
  g_assert_no_error (error);
  article = amw_store_get_article (store, "a-001", &error);
  g_assert_cmpuint (article->tags->len, ==, 2);  /* "TAG 7", and this one */
  g_assert_cmpstr (g_ptr_array_index (article->tags, 1), ==, tag_at);
}

static void
test_manage_tags (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autofree char *tag_at = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS);
  g_autofree char *tag_past = amw_test_repeat ("é", AMW_LIMIT_TAG_CHARS + 1);
  g_autofree char *before = state_of (store);
  g_autoptr(GError) error = NULL;

  g_assert_false (amw_store_rename_tag (store, "first", tag_past, &error));
  assert_refused (store, before, error, "Tag: at most 100 characters (this one has 101)", NULL);
  g_clear_error (&error);
  g_assert_true (amw_store_rename_tag (store, "first", tag_at, &error));
  g_assert_no_error (error);
  g_assert_true (amw_store_has_tag (store, tag_at));

  /* "école" is "École" to the importer (not to SQLite's NOCASE): renaming "other" on an
   * article with "École" to "école" would give it a tag twice, which the import refuses. */
  g_assert_true (amw_store_set_article_field (store, MAIN, AMW_FIELD_TAGS, "[\"École\", \"other\"]", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = state_of (store);
  g_assert_false (amw_store_rename_tag (store, "other", "école", &error));
  assert_refused (store, before, error, "already exists; merge the tags instead", NULL);
  g_clear_error (&error);
  /* Merged instead, the article keeps one of them. */
  g_assert_true (amw_store_set_article_field (store, "a-000", AMW_FIELD_TAGS, "[\"école\"]", &error));
  g_assert_true (amw_store_merge_tags (store, "other", "école", &error));
  g_assert_no_error (error);
  export_and_import_ok (store);
}

static void
test_areas (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autofree char *at = amw_test_repeat ("é", AMW_LIMIT_AREA_CHARS);
  g_autofree char *past = amw_test_repeat ("é", AMW_LIMIT_AREA_CHARS + 1);
  g_autofree char *before = state_of (store);
  g_autoptr(GError) error = NULL;

  g_assert_false (amw_store_add_area (store, past, "Facet", &error));
  assert_refused (store, before, error, "Area: at most 200 characters (this one has 201)", NULL);
  g_clear_error (&error);
  g_assert_false (amw_store_add_area (store, "Area", "two\nlines", &error));
  assert_refused (store, before, error, "Facet: must be one line", NULL);
  g_clear_error (&error);
  g_assert_true (amw_store_add_area (store, at, "Facet", &error));
  g_assert_no_error (error);

  g_clear_pointer (&before, g_free);
  before = state_of (store);
  g_assert_false (amw_store_rename_area (store, at, "Facet", "Area", past, &error));
  assert_refused (store, before, error, "Facet: at most 200 characters (this one has 201)", NULL);
  g_clear_error (&error);
  g_assert_true (amw_store_rename_area (store, at, "Facet", "Area", at, &error));
  g_assert_no_error (error);
}

/* ---- companies ---- */

typedef struct {
  const char *field;
  const char *label;
  gsize       limit;
} CompanyText;

static char **
company_slot (AmwCompany *company,
              const char *field)
{
  if (g_str_equal (field, "name")) return &company->name;
  if (g_str_equal (field, "website")) return &company->website;
  if (g_str_equal (field, "hq_city")) return &company->hq_city;
  if (g_str_equal (field, "hq_country")) return &company->hq_country;
  if (g_str_equal (field, "ticker")) return &company->ticker;
  if (g_str_equal (field, "sector")) return &company->sector;
  if (g_str_equal (field, "employees")) return &company->employees;
  return &company->description;
}

static void
test_company_texts (void)
{
  static const CompanyText limits[] = {
    { "name", "Name", AMW_LIMIT_NAME_CHARS },
    { "website", "Website", AMW_LIMIT_URL_CHARS },
    { "hq_city", "City", AMW_LIMIT_NAME_CHARS },
    { "hq_country", "Country", AMW_LIMIT_COUNTRY_CHARS },
    { "ticker", "Ticker", AMW_LIMIT_TICKER_CHARS },
    { "sector", "Sector", AMW_LIMIT_NAME_CHARS },
    { "employees", "Employees", AMW_LIMIT_EMPLOYEES_CHARS },
    { "description", "Description", AMW_LIMIT_LONG_TEXT_CHARS },
  };
  g_autoptr(AmwStore) store = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    for (int past = 0; past <= 1; past++)
      {
        gsize n = limits[i].limit + (gsize) past;
        g_autofree char *value = g_str_equal (limits[i].field, "website") ? url_of (n) : amw_test_repeat ("é", n);
        g_autofree char *before = state_of (store);
        g_autofree char *at_most = g_strdup_printf ("%s: at most %zu characters (this one has %zu)",
                                                    limits[i].label, limits[i].limit, n);
        g_autoptr(GError) error = NULL;
        g_autoptr(AmwCompany) company = NULL;

        if (!past)
          {
            g_assert_true (amw_store_set_company_field (store, "acme", limits[i].field, value, &error));
            g_assert_no_error (error);
            continue;
          }
        g_assert_false (amw_store_set_company_field (store, "acme", limits[i].field, value, &error));
        assert_refused (store, before, error, at_most, NULL);
        g_clear_error (&error);

        company = amw_store_get_company (store, "acme", &error);
        g_assert_no_error (error);
        amw_set_str (company_slot (company, limits[i].field), value);
        g_assert_false (amw_store_edit_company (store, company, &error));
        assert_refused (store, before, error, at_most, NULL);
      }
}

static GPtrArray *
names_of (guint n,
          gsize length)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u ", i);
      g_autofree char *fill = amw_test_repeat ("é", length > strlen (number) ? length - strlen (number) : 0);

      g_ptr_array_add (names, g_strconcat (number, fill, NULL));
    }
  return names;
}

typedef enum { ALIASES, LEADS, PARTICIPANTS, AMOUNT, AMOUNT_USD, POST_MONEY, ROUNDS } CompanyList;

/* @company with its @what at @n (a count, a length, or an amount past the limit). */
static void
set_company_list (AmwCompany  *company,
                  CompanyList  what,
                  guint        count,
                  gsize        length)
{
  AmwFundingRound *round = g_ptr_array_index (company->funding_rounds, 0);

  switch (what)
    {
    case ALIASES:
      g_ptr_array_unref (company->aliases);
      company->aliases = names_of (count, length);
      break;
    case LEADS:
      g_ptr_array_unref (round->lead_investors);
      round->lead_investors = names_of (count, length);
      break;
    case PARTICIPANTS:
      g_ptr_array_unref (round->participants);
      round->participants = names_of (count, length);
      break;
    case AMOUNT:
      round->has_amount = TRUE;
      round->amount_minor = AMW_MAX_MONEY_MINOR + count;
      amw_set_str (&round->currency, "USD");
      break;
    case AMOUNT_USD:
      round->has_amount_usd = TRUE;
      round->amount_usd_minor = AMW_MAX_MONEY_MINOR + count;
      break;
    case POST_MONEY:
      round->has_post_money = TRUE;
      round->post_money_minor = AMW_MAX_MONEY_MINOR + count;
      amw_set_str (&round->post_money_currency, "EUR");
      break;
    case ROUNDS:
      for (guint i = company->funding_rounds->len; i < count; i++)
        {
          AmwFundingRound *more = amw_funding_round_new ();

          more->id = g_strdup_printf ("acme-r-%04u", i);
          more->company_id = g_strdup ("acme");
          more->announced = g_strdup ("2026-01-16");
          more->type = g_strdup ("other");
          g_ptr_array_add (company->funding_rounds, more);
        }
      break;
    }
}

static void
test_company_lists (void)
{
  static const struct {
    CompanyList what;
    guint       count;   /* at the limit; past: one more (AMOUNT…: 0, past: 1) */
    gsize       length;
    gboolean    longer;  /* past: one more character, not one more item */
    const char *message;
  } cases[] = {
    { ALIASES, AMW_LIMIT_ALIASES, 10, FALSE, "Aliases: at most 100 (this list has 101)" },
    { ALIASES, 1, AMW_LIMIT_NAME_CHARS, TRUE, "Alias: at most 300 characters (this one has 301)" },
    { LEADS, AMW_LIMIT_INVESTORS, 10, FALSE, "Funding round “acme-seed”: Lead investors: at most 200 (this list has 201)" },
    { LEADS, 1, AMW_LIMIT_NAME_CHARS, TRUE, "Funding round “acme-seed”: Investor: at most 300 characters (this one has 301)" },
    { PARTICIPANTS, AMW_LIMIT_INVESTORS, 10, FALSE, "Participants: at most 200 (this list has 201)" },
    { PARTICIPANTS, 1, AMW_LIMIT_NAME_CHARS, TRUE, "Investor: at most 300 characters (this one has 301)" },
    { AMOUNT, 0, 0, FALSE, "Amount: must be from 0 to 1000000000000000" },
    { AMOUNT_USD, 0, 0, FALSE, "Amount in US dollars: must be from 0 to 1000000000000000" },
    { POST_MONEY, 0, 0, FALSE, "Post-money valuation: must be from 0 to 1000000000000000" },
    { ROUNDS, AMW_LIMIT_ROUNDS, 0, FALSE, "Funding rounds: at most 1000 (this list has 1001)" },
  };
  g_autoptr(AmwStore) store = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int past = 0; past <= 1; past++)
      {
        g_autofree char *before = state_of (store);
        g_autoptr(GError) error = NULL;
        g_autoptr(AmwCompany) company = amw_store_get_company (store, "acme", &error);
        guint count = cases[i].count + (guint) (past && !cases[i].longer);
        gsize length = cases[i].length + (gsize) (past && cases[i].longer);

        g_assert_no_error (error);
        set_company_list (company, cases[i].what, count, length);
        if (!past)
          {
            g_assert_true (amw_store_edit_company (store, company, &error));
            g_assert_no_error (error);
            continue;
          }
        g_assert_false (amw_store_edit_company (store, company, &error));
        assert_refused (store, before, error, cases[i].message, NULL);
        g_clear_error (&error);
        if (cases[i].what == ALIASES)
          {
            /* One field at a time, as the command line sets it. */
            g_autofree char *json = amw_json_from_strings (company->aliases);

            g_assert_false (amw_store_set_company_field (store, "acme", "aliases", json, &error));
            assert_refused (store, before, error, cases[i].message, NULL);
          }
      }
}

/* ---- round trip: every limit at once ---- */

/* The whole store exports, and the export imports into an empty store. */
static void
export_and_import_ok (AmwStore *store)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(AmwStore) other = amw_test_open_memory ();
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  g_assert_true (amw_export_to_file (store, &all, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (!amw_import_file (other, path, NULL, &error))
    g_error ("the desk's import refuses the desk's export: %.400s", error->message);
  amw_test_remove_tree (dir);
}

static void
export_and_import (AmwStore *store)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "limits.json", NULL);
  g_autofree char *output = NULL;
  g_autoptr(AmwStore) other = amw_test_open_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  g_assert_true (amw_export_to_file (store, &all, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (!amw_import_file (other, path, NULL, &error))
    g_error ("the desk's import refuses the desk's export: %.400s", error->message);
  if (!amw_test_validate_export (path, &output))
    g_error ("the export does not validate against the schema: %.400s", output);
  article = amw_store_get_article (other, MAIN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (article->title, -1), ==, AMW_LIMIT_TITLE_CHARS);
  g_assert_cmpuint (article->tags->len, ==, AMW_LIMIT_TAGS);
  amw_test_remove_tree (dir);
}

static void
test_round_trip (void)
{
  g_autoptr(AmwStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_store_get_article (store, MAIN, &error);
  g_autoptr(AmwCompany) company = amw_store_get_company (store, "acme", &error);
  g_autofree char *area = amw_test_repeat ("é", AMW_LIMIT_AREA_CHARS - 4);
  AmwFundingRound *round;

  g_assert_no_error (error);
  g_free (article->title);
  article->title = amw_test_repeat ("é", AMW_LIMIT_TITLE_CHARS);
  g_free (article->source);
  article->source = amw_test_repeat ("é", AMW_LIMIT_NAME_CHARS);
  g_free (article->url);
  article->url = url_of (AMW_LIMIT_URL_CHARS);
  g_free (article->summary);
  article->summary = amw_test_repeat ("é", AMW_LIMIT_LONG_TEXT_CHARS);
  g_free (article->amw_read);
  article->amw_read = amw_test_repeat ("é", AMW_LIMIT_LONG_TEXT_CHARS);
  g_ptr_array_unref (article->tags);
  article->tags = names_of (AMW_LIMIT_TAGS, AMW_LIMIT_TAG_CHARS);
  g_ptr_array_set_size (article->areas, 0);
  for (guint i = 0; i < AMW_LIMIT_AREAS; i++)
    {
      g_autofree char *first = g_strdup_printf ("%03u %s", i, area);

      g_ptr_array_add (article->areas, amw_pair_new (first, first));
    }
  g_ptr_array_unref (article->companies);
  article->companies = companies_of (AMW_LIMIT_ARTICLE_COMPANIES);
  g_ptr_array_unref (article->connections);
  article->connections = connections_of (AMW_LIMIT_CONNECTIONS);
  g_assert_true (amw_store_edit_article (store, article, &error));
  g_assert_no_error (error);

  g_free (company->name);
  company->name = amw_test_repeat ("é", AMW_LIMIT_NAME_CHARS);
  g_free (company->website);
  company->website = url_of (AMW_LIMIT_URL_CHARS);
  g_free (company->hq_city);
  company->hq_city = amw_test_repeat ("é", AMW_LIMIT_NAME_CHARS);
  g_free (company->hq_country);
  company->hq_country = amw_test_repeat ("é", AMW_LIMIT_COUNTRY_CHARS);
  g_free (company->ticker);
  company->ticker = amw_test_repeat ("É", AMW_LIMIT_TICKER_CHARS);
  g_free (company->sector);
  company->sector = amw_test_repeat ("é", AMW_LIMIT_NAME_CHARS);
  g_free (company->employees);
  company->employees = amw_test_repeat ("é", AMW_LIMIT_EMPLOYEES_CHARS);
  g_free (company->description);
  company->description = amw_test_repeat ("é", AMW_LIMIT_LONG_TEXT_CHARS);
  company->founded = AMW_LIMIT_FOUNDED_MAX;
  set_company_list (company, ALIASES, AMW_LIMIT_ALIASES, AMW_LIMIT_NAME_CHARS);
  set_company_list (company, LEADS, AMW_LIMIT_INVESTORS, AMW_LIMIT_NAME_CHARS);
  set_company_list (company, PARTICIPANTS, AMW_LIMIT_INVESTORS, AMW_LIMIT_NAME_CHARS);
  set_company_list (company, AMOUNT, 0, 0);
  set_company_list (company, AMOUNT_USD, 0, 0);
  set_company_list (company, POST_MONEY, 0, 0);
  set_company_list (company, ROUNDS, AMW_LIMIT_ROUNDS, 0);
  round = g_ptr_array_index (company->funding_rounds, 0);
  g_assert_cmpint (round->amount_minor, ==, AMW_MAX_MONEY_MINOR);
  g_assert_true (amw_store_edit_company (store, company, &error));
  g_assert_no_error (error);

  export_and_import (store);
}

/* ---- the export of what another program wrote past the limits ---- */

/* Exports everything to @path (and to a file descriptor); refused with a message holding
 * @parts, @path keeps @before and no other file appears beside it. */
static void
assert_export_refused (AmwStore   *store,
                       const char *path,
                       const char *before,
                       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
  guint n_files = 0;
  va_list args;
  int fd;

  g_assert_false (amw_export_to_file (store, &all, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_test_message ("export refused: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Export to "));
  g_assert_nonnull (strstr (error->message, "is past the limits of the format"));
  g_assert_null (strchr (error->message, '\n'));
  va_start (args, before);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” does not say “%s”", error->message, part);
  va_end (args);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));
  /* Beside the database (and its -wal, -shm), only the earlier export: no temporary file. */
  listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    n_files += !g_str_has_prefix (name, "amw.db");
  g_assert_cmpuint (n_files, ==, 1);
  g_clear_error (&error);

  fd = g_open ("/dev/null", O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_false (amw_export_to_fd (store, &all, fd, "/dev/null", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  close (fd);
}

static void
test_export_refuses_past_limits (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "amw.db", NULL);
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *long_title = amw_test_repeat ("é", AMW_LIMIT_TITLE_CHARS + 1);
  g_autoptr(AmwStore) store = amw_store_open (db_path, NULL);
  g_autoptr(AmwArticle) article = amw_test_make_article ("x", "X", "2026-03-01");
  g_autoptr(AmwArticle) restored = amw_test_make_article ("x", "X", "2026-03-01");
  g_autoptr(AmwCompany) company = make_company ("acme");
  g_autoptr(AmwCompany) big = make_company ("acme");
  g_autoptr(AmwEvent) event = amw_event_new ();
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
  AmwFundingRound *round = amw_funding_round_new ();
  sqlite3 *other = NULL;

  g_assert_nonnull (store);
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_company (store, company, &error));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_assert_true (amw_export_to_file (store, &all, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* 250 tags, through the store's raw writes (as an import after its checks does). */
  for (guint i = 0; i < 250; i++)
    g_ptr_array_add (article->tags, g_strdup_printf ("tag %u", i));
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_true (amw_store_commit (store, &error));
  assert_export_refused (store, path, before, "article “x”", "Tags: at most 200 (this list has 250)", NULL);

  /* A title past 1000 characters, written by the sqlite3 library straight into the file. */
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_article (store, restored, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_assert_cmpint (sqlite3_open (db_path, &other), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (other, "UPDATE articles SET title = ?1 WHERE id = 'x'", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, long_title, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (other);
  amw_store_check_external_changes (store);
  assert_export_refused (store, path, before, "article “x”", "Title: at most 1000 characters (this one has 1001)", NULL);
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_article (store, restored, &error));
  g_assert_true (amw_store_commit (store, &error));

  /* A company: 101 aliases; then a round of more than 10^15 minor units. */
  for (guint i = 0; i < 101; i++)
    g_ptr_array_add (big->aliases, g_strdup_printf ("Alias %u", i));
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_company (store, big, &error));
  g_assert_true (amw_store_commit (store, &error));
  assert_export_refused (store, path, before, "company “acme”", "Aliases: at most 100 (this list has 101)", NULL);
  round->id = g_strdup ("acme-seed");
  round->company_id = g_strdup ("acme");
  round->announced = g_strdup ("2026-01-15");
  round->type = g_strdup ("seed");
  round->has_amount_usd = TRUE;
  round->amount_usd_minor = AMW_MAX_MONEY_MINOR + 1;
  g_ptr_array_add (company->funding_rounds, round);
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_company (store, company, &error));
  g_assert_true (amw_store_upsert_funding_rounds (store, company, &error));
  g_assert_true (amw_store_commit (store, &error));
  assert_export_refused (store, path, before, "company “acme” is past the limits of the format: funding round “acme-seed”: Amount in US dollars", NULL);
  round->amount_usd_minor = AMW_MAX_MONEY_MINOR;
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_funding_rounds (store, company, &error));
  g_assert_true (amw_store_commit (store, &error));

  /* An event's title past 1000 characters. */
  event->id = g_strdup ("launch");
  event->date = g_strdup ("2026-03-01");
  event->precision = g_strdup ("day");
  event->title = g_strdup (long_title);
  event->kind = g_strdup ("other");
  event->created_at = g_strdup ("2026-03-01T00:00:00Z");
  event->updated_at = g_strdup ("2026-03-01T00:00:00Z");
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_event (store, event, &error));
  g_assert_true (amw_store_commit (store, &error));
  assert_export_refused (store, path, before, "event “launch”", "Title: at most 1000 characters", NULL);

  /* Back within the limits, it exports again. */
  amw_set_str (&event->title, "Launch");
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_event (store, event, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_assert_true (amw_export_to_file (store, &all, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  amw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit-limits/article-texts", test_article_texts);
  g_test_add_func ("/edit-limits/article-title-blank", test_article_title_blank);
  g_test_add_func ("/edit-limits/article-lists", test_article_lists);
  g_test_add_func ("/edit-limits/article-list-items", test_article_list_items);
  g_test_add_func ("/edit-limits/bulk-add-tag", test_bulk_add_tag);
  g_test_add_func ("/edit-limits/manage-tags", test_manage_tags);
  g_test_add_func ("/edit-limits/areas", test_areas);
  g_test_add_func ("/edit-limits/company-texts", test_company_texts);
  g_test_add_func ("/edit-limits/company-lists", test_company_lists);
  g_test_add_func ("/edit-limits/round-trip", test_round_trip);
  g_test_add_func ("/edit-limits/export-refuses-past-limits", test_export_refuses_past_limits);
  return g_test_run ();
}
