/* amw-window.h — the main window: three views, navigation history, import and export */
#pragma once

#include <adwaita.h>

#include "amw-application.h"

G_BEGIN_DECLS

#define AMW_TYPE_WINDOW (amw_window_get_type ())
G_DECLARE_FINAL_TYPE (AmwWindow, amw_window, AMW, WINDOW, AdwApplicationWindow)

AmwWindow  *amw_window_new             (AmwApplication *app);
/* @store NULL shows why it could not be opened (@store_error). @app may be NULL (tests). */
AmwWindow  *amw_window_new_for_store   (GtkApplication *app,
                                        AmwStore       *store,
                                        const GError   *store_error);
/* Shows what importing @file would do and asks to confirm. */
void        amw_window_preview_import  (AmwWindow      *self,
                                        GFile          *file);
/* Navigation, as a click would do it: pushes onto the back/forward history. */
void        amw_window_open_article    (AmwWindow      *self,
                                        const char     *id);
void        amw_window_open_company    (AmwWindow      *self,
                                        const char     *id);
void        amw_window_show_view       (AmwWindow      *self,
                                        const char     *name);
/* "articles", "companies" or "timeline" */
const char *amw_window_get_view        (AmwWindow      *self);
GtkWidget  *amw_window_get_view_widget (AmwWindow      *self,
                                        const char     *name);
void        amw_window_toast           (AmwWindow      *self,
                                        const char     *message);

G_END_DECLS
