/* amw-store-check.c — is the database file sound? PRAGMA quick_check, at opening or on a
 * worker thread, and the damaged state that refuses every write afterwards. */
#include "amw-config.h"
#include "amw-message.h"
#include "amw-store-private.h"

#include <glib/gi18n-lib.h>

/* How much of SQLite's first problem a message quotes. */
#define MAX_PROBLEM_CHARS 200

int
amw_store_interrupt_when_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

gboolean
amw_store_quick_check (sqlite3       *db,
                       const char    *path,
                       int            schema_version,
                       GCancellable  *cancellable,
                       GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *shown_path = amw_message_escape (path, -1, 0);
  guint n_problems = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && cancellable != NULL)
    sqlite3_progress_handler (db, 10000, amw_store_interrupt_when_cancelled, cancellable);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      const char *line;

      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      line = (const char *) sqlite3_column_text (stmt, 0);

      if (line == NULL || g_str_equal (line, "ok"))
        continue;
      /* SQLite 3.40.1 reports this for every alias of a version-1 file, whose
       * company_aliases has a NOT NULL column before a primary-key column of a WITHOUT
       * ROWID table (a bug of the check, not of the file); version 2 reorders the table. */
      if (schema_version < 2 && g_str_equal (line, "NULL value in company_aliases.alias"))
        continue;
      /* A row may hold several lines under a heading ("*** in database main ***\nOn
       * tree page 55 cell 0: …"): the message names the first problem and counts the rest. */
      {
        g_auto(GStrv) parts = g_strsplit (line, "\n", -1);
        guint before = n_problems;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            if (*g_strstrip (parts[i]) == '\0' || g_str_has_prefix (parts[i], "*** "))
              continue;
            if (n_problems++ == 0)
              first = amw_message_escape (parts[i], -1, MAX_PROBLEM_CHARS);
          }
        if (n_problems == before)
          n_problems++;   /* only a heading: still not "ok" */
      }
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_CORRUPT, _("%s is damaged: %s"), shown_path,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, AMW_ERROR, (rc & 0xff) == SQLITE_BUSY ? AMW_ERROR_BUSY : AMW_ERROR_IO,
                   _("Could not check %s: %s"), shown_path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (n_problems > 1 && first != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_CORRUPT,
                   ngettext ("%s is damaged: %s (and %u more problem)", "%s is damaged: %s (and %u more problems)",
                             n_problems - 1),
                   shown_path, first, n_problems - 1);
      return FALSE;
    }
  if (n_problems > 0)
    {
      /* One problem, or only a heading: SQLite says something is wrong, not what. */
      g_set_error (error, AMW_ERROR, AMW_ERROR_CORRUPT, _("%s is damaged: %s"), shown_path,
                   first ? first : sqlite3_errstr (SQLITE_CORRUPT));
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_store_needs_verify (AmwStore *self)
{
  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  return self->needs_verify;
}

/* The check reads every page: on a connection of its own, so that the store's connection
 * stays free for the window while a large file is read (and its cache is not what is
 * checked). */
static gboolean
verify_file (AmwStore      *self,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *target = self->uri ? self->uri : self->path;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (target, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *shown_path = amw_message_escape (self->path, -1, 0);

      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not check %s: %s"), shown_path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
  else
    {
      sqlite3_busy_timeout (db, 5000);
      ok = amw_store_quick_check (db, self->path, AMW_STORE_SCHEMA_VERSION, cancellable, error);
    }
  sqlite3_close (db);
  return ok;
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (verify_file (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
amw_store_verify (AmwStore      *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (verify_file (self, cancellable, &local_error))
    {
      self->needs_verify = FALSE;
      return TRUE;
    }
  if (g_error_matches (local_error, AMW_ERROR, AMW_ERROR_CORRUPT))
    {
      self->needs_verify = FALSE;
      amw_store_mark_damaged (self, local_error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
amw_store_verify_async (AmwStore            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AMW_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, amw_store_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
amw_store_verify_finish (AmwStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->needs_verify = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &local_error))
    return TRUE;
  if (g_error_matches (local_error, AMW_ERROR, AMW_ERROR_CORRUPT))
    amw_store_mark_damaged (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
amw_store_mark_damaged (AmwStore     *self,
                        const GError *damage)
{
  g_return_if_fail (AMW_IS_STORE (self));
  g_return_if_fail (damage != NULL);

  if (self->damage != NULL)
    return;
  self->damage = g_error_copy (damage);
  amw_store_note_change (self, AMW_CHANGE_DAMAGED);
}

const GError *
amw_store_get_damage (AmwStore *self)
{
  g_return_val_if_fail (AMW_IS_STORE (self), NULL);
  return self->damage;
}
