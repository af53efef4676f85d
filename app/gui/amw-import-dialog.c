/* amw-import-dialog.c — preview an exchange file, then import it with progress
 *
 * States, each a page of the stack: "loading" (checking the file), "preview" (what would
 * change, or the problems that stop it), "progress" (writing) and "failed".
 *
 * Threads: an AmwStore connection belongs to one thread, so work done in a worker opens
 * a connection of its own on the same database file (amw_store_open_existing of
 * amw_store_get_path: a database moved away is an error, not a new empty one to import
 * into) and closes it there. Progress crosses back to the main thread through an
 * AmwWorkerProgress (one pending idle at a time, the bar held weakly).
 *
 * A large file is not fully checked when the window opens it, but in the background
 * (amw_store_verify_async ()); an import started before that check ended has the file
 * checked on its worker by the store's first write (amw_store_begin ()), so nothing is
 * written into a damaged file. Damage found there or by the window refuses the import
 * with the window's message, and the window shows its banner. */
#include "amw-config.h"
#include "amw-import-dialog.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "amw-import.h"
#include "amw-message.h"
#include "amw-worker-progress.h"

/* Files from this size on are checked in a worker thread. */
#define LOAD_IN_THREAD_SIZE (5 * 1024 * 1024)
/* More problems than this are summed up in one line: the file needs fixing anyway. */
#define MAX_PROBLEMS_SHOWN 200

/* What a worker thread needs; refcounted, as the dialog may go away while it runs. */
typedef struct {
  char          *db_path;
  char          *editor;
  char          *file_path;
  AmwImportPlan *plan;         /* borrowed from the dialog, which outlives the task */
  AmwWorkerProgress *progress;
} Job;

/* What checking the file found. */
typedef struct {
  AmwImportPlan   *plan;
  AmwImportReport *report;
  GError          *error;
} Loaded;

struct _AmwImportDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkLabel        *loading_label;
  GtkLabel        *summary_label;
  GtkWidget       *counts_group;
  GtkLabel        *articles_label;
  GtkLabel        *companies_label;
  GtkLabel        *events_label;
  GtkWidget       *problems_group;
  GtkListBox      *problems_list;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *failed_page;

  /* owned */
  AmwStore        *store;
  GFile           *file;
  char            *name;
  AmwImportPlan   *plan;          /* NULL until checked, or when the file cannot be imported */
  AmwImportReport *report;
  GCancellable    *cancellable;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (AmwImportDialog, amw_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  N_PROPS
};

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- jobs ---- */

static void
job_clear (Job *job)
{
  g_free (job->db_path);
  g_free (job->editor);
  g_free (job->file_path);
  g_clear_pointer (&job->progress, amw_worker_progress_unref);
}

static Job *
job_new (AmwImportDialog *self)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  job->db_path = g_strdup (amw_store_get_path (self->store));
  job->editor = g_strdup (amw_store_get_editor (self->store));
  job->file_path = g_file_get_path (self->file);
  job->progress = amw_worker_progress_new (self->progress_bar);
  return job;
}

static void
job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->plan, amw_import_plan_free);
  g_clear_pointer (&loaded->report, amw_import_report_free);
  g_clear_error (&loaded->error);
  g_free (loaded);
}

/* ---- helpers ---- */

