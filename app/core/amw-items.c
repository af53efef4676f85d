/* amw-items.c — row objects; read-only properties so views can bind to them */
#include "amw-items.h"

#include <string.h>

#define NN(s) ((s) != NULL ? (s) : "")

struct _AmwArticleItem
{
  GObject parent_instance;
  gint64  pk;
  char   *id;
  char   *title;
  char   *source;
  char   *published;
  char   *status;
  int     novelty;
  int     significance;
  char   *tags;
};

G_DEFINE_FINAL_TYPE (AmwArticleItem, amw_article_item, G_TYPE_OBJECT)

enum {
  ARTICLE_PROP_0,
  ARTICLE_PROP_ID,
  ARTICLE_PROP_TITLE,
  ARTICLE_PROP_SOURCE,
  ARTICLE_PROP_PUBLISHED,
  ARTICLE_PROP_STATUS,
  ARTICLE_PROP_NOVELTY,
  ARTICLE_PROP_SIGNIFICANCE,
  ARTICLE_PROP_TAGS,
  ARTICLE_N_PROPS
};

static GParamSpec *article_props[ARTICLE_N_PROPS];

static void
amw_article_item_finalize (GObject *object)
{
  AmwArticleItem *self = AMW_ARTICLE_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->source);
  g_free (self->published);
  g_free (self->status);
  g_free (self->tags);
  G_OBJECT_CLASS (amw_article_item_parent_class)->finalize (object);
}

static void
amw_article_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AmwArticleItem *self = AMW_ARTICLE_ITEM (object);

  switch (prop_id)
    {
    case ARTICLE_PROP_ID: g_value_set_string (value, self->id); break;
    case ARTICLE_PROP_TITLE: g_value_set_string (value, self->title); break;
    case ARTICLE_PROP_SOURCE: g_value_set_string (value, self->source); break;
    case ARTICLE_PROP_PUBLISHED: g_value_set_string (value, self->published); break;
    case ARTICLE_PROP_STATUS: g_value_set_string (value, self->status); break;
    case ARTICLE_PROP_NOVELTY: g_value_set_int (value, self->novelty); break;
    case ARTICLE_PROP_SIGNIFICANCE: g_value_set_int (value, self->significance); break;
    case ARTICLE_PROP_TAGS: g_value_set_string (value, self->tags); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
rating_prop (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, 0, 5, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
amw_article_item_class_init (AmwArticleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = amw_article_item_finalize;
  object_class->get_property = amw_article_item_get_property;
  article_props[ARTICLE_PROP_ID] = string_prop ("id");
  article_props[ARTICLE_PROP_TITLE] = string_prop ("title");
  article_props[ARTICLE_PROP_SOURCE] = string_prop ("source");
  article_props[ARTICLE_PROP_PUBLISHED] = string_prop ("published");
  article_props[ARTICLE_PROP_STATUS] = string_prop ("status");
  article_props[ARTICLE_PROP_NOVELTY] = rating_prop ("novelty");
  article_props[ARTICLE_PROP_SIGNIFICANCE] = rating_prop ("significance");
  article_props[ARTICLE_PROP_TAGS] = string_prop ("tags");
  g_object_class_install_properties (object_class, ARTICLE_N_PROPS, article_props);
}

static void
amw_article_item_init (AmwArticleItem *self)
{
}

AmwArticleItem *
amw_article_item_new (gint64      pk,
                      const char *id,
                      const char *title,
                      const char *source,
                      const char *published,
                      const char *status,
                      int         novelty,
                      int         significance,
                      const char *tags)
{
  AmwArticleItem *self = g_object_new (AMW_TYPE_ARTICLE_ITEM, NULL);

  self->pk = pk;
  self->id = g_strdup (NN (id));
  self->title = g_strdup (NN (title));
  self->source = g_strdup (NN (source));
  self->published = g_strdup (NN (published));
  self->status = g_strdup (NN (status));
  self->novelty = novelty;
  self->significance = significance;
  self->tags = g_strdup (NN (tags));
  return self;
}

gint64 amw_article_item_get_pk (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), 0); return self->pk; }
const char *amw_article_item_get_id (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->id; }
const char *amw_article_item_get_title (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->title; }
const char *amw_article_item_get_source (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->source; }
const char *amw_article_item_get_published (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->published; }
const char *amw_article_item_get_status (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->status; }
int amw_article_item_get_novelty (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), 0); return self->novelty; }
int amw_article_item_get_significance (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), 0); return self->significance; }
const char *amw_article_item_get_tags (AmwArticleItem *self) { g_return_val_if_fail (AMW_IS_ARTICLE_ITEM (self), NULL); return self->tags; }

gboolean
amw_article_item_equal (AmwArticleItem *a,
                        AmwArticleItem *b)
{
  return a->pk == b->pk && a->novelty == b->novelty && a->significance == b->significance &&
         strcmp (a->id, b->id) == 0 && strcmp (a->title, b->title) == 0 &&
         strcmp (a->source, b->source) == 0 && strcmp (a->published, b->published) == 0 &&
         strcmp (a->status, b->status) == 0 && strcmp (a->tags, b->tags) == 0;
}

