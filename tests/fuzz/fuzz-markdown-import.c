/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the import of Clipper's Markdown: a vault's files
 * are edited by people and by other tools, so any bytes go in.  Nothing may
 * crash, leak, hang or raise a warning; the import fails only when the
 * store does (never for what the file holds); every file is either read or
 * skipped, and a broken one is named.  The library holds the article of
 * the seed file (tests/data/export/article.md) with its two highlights, so
 * mutations of that file reach the paths that update a highlight, add a
 * hand-written quote and match block ids; each input's changes are rolled
 * back.
 */
#define G_LOG_DOMAIN "fuzz-markdown-import"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-markdown-import.h"
#include "clipper-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static ClipperStore *store;
static char *store_dir;

/* The library is a file of its own, gone when the run ends. */
static void
remove_store (void)
{
  static const char *const names[] = { "library.db", "library.db-wal", "library.db-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (store_dir, names[i], NULL);

      g_unlink (file);
    }
  g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

/* A critical or a warning is a bug the fuzzer must report: abort (which
 * libFuzzer catches and saves) rather than GLib's breakpoint trap. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) &&
      g_log_writer_default_would_drop (level, NULL))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static void
add_highlight (gint64 article_id, const char *uuid, const char *color, const char *quote, gint64 start,
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
  if (!clipper_store_add_highlight (store, h, &error))
    g_error ("cannot set up the library: %s", error->message);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autofree char *path = NULL;
  const char *text = "Notes on escaping: the quick brown fox, jumps over the lazy dog & cat. "
                     "1. Not a list. Code x and [brackets] stay text.";

  g_log_set_writer_func (fatal_writer, NULL, NULL);
  store_dir = g_dir_make_tmp ("fuzz-markdown-import-XXXXXX", &error);
  if (store_dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (store_dir, "library.db", NULL);
  store = clipper_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  atexit (remove_store);

  clipper_article_set_url (article, "https://example.com/posts/escaping?id=1");
  clipper_article_set_title (article, "Escaping: a \"test\" — #1");
  clipper_article_set_text (article, text);
  clipper_article_set_html (article, "<p>Notes</p>");
  if (!clipper_store_add_article (store, article, NULL, &error))
    g_error ("cannot set up the library: %s", error->message);
  add_highlight (clipper_article_get_id (article), "aaaaaaaa-1111-4111-8111-111111111111", "yellow",
                 "escaping: the quick brown fox", 9, "Why *this* matters:\n1. it's [exact]");
  add_highlight (clipper_article_get_id (article), "bbbbbbbb-2222-4222-8222-222222222222", "purple",
                 "Code x and [brackets]", 86, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(ClipperImportResult) result = clipper_import_result_new ();
  g_autoptr(GError) error = NULL;
  /* The importer is given a length, but the file is read as a C string
   * as files are: end it with a NUL beyond the length. */
  g_autofree char *contents = g_malloc (size + 1);
  g_autofree char *fingerprint = NULL;

  memcpy (contents, data, size);
  contents[size] = '\0';
  fingerprint = clipper_markdown_section_fingerprint (contents);

  if (!clipper_store_begin (store, &error))
    g_error ("%s", error->message);
  if (!clipper_markdown_import_text (store, "fuzz.md", contents, size, 1800000000, -1, FALSE, NULL, result,
                                     &error))
    {
      g_printerr ("fuzz-markdown-import: the import failed: %s\n", error->message);
      abort ();
    }
  clipper_store_rollback (store);

  /* A file is read or skipped, and a broken one is named. */
  if (result->files_read + result->files_skipped != 1 || result->broken_files->len > result->files_skipped)
    abort ();
  for (guint i = 0; i < result->notices->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (result->notices, i), -1, NULL))
      abort ();
  return 0;
}
