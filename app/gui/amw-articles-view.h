/* amw-articles-view.h — filters, the article list and the article pane */
#pragma once

#include <gtk/gtk.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_ARTICLES_VIEW (amw_articles_view_get_type ())
G_DECLARE_FINAL_TYPE (AmwArticlesView, amw_articles_view, AMW, ARTICLES_VIEW, GtkWidget)

/* Signals: "open-article", "open-company" (string id) — navigation requests for the window.
 * Property "article-id": the article the pane shows. */
GtkWidget  *amw_articles_view_new              (AmwStore        *store);
AmwQuery   *amw_articles_view_get_query        (AmwArticlesView *self);
GListModel *amw_articles_view_get_model        (AmwArticlesView *self);
/* Shows @id in the pane, selecting its row when it is in the list. */
void        amw_articles_view_show_article     (AmwArticlesView *self,
                                                const char      *id);
const char *amw_articles_view_get_article_id   (AmwArticlesView *self);
/* Ids of the selected rows (only those loaded; a selection is what the user sees). */
GStrv       amw_articles_view_get_selected_ids (AmwArticlesView *self);
void        amw_articles_view_focus_search     (AmwArticlesView *self);
void        amw_articles_view_toggle_filters   (AmwArticlesView *self);

G_END_DECLS
