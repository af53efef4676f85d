/* amw-connections-dialog.h — edit one article's How This Connects list */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_CONNECTIONS_DIALOG (amw_connections_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwConnectionsDialog, amw_connections_dialog, AMW, CONNECTIONS_DIALOG, AdwWindow)

/* A modal window over @parent, not yet presented, editing the connections of
 * @article_id: reorder and remove items, add suggestions or search results. Save writes
 * the list with one command (one undo step) and closes; Escape cancels, asking first when
 * something changed; Ctrl+Return saves.
 *
 * Properties: "store" (AmwStore, construct-only), "article-id" (string, construct-only). */
GtkWidget  *amw_connections_dialog_new            (GtkWindow            *parent,
                                                   AmwStore             *store,
                                                   const char           *article_id);
const char *amw_connections_dialog_get_article_id (AmwConnectionsDialog *self);
/* TRUE when the list differs from the stored one. */
gboolean    amw_connections_dialog_get_modified   (AmwConnectionsDialog *self);
/* TRUE while a search runs on a worker thread (its results are not shown yet). */
gboolean    amw_connections_dialog_is_searching   (AmwConnectionsDialog *self);

G_END_DECLS
