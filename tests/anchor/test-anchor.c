/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anchoring over real texts: each case takes a highlight on one text, edits
 * the text the way articles change, and checks where the highlight lands
 * (or that it is an orphan).
 */
#define G_LOG_DOMAIN "test-anchor"

#include "clipper-anchor.h"
#include "clipper-anchor-private.h"

#include "anchor-edits.h"

#include <stdlib.h>

/* Offsets in code points of the first occurrence of @needle in @hay
 * (-1 if absent), so tests can say where they expect a quote. */
static gint64
cp_index (const char *hay, const char *needle)
{
  const char *p = strstr (hay, needle);

  if (p == NULL)
    return -1;
  return g_utf8_pointer_to_offset (hay, p);
}

static gint64
cp_index_nth (const char *hay, const char *needle, int nth)
{
  const char *p = hay;

  for (int i = 0; p != NULL; i++)
    {
      p = strstr (p, needle);
      if (p == NULL)
        return -1;
      if (i == nth)
        return g_utf8_pointer_to_offset (hay, p);
      p++;
    }
  return -1;
}

typedef struct {
  char *exact, *prefix, *suffix;
  ClipperTextSelector sel;
} Sel;

/* A selector as the app makes it: the quote at [start, end) of @text with
 * the context around it. */
static void
sel_make (Sel *s, const char *text, gint64 start, gint64 end)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (text);

  g_assert_cmpint (start, >=, 0);
  s->exact = clipper_anchor_text_slice (t, start, end);
  clipper_anchor_text_context (t, start, end, &s->prefix, &s->suffix);
  s->sel = (ClipperTextSelector) { s->exact, s->prefix, s->suffix, start, end };
}

static void
sel_clear (Sel *s)
{
  g_free (s->exact);
  g_free (s->prefix);
  g_free (s->suffix);
}

static void
locate (const char *text, const ClipperTextSelector *sel, ClipperAnchorResult *res)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (text);

  clipper_anchor_locate (t, sel, res);
}

/* The highlight made on @before over @quote (its @nth occurrence) lands on
 * @after at @want (its @want_nth occurrence) with @kind. */
static void
check_moves (const char *before, const char *quote, int nth,
             const char *after, const char *want, int want_nth,
             ClipperAnchorKind kind)
{
  Sel s;
  ClipperAnchorResult res;
  gint64 start = cp_index_nth (before, quote, nth);

  sel_make (&s, before, start, start + g_utf8_strlen (quote, -1));
  locate (after, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, kind);
  if (kind == CLIPPER_ANCHOR_ORPHAN)
    {
      g_assert_cmpint (res.start, ==, -1);
    }
  else
    {
      gint64 ws = cp_index_nth (after, want, want_nth);
      g_assert_cmpint (ws, >=, 0);
      g_assert_cmpint (res.start, ==, ws);
      g_assert_cmpint (res.end, ==, ws + g_utf8_strlen (want, -1));
    }
  sel_clear (&s);
}

static const char *article =
  "The lighthouse keeper climbed the stairs every evening at dusk.\n\n"
  "He had done so for thirty-one years, through storms and calm seas alike, "
  "and never once had the lamp failed to shine over the harbour.\n\n"
  "The village below depended on that light. Fishing boats returned by it, "
  "and children learned to tell the time by its first flash.\n\n"
  "When the new automatic beacon was installed, the keeper was told he could "
  "retire. He refused, saying that a machine could not love the sea.\n\n"
  "So he stayed, and every evening he still climbed the stairs at dusk.\n";

static void
test_text_basics (void)
{
  const char *s = "a\xcc\x81 \xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe4\xbd\xa0\xe5\xa5\xbd";
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (s);
  g_autofree char *slice = NULL;
  g_autofree char *pre = NULL;
  g_autofree char *suf = NULL;
  g_autoptr (ClipperAnchorText) bad = NULL;

  /* a + combining acute, space, waving hand + skin tone, space, Hebrew
   * (4), space, two CJK: 13 code points. */
  g_assert_cmpint (clipper_anchor_text_get_length (t), ==, 13);
  slice = clipper_anchor_text_slice (t, 3, 5);
  g_assert_cmpstr (slice, ==, "\xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd");
  clipper_anchor_text_context (t, 3, 5, &pre, &suf);
  g_assert_cmpstr (pre, ==, "a\xcc\x81 ");
  g_assert_cmpstr (suf, ==, " \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe4\xbd\xa0\xe5\xa5\xbd");
  g_clear_pointer (&slice, g_free);
  /* Out-of-range slices clamp instead of reading past the end. */
  slice = clipper_anchor_text_slice (t, 11, 400);
  g_assert_cmpstr (slice, ==, "\xe4\xbd\xa0\xe5\xa5\xbd");

  /* A damaged text still gives a length and lookups, never a crash:
   * each bad byte becomes U+FFFD, as GLib repairs it. */
  bad = clipper_anchor_text_new ("ab\xff\xfe" "cd");
  g_assert_cmpint (clipper_anchor_text_get_length (bad), ==, 6);
  {
    /* Truncated, overlong, surrogate and beyond-U+10FFFF sequences. */
    static const char *const damaged[] = {
      "x\xe4\xbd", "x\xc0\xaf", "x\xed\xa0\x80y", "x\xf4\x90\x80\x80y", "\xf0\x9f\x91",
    };

    for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
      {
        g_autofree char *valid = g_utf8_make_valid (damaged[i], -1);
        g_autoptr (ClipperAnchorText) d = clipper_anchor_text_new (damaged[i]);
        g_autofree char *all = clipper_anchor_text_slice (d, 0, 100);

        g_assert_cmpint (clipper_anchor_text_get_length (d), ==, g_utf8_strlen (valid, -1));
        g_assert_cmpstr (all, ==, valid);
      }
  }
}

static void
test_exact_position (void)
{
  Sel s;
  ClipperAnchorResult res;
  gint64 start = cp_index (article, "never once had the lamp failed");

  sel_make (&s, article, start, start + 30);
  locate (article, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (res.start, ==, start);
  g_assert_cmpint (res.end, ==, start + 30);
  g_assert_cmpfloat (res.score, ==, 1.0);
  sel_clear (&s);
}

static void
test_moved_quote (void)
{
  g_autofree char *after = g_strconcat ("A short note from the editor, added later.\n\n", article, NULL);

  check_moves (article, "never once had the lamp failed", 0,
               after, "never once had the lamp failed", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
}

static void
test_repeats_with_context (void)
{
  /* "climbed the stairs" twice: the second highlight must stay the second,
   * also after the text before both moved everything. */
  g_autofree char *after = g_strconcat ("Foreword.\n\n", article, NULL);
  Sel s;
  ClipperAnchorResult res;
  gint64 start = cp_index_nth (article, "climbed the stairs", 1);

  check_moves (article, "climbed the stairs", 1, after, "climbed the stairs", 1, CLIPPER_ANCHOR_EXACT_QUOTE);
  check_moves (article, "climbed the stairs", 0, after, "climbed the stairs", 0, CLIPPER_ANCHOR_EXACT_QUOTE);

  /* Without offsets the context alone still tells them apart. */
  sel_make (&s, article, start, start + 18);
  s.sel.start = s.sel.end = -1;
  locate (after, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index_nth (after, "climbed the stairs", 1));
  g_assert_cmpuint (res.n_exact, ==, 2);

  /* Without offsets or context there is nothing to choose by: orphan. */
  s.sel.prefix = s.sel.suffix = NULL;
  locate (after, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpuint (res.n_exact, ==, 2);
  sel_clear (&s);
}

static char *
replace (const char *text, const char *from, const char *to)
{
  g_autoptr (GString) s = g_string_new (text);

  g_assert_nonnull (strstr (text, from));
  g_string_replace (s, from, to, 1);
  return g_strdup (s->str);
}

static void
test_typo (void)
{
  g_autofree char *before = replace (article, "depended on that light", "depnded on that ligth");

  check_moves (before, "The village below depnded on that ligth.", 0,
               article, "The village below depended on that light.", 0, CLIPPER_ANCHOR_FUZZY);
}

static void
test_inserted_words (void)
{
  g_autofree char *after = replace (article, "Fishing boats returned by it, and children",
                                    "Fishing boats returned safely by it, and the children");

  check_moves (article, "Fishing boats returned by it, and children learned", 0,
               after, "Fishing boats returned safely by it, and the children learned", 0,
               CLIPPER_ANCHOR_FUZZY);
}

static void
test_whitespace_punctuation (void)
{
  g_autofree char *a1 = replace (article, "retire. He refused, saying that a machine",
                                 "retire.  He refused \xe2\x80\x94 saying that\na machine");

  check_moves (article, "He refused, saying that a machine could not love the sea.", 0,
               a1, "He refused \xe2\x80\x94 saying that\na machine could not love the sea.", 0,
               CLIPPER_ANCHOR_FUZZY);
}

static void
test_moved_paragraph (void)
{
  const char *para = "The village below depended on that light. Fishing boats returned by it, "
                     "and children learned to tell the time by its first flash.\n\n";
  g_autofree char *without = replace (article, para, "");
  g_autofree char *after = g_strconcat (without, "\n", para, NULL);

  check_moves (article, "children learned to tell the time", 0,
               after, "children learned to tell the time", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
  /* The quote starts the paragraph: its prefix changed, the quote is long
   * and intact, and it is the only one. */
  check_moves (article, "The village below depended on that light.", 0,
               after, "The village below depended on that light.", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
}

static void
test_deleted_passage (void)
{
  g_autofree char *after = replace (article,
                                    "When the new automatic beacon was installed, the keeper was told he could "
                                    "retire. He refused, saying that a machine could not love the sea.\n\n", "");

  check_moves (article, "the keeper was told he could retire", 0, after, NULL, 0, CLIPPER_ANCHOR_ORPHAN);
}

static void
test_deleted_repeat (void)
{
  /* A short quote that still occurs elsewhere, but not in its context:
   * the other occurrence is not it. */
  g_autofree char *after = replace (article, "The lighthouse keeper climbed the stairs every evening at dusk.\n\n", "");

  check_moves (article, "the stairs", 0, after, NULL, 0, CLIPPER_ANCHOR_ORPHAN);
  check_moves (article, "the stairs", 1, after, "the stairs", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
}

static void
test_scripts (void)
{
  /* Combining marks, emoji with modifiers and joiners, RTL and CJK: offsets
   * count code points, before and after an edit that moves them. */
  const char *before =
    "Cafe\xcc\x81 notes \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac then \xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd hello.\n"
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d \xd7\x96\xd7\x94 \xd7\x98\xd7\xa7\xd7\xa1\xd7\x98 "
    "\xd7\x91\xd7\xa2\xd7\x91\xd7\xa8\xd7\x99\xd7\xaa \xd7\x90\xd7\xa8\xd7\x95\xd7\x9a \xd7\x9e\xd7\x90\xd7\x95\xd7\x93.\n"
    "\xe8\xbf\x99\xe6\x98\xaf\xe4\xb8\x80\xe4\xb8\xaa\xe5\x85\xb3\xe4\xba\x8e\xe7\x81\xaf\xe5\xa1\x94\xe5\xae\x88\xe6\x8a\xa4"
    "\xe8\x80\x85\xe7\x9a\x84\xe6\x95\x85\xe4\xba\x8b\xef\xbc\x8c\xe4\xbb\x96\xe6\xaf\x8f\xe5\xa4\xa9\xe6\x99\x9a\xe4\xb8\x8a"
    "\xe9\x83\xbd\xe7\x88\xac\xe4\xb8\x8a\xe6\xa5\xbc\xe6\xa2\xaf\xe3\x80\x82\n";
  g_autofree char *after = g_strconcat ("\xf0\x9f\x8c\x8a\xf0\x9f\x8c\x8a \xe5\xba\x8f\xe8\xa8\x80\n", before, NULL);
  /* The CJK sentence with one character changed (守护者 → 看守者). */
  g_autofree char *after_cjk = replace (after, "\xe5\xae\x88\xe6\x8a\xa4\xe8\x80\x85",
                                        "\xe7\x9c\x8b\xe5\xae\x88\xe8\x80\x85");

  check_moves (before, "\xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd hello", 0,
               after, "\xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd hello", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
  check_moves (before, "e\xcc\x81 notes \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac", 0,
               after, "e\xcc\x81 notes \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
  check_moves (before, "\xd7\x96\xd7\x94 \xd7\x98\xd7\xa7\xd7\xa1\xd7\x98 \xd7\x91\xd7\xa2\xd7\x91\xd7\xa8\xd7\x99\xd7\xaa", 0,
               after, "\xd7\x96\xd7\x94 \xd7\x98\xd7\xa7\xd7\xa1\xd7\x98 \xd7\x91\xd7\xa2\xd7\x91\xd7\xa8\xd7\x99\xd7\xaa", 0,
               CLIPPER_ANCHOR_EXACT_QUOTE);
  check_moves (before,
               "\xe8\xbf\x99\xe6\x98\xaf\xe4\xb8\x80\xe4\xb8\xaa\xe5\x85\xb3\xe4\xba\x8e\xe7\x81\xaf\xe5\xa1\x94"
               "\xe5\xae\x88\xe6\x8a\xa4\xe8\x80\x85\xe7\x9a\x84\xe6\x95\x85\xe4\xba\x8b", 0,
               after_cjk,
               "\xe8\xbf\x99\xe6\x98\xaf\xe4\xb8\x80\xe4\xb8\xaa\xe5\x85\xb3\xe4\xba\x8e\xe7\x81\xaf\xe5\xa1\x94"
               "\xe7\x9c\x8b\xe5\xae\x88\xe8\x80\x85\xe7\x9a\x84\xe6\x95\x85\xe4\xba\x8b", 0,
               CLIPPER_ANCHOR_FUZZY);
}

static void
test_overlapping_adjacent (void)
{
  /* Three highlights: two overlapping, one adjacent to the second, all
   * re-anchored together after a typo fix inside the overlap. */
  g_autofree char *before = replace (article, "through storms and calm", "through stroms and calm");
  const char *quotes[3] = { "thirty-one years, through stroms", "through stroms and calm seas alike", ", and never once" };
  const char *wants[3] = { "thirty-one years, through storms", "through storms and calm seas alike", ", and never once" };
  Sel s[3];
  ClipperTextSelector sels[3];
  ClipperAnchorResult res[3];
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (article);

  for (int i = 0; i < 3; i++)
    {
      gint64 start = cp_index (before, quotes[i]);
      sel_make (&s[i], before, start, start + g_utf8_strlen (quotes[i], -1));
      sels[i] = s[i].sel;
    }
  /* The adjacent one starts where the second ends. */
  g_assert_cmpint (sels[2].start, ==, sels[1].end);

  clipper_anchor_locate_all (t, sels, 3, res);
  for (int i = 0; i < 3; i++)
    {
      gint64 ws = cp_index (article, wants[i]);
      g_assert_cmpint (res[i].kind, !=, CLIPPER_ANCHOR_ORPHAN);
      g_assert_cmpint (res[i].start, ==, ws);
      g_assert_cmpint (res[i].end, ==, ws + g_utf8_strlen (wants[i], -1));
      sel_clear (&s[i]);
    }
  g_assert_cmpint (res[0].kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res[1].kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res[2].kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (res[1].end, ==, res[2].start);
  g_assert_cmpint (res[0].end, >, res[1].start);
}

static void
test_cross_paragraph (void)
{
  /* A highlight over a paragraph break; the page later joins the
   * paragraphs with a single line break and fixes a word. */
  g_autofree char *a1 = replace (article, "over the harbour.\n\nThe village below", "over the harbor.\nThe village below");

  check_moves (article, "failed to shine over the harbour.\n\nThe village below depended", 0,
               a1, "failed to shine over the harbor.\nThe village below depended", 0, CLIPPER_ANCHOR_FUZZY);
}

static void
test_long_quote (void)
{
  /* Longer than 64 folded characters: the matcher works in blocks. */
  g_autofree char *a1 = replace (article, "When the new automatic beacon was installed, the keeper",
                                 "When the brand new automatic beacon had been installed, the old keeper");
  g_autofree char *a2 = replace (a1, "could not love the sea", "could never love the sea");

  check_moves (article,
               "When the new automatic beacon was installed, the keeper was told he could "
               "retire. He refused, saying that a machine could not love the sea.", 0,
               a2,
               "When the brand new automatic beacon had been installed, the old keeper was told he could "
               "retire. He refused, saying that a machine could never love the sea.", 0,
               CLIPPER_ANCHOR_FUZZY);
}

static void
test_locate_third_mostly_whitespace (void)
{
  /* The quote's first paragraph went; its last third is the tail of that
   * paragraph, blank lines and a short line, which lands on the short
   * line alone.  That third spans more than half the quote's code points
   * (the blank lines' indentation) but holds a third of what the matcher
   * compares: a guess at the lesser part, an orphan. */
  const char *before =
    "Keep the room tidy.\n"
    "        Jones says guests should put the items they plan to take from bags on other pieces "
    "of furniture and leave the bag on the floor.\n"
    "        \n"
    "            \n"
    "                \n"
    "            \n"
    "            The old rule of thumb is that every room pays for itself in a year.\n"
    "        Hotel rooms are priced by what they cost to build.\n";
  const char *after =
    "Keep the room tidy.\n"
    "        \n"
    "            \n"
    "                \n"
    "            \n"
    "            The old rule of thumb is that every room pays for itself in a year.\n"
    "        Hotel rooms are priced by what they cost to build.\n";

  check_moves (before,
               "from bags on other pieces of furniture and leave the bag on the floor.\n"
               "        \n"
               "            \n"
               "                \n"
               "            \n"
               "            The old rule of thumb is", 0,
               after, NULL, 0, CLIPPER_ANCHOR_ORPHAN);
}

static void
test_locate_stray_edge_line (void)
{
  /* The highlight ran into the first letters of the next paragraph,
   * which went; the paragraph after it starts with the same letters.
   * Three letters witness nothing: the match stops at the line break
   * instead of taking in a word of another paragraph (its full stop,
   * punctuation the folded match does not see, stays out with it). */
  const char *before =
    "Nobody expected the sequel to keep what made the original trilogy so special.\n\n"
    "The director said so himself, twice, in the interviews.\n\n"
    "Then the trailer came out and the studio changed its mind.\n";
  const char *after =
    "Nobody expected the sequel to keep what made the original trilogie so special.\n\n"
    "Then the trailer came out and the studio changed its mind.\n";

  check_moves (before, "what made the original trilogy so special.\n\nThe", 0,
               after, "what made the original trilogie so special", 0, CLIPPER_ANCHOR_FUZZY);
}

static void
test_locate_copies_edited_apart (void)
{
  /* A paragraph printed twice, the same words around both copies; the
   * highlight's copy then got several typos and the other one a single
   * one.  Both read as the highlight: which copy scores better is the
   * edits' doing, and the stored position is far from both (a long
   * introduction came in before them), so the highlight is an orphan
   * rather than a guess. */
  const char *para1 = "Every week the paper printed the tide tables and the harbour lights schedule for the fishermen.\n\n";
  g_autofree char *before = g_strconcat ("Notes.\n\n", para1, "Between the two.\n\n", para1, "End.\n", NULL);
  g_autoptr (GString) intro = g_string_new (NULL);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append (intro, "An introduction that was not there before, line after line.\n");
  after = g_strconcat (intro->str, "Notes.\n\n",
                       "Every week the paper printed the tyde tabels and teh harbour lihgts schedule for the fishermen.\n\n",
                       "Between the two.\n\n",
                       "Every week the paper printed the tide tables and the harbor lights schedule for the fishermen.\n\n",
                       "Between the two.\n\nEnd.\n", NULL);

  check_moves (before, "the tide tables and the harbour lights schedule", 0, after, NULL, 0,
               CLIPPER_ANCHOR_ORPHAN);
}

/* Paragraphs of an essay on spending, for /anchor/locate-moved-words-again:
 * the first one's words "stop buying crap you don't need, you" stand
 * again, in another sentence, in the last. */
static const char *const spending[] = {
  "Most of us know where our money goes in broad strokes, but the details hide in plain sight. "
  "Before you can stop buying crap you don't need, you need to identify what that crap is, and "
  "that takes a few weeks of honest record keeping.",
  "Start with a notebook or a spreadsheet and write down every purchase, however small. The coffee "
  "on the way to work, the magazine at the station, the app that cost less than a sandwich: each "
  "one goes on the list, with the date and what you felt when you bought it.",
  "After a month, read the list from top to bottom in one sitting. Patterns appear that no single "
  "receipt shows. Some people find they shop when they are tired; others when they are bored, or "
  "after a bad meeting, or on the first warm evening of spring.",
  "Marketing is built to find those moments. A sale that ends at midnight, a counter that says only "
  "three are left, free delivery above a threshold you were just under: none of it is an accident, "
  "and all of it works better on a tired mind than on a rested one.",
  "Waiting is the cheapest defence there is. Put anything you want into a cart and leave it there "
  "for thirty days. Most of the things in it will look different a month later, and some you will "
  "not remember having wanted at all.",
  "It also helps to give every purchase a job. If you cannot say in one sentence what a thing will "
  "do for you that nothing you own already does, it is probably not a tool but a mood, and moods "
  "pass faster than payments.",
  "None of this means buying nothing. A good pair of boots, a repair instead of a replacement, a "
  "class that teaches you a skill: spending on what lasts is how a budget should feel, generous "
  "where it counts and tight everywhere else.",
  "Friends and family can help or hurt. Tell one person what you are trying to do and ask them to "
  "check in once a week. Shopping together as a pastime, on the other hand, turns every weekend "
  "into a list of things to carry home.",
  "Subscriptions deserve their own afternoon. Go through your bank statement line by line and "
  "cancel anything you did not use last month. Streaming services, boxes of food, cloud storage for "
  "files you never open: they add up quietly.",
  "Once you've programmed your mind to stop buying crap you don't need, you'll have some extra "
  "money at the end of each month, and the question becomes what to do with it. Pay off debt "
  "first, then build a cushion, then think about the rest.",
};

/* The paragraphs in @order, a blank line between them. */
static char *
spending_text (const guint *order)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spending); i++)
    {
      g_string_append (s, spending[order[i]]);
      g_string_append (s, i + 1 < G_N_ELEMENTS (spending) ? "\n\n" : "\n");
    }
  return g_string_free (s, FALSE);
}

static void
test_locate_moved_words_again (void)
{
  /* The first paragraph moved down past two, five and seven others (about
   * 500, 1,200 and 1,700 characters).  Its quote, 32 code points, is the
   * same words, folded, as part of a sentence in the last paragraph
   * ("you'll"), whose context agrees on neither side; where the quote
   * went, it stands verbatim with its whole context on both sides: it is
   * placed, not an orphan taken for one of two copies edited apart. */
  static const guint before_order[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const guint moves[][10] = {
    { 1, 2, 0, 3, 4, 5, 6, 7, 8, 9 },
    { 1, 2, 3, 4, 5, 0, 6, 7, 8, 9 },
    { 1, 2, 3, 4, 5, 6, 7, 0, 8, 9 },
  };
  g_autofree char *before = spending_text (before_order);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autofree char *after = spending_text (moves[i]);

      check_moves (before, "buying crap you don't need, you ", 0,
                   after, "buying crap you don't need, you ", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
      check_moves (before, "Before you can stop buying crap you don't need, you", 0,
                   after, "Before you can stop buying crap you don't need, you", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
      /* Verbatim in the other sentence too: two copies of the quote, of
       * which the stored position chooses only one four times nearer
       * than the other (moved by 500 characters, not by 1,200). */
      if (i == 0)
        check_moves (before, "stop buying crap you don't need", 0,
                     after, "stop buying crap you don't need", 0, CLIPPER_ANCHOR_EXACT_QUOTE);
      else
        check_moves (before, "stop buying crap you don't need", 0, after, NULL, 0, CLIPPER_ANCHOR_ORPHAN);
    }
}

static void
test_too_changed (void)
{
  /* Half the quote rewritten: beyond the error bound, an orphan rather
   * than a guess. */
  g_autofree char *after = replace (article, "a machine could not love the sea",
                                    "no apparatus would ever understand waves");

  check_moves (article, "saying that a machine could not love the sea", 0, after, NULL, 0,
               CLIPPER_ANCHOR_ORPHAN);
}

static void
test_bad_input (void)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (article);
  g_autoptr (ClipperAnchorText) empty = clipper_anchor_text_new ("");
  ClipperTextSelector sel = { "", NULL, NULL, 0, 0 };
  ClipperAnchorResult res;

  clipper_anchor_locate (t, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  sel.exact = "lamp\xff failed";
  clipper_anchor_locate (t, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  /* Offsets past the end, or backwards, are ignored, not trusted. */
  sel = (ClipperTextSelector) { "the lamp", "never once had ", NULL, 100000, 100008 };
  clipper_anchor_locate (t, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (article, "the lamp"));
  sel.start = 50, sel.end = 10;
  clipper_anchor_locate (t, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);

  sel = (ClipperTextSelector) { "the lamp", NULL, NULL, 0, 8 };
  clipper_anchor_locate (empty, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  /* Only punctuation: placed only when unique. */
  sel = (ClipperTextSelector) { ".\n\n", NULL, NULL, -1, -1 };
  clipper_anchor_locate (t, &sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpuint (res.n_exact, ==, 4);
}

/* ---- Property: seeded random edits never give a wrong placement ---- */

static const char *vocabulary[] = {
  "sea", "light", "keeper", "storm", "harbour", "boat", "village", "night", "lamp", "stairs",
  "wind", "rain", "fisher", "child", "tide", "rock", "shore", "wave", "salt", "rope",
  "bell", "map", "star", "cloud", "gull", "net", "oar", "mast", "sail", "deck",
  "the", "a", "of", "and", "to", "in", "was", "he", "she", "it", "by", "over", "under",
  "climbed", "watched", "heard", "carried", "mended", "counted", "remembered", "waited",
  "old", "new", "cold", "bright", "dark", "quiet", "long", "brave", "tired", "early",
};

static char *
make_article (GRand *rand, int paragraphs)
{
  GString *s = g_string_new (NULL);

  for (int p = 0; p < paragraphs; p++)
    {
      int sentences = g_rand_int_range (rand, 2, 7);
      for (int k = 0; k < sentences; k++)
        {
          int words = g_rand_int_range (rand, 5, 16);
          for (int w = 0; w < words; w++)
            {
              const char *word = vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
              if (w == 0)
                {
                  g_string_append_c (s, g_ascii_toupper (word[0]));
                  g_string_append (s, word + 1);
                }
              else
                g_string_append (s, word);
              if (w + 1 < words)
                g_string_append (s, g_rand_int_range (rand, 0, 8) == 0 ? ", " : " ");
            }
          g_string_append (s, k + 1 < sentences ? ". " : ".");
        }
      g_string_append (s, "\n\n");
    }
  return g_string_free (s, FALSE);
}

/* Re-anchors [@start, @end) of @old in @new, given the old text, as the
 * library does after a refetch: fills @res, and returns the text the
 * highlight lands on, or NULL for an orphan. */
static char *
locate_since (const char *old, const char *new, gint64 start, gint64 end, ClipperAnchorResult *res)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (new);
  char *got = NULL;
  Sel s;

  sel_make (&s, old, start, end);
  clipper_anchor_locate_all_since (t, old, &s.sel, 1, res);
  if (res->kind != CLIPPER_ANCHOR_ORPHAN)
    got = clipper_anchor_text_slice (t, res->start, res->end);
  sel_clear (&s);
  return got;
}

/* The same, for a test that checks the offsets only. */
static void
place_since (const char *old, const char *new, gint64 start, gint64 end, ClipperAnchorResult *res)
{
  g_free (locate_since (old, new, start, end, res));
}

/* An orphan's old offsets, carried to the new text: where its passage
 * would stand now (right after what stood before it), so that the
 * suggestion and the next re-anchoring look there, and the orphans list
 * in text order.  Placed highlights and orphans whose offsets were not the
 * old text's have none. */
static void
test_since_orphan_near (void)
{
  const char *old = "A new preface that the page added later.\n"
                    "The harbour was quiet that morning, and the boats lay still.\n"
                    "Nobody remembers who lit the lamp first; the ledger does not say.\n"
                    "By noon the wind had turned, and the gulls came in from the sea.\n";
  const char *new = "A new preface that the page added later, with a second clause that makes it longer.\n"
                    "The harbour was quiet that morning, and the boats lay still.\n"
                    "By noon the wind had turned, and the gulls came in from the sea.\n";
  const char *gone = "Nobody remembers who lit the lamp first";
  const char *kept = "the boats lay still";
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (new);
  ClipperAnchorResult res[3];
  Sel s[3];

  sel_make (&s[0], old, cp_index (old, gone), cp_index (old, gone) + g_utf8_strlen (gone, -1));
  sel_make (&s[1], old, cp_index (old, kept), cp_index (old, kept) + g_utf8_strlen (kept, -1));
  /* Offsets of some older text: they do not hold the quote here. */
  sel_make (&s[2], old, cp_index (old, gone), cp_index (old, gone) + g_utf8_strlen (gone, -1));
  s[2].sel.start = 3;
  s[2].sel.end = 3 + g_utf8_strlen (gone, -1);

  {
    ClipperTextSelector sels[3] = { s[0].sel, s[1].sel, s[2].sel };

    clipper_anchor_locate_all_since (t, old, sels, 3, res);
  }
  g_assert_cmpint (res[0].kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res[0].start, ==, -1);
  g_assert_cmpint (res[0].near, ==, cp_index (new, "By noon"));
  g_assert_cmpint (res[1].kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res[1].near, ==, -1);
  g_assert_cmpint (res[2].kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res[2].near, ==, -1);

  /* Without the old text there is nothing to carry them by. */
  clipper_anchor_locate (t, &s[0].sel, &res[0]);
  g_assert_cmpint (res[0].kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res[0].near, ==, -1);
  for (guint i = 0; i < 3; i++)
    sel_clear (&s[i]);
}

/* With the old text, a passage repeated verbatim (quote and context alike)
 * is told apart by the alignment: the highlight on the second copy stays
 * on the second copy when text is inserted before both. */
static void
test_since_repeats (void)
{
  const char *para = "The same sentence appears twice in this page, word for word, with the same words around it.\n";
  g_autofree char *old = g_strconcat ("Intro line one.\n", para, "A middle paragraph that differs.\n", para, "The end.\n", NULL);
  g_autofree char *new = g_strconcat ("Intro line one, now with a much longer opening sentence added by the editor.\n",
                                      para, "A middle paragraph that differs.\n", para, "The end.\n", NULL);
  gint64 start = cp_index_nth (old, "appears twice", 1);
  gint64 want = cp_index_nth (new, "appears twice", 1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 13, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, want);
  g_assert_cmpint (res.end, ==, want + 13);
  g_assert_cmpstr (got, ==, "appears twice");
}

/* Bug: the alignment paired the indentation of a paragraph that moved in
 * after the quote's paragraph with the indentation the quote had, and the
 * highlight grew into the next paragraph. */
static void
test_since_paragraph_edges (void)
{
  const char *old = "First paragraph of the story, long enough to be found again easily.\n"
                    "        Inequality calls that into question, as everyone agrees now.\n"
                    "        The report assessed the data of many countries over ten years.\n"
                    "        Another paragraph entirely, about something else that matters.\n";
  const char *new = "First paragraph of the story, long enough to be found again easily.\n"
                    "        Inequality calls that into question, as everyone agrees now.\n"
                    "        Another paragraph entirely, about something else that matters.\n"
                    "        The report assessed the data of many countries over ten years.\n";
  gint64 start = cp_index (old, "that into question");
  gint64 end = cp_index (old, "The report") + 10;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (strstr (got, "Another"));
  g_assert_cmpint (res.start, ==, cp_index (new, "that into question"));
}

/* Bug: a paragraph moved into the middle of a highlighted passage was
 * carried along because the alignment had not paired it. */
static void
test_since_paragraph_moved_in (void)
{
  const char *old = "Opening words that set the scene for the reader of this page.\n"
                    "The highlighted passage begins here and runs on for a while\n"
                    "and continues in a second line that is part of it as well.\n"
                    "Short one.\n"
                    "Closing words that end the article after all the rest of it.\n";
  const char *new = "Opening words that set the scene for the reader of this page.\n"
                    "The highlighted passage begins here and runs on for a while\n"
                    "Shrt one!\n"
                    "and continues in a second line that is part of it as well.\n"
                    "Closing words that end the article after all the rest of it.\n";
  gint64 start = cp_index (old, "The highlighted");
  gint64 end = cp_index (old, "part of it") + 10;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    {
          g_test_message ("got [%s] kind %d", got, res.kind);
      g_assert_null (strstr (got, "Shrt"));
    }
}

/* The old text is only trusted where the quote stands at its offsets in
 * it: a stale old text falls back to searching. */
static void
test_since_stale_old_text (void)
{
  const char *text = "Nothing here matches the other text at all, but the quote is here somewhere.";
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (text);
  ClipperTextSelector sel = { "the quote is here", NULL, NULL, 3, 20 };
  ClipperAnchorResult res;

  clipper_anchor_locate_all_since (t, "A completely different old text of some length.", &sel, 1, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (text, "the quote is here"));
}

/* Bug: a word changed near the quote's end ("each night" → "every
 * night") cut the placement short of the last word: the few characters
 * after the change were taken for a coincidence. */
static void
test_since_changed_last_words (void)
{
  const char *old = "The village below depended on that light. Fishing boats returned by it, and children "
                    "learned to tell the time by its first flash across the water each night.\n\n"
                    "When the new automatic beacon was installed, the keeper was told he could retire.";
  const char *new = "The village below depended on that light. Fishing boats returned by it, and children "
                    "learned to tell the time by its first flash across the water every night.\n";
  gint64 start = cp_index (old, "children");
  gint64 end = cp_index (old, "each night") + 10;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpstr (got, ==, "children learned to tell the time by its first flash across the water every night");
}

/* Bug: paragraphs that differ only in a number, reordered, with a typo
 * fixed in the highlighted copy: the window search took the intact copy
 * of the neighbouring paragraph.  The highlighted copy or nothing. */
static void
test_since_reordered_copies (void)
{
  const char *body = ", under sufficiently extreme conditions, quarks may become deconfined. "
                     "Eventually, color confinement would be lost and a hot plasma would form.\n";
  g_autofree char *p1 = g_strconcat ("Regarding item# 11111", body, NULL);
  g_autofree char *p2 = g_strconcat ("Regarding item# 22222", body, NULL);
  g_autofree char *p3 = g_strconcat ("Regarding item# 33333", body, NULL);
  g_autofree char *p2_typo = NULL;
  g_autofree char *old = g_strconcat ("An introduction that is long enough to be aligned.\n", p1, p2, p3,
                                      "A closing paragraph, also long enough to be aligned.\n", NULL);
  g_autofree char *new = NULL;
  gint64 start = cp_index_nth (old, "confinement would", 1);
  g_autoptr (ClipperAnchorText) t = NULL;
  ClipperAnchorResult res;
  Sel s;

  {
    GString *g = g_string_new (p2);
    char *at = strstr (g->str, "confinement would");
    at[5] = 'g'; /* "configement" */
    p2_typo = g_string_free (g, FALSE);
  }
  new = g_strconcat ("An introduction that is long enough to be aligned.\n", p1, p3, p2_typo,
                     "A closing paragraph, also long enough to be aligned.\n", NULL);
  t = clipper_anchor_text_new (new);
  sel_make (&s, old, start, start + 17);
  clipper_anchor_locate_all_since (t, old, &s.sel, 1, &res);
  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    {
      gint64 want = cp_index (new, "configement would");
      g_assert_cmpint (res.start, >=, want - 2);
      g_assert_cmpint (res.end, <=, want + 17 + 2);
    }
  sel_clear (&s);
}

/* Bug: a highlight whose last words went, with the rest of their
 * paragraph, was an orphan when the paragraph after them moved away: with
 * its neighbours out of order the alignment could not show the end
 * deleted, and the quote was too changed to be searched for.  Right after
 * its surviving words the new text holds another paragraph, so the
 * missing words cannot belong to that part: it is placed there. */
static void
test_since_partly_surviving (void)
{
  const char *a = "The opening paragraph sets the scene and is long enough to pair.\n";
  const char *c = "A paragraph about the harbour, which the editor moved to the top.\n";
  const char *d = "The closing paragraph ends the story and is long enough to pair.\n";
  g_autofree char *old = g_strconcat (a, "The keeper climbed the tower every evening to light the great lamp by hand, "
                                      "and he wrote the weather in a little book.\n", c, d, NULL);
  g_autofree char *new = g_strconcat (c, a, "The keeper climbed the tower.\n", d, NULL);
  gint64 start = cp_index (old, "The keeper");
  gint64 end = cp_index (old, "by hand") + 7;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_true (g_str_has_prefix (got, "The keeper climbed the tower"));
  g_assert_cmpint (res.end - res.start, <=, 29);
}

/* Bug: a one-word caption the alignment could not pair (its line was
 * reindented, the line after it deleted) was an orphan, although it still
 * stood verbatim, once,
 * between the paragraphs it stood between: too short to be searched for,
 * and its neighbours' gap too small to hold much else. */
static void
test_since_short_quote_in_gap (void)
{
  const char *old = "The first paragraph of the article, long enough to be paired again.\n"
                    "            Photo\n"
                    "A line that the editor removed later.\n"
                    "        The second paragraph follows the caption and is paired again.\n";
  const char *new = "The first paragraph of the article, long enough to be paired again.\n"
                    "\tPhoto \n"
                    "        The second paragraph follows the caption and is paired again.\n";
  gint64 start = cp_index (old, "Photo");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 5, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (new, "Photo"));
  g_assert_cmpint (res.end, ==, res.start + 5);
}

/* Bug (nytimes-5, round fourteen): the same, on a page laid out in deep
 * indentation.  The caption's blank lines of 40 spaces, reflowed, were
 * left unpaired, and the gap between its paired neighbours, whitespace
 * nearly all, was longer than the rule allowed: "Photo" was shown
 * deleted, though it still stood there once.  The gap's length counts
 * what is not whitespace. */
static void
test_since_short_quote_in_indented_gap (void)
{
#define SP40 "                                        "
  const char *old = "The first paragraph of the article, long enough to be paired again.\n"
                    SP40 "\n" SP40 "\n" SP40 "\n" SP40 "\n"
                    SP40 "Photo\n"
                    SP40 "\n" SP40 "\n" SP40 "\n" SP40 "\n"
                    "A line that the editor removed later.\n"
                    "        The second paragraph follows the caption and is paired again.\n";
  const char *new = "The first paragraph of the article, long enough to be paired again.\n"
                    SP40 " \n" SP40 "\t\n" SP40 "\n \n" SP40 " \n"
                    SP40 "\tPhoto \n"
                    SP40 " \n\t" SP40 "\n" SP40 " \n" SP40 "  \n"
                    "        The second paragraph follows the caption and is paired again.\n";
  gint64 start = cp_index (old, "Photo");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 5, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (new, "Photo"));
  g_assert_cmpint (res.end, ==, res.start + 5);
#undef SP40
}

/* Bug: a highlight starting with a short heading line ("Style Editor")
 * was an orphan after a typo in its next line and reflowed blank lines
 * above it: the alignment paired neither, and the search's placement was
 * refused because its first line held nothing paired.  That line stands
 * right after the quote's own context (paired, only whitespace between):
 * it is the quote's. */
static void
test_since_edge_line_held (void)
{
  const char *old = "Inspect and tweak the page as it runs, the way you expect.\n"
                    "                    Learn more about Web Audio Editor\n"
                    "                \n"
                    "                \n"
                    "                    Style Editor\n"
                    "                    View and edit CSS styles associated with a page.\n";
  const char *new = "Inspect and tweak the page as it runs, the way you expect.\n"
                    "                    Learn more about Web Audio Editor\n"
                    "                 \n"
                    "        \t       \n"
                    "                    Style Editor\n"
                    "                    Vmew and edit CSS styles associated with a page.\n";
  gint64 start = cp_index (old, "Style Editor");
  gint64 end = cp_index (old, "View") + 4;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (got, "Style Editor"));
  g_assert_true (g_str_has_suffix (got, "Vmew"));
}

/* Bug (seed 2): a line deleted between two lines that start alike (code
 * calling the same thing) left the stretch of the line before running on
 * into the next line's first twenty characters, and the highlight of the
 * deleted line was carried there.  Its passage is gone: an orphan. */
static void
test_since_line_starts_alike (void)
{
  const char *old = "The test page loads its libraries first, in the order they need each other.\n"
                    "      <script src=\"vendor/mocha.js\"></script>\n"
                    "      <script src=\"vendor/chai.js\"></script>\n"
                    "      <script src=\"vendor/blanket.js\" data-cover=\"all\"></script>\n"
                    "Then come the tests themselves, one file for each module of the library.\n";
  const char *new = "The test page loads its libraries first, in the order they need each other.\n"
                    "      <script src=\"vendor/mocha.js\"></script>\n"
                    "      <script src=\"vendor/blanket.js\" data-cover=\"all\"></script>\n"
                    "Then come the tests themselves, one file for each module of the library.\n";
  gint64 start = cp_index (old, "<script src=\"vendor/chai");
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (new);
  ClipperAnchorResult res;
  Sel s;

  sel_make (&s, old, start, start + 38);
  g_assert_cmpstr (s.sel.exact, ==, "<script src=\"vendor/chai.js\"></script>");
  clipper_anchor_locate_all_since (t, old, &s.sel, 1, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  sel_clear (&s);
}

/* Bug (seed 2): the highlight's second line was deleted and a line that
 * starts with the same two words ("The Chozo") took its place; the
 * alignment ran on into it and the highlight took in another paragraph's
 * first words. */
static void
test_since_line_only_starts_alike (void)
{
  const char *old = "The swarm began to consume the planet's monstrosities and established themselves as apex predators.\n"
                    "    The Chozo mission was complete. The worst was yet to come for the hunters.\n"
                    "    Then the long silence fell over the surface of the world for a thousand years.\n"
                    "    The Chozo successor, a colossal creature, was engineered in the deep caverns below.\n";
  const char *new = "The swarm began to consume the planet's monstrosities and established themselves as apex predators.\n"
                    "    The Chozo successor, a colossal creature, was engineered in the deep caverns below.\n"
                    "    Then the long silence fell over the surface of the world for a thousand years.\n";
  gint64 start = cp_index (old, "apex predators");
  gint64 end = cp_index (old, "complete.") + 9;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (got, "apex predators."));
  g_assert_null (strstr (got, "Chozo"));
}

/* Bug (seed 2): a paragraph moved to after another block's blank lines,
 * which look like the ones it had before it; the alignment ran back from
 * it through them, and the highlight took in the blank lines of the block
 * it now follows. */
static void
test_since_blank_lines_moved_in (void)
{
  const char *old = "Found This Helpful\n"
                    "        \n"
                    "        \n"
                    "            Glass cloche terrariums are appealing to the eye and preserve a bit of nature in your home.\n"
                    "    Step six: pull down the moss with tweezers or insert more moss to fill the spaces.\n"
                    "        \n"
                    "        \n"
                    "            Rearrange moss, then place the cloche back over the little garden.\n";
  const char *new = "    Step six: pull down the moss with tweezers or insert more moss to fill the spaces.\n"
                    "        \n"
                    "        \n"
                    "            Glass cloche terrariums are appealing to the eye and preserve a bit of nature in your home.\n"
                    "            Rearrange moss, then place the cloche back over the little garden.\n";
  gint64 start = cp_index (old, "Helpful");
  gint64 end = cp_index (old, "are appealing") + 13;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  /* On the paragraph's own line, not on the blank lines before it. */
  g_assert_cmpint (res.start, >=, cp_index (new, "            Glass"));
  g_assert_cmpint (res.end, ==, cp_index (new, "are appealing") + 13);
}

/* Bug (seed 2): the lines after a code block moved away, so the window
 * between the highlight's neighbours reached a near copy of the block
 * further on, in another section; the highlight's own copy had been
 * rewritten, and the search placed it on the other section's copy, which
 * agreed with its context too.  That copy stands among the other
 * section's text: an orphan. */
static void
test_since_copy_elsewhere (void)
{
#define COPY "series_stddev\n   FROM series\n),\nzscores AS (\n   SELECT n,\n   (n - series_avg) / series_stddev AS zscore"
  const char *old = "How to find anomalies in a series with nothing but a database query and some patience.\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS " COPY "\n"
                    "   FROM series, stats;\n"
                    "Its results show a single outlier among the values, which is what we hoped to see.\n"
                    "Measured on a million rows, the first version takes about two seconds on a laptop.\n"
                    "The faster version folds both steps into a single scan of the table, as follows:\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS " COPY "\n"
                    "   FROM series, stats;\n"
                    "Its results show the same outlier, found in half the time by a single query.\n";
  const char *new = "How to find anomalies in a series with nothing but a database query and some patience.\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS qqq_xxxx\n   WHERE nothing\n),\nother AS (\n"
                    "   VALUES 1, 2,\n   (y - qqq) / www AS zz\n"
                    "Measured on a million rows, the first version takes about two seconds on a laptop.\n"
                    "The faster version folds both steps into a single scan of the table, as follows:\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS serxes_stdxev\n   FROM sqries\n"
                    "                              ),\nzscores AS (\n   SELlCT n,\n   (n - seriesavg) / series_stdev AS zscor\n"
                    "   FROM series, stats;\n"
                    "Its results show the same outlier, found in half the time by a single query.\n"
                    "   FROM series, stats;\n"
                    "Its results show a single outlier among the values, which is what we hoped to see.\n";
  gint64 start = cp_index (old, COPY);
  ClipperAnchorResult res;
  place_since (old, new, start, start + g_utf8_strlen (COPY, -1), &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
#undef COPY
}

/* A sentence inserted at the start of the line after a blank line: the
 * blank line between the two parts is the same in both texts, and pairing
 * it keeps the highlight in one piece.  (Since blank lines at a stretch's
 * edge stopped counting as evidence, it was cut short at "act.".) */
static void
test_since_sentence_after_blank_line (void)
{
  const char *old = "TMZ broke the story early on Thursday, and the hotel would not say anything else.\n"
                    "    We're told there is security footage that cops are looking at that could catch the culprit right in the act.\n"
                    "            \n"
                    "                12:00 PM PT -- Sheriff's deputies were at The London Thursday morning. We know they were in the manager's office.\n"
                    "    The hotel has since said it is cooperating fully with the investigation of the theft.\n";
  const char *new = "TMZ broke the story early on Thursday, and the hotel would not say anything else.\n"
                    "    We're told there is security footage that cops are looking at that could catch the culprit right in the act.\n"
                    "            \n"
                    "                12:00 Many what from of is be later again again that which. PM PT -- Sheriff's deputies were at "
                    "The London Thursday morning. We know they were in the manager's office.\n"
                    "    The hotel has since said it is cooperating fully with the investigation of the theft.\n";
  gint64 start = cp_index (old, "security footage");
  gint64 end = cp_index (old, "The London") + 10;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "security footage"));
  g_assert_cmpint (res.end, ==, cp_index (new, "The London") + 10);
}

/* Bug (seed 8): a gallery's caption twice in a row; the second copy moved
 * to the top of the page.  Two copies in the old text, two in the new:
 * the highlight on the second was put on the second in the new text,
 * which is the first copy.  Nothing the alignment pairs stands between
 * the copies, so their order says nothing: an orphan. */
static void
test_since_copies_swapped (void)
{
#define CAP "In this photo dated Tuesday the rocket booster with the cargo ship is installed on a launch pad in " \
            "Baikonur, Kazakhstan. The unmanned cargo ship broke up over Siberia minutes after the launch."
  const char *old = "Photos\n"
                    "     1 / 5\n"
                    "        " CAP "\n"
                    "        " CAP "\n"
                    "AP\n";
  const char *new = "        In this photo daated Tuesday the rocket booster with the cargo ship is installed on a launch pid in "
                    "Baikonur, Kazakhstan. The unmanned cargo ship broke up ovr Siberia minutes after the launch.\n"
                    "Photos\n"
                    "     1 / 5\n"
                    "        In this photo dated Tuesday the  rocket booster with the cargo ship is installed on a launch pad in "
                    "Baikonur,  Kazakhstan. The unmanned cargo ship broke up over Siberia minutes after the launch.\n"
                    "AP\n";
  gint64 start = cp_index_nth (old, CAP, 1);
  ClipperAnchorResult res;
  place_since (old, new, start, start + g_utf8_strlen (CAP, -1), &res);

  /* Not on the first copy, which kept its place after "1 / 5". */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start < cp_index (new, "Photos"));
#undef CAP
}

/* Bug (the synthetic pages of seeds 22, 29, 40 and more): a paragraph
 * repeated verbatim four times, one copy gone.  The stretch from the
 * heading ran on into the copies and carried the highlight on the second
 * old copy to the second copy left, though which copy went the texts do
 * not say (the judge's text went with the first one here, or the second,
 * or the fourth: all read the same).  The closing line, paired a copy's
 * length off from the heading, shows the copies' number changed: an
 * orphan.  With all four copies kept it is placed as before. */
#define PARA "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut " \
             "labore et dolore magna aliqua.\n"
static void
check_copies_count_changed (const char *quote, int copy)
{
  const char *old = "A heading that stands only once here\n" PARA PARA PARA PARA
                    "A closing line that stands only once in the page.\n";
  const char *went = "A heading that stands only once here\n" PARA PARA PARA
                     "A closing line that stands only once in the page.\n";
  const char *kept = "A heading that stands only once here\n" PARA PARA PARA PARA
                     "A closing line that stands just once in the page.\n";
  gint64 start = cp_index_nth (old, quote, copy), len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, went, start, start + len, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
  got = locate_since (old, kept, start, start + len, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (res.start, ==, start);
  g_assert_cmpstr (got, ==, quote);
}

static void
test_since_copies_count_changed (void)
{
  check_copies_count_changed ("sed do eiusmod tempor", 1);
}

/* The same for a quote too short to hold a sampled q-gram ("eiusmod"),
 * in each of the copies: its copies are found by the samples of its line
 * on either side (map_copy_period_sampled_lines()), at the distance a
 * scan of every distance finds; a distance a code point off, or none, and
 * the copy that went goes unseen. */
static void
test_since_copies_count_changed_short (void)
{
  for (int copy = 0; copy < 4; copy++)
    check_copies_count_changed ("eiusmod", copy);
}
#undef PARA

/* Bug (the yahoo photo caption printed twice, articles of seeds 17 and
 * 34; runs of alike paragraphs on the synthetic pages): a copy at the end
 * of a run ends alike but another line follows it, so the quote at the
 * end of the second copy has other context after it than the first
 * copy's.  One copy went; the stretch from the text after the run
 * ran back into the copy left and carried the highlight on the second
 * copy there, though which copy went the texts do not say.  A copy of
 * the quote's line on one side is a copy too: an orphan. */
#define CAP "In this photo dated Tuesday the rocket booster with the cargo ship is installed on a launch pad in " \
            "Baikonur. The unmanned cargo ship broke up over Siberia minutes after the launch, the agency said."
static void
test_since_copies_count_changed_edge (void)
{
  const char *old = "Photos\n"
                    "     1 / 5\n"
                    "        " CAP "\n"
                    "        " CAP "\n"
                    "MOSCOW (AP) - An unmanned cargo spaceship heading to the station broke up over Siberia.\n";
  const char *new = "Photos\n"
                    "     1 / 5\n"
                    "        " CAP "\n"
                    "MOSCOW (AP) - An unmanned cargo spaceship heading to the station broke up over Siberia.\n";
  gint64 start = cp_index_nth (old, "minutes after the launch, the agency said.", 1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 42, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}
#undef CAP

/* Bug (the synthetic pages of seeds 11, 32 and 42): a paragraph
 * moved to the top and was edited, so nothing of the quote in it paired;
 * its neighbours (its own first words, moved with it, and the text's end)
 * now stand around the paragraph before it, which holds the quote
 * verbatim, and "verbatim once between its neighbours" placed it there,
 * on text the alignment pairs with that other paragraph.  A copy holding
 * text paired with other old text is another passage. */
static void
test_since_verbatim_gap_foreign (void)
{
#define S_OLD "the committee agreed that the old bridge over the river would be closed to traffic for the whole of the coming winter"
#define S_NEW "The committee agread that the old bridgee over the rivr would be closed to trafic for the whole of the comming wintr"
  const char *old = "Heading one of the page\n"
                    "Alpha starts here with its own words. " S_OLD ". Alpha ends with other words.\n"
                    "Beta opens in another way entirely. " S_OLD ". Beta closes its own way too.\n";
  const char *new = "Beta opens in another way entirely. " S_NEW ". Beta closes its own way too.\n"
                    "Heading one of the page\n"
                    "Alpha starts here with its own words. " S_OLD ". Alpha ends with other words.\n";
  gint64 start = cp_index_nth (old, S_OLD, 1);
  ClipperAnchorResult res;
  place_since (old, new, start, start + g_utf8_strlen (S_OLD, -1), &res);

  /* Not on Alpha's copy; the edited one, or an orphan. */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.end <= cp_index (new, "Heading"));
#undef S_OLD
#undef S_NEW
}

/* Bug (the synthetic pages of seeds 11 and 20, heavy edits): the
 * quote's paragraph got a word inserted into the quote, and another
 * paragraph that says the same sentence moved up right after it, into
 * the quote's window.  Its copy, far from where the alignment expects
 * the quote, has the same words around it, so the context the search
 * asks of a far match agreed, and the highlight landed on the other
 * paragraph's copy.  The text paired just before that copy (the other
 * paragraph's first words) puts it, by its distance, where the old text
 * held that other copy: an orphan. */
#define S_TAIL " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation " \
               "ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit " \
               "in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat "
#define S_LINKS "        Links\n        link\n        link\n        link\n        link\n"
static void
test_since_drifted_onto_copy (void)
{
  const char *old = "        Lorem\n"
                    "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor" S_TAIL
                    "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n" S_LINKS
                    "        Foo\n"
                    "         Tempor" S_TAIL
                    "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n";
  const char *new = "        Lorem\n"
                    "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor" S_TAIL
                    "indeed cupidatat non pwoident, sunt in culpaa qui officia deserunt mollit anim id est laborum. \n"
                    "         Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
                    "exercitation ullabco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
                    "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint "
                    "occaecat cupidatat non pooident sunt in culpa qui officia deserunt mollit anim id est laborum. \n"
                    S_LINKS "        Foo\n";
  gint64 start = cp_index (old, "occaecat cupidatat");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 18, &res);

  /* The quote's own copy has a word inserted: the only one left verbatim
   * is the Tempor paragraph's. */
  g_assert_true (cp_index (new, "occaecat cupidatat") > cp_index (new, "Tempor"));
  /* Not on the Tempor paragraph's copy. */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.end <= cp_index (new, "Tempor"));
}
#undef S_TAIL
#undef S_LINKS

/* The same (seed 32's synthetic page, an article of seed 47), with the
 * other copy deeper into its paragraph: the paragraph's words are all
 * the old text's twice, so nothing is paired within 256 characters of
 * the copy; the paired text up to 1,024 characters away still says which
 * old text it is. */
#define S_X " Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, " \
            "totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae " \
            "dicta sunt explicabo."
#define S_TAIL " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation " \
               "ullamco laboris nisi ut aliquip ex ea commodo consequat." S_X " Duis aute irure dolor in " \
               "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat "
#define S_LINKS "        Links\n        link\n        link\n        link\n        link\n"
static void
test_since_drifted_onto_copy_far (void)
{
  const char *old = "        Lorem\n"
                    "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor" S_TAIL
                    "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n" S_LINKS
                    "        Foo\n"
                    "         Tempor" S_TAIL
                    "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n";
  const char *new = "        Lorem\n"
                    "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor" S_TAIL
                    "indeed cupidatat non pwoident, sunt in culpaa qui officia deserunt mollit anim id est laborum. \n"
                    "         Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
                    "exercitation ullabco laboris nisi ut aliquip ex ea commodo consequat." S_X " Duis aute irure "
                    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur "
                    "sint occaecat cupidatat non pooident sunt in culpa qui officia deserunt mollit anim id est "
                    "laborum. \n" S_LINKS "        Foo\n";
  gint64 start = cp_index (old, "occaecat cupidatat");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 18, &res);

  g_assert_true (cp_index (new, "occaecat cupidatat") > cp_index (new, "Tempor"));
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.end <= cp_index (new, "Tempor"));
}
#undef S_X
#undef S_TAIL
#undef S_LINKS

/* Bug (the synthetic pages of seeds 22 and 24, heavy edits): the two
 * blank lines before the Tempor paragraph moved into it, between its
 * "consequat." and "Duis aute" lines, and the rest was edited.  The
 * window search, blind to whitespace, matched the quote across them: its
 * placement took in two blank lines the quote did not have, 8 spaces
 * (within the spaces a placement may take in from elsewhere) and their 2
 * line breaks, which are text from elsewhere as much.  Counted with
 * their breaks, the blank lines that came in are too many: an orphan. */
static void
test_since_search_blank_lines_in (void)
{
  const char *old = "\n"
                      "    \n"
                      "        Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt u"
                      "t labore et dolore magna aliqua.\n"
                      "        Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea com"
                      "modo consequat.\n"
                      "        Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla"
                      " pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit"
                      " anim id est laborum.\n"
                      "    \n"
                      "    \n"
                      "        Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud ex"
                      "ercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
                      "        Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla"
                      " pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit"
                      " anim id est laborum.\n"
                      "    \n";
  const char *new = "\n"
                      "    \n"
                      "        Lorem ipsum dolor sit amet, consectetur adipisicinh elit,  were sed do eiusmodd tempor incid"
                      "idunt ut labore et dolore magna aliqua.\n"
                      "        Ut enim ad minim veniam quis nostrud exerciation ullamco laboris nisi ut\taliquuip ex ea comm"
                      "odo consequat.\t        Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore "
                      "eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat nor proident, sunt in culpa qui officia "
                      "deserunt mollit anim id est laborum.\n"
                      "        Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad many minim veniam, quis nostr"
                      "ud exercitatioi ullamco The what it was of what of it were. laboris nisi ut aliquip ex ea commodo co"
                      "nsequat.\n"
                      "    \n"
                      "    \n"
                      "      \t Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla"
                      " however pariatur! Excepteur sint occaecat cupidatat non proident, sunt in culpa qui\tofficia deserun"
                      "t mollit anim id est laborum.\n"
                      "    \n";
  gint64 start = cp_index_nth (old, "consequat.\n        Duis aute", 1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 111, &res);

  g_assert_cmpint (start, ==, 644);
  /* Not across the blank lines that came in; "Duis aute …" alone would
   * do. */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "\n    \n") == NULL);
}

