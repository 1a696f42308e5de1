/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library list must stay quick with 100,000 articles, so this model
 * never asks the store for everything: it counts once, then fetches pages
 * of CLIPPER_LIBRARY_MODEL_PAGE_SIZE light records with keyset paging as
 * the list view asks for rows.  Each fetched page remembers its last row,
 * the key for the page after it; rows of pages not used for a while are
 * dropped (the keys stay), so memory stays flat however far one scrolls.
 */
#define G_LOG_DOMAIN "clipper-library"

#include "clipper-library-model.h"

#include <malloc.h>

/* Pages whose rows stay in memory; a screen shows well under one page. */
#define MAX_CACHED_PAGES 12

typedef struct {
  GPtrArray      *rows;       /* visible rows (hidden ones left out), NULL when dropped or never fetched */
  ClipperArticle *last;       /* last row as the store returned it: the key of the next page */
  guint           n_visible;  /* rows of this page in the list */
  guint64         last_used;
  gboolean        fetched;
} Page;

struct _ClipperLibraryModel
{
  GObject parent_instance;

  ClipperStore *store;

  ClipperStateFilter state;
  gboolean starred_only;
  char *tag;
  ClipperListSort sort;

  guint count;              /* what the store counted for the query */
  guint n_hidden_in_query;  /* hidden articles the query would list */
  GArray *pages;            /* of Page */
  GHashTable *hidden;       /* gint64 id set */
  guint n_cached;
  guint64 use_clock;
  guint n_page_fetches;
  guint reload_idle;
  guint generation;         /* bumped by every recount: stale background counts are dropped */
  GCancellable *count_cancellable;
  guint keys_timeout;
  guint held_count;         /* generation whose count waits for clipper_library_model_count_rest (); 0: none */
  gboolean counted;         /* count is the query's, not the first page's while the count is to come */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClipperLibraryModel, clipper_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_object (&page->last);
}

static void
fill_query (ClipperLibraryModel *self,
            ClipperListQuery    *query)
{
  query->tag = self->tag;
  query->state = self->state;
  query->starred_only = self->starred_only;
  query->sort = self->sort;
  query->limit = CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
}

static guint
get_n_items (ClipperLibraryModel *self)
{
  return self->count - MIN (self->count, self->n_hidden_in_query);
}

/* Whether the article would be listed by the current query: needed only for
 * the few hidden ones when recounting. */
static gboolean
article_matches (ClipperLibraryModel *self,
                 ClipperArticle      *article)
{
  ClipperReadState state = clipper_article_get_read_state (article);

  if (self->state == CLIPPER_STATE_FILTER_UNREAD && state == CLIPPER_READ_STATE_ARCHIVED)
    return FALSE;
  if (self->state == CLIPPER_STATE_FILTER_ARCHIVED && state != CLIPPER_READ_STATE_ARCHIVED)
    return FALSE;
  if (self->starred_only && !clipper_article_get_starred (article))
    return FALSE;
  if (self->tag != NULL && !g_strv_contains ((const char * const *) clipper_article_get_tags (article), self->tag))
    return FALSE;
  return TRUE;
}

static void
drop_pages (ClipperLibraryModel *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    page_clear (&g_array_index (self->pages, Page, i));
  g_array_set_size (self->pages, 0);
  self->n_cached = 0;
}

/* Counts and resets the page table; returns the new number of items. */
static guint
recount (ClipperLibraryModel *self)
{
  ClipperListQuery query = { 0 };
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_pages;

  drop_pages (self);
  self->generation++;
  g_clear_handle_id (&self->keys_timeout, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  fill_query (self, &query);
  self->count = 0;
  self->n_hidden_in_query = 0;
  self->counted = TRUE;

  if (!clipper_store_count_articles (self->store, &query, &self->count, &error))
    {
      g_warning ("Could not count the articles of the library: %s", error->message);
      return 0;
    }

  g_hash_table_iter_init (&iter, self->hidden);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, *(gint64 *) key, NULL);

      if (article == NULL)
        /* Deleted for good: nothing left to hide. */
        g_hash_table_iter_remove (&iter);
      else if (article_matches (self, article))
        self->n_hidden_in_query++;
    }

  n_pages = (self->count + CLIPPER_LIBRARY_MODEL_PAGE_SIZE - 1) / CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
  g_array_set_size (self->pages, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      memset (page, 0, sizeof *page);
      page->n_visible = MIN (CLIPPER_LIBRARY_MODEL_PAGE_SIZE, self->count - i * CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
    }

  return get_n_items (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  ClipperLibraryModel *self = user_data;

  self->reload_idle = 0;
  clipper_library_model_reload (self);
  return G_SOURCE_REMOVE;
}

static void
evict_one (ClipperLibraryModel *self,
           guint                keep)
{
  Page *oldest = NULL;

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (i == keep || page->rows == NULL)
        continue;
      if (oldest == NULL || page->last_used < oldest->last_used)
        oldest = page;
    }

  if (oldest != NULL)
    {
      g_clear_pointer (&oldest->rows, g_ptr_array_unref);
      self->n_cached--;
    }
}

