/* amw-import.h — reading the exchange format: check everything, then write in one go */
#pragma once

#include <gio/gio.h>

#include "amw-export.h"
#include "amw-store.h"

G_BEGIN_DECLS

/* What an import would do, or why it cannot. */
typedef struct {
  guint      n_articles_new;
  guint      n_articles_updated;
  guint      n_companies_new;
  guint      n_companies_updated;
  guint      n_events_new;
  guint      n_events_updated;
  GPtrArray *problems; /* char *: "articles[3].ratings.novelty: must be 1–5 or null" */
} AmwImportReport;

void amw_import_report_free (AmwImportReport *report);

typedef struct _AmwImportPlan AmwImportPlan;

/* Parses and checks the whole file against the format and the database, writing
 * nothing. Returns NULL and sets @error (naming the first problem's place) when the file
 * cannot be imported; @report (optional) then lists every problem found. */
AmwImportPlan *amw_import_plan_load  (AmwStore          *store,
                                      const char        *path,
                                      AmwImportReport  **report,
                                      GError           **error);
/* The same for a document in memory; @name stands for the file in messages. */
AmwImportPlan *amw_import_plan_load_data (AmwStore      *store,
                                          const char    *name,
                                          const char    *data,
                                          gsize          length,
                                          AmwImportReport **report,
                                          GError       **error);
/* Upserts everything by id in one transaction; on any error nothing is changed. */
gboolean       amw_import_plan_apply (AmwStore          *store,
                                      AmwImportPlan     *plan,
                                      AmwProgressFunc    progress,
                                      gpointer           user_data,
                                      GError           **error);
void           amw_import_plan_free  (AmwImportPlan     *plan);

/* Load + apply. */
gboolean       amw_import_file       (AmwStore          *store,
                                      const char        *path,
                                      AmwImportReport  **report,
                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwImportReport, amw_import_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwImportPlan, amw_import_plan_free)

G_END_DECLS
