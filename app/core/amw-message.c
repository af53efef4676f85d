/* amw-message.c — text from a file or a database, made fit for a one-line message.
 *
 * Keys, values, file names and SQLite's own reports go into messages that a terminal
 * prints and a dialog shows on one line: an escape sequence in a key must not rewrite the
 * terminal, a newline must not split the message, and a 10 MB key must not make a 10 MB
 * message. Every such text passes through here. */
#include "amw-message.h"

#include <string.h>

/* Characters shown as escapes: C0 and C1 controls, DEL, the Unicode line and paragraph
 * separators and the bidirectional overrides (which reorder the rest of the line). */
static gboolean
needs_escape (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
         c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

/* Writes @c as it is shown into @piece (room for 8 bytes); returns its characters. */
static guint
show_char (gunichar c,
           char    *piece)
{
  switch (c)
    {
    case '\n': strcpy (piece, "\\n"); return 2;
    case '\r': strcpy (piece, "\\r"); return 2;
    case '\t': strcpy (piece, "\\t"); return 2;
    default:
      break;
    }
  if (needs_escape (c))
    {
      g_snprintf (piece, 8, "\\u%04x", c);
      return 6;
    }
  piece[g_unichar_to_utf8 (c, piece)] = '\0';
  return 1;
}

/* @text (@length bytes, or up to its NUL when negative) with control characters escaped
 * (ESC as \u001b, a newline as \n) and broken UTF-8 shown as U+FFFD; cut to @max_chars
 * characters with an ellipsis when longer (0: never cut). Only what is shown is read, so
 * a huge text costs no more than a short one. */
char *
amw_message_escape (const char *text,
                    gssize      length,
                    guint       max_chars)
{
  GString *out;
  const char *p, *end;
  guint n_chars = 0;

  if (text == NULL)
    return g_strdup ("");
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  out = g_string_sized_new (MIN ((gsize) (end - text), 256) + 1);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize size;
      char piece[8];
      guint width;

      if (*p == '\0')
        {
          c = 0;
          size = 1;
        }
      else if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          c = 0xfffd;
          size = 1;
        }
      else
        size = g_utf8_next_char (p) - p;
      width = show_char (c, piece);
      if (max_chars > 0 && n_chars + width > max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append (out, piece);
      n_chars += width;
      p += size;
    }
  return g_string_free (out, FALSE);
}

/* “@text”, escaped and cut to AMW_MESSAGE_QUOTE_CHARS characters. */
char *
amw_message_quote (const char *text)
{
  g_autofree char *shown = amw_message_escape (text, -1, AMW_MESSAGE_QUOTE_CHARS);

  return g_strconcat ("“", shown, "”", NULL);
}
