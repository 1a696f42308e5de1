/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-fetch: figures for the fetch layer, printed, not asserted.
 *
 *   charset decoding throughput (UTF-8, windows-1252, Shift_JIS, UTF-16)
 *   fetching over loopback from a SoupServer on its own thread
 *   saving (fetch → extract → 4 images → store) into a temporary library
 *
 * Usage: bench-fetch [ROUNDS]   (default 20)
 */
#define G_LOG_DOMAIN "clipper-bench"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-charset.h"
#include "clipper-fetcher.h"
#include "clipper-saver.h"
#include "clipper-store.h"

static const guint8 png_bytes[] = {
  0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
  0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
  0x42, 0x60, 0x82,
};

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  guint         port;
  GMutex        lock;
  GCond         cond;
  GBytes       *article;    /* /article?n */
  GBytes       *big;        /* /big */
} Server;

static void
handle (SoupServer *soup_server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Server *server = data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_has_prefix (path, "/img/"))
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, (const char *) png_bytes,
                                      sizeof png_bytes);
  else if (strcmp (path, "/big") == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type", "text/html");
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->big);
    }
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type",
                                    "text/html; charset=utf-8");
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->article);
    }
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handle, server, NULL);
  if (!soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL))
    g_error ("cannot listen on 127.0.0.1");
  uris = soup_server_get_uris (server->server);
  g_mutex_lock (&server->lock);
  server->port = g_uri_get_port (uris->data);
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_stats (const char *what, GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-44s median %8.2f ms   p95 %8.2f ms   (%u runs)\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint) (ms->len * 0.95))), ms->len);
}

static void
bench_charset (const char *label, const char *charset, const char *unit, gsize unit_len, gsize total)
{
  g_autoptr(GByteArray) data = g_byte_array_sized_new (total + unit_len);
  gint64 start;
  double seconds;
  gsize out_len = 0;
  g_autofree char *sniffed = NULL;
  char *text;

  while (data->len < total)
    g_byte_array_append (data, (const guint8 *) unit, unit_len);

  start = g_get_monotonic_time ();
  sniffed = clipper_charset_sniff (data->data, data->len, NULL, NULL);
  text = clipper_charset_to_utf8 (data->data, data->len, charset, &out_len);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("%-44s %8.1f MB/s   (%.1f MB in, %.1f MB out, sniffed %s)\n", label,
           data->len / (1024.0 * 1024.0) / seconds, data->len / (1024.0 * 1024.0),
           out_len / (1024.0 * 1024.0), sniffed);
  g_free (text);
}

int
main (int argc, char **argv)
{
  Server server = { 0 };
  g_autoptr(GString) article = g_string_new ("<!DOCTYPE html><html><head><meta charset=utf-8>"
                                             "<title>Bench</title><meta name=author content=\"B. Ench\">"
                                             "</head><body><article><h1>Bench</h1>");
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(ClipperStore) store = NULL;
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 20;

  if (rounds == 0)
    rounds = 20;

  g_print ("charset decoding\n");
  bench_charset ("  UTF-8 (validate + copy)", "UTF-8", "caf\xc3\xa9 na\xc3\xafve \xe2\x82\xac text ", 22,
                 16 * 1024 * 1024);
  bench_charset ("  windows-1252", "WINDOWS-1252", "caf\xe9 na\xefve \x80 text \x93q\x94 ", 24,
                 16 * 1024 * 1024);
  bench_charset ("  Shift_JIS", "CP932", "\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67 ", 17,
                 16 * 1024 * 1024);
  bench_charset ("  UTF-16LE", "UTF-16LE", "h\0\xe9\0l\0l\0o\0 \0", 12, 16 * 1024 * 1024);

  /* A ~100 KB article with four images. */
  for (int i = 0; article->len < 100 * 1024; i++)
    {
      g_string_append (article, "<p>Paragraph of the benchmark article, long enough to look like prose "
                                "that someone would want to read later, with a few more words.</p>\n");
      if (i % 150 == 0)
        g_string_append_printf (article, "<img src=\"/img/%d.png\">", i / 150);
    }
  g_string_append (article, "</article></body></html>");

  server.article = g_bytes_new (article->str, article->len);
  {
    gsize big_len = 20 * 1024 * 1024 - 1024;
    char *big = g_malloc (big_len);

    for (gsize i = 0; i < big_len; i++)
      big[i] = i % 80 == 79 ? '\n' : 'a' + i % 26;
    memcpy (big, "<!DOCTYPE html>", 15);
    server.big = g_bytes_new_take (big, big_len);
  }
  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  server.thread = g_thread_new ("bench-server", server_thread, &server);
  g_mutex_lock (&server.lock);
  while (server.port == 0)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);

  g_print ("\nfetching over loopback\n");
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/article", server.port);

    for (guint i = 0; i < rounds; i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, url, NULL, &error);
        double t = (g_get_monotonic_time () - start) / 1000.0;

        if (result == NULL)
          g_error ("%s", error->message);
        g_array_append_val (ms, t);
      }
    print_stats ("  100 KB page (sync)", ms);
  }
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/big", server.port);

    for (guint i = 0; i < MIN (rounds, 5u); i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, url, NULL, &error);
        double t = (g_get_monotonic_time () - start) / 1000.0;

        if (result == NULL)
          g_error ("%s", error->message);
        g_array_append_val (ms, t);
      }
    print_stats ("  20 MB page, just under the cap (sync)", ms);
  }

  g_print ("\nsaving (fetch, extract, 4 images, store)\n");
  dir = g_dir_make_tmp ("bench-fetch-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "library.db", NULL);
  store = clipper_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < rounds; i++)
      {
        g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/article?%u", server.port, i);
        gint64 start = g_get_monotonic_time ();
        gint64 id = 0;
        double t;

        if (!clipper_saver_save_sync (store, fetcher, url, NULL, NULL, NULL, NULL, &id, NULL, &error))
          g_error ("%s", error->message);
        t = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (ms, t);
      }
    print_stats ("  100 KB article with 4 images", ms);
  }

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }

  g_main_context_invoke (server.context, quit_loop, server.loop);
  g_thread_join (server.thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_bytes_unref (server.article);
  g_bytes_unref (server.big);
  return 0;
}
