/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for re-anchoring: an article's text is whatever a page
 * held, and the next fetch may hold anything, so any text goes in on both
 * sides.  The input is the old text, then optionally a NUL byte and the
 * new text; without one, the new text is the old one edited by the
 * bench's edit simulator (tests/anchor/anchor-edits.h: typos, inserted
 * words and sentences, reflowed whitespace, deleted and moved paragraphs),
 * seeded from the input, so that the two texts are alike and the
 * alignment's paths are reached.  Highlights are picked in the old text
 * from the same seed, some of them with offsets that do not hold their
 * quote (an orphan's, from an older text).
 *
 * Nothing may crash, leak, hang or raise a warning, and every answer must
 * be one the store can keep: a placement within the new text, an exact one
 * holding the quote verbatim, every highlight of an unchanged text exactly
 * where it was; the same for the matcher without the old text and for the
 * suggestion offered for an orphan.
 */
#define G_LOG_DOMAIN "fuzz-anchor"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-reanchor.h"
#include "anchor-edits.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* At most this many highlights an input, each at most this long (but
 * see below). */
#define MAX_HIGHLIGHTS 12
#define MAX_QUOTE      400

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_writer_func (fuzz_fatal_writer, NULL, NULL);
  return 0;
}

/* The same as the store would keep it: valid UTF-8, no NUL. */
static char *
valid_text (const uint8_t *data, size_t size)
{
  return g_utf8_make_valid ((const char *) data, (gssize) size);
}

/* A placement the store can keep, and an exact one that holds the quote;
 * with @kept_offsets, EXACT_POSITION is at the stored offsets (without the
 * old text it may be at them moved by what the highlights before moved). */
