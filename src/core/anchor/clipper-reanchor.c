/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring in the library; see clipper-reanchor.h.
 */
#define G_LOG_DOMAIN "clipper-anchor"

#include "clipper-reanchor.h"

#include "clipper-anchor.h"

#include <string.h>

G_DEFINE_QUARK (clipper-anchor-error-quark, clipper_anchor_error)

/* When a new text is no longer the article (clipper_reanchor_is_other_text()).
 * Measured with clipper_reanchor_text_kept() on the corpus's 95 real
 * articles (the Lorem ipsum pages left out, as bench-anchor does) by
 * tests/bench/bench-refetch-guard (30 November 2026, the nineteenth
 * session):
 *   - another article keeps under 5% of one's runs (8,928 of the 8,930
 *     ordered pairs; the other two are two copies of one Lifehacker
 *     story, 100%);
 *   - the bench's edits (tests/anchor/anchor-edits.h, seeds 1-10 of ten
 *     highlights a text, 950 cases a strength) keep at least 74.5% light,
 *     35.7% medium and 30.4% heavy, and where they orphaned most of the
 *     highlights at least 74.2% medium (2 cases) and 33.8% heavy (22):
 *     two heavy edits of MathJax's formula glyphs, one-letter words among
 *     white space, keep 33.8% and 34.6% with 7 and 8 of 10 orphaned, and
 *     are the only cases of the 2,850 called another text (the
 *     eighteenth session's figures, by a program not kept and the
 *     matcher of then, were 72/58/25% and 37%, and none);
 *   - the same page through two extractors (ours and Readability's
 *     expected text) keeps at least 90.9% (the MathJax page kept 28.3%
 *     until our extractor kept its formulas);
 *   - QA-k's pages fetched again with a typo fixed, a sentence inserted, a
 *     paragraph moved keep 83–94%; one that lost its long quote (6 of 9
 *     highlights orphaned) 33%, another article 0%.
 * So under 15% is another text whatever the highlights say, and under 35%
 * is one too when it orphans most of the highlights that had a place
 * (two at least: a lone highlight on a deleted paragraph is an edit). */
#define OTHER_TEXT_KEPT           0.15
#define OTHER_TEXT_KEPT_WITH_LOST 0.35
#define OTHER_TEXT_MIN_LOST       2

/* Moves @highlight to [start, end) of @text: quote and context from there,
 * the earlier quote kept as the original when it changes. */
static void
place_highlight (ClipperHighlight  *highlight,
                 ClipperAnchorText *text,
                 gint64             start,
                 gint64             end)
{
  g_autofree char *quote = clipper_anchor_text_slice (text, start, end);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *old_quote = clipper_highlight_get_quote (highlight);

  clipper_anchor_text_context (text, start, end, &prefix, &suffix);
  /* The first quote the user made is history worth keeping; later
   * intermediate versions are not. */
  if (g_strcmp0 (old_quote, quote) != 0 && clipper_highlight_get_original_quote (highlight) == NULL)
    clipper_highlight_set_original_quote (highlight, old_quote);
  clipper_highlight_set_quote (highlight, quote);
  clipper_highlight_set_prefix (highlight, prefix);
  clipper_highlight_set_suffix (highlight, suffix);
  clipper_highlight_set_range (highlight, start, end);
  clipper_highlight_set_anchored (highlight, TRUE);
  clipper_highlight_set_offsets_from (highlight, CLIPPER_OFFSETS_TEXT);
}

ClipperTextSelector
clipper_reanchor_selector (ClipperHighlight *highlight)
{
  return (ClipperTextSelector) {
    clipper_highlight_get_quote (highlight), clipper_highlight_get_prefix (highlight),
    clipper_highlight_get_suffix (highlight), clipper_highlight_get_start (highlight),
    clipper_highlight_get_end (highlight),
  };
}

/**
 * clipper_reanchor_orphan_range:
 * @text: the text re-anchored in
 * @result: an orphan's result from clipper_anchor_locate_all_since()
 * @selector: its selector
 * @out_start: (out): its new start
 * @out_end: (out): its new end
 *
 * See the header.  The range is as long as before (the text's length at
 * most), starting where the passage would stand or, past the text's end,
 * ending there.
 *
 * Returns: whether the orphan's offsets change
 */
