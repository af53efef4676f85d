/* amw-entry-limits.h — text fields that hold no more than the exchange format allows */
#pragma once

#include <gtk/gtk.h>

#include "amw-limits.h"

G_BEGIN_DECLS

/* Lets @editable (a GtkEntry, an AdwEntryRow, a GtkText) hold at most @max_chars characters
 * (a limit of amw-limits.h): what is typed or pasted past it is cut there, as GtkEntry's
 * max-length does, instead of being refused by the store when the dialog saves. */
static inline void
amw_editable_set_max_chars (GtkEditable *editable,
                            int          max_chars)
{
  GtkEditable *text = editable;

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_editable_get_delegate (text);
  g_return_if_fail (text != NULL);
  gtk_text_set_max_length (GTK_TEXT (text), max_chars);
}

G_END_DECLS