/* ---- companies ---- */

struct _AmwCompanyItem
{
  GObject parent_instance;
  char   *id;
  char   *name;
  char   *sector;
  char   *hq;
  gint64  total_raised;
  char   *latest_round_type;
  char   *latest_round_date;
};

G_DEFINE_FINAL_TYPE (AmwCompanyItem, amw_company_item, G_TYPE_OBJECT)

enum {
  COMPANY_PROP_0,
  COMPANY_PROP_ID,
  COMPANY_PROP_NAME,
  COMPANY_PROP_SECTOR,
  COMPANY_PROP_HQ,
  COMPANY_PROP_TOTAL_RAISED,
  COMPANY_PROP_LATEST_ROUND_TYPE,
  COMPANY_PROP_LATEST_ROUND_DATE,
  COMPANY_N_PROPS
};

static GParamSpec *company_props[COMPANY_N_PROPS];

static void
amw_company_item_finalize (GObject *object)
{
  AmwCompanyItem *self = AMW_COMPANY_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->sector);
  g_free (self->hq);
  g_free (self->latest_round_type);
  g_free (self->latest_round_date);
  G_OBJECT_CLASS (amw_company_item_parent_class)->finalize (object);
}

static void
amw_company_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AmwCompanyItem *self = AMW_COMPANY_ITEM (object);

  switch (prop_id)
    {
    case COMPANY_PROP_ID: g_value_set_string (value, self->id); break;
    case COMPANY_PROP_NAME: g_value_set_string (value, self->name); break;
    case COMPANY_PROP_SECTOR: g_value_set_string (value, self->sector); break;
    case COMPANY_PROP_HQ: g_value_set_string (value, self->hq); break;
    case COMPANY_PROP_TOTAL_RAISED: g_value_set_int64 (value, self->total_raised); break;
    case COMPANY_PROP_LATEST_ROUND_TYPE: g_value_set_string (value, self->latest_round_type); break;
    case COMPANY_PROP_LATEST_ROUND_DATE: g_value_set_string (value, self->latest_round_date); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_company_item_class_init (AmwCompanyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = amw_company_item_finalize;
  object_class->get_property = amw_company_item_get_property;
  company_props[COMPANY_PROP_ID] = string_prop ("id");
  company_props[COMPANY_PROP_NAME] = string_prop ("name");
  company_props[COMPANY_PROP_SECTOR] = string_prop ("sector");
  company_props[COMPANY_PROP_HQ] = string_prop ("hq");
  company_props[COMPANY_PROP_TOTAL_RAISED] =
    g_param_spec_int64 ("total-raised", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  company_props[COMPANY_PROP_LATEST_ROUND_TYPE] = string_prop ("latest-round-type");
  company_props[COMPANY_PROP_LATEST_ROUND_DATE] = string_prop ("latest-round-date");
  g_object_class_install_properties (object_class, COMPANY_N_PROPS, company_props);
}

static void
amw_company_item_init (AmwCompanyItem *self)
{
}

AmwCompanyItem *
amw_company_item_new (const char *id,
                      const char *name,
                      const char *sector,
                      const char *hq,
                      gint64      total_raised_usd_minor,
                      const char *latest_round_type,
                      const char *latest_round_date)
{
  AmwCompanyItem *self = g_object_new (AMW_TYPE_COMPANY_ITEM, NULL);

  self->id = g_strdup (NN (id));
  self->name = g_strdup (NN (name));
  self->sector = g_strdup (NN (sector));
  self->hq = g_strdup (NN (hq));
  self->total_raised = total_raised_usd_minor;
  self->latest_round_type = g_strdup (NN (latest_round_type));
  self->latest_round_date = g_strdup (NN (latest_round_date));
  return self;
}

const char *amw_company_item_get_id (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->id; }
const char *amw_company_item_get_name (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->name; }
const char *amw_company_item_get_sector (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->sector; }
const char *amw_company_item_get_hq (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->hq; }
gint64 amw_company_item_get_total_raised (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), -1); return self->total_raised; }
const char *amw_company_item_get_latest_round_type (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->latest_round_type; }
const char *amw_company_item_get_latest_round_date (AmwCompanyItem *self) { g_return_val_if_fail (AMW_IS_COMPANY_ITEM (self), NULL); return self->latest_round_date; }

gboolean
amw_company_item_equal (AmwCompanyItem *a,
                        AmwCompanyItem *b)
{
  return a->total_raised == b->total_raised && strcmp (a->id, b->id) == 0 &&
         strcmp (a->name, b->name) == 0 && strcmp (a->sector, b->sector) == 0 &&
         strcmp (a->hq, b->hq) == 0 && strcmp (a->latest_round_type, b->latest_round_type) == 0 &&
         strcmp (a->latest_round_date, b->latest_round_date) == 0;
}

/* ---- timeline ---- */

