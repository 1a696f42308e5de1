/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperReaderView: one stored article, read offline in a WebKitWebView,
 * with highlighting, notes and tags in a side panel.
 *
 * The page comes from the store through the clipper-article: URI scheme and
 * requests nothing from the network; the article's own scripts never run.
 * Our page script lives in the private "clipper" script world and talks to
 * this widget with versioned JSON messages.
 *
 * Typography and colours follow the GSettings schema org.example.Clipper
 * (font-family, font-size, line-width, theme) and AdwStyleManager.
 */
#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_READER_VIEW (clipper_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (ClipperReaderView, clipper_reader_view, CLIPPER, READER_VIEW, GtkWidget)

GtkWidget    *clipper_reader_view_new                  (void);

/* The library the view reads from and writes highlights to.  (transfer none) */
ClipperStore *clipper_reader_view_get_store            (ClipperReaderView *self);
void          clipper_reader_view_set_store            (ClipperReaderView *self,
                                                        ClipperStore      *store);
/* Articles a link does not open as its saved copy: deletes waiting for
 * their Undo.  A set of gint64 ids, kept by reference. */
void          clipper_reader_view_set_hidden_articles  (ClipperReaderView *self,
                                                        GHashTable        *ids);

/* Forgets the articles that links to saved copies were followed from,
 * which Alt+Left comes back to: the library is shown. */
void          clipper_reader_view_clear_history        (ClipperReaderView *self);

/* Shows the article; 0 shows nothing.  Returns FALSE with an error when the
 * article cannot be read from the store (NOT_FOUND, …); the view is then
 * empty.  Painting finishes later: "article-ready" is emitted then. */
void          clipper_reader_view_set_unattended       (ClipperReaderView *self,
                                                        gboolean           unattended);
gboolean      clipper_reader_view_load_article         (ClipperReaderView *self,
                                                        gint64             article_id,
                                                        GError           **error);
/* The "article-id" property: the article shown, or 0. */
gint64        clipper_reader_view_get_article_id       (ClipperReaderView *self);
/* The "title" property: the article's title, or NULL. */
const char   *clipper_reader_view_get_title            (ClipperReaderView *self);

/* Scrolls the page to the highlight, flashes it and opens its note in the
 * side panel (shown when it lies beside the article, not over it); for an
 * orphan, opens the panel at its row, ready to be attached again. */
void          clipper_reader_view_scroll_to_highlight  (ClipperReaderView *self,
                                                        gint64             highlight_id);

/* Selects code points [@start, @end) of the article's text and scrolls
 * there (a search hit's words), once the article shown is painted. */
void          clipper_reader_view_reveal_text          (ClipperReaderView *self,
                                                        gint64             start,
                                                        gint64             end);

/* Opens the find bar over the article (Ctrl+F in the reader, reader.find):
 * its matches in the page or in the plain text, "3 of 12", Enter and
 * Ctrl+G for the next, Shift+Enter and Ctrl+Shift+G for the previous,
 * Escape back to the article.  Nothing without an article. */
void          clipper_reader_view_find                 (ClipperReaderView *self);

/* Prints the article as the page shows it (WebKitPrintOperation): the
 * print dialog, modal to the reader's window, until the reader prints or
 * cancels.  Nothing without an article. */
void          clipper_reader_view_print                (ClipperReaderView *self);

/* The "panel-visible" property: whether the highlights side panel is shown. */
gboolean      clipper_reader_view_get_caret_browsing   (ClipperReaderView *self);
void          clipper_reader_view_set_caret_browsing   (ClipperReaderView *self,
                                                        gboolean           caret_browsing);
gboolean      clipper_reader_view_get_panel_visible    (ClipperReaderView *self);
void          clipper_reader_view_set_panel_visible    (ClipperReaderView *self,
                                                        gboolean           visible);

