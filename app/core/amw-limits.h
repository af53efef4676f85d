/* amw-limits.h — the limits of the exchange format (docs/JSON-FORMAT.md "Limits"), in one
 * place: the importer refuses past them, the store's edits refuse past them and the export
 * refuses to write past them, so that whatever the desk holds round-trips. The JSON Schema
 * (data/amw-export.schema.json) states the same numbers; tests/test-format-limits.c checks
 * that it and the importer agree. Lengths count characters (code points), not bytes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Texts, in characters */
#define AMW_LIMIT_ID_CHARS           200     /* ids (slugs) */
#define AMW_LIMIT_TITLE_CHARS        1000    /* article and event titles; not blank */
#define AMW_LIMIT_LONG_TEXT_CHARS    200000  /* summary, amw_read, description */
#define AMW_LIMIT_URL_CHARS          2000    /* url, website */
#define AMW_LIMIT_NAME_CHARS         300     /* source, company name, alias, investor, city, sector */
#define AMW_LIMIT_AREA_CHARS         200     /* an area or facet: one line, not blank */
#define AMW_LIMIT_TAG_CHARS          100     /* a tag: not blank */
#define AMW_LIMIT_COUNTRY_CHARS      60
#define AMW_LIMIT_EMPLOYEES_CHARS    40
#define AMW_LIMIT_TICKER_CHARS       20
#define AMW_LIMIT_SELECTION_CHARS    1000    /* selection.description */

/* Lists, in items per record */
#define AMW_LIMIT_TAGS               200
#define AMW_LIMIT_AREAS              100
#define AMW_LIMIT_ARTICLE_COMPANIES  200
#define AMW_LIMIT_CONNECTIONS        200
#define AMW_LIMIT_ALIASES            100
#define AMW_LIMIT_ROUNDS             1000
#define AMW_LIMIT_INVESTORS          200     /* lead_investors, and participants, of a round */
#define AMW_LIMIT_EVENT_COMPANIES    200

/* Numbers */
#define AMW_LIMIT_FOUNDED_MIN        1800
#define AMW_LIMIT_FOUNDED_MAX        2100
/* The largest amount of money, in minor units (10^15: ten trillion dollars in cents, more
 * than any round or valuation; below 2^53, so every reader of JSON holds it exactly, and
 * a thousand rounds of it still sum within 64 bits). */
#define AMW_MAX_MONEY_MINOR G_GINT64_CONSTANT (1000000000000000)

/* The checks against these limits are declared in amw-records.h (amw_limits_check_*). */

G_END_DECLS
