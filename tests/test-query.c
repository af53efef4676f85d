/* test-query.c — search text parsing, FTS, filters and sorting done by SQLite */
#include "amw-test-utils.h"
#include "amw-store-private.h"

#include <string.h>

#define PARTNERSHIP "microsoft-openai-next-phase-partnership"

static GPtrArray *
fetch_ids (AmwStore *store,
           AmwQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = amw_store_fetch_articles (store, query, 0, 1000, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (amw_article_item_get_id (g_ptr_array_index (rows, i))));
  /* The count agrees with the rows. */
  g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, rows->len);
  return ids;
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

static void
test_search_text_parser (void)
{
  struct { const char *text; const char *fts; } cases[] = {
    { "openai", "\"openai\"*" },
    /* Only the last word, the one being typed, is a prefix. */
    { "  open   part ", "\"open\" \"part\"*" },
    { "\"non-exclusive license\" cloud", "\"non exclusive license\" \"cloud\"*" },
    { "cloud \"open source\"", "\"cloud\" \"open source\"" },
    { "AND OR NOT", "\"AND\" \"OR\" \"NOT\"*" },
    /* A single character is too short to be a useful prefix. */
    { "col:umn^ (x)", "\"col\" \"umn\" \"x\"" },
    { "gpt 4", "\"gpt\" \"4\"" },
    { "Zürich", "\"Zürich\"*" },
    { "\"unterminated phrase", "\"unterminated phrase\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = amw_search_text_to_fts (cases[i].text);
      g_assert_cmpstr (fts, ==, cases[i].fts);
    }
  g_assert_null (amw_search_text_to_fts (""));
  g_assert_null (amw_search_text_to_fts ("  -- ** \"\" "));
  g_assert_null (amw_search_text_to_fts (NULL));
  g_assert_null (amw_search_text_to_fts ("\xff\xfe"));
}

static void
test_fts_prefix (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) all = fetch_ids (store, query);

  /* As the editor types, prefixes match. */
  amw_query_set_search (query, "partn");
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  g_assert_cmpuint (ids->len, <, all->len);
  g_clear_pointer (&ids, g_ptr_array_unref);

  amw_query_set_search (query, "microsoft openai partnership");
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* The AMW Read is searched too: a phrase from it. */
  amw_query_set_search (query, "\"frame shift\"");
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  g_clear_pointer (&ids, g_ptr_array_unref);
  /* A phrase is not a bag of words. */
  amw_query_set_search (query, "\"shift frame\"");
  ids = fetch_ids (store, query);
  g_assert_false (contains (ids, PARTNERSHIP));
  g_clear_pointer (&ids, g_ptr_array_unref);

  amw_query_set_search (query, "zzzqqqxxx");
  ids = fetch_ids (store, query);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* FTS syntax typed by a user is just text: the same result as the plain words. */
  amw_query_set_search (query, "OR NOT ( * :");
  ids = fetch_ids (store, query);
  {
    g_autoptr(GPtrArray) plain = NULL;

    amw_query_set_search (query, "or not");
    plain = fetch_ids (store, query);
    g_assert_cmpuint (ids->len, ==, plain->len);
  }
}


/* ---- a long prefix, spelled out as the words it begins ---- */

static const char * const prefix_words[] = {
  "release", "released", "releases", "relevant", "relay", "rely", "alpha", "beta",
};

/* Words that begin the prefix "comp": more than the store spells out. */
#define N_COMP_WORDS 20

/* What a search should match, worked out here: every word but the last is a whole word
 * of the text, the last begins one. The text is lowercase ASCII words and spaces. */
