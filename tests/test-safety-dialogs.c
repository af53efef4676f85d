/* test-safety-dialogs.c — what an editor sees when an export, an import or a search in
 * the window meets a file or a value that must not do harm (issue 12): the refusal is
 * shown in the window, in one line naming the file, the database stays as it was, and
 * the window keeps working.
 *
 * With AMW_SCREENSHOT_DIR set, /safety-dialogs/export-over-database and
 * /safety-dialogs/large-damaged-database also render the window as the editor sees it. */
#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amw-articles-view.h"
#include "amw-export-dialog.h"
#include "amw-gui-test-utils.h"
#include "amw-import-dialog.h"
#include "amw-import.h"
#include "amw-window.h"

typedef struct {
  char      *dir;
  char      *db_path;
  AmwStore  *store;
  AmwWindow *window;
} Fixture;

static void
open_window (Fixture *fixture)
{
  fixture->window = amw_window_new_for_store (NULL, fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (100);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = amw_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_test_open_sample_file (fixture->db_path, "Test Editor");
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  amw_gui_test_spin (50);
  g_assert_finalize_object (fixture->store);
  amw_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

/* ---- helpers ---- */

static GtkWidget *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
close_message_dialog (void)
{
  GtkWindow *dialog = amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  amw_gui_test_spin (20);
}

/* One line of text an editor can read: UTF-8, no control character, no newline. */
static void
assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_autofree char *escaped = g_strescape (text, NULL);

        g_error ("a control character in “%s”", escaped);
      }
}

static char *
db_digest (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *db = amw_test_file_digest (fixture->db_path);
  g_autofree char *log = amw_test_file_digest (wal);

  return g_strconcat (db, " ", log, NULL);
}

static gint64
n_articles (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = amw_store_count_articles (fixture->store, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static AmwExportDialog *
open_export_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  amw_gui_test_spin (100);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  return AMW_EXPORT_DIALOG (dialog);
}

/* @data: a weak pointer to the dialog, which closes when the export is done. */
static gboolean
export_idle (gpointer data)
{
  AmwExportDialog *dialog = *(AmwExportDialog **) data;

  return dialog == NULL || !amw_export_dialog_get_busy (dialog);
}

static gboolean
export_closed (gpointer data)
{
  return amw_gui_test_find_toplevel (AMW_TYPE_EXPORT_DIALOG) == NULL;
}

/* Exports everything from the window's dialog to @path; TRUE when the dialog closed on
 * success, FALSE when it stayed with an error shown. */
static gboolean
export_from_window (Fixture    *fixture,
                    const char *path)
{
  AmwExportDialog *dialog = open_export_dialog (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  amw_export_dialog_set_selection (dialog, AMW_SELECTION_ALL);
  amw_export_dialog_set_file (dialog, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.export", NULL));
  g_assert_true (amw_gui_test_wait_for (export_idle, &dialog, 10000));
  amw_gui_test_spin (50);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  return export_closed (NULL);
}

static void
save_png (GtkWidget  *window,
          const char *name)
{
  const char *dir = g_getenv ("AMW_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GdkPaintable *paintable;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  paintable = gtk_widget_paintable_new (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
  g_test_message ("wrote %s", path);
}

/* ---- export ---- */

/* Choosing the open database, its -wal, or a link to it as the target: the dialog shows
 * the refusal naming the file, the database is untouched, and the next export works. */
static void
test_export_over_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "looks-like-an-export.json", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.json", NULL);
  g_autofree char *digest_before = NULL;
  const char *targets[] = { fixture->db_path, wal, link };
  gint64 n_before = n_articles (fixture);
  g_autofree char *output = NULL;

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (symlink (fixture->db_path, link), ==, 0);
  digest_before = db_digest (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *digest_after = NULL;
      g_autofree char *name = g_path_get_basename (targets[i]);
      AdwMessageDialog *message;
      GtkWindow *dialog;

      g_test_message ("target %s", targets[i]);
      g_assert_false (export_from_window (fixture, targets[i]));
      dialog = amw_gui_test_find_toplevel (AMW_TYPE_EXPORT_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_true (amw_gui_test_wait_for (message_dialog_shown, NULL, 2000));
      message = ADW_MESSAGE_DIALOG (amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Export Failed");
      assert_one_line (adw_message_dialog_get_body (message));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (message), name));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "open database"));
      /* Back at the choice, ready for another file. */
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG,
                                                                            "stack"))), ==, "choose");
      if (i == 0)
        {
          /* The editor sees the refusal over the window. */
          amw_gui_test_spin (1000);
          save_png (GTK_WIDGET (message), "export-refused-dialog");
          save_png (GTK_WIDGET (dialog), "export-refused-export-dialog");
          save_png (GTK_WIDGET (fixture->window), "export-refused-window");
        }
      close_message_dialog ();
      gtk_window_destroy (dialog);
      amw_gui_test_spin (20);

      digest_after = db_digest (fixture);
      g_assert_cmpstr (digest_after, ==, digest_before);
      g_assert_cmpint (n_articles (fixture), ==, n_before);
      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    }

  /* The window keeps working: the next export writes the file. */
  g_assert_true (export_from_window (fixture, good));
  if (!amw_test_validate_export (good, &output))
    g_error ("The export does not validate: %s", output);
  g_assert_cmpint (n_articles (fixture), ==, n_before);
}

