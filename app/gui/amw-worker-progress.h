/* amw-worker-progress.h — a worker thread's progress, shown in a GtkProgressBar */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The worker reports as often as it likes (amw_worker_progress_report() is an
 * AmwProgressFunc); at most one idle waits in the main loop at any time, and the bar is
 * held weakly, so the dialog may go away while the worker runs. */
typedef struct _AmwWorkerProgress AmwWorkerProgress;

AmwWorkerProgress *amw_worker_progress_new    (GtkProgressBar    *bar);
AmwWorkerProgress *amw_worker_progress_ref    (AmwWorkerProgress *self);
void               amw_worker_progress_unref  (AmwWorkerProgress *self);
/* From any thread; @progress is the AmwWorkerProgress. */
void               amw_worker_progress_report (guint64            done,
                                               guint64            total,
                                               gpointer           progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmwWorkerProgress, amw_worker_progress_unref)

G_END_DECLS
