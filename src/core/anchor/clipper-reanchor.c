/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring in the library; see clipper-reanchor.h.
 */
#define G_LOG_DOMAIN "clipper-anchor"

#include "clipper-reanchor.h"

#include "clipper-anchor.h"

G_DEFINE_QUARK (clipper-anchor-error-quark, clipper_anchor_error)

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
  ClipperReanchorCounts counts = { 0, 0, 0 };

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
            place_highlight (h, text, r->start, r->end);
        }
      if (out_changed != NULL)
        out_changed[i] = changed;
    }

  if (out_counts != NULL)
    *out_counts = counts;
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
  ClipperReanchorCounts counts = { 0, 0, 0 };

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
