/* amw-store-import.h — the store side of an import: one transaction, bulk-friendly writes */
#pragma once

#include "amw-export.h"
#include "amw-store.h"

G_BEGIN_DECLS

/* An import in progress: the transaction, caches of id → pk, tag and area pks, and the
 * articles whose full-text index entries are written at the end. Only valid until
 * amw_store_import_commit() or amw_store_import_abort(), which both free it. */
typedef struct _AmwStoreImport AmwStoreImport;

/* Starts the transaction for writing @articles (AmwArticle, the import's articles, all of
 * them: their index entries are dropped here when their text is about to change). */
AmwStoreImport *amw_store_import_begin            (AmwStore          *store,
                                                   GPtrArray         *articles,
                                                   GError           **error);
/* Upserts by id, as amw_store_upsert_*() do; order as there: companies, articles, funding
 * rounds, events, connections. */
gboolean        amw_store_import_company          (AmwStoreImport    *import,
                                                   const AmwCompany  *company,
                                                   GError           **error);
gboolean        amw_store_import_article          (AmwStoreImport    *import,
                                                   const AmwArticle  *article,
                                                   GError           **error);
gboolean        amw_store_import_funding_rounds   (AmwStoreImport    *import,
                                                   const AmwCompany  *company,
                                                   GError           **error);
gboolean        amw_store_import_event            (AmwStoreImport    *import,
                                                   const AmwEvent    *event,
                                                   GError           **error);
gboolean        amw_store_import_connections      (AmwStoreImport    *import,
                                                   const AmwArticle  *article,
                                                   GError           **error);
/* How many steps amw_store_import_commit() reports through @progress. */
guint64         amw_store_import_commit_steps     (AmwStoreImport    *import);
/* Indexes the new and changed text, logs the import and commits; on failure nothing is
 * changed. Frees @import either way. @progress (optional) is called with @done_before +
 * the steps done so far, out of @total. */
gboolean        amw_store_import_commit           (AmwStoreImport    *import,
                                                   const char        *source,
                                                   guint              n_articles,
                                                   guint              n_companies,
                                                   guint              n_events,
                                                   AmwProgressFunc    progress,
                                                   gpointer           user_data,
                                                   guint64            done_before,
                                                   guint64            total,
                                                   GError           **error);
/* Rolls everything back and frees @import. */
void            amw_store_import_abort            (AmwStoreImport    *import);

/* FALSE when the database has triggers the import does not know, so that it keeps the
 * triggers on and writes the full-text index row by row (slow but right); for tests. */
gboolean        amw_store_import_defers_fts       (AmwStoreImport    *import);

G_END_DECLS
