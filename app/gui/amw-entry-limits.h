/* amw-entry-limits.h — text fields that hold no more than the exchange format allows */
#pragma once

#include <gtk/gtk.h>

#include "amw-limits.h"

G_BEGIN_DECLS

static inline GtkText *
amw_editable_get_gtk_text (GtkEditable *editable)
{
  while (editable != NULL && !GTK_IS_TEXT (editable))
    editable = gtk_editable_get_delegate (editable);
  return (GtkText *) editable;
}

/* Lets @editable (a GtkEntry, an AdwEntryRow, a GtkText) hold at most @max_chars characters
 * (a limit of amw-limits.h): what is typed or pasted past it is cut there, as GtkEntry's
 * max-length does, instead of being refused by the store when the dialog saves. A text
 * already longer (written by another program) is never cut: the field then holds what it
 * holds, can only shrink, and saving it says what is too long. */
static inline void
amw_editable_set_max_chars (GtkEditable *editable,
                            int          max_chars)
{
  GtkText *text = amw_editable_get_gtk_text (editable);
  int current;

  g_return_if_fail (text != NULL);
  g_object_set_data (G_OBJECT (text), "amw-max-chars", GINT_TO_POINTER (max_chars));
  current = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (text)), -1);
  gtk_text_set_max_length (text, MAX (max_chars, current));
}

/* Sets @value as the text of @editable whole, however long, keeping the limit that
 * amw_editable_set_max_chars () gave it for what is typed afterwards. Setting the text
 * of a field with a max-length would cut it silently, and a save would then store the
 * cut text. */
static inline void
amw_editable_load_text (GtkEditable *editable,
                        const char  *value)
{
  GtkText *text = amw_editable_get_gtk_text (editable);
  int max_chars = text ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (text), "amw-max-chars")) : 0;

  if (text != NULL)
    gtk_text_set_max_length (text, 0);
  gtk_editable_set_text (editable, value != NULL ? value : "");
  if (text != NULL && max_chars > 0)
    amw_editable_set_max_chars (editable, max_chars);
}

G_END_DECLS