gboolean
clipper_reanchor_orphan_range (ClipperAnchorText         *text,
                               const ClipperAnchorResult *result,
                               const ClipperTextSelector *selector,
                               gint64                    *out_start,
                               gint64                    *out_end)
{
  gint64 n, len;

  g_return_val_if_fail (text != NULL && result != NULL && selector != NULL, FALSE);

  if (result->kind != CLIPPER_ANCHOR_ORPHAN || result->near < 0 || selector->end <= selector->start)
    return FALSE;
  n = clipper_anchor_text_get_length (text);
  len = selector->end - selector->start;
  *out_start = MIN (result->near, MAX (0, n - len));
  *out_end = MIN (n, *out_start + len);
  return *out_end > *out_start && (*out_start != selector->start || *out_end != selector->end);
}

/**
 * clipper_reanchor_suggest:
 * @text: @highlight's article text
 * @highlight: an orphan
 * @result: (out caller-allocates): the suggested place, or an orphan
 *
 * See the header.
 *
 * Returns: whether there is a place to suggest
 */
gboolean
clipper_reanchor_suggest (ClipperAnchorText   *text,
                          ClipperHighlight    *highlight,
                          ClipperAnchorResult *result)
{
  ClipperTextSelector selector = clipper_reanchor_selector (highlight);

  g_return_val_if_fail (text != NULL && result != NULL, FALSE);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);

  if (selector.exact == NULL || *selector.exact == '\0')
    return FALSE;
  return clipper_anchor_suggest (text, &selector,
                                 clipper_highlight_get_offsets_from (highlight) != CLIPPER_OFFSETS_UNKNOWN,
                                 result);
}

/**
 * clipper_reanchor_is_reattached:
 * @highlight: a highlight
 *
 * A re-anchoring carries a highlight to edited words only where they read
 * like its own (clipper_anchor_locate(), stricter than a suggestion); its
 * first quote is kept as the original quote, as a re-attach keeps it.
 * The store keeps no more of how a highlight got its place, so the two
 * are told apart by the words: a quote that does not read like the
 * original, with up to half of it wrong (clipper_anchor_suggest() on the
 * quote alone), was chosen by the reader.  The page did not change that
 * passage into this one, and "Changed on the page" said it had.  A
 * re-attach to the passage suggested, which reads like it, is the page's
 * edit of it and is said to be.
 *
 * Returns: %TRUE when @highlight is anchored, its quote changed since it
 *   was made and the quote it has is not like the one it had
 */
gboolean
clipper_reanchor_is_reattached (ClipperHighlight *highlight)
{
  g_autoptr (ClipperAnchorText) text = NULL;
  ClipperTextSelector selector = { NULL, NULL, NULL, -1, -1 };
  ClipperAnchorResult result;

  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);

  if (!clipper_highlight_get_anchored (highlight) || clipper_highlight_get_quote_before_change (highlight) == NULL)
    return FALSE;
  text = clipper_anchor_text_new (clipper_highlight_get_quote (highlight));
  selector.exact = clipper_highlight_get_quote_before_change (highlight);
  return !clipper_anchor_suggest (text, &selector, FALSE, &result);
}

/**
 * clipper_reanchor_place_all:
 * @text: the text to place the highlights in
 * @old_text: (nullable): the text their quotes and offsets were taken
 *   from, when the caller has it
 * @highlights: (element-type ClipperHighlight): the highlights; changed in
 *   memory only
 * @out_changed: (out caller-allocates) (array) (optional): one flag a
 *   highlight, %TRUE where it changed and must be written
 * @out_counts: (out) (optional): how the highlights landed
 *
 * Places each of @highlights in @text (orphans included: a text that
 * changes back gives them their place again): a placed highlight gets its
 * new quote, context and offsets and keeps its first quote as the original
 * quote; one that cannot be placed with confidence is marked not anchored,
 * with its quote, note and old offsets kept.  With @old_text, the two texts
 * are aligned first, which places most highlights surely and fast.
 */