static void
update_actions (AmwImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", !self->busy && self->plan != NULL);
  /* Once writing has begun it runs to the end: it is one transaction, all or nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.cancel",
                                 !(self->busy && self->plan != NULL));
}

/* "12 new · 3 updated" */
static char *
describe_counts (guint n_new,
                 guint n_updated)
{
  /* TRANSLATORS: counts of records in an import preview: "12 new · 3 updated" */
  return g_strdup_printf (_("%u new · %u updated"), n_new, n_updated);
}

static GtkWidget *
problem_row_new (const char *problem)
{
  GtkWidget *row = adw_action_row_new ();
  const char *colon = strstr (problem, ": ");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* "articles[3].ratings.novelty: must be 1–5 or null": the place, then what is wrong. */
  if (colon != NULL && colon != problem)
    {
      g_autofree char *place = g_strndup (problem, colon - problem);
      g_autofree char *markup = g_markup_printf_escaped ("<tt>%s</tt>", place);
      g_autofree char *message = g_markup_escape_text (colon + 2, -1);

      /* The place in monospace, as it reads in the file's path syntax. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  return row;
}

static void
show_preview (AmwImportDialog *self,
              const GError    *error)
{
  const AmwImportReport *report = self->report;
  guint n_problems = report != NULL ? report->problems->len : 0;
  g_autofree char *summary = NULL;

  if (report != NULL)
    {
      g_autofree char *articles = describe_counts (report->n_articles_new, report->n_articles_updated);
      g_autofree char *companies = describe_counts (report->n_companies_new, report->n_companies_updated);
      g_autofree char *events = describe_counts (report->n_events_new, report->n_events_updated);

      gtk_label_set_text (self->articles_label, articles);
      gtk_label_set_text (self->companies_label, companies);
      gtk_label_set_text (self->events_label, events);
    }
  gtk_widget_set_visible (self->counts_group, report != NULL);

  for (guint i = 0; i < MIN (n_problems, MAX_PROBLEMS_SHOWN); i++)
    gtk_list_box_append (self->problems_list, problem_row_new (g_ptr_array_index (report->problems, i)));
  if (n_problems > MAX_PROBLEMS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("…and %u more problem", "…and %u more problems",
                                                         n_problems - MAX_PROBLEMS_SHOWN),
                                               n_problems - MAX_PROBLEMS_SHOWN);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->problems_list, row);
    }
  else if (n_problems == 0 && self->plan == NULL && error != NULL)
    {
      /* A file that is not JSON at all has no places, only what went wrong. */
      gtk_list_box_append (self->problems_list, problem_row_new (error->message));
      n_problems = 1;
    }
  gtk_widget_set_visible (self->problems_group, self->plan == NULL);

  if (self->plan != NULL)
    summary = g_strdup (_("Records are matched by id: the file’s version replaces what is stored. "
                          "Everything is written in one step."));
  else
    summary = g_strdup_printf (ngettext ("The file cannot be imported: fix this problem and try again. "
                                         "Nothing was changed.",
                                         "The file cannot be imported: fix these %u problems and try again. "
                                         "Nothing was changed.",
                                         n_problems),
                               n_problems);
  gtk_label_set_text (self->summary_label, summary);
  if (self->plan == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
take_loaded (AmwImportDialog *self,
             Loaded          *loaded)
{
  self->busy = FALSE;
  self->plan = g_steal_pointer (&loaded->plan);
  self->report = g_steal_pointer (&loaded->report);
  show_preview (self, loaded->error);
  update_actions (self);
}

static void
show_failure (AmwImportDialog *self,
              const char      *message)
{
  adw_status_page_set_description (self->failed_page, message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
  /* The plan is spent: what failed would fail again. */
  g_clear_pointer (&self->plan, amw_import_plan_free);
  self->busy = FALSE;
  update_actions (self);
}

static void
finish (AmwImportDialog *self)
{
  guint n = self->report ? self->report->n_articles_new + self->report->n_articles_updated : 0;
  g_autofree char *message = NULL;

  /* TRANSLATORS: a toast after an import; %s is a file name */
  message = g_strdup_printf (ngettext ("Imported %u article from “%s”", "Imported %u articles from “%s”", n),
                             n, self->name);
  self->busy = FALSE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- checking the file ---- */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autoptr(AmwStore) store = amw_store_open_existing (job->db_path, &loaded->error);

  if (store != NULL)
    loaded->plan = amw_import_plan_load (store, job->file_path, &loaded->report, &loaded->error);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (source);
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!g_cancellable_is_cancelled (self->cancellable))
    take_loaded (self, loaded);
  loaded_free (loaded);
}

static void
load (AmwImportDialog *self)
{
  g_autofree char *path = NULL;
  g_autofree char *loading = NULL;
  GStatBuf info;

  if (self->store == NULL || self->file == NULL)
    return;
  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      Loaded loaded = { 0 };

      g_set_error (&loaded.error, AMW_ERROR, AMW_ERROR_IO, _("Only files on this computer can be imported"));
      take_loaded (self, &loaded);
      g_clear_error (&loaded.error);
      return;
    }

  /* TRANSLATORS: %s is a file name */
  loading = g_strdup_printf (_("Checking “%s”…"), self->name);
  gtk_label_set_text (self->loading_label, loading);
  self->busy = TRUE;
  update_actions (self);

  if (g_stat (path, &info) == 0 && info.st_size >= LOAD_IN_THREAD_SIZE &&
      g_strcmp0 (amw_store_get_path (self->store), ":memory:") != 0)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_load_done_cb, NULL);

      gtk_stack_set_visible_child_name (self->stack, "loading");
      g_task_set_task_data (task, job_new (self), job_unref);
      g_task_run_in_thread (task, load_thread);
    }
  else
    {
      Loaded loaded = { 0 };

      loaded.plan = amw_import_plan_load (self->store, path, &loaded.report, &loaded.error);
      take_loaded (self, &loaded);
      g_clear_pointer (&loaded.plan, amw_import_plan_free);
      g_clear_pointer (&loaded.report, amw_import_report_free);
      g_clear_error (&loaded.error);
    }
}

