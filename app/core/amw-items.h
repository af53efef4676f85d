/* amw-items.h — the immutable row objects that list models hand to views */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AMW_TYPE_ARTICLE_ITEM (amw_article_item_get_type ())
G_DECLARE_FINAL_TYPE (AmwArticleItem, amw_article_item, AMW, ARTICLE_ITEM, GObject)

#define AMW_TYPE_COMPANY_ITEM (amw_company_item_get_type ())
G_DECLARE_FINAL_TYPE (AmwCompanyItem, amw_company_item, AMW, COMPANY_ITEM, GObject)

#define AMW_TYPE_TIMELINE_ITEM (amw_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (AmwTimelineItem, amw_timeline_item, AMW, TIMELINE_ITEM, GObject)

/* Article row: everything the article list shows. Strings are never NULL. */
AmwArticleItem *amw_article_item_new (gint64      pk,
                                      const char *id,
                                      const char *title,
                                      const char *source,
                                      const char *published,
                                      const char *status,
                                      int         novelty,
                                      int         significance,
                                      const char *tags);
gint64      amw_article_item_get_pk           (AmwArticleItem *self);
const char *amw_article_item_get_id           (AmwArticleItem *self);
const char *amw_article_item_get_title        (AmwArticleItem *self);
const char *amw_article_item_get_source       (AmwArticleItem *self);
const char *amw_article_item_get_published    (AmwArticleItem *self);
const char *amw_article_item_get_status       (AmwArticleItem *self);
int         amw_article_item_get_novelty      (AmwArticleItem *self);
int         amw_article_item_get_significance (AmwArticleItem *self);
/* Tags joined with ", ". */
const char *amw_article_item_get_tags         (AmwArticleItem *self);
gboolean    amw_article_item_equal            (AmwArticleItem *a,
                                               AmwArticleItem *b);

/* Company row. total_raised_usd_minor is -1 when no round has a USD value. */
AmwCompanyItem *amw_company_item_new (const char *id,
                                      const char *name,
                                      const char *sector,
                                      const char *hq,
                                      gint64      total_raised_usd_minor,
                                      const char *latest_round_type,
                                      const char *latest_round_date);
const char *amw_company_item_get_id                (AmwCompanyItem *self);
const char *amw_company_item_get_name              (AmwCompanyItem *self);
const char *amw_company_item_get_sector            (AmwCompanyItem *self);
const char *amw_company_item_get_hq                (AmwCompanyItem *self);
gint64      amw_company_item_get_total_raised      (AmwCompanyItem *self);
const char *amw_company_item_get_latest_round_type (AmwCompanyItem *self);
const char *amw_company_item_get_latest_round_date (AmwCompanyItem *self);
gboolean    amw_company_item_equal                 (AmwCompanyItem *a,
                                                    AmwCompanyItem *b);

/* Timeline entry: an event, or an article at its published date (kind "article"). */
AmwTimelineItem *amw_timeline_item_new (const char *kind,
                                        const char *id,
                                        const char *date,
                                        const char *precision,
                                        const char *title,
                                        const char *company_id,
                                        const char *company_name,
                                        const char *article_id);
const char *amw_timeline_item_get_kind         (AmwTimelineItem *self);
const char *amw_timeline_item_get_id           (AmwTimelineItem *self);
const char *amw_timeline_item_get_date         (AmwTimelineItem *self);
const char *amw_timeline_item_get_precision    (AmwTimelineItem *self);
const char *amw_timeline_item_get_title        (AmwTimelineItem *self);
/* The first company of the entry, or "" */
const char *amw_timeline_item_get_company_id   (AmwTimelineItem *self);
const char *amw_timeline_item_get_company_name (AmwTimelineItem *self);
/* The article to open: the article itself, or the event's source article, or "" */
const char *amw_timeline_item_get_article_id   (AmwTimelineItem *self);
gboolean    amw_timeline_item_equal            (AmwTimelineItem *a,
                                                AmwTimelineItem *b);

G_END_DECLS