static gboolean
text_matches (const char *text,
              const char *search)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autofree char *lower = g_ascii_strdown (search, -1);
  g_auto(GStrv) wanted = g_strsplit (lower, " ", -1);
  guint n = g_strv_length (wanted);

  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; words[j] != NULL && !found; j++)
        found = i + 1 < n ? g_str_equal (words[j], wanted[i]) : g_str_has_prefix (words[j], wanted[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_same_set (GPtrArray *a,
                 GPtrArray *b)
{
  g_ptr_array_sort (a, compare_ids);
  g_ptr_array_sort (b, compare_ids);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_fts_prefix_spelled_out (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  const char *searches[] = { "rele", "RELE", "alpha rele", "beta relea", "comp", "comp1", "relay",
                             "relx", "rel", "alpha comp0" };

  amw_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", i);
      g_autoptr(GString) text = g_string_new ("news");
      g_autoptr(AmwArticle) article = NULL;
      char published[16];

      for (guint w = 0; w < 3; w++)
        {
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_string_append_printf (text, " comp%02d", g_rand_int_range (rand, 0, N_COMP_WORDS));
          else
            g_string_append_printf (text, " %s", prefix_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (prefix_words))]);
        }
      g_snprintf (published, sizeof published, "2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      article = amw_test_make_article (id, "Story", published);
      g_free (article->summary);
      article->summary = g_strdup (text->str);
      amw_store_upsert_article (store, article, &error);
      g_assert_no_error (error);
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&text), FALSE));
    }
  amw_store_commit (store, &error);
  g_assert_no_error (error);

  /* The same articles as the words of their text say, spelled out or not. */
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) ids = NULL;

      for (guint i = 0; i < texts->len; i++)
        if (text_matches (g_ptr_array_index (texts, i), searches[s]))
          g_ptr_array_add (expected, g_strdup_printf ("a-%03u", i));
      amw_query_set_search (query, searches[s]);
      ids = fetch_ids (store, query);
      g_test_message ("%s: %u articles", searches[s], ids->len);
      assert_same_set (ids, expected);
    }

  /* How the words are spelled out: four words begin "rele"; twenty begin "comp", too
   * many to look up, so that stays a prefix; no word begins "relx". */
  {
    struct { const char *fts; const char *expanded; } cases[] = {
      { "\"rele\"*", "(\"release\" OR \"released\" OR \"releases\" OR \"relevant\")" },
      { "\"alpha\" \"RELE\"*", "\"alpha\" AND (\"release\" OR \"released\" OR \"releases\" OR \"relevant\")" },
      { "\"comp\"*", "\"comp\"*" },
      { "\"comp1\"*", "(\"comp10\" OR \"comp11\" OR \"comp12\" OR \"comp13\" OR \"comp14\" OR \"comp15\""
                      " OR \"comp16\" OR \"comp17\" OR \"comp18\" OR \"comp19\")" },
      { "\"relx\"*", "\"relx\"*" },
      /* Three letters have their own list in the index. */
      { "\"rel\"*", "\"rel\"*" },
      /* Not plain ASCII, or not a prefix: as it is. */
      { "\"relé\"*", "\"relé\"*" },
      { "\"release\"", "\"release\"" },
      { "\"a \"\"rele\"*", "\"a \"\"rele\"*" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *expanded = amw_store_expand_fts (store, cases[i].fts);
        g_assert_cmpstr (expanded, ==, cases[i].expanded);
      }
  }

  /* A new word that begins the prefix is found once it is written. */
  {
    g_autoptr(AmwArticle) article = amw_test_make_article ("late", "Relentless", "2026-06-01");
    g_autofree char *expanded = NULL;
    g_autoptr(GPtrArray) ids = NULL;

    amw_query_set_search (query, "rele");
    ids = fetch_ids (store, query);
    g_assert_false (contains (ids, "late"));
    g_clear_pointer (&ids, g_ptr_array_unref);
    amw_store_begin (store, &error);
    g_assert_no_error (error);
    amw_store_upsert_article (store, article, &error);
    g_assert_no_error (error);
    amw_store_commit (store, &error);
    g_assert_no_error (error);
    ids = fetch_ids (store, query);
    g_assert_true (contains (ids, "late"));
    expanded = amw_store_expand_fts (store, "\"rele\"*");
    g_assert_nonnull (strstr (expanded, "\"relentless\""));
  }
}

static void
test_fts_follows_edits (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  amw_query_set_search (query, "quokkaword");
  g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, 0);
  g_assert_true (amw_store_set_article_field (store, PARTNERSHIP, AMW_FIELD_AMW_READ,
                                              "A quokkaword appears in the AMW Read.", &error));
  ids = fetch_ids (store, query);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, PARTNERSHIP);
  g_assert_true (amw_store_undo (store, NULL, &error));
  g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, 0);
}