/* Over an existing file only its owner may read, and through a link: the file keeps its
 * mode, the link stays a link. */
static void
test_export_keeps_mode_and_link (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *secret = g_build_filename (fixture->dir, "secret.json", NULL);
  g_autofree char *real = g_build_filename (fixture->dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "latest.json", NULL);
  g_autofree char *output = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (secret, "old", -1, NULL));
  g_assert_cmpint (g_chmod (secret, 0600), ==, 0);
  g_assert_true (export_from_window (fixture, secret));
  g_assert_cmpint (g_stat (secret, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  if (!amw_test_validate_export (secret, &output))
    g_error ("The export does not validate: %s", output);

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_true (export_from_window (fixture, link));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&output, g_free);
  if (!amw_test_validate_export (real, &output))
    g_error ("The export does not validate: %s", output);
}

/* The database file went away under the window (moved, deleted): the export says so,
 * and no empty database is made in its place. */
static void
test_export_database_gone (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *moved = g_build_filename (fixture->dir, "moved.db", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "out.json", NULL);
  AdwMessageDialog *message;

  g_assert_cmpint (g_rename (fixture->db_path, moved), ==, 0);
  g_assert_false (export_from_window (fixture, target));
  g_assert_true (amw_gui_test_wait_for (message_dialog_shown, NULL, 2000));
  message = ADW_MESSAGE_DIALOG (amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_one_line (adw_message_dialog_get_body (message));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), fixture->db_path));
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  close_message_dialog ();
}

static AmwImportDialog *preview_import (Fixture    *fixture,
                                        const char *path);

/* A long path (a folder deep down, a long file name) wraps or is cut: it does not widen
 * the dialogs past what fits beside the window. */