/* Fetches page @index; the key of the page before it must be known. */
static gboolean
fetch_page (ClipperLibraryModel *self,
            guint                index)
{
  ClipperListQuery query = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  ClipperArticle *after = NULL;
  guint expected;
  Page *page;

  if (index > 0)
    {
      after = g_array_index (self->pages, Page, index - 1).last;
      g_assert (after != NULL);
    }

  fill_query (self, &query);
  rows = clipper_store_list_articles (self->store, &query, after, &error);
  self->n_page_fetches++;
  if (rows == NULL)
    {
      g_warning ("Could not read the library: %s", error->message);
      return FALSE;
    }

  page = &g_array_index (self->pages, Page, index);
  if (page->rows != NULL)
    self->n_cached--;
  page_clear (page);
  page->fetched = TRUE;
  page->last_used = ++self->use_clock;
  if (rows->len > 0)
    page->last = g_object_ref (g_ptr_array_index (rows, rows->len - 1));

  /* Another process may have changed the file since we counted; the
   * "changed" signal brings a full reload, until then show what we have. */
  expected = MIN (CLIPPER_LIBRARY_MODEL_PAGE_SIZE, self->count - MIN (self->count, index * CLIPPER_LIBRARY_MODEL_PAGE_SIZE));
  if (rows->len != expected && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);

  /* Hidden rows (a delete waiting for its Undo toast) are left out here, so
   * the pages keep their keys and only the visible counts shrink. */
  if (self->n_hidden_in_query > 0)
    {
      for (guint i = rows->len; i > 0; i--)
        {
          ClipperArticle *article = g_ptr_array_index (rows, i - 1);

          if (g_hash_table_contains (self->hidden, &(gint64) { clipper_article_get_id (article) }))
            g_ptr_array_remove_index (rows, i - 1);
        }
    }

  page->n_visible = rows->len;
  page->rows = g_steal_pointer (&rows);
  self->n_cached++;
  if (self->n_cached > MAX_CACHED_PAGES)
    evict_one (self, index);

  return TRUE;
}

static Page *
ensure_page (ClipperLibraryModel *self,
             guint                index)
{
  Page *page = &g_array_index (self->pages, Page, index);

  if (page->rows != NULL)
    {
      page->last_used = ++self->use_clock;
      return page;
    }

  /* Keyset paging needs the key of the page before.  Keys come from pages
   * read before (their rows may have been dropped, their keys stay) or
   * from the background walk; jumping past the known keys reads the pages
   * in between once. */
  {
    guint first = index;

    while (first > 0 && g_array_index (self->pages, Page, first - 1).last == NULL)
      first--;
    for (guint i = first; i < index; i++)
      if (!fetch_page (self, i))
        return NULL;
  }

  if (!fetch_page (self, index))
    return NULL;

  return &g_array_index (self->pages, Page, index);
}

static GType
clipper_library_model_get_item_type (GListModel *model)
{
  return CLIPPER_TYPE_ARTICLE;
}

static guint
clipper_library_model_get_n_items (GListModel *model)
{
  return get_n_items (CLIPPER_LIBRARY_MODEL (model));
}