/* The ids of the whole list (no search) that are also in @subset, in list order. */
static GPtrArray *
filter_in_order (GPtrArray *list,
                 GPtrArray *subset)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < list->len; i++)
    if (contains (subset, g_ptr_array_index (list, i)))
      g_ptr_array_add (out, g_strdup (g_ptr_array_index (list, i)));
  return out;
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* Sorted by date, a search reads the FTS index in its rowid order (schema v2): the result
 * must be exactly the plain list's order restricted to the matches, in both directions,
 * with other filters, across pages, and after a date changes. */
static void
test_search_by_date (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  const char *published[] = { "published", NULL };

  for (int round = 0; round < 3; round++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(AmwQuery) plain = amw_query_new ();
        g_autoptr(AmwQuery) search = amw_query_new ();
        g_autoptr(AmwQuery) ranked = NULL;
        g_autoptr(GPtrArray) all = NULL;
        g_autoptr(GPtrArray) matches = NULL;
        g_autoptr(GPtrArray) by_date = NULL;
        g_autoptr(GPtrArray) expected = NULL;

        amw_query_set_sort (plain, AMW_SORT_PUBLISHED, descending);
        amw_query_set_sort (search, AMW_SORT_PUBLISHED, descending);
        amw_query_set_search (search, "openai");
        if (round == 1)
          {
            amw_query_set_statuses (plain, published);
            amw_query_set_statuses (search, published);
          }
        ranked = amw_query_copy (search);
        amw_query_set_sort (ranked, AMW_SORT_RELEVANCE, TRUE);

        all = fetch_ids (store, plain);
        matches = fetch_ids (store, ranked);
        by_date = fetch_ids (store, search);
        expected = filter_in_order (all, matches);
        g_assert_cmpuint (matches->len, >, 3);
        g_assert_cmpuint (matches->len, <, all->len);
        assert_same_ids (by_date, expected);

        /* Pages join up. */
        {
          g_autoptr(GPtrArray) first = amw_store_fetch_articles (store, search, 0, 2, &error);
          g_autoptr(GPtrArray) rest = amw_store_fetch_articles (store, search, 2, 1000, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (first->len + rest->len, ==, by_date->len);
          g_assert_cmpstr (amw_article_item_get_id (g_ptr_array_index (rest, 0)), ==,
                           g_ptr_array_index (by_date, 2));
        }

        if (round == 2 && descending)
          {
            /* The oldest match becomes the newest: the search order follows. */
            const char *oldest = g_ptr_array_index (by_date, by_date->len - 1);
            g_autoptr(GPtrArray) after = NULL;

            g_assert_true (amw_store_set_article_field (store, oldest, AMW_FIELD_PUBLISHED,
                                                        "2030-01-01", &error));
            g_assert_no_error (error);
            after = fetch_ids (store, search);
            g_assert_cmpuint (after->len, ==, by_date->len);
            g_assert_cmpstr (g_ptr_array_index (after, 0), ==, oldest);
          }
      }
}

static void
test_filters (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 all = amw_store_count_articles (store, query, &error);
  const char *published[] = { "published", NULL };
  const char *two_tags[] = { "Microsoft", "OpenAI", NULL };
  const char *companies[] = { "openai", NULL };
  const char *areas[] = { "Foundation Models · Open Debates", NULL };
  g_autoptr(GPtrArray) ids = NULL;

  amw_query_set_statuses (query, published);
  ids = fetch_ids (store, query);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, g_ptr_array_index (ids, i), NULL);
      g_assert_cmpstr (article->status, ==, "published");
    }
  g_assert_cmpuint (ids->len, <, all);
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_statuses (query, NULL);

  /* Tags combine as "all of", case-insensitively. */
  amw_query_set_tags (query, two_tags);
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, g_ptr_array_index (ids, i), NULL);
      guint found = 0;
      for (guint j = 0; j < article->tags->len; j++)
        found += g_ascii_strcasecmp (g_ptr_array_index (article->tags, j), "microsoft") == 0 ||
                 g_ascii_strcasecmp (g_ptr_array_index (article->tags, j), "openai") == 0;
      g_assert_cmpuint (found, ==, 2);
    }
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_tags (query, NULL);

  amw_query_set_companies (query, companies);
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_companies (query, NULL);

  amw_query_set_areas (query, areas);
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_areas (query, NULL);

  amw_query_set_significance_range (query, 5, 5);
  ids = fetch_ids (store, query);
  g_assert_true (contains (ids, PARTNERSHIP));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, g_ptr_array_index (ids, i), NULL);
      g_assert_cmpint (article->significance, ==, 5);
    }
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_novelty_range (query, 4, 5);
  ids = fetch_ids (store, query);
  g_assert_false (contains (ids, PARTNERSHIP)); /* novelty 3 */
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_novelty_range (query, 0, 0);
  amw_query_set_significance_range (query, 0, 0);

  amw_query_set_incomplete (query, TRUE);
  ids = fetch_ids (store, query);
  g_assert_cmpuint (ids->len, >, 0);
  g_assert_false (contains (ids, PARTNERSHIP));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, g_ptr_array_index (ids, i), NULL);
      g_assert_true (*article->amw_read == '\0' || article->novelty == 0 || article->significance == 0);
    }
  g_clear_pointer (&ids, g_ptr_array_unref);
  amw_query_set_incomplete (query, FALSE);

  amw_query_set_since (query, "2026-05-01");
  amw_query_set_until (query, "2026-05-31");
  ids = fetch_ids (store, query);
  g_assert_cmpuint (ids->len, >, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (store, g_ptr_array_index (ids, i), NULL);
      g_assert_cmpstr (article->published, >=, "2026-05-01");
      g_assert_cmpstr (article->published, <=, "2026-05-31");
    }
  g_assert_true (amw_query_has_filters (query));
  amw_query_clear_filters (query);
  g_assert_false (amw_query_has_filters (query));
  g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, all);
}