static void
test_long_paths (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (fixture->dir);
  g_autofree char *target = NULL;
  g_autofree char *import = NULL;
  g_autoptr(GFile) file = NULL;
  AmwExportDialog *dialog;
  AmwImportDialog *import_dialog;
  GtkWindow *message;
  int width_before;

  for (guint i = 0; i < 6; i++)
    g_string_append (deep, "/a-folder-with-a-rather-long-name-that-goes-on-and-on-and-on");
  g_assert_cmpint (g_mkdir_with_parents (deep->str, 0700), ==, 0);
  target = g_build_filename (deep->str, "an-export-file-whose-name-alone-is-longer-than-any-dialog-is-wide-"
                                        "because-someone-typed-a-sentence.json", NULL);
  file = g_file_new_for_path (target);

  dialog = open_export_dialog (fixture);
  width_before = gtk_widget_get_width (GTK_WIDGET (dialog));
  amw_export_dialog_set_file (dialog, file);
  amw_gui_test_spin (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), ==, width_before);
  /* The folder goes away before Export: the message quotes the whole path. */
  g_assert_cmpint (g_rmdir (deep->str), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.export", NULL));
  g_assert_true (amw_gui_test_wait_for (message_dialog_shown, NULL, 5000));
  amw_gui_test_spin (1000);
  message = amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  /* The core names the folder it could not write to. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), deep->str));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (message)), <=, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), ==, width_before);
  save_png (GTK_WIDGET (message), "long-path-message");
  save_png (GTK_WIDGET (dialog), "long-path-export-dialog");
  close_message_dialog ();
  gtk_window_destroy (GTK_WINDOW (dialog));
  amw_gui_test_spin (20);

  /* An import whose name is that long, and a problem in it. */
  g_assert_cmpint (g_mkdir_with_parents (deep->str, 0700), ==, 0);
  import = g_build_filename (deep->str, "an-import-file-whose-name-alone-is-longer-than-any-dialog-is-wide-"
                                        "because-someone-typed-a-sentence.json", NULL);
  {
    g_autofree char *source = amw_test_source_path ("tests", "bad-imports", "escape-in-key.json", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
    g_assert_true (g_file_set_contents (import, contents, -1, NULL));
  }
  import_dialog = preview_import (fixture, import);
  amw_gui_test_spin (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (import_dialog)), <=, 700);
  save_png (GTK_WIDGET (import_dialog), "long-path-import-dialog");
  gtk_window_destroy (GTK_WINDOW (import_dialog));
  amw_gui_test_spin (20);
}

/* ---- import ---- */

static AmwImportDialog *
preview_import (Fixture    *fixture,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  amw_window_preview_import (fixture->window, file);
  amw_gui_test_spin (100);
  dialog = amw_gui_test_find_toplevel (AMW_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  return AMW_IMPORT_DIALOG (dialog);
}

/* Every label the dialog shows is one line without control characters; TRUE when one of
 * them contains @text. */
static gboolean
labels_one_line_and_show (GtkWidget  *dialog,
                          const char *text)
{
  g_autoptr(GPtrArray) labels = amw_gui_test_find_all (dialog, GTK_TYPE_LABEL);
  gboolean found = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_drawable (label))
        continue;
      assert_one_line (gtk_label_get_text (GTK_LABEL (label)));
      if (strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        found = TRUE;
    }
  return found;
}

static void
refuse_import (Fixture    *fixture,
               const char *bad,
               const char *name,
               const char *shown_name,
               const char *problem)
{
  g_autofree char *source = amw_test_source_path ("tests", "bad-imports", bad, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *digest_before = db_digest (fixture);
  g_autofree char *digest_after = NULL;
  gint64 n_before = n_articles (fixture);
  AmwImportDialog *dialog;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  dialog = preview_import (fixture, path);
  g_assert_false (amw_import_dialog_get_can_import (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (dialog), AMW_TYPE_IMPORT_DIALOG,
                                                                        "stack"))), ==, "preview");
  /* The file is named, escaped, and the problem shown, each label one line. */
  g_assert_true (labels_one_line_and_show (GTK_WIDGET (dialog), shown_name));
  g_assert_true (labels_one_line_and_show (GTK_WIDGET (dialog), problem));
  g_assert_true (labels_one_line_and_show (GTK_WIDGET (dialog), "Nothing was changed"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL);
  amw_gui_test_spin (50);
  gtk_window_destroy (GTK_WINDOW (dialog));
  amw_gui_test_spin (50);
  digest_after = db_digest (fixture);
  g_assert_cmpstr (digest_after, ==, digest_before);
  g_assert_cmpint (n_articles (fixture), ==, n_before);
}

/* A key holding an escape sequence and a newline, in a file whose name holds them too. */
static void
test_import_escaped (Fixture       *fixture,
                     gconstpointer  data)
{
  refuse_import (fixture, "escape-in-key.json", "esc\033[2J\nname.json", "esc\\u001b[2J\\nname.json",
                 "\\u001b[2J\\u001b[31mred");
  refuse_import (fixture, "newline-in-key.json", "newline.json", "newline.json", "fake\\nlines\\r\\nmore");
}

static void
test_import_past_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  refuse_import (fixture, "too-many-tags.json", "too-many-tags.json", "too-many-tags.json",
                 "has 201 items, more than the 200 allowed");
}

