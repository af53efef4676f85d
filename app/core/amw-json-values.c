/* amw-json-values.c — list values as compact JSON text */
#include "amw-json-values.h"

#include <json-glib/json-glib.h>

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

char *
amw_json_from_strings (GPtrArray *strings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
  return builder_to_string (builder);
}

char *
amw_json_from_strv (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  return builder_to_string (builder);
}

char *
amw_json_from_pairs (GPtrArray *pairs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; pairs != NULL && i < pairs->len; i++)
    {
      AmwPair *pair = g_ptr_array_index (pairs, i);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, pair->first);
      json_builder_add_string_value (builder, pair->second);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  return builder_to_string (builder);
}

static JsonArray *
parse_array (JsonParser  *parser,
             const char  *json,
             const char  *field,
             GError     **error)
{
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s: expected a JSON array", field);
      return NULL;
    }
  return json_node_get_array (root);
}

GPtrArray *
amw_json_to_strings (const char  *json,
                     const char  *field,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = parse_array (parser, json, field, error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s[%u]: expected a string", field, i);
          return NULL;
        }
      g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  return g_steal_pointer (&strings);
}

/* The strings of ["a","b"] (compact, as json-glib writes it) when none needs decoding:
 * valid UTF-8 without escapes or control characters, which any JSON parser returns as it
 * is. NULL for anything else, left to the parser. */
static GPtrArray *
split_plain_strings (const char *json)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const char *p = json;

  if (*p++ != '[')
    return NULL;
  if (*p == ']')
    return p[1] == '\0' ? g_steal_pointer (&strings) : NULL;
  for (;;)
    {
      const char *start;

      if (*p++ != '"')
        return NULL;
      start = p;
      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
        p++;
      if (*p != '"' || !g_utf8_validate (start, p - start, NULL))
        return NULL;
      g_ptr_array_add (strings, g_strndup (start, p - start));
      p++;
      if (*p == ']')
        return p[1] == '\0' ? g_steal_pointer (&strings) : NULL;
      if (*p++ != ',')
        return NULL;
    }
}

GPtrArray *
amw_json_read_strings (const char *json)
{
  GPtrArray *strings = NULL;

  if (json != NULL && (strings = split_plain_strings (json)) == NULL)
    strings = amw_json_to_strings (json, "strings", NULL);
  return strings != NULL ? strings : g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
amw_json_to_pairs (const char  *json,
                   const char  *field,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  JsonArray *array = parse_array (parser, json, field, error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (pair = json_node_get_array (node)) != 2 ||
          json_array_get_string_element (pair, 0) == NULL ||
          json_array_get_string_element (pair, 1) == NULL)
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s[%u]: expected a pair of strings", field, i);
          return NULL;
        }
      g_ptr_array_add (pairs, amw_pair_new (json_array_get_string_element (pair, 0),
                                            json_array_get_string_element (pair, 1)));
    }
  return g_steal_pointer (&pairs);
}

static void
add_nullable_int (JsonBuilder *builder,
                  const char  *key,
                  gboolean     present,
                  gint64       value)
{
  json_builder_set_member_name (builder, key);
  if (present)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_nullable_string (JsonBuilder *builder,
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

char *
amw_json_from_rounds (GPtrArray *rounds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; rounds != NULL && i < rounds->len; i++)
    {
      AmwFundingRound *round = g_ptr_array_index (rounds, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "id", round->id);
      add_nullable_string (builder, "announced", round->announced);
      add_nullable_string (builder, "type", round->type);
      add_nullable_int (builder, "amount_minor", round->has_amount, round->amount_minor);
      add_nullable_string (builder, "currency", round->has_amount ? round->currency : NULL);
      add_nullable_int (builder, "amount_usd_minor", round->has_amount_usd, round->amount_usd_minor);
      add_nullable_int (builder, "post_money_minor", round->has_post_money, round->post_money_minor);
      add_nullable_string (builder, "post_money_currency", round->has_post_money ? round->post_money_currency : NULL);
      add_strings (builder, "lead_investors", round->lead_investors);
      add_strings (builder, "participants", round->participants);
      add_nullable_string (builder, "source_article", round->source_article);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return builder_to_string (builder);
}

static const char *
member_string (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *key,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static GPtrArray *
member_strings (JsonObject *object,
                const char *key)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = json_object_has_member (object, key) &&
                     JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, key))
                     ? json_object_get_array_member (object, key) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      if (s != NULL && *s != '\0')
        g_ptr_array_add (strings, g_strdup (s));
    }
  return strings;
}

GPtrArray *
amw_json_to_rounds (const char  *json,
                    const char  *company_id,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_funding_round_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = parse_array (parser, json, "funding_rounds", error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(AmwFundingRound) round = amw_funding_round_new ();
      JsonObject *object;
      const char *problem = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "funding_rounds[%u]: expected an object", i);
          return NULL;
        }
      object = json_node_get_object (node);
      round->id = g_strdup (member_string (object, "id"));
      round->company_id = g_strdup (company_id);
      round->announced = g_strdup (member_string (object, "announced"));
      round->type = g_strdup (member_string (object, "type"));
      round->has_amount = member_int (object, "amount_minor", &round->amount_minor);
      round->currency = g_strdup (member_string (object, "currency"));
      round->has_amount_usd = member_int (object, "amount_usd_minor", &round->amount_usd_minor);
      round->has_post_money = member_int (object, "post_money_minor", &round->post_money_minor);
      round->post_money_currency = g_strdup (member_string (object, "post_money_currency"));
      g_ptr_array_unref (round->lead_investors);
      round->lead_investors = member_strings (object, "lead_investors");
      g_ptr_array_unref (round->participants);
      round->participants = member_strings (object, "participants");
      round->source_article = g_strdup (member_string (object, "source_article"));

      if (!amw_is_valid_slug (round->id))
        problem = "id: must be a slug: lowercase letters, digits and dashes";
      else if (g_hash_table_contains (ids, round->id))
        problem = "id: appears twice";
      else if (!amw_is_valid_date (round->announced))
        problem = "announced: must be a real date written YYYY-MM-DD";
      else if (!amw_is_valid_round_type (round->type))
        problem = "type: not a known round type";
      else if (round->has_amount && (round->amount_minor < 0 || !amw_is_valid_currency (round->currency)))
        problem = "amount: needs an amount of 0 or more and an ISO 4217 currency";
      else if (round->has_amount_usd && round->amount_usd_minor < 0)
        problem = "amount_usd_minor: must be 0 or more";
      else if (round->has_post_money && (round->post_money_minor < 0 || !amw_is_valid_currency (round->post_money_currency)))
        problem = "post_money: needs an amount of 0 or more and an ISO 4217 currency";
      else if (round->source_article != NULL && !amw_is_valid_slug (round->source_article))
        problem = "source_article: must be an article id";
      if (problem != NULL)
        {
          g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "funding_rounds[%u].%s", i, problem);
          return NULL;
        }
      g_hash_table_add (ids, round->id);
      g_ptr_array_add (rounds, g_steal_pointer (&round));
    }
  return g_steal_pointer (&rounds);
}
