/* amw-export-dialog.c — choose what to export, check it, and write it with progress
 *
 * Counts and the completeness check are SQL counts on the main thread (cheap: the store
 * counts, nothing is loaded), except for a list of selected ids, which has no query and is
 * checked article by article. Writing runs in a worker thread on a connection of its own
 * to the same database file (never one made anew: a database moved away is an error, not
 * an empty export). A large file the window has not finished checking is checked there
 * first, as damage would read as missing articles. amw_export_to_file() refuses the open
 * database as the target by any name, follows links, keeps the file's permissions, and
 * writes a regular file beside the target, renaming only when complete, so a cancelled
 * or failed export leaves the old file as it was (a pipe or a device is written as it
 * comes). Its messages name the file and are shown in the dialog. Progress comes back
 * through an AmwWorkerProgress (one pending idle at a time, the bar held weakly). */
#include "amw-config.h"
#include "amw-export-dialog.h"
#include "amw-format.h"
#include "amw-message.h"
#include "amw-worker-progress.h"

#include <glib/gi18n.h>

/* How many incomplete articles are listed by name. */
#define MAX_INCOMPLETE_SHOWN 20

/* What the worker needs; refcounted, as the dialog may go away while it runs. */
typedef struct {
  char             *db_path;
  AmwSelectionKind  kind;
  AmwQuery         *query;   /* a copy of its own */
  GStrv             ids;
  char             *path;
  gboolean          verify;  /* the window's check of a large file has not ended */
  guint64           n_written;
  AmwWorkerProgress *progress;
} Job;

struct _AmwExportDialog
{
  AdwWindow             parent_instance;

  /* template widgets */
  GtkStack             *stack;
  GtkButton            *export_button;
  GtkWidget            *selected_row;
  GtkCheckButton       *selected_check;
  GtkLabel             *selected_count;
  GtkWidget            *filter_row;
  GtkCheckButton       *filter_check;
  GtkLabel             *filter_count;
  GtkCheckButton       *published_check;
  GtkLabel             *published_count;
  GtkCheckButton       *all_check;
  GtkLabel             *all_count;
  AdwPreferencesGroup  *completeness_group;
  GtkListBox           *incomplete_list;
  GtkLabel             *more_label;
  AdwActionRow         *file_row;
  GtkLabel             *cancelled_label;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;

  /* owned */
  AmwStore             *store;
  AmwQuery             *query;          /* the window's filter, copied */
  GStrv                 selected_ids;
  GFile                *file;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;    /* of the running export */
  guint                 n_incomplete;
  gint64                n_chosen;       /* articles of the chosen set; -1 when unknown */
  gboolean              export_after_choosing;
};

G_DEFINE_FINAL_TYPE (AmwExportDialog, amw_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_SELECTED_IDS,
  N_PROPS
};

enum {
  SIGNAL_OPEN_ARTICLE,
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
  g_clear_object (&job->query);
  g_strfreev (job->ids);
  g_free (job->path);
  g_clear_pointer (&job->progress, amw_worker_progress_unref);
}

static void
job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

/* ---- helpers ---- */

static gboolean
has_filter (AmwExportDialog *self)
{
  return self->query != NULL && amw_query_has_filters (self->query);
}

static guint
n_selected (AmwExportDialog *self)
{
  return self->selected_ids != NULL ? g_strv_length (self->selected_ids) : 0;
}

