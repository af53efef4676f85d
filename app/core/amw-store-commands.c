/* amw-store-commands.c — edits as commands: one transaction each, logged, undoable.
 *
 * Every change is a row (entity, id, field, old, new) in the change log, grouped by
 * command. Undo applies a group's old values in reverse order, redo its new values.
 * List fields travel as JSON: tags ["a", "b"]; areas, companies and connections as
 * arrays of [first, second] pairs. */
#include "amw-config.h"
#include "amw-json-values.h"
#include "amw-message.h"
#include "amw-store-private.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

static const char * const field_names[AMW_N_ARTICLE_FIELDS] = {
  [AMW_FIELD_TITLE] = "title",
  [AMW_FIELD_SOURCE] = "source",
  [AMW_FIELD_URL] = "url",
  [AMW_FIELD_PUBLISHED] = "published",
  [AMW_FIELD_SUMMARY] = "summary",
  [AMW_FIELD_AMW_READ] = "amw_read",
  [AMW_FIELD_NOTES] = "notes",
  [AMW_FIELD_STATUS] = "status",
  [AMW_FIELD_NOVELTY] = "novelty",
  [AMW_FIELD_SIGNIFICANCE] = "significance",
  [AMW_FIELD_TAGS] = "tags",
  [AMW_FIELD_AREAS] = "areas",
  [AMW_FIELD_COMPANIES] = "companies",
  [AMW_FIELD_CONNECTIONS] = "connections",
};

static const AmwStmtId scalar_setters[AMW_N_ARTICLE_FIELDS] = {
  [AMW_FIELD_TITLE] = STMT_SET_TITLE,
  [AMW_FIELD_SOURCE] = STMT_SET_SOURCE,
  [AMW_FIELD_URL] = STMT_SET_URL,
  [AMW_FIELD_PUBLISHED] = STMT_SET_PUBLISHED,
  [AMW_FIELD_SUMMARY] = STMT_SET_SUMMARY,
  [AMW_FIELD_AMW_READ] = STMT_SET_AMW_READ,
  [AMW_FIELD_NOTES] = STMT_SET_NOTES,
  [AMW_FIELD_STATUS] = STMT_SET_STATUS,
  [AMW_FIELD_NOVELTY] = STMT_SET_NOVELTY,
  [AMW_FIELD_SIGNIFICANCE] = STMT_SET_SIGNIFICANCE,
};

/* Company fields an editor can change, with their statements. */
static const struct {
  const char *field;
  const char *sql;
} company_setters[] = {
  { "name", "UPDATE companies SET name = ?2, updated_at = ?3 WHERE id = ?1" },
  { "website", "UPDATE companies SET website = ?2, updated_at = ?3 WHERE id = ?1" },
  { "hq_city", "UPDATE companies SET hq_city = ?2, updated_at = ?3 WHERE id = ?1" },
  { "hq_country", "UPDATE companies SET hq_country = ?2, updated_at = ?3 WHERE id = ?1" },
  { "founded", "UPDATE companies SET founded = ?2, updated_at = ?3 WHERE id = ?1" },
  { "status", "UPDATE companies SET status = ?2, updated_at = ?3 WHERE id = ?1" },
  { "ticker", "UPDATE companies SET ticker = ?2, updated_at = ?3 WHERE id = ?1" },
  { "sector", "UPDATE companies SET sector = ?2, updated_at = ?3 WHERE id = ?1" },
  { "employees", "UPDATE companies SET employees = ?2, updated_at = ?3 WHERE id = ?1" },
  { "description", "UPDATE companies SET description = ?2, updated_at = ?3 WHERE id = ?1" },
  { "last_verified", "UPDATE companies SET last_verified = ?2, updated_at = ?3 WHERE id = ?1" },
};

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0) return C_("status", "Draft");
  if (g_strcmp0 (status, "in-review") == 0) return C_("status", "In review");
  if (g_strcmp0 (status, "ready") == 0) return C_("status", "Ready");
  if (g_strcmp0 (status, "published") == 0) return C_("status", "Published");
  return C_("status", "Archived");
}

/* How a field is named in an edit's description ("Edit title of …"). */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", NC_("field", "title") },
    { "source", NC_("field", "source") },
    { "url", NC_("field", "link") },
    { "published", NC_("field", "date") },
    { "summary", NC_("field", "summary") },
    { "amw_read", NC_("field", "AMW Read") },
    { "notes", NC_("field", "notes") },
    { "status", NC_("field", "status") },
    { "novelty", NC_("field", "novelty") },
    { "significance", NC_("field", "significance") },
    { "tags", NC_("field", "tags") },
    { "areas", NC_("field", "knowledge areas") },
    { "companies", NC_("field", "companies") },
    { "connections", NC_("field", "connections") },
    { "name", NC_("field", "name") },
    { "website", NC_("field", "website") },
    { "hq_city", NC_("field", "city") },
    { "hq_country", NC_("field", "country") },
    { "founded", NC_("field", "founding year") },
    { "ticker", NC_("field", "ticker") },
    { "sector", NC_("field", "sector") },
    { "employees", NC_("field", "employees") },
    { "description", NC_("field", "description") },
    { "last_verified", NC_("field", "last verified date") },
    { "aliases", NC_("field", "aliases") },
    { "funding_rounds", NC_("field", "funding rounds") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "field", labels[i].label);
  return field;
}

const char *
amw_article_field_name (AmwArticleField field)
{
  g_return_val_if_fail (field < AMW_N_ARTICLE_FIELDS, NULL);
  return field_names[field];
}

static int
field_from_name (const char *name)
{
  for (int i = 0; i < AMW_N_ARTICLE_FIELDS; i++)
    if (g_strcmp0 (field_names[i], name) == 0)
      return i;
  return -1;
}

/* The current value of a field as the change log stores it. */
static char *
article_value (const AmwArticle *article,
               AmwArticleField   field)
{
  switch (field)
    {
    case AMW_FIELD_TITLE: return g_strdup (article->title);
    case AMW_FIELD_SOURCE: return g_strdup (article->source);
    case AMW_FIELD_URL: return g_strdup (article->url);
    case AMW_FIELD_PUBLISHED: return g_strdup (article->published);
    case AMW_FIELD_SUMMARY: return g_strdup (article->summary);
    case AMW_FIELD_AMW_READ: return g_strdup (article->amw_read);
    case AMW_FIELD_NOTES: return g_strdup (article->notes);
    case AMW_FIELD_STATUS: return g_strdup (article->status);
    case AMW_FIELD_NOVELTY: return article->novelty ? g_strdup_printf ("%d", article->novelty) : NULL;
    case AMW_FIELD_SIGNIFICANCE: return article->significance ? g_strdup_printf ("%d", article->significance) : NULL;
    case AMW_FIELD_TAGS: return amw_json_from_strings (article->tags);
    case AMW_FIELD_AREAS: return amw_json_from_pairs (article->areas);
    case AMW_FIELD_COMPANIES: return amw_json_from_pairs (article->companies);
    case AMW_FIELD_CONNECTIONS: return amw_json_from_pairs (article->connections);
    case AMW_N_ARTICLE_FIELDS:
    default: g_assert_not_reached ();
    }
}

