/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clipper-application.h"
#include "clipper-library-model.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_WINDOW (clipper_window_get_type ())
G_DECLARE_FINAL_TYPE (ClipperWindow, clipper_window, CLIPPER, WINDOW, AdwApplicationWindow)

/* @store: the library the window shows; the window watches it for changes. */
ClipperWindow       *clipper_window_new               (ClipperApplication *app,
                                                       ClipperStore       *store);
/* Back to the page and the article shown when the last window closed. */
void                 clipper_window_restore_state     (ClipperWindow *self);
/* (transfer none) */
ClipperStore        *clipper_window_get_store         (ClipperWindow *self);
/* The rows of the Articles list. (transfer none) */
ClipperLibraryModel *clipper_window_get_library_model (ClipperWindow *self);
/* The results of the current search (ClipperSearchResult). (transfer none) */
GListModel          *clipper_window_get_search_model  (ClipperWindow *self);
/* The Highlights page. (transfer none) */
GtkWidget           *clipper_window_get_review_page   (ClipperWindow *self);

/* Saves a web page (http/https URL), a local HTML file (path or file://
 * URI) into the library in the background; a pending row shows progress.
 * "article-saved" (gint64 id) or "save-failed" (const char *message)
 * is emitted when it is done.  A local file that is an export Clipper
 * imports (Kindle clippings, annotation JSON, Clipper's Markdown or vault)
 * is imported instead, as clipper_window_import_file() does. */
char                *clipper_window_dup_save_uri      (const char    *text);
char                *clipper_window_dup_save_failure  (const char    *uri,
                                                       const GError  *error);
/* The short title of a failed save's toast (transfer none). */
const char          *clipper_window_get_save_failure_title (const GError *error);
/* The short title of a failed import's toast, @path what was imported
 * (transfer none). */
const char          *clipper_window_get_import_failure_title (const GError *error,
                                                              const char   *path);
void                 clipper_window_save_uri          (ClipperWindow *self,
                                                       const char    *uri);
guint                clipper_window_get_n_pending_saves (ClipperWindow *self);

/* Whether a search runs on its worker, its results not shown yet. */
gboolean             clipper_window_get_search_pending (ClipperWindow *self);
/* Runs a search at once (the entry waits for typing to pause), on a
 * worker thread: the results come when it is done. */
void                 clipper_window_search            (ClipperWindow *self,
                                                       const char    *text);
/* Filters of the Articles list: 0 Unread, 1 Starred, 2 Archived, 3 All, 4… tags. */
void                 clipper_window_set_filter        (ClipperWindow *self,
                                                       guint          index);

/* Shows the article in the reader (and scrolls to the highlight, if not 0). */
void                 clipper_window_open_article      (ClipperWindow *self,
                                                       gint64         article_id,
                                                       gint64         highlight_id);
/* Opens a search hit: a highlight's article at the highlight, an
 * article at the first words @snippet (the hit's, or NULL) marks. */
void                 clipper_window_open_search_hit   (ClipperWindow        *self,
                                                       ClipperSearchHitKind  kind,
                                                       gint64                article_id,
                                                       gint64                highlight_id,
                                                       const char           *snippet);
gint64               clipper_window_get_article_id    (ClipperWindow *self);
/* The reader pane's content: the ClipperReaderView, or a placeholder. (transfer none) */
GtkWidget           *clipper_window_get_reader        (ClipperWindow *self);

/* Delete with Undo: the article leaves the list at once, the store forgets
 * it when the toast goes away (or the window closes) unless undone. */
void                 clipper_window_delete_article    (ClipperWindow *self,
                                                       gint64         article_id);
void                 clipper_window_undo_delete       (ClipperWindow *self,
                                                       gint64         article_id);
/* Carries out every delete still waiting for its toast. */
void                 clipper_window_flush_deletes     (ClipperWindow *self);

/* Markdown vault export of the whole library into @dir, and import of a
 * Clipper/W3C JSON, Hypothesis JSON or Kindle clippings file, in the
 * background with a progress bar and a summary toast. */
void                 clipper_window_export_library    (ClipperWindow *self,
                                                       const char    *dir);
/* The whole library as W3C JSON into the file @path, in the background. */
void                 clipper_window_export_library_json (ClipperWindow *self,
                                                         const char    *path);
void                 clipper_window_import_file       (ClipperWindow *self,
                                                       const char    *path);
/* Whether an export or import runs or a vault update is scheduled. */
gboolean             clipper_window_is_busy           (ClipperWindow *self);

/* Prints time to first frame and RSS, then quits (CLIPPER_MEASURE_STARTUP). */
void                 clipper_window_measure_startup   (ClipperWindow *self,
                                                       gint64         start_us);

G_END_DECLS
