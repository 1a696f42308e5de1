/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bulk access to the library for exporters and importers, on top of the
 * public store API: every article with its highlights in a stable order
 * without holding the library in memory, and the few writes a lossless
 * import needs that the everyday API does not offer (keeping the times a
 * record was made and changed).
 */
#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

/**
 * ClipperStoreArticleFunc:
 * @article: an article
 * @highlights: (element-type ClipperHighlight): its highlights in text order
 * @user_data: the data given to clipper_store_bulk_foreach_article()
 * @error: set it and return %FALSE to stop
 *
 * Returns: %TRUE to go on
 */
typedef gboolean (*ClipperStoreArticleFunc) (ClipperArticle *article,
                                             GPtrArray      *highlights,
                                             gpointer        user_data,
                                             GError        **error);

/**
 * clipper_store_bulk_foreach_article:
 * @store: the library
 * @ids: (nullable) (element-type gint64): only these articles, in this
 *   order (an unknown id is a NOT_FOUND error); %NULL or empty: all
 * @tag: (nullable): only articles with this tag
 * @full: %TRUE to load the full records (html, text); %FALSE for list
 *   records, which is much faster
 * @func: called for each article
 * @user_data: for @func
 * @cancellable: (nullable): checked between articles
 * @error: return location
 *
 * Calls @func for every article (oldest saved first, then by id: the order
 * is stable from run to run and survives export and import), reading one
 * page of articles at a time so that memory stays flat.
 *
 * Returns: %FALSE if the store, @func or @cancellable stopped it
 */
gboolean clipper_store_bulk_foreach_article (ClipperStore            *store,
                                             GArray                  *ids,
                                             const char              *tag,
                                             gboolean                 full,
                                             ClipperStoreArticleFunc  func,
                                             gpointer                 user_data,
                                             GCancellable            *cancellable,
                                             GError                 **error);

/* How many articles clipper_store_bulk_foreach_article() would visit. */
gboolean clipper_store_bulk_count_articles  (ClipperStore *store,
                                             GArray       *ids,
                                             const char   *tag,
                                             guint        *out_count,
                                             GError      **error);

/**
 * clipper_store_bulk_set_times:
 * @store: the library
 * @article_id: an article, or 0
 * @saved_at: its saved time (Unix seconds), ignored when @article_id is 0
 * @updated_at: its updated time
 * @highlight_id: a highlight, or 0
 * @created_at: its created time, ignored when @highlight_id is 0
 * @highlight_updated_at: its updated time
 * @error: return location
 *
 * Puts back the times an imported record had in the library it came from
 * (the everyday API stamps the current time on every write).
 *
 * Returns: %FALSE on error
 */
gboolean clipper_store_bulk_set_times       (ClipperStore *store,
                                             gint64        article_id,
                                             gint64        saved_at,
                                             gint64        updated_at,
                                             gint64        highlight_id,
                                             gint64        created_at,
                                             gint64        highlight_updated_at,
                                             GError      **error);

G_END_DECLS
