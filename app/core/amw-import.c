/* amw-import.c — check the whole document first, then upsert it in one transaction.
 *
 * Every problem is reported with its place in the document
 * ("articles[3].ratings.novelty: must be 1–5 or null") or, for syntax, in the file
 * ("file.json:12:5: …"). Nothing is written unless the whole document is sound.
 *
 * The document is read by a small JSON reader of its own rather than json-glib: a
 * json-glib tree of a 250 MB export takes 1.4 GB and most of the checking time. The reader
 * keeps the records of "articles", "companies" and "timeline" as compact nodes that point
 * into the file's text, one record at a time: each is checked and turned into its plan
 * record as soon as it is read, and its nodes are reused for the next. Strings are copied
 * (and unescaped) only into the plan. */
#include "amw-config.h"
#include "amw-import.h"
#include "amw-message.h"
#include "amw-store-import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define MAX_PROBLEMS     200
#define MAX_DEPTH        64

/* The largest file an import reads (docs/JSON-FORMAT.md): the reader holds the whole text
 * in memory, and a 250 MB export of 1M articles is far below this. */
#define MAX_FILE_BYTES   ((gsize) 1 << 30)
#define READ_CHUNK       ((gsize) 1 << 20)

/* The limits of each field are those of amw-limits.h (docs/JSON-FORMAT.md): pages show
 * every tag, area, link and round at once, and a list of a million freezes them. */

/* The reader keeps at most this many elements or members of a container inside a record
 * (more than any list may hold) and counts the rest, so that a list of a million tags is
 * refused by its size, naming the field, without a node for each. */
#define MAX_STORED_MEMBERS       1024
/* And at most this many nodes for one record, whatever their nesting. */
#define MAX_RECORD_NODES         (4 * 1024 * 1024)

struct _AmwImportPlan
{
  char            *name;
  char            *shown_name; /* in messages: control characters escaped */
  GPtrArray       *articles;   /* AmwArticle */
  GPtrArray       *companies;  /* AmwCompany */
  GPtrArray       *events;     /* AmwEvent */
};

/* ---- nodes: a JSON value, pointing into the document's text ---- */

typedef enum {
  J_NULL,
  J_FALSE,
  J_TRUE,
  J_INT,
  J_DOUBLE,
  J_STRING,
  J_ARRAY,
  J_OBJECT,
} JKind;

/* Nodes are stored in document order, so a container's first child follows it; each node
 * names its next sibling. An object's children are key, value, key, value… */
typedef struct {
  guint8   kind;
  guint8   escaped;   /* a string with backslash escapes */
  guint8   streamed;  /* an array whose elements were checked as they were read */
  guint8   truncated; /* a container with more than MAX_STORED_MEMBERS: only the first kept */
  guint32  next;      /* the next sibling, 0 for none */
  guint32  size;      /* a string's bytes in the file; a container's elements or members */
  union {
    gint64 integer;
    double number;
    gsize  offset;    /* a string: where its text starts in the document */
  };
} JNode;

/* Where a value is in the document, as a chain built on the stack: formatted
 * ("articles[3].ratings") only when a problem is reported there. */
typedef struct _Place Place;
struct _Place
{
  const Place *parent;
  const char  *key;    /* NULL: an element @index of the parent */
  guint        index;
};

static void
place_append (GString     *text,
              const Place *place)
{
  if (place == NULL)
    return;
  place_append (text, place->parent);
  if (place->key != NULL)
    {
      /* A key may be the document's own (an unknown one): shown escaped and cut. */
      g_autofree char *key = amw_message_escape (place->key, -1, AMW_MESSAGE_QUOTE_CHARS);

      if (text->len > 0)
        g_string_append_c (text, '.');
      g_string_append (text, key);
    }
  else
    g_string_append_printf (text, "[%u]", place->index);
}

static char *
place_format (const Place *place)
{
  GString *text = g_string_new (NULL);

  place_append (text, place);
  return g_string_free (text, FALSE);
}

/* ---- the checker ---- */

/* Problems are listed in this order whatever the order of the document's keys: the
 * document's own keys, then companies, articles and timeline, then references. */
typedef enum {
  SECTION_DOCUMENT,
  SECTION_COMPANIES,
  SECTION_ARTICLES,
  SECTION_TIMELINE,
  SECTION_REFERENCES,
  N_SECTIONS
} Section;

typedef struct {
  GHashTable *articles;   /* id → document index + 1 */
  GHashTable *companies;  /* id → document index + 1 */
  GHashTable *events;     /* id → document index + 1 */
  GHashTable *rounds;     /* id → place (char *) */
} Seen;

typedef struct {
  AmwStore        *store;
  AmwImportReport *report;
  guint            n_problems;
  Section          section;                /* where problem () files */
  GPtrArray       *problems[N_SECTIONS];
  const char      *data;                   /* the document */
  const JNode     *nodes;                  /* the nodes being checked */
  AmwImportPlan   *plan;
  GArray          *article_indexes;        /* guint: document index of each plan record */
  GArray          *company_indexes;
  GArray          *event_indexes;
  Seen             seen;
  GHashTable      *folded;                 /* scratch set for duplicate checks */
} Checker;

void
amw_import_report_free (AmwImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

void
amw_import_plan_free (AmwImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->name);
  g_free (plan->shown_name);
  g_ptr_array_unref (plan->articles);
  g_ptr_array_unref (plan->companies);
  g_ptr_array_unref (plan->events);
  g_free (plan);
}

