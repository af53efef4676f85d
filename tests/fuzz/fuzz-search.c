/* fuzz-search.c — libFuzzer harness for the search box: amw_search_text_to_fts.
 *
 * Whatever an editor types, the FTS5 expression built from it must be accepted by
 * SQLite: the count (and a relevance-sorted first page) over a store holding the sample
 * never fails. Also: invalid UTF-8 gives NULL, a result is valid UTF-8, and the query
 * object uses the same expression.
 *
 * Built by tools/fuzz.sh against a clang/ASan/UBSan build of libamw-core.a. */
#include "amw-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amw-import.h"
#include "amw-query.h"
#include "amw-store.h"

static AmwStore *store;

static void
die (const char *what,
     const char *text,
     const char *fts,
     GError     *error)
{
  fprintf (stderr, "fuzz-search: %s\n  text: %s\n  fts: %s\n  error: %s\n", what,
           text ? text : "(null)", fts ? fts : "(null)", error ? error->message : "(none)");
  abort ();
}

/* A critical or a warning (a failed g_return_if_fail in GLib or json-glib, say) is a bug:
 * abort, which libFuzzer reports with the input (GLib's own fatal path traps instead,
 * which libFuzzer does not catch). */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  GError *error = NULL;

  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  store = amw_store_open (":memory:", &error);
  if (store == NULL || !amw_import_file (store, AMW_SOURCE_SAMPLE, NULL, &error))
    die ("cannot set up the sample store", NULL, NULL, error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Typed text holds no NUL: the input up to the first one. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *fts = amw_search_text_to_fts (text);
  g_autoptr(AmwQuery) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  if (!g_utf8_validate (text, -1, NULL))
    {
      if (fts != NULL)
        die ("invalid UTF-8 gave an expression", NULL, fts, NULL);
      return 0;
    }
  if (fts != NULL && (!g_utf8_validate (fts, -1, NULL) || fts[0] == '\0'))
    die ("the expression is empty or not UTF-8", text, fts, NULL);

  query = amw_query_new ();
  amw_query_set_search (query, text);
  if (g_strcmp0 (amw_query_get_fts (query), fts) != 0)
    die ("the query holds another expression", text, amw_query_get_fts (query), NULL);

  count = amw_store_count_articles (store, query, &error);
  if (error != NULL || count < 0)
    die ("counting failed", text, fts, error);

  amw_query_set_sort (query, AMW_SORT_RELEVANCE, FALSE);
  page = amw_store_fetch_articles (store, query, 0, 5, &error);
  if (error != NULL || page == NULL)
    die ("fetching a page failed", text, fts, error);
  if (page->len > (guint) MIN (count, 5))
    die ("the page holds more than the count", text, fts, NULL);
  return 0;
}
