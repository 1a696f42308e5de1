/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeded random edits of a text that remember where every original
 * character went, shared by the anchoring property test and bench-anchor.
 *
 * A highlight of original code points [s, e) "lands correctly" on the
 * edited text when it lands on one of its parts that survived: a "run"
 * of surviving characters of [s, e) in the edited text, in their original
 * order (runs may contain inserted text and lose deleted text; they break
 * where original text from outside [s, e) comes between, as when a
 * paragraph moves away from the rest).  The run must hold at least a third
 * of the surviving characters (not a stray word of a highlight that is
 * mostly elsewhere); the placement must cover at least half of the run's
 * surviving characters, and take in at most EDITS_TOLERANCE code points
 * from outside the run that are not surviving characters of [s, e) either.
 * (So a highlight that a sentence was inserted into may land on its old
 * words without the new sentence, but it may never take in text that was
 * not part of it.)  A highlight with no surviving character can only be
 * right as an orphan.
 *
 * Everything here is static: the file is included by each program.
 */
#pragma once

#include <glib.h>
#include <string.h>

#define EDITS_TOLERANCE 8

typedef struct {
  gunichar c;
  gint32   origin; /* index in the original text, -1 for inserted text */
} EditChar;

typedef enum {
  EDITS_LIGHT,
  EDITS_MEDIUM,
  EDITS_HEAVY,
  EDITS_N_STRENGTHS
} EditStrength;

static const char *const edits_strength_names[] = { "light", "medium", "heavy" };

typedef struct {
  GArray *chars;  /* EditChar */
  GRand  *rand;
} EditText;

static G_GNUC_UNUSED void
edits_init (EditText *et, const gunichar *cps, gint64 n, guint32 seed)
{
  et->chars = g_array_sized_new (FALSE, FALSE, sizeof (EditChar), (guint) n + 1024);
  for (gint64 i = 0; i < n; i++)
    {
      EditChar ec = { cps[i], (gint32) i };
      g_array_append_val (et->chars, ec);
    }
  et->rand = g_rand_new_with_seed (seed);
}

static G_GNUC_UNUSED void
edits_clear (EditText *et)
{
  g_clear_pointer (&et->chars, g_array_unref);
  g_clear_pointer (&et->rand, g_rand_free);
}

static inline gunichar
edits_at (EditText *et, guint i)
{
  return g_array_index (et->chars, EditChar, i).c;
}

static void
edits_insert_utf8 (EditText *et, guint pos, const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      EditChar ec = { g_utf8_get_char (p), -1 };
      g_array_insert_val (et->chars, pos++, ec);
    }
}

/* A random position just after a space (a word start), or 0. */
static guint
edits_word_start (EditText *et)
{
  guint len = et->chars->len;

  if (len == 0)
    return 0;
  for (int tries = 0; tries < 64; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 1, (gint32) MAX (len, 2));
      if (i < len && g_unichar_isspace (edits_at (et, i - 1)) && !g_unichar_isspace (edits_at (et, i)))
        return i;
    }
  return 0;
}

/* Fixes a "typo": changes, drops or doubles one letter inside a word. */
static void
edits_typo (EditText *et)
{
  guint len = et->chars->len;

  for (int tries = 0; tries < 64 && len > 2; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 1, (gint32) len - 1);
      EditChar *ec = &g_array_index (et->chars, EditChar, i);

      if (!g_unichar_isalpha (ec->c) || !g_unichar_isalpha (edits_at (et, i - 1)))
        continue;
      switch (g_rand_int_range (et->rand, 0, 3))
        {
        case 0:
          ec->c = 'a' + (gunichar) g_rand_int_range (et->rand, 0, 26);
          ec->origin = -1;
          break;
        case 1:
          g_array_remove_index (et->chars, i);
          break;
        default:
          {
            EditChar dup = { ec->c, -1 };
            g_array_insert_val (et->chars, i, dup);
          }
          break;
        }
      return;
    }
}

static const char *const edits_words[] = {
  "indeed", "however", "the", "report", "said", "that", "many", "of", "these", "were",
  "later", "found", "to", "be", "quite", "different", "from", "what", "was", "expected",
  "in", "practice", "which", "is", "why", "we", "note", "it", "here", "again",
};

/* Inserts a made-up sentence at a word start. */
static void
edits_insert_sentence (EditText *et)
{
  GString *s = g_string_new (NULL);
  guint pos = edits_word_start (et);
  int words = g_rand_int_range (et->rand, 4, 14);

  for (int w = 0; w < words; w++)
    {
      const char *word = edits_words[g_rand_int_range (et->rand, 0, G_N_ELEMENTS (edits_words))];
      g_string_append (s, word);
      g_string_append (s, w + 1 < words ? " " : ". ");
    }
  s->str[0] = g_ascii_toupper (s->str[0]);
  edits_insert_utf8 (et, pos, s->str);
  g_string_free (s, TRUE);
}