static void problem (Checker *checker, const Place *place, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Checker     *checker,
         const Place *place,
         const char  *format,
         ...)
{
  GPtrArray *problems = checker->problems[checker->section];
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  g_autofree char *line = NULL;
  va_list args;

  checker->n_problems++;
  if (problems->len >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  where = place_format (place);
  line = g_strdup_printf ("%s: %s", where, message);
  /* Keys and values quoted in a message may be broken text; the report must not be. */
  g_ptr_array_add (problems, g_utf8_make_valid (line, -1));
}

static const JNode *
node_at (Checker *checker,
         guint32  index)
{
  return index == 0 ? NULL : &checker->nodes[index];
}

static const JNode *
first_child (const JNode *node)
{
  return node->size > 0 && !node->streamed ? node + 1 : NULL;
}

static const char *
node_kind (const JNode *node)
{
  switch (node == NULL ? J_NULL : node->kind)
    {
    case J_NULL: return _("null");
    case J_OBJECT: return _("an object");
    case J_ARRAY: return _("an array");
    case J_STRING: return _("a string");
    case J_TRUE:
    case J_FALSE: return _("true or false");
    case J_DOUBLE: return _("a fractional number");
    default: return _("a number");
    }
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static gunichar
hex4 (const char *text)
{
  return (hex_digit (text[0]) << 12) | (hex_digit (text[1]) << 8) |
         (hex_digit (text[2]) << 4) | hex_digit (text[3]);
}

/* Unescapes @length bytes of a string the reader accepted (so every escape is sound)
 * into @out, which has room for @length + 1 bytes; returns the length written. */
static gsize
unescape (const char *text,
          gsize       length,
          char       *out)
{
  char *o = out;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\\')
        {
          *o++ = text[i];
          continue;
        }
      switch (text[++i])
        {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
          {
            gunichar c = hex4 (text + i + 1);

            i += 4;
            if (c >= 0xd800 && c <= 0xdbff)
              {
                c = 0x10000 + ((c - 0xd800) << 10) + (hex4 (text + i + 3) - 0xdc00);
                i += 6;
              }
            o += g_unichar_to_utf8 (c, o);
          }
          break;
        default: *o++ = text[i]; break;   /* " \ / */
        }
    }
  *o = '\0';
  return o - out;
}

/* A copy of a string node's text. */
static char *
text_dup (Checker     *checker,
          const JNode *node)
{
  const char *text = checker->data + node->offset;
  char *copy;

  if (!node->escaped)
    return g_strndup (text, node->size);
  copy = g_malloc (node->size + 1);
  unescape (text, node->size, copy);
  return copy;
}

/* TRUE when a string node's text is @key. */
static gboolean
text_equal (Checker     *checker,
            const JNode *node,
            const char  *key,
            gsize        key_length)
{
  if (!node->escaped)
    return node->size == key_length && memcmp (checker->data + node->offset, key, key_length) == 0;
  else
    {
      g_autofree char *text = text_dup (checker, node);
      return strcmp (text, key) == 0;
    }
}

/* Sorts an object's members into @slots by @keys (NULL when absent); reports keys the
 * format does not know (a typo must not be dropped silently) and keys given twice. */
static void
collect_members (Checker            *checker,
                 const JNode        *object,
                 const Place        *place,
                 const char * const *keys,
                 const JNode       **slots)
{
  guint n_keys = 0;

  while (keys[n_keys] != NULL)
    n_keys++;
  memset (slots, 0, n_keys * sizeof *slots);
  if (object->truncated)
    problem (checker, place, _("has more than %u keys"), (guint) MAX_STORED_MEMBERS);
  /* A key is one node, so its value is the next; the value names the next key. */
  for (const JNode *key = first_child (object); key != NULL; key = node_at (checker, key[1].next))
    {
      guint i;

      for (i = 0; i < n_keys; i++)
        if (text_equal (checker, key, keys[i], strlen (keys[i])))
          break;
      if (i < n_keys && slots[i] == NULL)
        slots[i] = key + 1;
      else
        {
          g_autofree char *name = text_dup (checker, key);
          Place where = { place, name, 0 };

          if (i < n_keys)
            problem (checker, &where, _("appears more than once"));
          else
            problem (checker, &where, _("unknown key"));
        }
    }
}

/* Limits count characters; a UTF-8 character is at most 4 bytes, so the byte length settles
 * most cases before counting. */
static gboolean
too_long (const char *text,
          gsize       max_length)
{
  gsize bytes = strlen (text);

  if (bytes <= max_length)
    return FALSE;
  if (bytes > max_length * 4)
    return TRUE;
  return (gsize) g_utf8_strlen (text, bytes) > max_length;
}

typedef enum {
  TEXT_REQUIRED = 0,
  TEXT_NULLABLE = 1 << 0,
  TEXT_NONEMPTY = 1 << 1,
} TextFlags;

typedef gboolean (*TextRule) (const char *text);

/* Reads a string member; returns a copy, or NULL (null or a problem, reported). The
 * document is valid UTF-8 and escapes make whole characters, so the text is too. */
static char *
read_text (Checker     *checker,
           const JNode *node,
           const Place *place,
           const char  *key,
           TextFlags    flags,
           gsize        max_length,
           TextRule     rule,
           const char  *rule_message)
{
  Place where = { place, key, 0 };
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      problem (checker, &where, _("missing"));
      return NULL;
    }
  if (node->kind == J_NULL)
    {
      if (!(flags & TEXT_NULLABLE))
        problem (checker, &where, _("must be a string, not null"));
      return NULL;
    }
  if (node->kind != J_STRING)
    {
      problem (checker, &where, _("must be a string, not %s"), node_kind (node));
      return NULL;
    }
  text = text_dup (checker, node);
  if ((flags & TEXT_NONEMPTY) && amw_is_blank (text))
    {
      problem (checker, &where, _("must not be empty"));
      return NULL;
    }
  if (too_long (text, max_length))
    {
      problem (checker, &where, _("is longer than %lu characters"), (gulong) max_length);
      return NULL;
    }
  if (rule != NULL && !rule (text))
    {
      g_autofree char *quoted = amw_message_quote (text);

      problem (checker, &where, _("%s (got %s)"), rule_message ? _(rule_message) : "", quoted);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* Reads an integer member within [min, max]; FALSE when absent-as-null or a problem. */
static gboolean
read_int (Checker     *checker,
          const JNode *node,
          const Place *place,
          const char  *key,
          gboolean     nullable,
          gint64       min,
          gint64       max,
          const char  *range_message,
          gint64      *out)
{
  Place where = { place, key, 0 };

  if (node == NULL)
    {
      problem (checker, &where, _("missing"));
      return FALSE;
    }
  if (node->kind == J_NULL)
    {
      if (!nullable)
        problem (checker, &where, _("must be a number, not null"));
      return FALSE;
    }
  if (node->kind != J_INT || node->integer < min || node->integer > max)
    {
      problem (checker, &where, "%s", _(range_message));
      return FALSE;
    }
  *out = node->integer;
  return TRUE;
}

/* An array with more elements than a list may hold: reported, and not read further. */
static gboolean
too_many (Checker     *checker,
          const JNode *array,
          const Place *where,
          guint        max_items)
{
  if (array->size <= max_items)
    return FALSE;
  problem (checker, where, _("has %u items, more than the %u allowed"), array->size, max_items);
  return TRUE;
}

static const JNode *
read_array (Checker     *checker,
            const JNode *node,
            const Place *place,
            const char  *key)
{
  Place where = { place, key, 0 };

  if (node == NULL)
    problem (checker, &where, _("missing"));
  else if (node->kind != J_ARRAY)
    problem (checker, &where, _("must be an array, not %s"), node_kind (node));
  else
    return node;
  return NULL;
}

static const JNode *
read_object (Checker     *checker,
             const JNode *node,
             const Place *place,
             const char  *key,
             gboolean     nullable)
{
  Place where = { place, key, 0 };

  if (node == NULL)
    problem (checker, &where, _("missing"));
  else if (nullable && node->kind == J_NULL)
    return NULL;
  else if (node->kind != J_OBJECT)
    problem (checker, &where, _("must be an object, not %s"), node_kind (node));
  else
    return node;
  return NULL;
}

/* Elements of an array that are objects; others are reported. */
static const JNode *
element_object (Checker     *checker,
                const JNode *node,
                const Place *place)
{
  if (node->kind != J_OBJECT)
    {
      problem (checker, place, _("must be an object, not %s"), node_kind (node));
      return NULL;
    }
  return node;
}

static const JNode *
next_element (Checker     *checker,
              const JNode *element)
{
  return node_at (checker, element->next);
}

static GPtrArray *
read_strings (Checker     *checker,
              const JNode *node,
              const Place *place,
              const char  *key,
              guint        max_items,
              gsize        max_length,
              gboolean     unique_nocase,
              TextRule     rule,
              const char  *rule_message)
{
  Place where = { place, key, 0 };
  const JNode *array = read_array (checker, node, place, key);
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  guint i = 0;

  if (array != NULL && too_many (checker, array, &where, max_items))
    return strings;
  g_hash_table_remove_all (checker->folded);
  for (const JNode *item = array ? first_child (array) : NULL; item != NULL; item = next_element (checker, item), i++)
    {
      Place item_place = { &where, NULL, i };
      g_autofree char *text = NULL;

      if (item->kind != J_STRING)
        {
          problem (checker, &item_place, _("must be a string, not %s"), node_kind (item));
          continue;
        }
      text = text_dup (checker, item);
      if (amw_is_blank (text))
        problem (checker, &item_place, _("must not be empty"));
      else if (too_long (text, max_length))
        problem (checker, &item_place, _("is longer than %lu characters"), (gulong) max_length);
      else if (rule != NULL && !rule (text))
        {
          g_autofree char *quoted = amw_message_quote (text);

          problem (checker, &item_place, _("%s (got %s)"), rule_message ? _(rule_message) : "", quoted);
        }
      else
        {
          /* A set of folded names: a list of thousands of tags stays linear. Tags are
           * stored without surrounding white space, so " AI" repeats "ai". */
          g_autofree char *stripped = unique_nocase ? g_strstrip (g_strdup (text)) : NULL;
          char *folded = unique_nocase ? g_utf8_casefold (stripped, -1) : NULL;
          gboolean duplicate = folded != NULL && !g_hash_table_add (checker->folded, folded);

          if (duplicate)
            {
              g_autofree char *quoted = amw_message_quote (text);

              /* TRANSLATORS: %s is a quoted tag */
              problem (checker, &item_place, _("%s appears twice"), quoted);
            }
          else
            g_ptr_array_add (strings, g_steal_pointer (&text));
        }
    }
  return strings;
}

static gboolean
is_area_or_facet (const char *text)
{
  return strchr (text, '\n') == NULL;
}

/* Arrays of two-key objects: areas, companies, connections. */
static GPtrArray *
read_pairs (Checker     *checker,
            const JNode *node,
            const Place *place,
            const char  *key,
            guint        max_items,
            const char  *first_key,
            TextRule     first_rule,
            const char  *first_message,
            const char  *second_key,
            TextRule     second_rule,
            const char  *second_message)
{
  Place where = { place, key, 0 };
  const JNode *array = read_array (checker, node, place, key);
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_pair_free);
  const char * const keys[] = { first_key, second_key, NULL };
  /* Companies repeat by their id; areas and connections as a pair. */
  gboolean by_first = g_str_equal (first_key, "id");
  /* Areas and facets have a limit of their own; the rest are ids, roles and kinds. */
  gsize max_length = first_rule == is_area_or_facet ? AMW_LIMIT_AREA_CHARS : AMW_LIMIT_ID_CHARS;
  guint i = 0;

  if (array != NULL && too_many (checker, array, &where, max_items))
    return pairs;
  g_hash_table_remove_all (checker->folded);
  for (const JNode *element = array ? first_child (array) : NULL; element != NULL;
       element = next_element (checker, element), i++)
    {
      Place item_place = { &where, NULL, i };
      const JNode *item = element_object (checker, element, &item_place);
      const JNode *slots[2];
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      char *identity;

      if (item == NULL)
        continue;
      collect_members (checker, item, &item_place, keys, slots);
      first = read_text (checker, slots[0], &item_place, first_key, TEXT_NONEMPTY, max_length, first_rule, first_message);
      second = read_text (checker, slots[1], &item_place, second_key, TEXT_NONEMPTY, max_length, second_rule, second_message);
      if (first == NULL || second == NULL)
        continue;
      /* The length keeps "a\nb" + "c" apart from "a" + "b\nc". */
      identity = by_first ? g_strdup (first)
                          : g_strdup_printf ("%zu:%s\n%s", strlen (first), first, second);
      if (!g_hash_table_add (checker->folded, identity))
        problem (checker, &item_place, _("appears twice"));
      else
        g_ptr_array_add (pairs, amw_pair_new (first, second));
    }
  return pairs;
}

static gboolean is_connection_kind (const char *text) { return g_str_equal (text, "article") || g_str_equal (text, "event"); }

static AmwArticle *
read_article (Checker     *checker,
              const JNode *object,
              const Place *place)
{
  static const char * const keys[] = {
    "id", "title", "source", "url", "published", "status", "summary", "amw_read", "ratings",
    "areas", "tags", "companies", "connections", "created_at", "updated_at", NULL
  };
  enum { ID, TITLE, SOURCE, URL, PUBLISHED, STATUS, SUMMARY, AMW_READ, RATINGS, AREAS, TAGS,
         COMPANIES, CONNECTIONS, CREATED_AT, UPDATED_AT, N_KEYS };
  static const char * const rating_keys[] = { "novelty", "significance", NULL };
  g_autoptr(AmwArticle) article = amw_article_new ();
  Place ratings_place = { place, "ratings", 0 };
  const JNode *slots[N_KEYS];
  const JNode *ratings;
  gint64 value;
  guint before = checker->n_problems;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

  collect_members (checker, object, place, keys, slots);
  article->id = read_text (checker, slots[ID], place, "id", TEXT_REQUIRED, AMW_LIMIT_ID_CHARS, amw_is_valid_slug,
                           N_("must be a slug: lowercase letters, digits and dashes"));
  article->title = read_text (checker, slots[TITLE], place, "title", TEXT_NONEMPTY, AMW_LIMIT_TITLE_CHARS, NULL, NULL);
  article->source = read_text (checker, slots[SOURCE], place, "source", TEXT_NULLABLE, AMW_LIMIT_NAME_CHARS, NULL, NULL);
  article->url = read_text (checker, slots[URL], place, "url", TEXT_NULLABLE, AMW_LIMIT_URL_CHARS, amw_is_web_url,
                            N_("must be an http:// or https:// link"));
  article->published = read_text (checker, slots[PUBLISHED], place, "published", TEXT_REQUIRED, 10,
                                   amw_is_valid_date, N_("must be a real date written YYYY-MM-DD"));
  article->status = read_text (checker, slots[STATUS], place, "status", TEXT_REQUIRED, 20, amw_is_valid_status,
                               N_("must be draft, in-review, ready, published or archived"));
  article->summary = read_text (checker, slots[SUMMARY], place, "summary", TEXT_REQUIRED, AMW_LIMIT_LONG_TEXT_CHARS, NULL, NULL);
  article->amw_read = read_text (checker, slots[AMW_READ], place, "amw_read", TEXT_REQUIRED, AMW_LIMIT_LONG_TEXT_CHARS, NULL, NULL);
  if ((ratings = read_object (checker, slots[RATINGS], place, "ratings", FALSE)) != NULL)
    {
      const JNode *rating_slots[2];

      collect_members (checker, ratings, &ratings_place, rating_keys, rating_slots);
      if (read_int (checker, rating_slots[0], &ratings_place, "novelty", TRUE, 1, 5, N_("must be 1–5 or null"), &value))
        article->novelty = (int) value;
      if (read_int (checker, rating_slots[1], &ratings_place, "significance", TRUE, 1, 5, N_("must be 1–5 or null"), &value))
        article->significance = (int) value;
    }
  g_ptr_array_unref (article->areas);
  article->areas = read_pairs (checker, slots[AREAS], place, "areas", AMW_LIMIT_AREAS, "area", is_area_or_facet, N_("must be one line"),
                               "facet", is_area_or_facet, N_("must be one line"));
  g_ptr_array_unref (article->tags);
  article->tags = read_strings (checker, slots[TAGS], place, "tags", AMW_LIMIT_TAGS, AMW_LIMIT_TAG_CHARS, TRUE, NULL, NULL);
  g_ptr_array_unref (article->companies);
  article->companies = read_pairs (checker, slots[COMPANIES], place, "companies", AMW_LIMIT_ARTICLE_COMPANIES, "id", amw_is_valid_slug,
                                   N_("must be a company id"), "role", amw_is_valid_role,
                                   N_("must be subject or mentioned"));
  g_ptr_array_unref (article->connections);
  article->connections = read_pairs (checker, slots[CONNECTIONS], place, "connections", AMW_LIMIT_CONNECTIONS, "kind", is_connection_kind,
                                     N_("must be article or event"), "id", amw_is_valid_slug, N_("must be an id"));
  article->created_at = read_text (checker, slots[CREATED_AT], place, "created_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  article->updated_at = read_text (checker, slots[UPDATED_AT], place, "updated_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  return checker->n_problems == before ? g_steal_pointer (&article) : NULL;
}

static gboolean
read_money (Checker     *checker,
            const JNode *node,
            const Place *place,
            const char  *key,
            gint64      *minor,
            char       **currency)
{
  static const char * const keys[] = { "minor", "currency", NULL };
  Place where = { place, key, 0 };
  const JNode *money = read_object (checker, node, place, key, TRUE);
  const JNode *slots[2];

  if (money == NULL)
    return FALSE;
  collect_members (checker, money, &where, keys, slots);
  *currency = read_text (checker, slots[1], &where, "currency", TEXT_REQUIRED, 3, amw_is_valid_currency,
                         N_("must be an ISO 4217 code such as USD"));
  return read_int (checker, slots[0], &where, "minor", FALSE, 0, AMW_MAX_MONEY_MINOR,
                   N_("must be a whole number of minor units (cents) from 0 to 1000000000000000"), minor) &&
         *currency != NULL;
}

static AmwFundingRound *
read_round (Checker     *checker,
            const JNode *object,
            const Place *place)
{
  static const char * const keys[] = {
    "id", "announced", "type", "amount", "amount_usd_minor", "post_money", "lead_investors",
    "participants", "source_article", NULL
  };
  enum { ID, ANNOUNCED, TYPE, AMOUNT, AMOUNT_USD, POST_MONEY, LEADS, PARTICIPANTS, SOURCE, N_KEYS };
  g_autoptr(AmwFundingRound) round = amw_funding_round_new ();
  const JNode *slots[N_KEYS];
  guint before = checker->n_problems;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

  collect_members (checker, object, place, keys, slots);
  round->id = read_text (checker, slots[ID], place, "id", TEXT_REQUIRED, AMW_LIMIT_ID_CHARS, amw_is_valid_slug,
                         N_("must be a slug: lowercase letters, digits and dashes"));
  round->announced = read_text (checker, slots[ANNOUNCED], place, "announced", TEXT_REQUIRED, 10,
                                amw_is_valid_date, N_("must be a real date written YYYY-MM-DD"));
  round->type = read_text (checker, slots[TYPE], place, "type", TEXT_REQUIRED, 20, amw_is_valid_round_type,
                           N_("must be pre-seed, seed, series-a … series-z, strategic, debt, grant, ipo or other"));
  round->has_amount = read_money (checker, slots[AMOUNT], place, "amount", &round->amount_minor, &round->currency);
  round->has_amount_usd = read_int (checker, slots[AMOUNT_USD], place, "amount_usd_minor", TRUE, 0, AMW_MAX_MONEY_MINOR,
                                    N_("must be a whole number of US cents from 0 to 1000000000000000"), &round->amount_usd_minor);
  round->has_post_money = read_money (checker, slots[POST_MONEY], place, "post_money", &round->post_money_minor,
                                      &round->post_money_currency);
  g_ptr_array_unref (round->lead_investors);
  round->lead_investors = read_strings (checker, slots[LEADS], place, "lead_investors", AMW_LIMIT_INVESTORS, AMW_LIMIT_NAME_CHARS, FALSE, NULL, NULL);
  g_ptr_array_unref (round->participants);
  round->participants = read_strings (checker, slots[PARTICIPANTS], place, "participants", AMW_LIMIT_INVESTORS, AMW_LIMIT_NAME_CHARS, FALSE, NULL, NULL);
  round->source_article = read_text (checker, slots[SOURCE], place, "source_article", TEXT_NULLABLE, AMW_LIMIT_ID_CHARS,
                                     amw_is_valid_slug, N_("must be an article id"));
  return checker->n_problems == before ? g_steal_pointer (&round) : NULL;
}

static AmwCompany *
read_company (Checker     *checker,
              const JNode *object,
              const Place *place)
{
  static const char * const keys[] = {
    "id", "name", "aliases", "website", "hq", "founded", "status", "ticker", "sector",
    "employees", "description", "last_verified", "funding_rounds", "created_at", "updated_at", NULL
  };
  enum { ID, NAME, ALIASES, WEBSITE, HQ, FOUNDED, STATUS, TICKER, SECTOR, EMPLOYEES, DESCRIPTION,
         LAST_VERIFIED, ROUNDS, CREATED_AT, UPDATED_AT, N_KEYS };
  static const char * const hq_keys[] = { "city", "country", NULL };
  g_autoptr(AmwCompany) company = amw_company_new ();
  Place hq_place = { place, "hq", 0 };
  Place rounds_place = { place, "funding_rounds", 0 };
  const JNode *slots[N_KEYS];
  const JNode *hq;
  const JNode *rounds;
  gint64 founded;
  guint before = checker->n_problems;
  guint i = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

  collect_members (checker, object, place, keys, slots);
  company->id = read_text (checker, slots[ID], place, "id", TEXT_REQUIRED, AMW_LIMIT_ID_CHARS, amw_is_valid_slug,
                           N_("must be a slug: lowercase letters, digits and dashes"));
  company->name = read_text (checker, slots[NAME], place, "name", TEXT_NONEMPTY, AMW_LIMIT_NAME_CHARS, NULL, NULL);
  g_ptr_array_unref (company->aliases);
  company->aliases = read_strings (checker, slots[ALIASES], place, "aliases", AMW_LIMIT_ALIASES, AMW_LIMIT_NAME_CHARS, FALSE, NULL, NULL);
  company->website = read_text (checker, slots[WEBSITE], place, "website", TEXT_NULLABLE, AMW_LIMIT_URL_CHARS, amw_is_web_url,
                                N_("must be an http:// or https:// link"));
  if ((hq = read_object (checker, slots[HQ], place, "hq", FALSE)) != NULL)
    {
      const JNode *hq_slots[2];

      collect_members (checker, hq, &hq_place, hq_keys, hq_slots);
      company->hq_city = read_text (checker, hq_slots[0], &hq_place, "city", TEXT_NULLABLE, AMW_LIMIT_NAME_CHARS, NULL, NULL);
      company->hq_country = read_text (checker, hq_slots[1], &hq_place, "country", TEXT_NULLABLE, AMW_LIMIT_COUNTRY_CHARS, NULL, NULL);
    }
  if (read_int (checker, slots[FOUNDED], place, "founded", TRUE, AMW_LIMIT_FOUNDED_MIN, AMW_LIMIT_FOUNDED_MAX, N_("must be a year between 1800 and 2100"), &founded))
    company->founded = (int) founded;
  company->status = read_text (checker, slots[STATUS], place, "status", TEXT_REQUIRED, 20, amw_is_valid_company_status,
                               N_("must be active, acquired, public or closed"));
  company->ticker = read_text (checker, slots[TICKER], place, "ticker", TEXT_NULLABLE, AMW_LIMIT_TICKER_CHARS, NULL, NULL);
  company->sector = read_text (checker, slots[SECTOR], place, "sector", TEXT_NULLABLE, AMW_LIMIT_NAME_CHARS, NULL, NULL);
  company->employees = read_text (checker, slots[EMPLOYEES], place, "employees", TEXT_NULLABLE, AMW_LIMIT_EMPLOYEES_CHARS, NULL, NULL);
  company->description = read_text (checker, slots[DESCRIPTION], place, "description", TEXT_REQUIRED, AMW_LIMIT_LONG_TEXT_CHARS, NULL, NULL);
  company->last_verified = read_text (checker, slots[LAST_VERIFIED], place, "last_verified", TEXT_NULLABLE, 10,
                                      amw_is_valid_date, N_("must be a real date written YYYY-MM-DD"));
  rounds = read_array (checker, slots[ROUNDS], place, "funding_rounds");
  if (rounds != NULL && too_many (checker, rounds, &rounds_place, AMW_LIMIT_ROUNDS))
    rounds = NULL;
  for (const JNode *element = rounds ? first_child (rounds) : NULL; element != NULL;
       element = next_element (checker, element), i++)
    {
      Place round_place = { &rounds_place, NULL, i };
      const JNode *item = element_object (checker, element, &round_place);
      AmwFundingRound *round = item ? read_round (checker, item, &round_place) : NULL;

      if (round != NULL)
        {
          round->company_id = g_strdup (company->id);
          g_ptr_array_add (company->funding_rounds, round);
        }
    }
  company->created_at = read_text (checker, slots[CREATED_AT], place, "created_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  company->updated_at = read_text (checker, slots[UPDATED_AT], place, "updated_at", TEXT_REQUIRED, 20,
                                   amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  return checker->n_problems == before ? g_steal_pointer (&company) : NULL;
}

static AmwEvent *
read_event (Checker     *checker,
            const JNode *object,
            const Place *place)
{
  static const char * const keys[] = {
    "id", "date", "precision", "title", "kind", "companies", "source_article", "created_at",
    "updated_at", NULL
  };
  enum { ID, DATE, PRECISION, TITLE, KIND, COMPANIES, SOURCE, CREATED_AT, UPDATED_AT, N_KEYS };
  g_autoptr(AmwEvent) event = amw_event_new ();
  const JNode *slots[N_KEYS];
  guint before = checker->n_problems;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

  collect_members (checker, object, place, keys, slots);
  event->id = read_text (checker, slots[ID], place, "id", TEXT_REQUIRED, AMW_LIMIT_ID_CHARS, amw_is_valid_slug,
                         N_("must be a slug: lowercase letters, digits and dashes"));
  event->date = read_text (checker, slots[DATE], place, "date", TEXT_REQUIRED, 10, amw_is_valid_date,
                           N_("must be a real date written YYYY-MM-DD"));
  event->precision = read_text (checker, slots[PRECISION], place, "precision", TEXT_REQUIRED, 10,
                                amw_is_valid_precision, N_("must be day, month or year"));
  event->title = read_text (checker, slots[TITLE], place, "title", TEXT_NONEMPTY, AMW_LIMIT_TITLE_CHARS, NULL, NULL);
  event->kind = read_text (checker, slots[KIND], place, "kind", TEXT_REQUIRED, 20, amw_is_valid_event_kind,
                           N_("must be funding, partnership, release, policy, people, legal or other"));
  g_ptr_array_unref (event->companies);
  event->companies = read_strings (checker, slots[COMPANIES], place, "companies", AMW_LIMIT_EVENT_COMPANIES, AMW_LIMIT_ID_CHARS, FALSE,
                                   amw_is_valid_slug, N_("must be a company id"));
  event->source_article = read_text (checker, slots[SOURCE], place, "source_article", TEXT_NULLABLE, AMW_LIMIT_ID_CHARS,
                                     amw_is_valid_slug, N_("must be an article id"));
  event->created_at = read_text (checker, slots[CREATED_AT], place, "created_at", TEXT_REQUIRED, 20,
                                 amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  event->updated_at = read_text (checker, slots[UPDATED_AT], place, "updated_at", TEXT_REQUIRED, 20,
                                 amw_is_valid_timestamp, N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  if (event->date != NULL && event->precision != NULL &&
      ((g_str_equal (event->precision, "month") && !g_str_has_suffix (event->date, "-01")) ||
       (g_str_equal (event->precision, "year") && !g_str_has_suffix (event->date, "-01-01"))))
    {
      Place where = { place, "date", 0 };

      if (g_str_equal (event->precision, "month"))
        problem (checker, &where, _("a date of month precision must be the first day of its month"));
      else
        problem (checker, &where, _("a date of year precision must be the first of January"));
    }
  return checker->n_problems == before ? g_steal_pointer (&event) : NULL;
}

static const char * const section_names[] = {
  [SECTION_COMPANIES] = "companies",
  [SECTION_ARTICLES] = "articles",
  [SECTION_TIMELINE] = "timeline",
};

static char *
record_place (Section section,
              guint   index)
{
  return g_strdup_printf ("%s[%u]", section_names[section], index);
}

/* Records ids, reporting duplicates with both places. */
static void
note_id (Checker    *checker,
         GHashTable *seen,
         Section     section,
         const char *id,
         guint       index)
{
  gpointer first;

  if (id == NULL)
    return;
  if ((first = g_hash_table_lookup (seen, id)) != NULL)
    {
      Place list = { NULL, section_names[section], 0 };
      Place record = { &list, NULL, index };
      Place where = { &record, "id", 0 };
      g_autofree char *first_place = record_place (section, GPOINTER_TO_UINT (first) - 1);
      g_autofree char *quoted = amw_message_quote (id);

      problem (checker, &where, _("duplicate id %s (also %s)"), quoted, first_place);
    }
  else
    g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (index + 1));
}

/* A record with a problem of its own is still "there" for references to it, so that one
 * mistake is reported once, not again at every place that refers to it. */
static void
note_rejected_id (Checker     *checker,
                  GHashTable  *seen,
                  const JNode *object,
                  guint        index)
{
  static const char * const keys[] = { "id", NULL };
  const JNode *id = NULL;
  g_autofree char *text = NULL;

  if (object == NULL)
    return;
  /* The first "id" key, without reporting the others again. */
  for (const JNode *key = first_child (object); key != NULL && id == NULL;
       key = node_at (checker, key[1].next))
    if (text_equal (checker, key, keys[0], 2))
      id = key + 1;
  if (id == NULL || id->kind != J_STRING)
    return;
  text = text_dup (checker, id);
  if (!g_hash_table_contains (seen, text))
    g_hash_table_insert (seen, g_steal_pointer (&text), GUINT_TO_POINTER (index + 1));
}

/* Checks one element of "companies", "articles" or "timeline" as soon as it is read. */
static void
check_record (Checker     *checker,
              Section      section,
              guint        index,
              const JNode *element)
{
  Place list = { NULL, section_names[section], 0 };
  Place place = { &list, NULL, index };
  const JNode *item;

  checker->section = section;
  item = element_object (checker, element, &place);
  if (section == SECTION_COMPANIES)
    {
      AmwCompany *company = item ? read_company (checker, item, &place) : NULL;

      if (company == NULL)
        note_rejected_id (checker, checker->seen.companies, item, index);
      else
        {
          note_id (checker, checker->seen.companies, section, company->id, index);
          g_ptr_array_add (checker->plan->companies, company);
          g_array_append_val (checker->company_indexes, index);
        }
    }
  else if (section == SECTION_ARTICLES)
    {
      AmwArticle *article = item ? read_article (checker, item, &place) : NULL;

      if (article == NULL)
        note_rejected_id (checker, checker->seen.articles, item, index);
      else
        {
          note_id (checker, checker->seen.articles, section, article->id, index);
          g_ptr_array_add (checker->plan->articles, article);
          g_array_append_val (checker->article_indexes, index);
        }
    }
  else
    {
      AmwEvent *event = item ? read_event (checker, item, &place) : NULL;

      if (event == NULL)
        note_rejected_id (checker, checker->seen.events, item, index);
      else
        {
          note_id (checker, checker->seen.events, section, event->id, index);
          g_ptr_array_add (checker->plan->events, event);
          g_array_append_val (checker->event_indexes, index);
        }
    }
}

typedef enum {
  REF_COMPANY,
  REF_ARTICLE,
  REF_EVENT,
} RefKind;

static void
check_reference (Checker     *checker,
                 GHashTable  *in_document,
                 gboolean   (*in_store) (AmwStore *, const char *),
                 const char  *id,
                 RefKind      kind,
                 const Place *place)
{
  g_autofree char *quoted = NULL;

  if (id == NULL || g_hash_table_contains (in_document, id) || in_store (checker->store, id))
    return;
  quoted = amw_message_quote (id);
  /* TRANSLATORS: %s is a quoted id */
  if (kind == REF_COMPANY)
    problem (checker, place, _("unknown company %s"), quoted);
  else if (kind == REF_ARTICLE)
    problem (checker, place, _("unknown article %s"), quoted);
  else
    problem (checker, place, _("unknown event %s"), quoted);
}

static void
check_references (Checker *checker)
{
  AmwImportPlan *plan = checker->plan;
  Seen *seen = &checker->seen;
  Place articles_list = { NULL, "articles", 0 };
  Place companies_list = { NULL, "companies", 0 };
  Place timeline_list = { NULL, "timeline", 0 };

  checker->section = SECTION_REFERENCES;
  for (guint i = 0; i < plan->articles->len; i++)
    {
      AmwArticle *article = g_ptr_array_index (plan->articles, i);
      Place place = { &articles_list, NULL, g_array_index (checker->article_indexes, guint, i) };
      Place companies = { &place, "companies", 0 };
      Place connections = { &place, "connections", 0 };

      for (guint j = 0; j < article->companies->len; j++)
        {
          Place item = { &companies, NULL, j };
          Place where = { &item, "id", 0 };

          check_reference (checker, seen->companies, amw_store_has_company,
                           ((AmwPair *) g_ptr_array_index (article->companies, j))->first, REF_COMPANY, &where);
        }
      for (guint j = 0; j < article->connections->len; j++)
        {
          AmwPair *link = g_ptr_array_index (article->connections, j);
          Place item = { &connections, NULL, j };
          Place where = { &item, "id", 0 };

          if (g_str_equal (link->first, "article"))
            {
              if (g_str_equal (link->second, article->id))
                problem (checker, &where, _("an article cannot connect to itself"));
              else
                check_reference (checker, seen->articles, amw_store_has_article, link->second, REF_ARTICLE, &where);
            }
          else
            check_reference (checker, seen->events, amw_store_has_event, link->second, REF_EVENT, &where);
        }
    }
  for (guint i = 0; i < plan->companies->len; i++)
    {
      AmwCompany *company = g_ptr_array_index (plan->companies, i);
      Place place = { &companies_list, NULL, g_array_index (checker->company_indexes, guint, i) };
      Place rounds = { &place, "funding_rounds", 0 };

      for (guint j = 0; j < company->funding_rounds->len; j++)
        {
          AmwFundingRound *round = g_ptr_array_index (company->funding_rounds, j);
          Place where = { &rounds, NULL, j };
          Place id_place = { &where, "id", 0 };
          Place source_place = { &where, "source_article", 0 };
          g_autofree char *owner = NULL;
          const char *first;

          g_autofree char *quoted = amw_message_quote (round->id);

          if ((first = g_hash_table_lookup (seen->rounds, round->id)) != NULL)
            problem (checker, &id_place, _("duplicate id %s (also %s)"), quoted, first);
          else
            g_hash_table_insert (seen->rounds, g_strdup (round->id), place_format (&where));
          if (amw_store_has_funding_round (checker->store, round->id, &owner) &&
              !g_str_equal (owner, company->id))
            {
              g_autofree char *quoted_owner = amw_message_quote (owner);

              /* TRANSLATORS: both %s are quoted ids */
              problem (checker, &id_place, _("round %s already belongs to company %s"), quoted, quoted_owner);
            }
          check_reference (checker, seen->articles, amw_store_has_article, round->source_article,
                           REF_ARTICLE, &source_place);
        }
    }
  for (guint i = 0; i < plan->events->len; i++)
    {
      AmwEvent *event = g_ptr_array_index (plan->events, i);
      Place place = { &timeline_list, NULL, g_array_index (checker->event_indexes, guint, i) };
      Place companies = { &place, "companies", 0 };
      Place source_place = { &place, "source_article", 0 };

      for (guint j = 0; j < event->companies->len; j++)
        {
          Place where = { &companies, NULL, j };

          check_reference (checker, seen->companies, amw_store_has_company,
                           g_ptr_array_index (event->companies, j), REF_COMPANY, &where);
        }
      check_reference (checker, seen->articles, amw_store_has_article, event->source_article,
                       REF_ARTICLE, &source_place);
    }
}

/* The document's own keys, after the whole document was read. */
static void
check_document (Checker     *checker,
                const JNode *document)
{
  static const char * const keys[] = {
    "format", "version", "as_of", "selection", "articles", "companies", "timeline", NULL
  };
  enum { FORMAT, VERSION, AS_OF, SELECTION, ARTICLES, COMPANIES, TIMELINE, N_KEYS };
  static const char * const selection_keys[] = { "kind", "description", NULL };
  const JNode *slots[N_KEYS];
  const JNode *selection;
  g_autofree char *format = NULL;
  g_autofree char *as_of = NULL;
  gint64 version;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

  checker->section = SECTION_DOCUMENT;
  collect_members (checker, document, NULL, keys, slots);
  format = read_text (checker, slots[FORMAT], NULL, "format", TEXT_REQUIRED, 40, NULL, NULL);
  if (format != NULL && !g_str_equal (format, "amw-desk"))
    {
      Place where = { NULL, "format", 0 };
      g_autofree char *quoted = amw_message_quote (format);

      problem (checker, &where, _("must be “amw-desk” (got %s)"), quoted);
    }
  if (slots[VERSION] != NULL && slots[VERSION]->kind == J_INT && slots[VERSION]->integer != 1)
    {
      Place where = { NULL, "version", 0 };
      problem (checker, &where, _("unsupported format version %lld (this AMW Desk reads version 1)"),
               (long long) slots[VERSION]->integer);
    }
  else
    read_int (checker, slots[VERSION], NULL, "version", FALSE, 1, 1, N_("must be 1"), &version);
  as_of = read_text (checker, slots[AS_OF], NULL, "as_of", TEXT_NULLABLE, 20, amw_is_valid_timestamp,
                     N_("must be a UTC time written YYYY-MM-DDThh:mm:ssZ"));
  if ((selection = read_object (checker, slots[SELECTION], NULL, "selection", FALSE)) != NULL)
    {
      Place place = { NULL, "selection", 0 };
      const JNode *selection_slots[2];
      g_autofree char *kind = NULL;
      g_autofree char *description = NULL;

      collect_members (checker, selection, &place, selection_keys, selection_slots);
      kind = read_text (checker, selection_slots[0], &place, "kind", TEXT_REQUIRED, 20, NULL, NULL);
      description = read_text (checker, selection_slots[1], &place, "description", TEXT_REQUIRED, AMW_LIMIT_SELECTION_CHARS, NULL, NULL);
      if (kind != NULL && !g_strv_contains ((const char * const[]) { "all", "published", "query", "ids", NULL }, kind))
        {
          Place where = { &place, "kind", 0 };
          problem (checker, &where, _("must be all, published, query or ids"));
        }
    }
  /* The records were checked as they were read; here only whether the lists are there. */
  checker->section = SECTION_COMPANIES;
  read_array (checker, slots[COMPANIES], NULL, "companies");
  checker->section = SECTION_ARTICLES;
  read_array (checker, slots[ARTICLES], NULL, "articles");
  checker->section = SECTION_TIMELINE;
  read_array (checker, slots[TIMELINE], NULL, "timeline");
}

/* ---- the reader ---- */

typedef struct {
  const char *name;
  const char *data;
  gsize       length;
  gsize       pos;
  guint       depth;
  GArray     *nodes;     /* JNode; [0] unused, so that 0 means none */
  Checker    *checker;   /* gets the elements of the three lists one by one */
  GError     *error;
} Reader;

/* Returns the 1-based line and column of @offset in @data. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
scan_error (GError     **error,
            const char  *name,
            const char  *data,
            gsize        offset,
            const char  *message)
{
  guint line, column;

  locate (data, offset, &line, &column);
  g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, "%s:%u:%u: %s", name, line, column, message);
  return FALSE;
}

static gboolean
reader_error (Reader     *reader,
              gsize       offset,
              const char *message)
{
  if (reader->error == NULL)
    scan_error (&reader->error, reader->name, reader->data, offset, message);
  return FALSE;
}

/* A syntax error at the current position, naming what is there. */
static gboolean
unexpected (Reader     *reader,
            const char *expected)
{
  const char *data = reader->data;
  gsize at = reader->pos;
  g_autofree char *message = NULL;

  if (at >= reader->length)
    {
      /* At the end of the last thing there is, not on the empty line after it. */
      while (at > 0 && g_ascii_isspace (data[at - 1]))
        at--;
      /* TRANSLATORS: %s says what was expected, e.g. “,” or “}” */
      message = g_strdup_printf (_("Parse error: the file ends here, expected %s"), expected);
    }
  else if (data[at] == '/')
    return reader_error (reader, at, _("comments are not allowed in JSON"));
  else if ((guchar) data[at] < 0x20 || data[at] == 0x7f)
    /* TRANSLATORS: the first %s is a character code such as U+0001 */
    message = g_strdup_printf (_("Parse error: unexpected character U+%04X, expected %s"),
                               (guint) (guchar) data[at], expected);
  else
    {
      /* A word (tru, NaN, 'x) is quoted whole; anything else one character. */
      gsize end = at + 1;

      while (g_ascii_isalnum (data[at]) && end < reader->length && end - at < 40 && g_ascii_isalnum (data[end]))
        end++;
      g_autofree char *shown = NULL;

      if (!g_ascii_isalnum (data[at]))
        end = MIN (g_utf8_next_char (data + at) - data, (gssize) reader->length);
      /* A character such as U+2028 would break the line. */
      shown = amw_message_escape (data + at, end - at, 0);
      /* TRANSLATORS: the first %s is the text found, the second what was expected */
      message = g_strdup_printf (_("Parse error: unexpected “%.*s”, expected %s"),
                                 (int) strlen (shown), shown, expected);
    }
  return reader_error (reader, at, message);
}

static void
skip_space (Reader *reader)
{
  const char *data = reader->data;
  gsize pos = reader->pos;

  while (pos < reader->length &&
         (data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t'))
    pos++;
  reader->pos = pos;
}

static JNode *
reader_node (Reader  *reader,
             guint32  index)
{
  return &g_array_index (reader->nodes, JNode, index);
}

static guint32
add_node (Reader *reader,
          JKind   kind)
{
  guint32 index = reader->nodes->len;
  JNode *node;

  g_array_set_size (reader->nodes, index + 1);
  node = reader_node (reader, index);
  memset (node, 0, sizeof *node);
  node->kind = kind;
  return index;
}

static int
escape_unit (const char *data,
             gsize       length,
             gsize       at)
{
  int value = 0;

  if (at + 4 > length)
    return -1;
  for (gsize i = at; i < at + 4; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string at the current position (its opening quote); fills @node. Escapes that do not
 * make a character (lone surrogates, \u0000) are refused here, so that any text the
 * checker reads is valid UTF-8. Raw control characters are accepted: json-glib 1.6 (which
 * wrote exports before) did not escape U+001F. */
static gboolean
read_string (Reader  *reader,
             guint32  index)
{
  const char *data = reader->data;
  gsize length = reader->length;
  gsize start = reader->pos + 1;
  gsize pos = start;
  gboolean escaped = FALSE;
  const char *quote = NULL;

  for (;;)
    {
      const char *backslash;

      /* Searched again only once an escaped quote is passed: linear in the string. */
      if (quote == NULL || quote < data + pos)
        quote = memchr (data + pos, '"', length - pos);
      if (quote == NULL)
        return reader_error (reader, reader->pos, _("Parse error: this string is not closed before the end of the file"));
      backslash = memchr (data + pos, '\\', quote - (data + pos));
      if (backslash == NULL)
        {
          pos = quote - data;
          break;
        }
      escaped = TRUE;
      pos = backslash - data;
      if (pos + 1 >= length)
        return reader_error (reader, reader->pos, _("Parse error: this string is not closed before the end of the file"));
      switch (data[pos + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          pos += 2;
          break;
        case 'u':
          {
            int unit = escape_unit (data, length, pos + 2);

            if (unit < 0)
              return reader_error (reader, pos, _("a \\u escape needs four hexadecimal digits"));
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = (pos + 7 < length && data[pos + 6] == '\\' && data[pos + 7] == 'u')
                          ? escape_unit (data, length, pos + 8) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return reader_error (reader, pos, _("a \\u escape that is half of a character (lone surrogate)"));
                pos += 12;
              }
            else if (unit >= 0xdc00 && unit <= 0xdfff)
              return reader_error (reader, pos, _("a \\u escape that is half of a character (lone surrogate)"));
            else if (unit == 0)
              return reader_error (reader, pos, _("a \\u0000 escape (a NUL character) inside a string"));
            else
              pos += 6;
          }
          break;
        default:
          {
            g_autofree char *message = NULL;
            gsize size = MIN ((gsize) (g_utf8_next_char (data + pos + 1) - (data + pos + 1)), length - pos - 1);
            g_autofree char *shown = amw_message_escape (data + pos + 1, size, 0);

            /* TRANSLATORS: %s is a character that may not follow a backslash */
            message = g_strdup_printf (_("Parse error: “\\%.*s” is not an escape of JSON"),
                                       (int) strlen (shown), shown);
            return reader_error (reader, pos, message);
          }
        }
    }
  {
    JNode *node = reader_node (reader, index);

    node->kind = J_STRING;
    node->escaped = escaped;
    node->offset = start;
    if (pos - start > G_MAXUINT32)
      return reader_error (reader, reader->pos, _("Parse error: a string longer than 4 GB"));
    node->size = (guint32) (pos - start);
  }
  reader->pos = pos + 1;
  return TRUE;
}

static gboolean
read_number (Reader  *reader,
             guint32  index)
{
  const char *data = reader->data;
  gsize length = reader->length;
  gsize start = reader->pos, pos = start;
  gboolean integer = TRUE;
  char buffer[64];
  JNode *node;

  if (pos < length && data[pos] == '-')
    pos++;
  if (pos < length && data[pos] == '0')
    pos++;
  else if (pos < length && data[pos] >= '1' && data[pos] <= '9')
    while (pos < length && g_ascii_isdigit (data[pos]))
      pos++;
  else
    goto bad;
  if (pos < length && data[pos] == '.')
    {
      integer = FALSE;
      if (++pos >= length || !g_ascii_isdigit (data[pos]))
        goto bad;
      while (pos < length && g_ascii_isdigit (data[pos]))
        pos++;
    }
  if (pos < length && (data[pos] == 'e' || data[pos] == 'E'))
    {
      integer = FALSE;
      if (++pos < length && (data[pos] == '+' || data[pos] == '-'))
        pos++;
      if (pos >= length || !g_ascii_isdigit (data[pos]))
        goto bad;
      while (pos < length && g_ascii_isdigit (data[pos]))
        pos++;
    }
  if (pos < length && (g_ascii_isalnum (data[pos]) || data[pos] == '.'))
    goto bad;

  node = reader_node (reader, index);
  reader->pos = pos;
  if (pos - start >= sizeof buffer)
    {
      /* Longer than any number the format has: not an integer to read, but a number. */
      node->kind = J_DOUBLE;
      node->number = 0;
      return TRUE;
    }
  memcpy (buffer, data + start, pos - start);
  buffer[pos - start] = '\0';
  if (integer)
    {
      char *end = NULL;
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (buffer, &end, 10);
      if (errno == 0)
        {
          node->kind = J_INT;
          node->integer = value;
          return TRUE;
        }
    }
  /* Fractions, exponents and integers beyond 64 bits. */
  node->kind = J_DOUBLE;
  node->number = g_ascii_strtod (buffer, NULL);
  return TRUE;

bad:
  reader->pos = start;
  {
    g_autofree char *message = NULL;

    while (pos < length && (g_ascii_isalnum (data[pos]) || strchr ("+-.", data[pos]) != NULL))
      pos++;
    /* TRANSLATORS: %s is the text that should have been a number */
    message = g_strdup_printf (_("Parse error: “%.*s” is not a number"), (int) MIN (pos - start, 40), data + start);
    return reader_error (reader, start, message);
  }
}

static gboolean read_value (Reader *reader, guint32 *index);

static gboolean
enter (Reader *reader)
{
  if (++reader->depth > MAX_DEPTH)
    {
      g_autofree char *message = g_strdup_printf (_("nested deeper than %d levels"), MAX_DEPTH);
      return reader_error (reader, reader->pos, message);
    }
  return TRUE;
}

/* An array at '['. @section: its elements go to the checker one by one, and are dropped. */
static gboolean
read_array_value (Reader  *reader,
                  guint32  index,
                  Section  section)
{
  guint32 previous = 0;
  guint32 n = 0;
  gboolean streamed = section != SECTION_DOCUMENT;

  if (!enter (reader))
    return FALSE;
  reader->pos++;
  reader_node (reader, index)->streamed = streamed;
  skip_space (reader);
  if (reader->pos < reader->length && reader->data[reader->pos] == ']')
    reader->pos++;
  else
    for (;;)
      {
        guint32 mark = reader->nodes->len;
        guint32 element;

        if (!read_value (reader, &element))
          return FALSE;
        if (streamed)
          {
            reader->checker->nodes = (const JNode *) reader->nodes->data;
            check_record (reader->checker, section, n, reader_node (reader, element));
            g_array_set_size (reader->nodes, mark);
          }
        else if (n >= MAX_STORED_MEMBERS)
          {
            /* Counted, not kept: the checker refuses the list by its size. */
            g_array_set_size (reader->nodes, mark);
            reader_node (reader, index)->truncated = TRUE;
          }
        else
          {
            if (previous != 0)
              reader_node (reader, previous)->next = element;
            previous = element;
          }
        if (n++ == G_MAXUINT32 - 1)
          return reader_error (reader, reader->pos, _("Parse error: too many elements"));
        skip_space (reader);
        if (reader->pos < reader->length && reader->data[reader->pos] == ',')
          {
            reader->pos++;
            continue;
          }
        if (reader->pos < reader->length && reader->data[reader->pos] == ']')
          {
            reader->pos++;
            break;
          }
        return unexpected (reader, _("“,” or “]”"));
      }
  reader_node (reader, index)->size = n;
  reader->depth--;
  return TRUE;
}

/* An object at '{'. @top: the document itself, whose three lists are read record by record. */
static gboolean
read_object_value (Reader   *reader,
                   guint32   index,
                   gboolean  top)
{
  guint32 previous = 0;
  guint32 n = 0;

  if (!enter (reader))
    return FALSE;
  reader->pos++;
  skip_space (reader);
  if (reader->pos < reader->length && reader->data[reader->pos] == '}')
    reader->pos++;
  else
    for (;;)
      {
        guint32 mark = reader->nodes->len;
        guint32 key, value;
        Section section = SECTION_DOCUMENT;

        skip_space (reader);
        if (reader->pos >= reader->length || reader->data[reader->pos] != '"')
          return unexpected (reader, n == 0 ? _("a key (a string in double quotes) or “}”")
                                            : _("a key (a string in double quotes)"));
        key = add_node (reader, J_STRING);
        if (!read_string (reader, key))
          return FALSE;
        skip_space (reader);
        if (reader->pos >= reader->length || reader->data[reader->pos] != ':')
          return unexpected (reader, _("“:”"));
        reader->pos++;
        skip_space (reader);
        if (top && reader->pos < reader->length && reader->data[reader->pos] == '[')
          {
            JNode *key_node = reader_node (reader, key);
            g_autofree char *name = g_malloc (key_node->size + 1);

            /* Escaped or not ("\u0061rticles"), as the checker compares keys. */
            unescape (reader->data + key_node->offset, key_node->size, name);
            for (Section s = SECTION_COMPANIES; s <= SECTION_TIMELINE; s++)
              if (strcmp (name, section_names[s]) == 0)
                section = s;
          }
        if (section != SECTION_DOCUMENT)
          {
            value = add_node (reader, J_ARRAY);
            if (!read_array_value (reader, value, section))
              return FALSE;
          }
        else if (!read_value (reader, &value))
          return FALSE;
        if (n >= MAX_STORED_MEMBERS)
          {
            /* Counted, not kept: the checker refuses the object by its size. */
            g_array_set_size (reader->nodes, mark);
            reader_node (reader, index)->truncated = TRUE;
          }
        else
          {
            if (previous != 0)
              reader_node (reader, previous)->next = key;
            reader_node (reader, key)->next = value;
            previous = value;
          }
        if (n++ == G_MAXUINT32 - 1)
          return reader_error (reader, reader->pos, _("Parse error: too many elements"));
        skip_space (reader);
        if (reader->pos < reader->length && reader->data[reader->pos] == ',')
          {
            reader->pos++;
            continue;
          }
        if (reader->pos < reader->length && reader->data[reader->pos] == '}')
          {
            reader->pos++;
            break;
          }
        return unexpected (reader, _("“,” or “}”"));
      }
  reader_node (reader, index)->size = n;
  reader->depth--;
  return TRUE;
}

static gboolean
read_literal (Reader     *reader,
              guint32     index,
              const char *word,
              JKind       kind)
{
  gsize length = strlen (word);

  if (reader->length - reader->pos < length || memcmp (reader->data + reader->pos, word, length) != 0 ||
      (reader->pos + length < reader->length && g_ascii_isalnum (reader->data[reader->pos + length])))
    return unexpected (reader, _("a value (a string, number, object, array, true, false or null)"));
  reader_node (reader, index)->kind = kind;
  reader->pos += length;
  return TRUE;
}

static gboolean
read_value (Reader  *reader,
            guint32 *index)
{
  char c;

  skip_space (reader);
  if (reader->nodes->len >= MAX_RECORD_NODES)
    {
      g_autofree char *message = g_strdup_printf (_("a record of more than %u values"), (guint) MAX_RECORD_NODES);

      return reader_error (reader, reader->pos, message);
    }
  *index = add_node (reader, J_NULL);
  if (reader->pos >= reader->length)
    return unexpected (reader, _("a value (a string, number, object, array, true, false or null)"));
  c = reader->data[reader->pos];
  switch (c)
    {
    case '{':
      reader_node (reader, *index)->kind = J_OBJECT;
      return read_object_value (reader, *index, FALSE);
    case '[':
      reader_node (reader, *index)->kind = J_ARRAY;
      return read_array_value (reader, *index, SECTION_DOCUMENT);
    case '"':
      return read_string (reader, *index);
    case 't':
      return read_literal (reader, *index, "true", J_TRUE);
    case 'f':
      return read_literal (reader, *index, "false", J_FALSE);
    case 'n':
      return read_literal (reader, *index, "null", J_NULL);
    default:
      if (c == '-' || g_ascii_isdigit (c))
        return read_number (reader, *index);
      return unexpected (reader, _("a value (a string, number, object, array, true, false or null)"));
    }
}

/* UTF-8 without NUL bytes, eight ASCII bytes at a time where it can. */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **end)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  while (i < length)
    {
      gsize window;
      const char *stop;

      while (i + 8 <= length)
        {
          guint64 word;

          memcpy (&word, data + i, 8);
          /* Stop at a byte ≥ 0x80 or a zero byte. */
          if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
            break;
          i += 8;
        }
      window = MIN (length - i, 256);
      if (g_utf8_validate_len (data + i, window, &stop))
        {
          i += window;
          continue;
        }
      /* A character cut by the window's end is read again from its start. */
      if (i + window < length && (gsize) (stop - (data + i)) + 4 > window)
        {
          i = stop - data;
          continue;
        }
      *end = stop;
      return FALSE;
    }
  return TRUE;
}

/* Reads and checks the document; FALSE with @error set on a syntax error (the checker's
 * problems are then dropped). */
static gboolean
read_document (Checker     *checker,
               const char  *name,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GArray) nodes = g_array_sized_new (FALSE, FALSE, sizeof (JNode), 256);
  Reader reader = { name, data, length, 0, 0, nodes, checker, NULL };
  const char *end = NULL;
  gboolean blank = TRUE;
  guint32 root;

  for (gsize i = 0; i < length && blank; i++)
    blank = g_ascii_isspace (data[i]);
  if (blank)
    {
      g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE, _("%s: the file is empty"), name);
      return FALSE;
    }
  if (!validate_utf8 (data, length, &end))
    {
      guint line, column;

      locate (data, end - data, &line, &column);
      g_set_error (error, AMW_ERROR, AMW_ERROR_PARSE,
                   _("%s:%u:%u: not valid UTF-8 text (is this a JSON file?)"), name, line, column);
      return FALSE;
    }

  checker->data = data;
  g_array_set_size (nodes, 1);
  skip_space (&reader);
  if (reader.pos < length && data[reader.pos] == '/')
    reader_error (&reader, reader.pos, _("comments are not allowed in JSON"));
  /* An AMW document is one object. */
  else if (data[reader.pos] != '{')
    reader_error (&reader, reader.pos, _("expected a JSON object (“{”) here"));
  else
    {
      root = add_node (&reader, J_OBJECT);
      if (read_object_value (&reader, root, TRUE))
        {
          skip_space (&reader);
          if (reader.pos < length)
            reader_error (&reader, reader.pos, _("more content after the end of the document"));
          else
            {
              checker->nodes = (const JNode *) nodes->data;
              check_document (checker, reader_node (&reader, root));
            }
        }
    }
  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return FALSE;
    }
  return TRUE;
}

static AmwImportPlan *
check_data (Checker     *checker,
            const char  *name,
            const char  *shown_name,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(AmwImportPlan) plan = g_new0 (AmwImportPlan, 1);
  gboolean store_empty;
  gboolean read;

  plan->name = g_strdup (name);
  plan->shown_name = g_strdup (shown_name);
  plan->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_article_free);
  plan->companies = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_company_free);
  plan->events = g_ptr_array_new_with_free_func ((GDestroyNotify) amw_event_free);
  checker->plan = plan;

  read = read_document (checker, shown_name, data, length, error);
  if (read)
    check_references (checker);
  if (!read || checker->n_problems > 0)
    return NULL;

  /* Into an empty database everything is new, without a look-up per record. */
  store_empty = amw_store_is_empty (checker->store);
  for (guint i = 0; i < plan->articles->len; i++)
    {
      if (!store_empty && amw_store_has_article (checker->store, ((AmwArticle *) g_ptr_array_index (plan->articles, i))->id))
        checker->report->n_articles_updated++;
      else
        checker->report->n_articles_new++;
    }
  for (guint i = 0; i < plan->companies->len; i++)
    {
      if (!store_empty && amw_store_has_company (checker->store, ((AmwCompany *) g_ptr_array_index (plan->companies, i))->id))
        checker->report->n_companies_updated++;
      else
        checker->report->n_companies_new++;
    }
  for (guint i = 0; i < plan->events->len; i++)
    {
      if (!store_empty && amw_store_has_event (checker->store, ((AmwEvent *) g_ptr_array_index (plan->events, i))->id))
        checker->report->n_events_updated++;
      else
        checker->report->n_events_new++;
    }
  return g_steal_pointer (&plan);
}

static GError *
too_large_error (const char *shown_name)
{
  return g_error_new (AMW_ERROR, AMW_ERROR_INVALID,
                      _("%s: the file is larger than %u MiB, the most an import reads"),
                      shown_name, (guint) (MAX_FILE_BYTES >> 20));
}

/* A report of one problem: why the file could not be read. */
static AmwImportReport *
report_for_error (const GError *error)
{
  AmwImportReport *report = g_new0 (AmwImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (report->problems, g_strdup (error->message));
  return report;
}

/* TRUE once @data holds the first character of the document proper (after a byte order
 * mark and white space) and it cannot start one: no more of the file is needed for the
 * checker to refuse it there, and @length is cut after that character. @scanned: how far
 * only a mark and white space were seen, G_MAXSIZE once the document starts well. */
static gboolean
cannot_be_json (const char *data,
                gsize      *length,
                gsize      *scanned)
{
  static const char bom[] = "\xef\xbb\xbf";
  gsize i = *scanned;
  gsize end;

  if (i == G_MAXSIZE)
    return FALSE;
  if (i == 0 && memcmp (data, bom, MIN (*length, 3)) == 0)
    {
      if (*length < 3)
        return FALSE;
      i = 3;
    }
  while (i < *length && g_ascii_isspace (data[i]))
    i++;
  *scanned = i;
  if (i >= *length)
    return FALSE;
  if (data[i] == '{')
    {
      *scanned = G_MAXSIZE;
      return FALSE;
    }
  end = i + MAX (g_utf8_skip[(guchar) data[i]], 1);
  if (end > *length)
    return FALSE;   /* the rest of the character is still to come */
  *length = end;
  return TRUE;
}

/* Reads a file of at most MAX_FILE_BYTES, in chunks: a larger regular file is refused
 * before reading, and a device or pipe (/dev/zero) when it passes the limit, or at once
 * when its first byte cannot start a document. */
static gboolean
load_file (const char  *path,
           const char  *shown_name,
           char       **data_out,
           gsize       *length_out,
           GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0, allocated, scanned = 0;
  struct stat info;
  gboolean regular;
  int fd;

  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      int saved = errno;

      g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not open %s: %s"), shown_name, g_strerror (saved));
      return FALSE;
    }
  regular = fstat (fd, &info) == 0 && S_ISREG (info.st_mode);
  if (regular && (guint64) info.st_size > MAX_FILE_BYTES)
    {
      close (fd);
      g_propagate_error (error, too_large_error (shown_name));
      return FALSE;
    }
  /* A regular file fits with room to see its end (and the final NUL) without growing. */
  allocated = regular ? (gsize) info.st_size + 2 : READ_CHUNK;
  data = g_try_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (data != NULL && allocated - length < 2)
        {
          char *larger;

          allocated = MIN (allocated * 2, MAX_FILE_BYTES + 2);
          if ((larger = g_try_realloc (data, allocated)) == NULL)
            g_clear_pointer (&data, g_free);
          data = larger;
        }
      /* A gigabyte may not be there to have: a message, not an abort. */
      n = data == NULL ? (errno = ENOMEM, -1) : read (fd, data + length, MIN (allocated - length - 1, READ_CHUNK));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, AMW_ERROR, AMW_ERROR_IO, _("Could not read %s: %s"), shown_name, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      length += n;
      if (length > MAX_FILE_BYTES)
        {
          close (fd);
          g_propagate_error (error, too_large_error (shown_name));
          return FALSE;
        }
      if (cannot_be_json (data, &length, &scanned))
        break;
    }
  close (fd);
  data[length] = '\0';
  *data_out = g_steal_pointer (&data);
  *length_out = length;
  return TRUE;
}

