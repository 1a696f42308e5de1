/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-export: how long exports and imports of a big library take, and
 * how much memory they need.  Prints a Markdown table; not a test.
 *
 *   bench-export [--articles N] [--highlights M] [--db FILE] [--moved N] [--no-json] [--keep]
 *
 * Without --db it builds a library of N articles with M highlights in a
 * temporary folder through the store API (about 600 characters of text an
 * article, a note on every third highlight, two tags an article).  Then:
 * vault export (first run), vault export again (nothing changed), with
 * --moved N the same after N files were moved into a sub-folder (as a user
 * does in Obsidian) and once more, the Markdown import of the vault (files
 * as Clipper left them), JSON export, JSON import into an empty library.
 * Peak RSS is measured per phase (the kernel's high-water mark is reset
 * between phases).
 */
#define G_LOG_DOMAIN "bench-export"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "clipper-import.h"
#include "clipper-json.h"
#include "clipper-markdown-import.h"
#include "clipper-markdown.h"
#include "clipper-test-util.h"

static const char *const words[] = {
  "library", "margin", "quiet", "river", "lantern", "harbour", "signal", "meadow", "copper", "window",
  "theory", "garden", "stone", "engine", "paper", "orbit", "winter", "folder", "thread", "canvas",
};

static void
reset_peak_rss (void)
{
  /* Give freed memory back first, or the last phase's heap counts too. */
  malloc_trim (0);
  /* "5" resets the peak resident set size (Linux 4.0+). */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  hwm = strstr (status, "VmHWM:");
  return hwm != NULL ? g_ascii_strtod (hwm + 6, NULL) / 1024.0 : 0;
}

static char *
make_text (guint seed)
{
  GString *s = g_string_new (NULL);
  guint32 x = seed * 2654435761u + 1;

  while (s->len < 600)
    {
      x = x * 1103515245u + 12345u;
      g_string_append (s, words[(x >> 16) % G_N_ELEMENTS (words)]);
      g_string_append (s, (x >> 8) % 11 == 0 ? ". " : " ");
    }
  return g_string_free (s, FALSE);
}

static gboolean
build_library (ClipperStore *store, guint n_articles, guint n_highlights, GError **error)
{
  static const char *const tags_pool[] = { "research", "to read", "history", "science", "design", "later" };
  guint per = n_articles > 0 ? n_highlights / n_articles : 0;
  guint extra = n_articles > 0 ? n_highlights % n_articles : 0;
  const char *const *colors = clipper_highlight_colors ();

  for (guint i = 0; i < n_articles; i++)
    {
      g_autoptr (ClipperArticle) a = clipper_article_new ();
      g_autofree char *url = g_strdup_printf ("https://bench.example/%u/article-%u", i % 97, i);
      g_autofree char *title = g_strdup_printf ("Article %u: the %s of %s", i, words[i % 20], words[(i / 20) % 20]);
      g_autofree char *text = make_text (i);
      g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);
      const char *tags[] = { tags_pool[i % 6], tags_pool[(i / 6) % 6], NULL };
      guint count = per + (i < extra ? 1 : 0);
      glong len = g_utf8_strlen (text, -1);

      if (i % 1000 == 0 && !clipper_store_begin (store, error))
        return FALSE;

      clipper_article_set_url (a, url);
      clipper_article_set_title (a, title);
      clipper_article_set_byline (a, "A. Writer");
      clipper_article_set_site_name (a, "Bench");
      clipper_article_set_excerpt (a, "A short summary of the article.");
      clipper_article_set_html (a, html);
      clipper_article_set_text (a, text);
      clipper_article_set_word_count (a, 90);
      clipper_article_set_saved_at (a, 1600000000 + i);
      clipper_article_set_tags (a, tags);
      if (!clipper_store_add_article (store, a, NULL, error))
        return FALSE;

      for (guint j = 0; j < count; j++)
        {
          g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
          gint64 start = (gint64) ((j * 37) % MAX (1, len - 40));
          g_autofree char *quote = g_utf8_substring (text, start, start + 30);
          g_autofree char *note = j % 3 == 0 ? g_strdup_printf ("Note %u on *this* passage", j) : NULL;

          clipper_highlight_set_article_id (h, clipper_article_get_id (a));
          clipper_highlight_set_color (h, colors[j % 5]);
          clipper_highlight_set_quote (h, quote);
          clipper_highlight_set_range (h, start, start + 30);
          clipper_highlight_set_note (h, note);
          clipper_highlight_set_created_at (h, 1600000000 + i);
          if (!clipper_store_add_highlight (store, h, error))
            return FALSE;
        }

      if ((i % 1000 == 999 || i + 1 == n_articles) && !clipper_store_commit (store, error))
        return FALSE;
    }
  return TRUE;
}

