/* test-cli.c — the `amw` command line: --version, --import, --export and its filters */
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "amw-config.h"
#include "amw-message.h"
#include "amw-test-utils.h"

static char *tmpdir;

/* The data (heap) a run of amw may use, 0 for no limit: a command that reads without
 * bound then fails at the limit instead of taking the machine's memory. */
static rlim_t memory_limit;

static void
limit_memory (gpointer data)
{
  struct rlimit limit = { memory_limit, memory_limit };

  if (memory_limit > 0)
    setrlimit (RLIMIT_DATA, &limit);
}

typedef struct {
  int   status;  /* exit status, or -1 when killed */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs $AMW_BINARY with the NULL-terminated arguments, without a display. */
static void
run_amw (Run        *run,
         const char *first,
         ...)
{
  const char *binary = g_getenv ("AMW_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (tmpdir, "xdg-data", NULL);
  g_autofree char *config_home = g_build_filename (tmpdir, "xdg-config", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *shown_command = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  /* Never the editor's real database, even if a test forgot --db. */
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  run->out = NULL;
  run->err = NULL;
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, limit_memory, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  command = g_strjoinv (" ", (char **) argv->pdata + 1);
  /* Escaped and cut: a test's arguments may hold newlines and 100 000 characters, which
   * would break the TAP stream. */
  shown_command = amw_message_escape (command, -1, 300);
  g_test_message ("amw %s → %d\nstdout: %s\nstderr: %s", shown_command, run->status, run->out,
                  run->err);
}

/* stderr is exactly one line "amw: …" and the exit status is an ordinary failure. */
static void
assert_one_line_failure (Run *run)
{
  gsize length = strlen (run->err);

  g_assert_cmpint (run->status, >, 0);
  g_assert_true (g_str_has_prefix (run->err, "amw: "));
  g_assert_cmpuint (length, >, strlen ("amw: \n"));
  g_assert_true (run->err[length - 1] == '\n');
  g_assert_true (strchr (run->err, '\n') == run->err + length - 1);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
assert_valid_export (const char *path)
{
  g_autofree char *output = NULL;

  if (!amw_test_validate_export (path, &output))
    {
      g_printerr ("%s", output);
      g_test_message ("schema validation of %s failed:\n%s", path, output);
      g_test_fail ();
    }
}

static JsonParser *
parse_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return parser;
}

static JsonArray *
articles_of (JsonParser *parser)
{
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
}

/* A database holding the sample, imported through the command line. */
static char *
make_sample_db (const char *name)
{
  g_autofree char *sample = amw_test_sample_path ();
  g_auto(Run) run = { 0 };
  char *db = temp_path (name);

  run_amw (&run, "--db", db, "--create", "--import", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "50 new"));
  return db;
}

/* ---- predicates over exported and sample articles ---- */

typedef gboolean (*ArticlePredicate) (JsonObject *article);

static gboolean
array_has_string (JsonArray  *array,
                  const char *member,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text = member != NULL
                         ? json_object_get_string_member (json_node_get_object (node), member)
                         : json_node_get_string (node);

      if (g_ascii_strcasecmp (text, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_published (JsonObject *article)
{
  return g_str_equal (json_object_get_string_member (article, "status"), "published");
}

static gboolean
is_tagged_funding (JsonObject *article)
{
  return array_has_string (json_object_get_array_member (article, "tags"), NULL, "funding");
}

static gboolean
is_about_openai (JsonObject *article)
{
  return array_has_string (json_object_get_array_member (article, "companies"), "id", "openai");
}

static gboolean
is_since_may (JsonObject *article)
{
  return strcmp (json_object_get_string_member (article, "published"), "2026-05-01") >= 0;
}

/* Ids of the articles of @parser for which @predicate holds (all when NULL). */
static GPtrArray *
select_ids (JsonParser       *parser,
            ArticlePredicate  predicate)
{
  JsonArray *articles = articles_of (parser);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);

      if (predicate == NULL || predicate (article))
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (article, "id")));
    }
  return ids;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_same_ids (GPtrArray *actual,
                 GPtrArray *expected)
{
  g_ptr_array_sort (actual, compare_strings);
  g_ptr_array_sort (expected, compare_strings);
  for (guint i = 0; i < MIN (actual->len, expected->len); i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (actual->len, ==, expected->len);
}

/* ---- 1. --version ---- */

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_amw (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* AMW_VERSION is meson.build's project version. */
  g_assert_cmpstr (run.out, ==, "amw " AMW_VERSION "\n");
}

/* ---- 2. import and export ---- */

static void
test_import_export (void)
{
  g_autofree char *db = make_sample_db ("import-export.db");
  g_autofree char *out = temp_path ("import-export.json");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) sample_ids = NULL;
  g_autoptr(JsonParser) sample = NULL;
  g_autofree char *sample_path = amw_test_sample_path ();
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };

  run_amw (&run, "--db", db, "--export", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "50 articles"));
  assert_valid_export (out);

  parser = parse_file (out);
  sample = parse_file (sample_path);
  exported = select_ids (parser, NULL);
  sample_ids = select_ids (sample, NULL);
  assert_same_ids (exported, sample_ids);

  /* A second import of the same file updates every record and adds none. */
  run_amw (&again, "--db", db, "--import", sample_path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 new and 50 updated articles"));
}

/* ---- 3. export filters ---- */

typedef struct {
  const char       *name;
  const char       *args[3];
  ArticlePredicate  predicate;
  const char       *kind;
} FilterCase;

static void
test_export_filters (void)
{
  static const FilterCase cases[] = {
    { "published", { "--published", NULL }, is_published, "published" },
    { "tag", { "--tag", "funding", NULL }, is_tagged_funding, "query" },
    { "company", { "--company", "openai", NULL }, is_about_openai, "query" },
    { "since", { "--since", "2026-05-01", NULL }, is_since_may, "query" },
  };
  g_autofree char *db = make_sample_db ("filters.db");
  g_autofree char *sample_path = amw_test_sample_path ();
  g_autoptr(JsonParser) sample = parse_file (sample_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("filter-%s.json", cases[i].name);
      g_autofree char *out = temp_path (name);
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GPtrArray) got = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_auto(Run) run = { 0 };
      JsonArray *articles;
      JsonObject *selection;

      if (cases[i].args[1] == NULL)
        run_amw (&run, "--db", db, "--export", out, cases[i].args[0], NULL);
      else
        run_amw (&run, "--db", db, "--export", out, cases[i].args[0], cases[i].args[1], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      assert_valid_export (out);

      parser = parse_file (out);
      articles = articles_of (parser);
      for (guint j = 0; j < json_array_get_length (articles); j++)
        g_assert_true (cases[i].predicate (json_array_get_object_element (articles, j)));
      selection = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "selection");
      g_assert_cmpstr (json_object_get_string_member (selection, "kind"), ==, cases[i].kind);

      /* Exactly the sample's articles that match, no more and no fewer. */
      got = select_ids (parser, NULL);
      expected = select_ids (sample, cases[i].predicate);
      g_assert_cmpuint (expected->len, >, 0);
      g_assert_cmpuint (expected->len, <, 50);
      assert_same_ids (got, expected);
    }
}

