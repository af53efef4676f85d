/* amw-filter-sidebar.h — the article filters: status, ratings, dates, areas, tags, companies */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_FILTER_SIDEBAR (amw_filter_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (AmwFilterSidebar, amw_filter_sidebar, AMW, FILTER_SIDEBAR, GtkWidget)

/* Edits @query in place; the article list follows the query. */
GtkWidget *amw_filter_sidebar_new (AmwStore *store,
                                   AmwQuery *query);

G_END_DECLS
