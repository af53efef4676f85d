/* test-format-limits.c — the JSON Schema (data/amw-export.schema.json) and the importer
 * agree on every limit of docs/JSON-FORMAT.md: a document at a limit passes both, one
 * past it fails both, the importer naming the field. And a link whose scheme is written
 * in capitals (HTTPS://) imports, exports valid and imports again. */
#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "amw-test-utils.h"

#define N_COMPANIES 201   /* companies and events others can refer to: one more than any list */
#define N_EVENTS    201

/* ---- a document to change ---- */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
make_round (const char *id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%s\", \"announced\": \"2026-03-01\", \"type\": \"seed\","
    " \"amount\": {\"minor\": 100, \"currency\": \"USD\"}, \"amount_usd_minor\": 100,"
    " \"post_money\": {\"minor\": 1000, \"currency\": \"USD\"}, \"lead_investors\": [],"
    " \"participants\": [], \"source_article\": null}", id);

  return parse (json);
}

static JsonNode *
make_company (const char *id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%s\", \"name\": \"Company %s\", \"aliases\": [], \"website\": null,"
    " \"hq\": {\"city\": null, \"country\": null}, \"founded\": null, \"status\": \"active\","
    " \"ticker\": null, \"sector\": null, \"employees\": null, \"description\": \"\","
    " \"last_verified\": null, \"funding_rounds\": [], \"created_at\": \"2026-03-01T09:00:00Z\","
    " \"updated_at\": \"2026-03-01T09:00:00Z\"}", id, id);

  return parse (json);
}

static JsonNode *
make_event (const char *id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%s\", \"date\": \"2026-03-01\", \"precision\": \"day\", \"title\": \"Event %s\","
    " \"kind\": \"other\", \"companies\": [], \"source_article\": null,"
    " \"created_at\": \"2026-03-01T09:00:00Z\", \"updated_at\": \"2026-03-01T09:00:00Z\"}", id, id);

  return parse (json);
}

/* One article, the company "acme" with one round, one event (each first in its list) and
 * companies c-000… and events e-000… to refer to. */
static JsonNode *
make_document (void)
{
  JsonNode *root = parse (
    "{\"format\": \"amw-desk\", \"version\": 1, \"as_of\": null,"
    " \"selection\": {\"kind\": \"all\", \"description\": \"All articles\"},"
    " \"articles\": [{\"id\": \"limits\", \"title\": \"Limits\", \"source\": null, \"url\": null,"
    "   \"published\": \"2026-03-01\", \"status\": \"draft\", \"summary\": \"\", \"amw_read\": \"\","
    "   \"ratings\": {\"novelty\": null, \"significance\": null},"
    "   \"areas\": [{\"area\": \"Area\", \"facet\": \"Facet\"}], \"tags\": [], \"companies\": [],"
    "   \"connections\": [], \"created_at\": \"2026-03-01T09:00:00Z\","
    "   \"updated_at\": \"2026-03-01T09:00:00Z\"}],"
    " \"companies\": [], \"timeline\": []}");
  JsonObject *document = json_node_get_object (root);
  JsonArray *companies = json_object_get_array_member (document, "companies");
  JsonArray *timeline = json_object_get_array_member (document, "timeline");
  JsonNode *acme = make_company ("acme");

  json_array_add_element (json_object_get_array_member (json_node_get_object (acme), "funding_rounds"),
                          make_round ("acme-seed"));
  json_array_add_element (companies, acme);
  json_array_add_element (timeline, make_event ("event"));
  for (guint i = 0; i < N_COMPANIES; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%03u", i);
      json_array_add_element (companies, make_company (id));
    }
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("e-%03u", i);
      json_array_add_element (timeline, make_event (id));
    }
  return root;
}

/* ---- the limits ---- */

typedef enum {
  TEXT,       /* @length characters (é: two bytes each, counted once) */
  SLUG,       /* @length letters */
  URL,        /* a link of @length characters */
  ITEM_TEXT,  /* the list @key holds one text of @length characters */
  LIST,       /* the list @key holds @length items made by @item */
  NUMBER,     /* @key is @length; past it is @past */
} Kind;

typedef struct {
  const char *place;    /* where the importer's message points, without the key */
  const char *key;
  Kind        kind;
  gint64      length;   /* the limit */
  gint64      past;     /* NUMBER: a value just past it */
  JsonNode *(*item) (guint i);
} Limit;

static JsonNode *tag_item (guint i) { g_autofree char *t = g_strdup_printf ("tag %u", i); return json_node_init_string (json_node_alloc (), t); }
static JsonNode *name_item (guint i) { g_autofree char *t = g_strdup_printf ("Name %u", i); return json_node_init_string (json_node_alloc (), t); }
static JsonNode *company_id_item (guint i) { g_autofree char *t = g_strdup_printf ("c-%03u", i); return json_node_init_string (json_node_alloc (), t); }
static JsonNode *round_item (guint i) { g_autofree char *id = g_strdup_printf ("r-%04u", i); return make_round (id); }

