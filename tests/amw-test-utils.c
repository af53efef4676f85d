/* amw-test-utils.c — shared fixtures for the core tests */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "amw-test-utils.h"

#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define AMW_TEST_ASAN 1
#include <link.h>
#include <sanitizer/lsan_interface.h>
/* compiler-rt's allocator_interface.h, which GCC 12 does not install. */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);
#endif

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

/* GLib 2.74 leaks its quark table's block each time the table grows, every 2048 quarks
 * (gquark.c: "This leaks the old quarks array"); later GLib marks that block with
 * __lsan_ignore_object itself. A GUI test passes 2048 quarks (test-window: 2054), so
 * LeakSanitizer may report the first block, 16 KiB allocated by GLib's constructor
 * (g_quark_init). LSan's fast unwinder stops at g_malloc in Debian's GLib (no frame
 * pointers), so no suppression can name that block without hiding every g_malloc leak
 * of ours. While it is still the table, find GLib's pointer to it in GLib's writable
 * data and do what later GLib does. */
#ifdef AMW_TEST_ASAN
static int
ignore_quark_block_cb (struct dl_phdr_info *info,
                       size_t               size,
                       void                *data)
{
  const char *first = g_quark_to_string (1);

  if (strstr (info->dlpi_name, "/libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum && first != NULL; i++)
    {
      const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
      const char * const * const *words = (gpointer) (info->dlpi_addr + segment->p_vaddr);

      if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W))
        continue;
      for (gsize j = 0; j < segment->p_memsz / sizeof *words; j++)
        if (__sanitizer_get_ownership (words[j]) &&
            __sanitizer_get_allocated_size (words[j]) == 2048 * sizeof (char *) &&
            words[j][1] == first)
          {
            __lsan_ignore_object (words[j]);
            *(gboolean *) data = TRUE;
            return 1;
          }
    }
  return 1;
}
#endif

void
amw_test_ignore_glib_quark_leak (void)
{
#ifdef AMW_TEST_ASAN
  gboolean found = FALSE;

  dl_iterate_phdr (ignore_quark_block_cb, &found);
  /* Not found: GLib changed, or 2048 quarks were made already; look again. */
  if (!found)
    g_error ("LeakSanitizer: GLib's quark table was not found (see amw-test-utils.c)");
#endif
}

char *
amw_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
amw_test_exec_sql (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

guint
amw_test_count_entries (const char *dir,
                        const char *prefix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    n += prefix == NULL || g_str_has_prefix (name, prefix);
  return n;
}

/* The page number of the @nth overflow page of @table (0 when there are not that many). */
static guint
overflow_page (const char *path,
               const char *table,
               guint       nth)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint page = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'overflow'"
                          " ORDER BY pageno LIMIT 1 OFFSET ?2", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) nth);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        page = (guint) sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

AmwStore *
amw_test_open_sample_file (const char *path,
                           const char *editor)
{
  g_autofree char *sample = amw_test_sample_path ();
  g_autoptr(GError) error = NULL;
  AmwStore *store = amw_store_open (path, &error);

  g_assert_no_error (error);
  if (editor != NULL)
    amw_store_set_editor (store, editor);
  g_assert_true (amw_import_file (store, sample, NULL, &error));
  g_assert_no_error (error);
  return store;
}

gboolean
amw_test_make_large_damaged_db (const char *path)
{
  char garbage[4096];
  GStatBuf st;
  guint page;
  int fd;

  g_assert_finalize_object (amw_test_open_sample_file (path, NULL));
  /* Long notes (not indexed for search) make the file large quickly: 80 MB. */
  amw_test_exec_sql (path, "PRAGMA synchronous = OFF;"
                           " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)"
                           " INSERT INTO articles (id, title, published, notes, created_at, updated_at)"
                           " SELECT 'bulk-' || i, 'Bulk ' || i, '2025-01-01',"
                           "        replace (hex (zeroblob (5000)), '0', 'n'),"
                           "        '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, AMW_STORE_CHECK_AT_OPEN_BYTES);

  page = overflow_page (path, "articles", 4000);
  if (page == 0)
    return FALSE;
  memset (garbage, 0xa5, sizeof garbage);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (off_t) (page - 1) * 4096), ==, sizeof garbage);
  g_assert_cmpint (close (fd), ==, 0);
  return TRUE;
}

void
amw_test_write_one_article (const char *path)
{
  g_assert_true (g_file_set_contents (path, "{\"format\": \"amw-desk\", \"version\": 1, \"as_of\": null,"
                                      " \"selection\": {\"kind\": \"all\", \"description\": \"x\"},"
                                      " \"articles\": [{\"id\": \"one-more\", \"title\": \"One more\","
                                      " \"source\": null, \"url\": null, \"published\": \"2026-01-01\","
                                      " \"status\": \"draft\", \"summary\": \"\", \"amw_read\": \"\","
                                      " \"ratings\": {\"novelty\": null, \"significance\": null},"
                                      " \"areas\": [], \"tags\": [], \"companies\": [], \"connections\": [],"
                                      " \"created_at\": \"2026-01-01T00:00:00Z\","
                                      " \"updated_at\": \"2026-01-01T00:00:00Z\"}],"
                                      " \"companies\": [], \"timeline\": []}", -1, NULL));
}

char *
amw_test_repeat (const char *unit,
                 gsize       n)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}
