/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pieces shared by every exporter and importer: the error domain, progress
 * reporting, colour meanings, stable ids, and the exact escaping rules for
 * Markdown, YAML and URL text fragments.
 *
 * Everything here is pure (no store, no I/O) so that it can be tested
 * against real renderers (cmark, a YAML parser) one case at a time.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-article.h"
#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_EXPORT_ERROR (clipper_export_error_quark ())

typedef enum {
  CLIPPER_EXPORT_ERROR_FAILED,      /* anything else */
  CLIPPER_EXPORT_ERROR_IO,          /* a file or folder cannot be read or written */
  CLIPPER_EXPORT_ERROR_INVALID,     /* an import file that is not what it claims (bad JSON, wrong shape) */
  CLIPPER_EXPORT_ERROR_UNSUPPORTED, /* an import file in no format Clipper knows */
  CLIPPER_EXPORT_ERROR_TEMPLATE,    /* a template with a syntax error */
  /* A vault export into another library's vault; the app stops its export
   * on change on it, which would fail again at every change. */
  CLIPPER_EXPORT_ERROR_OTHER_LIBRARY,
} ClipperExportError;

GQuark clipper_export_error_quark (void);

/**
 * ClipperReplaceFlags:
 * @CLIPPER_REPLACE_NONE: a symbolic link at the path is replaced by the
 *   file (a vault's files: nothing written outside the vault)
 * @CLIPPER_REPLACE_FOLLOW_LINK: a symbolic link at the path stays one,
 *   and the file it names is written, as GNOME Text Editor writes a
 *   linked file (a file the user named: a JSON export's, an article's)
 */
typedef enum {
  CLIPPER_REPLACE_NONE        = 0,
  CLIPPER_REPLACE_FOLLOW_LINK = 1 << 0,
} ClipperReplaceFlags;

/**
 * clipper_replace_contents:
 * @path: the file to write
 * @contents: what to write
 * @length: its length in bytes, or -1 when nul-terminated
 * @flags: whether a symbolic link at @path is followed
 * @error: return location for a #G_IO_ERROR
 *
 * Writes @path whole or not at all, as every export writes its files:
 * into a hidden temporary file beside it, renamed over it once complete,
 * so that a failure or a full disk leaves no half-written file and an
 * older one whole.
 *
 * Returns: whether it was written; @error gives the reason alone ("No
 *   space left on device"), for the caller to name @path
 */
gboolean clipper_replace_contents (const char          *path,
                                   const char          *contents,
                                   gssize               length,
                                   ClipperReplaceFlags  flags,
                                   GError             **error);

/**
 * ClipperProgressFunc:
 * @done: items finished so far
 * @total: items in all, or 0 when not known in advance
 * @user_data: the data given with the function
 *
 * Progress of a long export or import.  Synchronous functions call it on
 * the calling thread; the _async variants call it on the thread-default
 * main context of the caller of the _async function, at most about ten
 * times a second, so a UI can update a progress bar directly.
 */
typedef void (*ClipperProgressFunc) (guint64 done, guint64 total, gpointer user_data);

/**
 * clipper_export_default_color_meanings:
 *
 * The meanings colours have until the user renames them: yellow
 * "Important", green "Idea", blue "Definition", pink "Question",
 * purple "Quote".
 *
 * Returns: (transfer full) (element-type utf8 utf8): colour name → meaning
 */
GHashTable *clipper_export_default_color_meanings (void);

/**
 * clipper_export_color_tag:
 * @meanings: (nullable) (element-type utf8 utf8): colour → meaning, or %NULL for the defaults
 * @color: a colour name
 *
 * The tag a colour becomes in Markdown, e.g. "clipper/important" (without
 * the '#'): the meaning, lower-cased, with every character that cannot be
 * in an Obsidian tag replaced by '-'.
 *
 * Returns: (transfer full): the tag
 */
char *clipper_export_color_tag (GHashTable *meanings, const char *color);

/**
 * clipper_export_tag_slug:
 * @tag: a tag as the user typed it (may hold spaces, '#', punctuation)
 *
 * @tag as an Obsidian/Logseq-style tag: letters, digits, '_', '-' and '/'
 * kept, anything else (spaces included) made '-'; never empty.
 *
 * Returns: (transfer full): the slug
 */
char *clipper_export_tag_slug (const char *tag);

