/* amw-query.h — what an article list shows: search text, filters, sort */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  AMW_SORT_PUBLISHED,
  AMW_SORT_TITLE,
  AMW_SORT_SOURCE,
  AMW_SORT_NOVELTY,
  AMW_SORT_SIGNIFICANCE,
  AMW_SORT_STATUS,
  AMW_SORT_UPDATED,
  AMW_SORT_RELEVANCE, /* only meaningful with search text; falls back to published */
  AMW_N_SORT_KEYS
} AmwSortKey;

#define AMW_TYPE_QUERY (amw_query_get_type ())
G_DECLARE_FINAL_TYPE (AmwQuery, amw_query, AMW, QUERY, GObject)

AmwQuery    *amw_query_new              (void);
AmwQuery    *amw_query_copy             (AmwQuery    *self);

const char  *amw_query_get_search       (AmwQuery    *self);
void         amw_query_set_search       (AmwQuery    *self,
                                         const char  *text);
/* The FTS5 expression for the search text, or NULL when there is nothing to search. */
const char  *amw_query_get_fts          (AmwQuery    *self);

/* Sets of values; an empty set means "no filter". Statuses: any of; areas,
 * tags and companies: all of. Areas are "Area · Facet" strings. */
const char * const *amw_query_get_statuses  (AmwQuery *self);
void         amw_query_set_statuses     (AmwQuery           *self,
                                         const char * const *statuses);
const char * const *amw_query_get_tags      (AmwQuery *self);
void         amw_query_set_tags         (AmwQuery           *self,
                                         const char * const *tags);
const char * const *amw_query_get_areas     (AmwQuery *self);
void         amw_query_set_areas        (AmwQuery           *self,
                                         const char * const *areas);
const char * const *amw_query_get_companies (AmwQuery *self);
void         amw_query_set_companies    (AmwQuery           *self,
                                         const char * const *company_ids);

/* Rating ranges: 0,0 means no filter; otherwise rated articles within [min, max]. */
void         amw_query_get_novelty_range      (AmwQuery *self, int *min, int *max);
void         amw_query_set_novelty_range      (AmwQuery *self, int  min, int  max);
void         amw_query_get_significance_range (AmwQuery *self, int *min, int *max);
void         amw_query_set_significance_range (AmwQuery *self, int  min, int  max);

/* Inclusive YYYY-MM-DD bounds, NULL for open. */
const char  *amw_query_get_since        (AmwQuery    *self);
void         amw_query_set_since        (AmwQuery    *self,
                                         const char  *date);
const char  *amw_query_get_until        (AmwQuery    *self);
void         amw_query_set_until        (AmwQuery    *self,
                                         const char  *date);

/* Only articles that lack an AMW Read or a rating (what an export should not ship). */
gboolean     amw_query_get_incomplete   (AmwQuery    *self);
void         amw_query_set_incomplete   (AmwQuery    *self,
                                         gboolean     incomplete);

AmwSortKey   amw_query_get_sort_key     (AmwQuery    *self);
gboolean     amw_query_get_descending   (AmwQuery    *self);
void         amw_query_set_sort         (AmwQuery    *self,
                                         AmwSortKey   key,
                                         gboolean     descending);

gboolean     amw_query_has_filters      (AmwQuery    *self);
void         amw_query_clear_filters    (AmwQuery    *self);
/* A short human-readable description ("search “openai”, tag partnership"). */
char        *amw_query_describe         (AmwQuery    *self);

/* Turns what an editor types into an FTS5 expression: every word is matched as a
 * prefix, "quoted phrases" as phrases. Returns NULL when there is no word. */
char        *amw_search_text_to_fts     (const char  *text);

G_END_DECLS
