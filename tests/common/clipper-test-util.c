/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-test"

#include "clipper-test-util.h"

#include "clipper-anchor.h"
#include "clipper-extractor.h"

#include <string.h>

#include <glib/gstdio.h>

const guint8 clipper_test_png_bytes[] = {
  0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
  0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
  0x42, 0x60, 0x82,
};
const gsize clipper_test_png_size = sizeof clipper_test_png_bytes;

char *
clipper_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

gboolean
clipper_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        clipper_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

char *
clipper_test_build_data_path (const char *module, const char *name)
{
  return g_build_filename (TEST_DATA_DIR, module, name, NULL);
}

char *
clipper_test_read_data (const char *module, const char *name, gsize *length)
{
  g_autofree char *path = clipper_test_build_data_path (module, name);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, &error));
  g_assert_no_error (error);
  return data;
}

ClipperStore *
clipper_test_open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  ClipperStore *store = clipper_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
clipper_test_library_set_up (ClipperTestLibrary *lib, gconstpointer data)
{
  const char *prgname = g_get_prgname ();
  g_autofree char *base = g_path_get_basename (prgname != NULL ? prgname : "clipper-test");
  g_autofree char *tmpl = g_strconcat (base, "-XXXXXX", NULL);

  lib->dir = clipper_test_make_tmp_dir (tmpl);
  lib->db_path = g_build_filename (lib->dir, "library.db", NULL);
  lib->store = clipper_test_open_store (lib->db_path);
}

void
clipper_test_library_tear_down (ClipperTestLibrary *lib, gconstpointer data)
{
  g_clear_object (&lib->store);
  clipper_test_remove_tree (lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->db_path, g_free);
}

