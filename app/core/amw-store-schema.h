/* amw-store-schema.h — schema creation and migrations (used by amw-store.c only) */
#pragma once

#include <sqlite3.h>

#include "amw-store.h"

G_BEGIN_DECLS

/* Reads the version without writing; refuses foreign, damaged or newer files. @shown_path
 * names the file in messages (escaped: see amw_message_escape ()). */
gboolean amw_store_schema_inspect (sqlite3     *db,
                                   const char  *shown_path,
                                   int         *version_out,
                                   GError     **error);
gboolean amw_store_schema_migrate (sqlite3     *db,
                                   int          from_version,
                                   GError     **error);

G_END_DECLS
