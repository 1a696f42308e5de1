/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring in a real library file: highlights follow a changed text,
 * keep their history, and orphans keep their notes.
 */
#define G_LOG_DOMAIN "test-reanchor"

#include <glib/gstdio.h>

#include "clipper-anchor.h"
#include "clipper-reanchor.h"
#include "clipper-store.h"

typedef struct {
  char         *dir;
  ClipperStore *store;
  gint64        article_id;
} Fixture;

static const char *old_text =
  "The lighthouse keeper climbed the stairs every evening at dusk.\n\n"
  "He had done so for thirty-one years, through storms and calm seas alike, "
  "and never once had the lamp failed to shine over the harbour.\n\n"
  "The village below depended on that light. Fishing boats returned by it, "
  "and children learned to tell the time by its first flash.\n\n"
  "When the new automatic beacon was installed, the keeper was told he could "
  "retire. He refused, saying that a machine could not love the sea.\n";

/* A typo fixed in one passage, words added to another, the last
 * paragraph gone, and a new first paragraph moving everything. */
static const char *new_text =
  "Editor's note: this story first ran in the winter issue.\n\n"
  "The lighthouse keeper climbed the stairs every evening at dusk.\n\n"
  "He had done so for thirty-one years, through storms and calm seas alike, "
  "and never once had the great lamp failed to shine over the harbour.\n\n"
  "The village below depended on that light. Fishing boats returned by it, "
  "and children learned to tell the time by its first flash.\n";

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("clipper-reanchor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  clipper_article_set_url (article, "https://example.org/keeper");
  clipper_article_set_title (article, "The keeper");
  clipper_article_set_html (article, "<p>(not used by re-anchoring)</p>");
  clipper_article_set_text (article, old_text);
  g_assert_true (clipper_store_add_article (f->store, article, NULL, &error));
  g_assert_no_error (error);
  f->article_id = clipper_article_get_id (article);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Saves a highlight over @quote in the old text, as the app would. */
static gint64
add_highlight (Fixture *f, const char *quote, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (ClipperAnchorText) text = clipper_anchor_text_new (old_text);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *at = strstr (old_text, quote);
  gint64 start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (old_text, at);
  end = start + g_utf8_strlen (quote, -1);
  clipper_anchor_text_context (text, start, end, &prefix, &suffix);

  clipper_highlight_set_article_id (h, f->article_id);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_prefix (h, prefix);
  clipper_highlight_set_suffix (h, suffix);
  clipper_highlight_set_range (h, start, end);
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_anchored (h, TRUE);
  g_assert_true (clipper_store_add_highlight (f->store, h, &error));
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

static ClipperHighlight *
get_highlight (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h = clipper_store_get_highlight (f->store, id, &error);

  g_assert_no_error (error);
  return h;
}

/* The highlight's stored offsets hold its stored quote in @text. */
static void
assert_consistent (ClipperHighlight *h, const char *text)
{
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (text);
  g_autofree char *slice = clipper_anchor_text_slice (t, clipper_highlight_get_start (h), clipper_highlight_get_end (h));

  g_assert_cmpstr (slice, ==, clipper_highlight_get_quote (h));
}

static void
test_reanchor_article (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ClipperReanchorCounts counts = { 99, 99, 99 };
  gint64 moved = add_highlight (f, "climbed the stairs every evening", "routine");
  gint64 edited = add_highlight (f, "never once had the lamp failed to shine", "the great lamp");
  gint64 gone = add_highlight (f, "saying that a machine could not love the sea", "my favourite line");
  g_autoptr (ClipperHighlight) h1 = NULL;
  g_autoptr (ClipperHighlight) h2 = NULL;
  g_autoptr (ClipperHighlight) h3 = NULL;
  g_autoptr (ClipperHighlight) h3_again = NULL;
  const char *t = new_text;

  g_assert_true (clipper_reanchor_article (f->store, f->article_id, new_text, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.exact, ==, 1);
  g_assert_cmpuint (counts.fuzzy, ==, 1);
  g_assert_cmpuint (counts.orphaned, ==, 1);

  h1 = get_highlight (f, moved);
  g_assert_true (clipper_highlight_get_anchored (h1));
  g_assert_cmpint (clipper_highlight_get_start (h1), ==,
                   g_utf8_pointer_to_offset (t, strstr (t, "climbed the stairs every evening")));
  g_assert_null (clipper_highlight_get_original_quote (h1));
  assert_consistent (h1, new_text);

  h2 = get_highlight (f, edited);
  g_assert_true (clipper_highlight_get_anchored (h2));
  g_assert_cmpstr (clipper_highlight_get_quote (h2), ==, "never once had the great lamp failed to shine");
  g_assert_cmpstr (clipper_highlight_get_original_quote (h2), ==, "never once had the lamp failed to shine");
  g_assert_cmpstr (clipper_highlight_get_quote_before_change (h2), ==, "never once had the lamp failed to shine");
  g_assert_cmpstr (clipper_highlight_get_note (h2), ==, "the great lamp");
  g_assert_cmpstr (clipper_highlight_get_prefix (h2), ==, "storms and calm seas alike, and ");
  assert_consistent (h2, new_text);

  h3 = get_highlight (f, gone);
  g_assert_false (clipper_highlight_get_anchored (h3));
  g_assert_cmpstr (clipper_highlight_get_quote (h3), ==, "saying that a machine could not love the sea");
  g_assert_cmpstr (clipper_highlight_get_note (h3), ==, "my favourite line");
  /* Its offsets followed the text to where its paragraph stood, the end
   * (the old ones lie past it): the suggestion to re-attach it and the
   * next re-anchoring look there. */
  g_assert_cmpint (clipper_highlight_get_end (h3), ==, g_utf8_strlen (new_text, -1));
  g_assert_cmpint (clipper_highlight_get_end (h3) - clipper_highlight_get_start (h3), ==,
                   g_utf8_strlen ("saying that a machine could not love the sea", -1));

  /* The text comes back: the orphan finds its place again, and the
   * edited one keeps its first quote as history. */
  g_assert_true (clipper_reanchor_article (f->store, f->article_id, old_text, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 0);
  h3_again = get_highlight (f, gone);
  g_assert_true (clipper_highlight_get_anchored (h3_again));
  assert_consistent (h3_again, old_text);
}

static void
test_reanchor_unknown_article (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ClipperReanchorCounts counts = { 7, 7, 7 };

  g_assert_false (clipper_reanchor_article (f->store, f->article_id + 100, new_text, &counts, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  /* Counts untouched on failure. */
  g_assert_cmpuint (counts.exact, ==, 7);
}

static void
test_reanchor_empty_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ClipperReanchorCounts counts;
  gint64 id = add_highlight (f, "climbed the stairs every evening", "routine");
  g_autoptr (ClipperHighlight) h = NULL;

  /* A refetch that found nothing orphans everything, and loses nothing. */
  g_assert_true (clipper_reanchor_article (f->store, f->article_id, "", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 1);
  h = get_highlight (f, id);
  g_assert_false (clipper_highlight_get_anchored (h));
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "climbed the stairs every evening");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "routine");
}

static void
test_reattach (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ClipperReanchorCounts counts;
  gint64 id = add_highlight (f, "saying that a machine could not love the sea", "my favourite line");
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  gint64 start;

  /* The article's text changes (as refetch writes it) and the highlight
   * is orphaned; the user then picks a new passage for it. */
  article = clipper_store_get_article (f->store, f->article_id, &error);
  g_assert_no_error (error);
  clipper_article_set_text (article, new_text);
  g_assert_true (clipper_store_update_article (f->store, article, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_reanchor_article (f->store, f->article_id, new_text, &counts, &error));
  g_assert_cmpuint (counts.orphaned, ==, 1);

  start = g_utf8_pointer_to_offset (new_text, strstr (new_text, "tell the time"));
  g_assert_true (clipper_reanchor_reattach (f->store, id, start, start + 13, &error));
  g_assert_no_error (error);
  h = get_highlight (f, id);
  g_assert_true (clipper_highlight_get_anchored (h));
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "tell the time");
  g_assert_cmpstr (clipper_highlight_get_original_quote (h), ==, "saying that a machine could not love the sea");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "my favourite line");
  g_assert_cmpstr (clipper_highlight_get_suffix (h), ==, " by its first flash.\n");
  assert_consistent (h, new_text);

  /* Bad selections are refused with a reason, and change nothing. */
  g_assert_false (clipper_reanchor_reattach (f->store, id, 5, 5, &error));
  g_assert_error (error, CLIPPER_ANCHOR_ERROR, CLIPPER_ANCHOR_ERROR_INVALID_RANGE);
  g_clear_error (&error);
  g_assert_false (clipper_reanchor_reattach (f->store, id, 10, 100000, &error));
  g_assert_error (error, CLIPPER_ANCHOR_ERROR, CLIPPER_ANCHOR_ERROR_INVALID_RANGE);
  g_clear_error (&error);
  g_assert_false (clipper_reanchor_reattach (f->store, id + 50, 0, 3, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
}

/* Saves another tool's annotation of @quote, not placed, at another
 * page's offsets (far past this text's end). */
static gint64
add_imported (Fixture *f, const char *quote)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

  clipper_highlight_set_article_id (h, f->article_id);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, 4000, 4033);
  clipper_highlight_set_anchored (h, FALSE);
  clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
  g_assert_true (clipper_store_add_highlight (f->store, h, &error));
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

/* Where each highlight's offsets come from after a re-anchoring, which
 * decides how far from them its closest passage may be offered
 * (clipper_reanchor_suggest()): a placed highlight's are the text's; an
 * orphan's carried through the alignment are marked carried; an
 * imported annotation's that were another page's (its quote not at them
 * in the old text) stay unknown, placed or not; re-attached, the text's. */
static void
test_offsets_from (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ClipperReanchorCounts counts;
  gint64 mine = add_highlight (f, "climbed the stairs every evening", NULL);
  gint64 gone = add_highlight (f, "saying that a machine could not love the sea", "my favourite line");
  gint64 theirs_placed = add_imported (f, "children learned to tell the time");
  gint64 theirs_orphan = add_imported (f, "the ferry left at noon");
  g_autoptr (ClipperHighlight) h = get_highlight (f, mine);

  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_TEXT);
  g_clear_object (&h);

  g_assert_true (clipper_reanchor_article (f->store, f->article_id, new_text, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 2);
  h = get_highlight (f, mine);
  g_assert_true (clipper_highlight_get_anchored (h));
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_TEXT);
  g_clear_object (&h);
  h = get_highlight (f, gone);
  g_assert_false (clipper_highlight_get_anchored (h));
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_CARRIED);
  g_clear_object (&h);
  h = get_highlight (f, theirs_placed);
  g_assert_true (clipper_highlight_get_anchored (h));
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_TEXT);
  g_clear_object (&h);
  h = get_highlight (f, theirs_orphan);
  g_assert_false (clipper_highlight_get_anchored (h));
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_UNKNOWN);
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 4000);
  g_clear_object (&h);

  /* Re-attached by the user: the text's. */
  g_assert_true (clipper_reanchor_reattach (f->store, gone, 0, 13, &error));
  g_assert_no_error (error);
  h = get_highlight (f, gone);
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_TEXT);
}

