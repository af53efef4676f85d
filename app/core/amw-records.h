/* amw-records.h — plain records exchanged between the store, import, export and dialogs */
#pragma once

#include <glib.h>

#include "amw-limits.h"

G_BEGIN_DECLS

#define AMW_ERROR (amw_error_quark ())


/* @a + @b, held at the limits of 64 bits instead of wrapping: sums of amounts read from a
 * database that another program may have written with any value. */
static inline gint64
amw_saturating_add (gint64 a,
                    gint64 b)
{
  gint64 sum;

  if (__builtin_add_overflow (a, b, &sum))
    return b > 0 ? G_MAXINT64 : G_MININT64;
  return sum;
}
GQuark amw_error_quark (void);

typedef enum {
  AMW_ERROR_FAILED,
  AMW_ERROR_NOT_AMW,       /* the file is not an AMW database */
  AMW_ERROR_TOO_NEW,       /* made by a newer AMW Desk */
  AMW_ERROR_CORRUPT,
  AMW_ERROR_READ_ONLY,
  AMW_ERROR_FULL,
  AMW_ERROR_BUSY,
  AMW_ERROR_INVALID,       /* a value breaks a rule (bad URL, rating out of range…) */
  AMW_ERROR_NOT_FOUND,
  AMW_ERROR_PARSE,         /* import: JSON syntax */
  AMW_ERROR_NOTHING_TO_UNDO,
  AMW_ERROR_NOTHING_TO_REDO,
  AMW_ERROR_IO,
} AmwError;

/* What a store change touched, so that models refresh only what they show. */
typedef enum {
  AMW_CHANGE_ARTICLES  = 1 << 0,
  AMW_CHANGE_COMPANIES = 1 << 1,
  AMW_CHANGE_EVENTS    = 1 << 2,
  AMW_CHANGE_TAGS      = 1 << 3,
  AMW_CHANGE_AREAS     = 1 << 4,
  AMW_CHANGE_HISTORY   = 1 << 5,
  AMW_CHANGE_ALL       = 0x3f,
  AMW_CHANGE_EXTERNAL  = 1 << 6,  /* made by another connection (another program) */
  AMW_CHANGE_DAMAGED   = 1 << 7,  /* the file was found damaged: the store refuses writes */
} AmwChangeFlags;

/* A generic ordered pair: (area, facet), (company id, role), (kind, id). */
typedef struct {
  char *first;
  char *second;
} AmwPair;

AmwPair *amw_pair_new  (const char *first, const char *second);
void     amw_pair_free (AmwPair    *pair);
AmwPair *amw_pair_copy (const AmwPair *pair);

typedef struct {
  gint64     pk;           /* 0 when not stored yet */
  char      *id;
  char      *title;
  char      *source;       /* nullable */
  char      *url;          /* nullable */
  char      *published;    /* YYYY-MM-DD */
  char      *status;
  char      *summary;
  char      *amw_read;
  char      *notes;        /* internal, never exported */
  int        novelty;      /* 1–5, 0 = unrated */
  int        significance; /* 1–5, 0 = unrated */
  char      *rated_by;     /* nullable */
  char      *rated_at;     /* nullable */
  GPtrArray *areas;        /* AmwPair (area, facet) */
  GPtrArray *tags;         /* char * */
  GPtrArray *companies;    /* AmwPair (company id, role) */
  GPtrArray *connections;  /* AmwPair (kind "article"/"event", id) */
  char      *created_at;
  char      *updated_at;
} AmwArticle;

AmwArticle *amw_article_new  (void);
void        amw_article_free (AmwArticle *article);

typedef struct {
  char      *id;
  char      *company_id;
  char      *announced;
  char      *type;
  gboolean   has_amount;
  gint64     amount_minor;
  char      *currency;
  gboolean   has_amount_usd;
  gint64     amount_usd_minor;
  gboolean   has_post_money;
  gint64     post_money_minor;
  char      *post_money_currency;
  GPtrArray *lead_investors; /* char * */
  GPtrArray *participants;   /* char * */
  char      *source_article; /* nullable article id */
} AmwFundingRound;

AmwFundingRound *amw_funding_round_new  (void);
void             amw_funding_round_free (AmwFundingRound *round);

