/* amw-test-utils.h — shared fixtures for the core tests */
#pragma once

#include "amw-export.h"
#include "amw-import.h"
#include "amw-paged-list.h"
#include "amw-store.h"

G_BEGIN_DECLS

/* Path of a file in the source tree, e.g. amw_test_source_path ("data", "sample", "amw-sample.json", NULL). */
char       *amw_test_source_path     (const char *first, ...) G_GNUC_NULL_TERMINATED;
char       *amw_test_sample_path     (void);
/* A fresh temporary directory, removed with amw_test_remove_tree. */
char       *amw_test_make_tmpdir     (void);
void        amw_test_remove_tree     (const char *path);
AmwStore   *amw_test_open_memory     (void);
/* A :memory: store with the sample data imported. */
AmwStore   *amw_test_open_sample     (void);
/* A minimal valid article (published, no lists). */
AmwArticle *amw_test_make_article    (const char *id,
                                      const char *title,
                                      const char *published);
/* Adds @n generated articles "gen-00001"… with dates spread over 2025–2026, tags
 * "even"/"odd", novelty 1–5 cycling. */
void        amw_test_add_articles    (AmwStore   *store,
                                      guint       n);
/* Runs the JSON Schema validator on @path; FALSE with the validator's output otherwise. */
gboolean    amw_test_validate_export (const char *path,
                                      char      **output);
/* The contents of @path (a test failure when it cannot be read). */
char       *amw_test_read_file       (const char *path);
/* Runs @sql on a plain SQLite connection of its own, as another program would. */
void        amw_test_exec_sql        (const char *path,
                                      const char *sql);
/* How many names in the folder @dir begin with @prefix (all of them when NULL). */
guint       amw_test_count_entries   (const char *dir,
                                      const char *prefix);
/* A database made at @path holding the sample data, imported as @editor (NULL: the
 * default editor), as the app makes one. */
AmwStore   *amw_test_open_sample_file (const char *path,
                                       const char *editor);
/* Makes at @path a sample database of about 80 MB (over AMW_STORE_CHECK_AT_OPEN_BYTES, so
 * opening it does not check it) in WAL mode, with one overflow page of articles' notes
 * garbled: a page that imports, exports and lists never read, so only a check finds the
 * damage. FALSE (nothing garbled) when this SQLite has no dbstat table to find the page. */
gboolean    amw_test_make_large_damaged_db (const char *path);
/* Writes at @path an export document holding one new draft article, "one-more". */
void        amw_test_write_one_article     (const char *path);
/* @unit written @n times. */
char       *amw_test_repeat          (const char *unit,
                                      gsize       n);
/* SHA-256 of a file's bytes. */
char       *amw_test_file_digest     (const char *path);
/* Under LeakSanitizer: marks GLib's first quark block, which GLib leaks on purpose, as
 * not a leak (see amw-test-utils.c). A no-op in other builds. Call first thing in main. */
void        amw_test_ignore_glib_quark_leak (void);

G_END_DECLS
