/* amw-company-profile.h — one company: facts, funding, articles and timeline */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_COMPANY_PROFILE (amw_company_profile_get_type ())
G_DECLARE_FINAL_TYPE (AmwCompanyProfile, amw_company_profile, AMW, COMPANY_PROFILE, GtkWidget)

/* Signals:
 *   "open-article" (const char *id) — the user asked to open an article
 *
 * Properties: "store" (AmwStore), "company-id" (string, nullable). The profile follows the
 * store's ::changed signal, so edits show without setting the company again. */
GtkWidget  *amw_company_profile_new            (AmwStore          *store);
AmwStore   *amw_company_profile_get_store      (AmwCompanyProfile *self);
void        amw_company_profile_set_store      (AmwCompanyProfile *self,
                                                AmwStore          *store);
const char *amw_company_profile_get_company_id (AmwCompanyProfile *self);
/* Shows @company_id (NULL shows nothing) and scrolls back to the top. */
void        amw_company_profile_set_company_id (AmwCompanyProfile *self,
                                                const char        *company_id);

G_END_DECLS