/* Bug (the synthetic pages of seeds 4, 8, 13, 22, 29, 40, 52 and more):
 * a quote from the end of one of two alike paragraphs across the blank
 * lines into the Tempor line, which the old text has once.  The second
 * paragraph moved up to stand just before the blank lines, and the first
 * was edited.  The stretch from the Tempor line ran back across the blank
 * lines into the paragraph that moved and carried the quote's first line
 * there, though which of the two alike paragraphs it is the texts do not
 * say (the judge's: the edited one).  The whole quote has a q-gram of its
 * own, so it was not asked whether it stands in copies whose number
 * changed; its first line is asked now: an orphan.  As before, with the
 * paragraphs where they were, it is placed. */
#define S_D "        Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla " \
            "pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit " \
            "anim id est laborum."
#define S_DN "        Duis aute irure dolor in reprehenderit in voluptate vegit esse cillum dolore eu fugiat nulla " \
             "pariatur. Excepteur sint occaecat cupidatat non proident, sunt Note it many later that from of " \
             "different found the why the. in culpa qui officia deserunt mollit anim id est laborum."
#define S_U "        Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo " \
            "consequat."
#define S_T "        Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud " \
            "exercitation."
static void
test_since_copies_count_changed_first_line (void)
{
  const char *old = "\n    \n" S_U "\n" S_D "\n    \n    \n" S_T "\n" S_D "\n    \n";
  const char *moved = "\n    \n" S_U "\n" S_DN "\n" S_D "\n    \n    \n" S_T "\n    \n";
  const char *kept = "\n    \n" S_U "\n" S_D "\n    \n    \n" S_T "\n" S_DN "\n    \n";
  gint64 start = cp_index (old, "est laborum.\n");
  gint64 end = cp_index (old, "magna aliqua.") + 13;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, moved, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
  got = locate_since (old, kept, start, end, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (res.start, ==, start);
}
#undef S_D
#undef S_DN
#undef S_U
#undef S_T

/* Bug (the synthetic pages of seeds 63, 66, 72 and 73): a quote from
 * the end of one of two alike lines into the start of the next.  The
 * first line's tail moved away from it, and the second's tail moved up
 * to stand just before the second line.  Nothing of the quote's first
 * line pairs where it stands now, so the window search placed the quote,
 * on the tail that moved up: which of the two alike tails stands there
 * the texts do not say (the judge's: the first line's, still at its own
 * line's end).  The search's place is asked what a carried place is
 * asked: whether its first line stands in copies whose number changed.
 * With the lines where they were, it is placed as before. */
#define S_L "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut " \
            "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi " \
            "ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse " \
            "cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa " \
            "qui officia deserunt mollit anim id est laborum. \n"
static void
test_since_search_first_line_copies (void)
{
  const char *old = "\n    \n        Test document title\n" S_L S_L "    \n";
  const char *new = "\n    \n        Test from document title\n"
                    "         note Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
                    "incididunt ut labore et dolore magna aliqua! Ut enim a minim veniiam, quis nostrud exercitation "
                    "ullamco labboris nisi ut aliquip ex ea commodo consequat. Duis aute irure Here is what indeed\t"
                    "again indeed why it of said here what here.  dolor in reprehenderit in voluptate velit esse "
                    "cillum dolore eu fugiat nulla in pariatur. Excepteur sint occaecat cupidatat non proident, sunt "
                    "in culpa qui officia deserunt mollit anim id est laborum. \n   \n"
                    "reprehenderit in voluptate velit esse\n"
                    "cillum dolore eu fugiat nulla pariatur! Exceptefr sint occaecat cupidatat non proident, sunt in "
                    "culpa qui officia deserunt mollit anim id est laborum! \n"
                    "     Lorem  ipsum dolor sit amet, consectetur adipisicing ellit, sed do eiusmod tempor incididunt "
                    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                    "laboris nisii ut aliquip ex ea commodo consequat. Duis aute irure dolor in\n    \n";
  g_autofree char *kept = g_strconcat ("\n    \n        Test document title\n", S_L, S_L, "    \n", NULL);
  gint64 start = cp_index (old, "pariatur.");
  gint64 end = cp_index_nth (old, "magna aliqua.", 1) + 13;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (start, ==, 369);
  g_assert_cmpint (end, ==, 624);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
  /* A typo in the quote's first line alone: still placed, by the search. */
  memcpy (strstr (kept, "Excepteur"), "Exceptefr", 9);
  got = locate_since (old, kept, start, end, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, start);
  g_assert_cmpint (res.end, ==, end);
}
#undef S_L

/* Bug (the synthetic pages of seeds 66 and 78; 16, 20, 32, 54, 56 and 61
 * too, an article on seed 58): the quote is in the last of two lines
 * that end alike, which moved to the top and had a line break and typos
 * put into the quote.
 * Its every q-gram repeats, so nothing of it paired; its neighbours (the
 * text's end, and its own line's start at the top) now stood around the
 * other line, which holds the quote verbatim, and it was placed there as
 * "verbatim between its neighbours".  That copy is the first line's, and
 * nothing of it paired either: the old text holds the quote again, in a
 * copy that does not still stand elsewhere, so the verbatim one in the
 * gap may be that one.  An orphan now. */
#define S_L "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tab here incididunt ut " \
            "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi " \
            "ut aliquip ex ea commodo consequat. Duis aute irure dolor in %s in voluptate velit esse cillum dolore " \
            "eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia " \
            "deserunt mollit anim id est laborum. \n"
#define S_T "         Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud " \
            "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat%s Duis aute irure dolor in %s in " \
            "voluptate velit esse cillum dolore eu%sfugiat nulla pariatur. Excepteur sint occaecat cupidatat non " \
            "proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n"
static void
test_since_verbatim_gap_other_copy (void)
{
  g_autofree char *l = g_strdup_printf (S_L, "reprehenderit");
  g_autofree char *t = g_strdup_printf (S_T, ".", "reprehenderit", " ");
  g_autofree char *ln = g_strdup_printf (S_L, "reprehederit");
  g_autofree char *tn = g_strdup_printf (S_T, "!", "repreenderit", "\n");
  g_autofree char *old = g_strconcat ("\n    \n        Lorem\n", l, "        Foo\n", t, "    \n", NULL);
  g_autofree char *new = g_strconcat ("\n    \n", tn, "        Lorem\n", ln, "        Foo\n    \n", NULL);
  gint64 start = cp_index_nth (old, "voluptate velit", 1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 143, &res);

  g_assert_cmpint (start, ==, 702);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}
#undef S_L
#undef S_T

/* Bug (the synthetic pages of seeds 4, 11, 12, 41, 61 and 65): a quote
 * from the tail of one of two lines that end alike ("… Ut enim ad minim
 * veniam, … laborum.") across a heading into the next line.  The other
 * line's start went, and its tail moved up, before the first line; the
 * alignment carried the quote's first line onto that tail.  The first
 * line was asked whether it stands in copies whose number changed, but
 * its run of copies was bounded at the quote's own edge, where the
 * stretch that carried it goes on: the text paired just beyond is the
 * stretch's own, and shows no change.  The run is bounded where the
 * copies stop agreeing (here, where the two lines' starts differ): the
 * first line's start, paired there, stands a copy's length off. */
#define S_L "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut " \
            "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi " \
            "ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse " \
            "cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa " \
            "qui officia deserunt mollit anim id est laborum. \n"
#define S_T "         Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud " \
            "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in " \
            "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat " \
            "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n"
/* (Shared with since-stretch-lost-seed.) */
static const char *const copies_run_old = "\n    \n        Lorem\n" S_L "        Foo\n" S_T "    \n";
static const char *const copies_run_new = "\n    \n     \t  Lorem\n"
                                          "aliquip ex ea commodo consequat.  Duis aute here irure dolor in reprehenderit in voluptate velit "
                                          "esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident sunt "
                                          "in culpaa qui officia deserunt mollit anim id est laborum. \n"
                                          "         Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt "
                                          "ut labore et dolor magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                                          "laboriss nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in "
                                          "voluptate velit ese cillum dolore different eu fugiat nulla pariatur! Excepteur sint occaecat "
                                          "cupidatat non proident, sunt in culpa qui officia deserunt mollit anim in id est laborum. \n"
                                          "    \n   Foo\n    \n";

static void
test_since_copies_run_bounds (void)
{
  const char *old = copies_run_old, *new = copies_run_new;
  gint64 start = cp_index (old, "qui officia");
  gint64 end = cp_index (old, "Tempor") + 27;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (start, ==, 427);
  g_assert_cmpint (end, ==, 525);
  /* Not on the tail that moved up. */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start > cp_index (new, "Lorem ipsum"));
}
#undef S_L
#undef S_T

/* Bug (the synthetic pages of seeds 11 and 65): the texts of
 * since-copies-run-bounds, a quote in the first line's tail.  The q-gram
 * "um. \n" and seven spaces is once in each text only by the indentation
 * of the line after it (eight spaces before "Foo" in the old text, nine
 * before the first line in the new); the stretch it grew ran back into
 * the tail that moved up, pairing it with the first line's, while the
 * first line's own stretch, found first, took the indentation.  What was
 * left is the second line's tail as much as the first's: not kept.  The
 * quote is then an orphan, or on the first line. */
static void
test_since_stretch_lost_seed (void)
{
  const char *old = copies_run_old, *new = copies_run_new;
  gint64 start = cp_index (old, "dolore eu fugiat");
  gint64 end = cp_index (old, "laborum.") + 8;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (start, ==, 332);
  g_assert_cmpint (end, ==, 475);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start > cp_index (new, "Lorem ipsum"));
}

/* Bug (the synthetic pages of seeds 71 and 34): a quote from the end of
 * the first of three alike paragraphs, each before a different heading,
 * across its heading into the second.  The first paragraph was cut down
 * to its first words, and the third moved up to stand after them, before
 * the first heading; nothing of the quote's first line paired, and the
 * window search found it on the paragraph that moved.  The runs of
 * copies differ in length (the headings do), and the cut paragraph's
 * first words fill half of the copy that went: map_copies_count_changed()
 * sees no change.  But the third paragraph's place is empty now (its
 * neighbours stand together), so the copy found may be that one: an
 * orphan. */
#define S_P "     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore " \
            "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " \
            "aliquip ex ea commodo consequat. \n"
static void
test_since_search_first_line_moved_copy (void)
{
  const char *old = "\n" S_P "    \n     Single <img> \n    \n        \n    \n"
                    S_P "    \n     Single <figure> \n    \n         Caption of the figure \n    \n"
                    S_P "    \n     <ul> List of <img> \n    \n";
  const char *new = "\n     Lorem ipsum dolor sit ameet, consectetur adipiscing elit sed do eiusmod\n    \n"
                    "     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
                    "labore et dolore magna aliqua. Ut was That expected why said we practice to why. enim ad minim "
                    "veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea report commodo "
                    "consequat. \n"
                    "     Singla <img> \n    \n         \n    \n"
                    "     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
                    "labore et dolore magna aliqua. Ut enim ad minim veniam quis it nostrud exercitation ullamco "
                    "laboris nisi ut aliquip ex ea commodo consequat. \n"
                    "    \n     Silgle <figure> \n    \n         Caption of the figure \n    \n"
                    "    \n     again <ul> List of <img> \n    \n";
  gint64 start = cp_index (old, "aliquip ex ea");
  gint64 end = cp_index_nth (old, "incididunt ut", 1) + 13;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (start, ==, 205);
  g_assert_cmpint (end, ==, 379);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}