static gboolean
collect_id_cb (AmwArticle  *article,
               gpointer     user_data,
               GError     **error)
{
  g_ptr_array_add (user_data, g_strdup (article->id));
  return TRUE;
}

static void
test_export_search (void)
{
  g_autofree char *db = make_sample_db ("search.db");
  g_autofree char *out = temp_path ("search.json");
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *articles;

  run_amw (&run, "--db", db, "--export", out, "--search", "openai", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_valid_export (out);
  parser = parse_file (out);
  articles = articles_of (parser);
  g_assert_cmpuint (json_array_get_length (articles), >, 0);
  g_assert_cmpuint (json_array_get_length (articles), <, 50);

  /* Every hit mentions OpenAI in the searched text. */
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);
      g_autofree char *text = g_strjoin (" ", json_object_get_string_member (article, "title"),
                                         json_object_get_string_member (article, "summary"),
                                         json_object_get_string_member (article, "amw_read"), NULL);
      g_autofree char *folded = g_ascii_strdown (text, -1);

      g_assert_nonnull (strstr (folded, "openai"));
    }

  /* The same articles as the store's own search. */
  amw_query_set_search (query, "openai");
  amw_store_foreach_article (store, query, collect_id_cb, expected, &error);
  g_assert_no_error (error);
  got = select_ids (parser, NULL);
  assert_same_ids (got, expected);
}

