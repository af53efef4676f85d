/* amw-paged-list.c — paged GListModel: n_items from SQL, rows fetched per page on demand,
 * a bounded cache of recent pages, and row-level items-changed on store changes. */
#include "amw-paged-list.h"

#define MAX_CACHED_PAGES 24
#define DEFAULT_COUNT_CAP 10000

struct _AmwPagedList
{
  GObject           parent_instance;

  AmwStore         *store;
  GType             item_type;
  AmwChangeFlags    watched;
  AmwCountFunc      count;
  AmwFetchFunc      fetch;
  AmwItemEqualFunc  equal;
  gpointer          source;
  GDestroyNotify    source_free;

  guint             n_items;
  GHashTable       *pages;     /* page index → GPtrArray of items */
  GQueue            lru;       /* page indices, most recent first */
  GError           *error;
  gulong            changed_id;

  /* Optional: a first count that may stop at count_cap; the exact one then comes from a
   * worker thread while the view already shows rows. */
  AmwEstimateFunc    estimate;
  AmwCountAsyncFunc  count_async;
  AmwCountFinishFunc count_finish;
  guint              count_cap;
  GCancellable      *counting;  /* set while the exact count runs */

  /* Optional: work for later fetches, after each count. */
  AmwPrepareAsyncFunc  prepare_async;
  AmwPrepareFinishFunc prepare_finish;
  GCancellable        *preparing;
};

enum {
  PROP_0,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void amw_paged_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AmwPagedList, amw_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, amw_paged_list_model_init))

static void
set_error (AmwPagedList *self,
           GError       *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static guint
query_count (AmwPagedList *self,
             gboolean     *exact)
{
  GError *error = NULL;
  gint64 count;

  *exact = TRUE;
  if (self->estimate != NULL)
    count = self->estimate (self->store, self->source, self->count_cap, exact, &error);
  else
    count = self->count (self->store, self->source, &error);
  set_error (self, error);
  return count < 0 ? 0 : (guint) MIN (count, G_MAXUINT);
}

static void drop_pages (AmwPagedList *self);

static void
cancel_count (AmwPagedList *self)
{
  if (self->counting == NULL)
    return;
  g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* The exact count arrived: rows below the estimate stay where they are, so a larger count
 * only appends. */
static void
apply_exact_count (AmwPagedList *self,
                   guint         count)
{
  guint old_n = self->n_items;

  if (count == old_n)
    return;
  if (count > old_n)
    {
      self->n_items = count;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, count - old_n);
      return;
    }
  /* Fewer than estimated: rows went away meanwhile (another program). */
  drop_pages (self);
  self->n_items = count;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, count);
}

/* What a worker's callback needs: the list (kept alive) and the cancellable it was given,
 * to tell whether a newer count or preparation replaced it. */
typedef struct {
  AmwPagedList *list;
  GCancellable *cancellable;
} WorkerClosure;

static void
on_exact_count_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WorkerClosure *closure = user_data;
  AmwPagedList *self = closure->list;
  GError *error = NULL;
  gint64 count = self->count_finish (AMW_STORE (source), result, &error);

  /* Cancelled: the list was reloaded (a newer count runs) or disposed. */
  if (!g_cancellable_is_cancelled (closure->cancellable))
    {
      g_clear_object (&self->counting);
      if (count < 0)
        set_error (self, error);
      else
        apply_exact_count (self, (guint) MIN (count, G_MAXUINT));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
    }
  else
    g_clear_error (&error);
  g_object_unref (closure->cancellable);
  g_object_unref (closure->list);
  g_free (closure);
}

