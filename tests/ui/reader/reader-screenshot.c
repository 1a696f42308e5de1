/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders the reader with highlights and the note panel open to a PNG, for
 * docs/screenshots/highlights.png.  Not a test: run it under Xvfb,
 *   reader-screenshot OUT.png [light|dark|sepia]
 */
#define G_LOG_DOMAIN "clipper-reader-shot"

#include "reader-test-util.h"

#include <webkit/webkit.h>

static const char *html =
  "<p>There is a kind of reading that cannot be hurried. It happens with a cup going cold beside you, "
  "a pencil in hand, and the sense that the page is talking back. Most of what crosses our screens is "
  "not written for that kind of attention, but some of it is, and it deserves a better place than a "
  "browser tab among forty others.</p>"
  "<h2>Keeping what matters</h2>"
  "<p>A saved article is only half kept if you cannot find the sentence that made you save it. "
  "Highlighting is the oldest answer: a stroke of colour that says <em>this</em>, here, is the point. "
  "A note beside it says why.</p>"
  "<p>The colours carry meaning once you give them one. Yellow for what is important, green for an "
  "idea worth stealing, blue for a definition, pink for a question you want to come back to.</p>"
  "<blockquote><p>We read to know we are not alone, and we annotate to know what we thought.</p></blockquote>"
  "<p>None of this needs the network. The page, its pictures and your notes live in one file on your "
  "own machine, and reading leaks nothing to the trackers the original page carried.</p>"
  "<h2>Coming back</h2>"
  "<p>Weeks later the notes are what you return to: a list of passages, each with its colour and its "
  "reason, and a click away from the place in the text where it was made.</p>";

static gint64
add_highlight (ReaderFixture *fixture,
               gint64         article_id,
               const char    *text,
               const char    *quote,
               const char    *color,
               const char    *note,
               const char    *tags)
{
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  const char *p = strstr (text, quote);
  gint64 start;
  g_auto(GStrv) tag_list = tags ? g_strsplit (tags, ",", -1) : NULL;

  g_assert (p != NULL);
  start = g_utf8_pointer_to_offset (text, p);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, color);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, note);
  if (tag_list != NULL)
    clipper_highlight_set_tags (h, (const char *const *) tag_list);
  clipper_store_add_highlight (fixture->store, h, &error);
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

int
main (int   argc,
      char *argv[])
{
  ReaderFixture fixture = { 0 };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GError) error = NULL;
  ClipperReaderView *view;
  AdwWindow *window;
  GtkWidget *box, *header, *toggle, *title;
  const char *out = argc > 1 ? argv[1] : "highlights.png";
  const char *theme = argc > 2 ? argv[2] : "light";
  gint64 id;
  int width = 1280, height = 820;

  reader_test_init_env (&argc, &argv);
  reader_fixture_setup (&fixture, NULL);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "theme", theme);
  g_settings_set_int (settings, "font-size", 14);
  if (g_str_equal (theme, "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  /* The text of the HTML above, as the extractor would store it. */
  {
    g_autoptr(GRegex) tags = g_regex_new ("<[^>]+>", 0, 0, NULL);
    g_autofree char *plain = g_regex_replace_literal (tags, html, -1, 0, "", 0, NULL);
    g_string_append (text, plain);
  }

  /* Our own window: a header bar and the reader, as in the app. */
  view = g_object_ref (fixture.view);
  gtk_window_set_child (fixture.window, NULL);
  gtk_window_destroy (fixture.window);
  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new ("The Art of Slow Reading", "Example Journal");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (toggle), "sidebar-show-right-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), toggle);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  adw_window_set_content (window, box);
  fixture.window = GTK_WINDOW (window);
  g_object_unref (view);
  clipper_reader_view_set_settings (view, settings);
  gtk_window_present (GTK_WINDOW (window));

  id = reader_fixture_add_article (&fixture, "The Art of Slow Reading", html, text->str);
  add_highlight (&fixture, id, text->str,
                 "A saved article is only half kept if you cannot find the sentence that made you save it.",
                 "yellow", NULL, NULL);
  add_highlight (&fixture, id, text->str,
                         "Yellow for what is important, green for an idea worth stealing",
                         "green",
                         "Use the **colour names** as tags in the Markdown export, so the vault "
                         "can group passages by meaning.",
                         "annotation,workflow");
  add_highlight (&fixture, id, text->str,
                 "We read to know we are not alone, and we annotate to know what we thought.",
                 "purple", "Source? Looks like a riff on C. S. Lewis.", "quotes");
  add_highlight (&fixture, id, text->str, "reading leaks nothing to the trackers", "blue", NULL, "privacy");
  add_highlight (&fixture, id, text->str, "a click away from the place in the text", "pink",
                 "Does this work for orphaned highlights too?", NULL);

  reader_fixture_open (&fixture, id);
  clipper_reader_view_set_panel_visible (view, TRUE);
  /* Open the note of the green highlight, as a click on it does. */
  {
    GtkWidget *list = reader_find_by_class (GTK_WIDGET (view), "clipper-highlight-list");
    g_signal_emit_by_name (list, "activate", 1);
  }
  reader_wait_ms (800);
  /* Activating the entry scrolled the page to the highlight; show the top. */
  g_free (reader_eval (&fixture, "clipper", "window.scrollTo(0, 0)"));
  reader_wait_ms (700);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, out))
    g_error ("could not write %s", out);
  g_print ("wrote %s (%dx%d)\n", out, width, height);

  g_settings_reset (settings, "theme");
  g_settings_reset (settings, "font-size");
  reader_fixture_teardown (&fixture, NULL);
  reader_test_cleanup_env ();
  return 0;
}
