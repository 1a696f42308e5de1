/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring in the library: when an article's text changes (refetch,
 * re-extraction), every highlight of the article is placed again with
 * clipper_anchor_locate_all(), and the store is updated in one
 * transaction.  Orphans are kept, never deleted.
 */
#pragma once

#include <glib.h>

#include "clipper-anchor.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_ANCHOR_ERROR (clipper_anchor_error_quark ())

typedef enum {
  CLIPPER_ANCHOR_ERROR_INVALID_RANGE, /* a selection outside the text, empty, or backwards */
} ClipperAnchorError;

GQuark clipper_anchor_error_quark (void);

typedef struct {
  guint exact;     /* at their offsets, or the exact quote elsewhere */
  guint fuzzy;     /* placed by approximate matching: quote updated */
  guint orphaned;  /* nowhere with confidence: anchored = FALSE */
  /* Of those orphaned, the ones that were orphans before too: "orphaned"
   * says where the highlights are, these what this re-anchoring did not
   * do (a refetch of an unchanged page loses no highlight). */
  guint already_orphaned;
  /* Of those placed (exact or fuzzy), the ones that were orphans before. */
  guint placed_again;
  /* Of those placed, the ones on other words than they had (white space
   * aside): the page was edited under them, wherever the alignment put
   * them (an exact position can hold edited words). */
  guint reworded;
} ClipperReanchorCounts;

/* Highlights that had a place before the re-anchoring and have none now. */
#define CLIPPER_REANCHOR_COUNTS_LOST(c) ((c)->orphaned - (c)->already_orphaned)
/* Highlights that had a place before the re-anchoring. */
#define CLIPPER_REANCHOR_COUNTS_WERE_PLACED(c) \
  ((c)->exact + (c)->fuzzy - (c)->placed_again + CLIPPER_REANCHOR_COUNTS_LOST (c))

/* @highlight's quote, context and offsets as a selector; its strings are
 * @highlight's (valid while it is unchanged). */
ClipperTextSelector clipper_reanchor_selector (ClipperHighlight *highlight);

/* Where an orphan's offsets go after re-anchoring (see
 * ClipperAnchorResult.near): as long as @selector's range, where its
 * passage would stand, within @text.  FALSE when they stay as they are. */
gboolean clipper_reanchor_orphan_range (ClipperAnchorText         *text,
                                        const ClipperAnchorResult *result,
                                        const ClipperTextSelector *selector,
                                        gint64                    *out_start,
                                        gint64                    *out_end);

/* clipper_anchor_suggest() for orphan @highlight, far places refused
 * only when its offsets are its article's text's (placed on it, or
 * carried by a re-anchoring), not another tool's.  FALSE too when it has
 * no quote. */
gboolean clipper_reanchor_suggest      (ClipperAnchorText         *text,
                                        ClipperHighlight          *highlight,
                                        ClipperAnchorResult       *result);

void     clipper_reanchor_place_all (ClipperAnchorText     *text,
                                     const char            *old_text,
                                     GPtrArray             *highlights,
                                     gboolean              *out_changed,
                                     ClipperReanchorCounts *out_counts);

gboolean clipper_reanchor_article   (ClipperStore          *store,
                                     gint64                 article_id,
                                     const char            *new_text,
                                     ClipperReanchorCounts *out_counts,
                                     GError               **error);

/* Where the reading position @position (0…1 of @old_text, the words at
 * the top of the view) is in @new_text: the same words, carried through
 * the alignment of the two texts as highlights are, or the nearest words
 * carried when those cannot be placed.  -1 when there is nothing to carry
 * (at the very top or end, a text unchanged) or no words near it are
 * left.  Slow on a long text (an alignment: 20–90 ms for 0.5–1 MB): for a
 * worker thread. */
double   clipper_reanchor_carry_position (const char *old_text,
                                          const char *new_text,
                                          double      position);

/* The same in two steps: the alignment, then the position, or another
 * near it, carried at once (a few comparisons) by the nearest carried
 * point. */
typedef struct _ClipperReanchorPositions ClipperReanchorPositions;

ClipperReanchorPositions *clipper_reanchor_positions_new   (const char               *old_text,
                                                            const char               *new_text,
                                                            double                    position);
double                    clipper_reanchor_positions_carry (ClipperReanchorPositions *self,
                                                            double                    position);
void                      clipper_reanchor_positions_free  (ClipperReanchorPositions *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperReanchorPositions, clipper_reanchor_positions_free)

/* Whether anchored @highlight, whose words changed since it was made,
 * was put on other words by someone (re-attached) rather than carried to
 * the page's edit of its passage. */
gboolean clipper_reanchor_is_reattached (ClipperHighlight *highlight);

double   clipper_reanchor_text_kept (const char                  *old_text,
                                     const char                  *new_text);

gboolean clipper_reanchor_is_other_text (const ClipperReanchorCounts *counts,
                                         double                       kept);

gboolean clipper_reanchor_reattach  (ClipperStore          *store,
                                     gint64                 highlight_id,
                                     gint64                 start,
                                     gint64                 end,
                                     GError               **error);

G_END_DECLS