/* ---- 4. refused imports ---- */

static char *
broken_sample_syntax (guint *line)
{
  g_autofree char *sample_path = amw_test_sample_path ();
  g_autofree char *text = NULL;
  GString *broken;
  const char *anchor = "\"connections\": []";
  const char *at;

  g_assert_true (g_file_get_contents (sample_path, &text, NULL, NULL));
  at = strstr (text, anchor);
  g_assert_nonnull (at);
  *line = 1;
  for (const char *p = text; p < at; p++)
    *line += *p == '\n';
  broken = g_string_new_len (text, at - text);
  g_string_append (broken, "\"connections\": [,]");
  g_string_append (broken, at + strlen (anchor));
  return g_string_free (broken, FALSE);
}

static char *
broken_sample_significance (void)
{
  g_autofree char *sample_path = amw_test_sample_path ();
  g_autoptr(JsonParser) parser = parse_file (sample_path);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *article = json_array_get_object_element (articles_of (parser), 0);

  json_object_set_int_member (json_object_get_object_member (article, "ratings"), "significance", 0);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static void
test_import_refused (void)
{
  g_autofree char *db = make_sample_db ("refused.db");
  g_autofree char *bad = temp_path ("bad.json");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = amw_test_file_digest (db);
  g_autofree char *after_syntax = NULL;
  g_autofree char *after_content = NULL;
  g_auto(Run) syntax = { 0 };
  g_auto(Run) content = { 0 };
  guint line = 0;

  text = broken_sample_syntax (&line);
  g_assert_true (g_file_set_contents (bad, text, -1, NULL));
  run_amw (&syntax, "--db", db, "--import", bad, NULL);
  assert_one_line_failure (&syntax);
  expected = g_strdup_printf ("amw: %s:%u:", bad, line);
  g_assert_true (g_str_has_prefix (syntax.err, expected));
  g_assert_true (g_ascii_isdigit (syntax.err[strlen (expected)]));
  g_assert_cmpstr (syntax.out, ==, "");
  after_syntax = amw_test_file_digest (db);
  g_assert_cmpstr (after_syntax, ==, before);

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = broken_sample_significance ();
  g_assert_true (g_file_set_contents (bad, text, -1, NULL));
  run_amw (&content, "--db", db, "--import", bad, NULL);
  assert_one_line_failure (&content);
  expected = g_strdup_printf ("amw: %s: articles[0].ratings.significance: must be 1–5 or null", bad);
  g_assert_true (g_str_has_prefix (content.err, expected));
  g_assert_cmpstr (content.out, ==, "");
  after_content = amw_test_file_digest (db);
  g_assert_cmpstr (after_content, ==, before);
}

/* Files no import should read whole: /dev/zero is refused at its first byte, a file over
 * the limit (sparse: no disk used) before reading. Both within 256 MiB of memory, in one
 * line naming the file, and the database is untouched. The sanitizers reserve far more
 * address space than that, so the limit is left out under them. */
static void
test_import_unbounded (void)
{
  g_autofree char *db = make_sample_db ("unbounded.db");
  g_autofree char *huge = temp_path ("huge.json");
  g_autofree char *before = amw_test_file_digest (db);
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) zero = { 0 };
  g_auto(Run) large = { 0 };
  int fd;

  if (g_getenv ("ASAN_OPTIONS") == NULL)
    memory_limit = 256 * 1024 * 1024;
  run_amw (&zero, "--db", db, "--import", "/dev/zero", NULL);
  assert_one_line_failure (&zero);
  g_assert_true (g_str_has_prefix (zero.err, "amw: /dev/zero:1:1: "));

  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, ((off_t) 1 << 30) + 1), ==, 0);
  close (fd);
  run_amw (&large, "--db", db, "--import", huge, NULL);
  memory_limit = 0;
  assert_one_line_failure (&large);
  expected = g_strdup_printf ("amw: %s: the file is larger than 1024 MiB", huge);
  g_assert_true (g_str_has_prefix (large.err, expected));
  g_assert_cmpint (g_unlink (huge), ==, 0);

  after = amw_test_file_digest (db);
  g_assert_cmpstr (after, ==, before);
}