static gpointer
clipper_library_model_get_item (GListModel *model,
                                guint       position)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (model);
  guint index = 0;
  guint offset = position;
  Page *page;

  if (position >= get_n_items (self))
    return NULL;

  if (self->n_hidden_in_query == 0)
    {
      index = position / CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
      offset = position % CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
    }
  else
    {
      gboolean walked_blind;

      /* Pages holding hidden rows are shorter: walk the visible counts.  A
       * page not read yet counts in full until it is read, so read the
       * pages before the target (keyset paging needs them anyway) and walk
       * again until the walk only crossed pages whose counts are known. */
      do
        {
          index = 0;
          offset = position;
          while (index < self->pages->len && offset >= g_array_index (self->pages, Page, index).n_visible)
            offset -= g_array_index (self->pages, Page, index++).n_visible;
          if (index >= self->pages->len)
            return NULL;

          walked_blind = FALSE;
          for (guint i = 0; i < index; i++)
            {
              if (!g_array_index (self->pages, Page, i).fetched)
                {
                  if (!fetch_page (self, i))
                    return NULL;
                  walked_blind = TRUE;
                }
            }
        }
      while (walked_blind);
    }

  page = ensure_page (self, index);
  if (page == NULL || offset >= page->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->rows, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = clipper_library_model_get_item_type;
  iface->get_n_items = clipper_library_model_get_n_items;
  iface->get_item = clipper_library_model_get_item;
}

static void
on_store_changed (ClipperLibraryModel *self)
{
  clipper_library_model_reload (self);
}

static void
clipper_library_model_dispose (GObject *object)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->keys_timeout, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  if (self->pages != NULL)
    drop_pages (self);

  G_OBJECT_CLASS (clipper_library_model_parent_class)->dispose (object);
}

static void
clipper_library_model_finalize (GObject *object)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (object);

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_free (self->tag);

  G_OBJECT_CLASS (clipper_library_model_parent_class)->finalize (object);
}

static void
clipper_library_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_model_class_init (ClipperLibraryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_library_model_dispose;
  object_class->finalize = clipper_library_model_finalize;
  object_class->get_property = clipper_library_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_library_model_init (ClipperLibraryModel *self)
{
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->state = CLIPPER_STATE_FILTER_UNREAD;
  self->sort = CLIPPER_LIST_SORT_SAVED_DESC;
}

typedef struct {
  char *path;
  char *tag;
  ClipperListQuery query;
  guint generation;
} CountJob;

static void start_key_walk (ClipperLibraryModel *self);

static gboolean
keys_timeout_cb (gpointer user_data)
{
  ClipperLibraryModel *self = user_data;

  self->keys_timeout = 0;
  start_key_walk (self);
  return G_SOURCE_REMOVE;
}

static void
count_job_free (CountJob *job)
{
  g_free (job->path);
  g_free (job->tag);
  g_free (job);
}

/* On a worker thread with a connection of its own. */
static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint count = 0;

  /* Read-only, as the workers only read: closing a connection that can
   * write checkpoints the log, which other connections see as a change
   * (PRAGMA data_version), so every commit of the app's came back half a
   * second later as a change the store could not name, and the
   * Highlights page read 100,000 highlights again. */
  store = clipper_store_open_read_only (job->path, &error);
  if (store == NULL || !clipper_store_count_articles (store, &job->query, &count, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  guint old_n;
  guint n_pages;

  malloc_trim (0);   /* as in keys_done () */

  if (count < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the articles of the library: %s", error->message);
      /* The first page is all there will be. */
      if (job->generation == self->generation)
        self->counted = TRUE;
      return;
    }
  if (job->generation != self->generation)
    return;
  self->counted = TRUE;
  if ((guint) count <= self->count)
    return;

  /* Only the first page was there; add the rest, unread yet. */
  old_n = get_n_items (self);
  n_pages = ((guint) count + CLIPPER_LIBRARY_MODEL_PAGE_SIZE - 1) / CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
  for (guint i = self->pages->len; i < n_pages; i++)
    {
      Page page = { 0 };

      page.n_visible = MIN (CLIPPER_LIBRARY_MODEL_PAGE_SIZE, (guint) count - i * CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
      g_array_append_val (self->pages, page);
    }
  self->count = (guint) count;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, get_n_items (self) - old_n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  /* Keys are for later jumps, not for the first frames: wait a moment so
   * the walk does not compete with start-up for the CPU. */
  if (n_pages > MAX_CACHED_PAGES)
    {
      g_clear_handle_id (&self->keys_timeout, g_source_remove);
      self->keys_timeout = g_timeout_add_seconds (2, keys_timeout_cb, self);
    }
}

/* The keys of every page, read on a worker thread with its own
 * connection after start-up, so that a jump to the far end of a long list
 * (the End key, a click low in the scrollbar) reads one page instead of
 * walking hundreds on the UI thread. */
static void
keys_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  ClipperArticle *after = NULL;

  store = clipper_store_open_read_only (job->path, &error);   /* (see count_thread()) */
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      g_autoptr (GPtrArray) rows = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      rows = clipper_store_list_articles (store, &job->query, after, &error);
      if (rows == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (rows->len == 0)
        break;
      after = g_object_ref (g_ptr_array_index (rows, rows->len - 1));
      g_ptr_array_add (keys, after);
      if (rows->len < CLIPPER_LIBRARY_MODEL_PAGE_SIZE)
        break;
    }

  g_task_return_pointer (task, g_steal_pointer (&keys), (GDestroyNotify) g_ptr_array_unref);
}

static void
keys_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GPtrArray) keys = g_task_propagate_pointer (G_TASK (result), NULL);

  /* The worker's SQLite connection read the whole list through a page
   * cache of up to 32 MB; it is closed now, but glibc keeps the freed
   * memory of the thread's arena.  Hand it back: the app should not stay
   * 30 MB bigger for having read its keys. */
  malloc_trim (0);

  if (keys == NULL || job->generation != self->generation)
    return;

  for (guint i = 0; i < keys->len && i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (page->last == NULL)
        page->last = g_object_ref (g_ptr_array_index (keys, i));
    }
}

