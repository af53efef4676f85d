/* amw-bench.c — times what an editor waits for, on generated databases (tools/amw-generate).
 * Not a test: it prints one table of medians with their spread, and whether each target
 * of docs/PERFORMANCE.md is met.
 *
 *   amw-bench [--runs 7] [--export-runs 3] [--export-db DB] [--gui FILE…] DB…
 *
 * Each DB becomes a column (labelled by its article count). Rows:
 *   open + first page   amw_store_open, then count and the first page (100 rows) of the
 *                       default list (newest first) — what a launch asks of the core;
 *   the same with the database file dropped from the page cache first (cold);
 *   sort change         count + first page sorted by title (A→Z), as a list reload does;
 *   tag filter          count + first page with one mid-frequency tag (~0.5 % of articles);
 *   FTS first page      count + first page searching “model rel” (two prefix terms);
 *                       and “model rele” / “model relea” (prefixes without a prefix list);
 *   page at N/2         the page that starts at row N/2 (count known);
 *   count (filter)      count of the published articles;
 *   and a few untimed-by-target rows the window needs at launch (tags, areas, timeline).
 * Export/import (on --export-db, default the first DB): amw_export_to_file of every article
 * in a forked child (wall time; peak RSS from wait4), `sqlite3 -json` of the same article
 * rows with their tags as the floor, and amw_import_file of that export into an empty
 * database (another child).
 * --gui FILE merges results of amw-bench-gui (lines "LABEL METRIC VALUE…") into the table.
 * The CPU column is the thread's CPU time for the largest database: on a shared machine,
 * what an operation costs without waiting for a core.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "amw-export.h"
#include "amw-import.h"
#include "amw-paged-list.h"
#include "amw-store.h"

#define PAGE AMW_PAGED_LIST_PAGE_SIZE
#define SEARCH_TEXT "model rel"        /* broad: "model" is in most generated articles */
#define SEARCH_TEXT_NARROW "sovereign summ" /* ~0.8 % of the articles */
/* Typing on: prefixes longer than the index's prefix lists (two and three letters). */
#define SEARCH_TEXT_LONG "model rele"
#define SEARCH_TEXT_LONGER "model relea"

/* ---- samples ---- */

typedef struct {
  GArray *values; /* double */
} Samples;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
samples_median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values ? values->len : 0;

  if (n == 0)
    return NAN;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  if (n % 2)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
samples_min (GArray *values)
{
  double m = INFINITY;
  for (guint i = 0; values && i < values->len; i++)
    m = MIN (m, g_array_index (values, double, i));
  return m;
}