static gboolean
validate_article_value (AmwArticleField   field,
                        const char       *value,
                        GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;

  switch (field)
    {
    case AMW_FIELD_TITLE:
      return amw_limits_check_text (_("Title"), value, AMW_LIMIT_TITLE_CHARS, TRUE, error);
    case AMW_FIELD_URL:
      return amw_limits_check_url (_("Link"), value, error);
    case AMW_FIELD_PUBLISHED:
      if (!amw_is_valid_date (value))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                       _("published: must be a real date written YYYY-MM-DD"));
          return FALSE;
        }
      return TRUE;
    case AMW_FIELD_STATUS:
      if (!amw_is_valid_status (value))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                       _("status: must be draft, in-review, ready, published or archived"));
          return FALSE;
        }
      return TRUE;
    case AMW_FIELD_NOVELTY:
    case AMW_FIELD_SIGNIFICANCE:
      if (value != NULL && !(strlen (value) == 1 && value[0] >= '1' && value[0] <= '5'))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("%s: must be 1–5 or unrated"),
                       field_names[field]);
          return FALSE;
        }
      return TRUE;
    case AMW_FIELD_TAGS:
      list = amw_json_to_strings (value, field_names[field], error);
      return list != NULL && amw_limits_check_tags (list, error);
    case AMW_FIELD_AREAS:
      list = amw_json_to_pairs (value, field_names[field], error);
      return list != NULL && amw_limits_check_areas (list, error);
    case AMW_FIELD_COMPANIES:
      list = amw_json_to_pairs (value, field_names[field], error);
      return list != NULL && amw_limits_check_article_companies (list, error);
    case AMW_FIELD_CONNECTIONS:
      list = amw_json_to_pairs (value, field_names[field], error);
      return list != NULL && amw_limits_check_connections (list, error);
    /* The limits of the exchange format (amw-limits.h): what an edit saves, the export
     * writes and the import takes back. */
    case AMW_FIELD_SOURCE:
      return amw_limits_check_text (_("Source"), value, AMW_LIMIT_NAME_CHARS, FALSE, error);
    case AMW_FIELD_SUMMARY:
      return amw_limits_check_text (_("Summary"), value, AMW_LIMIT_LONG_TEXT_CHARS, FALSE, error);
    case AMW_FIELD_AMW_READ:
      return amw_limits_check_text (_("AMW Read"), value, AMW_LIMIT_LONG_TEXT_CHARS, FALSE, error);
    case AMW_FIELD_NOTES:
      return TRUE;
    case AMW_N_ARTICLE_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
touch_article (AmwStore    *self,
               gint64       pk,
               const char  *now,
               GError     **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_TOUCH_ARTICLE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  amw_bind_text (stmt, 2, now);
  return amw_store_exec_stmt (self, stmt, _("Could not update an article"), error);
}

