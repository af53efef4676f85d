/* amw-cli.c — `amw --import FILE [--create]`, `amw --export FILE [filters]`, `amw --version`.
 * Runs in handle-local-options: no display, no D-Bus, one line on stderr on failure. */
#include "amw-config.h"
#include "amw-cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "amw-export.h"
#include "amw-import.h"
#include "amw-message.h"
#include "amw-store.h"

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import a JSON file and exit"), N_("FILE") },
  { "create", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Import: create the database if it does not exist"), NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Export articles as JSON to FILE (- for standard output) and exit"), N_("FILE") },
  { "published", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Export: only published articles"), NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export: only articles matching TEXT"), N_("TEXT") },
  { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, N_("Export: only articles tagged T (repeatable)"), N_("T") },
  { "company", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, N_("Export: only articles about company ID (repeatable)"), N_("ID") },
  { "since", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export: only articles published on or after DATE (YYYY-MM-DD)"), N_("DATE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

const GOptionEntry *
amw_cli_get_option_entries (void)
{
  return option_entries;
}

/* One line on stderr, whatever the paths and values in @message hold: their control
 * characters are shown escaped (amw_message_escape () leaves escaped text as it is). */
static int
fail (const char *message)
{
  g_autofree char *shown = amw_message_escape (message, -1, 0);

  g_printerr ("amw: %s\n", shown);
  return 1;
}

/* A value the editor typed, quoted in a message: escaped and cut. */
static char *
shown_value (const char *value)
{
  return amw_message_escape (value, -1, AMW_MESSAGE_QUOTE_CHARS);
}

static char *
db_path (GVariantDict *options)
{
  char *path = NULL;

  if (!g_variant_dict_lookup (options, "db", "^ay", &path))
    path = amw_store_default_path ();
  return path;
}

/* Only --import --create makes a database: a mistyped --db must not give an empty one
 * (and an export of nothing over the target). */
static AmwStore *
open_store (GVariantDict  *options,
            gboolean       create,
            GError       **error)
{
  g_autofree char *path = db_path (options);

  return create ? amw_store_open (path, error) : amw_store_open_existing (path, error);
}

/* Messages go to stderr when the JSON goes to stdout; @message ends with a newline. */
static void
say (gboolean    to_stderr,
     const char *message)
{
  g_autofree char *shown = amw_message_escape (message, (gssize) strlen (message) - 1, 0);

  if (to_stderr)
    g_printerr ("%s\n", shown);
  else
    g_print ("%s\n", shown);
}

static int
run_import (GVariantDict *options,
            const char   *file,
            gboolean      quiet_stdout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(AmwImportReport) report = NULL;
  g_autofree char *message = NULL;
  gboolean create = FALSE;

  g_variant_dict_lookup (options, "create", "b", &create);
  store = open_store (options, create, &error);
  if (store == NULL && g_error_matches (error, AMW_ERROR, AMW_ERROR_NOT_FOUND))
    {
      g_autofree char *path = db_path (options);
      g_autofree char *hint = g_strdup_printf (_("%s does not exist (add --create to make a new database)"),
                                               path);
      return fail (hint);
    }
  /* A file too large to check at opening is checked by the import's first write
   * (amw_store_begin ()), which refuses a damaged one. */
  if (store == NULL || !amw_import_file (store, file, &report, &error))
    return fail (error->message);
  message = g_strdup_printf (_("Imported %s: %u new and %u updated articles, %u new and %u updated companies, "
                               "%u new and %u updated events\n"),
                             file, report->n_articles_new, report->n_articles_updated,
                             report->n_companies_new, report->n_companies_updated,
                             report->n_events_new, report->n_events_updated);
  say (quiet_stdout, message);
  return 0;
}

/* Whether @file is where standard output goes ("-", /dev/stdout, or the same file). */
static gboolean
is_stdout (const char *file)
{
  struct stat out_st, file_st;

  if (strcmp (file, "-") == 0)
    return TRUE;
  return fstat (STDOUT_FILENO, &out_st) == 0 && stat (file, &file_st) == 0 &&
         out_st.st_dev == file_st.st_dev && out_st.st_ino == file_st.st_ino;
}

/* A filter that names nothing in the database is a mistake (a typo), not a wish for an
 * empty export written over the target. */
static char *
check_filters (AmwStore           *store,
               const char * const *tags,
               const char * const *companies)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!amw_store_has_tag (store, tags[i]))
      {
        g_autofree char *shown = shown_value (tags[i]);

        return g_strdup_printf (_("--tag: there is no tag “%s” in %s"), shown,
                                amw_store_get_path (store));
      }
  for (guint i = 0; companies != NULL && companies[i] != NULL; i++)
    if (!amw_store_has_company (store, companies[i]))
      {
        g_autofree char *shown = shown_value (companies[i]);

        return g_strdup_printf (_("--company: there is no company with the id “%s” in %s"),
                                shown, amw_store_get_path (store));
      }
  return NULL;
}

