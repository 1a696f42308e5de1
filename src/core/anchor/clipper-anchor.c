/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anchoring: pure functions over an article's text.  See clipper-anchor.h
 * and docs/anchoring.md for the method and its measured behaviour.
 *
 * In short: offsets are code points, so the text is kept as an array of
 * gunichar and every offset indexes it directly.  Approximate matching runs
 * on a "folded" view of the text (lower case, with whitespace, punctuation
 * and invisible format characters left out), so that reflowed whitespace,
 * changed punctuation and case cost nothing, and it uses Myers' bit-vector
 * algorithm (in Hyyrö's block form for quotes longer than 64 folded
 * characters) with at most k = 25% errors.  Every candidate is then scored
 * with the same matcher on its prefix and suffix, and with its distance to
 * where the highlight used to be; a candidate wins only with a clear margin
 * over the next one, else the highlight is an orphan.
 *
 * This file is the matcher: clipper_anchor_locate() and
 * clipper_anchor_locate_all(), which have only the new text.  With the old
 * text at hand, clipper-anchor-since.c aligns the two first and asks the
 * matcher only about what the alignment cannot place;
 * clipper-anchor-private.h is what the two share.
 */
#define G_LOG_DOMAIN "clipper-anchor"

#include "clipper-anchor-private.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Characters searched each side of the expected place before the whole text. */
#define WINDOW_BASE 512
/* Of more hits than this (and fewer than MAX_HITS), only the best by errors
 * and distance are scored. */
#define MAX_SCORED 48
/* A winner must beat the runner-up by this much (scores are 0…1). */
#define SCORE_MARGIN 0.05
/* Context similarity (0…1) that counts as the surroundings agreeing. */
#define CONTEXT_AGREES 0.7
/* One side's context this similar is as good: the other side may be a
 * paragraph that moved or went, which says nothing against the quote. */
#define SIDE_INTACT 0.9
/* Folded quote length from which a match inside the alignment's window
 * needs no agreeing context. */
#define WINDOW_MIN_QUOTE 24
/* Nor from this length when the window is at most four quotes and a bit. */
#define WINDOW_TIGHT_QUOTE 12
/* How far from the expected place a match in the window may lie and still
 * need no context. */
#define WINDOW_DRIFT 64
/* Unpaired text from which its search goes through the q-gram index. */
#define UNPAIRED_INDEX_MIN INDEX_MIN_TEXT

/* Hypothesis-like weights: the quote counts most, then each side's context,
 * then closeness to the old position. */
#define W_QUOTE  50.0
#define W_PREFIX 20.0
#define W_SUFFIX 20.0
#define W_POS     2.0

/* Whether the debug lines of WHY() are wanted: set by each public call,
 * read by every line (clipper-anchor-private.h says why). */
gint clipper_anchor_why_wanted = 0;

void
clipper_anchor_why_refresh (void)
{
  g_atomic_int_set (&clipper_anchor_why_wanted,
                    !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN));
}

/* ---- Scratch ----------------------------------------------------------
 *
 * clipper_anchor_locate_all_since() decodes and folds the old text and
 * aligns it with the new one: arrays of some 35 bytes a character, which
 * live for one call.  Freed each time, glibc hands them back to the kernel
 * (they are large), and the next article faults every page in again: with
 * light edits, most of what an article's re-anchoring costs.  So each
 * thread keeps them between calls, bounded: a buffer larger than
 * SCRATCH_KEEP (that of a text of some 250,000 characters) is freed after
 * use, which keeps at most 11 MB a thread (SCRATCH_N of them), and no
 * more than the longest article seen needs. */

#define SCRATCH_KEEP (1024 * 1024)

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  for (int i = 0; i < SCRATCH_N; i++)
    g_free (scratch->buf[i]);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

/* The thread's scratch, taken out of its slot while in use: a nested call
 * (none today) gets one of its own.  (transfer full) */
Scratch *
clipper_anchor_scratch_acquire (void)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    return g_new0 (Scratch, 1);
  g_private_set (&scratch_key, NULL);
  return scratch;
}

/* Gives @scratch back to the thread, without what is too large to keep. */
void
clipper_anchor_scratch_release (Scratch *scratch)
{
  for (int i = 0; i < SCRATCH_N; i++)
    if (scratch->size[i] > SCRATCH_KEEP)
      {
        g_clear_pointer (&scratch->buf[i], g_free);
        scratch->size[i] = 0;
      }
  if (g_private_get (&scratch_key) == NULL)
    g_private_set (&scratch_key, scratch);
  else
    scratch_free (scratch);
}

/* At least @bytes of buffer @which, contents undefined: (transfer none),
 * valid until it is taken again or @scratch is released.  A quarter more
 * than asked, so that a slightly longer next article reuses it too. */
gpointer
clipper_anchor_scratch_take (Scratch *scratch, ScratchBuffer which, gsize bytes)
{
  if (scratch->size[which] < bytes)
    {
      g_free (scratch->buf[which]);
      scratch->size[which] = bytes + bytes / 4;
      scratch->buf[which] = g_malloc (scratch->size[which]);
    }
  return scratch->buf[which];
}

/* ---- Text --------------------------------------------------------------- */

/* Decodes NUL-terminated UTF-8 in one pass (articles run to megabytes and
 * this is most of preparing one); NULL at the first invalid sequence
 * (overlong forms, surrogates and code points past U+10FFFF included).
 * With @scratch, into its SCRATCH_OLD_CPS buffer. */