static JsonNode *
area_item (guint i)
{
  g_autofree char *json = g_strdup_printf ("{\"area\": \"Area\", \"facet\": \"Facet %u\"}", i);
  return parse (json);
}

static JsonNode *
article_company_item (guint i)
{
  g_autofree char *json = g_strdup_printf ("{\"id\": \"c-%03u\", \"role\": \"mentioned\"}", i);
  return parse (json);
}

static JsonNode *
connection_item (guint i)
{
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"event\", \"id\": \"e-%03u\"}", i);
  return parse (json);
}

#define ROUND "companies[0].funding_rounds[0]"

static const Limit limits[] = {
  { "selection", "description", TEXT, 1000 },
  { "articles[0]", "id", SLUG, 200 },
  { "articles[0]", "title", TEXT, 1000 },
  { "articles[0]", "source", TEXT, 300 },
  { "articles[0]", "url", URL, 2000 },
  { "articles[0]", "summary", TEXT, 200000 },
  { "articles[0]", "amw_read", TEXT, 200000 },
  { "articles[0]", "areas", LIST, 100, 0, area_item },
  { "articles[0].areas[0]", "area", TEXT, 200 },
  { "articles[0].areas[0]", "facet", TEXT, 200 },
  { "articles[0]", "tags", LIST, 200, 0, tag_item },
  { "articles[0]", "tags", ITEM_TEXT, 100 },
  { "articles[0]", "companies", LIST, 200, 0, article_company_item },
  { "articles[0]", "connections", LIST, 200, 0, connection_item },
  { "companies[0]", "name", TEXT, 300 },
  { "companies[0]", "aliases", LIST, 100, 0, name_item },
  { "companies[0]", "aliases", ITEM_TEXT, 300 },
  { "companies[0]", "website", URL, 2000 },
  { "companies[0].hq", "city", TEXT, 300 },
  { "companies[0].hq", "country", TEXT, 60 },
  { "companies[0]", "founded", NUMBER, 2100, 2101 },
  { "companies[0]", "founded", NUMBER, 1800, 1799 },
  { "companies[0]", "ticker", TEXT, 20 },
  { "companies[0]", "sector", TEXT, 300 },
  { "companies[0]", "employees", TEXT, 40 },
  { "companies[0]", "description", TEXT, 200000 },
  { "companies[0]", "funding_rounds", LIST, 1000, 0, round_item },
  { ROUND ".amount", "minor", NUMBER, G_GINT64_CONSTANT (1000000000000000), G_GINT64_CONSTANT (1000000000000001) },
  { ROUND ".post_money", "minor", NUMBER, G_GINT64_CONSTANT (1000000000000000), G_GINT64_CONSTANT (1000000000000001) },
  { ROUND, "amount_usd_minor", NUMBER, G_GINT64_CONSTANT (1000000000000000), G_GINT64_CONSTANT (1000000000000001) },
  { ROUND, "lead_investors", LIST, 200, 0, name_item },
  { ROUND, "lead_investors", ITEM_TEXT, 300 },
  { ROUND, "participants", LIST, 200, 0, name_item },
  { ROUND, "participants", ITEM_TEXT, 300 },
  { "timeline[0]", "title", TEXT, 1000 },
  { "timeline[0]", "companies", LIST, 200, 0, company_id_item },
};

/* The object at @place ("companies[0].hq"), found by walking the document. */
static JsonObject *
object_at (JsonNode   *root,
           const char *place)
{
  g_auto(GStrv) steps = g_strsplit (place, ".", -1);
  JsonObject *object = json_node_get_object (root);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      char *bracket = strchr (steps[i], '[');

      if (bracket == NULL)
        object = json_object_get_object_member (object, steps[i]);
      else
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);

          *bracket = '\0';
          object = json_array_get_object_element (json_object_get_array_member (object, steps[i]), index);
        }
    }
  return object;
}

/* The document with @limit's field at the limit, or one past it. */
static JsonNode *
document_for (const Limit *limit,
              gboolean     past)
{
  JsonNode *root = make_document ();
  JsonObject *object = object_at (root, limit->place);
  gint64 n = limit->length + (past ? 1 : 0);

  switch (limit->kind)
    {
    case TEXT:
      {
        g_autofree char *text = amw_test_repeat ("é", n);
        json_object_set_string_member (object, limit->key, text);
      }
      break;
    case SLUG:
      {
        g_autofree char *text = amw_test_repeat ("a", n);
        json_object_set_string_member (object, limit->key, text);
      }
      break;
    case URL:
      {
        g_autofree char *host = amw_test_repeat ("a", n - strlen ("https://"));
        g_autofree char *text = g_strconcat ("https://", host, NULL);
        json_object_set_string_member (object, limit->key, text);
      }
      break;
    case ITEM_TEXT:
      {
        g_autofree char *text = amw_test_repeat ("é", n);
        JsonArray *array = json_array_new ();

        json_array_add_string_element (array, text);
        json_object_set_array_member (object, limit->key, array);
      }
      break;
    case LIST:
      {
        JsonArray *array = json_array_new ();

        for (gint64 i = 0; i < n; i++)
          json_array_add_element (array, limit->item ((guint) i));
        json_object_set_array_member (object, limit->key, array);
      }
      break;
    case NUMBER:
      json_object_set_int_member (object, limit->key, past ? limit->past : limit->length);
      break;
    }
  return root;
}