/* Inserts one word inside a sentence. */
static void
edits_insert_word (EditText *et)
{
  guint pos = edits_word_start (et);
  g_autofree char *w = g_strdup_printf ("%s ", edits_words[g_rand_int_range (et->rand, 0, G_N_ELEMENTS (edits_words))]);

  edits_insert_utf8 (et, pos, w);
}

/* Changes one run of whitespace: a line break, two spaces, or none between
 * a sentence end and the next. */
static void
edits_reflow (EditText *et)
{
  guint len = et->chars->len;

  for (int tries = 0; tries < 64 && len > 2; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 1, (gint32) len - 1);
      EditChar *ec = &g_array_index (et->chars, EditChar, i);

      if (!g_unichar_isspace (ec->c))
        continue;
      switch (g_rand_int_range (et->rand, 0, 3))
        {
        case 0:
          ec->c = ec->c == '\n' ? ' ' : '\n';
          break;
        case 1:
          {
            EditChar sp = { ' ', -1 };
            g_array_insert_val (et->chars, i, sp);
          }
          break;
        default:
          ec->c = '\t';
          break;
        }
      return;
    }
}

/* Changes punctuation: a comma becomes a semicolon or goes, a straight
 * quote becomes a curly one, a full stop becomes an exclamation mark. */
static void
edits_punctuate (EditText *et)
{
  guint len = et->chars->len;

  for (int tries = 0; tries < 256 && len > 2; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 0, (gint32) len);
      EditChar *ec = &g_array_index (et->chars, EditChar, i);

      switch (ec->c)
        {
        case ',':
          if (g_rand_boolean (et->rand))
            ec->c = ';';
          else
            g_array_remove_index (et->chars, i);
          return;
        case '"':
          ec->c = 0x201C;
          return;
        case '\'':
          ec->c = 0x2019;
          return;
        case '.':
          ec->c = '!';
          return;
        case '-':
          ec->c = 0x2014;
          return;
        default:
          break;
        }
    }
}

/* [start, end) of a random paragraph (text between line breaks), or FALSE. */
static gboolean
edits_paragraph (EditText *et, guint *out_start, guint *out_end)
{
  guint len = et->chars->len;
  guint s, e;

  if (len < 2)
    return FALSE;
  for (int tries = 0; tries < 16; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 0, (gint32) len);

      for (s = i; s > 0 && edits_at (et, s - 1) != '\n'; s--)
        ;
      for (e = i; e < len && edits_at (et, e) != '\n'; e++)
        ;
      if (e < len)
        e++; /* take the line break along */
      /* Whole paragraphs of a sensible size; a "paragraph" that is most
       * of the text (no line breaks) is not one. */
      if (e - s >= 20 && e - s <= MAX (len / 4, 400))
        {
          *out_start = s;
          *out_end = e;
          return TRUE;
        }
    }
  return FALSE;
}

static void
edits_delete_paragraph (EditText *et)
{
  guint s, e;

  if (edits_paragraph (et, &s, &e))
    g_array_remove_range (et->chars, s, e - s);
}

static void
edits_move_paragraph (EditText *et)
{
  guint s, e, to;
  g_autoptr (GArray) para = NULL;

  if (!edits_paragraph (et, &s, &e))
    return;
  para = g_array_sized_new (FALSE, FALSE, sizeof (EditChar), e - s);
  g_array_append_vals (para, &g_array_index (et->chars, EditChar, s), e - s);
  g_array_remove_range (et->chars, s, e - s);
  /* After a line break elsewhere, so it stays a paragraph. */
  to = 0;
  for (int tries = 0; tries < 64; tries++)
    {
      guint i = (guint) g_rand_int_range (et->rand, 0, (gint32) MAX (et->chars->len, 1));
      if (i > 0 && i < et->chars->len && edits_at (et, i - 1) == '\n')
        {
          to = i;
          break;
        }
    }
  g_array_insert_vals (et->chars, to, para->data, para->len);
}

