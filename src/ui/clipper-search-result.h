/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_SEARCH_RESULT (clipper_search_result_get_type ())
G_DECLARE_FINAL_TYPE (ClipperSearchResult, clipper_search_result, CLIPPER, SEARCH_RESULT, GObject)

/* Copies what it needs from @hit. */
ClipperSearchResult *clipper_search_result_new              (const ClipperSearchHit *hit);
/* Whether @hit is this result's article or highlight, found again by
 * another search (its rank and snippet may differ). */
gboolean             clipper_search_result_is_hit           (ClipperSearchResult    *self,
                                                             const ClipperSearchHit *hit);
/* What the row shows, from @hit, the same article or highlight found
 * again (clipper_search_result_is_hit()): notifies "title" and "markup"
 * when they changed. */
void                 clipper_search_result_update           (ClipperSearchResult    *self,
                                                             const ClipperSearchHit *hit);
ClipperSearchHitKind clipper_search_result_get_kind         (ClipperSearchResult *self);
gint64               clipper_search_result_get_article_id   (ClipperSearchResult *self);
gint64               clipper_search_result_get_highlight_id (ClipperSearchResult *self);
const char          *clipper_search_result_get_title        (ClipperSearchResult *self);
/* The hit's snippet as the store gave it (matches between
 * CLIPPER_SNIPPET_OPEN and CLOSE). */
const char          *clipper_search_result_get_snippet      (ClipperSearchResult *self);
/* The article's site (its name, else its host) and the day it was saved:
 * "example.com · Nov 3". */
const char          *clipper_search_result_get_meta         (ClipperSearchResult *self);
/* Pango markup: the snippet escaped, matches in <b>; for a match in a
 * highlight's note, the passage shortened and then the note rendered; a
 * line "Tagged café" first for a hit that carries the tag searched for. */
const char          *clipper_search_result_get_markup       (ClipperSearchResult *self);
/* What the markup says, in plain text: "Tagged café, “Pelicans glide
 * over the bay”, in your note: chaos and serendipity" (the Shell's search
 * provider shows it, where markup would show raw). */
const char          *clipper_search_result_get_text         (ClipperSearchResult *self);
/* What the row shows, as a screen reader says it in one go: "The pelican
 * brief, Highlight, example.com · Nov 3, Pelicans glide over the bay". */
char                *clipper_search_result_dup_accessible_label (ClipperSearchResult *self);

/* Why @query found nothing because the search refused it, in the user's
 * language and in few words ("Give a word to search for as well"); NULL
 * for a query the search takes.  The store's own QUERY messages are
 * English, for the CLI and the logs. */
const char          *clipper_search_query_message           (const char *query);

G_END_DECLS