/**
 * clipper_export_slug_is_tag:
 * @slug: a clipper_export_tag_slug()
 *
 * Whether Obsidian reads #@slug as a tag: it takes none of digits alone
 * (#2024, #100 are plain text there), so the vault writes such a tag only
 * by its name (clipper-tags, clipper-highlight-tags).
 *
 * Returns: %TRUE for a tag
 */
gboolean clipper_export_slug_is_tag (const char *slug);

/**
 * clipper_export_article_uid:
 * @article: an article
 *
 * A stable id for @article that survives export and import into another
 * library (integer ids do not): a name-based UUID (RFC 4122 version 5) of
 * its URL.  URLs are unique in a library, so this is too.
 *
 * Returns: (transfer full): a UUID string
 */
char *clipper_export_article_uid (ClipperArticle *article);

/**
 * clipper_export_uuid_for_name:
 * @name: any string
 *
 * A name-based UUID (version 5, SHA-1, URL namespace) of @name.
 *
 * Returns: (transfer full): a UUID string
 */
char *clipper_export_uuid_for_name (const char *name);

/**
 * clipper_export_block_id:
 * @uuid: a highlight's UUID
 *
 * The block id (`^xxxxxxxx`) a highlight has in Markdown: the last eight
 * hex digits of its UUID, lower-case.  Obsidian wants block ids unique in
 * a file; the first eight digits of a version 7 UUID (what the store
 * makes) are its creation time in units of about a minute, shared by
 * every highlight made in the same minute, while the last ones are random
 * (version 7 and 4) or a hash (version 5).
 *
 * Returns: (transfer full): the block id (fewer than eight digits if
 *   @uuid has fewer)
 */
char *clipper_export_block_id (const char *uuid);

/**
 * clipper_export_old_block_id:
 * @uuid: a highlight's UUID
 *
 * The block id Markdown files exported before clipper_export_block_id()
 * gave a highlight (its first eight hex digits, often shared), for
 * reading such files back.
 *
 * Returns: (transfer full): the block id
 */
char *clipper_export_old_block_id (const char *uuid);

/* FNV-1a's offset basis: where the exports' fingerprints start. */
#define CLIPPER_EXPORT_HASH_INIT G_GUINT64_CONSTANT (0xcbf29ce484222325)

/**
 * clipper_export_hash_bytes:
 * @h: the hash so far (CLIPPER_EXPORT_HASH_INIT to start)
 * @data: (array length=len): bytes
 * @len: how many
 *
 * FNV-1a of @data, continued from @h: cheap, and a changed byte changes it.
 * The vault's manifest keeps values made of it (files' fingerprints, the
 * highlights' marks): changing it makes every vault look edited.
 *
 * Returns: the hash
 */
guint64 clipper_export_hash_bytes (guint64 h, const void *data, gsize len);

/**
 * clipper_export_hash_str:
 * @h: the hash so far
 * @str: (nullable): a string
 *
 * clipper_export_hash_bytes() of @str, then a mark that tells %NULL from
 * "" and keeps fields apart ("ab", "c" from "a", "bc").
 *
 * Returns: the hash
 */
guint64 clipper_export_hash_str (guint64 h, const char *str);

/**
 * clipper_export_escape_markdown:
 * @text: (nullable): plain text (a quote, a note, a title)
 *
 * @text as CommonMark that renders to exactly @text: every character with
 * a meaning (`*`, `_`, `` ` ``, `#`, `[`, `]`, `<`, `>`, `|`, `&`, `\`,
 * `~`, `!`, `=`, line-initial `-`, `+`, `1.`, `1)` …) is backslash-escaped,
 * spaces at the start or end of a line that CommonMark would drop are
 * written as character references, and each line break stays a line break
 * (a soft break).  Paragraph breaks (blank lines) are kept as blank lines;
 * @prefix_lines is put before every line, e.g. "> " for a block quote.
 *
 * Returns: (transfer full): the Markdown
 */
char *clipper_export_escape_markdown (const char *text, const char *prefix_lines);

