/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-refetch-lock: how long a Fetch Again (clipper_saver_update_sync())
 * holds the library's write lock, seen from another connection, as the
 * app's is: the app cannot save a highlight or the reading position
 * meanwhile.  For articles of 100 KB, 0.5 MB and 1 MB of text (the
 * corpus's real articles end to end, each of their lines a paragraph,
 * served by a real SoupServer on 127.0.0.1), read halfway, fetched again
 * with tests/anchor/anchor-edits.h's light edits, and back, --rounds
 * times each.  Another connection (plain SQLite, no busy timeout) tries
 * BEGIN IMMEDIATE every 0.1 ms meanwhile; the longest stretch of "busy"
 * is the update's hold of the lock.  It prints, per size, the least, the
 * median and the longest hold of the updates, and what carrying the
 * reading position alone costs (clipper_reanchor_carry_position()).
 *
 * Without the corpus (../shared beside the project, or
 * $CLIPPER_SHARED_DIR) it says it skipped and exits 0.
 */
#define G_LOG_DOMAIN "bench-refetch-lock"

#include <sqlite3.h>
#include <stdio.h>

#include "clipper-reanchor.h"
#include "clipper-saver.h"

#include "../anchor/anchor-edits.h"
#include "../common/clipper-test-server.h"
#include "../common/clipper-test-util.h"
#include "bench-corpus.h"

typedef struct {
  const char *db_path;
  gint        stop;      /* atomic */
  gint64      longest;   /* µs, the longest busy stretch since reset */
  GMutex      lock;
} Watch;

/* Tries to take the write lock, again and again, and keeps the longest
 * time it could not. */