static void
assert_sorted (AmwStore   *store,
               AmwQuery   *query,
               AmwSortKey  key,
               gboolean    descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  amw_query_set_sort (query, key, descending);
  rows = amw_store_fetch_articles (store, query, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 1);
  for (guint i = 1; i < rows->len; i++)
    {
      AmwArticleItem *a = g_ptr_array_index (rows, i - 1);
      AmwArticleItem *b = g_ptr_array_index (rows, i);
      int order = 0;

      switch (key)
        {
        case AMW_SORT_PUBLISHED: order = g_strcmp0 (amw_article_item_get_published (a), amw_article_item_get_published (b)); break;
        case AMW_SORT_TITLE: order = g_ascii_strcasecmp (amw_article_item_get_title (a), amw_article_item_get_title (b)); break;
        case AMW_SORT_NOVELTY:
        case AMW_SORT_SIGNIFICANCE:
          {
            int ra = key == AMW_SORT_NOVELTY ? amw_article_item_get_novelty (a) : amw_article_item_get_significance (a);
            int rb = key == AMW_SORT_NOVELTY ? amw_article_item_get_novelty (b) : amw_article_item_get_significance (b);

            /* Unrated articles come last in either direction. */
            if (ra == 0)
              g_assert_cmpint (rb, ==, 0);
            order = rb == 0 ? 0 : ra - rb;
          }
          break;
        default: g_assert_not_reached ();
        }
      if (descending)
        g_assert_cmpint (order, >=, 0);
      else
        g_assert_cmpint (order, <=, 0);
    }
}

static void
test_sorting (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();

  /* Newest first by default. */
  g_assert_cmpint (amw_query_get_sort_key (query), ==, AMW_SORT_PUBLISHED);
  g_assert_true (amw_query_get_descending (query));
  assert_sorted (store, query, AMW_SORT_PUBLISHED, TRUE);
  assert_sorted (store, query, AMW_SORT_PUBLISHED, FALSE);
  assert_sorted (store, query, AMW_SORT_TITLE, FALSE);
  assert_sorted (store, query, AMW_SORT_TITLE, TRUE);
  assert_sorted (store, query, AMW_SORT_NOVELTY, TRUE);
  assert_sorted (store, query, AMW_SORT_SIGNIFICANCE, FALSE);
}

