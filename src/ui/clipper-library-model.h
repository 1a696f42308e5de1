/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperLibraryModel: the articles of the library as a GListModel that
 * reads the store page by page.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_LIBRARY_MODEL_PAGE_SIZE 100

#define CLIPPER_TYPE_LIBRARY_MODEL (clipper_library_model_get_type ())
G_DECLARE_FINAL_TYPE (ClipperLibraryModel, clipper_library_model, CLIPPER, LIBRARY_MODEL, GObject)

ClipperLibraryModel *clipper_library_model_new            (ClipperStore *store);
/* Reads one page now and counts on a worker thread (start-up). */
ClipperLibraryModel *clipper_library_model_new_deferred   (ClipperStore *store);
/* Reads one page now; counts on a worker thread once count_rest is called. */
ClipperLibraryModel *clipper_library_model_new_first_page (ClipperStore *store);
void                 clipper_library_model_count_rest     (ClipperLibraryModel *self);
ClipperStore        *clipper_library_model_get_store      (ClipperLibraryModel *self);

ClipperStateFilter   clipper_library_model_get_state      (ClipperLibraryModel *self);
void                 clipper_library_model_set_state      (ClipperLibraryModel *self,
                                                           ClipperStateFilter   state);
gboolean             clipper_library_model_get_starred_only (ClipperLibraryModel *self);
void                 clipper_library_model_set_starred_only (ClipperLibraryModel *self,
                                                             gboolean             starred_only);
const char          *clipper_library_model_get_tag        (ClipperLibraryModel *self);
void                 clipper_library_model_set_tag        (ClipperLibraryModel *self,
                                                           const char          *tag);
ClipperListSort      clipper_library_model_get_sort       (ClipperLibraryModel *self);
void                 clipper_library_model_set_sort       (ClipperLibraryModel *self,
                                                           ClipperListSort      sort);

/* Counts again and forgets every cached page (the file changed). */
void                 clipper_library_model_reload         (ClipperLibraryModel *self);

/* Leaves @article_id out of the list until clipper_library_model_unhide()
 * (delete with Undo: the real delete waits for the toast to go away). */
void                 clipper_library_model_hide           (ClipperLibraryModel *self,
                                                           gint64               article_id);
void                 clipper_library_model_unhide         (ClipperLibraryModel *self,
                                                           gint64               article_id);
gboolean             clipper_library_model_is_hidden      (ClipperLibraryModel *self,
                                                           gint64               article_id);

/* Position of the article with @article_id among the rows already loaded,
 * or G_MAXUINT.  Never fetches. */
guint                clipper_library_model_find_loaded    (ClipperLibraryModel *self,
                                                           gint64               article_id);
/* Its position, looked for at @hint first, then in the first pages; reads
 * them.  G_MAXUINT when not found there. */
guint                clipper_library_model_find           (ClipperLibraryModel *self,
                                                           gint64               article_id,
                                                           guint                hint);
/* Whether the number of items is the whole query's yet (start-up counts
 * after the first frame). */
gboolean             clipper_library_model_get_counted    (ClipperLibraryModel *self);

/* How many page queries the model has run since it was made (for tests
 * and benchmarks: proof that it pages lazily). */
guint                clipper_library_model_get_n_page_fetches (ClipperLibraryModel *self);
/* How many pages' keys are known (a jump there reads one page). */
guint                clipper_library_model_get_n_keys         (ClipperLibraryModel *self);
/* How many pages hold their rows in memory right now. */
guint                clipper_library_model_get_n_cached_pages (ClipperLibraryModel *self);

G_END_DECLS
