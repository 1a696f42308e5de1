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
#include <stdlib.h>
#include <string.h>

#include "clipper-charset.h"
#include "clipper-fetcher.h"
#include "clipper-saver.h"
#include "clipper-store.h"
#include "clipper-test-server.h"
#include "clipper-test-util.h"

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
  g_autoptr(ClipperTestServer) server = NULL;
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
  bench_charset ("  windows-1252", "WINDOWS-1252", "caf\xe9 na\xefve \x80 text \x93q\x94 ", 22,
                 16 * 1024 * 1024);
  bench_charset ("  Shift_JIS", "CP932", "\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67 ", 17,
                 16 * 1024 * 1024);
  bench_charset ("  UTF-16LE", "UTF-16LE", "h\0\xe9\0l\0l\0o\0 \0", 12, 16 * 1024 * 1024);

  /* A ~100 KB article with four images, and a page just under the fetcher's cap. */
  server = clipper_test_server_new ();
  for (int i = 0; article->len < 100 * 1024; i++)
    {
      g_string_append (article, "<p>Paragraph of the benchmark article, long enough to look like prose "
                                "that someone would want to read later, with a few more words.</p>\n");
      if (i % 150 == 0)
        {
          g_autofree char *img = g_strdup_printf ("/img/%d.png", i / 150);

          g_string_append_printf (article, "<img src=\"%s\">", img);
          clipper_test_server_add (server, img, 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
        }
    }
  g_string_append (article, "</article></body></html>");
  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", article->str, article->len);
  {
    gsize big_len = 20 * 1024 * 1024 - 1024;
    g_autofree char *big = g_malloc (big_len);

    for (gsize i = 0; i < big_len; i++)
      big[i] = i % 80 == 79 ? '\n' : 'a' + i % 26;
    memcpy (big, "<!DOCTYPE html>", 15);
    clipper_test_server_add (server, "/big", 200, "text/html", big, big_len);
  }

  g_print ("\nfetching over loopback\n");
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *url = clipper_test_server_url (server, "/article");

    for (guint i = 0; i < rounds; i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
        double t = (g_get_monotonic_time () - start) / 1000.0;

        if (result == NULL)
          g_error ("%s", error->message);
        g_array_append_val (ms, t);
      }
    print_stats ("  100 KB page (sync)", ms);
  }
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *url = clipper_test_server_url (server, "/big");

    for (guint i = 0; i < MIN (rounds, 5u); i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
        double t = (g_get_monotonic_time () - start) / 1000.0;

        if (result == NULL)
          g_error ("%s", error->message);
        g_array_append_val (ms, t);
      }
    print_stats ("  20 MB page, just under the cap (sync)", ms);
  }

  g_print ("\nsaving (fetch, extract, 4 images, store)\n");
  dir = clipper_test_make_tmp_dir ("bench-fetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  store = clipper_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < rounds; i++)
      {
        g_autofree char *query = g_strdup_printf ("/article?%u", i);
        g_autofree char *url = clipper_test_server_url (server, query);
        gint64 start = g_get_monotonic_time ();
        double t;

        if (!clipper_saver_save_sync (store, fetcher, url, NULL, CLIPPER_SAVER_SAVE_NONE, NULL, NULL, NULL, NULL,
                                      &error))
          g_error ("%s", error->message);
        t = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (ms, t);
      }
    print_stats ("  100 KB article with 4 images", ms);
  }

  g_clear_object (&store);
  clipper_test_remove_tree (dir);
  return 0;
}
