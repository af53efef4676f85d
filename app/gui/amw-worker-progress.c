/* amw-worker-progress.c — a worker thread's progress, shown in a GtkProgressBar */
#include "amw-worker-progress.h"

struct _AmwWorkerProgress
{
  GWeakRef bar;
  guint    done;         /* atomic */
  guint    total;        /* atomic */
  int      idle_pending; /* atomic */
};

static void
worker_progress_clear (AmwWorkerProgress *self)
{
  g_weak_ref_clear (&self->bar);
}

AmwWorkerProgress *
amw_worker_progress_new (GtkProgressBar *bar)
{
  AmwWorkerProgress *self = g_atomic_rc_box_new0 (AmwWorkerProgress);

  g_weak_ref_init (&self->bar, bar);
  return self;
}

AmwWorkerProgress *
amw_worker_progress_ref (AmwWorkerProgress *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
amw_worker_progress_unref (AmwWorkerProgress *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) worker_progress_clear);
}

static gboolean
show_progress_cb (gpointer data)
{
  AmwWorkerProgress *self = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&self->bar);
  guint total;

  g_atomic_int_set (&self->idle_pending, 0);
  total = g_atomic_int_get (&self->total);
  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, total > 0 ? (double) g_atomic_int_get (&self->done) / total : 0.0);
  return G_SOURCE_REMOVE;
}

void
amw_worker_progress_report (guint64  done,
                            guint64  total,
                            gpointer progress)
{
  AmwWorkerProgress *self = progress;

  g_atomic_int_set (&self->done, (guint) MIN (done, G_MAXUINT));
  g_atomic_int_set (&self->total, (guint) MIN (total, G_MAXUINT));
  if (g_atomic_int_compare_and_exchange (&self->idle_pending, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb,
                                amw_worker_progress_ref (self),
                                (GDestroyNotify) amw_worker_progress_unref);
}
