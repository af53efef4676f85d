/* amw-application.h — the AMW Desk application: CLI, store, windows */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_APPLICATION (amw_application_get_type ())
G_DECLARE_FINAL_TYPE (AmwApplication, amw_application, AMW, APPLICATION, AdwApplication)

AmwApplication *amw_application_new       (void);
/* The open database, or NULL when it could not be opened (see _get_store_error). */
AmwStore       *amw_application_get_store (AmwApplication *self);
const GError   *amw_application_get_store_error (AmwApplication *self);
/* Presents the About window over @parent and returns it. */
GtkWidget      *amw_application_show_about (GtkWindow *parent);

G_END_DECLS
