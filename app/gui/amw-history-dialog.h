/* amw-history-dialog.h — the change log of one article, newest first */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_HISTORY_DIALOG (amw_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwHistoryDialog, amw_history_dialog, AMW, HISTORY_DIALOG, AdwWindow)

/* A modal dialog over @parent for the article @article_id; not yet presented. */
GtkWidget *amw_history_dialog_new (GtkWindow  *parent,
                                   AmwStore   *store,
                                   const char *article_id);

G_END_DECLS
