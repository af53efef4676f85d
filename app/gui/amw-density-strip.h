/* amw-density-strip.h — entries per week as a strip of bars above the timeline */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_DENSITY_STRIP (amw_density_strip_get_type ())
G_DECLARE_FINAL_TYPE (AmwDensityStrip, amw_density_strip, AMW, DENSITY_STRIP, GtkWidget)

/* Signals:
 *   "week-activated" (const char *week_start) — the user clicked a week, or pressed Enter
 *   on the week chosen with Left/Right; @week_start is its Monday, YYYY-MM-DD.
 * Actions (what the keys do): "density.move-week" (i, a number of weeks: Left/Right ±1,
 * Page Up/Down ±4, Home/End to the ends) and "density.activate-week" (Enter, space). */
GtkWidget          *amw_density_strip_new          (void);
/* @weeks: an array of AmwWeekCount, oldest first (see amw_store_timeline_density());
 * the strip keeps a reference. NULL or empty shows nothing. The chosen week is kept when
 * the new array still has it. */
void                amw_density_strip_set_weeks    (AmwDensityStrip *self,
                                                    GArray          *weeks);
guint               amw_density_strip_get_n_weeks  (AmwDensityStrip *self);
const AmwWeekCount *amw_density_strip_get_week     (AmwDensityStrip *self,
                                                    guint            index);
/* The week chosen with the keyboard or by a click, or -1. */
int                 amw_density_strip_get_selected (AmwDensityStrip *self);
void                amw_density_strip_set_selected (AmwDensityStrip *self,
                                                    int              index);
/* Chooses the week and emits "week-activated" for it, as a click does. */
void                amw_density_strip_activate_week (AmwDensityStrip *self,
                                                     guint            index);

G_END_DECLS