/* Writes one logged value back: used by commands, undo and redo alike. */
static gboolean
apply_article_value (AmwStore    *self,
                     const char  *id,
                     const char  *field_name,
                     const char  *value,
                     const char  *now,
                     GError     **error)
{
  int field = field_from_name (field_name);
  gint64 pk;
  sqlite3_stmt *stmt;

  if (g_strcmp0 (field_name, "rated_by") == 0 || g_strcmp0 (field_name, "rated_at") == 0)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, id, error);

      if (article == NULL || (stmt = amw_store_stmt (self, STMT_SET_RATED, error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, id);
      if (field_name[6] == 'b')
        {
          amw_bind_text_or_null (stmt, 2, value);
          amw_bind_text_or_null (stmt, 3, article->rated_at);
        }
      else
        {
          amw_bind_text_or_null (stmt, 2, article->rated_by);
          amw_bind_text_or_null (stmt, 3, value);
        }
      return amw_store_exec_stmt (self, stmt, _("Could not record the rater"), error);
    }

  if (field < 0)
    {
      g_autofree char *shown = amw_message_escape (field_name, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Unknown article field “%s”"), shown);
      return FALSE;
    }
  if ((pk = amw_store_lookup_pk (self, STMT_ARTICLE_PK, id, error)) < 0)
    return FALSE;

  if (field <= AMW_FIELD_SIGNIFICANCE)
    {
      if ((stmt = amw_store_stmt (self, scalar_setters[field], error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, id);
      if (field == AMW_FIELD_NOVELTY || field == AMW_FIELD_SIGNIFICANCE)
        {
          if (value != NULL)
            sqlite3_bind_int (stmt, 2, atoi (value));
        }
      else if (field == AMW_FIELD_SOURCE || field == AMW_FIELD_URL)
        amw_bind_text_or_null (stmt, 2, value);
      else
        amw_bind_text (stmt, 2, value);
      amw_bind_text (stmt, 3, now);
      if (!amw_store_exec_stmt (self, stmt, _("Could not change the article"), error))
        return FALSE;
      amw_store_note_change (self, AMW_CHANGE_ARTICLES);
      return TRUE;
    }
  else
    {
      g_autoptr(GPtrArray) list = NULL;
      gboolean ok;

      if (field == AMW_FIELD_TAGS)
        list = amw_json_to_strings (value, field_name, error);
      else
        list = amw_json_to_pairs (value, field_name, error);
      if (list == NULL)
        return FALSE;

      switch (field)
        {
        case AMW_FIELD_TAGS: ok = amw_store_write_tags (self, pk, list, error); break;
        case AMW_FIELD_AREAS: ok = amw_store_write_areas (self, pk, list, error); break;
        case AMW_FIELD_COMPANIES: ok = amw_store_write_companies (self, pk, list, error); break;
        default: ok = amw_store_write_connections (self, pk, list, error); break;
        }
      if (!ok || !touch_article (self, pk, now, error))
        return FALSE;
      if (field == AMW_FIELD_TAGS && (stmt = amw_store_stmt (self, STMT_DELETE_UNUSED_TAGS, error)) != NULL &&
          !amw_store_exec_stmt (self, stmt, _("Could not tidy tags"), error))
        return FALSE;
      amw_store_note_change (self, AMW_CHANGE_ARTICLES |
                             (field == AMW_FIELD_TAGS ? AMW_CHANGE_TAGS : 0) |
                             (field == AMW_FIELD_AREAS ? AMW_CHANGE_AREAS : 0));
      return TRUE;
    }
}

static sqlite3_stmt *
company_setter (AmwStore    *self,
                const char  *field,
                GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (company_setters); i++)
    if (g_strcmp0 (company_setters[i].field, field) == 0)
      return amw_store_prepare_cached (self, self->company_field_stmts, company_setters[i].sql, error);
  {
    g_autofree char *shown = amw_message_escape (field, -1, AMW_MESSAGE_QUOTE_CHARS);

    g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Unknown company field “%s”"), shown);
  }
  return NULL;
}

static gboolean
apply_company_value (AmwStore    *self,
                     const char  *id,
                     const char  *field,
                     const char  *value,
                     const char  *now,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (field, "funding_rounds") == 0)
    {
      g_autoptr(AmwCompany) company = amw_store_get_company (self, id, error);
      g_autoptr(GPtrArray) rounds = NULL;

      if (company == NULL || (rounds = amw_json_to_rounds (value, id, error)) == NULL)
        return FALSE;
      g_ptr_array_unref (company->funding_rounds);
      company->funding_rounds = g_steal_pointer (&rounds);
      amw_set_str (&company->updated_at, now);
      return amw_store_upsert_company (self, company, error) &&
             amw_store_upsert_funding_rounds (self, company, error);
    }

  if (g_strcmp0 (field, "aliases") == 0)
    {
      g_autoptr(AmwCompany) company = amw_store_get_company (self, id, error);
      g_autoptr(GPtrArray) aliases = NULL;

      if (company == NULL || (aliases = amw_json_to_strings (value, field, error)) == NULL)
        return FALSE;
      g_ptr_array_unref (company->aliases);
      company->aliases = g_steal_pointer (&aliases);
      amw_set_str (&company->updated_at, now);
      return amw_store_upsert_company (self, company, error);
    }

  if ((stmt = company_setter (self, field, error)) == NULL)
    return FALSE;
  amw_bind_text (stmt, 1, id);
  if (g_strcmp0 (field, "founded") == 0 && value != NULL)
    sqlite3_bind_int (stmt, 2, atoi (value));
  else if (g_strcmp0 (field, "name") == 0 || g_strcmp0 (field, "description") == 0 ||
           g_strcmp0 (field, "status") == 0)
    amw_bind_text (stmt, 2, value);
  else
    amw_bind_text_or_null (stmt, 2, value);
  amw_bind_text (stmt, 3, now);
  if (!amw_store_exec_stmt (self, stmt, _("Could not change the company"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no company “%s”"), shown);
      return FALSE;
    }
  amw_store_note_change (self, AMW_CHANGE_COMPANIES);
  return TRUE;
}

/* Renames are applied by name, not by row: a tag may have been deleted and created again
 * (with another row id) between an edit and its undo. */
static gboolean
apply_tag_name (AmwStore    *self,
                const char  *from,
                const char  *to,
                GError     **error)
{
  sqlite3_stmt *stmt = amw_store_stmt (self, STMT_RENAME_TAG, error);

  if (stmt == NULL)
    return FALSE;
  amw_bind_text (stmt, 1, from);
  amw_bind_text (stmt, 2, to);
  if (!amw_store_exec_stmt (self, stmt, _("Could not rename the tag"), error))
    return FALSE;
  amw_store_note_change (self, AMW_CHANGE_TAGS | AMW_CHANGE_ARTICLES);
  return TRUE;
}

/* Areas are named by a JSON pair ["Area", "Facet"] in the change log. */
static gboolean
apply_area_value (AmwStore    *self,
                  const char  *entity_id,
                  const char  *field,
                  const char  *from,
                  const char  *value,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (field, "name") == 0)
    {
      g_autoptr(GPtrArray) old_name = amw_json_to_pairs (from, "name", error);
      g_autoptr(GPtrArray) name = old_name ? amw_json_to_pairs (value, "name", error) : NULL;

      if (name == NULL || name->len != 1 || old_name->len != 1 ||
          (stmt = amw_store_stmt (self, STMT_RENAME_AREA, error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, ((AmwPair *) g_ptr_array_index (old_name, 0))->first);
      amw_bind_text (stmt, 2, ((AmwPair *) g_ptr_array_index (old_name, 0))->second);
      amw_bind_text (stmt, 3, ((AmwPair *) g_ptr_array_index (name, 0))->first);
      amw_bind_text (stmt, 4, ((AmwPair *) g_ptr_array_index (name, 0))->second);
      if (!amw_store_exec_stmt (self, stmt, _("Could not rename the knowledge area"), error))
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) name = amw_json_to_pairs (entity_id, "area", error);

      if (name == NULL || name->len != 1 ||
          (stmt = amw_store_stmt (self, value != NULL ? STMT_INSERT_AREA : STMT_DELETE_AREA, error)) == NULL)
        return FALSE;
      amw_bind_text (stmt, 1, ((AmwPair *) g_ptr_array_index (name, 0))->first);
      amw_bind_text (stmt, 2, ((AmwPair *) g_ptr_array_index (name, 0))->second);
      if (!amw_store_exec_stmt (self, stmt, _("Could not change the knowledge areas"), error))
        return FALSE;
    }
  amw_store_note_change (self, AMW_CHANGE_AREAS | AMW_CHANGE_ARTICLES);
  return TRUE;
}

/* Moves @field of an entity from @from to @value (renames need both ends). */
static gboolean
apply_value (AmwStore    *self,
             const char  *entity,
             const char  *entity_id,
             const char  *field,
             const char  *from,
             const char  *value,
             const char  *now,
             GError     **error)
{
  if (g_strcmp0 (entity, "article") == 0)
    return apply_article_value (self, entity_id, field, value, now, error);
  if (g_strcmp0 (entity, "company") == 0)
    return apply_company_value (self, entity_id, field, value, now, error);
  if (g_strcmp0 (entity, "tag") == 0)
    return apply_tag_name (self, from, value, error);
  if (g_strcmp0 (entity, "area") == 0)
    return apply_area_value (self, entity_id, field, from, value, error);
  {
    g_autofree char *shown = amw_message_escape (entity, -1, AMW_MESSAGE_QUOTE_CHARS);

    g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Unknown entity “%s” in the change log"), shown);
  }
  return FALSE;
}

/* ---- the command frame ---- */

typedef struct {
  AmwStore *store;
  gint64    group_id;
  char     *description;
  char     *now;
  guint     n_changes;
} Command;

static void
command_clear (Command *command)
{
  g_free (command->description);
  g_free (command->now);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Command, command_clear)

static gboolean
command_begin (AmwStore    *self,
               Command     *command,
               char        *description, /* owned */
               GError     **error)
{
  sqlite3_stmt *stmt;

  command->store = self;
  command->description = description;
  command->now = amw_now_timestamp ();
  if (!amw_store_begin (self, error))
    return FALSE;
  if ((stmt = amw_store_stmt (self, STMT_NEXT_GROUP, error)) == NULL ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      amw_store_fail (self, stmt ? sqlite3_reset (stmt) : SQLITE_ERROR, _("Could not start an edit"), error);
      amw_store_rollback (self);
      return FALSE;
    }
  command->group_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Logs old → new and applies new. Unchanged values are neither logged nor written. */
static gboolean
command_change (Command     *command,
                const char  *entity,
                const char  *entity_id,
                const char  *field,
                const char  *old_value,
                const char  *new_value,
                GError     **error)
{
  AmwStore *self = command->store;
  sqlite3_stmt *stmt;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  if (!apply_value (self, entity, entity_id, field, old_value, new_value, command->now, error))
    return FALSE;
  if ((stmt = amw_store_stmt (self, STMT_INSERT_CHANGE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, command->group_id);
  amw_bind_text (stmt, 2, command->description);
  amw_bind_text (stmt, 3, entity);
  amw_bind_text (stmt, 4, entity_id);
  amw_bind_text (stmt, 5, field);
  amw_bind_text_or_null (stmt, 6, old_value);
  amw_bind_text_or_null (stmt, 7, new_value);
  amw_bind_text (stmt, 8, command->now);
  amw_bind_text (stmt, 9, self->editor);
  sqlite3_bind_int (stmt, 10, 1);
  if (!amw_store_exec_stmt (self, stmt, _("Could not write the change log"), error))
    return FALSE;
  command->n_changes++;
  return TRUE;
}

static gboolean
command_finish (Command   *command,
                gboolean   ok,
                GError   **error)
{
  AmwStore *self = command->store;
  sqlite3_stmt *stmt;

  if (ok && command->n_changes > 0)
    {
      /* A new edit ends what could be redone. */
      ok = (stmt = amw_store_stmt (self, STMT_DISCARD_REDO, error)) != NULL &&
           amw_store_exec_stmt (self, stmt, _("Could not update the change log"), error) &&
           (stmt = amw_store_stmt (self, STMT_MARK_GROUP, error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, command->group_id);
          sqlite3_bind_int (stmt, 2, 0);
          ok = amw_store_exec_stmt (self, stmt, _("Could not update the change log"), error);
        }
      if (ok)
        amw_store_note_change (self, AMW_CHANGE_HISTORY);
    }
  if (!ok)
    {
      amw_store_rollback (self);
      return FALSE;
    }
  return amw_store_commit (self, error);
}

/* ---- public commands ---- */

gboolean
amw_store_set_article_field (AmwStore         *self,
                             const char       *id,
                             AmwArticleField   field,
                             const char       *value,
                             GError          **error)
{
  g_auto(Command) command = { 0 };
  g_autoptr(AmwArticle) article = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gboolean ok;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (field < AMW_N_ARTICLE_FIELDS, FALSE);

  /* Empty optional text means "none". */
  if (value != NULL && *value == '\0' &&
      (field == AMW_FIELD_SOURCE || field == AMW_FIELD_URL ||
       field == AMW_FIELD_NOVELTY || field == AMW_FIELD_SIGNIFICANCE))
    value = NULL;
  if (value == NULL && (field == AMW_FIELD_SUMMARY || field == AMW_FIELD_AMW_READ || field == AMW_FIELD_NOTES))
    value = "";
  /* The title is kept without outer spaces: checked as it will be stored. */
  if (field == AMW_FIELD_TITLE)
    new_value = g_strstrip (g_strdup (value ? value : ""));
  else
    new_value = g_strdup (value);
  if (!validate_article_value (field, new_value, error))
    return FALSE;

  if ((article = amw_store_get_article (self, id, error)) == NULL)
    return FALSE;
  old_value = article_value (article, field);
  if (field >= AMW_FIELD_TAGS)
    {
      /* Compare lists in their canonical form, not as the caller wrote them. */
      g_autoptr(GPtrArray) list = field == AMW_FIELD_TAGS
        ? amw_json_to_strings (new_value, field_names[field], NULL)
        : amw_json_to_pairs (new_value, field_names[field], NULL);
      g_free (new_value);
      new_value = field == AMW_FIELD_TAGS ? amw_json_from_strings (list) : amw_json_from_pairs (list);
    }

  if (!command_begin (self, &command,
                      g_strdup_printf (_("Edit %s of “%s”"), field_label (field_names[field]), article->title), error))
    return FALSE;
  ok = command_change (&command, "article", id, field_names[field], old_value, new_value, error);
  return command_finish (&command, ok, error);
}

static guint
strv_length0 (const char * const *strv)
{
  return strv ? g_strv_length ((char **) strv) : 0;
}

gboolean
amw_store_rate_articles (AmwStore           *self,
                         const char * const *ids,
                         int                 novelty,
                         int                 significance,
                         GError            **error)
{
  g_auto(Command) command = { 0 };
  guint n = strv_length0 (ids);
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (novelty < -1 || novelty > 5 || significance < -1 || significance > 5)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Ratings must be 1–5 or unrated"));
      return FALSE;
    }
  if (!command_begin (self, &command,
                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rate %u article", "Rate %u articles", n), n),
                      error))
    return FALSE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, ids[i], error);
      g_autofree char *new_novelty = novelty > 0 ? g_strdup_printf ("%d", novelty) : NULL;
      g_autofree char *new_significance = significance > 0 ? g_strdup_printf ("%d", significance) : NULL;
      g_autofree char *old_novelty = NULL;
      g_autofree char *old_significance = NULL;
      guint before;

      if (article == NULL)
        {
          ok = FALSE;
          break;
        }
      old_novelty = article_value (article, AMW_FIELD_NOVELTY);
      old_significance = article_value (article, AMW_FIELD_SIGNIFICANCE);
      before = command.n_changes;
      ok = (novelty < 0 || command_change (&command, "article", ids[i], "novelty", old_novelty, new_novelty, error)) &&
           (significance < 0 || command_change (&command, "article", ids[i], "significance", old_significance, new_significance, error));
      if (ok && command.n_changes > before)
        ok = command_change (&command, "article", ids[i], "rated_by", article->rated_by, self->editor, error) &&
             command_change (&command, "article", ids[i], "rated_at", article->rated_at, command.now, error);
    }
  return command_finish (&command, ok, error);
}

static gboolean
edit_tags (AmwStore           *self,
           const char * const *ids,
           const char         *tag,
           gboolean            add,
           GError            **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *name = g_strstrip (g_strdup (tag ? tag : ""));
  g_autofree char *folded = NULL;
  guint n = strv_length0 (ids);
  guint n_full = 0;  /* articles that already hold the most tags (and not this one) */
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (name[0] == '\0')
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("A tag must not be empty"));
      return FALSE;
    }
  if (add && !amw_limits_check_tag (name, error))
    return FALSE;
  folded = g_utf8_casefold (name, -1);
  if (!command_begin (self, &command,
                      add ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add tag “%s” to %u article",
                                                          "Add tag “%s” to %u articles", n), name, n)
                          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove tag “%s” from %u article",
                                                          "Remove tag “%s” from %u articles", n), name, n),
                      error))
    return FALSE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, ids[i], error);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      gboolean present = FALSE;

      if (article == NULL)
        {
          ok = FALSE;
          break;
        }
      old_value = amw_json_from_strings (article->tags);
      for (guint j = 0; j < article->tags->len; j++)
        {
          const char *other = g_ptr_array_index (article->tags, j);
          g_autofree char *other_folded = g_utf8_casefold (other, -1);

          /* Whatever the case, as the importer tells tags apart ("Éco" is "éco"). */
          if (g_utf8_collate (other, name) == 0 || g_str_equal (other_folded, folded))
            {
              present = TRUE;
              if (!add)
                g_ptr_array_remove_index (article->tags, j--);
            }
        }
      if (add && !present && article->tags->len >= AMW_LIMIT_TAGS)
        {
          /* All or nothing: count every such article, change none. */
          n_full++;
          continue;
        }
      if (n_full > 0)
        continue;
      if (add && !present)
        g_ptr_array_add (article->tags, g_strdup (name));
      new_value = amw_json_from_strings (article->tags);
      ok = command_change (&command, "article", ids[i], "tags", old_value, new_value, error);
    }
  if (ok && n_full > 0)
    {
      g_autofree char *shown = amw_message_escape (name, -1, AMW_MESSAGE_QUOTE_CHARS);

      if (n == 1)
        g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                     _("Could not add tag “%s”: the article already has %u tags, the most an article can hold"),
                     shown, (guint) AMW_LIMIT_TAGS);
      else
        g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                     /* TRANSLATORS: "Could not add tag “ai”: 2 of the 30 articles already have 200 tags, …" */
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Could not add tag “%s”: %u of the %u articles already has %u tags, the most an article can hold; none was changed",
                                  "Could not add tag “%s”: %u of the %u articles already have %u tags, the most an article can hold; none was changed",
                                  n_full),
                     shown, n_full, n, (guint) AMW_LIMIT_TAGS);
      ok = FALSE;
    }
  return command_finish (&command, ok, error);
}

