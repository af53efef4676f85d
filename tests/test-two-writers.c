/* test-two-writers.c — another program writes the database while AMW Desk has it open.
 *
 * The other program is the sqlite3 command-line shell ($AMW_SQLITE3, from the Debian
 * package sqlite3):
 *   1. it retitles an article and links a tag: the store notices
 *      (amw_store_check_external_changes), an article list shows the new title after its
 *      refresh, and the store's own next edit succeeds and is seen by the shell;
 *   2. it holds the write lock (BEGIN IMMEDIATE, then sleeps a second): an edit by the
 *      store waits for it (busy_timeout) instead of failing, and both changes are kept. */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "amw-test-utils.h"

#define ARTICLE "anthropic-discontinues-mythos-class-claude-5"

typedef struct {
  char     *dir;
  char     *db;
  AmwStore *store;
} Fixture;

static const char *
sqlite3_shell (void)
{
  const char *shell = g_getenv ("AMW_SQLITE3");

  return shell != NULL && shell[0] != '\0' ? shell : NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = amw_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = amw_test_open_sample_file (fixture->db, "Test Editor");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  amw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* Runs the shell on @db with @sql on its standard input; returns its standard output. */
static char *
run_shell (const char *db,
           const char *sql)
{
  const char *argv[] = { sqlite3_shell (), "-batch", "-bail", "-cmd", ".timeout 5000", db, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, sql, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("sqlite3 failed on “%s”: %s", sql, err);
  g_assert_cmpstr (err, ==, "");
  return g_steal_pointer (&out);
}

static gboolean
skip_without_shell (void)
{
  if (sqlite3_shell () != NULL)
    return FALSE;
  g_test_skip ("the sqlite3 shell is not installed (Debian package sqlite3)");
  return TRUE;
}

typedef struct {
  guint n_changed;
  guint flags;
} ChangeRecord;

static void
on_store_changed (AmwStore     *store,
                  guint         flags,
                  ChangeRecord *record)
{
  record->n_changed++;
  record->flags |= flags;
}

/* The position of @id in @model, or -1. */
static gint
find_article (GListModel *model,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AmwArticleItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (amw_article_item_get_id (item), id))
        return (gint) i;
    }
  return -1;
}

static void
test_external_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = NULL;
  g_autoptr(AmwArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  ChangeRecord record = { 0 };
  gint position;

  if (skip_without_shell ())
    return;

  /* An article list showing the article, loaded before the other program writes. */
  list = amw_article_list_new (fixture->store, query);
  position = find_article (G_LIST_MODEL (list), ARTICLE);
  g_assert_cmpint (position, >=, 0);
  {
    g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);
    g_assert_cmpstr (amw_article_item_get_title (item), !=, "Retitled by another program");
  }
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed), &record);
  g_assert_false (amw_store_check_external_changes (fixture->store));

  g_free (run_shell (fixture->db,
                     "UPDATE articles SET title = 'Retitled by another program' WHERE id = '" ARTICLE "';\n"
                     "INSERT INTO tags (name) VALUES ('from-the-shell');\n"
                     "INSERT INTO article_tags (article, tag, position)\n"
                     "  SELECT a.pk, t.pk, 99 FROM articles a, tags t\n"
                     "  WHERE a.id = '" ARTICLE "' AND t.name = 'from-the-shell';\n"));

  /* Noticed once, announced as external. */
  g_assert_true (amw_store_check_external_changes (fixture->store));
  g_assert_false (amw_store_check_external_changes (fixture->store));
  g_assert_cmpuint (record.n_changed, ==, 1);
  g_assert_true (record.flags & AMW_CHANGE_EXTERNAL);

  /* The list shows the new title (it refreshed on ::changed), without an error. */
  g_assert_null (amw_paged_list_get_error (list));
  position = find_article (G_LIST_MODEL (list), ARTICLE);
  g_assert_cmpint (position, >=, 0);
  {
    g_autoptr(AmwArticleItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);
    g_assert_cmpstr (amw_article_item_get_title (item), ==, "Retitled by another program");
  }
  /* Search finds it by the new word too (the FTS index followed the other program). */
  amw_query_set_search (query, "Retitled");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_null (amw_paged_list_get_error (list));

  article = amw_store_get_article (fixture->store, ARTICLE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Retitled by another program");
  g_assert_true (g_ptr_array_find_with_equal_func (article->tags, "from-the-shell", g_str_equal, NULL));

  /* The store's own edit afterwards works, and the other program sees it. */
  g_assert_true (amw_store_set_article_field (fixture->store, ARTICLE, AMW_FIELD_TITLE,
                                              "Edited in AMW Desk", &error));
  g_assert_no_error (error);
  g_assert_false (amw_store_check_external_changes (fixture->store));
  seen = run_shell (fixture->db, "SELECT title FROM articles WHERE id = '" ARTICLE "';\n");
  g_assert_cmpstr (seen, ==, "Edited in AMW Desk\n");
  g_signal_handlers_disconnect_by_data (fixture->store, &record);
}

/* True while some connection holds the write lock of @db. */
static gboolean
write_locked (const char *db)
{
  sqlite3 *probe = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db, &probe, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (probe, 0);
  rc = sqlite3_exec (probe, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (probe, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (probe);
  return (rc & 0xff) == SQLITE_BUSY;
}

static void
test_waits_for_lock (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *argv[] = { sqlite3_shell (), "-batch", "-bail", fixture->db, NULL };
  /* .timeout: the probe below may hold the lock for an instant when the shell asks. */
  const char *script =
    ".timeout 5000\n"
    "BEGIN IMMEDIATE;\n"
    "UPDATE articles SET summary = 'Summary written under the lock' WHERE id = '" ARTICLE "';\n"
    ".shell sleep 1\n"
    "COMMIT;\n";
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwArticle) article = NULL;
  g_autoptr(GOutputStream) input = NULL;
  gint64 deadline, start, waited;

  if (skip_without_shell ())
    return;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                               &error);
  g_assert_no_error (error);
  input = g_object_ref (g_subprocess_get_stdin_pipe (process));
  g_assert_true (g_output_stream_write_all (input, script, strlen (script), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (input, NULL, &error));

  /* Wait until the shell holds the lock. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!write_locked (fixture->db))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }

  /* The store's edit waits for the lock (busy_timeout) and then succeeds. */
  start = g_get_monotonic_time ();
  g_assert_true (amw_store_set_article_field (fixture->store, ARTICLE, AMW_FIELD_TITLE,
                                              "Edited while another program held the lock", &error));
  waited = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("the edit waited %.2f s for the lock", waited / 1e6);
  g_assert_cmpint (waited, >, G_USEC_PER_SEC / 5);

  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);

  /* Both writes are kept. */
  amw_store_check_external_changes (fixture->store);
  article = amw_store_get_article (fixture->store, ARTICLE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Edited while another program held the lock");
  g_assert_cmpstr (article->summary, ==, "Summary written under the lock");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/two-writers/external-edit", Fixture, NULL,
              fixture_set_up, test_external_edit, fixture_tear_down);
  g_test_add ("/two-writers/waits-for-lock", Fixture, NULL,
              fixture_set_up, test_waits_for_lock, fixture_tear_down);
  return g_test_run ();
}