static gpointer
watch_lock (gpointer data)
{
  Watch *w = data;
  sqlite3 *db = NULL;
  gint64 busy_since = 0;

  if (sqlite3_open_v2 (w->db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", w->db_path, sqlite3_errmsg (db));
  while (!g_atomic_int_get (&w->stop))
    {
      int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      gint64 now = g_get_monotonic_time ();

      if (rc == SQLITE_OK)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          if (busy_since != 0)
            {
              g_mutex_lock (&w->lock);
              w->longest = MAX (w->longest, now - busy_since);
              g_mutex_unlock (&w->lock);
            }
          busy_since = 0;
        }
      else if (busy_since == 0)
        busy_since = now;
      g_usleep (100);
    }
  sqlite3_close (db);
  return NULL;
}

/* @text as a page: each of its lines that is not blank a paragraph. */
static char *
text_page (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *html = g_string_new ("<html><head><title>Long read</title></head><body><article><h1>Long read</h1>");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *escaped = NULL;

      if (*line == '\0')
        continue;
      escaped = g_markup_escape_text (line, -1);
      g_string_append_printf (html, "<p>%s</p>\n", escaped);
    }
  g_string_append (html, "</article></body></html>");
  return g_string_free (html, FALSE);
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
measure (GPtrArray *texts, gsize size, int rounds, ClipperTestServer *server, const char *dir)
{
  g_autoptr (GString) big = g_string_new (NULL);
  g_autofree gunichar *cps = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *page = NULL;
  g_autofree char *edited_page = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/long.html");
  g_autofree char *db_path = g_strdup_printf ("%s/library-%zu.db", dir, size);
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr (GArray) holds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) carries = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  Watch watch = { db_path, 0, 0 };
  GThread *thread;
  EditText et;
  glong n = 0;
  gint64 id = 0;
  ClipperSaveReport report;

  for (guint i = 0; big->len < size; i++)
    {
      const Text *t = g_ptr_array_index (texts, i % texts->len);

      g_string_append (big, t->text);
      g_string_append (big, "\n\n");
    }
  cps = g_utf8_to_ucs4_fast (big->str, -1, &n);
  edits_init (&et, cps, n, 1);
  edits_apply (&et, EDITS_LIGHT);
  edited = edits_dup_text (&et);
  edits_clear (&et);
  page = text_page (big->str);
  edited_page = text_page (edited);

  store = clipper_test_open_store (db_path);
  clipper_test_server_add (server, "/long.html", 200, "text/html", page, -1);
  if (!clipper_saver_save_sync (store, fetcher, url, NULL, CLIPPER_SAVER_SAVE_NONE, NULL, NULL, NULL, &report,
                                &error) ||
      !clipper_store_update_reading (store, (id = report.article_id), 0.5, TRUE, &error))
    g_error ("cannot save the article: %s", error->message);

  g_mutex_init (&watch.lock);
  thread = g_thread_new ("watch", watch_lock, &watch);
  for (int r = 0; r < rounds * 2; r++)
    {
      g_autoptr (ClipperArticle) before = clipper_store_get_article (store, id, &error);
      gint64 start, hold;

      clipper_test_server_add (server, "/long.html", 200, "text/html", r % 2 == 0 ? edited_page : page, -1);
      g_mutex_lock (&watch.lock);
      watch.longest = 0;
      g_mutex_unlock (&watch.lock);
      if (!clipper_saver_update_sync (store, fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL, NULL, &error))
        g_error ("cannot update the article: %s", error->message);
      /* The watcher's last try may be a little late. */
      g_usleep (2000);
      g_mutex_lock (&watch.lock);
      hold = watch.longest;
      g_mutex_unlock (&watch.lock);
      g_array_append_val (holds, hold);

      /* The position's carrying alone, as the update does it. */
      article = clipper_store_get_article (store, id, &error);
      start = g_get_monotonic_time ();
      clipper_reanchor_carry_position (clipper_article_get_text (before), clipper_article_get_text (article), 0.5);
      start = g_get_monotonic_time () - start;
      g_array_append_val (carries, start);
      g_clear_object (&article);
    }
  g_atomic_int_set (&watch.stop, 1);
  g_thread_join (thread);
  g_mutex_clear (&watch.lock);

  g_array_sort (holds, compare_gint64);
  g_array_sort (carries, compare_gint64);
  article = clipper_store_get_article (store, id, &error);
  /* The least is what the update costs; the others, what the machine's
   * other work (two cores shared) made of it. */
  g_print ("%7zu bytes of text (%ld code points), %u updates: write lock held %.1f ms at least, %.1f median, "
           "%.1f at most; the position's carrying alone %.1f ms at least, %.1f median\n",
           strlen (clipper_article_get_text (article)), g_utf8_strlen (clipper_article_get_text (article), -1),
           holds->len, g_array_index (holds, gint64, 0) / 1000.0, g_array_index (holds, gint64, holds->len / 2) / 1000.0,
           g_array_index (holds, gint64, holds->len - 1) / 1000.0, g_array_index (carries, gint64, 0) / 1000.0,
           g_array_index (carries, gint64, carries->len / 2) / 1000.0);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  gint rounds = 5;
  GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "The corpus (default: $CLIPPER_SHARED_DIR/corpus/readability-test-pages)", "DIR" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Updates there and back per size (default 5)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all_texts = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr (ClipperTestServer) server = NULL;
  const gsize sizes[] = { 100 * 1024, 512 * 1024, 1024 * 1024 };

  g_option_context_set_summary (context, "How long Fetch Again holds the library's write lock.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-refetch-lock: %s\n", error->message);
      return 2;
    }
  corpus = bench_corpus_dir ("bench-refetch-lock", dir);
  if (corpus == NULL)
    return 0;
  all_texts = load_texts (corpus, &error);
  texts = bench_articles (all_texts);
  if (texts->len == 0)
    {
      g_printerr ("bench-refetch-lock: no texts in '%s'\n", corpus);
      return 1;
    }

  server = clipper_test_server_new ();
  tmp = clipper_test_make_tmp_dir ("bench-refetch-lock-XXXXXX");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    measure (texts, sizes[i], rounds, server, tmp);
  clipper_test_remove_tree (tmp);
  return 0;
}
