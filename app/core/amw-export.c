/* amw-export.c — streaming, deterministic export.
 *
 * An AmwExportReader (amw-store-export.c) reads the records in id order within one read
 * transaction, and each record is written straight into a 64 KiB buffer: no JSON tree, no
 * allocation per record. The bytes are those json-glib 1.6's pretty generator wrote, which
 * earlier exports used (two-space indentation, "key" : value, its escaping), except for
 * U+001F, which json-glib leaves raw and strict parsers reject. */
/* O_TMPFILE and linkat () */
#define _GNU_SOURCE 1

#include "amw-config.h"
#include "amw-export.h"
#include "amw-json-values.h"
#include "amw-message.h"
#include "amw-store-export.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* ---- the JSON writer ---- */

#define BUFFER_SIZE (64 * 1024)
/* How much written data may wait in the page cache before its write-back is started. */
#define SYNC_STEP (8 * 1024 * 1024)

/* Bytes written to the stream in BUFFER_SIZE pieces. The first error sticks: later
 * writes do nothing, and the caller looks at it once per record. */
typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  char          *buffer;
  gsize          len;
  GError        *error;
  int            sync_fd;  /* the file behind the stream, or -1 */
  guint64        written;
  guint64        synced;   /* write-back started up to here */
} Writer;

static void
writer_write (Writer     *w,
              const char *data,
              gsize       len)
{
  if (w->error != NULL ||
      !g_output_stream_write_all (w->stream, data, len, NULL, w->cancellable, &w->error))
    return;
  w->written += len;
#ifdef SYNC_FILE_RANGE_WRITE
  /* The file is fsync ()ed once complete: starting its write-back on the way leaves that
   * fsync () little to wait for. Only a hint, so a failure is no error. */
  if (w->sync_fd >= 0 && w->written - w->synced >= SYNC_STEP)
    {
      sync_file_range (w->sync_fd, w->synced, w->written - w->synced, SYNC_FILE_RANGE_WRITE);
      w->synced = w->written;
    }
#endif
}

static void
writer_flush (Writer *w)
{
  if (w->len > 0)
    writer_write (w, w->buffer, w->len);
  w->len = 0;
}

static void
out_raw (Writer     *w,
         const char *data,
         gsize       len)
{
  if (w->len + len > BUFFER_SIZE)
    {
      writer_flush (w);
      if (len >= BUFFER_SIZE)
        {
          writer_write (w, data, len);
          return;
        }
    }
  memcpy (w->buffer + w->len, data, len);
  w->len += len;
}

#define out_literal(w, text) out_raw ((w), "" text "", sizeof (text) - 1)

static inline void
out_char (Writer *w,
          char    c)
{
  if (w->len == BUFFER_SIZE)
    writer_flush (w);
  w->buffer[w->len++] = c;
}

static void
out_int (Writer *w,
         gint64  value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  /* Through unsigned arithmetic, so that G_MININT64 has a magnitude. */
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';
  out_raw (w, p, digits + sizeof digits - p);
}

/* What json-glib 1.6 escapes, and U+001F (see the top): control characters, '"', '\\' and
 * U+007F. Everything else, UTF-8 sequences included, is written as it is. */
static const guint8 escapes[256] = {
  TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
  TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
  ['"'] = TRUE, ['\\'] = TRUE, [0x7f] = TRUE,
};

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether one of the 8 bytes of @word is in escapes[], tested all at once: the high bits
 * of (x - n × ONES) & ~x are not all clear exactly when some byte of x is below n
 * (n <= 0x80); a byte equal to c is a byte of x ^ (c × ONES) below 1. */
static inline gboolean
word_has_escape (guint64 word)
{
  guint64 quote = word ^ (ONES * '"');
  guint64 backslash = word ^ (ONES * '\\');
  guint64 del = word ^ (ONES * 0x7f);
  guint64 found = ((word - ONES * 0x20) & ~word) | ((quote - ONES) & ~quote) |
                  ((backslash - ONES) & ~backslash) | ((del - ONES) & ~del);

  /* Not a plain return of the mask: gboolean is an int, the high bytes would be lost. */
  return (found & HIGH_BITS) != 0;
}

