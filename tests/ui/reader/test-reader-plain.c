/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain-text reader: the article's stored text in a GtkTextView (which
 * a screen reader reads, where the web view's text does not reach it with
 * GTK 4.8), its highlights as tags at their code points, highlighting from
 * the keyboard there, and when it is on by default.
 */
#define G_LOG_DOMAIN "clipper-reader-test"

#include "reader-test-util.h"
#include "clipper-extractor.h"
#include "clipper-test-util.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#define PLAIN_HTML \
  "<p>Caf\xc3\xa9 na\xc3\xafve \xf0\x9f\x98\x80 green tea and its leaves.</p>" \
  "<p>A second paragraph of oolong.</p>"
#define PLAIN_TEXT \
  "Caf\xc3\xa9 na\xc3\xafve \xf0\x9f\x98\x80 green tea and its leaves.\n\n" \
  "A second paragraph of oolong."

/* Code-point offset of @needle in @text. */
static gint64
cp_offset (const char *text,
           const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static GtkTextView *
plain_view (ReaderFixture *fixture)
{
  GtkWidget *view = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-plain-text");

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  return GTK_TEXT_VIEW (view);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
}

static gint64
store_highlight (ReaderFixture *fixture,
                 gint64         article_id,
                 const char    *quote,
                 const char    *color)
{
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = cp_offset (PLAIN_TEXT, quote);

  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, color);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  clipper_highlight_set_anchored (h, TRUE);
  clipper_store_add_highlight (fixture->store, h, &error);
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

static gboolean
has_tag (GtkTextView *view,
         gint64       offset,
         const char  *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *t = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag);
  GtkTextIter iter;

  g_assert_nonnull (t);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, t);
}

/* The text view holds the article's stored text as it is (its offsets
 * are the text's), with the title as its accessible name and above it,
 * and it is what shows: the web view is hidden. */
static void
test_plain_shows_text (ReaderFixture *fixture,
                       gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  g_autofree char *text = NULL;
  g_autofree char *wrong = NULL;
  gint64 id;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  text = buffer_text (view);
  g_assert_cmpstr (text, ==, PLAIN_TEXT);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_get_visible (clipper_reader_view_get_web_view (fixture->view)));
  g_assert_false (gtk_text_view_get_editable (view));
  g_assert_true (gtk_text_view_get_cursor_visible (view));
  g_assert_nonnull (reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "On oolong"));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, "On oolong");
  g_assert_null (wrong);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Ada Lovelace · May 17, 2024 · 1 minute read");
  g_assert_null (wrong);
  g_assert_nonnull (reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL,
                                        "Ada Lovelace · May 17, 2024 · 1 minute read"));

  /* The keyboard goes into the text, at its start. */
  clipper_reader_view_focus_article (fixture->view);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (view));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextIter caret;

    gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&caret), ==, 0);
  }

  /* Switched off, the page shows again and keeps the keyboard. */
  clipper_reader_view_set_plain_text (fixture->view, FALSE);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_get_visible (clipper_reader_view_get_web_view (fixture->view)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == clipper_reader_view_get_web_view (fixture->view));
}

/* Each highlight is a tag in its colour over exactly its code points (an
 * emoji and accents before them: code points, not bytes or UTF-16 units). */
static void
test_plain_highlight_tags (ReaderFixture *fixture,
                           gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  gint64 id, green, leaves;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  store_highlight (fixture, id, "green tea", "green");
  store_highlight (fixture, id, "oolong", "purple");
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  green = cp_offset (PLAIN_TEXT, "green tea");
  g_assert_false (has_tag (view, green - 1, "clipper-hl-green"));
  g_assert_true (has_tag (view, green, "clipper-hl-green"));
  g_assert_true (has_tag (view, green + 8, "clipper-hl-green"));
  g_assert_false (has_tag (view, green + 9, "clipper-hl-green"));
  g_assert_false (has_tag (view, green, "clipper-hl-purple"));
  g_assert_true (has_tag (view, cp_offset (PLAIN_TEXT, "oolong"), "clipper-hl-purple"));

  /* One made elsewhere (clipper-cli) shows as the store tells of it. */
  leaves = cp_offset (PLAIN_TEXT, "leaves");
  g_assert_false (has_tag (view, leaves, "clipper-hl-blue"));
  clipper_store_watch (fixture->store);
  {
    g_autoptr(ClipperStore) other = clipper_store_open (fixture->db_path, NULL);
    g_autoptr(ClipperHighlight) h = clipper_highlight_new ();

    clipper_highlight_set_article_id (h, id);
    clipper_highlight_set_color (h, "blue");
    clipper_highlight_set_quote (h, "leaves");
    clipper_highlight_set_range (h, leaves, leaves + 6);
    clipper_highlight_set_anchored (h, TRUE);
    g_assert_true (clipper_store_add_highlight (other, h, NULL));
  }
  for (guint i = 0; i < 40 && !has_tag (view, leaves, "clipper-hl-blue"); i++)
    reader_wait_ms (100);
  g_assert_true (has_tag (view, leaves, "clipper-hl-blue"));
}

/* Shift and the arrows (here: a selection made in the buffer) and 2: a
 * green highlight of exactly the selected code points, through the core's
 * anchoring as the page's selection; N then opens its note; Delete with
 * the caret in it removes it, with Undo. */