static int
run_export (GVariantDict *options,
            const char   *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(AmwQuery) query = amw_query_new ();
  g_autofree char *search = NULL;
  g_autofree char *since = NULL;
  g_autofree char *mistake = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) companies = NULL;
  AmwExportSelection selection = { AMW_SELECTION_ALL, NULL, NULL };
  gboolean published = FALSE;
  gboolean to_stdout = is_stdout (file);
  gboolean ok;
  guint64 n = 0;

  g_variant_dict_lookup (options, "published", "b", &published);
  g_variant_dict_lookup (options, "search", "s", &search);
  g_variant_dict_lookup (options, "since", "s", &since);
  g_variant_dict_lookup (options, "tag", "^as", &tags);
  g_variant_dict_lookup (options, "company", "^as", &companies);

  if (since != NULL && !amw_is_valid_date (since))
    return fail (_("--since: expected a date written YYYY-MM-DD"));
  /* The store matches nothing for it; here it is surely a mistake (--search "*"). */
  if (search != NULL)
    {
      g_autofree char *fts = amw_search_text_to_fts (search);

      if (fts == NULL)
        {
          g_autofree char *shown = shown_value (search);
          g_autofree char *text = g_strdup_printf (_("--search: “%s” has no words to search for"),
                                                   shown);
          return fail (text);
        }
    }

  if (published || search || since || tags || companies)
    {
      static const char * const published_only[] = { "published", NULL };

      if (published)
        amw_query_set_statuses (query, published_only);
      amw_query_set_search (query, search);
      amw_query_set_since (query, since);
      amw_query_set_tags (query, (const char * const *) tags);
      amw_query_set_companies (query, (const char * const *) companies);
      selection.kind = (published && !search && !since && !tags && !companies)
                       ? AMW_SELECTION_PUBLISHED : AMW_SELECTION_QUERY;
      selection.query = query;
    }

  store = open_store (options, FALSE, &error);
  /* Damage in a file too large to check at opening would otherwise reach the export as
   * missing or wrong records. */
  if (store == NULL ||
      (amw_store_needs_verify (store) && !amw_store_verify (store, NULL, &error)))
    return fail (error->message);
  mistake = check_filters (store, (const char * const *) tags, (const char * const *) companies);
  if (mistake != NULL)
    return fail (mistake);
  if (strcmp (file, "-") == 0)
    ok = amw_export_to_fd (store, &selection, STDOUT_FILENO, _("standard output"), &n,
                           NULL, NULL, NULL, &error);
  else
    ok = amw_export_to_file (store, &selection, file, &n, NULL, NULL, NULL, &error);
  if (!ok)
    return fail (error->message);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" PRIu64 " article to %s\n",
                                          "Exported %" PRIu64 " articles to %s\n", n),
                             (uint64_t) n, strcmp (file, "-") == 0 ? _("standard output") : file);
  say (to_stdout, message);
  return 0;
}

int
amw_cli_run (GVariantDict *options)
{
  g_autofree char *import_file = NULL;
  g_autofree char *export_file = NULL;
  gboolean version = FALSE;
  static const char * const export_only[] = { "published", "search", "tag", "company", "since", NULL };
  static const char * const path_options[] = { "db", "import", "export", NULL };

  g_variant_dict_lookup (options, "version", "b", &version);
  if (version)
    {
      g_print ("amw %s\n", AMW_VERSION);
      return 0;
    }

  /* An empty name is a slip (an unset shell variable): it would name no file, or the
   * current folder, in every message after. */
  for (guint i = 0; path_options[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (g_variant_dict_lookup (options, path_options[i], "^ay", &value) && value[0] == '\0')
        {
          g_printerr (_("amw: --%s: expected a file name\n"), path_options[i]);
          return 2;
        }
    }

  g_variant_dict_lookup (options, "import", "^ay", &import_file);
  g_variant_dict_lookup (options, "export", "^ay", &export_file);

  if (export_file == NULL)
    for (guint i = 0; export_only[i] != NULL; i++)
      if (g_variant_dict_contains (options, export_only[i]))
        {
          g_printerr ("amw: --%s only applies to --export\n", export_only[i]);
          return 2;
        }
  if (import_file == NULL && g_variant_dict_contains (options, "create"))
    {
      g_printerr ("amw: --create only applies to --import\n");
      return 2;
    }
  if (import_file != NULL && export_file != NULL)
    {
      int status = run_import (options, import_file, is_stdout (export_file));
      return status != 0 ? status : run_export (options, export_file);
    }
  if (import_file != NULL)
    return run_import (options, import_file, FALSE);
  if (export_file != NULL)
    return run_export (options, export_file);
  return -1;
}
