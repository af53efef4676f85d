/* amw-export.h — writing the exchange format (docs/JSON-FORMAT.md) */
#pragma once

#include <gio/gio.h>

#include "amw-store.h"

G_BEGIN_DECLS

typedef enum {
  AMW_SELECTION_ALL,
  AMW_SELECTION_PUBLISHED,
  AMW_SELECTION_QUERY,
  AMW_SELECTION_IDS,
} AmwSelectionKind;

typedef struct {
  AmwSelectionKind    kind;
  AmwQuery           *query; /* for AMW_SELECTION_QUERY */
  const char * const *ids;   /* for AMW_SELECTION_IDS */
} AmwExportSelection;

/* Called after each article; total is known in advance. */
typedef void (*AmwProgressFunc) (guint64 done, guint64 total, gpointer user_data);

/* Streams the document to @stream: memory does not grow with the number of articles. */
gboolean amw_export_to_stream (AmwStore                 *store,
                               const AmwExportSelection *selection,
                               GOutputStream            *stream,
                               AmwProgressFunc           progress,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error);

/* Writes to a temporary file beside @path and renames it over @path only when complete,
 * so a failed or interrupted export never leaves a truncated file. Like cp, it follows
 * symbolic links (the file they lead to is replaced, the links stay), keeps an existing
 * file's permissions (and owner, as root), and writes straight to a pipe, a terminal or a
 * character device (/dev/stdout, /dev/null). Refuses a @path that is the store's database
 * or one of its -wal, -shm, -journal files, by any name. Returns the number of articles
 * written in @n_articles (optional). */
gboolean amw_export_to_file   (AmwStore                 *store,
                               const AmwExportSelection *selection,
                               const char               *path,
                               guint64                  *n_articles,
                               AmwProgressFunc           progress,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error);

/* Writes straight to @fd (standard output, say), which stays open; @name names it in
 * messages. Nothing can be taken back: a failed export leaves what it wrote. Refuses an
 * @fd open on the store's database. */
gboolean amw_export_to_fd     (AmwStore                 *store,
                               const AmwExportSelection *selection,
                               int                       fd,
                               const char               *name,
                               guint64                  *n_articles,
                               AmwProgressFunc           progress,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error);

G_END_DECLS
