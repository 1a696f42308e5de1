/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes the README/docs screenshots: starts the real app on a library,
 * opens an article (and optionally the Highlights page), waits until the
 * reader has painted it, then grabs the X screen with `import`.  Run it
 * under Xvfb with a screen the size of the window:
 *
 *   CLIPPER_DB=library.db xvfb-run -s "-screen 0 1100x760x24" \
 *     clipper-screenshot ARTICLE_ID OUT.png [articles|highlights|detail [HIGHLIGHT_ID]]
 *
 * "detail" opens the side panel on HIGHLIGHT_ID, as clicking its row does.
 */
#define G_LOG_DOMAIN "clipper-screenshot"

#include <adwaita.h>
#include <stdlib.h>

#include "clipper-application.h"
#include "clipper-reader-view.h"
#include "clipper-window.h"

static gint64 article_id;
static const char *out_path;
static const char *view = "articles";
static gint64 highlight_id;

static gboolean
grab_cb (gpointer user_data)
{
  GApplication *app = user_data;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", out_path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_printerr ("import failed: %s\n", error->message);
  else
    g_print ("wrote %s\n", out_path);

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* The side panel's list of highlights (a GtkListView) under @root. */
static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
open_detail_cb (gpointer reader)
{
  GtkWidget *list = find_list_view (reader);
  GListModel *model = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

      if (clipper_highlight_get_id (h) == highlight_id)
        g_signal_emit_by_name (list, "activate", i);
    }
  return G_SOURCE_REMOVE;
}

static void
on_ready (GtkWidget *reader,
          gint64     id,
          double     ms,
          gpointer   app)
{
  if (g_str_equal (view, "detail"))
    {
      clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), TRUE);
      g_timeout_add (500, open_detail_cb, reader);
    }
  /* Give fonts, images and the toast-free window a moment to settle. */
  g_timeout_add (1500, grab_cb, app);
}

static gboolean
open_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  ClipperWindow *window = CLIPPER_WINDOW (gtk_application_get_active_window (app));
  GtkWidget *reader;

  clipper_window_open_article (window, article_id, highlight_id);
  reader = clipper_window_get_reader (window);
  if (!CLIPPER_IS_READER_VIEW (reader))
    {
      g_timeout_add (1500, grab_cb, app);
      return G_SOURCE_REMOVE;
    }
  if (g_str_equal (view, "highlights"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "highlights");
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), app);
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_timeout_add (500, open_cb, app);
}

int
main (int argc, char **argv)
{
  g_autoptr (ClipperApplication) app = NULL;
  const char *app_argv[] = { argv[0], NULL };

  if (argc < 3)
    {
      g_printerr ("usage: %s ARTICLE_ID OUT.png [articles|highlights|detail [HIGHLIGHT_ID]]\n", argv[0]);
      return 2;
    }
  article_id = g_ascii_strtoll (argv[1], NULL, 10);
  out_path = argv[2];
  if (argc > 3)
    view = argv[3];
  if (argc > 4)
    highlight_id = g_ascii_strtoll (argv[4], NULL, 10);

  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), 1, (char **) app_argv);
}