struct _AmwTimelineItem
{
  GObject parent_instance;
  char   *kind;
  char   *id;
  char   *date;
  char   *precision;
  char   *title;
  char   *company_id;
  char   *company_name;
  char   *article_id;
};

G_DEFINE_FINAL_TYPE (AmwTimelineItem, amw_timeline_item, G_TYPE_OBJECT)

enum {
  TIMELINE_PROP_0,
  TIMELINE_PROP_KIND,
  TIMELINE_PROP_ID,
  TIMELINE_PROP_DATE,
  TIMELINE_PROP_PRECISION,
  TIMELINE_PROP_TITLE,
  TIMELINE_PROP_COMPANY_ID,
  TIMELINE_PROP_COMPANY_NAME,
  TIMELINE_PROP_ARTICLE_ID,
  TIMELINE_N_PROPS
};

static GParamSpec *timeline_props[TIMELINE_N_PROPS];

static void
amw_timeline_item_finalize (GObject *object)
{
  AmwTimelineItem *self = AMW_TIMELINE_ITEM (object);

  g_free (self->kind);
  g_free (self->id);
  g_free (self->date);
  g_free (self->precision);
  g_free (self->title);
  g_free (self->company_id);
  g_free (self->company_name);
  g_free (self->article_id);
  G_OBJECT_CLASS (amw_timeline_item_parent_class)->finalize (object);
}

static void
amw_timeline_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwTimelineItem *self = AMW_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case TIMELINE_PROP_KIND: g_value_set_string (value, self->kind); break;
    case TIMELINE_PROP_ID: g_value_set_string (value, self->id); break;
    case TIMELINE_PROP_DATE: g_value_set_string (value, self->date); break;
    case TIMELINE_PROP_PRECISION: g_value_set_string (value, self->precision); break;
    case TIMELINE_PROP_TITLE: g_value_set_string (value, self->title); break;
    case TIMELINE_PROP_COMPANY_ID: g_value_set_string (value, self->company_id); break;
    case TIMELINE_PROP_COMPANY_NAME: g_value_set_string (value, self->company_name); break;
    case TIMELINE_PROP_ARTICLE_ID: g_value_set_string (value, self->article_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_timeline_item_class_init (AmwTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = amw_timeline_item_finalize;
  object_class->get_property = amw_timeline_item_get_property;
  timeline_props[TIMELINE_PROP_KIND] = string_prop ("kind");
  timeline_props[TIMELINE_PROP_ID] = string_prop ("id");
  timeline_props[TIMELINE_PROP_DATE] = string_prop ("date");
  timeline_props[TIMELINE_PROP_PRECISION] = string_prop ("precision");
  timeline_props[TIMELINE_PROP_TITLE] = string_prop ("title");
  timeline_props[TIMELINE_PROP_COMPANY_ID] = string_prop ("company-id");
  timeline_props[TIMELINE_PROP_COMPANY_NAME] = string_prop ("company-name");
  timeline_props[TIMELINE_PROP_ARTICLE_ID] = string_prop ("article-id");
  g_object_class_install_properties (object_class, TIMELINE_N_PROPS, timeline_props);
}

static void
amw_timeline_item_init (AmwTimelineItem *self)
{
}

AmwTimelineItem *
amw_timeline_item_new (const char *kind,
                       const char *id,
                       const char *date,
                       const char *precision,
                       const char *title,
                       const char *company_id,
                       const char *company_name,
                       const char *article_id)
{
  AmwTimelineItem *self = g_object_new (AMW_TYPE_TIMELINE_ITEM, NULL);

  self->kind = g_strdup (NN (kind));
  self->id = g_strdup (NN (id));
  self->date = g_strdup (NN (date));
  self->precision = g_strdup (NN (precision));
  self->title = g_strdup (NN (title));
  self->company_id = g_strdup (NN (company_id));
  self->company_name = g_strdup (NN (company_name));
  self->article_id = g_strdup (NN (article_id));
  return self;
}

const char *amw_timeline_item_get_kind (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->kind; }
const char *amw_timeline_item_get_id (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->id; }
const char *amw_timeline_item_get_date (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->date; }
const char *amw_timeline_item_get_precision (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->precision; }
const char *amw_timeline_item_get_title (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->title; }
const char *amw_timeline_item_get_company_id (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->company_id; }
const char *amw_timeline_item_get_company_name (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->company_name; }
const char *amw_timeline_item_get_article_id (AmwTimelineItem *self) { g_return_val_if_fail (AMW_IS_TIMELINE_ITEM (self), NULL); return self->article_id; }

gboolean
amw_timeline_item_equal (AmwTimelineItem *a,
                         AmwTimelineItem *b)
{
  return strcmp (a->kind, b->kind) == 0 && strcmp (a->id, b->id) == 0 &&
         strcmp (a->date, b->date) == 0 && strcmp (a->precision, b->precision) == 0 &&
         strcmp (a->title, b->title) == 0 && strcmp (a->company_id, b->company_id) == 0 &&
         strcmp (a->company_name, b->company_name) == 0 &&
         strcmp (a->article_id, b->article_id) == 0;
}
