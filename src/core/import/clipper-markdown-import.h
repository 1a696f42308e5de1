/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import of Clipper's own Markdown: what a user wrote in a vault comes back.
 *
 * A file of a vault (see clipper-markdown.h and docs/export.md) is front
 * matter with a `clipper-id` and Clipper's section, in which each highlight
 * is a block quote, its note and a line of tags ending in a block id
 * `^xxxxxxxx` (clipper_export_block_id(): the last eight hex digits of the
 * highlight's UUID; files exported before 29 November 2026 have the first
 * eight, which are matched too).  The import reads that back:
 *
 *   - articles are matched by the front matter's `url`, checked against
 *     its `clipper-id`; highlights by block id within their article;
 *   - a changed note, changed tags or a changed colour tag update the
 *     library, unescaped back to the exact text (export → import is the
 *     identity); an edited quote is ignored (the article's text decides);
 *   - when the vault's manifest has the highlight's marks (what each field
 *     looked like in the file when Clipper wrote it), field by field: a
 *     field only the file changed comes in, one only the library changed
 *     stays (no conflict), one both changed is a conflict: the library's
 *     is kept and the file's is kept for the user (by an export, in a
 *     callout below Clipper's section);
 *   - without them, a change is taken only when the file was modified after
 *     the highlight last changed in the library (and, when the manifest
 *     says when Clipper last wrote the file, only when the library did not
 *     change the highlight since): otherwise the library's is kept and the
 *     conflict reported;
 *   - the article's tags in the front matter follow the same rule as a
 *     highlight's fields, with the manifest's record of the tags Clipper
 *     wrote (clipper_markdown_tags_mark()); without it, tags the file adds
 *     are added and none is removed;
 *   - so do its star, read state and reading position (starred, read,
 *     archived, clipper-position); without the record, a star is added, a
 *     read state further on is taken, a position only where the library
 *     has none;
 *   - an article the library lacks is added without a body, with its
 *     highlights (UUIDs derived from clipper-id and block id, whose last
 *     eight digits are the block id, so links to them keep working);
 *   - a block quote added by hand is placed in the article's text and added;
 *   - nothing is ever deleted;
 *   - what an import of this library's vault took in is recorded in the
 *     manifest (a field as the file has it where the library now holds the
 *     same, as Clipper wrote it where they still differ), so that the next
 *     export sees only the changes made since, and real conflicts.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-import.h"

G_BEGIN_DECLS

/**
 * clipper_markdown_import_text:
 * @store: the library (the caller holds the transaction)
 * @name: the file's name, for messages
 * @contents: the file
 * @len: its length
 * @file_mtime: when the file was last modified (Unix seconds), or -1 when
 *   not known (taken as now)
 * @written_at: when Clipper last wrote the file or found it up to date
 *   (from the vault's manifest), or -1 when not known
 * @untouched: Clipper's section is as Clipper left it (the file's size and
 *   mtime, or its section's fingerprint, are the manifest's): it holds
 *   nothing of the user's, so no highlight the library has is changed from
 *   it (an article the library lacks is still added)
 * @color_meanings: (nullable) (element-type utf8 utf8): colour → meaning as
 *   the export used them; %NULL for the defaults
 * @result: counts and messages are added here
 * @error: return location, for store errors only
 *
 * Imports one file's changes.  A file that is not Clipper's is counted in
 * @result->files_skipped; a broken one is reported in @result->problems
 * (by name) and skipped.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean clipper_markdown_import_text (ClipperStore        *store,
                                       const char          *name,
                                       const char          *contents,
                                       gsize                len,
                                       gint64               file_mtime,
                                       gint64               written_at,
                                       gboolean             untouched,
                                       GHashTable          *color_meanings,
                                       ClipperImportResult *result,
                                       GError             **error);

/**
 * clipper_markdown_import_text_full:
 * @store: the library (the caller holds the transaction)
 * @name: the file's name, for messages
 * @contents: the file
 * @len: its length
 * @file_mtime: as for clipper_markdown_import_text()
 * @written_at: as for clipper_markdown_import_text()
 * @untouched: as for clipper_markdown_import_text()
 * @marks: (nullable): clipper_markdown_highlight_marks() of the file as
 *   Clipper last wrote it (from the vault's manifest), or %NULL when not
 *   known (the import then goes by time)
 * @quotes: (nullable): the quotes clipper_markdown_highlight_marks() gave
 *   of the file as Clipper last wrote it, or %NULL when not known (a quote
 *   unlike the library's is then said to be edited in the file)
 * @tags_mark: (nullable): clipper_markdown_tags_mark() of the file as
 *   Clipper last wrote it (from the vault's manifest), or %NULL when not
 *   known (tags the file adds to the article are then added, none is
 *   removed)
 * @kept: (nullable): for each conflict (a field both the file and the
 *   library changed), a callout with what the file said is appended here,
 *   for the caller to write where the user sees it
 * @color_meanings: (nullable) (element-type utf8 utf8): as for
 *   clipper_markdown_import_text()
 * @result: counts and messages are added here
 * @error: return location, for store errors only
 *
 * clipper_markdown_import_text() with what the manifest knows of each
 * highlight: changes are then merged field by field.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean clipper_markdown_import_text_full (ClipperStore        *store,
                                            const char          *name,
                                            const char          *contents,
                                            gsize                len,
                                            gint64               file_mtime,
                                            gint64               written_at,
                                            gboolean             untouched,
                                            const char          *marks,
                                            const char          *quotes,
                                            const char          *tags_mark,
                                            GString             *kept,
                                            GHashTable          *color_meanings,
                                            ClipperImportResult *result,
                                            GError             **error);

/**
 * clipper_markdown_highlight_marks:
 * @text: a Markdown file of a vault
 * @out_quotes: (out) (transfer full) (nullable): the quotes' marks, %NULL
 *   when @text has no section
 *
 * What each highlight of Clipper's section looks like, as the vault's
 * manifest keeps it: per block id, a fingerprint of the note, of the tags
 * (as a set of tags) and of the colour tag; 12 bytes a highlight, in
 * base64.  An import compares them with the file and with the library to
 * tell which side changed a field.  And, kept beside them, per block id
 * a fingerprint of the quote's lines (8 bytes a highlight): an import
 * that finds a quote unlike the library's says it was edited in the file
 * only when it is not as Clipper wrote it, since the library changes a
 * quote itself (a Kindle's trimmed highlight, a page fetched again).
 *
 * Returns: (transfer full) (nullable): the marks, or %NULL when @text has
 *   no section
 */
char *clipper_markdown_highlight_marks (const char *text, char **out_quotes);

/**
 * clipper_markdown_tags_mark:
 * @text: a Markdown file of a vault
 *
 * A fingerprint of the article's tags in @text's front matter (as a set of
 * tags, whatever their case and order), then its star, read state and
 * reading position, as the vault's manifest keeps them: an import compares
 * them with the file and with the library to tell which side changed the
 * tags or the state.
 *
 * Returns: (transfer full) (nullable): 16 hex digits, a space and the
 *   state ("sa 0.346": starred or not ("-"), unread, read or archived, the
 *   position), or %NULL when @text has no readable front matter of
 *   Clipper's
 */
char *clipper_markdown_tags_mark (const char *text);

/**
 * clipper_markdown_section_fingerprint:
 * @text: a Markdown file of a vault
 *
 * A fingerprint of Clipper's section of @text (the markers included), as
 * the vault's manifest keeps it: when it is what Clipper wrote, the user
 * changed nothing there (their text around it does not count).
 *
 * Returns: (transfer full) (nullable): 16 hex digits, or %NULL when @text
 *   has no section
 */
char *clipper_markdown_section_fingerprint (const char *text);

/* How deep clipper_markdown_list_vault() looks into sub-folders. */
#define CLIPPER_VAULT_MAX_DEPTH 16

/**
 * clipper_markdown_list_vault:
 * @dir: a vault folder
 * @out_skipped: (out) (optional): how many other entries were found: files
 *   that are not Markdown, symbolic links, folders deeper than
 *   %CLIPPER_VAULT_MAX_DEPTH and folders that cannot be read
 * @error: CLIPPER_EXPORT_ERROR_IO when @dir itself cannot be read
 *
 * The Markdown files (`*.md`, `*.markdown`) of @dir and of its sub-folders,
 * as paths relative to @dir with `/` between folders, in name order.
 * Hidden files and folders (a name starting with `.`: the manifest,
 * `.obsidian`, `.trash`) are not looked at; symbolic links are not
 * followed, so there is no loop and nothing outside @dir is read; folders
 * are entered at most %CLIPPER_VAULT_MAX_DEPTH deep.
 *
 * Returns: (transfer full) (element-type filename): the files, or %NULL on
 *   error
 */
GPtrArray *clipper_markdown_list_vault (const char *dir, guint *out_skipped, GError **error);

/**
 * clipper_markdown_import:
 * @store: the library
 * @path: a Markdown file, or a vault folder (every `*.md` in it and in its
 *   sub-folders, see clipper_markdown_list_vault(); other files are skipped
 *   and counted)
 * @color_meanings: (nullable) (element-type utf8 utf8): colour → meaning
 *   as the export used them; %NULL for the defaults
 * @progress: (nullable) (scope call): called after each file
 * @progress_data: for @progress
 * @cancellable: (nullable): to stop (nothing is then imported)
 * @error: CLIPPER_EXPORT_ERROR_IO when @path cannot be read, a store error
 *
 * Imports @path in one transaction; the vault's manifest, when there is
 * one beside the files, tells when Clipper last wrote each of them.  Once
 * the transaction is committed, the manifest records what was taken in
 * from each of this library's files (clipper_markdown_record_import()), so
 * that the next export or import does not take it for a change made in
 * the file and in the library; a manifest that cannot be written (a
 * read-only vault) is said in @result's notices, and the import stands.
 *
 * Returns: (transfer full): what was done, or %NULL on error
 */
ClipperImportResult *clipper_markdown_import (ClipperStore        *store,
                                              const char          *path,
                                              GHashTable          *color_meanings,
                                              ClipperProgressFunc  progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GError             **error);

/**
 * clipper_markdown_import_async:
 * @db_path: (nullable): the library file (the worker thread opens its own
 *   connection, and makes none: a library no longer there fails with
 *   CLIPPER_STORE_ERROR_OPEN); %NULL for the default
 * @path: a Markdown file or a vault folder
 * @color_meanings: (nullable) (element-type utf8 utf8): copied
 * @progress: (nullable): called on the caller's thread-default main context
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data at the end
 * @cancellable: (nullable): to stop
 * @callback: called when done
 * @user_data: for @callback
 *
 * clipper_markdown_import() on a worker thread.
 */
void                 clipper_markdown_import_async  (const char          *db_path,
                                                     const char          *path,
                                                     GHashTable          *color_meanings,
                                                     ClipperProgressFunc  progress,
                                                     gpointer             progress_data,
                                                     GDestroyNotify       progress_destroy,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* Returns: (transfer full): what was done, or %NULL on error */
ClipperImportResult *clipper_markdown_import_finish (GAsyncResult *result, GError **error);

/**
 * clipper_markdown_section_body:
 * @text: a file's text
 *
 * The lines of Clipper's section from the "---" that starts the article's
 * body (the first one after the last highlight's tags line), as the file
 * has them (no CR, blank lines at the end left out).  The import does not
 * read them; a vault export compares them with the body it writes, since
 * lines a user typed there would otherwise be lost to the rewrite.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL when the section
 *   has no such "---" (or @text no Clipper section)
 */
char *clipper_markdown_section_body (const char *text);

G_END_DECLS
