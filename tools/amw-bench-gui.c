/* amw-bench-gui.c — the window on a big database: how long until the article list shows
 * rows, and how much memory it holds after scrolling to the end. Not a test; run it under
 * a private X server (tools/bench.sh does):
 *
 *   GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
 *     xvfb-run -a -s "-screen 0 1400x900x24" amw-bench-gui DB [--steps 40] [--label 1M]
 *
 * (Without GL: under Xvfb it would be Mesa's llvmpipe, whose ~60 MB are not AMW Desk's.
 * AMW_BENCH_GUI_SMAPS=1 prints where the resident memory is, by mapping, on stderr.)
 *
 * Prints lines "LABEL METRIC VALUE" that amw-bench --gui FILE puts into its table:
 *   gui.first_frame  ms from main() to the end of the first frame (frame clock "after-paint")
 *                    in which the article column view has mapped rows showing text;
 *   gui.rss_start    VmRSS (MB) at that frame;
 *   gui.scroll_ms    time to scroll to the end in --steps jumps ("list.scroll-to-item",
 *                    each followed by two painted frames);
 *   gui.rss_end      VmRSS (MB) after the last step, once the window is idle again;
 *   gui.hwm          peak RSS (VmHWM, MB) of the whole run;
 *   gui.init, gui.window  ms spent in gtk_init + adw_init, and in amw_window_new_for_store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "amw-articles-view.h"
#include "amw-paged-list.h"
#include "amw-window.h"

static double start_ms;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* A field of /proc/self/status in MB ("VmRSS", "VmHWM"). */
static double
status_mb (const char *field)
{
  g_autofree char *text = NULL;
  size_t len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  for (char *line = text; line && *line; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    if (strncmp (line, field, len) == 0 && line[len] == ':')
      return g_ascii_strtod (line + len + 1, NULL) / 1024.0;
  return -1;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_text (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      return text != NULL && text[0] != '\0';
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child))
      return TRUE;
  return FALSE;
}

/* The rows of the column view (children of its inner GtkListView) that are mapped and
 * show some text. */
static guint
count_shown_rows (GtkWidget *column_view)
{
  GtkWidget *list = NULL;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (column_view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      list = child;
  if (list == NULL)
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (shows_text (row))
      n++;
  return n;
}

/* The scrolled window around the list, whose adjustment tells whether we reached the end. */
static GtkWidget *
scrolled_window_of (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      return w;
  return NULL;
}


/* With AMW_BENCH_GUI_SMAPS set: where the resident memory is, by mapping (stderr). */
static void
print_rss_by_mapping (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) names = NULL;
  char *current = NULL;

  if (!g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL))
    return;
  for (char *line = strtok (text, "\n"); line != NULL; line = strtok (NULL, "\n"))
    {
      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL)
        {
          /* "start-end perms offset dev inode [path]" */
          char *path = line;
          for (int field = 0; field < 5 && path != NULL; field++)
            path = strchr (path, ' ') ? strchr (path, ' ') + 1 : NULL;
          while (path != NULL && *path == ' ')
            path++;
          current = g_strdup (path != NULL && *path ? path : "[anonymous]");
          if (!g_hash_table_contains (by_name, current))
            g_hash_table_insert (by_name, g_strdup (current), GSIZE_TO_POINTER (0));
          g_free (current);
          current = g_strdup (path != NULL && *path ? path : "[anonymous]");
        }
      else if (current != NULL && g_str_has_prefix (line, "Rss:"))
        {
          gsize kb = (gsize) g_ascii_strtoull (line + 4, NULL, 10);
          gsize sum = GPOINTER_TO_SIZE (g_hash_table_lookup (by_name, current));
          g_hash_table_insert (by_name, g_strdup (current), GSIZE_TO_POINTER (sum + kb));
        }
    }
  g_free (current);
  names = g_hash_table_get_keys (by_name);
  for (guint printed = 0; printed < 12 && names != NULL; printed++)
    {
      GList *best = names;
      for (GList *l = names; l != NULL; l = l->next)
        if (GPOINTER_TO_SIZE (g_hash_table_lookup (by_name, l->data)) >
            GPOINTER_TO_SIZE (g_hash_table_lookup (by_name, best->data)))
          best = l;
      g_printerr ("# rss %7.1f MB  %s\n", GPOINTER_TO_SIZE (g_hash_table_lookup (by_name, best->data)) / 1024.0,
                  (const char *) best->data);
      names = g_list_delete_link (names, best);
    }
}

typedef struct {
  GtkWidget  *window;
  GtkWidget  *column_view;
  GListModel *model;
  gboolean    painted;      /* a frame was painted since the flag was cleared */
  double      first_frame_ms;
  double      rss_start;
  double      init_ms;      /* gtk_init + adw_init */
  double      window_ms;    /* amw_window_new_for_store */
} Bench;

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->painted = TRUE;
  if (bench->first_frame_ms > 0 || bench->column_view == NULL)
    return;
  if (count_shown_rows (bench->column_view) > 0)
    {
      bench->first_frame_ms = now_ms () - start_ms;
      bench->rss_start = status_mb ("VmRSS");
    }
}