/* The "plain-text" property: whether the article is read as plain text
 * in a GtkTextView (its stored text, the title and meta line above it,
 * each highlight a tag in its colour) instead of the web view.  A screen
 * reader reads a text view's text through GTK's AT-SPI Text interface;
 * WebKitGTK's page does not reach it with GTK 4.8.  The caret moves with
 * the arrows, Shift selects, and the keys are the page's: 1–5, N, Delete.
 * The application decides (clipper_reader_plain_text_wanted()); the view
 * only shows. */
gboolean      clipper_reader_view_get_plain_text       (ClipperReaderView *self);
void          clipper_reader_view_set_plain_text       (ClipperReaderView *self,
                                                        gboolean           plain_text);
/* Puts the keyboard into the article: the web view, or the plain text at
 * its caret. */
void          clipper_reader_view_focus_article        (ClipperReaderView *self);
/* Puts the keyboard into the highlights panel, as F9 does, when it is
 * shown (FALSE otherwise); and whether the keyboard is in it.  The
 * window's F6 goes from pane to pane with them. */
gboolean      clipper_reader_view_focus_panel          (ClipperReaderView *self);
gboolean      clipper_reader_view_get_panel_has_focus  (ClipperReaderView *self);
/* Whether the panel is out and lies over the article (a narrow window),
 * which then takes no keys: F6 skips it. */
gboolean      clipper_reader_view_get_panel_over_article (ClipperReaderView *self);

/* Whether the article should be read as plain text: the "plain-text" key
 * of @settings (the app's) once the user has set it, and until then
 * whether a screen reader runs, @screen_reader's "screen-reader-enabled"
 * (org.gnome.desktop.a11y.applications; NULL when that schema is not
 * installed, or @settings NULL: FALSE). */
gboolean      clipper_reader_plain_text_wanted         (GSettings         *settings,
                                                        GSettings         *screen_reader);
/* GNOME's org.gnome.desktop.a11y.applications settings, or NULL when the
 * schema is not installed (a desktop without GNOME's schemas).  (transfer full) */
GSettings    *clipper_reader_screen_reader_settings_new (void);

/* Writes what is being typed in the panel (a note waiting for its
 * autosave, the tags) to the store now.  The view does it by itself when
 * its window closes, the panel closes or another article opens; the
 * application calls it too before it quits. */
void          clipper_reader_view_flush                (ClipperReaderView *self);

/* The last highlight removed whose Undo toast is still shown: when it was
 * removed (g_get_monotonic_time()), or 0 when there is none; and its Undo,
 * as the toast's button does it (FALSE when there is nothing to undo).
 * The window's Ctrl+Z compares the time with its own article deletes and
 * undoes whichever came last. */
gint64        clipper_reader_view_get_undo_time        (ClipperReaderView *self);
gboolean      clipper_reader_view_undo                 (ClipperReaderView *self);

/* Reader settings.  By default the view follows the org.example.Clipper
 * schema when it is installed; tests and previews may pass their own
 * GSettings (or NULL for the built-in defaults).  (transfer none) */
void          clipper_reader_view_set_settings         (ClipperReaderView *self,
                                                        GSettings         *settings);

/* The WebKitWebView inside, for tests and screenshots.  (transfer none)
 * Returned as GtkWidget so that this header needs no WebKit include. */
GtkWidget    *clipper_reader_view_get_web_view         (ClipperReaderView *self);
void          clipper_reader_view_open_link            (ClipperReaderView *self,
                                                        const char        *uri);

/* Signals:
 *   "article-ready" (gint64 article_id, double ms): the article and its
 *       highlights are painted; @ms is the time since load_article().
 *   "highlights-changed" (gint64 article_id): a highlight of the article was
 *       made, changed or deleted from this view (the app refreshes its lists).
 *   "load-failed" (const GError *error): the page could not be shown.
 *
 * Actions (scope "reader."): highlight(s colour), note, copy-quote,
 * remove-highlight, reattach, toggle-panel, undo-delete.
 * Keys while text is selected: 1–5 colours, N note. */

G_END_DECLS