static double
samples_max (GArray *values)
{
  double m = -INFINITY;
  for (guint i = 0; values && i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

/* Results: metric → column label → GArray of doubles. */
static GHashTable *results;
static GPtrArray *column_labels;
static GHashTable *tag_names; /* column → the tag of the tag filter */

static void
record (const char *metric,
        const char *column,
        double      value)
{
  GHashTable *by_column = g_hash_table_lookup (results, metric);
  GArray *values;

  if (by_column == NULL)
    {
      by_column = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      g_hash_table_insert (results, g_strdup (metric), by_column);
    }
  values = g_hash_table_lookup (by_column, column);
  if (values == NULL)
    {
      values = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (by_column, g_strdup (column), values);
    }
  g_array_append_val (values, value);
}

static GArray *
lookup (const char *metric,
        const char *column)
{
  GHashTable *by_column = g_hash_table_lookup (results, metric);
  return by_column ? g_hash_table_lookup (by_column, column) : NULL;
}

static void
add_column (const char *label)
{
  for (guint i = 0; i < column_labels->len; i++)
    if (g_str_equal (g_ptr_array_index (column_labels, i), label))
      return;
  g_ptr_array_add (column_labels, g_strdup (label));
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of this thread (user + system): what an operation costs when the machine is
 * shared and wall times wait for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static G_NORETURN void
die (const char *what,
     GError     *error)
{
  g_printerr ("amw-bench: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* Drops the file (and its WAL) from the kernel's page cache: the next open reads the disk. */
static void
evict_from_page_cache (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      int fd = open (file, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

/* ---- list operations ---- */

static guint
first_page (AmwStore  *store,
            AmwQuery  *query,
            gint64    *count_out,
            double    *count_ms,
            double    *page_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double t0 = now_ms (), t1;
  gint64 count = amw_store_count_articles (store, query, &error);

  if (count < 0)
    die ("count", error);
  t1 = now_ms ();
  rows = amw_store_fetch_articles (store, query, 0, PAGE, &error);
  if (rows == NULL)
    die ("fetch", error);
  if (count_ms)
    *count_ms = t1 - t0;
  if (page_ms)
    *page_ms = now_ms () - t1;
  if (count_out)
    *count_out = count;
  if (rows->len != MIN (count, PAGE))
    {
      g_printerr ("amw-bench: expected %" G_GINT64_FORMAT " rows, got %u\n", MIN (count, PAGE), rows->len);
      exit (1);
    }
  return rows->len;
}

/* Times count + first page of @query on @store, @runs times. */
static void
time_list (AmwStore   *store,
           AmwQuery   *query,
           const char *metric,
           const char *column,
           int         runs,
           gint64     *count_out)
{
  g_autofree char *count_metric = g_strconcat (metric, ".count", NULL);
  g_autofree char *page_metric = g_strconcat (metric, ".page", NULL);
  g_autofree char *cpu_metric = g_strconcat (metric, ".cpu", NULL);

  for (int r = 0; r < runs; r++)
    {
      double count_ms, page_ms, c0;
      AmwQuery *other = amw_query_new ();

      /* Leave the statement of the previous run for another one, as a user would: the
       * default list in between. */
      first_page (store, other, NULL, NULL, NULL);
      g_object_unref (other);
      c0 = cpu_ms ();
      first_page (store, query, count_out, &count_ms, &page_ms);
      record (metric, column, count_ms + page_ms);
      record (cpu_metric, column, cpu_ms () - c0);
      record (count_metric, column, count_ms);
      record (page_metric, column, page_ms);
    }
}

/* A search as the window runs it: the article list model (made before, on the default
 * list) gets the search text; the time until its first 100 rows are in hand (count capped,
 * then the page), and until the exact count from the worker thread has landed. */
static void
time_search_model (AmwStore   *store,
                   const char *text,
                   const char *other_text,
                   const char *metric,
                   const char *column,
                   int         runs)
{
  g_autofree char *exact_metric = g_strconcat (metric, ".exact", NULL);
  g_autofree char *cpu_metric = g_strconcat (metric, ".cpu", NULL);
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autoptr(AmwPagedList) list = amw_article_list_new (store, query);
  GListModel *model = G_LIST_MODEL (list);

  for (int r = 0; r < runs; r++)
    {
      double t0, t1, c0;

      amw_query_set_search (query, NULL);
      while (amw_paged_list_is_counting (list))
        g_main_context_iteration (NULL, TRUE);
      t0 = now_ms ();
      c0 = cpu_ms ();
      /* Alternating texts: each run is a new search, as each keystroke is. */
      amw_query_set_search (query, other_text != NULL && r % 2 ? other_text : text);
      for (guint i = 0; i < MIN (PAGE, g_list_model_get_n_items (model)); i++)
        g_object_unref (g_list_model_get_item (model, i));
      t1 = now_ms ();
      record (cpu_metric, column, cpu_ms () - c0);
      record (metric, column, t1 - t0);
      while (amw_paged_list_is_counting (list))
        g_main_context_iteration (NULL, TRUE);
      record (exact_metric, column, now_ms () - t0);
      if (amw_paged_list_get_error (list) != NULL)
        die ("search model", g_error_copy (amw_paged_list_get_error (list)));
    }
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!amw_store_prepare_deep_pages_finish (AMW_STORE (source), result, &error))
    die ("deep pages", g_steal_pointer (&error));
  *(gboolean *) user_data = TRUE;
}

static char *
pick_mid_tag (AmwStore *store,
              gint64    n_articles,
              guint    *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = amw_store_list_tags (store, &error);
  double want = n_articles / 200.0, best = INFINITY;
  char *name = NULL;

  if (tags == NULL || tags->len == 0)
    die ("tags", error);
  for (guint i = 0; i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);
      double distance = fabs (tag->count - want);

      if (distance < best)
        {
          best = distance;
          g_free (name);
          name = g_strdup (tag->name);
          *count = tag->count;
        }
    }
  return name;
}

static void
bench_lists (const char *path,
             const char *column,
             int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(AmwQuery) all = amw_query_new ();
  g_autoptr(AmwQuery) by_title = amw_query_new ();
  g_autoptr(AmwQuery) tagged = amw_query_new ();
  g_autoptr(AmwQuery) search = amw_query_new ();
  g_autoptr(AmwQuery) search_rank = amw_query_new ();
  g_autoptr(AmwQuery) search_narrow = amw_query_new ();
  g_autoptr(AmwQuery) published = amw_query_new ();
  g_autofree char *tag = NULL;
  static const char * const published_only[] = { "published", NULL };
  gint64 n = 0, count;
  guint tag_count = 0;

  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("%s (%s): ", column, path);

  /* Launch: open + count + first page, warm file cache (one untimed run first), then cold. */
  for (int r = -1; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();
      AmwStore *s = amw_store_open (path, &error);

      if (s == NULL)
        die (path, error);
      first_page (s, all, &n, NULL, NULL);
      if (r >= 0)
        {
          record ("open", column, now_ms () - t0);
          record ("open.cpu", column, cpu_ms () - c0);
        }
      g_object_unref (s);
    }
  for (int r = 0; r < runs; r++)
    {
      double t0;
      AmwStore *s;

      evict_from_page_cache (path);
      t0 = now_ms ();
      if ((s = amw_store_open (path, &error)) == NULL)
        die (path, error);
      first_page (s, all, NULL, NULL, NULL);
      record ("open.cold", column, now_ms () - t0);
      g_object_unref (s);
    }
  printf ("open ");

  store = amw_store_open (path, &error);
  if (store == NULL)
    die (path, error);

  amw_query_set_sort (by_title, AMW_SORT_TITLE, FALSE);
  time_list (store, by_title, "sort", column, runs, NULL);
  printf ("sort ");

  {
    double t0 = now_ms (), c0 = cpu_ms ();
    tag = pick_mid_tag (store, n, &tag_count);
    record ("x.list_tags", column, now_ms () - t0);
    record ("x.list_tags.cpu", column, cpu_ms () - c0);
  }
  for (int r = 1; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();
      g_autoptr(GPtrArray) tags = amw_store_list_tags (store, NULL);
      record ("x.list_tags", column, now_ms () - t0);
      record ("x.list_tags.cpu", column, cpu_ms () - c0);
    }
  amw_query_set_tags (tagged, (const char * const[]) { tag, NULL });
  time_list (store, tagged, "tag", column, runs, &count);
  printf ("tag “%s” (%" G_GINT64_FORMAT " articles) ", tag, count);
  record ("note.tag", column, (double) count);
  g_hash_table_insert (tag_names, g_strdup (column), g_strdup (tag));

  amw_query_set_search (search, SEARCH_TEXT);
  time_list (store, search, "fts", column, runs, &count);
  record ("note.fts", column, (double) count);
  printf ("fts (%" G_GINT64_FORMAT " matches) ", count);
  time_search_model (store, SEARCH_TEXT, NULL, "fts_model", column, runs);
  time_search_model (store, SEARCH_TEXT_LONG, SEARCH_TEXT_LONGER, "fts_long_model", column, runs);
  amw_query_set_search (search_narrow, SEARCH_TEXT_NARROW);
  time_list (store, search_narrow, "x.fts_narrow", column, runs, &count);
  time_search_model (store, SEARCH_TEXT_NARROW, NULL, "x.fts_narrow_model", column, runs);
  record ("note.fts_narrow", column, (double) count);
  amw_query_set_search (search_rank, SEARCH_TEXT);
  amw_query_set_sort (search_rank, AMW_SORT_RELEVANCE, TRUE);
  time_list (store, search_rank, "x.fts_rank", column, runs, NULL);

  for (int r = 0; r < runs; r++)
    {
      gint64 offset = (n / 2) / PAGE * PAGE;
      g_autoptr(GPtrArray) rows = NULL;
      double t0, c0;

      first_page (store, all, NULL, NULL, NULL);
      t0 = now_ms ();
      c0 = cpu_ms ();
      rows = amw_store_fetch_articles (store, all, offset, PAGE, &error);
      if (rows == NULL)
        die ("deep page", error);
      /* The first deep page of a list reads its anchors (every 10 000th row). */
      record (r == 0 ? "deep.first" : "deep", column, now_ms () - t0);
      if (r > 0)
        record ("deep.cpu", column, cpu_ms () - c0);
    }
  /* A list that had time to find its anchors on the worker thread (the window's list
   * starts that after its first count): a fresh store each run, so nothing is kept. */
  for (int r = 0; r < runs; r++)
    {
      gint64 offset = (n / 2) / PAGE * PAGE;
      g_autoptr(AmwStore) fresh = amw_store_open (path, &error);
      g_autoptr(GPtrArray) rows = NULL;
      gboolean prepared = FALSE;
      double t0;

      if (fresh == NULL)
        die ("open", error);
      t0 = now_ms ();
      amw_store_prepare_deep_pages_async (fresh, all, NULL, on_prepared, &prepared);
      while (!prepared)
        g_main_context_iteration (NULL, TRUE);
      record ("deep.prepare", column, now_ms () - t0);
      t0 = now_ms ();
      rows = amw_store_fetch_articles (fresh, all, offset, PAGE, &error);
      if (rows == NULL)
        die ("deep page", error);
      record ("deep.prepared", column, now_ms () - t0);
    }
  printf ("deep ");

  amw_query_set_statuses (published, published_only);
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();

      if ((count = amw_store_count_articles (store, published, &error)) < 0)
        die ("count", error);
      record ("count", column, now_ms () - t0);
      record ("count.cpu", column, cpu_ms () - c0);
      t0 = now_ms ();
      if (amw_store_count_articles (store, all, &error) < 0)
        die ("count", error);
      record ("x.count_all", column, now_ms () - t0);
    }
  printf ("count ");

  /* What else the window asks for at launch (filter sidebar, timeline view). */
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();
      g_autoptr(GPtrArray) areas = amw_store_list_areas (store, &error);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GArray) weeks = NULL;

      if (areas == NULL)
        die ("areas", error);
      record ("x.list_areas", column, now_ms () - t0);
      record ("x.list_areas.cpu", column, cpu_ms () - c0);
      t0 = now_ms ();
      c0 = cpu_ms ();
      if (amw_store_count_timeline (store, NULL, &error) < 0 ||
          (rows = amw_store_fetch_timeline (store, NULL, 0, PAGE, &error)) == NULL)
        die ("timeline", error);
      record ("x.timeline", column, now_ms () - t0);
      record ("x.timeline.cpu", column, cpu_ms () - c0);
      t0 = now_ms ();
      c0 = cpu_ms ();
      if ((weeks = amw_store_timeline_density (store, NULL, &error)) == NULL)
        die ("density", error);
      record ("x.density", column, now_ms () - t0);
      record ("x.density.cpu", column, cpu_ms () - c0);
    }
  printf ("launch-extras\n");
  record ("note.n", column, (double) n);
}

/* ---- export / import in child processes ---- */

typedef struct {
  double wall_ms;
  double maxrss_mb;
  double extra[2];   /* reported by the child through a pipe */
  int    status;
} ChildResult;

typedef void (*ChildFunc) (gpointer data, int report_fd);

static ChildResult
run_child (ChildFunc  func,
           gpointer   data)
{
  ChildResult result = { 0 };
  struct rusage usage;
  int fds[2];
  double t0;
  pid_t pid;

  if (pipe (fds) != 0)
    die ("pipe", NULL);
  t0 = now_ms ();
  pid = fork ();
  if (pid < 0)
    die ("fork", NULL);
  if (pid == 0)
    {
      close (fds[0]);
      func (data, fds[1]);
      _exit (0);
    }
  close (fds[1]);
  if (wait4 (pid, &result.status, 0, &usage) != pid)
    die ("wait4", NULL);
  result.wall_ms = now_ms () - t0;
  result.maxrss_mb = usage.ru_maxrss / 1024.0;
  if (read (fds[0], result.extra, sizeof result.extra) != sizeof result.extra)
    memset (result.extra, 0, sizeof result.extra);
  close (fds[0]);
  if (!WIFEXITED (result.status) || WEXITSTATUS (result.status) != 0)
    {
      g_printerr ("amw-bench: a child failed (status %d)\n", result.status);
      exit (1);
    }
  return result;
}

typedef struct {
  const char *db;
  const char *out;
  gint64      n_articles;
  double      articles_done_ms;
  double      start_ms;
} ExportJob;

static void
export_progress_cb (guint64  done,
                    guint64  total,
                    gpointer data)
{
  ExportJob *job = data;

  if (done == total)
    job->articles_done_ms = now_ms () - job->start_ms;
}

static void
export_child (gpointer data,
              int      report_fd)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  AmwExportSelection selection = { AMW_SELECTION_ALL, NULL, NULL };
  AmwStore *store;
  guint64 n = 0;
  double report[2];

  job->start_ms = now_ms ();
  store = amw_store_open (job->db, &error);
  if (store == NULL || !amw_export_to_file (store, &selection, job->out, &n, export_progress_cb, job,
                                            NULL, &error))
    {
      g_printerr ("amw-bench: export: %s\n", error->message);
      _exit (1);
    }
  report[0] = job->articles_done_ms;
  report[1] = (double) n;
  if (write (report_fd, report, sizeof report) != sizeof report)
    _exit (1);
  g_object_unref (store);
}

typedef struct {
  const char *argv[8];
  const char *out;
} ExecJob;

static void
exec_child (gpointer data,
            int      report_fd)
{
  ExecJob *job = data;
  int fd = open (job->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  close (report_fd);
  if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    _exit (1);
  execvp (job->argv[0], (char **) job->argv);
  _exit (127);
}

typedef struct {
  const char *file;
  const char *db;
} ImportJob;

static void
import_child (gpointer data,
              int      report_fd)
{
  ImportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwImportReport) report = NULL;
  AmwImportPlan *plan;
  AmwStore *store;
  double t0 = now_ms (), times[2];

  store = amw_store_open (job->db, &error);
  if (store == NULL || (plan = amw_import_plan_load (store, job->file, &report, &error)) == NULL)
    {
      g_printerr ("amw-bench: import: %s\n", error ? error->message : "failed");
      _exit (1);
    }
  times[0] = now_ms () - t0;
  t0 = now_ms ();
  if (!amw_import_plan_apply (store, plan, NULL, NULL, &error))
    {
      g_printerr ("amw-bench: import: %s\n", error->message);
      _exit (1);
    }
  times[1] = now_ms () - t0;
  if (write (report_fd, times, sizeof times) != sizeof times)
    _exit (1);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

#define FLOOR_SQL \
  "SELECT a.id, a.title, a.source, a.url, a.published, a.status, a.summary, a.amw_read," \
  " a.novelty, a.significance, a.created_at, a.updated_at," \
  " (SELECT json_group_array (name) FROM (SELECT t.name AS name FROM article_tags x" \
  "   JOIN tags t ON t.pk = x.tag WHERE x.article = a.pk ORDER BY x.position)) AS tags" \
  " FROM articles a ORDER BY a.id"

static void
bench_export_import (const char *db,
                     const char *column,
                     const char *workdir,
                     int         runs)
{
  g_autofree char *out = g_build_filename (workdir, "bench-export.json", NULL);
  g_autofree char *floor_out = g_build_filename (workdir, "bench-floor.json", NULL);
  g_autofree char *import_db = g_build_filename (workdir, "bench-import.db", NULL);
  ExportJob export_job = { db, out, 0, 0, 0 };
  ExecJob floor_job = { { "sqlite3", "-json", "-readonly", db, FLOOR_SQL, NULL }, floor_out };
  ImportJob import_job = { out, import_db };
  GStatBuf st;

  printf ("export/import on %s: ", db);
  for (int r = 0; r < runs; r++)
    {
      ChildResult export = run_child (export_child, &export_job);
      ChildResult floor = run_child (exec_child, &floor_job);

      record ("export", column, export.wall_ms);
      record ("export.articles", column, export.extra[0]);
      record ("export.rss", column, export.maxrss_mb);
      record ("note.export_n", column, export.extra[1]);
      record ("floor", column, floor.wall_ms);
      record ("floor.rss", column, floor.maxrss_mb);
      record ("export.ratio", column, export.wall_ms / floor.wall_ms);
      printf ("e ");
    }
  if (g_stat (out, &st) == 0)
    record ("note.export_mb", column, st.st_size / 1048576.0);
  for (int r = 0; r < runs; r++)
    {
      ChildResult import;

      remove_database (import_db);
      import = run_child (import_child, &import_job);
      record ("import", column, import.wall_ms);
      record ("import.load", column, import.extra[0]);
      record ("import.apply", column, import.extra[1]);
      record ("import.rss", column, import.maxrss_mb);
      printf ("i ");
    }
  printf ("\n");
  remove_database (import_db);
  g_unlink (floor_out);
  g_unlink (out);
}

/* ---- GUI results ---- */

static void
read_gui_results (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    die (path, error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);

      if (g_strv_length (fields) < 3 || fields[0][0] == '#')
        continue;
      add_column (fields[0]);
      for (guint j = 2; fields[j] != NULL; j++)
        if (fields[j][0] != '\0')
          record (fields[1], fields[0], g_ascii_strtod (fields[j], NULL));
    }
}

/* ---- the table ---- */

typedef enum { UNIT_MS, UNIT_MB, UNIT_S, UNIT_RATIO } Unit;

typedef struct {
  const char *metric;
  const char *label;
  Unit        unit;
  double      target;      /* ≤ target; 0: none */
  const char *target_text;
  gboolean    at_smallest; /* judged on the smallest database (100k) instead of the largest */
} Row;

static const Row rows[] = {
  { "open", "open + first page (count + 100 rows)", UNIT_MS, 150, "< 150 ms", FALSE },
  { "open.cold", "  same, file not in page cache", UNIT_MS, 0, NULL, FALSE },
  { "sort", "sort change: title A→Z (count + page)", UNIT_MS, 50, "< 50 ms", FALSE },
  { "sort.count", "  of which count", UNIT_MS, 0, NULL, FALSE },
  { "tag", "tag filter, mid-frequency (count + page)", UNIT_MS, 50, "< 50 ms", FALSE },
  { "tag.count", "  of which count", UNIT_MS, 0, NULL, FALSE },
  { "fts_model", "FTS “model rel”, newest first: list model, first page", UNIT_MS, 20, "< 20 ms", FALSE },
  { "fts_model.exact", "  exact count landed (worker thread)", UNIT_MS, 0, NULL, FALSE },
  { "fts_long_model", "FTS “model rele”, “model relea” (typing on): first page", UNIT_MS, 20, "< 20 ms", FALSE },
  { "fts_long_model.exact", "  exact count landed (worker thread)", UNIT_MS, 0, NULL, FALSE },
  { "fts", "  store calls: exact count + page", UNIT_MS, 0, NULL, FALSE },
  { "fts.count", "  of which count", UNIT_MS, 0, NULL, FALSE },
  { "x.fts_rank", "  same, by relevance", UNIT_MS, 0, NULL, FALSE },
  { "x.fts_narrow_model", "FTS “sovereign summ” (~0.8 %): list model, first page", UNIT_MS, 0, NULL, FALSE },
  { "x.fts_narrow", "  store calls: count + page", UNIT_MS, 0, NULL, FALSE },
  { "x.fts_narrow.count", "  of which count", UNIT_MS, 0, NULL, FALSE },
  { "deep", "page at row N/2 (from the nearest anchor)", UNIT_MS, 20, "< 20 ms", FALSE },
  { "deep.first", "  the list's first deep page (reads the anchors)", UNIT_MS, 0, NULL, FALSE },
  { "deep.prepare", "  anchors found ahead (worker thread, after the count)", UNIT_MS, 0, NULL, FALSE },
  { "deep.prepared", "  the first deep page once they are found", UNIT_MS, 0, NULL, FALSE },
  { "count", "count, status = published", UNIT_MS, 0, NULL, FALSE },
  { "x.count_all", "count, no filter", UNIT_MS, 0, NULL, FALSE },
  { "x.list_tags", "tags with counts (filter sidebar)", UNIT_MS, 0, NULL, FALSE },
  { "x.list_areas", "areas with counts (filter sidebar)", UNIT_MS, 0, NULL, FALSE },
  { "x.timeline", "timeline count + first page", UNIT_MS, 0, NULL, FALSE },
  { "x.density", "timeline density strip", UNIT_MS, 0, NULL, FALSE },
  { "gui.first_frame", "GUI: launch → first frame with rows", UNIT_MS, 0, NULL, FALSE },
  { "gui.window", "  of which building the window", UNIT_MS, 0, NULL, FALSE },
  { "gui.rss_start", "GUI: RSS at first frame", UNIT_MB, 0, NULL, FALSE },
  { "gui.scroll_ms", "GUI: scroll to the end (steps)", UNIT_MS, 0, NULL, FALSE },
  { "gui.rss_end", "GUI: RSS after scrolling to the end", UNIT_MB, 120, "< 120 MB, ±10 % of 100k", FALSE },
  { "export", "export all articles (wall)", UNIT_S, 0, NULL, TRUE },
  { "export.articles", "  of which the articles array", UNIT_S, 0, NULL, TRUE },
  { "floor", "sqlite3 -json, same rows + tags (floor)", UNIT_S, 0, NULL, TRUE },
  { "export.ratio", "export / floor", UNIT_RATIO, 1.5, "≤ 1.5×", TRUE },
  { "export.rss", "export peak RSS", UNIT_MB, 64, "< 64 MB", TRUE },
  { "floor.rss", "sqlite3 -json peak RSS", UNIT_MB, 0, NULL, TRUE },
  { "import", "import that export into an empty db", UNIT_S, 5, "< 5 s", TRUE },
  { "import.load", "  of which parse + check", UNIT_S, 0, NULL, TRUE },
  { "import.apply", "  of which write (one transaction)", UNIT_S, 0, NULL, TRUE },
  { "import.rss", "import peak RSS", UNIT_MB, 0, NULL, TRUE },
};

static char *
format_cell (GArray *values,
             Unit    unit)
{
  double median, lo, hi, scale = unit == UNIT_S ? 1000.0 : 1.0;
  const char *suffix = unit == UNIT_RATIO ? "×" : "";
  int decimals = unit == UNIT_MB ? 0 : unit == UNIT_MS ? 1 : 2;
  g_autofree char *m = NULL, *l = NULL, *h = NULL;

  if (values == NULL || values->len == 0)
    return g_strdup ("—");
  median = samples_median (values) / scale;
  lo = samples_min (values) / scale;
  hi = samples_max (values) / scale;
  if (unit == UNIT_MS && median >= 100)
    decimals = 0;
  m = g_strdup_printf ("%.*f", decimals, median);
  if (values->len == 1)
    return g_strdup_printf ("%s%s", m, suffix);
  l = g_strdup_printf ("%.*f", decimals, lo);
  h = g_strdup_printf ("%.*f", decimals, hi);
  return g_strdup_printf ("%s%s [%s–%s]", m, suffix, l, h);
}

static int
utf8_width (const char *text)
{
  return (int) g_utf8_strlen (text, -1);
}

static void
print_padded (const char *text,
              int         width)
{
  printf ("%s%*s", text, MAX (0, width - utf8_width (text)), "");
}

static const char *
unit_name (Unit unit)
{
  switch (unit)
    {
    case UNIT_MS: return "ms";
    case UNIT_MB: return "MB";
    case UNIT_S: return "s";
    case UNIT_RATIO:
    default: return "";
    }
}

static void
print_table (int runs,
             int export_runs)
{
  int label_width = 46, cell_width = 22;
  const char *largest = column_labels->len ? g_ptr_array_index (column_labels, column_labels->len - 1) : NULL;
  const char *smallest = column_labels->len ? g_ptr_array_index (column_labels, 0) : NULL;

  printf ("\nAMW Desk benchmark — median [min–max] of %d runs (export/import: %d runs);"
          " “CPU”: median CPU time (user + system) of the same operation\n\n", runs, export_runs);
  print_padded ("operation", label_width);
  printf (" | ");
  print_padded ("unit", 4);
  for (guint c = 0; c < column_labels->len; c++)
    {
      printf (" | ");
      print_padded (g_ptr_array_index (column_labels, c), cell_width);
    }
  if (largest != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s CPU", largest);
      printf (" | ");
      print_padded (title, 9);
    }
  printf (" | target                  | met\n");
  for (int i = 0; i < label_width + 7 + (cell_width + 3) * (int) column_labels->len + 12 + 32; i++)
    printf ("-");
  printf ("\n");

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      const Row *row = &rows[r];
      gboolean any = FALSE;

      for (guint c = 0; c < column_labels->len; c++)
        any |= lookup (row->metric, g_ptr_array_index (column_labels, c)) != NULL;
      if (!any)
        continue;
      print_padded (row->label, label_width);
      printf (" | ");
      print_padded (unit_name (row->unit), 4);
      for (guint c = 0; c < column_labels->len; c++)
        {
          g_autofree char *cell = format_cell (lookup (row->metric, g_ptr_array_index (column_labels, c)), row->unit);
          printf (" | ");
          print_padded (cell, cell_width);
        }
      {
        g_autofree char *cpu_metric = g_strconcat (row->metric, ".cpu", NULL);
        GArray *cpu = largest ? lookup (cpu_metric, largest) : NULL;
        g_autofree char *cell = cpu ? g_strdup_printf ("%.1f", samples_median (cpu)) : g_strdup ("");

        printf (" | ");
        print_padded (cell, 9);
      }
      printf (" | ");
      print_padded (row->target_text ? row->target_text : "", 23);
      if (row->target > 0)
        {
          const char *judged = row->at_smallest ? smallest : largest;
          GArray *values = lookup (row->metric, judged);

          /* Export and import are judged where they ran. */
          for (guint c = 0; values == NULL && c < column_labels->len; c++)
            {
              judged = g_ptr_array_index (column_labels, c);
              values = lookup (row->metric, judged);
            }
          if (values == NULL)
            printf (" | ?");
          else
            {
              double median = samples_median (values) / (row->unit == UNIT_S ? 1000.0 : 1.0);
              gboolean met = median <= row->target;

              if (g_str_equal (row->metric, "gui.rss_end") && smallest != largest)
                {
                  GArray *base = lookup (row->metric, smallest);
                  if (base != NULL)
                    met = met && median <= samples_median (base) * 1.10;
                }
              printf (" | %s (%s)", met ? "yes" : "NO", judged);
            }
        }
      printf ("\n");
    }

  printf ("\n");
  for (guint c = 0; c < column_labels->len; c++)
    {
      const char *column = g_ptr_array_index (column_labels, c);
      GArray *tag = lookup ("note.tag", column), *fts = lookup ("note.fts", column);
      GArray *n_export = lookup ("note.export_n", column), *mb = lookup ("note.export_mb", column);

      if (tag != NULL && fts != NULL)
        printf ("%s: tag filter “%s” matches %.0f articles; “%s” matches %.0f, “%s” %.0f\n", column,
                (const char *) g_hash_table_lookup (tag_names, column), samples_median (tag),
                SEARCH_TEXT, samples_median (fts), SEARCH_TEXT_NARROW,
                samples_median (lookup ("note.fts_narrow", column)));
      if (n_export != NULL)
        printf ("%s: export of %.0f articles (+ every company and event), %.0f MB\n", column,
                 samples_median (n_export), mb ? samples_median (mb) : 0.0);
    }
}

