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
  /* AMW_LOCALEDIR lets an uninstalled build use the catalogues of its build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AMW_LOCALEDIR") ? g_getenv ("AMW_LOCALEDIR") : AMW_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = amw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
