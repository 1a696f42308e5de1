/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output helpers shared by the clipper-cli commands: the stable JSON shapes
 * of articles and highlights, dates, search snippets, and checks of the text
 * a user hands us (arguments, stdin).
 *
 * JSON keys are camelCase and stable; a value the store does not have is
 * null rather than a missing key, so scripts can rely on every key.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "clipper-store.h"

G_BEGIN_DECLS

/* Upper bound on a note or a quote given on the command line or stdin.  A
 * note is a few paragraphs of Markdown; anything this large is a mistake
 * (a file piped into the wrong command), so it is refused rather than stored. */
#define CLIPPER_CLI_MAX_TEXT_SIZE (1024 * 1024)

/* Writes to stdout as UTF-8 whatever the locale: g_print() would turn
 * every non-ASCII character into '?' under LANG=C, and scripts reading our
 * JSON must get the real text. */
void      clipper_cli_print              (const char *format,
                                          ...) G_GNUC_PRINTF (1, 2);

/* Checks that @value (the argument called @what, e.g. "the tag") is valid
 * UTF-8 and, when @allow_empty is FALSE, not empty or only whitespace.
 * Prints one line on stderr and returns FALSE otherwise. */
gboolean  clipper_cli_check_text         (const char *what,
                                          const char *value,
                                          gboolean    allow_empty);
/* Checks the tags @command was given (NULL-terminated, may be NULL): one
 * that is not UTF-8 fails as any such text does, one that is empty or only
 * white space is a usage error, like any other bad argument.  Returns the
 * exit status after printing why, or -1 to go on. */
int       clipper_cli_check_tags         (const char  *command,
                                          char *const *tags);

/* Reads all of stdin as text of at most @max_size bytes: refuses NUL bytes,
 * invalid UTF-8 and anything larger, with a message for people. */
char     *clipper_cli_read_stdin_text    (gsize    max_size,
                                          GError **error);

/* "2026-11-29T01:38:14Z" (UTC) and "2026-11-29" (local), or NULL for 0. */
char     *clipper_cli_format_iso_time    (gint64 unix_time);
char     *clipper_cli_format_date        (gint64 unix_time);
/* A published date as the reader shows it ("January 13, 2017", month
 * names in the locale's language), or @iso as it is when it is no ISO
 * 8601 date; NULL for none. */
char     *clipper_cli_format_published   (const char *iso);
/* The reading time by the app's rule (clipper_reading_time_split()):
 * "25 min", "1 h 20 min", "more than 10 h". */
char     *clipper_cli_format_reading_time (guint minutes);

/* The article as a JSON object; @full adds html, text and the highlight list
 * (@highlights, element-type ClipperHighlight, may be NULL). */
void      clipper_cli_json_add_article   (JsonBuilder    *builder,
                                          ClipperArticle *article,
                                          gboolean        full,
                                          GPtrArray      *highlights);
void      clipper_cli_json_add_highlight (JsonBuilder      *builder,
                                          ClipperHighlight *highlight);
/* The same object's members, into an object the caller began: to add more
 * before it ends it. */
void      clipper_cli_json_add_highlight_members (JsonBuilder      *builder,
                                                  ClipperHighlight *highlight);
/* Adds the members "snippet" (plain text), "snippetHtml" (escaped, matches
 * in <b>…</b>) and "matches" ([[start, end], …]: code-point ranges of the
 * matches in "snippet", end exclusive) for a store snippet. */
void      clipper_cli_json_add_snippet   (JsonBuilder *builder,
                                          const char  *snippet);
/* Pretty-prints the builder's root on stdout, with a final newline. */
void      clipper_cli_print_json         (JsonBuilder *builder);

/* @text without the control characters a saved page could use to drive
 * the user's terminal (escape sequences in a title): C0 and C1 controls
 * and DEL are dropped, except newlines and tabs, and the snippet marks
 * CLIPPER_SNIPPET_OPEN/CLOSE, which are kept for clipper_snippet_render(). */
char     *clipper_cli_dup_printable      (const char *text);

/* The blocks of an article's HTML (paragraphs, headings, list items,
 * quotes…) as plain text separated by blank lines. */
char     *clipper_cli_html_to_blocks     (const char *html);


G_END_DECLS