static void
out_escape (Writer *w,
            guchar  c)
{
  static const char hex[] = "0123456789abcdef";
  char sequence[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

  switch (c)
    {
    case '"': out_literal (w, "\\\""); break;
    case '\\': out_literal (w, "\\\\"); break;
    case '\b': out_literal (w, "\\b"); break;
    case '\f': out_literal (w, "\\f"); break;
    case '\n': out_literal (w, "\\n"); break;
    case '\r': out_literal (w, "\\r"); break;
    case '\t': out_literal (w, "\\t"); break;
    default: out_raw (w, sequence, sizeof sequence); break;
    }
}

/* @text as a JSON string; NULL is written as "". Most text needs no escape: it is
 * scanned 8 bytes at a time and copied in runs. */
static void
out_string (Writer     *w,
            const char *text)
{
  const char *p = text != NULL ? text : "";
  const char *end = p + strlen (p);

  out_char (w, '"');
  while (p < end)
    {
      const char *run = p;
      guint64 word;

      while (end - p >= 8 && (memcpy (&word, p, 8), !word_has_escape (word)))
        p += 8;
      while (p < end && !escapes[(guchar) *p])
        p++;
      if (p > run)
        out_raw (w, run, p - run);
      if (p < end)
        out_escape (w, (guchar) *p++);
    }
  out_char (w, '"');
}

static void
out_string_or_null (Writer     *w,
                    const char *text)
{
  if (text != NULL)
    out_string (w, text);
  else
    out_literal (w, "null");
}

static const char spaces[] = "                ";

static void
out_indent (Writer *w,
            guint   indent)
{
  g_assert (indent < sizeof spaces);
  out_raw (w, spaces, indent);
}

/* Starts a member of an object whose members are indented by @indent: json-glib puts
 * the comma after the previous value, then a new line. */
static void
out_key_len (Writer     *w,
             guint       indent,
             gboolean    first,
             const char *key,
             gsize       len)
{
  if (!first)
    out_char (w, ',');
  out_char (w, '\n');
  out_indent (w, indent);
  out_char (w, '"');
  out_raw (w, key, len);
  out_literal (w, "\" : ");
}

#define out_key(w, indent, key) out_key_len ((w), (indent), FALSE, "" key "", sizeof (key) - 1)
#define out_first_key(w, indent, key) out_key_len ((w), (indent), TRUE, "" key "", sizeof (key) - 1)

/* Ends an object or an array whose members were indented by @indent. */
static void
out_close (Writer *w,
           guint   indent,
           char    bracket)
{
  out_char (w, '\n');
  out_indent (w, indent - 2);
  out_char (w, bracket);
}

/* An array of strings, the value of a member indented by @indent. */
static void
out_strings (Writer                 *w,
             guint                   indent,
             const char * const     *items,
             guint                   len)
{
  if (len == 0)
    {
      out_literal (w, "[]");
      return;
    }
  out_char (w, '[');
  for (guint i = 0; i < len; i++)
    {
      if (i > 0)
        out_char (w, ',');
      out_char (w, '\n');
      out_indent (w, indent + 2);
      out_string (w, items[i]);
    }
  out_close (w, indent + 2, ']');
}

/* An array of two-member objects from a list of pairs, the value of a member indented
 * by @indent. */
static void
out_pairs (Writer                 *w,
           guint                   indent,
           const AmwExportStrings *pairs,
           const char             *first_key,
           const char             *second_key)
{
  if (pairs->len == 0)
    {
      out_literal (w, "[]");
      return;
    }
  out_char (w, '[');
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      if (i > 0)
        out_char (w, ',');
      out_char (w, '\n');
      out_indent (w, indent + 2);
      out_char (w, '{');
      out_key_len (w, indent + 4, TRUE, first_key, strlen (first_key));
      out_string (w, pairs->items[i]);
      out_key_len (w, indent + 4, FALSE, second_key, strlen (second_key));
      out_string (w, pairs->items[i + 1]);
      out_close (w, indent + 4, '}');
    }
  out_close (w, indent + 2, ']');
}

static void
out_rating (Writer *w,
            int     rating)
{
  if (rating >= 1 && rating <= 5)
    out_int (w, rating);
  else
    out_literal (w, "null");
}

static void
out_money (Writer     *w,
           guint       indent,
           gboolean    present,
           gint64      minor,
           const char *currency)
{
  if (!present)
    {
      out_literal (w, "null");
      return;
    }
  out_char (w, '{');
  out_first_key (w, indent + 2, "minor");
  out_int (w, minor);
  out_key (w, indent + 2, "currency");
  out_string (w, currency);
  out_close (w, indent + 2, '}');
}

/* Records are elements of the document's top-level arrays: the object's braces are
 * indented by 4, its members by 6. */
#define RECORD 6

static void
write_article (Writer                 *w,
               const AmwExportArticle *a)
{
  out_char (w, '{');
  out_first_key (w, RECORD, "id");
  out_string (w, a->id);
  out_key (w, RECORD, "title");
  out_string (w, a->title);
  out_key (w, RECORD, "source");
  out_string_or_null (w, a->source);
  out_key (w, RECORD, "url");
  out_string_or_null (w, a->url);
  out_key (w, RECORD, "published");
  out_string (w, a->published);
  out_key (w, RECORD, "status");
  out_string (w, a->status);
  out_key (w, RECORD, "summary");
  out_string (w, a->summary);
  out_key (w, RECORD, "amw_read");
  out_string (w, a->amw_read);
  out_key (w, RECORD, "ratings");
  out_char (w, '{');
  out_first_key (w, RECORD + 2, "novelty");
  out_rating (w, a->novelty);
  out_key (w, RECORD + 2, "significance");
  out_rating (w, a->significance);
  out_close (w, RECORD + 2, '}');
  out_key (w, RECORD, "areas");
  out_pairs (w, RECORD, &a->areas, "area", "facet");
  out_key (w, RECORD, "tags");
  out_strings (w, RECORD, a->tags.items, a->tags.len);
  out_key (w, RECORD, "companies");
  out_pairs (w, RECORD, &a->companies, "id", "role");
  out_key (w, RECORD, "connections");
  out_pairs (w, RECORD, &a->connections, "kind", "id");
  out_key (w, RECORD, "created_at");
  out_string (w, a->created_at);
  out_key (w, RECORD, "updated_at");
  out_string (w, a->updated_at);
  /* Internal notes are deliberately not written (the reader does not even read them). */
  out_close (w, RECORD, '}');
}

