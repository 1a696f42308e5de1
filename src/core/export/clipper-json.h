/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON export and import in the W3C Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/), plus Hypothesis's export.
 *
 * The export is an AnnotationCollection in JSON-LD: every highlight is an
 * Annotation (urn:uuid id, target.source = the article URL with a
 * TextQuoteSelector and a TextPositionSelector, the note as a
 * text/markdown TextualBody with purpose "commenting", each tag a
 * TextualBody with purpose "tagging", the colour as "clipper:color"),
 * and "clipper:articles" holds every article record in full (metadata,
 * html, text, state, star, tags, the original page in base64).  Importing
 * it into an empty library and exporting again gives the same document:
 * nothing in it depends on when or where it was made.
 *
 * The document is written one record at a time, so memory stays flat
 * however big the library is.  See docs/export.md for an example.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "clipper-export.h"
#include "clipper-import.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_JSON_CONTEXT "http://www.w3.org/ns/anno.jsonld"

/* The version of the document Clipper writes; an import says when a file
 * has a later one (its new parts may be left out). */
#define CLIPPER_JSON_VERSION 1

/* How every export starts.  Each record then sits on a line of its own,
 * which lets an import of Clipper's own files read them a record at a
 * time (flat memory) instead of parsing the whole document at once. */
#define CLIPPER_JSON_HEADER \
  "{\"@context\":\"" CLIPPER_JSON_CONTEXT "\"," \
  "\"type\":\"AnnotationCollection\"," \
  "\"label\":\"Clipper library\"," \
  "\"clipper:version\":" G_STRINGIFY (CLIPPER_JSON_VERSION) "," \
  "\"clipper:articles\":["
#define CLIPPER_JSON_ITEMS_LINE "\"first\":{\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":["

/**
 * clipper_json_export:
 * @store: the library
 * @out: where to write (not closed)
 * @options: (nullable): which articles (ids, tag); the rest is ignored
 * @out_articles: (out) (optional): articles written
 * @out_highlights: (out) (optional): annotations written
 * @progress: (nullable) (scope call): called as records are written
 * @progress_data: for @progress
 * @cancellable: (nullable): to stop
 * @error: return location
 *
 * Returns: %FALSE on error
 */
gboolean clipper_json_export        (ClipperStore               *store,
                                     GOutputStream              *out,
                                     const ClipperExportOptions *options,
                                     guint                      *out_articles,
                                     guint                      *out_highlights,
                                     ClipperProgressFunc         progress,
                                     gpointer                    progress_data,
                                     GCancellable               *cancellable,
                                     GError                    **error);

/**
 * clipper_json_export_file:
 * @store: the library
 * @path: the file to write
 * @options: (nullable): as clipper_json_export()
 * @out_articles: (out) (optional): articles written
 * @out_highlights: (out) (optional): annotations written
 * @progress: (nullable) (scope call): called as records are written
 * @progress_data: for @progress
 * @cancellable: (nullable): to stop
 * @error: return location: a G_IO_ERROR of writing says why alone (the
 *   caller names @path)
 *
 * clipper_json_export() into a temporary file beside @path, renamed over
 * it once complete: an export that fails leaves no file cut short under
 * @path, and an older one whole.
 *
 * Returns: %FALSE on error
 */
gboolean clipper_json_export_file   (ClipperStore               *store,
                                     const char                 *path,
                                     const ClipperExportOptions *options,
                                     guint                      *out_articles,
                                     guint                      *out_highlights,
                                     ClipperProgressFunc         progress,
                                     gpointer                    progress_data,
                                     GCancellable               *cancellable,
                                     GError                    **error);

/**
 * clipper_json_export_async:
 * @db_path: (nullable): the library file (the worker opens its own connection,
 *   and makes none: a library no longer there fails with CLIPPER_STORE_ERROR_OPEN)
 * @path: the file to write; replaced atomically when the export succeeds
 * @options: (nullable): copied
 * @progress: (nullable): called on the caller's thread-default main context
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data at the end
 * @cancellable: (nullable): to stop
 * @callback: called when done
 * @user_data: for @callback
 *
 * clipper_json_export_finish() gives what clipper_json_export() counted
 * (@out_articles, @out_highlights: optional), for a toast to say.
 */
void     clipper_json_export_async  (const char                 *db_path,
                                     const char                 *path,
                                     const ClipperExportOptions *options,
                                     ClipperProgressFunc         progress,
                                     gpointer                    progress_data,
                                     GDestroyNotify              progress_destroy,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data);
gboolean clipper_json_export_finish (GAsyncResult *result,
                                     guint        *out_articles,
                                     guint        *out_highlights,
                                     GError      **error);

/* For clipper-import.c: import a parsed document (the store transaction is
 * the caller's). */
gboolean clipper_json_import_w3c        (ClipperStore        *store,
                                         JsonNode            *root,
                                         ClipperImportResult *result,
                                         ClipperProgressFunc  progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean clipper_json_import_hypothesis (ClipperStore        *store,
                                         JsonNode            *root,
                                         ClipperImportResult *result,
                                         ClipperProgressFunc  progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* Record-at-a-time import, shared by the whole-document and the
 * line-by-line readers. */
typedef struct _ClipperJsonImporter ClipperJsonImporter;

ClipperJsonImporter *clipper_json_importer_new            (ClipperStore        *store,
                                                           ClipperImportResult *result);
void                 clipper_json_importer_free           (ClipperJsonImporter *self);
gboolean             clipper_json_importer_add_article    (ClipperJsonImporter *self,
                                                           JsonNode            *node,
                                                           guint                entry,
                                                           GError             **error);
gboolean             clipper_json_importer_add_annotation (ClipperJsonImporter *self,
                                                           JsonNode            *node,
                                                           guint                entry,
                                                           GError             **error);
gboolean             clipper_json_importer_finish         (ClipperJsonImporter *self,
                                                           GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperJsonImporter, clipper_json_importer_free)

G_END_DECLS
