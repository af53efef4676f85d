/* fuzz-import.c — libFuzzer harness for the import checker (amw_import_plan_load_data).
 *
 * The checker must never crash, leak, hang or write, whatever bytes it is given. A store
 * holding the sample data is opened once, so that references in the input sometimes
 * resolve (to "openai", "microsoft", …) and the "updated" paths run too.
 *
 * Invariants checked on every input (a violation aborts, which libFuzzer reports):
 *   - exactly one of (plan, error) is set; the report is always returned;
 *   - a refusal lists at least one problem and its message names the file ("fuzz.json"),
 *     is valid UTF-8 and one line;
 *   - nothing but the document is accepted (no second value after it);
 *   - an accepted document applies to a fresh store holding the same sample (the checker
 *     accepted nothing the schema refuses), and what is then exported imports again.
 *
 * Built by tools/fuzz.sh against a clang/ASan/UBSan build of libamw-core.a. */
#include "amw-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amw-export.h"
#include "amw-import.h"

#define NAME "fuzz.json"

static AmwStore *checking_store;
static gboolean  apply_accepted = TRUE;
static gboolean  skip_known = FALSE;

/* Bugs already reported and still open (docs/RELIABILITY.md), each with its input kept as
 * tests/fuzz/corpus-import/crash-*: a check they break asks known_bug ("name") first, and
 * the input that shows one is skipped early with `if (known_bug (…) && looks_like (…))`.
 * AMW_FUZZ_SKIP_KNOWN=1 (tools/fuzz.sh sets it while fuzzing) lets a run look past them
 * for new ones; a replay checks them. The import bugs found first were fixed in commit
 * 91adfe2; two are open (below). */
static gboolean
known_bug (const char *id)
{
  return skip_known;
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "fuzz-import: %s: %s\n", what, error ? error->message : "(no error)");
  abort ();
}

static AmwStore *
open_sample_store (void)
{
  GError *error = NULL;
  AmwStore *store = amw_store_open (":memory:", &error);

  if (store == NULL)
    die ("cannot open a :memory: store", error);
  amw_store_set_editor (store, "Fuzzer");
  if (!amw_import_file (store, AMW_SOURCE_SAMPLE, NULL, &error))
    die ("cannot import the sample " AMW_SOURCE_SAMPLE, error);
  return store;
}

/* Where the first JSON value of @data ends (strings and nesting followed, nothing else
 * checked), or @size when it does not end. */