#undef S_P

/* Bug (the synthetic page of seed 75, three wrong placements): a short
 * line "Lorem ipsum dolor sit amet. " went, and the next line starts with
 * the same words.  The stretch from the heading before ran into the next
 * line's start, paired with the line that went: that part's rest has too
 * little left to tell (". "), so it is cut back when another line nearby
 * starts alike and the new line's rest reads as that line's rest.  A
 * comma that went from that rest (", consectetur adipisicing elit sed do
 * …") stopped the reading short of 32 characters, and the line that went
 * carried "sit amet." onto the next line's words.  One punctuation mark
 * more or fewer, past the first eight characters, no longer stops it. */
#define S_L2 "             Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt " \
             "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris " \
             "nisi ut aliquip ex ea commodo consequat.\n"
static void
test_since_rest_reads_alike_comma (void)
{
  const char *old = "\n    \n        \n            Lorem\n             Lorem ipsum dolor sit amet. \n" S_L2 "    \n";
  const char *new = "\n    \n        \n            Lorem\n             Lorem ipsum dolor sit amet, consectetur adipisicing "
                    "elit sed do eiusmod\ntempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam; "
                    "quis nostrud exercitation ullamco laboris nisi ut aliquip eo ea commodo consequat.\n    \n";
  gint64 start = cp_index (old, "sit amet.");
  gint64 end = cp_index (old, "eiusmod") + 7;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 9, &res);

  /* Its line went. */
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
  /* From that line's end into the next: on the next line's start, if
   * anywhere. */
  got = locate_since (old, new, start + 4, end, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new, "Lorem ipsum"));
}
#undef S_L2

/* Bug (seeds 8, 9, 10): the part the alignment carried held exactly half
 * of the quote, one of its characters a space paired with an inserted
 * one; placed on it, the highlight covered less than half of what
 * survived.  The carried part must hold more than half (here the window
 * search then finds all of it). */
static void
test_since_exact_half (void)
{
  const char *a = "The photographs were taken at the museum, where the whole collection is kept in drawers.\n";
  const char *b = "Each drawer holds the remains of one animal, labelled with the place it was found.\n";
  g_autofree char *old = g_strconcat (a, "        Important: Sync your new profile\n", b, NULL);
  g_autofree char *new = g_strconcat (b, "        Important: Sync  your these new profle\n", a, NULL);
  gint64 start = cp_index (old, "Important");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 32, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.end > cp_index (new, "your"));
}

/* A highlight whose first paragraph went, while a sentence came in at
 * the start of its second: the inserted sentence stands where the
 * paragraph stood, so the neighbours alone cannot show that the
 * paragraph went rather than changed past pairing, and the surviving
 * part was orphaned.  No unpaired text anywhere looks like the paragraph:
 * it went, and the surviving part carries the highlight. */
static void
test_since_gone_beside_inserted (void)
{
  const char *p0 = "The remote attack works against any server, said the researcher, and patches are not yet available.\n";
  const char *p1 = "            The flaw affects the server hosting the game, according to a computer programmer who has "
                   "released proof-of-concept code that exploits the vulnerability.\n";
  const char *p2 = "            \"I thought a lot before writing this post,\" Pakistan-based researcher Ali Khan wrote.\n";
  const char *p2e = "            Was quite to the again many these different quite that be. \"I thought a lot before "
                    "writing this post,\" Pakistan-based researcher Ali Khan wrote.\n";
  const char *p3 = "The company did not answer a request for comment on Monday, nor on the day after.\n";
  g_autofree char *old = g_strconcat (p0, p1, p2, p3, NULL);
  g_autofree char *new = g_strconcat (p0, p2e, p3, NULL);
  gint64 start = cp_index (old, "server hosting");
  gint64 end = cp_index (old, " researcher Ali");
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, <=, cp_index (new, "\"I thought"));
  g_assert_cmpint (res.start, >=, cp_index (new, "be. \"I"));
  g_assert_cmpint (res.end, ==, cp_index (new, " researcher Ali"));
}

/* But a line that survived, too changed to pair, next to the one that
 * went is no evidence of anything: the highlight's few surviving letters
 * are not placed as if the rest went. */
static void
test_since_gone_beside_changed (void)
{
  const char *p0 = "Some of them were angry, and the story said so in its headline and its first line too.\n";
  const char *p1 = "            He did not want to make him look bad.\n";
  const char *p2 = "        Emery also retweeted an article by a magazine that claimed otherwise.\n";
  const char *p2e = "        Emerry also retweeted an article by a magazine that claimed otherwise.\n";
  g_autofree char *old = g_strconcat (p0, p1, p2, NULL);
  g_autofree char *new = g_strconcat (p0, "Was quite to the again many. ", p2e, NULL);
  gint64 start = cp_index (old, "make him");
  ClipperAnchorResult res;
  place_since (old, new, start, cp_index (old, "Emery") + 5, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new, "        Emerry"));
}

/* Table cells (seed 1, heavy): a status, blank lines reindented, a value.
 * The alignment paired too little of the highlight to carry it (the blank
 * lines it could pair, not the short reindented ones); the window's one
 * match, eleven folded characters, was refused for want of agreeing
 * context, the cells around it being as changed.  The match holds all the
 * alignment paired of the quote, and nothing paired with other text: it
 * is the quote's place. */
static void
test_since_table_cells (void)
{
  const char *old = "                   \n"
                    "                                success\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                                completed\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                             N/A \n"
                    "                        \n"
                    "                        \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                fatal_failure\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "  ";
  const char *new = "                   \n"
                    "                                success\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                            \n"
                    "   completed\n"
                    "                             \n"
                    "                         \n"
                    "                         \n"
                    "\t                            N/A \n"
                    "       \t                \n"
                    "                        \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                 fatal_failure\n"
                    "                            \n"
                    "                        \n"
                    "                         \n";
  gint64 start = cp_index (old, "completed");
  gint64 end = cp_index (old, "N/A") + 3;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "completed"));
  g_assert_cmpint (res.end, ==, cp_index (new, "N/A") + 3);
}

/* A heading line next to edited text (seed 1, heavy): "Kenya trip" is too
 * short to pair, the next line's first word went onto a line of its own
 * and the text before it changed, so the searched place's first line had
 * nothing paired and nothing paired next to it: refused as possibly a
 * line that only reads like the quote's.  It reads as the quote's first
 * line, and the old text has no other: it is that line. */
static void
test_since_edge_line_same (void)
{
  const char *old = "\n"
                    "                 Kenya is getting ready to welcome the US president \n"
                    "            \n"
                    "        \n"
                    "        Kenya trip\n"
                    "        Mr Obama was speaking to the BBC at the White House before departing for Kenya.\n"
                    "        His father was Kenyan and the president is expe";
  const char *new = "t get too low when it's lo,“  he said. \n"
                    "    \t   \n"
                    "            \n"
                    "       \n"
                    "            \n"
                    "        \n"
                    "        Kenya trip\n"
                    "         Mr\n"
                    "Obaba was seeking to the BBC at the White House before departing for Kenya.\n"
                    "         His father was Kenyan and the president is exp";
  gint64 start = cp_index (old, "Kenya trip");
  gint64 end = cp_index (old, "BBC at") + 6;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "Kenya trip"));
  g_assert_cmpint (res.end, ==, cp_index (new, "BBC at") + 6);
}

/* Orphaned that had a place (seed 8, medium): a table's row whose first
 * cell, "N/A", is too short to pair (the old text holds it in other rows
 * too) and whose next cell, "fatal_failure", is paired.  The window search
 * finds the quote letter for letter, but its first line holds nothing
 * paired while the rest does, which is how a line that only reads like the
 * quote's looks.  From that line to the paired cell the new text is the
 * old text's, line for line: the row's own cell, where it stood.  Not
 * when a line came in between ("N/A ⏎ retried ⏎"), nor when the cell
 * reads otherwise ("N/X") or the line before it does: the line may be
 * another row's. */
static void
test_since_edge_line_laid_out (void)
{
  const char *old = "Each failure is retried after a while, the delay growing with each attempt, as the table says.\n"
                    "                             Exponential backoff for tasks with retriable failure.  \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                success\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                                completed\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                             N/A \n"
                    "                        \n"
                    "                        \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                fatal_failure\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                                completed\n"
                    "                            ";
  const char *new = "Each failure is retried after a while, the delay growing with each attempt, as the table says.\n"
                    "\t                             Exponential backoff for tasks with retriable failure.  \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                sucess\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                                completed\n"
                    "                \n"
                    "           \n"
                    "                        \n"
                    "                             N/A \n"
                    "                        \n"
                    "                        \n"
                    "                        \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                                 fatal_failure\n"
                    "                            \n"
                    "                        \n"
                    "                        \n"
                    "                            \n"
                    "                                completed\n"
                    "                            ";

  gint64 start = cp_index (old, "N/A");
  gint64 end = cp_index (old, "fatal_failure") + 13;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);
  g_autofree char *got2 = NULL;
  g_autoptr (GString) changed = g_string_new (new);
  gint64 at = strstr (changed->str, "N/A \n") + 5 - changed->str;

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, cp_index (new, "N/A"));
  g_assert_cmpint (res.end, ==, cp_index (new, "fatal_failure") + 13);

  g_string_insert (changed, at, "                             retried\n");
  got2 = locate_since (old, changed->str, start, end, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got2);

  /* Nor when the line itself differs: "N/X" may be another row's cell,
   * one typo off. */
  {
    g_autofree char *typo = g_strdup (new);
    g_autofree char *got3 = NULL;

    strstr (typo, "N/A")[2] = 'X';
    got3 = locate_since (old, typo, start, end, &res);
    g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
    g_assert_null (got3);
  }

  /* Nor when the line before it reads otherwise ("completed" become
   * "cancelled"): alike rows follow each other, and when one went the
   * next one's "N/A" stands where the quote's stood, laid out alike,
   * after one edit (seed 19: "… 0.34036303344446665347 ⏎ 500 │
   * 2020-08-01" ran on "18:00:00+00" in the old text, on "17:59:00+00",
   * another row's, in the new). */
  {
    g_autoptr (GString) other = g_string_new (new);
    g_autofree char *got4 = NULL;
    const char *n_a = strstr (other->str, "N/A");
    gint64 at_c = g_strrstr_len (other->str, n_a - other->str, "completed") - other->str;

    g_string_erase (other, at_c, 9);
    g_string_insert (other, at_c, "cancelled");
    got4 = locate_since (old, other->str, start, end, &res);
    g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
    g_assert_null (got4);
  }
}

/* A line among reflowed layout, the text around it gone or changed (seed
 * 1, heavy): nothing pairs near it, and searched among the unpaired text
 * its context agrees with nothing.  Its halves stand once each in the old
 * text and the whole once in the new: that is where it is. */
static void
test_since_once_in_each (void)
{
  const char *old = "                      \n"
                    "                    \n"
                    "                \n"
                    "            \n"
                    "            \n"
                    "                \n"
                    "                    \n"
                    "                         ♪音声配信(html5) \n"
                    "                    \n"
                    "                    \n"
                    "                        \n"
                    "                            \n"
                    "                        \n"
                    "                    \n"
                    "      ";
  /* (A paragraph came in at the top, too, so that the gap between the
   * quote's neighbours — the texts' ends — holds more than whitespace and
   * the quote: "verbatim between its neighbours" does not ask it.) */
  const char *new = "A new paragraph came in at the top of the page, with a great many words that the old text never "
                    "had anywhere, so that the text before the quote holds far more than whitespace: several long "
                    "sentences about nothing in particular, written only to be longer than what the rule for a "
                    "quote standing verbatim between its neighbours allows, which counts letters, not spaces.\n"
                    "                      \n"
                    "                    \n"
                    "                \n"
                    "            \n"
                    "            \n"
                    "                \n"
                    "                    \n"
                    "     \n"
                    "                   ♪音声配信(html5) \n"
                    "                    \n"
                    "                    \n"
                    " \n"
                    "                      \n"
                    "                            \n"
                    "            \n"
                    "           \n"
                    "                    \n"
                    "   \n"
                    "  ";
  gint64 start = cp_index (old, "\u266a");
  gint64 end = cp_index (old, "(html5)") + 7;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (new, "\u266a"));
  g_assert_cmpint (res.end, ==, cp_index (new, "(html5)") + 7);
}

/* A sentence inserted after the first third of a highlight whose words
 * all carry typos: nothing pairs inside it, and searched whole in its
 * window it has too many errors.  Its thirds are found one by one; the
 * last two stand side by side, more than half of the quote, and carry it
 * (the inserted sentence keeps the first apart). */
static void
test_since_thirds (void)
{
  const char *before = "The committee met on Tuesday morning to review the budget for the coming year, "
                       "and the chair opened with a summary.\n";
  const char *after = "\nAfter the break, the members turned to the question of the new library building and "
                      "its opening hours.\n";
  g_autofree char *old = g_strconcat (before, "Several members asked why the cost of heating had risen so sharply "
                                      "since the last review, and the treasurer promised a full account of the "
                                      "contracts signed during the winter months.", after, NULL);
  g_autofree char *new = g_strconcat (before, "Severbl members bsked why tie cost of ieating had risen so siarply "
                                      "Many later found it was the report. sincf the last seview, and the treasuser "
                                      "promisee a full acdount of tie contractt signed dusing the wioter months.",
                                      after, NULL);
  gint64 start = cp_index (old, "Several");
  gint64 end = cp_index (old, "months.") + 7;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "sincf"));
  g_assert_cmpint (res.end, ==, cp_index (new, "months.") + 7);
}

/* A passage's first line went and the start of the next is full of typos
 * (seed 1, heavy): the alignment pairs only " bacteria can turn into",
 * too little of what may have survived, with the line's changed start
 * unaccounted for.  Aligned letter by letter outward from what was
 * paired, the changed start is the quote's own ("Any spzcies of"), and
 * the placement takes it in. */
static void
test_since_part_goes_on (void)
{
  const char *old = "s. It refers to bacteria that can't be treated using two or more, says Brian K. Coombes, PhD, "
                    "of McMaster University in Ontario.\n"
                    "        Any species of bacteria can turn into a superbug.\n"
                    "        Misusing antibiotics (such as taking them when you don't ne";
  const char *new = "ociety of America. \"But were in fairness, there is no real definition.\"\n"
                    "        Any spzcies of  bacteria can turn into a superbug.\n"
                    "        \"What the public should know is that\n"
                    "the more antibiotics y";
  ClipperAnchorResult res;
  place_since (old, new, 0, cp_index (old, "turn into") + 9, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  /* (With the line's indentation, which the quote holds whole.) */
  g_assert_cmpint (res.start, ==, cp_index (new, "        Any spzcies"));
  g_assert_cmpint (res.end, ==, cp_index (new, "turn into") + 9);
}

/* A highlight over hundreds of blank lines, its first words edited past
 * pairing: the run's extension walks back over more line breaks than it
 * keeps characters.  It must stay within its bounds (ASan) and place the
 * highlight no wider than the new text's copy of it. */
static void
test_since_many_blank_lines (void)
{
  GString *old = g_string_new ("The committee met on Tuesday to review the budget for the coming year.\n");
  GString *new = g_string_new (old->str);
  const char *tail = "and the treasurer promised a full account of the contracts signed in winter, "
                     "in writing, before the next meeting of the whole committee.\n";
  ClipperAnchorResult res;
  g_autofree char *got = NULL;
  gint64 start, end;

  /* Text of its own, edited past pairing (so that the quote is not
   * repeated text, which its blank lines are)... */
  for (int i = 0; i < 250; i++)
    {
      g_string_append_printf (old, "item%d ", i * 7919 % 10007);
      g_string_append_printf (new, "itex%d ", i * 7919 % 10007);
    }
  g_string_append (old, "\n");
  g_string_append (new, "\n");
  /* ... hundreds of blank lines, reindented, and the part that pairs. */
  for (int i = 0; i < 700; i++)
    {
      g_string_append (old, " \n");
      g_string_append (new, i % 2 ? "\t\n" : "  \n");
    }
  g_string_append (old, tail);
  g_string_append (new, tail);
  start = cp_index (old->str, "item");
  end = cp_index (old->str, "committee.\n") + 10;
  got = locate_since (old->str, new->str, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN ||
                 (res.start >= cp_index (new->str, "itex") && res.end <= cp_index (new->str, "committee.\n") + 10));
  g_string_free (old, TRUE);
  g_string_free (new, TRUE);
}

/* Bug (seeds 8 and 10): a word inserted before the quote's next word
 * ("has is provided", "de practice Coronavirus") ends in the same letter
 * as the quote's word before it; the alignment paired that letter and the
 * space, and the placement's edge took in the rest of the inserted word
 * as if it were a changed first letter. */
static void
test_since_inserted_word_edge (void)
{
  const char *old1 = "Other members of the community have been helping out, too. PlutoPete, a vendor from the original Silk "
                     "Road who sold cannabis seeds and other legal items, has provided ScreamMyName with packaging to "
                     "safely send the samples to Barcelona.\n";
  const char *new1 = "Other members of the community have been helping out,\ttoo. PlutoPete, a vendor from the original Silk "
                     "Road who sold cannabis seeds and other legal Be expected in said it it. items, has is provided "
                     "ScreamMyName with packaging too safely send the samples to Barcelona.\n";
  const char *old2 = "Las noticias del dia sobre la salud publica, con todo lo que hay que saber hoy.\n"
                     "    El brote de Coronavirus se extiende por la capital del pais y las autoridades piden calma.\n";
  const char *new2 = "Las noticias del dia sobre la salud publica, con todo lo que hay que saber hoy.\n"
                     "    Said it is the report. El brote de practice Coronavirus se extiende por la capital del pais y "
                     "las autoridades piden calma.\n";
  g_autoptr (ClipperAnchorText) t1 = clipper_anchor_text_new (new1);
  g_autoptr (ClipperAnchorText) t2 = clipper_anchor_text_new (new2);
  ClipperAnchorResult res;
  Sel s;

  sel_make (&s, old1, cp_index (old1, "items"), cp_index (old1, "items") + 19);
  clipper_anchor_locate_all_since (t1, old1, &s.sel, 1, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new1, "items"));
  sel_clear (&s);

  sel_make (&s, old2, cp_index (old2, "El brote"), cp_index (old2, "El brote") + 23);
  clipper_anchor_locate_all_since (t2, old2, &s.sel, 1, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new2, "El brote") ||
                 res.start >= cp_index (new2, "practice") + 8);
  sel_clear (&s);
}

/* Re-anchoring keeps the old text and the alignment's arrays in a
 * per-thread scratch between calls (for speed): what an earlier call,
 * longer or shorter, left there must not change a result; nor must a
 * text too long for the scratch to keep, nor an old text that is not valid
 * UTF-8 (decoded again once made valid, into the scratch); and another
 * thread has its own. */
typedef struct {
  gint64 start[4], end[4];
  int    kind[4];
} ScratchRun;

/* Round fourteen (seed 109, heavy): "different" was inserted before the
 * quote's first word, "different" ("entirely different different than
 * even my generation").  The alignment paired the inserted one, and the
 * placement began with ten characters of text from elsewhere.  Which of
 * the two is the quote's the texts do not say; the inner one is never
 * wrong, so the placement starts there. */
static void
test_since_edge_word_doubled (void)
{
  const char *pa = "        Obama said young people were more open than any generation before them: \"In this "
                   "generation, they have an attitude about race that's entirely ";
  const char *qo = "different than even my generation.\n";
  const char *qn = "different different than even my generation.\n";
  const char *pb = "        Talking about how he was feeling after his recent successes, he said \"every president, "
                   "every leader has strengths and weaknesses\" and that he had been lucky.\n";
  g_autofree char *old = g_strconcat (pa, qo, pb, NULL);
  g_autofree char *new = g_strconcat (pa, qn, pb, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "different than");
  gint64 end = cp_index (old, "he said \"every") + 14;
  ClipperAnchorResult res;

  got = locate_since (old, new, start, end, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "different than"));
}

/* Fifteenth session (seed 375, medium): "the" was inserted after the
 * quote's "that", doubling the word beside it ("that the the more").  The
 * alignment paired "that " with the old text, then " the more" after the
 * inserted copy, and the gap between them, an inserted word, made "that "
 * look like a few letters cut off by inserted text, a coincidence: the
 * placement dropped them (or, paired the other way, the quote's last
 * word).  A gap that is a copy of the word beside it is the doubling's. */
static void
test_since_gap_doubled_word (void)
{
  const char *pa = "        Doctors have long warned about the overuse of antibiotics in children and adults alike.\n"
                   "        \"What the public should know is ";
  const char *pb = " antibiotics you have taken, the higher your superbug risk,\" said the study's author.\n"
                   "        Superbugs are bacteria that resist the drugs meant to kill them.\n";
  g_autofree char *old = g_strconcat (pa, "that the more", pb, NULL);
  g_autofree char *new = g_strconcat (pa, "that the the more", pb, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "that the more");
  ClipperAnchorResult res;

  got = locate_since (old, new, start, start + 13, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_strcmp0 (got, "that the the more") == 0);
}

/* Fifteenth session (seed 386, heavy): "was" was inserted after the
 * quote's "was" and its last word had a typo ("saucer was was usd!" for
 * "saucer was used.").  The alignment paired "saucer was " with the first
 * copy; the rest, four letters with one wrong, is too short to read on
 * past the second, and the placement ended before the quote's own "was"
 * if the first copy is the inserted one.  Which is, the texts do not say:
 * the placement takes in the copy. */
static void
test_since_edge_word_copy_beyond (void)
{
  const char *pa = "        You can use any platform you wish. In this case, a small ";
  const char *pb = "\n        Place the cloche on a flat surface and fill it with soil.\n";
  g_autofree char *old = g_strconcat (pa, "saucer was used.", pb, NULL);
  g_autofree char *new = g_strconcat (pa, "saucer was was usd!", pb, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "saucer was used.");
  ClipperAnchorResult res;

  got = locate_since (old, new, start, start + 16, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "saucer was was"));
}

/* Round fourteen (seed 125, heavy): the quote's line break after
 * "accord." reflowed into spaces, and its second line went after "will do
 * what" ("they can to block a deal, …" gone), the next paragraph's "The"
 * changed to "Te".  The part that goes on past the run matched "t" of
 * "they" with "T" of that next line: as many line breaks in both texts,
 * but the new one stands where the old text has none, and a line of
 * another paragraph starts there.  The extension ends before it. */
static void
test_since_extension_line_moved_break (void)
{
  const char *pa = "        If the deal does not pass muster with Netanyahu, he is likely to work with "
                   "congressional Republicans to try to scuttle the accord.\n";
  const char *pq = "        \xe2\x80\x9cThe Republicans have said they will do what they can to block a deal, and the "
                   "prime minister has already made clear that he will work with the Republicans against the "
                   "president,\xe2\x80\x9d Indyk said.\n";
  const char *pc = "        The second test \xe2\x80\x94 talks with Palestinians \xe2\x80\x94 could be even more "
                   "difficult. In his September 2013 address to the United Nations, Obama hailed signs of hope.\n";
  const char *na = "        If the deal does not pass muster with Netanyahu, he is likely to work with "
                   "congressional Republicans to try to scuttle the accord.       \t \xe2\x80\x9cThe Repubicans "
                   "have said they will do what\n";
  const char *nc = "        Te second test \xe2\x80\x94 talks with Palestinians \xe2\x80\x94 could be even more "
                   "difficult. In his September  2013 address to the United Nations; Obama hailed signs of hope.\n";
  const char *pd = "        Today, those talks are stalled, and few expect them to resume before the election.\n";
  g_autofree char *old = g_strconcat (pa, pq, pc, pd, NULL);
  g_autofree char *new = g_strconcat (na, nc, pd, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "with congressional");
  gint64 end = cp_index (old, "has already made") + 16;
  ClipperAnchorResult res;

  got = locate_since (old, new, start, end, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got, "will do what"));
}

/* Round fourteen (seed 123, heavy): "now.” Izuku", with "now.”" edited
 * to "now!”" and "many" inserted after it.  The alignment pairs " Izuku"
 * alone, too little; the window search reads "ny Izuku", the tail of the
 * inserted word, as the quote (folded "ny" is "now" with two errors) and
 * holds but half of "now!” many Izuku".  The quote's first word stands
 * whole and unpaired just before the word the place cuts into: the place
 * reaches out to it. */
static void
test_since_search_reaches_own_word (void)
{
  const char *pa = "         A vague haze hovered over Izuku's memory. It started with a simple conversation gone "
                   "astray on a long drive home.\n";
  const char *po = "         \"So, who is All For One? Do we know anything about him beyond what you told me before? "
                   "He's been imprisoned for months now.\" Izuku remembered asking All Might from the backseat of "
                   "the car as Detective Tsukauchi leisurely drove along a sprawling highway.\n";
  const char *pn = "         \"So; who is All For One? Do we know anything about him beyond what you toold me before? "
                   "He's been imprisoned foa month now!\" many Izuku remembered asking All Might from the backseao of "
                   "the car as Detective Tsukauchi leisurely drove along a sprawling highway.\n";
  const char *pc = "         Playing on the car radio was an aftermath report of a villain attack in downtown Tokyo.\n";
  g_autofree char *old = g_strconcat (pa, po, pc, NULL);
  g_autofree char *new = g_strconcat (pa, pn, pc, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "now.\" Izuku");
  ClipperAnchorResult res;

  got = locate_since (old, new, start, start + 11, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "now"));
}

/* Round fourteen (seed 101, heavy): "(Alibaba says it has no plans to do
 * this," went but for "to do", which stands, a word inserted after it,
 * before " this," on a line of its own.  Too short for a q-gram, "to do"
 * looked gone with the rest, and " this," alone was placed: less than
 * half of what survived.  Where a word came in beside the paired text the
 * stretch meets inside a line, the stretch's edge gives up a q-gram's
 * length as where it meets text that is there. */
static void
test_since_short_survivor_beside_inserted_word (void)
{
  const char *pa = "    Verizon's Yahoo will then be run under the same umbrella as AOL. It is unclear whether "
                   "there will be a further merger of the two businesses after the acquisition.\n"
                   "    Plans for Yahoo are still a bit in flux in part because of the abnormal sale process.\n";
  const char *pr = "    As for Remain Co., it will become a so-called investment company. It will probably just "
                   "sit there, returning cash to shareholders and waiting for Alibaba to buy it in a tax-free "
                   "transaction. (Alibaba says it has no plans to do this, but most people do not believe this).\n";
  const char *pn = "to do expected this, but most people do not believe this)!\n";
  const char *pc = "    The rights of Yahoo shareholders in this sale will be different from those in an ordinary "
                   "sale, when an entire company is bought.\n";
  g_autofree char *old = g_strconcat (pa, pr, pc, NULL);
  g_autofree char *new = g_strconcat (pa, pn, pc, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "(Alibaba says");
  ClipperAnchorResult res;

  got = locate_since (old, new, start, start + 41, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "to do") != NULL);
}

/* Round fourteen (seed 122, heavy): a line of a JSON example far up the
 * page ('"href": "https://…/inbox",', a typo in it) moved in between two
 * lines of the quote, in place of a line of the quote that went.  Edited,
 * it is no verbatim copy of an old line, yet nearly all of its folded
 * 5-grams stand in the old text and none in the quote's text it stands
 * between: it came in from elsewhere, and the placement does not take it
 * in together with the quote's text beyond it. */
static void
test_since_gap_line_moved_in_edited (void)
{
  const char *example = "    An example of a response from the storage server, as JSON:\n\n"
                        "    {\n"
                        "             \"href\": \"https://michielbdejong.com:7678/outbox\",\n"
                        "             \"href\": \"https://michielbdejong.com:7678/inbox\",\n"
                        "             \"href\": \"https://michielbdejong.com:7678/public\",\n"
                        "             \"rel\": \"post-me-anything\"\n"
                        "    }\n\n";
  const char *filler = "    Servers keep the data of each user apart from that of every other\n"
                       "    user, and they answer each request only after checking its token.\n\n";
  const char *before = "    A third party could link to an application, but specify an\n"
                       "    account address that it controls, thus tricking the user into\n"
                       "    sending sensitive data to the wrong server. To mitigate this,\n"
                       "    applications SHOULD clearly display to which remoteStorage server\n"
                       "    they are sending the user's data.\n\n";
  const char *after_old = "    Applications could request scopes that the user did not intend to\n"
                          "    give access to. The user SHOULD always be prompted to carefully\n"
                          "    review which scopes an application is requesting.\n\n";
  const char *after_new = "             \"href\": \"https://michielbdejotg.com:7678/inbox\",\n"
                          "    give access to. The user SHOULD always be prompted to carefully\n"
                          "    review which scopes an application is requesting.\n\n";
  const char *tail = "    An application may upload malicious html pages and then trick the\n"
                     "    user into visiting them, which is why hosting them is discouraged.\n";
  const char *example_new = "    An example of a response from the storage server, as JSON:\n\n"
                            "    {\n"
                            "             \"href\": \"https://michielbdejong.com:7678/outbox\",\n"
                            "             \"href\": \"https://michielbdejong.com:7678/public\",\n"
                            "             \"rel\": \"post-me-anything\"\n"
                            "    }\n\n";
  g_autofree char *old = g_strconcat (example, filler, before, after_old, tail, NULL);
  g_autofree char *new = g_strconcat (example_new, filler, before, after_new, tail, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "display to which");
  gint64 end = cp_index (old, "give access to.") + 35;
  ClipperAnchorResult res;

  got = locate_since (old, new, start, end, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "href") == NULL);
}

/* An article of @lines distinct lines, with a sentence inserted after
 * line @at when @edited; the quote is line @q. */
static char *
scratch_article (int lines, int at, gboolean edited)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < lines; i++)
    {
      g_string_append_printf (s, "Line %d tells of the item numbered %d in this long list.\n", i, i * 7 + 3);
      if (edited && i == at)
        g_string_append (s, "An editor inserted this sentence here, later.\n");
    }
  return g_string_free (s, FALSE);
}

static void
scratch_locate (const char *old, const char *new, const char *quote, ScratchRun *run, int r)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (new);
  g_autofree char *valid = g_utf8_make_valid (old, -1);
  ClipperAnchorResult res;
  Sel s;

  sel_make (&s, valid, cp_index (valid, quote), cp_index (valid, quote) + g_utf8_strlen (quote, -1));
  clipper_anchor_locate_all_since (t, old, &s.sel, 1, &res);
  run->start[r] = res.start;
  run->end[r] = res.end;
  run->kind[r] = res.kind;
  sel_clear (&s);
}

static gpointer
scratch_sequence (gpointer data)
{
  ScratchRun *run = data;
  /* 2,000 lines: some 110,000 characters; 6,000: past what is kept. */
  g_autofree char *old_long = scratch_article (2000, 10, FALSE);
  g_autofree char *new_long = scratch_article (2000, 10, TRUE);
  g_autofree char *old_huge = scratch_article (6000, 3000, FALSE);
  g_autofree char *new_huge = scratch_article (6000, 3000, TRUE);
  const char *old_bad = "Short \xff\xfe old text, with the quote in it and a few words more.";
  const char *new_short = "Short text, now edited, with the quote in it and a few words more.";

  scratch_locate (old_long, new_long, "Line 1500 tells of the item numbered 10503", run, 0);
  scratch_locate (old_bad, new_short, "the quote in it", run, 1);
  scratch_locate (old_huge, new_huge, "Line 5000 tells of the item numbered 35003", run, 2);
  scratch_locate (old_long, new_long, "Line 1500 tells of the item numbered 10503", run, 3);
  return run;
}