gboolean
amw_store_add_tag (AmwStore *self, const char * const *ids, const char *tag, GError **error)
{
  return edit_tags (self, ids, tag, TRUE, error);
}

gboolean
amw_store_remove_tag (AmwStore *self, const char * const *ids, const char *tag, GError **error)
{
  return edit_tags (self, ids, tag, FALSE, error);
}

gboolean
amw_store_set_status (AmwStore           *self,
                      const char * const *ids,
                      const char         *status,
                      GError            **error)
{
  g_auto(Command) command = { 0 };
  guint n = strv_length0 (ids);
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (!validate_article_value (AMW_FIELD_STATUS, status, error))
    return FALSE;
  if (!command_begin (self, &command,
                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Set status of %u article to “%s”",
                                                    "Set status of %u articles to “%s”", n), n,
                                       status_label (status)),
                      error))
    return FALSE;
  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, ids[i], error);

      ok = article != NULL &&
           command_change (&command, "article", ids[i], "status", article->status, status, error);
    }
  return command_finish (&command, ok, error);
}

static GPtrArray *
articles_with_tag (AmwStore  *self,
                   gint64     tag_pk,
                   GError   **error)
{
  return amw_store_read_strings (self, STMT_ARTICLES_WITH_TAG, tag_pk, error);
}