static gboolean
is_busy (AmwExportDialog *self)
{
  return self->cancellable != NULL;
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A query for a choice other than the selected ids: NULL means every article. */
static AmwQuery *
query_for (AmwExportDialog  *self,
           AmwSelectionKind  kind)
{
  AmwQuery *query;

  if (kind == AMW_SELECTION_QUERY && self->query != NULL)
    return amw_query_copy (self->query);
  query = amw_query_new ();
  if (kind == AMW_SELECTION_PUBLISHED)
    amw_query_set_statuses (query, (const char * const[]) { "published", NULL });
  return query;
}

static void
set_count (GtkLabel *label,
           gint64    n)
{
  g_autofree char *text = n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("—");

  gtk_label_set_text (label, text);
}

static gint64
count (AmwExportDialog  *self,
       AmwSelectionKind  kind)
{
  g_autoptr(AmwQuery) query = query_for (self, kind);
  g_autoptr(GError) error = NULL;
  gint64 n = amw_store_count_articles (self->store, query, &error);

  if (n < 0)
    g_warning ("Could not count articles: %s", error->message);
  return n;
}

static gboolean
is_incomplete (const AmwArticle *article)
{
  return amw_is_blank (article->amw_read) || article->novelty == 0 || article->significance == 0;
}

/* "No AMW Read · Not rated" */
static char *
describe_gaps (const AmwArticle *article)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (amw_is_blank (article->amw_read))
    g_string_append (text, _("No AMW Read"));
  if (article->novelty == 0 || article->significance == 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      if (article->novelty == 0 && article->significance == 0)
        g_string_append (text, _("Not rated"));
      else if (article->novelty == 0)
        g_string_append (text, _("No Novelty rating"));
      else
        g_string_append (text, _("No Significance rating"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_open_clicked_cb (GtkButton       *button,
                    AmwExportDialog *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "article-id"));

  g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_incomplete_row (AmwExportDialog  *self,
                    const AmwArticle *article)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_with_label (C_("article", "Open"));
  g_autofree char *gaps = describe_gaps (article);
  /* TRANSLATORS: accessible name of the Open button of an incomplete article */
  g_autofree char *label = g_strdup_printf (_("Open “%s”"), article->title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), article->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gaps);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (open), "article-id", g_strdup (article->id), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
  gtk_list_box_append (self->incomplete_list, row);
}

static void update_actions (AmwExportDialog *self);

/* Lists the chosen articles that lack an AMW Read or a rating. */
static void
check_completeness (AmwExportDialog *self)
{
  AmwSelectionKind kind = amw_export_dialog_get_selection (self);
  g_autofree char *description = NULL;
  guint shown = 0;

  remove_rows (self->incomplete_list);
  self->n_incomplete = 0;
  self->n_chosen = -1;
  if (self->store == NULL)
    return;
  self->n_chosen = kind == AMW_SELECTION_IDS ? (gint64) n_selected (self) : count (self, kind);

  if (kind == AMW_SELECTION_IDS)
    {
      /* No query selects by id: a selection is what an editor clicked, so it is short. */
      for (guint i = 0; self->selected_ids != NULL && self->selected_ids[i] != NULL; i++)
        {
          g_autoptr(AmwArticle) article = amw_store_get_article (self->store, self->selected_ids[i], NULL);

          if (article == NULL || !is_incomplete (article))
            continue;
          self->n_incomplete++;
          if (shown++ < MAX_INCOMPLETE_SHOWN)
            add_incomplete_row (self, article);
        }
    }
  else
    {
      g_autoptr(AmwQuery) query = query_for (self, kind);
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      gint64 n;

      amw_query_set_incomplete (query, TRUE);
      amw_query_set_sort (query, AMW_SORT_PUBLISHED, TRUE);
      n = amw_store_count_articles (self->store, query, &error);
      if (n < 0 || (items = amw_store_fetch_articles (self->store, query, 0, MAX_INCOMPLETE_SHOWN, &error)) == NULL)
        g_warning ("Could not check the articles: %s", error->message);
      self->n_incomplete = (guint) MAX (n, 0);
      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          AmwArticleItem *item = g_ptr_array_index (items, i);
          g_autoptr(AmwArticle) article = amw_store_get_article (self->store, amw_article_item_get_id (item), NULL);

          if (article != NULL)
            {
              add_incomplete_row (self, article);
              shown++;
            }
        }
    }

  if (self->n_chosen == 0)
    description = g_strdup (_("No article is chosen, so there is nothing to export. Choose other articles."));
  else if (self->n_incomplete == 0)
    description = g_strdup (_("Every chosen article has an AMW Read and both ratings."));
  else
    description = g_strdup_printf (ngettext ("%u chosen article lacks an AMW Read or a rating. Open it to "
                                             "finish it, choose other articles, or export anyway.",
                                             "%u chosen articles lack an AMW Read or a rating. Open them to "
                                             "finish them, choose other articles, or export anyway.",
                                             self->n_incomplete),
                                   self->n_incomplete);
  adw_preferences_group_set_description (self->completeness_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->incomplete_list), self->n_incomplete > 0);
  if (self->n_incomplete > MAX_INCOMPLETE_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("…and %u more", "…and %u more",
                                                         self->n_incomplete - MAX_INCOMPLETE_SHOWN),
                                               self->n_incomplete - MAX_INCOMPLETE_SHOWN);

      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), self->n_incomplete > MAX_INCOMPLETE_SHOWN);

  gtk_button_set_label (self->export_button, self->n_incomplete > 0 ? _("Export _Anyway") : _("_Export"));
  update_actions (self);
}