static void
test_since_scratch_reused (void)
{
  g_autofree char *new_long = scratch_article (2000, 10, TRUE);
  g_autofree char *new_huge = scratch_article (6000, 3000, TRUE);
  const char *new_short = "Short text, now edited, with the quote in it and a few words more.";
  ScratchRun here = { 0 }, there = { 0 };
  GThread *thread;

  scratch_sequence (&here);
  thread = g_thread_new ("anchor-scratch", scratch_sequence, &there);
  g_thread_join (thread);

  g_assert_cmpint (here.kind[0], ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (here.start[0], ==, cp_index (new_long, "Line 1500 tells"));
  g_assert_cmpint (here.end[0], ==, here.start[0] + 42);
  g_assert_cmpint (here.kind[1], ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (here.start[1], ==, cp_index (new_short, "the quote in it"));
  g_assert_cmpint (here.kind[2], ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (here.start[2], ==, cp_index (new_huge, "Line 5000 tells"));
  /* The same call after a shorter and a longer one: the same result. */
  g_assert_cmpint (here.kind[3], ==, here.kind[0]);
  g_assert_cmpint (here.start[3], ==, here.start[0]);
  g_assert_cmpint (here.end[3], ==, here.end[0]);
  for (int r = 0; r < 4; r++)
    {
      g_assert_cmpint (there.kind[r], ==, here.kind[r]);
      g_assert_cmpint (there.start[r], ==, here.start[r]);
      g_assert_cmpint (there.end[r], ==, here.end[r]);
    }
}

/* Bug (seed 9): a table of contents' entry with its dot leaders, whose
 * dots became exclamation marks here and there.  Folded matching ignores
 * punctuation, found "Acknowledgments" alone and placed the highlight on
 * it and one dot: less than half of what was selected. */
static void
test_since_dot_leaders (void)
{
  const char *a = "The photographs were taken at the museum, where the whole collection is kept in drawers.\n";
  const char *b = "Each drawer holds the remains of one animal, labelled with the place it was found.\n";
  g_autofree char *old = g_strconcat (a, "      16. Acknowledgments...................................20\n", b, NULL);
  g_autofree char *new = g_strconcat (b, "      16. Acknowledgments.!.............!...........!.!.....!....!......20\n", a, NULL);
  gint64 start = cp_index (old, "Acknowledgments");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 34, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.end - res.start >= 17);
}

/* Bug (seed 2, again): the same near copy as in since-copy-elsewhere, but
 * with the lines before it edited so that nothing near it on that side
 * is paired; the other side's text from elsewhere must be enough. */
static void
test_since_copy_elsewhere_one_side (void)
{
#define COPY "series_stddev\n   FROM series\n),\nzscores AS (\n   SELECT n,\n   (n - series_avg) / series_stddev AS zscore"
  const char *old = "How to find anomalies in a series with nothing but a database query and some patience.\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS " COPY "\n"
                    "   FROM series, stats;\n"
                    "Its results show a single outlier among the values, which is what we hoped to see.\n"
                    "Measured on a million rows, the first version takes about two seconds on a laptop.\n"
                    "The faster version folds both steps into a single scan of the table, as follows:\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS " COPY "\n"
                    "   FROM series, stats;\n"
                    "Its results show the same outlier, found in half the time by a single query.\n";
  const char *new = "How to find anomalies in a series with nothing but a database query and some patience.\n"
                    "   SELECT avg(n) AS series_avg,\n   stddev(n) AS qqq_xxxx\n   WHERE nothing\n),\nother AS (\n"
                    "   VALUES 1, 2,\n   (y - qqq) / www AS zz\n"
                    "Mexsured on a millxon rows, the fxrst versxon takes abxut twx secxnds on a lxptop.\n"
                    "The fxster versxon fxlds bxth steps intx a sxngle scxn of the txble, as fxllows:\n"
                    "   SELxCT avg(n) AS sxries_avg,\n   stddev(n) AS serxes_stdxev\n   FROM sqries\n"
                    "                              ),\nzscores AS (\n   SELlCT n,\n   (n - seriesavg) / series_stdev AS zscor\n"
                    "   FROM series, stats;\n"
                    "Its results show the same outlier, found in half the time by a single query.\n"
                    "   FROM series, stats;\n"
                    "Its results show a single outlier among the values, which is what we hoped to see.\n";
  gint64 start = cp_index (old, COPY);
  ClipperAnchorResult res;
  place_since (old, new, start, start + g_utf8_strlen (COPY, -1), &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
#undef COPY
}

/* Bug (seed 2): a quote mostly of a formula's layout (short lines of one
 * symbol, whitespace) and a heading; the layout moved away and was
 * reflowed, so the alignment could pair none of it, took it for deleted
 * and carried the highlight onto the heading alone. */
static void
test_since_layout_moved_away (void)
{
#define LAYOUT "                             2 \n                             a \n                        \n" \
               "                    \n                 . \n            \n        \n"
#define HEADING "     The Lorenz Equations"
  const char *a = "The system was first studied by Edward Lorenz, who simplified a model of convection rolls.\n";
  const char *b = "Its solutions never settle down and never repeat, yet they stay within a bounded region.\n";
  const char *moved = "        \t          \t        2 \n              \t            \t a \n             \t          \n"
                      "         \t          \n        \t        . \n     \t      \n   \t    \n";
  g_autofree char *old = g_strconcat (a, LAYOUT, HEADING, "\n", b, NULL);
  g_autofree char *new = g_strconcat (a, HEADING, "\n", b, moved, NULL);
  gint64 start = cp_index (old, "2 \n");
  gint64 end = cp_index (old, "Equations") + 9;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  /* Not on the heading alone: most of what survived is elsewhere. */
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start >= cp_index (new, moved));
#undef LAYOUT
#undef HEADING
}

/* Bug (seeds 5, 6, 7): a caption's next line moved away, and the line now
 * after the caption starts with the same two words.  The stretch ran past
 * the caption's line break into them and was believed, because a piece of
 * the moved line's rest ("Foundation") stood a little further on in the
 * new text: but the passage repeats that name, so it stands near whichever
 * line comes next. */
static void
test_since_repeated_word_ahead (void)
{
  const char *head = "Raspberry Pi has reached new heights, and it has become the best-selling computer in the UK.\n"
                     "        Raspberry Pi 3 - A credit card sized PC that only costs $35 - Image: Raspberry Pi Foundation\n";
  const char *moved = "        Raspberry Pi Foundation is a charity that pushes for a digital revolution in schools.\n";
  const char *next = "        Raspberry Pi in education - Image: Raspberry Pi Foundation\n"
                     "        In centres all over the country children learn to write programs for it.\n";
  g_autofree char *old = g_strconcat (head, moved, next, NULL);
  g_autofree char *new = g_strconcat (moved, head, next, NULL);
  gint64 start = cp_index (old, "the best-selling");
  gint64 end = cp_index (old, "Foundation is") + 10;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  /* On the caption and what is left before it, never on the next
   * caption's first words. */
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (got, "the best-selling"));
  g_assert_null (strstr (got, "Raspberry Pi in"));
  g_assert_cmpint (res.end, <=, cp_index (new, "Raspberry Pi in"));
}

/* Bug (seeds 4 and 7): a blank line came in among the blank lines of a
 * block.  Walking the gap, the indentation of the blank line that followed
 * the quote's first part was paired with the start of the longer one that
 * came in (spaces agree with any spaces), and the highlight ended part-way
 * into that line. */
static void
test_since_blank_line_came_in (void)
{
#define BLANK20 "                    \n"
#define BLANK16 "                \n"
  const char *head = "The changes in this release were made by many people, listed here with thanks.\n"
                     "                    Character screen Dominik\n";
  const char *tail = "                    Help overlay kovarex\n"
                     "                    Map generator TOGoS and many others who sent patches.\n";
  g_autofree char *old = g_strconcat (head, BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20, BLANK16 BLANK16, tail, NULL);
  g_autofree char *new = g_strconcat (head, BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20 BLANK20, BLANK16 BLANK20 BLANK16, tail, NULL);
  gint64 start = cp_index (old, "Character");
  gint64 end = cp_index (old, "kovarex") + 7;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  /* Whole lines, or up to the quote's end: never part of the blank line
   * that came in. */
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (got, "Character"));
  g_assert_true (g_str_has_suffix (got, "\n") || g_str_has_suffix (got, "kovarex"));
#undef BLANK20
#undef BLANK16
}

/* Bug (seed 4): a sentence was inserted before the quote's last words.
 * Walking the gap (a passage came, so only the line is followed), the walk
 * stepped over "Cur" to "rent " in "diffe|rent" of the inserted sentence,
 * four letters agreeing by chance, and could not step back in step after
 * it; the highlight was carried onto the inserted sentence. */
static void
test_since_step_to_nowhere (void)
{
  const char *old = "The work was led by a team at the institute, and the findings were published in the "
                    "journal Current Biology.\n        \n         The hypothesis was that monkeys weigh "
                    "evidence before they act.\n";
  const char *new = "The work was led by a team at the institute, and the findings were published in the "
                    "journal Be here why different in which to why practice were. Current was Biology.\n"
                    "   \t    \n         The hypothesis was that monkeys weigh evidence before they act.\n";
  gint64 start = cp_index (old, "findings");
  gint64 end = cp_index (old, "The hypothesis") + 14;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  /* Not ending in the inserted sentence. */
  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    g_assert_true (res.end <= cp_index (new, "Be here") || res.end > cp_index (new, "Biology"));
}

/* Bug (seed 5): a blank line came in among a block's blank lines, right
 * before the last of them and alike with it.  A passage came there, so
 * only the blank lines next to the stretches were paired, from the
 * stretch before first: the quote's blank lines took the first four new
 * ones, the one that came in among them.  Which of alike blank lines came
 * is for neither end to say. */
static void
test_since_blank_lines_disputed (void)
{
#define B24 "                        \n"
#define B20 "                    \n"
  const char *first = "Published in 1949 by Mr. Wang (editor), with notes\n";
  const char *last = "                            The second part of the record begins on this line\n";
  const char *after = "And the page goes on with another paragraph that is not highlighted.\n";
  g_autofree char *old = g_strconcat (first, B24 B20 B20 B24, last, after, NULL);
  g_autofree char *new = g_strconcat (first, B24 B20 B20 B24 B24, last, after, NULL);
  gint64 start = cp_index (old, "1949");
  gint64 end = cp_index (old, "record begins") + 13;
  gint64 came_in = (gint64) (strlen (first) + strlen (B24 B20 B20));
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  /* Not ending in (or right after) the fourth blank line, the one that
   * came in: it stands among the quote's blank lines only by chance. */
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (got, "1949"));
  g_assert_cmpint (res.end, <=, came_in);
#undef B24
#undef B20
}

/* Bug (seed 6): two lines that end alike, word for word; the second moved
 * far away (and was edited), and the comma before the first's end was
 * deleted.  The stretch
 * anchored on the line after the second ran back into the first's end,
 * which now stands before that line, and highlights on either line were
 * carried onto the wrong one's end. */
static void
test_since_lines_end_alike (void)
{
#define TAIL "configure the destination's input mux appropriately and stop.\n"
  const char *intro = "The design is then routed, which is simple due to the crossbar structure. For each edge:\n";
  const char *l1 = "    If dedicated (non-fabric) routing is used for this path, " TAIL;
  const char *l1_new = "    If dedicated (non-fabric) routing is used for this path " TAIL;
  const char *l2 = "    If the source and destination are in the same half of the device, " TAIL;
  const char *l2_new = "    If the source and destination are in the same half of the device; "
                       "configure the destinattion's input mux appropriately and stop.\n";
  const char *l3 = "    A cross-connection must be used. Check if we already used one to bring the source signal over.\n"
                   "    Check if we have any cross-connections left going in this direction, or fail with an error.\n";
  const char *later = "Once routing is finished, run a series of design rule checks on the netlist and report them.\n"
                      "If you don't already have one, you will need to buy a development kit with a programmer.\n"
                      "While you are waiting for it to arrive, install the designer software and read its manual.\n";
  g_autofree char *old = g_strconcat (intro, l1, l2, l3, later, NULL);
  g_autofree char *new = g_strconcat (intro, l1_new, l3, later, l2_new, NULL);
  ClipperAnchorResult res;
  gint64 start = cp_index (old, "device, configure");
  place_since (old, new, start, start + 59, &res);
  gint64 start1 = cp_index (old, "routing is used");
  g_autofree char *got1 = NULL;

  /* On the second line, where it moved, or an orphan: never on the end of
   * the first. */
  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    g_assert_cmpint (res.start, >=, cp_index (new, l2_new));
  got1 = locate_since (old, new, start1, cp_index (old, "appropriately") + 13, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got1, ==, "routing is used for this path configure the destination's input mux appropriately");
#undef TAIL
}

/* Bug (synthetic pages): a page of paragraphs repeated verbatim, whose
 * first copy moved to the end.  The alignment pairs only text that occurs
 * once, so the moved copy was unpaired; with the text's start right before
 * it and its neighbour now at the top, it was taken for deleted, and a
 * highlight of its end and the caption after it went onto the caption
 * alone. */
static void
test_since_copy_moved_unpaired (void)
{
#define PARA "     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut " \
             "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris " \
             "nisi ut aliquip ex ea commodo consequat. \n"
  const char *caption = "    \n     Single <img> \n    \n";
  const char *a = "     A figure with a caption of its own, which this page keeps in one place only.\n";
  const char *b = "     A list of images follows here, each of them a link to a larger version of it.\n";
  const char *moved = "     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
                      "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                      "laboris nisi ut aliquip ex ea commoo consequat. \n";
  g_autofree char *old = g_strconcat ("\n", PARA, caption, a, PARA, b, PARA, NULL);
  g_autofree char *new = g_strconcat ("\n", caption, a, PARA, b, PARA, moved, NULL);
  gint64 start = cp_index (old, "sit amet");
  gint64 end = cp_index (old, "<img>") + 5;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  /* Most of it is the paragraph, which survived: not the caption alone. */
  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    g_assert_nonnull (strstr (got, "consequat"));
#undef PARA
}

/* Bug (synthetic pages): a heading's lines moved into the middle of a
 * paragraph the page repeats (so the alignment pairs little of it).  The
 * search in the window, blind to line breaks, read through the heading's
 * line "Lorem" as a few errors and joined the quote's two parts around it. */
static void
test_since_line_moved_between (void)
{
#define HEAD "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo " \
             "consequat. Duis aute irure dolor in reprehenderit"
#define TAIL "in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat " \
             "non proident, sunt in culpa qui officia deserunt mollit anim id est laborum."
  const char *old = "\n    \n        Lorem\n"
                    "     Lorem ipsum dolor sit amet, sed do eiusmod tempor. " HEAD " " TAIL " \n"
                    "        Foo\n"
                    "     Tempor incididunt ut labore. " HEAD " " TAIL " \n    \n";
  const char *new = "     Lorem ipsum dolor sit amet, sed do eiusmod tempor. Ut enim ad minim veniiam, qus nostrud "
                    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat! Duis aute irure dolor in "
                    "repreheenderit\n\n    \n        Lore\n"
                    "in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint later occaecat "
                    "cupidatat non\tproident, sunt in culpa qui officia deserunt mollit anim id est laborum. \n"
                    "        however Foo\n"
                    "     Tempor incididunt ut labore. " HEAD " " TAIL " \n    \n";
  gint64 start = cp_index (old, "reprehenderit in");
  gint64 end = cp_index (old, "occaecat cupidatat") + 18;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  /* One part or the other, never both with the heading's line between. */
  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    g_assert_null (strstr (got, "Lore\n"));
#undef HEAD
#undef TAIL
}

/* Bug (seeds 12 and 14): a word or sentence inserted into a short quote
 * ("7.3 MB again (-59%)") carries its own space, and the alignment paired
 * that space with the quote's.  The part after the insertion then seemed
 * to hold one character more than the unpaired part before it, and the
 * highlight went onto what was in truth the lesser half. */
static void
test_since_inserted_space_edge (void)
{
  const char *old1 = "      <td>Size before</td>\n                  7.6 MB (-57%)\n                        \n"
                     "                        \n                            7.3 MB (-59%)\n                        \n"
                     "                    \n                    \n      <td>Next row of the table</td>\n";
  const char *new1 = "      <td>Size before</td>\n                  7.6 MB (-57%)\n           \t            \n"
                     "                        \n                            7.3 MB again (-59%)\n                        \n"
                     "                    \n                    \n      <td>Next row of the table</td>\n";
  const char *old2 = "A prioridade de estudo e não a outras situações\", falou Tite ao programa \"Grande Círculo\", que "
                     "ainda irá ao ar no SporTV. \n         Na ocasião, Tite e outros jogadores falaram.\n";
  const char *new2 = "A prioridade de estudo e não a outras situações“, falou Tite practice ao\nprogrrama “Grande Círculo“, "
                     "Report these were later from in report agin here. said que ainda irá ao ar no SporTV. \n"
                     "         Na ocasião, Tite e outros jogadores falaram.\n";
  ClipperAnchorResult res;
  place_since (old1, new1, cp_index (old1, "7.3 MB"), cp_index (old1, "7.3 MB") + 13, &res);
  g_autofree char *got2 = NULL;

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new1, "7.3 MB"));
  got2 = locate_since (old2, new2, cp_index (old2, "Círculo"), cp_index (old2, "Círculo") + 19, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start <= cp_index (new2, "Círculo"));
}

/* Bug (seed 14): the blank lines before a heading moved to just after it,
 * and a word came into the heading ("The it Bountiful").  Nothing of the
 * blank lines was paired, and the placement ran from the heading through
 * them into the list: a line that came in between (two line breaks and
 * four characters more than the old text had there) now parts the
 * heading from the list, and
 * the list, the larger part, is the place. */
static void
test_since_blank_line_between (void)
{
  const char *old = "\n    \n        Minecraft 1.8 - The Bountiful Update\n        \n            + Added Granite, "
                    "Andesite, and Diorite stone blocks, with smooth versions+ Added Slime Block+ Added Iron Trapdoor+ "
                    "Added Prismarine and Sea Lantern blocks+ Added the Ocean Monument+ Added Red Sandstone+ Added "
                    "Banners+ Added Armor Stands+ Added Coarse Dirt (dirt where grass won’t grow)+ Added Guardian mobs, "
                    "with item drops\n";
  const char *new = "        Minecraft 1.8 - The it Bountiful Update\n\n    \n         \n            + Added Granite, "
                    "Andesite; and Diorite stone blocks, with smooth vebsions+ Added Slime Block+ Added Iron Trapdoor+ "
                    "Added Prismarine and Sea Lantern blocks+ Added the Ocean Monument+ Added Red Sandstone+ Aeded \n"
                    "Banners+ Added Armor Stands+ Added Coarse Dirt (dirt where grass won’t grow)+ Added Guardian mobs, "
                    "with item drops\n";
  gint64 start = cp_index (old, "1.8 - The");
  gint64 end = cp_index (old, " and Sea Lantern");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start > cp_index (new, "Update"));
  if (got != NULL)
    g_assert_nonnull (strstr (got, "+ Added Granite"));
}

/* Bug (seed 12): the dates and the newsletter line in the middle of a
 * quote moved further down, and the caption before them and the line
 * after them now stand together.  Their pairs made one part, and the
 * quote's unpaired middle was taken to lie inside it, between them, where
 * the new text has no room for it: the highlight went onto its two edges
 * alone, the lesser part. */
static void
test_since_middle_moved_away (void)
{
  const char *old = "\n    \n        \n            \n                \n                JIM WATSON/AFP/Getty Images\n"
                    "            \n        \n        22 Dec, 2016\n        22 Dec, 2016\n    \n    \n        \n"
                    "            SIGN UP FOR OUR NEWSLETTER\n        \n        Snopes fact checker and staff writer David "
                    "Emery posted to Twitter asking if there were “any un-angry Trump supporters?”\n        Emery, a "
                    "writer for partisan “fact-checking” website Snopes.com which soon will be in charge of labelling "
                    "“fake news” alongside ABC News and Politifact, retweeted an article by Vulture magazine relating to "
                    "the protests of the Hamilton musical following the decision by the cast of the show to make a "
                    "public announcement\n";
  const char *new = "\n    \n        \n      \t     \n                \n             \t  JIM WATSON/AFP/Getty Images\n"
                    "        Snopes fact checker and staff writer David Emery posted to Twitter asking if there were “any "
                    "un—angry Trump supporters?”\n             \n        \n\n       22 Dc; 2016\n        22 However it to "
                    "why which to however were in expected many these. Dec, 2016\n    \n    \n        \n         \n"
                    "  SIGN UP FOR OUR NEWSLETTER\n        \n        Emery, a writer for partisan “fact-checking” website "
                    "Snopes.com which soon will be in charge of labelling “fake news” alongside ABC News it and "
                    "Politifact, retweeted\tan article by Vulturee magazine relating to the later protessts of the "
                    "Hamilton musical following the decsion by the cast of the show to make of a public announcement\n";
  gint64 start = cp_index (old, "JIM WATSON");
  gint64 end = cp_index (old, " and staff writer");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "SIGN UP") != NULL);
}

/* Bug (seeds 11 and 14): a run of alike lines of code ("list: [ ]" four
 * times), the quote two and a half of them, the first one's word changed
 * ("lisw") and the lines after the run reindented.  Folded, the quote
 * matches itself shifted by a line, its copies overlap into one place in
 * the old window and in the new one, and the search took the copy one
 * line down, unchanged.  Where in such a run a quote stood, neither
 * counting nor context (alike too) can tell: an orphan. */
static void
test_since_alike_lines_run (void)
{
#define PAIR "                        list: [\n                        ]\n"
  const char *old = "                 In my case, I chose to create lists within lists, down to five levels. This is a "
                    "json representation of what it looks like. \n                \n                    rekt: {\n"
                    "    list: [\n        list: [\n            list: [\n                list: [\n"
                    "                    list: [\n" PAIR PAIR PAIR PAIR
                    "                        ...\n                    ]\n                    ...\n                ]\n"
                    "                ...\n            ]\n            ...\n        ]\n        ...\n    ]\n    ...\n}\n"
                    "    The bug resides in the networking internals of the Minecraft protocol.\n";
  const char *new = "                 In my case, I chose to create lists wvthin lists, down to five levels! This is a "
                    "json representation of what it looks like! \n                \n                    rekt: {\n"
                    "    list: [\n        list: [\n            list: [\n                list: [\n"
                    "                    list: [\n                      \n lisw: [\n                        ]\n"
                    "                   \t    list: [\n                        ]\n                        list: [\n"
                    "   \t                    ]\n                        list: [\n                       \n]\n"
                    "                        ..!\n               \n    ...\n        \n    The bug resides in the Be said "
                    "we practice expected we indeed indeed to quuite from. networking internals of the Minecraft "
                    "protocol.\n";
#undef PAIR
  gint64 start = cp_index (old, "list: [\n                        ]");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 123, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start == cp_index (new, "lisw"));
}

/* Bug (synthetic pages, seeds 1 and 14): of two lines starting alike
 * ("Lorem ipsum dolor sit amet." and "Lorem ipsum dolor sit amet, …") the
 * first went.  The alignment paired what is left of the second with the
 * first, the quote's own start was left unpaired, taken for deleted (too
 * short to tell by its q-grams that the old text holds it twice) and, as
 * new text paired with old text elsewhere stood before the rest, taken to
 * be no part of it: the highlight went onto its lesser half. */
static void
test_since_alike_line_went (void)
{
  const char *old = "\n    \n        \n            Lorem\n             Lorem ipsum dolor sit amet. \n"
                    "             Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
                    "incididunt ut labore et dolore magna aliqua. \n";
  const char *new = "\n    \n        \n            Lorem\n             Lorem ipsum dolor sit amet, consectetur "
                    "adipisicing elt, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. \n";
  gint64 start = cp_index (old, "Lorem ipsum dolor sit amet, consectetur");
  ClipperAnchorResult res;
  place_since (old, new, start, start + 51, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start == cp_index (new, "Lorem ipsum"));
}

/* Bug (seed 19): a button's label ("Next") moved in among the blank lines
 * inside a quote, whose last line was edited too much to pair.  The
 * search's place held the label's line: the quote's line count rules it
 * out only with two line breaks more than the quote, and the place ended
 * a line short.  A whole line whose letters are paired with nothing of the
 * quote and read as no part of it is text that came in between. */
static void
test_since_label_moved_between (void)
{
  const char *old = "\n    \n        \n            It’s easier than ever to personalize Firefox and make it work "
                    "the way you do. No other browser gives you so much choice and flexibility.\n            \n"
                    "                \n            \n        \n        \n            \n"
                    "                Designed to be redesigned\n                Get fast and easy access to the "
                    "features you use most in the new menu.\n";
  const char *new = "\n    \n        \n            It’s easier than ever to personalize Firefox and make it work "
                    "the way you do.\tNo other browser gives you so much choice and flexibility!\n            \n"
                    "                    Next\n                \n            \n        \n        \n            \n"
                    "                Desigked to be redestgned\n                Get fast and easy access to the "
                    "features you use most in the new menu.\n";
  gint64 start = cp_index (old, "the way you do");
  gint64 end = cp_index (old, "\n                Get fast");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Next") == NULL);
}

/* Bug (seed 10): of a table's rows alike up to their last cells
 * ("2020-08-01 18:00:00+00 │         40|4 …", "…40|0 …"), one went, and
 * a sentence came in a row further on, so the gap between stretches kept
 * its length and was walked line by line: the walk paired the row that
 * went with the next one up to where they differ, and the highlight on
 * the row that went landed on its neighbour.  A line's part that another
 * line nearby starts with, where the new line reads on as that other
 * one, is the other line's. */
static void
test_since_alike_row_went (void)
{
  const char *old = "Here is the query that counts each status code every minute:\n\n"
                    "        period         │ status_code │ entries\n"
                    "2020-08-01 18:00:00+00 │         200 │    4084\n"
                    "2020-08-01 18:00:00+00 │         404 │       0\n"
                    "2020-08-01 18:00:00+00 │         400 │      24\n"
                    "2020-08-01 18:00:00+00 │         500 │       0\n"
                    "2020-08-01 17:59:00+00 │         400 │      12\n"
                    "2020-08-01 17:59:00+00 │         200 │    3927\n"
                    "The table goes on with the earlier minutes of the day.\n";
  const char *new = "Here is the query that counts each status code every minute:\n\n"
                    "        period         │ status_code │ entries\n"
                    "2020-08-01 18:00:00+00 │         200 │     4084\n"
                    "2020-08-01 18:00:00+00 │         400 │      24\n"
                    "2020-08-01 18:00:00+00 │         500 │       0\n"
                    "2020-08-01 17:59:00+00 │         400\t│      12\n"
                    "2020-08-01 17:59:00+00 │         From that was here note practice why that note we. "
                    "200 │    3927\n"
                    "The table goes on with the earlier minutes of the day.\n";
  gint64 start = cp_index (old, "│         404");
  gint64 kept = cp_index (old, "│         400 │      24");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 13, &res);
  g_autofree char *got_kept = NULL;

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "404") != NULL);
  /* The row that survived keeps its place. */
  got_kept = locate_since (old, new, kept, kept + 23, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got_kept, ==, "│         400 │      24");
  g_assert_cmpint (res.start, ==, cp_index (new, "│         400 │      24"));
}

/* Bug (seed 17): a blank line of 21 spaces came in before the quote's
 * last line, next to its own blank lines of 12; walking back from the
 * last line, the gap's walk paired the quote's blank line with the end
 * of the one that came in, and the highlight started with it.  Spaces
 * that agree back to where one side's line starts while the other's goes
 * on are two different lines'. */
static void
test_since_blank_line_tail (void)
{
  const char *old = "ign and Construction. \n                 Digging by hand is also a challenge in frozen ground, "
                    "so many excavations that are close to pipes and other utilities are put off, Mr. Michaels said. \n"
                    "            \n            \n                 And asphalt is harder to obtain because it must be "
                    "kept and transported at high temperatures, he added. \n                 In the extreme cold, cit";
  const char *new = "f winter make it even worse. \n                 Diging by hand is also a challenge in frozen ground, "
                    "so many excavations that are close to pipes and other utilities\nare put off, Mr. Michaels said. \n"
                    "             \n            \n                     \n                 And asphalt is harder to obtain "
                    "because it must be kept and transported at high temperatures, he added. \n                 In the "
                    "extreme cold; cit";
  gint64 start = cp_index (old, "so many");
  gint64 end = cp_index (old, " he added");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN ||
                 (strstr (got, "                     \n") == NULL && !g_unichar_isspace (g_utf8_get_char (got))));
}

/* Bug (seed 8): "practice" was inserted into "El brote de Coronavirus";
 * the alignment paired the "e" of "de" with that of "practice", the
 * coincidental letter was dropped off the run, and the run " Coronavirus"
 * began with the inserted word's space, which counted for the quote
 * because the letter before it was (coincidentally) paired: the lesser
 * half was placed.  A letter dropped off the run is as unpaired. */
static void
test_since_dropped_letter_space (void)
{
  const char *old = "Photo\n    CreditFotoilustración de Andrew B. Myers para The New York Times\n    \n        \n"
                    "            El brote de Coronavirus\n        \n    Más en El brote de Coronavirus ›\n    \n"
                    "    Photo\n    Credit the next picture of the day, another one entirely\n";
  const char *new = "Photo\n    CreditFotoilustración de Andrew B! Myers para The however New Yoro Times\n    \n         \n"
                    "            El brote de practice Coronavirus\n        \n    Más en El brote de Coroonavirus was ›\n    \n"
                    "    Photo\n    Credit the next picture of the day, another one entirely\n";
  gint64 start = cp_index (old, "El brote de Coronavirus\n");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 23, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "El brote"));
}

/* Bug (seed 18): a heading ("Response") went, and the next paragraph
 * starts with the same word ("Response instances are …").  The stretch
 * from the quote's text before the heading ran into that paragraph's
 * start, the heading's line having nothing left to tell it apart, and the
 * highlight took in the paragraph's first word.  A line's part that the
 * next line starts with too, the new line reading on as that one, is
 * that line's. */
static void
test_since_heading_went_same_word (void)
{
  const char *old = "is being fetched. This could be “image” if the request is from an <img>tag in the controlled "
                    "document, and so on. When used with the fetch() function, it is “fetch”.\n            \n"
                    "            Response\n            Response instances are returned by calls to fetch(). They can "
                    "also be created by JS, but this is only useful in ServiceWorkers.\n";
  const char *new = "is being fetched. This could be “image” if the request is from an <img>tag in the controlled "
                    "document, and so on. When used with the fetch() function, it is “fetch”.\n            \n"
                    "            Response instances are returned by calls to fetch(). They can also be created by "
                    "JS, but this\nis only useful in ServiceWorkers.\n";
  gint64 start = cp_index (old, "This could be");
  gint64 end = cp_index (old, "\n            Response instances");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Response") == NULL);
}

/* Bug (seed 18): a line inside the quote went ("Snopes fact checker …"),
 * and in its place stands a blank line more than the old text had (of 8
 * spaces, like the quote's own).  The quote's paired parts on both sides
 * were carried as one, taking in the blank line that came in.  A line of
 * text that went and a blank line more, longer than what a placement may
 * take in, part the run with caution. */
static void
test_since_line_became_blank (void)
{
  const char *old = "\n    \n        \n            \n                \n                JIM WATSON/AFP/Getty Images\n"
                    "            \n        \n        22 Dec, 2016\n        22 Dec, 2016\n    \n    \n        \n"
                    "            SIGN UP FOR OUR NEWSLETTER\n        \n        Snopes fact checker and staff writer David "
                    "Emery posted to Twitter asking if there were “any un-angry Trump supporters?”\n        Emery, a writer "
                    "for partisan “fact-checking” website Snopes.com which soon will be in charge of labelling “fake "
                    "news” alongside ABC News and Politifact, retweeted ";
  const char *new = "\n    \n  \n     \n            \n                \n                was JIM WATSON/AFP/Getty\nImages\n"
                    "             \n\t       \n        22 Dec, 2016\n        22 Dec, 2016\n    \n    \n        \n"
                    "           \tSIGN UP FOR OUR NEWSLETTER\n        \n        \n        Emery, a writer for parttisan "
                    "“fact-checking” websit Snopes.com which soon will be in charge of labelling “fake news” indeed "
                    "alongside ABC News and Poitifact, retweeted an articl";
  gint64 start = cp_index (old, "22 Dec");
  gint64 end = cp_index (old, " “fact-checking”");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "NEWSLETTER\n        \n        \n") == NULL);
}

/* Bug (seed 36): the rest of "RMS both a friend and colleague, …" went;
 * "bhth a" stayed, and on the line after it stood "from SELECT …", a line
 * from elsewhere.  The run's part went on ("bhth a", then "f" of
 * "friend" against "f" of "from"), and the edge took in the rest of
 * "from".  An extension that ends inside a word of each text, on a line
 * of the new text the old text did not have there, is not taken there. */
static void
test_since_extension_into_other_line (void)
{
  const char *old = "In fact, his views and statements posted on his site about it escalated for the worse over the last "
                    "few years. When the escalation started, I still considered RMS both a friend and colleague, and I "
                    "attempted to argue with him at length to convince him that some of his positions were harmful to "
                    "the people who devote their lives to others.\n         Posted on Tuesday 15 October 2019 at 09:11 "
                    "by Bradley M. Kuhn. \n    \n    \n        #include <std/disclaimer.h>\n        use "
                    "Standard::Disclaimer;\n        from standard import disclaimer\n        SELECT full_text FROM "
                    "standard WHERE type = 'disclaimer';\n    \n     Both previously and presently, I have been "
                    "employed by various organizations that also have views on Free Software.\n";
  const char *new = "In fact, many of his views and  statements possted on his site about it escalated for the worse over "
                    "Lter however was we report. the last few years.  When the escalation started I still considered "
                    "RMS\nbhth a\n  \t     from SELECT full_text FROM standard\nWHERE tye = 'disclaimer';\n    \n"
                    "     Both previously and presently, I have been employed by various organizations that also have "
                    "views on Free Software.\n";
  gint64 start = cp_index (old, "still considered RMS");
  gint64 end = cp_index (old, "to others.") + 10;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "from") == NULL);
}

/* Bug (seed 46): "what" was inserted in "2019 at 09:11", and the stretch
 * that grew back from "09:11 by Bradley" took "at" of "wh|at" for the
 * quote's "at", which was left unpaired: the highlight "2019 at 09:11"
 * landed on "what 09:11".  And (seed 45) "that" inserted before "there":
 * the run ended in "th|at", the highlight on "the box sit that".  A few
 * letters at a run's edge that end (start) a word, where the new word goes
 * on in unpaired letters and the old word stands unpaired just beyond it,
 * are a coincidence. */
static void
test_since_edge_word_of_inserted (void)
{
  const char *old = "Stand firm for software freedom while also making a safe place for everyone who comes.\n"
                    "         Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn. \n    \n    \n"
                    "        #include <std/disclaimer.h>\n        The closing words of the page, long enough to pair.\n";
  const char *new = "We should also realize that a human being is flawed like the rest of us, and said so.\n"
                    "         Povted on Tuesdy 15 Octber 2019 at what 09:11 by Bradley M! Kuhn. \n \t   \n    \n"
                    "        use Standard::Disclaimer;\n        The closing words of the page, long enough to pair.\n";
  /* (Seed 45: "that" inserted before "there", the run's "th" its head;
   * the paragraphs after the quote's went.) */
  const char *p1 = "They set the rolling box down in front of the doors to Garden Hall, then hid behind a planter "
                   "watching it.\n            \n";
  const char *p3 = "            Shut up. You are hiding behind a pepper plant with me, and the peppers are watching.\n";
  g_autoptr (GString) old2 = g_string_new (p1);
  g_autofree char *new2 = g_strconcat (p1, "            It is so freaked out, Haoyu whipered, watching the box sit that "
                                       "there silently.\n            \n", p3, NULL);

  g_string_append (old2, "            It is so freaked out, Haoyu whispered, watching the box sit there silently.\n"
                         "            \n");
  for (int i = 0; i < 8; i++)
    g_string_append_printf (old2, "            Paragraph number %d of the part that went: how did I get here, "
                                  "Alden whispered back, full of rice.\n            \n", i);
  g_string_append (old2, p3);
  gint64 start = cp_index (old, "2019 at 09:11");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 13, &res);
  g_autofree char *got2 = NULL;

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "2019 at"));
  start = cp_index (old2->str, "the box sit there silently.");
  got2 = locate_since (old2->str, new2, start, start + 27, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got2, "there silently."));
}

/* Bug (seeds 32, 34, 43): a photo caption the page prints twice in a
 * row.  One copy moved above the gallery's "1 / 5" (or went): the two old
 * copies are alike, so which copy moved (or went), the texts do not say,
 * yet the alignment walked from the next paragraph back into the copy
 * left in place and carried the second copy's highlights there, and the
 * first copy's were found verbatim too.  A quote on a line printed twice
 * or more in a row is an orphan when the new text between the run's paired
 * neighbours does not hold as many copies in a row; a run kept as it was
 * (a typo in one copy) still places each copy's highlights on that copy. */
