/* amw-store-export.h — reading records for the export in one pass (amw-export.c)
 *
 * An AmwExportReader holds one read transaction, so the whole export sees one state of the
 * database, and reads each table with a few streaming cursors in id order instead of
 * queries per record. The records it returns borrow their strings from the reader: they
 * stay valid until the next call of a next_* or start_* function. */
#pragma once

#include "amw-store.h"

G_BEGIN_DECLS

/* Strings of one list of the current record; a list of pairs holds 2 × n strings. */
typedef struct {
  const char * const *items;
  guint               len;
} AmwExportStrings;

typedef struct {
  const char       *id;
  const char       *title;
  const char       *source;        /* NULL when unset */
  const char       *url;           /* NULL when unset */
  const char       *published;
  const char       *status;
  const char       *summary;
  const char       *amw_read;
  int               novelty;       /* 0 when unrated */
  int               significance;  /* 0 when unrated */
  AmwExportStrings  areas;         /* pairs: area, facet */
  AmwExportStrings  tags;
  AmwExportStrings  companies;     /* pairs: company id, role */
  AmwExportStrings  connections;   /* pairs: kind, id */
  const char       *created_at;
  const char       *updated_at;
} AmwExportArticle;

typedef struct {
  const char *id;
  const char *announced;
  const char *type;
  gboolean    has_amount;
  gint64      amount_minor;
  const char *currency;
  gboolean    has_amount_usd;
  gint64      amount_usd_minor;
  gboolean    has_post_money;
  gint64      post_money_minor;
  const char *post_money_currency;
  const char *lead_investors;      /* as stored: a JSON array of strings */
  const char *participants;        /* the same */
  const char *source_article;      /* NULL when unset */
} AmwExportRound;

typedef struct {
  const char           *id;
  const char           *name;
  AmwExportStrings      aliases;
  const char           *website;
  const char           *hq_city;
  const char           *hq_country;
  int                   founded;   /* 0 when unknown */
  const char           *status;
  const char           *ticker;
  const char           *sector;
  const char           *employees;
  const char           *description;
  const char           *last_verified;
  const AmwExportRound *rounds;    /* sorted by announced, then id */
  guint                 n_rounds;
  const char           *created_at;
  const char           *updated_at;
} AmwExportCompany;

typedef struct {
  const char       *id;
  const char       *date;
  const char       *precision;
  const char       *title;
  const char       *kind;
  AmwExportStrings  companies;     /* company ids */
  const char       *source_article; /* NULL when unset */
  const char       *created_at;
  const char       *updated_at;
} AmwExportEvent;

typedef struct _AmwExportReader AmwExportReader;

/* Starts a read transaction on @store (unless one is open already) and prepares the
 * cursors; amw_export_reader_free () ends it. Keep @store alive meanwhile. */
AmwExportReader *amw_export_reader_new   (AmwStore          *store,
                                          GError           **error);
void             amw_export_reader_free  (AmwExportReader   *reader);

/* Which records the next_* functions return, in id order: with @ids (sorted by strcmp (),
 * each once, NULL-terminated) those, else with @query the articles it matches, else all.
 * An id without a record is an error (AMW_ERROR_NOT_FOUND) when it is reached. */
gboolean amw_export_reader_start_articles  (AmwExportReader    *reader,
                                            AmwQuery           *query,
                                            const char * const *ids,
                                            GError            **error);
gboolean amw_export_reader_start_companies (AmwExportReader    *reader,
                                            const char * const *ids,
                                            GError            **error);
gboolean amw_export_reader_start_events    (AmwExportReader    *reader,
                                            const char * const *ids,
                                            GError            **error);

/* Each sets *@record to the next record, or to NULL after the last one; FALSE on error. */
gboolean amw_export_reader_next_article    (AmwExportReader         *reader,
                                            const AmwExportArticle **article,
                                            GError                 **error);
gboolean amw_export_reader_next_company    (AmwExportReader         *reader,
                                            const AmwExportCompany **company,
                                            GError                 **error);
gboolean amw_export_reader_next_event      (AmwExportReader         *reader,
                                            const AmwExportEvent   **event,
                                            GError                 **error);

/* For tests: the size (in bytes) past which a name map is not kept but each name read on
 * its own; 0 restores the default. */
void     amw_export_reader_set_max_map_size (gsize size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwExportReader, amw_export_reader_free)

G_END_DECLS