/* ---- 5. bad options ---- */

static void
test_bad_options (void)
{
  g_autofree char *db = temp_path ("options.db");
  g_autofree char *out = temp_path ("options.json");
  g_auto(Run) since = { 0 };
  g_auto(Run) search = { 0 };

  run_amw (&since, "--db", db, "--export", out, "--since", "notadate", NULL);
  assert_one_line_failure (&since);
  g_assert_nonnull (strstr (since.err, "--since"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  run_amw (&search, "--db", db, "--search", "x", NULL);
  assert_one_line_failure (&search);
  g_assert_nonnull (strstr (search.err, "--search"));
  g_assert_nonnull (strstr (search.err, "--export"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* An empty file name (an unset variable) names nothing: refused before anything opens. */
  {
    g_auto(Run) empty_db = { 0 };
    g_auto(Run) empty_import = { 0 };
    g_auto(Run) empty_export = { 0 };

    run_amw (&empty_db, "--db", "", "--export", out, NULL);
    run_amw (&empty_import, "--db", db, "--import", "", "--create", NULL);
    run_amw (&empty_export, "--db", db, "--export", "", NULL);
    assert_one_line_failure (&empty_db);
    assert_one_line_failure (&empty_import);
    assert_one_line_failure (&empty_export);
    g_assert_cmpstr (empty_db.err, ==, "amw: --db: expected a file name\n");
    g_assert_cmpstr (empty_import.err, ==, "amw: --import: expected a file name\n");
    g_assert_cmpstr (empty_export.err, ==, "amw: --export: expected a file name\n");
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

/* ---- 6. a file that is not a database ---- */

static void
test_not_a_database (void)
{
  g_autofree char *db = temp_path ("notes.txt");
  g_autofree char *out = temp_path ("not-db.json");
  g_autofree char *sample = amw_test_sample_path ();
  const char *contents = "Shopping list\n- coffee\n- more coffee\n";
  const char * const sidecars[] = { "-wal", "-shm", "-journal" };
  g_autofree char *after = NULL;
  g_auto(Run) export = { 0 };
  g_auto(Run) import = { 0 };

  g_assert_true (g_file_set_contents (db, contents, -1, NULL));

  run_amw (&export, "--db", db, "--export", out, NULL);
  assert_one_line_failure (&export);
  g_assert_nonnull (strstr (export.err, "not an AMW Desk database"));
  g_assert_nonnull (strstr (export.err, db));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  run_amw (&import, "--db", db, "--import", sample, NULL);
  assert_one_line_failure (&import);
  g_assert_nonnull (strstr (import.err, "not an AMW Desk database"));

  g_assert_true (g_file_get_contents (db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, contents);
  /* No journal or WAL was started beside it either. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (db, sidecars[i], NULL);

      g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
    }
}

/* A damaged database too large for amw_store_open () to check (the window checks it in
 * the background): an import checks it first and refuses it, writing nothing. The damage
 * is in a page the import itself would never read, so only the check can find it. */
static void
test_large_damaged_database (void)
{
  g_autofree char *db = temp_path ("large-damaged.db");
  g_autofree char *one = temp_path ("one-article.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  const char * const sidecars[] = { "-wal", "-shm", "-journal" };

  if (!amw_test_make_large_damaged_db (db))
    {
      g_test_skip ("this SQLite has no dbstat table to find an overflow page with");
      return;
    }
  amw_test_write_one_article (one);
  before = amw_test_file_digest (db);

  run_amw (&import, "--db", db, "--import", one, NULL);
  assert_one_line_failure (&import);
  g_assert_nonnull (strstr (import.err, db));
  g_assert_nonnull (strstr (import.err, "is damaged"));
  g_assert_cmpstr (import.out, ==, "");

  after = amw_test_file_digest (db);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (db, sidecars[i], NULL);

      g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
    }

  /* An export checks too: it would read the damage as missing or wrong records. */
  {
    g_autofree char *target = temp_path ("large-damaged.json");
    g_autofree char *contents = NULL;
    g_auto(Run) export = { 0 };

    g_assert_true (g_file_set_contents (target, "previous", -1, NULL));
    run_amw (&export, "--db", db, "--export", target, NULL);
    assert_one_line_failure (&export);
    g_assert_nonnull (strstr (export.err, "is damaged"));
    g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "previous");
    g_free (after);
    after = amw_test_file_digest (db);
    g_assert_cmpstr (after, ==, before);
  }
}

/* ---- 7. the export target ---- */

/* stderr is one line naming @path, @path's bytes are what they were, the database unharmed. */
static void
assert_target_refused (Run        *run,
                       const char *db,
                       const char *db_digest,
                       const char *path)
{
  g_autofree char *after = amw_test_file_digest (db);

  assert_one_line_failure (run);
  g_assert_nonnull (strstr (run->err, path));
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (after, ==, db_digest);
}

/* `--export` to the database, by any name, is refused: it would replace it with JSON. */
static void
test_export_not_over_database (void)
{
  g_autofree char *db = make_sample_db ("target.db");
  g_autofree char *digest = amw_test_file_digest (db);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *dotted = g_build_filename (tmpdir, ".", "target.db", NULL);
  g_autofree char *sub = temp_path ("target-sub");
  g_autofree char *up = g_build_filename (sub, "..", "target.db", NULL);
  g_autofree char *hard = temp_path ("target-hard.json");
  g_autofree char *soft = temp_path ("target-soft.json");
  const char *targets[] = { db, wal, shm, dotted, up, hard, soft };
  g_auto(Run) check = { 0 };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);
  g_assert_cmpint (symlink ("target.db", soft), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_auto(Run) run = { 0 };

      run_amw (&run, "--db", db, "--export", targets[i], NULL);
      assert_target_refused (&run, db, digest, targets[i]);
      g_assert_nonnull (strstr (run.err, "database"));
    }
  /* No JSON was left as a -wal or -shm either, and the database still reads. */
  for (guint i = 1; i < 3; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (targets[i], &text, NULL, NULL))
        g_assert_false (g_str_has_prefix (text, "{"));
    }
  run_amw (&check, "--db", db, "--export", "-", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_true (g_str_has_prefix (check.out, "{"));
  g_assert_nonnull (strstr (check.err, "50 articles"));
}

/* `--export -` and /dev/stdout write the JSON to standard output, and only the JSON:
 * the message goes to stderr. */
static void
test_export_stdout (void)
{
  g_autofree char *db = make_sample_db ("stdout.db");
  g_autofree char *file = temp_path ("stdout.json");
  g_autofree char *link_path = temp_path ("stdout-link.json");
  g_autofree char *expected = NULL;
  g_auto(Run) to_file = { 0 };
  g_auto(Run) dash = { 0 };
  g_auto(Run) dev = { 0 };
  g_auto(Run) linked = { 0 };
  g_auto(Run) both = { 0 };
  g_autofree char *sample = amw_test_sample_path ();
  struct stat st;

  run_amw (&to_file, "--db", db, "--export", file, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_true (g_file_get_contents (file, &expected, NULL, NULL));

  run_amw (&dash, "--db", db, "--export", "-", NULL);
  g_assert_cmpint (dash.status, ==, 0);
  g_assert_cmpstr (dash.out, ==, expected);
  g_assert_cmpstr (dash.err, ==, "Exported 50 articles to standard output\n");
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));

  /* A link to /dev/stdout: written through, the link stays. */
  g_assert_cmpint (symlink ("/dev/stdout", link_path), ==, 0);
  run_amw (&linked, "--db", db, "--export", link_path, NULL);
  g_assert_cmpint (linked.status, ==, 0);
  g_assert_cmpstr (linked.out, ==, expected);
  g_assert_nonnull (strstr (linked.err, "Exported 50 articles"));
  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  if (g_file_test ("/dev/stdout", G_FILE_TEST_EXISTS))
    {
      run_amw (&dev, "--db", db, "--export", "/dev/stdout", NULL);
      g_assert_cmpint (dev.status, ==, 0);
      g_assert_cmpstr (dev.out, ==, expected);
      g_assert_nonnull (strstr (dev.err, "Exported 50 articles"));
    }

  /* With an import first: its report goes to stderr too. */
  run_amw (&both, "--db", db, "--import", sample, "--export", "-", NULL);
  g_assert_cmpint (both.status, ==, 0);
  g_assert_cmpstr (both.out, ==, expected);
  g_assert_nonnull (strstr (both.err, "0 new and 50 updated articles"));
}

/* Character devices stay devices: /dev/null takes the export, /dev/full says the disk is
 * full in one line. */
static void
test_export_devices (void)
{
  g_autofree char *db = make_sample_db ("devices.db");
  g_auto(Run) null = { 0 };
  g_auto(Run) full = { 0 };
  struct stat st;

  if (!g_file_test ("/dev/null", G_FILE_TEST_EXISTS) || !g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/null or /dev/full");
      return;
    }
  run_amw (&null, "--db", db, "--export", "/dev/null", NULL);
  g_assert_cmpint (null.status, ==, 0);
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  run_amw (&full, "--db", db, "--export", "/dev/full", NULL);
  assert_one_line_failure (&full);
  g_assert_cmpstr (full.err, ==, "amw: Could not write /dev/full: the disk is full\n");
  g_assert_cmpint (stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* An existing target's permissions stay, and a link to it stays a link. */
static void
test_export_keeps_target (void)
{
  g_autofree char *db = make_sample_db ("keeps.db");
  g_autofree char *out = temp_path ("keeps.json");
  g_autofree char *link_path = temp_path ("keeps-link.json");
  g_auto(Run) run = { 0 };
  struct stat st;

  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_assert_cmpint (g_chmod (out, 0600), ==, 0);
  g_assert_cmpint (symlink ("keeps.json", link_path), ==, 0);
  run_amw (&run, "--db", db, "--export", link_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_valid_export (out);
  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* ---- 8. no database made by mistake ---- */

static void
test_missing_database (void)
{
  g_autofree char *folder = temp_path ("missing-folder");
  g_autofree char *db = g_build_filename (folder, "sub", "amw.db", NULL);
  g_autofree char *plain = temp_path ("missing.db");
  g_autofree char *out = temp_path ("missing.json");
  g_autofree char *created_folder = temp_path ("created-folder");
  g_autofree char *created = g_build_filename (created_folder, "sub", "amw.db", NULL);
  g_autofree char *sample = amw_test_sample_path ();
  g_autofree char *contents = NULL;
  g_auto(Run) export = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) create = { 0 };
  g_auto(Run) create_alone = { 0 };
  g_auto(Run) export_created = { 0 };

  g_assert_true (g_file_set_contents (out, "previous", -1, NULL));

  /* --export never makes a database: an error naming it, nothing made, the target kept. */
  run_amw (&export, "--db", db, "--export", out, NULL);
  assert_one_line_failure (&export);
  g_assert_nonnull (strstr (export.err, db));
  g_assert_nonnull (strstr (export.err, "does not exist"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");

  /* --import only with --create. */
  run_amw (&import, "--db", plain, "--import", sample, NULL);
  assert_one_line_failure (&import);
  g_assert_nonnull (strstr (import.err, plain));
  g_assert_nonnull (strstr (import.err, "does not exist"));
  g_assert_nonnull (strstr (import.err, "--create"));
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));

  run_amw (&create_alone, "--db", plain, "--create", NULL);
  g_assert_cmpint (create_alone.status, ==, 2);
  g_assert_nonnull (strstr (create_alone.err, "--create"));
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));

  run_amw (&create, "--db", created, "--create", "--import", sample, NULL);
  g_assert_cmpint (create.status, ==, 0);
  g_assert_nonnull (strstr (create.out, "50 new"));
  run_amw (&export_created, "--db", created, "--export", out, NULL);
  g_assert_cmpint (export_created.status, ==, 0);
  assert_valid_export (out);
}

/* A --tag or --company that names nothing is a typo: an error naming it, the target kept.
 * Tags compare as the filter does, regardless of case. */
static void
test_unknown_filters (void)
{
  g_autofree char *db = make_sample_db ("unknown.db");
  g_autofree char *out = temp_path ("unknown.json");
  g_auto(Run) tag = { 0 };
  g_auto(Run) company = { 0 };
  g_auto(Run) upper = { 0 };
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (out, "previous", -1, NULL));
  run_amw (&tag, "--db", db, "--export", out, "--tag", "funding", "--tag", "no-such-tag", NULL);
  assert_one_line_failure (&tag);
  g_assert_nonnull (strstr (tag.err, "--tag"));
  g_assert_nonnull (strstr (tag.err, "no-such-tag"));

  run_amw (&company, "--db", db, "--export", out, "--company", "no-such-company", NULL);
  assert_one_line_failure (&company);
  g_assert_nonnull (strstr (company.err, "--company"));
  g_assert_nonnull (strstr (company.err, "no-such-company"));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");

  run_amw (&upper, "--db", db, "--export", out, "--tag", "FUNDING", NULL);
  g_assert_cmpint (upper.status, ==, 0);
  assert_valid_export (out);
}

/* A search made of punctuation only would have been no filter at all: refused. */
static void
test_search_without_words (void)
{
  static const char * const searches[] = { "*", "\"", ")))", "-", "\"\"", "", " -- " };
  g_autofree char *db = make_sample_db ("no-words.db");
  g_autofree char *out = temp_path ("no-words.json");

  g_assert_true (g_file_set_contents (out, "previous", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *option = g_strconcat ("--search=", searches[i], NULL);
      g_autofree char *expected = g_strdup_printf ("amw: --search: “%s” has no words to search for\n",
                                                   searches[i]);
      g_autofree char *contents = NULL;
      g_auto(Run) run = { 0 };

      run_amw (&run, "--db", db, "--export", out, option, NULL);
      assert_one_line_failure (&run);
      g_assert_cmpstr (run.err, ==, expected);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "previous");
    }
}

/* ---- 8. odd paths ---- */

/* No control character of a path reaches the terminal: each is shown escaped. */
static void
assert_no_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n')
      g_assert_false (g_ascii_iscntrl (*p));
}

/* Paths an editor really types or a script makes: spaces, accents, a leading dash, a folder,
 * escape sequences and newlines in a name. Odd names work; every refusal is one line that
 * names the path with its control characters escaped. */
static void
test_odd_paths (void)
{
  g_autofree char *sample = amw_test_sample_path ();
  g_autofree char *odd_db = temp_path ("-Desk état 2026.db");
  g_autofree char *odd_out = temp_path ("-export été.json");
  g_autofree char *hostile_db = temp_path ("evil\033[2J\033]0;owned\007\nname.db");
  g_autofree char *hostile_out = temp_path ("no-such-folder\033[31m/out\n.json");
  g_autofree char *contents = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) folder = { 0 };
  g_auto(Run) no_folder = { 0 };

  run_amw (&import, "--db", odd_db, "--create", "--import", sample, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_amw (&export, "--db", odd_db, "--export", odd_out, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.out, "Exported 50 articles"));
  g_assert_true (g_file_get_contents (odd_out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{"));
  assert_valid_export (odd_out);

  run_amw (&missing, "--db", hostile_db, "--export", odd_out, NULL);
  assert_one_line_failure (&missing);
  assert_no_control_characters (missing.err);
  g_assert_nonnull (strstr (missing.err, "evil\\u001b[2J\\u001b]0;owned\\u0007\\nname.db does not exist"));
  g_assert_false (g_file_test (hostile_db, G_FILE_TEST_EXISTS));

  run_amw (&folder, "--db", tmpdir, "--export", odd_out, NULL);
  assert_one_line_failure (&folder);
  g_assert_nonnull (strstr (folder.err, "is a folder, not an AMW Desk database"));

  run_amw (&no_folder, "--db", odd_db, "--export", hostile_out, NULL);
  assert_one_line_failure (&no_folder);
  assert_no_control_characters (no_folder.err);
  /* The target the editor named, not only its folder. */
  g_assert_nonnull (strstr (no_folder.err, "no-such-folder\\u001b[31m/out\\n.json"));

  /* A filter value is quoted escaped and cut, however long. */
  {
    g_autofree char *long_tag = g_strnfill (100000, 'x');
    g_autofree char *hostile_tag = g_strconcat ("\033[2J\n", long_tag, NULL);
    g_auto(Run) tag = { 0 };

    run_amw (&tag, "--db", odd_db, "--export", odd_out, "--tag", hostile_tag, NULL);
    assert_one_line_failure (&tag);
    assert_no_control_characters (tag.err);
    g_assert_nonnull (strstr (tag.err, "“\\u001b[2J\\nxxx"));
    g_assert_cmpuint (strlen (tag.err), <, strlen (odd_db) + 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmpdir = amw_test_make_tmpdir ();

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/import-export", test_import_export);
  g_test_add_func ("/cli/export-filters", test_export_filters);
  g_test_add_func ("/cli/export-search", test_export_search);
  g_test_add_func ("/cli/import-refused", test_import_refused);
  g_test_add_func ("/cli/import-unbounded", test_import_unbounded);
  g_test_add_func ("/cli/bad-options", test_bad_options);
  g_test_add_func ("/cli/not-a-database", test_not_a_database);
  g_test_add_func ("/cli/large-damaged-database", test_large_damaged_database);
  g_test_add_func ("/cli/export-not-over-database", test_export_not_over_database);
  g_test_add_func ("/cli/export-stdout", test_export_stdout);
  g_test_add_func ("/cli/export-devices", test_export_devices);
  g_test_add_func ("/cli/export-keeps-target", test_export_keeps_target);
  g_test_add_func ("/cli/missing-database", test_missing_database);
  g_test_add_func ("/cli/unknown-filters", test_unknown_filters);
  g_test_add_func ("/cli/search-without-words", test_search_without_words);
  g_test_add_func ("/cli/odd-paths", test_odd_paths);

  status = g_test_run ();
  amw_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
