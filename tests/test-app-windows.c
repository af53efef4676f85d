/* test-app-windows.c — the Keyboard Shortcuts window lists every accelerator of the main
 * window, and the About window tells what this is. */
#include "amw-config.h"

#include <adwaita.h>

#include "amw-gui-test-utils.h"
#include "amw-window.h"

/* Every accelerator the main window and its views answer to (keep in step with
 * amw-window.c, amw-window-io.c, amw-articles-view.c and amw-application.c). */
static const char * const accelerators[] = {
  "<Control>f", "<Control>o", "<Control><Shift>e", "<Control>z", "<Control><Shift>z",
  "<Control>question", "<Control>w", "<Control>q", "<Control>1", "<Control>2", "<Control>3",
  "<Alt>Left", "<Alt>Right", "F9", "<Control>e", "<Control>t", "<Control>r", "<Control>l", "<Control>h",
  "1...5", "<Alt>1...<Alt>5", "0", "<Alt>0",
};

static gboolean
same_accelerator (const char *a,
                  const char *b)
{
  guint key_a, key_b;
  GdkModifierType mods_a, mods_b;

  /* Ranges ("1...5") are not single accelerators: compare them as written. */
  if (strstr (a, "...") != NULL || strstr (b, "...") != NULL)
    return g_strcmp0 (a, b) == 0;
  return gtk_accelerator_parse (a, &key_a, &mods_a) && gtk_accelerator_parse (b, &key_b, &mods_b) &&
         gdk_keyval_to_lower (key_a) == gdk_keyval_to_lower (key_b) && mods_a == mods_b;
}

static gboolean
is_window_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data)) && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_shortcuts_window (void)
{
  g_autoptr(AmwStore) store = amw_test_open_sample ();
  AmwWindow *window = amw_window_new_for_store (NULL, store, NULL);
  GtkBuilder *builder = gtk_builder_new_from_resource ("/com/example/Amw/gtk/help-overlay.ui");
  GtkShortcutsWindow *overlay = g_object_ref (GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  g_autoptr(GPtrArray) shortcuts = NULL;

  /* As GtkApplication does it: the window keeps the overlay, not the builder. */
  g_object_unref (builder);

  gtk_window_present (GTK_WINDOW (window));
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window), overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (amw_gui_test_wait_for (is_window_visible, overlay, 2000));

  shortcuts = amw_gui_test_find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
  g_assert_cmpuint (shortcuts->len, >=, G_N_ELEMENTS (accelerators));
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < shortcuts->len && !listed; j++)
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *title = NULL;

          g_object_get (g_ptr_array_index (shortcuts, j), "accelerator", &accelerator, "title", &title, NULL);
          g_assert_nonnull (title);
          g_assert_cmpstr (title, !=, "");
          listed = same_accelerator (accelerator, accelerators[i]);
        }
      if (!listed)
        g_error ("%s is not in the Keyboard Shortcuts window", accelerators[i]);
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
  g_object_unref (overlay);
  gtk_window_destroy (GTK_WINDOW (window));
  amw_gui_test_spin (50);
}

static void
test_about_window (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *about;

  gtk_window_present (GTK_WINDOW (parent));
  about = amw_application_show_about (GTK_WINDOW (parent));
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_true (amw_gui_test_wait_for (is_window_visible, about, 2000));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "AMW Desk");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, AMW_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, AMW_APP_ID);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (parent));
  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (parent));
  amw_gui_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  amw_gui_test_init (&argc, &argv);

  g_test_add_func ("/app/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/app/about-window", test_about_window);

  return g_test_run ();
}