static gunichar *
decode_utf8 (const char *text, gint64 *out_n, Scratch *scratch)
{
  const guchar *p = (const guchar *) text;
  gsize len = strlen (text);
  const guchar *end = p + len;
  gunichar *out = scratch != NULL ? clipper_anchor_scratch_take (scratch, SCRATCH_OLD_CPS, (len + 1) * sizeof (gunichar))
                                  : g_new (gunichar, len + 1);
  gint64 n = 0;

  while (*p != 0)
    {
      gunichar c = *p;
      guint64 w;

      /* Eight ASCII bytes at a time (none is NUL: @end is strlen's). */
      if (end - p >= 8 && (memcpy (&w, p, 8), (w & G_GUINT64_CONSTANT (0x8080808080808080)) == 0))
        {
          for (int k = 0; k < 8; k++)
            out[n + k] = p[k];
          n += 8;
          p += 8;
          continue;
        }
      if (c < 0x80)
        {
          out[n++] = c;
          p++;
          continue;
        }
      else if ((c & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
        {
          c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
          if (c < 0x80)
            goto invalid;
          p += 2;
        }
      else if ((c & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          c = ((c & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
            goto invalid;
          p += 3;
        }
      else if ((c & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80)
        {
          c = ((c & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12) | ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
          if (c < 0x10000 || c > 0x10FFFF)
            goto invalid;
          p += 4;
        }
      else
        goto invalid;
      out[n++] = c;
    }
  out[n] = 0;
  *out_n = n;
  return out;

invalid:
  if (scratch == NULL)
    g_free (out);
  return NULL;
}

/* g_utf8_to_ucs4 (@s, -1, NULL, @n, NULL), in decode_utf8()'s one pass
 * (GLib validates, counts and decodes in three, three times a
 * highlight); what decode_utf8() refuses, GLib is asked about, so that
 * odd input is read as before. */
static gunichar *
utf8_to_ucs4 (const char *s, glong *n)
{
  gint64 len = 0;
  gunichar *u = decode_utf8 (s, &len, NULL);

  if (u == NULL)
    return g_utf8_to_ucs4 (s, -1, NULL, n, NULL);
  *n = (glong) len;
  return u;
}

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
  return clipper_anchor_text_new_scratch (text, NULL);
}

/* clipper_anchor_text_new(), or with @scratch, with its code points and
 * folded view in the scratch's SCRATCH_OLD_* buffers (one such text at a
 * time): for a text prepared, used and freed within one call.
 * (transfer full) */
ClipperAnchorText *
clipper_anchor_text_new_scratch (const char *text, Scratch *scratch)
{
  ClipperAnchorText *self = g_new0 (ClipperAnchorText, 1);

  if (text == NULL)
    text = "";
  self->scratch = scratch;
  self->cps = decode_utf8 (text, &self->n, scratch);
  if (self->cps == NULL)
    {
      /* Made valid, it decodes. */
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      self->cps = decode_utf8 (valid, &self->n, scratch);
      g_assert (self->cps != NULL);
    }

  return self;
}

void
clipper_anchor_text_free (ClipperAnchorText *text)
{
  if (text == NULL)
    return;
  if (text->scratch == NULL)
    {
      g_free (text->cps);
      g_free (text->fold);
      g_free (text->fold_to_raw);
    }
  g_free (text->index_start);
  g_free (text->index_pos);
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

/* ---- Folding ---------------------------------------------------------- */

void
clipper_anchor_ensure_folded (ClipperAnchorText *self)
{
  gint64 j = 0;

  if (self->folded)
    return;

  if (self->scratch != NULL)
    {
      self->fold = clipper_anchor_scratch_take (self->scratch, SCRATCH_OLD_FOLD, sizeof (gunichar) * (gsize) (self->n + 1));
      self->fold_to_raw = clipper_anchor_scratch_take (self->scratch, SCRATCH_OLD_FOLD_TO_RAW, sizeof (guint32) * (gsize) (self->n + 1));
    }
  else
    {
      self->fold = g_new (gunichar, self->n + 1);
      self->fold_to_raw = g_new (guint32, self->n + 1);
    }
  for (gint64 i = 0; i < self->n; i++)
    {
      gunichar f = fold_char (self->cps[i]);

      if (f != 0)
        {
          self->fold[j] = f;
          self->fold_to_raw[j] = (guint32) i;
          j++;
        }
    }
  self->nf = j;
  self->folded = TRUE;
}

/* How many folded characters come before raw index @raw: a binary search
 * of fold_to_raw (a table for every raw index would cost more to build
 * than all lookups of a text's highlights). */
gint64
clipper_anchor_raw_to_fold (ClipperAnchorText *self, gint64 raw)
{
  gint64 lo = 0, hi = self->nf;

  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if ((gint64) self->fold_to_raw[mid] < raw)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Folds @s (length @n) into a new array; returns its length. */
gint64
clipper_anchor_fold_string (const gunichar *s, gint64 n, gunichar **out)
{
  gunichar *f = g_new (gunichar, n + 1);
  gint64 j = 0;

  for (gint64 i = 0; i < n; i++)
    {
      gunichar c = fold_char (s[i]);
      if (c != 0)
        f[j++] = c;
    }
  *out = f;
  return j;
}

/* How many of @s (length @n) fold to a character: the length
 * clipper_anchor_fold_string() would return, without the copy. */
static gint64
fold_count (const gunichar *s, gint64 n)
{
  gint64 j = 0;

  for (gint64 i = 0; i < n; i++)
    j += fold_char (s[i]) != 0 ? 1 : 0;
  return j;
}

/* ---- q-gram index ------------------------------------------------------ */

#define QGRAM 5
/* Q-grams more frequent than this say little about where a quote is and
 * cost much to list: they are skipped. */
#define INDEX_MAX_BUCKET 64

static inline guint32
qgram_hash (const gunichar *s)
{
  guint32 h = 0;

  for (int i = 0; i < QGRAM; i++)
    h = (h ^ s[i]) * 16777619u;
  return h ^ (h >> 15);
}

/* Indexes the q-grams of @self's folded text that start in the folded
 * [from, to) pairs of @rg (@nr pairs; all of the text when @rg is NULL). */
static void
index_build (ClipperAnchorText *self, const gint64 *rg, guint nr)
{
  gint64 n_grams = self->nf - QGRAM + 1, n_indexed = 0;
  guint32 buckets = 1 << 16;
  g_autofree guint32 *hashes = NULL;

  self->indexed = TRUE;
  if (n_grams <= 0)
    return;
  if (rg != NULL)
    for (guint r = 0; r < nr; r++)
      n_indexed += MAX (0, MIN (rg[2 * r + 1], n_grams) - rg[2 * r]);
  else
    n_indexed = n_grams;

  /* About four q-grams a bucket: the counts stay in the cache while
   * they are made, and frequent q-grams are skipped anyway. */
  while (buckets * 4 < (guint32) n_indexed && buckets < (1u << 22))
    buckets <<= 1;
  self->index_mask = buckets - 1;
  self->index_start = g_new0 (guint32, (gsize) buckets + 2);
  self->index_pos = g_new (guint32, MAX (n_indexed, 1));
  hashes = g_new (guint32, n_grams);

  /* Counting sort by bucket keeps each bucket's positions in text order. */
  for (guint r = 0; r < (rg != NULL ? nr : 1); r++)
    for (gint64 i = rg != NULL ? rg[2 * r] : 0, end = rg != NULL ? MIN (rg[2 * r + 1], n_grams) : n_grams; i < end; i++)
      {
        hashes[i] = qgram_hash (self->fold + i) & self->index_mask;
        self->index_start[hashes[i] + 2]++;
      }
  for (guint32 b = 2; b < buckets + 2; b++)
    self->index_start[b] += self->index_start[b - 1];
  for (guint r = 0; r < (rg != NULL ? nr : 1); r++)
    for (gint64 i = rg != NULL ? rg[2 * r] : 0, end = rg != NULL ? MIN (rg[2 * r + 1], n_grams) : n_grams; i < end; i++)
      self->index_pos[self->index_start[hashes[i] + 1]++] = (guint32) i;
}

void
clipper_anchor_ensure_index (ClipperAnchorText *self)
{
  if (!self->indexed)
    index_build (self, NULL, 0);
}

static gint
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

typedef struct {
  gint64  i;       /* position in the quote */
  guint32 bucket;
  guint32 size;    /* occurrences in the text (of its hash) */
} GramRef;

static int
compare_gram_refs (const void *a, const void *b)
{
  const GramRef *x = a, *y = b;
  return x->size < y->size ? -1 : x->size > y->size ? 1 : (x->i > y->i) - (x->i < y->i);
}

/* Positions listed at most for one quote when even its rarest q-grams are
 * common. */
#define INDEX_BUDGET 2048

/* Stretches of the folded text worth matching the folded quote @fq
 * (length @m, up to @k errors) against: where many of its q-grams fall on
 * nearly one diagonal (text position minus quote position).  Diagonals
 * are counted in bins as wide as the errors allow a match to drift, and a
 * bin counts with its neighbour.  Appends [from, to) pairs to @regions,
 * in text order.  Returns FALSE when the quote has no usable q-gram (all
 * too short or too common): then only a scan of the whole text will do. */
gboolean
clipper_anchor_index_candidates (ClipperAnchorText *text, const gunichar *fq, gint64 m, gint k, GArray *regions)
{
  gint64 n_grams = m - QGRAM + 1, used = 0, listed = 0, threshold;
  g_autofree GramRef *grams = NULL;
  gint64 bin_width = 1;
  guint n_slots = 64, mask;
  g_autofree gint64 *bins = NULL;
  g_autofree guint32 *counts = NULL;
  g_autoptr (GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (n_grams < 1 || text->index_pos == NULL)
    return FALSE;
  while (bin_width < k + QGRAM)
    bin_width <<= 1;
  while (n_slots < (guint) (n_grams * 8) && n_slots < (1u << 16))
    n_slots <<= 1;
  mask = n_slots - 1;
  bins = g_new (gint64, n_slots);
  counts = g_new0 (guint32, n_slots);

  /* The quote's q-grams, rarest first: rare ones place it, frequent ones
   * ("ation", or a phrase the text repeats) only cost.  All those under
   * INDEX_MAX_BUCKET are used, and at least a few of the rarest within a
   * budget, so that a quote made of common words is still found. */
  grams = g_new (GramRef, n_grams);
  for (gint64 i = 0; i < n_grams; i++)
    {
      guint32 b = qgram_hash (fq + i) & text->index_mask;

      grams[i].i = i;
      grams[i].bucket = b;
      grams[i].size = text->index_start[b + 1] - text->index_start[b];
    }
  qsort (grams, n_grams, sizeof (GramRef), compare_gram_refs);

  for (gint64 g = 0; g < n_grams; g++)
    {
      gint64 i = grams[g].i;
      guint32 lo = text->index_start[grams[g].bucket], hi = text->index_start[grams[g].bucket + 1];

      if (hi - lo > INDEX_MAX_BUCKET && (used >= 4 || listed + (hi - lo) > INDEX_BUDGET))
        break;
      used++;
      listed += hi - lo;
      for (guint32 j = lo; j < hi; j++)
        {
          /* Offset so that bins of negative diagonals (a quote found at the
           * very start, shifted) stay apart from positive ones. */
          gint64 bin = ((gint64) text->index_pos[j] - i + m) / bin_width;
          guint h = ((guint) bin * 2654435761u) & mask;
          guint probes = 0;

          while (counts[h] != 0 && bins[h] != bin && probes++ < n_slots)
            h = (h + 1) & mask;
          if (probes >= n_slots)
            break; /* full: the quote is everywhere, the bins so far will do */
          bins[h] = bin;
          counts[h]++;
        }
    }
  if (used == 0)
    return FALSE;

  /* A match with e errors keeps all but about e * QGRAM of its q-grams; a
   * fifth of the usable ones is far below what any match we would accept
   * keeps, and far above what chance gives; two at least, when there are
   * that many, so that a lone common q-gram is not a place. */
  threshold = MAX (used >= 4 ? 2 : 1, used / 5);
  for (guint h = 0; h < n_slots; h++)
    {
      guint32 total;

      if (counts[h] == 0)
        continue;
      total = counts[h];
      /* The next bin: a match near a bin's edge spreads over two. */
      for (guint h2 = ((guint) (bins[h] + 1) * 2654435761u) & mask, probes = 0;
           counts[h2] != 0 && probes < n_slots; h2 = (h2 + 1) & mask, probes++)
        if (bins[h2] == bins[h] + 1)
          {
            total += counts[h2];
            break;
          }
      if ((gint64) total >= threshold)
        g_array_append_val (picked, bins[h]);
    }

  g_array_sort (picked, compare_gint64);
  for (guint i = 0; i < picked->len; i++)
    {
      gint64 d = g_array_index (picked, gint64, i) * bin_width - m;
      gint64 from = MAX (0, d - k - QGRAM);
      gint64 to = MIN (text->nf, d + 2 * bin_width + m + k + QGRAM);

      if (regions->len >= 2 && g_array_index (regions, gint64, regions->len - 1) >= from)
        g_array_index (regions, gint64, regions->len - 1) = MAX (to, g_array_index (regions, gint64, regions->len - 1));
      else
        {
          gint64 pair[2] = { from, to };
          g_array_append_vals (regions, pair, 2);
        }
    }
  return TRUE;
}

/* ---- Myers' bit-vector matcher ---------------------------------------- */

static inline guint
hash_char (gunichar c)
{
  return (guint) (c * 2654435761u);
}

static inline guint32
pattern_row (const Pattern *pt, gunichar c)
{
  guint h;

  /* Most text is ASCII: a direct table, no hashing. */
  if (c < 128)
    return pt->ascii_row[c];
  h = hash_char (c) & pt->table_mask;

  while (pt->table[h] != 0)
    {
      if (pt->keys[pt->table[h] - 1] == c)
        return pt->table[h];
      h = (h + 1) & pt->table_mask;
    }
  return 0;
}

/* Compiles @p (length @m > 0), read backwards when @reversed. */
void
clipper_anchor_pattern_init (Pattern *pt, const gunichar *p, gint64 m, gboolean reversed)
{
  guint size = 16;
  guint32 n_keys = 0;

  g_assert (m > 0);

  while (size < 2 * (guint) m)
    size <<= 1;

  memset (pt->ascii_row, 0, sizeof pt->ascii_row);
  pt->m = m;
  pt->w = (guint) ((m + 63) / 64);
  pt->last_bit = G_GUINT64_CONSTANT (1) << ((m - 1) % 64);
  pt->table_mask = size - 1;
  /* One block for all five arrays, the 64-bit ones first: a highlight
   * compiles four patterns, and five allocations each cost more than
   * compiling a short quote.  Of its m + 1 rows, only row 0 and those of
   * the characters the pattern holds are read, zeroed as each comes (a
   * quote of 300 characters has some 40 distinct): zeroing them all cost
   * more than filling them.  The searches set pv and mv before use. */
  pt->peq = g_malloc (sizeof (guint64) * ((gsize) (m + 1) * pt->w + 2 * pt->w) +
                      sizeof (guint32) * size + sizeof (gunichar) * (gsize) m);
  pt->pv = pt->peq + (gsize) (m + 1) * pt->w;
  pt->mv = pt->pv + pt->w;
  pt->table = (guint32 *) (pt->mv + pt->w);
  pt->keys = pt->table + size;
  memset (pt->peq, 0, sizeof (guint64) * pt->w);
  memset (pt->table, 0, sizeof (guint32) * size);

  for (gint64 i = 0; i < m; i++)
    {
      gunichar c = reversed ? p[m - 1 - i] : p[i];
      guint32 row = pattern_row (pt, c);

      if (row == 0)
        {
          guint h = hash_char (c) & pt->table_mask;

          while (pt->table[h] != 0)
            h = (h + 1) & pt->table_mask;
          pt->keys[n_keys] = c;
          row = ++n_keys;
          pt->table[h] = row;
          memset (pt->peq + (gsize) row * pt->w, 0, sizeof (guint64) * pt->w);
          if (c < 128)
            pt->ascii_row[c] = row;
        }
      pt->peq[(gsize) row * pt->w + (gsize) (i / 64)] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
}

void
clipper_anchor_pattern_clear (Pattern *pt)
{
  /* peq holds the others (see clipper_anchor_pattern_init()). */
  g_clear_pointer (&pt->peq, g_free);
  pt->table = NULL;
  pt->keys = NULL;
  pt->pv = NULL;
  pt->mv = NULL;
}

static void
pattern_reset (Pattern *pt)
{
  for (guint b = 0; b < pt->w; b++)
    {
      pt->pv[b] = ~G_GUINT64_CONSTANT (0); /* column 0: D[i][0] = i */
      pt->mv[b] = 0;
    }
}

/* One block of one text column (Hyyrö): updates the block's vertical
 * deltas *@pv, *@mv for the pattern positions matching the column's
 * character (@eq) and returns the horizontal delta leaving the block at
 * bit @top, given @hin entering it. */
static inline int
pattern_block_step (guint64 *pv, guint64 *mv, guint64 eq, guint64 top, int hin)
{
  guint64 hneg = hin < 0 ? 1 : 0;
  guint64 hpos = hin > 0 ? 1 : 0;
  guint64 xv, xh, ph, mh;
  int hout;

  xv = eq | *mv;
  eq |= hneg;
  xh = (((eq & *pv) + *pv) ^ *pv) | eq;
  ph = *mv | ~(xh | *pv);
  mh = *pv & xh;
  hout = (ph & top) ? 1 : (mh & top) ? -1 : 0;
  ph = (ph << 1) | hpos;
  mh = (mh << 1) | hneg;
  *pv = mh | ~(xv | ph);
  *mv = ph & xv;
  return hout;
}

/* One text column: updates the vertical deltas of every block and returns
 * the horizontal delta of the last row, D[m][j] - D[m][j-1].  @hin is the
 * delta entering the top row: 0 when a match may start anywhere (search),
 * +1 when it must start at the first text character (anchored). */
static inline int
pattern_step (Pattern *pt, gunichar c, int hin)
{
  const guint64 *eqrow = pt->peq + (gsize) pattern_row (pt, c) * pt->w;

  for (guint b = 0; b < pt->w; b++)
    hin = pattern_block_step (&pt->pv[b], &pt->mv[b], eqrow[b],
                              b + 1 == pt->w ? pt->last_bit : G_GUINT64_CONSTANT (1) << 63, hin);
  return hin;
}

/* Best alignment of the whole pattern with a stretch of text that starts at
 * t[0] and runs on t[step], t[2*step], … for at most @len characters, with a
 * free end.  Returns the edit distance; *out_len gets the text length used
 * (the one nearest the pattern length among equals). */
static gint64
pattern_anchored (Pattern *pt, const gunichar *t, gint64 len, int step, gint64 *out_len)
{
  gint64 score = pt->m, best = pt->m, best_len = 0;

  pattern_reset (pt);
  for (gint64 j = 0; j < len; j++)
    {
      score += pattern_step (pt, t[j * step], 1);
      if (score < best ||
          (score == best && ABS (j + 1 - pt->m) < ABS (best_len - pt->m)))
        {
          best = score;
          best_len = j + 1;
        }
      /* The distance falls by one a column at most: when the columns
       * left cannot bring it back to the best, none of them is taken. */
      else if (score - (len - j - 1) > best)
        break;
    }
  if (out_len != NULL)
    *out_len = best_len;
  return best;
}

/* Edit distance between the whole pattern and exactly t[0, len). */
static gint64
pattern_global (Pattern *pt, const gunichar *t, gint64 len)
{
  gint64 score = pt->m;

  pattern_reset (pt);
  for (gint64 j = 0; j < len; j++)
    score += pattern_step (pt, t[j], 1);
  return score;
}

/* The search's bookkeeping of one text column whose distance is @score:
 * opens, moves or closes the current valley.  FALSE when there are too
 * many hits to go on. */
static inline gboolean
search_column (gint64 j, gint64 score, gint k, gint64 gap, gboolean *open, Hit *cur, GArray *hits, gboolean *overflow)
{
  if (score <= k)
    {
      if (!*open)
        {
          *open = TRUE;
          cur->end = cur->end2 = j;
          cur->d = (gint) score;
        }
      else if (score <= cur->d && j - cur->end2 > gap)
        {
          g_array_append_val (hits, *cur);
          cur->end = cur->end2 = j;
          cur->d = (gint) score;
        }
      else if (score < cur->d)
        {
          cur->end = cur->end2 = j;
          cur->d = (gint) score;
        }
      else if (score == cur->d)
        cur->end2 = j;
    }
  else if (*open)
    {
      g_array_append_val (hits, *cur);
      *open = FALSE;
    }

  if (hits->len >= MAX_HITS)
    {
      *overflow = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Most blocks of a long pattern pattern_search_banded() keeps a score for
 * on the stack (a quote of up to 4096 folded characters). */
#define SEARCH_MAX_BANDED_BLOCKS 64

/* Where pattern_search_banded() stands after a column: as SearchState,
 * for patterns of more blocks than that keeps. */
typedef struct {
  gint64   bscore[SEARCH_MAX_BANDED_BLOCKS];  /* distance at each active block's bottom row */
  guint64  pv[SEARCH_MAX_BANDED_BLOCKS], mv[SEARCH_MAX_BANDED_BLOCKS];
  guint    y;         /* the last active block */
  gboolean open;      /* a valley of the distance curve is open: @cur */
  Hit      cur;
} BandedState;

/* The state of pattern_search_banded() before the first column: D[i] = i,
 * over k from row k + 1 on, so active are the blocks whose top row is at
 * most k (block 0 always). */
static void
banded_state_init (const Pattern *pt, gint k, BandedState *bs)
{
  guint w = pt->w;

  bs->y = MIN (w - 1, k > 0 ? (guint) ((k - 1) / 64) : 0u);
  for (guint b = 0; b <= bs->y; b++)
    {
      bs->pv[b] = ~G_GUINT64_CONSTANT (0);
      bs->mv[b] = 0;
      bs->bscore[b] = b + 1 == w ? pt->m : 64 * (gint64) (b + 1);
    }
  bs->open = FALSE;
  bs->cur = (Hit) { 0, 0, 0 };
}

/* The search of a pattern of several blocks, computing only the blocks
 * that can still hold a distance of at most @k (Ukkonen's cut-off, by
 * blocks as in Myers' paper): most text columns are far from any match,
 * and there the distance passes k a little below the top rows, so the
 * blocks under them need not be computed.  Distances over k are all the
 * search tells apart from each other, so every hit is the same as with
 * all blocks.
 *
 * Why it is exact: in a search, D[i][j] >= D[i-1][j-1], so rows whose
 * distance passed k in a column stay over k one row lower in the next,
 * and the active rows grow by at most one a column.  A block goes
 * inactive when its bottom row is at least k + its height (then all its
 * rows are over k); the block under the last active one comes back when
 * the active one's bottom row was at most k in the previous column (the
 * only way a row under it gets to k or less), with its rows taken as
 * that bottom distance plus one a row: over k, which is all an inactive
 * row is known to be, and no distance of k or less is ever computed from
 * them.  The last row's distance, when its block is inactive, is over k
 * and given to search_column() as k + 1.  The state is taken from @bs
 * and left there (a search's start is banded_state_init()'s).  FALSE when
 * there are too many hits to go on. */
static gboolean
pattern_search_banded (Pattern *pt, BandedState *bs, const gunichar *fold, gint64 from, gint64 to, gint k,
                       gint64 gap, GArray *hits, gboolean *overflow)
{
  /* (The state on the stack: the compiler then knows no store to it
   * changes the pattern's rows.  Only the active blocks hold one: a block
   * that comes back starts afresh.) */
  gint64 bscore[SEARCH_MAX_BANDED_BLOCKS];
  guint64 pv[SEARCH_MAX_BANDED_BLOCKS], mv[SEARCH_MAX_BANDED_BLOCKS];
  guint w = pt->w, y = bs->y;
  gint64 last_rows = pt->m - 64 * (gint64) (w - 1);
  const guint64 top = G_GUINT64_CONSTANT (1) << 63;
  gboolean open = bs->open, go_on = TRUE;
  Hit cur = bs->cur;

  memcpy (bscore, bs->bscore, (y + 1) * sizeof bscore[0]);
  memcpy (pv, bs->pv, (y + 1) * sizeof pv[0]);
  memcpy (mv, bs->mv, (y + 1) * sizeof mv[0]);
  for (gint64 j = from; j < to; j++)
    {
      const guint64 *eqrow = pt->peq + (gsize) pattern_row (pt, fold[j]) * w;
      int hin = 0;
      gint64 prev_bottom;

      for (guint b = 0; b < y; b++)
        {
          hin = pattern_block_step (&pv[b], &mv[b], eqrow[b], top, hin);
          bscore[b] += hin;
        }
      hin = pattern_block_step (&pv[y], &mv[y], eqrow[y], y + 1 == w ? pt->last_bit : top, hin);
      bscore[y] += hin;
      prev_bottom = bscore[y] - hin;
      if (y + 1 < w && prev_bottom <= k)
        {
          /* The block under comes back, its previous column taken as
           * prev_bottom + 1, + 2, … (all over k, see above). */
          y++;
          pv[y] = ~G_GUINT64_CONSTANT (0);
          mv[y] = 0;
          bscore[y] = prev_bottom + (y + 1 == w ? last_rows : 64);
          hin = pattern_block_step (&pv[y], &mv[y], eqrow[y], y + 1 == w ? pt->last_bit : top, hin);
          bscore[y] += hin;
        }
      while (y > 0 && bscore[y] >= k + (y + 1 == w ? last_rows : 64))
        y--;
      if (!search_column (j, y + 1 == w ? bscore[y] : (gint64) k + 1, k, gap, &open, &cur, hits, overflow))
        {
          go_on = FALSE;
          break;
        }
    }
  memcpy (bs->bscore, bscore, (y + 1) * sizeof bscore[0]);
  memcpy (bs->pv, pv, (y + 1) * sizeof pv[0]);
  memcpy (bs->mv, mv, (y + 1) * sizeof mv[0]);
  bs->y = y;
  bs->open = open;
  bs->cur = cur;
  return go_on;
}

/* pattern_search_banded() for a pattern of @w = 2, 3 or 4 blocks (a quote
 * of 65 to 256 folded characters: most of those the window searches are
 * given), with the same blocks computed in the same order, so the same
 * hits.  Called with @w a constant: each block's state is then a pair of
 * variables the compiler keeps in registers, where the arrays indexed by
 * the band's last block y go through memory every column (and a store's
 * load in the next column is on the chain every column waits for), and
 * the code for blocks a pattern has not drops out.  A fifth to a third
 * less time than the loop over blocks on such quotes.  The state is taken
 * from @st and left there, once a run of columns (a search's start is
 * search_state_init()'s). */
static G_ALWAYS_INLINE inline gboolean
pattern_search_banded_small (Pattern *pt, const guint w, const gunichar *fold, gint64 from, gint64 to, gint k,
                             gint64 gap, SearchState *st, GArray *hits, gboolean *overflow)
{
  const guint64 top = G_GUINT64_CONSTANT (1) << 63;
  const guint64 bit1 = w == 2 ? pt->last_bit : top, bit2 = w == 3 ? pt->last_bit : top;
  /* rows of blocks 1, 2 and 3 */
  const gint64 rows1 = w == 2 ? pt->m - 64 : 64, rows2 = w == 3 ? pt->m - 128 : 64, rows3 = pt->m - 192;
  guint64 pv0 = st->pv[0], pv1 = st->pv[1], pv2 = st->pv[2], pv3 = st->pv[3];
  guint64 mv0 = st->mv[0], mv1 = st->mv[1], mv2 = st->mv[2], mv3 = st->mv[3];
  /* distance at each block's bottom row, column from - 1 */
  gint64 b0 = st->score[0], b1 = st->score[1], b2 = st->score[2], b3 = st->score[3];
  guint y = st->y;
  gboolean go_on = TRUE;

  g_assert (w >= 2 && w <= 4);

  for (gint64 j = from; j < to; j++)
    {
      const guint64 *eqrow = pt->peq + (gsize) pattern_row (pt, fold[j]) * w;
      int hin = pattern_block_step (&pv0, &mv0, eqrow[0], top, 0);

      b0 += hin;
      /* Each block below the first: computed when active, or brought
       * back when the one above is the last active one and its bottom
       * row was at most k (then no block further down this column). */
      if (y >= 1)
        {
          hin = pattern_block_step (&pv1, &mv1, eqrow[1], bit1, hin);
          b1 += hin;
        }
      else if (b0 - hin <= k)
        {
          y = 1, pv1 = ~G_GUINT64_CONSTANT (0), mv1 = 0, b1 = b0 - hin + rows1;
          b1 += pattern_block_step (&pv1, &mv1, eqrow[1], bit1, hin);
          goto settle;
        }
      if (w > 2)
        {
          if (y >= 2)
            {
              hin = pattern_block_step (&pv2, &mv2, eqrow[2], bit2, hin);
              b2 += hin;
            }
          else if (y == 1 && b1 - hin <= k)
            {
              y = 2, pv2 = ~G_GUINT64_CONSTANT (0), mv2 = 0, b2 = b1 - hin + rows2;
              b2 += pattern_block_step (&pv2, &mv2, eqrow[2], bit2, hin);
              goto settle;
            }
        }
      if (w > 3)
        {
          if (y >= 3)
            {
              hin = pattern_block_step (&pv3, &mv3, eqrow[3], pt->last_bit, hin);
              b3 += hin;
            }
          else if (y == 2 && b2 - hin <= k)
            {
              y = 3, pv3 = ~G_GUINT64_CONSTANT (0), mv3 = 0, b3 = b2 - hin + rows3;
              b3 += pattern_block_step (&pv3, &mv3, eqrow[3], pt->last_bit, hin);
            }
        }
    settle:
      if (w > 3 && y == 3 && b3 >= k + rows3)
        y = 2;
      if (w > 2 && y == 2 && b2 >= k + rows2)
        y = 1;
      if (y == 1 && b1 >= k + rows1)
        y = 0;
      if (!search_column (j, y + 1 < w ? (gint64) k + 1 : w == 2 ? b1 : w == 3 ? b2 : b3,
                          k, gap, &st->open, &st->cur, hits, overflow))
        {
          go_on = FALSE;
          break;
        }
    }
  st->pv[0] = pv0, st->pv[1] = pv1, st->pv[2] = pv2, st->pv[3] = pv3;
  st->mv[0] = mv0, st->mv[1] = mv1, st->mv[2] = mv2, st->mv[3] = mv3;
  st->score[0] = b0, st->score[1] = b1, st->score[2] = b2, st->score[3] = b3;
  st->y = y;
  return go_on;
}

/* Whether clipper_anchor_pattern_search() of @pt with @k errors keeps its
 * state in a SearchState: one block, or two to four with the cut-off. */
static inline gboolean
search_state_fits (const Pattern *pt, gint k)
{
  return pt->w == 1 || (pt->w <= 4 && k >= 0);
}

/* The state before the first column of a search (search_state_fits()). */
static void
search_state_init (const Pattern *pt, gint k, SearchState *st)
{
  guint w = pt->w;

  memset (st, 0, sizeof *st);
  for (guint b = 0; b < 4; b++)
    st->pv[b] = ~G_GUINT64_CONSTANT (0);
  if (w == 1)
    {
      st->score[0] = pt->m;
      return;
    }
  /* (As pattern_search_banded(): each block's bottom row, and the blocks
   * whose top row is at most k.) */
  st->score[0] = 64;
  st->score[1] = w == 2 ? pt->m : 128;
  st->score[2] = w == 3 ? pt->m : 192;
  st->score[3] = pt->m;
  st->y = MIN (w - 1, k > 0 ? (guint) ((k - 1) / 64) : 0u);
}

/* Columns [@from, @to) of a search (search_state_fits()) from @st, left
 * in @st; FALSE when there are too many hits to go on. */
static gboolean
search_state_run (Pattern *pt, SearchState *st, const gunichar *fold, gint64 from, gint64 to, gint k, GArray *hits,
                  gboolean *overflow)
{
  gint64 gap = MAX (1, pt->m / 2);

  if (pt->w == 1)
    {
      /* A quote of up to 64 folded characters: its one block, with the
       * state in registers rather than in the pattern. */
      guint64 pv = st->pv[0], mv = st->mv[0];
      gint64 score = st->score[0];
      gboolean go_on = TRUE;

      for (gint64 j = from; j < to; j++)
        {
          score += pattern_block_step (&pv, &mv, pt->peq[pattern_row (pt, fold[j])], pt->last_bit, 0);
          if (!search_column (j, score, k, gap, &st->open, &st->cur, hits, overflow))
            {
              go_on = FALSE;
              break;
            }
        }
      st->pv[0] = pv, st->mv[0] = mv, st->score[0] = score;
      return go_on;
    }
  if (pt->w == 2)
    return pattern_search_banded_small (pt, 2, fold, from, to, k, gap, st, hits, overflow);
  if (pt->w == 3)
    return pattern_search_banded_small (pt, 3, fold, from, to, k, gap, st, hits, overflow);
  return pattern_search_banded_small (pt, 4, fold, from, to, k, gap, st, hits, overflow);
}

/* Every place in fold[from, to) where the pattern ends with at most @k
 * errors, one hit per valley of the distance curve (two hits at least m/2
 * apart when a valley holds two occurrences). */
void
clipper_anchor_pattern_search (Pattern *pt, const gunichar *fold, gint64 from, gint64 to, gint k, GArray *hits, gboolean *overflow)
{
  gint64 score = pt->m;
  gboolean open = FALSE;
  Hit cur = { 0, 0, 0 };
  gint64 gap = MAX (1, pt->m / 2);

  if (search_state_fits (pt, k))
    {
      SearchState st;

      search_state_init (pt, k, &st);
      if (search_state_run (pt, &st, fold, from, to, k, hits, overflow) && st.open)
        g_array_append_val (hits, st.cur);
      return;
    }
  if (pt->w <= SEARCH_MAX_BANDED_BLOCKS && k >= 0)
    {
      BandedState bs;

      banded_state_init (pt, k, &bs);
      if (pattern_search_banded (pt, &bs, fold, from, to, k, gap, hits, overflow) && bs.open)
        g_array_append_val (hits, bs.cur);
      return;
    }
  else
    {
      pattern_reset (pt);
      for (gint64 j = from; j < to; j++)
        {
          score += pattern_step (pt, fold[j], 0);
          if (!search_column (j, score, k, gap, &open, &cur, hits, overflow))
            return;
        }
    }
  if (open)
    g_array_append_val (hits, cur);
}

/* clipper_anchor_pattern_search() of fold[@from, @to) that also leaves in
 * @at where it stood before column @split (from <= split <= to): what a
 * search of other text reading the same as fold[@from, @split) needs to go
 * on from @split without searching that part again
 * (clipper_anchor_pattern_search_resume()).  @at->kept is FALSE when the
 * pattern's search keeps no such state, or stopped before @split. */
void
clipper_anchor_pattern_search_split (Pattern *pt, const gunichar *fold, gint64 from, gint64 split, gint64 to, gint k,
                                     GArray *hits, gboolean *overflow, SearchState *at)
{
  SearchState st;

  at->kept = FALSE;
  if (!search_state_fits (pt, k))
    {
      clipper_anchor_pattern_search (pt, fold, from, to, k, hits, overflow);
      return;
    }
  search_state_init (pt, k, &st);
  if (!search_state_run (pt, &st, fold, from, split, k, hits, overflow))
    return;
  *at = st;
  at->n_hits = hits->len;
  at->kept = TRUE;
  if (search_state_run (pt, &st, fold, split, to, k, hits, overflow) && st.open)
    g_array_append_val (hits, st.cur);
}

/* The search from @at (kept by clipper_anchor_pattern_search_split(), its
 * open valley's places moved to this text's) on over fold[@from, @to): the
 * hits after those of @hits, which holds the ones found before @at (moved
 * the same way). */
void
clipper_anchor_pattern_search_resume (Pattern *pt, const SearchState *at, const gunichar *fold, gint64 from,
                                      gint64 to, gint k, GArray *hits, gboolean *overflow)
{
  SearchState st = *at;

  g_return_if_fail (at->kept && search_state_fits (pt, k));
  if (search_state_run (pt, &st, fold, from, to, k, hits, overflow) && st.open)
    g_array_append_val (hits, st.cur);
}

/* clipper_anchor_pattern_search() of all of @a (@na characters) and all
 * of @b (@nb): the hits of each, in @hits_a and @hits_b (both empty
 * before).  A search's
 * state after a column depends on the text up to it alone, so where the
 * two read the same from their start (two stretches of text around one
 * edit) the columns they share are searched once, and their hits, and the
 * state after them, are both searches'.  A search that stops there (too
 * many hits) stops at the same column in both, with the same hits. */
void
clipper_anchor_pattern_search_both (Pattern *pt, const gunichar *a, gint64 na, const gunichar *b, gint64 nb, gint k,
                                    GArray *hits_a, gboolean *overflow_a, GArray *hits_b, gboolean *overflow_b)
{
  gint64 same = 0, gap = MAX (1, pt->m / 2);
  guint n_shared;

  g_return_if_fail (hits_a->len == 0 && hits_b->len == 0);
  while (same < MIN (na, nb) && a[same] == b[same])
    same++;
  if (search_state_fits (pt, k) && same > 0)
    {
      SearchState at;

      clipper_anchor_pattern_search_split (pt, a, 0, same, na, k, hits_a, overflow_a, &at);
      if (!at.kept)
        {
          g_array_append_vals (hits_b, hits_a->data, hits_a->len);
          *overflow_b = *overflow_a;
          return;
        }
      g_array_append_vals (hits_b, hits_a->data, at.n_hits);
      clipper_anchor_pattern_search_resume (pt, &at, b, same, nb, k, hits_b, overflow_b);
      return;
    }
  if (search_state_fits (pt, k) || pt->w > SEARCH_MAX_BANDED_BLOCKS || k < 0 || same == 0)
    {
      clipper_anchor_pattern_search (pt, a, 0, na, k, hits_a, overflow_a);
      clipper_anchor_pattern_search (pt, b, 0, nb, k, hits_b, overflow_b);
      return;
    }
  {
    BandedState at, bs;

    banded_state_init (pt, k, &at);
    if (!pattern_search_banded (pt, &at, a, 0, same, k, gap, hits_a, overflow_a))
      {
        g_array_append_vals (hits_b, hits_a->data, hits_a->len);
        *overflow_b = *overflow_a;
        return;
      }
    n_shared = hits_a->len;
    bs = at;
    if (pattern_search_banded (pt, &at, a, same, na, k, gap, hits_a, overflow_a) && at.open)
      g_array_append_val (hits_a, at.cur);
    g_array_append_vals (hits_b, hits_a->data, n_shared);
    if (pattern_search_banded (pt, &bs, b, same, nb, k, gap, hits_b, overflow_b) && bs.open)
      g_array_append_val (hits_b, bs.cur);
  }
}

/* Every verbatim occurrence of @p (length @m) in fold[from, to) as hits:
 * for quotes too short for the index, whose only hope is context anyway,
 * and for quotes too long to match approximately in reasonable time. */
void
clipper_anchor_exact_search (const gunichar *fold, gint64 from, gint64 to, const gunichar *p, gint64 m, GArray *hits, gboolean *overflow)
{
  for (gint64 j = from; j + m <= to; j++)
    {
      if (fold[j] != p[0] || memcmp (fold + j, p, (gsize) m * sizeof (gunichar)) != 0)
        continue;
      {
        Hit h = { j + m - 1, j + m - 1, 0 };
        g_array_append_val (hits, h);
      }
      if (hits->len >= MAX_HITS)
        {
          *overflow = TRUE;
          return;
        }
    }
}

/* ---- Locating ---------------------------------------------------------- */

typedef struct {
  ClipperAnchorText *text;
  const gunichar    *q;       /* the quote, raw */
  gint64             mq;
  gint64             lead;    /* left-out characters at the start of the quote */
  gint64             trail;   /* and at its end */
  gunichar          *fq;      /* the quote, folded */
  gint64             m;
  gint               k;
  Pattern            fwd;     /* the folded quote */
  Pattern            rev;     /* the folded quote backwards, for start positions */
  Pattern            pre;     /* the folded prefix backwards */
  Pattern            suf;     /* the folded suffix */
  gboolean           has_pre;
  gboolean           has_suf;
  gint64             expected; /* folded index where the quote used to start, or -1 */
  gboolean           trusted;    /* the old position is not moved by a guess */
  gboolean           word_start; /* the quote began at a word boundary */
  gboolean           word_end;   /* and ended at one */
  gboolean           alone;      /* no window or regions: no old text to go by */
  gboolean           edges_known; /* edge_line[] computed (quote_edge_line()) */
  gint64             edge_line[2];
  /* The folded prefix and suffix: score_hits() compiles them into pre
   * and suf (and the quote into rev) when there is a hit to score; a
   * quote that went, or that is searched where it is not, has none. */
  gunichar          *fpre;
  gint64             fpm;
  gunichar          *fsuf;
  gint64             fsm;
  gboolean           compiled;
} Query;

typedef struct {
  gint64   s, e;      /* folded [s, e] */
  gint64   d;
  double   ps, ss;    /* context similarity, -1 when the selector has none */
  double   ctx;
  double   total;
  gint64   dist;      /* from the expected position; G_MAXINT64 when unknown */
  gint64   raw_start, raw_end;
  gboolean exact;     /* the raw text there is the quote, verbatim */
  Hit      hit;       /* where the matcher found it */
} Candidate;

static double
context_similarity (Pattern *pt, gboolean has, const gunichar *t, gint64 avail, int step)
{
  gint64 d;

  if (!has)
    return -1.0;
  if (avail <= 0)
    return 0.0;
  d = pattern_anchored (pt, t, MIN (avail, pt->m + pt->m / 2 + 2), step, NULL);
  return 1.0 - (double) d / (double) pt->m;
}

static void
candidate_map_to_raw (Query *qr, Candidate *c)
{
  ClipperAnchorText *text = qr->text;
  gint64 rs = text->fold_to_raw[c->s];
  gint64 re = (gint64) text->fold_to_raw[c->e] + 1;

  /* Left-out characters at the quote's edges (quotation marks, a full stop)
   * are taken along when the text has the same ones there. */
  for (gint64 i = 0; i < qr->lead && rs > 0 && text->cps[rs - 1] == qr->q[qr->lead - 1 - i]; i++)
    rs--;
  for (gint64 i = 0; i < qr->trail && re < text->n && text->cps[re] == qr->q[qr->mq - qr->trail + i]; i++)
    re++;

  c->raw_start = rs;
  c->raw_end = re;
  c->exact = re - rs == qr->mq &&
             memcmp (text->cps + rs, qr->q, (gsize) qr->mq * sizeof (gunichar)) == 0;
}

/* Cost of the folded prefix ending right before folded index @s (its
 * edit distance, 0 without a prefix). */
static gint64
prefix_cost (Query *qr, gint64 s)
{
  if (!qr->has_pre)
    return 0;
  if (s <= 0)
    return qr->pre.m;
  return pattern_anchored (&qr->pre, qr->text->fold + s - 1, MIN (s, qr->pre.m + qr->pre.m / 2 + 2), -1, NULL);
}

static gint64
suffix_cost (Query *qr, gint64 e)
{
  gint64 avail = qr->text->nf - e - 1;

  if (!qr->has_suf)
    return 0;
  if (avail <= 0)
    return qr->suf.m;
  return pattern_anchored (&qr->suf, qr->text->fold + e + 1, MIN (avail, qr->suf.m + qr->suf.m / 2 + 2), 1, NULL);
}

/* The quote's best alignment ending at @e: distance, and length in *out_len. */
static gint64
quote_ending_at (Query *qr, gint64 e, gint64 *out_len)
{
  gint64 len = 0;
  gint64 d = pattern_anchored (&qr->rev, qr->text->fold + e, MIN (e + 1, qr->m + qr->k), -1, &len);

  *out_len = MAX (len, 1);
  return d;
}

/* Whether a match starting (ending) at folded index @s (@e) starts (ends)
 * at a word boundary: the raw character outside it is left out by folding
 * (a space, punctuation) or the text ends there. */
static gboolean
starts_word (Query *qr, gint64 s)
{
  gint64 rs = qr->text->fold_to_raw[s];
  return rs == 0 || fold_char (qr->text->cps[rs - 1]) == 0;
}

static gboolean
ends_word (Query *qr, gint64 e)
{
  gint64 re = qr->text->fold_to_raw[e];
  return re + 1 >= qr->text->n || fold_char (qr->text->cps[re + 1]) == 0;
}

/* Farthest candidate_settle() moves an end or a start. */
#define SETTLE_REACH 6

/* The search's distance at each column of fold[@keep, @to) (started at
 * @from <= @keep), into @out: the quote's best alignment ending there
 * among those starting at @from or later. */
static void
pattern_search_scores (Pattern *pt, const gunichar *fold, gint64 from, gint64 to, gint64 keep, gint64 *out)
{
  gint64 score = pt->m;

  pattern_reset (pt);
  for (gint64 j = from; j < to; j++)
    {
      score += pattern_step (pt, fold[j], 0);
      if (j >= keep)
        out[j - keep] = score;
    }
}

/* pattern_global()'s distance for each length from @keep to @len of the
 * text starting at t[0] and running on t[step], …, into @out: one pass
 * for all of them. */
static void
pattern_anchored_scores (Pattern *pt, const gunichar *t, gint64 len, int step, gint64 keep, gint64 *out)
{
  gint64 score = pt->m;

  pattern_reset (pt);
  for (gint64 j = 0; j < len; j++)
    {
      score += pattern_step (pt, t[j * step], 1);
      if (j + 1 >= keep)
        out[j + 1 - keep] = score;
    }
}

/* Settles the boundaries of a match ending near @end: the quote alone
 * cannot say whether a changed first or last letter belongs to it, the
 * context next to it can.  Each end (then each start) nearby is costed as
 * quote errors plus context errors (doubled), plus one when the
 * boundary is not at a word edge where the quote's was (a transposed
 * last letter costs the same either way, the word edge does not); ties go to
 * the length nearest the quote's, then to the matcher's own choice. */
static void
candidate_settle (Query *qr, Candidate *c, gint64 end)
{
  gint64 r = MIN (qr->k, SETTLE_REACH);
  gint64 best_cost = G_MAXINT64, best_len = 0, best_d = 0, best_e = end;
  gint64 lo = MAX (0, end - r), hi = MIN (qr->text->nf - 1, end + r);
  gint64 dist[2 * SETTLE_REACH + 1], cost_at[2 * SETTLE_REACH + 1], min_cost = G_MAXINT64;

  /* The quote's distance at every end at once, from one search started
   * far enough back for the longest alignment quote_ending_at() weighs
   * (m + k: a longer one costs more than k).  Its distances of k or
   * less are quote_ending_at()'s; only the ends of the least cost can
   * win, and only they need quote_ending_at() for their length (one
   * pass each, where each end took one before). */
  if (lo <= hi)
    pattern_search_scores (&qr->fwd, qr->text->fold, MAX (0, lo - (qr->m + qr->k) + 1), hi + 1, lo, dist);
  for (gint64 e = lo; e <= hi; e++)
    {
      cost_at[e - lo] = G_MAXINT64;
      if (dist[e - lo] > qr->k)
        continue;
      cost_at[e - lo] = 2 * (dist[e - lo] + suffix_cost (qr, e)) + (ends_word (qr, e) != qr->word_end ? 1 : 0);
      min_cost = MIN (min_cost, cost_at[e - lo]);
    }
  for (gint64 e = lo; e <= hi && min_cost < G_MAXINT64; e++)
    {
      gint64 len;
      gint64 d;
      gint64 cost = cost_at[e - lo];

      if (cost != min_cost)
        continue;
      d = quote_ending_at (qr, e, &len);
      if (d > qr->k)
        continue;
      if (cost < best_cost ||
          (cost == best_cost && ABS (len - qr->m) < ABS (best_len - qr->m)) ||
          (cost == best_cost && ABS (len - qr->m) == ABS (best_len - qr->m) && ABS (e - end) < ABS (best_e - end)))
        {
          best_cost = cost;
          best_len = len;
          best_d = d;
          best_e = e;
        }
    }
  if (best_cost == G_MAXINT64)
    {
      best_d = quote_ending_at (qr, end, &best_len);
      best_e = end;
    }
  c->e = best_e;
  c->d = best_d;
  c->s = best_e - best_len + 1;

  if (qr->has_pre && r > 0)
    {
      /* Now the start, with the end fixed. */
      gint64 base = c->s;
      gint64 best_s = base, best_q = c->d;
      gint64 s_lo = MAX (0, base - r), s_hi = MIN (c->e, base + r);
      gint64 dq_at[2 * SETTLE_REACH + 1];

      /* The quote's distance to [s, c->e] for every start at once: the
       * quote read backwards from c->e, one length a start. */
      pattern_anchored_scores (&qr->rev, qr->text->fold + c->e, c->e - s_lo + 1, -1, c->e - s_hi + 1, dq_at);
      best_cost = 2 * (c->d + prefix_cost (qr, base)) + (starts_word (qr, base) != qr->word_start ? 1 : 0);
      for (gint64 s = s_lo; s <= s_hi; s++)
        {
          gint64 dq, cost;

          if (s == base)
            continue;
          dq = dq_at[s_hi - s];
          if (dq > qr->k)
            continue;
          cost = 2 * (dq + prefix_cost (qr, s)) + (starts_word (qr, s) != qr->word_start ? 1 : 0);
          if (cost < best_cost ||
              (cost == best_cost && ABS (c->e - s + 1 - qr->m) < ABS (c->e - best_s + 1 - qr->m)))
            {
              best_cost = cost;
              best_s = s;
              best_q = dq;
            }
        }
      c->s = best_s;
      c->d = best_q;
    }
}

/* Whether a line break separates folded characters @j - 1 and @j. */
static gboolean
paragraph_break_before (Query *qr, gint64 j)
{
  ClipperAnchorText *text = qr->text;

  if (j <= 0 || j >= text->nf)
    return FALSE;
  for (gint64 r = (gint64) text->fold_to_raw[j - 1] + 1; r < text->fold_to_raw[j]; r++)
    {
      gunichar c = text->cps[r];
      if (c == '\n' || c == '\r' || c == 0x2029)
        return TRUE;
    }
  return FALSE;
}

/* Whether an edge piece of a match, @text_len characters of text with
 * @matches matching characters, standing for @quote_len characters of the
 * quote (all of the quote on its side of the break, lost ones included),
 * is mostly (70%) the quote's. */
static gboolean
edge_mostly_matches (gint64 matches, gint64 text_len, gint64 quote_len)
{
  return matches * 10 >= MAX (text_len, quote_len) * 7;
}

/* Largest alignment matrix worth a traceback (cells). */
#define MAX_TRIM_CELLS (4 * 1024 * 1024)

/* Edit distance fills a quote's lost first or last words with whatever
 * text is now there (substituting costs no more than deleting).  Trim
 * such edges: align the quote with [c->s, c->e] keeping the whole matrix,
 * walk the alignment scoring +2 a match, -1 a text character the quote
 * lacks (words inserted into the passage are still the passage), -2 a
 * substitution (a transposed pair in a word of four still pays for
 * itself) and -3 a lost quote character, and keep the
 * stretch between word edges with the highest score (the longest among
 * equals).  An edge word with a typo or two stays: its matching letters
 * pay for its errors; a word that merely shares some letters goes. */
/* The thread's buffer for candidate_trim()'s columns: freed after each
 * trim, a large one (as the whole matrix once often was) went back to
 * the kernel, and the next trim faulted its pages in again, cleared.
 * Kept up to TRIM_BUFFER_KEEP bytes. */
typedef struct {
  gpointer buf;
  gsize    size;
} TrimBuffer;

#define TRIM_BUFFER_KEEP (1024 * 1024)

static void
trim_buffer_free (gpointer data)
{
  TrimBuffer *tb = data;

  g_free (tb->buf);
  g_free (tb);
}

static GPrivate trim_buffer_key = G_PRIVATE_INIT (trim_buffer_free);

/* At least @bytes, contents undefined, until trim_buffer_done(). */
static gpointer
trim_buffer_take (gsize bytes)
{
  TrimBuffer *tb = g_private_get (&trim_buffer_key);

  if (tb == NULL)
    {
      tb = g_new0 (TrimBuffer, 1);
      g_private_set (&trim_buffer_key, tb);
    }
  if (tb->size < bytes)
    {
      g_free (tb->buf);
      tb->buf = g_malloc (bytes);
      tb->size = bytes;
    }
  return tb->buf;
}

/* Frees the buffer when it is too large to keep. */
static void
trim_buffer_done (void)
{
  TrimBuffer *tb = g_private_get (&trim_buffer_key);

  if (tb != NULL && tb->size > TRIM_BUFFER_KEEP)
    {
      g_clear_pointer (&tb->buf, g_free);
      tb->size = 0;
    }
}

/* The quote's distance to the first @j text characters of a trim,
 * its first @i characters against them: @j (row 0) plus the vertical
 * deltas of column @j down to row @i, kept by candidate_trim(). */
static inline gint64
trim_at (const guint64 *pv, const guint64 *mv, guint w, gint64 i, gint64 j)
{
  const guint64 *p = pv + (gsize) j * w, *n = mv + (gsize) j * w;
  gint64 v = j;
  gint64 b = 0;

  for (; (b + 1) * 64 <= i; b++)
    v += __builtin_popcountll (p[b]) - __builtin_popcountll (n[b]);
  if (i % 64 != 0)
    {
      guint64 mask = (G_GUINT64_CONSTANT (1) << (i % 64)) - 1;

      v += __builtin_popcountll (p[b] & mask) - __builtin_popcountll (n[b] & mask);
    }
  return v;
}

static void
candidate_trim (Query *qr, Candidate *c)
{
  const gunichar *t = qr->text->fold + c->s;
  gint64 L = c->e - c->s + 1, m = qr->m;
  guint w = qr->fwd.w;
  guint64 *PV = NULL;  /* each column's vertical deltas, w blocks */
  guint64 *MV = NULL;
  gint32 *P = NULL;
  gint32 *M = NULL;  /* matches up to text position j */
  gint32 *X = NULL;  /* errors up to text position j */
  gint32 *Q = NULL;  /* quote characters aligned up to text position j */
  gint64 i, j, score, best_end = L, best_start = 0;
  gint32 best;

  if (L < 2 || (m + 1) * (L + 1) > MAX_TRIM_CELLS || m + L >= G_MAXUINT16)
    return;

  /* The matrix's columns as the matcher's vertical deltas, then P, M, X
   * and Q (zeroed), in the thread's buffer: the columns cost a
   * sixty-fourth of the cells, and give the same values (trim_at()). */
  PV = trim_buffer_take (sizeof (guint64) * 2 * (gsize) (L + 1) * w + sizeof (gint32) * 4 * (gsize) (L + 1));
  MV = PV + (gsize) (L + 1) * w;
  P = (gint32 *) (MV + (gsize) (L + 1) * w);
  memset (P, 0, sizeof (gint32) * 4 * (gsize) (L + 1));
  M = P + (L + 1);
  X = M + (L + 1);
  Q = X + (L + 1);
  pattern_reset (&qr->fwd);
  memcpy (PV, qr->fwd.pv, sizeof (guint64) * w);
  memcpy (MV, qr->fwd.mv, sizeof (guint64) * w);
  for (j = 1; j <= L; j++)
    {
      pattern_step (&qr->fwd, t[j - 1], 1);
      memcpy (PV + (gsize) j * w, qr->fwd.pv, sizeof (guint64) * w);
      memcpy (MV + (gsize) j * w, qr->fwd.mv, sizeof (guint64) * w);
    }
#define AT(i, j) trim_at (PV, MV, w, (i), (j))

  /* Walk back from (m, L) collecting the operations, then forward again:
   * P[j] is the alignment's running score once text position j is
   * reached (and after any quote characters deleted right after it). */
  {
    /* 0 match, 1 substitution, 2 text character not in the quote,
     * 3 quote character not in the text */
    g_autofree guint8 *ops = g_new (guint8, m + L + 1);
    gint64 n_ops = 0;

    i = m, j = L;
    while (i > 0 || j > 0)
      {
        if (i > 0 && j > 0 && AT (i, j) == AT (i - 1, j - 1) + (qr->fq[i - 1] == t[j - 1] ? 0 : 1))
          {
            ops[n_ops++] = qr->fq[i - 1] == t[j - 1] ? 0 : 1;
            i--, j--;
          }
        else if (j > 0 && AT (i, j) == AT (i, j - 1) + 1)
          {
            ops[n_ops++] = 2;
            j--;
          }
        else
          {
            ops[n_ops++] = 3;
            i--;
          }
      }
    score = 0;
    j = 0;
    for (gint64 o = n_ops - 1; o >= 0; o--)
      {
        score += ops[o] == 0 ? 2 : ops[o] == 2 ? -1 : ops[o] == 1 ? -2 : -3;
        if (ops[o] != 3)
          j++;
        P[j] = (gint32) score;
        if (ops[o] == 0)
          M[j]++;
        else
          X[j]++;
        if (ops[o] != 2)
          Q[j]++;
      }
    for (j = 1; j <= L; j++)
      M[j] += M[j - 1], X[j] += X[j - 1], Q[j] += Q[j - 1];
  }
#undef AT

  best = G_MININT32;
  for (j = 1; j <= L; j++)
    if ((j == L || ends_word (qr, c->s + j - 1)) && P[j] >= best)
      best = P[j], best_end = j;
  best = G_MAXINT32;
  for (j = 0; j < best_end; j++)
    if ((j == 0 || starts_word (qr, c->s + j)) && P[j] < best)
      best = P[j], best_start = j;

  /* Paragraphs move and go as a whole: a piece of one at an edge of the
   * match is kept only if it is nearly intact.  Otherwise it is another
   * paragraph that now stands where the quote's went on. */
  for (gboolean again = TRUE; again;)
    {
      gint64 first = -1, last = -1;

      again = FALSE;
      for (j = best_start + 1; j < best_end; j++)
        if (paragraph_break_before (qr, c->s + j))
          {
            if (first < 0)
              first = j;
            last = j;
          }
      if (last < 0)
        break;
      if (!edge_mostly_matches (M[best_end] - M[last], best_end - last, m - Q[last]))
        best_end = last, again = TRUE;
      else if (!edge_mostly_matches (M[first] - M[best_start], first - best_start, Q[first]))
        best_start = first, again = TRUE;
    }

  /* A whole paragraph inside the match that the quote has next to nothing
   * of is another paragraph that moved in between the quote's: the match
   * carries foreign text, and is refused (the quote's paragraphs may
   * still be placed one by one). */
  {
    gint64 prev = -1;

    for (j = best_start + 1; j <= best_end; j++)
      {
        if (j < best_end && !paragraph_break_before (qr, c->s + j))
          continue;
        if (prev >= 0 && j - prev >= 12 && (M[j] - M[prev]) * 5 <= j - prev)
          {
            c->d = qr->k + 1;
            trim_buffer_done ();
            return;
          }
        prev = j;
      }
  }

  trim_buffer_done ();
  if (best_start == 0 && best_end == L)
    return;
  c->e = c->s + best_end - 1;
  c->s = c->s + best_start;
  c->d = pattern_global (&qr->fwd, qr->text->fold + c->s, c->e - c->s + 1);
}

/* Most folded characters a line at an edge of the quote may have and
 * still be a stray: the first letters of the next paragraph (or the last
 * of the previous one) that the selection ran into. */
#define STRAY_LINE 3

/* Folded characters of the quote after its last line break (@at_end) or
 * before its first, or -1 when it has none (or more than STRAY_LINE
 * before it). */
static gint64
quote_edge_line (Query *qr, gboolean at_end)
{
  if (!qr->edges_known)
    {
      /* Once per quote: every refined candidate asks. */
      for (int side = 0; side < 2; side++)
        {
          gint64 n = 0;

          qr->edge_line[side] = -1;
          for (gint64 i = 0; i < qr->mq && n <= STRAY_LINE; i++)
            {
              gunichar ch = qr->q[side ? qr->mq - 1 - i : i];

              if (is_line_break (ch))
                {
                  qr->edge_line[side] = n;
                  break;
                }
              n += fold_char (ch) != 0 ? 1 : 0;
            }
        }
      qr->edges_known = TRUE;
    }
  return qr->edge_line[at_end ? 1 : 0];
}

/* A quote that ends with the first letter or two of the next paragraph
 * (or starts with the last of the previous one) matches any paragraph
 * that starts (or ends) with them: a paragraph that moved in where the
 * quote's went takes them by chance, and the match then holds a line
 * break and a word of foreign text.  Letters that few witness nothing
 * alone: such an edge line is kept only when the context beyond it agrees
 * (0.7, well above unrelated prose); otherwise the match stops at the
 * line break. */
static void
candidate_drop_stray_lines (Query *qr, Candidate *c)
{
  ClipperAnchorText *text = qr->text;
  gint64 n, j, s = c->s, e = c->e;

  n = quote_edge_line (qr, TRUE);
  if (n > 0 && n <= STRAY_LINE)
    for (j = e; j > s && j > e - STRAY_LINE; j--)
      if (paragraph_break_before (qr, j))
        {
          if (!qr->has_suf ||
              context_similarity (&qr->suf, TRUE, e + 1 < text->nf ? text->fold + e + 1 : NULL,
                                  text->nf - e - 1, 1) < 0.7)
            e = j - 1;
          break;
        }
  n = quote_edge_line (qr, FALSE);
  if (n > 0 && n <= STRAY_LINE)
    for (j = s + 1; j <= e && j <= s + STRAY_LINE; j++)
      if (paragraph_break_before (qr, j))
        {
          if (!qr->has_pre ||
              context_similarity (&qr->pre, TRUE, s > 0 ? text->fold + s - 1 : NULL, s, -1) < 0.7)
            s = j;
          break;
        }
  if (s == c->s && e == c->e)
    return;
  c->s = s;
  c->e = e;
  c->d = pattern_global (&qr->fwd, text->fold + s, e - s + 1);
}

/* Finds the boundaries for an end, and scores the candidate. */
static void
candidate_evaluate (Query *qr, Candidate *c, gint64 end, gboolean refine)
{
  ClipperAnchorText *text = qr->text;
  double pos, nctx = 0, sctx = 0;

  if (refine && quote_ending_at (qr, end, &(gint64) { 0 }) > 0)
    {
      candidate_settle (qr, c, end);
      /* Two errors cannot hide a stray word at an edge. */
      if (c->d > 2)
        candidate_trim (qr, c);
      /* (The alignment's window and regions settle edge lines with the
       * old text.) */
      if (qr->alone)
        candidate_drop_stray_lines (qr, c);
    }
  else
    {
      /* A first, cheap look (and all there is to do for an intact quote):
       * the matcher's own start for this end. */
      gint64 len;

      c->e = end;
      c->d = quote_ending_at (qr, end, &len);
      c->s = end - len + 1;
    }

  /* Pointers are formed only where there is text, even when unused. */
  c->ps = context_similarity (&qr->pre, qr->has_pre, c->s > 0 ? text->fold + c->s - 1 : NULL, c->s, -1);
  c->ss = context_similarity (&qr->suf, qr->has_suf, c->e + 1 < text->nf ? text->fold + c->e + 1 : NULL,
                              text->nf - c->e - 1, 1);
  if (c->ps >= 0)
    sctx += c->ps, nctx++;
  if (c->ss >= 0)
    sctx += c->ss, nctx++;
  c->ctx = nctx > 0 ? sctx / nctx : 0.5;

  if (qr->expected >= 0)
    {
      c->dist = ABS (c->s - qr->expected);
      pos = 1.0 - MIN (1.0, (double) c->dist / (double) MAX (text->nf, 1));
    }
  else
    {
      c->dist = G_MAXINT64;
      pos = 0.5;
    }

  c->total = (W_QUOTE * (1.0 - (double) c->d / (double) qr->m) +
              W_PREFIX * (c->ps >= 0 ? c->ps : 0.5) +
              W_SUFFIX * (c->ss >= 0 ? c->ss : 0.5) +
              W_POS * pos) / (W_QUOTE + W_PREFIX + W_SUFFIX + W_POS);

  candidate_map_to_raw (qr, c);
}

static int
compare_hits (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Hit *ha = a, *hb = b;
  gint64 expected = *(const gint64 *) user_data;
  gint64 da, db;

  if (ha->d != hb->d)
    return ha->d < hb->d ? -1 : 1;
  da = expected >= 0 ? ABS (ha->end - expected) : ha->end;
  db = expected >= 0 ? ABS (hb->end - expected) : hb->end;
  return da < db ? -1 : da > db ? 1 : 0;
}

static int
compare_candidates (const void *a, const void *b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->total != cb->total)
    return ca->total > cb->total ? -1 : 1;
  return ca->dist < cb->dist ? -1 : ca->dist > cb->dist ? 1 : 0;
}

/* Scores the hit's candidate; with @refine, settles and trims its
 * boundaries first (costly: done for the few that can win). */
static void
score_hit (Query *qr, const Hit *h, Candidate *c, gboolean refine)
{
  memset (c, 0, sizeof (Candidate));
  candidate_evaluate (qr, c, h->end, refine);
  if (refine && h->end2 != h->end)
    {
      /* Equal distances along a valley (a changed last character reads
       * as a substitution or a deletion): keep the length nearer the
       * quote's. */
      Candidate c2 = { 0 };

      candidate_evaluate (qr, &c2, h->end2, TRUE);
      if (c2.d <= c->d && ABS (c2.e - c2.s + 1 - qr->m) < ABS (c->e - c->s + 1 - qr->m))
        *c = c2;
    }
  c->hit = *h;
}

/* How many of the best first-look candidates get refined. */
#define N_REFINED 2

/* Scores the hits (the most promising MAX_SCORED) into @cands, best first;
 * returns how many. */
static guint
score_hits (Query *qr, GArray *hits, Candidate *cands)
{
  guint n = 0;

  if (hits->len > 0 && !qr->compiled)
    {
      clipper_anchor_pattern_init (&qr->rev, qr->fq, qr->m, TRUE);
      if (qr->has_pre)
        clipper_anchor_pattern_init (&qr->pre, qr->fpre, qr->fpm, TRUE);
      if (qr->has_suf)
        clipper_anchor_pattern_init (&qr->suf, qr->fsuf, qr->fsm, FALSE);
      qr->compiled = TRUE;
    }
  g_array_sort_with_data (hits, compare_hits, &qr->expected);
  for (guint i = 0; i < hits->len && n < MAX_SCORED; i++)
    score_hit (qr, &g_array_index (hits, Hit, i), &cands[n++], FALSE);
  qsort (cands, n, sizeof (Candidate), compare_candidates);

  for (guint i = 0; i < MIN (n, N_REFINED); i++)
    {
      Hit h = cands[i].hit;
      score_hit (qr, &h, &cands[i], TRUE);
    }
  /* Two ends of one occurrence can settle on the same span. */
  for (guint i = 1; i < MIN (n, N_REFINED); i++)
    for (guint j = 0; j < i; j++)
      if (cands[j].s == cands[i].s && cands[j].e == cands[i].e)
        cands[i].total = -1.0;
  qsort (cands, n, sizeof (Candidate), compare_candidates);
  while (n > 0 && cands[n - 1].total < 0)
    n--;
  return n;
}

/* Whether @best (with runner-up @second, or NULL) is sure enough to place
 * the highlight.  The rules favour orphans over wrong places. */
/* In a window the alignment chose, a long quote within k errors is enough;
 * short ones still need their context (a few letters match anywhere).  A
 * rival elsewhere in the window with about the same score leaves it
 * undecided. */
static gboolean candidate_is_confident (Query *qr, const Candidate *best, const Candidate *second);

static gboolean
window_confident (Query *qr, const Candidate *cands, guint n, gboolean tight)
{
  const Candidate *best = &cands[0];

  if (best->d > qr->k)
    return FALSE;
  /* A shorter quote needs its context, unless the window is tight around
   * it (the alignment pinned the place to within a few words). */
  if (qr->m < WINDOW_MIN_QUOTE && !(tight && qr->m >= WINDOW_TIGHT_QUOTE))
    return candidate_is_confident (qr, best, n > 1 ? &cands[1] : NULL);
  for (guint i = 1; i < n; i++)
    {
      const Candidate *c = &cands[i];
      gboolean same_place = c->s <= best->e && c->e >= best->s;

      if (!same_place && best->total - c->total < SCORE_MARGIN)
        return FALSE;
    }
  return TRUE;
}

/* Set when a rival copy left a search undecided (see
 * candidate_is_confident()), for clipper_anchor_locate_with_shift(): the
 * quote's pieces would read at both copies as well. */
static GPrivate rival_copy_key;

/* Whether @c reads as the highlight on its own: within k errors, and the
 * quote long and nearly intact or its context agreeing (as
 * candidate_is_confident() asks of the best). */
static gboolean
candidate_reads_as_quote (Query *qr, const Candidate *c)
{
  double qs = 1.0 - (double) c->d / (double) qr->m;

  if (c->d > qr->k)
    return FALSE;
  return (c->d == 0 && qr->m >= 24) || (qs >= 0.9 && qr->m >= 32) || c->ctx >= CONTEXT_AGREES ||
         (qr->m >= 16 && MAX (c->ps, c->ss) >= SIDE_INTACT);
}

/* Whether @best is the quote verbatim with its whole context (folded)
 * on both sides, and @second reads as the quote only by its words: not
 * verbatim, and its context agrees on neither side.  The same words in
 * another sentence ("stop buying crap you don't need, you'll" for "…
 * need, you "), not a copy of the passage: a copy edited differently
 * keeps some of its context.  (A verbatim second copy stays a tie: on the
 * synthetic pages it was as often the highlight's own, its context
 * edited, as not.) */
static gboolean
words_alone (const Candidate *best, const Candidate *second)
{
  return best->exact && best->d == 0 && best->ps >= 1.0 && best->ss >= 1.0 && !second->exact &&
         second->ctx < CONTEXT_AGREES && MAX (second->ps, second->ss) < SIDE_INTACT;
}

/* Without the old text, a runner-up elsewhere that reads as the
 * highlight just as well is another copy of a repeated passage, edited
 * differently: the score between the two is the edits' noise, not
 * evidence.  Only the stored position can choose, as for a tie. */
static gboolean
rival_copy (Query *qr, const Candidate *best, const Candidate *second)
{
  if (!qr->alone || second == NULL || (second->s <= best->e && second->e >= best->s) ||
      !candidate_reads_as_quote (qr, second) || words_alone (best, second) ||
      (best->dist != G_MAXINT64 && qr->trusted && best->dist * 4 <= second->dist))
    return FALSE;
  g_private_set (&rival_copy_key, GINT_TO_POINTER (1));
  return TRUE;
}

static gboolean
candidate_is_confident (Query *qr, const Candidate *best, const Candidate *second)
{
  double qs = 1.0 - (double) best->d / (double) qr->m;
  gboolean strong_quote = (best->d == 0 && qr->m >= 24) || (qs >= 0.9 && qr->m >= 32);

  if (best->d > qr->k)
    return FALSE;
  /* The quote alone is weak evidence unless long and nearly intact; then
   * its surroundings must agree (both sides fairly, or one side nearly
   * verbatim).  Unrelated text already scores 0.4–0.5
   * (edit distance between any two stretches of prose is about half their
   * length), so agreement means well above that. */
  if (!strong_quote && best->ctx < CONTEXT_AGREES && (qr->m < 16 || MAX (best->ps, best->ss) < SIDE_INTACT))
    return FALSE;
  /* A short quote with errors could be anything: ask for more. */
  if (qr->m < 12 && best->d > 0 && best->ctx < 0.8)
    return FALSE;

  if (second != NULL && best->total - second->total < SCORE_MARGIN)
    {
      /* Repeats that read the same all around (a repeated paragraph):
       * only the old position can choose, only when it clearly does, and
       * only when it is the stored one, not one moved by how far the
       * previous highlight moved (which may itself have been a repeat). */
      if (best->dist == G_MAXINT64 || !qr->trusted || best->d != second->d ||
          ABS (best->ctx - second->ctx) > 0.05 || best->dist * 4 > second->dist)
        return FALSE;
    }
  if (rival_copy (qr, best, second))
    return FALSE;
  return TRUE;
}

static void
result_from_candidate (ClipperAnchorResult *result, const Candidate *c, guint n_exact)
{
  result->kind = c->exact ? CLIPPER_ANCHOR_EXACT_QUOTE : CLIPPER_ANCHOR_FUZZY;
  result->start = c->raw_start;
  result->end = c->raw_end;
  result->score = c->exact ? 1.0 : c->total;
  result->n_exact = n_exact;
}

static guint
count_exact (const Candidate *cands, guint n)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    count += cands[i].exact ? 1 : 0;
  return count;
}

static gboolean
text_has_at (ClipperAnchorText *text, gint64 pos, const gunichar *q, gint64 m)
{
  if (pos < 0 || pos + m > text->n)
    return FALSE;
  return memcmp (text->cps + pos, q, (gsize) m * sizeof (gunichar)) == 0;
}

/* A quote made only of left-out characters ("…", "—"): only a verbatim,
 * unique occurrence can place it. */
static void
locate_unfoldable (ClipperAnchorText *text, const gunichar *q, gint64 mq, ClipperAnchorResult *result)
{
  gint64 found = -1;

  for (gint64 pos = 0; pos + mq <= text->n; pos++)
    {
      if (text->cps[pos] != q[0] || !text_has_at (text, pos, q, mq))
        continue;
      result->n_exact++;
      found = pos;
    }
  if (result->n_exact == 1)
    {
      result->kind = CLIPPER_ANCHOR_EXACT_QUOTE;
      result->start = found;
      result->end = found + mq;
      result->score = 1.0;
    }
}

/* Whether @q occurs again within a window of @pos. */
static gboolean
repeated_near (ClipperAnchorText *text, const gunichar *q, gint64 mq, gint64 pos)
{
  gint64 window = WINDOW_BASE + 4 * mq;
  gint64 from = MAX (0, pos - window);
  gint64 to = MIN (text->n - mq, pos + window);

  for (gint64 p = from; p <= to; p++)
    if (p != pos && text->cps[p] == q[0] && text_has_at (text, p, q, mq))
      return TRUE;
  return FALSE;
}

/* Whether @ctx (UTF-8, may be NULL) is exactly the text before (@before)
 * or after position @pos. */
static gboolean
context_verbatim (ClipperAnchorText *text, const char *ctx, gint64 pos, gboolean before)
{
  gint64 i = 0;

  if (ctx == NULL || *ctx == '\0')
    return TRUE;
  if (before)
    {
      const char *p = ctx + strlen (ctx);

      while (p > ctx)
        {
          p = g_utf8_prev_char (p);
          i++;
          if (pos - i < 0 || text->cps[pos - i] != g_utf8_get_char (p))
            return FALSE;
        }
    }
  else
    {
      for (const char *p = ctx; *p != '\0'; p = g_utf8_next_char (p), i++)
        if (pos + i >= text->n || text->cps[pos + i] != g_utf8_get_char (p))
          return FALSE;
    }
  return TRUE;
}

/* Step 1b of locate_whole(). */
static gboolean
locate_verbatim (ClipperAnchorText         *text,
                 const ClipperTextSelector *selector,
                 const gunichar            *q,
                 gint64                     mq,
                 gint64                     expected,
                 ClipperAnchorResult       *result)
{
  gint64 window = WINDOW_BASE + 4 * mq;
  gint64 from = MAX (0, expected - window);
  gint64 to = MIN (text->n - mq, expected + window);
  gint64 found = -1;
  guint n_found = 0;

  for (gint64 pos = from; pos <= to; pos++)
    {
      if (text->cps[pos] != q[0] || !text_has_at (text, pos, q, mq))
        continue;
      /* A repeat nearby, even with other context, leaves this to the full
       * comparison. */
      if (++n_found > 1)
        return FALSE;
      found = pos;
    }
  if (n_found != 1 ||
      !context_verbatim (text, selector->prefix, found, TRUE) ||
      !context_verbatim (text, selector->suffix, found + mq, FALSE))
    return FALSE;

  result->kind = CLIPPER_ANCHOR_EXACT_QUOTE;
  result->start = found;
  result->end = found + mq;
  result->score = 1.0;
  result->n_exact = 1;
  return TRUE;
}

/* The distinct places among @hits (folded ends of matches, in text
 * order): ends closer than half a quote are one place. */
void
clipper_anchor_hit_places (GArray *hits, gint64 m, GArray *places)
{
  gint64 last = G_MININT64 / 2;

  for (guint h = 0; h < hits->len; h++)
    {
      gint64 end = g_array_index (hits, Hit, h).end;

      if (end - last > m / 2)
        g_array_append_val (places, end);
      last = end;
    }
}

/* Whether copies of a quote kept their order: between each two copies that
 * follow each other in the new text (folded ends @new_places, of a quote
 * of @m folded characters) stands new text paired with old text between
 * the same two copies in the old text (@old_places, folded ends in the old
 * window).  Copies separated by nothing the alignment could pair (a
 * caption repeated around a gallery's "1 / 5", paragraphs repeated
 * verbatim) may have moved past each other unseen: counting them then
 * tells nothing. */
/* The raw index of the @nth folded character of @cps [@from, @to), or @to. */
static gint64
window_fold_to_raw (const gunichar *cps, gint64 from, gint64 to, gint64 nth)
{
  for (gint64 i = from; i < to; i++)
    if (fold_char (cps[i]) != 0 && nth-- == 0)
      return i;
  return to;
}

/* Whether @a [@as, @ae) and @b [@bs, @be) fold to the same, non-empty text.
 * (Folded side by side as they are compared, without copies: the text
 * between two copies of a quote runs to thousands of characters, and
 * most differ early.) */
static gboolean
same_folded (const gunichar *a, gint64 as, gint64 ae, const gunichar *b, gint64 bs, gint64 be)
{
  gint64 i = as, j = bs;
  gboolean any = FALSE;

  if (ae <= as || be <= bs)
    return FALSE;
  /* Alike code point for code point (the text between verbatim copies
   * mostly is, and memcmp() finds it a vector at a time): they fold
   * alike, and the same when anything of them folds. */
  if (ae - as == be - bs && memcmp (a + as, b + bs, (gsize) (ae - as) * sizeof (gunichar)) == 0)
    {
      for (; i < ae; i++)
        if (fold_char (a[i]) != 0)
          return TRUE;
      return FALSE;
    }
  for (;;)
    {
      gunichar fa = 0, fb = 0;

      while (i < ae && (fa = fold_char (a[i])) == 0)
        i++;
      while (j < be && (fb = fold_char (b[j])) == 0)
        j++;
      /* Both ended together: the same length, and every character alike. */
      if (i >= ae || j >= be)
        return i >= ae && j >= be && any;
      if (fa != fb)
        return FALSE;
      any = TRUE;
      i++;
      j++;
    }
}

/* window_fold_to_raw() of the old window of @ow, looked up in the old
 * text's folded view when it has one (@f0: how many folded characters
 * come before the window) rather than counted from the window's start
 * for every place: the same index, as the window's folded characters
 * are a slice of the text's. */
static gint64
old_window_fold_to_raw (const OldWindow *ow, gint64 f0, gint64 nth)
{
  const ClipperAnchorText *old = ow->old;

  if (!old->folded)
    return window_fold_to_raw (old->cps, ow->from, ow->to, nth);
  return f0 + nth < old->nf && (gint64) old->fold_to_raw[f0 + nth] < ow->to ? (gint64) old->fold_to_raw[f0 + nth] : ow->to;
}

/* copies_kept_order() of the copies @k and @k + 1 alone; @f0 is the old
 * window's first folded index in the old text (0 when it is not folded). */
static gboolean
copy_pair_kept (ClipperAnchorText *text, const OldWindow *ow, gint64 f0, const GArray *new_places,
                const GArray *old_places, guint k, gint64 m)
{
  gint64 ns = text->fold_to_raw[g_array_index (new_places, gint64, k)] + 1;
  gint64 ne = text->fold_to_raw[MAX (0, g_array_index (new_places, gint64, k + 1) - m + 1)];
  gint64 os = old_window_fold_to_raw (ow, f0, g_array_index (old_places, gint64, k)) + 1;
  gint64 oe = old_window_fold_to_raw (ow, f0, MAX (0, g_array_index (old_places, gint64, k + 1) - m + 1));

  for (gint64 j = ns; j < ne; j++)
    if (ow->n2o[j] >= os && ow->n2o[j] < oe)
      return TRUE;
  /* Or the same words stand between them in both texts. */
  return same_folded (text->cps, ns, ne, ow->old->cps, os, oe);
}

static gboolean
copies_kept_order (ClipperAnchorText *text, const OldWindow *ow, const GArray *new_places,
                   const GArray *old_places, gint64 m)
{
  gint64 f0;

  if (ow->n2o == NULL || new_places->len != old_places->len)
    return FALSE;
  f0 = ow->old->folded ? clipper_anchor_raw_to_fold (ow->old, ow->from) : 0;
  for (guint k = 0; k + 1 < new_places->len; k++)
    if (!copy_pair_kept (text, ow, f0, new_places, old_places, k, m))
      return FALSE;
  return TRUE;
}

/* Columns each window's search runs between two looks at the copies found
 * (windows_search()). */
#define WINDOW_CHUNK 64

/* The places (clipper_anchor_hit_places()) of the hits of @hits from the
 * @*seen-th on, less @base, after those in @places; @last as there.  A
 * copy is a place as soon as its first hit is found. */
static void
places_add (GArray *hits, guint *seen, gint64 base, gint64 m, gint64 *last, GArray *places)
{
  for (; *seen < hits->len; (*seen)++)
    {
      gint64 end = g_array_index (hits, Hit, *seen).end - base;

      if (end - *last > m / 2)
        g_array_append_val (places, end);
      *last = end;
    }
}

/* The searches of the new window, fold[@from, @to) of @text, into @hits,
 * and of the old window, fold[@fo, @fo + @on) of @ow's old text, into
 * @old_hits, for a quote of up to four blocks (search_state_fits()) that
 * the old text's q-grams do not say it holds once.  The old window is
 * searched only when the new one holds a match, as when it was searched
 * after the new one.
 *
 * The two windows read the same up to the first edit in either (a third
 * of the old window's characters on the synthetic pages at light edits),
 * and a search's state after a column depends on the text up to it alone:
 * that part is searched once.  From there on both go forward WINDOW_CHUNK
 * columns at a time, the old never past the new, and stop, returning
 * TRUE, as soon as the copies found make the highlight an orphan whatever
 * the rest of the windows hold: two copies (the first @k + 1 of each
 * window) that did not keep their order (copy_pair_kept()), or, the new
 * window searched, more copies in the old.  With two copies or more in the
 * old window the quote is repeated, and then only copies_kept_order() over
 * all of them, as many in both windows, keeps a match; the copies found
 * first are the first of all, so that test is already lost.  (On the
 * synthetic pages at light edits, 52 of the 55 highlights that stand among
 * copies of themselves and end orphans stop early.)  Else FALSE, with
 * the hits of each window as clipper_anchor_pattern_search() gives them;
 * @old_hits are the old text's folded indices. */
static gboolean
windows_search (Query *qr, ClipperAnchorText *text, const OldWindow *ow, gint64 from, gint64 to, gint64 fo,
                gint64 on, GArray *hits, gboolean *overflow, GArray *old_hits, gboolean *old_overflow)
{
  const gunichar *ofold = ow->old->fold;
  g_autoptr (GArray) new_places = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) old_places = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 same = 0, jn, jo, new_last = G_MININT64 / 2, old_last = G_MININT64 / 2;
  guint new_seen = 0, old_seen = 0, n_shared, checked = 0;
  gboolean new_done, old_started = FALSE, old_done = FALSE;
  SearchState nst, ost;

  while (same < MIN (on, to - from) && ofold[fo + same] == text->fold[from + same])
    same++;
  search_state_init (&qr->fwd, qr->k, &nst);
  if (!search_state_run (&qr->fwd, &nst, text->fold, from, from + same, qr->k, hits, overflow))
    return FALSE;
  /* The old window's first @same columns are the new window's, moved. */
  ost = nst;
  ost.cur.end += fo - from;
  ost.cur.end2 += fo - from;
  n_shared = hits->len;
  jn = from + same;
  jo = fo + same;
  new_done = jn >= to;
  if (new_done && nst.open)
    g_array_append_val (hits, nst.cur);

  for (;;)
    {
      if (!new_done)
        {
          gint64 next = MIN (to, jn + WINDOW_CHUNK);

          if (!search_state_run (&qr->fwd, &nst, text->fold, jn, next, qr->k, hits, overflow))
            return FALSE;
          jn = next;
          if ((new_done = jn >= to) && nst.open)
            g_array_append_val (hits, nst.cur);
        }
      places_add (hits, &new_seen, 0, qr->m, &new_last, new_places);
      if (!old_started && hits->len > 0)
        {
          old_started = TRUE;
          for (guint h = 0; h < n_shared; h++)
            {
              Hit x = g_array_index (hits, Hit, h);

              x.end += fo - from;
              x.end2 += fo - from;
              g_array_append_val (old_hits, x);
            }
          if ((old_done = jo >= fo + on) && ost.open)
            g_array_append_val (old_hits, ost.cur);
        }
      while (old_started && !old_done && (new_done || jo - fo < jn - from))
        {
          gint64 next = MIN (fo + on, jo + WINDOW_CHUNK);

          /* (Too many hits: the old window says nothing then, and the new
           * one is searched to its end, as it would be.) */
          if (!search_state_run (&qr->fwd, &ost, ofold, jo, next, qr->k, old_hits, old_overflow))
            {
              old_done = TRUE;
              break;
            }
          jo = next;
          if ((old_done = jo >= fo + on) && ost.open)
            g_array_append_val (old_hits, ost.cur);
        }
      places_add (old_hits, &old_seen, fo, qr->m, &old_last, old_places);
      if (!*old_overflow)
        {
          for (; checked + 1 < MIN (new_places->len, old_places->len); checked++)
            if (ow->n2o == NULL || !copy_pair_kept (text, ow, fo, new_places, old_places, checked, qr->m))
              return TRUE;
          if (new_done && old_places->len > MAX (new_places->len, 1))
            return TRUE;
        }
      /* (A new window without a match has the old one not searched.) */
      if (new_done && (!old_started || old_done))
        break;
    }
  return FALSE;
}

/* Whether new [@rs, @re) holds most of what the alignment paired of the
 * quote (at least half of its paired characters, and at least
 * MAP_OWN_MIN of them) and nothing paired with old text outside it.  A
 * match there is the quote's own place: the alignment carried part of it
 * there, and the search found the rest beside it.  (The alignment alone
 * refused it for want of pairing the rest: blank lines reindented, a
 * number, a word or two changed.) */
#define MAP_OWN_MIN 8

static gboolean
window_holds_own (const OldWindow *ow, gint64 rs, gint64 re)
{
  gint64 own = 0;

  if (ow == NULL || ow->n2o == NULL || ow->paired < MAP_OWN_MIN)
    return FALSE;
  for (gint64 j = rs; j < re; j++)
    {
      gint32 o = ow->n2o[j];

      if (o < 0)
        continue;
      if (o < ow->s || o >= ow->e)
        return FALSE;
      own++;
    }
  return own >= MAP_OWN_MIN && own * 2 >= ow->paired;
}

/* MAP_LONG_TEXT, which is defined further on with the alignment. */
#define WINDOW_ALONE_MAX_TEXT 65536
/* Folded quote characters a match must hold beyond its errors to be
 * taken with more than half the errors allowed. */
#define WINDOW_ALONE_AGREE 8

/* Most copies of a quote copies_counted_elsewhere() counts. */
#define COUNTED_MAX_COPIES 8

/* Folded end places of the folded quote @fq (@m characters) in all of
 * @t, within @k errors, into @places; FALSE when too many to count. */
static gboolean
text_places (ClipperAnchorText *t, const gunichar *fq, gint64 m, gint k, GArray *places)
{
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  gboolean overflow = FALSE;

  clipper_anchor_ensure_folded (t);
  if (k == 0)
    clipper_anchor_exact_search (t->fold, 0, t->nf, fq, m, hits, &overflow);
  else
    {
      Pattern pt;

      clipper_anchor_pattern_init (&pt, fq, m, FALSE);
      clipper_anchor_pattern_search (&pt, t->fold, 0, t->nf, k, hits, &overflow);
      clipper_anchor_pattern_clear (&pt);
    }
  if (overflow)
    return FALSE;
  clipper_anchor_hit_places (hits, m, places);
  return places->len <= COUNTED_MAX_COPIES;
}

/* Whether the other copies the old text holds of the quote of @old_win
 * (within @max_k errors, folded) are all verbatim copies (folded) and
 * the new text still holds, outside the window [win_from, win_to), as
 * many verbatim copies as those.  A name a page lists in two tables, a
 * caption under two photos: too short to pair, the other copy pairs
 * nothing, so clipper_anchor_old_copies_stand_elsewhere() cannot say where
 * it went.  Counting says it: for the window's only match to be another
 * copy, one would have had to move in while the quote's own copy left the
 * window — deleted or edited, a copy fewer is counted; moved out on its
 * own while the text paired around it stayed, and the other moved in,
 * two moves that swap alike copies —, or an edit would have had to make
 * it out of other old text, none of which is within the match's errors
 * and one more of the quote. */
static gboolean
copies_counted_elsewhere (const OldWindow *old_win, ClipperAnchorText *text, gint max_k,
                          gint64 win_from, gint64 win_to)
{
  ClipperAnchorText *old = old_win->old;
  g_autofree gunichar *fq = NULL;
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) exact = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) now = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 m = clipper_anchor_fold_string (old->cps + old_win->s, old_win->e - old_win->s, &fq);
  gint k = MIN (max_k, (gint) (m * MAX_ERROR_RATIO));
  guint outside = 0;

  if (m == 0 || m > MAX_FUZZY_QUOTE ||
      !text_places (old, fq, m, k, near) || !text_places (old, fq, m, 0, exact) ||
      exact->len < 2 || !text_places (text, fq, m, 0, now))
    return FALSE;
  /* Every near place is one of the verbatim copies (the same place, give
   * or take half the quote, as clipper_anchor_hit_places() groups). */
  for (guint p = 0; p < near->len; p++)
    {
      gint64 end = g_array_index (near, gint64, p);
      gboolean verbatim = FALSE;

      for (guint x = 0; x < exact->len && !verbatim; x++)
        verbatim = ABS (g_array_index (exact, gint64, x) - end) <= m / 2;
      if (!verbatim)
        return FALSE;
    }
  for (guint p = 0; p < now->len; p++)
    {
      gint64 end = g_array_index (now, gint64, p);
      gint64 rs = text->fold_to_raw[end - m + 1], re = (gint64) text->fold_to_raw[end] + 1;

      if (re <= win_from || rs >= win_to)
        outside++;
    }
  return outside == exact->len - 1;
}

/* Whether the window's best match is the quote though its context does
 * not say so (a short line among edited layout: a table's cell, a name, a
 * caption in a script whose context changed too): it is the only match in
 * the window, within half the errors allowed (or within all of them, with
 * eight folded characters more than its errors), the old window held the
 * quote once, and the old text holds it nowhere else within the match's
 * errors and one more.  Then no other old text could have become this
 * match by the typos an edit makes (it would need two where the copies
 * differ), an inserted sentence does not spell out the quote, and a copy
 * moved in from elsewhere would be a second copy in the old text. */
static gboolean
window_match_alone (const Query *qr, const Candidate *cands, guint n_cands, const GArray *new_places,
                    const OldWindow *old_win, gint64 win_from, gint64 win_to)
{
  gint64 breaks_quote = 0, breaks_match = 0;

  /* (Only for old texts shorter than MAP_LONG_TEXT, as once in each text:
   * counting copies in longer ones would need all of the old text
   * indexed.) */
  if (old_win == NULL || old_win->old->n >= WINDOW_ALONE_MAX_TEXT || n_cands != 1 || new_places->len != 1 ||
      cands[0].d > qr->k || (cands[0].d > qr->k / 2 && qr->m - cands[0].d < WINDOW_ALONE_AGREE))
    return FALSE;
  /* Folded matching is blind to line breaks: a match with more of them
   * than the quote took in a line from elsewhere for a changed letter
   * ("topleftpixel.com\n\n I" matched with a lone "e" a line further
   * on). */
  for (gint64 i = 0; i < qr->mq; i++)
    breaks_quote += qr->q[i] == '\n' ? 1 : 0;
  for (gint64 j = cands[0].raw_start; j < cands[0].raw_end; j++)
    breaks_match += qr->text->cps[j] == '\n' ? 1 : 0;
  /* Another copy in the old text would need more typos than the match
   * has, and one more, to become it: two typos where the copies differ,
   * as good as never ("Yuri Dario 268" of one table, "Yuri Dario 7" of
   * another). */
  return breaks_match <= breaks_quote &&
         (!clipper_anchor_old_quote_repeated_within (old_win->old, old_win->s, old_win->e, (gint) cands[0].d + 1) ||
          clipper_anchor_old_copies_stand_elsewhere (old_win, qr->text, (gint) cands[0].d + 1, win_from, win_to) ||
          copies_counted_elsewhere (old_win, qr->text, (gint) cands[0].d + 1, win_from, win_to));
}

/* How far from a match the paired text that says which old text it
 * stands in is looked for: a paragraph whose words the old text has
 * twice pairs nothing for hundreds of characters (256 missed the
 * paragraph's own first words on seed 32's synthetic page). */
#define DRIFT_PAIRED_REACH 1024

/* Whether the old text at @from (code points, for @len of them, give or
 * take half the quote and a few) holds the quote at [@s, @e) of it, within
 * @k errors, as another copy than the quote's own. */
static gboolean
old_copy_at (ClipperAnchorText *old, gint64 s, gint64 e, gint64 from, gint64 len, gint k)
{
  g_autofree gunichar *fq = NULL;
  g_autofree gunichar *fw = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  gint64 m = clipper_anchor_fold_string (old->cps + s, e - s, &fq);
  gint64 rf, rt, n;
  gboolean overflow = FALSE;
  Pattern pt;

  if (m == 0 || m > MAX_FUZZY_QUOTE)
    return FALSE;
  /* Only that stretch of the old text is folded: the whole of a long one
   * would cost more than all the rest of a highlight. */
  rf = CLAMP (from - (e - s) / 2 - 8, 0, old->n);
  rt = CLAMP (from + len + (e - s) / 2 + 8, 0, old->n);
  n = clipper_anchor_fold_string (old->cps + rf, rt - rf, &fw);
  clipper_anchor_pattern_init (&pt, fq, m, FALSE);
  clipper_anchor_pattern_search (&pt, fw, 0, n, MIN (k, (gint) (m * MAX_ERROR_RATIO)), hits, &overflow);
  clipper_anchor_pattern_clear (&pt);
  for (guint h = 0; h < hits->len && !overflow; h++)
    if (ABS (window_fold_to_raw (old->cps, rf, rt, g_array_index (hits, Hit, h).end) - (e - 1)) > (e - s) / 2)
      return TRUE;
  return FALSE;
}

/* Whether a match in the window stands, by the paired text nearest it,
 * where the old text held another copy of the quote: the nearest paired
 * character on a side (within DRIFT_PAIRED_REACH) puts the match at an
 * old place, by its distance from it, and that place holds the quote
 * within the match's errors and one more.  A paragraph that holds the
 * quote again moved into the window, and the quote's own copy was edited
 * past the errors allowed (a word inserted into it): the copy brings the
 * same words around it (paragraphs repeated verbatim), so the context the
 * search asks of a far match cannot tell them apart, but the text paired
 * around the copy says which old text it is.  For a match near where the
 * alignment expects it (@drifted FALSE) only when no side puts it at the
 * quote's own place: there a side's pairs may be those of alike text
 * around either copy (two paragraphs that end alike), and the expected
 * place is one more voice for the quote's own. */
static gboolean
drifted_onto_copy (ClipperAnchorText *text, const OldWindow *ow, gint64 rs, gint64 re, gint64 d, gboolean drifted)
{
  gint64 ql, places[2] = { -1, -1 };
  gboolean copy = FALSE, own = FALSE;

  if (ow == NULL || ow->n2o == NULL || re <= rs)
    return FALSE;
  ql = ow->e - ow->s;
  for (gint64 j = rs - 1; j >= 0 && j >= rs - DRIFT_PAIRED_REACH; j--)
    if (ow->n2o[j] >= 0)
      {
        places[0] = ow->n2o[j] + (rs - j);
        break;
      }
  for (gint64 j = re; j < text->n && j < re + DRIFT_PAIRED_REACH; j++)
    if (ow->n2o[j] >= 0)
      {
        places[1] = ow->n2o[j] - (j - re) - (re - rs);
        break;
      }
  for (guint i = 0; i < 2; i++)
    if (places[i] >= 0 && ABS (places[i] - ow->s) <= ql / 2 + 8)
      own = TRUE;
    else if (places[i] >= 0 && !copy)
      copy = old_copy_at (ow->old, ow->s, ow->e, places[i], re - rs, (gint) d + 1);
  return copy && (drifted || !own);
}

/* Fills @qr for @selector, whose quote is @q (@mq code points): folded,
 * with its folded context, the error bound and the quote's pattern.  FALSE
 * (and nothing to clear) when none of the quote folds: punctuation and
 * spaces alone, which locate_unfoldable() is for. */
static gboolean
query_init (Query                     *qr,
            ClipperAnchorText         *text,
            const ClipperTextSelector *selector,
            const gunichar            *q,
            gint64                     mq,
            gint64                     shift)
{
  g_autofree gunichar *pre = NULL;
  g_autofree gunichar *suf = NULL;
  glong pm = 0, sm = 0;

  clipper_anchor_ensure_folded (text);
  qr->text = text;
  qr->q = q;
  qr->mq = mq;
  qr->m = clipper_anchor_fold_string (q, mq, &qr->fq);
  if (qr->m == 0)
    {
      g_clear_pointer (&qr->fq, g_free);
      return FALSE;
    }
  while (qr->lead < mq && fold_char (q[qr->lead]) == 0)
    qr->lead++;
  while (qr->trail < mq && fold_char (q[mq - 1 - qr->trail]) == 0)
    qr->trail++;
  qr->k = (gint) (qr->m * MAX_ERROR_RATIO);
  /* Matching a very long quote approximately costs its length times the
   * text's: such a highlight is found verbatim (folded) or by its pieces. */
  if (qr->m > MAX_FUZZY_QUOTE)
    qr->k = 0;

  if (selector->prefix != NULL && (pre = utf8_to_ucs4 (selector->prefix, &pm)) != NULL)
    qr->fpm = clipper_anchor_fold_string (pre, pm, &qr->fpre);
  if (selector->suffix != NULL && (suf = utf8_to_ucs4 (selector->suffix, &sm)) != NULL)
    qr->fsm = clipper_anchor_fold_string (suf, sm, &qr->fsuf);
  qr->word_start = qr->lead > 0 || pre == NULL || pm == 0 || fold_char (pre[pm - 1]) == 0;
  qr->word_end = qr->trail > 0 || suf == NULL || sm == 0 || fold_char (suf[0]) == 0;

  clipper_anchor_pattern_init (&qr->fwd, qr->fq, qr->m, FALSE);
  qr->has_pre = qr->fpm > 0;
  qr->has_suf = qr->fsm > 0;

  qr->expected = -1;
  qr->trusted = shift == 0;
  if (selector->start >= 0)
    qr->expected = clipper_anchor_raw_to_fold (text, CLAMP (selector->start + shift, 0, text->n));
  return TRUE;
}

static void
query_clear (Query *qr)
{
  clipper_anchor_pattern_clear (&qr->fwd);
  clipper_anchor_pattern_clear (&qr->rev);
  clipper_anchor_pattern_clear (&qr->pre);
  clipper_anchor_pattern_clear (&qr->suf);
  g_clear_pointer (&qr->fq, g_free);
  g_clear_pointer (&qr->fpre, g_free);
  g_clear_pointer (&qr->fsuf, g_free);
}

void
clipper_anchor_locate_whole_in (ClipperAnchorText         *text,
                 const ClipperTextSelector *selector,
                 gint64                     shift,
                 gint64                     win_from,
                 gint64                     win_to,
                 const GArray              *regions,
                 ClipperAnchorText         *regions_index,
                 const OldWindow           *old_win,
                 ClipperAnchorResult       *result)
{
  g_autofree gunichar *q = NULL;
  g_autoptr (GArray) hits = NULL;
  /* (On the stack: score_hits() writes each candidate it returns, and
   * nothing reads past those; zeroed on the heap, they cost a highlight
   * searched in a window more than scoring a few of them.) */
  Candidate cands[MAX_SCORED];
  Query qr = { 0 };
  glong mq = 0;
  gboolean overflow = FALSE;
  guint n_cands = 0;

  result->kind = CLIPPER_ANCHOR_ORPHAN;
  result->start = result->end = -1;
  result->score = 0.0;
  result->n_exact = 0;

  if (selector->exact == NULL ||
      (q = utf8_to_ucs4 (selector->exact, &mq)) == NULL || mq == 0)
    return;

  /* 1. The stored offsets (moved by what the highlights before this one
   *    moved) still hold the quote. */
  /* (With the alignment's window or regions, the alignment already took
   *  every highlight still standing where it was: what is left there is a
   *  copy, so steps 1 and 1b are skipped.) */
  if (selector->start >= 0 && win_from < 0 && regions == NULL)
    {
      gint64 tries[2] = { selector->start + shift, selector->start };

      for (guint i = 0; i < (shift != 0 ? 2u : 1u); i++)
        {
          /* Where the text moved, a repeat of the quote close by may be
           * the one that now stands at these offsets: then only the full
           * comparison can tell. */
          if (text_has_at (text, tries[i], q, mq) &&
              (shift == 0 || !repeated_near (text, q, mq, tries[i])))
            {
              result->kind = CLIPPER_ANCHOR_EXACT_POSITION;
              result->start = tries[i];
              result->end = tries[i] + mq;
              result->score = 1.0;
              result->n_exact = 1;
              return;
            }
        }
    }

  /* 1b. The quote verbatim near the old place, with its whole context
   *     verbatim around it, and nowhere else nearby: moved by edits
   *     elsewhere, and nothing more. */
  if (selector->start >= 0 && win_from < 0 && regions == NULL &&
      locate_verbatim (text, selector, q, mq, selector->start + shift, result))
    return;

  if (text->n >= G_MAXUINT32)
    return;
  if (!query_init (&qr, text, selector, q, mq, shift))
    {
      locate_unfoldable (text, q, mq, result);
      return;
    }
  qr.alone = win_from < 0 && regions == NULL && old_win == NULL;

  hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  /* 2a. Only in the window where the alignment of the old text with the
   *     new says the passage must be: there the quote need not prove
   *     itself against the whole text, only against that stretch. */
  /* A few letters found by searching say nothing (a bullet and a letter
   * recur down a list): only the alignment places such a quote. */
  if ((win_from >= 0 || regions != NULL) && qr.m < SEARCH_MIN_QUOTE)
    goto out;

  if (win_from >= 0)
    {
      gint64 from = clipper_anchor_raw_to_fold (text, CLAMP (win_from, 0, text->n));
      gint64 to = clipper_anchor_raw_to_fold (text, CLAMP (win_to, 0, text->n));

      g_autoptr (GArray) new_places = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GArray) old_places = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 own = -1; /* which of the old window's places is the quote's */
      gboolean repeated = FALSE, periodic = FALSE, disordered = FALSE, old_overflow = FALSE;
      g_autoptr (GArray) old_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
      /* The old window, searched too for a quote its q-grams do not say
       * the old text holds once, is searched with the new one
       * (windows_search()) when it is folded already. */
      gboolean both = old_win != NULL && !old_win->unique && old_win->old->folded && qr.k > 0 &&
                      search_state_fits (&qr.fwd, qr.k);

      if (both)
        {
          gint64 fo = clipper_anchor_raw_to_fold (old_win->old, old_win->from);
          gint64 on = old_win->to > old_win->from ? clipper_anchor_raw_to_fold (old_win->old, old_win->to) - fo : 0;

          disordered = windows_search (&qr, text, old_win, from, to, fo, on, hits, &overflow, old_hits, &old_overflow);
        }
      else if (qr.k == 0)
        clipper_anchor_exact_search (text->fold, from, to, qr.fq, qr.m, hits, &overflow);
      else
        clipper_anchor_pattern_search (&qr.fwd, text->fold, from, to, qr.k, hits, &overflow);
      clipper_anchor_hit_places (hits, qr.m, new_places);

      /* The window's quote alone says where only if the old text's window
       * held it once.  A passage repeated there (a caption twice, a line
       * of code) is told apart by order: the quote was the i-th of its
       * copies in the old window, so it is the i-th in the new one, when
       * the new window has as many. */
      if (old_win != NULL && !overflow && old_win->unique)
        own = 0, g_array_append_val (old_places, own);
      else if (old_win != NULL && !overflow && hits->len > 0)
        {
          g_autofree gunichar *ofold = NULL;
          const gunichar *ocps = old_win->old->cps;
          gint64 fo, oe, on;

          /* Only the window of the old text is folded: it is small. */
          if (old_win->old->folded)
            {
              /* Or it is folded already: its window is a slice of it,
               * searched from the slice's start as the window alone. */
              fo = clipper_anchor_raw_to_fold (old_win->old, old_win->from);
              on = old_win->to > old_win->from ? clipper_anchor_raw_to_fold (old_win->old, old_win->to) - fo : 0;
              oe = old_win->e > old_win->from ? clipper_anchor_raw_to_fold (old_win->old, old_win->e) - fo : 0;
              if (!both)
                clipper_anchor_pattern_search (&qr.fwd, old_win->old->fold, fo, fo + on, qr.k, old_hits, &old_overflow);
              for (guint h = 0; h < old_hits->len; h++)
                {
                  g_array_index (old_hits, Hit, h).end -= fo;
                  g_array_index (old_hits, Hit, h).end2 -= fo;
                }
            }
          else
            {
              on = clipper_anchor_fold_string (ocps + old_win->from, old_win->to - old_win->from, &ofold);
              oe = fold_count (ocps + old_win->from, old_win->e - old_win->from);
              clipper_anchor_pattern_search (&qr.fwd, ofold, 0, on, qr.k, old_hits, &old_overflow);
            }
          clipper_anchor_hit_places (old_hits, qr.m, old_places);
          if (old_win->verbatim_twice != NULL)
            {
              /* A hit without an error is the folded quote verbatim,
               * ending there; two hits end at two columns. */
              guint verbatim = 0;

              for (guint h = 0; h < old_hits->len && verbatim < 2; h++)
                verbatim += g_array_index (old_hits, Hit, h).d == 0 ? 1 : 0;
              *old_win->verbatim_twice = verbatim >= 2;
            }
          for (guint p = 0; p < old_places->len; p++)
            if (ABS (g_array_index (old_places, gint64, p) - (oe - 1)) <= qr.m / 2)
              own = p;
          /* A quote that stands verbatim (folded) in the old window at
           * two ends of one match matches itself shifted: a run of alike
           * lines ("list: [ ] list: [ ] list: ["), whose copies overlap
           * and make one place.  Where in the run it stood, counting
           * cannot tell, nor can its context, alike too: an orphan. */
          for (guint h = 0; h < old_hits->len; h++)
            periodic = periodic || (g_array_index (old_hits, Hit, h).d == 0 &&
                                    g_array_index (old_hits, Hit, h).end2 > g_array_index (old_hits, Hit, h).end);
          repeated = old_overflow || old_places->len > 1 || own < 0 || periodic;
          if (disordered)
            {
              /* (The search stopped at the first copies that settle it:
               * an orphan, which the tests below would find too.) */
              WHY ("why: the copies may have moved past each other, or more of them in the old window "
                   "(the searches stopped at its copy %u in the old window)", old_places->len);
              g_array_set_size (hits, 0);
              repeated = TRUE;
            }
        }

      /* More copies in the new window than in the old (a copy moved in):
       * as undecided as a repeat. */
      if (new_places->len > MAX (old_places->len, 1))
        repeated = TRUE;
      if (!overflow && repeated && !periodic && own >= 0 && new_places->len == old_places->len && hits->len > 0)
        {
          /* A repeat is told apart by order alone: only the hits at the
           * copy that order picks need scoring, and none when the copies
           * may have moved past each other. */
          gint64 want = g_array_index (new_places, gint64, own);
          guint kept = 0;

          if (copies_kept_order (text, old_win, new_places, old_places, qr.m))
            for (guint h = 0; h < hits->len; h++)
              if (ABS (g_array_index (hits, Hit, h).end - want) <= qr.m / 2 + qr.k)
                g_array_index (hits, Hit, kept++) = g_array_index (hits, Hit, h);
          g_array_set_size (hits, kept);
        }
      else if (repeated)
        {
          /* Nor any when order cannot pick (more copies than the old
           * window had, or the quote's own copy not found there). */
          g_array_set_size (hits, 0);
        }
      n_cands = score_hits (&qr, hits, cands);
      if (!overflow && n_cands > 0 && !repeated)
        {
          /* Far from where the alignment expects it, a match may be a
           * copy that moved into the window: then its context decides. */
          gboolean drifted = selector->start >= 0 &&
                             ABS (cands[0].raw_start - (selector->start + shift)) > MAX (WINDOW_DRIFT, qr.mq);

          /* Nor where the text paired around it says it is another
           * copy that moved in (see drifted_onto_copy()). */
          if (drifted_onto_copy (text, old_win, cands[0].raw_start, cands[0].raw_end, cands[0].d, drifted))
            WHY ("why: the text paired around the match puts it on another copy of the quote");
          else if (drifted ? candidate_is_confident (&qr, &cands[0], n_cands > 1 ? &cands[1] : NULL)
                           : window_confident (&qr, cands, n_cands, win_to - win_from <= 4 * qr.mq + 64))
            result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
          else if (cands[0].d <= qr.k / 2 && new_places->len == 1 &&
                   window_holds_own (old_win, cands[0].raw_start, cands[0].raw_end))
            {
              WHY ("why: the match holds what the alignment paired of the quote");
              result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
            }
          else if (window_match_alone (&qr, cands, n_cands, new_places, old_win, win_from, win_to))
            {
              WHY ("why: the window's only match, of a quote the old text holds once");
              result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
            }
        }
      else if (!overflow && n_cands == 0 && !disordered && own >= 0 && new_places->len == old_places->len &&
               old_places->len > 0)
        WHY ("why: the copies may have moved past each other");
      else if (!overflow && n_cands > 0 && own >= 0 && new_places->len == old_places->len)
        {
          gint64 want = g_array_index (new_places, gint64, own);

          for (guint c = 0; c < n_cands; c++)
            if (cands[c].d <= qr.k && ABS (cands[c].e - want) <= qr.m / 2)
              {
                result_from_candidate (result, &cands[c], count_exact (cands, n_cands));
                break;
              }
        }
      WHY ("why: window: %u candidates, best %" G_GINT64_FORMAT " errors of %d allowed (m %" G_GINT64_FORMAT
               "), %u places against %u in the old window%s%s",
               n_cands, n_cands > 0 ? cands[0].d : -1, qr.k, qr.m, new_places->len, old_places->len,
               repeated ? ", repeated" : "", overflow ? ", overflow" : "");
      goto out;
    }

  /* 2b. Only in the new text the alignment left unpaired: text paired with
   *     other old text is some other passage, never this one. */
  if (regions != NULL)
    {
      /* @regions are folded [from, to) pairs, sorted, ends ascending. */
      gint64 min_len = MAX (1, qr.m / 2);
      g_autoptr (GArray) seeds = NULL;
      const gint64 *rg = (const gint64 *) regions->data;
      guint nr = regions->len / 2;

      gint64 unpaired_len = 0;

      for (guint r = 0; r < nr; r++)
        unpaired_len += rg[2 * r + 1] - rg[2 * r];
      /* Where much is unpaired, only where the quote's q-grams gather too
       * (the index costs about as much to build as searching a few hundred
       * thousand characters). */
      if (qr.k > 0 && unpaired_len >= UNPAIRED_INDEX_MIN && regions_index != NULL)
        {
          if (!regions_index->indexed)
            {
              /* A view of the text whose index holds only the unpaired
               * regions: a fraction of the cost of indexing all of it. */
              *regions_index = *text;
              regions_index->index_start = NULL;
              regions_index->index_pos = NULL;
              index_build (regions_index, rg, nr);
            }
          seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!clipper_anchor_index_candidates (regions_index, qr.fq, qr.m, qr.k, seeds))
            g_clear_pointer (&seeds, g_array_unref);
        }

      if (seeds != NULL)
        {
          for (guint c = 0; c + 1 < seeds->len && !overflow; c += 2)
            {
              gint64 sf = g_array_index (seeds, gint64, c), st = g_array_index (seeds, gint64, c + 1);
              guint lo = 0, hi = nr;

              /* The first region ending after the seed's start. */
              while (lo < hi)
                {
                  guint mid = (lo + hi) / 2;
                  if (rg[2 * mid + 1] <= sf)
                    lo = mid + 1;
                  else
                    hi = mid;
                }
              for (guint r = lo; r < nr && rg[2 * r] < st && !overflow; r++)
                {
                  gint64 cf = MAX (sf, rg[2 * r]), ct = MIN (st, rg[2 * r + 1]);

                  if (rg[2 * r + 1] - rg[2 * r] >= min_len && cf < ct)
                    clipper_anchor_pattern_search (&qr.fwd, text->fold, cf, ct, qr.k, hits, &overflow);
                }
            }
        }
      else
        for (guint r = 0; r < nr && !overflow; r++)
          {
            if (rg[2 * r + 1] - rg[2 * r] < min_len)
              continue;
            if (qr.k == 0)
              clipper_anchor_exact_search (text->fold, rg[2 * r], rg[2 * r + 1], qr.fq, qr.m, hits, &overflow);
            else
              clipper_anchor_pattern_search (&qr.fwd, text->fold, rg[2 * r], rg[2 * r + 1], qr.k, hits, &overflow);
          }
      n_cands = score_hits (&qr, hits, cands);
      if (!overflow && n_cands > 0 && candidate_is_confident (&qr, &cands[0], n_cands > 1 ? &cands[1] : NULL))
        result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
      goto out;
    }

  /* 2. Near where it was: most edits are local, and this is cheap. */
  if (qr.expected >= 0)
    {
      gint64 window = WINDOW_BASE + 2 * qr.m;
      gint64 from = MAX (0, qr.expected - window);
      gint64 to = MIN (text->nf, qr.expected + qr.m + qr.k + window);

      if (qr.k == 0)
        clipper_anchor_exact_search (text->fold, from, to, qr.fq, qr.m, hits, &overflow);
      else
        clipper_anchor_pattern_search (&qr.fwd, text->fold, from, to, qr.k, hits, &overflow);
      n_cands = score_hits (&qr, hits, cands);
      /* Sure enough without looking further: a match whose surroundings
       * agree on both sides, and nothing close behind it. */
      if (!overflow && n_cands > 0 && cands[0].ctx >= 0.8 &&
          candidate_is_confident (&qr, &cands[0], n_cands > 1 ? &cands[1] : NULL))
        {
          result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
          goto out;
        }
      /* Two copies here that both read as the quote stay two copies in
       * the whole text: the highlight is an orphan, without the cost. */
      if (!overflow && n_cands > 1 && rival_copy (&qr, &cands[0], &cands[1]))
        {
          result->n_exact = count_exact (cands, n_cands);
          goto out;
        }
    }

  /* 3. The whole text: through the index when it is long, where the
   *    quote's q-grams gather. */
  g_array_set_size (hits, 0);
  overflow = FALSE;
  {
    g_autoptr (GArray) regions = g_array_new (FALSE, FALSE, sizeof (gint64));

    gboolean indexed = FALSE;

    if (qr.k > 0 && text->nf >= INDEX_MIN_TEXT)
      {
        clipper_anchor_ensure_index (text);
        indexed = clipper_anchor_index_candidates (text, qr.fq, qr.m, qr.k, regions);
      }
    if (indexed)
      {
        for (guint r = 0; r + 1 < regions->len && !overflow; r += 2)
          clipper_anchor_pattern_search (&qr.fwd, text->fold, g_array_index (regions, gint64, r),
                          g_array_index (regions, gint64, r + 1), qr.k, hits, &overflow);
      }
    else if (qr.k == 0 || (qr.m < QGRAM && text->nf >= INDEX_MIN_TEXT))
      clipper_anchor_exact_search (text->fold, 0, text->nf, qr.fq, qr.m, hits, &overflow);
    else
      clipper_anchor_pattern_search (&qr.fwd, text->fold, 0, text->nf, qr.k, hits, &overflow);
  }
  n_cands = score_hits (&qr, hits, cands);
  if (n_cands > 0 && candidate_is_confident (&qr, &cands[0], n_cands > 1 ? &cands[1] : NULL))
    result_from_candidate (result, &cands[0], count_exact (cands, n_cands));
  else
    result->n_exact = count_exact (cands, n_cands);

out:
  query_clear (&qr);
}

static void
locate_whole (ClipperAnchorText         *text,
              const ClipperTextSelector *selector,
              gint64                     shift,
              ClipperAnchorResult       *result)
{
  clipper_anchor_locate_whole_in (text, selector, shift, -1, -1, NULL, NULL, NULL, result);
}

#define MAX_PIECES 64

typedef struct {
  gint64 start, end;        /* in the quote, code points */
  ClipperAnchorResult res;
} Piece;

/* How many of @q's code points in [@s, @e) the matcher compares. */
static gint64
fold_span (const gunichar *q, gint64 s, gint64 e)
{
  gint64 n = 0;

  for (gint64 j = s; j < e; j++)
    n += fold_char (q[j]) != 0 ? 1 : 0;
  return n;
}

/* Whether piece @b landed right after piece @a, as in the quote: in
 * order, with between them what the quote had (whitespace, a line break)
 * give or take a few characters, or, within a paragraph, a stretch of new
 * text shorter than half the quote (a sentence inserted into it). */
static gboolean
pieces_adjacent (const Piece *a, const Piece *b, gint64 mq, gboolean by_paragraph)
{
  gint64 gap;

  if (a->res.kind == CLIPPER_ANCHOR_ORPHAN || b->res.kind == CLIPPER_ANCHOR_ORPHAN ||
      b->res.start < a->res.end)
    return FALSE;
  gap = b->res.start - a->res.end;
  /* Between paragraphs, new text is more likely a paragraph that moved
   * in than words added to the passage. */
  return gap <= 2 * (b->start - a->end) + 4 || (!by_paragraph && gap * 2 <= mq);
}

/* Places @piece of the quote @q (@mq code points) of @selector as a
 * highlight of its own, in @piece->res: its context is the quote around
 * it, or the highlight's own context at the quote's ends. */
static void
locate_piece (ClipperAnchorText         *text,
              const ClipperTextSelector *selector,
              const gunichar            *q,
              gint64                     mq,
              gint64                     shift,
              Piece                     *piece)
{
  g_autofree char *exact = g_ucs4_to_utf8 (q + piece->start, (glong) (piece->end - piece->start), NULL, NULL, NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  gint64 ps = MAX (0, piece->start - CLIPPER_ANCHOR_CONTEXT_LENGTH);
  gint64 se = MIN (mq, piece->end + CLIPPER_ANCHOR_CONTEXT_LENGTH);
  ClipperTextSelector sub = { 0 };

  prefix = piece->start == 0 ? g_strdup (selector->prefix)
                             : g_ucs4_to_utf8 (q + ps, (glong) (piece->start - ps), NULL, NULL, NULL);
  suffix = piece->end == mq ? g_strdup (selector->suffix)
                            : g_ucs4_to_utf8 (q + piece->end, (glong) (se - piece->end), NULL, NULL, NULL);
  sub.exact = exact;
  sub.prefix = prefix;
  sub.suffix = suffix;
  sub.start = selector->start >= 0 ? selector->start + piece->start : -1;
  sub.end = selector->start >= 0 ? selector->start + piece->end : -1;
  locate_whole (text, &sub, shift, &piece->res);
}

/* The quote's paragraphs (@by_paragraph) or thirds placed one by one,
 * for a highlight across paragraphs of which one moved or went, or one
 * with a sentence inserted: the largest piece that still anchors with
 * confidence carries the highlight, joined with the pieces next to it that
 * landed right beside it.  Each piece's context is the
 * quote around it, or the highlight's own context at the ends. */
static void
locate_pieces (ClipperAnchorText         *text,
               const ClipperTextSelector *selector,
               gint64                     shift,
               gboolean                   by_paragraph,
               ClipperAnchorResult       *result)
{
  g_autofree gunichar *q = NULL;
  Piece pieces[MAX_PIECES];
  glong mq = 0;
  guint n = 0;
  gint64 i = 0;
  gint best = -1;
  gint64 best_len = 0;
  gint lo, hi;

  q = g_utf8_to_ucs4 (selector->exact, -1, NULL, &mq, NULL);
  if (q == NULL)
    return;

  if (by_paragraph)
    {
      while (i < mq && n < MAX_PIECES)
        {
          gint64 s, e, j, folded = 0;

          while (i < mq && (is_line_break (q[i]) || is_space (q[i])))
            i++;
          s = i;
          while (i < mq && !is_line_break (q[i]))
            i++;
          e = i;
          while (e > s && is_space (q[e - 1]))
            e--;
          for (j = s; j < e; j++)
            folded += fold_char (q[j]) != 0 ? 1 : 0;
          if (folded >= MIN_PIECE)
            {
              pieces[n].start = s;
              pieces[n].end = e;
              n++;
            }
        }
    }
  else
    {
      /* Thirds, cut at spaces: a sentence inserted into one of them still
       * leaves the other two to place the highlight, around it. */
      gint64 total = 0, seen = 0, s = 0;

      for (gint64 j = 0; j < mq; j++)
        total += fold_char (q[j]) != 0 ? 1 : 0;
      for (gint64 j = 0; j < mq && n < 2; j++)
        {
          seen += fold_char (q[j]) != 0 ? 1 : 0;
          if (seen * 3 >= total * (gint64) (n + 1) && is_space (q[j]))
            {
              pieces[n].start = s;
              pieces[n].end = j;
              n++;
              while (j < mq && is_space (q[j]))
                j++;
              s = j;
            }
        }
      pieces[n].start = s;
      pieces[n].end = mq;
      n++;
    }
  /* One piece is the whole quote again, already tried. */
  if (n < 2)
    return;

  for (guint p = 0; p < n; p++)
    {
      locate_piece (text, selector, q, mq, shift, &pieces[p]);
      if (pieces[p].res.kind != CLIPPER_ANCHOR_ORPHAN && pieces[p].end - pieces[p].start > best_len)
        {
          best = (gint) p;
          best_len = pieces[p].end - pieces[p].start;
        }
    }
  if (best < 0)
    return;

  /* Neighbours that landed in order, right after each other (only
   * whitespace between, as in the quote), join the largest piece. */
  lo = hi = best;
  while (lo > 0 && pieces_adjacent (&pieces[lo - 1], &pieces[lo], mq, by_paragraph))
    lo--;
  while (hi + 1 < (gint) n && pieces_adjacent (&pieces[hi], &pieces[hi + 1], mq, by_paragraph))
    hi++;

  /* Half of the quote or less is a guess at which half the user
   * meant: the part that is left may be the lesser one.  More than half
   * in code points (as the reader sees the highlight) and in folded
   * characters (what the matcher compares): a piece's blank lines and
   * indentation alone can make a third of the words more than half. */
  if ((pieces[hi].end - pieces[lo].start) * 2 <= mq ||
      fold_span (q, pieces[lo].start, pieces[hi].end) * 2 <= fold_span (q, 0, mq))
    return;

  result->kind = CLIPPER_ANCHOR_FUZZY;
  result->start = pieces[lo].res.start;
  result->end = pieces[hi].res.end;
  /* Only part of the quote is there: the score says how much. */
  result->score = pieces[best].res.score * (double) (pieces[hi].end - pieces[lo].start) / (double) mq;
  result->n_exact = 0;
}

void
clipper_anchor_locate_with_shift (ClipperAnchorText         *text,
                   const ClipperTextSelector *selector,
                   gint64                     shift,
                   ClipperAnchorResult       *result)
{
  g_private_set (&rival_copy_key, NULL);
  locate_whole (text, selector, shift, result);
  /* Two copies of the whole quote that both read as it have pieces that
   * do too: placing one would be the same guess, at more cost. */
  if (g_private_get (&rival_copy_key) != NULL)
    return;
  if (result->kind == CLIPPER_ANCHOR_ORPHAN && selector->exact != NULL &&
      strpbrk (selector->exact, "\n\r\v\f") != NULL)
    {
      guint n_exact = result->n_exact;

      locate_pieces (text, selector, shift, TRUE, result);
      if (result->kind == CLIPPER_ANCHOR_ORPHAN)
        result->n_exact = n_exact;
    }
  if (result->kind == CLIPPER_ANCHOR_ORPHAN && selector->exact != NULL &&
      g_utf8_strlen (selector->exact, -1) >= 3 * MIN_PIECE + 8)
    {
      guint n_exact = result->n_exact;

      locate_pieces (text, selector, shift, FALSE, result);
      if (result->kind == CLIPPER_ANCHOR_ORPHAN)
        result->n_exact = n_exact;
    }
}

/**
 * clipper_anchor_locate:
 * @text: the article text
 * @selector: the highlight's selectors
 * @result: (out caller-allocates): where it lands
 *
 * See the header.  @result->n_exact counts the verbatim occurrences among
 * the places examined (the whole text unless a sure match was found near
 * the old position); it is 1 for %CLIPPER_ANCHOR_EXACT_POSITION.
 */
void
clipper_anchor_locate (ClipperAnchorText         *text,
                       const ClipperTextSelector *selector,
                       ClipperAnchorResult       *result)
{
  g_return_if_fail (text != NULL);
  g_return_if_fail (selector != NULL);
  g_return_if_fail (result != NULL);

  clipper_anchor_why_refresh ();
  clipper_anchor_locate_with_shift (text, selector, 0, result);
  result->near = -1;
}

static int
compare_by_start (const void *a, const void *b, void *user_data)
{
  const ClipperTextSelector *sels = user_data;
  gint64 sa = sels[*(const guint *) a].start;
  gint64 sb = sels[*(const guint *) b].start;

  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * clipper_anchor_locate_all:
 * @text: the article text
 * @selectors: (array length=n): the highlights of one article
 * @n: how many
 * @results: (array length=n) (out caller-allocates): where each lands
 *
 * Like clipper_anchor_locate() on each selector, but in text order, using
 * how far the previous highlight moved as the first guess for the next:
 * an insertion near the top moves everything after it, and this finds the
 * rest at their new offsets without searching.
 */
void
clipper_anchor_locate_all (ClipperAnchorText         *text,
                           const ClipperTextSelector *selectors,
                           guint                      n,
                           ClipperAnchorResult       *results)
{
  g_autofree guint *order = NULL;
  gint64 shift = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (n == 0 || (selectors != NULL && results != NULL));

  clipper_anchor_why_refresh ();
  order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_by_start, (gpointer) selectors);

  for (guint i = 0; i < n; i++)
    {
      const ClipperTextSelector *sel = &selectors[order[i]];
      ClipperAnchorResult *res = &results[order[i]];

      clipper_anchor_locate_with_shift (text, sel, sel->start >= 0 ? shift : 0, res);
      res->near = -1;
      if (res->kind != CLIPPER_ANCHOR_ORPHAN && sel->start >= 0)
        shift = res->start - sel->start;
    }
}

/* Errors a suggestion may hold, as a fraction of the folded quote: as many
 * as Hypothesis's matcher allows, since the reader confirms it. */
#define SUGGEST_ERROR_RATIO 0.5
/* And the score it must reach: any two stretches of prose already score
 * 0.4–0.5 (see candidate_is_confident()).  On the bench's edits this
 * keeps three in four passages that were deleted from being offered a
 * place, and loses one in fifty right suggestions. */
#define SUGGEST_MIN_SCORE 0.55
/* How far from offsets that are the article's text's (the orphan's
 * passage would stand there) an approximate suggestion may be: farther,
 * it is more often a lookalike elsewhere than the passage moved (a
 * deleted caption offered the end of another paragraph); half as far
 * when more than this fraction of it is wrong.  Measured in the
 * sixteenth session (docs/anchoring.md). */
#define SUGGEST_FAR 1024
#define SUGGEST_FAR_ERRORS 0.15

/* Pieces a quote too long to match as a whole is suggested by: as long
 * as a long sentence or two, so a typo or an inserted sentence spoils few
 * of them, and at most this many, spread along the quote (a whole
 * chapter costs no more than a few pages). */
#define SUGGEST_PIECE 320
#define SUGGEST_MAX_PIECES 24

/* Whether piece @b, after piece @a in the quote, landed after it, no
 * further from it than the quote had them give or take what an edit adds
 * (twice the text between them, and a piece's length: inserted sentences).
 * Nearer is allowed: text of the quote deleted between them. */
static gboolean
piece_follows (const Piece *a, const Piece *b)
{
  return b->res.start >= a->res.end &&
         b->res.start - a->res.end <= 2 * (b->start - a->end) + SUGGEST_PIECE;
}

/* From @from in @text, how far to go (@step -1 or 1) to take in @want
 * code points of the quote that no piece placed: not past a line break
 * (a quote's unplaced end may have been deleted, and the next paragraph
 * is not it), and ending at a whole word. */
static gint64
suggest_reach (ClipperAnchorText *text, gint64 from, gint64 want, gint step)
{
  gint64 at = from;

  while (ABS (at - from) < want)
    {
      gint64 next = step < 0 ? at - 1 : at;

      if (next < 0 || next >= text->n || is_line_break (text->cps[next]))
        break;
      at += step;
    }
  /* Not into a word the quote's length cut through, nor onto spaces. */
  if (ABS (at - from) == want)
    while (at != from && at > 0 && at < text->n && is_alnum (text->cps[at - 1]) && is_alnum (text->cps[at]))
      at -= step;
  while (at != from && is_space (text->cps[step < 0 ? at : at - 1]))
    at -= step;
  return at;
}

/* A suggestion for a quote too long to match approximately as a whole
 * (over MAX_FUZZY_QUOTE folded characters), which its paragraphs and
 * thirds did not place: pieces of it taken along its length, each placed
 * where it is found with confidence, and of those the chain that landed in
 * the quote's order, about as far apart, holding the most of the quote.
 * Two pieces at least, spanning a third of the quote or more; the
 * suggestion reaches beyond the chain as far as the quote reached beyond
 * it, within the paragraph.  (Placing never does this: a chain is a
 * guess at what a changed long passage became, for the reader to see.) */
static gboolean
suggest_by_pieces (ClipperAnchorText         *text,
                   const ClipperTextSelector *selector,
                   const gunichar            *q,
                   gint64                     mq,
                   ClipperAnchorResult       *result)
{
  Piece pieces[SUGGEST_MAX_PIECES];
  gint64 held[SUGGEST_MAX_PIECES];  /* the quote's code points in the best chain ending here */
  gint prev[SUGGEST_MAX_PIECES];
  /* (As many as fit without overlapping: overlapping pieces would land
   * overlapping, and a chain takes none that does.) */
  guint n = 0, want = (guint) MIN (SUGGEST_MAX_PIECES, mq / SUGGEST_PIECE);
  gint best = -1, first;
  double score = 0.0;

  if (want < 2)
    return FALSE;
  for (guint i = 0; i < want; i++)
    {
      /* Evenly spread, the first at the quote's start and the last at its
       * end, cut to whole words. */
      gint64 ps = (gint64) i * (mq - SUGGEST_PIECE) / (gint64) (want - 1);
      gint64 pe = MIN (mq, ps + SUGGEST_PIECE);

      if (ps > 0)
        while (ps < pe && !is_space (q[ps - 1]))
          ps++;
      if (pe < mq)
        while (pe > ps && !is_space (q[pe]))
          pe--;
      while (ps < pe && is_space (q[ps]))
        ps++;
      while (pe > ps && is_space (q[pe - 1]))
        pe--;
      if (fold_span (q, ps, pe) < MIN_PIECE)
        continue;
      pieces[n].start = ps;
      pieces[n].end = pe;
      locate_piece (text, selector, q, mq, 0, &pieces[n]);
      n++;
    }

  for (guint b = 0; b < n; b++)
    {
      held[b] = -1;
      prev[b] = -1;
      if (pieces[b].res.kind == CLIPPER_ANCHOR_ORPHAN)
        continue;
      held[b] = pieces[b].end - pieces[b].start;
      for (guint a = 0; a < b; a++)
        if (held[a] >= 0 && piece_follows (&pieces[a], &pieces[b]) &&
            held[a] + pieces[b].end - pieces[b].start > held[b])
          {
            held[b] = held[a] + pieces[b].end - pieces[b].start;
            prev[b] = (gint) a;
          }
      if (best < 0 || held[b] > held[best])
        best = (gint) b;
    }
  if (best < 0 || prev[best] < 0)
    return FALSE;
  for (first = best; prev[first] >= 0; first = prev[first])
    score += pieces[first].res.score;
  score += pieces[first].res.score;
  if ((pieces[best].end - pieces[first].start) * 3 < mq)
    return FALSE;

  result->kind = CLIPPER_ANCHOR_FUZZY;
  result->start = suggest_reach (text, pieces[first].res.start, pieces[first].start, -1);
  result->end = suggest_reach (text, pieces[best].res.end, mq - pieces[best].end, 1);
  /* How sure: the chain's mean piece score, times the share of the
   * pieces that landed in it. */
  result->score = score / (double) n;
  result->n_exact = 0;
  return TRUE;
}

/**
 * clipper_anchor_suggest:
 * @text: the article text
 * @selector: the orphan's selectors
 * @offsets_here: whether @selector's offsets are @text's (placed on it,
 *   or carried to it by a re-anchoring), not another page's
 * @result: (out caller-allocates): the suggested place, or an orphan
 *
 * See the header.  Costs one search of the whole text with a generous
 * error bound (a few milliseconds for a 100 KB article): meant for one
 * highlight the reader picked, not for re-anchoring a library.
 *
 * Returns: whether there is a place to suggest
 */
gboolean
clipper_anchor_suggest (ClipperAnchorText         *text,
                        const ClipperTextSelector *selector,
                        gboolean                   offsets_here,
                        ClipperAnchorResult       *result)
{
  g_autofree gunichar *q = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autofree Candidate *cands = NULL;
  Query qr = { 0 };
  glong mq = 0;
  gboolean overflow = FALSE;
  guint n_cands;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (selector != NULL && result != NULL, FALSE);

  clipper_anchor_locate (text, selector, result);
  if (result->kind != CLIPPER_ANCHOR_ORPHAN)
    return TRUE;

  if (selector->exact == NULL || text->n >= G_MAXUINT32 ||
      (q = utf8_to_ucs4 (selector->exact, &mq)) == NULL || mq == 0 ||
      !query_init (&qr, text, selector, q, mq, 0))
    return FALSE;
  /* A very long quote is too long to match with half of it wrong: by
   * its pieces.  A very short one, with half of it wrong, matches
   * anywhere. */
  if (qr.m > MAX_FUZZY_QUOTE || qr.m < SEARCH_MIN_QUOTE)
    {
      gboolean found = qr.m > MAX_FUZZY_QUOTE && suggest_by_pieces (text, selector, q, mq, result);

      query_clear (&qr);
      return found;
    }
  qr.k = (gint) (qr.m * SUGGEST_ERROR_RATIO);

  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  cands = g_new0 (Candidate, MAX_SCORED);
  clipper_anchor_pattern_search (&qr.fwd, text->fold, 0, text->nf, qr.k, hits, &overflow);
  n_cands = score_hits (&qr, hits, cands);
  if (n_cands > 0 && cands[0].d <= qr.k && cands[0].total >= SUGGEST_MIN_SCORE)
    {
      guint best = 0;

      /* Copies that read alike (a repeated paragraph, a caption): the
       * one nearest where the highlight was is the likelier. */
      for (guint c = 1; c < n_cands; c++)
        if (cands[c].d <= qr.k && cands[0].total - cands[c].total < SCORE_MARGIN && cands[c].dist < cands[best].dist)
          best = c;
      /* Another page's offsets (an imported annotation's) can lie
       * thousands of characters from its passage here: only offsets of
       * this text say how far is too far. */
      if (offsets_here && cands[best].d > 0 && cands[best].dist != G_MAXINT64 &&
          (cands[best].dist > SUGGEST_FAR ||
           (cands[best].dist > SUGGEST_FAR / 2 && cands[best].d > qr.m * SUGGEST_FAR_ERRORS)))
        {
          query_clear (&qr);
          return FALSE;
        }
      result_from_candidate (result, &cands[best], count_exact (cands, n_cands));
      result->score = cands[best].total;
    }
  query_clear (&qr);
  return result->kind != CLIPPER_ANCHOR_ORPHAN;
}