static void
write_round (Writer               *w,
             guint                 indent,
             const AmwExportRound *round)
{
  g_autoptr(GPtrArray) lead_investors = amw_json_read_strings (round->lead_investors);
  g_autoptr(GPtrArray) participants = amw_json_read_strings (round->participants);

  out_char (w, '{');
  out_first_key (w, indent, "id");
  out_string (w, round->id);
  out_key (w, indent, "announced");
  out_string (w, round->announced);
  out_key (w, indent, "type");
  out_string (w, round->type);
  out_key (w, indent, "amount");
  out_money (w, indent, round->has_amount, round->amount_minor, round->currency);
  out_key (w, indent, "amount_usd_minor");
  if (round->has_amount_usd)
    out_int (w, round->amount_usd_minor);
  else
    out_literal (w, "null");
  out_key (w, indent, "post_money");
  out_money (w, indent, round->has_post_money, round->post_money_minor, round->post_money_currency);
  out_key (w, indent, "lead_investors");
  out_strings (w, indent, (const char * const *) lead_investors->pdata, lead_investors->len);
  out_key (w, indent, "participants");
  out_strings (w, indent, (const char * const *) participants->pdata, participants->len);
  out_key (w, indent, "source_article");
  out_string_or_null (w, round->source_article);
  out_close (w, indent, '}');
}

static void
write_company (Writer                 *w,
               const AmwExportCompany *c)
{
  out_char (w, '{');
  out_first_key (w, RECORD, "id");
  out_string (w, c->id);
  out_key (w, RECORD, "name");
  out_string (w, c->name);
  out_key (w, RECORD, "aliases");
  out_strings (w, RECORD, c->aliases.items, c->aliases.len);
  out_key (w, RECORD, "website");
  out_string_or_null (w, c->website);
  out_key (w, RECORD, "hq");
  out_char (w, '{');
  out_first_key (w, RECORD + 2, "city");
  out_string_or_null (w, c->hq_city);
  out_key (w, RECORD + 2, "country");
  out_string_or_null (w, c->hq_country);
  out_close (w, RECORD + 2, '}');
  out_key (w, RECORD, "founded");
  if (c->founded > 0)
    out_int (w, c->founded);
  else
    out_literal (w, "null");
  out_key (w, RECORD, "status");
  out_string (w, c->status);
  out_key (w, RECORD, "ticker");
  out_string_or_null (w, c->ticker);
  out_key (w, RECORD, "sector");
  out_string_or_null (w, c->sector);
  out_key (w, RECORD, "employees");
  out_string_or_null (w, c->employees);
  out_key (w, RECORD, "description");
  out_string (w, c->description);
  out_key (w, RECORD, "last_verified");
  out_string_or_null (w, c->last_verified);
  out_key (w, RECORD, "funding_rounds");
  if (c->n_rounds == 0)
    out_literal (w, "[]");
  else
    {
      out_char (w, '[');
      for (guint i = 0; i < c->n_rounds; i++)
        {
          if (i > 0)
            out_char (w, ',');
          out_char (w, '\n');
          out_indent (w, RECORD + 2);
          write_round (w, RECORD + 4, &c->rounds[i]);
        }
      out_close (w, RECORD + 2, ']');
    }
  out_key (w, RECORD, "created_at");
  out_string (w, c->created_at);
  out_key (w, RECORD, "updated_at");
  out_string (w, c->updated_at);
  out_close (w, RECORD, '}');
}

static void
write_event (Writer               *w,
             const AmwExportEvent *e)
{
  out_char (w, '{');
  out_first_key (w, RECORD, "id");
  out_string (w, e->id);
  out_key (w, RECORD, "date");
  out_string (w, e->date);
  out_key (w, RECORD, "precision");
  out_string (w, e->precision);
  out_key (w, RECORD, "title");
  out_string (w, e->title);
  out_key (w, RECORD, "kind");
  out_string (w, e->kind);
  out_key (w, RECORD, "companies");
  out_strings (w, RECORD, e->companies.items, e->companies.len);
  out_key (w, RECORD, "source_article");
  out_string_or_null (w, e->source_article);
  out_key (w, RECORD, "created_at");
  out_string (w, e->created_at);
  out_key (w, RECORD, "updated_at");
  out_string (w, e->updated_at);
  out_close (w, RECORD, '}');
}

/* ---- the document ---- */

typedef struct {
  Writer           writer;
  AmwExportReader *reader;
  gboolean         partial;
  gboolean         first;        /* no record in the current array yet */
  GHashTable      *company_ids;  /* referenced by written articles (partial exports) */
  GHashTable      *event_ids;
  guint64          done;
  guint64          total;
  AmwProgressFunc  progress;
  gpointer         user_data;
} ExportState;

