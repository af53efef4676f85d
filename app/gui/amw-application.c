/* amw-application.c — command line, the database, and the main window */
#include "amw-config.h"
#include "amw-application.h"

#include <glib/gi18n.h>

#include "amw-cli.h"
#include "amw-window.h"

#define EXTERNAL_CHANGE_POLL_MS 1000

struct _AmwApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  AmwStore       *store;
  GError         *store_error;
  guint           poll_id;
};

G_DEFINE_FINAL_TYPE (AmwApplication, amw_application, ADW_TYPE_APPLICATION)

static gboolean
poll_external_changes_cb (gpointer user_data)
{
  AmwApplication *self = user_data;

  amw_store_check_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static int
amw_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  AmwApplication *self = AMW_APPLICATION (app);
  int status = amw_cli_run (options);

  if (status >= 0)
    return status;
  g_clear_pointer (&self->db_path, g_free);
  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  return -1;
}

static void
amw_application_startup (GApplication *app)
{
  AmwApplication *self = AMW_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (amw_application_parent_class)->startup (app);

  path = self->db_path ? g_strdup (self->db_path) : amw_store_default_path ();
  self->store = amw_store_open (path, &self->store_error);
  if (self->store != NULL)
    self->poll_id = g_timeout_add (EXTERNAL_CHANGE_POLL_MS, poll_external_changes_cb, self);
}

static void
amw_application_shutdown (GApplication *app)
{
  AmwApplication *self = AMW_APPLICATION (app);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  G_APPLICATION_CLASS (amw_application_parent_class)->shutdown (app);
}

static void
amw_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (amw_window_new (AMW_APPLICATION (app)));
  gtk_window_present (window);
}

static void
amw_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  amw_application_activate (app);
  for (int i = 0; i < n_files; i++)
    amw_window_preview_import (AMW_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))),
                               files[i]);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  amw_application_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
amw_application_finalize (GObject *object)
{
  AmwApplication *self = AMW_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_free (self->db_path);
  G_OBJECT_CLASS (amw_application_parent_class)->finalize (object);
}

static void
amw_application_class_init (AmwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = amw_application_finalize;
  app_class->handle_local_options = amw_application_handle_local_options;
  app_class->startup = amw_application_startup;
  app_class->shutdown = amw_application_shutdown;
  app_class->activate = amw_application_activate;
  app_class->open = amw_application_open;
}

static void
amw_application_init (AmwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), amw_cli_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The editorial desk for AMW: curate, rate, tag and export articles."));
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", (const char *[]) { "<Control>w", NULL });
}

AmwApplication *
amw_application_new (void)
{
  return g_object_new (AMW_TYPE_APPLICATION,
                       "application-id", AMW_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/Amw",
                       NULL);
}

AmwStore *
amw_application_get_store (AmwApplication *self)
{
  g_return_val_if_fail (AMW_IS_APPLICATION (self), NULL);
  return self->store;
}

const GError *
amw_application_get_store_error (AmwApplication *self)
{
  g_return_val_if_fail (AMW_IS_APPLICATION (self), NULL);
  return self->store_error;
}

GtkWidget *
amw_application_show_about (GtkWindow *parent)
{
  const char *developers[] = { _("The AMW Desk team"), NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "application-name", _("AMW Desk"),
                                   "application-icon", AMW_APP_ID,
                                   "developer-name", _("The AMW Desk team"),
                                   "version", AMW_VERSION,
                                   "comments", _("The editorial desk behind the AMW site: curate, rate, "
                                                 "tag and connect AI-industry news, and export it for the web."),
                                   "website", "https://example.com/amw",
                                   "developers", developers,
                                   /* TRANSLATORS: your names, one per line */
                                   "translator-credits", _("translator-credits"),
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   NULL);

  gtk_window_present (GTK_WINDOW (about));
  return about;
}
