/* amw-window-io.h — the window's import and export flows (private to the window) */
#pragma once

#include "amw-export.h"
#include "amw-window.h"

G_BEGIN_DECLS

void             amw_window_io_install_actions       (GtkWidgetClass *widget_class);

AmwStore        *amw_window_get_store                (AmwWindow      *self);
GStrv            amw_window_get_selected_article_ids (AmwWindow      *self);
AmwQuery        *amw_window_get_article_query        (AmwWindow      *self);
AdwToastOverlay *amw_window_get_toast_overlay        (AmwWindow      *self);
/* Where the bundled sample data is: installed, or in the source tree when uninstalled. */
char            *amw_window_io_sample_path           (void);

G_END_DECLS