static void
update_file_row (AmwExportDialog *self)
{
  g_autofree char *path = self->file ? g_file_get_path (self->file) : NULL;
  g_autofree char *shown = path ? amw_message_escape (path, -1, 0) : NULL;

  adw_action_row_set_subtitle (self->file_row, shown ? shown : _("Not chosen yet: Export asks where"));
}

static void
update_actions (AmwExportDialog *self)
{
  /* A set with no article (a search that matches nothing) is not exported as an empty
   * file, as if it were what the editor meant. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.export",
                                 !is_busy (self) && self->store != NULL && self->n_chosen != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.choose-file", !is_busy (self));
}

static void
load (AmwExportDialog *self)
{
  guint n = n_selected (self);

  gtk_widget_set_visible (self->selected_row, n > 0);
  gtk_widget_set_visible (self->filter_row, has_filter (self));
  if (self->store != NULL)
    {
      set_count (self->selected_count, n);
      if (has_filter (self))
        {
          g_autofree char *description = amw_format_query (self->query, self->store);

          set_count (self->filter_count, count (self, AMW_SELECTION_QUERY));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->filter_row), description);
        }
      set_count (self->published_count, count (self, AMW_SELECTION_PUBLISHED));
      set_count (self->all_count, count (self, AMW_SELECTION_ALL));
    }

  /* What the editor was looking at comes first. */
  if (n > 0)
    gtk_check_button_set_active (self->selected_check, TRUE);
  else if (has_filter (self))
    gtk_check_button_set_active (self->filter_check, TRUE);
  else
    gtk_check_button_set_active (self->all_check, TRUE);
  check_completeness (self);
  update_file_row (self);
  update_actions (self);
}

/* ---- writing ---- */