static void
start_key_walk (ClipperLibraryModel *self)
{
  g_autoptr (GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  job->path = g_strdup (clipper_store_get_path (self->store));
  job->tag = g_strdup (self->tag);
  fill_query (self, &job->query);
  job->query.tag = job->tag;
  job->generation = self->generation;

  task = g_task_new (self, self->count_cancellable, keys_done, NULL);
  g_task_set_source_tag (task, start_key_walk);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, keys_thread);
}

/* Start-up: counting a large library costs tens of milliseconds that the
 * first frame need not wait for.  Read the first page now; if it is full,
 * show it and count on a worker thread, growing the list when the count
 * comes back. */
static void
start_count (ClipperLibraryModel *self)
{
  g_autoptr (GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  job->path = g_strdup (clipper_store_get_path (self->store));
  job->tag = g_strdup (self->tag);
  fill_query (self, &job->query);
  job->query.tag = job->tag;
  job->generation = self->generation;

  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->count_cancellable, count_done, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}

static void
start_with_first_page (ClipperLibraryModel *self,
                       gboolean             count_now)
{
  Page page = { 0 };

  drop_pages (self);
  self->held_count = 0;
  self->counted = FALSE;
  self->generation++;
  self->count = CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
  self->n_hidden_in_query = 0;
  page.n_visible = CLIPPER_LIBRARY_MODEL_PAGE_SIZE;
  g_array_append_val (self->pages, page);

  if (!fetch_page (self, 0))
    {
      recount (self);
      return;
    }
  g_clear_handle_id (&self->reload_idle, g_source_remove);

  page = g_array_index (self->pages, Page, 0);
  if (page.n_visible < CLIPPER_LIBRARY_MODEL_PAGE_SIZE)
    {
      /* The whole list fits in the first page: that is the count. */
      self->count = page.n_visible;
      self->counted = TRUE;
      return;
    }

  if (count_now)
    start_count (self);
  else
    self->held_count = self->generation;
}

static ClipperLibraryModel *
new_from_first_page (ClipperStore *store,
                     gboolean      count_now)
{
  ClipperLibraryModel *self = g_object_new (CLIPPER_TYPE_LIBRARY_MODEL, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  start_with_first_page (self, count_now);

  return self;
}

/**
 * clipper_library_model_new_deferred:
 * @store: the library
 *
 * Like clipper_library_model_new(), but only reads the first page before
 * returning and counts the rest on a worker thread: for the window at
 * start-up.  The model then holds at most one page until the count
 * arrives ("items-changed" adds the rest).
 *
 * Returns: (transfer full): a new model
 */
ClipperLibraryModel *
clipper_library_model_new_deferred (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return new_from_first_page (store, TRUE);
}

/**
 * clipper_library_model_new_first_page:
 * @store: the library
 *
 * Like clipper_library_model_new_deferred(), but the count on the worker
 * thread waits for clipper_library_model_count_rest(): the window starts
 * it after its first frame, so that the count (20-60 ms of CPU for 80,000
 * rows) does not compete with start-up on a busy machine.  Until then the
 * model holds at most one page.
 *
 * Returns: (transfer full): a new model
 */
ClipperLibraryModel *
clipper_library_model_new_first_page (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return new_from_first_page (store, FALSE);
}

/**
 * clipper_library_model_count_rest:
 * @self: a model from clipper_library_model_new_first_page()
 *
 * Starts the count held back at construction, if it is still wanted (a
 * reload since then counted already).  Safe to call more than once.
 */
void
clipper_library_model_count_rest (ClipperLibraryModel *self)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (self->held_count != 0 && self->held_count == self->generation)
    start_count (self);
  self->held_count = 0;
}

/**
 * clipper_library_model_new:
 * @store: the library
 *
 * Makes a model listing the unread articles of @store, newest first; it
 * reloads itself when @store emits "changed" (the caller decides whether to
 * call clipper_store_watch()).
 *
 * Returns: (transfer full): a new model
 */
ClipperLibraryModel *
clipper_library_model_new (ClipperStore *store)
{
  ClipperLibraryModel *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  self = g_object_new (CLIPPER_TYPE_LIBRARY_MODEL, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  recount (self);

  return self;
}

/**
 * clipper_library_model_get_store:
 *
 * Returns: (transfer none): the store the model reads
 */
ClipperStore *
clipper_library_model_get_store (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), NULL);

  return self->store;
}