static void
test_plain_highlight_from_keys (ReaderFixture *fixture,
                                gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GPtrArray) list = NULL;
  ClipperHighlight *h;
  GtkWidget *note_view, *focus;
  GtkTextIter start, end;
  gint64 id, from;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  clipper_reader_view_focus_article (fixture->view);

  /* Without a selection or a highlight at the caret, the keys go on,
   * but Delete: it is never the window's (delete the article). */
  g_assert_false (reader_press_key (fixture, "2"));
  g_assert_true (reader_press_key (fixture, "Delete"));
  g_assert_cmpint (clipper_reader_view_get_article_id (fixture->view), ==, id);

  from = cp_offset (PLAIN_TEXT, "na\xc3\xafve \xf0\x9f\x98\x80 green");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) from + 13);
  gtk_text_buffer_select_range (buffer, &end, &start);
  /* Delete on a selection outside highlights is nothing (not the
   * window's: delete the article). */
  g_assert_true (reader_press_key (fixture, "Delete"));
  g_assert_cmpint (clipper_reader_view_get_article_id (fixture->view), ==, id);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL));
  g_assert_true (reader_press_key (fixture, "2"));
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  h = g_ptr_array_index (list, 0);
  g_assert_cmpstr (clipper_highlight_get_color (h), ==, "green");
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "na\xc3\xafve \xf0\x9f\x98\x80 green");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, from);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, from + 13);
  g_assert_cmpstr (clipper_highlight_get_prefix (h), ==, "Caf\xc3\xa9 ");
  g_assert_true (has_tag (view, from, "clipper-hl-green"));
  /* The selection is gone, the caret where it ended. */
  g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL));

  /* N: the note of the highlight just made, with the keyboard in it. */
  note_view = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-note");
  g_assert_true (reader_press_key (fixture, "n"));
  g_assert_true (clipper_reader_view_get_panel_visible (fixture->view));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == note_view || (focus != NULL && gtk_widget_is_ancestor (focus, note_view)));
  g_assert_nonnull (reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL,
                                        "na\xc3\xafve \xf0\x9f\x98\x80 green"));

  /* Escape goes back to the text; N on a caret in a highlight opens its
   * note; 5 there recolours it. */
  g_assert_true (reader_press_key (fixture, "Escape"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from + 3);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (reader_press_key (fixture, "5"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (list, 0)), ==, "purple");
  g_assert_true (has_tag (view, from, "clipper-hl-purple"));
  g_assert_false (has_tag (view, from, "clipper-hl-green"));

  /* Delete removes it; Undo brings it back. */
  g_assert_true (reader_press_key (fixture, "Delete"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_false (has_tag (view, from, "clipper-hl-purple"));
  g_assert_true (clipper_reader_view_undo (fixture->view));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (has_tag (view, from, "clipper-hl-purple"));

  /* Right after a colour the caret is at the new highlight's end, and
   * Delete there removes it, as in the page; once the caret moved away
   * and back, it is beside the highlight, not in it. */
  from = cp_offset (PLAIN_TEXT, "Caf\xc3\xa9");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) from + 4);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (reader_press_key (fixture, "3"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (reader_press_key (fixture, "Delete"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_false (has_tag (view, from, "clipper-hl-blue"));
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (reader_press_key (fixture, "3"));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) from + 4);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (reader_press_key (fixture, "Delete"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 2);
}

/* The selection popover's swatches (shown for a mouse selection) act on
 * the plain text's selection as the keys do; a collapsed selection takes
 * the popover away. */
static void
test_plain_popover_actions (ReaderFixture *fixture,
                            gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *popover = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-selection-popover");
  g_autoptr(GPtrArray) list = NULL;
  GtkTextIter start, end;
  gint64 id, from;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  from = cp_offset (PLAIN_TEXT, "oolong");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) from + 6);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.highlight", "s", "blue"));
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (list, 0)), ==, "oolong");
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (list, 0)), ==, "blue");
  g_assert_true (has_tag (view, from, "clipper-hl-blue"));
  g_assert_false (gtk_widget_get_visible (popover));

  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 4);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_false (gtk_widget_get_visible (popover));
}

/* Selects code points [@from, @to) of the plain text and highlights them
 * in @color: the new highlight, the only one of that colour. */
static ClipperHighlight *
highlight_plain (ReaderFixture *fixture,
                 gint64         article_id,
                 gint64         from,
                 gint64         to,
                 const char    *color)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (plain_view (fixture));
  g_autoptr(GPtrArray) list = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) to);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.highlight", "s", color));
  list = reader_list_highlights (fixture, article_id);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (clipper_highlight_get_color (g_ptr_array_index (list, i)), color))
      return g_object_ref (g_ptr_array_index (list, i));
  g_error ("no %s highlight", color);
}

/* QA-j finding 11: a selection whose ends cut words ("econd paragraph of
 * oo") highlights the whole words, its offsets with it; one inside a
 * word stays as selected, and so does the punctuation at an end. */
static void
test_plain_snap_to_words (ReaderFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClipperHighlight) cut = NULL;
  g_autoptr(ClipperHighlight) inside = NULL;
  g_autoptr(ClipperHighlight) dot = NULL;
  gint64 id, from;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  from = cp_offset (PLAIN_TEXT, "econd paragraph of oo");
  cut = highlight_plain (fixture, id, from, from + 21, "blue");
  g_assert_cmpstr (clipper_highlight_get_quote (cut), ==, "second paragraph of oolong");
  g_assert_cmpint (clipper_highlight_get_start (cut), ==, cp_offset (PLAIN_TEXT, "second"));
  g_assert_cmpint (clipper_highlight_get_end (cut), ==, cp_offset (PLAIN_TEXT, "second") + 26);

  from = cp_offset (PLAIN_TEXT, "a\xc3\xafv");
  inside = highlight_plain (fixture, id, from, from + 3, "green");
  g_assert_cmpstr (clipper_highlight_get_quote (inside), ==, "a\xc3\xafv");

  from = cp_offset (PLAIN_TEXT, "nd its leaves.");
  dot = highlight_plain (fixture, id, from, from + 14, "pink");
  g_assert_cmpstr (clipper_highlight_get_quote (dot), ==, "and its leaves.");
}

/* A highlight chosen elsewhere (the Highlights page) puts the caret at
 * its start; a search hit's words are selected. */
static void
test_plain_scroll_and_reveal (ReaderFixture *fixture,
                              gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  gint64 id, hl;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  hl = store_highlight (fixture, id, "oolong", "blue");
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  clipper_reader_view_scroll_to_highlight (fixture->view, hl);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, cp_offset (PLAIN_TEXT, "oolong"));

  clipper_reader_view_reveal_text (fixture->view, cp_offset (PLAIN_TEXT, "second"),
                                   cp_offset (PLAIN_TEXT, "second") + 6);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, cp_offset (PLAIN_TEXT, "second"));
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, cp_offset (PLAIN_TEXT, "second") + 6);
}

/* The plain text's place, as the reading position measures it (how far
 * into the text the line at the top is). */
static double
plain_top_fraction (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter top;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  return (double) gtk_text_iter_get_offset (&top) / gtk_text_buffer_get_char_count (buffer);
}

/* The same once its layout has settled at @expected, or after 10 s: the
 * text view lays a long text out in idle steps, and the view goes to the
 * reading position again after each.  400 ms alone was too short under
 * CI's load (the top was still at 0.008 of 0.5). */
static double
plain_fraction (GtkTextView *view,
                double       expected)
{
  double fraction;

  reader_wait_ms (400);
  fraction = plain_top_fraction (view);
  for (guint i = 0; i < 100 && ABS (fraction - expected) > 0.02; i++)
    {
      reader_wait_ms (100);
      fraction = plain_top_fraction (view);
    }
  return fraction;
}

static double
stored_position (ReaderFixture *fixture,
                 gint64         id)
{
  g_autoptr(ClipperArticle) article = clipper_store_get_article (fixture->store, id, NULL);

  g_assert_nonnull (article);
  return clipper_article_get_reading_position (article);
}

/* Adds a long article of 120 paragraphs read to @position; returns its id. */
static gint64
add_tides_article (ReaderFixture *fixture,
                   double         position)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (int i = 0; i < 120; i++)
    {
      g_string_append_printf (html, "<p>Paragraph %d of a long essay on the tides of the estuary.</p>", i);
      g_string_append_printf (text, "%sParagraph %d of a long essay on the tides of the estuary.", i > 0 ? "\n\n" : "", i);
    }
  id = reader_fixture_add_article (fixture, "Tides", html->str, text->str);
  article = clipper_store_get_article (fixture->store, id, NULL);
  clipper_article_set_reading_position (article, position);
  g_assert_true (clipper_store_update_article (fixture->store, article, &error));
  g_assert_no_error (error);
  return id;
}

/* QA: Plain Text opened every article at its start, and its scrolling
 * was not kept.  It opens at the reading position, as the page does, with
 * the caret on the first line in view (the arrows go on from there), and
 * where the reader scrolls to is the reading position of the next open,
 * in either view. */
