/* amw-window.c — placeholder until the main window lands */
#include "amw-config.h"
#include "amw-window.h"

struct _AmwWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (AmwWindow, amw_window, ADW_TYPE_APPLICATION_WINDOW)

static void amw_window_class_init (AmwWindowClass *klass) { }
static void amw_window_init (AmwWindow *self) { }

AmwWindow *
amw_window_new (AmwApplication *app)
{
  return g_object_new (AMW_TYPE_WINDOW, "application", app, "title", "AMW Desk", NULL);
}

void
amw_window_preview_import (AmwWindow *self, GFile *file)
{
}
