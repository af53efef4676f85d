/* amw-screenshot.c — renders the real window in a given state to a PNG, for the README
 * and for looking at what we build. Not a test.
 *
 *   amw-screenshot OUT.png VIEW [ID] [--dark]
 *   VIEW: articles | companies | company | timeline | empty
 */
#include "amw-config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "amw-articles-view.h"
#include "amw-gui-test-utils.h"
#include "amw-window.h"

static void
save_window (GtkWidget  *window,
             const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("could not save %s\n", path);
  g_object_unref (paintable);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  const char *out, *view, *id = NULL;
  gboolean dark = FALSE;
  AmwWindow *window;

  amw_gui_test_init (&argc, &argv);
  /* As the app does: translations follow LANG/LANGUAGE; AMW_LOCALEDIR finds the build tree's. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AMW_LOCALEDIR") ? g_getenv ("AMW_LOCALEDIR") : AMW_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc < 3)
    {
      g_printerr ("usage: amw-screenshot OUT.png VIEW [ID] [--dark]\n");
      return 2;
    }
  out = argv[1];
  view = argv[2];
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dark"))
        dark = TRUE;
      else
        id = argv[i];
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (provider, "/com/example/Amw/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  store = amw_store_open (":memory:", &error);
  g_assert_no_error (error);
  amw_store_set_editor (store, "Dana Editor");
  if (!g_str_equal (view, "empty"))
    {
      sample = amw_test_sample_path ();
      amw_import_file (store, sample, NULL, &error);
      g_assert_no_error (error);
    }
  window = amw_window_new_for_store (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400,
                               g_getenv ("AMW_SHOT_HEIGHT") ? atoi (g_getenv ("AMW_SHOT_HEIGHT")) : 900);
  gtk_window_present (GTK_WINDOW (window));
  amw_gui_test_spin (300);

  if (g_str_equal (view, "articles") && id != NULL)
    {
      const char *ids[] = { id, NULL };
      /* Rated by an editor, as in daily use. */
      amw_store_rate_articles (store, ids, -1, -1, NULL);
      amw_window_open_article (window, id);
      amw_articles_view_show_article (AMW_ARTICLES_VIEW (amw_window_get_view_widget (window, "articles")), id);
    }
  else if (g_str_equal (view, "company"))
    amw_window_open_company (window, id ? id : "anthropic");
  else if (g_str_equal (view, "companies") || g_str_equal (view, "timeline"))
    amw_window_show_view (window, view);
  else if (g_str_equal (view, "damaged"))
    {
      /* As the check of a large file on a worker thread reports it. */
      g_autoptr(GError) damage = g_error_new (AMW_ERROR, AMW_ERROR_CORRUPT,
                                              "/home/dana/.local/share/amw/amw.db is damaged: "
                                              "database disk image is malformed");
      amw_store_mark_damaged (store, damage);
    }
  amw_gui_test_spin (800);
  save_window (GTK_WIDGET (window), out);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