static void
test_since_twin_lines (void)
{
  const char *cap = "        In this photo the rocket booster with the cargo ship is installed on a launch pad in Baikonur.\n";
  const char *tail = "        MOSCOW (AP) An unmanned Russian cargo spaceship broke up in the atmosphere over Siberia.\n"
                     "        The craft was operating normally before it stopped transmitting data after the launch.\n";
  g_autofree char *old = g_strconcat ("    Gallery of the launch\n        1 / 5\n", cap, cap, tail, NULL);
  g_autofree char *moved = g_strconcat (cap, "    Gallery of the launch\n        1 / 5\n", cap, tail, NULL);
  g_autofree char *went = g_strconcat ("    Gallery of the launch\n        1 / 5\n", cap, tail, NULL);
  g_autofree char *kept = g_strconcat ("    Gallery of the launch\n        1 / 5\n", cap,
                                       "        In this photo the rocket bosster with the cargo ship is installed on a "
                                       "launch pad in Baikonur.\n", tail, NULL);
  const char *news[] = { moved, went };

  for (guint i = 0; i < G_N_ELEMENTS (news); i++)
    for (int copy = 0; copy < 2; copy++)
      {
        gint64 start = cp_index_nth (old, "rocket booster with the cargo ship", copy);
        ClipperAnchorResult res;
        place_since (old, news[i], start, start + 34, &res);

        g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
      }
  for (int copy = 0; copy < 2; copy++)
    {
      gint64 start = cp_index_nth (old, "the cargo ship is installed", copy);
      ClipperAnchorResult res;
      place_since (old, kept, start, start + 27, &res);

      g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
      g_assert_cmpint (res.start, ==, cp_index_nth (kept, "the cargo ship is installed", copy));
    }
}

/* Bug (seed 23): of three lines starting "Mutable history", the middle one
 * ("… shared across multiple repositories …") went, and the next one
 * starts with the same 20 letters ("Mutable history shared ").  The stretch
 * from the line before ran into them: a part that long was never asked
 * whether its line goes on, and the line before the one that went is
 * longer than the 128 characters the rows rule looked at.  The highlight
 * ending in the line that went took in the next line's start.  A part of
 * a line that the next line starts with too, the new line reading on as
 * that one, is that line's, whatever the part's length. */
static void
test_since_next_line_starts_alike (void)
{
  const char *old = "\n             Mutable history is a powerful tool. Like a sharp knife, an experienced user can do "
                    "wonderful things with it. Having a first-aid kit nearby does not mean you should stop being "
                    "careful with sharp knives. \n             Mutable history shared across multiple repositories "
                    "by a single developer is a natural extension of this model. Once you are used to using a single "
                    "sharp knife on its own, it is pretty straightforward to chop onions and mushrooms using the same "
                    "knife, or to alternate between two chopping boards with different knives. \n             Mutable "
                    "history shared by multiple developers is a scary place to go. Imagine a professional kitchen "
                    "full of expert chefs tossing their favourite knives back and forth.\n";
  const char *new = "\n             Mutable history is a powerful tool. Like a sharp knife, an experienced user can do "
                    "wonderful things with it. Having a first-aid kit nearby does not mean you should stop being "
                    "careful with sharp knives. \n             Mutable history shared by multiple developers is a "
                    "scary place to go. Imagine a professional kitchen full of expert chefs tossing their favourite "
                    "knives back and forth.\n";
  gint64 start = cp_index (old, "does not mean");
  gint64 end = cp_index (old, " across multiple");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Mutable history shared") == NULL);
}

/* Bug (seed 25): a blank line ("     \t    ") came in between two cells
 * of a table ("Valentin Kettner" and "20526"); the gap's walk after the
 * name paired the line break and the spaces up to the tab with the next
 * cell's, could not step back in step, and kept them (neither line ended
 * there).  The part then went on, aligned, to "20526", and the highlight
 * took in the blank line that came in.  Spaces of a dead end after its
 * last line break, where one side's line is blank and the other's holds
 * text, are two different lines': the piece ends at the line break. */
static void
test_since_blank_line_after_cell (void)
{
  const char *old = "                                                Robert Antoni Buj Gelonch\n"
                    "Top contributors to the project by commits in the last year\n"
                    "                                                Jan Holesovsky\n"
                    "                                                20792\n"
                    "                                                1.1%\n"
                    "                                            \n"
                    "                                            \n"
                    "                                                Valentin Kettner\n"
                    "                                                20526\n"
                    "                                                1.1%\n"
                    "                                            \n"
                    "                                            \n"
                    "                                                Robert Antoni Buj Gelonch\n"
                    "                                                20447\n"
                    "                                                1.0%\n"
                    "                                            \n"
                    "                                            \n"
                    "                                                Michael Stahl\n"
                    "                                                18216\n"
                    "                                                0.9%\n"
                    "                                            \n"
                    "                                        \n"
                    "                                    \n";
  const char *new = "                                                Robert Antoni Buj Gelonch\n"
                    "Top contributors to the project by commits in the last year\n"
                    "            Jan Holesovsky\n"
                    "                                                20792\n"
                    "                                                1!1%\n"
                    "                                            \n"
                    "                                            \n"
                    "                                                Valentin Kettner\n"
                    "                 \t                          \n"
                    "                                                20526\n"
                    "                                                1!1%\n"
                    "                                            \n"
                    "                                            \n"
                    "                                                Robert Antoni Buj Gelonch\n"
                    "                    \n"
                    "                           20447\n"
                    "    1.0%\n"
                    "                                            \n"
                    "                                     \n"
                    "      \n"
                    "                                                Michael Stahl\n"
                    "                                                18216\n"
                    "                                                0.9%\n";
  gint64 start = cp_index (old, "Valentin");
  gint64 end = cp_index (old, "1.1%\n                                            \n"
                              "                                            \n                                                Robert") + 4;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strchr (got, '\t') == NULL);
}

/* Bug (seed 26): a paragraph went, and of the quote that ran from it into
 * the next line only "More games news:" and its 16 spaces of indentation
 * were left ("games" misspelled).  The placement started at the line's
 * text, without the indentation (unpaired: whitespace alone does not
 * pair), and so held half of what survived.  A line's indentation goes
 * with its line when the quote holds all of it. */
static void
test_since_indentation_with_line (void)
{
  const char *old = "Infinitely charming and surprisingly challenging, it is a great showpiece for VR.\n"
                    "                \"Eve Valkyrie\" ($60)\n                \n"
                    "                Already a hit on the Oculus Rift, this space dogfighting game was one of the first "
                    "to really show off how VR can turn a traditional game experience into something special. It is "
                    "pricey and not quite as hi-res as the Rift version, but \"Eve Valkyrie\" does an admirable job "
                    "filling the void left since \"Battlestar Galactica\" ended. Too bad there are not any Cylons in it "
                    "(or are there?)\n                More games news:\n                \n"
                    "                    'Skylanders Imaginators' will let you create and 3D print your own action "
                    "figures\n";
  const char *new = "Infinitely charming and surprisingly challenging, it is a great showpiece for VR.\n"
                    "                \"Eve Valkyrie\" ($60)\n                \n"
                    "                More gmes news:\n                \n"
                    "                    'Skylanders Imaginators' will let you create and 3D print your own action "
                    "figures\n";
  gint64 start = cp_index (old, "not quite as hi-res");
  gint64 end = cp_index (old, "\n                \n                    'Skylanders");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_equal (got, "                More gmes news:"));
}

/* Bug (seed 21): a space was inserted in "Then edit the configuration";
 * the alignment paired the inserted space as the quote's and left
 * "configuration" unpaired after the quote's own space.  The part "Then
 * edit the " then seemed one character larger than what was unaccounted
 * for, and the lesser half was placed.  A space at a run's edge with an
 * unpaired space and then letters beyond it (a doubled space) does not
 * count for the run, as an inserted word's own space does not.  (Here the
 * line's rest stays unpaired as there: "configuration for dev" is in the
 * old text twice, and the block after it moved, so no walk fills it.) */
static void
test_since_doubled_space_edge (void)
{
  const char *old = "We need to configure both working repositories to enable the extension first.\n"
                    "First, edit the configuration for dev-box: \n"
                    "    $ hg -R dev-box config --edit --local\n"
                    "When the build box answers again, then edit the configuration for dev-repo: \n"
                    "    $ hg -R dev-repo config --edit --local\nand add the same lines as before to that file.\n"
                    "Now Alice can commit a change and share it with Bob, who pulls it into his own clone.\n";
  const char *new = "We need to configure both working repositories to enable the extension first.\n"
                    "First, edit the configuration for dev-box: \n"
                    "    $ hg -R dev-box config --edit --local\n"
                    "When the build box answers again, then edit the  configuration for dev\u2014repo: \n"
                    "Now Alice can commit a change and share it with Bob, who pulls it into his own clone.\n"
                    "    $ hg -R dev-repo config --edit --local\nand add the same lines as before to that file.\n";
  gint64 start = cp_index (old, "then edit the");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 27, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "configuration") != NULL);
}

/* Bug (seed 27): a row of a result table the page prints several times
 * (so unpaired wherever it stands) moved in after "SELECT" of a query,
 * whose next lines were too changed to pair.  The unpaired text between
 * "SELECT\n" and the query's later lines was no longer than the old text
 * there, so the run went on across it and the placement took in the row.
 * A whole line between two paired characters that the old text holds
 * verbatim elsewhere, not there, came in from elsewhere: the parts on
 * either side are placed apart (judged together). */
static void
test_since_line_moved_in (void)
{
  const char *rows = " 3 \u2502 -0.43259045634870009448 \u2502 f\n 4 \u2502 0.21875000000000000000 \u2502 t\n";
  const char *tail = "GROUP BY\n   period,\n   status_code;\n\n"
                     "That is all there is to it, and the rest of the article explains the zscore.\n";
  g_autofree char *top = g_strconcat ("The anomalies, as the query printed them the first time:\n\n", rows,
                                      "\nAnd the same rows once more, after the second pass over the log:\n\n", rows,
                                      "\nNow the query that counts the entries of every minute in the last hour:\n\n", NULL);
  g_autofree char *old = g_strconcat (top, "SELECT\n   a.period,\n   a.status_code,\n   count(*) AS entries\nFROM\n"
                                      "   axis a\n   LEFT JOIN server_log l ON (\n"
                                      "       date_trunc('minute', l.timestamp) = a.period\n"
                                      "       AND l.status_code = a.status_code\n   )\n", tail, NULL);
  g_autofree char *new = g_strconcat (top, "SELECT\n 3 \u2502 -0.43259045634870009448 \u2502 f\n"
                                      "   a.period,\n   a.staatus_code,\n   count(*) AS entriees\nFROM\n   axis a\n"
                                      "       date_trunc('minute', l.timestamp) = a!period\n"
                                      "       AND l!status_code = a.status_code\n    )\n", tail, NULL);
  gint64 start = cp_index (old, "SELECT\n   a.period");
  gint64 end = cp_index (old, "GROUP BY") + 8;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "0.43259") == NULL);
}

/* Bug (seed 28): of two lines starting "Loop over", the first (the
 * quote's) went; the stretch through "placement:" ran on into the next
 * line's "Loop over ".  A part under 20 letters was asked only whether
 * its line goes on, and " cells" of "unconstrained cells in the netlist"
 * read as the old line's "the cells in the netlist" going on.  The next
 * line starting with the same part, its rest read in the new text, is
 * asked of shorter parts too. */
static void
test_since_short_part_next_line (void)
{
  const char *old = "The initial placement uses a simple greedy algorithm to create a valid (although not "
                    "necessarily optimal or even routable) placement:\n        \n"
                    "            Loop over the cells in the netlist. If any cell has a LOC constraint, which locks "
                    "the cell to a specific physical site, attempt to assign the node to the specified site.\n"
                    "            Loop over all of the unconstrained cells in the netlist and assign them to the "
                    "first unused site with the right label.\n"
                    "            If none are available, the design is too big for the device and placement fails.\n";
  const char *new = "The initial placement uses a simple greedy algorithm to create a valir (although not "
                    "nscessarily optimal or even routable) placement:\n        \n"
                    "            Loop over all of the unconstrained cells in the netlist and assign them to the "
                    "fsrst unused site with the right label.\n"
                    "            If none are available, the design is too big for the device and placement fails.\n";
  gint64 start = cp_index (old, "placement:\n");
  gint64 end = cp_index (old, ", attempt");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Loop") == NULL);
}

/* Bug (seed 29): the page says " com o presidente " twice; the quote's
 * sentence went, and in the other copy "again" was inserted after it.
 * "presidente a" was then once in each text, and the stretch it grew to,
 * "a com o presidente a", was just long enough (20) to pair: the quote
 * was placed on the other sentence's words.  Without the one character
 * that told the copies apart too little agreed to pair: such a stretch is
 * not evidence. */
static void
test_since_stretch_rests_on_edge (void)
{
  const char *old = "         Ap\u00f3s recha\u00e7ar um encontro da sele\u00e7\u00e3o brasileira com o presidente eleito Jair "
                    "Bolsonaro, o t\u00e9cnico Tite declarou que errou ao levar a ta\u00e7a da Copa Libertadores de 2012, "
                    "conquistada pelo Corinthians, ao ex-presidente Luiz In\u00e1cio Lula da Silva. \n"
                    "         O assunto foi levantado\u00a0porque recentemente Tite foi questionado se aceitaria um "
                    "encontro da sele\u00e7\u00e3o brasileira com Bolsonaro em uma conquista de t\u00edtulo ou antes da Copa "
                    "Am\u00e9rica de 2019, por exemplo. O treinador deixou claro que preferiria evitar esse tipo de "
                    "formalidade. \n"
                    "         \"Em 2012 eu fiz e errei. O protocolo e a situa\u00e7\u00e3o gerada no jogo do Palmeiras s\u00e3o "
                    "fatos de opini\u00e3o pessoal. CBF e Palmeiras, enquanto institui\u00e7\u00f5es t\u00eam a opini\u00e3o. Errei "
                    "l\u00e1 atr\u00e1s, n\u00e3o faria com o presidente antes da Copa e nem agora porque entendo que misturar "
                    "esporte e pol\u00edtica n\u00e3o \u00e9 legal. Fiz errado l\u00e1 atr\u00e1s? Sim. Faria de novo? N\u00e3o\", "
                    "acrescentou o comandante. ";
  const char *new = "         Ap\u00f3s recha\u00e7ar um expected encontro da sele\u00e7\u00e3o brasileira com o presidente again "
                    "eleito Jair Bolsonro, o t\u00e9cnico Tite declarou que errou ao levar a ta\u00e7a da Copa Libertadores "
                    "de 2012, conquistada pelo Corinthians, ao ex\u2014presidente Luiz In\u00e1cio Lula da Silva. ";
  gint64 start = cp_index (old, "atr\u00e1s, n\u00e3o faria");
  gint64 end = cp_index (old, "pol\u00edtica n\u00e3o \u00e9") + 12;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}

/* The search's distance at every text column, by the textbook dynamic
 * programme (a match may start anywhere): what Myers' bit vectors compute,
 * written the slow, obvious way. */
static gint64 *
search_distances (const gunichar *p, gint64 m, const gunichar *t, gint64 n)
{
  g_autofree gint64 *col = g_new (gint64, m + 1);
  gint64 *last = g_new (gint64, n);

  for (gint64 i = 0; i <= m; i++)
    col[i] = i;
  for (gint64 j = 0; j < n; j++)
    {
      gint64 diag = col[0];

      col[0] = 0;
      for (gint64 i = 1; i <= m; i++)
        {
          gint64 up = col[i];

          col[i] = MIN (MIN (col[i] + 1, col[i - 1] + 1), diag + (p[i - 1] == t[j] ? 0 : 1));
          diag = up;
        }
      last[j] = col[m];
    }
  return last;
}

/* Myers' bit vectors, one block of 64 pattern rows or several, against
 * the dynamic programme: every hit must be where the programme has that
 * distance, and every run of columns within k must have a hit at its
 * lowest distance. */
static void
test_search_matches_dp (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261129);
  guint n_hits = 0;

  for (guint c = 0; c < 300; c++)
    {
      /* Few letters make many near matches; the pattern also goes into
       * the text, edited. */
      guint sigma = c % 3 == 0 ? 2 : c % 3 == 1 ? 4 : 26;
      gint64 m = g_rand_int_range (rand, 1, 330);
      gint64 n = g_rand_int_range (rand, 1, 900);
      gint k = g_rand_int_range (rand, 0, (gint32) (m / 3) + 1);
      g_autofree gunichar *p = g_new (gunichar, m);
      g_autofree gunichar *t = g_new (gunichar, n);
      g_autofree gint64 *want = NULL;
      g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
      gboolean overflow = FALSE;
      Pattern pt;

      for (gint64 i = 0; i < m; i++)
        p[i] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      for (gint64 j = 0; j < n; j++)
        t[j] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      if (n > m + 10 && g_rand_boolean (rand))
        {
          gint64 at = g_rand_int_range (rand, 0, (gint32) (n - m));

          memcpy (t + at, p, (gsize) m * sizeof (gunichar));
          for (gint e = g_rand_int_range (rand, 0, k + 2); e > 0; e--)
            t[at + g_rand_int_range (rand, 0, (gint32) m)] = 'a' + (gunichar) g_rand_int_range (rand, 0, 26);
        }

      want = search_distances (p, m, t, n);
      clipper_anchor_pattern_init (&pt, p, m, FALSE);
      clipper_anchor_pattern_search (&pt, t, 0, n, k, hits, &overflow);
      clipper_anchor_pattern_clear (&pt);
      g_assert_false (overflow);

      for (guint h = 0; h < hits->len; h++)
        {
          const Hit *hit = &g_array_index (hits, Hit, h);

          g_assert_cmpint (hit->d, <=, k);
          g_assert_cmpint (want[hit->end], ==, hit->d);
          g_assert_cmpint (want[hit->end2], ==, hit->d);
        }
      /* Each run of columns within k holds a hit, at the run's lowest. */
      for (gint64 j = 0; j < n;)
        {
          gint64 run_end = j, low = G_MAXINT64, hit_low = G_MAXINT64;

          if (want[j] > k)
            {
              j++;
              continue;
            }
          while (run_end < n && want[run_end] <= k)
            low = MIN (low, want[run_end]), run_end++;
          for (guint h = 0; h < hits->len; h++)
            {
              const Hit *hit = &g_array_index (hits, Hit, h);

              if (hit->end >= j && hit->end < run_end)
                hit_low = MIN (hit_low, hit->d);
            }
          g_assert_cmpint (hit_low, ==, low);
          n_hits++;
          j = run_end;
        }
      /* And no hit outside them. */
      for (guint h = 0; h < hits->len; h++)
        g_assert_cmpint (want[g_array_index (hits, Hit, h).end], <=, k);
    }
  /* The cases must have had something to find. */
  g_assert_cmpuint (n_hits, >, 100);
}

/* A search split at a column and resumed over another text that reads the
 * same up to it (the old window beside the new, which share their start
 * up to the first edit) finds what a search of that text from the start
 * finds: hit for hit, up to where they stop, for one to four blocks (the
 * searches that keep their state) and longer patterns (which do not, and
 * are searched whole). */
static void
test_search_split_resume (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261130);
  guint n_resumed = 0;

  for (guint c = 0; c < 400; c++)
    {
      guint sigma = c % 3 == 0 ? 2 : c % 3 == 1 ? 4 : 26;
      gint64 m = g_rand_int_range (rand, 1, c % 8 == 0 ? 330 : 257);
      gint64 n = g_rand_int_range (rand, 1, 900);
      gint64 n2 = g_rand_int_range (rand, 1, 900);
      gint64 split = g_rand_int_range (rand, 0, (gint32) MIN (n, n2) + 1);
      gint64 shift = g_rand_int_range (rand, 0, 50);
      gint k = g_rand_int_range (rand, -1, (gint32) (m / 3) + 1);
      g_autofree gunichar *p = g_new (gunichar, m);
      g_autofree gunichar *t = g_new (gunichar, n);
      /* The other text, @shift columns further on in its buffer. */
      g_autofree gunichar *t2 = g_new (gunichar, n2 + shift);
      g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autoptr (GArray) whole = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autoptr (GArray) resumed = g_array_new (FALSE, FALSE, sizeof (Hit));
      gboolean overflow = FALSE, overflow2 = FALSE, overflow3 = FALSE;
      SearchState at;
      Pattern pt;

      for (gint64 i = 0; i < m; i++)
        p[i] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      for (gint64 j = 0; j < n; j++)
        t[j] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      if (n > m + 10 && g_rand_boolean (rand))
        memcpy (t + g_rand_int_range (rand, 0, (gint32) (n - m)), p, (gsize) m * sizeof (gunichar));
      for (gint64 j = 0; j < n2; j++)
        t2[shift + j] = j < split ? t[j] : 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);

      clipper_anchor_pattern_init (&pt, p, m, FALSE);
      clipper_anchor_pattern_search_split (&pt, t, 0, split, n, k, hits, &overflow, &at);
      clipper_anchor_pattern_search (&pt, t2, shift, shift + n2, k, whole, &overflow2);
      g_assert_true (!at.kept || (m <= 256 && (k >= 0 || m <= 64)));
      if (at.kept)
        {
          for (guint h = 0; h < at.n_hits; h++)
            {
              Hit x = g_array_index (hits, Hit, h);

              x.end += shift;
              x.end2 += shift;
              g_array_append_val (resumed, x);
            }
          at.cur.end += shift;
          at.cur.end2 += shift;
          clipper_anchor_pattern_search_resume (&pt, &at, t2, shift + split, shift + n2, k, resumed, &overflow3);
          g_assert_cmpint (overflow3, ==, overflow2);
          g_assert_cmpuint (resumed->len, ==, whole->len);
          for (guint h = 0; h < whole->len; h++)
            {
              const Hit *a = &g_array_index (whole, Hit, h), *b = &g_array_index (resumed, Hit, h);

              g_assert_cmpint (a->end, ==, b->end);
              g_assert_cmpint (a->end2, ==, b->end2);
              g_assert_cmpint (a->d, ==, b->d);
            }
          n_resumed += whole->len > 0 ? 1 : 0;
        }
      /* The split search finds what the whole one does in its own text. */
      {
        g_autoptr (GArray) once = g_array_new (FALSE, FALSE, sizeof (Hit));
        gboolean overflow4 = FALSE;

        clipper_anchor_pattern_search (&pt, t, 0, n, k, once, &overflow4);
        g_assert_cmpint (overflow4, ==, overflow);
        g_assert_cmpuint (once->len, ==, hits->len);
        for (guint h = 0; h < once->len; h++)
          {
            const Hit *a = &g_array_index (once, Hit, h), *b = &g_array_index (hits, Hit, h);

            g_assert_cmpint (a->end, ==, b->end);
            g_assert_cmpint (a->end2, ==, b->end2);
            g_assert_cmpint (a->d, ==, b->d);
          }
      }
      clipper_anchor_pattern_clear (&pt);
    }
  g_assert_cmpuint (n_resumed, >, 50);
}

/* Two texts that read the same up to a column, searched together (the
 * twin lines' old and new regions, which share their start up to the
 * first edit), give each the hits and the overflow of its own search
 * from the start: for one to four blocks (the searches that keep a
 * SearchState), longer patterns (pattern_search_banded()'s state) and
 * none bounded (k < 0). */
static void
test_search_both (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261130);
  guint n_banded = 0;

  for (guint c = 0; c < 400; c++)
    {
      guint sigma = c % 3 == 0 ? 2 : c % 3 == 1 ? 4 : 26;
      gint64 m = g_rand_int_range (rand, 1, c % 2 == 0 ? 700 : 257);
      gint64 na = g_rand_int_range (rand, 0, 1800);
      gint64 nb = g_rand_int_range (rand, 0, 1800);
      gint64 same = g_rand_int_range (rand, 0, (gint32) MIN (na, nb) + 1);
      gint k = g_rand_int_range (rand, -1, (gint32) (m / 3) + 1);
      g_autofree gunichar *p = g_new (gunichar, m);
      g_autofree gunichar *a = g_new (gunichar, MAX (na, 1));
      g_autofree gunichar *b = g_new (gunichar, MAX (nb, 1));
      g_autoptr (GArray) hits_a = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autoptr (GArray) hits_b = g_array_new (FALSE, FALSE, sizeof (Hit));
      gboolean overflow_a = FALSE, overflow_b = FALSE;
      Pattern pt;

      for (gint64 i = 0; i < m; i++)
        p[i] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      for (gint64 j = 0; j < na; j++)
        a[j] = 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);
      /* Copies of the pattern, a little changed, on both sides of where
       * the texts part. */
      for (guint r = 0; r < 4 && na > m + 10; r++)
        {
          gint64 at = g_rand_int_range (rand, 0, (gint32) (na - m));

          memcpy (a + at, p, (gsize) m * sizeof (gunichar));
          a[at + g_rand_int_range (rand, 0, (gint32) m)] = 'z';
        }
      for (gint64 j = 0; j < nb; j++)
        b[j] = j < same ? a[j] : j < na && g_rand_int_range (rand, 0, 8) > 0 ? a[j]
                               : 'a' + (gunichar) g_rand_int_range (rand, 0, (gint32) sigma);

      clipper_anchor_pattern_init (&pt, p, m, FALSE);
      clipper_anchor_pattern_search_both (&pt, a, na, b, nb, k, hits_a, &overflow_a, hits_b, &overflow_b);
      for (guint side = 0; side < 2; side++)
        {
          g_autoptr (GArray) once = g_array_new (FALSE, FALSE, sizeof (Hit));
          GArray *got = side == 0 ? hits_a : hits_b;
          gboolean overflow = FALSE;

          clipper_anchor_pattern_search (&pt, side == 0 ? a : b, 0, side == 0 ? na : nb, k, once, &overflow);
          g_assert_cmpint (overflow, ==, side == 0 ? overflow_a : overflow_b);
          g_assert_cmpuint (once->len, ==, got->len);
          for (guint h = 0; h < once->len; h++)
            {
              const Hit *x = &g_array_index (once, Hit, h), *y = &g_array_index (got, Hit, h);

              g_assert_cmpint (x->end, ==, y->end);
              g_assert_cmpint (x->end2, ==, y->end2);
              g_assert_cmpint (x->d, ==, y->d);
            }
          if (side == 1 && m > 256 && k >= 0 && same > 0 && once->len > 0)
            n_banded++;
        }
      clipper_anchor_pattern_clear (&pt);
    }
  /* The banded searches resumed must have had something to find. */
  g_assert_cmpuint (n_banded, >, 20);
}

/* The new window's copy of a quote whose window the old text holds
 * several copies of, as clipper_anchor_locate_whole_in() places it with
 * nothing around the copies paired: the quote is the old window's second
 * copy.  The new window is the old one with its first @what replaced by
 * @with.  -1 for an orphan. */
static gint64
window_copy_place (const char *old_text, const char *quote, const char *what, const char *with)
{
  g_autoptr (GString) new_text = g_string_new (old_text);
  g_autoptr (ClipperAnchorText) old = clipper_anchor_text_new (old_text);
  g_autoptr (ClipperAnchorText) text = NULL;
  g_autofree gint32 *n2o = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *second = strstr (strstr (old_text, quote) + 1, quote);
  gint64 s = g_utf8_pointer_to_offset (old_text, second), e = s + g_utf8_strlen (quote, -1);
  ClipperTextSelector sel = { quote, NULL, NULL, s, e };
  ClipperAnchorResult res;
  OldWindow ow;

  g_string_replace (new_text, what, with, 1);
  text = clipper_anchor_text_new (new_text->str);
  clipper_anchor_ensure_folded (old);
  n2o = g_new (gint32, clipper_anchor_text_get_length (text));
  for (gint64 j = 0; j < clipper_anchor_text_get_length (text); j++)
    n2o[j] = -1;
  prefix = clipper_anchor_text_slice (old, MAX (0, s - 32), s);
  suffix = clipper_anchor_text_slice (old, e, MIN (clipper_anchor_text_get_length (old), e + 32));
  sel.prefix = prefix;
  sel.suffix = suffix;
  ow = (OldWindow) { old, 0, clipper_anchor_text_get_length (old), s, e, FALSE, n2o, 0 };
  clipper_anchor_locate_whole_in (text, &sel, 0, 0, clipper_anchor_text_get_length (text), NULL, NULL, &ow, &res);
  if (res.kind == CLIPPER_ANCHOR_ORPHAN)
    return -1;
  return res.start;
}

/* A quote repeated in the old window, nothing around its copies paired
 * (the synthetic pages' repeated paragraphs): it is told apart by order,
 * the second copy in the old window the second in the new, when the text
 * between the copies stands as it was; else the copies may have moved
 * past each other, and it is an orphan.  The two windows are searched
 * together, and stop once the copies found say the highlight is an
 * orphan whatever follows (windows_search()): this holds them to the
 * verdicts of searching both whole, for quotes of one to four blocks. */
static void
test_window_copies_order (void)
{
  static const char *const quotes[] = {
    "Lorem ipsum dolor sit amet, consectetur",
    "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.",
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo "
    "consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat "
    "nulla pariatur. Excepteur sint occaecat.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      const char *q = quotes[i];
      g_autofree char *old = g_strdup_printf ("Alpha beta gamma delta.\n\n%s\n\nFirst between, one paragraph "
                                              "of its own words here.\n\n%s\n\nSecond between, another "
                                              "paragraph that differs.\n\n%s\n\nThe end of the page, "
                                              "with words of its own.",
                                              q, q, q);
      g_autofree char *typo = g_strdup (q);
      g_autofree char *longer = g_strdup_printf ("Alpha beta gamma delta, %s.", "and a sentence that came in "
                                                 "before the copies, long enough to put the new window's "
                                                 "copies well behind the old window's, so that the old "
                                                 "window's search finds each copy first");
      g_autofree char *new_second = NULL;
      gint64 want;

      /* Copies kept, an edit after them: the second copy. */
      new_second = g_strdup_printf ("Second between, another paragraph that differs.\n\n%s", q);
      want = g_utf8_strlen (old, strstr (strstr (old, q) + 1, q) - old);
      g_assert_cmpint (window_copy_place (old, q, "The end of the page", "The end of this page"), ==, want);
      /* And an edit before them, which leaves the old window's copies
       * found before the new window's: the same, further on. */
      g_assert_cmpint (window_copy_place (old, q, "Alpha beta gamma delta.", longer), ==,
                       want + g_utf8_strlen (longer, -1) - g_utf8_strlen ("Alpha beta gamma delta.", -1));
      /* The first copy changed in its middle, where the windows part:
       * the search goes on from there in the old window. */
      typo[strlen (q) / 2] = typo[strlen (q) / 2] == 'x' ? 'y' : 'x';
      {
        g_autofree char *first = g_strdup_printf ("delta.\n\n%s", q);
        g_autofree char *first_typo = g_strdup_printf ("delta.\n\n%s", typo);

        g_assert_cmpint (window_copy_place (old, q, first, first_typo), ==, want);
      }
      /* The text between the first two copies edited: they may have
       * moved past each other, an orphan. */
      g_assert_cmpint (window_copy_place (old, q, "one paragraph", "one changed paragraph"), ==, -1);
      /* Between the last two: the same. */
      g_assert_cmpint (window_copy_place (old, q, "another paragraph", "another changed paragraph"), ==, -1);
      /* A copy gone from the new window: as undecided. */
      g_assert_cmpint (window_copy_place (old, q, new_second, "Second between, another paragraph that differs."),
                       ==, -1);
    }
}

static void
test_property_random_edits (void)
{
  guint placed = 0, orphans = 0, total = 0;

  for (guint32 seed = 1; seed <= (g_getenv ("ANCHOR_SEEDS") ? (guint32) atoi (g_getenv ("ANCHOR_SEEDS")) : 60u); seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *text = make_article (rand, g_rand_int_range (rand, 5, 30));
      g_autoptr (ClipperAnchorText) orig = clipper_anchor_text_new (text);
      gint64 n = clipper_anchor_text_get_length (orig);
      g_autofree gunichar *cps = g_utf8_to_ucs4_fast (text, -1, NULL);
      EditText et;
      g_autofree char *edited = NULL;
      g_autoptr (ClipperAnchorText) t = NULL;
      Sel sels[20];
      ClipperTextSelector sel_array[20];
      ClipperAnchorResult res[20];

      for (int i = 0; i < 20; i++)
        {
          gint64 len = g_rand_int_range (rand, 8, 160);
          gint64 start = g_rand_int_range (rand, 0, (gint32) MAX (1, n - len));

          sel_make (&sels[i], text, start, MIN (start + len, n));
          sel_array[i] = sels[i].sel;
        }

      edits_init (&et, cps, n, seed * 7919);
      edits_apply (&et, (EditStrength) (seed % EDITS_N_STRENGTHS));
      edited = edits_dup_text (&et);
      t = clipper_anchor_text_new (edited);
      /* Odd seeds as the library re-anchors, with the old text at hand. */
      if (seed % 2)
        clipper_anchor_locate_all_since (t, text, sel_array, 20, res);
      else
        clipper_anchor_locate_all (t, sel_array, 20, res);

      for (int i = 0; i < 20; i++)
        {
          gint64 ts, te;

          total++;
          if (res[i].kind == CLIPPER_ANCHOR_ORPHAN)
            orphans++;
          else
            {
              gboolean has_target = edits_target (&et, sel_array[i].start, sel_array[i].end, &ts, &te);

              if (!has_target || !edits_lands_correctly (&et, sel_array[i].start, sel_array[i].end, res[i].start, res[i].end))
                {
                  g_autofree char *got = clipper_anchor_text_slice (t, res[i].start, res[i].end);
                  g_autofree char *want = has_target ? clipper_anchor_text_slice (t, ts, te) : g_strdup ("(deleted)");
                  g_test_message ("seed %u highlight %d (old [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")): '%s' placed on '%s' [%"
                                  G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") instead of '%s'", seed, i, sel_array[i].start,
                                  sel_array[i].end, sel_array[i].exact, got, res[i].start, res[i].end, want);
                  g_test_fail ();
                }
              placed++;
            }
          sel_clear (&sels[i]);
        }
      edits_clear (&et);
    }
  g_test_message ("%u highlights: %u placed, %u orphans", total, placed, orphans);
  /* Edits are not so heavy that almost everything should be lost. */
  g_assert_cmpuint (placed * 10, >=, total * 8);
}

/* Orphaned that had a place (seed 1): a table's cell ("Yuri Dario" and
 * its count) among reindented rows, nothing of it or around it paired
 * (whitespace does not pair, the rows are short), and its context, the
 * rows before and after, edited too; its count stands elsewhere too, so
 * that it is not once in each text by lines.  The window between the
 * paired text around the table holds it once, letter for letter, and the
 * old text holds it nowhere else, not even one typo off: that is where it
 * went. */
