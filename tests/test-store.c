/* test-store.c — opening, schema, migrations, refusal of foreign files, CRUD, constraints */
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "amw-test-utils.h"

static char *tmpdir;

static void
test_open_memory (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();

  g_assert_true (amw_store_is_empty (store));
  g_assert_false (amw_store_is_read_only (store));
  g_assert_cmpstr (amw_store_get_editor (store), ==, "Test Editor");
}

static gint64
pragma_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (tmpdir, "data", "amw", "amw.db", NULL);
  g_autofree char *path = amw_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  store = amw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_schema_version (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "version.db", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AmwStore) store = amw_store_open (path, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, AMW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (path, "PRAGMA application_id"), ==, 0x414d5744);
  g_assert_cmpint (pragma_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts'"), ==, 1);

  /* Reopening an up-to-date database works and keeps the version. */
  {
    g_autoptr(AmwStore) store = amw_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, AMW_STORE_SCHEMA_VERSION);
}

static char *
pragma_text (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A database made by schema version 1 (tests/data/amw-v1-sample.sql) is upgraded in place:
 * nothing is lost, search works on the new FTS keys, aliases keep their order and the file
 * passes SQLite's checks. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "v1.db", NULL);
  g_autofree char *dump_path = amw_test_source_path ("tests", "data", "amw-v1-sample.sql", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, 1);

  {
    g_autoptr(AmwStore) store = amw_store_open (path, &error);
    g_autoptr(AmwQuery) query = amw_query_new ();
    g_autoptr(AmwQuery) ranked = NULL;
    g_autoptr(AmwCompany) company = NULL;
    g_autoptr(GPtrArray) by_date = NULL;
    g_autoptr(GPtrArray) by_rank = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (amw_store_count_articles (store, NULL, &error), ==, 50);
    amw_query_set_search (query, "anthropic");
    ranked = amw_query_copy (query);
    amw_query_set_sort (ranked, AMW_SORT_RELEVANCE, TRUE);
    by_date = amw_store_fetch_articles (store, query, 0, 100, &error);
    g_assert_no_error (error);
    by_rank = amw_store_fetch_articles (store, ranked, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (by_date->len, >, 2);
    g_assert_cmpuint (by_date->len, ==, by_rank->len);
    g_assert_cmpint (amw_store_count_articles (store, query, &error), ==, by_date->len);

    company = amw_store_get_company (store, "amazon", &error);
    g_assert_no_error (error);
    g_assert_nonnull (company);
    g_assert_cmpuint (company->aliases->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (company->aliases, 0), ==, "AWS");
    g_assert_cmpstr (g_ptr_array_index (company->aliases, 1), ==, "Amazon Web Services");
  }
  g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, AMW_STORE_SCHEMA_VERSION);
  check = pragma_text (path, "PRAGMA quick_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (pragma_int (path, "SELECT count (*) FROM pragma_integrity_check"), ==, 1);
  g_assert_cmpint (pragma_int (path, "SELECT count (*) FROM articles_fts WHERE articles_fts MATCH 'anthropic'"), >, 2);
  /* Every FTS rowid found maps back to its article and is that article's key. */
  g_assert_cmpint (pragma_int (path, "SELECT count (*) FROM articles_fts f JOIN articles a"
                                     " ON a.pk = (f.rowid & 4294967295) AND a.fts_key = f.rowid"
                                     " WHERE articles_fts MATCH 'anthropic'"), ==,
                   pragma_int (path, "SELECT count (*) FROM articles_fts WHERE articles_fts MATCH 'anthropic'"));
  g_assert_cmpint (pragma_int (path, "SELECT count (*) FROM articles"
                                     " WHERE title || summary || amw_read LIKE '%anthropic%'"), ==,
                   pragma_int (path, "SELECT count (*) FROM articles_fts WHERE articles_fts MATCH 'anthropic'"));
}

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_refused (const char *path,
                int         code,
                const char *message_part)
{
  g_autofree char *before = amw_test_file_digest (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, AMW_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  after = amw_test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_newer (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "newer.db", NULL);

  make_sqlite_file (path, "PRAGMA application_id = 1095587652; PRAGMA user_version = 99;"
                          "CREATE TABLE future (x);");
  assert_refused (path, AMW_ERROR_TOO_NEW, "newer AMW Desk");
}

static void
test_refuses_foreign_sqlite (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "foreign.db", NULL);

  make_sqlite_file (path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
  assert_refused (path, AMW_ERROR_NOT_AMW, "another program");
}

static void
test_refuses_non_sqlite (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (path, "These are my notes, not a database.\n", -1, NULL));
  assert_refused (path, AMW_ERROR_NOT_AMW, "not an AMW Desk database");
}

static void
test_article_crud (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwArticle) article = amw_test_make_article ("first-story", "First story", "2026-03-04");
  g_autoptr(AmwCompany) company = amw_company_new ();
  g_autoptr(AmwArticle) read = NULL;
  g_autoptr(GError) error = NULL;

  company->id = g_strdup ("acme-ai");
  company->name = g_strdup ("Acme AI");
  company->status = g_strdup ("active");
  company->description = g_strdup ("");
  company->created_at = g_strdup ("2026-01-01T00:00:00Z");
  company->updated_at = g_strdup ("2026-01-02T00:00:00Z");
  g_ptr_array_add (company->aliases, g_strdup ("Acme"));

  article->url = g_strdup ("https://example.com/first");
  article->novelty = 4;
  g_ptr_array_add (article->tags, g_strdup ("Agents"));
  g_ptr_array_add (article->tags, g_strdup ("chips"));
  g_ptr_array_add (article->areas, amw_pair_new ("Foundation Models", "Case Studies"));
  g_ptr_array_add (article->companies, amw_pair_new ("acme-ai", "subject"));

  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_company (store, company, &error));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_assert_no_error (error);

  read = amw_store_get_article (store, "first-story", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->title, ==, "First story");
  g_assert_cmpstr (read->url, ==, "https://example.com/first");
  g_assert_null (read->source);
  g_assert_cmpint (read->novelty, ==, 4);
  g_assert_cmpint (read->significance, ==, 0);
  g_assert_cmpuint (read->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (read->tags, 0), ==, "Agents");
  g_assert_cmpstr (g_ptr_array_index (read->tags, 1), ==, "chips");
  g_assert_cmpuint (read->areas->len, ==, 1);
  g_assert_cmpstr (((AmwPair *) g_ptr_array_index (read->areas, 0))->second, ==, "Case Studies");
  g_assert_cmpstr (((AmwPair *) g_ptr_array_index (read->companies, 0))->first, ==, "acme-ai");
  g_assert_false (amw_store_is_empty (store));
  g_assert_true (amw_store_has_article (store, "first-story"));
  g_assert_false (amw_store_has_article (store, "second-story"));

  /* Upsert by id updates in place. */
  g_free (article->title);
  article->title = g_strdup ("First story, revised");
  g_assert_true (amw_store_begin (store, &error));
  g_assert_true (amw_store_upsert_article (store, article, &error));
  g_assert_true (amw_store_commit (store, &error));
  g_clear_pointer (&read, amw_article_free);
  read = amw_store_get_article (store, "first-story", &error);
  g_assert_cmpstr (read->title, ==, "First story, revised");

  g_assert_null (amw_store_get_article (store, "missing", &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND);
}