AmwImportPlan *
amw_import_plan_load_data (AmwStore          *store,
                           const char        *name,
                           const char        *data,
                           gsize              length,
                           AmwImportReport  **report_out,
                           GError           **error)
{
  g_autoptr(AmwImportReport) report = g_new0 (AmwImportReport, 1);
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *shown_name = NULL;
  AmwImportPlan *plan;
  Checker checker = { store, report, 0 };

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  shown_name = amw_message_escape (name, -1, 0);
  if (length > MAX_FILE_BYTES)
    {
      g_autoptr(GError) size_error = too_large_error (shown_name);

      if (report_out != NULL)
        *report_out = report_for_error (size_error);
      g_propagate_error (error, g_steal_pointer (&size_error));
      return NULL;
    }
  report->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_SECTIONS; i++)
    checker.problems[i] = g_ptr_array_new_with_free_func (g_free);
  checker.article_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  checker.company_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  checker.event_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  checker.seen.articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.seen.companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.seen.events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.seen.rounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  checker.folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Some editors start UTF-8 files with a byte order mark; it is not part of the JSON. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  plan = check_data (&checker, name, shown_name, data, length, &parse_error);
  if (parse_error != NULL)
    {
      g_ptr_array_add (report->problems, g_strdup (parse_error->message));
      g_propagate_error (error, g_steal_pointer (&parse_error));
    }
  else
    {
      /* The problems of each part, in the order of the parts. */
      for (guint i = 0; i < N_SECTIONS; i++)
        for (guint j = 0; j < checker.problems[i]->len && report->problems->len < MAX_PROBLEMS; j++)
          g_ptr_array_add (report->problems, g_strdup (g_ptr_array_index (checker.problems[i], j)));
      if (plan == NULL && checker.n_problems > 1)
        g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID,
                     ngettext ("%s: %s (and %u more problem)", "%s: %s (and %u more problems)",
                               checker.n_problems - 1), shown_name,
                     (const char *) g_ptr_array_index (report->problems, 0), checker.n_problems - 1);
      else if (plan == NULL)
        g_set_error (error, AMW_ERROR, AMW_ERROR_INVALID, "%s: %s", shown_name,
                     (const char *) g_ptr_array_index (report->problems, 0));
    }

  for (guint i = 0; i < N_SECTIONS; i++)
    g_ptr_array_unref (checker.problems[i]);
  g_array_unref (checker.article_indexes);
  g_array_unref (checker.company_indexes);
  g_array_unref (checker.event_indexes);
  g_hash_table_unref (checker.seen.articles);
  g_hash_table_unref (checker.seen.companies);
  g_hash_table_unref (checker.seen.events);
  g_hash_table_unref (checker.seen.rounds);
  g_hash_table_unref (checker.folded);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return plan;
}