void
clipper_reanchor_place_all (ClipperAnchorText     *text,
                            const char            *old_text,
                            GPtrArray             *highlights,
                            gboolean              *out_changed,
                            ClipperReanchorCounts *out_counts)
{
  g_autofree ClipperTextSelector *sels = NULL;
  g_autofree ClipperAnchorResult *results = NULL;
  ClipperReanchorCounts counts = { 0 };

  g_return_if_fail (text != NULL);
  g_return_if_fail (highlights != NULL);

  sels = g_new0 (ClipperTextSelector, MAX (highlights->len, 1));
  results = g_new0 (ClipperAnchorResult, MAX (highlights->len, 1));
  for (guint i = 0; i < highlights->len; i++)
    sels[i] = clipper_reanchor_selector (g_ptr_array_index (highlights, i));
  clipper_anchor_locate_all_since (text, old_text, sels, highlights->len, results);

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (highlights, i);
      ClipperAnchorResult *r = &results[i];
      gboolean was_anchored = clipper_highlight_get_anchored (h);
      gboolean changed;
      gint64 start, end;

      switch (r->kind)
        {
        case CLIPPER_ANCHOR_EXACT_POSITION:
        case CLIPPER_ANCHOR_EXACT_QUOTE:
          counts.exact++;
          break;
        case CLIPPER_ANCHOR_FUZZY:
          counts.fuzzy++;
          break;
        case CLIPPER_ANCHOR_ORPHAN:
        default:
          counts.orphaned++;
          break;
        }
      if (!was_anchored && r->kind == CLIPPER_ANCHOR_ORPHAN)
        counts.already_orphaned++;
      else if (!was_anchored)
        counts.placed_again++;

      if (r->kind == CLIPPER_ANCHOR_ORPHAN)
        {
          changed = clipper_highlight_get_anchored (h);
          clipper_highlight_set_anchored (h, FALSE);
          /* Its offsets follow the text to where its passage would be
           * now: the next re-anchoring and the suggestion to re-attach it
           * look there, and the orphans list in text order. */
          if (clipper_reanchor_orphan_range (text, r, &sels[i], &start, &end))
            {
              clipper_highlight_set_range (h, start, end);
              changed = TRUE;
            }
          /* Carried (the quote stood at them in the old text), whatever
           * they were before; offsets not carried stay what they were. */
          if (r->near >= 0 && clipper_highlight_get_offsets_from (h) != CLIPPER_OFFSETS_CARRIED)
            {
              clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_CARRIED);
              changed = TRUE;
            }
        }
      else
        {
          g_autofree char *prefix = NULL;
          g_autofree char *suffix = NULL;

          /* Even in place, the text around may have changed: the context
           * is kept current so that the next re-anchoring starts from it. */
          clipper_anchor_text_context (text, r->start, r->end, &prefix, &suffix);
          changed = !clipper_highlight_get_anchored (h) ||
                    clipper_highlight_get_offsets_from (h) != CLIPPER_OFFSETS_TEXT ||
                    r->start != sels[i].start || r->end != sels[i].end ||
                    r->kind == CLIPPER_ANCHOR_FUZZY ||
                    g_strcmp0 (prefix, sels[i].prefix) != 0 ||
                    g_strcmp0 (suffix, sels[i].suffix) != 0;
          /* sels[i] borrows from h: only touch h once done with it. */
          if (changed)
            {
              g_autofree char *before = g_strdup (clipper_highlight_get_quote (h));

              place_highlight (h, text, r->start, r->end);
              if (!clipper_highlight_same_words (before, clipper_highlight_get_quote (h)))
                counts.reworded++;
            }
        }
      if (out_changed != NULL)
        out_changed[i] = changed;
    }

  if (out_counts != NULL)
    *out_counts = counts;
}

