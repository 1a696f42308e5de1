/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the reader takes from clipper_reader_view_load_article() to the
 * article painted ("article-ready": load finished, highlights painted, one
 * requestAnimationFrame round trip), for a 10,000-word article with no
 * highlights and with 500.  Prints the figures (docs/reader.md quotes them);
 * the assertions only catch a reader that became unusably slow, and that
 * every one of the 500 highlights is painted.
 */
#define G_LOG_DOMAIN "clipper-reader-test"

#include "reader-test-util.h"

#define N_WORDS 10000
#define N_HIGHLIGHTS 500
#define N_RUNS 7

static const char *words[] = {
  "reading", "long", "articles", "on", "a", "screen", "is", "easier", "when", "the",
  "text", "set", "with", "care", "comfortable", "measure", "generous", "leading", "and", "typeface",
};

static gint64
add_long_article (ReaderFixture *fixture,
                  const char    *title)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  while (n < N_WORDS)
    {
      g_autoptr(GString) para = g_string_new (NULL);
      for (guint i = 0; i < 100 && n < N_WORDS; i++, n++)
        {
          if (i > 0)
            g_string_append_c (para, ' ');
          g_string_append (para, words[(n * 7 + i) % G_N_ELEMENTS (words)]);
          if (i % 17 == 16)
            g_string_append_c (para, '.');
        }
      g_string_append_c (para, '.');
      if (n % 1000 == 0)
        {
          g_string_append_printf (html, "<h2>Part %u</h2>", n / 1000);
          g_string_append_printf (text, "Part %u", n / 1000);
        }
      g_string_append_printf (html, "<p>%s</p>", para->str);
      g_string_append (text, para->str);
    }
  return reader_fixture_add_article (fixture, title, html->str, text->str);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return da < db ? -1 : da > db;
}

/* Opens @id N_RUNS times (switching to @other in between, so that every
 * open is a real page load) and returns the median time to painted. */
static double
median_open_ms (ReaderFixture *fixture,
                gint64         id,
                gint64         other,
                double        *out_first)
{
  double runs[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      reader_fixture_open (fixture, id);
      runs[i] = fixture->ready_ms;
      if (i == 0 && out_first != NULL)
        *out_first = runs[i];
      reader_fixture_open (fixture, other);
    }
  qsort (runs, N_RUNS, sizeof (double), compare_doubles);
  return runs[N_RUNS / 2];
}

static void
test_perf_open (ReaderFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *painted = NULL;
  gint64 plain, marked, small;
  double first = 0, plain_ms, marked_ms;
  gint64 length;
  const char *text;

  small = reader_fixture_add_article (fixture, "Small", "<p>A short one.</p>", "A short one.");
  plain = add_long_article (fixture, "Ten thousand words");
  marked = add_long_article (fixture, "Ten thousand words, 500 highlights");

  article = clipper_store_get_article (fixture->store, marked, &error);
  g_assert_no_error (error);
  text = clipper_article_get_text (article);
  length = g_utf8_strlen (text, -1);
  clipper_store_begin (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_HIGHLIGHTS; i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
      gint64 start = (length - 60) * i / N_HIGHLIGHTS;
      gint64 end = start + 20 + i % 40;
      g_autofree char *quote = g_utf8_substring (text, start, end);

      clipper_highlight_set_article_id (h, marked);
      clipper_highlight_set_color (h, clipper_highlight_colors ()[i % 5]);
      clipper_highlight_set_quote (h, quote);
      clipper_highlight_set_range (h, start, end);
      clipper_highlight_set_anchored (h, TRUE);
      if (i % 3 == 0)
        clipper_highlight_set_note (h, "A note.");
      clipper_store_add_highlight (fixture->store, h, &error);
      g_assert_no_error (error);
    }
  clipper_store_commit (fixture->store, &error);
  g_assert_no_error (error);

  /* The very first load also starts the web process. */
  reader_fixture_open (fixture, small);
  g_test_message ("first page of the process (web process start): %.1f ms", fixture->ready_ms);

  plain_ms = median_open_ms (fixture, plain, small, &first);
  g_test_message ("10,000 words, no highlights: median %.1f ms over %d opens (first %.1f ms)", plain_ms, N_RUNS, first);
  marked_ms = median_open_ms (fixture, marked, small, &first);
  g_test_message ("10,000 words, 500 highlights: median %.1f ms over %d opens (first %.1f ms)", marked_ms, N_RUNS, first);
  g_print ("# reader-open-10k-words-ms %.1f\n# reader-open-10k-words-500-highlights-ms %.1f\n", plain_ms, marked_ms);

  /* With the side panel open it is filled right after the article is
   * painted; time until the main loop is free again, too. */
  clipper_reader_view_set_panel_visible (fixture->view, TRUE);
  {
    double painted_runs[N_RUNS], idle_runs[N_RUNS];
    for (guint i = 0; i < N_RUNS; i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        reader_fixture_open (fixture, marked);
        painted_runs[i] = fixture->ready_ms;
        /* The panel fills and lays out on the next frame. */
        gtk_widget_queue_allocate (GTK_WIDGET (fixture->view));
        while (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) && g_main_context_pending (NULL) &&
               (g_get_monotonic_time () - t0) < 5 * G_USEC_PER_SEC)
          g_main_context_iteration (NULL, FALSE);
        idle_runs[i] = (g_get_monotonic_time () - t0) / 1000.0;
        reader_fixture_open (fixture, small);
      }
    qsort (painted_runs, N_RUNS, sizeof (double), compare_doubles);
    qsort (idle_runs, N_RUNS, sizeof (double), compare_doubles);
    g_test_message ("10,000 words, 500 highlights, panel open: painted median %.1f ms, main loop idle again (panel laid out) median %.1f ms",
                    painted_runs[N_RUNS / 2], idle_runs[N_RUNS / 2]);
    g_assert_cmpfloat (painted_runs[N_RUNS / 2], <, 2000);
  }

  reader_fixture_open (fixture, marked);
  painted = reader_eval (fixture, "clipper",
                         "new Set(Array.from(document.querySelectorAll('mark.clipper-hl')).map(m => m.dataset.id)).size");
  g_assert_cmpstr (painted, ==, G_STRINGIFY (N_HIGHLIGHTS));

  /* Far above the targets (150 ms): only a broken reader is this slow. */
  g_assert_cmpfloat (plain_ms, <, 2000);
  g_assert_cmpfloat (marked_ms, <, 2000);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  reader_test_init_env (&argc, &argv);
  g_test_add ("/reader/perf/open", ReaderFixture, NULL, reader_fixture_setup, test_perf_open, reader_fixture_teardown);
  status = g_test_run ();
  reader_test_cleanup_env ();
  return status;
}