static void
assert_upsert_rejected (AmwArticle *article)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(GError) error = NULL;

  g_test_message ("upserting %s (url %s, status %s, published %s)", article->id, article->url,
                  article->status, article->published);
  g_assert_true (amw_store_begin (store, &error));
  g_assert_false (amw_store_upsert_article (store, article, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  amw_store_rollback (store);
  g_assert_false (amw_store_has_article (store, article->id));
}

static void
test_constraints (void)
{
  g_autoptr(AmwArticle) bad_url = amw_test_make_article ("a", "A", "2026-01-01");
  g_autoptr(AmwArticle) bad_status = amw_test_make_article ("b", "B", "2026-01-01");
  g_autoptr(AmwArticle) bad_date = amw_test_make_article ("c", "C", "2026-02-30");
  g_autoptr(AmwArticle) empty_title = amw_test_make_article ("d", "", "2026-01-01");
  g_autoptr(AmwArticle) unknown_company = amw_test_make_article ("e", "E", "2026-01-01");
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(GError) error = NULL;

  bad_url->url = g_strdup ("javascript:alert(1)");
  assert_upsert_rejected (bad_url);
  g_free (bad_url->url);
  bad_url->url = g_strdup ("file:///etc/passwd");
  assert_upsert_rejected (bad_url);
  g_free (bad_status->status);
  bad_status->status = g_strdup ("deleted");
  assert_upsert_rejected (bad_status);
  assert_upsert_rejected (bad_date);
  assert_upsert_rejected (empty_title);

  g_ptr_array_add (unknown_company->companies, amw_pair_new ("nobody", "subject"));
  g_assert_true (amw_store_begin (store, &error));
  g_assert_false (amw_store_upsert_article (store, unknown_company, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND);
  amw_store_rollback (store);
  g_assert_true (amw_store_is_empty (store));
}

static void
test_sample_records (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = amw_store_get_article (store, "microsoft-openai-next-phase-partnership", &error);
  g_autoptr(AmwCompany) deepseek = amw_store_get_company (store, "deepseek", &error);
  g_autoptr(GPtrArray) tags = amw_store_list_tags (store, &error);
  g_autoptr(GPtrArray) areas = amw_store_list_areas (store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (article->novelty, ==, 3);
  g_assert_cmpint (article->significance, ==, 5);
  g_assert_cmpuint (article->areas->len, ==, 3);
  g_assert_cmpuint (article->connections->len, ==, 5);
  g_assert_cmpuint (deepseek->funding_rounds->len, >=, 1);
  g_assert_cmpstr (((AmwFundingRound *) g_ptr_array_index (deepseek->funding_rounds, 0))->currency, ==, "CNY");
  g_assert_cmpuint (tags->len, >=, 20);
  /* Most used first. */
  g_assert_cmpuint (((AmwTagCount *) g_ptr_array_index (tags, 0))->count, >=,
                    ((AmwTagCount *) g_ptr_array_index (tags, tags->len - 1))->count);
  g_assert_cmpuint (areas->len, ==, 18);
}

/* A file written by another program may hold any amount: two rounds of 2^62 cents sum past
 * 64 bits. The company list still reads (SUM() failed the whole query), the total held at
 * the largest amount, and the rounds read back as written. */
static void
test_extreme_amounts (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "extreme.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AmwCompany) company = NULL;
  sqlite3 *db = NULL;

  store = amw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (amw_import_file (store, sample, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE funding_rounds SET amount_usd_minor = 4611686018427387904,"
                                     " amount_minor = iif (currency IS NULL, NULL, 4611686018427387904),"
                                     " post_money_minor = iif (post_money_currency IS NULL, NULL, 9223372036854775807)"
                                     " WHERE company = (SELECT pk FROM companies WHERE id = 'lumen-forge-labs')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >=, 2);
  sqlite3_close (db);

  for (int descending = 0; descending <= 1; descending++)
    {
      gboolean found = FALSE;

      rows = amw_store_fetch_companies (store, NULL, AMW_COMPANY_SORT_TOTAL_RAISED, descending, 0, 100, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rows);
      g_assert_cmpuint (rows->len, ==, 18);
      for (guint i = 0; i < rows->len; i++)
        {
          AmwCompanyItem *item = g_ptr_array_index (rows, i);

          if (g_str_equal (amw_company_item_get_id (item), "lumen-forge-labs"))
            {
              g_assert_cmpint (amw_company_item_get_total_raised (item), ==, G_MAXINT64);
              /* The largest total sorts first going down. */
              if (descending)
                g_assert_cmpuint (i, ==, 0);
              found = TRUE;
            }
        }
      g_assert_true (found);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

  company = amw_store_get_company (store, "lumen-forge-labs", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (company->funding_rounds->len, >=, 2);
  g_assert_cmpint (((AmwFundingRound *) g_ptr_array_index (company->funding_rounds, 0))->amount_usd_minor, ==,
                   G_GINT64_CONSTANT (4611686018427387904));
}

static void
assert_one_line (const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
  g_assert_cmpuint (strlen (error->message), <, 300);
}

/* A value that comes back in an error (an id, a tag someone typed) is escaped and cut: an
 * escape sequence cannot reach the terminal, a newline cannot split the message. */
static void
test_messages_escape_values (void)
{
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autofree char *long_id = g_strnfill (100000, 'x');
  const char *evil = "evil\x1b[2J\x1b]0;title\x07\nsecond line";
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwCompany) company = NULL;
  g_autoptr(AmwArticle) article = NULL;

  company = amw_store_get_company (store, evil, &error);
  g_assert_null (company);
  assert_one_line (error);
  g_assert_nonnull (strstr (error->message, "“evil\\u001b[2J\\u001b]0;title\\u0007\\nsecond line”"));
  g_clear_error (&error);

  article = amw_store_get_article (store, long_id, &error);
  g_assert_null (article);
  assert_one_line (error);
  g_assert_nonnull (strstr (error->message, "x…”"));
  g_clear_error (&error);

  g_assert_false (amw_store_delete_tag (store, evil, &error));
  assert_one_line (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = amw_test_make_tmpdir ();
  {
    g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open-memory", test_open_memory);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/schema-version", test_schema_version);
  g_test_add_func ("/store/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/refuses-newer", test_refuses_newer);
  g_test_add_func ("/store/refuses-foreign-sqlite", test_refuses_foreign_sqlite);
  g_test_add_func ("/store/refuses-non-sqlite", test_refuses_non_sqlite);
  g_test_add_func ("/store/article-crud", test_article_crud);
  g_test_add_func ("/store/constraints", test_constraints);
  g_test_add_func ("/store/sample-records", test_sample_records);
  g_test_add_func ("/store/extreme-amounts", test_extreme_amounts);
  g_test_add_func ("/store/messages-escape-values", test_messages_escape_values);

  status = g_test_run ();
  amw_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
