/* amw-window-edit.h — the window's editing actions (private to the window) */
#pragma once

#include "amw-window.h"

G_BEGIN_DECLS

void amw_window_edit_install_actions (GtkWidgetClass *widget_class);
/* Enables the actions that make sense for what is shown and selected now. */
void amw_window_edit_update_actions  (AmwWindow      *self);

G_END_DECLS
