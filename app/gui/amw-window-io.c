/* amw-window-io.c — the window's import and export flows, and its editing dialogs.
 *
 * Import: a file chooser, then AmwImportDialog (preview, problems, progress). Export:
 * AmwExportDialog (what, completeness, where, progress). Each dialog says when it is
 * done through its "finished" signal, and the window shows the toast. */
#include "amw-config.h"
#include "amw-window-io.h"

#include <glib/gi18n.h>

#include "amw-company-dialog.h"
#include "amw-connections-dialog.h"
#include "amw-export-dialog.h"
#include "amw-import-dialog.h"
#include "amw-import.h"

char *
amw_window_io_sample_path (void)
{
  const char *override = g_getenv ("AMW_SAMPLE_DATA");
  g_autofree char *installed = g_build_filename (AMW_PKGDATADIR, "sample", "amw-sample.json", NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);
  return g_strdup (AMW_SOURCE_SAMPLE);
}

/* A toast's title is Pango markup: file names and messages must be escaped. */
static void
toast (AmwWindow  *self,
       const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *t = adw_toast_new (markup);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (amw_window_get_toast_overlay (self), t);
}

static void
show_error (AmwWindow  *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- import ---- */

static void
on_import_finished_cb (AmwImportDialog *dialog,
                       const char      *message,
                       AmwWindow       *self)
{
  toast (self, message);
}

void
amw_window_preview_import (AmwWindow *self,
                           GFile     *file)
{
  AmwStore *store;
  GtkWidget *dialog;

  g_return_if_fail (AMW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  store = amw_window_get_store (self);
  if (store == NULL)
    return;
  dialog = amw_import_dialog_new (GTK_WINDOW (self), store, file);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_import_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               AmwWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      amw_window_preview_import (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("AMW JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import JSON"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Preview"), _("_Cancel"));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_sample_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  g_autofree char *path = amw_window_io_sample_path ();
  g_autoptr(GError) error = NULL;

  if (!amw_import_file (amw_window_get_store (self), path, NULL, &error))
    show_error (self, _("Cannot Load the Sample Data"), error->message);
  else
    toast (self, _("Sample data loaded"));
}

/* ---- export ---- */

static void
toast_exported (AmwWindow  *self,
                const char *message,
                const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *t = adw_toast_new (markup);

  adw_toast_set_timeout (t, 8);
  adw_toast_set_button_label (t, _("Open Folder"));
  adw_toast_set_action_name (t, "win.open-folder");
  adw_toast_set_action_target_value (t, g_variant_new_string (folder));
  adw_toast_overlay_add_toast (amw_window_get_toast_overlay (self), t);
}

static void
on_export_finished_cb (AmwExportDialog *dialog,
                       const char      *message,
                       const char      *path,
                       AmwWindow       *self)
{
  toast_exported (self, message, path);
}

static void
on_export_open_article_cb (AmwExportDialog *dialog,
                           const char      *id,
                           AmwWindow       *self)
{
  amw_window_open_article (self, id);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  g_auto(GStrv) selected = amw_window_get_selected_article_ids (self);
  AmwStore *store = amw_window_get_store (self);
  GtkWidget *dialog;

  if (store == NULL)
    return;
  dialog = amw_export_dialog_new (GTK_WINDOW (self), store, amw_window_get_article_query (self),
                                  (const char * const *) selected);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished_cb), self, 0);
  g_signal_connect_object (dialog, "open-article", G_CALLBACK (on_export_open_article_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- editing dialogs ---- */

static void
edit_connections_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AmwStore *store = amw_window_get_store (AMW_WINDOW (widget));
  const char *id = g_variant_get_string (parameter, NULL);

  if (store != NULL && !amw_store_is_read_only (store) && amw_store_has_article (store, id))
    gtk_window_present (GTK_WINDOW (amw_connections_dialog_new (GTK_WINDOW (widget), store, id)));
}

static void
edit_company_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AmwStore *store = amw_window_get_store (AMW_WINDOW (widget));
  const char *id = g_variant_get_string (parameter, NULL);

  if (store != NULL && !amw_store_is_read_only (store) && amw_store_has_company (store, id))
    gtk_window_present (GTK_WINDOW (amw_company_dialog_new (GTK_WINDOW (widget), store, id)));
}

static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  /* A local folder the user just exported to, shown in the file manager. */
  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

void
amw_window_io_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_activated);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-connections", "s", edit_connections_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-company", "s", edit_company_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
}
