/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anchoring: pure functions over an article's text.  See clipper-anchor.h
 * and docs/anchoring.md.
 */
#define G_LOG_DOMAIN "clipper-anchor"

#include "clipper-anchor.h"

#include <string.h>

struct _ClipperAnchorText {
  gunichar *cps;  /* the text as code points: offsets index this directly */
  gint64    n;
};

/**
 * clipper_anchor_text_new:
 * @text: UTF-8 article text; invalid sequences are replaced by U+FFFD so a
 *   damaged text still anchors what it can
 *
 * Returns: (transfer full): the text, prepared for lookups
 */
ClipperAnchorText *
clipper_anchor_text_new (const char *text)
{
  ClipperAnchorText *self = g_new0 (ClipperAnchorText, 1);
  g_autofree char *valid = NULL;
  glong n = 0;

  if (text == NULL)
    text = "";
  valid = g_utf8_make_valid (text, -1);
  self->cps = g_utf8_to_ucs4_fast (valid, -1, &n);
  self->n = n;

  return self;
}

void
clipper_anchor_text_free (ClipperAnchorText *text)
{
  if (text == NULL)
    return;
  g_free (text->cps);
  g_free (text);
}

gint64
clipper_anchor_text_get_length (ClipperAnchorText *text)
{
  g_return_val_if_fail (text != NULL, 0);
  return text->n;
}

/**
 * clipper_anchor_text_slice:
 * @start: first code point; clamped to the text
 * @end: end (exclusive); clamped to the text
 *
 * Returns: (transfer full): UTF-8 copy of code points [@start, @end)
 */
char *
clipper_anchor_text_slice (ClipperAnchorText *text, gint64 start, gint64 end)
{
  g_return_val_if_fail (text != NULL, NULL);

  start = CLAMP (start, 0, text->n);
  end = CLAMP (end, start, text->n);

  return g_ucs4_to_utf8 (text->cps + start, (glong) (end - start), NULL, NULL, NULL);
}

/**
 * clipper_anchor_text_context:
 * @out_prefix: (out) (transfer full) (optional): up to
 *   %CLIPPER_ANCHOR_CONTEXT_LENGTH code points before @start
 * @out_suffix: (out) (transfer full) (optional): as many after @end
 */
void
clipper_anchor_text_context (ClipperAnchorText  *text,
                             gint64              start,
                             gint64              end,
                             char              **out_prefix,
                             char              **out_suffix)
{
  g_return_if_fail (text != NULL);

  start = CLAMP (start, 0, text->n);
  end = CLAMP (end, start, text->n);

  if (out_prefix != NULL)
    *out_prefix = clipper_anchor_text_slice (text, start - CLIPPER_ANCHOR_CONTEXT_LENGTH, start);
  if (out_suffix != NULL)
    *out_suffix = clipper_anchor_text_slice (text, end, end + CLIPPER_ANCHOR_CONTEXT_LENGTH);
}

static gboolean
text_has_at (ClipperAnchorText *text, gint64 pos, const gunichar *q, gint64 m)
{
  if (pos < 0 || pos + m > text->n)
    return FALSE;
  return memcmp (text->cps + pos, q, (gsize) m * sizeof (gunichar)) == 0;
}

/* How many code points of @ctx agree with the text next to an occurrence,
 * walking away from it: the prefix backwards from @pos, the suffix forwards. */
static gint64
context_agreement (ClipperAnchorText *text, gint64 pos, const gunichar *ctx, gint64 len, gboolean backwards)
{
  gint64 i;

  for (i = 0; i < len; i++)
    {
      gint64 tp = backwards ? pos - 1 - i : pos + i;
      gunichar c = backwards ? ctx[len - 1 - i] : ctx[i];

      if (tp < 0 || tp >= text->n || text->cps[tp] != c)
        break;
    }
  return i;
}

void
clipper_anchor_locate (ClipperAnchorText         *text,
                       const ClipperTextSelector *selector,
                       ClipperAnchorResult       *result)
{
  g_autofree gunichar *q = NULL;
  g_autofree gunichar *pre = NULL;
  g_autofree gunichar *suf = NULL;
  glong m = 0, pm = 0, sm = 0;
  gint64 best = -1, best_score = -1;
  guint n_best = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (selector != NULL);
  g_return_if_fail (result != NULL);

  result->kind = CLIPPER_ANCHOR_ORPHAN;
  result->start = result->end = -1;
  result->score = 0.0;
  result->n_exact = 0;

  if (selector->exact == NULL ||
      (q = g_utf8_to_ucs4 (selector->exact, -1, NULL, &m, NULL)) == NULL || m == 0)
    return;
  if (selector->prefix != NULL)
    pre = g_utf8_to_ucs4 (selector->prefix, -1, NULL, &pm, NULL);
  if (selector->suffix != NULL)
    suf = g_utf8_to_ucs4 (selector->suffix, -1, NULL, &sm, NULL);

  if (selector->start >= 0 && selector->end - selector->start == m &&
      text_has_at (text, selector->start, q, m))
    {
      result->kind = CLIPPER_ANCHOR_EXACT_POSITION;
      result->start = selector->start;
      result->end = selector->start + m;
      result->score = 1.0;
      result->n_exact = 1;
      return;
    }

  for (gint64 pos = 0; pos + m <= text->n; pos++)
    {
      gint64 score;

      if (text->cps[pos] != q[0] || !text_has_at (text, pos, q, m))
        continue;
      result->n_exact++;
      score = context_agreement (text, pos, pre, pre ? pm : 0, TRUE) +
              context_agreement (text, pos + m, suf, suf ? sm : 0, FALSE);
      if (score > best_score)
        {
          best = pos;
          best_score = score;
          n_best = 1;
        }
      else if (score == best_score)
        n_best++;
    }

  /* Two places that the context cannot tell apart: better an orphan than a
   * guess. */
  if (best >= 0 && n_best == 1)
    {
      result->kind = CLIPPER_ANCHOR_EXACT_QUOTE;
      result->start = best;
      result->end = best + m;
      result->score = 1.0;
    }
}