/* An article's reading position is a fraction of its text, and the same
 * fraction of a new text (Fetch Again) was other words, lines off (QA-k:
 * 130 px) when a sentence above came or went.  The words at it are
 * carried as a highlight of them would be, and with them the words at
 * points around it, closer together near it: one alignment carries them
 * all, and a position near the first is carried by the nearest of them
 * without another (the saver aligns before its transaction and carries,
 * inside it, the position the reader may have stored meanwhile).  The
 * words at a position may be none that can be placed: white space or
 * dot leaders, which the matcher does not search for, or a passage the
 * old text holds twice that the alignment left unpaired (the corpus's
 * two copies of one Lifehacker story, at 0.53-0.56 of bench-anchor's
 * 1 MB text), which it does not place by design (docs/anchoring.md,
 * "Unpaired text"); the nearest words placed carry it then. */

/* Points at 64, 128, 256 … code points on either side of the position,
 * to either end of the text (14 a side in a 1 MB text), each the start
 * of CLIPPER_ANCHOR_CONTEXT_LENGTH code points, as the position's own. */
#define CARRY_NEAREST 64
/* More than this between the shifts of two points, beyond the length of
 * the text between them, is no edit between them but a move. */
#define CARRY_MOVED   1024

typedef struct {
  gint64 old_start;
  gint64 new_start;
} CarriedPoint;

struct _ClipperReanchorPositions {
  gint64  old_length;
  gint64  new_length;
  GArray *points;  /* CarriedPoint, by old_start, placed ones only */
};

/**
 * clipper_reanchor_positions_new:
 * @old_text: the article's text the position is a fraction of
 * @new_text: its new text
 * @position: the reading position, 0…1 of @old_text
 *
 * Aligns the two texts once and carries the words at @position and at
 * points around it (an alignment: 20–90 ms for 0.5–1 MB, for a worker
 * thread); clipper_reanchor_positions_carry() then carries @position, or
 * one near it, at once.
 *
 * Returns: (transfer full): the carried points (none when there is
 *   nothing to carry: a text unchanged or empty, or @position at the very
 *   top or end)
 */
ClipperReanchorPositions *
clipper_reanchor_positions_new (const char *old_text,
                                const char *new_text,
                                double      position)
{
  ClipperReanchorPositions *self = g_new0 (ClipperReanchorPositions, 1);
  g_autoptr (ClipperAnchorText) old = NULL;
  g_autoptr (ClipperAnchorText) text = NULL;
  g_autoptr (GArray) starts = NULL;
  g_autoptr (GPtrArray) strings = NULL;
  g_autofree ClipperTextSelector *selectors = NULL;
  g_autofree ClipperAnchorResult *results = NULL;
  gint64 start;

  g_return_val_if_fail (old_text != NULL, NULL);
  g_return_val_if_fail (new_text != NULL, NULL);

  self->points = g_array_new (FALSE, FALSE, sizeof (CarriedPoint));
  if (!(position > 0.0 && position < 1.0) || strcmp (old_text, new_text) == 0)
    return self;
  old = clipper_anchor_text_new (old_text);
  text = clipper_anchor_text_new (new_text);
  self->old_length = clipper_anchor_text_get_length (old);
  self->new_length = clipper_anchor_text_get_length (text);
  if (self->old_length == 0 || self->new_length == 0)
    return self;

  /* In text order, as clipper_anchor_locate_all_since() takes them. */
  start = MIN ((gint64) (position * (double) self->old_length + 0.5), self->old_length - 1);
  starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gint64 d = CARRY_NEAREST; d < start; d *= 2)
    g_array_prepend_val (starts, (gint64) { start - d });
  g_array_append_val (starts, start);
  for (gint64 d = CARRY_NEAREST; start + d < self->old_length; d *= 2)
    g_array_append_val (starts, (gint64) { start + d });

  strings = g_ptr_array_new_with_free_func (g_free);
  selectors = g_new0 (ClipperTextSelector, starts->len);
  results = g_new0 (ClipperAnchorResult, starts->len);
  for (guint i = 0; i < starts->len; i++)
    {
      gint64 s = g_array_index (starts, gint64, i);
      gint64 e = MIN (s + CLIPPER_ANCHOR_CONTEXT_LENGTH, self->old_length);
      char *exact = clipper_anchor_text_slice (old, s, e);
      char *prefix = NULL;
      char *suffix = NULL;

      clipper_anchor_text_context (old, s, e, &prefix, &suffix);
      g_ptr_array_add (strings, exact);
      g_ptr_array_add (strings, prefix);
      g_ptr_array_add (strings, suffix);
      selectors[i] = (ClipperTextSelector) { exact, prefix, suffix, s, e };
    }
  clipper_anchor_locate_all_since (text, old_text, selectors, starts->len, results);
  for (guint i = 0; i < starts->len; i++)
    if (results[i].kind != CLIPPER_ANCHOR_ORPHAN)
      {
        CarriedPoint p = { selectors[i].start, results[i].start };

        g_array_append_val (self->points, p);
      }
  return self;
}

