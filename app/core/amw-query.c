/* amw-query.c — the article query object and the search-text parser */
#include "amw-query.h"
#include "amw-records.h"

#include <string.h>

struct _AmwQuery
{
  GObject     parent_instance;
  char       *search;
  char       *fts;
  GStrv       statuses;
  GStrv       tags;
  GStrv       areas;
  GStrv       companies;
  int         novelty_min, novelty_max;
  int         significance_min, significance_max;
  char       *since;
  char       *until;
  gboolean    incomplete;
  AmwSortKey  sort_key;
  gboolean    descending;
};

G_DEFINE_FINAL_TYPE (AmwQuery, amw_query, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (AmwQuery *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
amw_query_finalize (GObject *object)
{
  AmwQuery *self = AMW_QUERY (object);

  g_free (self->search);
  g_free (self->fts);
  g_strfreev (self->statuses);
  g_strfreev (self->tags);
  g_strfreev (self->areas);
  g_strfreev (self->companies);
  g_free (self->since);
  g_free (self->until);
  G_OBJECT_CLASS (amw_query_parent_class)->finalize (object);
}

static void
amw_query_class_init (AmwQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = amw_query_finalize;

  /* Emitted whenever anything about the query changes. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
amw_query_init (AmwQuery *self)
{
  self->sort_key = AMW_SORT_PUBLISHED;
  self->descending = TRUE;
}

AmwQuery *
amw_query_new (void)
{
  return g_object_new (AMW_TYPE_QUERY, NULL);
}

AmwQuery *
amw_query_copy (AmwQuery *self)
{
  AmwQuery *copy;

  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);

  copy = amw_query_new ();
  copy->search = g_strdup (self->search);
  copy->fts = g_strdup (self->fts);
  copy->statuses = g_strdupv (self->statuses);
  copy->tags = g_strdupv (self->tags);
  copy->areas = g_strdupv (self->areas);
  copy->companies = g_strdupv (self->companies);
  copy->novelty_min = self->novelty_min;
  copy->novelty_max = self->novelty_max;
  copy->significance_min = self->significance_min;
  copy->significance_max = self->significance_max;
  copy->since = g_strdup (self->since);
  copy->until = g_strdup (self->until);
  copy->incomplete = self->incomplete;
  copy->sort_key = self->sort_key;
  copy->descending = self->descending;
  return copy;
}

const char *
amw_query_get_search (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);
  return self->search;
}

void
amw_query_set_search (AmwQuery   *self,
                      const char *text)
{
  g_return_if_fail (AMW_IS_QUERY (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->search, text) == 0)
    return;
  amw_set_str (&self->search, text);
  g_free (self->fts);
  self->fts = amw_search_text_to_fts (text);
  emit_changed (self);
}

const char *
amw_query_get_fts (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);
  return self->fts;
}

static gboolean
set_strv (GStrv              *slot,
          const char * const *value)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;
  if (*slot == NULL && value == NULL)
    return FALSE;
  if (*slot != NULL && value != NULL && g_strv_equal ((const char * const *) *slot, value))
    return FALSE;
  g_strfreev (*slot);
  *slot = g_strdupv ((char **) value);
  return TRUE;
}

#define STRV_ACCESSORS(field)                                                \
  const char * const *                                                       \
  amw_query_get_##field (AmwQuery *self)                                     \
  {                                                                          \
    g_return_val_if_fail (AMW_IS_QUERY (self), NULL);                        \
    return (const char * const *) self->field;                               \
  }                                                                          \
  void                                                                       \
  amw_query_set_##field (AmwQuery *self, const char * const *value)          \
  {                                                                          \
    g_return_if_fail (AMW_IS_QUERY (self));                                  \
    if (set_strv (&self->field, value))                                      \
      emit_changed (self);                                                   \
  }

STRV_ACCESSORS (statuses)
STRV_ACCESSORS (tags)
STRV_ACCESSORS (areas)
STRV_ACCESSORS (companies)

static void
normalize_range (int *min,
                 int *max)
{
  *min = CLAMP (*min, 0, 5);
  *max = CLAMP (*max, 0, 5);
  if (*min == 0 && *max == 0)
    return;
  if (*min == 0)
    *min = 1;
  if (*max == 0)
    *max = 5;
  if (*min > *max)
    {
      int tmp = *min;
      *min = *max;
      *max = tmp;
    }
}

void
amw_query_get_novelty_range (AmwQuery *self, int *min, int *max)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  *min = self->novelty_min;
  *max = self->novelty_max;
}

void
amw_query_set_novelty_range (AmwQuery *self, int min, int max)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  normalize_range (&min, &max);
  if (min == self->novelty_min && max == self->novelty_max)
    return;
  self->novelty_min = min;
  self->novelty_max = max;
  emit_changed (self);
}

void
amw_query_get_significance_range (AmwQuery *self, int *min, int *max)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  *min = self->significance_min;
  *max = self->significance_max;
}

void
amw_query_set_significance_range (AmwQuery *self, int min, int max)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  normalize_range (&min, &max);
  if (min == self->significance_min && max == self->significance_max)
    return;
  self->significance_min = min;
  self->significance_max = max;
  emit_changed (self);
}

const char *
amw_query_get_since (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);
  return self->since;
}

void
amw_query_set_since (AmwQuery   *self,
                     const char *date)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  if (date != NULL && *date == '\0')
    date = NULL;
  if (amw_set_str (&self->since, date))
    emit_changed (self);
}

const char *
amw_query_get_until (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);
  return self->until;
}

void
amw_query_set_until (AmwQuery   *self,
                     const char *date)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  if (date != NULL && *date == '\0')
    date = NULL;
  if (amw_set_str (&self->until, date))
    emit_changed (self);
}

gboolean
amw_query_get_incomplete (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), FALSE);
  return self->incomplete;
}

void
amw_query_set_incomplete (AmwQuery *self,
                          gboolean  incomplete)
{
  g_return_if_fail (AMW_IS_QUERY (self));

  incomplete = !!incomplete;
  if (self->incomplete == incomplete)
    return;
  self->incomplete = incomplete;
  emit_changed (self);
}

AmwSortKey
amw_query_get_sort_key (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), AMW_SORT_PUBLISHED);
  return self->sort_key;
}

gboolean
amw_query_get_descending (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), TRUE);
  return self->descending;
}

void
amw_query_set_sort (AmwQuery   *self,
                    AmwSortKey  key,
                    gboolean    descending)
{
  g_return_if_fail (AMW_IS_QUERY (self));
  g_return_if_fail (key < AMW_N_SORT_KEYS);

  descending = !!descending;
  if (self->sort_key == key && self->descending == descending)
    return;
  self->sort_key = key;
  self->descending = descending;
  emit_changed (self);
}

gboolean
amw_query_has_filters (AmwQuery *self)
{
  g_return_val_if_fail (AMW_IS_QUERY (self), FALSE);
  return self->search != NULL || self->statuses != NULL || self->tags != NULL ||
         self->areas != NULL || self->companies != NULL || self->novelty_min > 0 ||
         self->significance_min > 0 || self->since != NULL || self->until != NULL ||
         self->incomplete;
}

void
amw_query_clear_filters (AmwQuery *self)
{
  g_return_if_fail (AMW_IS_QUERY (self));

  if (!amw_query_has_filters (self))
    return;
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->fts, g_free);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->areas, g_strfreev);
  g_clear_pointer (&self->companies, g_strfreev);
  self->novelty_min = self->novelty_max = 0;
  self->significance_min = self->significance_max = 0;
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  self->incomplete = FALSE;
  emit_changed (self);
}

static void
describe_strv (GString            *out,
               const char         *label,
               const char * const *values)
{
  if (values == NULL)
    return;
  g_autofree char *joined = g_strjoinv (", ", (char **) values);
  g_string_append_printf (out, "%s%s %s", out->len ? "; " : "", label, joined);
}

char *
amw_query_describe (AmwQuery *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AMW_IS_QUERY (self), NULL);

  if (self->search != NULL)
    g_string_append_printf (out, "search “%s”", self->search);
  describe_strv (out, "status", (const char * const *) self->statuses);
  describe_strv (out, "tags", (const char * const *) self->tags);
  describe_strv (out, "areas", (const char * const *) self->areas);
  describe_strv (out, "companies", (const char * const *) self->companies);
  if (self->novelty_min > 0)
    g_string_append_printf (out, "%snovelty %d–%d", out->len ? "; " : "", self->novelty_min, self->novelty_max);
  if (self->significance_min > 0)
    g_string_append_printf (out, "%ssignificance %d–%d", out->len ? "; " : "", self->significance_min, self->significance_max);
  if (self->since != NULL)
    g_string_append_printf (out, "%ssince %s", out->len ? "; " : "", self->since);
  if (self->until != NULL)
    g_string_append_printf (out, "%suntil %s", out->len ? "; " : "", self->until);
  if (self->incomplete)
    g_string_append_printf (out, "%sincomplete", out->len ? "; " : "");
  if (out->len == 0)
    g_string_append (out, "all articles");
  return g_string_free (out, FALSE);
}

/* Appends @word as an FTS5 string ("" doubles inside quotes), so no user text is ever
 * read as FTS5 syntax. */
static void
append_fts_string (GString    *fts,
                   const char *word,
                   gsize       len)
{
  if (fts->len > 0)
    g_string_append_c (fts, ' ');
  g_string_append_c (fts, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (word[i] == '"')
        g_string_append_c (fts, '"');
      g_string_append_c (fts, word[i]);
    }
  g_string_append_c (fts, '"');
}

/* A "word" for the tokenizer: letters and digits (any script). Other characters separate. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

char *
amw_search_text_to_fts (const char *text)
{
  GString *fts;
  const char *p;
  glong last_word_chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  fts = g_string_new (NULL);
  last_word_chars = 0;
  p = text;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        {
          /* A quoted phrase: its words in order, no prefix matching. */
          const char *start = g_utf8_next_char (p);
          const char *end = strchr (start, '"');
          g_autoptr(GString) phrase = g_string_new (NULL);

          if (end == NULL)
            end = start + strlen (start);
          for (const char *q = start; q < end; q = g_utf8_next_char (q))
            {
              gunichar qc = g_utf8_get_char (q);
              if (is_word_char (qc))
                g_string_append_unichar (phrase, qc);
              else if (phrase->len > 0 && phrase->str[phrase->len - 1] != ' ')
                g_string_append_c (phrase, ' ');
            }
          g_strstrip (phrase->str);
          phrase->len = strlen (phrase->str);
          if (phrase->len > 0)
            {
              append_fts_string (fts, phrase->str, phrase->len);
              last_word_chars = 0;
            }
          p = *end ? end + 1 : end;
        }
      else if (is_word_char (c))
        {
          const char *start = p;

          while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          append_fts_string (fts, start, p - start);
          last_word_chars = g_utf8_strlen (start, p - start);
        }
      else
        p = g_utf8_next_char (p);
    }

  if (fts->len == 0)
    {
      g_string_free (fts, TRUE);
      return NULL;
    }
  /* Only the last word is a prefix: it is the one being typed. A prefix of two or three
   * characters reads one list of the FTS prefix index; any other prefix merges the lists
   * of every word it begins, which costs hundreds of milliseconds over a million
   * articles for each word of a search. One letter matches too much to mean anything. */
  if (last_word_chars >= 2)
    g_string_append_c (fts, '*');
  return g_string_free (fts, FALSE);
}