static void
check_result (ClipperAnchorText *text, const ClipperTextSelector *sel, const ClipperAnchorResult *r,
              gboolean kept_offsets)
{
  gint64 n = clipper_anchor_text_get_length (text);

  if (r->kind == CLIPPER_ANCHOR_ORPHAN)
    {
      gint64 os, oe;

      g_assert_cmpint (r->start, ==, -1);
      g_assert_cmpint (r->end, ==, -1);
      /* Where its passage would be: in the text, and the offsets the
       * library then keeps a range of it. */
      g_assert_cmpint (r->near, >=, -1);
      g_assert_cmpint (r->near, <=, n);
      if (clipper_reanchor_orphan_range (text, r, sel, &os, &oe))
        {
          g_assert_cmpint (os, >=, 0);
          g_assert_cmpint (os, <, oe);
          g_assert_cmpint (oe, <=, n);
        }
      return;
    }
  g_assert_cmpint (r->near, ==, -1);
  g_assert_cmpint (r->kind, >=, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (r->kind, <=, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (r->start, >=, 0);
  g_assert_cmpint (r->start, <, r->end);
  g_assert_cmpint (r->end, <=, n);
  g_assert_true (r->score >= 0.0 && r->score <= 1.0);
  if (r->kind != CLIPPER_ANCHOR_FUZZY)
    {
      g_autofree char *got = clipper_anchor_text_slice (text, r->start, r->end);

      g_assert_cmpstr (got, ==, sel->exact);
    }
  if (r->kind == CLIPPER_ANCHOR_EXACT_POSITION && kept_offsets)
    {
      g_assert_cmpint (r->start, ==, sel->start);
      g_assert_cmpint (r->end, ==, sel->end);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *nul = memchr (data, 0, size);
  g_autofree char *old = valid_text (data, nul != NULL ? (size_t) (nul - data) : size);
  g_autofree char *new = NULL;
  g_autoptr (ClipperAnchorText) old_t = NULL;
  g_autoptr (ClipperAnchorText) new_t = NULL;
  g_autoptr (GRand) rand = NULL;
  ClipperTextSelector sels[MAX_HIGHLIGHTS];
  ClipperAnchorResult res[MAX_HIGHLIGHTS];
  char *owned[MAX_HIGHLIGHTS][3] = { { NULL } };
  gboolean stale[MAX_HIGHLIGHTS] = { FALSE };
  gint64 n_old;
  guint n_sel = 0;
  guint32 seed;

  if (old[0] == '\0')
    return 0;
  seed = (guint32) g_str_hash (old) ^ (guint32) size;
  rand = g_rand_new_with_seed (seed);
  old_t = clipper_anchor_text_new (old);
  n_old = clipper_anchor_text_get_length (old_t);

  if (nul != NULL)
    new = valid_text (nul + 1, size - (size_t) (nul - data) - 1);
  else if (g_rand_int_range (rand, 0, 8) == 0)
    new = g_strdup (old); /* unchanged: everything stays exactly where it was */
  else
    {
      g_autofree gunichar *cps = g_utf8_to_ucs4_fast (old, -1, NULL);
      EditText et;
      int rounds = g_rand_int_range (rand, 1, 4);

      edits_init (&et, cps, n_old, seed);
      /* The simulator's rates are per thousand characters; short inputs
       * get a few edits of each kind too. */
      for (int i = 0; i < rounds; i++)
        {
          edits_apply (&et, EDITS_HEAVY);
          if (et.chars->len > 2)
            edits_typo (&et);
          edits_insert_word (&et);
          edits_reflow (&et);
          if (g_rand_boolean (rand))
            edits_move_paragraph (&et);
          if (g_rand_int_range (rand, 0, 4) == 0)
            edits_delete_paragraph (&et);
        }
      new = edits_dup_text (&et);
      edits_clear (&et);
    }
  new_t = clipper_anchor_text_new (new);

  for (guint i = 0; i < MAX_HIGHLIGHTS && n_sel < 1 + (guint) (seed % MAX_HIGHLIGHTS); i++)
    {
      gint64 s = g_rand_int_range (rand, 0, (gint32) MIN (n_old, G_MAXINT32 - 1));
      /* The first highlight of one input in eight may run on to the text's
       * end: a quote too long to match as a whole is placed, and
       * suggested, by its pieces. */
      gint64 reach = i == 0 && seed % 8 == 7 ? n_old - s : MAX_QUOTE;
      gint64 len = 1 + g_rand_int_range (rand, 0, (gint32) MIN (n_old - s, MIN (reach, G_MAXINT32 - 1)));
      ClipperTextSelector *sel = &sels[n_sel];

      owned[n_sel][0] = clipper_anchor_text_slice (old_t, s, s + len);
      if (g_rand_int_range (rand, 0, 4) != 0)
        clipper_anchor_text_context (old_t, s, s + len, &owned[n_sel][1], &owned[n_sel][2]);
      *sel = (ClipperTextSelector) { owned[n_sel][0], owned[n_sel][1], owned[n_sel][2], s, s + len };
      /* An orphan's offsets are those of an older text: they may hold
       * anything, or lie beyond this one, or be unknown. */
      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          stale[n_sel] = TRUE;
          if (g_rand_boolean (rand))
            sel->start = sel->end = -1;
          else
            {
              sel->start = g_rand_int_range (rand, 0, (gint32) MIN (2 * n_old + 1, G_MAXINT32 - 1));
              sel->end = sel->start + len;
            }
        }
      n_sel++;
    }

  clipper_anchor_locate_all_since (new_t, old, sels, n_sel, res);
  for (guint i = 0; i < n_sel; i++)
    {
      check_result (new_t, &sels[i], &res[i], TRUE);
      if (!stale[i] && strcmp (old, new) == 0)
        g_assert_cmpint (res[i].kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
    }

  clipper_anchor_locate_all (new_t, sels, n_sel, res);
  for (guint i = 0; i < n_sel; i++)
    check_result (new_t, &sels[i], &res[i], FALSE);

  for (guint i = 0; i < n_sel; i++)
    if (res[i].kind == CLIPPER_ANCHOR_ORPHAN)
      {
        ClipperAnchorResult sg;

        /* Both ways: offsets of this text or of another page. */
        if (clipper_anchor_suggest (new_t, &sels[i], i % 2 == 0, &sg))
          check_result (new_t, &sels[i], &sg, FALSE);
        else
          g_assert_cmpint (sg.kind, ==, CLIPPER_ANCHOR_ORPHAN);
      }

  for (guint i = 0; i < n_sel; i++)
    for (guint j = 0; j < 3; j++)
      g_free (owned[i][j]);
  return 0;
}
