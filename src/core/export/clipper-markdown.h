/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markdown export: one article → one Markdown file, and a whole library →
 * a folder of them (a "vault", as Obsidian and Logseq call it).
 *
 * A file is YAML front matter (title, author, site, url, published, saved,
 * tags, clipper-id) and Clipper's own section between
 *
 *   <!-- clipper:begin -->
 *   …
 *   <!-- clipper:end -->
 *
 * Everything else in the file belongs to the user: re-exporting rewrites
 * only Clipper's section and Clipper's front matter keys, keeps the user's
 * own keys and text, and leaves a file whose content would not change
 * untouched (its mtime too).  A file the user renamed or moved into a
 * sub-folder is found again by its clipper-id and kept where it is.  See
 * docs/export.md.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-export.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_MARKDOWN_BEGIN_MARK "<!-- clipper:begin -->"
#define CLIPPER_MARKDOWN_END_MARK   "<!-- clipper:end -->"
/* Ends the tags line of a highlight whose passage the article's text does
 * not hold (an orphan), in place of the source link; the import reads it
 * back as an orphan. */
#define CLIPPER_MARKDOWN_LOST_MARK  "Not found in the article's current text"
/* In its place for a highlight of an article with no text in the library
 * (restored from a vault, before Fetch Again): its passage was never
 * looked for, so it is not lost; the import places it as any other. */
#define CLIPPER_MARKDOWN_UNPLACED_MARK "Not placed yet: the article's text is not in the library"
/* The file in a vault that maps clipper-id → file (a path relative to the
 * vault: sub-folders are the user's). */
#define CLIPPER_VAULT_MANIFEST      ".clipper-vault.json"

/**
 * clipper_markdown_default_template:
 *
 * The built-in layout of Clipper's section, as a template (a starting
 * point for users who want their own).
 *
 * Returns: (transfer none): the template text
 */
const char *clipper_markdown_default_template (void);

/**
 * clipper_markdown_render_article:
 * @article: the article (a full record when @options asks for the body)
 * @highlights: (element-type ClipperHighlight): its highlights, in text order
 * @options: (nullable): colour meanings, template, body; %NULL for the defaults
 * @error: a CLIPPER_EXPORT_ERROR_TEMPLATE error for a bad template
 *
 * The whole Markdown file for @article: front matter and Clipper's section.
 * This is "Copy as Markdown" and `clipper-cli export ID --out -`.
 *
 * Returns: (transfer full): the Markdown, or %NULL
 */
char *clipper_markdown_render_article (ClipperArticle             *article,
                                       GPtrArray                  *highlights,
                                       const ClipperExportOptions *options,
                                       GError                    **error);

/**
 * clipper_markdown_render_highlight:
 * @article: the highlight's article (for the source link)
 * @highlight: the highlight
 * @color_meanings: (nullable) (element-type utf8 utf8): colour → meaning; %NULL for the defaults
 *
 * One highlight as the built-in layout shows it in a file: the quote as a
 * block quote, the note, and the tags line with the source link and
 * block id.  This is "Copy as Markdown" for a single highlight.
 *
 * Returns: (transfer full): the Markdown, ending in a line break
 */
char *clipper_markdown_render_highlight (ClipperArticle   *article,
                                         ClipperHighlight *highlight,
                                         GHashTable       *color_meanings);

/* As clipper_markdown_render_highlight(), with the note escaped as text
 * when !@markdown_notes (the layout of files written before notes were
 * Markdown, which have no "clipper-notes: markdown"). */
char *clipper_markdown_render_highlight_as (ClipperArticle   *article,
                                            ClipperHighlight *highlight,
                                            GHashTable       *color_meanings,
                                            gboolean          markdown_notes);

/**
 * clipper_markdown_from_html:
 * @html: sanitized article HTML
 * @highlights: (nullable) (element-type ClipperHighlight): highlights whose
 *   code-point offsets (into the text nodes of @html concatenated) are
 *   marked `==like this==`
 *
 * The article as Markdown: headings, paragraphs, lists, quotes, code,
 * tables, links, images as links.  Text is escaped so that it renders to
 * itself.
 *
 * Returns: (transfer full): the Markdown
 */
char *clipper_markdown_from_html (const char *html, GPtrArray *highlights);

/**
 * clipper_markdown_file_name:
 * @title: (nullable): an article title
 *
 * A safe file name stem for @title: no `/`, `\`, `:` and the other
 * characters some file system refuses, no control characters, no `..`,
 * no `# ^ [ ]` (Obsidian's links cannot name them), no leading dot or dash,
 * no Windows reserved names (`CON`, `NUL`, `COM1`…), at most 120 bytes cut
 * at a word's end or a character boundary, never empty ("Untitled").
 *
 * Returns: (transfer full): the stem, without ".md"
 */
char *clipper_markdown_file_name (const char *title);

/**
 * clipper_markdown_merge:
 * @existing: (nullable): the file as it is on disk, or %NULL for a new file
 * @generated: what clipper_markdown_render_article() gives now
 *
 * The file to write: @generated's front matter keys and section put into
 * @existing in place of Clipper's old ones, every other key and all text
 * outside the markers kept.  A file whose markers the user removed gets
 * the section appended, so nothing of theirs is lost.  A byte order mark
 * before @existing's front matter is dropped; when @existing's line ends
 * are CRLF, so are all of the result's.
 *
 * Returns: (transfer full): the merged file
 */