static gboolean
same_row (ClipperArticle *a,
          ClipperArticle *b)
{
  const char *const *ta = clipper_article_get_tags (a);
  const char *const *tb = clipper_article_get_tags (b);

  if (clipper_article_get_id (a) != clipper_article_get_id (b) ||
      clipper_article_get_updated_at (a) != clipper_article_get_updated_at (b) ||
      clipper_article_get_starred (a) != clipper_article_get_starred (b) ||
      clipper_article_get_read_state (a) != clipper_article_get_read_state (b) ||
      clipper_article_get_highlight_count (a) != clipper_article_get_highlight_count (b) ||
      g_strcmp0 (clipper_article_get_title (a), clipper_article_get_title (b)) != 0)
    return FALSE;

  for (; ta != NULL && tb != NULL && *ta != NULL && *tb != NULL; ta++, tb++)
    if (g_strcmp0 (*ta, *tb) != 0)
      return FALSE;
  return (ta == NULL || *ta == NULL) && (tb == NULL || *tb == NULL);
}

/* Resets the whole list: for a new query, where nothing can be kept.
 * Before the window's first frame (the count still held back) only the
 * first page is read again: the window's restored filter and sort are set
 * then, and a count on the UI thread is what start-up avoids. */
static void
reset (ClipperLibraryModel *self)
{
  guint old_n = get_n_items (self);
  guint new_n;

  if (self->held_count != 0 && self->held_count == self->generation)
    {
      start_with_first_page (self, FALSE);
      new_n = get_n_items (self);
    }
  else
    new_n = recount (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* After a change that added or removed rows: when the rows on screen
 * (the pages read from the top) show one run of rows removed or added —
 * an article archived, deleted or saved — report just that run, so the
 * list keeps its scroll position.  Returns FALSE when the change is
 * anything else; the caller then replaces the whole list. */
static gboolean
reload_shifted (ClipperLibraryModel *self,
                GArray              *old_pages,
                guint                old_n)
{
  g_autoptr (GPtrArray) old_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint new_n = get_n_items (self);
  gboolean removal = new_n < old_n;
  guint k = removal ? old_n - new_n : new_n - old_n;
  guint need;
  guint p = 0;

  for (guint i = 0; i < old_pages->len && g_array_index (old_pages, Page, i).rows != NULL; i++)
    {
      GPtrArray *rows = g_array_index (old_pages, Page, i).rows;

      for (guint j = 0; j < rows->len; j++)
        g_ptr_array_add (old_rows, g_object_ref (g_ptr_array_index (rows, j)));
    }
  if (old_rows->len == 0 || old_rows->len > MAX_CACHED_PAGES * CLIPPER_LIBRARY_MODEL_PAGE_SIZE / 2)
    return FALSE;

  need = removal ? old_rows->len - MIN (k, old_rows->len) : old_rows->len + k;
  for (guint i = 0; i < self->pages->len && new_rows->len < need; i++)
    {
      Page *page = ensure_page (self, i);

      if (page == NULL)
        return FALSE;
      for (guint j = 0; j < page->rows->len; j++)
        g_ptr_array_add (new_rows, g_object_ref (g_ptr_array_index (page->rows, j)));
    }

#define ROW_ID(a, i) clipper_article_get_id (g_ptr_array_index ((a), (i)))
  while (p < old_rows->len && p < new_rows->len && ROW_ID (old_rows, p) == ROW_ID (new_rows, p))
    p++;

  /* Past the change, the rows must be the old ones shifted by k. */
  for (guint i = p; i < old_rows->len; i++)
    {
      guint j;

      if (removal)
        {
          if (i < p + k)
            continue;
          j = i - k;
        }
      else
        j = i + k;
      if (j >= new_rows->len)
        break;
      if (ROW_ID (old_rows, i) != ROW_ID (new_rows, j))
        return FALSE;
    }
#undef ROW_ID

  if (removal)
    g_list_model_items_changed (G_LIST_MODEL (self), p, k, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), p, 0, k);

  /* Rows before the change whose content changed (a star, a tag). */
  for (guint i = 0; i < p; i++)
    if (!same_row (g_ptr_array_index (old_rows, i), g_ptr_array_index (new_rows, i)))
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);

  return TRUE;
}