/**
 * clipper_export_note_markdown:
 * @note: (nullable): a highlight's note, which the app edits as Markdown
 *
 * @note as Markdown for Clipper's section of a vault file: as written, so
 * that `**bold**` and lists render, except that a line Clipper's import
 * would read as the section's structure gets one more backslash — a line
 * starting with `---` (the body) outside a fenced code block or with
 * `#clipper/` (a tags line), a line ending in ` ^` and eight hex digits (a
 * block id), and `<!-- clipper:` anywhere (the section's marks), however
 * many backslashes already stand there.  A line starting with `>` (a
 * quote, which the import reads as the note's) and a `---` in code get
 * one only when a backslash stands there already, so that the import,
 * which takes one away, gives it back.
 * clipper_export_note_from_markdown() undoes exactly that.
 *
 * Returns: (transfer full): the Markdown
 */
char *clipper_export_note_markdown (const char *note);

/**
 * clipper_export_note_from_markdown:
 * @markdown: a note as clipper_export_note_markdown() writes it (and a
 *   person may have edited it)
 *
 * The note back: the backslash clipper_export_note_markdown() added to a
 * structural line taken away, everything else as it stands.
 *
 * Returns: (transfer full): the note
 */
char *clipper_export_note_from_markdown (const char *markdown);

/**
 * clipper_export_yaml_string:
 * @out: where to append
 * @value: (nullable): any UTF-8 string; %NULL appends `""`
 *
 * Appends @value as a YAML double-quoted scalar that any YAML 1.1/1.2
 * parser reads back as exactly @value: `"` and `\` escaped, control
 * characters, DEL, NEL, LS, PS and BOM as escapes, all else as is.
 */
void clipper_export_yaml_string (GString *out, const char *value);

/**
 * clipper_export_text_fragment_url:
 * @url: the page's URL
 * @highlight: the highlight (quote, prefix, suffix)
 *
 * @url with its fragment replaced by a text fragment directive
 * (`#:~:text=[prefix-,]start[,end][,-suffix]`, WICG Scroll To Text
 * Fragment) that opens the page scrolled to the passage.  Long quotes use
 * their first and last words as start and end; prefix and suffix are the
 * nearest few words of the stored context.  Each part is percent-encoded
 * with `-`, `,` and `&` encoded as the spec requires; characters a
 * Markdown link destination cannot hold (spaces, parentheses, `<`, `>`)
 * are percent-encoded in @url too.
 *
 * Returns: (transfer full): the URL
 */
char *clipper_export_text_fragment_url (const char *url, ClipperHighlight *highlight);

/**
 * ClipperExportOptions:
 * @ids: (element-type gint64) (nullable): only these articles; %NULL or empty: every article
 * @tag: (nullable): only articles with this tag
 * @color_meanings: (nullable) (element-type utf8 utf8): colour → meaning (the app's
 *   GSettings `color-names`); %NULL: clipper_export_default_color_meanings()
 * @include_body: Markdown: add the whole article, highlighted passages marked `==like this==`
 * @template_text: (nullable): Markdown: a template (see clipper-template.h) for the
 *   part of each file between the clipper markers; %NULL: the built-in layout
 * @prune: vault export: delete the files of articles that were exported
 *   before but are not part of this export (deleted, or no longer matching @tag)
 * @copies_said: (nullable) (array zero-terminated=1): vault export: copies of
 *   files (their names in the vault) said before, not said again; the app's,
 *   which says a copy once a session (clipper_markdown_export_vault_get_copies())
 *
 * What to export and how.  Plain data: fill it in, hand it to an exporter;
 * the _async functions copy it.
 */
typedef struct {
  GArray     *ids;
  char       *tag;
  GHashTable *color_meanings;
  gboolean    include_body;
  char       *template_text;
  gboolean    prune;
  char      **copies_said;
} ClipperExportOptions;

ClipperExportOptions *clipper_export_options_new  (void);
ClipperExportOptions *clipper_export_options_copy (const ClipperExportOptions *options);
void                  clipper_export_options_free (ClipperExportOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperExportOptions, clipper_export_options_free)

/* A reading position (0 to 1) as a vault's front matter writes it, to
 * three decimals ("0.346"), the reader's own step; NULL for the start of
 * the article.  (transfer full) (nullable). */
char   *clipper_export_format_position (double position);
/* The reverse: FALSE when @str is not a number from 0 to 1. */
gboolean clipper_export_parse_position (const char *str, double *out_position);
/* Unix seconds as "2026-11-29T01:38:14Z"; (transfer full). */
char   *clipper_export_format_time (gint64 unix_time);
/* The reverse, for any ISO 8601 time GLib understands; 0 when @str is NULL or
 * not a time. */
gint64  clipper_export_parse_time  (const char *str);

G_END_DECLS
