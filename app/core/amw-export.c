/* amw-export.c — streaming, deterministic export.
 *
 * The document is written record by record: each article becomes a small json-glib node,
 * is serialised and written, then freed. Companies and events follow, sorted by id, so
 * the same database state always gives the same bytes. */
/* O_TMPFILE and linkat () */
#define _GNU_SOURCE 1

#include "amw-config.h"
#include "amw-export.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  GOutputStream   *stream;
  GCancellable    *cancellable;
  gboolean         partial;
  gboolean         first;
  GHashTable      *company_ids;  /* referenced by written articles (partial exports) */
  GHashTable      *event_ids;
  guint64          done;
  guint64          total;
  AmwProgressFunc  progress;
  gpointer         user_data;
} ExportState;

static gboolean
write_text (ExportState  *state,
            const char   *text,
            GError      **error)
{
  return g_output_stream_write_all (state->stream, text, strlen (text), NULL,
                                    state->cancellable, error);
}

/* json-glib 1.6 writes U+001F raw inside strings, which strict JSON parsers reject; raw
 * control characters can only come from strings (the line breaks of pretty printing were
 * split off already), so escaping them here is safe. */
static char *
escape_controls (const char *line)
{
  GString *out;

  if (!strpbrk (line, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
    return g_strdup (line);
  out = g_string_new (NULL);
  for (const char *p = line; *p; p++)
    {
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Serialises @node pretty-printed and indented to sit inside a top-level array. */
static gboolean
write_record (ExportState  *state,
              JsonNode     *node,
              GError      **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  lines = g_strsplit (text, "\n", -1);

  if (!write_text (state, state->first ? "\n" : ",\n", error))
    return FALSE;
  state->first = FALSE;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = escape_controls (lines[i]);

      if ((i > 0 && !write_text (state, "\n", error)) ||
          !write_text (state, "    ", error) ||
          !write_text (state, escaped, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_rating (JsonBuilder *builder,
            const char  *key,
            int          rating)
{
  json_builder_set_member_name (builder, key);
  if (rating >= 1 && rating <= 5)
    json_builder_add_int_value (builder, rating);
  else
    json_builder_add_null_value (builder);
}

static void
add_strings (JsonBuilder *builder,
             const char  *key,
             GPtrArray   *values)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
}

static void
add_pairs (JsonBuilder *builder,
           const char  *key,
           GPtrArray   *pairs,
           const char  *first_key,
           const char  *second_key)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < pairs->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (pairs, i);

      json_builder_begin_object (builder);
      add_string (builder, first_key, pair->first);
      add_string (builder, second_key, pair->second);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_money (JsonBuilder *builder,
           const char  *key,
           gboolean     present,
           gint64       minor,
           const char  *currency)
{
  json_builder_set_member_name (builder, key);
  if (!present)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "minor");
  json_builder_add_int_value (builder, minor);
  add_string (builder, "currency", currency);
  json_builder_end_object (builder);
}

static JsonNode *
article_to_node (const AmwArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "id", article->id);
  add_string (builder, "title", article->title);
  add_string_or_null (builder, "source", article->source);
  add_string_or_null (builder, "url", article->url);
  add_string (builder, "published", article->published);
  add_string (builder, "status", article->status);
  add_string (builder, "summary", article->summary);
  add_string (builder, "amw_read", article->amw_read);
  json_builder_set_member_name (builder, "ratings");
  json_builder_begin_object (builder);
  add_rating (builder, "novelty", article->novelty);
  add_rating (builder, "significance", article->significance);
  json_builder_end_object (builder);
  add_pairs (builder, "areas", article->areas, "area", "facet");
  add_strings (builder, "tags", article->tags);
  add_pairs (builder, "companies", article->companies, "id", "role");
  add_pairs (builder, "connections", article->connections, "kind", "id");
  add_string (builder, "created_at", article->created_at);
  add_string (builder, "updated_at", article->updated_at);
  /* Internal notes are deliberately not written. */
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
company_to_node (const AmwCompany *company)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "id", company->id);
  add_string (builder, "name", company->name);
  add_strings (builder, "aliases", company->aliases);
  add_string_or_null (builder, "website", company->website);
  json_builder_set_member_name (builder, "hq");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "city", company->hq_city);
  add_string_or_null (builder, "country", company->hq_country);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "founded");
  if (company->founded > 0)
    json_builder_add_int_value (builder, company->founded);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "status", company->status);
  add_string_or_null (builder, "ticker", company->ticker);
  add_string_or_null (builder, "sector", company->sector);
  add_string_or_null (builder, "employees", company->employees);
  add_string (builder, "description", company->description);
  add_string_or_null (builder, "last_verified", company->last_verified);
  json_builder_set_member_name (builder, "funding_rounds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < company->funding_rounds->len; i++)
    {
      AmwFundingRound *round = g_ptr_array_index (company->funding_rounds, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", round->id);
      add_string (builder, "announced", round->announced);
      add_string (builder, "type", round->type);
      add_money (builder, "amount", round->has_amount, round->amount_minor, round->currency);
      json_builder_set_member_name (builder, "amount_usd_minor");
      if (round->has_amount_usd)
        json_builder_add_int_value (builder, round->amount_usd_minor);
      else
        json_builder_add_null_value (builder);
      add_money (builder, "post_money", round->has_post_money, round->post_money_minor,
                 round->post_money_currency);
      add_strings (builder, "lead_investors", round->lead_investors);
      add_strings (builder, "participants", round->participants);
      add_string_or_null (builder, "source_article", round->source_article);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_string (builder, "created_at", company->created_at);
  add_string (builder, "updated_at", company->updated_at);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
event_to_node (const AmwEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "id", event->id);
  add_string (builder, "date", event->date);
  add_string (builder, "precision", event->precision);
  add_string (builder, "title", event->title);
  add_string (builder, "kind", event->kind);
  add_strings (builder, "companies", event->companies);
  add_string_or_null (builder, "source_article", event->source_article);
  add_string (builder, "created_at", event->created_at);
  add_string (builder, "updated_at", event->updated_at);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
write_article_cb (AmwArticle  *article,
                  gpointer     user_data,
                  GError     **error)
{
  ExportState *state = user_data;
  g_autoptr(JsonNode) node = article_to_node (article);

  if (state->partial)
    {
      for (guint i = 0; i < article->companies->len; i++)
        g_hash_table_add (state->company_ids,
                          g_strdup (((AmwPair *) g_ptr_array_index (article->companies, i))->first));
      for (guint i = 0; i < article->connections->len; i++)
        {
          AmwPair *link = g_ptr_array_index (article->connections, i);
          if (g_strcmp0 (link->first, "event") == 0)
            g_hash_table_add (state->event_ids, g_strdup (link->second));
        }
    }
  if (!write_record (state, node, error))
    return FALSE;
  state->done++;
  if (state->progress != NULL)
    state->progress (state->done, state->total, state->user_data);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static char *
describe_selection (const AmwExportSelection *selection)
{
  switch (selection->kind)
    {
    case AMW_SELECTION_ALL: return g_strdup ("All articles");
    case AMW_SELECTION_PUBLISHED: return g_strdup ("Published articles");
    case AMW_SELECTION_QUERY: return amw_query_describe (selection->query);
    case AMW_SELECTION_IDS:
    default:
      {
        guint n = selection->ids ? g_strv_length ((char **) selection->ids) : 0;
        return g_strdup_printf (n == 1 ? "%u selected article" : "%u selected articles", n);
      }
    }
}

static const char *
selection_kind_name (AmwSelectionKind kind)
{
  static const char * const names[] = { "all", "published", "query", "ids" };
  return names[kind];
}

static gboolean
write_header (ExportState               *state,
              AmwStore                  *store,
              const AmwExportSelection  *selection,
              GError                   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *as_of = amw_store_get_latest_update (store);
  g_autofree char *description = describe_selection (selection);
  g_autofree char *text = NULL;
  char *end;

  json_builder_begin_object (builder);
  add_string (builder, "format", "amw-desk");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_string_or_null (builder, "as_of", as_of);
  json_builder_set_member_name (builder, "selection");
  json_builder_begin_object (builder);
  add_string (builder, "kind", selection_kind_name (selection->kind));
  add_string (builder, "description", description);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* Drop the closing brace: the arrays follow. */
  end = strrchr (text, '}');
  *end = '\0';
  g_strchomp (text);
  return write_text (state, text, error) && write_text (state, ",\n  \"articles\" : [", error);
}

static gboolean
close_array (ExportState  *state,
             const char   *next_key,
             GError      **error)
{
  if (!write_text (state, state->first ? "]" : "\n  ]", error))
    return FALSE;
  state->first = TRUE;
  if (next_key == NULL)
    return write_text (state, "\n}\n", error);
  return write_text (state, ",\n  \"", error) && write_text (state, next_key, error) &&
         write_text (state, "\" : [", error);
}

gboolean
amw_export_to_stream (AmwStore                  *store,
                      const AmwExportSelection  *selection,
                      GOutputStream             *stream,
                      AmwProgressFunc            progress,
                      gpointer                   user_data,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(AmwQuery) query = NULL;
  g_autoptr(GPtrArray) company_ids = NULL;
  g_autoptr(GPtrArray) event_ids = NULL;
  g_autoptr(GHashTable) company_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) event_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ExportState state = { 0 };

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  state.stream = stream;
  state.cancellable = cancellable;
  state.first = TRUE;
  state.partial = selection->kind != AMW_SELECTION_ALL;
  state.company_ids = company_set;
  state.event_ids = event_set;
  state.progress = progress;
  state.user_data = user_data;

  switch (selection->kind)
    {
    case AMW_SELECTION_ALL:
      query = amw_query_new ();
      break;
    case AMW_SELECTION_PUBLISHED:
      {
        static const char * const published[] = { "published", NULL };
        query = amw_query_new ();
        amw_query_set_statuses (query, published);
      }
      break;
    case AMW_SELECTION_QUERY:
      g_return_val_if_fail (AMW_IS_QUERY (selection->query), FALSE);
      query = g_object_ref (selection->query);
      break;
    case AMW_SELECTION_IDS:
    default:
      query = NULL;
      break;
    }

  if (query != NULL)
    state.total = MAX (0, amw_store_count_articles (store, query, NULL));
  else
    {
      g_autoptr(GHashTable) unique = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; selection->ids != NULL && selection->ids[i] != NULL; i++)
        g_hash_table_add (unique, (gpointer) selection->ids[i]);
      state.total = g_hash_table_size (unique);
    }

  if (!write_header (&state, store, selection, error))
    return FALSE;

  if (query != NULL)
    {
      if (!amw_store_foreach_article (store, query, write_article_cb, &state, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; selection->ids != NULL && selection->ids[i] != NULL; i++)
        g_ptr_array_add (ids, (gpointer) selection->ids[i]);
      g_ptr_array_sort (ids, compare_strings);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(AmwArticle) article = NULL;

          /* A repeated id is written once. */
          if (i > 0 && strcmp (g_ptr_array_index (ids, i), g_ptr_array_index (ids, i - 1)) == 0)
            continue;
          article = amw_store_get_article (store, g_ptr_array_index (ids, i), error);
          if (article == NULL || !write_article_cb (article, &state, error))
            return FALSE;
        }
    }

  if (state.partial)
    {
      /* Events' companies must travel with them, so that the file imports on its own. */
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, event_set);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autoptr(AmwEvent) event = amw_store_get_event (store, key, error);

          if (event == NULL)
            return FALSE;
          for (guint i = 0; i < event->companies->len; i++)
            g_hash_table_add (company_set, g_strdup (g_ptr_array_index (event->companies, i)));
        }
      company_ids = sorted_keys (company_set);
      event_ids = sorted_keys (event_set);
    }
  else if ((company_ids = amw_store_list_company_ids (store, error)) == NULL ||
           (event_ids = amw_store_list_event_ids (store, error)) == NULL)
    return FALSE;

  if (!close_array (&state, "companies", error))
    return FALSE;
  for (guint i = 0; i < company_ids->len; i++)
    {
      g_autoptr(AmwCompany) company = amw_store_get_company (store, g_ptr_array_index (company_ids, i), error);
      g_autoptr(JsonNode) node = NULL;

      if (company == NULL)
        return FALSE;
      node = company_to_node (company);
      if (!write_record (&state, node, error))
        return FALSE;
    }

  if (!close_array (&state, "timeline", error))
    return FALSE;
  for (guint i = 0; i < event_ids->len; i++)
    {
      g_autoptr(AmwEvent) event = amw_store_get_event (store, g_ptr_array_index (event_ids, i), error);
      g_autoptr(JsonNode) node = NULL;

      if (event == NULL)
        return FALSE;
      node = event_to_node (event);
      if (!write_record (&state, node, error))
        return FALSE;
    }
  return close_array (&state, NULL, error);
}

typedef struct {
  AmwProgressFunc  progress;
  gpointer         user_data;
  guint64         *count;
} ExportCounter;

static void
count_progress_cb (guint64  done,
                   guint64  total,
                   gpointer data)
{
  ExportCounter *counter = data;

  *counter->count = done;
  if (counter->progress != NULL)
    counter->progress (done, total, counter->user_data);
}

/* Gives the unnamed file @fd the name @template ("….XXXXXX", a fresh suffix each try). */
static gboolean
name_anonymous_file (int   fd,
                     char *template)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  char *suffix = template + strlen (template) - 6;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      for (guint i = 0; i < 6; i++)
        suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      if (linkat (AT_FDCWD, proc, AT_FDCWD, template, AT_SYMLINK_FOLLOW) == 0)
        return TRUE;
      if (errno != EEXIST)
        return FALSE;
    }
  return FALSE;
}