gint64
clipper_test_add_highlight (ClipperStore *store, gint64 article_id, const char *quote, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = clipper_store_get_article (store, article_id, &error);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (ClipperAnchorText) text = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *body, *at;
  gint64 start;

  g_assert_no_error (error);
  body = clipper_article_get_text (article);
  at = strstr (body, quote);
  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (body, at);
  text = clipper_anchor_text_new (body);
  clipper_anchor_text_context (text, start, start + g_utf8_strlen (quote, -1), &prefix, &suffix);

  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_prefix (h, prefix);
  clipper_highlight_set_suffix (h, suffix);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_anchored (h, TRUE);
  g_assert_true (clipper_store_add_highlight (store, h, &error));
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

gint64
clipper_test_add_sectioned_article (ClipperStore *store, const char *url, const char *lead)
{
  g_autoptr (GString) page = g_string_new ("<html><head><title>Notes on notes</title></head><body><article>");
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autoptr (ClipperExtraction) extraction = NULL;
  g_autoptr (GError) error = NULL;

  g_string_append (page, lead);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (page, "<p>Paragraph %u goes on about notes, with enough words in it to be taken for "
                                  "the text of an article by the extractor, and then a few more.</p>", i);
  g_string_append (page, "<h2 id=\"sec2\">Second section</h2><p>The second section begins here.</p>");
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (page, "<p>Paragraph %u of the second section, as long as those of the first, "
                                  "so that the page scrolls well past its place.</p>", i);
  g_string_append (page, "</article></body></html>");
  extraction = clipper_extract (page->str, page->len, url, &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, url);
  clipper_article_set_title (article, "Notes on notes");
  clipper_article_set_html (article, extraction->html);
  clipper_article_set_text (article, extraction->text);
  clipper_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  return clipper_article_get_id (article);
}

ClipperHighlight *
clipper_test_get_highlight (ClipperStore *store, gint64 id)
{
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h = clipper_store_get_highlight (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

void
clipper_test_keep_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
clipper_test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
clipper_test_run_clear (ClipperTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
clipper_test_corpus_pages (void)
{
  const char *shared = g_getenv ("CLIPPER_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *pages;
  const char *name;

  if (shared != NULL)
    corpus = g_build_filename (shared, "corpus", "readability-test-pages", NULL);
  if (corpus == NULL || (dir = g_dir_open (corpus, 0, NULL)) == NULL)
    {
      g_test_skip ("the shared corpus is not here ($CLIPPER_SHARED_DIR/corpus/readability-test-pages)");
      return NULL;
    }
  pages = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (pages, g_build_filename (corpus, name, NULL));
  g_ptr_array_sort (pages, compare_paths);
  return pages;
}

gboolean
clipper_test_skip_without_cli (void)
{
  if (g_getenv ("CLIPPER_CLI") != NULL)
    return FALSE;
  g_test_skip ("CLIPPER_CLI is not set (run through meson test)");
  return TRUE;
}

/* What a stream held, as a string; checked to be UTF-8, as everything
 * clipper-cli prints must be. */
static char *
dup_output_text (GBytes *bytes, const char *stream)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!g_utf8_validate (size > 0 ? data : "", (gssize) size, NULL))
    g_error ("clipper-cli printed bytes that are not UTF-8 on %s", stream);
  return g_strndup (size > 0 ? data : "", size);
}

void
clipper_test_run_cli (ClipperTestRun              *run,
                      const ClipperTestCliOptions *options,
                      const char *const           *args)
{
  static const ClipperTestCliOptions defaults = { 0 };
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GBytes) err = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *stdin_path = NULL;
  const char *cli = g_getenv ("CLIPPER_CLI");
  const char *command = args[0] != NULL ? args[0] : "";
  int fd;

  /* A run reused for a second command: the first one's output goes
   * (test_bulk() ran two commands in one g_auto run, and LeakSanitizer
   * failed the CLI test under CI's ASan build). */
  clipper_test_run_clear (run);

  g_assert_nonnull (cli);
  if (options == NULL)
    options = &defaults;

  g_ptr_array_add (argv, (gpointer) cli);
  if (options->db_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) options->db_path);
    }
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* stdin from a file, not a pipe: clipper-cli stops reading a note past
   * its size limit, and the rest of a pipe would fail to write (EPIPE).
   * An empty file when there is no input, so a command that reads stdin
   * when it should not sees end of file rather than the test's own. */
  {
    gsize size = 0;
    const char *data = options->input != NULL ? g_bytes_get_data (options->input, &size) : "";

    fd = g_file_open_tmp ("clipper-test-stdin-XXXXXX", &stdin_path, &error);
    g_assert_no_error (error);
    g_close (fd, NULL);
    g_file_set_contents (stdin_path, size > 0 ? data : "", (gssize) size, &error);
    g_assert_no_error (error);
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  }
  if (options->cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, options->cwd);
  if (options->child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, options->child_setup, NULL, NULL);

  /* The caller's own library must not stand in for a missing --db, and
   * debug messages would break the checks on what stderr says. */
  g_subprocess_launcher_unsetenv (launcher, "CLIPPER_DB");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  for (gsize i = 0; options->env != NULL && options->env[i] != NULL; i++)
    {
      const char *eq = strchr (options->env[i], '=');

      if (eq != NULL)
        {
          g_autofree char *name = g_strndup (options->env[i], (gsize) (eq - options->env[i]));
          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
      else
        g_subprocess_launcher_unsetenv (launcher, options->env[i]);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_unlink (stdin_path);

  /* A signal (a crash, an abort from a sanitizer) is never acceptable. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("clipper-cli %s did not exit normally; stderr: %.*s", command,
             (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));

  run->status = g_subprocess_get_exit_status (process);
  run->out = dup_output_text (out, "stdout");
  run->err = dup_output_text (err, "stderr");
  g_test_message ("clipper-cli %s → %d\nstdout: %s\nstderr: %s", command, run->status, run->out,
                  run->err);
}

gint64
clipper_test_parse_id (const char *out)
{
  g_autofree char *digits = NULL;
  g_autoptr (GError) error = NULL;
  guint64 id = 0;

  g_assert_true (g_str_has_suffix (out, "\n"));
  digits = g_strndup (out, strlen (out) - 1);
  g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, &error);
  g_assert_no_error (error);
  return (gint64) id;
}

JsonNode *
clipper_test_parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