/**
 * clipper_library_model_reload:
 *
 * Reads the library again after a change.  When the number of rows stayed
 * the same (a star, a tag, a reading position) the pages that were on
 * screen are read again and only rows that differ are reported, so the
 * list keeps its scroll position and selection; otherwise the whole list
 * is replaced.
 */
void
clipper_library_model_reload (ClipperLibraryModel *self)
{
  g_autoptr (GArray) old_pages = NULL;
  g_autoptr (GArray) changed = NULL;
  guint old_n;
  guint position = 0;

  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  old_n = get_n_items (self);

  /* Keep the old rows aside; recount() starts a fresh page table. */
  old_pages = g_steal_pointer (&self->pages);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->n_cached = 0;

  if (recount (self) != old_n)
    {
      if (!reload_shifted (self, old_pages, old_n))
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, get_n_items (self));
      for (guint i = 0; i < old_pages->len; i++)
        page_clear (&g_array_index (old_pages, Page, i));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  /* Sorted by saved time, a page's key (its last row's time and id) still
   * marks the same place after rows changed in place: keep the keys so a
   * long list does not have to be walked again. */
  if (self->sort != CLIPPER_LIST_SORT_TITLE_ASC)
    {
      for (guint i = 0; i < self->pages->len && i < old_pages->len; i++)
        {
          Page *page = &g_array_index (self->pages, Page, i);
          Page *old = &g_array_index (old_pages, Page, i);

          if (page->last == NULL && old->last != NULL)
            page->last = g_object_ref (old->last);
        }
    }

  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *old = i < old_pages->len ? &g_array_index (old_pages, Page, i) : NULL;
      Page *page;

      if (old == NULL || old->rows == NULL)
        {
          position += g_array_index (self->pages, Page, i).n_visible;
          continue;
        }

      page = ensure_page (self, i);
      if (page == NULL)
        break;

      for (guint j = 0; j < page->rows->len; j++)
        {
          ClipperArticle *fresh = g_ptr_array_index (page->rows, j);
          ClipperArticle *stale = j < old->rows->len ? g_ptr_array_index (old->rows, j) : NULL;

          /* Keep the old object for an unchanged row: the list view then
           * has nothing to rebind and the selection stays. */
          if (stale != NULL && same_row (stale, fresh))
            {
              g_ptr_array_index (page->rows, j) = g_object_ref (stale);
              g_object_unref (fresh);
            }
          else
            {
              guint at = position + j;

              g_array_append_val (changed, at);
            }
        }
      position += page->n_visible;
    }

  for (guint i = 0; i < old_pages->len; i++)
    page_clear (&g_array_index (old_pages, Page, i));

  for (guint i = 0; i < changed->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
}

ClipperStateFilter
clipper_library_model_get_state (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), CLIPPER_STATE_FILTER_UNREAD);

  return self->state;
}

void
clipper_library_model_set_state (ClipperLibraryModel *self,
                                 ClipperStateFilter   state)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (self->state == state)
    return;
  self->state = state;
  reset (self);
}

gboolean
clipper_library_model_get_starred_only (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), FALSE);

  return self->starred_only;
}

void
clipper_library_model_set_starred_only (ClipperLibraryModel *self,
                                        gboolean             starred_only)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  starred_only = !!starred_only;
  if (self->starred_only == starred_only)
    return;
  self->starred_only = starred_only;
  reset (self);
}

const char *
clipper_library_model_get_tag (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), NULL);

  return self->tag;
}

