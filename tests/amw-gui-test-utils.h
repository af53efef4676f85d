/* amw-gui-test-utils.h — helpers for the GUI tests (run under Xvfb) */
#pragma once

#include <gtk/gtk.h>

#include "amw-test-utils.h"

G_BEGIN_DECLS

/* gtk_test_init plus libadwaita, with the checks GUI tests rely on. */
void        amw_gui_test_init        (int    *argc,
                                      char ***argv);
/* Runs the main loop until @condition returns TRUE or @timeout_ms passes; returns the result. */
gboolean    amw_gui_test_wait_for    (gboolean (*condition) (gpointer data),
                                      gpointer  data,
                                      guint     timeout_ms);
/* Lets pending events, layout and idle handlers run for a moment. */
void        amw_gui_test_spin        (guint     ms);
/* The first descendant of @root (depth first) that is of @type and, when @label is not
 * NULL, shows that text (GtkLabel, GtkButton label, GtkEditable text) or has it as its
 * accessible label / tooltip. */
GtkWidget  *amw_gui_test_find        (GtkWidget  *root,
                                      GType       type,
                                      const char *label);
/* All descendants of @root of @type, in depth-first order. */
GPtrArray  *amw_gui_test_find_all    (GtkWidget  *root,
                                      GType       type);
/* TRUE when some visible descendant label of @root contains @text. */
gboolean    amw_gui_test_shows_text  (GtkWidget  *root,
                                      const char *text);

/* The first visible toplevel window of @type (or a subtype), or NULL. */
GtkWindow  *amw_gui_test_find_toplevel (GType type);

G_END_DECLS