static void
test_relevance_and_paging (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  amw_query_set_search (query, "openai");
  amw_query_set_sort (query, AMW_SORT_RELEVANCE, TRUE);
  all = amw_store_fetch_articles (store, query, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 2);

  /* Pages are consecutive slices of the same order. */
  first = amw_store_fetch_articles (store, query, 0, 1, &error);
  second = amw_store_fetch_articles (store, query, 1, 1, &error);
  g_assert_cmpstr (amw_article_item_get_id (g_ptr_array_index (first, 0)), ==,
                   amw_article_item_get_id (g_ptr_array_index (all, 0)));
  g_assert_cmpstr (amw_article_item_get_id (g_ptr_array_index (second, 0)), ==,
                   amw_article_item_get_id (g_ptr_array_index (all, 1)));
}

/* Ranked by bm25: with texts of one length, more mentions rank higher, and equal ranks go
 * by pk (the order they were written). Pages are slices of that order, with or without
 * another filter, in both directions. */
static void
test_relevance_order (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected_tagged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *tagged[] = { "marked", NULL };
  enum { N = 40, PAGE = 7 };

  amw_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *id = g_strdup_printf ("r-%02u", i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(AmwArticle) article = amw_test_make_article (id, "Report", "2026-03-01");
      guint mentions = 1 + (i * 7) % 5;

      /* Ten words each: "zeppelin" @mentions times, filler for the rest. */
      for (guint w = 0; w < 10; w++)
        g_string_append (text, w < mentions ? "zeppelin " : "filler ");
      g_free (article->summary);
      article->summary = g_strdup (text->str);
      if (i % 3 == 0)
        g_ptr_array_add (article->tags, g_strdup ("marked"));
      amw_store_upsert_article (store, article, &error);
      g_assert_no_error (error);
    }
  amw_store_commit (store, &error);
  g_assert_no_error (error);
  for (guint mentions = 5; mentions >= 1; mentions--)
    for (guint i = 0; i < N; i++)
      if (1 + (i * 7) % 5 == mentions)
        {
          g_ptr_array_add (expected, g_strdup_printf ("r-%02u", i));
          if (i % 3 == 0)
            g_ptr_array_add (expected_tagged, g_strdup_printf ("r-%02u", i));
        }

  amw_query_set_search (query, "zeppelin");
  for (guint filtered = 0; filtered < 2; filtered++)
    {
      GPtrArray *want = filtered ? expected_tagged : expected;

      amw_query_set_tags (query, filtered ? tagged : NULL);
      for (guint best_first = 0; best_first < 2; best_first++)
        {
          g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (g_free);

          amw_query_set_sort (query, AMW_SORT_RELEVANCE, best_first);
          for (guint offset = 0; offset < want->len + PAGE; offset += PAGE)
            {
              g_autoptr(GPtrArray) rows = amw_store_fetch_articles (store, query, offset, PAGE, &error);

              g_assert_no_error (error);
              for (guint i = 0; i < rows->len; i++)
                g_ptr_array_add (paged, g_strdup (amw_article_item_get_id (g_ptr_array_index (rows, i))));
            }
          g_assert_cmpuint (paged->len, ==, want->len);
          for (guint i = 0; i < want->len; i++)
            {
              const char *wanted = g_ptr_array_index (want, best_first ? i : want->len - 1 - i);

              g_assert_cmpstr (g_ptr_array_index (paged, i), ==, wanted);
            }
          /* Each row carries its tags. */
          if (filtered)
            {
              g_autoptr(GPtrArray) rows = amw_store_fetch_articles (store, query, 0, 1, &error);

              g_assert_cmpstr (amw_article_item_get_tags (g_ptr_array_index (rows, 0)), ==, "marked");
            }
        }
    }
}