static gint64
find_tag (AmwStore    *self,
          const char  *name,
          char       **stored_name)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_TAG_BY_NAME, NULL);

  if (stmt == NULL)
    return -1;
  amw_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  if (stored_name != NULL)
    *stored_name = amw_column_dup (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

/* Replaces (or drops, when @into is NULL) tag @from in every article that has it. */
static gboolean
retag_articles (Command     *command,
                gint64       from_pk,
                const char  *from,
                const char  *into,
                GError     **error)
{
  AmwStore *self = command->store;
  g_autoptr(GPtrArray) ids = articles_with_tag (self, from_pk, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(AmwArticle) article = amw_store_get_article (self, id, error);
      g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (article == NULL)
        return FALSE;
      for (guint j = 0; j < article->tags->len; j++)
        {
          const char *tag = g_ptr_array_index (article->tags, j);
          const char *keep = g_ascii_strcasecmp (tag, from) == 0 ? into : tag;
          g_autofree char *folded = keep ? g_utf8_casefold (keep, -1) : NULL;
          gboolean duplicate = FALSE;

          /* Whatever the case, as the importer tells tags apart ("Éco" is "éco"). */
          for (guint k = 0; keep != NULL && k < tags->len; k++)
            {
              g_autofree char *other = g_utf8_casefold (g_ptr_array_index (tags, k), -1);

              duplicate |= g_str_equal (other, folded);
            }
          if (keep != NULL && !duplicate)
            g_ptr_array_add (tags, g_strdup (keep));
        }
      old_value = amw_json_from_strings (article->tags);
      new_value = amw_json_from_strings (tags);
      if (!command_change (command, "article", id, "tags", old_value, new_value, error))
        return FALSE;
    }
  return TRUE;
}

/* Another tag than @self_name that is @name in another case beyond ASCII ("École" for
 * "école"), which SQLite's NOCASE tells apart but the importer does not: *@pk its row, or
 * -1 for none. */
static gboolean
find_folded_tag (AmwStore    *self,
                 const char  *name,
                 const char  *self_name,
                 gint64      *pk,
                 GError     **error)
{
  g_autoptr(GPtrArray) tags = amw_store_list_tags (self, error);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *self_folded = g_utf8_casefold (self_name, -1);

  *pk = -1;
  if (tags == NULL)
    return FALSE;
  for (guint i = 0; i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);
      g_autofree char *other = g_utf8_casefold (tag->name, -1);

      if (g_str_equal (other, folded) && !g_str_equal (other, self_folded))
        {
          *pk = find_tag (self, tag->name, NULL);
          return TRUE;
        }
    }
  return TRUE;
}

gboolean
amw_store_rename_tag (AmwStore    *self,
                      const char  *tag,
                      const char  *new_name,
                      GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *stored = NULL;
  g_autofree char *name = g_strstrip (g_strdup (new_name ? new_name : ""));
  g_autofree char *pk_text = NULL;
  gint64 pk, other;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (name[0] == '\0')
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("A tag must not be empty"));
      return FALSE;
    }
  if (!amw_limits_check_tag (name, error))
    return FALSE;
  if ((pk = find_tag (self, tag, &stored)) < 0)
    {
      g_autofree char *shown = amw_message_escape (tag, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no tag “%s”"), shown);
      return FALSE;
    }
  other = find_tag (self, name, NULL);
  if (other < 0 && !find_folded_tag (self, name, stored, &other, error))
    return FALSE;
  if (other >= 0 && other != pk)
    {
      g_autofree char *shown = amw_message_escape (name, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                   _("A tag “%s” already exists; merge the tags instead"), shown);
      return FALSE;
    }
  pk_text = g_strdup_printf ("%" G_GINT64_FORMAT, pk);
  if (!command_begin (self, &command, g_strdup_printf (_("Rename tag “%s” to “%s”"), stored, name), error))
    return FALSE;
  return command_finish (&command,
                         command_change (&command, "tag", pk_text, "name", stored, name, error),
                         error);
}