/* ---- a large damaged database ---- */

static gboolean
import_dialog_failed (gpointer data)
{
  AmwImportDialog *dialog = data;

  return !amw_import_dialog_get_busy (dialog) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (dialog), AMW_TYPE_IMPORT_DIALOG,
                                                                         "stack"))), "failed") == 0;
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (child (data, AMW_TYPE_WINDOW, "damage_revealer")));
}

/* Over 64 MiB, in WAL: opening does not check every page, the window checks in the
 * background. An import started at once must not write before the check: it waits for
 * it and is refused with the damage named, and the window shows its banner. */
static void
test_large_damaged_database (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "large-damaged.db", NULL);
  g_autofree char *one = g_build_filename (dir, "one-article.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AmwImportDialog *dialog;
  AmwWindow *window;
  AmwStore *store;
  const char *description;

  if (!amw_test_make_large_damaged_db (db))
    {
      g_test_skip ("this SQLite has no dbstat table to find an overflow page with");
      amw_test_remove_tree (dir);
      return;
    }
  amw_test_write_one_article (one);
  before = amw_test_file_digest (db);

  /* The window opens it as `amw --db FILE one-article.json` would, and the editor
   * imports at once, before the check in the background is done. */
  store = amw_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (amw_store_needs_verify (store));
  window = amw_window_new_for_store (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(GFile) file = g_file_new_for_path (one);

    amw_window_preview_import (window, file);
  }
  dialog = AMW_IMPORT_DIALOG (amw_gui_test_find_toplevel (AMW_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (amw_import_dialog_get_can_import (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  g_assert_true (amw_gui_test_wait_for (import_dialog_failed, dialog, 60000));

  description = adw_status_page_get_description (ADW_STATUS_PAGE (child (GTK_WIDGET (dialog), AMW_TYPE_IMPORT_DIALOG,
                                                                          "failed_page")));
  assert_one_line (description);
  g_assert_nonnull (strstr (description, db));
  g_assert_nonnull (strstr (description, "damaged"));
  /* The window says so too, and turns editing and importing off. */
  g_assert_true (amw_gui_test_wait_for (banner_shown, window, 60000));
  amw_gui_test_spin (1000);
  save_png (GTK_WIDGET (dialog), "import-refused-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  amw_gui_test_spin (300);
  save_png (GTK_WIDGET (window), "import-refused-window");

  gtk_window_destroy (GTK_WINDOW (window));
  amw_gui_test_spin (50);
  g_assert_finalize_object (store);
  after = amw_test_file_digest (db);
  g_assert_cmpstr (after, ==, before);

  /* Opened again, an export at once is refused too (damage would read as missing
   * articles), whether its own check or the window's finds the damage first. */
  {
    g_autofree char *target = g_build_filename (dir, "export.json", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (target);
    AmwExportDialog *export;
    AdwMessageDialog *message;

    g_assert_true (g_file_set_contents (target, "previous", -1, NULL));
    store = amw_store_open (db, &error);
    g_assert_no_error (error);
    window = amw_window_new_for_store (NULL, store, NULL);
    gtk_window_present (GTK_WINDOW (window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
    export = AMW_EXPORT_DIALOG (amw_gui_test_find_toplevel (AMW_TYPE_EXPORT_DIALOG));
    g_assert_nonnull (export);
    amw_export_dialog_set_selection (export, AMW_SELECTION_ALL);
    amw_export_dialog_set_file (export, file);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export), "dialog.export", NULL));
    g_assert_true (amw_gui_test_wait_for (message_dialog_shown, NULL, 60000));
    message = ADW_MESSAGE_DIALOG (amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    assert_one_line (adw_message_dialog_get_body (message));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), db));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "damaged"));
    g_assert_true (amw_gui_test_wait_for (banner_shown, window, 60000));
    g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "previous");
    gtk_window_destroy (GTK_WINDOW (message));
    gtk_window_destroy (GTK_WINDOW (export));
    gtk_window_destroy (GTK_WINDOW (window));
    amw_gui_test_spin (50);
    g_assert_finalize_object (store);
  }
  amw_test_remove_tree (dir);
}