char *clipper_markdown_merge (const char *existing, const char *generated);

/* The library whose vault @dir is, as the first lines of its manifest
 * (as Clipper writes it) name it; NULL without a manifest, with one from
 * before libraries were named (anyone's), or one Clipper did not write.
 * (transfer full) */
char *clipper_markdown_dup_vault_library (const char *dir);

/* The clipper-id in the front matter of a file's @contents (the article it
 * was written for, clipper_export_article_uid()), or NULL. (transfer full) */
char *clipper_markdown_file_uid (const char *contents);

typedef struct {
  guint articles;    /* articles exported */
  guint highlights;  /* their highlights */
  guint written;     /* files created or changed */
  guint unchanged;   /* files left as they were */
  guint pruned;      /* files deleted (ClipperExportOptions.prune) */
  guint conflicts;   /* highlight fields (or an article's tags) changed both in a file and in
                      * the library: the library's kept, the file's written below Clipper's section */
  guint moved;       /* files the user renamed or moved, found there and kept there */
  guint duplicates;  /* other files with the same clipper-id as a moved one (a copy, a
                      * sync conflict): left as they are, each said in a message */
  guint scanned;     /* Markdown files looked at (their front matter only) to find moved
                      * ones; 0 when no file was missing and the vault was not searched */
  guint not_read;    /* passages the user wrote in Clipper's sections that the import cannot
                      * read (a quote not in the text, a line below a tags line or under the
                      * title, lines after a '---', an edited template section): kept below them */
  guint removed_in_file; /* highlights deleted in a file that the library still has: written
                          * back (ClipperImportResult.removed_in_file of the files read back) */
  guint copies;      /* files the manifest does not name with the clipper-id of one it names
                      * (a sync conflict's copy): not read, each said in a message */
} ClipperVaultStats;

/**
 * clipper_markdown_export_vault:
 * @store: the library
 * @dir: the vault folder (created if missing)
 * @options: (nullable): what to export and how
 * @out_stats: (out caller-allocates) (optional): what was done
 * @progress: (nullable) (scope call): called after each article
 * @progress_data: for @progress
 * @cancellable: (nullable): checked between articles
 * @error: return location
 *
 * Writes one file per article into @dir (see the file comment), names
 * kept in `.clipper-vault.json` so they stay the same from run to run even
 * when titles change.  Files are replaced atomically.  A file missing from
 * where the manifest says (renamed or moved by the user) is looked for,
 * once a run and only then, in @dir and its sub-folders
 * (clipper_markdown_list_vault()) by its front matter's clipper-id, and
 * updated where it is found.  New files go to the top of @dir.
 *
 * Returns: %FALSE on error (files already written stay written)
 */
gboolean clipper_markdown_export_vault (ClipperStore               *store,
                                        const char                 *dir,
                                        const ClipperExportOptions *options,
                                        ClipperVaultStats          *out_stats,
                                        ClipperProgressFunc         progress,
                                        gpointer                    progress_data,
                                        GCancellable               *cancellable,
                                        GError                    **error);

/**
 * clipper_markdown_export_vault_async:
 * @db_path: (nullable): the library file (the worker thread opens its own
 *   connection, and makes none: a library no longer there fails with
 *   CLIPPER_STORE_ERROR_OPEN); %NULL for the default
 * @dir: the vault folder
 * @options: (nullable): copied
 * @progress: (nullable): called on the caller's thread-default main context
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data when the export is over
 * @cancellable: (nullable): to stop it
 * @callback: called when done
 * @user_data: for @callback
 *
 * clipper_markdown_export_vault() on a worker thread.
 */
void     clipper_markdown_export_vault_async  (const char                 *db_path,
                                               const char                 *dir,
                                               const ClipperExportOptions *options,
                                               ClipperProgressFunc         progress,
                                               gpointer                    progress_data,
                                               GDestroyNotify              progress_destroy,
                                               GCancellable               *cancellable,
                                               GAsyncReadyCallback         callback,
                                               gpointer                    user_data);
gboolean clipper_markdown_export_vault_finish (GAsyncResult      *result,
                                               ClipperVaultStats *out_stats,
                                               GError           **error);
/* After clipper_markdown_export_vault_finish() returned TRUE: what reading
 * the vault's files back could not take (an edited quote ignored, a line
 * left in the file), each a line, as the command line says them on
 * stderr; empty when there was none.  The app shows them, where the
 * terminal is not seen. (transfer none: @result's) */
const char *const *clipper_markdown_export_vault_get_notices (GAsyncResult *result);
/* After clipper_markdown_export_vault_finish() returned TRUE: the names of
 * the copies of files (a sync conflict's) said among the notices, for the
 * app to pass in ClipperExportOptions.copies_said next time, so that an
 * export on change does not say the same copy at every change.
 * (transfer none: @result's) */
const char *const *clipper_markdown_export_vault_get_copies (GAsyncResult *result);

G_END_DECLS