/* Before each record: the separator, and the check for cancellation and write errors. */
static gboolean
begin_record (ExportState  *state,
              GError      **error)
{
  Writer *w = &state->writer;

  if (w->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  if (!state->first)
    out_char (w, ',');
  out_literal (w, "\n    ");
  state->first = FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The members of @set, sorted and NULL-terminated. */
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
  g_ptr_array_add (keys, NULL);
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

static void
write_header (ExportState              *state,
              AmwStore                 *store,
              const AmwExportSelection *selection)
{
  Writer *w = &state->writer;
  g_autofree char *as_of = amw_store_get_latest_update (store);
  g_autofree char *description = describe_selection (selection);

  out_char (w, '{');
  out_first_key (w, 2, "format");
  out_string (w, "amw-desk");
  out_key (w, 2, "version");
  out_int (w, 1);
  out_key (w, 2, "as_of");
  out_string_or_null (w, as_of);
  out_key (w, 2, "selection");
  out_char (w, '{');
  out_first_key (w, 4, "kind");
  out_string (w, selection_kind_name (selection->kind));
  out_key (w, 4, "description");
  out_string (w, description);
  out_close (w, 4, '}');
  out_key (w, 2, "articles");
  out_char (w, '[');
}

/* Closes the current top-level array and opens the next one, or ends the document. */
static void
close_array (ExportState *state,
             const char  *next_key)
{
  Writer *w = &state->writer;

  if (state->first)
    out_char (w, ']');
  else
    out_close (w, 4, ']');
  state->first = TRUE;
  if (next_key == NULL)
    {
      out_literal (w, "\n}\n");
      return;
    }
  out_key_len (w, 2, FALSE, next_key, strlen (next_key));
  out_char (w, '[');
}

/* ---- the limits of the format ----
 *
 * Edits keep to the limits of amw-limits.h, but another program may write anything into
 * the database. A record past them would make a file that the import (and the schema)
 * refuse: the export refuses it instead, naming the record and the field. Cheap enough for
 * a million articles: characters are counted only in a text longer in bytes than its limit. */

static gboolean
check_strings (const char              *label,
               const char              *item_label,
               const char * const      *items,
               guint                    len,
               guint                    max_items,
               guint                    max_chars,
               GError                 **error)
{
  if (!amw_limits_check_count (label, len, max_items, error))
    return FALSE;
  for (guint i = 0; i < len; i++)
    if (!amw_limits_check_text (item_label, items[i], max_chars, TRUE, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_article (const AmwExportArticle  *a,
               GError                 **error)
{
  if (!amw_limits_check_text (_("Title"), a->title, AMW_LIMIT_TITLE_CHARS, TRUE, error) ||
      !amw_limits_check_text (_("Source"), a->source, AMW_LIMIT_NAME_CHARS, FALSE, error) ||
      !amw_limits_check_url (_("Link"), a->url, error) ||
      !amw_limits_check_text (_("Summary"), a->summary, AMW_LIMIT_LONG_TEXT_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("AMW Read"), a->amw_read, AMW_LIMIT_LONG_TEXT_CHARS, FALSE, error) ||
      !amw_limits_check_count (_("Knowledge areas"), a->areas.len / 2, AMW_LIMIT_AREAS, error) ||
      !check_strings (_("Tags"), _("Tag"), a->tags.items, a->tags.len, AMW_LIMIT_TAGS, AMW_LIMIT_TAG_CHARS, error) ||
      !amw_limits_check_count (_("Companies"), a->companies.len / 2, AMW_LIMIT_ARTICLE_COMPANIES, error) ||
      !amw_limits_check_count (_("Connections"), a->connections.len / 2, AMW_LIMIT_CONNECTIONS, error))
    return FALSE;
  for (guint i = 0; i + 1 < a->areas.len; i += 2)
    if (!amw_limits_check_area (a->areas.items[i], a->areas.items[i + 1], error))
      return FALSE;
  return TRUE;
}

static gboolean
check_investors (const char  *label,
                 const char  *json,
                 GError     **error)
{
  g_autoptr(GPtrArray) names = amw_json_read_strings (json);

  return check_strings (label, _("Investor"), (const char * const *) names->pdata, names->len,
                        AMW_LIMIT_INVESTORS, AMW_LIMIT_NAME_CHARS, error);
}

static gboolean
check_company (const AmwExportCompany  *c,
               GError                 **error)
{
  if (!amw_limits_check_text (_("Name"), c->name, AMW_LIMIT_NAME_CHARS, TRUE, error) ||
      !check_strings (_("Aliases"), _("Alias"), c->aliases.items, c->aliases.len, AMW_LIMIT_ALIASES,
                      AMW_LIMIT_NAME_CHARS, error) ||
      !amw_limits_check_url (_("Website"), c->website, error) ||
      !amw_limits_check_text (_("City"), c->hq_city, AMW_LIMIT_NAME_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("Country"), c->hq_country, AMW_LIMIT_COUNTRY_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("Ticker"), c->ticker, AMW_LIMIT_TICKER_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("Sector"), c->sector, AMW_LIMIT_NAME_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("Employees"), c->employees, AMW_LIMIT_EMPLOYEES_CHARS, FALSE, error) ||
      !amw_limits_check_text (_("Description"), c->description, AMW_LIMIT_LONG_TEXT_CHARS, FALSE, error) ||
      !amw_limits_check_count (_("Funding rounds"), c->n_rounds, AMW_LIMIT_ROUNDS, error))
    return FALSE;
  if (c->founded != 0 && (c->founded < AMW_LIMIT_FOUNDED_MIN || c->founded > AMW_LIMIT_FOUNDED_MAX))
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, _("Founded: must be a year between 1800 and 2100"));
      return FALSE;
    }
  for (guint i = 0; i < c->n_rounds; i++)
    {
      const AmwExportRound *round = &c->rounds[i];

      if ((round->has_amount && !amw_limits_check_money (_("Amount"), round->amount_minor, error)) ||
          (round->has_amount_usd && !amw_limits_check_money (_("Amount in US dollars"), round->amount_usd_minor, error)) ||
          (round->has_post_money && !amw_limits_check_money (_("Post-money valuation"), round->post_money_minor, error)) ||
          !check_investors (_("Lead investors"), round->lead_investors, error) ||
          !check_investors (_("Participants"), round->participants, error))
        {
          g_autofree char *shown = amw_message_escape (round->id, -1, AMW_MESSAGE_QUOTE_CHARS);

          /* TRANSLATORS: %s is the id of a funding round */
          g_prefix_error (error, _("funding round “%s”: "), shown);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_event (const AmwExportEvent  *e,
             GError               **error)
{
  return amw_limits_check_text (_("Title"), e->title, AMW_LIMIT_TITLE_CHARS, TRUE, error) &&
         amw_limits_check_count (_("Companies"), e->companies.len, AMW_LIMIT_EVENT_COMPANIES, error);
}

typedef enum { RECORD_ARTICLE, RECORD_COMPANY, RECORD_EVENT } RecordKind;

/* "article “x” is past the limits of the format: Tags: at most 200 (this list has 250)",
 * after "Export to FILE failed: " (finish_error). */
static gboolean
refuse_record (RecordKind   kind,
               const char  *id,
               GError     **error)
{
  g_autofree char *shown = amw_message_escape (id, -1, AMW_MESSAGE_QUOTE_CHARS);

  /* TRANSLATORS: %s is a record's id; a problem such as "Tags: at most 200 (…)" follows */
  if (kind == RECORD_ARTICLE)
    g_prefix_error (error, _("article “%s” is past the limits of the format: "), shown);
  else if (kind == RECORD_COMPANY)
    g_prefix_error (error, _("company “%s” is past the limits of the format: "), shown);
  else
    g_prefix_error (error, _("event “%s” is past the limits of the format: "), shown);
  return FALSE;
}

static gboolean
write_articles (ExportState  *state,
                GError      **error)
{
  const AmwExportArticle *article;

  while (amw_export_reader_next_article (state->reader, &article, error))
    {
      if (article == NULL)
        return TRUE;
      if (state->partial)
        {
          for (guint i = 0; i + 1 < article->companies.len; i += 2)
            g_hash_table_add (state->company_ids, g_strdup (article->companies.items[i]));
          for (guint i = 0; i + 1 < article->connections.len; i += 2)
            if (strcmp (article->connections.items[i], "event") == 0)
              g_hash_table_add (state->event_ids, g_strdup (article->connections.items[i + 1]));
        }
      if (!check_article (article, error))
        return refuse_record (RECORD_ARTICLE, article->id, error);
      if (!begin_record (state, error))
        return FALSE;
      write_article (&state->writer, article);
      state->done++;
      if (state->progress != NULL)
        state->progress (state->done, state->total, state->user_data);
    }
  return FALSE;
}

/* Events' companies must travel with them, so that the file imports on its own. */
static gboolean
add_event_companies (ExportState         *state,
                     const char * const  *event_ids,
                     GError             **error)
{
  const AmwExportEvent *event;

  if (!amw_export_reader_start_events (state->reader, event_ids, error))
    return FALSE;
  while (amw_export_reader_next_event (state->reader, &event, error))
    {
      if (event == NULL)
        return TRUE;
      for (guint i = 0; i < event->companies.len; i++)
        g_hash_table_add (state->company_ids, g_strdup (event->companies.items[i]));
    }
  return FALSE;
}

static gboolean
write_companies (ExportState         *state,
                 const char * const  *ids,
                 GError             **error)
{
  const AmwExportCompany *company;

  if (!amw_export_reader_start_companies (state->reader, ids, error))
    return FALSE;
  while (amw_export_reader_next_company (state->reader, &company, error))
    {
      if (company == NULL)
        return TRUE;
      if (!check_company (company, error))
        return refuse_record (RECORD_COMPANY, company->id, error);
      if (!begin_record (state, error))
        return FALSE;
      write_company (&state->writer, company);
    }
  return FALSE;
}

static gboolean
write_events (ExportState         *state,
              const char * const  *ids,
              GError             **error)
{
  const AmwExportEvent *event;

  if (!amw_export_reader_start_events (state->reader, ids, error))
    return FALSE;
  while (amw_export_reader_next_event (state->reader, &event, error))
    {
      if (event == NULL)
        return TRUE;
      if (!check_event (event, error))
        return refuse_record (RECORD_EVENT, event->id, error);
      if (!begin_record (state, error))
        return FALSE;
      write_event (&state->writer, event);
    }
  return FALSE;
}

/* The selected ids, sorted, each once, NULL-terminated; strings borrowed from @ids. */
static GPtrArray *
unique_ids (const char * const *ids)
{
  GPtrArray *sorted = g_ptr_array_new ();
  guint kept = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) ids[i]);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    if (kept == 0 || strcmp (g_ptr_array_index (sorted, i), g_ptr_array_index (sorted, kept - 1)) != 0)
      sorted->pdata[kept++] = sorted->pdata[i];
  g_ptr_array_set_size (sorted, kept);
  g_ptr_array_add (sorted, NULL);
  return sorted;
}

static gboolean
export_document (ExportState               *state,
                 AmwStore                  *store,
                 const AmwExportSelection  *selection,
                 GError                   **error)
{
  g_autoptr(AmwQuery) query = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) company_ids = NULL;
  g_autoptr(GPtrArray) event_ids = NULL;

  switch (selection->kind)
    {
    case AMW_SELECTION_ALL:
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
      ids = unique_ids (selection->ids);
      break;
    }

  /* Counted inside the reader's transaction: the same state as the records. */
  if (ids != NULL)
    state->total = ids->len - 1;
  else
    state->total = MAX (0, amw_store_count_articles (store, query, NULL));

  write_header (state, store, selection);
  if (!amw_export_reader_start_articles (state->reader, query,
                                         ids ? (const char * const *) ids->pdata : NULL, error) ||
      !write_articles (state, error))
    return FALSE;

  if (state->partial)
    {
      event_ids = sorted_keys (state->event_ids);
      if (!add_event_companies (state, (const char * const *) event_ids->pdata, error))
        return FALSE;
      company_ids = sorted_keys (state->company_ids);
    }

  close_array (state, "companies");
  if (!write_companies (state, company_ids ? (const char * const *) company_ids->pdata : NULL, error))
    return FALSE;
  close_array (state, "timeline");
  if (!write_events (state, event_ids ? (const char * const *) event_ids->pdata : NULL, error))
    return FALSE;
  close_array (state, NULL);
  writer_flush (&state->writer);
  if (state->writer.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->writer.error));
      return FALSE;
    }
  return TRUE;
}

/* amw_export_to_stream (), and the file descriptor of @stream's file to sync, or -1. */
static gboolean
export_to_stream (AmwStore                  *store,
                  const AmwExportSelection  *selection,
                  GOutputStream             *stream,
                  int                        sync_fd,
                  AmwProgressFunc            progress,
                  gpointer                   user_data,
                  GCancellable              *cancellable,
                  GError                   **error)
{
  g_autoptr(GHashTable) company_set = NULL;
  g_autoptr(GHashTable) event_set = NULL;
  g_autofree char *buffer = NULL;
  ExportState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  state.reader = amw_export_reader_new (store, error);
  if (state.reader == NULL)
    return FALSE;
  company_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  event_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  buffer = g_malloc (BUFFER_SIZE);
  state.writer.stream = stream;
  state.writer.cancellable = cancellable;
  state.writer.buffer = buffer;
  state.writer.sync_fd = sync_fd;
  state.first = TRUE;
  state.partial = selection->kind != AMW_SELECTION_ALL;
  state.company_ids = company_set;
  state.event_ids = event_set;
  state.progress = progress;
  state.user_data = user_data;

  ok = export_document (&state, store, selection, error);
  g_clear_error (&state.writer.error);
  amw_export_reader_free (state.reader);
  return ok;
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
  return export_to_stream (store, selection, stream, -1, progress, user_data, cancellable, error);
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

/* ---- the target ---- */

static gboolean
is_no_space_errno (int error_number)
{
  return error_number == ENOSPC || error_number == EDQUOT;
}

/* One line naming the file, for a write that failed with @error_number. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 int          error_number)
{
  g_autofree char *shown = amw_message_escape (path, -1, 0);

  if (is_no_space_errno (error_number))
    g_set_error (error, AMW_ERROR, AMW_ERROR_FULL, _("Could not write %s: the disk is full"), shown);
  else
    g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not write %s: %s"), shown,
                 g_strerror (error_number));
}

/* A failed export's error, naming the file once: a full disk as such, a message that
 * names the file already as it is, anything else (a read of the database) after "Export
 * to … failed". */
static void
finish_error (GError     **error,
              const char  *path)
{
  g_autofree char *shown = amw_message_escape (path, -1, 0);

  if (error == NULL || *error == NULL)
    return;
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    {
      g_clear_error (error);
      set_write_error (error, path, ENOSPC);
    }
  else if (!g_error_matches (*error, AMW_ERROR, AMW_ERROR_FULL) &&
           strstr ((*error)->message, shown) == NULL)
    g_prefix_error (error, _("Export to %s failed: "), shown);
}

/* The file that @path's symbolic links lead to (@path itself when it is none); it may not
 * exist. *@through_proc tells that a link lives in /proc, as /dev/stdout's
 * /proc/self/fd/1 does: its text ("pipe:[…]", or the name of a file that a shell opened
 * with >>) is no name to write a new file under. */
static char *
follow_links (const char *path,
              gboolean   *through_proc)
{
  g_autofree char *current = g_strdup (path);

  *through_proc = FALSE;
  /* As many links as the kernel follows (MAXSYMLINKS); past that, open () says ELOOP. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *dir = g_path_get_dirname (current);
      g_autofree char *link = NULL;
      struct stat st;
      struct statfs fs;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      if (statfs (dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC)
        *through_proc = TRUE;
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        break;
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link)
                                          : g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&current);
}

/* Whether @name in the folder @dir_st is @path, which need not exist either. */
static gboolean
same_name (const struct stat *dir_st,
           const char        *name,
           const char        *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = NULL;
  struct stat st;

  if (strcmp (base, name) != 0)
    return FALSE;
  dir = g_path_get_dirname (path);
  return stat (dir, &st) == 0 && st.st_dev == dir_st->st_dev && st.st_ino == dir_st->st_ino;
}

/* Refuses a target that is the store's database, or its -wal, -shm or -journal: an export
 * there would put JSON in place of the database. The target is @target_st when it exists
 * (the file reached, whatever its name: a hard link, a symbolic link, "./D"), else the
 * name @target (its links followed) of a file that does not exist yet. */
static gboolean
check_not_database (AmwStore           *store,
                    const char         *shown,
                    const struct stat  *target_st,
                    const char         *target,
                    GError            **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *db = amw_store_get_path (store);
  g_autofree char *db_followed = NULL;
  g_autofree char *target_dir = NULL;
  g_autofree char *target_name = NULL;
  struct stat target_dir_st;
  gboolean dir_known = FALSE;
  gboolean unused;

  if (db == NULL || strcmp (db, ":memory:") == 0)
    return TRUE;
  if (target_st == NULL && target != NULL)
    {
      target_dir = g_path_get_dirname (target);
      target_name = g_path_get_basename (target);
      dir_known = stat (target_dir, &target_dir_st) == 0;
    }
  /* SQLite names the -wal and -shm after the file the database's links lead to. */
  db_followed = follow_links (db, &unused);
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (d == 0 ? db : db_followed, suffixes[i], NULL);
        struct stat st;
        gboolean same;

        if (target_st != NULL)
          same = stat (file, &st) == 0 && st.st_dev == target_st->st_dev &&
                 st.st_ino == target_st->st_ino;
        else
          same = dir_known && same_name (&target_dir_st, target_name, file);
        if (same)
          {
            g_autofree char *shown_target = amw_message_escape (shown, -1, 0);
            g_autofree char *shown_db = amw_message_escape (db, -1, 0);

            g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                         _("Could not export to %s: it is the open database %s, which the "
                           "export would replace"), shown_target, shown_db);
            return FALSE;
          }
      }
  return TRUE;
}

/* Writes to @fd as it goes: no temporary file, nothing renamed. */
static gboolean
export_straight (AmwStore                  *store,
                 const AmwExportSelection  *selection,
                 int                        fd,
                 const char                *shown,
                 guint64                   *n_articles,
                 AmwProgressFunc            progress,
                 gpointer                   user_data,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  /* Unbuffered: amw_export_to_stream () writes in 64 KiB pieces. */
  g_autoptr(GOutputStream) raw = g_unix_output_stream_new (fd, FALSE);
  ExportCounter counter = { progress, user_data, n_articles };
  struct stat st;
  gboolean regular = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  gboolean ok;

  ok = export_to_stream (store, selection, raw, regular ? fd : -1, count_progress_cb, &counter,
                         cancellable, error);
  /* A pipe or a terminal has nothing to sync (fsync () fails there with EINVAL). */
  if (ok && regular && fsync (fd) != 0)
    {
      int saved_errno = errno;

      ok = FALSE;
      set_write_error (error, shown, saved_errno);
    }
  if (!ok)
    finish_error (error, shown);
  return ok;
}

gboolean
amw_export_to_fd (AmwStore                  *store,
                  const AmwExportSelection  *selection,
                  int                        fd,
                  const char                *name,
                  guint64                   *n_articles,
                  AmwProgressFunc            progress,
                  gpointer                   user_data,
                  GCancellable              *cancellable,
                  GError                   **error)
{
  guint64 count = 0;
  struct stat st;

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      set_write_error (error, name, saved_errno);
      return FALSE;
    }
  if (!check_not_database (store, name, &st, NULL, error) ||
      !export_straight (store, selection, fd, name, &count, progress, user_data, cancellable, error))
    return FALSE;
  if (n_articles != NULL)
    *n_articles = count;
  return TRUE;
}

