/* amw-edit-article-dialog.h — edit one article's metadata, saved as one undoable command */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_EDIT_ARTICLE_DIALOG (amw_edit_article_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwEditArticleDialog, amw_edit_article_dialog, AMW, EDIT_ARTICLE_DIALOG, AdwWindow)

/* A modal dialog over @parent for the article @article_id; not yet presented. */
GtkWidget  *amw_edit_article_dialog_new          (GtkWindow            *parent,
                                                  AmwStore             *store,
                                                  const char           *article_id);
const char *amw_edit_article_dialog_get_article_id (AmwEditArticleDialog *self);
/* TRUE when every field is valid and something differs from the stored article. */
gboolean    amw_edit_article_dialog_get_can_save (AmwEditArticleDialog *self);
/* TRUE when the fields differ from the stored article (Cancel will ask first). */
gboolean    amw_edit_article_dialog_has_changes  (AmwEditArticleDialog *self);
/* Saves what Save would, as one command, without closing the dialog. On failure the
 * message is also shown in the dialog. */
gboolean    amw_edit_article_dialog_save         (AmwEditArticleDialog *self,
                                                  GError              **error);

G_END_DECLS
