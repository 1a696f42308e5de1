/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the reader view tests: a private home, a real store in a
 * temp dir, a window holding a ClipperReaderView, a local SoupServer that
 * counts every request, and synchronous JavaScript in our script world.
 */
#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "clipper-reader-view.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef struct {
  char              *tmpdir;
  char              *db_path;
  ClipperStore      *store;
  GtkWindow         *window;
  ClipperReaderView *view;
  SoupServer        *server;
  char              *server_url;  /* "http://127.0.0.1:PORT/" */
  guint              n_requests;
  GPtrArray         *request_paths;
  guint              n_changed;   /* "highlights-changed" emissions */
  gboolean           ready;
  double             ready_ms;
} ReaderFixture;

/* Private XDG dirs for the whole test program; call before gtk_init(). */
void      reader_test_init_env        (int *argc, char ***argv);
void      reader_test_cleanup_env     (void);

void      reader_fixture_setup        (ReaderFixture *fixture, gconstpointer data);
void      reader_fixture_teardown     (ReaderFixture *fixture, gconstpointer data);
/* Destroys the window and the view, opens the store again, makes a new view:
 * what a restart of the app does to the reader. */
void      reader_fixture_restart      (ReaderFixture *fixture);

gint64    reader_fixture_add_article  (ReaderFixture *fixture,
                                       const char    *title,
                                       const char    *html,
                                       const char    *text);
/* Loads and waits until "article-ready"; fails the test after @timeout_s. */
void      reader_fixture_open         (ReaderFixture *fixture, gint64 article_id);

/* Runs @script in the "clipper" world (or the page's own world when @world
 * is NULL) and returns its result as a string (JSON.stringify'd). */
char     *reader_eval                 (ReaderFixture *fixture, const char *world, const char *script);
/* Iterates the main loop until *@flag or @ms pass; returns *@flag. */
gboolean  reader_wait_flag            (gboolean *flag, guint ms);
void      reader_wait_ms              (guint ms);
/* Waits until "highlights-changed" was emitted more than @n times. */
gboolean  reader_wait_changed         (ReaderFixture *fixture, guint n, guint ms);

/* The first widget under @root of @type whose label/text is @text (NULL: any). */
GtkWidget *reader_find_widget         (GtkWidget *root, GType type, const char *text);
/* reader_find_widget() once it finds one, waiting 5 s at most. */
GtkWidget *reader_wait_widget         (GtkWidget *root, GType type, const char *text);
guint      reader_count_rows          (GtkWidget *list);
GtkWidget *reader_find_by_class       (GtkWidget *root, const char *css_class);

GPtrArray *reader_list_highlights     (ReaderFixture *fixture, gint64 article_id);

/* Runs the reader's own shortcut for @key (its trigger's name, as
 * "<Control>f"), as a key press in the article would; there must be one. */
gboolean  reader_press_key            (ReaderFixture *fixture, const char *key);
/* Presses mouse @button on the view as its click gesture for that button
 * sees it, as reader_press_key() runs a shortcut; FALSE when the view has
 * no gesture for @button. */
gboolean  reader_press_button         (ReaderFixture *fixture, guint button);
/* Waits until @label reads @expected (5 s at most), and asserts it does. */
void      reader_wait_label           (GtkWidget *label, const char *expected);

/* Waits until the keyboard is in @widget (or a widget inside it), in a
 * window that has the keyboard (5 s at most), and asserts it is. */
void       reader_wait_keyboard       (GtkWidget *widget);
/* Activates the side panel's row of the highlight quoting @quote, as a
 * click does, once the panel shows it (5 s at most). */
void       reader_activate_panel_row  (ReaderFixture *fixture,
                                       const char    *quote);
/* Opens @article_id, shows the side panel, activates the row of the
 * highlight quoting @quote and puts the keyboard in its tags entry; returns
 * the entry once it has the keyboard (5 s at most). */
GtkWidget *reader_open_panel_tags     (ReaderFixture *fixture,
                                       gint64         article_id,
                                       const char    *quote);

G_END_DECLS