void
clipper_library_model_set_tag (ClipperLibraryModel *self,
                               const char          *tag)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (tag != NULL && *tag == '\0')
    tag = NULL;
  if (g_strcmp0 (self->tag, tag) == 0)
    return;
  g_free (self->tag);
  self->tag = g_strdup (tag);
  reset (self);
}

ClipperListSort
clipper_library_model_get_sort (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), CLIPPER_LIST_SORT_SAVED_DESC);

  return self->sort;
}

void
clipper_library_model_set_sort (ClipperLibraryModel *self,
                                ClipperListSort      sort)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  reset (self);
}

/**
 * clipper_library_model_get_counted:
 *
 * Returns: whether the number of items is the query's, and not only the
 *   first page's while the count runs (or waits) on a worker thread
 */
gboolean
clipper_library_model_get_counted (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), FALSE);

  return self->counted;
}

/**
 * clipper_library_model_find:
 * @article_id: the article to look for
 * @hint: where it was last seen (its position then), or G_MAXUINT
 *
 * Finds the article's position, reading what it must: the page at @hint
 * (one page, or the pages before it whose keys are not known yet, as a
 * jump there with the scrollbar does), then the pages that fit in the
 * cache from the top.  For the window to come back to a row: the list may
 * have changed since (an article saved or deleted by clipper-cli) and
 * moved it a little.
 *
 * Returns: its position, or G_MAXUINT when it is not among those rows
 */
guint
clipper_library_model_find (ClipperLibraryModel *self,
                            gint64               article_id,
                            guint                hint)
{
  guint position;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), G_MAXUINT);

  if (hint < get_n_items (self))
    {
      g_autoptr (ClipperArticle) article = g_list_model_get_item (G_LIST_MODEL (self), hint);

      if (article != NULL && clipper_article_get_id (article) == article_id)
        return hint;
    }
  position = clipper_library_model_find_loaded (self, article_id);
  for (guint i = 0; position == G_MAXUINT && i < self->pages->len && i < MAX_CACHED_PAGES; i++)
    {
      if (g_array_index (self->pages, Page, i).rows != NULL)
        continue;
      if (ensure_page (self, i) == NULL)
        break;
      position = clipper_library_model_find_loaded (self, article_id);
    }
  return position;
}

guint
clipper_library_model_find_loaded (ClipperLibraryModel *self,
                                   gint64               article_id)
{
  guint position = 0;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (page->rows != NULL)
        {
          for (guint j = 0; j < page->rows->len; j++)
            {
              if (clipper_article_get_id (g_ptr_array_index (page->rows, j)) == article_id)
                return position + j;
            }
        }
      position += page->n_visible;
    }

  return G_MAXUINT;
}

void
clipper_library_model_hide (ClipperLibraryModel *self,
                            gint64               article_id)
{
  guint position;
  guint index = 0;
  guint offset;

  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (g_hash_table_contains (self->hidden, &article_id))
    return;

  g_hash_table_add (self->hidden, g_memdup2 (&article_id, sizeof article_id));

  position = clipper_library_model_find_loaded (self, article_id);
  if (position == G_MAXUINT)
    {
      /* Not on a loaded page: count again so the total stays right. */
      reset (self);
      return;
    }

  offset = position;
  while (offset >= g_array_index (self->pages, Page, index).n_visible)
    offset -= g_array_index (self->pages, Page, index++).n_visible;

  {
    Page *page = &g_array_index (self->pages, Page, index);

    g_ptr_array_remove_index (page->rows, offset);
    page->n_visible--;
  }
  self->n_hidden_in_query++;

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
clipper_library_model_unhide (ClipperLibraryModel *self,
                              gint64               article_id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (g_hash_table_remove (self->hidden, &article_id))
    reset (self);
}

gboolean
clipper_library_model_is_hidden (ClipperLibraryModel *self,
                                 gint64               article_id)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), FALSE);

  return g_hash_table_contains (self->hidden, &article_id);
}

guint
clipper_library_model_get_n_page_fetches (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), 0);

  return self->n_page_fetches;
}

guint
clipper_library_model_get_n_cached_pages (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), 0);

  return self->n_cached;
}

guint
clipper_library_model_get_n_keys (ClipperLibraryModel *self)
{
  guint n = 0;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), 0);

  for (guint i = 0; i < self->pages->len; i++)
    if (g_array_index (self->pages, Page, i).last != NULL)
      n++;
  return n;
}