static gboolean
collect_id (AmwArticle  *article,
            gpointer     user_data,
            GError     **error)
{
  g_ptr_array_add (user_data, g_strdup (article->id));
  return TRUE;
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 *count = user_data;

  *count = amw_store_count_articles_finish (AMW_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* Search text without a word (punctuation only) matches nothing: were it dropped as no
 * filter, the list would show, and an export write, every article. */
static void
test_search_without_words (void)
{
  static const char * const texts[] = { "*", "\"", ")))", "-", "\"\"", "  -- ** \"\" ", "\xff\xfe" };
  static const char * const funding[] = { "funding", NULL };
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "amw.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(AmwStore) store = amw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_true (amw_import_file (store, sample, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint tagged = 0; tagged < 2; tagged++)
      for (AmwSortKey sort = AMW_SORT_PUBLISHED; sort < AMW_N_SORT_KEYS; sort++)
        {
          g_autoptr(AmwQuery) query = amw_query_new ();
          g_autoptr(GPtrArray) ids = NULL;
          g_autoptr(GPtrArray) visited = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(AmwPagedList) list = NULL;
          g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
          AmwExportSelection selection = { AMW_SELECTION_QUERY, NULL, NULL };
          gint64 async_count = -1;
          g_autofree char *json = NULL;

          g_test_message ("search %u, tagged %u, sort %d", i, tagged, sort);
          amw_query_set_search (query, texts[i]);
          g_assert_null (amw_query_get_fts (query));
          g_assert_true (amw_query_has_filters (query));
          if (tagged)
            amw_query_set_tags (query, funding);
          amw_query_set_sort (query, sort, TRUE);

          ids = fetch_ids (store, query);
          g_assert_cmpuint (ids->len, ==, 0);
          g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, 0);
          g_assert_cmpint (amw_store_count_articles_capped (store, query, 10, &error), ==, 0);
          g_assert_no_error (error);
          g_assert_true (amw_store_foreach_article (store, query, collect_id, visited, &error));
          g_assert_cmpuint (visited->len, ==, 0);

          amw_store_count_articles_async (store, query, NULL, on_counted, &async_count);
          while (async_count < 0)
            g_main_context_iteration (NULL, TRUE);
          g_assert_cmpint (async_count, ==, 0);

          /* The article list of the window. */
          list = amw_article_list_new (store, query);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

          /* An export of the search writes no article. */
          selection.query = query;
          g_assert_true (amw_export_to_stream (store, &selection, out, NULL, NULL, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (g_output_stream_close (out, NULL, NULL));
          json = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                            g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
          g_assert_nonnull (strstr (json, "\"articles\" : []"));
        }

  g_clear_object (&store);
  amw_test_remove_tree (dir);
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_query_signals (void)
{
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwQuery) copy = NULL;
  g_autofree char *description = NULL;
  const char *tags[] = { "cloud", NULL };
  guint changes = 0;

  g_signal_connect_swapped (query, "changed", G_CALLBACK (count_signal), &changes);
  amw_query_set_search (query, "x");
  amw_query_set_search (query, "x"); /* unchanged: no signal */
  amw_query_set_tags (query, tags);
  amw_query_set_tags (query, tags);
  amw_query_set_sort (query, AMW_SORT_TITLE, FALSE);
  g_assert_cmpuint (changes, ==, 3);

  copy = amw_query_copy (query);
  g_assert_cmpstr (amw_query_get_search (copy), ==, "x");
  g_assert_cmpstr (amw_query_get_tags (copy)[0], ==, "cloud");
  g_assert_cmpint (amw_query_get_sort_key (copy), ==, AMW_SORT_TITLE);
  description = amw_query_describe (copy);
  g_assert_nonnull (strstr (description, "cloud"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query/search-text-parser", test_search_text_parser);
  g_test_add_func ("/query/fts-prefix", test_fts_prefix);
  g_test_add_func ("/query/search-without-words", test_search_without_words);
  g_test_add_func ("/query/fts-prefix-spelled-out", test_fts_prefix_spelled_out);
  g_test_add_func ("/query/fts-follows-edits", test_fts_follows_edits);
  g_test_add_func ("/query/search-by-date", test_search_by_date);
  g_test_add_func ("/query/filters", test_filters);
  g_test_add_func ("/query/sorting", test_sorting);
  g_test_add_func ("/query/relevance-and-paging", test_relevance_and_paging);
  g_test_add_func ("/query/relevance-order", test_relevance_order);
  g_test_add_func ("/query/signals", test_query_signals);

  return g_test_run ();
}