/**
 * clipper_reanchor_positions_carry:
 * @self: points carried by clipper_reanchor_positions_new()
 * @position: a reading position, 0…1 of the old text: the one they were
 *   made for, or another (a scroll since)
 *
 * Where @position is in the new text: as far from the nearest carried
 * point as it was in the old text (the point's own words, when it is the
 * position they were made for and they were placed).
 *
 * Returns: 0…1 of the new text, or -1 when there is nothing to carry
 */
double
clipper_reanchor_positions_carry (ClipperReanchorPositions *self,
                                  double                    position)
{
  const CarriedPoint *before = NULL, *after = NULL, *nearest;
  gint64 at, carried;

  g_return_val_if_fail (self != NULL, -1.0);

  if (!(position > 0.0 && position < 1.0) || self->points->len == 0)
    return -1.0;
  at = MIN ((gint64) (position * (double) self->old_length + 0.5), self->old_length - 1);
  for (guint i = 0; i < self->points->len && after == NULL; i++)
    {
      const CarriedPoint *p = &g_array_index (self->points, CarriedPoint, i);

      if (p->old_start <= at)
        before = p;
      if (p->old_start >= at)
        after = p;
    }
  /* On a tie, the point after: the words about to be read. */
  if (before == NULL || (after != NULL && after->old_start - at <= at - before->old_start))
    nearest = after;
  else
    nearest = before;
  /* The points on either side disagree by far more than the text between
   * them could have changed: a paragraph moved, one of them with it, and
   * which one the position went with is not known. */
  if (before != NULL && after != NULL && before != after &&
      ABS ((after->new_start - after->old_start) - (before->new_start - before->old_start)) >
        after->old_start - before->old_start + CARRY_MOVED)
    return -1.0;
  carried = CLAMP (nearest->new_start + (at - nearest->old_start), 0, self->new_length - 1);
  return (double) carried / (double) self->new_length;
}

void
clipper_reanchor_positions_free (ClipperReanchorPositions *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->points);
  g_free (self);
}

double
clipper_reanchor_carry_position (const char *old_text,
                                 const char *new_text,
                                 double      position)
{
  g_autoptr (ClipperReanchorPositions) positions = NULL;

  g_return_val_if_fail (old_text != NULL, -1.0);
  g_return_val_if_fail (new_text != NULL, -1.0);

  positions = clipper_reanchor_positions_new (old_text, new_text, position);
  return clipper_reanchor_positions_carry (positions, position);
}

/**
 * clipper_reanchor_article:
 * @store: the library
 * @article_id: the article whose text changed
 * @new_text: its new text (UTF-8; the article's text column is the caller's
 *   to write, usually in the same transaction)
 * @out_counts: (out) (optional): how the highlights landed
 * @error: return location for an error
 *
 * Places every highlight of the article in @new_text as
 * clipper_reanchor_place_all() does, and writes the result in one
 * transaction.  Nothing is deleted.
 *
 * Returns: %TRUE on success; on failure nothing was changed
 */