static void
test_plain_reading_position (ReaderFixture *fixture,
                             gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkAdjustment *adjustment;
  GdkRectangle visible, caret;
  GtkTextIter iter;
  gint64 id;

  id = add_tides_article (fixture, 0.5);

  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  g_assert_cmpfloat_with_epsilon (plain_fraction (view, 0.5), 0.5, 0.03);
  /* The caret on the first line in view, not at the top of the text. */
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), >, 0);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &caret);
  g_assert_cmpint (caret.y + caret.height, >, visible.y);
  g_assert_cmpint (caret.y, <, visible.y + visible.height / 3);
  /* Nothing written back for the restored place. */
  g_assert_cmpfloat_with_epsilon (stored_position (fixture, id), 0.5, 0.001);

  /* Scrolled by the reader (a quarter into the text): kept, as the page
   * keeps its own, and never undone.  On a busy machine the text view
   * was still laying the text out: the scroll was taken as its own, the
   * next apply put the view back at 0.5, and 0.5 stayed stored.  The
   * write comes 400 ms after the scrolling stops, later under load:
   * waited for, up to 10 s. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, gtk_text_buffer_get_char_count (buffer) / 4);
  gtk_text_view_get_iter_location (view, &iter, &caret);
  gtk_adjustment_set_value (adjustment, caret.y);
  for (guint i = 0; i < 100 && ABS (stored_position (fixture, id) - 0.25) > 0.01; i++)
    reader_wait_ms (100);
  g_assert_cmpfloat_with_epsilon (stored_position (fixture, id), 0.25, 0.01);
  g_assert_cmpfloat_with_epsilon (plain_top_fraction (view), 0.25, 0.01);
  /* The page behind, loaded meanwhile, writes none of its own (its
   * scrolling as it loaded, late on a busy machine, overwrote this). */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *loaded = reader_eval (fixture, "clipper", "typeof clipper !== 'undefined'");

      if (g_strcmp0 (loaded, "true") == 0)
        break;
      reader_wait_ms (100);
    }
  g_free (reader_eval (fixture, "clipper",
                       "webkit.messageHandlers.clipper.postMessage(JSON.stringify({v:1,type:'position',value:0.9}))"));
  reader_wait_ms (300);
  g_assert_cmpfloat_with_epsilon (stored_position (fixture, id), 0.25, 0.01);

  /* The next start opens there, in the plain text and in the page. */
  reader_fixture_restart (fixture);
  view = plain_view (fixture);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  g_assert_cmpfloat_with_epsilon (plain_fraction (view, 0.25), 0.25, 0.03);
  clipper_reader_view_set_plain_text (fixture->view, FALSE);
  {
    double position = -1;

    /* The page behind may still be loading on a busy machine. */
    for (guint i = 0; i < 100 && ABS (position - 0.25) > 0.05; i++)
      {
        g_autofree char *value = NULL;

        reader_wait_ms (100);
        value = reader_eval (fixture, "clipper", "typeof clipper === 'undefined' ? -1 : clipper.position()");
        position = g_ascii_strtod (value, NULL);
      }
    g_assert_cmpfloat_with_epsilon (position, 0.25, 0.05);
  }
}

static gboolean
scroll_as_reader_cb (gpointer data)
{
  GtkAdjustment *adjustment = data;
  double fraction = *(double *) g_object_get_data (G_OBJECT (adjustment), "test-fraction");

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * fraction);
  return G_SOURCE_REMOVE;
}

/* Scrolls @adjustment @fraction of its height down, once the text view
 * has laid its text out: a text view lays a long text out in idle steps
 * (at a priority above G_PRIORITY_LOW), its height growing at each, so
 * an idle of low priority runs when the last step is done, and the view
 * has applied its position after it.  Scrolled after a fixed 400 ms, a
 * loaded machine's text view had laid out only part of the text, or
 * none (its height one page): the test failed with the position stored
 * 0.43, and 0, where it was to be over 0.5. */
static void
scroll_when_laid_out (GtkAdjustment *adjustment,
                      double         fraction)
{
  g_object_set_data_full (G_OBJECT (adjustment), "test-fraction", g_memdup2 (&fraction, sizeof fraction), g_free);
  g_idle_add_full (G_PRIORITY_LOW, scroll_as_reader_cb, adjustment, NULL);
}

/* An article opened in Plain Text from another one read a long way down
 * there opens at its own position, which stays as stored: going back to
 * the top for the new text, the last text's layout still in place, is
 * not the reader's scroll. */
static void
test_plain_position_after_other (ReaderFixture *fixture,
                                 gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) first_html = g_string_new (NULL);
  g_autoptr(GString) second_html = g_string_new (NULL);
  gint64 one, two;

  for (int i = 0; i < 150; i++)
    {
      g_string_append_printf (first_html, "<p>Paragraph %d of a long essay on the tides of the estuary.</p>", i);
      g_string_append_printf (first, "%sParagraph %d of a long essay on the tides of the estuary.", i > 0 ? "\n" : "", i);
    }
  for (int i = 0; i < 100; i++)
    {
      g_string_append_printf (second_html, "<p>Paragraph %d of a short essay on the birds of the estuary.</p>", i);
      g_string_append_printf (second, "%sParagraph %d of a short essay on the birds of the estuary.", i > 0 ? "\n" : "", i);
    }
  one = reader_fixture_add_article (fixture, "Tides", first_html->str, first->str);
  two = reader_fixture_add_article (fixture, "Birds", second_html->str, second->str);
  article = clipper_store_get_article (fixture->store, two, NULL);
  clipper_article_set_reading_position (article, 0.5);
  g_assert_true (clipper_store_update_article (fixture->store, article, &error));
  g_assert_no_error (error);

  /* The first read a long way down. */
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, one);
  g_assert_cmpfloat (plain_fraction (view, 0.0), ==, 0.0);
  scroll_when_laid_out (adjustment, 0.7);
  for (guint i = 0; i < 100 && stored_position (fixture, one) < 0.5; i++)
    reader_wait_ms (100);
  g_assert_cmpfloat (stored_position (fixture, one), >, 0.5);

  /* The second opens at its own position, which stays. */
  reader_fixture_open (fixture, two);
  g_assert_cmpfloat_with_epsilon (plain_fraction (view, 0.5), 0.5, 0.03);
  reader_wait_ms (700);
  g_assert_cmpfloat_with_epsilon (stored_position (fixture, two), 0.5, 0.001);
  g_assert_cmpfloat_with_epsilon (plain_top_fraction (view), 0.5, 0.03);
}

/* The number of the "Paragraph N" whose line is at the top of the plain
 * text, once its layout has settled. */
static int
plain_top_paragraph (GtkTextView *view)
{
  GdkRectangle visible;
  GtkTextIter top, end;
  g_autofree char *line = NULL;

  reader_wait_ms (400);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_iter_set_line_offset (&top, 0);
  /* A blank line between paragraphs cut at the top edge: the next. */
  while (gtk_text_iter_ends_line (&top) && gtk_text_iter_forward_line (&top))
    ;
  end = top;
  gtk_text_iter_forward_to_line_end (&end);
  line = gtk_text_iter_get_text (&top, &end);
  g_test_message ("plain text at the top: %.40s", line);
  g_assert_true (g_str_has_prefix (line, "Paragraph "));
  return (int) g_ascii_strtoll (line + strlen ("Paragraph "), NULL, 10);
}