static void
start_exact_count (AmwPagedList *self)
{
  WorkerClosure *closure = g_new0 (WorkerClosure, 1);
  gboolean was_counting = self->counting != NULL;

  if (self->counting != NULL)
    {
      g_cancellable_cancel (self->counting);
      g_clear_object (&self->counting);
    }
  self->counting = g_cancellable_new ();
  closure->list = g_object_ref (self);
  closure->cancellable = g_object_ref (self->counting);
  self->count_async (self->store, self->source, self->counting, on_exact_count_cb, closure);
  if (!was_counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
cancel_prepare (AmwPagedList *self)
{
  if (self->preparing == NULL)
    return;
  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WorkerClosure *closure = user_data;
  AmwPagedList *self = closure->list;
  g_autoptr(GError) error = NULL;

  /* Kept by the store (or not) inside finish: nothing to do here but note a failure. */
  if (!self->prepare_finish (AMW_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Deep pages not prepared: %s", error->message);
  if (!g_cancellable_is_cancelled (closure->cancellable))
    g_clear_object (&self->preparing);
  g_object_unref (closure->cancellable);
  g_object_unref (closure->list);
  g_free (closure);
}

static void
start_prepare (AmwPagedList *self)
{
  WorkerClosure *closure;

  cancel_prepare (self);
  if (self->prepare_async == NULL || self->store == NULL)
    return;
  closure = g_new0 (WorkerClosure, 1);
  self->preparing = g_cancellable_new ();
  closure->list = g_object_ref (self);
  closure->cancellable = g_object_ref (self->preparing);
  self->prepare_async (self->store, self->source, self->preparing, on_prepared_cb, closure);
}

static void
drop_pages (AmwPagedList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
touch_page (AmwPagedList *self,
            guint         page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (self->lru.length > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (AmwPagedList *self,
           guint         page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  GError *error = NULL;

  if (rows == NULL)
    {
      rows = self->fetch (self->store, self->source, (gint64) page * AMW_PAGED_LIST_PAGE_SIZE,
                          AMW_PAGED_LIST_PAGE_SIZE, &error);
      if (rows == NULL)
        {
          set_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  touch_page (self, page);
  return rows;
}

static GType
amw_paged_list_get_item_type (GListModel *model)
{
  return AMW_PAGED_LIST (model)->item_type;
}

static guint
amw_paged_list_get_n_items (GListModel *model)
{
  return AMW_PAGED_LIST (model)->n_items;
}

static gpointer
amw_paged_list_get_item (GListModel *model,
                         guint       position)
{
  AmwPagedList *self = AMW_PAGED_LIST (model);
  GPtrArray *rows;
  guint index = position % AMW_PAGED_LIST_PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  rows = load_page (self, position / AMW_PAGED_LIST_PAGE_SIZE);
  /* The table may have shrunk under us (another process); the refresh that follows
   * will announce it. */
  if (rows == NULL || index >= rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, index));
}

static void
amw_paged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = amw_paged_list_get_item_type;
  iface->get_n_items = amw_paged_list_get_n_items;
  iface->get_item = amw_paged_list_get_item;
}

void
amw_paged_list_reload (AmwPagedList *self)
{
  guint old_n, new_n;
  gboolean exact;

  g_return_if_fail (AMW_IS_PAGED_LIST (self));

  cancel_count (self);
  old_n = self->n_items;
  drop_pages (self);
  new_n = self->n_items = query_count (self, &exact);
  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (!exact)
    start_exact_count (self);
  start_prepare (self);
}

static void refresh_rows (AmwPagedList *self);

void
amw_paged_list_refresh (AmwPagedList *self)
{
  g_return_if_fail (AMW_IS_PAGED_LIST (self));

  refresh_rows (self);
  start_prepare (self);
}

/* Recounts, and replaces the cached rows that differ. */
static void
refresh_rows (AmwPagedList *self)
{
  g_autoptr(GList) cached = NULL;
  guint new_n;
  gboolean exact;

  new_n = query_count (self, &exact);
  if (!exact)
    {
      /* Only a lower bound: keep the rows shown until the exact count settles it. */
      start_exact_count (self);
      new_n = MAX (new_n, self->n_items);
    }
  if (new_n != self->n_items)
    {
      /* Rows came or went: positions shift, so nothing cached can be trusted. */
      guint old_n = self->n_items;

      drop_pages (self);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      return;
    }

  /* Same count: compare the pages a view may be showing, row by row. */
  cached = g_hash_table_get_keys (self->pages);
  for (GList *l = cached; l != NULL; l = l->next)
    {
      guint page = GPOINTER_TO_UINT (l->data);
      GPtrArray *old_rows = g_hash_table_lookup (self->pages, l->data);
      GPtrArray *new_rows;
      GError *error = NULL;
      guint first = page * AMW_PAGED_LIST_PAGE_SIZE;
      gint run_start = -1;

      new_rows = self->fetch (self->store, self->source, first, AMW_PAGED_LIST_PAGE_SIZE, &error);
      if (new_rows == NULL)
        {
          set_error (self, error);
          g_hash_table_remove (self->pages, l->data);
          g_queue_remove (&self->lru, l->data);
          continue;
        }
      g_ptr_array_ref (old_rows);
      g_hash_table_insert (self->pages, l->data, new_rows);
      for (guint i = 0; i <= new_rows->len; i++)
        {
          gboolean same = i < new_rows->len && i < old_rows->len &&
                          self->equal (g_ptr_array_index (old_rows, i), g_ptr_array_index (new_rows, i));
          gboolean differs = i < new_rows->len && !same;

          if (differs && run_start < 0)
            run_start = i;
          else if (!differs && run_start >= 0)
            {
              g_list_model_items_changed (G_LIST_MODEL (self), first + run_start,
                                          i - run_start, i - run_start);
              run_start = -1;
            }
        }
      g_ptr_array_unref (old_rows);
    }
}

static void
on_store_changed_cb (AmwPagedList *self,
                     guint         flags,
                     AmwStore     *store)
{
  if (flags & self->watched)
    amw_paged_list_refresh (self);
}

const GError *
amw_paged_list_get_error (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), NULL);
  return self->error;
}

guint
amw_paged_list_get_n_cached_pages (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), 0);
  return g_hash_table_size (self->pages);
}

gint64
amw_paged_list_find_cached (AmwPagedList *self,
                            const char   *id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), -1);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;

      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *row_id = NULL;

          g_object_get (g_ptr_array_index (rows, i), "id", &row_id, NULL);
          if (g_strcmp0 (row_id, id) == 0)
            return (gint64) GPOINTER_TO_UINT (key) * AMW_PAGED_LIST_PAGE_SIZE + i;
        }
    }
  return -1;
}

