/* amw-format.h — how dates, money, statuses and kinds read in the interface */
#pragma once

#include <glib.h>

#include "amw-store.h"

G_BEGIN_DECLS

/* "3 Nov 2026" in the user's locale; month/year precisions give "Nov 2026" / "2026". */
char       *amw_format_date          (const char *iso_date,
                                      const char *precision);
/* "today", "yesterday", "2d ago", "1w ago", "1mo ago", "2y ago"; future dates "in 3d". */
char       *amw_format_relative_date (const char *iso_date,
                                      GDateTime  *now);
/* "USD 25,000,000,000.00" with locale digit grouping; zero-decimal currencies (JPY…) without cents. */
char       *amw_format_money         (gint64      minor,
                                      const char *currency);
/* "$25B", "$7.4B", "$350M", "€12M", "CNY 50B" — short amounts for lists and charts. */
char       *amw_format_money_short   (gint64      minor,
                                      const char *currency);
/* Translated labels: "In review", "Partnership", "Series A"… */
const char *amw_status_label         (const char *status);
const char *amw_event_kind_label     (const char *kind);
char       *amw_round_type_label     (const char *round_type);
/* "Foundation Models · Case Studies" */
char       *amw_format_area          (const char *area,
                                      const char *facet);

/* What a query shows, in words: "search “openai”; status Published; tags cloud". */
char       *amw_format_query         (AmwQuery   *query,
                                      AmwStore   *store);

G_END_DECLS
