/* amw-article-pane.h — one article as the site shows it */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_ARTICLE_PANE (amw_article_pane_get_type ())
G_DECLARE_FINAL_TYPE (AmwArticlePane, amw_article_pane, AMW, ARTICLE_PANE, GtkWidget)

/* Signals: "open-article" (string id), "open-company" (string id). */
GtkWidget  *amw_article_pane_new            (void);
void        amw_article_pane_set_store      (AmwArticlePane *self,
                                             AmwStore       *store);
/* Shows @id (NULL: nothing selected). */
void        amw_article_pane_show_article   (AmwArticlePane *self,
                                             const char     *id);
/* Shows that @n articles are selected (n > 1). */
void        amw_article_pane_show_selection (AmwArticlePane *self,
                                             guint           n);
const char *amw_article_pane_get_article_id (AmwArticlePane *self);

G_END_DECLS