/* CPU seconds (user + system) so far: on a shared machine the wall clock
 * also counts other people's work. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double cpu_start;

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
row (const char *what, double seconds, double rss, const char *note)
{
  double cpu = cpu_seconds ();

  g_print ("| %-40s | %8.2f | %8.2f | %8.0f | %s |\n", what, seconds, cpu - cpu_start, rss, note);
  cpu_start = cpu;
}

/* Moves the first @n files of @vault (in name order) into Reading/2026/,
 * as a user sorting notes in Obsidian would.  Returns how many moved. */
static guint
move_files (const char *vault, guint n, GError **error)
{
  g_autofree char *sub = g_build_filename (vault, "Reading", "2026", NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (vault, 0, error);
  const char *name;
  guint moved = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_mkdir_with_parents (sub, 0755);
  for (guint i = 0; i < names->len && moved < n; i++)
    {
      g_autofree char *from = g_build_filename (vault, g_ptr_array_index (names, i), NULL);
      g_autofree char *to = g_build_filename (sub, g_ptr_array_index (names, i), NULL);

      if (g_rename (from, to) == 0)
        moved++;
    }
  return moved;
}

/* One vault export, timed, printed as the row @what. */
static gboolean
time_vault_export (ClipperStore *store, const char *vault, const char *what, GError **error)
{
  ClipperVaultStats stats = { 0 };
  g_autofree char *note = NULL;
  gint64 t0;

  reset_peak_rss ();
  t0 = g_get_monotonic_time ();
  if (!clipper_markdown_export_vault (store, vault, NULL, &stats, NULL, NULL, NULL, error))
    return FALSE;
  note = g_strdup_printf ("%u written, %u unchanged, %u found moved, %u files searched", stats.written,
                          stats.unchanged, stats.moved, stats.scanned);
  row (what, (g_get_monotonic_time () - t0) / 1e6, peak_rss_mb (), note);
  return TRUE;
}

/* Imports @json_path into @store and prints the row @what. */
static gboolean
time_import (ClipperStore *store, const char *json_path, const char *what, GError **error)
{
  g_autoptr (ClipperImportResult) imported = NULL;
  g_autofree char *note = NULL;
  gint64 t0;

  reset_peak_rss ();
  t0 = g_get_monotonic_time ();
  imported = clipper_import_file (store, json_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, error);
  if (imported == NULL)
    return FALSE;
  note = clipper_import_result_summary (imported);
  row (what, (g_get_monotonic_time () - t0) / 1e6, peak_rss_mb (), note);
  return TRUE;
}

int
main (int argc, char **argv)
{
  gint n_articles = 100000, n_highlights = 1000000, n_moved = 0;
  g_autofree char *db = NULL;
  gboolean keep = FALSE, no_json = FALSE;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "Articles to build (default 100000)", "N" },
    { "highlights", 0, 0, G_OPTION_ARG_INT, &n_highlights, "Highlights to build (default 1000000)", "M" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Use this library instead of building one", "FILE" },
    { "moved", 0, 0, G_OPTION_ARG_INT, &n_moved, "Move N files into a sub-folder, then export again", "N" },
    { "no-json", 0, 0, G_OPTION_ARG_NONE, &no_json, "Only the vault's phases (no JSON export and import)", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time exports and imports");
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (ClipperStore) empty = NULL;
  g_autoptr (GFile) json_file = NULL;
  g_autoptr (GFileOutputStream) json_out = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *vault = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *note = NULL;
  ClipperVaultStats stats = { 0 };
  guint articles = 0, highlights = 0;
  GStatBuf st;
  gint64 t0;
  double secs;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("clipper-bench-export-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  vault = g_build_filename (dir, "vault", NULL);
  json_path = g_build_filename (dir, "library.json", NULL);
  empty_path = g_build_filename (dir, "imported.db", NULL);

  g_print ("| step | wall s | CPU s | peak RSS MB | notes |\n|---|---:|---:|---:|---|\n");

  if (db == NULL)
    {
      db = g_build_filename (dir, "library.db", NULL);
      store = clipper_store_open (db, &error);
      reset_peak_rss ();
      cpu_start = cpu_seconds ();
      t0 = g_get_monotonic_time ();
      if (store == NULL || !build_library (store, (guint) n_articles, (guint) n_highlights, &error))
        goto fail;
      note = g_strdup_printf ("%d articles, %d highlights (store API)", n_articles, n_highlights);
      row ("build library", (g_get_monotonic_time () - t0) / 1e6, peak_rss_mb (), note);
    }
  else
    {
      store = clipper_store_open (db, &error);
      if (store == NULL)
        goto fail;
    }
  cpu_start = cpu_seconds ();

  reset_peak_rss ();
  t0 = g_get_monotonic_time ();
  if (!clipper_markdown_export_vault (store, vault, NULL, &stats, NULL, NULL, NULL, &error))
    goto fail;
  secs = (g_get_monotonic_time () - t0) / 1e6;
  g_clear_pointer (&note, g_free);
  note = g_strdup_printf ("%u files, %u highlights", stats.written, stats.highlights);
  row ("vault export, first run", secs, peak_rss_mb (), note);

  if (!time_vault_export (store, vault, "vault export, unchanged re-run", &error))
    goto fail;

  if (n_moved > 0)
    {
      guint moved = move_files (vault, (guint) n_moved, &error);
      g_autofree char *what = g_strdup_printf ("vault export, %u files moved", moved);

      if (error != NULL)
        goto fail;
      cpu_start = cpu_seconds ();
      if (!time_vault_export (store, vault, what, &error)
          || !time_vault_export (store, vault, "vault export, unchanged after the move", &error))
        goto fail;
    }

  {
    g_autoptr (ClipperImportResult) imported = NULL;

    reset_peak_rss ();
    t0 = g_get_monotonic_time ();
    imported = clipper_markdown_import (store, vault, NULL, NULL, NULL, NULL, &error);
    if (imported == NULL)
      goto fail;
    secs = (g_get_monotonic_time () - t0) / 1e6;
    g_clear_pointer (&note, g_free);
    note = g_strdup_printf ("%u files read, %u skipped, %u notes updated", imported->files_read,
                            imported->files_skipped, imported->notes_updated);
    row ("vault import (Markdown), untouched", secs, peak_rss_mb (), note);
  }

  if (no_json)
    goto done;

  reset_peak_rss ();
  t0 = g_get_monotonic_time ();
  json_file = g_file_new_for_path (json_path);
  json_out = g_file_replace (json_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (json_out == NULL)
    goto fail;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (json_out), 256 * 1024);
  if (!clipper_json_export (store, buffered, NULL, &articles, &highlights, NULL, NULL, NULL, &error)
      || !g_output_stream_close (buffered, NULL, &error))
    goto fail;
  secs = (g_get_monotonic_time () - t0) / 1e6;
  g_stat (json_path, &st);
  g_clear_pointer (&note, g_free);
  note = g_strdup_printf ("%u articles, %u annotations, %.0f MB", articles, highlights, st.st_size / 1048576.0);
  row ("JSON export", secs, peak_rss_mb (), note);

  empty = clipper_store_open (empty_path, &error);
  if (empty == NULL || !time_import (empty, json_path, "JSON import into an empty library", &error))
    goto fail;
  /* The same file again: every article and highlight is there already
   * (each article's text is compared with the export's). */
  if (!time_import (empty, json_path, "JSON import again (all there)", &error))
    goto fail;

done:
  g_clear_object (&store);
  g_clear_object (&empty);
  if (keep)
    g_printerr ("bench-export: kept %s\n", dir);
  else
    clipper_test_remove_tree (dir);
  return 0;

fail:
  g_printerr ("bench-export: %s\n", error != NULL ? error->message : "failed");
  g_clear_object (&store);
  if (!keep)
    clipper_test_remove_tree (dir);
  return 1;
}