/* The same in the page: the paragraph of the first article text hit
 * going down the column's start edge. */
static int
page_top_paragraph (ReaderFixture *fixture)
{
  g_autofree char *found = NULL;

  reader_wait_ms (400);
  found = reader_eval (fixture, "clipper",
                       "(() => {"
                       "  const r = document.getElementById('clipper-article');"
                       "  const x = r.getBoundingClientRect().left + 4;"
                       "  for (let y = 2; y < window.innerHeight; y += 4) {"
                       "    const c = document.caretRangeFromPoint(x, y);"
                       "    const p = c && c.startContainer.parentElement ? c.startContainer.parentElement.closest('p') : null;"
                       "    if (p && r.contains(p)) return p.textContent.slice(0, 40);"
                       "  }"
                       "  return '';"
                       "})()");
  g_test_message ("page at the top: %s", found);
  g_assert_true (g_str_has_prefix (found, "\"Paragraph "));
  return (int) g_ascii_strtoll (found + strlen ("\"Paragraph "), NULL, 10);
}

/* QA: Plain Text opened a little further down than the page at the same
 * reading position: both kept a fraction of their height, and the page's
 * counts its header and pictures, which the plain text has above its
 * scrolled text or none of.  The position is how far into the text the
 * words at the top are: both open on the same paragraph, whichever view
 * wrote it. */
static void
test_plain_same_words_as_page (ReaderFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  int page, plain;
  gint64 id;

  /* The page's text is the stored text: paragraphs apart by blank lines,
   * and a tall picture (not in the text) after the first. */
  for (int i = 0; i < 80; i++)
    {
      g_string_append_printf (html, "%s<p>Paragraph %d of a long essay on the tides of the estuary, "
                              "and on the birds that wait for the water to go.</p>%s",
                              i > 0 ? "\n\n" : "", i,
                              i == 0 ? "<img src=\"https://example.org/chart.png\" width=\"300\" height=\"1500\" alt=\"A chart\">" : "");
      g_string_append_printf (text, "%sParagraph %d of a long essay on the tides of the estuary, "
                              "and on the birds that wait for the water to go.", i > 0 ? "\n\n" : "", i);
    }
  id = reader_fixture_add_article (fixture, "Tides", html->str, text->str);
  article = clipper_store_get_article (fixture->store, id, NULL);
  clipper_article_set_reading_position (article, 0.5);
  g_assert_true (clipper_store_update_article (fixture->store, article, &error));
  g_assert_no_error (error);

  /* Opened at 0.5 in each view. */
  reader_fixture_open (fixture, id);
  page = page_top_paragraph (fixture);
  reader_fixture_restart (fixture);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  plain = plain_top_paragraph (plain_view (fixture));
  g_assert_cmpint (page, ==, plain);
  g_assert_cmpint (page, >=, 35);
  g_assert_cmpint (page, <=, 45);

  /* Paragraph 60 scrolled to the top of the page: the plain text opens
   * on it. */
  reader_fixture_restart (fixture);
  reader_fixture_open (fixture, id);
  /* A scroll in the moment the page takes to go to its position is not
   * the reader's, and under load that moment has no fixed length (a wait
   * of 300 ms failed 2 runs in 4 at load 20): scrolled again until the
   * page stays on paragraph 60 and the store holds where it is. */
  {
    gboolean stored = FALSE;

    for (guint attempt = 0; attempt < 10 && !stored; attempt++)
      {
        /* A pixel further down every other time: a scroll to where the
         * page already is (a first one in the page's moment) says
         * nothing. */
        g_autofree char *script =
          g_strdup_printf ("(() => { const p = document.getElementById('clipper-article').querySelectorAll('p')[60];"
                           " window.scrollTo(0, window.scrollY + p.getBoundingClientRect().top + %u); return true; })()",
                           attempt % 2);

        g_free (reader_eval (fixture, "clipper", script));
        for (guint i = 0; i < 40 && !stored; i++)
          {
            g_autofree char *shown = NULL;

            reader_wait_ms (50);
            shown = reader_eval (fixture, "clipper", "clipper.position()");
            stored = ABS (stored_position (fixture, id) - 0.5) >= 0.001 &&
                     ABS (stored_position (fixture, id) - g_ascii_strtod (shown, NULL)) < 0.0005;
          }
        if (stored && page_top_paragraph (fixture) != 60)
          stored = FALSE;
      }
    g_assert_true (stored);
  }
  g_assert_cmpint (page_top_paragraph (fixture), ==, 60);
  reader_fixture_restart (fixture);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  g_assert_cmpint (plain_top_paragraph (plain_view (fixture)), ==, 60);
}

/* The top of the first line of text in view, less the top of the view,
 * in pixels: negative when the line is cut at the top edge.  That line
 * is also checked to stand below the title and the meta line. */
static int
plain_first_line_gap (ReaderFixture *fixture,
                      GtkTextView   *view)
{
  GtkWidget *meta = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-plain-meta");
  GdkRectangle visible, line;
  graphene_point_t top, meta_bottom;
  GtkTextIter iter;
  int x, y;

  reader_wait_ms (400);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &iter, visible.x, visible.y);
  gtk_text_view_backward_display_line_start (view, &iter);
  gtk_text_view_get_iter_location (view, &iter, &line);
  /* The view's top edge in the spacing below a line: that line is out
   * of view, the next one is the first. */
  if (line.y + line.height <= visible.y && gtk_text_view_forward_display_line (view, &iter))
    gtk_text_view_get_iter_location (view, &iter, &line);
  g_test_message ("first line in view at %d, the view's top at %d", line.y, visible.y);

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, line.x, line.y, &x, &y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture->view),
                                           &GRAPHENE_POINT_INIT (x, y), &top));
  g_assert_true (gtk_widget_compute_point (meta, GTK_WIDGET (fixture->view),
                                           &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (meta)), &meta_bottom));
  g_assert_cmpfloat (top.y, >=, meta_bottom.y);
  return line.y - visible.y;
}

/* QA: at 360 px, Plain Text opened at its reading position with its
 * first line cut in half under the title and meta line above it.  The
 * line at the top is whole, at 1280 and at 360 px, opened at the reading
 * position and scrolled back to the top. */