static gboolean
run_export (AmwStore      *store,
            Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  AmwExportSelection selection = { job->kind, job->query, (const char * const *) job->ids };

  return amw_export_to_file (store, &selection, job->path, &job->n_written,
                             amw_worker_progress_report, job->progress,
                             cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  /* Only reads: a connection of its own, so the window's keeps answering. */
  g_autoptr(AmwStore) store = amw_store_open_existing (job->db_path, &error);

  if (store == NULL ||
      (job->verify && !amw_store_verify (store, cancellable, &error)) ||
      !run_export (store, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_failure (AmwExportDialog *self,
              const char      *message)
{
  /* One line, whatever the path holds. */
  g_autofree char *shown = amw_message_escape (message, -1, 0);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"), shown);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done (AmwExportDialog *self,
             Job             *job,
             GError          *error)
{
  g_clear_object (&self->cancellable);
  update_actions (self);
  /* The check on the worker found the file damaged: the window shows it too. */
  if (g_error_matches (error, AMW_ERROR, AMW_ERROR_CORRUPT))
    amw_store_mark_damaged (self->store, error);

  if (error == NULL)
    {
      /* TRANSLATORS: a toast after an export */
      g_autofree char *message = g_strdup_printf (ngettext ("Exported %u article", "Exported %u articles",
                                                            (gulong) job->n_written),
                                                  (guint) job->n_written);

      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, message, job->path);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "choose");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *name = amw_message_escape (base, -1, 0);
      /* TRANSLATORS: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Export cancelled: “%s” was left as it was."), name);

      gtk_label_set_text (self->cancelled_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), TRUE);
    }
  else
    show_failure (self, error->message);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  export_done (self, job, error);
}

static void
start_export (AmwExportDialog *self)
{
  Job *job;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gint64 n;

  /* As the command line does: damage reads as missing or wrong articles, and an export
   * that looks complete but is not is worse than none. */
  if (amw_store_get_damage (self->store) != NULL)
    {
      show_failure (self, amw_store_get_damage (self->store)->message);
      return;
    }

  job = g_atomic_rc_box_new0 (Job);
  job->db_path = g_strdup (amw_store_get_path (self->store));
  job->kind = amw_export_dialog_get_selection (self);
  if (job->kind == AMW_SELECTION_QUERY)
    job->query = amw_query_copy (self->query);
  if (job->kind == AMW_SELECTION_IDS)
    job->ids = g_strdupv (self->selected_ids);
  job->path = g_file_get_path (self->file);
  job->verify = amw_store_needs_verify (self->store);
  job->progress = amw_worker_progress_new (self->progress_bar);

  self->cancellable = g_cancellable_new ();
  update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), FALSE);
  n = job->kind == AMW_SELECTION_IDS ? (gint64) n_selected (self) : count (self, job->kind);
  base = g_file_get_basename (self->file);
  name = amw_message_escape (base, -1, 0);
  /* TRANSLATORS: %s is a file name */
  text = g_strdup_printf (ngettext ("Exporting %u article to “%s”…", "Exporting %u articles to “%s”…",
                                    (gulong) MAX (n, 0)),
                          (guint) MAX (n, 0), name);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  if (g_strcmp0 (job->db_path, ":memory:") == 0)
    {
      g_autoptr(GError) error = NULL;

      /* No other connection can open a memory database. */
      run_export (self->store, job, self->cancellable, &error);
      export_done (self, job, error);
      job_unref (job);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_export_done_cb, NULL);

      g_task_set_task_data (task, job, job_unref);
      g_task_run_in_thread (task, export_thread);
    }
}

/* ---- choosing the file ---- */

