/* amw-manage-tags-dialog.h — every tag with its usage: rename, merge, delete */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_MANAGE_TAGS_DIALOG (amw_manage_tags_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwManageTagsDialog, amw_manage_tags_dialog, AMW, MANAGE_TAGS_DIALOG, AdwWindow)

/* Returned unpresented. Each rename, merge or delete is one undoable store command. */
GtkWidget *amw_manage_tags_dialog_new (GtkWindow *parent,
                                       AmwStore  *store);

G_END_DECLS