static void
test_plain_first_line_whole (ReaderFixture *fixture,
                             gconstpointer  data)
{
  static const int widths[] = { 1280, 360 };
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Long paragraphs: the position falls inside a wrapped one. */
  for (int i = 0; i < 40; i++)
    {
      g_string_append_printf (html, "<p>Paragraph %d of a long essay on the tides of the estuary, the birds that "
                              "wait for the water to go, the mud it leaves and the light on it in the evening, "
                              "when the boats come back one after the other.</p>", i);
      g_string_append_printf (text, "%sParagraph %d of a long essay on the tides of the estuary, the birds that "
                              "wait for the water to go, the mud it leaves and the light on it in the evening, "
                              "when the boats come back one after the other.", i > 0 ? "\n\n" : "", i);
    }
  id = reader_fixture_add_article (fixture, "Tides", html->str, text->str);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkTextView *view;
      GtkAdjustment *adjustment;

      article = clipper_store_get_article (fixture->store, id, NULL);
      clipper_article_set_reading_position (article, 0.3137);
      g_assert_true (clipper_store_update_article (fixture->store, article, &error));
      g_assert_no_error (error);
      g_clear_object (&article);
      reader_fixture_restart (fixture);
      gtk_window_set_default_size (fixture->window, widths[i], 640);
      for (guint j = 0; j < 100 && gtk_widget_get_width (GTK_WIDGET (fixture->window)) != widths[i]; j++)
        reader_wait_ms (20);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), ==, widths[i]);
      view = plain_view (fixture);
      clipper_reader_view_set_plain_text (fixture->view, TRUE);
      reader_fixture_open (fixture, id);
      g_assert_cmpfloat_with_epsilon (plain_fraction (view, 0.3137), 0.3137, 0.05);
      g_assert_cmpint (plain_first_line_gap (fixture, view), >=, 0);

      /* Back to the top: the text's first line, whole. */
      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      g_assert_cmpint (plain_first_line_gap (fixture, view), >=, 0);
      g_assert_cmpfloat (plain_fraction (view, 0.0), ==, 0.0);
    }
}

/* The space between the bottom of the line of @before and the top of
 * that of @after, in pixels. */
static int
line_gap (GtkTextView *view,
          int          before,
          int          after)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle above, below;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, before);
  gtk_text_view_get_iter_location (view, &iter, &above);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, after);
  gtk_text_view_get_iter_location (view, &iter, &below);
  return below.y - (above.y + above.height);
}

/* QA-j 4: the stored text ends a paragraph with one "\n", and Plain Text
 * ran the paragraphs together (6 px between them, 4 between wrapped
 * lines).  Each has the page's space before it, an em, the text as it
 * is; a text with blank lines between its paragraphs gets no more than
 * its blank lines. */
static void
test_plain_paragraph_space (ReaderFixture *fixture,
                            gconstpointer  data)
{
  static const char text[] = "The tide came in at noon.\nThe birds left the mud.\n\nThe boats came back.";
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *paragraph;
  g_autofree char *shown = NULL;
  GtkTextIter iter;
  gint64 id;

  id = reader_fixture_add_article (fixture, "Tides",
                                   "<p>The tide came in at noon.</p><p>The birds left the mud.</p>"
                                   "<p>The boats came back.</p>", text);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  reader_wait_ms (200);

  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, text);
  g_test_message ("between paragraphs %d px, between wrapped lines %d px",
                  line_gap (view, (int) cp_offset (text, "noon"), (int) cp_offset (text, "The birds")),
                  gtk_text_view_get_pixels_inside_wrap (view));
  /* 12 pt: 16 px, as the page's <p> margins. */
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "noon"), (int) cp_offset (text, "The birds")), >=, 14);
  /* After a blank line, nothing more. */
  paragraph = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "clipper-paragraph");
  g_assert_nonnull (paragraph);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) cp_offset (text, "The boats"));
  g_assert_false (gtk_text_iter_has_tag (&iter, paragraph));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 0);
  g_assert_false (gtk_text_iter_has_tag (&iter, paragraph));
}

/* Plain Text spaced the lines of a poem (<br>) and of code (<pre>) as
 * paragraphs, an em apart: only paragraphs get the space, the lines of
 * one stay as close as in the page, the text and its offsets as they
 * are.  The HTML and text as the extractor writes them. */
static void
test_plain_line_breaks (ReaderFixture *fixture,
                        gconstpointer  data)
{
  static const char html[] =
    "<article><div><p>A first paragraph, about poems.\n</p>"
    "<p>Roses are red,<br>\nviolets are blue,<br>\nsugar is sweet.\n</p>"
    "<p>After the poem.\n</p><pre>int a;\nint b;</pre>\n<p>The end.\n</p></div></article>";
  static const char text[] =
    "A first paragraph, about poems.\nRoses are red,\nviolets are blue,\nsugar is sweet.\n"
    "After the poem.\nint a;\nint b;\nThe end.\n";
  GtkTextView *view = plain_view (fixture);
  g_autofree char *shown = NULL;
  int paragraph, line;
  gint64 id;

  id = reader_fixture_add_article (fixture, "Roses", html, text);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  reader_wait_ms (200);

  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, text);
  paragraph = line_gap (view, (int) cp_offset (text, "poems."), (int) cp_offset (text, "Roses"));
  line = line_gap (view, (int) cp_offset (text, "red,"), (int) cp_offset (text, "violets"));
  g_test_message ("between paragraphs %d px, between the poem's lines %d px", paragraph, line);
  g_assert_cmpint (paragraph, >=, 14);
  g_assert_cmpint (line, <, 10);
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "blue,"), (int) cp_offset (text, "sugar")), ==, line);
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "sweet."), (int) cp_offset (text, "After")), ==, paragraph);
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "poem."), (int) cp_offset (text, "int a")), ==, paragraph);
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "int a"), (int) cp_offset (text, "int b")), ==, line);
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "int b"), (int) cp_offset (text, "The end")), ==, paragraph);
}

/* QA-m 3: Plain Text showed a heading, code, a quote, a table and
 * E = mc² all as body text.  Each is tagged over its own characters, the
 * text as stored: a heading bold and larger, code monospace, the quote
 * set in, sup and sub raised and lowered, header cells bold and the
 * cells after the first of a row set in.  The HTML and text as the
 * extractor writes them. */
