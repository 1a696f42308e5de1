/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperHighlight: a highlighted passage of an article with its note and
 * tags.  The target is a W3C Web Annotation TextQuoteSelector (exact,
 * prefix, suffix) plus a TextPositionSelector (start, end: code-point
 * offsets into the article text, end exclusive).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a highlight's offsets come from, which says whether they are
 * where its passage stands (or, for an orphan, would stand) in its
 * article's text: an orphan's closest passage far from offsets that are
 * is more often a lookalike than the passage moved, while another tool's
 * offsets are those of the page it was made on (docs/anchoring.md). */
typedef enum {
  CLIPPER_OFFSETS_UNKNOWN,  /* another tool's (Hypothesis, W3C, a Kindle location), or from before schema 11 */
  CLIPPER_OFFSETS_TEXT,     /* placed on this article's text: the reader, clipper-cli, a Clipper export of it */
  CLIPPER_OFFSETS_CARRIED,  /* an orphan's, carried through a re-anchoring with the old text */
} ClipperOffsetsFrom;

#define CLIPPER_TYPE_HIGHLIGHT (clipper_highlight_get_type ())
G_DECLARE_FINAL_TYPE (ClipperHighlight, clipper_highlight, CLIPPER, HIGHLIGHT, GObject)

ClipperHighlight *clipper_highlight_new            (void);

gint64       clipper_highlight_get_id              (ClipperHighlight *self);
void         clipper_highlight_set_id              (ClipperHighlight *self, gint64 id);
/* RFC 4122 UUID string; the store makes one on insert when unset. */
const char  *clipper_highlight_get_uuid            (ClipperHighlight *self);
void         clipper_highlight_set_uuid            (ClipperHighlight *self, const char *uuid);
gint64       clipper_highlight_get_article_id      (ClipperHighlight *self);
void         clipper_highlight_set_article_id      (ClipperHighlight *self, gint64 article_id);
/* One of clipper_highlight_colors(): "yellow", "green", "blue", "pink", "purple". */
const char  *clipper_highlight_get_color           (ClipperHighlight *self);
void         clipper_highlight_set_color           (ClipperHighlight *self, const char *color);
const char  *clipper_highlight_get_quote           (ClipperHighlight *self);
void         clipper_highlight_set_quote           (ClipperHighlight *self, const char *quote);
const char  *clipper_highlight_get_prefix          (ClipperHighlight *self);
void         clipper_highlight_set_prefix          (ClipperHighlight *self, const char *prefix);
const char  *clipper_highlight_get_suffix          (ClipperHighlight *self);
void         clipper_highlight_set_suffix          (ClipperHighlight *self, const char *suffix);
/* Code-point offsets in the article text; end is exclusive. */
gint64       clipper_highlight_get_start           (ClipperHighlight *self);
gint64       clipper_highlight_get_end             (ClipperHighlight *self);
void         clipper_highlight_set_range           (ClipperHighlight *self, gint64 start, gint64 end);
/* Markdown; NULL or "" when there is no note. */
const char  *clipper_highlight_get_note            (ClipperHighlight *self);
void         clipper_highlight_set_note            (ClipperHighlight *self, const char *note);
gboolean     clipper_highlight_get_anchored        (ClipperHighlight *self);
void         clipper_highlight_set_anchored        (ClipperHighlight *self, gboolean anchored);
/* CLIPPER_OFFSETS_TEXT for a new highlight, made from a live selection. */
ClipperOffsetsFrom clipper_highlight_get_offsets_from (ClipperHighlight *self);
void         clipper_highlight_set_offsets_from    (ClipperHighlight *self, ClipperOffsetsFrom from);
/* The quote as first made, kept when re-anchoring changes the quote; NULL if unchanged. */
const char  *clipper_highlight_get_original_quote  (ClipperHighlight *self);
void         clipper_highlight_set_original_quote  (ClipperHighlight *self, const char *quote);
/* The quote as the reader highlighted it when the page has changed it
 * since (a refetch re-anchored it on edited text); NULL while it reads as
 * it did. */
const char  *clipper_highlight_get_quote_before_change (ClipperHighlight *self);
/* Whether two quotes are the same words, white space and what shows
 * nothing aside. */
gboolean     clipper_highlight_same_words          (const char *a, const char *b);
/* The printed page a Kindle gave beside the location, as it wrote it
 * ("12", "ix", "1–10"); NULL when unknown.  Text, since pages can be
 * Roman numerals and ranges. */
const char  *clipper_highlight_get_page            (ClipperHighlight *self);
void         clipper_highlight_set_page            (ClipperHighlight *self, const char *page);
/* Unix time in seconds (UTC). */
gint64       clipper_highlight_get_created_at      (ClipperHighlight *self);
void         clipper_highlight_set_created_at      (ClipperHighlight *self, gint64 t);
gint64       clipper_highlight_get_updated_at      (ClipperHighlight *self);
void         clipper_highlight_set_updated_at      (ClipperHighlight *self, gint64 t);
const char *const *clipper_highlight_get_tags      (ClipperHighlight *self);
void         clipper_highlight_set_tags            (ClipperHighlight *self, const char *const *tags);
/* Filled by queries that join the article (review views, exports). */
const char  *clipper_highlight_get_article_title   (ClipperHighlight *self);
void         clipper_highlight_set_article_title   (ClipperHighlight *self, const char *title);
/* The article's URL, as the title: a Kindle book's (kindle:book/…) tells
 * that the start and end are the book's Kindle locations. */
const char  *clipper_highlight_get_article_url     (ClipperHighlight *self);
void         clipper_highlight_set_article_url     (ClipperHighlight *self, const char *url);
/* Whether the article has text (TRUE unless a query that joins it says
 * otherwise): a highlight of one with none yet, restored from a vault
 * before Fetch Again, was never looked for, so it is no orphan. */
gboolean     clipper_highlight_get_article_has_text (ClipperHighlight *self);
void         clipper_highlight_set_article_has_text (ClipperHighlight *self, gboolean has_text);

/* A quote, title or excerpt on one line, as the page shows it (in
 * clipper-snippet.c, beside the search snippets' rendering). */
char        *clipper_text_dup_one_line             (const char *text);
/* The same cut to at most @max_chars characters at a word's end, with "…"
 * where it was cut: a passage named beside a search hit in its note. */
char        *clipper_text_dup_short               (const char *text, guint max_chars);
/* Whether @c shows nothing in a line of text (a soft hyphen, a zero-width
 * space, a word joiner, a BOM), so that text with or without it reads
 * the same: one line drops it, quotes are compared without it. */
gboolean     clipper_text_is_invisible             (gunichar c);

/* The colour names, NULL-terminated, in display order. */
const char *const *clipper_highlight_colors        (void);
gboolean     clipper_highlight_color_is_valid      (const char *color);

G_END_DECLS