static char *
column_for (const char *path,
            gint64     *n_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open (path, &error);
  gint64 n;

  if (store == NULL)
    die (path, error);
  n = amw_store_count_articles (store, NULL, &error);
  if (n < 0)
    die (path, error);
  if (n_out)
    *n_out = n;
  if (n >= 1000000 && n % 1000000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "M", n / 1000000);
  if (n >= 1000 && n % 1000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "k", n / 1000);
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 7, export_runs = 3;
  g_autofree char *export_db = NULL;
  g_auto(GStrv) gui_files = NULL;
  g_auto(GStrv) dbs = NULL;
  gboolean no_export = FALSE;
  g_autofree char *workdir = NULL;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each list operation (7)", "N" },
    { "export-runs", 0, 0, G_OPTION_ARG_INT, &export_runs, "Runs of export and import (3)", "N" },
    { "export-db", 0, 0, G_OPTION_ARG_FILENAME, &export_db, "Database to export (the first DB)", "DB" },
    { "no-export", 0, 0, G_OPTION_ARG_NONE, &no_export, "Skip export and import", NULL },
    { "gui", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gui_files, "Results of amw-bench-gui to include", "FILE" },
    { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &workdir, "Where export files go (beside the export db)", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dbs, NULL, "DB…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DB… — time AMW Desk on generated databases");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dbs == NULL || runs < 1 || export_runs < 1)
    {
      g_printerr ("amw-bench: %s\n", error ? error->message : "give at least one database");
      return 2;
    }
  results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  column_labels = g_ptr_array_new_with_free_func (g_free);
  tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; dbs[i] != NULL; i++)
    {
      g_autofree char *column = column_for (dbs[i], NULL);

      add_column (column);
      bench_lists (dbs[i], column, runs);
    }
  if (!no_export)
    {
      const char *db = export_db ? export_db : dbs[0];
      g_autofree char *column = column_for (db, NULL);
      g_autofree char *dir = workdir ? g_strdup (workdir) : g_path_get_dirname (db);

      add_column (column);
      bench_export_import (db, column, dir, export_runs);
    }
  for (guint i = 0; gui_files != NULL && gui_files[i] != NULL; i++)
    read_gui_results (gui_files[i]);
  print_table (runs, export_runs);
  return 0;
}
