/* amw-ratings-dialog.h — Novelty and Significance of one or many articles */
#pragma once

#include <adwaita.h>

#include "amw-store.h"

G_BEGIN_DECLS

#define AMW_TYPE_RATINGS_DIALOG (amw_ratings_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AmwRatingsDialog, amw_ratings_dialog, AMW, RATINGS_DIALOG, AdwWindow)

/* Applies with one amw_store_rate_articles() command; a scale the user did not touch is
 * left as it is on every article. Returned unpresented. */
GtkWidget *amw_ratings_dialog_new (GtkWindow          *parent,
                                   AmwStore           *store,
                                   const char * const *article_ids);

G_END_DECLS
