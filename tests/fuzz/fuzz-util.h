/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the libFuzzer targets share: warnings that abort, and a library of
 * its own (a real SQLite file, gone when the run ends) holding the article
 * of the seed files in tests/data/export/ with its two highlights, so that
 * mutations of those files reach the paths that update a highlight, add
 * one and place one again on the library's text.
 *
 * Everything here is static: the file is included by each target.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "clipper-store.h"

static ClipperStore *fuzz_store;
static char *fuzz_store_dir;

/* A critical or a warning is a bug the fuzzer must report: abort (which
 * libFuzzer catches and saves) rather than GLib's breakpoint trap.  Debug
 * and info messages follow G_MESSAGES_DEBUG as usual (printing them for
 * every input only slows the run). */
static G_GNUC_UNUSED GLogWriterOutput
fuzz_fatal_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) &&
      g_log_writer_default_would_drop (level, NULL))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static G_GNUC_UNUSED void
fuzz_remove_store (void)
{
  static const char *const names[] = { "library.db", "library.db-wal", "library.db-shm" };

  g_clear_object (&fuzz_store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (fuzz_store_dir, names[i], NULL);

      g_unlink (file);
    }
  g_rmdir (fuzz_store_dir);
  g_clear_pointer (&fuzz_store_dir, g_free);
}

static G_GNUC_UNUSED void
fuzz_add_highlight (gint64 article_id, const char *uuid, const char *color, const char *quote, gint64 start,
                    const char *note)
{
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;

  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, color);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_created_at (h, 1700000000);
  clipper_highlight_set_updated_at (h, 1700000000);
  if (!clipper_store_add_highlight (fuzz_store, h, &error))
    g_error ("cannot set up the library: %s", error->message);
}

/* Installs the writer and opens the library (in a new folder named after
 * @name), with the seed files' article and highlights. */
static G_GNUC_UNUSED void
fuzz_setup_library (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
  g_autofree char *path = NULL;
  const char *text = "Notes on escaping: the quick brown fox, jumps over the lazy dog & cat. "
                     "1. Not a list. Code x and [brackets] stay text.";

  g_log_set_writer_func (fuzz_fatal_writer, NULL, NULL);
  fuzz_store_dir = g_dir_make_tmp (template, &error);
  if (fuzz_store_dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (fuzz_store_dir, "library.db", NULL);
  fuzz_store = clipper_store_open (path, &error);
  if (fuzz_store == NULL)
    g_error ("%s", error->message);
  atexit (fuzz_remove_store);

  clipper_article_set_url (article, "https://example.com/posts/escaping?id=1");
  clipper_article_set_title (article, "Escaping: a \"test\" — #1");
  clipper_article_set_text (article, text);
  clipper_article_set_html (article, "<p>Notes</p>");
  if (!clipper_store_add_article (fuzz_store, article, NULL, &error))
    g_error ("cannot set up the library: %s", error->message);
  fuzz_add_highlight (clipper_article_get_id (article), "aaaaaaaa-1111-4111-8111-111111111111", "yellow",
                      "escaping: the quick brown fox", 9, "Why *this* matters:\n1. it's [exact]");
  fuzz_add_highlight (clipper_article_get_id (article), "bbbbbbbb-2222-4222-8222-222222222222", "purple",
                      "Code x and [brackets]", 86, NULL);
}
