/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving an article in one call: fetch → extract → images → store.
 *
 *   clipper_saver_save_sync()    for clipper-cli and worker threads
 *   clipper_saver_save_async()   for the app: the work runs on a worker
 *                                thread with its own ClipperStore connection
 *                                (opened from the caller's store's path); the
 *                                caller's store sees the new article through
 *                                its "changed" signal.
 *
 * A page that is already saved (its URL, or the URL it redirects to, is an
 * article's URL or canonical URL) is not saved again: the existing id is
 * returned with the report's existed set, and the tags asked for are added to it.
 * An article the library has without its text (made from a vault's Markdown
 * or a JSON file) is fetched and filled in instead, its highlights placed
 * on the text as clipper_saver_update_sync() does (existed unset).
 *
 * The article's URL is the address asked for (normalized; a path becomes
 * its file:// URI); when redirects lead elsewhere, the final address is its
 * canonical URL.  The original page bytes (after Content-Encoding is
 * undone) are stored with it.  Images the article shows are fetched (four at
 * a time, the fetcher's "max-image-size" each, image/ types only, at most
 * CLIPPER_SAVER_MAX_IMAGES and CLIPPER_SAVER_MAX_IMAGE_BYTES in all) and
 * stored under their absolute URLs; the article HTML keeps those URLs and the
 * reader maps them to the stored images.  An image that fails is skipped and
 * never fails the save.  A remote page's images are only fetched over
 * http(s); a local file's may also be local files beside it.
 *
 * Updating a saved article (clipper-cli refetch, the app's Fetch Again):
 * clipper_saver_update_sync() or _async() fetch the page again (or take the
 * original page the library kept), extract it, re-anchor the article's
 * highlights and write it all in one transaction.  They are made of parts a
 * caller may also use on their own:
 *
 *   page = NULL;
 *   extraction = clipper_saver_refetch_sync (store, fetcher, id, NULL, &page, &error);
 *   clipper_saver_fill_article (article, extraction, page);   // html, text, metadata
 *   …re-anchor highlights against extraction->text, then in one transaction:
 *   clipper_store_update_article (store, article, …);
 *   clipper_store_set_original_page (store, id, page->raw, …);
 *   clipper_saver_store_images_sync (store, fetcher, id, extraction, page, NULL, …);
 */
#pragma once

#include <gio/gio.h>

#include "clipper-extractor.h"
#include "clipper-fetcher.h"
#include "clipper-reanchor.h"
#include "clipper-store.h"

G_BEGIN_DECLS

/* Limits on the images of one article. */
#define CLIPPER_SAVER_MAX_IMAGES       100
#define CLIPPER_SAVER_MAX_IMAGE_BYTES  (50 * 1024 * 1024)
#define CLIPPER_SAVER_PARALLEL_IMAGES  4

#define CLIPPER_SAVER_ERROR (clipper_saver_error_quark ())

/**
 * ClipperSaverError:
 * @CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED: an update wrote the article and
 *   its highlights, then could not store its images (the library could not
 *   be written); the message says why
 * @CLIPPER_SAVER_ERROR_OTHER_ARTICLE: an update found that the page no
 *   longer holds the saved article (another article, or most of the text
 *   the highlights were on gone) and changed nothing; the message says
 *   what it found.  %CLIPPER_SAVER_UPDATE_REPLACE replaces it anyway.
 *
 * What only an update can half do, or refuses to do.  Every other failure
 * of the saver is the fetcher's, the extractor's or the store's own error,
 * and leaves the library as it was.
 */
typedef enum {
  CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED,
  CLIPPER_SAVER_ERROR_OTHER_ARTICLE,
} ClipperSaverError;

GQuark clipper_saver_error_quark (void);

/**
 * ClipperSaveStage:
 * @CLIPPER_SAVE_STAGE_FETCHING: fetching the page
 * @CLIPPER_SAVE_STAGE_EXTRACTING: extracting the article
 * @CLIPPER_SAVE_STAGE_IMAGES: fetching its images
 * @CLIPPER_SAVE_STAGE_SAVING: writing to the library
 *
 * Where a save is, for a progress display.
 */
typedef enum {
  CLIPPER_SAVE_STAGE_FETCHING,
  CLIPPER_SAVE_STAGE_EXTRACTING,
  CLIPPER_SAVE_STAGE_IMAGES,
  CLIPPER_SAVE_STAGE_SAVING,
} ClipperSaveStage;

/* How often, at most, a save says how much of its page has come in: a
 * few times a second, as GNOME Web's downloads do. */
#define CLIPPER_SAVE_RECEIVED_INTERVAL_MS 250

/**
 * ClipperSaveProgressFunc:
 * @stage: the stage the save is in
 * @received: 0 as the save enters @stage; while the page comes in (a
 *   slow or large one), how many of its bytes have (after Content-Encoding
 *   is undone), with %CLIPPER_SAVE_STAGE_FETCHING, at most once every
 *   %CLIPPER_SAVE_RECEIVED_INTERVAL_MS and never in the first: a page that
 *   comes at once is not said to be coming
 * @user_data: as given
 *
 * Called as a save enters each stage, and as its page comes in.  With the
 * sync API on the calling thread; with the async API on the caller's
 * thread-default main context.
 */
typedef void (*ClipperSaveProgressFunc) (ClipperSaveStage stage, guint64 received, gpointer user_data);

/**
 * ClipperSaveNotices:
 * @CLIPPER_SAVE_NOTICE_NONE: nothing to say
 * @CLIPPER_SAVE_NOTICE_PREVIEW: the page may hold only the start of the
 *   article: a box asking to subscribe was cut from a short one
 *   (#ClipperExtraction.preview).  Say "Saved, but the page may be only a
 *   preview: it asks to subscribe".
 * @CLIPPER_SAVE_NOTICE_PAGE_CHANGED: the page was already saved and now
 *   holds other words than the saved article (%CLIPPER_SAVER_SAVE_COMPARE
 *   fetched it again to tell); nothing was replaced.  Say so, and offer
 *   Fetch Again.
 *
 * What a save that succeeded has to tell the user about what it saved.
 */
typedef enum {
  CLIPPER_SAVE_NOTICE_NONE         = 0,
  CLIPPER_SAVE_NOTICE_PREVIEW      = 1 << 0,
  CLIPPER_SAVE_NOTICE_PAGE_CHANGED = 1 << 1,
} ClipperSaveNotices;

/**
 * ClipperSaveReport:
 * @article_id: the article saved, or the one the page already was; 0
 *   when nothing was saved.  An update leaves it the article updated.
 * @existed: %TRUE when the page was already saved
 * @n_images_missing: how many of the images the article shows could not
 *   be stored (gone, too slow, too large); 0 for a page that was already
 *   saved, and for an update offline, where nothing is downloaded
 * @notices: what to tell the user of what was saved
 * @counts: an update's: how the article's highlights were placed again
 *   (set once the article is updated, even when its images then fail; for
 *   %CLIPPER_SAVER_ERROR_OTHER_ARTICLE, how they would have been)
 *
 * What a save or an update did, for the caller to tell the user.  One
 * struct for both, so that a new thing to tell is a new member, not a new
 * twin of every function.
 */
typedef struct {
  gint64                article_id;
  gboolean              existed;
  guint                 n_images_missing;
  ClipperSaveNotices    notices;
  ClipperReanchorCounts counts;
} ClipperSaveReport;

/**
 * ClipperSaverSaveFlags:
 * @CLIPPER_SAVER_SAVE_NONE: a page already saved is found and returned
 * @CLIPPER_SAVER_SAVE_COMPARE: for a user who asked for the page: a page
 *   already saved is fetched and extracted again and its text compared
 *   with the saved one (and with the stored page extracted again, so that a
 *   better extractor is not taken for a changed page):
 *   %CLIPPER_SAVE_NOTICE_PAGE_CHANGED.  Nothing is replaced: that is
 *   clipper_saver_update_sync()'s, when the user asks.  A page that cannot
 *   be fetched now or holds no article is not said to have changed, and
 *   the save still returns the existing article.
 *
 * What clipper_saver_save_sync() does with a page already saved.
 */
typedef enum {
  CLIPPER_SAVER_SAVE_NONE    = 0,
  CLIPPER_SAVER_SAVE_COMPARE = 1 << 0,
} ClipperSaverSaveFlags;

/**
 * clipper_saver_save_sync:
 * @store: the library
 * @fetcher: the fetcher (its limits apply)
 * @uri_or_path: an http(s) URL, a file:// URI or a local path
 * @tags: (nullable) (array zero-terminated=1): tags to give the article
 * @flags: what to do with a page already saved
 * @progress: (nullable) (scope call): told of each stage
 * @progress_data: for @progress
 * @cancellable: (nullable): to stop the save (nothing is written then)
 * @out_report: (out) (optional): the article's id, whether it existed,
 *   its missing images and what to tell the user (#ClipperSaveReport)
 * @error: #CLIPPER_FETCH_ERROR, #CLIPPER_EXTRACT_ERROR, #CLIPPER_STORE_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Saves a page.  Everything is written in one transaction: the article, its
 * tags and its images, or nothing.  A page in which no article is found
 * is refused (%CLIPPER_EXTRACT_ERROR_EMPTY).
 *
 * Returns: %TRUE when the article is in the library
 */
gboolean clipper_saver_save_sync   (ClipperStore            *store,
                                    ClipperFetcher          *fetcher,
                                    const char              *uri_or_path,
                                    const char *const       *tags,
                                    ClipperSaverSaveFlags    flags,
                                    ClipperSaveProgressFunc  progress,
                                    gpointer                 progress_data,
                                    GCancellable            *cancellable,
                                    ClipperSaveReport       *out_report,
                                    GError                 **error);

/**
 * clipper_saver_save_async:
 * @store: the library (only its path is used, from a worker thread)
 * @fetcher: the fetcher; keep a reference of your own while saves run
 * @uri_or_path: an http(s) URL, a file:// URI or a local path
 * @tags: (nullable) (array zero-terminated=1): tags to give the article (copied)
 * @progress: (nullable) (scope notified): told of each stage, on the caller's
 *   thread-default main context
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data when no longer needed
 * @cancellable: (nullable): to stop the save
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * clipper_saver_save_sync() with %CLIPPER_SAVER_SAVE_COMPARE on a worker
 * thread, with its own connection to the library.
 */
void     clipper_saver_save_async  (ClipperStore            *store,
                                    ClipperFetcher          *fetcher,
                                    const char              *uri_or_path,
                                    const char *const       *tags,
                                    ClipperSaveProgressFunc  progress,
                                    gpointer                 progress_data,
                                    GDestroyNotify           progress_destroy,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data);

/**
 * clipper_saver_save_finish:
 * @out_report: (out) (optional): as clipper_saver_save_sync() fills it
 *
 * Returns: the article's id, or 0 with @error set
 */
gint64   clipper_saver_save_finish (GAsyncResult       *result,
                                    ClipperSaveReport  *out_report,
                                    GError            **error);

/**
 * clipper_saver_extract:
 * @page: a fetched page
 * @error: #CLIPPER_EXTRACT_ERROR
 *
 * Extracts the article of a fetched page: HTML and XHTML as they are, plain
 * text as one preformatted block.  The title falls back to the first line
 * of a text, the file name or the address, so it is never empty.
 *
 * Returns: (transfer full): the extraction, or %NULL with @error set
 */
ClipperExtraction *clipper_saver_extract (const ClipperFetchResult  *page,
                                          GError                   **error);

/**
 * clipper_saver_fill_article:
 * @article: an article, new or stored
 * @extraction: its extraction
 * @page: (nullable): the fetched page, to set the canonical URL after redirects
 *
 * Copies everything the extraction has into @article: title, byline, site
 * name, language, direction, published time, excerpt, lead image, HTML, text
 * and word count.  Leaves the URL, the id, the tags and the reading state alone.
 */
void     clipper_saver_fill_article (ClipperArticle           *article,
                                     const ClipperExtraction  *extraction,
                                     const ClipperFetchResult *page);

/**
 * clipper_saver_store_images_sync:
 * @store: the library
 * @fetcher: the fetcher
 * @article_id: the article the images belong to
 * @extraction: its extraction (extraction->images and the lead image)
 * @page: the page they come from (decides whether local files may be read)
 * @cancellable: (nullable): to stop
 * @out_n_stored: (out) (optional): how many images were stored
 * @out_n_missing: (out) (optional): how many of the images the article
 *   shows the library has no copy of now (gone, too slow, too large, and
 *   not stored before either)
 * @error: #CLIPPER_STORE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Fetches the article's images and stores them, each in its own
 * savepoint: a missing or refused image is skipped.  Fails only when the
 * library cannot be written or when cancelled.
 *
 * Returns: %TRUE unless the store failed or the call was cancelled
 */
gboolean clipper_saver_store_images_sync (ClipperStore             *store,
                                          ClipperFetcher           *fetcher,
                                          gint64                    article_id,
                                          const ClipperExtraction  *extraction,
                                          const ClipperFetchResult *page,
                                          GCancellable             *cancellable,
                                          guint                    *out_n_stored,
                                          guint                    *out_n_missing,
                                          GError                  **error);

/**
 * clipper_saver_refetch_sync:
 * @store: the library
 * @fetcher: the fetcher
 * @article_id: a saved article
 * @cancellable: (nullable): to stop
 * @out_page: (out) (optional) (transfer full): the page as fetched now
 *   (its ->raw is the new original page)
 * @error: #CLIPPER_STORE_ERROR (NOT_FOUND for an unknown id),
 *   #CLIPPER_FETCH_ERROR or #CLIPPER_EXTRACT_ERROR
 *
 * Fetches an article's URL again and extracts it.  Writes nothing: the
 * caller re-anchors highlights and writes the result (see the top of this
 * file).
 *
 * Returns: (transfer full): the new extraction, or %NULL with @error set
 */
ClipperExtraction *clipper_saver_refetch_sync (ClipperStore        *store,
                                               ClipperFetcher      *fetcher,
                                               gint64               article_id,
                                               GCancellable        *cancellable,
                                               ClipperFetchResult **out_page,
                                               GError             **error);

/**
 * ClipperSaverUpdateFlags:
 * @CLIPPER_SAVER_UPDATE_NONE: fetch the article's page again
 * @CLIPPER_SAVER_UPDATE_OFFLINE: fetch nothing: extract the original page the
 *   library kept again (after the extractor improved)
 * @CLIPPER_SAVER_UPDATE_REPLACE: write the new text even when it is no
 *   longer the saved article (%CLIPPER_SAVER_ERROR_OTHER_ARTICLE): the user
 *   was asked
 *
 * How clipper_saver_update_sync() gets the page, and what it may write.
 */
typedef enum {
  CLIPPER_SAVER_UPDATE_NONE    = 0,
  CLIPPER_SAVER_UPDATE_OFFLINE = 1 << 0,
  CLIPPER_SAVER_UPDATE_REPLACE = 1 << 1,
} ClipperSaverUpdateFlags;

/**
 * clipper_saver_update_sync:
 * @store: the library
 * @fetcher: (nullable): the fetcher; only %NULL with %CLIPPER_SAVER_UPDATE_OFFLINE
 * @article_id: a saved article
 * @flags: where the page comes from
 * @cancellable: (nullable): to stop
 * @out_report: (out) (optional): how the article's highlights were placed
 *   again, how many of the images the new text shows could not be
 *   downloaded and what to tell the user of the new text (a teaser that asks
 *   to subscribe is %CLIPPER_SAVE_NOTICE_PREVIEW); see #ClipperSaveReport
 * @error: #CLIPPER_STORE_ERROR (NOT_FOUND for an unknown id, or, offline,
 *   an article without a stored page), #CLIPPER_FETCH_ERROR,
 *   #CLIPPER_EXTRACT_ERROR (EMPTY when the page no longer holds an article),
 *   %CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED (the article was updated),
 *   %CLIPPER_SAVER_ERROR_OTHER_ARTICLE (nothing was changed) or
 *   %G_IO_ERROR_CANCELLED
 *
 * Updates a saved article from its page: gets the page (see @flags),
 * extracts it, re-anchors every highlight of the article against the new
 * text (orphans are kept, never deleted) and writes the article, its
 * original page and its highlights in one transaction, so that a failure
 * at any step leaves the article as it was.  A page that no longer holds an
 * article (an error page, a paywall) changes nothing: it would orphan every
 * highlight for nothing.  Nor, unless @flags has
 * %CLIPPER_SAVER_UPDATE_REPLACE, does a page that is no longer the saved
 * article (clipper_reanchor_is_other_text(): it redirects to another
 * article, or lost most of the text the highlights were on): replacing it
 * would lose the saved text and page for good.  The images the new text shows are stored after
 * the transaction, each on its own; a failure there (the library cannot be
 * written) leaves the article updated and is
 * %CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED, with @out_report set.
 *
 * Returns: %TRUE when the article was updated (and its images stored)
 */
gboolean clipper_saver_update_sync   (ClipperStore             *store,
                                      ClipperFetcher           *fetcher,
                                      gint64                    article_id,
                                      ClipperSaverUpdateFlags   flags,
                                      GCancellable             *cancellable,
                                      ClipperSaveReport        *out_report,
                                      GError                  **error);

/**
 * clipper_saver_update_async:
 * @store: the library (only its path is used, from a worker thread)
 * @fetcher: (nullable): the fetcher; keep a reference of your own while
 *   updates run; only %NULL with %CLIPPER_SAVER_UPDATE_OFFLINE
 * @article_id: a saved article
 * @flags: where the page comes from
 * @cancellable: (nullable): to stop the update
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * clipper_saver_update_sync() on a worker thread, with its own connection
 * to the library.
 */
void     clipper_saver_update_async  (ClipperStore             *store,
                                      ClipperFetcher           *fetcher,
                                      gint64                    article_id,
                                      ClipperSaverUpdateFlags   flags,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);

/**
 * clipper_saver_update_finish:
 * @out_report: (out) (optional): as clipper_saver_update_sync() fills it
 *
 * Returns: %TRUE when the article was updated (and its images stored)
 */
gboolean clipper_saver_update_finish (GAsyncResult             *result,
                                      ClipperSaveReport        *out_report,
                                      GError                  **error);

/**
 * clipper_saver_update_get_title:
 * @result: the result given to clipper_saver_update_async()'s callback
 *
 * The title of the page the update found, to name it when it was refused
 * as another article (%CLIPPER_SAVER_ERROR_OTHER_ARTICLE).
 *
 * Returns: (nullable): the title, or %NULL when no page was extracted
 */
const char *clipper_saver_update_get_title (GAsyncResult *result);

G_END_DECLS