/* Applies a random mix of edits whose number scales with the text length. */
static G_GNUC_UNUSED void
edits_apply (EditText *et, EditStrength strength)
{
  /* Per 1,000 characters: typos, words, whitespace, punctuation; per
   * 10,000: sentences, deleted and moved paragraphs. */
  static const double rates[EDITS_N_STRENGTHS][7] = {
    { 0.5, 0.3, 0.5, 0.3, 1.0, 0.5, 0.5 },
    { 2.0, 1.0, 2.0, 1.0, 3.0, 2.0, 2.0 },
    { 6.0, 3.0, 6.0, 3.0, 8.0, 5.0, 5.0 },
  };
  const double *r = rates[strength];
  double k1 = et->chars->len / 1000.0;
  double k10 = et->chars->len / 10000.0;
  int n[7];
  int total = 0;

  for (int i = 0; i < 7; i++)
    {
      double want = r[i] * (i < 4 ? k1 : k10);
      /* Random rounding keeps small texts edited at the right rate on average. */
      n[i] = (int) want + (g_rand_double (et->rand) < want - (int) want ? 1 : 0);
      total += n[i];
    }

  /* Interleaved so that later edits see earlier ones. */
  while (total > 0)
    {
      int pick = g_rand_int_range (et->rand, 0, total);
      int which = 0;

      while (pick >= n[which])
        pick -= n[which++];
      n[which]--;
      total--;
      switch (which)
        {
        case 0: edits_typo (et); break;
        case 1: edits_insert_word (et); break;
        case 2: edits_reflow (et); break;
        case 3: edits_punctuate (et); break;
        case 4: edits_insert_sentence (et); break;
        case 5: edits_delete_paragraph (et); break;
        default: edits_move_paragraph (et); break;
        }
    }
}

/* The edited text as UTF-8. */
static G_GNUC_UNUSED char *
edits_dup_text (EditText *et)
{
  GString *s = g_string_sized_new (et->chars->len + 16);

  for (guint i = 0; i < et->chars->len; i++)
    g_string_append_unichar (s, edits_at (et, i));
  return g_string_free (s, FALSE);
}

/* Where original [s, e) went: the runs described at the top of this
 * file, as [start, end) pairs in @runs (may be NULL), with the number of
 * surviving characters of each in @counts.  Returns the total number of
 * surviving characters; 0 when nothing of [s, e) survived. */
static G_GNUC_UNUSED gint64
edits_runs (EditText *et, gint64 s, gint64 e, GArray *runs, GArray *counts)
{
  gint64 run_s = -1, run_e = -1, run_count = 0, last_origin = -1, total = 0;

  for (guint i = 0; i <= et->chars->len; i++)
    {
      gint32 o = i < et->chars->len ? g_array_index (et->chars, EditChar, i).origin : G_MAXINT32;

      if (o < 0)
        continue; /* inserted text neither extends nor breaks a run */
      if (o < s || o >= e || (run_s >= 0 && o <= last_origin))
        {
          if (run_s >= 0)
            {
              gint64 pair[2] = { run_s, run_e };
              if (runs != NULL)
                g_array_append_vals (runs, pair, 2);
              if (counts != NULL)
                g_array_append_val (counts, run_count);
            }
          run_s = -1;
          if (o < s || o >= e)
            continue;
        }
      if (run_s < 0)
        run_s = i, run_count = 0;
      run_e = i + 1;
      run_count++;
      total++;
      last_origin = o;
    }
  return total;
}

/* The largest run (see above); FALSE when nothing of [s, e) survived. */
static G_GNUC_UNUSED gboolean
edits_target (EditText *et, gint64 s, gint64 e, gint64 *out_start, gint64 *out_end)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 best = -1;

  if (edits_runs (et, s, e, runs, counts) == 0)
    return FALSE;
  for (guint r = 0; r < counts->len; r++)
    if (best < 0 || g_array_index (counts, gint64, r) > g_array_index (counts, gint64, best))
      best = r;
  *out_start = g_array_index (runs, gint64, 2 * best);
  *out_end = g_array_index (runs, gint64, 2 * best + 1);
  return TRUE;
}

/* The rule at the top of this file, for placement [ps, pe) of original
 * [s, e). */
static G_GNUC_UNUSED gboolean
edits_lands_correctly (EditText *et, gint64 s, gint64 e, gint64 ps, gint64 pe)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 total = edits_runs (et, s, e, runs, counts);

  for (guint r = 0; r < counts->len; r++)
    {
      gint64 ts = g_array_index (runs, gint64, 2 * r);
      gint64 te = g_array_index (runs, gint64, 2 * r + 1);
      gint64 surviving = g_array_index (counts, gint64, r);
      gint64 covered = 0, stray = 0;

      if (surviving * 3 < total || pe <= ts || ps >= te)
        continue;
      for (gint64 i = ps; i < pe; i++)
        {
          gint32 o = g_array_index (et->chars, EditChar, i).origin;

          if ((i < ts || i >= te) && (o < s || o >= e))
            stray++;
        }
      for (gint64 i = MAX (ts, ps); i < MIN (te, pe); i++)
        {
          gint32 o = g_array_index (et->chars, EditChar, i).origin;
          covered += o >= s && o < e ? 1 : 0;
        }
      if (stray <= EDITS_TOLERANCE && covered * 2 >= surviving)
        return TRUE;
    }
  return FALSE;
}