/* An existing target's permissions, and its owner where we may set it (as root), go to the
 * file that replaces it, as with cp; a new file is 0644 less the umask. Set-id bits are not
 * carried over: JSON is no program. Neither failure stops the export: the file is ours. */
static void
keep_mode_and_owner (int                fd,
                     const char        *shown,
                     const struct stat *target_st)
{
  /* Only root may give a file away: anyone else gets EPERM, which is expected. */
  if ((target_st->st_uid != geteuid () || target_st->st_gid != getegid ()) &&
      fchown (fd, target_st->st_uid, target_st->st_gid) != 0 && errno != EPERM)
    g_debug ("Could not keep the owner of %s: %s", shown, g_strerror (errno));
  if (fchmod (fd, target_st->st_mode & 0777) != 0)
    g_debug ("Could not keep the permissions of %s: %s", shown, g_strerror (errno));
}

/* The crash-safe replacement of a regular file (or a new one): written to a temporary
 * file in @target's folder, synced, then renamed over @target. */
static gboolean
export_replacing (AmwStore                  *store,
                  const AmwExportSelection  *selection,
                  const char                *target,
                  const struct stat         *target_st,
                  const char                *shown,
                  guint64                   *n_articles,
                  AmwProgressFunc            progress,
                  gpointer                   user_data,
                  GCancellable              *cancellable,
                  GError                   **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *template = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  g_autoptr(GOutputStream) raw = NULL;
  ExportCounter counter = { progress, user_data, n_articles };
  gboolean anonymous = FALSE;
  gboolean ok;
  int fd = -1;

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

      /* The target, not its folder, is what the editor named ("nofolder/x.json: No
       * such file or directory"). */
      set_write_error (error, shown, saved_errno);
      return FALSE;
    }
  if (target_st != NULL)
    keep_mode_and_owner (fd, shown, target_st);
  /* Unbuffered: amw_export_to_stream () writes in 64 KiB pieces. */
  raw = g_unix_output_stream_new (fd, TRUE);

  ok = export_to_stream (store, selection, raw, fd, count_progress_cb, &counter,
                         cancellable, error);
  if (ok && fsync (fd) != 0)
    {
      int saved_errno = errno;

      ok = FALSE;
      set_write_error (error, shown, saved_errno);
    }
  if (ok && anonymous && !name_anonymous_file (fd, template))
    {
      int saved_errno = errno;

      ok = FALSE;
      set_write_error (error, shown, saved_errno);
    }
  ok = g_output_stream_close (raw, NULL, ok ? error : NULL) && ok;
  if (ok && g_rename (template, target) != 0)
    {
      int saved_errno = errno;

      ok = FALSE;
      g_autofree char *shown_target = amw_message_escape (shown, -1, 0);

      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not replace %s: %s"), shown_target,
                   g_strerror (saved_errno));
    }
  if (!ok)
    {
      /* An unnamed file vanishes on its own, unless it was named just before failing. */
      if (!anonymous || g_file_test (template, G_FILE_TEST_EXISTS))
        g_unlink (template);
      finish_error (error, shown);
    }
  return ok;
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
  g_autofree char *target = NULL;
  gboolean through_proc = FALSE;
  gboolean exists;
  guint64 count = 0;
  struct stat st;
  gboolean ok;

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Like cp: through symbolic links to the file they lead to, which is replaced while
   * the links stay. */
  target = follow_links (path, &through_proc);
  exists = stat (path, &st) == 0;
  /* A missing file (or a link to one) is created; a loop of links, a folder we may not
   * enter, are errors. */
  if (!exists && errno != ENOENT)
    {
      int saved_errno = errno;

      set_write_error (error, path, saved_errno);
      return FALSE;
    }
  if (!check_not_database (store, path, exists ? &st : NULL, target, error))
    return FALSE;

  if (exists && S_ISDIR (st.st_mode))
    {
      set_write_error (error, path, EISDIR);
      return FALSE;
    }
  if (exists && (S_ISBLK (st.st_mode) || S_ISSOCK (st.st_mode)))
    {
      g_autofree char *shown = amw_message_escape (path, -1, 0);

      g_set_error (error, AMW_ERROR, AMW_ERROR_IO,
                   _("Could not write %s: it is a device or a socket, not a file"), shown);
      return FALSE;
    }
  if (exists && (!S_ISREG (st.st_mode) || through_proc))
    {
      /* A terminal, a pipe, /dev/null: written as they are (a new file in their place
       * would break them). A file reached through /proc (/dev/stdout redirected to a file)
       * is appended to: the shell emptied it for >, and kept it for >>. */
      int flags = O_WRONLY | O_CLOEXEC | O_NOCTTY | (S_ISREG (st.st_mode) ? O_APPEND : 0);
      int fd = open (path, flags);

      if (fd < 0)
        {
          int saved_errno = errno;

          set_write_error (error, path, saved_errno);
          return FALSE;
        }
      ok = export_straight (store, selection, fd, path, &count, progress, user_data,
                            cancellable, error);
      if (close (fd) != 0 && ok)
        {
          int saved_errno = errno;

          ok = FALSE;
          set_write_error (error, path, saved_errno);
        }
    }
  else
    ok = export_replacing (store, selection, target, exists ? &st : NULL, path, &count,
                           progress, user_data, cancellable, error);
  if (!ok)
    return FALSE;
  if (n_articles != NULL)
    *n_articles = count;
  return TRUE;
}
