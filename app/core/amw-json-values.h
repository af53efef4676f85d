/* amw-json-values.h — list values as compact JSON text: how the store keeps string lists
 * in columns and how the change log records list fields */
#pragma once

#include <glib.h>

#include "amw-records.h"

G_BEGIN_DECLS

/* ["a", "b"] */
char      *amw_json_from_strings (GPtrArray          *strings);
char      *amw_json_from_strv    (const char * const *strv);
GPtrArray *amw_json_to_strings   (const char         *json,
                                  const char         *field,
                                  GError            **error);
/* Like amw_json_to_strings (), for reading what the store wrote: never fails (anything
 * but an array of strings reads as an empty array), and splits the plain arrays that
 * amw_json_from_strings () writes without a parser. */
GPtrArray *amw_json_read_strings (const char         *json);
/* [["first", "second"], …] */
char      *amw_json_from_pairs   (GPtrArray          *pairs);
GPtrArray *amw_json_to_pairs     (const char         *json,
                                  const char         *field,
                                  GError            **error);
/* [{"id": …, "announced": …, "type": …, "amount_minor": n|null, "currency": …|null,
 *   "amount_usd_minor": n|null, "post_money_minor": n|null, "post_money_currency": …|null,
 *   "lead_investors": […], "participants": […], "source_article": …|null}, …]
 * Decoding validates every value (dates, round types, currencies, amounts). */
char      *amw_json_from_rounds  (GPtrArray          *rounds);
GPtrArray *amw_json_to_rounds    (const char         *json,
                                  const char         *company_id,
                                  GError            **error);

G_END_DECLS
