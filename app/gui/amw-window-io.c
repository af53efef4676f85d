/* amw-window-io.c — import (choose, preview, confirm) and export (choose what, where). */
#include "amw-config.h"
#include "amw-window-io.h"

#include <glib/gi18n.h>

#include "amw-export.h"
#include "amw-import.h"

#define MAX_PROBLEMS_SHOWN 8

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

static void
toast (AmwWindow  *self,
       const char *message)
{
  AdwToast *t = adw_toast_new (message);

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

typedef struct {
  AmwWindow     *window;
  AmwImportPlan *plan;
  char          *name;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_object_unref (request->window);
  amw_import_plan_free (request->plan);
  g_free (request->name);
  g_free (request);
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ImportRequest    *request)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "import"))
    {
      if (!amw_import_plan_apply (amw_window_get_store (request->window), request->plan, NULL, NULL, &error))
        show_error (request->window, _("Import Failed"), error->message);
      else
        {
          /* TRANSLATORS: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Imported “%s”"), request->name);
          toast (request->window, message);
        }
    }
  import_request_free (request);
}

static char *
describe_report (const AmwImportReport *report)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u new article", "%u new articles", report->n_articles_new),
                          report->n_articles_new);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("%u updated", "%u updated", report->n_articles_updated),
                          report->n_articles_updated);
  g_string_append (text, "\n");
  g_string_append_printf (text, ngettext ("%u new company", "%u new companies", report->n_companies_new),
                          report->n_companies_new);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("%u updated", "%u updated", report->n_companies_updated),
                          report->n_companies_updated);
  g_string_append (text, "\n");
  g_string_append_printf (text, ngettext ("%u new timeline event", "%u new timeline events", report->n_events_new),
                          report->n_events_new);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("%u updated", "%u updated", report->n_events_updated),
                          report->n_events_updated);
  return g_string_free (text, FALSE);
}

void
amw_window_preview_import (AmwWindow *self,
                           GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(AmwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AmwStore *store = amw_window_get_store (self);
  AmwImportPlan *plan;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (AMW_IS_WINDOW (self));

  if (store == NULL || path == NULL)
    return;
  plan = amw_import_plan_load (store, path, &report, &error);
  if (plan == NULL)
    {
      GString *body = g_string_new (NULL);
      guint n = report ? report->problems->len : 0;

      for (guint i = 0; i < MIN (n, MAX_PROBLEMS_SHOWN); i++)
        g_string_append_printf (body, "• %s\n", (const char *) g_ptr_array_index (report->problems, i));
      if (n > MAX_PROBLEMS_SHOWN)
        g_string_append_printf (body, ngettext ("…and %u more problem", "…and %u more problems",
                                                n - MAX_PROBLEMS_SHOWN), n - MAX_PROBLEMS_SHOWN);
      if (n == 0)
        g_string_append (body, error->message);
      g_string_append (body, _("\nNothing was changed."));
      /* TRANSLATORS: %s is a file name */
      heading = g_strdup_printf (_("Cannot Import “%s”"), name);
      show_error (self, heading, body->str);
      g_string_free (body, TRUE);
      return;
    }

  {
    g_autofree char *body = describe_report (report);
    ImportRequest *request = g_new0 (ImportRequest, 1);

    heading = g_strdup_printf (_("Import “%s”?"), name);
    dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                      "cancel", _("_Cancel"),
                                      "import", _("_Import"),
                                      NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    request->window = g_object_ref (self);
    request->plan = plan;
    request->name = g_steal_pointer (&name);
    g_signal_connect (dialog, "response", G_CALLBACK (on_import_response_cb), request);
    gtk_window_present (GTK_WINDOW (dialog));
  }
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

typedef struct {
  AmwWindow          *window;
  AmwSelectionKind    kind;
  AmwQuery           *query;
  GStrv               ids;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  g_clear_object (&request->query);
  g_strfreev (request->ids);
  g_free (request);
}

gboolean
amw_window_io_export (AmwWindow                *self,
                      const AmwExportSelection *selection,
                      const char               *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *message = NULL;
  guint64 n = 0;
  AdwToast *t;

  if (!amw_export_to_file (amw_window_get_store (self), selection, path, &n, NULL, NULL, NULL, &error))
    {
      show_error (self, _("Export Failed"), error->message);
      return FALSE;
    }
  message = g_strdup_printf (ngettext ("Exported %u article to “%s”", "Exported %u articles to “%s”", (gulong) n),
                             (guint) n, name);
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 8);
  adw_toast_set_button_label (t, _("Open Folder"));
  adw_toast_set_action_name (t, "win.open-folder");
  adw_toast_set_action_target_value (t, g_variant_new_string (folder));
  adw_toast_overlay_add_toast (amw_window_get_toast_overlay (self), t);
  return TRUE;
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               ExportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      AmwExportSelection selection = { request->kind, request->query, (const char * const *) request->ids };

      if (path != NULL)
        amw_window_io_export (request->window, &selection, path);
    }
  export_request_free (request);
  g_object_unref (chooser);
}

static void
choose_export_file (ExportRequest *request)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "amw-export-%Y-%m-%d.json");
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export JSON"), GTK_WINDOW (request->window),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_kind_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            AmwWindow        *self)
{
  ExportRequest *request;

  if (g_str_equal (response, "cancel"))
    return;
  request = g_new0 (ExportRequest, 1);
  request->window = g_object_ref (self);
  if (g_str_equal (response, "selected"))
    {
      request->kind = AMW_SELECTION_IDS;
      request->ids = amw_window_get_selected_article_ids (self);
    }
  else if (g_str_equal (response, "filter"))
    {
      request->kind = AMW_SELECTION_QUERY;
      request->query = amw_query_copy (amw_window_get_article_query (self));
    }
  else if (g_str_equal (response, "published"))
    request->kind = AMW_SELECTION_PUBLISHED;
  else
    request->kind = AMW_SELECTION_ALL;
  choose_export_file (request);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  g_auto(GStrv) selected = amw_window_get_selected_article_ids (self);
  guint n_selected = selected ? g_strv_length (selected) : 0;
  AmwQuery *query = amw_window_get_article_query (self);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Articles"),
                                              _("Choose which articles to export as JSON for the site. "
                                                "Internal notes are never exported."));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (n_selected > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("_Selected (%u)", "_Selected (%u)", n_selected), n_selected);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "selected", label);
    }
  if (amw_query_has_filters (query))
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "filter", _("Current _Filter"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "published", _("_Published"),
                                    "all", _("_All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "all", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "all");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_kind_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
}