static void
test_since_window_match_alone (void)
{
  const char *intro = "The list below counts the changes each contributor made to the project during the year, "
                      "from the first release candidate to the final release in December.\n";
  const char *outro = "Contributors who made fewer than ten changes are not listed separately; their work is "
                      "counted together in the last row of the table: 512 changes in all.\n";
  const char *names[] = { "Caolan McNamara", "Stephan Bergmann", "Noel Grandin", "Regina Henschel",
                          "Yuri Dario", "Tor Lillqvist", "Julien Nabet", "Andras Timar" };
  /* An earlier table names the same contributor with another count: a
   * copy within the matcher's errors (three), but two typos away from a
   * match without any. */
  const char *earlier = "In the previous year:\n                Yuri Dario\n                7\n                1.8%\n"
                        "The year before that, the project had half as many contributors.\n";
  g_autoptr (GString) old = g_string_new (earlier);
  g_autoptr (GString) new = g_string_new (earlier);
  gint64 start, end;
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_string_append (old, intro);
  g_string_append (new, intro);

  /* Each row reindented and its share edited in the new text, so that
   * neither the row nor its neighbours' cells pair, nor agree as
   * context. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_string_append_printf (old, "                %s\n                %u\n                0.%u%%\n"
                                   "            \n            \n", names[i], 900 - 97 * i, 9 - i);
      g_string_append_printf (new, "%s\n   %u\n  \n0!%u%%\n    \n        \n", names[i], 900 - 97 * i, i);
    }
  g_string_append (old, outro);
  g_string_append (new, outro);
  start = cp_index (old->str, "Yuri Dario\n                512");
  end = start + 30;
  got = locate_since (old->str, new->str, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got, ==, "Yuri Dario\n   512");

  /* Another row, its name mistyped three times: more than half the
   * errors allowed (3 of 14 folded), with eleven folded characters that
   * agree and no other copy in the old text within four. */
  {
    g_autofree char *got2 = NULL;
    char *p = strstr (new->str, "Noel Grandin");

    memcpy (p, "Nole Graxdin", 12);
    start = cp_index (old->str, "Noel Grandin");
    end = cp_index (old->str, "Noel Grandin\n                706") + 32;
    got2 = locate_since (old->str, new->str, start, end, &res);
    g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
    g_assert_cmpstr (got2, ==, "Nole Graxdin\n   706");
  }
}

/* Bug (seed 40, while the rule above was written): of "topleftpixel.com
 * \n\n I", the line starting with "I" went with its paragraph, and the
 * window's only match took a blank line and the first letter of the next
 * paragraph (an inserted word) for the quote's changed "I".  Folded
 * matching is blind to line breaks: a match with more of them than the
 * quote is not the quote alone. */
static void
test_since_window_match_more_lines (void)
{
  const char *photo = "One of my habits as a photographer was scouring sites like Flickr to see how others could "
                      "frame the world in ways I hadn't previously considered.\n        \n            \n";
  const char *lack = "Lack of diverse skills within the newsroom. Writers made up 95% of the personnel. Students "
                     "with other skills were not sought: journalism was seen as a career with words.\n";
  const char *sat = "So we sat in our student newsroom, not very happy with what we were doing. Our weekly "
                    "newspaper had remained essentially unchanged for 40+ years.\n";
  g_autofree char *old = g_strconcat (photo, "            topleftpixel.com\n        \n        I started discovering "
                                      "beautiful things the web could do with images: things not possible with "
                                      "print.\n        ", sat, "        The big change happened in the 80s.\n        ",
                                      lack, NULL);
  /* The paragraph after the caption went, "Lack of …" moved to before it
   * and an inserted word starts the next paragraph. */
  g_autofree char *new = g_strconcat (photo, "            ", lack, "             \n     \n      topleftpixel.com\n"
                                      "        \n   \n    expected ", sat, "        The big change happened in the "
                                      "80s.\n", NULL);
  gint64 start = cp_index (old, "topleftpixel");
  gint64 end = cp_index (old, "I started") + 1;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "    e") == NULL);
}

/* Orphaned that had a place (seed 1): "and we're told" became "and which
 * we're told", and the gap's walk paired the "w" of "we're" with that of
 * "which": the quote's paired parts, "and " and "told", each too small a
 * share of it.  The text right before and after it stands paired in step,
 * and between the two stands nothing but the quote's paired characters and
 * unpaired text, on one line as the quote was: the quote is all of that. */
static void
test_since_between_neighbours (void)
{
  const char *old = "12:00 PM PT -- Sheriff's deputies were at The London Thursday morning.  We know they were in "
                    "the manager's office and we're told they have looked at security footage to determine if "
                    "they can ID the culprit.\n";
  const char *new = "12:00 PM PT -- Sheriff's deputies were a The London Thuhsday morning.  We know they were in "
                    "the manager\u2019s office and which we're told they have looked  at securit footage to determine "
                    "if they can ID the culprit.\n";
  gint64 start = cp_index (old, "and we're told");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 14, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpstr (got, ==, "and which we're told");
}

/* Orphaned that had a place (seed 3): a sentence inserted in the middle of
 * a quote, with a line break of a reflow in it.  Unpaired text across a
 * line break, more than the old text had there, parts the quote's pairs
 * with caution (a paragraph may have come in between), and neither half
 * was a large enough share to be carried alone.  The unpaired text is new
 * text: hardly any of its folded q-grams stand in the old text, as they
 * would in a paragraph moved in from elsewhere. */
static void
test_since_inserted_sentence_reflowed (void)
{
  const char *old = "Ride-sharing would not find itself increasing fares to encourage more drivers to come into "
                    "the Central Business District.\n        \n        A sharing economy, by definition, is "
                    "lateral in structure. It is a peer-to-peer economy. But Uber, as its name suggests, is "
                    "hierarchical in structure. It monitors and controls its drivers, demanding that they "
                    "purchase services from it while guiding their movements.\n";
  const char *new = "Ride-sharing would not find itself increasing fares to encourage more drivers to come into "
                    "the Central Business District.\n        \n        A sharing economy, by definition, is "
                    "lateral in structure. It is a peer-to-peer economy. Of why in that indeed quite practice be "
                    "why note why\nwas was. But Uber, as its name suggests, is "
                    "hierarchical in structure. It monitors and controls its drivers, demanding that they "
                    "purchase services from it while guiding their movements.\n";
  gint64 start = cp_index (old, "lateral in");
  gint64 end = cp_index (old, "hierarchical") + 12;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "lateral in"));
  g_assert_cmpint (res.end, ==, cp_index (new, "hierarchical") + 12);

  /* The same with a line from elsewhere in the old text in its place:
   * still a paragraph that may have come in, and no more than half of the
   * quote on either side of it. */
  {
    g_autofree char *old2 = g_strconcat (old, "Why note why it was, of practice, was hidden by the indeed quite "
                                         "proper drivers.\n", NULL);
    g_autofree char *new2 = g_strconcat ("Ride-sharing would not find itself increasing fares to encourage more "
                                         "drivers to come into the Central Business District.\n        \n        A "
                                         "sharing economy, by definition, is lateral in structure. It is a "
                                         "peer-to-peer economy. Why note why it was, of practice, was hidden\nby "
                                         "the indeed quite proper drivers. But Uber, as its name suggests, is "
                                         "hierarchical in structure. It monitors and controls its drivers, "
                                         "demanding that they purchase services from it while guiding their "
                                         "movements.\n", NULL);
    g_autofree char *got2 = locate_since (old2, new2, start, end, &res);

    g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got2, "Why note") == NULL);
  }
}

/* Issue 4 (seed 1, medium edits): a formula's glyphs on their own indented
 * lines hold too few letters for the window search to vouch for them, and
 * the alignment pairs no whitespace nor q-grams the formula's lines repeat,
 * so with the heading before it edited the highlight was an orphan though
 * it stands verbatim between its neighbours.  Its lines and their
 * indentation, once in the window and nowhere else in the old text within
 * an edit, place it.  Each line: its indentation, then its glyph. */
static const char *const formula_lines[] = {
  "15", "25 n", "25 \xe2\x88\x92", "25 k", "20", "16", "12", "8", "4", "5 An Identity of Ramanujan",
  "4", "8", "12", "16", "21 1", "20", "25 (", "24", "29 \xcf\x95", "28", "33 5", "28", "24",
  "25 \xe2\x88\x92", "25 \xcf\x95", "25 )", "24", "29 e", "28", "32", "37 2", "37 5", "32", "33 \xcf\x80",
  "28", "24", "18",
};

/* Another formula first, with lines like the one above (so that the
 * q-grams of the quote's lines repeat, as in a page of formulas), then the
 * lines above as text: @edited types the heading's typos, a space more on
 * the blank line before it and one on a line after the quote; @extra, if
 * not NULL, is one more formula line after them. */
static const char *const formula_before[] = {
  "4", "5 A Lemma of Euler", "4", "21 1", "20", "25 (", "20", "33 \xcf\x88", "28", "25 \xcf\x95", "25 )", "24",
  "29 e", "28", "32", "37 2", "37 5", "32", "33 \xcf\x80", "28",
};

static void
formula_append (GString *s, const char *const *lines, guint n, gboolean edited)
{
  for (guint i = 0; i < n; i++)
    {
      char *glyph = NULL;
      guint64 indent = g_ascii_strtoull (lines[i], &glyph, 10);

      if (edited && (i == 5 || i == 30))
        indent++;
      for (guint64 k = 0; k < indent; k++)
        g_string_append_c (s, ' ');
      if (*glyph == ' ')
        g_string_append_printf (s, "%s \n", edited && i == 9 ? "An Iqentity of Ramannujan" : glyph + 1);
      else
        g_string_append_c (s, '\n');
    }
}

static char *
formula_text (gboolean edited, const char *extra)
{
  GString *s = g_string_new ("The sum below converges faster than any series known before it.\n");

  formula_append (s, formula_before, G_N_ELEMENTS (formula_before), FALSE);
  formula_append (s, formula_lines, G_N_ELEMENTS (formula_lines), edited);
  if (extra != NULL)
    g_string_append (s, extra);
  g_string_append (s, "Hardy called it one of the most remarkable results he had ever seen.\n");
  return g_string_free (s, FALSE);
}

static void
test_since_window_verbatim (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  g_autofree char *old = formula_text (FALSE, NULL);
  g_autofree char *new = formula_text (TRUE, NULL);
  gint64 start = cp_index_nth (old, quote, 0);
  gint64 want = cp_index_nth (new, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + len, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, want);
  g_assert_cmpint (res.end, ==, want + len);
  g_assert_cmpstr (got, ==, quote);
}

/* The same, but the old text holds another line within one edit of the
 * quote further down (its last glyph differs), and in the new text that
 * line reads as the quote while the quote's own line changed: a typo made
 * the window's one copy out of the other line.  Neither the quote nor
 * the quote with its lines around stands in the new text as the old text
 * vouches for: it stays an orphan. */
static void
test_since_window_verbatim_near_copy (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *edited = "( \n                        \n                             \xcf\x81";
  const char *extra = "                         ( \n                        \n                             \xcf\x80 \n";
  const char *extra_new = "                         ( \n                        \n                             \xcf\x95 \n";
  g_autofree char *old = formula_text (FALSE, extra);
  g_autofree char *new = formula_text (TRUE, extra_new);
  g_autoptr (GString) changed = g_string_new (new);
  const char *own = strstr (changed->str, quote);
  gint64 start = cp_index_nth (old, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_assert_nonnull (own);
  memcpy (changed->str + (own - changed->str), edited, strlen (edited));
  g_assert_cmpint (cp_index_nth (changed->str, quote, 1), <, 0);
  got = locate_since (old, changed->str, start, start + len, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}

/* Round twelve: the same near copy, but it stands in the new text as it
 * stood in the old one.  No edit turned it into the window's copy of the
 * quote (that would have taken it away), so the window's copy is the
 * quote's own, and it is placed there. */
static void
test_since_window_verbatim_near_copy_stays (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *extra = "                         ( \n                        \n                             \xcf\x80 \n";
  g_autofree char *old = formula_text (FALSE, extra);
  g_autofree char *new = formula_text (TRUE, extra);
  gint64 start = cp_index_nth (old, quote, 0);
  gint64 want = cp_index_nth (new, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + len, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, want);
  g_assert_cmpstr (got, ==, quote);
}

/* Round twelve: the old text holds a line within one edit of the quote
 * ("( ⏎ ⏎ π" beside its "( ⏎ ⏎ ϕ"), and an inserted word changed that
 * line in the new text, so it no longer stands there to show that no
 * edit made the window's copy out of it.  The quote with its lines around
 * (up to the nearest ones that hold a glyph) has no such near copy, and
 * stands once in the window: that is the quote's place. */
static void
test_since_window_verbatim_context (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *extra = "                         ( \n                        \n                             \xcf\x80 \n";
  const char *extra_new = "                         ( \n                        \n                             Then \xcf\x80 \n";
  g_autofree char *old = formula_text (FALSE, extra);
  g_autofree char *new = formula_text (TRUE, extra_new);
  gint64 start = cp_index_nth (old, quote, 0);
  gint64 want = cp_index_nth (new, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + len, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, want);
  g_assert_cmpstr (got, ==, quote);
}

/* Round twelve: a whitespace edit inside the quote (a space of its blank
 * line become a tab) leaves it verbatim nowhere, though every glyph of
 * it stands as it stood.  With each run of whitespace made one space,
 * the quote and its lines around stand once in the window and once in
 * the old text: it is placed there, the tab and all. */
static void
test_since_window_layout_squeezed (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *reflowed = "( \n            \t           \n                             \xcf\x95";
  g_autofree char *old = formula_text (FALSE, NULL);
  g_autofree char *new = formula_text (TRUE, NULL);
  g_autoptr (GString) changed = g_string_new (new);
  const char *own = strstr (changed->str, quote);
  gint64 start = cp_index_nth (old, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  gint64 want;
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_assert_nonnull (own);
  memcpy (changed->str + (own - changed->str), reflowed, strlen (reflowed));
  want = cp_index_nth (changed->str, reflowed, 0);
  got = locate_since (old, changed->str, start, start + len, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, want);
  g_assert_cmpstr (got, ==, reflowed);
}

/* The same, but the old text holds the quote's glyphs again, with the
 * glyph lines around them, on lines indented otherwise: squeezed, the
 * two read alike, and which of them the window's is, whitespace cannot
 * say then.  An orphan. */
static void
test_since_window_layout_squeezed_alike (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *reflowed = "( \n            \t           \n                             \xcf\x95";
  const char *extra = "                 1 \n                \n                     ( \n                    \n"
                      "                         \xcf\x95 \n                        \n                             5 \n";
  g_autofree char *old = formula_text (FALSE, extra);
  g_autofree char *new = formula_text (TRUE, extra);
  g_autoptr (GString) changed = g_string_new (new);
  const char *own = strstr (changed->str, quote);
  gint64 start = cp_index_nth (old, quote, 0);
  glong len = g_utf8_strlen (quote, -1);
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_assert_nonnull (own);
  memcpy (changed->str + (own - changed->str), reflowed, strlen (reflowed));
  got = locate_since (old, changed->str, start, start + len, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}

/* Round twelve: the quote's lines stand twice in the formula (the old
 * text holds them again after it), both copies unchanged, and the same
 * glyphs between them in both texts.  The window holds two copies; which
 * one is the quote's, their order says: the first stays the first, the
 * second the second. */
static void
test_since_window_verbatim_copies_in_order (void)
{
  const char *quote = "( \n                        \n                             \xcf\x95";
  const char *extra = "                         ( \n                        \n                             \xcf\x95 \n"
                      "                         2 \n";
  g_autofree char *old = formula_text (FALSE, extra);
  g_autofree char *new = formula_text (TRUE, extra);
  glong len = g_utf8_strlen (quote, -1);

  for (guint nth = 0; nth < 2; nth++)
    {
      gint64 start = cp_index_nth (old, quote, nth);
      gint64 want = cp_index_nth (new, quote, nth);
      ClipperAnchorResult res;
      g_autofree char *got = locate_since (old, new, start, start + len, &res);

      g_assert_cmpint (cp_index_nth (old, quote, 2), <, 0);
      g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
      g_assert_cmpint (res.start, ==, want);
      g_assert_cmpstr (got, ==, quote);
    }
}

/* Issue 4: the table above, a row that the text before it names again
 * ("Noel Grandin, 706 changes", in a sentence that stands unchanged).  The old text
 * holds the quote twice, so the window's only match was refused as
 * possibly the other copy moved in; but the alignment carried that copy
 * to its place before the window, so the match cannot be it. */
static void
test_since_window_match_copy_elsewhere (void)
{
  const char *before = "Noel Grandin, 706 changes, made most of them this year, more than anyone since the project "
                       "began, and the table below shows how far ahead of the others he was.\n";
  const char *intro = "The list below counts the changes each contributor made to the project during the year, "
                      "from the first release candidate to the final release in December.\n";
  const char *outro = "Contributors who made fewer than ten changes are not listed separately; their work is "
                      "counted together in the last row of the table: 512 changes in all.\n";
  const char *names[] = { "Caolan McNamara", "Stephan Bergmann", "Noel Grandin", "Regina Henschel",
                          "Yuri Dario", "Tor Lillqvist", "Julien Nabet", "Andras Timar" };
  g_autoptr (GString) old = g_string_new (before);
  g_autoptr (GString) new = g_string_new (before);
  gint64 start;
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_string_append (old, intro);
  g_string_append (new, intro);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_string_append_printf (old, "                %s\n                %u\n                0.%u%%\n"
                                   "            \n            \n", names[i], 900 - 97 * i, 9 - i);
      g_string_append_printf (new, "%s\n   %u\n  \n0!%u%%\n    \n        \n", names[i], 900 - 97 * i, i);
    }
  g_string_append (old, outro);
  g_string_append (new, outro);
  start = cp_index (old->str, "Noel Grandin\n                706");
  got = locate_since (old->str, new->str, start, start + 32, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got, ==, "Noel Grandin\n   706");
}

/* The same, but the sentence naming him again went: the other copy stands
 * nowhere, and the window's match could be it, moved in.  An orphan. */
static void
test_since_window_match_copy_gone (void)
{
  const char *before = "Noel Grandin, 706 changes, made most of them this year, more than anyone since the project "
                       "began, and the table below shows how far ahead of the others he was.\n";
  const char *intro = "The list below counts the changes each contributor made to the project during the year, "
                      "from the first release candidate to the final release in December.\n";
  const char *outro = "Contributors who made fewer than ten changes are not listed separately; their work is "
                      "counted together in the last row of the table: 512 changes in all.\n";
  const char *names[] = { "Caolan McNamara", "Stephan Bergmann", "Noel Grandin", "Regina Henschel",
                          "Yuri Dario", "Tor Lillqvist", "Julien Nabet", "Andras Timar" };
  g_autoptr (GString) old = g_string_new (before);
  g_autoptr (GString) new = g_string_new ("");
  gint64 start;
  ClipperAnchorResult res;
  g_autofree char *got = NULL;

  g_string_append (old, intro);
  g_string_append (new, intro);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_string_append_printf (old, "                %s\n                %u\n                0.%u%%\n"
                                   "            \n            \n", names[i], 900 - 97 * i, 9 - i);
      g_string_append_printf (new, "%s\n   %u\n  \n0!%u%%\n    \n        \n", names[i], 900 - 97 * i, i);
    }
  g_string_append (old, outro);
  g_string_append (new, outro);
  start = cp_index (old->str, "Noel Grandin\n                706");
  got = locate_since (old->str, new->str, start, start + 32, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}

/* Orphaned that had a place (seeds 4, 11: "Clarence Guo" in two tables
 * of a page): the old text holds the quote twice, verbatim, and the other
 * copy, a short cell among reindented rows, pairs nothing, so nothing
 * says where it went.  The new text still holds it outside the window,
 * once, as the old text did: the window's only match is the quote's own
 * copy (another copy moved in would have to swap with it).  When the
 * other copy went, or an edit changed it, the match could be it, moved
 * in: an orphan, as in since-window-match-copy-gone. */
static void
test_since_window_match_copies_counted (void)
{
  const char *intro = "The list below counts the changes each contributor made to the project during the year, "
                      "from the first release candidate to the final release in December.\n";
  const char *middle = "The second table counts the bugs each of them fixed over the same months, from the first "
                       "report in January to the last one closed before the release.\n";
  const char *outro = "Contributors who made fewer than ten changes are not listed separately; their work is "
                      "counted together in the last row of the table: 512 changes in all.\n";
  const char *names[] = { "Caolan McNamara", "Stephan Bergmann", "Noel Grandin", "Regina Henschel" };
  const char *others[] = { "Yuri Dario", "Tor Lillqvist", "Julien Nabet", "Andras Timar", "Miklos Vajna",
                           "Michael Stahl", "Eike Rathke", "Tomaz Vajngerl", "Xisco Fauli", "Heiko Tietze",
                           "Mike Kaganski", "Justin Luth", "Armin Le Grand", "Szymon Klos", "Laszlo Nemeth" };

  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr (GString) old = g_string_new (intro);
      g_autoptr (GString) new = g_string_new (intro);
      gint64 start;
      ClipperAnchorResult res;
      g_autofree char *got = NULL;

      /* The first table: the other copy of the name, its row reindented
       * in the new text (variant 1: it went; variant 2: mistyped). */
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          const char *name = names[i];

          g_string_append_printf (old, "                %s\n                %u\n            \n", name, 40 + i);
          if (i == 2 && variant == 1)
            continue;
          if (i == 2 && variant == 2)
            name = "Noel Grandim";
          g_string_append_printf (new, "%s\n   %u\n  \n", name, 40 + i);
        }
      g_string_append (old, middle);
      g_string_append (new, middle);
      /* The second table, the quote's: each row reindented and its count
       * edited, so that neither the row nor its neighbours pair, and long
       * enough that the quote stands far from the paired text around it
       * (step 3 takes a short quote between near neighbours). */
      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        {
          const char *name = i == 8 ? "Noel Grandin" : others[i];

          g_string_append_printf (old, "                %s\n                %u\n            \n", name, 70 + 3 * i);
          g_string_append_printf (new, "%s\n   %u!\n    \n", name, 90 + i);
        }
      g_string_append (old, outro);
      g_string_append (new, outro);
      start = cp_index_nth (old->str, "Noel Grandin", 1);
      got = locate_since (old->str, new->str, start, start + 12, &res);

      if (variant == 0)
        {
          g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
          g_assert_cmpint (res.start, ==, cp_index_nth (new->str, "Noel Grandin", 1));
          g_assert_cmpstr (got, ==, "Noel Grandin");
        }
      else
        {
          g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
          g_assert_null (got);
        }
    }
}

/* Bug (seed 47): three paragraphs alike but for their numbers ("Regarding
 * item# 11111, …", "… 22222, …"); the second lost its end, and the first,
 * edited, moved in between the second's two parts.  The alignment paired
 * only the moved paragraph's start (its number tells it apart); its rest,
 * unpaired, held the second's lost words verbatim, and the window search
 * placed the quote there, 270 characters from the paired text, past the
 * reach of the veto on places among another passage's text.  On its own
 * line, the nearest paired text is the other paragraph's. */
#define SINCE_ITEM "    Regarding item# %s, under sufficiently extreme conditions, quarks may become deconfined " \
                   "and exist as free particles. In the %s of asymptotic freedom, the strong interaction " \
                   "becomes weaker at higher temperatures. Eventually, color confinement would be lost and an " \
                   "extremely hot plasma of freely moving quarks and gluons would be formed. This theoretical " \
                   "phase of matter is called quark-gluon plasma.[81] The exact conditions needed to give rise " \
                   "to this state are unknown and have been the subject of a great deal of speculation and " \
                   "experimentation.\n"

static void
test_since_line_elsewhere (void)
{
  g_autofree char *p1 = g_strdup_printf (SINCE_ITEM, "11111", "course");
  g_autofree char *p2 = g_strdup_printf (SINCE_ITEM, "22222", "course");
  g_autofree char *p3 = g_strdup_printf (SINCE_ITEM, "33333", "course");
  g_autofree char *p1_edited = g_strdup_printf (SINCE_ITEM, "11111", "coursl");
  g_autofree char *old = g_strconcat ("\n", p1, p2, p3, "    \n", NULL);
  const char *lost = strstr (p2, " would be lost"), *called = strstr (p2, " called quark");
  g_autofree char *head = g_strndup (p2, lost - p2);
  g_autofree char *middle = g_strndup (lost + 1, called - lost - 1);
  g_autofree char *new = g_strconcat (head, "\n\n", p1_edited, middle, "\n", p3, NULL);
  gint64 start = cp_index_nth (old, "plasma.[81] The", 1);
  ClipperAnchorResult res;
  place_since (old, new, start, start + 15, &res);

  /* (The second paragraph's "plasma.[81] The" went: no place is right.) */
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* Bug (seed 48): a step's heading, "Step 5", moved in among the blank
 * lines inside a quote ("terrariums (Lucy Akins) ⏎ ⏎ What You'll Need:")
 * where the alignment paired nothing: the window search read the heading
 * as five errors of the eight allowed.  A line that reads as no part of
 * the quote was refused only where some of the place was paired. */
static void
test_since_short_line_nothing_paired (void)
{
  const char *old = "            Glass cloche terrariums are easy to care for, as they retain much of their own "
                    "moisture and provide a warm environment with a consistent level of humidity. Small growing "
                    "plants work best.\n              \n"
                    "             Glass cloche terrariums (Lucy Akins) \n        \n        \n"
                    "            What You'll Need:\n            \n"
                    "                Cloche\n                Planter saucer, small shallow dish or desired platform\n"
                    "                Floral foam oasis\n                Ruler \n                Spoon\n            \n"
                    "             Attach moss. (Lucy Akins) \n        \n        \n            \n"
                    "                Step 5\n"
                    "                Gently place the cloche over the oasis. The glass may push some of the moss up.\n";
  const char *new = "            Found expected Thiss Helpful \n            \n \t      \n        \n              \n"
                    "             Glass cloche terrariums (Lucy Akins) \n        \n                Step 5\n   \t     \n"
                    "            What You’ll Need:\n            \n"
                    "                Cloche\n                Planter saucer, small shallow dish or desired platform\n"
                    "                Floral foam oasis\n                Ruler \n                Spoon\n            \n"
                    "             Attach moss. (Lucy Akins) \n        \n        \n            \n"
                    "                Gently place the cloche over the oasis. The glass may push some of the moss up.\n";
  gint64 start = cp_index (old, "terrariums (Lucy");
  gint64 end = cp_index (old, "Need:") + 5;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Step 5") == NULL);
}

/* Bug (seed 49): of a JSON object's lines that start alike
 * ("http://tools.ietf.org/html/rfc6750…", "…/rfc7233": false,"), the
 * first went, and the second was reflowed: its ' false,' moved to a line
 * of its own.  The alignment paired the line that went with the next one
 * up to where they differ, and the next line's rest, "7233":", was too
 * short before its line break to read as that line's.  A space reflowed
 * into a line break leaves the line's rest on the next line. */
static void
test_since_reflowed_next_line (void)
{
  const char *head = "    The response to the WebFinger request looks like this:\n\n         {\n"
                     "           \"links\": [{\n             \"href\": \"https://3pp.io:4439/storage/michiel\",\n";
  const char *tail = "               \"http://remotestorage.io/spec/web-authoring\": false\n             }\n"
                     "           }]\n         }\n\n12.2. OAuth dialog form\n\n    Once the in-browser application "
                     "has discovered the server's OAuth end-point, it will typically redirect the user.\n";
  g_autofree char *old = g_strconcat (head, "             \"rel\": \"remotestorage\",\n             \"properties\": {\n"
                                      "               \"http://remotestorage.io/spec/version\": \"draft-dejong-re\\\n"
                                      "motestorage-04\",\n"
                                      "               \"http://tools.ietf.org/html/rfc6749#section-4.2\": \"https\\\n"
                                      "://3pp.io:4439/oauth/michiel\",\n"
                                      "               \"http://tools.ietf.org/html/rfc6750#section-2.3\": false,\n"
                                      "               \"http://tools.ietf.org/html/rfc7233\": false,\n", tail, NULL);
  g_autofree char *new = g_strconcat (head, "             many \"rel\": \"remotestorage\",\n             \"properties\": {\n"
                                      "               \"http://remotestorage.io/spec/version\": \"draft-dejong-re\\\n"
                                      "motestorage-04\",\n"
                                      "               \"http://tools.ietf.org/html/rc6749#section-4.2\": \"https\\\n"
                                      "://3pp.io:4439/oauth/michiel\",\n"
                                      "               \"http://tools.ietf.org/html/rfc7233\":\nfalse,\n", tail, NULL);
  gint64 start = cp_index (old, "\"remotestorage\",");
  gint64 end = cp_index (old, "rfc6750") + 7;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "rfc7233") == NULL);
}

/* Bug (seed 54): a sentence and a blank line came in between a quote's
 * two lines ("the store. ⏎ The Touch Factor:"), and the window search
 * read the sentence's last word as the quote's first line ("these. The
 * Touch Factor:", three errors), while "the store." stood paired with the
 * quote's own right before the sentence.  A searched place whose edge
 * leaves out the quote's own paired text, with only unpaired words
 * between, is a part of it with inserted text in its stead. */
static void
test_since_edge_inserted_before (void)
{
  const char *color = "            Color Psychology: Stores know what they are trying to do to your brain with that color.\n";
  const char *touch = "The Touch Factor: Stores place items they want to sell in easy to reach locations and encourage "
                      "you to touch them. Don't.\n";
  g_autofree char *old = g_strconcat (color, "            Navigation Roadblocks: Stores force you to walk around "
                                      "stuff you don't need to find the stuff you are really after. Have a list of "
                                      "what you need before you go in, go straight to it, and imagine it's the only "
                                      "item in the store.\n            ", touch, NULL);
  g_autofree char *new = g_strconcat (color, "            Navigation Roadblocs: Stores force you to walk around "
                                      "stuff you don't need to find the stuff you are really after! Have a list of "
                                      "what you need before you go in, go straight to it, and imagine it's the only "
                                      "item in the store.\n \n          Were be were practice here found the report "
                                      "these. ", touch, NULL);
  gint64 start = cp_index (old, "the store.");
  gint64 end = cp_index (old, "Factor:") + 7;
  ClipperAnchorResult res;
  place_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || res.start == cp_index (new, "the store."));
}

/* A text pair from tests/anchor/data (its first line, the licence, left
 * out). */
static char *
read_data_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "anchor", "data", name, NULL);
  g_autofree char *contents = NULL;
  const char *nl;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (nl = strchr (contents, '\n')) == NULL)
    return NULL;
  return g_strdup (nl + 1);
}

/* Where locate_since() places the old text's [start, start + @len) in the
 * text pair @name.old / @name.new of tests/anchor/data; @start is where
 * @needle first stands in the old text, when it is given.  Returns the
 * placed text (empty for an orphan). */
static char *
locate_pair (const char *name, const char *needle, gint64 start, gint64 len, ClipperAnchorResult *res)
{
  g_autofree char *old_name = g_strconcat (name, ".old", NULL);
  g_autofree char *new_name = g_strconcat (name, ".new", NULL);
  g_autofree char *old = read_data_text (old_name);
  g_autofree char *new = read_data_text (new_name);

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  if (needle != NULL)
    start = cp_index (old, needle);
  return locate_since (old, new, start, start + len, res);
}

/* The same, for a test that checks the offsets only. */
static void
place_pair (const char *name, const char *needle, gint64 start, gint64 len, ClipperAnchorResult *res)
{
  g_free (locate_pair (name, needle, start, len, res));
}

/* The synthetic page of rtl-2 (seed 4, heavy edits): "sed do eiusmod
 * tempor incididunt ut labore et dolore magna aliqua.", of which the old
 * text holds the part from "tempor" on twice, had nothing paired; its old
 * window holds it within the errors allowed at two places, verbatim at
 * one.  The window search cannot tell the copies apart, but the folded
 * quote stands once in each text: placed there.  The window search's
 * count of verbatim copies spares that scan when there are two (the old
 * text then holds it more than once); a copy within the errors is not
 * one (placed on [183, 250) still, not orphaned). */
static void
test_since_window_copy_verbatim_once (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("window-copy-verbatim-once", NULL, 146, 66, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, 183);
  g_assert_cmpint (res.end, ==, 250);
  g_assert_cmpstr (got, ==, "sed do eiusmod  tempor incididunt ut labore et dolore magna aliqua.");
}

/* Bug (seed 51): of a query's alike lines ("zscore NOT BETWEEN -1 AND 1
 * AS is_anomaly_1,", "… -3 AND 3 AS is_anomaly_3"), the second went, and
 * the page's near copies of the query left all of it unpaired.  The search
 * of the unpaired text read the first line's end, "1 AS is_anomaly_1", as
 * the quote's first line, "3 AS is_anomaly_3" (two errors).  A searched
 * place whose edge line is, verbatim, another line's end (comma aside) and
 * not the quote's own is that line's. */
static void
test_since_alike_row_searched (void)
{
  g_autofree char *old = read_data_text ("alike-row-searched.old");
  g_autofree char *new = read_data_text ("alike-row-searched.new");
  g_autofree char *got = NULL;
  gint64 start, end;
  ClipperAnchorResult res;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  /* Up to the end of the result table's rule line under its header. */
  start = cp_index (old, "3 AS is_anomaly_3\nFROM");
  end = start + 188;
  got = locate_since (old, new, start, end, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "is_anomaly_1\nFROM") == NULL);
}

/* Bug (the synthetic pages of seeds 38 and 55; 16 with the next rule):
 * five of a run of eight "link" lines, most of which went from under
 * their heading while a run of them stands further down.  Nothing of the
 * quote paired and no window held it: it was searched for in the new
 * text's unpaired text and found in the other run.  The old text holds it
 * again, shifted by a line, which the search counts as the same place
 * (the copies overlap): a quote that matches itself shifted is any of
 * the run's, and no search can tell which.  An orphan now. */
static void
test_since_link_run_searched (void)
{
  g_autofree char *old = read_data_text ("link-run-searched.old");
  g_autofree char *new = read_data_text ("link-run-searched.new");
  g_autofree char *got = NULL;
  ClipperAnchorResult res;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  got = locate_since (old, new, 525, 581, &res);
  g_assert_cmpint (cp_index (old, "link\n"), <=, 525);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
}

/* Round fourteen (seed 5, heavy; Hypothesis placed it, ours orphaned it):
 * "Cities are", on one line in the old text, was reflowed onto two
 * ("Cities⏎are changing fast"), and the text around it edited, so that
 * nothing paired "Cities".  The window search found the quote verbatim
 * but for the line break, and the vetoes refused it: its first line held
 * nothing paired while its last did.  The place is the quote's own line,
 * split: the quote's code points, whitespace aside, and the old text
 * holds it nowhere else. */
static void
test_since_edge_line_reflowed (void)
{
  g_autofree char *new = read_data_text ("edge-line-reflowed.new");
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("edge-line-reflowed", "Cities are changing", 0, 10, &res);

  g_assert_nonnull (new);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, cp_index (new, "Cities\nare changing"));
  g_assert_cmpstr (got, ==, "Cities\nare");
}