static size_t
first_value_end (const uint8_t *data,
                 size_t         size)
{
  size_t i = 0;
  guint depth = 0;
  gboolean in_scalar = FALSE;

  while (i < size && g_ascii_isspace (data[i]))
    i++;
  for (; i < size; i++)
    {
      if (in_scalar && (g_ascii_isspace (data[i]) || strchr ("{[\"", data[i]) != NULL))
        return i;
      if (data[i] == '"')
        {
          for (i++; i < size && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          if (depth == 0)
            return MIN (i + 1, size);
        }
      else if (data[i] == '{' || data[i] == '[')
        depth++;
      else if (data[i] == '}' || data[i] == ']')
        {
          if (depth > 0 && --depth == 0)
            return i + 1;
        }
      else if (depth == 0)
        in_scalar = TRUE;
    }
  return size;
}

/* json-glib 1.6.6 stops after the first value when an object or array follows it
 * ("{…}{…}"); amw-import.c must refuse such a file itself (fixed in 91adfe2). */
static gboolean
has_trailing_value (const uint8_t *data,
                    size_t         size)
{
  for (size_t i = first_value_end (data, size); i < size; i++)
    if (!g_ascii_isspace (data[i]))
      return TRUE;
  return FALSE;
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

/* Open (docs/RELIABILITY.md): amw-import.c scan_document() marks the document complete
 * after a top-level string, object or array, not after a number, true, false or null, so
 * "0{…}" reaches json-glib, which parses the object after the 0 and leaks it (the import
 * is refused all the same: the document is not an object). Kept as
 * crash-leak-scalar-root-then-object.json. */
static gboolean
starts_with_scalar_then_more (const uint8_t *data,
                              size_t         size)
{
  size_t i = 0;

  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && strchr ("{[\"", data[i]) == NULL && has_trailing_value (data, size);
}

/* Open (docs/RELIABILITY.md): scan_document() steps over a \u escape that lacks four hex
 * digits ("\ud80\"") by five bytes, past the closing quote, and loses track of where
 * strings end; json-glib then meets a malformed surrogate pair and leaks its GString.
 * Kept as crash-leak-short-unicode-escape.json. */
static gboolean
has_short_unicode_escape (const uint8_t *data,
                          size_t         size)
{
  for (size_t i = 0; i + 1 < size; i++)
    if (data[i] == '\\' && data[i + 1] == 'u' &&
        (i + 6 > size || !g_ascii_isxdigit (data[i + 2]) || !g_ascii_isxdigit (data[i + 3]) ||
         !g_ascii_isxdigit (data[i + 4]) || !g_ascii_isxdigit (data[i + 5])))
      return TRUE;
  return FALSE;
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  apply_accepted = g_strcmp0 (g_getenv ("AMW_FUZZ_APPLY"), "0") != 0;
  skip_known = g_strcmp0 (g_getenv ("AMW_FUZZ_SKIP_KNOWN"), "1") == 0;
  checking_store = open_sample_store ();
  return 0;
}

/* An accepted plan must apply on the state it was checked against, and the result must
 * export to a document that is accepted again. */
static void
apply_and_round_trip (const uint8_t *data,
                      size_t         size)
{
  g_autoptr(AmwStore) store = open_sample_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwImportPlan) plan = NULL;
  g_autoptr(AmwImportPlan) again = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };
  gsize length;
  const char *exported;

  plan = amw_import_plan_load_data (store, NAME, (const char *) data, size, NULL, &error);
  if (plan == NULL)
    die ("accepted once, refused on an identical store", error);
  if (!amw_import_plan_apply (store, plan, NULL, NULL, &error))
    die ("an accepted document did not apply", error);
  if (!amw_export_to_stream (store, &all, out, NULL, NULL, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    die ("export after an accepted import failed", error);
  exported = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  again = amw_import_plan_load_data (store, "round-trip.json", exported, length, NULL, &error);
  if (again == NULL)
    die ("the export of an accepted import is refused", error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AmwImportReport *report = NULL;
  GError *error = NULL;
  AmwImportPlan *plan;
  gboolean accepted;

  if (known_bug ("scalar-root-leak") && starts_with_scalar_then_more (data, size))
    return 0;
  if (known_bug ("short-unicode-escape") && has_short_unicode_escape (data, size))
    return 0;

  plan = amw_import_plan_load_data (checking_store, NAME, (const char *) data, size, &report, &error);

  if (report == NULL || report->problems == NULL)
    die ("no report", error);
  if ((plan == NULL) == (error == NULL))
    die ("plan and error disagree", error);
  if (plan == NULL)
    {
      if (report->problems->len == 0)
        die ("refused without a problem in the report", error);
      if (!g_str_has_prefix (error->message, NAME))
        die ("the message does not name the file", error);
      /* json-glib quotes raw bytes of a bad string in its parse errors: amw-import.c must
       * not pass them on (crash-parse-message-not-utf8-lone-surrogate.json). */
      /* `amw --import` prints the reason as one line. */
      if (strchr (error->message, '\n') != NULL && !known_bug ("parse-message-utf8"))
        die ("the message is more than one line", error);
      if (!g_utf8_validate (error->message, -1, NULL) && !known_bug ("parse-message-utf8"))
        {
          g_autofree char *escaped = g_strescape (error->message, NULL);
          fprintf (stderr, "fuzz-import: message: %s\n", escaped);
          die ("the message is not valid UTF-8", NULL);
        }
      for (guint i = 0; i < report->problems->len; i++)
        if (!g_utf8_validate (g_ptr_array_index (report->problems, i), -1, NULL) &&
            !known_bug ("parse-message-utf8"))
          die ("a problem is not valid UTF-8", NULL);
    }
  else if (report->problems->len != 0)
    die ("accepted with problems in the report", NULL);
  else if (has_trailing_value (data, size))
    die ("accepted a file with more after the document (the rest was never checked)", NULL);

  accepted = plan != NULL;
  amw_import_plan_free (plan);
  amw_import_report_free (report);
  g_clear_error (&error);

  if (accepted && apply_accepted)
    apply_and_round_trip (data, size);
  return 0;
}
