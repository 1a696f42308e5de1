/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the app tests: a library in a temp dir filled through
 * the store API, and main-loop waiting with a deadline.
 */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "clipper-store.h"

typedef struct {
  char *dir;
  char *path;
  ClipperStore *store;
} TestLibrary;

static inline void
test_library_init (TestLibrary *lib)
{
  g_autoptr (GError) error = NULL;

  lib->dir = g_dir_make_tmp ("clipper-app-test-XXXXXX", &error);
  g_assert_no_error (error);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
  lib->store = clipper_store_open (lib->path, &error);
  g_assert_no_error (error);
}

static inline void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
test_library_clear (TestLibrary *lib)
{
  g_clear_object (&lib->store);
  remove_tree (lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->path, g_free);
}

/* Adds an article; returns its id. */
static inline gint64
add_article (ClipperStore     *store,
             const char       *title,
             const char       *text,
             ClipperReadState  state,
             gboolean          starred,
             const char       *tag)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autoptr (GError) error = NULL;
  static guint serial;
  g_autofree char *url = g_strdup_printf ("https://example.org/%u", ++serial);
  g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, title);
  clipper_article_set_site_name (article, "Example");
  clipper_article_set_text (article, text);
  clipper_article_set_html (article, html);
  clipper_article_set_word_count (article, 300);
  clipper_article_set_read_state (article, state);
  clipper_article_set_starred (article, starred);
  clipper_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);

  if (tag != NULL)
    {
      const char *tags[] = { tag, NULL };

      clipper_store_tag_article (store, clipper_article_get_id (article), tags, &error);
      g_assert_no_error (error);
    }

  return clipper_article_get_id (article);
}

static inline gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@flag is TRUE or @seconds pass;
 * returns *@flag. */
static inline gboolean
wait_for (const gboolean *flag,
          guint           seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, deadline_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

/* Lets pending idles and a frame or two run. */
static inline void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, deadline_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