/* Seed 6 (medium): of a console session the page prints twice ("$ hg
 * push ../review ⏎ [...] ⏎ added 1 changesets"), the second copy lost its
 * last lines and the first had a word inserted in its middle line, "said
 * [...]".  The window search found the first, its own place, and the
 * veto refused it: the middle line's letters are all the inserted word's,
 * so nothing of it is paired and it reads as none of the quote, like a
 * line that came in.  It is the quote's own line, word for word, with one
 * word more, where that line stood.  The same place with that line
 * changed as well ("said [..]") is still an orphan; and so is seed 19's
 * (heavy) quote whose last line went while a button's "Next" moved in
 * among its blank lines: a blank line with a word inserted would be any
 * one-word line, and a first version of the rule placed it there. */
static void
test_since_line_word_inserted (void)
{
  g_autofree char *old = read_data_text ("line-word-inserted.old");
  g_autofree char *new = read_data_text ("line-word-inserted.new");
  g_autofree char *edited = NULL;
  g_autofree char *got = NULL;
  ClipperAnchorResult res;
  gint64 start;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  start = cp_index (old, "$ hg push ../review\n[...]\nadded 1 changesets");
  got = locate_since (old, new, start, start + 44, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, cp_index (new, "$ hg push ../review\nsaid [...]"));
  g_assert_cmpstr (got, ==, "$ hg push ../review\nsaid [...]\nadded 1 changesets");

  edited = replace (new, "said [...]", "said [..]");
  g_free (got);
  got = locate_since (old, edited, start, start + 44, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  g_free (old);
  g_free (new);
  old = read_data_text ("line-word-blank.old");
  new = read_data_text ("line-word-blank.new");
  g_assert_nonnull (old);
  g_assert_nonnull (new);
  start = cp_index (old, "choice and flexibility.");
  g_free (got);
  got = locate_since (old, new, start, start + 226, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* Seed 1 (heavy): of nytimes-5's "El brote de Coronavirus ⏎ (blank
 * lines) ⏎ Más en El brote de Coronavirus ›", the line break after the
 * heading was reflowed into a space, and a word inserted on the last
 * line.  The window search found the place, and the veto refused it: its
 * blank lines held 32 characters fewer than the quote's, for the first
 * blank line's spaces now end the heading's line.  Its whitespace, all
 * counted, is the quote's and a space.  Blank lines from elsewhere (one
 * of 20 spaces between the heading and the next line) bring their own
 * and stay refused.  So does seed 43's (heavy, synthetic) "Lorem ⏎
 * Lorem ipsum dolor sit amet. ⏎ Lorem", whose first and last lines went
 * with their indentation: the place found, "Lorrem ipsum dolor sit amet.
 * ⏎ (blank lines) ⏎ Lorem", took in another block's blank lines and
 * first word, as much whitespace as the quote's but two line breaks
 * more; a first version of the rule placed it there.  And so does seed
 * 247's (heavy), nytimes-5 again: "… ⏎ Photo ⏎ (blank line) ⏎ Credit"
 * lost its "Photo", and another block's blank line came in: as much
 * whitespace and as many line breaks as the quote's, a blank line more
 * with no break reflowed (a second version placed it). */
static void
test_since_blank_lines_reflowed (void)
{
  g_autofree char *old = read_data_text ("blank-lines-reflowed.old");
  g_autofree char *new = read_data_text ("blank-lines-reflowed.new");
  g_autofree char *edited = NULL;
  g_autofree char *got = NULL;
  ClipperAnchorResult res;
  gint64 start;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  start = 7460;
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (old, start), "El brote de Coronavirus\n"));
  got = locate_since (old, new, start, start + 138, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, 8013);
  g_assert_true (g_str_has_prefix (got, "El brote de Coronavirus                                 \n"));
  g_assert_true (g_str_has_suffix (got, "why Más enn El brote de Coronavirus ›"));

  edited = replace (new, "Coronavirus                                 \n",
                    "Coronavirus                                 \n                    \n");
  g_free (got);
  got = locate_since (old, edited, start, start + 138, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  g_free (got);
  got = locate_pair ("blank-lines-elsewhere", "Lorem\n             Lorem ipsum", 0, 66, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  g_free (got);
  got = locate_pair ("blank-line-words-gone", NULL, 7566, 255, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* Round fourteen tried placing a searched place whose repeated edge line
 * ("Facebook", printed twice on seed 8's page) the new text holds as often
 * as the old, and withdrew it: when the quote's own line moved away, every
 * copy is still there and the one beside the place is a neighbour's.  Seed
 * 154 (medium; held out until the session's end): a table row, "4.2.6 /
 * August 2014", moved; the quote ending on it was placed over another row
 * ending "August 2014" - the test's second pair.  Both stay orphans: the
 * texts cannot tell the first (right) from the second (wrong). */
static void
test_since_edge_line_copies_kept (void)
{
  g_autofree char *old = read_data_text ("edge-line-copies-kept.old");
  g_autofree char *new = read_data_text ("edge-line-copies-kept.new");
  gint64 start;
  ClipperAnchorResult res;
  g_autofree char *got = NULL;
  g_autofree char *row = NULL;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  start = cp_index (old, "Facebook\n            \n        \n        \n            West Mercia");
  got = locate_since (old, new, start, start + 63, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got, "Wesst Mercia"));

  row = locate_pair ("edge-line-row-moved", NULL, 19878, 185, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (row, "7.1%") == NULL);
}

/* Bug (seed 140, light, synthetic; held out until round fourteen's end):
 * a quote of three figure captions ended on the first words of the next
 * paragraph, "Lorem ipsum", and that paragraph moved away; the paragraph
 * that now follows the captions starts alike.  The searched place took
 * its "Lorem ipsum" as the quote's last line because the text still holds
 * as many copies as before - true, since a move keeps them all.  That rule
 * is withdrawn (see since-edge-line-copies-kept); the highlight stays an
 * orphan, as before round fourteen. */
static void
test_since_edge_line_partial_moved (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("edge-line-partial-moved", NULL, 1301, 268, &res);

  if (res.kind != CLIPPER_ANCHOR_ORPHAN)
    g_assert_false (g_str_has_suffix (got, "Lorem ipsum"));
}

/* Bug (seed 62, heavy): a sentence came in right before a quote ("… officer
 * is these From expected of report these here many. which trapped in a
 * time loop …"), and the alignment paired a lone letter of the quote in
 * front of it.  The searched place reached out over the inserted sentence
 * to that letter, as if it were the quote's own paired edge.  A place
 * reaches out only to as many of the quote's paired letters as step a
 * gap's walk back in step. */
static void
test_since_edge_lone_letter (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("edge-lone-letter", "trapped in a time loop on the day", 0, 51, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "many. which") == NULL);
}

/* Bug (seed 63, medium): a line moved to after another paragraph whose
 * last line ends alike ("…the tradeoffs involved." / "…the users
 * involved."), and its stretch, found first (its paragraph stood first
 * in the old text), ran back across the line break into "s involved." of
 * that other line, while the stretch that holds all of that line's rest
 * was found later and stopped there.  The line's end is the line's, and
 * the quote from "users involved." on lands on the moved line alone. */
static void
test_since_line_part_taken_back (void)
{
  const char *p1 = "Companies deflect accusations by arguing consent, that they harvest data with the consent of the users involved.\n";
  const char *moved = "    But even if we accept that clicking through a page nobody reads is real consent, it is still not enough for anyone.\n";
  const char *p2 = "Privacy is a social matter, because these are shared records and the complexities of the tradeoffs involved.\n";
  const char *rest = "\nTechnical countermeasures\n\nWhile they may not solve the problem, there are steps people can take.\n";
  g_autofree char *old = g_strconcat (p1, moved, p2, rest, NULL);
  g_autofree char *new = g_strconcat ("Companies deflect accusations by arguing consent, that they harvest data with the "
                                      "consent of thhe users involved.\n", p2, moved, rest, NULL);
  gint64 start = cp_index (old, "users involved.");
  gint64 end = cp_index (old, "clicking through") + 16;
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, end, &res);

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got, ==, "    But even if we accept that clicking through");
}

/* Bug (seeds 69, 71 and 78, heavy): the quote's last line went, and the
 * next line's indentation, alike, was paired with the quote's line's
 * ("Yojimbo ⏎ Transmit" where "Transmit"'s line went: the 12 spaces before
 * "Script Devugger" paired with those before "Transmit").  A line goes
 * with its indentation: the placement ends at the line break. */
static void
test_since_indentation_of_line_gone (void)
{
  const char *head = "        Mac Apps\n        \n            BBEdit\n            Acorn\n            MarsEdit\n"
                     "            Napkin\n            Yojimbo\n";
  const char *tail = "            Snapz Pro X\n            WebKit\n        \n        iPhone Apps\n        \n"
                     "            Vesper\n";
  g_autofree char *old = g_strconcat (head, "            Transmit\n            Script Debugger\n", tail, NULL);
  g_autofree char *new = g_strconcat (head, "            Script Devugger\n", tail, NULL);
  gint64 start = cp_index (old, "Yojimbo");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "Transmit") + 8, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_strcmp0 (got, "Yojimbo\n") == 0);
}

/* The same where the next line is too changed to pair (seed 78, heavy):
 * it reads as the old text's next line ('"href": "https://mic…'). */
static void
test_since_indentation_of_line_gone_next (void)
{
  const char *head = "         Access-Control-Expose-Headers: ETag, Content-Length\n         Content-Type: application/jrd+json\n\n"
                     "         {\n";
  const char *tail = "             \"rel\": \"post-me-anything\"\n           }, {\n             \"href\": "
                     "\"https://michielbdejong.com/me.jpg\",\n             \"rel\": \"avatar\"\n           }]\n         }\n";
  g_autofree char *old = g_strconcat (head, "           \"links\":[{\n             \"href\": "
                                      "\"https://michielbdejong.com:7678/inbox\",\n", tail, NULL);
  g_autofree char *new = g_strconcat (head, "             \"href\": \"https://micchielbdejong.com:7678/inbox\",\n",
                                      tail, NULL);
  gint64 start = cp_index (old, "Content-Length");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "\"links\"") + 10, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got, "{\n"));
}

/* Bug (seed 63, heavy): of two lines that start alike ("From Firefox 85
 * it's now possible …", "From Firefox 85 it's also possible …"), the first
 * went and the second has a typo right after the start they share
 * ("also possile").  The stretch that ran past the line break into the
 * shared start was not cut back: the new line's rest, with its typo, did
 * not read as the second line's.  Ten characters of it agree with that
 * line's before the typo, none with the first's: an orphan. */
static void
test_since_next_line_typo (void)
{
  const char *ind = "                        ";
  g_autofree char *head = g_strconcat ("    Firefox 85 release notes. Users can now import logins from Keepass(XC) into Firefox\n",
                                       ind, "\n", NULL);
  g_autofree char *gone = g_strconcat (ind, "From Firefox 85 it\u2019s now possible to disable tab-to-search on a per-engine "
                                       "basis, by unchecking a search engine in Search Preferences.\n", NULL);
  g_autofree char *kept = g_strconcat (ind, "From Firefox 85 it\u2019s also possible to disable tab-to-search globally by "
                                       "unchecking the Search Engines checkbox in the Address Bar Preferences.\n", NULL);
  g_autofree char *typos = g_strconcat (ind, "From Firefox 85 it\u2019s also possile to disable tab-to\u2014search glxbally by "
                                        "unchecking the Search Engines checkbox in thee Address Bar Preferences.\n", NULL);
  g_autofree char *tail = g_strconcat (ind, "Firefox now supports printing a page to a file with the new print dialog.\n", NULL);
  g_autofree char *old = g_strconcat (head, gone, kept, tail, NULL);
  g_autofree char *new = g_strconcat (head, typos, tail, NULL);
  gint64 start = cp_index (old, "From Firefox 85 it\u2019s now");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "search on a") + 11, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "also") == NULL);
}

/* Bug (seed 69, heavy): a comma went from "the review repository, so that
 * reviewers", which then read, for 20 characters, as " repository so that
 * " of a sentence that went ("… the remote repository so that it is
 * non-publishing."), and the alignment paired them: the highlight on the
 * sentence that went landed inside the other.  A short stretch standing,
 * on one line, in a hole of its size that the stretches around it leave
 * in the old text is the hole's own text, edited. */
static void
test_since_island_in_hole (void)
{
  const char *intro = "Changesets pushed to a publishing repository become public, and public changesets are immutable.\n";
  const char *gone = "You can change this behaviour by reconfiguring the remote repository so that it is non-publishing. "
                     "(Short version: set phases.publish to false.)\n";
  const char *mid = "Bob has been working on a new feature. Like Alice, he will use a bookmark to track his work.\n";
  const char *tail = "After the review, the changesets are pushed to the public repository by the maintainer.\n";
  g_autofree char *old = g_strconcat (intro, gone, mid, "Then he will push that bookmark to the review repository, so "
                                      "that reviewers know which changesets to review.\n", tail, NULL);
  g_autofree char *new = g_strconcat (intro, mid, "Then he will push that bookmark to the review repository so "
                                      "that reviewers know which changesets to review.\n", tail, NULL);
  gint64 start = cp_index (old, "repository so that it");
  gint64 bob = cp_index (old, "the review repository,");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, start + 40, &res);
  g_autofree char *got_bob = NULL;

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (got);
  /* The sentence it stood in still carries its own highlight. */
  got_bob = locate_since (old, new, bob, bob + 45, &res);
  g_assert_cmpstr (got_bob, ==, "the review repository so that reviewers know");
}

/* Bug (seed 67, heavy): of two lines that start alike ("Raspberry Pi 3 -
 * A credit card …", "Raspberry Pi Foundation is …"), the first went and
 * a word came in right after the start the second shares ("Raspberry of
 * Pi Foundation").  The stretch that ran past the line break into
 * "Raspberry " was not cut back, and a quote ending in the line that went
 * took in the other line's first word. */
static void
test_since_next_line_inserted_word (void)
{
  const char *head = "    The Raspberry Pi has become one of the computing platforms used by teachers throughout the "
                     "world. It has become the all-time best-selling computer in the UK.\n";
  const char *tail = "    The foundation also helps teachers learn computing skills through free training and readily "
                     "available tutorials.\n";
  g_autofree char *old = g_strconcat (head, "        Raspberry Pi 3 - A credit card sized PC that only costs $35 - "
                                      "Image: Raspberry Pi Foundation\n        Raspberry Pi Foundation is a charity "
                                      "organization that pushes for a digital revolution with a mission to inspire "
                                      "kids.\n", tail, NULL);
  g_autofree char *new = g_strconcat (head, "        Raspberry of Pi Foundation is a charity organization that pushes "
                                      "for a digital revolution with a mission to inspire kids.\n", tail, NULL);
  gint64 start = cp_index (old, "computer in the UK.");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "Raspberry Pi 3") + 9, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Raspberry") == NULL);
}

/* Bug (seed 70, heavy): a page says "cross-connection" twice, and " that
 * cross-connection", once in the old text by "that", was paired with the
 * second copy, where "that" came in ("any that cross-connections left"),
 * the first having a typo ("thot").  The quote's text between, unpaired,
 * looked deleted (its paired neighbours stood side by side), and six
 * characters, "s left", were placed.  Beyond the short run, apart from
 * its own old neighbour, stands unpaired text that may be the quote's. */
static void
test_since_beyond_short_run (void)
{
  const char *head = "    For each direction, look for a free cross-connection in the switch matrix. If found, "
                     "configure the destination to route ";
  const char *tail = " left going in this direction. If they're all used, the design is unroutable due to congestion.\n";
  g_autofree char *old = g_strconcat (head, "that cross-connection and stop.\n            Check if we have any "
                                      "cross-connections", tail, NULL);
  g_autofree char *new = g_strconcat (head, "again thot cross-connection and stop.\n            Check if we have any "
                                      "that cross-connections", tail, NULL);
  gint64 start = cp_index (old, "stop.");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "s left") + 6, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Check") != NULL);
}

/* Bug (seed 56, heavy; held out): the same as since-island-in-hole, the
 * hole's other side 46 characters from the island: "ABC News, and
 * Politifact are impartial" lost its comma and read, for 24 characters, as
 * " ABC News and Politifact" of a sentence that went ("… alongside ABC
 * News and Politifact, retweeted an article …"), words inserted after it
 * ("impartial many enough to indeed label").  The text pair is in
 * tests/anchor/data/ (a shorter one samples no q-gram in the island). */
static void
test_since_island_in_hole_far (void)
{
  ClipperAnchorResult res;
  place_pair ("island-far", "Politifact, retweeted", 0, 101, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* Round fourteen (seed 119, heavy): "Picture-in-Picture", which the page
 * says three times, became "Pictture-in-Picture".  The alignment paired
 * "Pict" with the quote's "Pict" and the new word's "ture" with the last
 * "ture" of the quote, across "ure-in-Pic", and left "-in-Picture"
 * unpaired after it: the run "Pictture" seemed to hold all that could
 * survive, the quote's text between its pairs having no room there (as
 * if it had moved away), and it held less than half of the passage.
 * Where such a jump is a few letters from the run's edge, what has no
 * room counts as far as unpaired text beside the run could hold it.  The
 * text pair is in tests/anchor/data/. */
static void
test_since_edge_jump_beside (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("edge-jump-beside", "Picture-in-Picture ", 0, 18, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got, "-in-Picture"));
}

/* Round fourteen (seed 121, medium): "Lo más reciente", a heading among
 * blank lines, became "report Lo más recientee".  The alignment paired
 * "reciente" alone, and the run, 8 characters against the 7 of "Lo más"
 * unaccounted for, was placed: half of "Lo más recientee", for the
 * inserted "e" goes on the quote's last word, which ended its line.
 * Such letters count against the run's margin, as a space at its edge
 * does; refused, the run's part goes on over "Lo más".  The text pair is
 * in tests/anchor/data/. */
static void
test_since_edge_word_goes_on (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("edge-word-goes-on", "Lo m\xc3\xa1s reciente", 0, 15, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "Lo m"));
}

/* Sixteenth session (seeds 500 and 521, heavy): a sentence came in right
 * before a quote, holding a copy of one of its words, and the alignment
 * paired the quote's word with that copy; the run started there, the
 * inserted text between it and the run's rest unpaired.  "in the way you
 * expect." became "expected inn practice the way you expect!", its
 * "expect" paired with that of "expected", 35 characters before the
 * run's next pair (the line break after it); "Well, I found some" became
 * "found different however found we that were report it. ap! Well, I foun
 * some", its "found" paired with the inserted first one, 65 before " some".
 * Five and six letters are more than the edge slack drops.  A lone word at
 * a run's edge, the quote's own copy of it unpaired right beside the run's
 * rest, is dropped when much more text came in between than it has
 * characters.  The text pairs are in tests/anchor/data/. */
