/* amw-tags-dialog.h — the tags of one or many articles, edited at once */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_TAGS_DIALOG (amw_tags_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwTagsDialog, amw_tags_dialog, AMW, TAGS_DIALOG, AdwWindow)

/* Tags on every article of @article_ids show plainly, tags on some of them as "mixed".
 * Each action is one store command, applied at once. Returned unpresented. */
GtkWidget *amw_tags_dialog_new (GtkWindow          *parent,
                                AmwStore           *store,
                                const char * const *article_ids);

G_END_DECLS
