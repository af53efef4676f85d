/* amw-store-write.c — writing records and their lists (import upserts use these too) */
#include "amw-config.h"

#include <glib/gi18n-lib.h>
#include "amw-json-values.h"
#include "amw-message.h"
#include "amw-store-private.h"


gboolean
amw_store_step_returning_pk (AmwStore      *self,
                             sqlite3_stmt  *stmt,
                             const char    *what,
                             gint64        *pk,
                             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return amw_store_fail (self, rc, what, error);
    }
  *pk = sqlite3_column_int64 (stmt, 0);
  /* RETURNING statements finish their write on the last step. */
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return amw_store_fail (self, rc, what, error);
  return TRUE;
}

gboolean
amw_store_write_tags (AmwStore   *self,
                      gint64      article_pk,
                      GPtrArray  *tags,
                      GError    **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_DELETE_ARTICLE_TAGS, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write tags"), error))
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (tags, i)));
      gint64 tag_pk;

      if (name[0] == '\0')
        continue;
      if ((stmt = amw_store_stmt (self, STMT_ENSURE_TAG, error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, name);
      if (!amw_store_step_returning_pk (self, stmt, _("Could not write a tag"), &tag_pk, error))
        return FALSE;

      if ((stmt = amw_store_stmt (self, STMT_INSERT_ARTICLE_TAG, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_pk);
      sqlite3_bind_int64 (stmt, 2, tag_pk);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!amw_store_exec_stmt (self, stmt, _("Could not tag an article"), error))
        {
          g_autofree char *shown = amw_message_escape (name, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_prefix_error (error, _("Tag “%s”: "), shown);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
amw_store_write_areas (AmwStore   *self,
                       gint64      article_pk,
                       GPtrArray  *areas,
                       GError    **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_DELETE_ARTICLE_AREAS, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write knowledge areas"), error))
    return FALSE;

  for (guint i = 0; i < areas->len; i++)
    {
      AmwPair *area = g_ptr_array_index (areas, i);
      gint64 area_pk;

      if ((stmt = amw_store_stmt (self, STMT_ENSURE_AREA, error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, area->first);
      amw_bind_text (stmt, 2, area->second);
      if (!amw_store_step_returning_pk (self, stmt, _("Could not write a knowledge area"), &area_pk, error))
        return FALSE;

      if ((stmt = amw_store_stmt (self, STMT_INSERT_ARTICLE_AREA, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_pk);
      sqlite3_bind_int64 (stmt, 2, area_pk);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!amw_store_exec_stmt (self, stmt, _("Could not link a knowledge area"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
amw_store_write_companies (AmwStore   *self,
                           gint64      article_pk,
                           GPtrArray  *companies,
                           GError    **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_DELETE_ARTICLE_COMPANIES, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write companies"), error))
    return FALSE;

  for (guint i = 0; i < companies->len; i++)
    {
      AmwPair *link = g_ptr_array_index (companies, i);
      gint64 company_pk = amw_store_lookup_pk (self, STMT_COMPANY_PK, link->first, NULL);

      if (company_pk < 0)
        {
          g_autofree char *shown = amw_message_escape (link->first, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("Unknown company “%s”"), shown);
          return FALSE;
        }
      if ((stmt = amw_store_stmt (self, STMT_INSERT_ARTICLE_COMPANY, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_pk);
      sqlite3_bind_int64 (stmt, 2, company_pk);
      amw_bind_text (stmt, 3, link->second);
      sqlite3_bind_int (stmt, 4, (int) i);
      if (!amw_store_exec_stmt (self, stmt, _("Could not link a company"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
amw_store_write_connections (AmwStore   *self,
                             gint64      article_pk,
                             GPtrArray  *connections,
                             GError    **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_DELETE_CONNECTIONS, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write connections"), error))
    return FALSE;

  for (guint i = 0; i < connections->len; i++)
    {
      AmwPair *link = g_ptr_array_index (connections, i);
      gboolean is_article = g_strcmp0 (link->first, "article") == 0;
      gint64 target = amw_store_lookup_pk (self, is_article ? STMT_ARTICLE_PK : STMT_EVENT_PK,
                                           link->second, NULL);

      if (target < 0)
        {
          g_autofree char *shown = amw_message_escape (link->second, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND,
                       is_article ? _("Unknown article “%s”") : _("Unknown event “%s”"), shown);
          return FALSE;
        }
      if ((stmt = amw_store_stmt (self, STMT_INSERT_CONNECTION, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_pk);
      sqlite3_bind_int (stmt, 2, (int) i);
      if (is_article)
        sqlite3_bind_int64 (stmt, 3, target);
      else
        sqlite3_bind_int64 (stmt, 4, target);
      if (!amw_store_exec_stmt (self, stmt, _("Could not write a connection"), error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_rating (sqlite3_stmt *stmt,
             int           index,
             int           rating)
{
  if (rating >= 1 && rating <= 5)
    sqlite3_bind_int (stmt, index, rating);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_STATIC);
}

static void
bind_static_or_null (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* The parameters of STMT_UPSERT_COMPANY, _ARTICLE and _EVENT. The texts are bound without
 * a copy: the record must outlive the step. */
void
amw_bind_company (sqlite3_stmt      *stmt,
                  const AmwCompany  *company)
{
  bind_static (stmt, 1, company->id);
  bind_static (stmt, 2, company->name);
  bind_static_or_null (stmt, 3, company->website);
  bind_static_or_null (stmt, 4, company->hq_city);
  bind_static_or_null (stmt, 5, company->hq_country);
  if (company->founded > 0)
    sqlite3_bind_int (stmt, 6, company->founded);
  bind_static (stmt, 7, company->status ? company->status : "active");
  bind_static_or_null (stmt, 8, company->ticker);
  bind_static_or_null (stmt, 9, company->sector);
  bind_static_or_null (stmt, 10, company->employees);
  bind_static (stmt, 11, company->description);
  bind_static_or_null (stmt, 12, company->last_verified);
  bind_static (stmt, 13, company->created_at);
  bind_static (stmt, 14, company->updated_at);
}

void
amw_bind_article (sqlite3_stmt      *stmt,
                  const AmwArticle  *article)
{
  bind_static (stmt, 1, article->id);
  bind_static (stmt, 2, article->title);
  bind_static_or_null (stmt, 3, article->source);
  bind_static_or_null (stmt, 4, article->url);
  bind_static (stmt, 5, article->published);
  bind_static (stmt, 6, article->summary);
  bind_static (stmt, 7, article->amw_read);
  bind_rating (stmt, 8, article->novelty);
  bind_rating (stmt, 9, article->significance);
  bind_static (stmt, 10, article->status ? article->status : "draft");
  bind_static (stmt, 11, article->created_at);
  bind_static (stmt, 12, article->updated_at);
}

void
amw_bind_event (sqlite3_stmt    *stmt,
                const AmwEvent  *event)
{
  bind_static (stmt, 1, event->id);
  bind_static (stmt, 2, event->date);
  bind_static (stmt, 3, event->precision);
  bind_static (stmt, 4, event->title);
  bind_static (stmt, 5, event->kind);
  bind_static_or_null (stmt, 6, event->source_article);
  bind_static (stmt, 7, event->created_at);
  bind_static (stmt, 8, event->updated_at);
}

gboolean
amw_store_write_funding_round (AmwStore               *self,
                               gint64                  company_pk,
                               const AmwFundingRound  *round,
                               GError                **error)
{
  g_autofree char *leads = amw_json_from_strings (round->lead_investors);
  g_autofree char *participants = amw_json_from_strings (round->participants);
  sqlite3_stmt *stmt;

  if ((stmt = amw_store_stmt (self, STMT_INSERT_ROUND, error)) == NULL)
    return FALSE;
  bind_static (stmt, 1, round->id);
  sqlite3_bind_int64 (stmt, 2, company_pk);
  bind_static (stmt, 3, round->announced);
  bind_static (stmt, 4, round->type);
  if (round->has_amount)
    {
      sqlite3_bind_int64 (stmt, 5, round->amount_minor);
      bind_static (stmt, 6, round->currency);
    }
  if (round->has_amount_usd)
    sqlite3_bind_int64 (stmt, 7, round->amount_usd_minor);
  if (round->has_post_money)
    {
      sqlite3_bind_int64 (stmt, 8, round->post_money_minor);
      bind_static (stmt, 9, round->post_money_currency);
    }
  bind_static (stmt, 10, leads);
  bind_static (stmt, 11, participants);
  bind_static_or_null (stmt, 12, round->source_article);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write a funding round"), error))
    {
      g_autofree char *shown = amw_message_escape (round->id, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_prefix_error (error, _("Funding round “%s”: "), shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_store_upsert_company (AmwStore          *self,
                          const AmwCompany  *company,
                          GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((stmt = amw_store_stmt (self, STMT_UPSERT_COMPANY, error)) == NULL)
    return FALSE;
  amw_bind_company (stmt, company);
  if (!amw_store_step_returning_pk (self, stmt, _("Could not write a company"), &pk, error))
    return FALSE;

  if ((stmt = amw_store_stmt (self, STMT_DELETE_ALIASES, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write aliases"), error))
    return FALSE;
  for (guint i = 0; i < company->aliases->len; i++)
    {
      if ((stmt = amw_store_stmt (self, STMT_INSERT_ALIAS, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      amw_bind_text (stmt, 2, g_ptr_array_index (company->aliases, i));
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!amw_store_exec_stmt (self, stmt, _("Could not write an alias"), error))
        return FALSE;
    }
  amw_store_note_change (self, AMW_CHANGE_COMPANIES);
  return TRUE;
}

gboolean
amw_store_upsert_funding_rounds (AmwStore          *self,
                                 const AmwCompany  *company,
                                 GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 pk;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((pk = amw_store_lookup_pk (self, STMT_COMPANY_PK, company->id, error)) < 0)
    return FALSE;
  if ((stmt = amw_store_stmt (self, STMT_DELETE_ROUNDS, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write funding rounds"), error))
    return FALSE;

  for (guint i = 0; i < company->funding_rounds->len; i++)
    if (!amw_store_write_funding_round (self, pk, g_ptr_array_index (company->funding_rounds, i), error))
      return FALSE;
  amw_store_note_change (self, AMW_CHANGE_COMPANIES);
  return TRUE;
}

gboolean
amw_store_upsert_article (AmwStore          *self,
                          const AmwArticle  *article,
                          GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((stmt = amw_store_stmt (self, STMT_UPSERT_ARTICLE, error)) == NULL)
    return FALSE;
  amw_bind_article (stmt, article);
  if (!amw_store_step_returning_pk (self, stmt, _("Could not write an article"), &pk, error))
    return FALSE;

  if (!amw_store_write_areas (self, pk, article->areas, error) ||
      !amw_store_write_tags (self, pk, article->tags, error) ||
      !amw_store_write_companies (self, pk, article->companies, error))
    return FALSE;
  amw_store_note_change (self, AMW_CHANGE_ARTICLES | AMW_CHANGE_TAGS | AMW_CHANGE_AREAS);
  return TRUE;
}

gboolean
amw_store_upsert_connections (AmwStore          *self,
                              const AmwArticle  *article,
                              GError           **error)
{
  gint64 pk;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((pk = amw_store_lookup_pk (self, STMT_ARTICLE_PK, article->id, error)) < 0)
    return FALSE;
  return amw_store_write_connections (self, pk, article->connections, error);
}

gboolean
amw_store_upsert_event (AmwStore        *self,
                        const AmwEvent  *event,
                        GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((stmt = amw_store_stmt (self, STMT_UPSERT_EVENT, error)) == NULL)
    return FALSE;
  amw_bind_event (stmt, event);
  if (!amw_store_step_returning_pk (self, stmt, _("Could not write an event"), &pk, error))
    return FALSE;

  if ((stmt = amw_store_stmt (self, STMT_DELETE_EVENT_COMPANIES, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write event companies"), error))
    return FALSE;
  for (guint i = 0; i < event->companies->len; i++)
    {
      const char *company_id = g_ptr_array_index (event->companies, i);
      gint64 company_pk = amw_store_lookup_pk (self, STMT_COMPANY_PK, company_id, NULL);

      if (company_pk < 0)
        {
          g_autofree char *shown = amw_message_escape (company_id, -1, AMW_MESSAGE_QUOTE_CHARS);

          g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("Unknown company “%s”"), shown);
          return FALSE;
        }
      if ((stmt = amw_store_stmt (self, STMT_INSERT_EVENT_COMPANY, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      sqlite3_bind_int64 (stmt, 2, company_pk);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!amw_store_exec_stmt (self, stmt, _("Could not link an event to a company"), error))
        return FALSE;
    }
  amw_store_note_change (self, AMW_CHANGE_EVENTS);
  return TRUE;
}

gboolean
amw_store_log_import (AmwStore    *self,
                      const char  *source,
                      guint        n_articles,
                      guint        n_companies,
                      guint        n_events,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = amw_now_timestamp ();
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  gint64 group_id;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((stmt = amw_store_stmt (self, STMT_NEXT_GROUP, error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return amw_store_fail (self, sqlite3_reset (stmt), _("Could not log the import"), error);
  group_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* An import is not undoable; it also ends what could be redone before it. */
  if ((stmt = amw_store_stmt (self, STMT_DISCARD_REDO, error)) == NULL ||
      !amw_store_exec_stmt (self, stmt, _("Could not log the import"), error))
    return FALSE;

  summary = g_strdup_printf ("%u articles, %u companies, %u events", n_articles, n_companies, n_events);
  description = g_strdup_printf ("Import %s", source);
  if ((stmt = amw_store_stmt (self, STMT_INSERT_CHANGE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  amw_bind_text (stmt, 2, description);
  amw_bind_text (stmt, 3, "import");
  amw_bind_text (stmt, 4, source);
  amw_bind_text (stmt, 5, "*");
  sqlite3_bind_null (stmt, 6);
  amw_bind_text (stmt, 7, summary);
  amw_bind_text (stmt, 8, now);
  amw_bind_text (stmt, 9, self->editor);
  sqlite3_bind_int (stmt, 10, 0);
  if (!amw_store_exec_stmt (self, stmt, _("Could not log the import"), error))
    return FALSE;
  amw_store_note_change (self, AMW_CHANGE_ALL);
  return TRUE;
}
