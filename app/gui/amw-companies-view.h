/* amw-companies-view.h — the company directory: a searchable, sortable list and profiles */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_COMPANIES_VIEW (amw_companies_view_get_type ())
G_DECLARE_FINAL_TYPE (AmwCompaniesView, amw_companies_view, AMW, COMPANIES_VIEW, GtkWidget)

/* Signals (both with one string argument, an id; the window navigates):
 *   "open-article" — the user asked to open an article (from a profile)
 *   "open-company" — the user activated a company in the list; the view does not switch
 *                    by itself, the window calls amw_companies_view_show_company()
 *
 * Properties:
 *   "store"      — AmwStore, construct-only
 *   "company-id" — the company whose profile is shown, NULL on the list; notifies when
 *                  the view's own back button returns to the list */
GtkWidget  *amw_companies_view_new         (AmwStore         *store);

/* Shows the profile of @company_id, or the list when NULL. */
void        amw_companies_view_show_company (AmwCompaniesView *self,
                                             const char       *company_id);
/* The company whose profile is shown, or NULL. */
const char *amw_companies_view_get_company  (AmwCompaniesView *self);
/* Shows the list and puts the keyboard focus in its search entry. */
void        amw_companies_view_focus_search (AmwCompaniesView *self);

G_END_DECLS