static void
write_document (JsonNode   *root,
                const char *path)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

/* Runs tests/validate-export.py on @paths at once; returns the paths it found a problem in,
 * each with its first problem. */
static GHashTable *
schema_problems (GPtrArray *paths)
{
  g_autofree char *script = amw_test_source_path ("tests", "validate-export.py", NULL);
  g_autofree char *schema = amw_test_source_path ("data", "amw-export.schema.json", NULL);
  const char *python = g_getenv ("AMW_PYTHON");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  g_ptr_array_add (argv, (gpointer) (python ? python : "python3"));
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, schema);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, paths->pdata[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    for (guint j = 0; j < paths->len; j++)
      {
        g_autofree char *prefix = g_strconcat (paths->pdata[j], ": ", NULL);

        if (g_str_has_prefix (lines[i], prefix) && !g_hash_table_contains (problems, paths->pdata[j]))
          g_hash_table_insert (problems, g_strdup (paths->pdata[j]), g_strdup (lines[i]));
      }
  return problems;
}

static void
test_limits_agree (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(AmwStore) store = amw_test_open_memory ();

  /* Every document, at and past each limit; the importer checks each (writing nothing). */
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    for (int past = 0; past <= 1; past++)
      {
        const Limit *limit = &limits[i];
        g_autoptr(JsonNode) root = document_for (limit, past);
        g_autofree char *path = g_strdup_printf ("%s/limit-%02u-%s.json", dir, i, past ? "past" : "at");
        g_autoptr(AmwImportPlan) plan = NULL;
        g_autoptr(AmwImportReport) report = NULL;
        g_autoptr(GError) error = NULL;

        write_document (root, path);
        plan = amw_import_plan_load (store, path, &report, &error);
        if (!past)
          {
            if (error != NULL)
              g_error ("%s.%s at its limit %" G_GINT64_FORMAT ": the importer refuses it: %.300s",
                       limit->place, limit->key, limit->length, error->message);
            g_assert_nonnull (plan);
          }
        else
          {
            g_autofree char *where = g_strdup_printf ("%s.%s", limit->place, limit->key);

            g_assert_null (plan);
            g_assert_nonnull (error);
            g_test_message ("%s past its limit: %.300s", where, error->message);
            if (strstr (error->message, where) == NULL)
              g_error ("%s past its limit: the message does not name it: %.300s", where, error->message);
          }
        g_ptr_array_add (paths, g_steal_pointer (&path));
      }

  /* The schema: the same verdicts. */
  problems = schema_problems (paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      const Limit *limit = &limits[i / 2];
      const char *problem = g_hash_table_lookup (problems, path);

      if (i % 2 == 0 && problem != NULL)
        g_error ("%s.%s at its limit: the schema refuses it: %s", limit->place, limit->key, problem);
      if (i % 2 == 1 && problem == NULL)
        g_error ("%s.%s past its limit: the schema accepts it", limit->place, limit->key);
    }
  amw_test_remove_tree (dir);
}

/* A link in capitals (HTTPS://) is a link: it imports, is kept as written, the export
 * validates against the schema and imports again to the same bytes. */
static void
test_https_in_capitals (void)
{
  g_autofree char *dir = amw_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "first.json", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.json", NULL);
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  g_autofree char *output = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(AmwStore) store = amw_test_open_memory ();
  g_autoptr(AmwStore) other = amw_test_open_memory ();
  g_autoptr(AmwArticle) article = NULL;
  g_autoptr(JsonNode) root = make_document ();
  g_autoptr(GError) error = NULL;
  AmwExportSelection all = { AMW_SELECTION_ALL, NULL, NULL };

  json_object_set_string_member (object_at (root, "articles[0]"), "url", "HTTPS://Example.com/Story");
  json_object_set_string_member (object_at (root, "companies[0]"), "website", "Http://EXAMPLE.com");
  write_document (root, first);
  g_assert_true (amw_import_file (store, first, NULL, &error));
  g_assert_no_error (error);
  article = amw_store_get_article (store, "limits", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->url, ==, "HTTPS://Example.com/Story");

  g_assert_true (amw_export_to_file (store, &all, exported, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (!amw_test_validate_export (exported, &output))
    g_error ("the export does not validate: %s", output);
  g_assert_true (amw_import_file (other, exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (amw_export_to_file (other, &all, again, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (exported, &text1, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &text2, NULL, NULL));
  g_assert_cmpstr (text1, ==, text2);
  g_assert_nonnull (strstr (text1, "\"HTTPS://Example.com/Story\""));
  g_assert_nonnull (strstr (text1, "\"Http://EXAMPLE.com\""));
  amw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-limits/schema-and-importer-agree", test_limits_agree);
  g_test_add_func ("/format-limits/https-in-capitals", test_https_in_capitals);
  return g_test_run ();
}