gboolean
amw_export_to_file (AmwStore                  *store,
                    const AmwExportSelection  *selection,
                    const char                *path,
                    guint64                   *n_articles,
                    AmwProgressFunc            progress,
                    gpointer                   user_data,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  g_autoptr(GOutputStream) raw = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  guint64 count = 0;
  gboolean anonymous = FALSE;
  gboolean ok;
  int fd = -1;

  g_return_val_if_fail (path != NULL, FALSE);

  /* An unnamed file in the target's folder: if the export is killed, nothing is left
   * behind. It gets a name only once complete. Where O_TMPFILE is not supported, a named
   * temporary file does the same job, minus that cleanup. */
#ifdef O_TMPFILE
  fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  anonymous = fd >= 0;
#endif
  if (fd < 0)
    fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not write to %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  raw = g_unix_output_stream_new (fd, TRUE);
  buffered = g_buffered_output_stream_new_sized (raw, 64 * 1024);

  {
    ExportCounter counter = { progress, user_data, &count };
    ok = amw_export_to_stream (store, selection, buffered, count_progress_cb, &counter,
                               cancellable, error);
  }
  ok = ok && g_output_stream_flush (buffered, cancellable, error);
  if (ok && fsync (fd) != 0)
    {
      int saved_errno = errno;
      ok = FALSE;
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not write %s: %s"), path,
                   g_strerror (saved_errno));
    }
  if (ok && anonymous && !name_anonymous_file (fd, template))
    {
      int saved_errno = errno;
      ok = FALSE;
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not write %s: %s"), path,
                   g_strerror (saved_errno));
    }
  ok = g_output_stream_close (buffered, NULL, ok ? error : NULL) && ok;
  if (ok && g_rename (template, path) != 0)
    {
      int saved_errno = errno;
      ok = FALSE;
      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not replace %s: %s"), path,
                   g_strerror (saved_errno));
    }
  if (!ok)
    {
      /* An unnamed file vanishes on its own, unless it was named just before failing. */
      if (!anonymous || g_file_test (template, G_FILE_TEST_EXISTS))
        g_unlink (template);
      g_prefix_error (error, _("Export to %s failed: "), path);
      return FALSE;
    }
  if (n_articles != NULL)
    *n_articles = count;
  return TRUE;
}