static void
test_plain_structure (ReaderFixture *fixture,
                      gconstpointer  data)
{
  static const char page[] =
    "<html><head><title>Structure</title></head><body><article><h1>Structure</h1>"
    "<p>A first paragraph of the article, long enough to be its text, about water and the things that matter.</p>"
    "<h2>Second section</h2>"
    "<p>Einstein wrote E = mc<sup>2</sup> and water is H<sub>2</sub>O, as everyone knows by now.</p>"
    "<blockquote><p>A quoted passage from somewhere else, set apart from the text.</p></blockquote>"
    "<pre><code>int main (void)\n{\n  return 0;\n}</code></pre>"
    "<table><tr><th>Col 1</th><th>Col 2</th></tr><tr><td>alpha</td><td>beta</td></tr></table>"
    "<p>The end of the article, which says nothing more than that it ends here.</p>"
    "</article></body></html>";
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextView *view = plain_view (fixture);
  g_autofree char *shown = NULL;
  const char *text;
  gint64 id;

  extraction = clipper_extract (page, strlen (page), "https://example.org/structure", &error);
  g_assert_no_error (error);
  text = extraction->text;
  id = reader_fixture_add_article (fixture, "Structure", extraction->html, text);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  reader_wait_ms (200);

  /* The text as it is. */
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, text);
  g_assert_true (has_tag (view, cp_offset (text, "Second section"), "clipper-heading-2"));
  g_assert_true (has_tag (view, cp_offset (text, "section") + 6, "clipper-heading-2"));
  g_assert_false (has_tag (view, cp_offset (text, "Einstein"), "clipper-heading-2"));
  g_assert_true (has_tag (view, cp_offset (text, "mc2") + 2, "clipper-superscript"));
  g_assert_false (has_tag (view, cp_offset (text, "mc2") + 1, "clipper-superscript"));
  g_assert_true (has_tag (view, cp_offset (text, "H2O") + 1, "clipper-subscript"));
  g_assert_false (has_tag (view, cp_offset (text, "H2O") + 2, "clipper-subscript"));
  g_assert_true (has_tag (view, cp_offset (text, "A quoted"), "clipper-quote"));
  g_assert_false (has_tag (view, cp_offset (text, "int main"), "clipper-quote"));
  g_assert_true (has_tag (view, cp_offset (text, "int main"), "clipper-code"));
  g_assert_true (has_tag (view, cp_offset (text, "  return"), "clipper-code"));
  g_assert_false (has_tag (view, cp_offset (text, "Col 1"), "clipper-code"));
  g_assert_true (has_tag (view, cp_offset (text, "Col 1"), "clipper-header-cell"));
  g_assert_true (has_tag (view, cp_offset (text, "Col 2"), "clipper-header-cell"));
  g_assert_false (has_tag (view, cp_offset (text, "alpha"), "clipper-header-cell"));
  /* A row: its first cell where a paragraph starts, the others set in
   * close under it. */
  g_assert_false (has_tag (view, cp_offset (text, "Col 1"), "clipper-cell"));
  g_assert_true (has_tag (view, cp_offset (text, "Col 2"), "clipper-cell"));
  g_assert_false (has_tag (view, cp_offset (text, "alpha"), "clipper-cell"));
  g_assert_true (has_tag (view, cp_offset (text, "beta"), "clipper-cell"));
  g_assert_cmpint (line_gap (view, (int) cp_offset (text, "alpha"), (int) cp_offset (text, "beta")), <,
                   line_gap (view, (int) cp_offset (text, "Col 2"), (int) cp_offset (text, "alpha")));
  g_assert_false (has_tag (view, cp_offset (text, "The end"), "clipper-cell"));
}

/* Pixels between @label's edge (its start when @right is FALSE, its
 * end else) and its text's. */
static int
label_text_gap (GtkWidget *label,
                gboolean   right)
{
  PangoRectangle logical;
  int x, y;

  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, &y);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &logical);
  g_test_message ("label %d px wide, text from %d to %d", gtk_widget_get_width (label), x + logical.x,
                  x + logical.x + logical.width);
  return right ? gtk_widget_get_width (label) - (x + logical.x + logical.width) : x + logical.x;
}

/* QA-j 4: an Arabic article's text stood at the right in Plain Text, and
 * its title and meta line at the left.  They stand on the article's
 * side, as in the page; a left-to-right article's at the left still. */
static void
test_plain_rtl_header (ReaderFixture *fixture,
                       gconstpointer  data)
{
  const char *text = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85";
  g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);
  GtkWidget *title = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-plain-title");
  GtkWidget *meta = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-plain-meta");
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, other;

  id = reader_fixture_add_article (fixture, text, html, text);
  article = clipper_store_get_article (fixture->store, id, &error);
  g_assert_no_error (error);
  clipper_article_set_dir (article, "rtl");
  clipper_article_set_lang (article, "ar");
  clipper_article_set_byline (article, "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf");
  clipper_store_update_article (fixture->store, article, &error);
  g_assert_no_error (error);
  other = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);

  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  reader_wait_ms (200);
  g_assert_cmpint (label_text_gap (title, TRUE), <=, 2);
  g_assert_cmpint (label_text_gap (meta, TRUE), <=, 2);
  g_assert_cmpint (label_text_gap (title, FALSE), >, 100);
  g_assert_cmpint (label_text_gap (meta, FALSE), >, 100);

  reader_fixture_open (fixture, other);
  reader_wait_ms (200);
  g_assert_cmpint (label_text_gap (title, FALSE), <=, 2);
  g_assert_cmpint (label_text_gap (meta, FALSE), <=, 2);
}

/* QA: Plain Text kept the app's light or dark colours in a reader set to
 * sepia.  It has the page's paper, ink and tints, sepia too. */
static void
test_plain_theme (ReaderFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkTextView *view = plain_view (fixture);
  GtkTextTag *yellow;
  GdkRGBA *background = NULL;
  GdkRGBA ink;
  gint64 id;

  g_settings_set_string (settings, "theme", "sepia");
  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  store_highlight (fixture, id, "green tea", "yellow");
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* reader-page.css: sepia's ink #3b2f22, its yellow #f0cf5e. */
  g_assert_cmpint ((int) (ink.red * 255 + 0.5), ==, 0x3b);
  g_assert_cmpint ((int) (ink.green * 255 + 0.5), ==, 0x2f);
  g_assert_cmpint ((int) (ink.blue * 255 + 0.5), ==, 0x22);
  yellow = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)),
                                      "clipper-hl-yellow");
  g_object_get (yellow, "background-rgba", &background, NULL);
  g_assert_cmpint ((int) (background->red * 255 + 0.5), ==, 0xf0);
  g_assert_cmpint ((int) (background->green * 255 + 0.5), ==, 0xcf);
  g_clear_pointer (&background, gdk_rgba_free);

  /* Live: dark paper and the dark scheme's deep tints. */
  g_settings_set_string (settings, "theme", "dark");
  reader_wait_ms (100);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpint ((int) (ink.red * 255 + 0.5), ==, 0xde);
  g_object_get (yellow, "background-rgba", &background, NULL);
  g_assert_cmpint ((int) (background->red * 255 + 0.5), ==, 0x7a);
  g_clear_pointer (&background, gdk_rgba_free);
  g_settings_reset (settings, "theme");
}

/* QA: F7 in Plain Text switched the page's caret navigation on or off,
 * unseen (the reader found it changed back in the page).  The plain text
 * always has its caret: F7 leaves the setting, keeps the keyboard at
 * that caret and says so. */
static void
test_plain_caret_key (ReaderFixture *fixture,
                      gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  gint64 id;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  clipper_reader_view_focus_article (fixture->view);
  g_assert_false (clipper_reader_view_get_caret_browsing (fixture->view));

  g_assert_true (reader_press_key (fixture, "F7"));
  g_assert_false (clipper_reader_view_get_caret_browsing (fixture->view));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (view));
  g_assert_true (gtk_text_view_get_cursor_visible (view));

  /* In the page, F7 is caret navigation still. */
  clipper_reader_view_set_plain_text (fixture->view, FALSE);
  g_assert_true (reader_press_key (fixture, "F7"));
  g_assert_true (clipper_reader_view_get_caret_browsing (fixture->view));
  clipper_reader_view_set_caret_browsing (fixture->view, FALSE);
}

static gboolean
wait_high_contrast (gboolean on)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  for (guint i = 0; i < 50 && adw_style_manager_get_high_contrast (manager) != on; i++)
    reader_wait_ms (100);
  return adw_style_manager_get_high_contrast (manager) == on;
}

/* The desktop's high contrast: the page's stronger tints, and a line of
 * each colour's own (pink: under and over), gone again with it. */