static void
test_since_edge_lone_word (void)
{
  ClipperAnchorResult res;
  g_autofree char *expect = locate_pair ("edge-lone-word-expect", "in the way you expect.\n", 0, 235, &res);
  g_autofree char *found = NULL;

  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_false (g_str_has_prefix (expect, "expected"));
  g_assert_nonnull (strstr (expect, "Learn more about Web Audio Editor"));

  found = locate_pair ("edge-lone-word-found", "Well, I found some", 0, 113, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_null (strstr (found, "different however"));
  g_assert_true (g_str_has_suffix (found, "rectally inserted Gnome2"));
}

/* Eighteenth session (seed 580, medium): "expected" was inserted after
 * the quote's "collected" ("the collected expected data"), a typo further
 * up.  Of the equal ways to pair "collected data" with it, the alignment
 * took "coll" with the first word and "ected data" with the inserted
 * one's tail; the four letters before the inserted text then looked like
 * a coincidence cut off by it, and the placement was "expected data",
 * less than half of the quote.  The inserted text could as well stand
 * after "collected ": the new text right after "coll" reads as the pairs
 * beyond the gap, and the letters are the quote's own. */
static void
test_since_edge_gap_slides (void)
{
  const char *pa = "         Basically, for Node.js, CPU profiling is nothing more than collecting data about functions "
                   "which are CPU consuming. And ideally, get a graphic ";
  const char *pb = " a.k.a \"flame graph\" or \"flame chart\". \n"
                   "         It will help you to track the exact file, line, and function which takes the most time "
                   "to execute. \n";
  g_autofree char *old = g_strconcat (pa, "representation of the collected data", pb, NULL);
  g_autofree char *new = g_strconcat (pa, "representatioon of the collected expected data", pb, NULL);
  g_autofree char *got = NULL;
  gint64 start = cp_index (old, "collected data");
  ClipperAnchorResult res;

  got = locate_since (old, new, start, start + 14, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpstr (got, ==, "collected expected data");
}

/* WHY() asks once a call whether its debug lines are wanted (reading
 * G_MESSAGES_DEBUG for each cost 1 % of the re-anchoring): debug output
 * turned on between two calls is in the second call's lines.  Fails
 * when the answer is kept for the process. */
static void
test_why_asked_each_call (void)
{
  if (g_test_subprocess ())
    {
      const char *old = "The first paragraph stays as it was.\nThe second one moves on.\n";
      g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new ("Inserted. The first paragraph stays as it was.\n"
                                                                "The second one moves on.\n");
      ClipperTextSelector sel = { "first paragraph", NULL, NULL, 4, 19 };
      ClipperAnchorResult res;

      g_log_set_debug_enabled (FALSE);
      clipper_anchor_locate_all_since (t, old, &sel, 1, &res);
      g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
      g_print ("-- debug on --\n");
      g_log_set_debug_enabled (TRUE);
      clipper_anchor_locate_all_since (t, old, &sel, 1, &res);
      g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*-- debug on --*why: [4, 19) placed by the alignment*");
  g_test_trap_assert_stdout_unmatched ("*why:*-- debug on --*");
}

/* Nineteenth session (seeds 622 and 604, heavy): the walk through a gap
 * between two stretches steps back in step where four letters agree
 * again, the nearest such place first.  "found" was inserted before the
 * quote's "ground" ("a thaw the found ground around the water"), and the
 * nearest four letters were "ound" of the two words: the walk paired
 * "ound " with the inserted word and "round " of "around" with "ground",
 * and the quote, carried through that, was "found ground ".  "that" was
 * inserted before "of the skills that are", and the nearest were the
 * quote's "that" and the inserted one: "of the skills" went unpaired on
 * both sides, and the placement took in "that of the ".  In both the
 * texts part again a word after the near step, and from a farther one
 * they agree on to the stretch after. */
static void
test_since_gap_step_by_chance (void)
{
  g_autofree char *old = read_data_text ("gap-step-found.old");
  g_autofree char *new = read_data_text ("gap-step-found.new");
  g_autofree char *found = NULL;
  g_autofree char *that = NULL;
  ClipperAnchorResult res;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  /* In the photo caption's copy of the sentence (the article's own is
   * unchanged). */
  found = locate_pair ("gap-step-found", NULL, cp_index_nth (old, "ground around the", 1), 17, &res);
  g_assert_cmpstr (found, ==, "ground around the");
  g_assert_cmpint (res.start, ==, cp_index (new, "found ground around") + 6);

  that = locate_pair ("gap-step-that", "skills that are listed separately", 0, 256, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (g_str_has_prefix (that, "skills that are listed sepgrately"));
}

/* Bug (seed 641, heavy): a sentence was inserted into a photo caption
 * after the quote's first words, "Clockwise from top: small The these is
 * found later report why be report it. whale bodes; squid beaks, from
 * from the …".  The alignment paired the quote from "whale" on and left
 * its first words, cut off by the sentence, unpaired; the placement was
 * "whale bodes; squid beaks, from", less than half of what survived.
 * The quote's own first words, unpaired, right beyond text that came in,
 * are taken in with it.  Seed 442 (heavy): a Chinese caption on a line
 * of its own, the quote's next line reflowed onto it after an inserted
 * "in"; reaching out to the caption, the placement must not then take
 * in the indentation before it, which the quote did not hold (the
 * indentation of the run's own first line is asked after).  The text
 * pairs are in tests/anchor/data/. */
static void
test_since_edge_beyond_inserted (void)
{
  g_autofree char *new = read_data_text ("edge-beyond-inserted.new");
  g_autofree char *indented = read_data_text ("edge-beyond-indented.new");
  g_autofree char *got = NULL;
  ClipperAnchorResult res;

  g_assert_nonnull (new);
  g_assert_nonnull (indented);
  got = locate_pair ("edge-beyond-inserted", "Clockwise from top: small whale", 0, 56, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "Clockwise from top: small The"));
  g_assert_true (g_str_has_suffix (got, "whale bodes; squid beaks, from"));

  place_pair ("edge-beyond-indented", "图为马素湘", 0, 247, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (indented, "图为马素湘"));
}

/* Round twenty-five (seeds 686, medium, and 671 and 674, heavy): lines
 * that start alike.  A caption "Raspberry Pi 3 - A credit card sized PC
 * …" moved in between the quote's "such as music." and its next line,
 * "Raspberry Pi in educations -"; the alignment paired the moved line's
 * "Raspberry " with the quote's, and three placements ended on it (one
 * of them the quote's own line, whose words stand right after).  On
 * Mozilla's page the Valence block's "Develop and debug your apps" was
 * placed on "Develop " of WebIDE's "Develop deploy and debug Firefox OS
 * apps", the quote's own line standing elsewhere or gone.  A run whose
 * last line holds only that line's head, where the line goes on as
 * another passage's line that starts with the same words, leaves the
 * head out. */
static void
test_since_line_head_alike (void)
{
  g_autofree char *new = read_data_text ("line-head-alike.new");
  g_autofree char *got = NULL;
  ClipperAnchorResult res;

  g_assert_nonnull (new);
  got = locate_pair ("line-head-alike", NULL, 768, 1034 - 768, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_true (g_str_has_prefix (got, "to inspire kids"));
  g_assert_null (strstr (got, "Raspberry"));
  g_clear_pointer (&got, g_free);

  got = locate_pair ("line-head-alike", NULL, 389, 592 - 389, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_true (g_str_has_prefix (got, "Station for research"));
  g_assert_null (strstr (got, "Raspberry"));
  g_clear_pointer (&got, g_free);

  /* The quote's own line, right after the caption: placed there. */
  got = locate_pair ("line-head-alike", NULL, 993, 1036 - 993, &res);
  g_assert_cmpint (res.kind, !=, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, >=, cp_index (new, "Raspberry Pi in educations"));
  g_assert_true (g_str_has_suffix (got, "Raspberry Pi in educations -"));
  g_clear_pointer (&got, g_free);

  got = locate_pair ("line-head-alike-develop", "Develop and", 0, 11, &res);
  g_assert_cmpstr (got, ==, "Develop and");
  g_clear_pointer (&got, g_free);

  /* Its words gone, the quote is an orphan, not WebIDE's "Develop ". */
  got = locate_pair ("line-head-alike-gone", NULL, 589, 715 - 589, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "Develop") == NULL);
}

/* Round twenty-six (held-out seeds 687 and 693, medium): lines that end
 * alike, round twenty-five turned round.  On a list of films a line "A
 * Quiet Passion is currently streaming on Amazon Prime and available to
 * digitally rent or purchase on iTunes, Vudu, Amazon, YouTube, and
 * Google Play." moved in after the quote's "The Big Sick is currently
 * streaming … rent on iTunes, Vudu, Amazon, YouTube, and Google Play.";
 * the alignment paired the moved line's tail from " on iTunes" with the
 * quote's, and the placement began there, on another film's line.  On a
 * blog post the quote's line "I care deeply about that mission … in the
 * best interest of the mission." moved away, and the quote was placed
 * from " mission." of another line, "… invented that mission.", on.  A
 * run whose first line holds only that line's tail, where the line goes
 * back as another passage's line that ends with the same words, leaves
 * the tail out. */
static void
test_since_line_tail_alike (void)
{
  g_autofree char *got = NULL;
  ClipperAnchorResult res;

  /* The quote's own line is there, before the moved one; not A Quiet
   * Passion's tail. */
  got = locate_pair ("line-tail-alike", NULL, 7158, 7429 - 7158, &res);
  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || !g_str_has_prefix (got, " on iTunes"));
  g_clear_pointer (&got, g_free);

  /* The quote's second line, which stayed: placed on it alone. */
  got = locate_pair ("line-tail-alike-mission", NULL, 8494, 8705 - 8494, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_null (strstr (got, "mission"));
  g_assert_true (g_str_has_suffix (got, "I'm admittedly struggling to find a way to work again with RMS, "
                                        "given his views"));
}

/* Round fifteen (seed 186, heavy): a paragraph that begins "SpiderMonkey
 * is the original JavaScript engine" went; the next one, which begins with
 * the same word, now reads "SpiderMonrey is a cross-platform engine".  The
 * alignment paired the deleted paragraph's "SpiderMon" with the new
 * word's head and the rest of that word with the next paragraph's: the
 * run, all that the alignment showed surviving of a quote otherwise
 * deleted, was placed on ten letters of another paragraph's word.  A run's
 * edge word that goes on, past unpaired letters, in letters of another
 * passage is that passage's; the text pair is in tests/anchor/data/. */
static void
test_since_edge_word_other_passage (void)
{
  ClipperAnchorResult res;
  place_pair ("edge-word-other-passage", "SpiderMonkey is the original", 0, 282, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* Its other side (seed 1, heavy, a Chinese page, where a whole clause
 * reads as one word): a quote that ends inside a word keeps that word
 * when letters are inserted after its end: the letters beyond are the
 * rest of its own old word, not another passage's.  The rule first cut
 * "Java" off "invented Java|xx|Script". */
static void
test_since_edge_word_own_rest (void)
{
  const char *head = "Engines\n\n    SpiderMonkey is the original engine developed by Brendan Eich when he invented ";
  const char *tail = " in 1995 as a developer at Netscape, and it became part of the Mozilla family later.\n"
                     "    Rhino is an open source engine managed by the Mozilla Foundation, developed entirely in "
                     "Java, which converts scripts into classes.\n";
  g_autofree char *old = g_strconcat (head, "JavaScript", tail, NULL);
  g_autofree char *new = g_strconcat (head, "JavaxxScript", tail, NULL);
  gint64 start = cp_index (old, "Brendan Eich");
  ClipperAnchorResult res;
  g_autofree char *got = locate_since (old, new, start, cp_index (old, "Script in 1995"), &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_POSITION);
  g_assert_cmpstr (got, ==, "Brendan Eich when he invented Java");
}

/* A line break that came into a line's indentation (seed 87, medium:
 * "story.⏎        So is code…" reflowed to "story.⏎       ⏎So is code…")
 * leaves the quote's indentation on a blank line and its words, with a
 * typo further on, unpaired on the next: the line did not go, so the
 * placement keeps its indentation and is not cut back to "story.⏎". */
static void
test_since_indentation_reflowed (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("indentation-reflowed", "story.\n        So is", 0, 20, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_prefix (got, "story.\n       "));
}

/* Its other side (seed 17, heavy): after the quote's line a blank line
 * came, and then the next line indented as the quote's line was — a line
 * of its own, whose copy moved in: the blank line's whitespace is not the
 * quote's, and the placement still ends at the line break. */
static void
test_since_indentation_blank_before (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("indentation-blank-before", "a major vulnerability, yet", 0, 95, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || g_str_has_suffix (got, "act on it.\" \n"));
}

/* An orphan's suggested place (clipper_anchor_suggest()): what the reader
 * pre-selects for Re-attach.  Looser than placing, never taken alone. */
static void
test_suggest (void)
{
  const char *quote = "The village below depended on that light.";
  /* Rewritten past what is placed with confidence: a third of it changed,
   * and its context too. */
  g_autofree char *rewritten = replace (article,
                                        "The village below depended on that light. Fishing boats",
                                        "The town below depended on that lamp. The boats");
  g_autofree char *gone = replace (article, "The village below depended on that light. ", "");
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (rewritten);
  g_autoptr (ClipperAnchorText) tg = clipper_anchor_text_new (gone);
  g_autoptr (ClipperAnchorText) tr = NULL;
  g_autofree char *got = NULL;
  g_autofree char *repeated = NULL;
  ClipperAnchorResult res;
  gint64 at = cp_index (article, quote);
  Sel s;

  sel_make (&s, article, at, at + g_utf8_strlen (quote, -1));

  /* Placing refuses it; the suggestion is the rewritten sentence. */
  clipper_anchor_locate (t, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_true (clipper_anchor_suggest (t, &s.sel, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  got = clipper_anchor_text_slice (t, res.start, res.end);
  g_assert_nonnull (strstr (got, "below depended on that"));
  g_assert_cmpint (res.start, >=, cp_index (rewritten, "The town"));
  g_assert_cmpint (res.end, <=, cp_index (rewritten, " The boats"));

  /* A deleted sentence gets none: nothing else reads like it. */
  g_assert_false (clipper_anchor_suggest (tg, &s.sel, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, -1);

  /* A place found with confidence is the suggestion too. */
  g_assert_true (clipper_anchor_suggest (t, &(ClipperTextSelector) { "never once had the lamp failed", NULL, NULL, -1, -1 }, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_EXACT_QUOTE);
  g_assert_cmpint (res.start, ==, cp_index (rewritten, "never once had the lamp failed"));

  /* Copies that read alike all around: the one nearest the old place. */
  repeated = g_strconcat (rewritten, "\n", rewritten, NULL);
  tr = clipper_anchor_text_new (repeated);
  s.sel.start += g_utf8_strlen (rewritten, -1) + 1;
  s.sel.end += g_utf8_strlen (rewritten, -1) + 1;
  g_assert_true (clipper_anchor_suggest (tr, &s.sel, FALSE, &res));
  g_assert_cmpint (res.start, >=, g_utf8_strlen (rewritten, -1) + 1);
  s.sel.start = at;
  s.sel.end = at + g_utf8_strlen (quote, -1);
  g_assert_true (clipper_anchor_suggest (tr, &s.sel, FALSE, &res));
  g_assert_cmpint (res.end, <=, g_utf8_strlen (rewritten, -1));

  /* Nearly as alike (its context a little closer): still the nearer. */
  {
    g_autofree char *closer = replace (article, "The village below depended on that light. Fishing boats",
                                       "The town below depended on that lamp. Fishing boats");
    g_autofree char *both = g_strconcat (rewritten, "\n", closer, NULL);
    g_autoptr (ClipperAnchorText) tb = clipper_anchor_text_new (both);

    g_assert_true (clipper_anchor_suggest (tb, &s.sel, FALSE, &res));
    g_assert_cmpint (res.end, <=, g_utf8_strlen (rewritten, -1));
  }

  /* Too short to suggest anything with half of it wrong. */
  g_assert_false (clipper_anchor_suggest (t, &(ClipperTextSelector) { "lamb", NULL, NULL, 0, 4 }, FALSE, &res));
  sel_clear (&s);
}

/* A paragraph of @n sentences, each telling itself apart by its number
 * and a few words picked from it, so that no stretch of it repeats. */
static char *
long_paragraph (guint n, guint typo_every)
{
  static const char *const nouns[] = { "lamp", "harbour", "keeper", "ledger", "storm", "gull", "rope", "lens", "tide",
                                       "bell", "island", "ferry", "chart", "cliff", "beacon", "oar", "net" };
  static const char *const verbs[] = { "watched", "mended", "counted", "carried", "painted", "followed", "trimmed",
                                       "wrote down", "polished", "remembered", "signalled", "weighed", "crossed" };
  GString *p = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (p, "In year %u the %s %s the %s near the %s, ", 1800 + i, nouns[i % 17], verbs[(i * 7) % 13],
                              nouns[(i * 5 + 3) % 17], nouns[(i * 11 + 6) % 17]);
      /* The edit: one word fixed in every @typo_every-th sentence. */
      g_string_append (p, typo_every > 0 && i % typo_every == typo_every / 2 ? "and so it was written. " : "and so it was writen. ");
    }
  g_string_truncate (p, p->len - 1);
  return g_string_free (p, FALSE);
}

/* A quote too long to match approximately as a whole (over 2,048 folded
 * characters) in one paragraph, so in thirds too long as well: a typo fixed
 * in each third orphans it, and the suggestion is still the paragraph,
 * found by its pieces. */
static void
test_suggest_long_quote (void)
{
  g_autofree char *para = long_paragraph (160, 0);
  g_autofree char *edited_para = long_paragraph (160, 50);
  g_autofree char *old_text = g_strconcat ("The keeper's diary\n\n", para, "\n\nAfterword: the lamp was sold.\n", NULL);
  g_autofree char *new_text = g_strconcat ("The keeper's diary, kept\n\n", edited_para,
                                           "\n\nAfterword: the lamp was sold.\n", NULL);
  g_autofree char *gone_text = g_strdup ("The keeper's diary\n\nAfterword: the lamp was sold.\n");
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (new_text);
  g_autoptr (ClipperAnchorText) tg = clipper_anchor_text_new (gone_text);
  gint64 at = cp_index (old_text, para), new_at = cp_index (new_text, edited_para);
  gint64 len = g_utf8_strlen (para, -1), new_len = g_utf8_strlen (edited_para, -1);
  ClipperAnchorResult res;
  Sel s;

  sel_make (&s, old_text, at, at + len);
  g_assert_cmpint (len, >, 3 * 2048 + 2048);

  clipper_anchor_locate (t, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  g_assert_true (clipper_anchor_suggest (t, &s.sel, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, new_at);
  g_assert_cmpint (res.end, ==, new_at + new_len);
  g_assert_cmpfloat (res.score, >, 0.5);
  g_assert_cmpfloat (res.score, <=, 1.0);

  /* Only the paragraph's first half is left (the rest deleted): it is
   * suggested, the lesser part is the reader's call. */
  {
    g_autofree char *half = g_utf8_substring (edited_para, 0, new_len / 2);
    g_autofree char *cut = g_strndup (half, strrchr (half, '.') + 1 - half);
    g_autofree char *half_text = g_strconcat ("The keeper's diary\n\n", cut, "\n\nAfterword: the lamp was sold.\n", NULL);
    g_autoptr (ClipperAnchorText) th = clipper_anchor_text_new (half_text);

    g_assert_true (clipper_anchor_suggest (th, &s.sel, FALSE, &res));
    g_assert_cmpint (res.start, ==, cp_index (half_text, cut));
    g_assert_cmpint (res.end, <=, cp_index (half_text, cut) + g_utf8_strlen (cut, -1));
    g_assert_cmpint (res.end, >=, cp_index (half_text, cut) + g_utf8_strlen (cut, -1) - 64);
  }

  /* The paragraph deleted: nothing to suggest. */
  g_assert_false (clipper_anchor_suggest (tg, &s.sel, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  sel_clear (&s);

  /* Shorter (thirds under 2,048): a long sentence inserted near its
   * start, and all of it after two fifths deleted.  Of its thirds only
   * the first is left, too little to place it; the suggestion is what is
   * left, the sentence inside. */
  {
    const char *inserted = "Here the editor added a long aside about the history of the harbour, its trade, "
                           "its storms and the families who lived by it, which goes on for a while. ";
    g_autofree char *mid = long_paragraph (48, 0);
    g_autofree char *mid_old = g_strconcat ("The keeper's diary\n\n", mid, "\n\nAfterword.\n", NULL);
    g_autoptr (GString) kept = g_string_new_len (mid, strstr (mid, "In year 1820") - mid - 1);
    g_autofree char *mid_new = NULL;
    g_autoptr (ClipperAnchorText) tm = NULL;
    gint64 mid_len = g_utf8_strlen (mid, -1);

    /* (ASCII: byte offsets are code points.) */
    g_string_insert (kept, strstr (kept->str, "In year 1805") - kept->str, inserted);
    mid_new = g_strconcat ("The keeper's diary\n\n", kept->str, "\n\nAfterword.\n", NULL);
    tm = clipper_anchor_text_new (mid_new);
    g_assert_cmpint (mid_len, >, 3000);
    g_assert_cmpint (mid_len, <, 3 * 2048);
    sel_make (&s, mid_old, cp_index (mid_old, mid), cp_index (mid_old, mid) + mid_len);
    clipper_anchor_locate (tm, &s.sel, &res);
    g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
    g_assert_true (clipper_anchor_suggest (tm, &s.sel, FALSE, &res));
    g_assert_cmpint (res.start, ==, cp_index (mid_new, kept->str));
    g_assert_cmpint (res.end, ==, res.start + (gint64) kept->len);
    sel_clear (&s);
  }
}

/* How far a suggestion may be depends on where the orphan's offsets come
 * from.  The rewritten sentence of /anchor/suggest now stands after a
 * page and more of other text (a QA user saw a deleted caption offered
 * the end of another paragraph, far from it): offsets that are this
 * text's (carried by a re-anchoring) put its passage where they are, so
 * an approximate match 6,000 characters away is not offered, nor one 700
 * away with a quarter of it wrong; one 300 away is.  An imported
 * annotation's offsets are another page's, thousands of characters off:
 * its passage is still offered.  A confident place is offered however
 * far. */
static void
test_suggest_far (void)
{
  const char *quote = "The village below depended on that light.";
  g_autofree char *rewritten = replace (article,
                                        "The village below depended on that light. Fishing boats",
                                        "The town below depended on that lamp. The boats");
  g_autofree char *filler = long_paragraph (80, 0);
  g_autofree char *moved = g_strconcat (filler, "\n\n", rewritten, NULL);
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (moved);
  gint64 at = cp_index (article, quote);
  gint64 shift = g_utf8_strlen (filler, -1) + 2;
  g_autofree char *got = NULL;
  ClipperAnchorResult res;
  Sel s;

  g_assert_cmpint (shift, >, 5000);
  sel_make (&s, article, at, at + g_utf8_strlen (quote, -1));
  clipper_anchor_locate (t, &s.sel, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);

  /* Another page's offsets: the passage, far as it is. */
  g_assert_true (clipper_anchor_suggest (t, &s.sel, FALSE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  got = clipper_anchor_text_slice (t, res.start, res.end);
  g_assert_nonnull (strstr (got, "below depended on that"));
  g_assert_cmpint (res.start, >=, shift);

  /* This text's offsets, over 5,000 characters from it: none. */
  g_assert_false (clipper_anchor_suggest (t, &s.sel, TRUE, &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  g_assert_cmpint (res.start, ==, -1);

  /* Where they put the passage: offered. */
  s.sel.start += shift;
  s.sel.end += shift;
  g_assert_true (clipper_anchor_suggest (t, &s.sel, TRUE, &res));
  g_assert_cmpint (res.start, >=, shift);

  /* 700 characters off, with a quarter of it wrong: none; 300: offered. */
  s.sel.start -= 700;
  s.sel.end -= 700;
  g_assert_false (clipper_anchor_suggest (t, &s.sel, TRUE, &res));
  s.sel.start += 400;
  s.sel.end += 400;
  g_assert_true (clipper_anchor_suggest (t, &s.sel, TRUE, &res));
  g_assert_cmpint (res.start, >=, shift);

  /* Verbatim, at its place with confidence: however far. */
  g_assert_true (clipper_anchor_suggest (t, &(ClipperTextSelector) { "never once had the lamp failed", NULL, NULL, 0, 30 },
                                         TRUE, &res));
  g_assert_cmpint (res.start, ==, cp_index (moved, "never once had the lamp failed"));
  sel_clear (&s);
}

/* Round twenty-four (seed 1, heavy, videos-2): a sentence inserted inside
 * a quote, a line break reflowed into it, and the quote's own words
 * between the sentence and its next part edited ("Quuite ⏎in from however
 * were which. lieu le tournagge!" where " lieu le tournage. " stood).  The
 * alignment paired the quote's two sides, 130 characters each, and kept
 * them apart with caution (unpaired text across a line break, too much of
 * it the old text's words to be called new); the window search found the
 * whole of it within its errors, and the veto against joining two parts
 * (there for two copies' parts) refused it.  The text between, less the
 * quote's own words there, came in: the two parts are one. */
static void
test_since_inserted_inside_searched (void)
{
  g_autofree char *new = read_data_text ("inserted-inside-searched.new");
  g_autofree char *got = NULL;
  ClipperAnchorResult res;

  g_assert_nonnull (new);
  got = locate_pair ("inserted-inside-searched", "authentique conf'", 0, 281, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "autentique conf'"));
  g_assert_nonnull (strstr (got, "Quuite\nin from however were which. lieu le tournagge!"));
  g_assert_true (g_str_has_suffix (got, "chantent, 2014) réside"));
}

/* Its other side (seed 1, heavy, mozilla-1): "Make Firefox match your
 * style. Choose from thousands of themes …" with "Found which note that
 * later found it." inserted after "thousands", a line break reflowed in
 * before "match" and typos around: the alignment kept the two sides
 * apart with caution, neither holding enough alone, and no search found
 * it within a quarter in errors.  Taken as one part across the inserted
 * text, it is placed as the alignment places a part.  The same pair with
 * a sentence of the page's own, edited (typos, so that it cannot pair),
 * where the inserted one stands keeps the two parts apart: text from
 * elsewhere is not the quote's, and the highlight stays an orphan. */
static void
test_since_inserted_inside_parts (void)
{
  g_autofree char *old = read_data_text ("inserted-inside-parts.old");
  g_autofree char *new = read_data_text ("inserted-inside-parts.new");
  g_autofree char *got = NULL;
  g_autoptr (GString) copied = NULL;
  ClipperAnchorResult res;
  gint64 start;

  g_assert_nonnull (old);
  g_assert_nonnull (new);
  start = cp_index (old, "Themes\n                    Make Firefox match");
  got = locate_since (old, new, start, start + 136, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "Themes\n                    Make Firefox\nmatch"));
  g_assert_nonnull (strstr (got, "Found which note that later found it."));
  g_assert_true (g_str_has_suffix (got, "with a single click!"));
  g_clear_pointer (&got, g_free);

  copied = g_string_new (new);
  g_assert_cmpint (g_string_replace (copied, "Found which note that later found it.",
                                     "They let yuo compare prices, chek the weathr.", 1), ==, 1);
  got = locate_since (old, copied->str, start, start + 136, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* The first version of that rule (seed 26, heavy, keep-tabular-data):
 * "regular content updates. ⏎        The GUI progress (kovarex)", where a
 * line from elsewhere, "UX draft" with "again" inserted into it, came in
 * between the two lines and a sentence after the second line's
 * indentation.  The inserted word hid the line's q-grams ("uxagaindraft"
 * is in no old text), and the two parts were joined over a line that is
 * another passage's: placed wrongly.  Text inserted inside a quote brings
 * no line of its own. */
static void
test_since_inserted_inside_line_moved_in (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("inserted-inside-line-moved-in", "regular content updates. \n        The GUI",
                                      0, 60, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "UX") == NULL);
}

/* And (seed 299, heavy, mathjax): "The probability of getting ⏎ … k … ⏎
 * heads when flipping ⏎ … n … ⏎ coins is:" lost its first line, and a copy
 * of that line moved in where it stood; the alignment paired the copy,
 * and between it and the quote's rest stood the quote's own words with
 * typos and a word inserted ("said heads wheeen flilppxng").  Their
 * q-grams are not the old text's, but only a few in a row: typos, not a
 * stretch that came in.  Joined, the placement took in the copy's line;
 * it stays an orphan. */
static void
test_since_inserted_inside_typos (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("inserted-inside-typos", NULL, 8415, 199, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || !g_str_has_prefix (got, "The probability"));
}

/* And the quote's own words between the two parts must still stand
 * between them.  Seed 337 (heavy, lwn-1): "January 2015 ⏎ … ⏎ 4.3.6 ⏎
 * February 2015", a table's rows, where "again said 2811" stands in place
 * of "4.3.6" and the "January 2015" the alignment paired is another
 * row's.  Seed 381 (heavy, 001): a listing whose line
 * "<script>mocha.setup('bdd');</script>" moved further down, and a
 * sentence inserted into the next line: the text between the parts lost
 * a line of the quote.  Both were placed wrongly, over another row and
 * over the moved line's head; both stay orphans. */
static void
test_since_inserted_inside_own_words_gone (void)
{
  ClipperAnchorResult res;

  place_pair ("inserted-inside-row-moved-in", NULL, 21046, 154, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
  place_pair ("inserted-inside-line-gone", NULL, 2922, 248, &res);
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* And not for a quote the old text repeats (seed 411, heavy, a synthetic
 * page of alike Lorem ipsum paragraphs): "… id est laborum. ⏎ … Tempor ⏎
 * incididunt … dolore magna aliqua. Ut enim …" with a sentence inserted
 * after "dolore mana"; the window search's place began on the line
 * "in culpa … laborum." of another copy, and joined across the inserted
 * sentence it was taken.  Which copy a part is, only the alignment could
 * say, and it did not. */
static void
test_since_inserted_inside_copies (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("inserted-inside-copies", NULL, 421, 284, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || !g_str_has_prefix (got, "in culpa"));
}

/* Where locate_since() places old [start, start + @len) of the text pair
 * @name, in its new text with @from replaced by @to (once) when @from is
 * given: the pair as the bench made it, or with one edit of a test's. */
static char *
locate_pair_replaced (const char *name, gint64 start, gint64 len, const char *from, const char *to,
                      ClipperAnchorResult *res)
{
  g_autofree char *old_name = g_strconcat (name, ".old", NULL);
  g_autofree char *new_name = g_strconcat (name, ".new", NULL);
  g_autofree char *old = read_data_text (old_name);
  g_autofree char *text = read_data_text (new_name);
  g_autoptr (GString) new = NULL;

  g_assert_nonnull (old);
  g_assert_nonnull (text);
  new = g_string_new (text);
  if (from != NULL)
    g_assert_cmpint (g_string_replace (new, from, to, 1), ==, 1);
  return locate_since (old, new->str, start, start + len, res);
}

/* One side paired, a sentence inserted beside it (seed 1, medium,
 * dropbox-blog): "status of a scheduled task. ⏎ … ⏎ System guarantees"
 * became "status of a scheduled Note report	many is. task! ⏎ … ⏎ System
 * guarantees".  The alignment paired the first 22 characters, on from the
 * run before the quote; the rest, its words with a mark changed and its
 * blank lines, has nothing of twenty agreeing characters to pair, and no
 * search found the quote within a quarter in errors (the sentence is a
 * fifth of it).  Right after the paired part stand new text and then the
 * rest: the quote is there, with the sentence inside it.  The same pair
 * with a sentence of the page's own where the inserted one stands (old
 * text, not new) leaves it an orphan: a sentence from elsewhere, and what
 * follows it, need not be the quote's. */
static void
test_since_beyond_inserted_first (void)
{
  ClipperAnchorResult res;
  g_autofree char *new = read_data_text ("beyond-inserted-first.new");
  g_autofree char *got = locate_pair_replaced ("beyond-inserted-first", 1000, 102, NULL, NULL, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (res.start, ==, cp_index (new, "status of a scheduled Note report"));
  g_assert_true (g_str_has_prefix (got, "status of a scheduled Note report\tmany is. task!\n"));
  g_assert_true (g_str_has_suffix (got, "System guarantees"));
  g_free (locate_pair_replaced ("beyond-inserted-first", 1000, 102, "Note report\tmany is.",
                                "Tasks can be scheduled for immediate execution.", &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* A short quote (seed 2, medium, 001): "an easy to install," with "Were
 * different expected we what many these said in." inserted after "easy"
 * and the comma changed.  Its first eight characters are paired, on from
 * the run before them, and nothing else of it: placed from them over the
 * inserted sentence to "to install;".  Not when what follows the sentence
 * is not the rest ("to uninstall", more than a fifth in errors). */
static void
test_since_beyond_inserted_short (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair_replaced ("beyond-inserted-short", 1000, 19, NULL, NULL, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpstr (got, ==, "an easy Were different expected we what many these said in. to install;");
  g_free (locate_pair_replaced ("beyond-inserted-short", 1000, 19, "said in. to install;", "said in. to uninstall;",
                                &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

/* The first version of that rule (seed 41, heavy, toc-missing): "Like before, we can
 * detect anomalies … ⏎ WITH series AS ( ⏎ … ⏎ stats AS ( ⏎ SELECT ⏎
 * avg(n) series_avg," with a sentence inserted after "WITH", and its last
 * line gone.  The rest, two hundred folded characters, was found within
 * a fifth in errors ending on the next line's "stddev(": a placement
 * that takes in another line's word.  The rest's far edge must be its
 * own last characters. */
static void
test_since_beyond_inserted_last_line_gone (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair ("beyond-inserted-last-line-gone", NULL, 6545, 274, &res);

  g_assert_true (res.kind == CLIPPER_ANCHOR_ORPHAN || strstr (got, "stddev") == NULL);
}

/* A short quote between its old context (seed 1, heavy, nytimes-5):
 * "Photo", a caption's word the page holds six times here, became
 * "Phoro".  Nothing of it is paired, the alignment shows it deleted, and
 * a word of five letters is too short to search for by itself.  The 32
 * folded characters before it in the old text and the 32 after it
 * ("CreditPete Marovich para The New York Times" …) each stand once in
 * both texts, within an eighth in errors, and between them stands
 * "Phoro", one error from the quote: placed there.  With another word
 * there ("Video", more than a fifth in errors) it stays an orphan. */
static void
test_since_short_between_context (void)
{
  ClipperAnchorResult res;
  g_autofree char *got = locate_pair_replaced ("short-between-context", 1000, 5, NULL, NULL, &res);

  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpstr (got, ==, "Phoro");
  g_free (locate_pair_replaced ("short-between-context", 1000, 5, "Phoro", "Video", &res));
  g_assert_cmpint (res.kind, ==, CLIPPER_ANCHOR_ORPHAN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/text-basics", test_text_basics);
  g_test_add_func ("/anchor/search-matches-dp", test_search_matches_dp);
  g_test_add_func ("/anchor/search-split-resume", test_search_split_resume);
  g_test_add_func ("/anchor/search-both", test_search_both);
  g_test_add_func ("/anchor/window-copies-order", test_window_copies_order);
  g_test_add_func ("/anchor/exact-position", test_exact_position);
  g_test_add_func ("/anchor/moved-quote", test_moved_quote);
  g_test_add_func ("/anchor/suggest", test_suggest);
  g_test_add_func ("/anchor/suggest-long-quote", test_suggest_long_quote);
  g_test_add_func ("/anchor/suggest-far", test_suggest_far);
  g_test_add_func ("/anchor/repeats-with-context", test_repeats_with_context);
  g_test_add_func ("/anchor/typo", test_typo);
  g_test_add_func ("/anchor/inserted-words", test_inserted_words);
  g_test_add_func ("/anchor/whitespace-punctuation", test_whitespace_punctuation);
  g_test_add_func ("/anchor/moved-paragraph", test_moved_paragraph);
  g_test_add_func ("/anchor/deleted-passage", test_deleted_passage);
  g_test_add_func ("/anchor/deleted-repeat", test_deleted_repeat);
  g_test_add_func ("/anchor/scripts", test_scripts);
  g_test_add_func ("/anchor/overlapping-adjacent", test_overlapping_adjacent);
  g_test_add_func ("/anchor/cross-paragraph", test_cross_paragraph);
  g_test_add_func ("/anchor/long-quote", test_long_quote);
  g_test_add_func ("/anchor/too-changed", test_too_changed);
  g_test_add_func ("/anchor/locate-third-mostly-whitespace", test_locate_third_mostly_whitespace);
  g_test_add_func ("/anchor/locate-stray-edge-line", test_locate_stray_edge_line);
  g_test_add_func ("/anchor/locate-copies-edited-apart", test_locate_copies_edited_apart);
  g_test_add_func ("/anchor/locate-moved-words-again", test_locate_moved_words_again);
  g_test_add_func ("/anchor/bad-input", test_bad_input);
  g_test_add_func ("/anchor/since-repeats", test_since_repeats);
  g_test_add_func ("/anchor/since-orphan-near", test_since_orphan_near);
  g_test_add_func ("/anchor/since-paragraph-edges", test_since_paragraph_edges);
  g_test_add_func ("/anchor/since-paragraph-moved-in", test_since_paragraph_moved_in);
  g_test_add_func ("/anchor/since-stale-old-text", test_since_stale_old_text);
  g_test_add_func ("/anchor/since-changed-last-words", test_since_changed_last_words);
  g_test_add_func ("/anchor/since-reordered-copies", test_since_reordered_copies);
  g_test_add_func ("/anchor/since-partly-surviving", test_since_partly_surviving);
  g_test_add_func ("/anchor/since-short-quote-in-gap", test_since_short_quote_in_gap);
  g_test_add_func ("/anchor/since-edge-line-held", test_since_edge_line_held);
  g_test_add_func ("/anchor/since-line-starts-alike", test_since_line_starts_alike);
  g_test_add_func ("/anchor/since-line-only-starts-alike", test_since_line_only_starts_alike);
  g_test_add_func ("/anchor/since-blank-lines-moved-in", test_since_blank_lines_moved_in);
  g_test_add_func ("/anchor/since-copy-elsewhere", test_since_copy_elsewhere);
  g_test_add_func ("/anchor/since-sentence-after-blank-line", test_since_sentence_after_blank_line);
  g_test_add_func ("/anchor/since-copies-swapped", test_since_copies_swapped);
  g_test_add_func ("/anchor/since-copies-count-changed", test_since_copies_count_changed);
  g_test_add_func ("/anchor/since-copies-count-changed-short", test_since_copies_count_changed_short);
  g_test_add_func ("/anchor/since-copies-count-changed-edge", test_since_copies_count_changed_edge);
  g_test_add_func ("/anchor/since-short-quote-in-indented-gap", test_since_short_quote_in_indented_gap);
  g_test_add_func ("/anchor/since-verbatim-gap-foreign", test_since_verbatim_gap_foreign);
  g_test_add_func ("/anchor/since-drifted-onto-copy", test_since_drifted_onto_copy);
  g_test_add_func ("/anchor/since-drifted-onto-copy-far", test_since_drifted_onto_copy_far);
  g_test_add_func ("/anchor/since-search-blank-lines-in", test_since_search_blank_lines_in);
  g_test_add_func ("/anchor/since-copies-count-changed-first-line", test_since_copies_count_changed_first_line);
  g_test_add_func ("/anchor/since-search-first-line-copies", test_since_search_first_line_copies);
  g_test_add_func ("/anchor/since-verbatim-gap-other-copy", test_since_verbatim_gap_other_copy);
  g_test_add_func ("/anchor/since-copies-run-bounds", test_since_copies_run_bounds);
  g_test_add_func ("/anchor/since-stretch-lost-seed", test_since_stretch_lost_seed);
  g_test_add_func ("/anchor/since-search-first-line-moved-copy", test_since_search_first_line_moved_copy);
  g_test_add_func ("/anchor/since-rest-reads-alike-comma", test_since_rest_reads_alike_comma);
  g_test_add_func ("/anchor/since-exact-half", test_since_exact_half);
  g_test_add_func ("/anchor/since-gone-beside-inserted", test_since_gone_beside_inserted);
  g_test_add_func ("/anchor/since-gone-beside-changed", test_since_gone_beside_changed);
  g_test_add_func ("/anchor/since-table-cells", test_since_table_cells);
  g_test_add_func ("/anchor/since-edge-line-same", test_since_edge_line_same);
  g_test_add_func ("/anchor/since-edge-line-copies-kept", test_since_edge_line_copies_kept);
  g_test_add_func ("/anchor/since-edge-line-partial-moved", test_since_edge_line_partial_moved);
  g_test_add_func ("/anchor/since-edge-line-reflowed", test_since_edge_line_reflowed);
  g_test_add_func ("/anchor/since-line-word-inserted", test_since_line_word_inserted);
  g_test_add_func ("/anchor/since-blank-lines-reflowed", test_since_blank_lines_reflowed);
  g_test_add_func ("/anchor/since-edge-line-laid-out", test_since_edge_line_laid_out);
  g_test_add_func ("/anchor/since-once-in-each", test_since_once_in_each);
  g_test_add_func ("/anchor/since-thirds", test_since_thirds);
  g_test_add_func ("/anchor/since-part-goes-on", test_since_part_goes_on);
  g_test_add_func ("/anchor/since-window-match-alone", test_since_window_match_alone);
  g_test_add_func ("/anchor/since-window-match-more-lines", test_since_window_match_more_lines);
  g_test_add_func ("/anchor/since-between-neighbours", test_since_between_neighbours);
  g_test_add_func ("/anchor/since-window-verbatim", test_since_window_verbatim);
  g_test_add_func ("/anchor/since-window-verbatim-near-copy", test_since_window_verbatim_near_copy);
  g_test_add_func ("/anchor/since-window-verbatim-near-copy-stays", test_since_window_verbatim_near_copy_stays);
  g_test_add_func ("/anchor/since-window-verbatim-copies-in-order", test_since_window_verbatim_copies_in_order);
  g_test_add_func ("/anchor/since-window-verbatim-context", test_since_window_verbatim_context);
  g_test_add_func ("/anchor/since-window-layout-squeezed", test_since_window_layout_squeezed);
  g_test_add_func ("/anchor/since-window-layout-squeezed-alike", test_since_window_layout_squeezed_alike);
  g_test_add_func ("/anchor/since-window-match-copy-elsewhere", test_since_window_match_copy_elsewhere);
  g_test_add_func ("/anchor/since-window-match-copy-gone", test_since_window_match_copy_gone);
  g_test_add_func ("/anchor/since-window-match-copies-counted", test_since_window_match_copies_counted);
  g_test_add_func ("/anchor/since-inserted-sentence-reflowed", test_since_inserted_sentence_reflowed);
  g_test_add_func ("/anchor/since-many-blank-lines", test_since_many_blank_lines);
  g_test_add_func ("/anchor/since-inserted-word-edge", test_since_inserted_word_edge);
  g_test_add_func ("/anchor/since-dot-leaders", test_since_dot_leaders);
  g_test_add_func ("/anchor/since-copy-elsewhere-one-side", test_since_copy_elsewhere_one_side);
  g_test_add_func ("/anchor/since-layout-moved-away", test_since_layout_moved_away);
  g_test_add_func ("/anchor/since-repeated-word-ahead", test_since_repeated_word_ahead);
  g_test_add_func ("/anchor/since-blank-line-came-in", test_since_blank_line_came_in);
  g_test_add_func ("/anchor/since-step-to-nowhere", test_since_step_to_nowhere);
  g_test_add_func ("/anchor/since-blank-lines-disputed", test_since_blank_lines_disputed);
  g_test_add_func ("/anchor/since-lines-end-alike", test_since_lines_end_alike);
  g_test_add_func ("/anchor/since-copy-moved-unpaired", test_since_copy_moved_unpaired);
  g_test_add_func ("/anchor/since-line-moved-between", test_since_line_moved_between);
  g_test_add_func ("/anchor/since-inserted-space-edge", test_since_inserted_space_edge);
  g_test_add_func ("/anchor/since-blank-line-between", test_since_blank_line_between);
  g_test_add_func ("/anchor/since-middle-moved-away", test_since_middle_moved_away);
  g_test_add_func ("/anchor/since-alike-lines-run", test_since_alike_lines_run);
  g_test_add_func ("/anchor/since-alike-line-went", test_since_alike_line_went);
  g_test_add_func ("/anchor/since-label-moved-between", test_since_label_moved_between);
  g_test_add_func ("/anchor/since-alike-row-went", test_since_alike_row_went);
  g_test_add_func ("/anchor/since-blank-line-tail", test_since_blank_line_tail);
  g_test_add_func ("/anchor/since-dropped-letter-space", test_since_dropped_letter_space);
  g_test_add_func ("/anchor/since-heading-went-same-word", test_since_heading_went_same_word);
  g_test_add_func ("/anchor/since-next-line-starts-alike", test_since_next_line_starts_alike);
  g_test_add_func ("/anchor/since-blank-line-after-cell", test_since_blank_line_after_cell);
  g_test_add_func ("/anchor/since-indentation-with-line", test_since_indentation_with_line);
  g_test_add_func ("/anchor/since-doubled-space-edge", test_since_doubled_space_edge);
  g_test_add_func ("/anchor/since-line-moved-in", test_since_line_moved_in);
  g_test_add_func ("/anchor/since-short-part-next-line", test_since_short_part_next_line);
  g_test_add_func ("/anchor/since-stretch-rests-on-edge", test_since_stretch_rests_on_edge);
  g_test_add_func ("/anchor/since-line-became-blank", test_since_line_became_blank);
  g_test_add_func ("/anchor/since-twin-lines", test_since_twin_lines);
  g_test_add_func ("/anchor/since-edge-word-of-inserted", test_since_edge_word_of_inserted);
  g_test_add_func ("/anchor/since-extension-into-other-line", test_since_extension_into_other_line);
  g_test_add_func ("/anchor/since-line-elsewhere", test_since_line_elsewhere);
  g_test_add_func ("/anchor/since-short-line-nothing-paired", test_since_short_line_nothing_paired);
  g_test_add_func ("/anchor/since-reflowed-next-line", test_since_reflowed_next_line);
  g_test_add_func ("/anchor/since-edge-inserted-before", test_since_edge_inserted_before);
  g_test_add_func ("/anchor/since-alike-row-searched", test_since_alike_row_searched);
  g_test_add_func ("/anchor/since-link-run-searched", test_since_link_run_searched);
  g_test_add_func ("/anchor/since-edge-lone-letter", test_since_edge_lone_letter);
  g_test_add_func ("/anchor/since-line-part-taken-back", test_since_line_part_taken_back);
  g_test_add_func ("/anchor/since-indentation-of-line-gone", test_since_indentation_of_line_gone);
  g_test_add_func ("/anchor/since-indentation-reflowed", test_since_indentation_reflowed);
  g_test_add_func ("/anchor/since-indentation-blank-before", test_since_indentation_blank_before);
  g_test_add_func ("/anchor/since-indentation-of-line-gone-next", test_since_indentation_of_line_gone_next);
  g_test_add_func ("/anchor/since-next-line-typo", test_since_next_line_typo);
  g_test_add_func ("/anchor/since-island-in-hole", test_since_island_in_hole);
  g_test_add_func ("/anchor/since-next-line-inserted-word", test_since_next_line_inserted_word);
  g_test_add_func ("/anchor/since-beyond-short-run", test_since_beyond_short_run);
  g_test_add_func ("/anchor/since-island-in-hole-far", test_since_island_in_hole_far);
  g_test_add_func ("/anchor/since-scratch-reused", test_since_scratch_reused);
  g_test_add_func ("/anchor/since-gap-line-moved-in-edited", test_since_gap_line_moved_in_edited);
  g_test_add_func ("/anchor/since-short-survivor-beside-inserted-word", test_since_short_survivor_beside_inserted_word);
  g_test_add_func ("/anchor/since-search-reaches-own-word", test_since_search_reaches_own_word);
  g_test_add_func ("/anchor/since-extension-line-moved-break", test_since_extension_line_moved_break);
  g_test_add_func ("/anchor/since-edge-jump-beside", test_since_edge_jump_beside);
  g_test_add_func ("/anchor/since-edge-word-goes-on", test_since_edge_word_goes_on);
  g_test_add_func ("/anchor/since-edge-word-doubled", test_since_edge_word_doubled);
  g_test_add_func ("/anchor/since-edge-word-other-passage", test_since_edge_word_other_passage);
  g_test_add_func ("/anchor/since-edge-word-own-rest", test_since_edge_word_own_rest);
  g_test_add_func ("/anchor/since-gap-doubled-word", test_since_gap_doubled_word);
  g_test_add_func ("/anchor/since-edge-word-copy-beyond", test_since_edge_word_copy_beyond);
  g_test_add_func ("/anchor/since-edge-lone-word", test_since_edge_lone_word);
  g_test_add_func ("/anchor/since-edge-gap-slides", test_since_edge_gap_slides);
  g_test_add_func ("/anchor/why-asked-each-call", test_why_asked_each_call);
  g_test_add_func ("/anchor/since-gap-step-by-chance", test_since_gap_step_by_chance);
  g_test_add_func ("/anchor/since-edge-beyond-inserted", test_since_edge_beyond_inserted);
  g_test_add_func ("/anchor/since-window-copy-verbatim-once", test_since_window_copy_verbatim_once);
  g_test_add_func ("/anchor/since-line-head-alike", test_since_line_head_alike);
  g_test_add_func ("/anchor/since-line-tail-alike", test_since_line_tail_alike);
  g_test_add_func ("/anchor/since-inserted-inside-searched", test_since_inserted_inside_searched);
  g_test_add_func ("/anchor/since-inserted-inside-parts", test_since_inserted_inside_parts);
  g_test_add_func ("/anchor/since-inserted-inside-line-moved-in", test_since_inserted_inside_line_moved_in);
  g_test_add_func ("/anchor/since-inserted-inside-typos", test_since_inserted_inside_typos);
  g_test_add_func ("/anchor/since-inserted-inside-own-words-gone", test_since_inserted_inside_own_words_gone);
  g_test_add_func ("/anchor/since-inserted-inside-copies", test_since_inserted_inside_copies);
  g_test_add_func ("/anchor/since-beyond-inserted-first", test_since_beyond_inserted_first);
  g_test_add_func ("/anchor/since-beyond-inserted-short", test_since_beyond_inserted_short);
  g_test_add_func ("/anchor/since-short-between-context", test_since_short_between_context);
  g_test_add_func ("/anchor/since-beyond-inserted-last-line-gone", test_since_beyond_inserted_last_line_gone);
  g_test_add_func ("/anchor/property-random-edits", test_property_random_edits);

  return g_test_run ();
}
