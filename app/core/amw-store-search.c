/* amw-store-search.c — the word being typed, as the words of the index that begin with it.
 *
 * The last word of a search is a prefix (amw_search_text_to_fts ()). The FTS index has
 * prefix lists for two and three characters only; for a longer prefix, FTS5 (3.40) reads
 * the lists of every word it begins in full and merges them before it returns the first
 * row: 115–155 ms over a million articles for "model rele", at every keystroke. The index
 * itself knows which words begin with the prefix, and finding each takes a seek
 * (fts5vocab, one row at a time), so the prefix becomes "release OR released OR …": FTS5
 * merges such an OR lazily in key order, and a date-sorted page stops after its rows.
 *
 * The same rows match either way. The words are looked up again after any change (the
 * cache is cleared with the anchors), and a prefix that begins many words stays a prefix:
 * looking each up would cost more than the merge. */
#include "amw-config.h"
#include "amw-store-private.h"

#include <string.h>

/* Shorter prefixes have their own lists in the index (prefix='2 3'). */
#define EXPAND_MIN_CHARS 4
#define EXPAND_MAX_WORDS 16

static const char search_terms_sql[] =
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.amw_search_terms"
  " USING fts5vocab (main, articles_fts, instance)";
/* The first word from ?1 on, below ?2: a seek, whatever the word's list holds. */
static const char next_term_sql[] =
  "SELECT term FROM temp.amw_search_terms WHERE term >= ?1 AND term < ?2 LIMIT 1";

/* The prefix that ends @fts ("… \"rele\"*"), lowercased, when it is plain ASCII letters and
 * digits: the tokenizer leaves those as they are but for case, so the index holds them
 * as typed. @head_len is the length of what comes before it. */
static char *
last_prefix (const char *fts,
             gsize      *head_len)
{
  gsize len = strlen (fts);
  gsize close, open;

  if (len < 3 || fts[len - 1] != '*' || fts[len - 2] != '"')
    return NULL;
  close = len - 2;
  for (open = close; open > 0 && g_ascii_isalnum (fts[open - 1]); open--)
    ;
  if (open == 0 || fts[open - 1] != '"' || close - open < EXPAND_MIN_CHARS)
    return NULL;
  open--;
  if (open > 0 && fts[open - 1] != ' ')
    return NULL;
  *head_len = open;
  return g_ascii_strdown (fts + open + 1, close - open - 1);
}

static gboolean
ensure_search_terms (AmwStore *self)
{
  if (self->search_terms_ready)
    return TRUE;
  if (sqlite3_exec (self->db, search_terms_sql, NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  self->search_terms_ready = TRUE;
  return TRUE;
}

/* The words of the index that begin with @prefix; NULL when there are more than
 * EXPAND_MAX_WORDS or they cannot be read. */
static GPtrArray *
words_beginning (AmwStore   *self,
                 const char *prefix)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = g_strdup (prefix);
  g_autofree char *below = g_strdup (prefix);
  sqlite3_stmt *stmt;

  if (!ensure_search_terms (self) ||
      (stmt = amw_store_prepare_cached (self, self->shaped_stmts, next_term_sql, NULL)) == NULL)
    return NULL;
  /* Every word that begins with "rele" sorts before "relf". */
  below[strlen (below) - 1]++;
  for (;;)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, below, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *term = (const char *) sqlite3_column_text (stmt, 0);

          if (term == NULL || words->len == EXPAND_MAX_WORDS)
            rc = SQLITE_ERROR;
          else
            {
              g_ptr_array_add (words, g_strdup (term));
              g_free (from);
              /* The least text after the word: the next word, not its next instance. */
              from = g_strconcat (term, "\001", NULL);
            }
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          sqlite3_clear_bindings (stmt);
          return NULL;
        }
    }
  sqlite3_clear_bindings (stmt);
  return g_steal_pointer (&words);
}

static void
append_quoted (GString    *fts,
               const char *word)
{
  g_string_append_c (fts, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (fts, '"');
      g_string_append_c (fts, *p);
    }
  g_string_append_c (fts, '"');
}

static char *
expand (AmwStore   *self,
        const char *fts)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *prefix = NULL;
  GString *expanded;
  gsize head_len = 0;

  prefix = last_prefix (fts, &head_len);
  /* No word at all: the prefix matches nothing either way, and costs nothing. */
  if (prefix == NULL || (words = words_beginning (self, prefix)) == NULL || words->len == 0)
    return g_strdup (fts);
  expanded = g_string_new_len (fts, head_len);
  if (head_len > 0)
    g_string_append (expanded, "AND ");
  g_string_append_c (expanded, '(');
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append (expanded, " OR ");
      append_quoted (expanded, g_ptr_array_index (words, i));
    }
  g_string_append_c (expanded, ')');
  return g_string_free (expanded, FALSE);
}

char *
amw_store_expand_fts (AmwStore   *self,
                      const char *fts)
{
  if (fts == NULL)
    return NULL;
  if (self->expanded_fts_key == NULL || strcmp (self->expanded_fts_key, fts) != 0)
    {
      g_free (self->expanded_fts);
      self->expanded_fts = expand (self, fts);
      g_free (self->expanded_fts_key);
      self->expanded_fts_key = g_strdup (fts);
    }
  return g_strdup (self->expanded_fts);
}

void
amw_store_forget_expanded_fts (AmwStore *self)
{
  g_clear_pointer (&self->expanded_fts_key, g_free);
  g_clear_pointer (&self->expanded_fts, g_free);
}
