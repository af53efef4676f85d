/* amw-timeline-view.h — events and articles by date, grouped by month, with filters */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_TIMELINE_VIEW (amw_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (AmwTimelineView, amw_timeline_view, AMW, TIMELINE_VIEW, GtkWidget)

/* Signals (both with one string argument, an id; the window navigates):
 *   "open-article" — the user asked to open an article
 *   "open-company" — the user asked to open a company profile
 * Property: "store" (construct-only). */
GtkWidget *amw_timeline_view_new (AmwStore *store);

/* Narrows the timeline to one company (NULL: all). */
void amw_timeline_view_set_company (AmwTimelineView *self,
                                    const char      *company_id);

G_END_DECLS
