/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anchoring: finding where a highlight lies in an article's text.
 *
 * A highlight is described by a W3C TextQuoteSelector (exact, prefix,
 * suffix) and a TextPositionSelector (start, end: code-point offsets, end
 * exclusive).  These are pure functions over text; the store and the app
 * call them, and the core alone decides where a highlight lands.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Context kept each side of a quote, in code points. */
#define CLIPPER_ANCHOR_CONTEXT_LENGTH 32

typedef enum {
  CLIPPER_ANCHOR_EXACT_POSITION, /* the stored offsets still hold the quote */
  CLIPPER_ANCHOR_EXACT_QUOTE,    /* the exact quote, found elsewhere */
  CLIPPER_ANCHOR_FUZZY,          /* an approximate match, confident enough */
  CLIPPER_ANCHOR_ORPHAN,         /* nowhere with confidence */
} ClipperAnchorKind;

typedef struct {
  const char *exact;   /* required, non-empty UTF-8 */
  const char *prefix;  /* may be NULL */
  const char *suffix;  /* may be NULL */
  gint64      start;   /* code points; -1 when unknown */
  gint64      end;
} ClipperTextSelector;

typedef struct {
  ClipperAnchorKind kind;
  gint64            start;      /* -1 for an orphan */
  gint64            end;
  double            score;      /* 1.0 exact … 0.0 */
  guint             n_exact;    /* how many exact occurrences of the quote the text has */
  gint64            near;       /* an orphan re-anchored with the old text (clipper_anchor_locate_all_since()):
                                 * where its old start stands in the new text, that is where its passage
                                 * would be now; else -1 */
} ClipperAnchorResult;

/* An article text prepared for many lookups (code-point index etc.). */
typedef struct _ClipperAnchorText ClipperAnchorText;

ClipperAnchorText *clipper_anchor_text_new        (const char *text);
void               clipper_anchor_text_free       (ClipperAnchorText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperAnchorText, clipper_anchor_text_free)

/* Length in code points. */
gint64             clipper_anchor_text_get_length (ClipperAnchorText *text);
/* A newly allocated UTF-8 copy of code points [start, end). */
char              *clipper_anchor_text_slice      (ClipperAnchorText *text, gint64 start, gint64 end);
/* Prefix and suffix of CLIPPER_ANCHOR_CONTEXT_LENGTH code points around [start, end). */
void               clipper_anchor_text_context    (ClipperAnchorText *text,
                                                   gint64             start,
                                                   gint64             end,
                                                   char             **out_prefix,
                                                   char             **out_suffix);

/* Where @selector lands in @text: exact position first, then the exact quote
 * (nearest the old position, disambiguated by context), then approximate
 * matching scored with context and position; ORPHAN when nothing is
 * confident.  Never places a highlight where it is not sure. */
void               clipper_anchor_locate          (ClipperAnchorText         *text,
                                                   const ClipperTextSelector *selector,
                                                   ClipperAnchorResult       *result);

/* The same for all highlights of one article at once, faster: they are
 * taken in text order and each one's shift guides the search for the next. */
void               clipper_anchor_locate_all      (ClipperAnchorText         *text,
                                                   const ClipperTextSelector *selectors,
                                                   guint                      n,
                                                   ClipperAnchorResult       *results);

/* The same, knowing @old_text, the text the selectors' offsets refer to
 * (NULL: as clipper_anchor_locate_all()).  The old and new texts are
 * aligned once and each highlight is carried through the alignment: faster,
 * and sure of repeated passages that context alone cannot tell apart. */
void               clipper_anchor_locate_all_since (ClipperAnchorText         *text,
                                                    const char                *old_text,
                                                    const ClipperTextSelector *selectors,
                                                    guint                      n,
                                                    ClipperAnchorResult       *results);

/* For a highlight no text places with confidence (an orphan): the place
 * in @text that reads most like it, for the reader to confirm or refuse —
 * never to be taken without asking.  A confident place when there is one;
 * else the best approximate match of the quote with up to half of it
 * wrong, scored by the quote, its context and the old position; FALSE
 * (@result an orphan) when nothing comes that close.  With
 * @offsets_here (the selector's offsets are @text's: the highlight was
 * placed on it, or its offsets were carried to it by a re-anchoring), an
 * approximate match far from them is not offered either: more than 1,024
 * characters away, or more than 512 with more than 15 % of it wrong.
 * Another page's offsets (an imported annotation's) say nothing of how
 * far its passage may be. */
gboolean           clipper_anchor_suggest         (ClipperAnchorText         *text,
                                                   const ClipperTextSelector *selector,
                                                   gboolean                   offsets_here,
                                                   ClipperAnchorResult       *result);

G_END_DECLS