gboolean
amw_store_merge_tags (AmwStore    *self,
                      const char  *tag,
                      const char  *into,
                      GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *stored = NULL;
  g_autofree char *target = NULL;
  gint64 pk, into_pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if ((pk = find_tag (self, tag, &stored)) < 0)
    {
      g_autofree char *shown = amw_message_escape (tag, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no tag “%s”"), shown);
      return FALSE;
    }
  if ((into_pk = find_tag (self, into, &target)) < 0)
    {
      g_autofree char *shown = amw_message_escape (into, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no tag “%s”"), shown);
      return FALSE;
    }
  if (pk == into_pk)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("A tag cannot be merged into itself"));
      return FALSE;
    }
  if (!command_begin (self, &command, g_strdup_printf (_("Merge tag “%s” into “%s”"), stored, target), error))
    return FALSE;
  return command_finish (&command, retag_articles (&command, pk, stored, target, error), error);
}

gboolean
amw_store_delete_tag (AmwStore    *self,
                      const char  *tag,
                      GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *stored = NULL;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if ((pk = find_tag (self, tag, &stored)) < 0)
    {
      g_autofree char *shown = amw_message_escape (tag, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no tag “%s”"), shown);
      return FALSE;
    }
  if (!command_begin (self, &command, g_strdup_printf (_("Delete tag “%s”"), stored), error))
    return FALSE;
  return command_finish (&command, retag_articles (&command, pk, stored, NULL, error), error);
}

static char *
company_value (const AmwCompany *company,
               const char       *field)
{
  if (g_str_equal (field, "name")) return g_strdup (company->name);
  if (g_str_equal (field, "website")) return g_strdup (company->website);
  if (g_str_equal (field, "hq_city")) return g_strdup (company->hq_city);
  if (g_str_equal (field, "hq_country")) return g_strdup (company->hq_country);
  if (g_str_equal (field, "founded")) return company->founded ? g_strdup_printf ("%d", company->founded) : NULL;
  if (g_str_equal (field, "status")) return g_strdup (company->status);
  if (g_str_equal (field, "ticker")) return g_strdup (company->ticker);
  if (g_str_equal (field, "sector")) return g_strdup (company->sector);
  if (g_str_equal (field, "employees")) return g_strdup (company->employees);
  if (g_str_equal (field, "description")) return g_strdup (company->description);
  if (g_str_equal (field, "last_verified")) return g_strdup (company->last_verified);
  if (g_str_equal (field, "aliases")) return amw_json_from_strings (company->aliases);
  if (g_str_equal (field, "funding_rounds")) return amw_json_from_rounds (company->funding_rounds);
  return NULL;
}

static gboolean
validate_company_value (const char  *field,
                        const char  *value,
                        GError     **error)
{
  static const struct { const char *field; const char *label; guint max_chars; } texts[] = {
    { "name", N_("Name"), AMW_LIMIT_NAME_CHARS },
    { "website", N_("Website"), AMW_LIMIT_URL_CHARS },
    { "hq_city", N_("City"), AMW_LIMIT_NAME_CHARS },
    { "hq_country", N_("Country"), AMW_LIMIT_COUNTRY_CHARS },
    { "ticker", N_("Ticker"), AMW_LIMIT_TICKER_CHARS },
    { "sector", N_("Sector"), AMW_LIMIT_NAME_CHARS },
    { "employees", N_("Employees"), AMW_LIMIT_EMPLOYEES_CHARS },
    { "description", N_("Description"), AMW_LIMIT_LONG_TEXT_CHARS },
  };
  const char *problem = NULL;

  /* The limits of the exchange format (amw-limits.h). */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (field, texts[i].field) &&
        !amw_limits_check_text (_(texts[i].label), value, texts[i].max_chars, FALSE, error))
      return FALSE;

  if (g_str_equal (field, "name") && (value == NULL || *value == '\0'))
    problem = _("must not be empty");
  else if (g_str_equal (field, "website") && value != NULL && !amw_is_web_url (value))
    problem = _("only http:// and https:// links are allowed");
  else if (g_str_equal (field, "founded") && value != NULL)
    {
      gint64 year;
      if (!g_ascii_string_to_signed (value, 10, AMW_LIMIT_FOUNDED_MIN, AMW_LIMIT_FOUNDED_MAX, &year, NULL))
        problem = _("must be a year between 1800 and 2100");
    }
  else if (g_str_equal (field, "status") && !amw_is_valid_company_status (value))
    problem = _("must be active, acquired, public or closed");
  else if (g_str_equal (field, "last_verified") && value != NULL && !amw_is_valid_date (value))
    problem = _("must be a real date written YYYY-MM-DD");
  else if (g_str_equal (field, "aliases"))
    {
      g_autoptr(GPtrArray) aliases = amw_json_to_strings (value, field, error);
      return aliases != NULL && amw_limits_check_aliases (aliases, error);
    }
  else if (g_str_equal (field, "funding_rounds"))
    {
      g_autoptr(GPtrArray) rounds = amw_json_to_rounds (value, "", error);
      return rounds != NULL && amw_limits_check_rounds (rounds, error);
    }
  if (problem != NULL)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s: %s", field, problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_store_set_company_field (AmwStore    *self,
                             const char  *id,
                             const char  *field,
                             const char  *value,
                             GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autoptr(AmwCompany) company = NULL;
  g_autofree char *old_value = NULL;
  gboolean known = g_strcmp0 (field, "aliases") == 0 || g_strcmp0 (field, "funding_rounds") == 0;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && field != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (company_setters); i++)
    known |= g_str_equal (company_setters[i].field, field);
  if (!known)
    {
      g_autofree char *shown = amw_message_escape (field, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Unknown company field “%s”"), shown);
      return FALSE;
    }
  if (value != NULL && *value == '\0' && !g_str_equal (field, "description"))
    value = NULL;
  if (!validate_company_value (field, value, error) ||
      (company = amw_store_get_company (self, id, error)) == NULL)
    return FALSE;
  old_value = company_value (company, field);
  if (!command_begin (self, &command, g_strdup_printf (_("Edit %s of “%s”"), field_label (field), company->name), error))
    return FALSE;
  return command_finish (&command,
                         command_change (&command, "company", id, field, old_value, value, error),
                         error);
}

