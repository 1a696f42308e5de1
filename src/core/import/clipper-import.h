/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import: notes and highlights from a file into the library.
 *
 *   - Clipper's own JSON (a W3C Web Annotation AnnotationCollection with
 *     "clipper:articles"): lossless, the reverse of clipper_json_export()
 *   - any other W3C Web Annotation JSON (highlights of pages not saved
 *     become library items without a body)
 *   - Hypothesis's JSON export (an array of annotations)
 *   - Kindle's "My Clippings.txt"
 *   - Clipper's own Markdown, a file or a vault folder (see
 *     clipper-markdown-import.h): notes edited in the vault come back
 *
 * Importing the same file twice adds nothing the second time: articles are
 * matched by URL, highlights by UUID (stable UUIDs are derived for formats
 * that have none); a JSON annotation the library has under another UUID (a
 * vault import's) is matched by its block id or its quote.  A broken entry is skipped and reported, the rest is
 * imported; everything an import adds is one transaction.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-export.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum {
  CLIPPER_IMPORT_FORMAT_AUTO = 0,
  CLIPPER_IMPORT_FORMAT_JSON,        /* W3C Web Annotation (Clipper's export or another tool's) */
  CLIPPER_IMPORT_FORMAT_HYPOTHESIS,  /* Hypothesis JSON export */
  CLIPPER_IMPORT_FORMAT_KINDLE,      /* My Clippings.txt */
  CLIPPER_IMPORT_FORMAT_MARKDOWN,    /* Clipper's own Markdown: a file or a vault folder */
} ClipperImportFormat;

const char *clipper_import_format_to_string (ClipperImportFormat format);

/**
 * ClipperImportResult:
 * @format: the format the file was read as
 * @articles_added: articles (or books) new to the library
 * @first_article_added: the id of the first of them, 0 when none came (for
 *   the app's toast to show it)
 * @articles_existing: articles the library already had
 * @highlights_added: highlights new to the library
 * @highlights_existing: highlights the library already had (a re-import)
 * @notes_added: notes attached to highlights (Kindle; Hypothesis: an
 *   annotation's text written on hypothes.is after it was imported)
 * @skipped: entries skipped on purpose: Kindle's bookmarks and earlier
 *   versions of a highlight or note changed on the device (a later
 *   clipping at the same place), annotations with neither a quote nor a
 *   note
 * @broken_lines: (element-type guint): where each broken entry starts (line
 *   numbers for Kindle, 1-based entry numbers for JSON and Markdown files)
 * @problems: (element-type utf8): one message per broken entry
 * @articles_completed: JSON: articles the library had without a text (made
 *   from a vault or Kindle import) that the file's record filled in
 * @highlights_merged: JSON: highlights the library had under another id (a
 *   vault import's, made from the block id) that the file's are matched
 *   with instead of being added twice
 * @highlights_placed: JSON: the library's own highlights placed on a text
 *   the file filled in
 * @page_notes: JSON and Hypothesis: notes on a whole page (no quote), kept
 *   as highlights of their own text tagged page-note (and Hypothesis
 *   replies to an annotation neither the file nor the library has, tagged
 *   reply)
 * @replies: JSON and Hypothesis: replies to an annotation, added to its
 *   note with who wrote them
 * @replies_existing: JSON and Hypothesis: replies the note they answer
 *   holds already (a re-import); not highlights, so not among
 *   @highlights_existing
 * @replies_updated: JSON and Hypothesis: replies edited since, whose new
 *   version replaced the earlier one in the note they answer (or went
 *   below it, when the note's user had edited that one: a notice)
 * @files_read: Markdown: the Clipper files read
 * @files_skipped: Markdown: files left out (not Clipper's, or broken)
 * @notes_updated: Markdown: notes taken from the files; Kindle: notes
 *   edited on the device that replaced the version the library held as an
 *   earlier import left it; Hypothesis: annotations' text edited on
 *   hypothes.is that replaced the version an earlier import took in
 * @tags_updated: Markdown: highlights whose tags or colour were taken from the files
 * @conflicts: Markdown: highlights (and articles' tags) changed in the file whose library
 *   version was kept; Kindle: notes edited in the library whose file's
 *   version differs, kept as the library has them (each also a notice);
 *   Hypothesis: notes edited in the library whose annotation's text was
 *   edited on hypothes.is too, kept with the file's text below them (each
 *   also a notice)
 * @article_tags_updated: Markdown: articles whose tags were taken from the files' front matter
 * @article_tag_conflicts: Markdown: of @conflicts, articles whose tags changed on both sides
 * @article_states_updated: Markdown: articles whose star, read state or reading position
 *   were taken from the files' front matter
 * @article_state_conflicts: Markdown: of @conflicts, articles whose star, read state or
 *   reading position changed on both sides
 * @broken_files: (element-type utf8): Markdown: names of the broken files skipped
 * @notices: (element-type utf8): Markdown: what people should know that is not
 *   an error (conflicts, edited quotes ignored, quotes not found)
 * @foreign_highlights: Markdown: of @highlights_added, those from files another
 *   library wrote (a vault synced from another computer's Clipper)
 * @foreign_articles: Markdown: the articles they were added to
 * @foreign_merged: Markdown and JSON: highlights of another library on a passage this
 *   library had highlighted too, whose note or tags were added to this library's (one
 *   highlight, not two)
 * @not_read: Markdown: passages the user wrote in Clipper's section that the
 *   import could not take in (a quote not in the article's text, a line below a
 *   tags line or under the title, lines after a `---`); each is also a notice,
 *   and a vault export keeps them below the section
 * @encoding: Kindle and JSON: the character set the file was read in when it
 *   was not UTF-8 ("Windows-1251", "UTF-16LE"; JSON only UTF-16 and UTF-32),
 *   for people; %NULL for UTF-8
 * @unreadable: Kindle: clippings with bytes that could not be read in it,
 *   kept with U+FFFD in their place; each is also a notice
 * @highlights_repaired: Kindle: of @highlights_existing, those an earlier
 *   import stored with U+FFFD for letters it could not read, whose text the
 *   file gave
 * @highlights_updated: Kindle: highlights the library had that were changed
 *   on the device since (extended, shortened, other words), whose text and
 *   range the file's latest clipping gave; not among @highlights_existing
 * @removed_in_file: Markdown: highlights Clipper wrote into a vault file
 *   (its manifest says so) that the file no longer has and the library
 *   still has: deleted in the file, most likely; never deleted by an
 *   import, each file's also a notice naming them
 */
typedef struct {
  ClipperImportFormat format;
  guint               articles_added;
  gint64              first_article_added;
  guint               articles_existing;
  guint               highlights_added;
  guint               highlights_existing;
  guint               highlights_reanchored; /* of highlights_added: placed again on the library's other text */
  guint               highlights_orphaned;   /* of highlights_added: not placed there with confidence */
  guint               notes_added;
  guint               skipped;
  guint               articles_completed;
  guint               highlights_merged;
  guint               highlights_placed;
  guint               page_notes;
  guint               replies;
  guint               replies_existing;
  guint               replies_updated;
  GArray             *broken_lines;
  GPtrArray          *problems;
  guint               files_read;
  guint               files_skipped;
  guint               notes_updated;
  guint               tags_updated;
  guint               conflicts;
  GPtrArray          *broken_files;
  GPtrArray          *notices;
  guint               not_read;
  guint               article_tags_updated;
  guint               article_tag_conflicts;
  guint               article_states_updated;
  guint               article_state_conflicts;
  guint               foreign_highlights;
  guint               foreign_articles;
  guint               foreign_merged;
  char               *encoding;
  guint               unreadable;
  guint               highlights_repaired;
  guint               highlights_updated;
  guint               removed_in_file;
} ClipperImportResult;

ClipperImportResult *clipper_import_result_new     (void);
void                 clipper_import_result_free    (ClipperImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperImportResult, clipper_import_result_free)

/* Records a broken entry (internal to importers). */
void                 clipper_import_result_add_problem (ClipperImportResult *result,
                                                        guint                line,
                                                        const char          *format,
                                                        ...) G_GNUC_PRINTF (3, 4);

/* Records something people should know (internal to importers). */
void                 clipper_import_result_add_notice (ClipperImportResult *result,
                                                       const char          *format,
                                                       ...) G_GNUC_PRINTF (2, 3);

/* Rolls back an import's transaction (internal to importers).  Where
 * @error says the library could not be written (a full disk), it says
 * too that nothing was imported: "cannot save the article's text:
 * database or disk is full" alone left people to guess how much was in. */
void                 clipper_import_undo (ClipperStore *store,
                                          GError      **error);

/* clipper_import_undo()'s words, after a failed commit, which rolled back
 * by itself (internal to importers). */
void                 clipper_import_say_undone (GError **error);

/* clipper_import_file_async() and clipper_markdown_import_async() (internal
 * to importers): clipper_import_file(), or clipper_markdown_import() with
 * @color_meanings (copied) for %CLIPPER_IMPORT_FORMAT_MARKDOWN, on a worker
 * thread with its own connection; the task is tagged @source_tag. */
void                 clipper_import_start_async (const char          *db_path,
                                                 const char          *path,
                                                 ClipperImportFormat  format,
                                                 GHashTable          *color_meanings,
                                                 ClipperProgressFunc  progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag);

/**
 * clipper_import_result_summary:
 * @result: a result
 *
 * One line for people, e.g. "imported 12 articles, 340 highlights; skipped
 * 2 broken entries (lines 88, 140)".
 *
 * Returns: (transfer full): the line
 */
char *clipper_import_result_summary (const ClipperImportResult *result);

/**
 * clipper_import_detect:
 * @data: the start of a file (a few KiB are enough)
 * @len: its length
 *
 * Returns: the format @data looks like, or %CLIPPER_IMPORT_FORMAT_AUTO when
 *   it looks like none
 */
ClipperImportFormat clipper_import_detect (const char *data, gsize len);

/**
 * clipper_import_detect_export:
 * @path: a local file or folder
 *
 * Whether @path is an export the import reads, told with more certainty
 * than clipper_import_detect() needs: a page someone means to save (a text
 * article with a list in it, JSON that holds no annotations, Markdown notes
 * that are not Clipper's) is none.  The app imports such a file when it is
 * opened or dropped, and `clipper-cli add` refuses it, rather than saving
 * it as an article of raw clippings or JSON.  A vault folder (one with
 * Clipper's list of files) is Markdown.
 *
 * Returns: the export's format, or %CLIPPER_IMPORT_FORMAT_AUTO for
 *   anything else (also a file that cannot be read: saving it says why)
 */
ClipperImportFormat clipper_import_detect_export (const char *path);

/* What a file in @format is, for people: "a Hypothesis export"; %NULL for
 * %CLIPPER_IMPORT_FORMAT_AUTO. */
const char         *clipper_import_format_describe (ClipperImportFormat format);

/**
 * clipper_import_data:
 * @store: the library
 * @data: the whole file
 * @len: its length
 * @format: its format, or %CLIPPER_IMPORT_FORMAT_AUTO to detect it
 * @progress: (nullable) (scope call): called as entries are imported
 * @progress_data: for @progress
 * @cancellable: (nullable): to stop (nothing is then imported)
 * @error: return location: CLIPPER_EXPORT_ERROR_UNSUPPORTED for data in
 *   no known format, _INVALID for a file that is broken as a whole (not
 *   JSON at all, Kindle clippings none of which can be read), a store
 *   error when writing fails (nothing is imported)
 *
 * Imports @data in one transaction.
 *
 * Returns: (transfer full): what was imported, or %NULL on error
 */
ClipperImportResult *clipper_import_data (ClipperStore        *store,
                                          const char          *data,
                                          gsize                len,
                                          ClipperImportFormat  format,
                                          ClipperProgressFunc  progress,
                                          gpointer             progress_data,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Whether @path is read as Clipper's Markdown when its format is
 * %CLIPPER_IMPORT_FORMAT_AUTO: a folder (a vault) or a `.md` /
 * `.markdown` file. */
gboolean             clipper_import_path_is_markdown (const char *path);

/* clipper_import_data() on the contents of @path; a folder (or a file in
 * %CLIPPER_IMPORT_FORMAT_MARKDOWN) goes to clipper_markdown_import() with
 * the default colour meanings. */
ClipperImportResult *clipper_import_file (ClipperStore        *store,
                                          const char          *path,
                                          ClipperImportFormat  format,
                                          ClipperProgressFunc  progress,
                                          gpointer             progress_data,
                                          GCancellable        *cancellable,
                                          GError             **error);

/**
 * clipper_import_file_async:
 * @db_path: (nullable): the library file; the worker thread opens its own
 *   connection, and makes none: a library no longer there fails with
 *   CLIPPER_STORE_ERROR_OPEN.  %NULL: the default library
 * @path: the file to import
 * @format: its format or %CLIPPER_IMPORT_FORMAT_AUTO
 * @progress: (nullable): called on the caller's thread-default main context
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data at the end
 * @cancellable: (nullable): to stop
 * @callback: called when done
 * @user_data: for @callback
 *
 * clipper_import_file() on a worker thread.
 */
void                 clipper_import_file_async  (const char          *db_path,
                                                 const char          *path,
                                                 ClipperImportFormat  format,
                                                 ClipperProgressFunc  progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* Returns: (transfer full): what was imported, or %NULL on error */
ClipperImportResult *clipper_import_file_finish (GAsyncResult *result, GError **error);

G_END_DECLS