/* A reading position on white space: an article saved before 30
 * November 2026 kept the page source's indentation, which the extractor
 * now makes one space, so a Fetch Again re-extracts it.  The 32 code
 * points at the position were spaces alone, which the matcher does not
 * search for, and the position was not carried (nor was it on the 1 MB
 * text, in the corpus's two copies of one story): the reader opened at
 * the same fraction of the new text, here forty paragraphs too early.
 * The nearest words placed carry it now. */
static void
test_carry_position_white_space (void)
{
  g_autoptr(GString) old = g_string_new (NULL);
  g_autoptr(GString) now = g_string_new (NULL);
  g_autofree char *indent = g_strnfill (40, ' ');
  const char *at;
  gint64 gap, carried;
  double position;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (old, "Paragraph %u of a long read about nothing much at all.\n%s", i, indent);
  for (guint i = 0; i < 40; i++)
    g_string_append (now, "A new paragraph, added above what was read.\n");
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (now, "Paragraph %u of a long read about nothing much at all.\n", i);

  /* Five spaces into the indentation before paragraph 30. */
  at = strstr (old->str, "Paragraph 30 ");
  position = (double) (g_utf8_pointer_to_offset (old->str, at) - 35) / (double) g_utf8_strlen (old->str, -1);
  gap = g_utf8_pointer_to_offset (now->str, strstr (now->str, "Paragraph 30 "));
  carried = (gint64) (clipper_reanchor_carry_position (old->str, now->str, position) *
                      (double) g_utf8_strlen (now->str, -1) + 0.5);
  /* By the words either side: as far from them as it was. */
  g_assert_cmpint (carried, >=, gap - CLIPPER_ANCHOR_CONTEXT_LENGTH * 2);
  g_assert_cmpint (carried, <=, gap + CLIPPER_ANCHOR_CONTEXT_LENGTH * 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reanchor/article", Fixture, NULL, fixture_set_up, test_reanchor_article, fixture_tear_down);
  g_test_add ("/reanchor/unknown-article", Fixture, NULL, fixture_set_up, test_reanchor_unknown_article, fixture_tear_down);
  g_test_add ("/reanchor/empty-text", Fixture, NULL, fixture_set_up, test_reanchor_empty_text, fixture_tear_down);
  g_test_add ("/reanchor/reattach", Fixture, NULL, fixture_set_up, test_reattach, fixture_tear_down);
  g_test_add ("/reanchor/offsets-from", Fixture, NULL, fixture_set_up, test_offsets_from, fixture_tear_down);
  g_test_add_func ("/reanchor/carry-position-white-space", test_carry_position_white_space);

  return g_test_run ();
}