/* ---- undo and redo ---- */

static gboolean
peek_group (AmwStore  *self,
            gboolean   undo,
            gint64    *group_id,
            char     **description,
            gboolean  *undoable)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, undo ? STMT_LAST_DONE_GROUP : STMT_FIRST_UNDONE_GROUP, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *group_id = sqlite3_column_int64 (stmt, 0);
  if (description != NULL)
    *description = amw_column_dup (stmt, 1);
  if (undoable != NULL)
    *undoable = undo ? sqlite3_column_int (stmt, 2) != 0 : TRUE;
  return TRUE;
}

gboolean
amw_store_can_undo (AmwStore *self)
{
  gint64 group_id;
  gboolean undoable = FALSE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  return peek_group (self, TRUE, &group_id, NULL, &undoable) && undoable;
}

gboolean
amw_store_can_redo (AmwStore *self)
{
  gint64 group_id;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  return peek_group (self, FALSE, &group_id, NULL, NULL);
}

static gboolean
replay_group (AmwStore   *self,
              gboolean    undo,
              char      **description_out,
              GError    **error)
{
  g_autofree char *description = NULL;
  g_autofree char *now = amw_now_timestamp ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_change_free);
  gint64 group_id;
  gboolean undoable = TRUE;
  gboolean ok = TRUE;
  int rc;

  if (!peek_group (self, undo, &group_id, &description, &undoable))
    {
      g_set_error (error, AMW_ERROR, undo ? AMW_ERROR_NOTHING_TO_UNDO : AMW_ERROR_NOTHING_TO_REDO,
                   undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }
  if (!undoable)
    {
      g_autofree char *shown = amw_message_escape (description, -1, AMW_MESSAGE_QUOTE_CHARS);

      g_set_error (error, AMW_ERROR, AMW_ERROR_NOTHING_TO_UNDO,
                   _("“%s” cannot be undone"), shown);
      return FALSE;
    }
  if (!amw_store_begin (self, error))
    return FALSE;

  {
    g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_GROUP_CHANGES, error);

    if (stmt == NULL)
      ok = FALSE;
    else
      {
        sqlite3_bind_int64 (stmt, 1, group_id);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            AmwChange *change = g_new0 (AmwChange, 1);

            change->entity = amw_column_dup (stmt, 0);
            change->entity_id = amw_column_dup (stmt, 1);
            change->field = amw_column_dup (stmt, 2);
            change->old_value = amw_column_dup (stmt, 3);
            change->new_value = amw_column_dup (stmt, 4);
            g_ptr_array_add (changes, change);
          }
        if (rc != SQLITE_DONE)
          ok = amw_store_fail (self, rc, _("Could not read the change log"), error);
      }
  }

  for (guint i = 0; ok && i < changes->len; i++)
    {
      AmwChange *change = g_ptr_array_index (changes, undo ? changes->len - 1 - i : i);

      ok = apply_value (self, change->entity, change->entity_id, change->field,
                        undo ? change->new_value : change->old_value,
                        undo ? change->old_value : change->new_value, now, error);
    }
  if (ok)
    {
      sqlite3_stmt *stmt = amw_store_stmt (self, STMT_MARK_GROUP, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, group_id);
          sqlite3_bind_int (stmt, 2, undo ? 1 : 0);
          ok = amw_store_exec_stmt (self, stmt, _("Could not update the change log"), error);
        }
    }
  if (!ok)
    {
      amw_store_rollback (self);
      return FALSE;
    }
  amw_store_note_change (self, AMW_CHANGE_HISTORY);
  if (!amw_store_commit (self, error))
    return FALSE;
  if (description_out != NULL)
    *description_out = g_steal_pointer (&description);
  return TRUE;
}

gboolean
amw_store_undo (AmwStore  *self,
                char     **description,
                GError   **error)
{
  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  return replay_group (self, TRUE, description, error);
}

gboolean
amw_store_redo (AmwStore  *self,
                char     **description,
                GError   **error)
{
  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  return replay_group (self, FALSE, description, error);
}

