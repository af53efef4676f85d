/* amw-company-dialog.h — edit one company: facts, aliases and funding rounds */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_COMPANY_DIALOG (amw_company_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwCompanyDialog, amw_company_dialog, AMW, COMPANY_DIALOG, AdwWindow)

/* A modal window over @parent, not yet presented, editing @company_id. Every field is
 * checked as it is typed; Save stays insensitive while anything is invalid (or nothing
 * changed) and writes the whole record with amw_store_edit_company() — one undo step —
 * then closes. Escape cancels, asking first when something changed; Ctrl+Return saves.
 *
 * Properties: "store" (AmwStore, construct-only), "company-id" (string, construct-only). */
GtkWidget  *amw_company_dialog_new            (GtkWindow        *parent,
                                               AmwStore         *store,
                                               const char       *company_id);
const char *amw_company_dialog_get_company_id (AmwCompanyDialog *self);
/* TRUE when every field is valid. */
gboolean    amw_company_dialog_get_valid      (AmwCompanyDialog *self);
gboolean    amw_company_dialog_get_modified   (AmwCompanyDialog *self);

/* Reads a decimal amount such as "7400000000.00" into integer minor units with
 * @decimals digits after the point (2 for cents), exactly — digit by digit, no floating
 * point. Spaces, no-break spaces and underscores may group digits. Returns FALSE with a
 * translated @problem (static) for a negative, malformed, too precise or too large amount. */
gboolean    amw_parse_decimal_amount          (const char       *text,
                                               guint             decimals,
                                               gint64           *minor,
                                               const char      **problem);
/* Digits after the decimal point of @currency's minor unit: 0 for JPY, KRW… else 2. */
guint       amw_currency_decimals             (const char       *currency);

G_END_DECLS