/* ---- writing ---- */

static void
show_progress (AmwImportDialog *self,
               guint            done,
               guint            total)
{
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

/* On the main thread, for a store that no other connection can see. */
static void
main_progress_cb (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  show_progress (AMW_IMPORT_DIALOG (user_data), (guint) done, (guint) total);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = amw_store_open_existing (job->db_path, &error);

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  amw_store_set_editor (store, job->editor);
  if (!amw_import_plan_apply (store, job->plan, amw_worker_progress_report, job->progress, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_apply_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  /* The other connection wrote: let every view see it now, not at the next poll. */
  amw_store_check_external_changes (self->store);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The check on the worker found the file damaged: the window shows it too. */
      if (g_error_matches (error, AMW_ERROR, AMW_ERROR_CORRUPT))
        amw_store_mark_damaged (self->store, error);
      show_failure (self, error->message);
    }
  else
    finish (self);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (widget);
  g_autofree char *text = NULL;

  if (self->busy || self->plan == NULL)
    return;
  /* The window's check found damage while the preview was open. */
  if (amw_store_get_damage (self->store) != NULL)
    {
      show_failure (self, amw_store_get_damage (self->store)->message);
      return;
    }

  self->busy = TRUE;
  update_actions (self);
  if (amw_store_needs_verify (self->store))
    /* TRANSLATORS: %s is a file name; the database is checked first, which takes seconds */
    text = g_strdup_printf (_("Checking the database, then importing “%s”…"), self->name);
  else
    /* TRANSLATORS: %s is a file name */
    text = g_strdup_printf (_("Importing “%s”…"), self->name);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  if (g_strcmp0 (amw_store_get_path (self->store), ":memory:") == 0)
    {
      g_autoptr(GError) error = NULL;

      /* No other connection can open a memory database. */
      if (!amw_import_plan_apply (self->store, self->plan, main_progress_cb, self, &error))
        show_failure (self, error->message);
      else
        finish (self);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, on_apply_done_cb, NULL);
      Job *job = job_new (self);

      job->plan = self->plan;
      g_task_set_task_data (task, job, job_unref);
      g_task_run_in_thread (task, apply_thread);
    }
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- GObject ---- */

static gboolean
amw_import_dialog_close_request (GtkWindow *window)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (window);

  /* Writing cannot stop half way; the dialog closes when it is done. */
  if (self->busy && self->plan != NULL)
    return TRUE;
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (amw_import_dialog_parent_class)->close_request (window);
}

static void
amw_import_dialog_constructed (GObject *object)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (amw_import_dialog_parent_class)->constructed (object);

  if (self->file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      /* Shown in labels and a toast: one line, whatever the file is called. */
      self->name = amw_message_escape (name, -1, 0);
      adw_window_title_set_subtitle (self->window_title, self->name);
    }
  load (self);
}

static void
amw_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_import_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_import_dialog_dispose (GObject *object)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (amw_import_dialog_parent_class)->dispose (object);
}

static void
amw_import_dialog_finalize (GObject *object)
{
  AmwImportDialog *self = AMW_IMPORT_DIALOG (object);

  /* A running task holds the dialog: the plan it reads is never freed under it. */
  g_clear_pointer (&self->plan, amw_import_plan_free);
  g_clear_pointer (&self->report, amw_import_report_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_free (self->name);
  G_OBJECT_CLASS (amw_import_dialog_parent_class)->finalize (object);
}

static void
amw_import_dialog_class_init (AmwImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = amw_import_dialog_constructed;
  object_class->get_property = amw_import_dialog_get_property;
  object_class->set_property = amw_import_dialog_set_property;
  object_class->dispose = amw_import_dialog_dispose;
  object_class->finalize = amw_import_dialog_finalize;
  window_class->close_request = amw_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, articles_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, companies_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, events_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AmwImportDialog, failed_page);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.import", NULL);
}

static void
amw_import_dialog_init (AmwImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

/* ---- public API ---- */

GtkWidget *
amw_import_dialog_new (GtkWindow *parent,
                       AmwStore  *store,
                       GFile     *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (AMW_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "file", file,
                       NULL);
}

GFile *
amw_import_dialog_get_file (AmwImportDialog *self)
{
  g_return_val_if_fail (AMW_IS_IMPORT_DIALOG (self), NULL);
  return self->file;
}

gboolean
amw_import_dialog_get_can_import (AmwImportDialog *self)
{
  g_return_val_if_fail (AMW_IS_IMPORT_DIALOG (self), FALSE);
  return !self->busy && self->plan != NULL;
}

gboolean
amw_import_dialog_get_busy (AmwImportDialog *self)
{
  g_return_val_if_fail (AMW_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}