static gboolean
first_frame_done (gpointer data)
{
  return ((Bench *) data)->first_frame_ms > 0;
}

static gboolean
painted (gpointer data)
{
  return ((Bench *) data)->painted;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits for @n painted frames: the scroll is laid out, bound and drawn. */
static void
wait_frames (Bench *bench,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      bench->painted = FALSE;
      gtk_widget_queue_draw (bench->window);
      wait_for (painted, bench, 2000);
    }
}

static char *
label_for (gint64 n)
{
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
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autofree char *label = NULL;
  int steps = 40;
  GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Jumps to reach the end (40)", "N" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "Column label (from the article count)", "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DB — time the window on a database");
  Bench bench = { 0 };
  GdkFrameClock *clock;
  GtkWidget *scrolled;
  guint n_items;
  double t0, scroll_ms;
  gboolean reached_end;

  start_ms = now_ms ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || steps < 1)
    {
      g_printerr ("amw-bench-gui: %s\n", error ? error->message : "give one database");
      return 2;
    }

  gtk_init ();
  adw_init ();
  bench.init_ms = now_ms () - start_ms;
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/example/Amw/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  store = amw_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("amw-bench-gui: %s\n", error->message);
      return 1;
    }
  t0 = now_ms ();
  bench.window = GTK_WIDGET (amw_window_new_for_store (NULL, store, NULL));
  bench.window_ms = now_ms () - t0;
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1400, 900);
  bench.column_view = find_widget (amw_window_get_view_widget (AMW_WINDOW (bench.window), "articles"),
                                   GTK_TYPE_COLUMN_VIEW);
  bench.model = amw_articles_view_get_model (AMW_ARTICLES_VIEW (amw_window_get_view_widget (AMW_WINDOW (bench.window), "articles")));
  gtk_widget_realize (bench.window);
  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));

  if (bench.column_view == NULL || !wait_for (first_frame_done, &bench, 120000))
    {
      g_printerr ("amw-bench-gui: no rows were shown within 120 s\n");
      return 1;
    }
  n_items = g_list_model_get_n_items (bench.model);
  if (label == NULL)
    label = label_for (n_items);

  /* Scroll to the end in steps, as a reader dragging the scrollbar down would. */
  scrolled = scrolled_window_of (bench.column_view);
  t0 = now_ms ();
  for (int i = 1; i <= steps; i++)
    {
      guint position = (guint) ((guint64) (n_items - 1) * i / steps);

      gtk_widget_activate_action (bench.column_view, "list.scroll-to-item", "u", position);
      wait_frames (&bench, 2);
    }
  scroll_ms = now_ms () - t0;
  spin (500);
  {
    /* Reached the end if the adjustment sits at its bottom. */
    GtkAdjustment *adj = scrolled ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
    reached_end = adj != NULL &&
                  gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
                  gtk_adjustment_get_upper (adj) - 1;
    if (!reached_end && adj != NULL)
      {
        /* GTK 4.8's column view may not forward "list.scroll-to-item" to its list: drag
         * the scrollbar instead, in the same number of steps. */
        t0 = now_ms ();
        for (int i = 1; i <= steps; i++)
          {
            double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
            gtk_adjustment_set_value (adj, upper * i / steps);
            wait_frames (&bench, 2);
          }
        gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
        wait_frames (&bench, 2);
        scroll_ms = now_ms () - t0;
        spin (500);
        reached_end = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
                      gtk_adjustment_get_upper (adj) - 1;
      }
  }

  printf ("%s gui.first_frame %.1f\n", label, bench.first_frame_ms);
  printf ("%s gui.init %.1f\n", label, bench.init_ms);
  printf ("%s gui.window %.1f\n", label, bench.window_ms);
  printf ("%s gui.rss_start %.1f\n", label, bench.rss_start);
  printf ("%s gui.scroll_ms %.1f\n", label, scroll_ms);
  printf ("%s gui.rss_end %.1f\n", label, status_mb ("VmRSS"));
  printf ("%s gui.hwm %.1f\n", label, status_mb ("VmHWM"));
  {
    GListModel *inner = GTK_IS_MULTI_SELECTION (bench.model)
                        ? gtk_multi_selection_get_model (GTK_MULTI_SELECTION (bench.model)) : bench.model;

    printf ("# %s: %u rows, %u shown after scrolling, end reached: %s, %u pages cached\n", label,
            n_items, count_shown_rows (bench.column_view), reached_end ? "yes" : "NO",
            AMW_IS_PAGED_LIST (inner) ? amw_paged_list_get_n_cached_pages (AMW_PAGED_LIST (inner)) : 0u);
  }
  if (g_getenv ("AMW_BENCH_GUI_SMAPS") != NULL)
    print_rss_by_mapping ();
  gtk_window_destroy (GTK_WINDOW (bench.window));
  return reached_end ? 0 : 3;
}