static char *
default_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "amw-export-%Y-%m-%d.json");
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        AmwExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file == NULL || g_file_peek_path (file) == NULL)
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Choose Another Folder"),
                                                      _("An export is written to a folder on this "
                                                        "computer."));

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        {
          amw_export_dialog_set_file (self, file);
          if (self->export_after_choosing)
            start_export (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (AmwExportDialog *self,
             gboolean         then_export)
{
  g_autofree char *name = self->file ? g_file_get_basename (self->file) : default_name ();
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->export_after_choosing = then_export;
  self->chooser = gtk_file_chooser_native_new (_("Export JSON"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               then_export ? _("_Export") : _("_Choose"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("AMW JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  else if (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS) != NULL)
    {
      g_autoptr(GFile) documents = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), documents, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- callbacks and actions ---- */

static void
on_choice_toggled_cb (AmwExportDialog *self,
                      GtkCheckButton  *check)
{
  /* Each change toggles two buttons: act on the one that became active. */
  if (gtk_check_button_get_active (check))
    check_completeness (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (widget);

  if (is_busy (self) || self->store == NULL)
    return;
  if (self->file == NULL)
    choose_file (self, TRUE);
  else
    start_export (self);
}

static void
choose_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (AMW_EXPORT_DIALOG (widget), FALSE);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (widget);

  /* While writing, Cancel stops the export and keeps the dialog. */
  if (is_busy (self))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static gboolean
amw_export_dialog_close_request (GtkWindow *window)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (window);

  if (is_busy (self))
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (amw_export_dialog_parent_class)->close_request (window);
}

static void
amw_export_dialog_constructed (GObject *object)
{
  G_OBJECT_CLASS (amw_export_dialog_parent_class)->constructed (object);
  load (AMW_EXPORT_DIALOG (object));
}

static void
amw_export_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_object (value, self->query);
      break;
    case PROP_SELECTED_IDS:
      g_value_set_boxed (value, self->selected_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_export_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_QUERY:
      g_clear_object (&self->query);
      /* A copy: the window's filter may change while the dialog is open. */
      if (g_value_get_object (value) != NULL)
        self->query = amw_query_copy (g_value_get_object (value));
      break;
    case PROP_SELECTED_IDS:
      g_strfreev (self->selected_ids);
      self->selected_ids = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_export_dialog_dispose (GObject *object)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (amw_export_dialog_parent_class)->dispose (object);
}

static void
amw_export_dialog_finalize (GObject *object)
{
  AmwExportDialog *self = AMW_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->query);
  g_clear_object (&self->file);
  g_strfreev (self->selected_ids);
  G_OBJECT_CLASS (amw_export_dialog_parent_class)->finalize (object);
}

static void
amw_export_dialog_class_init (AmwExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = amw_export_dialog_constructed;
  object_class->get_property = amw_export_dialog_get_property;
  object_class->set_property = amw_export_dialog_set_property;
  object_class->dispose = amw_export_dialog_dispose;
  object_class->finalize = amw_export_dialog_finalize;
  window_class->close_request = amw_export_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL, AMW_TYPE_QUERY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_IDS] =
    g_param_spec_boxed ("selected-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, selected_row);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, selected_check);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, selected_count);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, filter_row);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, filter_check);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, filter_count);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, published_check);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, published_count);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, all_count);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, completeness_group);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, incomplete_list);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, more_label);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AmwExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled_cb);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "dialog.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "dialog.choose-file", NULL, choose_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.export", NULL);
}

static void
amw_export_dialog_init (AmwExportDialog *self)
{
  self->n_chosen = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---- */

GtkWidget *
amw_export_dialog_new (GtkWindow          *parent,
                       AmwStore           *store,
                       AmwQuery           *query,
                       const char * const *selected_ids)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (query == NULL || AMW_IS_QUERY (query), NULL);

  return g_object_new (AMW_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "query", query,
                       "selected-ids", selected_ids,
                       NULL);
}

AmwSelectionKind
amw_export_dialog_get_selection (AmwExportDialog *self)
{
  g_return_val_if_fail (AMW_IS_EXPORT_DIALOG (self), AMW_SELECTION_ALL);

  if (gtk_check_button_get_active (self->selected_check) && n_selected (self) > 0)
    return AMW_SELECTION_IDS;
  if (gtk_check_button_get_active (self->filter_check) && has_filter (self))
    return AMW_SELECTION_QUERY;
  if (gtk_check_button_get_active (self->published_check))
    return AMW_SELECTION_PUBLISHED;
  return AMW_SELECTION_ALL;
}

void
amw_export_dialog_set_selection (AmwExportDialog  *self,
                                 AmwSelectionKind  kind)
{
  g_return_if_fail (AMW_IS_EXPORT_DIALOG (self));

  switch (kind)
    {
    case AMW_SELECTION_IDS:
      if (n_selected (self) > 0)
        gtk_check_button_set_active (self->selected_check, TRUE);
      break;
    case AMW_SELECTION_QUERY:
      if (has_filter (self))
        gtk_check_button_set_active (self->filter_check, TRUE);
      break;
    case AMW_SELECTION_PUBLISHED:
      gtk_check_button_set_active (self->published_check, TRUE);
      break;
    case AMW_SELECTION_ALL:
    default:
      gtk_check_button_set_active (self->all_check, TRUE);
      break;
    }
}

GFile *
amw_export_dialog_get_file (AmwExportDialog *self)
{
  g_return_val_if_fail (AMW_IS_EXPORT_DIALOG (self), NULL);
  return self->file;
}

void
amw_export_dialog_set_file (AmwExportDialog *self,
                            GFile           *file)
{
  g_return_if_fail (AMW_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_return_if_fail (file == NULL || g_file_peek_path (file) != NULL);

  if (g_set_object (&self->file, file))
    update_file_row (self);
}

guint
amw_export_dialog_get_n_incomplete (AmwExportDialog *self)
{
  g_return_val_if_fail (AMW_IS_EXPORT_DIALOG (self), 0);
  return self->n_incomplete;
}

gboolean
amw_export_dialog_get_busy (AmwExportDialog *self)
{
  g_return_val_if_fail (AMW_IS_EXPORT_DIALOG (self), FALSE);
  return is_busy (self);
}