GPtrArray *
amw_store_get_history (AmwStore    *self,
                       const char  *entity,
                       const char  *entity_id,
                       GError     **error)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_HISTORY, error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_change_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  amw_bind_text (stmt, 1, entity);
  amw_bind_text (stmt, 2, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AmwChange *change = g_new0 (AmwChange, 1);

      change->pk = sqlite3_column_int64 (stmt, 0);
      change->group_id = sqlite3_column_int64 (stmt, 1);
      change->entity = amw_column_dup (stmt, 2);
      change->entity_id = amw_column_dup (stmt, 3);
      change->field = amw_column_dup (stmt, 4);
      change->old_value = amw_column_dup (stmt, 5);
      change->new_value = amw_column_dup (stmt, 6);
      change->at = amw_column_dup (stmt, 7);
      change->editor = amw_column_dup (stmt, 8);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      amw_store_fail (self, rc, _("Could not read the history"), error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* ---- whole-record edits (the edit dialogs): one command, one undo step ---- */

static gpointer
copy_pair (gconstpointer pair,
           gpointer      unused)
{
  return amw_pair_copy (pair);
}

static gpointer
copy_string (gconstpointer text,
             gpointer      unused)
{
  return g_strdup (text);
}

gboolean
amw_store_edit_article (AmwStore          *self,
                        const AmwArticle  *edited,
                        GError           **error)
{
  static const AmwArticleField fields[] = {
    AMW_FIELD_TITLE, AMW_FIELD_SOURCE, AMW_FIELD_URL, AMW_FIELD_PUBLISHED, AMW_FIELD_SUMMARY,
    AMW_FIELD_AMW_READ, AMW_FIELD_NOTES, AMW_FIELD_STATUS, AMW_FIELD_AREAS, AMW_FIELD_COMPANIES,
    AMW_FIELD_TAGS, AMW_FIELD_CONNECTIONS,
  };
  g_auto(Command) command = { 0 };
  g_autoptr(AmwArticle) current = NULL;
  g_autoptr(AmwArticle) normalized = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (edited != NULL && edited->id != NULL, FALSE);

  if ((current = amw_store_get_article (self, edited->id, error)) == NULL)
    return FALSE;

  /* Optional text left empty means "none"; the title is kept without outer spaces. */
  normalized = amw_article_new ();
  normalized->title = g_strstrip (g_strdup (edited->title ? edited->title : ""));
  normalized->source = amw_is_blank (edited->source) ? NULL : g_strstrip (g_strdup (edited->source));
  normalized->url = amw_is_blank (edited->url) ? NULL : g_strstrip (g_strdup (edited->url));
  normalized->published = g_strdup (edited->published);
  normalized->summary = g_strdup (edited->summary ? edited->summary : "");
  normalized->amw_read = g_strdup (edited->amw_read ? edited->amw_read : "");
  normalized->notes = g_strdup (edited->notes ? edited->notes : "");
  normalized->status = g_strdup (edited->status);
  g_ptr_array_extend (normalized->areas, edited->areas, copy_pair, NULL);
  g_ptr_array_extend (normalized->companies, edited->companies, copy_pair, NULL);
  g_ptr_array_extend (normalized->tags, edited->tags, copy_string, NULL);
  g_ptr_array_extend (normalized->connections, edited->connections, copy_pair, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = article_value (normalized, fields[i]);

      if (!validate_article_value (fields[i], value, error))
        return FALSE;
    }

  if (!command_begin (self, &command, g_strdup_printf (_("Edit “%s”"), current->title), error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *old_value = article_value (current, fields[i]);
      g_autofree char *new_value = article_value (normalized, fields[i]);

      ok = command_change (&command, "article", current->id, field_names[fields[i]], old_value, new_value, error);
    }
  return command_finish (&command, ok, error);
}

gboolean
amw_store_edit_company (AmwStore          *self,
                        const AmwCompany  *edited,
                        GError           **error)
{
  static const char * const fields[] = {
    "name", "website", "hq_city", "hq_country", "founded", "status", "ticker", "sector",
    "employees", "description", "last_verified", "aliases", "funding_rounds",
  };
  g_auto(Command) command = { 0 };
  g_autoptr(AmwCompany) current = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);
  g_return_val_if_fail (edited != NULL && edited->id != NULL, FALSE);

  if ((current = amw_store_get_company (self, edited->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = company_value (edited, fields[i]);

      if (value != NULL && *value == '\0' && !g_str_equal (fields[i], "description"))
        g_clear_pointer (&value, g_free);
      if (!validate_company_value (fields[i], value, error))
        return FALSE;
    }

  if (!command_begin (self, &command, g_strdup_printf (_("Edit “%s”"), current->name), error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *old_value = company_value (current, fields[i]);
      g_autofree char *new_value = company_value (edited, fields[i]);

      if (new_value != NULL && *new_value == '\0' && !g_str_equal (fields[i], "description"))
        g_clear_pointer (&new_value, g_free);
      ok = command_change (&command, "company", current->id, fields[i], old_value, new_value, error);
    }
  return command_finish (&command, ok, error);
}

/* ---- the knowledge-area vocabulary ---- */

static char *
area_json (const char *area,
           const char *facet)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);

  g_ptr_array_add (pairs, amw_pair_new (area, facet));
  return amw_json_from_pairs (pairs);
}

static gint64
find_area (AmwStore   *self,
           const char *area,
           const char *facet)
{
  g_autoptr(AmwStmt) stmt = amw_store_stmt (self, STMT_AREA_BY_NAME, NULL);

  if (stmt == NULL)
    return -1;
  amw_bind_text (stmt, 1, area);
  amw_bind_text (stmt, 2, facet);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static gboolean
check_area_name (const char  *area,
                 const char  *facet,
                 GError     **error)
{
  if (amw_is_blank (area) || amw_is_blank (facet))
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("A knowledge area needs an area and a facet"));
      return FALSE;
    }
  return amw_limits_check_area (area, facet, error);
}

gboolean
amw_store_add_area (AmwStore    *self,
                    const char  *area,
                    const char  *facet,
                    GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *id = NULL;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (!check_area_name (area, facet, error))
    return FALSE;
  if (find_area (self, area, facet) >= 0)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("“%s · %s” already exists"), area, facet);
      return FALSE;
    }
  id = area_json (area, facet);
  if (!command_begin (self, &command, g_strdup_printf (_("Add knowledge area “%s · %s”"), area, facet), error))
    return FALSE;
  return command_finish (&command, command_change (&command, "area", id, "exists", NULL, "1", error), error);
}

gboolean
amw_store_rename_area (AmwStore    *self,
                       const char  *area,
                       const char  *facet,
                       const char  *new_area,
                       const char  *new_facet,
                       GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autofree char *pk_text = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if (!check_area_name (new_area, new_facet, error))
    return FALSE;
  if ((pk = find_area (self, area, facet)) < 0)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no knowledge area “%s · %s”"), area, facet);
      return FALSE;
    }
  if (find_area (self, new_area, new_facet) >= 0)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("“%s · %s” already exists"), new_area, new_facet);
      return FALSE;
    }
  pk_text = g_strdup_printf ("%" G_GINT64_FORMAT, pk);
  old_name = area_json (area, facet);
  new_name = area_json (new_area, new_facet);
  if (!command_begin (self, &command,
                      g_strdup_printf (_("Rename knowledge area “%s · %s”"), area, facet), error))
    return FALSE;
  return command_finish (&command,
                         command_change (&command, "area", pk_text, "name", old_name, new_name, error),
                         error);
}

gboolean
amw_store_delete_area (AmwStore    *self,
                       const char  *area,
                       const char  *facet,
                       GError     **error)
{
  g_auto(Command) command = { 0 };
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *id = NULL;
  gboolean ok = TRUE;
  gint64 pk;

  g_return_val_if_fail (AMW_IS_STORE (self), FALSE);

  if ((pk = find_area (self, area, facet)) < 0)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_NOT_FOUND, _("There is no knowledge area “%s · %s”"), area, facet);
      return FALSE;
    }
  if ((ids = amw_store_read_strings (self, STMT_ARTICLES_WITH_AREA, pk, error)) == NULL)
    return FALSE;
  id = area_json (area, facet);
  if (!command_begin (self, &command, g_strdup_printf (_("Delete knowledge area “%s · %s”"), area, facet), error))
    return FALSE;
  /* First every article lets go of it (logged, so undo gives it back), then the area goes. */
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self, g_ptr_array_index (ids, i), error);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (article == NULL)
        {
          ok = FALSE;
          break;
        }
      old_value = amw_json_from_pairs (article->areas);
      for (guint j = 0; j < article->areas->len; j++)
        {
          AmwPair *pair = g_ptr_array_index (article->areas, j);
          if (g_str_equal (pair->first, area) && g_str_equal (pair->second, facet))
            g_ptr_array_remove_index (article->areas, j--);
        }
      new_value = amw_json_from_pairs (article->areas);
      ok = command_change (&command, "article", article->id, "areas", old_value, new_value, error);
    }
  ok = ok && command_change (&command, "area", id, "exists", "1", NULL, error);
  return command_finish (&command, ok, error);
}

gint64
amw_store_peek_undo (AmwStore  *self,
                     char     **description)
{
  gint64 group_id = 0;
  gboolean undoable = FALSE;

  g_return_val_if_fail (AMW_IS_STORE (self), 0);

  if (!peek_group (self, TRUE, &group_id, description, &undoable) || !undoable)
    {
      if (description != NULL)
        g_clear_pointer (description, g_free);
      return 0;
    }
  return group_id;
}