gboolean
clipper_reanchor_article (ClipperStore          *store,
                          gint64                 article_id,
                          const char            *new_text,
                          ClipperReanchorCounts *out_counts,
                          GError               **error)
{
  ClipperHighlightQuery query = { 0 };
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (ClipperAnchorText) text = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree gboolean *changed = NULL;
  ClipperReanchorCounts counts = { 0 };

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (new_text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* An unknown id is an error the caller should hear about, not "0
   * highlights". */
  article = clipper_store_get_article (store, article_id, error);
  if (article == NULL)
    return FALSE;

  query.article_id = article_id;
  highlights = clipper_store_list_highlights (store, &query, error);
  if (highlights == NULL)
    return FALSE;

  text = clipper_anchor_text_new (new_text);
  changed = g_new0 (gboolean, MAX (highlights->len, 1));
  /* The article still holds the text the highlights were placed on when
   * the caller re-anchors before updating it (clipper-cli refetch does):
   * aligning the two texts places most highlights surely and fast.  If the
   * article was updated first, the quotes are not at their offsets in it
   * and the highlights are searched for as without it. */
  clipper_reanchor_place_all (text, clipper_article_get_text (article), highlights, changed, &counts);

  if (!clipper_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < highlights->len; i++)
    if (changed[i] && !clipper_store_update_highlight (store, g_ptr_array_index (highlights, i), error))
      {
        clipper_store_rollback (store);
        return FALSE;
      }
  if (!clipper_store_commit (store, error))
    return FALSE;

  if (out_counts != NULL)
    *out_counts = counts;
  return TRUE;
}

/* Words of three, hashed, are what clipper_reanchor_text_kept() compares:
 * a lone word is no evidence (two articles share most of "the", "and"),
 * and a run of three seldom recurs in another article, while one edit
 * (a typo fixed, a word inserted) breaks only the three runs around it.
 * Case, punctuation and white space do not count, so reflowed lines and
 * curled quotes keep every run. */
#define KEPT_RUN 3

/* Whether @c is a word of its own: the scripts written without spaces,
 * whose runs of letters are phrases, not words. */
static gboolean
is_word_by_itself (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
      return TRUE;
    default:
      return FALSE;
    }
}

static int
compare_guint64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* FNV-1a, over code points and over words' hashes. */
#define FNV_START 14695981039346656037ull
#define FNV_STEP(h, x) (((h) ^ (x)) * 1099511628211ull)

/* Shifts word @h into the last KEPT_RUN @words; adds their run to @runs
 * once there are as many. */
static void
add_word (GArray *runs, guint64 words[KEPT_RUN], guint *n_words, guint64 h)
{
  guint64 run = FNV_START;

  memmove (words, words + 1, (KEPT_RUN - 1) * sizeof words[0]);
  words[KEPT_RUN - 1] = h;
  if (++*n_words < KEPT_RUN)
    return;
  for (guint i = 0; i < KEPT_RUN; i++)
    run = FNV_STEP (run, words[i]);
  g_array_append_val (runs, run);
}

/* The runs of KEPT_RUN words of @text, hashed, sorted, each once. */
static GArray *
word_runs (const char *text)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 words[KEPT_RUN] = { 0 };
  guint64 h = 0;
  guint n_words = 0;
  gboolean in_word = FALSE;
  guint kept = 0;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;
      gboolean alone = c != 0 && g_unichar_isalnum (c) && is_word_by_itself (c);
      gboolean letter = c != 0 && g_unichar_isalnum (c) && !alone;

      /* A word ends at anything but a letter, and before a word of its own. */
      if (in_word && !letter)
        {
          add_word (runs, words, &n_words, h);
          in_word = FALSE;
        }
      if (c == 0)
        break;
      if (letter || alone)
        {
          if (!in_word)
            h = FNV_START;
          h = FNV_STEP (h, g_unichar_tolower (c));
          in_word = TRUE;
        }
      /* A word of its own ends as soon as it started. */
      if (alone)
        {
          add_word (runs, words, &n_words, h);
          in_word = FALSE;
        }
    }

  g_array_sort (runs, compare_guint64);
  for (guint i = 0; i < runs->len; i++)
    if (kept == 0 || g_array_index (runs, guint64, i) != g_array_index (runs, guint64, kept - 1))
      g_array_index (runs, guint64, kept++) = g_array_index (runs, guint64, i);
  g_array_set_size (runs, kept);
  return runs;
}

/**
 * clipper_reanchor_text_kept:
 * @old_text: the text an article had
 * @new_text: the text it would have now
 *
 * How much of @old_text @new_text still holds: the share of @old_text's
 * runs of three words (any case, any punctuation and spacing between)
 * that @new_text has too.  1 for the same text, about 0 for another
 * article; a text too short to have a run has nothing to lose (1).
 *
 * Returns: a share from 0 to 1
 */
