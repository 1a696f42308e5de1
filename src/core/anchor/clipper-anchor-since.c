/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring with the old text: clipper_anchor_locate_all_since() aligns
 * the text the highlights were made on with the new one, once, and carries
 * every highlight through that alignment; the matcher of clipper-anchor.c
 * searches only for what the alignment cannot place.  docs/anchoring.md,
 * "With the old text", describes every step and rule.
 */
#define G_LOG_DOMAIN "clipper-anchor"

#include "clipper-anchor-private.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* ── Re-anchoring with the old text at hand ─────────────────────────────
 *
 * When the text a highlight was made on is still known (the library has it
 * until the refetched text replaces it), most of the work is one alignment
 * of the old text with the new, shared by all highlights: every highlight
 * is then mapped through it in time proportional to its length, and only
 * those the alignment cannot place go through the matcher above.
 *
 * The alignment: q-grams of MAP_Q code points, sampled by their content (so
 * both texts sample the same places), that occur exactly once in each text
 * pair an old position with a new one; each pair is extended character by
 * character both ways as long as the texts agree, and kept when the
 * agreeing stretch is at least MAP_MIN_SEGMENT long (a short coincidence,
 * such as a common phrase that a deletion made unique, is not evidence).
 * Moved paragraphs align like any other text: nothing assumes order.
 */

#define MAP_Q            12
#define MAP_MIN_SEGMENT  20
/* Sample one q-gram in four (by hash): the alignment misses only stretches
 * between edits too short to matter. */
#define MAP_SAMPLE_SHIFT 61
/* Characters a mapped placement may take in at its edges for quote
 * characters the alignment could not pair (a typo at the first letter). */
#define MAP_EDGE_SLACK   4
/* A lone word at a run's edge, up to MAP_EDGE_LONE_MAX characters, is a
 * coincidence when the text inserted between it and the run's rest is
 * longer than MAP_EDGE_LONE_TIMES times it and than MAP_EDGE_LONE_MIN
 * characters, and its own copy stands beside the rest
 * (map_run_lone_edge()).  Measured on the bench (docs/anchoring.md,
 * seventeenth session): with the copy, 1 or 2 times and 8 or 10
 * characters fixed the same five wrong placements at no cost, 3 times or
 * 12 characters fewer, and a 23-character stretch dropped orphaned a
 * right one; without the copy, even 8 times orphaned dozens. */
#define MAP_EDGE_LONE_MAX   16
#define MAP_EDGE_LONE_TIMES 2
#define MAP_EDGE_LONE_MIN   10
/* Letters after a line's head within which the quote's old line and the
 * other line it reads as must part for map_run_cut_line_head() to take
 * the head for the other's. */
#define MAP_LINE_HEAD_PART 8
/* Letters a line's tail may hold for map_run_cut_line_tail() to take it
 * for another line's that ends alike: a tail is often a clause ("on
 * iTunes, Vudu, Amazon, YouTube, and Google Play."), longer than a
 * head's one or two words. */
#define MAP_LINE_TAIL_MAX 64
/* Characters of text from elsewhere a placement may hold: more and it
 * carries someone else's passage. */
#define MAP_FOREIGN_MAX  8
/* Whitespace code points a searched place may hold more or fewer than
 * the quote and still have its blank lines only reflowed: a space a
 * reflow put in, a word inserted with its space. */
#define MAP_REFLOW_SPACES 2
/* Letters past a line break that make a stretch's end believable. */
#define MAP_LINE_START   8
/* Gaps between sure stretches that are paired character by character,
 * and the largest edit stepped over there. */
#define MAP_GAP_MAX      512
#define MAP_GAP_STEP     24
/* How far an unpaired stretch at a quote's edge is followed outside it. */
#define MAP_EDGE_REACH   8192
/* How far from a quote its window's bounds are looked for. */
#define MAP_WINDOW_REACH 4096
/* From this length on, the old text's repeats are told by its sampled
 * q-grams instead of an approximate search of all of it. */
#define MAP_LONG_TEXT    65536
/* Paired text shorter than this inside unpaired text does not split it. */
#define MAP_ISLAND       32
/* Unpaired characters a region needs to be searched at all. */
#define MAP_REGION_MIN   16
/* Letters from which a searched placement's edge line is believed without
 * anything paired in it. */
#define MAP_EDGE_LINE_LETTERS 16
/* How far (in code points of whitespace and punctuation) an edge line may
 * stand from the quote's own context and still be held by it. */
#define MAP_EDGE_LINE_REACH 256
/* How far from an unpaired stretch a verbatim copy of it is looked for. */
#define MAP_CONTEXT_REACH 4096

typedef struct {
  guint64 key;      /* 0: empty */
  gint32  pos_old;  /* -2: more than once */
  gint32  pos_new;  /* -1: not seen, -2: more than once */
} MapSlot;

typedef struct {
  const gunichar *old;
  gint64          n_old;
  const gunichar *new;
  gint64          n_new;
  gint32         *o2n;   /* old index → new index, -1 unpaired */
  gint32         *n2o;   /* new index → old index, -1 unpaired */
  MapSlot        *table; /* the old text's sampled q-grams */
  guint64         mask;
  struct MapFree *free;  /* folded q-grams of the new text's unpaired text, on first need */
  GArray         *twins; /* the old text's lines printed twice in a row (TwinLine), on first need */
  gint32         *samples;      /* the old text's sampled q-grams: ascending positions */
  guint32        *sample_slots; /* and their slots in @table */
  guint           n_samples;
  Scratch        *scratch;      /* where the arrays above live: the caller's */
} TextMap;

/* How far non_space_over() counted in [from, to) of @t: @n characters
 * other than whitespace in [from, at). */
typedef struct {
  const gunichar *t;
  gint64          from, to, at, n;
} SpaceCount;

typedef struct MapFree {
  guint64    *bits;   /* a bit per hashed q-gram: a false "there" only errs towards keeping */
  guint64     mask;
  GHashTable *absent; /* (u, v) packed → what map_stretch_absent() said */
  guint64    *old_bits; /* the same for all of the old text (map_gap_new_text()) */
  guint64     old_mask;
  gint32     *same_prev; /* per old sample, the one before holding the same q-gram, on first need (map_same_build()) */
  gint32     *same_next; /* and the one after */
  guint32    *next_once; /* per old sample, the first at or after it held once (n_samples for none): */
  guint64     walked;    /* listed once map_sampled_all_repeated() walked more samples than there are */
  gboolean    win_known; /* map_window()'s last answer: for old [win_s, win_e) */
  gboolean    win_ok;
  gint64      win_s, win_e;
  gint64      win[4];
  guint8     *block_paired; /* per MAP_BLOCK of the old text: whether any of it is paired (map_block_paired()) */
  SpaceCount  spaces[2];    /* non_space_over()'s count in the last new window, and in the last old one */
  gboolean    rep_known;    /* map_quote_repeated_counts()'s last answer: for old [rep_s, rep_e) */
  gint64      rep_s, rep_e;
  int         rep_answer;
  guint       rep_count;
} MapFree;

#define MAP_BASE G_GUINT64_CONSTANT (0x100000001b3)

/* The sampled q-grams of @s: positions and mixed hashes, into arrays of
 * n / 4 + 16 entries (sampling keeps about one in eight, and caps at that:
 * a text of one repeated character would sample everywhere). */
static inline guint64
map_top (void)
{
  guint64 top = 1;

  for (int i = 0; i < MAP_Q - 1; i++)
    top *= MAP_BASE;
  return top;
}

/* One step of the rolling hash at @i, sampling the q-gram ending there. */
static inline void
map_sample_step (const gunichar *s, gint64 i, guint64 *h, guint64 top, gint32 *pos, guint64 *keys, guint *count)
{
  if (i >= MAP_Q)
    *h -= ((guint64) s[i - MAP_Q] + 1) * top;
  *h = *h * MAP_BASE + (guint64) s[i] + 1;
  if (i >= MAP_Q - 1)
    {
      guint64 m = *h * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

      m ^= m >> 29;
      /* Written always, kept by the count: whether a q-gram is sampled is
       * a coin toss (one in eight), which a branch mispredicts every few
       * samples; the store is cheaper.  (Callers stop at the capacity, so
       * the slot at *count is always there.) */
      pos[*count] = (gint32) (i - MAP_Q + 1);
      keys[*count] = m | 1;
      *count += (m >> MAP_SAMPLE_SHIFT) == 0;
    }
}

static guint
map_sample (const gunichar *s, gint64 n, gint32 *pos, guint64 *keys, guint cap)
{
  guint64 h = 0, top = map_top ();
  guint count = 0;

  if (n < MAP_Q)
    return 0;
  for (gint64 i = 0; i < n && count < cap; i++)
    map_sample_step (s, i, &h, top, pos, keys, &count);
  return count;
}

/* map_sample_step() past the first q-gram (@i >= MAP_Q), for a caller
 * that knows *@count stays under its capacity: nothing but the hash. */
static inline void
map_sample_roll (const gunichar *s, gint64 i, guint64 *h, guint64 top, gint32 *pos, guint64 *keys, guint *count)
{
  guint64 m;

  *h -= ((guint64) s[i - MAP_Q] + 1) * top;
  *h = *h * MAP_BASE + (guint64) s[i] + 1;
  m = *h * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  m ^= m >> 29;
  pos[*count] = (gint32) (i - MAP_Q + 1);
  keys[*count] = m | 1;
  *count += (m >> MAP_SAMPLE_SHIFT) == 0;
}

/* map_sample() of the old and the new text at once, with the same
 * results.  The rolling hash is a chain of dependent multiplications, so
 * two chains side by side take about the time of one: this was half of
 * preparing an alignment, which is most of re-anchoring after light edits. */
static void
map_sample_pair (const gunichar *s1, gint64 n1, gint32 *pos1, guint64 *keys1, guint cap1, guint *count1,
                 const gunichar *s2, gint64 n2, gint32 *pos2, guint64 *keys2, guint cap2, guint *count2)
{
  guint64 h1 = 0, h2 = 0, top = map_top ();
  guint c1 = 0, c2 = 0;
  gint64 i, j;

  if (n1 < MAP_Q || n2 < MAP_Q)
    {
      *count1 = map_sample (s1, n1, pos1, keys1, cap1);
      *count2 = map_sample (s2, n2, pos2, keys2, cap2);
      return;
    }
  for (i = 0; i < MAP_Q && i < n1 && i < n2 && c1 < cap1 && c2 < cap2; i++)
    {
      map_sample_step (s1, i, &h1, top, pos1, keys1, &c1);
      map_sample_step (s2, i, &h2, top, pos2, keys2, &c2);
    }
  /* Then in runs that cannot reach either capacity (a step samples at
   * most once), so that the loop tests nothing else: its tests were a
   * good part of the work.  The runs end where the loop above would. */
  while (i >= MAP_Q && i < n1 && i < n2 && c1 < cap1 && c2 < cap2)
    {
      gint64 run = MIN (MIN (n1, n2) - i, (gint64) MIN (cap1 - c1, cap2 - c2));

      for (gint64 end = i + run; i < end; i++)
        {
          map_sample_roll (s1, i, &h1, top, pos1, keys1, &c1);
          map_sample_roll (s2, i, &h2, top, pos2, keys2, &c2);
        }
    }
  for (j = i; j < n1 && c1 < cap1; j++)
    map_sample_step (s1, j, &h1, top, pos1, keys1, &c1);
  for (j = i; j < n2 && c2 < cap2; j++)
    map_sample_step (s2, j, &h2, top, pos2, keys2, &c2);
  *count1 = c1;
  *count2 = c2;
}

static MapSlot *
map_slot (MapSlot *table, guint64 mask, guint64 key)
{
  guint64 b = (key >> 17) & mask;

  while (table[b].key != 0 && table[b].key != key)
    b = (b + 1) & mask;
  return &table[b];
}

/* Whether the line that a stretch ends in part-way (texts disagreeing at
 * old @b, new @bn, with @step 1) or starts in part-way (disagreeing at
 * @b, @bn, with @step -1) goes on past the disagreement: a piece of six
 * characters (four of them letters) of the old line's rest, taken within
 * a few characters of it, stands in the new text a little further on
 * (after a typo, a reflowed space, an inserted word or sentence).  A line
 * whose rest is nowhere near is another line that only starts (ends) like
 * this one: code lines that begin with the same call, list items with the
 * same first words.  A line with too little left to tell is believed. */
#define MAP_LINE_PIECE 6
#define MAP_LINE_AHEAD 128

/* Whether the old text holds the piece at @x (MAP_LINE_PIECE code points,
 * read with @step) again within MAP_LINE_AHEAD of it, either way: a name
 * or a word the passage keeps repeating ("Raspberry Pi Foundation" in a
 * caption and in the next line) can stand a little further on in the new
 * text whichever line follows, so finding it there shows nothing. */
static gboolean
map_piece_repeats_near (const gunichar *old, gint64 n_old, gint64 x, int step)
{
  gint64 from = MAX (0, x - MAP_LINE_AHEAD - MAP_LINE_PIECE);
  gint64 to = MIN (n_old, x + MAP_LINE_AHEAD + MAP_LINE_PIECE);

  for (gint64 y = from; y < to; y++)
    {
      gint64 t;

      if (y == x)
        continue;
      for (t = 0; t < MAP_LINE_PIECE; t++)
        {
          gint64 a = x + step * t, b = y + step * t;

          if (b < 0 || b >= n_old || old[a] != old[b])
            break;
        }
      if (t == MAP_LINE_PIECE)
        return TRUE;
    }
  return FALSE;
}

static gboolean
map_line_goes_on (const gunichar *old, gint64 n_old, const gunichar *new, gint64 n_new,
                  gint64 b, gint64 bn, int step)
{
  gint64 left = 0, tried = 0;

  for (gint64 x = b; x >= 0 && x < n_old && old[x] != '\n'; x += step)
    left += is_alnum (old[x]) ? 1 : 0;
  if (left < 4)
    return TRUE;
  for (gint64 off = 0; off <= MAP_EDGE_SLACK; off++)
    {
      gint64 x0 = b + step * off, letters = 0, t;

      for (t = 0; t < MAP_LINE_PIECE; t++)
        {
          gint64 x = x0 + step * t;

          if (x < 0 || x >= n_old || old[x] == '\n')
            break;
          letters += is_alnum (old[x]) ? 1 : 0;
        }
      if (t < MAP_LINE_PIECE || letters < 4)
        continue;
      tried++;
      /* Tried, but it cannot show the line goes on. */
      if (map_piece_repeats_near (old, n_old, x0, step))
        continue;
      for (gint64 d = 0; d <= MAP_LINE_AHEAD; d++)
        {
          gint64 y0 = bn + step * d;

          for (t = 0; t < MAP_LINE_PIECE; t++)
            {
              gint64 y = y0 + step * t;

              if (y < 0 || y >= n_new || new[y] != old[x0 + step * t])
                break;
            }
          if (t == MAP_LINE_PIECE)
            return TRUE;
        }
    }
  return tried == 0;
}

/* Whether two lines' rests read the same, whitespace aside: old from @x
 * and new from @y, read with @step, up to both line breaks, or for 32
 * characters, or for 8 up to where one line ends (a reflowed space);
 * past the first 8, one punctuation mark more on either side is passed
 * over.  Where one line ends right where the other has a space and goes on, the
 * ended line's next line is read on, once: a space reflowed into a line
 * break ("rfc7233": false," printed as "rfc7233":" and "false,") leaves
 * the line's rest on the next line, and too little before it to tell. */
static gboolean
map_rests_read_alike (const gunichar *old, gint64 n_old, gint64 x, const gunichar *new, gint64 n_new,
                      gint64 y, int step)
{
  gint64 agreed = 0;
  gboolean reflowed = FALSE, skipped = FALSE;

  for (;;)
    {
      gboolean eo, en, so = FALSE, sn = FALSE;

      for (; x >= 0 && x < n_old && old[x] != '\n' && is_space (old[x]); x += step)
        so = TRUE;
      for (; y >= 0 && y < n_new && new[y] != '\n' && is_space (new[y]); y += step)
        sn = TRUE;
      eo = x < 0 || x >= n_old || old[x] == '\n';
      en = y < 0 || y >= n_new || new[y] == '\n';
      if (eo != en && !reflowed && agreed > 0 && (eo ? sn : so))
        {
          /* Over the line break and the next line's indentation. */
          reflowed = TRUE;
          if (eo)
            for (x += step; x >= 0 && x < n_old && old[x] != '\n' && is_space (old[x]); x += step)
              ;
          else
            for (y += step; y >= 0 && y < n_new && new[y] != '\n' && is_space (new[y]); y += step)
              ;
          eo = x < 0 || x >= n_old || old[x] == '\n';
          en = y < 0 || y >= n_new || new[y] == '\n';
        }
      if (eo && en)
        return TRUE;
      if (eo || en)
        return agreed >= 8;
      /* One punctuation mark more or fewer, past a few characters that
       * agree, is an edit inside the rest, not another line's rest: a
       * comma that went (", consectetur adipisicing elit sed do") stops
       * the reading short of 32 characters, and the line that went,
       * whose part alike was paired in the new line's place, stays
       * unseen. */
      if (old[x] != new[y] && !skipped && agreed >= 8 && (!is_alnum (old[x]) || !is_alnum (new[y])))
        {
          skipped = TRUE;
          if (!is_alnum (old[x]))
            x += step;
          else
            y += step;
          continue;
        }
      if (old[x] != new[y])
        return FALSE;
      if (++agreed >= 32)
        return TRUE;
      x += step, y += step;
    }
}

/* How many characters two lines' rests agree for, whitespace aside (old
 * from @x, new from @y, read with @step), up to the first that differs,
 * a line's end, or 32. */
static gint64
map_rests_agree (const gunichar *old, gint64 n_old, gint64 x, const gunichar *new, gint64 n_new,
                 gint64 y, int step)
{
  gint64 agreed = 0;

  while (agreed < 32)
    {
      for (; x >= 0 && x < n_old && old[x] != '\n' && is_space (old[x]); x += step)
        ;
      for (; y >= 0 && y < n_new && new[y] != '\n' && is_space (new[y]); y += step)
        ;
      if (x < 0 || x >= n_old || old[x] == '\n' || y < 0 || y >= n_new || new[y] == '\n' ||
          old[x] != new[y])
        break;
      agreed++;
      x += step, y += step;
    }
  return agreed;
}

/* Whether the part of a line, old [from, to) (as for
 * map_part_is_other_line()), of MAP_MIN_SEGMENT letters or more, is the
 * start (@step 1; the end, @step -1) of the next (previous) line too, and
 * the new line's rest reads as that line's: a line went between two lines
 * that start alike ("Mutable history shared across …", "Mutable history
 * shared by …").  A part that long is never asked whether its line goes
 * on (map_line_goes_on()), and its rest, however long, differs from the
 * new line's: only the line next to it tells, at whatever distance. */
static gboolean
map_part_is_next_line (const TextMap *map, gint64 from, gint64 to, gint64 bn, int step)
{
  const gunichar *old = map->old;
  gint64 n_old = map->n_old, len = to - from, letters = 0, y, at;

  /* Cheapest first: asked of nearly every stretch that ends in a line.
   * (A shorter part is asked too: map_line_goes_on() can be fooled by a
   * word the two lines share — "Loop over the cells in …" went, "Loop
   * over all of the unconstrained cells in …" after it stayed — and the
   * next line starting alike with its rest read in the new text is the
   * stronger sign.) */
  if (len < MAP_LINE_START)
    return FALSE;
  for (y = step > 0 ? to : from - 1; y >= 0 && y < n_old && old[y] != '\n'; y += step)
    ;
  at = step > 0 ? y + 1 : y - len;
  /* (The part holds no line break: a match lies within that line.) */
  if (y < 0 || y >= n_old || at < 0 || at + len > n_old || old[at] != old[from] ||
      memcmp (old + at, old + from, (gsize) len * sizeof (gunichar)) != 0)
    return FALSE;
  for (gint64 x = from; x < to; x++)
    letters += is_space (old[x]) ? 0 : 1;
  if (letters < MAP_LINE_START)
    return FALSE;
  if (map_rests_read_alike (old, n_old, step > 0 ? at + len : at - 1, map->new, map->n_new, bn, step) &&
      !map_rests_read_alike (old, n_old, step > 0 ? to : from - 1, map->new, map->n_new, bn, step))
    return TRUE;
  /* A typo in the new line's rest stops it reading as the next line's
   * ("From Firefox 85 it's also possile …" for "… also possible …", the
   * line before it, "… it's now possible …", gone): it still does when
   * MAP_LINE_START characters of it agree with the next line's before the
   * typo, and not even a few with the line's own. */
  if (map_rests_agree (old, n_old, step > 0 ? at + len : at - 1, map->new, map->n_new, bn, step) >= MAP_LINE_START &&
      map_rests_agree (old, n_old, step > 0 ? to : from - 1, map->new, map->n_new, bn, step) < MAP_EDGE_SLACK)
    return TRUE;
  /* So does a word inserted right after the start they share ("Raspberry
   * of Pi Foundation is …" for "Raspberry Pi Foundation is …", the line
   * before it, "Raspberry Pi 3 - A credit card …", gone): the new rest
   * past its first word reads as the next line's, and neither it nor the
   * whole rest as the line's own. */
  y = bn;
  while (y >= 0 && y < map->n_new && map->new[y] != '\n' && is_space (map->new[y]))
    y += step;
  while (y >= 0 && y < map->n_new && map->new[y] != '\n' && !is_space (map->new[y]))
    y += step;
  return y >= 0 && y < map->n_new && map->new[y] != '\n' &&
         map_rests_agree (old, n_old, step > 0 ? at + len : at - 1, map->new, map->n_new, y, step) >= MAP_LINE_START &&
         map_rests_agree (old, n_old, step > 0 ? to : from - 1, map->new, map->n_new, y, step) < MAP_EDGE_SLACK &&
         map_rests_agree (old, n_old, step > 0 ? to : from - 1, map->new, map->n_new, bn, step) < MAP_EDGE_SLACK;
}

/* Whether the part of a line that agreeing text holds past a line break,
 * old [from, to) (@step 1: the line's start, the texts disagreeing at old
 * @to, new @bn; @step -1: the line's end, disagreeing at old @from - 1,
 * new @bn), belongs to another line: the old text starts (ends) another
 * line close by with the same part, and the new line's rest reads as that
 * other line's rest, not as this one's.  The rows of a table, alike code
 * lines: one went, and its start was paired with the next row's, which
 * survived whole. */
static gboolean
map_part_is_other_line (const TextMap *map, gint64 from, gint64 to, gint64 bn, int step)
{
  const gunichar *old = map->old;
  gint64 n_old = map->n_old, len = to - from;
  gint64 lo = MAX (0, from - MAP_LINE_AHEAD), hi = MIN (n_old - len, from + MAP_LINE_AHEAD);
  gint64 b = step > 0 ? to : from - 1, left = 0;

  /* Only a line with too little left to tell (under four letters; see
   * map_line_goes_on()): a longer rest that disagrees shows a different
   * line by itself, and the search below is not paid for every line. */
  for (gint64 x = b; x >= 0 && x < n_old && old[x] != '\n' && left < 4; x += step)
    left += is_alnum (old[x]) ? 1 : 0;
  if (left >= 4)
    return map_part_is_next_line (map, from, to, bn, step);
  if (len <= 0 || map_rests_read_alike (old, n_old, b, map->new, map->n_new, bn, step))
    return FALSE;
  for (gint64 y = lo; y <= hi; y++)
    {
      gboolean edge;

      if (old[y] != old[from])
        continue;
      edge = step > 0 ? (y == 0 || old[y - 1] == '\n') : (y + len == n_old || old[y + len] == '\n');
      if (y != from && edge && memcmp (old + y, old + from, (gsize) len * sizeof (gunichar)) == 0 &&
          map_rests_read_alike (old, n_old, step > 0 ? y + len : y - 1, map->new, map->n_new, bn, step))
        return TRUE;
    }
  return FALSE;
}

/* Whether the part of a line that a stretch starts with, old [a, j) at new
 * @an, is also, word for word, what the old text has right after the old
 * character the new text before @an is paired with (within a few skipped
 * characters, a deleted comma): two lines that end alike (L1 "…path, X",
 * L2 "…device, X") where L2 moved away, and the stretch anchored on what
 * followed L2 ran back into L1's end.  In the new text it follows L1's
 * start, so it reads as L1's as well; the stretch's line is not shown
 * to be there. */
static gboolean
map_part_follows_other (const TextMap *map, gint64 a, gint64 an, gint64 j)
{
  gint64 o, len = j - a;

  if (an <= 0 || map->n2o[an - 1] < 0)
    return FALSE;
  o = map->n2o[an - 1];
  for (gint64 k = 1; k <= MAP_EDGE_SLACK + 1; k++)
    if (o + k != a && o + k + len <= map->n_old &&
        memcmp (map->old + o + k, map->old + a, (gsize) len * sizeof (gunichar)) == 0)
      return TRUE;
  return FALSE;
}

static gint64 verbatim_in (const gunichar *t, gint64 from, gint64 to, const gunichar *q, gint64 m, int *out_count);

/* Characters at a stretch's edge on which alone its being once in the
 * old text may rest. */
#define MAP_EDGE_TELLS 2
/* How far from such a stretch another copy of the rest is looked for
 * (asked of every stretch just long enough to pair: kept short). */
#define MAP_EDGE_TELLS_REACH 2048

/* Whether the agreeing stretch old [a, b), short, is the old text's only
 * copy of itself by no more than a character or two at one edge: all but
 * those, the old text holds elsewhere near it (within 2,048 characters: a
 * phrase the page uses twice, " com o presidente ", whose one copy went;
 * the other's, with "again" inserted after it, agreed for one more letter
 * with the copy that went).  Which copy the new text's is, its edge cannot say (the
 * gap's walk between the stretches around it may still pair it, where
 * they follow each other in both texts). */
static gboolean
map_stretch_rests_on_edge (const TextMap *map, gint64 a, gint64 b, gint64 po)
{
  gint64 lo = MAX (0, a - MAP_EDGE_TELLS_REACH), hi = MIN (map->n_old, b + MAP_EDGE_TELLS_REACH);
  gint64 m = b - a - MAP_EDGE_TELLS;
  gboolean inside = po >= a && po + MAP_Q <= b;
  int count = 0;

  /* Only when, without them, too little agrees to pair (as for a
   * stretch too short): a longer stretch is evidence by itself. */
  if (m >= MAP_MIN_SEGMENT)
    return FALSE;
  /* Two copies within reach: this one and another.  (A part that holds
   * the q-gram the stretch grew from, once in the old text, is once
   * too: not searched for.) */
  if (!inside || po + MAP_Q > b - MAP_EDGE_TELLS)
    {
      verbatim_in (map->old, lo, hi, map->old + a, m, &count);
      if (count >= 2)
        return TRUE;
    }
  if (!inside || po < a + MAP_EDGE_TELLS)
    verbatim_in (map->old, lo, hi, map->old + a + MAP_EDGE_TELLS, m, &count);
  return count >= 2;
}

static guint map_first_sample (const TextMap *map, gint64 from);

/* Whether a q-gram sampled wholly inside old [@from, @to) occurs once in
 * the old text: then the old text holds no other verbatim copy of that
 * text, and looking for one (a scan of thousands of characters) is
 * spared. */
static gboolean
map_sampled_once_within (const TextMap *map, gint64 from, gint64 to)
{
  for (guint i = map_first_sample (map, from); i < map->n_samples && map->samples[i] + MAP_Q <= to; i++)
    if (map->table[map->sample_slots[i]].pos_old != -2)
      return TRUE;
  return FALSE;
}

/* Whether the stretch old [@a, @b), grown from the q-gram at old @po that
 * occurs once in each text, kept too little of that q-gram to be once
 * itself: its growth stopped at text another stretch had paired already,
 * where the texts still agree (the text beyond it is that stretch's), and
 * the q-gram runs past that edge, while the old text holds what is kept
 * verbatim again nearby (within 2,048 characters).  A q-gram once in each
 * text only by the indentation of the next line ("laborum. \n" and eight
 * spaces before a heading, nine before a paragraph in the new text): the
 * stretch it grows runs back into the tail of alike paragraphs and pairs
 * one copy with whichever stands there; the paragraph's own stretch,
 * found first, takes the indentation, and what is left is any copy's. */
static gboolean
map_stretch_lost_seed (const TextMap *map, gint64 a, gint64 b, gint64 po, gboolean claimed_a, gboolean claimed_b)
{
  gint64 lo = MAX (0, a - MAP_EDGE_TELLS_REACH), hi = MIN (map->n_old, b + MAP_EDGE_TELLS_REACH);
  int count = 0;

  if (!((po + MAP_Q > b && claimed_b) || (po < a && claimed_a)) || map_sampled_once_within (map, a, b))
    return FALSE;
  verbatim_in (map->old, lo, hi, map->old + a, b - a, &count);
  return count >= 2;
}

/* Whether the stretch being extended, blocked at old @x, new @xn (read
 * with @step: 1 forward, -1 backward) by new text that a stretch found
 * earlier holds, takes that text back: the earlier stretch reached the new
 * line only across a line break, for a part of fewer than MAP_MIN_SEGMENT
 * letters at its own edge, while this one agrees with all of the line's
 * rest it holds, MAP_MIN_SEGMENT letters or more, and with the part up to
 * the line break too.  The line is this one's ("…the tradeoff|s involved."
 * paired with "…the user|s involved." of a paragraph that moved in after
 * it: stretches are found in old order, and the paragraph that moved
 * stood first).  The part is unpaired, up to and with its line break
 * (what the earlier stretch keeps past it still holds MAP_MIN_SEGMENT
 * characters), for this stretch to take. */
/* (Not inlined: asked rarely, and kept out of the loop over samples.) */
static G_GNUC_NO_INLINE gboolean
map_line_part_taken (TextMap *map, gint64 x, gint64 xn, int step)
{
  gint64 o0, k, part = 0, ours = 0, rest = 0;

  if (x < 0 || x >= map->n_old || xn < 0 || xn >= map->n_new || map->n2o[xn] < 0 ||
      map->o2n[x] >= 0 || map->old[x] != map->new[xn])
    return FALSE;
  o0 = map->n2o[xn];
  /* The earlier stretch's own edge, then its part up to the line break. */
  if (o0 - step >= 0 && o0 - step < map->n_old && map->o2n[o0 - step] >= 0)
    return FALSE;
  for (k = 0;; k++)
    {
      gint64 y = x + step * k, yn = xn + step * k;

      if (y < 0 || y >= map->n_old || yn < 0 || yn >= map->n_new || map->n2o[yn] != o0 + step * k ||
          map->o2n[y] >= 0 || map->old[y] != map->new[yn])
        return FALSE;
      if (map->new[yn] == '\n')
        break;
      part += is_space (map->new[yn]) ? 0 : 1;
      if (part >= MAP_MIN_SEGMENT)
        return FALSE;
    }
  for (gint64 yn = xn + step * (k + 1); yn >= 0 && yn < map->n_new && rest < MAP_MIN_SEGMENT &&
                                        map->n2o[yn] == o0 + (yn - xn); yn += step)
    rest++;
  if (rest < MAP_MIN_SEGMENT)
    return FALSE;
  /* This stretch's own part of the line, back from where it was blocked
   * (its characters are not paired yet). */
  for (gint64 y = x - step, yn = xn - step;
       y >= 0 && y < map->n_old && yn >= 0 && yn < map->n_new && map->new[yn] != '\n' &&
       map->old[y] == map->new[yn] && map->o2n[y] < 0 && map->n2o[yn] < 0;
       y -= step, yn -= step)
    ours += is_space (map->new[yn]) ? 0 : 1;
  if (ours < MAP_MIN_SEGMENT || ours <= part)
    return FALSE;
  for (gint64 t = 0; t <= k; t++)
    {
      map->o2n[o0 + step * t] = -1;
      map->n2o[xn + step * t] = -1;
    }
  return TRUE;
}

/* Whether old [@x, @x + MAP_RUN) and new [@xn, @xn + MAP_RUN) agree and
 * are all unpaired: a stretch is grown a run at a time first, with no
 * branch inside a run (growing one character at a time, with four tests
 * each, was a tenth of text_map_build(): stretches are paragraphs and
 * more), then character by character to its exact end. */
#define MAP_RUN 8

static inline gboolean
map_run_free (const TextMap *map, gint64 x, gint64 xn)
{
  guint32 bad = 0;

  /* (Unpaired is -1: the sign bit of o2n & n2o is clear when either is
   * paired.) */
  for (int k = 0; k < MAP_RUN; k++)
    bad |= (map->old[x + k] ^ map->new[xn + k]) | (~(guint32) (map->o2n[x + k] & map->n2o[xn + k]) >> 31);
  return bad == 0;
}

#define MAP_SHORT_STARTS 512

static void map_drop_islands (TextMap *map, gint64 *starts, guint n);

static void
text_map_build (TextMap *map, ClipperAnchorText *old, ClipperAnchorText *new)
{
  /* The short stretches' new starts, for map_drop_islands(): on the
   * stack, or, for a long text with more of them, on the heap. */
  gint64 short_stack[MAP_SHORT_STARTS], *short_starts = short_stack;
  g_autofree gint64 *short_heap = NULL;
  guint n_short = 0, cap_short = MAP_SHORT_STARTS;
  Scratch *scratch = map->scratch;
  guint cap_old = (guint) (old->n / 4 + 16), cap_new = (guint) (new->n / 4 + 16);
  gint32 *pos_old = clipper_anchor_scratch_take (scratch, SCRATCH_SAMPLES, cap_old * sizeof (gint32));
  guint64 *keys_old = clipper_anchor_scratch_take (scratch, SCRATCH_KEYS_OLD, cap_old * sizeof (guint64));
  gint32 *pos_new = clipper_anchor_scratch_take (scratch, SCRATCH_POS_NEW, cap_new * sizeof (gint32));
  guint64 *keys_new = clipper_anchor_scratch_take (scratch, SCRATCH_KEYS_NEW, cap_new * sizeof (guint64));
  guint32 *slot_old = NULL;
  MapSlot *table = NULL;
  guint n_old, n_new;
  guint64 size = 16, mask;

  map->old = old->cps;
  map->n_old = old->n;
  map->new = new->cps;
  map->n_new = new->n;
  map->o2n = clipper_anchor_scratch_take (scratch, SCRATCH_O2N, sizeof (gint32) * (gsize) MAX (old->n, 1));
  map->n2o = clipper_anchor_scratch_take (scratch, SCRATCH_N2O, sizeof (gint32) * (gsize) MAX (new->n, 1));
  memset (map->o2n, 0xff, sizeof (gint32) * (gsize) MAX (old->n, 1));
  memset (map->n2o, 0xff, sizeof (gint32) * (gsize) MAX (new->n, 1));

  map_sample_pair (old->cps, old->n, pos_old, keys_old, cap_old, &n_old,
                   new->cps, new->n, pos_new, keys_new, cap_new, &n_new);
  /* Only the old text's q-grams are kept: half full at most. */
  while (size < 2 * (guint64) n_old)
    size *= 2;
  mask = size - 1;
  table = clipper_anchor_scratch_take (scratch, SCRATCH_TABLE, sizeof (MapSlot) * size);
  memset (table, 0, sizeof (MapSlot) * size);
  map->table = table;
  map->mask = mask;
  slot_old = clipper_anchor_scratch_take (scratch, SCRATCH_SAMPLE_SLOTS, sizeof (guint32) * MAX (n_old, 1));

  for (guint i = 0; i < n_old; i++)
    {
      MapSlot *sl = map_slot (table, mask, keys_old[i]);

      if (sl->key == 0)
        {
          sl->key = keys_old[i];
          sl->pos_old = pos_old[i];
          sl->pos_new = -1;
        }
      else
        sl->pos_old = -2;
      slot_old[i] = (guint32) (sl - table);
    }
  for (guint i = 0; i < n_new; i++)
    {
      MapSlot *sl = map_slot (table, mask, keys_new[i]);

      if (sl->key == 0)
        continue; /* not in the old text at all */
      sl->pos_new = sl->pos_new == -1 ? pos_new[i] : -2;
    }

  /* Kept for map_copies_count_changed() (and map_sampled_once_within()). */
  map->samples = pos_old;
  map->sample_slots = slot_old;
  map->n_samples = n_old;

  /* In old order, so that each stretch is found once. */
  for (guint i = 0; i < n_old; i++)
    {
      const MapSlot *sl = &table[slot_old[i]];
      gint64 po, pn, a, an, b, bn;
      gboolean claimed_a, claimed_b;

      if (sl->pos_old < 0 || sl->pos_new < 0)
        continue;
      po = sl->pos_old;
      pn = sl->pos_new;
      if (map->o2n[po] >= 0 || map->n2o[pn] >= 0)
        continue;
      if (memcmp (map->old + po, map->new + pn, MAP_Q * sizeof (gunichar)) != 0)
        continue; /* a hash collision */
      a = po, an = pn;
      while (a >= MAP_RUN && an >= MAP_RUN && map_run_free (map, a - MAP_RUN, an - MAP_RUN))
        a -= MAP_RUN, an -= MAP_RUN;
      while (a > 0 && an > 0 && map->old[a - 1] == map->new[an - 1] &&
             map->o2n[a - 1] < 0 && map->n2o[an - 1] < 0)
        a--, an--;
      /* (Rare: the loops above stay as tight as they were.) */
      while (a > 0 && an > 0 && map->n2o[an - 1] >= 0 && map_line_part_taken (map, a - 1, an - 1, -1))
        while (a > 0 && an > 0 && map->old[a - 1] == map->new[an - 1] &&
               map->o2n[a - 1] < 0 && map->n2o[an - 1] < 0)
          a--, an--;
      b = po, bn = pn;
      while (b + MAP_RUN <= map->n_old && bn + MAP_RUN <= map->n_new && map_run_free (map, b, bn))
        b += MAP_RUN, bn += MAP_RUN;
      while (b < map->n_old && bn < map->n_new && map->old[b] == map->new[bn] &&
             map->o2n[b] < 0 && map->n2o[bn] < 0)
        b++, bn++;
      while (bn < map->n_new && map->n2o[bn] >= 0 && map_line_part_taken (map, b, bn, 1))
        while (b < map->n_old && bn < map->n_new && map->old[b] == map->new[bn] &&
               map->o2n[b] < 0 && map->n2o[bn] < 0)
          b++, bn++;
      /* (Stopped by another stretch's pairs, not by the texts.) */
      claimed_a = a > 0 && an > 0 && map->old[a - 1] == map->new[an - 1];
      claimed_b = b < map->n_old && bn < map->n_new && map->old[b] == map->new[bn];
      /* Lines start alike (indentation, a quote mark, a bullet): a stretch
       * that runs past a line break for only a few letters has most likely
       * met another paragraph that starts the same way, not this one's
       * continuation. */
      if (b < map->n_old && bn < map->n_new)
        {
          gint64 letters = 0, j;

          /* Letters count only up to MAP_MIN_SEGMENT (the tests below);
           * past that only where the line starts is looked for: a
           * stretch can be an article long. */
          for (j = b - 1; j > a && map->old[j] != '\n' && letters < MAP_MIN_SEGMENT; j--)
            letters += is_space (map->old[j]) ? 0 : 1;
          while (j > a && map->old[j] != '\n')
            j--;
          if (j > a && map->old[j] == '\n' &&
              (letters < MAP_LINE_START ||
               (letters < MAP_MIN_SEGMENT && !map_line_goes_on (map->old, map->n_old, map->new, map->n_new, b, bn, 1)) ||
               map_part_is_other_line (map, j + 1, b, bn, 1)))
            {
              bn -= b - (j + 1), b = j + 1;
              /* Nor is a blank line evidence: one is like any other. */
              while (b - 1 > a)
                {
                  for (j = b - 2; j > a && map->old[j] != '\n' && is_space (map->old[j]); j--)
                    ;
                  if (j <= a || map->old[j] != '\n')
                    break;
                  bn -= b - (j + 1), b = j + 1;
                }
            }
        }
      if (a > 0 && an > 0)
        {
          gint64 letters = 0, j;

          /* (As above.) */
          for (j = a; j < b && map->old[j] != '\n' && letters < MAP_MIN_SEGMENT; j++)
            letters += is_space (map->old[j]) ? 0 : 1;
          while (j < b && map->old[j] != '\n')
            j++;
          if (j < b && map->old[j] == '\n' &&
              (letters < MAP_LINE_START || map_part_follows_other (map, a, an, j) ||
               (letters < MAP_MIN_SEGMENT && !map_line_goes_on (map->old, map->n_old, map->new, map->n_new, a - 1, an - 1, -1)) ||
               map_part_is_other_line (map, a, j, an - 1, -1)))
            {
              an += j + 1 - a, a = j + 1;
              while (a < b)
                {
                  for (j = a; j < b && map->old[j] != '\n' && is_space (map->old[j]); j++)
                    ;
                  if (j >= b || map->old[j] != '\n')
                    break;
                  an += j + 1 - a, a = j + 1;
                }
            }
        }
      if (b - a < MAP_MIN_SEGMENT || map_stretch_rests_on_edge (map, a, b, po) ||
          map_stretch_lost_seed (map, a, b, po, claimed_a, claimed_b))
        continue;
      for (gint64 j = a; j < b; j++)
        {
          map->o2n[j] = (gint32) (an + (j - a));
          map->n2o[an + (j - a)] = (gint32) j;
        }
      if (b - a < 2 * MAP_MIN_SEGMENT)
        {
          if (n_short == cap_short)
            {
              short_heap = g_renew (gint64, short_heap, (gsize) cap_short * 2);
              if (short_starts == short_stack)
                memcpy (short_heap, short_stack, sizeof short_stack);
              short_starts = short_heap;
              cap_short *= 2;
            }
          short_starts[n_short++] = an;
        }
    }
  map_drop_islands (map, short_starts, n_short);
}

/* Drops short stretches (under 2 * MAP_MIN_SEGMENT) that stand, in the new
 * text, where the stretches around them leave a hole in the old text of
 * about their size: within 2 * MAP_ISLAND characters on each side, new
 * text paired with old text around an unpaired stretch of it, as long as
 * the new text between them within MAP_GAP_STEP, all on one line in both
 * texts, and the short stretch paired with old text from elsewhere.  The
 * hole's own text, edited, stands there, and a punctuation edit made a
 * piece of it read as old text elsewhere: ", so that" losing its comma to
 * read as " repository so that " of a sentence that went; "ABC News, and
 * Politifact" as " ABC News and Politifact" of another, words inserted
 * after it.  The gap's walk (text_map_fill()) then pairs the hole's text
 * with what stands there. */
static int
compare_gint64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static G_GNUC_NO_INLINE void
map_drop_islands (TextMap *map, gint64 *starts, guint n)
{
  /* (Only the short stretches text_map_build() found, in new order: a
   * pass over all of the new text costs a few per cent of a light
   * edit's time.) */
  qsort (starts, n, sizeof (gint64), compare_gint64);
  for (guint k = 0; k < n; k++)
    {
      gint64 ns = starts[k], ne, l, r, lo, ro, os;

      /* Gone (taken back by another stretch, or dropped), or the tail of
       * a run that starts before it. */
      if (map->n2o[ns] < 0 || (ns > 0 && map->n2o[ns - 1] >= 0 && map->n2o[ns - 1] == map->n2o[ns] - 1))
        continue;
      os = map->n2o[ns];
      for (ne = ns + 1; ne < map->n_new && map->n2o[ne] == os + (ne - ns); ne++)
        ;
      if (ne - ns >= 2 * MAP_MIN_SEGMENT)
        continue;
      for (l = ns - 1; l >= 0 && ns - l <= 2 * MAP_ISLAND && map->n2o[l] < 0; l--)
        ;
      for (r = ne; r < map->n_new && r - ne < 2 * MAP_ISLAND && map->n2o[r] < 0; r++)
        ;
      if (l < 0 || map->n2o[l] < 0 || r >= map->n_new || map->n2o[r] < 0)
        continue;
      lo = map->n2o[l], ro = map->n2o[r];
      if (ro - lo > 1 && (os + (ne - ns) <= lo || os > ro) &&
          ABS ((ro - lo) - (r - l)) <= MAP_GAP_STEP)
        {
          gint64 x, y;

          /* Inside one line in both texts: lines move whole, and a short
           * line that moved in between two others is no island. */
          for (x = lo + 1; x < ro && map->o2n[x] < 0 && map->old[x] != '\n'; x++)
            ;
          for (y = l + 1; y < r && map->new[y] != '\n'; y++)
            ;
          if (x == ro && y == r)
            for (gint64 j = ns; j < ne; j++)
              {
                map->o2n[map->n2o[j]] = -1;
                map->n2o[j] = -1;
              }
        }
    }
}

/* Letters that must agree for a gap's walk to step back in step. */
#define MAP_RESYNC 4

/* Whether @t from @x holds only whitespace up to its line's end. */
static gboolean
map_line_blank_from (const gunichar *t, gint64 n, gint64 x)
{
  while (x < n && t[x] != '\n' && is_space (t[x]))
    x++;
  return x >= n || t[x] == '\n';
}

/* How much of a piece of a gap's walk, old [i, i + len) against new [j, ..),
 * after which the walk could not step back in step, is evidence.  It is
 * only what agreed before the edit that ended it, and agreeing proves little
 * there.  Whitespace agrees with any whitespace: spaces that agree up to
 * where one side's line ends and the other's goes on are two different
 * lines' (a blank line that came in, paired with the indentation of the one
 * after it), so the piece stops at its last line break; so it does where
 * they agree up to a tab or a space more, and then one side's line is
 * blank and the other's holds text (a blank line that came in between a
 * table's cells, paired with the next cell's indentation up to its tab:
 * "Valentin Kettner" ⏎ "     \t    " against ⏎ "        20526").  And where a
 * passage came or went (@one_line), the letters a step needs agree with any
 * word that has them: "rent " of "Cur|rent", stepped to in "diffe|rent" of
 * an inserted sentence. */
static gint64
map_dead_end_evidence (const TextMap *map, gint64 i, gint64 j, gint64 len, gint64 letters,
                       gboolean continues, gboolean one_line)
{
  if (continues)
    {
      gint64 keep = len;

      if (letters > 0 ||
          (i + len < map->n_old && j + len < map->n_new &&
           (map->old[i + len] == '\n') == (map->new[j + len] == '\n') &&
           map_line_blank_from (map->old, map->n_old, i + len) == map_line_blank_from (map->new, map->n_new, j + len)))
        return len;
      while (keep > 0 && map->old[i + keep - 1] != '\n')
        keep--;
      return keep;
    }
  return one_line && letters <= MAP_RESYNC ? 0 : len;
}

static void
map_pair (TextMap *map, gint64 i, gint64 j)
{
  map->o2n[i] = (gint32) j;
  map->n2o[j] = (gint32) i;
}

/* Pairs what lies between two stretches that follow each other in both
 * texts: old (@po, @qo) against new (@pn, @qn), both exclusive.  Bounded on
 * both sides by sure stretches, the gap is where small edits happened (a
 * typo, a word, changed punctuation), and the text in it is paired by
 * walking both sides together and stepping over the smallest edit that
 * brings them back in step. */
/* Pairs a stretch of agreeing characters found inside a gap, if it is
 * evidence: a few letters, not a line break and some spaces that every
 * paragraph edge has.  @in_step: the walk stepped back in step after it
 * (or it reaches the stretch after). */
static void
map_commit_piece (TextMap *map, gint64 i, gint64 j, gint64 len, gboolean continues, gboolean in_step,
                  gboolean one_line)
{
  gint64 letters = 0;

  for (gint64 t = 0; t < len; t++)
    letters += is_alnum (map->old[i + t]) ? 1 : 0;
  /* Right against a sure stretch, it is that stretch going on (the rest of
   * a word a typo cut); alone in the gap, it needs a few letters. */
  if (letters < 3 && !continues)
    return;
  if (!in_step)
    len = map_dead_end_evidence (map, i, j, len, letters, continues, one_line);
  for (gint64 t = 0; t < len; t++)
    map_pair (map, i + t, j + t);
}

/* A piece the stretch after it holds in step. */
static void
map_commit (TextMap *map, gint64 i, gint64 j, gint64 len, gboolean continues)
{
  map_commit_piece (map, i, j, len, continues, TRUE, FALSE);
}

static gboolean
agree_letters (const TextMap *map, gint64 x, gint64 y, gint64 len)
{
  for (gint64 t = 0; t < len; t++)
    if (map->old[x + t] != map->new[y + t] || !is_alnum (map->old[x + t]))
      return FALSE;
  return TRUE;
}

static gboolean
map_agree (const TextMap *map, gint64 i, gint64 j, gboolean breaks)
{
  return map->old[i] == map->new[j] && (breaks || map->old[i] != '\n');
}

/* Where the blank lines alike in both texts from old @i, new @j on end
 * (old index; new is @j + that - @i), within old @qo and new @qn, and with
 * no line break at or past old @limit: what map_fill_gap() would pair
 * walking forward from the stretch before. */
static gint64
map_blank_lines_ahead (const TextMap *map, gint64 i, gint64 j, gint64 qo, gint64 qn, gint64 limit)
{
  while (i < qo && j < qn)
    {
      gint64 x = i, y = j;

      while (x < qo && map->old[x] != '\n' && is_space (map->old[x]))
        x++;
      while (y < qn && map->new[y] != '\n' && is_space (map->new[y]))
        y++;
      if (x >= qo || y >= qn || map->old[x] != '\n' || map->new[y] != '\n' || x - i != y - j ||
          memcmp (map->old + i, map->new + j, (gsize) (x - i) * sizeof (gunichar)) != 0 ||
          x >= limit)
        break;
      j += x + 1 - i, i = x + 1;
    }
  return i;
}

/* The same backwards from the line breaks old @qo - 1, new @qn - 1, down
 * to old @i, new @j, and not into old text before @limit: where those
 * blank lines start (old index; new is old + @qn - @qo). */
static gint64
map_blank_lines_behind (const TextMap *map, gint64 i, gint64 j, gint64 qo, gint64 qn, gint64 limit)
{
  gint64 eo = qo - 1, en = qn - 1;

  while (eo > i && en > j)
    {
      gint64 x = eo - 1, y = en - 1;

      while (x >= i && map->old[x] != '\n' && is_space (map->old[x]))
        x--;
      while (y >= j && map->new[y] != '\n' && is_space (map->new[y]))
        y--;
      /* x, y: the line break before the blank line, or its first non-space. */
      if (x < i || y < j || map->old[x] != '\n' || map->new[y] != '\n' || eo - x != en - y ||
          memcmp (map->old + x + 1, map->new + y + 1, (gsize) (eo - x) * sizeof (gunichar)) != 0 ||
          x + 1 < limit)
        break;
      eo = x, en = y;
    }
  return eo + 1;
}

/* Whether a gap's walk, out of step at old @i, new @j, may step back in
 * step at old @x, new @y: @resync letters agree there, within the gap's
 * ends @qo, @qn, and (@one_line) without stepping over a line break. */
static gboolean
map_gap_step_at (const TextMap *map, gint64 i, gint64 j, gint64 x, gint64 y, gint64 qo, gint64 qn,
                 gint64 resync, gboolean one_line)
{
  if (x + resync > qo || y + resync > qn || !agree_letters (map, x, y, resync))
    return FALSE;
  for (gint64 t = i; one_line && t < x; t++)
    if (map->old[t] == '\n')
      return FALSE;
  for (gint64 t = j; one_line && t < y; t++)
    if (map->new[t] == '\n')
      return FALSE;
  return TRUE;
}

/* How far the texts agree from old @x, new @y, within the gap's ends. */
static gint64
map_gap_agree_len (const TextMap *map, gint64 x, gint64 y, gint64 qo, gint64 qn, gboolean breaks)
{
  gint64 len = 0;

  while (x + len < qo && y + len < qn && map_agree (map, x + len, y + len, breaks))
    len++;
  return len;
}

/* Pairs what lies between two stretches that follow each other in both
 * texts: old (@po, @qo) against new (@pn, @qn), both exclusive.  Bounded on
 * both sides by sure stretches and of about the same length in both, the
 * gap is where small edits happened (a typo, a word, changed punctuation),
 * and the text in it is paired by walking both sides together and stepping
 * over the smallest edit that brings three letters back in step.  Line
 * breaks are never paired here: which paragraph edge is which is exactly
 * what a gap cannot tell. */
static void
map_fill_gap (TextMap *map, gint64 po, gint64 pn, gint64 qo, gint64 qn)
{
  gint64 i = po + 1, j = pn + 1, from_i, from_j, piece;
  /* A passage came or went here: only the line the stretch before ended
   * in is followed, and never past a line break. */
  gboolean one_line = ABS ((qo - po) - (qn - pn)) > MAP_GAP_STEP;
  /* Letters that must agree to step back in step: more where a passage
   * came or went, for coincidences are likelier there. */
  gint64 resync = MAP_RESYNC;
  /* Where nothing came or went, the stretches on both sides hold the
   * gap's paragraph edges in place: its line breaks (and the blank lines
   * the stretches stopped short of) are walked like any other text. */
  gboolean breaks = !one_line;

  for (gint64 t = pn + 1; t < qn; t++)
    if (map->n2o[t] >= 0)
      return; /* something else lies there */
  /* Blank lines right after the stretch before (or right before the one
   * after), the same in both texts, are the ones between them: the gap is
   * bounded by the two stretches in both texts, and a passage that came
   * or went starts (ends) with a line of its own, not with a blank one.
   * Paired, they keep a passage that gained a sentence in one piece. */
  /* But a blank line both walks would pair, each with another (alike)
   * blank line, is one neither can place: which of alike blank lines came
   * or went, the texts do not say (a blank line moved in among a block's).
   * Each walk stops short of what the other would take. */
  gboolean ahead = one_line && po >= 0 && pn >= 0 && map->old[po] == '\n' && map->new[pn] == '\n';
  gboolean behind = one_line && qo < map->n_old && qn < map->n_new && qo > i && qn > j &&
                    map->old[qo - 1] == '\n' && map->new[qn - 1] == '\n';
  gint64 ahead_to = ahead ? map_blank_lines_ahead (map, i, j, qo, qn, qo) : i;
  gint64 behind_from = behind ? map_blank_lines_behind (map, i, j, qo, qn, 0) : qo;

  if (ahead_to <= behind_from)
    ahead_to = po + 1, behind_from = qo; /* nothing in dispute */
  if (ahead)
    {
      gint64 to = map_blank_lines_ahead (map, i, j, qo, qn, behind_from);

      for (; i < to; i++, j++)
        map_pair (map, i, j);
    }
  if (one_line && qo < map->n_old && qn < map->n_new && qo > i && qn > j &&
      map->old[qo - 1] == '\n' && map->new[qn - 1] == '\n')
    {
      gint64 from = map_blank_lines_behind (map, i, j, qo, qn, ahead_to);

      for (gint64 t = from; t < qo; t++)
        map_pair (map, t, t + (qn - qo));
    }
  if (one_line && (po < 0 || pn < 0 || map->old[po] == '\n' || map->new[pn] == '\n'))
    return;

  from_i = i, from_j = j;
  while (i < qo && j < qn)
    {
      gboolean found = FALSE;
      gint64 step = 0;

      if (map_agree (map, i, j, breaks))
        {
          i++, j++;
          continue;
        }
      piece = i - from_i;
      /* A piece that ran past a line break into the start of a row alike
       * others, the new line reading on as another one's: that part is
       * the other row's (map_part_is_other_line()); the walk, out of step
       * since the line break, stops there. */
      {
        gint64 lb = i - 1;

        while (lb >= from_i && map->old[lb] != '\n')
          lb--;
        if (lb >= from_i && map_part_is_other_line (map, lb + 1, i, j, 1))
          {
            map_commit_piece (map, from_i, from_j, lb + 1 - from_i, from_i == po + 1 && from_j == pn + 1 && po >= 0,
                              TRUE, one_line);
            j = from_j + (lb + 1 - from_i), i = lb + 1;
            from_i = i, from_j = j;
            break;
          }
      }
      /* The nearest place where three letters agree again. */
      for (gint64 d = 1; d <= MAP_GAP_STEP && !found; d++)
        for (gint64 di = 0; di <= d && !found; di++)
          if (map_gap_step_at (map, i, j, i + di, j + d - di, qo, qn, resync, one_line))
            {
              step = d;
              i += di, j += d - di, found = TRUE;
            }
      /* Four letters agree by chance too: a word of the quote and an
       * inserted one that share them ("gr|ound around" stepped to "f|ound"
       * of an inserted "found"; the quote's "that are" to an inserted
       * "that of the").  Where the texts then agree for less than twice
       * that and part again, and from a farther step, four characters or
       * more off the near one's diagonal (a word came or went there, not a
       * letter: a typo right after another leaves a short agreement too),
       * they agree for a stretch's length or up to the stretch after, the
       * farther step is the edit.  Only within a line, the step and the
       * agreement both: alike lines ("link" rows, blank lines) agree at
       * any step and for as long as they repeat. */
      if (found && step < MAP_GAP_STEP)
        {
          gint64 i0 = from_i + piece, j0 = from_j + piece;
          gint64 near = map_gap_agree_len (map, i, j, qo, qn, breaks);
          gboolean settled = near >= 2 * MAP_RESYNC || (i + near == qo && j + near == qn);

          for (gint64 d = step + 1; d <= MAP_GAP_STEP && !settled; d++)
            for (gint64 di = 0; di <= d && !settled; di++)
              {
                gint64 x = i0 + di, y = j0 + d - di, len;

                if (ABS ((x - y) - (i - j)) < MAP_RESYNC || !map_gap_step_at (map, i0, j0, x, y, qo, qn, resync, TRUE))
                  continue;
                len = map_gap_agree_len (map, x, y, qo, qn, FALSE);
                if (len >= MAP_MIN_SEGMENT || (len >= 2 * MAP_RESYNC && x + len == qo && y + len == qn))
                  i = x, j = y, settled = TRUE;
              }
        }
      /* The piece that agreed before this edit: whether the walk steps
       * back in step after it tells how much it is worth. */
      map_commit_piece (map, from_i, from_j, piece, from_i == po + 1 && from_j == pn + 1 && po >= 0, found,
                        one_line);
      from_i = i, from_j = j;
      if (!found)
        break;
    }
  if (i > from_i)
    map_commit (map, from_i, from_j, i - from_i, from_i == po + 1 && from_j == pn + 1 && po >= 0);
  /* And from the far end back, for what the walk could not reach. */
  for (i = qo - 1, j = qn - 1; i > po && j > pn && map->o2n[i] < 0 && map->n2o[j] < 0 &&
       map_agree (map, i, j, breaks); i--, j--)
    ;
  /* As for a dead end (map_dead_end_evidence()), but backwards: spaces
   * that agree back to where one side's line starts while the other's
   * goes on in whitespace are two different lines' (a blank line of 12
   * spaces paired with the end of one of 21 that came in before the
   * quote's next line); the piece starts after its first line break. */
  if (i > po && j > pn && map->o2n[i] < 0 && map->n2o[j] < 0 &&
      (map->old[i] == '\n') != (map->new[j] == '\n') &&
      is_space (map->old[i]) && is_space (map->new[j]))
    {
      gint64 k = i + 1;

      while (k < qo && map->old[k] != '\n' && is_space (map->old[k]))
        k++;
      if (k < qo && map->old[k] == '\n')
        j += k - i, i = k;
    }
  if (qo - 1 - i > 0)
    map_commit (map, i + 1, j + 1, qo - 1 - i, qo < map->n_old);
}

static void
text_map_fill (TextMap *map)
{
  gint64 po = -1, pn = -1;

  for (gint64 i = 0; i < map->n_old; i++)
    {
      gint32 m = map->o2n[i];

      if (m < 0)
        continue;
      /* The texts' starts bound the first gap like a stretch would. */
      if (i - po > 1 && m > pn + 1 && i - po <= MAP_GAP_MAX && m - pn <= MAP_GAP_MAX)
        map_fill_gap (map, po, pn, i, m);
      po = i, pn = m;
    }
  /* And their ends the last one. */
  if (po >= 0 && map->n_old - po > 1 && map->n_new > pn + 1 &&
      map->n_old - po <= MAP_GAP_MAX && map->n_new - pn <= MAP_GAP_MAX)
    map_fill_gap (map, po, pn, map->n_old, map->n_new);
}

/* Folded q-grams (MAP_FREE_Q letters, marks or symbols) of the new text's
 * unpaired characters: where a passage that survived but could not be
 * paired (too changed, or moved) must stand. */
#define MAP_FREE_Q 5

/* The folded q-grams of a stretch of text, a code point at a time: the
 * last MAP_FREE_Q folded characters (one that folds to nothing is passed
 * over) and their polynomial, rolled.  Every q-gram loop below walks a
 * text through one: fold_grams_push() each code point, and where it says
 * a q-gram ends there, fold_grams_key() or fold_grams_chars();
 * fold_grams_reset() where a stretch ends. */
typedef struct
{
  gunichar ring[MAP_FREE_Q];
  gint64   n;   /* folded characters taken in since the reset */
  guint64  h;   /* the last MAP_FREE_Q of them, f[0] * MAP_BASE^4 + … + f[4] */
} FoldGrams;

static inline void
fold_grams_reset (FoldGrams *g)
{
  g->n = 0;
  g->h = 0;
}

static inline guint64
fold_grams_top (void)
{
  guint64 top = 1;

  for (int i = 0; i < MAP_FREE_Q; i++)
    top *= MAP_BASE;
  return top;
}

/* Takes in the text's code point @c: whether a q-gram ends at it. */
static inline gboolean
fold_grams_push (FoldGrams *g, gunichar c)
{
  guint64 leaves;

  if ((c = fold_char (c)) == 0)
    return FALSE;
  /* Roll: the character MAP_FREE_Q back leaves, @c comes in. */
  leaves = g->n >= MAP_FREE_Q ? (guint64) g->ring[g->n % MAP_FREE_Q] * fold_grams_top () : 0;
  g->h = g->h * MAP_BASE + c - leaves;
  g->ring[g->n++ % MAP_FREE_Q] = c;
  return g->n >= MAP_FREE_Q;
}

/* The q-gram's key in the old text's filter (map_old_build()): its
 * polynomial, rolled (two multiplications a character, where hashing each
 * q-gram anew costs five), mixed. */
static inline guint64
fold_grams_key (const FoldGrams *g)
{
  guint64 h = g->h;

  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return h ^ (h >> 32);
}

/* The q-gram's folded characters, in order. */
static inline void
fold_grams_chars (const FoldGrams *g, gunichar *f)
{
  for (int i = 0; i < MAP_FREE_Q; i++)
    f[i] = g->ring[(g->n + i) % MAP_FREE_Q];
}

static inline guint64
map_free_key (const gunichar *f)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (int i = 0; i < MAP_FREE_Q; i++)
    h = (h ^ f[i]) * MAP_BASE;
  return h | 1;
}

/* A q-gram's key in a two-bit Bloom filter of @mask + 1 bits (one bit
 * from each half of the key), as the unpaired new text's and the old
 * text's q-grams are kept below. */
static inline void
bloom_add (guint64 *bits, guint64 mask, guint64 key)
{
  for (int h = 0; h < 2; h++, key >>= 32)
    bits[(key & mask) / 64] |= G_GUINT64_CONSTANT (1) << (key % 64);
}

static inline gboolean
bloom_has (const guint64 *bits, guint64 mask, guint64 key)
{
  return ((bits[(key & mask) / 64] >> (key % 64)) & 1) &&
         ((bits[((key >> 32) & mask) / 64] >> ((key >> 32) % 64)) & 1);
}

/* Indexes them: each unpaired stretch folded on its own, for a q-gram
 * across paired text is not text that could be the passage.  Built on
 * first need: most re-anchoring never asks (text shown deleted by its
 * neighbours alone needs no search). */
static void
map_free_build (const TextMap *map)
{
  MapFree *mf = map->free;
  FoldGrams g;
  gint64 count = 0;
  guint64 size = 4096;

  for (gint64 j = 0; j < map->n_new; j++)
    count += map->n2o[j] < 0 ? 1 : 0;
  /* 32 bits a q-gram, two of them set: about one in 250 lookups of an
   * absent one says "there". */
  while (size < (guint64) count * 32)
    size <<= 1;
  mf->bits = g_new0 (guint64, size / 64);
  mf->mask = size - 1;

  fold_grams_reset (&g);
  for (gint64 j = 0; j < map->n_new; j++)
    {
      gunichar f[MAP_FREE_Q];

      if (map->n2o[j] >= 0)
        {
          fold_grams_reset (&g);
          continue;
        }
      if (!fold_grams_push (&g, map->new[j]))
        continue;
      fold_grams_chars (&g, f);
      bloom_add (mf->bits, mf->mask, map_free_key (f));
    }
}

static gboolean
map_free_has (const TextMap *map, guint64 key)
{
  const MapFree *mf = map->free;

  if (mf->bits == NULL)
    map_free_build (map);
  return bloom_has (mf->bits, mf->mask, key);
}

/* Folded q-grams of all of the old text, as map_free_build() does the new
 * text's unpaired ones (fewer bits: a false "there" only keeps a break
 * cautious).  Built on first need. */
static void
map_old_build (const TextMap *map)
{
  MapFree *mf = map->free;
  FoldGrams g;
  guint64 size = 4096;

  while (size < (guint64) map->n_old * 8)
    size <<= 1;
  mf->old_bits = g_new0 (guint64, size / 64);
  mf->old_mask = size - 1;
  fold_grams_reset (&g);
  for (gint64 i = 0; i < map->n_old; i++)
    if (fold_grams_push (&g, map->old[i]))
      bloom_add (mf->old_bits, mf->old_mask, fold_grams_key (&g));
}

static gboolean
map_old_has (const TextMap *map, guint64 key)
{
  const MapFree *mf = map->free;

  if (mf->old_bits == NULL)
    map_old_build (map);
  return bloom_has (mf->old_bits, mf->old_mask, key);
}

/* Folded q-grams a stretch of unpaired text needs for map_gap_new_text()
 * to judge it. */
#define MAP_NEW_TEXT_GRAMS 8
/* MAP_LONG_TEXT, defined further on. */
#define MAP_NEW_TEXT_MAX_OLD 65536
/* Q-grams in a row (twelve folded characters) that all stand in the old
 * text: a piece of it, not an inserted sentence's common words. */
#define MAP_NEW_TEXT_RUN 8

/* Whether the unpaired text of new (@from, @to) is new text: fewer than
 * half of its folded q-grams (within each unpaired stretch) stand
 * anywhere in the old text, and never MAP_NEW_TEXT_RUN of them in a row.
 * An inserted sentence shares a few with it (common words: a quarter or
 * so, a word's worth in a row); text moved in from elsewhere, even with a
 * typo every few words, keeps nearly all of its own, and so does the
 * quote's own text, too changed to pair.  Never with two line breaks. */
static gboolean
map_gap_new_text (const TextMap *map, gint64 from, gint64 to)
{
  FoldGrams g;
  gint64 grams = 0, there = 0, breaks = 0, run = 0;

  /* (Only for old texts shorter than MAP_LONG_TEXT: a longer one's
   * q-grams cost more to list than its rare inserted sentences give.) */
  if (map->free == NULL || map->n_old >= MAP_NEW_TEXT_MAX_OLD)
    return FALSE;
  /* A line of its own between two line breaks (the paired ones at its
   * ends too) may be a short line from elsewhere ("UX draft", moved in,
   * "again" inserted into it), too short to show its q-grams; one line
   * break is a reflow in or beside an inserted sentence. */
  for (gint64 j = from; j <= to && j < map->n_new; j++)
    if (map->new[j] == '\n' && ++breaks > 1)
      return FALSE;
  fold_grams_reset (&g);
  for (gint64 j = from + 1; j < to; j++)
    {
      if (map->n2o[j] >= 0)
        {
          fold_grams_reset (&g);
          run = 0;
          continue;
        }
      if (!fold_grams_push (&g, map->new[j]))
        continue;
      grams++;
      if (map_old_has (map, fold_grams_key (&g)))
        {
          there++;
          if (++run >= MAP_NEW_TEXT_RUN)
            return FALSE;
        }
      else
        run = 0;
    }
  return grams >= MAP_NEW_TEXT_GRAMS && there * 2 < grams;
}

/* How many characters of old [u, v), unpaired, are absent from the new
 * text's unpaired text: runs of MAP_FREE_RUN folded characters or more,
 * within a line, in no folded q-gram that stands anywhere in that text,
 * each from its first folded character to its last (the whitespace around
 * a passage that went, blank lines between blocks, may well have stayed).
 * Text that survived, even with a typo every few words, has every
 * character but the typo's in some q-gram that is still there; unrelated
 * text shares a few (common words, a suffix), which only splits its runs.
 * Within a line, for a stretch may be a paragraph that went and the start
 * of the next, too changed to pair ("Emery" → "Emerry"); and a run that
 * ends beside covered text gives up the q-gram's length there, for a typo
 * next to the text that went uncovers what surrounds it. */
#define MAP_FREE_RUN 12

static gint64 map_stretch_absent_uncached (const TextMap *map, gint64 u, gint64 v);

/* The same stretches are asked about several times per highlight (and for
 * highlights that overlap). */
static gint64
map_stretch_absent (const TextMap *map, gint64 u, gint64 v)
{
  gpointer key = GSIZE_TO_POINTER (((gsize) u << 32) | (gsize) v), value;
  gint64 absent;

  if (map->free->absent == NULL)
    map->free->absent = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (g_hash_table_lookup_extended (map->free->absent, key, NULL, &value))
    return (gint64) GPOINTER_TO_SIZE (value);
  absent = map_stretch_absent_uncached (map, u, v);
  g_hash_table_insert (map->free->absent, key, GSIZE_TO_POINTER ((gsize) absent));
  return absent;
}

/* Whether the new character old @o is paired with has, on side @step
 * (past a space of its own, when it is one), an unpaired letter: a word
 * inserted beside it. */
static gboolean
map_inserted_word_beside (const TextMap *map, gint64 o, int step)
{
  gint64 n = map->o2n[o];

  if (n < 0)
    return FALSE;
  if (is_space (map->new[n]))
    n += step;
  if (n < 0 || n >= map->n_new || map->n2o[n] >= 0)
    return FALSE;
  n += step;
  return n >= 0 && n < map->n_new && map->n2o[n] < 0 && is_alnum (map->new[n]);
}

static gint64
map_stretch_absent_uncached (const TextMap *map, gint64 u, gint64 v)
{
  g_autofree gunichar *f = g_new (gunichar, MAX (v - u, 1));
  g_autofree gint64 *raw = g_new (gint64, MAX (v - u, 1));
  g_autofree gboolean *covered = NULL;
  gint64 nf = 0, absent = 0, line_from = 0, run_from = -1;
  gboolean mid_start, mid_end;

  for (gint64 i = u; i < v; i++)
    {
      gunichar c = fold_char (map->old[i]);

      if (c != 0)
        raw[nf] = i, f[nf++] = c;
    }
  /* A stretch's end inside a line meets the paired text beyond it; where
   * a word came in right beside that text in the new one, a word of the
   * stretch's there, shorter than a q-gram, may have survived on the
   * inserted word's other side ("to do| expected| this," where "(Alibaba
   * says it has no plans to do" went but for its last words), and no
   * q-gram can show it: the run gives up a q-gram's length there, as
   * where it meets covered letters.  (Not at every end inside a line:
   * with nothing inserted there, the gap's walk would have paired such a
   * word, and giving up its length at every stretch costs right
   * placements their margin.) */
  mid_start = u > 0 && !is_line_break (map->old[u - 1]) && map_inserted_word_beside (map, u - 1, 1);
  mid_end = v < map->n_old && !is_line_break (map->old[v]) && map_inserted_word_beside (map, v, -1);
  if (nf < MAP_FREE_RUN)
    return 0;
  covered = g_new0 (gboolean, nf);
  for (gint64 i = 0; i + MAP_FREE_Q <= nf; i++)
    if (map_free_has (map, map_free_key (f + i)))
      for (gint64 j = i; j < i + MAP_FREE_Q; j++)
        covered[j] = TRUE;

  for (gint64 i = 0; i <= nf; i++)
    {
      gboolean line_ends = i == nf;

      /* A line break between folded characters i - 1 and i ends a line. */
      if (!line_ends && i > line_from)
        for (gint64 r = raw[i - 1] + 1; r < raw[i] && !line_ends; r++)
          line_ends = is_line_break (map->old[r]);
      if (run_from >= 0 && (line_ends || covered[i]))
        {
          gint64 a = run_from, b = i;

          if (a > line_from || (a == 0 && mid_start))
            a += MAP_FREE_Q - 1;
          if (!line_ends || (i == nf && mid_end))
            b -= MAP_FREE_Q - 1;
          if (b - a >= MAP_FREE_RUN)
            absent += raw[b - 1] + 1 - raw[a];
          run_from = -1;
        }
      if (line_ends)
        line_from = i;
      if (i < nf && !covered[i] && run_from < 0)
        run_from = i;
    }
  return absent;
}

static void
text_map_clear (TextMap *map)
{
  /* (The arrays are the scratch's.) */
  map->o2n = map->n2o = map->samples = NULL;
  map->table = NULL;
  map->sample_slots = NULL;
  map->scratch = NULL;
  if (map->free != NULL)
    {
      g_free (map->free->bits);
      g_free (map->free->old_bits);
      g_free (map->free->same_prev);
      g_free (map->free->same_next);
      g_free (map->free->next_once);
      g_free (map->free->block_paired);
      g_clear_pointer (&map->free->absent, g_hash_table_unref);
    }
  g_clear_pointer (&map->free, g_free);
  g_clear_pointer (&map->twins, g_array_unref);
}

/* Whether the old text holds @exact (UTF-8) at [s, e). */
static gboolean
old_has_quote (const TextMap *map, const char *exact, gint64 s, gint64 e)
{
  const char *p = exact;
  gint64 i = s;

  if (exact == NULL || s < 0 || e > map->n_old || s >= e)
    return FALSE;
  /* (Every highlight asks this first: ASCII compared without decoding,
   * and a quote of as many bytes as its offsets' code points all at once,
   * without a branch a byte: it is ASCII, and then the same text, when no
   * byte has its high bit and every byte is its code point.) */
  if (strlen (exact) == (gsize) (e - s))
    {
      guint32 diff = 0, high = 0;

      for (gint64 b = 0; b < e - s; b++)
        {
          diff |= (guint32) (guchar) exact[b] ^ map->old[s + b];
          high |= (guchar) exact[b];
        }
      if ((high & 0x80) == 0)
        return diff == 0;
    }
  for (; *p != 0 && i < e; i++)
    {
      if ((guchar) *p < 0x80)
        {
          if ((gunichar) (guchar) *p != map->old[i])
            return FALSE;
          p++;
          continue;
        }
      if (g_utf8_get_char (p) != map->old[i])
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return *p == 0 && i == e;
}

typedef struct {
  gint32 o, n;
} MapPair;

static int
compare_pairs_by_new (const void *a, const void *b)
{
  const MapPair *x = a, *y = b;

  return x->n < y->n ? -1 : x->n > y->n ? 1 : 0;
}

/* Whether new text strictly between @from and @to holds characters that
 * came from old text outside [s, e): a passage that moved in between. */
/* Whether new text strictly between @from and @to breaks a run: 0 no,
 * BREAK_SURE when text from elsewhere in the old text lies there (or the
 * two are far apart), BREAK_CAUTION when an unpaired paragraph does (new
 * text, or old text too changed to pair: we cannot tell, so the parts are
 * placed apart but judged together). */
enum { BREAK_NONE, BREAK_SURE, BREAK_CAUTION };

static gint64 blank_line_chars (const gunichar *t, gint64 from, gint64 to);

/* How many lines of @t [from, to) between two line breaks hold a letter
 * (@letter), or only whitespace (not @letter). */
static gint64
inner_lines (const gunichar *t, gint64 from, gint64 to, gboolean letter)
{
  gint64 count = 0;
  gboolean has_letter = FALSE, blank = TRUE, seen_break = FALSE;

  for (gint64 i = from; i < to; i++)
    {
      if (t[i] == '\n')
        {
          count += seen_break && (letter ? has_letter : blank) ? 1 : 0;
          seen_break = TRUE;
          has_letter = FALSE;
          blank = TRUE;
          continue;
        }
      has_letter = has_letter || is_alnum (t[i]);
      blank = blank && is_space (t[i]);
    }
  return count;
}

static inline gint64
letter_lines (const gunichar *t, gint64 from, gint64 to)
{
  return inner_lines (t, from, to, TRUE);
}

static inline gint64
blank_lines (const gunichar *t, gint64 from, gint64 to)
{
  return inner_lines (t, from, to, FALSE);
}

/* Non-space characters from which an unpaired line between two paired
 * characters of a run is asked where it came from. */
#define MAP_MOVED_LINE_CHARS 12


/* Folded q-grams of the old gap, at most this many, that
 * map_gap_line_moved_in() compares a line with (a longer gap is not a
 * line's worth of the quote's text: not asked). */
#define MAP_MOVED_GAP_GRAMS 1024

/* The folded q-grams of old (@old_from, @old_to), at most
 * MAP_MOVED_GAP_GRAMS of them, into @gap (@n_gap of them); FALSE when
 * there are more. */
static gboolean
map_gap_old_grams (const TextMap *map, gint64 old_from, gint64 old_to, guint64 *gap, guint *n_gap)
{
  FoldGrams g;

  *n_gap = 0;
  fold_grams_reset (&g);
  for (gint64 i = MAX (old_from + 1, 0); i < old_to && i < map->n_old; i++)
    {
      if (!fold_grams_push (&g, map->old[i]))
        continue;
      if (*n_gap == MAP_MOVED_GAP_GRAMS)
        return FALSE;
      gap[(*n_gap)++] = fold_grams_key (&g);
    }
  return TRUE;
}

/* Whether new (from, to), unpaired between two paired characters, holds a
 * whole line (MAP_MOVED_LINE_CHARS non-space characters or more, none of
 * them paired) whose folded q-grams nearly all (three quarters, and
 * MAP_NEW_TEXT_RUN in a row) stand in the old text while fewer than a
 * quarter stand in the old text between old_from and old_to: a line from
 * elsewhere, edited (so no verbatim copy, see
 * map_gap_line_from_elsewhere()) and moved in between two lines of the
 * quote ('"href": "https://…/inbox",' of a JSON example far up the page,
 * with a typo, where a sentence of the quote went).  The quote's own text
 * between the two, however edited, keeps its q-grams in the old gap; an
 * inserted sentence has few in the old text at all.  (Old texts under
 * MAP_NEW_TEXT_MAX_OLD, as map_gap_new_text().) */
static gboolean
map_gap_line_moved_in (const TextMap *map, gint64 from, gint64 to, gint64 old_from, gint64 old_to)
{
  guint64 gap[MAP_MOVED_GAP_GRAMS];
  FoldGrams g;
  guint n_gap = 0;
  gboolean built = FALSE;

  if (map->free == NULL || map->n_old >= MAP_NEW_TEXT_MAX_OLD)
    return FALSE;
  while (from > 0 && map->new[from] != '\n' && is_space (map->new[from]))
    from--;
  for (gint64 j = from; j < to; j++)
    {
      gint64 k, chars = 0, grams = 0, in_old = 0, in_gap = 0, run = 0, best_run = 0;

      if (map->new[j] != '\n')
        continue;
      for (k = j + 1; k < to && map->new[k] != '\n' && (map->n2o[k] < 0 || is_space (map->new[k])); k++)
        chars += is_space (map->new[k]) ? 0 : 1;
      /* (The line's own line break may be the paired character after it.) */
      if (k > to || map->new[k] != '\n' || (k < to && map->n2o[k] >= 0) || chars < MAP_MOVED_LINE_CHARS)
        {
          j = k - 1;
          continue;
        }
      /* The old gap's q-grams, once a line asks (most gaps hold none). */
      if (!built)
        {
          built = TRUE;
          if (!map_gap_old_grams (map, old_from, old_to, gap, &n_gap))
            return FALSE;
        }
      fold_grams_reset (&g);
      for (gint64 i = j + 1; i < k; i++)
        {
          guint64 key;

          if (!fold_grams_push (&g, map->new[i]))
            continue;
          key = fold_grams_key (&g);
          grams++;
          if (map_old_has (map, key))
            {
              in_old++;
              run++;
              best_run = MAX (best_run, run);
            }
          else
            run = 0;
          for (guint g = 0; g < n_gap; g++)
            if (gap[g] == key)
              {
                in_gap++;
                break;
              }
        }
      if (grams >= MAP_NEW_TEXT_GRAMS && in_old * 4 >= grams * 3 && best_run >= MAP_NEW_TEXT_RUN &&
          in_gap * 4 < grams)
        return TRUE;
      j = k - 1;
    }
  return FALSE;
}

/* Whether new (from, to), unpaired between two paired characters, holds a
 * whole line (12 non-space characters or more, none of them paired) that
 * the old text holds verbatim, line breaks and all, near old (old_from,
 * old_to) but not there: a line that moved in from elsewhere (a row of a
 * table the page prints several times, which the alignment cannot pair
 * for that), not what is left of the quote's text between the two.  The
 * quote's own lines, however edited, are in the old gap or are not
 * another line verbatim. */
static gboolean
map_gap_line_from_elsewhere (const TextMap *map, gint64 from, gint64 to, gint64 old_from, gint64 old_to)
{
  gint64 lo = MAX (0, old_from - 2 * MAP_CONTEXT_REACH);
  gint64 hi = MIN (map->n_old, old_to + 2 * MAP_CONTEXT_REACH);

  /* The line's indentation may be paired, with that of the line it now
   * stands before ("SELECT\n " paired, " 3 │ …" not). */
  while (from > 0 && map->new[from] != '\n' && is_space (map->new[from]))
    from--;
  for (gint64 j = from; j < to; j++)
    {
      gint64 k, chars = 0;
      int count = 0;

      if (map->new[j] != '\n')
        continue;
      for (k = j + 1; k < to && map->new[k] != '\n' && (map->n2o[k] < 0 || is_space (map->new[k])); k++)
        chars += is_space (map->new[k]) ? 0 : 1;
      if (k >= to || map->new[k] != '\n' || map->n2o[k] >= 0 || chars < MAP_MOVED_LINE_CHARS)
        continue;
      /* "\n" + line + "\n": the whole line, not a part of a longer one. */
      verbatim_in (map->old, old_from, MIN (map->n_old, old_to + 1), map->new + j, k - j + 1, &count);
      if (count == 0)
        {
          verbatim_in (map->old, lo, MIN (map->n_old, old_from + 1), map->new + j, k - j + 1, &count);
          if (count == 0)
            verbatim_in (map->old, MAX (0, old_to), hi, map->new + j, k - j + 1, &count);
          if (count > 0)
            return TRUE;
        }
      j = k - 1;
    }
  return FALSE;
}

static int
foreign_between (const TextMap *map, gint64 from, gint64 to, gint64 old_from, gint64 old_to, gint64 s, gint64 e)
{
  gboolean line_break = FALSE;
  gint64 unpaired = 0, breaks_new = 0, breaks_old = 0;

  /* (Nothing between: no test below has anything to go on.  Most pairs
   * of a run are next to each other.) */
  if (to == from + 1)
    return BREAK_NONE;
  if (to - from > 4 * (e - s) + 256)
    return BREAK_SURE; /* far apart: not one passage */
  for (gint64 j = from + 1; j < to; j++)
    {
      gint32 o = map->n2o[j];
      if (o >= 0 && (o < s || o >= e))
        return BREAK_SURE;
      if (o < 0)
        unpaired++, line_break = line_break || map->new[j] == '\n';
      breaks_new += map->new[j] == '\n' ? 1 : 0;
    }
  /* Unpaired text across a line break, more than the old text had there:
   * a paragraph came in between (from elsewhere, too changed to pair, or
   * new); the highlight does not grow by a paragraph. */
  /* (Not when that text is new: an inserted sentence, a line break of a
   * reflow in it or beside it, is inside the quote's part wherever it
   * stands.) */
  if (line_break && unpaired - (old_to - old_from - 1) > MAP_FOREIGN_MAX && !map_gap_new_text (map, from, to))
    return BREAK_CAUTION;
  /* So do lines, however short: two line breaks more than the old text
   * had there (one is a reflowed space), with four unpaired characters
   * more (two bare line breaks are a reflow too), are a line that came
   * in, blank or indentation from another block ("Update\n\n    \n"
   * where the heading was followed by one blank line); its whitespace is
   * not the quote's, and with a changed word nearby too much of the
   * placement would be text from elsewhere. */
  if (line_break && unpaired - (old_to - old_from - 1) >= 4)
    {
      for (gint64 i = old_from + 1; i < old_to; i++)
        breaks_old += map->old[i] == '\n' ? 1 : 0;
      if (breaks_new >= breaks_old + 2)
        return BREAK_CAUTION;
    }
  /* A line of text that went, and in its place a blank line more than the
   * old text had there (with its whitespace: not two bare line breaks, a
   * reflow): no edit of the quote turns its line into a blank one, so the
   * blank line came in (with a paragraph that moved next to where the
   * line was), and which of the alike blank lines is the quote's the texts
   * do not say.  (Only when it is more than a placement may take in from
   * elsewhere: a shorter one does no harm where it is.) ("NEWSLETTER\n    \n    \n    Emery" where "NEWSLETTER\n
   * \n    Snopes …\n    Emery" stood). */
  if (line_break && unpaired > MAP_FOREIGN_MAX)
    {
      gint64 blank_new = blank_line_chars (map->new, from, to);

      if (blank_new >= MAP_FOREIGN_MAX &&
          blank_new >= blank_line_chars (map->old, old_from, old_to) + MAP_FOREIGN_MAX &&
          blank_lines (map->new, from, to) > blank_lines (map->old, old_from, old_to) &&
          letter_lines (map->new, from, to) < letter_lines (map->old, old_from, old_to))
        return BREAK_CAUTION;
    }
  /* A whole line between them that the old text holds elsewhere, not
   * here, came in from there (see map_gap_line_from_elsewhere()). */
  if (line_break && unpaired >= MAP_MOVED_LINE_CHARS &&
      map_gap_line_from_elsewhere (map, from, to, old_from, old_to))
    return BREAK_CAUTION;
  /* So did one that reads, edited, as old text from elsewhere and not as
   * the quote's own text there (see map_gap_line_moved_in()); its line
   * breaks may be the paired characters at its ends. */
  if (unpaired >= MAP_MOVED_LINE_CHARS &&
      map_gap_line_moved_in (map, from, to, old_from, old_to))
    return BREAK_CAUTION;
  return BREAK_NONE;
}

/* Whether new (@from, @to), all unpaired, between two paired characters
 * of a quote whose old ones, @old_from and @old_to, have only unpaired
 * text of the quote between them, is that text with text inserted into
 * it: no more than MAP_EDGE_LINE_REACH characters longer, with at most
 * one line break (a reflow) more and no line of its own more, and of its
 * folded q-grams that the old text between does not hold (the inserted
 * text's, a typo's), MAP_NEW_TEXT_GRAMS or more, fewer than half stand
 * anywhere in the old text and never MAP_NEW_TEXT_RUN of them in a row
 * (new text, as map_gap_new_text() judges it).  A sentence inserted inside a quote
 * leaves the quote's two sides paired and the text between unpaired, and
 * foreign_between() keeps them apart with caution when the quote's own
 * words there, edited, are too many for map_gap_new_text() to call it
 * new, or a reflowed line break stands there too: a paragraph from
 * elsewhere, or another copy's text, can stand between two parts as well.
 * Those are old text, and keep its q-grams; the quote's own words between
 * are set aside by the old text between ("Quuite ⏎in from however were
 * which. lieu le tournagge!" where " lieu le tournage. " stood).  (Old
 * texts under MAP_NEW_TEXT_MAX_OLD, as map_gap_new_text().)  Returns
 * GAP_INSERTED when it is, with MAP_NEW_TEXT_GRAMS of those q-grams in a
 * row (a stretch that came in, not typos) and the quote's own words
 * between still there; GAP_DOUBT when it would be but for those two (the
 * break then stands, and a placement that needs it is refused);
 * GAP_NOT_INSERTED else. */
enum { GAP_NOT_INSERTED, GAP_INSERTED, GAP_DOUBT };

static int
map_gap_inserted_inside (const TextMap *map, gint64 from, gint64 to, gint64 old_from, gint64 old_to)
{
  guint64 gap[MAP_MOVED_GAP_GRAMS];
  FoldGrams g;
  guint n_gap = 0;
  gint64 grams = 0, there = 0, run = 0, breaks_new = 0, breaks_old = 0, came = 0, came_best = 0;

  if (map->free == NULL || map->n_old >= MAP_NEW_TEXT_MAX_OLD || old_to <= old_from ||
      (to - from) > (old_to - old_from) + MAP_EDGE_LINE_REACH)
    return GAP_NOT_INSERTED;
  for (gint64 i = old_from + 1; i < old_to; i++)
    {
      if (map->o2n[i] >= 0)
        return GAP_NOT_INSERTED;
      breaks_old += map->old[i] == '\n' ? 1 : 0;
    }
  for (gint64 j = from + 1; j < to; j++)
    {
      if (map->n2o[j] >= 0)
        return GAP_NOT_INSERTED;
      breaks_new += map->new[j] == '\n' ? 1 : 0;
    }
  /* (Nor a line of its own more, with letters or blank: a line that
   * moved in, "UX draft" from elsewhere with "again" inserted into it,
   * too short for its q-grams to show where it came from.) */
  if (breaks_new > breaks_old + 1 ||
      blank_lines (map->new, from, to + 1) > blank_lines (map->old, old_from, old_to + 1) ||
      letter_lines (map->new, from, to + 1) > letter_lines (map->old, old_from, old_to + 1))
    return GAP_NOT_INSERTED;
  /* The old text between: the quote's own words, edited or not. */
  if (!map_gap_old_grams (map, old_from, old_to, gap, &n_gap))
    return GAP_NOT_INSERTED;
  fold_grams_reset (&g);
  for (gint64 j = from + 1; j < to; j++)
    {
      guint64 key;
      gboolean own = FALSE;

      if (!fold_grams_push (&g, map->new[j]))
        continue;
      key = fold_grams_key (&g);
      for (guint g = 0; g < n_gap && !own; g++)
        own = gap[g] == key;
      if (own)
        {
          run = came = 0;
          continue;
        }
      grams++;
      came++;
      came_best = MAX (came_best, came);
      if (map_old_has (map, key))
        {
          there++;
          if (++run >= MAP_NEW_TEXT_RUN)
            return GAP_NOT_INSERTED;
        }
      else
        run = 0;
    }
  if (grams < MAP_NEW_TEXT_GRAMS || there * 2 >= grams)
    return GAP_NOT_INSERTED;
  /* Text came in: a stretch of it, MAP_NEW_TEXT_GRAMS q-grams in a row
   * that the old text between lacks (twelve folded characters), not
   * typos scattered over the quote's own words ("said heads wheeen
   * flilppxng" for "heads when flipping" between a line the alignment
   * paired with a copy of the quote's first line, which went, and the
   * quote's rest: seed 299, mathjax). */
  if (came_best < MAP_NEW_TEXT_GRAMS)
    return GAP_DOUBT;
  /* And the quote's own words between stayed there: three quarters of
   * their folded characters, in order, in the text between (typos
   * aside).  Where they went elsewhere (a line of the quote that moved
   * further down) or stand nowhere ("4.3.6", a table's row, where
   * "again said 2811" stands: the row beside it moved in), the text
   * between is not the quote's with text inserted into it. */
  {
    g_autofree gunichar *fo = NULL, *fn = NULL;
    gint64 no = clipper_anchor_fold_string (map->old + old_from + 1, old_to - old_from - 1, &fo);
    gint64 nn = clipper_anchor_fold_string (map->new + from + 1, to - from - 1, &fn);
    g_autofree gint32 *row = g_new0 (gint32, nn + 1);

    /* (The longest common subsequence, a row at a time.) */
    for (gint64 a = 0; a < no; a++)
      {
        gint32 diag = 0;

        for (gint64 b = 0; b < nn; b++)
          {
            gint32 up = row[b + 1];

            row[b + 1] = fo[a] == fn[b] ? diag + 1 : MAX (up, row[b]);
            diag = up;
          }
      }
    if (row[nn] * 4 < no * 3)
      return GAP_DOUBT;
  }
  /* Nor did a line of them go (moved or deleted: "<script>mocha.setup
   * ('bdd');</script>" from between two lines of a listing, seed 381): the
   * text between keeps every line break the old text had there. */
  if (breaks_new < breaks_old)
    return GAP_DOUBT;
  return GAP_INSERTED;
}

/* How many characters of the unpaired old stretch [u, v) may have survived:
 * when the old text on both sides is paired, in order, to new text, no more
 * than the new text between (the rest went); otherwise all of them. */
static gint64
map_stretch_survivors (const TextMap *map, gint64 u, gint64 v)
{
  gint64 before = G_MININT64, after = G_MININT64;

  /* The texts' ends bound a stretch as paired characters do: old -1 is new
   * -1, old n_old is new n_new. */
  for (gint64 i = u - 1; i >= -1 && i >= u - 64; i--)
    if (i < 0 || map->o2n[i] >= 0)
      {
        before = (i < 0 ? -1 : map->o2n[i]) + (u - 1 - i);
        break;
      }
  for (gint64 i = v; i <= map->n_old && i < v + 64; i++)
    if (i == map->n_old || map->o2n[i] >= 0)
      {
        after = (i == map->n_old ? map->n_new : map->o2n[i]) - (i - v);
        break;
      }
  if (before == G_MININT64 || after == G_MININT64 || after <= before ||
      after - before > 4 * MAP_EDGE_REACH)
    return v - u;
  {
    /* Text paired with old text elsewhere (a paragraph that moved in) is
     * not what is left of this stretch. */
    gint64 unpaired = 0;

    for (gint64 j = MAX (before + 1, 0); j < after && j < map->n_new; j++)
      unpaired += map->n2o[j] < 0 ? 1 : 0;
    return MIN (v - u, unpaired);
  }
}

static int map_quote_repeated (const TextMap *map, gint64 s, gint64 e);

/* Whether the old text holds its [u, v) once, as far as can be told: by
 * the stretch's sampled q-grams, or, when it is too short to have a few
 * (a line of 26 characters may have none), by looking for it verbatim
 * close by (a repeated line of a repeated paragraph). */
static gboolean
map_stretch_once (const TextMap *map, gint64 u, gint64 v)
{
  int repeated = map_quote_repeated (map, u, v);
  gint64 len = v - u, from = MAX (0, u - MAP_CONTEXT_REACH), to = MIN (map->n_old - len, v + MAP_CONTEXT_REACH);

  if (repeated >= 0)
    return repeated == 0;
  for (gint64 t = from; t <= to; t++)
    if (t != u && map->old[t] == map->old[u] &&
        memcmp (map->old + t, map->old + u, (gsize) len * sizeof (gunichar)) == 0)
      return FALSE;
  return TRUE;
}

/* Unpaired new characters beyond a short run next to the unpaired old
 * stretch [u, v) (@step -1: the run ending at u - 1; 1: the one starting
 * at v), between the run and the new character its own old neighbour is
 * paired with, when the run (under 2 * MAP_MIN_SEGMENT characters) stands
 * apart from that neighbour in the new text though not in the old: a
 * short stretch that a repeated phrase made look once in the old text
 * (" that cross-connection", the page saying "cross-connection" twice) may
 * have been paired with the wrong copy, and the stretch's text then
 * survived beyond it.  0 when there is no such run. */
static gint64
map_beyond_short_run (const TextMap *map, gint64 u, gint64 v, int step)
{
  gint64 x = step < 0 ? u - 1 : v, y, beyond, n0, n1, unpaired = 0;

  if (x < 0 || x >= map->n_old || map->o2n[x] < 0)
    return 0;
  /* The run, walked away from the stretch to its far end. */
  for (y = x; y + step >= 0 && y + step < map->n_old && ABS (y - x) < 2 * MAP_MIN_SEGMENT &&
              map->o2n[y + step] >= 0 && map->o2n[y + step] == map->o2n[y] + step;
       y += step)
    ;
  if (ABS (y - x) + 1 >= 2 * MAP_MIN_SEGMENT)
    return 0;
  /* Its old neighbour beyond it, paired in order but apart. */
  beyond = y + step;
  if (beyond < 0 || beyond >= map->n_old || map->o2n[beyond] < 0)
    return 0;
  n0 = map->o2n[beyond];
  n1 = map->o2n[y];
  if (step < 0 ? n0 >= n1 : n0 <= n1)
    return 0;
  for (gint64 k = MIN (n0, n1) + 1; k < MAX (n0, n1); k++)
    unpaired += map->n2o[k] < 0 ? 1 : 0;
  return unpaired;
}

/* Characters of old [s, e) in unpaired stretches that demonstrably went. */
static gint64
map_deleted_inside (const TextMap *map, gint64 s, gint64 e)
{
  gint64 deleted = 0;

  for (gint64 u = s; u < e;)
    {
      gint64 v, uu, vv;

      if (map->o2n[u] >= 0)
        {
          u++;
          continue;
        }
      for (v = u; v < e && map->o2n[v] < 0; v++)
        ;
      /* A stretch at the quote's edge may go on outside it (the quote
       * ended inside a paragraph that went): judge all of it. */
      uu = u, vv = v;
      if (u == s)
        while (uu > 0 && s - uu < MAP_EDGE_REACH && map->o2n[uu - 1] < 0)
          uu--;
      if (v == e)
        while (vv < map->n_old && vv - e < MAP_EDGE_REACH && map->o2n[vv] < 0)
          vv++;
      {
        gint64 letters = 0;

        /* Only what the alignment could have paired had it survived is
         * shown deleted by being unpaired: a stretch of whitespace, digits
         * and short lines (a formula's layout, table cells) with fewer
         * letters than a stretch needs may have moved away unseen. */
        for (gint64 t = uu; t < vv && letters < MAP_MIN_SEGMENT; t++)
          letters += is_alnum (map->old[t]) ? 1 : 0;
        /* Nor is text the old text holds more than once: the alignment
         * pairs only what occurs once, so a copy that moved (a repeated
         * paragraph now further down) is unpaired wherever it went. */
        if (letters >= MAP_MIN_SEGMENT && map_stretch_once (map, u, v))
          {
            gint64 gone = (v - u) - map_stretch_survivors (map, uu, vv);

            /* Nothing between its neighbours, but a neighbour is a short
             * run standing apart from its own neighbour: what stands
             * beyond it may be this stretch. */
            if (gone == v - u)
              gone -= MIN (v - u, MAX (map_beyond_short_run (map, uu, vv, -1), map_beyond_short_run (map, uu, vv, 1)));

            /* Unpaired new text near where it stood may hold it (an
             * inserted sentence there says nothing either way); what no
             * unpaired text anywhere looks like went. */
            if (gone < v - u)
              gone = MAX (gone, map_stretch_absent (map, u, v));
            deleted += MAX (0, gone);
          }
      }
      u = v;
    }
  return deleted;
}

/* Whether old [s, e) demonstrably went. */
static gboolean
map_deleted (const TextMap *map, gint64 s, gint64 e)
{
  return map_stretch_survivors (map, s, e) < MAP_FOREIGN_MAX;
}

static int map_quote_repeated (const TextMap *map, gint64 s, gint64 e);

/* Whether new [ps, pe) takes in quote characters of two parts the
 * alignment keeps apart (@pairs as map_place() left them, in new order):
 * a search that joins them contradicts what the alignment knows.  Two
 * parts kept apart only by caution, in their old order, with nothing but
 * the quote's own text between them in the old text and that text with
 * text inserted into it in the new (map_gap_inserted_inside()), are one
 * part: the search is right to join them — unless the old text repeats
 * the quote (the synthetic pages' alike paragraphs: the searched place
 * can start on another copy's line, seed 411). */
static gboolean
map_joins_parts (const TextMap *map, const GArray *pairs, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  const MapPair *pp = (const MapPair *) pairs->data;
  gint64 prev = -1;

  for (guint i = 0; i < pairs->len; i++)
    {
      if (pp[i].n < ps || pp[i].n >= pe)
        continue;
      if (prev >= 0 && pp[i].o <= pp[prev].o)
        return TRUE;
      if (prev >= 0)
        {
          int brk = foreign_between (map, pp[prev].n, pp[i].n, pp[prev].o, pp[i].o, s, e);

          /* (Not two parts of the quote with text inserted between them,
           * as the search found them: map_gap_inserted_inside().) */
          if (brk == BREAK_SURE ||
              (brk == BREAK_CAUTION &&
               (map_gap_inserted_inside (map, pp[prev].n, pp[i].n, pp[prev].o, pp[i].o) != GAP_INSERTED ||
                map_quote_repeated (map, s, e) == 1)))
            return TRUE;
        }
      prev = i;
    }
  return FALSE;
}

/* Whether the quote at old [s, e) is repeated in the old text, by its
 * sampled q-grams: most of them occur more than once.  -1 when it has
 * too few to say. */
static int
map_quote_repeated_counts (const TextMap *map, gint64 s, gint64 e, guint *out_repeated);

static int
map_quote_repeated (const TextMap *map, gint64 s, gint64 e)
{
  return map_quote_repeated_counts (map, s, e, NULL);
}

/* Whether none of the quote's sampled q-grams repeats in the old text (and
 * it has a few). */
static gboolean
map_quote_unique (const TextMap *map, gint64 s, gint64 e)
{
  guint repeated = 0;

  return map_quote_repeated_counts (map, s, e, &repeated) >= 0 && repeated == 0;
}

/* (A quote searched in a window is asked this two or three times: by
 * map_place(), for its window search, and again when that ends an orphan.
 * The answer depends on the quote and the old text's table alone, which do
 * not change during a call: the last one is kept in the call's MapFree.) */
static int
map_quote_repeated_counts (const TextMap *map, gint64 s, gint64 e, guint *out_repeated)
{
  MapFree *mf = map->free;
  gint64 max_pos;
  g_autofree gint32 *pos = NULL;
  g_autofree guint64 *keys = NULL;
  guint n, repeated = 0;

  if (mf == NULL || !mf->rep_known || mf->rep_s != s || mf->rep_e != e)
    {
      max_pos = MAX (1, (e - s) / 4 + 16);
      pos = g_new (gint32, max_pos);
      keys = g_new (guint64, max_pos);
      n = map_sample (map->old + s, e - s, pos, keys, (guint) max_pos);
      for (guint i = 0; i < n && n >= 2; i++)
        {
          const MapSlot *sl = map_slot (map->table, map->mask, keys[i]);
          repeated += sl->key == keys[i] && sl->pos_old == -2 ? 1 : 0;
        }
      if (mf == NULL)
        {
          if (n >= 2 && out_repeated != NULL)
            *out_repeated = repeated;
          return n < 2 ? -1 : repeated * 2 >= n;
        }
      mf->rep_known = TRUE;
      mf->rep_s = s;
      mf->rep_e = e;
      mf->rep_answer = n < 2 ? -1 : repeated * 2 >= n;
      mf->rep_count = repeated;
    }
  if (mf->rep_answer >= 0 && out_repeated != NULL)
    *out_repeated = mf->rep_count;
  return mf->rep_answer;
}

/* Whether the old text holds the quote at [s, e) (within the matcher's
 * errors) anywhere else too: then a search that finds it cannot tell
 * which copy it found. */
static gboolean
old_quote_repeated (ClipperAnchorText *old, gint64 s, gint64 e)
{
  return clipper_anchor_old_quote_repeated_within (old, s, e, -1);
}

/* The same, within at most @max_k errors (-1: the matcher's). */
gboolean
clipper_anchor_old_quote_repeated_within (ClipperAnchorText *old, gint64 s, gint64 e, gint max_k)
{
  g_autofree gunichar *fq = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) regions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 m = clipper_anchor_fold_string (old->cps + s, e - s, &fq);
  gint k = max_k >= 0 ? MIN (max_k, (gint) (m * MAX_ERROR_RATIO)) : (gint) (m * MAX_ERROR_RATIO);
  gboolean overflow = FALSE, indexed = FALSE;
  gint64 own_end;
  Pattern pt;

  if (m == 0 || m > MAX_FUZZY_QUOTE)
    return TRUE; /* cannot say: assume the worst */
  clipper_anchor_ensure_folded (old);
  own_end = clipper_anchor_raw_to_fold (old, e) - 1;
  clipper_anchor_pattern_init (&pt, fq, m, FALSE);
  /* (With a bound, asked of a few quotes an article: a scan costs less
   * than indexing the old text for them, unless it is indexed already.) */
  if (k > 0 && old->nf >= INDEX_MIN_TEXT && (max_k < 0 || old->indexed))
    {
      clipper_anchor_ensure_index (old);
      indexed = clipper_anchor_index_candidates (old, fq, m, k, regions);
    }
  if (indexed)
    for (guint r = 0; r + 1 < regions->len && !overflow; r += 2)
      clipper_anchor_pattern_search (&pt, old->fold, g_array_index (regions, gint64, r), g_array_index (regions, gint64, r + 1),
                      k, hits, &overflow);
  else
    clipper_anchor_pattern_search (&pt, old->fold, 0, old->nf, k, hits, &overflow);
  clipper_anchor_pattern_clear (&pt);
  if (overflow)
    return TRUE;
  clipper_anchor_hit_places (hits, m, places);
  for (guint p = 0; p < places->len; p++)
    if (ABS (g_array_index (places, gint64, p) - own_end) > m / 2)
      return TRUE;
  return FALSE;
}

/* Most copies an old text may hold for clipper_anchor_old_copies_stand_elsewhere() to
 * look where each went. */
#define ELSEWHERE_MAX_COPIES 8

/* Whether every other copy the old text holds of the quote of @ow (within
 * @max_k errors, folded) still stands elsewhere: three quarters of its
 * characters paired with new text outside the window [win_from, win_to),
 * none with new text inside it.  A name a page lists twice, or a heading
 * its table of contents repeats, is not "once in the old text", yet when
 * the alignment carried the other copy away from the window, the window's
 * only match cannot be that copy moved in, nor made of it by a typo: it
 * stands where it was, unchanged enough to pair. */
gboolean
clipper_anchor_old_copies_stand_elsewhere (const OldWindow *ow, const ClipperAnchorText *text, gint max_k,
                            gint64 win_from, gint64 win_to)
{
  ClipperAnchorText *old = ow->old;
  g_autofree gunichar *fq = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 m = clipper_anchor_fold_string (old->cps + ow->s, ow->e - ow->s, &fq);
  gint k = MIN (max_k, (gint) (m * MAX_ERROR_RATIO));
  gboolean overflow = FALSE;
  gint64 own_end;
  Pattern pt;

  if (ow->n2o == NULL || m == 0 || m > MAX_FUZZY_QUOTE)
    return FALSE;
  clipper_anchor_ensure_folded (old);
  own_end = clipper_anchor_raw_to_fold (old, ow->e) - 1;
  clipper_anchor_pattern_init (&pt, fq, m, FALSE);
  clipper_anchor_pattern_search (&pt, old->fold, 0, old->nf, k, hits, &overflow);
  clipper_anchor_pattern_clear (&pt);
  clipper_anchor_hit_places (hits, m, places);
  if (overflow || places->len > ELSEWHERE_MAX_COPIES)
    return FALSE;
  for (guint p = 0; p < places->len; p++)
    {
      gint64 end = g_array_index (places, gint64, p), xs, xe, in = 0, out = 0;

      if (ABS (end - own_end) <= m / 2)
        continue;
      xs = old->fold_to_raw[MAX (end - m + 1, 0)];
      xe = (gint64) old->fold_to_raw[end] + 1;
      for (gint64 j = 0; j < text->n; j++)
        {
          gint32 o = ow->n2o[j];

          if (o >= xs && o < xe)
            {
              if (j >= win_from && j < win_to)
                in++;
              else
                out++;
            }
        }
      if (in > 0 || out * 4 < (xe - xs) * 3)
        return FALSE;
    }
  return TRUE;
}

/* Code points in lines that hold only whitespace (indentation between
 * blocks), in @t [from, to). */
static gint64
blank_line_chars (const gunichar *t, gint64 from, gint64 to)
{
  gint64 total = 0, line = 0;
  gboolean blank = FALSE, seen_break = FALSE;

  for (gint64 i = from; i < to; i++)
    {
      if (t[i] == '\n')
        {
          if (seen_break && blank)
            total += line;
          seen_break = TRUE;
          blank = TRUE;
          line = 0;
        }
      else if (is_space (t[i]))
        line++;
      else
        blank = FALSE;
    }
  return total;
}

/* Whether the unpaired edge line of new [ps, pe) (the last when @last,
 * else the first) stands where the quote's own line stood: next to it, with
 * no letter between, the new text is paired with the old text right
 * outside the quote, with no letter between either.  Then the line lies
 * between the quote's body and its own context, where nothing from
 * elsewhere was (a line left unpaired because it is short, or edited). */
static gboolean
edge_line_held (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe, gboolean last)
{
  gint64 j = last ? pe : ps - 1;
  gint64 step = last ? 1 : -1;
  gint32 o;

  for (; j >= 0 && j < map->n_new && map->n2o[j] < 0; j += step)
    if (is_alnum (map->new[j]) || ABS (j - (last ? pe : ps)) > MAP_EDGE_LINE_REACH)
      return FALSE;
  if (j < 0 || j >= map->n_new)
    return FALSE;
  o = map->n2o[j];
  if (last ? o < e : o >= s)
    return FALSE;
  for (gint64 i = last ? e : o + 1; i < (last ? o : s); i++)
    if (is_alnum (map->old[i]) || (last ? o - e : s - o) > MAP_EDGE_LINE_REACH)
      return FALSE;
  return TRUE;
}

/* Folds @t [from, to) into @out (at most @cap characters); returns how
 * many. */
static gint64
fold_into (const gunichar *t, gint64 from, gint64 to, gunichar *out, gint64 cap)
{
  gint64 n = 0;

  for (gint64 i = from; i < to && n < cap; i++)
    {
      gunichar c = fold_char (t[i]);

      if (c != 0)
        out[n++] = c;
    }
  return n;
}

/* How many times @t (@n characters) holds the folded @f (@m characters),
 * counting no further than @limit. */
static guint
count_folded (const gunichar *t, gint64 n, const gunichar *f, gint64 m, guint limit)
{
  guint count = 0;

  for (gint64 i = 0; i < n && count < limit; i++)
    {
      gint64 j = 0, k = i;

      if (fold_char (t[i]) != f[0])
        continue;
      while (k < n && j < m)
        {
          gunichar c = fold_char (t[k++]);

          if (c == 0)
            continue;
          if (c != f[j])
            break;
          j++;
        }
      count += j == m ? 1 : 0;
    }
  return count;
}

/* Whether the old text holds the folded @f (@m characters) exactly once
 * within a window's reach (MAP_WINDOW_REACH) of the quote at old [s, e):
 * text moved in from further away would be paired, so a copy nearer than
 * that is the only other place it could have come from. */
static gboolean
map_once_near (const TextMap *map, gint64 s, gint64 e, const gunichar *f, gint64 m)
{
  gint64 from = MAX (0, s - MAP_WINDOW_REACH);

  return count_folded (map->old + from, MIN (map->n_old, e + MAP_WINDOW_REACH) - from, f, m, 2) == 1;
}

/* Whether the unpaired edge line of new [ps, pe) (the last when @last,
 * else the first) reads, folded, as the quote's own edge line, one the
 * old text holds nowhere else near it (as far as a window reaches): then
 * it is that line, left unpaired only for being short (a heading, a
 * caption, a table cell) next to edited text.  Inserted text could not
 * read so, and text moved in from further away would be paired with it;
 * a line the old text repeats ("N/A", "Step 4") could be a neighbour's,
 * and is not taken.  (Counting the line's copies does not tell: when the
 * quote's own line moved away, every copy is still there, and the one
 * beside the place is a neighbour's; round fourteen tried it, and unseen
 * seeds placed a synthetic caption and a table's "August 2014" wrongly.) */
#define EDGE_LINE_MIN_FOLDED 5
#define EDGE_LINE_MAX_FOLDED 64

static gboolean
edge_line_same (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe, gboolean last)
{
  gunichar fn[EDGE_LINE_MAX_FOLDED + 1], fo[EDGE_LINE_MAX_FOLDED + 1];
  gint64 ns = ps, ne = pe, os = s, oe = e, nn, no;

  if (last)
    {
      for (ns = pe; ns > ps && map->new[ns - 1] != '\n'; ns--)
        ;
      for (os = e; os > s && map->old[os - 1] != '\n'; os--)
        ;
    }
  else
    {
      for (ne = ps; ne < pe && map->new[ne] != '\n'; ne++)
        ;
      for (oe = s; oe < e && map->old[oe] != '\n'; oe++)
        ;
    }
  nn = fold_into (map->new, ns, ne, fn, EDGE_LINE_MAX_FOLDED + 1);
  no = fold_into (map->old, os, oe, fo, EDGE_LINE_MAX_FOLDED + 1);
  return nn >= EDGE_LINE_MIN_FOLDED && nn <= EDGE_LINE_MAX_FOLDED && nn == no &&
         memcmp (fn, fo, (gsize) nn * sizeof (gunichar)) == 0 &&
         map_once_near (map, s, e, fo, no);
}

/* Whether new [from, to), a whole line inside a searched place, has
 * letters (three or more), none of them paired with the quote (its
 * indentation may be, with the quote's blank line it stands on), and reads
 * as no part of the quote either (its folded text not within a quarter in
 * errors anywhere in old [s, e), not at all when under eight): a line that came in between two parts
 * of the quote ("Next", a button's label that moved), not a line of the
 * quote too changed to pair, nor a reflowed part of one. */
static gboolean line_reads_as_none_of_within (const TextMap *map, gint64 s, gint64 e, gint64 from, gint64 to,
                                              gint short_k);

static gboolean
line_reads_as_none_of (const TextMap *map, gint64 s, gint64 e, gint64 from, gint64 to)
{
  return line_reads_as_none_of_within (map, s, e, from, to, 0);
}

/* The same, a line under eight letters being looked for within @short_k
 * errors rather than verbatim. */
static gboolean
line_reads_as_none_of_within (const TextMap *map, gint64 s, gint64 e, gint64 from, gint64 to, gint short_k)
{
  g_autofree gunichar *fl = NULL;
  g_autofree gunichar *fq = NULL;
  g_autoptr (GArray) hits = NULL;
  gint64 letters = 0, ml, mq;
  gboolean overflow = FALSE;
  Pattern pt;

  for (gint64 t = from; t < to; t++)
    {
      if (!is_space (map->new[t]) && map->n2o[t] >= s && map->n2o[t] < e)
        return FALSE;
      letters += is_alnum (map->new[t]) ? 1 : 0;
    }
  if (letters < 3)
    return FALSE;
  fl = g_new (gunichar, to - from);
  fq = g_new (gunichar, e - s);
  ml = fold_into (map->new, from, to, fl, to - from);
  mq = fold_into (map->old, s, e, fq, e - s);
  if (ml == 0 || ml > MAX_FUZZY_QUOTE || mq == 0)
    return FALSE;
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  clipper_anchor_pattern_init (&pt, fl, ml, FALSE);
  /* A short line is looked for verbatim: with one error allowed, four
   * letters are found in most quotes ("next" as "nexi"…). */
  clipper_anchor_pattern_search (&pt, fq, 0, mq, ml < 8 ? short_k : (gint) (ml * MAX_ERROR_RATIO), hits, &overflow);
  clipper_anchor_pattern_clear (&pt);
  return hits->len == 0 && !overflow;
}

/* The next word of @t from *@i up to @to (a run of anything but
 * whitespace): [*@ws, *@we), *@i moved past it.  FALSE when only
 * whitespace is left. */
static gboolean
next_word (const gunichar *t, gint64 to, gint64 *i, gint64 *ws, gint64 *we)
{
  while (*i < to && is_space (t[*i]))
    (*i)++;
  if (*i >= to)
    return FALSE;
  *ws = *i;
  while (*i < to && !is_space (t[*i]))
    (*i)++;
  *we = *i;
  return TRUE;
}

/* Whether new [@from, @to), a whole line of a searched place, is the
 * quote's line number @k of old [@s, @e) (its first line is 0) with one
 * word of letters inserted, the spaces between words aside: "said [...]"
 * for "[...]", "is 27" for "27".  A line that holds no letters but the
 * inserted word's has nothing paired and reads as none of the quote, as a
 * line that came in between the quote's does; this one stands where the
 * quote's line stood (the caller asks it only when the place has as many
 * line breaks as the quote), and holds that line word for word.  For it
 * to be another line, the quote's own would have had to go, a copy of
 * it to come to that very place, and a word to be inserted in the
 * copy: three edits at one place. */
static gboolean
line_is_quote_line_with_word (const TextMap *map, gint64 s, gint64 e, gint64 from, gint64 to, gint64 k)
{
  const gunichar *o = map->old, *t = map->new;
  gint64 os = s, oe, i = from, j, a0, a1, b0, b1;
  gboolean skipped = FALSE;

  for (; k > 0 && os < e; os++)
    if (o[os] == '\n')
      k--;
  if (k > 0)
    return FALSE;
  for (oe = os; oe < e && o[oe] != '\n'; oe++)
    ;
  j = os;
  /* (A blank line of the quote's with a word inserted would be any
   * one-word line: a button's "Next" that moved in among the quote's
   * blank lines while its last line went, the count of lines unchanged.) */
  if (oe == e || !next_word (o, oe, &j, &b0, &b1))
    return FALSE;
  j = os;
  while (next_word (t, to, &i, &a0, &a1))
    {
      gboolean more = next_word (o, oe, &j, &b0, &b1);

      if (more && a1 - a0 == b1 - b0 && memcmp (t + a0, o + b0, (gsize) (a1 - a0) * sizeof (gunichar)) == 0)
        continue;
      if (skipped)
        return FALSE;
      for (gint64 c = a0; c < a1; c++)
        if (!g_unichar_isalpha (t[c]))
          return FALSE;
      skipped = TRUE;
      /* (The old word is compared again with the next new one.) */
      if (more)
        j = b0;
    }
  return skipped && !next_word (o, oe, &j, &b0, &b1);
}

/* Whether new [ps, pe), found by searching, holds a whole line (between
 * two of its line breaks) with letters, none of them paired with the quote
 * at old [s, e), while it has two line breaks more than the quote (a
 * line of its own: one more is a space reflowed into a line break, and
 * the line after it the quote's) and some of it is paired with the quote:
 * a line that came in between two parts of the quote (a paragraph that
 * moved in, "        Lore"), which folded matching reads through as a
 * few errors.  Not a line that is the quote's own with a word inserted
 * (line_is_quote_line_with_word()). */
static gboolean
search_holds_line_between (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  gint64 quote_breaks = 0, place_breaks = 0, breaks = 0, line_from = -1;
  gboolean any_paired = FALSE, found = FALSE, foreign = FALSE, foreign_typo = FALSE;

  for (gint64 i = s; i < e; i++)
    quote_breaks += map->old[i] == '\n' ? 1 : 0;
  for (gint64 j = ps; j < pe; j++)
    place_breaks += map->new[j] == '\n' ? 1 : 0;
  /* (Known first: it says which of the two readings below is asked.) */
  for (gint64 j = ps; j < pe && !any_paired; j++)
    any_paired = map->n2o[j] >= s && map->n2o[j] < e;
  for (gint64 j = ps; j < pe; j++)
    {
      if (map->new[j] != '\n')
        continue;
      breaks++;
      if (line_from >= 0 && !found)
        {
          gint64 letters = 0;
          gboolean paired = FALSE;

          for (gint64 t = line_from; t < j; t++)
            {
              letters += is_alnum (map->new[t]) ? 1 : 0;
              paired = paired || (map->n2o[t] >= s && map->n2o[t] < e);
            }
          found = letters > 0 && !paired;
        }
      if (line_from >= 0 && !foreign && any_paired)
        foreign = line_reads_as_none_of (map, s, e, line_from, j) &&
                  !(place_breaks == quote_breaks && line_is_quote_line_with_word (map, s, e, line_from, j, breaks - 1));
      if (line_from >= 0 && !foreign_typo && !any_paired)
        foreign_typo = line_reads_as_none_of_within (map, s, e, line_from, j, 1) &&
                       !(place_breaks == quote_breaks && line_is_quote_line_with_word (map, s, e, line_from, j, breaks - 1));
      line_from = j + 1;
    }
  /* A line that reads as none of the quote is refused also where the
   * alignment paired nothing of the place: the search found it alone, and
   * a short line from elsewhere ("Step 5") among the quote's blank lines
   * costs it fewer errors than it allows.  There a short line is looked
   * for within one error: with nothing paired to say which lines are the
   * quote's, a typo in one ("SELEyT") is as likely. */
  return any_paired ? (found && breaks > quote_breaks + 1) || foreign : foreign_typo;
}

/* Blank lines (whitespace alone between two line breaks) in @t [from,
 * to): their breaks are text from elsewhere too, as much as their
 * spaces, when they came in between a quote's lines. */
static gint64
blank_line_breaks (const gunichar *t, gint64 from, gint64 to)
{
  gint64 total = 0;
  gboolean blank = FALSE, seen_break = FALSE;

  for (gint64 i = from; i < to; i++)
    {
      if (t[i] == '\n')
        {
          if (seen_break && blank)
            total++;
          seen_break = TRUE;
          blank = TRUE;
        }
      else if (!is_space (t[i]))
        blank = FALSE;
    }
  return total;
}

/* Whether @a [as, ae) and @b [bs, be) are laid out alike: the same
 * non-space characters in the same order, and each run of whitespace
 * holding as many line breaks (indentation aside).  *@letters (when set)
 * gets the letters and digits compared. */
static gboolean
laid_out_alike (const gunichar *a, gint64 as, gint64 ae, const gunichar *b, gint64 bs, gint64 be, gint64 *letters)
{
  gint64 n = 0;

  while (as < ae && bs < be)
    {
      if (is_space (a[as]) && is_space (b[bs]))
        {
          gint64 breaks_a = 0, breaks_b = 0;

          for (; as < ae && is_space (a[as]); as++)
            breaks_a += a[as] == '\n' ? 1 : 0;
          for (; bs < be && is_space (b[bs]); bs++)
            breaks_b += b[bs] == '\n' ? 1 : 0;
          if (breaks_a != breaks_b)
            return FALSE;
          continue;
        }
      if (a[as] != b[bs])
        return FALSE;
      n += is_alnum (a[as]) ? 1 : 0;
      as++;
      bs++;
    }
  if (letters != NULL)
    *letters = n;
  return as == ae && bs == be;
}

/* From @pos in @t (@n code points), outward (forward when @forward): the
 * rest of the line @pos is in, and on to the end (start) of the next line
 * that holds a letter.  Returns the far bound, or -1 when none stands
 * within MAP_EDGE_LINE_REACH. */
static gint64
next_letter_line_bound (const gunichar *t, gint64 n, gint64 pos, gboolean forward)
{
  gint64 j = forward ? pos : pos - 1, step = forward ? 1 : -1;
  gboolean crossed = FALSE, letter = FALSE;

  for (; j >= 0 && j < n && ABS (j - pos) <= MAP_EDGE_LINE_REACH; j += step)
    {
      if (t[j] == '\n')
        {
          if (crossed && letter)
            return forward ? j : j + 1;
          crossed = TRUE;
          letter = FALSE;
        }
      else if (is_alnum (t[j]))
        letter = TRUE;
    }
  if (crossed && letter && (j < 0 || j >= n))
    return forward ? n : 0;
  return -1;
}

/* Whether the unpaired edge line of new [ps, pe) (the last when @last, else
 * the first) stands to the quote's text the alignment paired as the
 * quote's own edge line stood to it: from the edge of the place to its
 * nearest letter paired with the quote, the new text is the old text from
 * the quote's edge to that letter's old character, letter for letter and
 * line for line (see laid_out_alike()), nothing in it paired with other
 * old text; and so is the text beyond the edge, to the end (start) of the
 * next line outward that holds a letter.  A short line ("N/A" over a
 * table's "fatal_failure" cell) is too short to pair and the old text may
 * hold it elsewhere (another row's); a copy of it that came to just that
 * place, between the same lines, would take the quote's own line going
 * and that copy coming: two edits.  The lines beyond count because a
 * deletion alone brings the next of alike lines there: rows alike up to
 * their last cells, one of which went ("… 0.34036303344446665347 ⏎ 500 │
 * 2020-08-01" ran on "18:00:00+00 │ 0" in the old text, "17:59:00+00 │"
 * in the new).  An edit to the line itself, or a line that came in,
 * breaks the likeness too. */
static gboolean
edge_line_laid_out (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe, gboolean last)
{
  gint64 j = last ? pe - 1 : ps, step = last ? -1 : 1, ns, ne, os, oe, letters = 0, nb, ob;

  for (; j >= ps && j < pe; j += step)
    if (map->n2o[j] >= s && map->n2o[j] < e && is_alnum (map->new[j]))
      break;
  if (j < ps || j >= pe)
    return FALSE;
  ns = last ? j + 1 : ps;
  ne = last ? pe : j;
  os = last ? map->n2o[j] + 1 : s;
  oe = last ? e : map->n2o[j];
  for (gint64 i = ns; i < ne; i++)
    if (map->n2o[i] >= 0 && (map->n2o[i] < s || map->n2o[i] >= e))
      return FALSE;
  if (!laid_out_alike (map->new, ns, ne, map->old, os, oe, &letters) || letters == 0)
    return FALSE;
  nb = next_letter_line_bound (map->new, map->n_new, last ? pe : ps, last);
  ob = next_letter_line_bound (map->old, map->n_old, last ? e : s, last);
  if (nb < 0 || ob < 0)
    return FALSE;
  return last ? laid_out_alike (map->new, pe, nb, map->old, e, ob, NULL)
              : laid_out_alike (map->new, nb, ps, map->old, ob, s, NULL);
}

/* Whether @a [@as, @ae) and @b [@bs, @be) are the same code points once
 * each run of whitespace is taken for one (whitespace at either end
 * aside). */
static gboolean
squeezed_equal (const gunichar *a, gint64 as, gint64 ae, const gunichar *b, gint64 bs, gint64 be)
{
  gint64 i = as, j = bs;

  while (i < ae && is_space (a[i]))
    i++;
  while (j < be && is_space (b[j]))
    j++;
  while (i < ae && j < be)
    {
      if (is_space (a[i]) && is_space (b[j]))
        {
          while (i < ae && is_space (a[i]))
            i++;
          while (j < be && is_space (b[j]))
            j++;
          continue;
        }
      if (a[i] != b[j])
        return FALSE;
      i++;
      j++;
    }
  while (i < ae && is_space (a[i]))
    i++;
  while (j < be && is_space (b[j]))
    j++;
  return i == ae && j == be;
}

static guint folded_places_within_one (const gunichar *t, gint64 from, gint64 to, const gunichar *q, gint64 m);

/* Folded characters a one-line quote needs for edge_line_reflowed(). */
#define REFLOWED_MIN_FOLDED 8

/* Whether new [ps, pe), found by searching, is the quote at old [s, e),
 * which holds no line break, reflowed: the same code points, each run of
 * whitespace aside, a line break now among them ("then⏎the original" for
 * "then the original").  Its edge line is then a piece of the quote's own
 * line, which a line break split: another line's end that reads as the
 * quote's first words would have to stand right before the quote's own
 * rest (paired with it), and no edit brings another line there but a
 * deletion or a move of the quote's own line, which would take that rest
 * with it.  Not for a quote the old text holds again within one error,
 * folded (texts under 64 K code points; folded matching is blind to
 * whitespace, so two alike lines brought together read as one). */
static gboolean
edge_line_reflowed (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  g_autofree gunichar *fq = NULL;
  gint64 m;

  if (map->n_old >= MAP_LONG_TEXT)
    return FALSE;
  for (gint64 i = s; i < e; i++)
    if (map->old[i] == '\n')
      return FALSE;
  if (!squeezed_equal (map->new, ps, pe, map->old, s, e))
    return FALSE;
  m = clipper_anchor_fold_string (map->old + s, e - s, &fq);
  return m >= REFLOWED_MIN_FOLDED && folded_places_within_one (map->old, 0, map->n_old, fq, m) == 1;
}

/* Whitespace code points, line breaks included, in @t [from, to), and
 * of them the line breaks in *@breaks. */
static gint64
space_chars (const gunichar *t, gint64 from, gint64 to, gint64 *breaks)
{
  gint64 total = 0;

  *breaks = 0;
  for (gint64 i = from; i < to; i++)
    {
      total += is_space (t[i]) ? 1 : 0;
      *breaks += t[i] == '\n' ? 1 : 0;
    }
  return total;
}

/* Whether a placement found by searching folded text (where whitespace
 * and line structure are invisible) contradicts what the alignment and
 * the quote say about lines: it holds more or fewer blank lines than the
 * quote (blank lines from elsewhere, or the quote's own left out; not its
 * whitespace reflowed, which keeps as much of it), or an
 * edge line of it holds nothing the alignment paired with the quote while
 * another line does (a paragraph that only reads like the quote's). */
static gboolean
search_lines_disagree (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  gint64 first_break = -1, last_break = -1;
  gboolean edge_paired = FALSE, body_paired = FALSE;
  gint64 new_breaks, old_breaks;
  gint64 new_spaces = space_chars (map->new, ps, pe, &new_breaks), old_spaces = space_chars (map->old, s, e, &old_breaks);
  gint64 blank_more = blank_line_chars (map->new, ps, pe) - blank_line_chars (map->old, s, e);
  /* A line break reflowed into a space or a tab moves a blank line's
   * spaces onto a line of text ("Coronavirus⏎ ⏎" into "Coronavirus  ⏎"),
   * and a space reflowed into a line break makes a blank line of an
   * indentation: the blank lines' characters change by a whole line's
   * indentation, while the whitespace, counted all together, stays, and
   * the line breaks change by the one reflowed, the way the blank lines
   * went.  Blank lines from elsewhere bring their whitespace with them,
   * and a blank line of the quote's left out takes its own away; both at
   * once can add up to the quote's whitespace, not to its breaks (the
   * quote's indentation gone with its first line, another block's blank
   * lines taken in: two breaks more), and a line whose words went is a
   * blank line more with no break reflowed. */
  gboolean reflowed = ABS (new_spaces - old_spaces) <= MAP_REFLOW_SPACES &&
                      ((new_breaks == old_breaks + 1 && blank_more > 0) ||
                       (new_breaks == old_breaks - 1 && blank_more < 0));

  if ((!reflowed &&
       (ABS (blank_more) > MAP_FOREIGN_MAX ||
        /* Blank lines that came in count with their breaks: two of four
         * spaces are ten characters from elsewhere, not eight.  (Fewer is
         * left to the spaces alone: a reflow drops blank lines.) */
        blank_line_chars (map->new, ps, pe) + blank_line_breaks (map->new, ps, pe) >
          blank_line_chars (map->old, s, e) + blank_line_breaks (map->old, s, e) + MAP_FOREIGN_MAX)) ||
      search_holds_line_between (map, s, e, ps, pe))
    return TRUE;
  for (gint64 j = ps; j < pe; j++)
    if (map->new[j] == '\n')
      {
        if (first_break < 0)
          first_break = j;
        last_break = j;
      }
  if (first_break < 0)
    return FALSE;
  /* The last line (after the last break) and the first (before the
   * first), each against the rest. */
  for (int side = 0; side < 2; side++)
    {
      gint64 edge_letters = 0;

      edge_paired = body_paired = FALSE;
      for (gint64 j = ps; j < pe; j++)
        {
          gint32 o = map->n2o[j];
          gboolean edge = side == 0 ? j > last_break : j < first_break;

          if (edge && is_alnum (map->new[j]))
            edge_letters++;
          if (o >= s && o < e && is_alnum (map->new[j]))
            {
              if (edge)
                edge_paired = TRUE;
              else
                body_paired = TRUE;
            }
        }
      /* Only a short edge line: a word or two that happen to read like
       * the quote's; a long one matched letter for letter is its own. */
      if (body_paired && !edge_paired && edge_letters <= MAP_EDGE_LINE_LETTERS &&
          !edge_line_held (map, s, e, ps, pe, side == 0) && !edge_line_same (map, s, e, ps, pe, side == 0) &&
          !edge_line_laid_out (map, s, e, ps, pe, side == 0) && !edge_line_reflowed (map, s, e, ps, pe))
        return TRUE;
    }
  return FALSE;
}

/* Whether new [*ps, *pe), found by searching, leaves out the quote's own
 * text the alignment paired just beyond one of its edges: going outward
 * from the edge over unpaired text holding a letter or more (within
 * MAP_EDGE_LINE_REACH), the first paired character is paired with old
 * [s, e), and letters of the quote are paired there.  Folded matching read
 * inserted words as the quote's edge ("these. The Touch Factor:" for
 * "the store.⏎ The Touch Factor:", a sentence inserted between the two
 * lines), while the quote's own edge stands paired right before them.
 * The place then reaches out over the unpaired text to the farthest of
 * the quote's paired characters there (the alignment says they are the
 * quote's, and what is between came in).  *@lone is set when, on a side,
 * fewer than MAP_RESYNC of the quote's letters stand paired there: the
 * caller then refuses the place. */
static gboolean
search_extend_to_own_edge (const TextMap *map, gint64 s, gint64 e, gint64 *ps, gint64 *pe, gboolean *lone)
{
  gboolean extended = FALSE;

  *lone = FALSE;
  for (int step = -1; step <= 1; step += 2)
    {
      gint64 edge = step < 0 ? *ps : *pe;
      gint64 j = step < 0 ? edge - 1 : edge, letters = 0, quote_letters = 0, far = -1;

      for (; j >= 0 && j < map->n_new && map->n2o[j] < 0 && ABS (j - edge) < MAP_EDGE_LINE_REACH; j += step)
        letters += is_alnum (map->new[j]) ? 1 : 0;
      if (letters == 0 || j < 0 || j >= map->n_new || map->n2o[j] < s || map->n2o[j] >= e)
        continue;
      /* Only over text that came in: unpaired text the old text has
       * near the quote (its context, "can be found" before an inserted
       * "here" the alignment paired with the quote's) is not the quote's
       * inside, and the paired word beyond it may be an inserted one. */
      {
        gint64 a = step < 0 ? j + 1 : edge, b = step < 0 ? edge : j;
        g_autofree gunichar *fb = NULL;
        gint64 nb = clipper_anchor_fold_string (map->new + a, b - a, &fb);
        gint64 lo = MAX (0, s - MAP_EDGE_LINE_REACH), hi = MIN (map->n_old, e + MAP_EDGE_LINE_REACH);

        if (nb == 0 || count_folded (map->old + lo, hi - lo, fb, nb, 1) > 0)
          continue;
      }
      /* The quote's paired text there, with the spaces between its words. */
      for (; j >= 0 && j < map->n_new && ((map->n2o[j] >= s && map->n2o[j] < e) ||
                                          (map->n2o[j] < 0 && is_space (map->new[j]) && map->new[j] != '\n'));
           j += step)
        if (map->n2o[j] >= 0)
          {
            quote_letters += is_alnum (map->new[j]) ? 1 : 0;
            far = j;
          }
      /* Fewer of the quote's letters than step a gap's walk back in step
       * do not show where its edge is: a lone letter the alignment paired
       * beyond an inserted sentence (seed 62: "… is these From expected of
       * report these here many. which trapped in a time loop …"), or a
       * formula's glyph or two (seed 46).  Reaching out to them takes in
       * what came in; not reaching leaves a place the search may have
       * read from inserted text.  Neither can be trusted. */
      if (quote_letters < MAP_RESYNC)
        {
          *lone = TRUE;
          continue;
        }
      if (step < 0)
        *ps = far;
      else
        *pe = far + 1;
      extended = TRUE;
    }
  return extended;
}

/* Whether the folded @a [as, ae) and @b [bs, be) are alike as edge lines:
 * one ends (@start: starts) the other. */
static gboolean
folded_edge_alike (const gunichar *a, gint64 as, gint64 ae, const gunichar *b, gint64 bs, gint64 be, gboolean start)
{
  g_autofree gunichar *fa = NULL;
  g_autofree gunichar *fb = NULL;
  gint64 na = clipper_anchor_fold_string (a + as, MAX (0, ae - as), &fa);
  gint64 nb = clipper_anchor_fold_string (b + bs, MAX (0, be - bs), &fb);
  gint64 n = MIN (na, nb);

  return start ? memcmp (fa, fb, (gsize) n * sizeof (gunichar)) == 0
               : memcmp (fa + na - n, fb + nb - n, (gsize) n * sizeof (gunichar)) == 0;
}

/* Letters a searched place's edge must have beside it, in its new word,
 * for search_reach_own_word() to move it; and how far before (after) that
 * word the quote's own edge word is looked for. */
#define SEARCH_SPLIT_LETTERS 2
#define SEARCH_SPLIT_REACH 24

/* Where the quote's word at old [@ws, @we) stands whole (folded) and
 * unpaired in new [from, to), nothing but unpaired text on one line
 * between it and @to (@step -1) or @from (@step 1): the nearest such
 * place to that end, or -1. */
static gint64
search_word_unpaired_in (const TextMap *map, gint64 ws, gint64 we, gint64 from, gint64 to, int step)
{
  gint64 m = we - ws;

  from = MAX (from, 0);
  to = MIN (to, map->n_new);
  for (gint64 j = step < 0 ? to - m : from; j >= from && j + m <= to; j += step)
    {
      gint64 k;

      if (map->n2o[j] >= 0 || is_line_break (map->new[j]))
        return -1;
      if ((j > 0 && is_alnum (map->new[j - 1])) || (j + m < map->n_new && is_alnum (map->new[j + m])))
        continue;
      for (k = 0; k < m && map->n2o[j + k] < 0 && fold_char (map->new[j + k]) == fold_char (map->old[ws + k]); k++)
        ;
      if (k == m)
        return j;
    }
  return -1;
}

/* Whether new [*ps, *pe), found by searching, starts (ends) inside a
 * word, with SEARCH_SPLIT_LETTERS letters of it or more, none paired,
 * beyond its edge, where the quote starts (ends) a word in the old text,
 * and that word of the quote's (two letters or more) stands whole and
 * unpaired just before (after) the word the place cuts into, on the same
 * line: folded matching took the tail of an inserted word for the quote's
 * first word, which is still there beside it ("ma|ny Izuku" for "now.”
 * Izuku", where "now!? many Izuku" stands: "ny" is "now" with two
 * errors).  The place then reaches out to that word, taking in the
 * inserted one, as a placement takes in what came in inside the quote:
 * cut at the inserted word, it may hold no more than half of it. */
static gboolean
search_reach_own_word (const TextMap *map, gint64 s, gint64 e, gint64 *ps, gint64 *pe)
{
  const gunichar *o = map->old, *t = map->new;
  gboolean moved = FALSE;

  if (is_alnum (o[s]) && (s == 0 || !is_alnum (o[s - 1])) && *ps >= SEARCH_SPLIT_LETTERS && is_alnum (t[*ps]))
    {
      gint64 k = 1, we = s;

      while (k <= SEARCH_SPLIT_LETTERS && is_alnum (t[*ps - k]) && map->n2o[*ps - k] < 0)
        k++;
      while (we < e && is_alnum (o[we]))
        we++;
      if (k > SEARCH_SPLIT_LETTERS && we - s >= 2)
        {
          gint64 w = *ps, at;

          while (w > 0 && is_alnum (t[w - 1]))
            w--;
          at = search_word_unpaired_in (map, s, we, w - SEARCH_SPLIT_REACH, w, -1);
          if (at >= 0)
            *ps = at, moved = TRUE;
        }
    }
  if (is_alnum (o[e - 1]) && (e == map->n_old || !is_alnum (o[e])) && *pe + SEARCH_SPLIT_LETTERS <= map->n_new &&
      is_alnum (t[*pe - 1]))
    {
      gint64 k = 0, ws = e;

      while (k < SEARCH_SPLIT_LETTERS && is_alnum (t[*pe + k]) && map->n2o[*pe + k] < 0)
        k++;
      while (ws > s && is_alnum (o[ws - 1]))
        ws--;
      if (k == SEARCH_SPLIT_LETTERS && e - ws >= 2)
        {
          gint64 w = *pe, at;

          while (w < map->n_new && is_alnum (t[w]))
            w++;
          at = search_word_unpaired_in (map, ws, e, w, w + SEARCH_SPLIT_REACH, 1);
          if (at >= 0)
            *pe = at + (e - ws), moved = TRUE;
        }
    }
  return moved;
}

/* How far from the quote another line's copy of a searched place's edge
 * line is looked for. */
#define SEARCH_EDGE_OTHER_REACH 4096
/* Non-space characters an edge line needs for its copy to tell. */
#define SEARCH_EDGE_OTHER_MIN 8

/* Whether new [ps, pe), found by searching, has a first (last) line that
 * is not the quote's first (last) line but, verbatim, the end (start) of
 * another line of the old text near it (SEARCH_EDGE_OTHER_MIN non-space
 * characters or more; punctuation aside at that line's edge): the rows of a table or lines of code alike but for
 * a number ("… -1 AND 1 AS is_anomaly_1", "… -3 AND 3 AS is_anomaly_3"),
 * one of which went.  Folded matching reads the survivor's end for the
 * quote's with two errors; an edit's typo would not turn the quote's own
 * line into another line of the page letter for letter. */
static gboolean
search_edge_reads_other_line (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  for (int last = 0; last < 2; last++)
    {
      gint64 nf = -1, nt = -1, of = -1, ot = -1, len, chars = 0;
      gint64 lo = MAX (0, s - SEARCH_EDGE_OTHER_REACH), hi;

      /* The edge line's part inside the place, and the quote's. */
      for (gint64 j = ps; j < pe; j++)
        if (map->new[j] == '\n')
          {
            if (nf < 0 && !last)
              nf = ps, nt = j;
            if (last)
              nf = j + 1, nt = pe;
          }
      for (gint64 i = s; i < e; i++)
        if (map->old[i] == '\n')
          {
            if (of < 0 && !last)
              of = s, ot = i;
            if (last)
              of = i + 1, ot = e;
          }
      if (nf < 0 || of < 0)
        continue;
      len = nt - nf;
      for (gint64 j = nf; j < nt; j++)
        chars += is_space (map->new[j]) ? 0 : 1;
      /* (The quote's own edge line, punctuation aside, is its own; and so
       * is a part of it or more of it, the search's edge a few letters
       * off: "Lorem ipsum dolor" of "Lorem ipsum dolor sit amet,", which
       * starts many lines of a page.) */
      if (chars < SEARCH_EDGE_OTHER_MIN || folded_edge_alike (map->old, of, ot, map->new, nf, nt, last))
        continue;
      hi = MIN (map->n_old - len, e + SEARCH_EDGE_OTHER_REACH);
      for (gint64 y = lo; y <= hi; y++)
        {
          gint64 k;

          if (map->old[y] != map->new[nf] || (y + len > s && y < e) ||
              memcmp (map->old + y, map->new + nf, (gsize) len * sizeof (gunichar)) != 0)
            continue;
          /* At that line's end (start), punctuation aside: an edit drops
           * a comma as readily as it makes a typo. */
          if (last)
            for (k = y - 1; k >= 0 && map->old[k] != '\n' && !is_alnum (map->old[k]); k--)
              ;
          else
            for (k = y + len; k < map->n_old && map->old[k] != '\n' && !is_alnum (map->old[k]); k++)
              ;
          if (k < 0 || k >= map->n_old || map->old[k] == '\n')
            return TRUE;
        }
    }
  return FALSE;
}

/* How many new characters next to a run could belong to the same part
 * of old [s, e) as it (as anchor-edits.h judges: a part ends where text
 * from outside the quote comes between): from new @from on, one way
 * (@step 1 or -1), up to the nearest character paired with old text
 * outside [s, e), or the text's end.  Unpaired text counts (it may be an
 * edited survivor), and so does text paired with the quote.  At most
 * @limit. */
static gint64
map_joinable (const TextMap *map, gint64 s, gint64 e, gint64 from, gint64 step, gint64 limit, gint64 q)
{
  gint64 count = 0;

  for (gint64 j = from; j >= 0 && j < map->n_new && count < limit; j += step, q += step)
    {
      gint32 o = map->n2o[j];
      /* Old text outside the quote that reads, letter for letter, as
       * the quote's own unpaired text next to the run (@q on, the same
       * way) may be paired in its place: of two alike lines ("Lorem
       * ipsum dolor sit amet." and "Lorem ipsum dolor sit amet, …") the
       * alignment paired the survivor with the one that went. */
      if (o >= 0 && (o < s || o >= e) &&
          !(q >= s && q < e && map->o2n[q] < 0 && map->old[o] == map->old[q]))
        break;
      count++;
    }
  return count;
}

/* Unpaired characters of old [u, v) not shown deleted. */
static gint64
map_unaccounted (const TextMap *map, gint64 u, gint64 v)
{
  gint64 unpaired = 0;

  for (gint64 i = u; i < v; i++)
    unpaired += map->o2n[i] < 0 ? 1 : 0;
  return MAX (0, unpaired - map_deleted_inside (map, u, v));
}

/* How far a run's part goes on, unpaired, past its edge: the quote's
 * unpaired characters next to the run's first (@step -1) or last (@step 1)
 * paired one, old @o, against the new text's unpaired characters next to
 * the run's edge, new @n, up to the first paired character on either side
 * (another part, or another passage).  Both folded, aligned outward from
 * the edge (an edit distance, banded); the extension is the length whose
 * matched folded characters less four times its errors is greatest, taken
 * when it has at most a quarter errors and four characters or more.
 * Typos, a changed word, reflowed whitespace between cost little; an
 * inserted sentence costs its length, so the extension stops before it.
 * Sets the raw old and new positions just past the extension (the
 * outermost matched characters) and returns whether there is one. */
#define EXTEND_MAX 512
#define EXTEND_BAND 48

/* Letters of a line the extension's end may hold for
 * map_extension_ends_in_words() to ask where that line starts. */
#define EXTEND_LINE_LETTERS 4

/* Whether an extension from the run's edge (old @eo, new @en) to old @o
 * and new @n (its outermost matched characters) ends inside a word of
 * each text (both go on beyond, @step, in letters) on a line of the new
 * text that the old text does not have there: the new text holds more
 * line breaks between the run's edge and the extension's end, or its last
 * one stands where the old text has none. */
static gboolean
map_extension_ends_in_words (const TextMap *map, gint64 eo, gint64 en, gint64 o, gint64 n, int step)
{
  gint64 ob = o + step, nb = n + step, breaks = 0;

  if (ob < 0 || ob >= map->n_old || nb < 0 || nb >= map->n_new ||
      !is_alnum (map->old[o]) || !is_alnum (map->new[n]) || !is_alnum (map->old[ob]) || !is_alnum (map->new[nb]))
    return FALSE;
  for (gint64 x = en; x != n; x += step)
    breaks += is_line_break (map->new[x]) ? 1 : 0;
  for (gint64 x = eo; x != o; x += step)
    breaks -= is_line_break (map->old[x]) ? 1 : 0;
  if (breaks > 0)
    return TRUE;
  /* As many line breaks, but the new one nearest the end stands where
   * the old text has none: a line break reflowed away inside the quote
   * (into spaces) and another line's start after the extension's words
   * ("… will do what⏎        T|e second test" read for "… will do what
   * t|hey can", "they can …" gone).  Asked of the last few letters only
   * (fewer than the extension needs): past a line break, more letters
   * that agree are the quote's line going on, wherever its breaks are. */
  {
    gint64 letters = 0, x, y;

    for (x = n; x != en && !is_line_break (map->new[x]) && letters < EXTEND_LINE_LETTERS; x -= step)
      letters += is_alnum (map->new[x]) ? 1 : 0;
    if (x == en || !is_line_break (map->new[x]))
      return FALSE;
    /* The old text as many letters back from @o, and its whitespace
     * before them. */
    for (y = o; y != eo && letters > 0; y -= step)
      letters -= is_alnum (map->old[y]) ? 1 : 0;
    for (; y != eo && !is_alnum (map->old[y]) && !is_line_break (map->old[y]); y -= step)
      ;
    return y != eo && !is_line_break (map->old[y]);
  }
}

static gboolean
map_extend_edge (const TextMap *map, gint64 s, gint64 e, gint64 o, gint64 n, int step,
                 gint64 *out_old, gint64 *out_new)
{
  enum { W = 2 * EXTEND_BAND + 1 };
  gunichar fo[EXTEND_MAX], fn[EXTEND_MAX + EXTEND_BAND];
  gint64 ro[EXTEND_MAX], rn[EXTEND_MAX + EXTEND_BAND];
  gint32 line[EXTEND_MAX], line_from[EXTEND_MAX + 1], row_d[EXTEND_MAX + 1], row_any[EXTEND_MAX + 1];
  gint64 row_jj[EXTEND_MAX + 1];
  gboolean matched[EXTEND_MAX + EXTEND_BAND];
  gint64 no = 0, nn = 0, best_i = 0, best_score = 0, last = o, rows = 0;
  gint32 lines = 0;
  gboolean goes_on = FALSE;
  g_autofree gint32 *d = NULL; /* d[i * W + (j - i + EXTEND_BAND)]: distance of fo[0, i) and fn[0, j) */

  for (gint64 i = o + step; i >= s && i < e && map->o2n[i] < 0 && no < EXTEND_MAX; i += step)
    {
      gunichar c = fold_char (map->old[i]);
      gboolean full = FALSE;

      if (c == 0)
        continue;
      /* Which line of the quote (counted from the edge) it is on.  (No
       * more lines than characters fit: a quote of many blank lines ends
       * the segment there.) */
      for (gint64 r = last + step; r != i && !full; r += step)
        if (is_line_break (map->old[r]))
          {
            if (lines + 2 > EXTEND_MAX)
              full = TRUE;
            else
              line_from[++lines] = (gint32) no;
          }
      if (full)
        break;
      last = i;
      line[no] = lines;
      ro[no] = i, fo[no++] = c;
    }
  line_from[0] = 0;
  line_from[lines + 1] = (gint32) no;
  if (no < 4)
    return FALSE;
  /* Whether the quote's last line here goes on past the quote's edge in
   * the old text: then all of it the quote has is not the whole line. */
  {
    gint64 edge = step > 0 ? e : s - 1;

    if (step > 0 ? last + step >= e : last + step < s)
      for (gint64 r = edge; r >= 0 && r < map->n_old && ABS (r - edge) < 64; r += step)
        {
          if (is_line_break (map->old[r]))
            break;
          if (fold_char (map->old[r]) != 0)
            {
              goes_on = TRUE;
              break;
            }
        }
  }
  for (gint64 j = n + step; j >= 0 && j < map->n_new && map->n2o[j] < 0 && nn < no + EXTEND_BAND; j += step)
    {
      gunichar c = fold_char (map->new[j]);

      if (c != 0)
        rn[nn] = j, fn[nn++] = c;
    }
  if (nn < 4)
    return FALSE;

#define D(i, j) d[(i) * W + ((j) - (i) + EXTEND_BAND)]
  d = g_new (gint32, (no + 1) * W);
  for (gint64 x = 0; x < (no + 1) * W; x++)
    d[x] = G_MAXINT32 / 2;
  for (gint64 j = 0; j <= MIN (nn, EXTEND_BAND); j++)
    D (0, j) = (gint32) j;
  for (gint64 i = 0; i <= no; i++)
    row_d[i] = -1, row_any[i] = G_MAXINT32 / 2;
  row_any[0] = 0;
  for (gint64 i = 1; i <= no; i++)
    {
      gint64 lo = MAX (0, i - EXTEND_BAND), hi = MIN (nn, i + EXTEND_BAND);
      gint32 row_min = G_MAXINT32;

      /* The quote's rest is longer than the band reaches in the new text. */
      if (lo > hi)
        break;
      rows = i;
      for (gint64 j = lo; j <= hi; j++)
        {
          gint32 v = G_MAXINT32 / 2;

          if (j == 0)
            v = (gint32) i;
          else
            {
              if (j - 1 >= i - 1 - EXTEND_BAND)
                v = MIN (v, D (i - 1, j - 1) + (fo[i - 1] == fn[j - 1] ? 0 : 1));
              if (j <= i - 1 + EXTEND_BAND)
                v = MIN (v, D (i - 1, j) + 1);
              if (j - 1 >= lo)
                v = MIN (v, D (i, j - 1) + 1);
            }
          D (i, j) = v;
          row_any[i] = MIN (row_any[i], v);
          /* Only where both end on a match: an extension ends on the
           * quote's own character. */
          if (j > 0 && fo[i - 1] == fn[j - 1] && v < row_min)
            row_min = v, row_jj[i] = j;
        }
      if (row_min != G_MAXINT32)
        row_d[i] = row_min;
    }
  for (gint64 i = 4; i <= rows; i++)
    {
      gint32 l = line[i - 1];
      gint64 on_line = i - line_from[l];

      if (row_d[i] < 0 || row_d[i] * 4 > i || i - 4 * row_d[i] <= best_score)
        continue;
      /* Past a line break, only a line that goes on alike: 20 characters
       * of it, or all of it the quote has.  A line that only starts like
       * the quote's next one (the quote's went; another paragraph with
       * the same first words follows) is not the quote's. */
      if (l > 0 && on_line < 20 && (on_line < line_from[l + 1] - line_from[l] || (l == lines && goes_on)))
        continue;
      /* And the line past the break close on its own (a sixth of errors:
       * typos and a word or two; unrelated words align at a quarter):
       * lines that read alike do not carry one that does not. */
      if (l > 0 && (row_d[i] - row_any[line_from[l]]) * 6 > on_line)
        continue;
      /* A short line taken whole must be one the old text does not
       * repeat near by (a table's label, a caption's credit): another copy
       * of it may stand where the quote's went. */
      if (l > 0 && on_line < 20)
        {
          gunichar piece[20];

          /* (In text order: fo runs outward, backwards before the run.) */
          for (gint64 k = 0; k < on_line; k++)
            piece[k] = fo[line_from[l] + (step > 0 ? k : on_line - 1 - k)];
          if (!map_once_near (map, s, e, piece, on_line))
            continue;
        }
      /* Nor one that ends inside a word of each text on a line the old
       * text did not have there: a line from elsewhere whose first
       * letters matched the quote's by chance ("f" of the quote's
       * "friend" and of "from" on a line that moved in, after which the
       * edge took in the rest of "from").  (A typo inside a word of the
       * quote's own line is not asked.) */
      if (map_extension_ends_in_words (map, o, n, ro[i - 1], rn[row_jj[i] - 1], step))
        continue;
      best_score = i - 4 * row_d[i], best_i = i;
    }
  if (best_i < 4)
    return FALSE;
  /* Only text the old text does not repeat near by: a copy of it (a
   * repeated paragraph) may be what stands unpaired beside the run. */
  {
    gunichar ext[EXTEND_MAX];

    for (gint64 i = 0; i < best_i; i++)
      ext[i] = fo[step > 0 ? i : best_i - 1 - i];
    if (!map_once_near (map, s, e, ext, best_i))
      return FALSE;
  }

  /* Which new characters the alignment matched: a line of new text in
   * the extension with fewer than half of its folded characters matched
   * is text that came in between (a paragraph moved in), not the
   * quote's going on. */
  memset (matched, 0, sizeof (gboolean) * (gsize) nn);
  for (gint64 i = best_i, j = row_jj[best_i]; i > 0 && j > 0;)
    {
      gint32 v = D (i, j);

      if (j - 1 >= i - 1 - EXTEND_BAND && v == D (i - 1, j - 1) + (fo[i - 1] == fn[j - 1] ? 0 : 1))
        {
          matched[j - 1] = fo[i - 1] == fn[j - 1];
          i--, j--;
        }
      else if (j <= i - 1 + EXTEND_BAND && v == D (i - 1, j) + 1)
        i--;
      else
        j--;
    }
  {
    gint64 folded = 0, hit = 0;

    for (gint64 j = 0, r = n + step; j < row_jj[best_i]; r += step)
      {
        if (is_line_break (map->new[r]))
          {
            if (folded >= 2 && hit * 2 < folded)
              return FALSE;
            folded = hit = 0;
            continue;
          }
        if (r == rn[j])
          folded++, hit += matched[j] ? 1 : 0, j++;
      }
    if (folded >= 2 && hit * 2 < folded)
      return FALSE;
  }
#undef D

  *out_old = ro[best_i - 1];
  *out_new = rn[row_jj[best_i] - 1];
  /* Blank lines the old text did not have there (one from elsewhere, in
   * between): not the quote's going on.  (A reflowed space may make one.) */
  if (ABS (blank_line_chars (map->new, MIN (n, *out_new), MAX (n, *out_new) + 1) -
           blank_line_chars (map->old, MIN (o, *out_old), MAX (o, *out_old) + 1)) > MAP_FOREIGN_MAX ||
      blank_lines (map->new, MIN (n, *out_new), MAX (n, *out_new) + 1) >
      blank_lines (map->old, MIN (o, *out_old), MAX (o, *out_old) + 1) + 1)
    return FALSE;
  return TRUE;
}

/* Where a placement starting at new @ps begins once its line's indentation
 * is taken in: a line's indentation goes with its line.  When the quote
 * holds the line break and the whole indentation of the line its first
 * paired character (old @o, new @n) is on, all of it unpaired, and the new
 * line's indentation before @ps is unpaired whitespace too, that is the
 * quote's: the paragraph before it went, and whitespace alone cannot pair.
 * Left out, a short line's placement ("More games news:" after 16 spaces)
 * holds half of what survived of it. */
static gint64
map_take_indentation (const TextMap *map, gint64 s, gint64 o, gint64 n, gint64 ps)
{
  gint64 x, y;

  if (ps <= 0 || ps > n || is_space (map->new[ps]))
    return ps;
  for (y = ps; y < n; y++)
    if (map->new[y] == '\n')
      return ps;
  /* The old line: its break inside the quote, only unpaired whitespace
   * between it and the first character of text, which is at or before @o. */
  for (x = o - 1; x >= s && map->old[x] != '\n'; x--)
    ;
  if (x < s)
    return ps;
  for (x++; x < o && is_space (map->old[x]) && map->o2n[x] < 0; x++)
    ;
  if (is_space (map->old[x]))
    return ps;
  /* The new line: unpaired whitespace back to its line break. */
  for (y = ps - 1; y >= 0 && map->new[y] != '\n' && is_space (map->new[y]) && map->n2o[y] < 0; y--)
    ;
  if (y >= 0 && map->new[y] != '\n')
    return ps;
  return y + 1;
}

/* Where a placement ending at new @pe ends once the indentation of a line
 * whose text went is left out: the other side of map_take_indentation().
 * When the placement's last line holds only whitespace, paired with the
 * indentation of the quote's last line, and that line's text up to the
 * quote's end (old @e) is all unpaired, the line went, indentation and
 * all (a line is deleted or moved with its indentation), and the new
 * whitespace is the indentation of whatever line came next
 * ("Yojimbo ⏎ Transmit" where "Transmit"'s line went: the 12 spaces before
 * "Script Debugger" paired with its own): when the new line is blank or
 * goes on with text paired with old text outside the quote, or reading
 * as the old text's next line (8 characters agree).  The
 * placement ends at the line break before it, if anything but whitespace
 * is left. */
static gint64
map_drop_orphan_indentation (const TextMap *map, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  gint64 y, x, o;
  gboolean text_went = FALSE;

  if (pe <= ps || pe > map->n_new || map->n2o[pe - 1] < 0 || !is_space (map->new[pe - 1]))
    return pe;
  for (y = pe - 1; y >= ps && map->new[y] != '\n'; y--)
    if (!is_space (map->new[y]))
      return pe;
  if (y < ps)
    return pe;
  /* The old side: the whitespace is the indentation of the quote's line
   * (only whitespace back to its line break) ... */
  o = map->n2o[pe - 1];
  for (x = o; x >= 0 && map->old[x] != '\n'; x--)
    if (!is_space (map->old[x]))
      return pe;
  /* ... whose text, up to the quote's end, nothing pairs. */
  for (x = o + 1; x < e && map->old[x] != '\n'; x++)
    {
      if (map->o2n[x] >= 0)
        return pe;
      text_went = text_went || !is_space (map->old[x]);
    }
  if (!text_went)
    return pe;
  /* Nor does the new line go on with text of its own (an inserted
   * sentence before the line's words, a table's cell too short to pair,
   * reindented): only a blank line, or text the alignment pairs with old
   * text outside the quote (the next line's), stands where the quote's
   * line was. */
  for (x = pe; x < map->n_new && map->new[x] != '\n' && is_space (map->new[x]); x++)
    ;
  if (x < map->n_new && map->new[x] != '\n' &&
      (map->n2o[x] < 0 || (map->n2o[x] >= s && map->n2o[x] < e)))
    {
      /* (Or it reads as the old text's next line, too changed to pair:
       * '"href": "https://micchiel…' after '"links":[{' went.) */
      gint64 z = o + 1;

      while (z < map->n_old && map->old[z] != '\n')
        z++;
      if (map->n2o[x] >= 0 || z >= map->n_old ||
          map_rests_agree (map->old, map->n_old, z + 1, map->new, map->n_new, x, 1) < MAP_LINE_START)
        return pe;
    }
  /* A blank new line whose next line reads as the quote's line's words,
   * with less than half of its indentation, is that line with a line
   * break come into its indentation (a reflow: "story.⏎        So is"
   * become "story.⏎       ⏎So is"), its words too changed further on to
   * pair: the line did not go.  (A next line indented as the quote's line
   * was is a line of its own after a blank one: its copy may have moved
   * in, and the blank line's whitespace is not the quote's.) */
  if (x < map->n_new && map->new[x] == '\n' &&
      map_rests_agree (map->old, map->n_old, o + 1, map->new, map->n_new, x + 1, 1) >= MAP_LINE_START)
    {
      gint64 old_indent = 0, new_indent = 0, z;

      for (z = o; z >= 0 && map->old[z] != '\n'; z--)
        old_indent++;
      for (z = o + 1; z < map->n_old && map->old[z] != '\n' && is_space (map->old[z]); z++)
        old_indent++;
      for (z = x + 1; z < map->n_new && map->new[z] != '\n' && is_space (map->new[z]); z++)
        new_indent++;
      if (new_indent * 2 < old_indent)
        return pe;
    }
  for (x = ps; x < y; x++)
    if (!is_space (map->new[x]))
      return y + 1;
  return pe;
}

/* Whether the space at new @n, a run's first (@step -1) or last (@step 1)
 * paired character, has beyond it an unpaired space (not a line break) and
 * then an unpaired letter: "the| |configuration" with a space inserted,
 * the run paired with the first.  Which of the two spaces is the quote's
 * the alignment cannot tell, so the edge space does not count for the run
 * (as an inserted word's own space does not). */
static gboolean
map_doubled_edge_space (const TextMap *map, gint64 n, int step)
{
  gint64 b = n + step, c = n + 2 * step;

  return is_space (map->new[n]) && c >= 0 && c < map->n_new &&
         map->n2o[b] < 0 && map->new[b] != '\n' && is_space (map->new[b]) &&
         map->n2o[c] < 0 && !is_space (map->new[c]);
}

/* Whether the @k letters at a run's first (@step -1) or last (@step 1)
 * pair, old @o with new @n, which end (start) a word in both texts, are
 * a coincidence: the new word goes on in unpaired letters, and right
 * beyond it (a space or two away) stands, whole and unpaired, the old
 * word they are part of.  That is the quote's own word, left unpaired
 * while the run took an inserted word's tail (head) in its place: "at"
 * of "2019 at wh|at 09:11", "th" of "sit th|at there".  A typo inside the
 * quote's word leaves no other copy of it there. */
#define MAP_EDGE_WORD_MAX 32

static gboolean
map_edge_word_coincides (const TextMap *map, gint64 o, gint64 n, gint64 k, int step)
{
  gint64 ws, we, x = n + step, skipped = 0, len;

  /* The old word: the @k letters and what it has beyond them inward. */
  if (step < 0)
    {
      we = o + k;
      if (we < map->n_old && is_alnum (map->old[we]))
        return FALSE;
      for (ws = o; ws > 0 && is_alnum (map->old[ws - 1]); ws--)
        ;
    }
  else
    {
      ws = o - k + 1;
      if (ws > 0 && is_alnum (map->old[ws - 1]))
        return FALSE;
      for (we = o + 1; we < map->n_old && is_alnum (map->old[we]); we++)
        ;
    }
  len = we - ws;
  if (len > MAP_EDGE_WORD_MAX)
    return FALSE;
  /* The new word goes on in unpaired letters... */
  if (x < 0 || x >= map->n_new || map->n2o[x] >= 0 || !is_alnum (map->new[x]))
    return FALSE;
  while (x >= 0 && x < map->n_new && is_alnum (map->new[x]) && map->n2o[x] < 0)
    x += step;
  while (x >= 0 && x < map->n_new && !is_alnum (map->new[x]) && map->new[x] != '\n' && skipped < 2)
    x += step, skipped++;
  /* ... and the old word stands beyond it, unpaired. */
  for (gint64 i = 0; i < len; i++)
    {
      gint64 y = x + step * i;
      gunichar want = step < 0 ? map->old[we - 1 - i] : map->old[ws + i];

      if (y < 0 || y >= map->n_new || map->n2o[y] >= 0 || map->new[y] != want)
        return FALSE;
    }
  x += step * len;
  return x < 0 || x >= map->n_new || !is_alnum (map->new[x]);
}

/* Where the run's edge word, new [@n, ...) paired (@step 1: the run's
 * first word, from @n on; -1: its last, ending at @n), is followed
 * (preceded), past whitespace on its line, by an unpaired copy of itself
 * (folded, whole), the paired text going on right beyond that copy: the
 * copy's start (end + 1), or -1.  An inserted word the same as the
 * quote's edge word ("different different than …"): which of the two
 * is the quote's the texts do not say, and the inner one is never wrong
 * (the outer, if it is the inserted one, is text from elsewhere at the
 * placement's edge; the inner, if the quote's is the outer, leaves out a
 * word of it). */
static gint64
map_edge_word_doubled (const TextMap *map, gint64 n, int step)
{
  gint64 a = n, b, c, d, len;

  if (n < 0 || n >= map->n_new || !is_alnum (map->new[n]) ||
      (n - step >= 0 && n - step < map->n_new && is_alnum (map->new[n - step])))
    return -1;
  /* The paired word: [a, b) one way. */
  for (b = a; b >= 0 && b < map->n_new && is_alnum (map->new[b]) && map->n2o[b] >= 0; b += step)
    ;
  if (b < 0 || b >= map->n_new || is_alnum (map->new[b]))
    return -1;
  len = (b - a) * step;
  if (len < 2)
    return -1;
  /* Whitespace (the paired word's own space may be paired), then the
   * copy. */
  for (c = b; c >= 0 && c < map->n_new && is_space (map->new[c]) && !is_line_break (map->new[c]); c += step)
    ;
  if (c == b || c < 0 || c >= map->n_new)
    return -1;
  for (d = 0; d < len; d++)
    {
      gint64 x = c + d * step;

      if (x < 0 || x >= map->n_new || map->n2o[x] >= 0 ||
          fold_char (map->new[x]) != fold_char (map->new[a + d * step]))
        return -1;
    }
  d = c + len * step;
  if (d >= 0 && d < map->n_new && is_alnum (map->new[d]))
    return -1;
  /* The run goes on right beyond it, past whitespace on the line. */
  while (d >= 0 && d < map->n_new && is_space (map->new[d]) && !is_line_break (map->new[d]) && map->n2o[d] < 0)
    d += step;
  if (d < 0 || d >= map->n_new || map->n2o[d] < 0)
    return -1;
  return c;
}

/* The whole word of the new text that ends (@step -1) or starts (@step
 * 1) at the first letter from @n on that way, past whitespace on the
 * line: its first and last positions in @w0, @w1; FALSE when there is
 * none or the letters beyond it go on.  (Not past a line break: a line
 * may well start with the word the line before ended with, "Lorem ⏎
 * Lorem ipsum".) */
static gboolean
map_word_at (const TextMap *map, gint64 n, int step, gint64 *w0, gint64 *w1)
{
  gint64 a = n, b;

  while (a >= 0 && a < map->n_new && is_space (map->new[a]) && !is_line_break (map->new[a]))
    a += step;
  if (a < 0 || a >= map->n_new || !is_alnum (map->new[a]) ||
      (a - step >= 0 && a - step < map->n_new && is_alnum (map->new[a - step])))
    return FALSE;
  for (b = a; b + step >= 0 && b + step < map->n_new && is_alnum (map->new[b + step]); b += step)
    ;
  *w0 = MIN (a, b);
  *w1 = MAX (a, b);
  return TRUE;
}

/* Whether new words [@a0, @a1] and [@b0, @b1] read the same, folded. */
static gboolean
map_same_word (const TextMap *map, gint64 a0, gint64 a1, gint64 b0, gint64 b1)
{
  if (a1 - a0 != b1 - b0)
    return FALSE;
  for (gint64 i = 0; a0 + i <= a1; i++)
    if (fold_char (map->new[a0 + i]) != fold_char (map->new[b0 + i]))
      return FALSE;
  return TRUE;
}

/* Whether the new text between a run's pairs at @a and @b (@a < @b) is,
 * white space aside, one unpaired word the same as the word right beside
 * it on either side: an inserted word that doubles a word of the quote
 * ("that the the more", "Clockwise from from top").  The gap it makes is
 * then the doubling's, and says nothing of the pairs beyond it. */
static gboolean
map_gap_doubles_word (const TextMap *map, gint64 a, gint64 b)
{
  gint64 w0, w1, v0, v1;

  for (gint64 x = a + 1; x < b; x++)
    if (map->n2o[x] >= 0)
      return FALSE;
  if (!map_word_at (map, a + 1, 1, &w0, &w1) || w1 >= b || w1 - w0 < 1)
    return FALSE;
  for (gint64 x = w1 + 1; x < b; x++)
    if (!is_space (map->new[x]))
      return FALSE;
  return (map_word_at (map, w1 + 1, 1, &v0, &v1) && map_same_word (map, w0, w1, v0, v1)) ||
         (map_word_at (map, w0 - 1, -1, &v0, &v1) && map_same_word (map, w0, w1, v0, v1));
}

/* Whether the inserted text between a run's pairs @a and @b (nothing of
 * the old text between them) could as well stand further from the run's
 * first (@step 1) or last (@step -1) @k pairs, the stretch on that side
 * of it, so that those would be more than MAP_EDGE_SLACK: the new text
 * right after it (before it) reads, character for character, as the
 * pairs past it on the other side.  The alignment chose one of equal
 * pairings, and the stretch is then no few letters cut off but the
 * quote's own, going on into its rest: "coll|ected expe|cted data" for
 * "collected data", "expected" inserted, is "collected |expected |data".
 * (Through a letter at least: an inserted word moves as well by the
 * space beside it, which says nothing of the word beyond.) */
static gboolean
map_gap_slides_past_slack (const TextMap *map, const MapPair *a, const MapPair *b, guint k, int step)
{
  gint64 need = MAP_EDGE_SLACK + 1 - (gint64) k;
  gboolean letter = FALSE;

  if (b->o != a->o + 1 || b->n <= a->n + 1)
    return FALSE;
  for (gint64 j = 0; j < need; j++)
    {
      gint64 x = step > 0 ? a->n + 1 + j : b->n - 1 - j;
      gint64 y = step > 0 ? b->n + j : a->n - j;
      gint64 yo = step > 0 ? b->o + j : a->o - j;

      if (y < 0 || y >= map->n_new || map->n2o[y] != yo || map->new[x] != map->new[y])
        return FALSE;
      letter = letter || is_alnum (map->new[x]);
    }
  return letter;
}

/* Where the run's edge word (the last one before new @n, paired, @step
 * 1; the first from it, @step -1) is followed (preceded), past
 * whitespace on the line, by an unpaired copy of itself, whole: the
 * copy's last (first) position, else -1.  ("saucer was| was usd!": which
 * "was" is the inserted one the texts do not say.) */
static gint64
map_edge_word_copy (const TextMap *map, gint64 n, int step)
{
  gint64 w0, w1, c0, c1;

  if (!map_word_at (map, n, -step, &w0, &w1) || w1 - w0 < 1)
    return -1;
  for (gint64 x = step > 0 ? w1 + 1 : w0 - 1; x != n + step; x += step)
    if (map->n2o[x] < 0)
      return -1;
  if (!map_word_at (map, n + step, step, &c0, &c1) || !map_same_word (map, w0, w1, c0, c1))
    return -1;
  for (gint64 x = c0; x <= c1; x++)
    if (map->n2o[x] >= 0)
      return -1;
  for (gint64 x = n + step; x != (step > 0 ? c0 : c1); x += step)
    if (map->n2o[x] >= 0)
      return -1;
  return step > 0 ? c1 : c0;
}

/* The run pp[@from, @to) less its last (@step 1) or first (@step -1) word
 * when that word, in the new text, goes on past unpaired letters in letters
 * paired with old text outside the quote [@s, @e) and outside the run's
 * own old word: returns the run's new end (start). */
static guint
map_run_cut_foreign_word (const TextMap *map, const MapPair *pp, guint from, guint to, gint64 s, gint64 e, int step)
{
  guint edge = step > 0 ? to - 1 : from;
  gint64 n = pp[edge].n, o = pp[edge].o, j = n + step, w;
  gint32 jo;

  if (!is_alnum (map->new[n]))
    return step > 0 ? to : from;
  while (j >= 0 && j < map->n_new && map->n2o[j] < 0 && is_alnum (map->new[j]))
    j += step;
  if (j < 0 || j >= map->n_new || !is_alnum (map->new[j]) || j == n + step)
    return step > 0 ? to : from;
  jo = map->n2o[j];
  if (jo >= s && jo < e)
    return step > 0 ? to : from;
  /* (Nor where they are the rest of the run's own old word: a quote that
   * ends inside a word, a letter inserted after its end: "invented
   * Java|xx|Script".) */
  for (w = o; w + step >= 0 && w + step < map->n_old && is_alnum (map->old[w + step]); w += step)
    if (w + step == jo)
      return step > 0 ? to : from;
  /* The word's first (last) new letter, and the run's pairs before it. */
  for (w = n; w - step >= 0 && w - step < map->n_new && is_alnum (map->new[w - step]); w -= step)
    ;
  if (step > 0)
    {
      while (to > from && pp[to - 1].n >= w)
        to--;
      return to;
    }
  while (from < to && pp[from].n <= w)
    from++;
  return from;
}

/* The run pp[@from, @to) less its last line's head when that is all the
 * run holds of the line: the run's last pairs, consecutive in both texts,
 * stand on one line from its start (its indentation aside) in both texts,
 * with 1 to MAP_EDGE_LONE_MAX letters ending a word, and the new line goes
 * on, at once or past unpaired text on it, in characters paired with old
 * text outside the quote [@s, @e), on another old line that starts with
 * the same words, the quote's own old line going on past the head and
 * parting from the other within MAP_LINE_HEAD_PART letters.  The head is
 * that line's, paired with the quote's because the two lines start alike
 * ("        Raspberry |Pi 3 - A credit card …" taken for the quote's
 * "Raspberry Pi in educations", the caption moved in before it; "Develop
 * |deploy and debug Firefox OS apps" for "Develop and debug your apps").
 * Returns the run's new end. */
static guint
map_run_cut_line_head (const TextMap *map, const MapPair *pp, guint from, guint to, gint64 s, gint64 e)
{
  gint64 n1 = pp[to - 1].n, o1 = pp[to - 1].o, n0, o0, j, y, oy, letters = 0;
  gunichar head[MAP_EDGE_LONE_MAX];
  guint k = 1, nh = 0, m = 0;

  /* (The run's last pair ending a line: the line does not go on.) */
  if (is_line_break (map->new[n1]))
    return to;
  /* The head: back from the run's last pair, pair for pair next to each
   * other in both texts, within the line. */
  while (k < to - from && pp[to - 1 - k].n == n1 - (gint64) k && pp[to - 1 - k].o == o1 - (gint64) k &&
         !is_line_break (map->new[n1 - k]))
    k++;
  n0 = n1 - (k - 1);
  o0 = o1 - (k - 1);
  /* (From the line's start, or its indentation, in both texts.) */
  for (j = n0 - 1; j >= 0 && !is_line_break (map->new[j]); j--)
    if (!is_space (map->new[j]))
      return to;
  for (y = o0 - 1; y >= 0 && !is_line_break (map->old[y]); y--)
    if (!is_space (map->old[y]))
      return to;
  for (gint64 x = n0; x <= n1; x++)
    if (is_alnum (map->new[x]))
      {
        if (++letters > MAP_EDGE_LONE_MAX)
          return to;
        head[nh++] = fold_char (map->new[x]);
      }
  /* (Ending a word: a word cut in two is map_run_cut_foreign_word()'s.) */
  if (letters == 0 || n1 + 1 >= map->n_new || is_line_break (map->new[n1 + 1]) ||
      (is_alnum (map->new[n1]) && is_alnum (map->new[n1 + 1])))
    return to;
  /* The line goes on in text paired with old text outside the quote. */
  for (j = n1 + 1; j < map->n_new && map->n2o[j] < 0 && !is_line_break (map->new[j]) &&
                   j - n1 <= MAP_EDGE_LINE_REACH; j++)
    ;
  if (j >= map->n_new || map->n2o[j] < 0)
    return to;
  oy = map->n2o[j];
  if (oy >= s && oy < e)
    return to;
  /* Its old line, another one (the quote's own going on past its end is
   * a quote ending inside a line), starts with the head's words, whole,
   * before it. */
  for (y = oy; y > 0 && !is_line_break (map->old[y - 1]); y--)
    ;
  if (y <= o0 && o0 <= oy)
    return to;
  for (; y < oy && m < nh; y++)
    if (is_alnum (map->old[y]))
      {
        if (fold_char (map->old[y]) != head[m])
          return to;
        m++;
      }
    else if (!is_space (map->old[y]))
      return to;
  if (m < nh || (y < map->n_old && is_alnum (map->old[y])))
    return to;
  /* (And the quote's old line goes on past the head — a line of its own
   * joined to the next by a reflow reads on as that line — and the two
   * old lines part within MAP_LINE_HEAD_PART letters after the head:
   * where they read on alike, as a page's paragraphs of Lorem ipsum do,
   * which line the head is the texts do not say.) */
  {
    gint64 a = o1 + 1, b = y;
    int same = 0;

    while (a < map->n_old && !is_alnum (map->old[a]) && !is_line_break (map->old[a]))
      a++;
    if (a >= map->n_old || is_line_break (map->old[a]))
      return to;
    while (same < MAP_LINE_HEAD_PART)
      {
        while (a < map->n_old && !is_alnum (map->old[a]) && !is_line_break (map->old[a]))
          a++;
        while (b < map->n_old && !is_alnum (map->old[b]) && !is_line_break (map->old[b]))
          b++;
        if (a >= map->n_old || b >= map->n_old || is_line_break (map->old[a]) || is_line_break (map->old[b]))
          break;
        if (fold_char (map->old[a]) != fold_char (map->old[b]))
          break;
        same++, a++, b++;
      }
    if (same == MAP_LINE_HEAD_PART)
      return to;
  }
  return to - k;
}

/* The run pp[@from, @to) less its first line's tail when that is all the
 * run holds of the line: the run's first pairs, consecutive in both texts,
 * stand on one line to its end (trailing spaces aside) in both texts,
 * starting a word, with 1 to MAP_LINE_TAIL_MAX letters, and the new line
 * goes back, at once or past unpaired text on it, in characters paired
 * with old text outside the quote [@s, @e), on another old line that ends
 * with the same words, the quote's own old line going back past the tail
 * and parting from the other within MAP_LINE_HEAD_PART letters.  The tail
 * is that line's, paired with the quote's because the two lines end alike
 * (" on iTunes, Vudu, Amazon, YouTube, and Google Play." of "A Quiet
 * Passion is currently streaming … or purchase|" taken for the quote's
 * "The Big Sick is currently streaming … rent|", the line moved in after
 * it; " mission." of "invented that| mission." for "in the best interest
 * of the| mission.", the quote's line moved away): map_run_cut_line_head()
 * turned round.  Returns the run's new start. */
static guint
map_run_cut_line_tail (const TextMap *map, const MapPair *pp, guint from, guint to, gint64 s, gint64 e)
{
  gint64 n0 = pp[from].n, o0 = pp[from].o, n1, o1, j, y, oy, letters = 0;
  guint k = 1;

  /* (The run's first pair a line break: the run starts a line.) */
  if (is_line_break (map->new[n0]))
    return from;
  /* The tail: on from the run's first pair, pair for pair next to each
   * other in both texts, within the line. */
  while (k < to - from && pp[from + k].n == n0 + (gint64) k && pp[from + k].o == o0 + (gint64) k &&
         !is_line_break (map->new[n0 + k]))
    k++;
  n1 = n0 + (k - 1);
  o1 = o0 + (k - 1);
  /* (To the line's end, or its trailing spaces, in both texts.) */
  for (j = n1 + 1; j < map->n_new && !is_line_break (map->new[j]); j++)
    if (!is_space (map->new[j]))
      return from;
  for (y = o1 + 1; y < map->n_old && !is_line_break (map->old[y]); y++)
    if (!is_space (map->old[y]))
      return from;
  for (gint64 x = n0; x <= n1; x++)
    if (is_alnum (map->new[x]) && ++letters > MAP_LINE_TAIL_MAX)
      return from;
  /* (Starting a word: a word cut in two is map_run_cut_foreign_word()'s.) */
  if (letters == 0 || n0 == 0 || is_line_break (map->new[n0 - 1]) ||
      (is_alnum (map->new[n0]) && is_alnum (map->new[n0 - 1])))
    return from;
  /* The line goes back in text paired with old text outside the quote. */
  for (j = n0 - 1; j >= 0 && map->n2o[j] < 0 && !is_line_break (map->new[j]) &&
                   n0 - j <= MAP_EDGE_LINE_REACH; j--)
    ;
  if (j < 0 || map->n2o[j] < 0)
    return from;
  oy = map->n2o[j];
  if (oy >= s && oy < e)
    return from;
  /* Its old line, another one (the quote's own going back before its
   * start is a quote starting inside a line), ends with the tail's
   * words, whole, after it: the tail's characters, spaces aside, back
   * from the line's end. */
  for (y = oy; y < map->n_old && !is_line_break (map->old[y]); y++)
    ;
  if (oy <= o0 && o0 <= y)
    return from;
  {
    gint64 t = o1;

    while (y > oy && is_space (map->old[y - 1]))
      y--;
    while (t >= o0 && y > oy)
      {
        if (is_space (map->old[t]))
          {
            t--;
            continue;
          }
        if (is_space (map->old[y - 1]))
          {
            y--;
            continue;
          }
        if (fold_char (map->old[t]) != fold_char (map->old[y - 1]))
          return from;
        t--, y--;
      }
    while (t >= o0 && is_space (map->old[t]))
      t--;
    if (t >= o0 || (y > 0 && is_alnum (map->old[y - 1])))
      return from;
  }
  /* (And the quote's old line goes back past the tail — a line of its
   * own is the whole line, map_run_cut_line_head()'s side — and the two
   * old lines part within MAP_LINE_HEAD_PART letters before the tail:
   * where they read back alike, which line the tail is the texts do not
   * say.) */
  {
    gint64 a = o0 - 1, b = y - 1;
    int same = 0;

    while (a >= 0 && !is_alnum (map->old[a]) && !is_line_break (map->old[a]))
      a--;
    if (a < 0 || is_line_break (map->old[a]))
      return from;
    while (same < MAP_LINE_HEAD_PART)
      {
        while (a >= 0 && !is_alnum (map->old[a]) && !is_line_break (map->old[a]))
          a--;
        while (b >= 0 && !is_alnum (map->old[b]) && !is_line_break (map->old[b]))
          b--;
        if (a < 0 || b < 0 || is_line_break (map->old[a]) || is_line_break (map->old[b]))
          break;
        if (fold_char (map->old[a]) != fold_char (map->old[b]))
          break;
        same++, a--, b--;
      }
    if (same == MAP_LINE_HEAD_PART)
      return from;
  }
  return from + k;
}

/* Whether the letters of old [@o0, @o1] stand, folded and within a
 * quarter in edits, in the unpaired new text from @n on (@step 1) or
 * back from @n (@step -1), not reaching @stop: the quote's own copy of
 * a lone edge word, right beside the run's rest ("… the way you
 * expect!|⏎", "Well, I foun| some"), its letters read outward from the
 * rest, whatever stands between them. */
static gboolean
map_lone_edge_copy_beside (const TextMap *map, gint64 o0, gint64 o1, gint64 n, gint64 stop, int step)
{
  gunichar ol[MAP_EDGE_LONE_MAX], nl[MAP_EDGE_LONE_MAX + 1];
  guint lo = 0, ln = 0, row[MAP_EDGE_LONE_MAX + 2];

  /* Both read outward from the run's rest: the old letters from the one
   * next to it. */
  for (gint64 x = step > 0 ? o0 : o1; x >= o0 && x <= o1 && lo < MAP_EDGE_LONE_MAX; x += step)
    if (is_alnum (map->old[x]))
      ol[lo++] = fold_char (map->old[x]);
  if (lo == 0)
    return FALSE;
  for (gint64 y = n; y != stop && y >= 0 && y < map->n_new && ln < lo + 1; y += step)
    {
      if (map->n2o[y] >= 0)
        break;
      if (is_alnum (map->new[y]))
        nl[ln++] = fold_char (map->new[y]);
    }
  /* The edit distance of the old letters to the first i new ones, the
   * best i within one of their number. */
  for (guint j = 0; j <= ln; j++)
    row[j] = j;
  for (guint i = 1; i <= lo; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (guint j = 1; j <= ln; j++)
        {
          guint up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (ol[i - 1] == nl[j - 1] ? 0 : 1));
          diag = up;
        }
    }
  for (guint j = lo > 1 ? lo - 1 : 0; j <= ln; j++)
    if (4 * row[j] <= lo)
      return TRUE;
  return FALSE;
}

/* The pairs at the run [@from, @to)'s first (@step 1) or last (@step -1)
 * edge that are one stretch, consecutive in both texts, of more than
 * MAP_EDGE_SLACK and at most MAP_EDGE_LONE_MAX characters, followed
 * (preceded) by more than MAP_EDGE_LONE_TIMES times as many characters
 * of inserted text (new unpaired characters less the old ones between the
 * same pairs), and more than MAP_EDGE_LONE_MIN, before the run's rest,
 * beside which the quote's own copy of them stands
 * (map_lone_edge_copy_beside()): how many, else 0. */
static guint
map_run_lone_edge (const TextMap *map, const MapPair *pp, guint from, guint to, int step)
{
  guint k;
  gint64 inserted;

  if (to - from < 2)
    return 0;
  /* A stretch longer than MAP_EDGE_LONE_MAX is no lone word, however far
   * it goes on: most runs are the whole quote, and were read to their end
   * twice a highlight. */
  for (k = 1; k < to - from && k <= MAP_EDGE_LONE_MAX; k++)
    {
      const MapPair *a = step > 0 ? &pp[from + k - 1] : &pp[to - 1 - k];
      const MapPair *b = step > 0 ? &pp[from + k] : &pp[to - k];

      if (b->n != a->n + 1 || b->o != a->o + 1)
        break;
    }
  if (k <= MAP_EDGE_SLACK || k > MAP_EDGE_LONE_MAX || k >= to - from)
    return 0;
  {
    const MapPair *a = step > 0 ? &pp[from + k - 1] : &pp[to - 1 - k];
    const MapPair *b = step > 0 ? &pp[from + k] : &pp[to - k];

    inserted = (b->n - a->n) - (b->o - a->o);
    if (inserted <= MAP_EDGE_LONE_TIMES * (gint64) k || inserted <= MAP_EDGE_LONE_MIN ||
        map_gap_doubles_word (map, a->n, b->n))
      return 0;
    /* The quote's own copy of the lone letters stands, unpaired, right
     * beside the run's rest. */
    if (step > 0 ? !map_lone_edge_copy_beside (map, pp[from].o, a->o, b->n - 1, a->n, -1)
                 : !map_lone_edge_copy_beside (map, b->o, pp[to - 1].o, a->n + 1, b->n, 1))
      return 0;
  }
  return k;
}

/* Letters the quote's unpaired edge needs for map_edge_beyond_inserted()
 * to reach out to it. */
#define MAP_BEYOND_LETTERS 8

/* Where the quote's own edge stands beyond a sentence inserted right
 * beside its placement: the quote's old characters before old @o (@step
 * -1, from @s) or after it (@step 1, up to @e), @o the placement's
 * outermost old character there, all unpaired, on one line and with
 * MAP_BEYOND_LETTERS letters or more, read, folded and whole, in unpaired
 * new text beyond the unpaired text next to the placement's edge, new @n,
 * on the same line; that text holds a letter and came in (the old text
 * near the quote does not hold it), and the old text near the quote holds
 * the edge once.  Returns the new edge's outermost position, or -1.  The
 * alignment pairs a few words cut off by an inserted sentence with
 * nothing, and the placement is left on the part beyond it ("Clockwise
 * from top: small The these is found … it. whale bones; …" placed from
 * "whale"): the quote's own words, unpaired and right beyond text that
 * came in, can be no other passage's. */
static gint64
map_edge_beyond_inserted (const TextMap *map, gint64 s, gint64 e, gint64 o, gint64 n, int step)
{
  gint64 a = step < 0 ? s : o + 1, b = step < 0 ? o : e, letters = 0, nf = 0, lo, hi;
  gunichar f[MAP_EDGE_LINE_REACH];

  /* (The space between the edge and the placement may be the inserted
   * sentence's.) */
  while (step < 0 && b > a && is_space (map->old[b - 1]))
    b--;
  while (step > 0 && a < b && is_space (map->old[a]))
    a++;
  if (b - a > MAP_EDGE_LINE_REACH)
    return -1;
  for (gint64 i = a; i < b; i++)
    {
      if (map->o2n[i] >= 0 || is_line_break (map->old[i]))
        return -1;
      letters += is_alnum (map->old[i]) ? 1 : 0;
      if (fold_char (map->old[i]) != 0)
        f[nf++] = fold_char (map->old[i]);
    }
  if (letters < MAP_BEYOND_LETTERS || !map_once_near (map, s, e, f, nf))
    return -1;
  lo = MAX (0, s - MAP_EDGE_LINE_REACH);
  hi = MIN (map->n_old, e + MAP_EDGE_LINE_REACH);
  for (gint64 j = n + step; j >= 0 && j < map->n_new && map->n2o[j] < 0 && !is_line_break (map->new[j]) &&
                            ABS (j - n) <= MAP_EDGE_LINE_REACH;
       j += step)
    {
      gint64 k = j, m = nf;

      /* The edge, read outward from its inner end at @j. */
      if (!is_alnum (map->new[j]) || is_alnum (map->new[j - step]))
        continue;
      while (m > 0 && k >= 0 && k < map->n_new && map->n2o[k] < 0 && !is_line_break (map->new[k]))
        {
          gunichar c = fold_char (map->new[k]);

          if (c != 0 && c != f[step < 0 ? m - 1 : nf - m])
            break;
          m -= c != 0 ? 1 : 0;
          k += step;
        }
      if (m > 0 || (k >= 0 && k < map->n_new && is_alnum (map->new[k])))
        continue;
      /* What stands between came in. */
      {
        gint64 u = step < 0 ? j + 1 : n + 1, v = step < 0 ? n : j, between = 0;
        g_autofree gunichar *fb = NULL;
        gint64 nb;

        for (gint64 x = u; x < v; x++)
          between += is_alnum (map->new[x]) ? 1 : 0;
        nb = clipper_anchor_fold_string (map->new + u, v - u, &fb);
        if (between == 0 || nb == 0 || count_folded (map->old + lo, hi - lo, fb, nb, 1) > 0)
          return -1;
      }
      return k - step;
    }
  return -1;
}

/* Places old [s, e) through the alignment.  Its paired characters form
 * runs in new order (as anchor-edits.h judges: broken where old order goes
 * back or text from elsewhere comes between); the largest run is the place
 * when it holds at least half of the quote.  Returns FALSE when the
 * alignment does not say; @out_paired counts paired quote characters.
 * With @across_inserted, a break kept only by caution across text
 * inserted inside the quote (map_gap_inserted_inside()) does not break the
 * run, and it returns FALSE when there is no such break, or when a break
 * is one but for typos. */
static gboolean
map_place (const TextMap *map, gint64 s, gint64 e, GArray *pairs, gboolean across_inserted,
           gint64 *out_start, gint64 *out_end, gint64 *out_count, gint64 *out_paired)
{
  gboolean sorted = TRUE, whole;
  guint best_from = 0, best_to = 0, run_from = 0, group_from = 0, best_group = G_MAXUINT;
  gint64 best_count = 0, group_count = 0, best_group_count = 0;
  const MapPair *pp;
  gint64 ps, pe, slack, ext_start = -1, ext_end = -1, ext_o_start = -1, ext_o_end = -1, beyond;
  /* Whether the placement reached out to the quote's edge beyond inserted
   * text at its start (end): its edge is then the quote's first (last)
   * character. */
  gboolean beyond_start = FALSE, beyond_end = FALSE;
  /* Whether a coincidental letter was dropped off the run's first (last)
   * pair: it is then the inserted word's, not the quote's. */
  gboolean dropped_first = FALSE, dropped_last = FALSE;
  /* Whether a break between two parts was taken back: text inserted
   * inside the quote (@across_inserted, map_gap_inserted_inside()). */
  gboolean across = FALSE, typos = FALSE;

  {
    MapPair *out;
    guint count = 0;

    g_array_set_size (pairs, (guint) (e - s));
    out = (MapPair *) pairs->data;
    for (gint64 i = s; i < e; i++)
      if (map->o2n[i] >= 0)
        {
          if (count > 0 && out[count - 1].n > map->o2n[i])
            sorted = FALSE;
          out[count].o = (gint32) i;
          out[count++].n = map->o2n[i];
        }
    g_array_set_size (pairs, count);
  }
  *out_paired = pairs->len;
  if (pairs->len == 0)
    return FALSE;
  if (!sorted)
    qsort (pairs->data, pairs->len, sizeof (MapPair), compare_pairs_by_new);
  pp = (const MapPair *) pairs->data;
  /* A quote paired whole, in order, its new indices spanning no more than
   * its old ones (so as many rising indices are next to each other), is
   * one run without a gap: most quotes where edits are light.  The loops
   * over its pairs below would find that a pair at a time. */
  whole = sorted && pairs->len == (guint) (e - s) && pp[pairs->len - 1].n - pp[0].n == (gint32) pairs->len - 1;
  if (whole)
    {
      best_count = best_group_count = pairs->len;
      best_to = run_from = group_from = pairs->len;
      best_group = 0;
    }

  for (guint i = 1; i <= pairs->len && !whole; i++)
    {
      int brk;

      /* (Pairs next to each other in both texts, most of a run, have
       * nothing between them to break it: foreign_between() would say
       * so, at the cost of a call a character.) */
      if (i < pairs->len && pp[i].n == pp[i - 1].n + 1 && pp[i].o == pp[i - 1].o + 1)
        continue;
      brk = i == pairs->len || pp[i].o <= pp[i - 1].o ? BREAK_SURE
            : foreign_between (map, pp[i - 1].n, pp[i].n, pp[i - 1].o, pp[i].o, s, e);
      if (across_inserted && brk == BREAK_CAUTION)
        {
          int gap = map_gap_inserted_inside (map, pp[i - 1].n, pp[i].n, pp[i - 1].o, pp[i].o);

          if (gap == GAP_INSERTED)
            brk = BREAK_NONE, across = TRUE;
          else if (gap == GAP_DOUBT)
            typos = TRUE;
        }
      if (brk != BREAK_NONE)
        {
          group_count += i - run_from;
          if ((gint64) (i - run_from) > best_count)
            best_count = i - run_from, best_from = run_from, best_to = i, best_group = group_from;
          run_from = i;
          if (brk == BREAK_SURE)
            {
              /* Close the group: its total goes to its best run. */
              if (best_group == group_from)
                best_group_count = group_count;
              group_count = 0;
              group_from = i;
            }
        }
    }
  /* (Asked again across inserted text, it says nothing new where no
   * break was taken back.) */
  if (across_inserted && (!across || typos))
    return FALSE;
  /* A few characters at a run's edge, cut off from it by inserted text,
   * are a coincidence ("e " of "wav|e" paired with that of "practic|e "
   * after an inserted word), not the quote going on.  (Before judging the run: what is left
   * is what it places.)  Unless the inserted text is a copy of the word
   * beside it (map_gap_doubles_word()): "that " of "that the the more"
   * is the quote's, whichever "the" came in; nor when it could as well
   * stand further in, past more than those few characters
   * (map_gap_slides_past_slack()): "coll" of "coll|ected expe|cted data"
   * is the quote's "collected". */
  for (guint i = best_to - 1; i > best_from && best_to - i <= MAP_EDGE_SLACK; i--)
    if (pp[i].n - pp[i - 1].n > pp[i].o - pp[i - 1].o + 1)
      {
        if (!map_gap_doubles_word (map, pp[i - 1].n, pp[i].n) &&
            !map_gap_slides_past_slack (map, &pp[i - 1], &pp[i], best_to - i, -1))
          best_to = i;
        break;
      }
  for (guint i = best_from + 1; i < best_to && i - best_from <= MAP_EDGE_SLACK; i++)
    if (pp[i].n - pp[i - 1].n > pp[i].o - pp[i - 1].o + 1)
      {
        if (!map_gap_doubles_word (map, pp[i - 1].n, pp[i].n) &&
            !map_gap_slides_past_slack (map, &pp[i - 1], &pp[i], i - best_from, 1))
          best_from = i;
        break;
      }
  /* So is a lone word at a run's edge, longer than that, when much more
   * text came in between it and the run's rest than it has characters
   * and the quote's own copy of it stands there, unpaired, right beside
   * the rest: the alignment paired the word with a copy of it in a
   * sentence inserted beside the quote ("found" of "Well, I found some"
   * with the inserted "found different however …", 65 characters before
   * "foun some"; "expect" of "… you expect." with the inserted
   * "expected", 34 before "expect!").  Without a copy beside the rest,
   * the word is the quote's own, cut off by an inserted sentence
   * ("chiefly It practice … said to. for rwd ink."), and stays. */
  {
    guint k = map_run_lone_edge (map, pp, best_from, best_to, 1);

    if (k > 0)
      best_from += k;
    k = map_run_lone_edge (map, pp, best_from, best_to, -1);
    if (k > 0)
      best_to -= k;
  }
  /* A single letter at a run's edge, where the word goes on outside the
   * run in letters the alignment could not pair, is a coincidence too: the
   * "s" of "ha|s" paired with that of "i|s" when "is" was inserted before
   * the next word. */
  if (best_to - best_from > 2)
    {
      gint64 n0 = pp[best_from].n, n1 = pp[best_to - 1].n;

      if (is_alnum (map->new[n0]) && !is_alnum (map->new[n0 + 1]) &&
          n0 > 0 && map->n2o[n0 - 1] < 0 && is_alnum (map->new[n0 - 1]))
        best_from++, dropped_first = TRUE;
      if (is_alnum (map->new[n1]) && !is_alnum (map->new[n1 - 1]) &&
          n1 + 1 < map->n_new && map->n2o[n1 + 1] < 0 && is_alnum (map->new[n1 + 1]))
        best_to--, dropped_last = TRUE;
    }
  /* So are a few letters there (up to MAP_EDGE_SLACK) that end (start) a
   * word, when the new word goes on in unpaired letters and the old word
   * stands unpaired just beyond it: "at" of "2019 at 09:11" paired with
   * the tail of "wh|at" when "what" was inserted before "09:11". */
  if (best_to - best_from > MAP_EDGE_SLACK + 2)
    {
      guint k;

      for (k = 0; k <= MAP_EDGE_SLACK && is_alnum (map->new[pp[best_from + k].n]) &&
                  (k == 0 || (pp[best_from + k].n == pp[best_from + k - 1].n + 1 &&
                              pp[best_from + k].o == pp[best_from + k - 1].o + 1)); k++)
        ;
      if (k >= 2 && k <= MAP_EDGE_SLACK && !is_alnum (map->new[pp[best_from + k - 1].n + 1]) &&
          map_edge_word_coincides (map, pp[best_from].o, pp[best_from].n, k, -1))
        best_from += k, dropped_first = TRUE;
      for (k = 0; k <= MAP_EDGE_SLACK && is_alnum (map->new[pp[best_to - 1 - k].n]) &&
                  (k == 0 || (pp[best_to - 1 - k].n == pp[best_to - k].n - 1 &&
                              pp[best_to - 1 - k].o == pp[best_to - k].o - 1)); k++)
        ;
      if (k >= 2 && k <= MAP_EDGE_SLACK && !is_alnum (map->new[pp[best_to - k].n - 1]) &&
          map_edge_word_coincides (map, pp[best_to - 1].o, pp[best_to - 1].n, k, 1))
        best_to -= k, dropped_last = TRUE;
    }
  /* A run whose edge word goes on, past letters left unpaired, in letters
   * paired with old text outside the quote took the head (tail) of another
   * passage's word: that word is the other passage's, changed, and the
   * quote's own went ("SpiderMon|r|ey is a cross-platform": the next
   * paragraph's "SpiderMonkey", a letter changed, its head paired with
   * that of the deleted paragraph the quote began).  The word is not the
   * quote's; the run ends before it. */
  if (best_to > best_from)
    {
      guint to = map_run_cut_foreign_word (map, pp, best_from, best_to, s, e, 1);
      guint from = map_run_cut_foreign_word (map, pp, best_from, to, s, e, -1);

      if (to != best_to || from != best_from)
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): the run's edge word goes on in another passage's",
               s, e);
          best_to = to, best_from = from;
        }
    }
  /* So is a run's last line when the run holds only its head and the
   * line goes on as another passage's, a line that starts alike (see
   * map_run_cut_line_head()), and its first line when the run holds only
   * its tail and the line goes back as another passage's, a line that
   * ends alike (map_run_cut_line_tail()). */
  if (best_to > best_from)
    {
      guint to = map_run_cut_line_head (map, pp, best_from, best_to, s, e);
      guint from = to > best_from ? map_run_cut_line_tail (map, pp, best_from, to, s, e) : best_from;

      if (to != best_to)
        WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): the run's last line is the head of another "
             "passage's line", s, e);
      if (from != best_from)
        WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): the run's first line is the tail of another "
             "passage's line", s, e);
      best_to = to, best_from = from;
    }
  best_count = best_to - best_from;

  /* The largest run is the highlight's main part when it holds a third of
   * what may have survived (the quote less the stretches shown deleted) and
   * no fewer characters than could still be unaccounted for: then it holds
   * at least half of the part it lies on, as anchor-edits.h judges. */
  {
    /* (A quote paired whole has no unpaired stretch to show deleted.) */
    gint64 deleted = pairs->len == (guint) (e - s) ? 0 : map_deleted_inside (map, s, e);
    gint64 alive = e - s - deleted;
    gint64 unknown = alive - (gint64) pairs->len;
    gint64 o_first = G_MAXINT64, o_last = -1, inside = 0, loose = 0, excess = 0;

    /* Unpaired quote characters between the run's first and last (in old
     * order) lie inside its placement if they survived where they were;
     * only those outside can make it cover too little.  (With c the run,
     * A what may survive and I the unpaired inside: the run's part holds
     * at least c of at most A - I + what of I survived, so 3c >= A - I
     * keeps it a third; it covers c of at most c + what lies outside, so
     * c >= outside keeps it half.) */
    /* (Old order goes up along a run, which breaks where it goes back:
     * its first and last pairs are its old ends, and the unpaired quote
     * characters between those are the gaps between its pairs.) */
    if (best_count > 0)
      {
        gint64 room = 0;

        o_first = pp[best_from].o;
        o_last = pp[best_to - 1].o;
        /* Only as many as the new text has room for between the run's
         * pairs: where a passage inside the quote moved away, its two
         * sides now stand together, and what was between them cannot be
         * inside the placement ("Getty Images\n  Snopes" when the dates
         * between them went further down).  (A quote paired whole has
         * no gap.) */
        for (guint i = best_from + 1; i < best_to && !whole; i++)
          {
            gint64 gap = 0;

            /* (Next to each other in the old text: no gap, no room, no
             * excess.) */
            if (pp[i].o == pp[i - 1].o + 1)
              continue;
            for (gint64 j = pp[i - 1].o + 1; j < pp[i].o; j++)
              gap += map->o2n[j] < 0 ? 1 : 0;
            inside += gap;
            room += MIN (gap, pp[i].n - pp[i - 1].n - 1);
            /* (A jump a few letters from the run's edge: see below.) */
            if (i - best_from <= MAP_EDGE_SLACK || best_to - i <= MAP_EDGE_SLACK)
              excess += MAX (0, gap - (pp[i].n - pp[i - 1].n - 1));
          }
        /* (With nothing unpaired between, nothing there is shown
         * deleted.) */
        if (inside > 0)
          inside -= map_deleted_inside (map, o_first + 1, o_last);
        inside = MIN (inside, room);
        inside = CLAMP (inside, 0, unknown);
      }
    unknown -= inside;

    /* A space at the run's edge with unpaired letters right beyond it
     * may be the inserted word's own space, paired in place of the
     * quote's ("7.3 MB| again (-59%)": the quote's space went with
     * "7.3 MB", unpaired, and " (-59%)" holds one character less of the
     * quote than it seems).  Against what is unaccounted for, it does
     * not count: one such space tips a part that is in truth the lesser
     * half. */
    if (best_count > 2)
      {
        gint64 n0 = pp[best_from].n, n1 = pp[best_to - 1].n;

        /* (A letter dropped off the run above is as unpaired: "|e
         * Coronavirus" of "El brote de" with "practice" inserted.) */
        if (is_space (map->new[n0]) && n0 > 0 && (map->n2o[n0 - 1] < 0 || (dropped_first && pp[best_from - 1].n == n0 - 1)) &&
            !is_space (map->new[n0 - 1]))
          loose++;
        if (is_space (map->new[n1]) && n1 + 1 < map->n_new && (map->n2o[n1 + 1] < 0 || (dropped_last && pp[best_to].n == n1 + 1)) &&
            !is_space (map->new[n1 + 1]))
          loose++;
        /* (Or beyond it another space, unpaired, then such letters: a
         * doubled space, of which the quote's may be either.) */
        if (map_doubled_edge_space (map, n0, -1))
          loose++;
        if (map_doubled_edge_space (map, n1, 1))
          loose++;
        /* (Or, where the run ends the quote's last word and that word
         * ended the line or sentence, unpaired letters going on beyond it
         * in the new word: a letter inserted into the word's end is
         * inside the passage, and the run covers that much less of it:
         * "reciente|e".  The same at the start.) */
        if (pp[best_to - 1].o == e - 1 && is_alnum (map->new[n1]) && n1 + 1 < map->n_new &&
            map->n2o[n1 + 1] < 0 && is_alnum (map->new[n1 + 1]) && (e == map->n_old || !is_alnum (map->old[e])))
          loose++;
        if (pp[best_from].o == s && is_alnum (map->new[n0]) && n0 > 0 &&
            map->n2o[n0 - 1] < 0 && is_alnum (map->new[n0 - 1]) && (s == 0 || !is_alnum (map->old[s - 1])))
          loose++;
      }

    /* Parts split only by caution may be one part in truth: the rest of
     * them counts as unaccounted for. */
    unknown += best_group_count - best_count;
    /* Only what could join the run can make it cover too little: the
     * part it lies on ends, either way, at the first new character paired
     * with old text outside the quote.  When the quote's ends went (a
     * partly surviving passage), text from elsewhere stands right at the
     * run's edges, and the unaccounted characters cannot be in its part,
     * whatever became of them. */
    if (best_count > 0 && unknown > best_count)
      {
        /* Side by side: what the quote had before the run's first
         * character can only join it before it, and so on. */
        gint64 before = map_unaccounted (map, s, o_first);
        gint64 after = map_unaccounted (map, o_last + 1, e);

        before = map_joinable (map, s, e, pp[best_from].n - 1, -1, before, o_first - 1);
        after = map_joinable (map, s, e, pp[best_to - 1].n + 1, 1, after, o_last + 1);
        /* What of the quote between the run's pairs has no room between
         * them in the new text may have moved away (a passage inside the
         * quote) — or, where the jump is a few letters from the run's
         * edge, stand beside the run, the alignment having paired those
         * letters across it ("Pict|ture" paired with "Pict" and the last
         * "ture" of "Picture-in-Picture", the new "-in-Picture" unpaired
         * after it): that much counts as far as unpaired text beside the
         * run could hold it.  (Its old places
         * are not beside the run: no letter-for-letter reading of old
         * text, so the quote positions passed stay outside it.) */
        if (excess > 0)
          excess = MAX (map_joinable (map, s, e, pp[best_from].n - 1, -1, excess, e + excess + 1),
                        map_joinable (map, s, e, pp[best_to - 1].n + 1, 1, excess, s - excess - 1));
        unknown = MIN (unknown, before + after + excess + best_group_count - best_count);
      }
    /* The run's part may go on past its edges in characters too changed
     * to pair (typos every few letters, reindented lines): what an
     * extension aligns on either side is the part's, placed with it, and
     * no longer unaccounted for. */
    /* (Not for a quote the old text repeats: an extension of it would
     * be refused as repeated text anyway.) */
    if (best_count > 0 && (best_count * 3 < alive - inside || unknown >= best_count - loose) &&
        map_quote_repeated (map, s, e) != 1)
      {
        gint64 xo, xn, gained = 0;

        if (map_extend_edge (map, s, e, o_first, pp[best_from].n, -1, &xo, &xn))
          gained += o_first - xo, ext_start = xn, ext_o_start = xo;
        if (map_extend_edge (map, s, e, o_last, pp[best_to - 1].n, 1, &xo, &xn))
          gained += xo - o_last, ext_end = xn + 1, ext_o_end = xo;
        if (gained > 0)
          {
            WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its largest part goes on for %" G_GINT64_FORMAT
                     " characters unpaired", s, e, gained);
            best_count += gained;
            unknown = MAX (0, unknown - gained);
          }
      }
    /* More than half, not just half: a space the alignment paired with
     * an inserted one at the run's edge can make up an exact half. */
    if (best_count * 3 < alive - inside || unknown >= best_count - loose || best_count == 0)
      {
        WHY ("why: alignment refuses [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): %u of %" G_GINT64_FORMAT
                 " paired, largest part %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " shown deleted, %" G_GINT64_FORMAT " unaccounted",
                 s, e, pairs->len, e - s, best_count, deleted, unknown);
        return FALSE;
      }
  }

  ps = ext_start >= 0 ? ext_start : pp[best_from].n;
  pe = ext_end >= 0 ? ext_end : pp[best_to - 1].n + 1;
  /* An inserted word the same as the quote's edge word beside it: the
   * placement takes the inner copy (see map_edge_word_doubled()). */
  if (ext_start < 0 && pp[best_from].o == s)
    {
      gint64 c = map_edge_word_doubled (map, ps, 1);

      if (c >= 0)
        ps = c;
    }
  if (ext_end < 0 && pp[best_to - 1].o == e - 1)
    {
      gint64 c = map_edge_word_doubled (map, pe - 1, -1);

      if (c >= 0)
        pe = c + 1;
    }
  /* Where the quote goes on past the run, and the run's edge word is
   * doubled beyond it by an unpaired copy ("saucer was| was usd!" for
   * "saucer was used."): the run may have taken the inserted copy, and
   * then the quote's own word and what follows it stand beyond.  The
   * placement goes on over the copy, and over the quote's rest when that
   * reads on right after it (map_extend_edge()).  Taking in the copy is
   * never wrong when it is short: if it is the inserted one, it is no
   * more text from elsewhere than a placement may hold. */
  if (ext_end < 0 && pp[best_to - 1].o < e - 1)
    {
      gint64 c = map_edge_word_copy (map, pe - 1, 1), xo, xn;

      if (c >= 0 && map_extend_edge (map, s, e, pp[best_to - 1].o, c, 1, &xo, &xn))
        pe = xn + 1;
      else if (c >= 0 && c - (pe - 1) <= MAP_FOREIGN_MAX)
        pe = c + 1;
    }
  if (ext_start < 0 && pp[best_from].o > s)
    {
      gint64 c = map_edge_word_copy (map, ps, -1), xo, xn;

      if (c >= 0 && map_extend_edge (map, s, e, pp[best_from].o, c, -1, &xo, &xn))
        ps = xn;
      else if (c >= 0 && ps - c <= MAP_FOREIGN_MAX)
        ps = c;
    }
  /* The quote's own edge beyond a sentence inserted beside the placement
   * (see map_edge_beyond_inserted()): the placement reaches out to it,
   * taking in the sentence, as it takes in what came in inside the
   * quote. */
  beyond = ps == (ext_start >= 0 ? ext_start : pp[best_from].n)
           ? map_edge_beyond_inserted (map, s, e, ext_start >= 0 ? ext_o_start : pp[best_from].o, ps, -1) : -1;
  if (beyond >= 0)
    {
      WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its first words stand beyond inserted text", s, e);
      ps = beyond, beyond_start = TRUE;
    }
  beyond = pe == (ext_end >= 0 ? ext_end : pp[best_to - 1].n + 1)
           ? map_edge_beyond_inserted (map, s, e, ext_end >= 0 ? ext_o_end : pp[best_to - 1].o, pe - 1, 1) : -1;
  if (beyond >= 0)
    {
      WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its last words stand beyond inserted text", s, e);
      pe = beyond + 1, beyond_end = TRUE;
    }
  /* Quote characters before the first paired one (a changed first letter)
   * have their counterpart just before it, if anything there is unpaired;
   * only for a word the run starts (ends) in: a run that starts at a space
   * has the word before it unpaired, and that is another word (an inserted
   * one), not this one's changed first letter. */
  slack = MIN (pp[best_from].o - s, MAP_EDGE_SLACK);
  if (is_space (map->new[ps]) || beyond_start)
    slack = 0;
  while (slack-- > 0 && ps > 0 && map->n2o[ps - 1] < 0 && !is_space (map->new[ps - 1]) &&
         map->new[ps] != '\n')
    ps--;
  slack = MIN (e - 1 - pp[best_to - 1].o, MAP_EDGE_SLACK);
  if (is_space (map->new[pe - 1]) || beyond_end)
    slack = 0;
  while (slack-- > 0 && pe < map->n_new && map->n2o[pe] < 0 && !is_space (map->new[pe]) &&
         map->new[pe - 1] != '\n')
    pe++;
  /* (Not where the placement reached out to the quote's first words: that
   * asks after the indentation of the run's first line, and the
   * whitespace before the placement is now the first words' line's, which
   * the quote, starting after it, did not hold: seed 442, "图为…" on a line
   * of its own, the quote's next line reflowed onto it.) */
  if (!beyond_start)
    ps = map_take_indentation (map, s, pp[best_from].o, pp[best_from].n, ps);
  pe = map_drop_orphan_indentation (map, s, e, ps, pe);

  *out_start = ps;
  *out_end = pe;
  *out_count = best_count;
  return TRUE;
}

/* How many characters of new [ps, pe) came from old text outside [s, e). */
static gint64
map_foreign (const TextMap *map, gint64 ps, gint64 pe, gint64 s, gint64 e)
{
  gint64 foreign = 0;

  for (gint64 j = MAX (ps, 0); j < pe && j < map->n_new; j++)
    {
      gint32 o = map->n2o[j];
      if (o >= 0 && (o < s || o >= e))
        foreign++;
    }
  return foreign;
}

/* The new text between the paired characters nearest before old @s and
 * after old @e, when they are in order and not far apart: where the
 * passage must be if it did not move. */
static gboolean map_window_uncached (const TextMap *map, gint64 s, gint64 e, gint64 *out_from, gint64 *out_to,
                                     gint64 *out_old_from, gint64 *out_old_to);

/* The old text in blocks of MAP_BLOCK code points, for the scans for the
 * paired character nearest a quote: on a page of alike paragraphs they
 * cross thousands of unpaired characters (copies pair nothing), and skip
 * a block at a time where none is paired.  Whether one is, is asked of a
 * block once a call (the alignment is the same all along). */
#define MAP_BLOCK 64

static gboolean
map_block_paired (const TextMap *map, gint64 b)
{
  guint8 *state = map->free->block_paired; /* 0 not asked, 1 none paired, 2 some */

  if (state[b] == 0)
    {
      gint64 lo = b * MAP_BLOCK, hi = MIN (map->n_old, lo + MAP_BLOCK);
      gboolean some = FALSE;

      for (gint64 i = lo; i < hi && !some; i++)
        some = map->o2n[i] >= 0;
      state[b] = some ? 2 : 1;
    }
  return state[b] == 2;
}

/* Whether blocks can be skipped (in clipper_anchor_locate_all_since()'s
 * loop, where the map has its caches). */
static gboolean
map_blocks_ready (const TextMap *map)
{
  if (map->free == NULL)
    return FALSE;
  if (map->free->block_paired == NULL)
    map->free->block_paired = g_new0 (guint8, (gsize) (map->n_old / MAP_BLOCK + 1));
  return TRUE;
}

/* The last old index in [@lo, @i] that is paired, or -1. */
static gint64
map_prev_paired (const TextMap *map, gint64 i, gint64 lo)
{
  gboolean blocks = map_blocks_ready (map);

  while (i >= lo)
    {
      /* (A whole block ending at i, none of it paired.) */
      if (blocks && i % MAP_BLOCK == MAP_BLOCK - 1 && i - (MAP_BLOCK - 1) >= lo &&
          !map_block_paired (map, i / MAP_BLOCK))
        {
          i -= MAP_BLOCK;
          continue;
        }
      if (map->o2n[i] >= 0)
        return i;
      i--;
    }
  return -1;
}

/* The first old index in [@i, @hi] that is paired, or -1. */
static gint64
map_next_paired (const TextMap *map, gint64 i, gint64 hi)
{
  gboolean blocks = map_blocks_ready (map);

  while (i <= hi)
    {
      /* (A whole block starting at i, none of it paired.) */
      if (blocks && i % MAP_BLOCK == 0 && i + (MAP_BLOCK - 1) <= hi && !map_block_paired (map, i / MAP_BLOCK))
        {
          i += MAP_BLOCK;
          continue;
        }
      if (map->o2n[i] >= 0)
        return i;
      i++;
    }
  return -1;
}

/* (A highlight nothing of which is paired asks this twice, the same: the
 * last answer is kept, the alignment being the same all along.) */
static gboolean
map_window (const TextMap *map, gint64 s, gint64 e, gint64 *out_from, gint64 *out_to,
            gint64 *out_old_from, gint64 *out_old_to)
{
  MapFree *f = map->free;

  if (f == NULL)
    return map_window_uncached (map, s, e, out_from, out_to, out_old_from, out_old_to);
  if (!f->win_known || f->win_s != s || f->win_e != e)
    {
      f->win_ok = map_window_uncached (map, s, e, &f->win[0], &f->win[1], &f->win[2], &f->win[3]);
      f->win_s = s;
      f->win_e = e;
      f->win_known = TRUE;
    }
  /* (The old bounds are given either way, the new ones when found.) */
  *out_old_from = f->win[2];
  *out_old_to = f->win[3];
  if (f->win_ok)
    {
      *out_from = f->win[0];
      *out_to = f->win[1];
    }
  return f->win_ok;
}

static gboolean
map_window_uncached (const TextMap *map, gint64 s, gint64 e, gint64 *out_from, gint64 *out_to,
                     gint64 *out_old_from, gint64 *out_old_to)
{
  gint64 from = -1, to = -1, old_from = 0, old_to = map->n_old;

  gint64 before = map_prev_paired (map, s - 1, MAX (0, s - MAP_WINDOW_REACH));
  gint64 after = map_next_paired (map, e, MIN (map->n_old - 1, e + MAP_WINDOW_REACH));

  if (before >= 0)
    {
      from = map->o2n[before] + 1;
      old_from = before + 1;
    }
  if (after >= 0)
    {
      to = map->o2n[after];
      old_to = after;
    }
  if (from < 0 && s - 1 < MAP_WINDOW_REACH)
    from = 0;
  if (to < 0 && map->n_old - e < MAP_WINDOW_REACH)
    to = map->n_new;
  *out_old_from = old_from;
  *out_old_to = old_to;
  if (from < 0 || to < 0 || to <= from || to - from > 2 * (e - s) + 2 * MAP_WINDOW_REACH)
    return FALSE;
  *out_from = from;
  *out_to = to;
  return TRUE;
}

/* Where @q (@m code points) occurs in @t [from, to): the first place, or
 * -1; @out_count says how many times (stopping at two). */
static gint64
verbatim_in (const gunichar *t, gint64 from, gint64 to, const gunichar *q, gint64 m, int *out_count)
{
  gint64 first = -1;

  *out_count = 0;
  for (gint64 j = from; j + m <= to && *out_count < 2; j++)
    if (t[j] == q[0] && memcmp (t + j, q, (gsize) m * sizeof (gunichar)) == 0)
      {
        if (first < 0)
          first = j;
        (*out_count)++;
      }
  return first;
}

/* Whether the old text holds the quote at old [@s, @e) verbatim again,
 * shifted by less than its length: a run of alike lines ("link" seven
 * times), whose copies overlap.  A search for it (old_quote_repeated())
 * counts overlapping copies as one place, yet the quote could be any of
 * them: where in the run it stood, neither its context (alike too) nor
 * counting can tell. */
static gboolean
map_quote_overlaps_itself (const TextMap *map, gint64 s, gint64 e)
{
  const gunichar *o = map->old;
  gint64 m = e - s;

  /* (Every q-gram inside such a quote has its shifted copy.) */
  if (map_sampled_once_within (map, s, e))
    return FALSE;
  for (gint64 d = 1; d < m; d++)
    for (int side = -1; side <= 1; side += 2)
      {
        gint64 x = s + side * d;

        if (x >= 0 && x + m <= map->n_old && o[x] == o[s] &&
            memcmp (o + x, o + s, (gsize) m * sizeof (gunichar)) == 0)
          return TRUE;
      }
  return FALSE;
}

/* Whether the old text holds the quote at [@s, @e) verbatim once more
 * within a window's reach, in a copy that does not still stand elsewhere
 * (three quarters of it paired with new text outside [@ws, @we), none
 * inside).  A quote with nothing paired is one the alignment could not
 * tell from its copies (every q-gram of a paragraph printed twice
 * repeats); when its own copy went or was edited and a neighbour moved,
 * the gap between its neighbours can reach over another copy, unpaired
 * too, and that one reads as the quote letter for letter, though it is
 * another passage's.  A quote shorter than a stretch (a caption,
 * "Photo") is unpaired for its length alone, and its copies elsewhere (in
 * other sentences, paired or not) say nothing of where it went: not
 * asked. */
static gboolean
map_verbatim_copy_may_have_moved (const TextMap *map, gint64 s, gint64 e, gint64 ws, gint64 we)
{
  const gunichar *o = map->old;
  gint64 m = e - s, from = MAX (0, s - MAP_WINDOW_REACH), to = MIN (map->n_old, e + MAP_WINDOW_REACH);

  if (m < MAP_MIN_SEGMENT || map_sampled_once_within (map, s, e))
    return FALSE;
  for (gint64 x = from; x + m <= to; x++)
    {
      gint64 in = 0, out = 0;

      if (x == s || o[x] != o[s] || memcmp (o + x, o + s, (gsize) m * sizeof (gunichar)) != 0)
        continue;
      for (gint64 j = x; j < x + m; j++)
        if (map->o2n[j] >= ws && map->o2n[j] < we)
          in++;
        else if (map->o2n[j] >= 0)
          out++;
      if (in > 0 || out * 4 < m * 3)
        return TRUE;
    }
  return FALSE;
}

/* Whether @t [@from, @to) holds more than @limit characters other than
 * whitespace.  (Counting stops there, a stretch at a time: a window on a
 * small page reaches the text's ends, thousands of characters.)  The
 * count goes on from where the last call for the same stretch stopped,
 * kept in @sc: the quotes of a page of alike paragraphs share a few
 * windows, and each counted hundreds of characters of its window again. */
static gboolean
non_space_over (SpaceCount *sc, const gunichar *t, gint64 from, gint64 to, gint64 limit)
{
  if (to - from <= limit)
    return FALSE;
  if (sc->t != t || sc->from != from || sc->to != to)
    *sc = (SpaceCount) { t, from, to, from, 0 };
  while (sc->n <= limit && sc->at < to)
    {
      gint64 stop = MIN (to, sc->at + 64);

      for (; sc->at < stop; sc->at++)
        sc->n += is_space (t[sc->at]) ? 0 : 1;
    }
  return sc->n > limit;
}

/* Places within one error of the folded @q (@m folded characters) in
 * @t [@from, @to), folded: stopping at two. */
static guint
folded_places_within_one (const gunichar *t, gint64 from, gint64 to, const gunichar *q, gint64 m)
{
  g_autofree gunichar *ft = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 nf = clipper_anchor_fold_string (t + from, to - from, &ft);
  gboolean overflow = FALSE;
  Pattern pt;

  clipper_anchor_pattern_init (&pt, q, m, FALSE);
  clipper_anchor_pattern_search (&pt, ft, 0, nf, 1, hits, &overflow);
  clipper_anchor_pattern_clear (&pt);
  if (overflow)
    return 2;
  clipper_anchor_hit_places (hits, m, places);
  return MIN (places->len, 2);
}

/* Verbatim copies of @q (@m code points) in @t [0, @n) outside [@from,
 * @to). */
static gint64
verbatim_count_outside (const gunichar *t, gint64 n, gint64 from, gint64 to, const gunichar *q, gint64 m)
{
  gint64 count = 0;

  for (gint64 j = 0; j + m <= n; j++)
    if ((j + m <= from || j >= to) && t[j] == q[0] && memcmp (t + j, q, (gsize) m * sizeof (gunichar)) == 0)
      count++;
  return count;
}

/* A quote the alignment paired nothing of (a word or two, too short to
 * pair) still stands verbatim between its paired neighbours, once, as it
 * stood once between them in the old text, and the gap is not much longer
 * than the quote on either side: that is the quote, not a passage gone.
 * A gap longer than that by its whitespace alone (a page laid out in
 * deep indentation: a caption's "Photo" among lines of 40 spaces, which
 * the alignment leaves unpaired where an edit reflowed them) holds no
 * other passage in its blank lines, and is taken for a quote of four
 * folded characters or more when neither gap holds other text within one
 * error of it (folded): a typo then cannot have made the copy found out
 * of other text, as one can for a formula's glyphs among their
 * indentation ("( ⏎ ⏎ π" edited into the quote's "( ⏎ ⏎ ϕ"); and when
 * the new text holds as many verbatim copies of it outside the gap as
 * the old text did (texts under 64 K code points): for the copy found to
 * be another one, moved in, the quote's own would have had to go too, and
 * that is a copy fewer ("Noel Grandin" in two tables of a page, the
 * other copy gone or mistyped).
 * Unless the copy found holds text paired with other old text: that is
 * another passage (a copy of it, where the quote's paragraph moved away
 * and its neighbours now stand around the paragraph before it); or when
 * the old text holds it again, in a copy that may be the one found. */
static gboolean
map_verbatim_in_gap (const TextMap *map, gint64 s, gint64 e, gint64 *out_start)
{
  gint64 ws, we, ows, owe, at, reach = 4 * (e - s) + 256;
  int count = 0, old_count = 0;

  if (!map_window (map, s, e, &ws, &we, &ows, &owe) || non_space_over (&map->free->spaces[0], map->new, ws, we, reach) ||
      non_space_over (&map->free->spaces[1], map->old, ows, owe, reach))
    return FALSE;
  at = verbatim_in (map->new, ws, we, map->old + s, e - s, &count);
  verbatim_in (map->old, ows, owe, map->old + s, e - s, &old_count);
  if (count != 1 || old_count != 1 || map_foreign (map, at, at + (e - s), s, e) > MAP_FOREIGN_MAX ||
      map_verbatim_copy_may_have_moved (map, s, e, ws, we))
    return FALSE;
  if (we - ws > reach || owe - ows > reach)
    {
      g_autofree gunichar *fq = NULL;
      gint64 m = clipper_anchor_fold_string (map->old + s, e - s, &fq);

      if (m < 4 || map->n_old >= MAP_LONG_TEXT || map->n_new >= MAP_LONG_TEXT ||
          folded_places_within_one (map->new, ws, we, fq, m) != 1 ||
          folded_places_within_one (map->old, ows, owe, fq, m) != 1 ||
          verbatim_count_outside (map->new, map->n_new, ws, we, map->old + s, e - s) !=
          verbatim_count_outside (map->old, map->n_old, ows, owe, map->old + s, e - s))
        return FALSE;
    }
  *out_start = at;
  return TRUE;
}

/* The first of the old text's sampled q-grams at or after old @from. */
static guint
map_first_sample (const TextMap *map, gint64 from)
{
  guint lo = 0, hi = map->n_samples;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (map->samples[mid] < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
map_next_once_build (const TextMap *map)
{
  MapFree *f = map->free;
  guint32 next = map->n_samples;

  f->next_once = g_new (guint32, MAX (map->n_samples, 1));
  for (guint i = map->n_samples; i-- > 0;)
    {
      if (map->table[map->sample_slots[i]].pos_old != -2)
        next = i;
      f->next_once[i] = next;
    }
}

/* Whether the old text's q-grams sampled wholly inside old [@from, @to),
 * from the @i-th sample on, are two or more, and all of them repeated in
 * it (one alone may be a common phrase).  Asked of every quote the
 * alignment carries, four times (map_copies_count_changed()): most text
 * answers at its first sample, but on a page of alike paragraphs every
 * sample of the quote repeats, and each question walks all of them.  Once
 * the walks of a call have taken as many steps as the text has samples,
 * the first sample held once after each is listed (map_next_once_build(),
 * a step a sample), and a question is two looks: never more than twice
 * the walks' steps, and the same answer. */
static gboolean
map_sampled_all_repeated (const TextMap *map, guint i, gint64 from, gint64 to)
{
  MapFree *f = map->free;
  guint some = 0;
  gboolean all = TRUE;

  for (; i < map->n_samples && map->samples[i] < from; i++)
    ;
  if (f != NULL && f->next_once != NULL)
    {
      guint32 j = i < map->n_samples ? f->next_once[i] : map->n_samples;

      if (j < map->n_samples && map->samples[j] + MAP_Q <= to)
        return FALSE;
      return i + 1 < map->n_samples && map->samples[i + 1] + MAP_Q <= to;
    }
  for (; i < map->n_samples && map->samples[i] + MAP_Q <= to && all; i++)
    {
      all = map->table[map->sample_slots[i]].pos_old == -2;
      some++;
    }
  if (f != NULL && (f->walked += some) > map->n_samples)
    map_next_once_build (map);
  return all && some >= 2;
}

/* The distance from the quote at old [@s, @e) to its nearest verbatim
 * copy within a window's reach that stands in a copy of its line too, on
 * one side at least: the same from the line's start up to the quote (old
 * [@bs, @s), when @bs >= 0), or from the quote to the line's end ([@e,
 * @ae), when @ae >= 0), up to MAP_COPY_LINE code points of it: a
 * paragraph printed twice, or the last of a run of copies, whose line
 * ends alike but which another line follows.  0 when there is none.  A
 * quote whose words recur in other lines (a name, a phrase, a date in a
 * list of references) is told apart by them; the alignment pairs it by
 * its line, not by counting. */
#define MAP_COPY_CONTEXT 32
#define MAP_COPY_LINE    256

/* The two code points at @p as one number. */
static inline guint64
load_two (const gunichar *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return v;
}

/* Whether old @x, another place than the quote's at [@s, @e), holds a
 * copy of it as map_copy_period() asks: the quote verbatim, and its line
 * before it (old [@bs, @s), and a line starts there if one did at @bs)
 * or after it (old [@e, @ae), a line ending there if one did). */
static gboolean
map_copy_fits (const TextMap *map, gint64 x, gint64 s, gint64 e, gint64 bs, gint64 ae,
               gboolean line_start, gboolean line_end)
{
  const gunichar *o = map->old;
  gint64 m = e - s;

  if (x < 0 || x + m > map->n_old || o[x] != o[s] ||
      memcmp (o + x, o + s, (gsize) m * sizeof (gunichar)) != 0)
    return FALSE;
  /* The same before it (and a line starts there, if one did). */
  if (bs >= 0 && x - (s - bs) >= 0 &&
      (!line_start || x - (s - bs) == 0 || o[x - (s - bs) - 1] == '\n') &&
      memcmp (o + x - (s - bs), o + bs, (gsize) (s - bs) * sizeof (gunichar)) == 0)
    return TRUE;
  /* Or after it. */
  return ae >= 0 && x + m + (ae - e) <= map->n_old &&
         (!line_end || x + m + (ae - e) == map->n_old || o[x + m + (ae - e)] == '\n') &&
         memcmp (o + x + m, o + e, (gsize) (ae - e) * sizeof (gunichar)) == 0;
}

/* For each of the old text's samples, the one before and the one after
 * it that holds the same q-gram (-1 for none), built on the first need
 * of a call: map_copy_period()'s copies are among them. */
static void
map_same_build (const TextMap *map)
{
  MapFree *f = map->free;
  gsize size = (gsize) map->mask + 1;
  g_autofree gint32 *last = g_new (gint32, size);

  memset (last, 0xff, size * sizeof (gint32));
  f->same_prev = g_new (gint32, MAX (map->n_samples, 1));
  f->same_next = g_new (gint32, MAX (map->n_samples, 1));
  for (guint i = 0; i < map->n_samples; i++)
    {
      gint32 p = last[map->sample_slots[i]];

      f->same_prev[i] = p;
      f->same_next[i] = -1;
      if (p >= 0)
        f->same_next[p] = (gint32) i;
      last[map->sample_slots[i]] = (gint32) i;
    }
}

/* map_copy_period() by the samples, when the quote holds one: a copy of
 * the quote at x holds the sample's q-gram at the same offset, and a
 * q-gram is sampled by its content, wherever it stands, so every copy is
 * one of the places that q-gram was sampled at (a hash's collision adds
 * a place, which the comparison then refuses).  Those few are taken by
 * distance as the scan takes them (before the quote first at a distance
 * both sides have), instead of every distance up to a window's reach on
 * both sides: on a page of alike paragraphs the scan's first comparison
 * passes every few characters.  FALSE when it cannot say: no sample
 * within the quote, or sampling stopped at its cap before the text's end
 * (the places past it were never sampled). */
static gboolean
map_copy_period_sampled (const TextMap *map, gint64 s, gint64 e, gint64 bs, gint64 ae,
                         gboolean line_start, gboolean line_end, gint64 *out_d)
{
  guint i = map_first_sample (map, s);
  gint32 before, after;
  gint64 t;

  /* (Nor for an old text of MAP_LONG_TEXT or more: building the chains
   * costs more there than the scans it spares, most of its quotes having
   * nothing repeated to scan for.) */
  if (map->free == NULL || map->n_old >= MAP_LONG_TEXT || i >= map->n_samples || map->samples[i] + MAP_Q > e ||
      map->n_samples >= (guint) (map->n_old / 4 + 16))
    return FALSE;
  if (map->free->same_prev == NULL)
    map_same_build (map);
  t = map->samples[i] - s;
  before = map->free->same_prev[i];
  after = map->free->same_next[i];
  *out_d = 0;
  for (;;)
    {
      gint64 db = before >= 0 ? s - (map->samples[before] - t) : G_MAXINT64;
      gint64 da = after >= 0 ? map->samples[after] - t - s : G_MAXINT64;
      /* (Past these, a side is out of the text or beyond the reach.) */
      gboolean ok_b = db <= MAP_WINDOW_REACH && s - db >= 0;
      gboolean ok_a = da <= MAP_WINDOW_REACH && s + da + (e - s) <= map->n_old;

      if (!ok_b && !ok_a)
        return TRUE;
      if (ok_b && (!ok_a || db <= da))
        {
          if (map_copy_fits (map, s - db, s, e, bs, ae, line_start, line_end))
            return (*out_d = db, TRUE);
          before = map->free->same_prev[before];
        }
      else
        {
          if (map_copy_fits (map, s + da, s, e, bs, ae, line_start, line_end))
            return (*out_d = da, TRUE);
          after = map->free->same_next[after];
        }
    }
}

/* The nearest distance, up to @limit, at which old text on one side of
 * the quote at [@s, @e) (@dir -1 before it, 1 after) holds a copy that
 * map_copy_fits() takes, among the places the @i-th sample's q-gram was
 * sampled at (the sample @t code points from @s); G_MAXINT64 for none. */
static gint64
map_copy_chain_nearest (const TextMap *map, guint i, gint64 t, int dir, gint64 s, gint64 e, gint64 bs, gint64 ae,
                        gboolean line_start, gboolean line_end, gint64 limit)
{
  const MapFree *f = map->free;

  for (gint32 j = dir < 0 ? f->same_prev[i] : f->same_next[i]; j >= 0; j = dir < 0 ? f->same_prev[j] : f->same_next[j])
    {
      gint64 x = map->samples[j] - t, d = dir < 0 ? s - x : x - s;

      if (d > limit || x < 0 || x + (e - s) > map->n_old)
        break;
      if (map_copy_fits (map, x, s, e, bs, ae, line_start, line_end))
        return d;
    }
  return G_MAXINT64;
}

/* map_copy_period_sampled() for a quote too short to hold a sample, by
 * the line on either side of it: a copy that fits by its line before
 * (old [@bs, @e), when @bs >= 0) holds each sample of that stretch at the
 * same offset, and one that fits by its line after ([@s, @ae)) each of
 * that one's, so every copy is among the places a sample of each side was
 * sampled at.  The nearest of them on either side is the scan's distance,
 * for the scan returns the first distance at which either side fits.
 * FALSE when it cannot say (a side asked has no sample). */
static gboolean
map_copy_period_sampled_lines (const TextMap *map, gint64 s, gint64 e, gint64 bs, gint64 ae,
                               gboolean line_start, gboolean line_end, gint64 *out_d)
{
  guint ib = 0, ia = 0;
  gint64 best = G_MAXINT64;

  if (map->free == NULL || map->n_old >= MAP_LONG_TEXT || map->n_samples >= (guint) (map->n_old / 4 + 16))
    return FALSE;
  if (bs >= 0 && ((ib = map_first_sample (map, bs)) >= map->n_samples || map->samples[ib] + MAP_Q > e))
    return FALSE;
  if (ae >= 0 && ((ia = map_first_sample (map, s)) >= map->n_samples || map->samples[ia] + MAP_Q > ae))
    return FALSE;
  if (map->free->same_prev == NULL)
    map_same_build (map);
  for (int side = 0; side < 2; side++)
    {
      guint i = side == 0 ? ib : ia;

      if ((side == 0 ? bs : ae) < 0)
        continue;
      for (int dir = -1; dir <= 1; dir += 2)
        best = MIN (best, map_copy_chain_nearest (map, i, map->samples[i] - s, dir, s, e, bs, ae, line_start,
                                                  line_end, MIN (MAP_WINDOW_REACH, best)));
    }
  *out_d = best == G_MAXINT64 ? 0 : best;
  return TRUE;
}

static gint64
map_copy_period (const TextMap *map, gint64 s, gint64 e, gint64 bs, gint64 ae)
{
  const gunichar *o = map->old;
  gint64 m = e - s, d;
  gboolean line_start = bs == 0 || (bs > 0 && o[bs - 1] == '\n');
  gboolean line_end = ae == map->n_old || (ae >= 0 && ae < map->n_old && o[ae] == '\n');

  if (map_copy_period_sampled (map, s, e, bs, ae, line_start, line_end, &d) ||
      map_copy_period_sampled_lines (map, s, e, bs, ae, line_start, line_end, &d))
    return d;
  /* (Once neither side is within the text, no further one is.) */
  for (d = 1; d <= MAP_WINDOW_REACH && (s - d >= 0 || s + d + m <= map->n_old); d++)
    for (int side = -1; side <= 1; side += 2)
      {
        /* (Most distances: neither side starts as the quote does.) */
        if (side < 0 && (s - d < 0 || o[s - d] != o[s]) && (s + d + m > map->n_old || o[s + d] != o[s]))
          break;
        if (map_copy_fits (map, s + side * d, s, e, bs, ae, line_start, line_end))
          return d;
      }
  return 0;
}

/* How many code points @a and @b agree on from their start, up to @len. */
static gint64
same_forward (const gunichar *a, const gunichar *b, gint64 len)
{
  gint64 i = 0;

  while (i + 32 <= len && memcmp (a + i, b + i, 32 * sizeof (gunichar)) == 0)
    i += 32;
  while (i < len && a[i] == b[i])
    i++;
  return i;
}

/* How many code points right before @a and @b agree, up to @len. */
static gint64
same_backward (const gunichar *a, const gunichar *b, gint64 len)
{
  gint64 i = 0;

  while (i + 32 <= len && memcmp (a - i - 32, b - i - 32, 32 * sizeof (gunichar)) == 0)
    i += 32;
  while (i < len && a[-1 - i] == b[-1 - i])
    i++;
  return i;
}

/* Where the line holding @t[@s] starts, looked for no further back than
 * @reach (then @s - @reach, or 0): wmemchr() finds the line breaks a
 * vector at a time, and the last one before @s is the line's. */
static gint64
map_line_start_within (const gunichar *t, gint64 s, gint64 reach)
{
  gint64 bs = MAX (0, s - reach);
  const wchar_t *p;

  while (bs < s && (p = wmemchr ((const wchar_t *) t + bs, L'\n', (size_t) (s - bs))) != NULL)
    bs = (gint64) (p - (const wchar_t *) t) + 1;
  return bs;
}

/* Where the line holding @t[@e] ends (its line break, or @n), looked for
 * no further than @reach (then @e + @reach). */
static gint64
map_line_end_within (const gunichar *t, gint64 n, gint64 e, gint64 reach)
{
  gint64 hi = MIN (n, e + reach);
  const wchar_t *p = e < hi ? wmemchr ((const wchar_t *) t + e, L'\n', (size_t) (hi - e)) : NULL;

  return p != NULL ? (gint64) (p - (const wchar_t *) t) : MAX (e, hi);
}

/* Whether the quote at old [@s, @e), carried to new @ps, stands in a run
 * of copies whose number changed.  A quote in a run of verbatim copies (the
 * same paragraph repeated, the quote at the same place in each) is carried
 * by a stretch that started in text the old text has once and ran on
 * into the copies: it pairs the first copy after that text with the first
 * copy there in the new text, and so on.  When a copy went or moved away,
 * the new text has one copy fewer there, and which of the alike copies it
 * was, the texts do not say: the stretch pairs them from its own end all
 * the same.  The text the alignment pairs on the run's far side then
 * stands a copy's length (the run's period) off from where the quote was
 * carried: the copies before or after the quote's own are not as many as
 * they were.  Within half a period of each other, edits (an inserted
 * sentence, typos) explain the difference; more, and the highlight is an
 * orphan.  A text's ends bound the run like paired text does. */
static gboolean
map_copies_count_changed (const TextMap *map, gint64 s, gint64 e, gint64 ps)
{
  const gunichar *o = map->old;
  gint64 m = e - s, p, r0 = s, r1 = e, shift = ps - s, xb, xa, db, da, bs = s, ae = e;
  gsize bytes = (gsize) m * sizeof (gunichar);
  guint first;

  if (m <= 0)
    return FALSE;
  /* The quote and its line on one side repeated verbatim: all the
   * q-grams sampled there repeat (most text has one that does not, near
   * the quote: asked first). */
  first = map_first_sample (map, s - MAP_COPY_CONTEXT);
  if (!map_sampled_all_repeated (map, first, s - MAP_COPY_CONTEXT, e) &&
      !map_sampled_all_repeated (map, first, s, e + MAP_COPY_CONTEXT))
    return FALSE;
  bs = map_line_start_within (o, s, MAP_COPY_LINE);
  ae = map_line_end_within (o, map->n_old, e, MAP_COPY_LINE);
  if (s - bs < MAP_COPY_CONTEXT || !map_sampled_all_repeated (map, map_first_sample (map, bs), bs, e))
    bs = -1;
  if (ae - e < MAP_COPY_CONTEXT || !map_sampled_all_repeated (map, first, s, ae))
    ae = -1;
  if (bs < 0 && ae < 0)
    return FALSE;
  p = map_copy_period (map, s, e, bs, ae);
  if (p == 0)
    return FALSE;
  while (r0 - p >= 0 && memcmp (o + r0 - p, o + s, bytes) == 0)
    r0 -= p;
  while (r1 + p <= map->n_old && memcmp (o + r1 + p - m, o + s, bytes) == 0)
    r1 += p;
  /* The copies go on beyond the quote while each reads as the next (a
   * quote from the tail of one of two lines that end alike): the stretch
   * that carried the quote runs on there too, so the text paired just
   * beyond the quote's own copy is that stretch's, and says nothing.  The
   * run ends where the copies stop agreeing (up to a window's reach). */
  /* (Compared a block at a time: copies agree for hundreds of code
   * points.  r0 - 1 + p < n and r1 - p >= 0 stay true once true.) */
  if (r0 - 1 + p < map->n_old)
    r0 -= same_backward (o + r0, o + r0 + p, MIN (MAP_WINDOW_REACH, r0));
  if (r1 - p >= 0)
    r1 += same_forward (o + r1, o + r1 - p, MIN (MAP_WINDOW_REACH, map->n_old - r1));
  xb = map_prev_paired (map, r0 - 1, 0);
  db = xb >= 0 ? map->o2n[xb] - xb : 0;
  if ((xa = map_next_paired (map, r1, map->n_old - 1)) < 0)
    xa = map->n_old;
  da = xa < map->n_old ? map->o2n[xa] - xa : map->n_new - map->n_old;
  return ABS (db - shift) * 2 > p || ABS (da - shift) * 2 > p;
}

/* Letters a quote's edge line must hold for map_edge_copies_count_changed(). */
#define MAP_EDGE_COPY_LETTERS 4

/* Whether old [@s, @e) holds a line break, and @min letters or more
 * before the first (at *@b): the break found a vector at a time, the
 * letters counted only up to @min (a quote's first line is most of a
 * paragraph on most pages). */
static gboolean
map_first_line_letters (const gunichar *o, gint64 s, gint64 e, gint64 min, gint64 *b)
{
  const wchar_t *p = s < e ? wmemchr ((const wchar_t *) o + s, L'\n', (size_t) (e - s)) : NULL;
  gint64 letters = 0;

  if (p == NULL)
    return FALSE;
  *b = (gint64) (p - (const wchar_t *) o);
  for (gint64 i = s; i < *b && letters < min; i++)
    letters += is_alnum (o[i]) ? 1 : 0;
  return letters >= min;
}

/* The same asked of the quote's first line alone, when it holds a line
 * break: a quote that runs from the end of one of alike paragraphs into
 * a line the old text has once (a heading, another paragraph's first
 * words) has a q-gram of its own there, so the whole quote is not in a
 * run of copies; but its first line is, and the stretch that carried it
 * ran from the line the old text has once back into the copies, pairing
 * the copy it met first.  When another of the alike paragraphs moved to
 * stand just before that line (and the quote's own was edited), the
 * quote's first line lands on the one that moved, though which of the
 * two it is the texts do not say.  (Its last line alone, at the start of
 * alike paragraphs, costs three times the orphans for each wrong
 * placement it takes away: not asked.) */
static gboolean
map_edge_copies_count_changed (const TextMap *map, gint64 s, gint64 e)
{
  const gunichar *o = map->old;
  gint64 b;

  if (!map_first_line_letters (o, s, e, MAP_EDGE_COPY_LETTERS, &b))
    return FALSE;
  for (gint64 i = s; i < b; i++)
    if (map->o2n[i] >= 0)
      return map_copies_count_changed (map, s, b, map->o2n[i] - (i - s));
  return FALSE;
}

/* The same asked of a place the window search found at new @ps, for the
 * quote's first line.  Where nothing of that line stays paired (its own
 * copy was edited, or moved away), the search finds whichever alike copy
 * now stands before the line that follows: the end of another of alike
 * paragraphs that moved up to stand there.  Which of them it is the
 * texts do not say, and the search's context, alike around every copy,
 * cannot tell them apart either; the text paired beyond the first line's
 * run of copies still shows that their number changed. */
static gboolean
map_search_first_line_copies_changed (const TextMap *map, gint64 s, gint64 e, gint64 ps)
{
  const gunichar *o = map->old;
  gint64 b;

  if (!map_first_line_letters (o, s, e, MAP_EDGE_COPY_LETTERS, &b))
    return FALSE;
  return map_copies_count_changed (map, s, b, ps);
}

/* Whether a place the window search found for the quote at old [@s, @e)
 * (its old window [@ows, @owe)) may hold, for the quote's first line, a
 * copy that moved in: nothing of that line is paired, and the old text
 * holds it verbatim again outside the old window (within a window's
 * reach), in a stretch nothing of which is paired, whose neighbours now
 * stand too close together to hold that line.  That copy went from where
 * it stood; when its paragraph moved up to stand before the line that
 * follows the quote's (whose own first line went or was edited), the
 * search finds it there, and which of the alike copies it is the texts
 * do not say.  (Copies whose number changed by less than half of one, as
 * map_search_first_line_copies_changed() needs, when runs of them differ
 * in length: alike paragraphs between different headings.)  A copy still
 * standing in its place, even unpaired, says nothing. */
static gboolean
map_search_first_line_moved_copy (const TextMap *map, gint64 s, gint64 e, gint64 ows, gint64 owe)
{
  const gunichar *o = map->old;
  gint64 b = s, m, from, to;

  while (b < e && o[b] != '\n')
    b++;
  m = b - s;
  if (b == e || m < MAP_MIN_SEGMENT)
    return FALSE;
  for (gint64 i = s; i < b; i++)
    if (map->o2n[i] >= 0)
      return FALSE;
  if (map_sampled_once_within (map, s, b))
    return FALSE;
  from = MAX (0, s - MAP_WINDOW_REACH), to = MIN (map->n_old, b + MAP_WINDOW_REACH);
  for (gint64 x = from; x + m <= to; x++)
    {
      gint64 uu = x, vv = x + m;
      gboolean unpaired = TRUE;

      if (x == s || (x + m > ows && x < owe) || o[x] != o[s] ||
          memcmp (o + x, o + s, (gsize) m * sizeof (gunichar)) != 0)
        continue;
      for (gint64 j = x; j < x + m && unpaired; j++)
        unpaired = map->o2n[j] < 0;
      if (!unpaired)
        continue;
      while (uu > 0 && x - uu < MAP_EDGE_REACH && map->o2n[uu - 1] < 0)
        uu--;
      while (vv < map->n_old && vv - x < MAP_EDGE_REACH && map->o2n[vv] < 0)
        vv++;
      if (map_stretch_survivors (map, uu, vv) < m)
        return TRUE;
    }
  return FALSE;
}

/* The stretches of new text that the alignment left unpaired (new text,
 * or old text too changed to pair), as raw [from, to) pairs; paired islands
 * shorter than a few words inside them are taken along. */
static GArray *
map_unpaired_regions (const TextMap *map)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 from = -1, last = -1, count = 0;

  for (gint64 j = 0; j <= map->n_new; j++)
    {
      gboolean free_here = j < map->n_new && map->n2o[j] < 0;

      if (!free_here && j < map->n_new)
        continue;
      if (from >= 0 && (j == map->n_new || j - last > MAP_ISLAND))
        {
          /* A few unpaired characters (a typo's) are not where a passage
           * could be. */
          if (count >= MAP_REGION_MIN)
            {
              gint64 pair[2] = { MAX (0, from - MAP_ISLAND), MIN (map->n_new, last + 1 + MAP_ISLAND) };
              g_array_append_vals (regions, pair, 2);
            }
          from = -1;
        }
      if (j == map->n_new)
        break;
      if (from < 0)
        from = j, count = 0;
      last = j;
      count++;
    }
  return regions;
}

/* For a quote partly paired but not placed: the new text around its
 * middle paired character (as far each side as the quote is long), and the
 * old text as far around the quote.  Its own characters say where it is. */
static gboolean
map_window_from_pairs (const TextMap *map, const GArray *pairs, gint64 s, gint64 e,
                       gint64 *out_from, gint64 *out_to, gint64 *out_old_from, gint64 *out_old_to)
{
  gint64 mid, reach = (e - s) + 64;

  if (pairs->len == 0)
    return FALSE;
  mid = g_array_index (pairs, MapPair, pairs->len / 2).n;
  *out_from = MAX (0, mid - reach);
  *out_to = MIN (map->n_new, mid + reach);
  *out_old_from = MAX (0, s - reach);
  *out_old_to = MIN (map->n_old, e + reach);
  return TRUE;
}

/* Where old position @s went, guessed from the nearest paired character. */
static gint64
map_shift (const TextMap *map, gint64 s)
{
  /* The nearest paired character on each side (within the distances the
   * loop below asks): the nearer one, before the quote when both are as
   * near, as the loop finds it. */
  if (s >= 0 && s < map->n_old)
    {
      gint64 before = map_prev_paired (map, s, MAX (0, s - 4095));
      /* (After it, only nearer than the one before counts.) */
      gint64 after = map_next_paired (map, s, MIN (map->n_old - 1, before >= 0 ? s + (s - before) - 1 : s + 4095));

      if (after < 0 && before >= 0)
        return map->o2n[before] - before;
      if (after >= 0)
        return map->o2n[after] - after;
      return 0;
    }
  /* (Once both sides are out of the text, they stay out.) */
  for (gint64 d = 0; d < 4096 && (s - d >= 0 || s + d < map->n_old); d++)
    {
      if (s - d >= 0 && s - d < map->n_old && map->o2n[s - d] >= 0)
        return map->o2n[s - d] + d - s;
      if (s + d < map->n_old && s + d >= 0 && map->o2n[s + d] >= 0)
        return map->o2n[s + d] - d - s;
    }
  return 0;
}

/* Where old position @s stands in the new text, for an orphan: its own
 * place when it is paired; else as far after the nearest paired character
 * before it as it was in the old text (an edited passage, left unpaired,
 * keeps its place), but not past the next paired character (a deleted
 * one's place is where what followed it now stands).  With nothing paired
 * before it, as far before the next paired one. */
static gint64
map_near (const TextMap *map, gint64 s)
{
  gint64 p, q;

  if (s < 0 || s > map->n_old)
    return -1;
  if (s < map->n_old && map->o2n[s] >= 0)
    return map->o2n[s];
  p = s > 0 ? map_prev_paired (map, s - 1, 0) : -1;
  q = s < map->n_old ? map_next_paired (map, s, map->n_old - 1) : -1;
  if (p < 0)
    return q >= 0 ? MAX (0, map->o2n[q] - (q - s)) : MIN (s, map->n_new);
  return MIN (map->o2n[p] + (s - p), q >= 0 ? map->o2n[q] : map->n_new);
}

/* Whether a place found by searching a window, new [@ps, @pe), stands
 * among another passage's text: the nearest paired characters on both
 * sides of it pair with old text outside the old window [@ow_from,
 * @ow_to) the search stood for, or one side does and the other has
 * nothing paired near (an edited stretch).  One side against the other
 * is not enough: a paragraph may have moved in next to the quote.
 *
 * Without @within_line, "near" is within MAP_EDGE_LINE_REACH: a copy of
 * the quote there (repeated code, a caption used twice) is that passage's
 * copy, set in its context; the quote's own place, if it survived, stands
 * among the old window's text.
 *
 * With @within_line, it is on the place's own first and last lines,
 * however far: a paragraph that moved into the window and was edited
 * keeps only a part paired, the part its q-grams tell apart; its rest, a
 * near copy of the quote's paragraph ("Regarding item# 11111, …" and
 * "… 22222, …" alike after their numbers), is unpaired and matches the
 * quote whose own copy went.  Passages move by lines: the quote's own
 * line, if it survived, holds nothing paired with other text between the
 * quote and the window's edge that stands on it. */
static gboolean
map_place_elsewhere (const TextMap *map, gint64 ps, gint64 pe, gint64 ow_from, gint64 ow_to, gboolean within_line)
{
  gint64 before = -1, after = -1;

  for (gint64 j = ps - 1; j >= 0 && (within_line ? map->new[j] != '\n' : ps - j <= MAP_EDGE_LINE_REACH); j--)
    if (map->n2o[j] >= 0)
      {
        before = map->n2o[j];
        break;
      }
  for (gint64 j = pe; j < map->n_new && (within_line ? map->new[j] != '\n' : j - pe < MAP_EDGE_LINE_REACH); j++)
    if (map->n2o[j] >= 0)
      {
        after = map->n2o[j];
        break;
      }
  {
    gboolean bf = before >= 0 && (before < ow_from - 1 || before > ow_to);
    gboolean af = after >= 0 && (after < ow_from - 1 || after > ow_to);

    return (bf || before < 0) && (af || after < 0) && (bf || af);
  }
}

/* How many times the folded @q (@m code points) stands verbatim in @f
 * [0, @n), stopping at two: whether clipper_anchor_exact_search() would
 * list it once is all the callers ask, and a common line of a page of
 * alike paragraphs is listed a hundred times.  *@first_end gets the
 * last index of its first place.  (A place starts with the quote's first
 * two code points, compared at once.) */
static guint
folded_verbatim_upto_two (const gunichar *f, gint64 n, const gunichar *q, gint64 m, gint64 *first_end)
{
  guint count = 0;
  guint64 head = m >= 2 ? load_two (q) : 0;

  for (gint64 j = 0; j + m <= n; j++)
    {
      if (m >= 2 ? load_two (f + j) != head : f[j] != q[0])
        continue;
      if (memcmp (f + j, q, (gsize) m * sizeof (gunichar)) != 0)
        continue;
      if (count++ == 0)
        *first_end = j + m - 1;
      else
        break;
    }
  return count;
}

/* Whether the old text holds each line of old [s, e) (its folded text;
 * the whole, when it has one line) exactly once.  Texts of MAP_LONG_TEXT
 * or more are not searched, and answer no.  Passages go and move by
 * lines: a copy made of a line that survived and a copy of the next line
 * moved in after it (a caption repeated, its number kept) reads as the
 * quote, unless each line is the old text's only one. */
static gboolean
old_lines_once (ClipperAnchorText *old, gint64 s, gint64 e)
{
  g_autofree gunichar *fq = NULL;
  gint64 m, first_end;

  if (old->n >= MAP_LONG_TEXT)
    return FALSE;
  m = clipper_anchor_fold_string (old->cps + s, e - s, &fq);
  if (m == 0)
    return FALSE;
  clipper_anchor_ensure_folded (old);
  for (gint64 i = s, from = 0; i <= e; i++)
    {
      gint64 to = from;

      if (i < e && !is_line_break (old->cps[i]))
        continue;
      for (gint64 j = i - 1; j >= s && !is_line_break (old->cps[j]); j--)
        to += fold_char (old->cps[j]) != 0 ? 1 : 0;
      if (to > from && folded_verbatim_upto_two (old->fold, old->nf, fq + from, to - from, &first_end) != 1)
        return FALSE;
      from = to;
    }
  return TRUE;
}

/* For a quote the window search could not place (a sentence inserted
 * into it makes too many errors for the whole): its thirds, cut at spaces,
 * each searched in the same window as a quote of its own, with the old
 * text around it as context.  Thirds placed right beside each other in
 * order, with no more than MAP_FOREIGN_MAX new characters between that
 * are not the quote's own, form a part (an inserted sentence between two
 * thirds keeps them apart, as it does the passage's parts); the largest
 * part is the place when it holds more than half of the quote: less may
 * be the lesser part the user meant. */
static gboolean
map_window_pieces (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text, gint64 s, gint64 e,
                   gint64 ws, gint64 we, gint64 ows, gint64 owe, gint64 *out_start, gint64 *out_end)
{
  gint64 cut[4] = { s, -1, -1, e }, total = 0, seen = 0;
  ClipperAnchorResult res[3];
  gboolean any = FALSE;
  gint lo, hi;
  guint n = 1;

  for (gint64 i = s; i < e; i++)
    total += fold_char (old->cps[i]) != 0 ? 1 : 0;
  if (total < 3 * MIN_PIECE)
    return FALSE;
  for (gint64 i = s; i < e && n < 3; i++)
    {
      seen += fold_char (old->cps[i]) != 0 ? 1 : 0;
      if (seen * 3 >= total * (gint64) n && is_space (old->cps[i]))
        cut[n++] = i;
    }
  if (n < 3)
    return FALSE;

  for (int p = 0; p < 3; p++)
    {
      gint64 ps = cut[p], pe = cut[p + 1], paired = 0;
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      ClipperTextSelector sub = { 0 };

      while (ps < pe && is_space (old->cps[ps]))
        ps++;
      cut[p] = ps;
      res[p].kind = CLIPPER_ANCHOR_ORPHAN;
      /* A third the old text repeats may be placed on a copy, around the
       * part of the quote that went (a repeated paragraph's first words
       * after the quote's end): only thirds the old text has once. */
      if (pe - ps < MIN_PIECE)
        continue;
      for (gint64 i = ps; i < pe; i++)
        paired += map->o2n[i] >= 0 ? 1 : 0;
      {
        OldWindow ow = { old, ows, owe, ps, pe, TRUE, map->n2o, paired, NULL };

        exact = clipper_anchor_text_slice (old, ps, pe);
        clipper_anchor_text_context (old, ps, pe, &prefix, &suffix);
        sub.exact = exact;
        sub.prefix = prefix;
        sub.suffix = suffix;
        sub.start = ps;
        sub.end = pe;
        clipper_anchor_locate_whole_in (text, &sub, map_shift (map, ps), ws, we, NULL, NULL, &ow, &res[p]);
        /* (Asked after the search: most thirds that are not placed are
         * not worth the count.) */
        if (res[p].kind != CLIPPER_ANCHOR_ORPHAN && !old_lines_once (old, ps, pe))
          res[p].kind = CLIPPER_ANCHOR_ORPHAN;
      }
      any |= res[p].kind != CLIPPER_ANCHOR_ORPHAN;
    }
  if (!any)
    return FALSE;

  /* Groups of thirds placed beside each other; the largest wins. */
  lo = hi = -1;
  for (int from = 0; from < 3;)
    {
      int to = from;

      if (res[from].kind == CLIPPER_ANCHOR_ORPHAN)
        {
          from++;
          continue;
        }
      while (to + 1 < 3 && res[to + 1].kind != CLIPPER_ANCHOR_ORPHAN && res[to + 1].start >= res[to].end)
        {
          gint64 between = 0;

          for (gint64 j = res[to].end; j < res[to + 1].start && between <= MAP_FOREIGN_MAX; j++)
            between += map->n2o[j] >= s && map->n2o[j] < e ? 0 : 1;
          if (between > MAP_FOREIGN_MAX)
            break;
          to++;
        }
      if (lo < 0 || cut[to + 1] - cut[from] > cut[hi + 1] - cut[lo])
        lo = from, hi = to;
      from = to + 1;
    }
  /* More than half of the quote, in old characters. */
  if ((cut[hi + 1] - cut[lo]) * 2 <= e - s)
    return FALSE;
  *out_start = res[lo].start;
  *out_end = res[hi].end;
  return TRUE;
}

/* Context characters on each side that must stand paired, in step, for
 * the quote's neighbours to vouch for the new text between them. */
#define MAP_HOLD_CONTEXT 4

/* Whether @n paired characters of old text end (@step -1: start) at old
 * @o, in step with new @n0: the alignment's own stretch, not a letter
 * paired by a walk. */
static gboolean
map_held_in_step (const TextMap *map, gint64 o, gint64 n0, int step, gint64 n)
{
  for (gint64 i = 0; i < n; i++, o += step, n0 += step)
    if (o < 0 || o >= map->n_old || map->o2n[o] != n0)
      return FALSE;
  return TRUE;
}

/* The quote old [s, e) once its parts are split by what came in: when
 * the old text just before and just after it still stands, paired in
 * step, in the same order in the new text, with nothing between the two
 * but text paired with the quote (in its order) and unpaired text, the
 * quote is what lies between, with whatever was inserted into it (a
 * sentence between two of its words, a word the gap's walk paired a
 * letter of): its surviving characters are all there, in one part, and
 * nothing from elsewhere is.  Its edges must be the quote's: its first
 * and last characters paired right next to the neighbours, or with no
 * more unpaired characters before (after) them than the quote had (a
 * changed first letter); an inserted word or sentence at an edge is then
 * between two of the quote's characters.  Not when the new text between
 * has more line breaks than the quote (a line or paragraph came in: text
 * moved from elsewhere, too changed to pair, would be taken in), nor for a
 * quote the old text repeats near it (which copy stands between, the texts
 * do not say: text moved in from further away would be paired). */
static gboolean
map_between_neighbours (const TextMap *map, ClipperAnchorText *old, gint64 s, gint64 e,
                        gint64 *out_start, gint64 *out_end)
{
  gint64 na, nb, first = -1, last = -1, prev = -1, breaks_old = 0, breaks_new = 0;

  if (s < MAP_HOLD_CONTEXT || e + MAP_HOLD_CONTEXT > map->n_old)
    return FALSE;
  na = map->o2n[s - 1];
  nb = map->o2n[e];
  if (na < 0 || nb <= na || !map_held_in_step (map, s - 1, na, -1, MAP_HOLD_CONTEXT) ||
      !map_held_in_step (map, e, nb, 1, MAP_HOLD_CONTEXT))
    return FALSE;
  for (gint64 j = na + 1; j < nb; j++)
    {
      gint32 o = map->n2o[j];

      breaks_new += map->new[j] == '\n' ? 1 : 0;
      if (o < 0)
        continue;
      if (o < s || o >= e || o <= prev)
        return FALSE;
      if (first < 0)
        first = j;
      last = j;
      prev = o;
    }
  if (first < 0)
    return FALSE;
  for (gint64 i = s; i < e; i++)
    breaks_old += map->old[i] == '\n' ? 1 : 0;
  if (breaks_new > breaks_old)
    return FALSE;
  /* The edges: as many unpaired characters before the first pair as the
   * quote had before its first paired character, at most a few. */
  if (first - (na + 1) > MIN (map->n2o[first] - s, MAP_EDGE_SLACK) ||
      (nb - 1) - last > MIN (e - 1 - map->n2o[last], MAP_EDGE_SLACK))
    return FALSE;
  {
    g_autofree gunichar *fq = NULL;
    gint64 m = clipper_anchor_fold_string (old->cps + s, e - s, &fq);

    if (m == 0 || !map_once_near (map, s, e, fq, m))
      return FALSE;
  }
  *out_start = na + 1;
  *out_end = nb;
  return TRUE;
}

/* The quote old [s, e) when one side of it is paired and a sentence came
 * in right beside that side, inside the quote (round twenty-seven): its
 * first (@step 1) or last (@step -1) characters paired in step (or from
 * up to MAP_EDGE_SLACK characters in, a changed first letter, with as
 * many unpaired new characters before them), going on from its
 * neighbour's run (MAP_HOLD_CONTEXT characters beyond it held too) or
 * eighteen characters or more, and none of the rest.  In the new text
 * right after (before) that part, all unpaired: the rest, folded, with
 * one stretch of BEYOND_MIN_INSERTED folded characters or more inserted
 * into it that is new text (map_gap_new_text(): not the old text's, at
 * most one line break, up to MAP_EDGE_LINE_REACH characters), at least
 * BEYOND_MIN_REST of its folded characters beyond that stretch, within a
 * fifth of its length in other errors, found there once, ending on its
 * own last BEYOND_EDGE_AGREE folded characters; its line breaks within
 * one of the old rest's (a reflow), its blank lines as many; and the old
 * text's next paired character beyond the quote paired beyond it.  The
 * alignment pairs a side of under twenty agreeing characters only where
 * it goes on from a neighbour's run ("status of a scheduled " ⏎ "Note
 * report many is." ⏎ "task! … System guarantees"): the other side has
 * nothing to pair with.  Not for a quote the old text repeats, nor a rest
 * it holds again near it (a copy's words could follow a sentence too),
 * nor for old texts of MAP_NEW_TEXT_MAX_OLD or more (map_gap_new_text()).
 * A search for the whole quote with a gap the size of a sentence is what
 * places text from elsewhere (Hypothesis's bound of half the quote): here
 * the place is where the alignment carried the paired side, and the gap
 * is new text right beside it. */
#define BEYOND_MIN_REST 6
#define BEYOND_MIN_INSERTED 12
#define BEYOND_EDGE_AGREE 3

/* A cell of map_beyond_inserted_side()'s edit distance: @d0 before the
 * inserted stretch, @d1 after it (@s1, @e1: where it stood in the new
 * text's folded characters, @i1: how much of the rest before it), @g the
 * best @d0 at least BEYOND_MIN_INSERTED characters back (at @gs). */
typedef struct {
  gint32 d0, d1, g, gs, s1, e1, i1;
} BeyondCell;

typedef struct {
  gunichar *f;
  gint64   *at; /* raw index of each folded character */
  gint64    n;
} FoldedWalk;

/* The folded characters of @t from @from in the direction of @step, up to
 * @stop (exclusive; -1 or the text's length), with their raw indices;
 * stops before a character @n2o pairs when @n2o is given. */
static void
folded_walk (FoldedWalk *w, const gunichar *t, gint64 from, gint64 stop, int step, const gint32 *n2o)
{
  gint64 cap = step > 0 ? stop - from : from - stop;

  w->f = g_new (gunichar, MAX (cap, 1));
  w->at = g_new (gint64, MAX (cap, 1));
  w->n = 0;
  for (gint64 j = from; j != stop; j += step)
    {
      gunichar c;

      if (n2o != NULL && n2o[j] >= 0)
        break;
      if ((c = fold_char (t[j])) != 0)
        {
          w->f[w->n] = c;
          w->at[w->n++] = j;
        }
    }
}

static void
folded_walk_clear (FoldedWalk *w)
{
  g_free (w->f);
  g_free (w->at);
}

#define BEYOND_WHY(reason) WHY ("why: beyond the %s part: %s", step > 0 ? "first" : "last", reason)
#define BEYOND_FAIL(reason) G_STMT_START { BEYOND_WHY (reason); goto out; } G_STMT_END

static gboolean
map_beyond_inserted_side (const TextMap *map, gint64 s, gint64 e, int step, gint64 *out_start, gint64 *out_end)
{
  gint64 edge = step > 0 ? s : e - 1, far = step > 0 ? e : s - 1;
  gint64 n0, a = 0, k = 0, rest_from, na, stop, limit, errors, best = G_MAXINT64, best_end = -1;
  gint64 trail = 0, o_beyond, gap_from, gap_to, pe_raw, breaks_old, breaks_new;
  FoldedWalk r = { 0 }, x = { 0 };
  BeyondCell *prev = NULL, *cur = NULL;
  gboolean ok = FALSE;

  /* Its edge: paired, or a few characters in (a changed first letter)
   * with as many unpaired new characters before the first pair. */
  while (k <= MAP_EDGE_SLACK && edge + step * k != far && map->o2n[edge + step * k] < 0)
    k++;
  if (k > MAP_EDGE_SLACK || edge + step * k == far)
    {
      BEYOND_WHY ("its edge is not paired");
      return FALSE;
    }
  n0 = map->o2n[edge + step * k];
  for (gint64 i = 1; i <= k; i++)
    if (n0 - step * i < 0 || n0 - step * i >= map->n_new || map->n2o[n0 - step * i] >= 0)
      {
        BEYOND_WHY ("its edge is not paired");
        return FALSE;
      }
  while (edge + step * (k + a) != far && map->o2n[edge + step * (k + a)] == n0 + step * a)
    a++;
  /* The part paired goes on from its neighbour's run, or is long enough
   * to have been paired by itself. */
  if (a < MAP_Q + MAP_Q / 2 &&
      (k > 0 || !map_held_in_step (map, edge - step, n0 - step, -step, MAP_HOLD_CONTEXT)))
    {
      BEYOND_WHY ("its edge is not paired on from its neighbour");
      return FALSE;
    }
  a += k;
  n0 -= step * k;
  rest_from = edge + step * a;
  for (gint64 i = rest_from; i != far; i += step)
    if (map->o2n[i] >= 0)
      {
        BEYOND_WHY ("more of it paired beyond the first part");
        return FALSE;
      }
  na = n0 + step * a;
  if (na < 0 || na >= map->n_new)
    return FALSE;
  folded_walk (&r, map->old, rest_from, far, step, NULL);
  if (r.n < BEYOND_MIN_REST)
    BEYOND_FAIL ("a short rest");
  errors = r.n / 5;
  /* (The unfolded characters ending the rest: its last punctuation.) */
  for (gint64 i = far - step; i != rest_from - step && fold_char (map->old[i]) == 0; i -= step)
    trail++;
  limit = MAP_EDGE_LINE_REACH + 2 * (step > 0 ? e - rest_from : rest_from - s + 1);
  stop = step > 0 ? MIN (map->n_new, na + limit) : MAX (-1, na - limit);
  folded_walk (&x, map->new, na, stop, step, map->n2o);
  if (x.n < BEYOND_MIN_INSERTED + r.n - errors)
    BEYOND_FAIL ("too little unpaired text beside it");
  /* The rest from right beside the paired part, with one stretch of
   * BEYOND_MIN_INSERTED folded characters or more inserted into it
   * (free) and a few errors elsewhere: edit distance with two states,
   * before and after that stretch, keeping where it stands. */
  prev = g_new (BeyondCell, x.n + 1);
  cur = g_new (BeyondCell, x.n + 1);
  for (gint64 j = 0; j <= x.n; j++)
    {
      prev[j].d0 = (gint32) j;
      prev[j].d1 = G_MAXINT32 / 2;
      prev[j].g = G_MAXINT32 / 2;
      if (j >= BEYOND_MIN_INSERTED)
        {
          prev[j].g = prev[j - 1].g;
          prev[j].gs = prev[j - 1].gs;
          if (prev[j - BEYOND_MIN_INSERTED].d0 < prev[j].g)
            prev[j].g = prev[j - BEYOND_MIN_INSERTED].d0, prev[j].gs = (gint32) (j - BEYOND_MIN_INSERTED);
          prev[j].d1 = prev[j].g, prev[j].s1 = prev[j].gs, prev[j].e1 = (gint32) j, prev[j].i1 = 0;
        }
    }
  for (gint64 i = 1; i <= r.n; i++)
    {
      cur[0].d0 = (gint32) i;
      cur[0].d1 = cur[0].g = G_MAXINT32 / 2;
      for (gint64 j = 1; j <= x.n; j++)
        {
          gint32 sub = r.f[i - 1] == x.f[j - 1] ? 0 : 1;
          BeyondCell *c = &cur[j];

          c->d0 = MIN (prev[j - 1].d0 + sub, MIN (prev[j].d0, cur[j - 1].d0) + 1);
          c->g = G_MAXINT32 / 2;
          if (j >= BEYOND_MIN_INSERTED)
            {
              c->g = cur[j - 1].g, c->gs = cur[j - 1].gs;
              if (cur[j - BEYOND_MIN_INSERTED].d0 < c->g)
                c->g = cur[j - BEYOND_MIN_INSERTED].d0, c->gs = (gint32) (j - BEYOND_MIN_INSERTED);
            }
          c->d1 = prev[j - 1].d1 + sub, c->s1 = prev[j - 1].s1, c->e1 = prev[j - 1].e1, c->i1 = prev[j - 1].i1;
          if (prev[j].d1 + 1 < c->d1)
            c->d1 = prev[j].d1 + 1, c->s1 = prev[j].s1, c->e1 = prev[j].e1, c->i1 = prev[j].i1;
          if (cur[j - 1].d1 + 1 < c->d1)
            c->d1 = cur[j - 1].d1 + 1, c->s1 = cur[j - 1].s1, c->e1 = cur[j - 1].e1, c->i1 = cur[j - 1].i1;
          if (c->g < c->d1)
            c->d1 = c->g, c->s1 = c->gs, c->e1 = (gint32) j, c->i1 = (gint32) i;
        }
      { BeyondCell *t = prev; prev = cur; cur = t; }
    }
  for (gint64 j = 1; j <= x.n; j++)
    if (prev[j].d1 < best)
      best = prev[j].d1, best_end = j;
  if (best > errors)
    BEYOND_FAIL ("the rest not found within an eighth");
  /* Once: every end within the errors is that one's. */
  for (gint64 j = 1; j <= x.n; j++)
    if (prev[j].d1 <= errors && ABS (j - best_end) > errors)
      BEYOND_FAIL ("the rest found twice");
  if (r.n - prev[best_end].i1 < BEYOND_MIN_REST || best_end - prev[best_end].e1 < BEYOND_EDGE_AGREE)
    BEYOND_FAIL ("too little of the rest beyond the inserted text");
  /* Its far edge is the quote's own: the rest's last folded characters,
   * as they were.  (Where the quote's last line went, the errors allowed
   * let the rest end on the next line's first word: seed 41, heavy, "…
   * avg(n) series_avg," ending on "stddev(".) */
  for (gint64 i = 1; i <= BEYOND_EDGE_AGREE; i++)
    if (best_end - i < 0 || r.f[r.n - i] != x.f[best_end - i])
      BEYOND_FAIL ("the rest's far edge is not its own");
  /* The inserted text: new text (not the old text's, nor the quote's). */
  gap_from = prev[best_end].s1 > 0 ? x.at[prev[best_end].s1 - 1] : na - step;
  gap_to = x.at[prev[best_end].e1];
  if ((gap_to - gap_from) * step > MAP_EDGE_LINE_REACH ||
      !(step > 0 ? map_gap_new_text (map, gap_from, gap_to) : map_gap_new_text (map, gap_to, gap_from)))
    BEYOND_FAIL ("not new text inserted");
  /* The rest's end, with as many unfolded characters beyond it as the
   * old rest had (its punctuation), when they are unfolded there too. */
  pe_raw = x.at[best_end - 1];
  for (gint64 k = 0; k < trail; k++)
    {
      gint64 j = pe_raw + step;

      if (j < 0 || j >= map->n_new || map->n2o[j] >= 0 || fold_char (map->new[j]) != 0 || map->new[j] == '\n')
        break;
      pe_raw = j;
    }
  /* Its line breaks: the old rest's, or one more or fewer (a reflow),
   * with no blank line more or fewer. */
  space_chars (map->old, MIN (rest_from, far - step), MAX (rest_from, far - step) + 1, &breaks_old);
  space_chars (map->new, MIN (na, pe_raw), MAX (na, pe_raw) + 1, &breaks_new);
  if (ABS (breaks_new - breaks_old) > 1 ||
      blank_lines (map->new, MIN (na, pe_raw), MAX (na, pe_raw) + 1) !=
      blank_lines (map->old, MIN (rest_from, far - step), MAX (rest_from, far - step) + 1))
    BEYOND_FAIL ("the rest's lines changed");
  /* What stood beyond the quote in the old text stands beyond it still. */
  for (o_beyond = far; o_beyond >= 0 && o_beyond < map->n_old && map->o2n[o_beyond] < 0; o_beyond += step)
    ;
  if (o_beyond >= 0 && o_beyond < map->n_old && (step > 0 ? map->o2n[o_beyond] <= pe_raw : map->o2n[o_beyond] >= pe_raw))
    BEYOND_FAIL ("what stood beyond it is paired inside");
  if (!map_once_near (map, s, e, r.f, r.n))
    BEYOND_FAIL ("the rest not once in the old text near");
  *out_start = step > 0 ? n0 : pe_raw;
  *out_end = step > 0 ? pe_raw + 1 : n0 + 1;
  ok = TRUE;
out:
  g_free (prev);
  g_free (cur);
  folded_walk_clear (&r);
  folded_walk_clear (&x);
  return ok;
}

static gboolean
map_beyond_inserted (const TextMap *map, gint64 s, gint64 e, gint64 *out_start, gint64 *out_end)
{
  if (map->free == NULL || map->n_old >= MAP_NEW_TEXT_MAX_OLD || e - s < 2 || s < MAP_HOLD_CONTEXT ||
      e + MAP_HOLD_CONTEXT > map->n_old || map_quote_repeated (map, s, e) == 1)
    {
      WHY ("why: beyond: a long old text, or a quote it repeats");
      return FALSE;
    }
  return map_beyond_inserted_side (map, s, e, 1, out_start, out_end) ||
         map_beyond_inserted_side (map, s, e, -1, out_start, out_end);
}

/* A short quote (fewer than SHORT_QUOTE_LETTERS letters or digits, at
 * most SHORT_QUOTE_MAX code points) between its old context: the
 * SHORT_CONTEXT code points before it and after it in the old text. */
#define SHORT_QUOTE_LETTERS 10
#define SHORT_QUOTE_MAX 24
#define SHORT_CONTEXT 32

/* The edit distance of two short runs of code points (at most
 * SHORT_QUOTE_MAX + 2 each). */
static gint64
short_distance (const gunichar *a, gint64 na, const gunichar *b, gint64 nb)
{
  gint64 row[SHORT_QUOTE_MAX + 3];

  for (gint64 j = 0; j <= nb; j++)
    row[j] = j;
  for (gint64 i = 1; i <= na; i++)
    {
      gint64 diag = row[0];

      row[0] = i;
      for (gint64 j = 1; j <= nb; j++)
        {
          gint64 up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
          diag = up;
        }
    }
  return row[nb];
}

/* Errors a context of short_between_context() may hold: an eighth. */
#define SHORT_CONTEXT_ERRORS (SHORT_CONTEXT / 8)

/* Where @q (@m code points, at most SHORT_CONTEXT) ends in @t [0, @n)
 * within SHORT_CONTEXT_ERRORS errors when it does so in one place only
 * (one run of ends; the end with the fewest errors), else -1.  Myers's
 * bit-parallel edit distance, one word for the pattern: every short
 * orphan scans both texts whole, twice. */
static gint64
fuzzy_end_once (const gunichar *t, gint64 n, const gunichar *q, gint64 m)
{
  guint64 ascii[128] = { 0 }, pv = ~(guint64) 0, mv = 0, top = (guint64) 1 << (m - 1);
  gint64 score = m, last = -2, best = -1, best_d = G_MAXINT64;

  for (gint64 r = 0; r < m; r++)
    if (q[r] < 128)
      ascii[q[r]] |= (guint64) 1 << r;
  for (gint64 j = 0; j < n; j++)
    {
      guint64 eq = 0, xv, xh, ph, mh;

      if (t[j] < 128)
        eq = ascii[t[j]];
      else
        for (gint64 r = 0; r < m; r++)
          eq |= (guint64) (q[r] == t[j]) << r;
      xv = eq | mv;
      xh = (((eq & pv) + pv) ^ pv) | eq;
      ph = mv | ~(xh | pv);
      mh = pv & xh;
      if (ph & top)
        score++;
      else if (mh & top)
        score--;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score <= SHORT_CONTEXT_ERRORS)
        {
          if (best >= 0 && j > last + 1)
            return -1;
          if (score < best_d)
            best_d = score, best = j;
          last = j;
        }
    }
  return best;
}

/* Where the best alignment of @q (@m code points, at most SHORT_CONTEXT)
 * ending at @t [@end] starts, looking back no further than @from. */
static gint64
fuzzy_start_before (const gunichar *t, gint64 from, gint64 end, const gunichar *q, gint64 m)
{
  gint64 best = end + 1, best_d = G_MAXINT64, span = MIN (end + 1 - from, m + SHORT_CONTEXT_ERRORS);
  gint64 col[SHORT_CONTEXT + 1];

  /* q reversed against t read back from @end: col[r], the errors of
   * q's last r characters against the text read so far. */
  for (gint64 r = 0; r <= m; r++)
    col[r] = r;
  if (col[m] < best_d)
    best_d = col[m];
  for (gint64 j = 0; j < span; j++)
    {
      gint64 diag = col[0];

      col[0] = j + 1;
      for (gint64 r = 1; r <= m; r++)
        {
          gint64 up = col[r];

          col[r] = MIN (MIN (col[r] + 1, col[r - 1] + 1), diag + (q[m - r] != t[end - j]));
          diag = up;
        }
      if (col[m] < best_d)
        best_d = col[m], best = end - j;
    }
  return best_d <= SHORT_CONTEXT_ERRORS ? best : -1;
}

/* Last, a short quote the steps before leave an orphan (too short to
 * search for by itself: a word or a figure recurs), placed by its old
 * context, folded (a page's indentation would make raw contexts alike):
 * the SHORT_CONTEXT folded characters before it and the SHORT_CONTEXT
 * after it in the old text, each within an eighth in errors in one place
 * only of the old folded text and of the new, in that order, and between
 * them in the new text (its whitespace at either edge aside) the quote
 * within a fifth of its length in errors (one at least), no more than
 * two code points longer or shorter.  Both sides are asked: a context on
 * one side only may stand beside another passage once the quote's own
 * was deleted. */
static gboolean
short_between_context (ClipperAnchorText *old, ClipperAnchorText *text, gint64 s, gint64 e,
                       gint64 *out_start, gint64 *out_end)
{
  gint64 m = e - s, letters = 0, fs, fe, before, after, after_start, ps, pe, d;
  const gunichar *bq, *aq;

  if (m < 1 || m > SHORT_QUOTE_MAX)
    return FALSE;
  for (gint64 k = s; k < e; k++)
    letters += g_unichar_isalnum (old->cps[k]) ? 1 : 0;
  if (letters >= SHORT_QUOTE_LETTERS)
    return FALSE;
  clipper_anchor_ensure_folded (old);
  fs = clipper_anchor_raw_to_fold (old, s);
  fe = clipper_anchor_raw_to_fold (old, e);
  if (fs < SHORT_CONTEXT || fe + SHORT_CONTEXT > old->nf)
    return FALSE;
  bq = old->fold + fs - SHORT_CONTEXT;
  aq = old->fold + fe;
  if (fuzzy_end_once (old->fold, old->nf, bq, SHORT_CONTEXT) < 0 ||
      fuzzy_end_once (old->fold, old->nf, aq, SHORT_CONTEXT) < 0)
    {
      WHY ("why: short [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its context stands more than once in the "
               "old text", s, e);
      return FALSE;
    }
  clipper_anchor_ensure_folded (text);
  before = fuzzy_end_once (text->fold, text->nf, bq, SHORT_CONTEXT);
  after = fuzzy_end_once (text->fold, text->nf, aq, SHORT_CONTEXT);
  after_start = after >= 0 && before >= 0 ? fuzzy_start_before (text->fold, before + 1, after, aq, SHORT_CONTEXT) : -1;
  if (before < 0 || after < 0 || after_start <= before)
    {
      WHY ("why: short [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its context before or after is not "
               "once in the new text, in order", s, e);
      return FALSE;
    }
  ps = text->fold_to_raw[before] + 1;
  pe = after_start < text->nf ? text->fold_to_raw[after_start] : text->n;
  while (ps < pe && is_space (text->cps[ps]) && !is_space (old->cps[s]))
    ps++;
  while (pe > ps && is_space (text->cps[pe - 1]) && !is_space (old->cps[e - 1]))
    pe--;
  if (pe - ps > m + 2 || pe - ps < m - 2 || pe == ps)
    {
      WHY ("why: short [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): its contexts are not around a place "
               "of its length", s, e);
      return FALSE;
    }
  d = short_distance (old->cps + s, m, text->cps + ps, pe - ps);
  if (d > MAX (1, m / 5))
    {
      WHY ("why: short [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): %" G_GINT64_FORMAT " errors between its "
               "contexts", s, e, d);
      return FALSE;
    }
  *out_start = ps;
  *out_end = pe;
  return TRUE;
}

/* Places orphan @res by short_between_context(), if it can. */
static void
short_context_place (ClipperAnchorText *old, ClipperAnchorText *text, gint64 s, gint64 e, ClipperAnchorResult *res)
{
  gint64 ps, pe;

  if (!short_between_context (old, text, s, e, &ps, &pe))
    return;
  WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") a short quote between its old context", s, e);
  res->start = ps;
  res->end = pe;
  res->kind = pe - ps == e - s && memcmp (text->cps + ps, old->cps + s, (gsize) (e - s) * sizeof (gunichar)) == 0
              ? CLIPPER_ANCHOR_EXACT_QUOTE : CLIPPER_ANCHOR_FUZZY;
  res->score = res->kind == CLIPPER_ANCHOR_EXACT_QUOTE ? 1.0 : 0.5;
  res->n_exact = res->kind == CLIPPER_ANCHOR_EXACT_QUOTE ? 1 : 0;
}

/* Quotes of fewer folded characters than this are not placed only for
 * standing once in both texts: a short word may recur by an edit. */
#define UNIQUE_MIN_FOLDED 10

/* Whether the old text holds each line of old [s, e) folded exactly once
 * and the new text holds the whole folded exactly once: then that is
 * where it went (moved, or left unpaired among edited layout), for an
 * edit could not make another copy of ten letters or more, and text moved
 * from elsewhere would be a second copy of a line in the old text.  Only for texts shorter than
 * MAP_LONG_TEXT: counting in longer ones would need both texts indexed.
 * @twice: the caller knows the old text holds the folded quote twice or
 * more (the window search found it verbatim at two places), so its lines
 * are not once: the old text is not scanned for them.  (The rest is done
 * as without it: both texts folded here are what later window searches
 * find folded, and which way they search shows in --why.) */
static gboolean
locate_unique_folded (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text, gint64 s, gint64 e,
                      gboolean twice, gint64 *out_start, gint64 *out_end)
{
  g_autofree gunichar *fq = NULL;
  gint64 m, rs, re, lead = 0, trail = 0, end = 0;

  if (old->n >= MAP_LONG_TEXT || text->n >= MAP_LONG_TEXT)
    return FALSE;
  /* (Told twice, with both texts folded already: the answer is no, and
   * what is asked before it below changes nothing then.  The new text's
   * unpaired q-grams are not indexed for it: most pages whose quotes
   * stand among copies of themselves ask nothing else of them.) */
  if (twice && old->folded && text->folded)
    return FALSE;
  m = clipper_anchor_fold_string (old->cps + s, e - s, &fq);
  if (m < UNIQUE_MIN_FOLDED)
    return FALSE;
  /* Where it stands now, nothing pairs (or it would have been carried):
   * its first, middle and last q-grams are in the new text's unpaired
   * text, or there is no such copy.  (Most quotes asked about went.) */
  for (int k = 0; k < 3; k++)
    if (!map_free_has (map, map_free_key (fq + (m - MAP_FREE_Q) * k / 2)))
      return FALSE;
  clipper_anchor_ensure_folded (old);
  clipper_anchor_ensure_folded (text);
  if (twice || !old_lines_once (old, s, e))
    return FALSE;
  if (folded_verbatim_upto_two (text->fold, text->nf, fq, m, &end) != 1)
    return FALSE;

  rs = text->fold_to_raw[end - m + 1];
  re = (gint64) text->fold_to_raw[end] + 1;
  /* The quote's own unfolded edges (a bracket, a full stop), when the new
   * text has the same there. */
  while (s + lead < e && fold_char (old->cps[s + lead]) == 0)
    lead++;
  while (e - trail > s && fold_char (old->cps[e - 1 - trail]) == 0)
    trail++;
  for (gint64 i = 0; i < lead && rs > 0 && text->cps[rs - 1] == old->cps[s + lead - 1 - i]; i++)
    rs--;
  for (gint64 i = 0; i < trail && re < text->n && text->cps[re] == old->cps[e - trail + i]; i++)
    re++;
  *out_start = rs;
  *out_end = re;
  return TRUE;
}

/* ---- Twin lines ---------------------------------------------------------
 *
 * A line the old text prints twice (or more) in a row, with nothing but
 * whitespace between the copies (a photo caption a page prints twice), is
 * told apart from its copies by their order alone: every q-gram of it is
 * repeated, and so are its neighbours.  When the new text holds the same
 * number of alike lines in a row, order still tells; when it holds fewer
 * (one copy went) or the run is broken (a copy moved away, past other
 * text), which copy is the one left where, the two texts do not say: both
 * are one edit.  The quote on such a line is then an orphan. */

/* Lines from which a run of copies is looked for: shorter lines are
 * unpaired when repeated anyway, and the rules for short lines apply. */
#define TWIN_MIN_LETTERS 20
/* Letters of the quote a copy must hold for the quote to be placed by it. */
#define TWIN_QUOTE_LETTERS 8

/* Where the line holding @i ends (its line break, or @n).  Asked of every
 * line of every old text: wmemchr() finds the break a vector at a time
 * (a wchar_t is a code point here, as a gunichar is). */
G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (gunichar));

static gint64
twin_line_finish (const gunichar *t, gint64 n, gint64 i)
{
  const wchar_t *p = i < n ? wmemchr ((const wchar_t *) t + i, L'\n', (size_t) (n - i)) : NULL;

  return p != NULL ? (gint64) (p - (const wchar_t *) t) : n;
}

static gint64
twin_letters (const gunichar *t, gint64 from, gint64 to)
{
  gint64 count = 0;

  for (gint64 i = from; i < to; i++)
    count += is_alnum (t[i]) ? 1 : 0;
  return count;
}

/* A line of the old text in a run of copies: [a, b) the line less its
 * leading and trailing whitespace; the run's first line is twins[first],
 * and it holds @count of them, verbatim the same, one after the other
 * with nothing but whitespace between; its verdict (0 not asked yet, 1
 * kept, 2 rearranged) is asked once for all of its lines. */
typedef struct {
  gint64 a, b;
  guint  first, count;
  gint   verdict;
} TwinLine;

/* Every line of the old text (of TWIN_MIN_LETTERS letters or more) that
 * stands in a run of copies, in text order: found once per text, in one
 * pass (most texts have none, and then no quote asks anything more). */
static void
twin_lines_build (TextMap *map)
{
  GArray *twins = g_array_new (FALSE, FALSE, sizeof (TwinLine));
  gint64 pa = -1, pb = -1;
  gboolean in_run = FALSE;
  guint first = 0;

  for (gint64 x = 0, end; x < map->n_old; x = end + 1)
    {
      gint64 a = x, b;
      gboolean same;

      /* Blank lines and indentation in one sweep: most lines of an
       * extracted page are whitespace. */
      while (a < map->n_old && is_space (map->old[a]))
        a++;
      if (a >= map->n_old)
        break;
      end = twin_line_finish (map->old, map->n_old, a);
      for (b = end; b > a && is_space (map->old[b - 1]); b--)
        ;
      if (b - a != pb - pa && !in_run)
        {
          pa = a, pb = b;
          continue;
        }
      same = pa >= 0 && b - a == pb - pa && memcmp (map->old + a, map->old + pa, (gsize) (b - a) * sizeof (gunichar)) == 0 &&
             (in_run || twin_letters (map->old, a, b) >= TWIN_MIN_LETTERS);
      if (same)
        {
          TwinLine t = { a, b, 0, 0, 0 };

          if (!in_run)
            {
              TwinLine p = { pa, pb, twins->len, 0, 0 };

              first = twins->len;
              g_array_append_val (twins, p);
              in_run = TRUE;
            }
          t.first = first;
          g_array_append_val (twins, t);
        }
      else if (in_run)
        {
          g_array_index (twins, TwinLine, first).count = twins->len - first;
          in_run = FALSE;
        }
      pa = a;
      pb = b;
    }
  if (in_run)
    g_array_index (twins, TwinLine, first).count = twins->len - first;
  map->twins = twins;
}

/* Whether new [from, to) holds a line with a letter between its first
 * and its last line break. */
static gboolean
twin_text_between (const gunichar *t, gint64 from, gint64 to)
{
  gboolean seen_break = FALSE, letter = FALSE;

  for (gint64 i = from; i < to; i++)
    {
      if (t[i] == '\n')
        {
          if (seen_break && letter)
            return TRUE;
          seen_break = TRUE;
          letter = FALSE;
        }
      else
        letter = letter || is_alnum (t[i]);
    }
  return FALSE;
}

/* A stretch of text, [lo, hi) of @t, folded for counting copies in it:
 * only the stretch (folding a whole megabyte text for one run of copies
 * would cost more than re-anchoring all of it). */
typedef struct {
  const gunichar *t;
  gunichar       *fold;
  gint64         *raw;  /* the raw index of each folded character */
  gint64          n;
} TwinRegion;

static void
twin_region_init (TwinRegion *r, const gunichar *t, gint64 lo, gint64 hi)
{
  r->t = t;
  r->fold = g_new (gunichar, MAX (hi - lo, 1));
  r->raw = g_new (gint64, MAX (hi - lo, 1));
  r->n = 0;
  for (gint64 i = lo; i < hi; i++)
    {
      gunichar c = fold_char (t[i]);

      if (c != 0)
        {
          r->fold[r->n] = c;
          r->raw[r->n++] = i;
        }
    }
}

static void
twin_region_clear (TwinRegion *r)
{
  g_clear_pointer (&r->fold, g_free);
  g_clear_pointer (&r->raw, g_free);
}

/* The copies in @r of a folded line of @m characters, whose hits (within
 * a quarter in errors, as edits leave a copy) are @hits, as a string: 'c'
 * for each, and 't' between two of them that have a line of other text
 * between them. */
static char *
twin_shape (const TwinRegion *r, GArray *hits, gint64 m)
{
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *shape = g_string_new (NULL);

  clipper_anchor_hit_places (hits, m, places);
  for (guint p = 0; p < places->len; p++)
    {
      if (p > 0)
        {
          gint64 prev_end = g_array_index (places, gint64, p - 1);
          gint64 next_start = MAX (prev_end + 1, g_array_index (places, gint64, p) - m + 1);

          if (twin_text_between (r->t, r->raw[prev_end], r->raw[next_start]))
            g_string_append_c (shape, 't');
        }
      g_string_append_c (shape, 'c');
    }
  return g_string_free (shape, FALSE);
}

/* Whether the copies of the folded @f (@m characters) stand alike in the
 * old and the new region; FALSE when there are too many to say. */
static gboolean
twin_same_shape (const TwinRegion *old, const TwinRegion *new, const gunichar *f, gint64 m)
{
  g_autoptr (GArray) old_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GArray) new_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *os = NULL;
  g_autofree char *ns = NULL;
  gboolean old_overflow = FALSE, new_overflow = FALSE;
  gint k = (gint) ((double) m * MAX_ERROR_RATIO);
  Pattern pt;

  /* Regions that read alike code point for code point, from their first
   * folded character to their last, fold alike and have the same text
   * between their copies: the same shape (most runs of copies stand
   * unchanged where edits are light).  Unless there are too many copies
   * to say; but a search adds at most one hit a column, so a region of
   * fewer columns than MAX_HITS never has: no search needed. */
  if (old->n > 0 && old->n == new->n &&
      old->raw[old->n - 1] - old->raw[0] == new->raw[new->n - 1] - new->raw[0] &&
      memcmp (old->t + old->raw[0], new->t + new->raw[0],
              (gsize) (old->raw[old->n - 1] - old->raw[0] + 1) * sizeof (gunichar)) == 0)
    {
      if (old->n < MAX_HITS)
        return TRUE;
      clipper_anchor_pattern_init (&pt, f, m, FALSE);
      clipper_anchor_pattern_search (&pt, old->fold, 0, old->n, k, old_hits, &old_overflow);
      clipper_anchor_pattern_clear (&pt);
      return !old_overflow;
    }
  clipper_anchor_pattern_init (&pt, f, m, FALSE);
  /* Otherwise they read alike (folded) up to the first edit, a good part
   * of them: searched once up to there. */
  clipper_anchor_pattern_search_both (&pt, old->fold, old->n, new->fold, new->n, k, old_hits, &old_overflow,
                                      new_hits, &new_overflow);
  clipper_anchor_pattern_clear (&pt);
  if (old_overflow || new_overflow)
    return FALSE;
  os = twin_shape (old, old_hits, m);
  ns = twin_shape (new, new_hits, m);
  return strcmp (os, ns) == 0;
}

/* Whether the quote at old [s, e) holds a part of a line the old text
 * prints twice or more in a row (TWIN_QUOTE_LETTERS letters of it or
 * more), and the copies of that line do not stand alike between the
 * characters paired around the run in the old text and in the new: as
 * many copies (folded, within a quarter in errors, as edits leave a copy),
 * with a line of other text between the same two.  A copy that went (or
 * came), or moved past other text, changes that; which copy is which,
 * then, only their order could say, and it changed.  A copy that lost
 * (or had rewritten) a part of itself where it stands is still there:
 * the copies' first or last halves, alike in both, keep them.  (The
 * alignment cannot be asked: it leaves copies it cannot tell apart
 * unpaired, or pairs them by walking from one side.) */
static gboolean
twin_lines_rearranged (TextMap *map, gint64 s, gint64 e)
{
  g_autofree gunichar *fl = NULL;
  const TwinLine *tl = NULL;
  TwinLine *run;
  TwinRegion ro, rn;
  gint64 from, to, ml, olo, ohi, lo, hi;
  guint lo_i = 0, hi_i;

  if (map->twins == NULL)
    twin_lines_build (map);
  /* The first line of a run the quote holds enough of. */
  hi_i = map->twins->len;
  while (lo_i < hi_i)
    {
      guint mid = lo_i + (hi_i - lo_i) / 2;

      if (g_array_index (map->twins, TwinLine, mid).b <= s)
        lo_i = mid + 1;
      else
        hi_i = mid;
    }
  for (guint i = lo_i; i < map->twins->len && tl == NULL; i++)
    {
      const TwinLine *t = &g_array_index (map->twins, TwinLine, i);

      if (t->a >= e)
        break;
      if (twin_letters (map->old, MAX (s, t->a), MIN (e, t->b)) >= TWIN_QUOTE_LETTERS)
        tl = t;
    }
  if (tl == NULL)
    return FALSE;
  run = &g_array_index (map->twins, TwinLine, tl->first);
  if (run->verdict != 0)
    return run->verdict == 2;

  from = run->a;
  to = g_array_index (map->twins, TwinLine, tl->first + run->count - 1).b;
  fl = g_new (gunichar, tl->b - tl->a);
  ml = fold_into (map->old, tl->a, tl->b, fl, tl->b - tl->a);
  run->verdict = 2; /* cannot say: assume the worst */
  if (ml > MAX_FUZZY_QUOTE)
    return TRUE;

  /* The text between the paired characters nearest the run. */
  olo = map_prev_paired (map, from - 1, 0);
  if ((ohi = map_next_paired (map, to, map->n_old - 1)) < 0)
    ohi = map->n_old;
  lo = olo >= 0 ? map->o2n[olo] + 1 : 0;
  hi = ohi < map->n_old ? map->o2n[ohi] : map->n_new;
  if (hi <= lo)
    return TRUE;
  twin_region_init (&ro, map->old, olo + 1, ohi);
  twin_region_init (&rn, map->new, lo, hi);
  if (twin_same_shape (&ro, &rn, fl, ml) || twin_same_shape (&ro, &rn, fl, ml / 2) ||
      twin_same_shape (&ro, &rn, fl + ml / 2, ml - ml / 2))
    run->verdict = 1;
  twin_region_clear (&ro);
  twin_region_clear (&rn);
  return run->verdict == 2;
}

/* Makes @res, the place found for the quote at old [s, e), an orphan when
 * it stands on a copy of a twin line that is not where its run was. */
static void
twin_refuse (TextMap *map, gint64 s, gint64 e, ClipperAnchorResult *res)
{
  if (res->kind == CLIPPER_ANCHOR_ORPHAN || !twin_lines_rearranged (map, s, e))
    return;
  WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") refused: it stands on a line printed twice in a row, "
       "whose copies went or moved", s, e);
  res->kind = CLIPPER_ANCHOR_ORPHAN;
  res->start = res->end = -1;
  res->score = 0.0;
  res->n_exact = 0;
}

/* Whether @a (@avail code points from it on) starts with @q within one
 * edit: one character changed, one more or one fewer.  Common prefix and
 * suffix say it without a table: the rest must be that one edit. */
static gboolean
starts_within_one_edit (const gunichar *a, gint64 avail, const gunichar *q, gint64 mq)
{
  gint64 l = 0;

  while (l < mq && l < avail && a[l] == q[l])
    l++;
  if (l == mq)
    return TRUE;
  for (gint64 len = mq - 1; len <= mq + 1; len++)
    {
      gint64 r = 0, need = len < mq ? len : mq - (len == mq ? 1 : 0);
      gint64 lb = MIN (l, MIN (len, mq));

      if (len > avail || len <= 0)
        continue;
      /* Common suffix of a[0, len) and q, not overlapping the prefix. */
      while (r < len - lb && r < mq - lb && a[len - 1 - r] == q[mq - 1 - r])
        r++;
      if (lb + r >= need)
        return TRUE;
    }
  return FALSE;
}

/* A quote of layout (a formula's glyphs on their own indented lines, a
 * table's cells) holds too few letters for a search to vouch for it, and
 * the alignment pairs no whitespace: it is left an orphan though it stands
 * verbatim between its neighbours.  Its whitespace is what tells it apart:
 * when the quote (VERBATIM_WINDOW_MIN code points or more, fewer than
 * SEARCH_MIN_QUOTE of them folded) holds a line break, the new window
 * [ws, we) holds it
 * verbatim, code point for code point, once, and the old text holds
 * nothing else within one edit of it, that copy is the quote's.  An edit's
 * typo could not make it out of other old text (that would take two, where
 * the nearest other text differs), an inserted sentence does not spell out
 * lines and their indentation, and text moved in would be a copy in the old
 * text; nothing of the copy may be paired with other old text.  Old texts
 * under MAP_LONG_TEXT code points: the scan is of all of it.
 *
 * Round twelve: a formula's lines are alike ("x ⏎ ˙", "y ⏎ ˙", "z ⏎ ˙"),
 * so most layout quotes have near copies.  One that still stands verbatim
 * in the new text as often as in the old was not edited into the window's
 * copy (verbatim_near_copy_stays()), so it does not stop the placement;
 * and exact copies are told apart by their order
 * (verbatim_copy_in_order()). */
#define VERBATIM_WINDOW_MIN 12

/* Near copies of a layout quote (within one edit: "x ⏎ ˙" beside the
 * quote's "z ⏎ ˙" in a formula) that map_window_verbatim() asks about;
 * with more, one could hide among the others. */
#define VERBATIM_NEAR_MAX 64

/* Whether @a (@avail code points) can start within one edit of @q (@mq
 * code points), by two of its code points alone: with @f < @l (the
 * quote's first and last glyphs), an edit after @f leaves @a [@f] as
 * @q [@f], and one before @l leaves @q [@l] one code point from there at
 * most (as it was, or shifted by a code point lost or inserted).  A quick
 * test before starts_within_one_edit(), for scanning a whole text. */
static inline gboolean
near_candidate (const gunichar *a, gint64 avail, const gunichar *q, gint64 f, gint64 l)
{
  return a[f] == q[f] || a[l - 1] == q[l] || (l < avail && a[l] == q[l]) || (l + 1 < avail && a[l + 1] == q[l]);
}

/* The first and last code points of @q (@mq) that are not whitespace, in
 * @out_f and @out_l; FALSE when there are not two. */
static gboolean
glyph_edges (const gunichar *q, gint64 mq, gint64 *out_f, gint64 *out_l)
{
  gint64 f = 0, l = mq - 1;

  while (f < mq && g_unichar_isspace (q[f]))
    f++;
  while (l > f && g_unichar_isspace (q[l]))
    l--;
  *out_f = f;
  *out_l = l;
  return f < l;
}

/* Whether the old text's near copy @x of a quote (its @mq code points
 * from where it starts, the stretch any single edit turning it into the
 * quote would change) still stands verbatim in the new text as often as
 * the old text holds it (@n_old times).  Then no edit turned it into the
 * new window's copy of the quote: that would have taken one of its copies
 * away (and only a second coincidence, the quote's own copy edited into
 * exactly it, makes one back).  An exact copy of the quote is never such
 * a near copy: which of two copies a window's is, counting cannot say. */
static gboolean
verbatim_near_copy_stays (ClipperAnchorText *text, const gunichar *x, gint64 mq, gint64 n_old)
{
  gint64 n_new = 0;

  for (gint64 j = 0; j + mq <= text->n && n_new < n_old; j++)
    n_new += text->cps[j] == x[0] && memcmp (text->cps + j, x, (gsize) mq * sizeof (gunichar)) == 0;
  return n_new >= n_old;
}

/* Copies of a layout quote a window may hold (a formula's "∇ ⏎ ⋅" that
 * two of its terms print) for verbatim_copy_in_order() to count. */
#define VERBATIM_COPIES_MAX 8

/* Where @q (@mq code points) stands verbatim in @t [0, @n): up to
 * VERBATIM_COPIES_MAX places, none overlapping the one before, in @at;
 * how many, or -1 when more or overlapping (a run of alike lines). */
static int
verbatim_copies (const gunichar *t, gint64 n, const gunichar *q, gint64 mq, gint64 *at)
{
  int count = 0;

  for (gint64 p = 0; p + mq <= n; p++)
    if (t[p] == q[0] && memcmp (t + p, q, (gsize) mq * sizeof (gunichar)) == 0)
      {
        if (count == VERBATIM_COPIES_MAX || (count > 0 && p < at[count - 1] + mq))
          return -1;
        at[count++] = p;
      }
  return count;
}

/* A layout quote the old text holds verbatim more than once (a formula's
 * "∇ ⏎ ⋅" printed by two of its terms) stands more than once in the new
 * text too, and which copy is the quote's only order can say: as in a
 * window search (step 4), it is the i-th copy in the new text when it was
 * the i-th in the old, the two texts hold as many copies, and between
 * each two copies that follow each other in the new text stands new text
 * paired with old text between the same two copies in the old one, or
 * the same glyphs and words, folded (copies with nothing between them
 * may have moved past each other unseen).  No copy came in or went: the
 * counts are the same, text moved in would be counted in the old text
 * too, and the caller asks that no near copy was edited into one.
 * Returns the new copy, in [@ws, @we), or -1. */
static gint64
verbatim_copy_in_order (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text,
                        gint64 s, gint64 e, gint64 ws, gint64 we)
{
  const gunichar *q = old->cps + s;
  gint64 mq = e - s, oc[VERBATIM_COPIES_MAX], nc[VERBATIM_COPIES_MAX];
  int n_old = verbatim_copies (old->cps, old->n, q, mq, oc);
  int n_new = verbatim_copies (text->cps, text->n, q, mq, nc);
  int i = 0;

  if (n_old < 2 || n_new != n_old)
    return -1;
  while (i < n_old && oc[i] != s)
    i++;
  if (i == n_old || nc[i] < ws || nc[i] + mq > we)
    return -1;
  for (int k = 0; k + 1 < n_new; k++)
    {
      gboolean kept = FALSE;

      for (gint64 j = nc[k] + mq; j < nc[k + 1] && !kept; j++)
        kept = map->n2o[j] >= oc[k] + mq && map->n2o[j] < oc[k + 1];
      /* Or the same glyphs and words (folded) stand between them in both
       * texts: a formula's lines are too alike to pair. */
      if (!kept)
        {
          g_autofree gunichar *fo = NULL;
          g_autofree gunichar *fn = NULL;
          gint64 nfo = clipper_anchor_fold_string (old->cps + oc[k] + mq, oc[k + 1] - oc[k] - mq, &fo);
          gint64 nfn = clipper_anchor_fold_string (text->cps + nc[k] + mq, nc[k + 1] - nc[k] - mq, &fn);

          kept = nfo > 0 && nfo == nfn && memcmp (fo, fn, (gsize) nfo * sizeof (gunichar)) == 0;
        }
      if (!kept)
        return -1;
    }
  return nc[i];
}

/* The new copy in [@ws, @we) of old [@qs, @qe) (the quote at old [@s, @e)
 * or the quote with lines around it), as map_window_verbatim() asks it:
 * verbatim, once, or told apart from its other copies by their order; no
 * other old text within one edit of it that an edit could have made into
 * it; nothing of the quote's part paired with other old text.  Or -1
 * (-2 when the window holds no copy at all). */
static gint64
window_verbatim_copy (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text,
                      gint64 s, gint64 e, gint64 qs, gint64 qe, gint64 ws, gint64 we)
{
  const gunichar *q = old->cps + qs;
  gint64 mq = qe - qs, found = -1, second = -1, near[VERBATIM_NEAR_MAX], f, l;
  guint n_near = 0;
  gboolean copies = FALSE, edges = glyph_edges (q, mq, &f, &l);

  if (we - ws < mq)
    return -1;
  if (!edges)
    f = 0;
  /* (The window first: most often it holds no copy, and the old text
   * need not be scanned.) */
  for (gint64 p = ws; p + mq <= we && second < 0; p++)
    if (text->cps[p + f] == q[f] && memcmp (text->cps + p, q, (gsize) mq * sizeof (gunichar)) == 0)
      {
        if (found < 0)
          found = p;
        else
          second = p;
      }
  if (found < 0)
    return -2;
  /* One pass over the old text: its near copies, and whether it holds the
   * quote again.  (The quote itself, shifted by one, is within one edit
   * of itself.) */
  for (gint64 p = 0; p + mq - 1 <= old->n; p++)
    if ((p < qs - 1 || p > qs + 1) && (!edges || near_candidate (old->cps + p, old->n - p, q, f, l)) &&
        starts_within_one_edit (old->cps + p, old->n - p, q, mq))
      {
        if (p + mq <= old->n && memcmp (old->cps + p, q, (gsize) mq * sizeof (gunichar)) == 0)
          {
            copies = TRUE;
            continue;
          }
        if (n_near == VERBATIM_NEAR_MAX || p + mq > old->n)
          return -1;
        near[n_near++] = p;
      }
  if (copies)
    found = verbatim_copy_in_order (map, old, text, qs, qe, ws, we);
  else if (second >= 0)
    return -1;
  if (found < 0 || map_foreign (map, found + (s - qs), found + (e - qs), s, e) > 0)
    return -1;
  for (guint i = 0; i < n_near; i++)
    {
      gboolean seen = FALSE;
      gint64 n_old = 0;

      /* Each distinct near copy once: how many times the old text holds
       * it is how many of the near places read alike (and the quote's
       * own place shifted by one, left out of them). */
      for (guint j = 0; j < n_near && !seen; j++)
        if (memcmp (old->cps + near[j], old->cps + near[i], (gsize) mq * sizeof (gunichar)) == 0)
          {
            seen = j < i;
            n_old++;
          }
      for (gint64 p = qs - 1; p <= qs + 1 && !seen; p += 2)
        n_old += p >= 0 && p + mq <= old->n &&
                 memcmp (old->cps + p, old->cps + near[i], (gsize) mq * sizeof (gunichar)) == 0;
      if (!seen && !verbatim_near_copy_stays (text, old->cps + near[i], mq, n_old))
        return -1;
    }
  return found;
}

/* Lines around a layout quote at old [@s, @e): back from its start to
 * the start of the nearest line before it that holds more than
 * whitespace (its own first line's start, when the part before the quote
 * does), and on from its end to the end of the nearest such line after
 * it; at most VERBATIM_CONTEXT_LINES line breaks each way, and [@s, @e)
 * itself where none is within them. */
#define VERBATIM_CONTEXT_LINES 4
static void
layout_context_bounds (ClipperAnchorText *old, gint64 s, gint64 e, gint64 *out_xs, gint64 *out_xe)
{
  const gunichar *t = old->cps;
  gint64 xs = s, xe = e;
  gboolean ink = FALSE;
  int breaks = 0;

  while (xs > 0 && !(ink && t[xs - 1] == '\n') && breaks <= VERBATIM_CONTEXT_LINES)
    {
      xs--;
      breaks += t[xs] == '\n';
      ink = ink || !g_unichar_isspace (t[xs]);
    }
  *out_xs = ink ? xs : s;
  ink = FALSE;
  breaks = 0;
  while (xe < old->n && !(ink && t[xe] == '\n') && breaks <= VERBATIM_CONTEXT_LINES)
    {
      breaks += t[xe] == '\n';
      ink = ink || !g_unichar_isspace (t[xe]);
      xe++;
    }
  *out_xe = ink ? xe : e;
}

/* @t [@from, @to) with each run of whitespace (line breaks too) made one
 * space, and none at either end: into @out (as long as the span at
 * most), with the raw index of each of its code points in @raw when not
 * NULL.  Its length. */
static gint64
layout_squeeze (const gunichar *t, gint64 from, gint64 to, gunichar *out, gint64 *raw)
{
  gint64 n = 0;
  gboolean space = FALSE;

  for (gint64 i = from; i < to; i++)
    {
      if (g_unichar_isspace (t[i]))
        {
          space = n > 0;
          continue;
        }
      if (space)
        {
          if (raw != NULL)
            raw[n] = i - 1;
          out[n++] = ' ';
          space = FALSE;
        }
      if (raw != NULL)
        raw[n] = i;
      out[n++] = t[i];
    }
  return n;
}

/* How many times @q (@m code points) stands in @t [0, @n), stopping at
 * @max. */
static gint64
squeezed_count (const gunichar *t, gint64 n, const gunichar *q, gint64 m, gint64 max)
{
  gint64 count = 0;

  for (gint64 j = 0; j + m <= n && count < max; j++)
    count += t[j] == q[0] && memcmp (t + j, q, (gsize) m * sizeof (gunichar)) == 0;
  return count;
}

/* Whether @t [@p, @to) starts with what squeezes to @sq (@m code points,
 * starting with other than a space), without squeezing it. */
static gboolean
squeezed_match_at (const gunichar *t, gint64 p, gint64 to, const gunichar *sq, gint64 m)
{
  gint64 k = 0;

  while (k < m && p < to)
    {
      if (sq[k] == ' ')
        {
          if (!g_unichar_isspace (t[p]))
            return FALSE;
          while (p < to && g_unichar_isspace (t[p]))
            p++;
        }
      else if (t[p++] != sq[k])
        return FALSE;
      k++;
    }
  return k == m;
}

/* A layout quote whose whitespace an edit changed (a space become a tab
 * or a line break, one more space) is not verbatim anywhere, though its
 * glyphs all stand as they stood.  With every run of whitespace made one
 * space, the quote with its lines around it (layout_context_bounds())
 * is asked what map_window_verbatim() asks of it verbatim: the new window
 * holds it once, the old text holds it once and nothing else within one
 * edit of it that does not still stand (squeezed alike) as often in the
 * new text, and nothing of the quote's part in the new text is paired
 * with other old text.  Whitespace edits cannot make it out of other
 * text, squeezed (alike lines that differ only in their whitespace are
 * copies then, and refused); a typo could, one edit away, and that is
 * what the near copies rule out.  Only for a quote that starts and ends
 * with a glyph: its edges are then the same characters in both texts.
 * The place, in [@out_start, @out_end). */
static gboolean
window_layout_squeezed (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text,
                        gint64 s, gint64 e, gint64 ws, gint64 we, gint64 *out_start, gint64 *out_end)
{
  g_autofree gunichar *sq = NULL;
  g_autofree gint64 *sq_raw = NULL;
  g_autofree gunichar *so = NULL;
  g_autofree gunichar *sn = NULL;
  g_autofree gint64 *sn_raw = NULL;
  gint64 xs, xe, m, n_so, n_sn, qs = -1, qe = -1, found = -1, wfrom, wto, f, l;

  if (g_unichar_isspace (old->cps[s]) || g_unichar_isspace (old->cps[e - 1]))
    return FALSE;
  layout_context_bounds (old, s, e, &xs, &xe);
  sq = g_new (gunichar, xe - xs);
  sq_raw = g_new (gint64, xe - xs);
  m = layout_squeeze (old->cps, xs, xe, sq, sq_raw);
  for (gint64 k = 0; k < m; k++)
    {
      if (qs < 0 && sq_raw[k] >= s)
        qs = k;
      if (sq_raw[k] < e)
        qe = k + 1;
    }
  if (m == 0 || qs < 0 || qe <= qs || !glyph_edges (sq, m, &f, &l))
    return FALSE;
  /* The window alone first: most often it holds no such copy (an edit
   * changed a glyph), and neither text need be squeezed whole. */
  {
    int in_window = 0;

    for (gint64 p = ws; p < we && in_window < 2; p++)
      in_window += text->cps[p] == sq[0] && squeezed_match_at (text->cps, p, we, sq, m);
    if (in_window != 1)
      return FALSE;
  }
  so = g_new (gunichar, MAX (old->n, 1));
  n_so = layout_squeeze (old->cps, 0, old->n, so, NULL);
  if (squeezed_count (so, n_so, sq, m, 2) != 1)
    return FALSE;
  sn = g_new (gunichar, MAX (text->n, 1));
  sn_raw = g_new (gint64, MAX (text->n, 1));
  n_sn = layout_squeeze (text->cps, 0, text->n, sn, sn_raw);
  /* The window, squeezed: its first and last code points' places. */
  for (wfrom = 0; wfrom < n_sn && sn_raw[wfrom] < ws; wfrom++)
    ;
  for (wto = wfrom; wto < n_sn && sn_raw[wto] < we; wto++)
    ;
  for (gint64 j = wfrom; j + m <= wto; j++)
    if (sn[j] == sq[0] && memcmp (sn + j, sq, (gsize) m * sizeof (gunichar)) == 0)
      {
        if (found >= 0)
          return FALSE;
        found = j;
      }
  if (found < 0)
    return FALSE;
  {
    gint64 own = -1, n_near = 0;

    /* The old text's copy is the quote's own: where its squeezed form
     * starts, to leave it (and itself shifted by one) out. */
    for (gint64 j = 0; j + m <= n_so && own < 0; j++)
      if (so[j] == sq[0] && memcmp (so + j, sq, (gsize) m * sizeof (gunichar)) == 0)
        own = j;
    for (gint64 p = 0; p + m - 1 <= n_so; p++)
      if ((p < own - 1 || p > own + 1) && near_candidate (so + p, n_so - p, sq, f, l) &&
          starts_within_one_edit (so + p, n_so - p, sq, m))
        {
          gint64 n_old, n_new;

          if (++n_near > VERBATIM_NEAR_MAX || p + m > n_so)
            return FALSE;
          n_old = squeezed_count (so, n_so, so + p, m, G_MAXINT64);
          n_new = squeezed_count (sn, n_sn, so + p, m, n_old);
          if (n_new < n_old)
            return FALSE;
        }
  }
  *out_start = sn_raw[found + qs];
  *out_end = sn_raw[found + qe - 1] + 1;
  return map_foreign (map, *out_start, *out_end, s, e) == 0;
}

static gboolean
map_window_verbatim (const TextMap *map, ClipperAnchorText *old, ClipperAnchorText *text,
                     gint64 s, gint64 e, gint64 ws, gint64 we, gint64 *out_start, gint64 *out_end)
{
  const gunichar *q = old->cps + s;
  gint64 mq = e - s, found = -1;
  gboolean has_break = FALSE;

  if (old->n >= MAP_LONG_TEXT || mq < VERBATIM_WINDOW_MIN || ws < 0 || we > text->n || we - ws < mq)
    return FALSE;
  for (gint64 i = 0; i < mq && !has_break; i++)
    has_break = q[i] == '\n';
  if (!has_break)
    return FALSE;
  /* Only where the window search refuses to look: a quote with letters
   * enough is searched, and its context judged there (a caption's last
   * words can stand verbatim once again after "1 / 5" when the other copy
   * of the caption moved in where this one went). */
  {
    g_autofree gunichar *fq = NULL;

    if (clipper_anchor_fold_string (q, mq, &fq) >= SEARCH_MIN_QUOTE)
      return FALSE;
  }
  found = window_verbatim_copy (map, old, text, s, e, s, e, ws, we);
  /* (-2: not in the window, nor then with its lines around.) */
  if (found == -1)
    {
      gint64 xs, xe;

      /* Its lines, taken with the nearest lines around that hold a glyph,
       * tell apart what the quote alone does not ("∂ ⏎ Y" among "∂ ⏎ X"
       * lines, one of which an edit changed). */
      layout_context_bounds (old, s, e, &xs, &xe);
      if ((xs < s || xe > e) && (found = window_verbatim_copy (map, old, text, s, e, xs, xe, ws, we)) >= 0)
        found += s - xs;
    }
  if (found < 0)
    return window_layout_squeezed (map, old, text, s, e, ws, we, out_start, out_end);
  *out_start = found;
  *out_end = found + mq;
  return TRUE;
}

/**
 * clipper_anchor_locate_all_since:
 * @text: the article's new text
 * @old_text: (nullable): the text the highlights were made on, UTF-8
 * @selectors: (array length=n): the highlights of one article
 * @n: how many
 * @results: (array length=n) (out caller-allocates): where each lands
 *
 * Like clipper_anchor_locate_all(), with the text the highlights' positions
 * refer to.  The two texts are aligned once; a highlight whose quote still
 * stands at its offsets in @old_text is carried through the alignment, and
 * one the alignment shows was deleted is an orphan.  The others (and every
 * highlight when @old_text is %NULL) are searched for as
 * clipper_anchor_locate_all() does, and a place found that way is refused
 * when the alignment shows it holds text from elsewhere in the old text.
 */
void
clipper_anchor_locate_all_since (ClipperAnchorText         *text,
                                 const char                *old_text,
                                 const ClipperTextSelector *selectors,
                                 guint                      n,
                                 ClipperAnchorResult       *results)
{
  ClipperAnchorText *old = NULL;
  Scratch *scratch = NULL;
  g_autoptr (GArray) pairs = NULL;
  g_autoptr (GArray) unpaired = NULL;
  ClipperAnchorText unpaired_index = { 0 }; /* a view of @text: only its index is its own */
  TextMap map = { 0 };
  g_autofree guint8 *has_quote = NULL; /* old_has_quote() of each selector, for the orphans' near */

  g_return_if_fail (text != NULL);
  g_return_if_fail (n == 0 || (selectors != NULL && results != NULL));

  if (old_text == NULL || n == 0)
    {
      clipper_anchor_locate_all (text, selectors, n, results);
      return;
    }

  clipper_anchor_why_refresh ();
  /* The old text and the alignment live for this call only: in the
   * thread's scratch. */
  scratch = clipper_anchor_scratch_acquire ();
  old = clipper_anchor_text_new_scratch (old_text, scratch);
  map.scratch = scratch;
  text_map_build (&map, old, text);
  text_map_fill (&map);
  map.free = g_new0 (MapFree, 1);
  pairs = g_array_new (FALSE, FALSE, sizeof (MapPair));
  has_quote = g_new (guint8, n);

  for (guint i = 0; i < n; i++)
    {
      const ClipperTextSelector *sel = &selectors[i];
      ClipperAnchorResult *res = &results[i];
      gint64 s = sel->start, e = sel->end, ps, pe, count, paired, ws, we, ows, owe;
      gboolean lone = FALSE, verbatim_twice = FALSE;

      if (!(has_quote[i] = old_has_quote (&map, sel->exact, s, e)))
        {
          /* Offsets from some other text (an orphan's, or a caller's
           * mistake): the alignment says nothing about this one. */
          clipper_anchor_locate_with_shift (text, sel, 0, res);
          continue;
        }

      if (map_place (&map, s, e, pairs, FALSE, &ps, &pe, &count, &paired))
        {
          gboolean same = pe - ps == e - s &&
                          memcmp (text->cps + ps, old->cps + s, (gsize) (e - s) * sizeof (gunichar)) == 0;

          if (map_copies_count_changed (&map, s, e, ps) || map_edge_copies_count_changed (&map, s, e))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") carried into copies whose number changed", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
              res->n_exact = 0;
              continue;
            }
          res->start = ps;
          res->end = pe;
          res->kind = !same ? CLIPPER_ANCHOR_FUZZY
                      : ps == s ? CLIPPER_ANCHOR_EXACT_POSITION : CLIPPER_ANCHOR_EXACT_QUOTE;
          res->score = same ? 1.0 : (double) count / (double) (e - s);
          res->n_exact = same ? 1 : 0;
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") placed by the alignment", s, e);
          twin_refuse (&map, s, e, res);
          continue;
        }

      if (paired == 0 && map_verbatim_in_gap (&map, s, e, &ps))
        {
          res->start = ps;
          res->end = ps + (e - s);
          res->kind = ps == s ? CLIPPER_ANCHOR_EXACT_POSITION : CLIPPER_ANCHOR_EXACT_QUOTE;
          res->score = 1.0;
          res->n_exact = 1;
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") verbatim between its neighbours", s, e);
          twin_refuse (&map, s, e, res);
          continue;
        }

      if (paired == 0 && map_deleted (&map, s, e) && !locate_unique_folded (&map, old, text, s, e, FALSE, &ps, &pe))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") shown deleted", s, e);
          res->kind = CLIPPER_ANCHOR_ORPHAN;
          res->start = res->end = -1;
          res->score = 0.0;
          res->n_exact = 0;
          short_context_place (old, text, s, e, res);
          continue;
        }

      if (map_window (&map, s, e, &ws, &we, &ows, &owe) ||
          map_window_from_pairs (&map, pairs, s, e, &ws, &we, &ows, &owe))
        {
          /* Its q-grams occurring once in the old text spare looking for
           * other copies in the old window. */
          OldWindow ow = { old, ows, owe, s, e, map_quote_unique (&map, s, e), map.n2o, paired, &verbatim_twice };

          /* Its old window is searched too, then, and with the new one
           * (their common start once, stopping as soon as the copies
           * settle it: windows_search()) only in a folded old text; else
           * each window is searched to its end, the old one folded apart.
           * Where that window is a quarter of the old text or more (a
           * page of alike paragraphs, whose quotes share it), folding all
           * of the text costs less than searching it whole; in a longer
           * text (most articles) it costs more than the window's search. */
          if (!ow.unique && old->n < MAP_LONG_TEXT && (owe - ows) * 4 >= old->n)
            clipper_anchor_ensure_folded (old);
          clipper_anchor_locate_whole_in (text, sel, map_shift (&map, s), ws, we, NULL, NULL, &ow, res);
          /* (Not for a quote the old text repeats: its thirds would be
           * refused as repeated text after searching.) */
          if (res->kind == CLIPPER_ANCHOR_ORPHAN && map_quote_repeated (&map, s, e) != 1 &&
              map_window_pieces (&map, old, text, s, e, ws, we, ows, owe, &ps, &pe))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") placed by its thirds", s, e);
              res->kind = CLIPPER_ANCHOR_FUZZY;
              res->start = ps;
              res->end = pe;
              res->score = 0.5;
              res->n_exact = 0;
            }
          if (res->kind == CLIPPER_ANCHOR_ORPHAN && map_window_verbatim (&map, old, text, s, e, ws, we, &ps, &pe))
            {
              gboolean same = pe - ps == e - s &&
                              memcmp (text->cps + ps, old->cps + s, (gsize) (e - s) * sizeof (gunichar)) == 0;

              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") verbatim once in its window%s", s, e,
                   same ? "" : " (its whitespace aside)");
              res->kind = !same ? CLIPPER_ANCHOR_FUZZY
                          : ps == s ? CLIPPER_ANCHOR_EXACT_POSITION : CLIPPER_ANCHOR_EXACT_QUOTE;
              res->start = ps;
              res->end = pe;
              res->score = same ? 1.0 : 0.5;
              res->n_exact = same ? 1 : 0;
            }
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && map_search_first_line_moved_copy (&map, s, e, ows, owe))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: its first line may be a "
                       "copy that moved in", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && map_search_first_line_copies_changed (&map, s, e, res->start))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: its first line stands in "
                       "copies whose number changed", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && map_place_elsewhere (&map, res->start, res->end, ows, owe, FALSE))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: it stands among "
                       "another passage's text", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && map_place_elsewhere (&map, res->start, res->end, ows, owe, TRUE))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: it stands on "
                       "another passage's line", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") searched in [%" G_GINT64_FORMAT ", %"
                   G_GINT64_FORMAT "): %s", s, e, ws, we, res->kind == CLIPPER_ANCHOR_ORPHAN ? "orphan" : "placed");
        }
      else
        {
          if (unpaired == NULL)
            {
              /* Folded once for all searches. */
              unpaired = map_unpaired_regions (&map);
              clipper_anchor_ensure_folded (text);
              for (guint r = 0; r < unpaired->len; r++)
                g_array_index (unpaired, gint64, r) = clipper_anchor_raw_to_fold (text, g_array_index (unpaired, gint64, r));
            }
          int repeated = old->n >= MAP_LONG_TEXT ? map_quote_repeated (&map, s, e) : -1;

          /* Found anywhere, it is the one only if the old text had it once;
           * in a long text its q-grams tell before searching, and a quote
           * too short to have any is taken as repeated (a few words recur
           * in a long text; indexing all of the old text to be sure costs
           * more than the rest of the re-anchoring). */
          if (old->n >= MAP_LONG_TEXT && repeated < 0)
            repeated = 1;
          if (repeated == 1)
            {
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
              res->n_exact = 0;
            }
          else
            clipper_anchor_locate_whole_in (text, sel, map_shift (&map, s), -1, -1, unpaired, &unpaired_index, NULL, res);
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && map_quote_overlaps_itself (&map, s, e))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: the old text holds it "
                       "again, shifted", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          if (res->kind != CLIPPER_ANCHOR_ORPHAN && repeated < 0 && old_quote_repeated (old, s, e))
            {
              WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: the old text repeats it", s, e);
              res->kind = CLIPPER_ANCHOR_ORPHAN;
              res->start = res->end = -1;
              res->score = 0.0;
            }
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") searched: %s", s, e,
                   res->kind == CLIPPER_ANCHOR_ORPHAN ? "orphan" : "placed");
        }
      /* (Most orphans of a window search stand among copies of
       * themselves, and the search saw the old text hold the folded quote
       * twice: not once, whatever locate_unique_folded() would scan the
       * old text for.) */
      if (res->kind == CLIPPER_ANCHOR_ORPHAN && locate_unique_folded (&map, old, text, s, e, verbatim_twice, &ps, &pe))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") once in each text", s, e);
          res->start = ps;
          res->end = pe;
          res->kind = pe - ps == e - s && memcmp (text->cps + ps, old->cps + s, (gsize) (e - s) * sizeof (gunichar)) == 0
                      ? CLIPPER_ANCHOR_EXACT_QUOTE : CLIPPER_ANCHOR_FUZZY;
          res->score = res->kind == CLIPPER_ANCHOR_EXACT_QUOTE ? 1.0 : 0.5;
          res->n_exact = res->kind == CLIPPER_ANCHOR_EXACT_QUOTE ? 1 : 0;
        }
      if (res->kind == CLIPPER_ANCHOR_ORPHAN && map_between_neighbours (&map, old, s, e, &ps, &pe))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") between its neighbours", s, e);
          res->start = ps;
          res->end = pe;
          res->kind = CLIPPER_ANCHOR_FUZZY;
          res->score = 0.5;
          res->n_exact = 0;
        }
      /* Folded matching is blind to punctuation and whitespace: a place
       * found by searching that is less than half as long as the quote
       * leaves out most of what was selected (a table of contents' dot
       * leaders, changed punctuation and all). */
      if (res->kind != CLIPPER_ANCHOR_ORPHAN && (res->end - res->start) * 2 < e - s)
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: less than half of the quote's length", s, e);
          res->kind = CLIPPER_ANCHOR_ORPHAN;
          res->start = res->end = -1;
          res->score = 0.0;
        }
      if (res->kind != CLIPPER_ANCHOR_ORPHAN &&
          (map_foreign (&map, res->start, res->end, s, e) > MAP_FOREIGN_MAX ||
           map_joins_parts (&map, pairs, s, e, res->start, res->end) ||
           search_lines_disagree (&map, s, e, res->start, res->end)))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: %s", s, e,
                   map_foreign (&map, res->start, res->end, s, e) > MAP_FOREIGN_MAX ? "it holds old text from elsewhere"
                   : map_joins_parts (&map, pairs, s, e, res->start, res->end) ? "it joins parts the alignment keeps apart"
                   : "its lines disagree with the quote's");
          res->kind = CLIPPER_ANCHOR_ORPHAN;
          res->start = res->end = -1;
          res->score = 0.0;
        }
      if (res->kind != CLIPPER_ANCHOR_ORPHAN && res->kind != CLIPPER_ANCHOR_EXACT_QUOTE &&
          search_reach_own_word (&map, s, e, &res->start, &res->end))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search's place reaches out to the quote's own "
                   "edge word", s, e);
          res->kind = CLIPPER_ANCHOR_FUZZY;
        }
      if (res->kind != CLIPPER_ANCHOR_ORPHAN && res->kind != CLIPPER_ANCHOR_EXACT_QUOTE &&
          search_edge_reads_other_line (&map, s, e, res->start, res->end))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: its edge line is another "
                   "line's", s, e);
          res->kind = CLIPPER_ANCHOR_ORPHAN;
          res->start = res->end = -1;
          res->score = 0.0;
        }
      ps = res->start, pe = res->end;
      if (res->kind != CLIPPER_ANCHOR_ORPHAN && res->kind != CLIPPER_ANCHOR_EXACT_QUOTE &&
          search_extend_to_own_edge (&map, s, e, &ps, &pe, &lone) && !lone)
        {
          /* (Judged again as a searched place: what it took in must not
           * be another passage's.) */
          gboolean refused = map_foreign (&map, ps, pe, s, e) > MAP_FOREIGN_MAX ||
                             map_joins_parts (&map, pairs, s, e, ps, pe) ||
                             search_lines_disagree (&map, s, e, ps, pe);

          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search's place reaches out to the quote's own "
                   "paired edge: %s", s, e, refused ? "refused" : "placed");
          res->kind = refused ? CLIPPER_ANCHOR_ORPHAN : CLIPPER_ANCHOR_FUZZY;
          res->start = refused ? -1 : ps;
          res->end = refused ? -1 : pe;
          res->score = refused ? 0.0 : 0.5;
        }
      else if (res->kind != CLIPPER_ANCHOR_ORPHAN && res->kind != CLIPPER_ANCHOR_EXACT_QUOTE && lone)
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") search refused: a letter or two of the quote "
                   "paired beyond unpaired text at its edge", s, e);
          res->kind = CLIPPER_ANCHOR_ORPHAN;
          res->start = res->end = -1;
          res->score = 0.0;
        }
      twin_refuse (&map, s, e, res);
      /* Last, two parts of the quote that only caution keeps apart, with
       * text inserted between them inside the quote (a sentence, the
       * quote's own words there edited too, a line break reflowed in it:
       * map_gap_inserted_inside()), are one part, placed as the alignment
       * places one (not for a quote the old text repeats: a part may be
       * another copy's). */
      if (res->kind == CLIPPER_ANCHOR_ORPHAN && paired > 1 && map_quote_repeated (&map, s, e) != 1 &&
          map_place (&map, s, e, pairs, TRUE, &ps, &pe, &count, &paired) &&
          !map_copies_count_changed (&map, s, e, ps) && !map_edge_copies_count_changed (&map, s, e))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") placed by the alignment across text inserted "
                   "inside it", s, e);
          res->start = ps;
          res->end = pe;
          res->kind = CLIPPER_ANCHOR_FUZZY;
          res->score = (double) count / (double) (e - s);
          res->n_exact = 0;
          twin_refuse (&map, s, e, res);
        }
      /* And one side paired, with a sentence inserted right beside it
       * inside the quote and the rest beyond (map_beyond_inserted()). */
      if (res->kind == CLIPPER_ANCHOR_ORPHAN && paired > 0 && map_beyond_inserted (&map, s, e, &ps, &pe))
        {
          WHY ("why: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") one side paired, the rest beyond a sentence "
                   "inserted beside it", s, e);
          res->start = ps;
          res->end = pe;
          res->kind = CLIPPER_ANCHOR_FUZZY;
          res->score = 0.5;
          res->n_exact = 0;
          twin_refuse (&map, s, e, res);
        }
      /* And a short quote between its old context (short_between_context()). */
      if (res->kind == CLIPPER_ANCHOR_ORPHAN)
        short_context_place (old, text, s, e, res);
    }

  /* Orphans whose offsets were the old text's: where those stand now. */
  for (guint i = 0; i < n; i++)
    results[i].near = results[i].kind == CLIPPER_ANCHOR_ORPHAN && has_quote[i] ? map_near (&map, selectors[i].start) : -1;

  text_map_clear (&map);
  g_free (unpaired_index.index_start);
  g_free (unpaired_index.index_pos);
  clipper_anchor_text_free (old);
  clipper_anchor_scratch_release (scratch);
}
