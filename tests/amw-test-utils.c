/* amw-test-utils.c — shared fixtures for the core tests */
#include "amw-test-utils.h"

#include <stdarg.h>

#include <glib/gstdio.h>

char *
amw_test_source_path (const char *first,
                      ...)
{
  const char *root = g_getenv ("AMW_SOURCE_ROOT");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_assert_nonnull (root);
  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
amw_test_sample_path (void)
{
  return amw_test_source_path ("data", "sample", "amw-sample.json", NULL);
}

char *
amw_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("amw-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
amw_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          amw_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

AmwStore *
amw_test_open_memory (void)
{
  g_autoptr(GError) error = NULL;
  AmwStore *store = amw_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  amw_store_set_editor (store, "Test Editor");
  return store;
}

AmwStore *
amw_test_open_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = amw_test_sample_path ();
  AmwStore *store = amw_test_open_memory ();

  amw_import_file (store, sample, NULL, &error);
  g_assert_no_error (error);
  return store;
}

AmwArticle *
amw_test_make_article (const char *id,
                       const char *title,
                       const char *published)
{
  AmwArticle *article = amw_article_new ();

  article->id = g_strdup (id);
  article->title = g_strdup (title);
  article->published = g_strdup (published);
  article->status = g_strdup ("draft");
  article->summary = g_strdup ("");
  article->amw_read = g_strdup ("");
  article->created_at = g_strdup ("2026-01-01T00:00:00Z");
  article->updated_at = g_strdup ("2026-01-01T00:00:00Z");
  return article;
}

void
amw_test_add_articles (AmwStore *store,
                       guint     n)
{
  g_autoptr(GError) error = NULL;

  amw_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *id = g_strdup_printf ("gen-%05u", i);
      g_autofree char *title = g_strdup_printf ("Generated story %05u", i);
      g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2025);
      char published[16];
      g_autoptr(AmwArticle) article = NULL;

      g_date_add_days (date, i % 700);
      g_date_strftime (published, sizeof published, "%Y-%m-%d", date);
      article = amw_test_make_article (id, title, published);
      article->novelty = 1 + i % 5;
      g_ptr_array_add (article->tags, g_strdup (i % 2 ? "odd" : "even"));
      amw_store_upsert_article (store, article, &error);
      g_assert_no_error (error);
    }
  amw_store_commit (store, &error);
  g_assert_no_error (error);
}

gboolean
amw_test_validate_export (const char  *path,
                          char       **output)
{
  g_autofree char *script = amw_test_source_path ("tests", "validate-export.py", NULL);
  g_autofree char *schema = amw_test_source_path ("data", "amw-export.schema.json", NULL);
  const char *python = g_getenv ("AMW_PYTHON");
  const char *argv[] = { python ? python : "python3", script, schema, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (status, NULL);
}

char *
amw_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
