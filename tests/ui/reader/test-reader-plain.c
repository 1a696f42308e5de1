/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain-text reader: the article's stored text in a GtkTextView (which
 * a screen reader reads, where the web view's text does not reach it with
 * GTK 4.8), its highlights as tags at their code points, highlighting from
 * the keyboard there, and when it is on by default.
 */
#define G_LOG_DOMAIN "clipper-reader-test"

#include "reader-test-util.h"

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

/* Runs the reader's key shortcut for @key as a key press would. */
static gboolean
press_key (ReaderFixture *fixture,
           const char    *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (fixture->view), gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("no shortcut for %s", key);
  return FALSE;
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
                                              "Ada Lovelace · 17 May 2024 · 1 minute read");
  g_assert_null (wrong);
  g_assert_nonnull (reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL,
                                        "Ada Lovelace · 17 May 2024 · 1 minute read"));

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
  g_assert_false (press_key (fixture, "2"));
  g_assert_true (press_key (fixture, "Delete"));
  g_assert_cmpint (clipper_reader_view_get_article_id (fixture->view), ==, id);

  from = cp_offset (PLAIN_TEXT, "na\xc3\xafve \xf0\x9f\x98\x80 green");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) from + 13);
  gtk_text_buffer_select_range (buffer, &end, &start);
  /* Delete on a selection outside highlights is nothing (not the
   * window's: delete the article). */
  g_assert_true (press_key (fixture, "Delete"));
  g_assert_cmpint (clipper_reader_view_get_article_id (fixture->view), ==, id);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL));
  g_assert_true (press_key (fixture, "2"));
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
  g_assert_true (press_key (fixture, "n"));
  g_assert_true (clipper_reader_view_get_panel_visible (fixture->view));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == note_view || (focus != NULL && gtk_widget_is_ancestor (focus, note_view)));
  g_assert_nonnull (reader_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL,
                                        "na\xc3\xafve \xf0\x9f\x98\x80 green"));

  /* Escape goes back to the text; N on a caret in a highlight opens its
   * note; 5 there recolours it. */
  g_assert_true (press_key (fixture, "Escape"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from + 3);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (press_key (fixture, "5"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (list, 0)), ==, "purple");
  g_assert_true (has_tag (view, from, "clipper-hl-purple"));
  g_assert_false (has_tag (view, from, "clipper-hl-green"));

  /* Delete removes it; Undo brings it back. */
  g_assert_true (press_key (fixture, "Delete"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_false (has_tag (view, from, "clipper-hl-purple"));
  g_assert_true (clipper_reader_view_undo (fixture->view));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reader_list_highlights (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (has_tag (view, from, "clipper-hl-purple"));
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
  g_assert_false (press_key (fixture, "2"));
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
  ADD ("/reader/plain/scroll-and-reveal", test_plain_scroll_and_reveal);
  ADD ("/reader/plain/textless", test_plain_textless);
  ADD ("/reader/plain/high-contrast", test_plain_high_contrast);
#undef ADD
  g_test_add_func ("/reader/plain/default-follows-screen-reader", test_plain_default_follows_screen_reader);

  status = g_test_run ();
  reader_test_cleanup_env ();
  return status;
}