double
clipper_reanchor_text_kept (const char *old_text,
                            const char *new_text)
{
  g_autoptr (GArray) old_runs = NULL;
  g_autoptr (GArray) new_runs = NULL;
  guint shared = 0;

  g_return_val_if_fail (old_text != NULL && new_text != NULL, 1.0);

  old_runs = word_runs (old_text);
  if (old_runs->len == 0)
    return 1.0;
  new_runs = word_runs (new_text);
  for (guint i = 0, j = 0; i < old_runs->len && j < new_runs->len;)
    {
      guint64 a = g_array_index (old_runs, guint64, i), b = g_array_index (new_runs, guint64, j);

      if (a == b)
        shared++;
      i += a <= b;
      j += b <= a;
    }
  return (double) shared / old_runs->len;
}

/**
 * clipper_reanchor_is_other_text:
 * @counts: how a re-anchoring would place an article's highlights
 * @kept: clipper_reanchor_text_kept() of its old and new texts
 *
 * Whether the new text is no longer the article the highlights were made
 * on: another article (a page that now redirects elsewhere, a domain
 * taken over), or a page that lost most of the text the highlights were
 * on.  A refetch that finds so asks before it replaces the article.
 *
 * Returns: %TRUE when the new text should not silently replace the old
 */
gboolean
clipper_reanchor_is_other_text (const ClipperReanchorCounts *counts,
                                double                       kept)
{
  guint lost, were_placed;

  g_return_val_if_fail (counts != NULL, FALSE);

  lost = CLIPPER_REANCHOR_COUNTS_LOST (counts);
  were_placed = CLIPPER_REANCHOR_COUNTS_WERE_PLACED (counts);
  /* Orphans placed again, more than are lost: the text the highlights
   * were made on is back (after a wrong Replace, or a page that was
   * briefly something else), however little it keeps of the one saved. */
  if (counts->placed_again > 0 && counts->placed_again >= lost)
    return FALSE;
  if (kept < OTHER_TEXT_KEPT)
    return TRUE;
  return lost >= OTHER_TEXT_MIN_LOST && lost * 2 > were_placed && kept < OTHER_TEXT_KEPT_WITH_LOST;
}

/**
 * clipper_reanchor_reattach:
 * @store: the library
 * @highlight_id: a highlight, usually an orphan
 * @start: the user's selection in the article text, in code points
 * @end: its end (exclusive)
 * @error: return location for an error
 *
 * Gives a highlight a new place chosen by the user: its quote and context
 * become the selection's, its first quote is kept as the original quote,
 * and it is anchored again.  Note, tags and colour stay.
 *
 * Returns: %TRUE on success; %CLIPPER_ANCHOR_ERROR_INVALID_RANGE for an
 *   empty, backwards or out-of-text selection, store errors otherwise
 */
gboolean
clipper_reanchor_reattach (ClipperStore  *store,
                           gint64         highlight_id,
                           gint64         start,
                           gint64         end,
                           GError       **error)
{
  g_autoptr (ClipperHighlight) highlight = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperAnchorText) text = NULL;
  gint64 length;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  highlight = clipper_store_get_highlight (store, highlight_id, error);
  if (highlight == NULL)
    return FALSE;
  article = clipper_store_get_article (store, clipper_highlight_get_article_id (highlight), error);
  if (article == NULL)
    return FALSE;

  text = clipper_anchor_text_new (clipper_article_get_text (article));
  length = clipper_anchor_text_get_length (text);
  if (start < 0 || end <= start || end > length)
    {
      g_set_error (error, CLIPPER_ANCHOR_ERROR, CLIPPER_ANCHOR_ERROR_INVALID_RANGE,
                   "cannot attach highlight %" G_GINT64_FORMAT " to characters %" G_GINT64_FORMAT
                   "–%" G_GINT64_FORMAT ": the article text has %" G_GINT64_FORMAT " characters "
                   "and the selection must not be empty",
                   highlight_id, start, end, length);
      return FALSE;
    }

  place_highlight (highlight, text, start, end);
  return clipper_store_update_highlight (store, highlight, error);
}