static void
test_plain_high_contrast (ReaderFixture *fixture,
                          gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  g_autoptr(GSettings) a11y = NULL;
  GtkTextTag *pink, *green;
  PangoUnderline underline;
  PangoOverline overline;
  GdkRGBA *background = NULL;
  gint64 id;

  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_test_skip ("org.gnome.desktop.a11y.interface is not installed");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  store_highlight (fixture, id, "green tea", "pink");
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  pink = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)), "clipper-hl-pink");
  green = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)), "clipper-hl-green");
  g_assert_true (has_tag (view, cp_offset (PLAIN_TEXT, "green tea"), "clipper-hl-pink"));
  g_object_get (pink, "underline", &underline, "overline", &overline, "background-rgba", &background, NULL);
  g_assert_cmpint (underline, ==, PANGO_UNDERLINE_NONE);
  g_assert_cmpint (overline, ==, PANGO_OVERLINE_NONE);
  g_assert_cmpint ((int) (background->red * 255 + 0.5), ==, 0xf7);
  g_clear_pointer (&background, gdk_rgba_free);

  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  g_assert_true (wait_high_contrast (TRUE));
  g_object_get (pink, "underline", &underline, "overline", &overline, "background-rgba", &background, NULL);
  g_assert_cmpint (underline, ==, PANGO_UNDERLINE_SINGLE);
  g_assert_cmpint (overline, ==, PANGO_OVERLINE_SINGLE);
  g_assert_cmpint ((int) (background->red * 255 + 0.5), ==, 0xf2);
  g_assert_cmpint ((int) (background->green * 255 + 0.5), ==, 0x8c);
  g_clear_pointer (&background, gdk_rgba_free);
  g_object_get (green, "underline", &underline, NULL);
  g_assert_cmpint (underline, ==, PANGO_UNDERLINE_DOUBLE);

  g_settings_reset (a11y, "high-contrast");
  g_assert_true (wait_high_contrast (FALSE));
  g_object_get (pink, "underline", &underline, NULL);
  g_assert_cmpint (underline, ==, PANGO_UNDERLINE_NONE);
}

/* Highlights imported without their page: the text view says so, where
 * the keyboard and a screen reader are, and paints nothing over it. */
static void
test_plain_textless (ReaderFixture *fixture,
                     gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  id = reader_fixture_add_article (fixture, "A book", "", "");
  clipper_highlight_set_article_id (h, id);
  clipper_highlight_set_color (h, "green");
  clipper_highlight_set_quote (h, "Only");
  clipper_highlight_set_range (h, 0, 4);
  clipper_highlight_set_anchored (h, TRUE);
  g_assert_true (clipper_store_add_highlight (fixture->store, h, NULL));
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);

  text = buffer_text (view);
  g_assert_true (g_str_has_prefix (text, "Only Highlights Were Imported\n\nThe page’s text is not in the library."));
  g_assert_false (has_tag (view, 0, "clipper-hl-green"));
  clipper_reader_view_focus_article (fixture->view);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
    gtk_text_buffer_get_iter_at_offset (buffer, &end, 4);
    gtk_text_buffer_select_range (buffer, &start, &end);
  }
  g_assert_false (reader_press_key (fixture, "2"));
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
}

/* Plain text is on by default while a screen reader runs, until the user
 * chooses; then their choice stays, whatever the screen reader does. */
static void
test_plain_default_follows_screen_reader (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(GSettings) screen_reader = clipper_reader_screen_reader_settings_new ();
  g_autoptr(GSettings) a11y = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.applications",
                                                                       TRUE);

  /* No screen-reader settings (GNOME's schemas not installed): off. */
  g_assert_false (clipper_reader_plain_text_wanted (settings, NULL));
  g_assert_false (clipper_reader_plain_text_wanted (NULL, NULL));
  if (schema == NULL)
    {
      g_assert_null (screen_reader);
      g_test_skip ("org.gnome.desktop.a11y.applications is not installed");
      return;
    }
  g_assert_nonnull (screen_reader);
  a11y = g_settings_new_full (schema, backend, NULL);

  g_assert_false (clipper_reader_plain_text_wanted (settings, a11y));
  g_settings_set_boolean (a11y, "screen-reader-enabled", TRUE);
  g_assert_true (clipper_reader_plain_text_wanted (settings, a11y));
  /* The user turns it off: it stays off. */
  g_settings_set_boolean (settings, "plain-text", FALSE);
  g_assert_false (clipper_reader_plain_text_wanted (settings, a11y));
  /* … and on: on without a screen reader too. */
  g_settings_set_boolean (settings, "plain-text", TRUE);
  g_settings_set_boolean (a11y, "screen-reader-enabled", FALSE);
  g_assert_true (clipper_reader_plain_text_wanted (settings, a11y));
  g_settings_reset (settings, "plain-text");
  g_assert_false (clipper_reader_plain_text_wanted (settings, a11y));
}

/* QA-m 5: Ctrl+F finds in the plain text too, its matches selected in
 * the text view, and Escape gives the keyboard back to it. */
static void
test_plain_find (ReaderFixture *fixture,
                 gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *bar, *entry, *count;
  GtkTextIter start, end;
  gint64 id, second;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  bar = reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_BAR, NULL);
  entry = reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  count = gtk_widget_get_next_sibling (entry);

  g_assert_true (reader_press_key (fixture, "<Control>f"));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "PARAGRAPH");
  reader_wait_label (count, "1 of 1");
  gtk_editable_set_text (GTK_EDITABLE (entry), "a");
  reader_wait_label (count, "1 of 9");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, cp_offset (PLAIN_TEXT, "af"));
  g_assert_true (reader_press_key (fixture, "<Control>g"));
  reader_wait_label (count, "2 of 9");
  second = cp_offset (PLAIN_TEXT, "a\xc3\xafve");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, second);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, second + 1);
  g_assert_true (reader_press_key (fixture, "<Shift><Control>g"));
  g_assert_true (reader_press_key (fixture, "<Shift><Control>g"));
  reader_wait_label (count, "9 of 9");

  gtk_editable_set_text (GTK_EDITABLE (entry), "rooibos");
  reader_wait_label (count, "No match");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view))) == GTK_WIDGET (view));
}

/* A link to a saved article with a #fragment opened the page view at its
 * target, and Plain Text at the reading position (review, session 20):
 * Plain Text goes to the same place, the target's words at the top. */
static void
test_plain_link_fragment (ReaderFixture *fixture,
                          gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  gint64 saved = clipper_test_add_sectioned_article (fixture->store, "https://example.org/notes/",
                                                     "<p>First, see <a href=\"#sec2\">the second section</a>.</p>");
  gint64 reading = clipper_test_add_sectioned_article (fixture->store, "https://example.org/other/",
                                                       "<p>Nothing links within this one.</p>");
  g_autoptr(ClipperArticle) article = clipper_store_get_article (fixture->store, saved, NULL);
  const char *text = clipper_article_get_text (article);
  double expected = (double) cp_offset (text, "Second section") / g_utf8_strlen (text, -1);
  double fraction;

  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, reading);
  fixture->ready = FALSE;
  clipper_reader_view_open_link (fixture->view, "https://example.org/notes/#sec2");
  g_assert_cmpint (clipper_reader_view_get_article_id (fixture->view), ==, saved);
  g_assert_true (reader_wait_flag (&fixture->ready, 20000));
  fraction = plain_fraction (view, expected);
  g_test_message ("plain text at %.3f, the section at %.3f", fraction, expected);
  g_assert_cmpfloat (ABS (fraction - expected), <, 0.02);
}

