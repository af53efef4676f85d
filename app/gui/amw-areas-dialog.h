/* amw-areas-dialog.h — the knowledge-area vocabulary: add, rename, delete (each at once,
 * undoable through the store) */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_AREAS_DIALOG (amw_areas_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwAreasDialog, amw_areas_dialog, AMW, AREAS_DIALOG, AdwWindow)

/* A modal dialog over @parent; not yet presented. */
GtkWidget *amw_areas_dialog_new (GtkWindow *parent,
                                 AmwStore  *store);

G_END_DECLS
