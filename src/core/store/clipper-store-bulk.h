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
 * ClipperStoreArticleFilter:
 * @article: an article (a list record unless full records were asked for)
 * @user_data: the data given to clipper_store_bulk_foreach_article()
 *
 * Returns: %TRUE to visit the article (load its highlights, call the
 *   ClipperStoreArticleFunc), %FALSE to skip it
 */
typedef gboolean (*ClipperStoreArticleFilter) (ClipperArticle *article, gpointer user_data);

/**
 * clipper_store_bulk_foreach_article:
 * @store: the library
 * @ids: (nullable) (element-type gint64): only these articles, in this
 *   order (an unknown id is a NOT_FOUND error); %NULL or empty: all
 * @tag: (nullable): only articles with this tag
 * @full: %TRUE to load the full records (html, text); %FALSE for list
 *   records, which is much faster
 * @filter: (nullable): called first; an article it refuses costs no more queries
 * @func: called for each article
 * @user_data: for @filter and @func
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
                                             ClipperStoreArticleFilter filter,
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
 * clipper_store_bulk_highlight_fingerprints:
 * @store: the library
 * @error: return location
 *
 * A fingerprint of each article's highlights (every column, tags
 * included), for all articles in one pass: an exporter compares it with
 * the one it saw last time to skip articles that did not change without
 * loading their highlights.  Like clipper_store_bulk_apply_time_fixups()
 * this reads the store's file over a connection of its own.
 *
 * Returns: (transfer full) (element-type gint64 guint64): article id →
 *   fingerprint (articles without highlights are absent), or %NULL on error
 */
GHashTable *clipper_store_bulk_highlight_fingerprints (ClipperStore *store, GError **error);

/**
 * ClipperTimeFixups:
 *
 * The "updated" times imported records had in the library they came from.
 * The everyday API stamps the current time on every write (and that is
 * right for everything but an import), so an importer collects the times
 * here and applies them once its transaction is committed.
 */
typedef struct _ClipperTimeFixups ClipperTimeFixups;

ClipperTimeFixups *clipper_time_fixups_new           (void);
void               clipper_time_fixups_free          (ClipperTimeFixups *fixups);
void               clipper_time_fixups_add_article   (ClipperTimeFixups *fixups, gint64 id, gint64 updated_at);
void               clipper_time_fixups_add_highlight (ClipperTimeFixups *fixups, gint64 id, gint64 updated_at);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperTimeFixups, clipper_time_fixups_free)

/**
 * clipper_store_bulk_apply_time_fixups:
 * @store: the library; must not be inside a transaction
 * @fixups: the times to put back
 * @error: return location
 *
 * Writes the times in one transaction.  This is the one place outside the
 * store that writes SQL: it opens its own connection to the store's file
 * (the store keeps its connection private), parameterized statements only.
 *
 * Returns: %FALSE on error
 */
gboolean clipper_store_bulk_apply_time_fixups (ClipperStore      *store,
                                               ClipperTimeFixups *fixups,
                                               GError           **error);

G_END_DECLS