/* The runs of the tag @name in the plain text, "start-end" code-point
 * offsets apart by spaces. */
static char *
tag_runs (GtkTextView *view,
          const char  *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  g_autoptr(GString) out = g_string_new ("");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      int start = gtk_text_iter_get_offset (&iter);

      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_string_append_printf (out, "%s%d-%d", out->len > 0 ? " " : "", start, gtk_text_iter_get_offset (&iter));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The find's marks are @matches other matches and the shown one at
 * @shown ("start-end", "" for none). */
static void
assert_find_marks (GtkTextView *view,
                   guint        matches,
                   const char  *shown)
{
  g_autofree char *others = tag_runs (view, "clipper-find-match");
  g_autofree char *current = tag_runs (view, "clipper-find-current");
  g_auto(GStrv) each = g_strsplit (others, " ", -1);

  g_assert_cmpuint (*others == '\0' ? 0 : g_strv_length (each), ==, matches);
  g_assert_cmpstr (current, ==, shown);
  g_assert_false (*shown != '\0' && g_strv_contains ((const char * const *) each, shown));
}

/* QA 21, 1 and 2: in Plain Text the match shown was only selected,
 * faint while the keyboard is in the bar, and stayed selected after "No
 * match".  Every match is marked, the shown one as a selection is drawn
 * (white on blue, whatever the view's focus), and nothing is left marked
 * or selected once the text matches nothing or the bar closes. */
static void
test_plain_find_marks (ReaderFixture *fixture,
                       gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *current;
  GtkWidget *entry, *count;
  g_autofree char *expected = NULL;
  gboolean background_set = FALSE, foreground_set = FALSE;
  GtkTextIter start, end;
  gint64 id, second;

  id = reader_fixture_add_article (fixture, "On oolong", PLAIN_HTML, PLAIN_TEXT);
  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  reader_fixture_open (fixture, id);
  entry = reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  count = gtk_widget_get_next_sibling (entry);

  g_assert_true (reader_press_key (fixture, "<Control>f"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "a");
  reader_wait_label (count, "1 of 9");
  assert_find_marks (view, 8, "1-2");
  current = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "clipper-find-current");
  g_object_get (current, "background-set", &background_set, "foreground-set", &foreground_set, NULL);
  g_assert_true (background_set && foreground_set);

  g_assert_true (reader_press_key (fixture, "<Control>g"));
  reader_wait_label (count, "2 of 9");
  second = cp_offset (PLAIN_TEXT, "a\xc3\xafve");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, second, second + 1);
  assert_find_marks (view, 8, expected);

  gtk_editable_set_text (GTK_EDITABLE (entry), "rooibos");
  reader_wait_label (count, "No match");
  assert_find_marks (view, 0, "");
  g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));

  gtk_editable_set_text (GTK_EDITABLE (entry), "oolong");
  reader_wait_label (count, "1 of 1");
  g_signal_emit_by_name (entry, "stop-search");
  assert_find_marks (view, 0, "");
  g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  /* The caret where the match was: the reader goes on from there. */
  gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, cp_offset (PLAIN_TEXT, "oolong"));
}

/* QA-q 8: Plain Text scrolled to its top (Ctrl+Home), then back to the
 * page: the page opened on the first paragraph, its title and byline
 * scrolled off.  The top of one is the top of the other. */
static void
test_plain_top_is_page_top (ReaderFixture *fixture,
                            gconstpointer  data)
{
  GtkTextView *view = plain_view (fixture);
  double scroll_y = -1, before;
  gint64 id;

  id = add_tides_article (fixture, 0.5);
  reader_fixture_open (fixture, id);
  {
    g_autofree char *value = reader_eval (fixture, "clipper", "window.scrollY");

    before = g_ascii_strtod (value, NULL);
  }
  g_assert_cmpfloat (before, >, 100);

  clipper_reader_view_set_plain_text (fixture->view, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  /* At the reading position once laid out (moved before, the view was
   * put back there); then to the top, caret and all, as Ctrl+Home goes. */
  g_assert_cmpfloat_with_epsilon (plain_fraction (view, 0.5), 0.5, 0.03);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
  }
  for (guint i = 0; i < 50 && plain_top_fraction (view) > 0; i++)
    reader_wait_ms (100);
  g_assert_cmpfloat (plain_top_fraction (view), ==, 0);

  clipper_reader_view_set_plain_text (fixture->view, FALSE);
  /* Until the page has moved from where it was. */
  for (guint i = 0; i < 50 && (scroll_y < 0 || scroll_y == before); i++)
    {
      g_autofree char *value = NULL;

      reader_wait_ms (100);
      value = reader_eval (fixture, "clipper", "window.scrollY");
      scroll_y = g_ascii_strtod (value, NULL);
    }
  reader_wait_ms (200);
  {
    g_autofree char *value = reader_eval (fixture, "clipper", "window.scrollY");

    scroll_y = g_ascii_strtod (value, NULL);
  }
  g_assert_cmpfloat (scroll_y, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps what widgets tell screen
   * readers, for the tests to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  reader_test_init_env (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ReaderFixture, NULL, reader_fixture_setup, func, reader_fixture_teardown)
  ADD ("/reader/plain/shows-text", test_plain_shows_text);
  ADD ("/reader/plain/highlight-tags", test_plain_highlight_tags);
  ADD ("/reader/plain/highlight-from-keys", test_plain_highlight_from_keys);
  ADD ("/reader/plain/popover-actions", test_plain_popover_actions);
  ADD ("/reader/plain/snap-to-words", test_plain_snap_to_words);
  ADD ("/reader/plain/scroll-and-reveal", test_plain_scroll_and_reveal);
  ADD ("/reader/plain/find", test_plain_find);
  ADD ("/reader/plain/find-marks", test_plain_find_marks);
  ADD ("/reader/plain/textless", test_plain_textless);
  ADD ("/reader/plain/high-contrast", test_plain_high_contrast);
  ADD ("/reader/plain/reading-position", test_plain_reading_position);
  ADD ("/reader/plain/position-after-other", test_plain_position_after_other);
  ADD ("/reader/plain/same-words-as-page", test_plain_same_words_as_page);
  ADD ("/reader/plain/first-line-whole", test_plain_first_line_whole);
  ADD ("/reader/plain/paragraph-space", test_plain_paragraph_space);
  ADD ("/reader/plain/line-breaks", test_plain_line_breaks);
  ADD ("/reader/plain/structure", test_plain_structure);
  ADD ("/reader/plain/rtl-header", test_plain_rtl_header);
  ADD ("/reader/plain/theme", test_plain_theme);
  ADD ("/reader/plain/caret-key", test_plain_caret_key);
  ADD ("/reader/plain/link-fragment", test_plain_link_fragment);
  ADD ("/reader/plain/top-is-page-top", test_plain_top_is_page_top);
#undef ADD
  g_test_add_func ("/reader/plain/default-follows-screen-reader", test_plain_default_follows_screen_reader);

  status = g_test_run ();
  reader_test_cleanup_env ();
  return status;
}
