/* amw-import-dialog.h — preview an exchange file, then import it with progress */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_IMPORT_DIALOG (amw_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwImportDialog, amw_import_dialog, AMW, IMPORT_DIALOG, AdwWindow)

/* A modal window over @parent, not yet presented, that checks @file against @store and
 * shows what importing it would do: new and updated articles, companies and timeline
 * events, or every problem with its place ("articles[3].ratings.novelty"), in which case
 * Import stays disabled and nothing is written.
 *
 * The file is checked on the main thread when it is smaller than 5 MB, otherwise in a
 * worker thread on a connection of its own. Import writes in a worker thread on a
 * connection of its own to the same database file, with a progress bar, so the window
 * stays responsive for 100 000 articles; @store then picks the change up with
 * amw_store_check_external_changes(). A ":memory:" store is written on the main thread.
 *
 * Signals:
 *   "finished" (const char *message) — the import is written; @message says what for a
 *   toast ("Imported 50 articles from “x.json”"). The dialog closes right after.
 *
 * Properties: "store" (AmwStore), "file" (GFile), both construct-only. */
GtkWidget *amw_import_dialog_new            (GtkWindow       *parent,
                                             AmwStore        *store,
                                             GFile           *file);
GFile     *amw_import_dialog_get_file       (AmwImportDialog *self);
/* TRUE once the file is checked and can be imported. */
gboolean   amw_import_dialog_get_can_import (AmwImportDialog *self);
/* TRUE while the file is being checked or written. */
gboolean   amw_import_dialog_get_busy       (AmwImportDialog *self);

G_END_DECLS