typedef struct {
  gint64     pk;
  char      *id;
  char      *name;
  GPtrArray *aliases;        /* char * */
  char      *website;
  char      *hq_city;
  char      *hq_country;
  int        founded;        /* 0 = unknown */
  char      *status;
  char      *ticker;
  char      *sector;
  char      *employees;
  char      *description;
  char      *last_verified;
  GPtrArray *funding_rounds; /* AmwFundingRound */
  char      *created_at;
  char      *updated_at;
} AmwCompany;

AmwCompany *amw_company_new  (void);
void        amw_company_free (AmwCompany *company);

typedef struct {
  gint64     pk;
  char      *id;
  char      *date;
  char      *precision;
  char      *title;
  char      *kind;
  GPtrArray *companies;      /* char * company ids */
  char      *source_article; /* nullable */
  char      *created_at;
  char      *updated_at;
} AmwEvent;

AmwEvent *amw_event_new  (void);
void      amw_event_free (AmwEvent *event);

/* One row of the change log. */
typedef struct {
  gint64  pk;
  gint64  group_id;
  char   *entity;
  char   *entity_id;
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *at;
  char   *editor;
} AmwChange;

void amw_change_free (AmwChange *change);

/* Validation shared by the store, import and dialogs. */
gboolean amw_is_valid_slug      (const char *text);
gboolean amw_is_valid_date      (const char *text);
gboolean amw_is_valid_timestamp (const char *text);
gboolean amw_is_web_url         (const char *text);
gboolean amw_is_valid_currency  (const char *text);
gboolean amw_is_valid_status    (const char *text);
gboolean amw_is_valid_role      (const char *text);
gboolean amw_is_valid_event_kind      (const char *text);
gboolean amw_is_valid_precision       (const char *text);
gboolean amw_is_valid_company_status  (const char *text);
gboolean amw_is_valid_round_type      (const char *text);

extern const char * const amw_article_statuses[];   /* NULL-terminated */
extern const char * const amw_event_kinds[];
extern const char * const amw_company_statuses[];

/* Checks against the limits of amw-limits.h: the importer, the store's edits and the
 * export refuse past them. Each sets the first problem as one translated line naming the
 * field and the limit, "Title: at most 1000 characters (this one has 1043)", with
 * AMW_ERROR_INVALID. @label is the field's translated name. */
gboolean amw_limits_check_text     (const char        *label,
                                    const char        *text,
                                    guint              max_chars,
                                    gboolean           not_blank,
                                    GError           **error);
gboolean amw_limits_check_count    (const char        *label,
                                    guint              count,
                                    guint              max_items,
                                    GError           **error);
/* An amount in minor units: 0 to AMW_MAX_MONEY_MINOR. */
gboolean amw_limits_check_money    (const char        *label,
                                    gint64             minor,
                                    GError           **error);
/* One tag, and an article's tags (each as stored: without outer white space; not blank,
 * not twice whatever the case). */
gboolean amw_limits_check_tag      (const char        *tag,
                                    GError           **error);
gboolean amw_limits_check_tags     (GPtrArray         *tags,
                                    GError           **error);
gboolean amw_limits_check_area     (const char        *area,
                                    const char        *facet,
                                    GError           **error);
/* AmwPair (area, facet) */
gboolean amw_limits_check_areas    (GPtrArray         *areas,
                                    GError           **error);
/* AmwPair (company id, role) and (kind, id): the counts and the rules of the format. */
gboolean amw_limits_check_article_companies (GPtrArray *companies,
                                    GError           **error);
gboolean amw_limits_check_connections (GPtrArray      *connections,
                                    GError           **error);
gboolean amw_limits_check_aliases  (GPtrArray         *aliases,
                                    GError           **error);
/* AmwFundingRound: the count, amounts and investors. */
/* A link (NULL allowed): its length, and http:// or https:// only. */
gboolean amw_limits_check_url      (const char        *label,
                                    const char        *url,
                                    GError           **error);
gboolean amw_limits_check_rounds   (GPtrArray         *rounds,
                                    GError           **error);

/* TRUE for NULL, "" and text of only white space. */
gboolean amw_is_blank (const char *text);

/* Replaces *@slot with a copy of @value; TRUE if it changed (g_set_str is GLib 2.76). */
gboolean amw_set_str (char       **slot,
                      const char  *value);

/* Current UTC time as YYYY-MM-DDThh:mm:ssZ. */
char *amw_now_timestamp (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwPair, amw_pair_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwArticle, amw_article_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwFundingRound, amw_funding_round_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwCompany, amw_company_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwEvent, amw_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwChange, amw_change_free)

G_END_DECLS
