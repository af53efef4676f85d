/* amw-message.h — text from a file or a database, made fit for a one-line message */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of a key or value a message quotes. */
#define AMW_MESSAGE_QUOTE_CHARS 60

char *amw_message_escape (const char *text,
                          gssize      length,
                          guint       max_chars);
char *amw_message_quote  (const char *text);

G_END_DECLS
