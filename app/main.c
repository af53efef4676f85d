/* main.c — AMW Desk */
#include "amw-config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "amw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AmwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, AMW_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = amw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
