/* test-export-targets.c — where amw_export_to_file () writes: never over the open database,
 * through symbolic links, keeping an existing file's mode, straight to pipes and devices. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "amw-test-utils.h"

typedef struct {
  char     *dir;
  char     *db;
  AmwStore *store;
  char     *reference;  /* the complete export of the store, as a regular file */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  fixture->dir = amw_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "amw.db", NULL);
  fixture->store = amw_test_open_sample_file (fixture->db, NULL);
  fixture->reference = g_build_filename (fixture->dir, "reference.json", NULL);
  g_assert_true (amw_export_to_file (fixture->store, &all, fixture->reference, NULL,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  amw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->reference);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static gboolean
export_all (Fixture     *fixture,
            const char  *path,
            GError     **error)
{
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  return amw_export_to_file (fixture->store, &all, path, NULL, NULL, NULL, NULL, error);
}

static void
assert_same_contents (const char *path,
                      const char *expected_path)
{
  g_autofree char *contents = amw_test_read_file (path);
  g_autofree char *expected = amw_test_read_file (expected_path);

  g_assert_cmpstr (contents, ==, expected);
}

static void
assert_is_link_to (const char *link,
                   const char *target)
{
  g_autofree char *text = g_file_read_link (link, NULL);
  struct stat st;

  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpstr (text, ==, target);
}

/* ---- 1. never over the database ---- */

static void
assert_refused (Fixture    *fixture,
                const char *target)
{
  g_autofree char *before = amw_test_file_digest (fixture->db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("export to %s", target);
  g_assert_false (export_all (fixture, target, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_nonnull (strstr (error->message, "database"));
  g_assert_null (strchr (error->message, '\n'));
  after = amw_test_file_digest (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (amw_store_count_articles (fixture->store, NULL, NULL), ==, 50);
}

static void
test_not_the_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *journal = g_strconcat (fixture->db, "-journal", NULL);
  g_autofree char *sub = path_in (fixture, "sub");
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", "amw.db", NULL);
  g_autofree char *up = g_build_filename (sub, "..", "amw.db", NULL);
  g_autofree char *hard = path_in (fixture, "hard.db");
  g_autofree char *soft = path_in (fixture, "soft.json");
  g_autofree char *soft_wal = path_in (fixture, "soft-wal.json");
  g_autofree char *soft_journal = path_in (fixture, "soft-journal.json");
  g_autofree char *chain = path_in (fixture, "chain.json");
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (link (fixture->db, hard), ==, 0);
  g_assert_cmpint (symlink ("amw.db", soft), ==, 0);
  g_assert_cmpint (symlink (wal, soft_wal), ==, 0);
  /* A link to a -journal that does not exist (yet) would create it. */
  g_assert_cmpint (symlink ("amw.db-journal", soft_journal), ==, 0);
  g_assert_cmpint (symlink ("soft.json", chain), ==, 0);

  assert_refused (fixture, fixture->db);
  assert_refused (fixture, wal);
  assert_refused (fixture, shm);
  assert_refused (fixture, journal);
  assert_refused (fixture, dotted);
  assert_refused (fixture, up);
  assert_refused (fixture, hard);
  assert_refused (fixture, soft);
  assert_refused (fixture, soft_wal);
  assert_refused (fixture, soft_journal);
  assert_refused (fixture, chain);
  /* A relative name. */
  g_assert_cmpint (g_chdir (sub), ==, 0);
  assert_refused (fixture, "../amw.db");
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_is_link_to (soft, "amw.db");
  g_assert_cmpuint (amw_test_count_entries (fixture->dir, ".amw.db"), ==, 0);

  /* Standard output redirected to the database (>> amw.db). */
  {
    AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
    g_autofree char *before = amw_test_file_digest (fixture->db);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    int fd = open (fixture->db, O_WRONLY | O_APPEND | O_CLOEXEC);

    g_assert_cmpint (fd, >=, 0);
    g_assert_false (amw_export_to_fd (fixture->store, &all, fd, "standard output", NULL,
                                      NULL, NULL, NULL, &error));
    g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
    close (fd);
    after = amw_test_file_digest (fixture->db);
    g_assert_cmpstr (after, ==, before);
  }

  /* Another file of the same folder is exported to as usual. */
  {
    g_autofree char *other = path_in (fixture, "amw.db.json");
    g_autoptr(GError) error = NULL;

    g_assert_true (export_all (fixture, other, &error));
    g_assert_no_error (error);
    assert_same_contents (other, fixture->reference);
  }
}

/* A database opened through a symbolic link: its -wal lies beside the file the link
 * leads to, and that is refused too. */
static void
test_not_the_database_behind_a_link (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *real_dir = g_build_filename (dir, "real", NULL);
  g_autofree char *real = g_build_filename (real_dir, "amw.db", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.db", NULL);
  g_autofree char *real_wal = g_strconcat (real, "-wal", NULL);
  g_autofree char *link_wal = g_strconcat (link_path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (symlink (real, link_path), ==, 0);
  store = amw_store_open (link_path, &error);
  g_assert_no_error (error);
  amw_test_add_articles (store, 3);
  g_assert_true (g_file_test (real_wal, G_FILE_TEST_EXISTS));
  before = amw_test_file_digest (real);

  g_assert_false (amw_export_to_file (store, &all, real, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_export_to_file (store, &all, real_wal, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (amw_export_to_file (store, &all, link_path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_INVALID);
  g_clear_error (&error);
  after = amw_test_file_digest (real);
  g_assert_cmpstr (after, ==, before);
  assert_is_link_to (link_path, real);
  g_assert_false (g_file_test (link_wal, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  g_unlink (link_path);
  amw_test_remove_tree (dir);
}

/* ---- 3. symbolic links, modes, devices and pipes ---- */

/* A link is followed: the file it leads to is replaced, in its own folder, and the link
 * stays a link. A dangling link gets its file. */
static void
test_through_links (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *a = path_in (fixture, "a");
  g_autofree char *b = path_in (fixture, "b");
  g_autofree char *out = g_build_filename (b, "out.json", NULL);
  g_autofree char *link_path = g_build_filename (a, "link.json", NULL);
  g_autofree char *dangling = g_build_filename (a, "dangling.json", NULL);
  g_autofree char *created = g_build_filename (b, "new.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (a, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (b, 0700), ==, 0);
  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_assert_cmpint (symlink ("../b/out.json", link_path), ==, 0);
  g_assert_cmpint (symlink ("../b/new.json", dangling), ==, 0);

  g_assert_true (export_all (fixture, link_path, &error));
  g_assert_no_error (error);
  assert_is_link_to (link_path, "../b/out.json");
  assert_same_contents (out, fixture->reference);

  g_assert_true (export_all (fixture, dangling, &error));
  g_assert_no_error (error);
  assert_is_link_to (dangling, "../b/new.json");
  assert_same_contents (created, fixture->reference);

  g_assert_cmpuint (amw_test_count_entries (a, "."), ==, 0);
  g_assert_cmpuint (amw_test_count_entries (b, "."), ==, 0);
  g_assert_cmpuint (amw_test_count_entries (a, ""), ==, 2);
  g_assert_cmpuint (amw_test_count_entries (b, ""), ==, 2);
}

/* An existing file keeps its permissions (and, for root, its owner and group). */
static void
test_keeps_mode (Fixture       *fixture,
                 gconstpointer  data)
{
  static const mode_t modes[] = { 0600, 0640, 0444, 0664 };
  g_autofree char *out = path_in (fixture, "out.json");
  g_autofree char *fresh = path_in (fixture, "fresh.json");
  gboolean root = geteuid () == 0;
  mode_t mask = umask (022);
  struct stat st;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (out, "old", -1, NULL));
      g_assert_cmpint (g_chmod (out, modes[i]), ==, 0);
      if (root)
        g_assert_cmpint (chown (out, 65534, 65534), ==, 0);
      g_assert_true (export_all (fixture, out, &error));
      g_assert_no_error (error);
      assert_same_contents (out, fixture->reference);
      g_assert_cmpint (g_stat (out, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, modes[i]);
      if (root)
        {
          g_assert_cmpint (st.st_uid, ==, 65534);
          g_assert_cmpint (st.st_gid, ==, 65534);
        }
      else
        g_assert_cmpint (st.st_uid, ==, geteuid ());
    }

  /* A new file: 0644 less the umask. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (export_all (fixture, fresh, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (fresh, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 07777, ==, 0644);
    g_assert_cmpint (st.st_uid, ==, geteuid ());
  }
  umask (mask);
}

typedef struct {
  const char *path;
  GString    *read;
} FifoReader;

static gpointer
read_fifo_thread (gpointer data)
{
  FifoReader *reader = data;
  char buffer[65536];
  int fd = open (reader->path, O_RDONLY | O_CLOEXEC);
  gssize n;

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (reader->read, buffer, n);
  close (fd);
  return NULL;
}

/* A named pipe is written to, not replaced by a file. */
static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *fifo = path_in (fixture, "pipe");
  g_autofree char *expected = amw_test_read_file (fixture->reference);
  g_autoptr(GString) read = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  FifoReader reader = { fifo, read };
  GThread *thread;
  struct stat st;
  guint64 n = 0;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  thread = g_thread_new ("fifo-reader", read_fifo_thread, &reader);
  g_assert_true (amw_export_to_file (fixture->store, &all, fifo, &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Before the join: a pipe replaced by a file would leave the reader waiting forever. */
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_thread_join (thread);
  g_assert_cmpuint (n, ==, 50);
  g_assert_cmpstr (read->str, ==, expected);
  g_assert_cmpuint (amw_test_count_entries (fixture->dir, ".pipe"), ==, 0);
}

/* Character devices behind links: /dev/null takes the export, /dev/full says the disk is
 * full; both stay devices and the links stay links. (Links only: an older amw replaced
 * the path it was given, which for /dev/null itself, as root, would break the machine.) */
static void
test_devices (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *null_link = path_in (fixture, "null.json");
  g_autofree char *full_link = path_in (fixture, "full.json");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  guint64 n = 0;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  if (!g_file_test ("/dev/null", G_FILE_TEST_EXISTS) || !g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/null or /dev/full");
      return;
    }
  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  g_assert_cmpint (symlink ("/dev/full", full_link), ==, 0);

  g_assert_true (amw_export_to_file (fixture->store, &all, null_link, &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 50);
  assert_is_link_to (null_link, "/dev/null");

  g_assert_false (export_all (fixture, full_link, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_FULL);
  expected = g_strdup_printf ("Could not write %s: the disk is full", full_link);
  g_assert_cmpstr (error->message, ==, expected);
  assert_is_link_to (full_link, "/dev/full");

  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (amw_test_count_entries (fixture->dir, "."), ==, 0);
}

/* A folder is no target: an error, nothing changed. */
static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *folder = path_in (fixture, "folder");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (export_all (fixture, folder, &error));
  g_assert_error (error, AMW_ERROR, AMW_ERROR_IO);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (amw_test_count_entries (fixture->dir, ".folder"), ==, 0);
}

/* amw_export_to_fd () writes to what it is given and leaves it open. */
static void
test_to_fd (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "fd.json");
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
  guint64 n = 0;
  int fd = open (out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (amw_export_to_fd (fixture->store, &all, fd, "fd.json", &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 50);
  /* Still open. */
  g_assert_cmpint (write (fd, "", 0), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  assert_same_contents (out, fixture->reference);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export-target/not-the-database", test_not_the_database);
  g_test_add_func ("/export-target/not-the-database-behind-a-link", test_not_the_database_behind_a_link);
  ADD ("/export-target/through-links", test_through_links);
  ADD ("/export-target/keeps-mode", test_keeps_mode);
  ADD ("/export-target/fifo", test_fifo);
  ADD ("/export-target/devices", test_devices);
  ADD ("/export-target/folder", test_folder);
  ADD ("/export-target/to-fd", test_to_fd);
#undef ADD

  return g_test_run ();
}