AmwImportPlan *
amw_import_plan_load (AmwStore          *store,
                      const char        *path,
                      AmwImportReport  **report,
                      GError           **error)
{
  g_autofree char *data = NULL;
  g_autofree char *shown_name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  shown_name = amw_message_escape (path, -1, 0);
  if (!load_file (path, shown_name, &data, &length, &local_error))
    {
      if (report != NULL)
        *report = report_for_error (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return amw_import_plan_load_data (store, path, data, length, report, error);
}

static void
report_step (guint64         *done,
             guint64          total,
             AmwProgressFunc  progress,
             gpointer         user_data)
{
  (*done)++;
  if (progress != NULL && (*done % 256 == 0 || *done == total))
    progress (*done, total, user_data);
}

gboolean
amw_import_plan_apply (AmwStore         *store,
                       AmwImportPlan    *plan,
                       AmwProgressFunc   progress,
                       gpointer          user_data,
                       GError          **error)
{
  AmwStoreImport *import;
  guint64 total, done = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (AMW_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  /* Everything is written in one transaction: on any error nothing is changed. */
  if ((import = amw_store_import_begin (store, plan->articles, error)) == NULL)
    {
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->shown_name);
      return FALSE;
    }
  total = plan->companies->len * 2 + plan->articles->len * 2 + plan->events->len +
          amw_store_import_commit_steps (import);

#define STEP() report_step (&done, total, progress, user_data)

  /* Order matters: articles link companies, rounds and events cite articles, and
   * connections may point at any article or event. */
  for (guint i = 0; ok && i < plan->companies->len; i++, STEP ())
    ok = amw_store_import_company (import, g_ptr_array_index (plan->companies, i), error);
  for (guint i = 0; ok && i < plan->articles->len; i++, STEP ())
    ok = amw_store_import_article (import, g_ptr_array_index (plan->articles, i), error);
  for (guint i = 0; ok && i < plan->companies->len; i++, STEP ())
    ok = amw_store_import_funding_rounds (import, g_ptr_array_index (plan->companies, i), error);
  for (guint i = 0; ok && i < plan->events->len; i++, STEP ())
    ok = amw_store_import_event (import, g_ptr_array_index (plan->events, i), error);
  for (guint i = 0; ok && i < plan->articles->len; i++, STEP ())
    ok = amw_store_import_connections (import, g_ptr_array_index (plan->articles, i), error);
#undef STEP

  if (!ok)
    {
      amw_store_import_abort (import);
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->shown_name);
      return FALSE;
    }
  if (!amw_store_import_commit (import, plan->name, plan->articles->len, plan->companies->len,
                                plan->events->len, progress, user_data, done, total, error))
    {
      g_prefix_error (error, _("Import of %s failed, nothing was changed: "), plan->shown_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
amw_import_file (AmwStore          *store,
                 const char        *path,
                 AmwImportReport  **report,
                 GError           **error)
{
  g_autoptr(AmwImportPlan) plan = amw_import_plan_load (store, path, report, error);

  return plan != NULL && amw_import_plan_apply (store, plan, NULL, NULL, error);
}