/* ---- search ---- */

static gboolean
list_empty (gpointer data)
{
  GtkWidget *view = amw_gui_test_find (data, AMW_TYPE_ARTICLES_VIEW, NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (child (view, AMW_TYPE_ARTICLES_VIEW, "list_stack"))),
                    "empty") == 0;
}

static gboolean
list_shown (gpointer data)
{
  return !list_empty (data);
}

/* A search of only punctuation matches nothing: the list shows its empty state, no error,
 * and Export offers the search (with nothing in it), not everything. */
static void
test_search_punctuation (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *searches[] = { "*", "\"", ")))" };
  GtkWidget *entry = amw_gui_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      AmwExportDialog *dialog;

      g_test_message ("search %s", searches[i]);
      gtk_editable_set_text (GTK_EDITABLE (entry), searches[i]);
      g_assert_true (amw_gui_test_wait_for (list_empty, fixture->window, 3000));
      g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "No Matching Articles"));
      /* The empty state, not an error in it. */
      g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "Try other words, or clear the filters"));
      g_assert_true (amw_gui_test_shows_text (GTK_WIDGET (fixture->window), "0 articles"));
      g_assert_null (amw_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

      dialog = open_export_dialog (fixture);
      g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG, "filter_row")));
      g_assert_cmpint (amw_export_dialog_get_selection (dialog), ==, AMW_SELECTION_QUERY);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG,
                                                             "filter_count"))), ==, "0");
      /* Nothing to write: Export is off until another choice is made. */
      g_assert_false (gtk_widget_is_sensitive (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG, "export_button")));
      amw_export_dialog_set_selection (dialog, AMW_SELECTION_ALL);
      amw_gui_test_spin (20);
      g_assert_true (gtk_widget_is_sensitive (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG, "export_button")));
      gtk_window_destroy (GTK_WINDOW (dialog));
      amw_gui_test_spin (20);
    }

  /* A real word again shows articles. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "funding");
  g_assert_true (amw_gui_test_wait_for (list_shown, fixture->window, 3000));
}

/* A search and a file name holding markup and control characters are shown as they are
 * typed, on one line, in the export dialog (not read as Pango markup, which warns). */
static void
test_export_shows_text_as_is (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "R&D <b>\nnotes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *entry = amw_gui_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);
  AmwExportDialog *dialog;
  const char *subtitle;

  gtk_editable_set_text (GTK_EDITABLE (entry), "funding & <b>");
  amw_gui_test_spin (500);
  dialog = open_export_dialog (fixture);
  g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG, "filter_row")));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG,
                                                                 "filter_row")));
  g_assert_nonnull (strstr (subtitle, "funding & <b>"));
  amw_export_dialog_set_file (dialog, file);
  amw_gui_test_spin (100);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (GTK_WIDGET (dialog), AMW_TYPE_EXPORT_DIALOG,
                                                                 "file_row")));
  assert_one_line (subtitle);
  g_assert_nonnull (strstr (subtitle, "R&D <b>\\nnotes.json"));
  /* What is drawn is that text too. */
  g_assert_true (labels_one_line_and_show (GTK_WIDGET (dialog), "R&D <b>\\nnotes.json"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  amw_gui_test_spin (20);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/safety-dialogs/export-over-database", test_export_over_database);
  ADD ("/safety-dialogs/export-keeps-mode-and-link", test_export_keeps_mode_and_link);
  ADD ("/safety-dialogs/export-database-gone", test_export_database_gone);
  ADD ("/safety-dialogs/long-paths", test_long_paths);
  ADD ("/safety-dialogs/import-escaped", test_import_escaped);
  ADD ("/safety-dialogs/import-past-limit", test_import_past_limit);
  ADD ("/safety-dialogs/search-punctuation", test_search_punctuation);
  ADD ("/safety-dialogs/export-shows-text-as-is", test_export_shows_text_as_is);
#undef ADD
  g_test_add_func ("/safety-dialogs/large-damaged-database", test_large_damaged_database);

  return g_test_run ();
}
