/* amw-window.h — the main window */
#pragma once

#include <adwaita.h>

#include "amw-application.h"

G_BEGIN_DECLS

#define AMW_TYPE_WINDOW (amw_window_get_type ())
G_DECLARE_FINAL_TYPE (AmwWindow, amw_window, AMW, WINDOW, AdwApplicationWindow)

AmwWindow *amw_window_new             (AmwApplication *app);
/* Shows what importing @file would do and asks to confirm. */
void       amw_window_preview_import  (AmwWindow      *self,
                                       GFile          *file);

G_END_DECLS