gpointer
amw_paged_list_get_source (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), NULL);
  return self->source;
}

AmwStore *
amw_paged_list_get_store (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), NULL);
  return self->store;
}

static void
amw_paged_list_dispose (GObject *object)
{
  AmwPagedList *self = AMW_PAGED_LIST (object);

  cancel_count (self);
  cancel_prepare (self);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  if (self->source_free != NULL && self->source != NULL)
    g_clear_pointer (&self->source, self->source_free);
  drop_pages (self);
  G_OBJECT_CLASS (amw_paged_list_parent_class)->dispose (object);
}

static void
amw_paged_list_finalize (GObject *object)
{
  AmwPagedList *self = AMW_PAGED_LIST (object);

  g_hash_table_unref (self->pages);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (amw_paged_list_parent_class)->finalize (object);
}

static void
amw_paged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AmwPagedList *self = AMW_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_paged_list_class_init (AmwPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = amw_paged_list_dispose;
  object_class->finalize = amw_paged_list_finalize;
  object_class->get_property = amw_paged_list_get_property;

  /* TRUE while n_items is a lower bound and the exact count runs on a worker thread. */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
amw_paged_list_init (AmwPagedList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
  self->count_cap = DEFAULT_COUNT_CAP;
}

void
amw_paged_list_set_background_count (AmwPagedList       *self,
                                     AmwEstimateFunc     estimate,
                                     AmwCountAsyncFunc   count_async,
                                     AmwCountFinishFunc  count_finish)
{
  g_return_if_fail (AMW_IS_PAGED_LIST (self));

  self->estimate = estimate;
  self->count_async = count_async;
  self->count_finish = count_finish;
}

void
amw_paged_list_set_prepare (AmwPagedList         *self,
                            AmwPrepareAsyncFunc   prepare_async,
                            AmwPrepareFinishFunc  prepare_finish)
{
  g_return_if_fail (AMW_IS_PAGED_LIST (self));

  self->prepare_async = prepare_async;
  self->prepare_finish = prepare_finish;
  start_prepare (self);
}

gboolean
amw_paged_list_is_preparing (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), FALSE);

  return self->preparing != NULL;
}

void
amw_paged_list_set_count_cap (AmwPagedList *self,
                              guint         cap)
{
  g_return_if_fail (AMW_IS_PAGED_LIST (self));
  g_return_if_fail (cap > 0);

  self->count_cap = cap;
  amw_paged_list_reload (self);
}

gboolean
amw_paged_list_is_counting (AmwPagedList *self)
{
  g_return_val_if_fail (AMW_IS_PAGED_LIST (self), FALSE);
  return self->counting != NULL;
}

AmwPagedList *
amw_paged_list_new (AmwStore         *store,
                    GType             item_type,
                    AmwChangeFlags    watched,
                    AmwCountFunc      count,
                    AmwFetchFunc      fetch,
                    AmwItemEqualFunc  equal,
                    gpointer          source,
                    GDestroyNotify    source_free)
{
  AmwPagedList *self;
  gboolean exact;

  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  self = g_object_new (AMW_TYPE_PAGED_LIST, NULL);
  self->store = g_object_ref (store);
  self->item_type = item_type;
  self->watched = watched;
  self->count = count;
  self->fetch = fetch;
  self->equal = equal;
  self->source = source;
  self->source_free = source_free;
  self->n_items = query_count (self, &exact);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  return self;
}
