/* amw-export-dialog.h — choose what to export, check it, and write it with progress */
#pragma once

#include <adwaita.h>

#include "amw-export.h"

G_BEGIN_DECLS

#define AMW_TYPE_EXPORT_DIALOG (amw_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwExportDialog, amw_export_dialog, AMW, EXPORT_DIALOG, AdwWindow)

/* A modal window over @parent, not yet presented. It offers the articles to export, each
 * choice with its count: the @selected_ids (hidden when empty), the current filter
 * @query (hidden when it filters nothing), the published ones, or all. It lists the
 * chosen articles that lack an AMW Read or a rating (up to 20, each with Open), asks for
 * the target file (amw-export-YYYY-MM-DD.json by default) and writes it in a worker
 * thread on a connection of its own, with a progress bar; Cancel stops it and the file
 * that was there stays as it was.
 *
 * Signals:
 *   "open-article" (const char *id) — Open was clicked on an incomplete article; the
 *   dialog closes right after, so the editor can fix it.
 *   "finished" (const char *message, const char *path) — the file is written; @message
 *   says what for a toast ("Exported 12 articles"). The dialog closes right after.
 *
 * Properties: "store" (AmwStore), "query" (AmwQuery, nullable; copied), "selected-ids"
 * (GStrv, nullable), all construct-only. */
GtkWidget        *amw_export_dialog_new           (GtkWindow          *parent,
                                                   AmwStore           *store,
                                                   AmwQuery           *query,
                                                   const char * const *selected_ids);
AmwSelectionKind  amw_export_dialog_get_selection (AmwExportDialog    *self);
/* Chooses what to export, as a click on that choice would; a hidden choice is ignored. */
void              amw_export_dialog_set_selection (AmwExportDialog    *self,
                                                   AmwSelectionKind    kind);
/* The target file, or NULL when none is chosen yet (Export then asks for one). */
GFile            *amw_export_dialog_get_file      (AmwExportDialog    *self);
void              amw_export_dialog_set_file      (AmwExportDialog    *self,
                                                   GFile              *file);
/* How many chosen articles lack an AMW Read or a rating. */
guint             amw_export_dialog_get_n_incomplete (AmwExportDialog *self);
/* TRUE while the file is being written. */
gboolean          amw_export_dialog_get_busy      (AmwExportDialog    *self);

G_END_DECLS
