/* amw-cli.c — `amw --import FILE`, `amw --export FILE [filters]`, `amw --version`.
 * Runs in handle-local-options: no display, no D-Bus, one line on stderr on failure. */
#include "amw-config.h"
#include "amw-cli.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "amw-export.h"
#include "amw-import.h"
#include "amw-store.h"

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import a JSON file and exit"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Export articles as JSON to FILE and exit"), N_("FILE") },
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

static int
fail (const char *message)
{
  g_printerr ("amw: %s\n", message);
  return 1;
}

static AmwStore *
open_store (GVariantDict  *options,
            GError       **error)
{
  g_autofree char *path = NULL;

  if (!g_variant_dict_lookup (options, "db", "^ay", &path))
    path = amw_store_default_path ();
  return amw_store_open (path, error);
}

static int
run_import (GVariantDict *options,
            const char   *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = open_store (options, &error);
  g_autoptr(AmwImportReport) report = NULL;

  /* A file too large to check at opening is checked by the window in the background;
   * an import writes at once, so it checks first and writes nothing into a damaged file. */
  if (store == NULL ||
      (amw_store_needs_verify (store) && !amw_store_verify (store, NULL, &error)) ||
      !amw_import_file (store, file, &report, &error))
    return fail (error->message);
  g_print (_("Imported %s: %u new and %u updated articles, %u new and %u updated companies, "
             "%u new and %u updated events\n"),
           file, report->n_articles_new, report->n_articles_updated,
           report->n_companies_new, report->n_companies_updated,
           report->n_events_new, report->n_events_updated);
  return 0;
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
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) companies = NULL;
  AmwExportSelection selection = { AMW_SELECTION_ALL, NULL, NULL };
  gboolean published = FALSE;
  guint64 n = 0;

  g_variant_dict_lookup (options, "published", "b", &published);
  g_variant_dict_lookup (options, "search", "s", &search);
  g_variant_dict_lookup (options, "since", "s", &since);
  g_variant_dict_lookup (options, "tag", "^as", &tags);
  g_variant_dict_lookup (options, "company", "^as", &companies);

  if (since != NULL && !amw_is_valid_date (since))
    return fail (_("--since: expected a date written YYYY-MM-DD"));

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

  store = open_store (options, &error);
  if (store == NULL ||
      !amw_export_to_file (store, &selection, file, &n, NULL, NULL, NULL, &error))
    return fail (error->message);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %" PRIu64 " article to %s\n",
                        "Exported %" PRIu64 " articles to %s\n", n), (uint64_t) n, file);
  return 0;
}

int
amw_cli_run (GVariantDict *options)
{
  g_autofree char *import_file = NULL;
  g_autofree char *export_file = NULL;
  gboolean version = FALSE;
  static const char * const export_only[] = { "published", "search", "tag", "company", "since", NULL };

  g_variant_dict_lookup (options, "version", "b", &version);
  if (version)
    {
      g_print ("amw %s\n", AMW_VERSION);
      return 0;
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
  if (import_file != NULL && export_file != NULL)
    {
      int status = run_import (options, import_file);
      return status != 0 ? status : run_export (options, export_file);
    }
  if (import_file != NULL)
    return run_import (options, import_file);
  if (export_file != NULL)
    return run_export (options, export_file);
  return -1;
}
