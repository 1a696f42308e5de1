/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening an article in the reader, and where the time goes (a real
 * WebKitWebView, in-process, under Xvfb):
 *
 *   bench-reader [RUNS] [--panel]
 *
 * Articles of about 2,000, 10,000 and 20,000 words, each with 0, 50 and 250
 * highlights, are opened RUNS times (7 unless told; a short article in
 * between, so that every open is a real page load), and the medians are
 * printed, in ms from clipper_reader_view_load_article():
 *
 *   call      the call itself returns (the store read, the page queued)
 *   html      the page's last byte reached the web process (its Navigation
 *             Timing responseEnd)
 *   parsed    the page parsed (domContentLoadedEventStart)
 *   css       its style sheet's last byte ("-": from WebKit's memory cache)
 *   shown     the article's first paint (first-contentful-paint)
 *   marks     the highlights on screen: the first paint when the page
 *             script painted them before it, else "painted"
 *   finished  the load finished (WebKitWebView's load-changed FINISHED)
 *   painted   the page script's init() done after the load, and a frame
 *             ("article-ready", which the app waits for)
 *   window    the window's next frame drawn after that: the UI thread is
 *             free to show the page (with --panel, the side panel open,
 *             after its list of highlights was filled and laid out)
 *
 * then, from the page script's "ready" message, script: its time to wrap
 * the highlights in marks, and ops: the DOM operations that took (splits,
 * insertions, removals; "-" from a script that does not count them); and
 * layout: one whole style and layout of the painted article, forced
 * afterwards (the page's first layout costs about that; a paint after it
 * costs another).  The page's times are the web process's clock, taken to
 * ours through the wall clock (performance's timeOrigin), so they are good
 * to about a millisecond.  Last, how many of the opens had the marks in
 * their first paint.
 *
 * The text is real: pages of the shared corpus
 * ($CLIPPER_SHARED_DIR/corpus/readability-test-pages), extracted and joined
 * until each length is reached; without the corpus, made-up sentences
 * (said in the output).  Figures only: nothing fails on a slow machine.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "clipper-extractor.h"
#include "clipper-reader-view.h"
#include "clipper-store.h"

#define N_FIELDS 12

enum { CALL, HTML, PARSED, CSS, SHOWN, MARKS, FINISHED, PAINTED, WINDOW, SCRIPT, OPS, LAYOUT };

static const char *field_names[N_FIELDS] = {
  "call", "html", "parsed", "css", "shown", "marks", "finished", "painted", "window", "script", "ops", "layout",
};

typedef struct {
  ClipperReaderView *view;
  WebKitWebView     *web_view;
  gint64             t0;         /* monotonic, at the call */
  gint64             t0_real;    /* the same moment on the wall clock */
  double             finished_ms;
  gboolean           ready;
  double             ready_ms;
  double             frame_ms;   /* the window's first frame after "ready" */
  JsonObject        *message;    /* the page's "ready" */
} Bench;

static const char *made_up[] = {
  "Reading", "slowly", "is", "not", "a", "failure", "of", "attention", "but", "its", "exercise",
  "and", "the", "long", "article", "rewards", "those", "who", "return", "to", "a", "passage",
  "with", "a", "pencil", "in", "hand", "marking", "what", "surprised", "them", "what", "they",
  "doubted", "and", "what", "they", "want", "to", "keep", "for", "later", "when", "the",
  "argument", "has", "settled", "into", "memory",
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* Appends the shared corpus's extracted pages to @html and @text until
 * about @words words; FALSE when the corpus is not here. */
static gboolean
join_corpus (guint    words,
             GString *html,
             GString *text)
{
  const char *shared = g_getenv ("CLIPPER_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint total = 0;

  corpus = g_build_filename (shared != NULL ? shared : CLIPPER_SHARED_DIR, "corpus", "readability-test-pages", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && total < words * 9 / 10; i++)
    {
      g_autofree char *path = g_build_filename (corpus, g_ptr_array_index (names, i), "source.html", NULL);
      g_autofree char *url = g_strdup_printf ("https://example.org/%s/", (char *) g_ptr_array_index (names, i));
      g_autofree char *contents = NULL;
      g_autoptr(ClipperExtraction) extraction = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL) ||
          (extraction = clipper_extract (contents, length, url, NULL)) == NULL ||
          extraction->html == NULL || extraction->text == NULL ||
          total + extraction->word_count > words * 11 / 10)
        continue;
      g_string_append (html, extraction->html);
      g_string_append (text, extraction->text);
      total += extraction->word_count;
    }
  return total > 0;
}

static void
make_up_text (guint    words,
              GString *html,
              GString *text)
{
  for (guint n = 0; n < words;)
    {
      g_autoptr(GString) para = g_string_new (NULL);

      for (guint i = 0; i < 90 && n < words; i++, n++)
        {
          if (i > 0)
            g_string_append_c (para, ' ');
          g_string_append (para, made_up[(n * 7 + i * 3) % G_N_ELEMENTS (made_up)]);
          if (i % 15 == 14)
            g_string_append_c (para, '.');
        }
      g_string_append_c (para, '.');
      g_string_append_printf (html, "<p>%s</p>", para->str);
      g_string_append (text, para->str);
    }
}

static gint64
add_article (ClipperStore *store,
             const char   *title,
             const char   *html,
             const char   *text,
             guint         words)
{
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *url = g_strdup_printf ("https://example.org/bench/%u", ++serial);

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, title);
  clipper_article_set_byline (article, "Ada Lovelace");
  clipper_article_set_html (article, html);
  clipper_article_set_text (article, text);
  clipper_article_set_word_count (article, words);
  if (!clipper_store_add_article (store, article, NULL, &error))
    g_error ("Cannot store the article: %s", error->message);
  return clipper_article_get_id (article);
}

/* @n highlights spread over the text, 20–80 code points long; one in ten
 * overlaps the one before, one in three has a note. */
static void
add_highlights (ClipperStore *store,
                gint64        article_id,
                const char   *text,
                guint         n)
{
  g_autoptr(GError) error = NULL;
  glong length = g_utf8_strlen (text, -1);

  if (!clipper_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
      gint64 start = (length - 100) * i / n;
      gint64 end = start + 20 + (i * 13) % 60;
      g_autofree char *quote = NULL;

      if (i % 10 == 9)
        start -= 10;
      quote = g_utf8_substring (text, start, end);
      clipper_highlight_set_article_id (h, article_id);
      clipper_highlight_set_color (h, clipper_highlight_colors ()[i % 5]);
      clipper_highlight_set_quote (h, quote);
      clipper_highlight_set_range (h, start, end);
      clipper_highlight_set_anchored (h, TRUE);
      if (i % 3 == 0)
        clipper_highlight_set_note (h, "A note.");
      if (!clipper_store_add_highlight (store, h, &error))
        g_error ("%s", error->message);
    }
  if (!clipper_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
on_ready (ClipperReaderView *view,
          gint64             id,
          double             ms,
          Bench             *bench)
{
  bench->ready = TRUE;
  bench->ready_ms = ms;
  bench->frame_ms = -1;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->ready && bench->frame_ms < 0)
    bench->frame_ms = (g_get_monotonic_time () - bench->t0) / 1000.0;
}

static void
on_load_changed (WebKitWebView  *web_view,
                 WebKitLoadEvent event,
                 Bench          *bench)
{
  if (event == WEBKIT_LOAD_FINISHED)
    bench->finished_ms = (g_get_monotonic_time () - bench->t0) / 1000.0;
}

/* The page's "ready", read beside the view's own handler. */
static void
on_message (WebKitUserContentManager *ucm,
            JSCValue                 *value,
            Bench                    *bench)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = jsc_value_to_string (value);
  JsonObject *object;

  if (!json_parser_load_from_data (parser, text, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), "ready") != 0)
    return;
  g_clear_pointer (&bench->message, json_object_unref);
  bench->message = json_object_ref (object);
}

static GtkWidget *
find_web_view (GtkWidget *root)
{
  if (WEBKIT_IS_WEB_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_web_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
wait_ready (Bench *bench)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!bench->ready && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return bench->ready;
}

static void
eval_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);

  *out = value != NULL ? jsc_value_to_string (value) : g_strdup ("");
}

static char *
eval (Bench      *bench,
      const char *script)
{
  char *out = NULL;

  webkit_web_view_evaluate_javascript (bench->web_view, script, -1, "clipper", NULL, NULL, eval_done, &out);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);
  return out;
}

/* The page's own times, in ms since the call. */
static const char timing_script[] =
  "(() => {"
  "  const n = performance.getEntriesByType('navigation')[0] || {};"
  "  const p = performance.getEntriesByName('first-contentful-paint')[0];"
  "  const c = performance.getEntriesByType('resource').find(e => e.name.endsWith('reader-page.css'));"
  "  return JSON.stringify({ origin: performance.timeOrigin, html: n.responseEnd || -1,"
  "                          parsed: n.domContentLoadedEventStart || -1, css: c ? c.responseEnd : -1,"
  "                          shown: p ? p.startTime : -1 });"
  "})()";

/* One whole style and layout of the article as it is. */
static const char layout_script[] =
  "(() => {"
  "  const r = document.getElementById('clipper-article');"
  "  r.style.display = 'none';"
  "  void document.documentElement.offsetHeight;"
  "  r.style.display = '';"
  "  const t0 = performance.now();"
  "  void document.documentElement.offsetHeight;"
  "  return performance.now() - t0;"
  "})()";

static double
page_time (JsonObject *timing,
           const char *member,
           Bench      *bench)
{
  double t = json_object_get_double_member_with_default (timing, member, -1);

  if (t < 0)
    return -1;
  return json_object_get_double_member (timing, "origin") + t - bench->t0_real / 1000.0;
}

static void
open_article (Bench    *bench,
              gint64    id,
              double   *fields,
              gboolean *served)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *timing = NULL;
  JsonObject *object;

  bench->ready = FALSE;
  bench->finished_ms = -1;
  g_clear_pointer (&bench->message, json_object_unref);
  bench->t0_real = g_get_real_time ();
  bench->t0 = g_get_monotonic_time ();
  if (!clipper_reader_view_load_article (bench->view, id, &error))
    g_error ("Cannot open article %" G_GINT64_FORMAT ": %s", id, error->message);
  if (fields == NULL)
    {
      wait_ready (bench);
      return;
    }
  fields[CALL] = (g_get_monotonic_time () - bench->t0) / 1000.0;
  if (bench->web_view == NULL)
    {
      WebKitUserContentManager *ucm;

      bench->web_view = WEBKIT_WEB_VIEW (find_web_view (GTK_WIDGET (bench->view)));
      g_assert (bench->web_view != NULL);
      g_signal_connect (bench->web_view, "load-changed", G_CALLBACK (on_load_changed), bench);
      ucm = webkit_web_view_get_user_content_manager (bench->web_view);
      g_signal_connect (ucm, "script-message-received::clipper", G_CALLBACK (on_message), bench);
    }
  if (!wait_ready (bench))
    g_error ("Article %" G_GINT64_FORMAT " was not painted within 30 s", id);
  fields[PAINTED] = bench->ready_ms;
  while (bench->frame_ms < 0)
    g_main_context_iteration (NULL, TRUE);
  fields[WINDOW] = bench->frame_ms;
  /* The load may finish after the page says it is painted. */
  while (bench->finished_ms < 0)
    g_main_context_iteration (NULL, TRUE);
  fields[FINISHED] = bench->finished_ms;
  timing = eval (bench, timing_script);
  if (!json_parser_load_from_data (parser, timing, -1, NULL))
    g_error ("The page's timing is not JSON: %s", timing);
  object = json_node_get_object (json_parser_get_root (parser));
  fields[HTML] = page_time (object, "html", bench);
  fields[PARSED] = page_time (object, "parsed", bench);
  fields[CSS] = page_time (object, "css", bench);
  fields[SHOWN] = page_time (object, "shown", bench);
  /* The "ready" message of the page being measured comes before
   * "article-ready"; older pages do not count their operations. */
  g_assert (bench->message != NULL);
  fields[SCRIPT] = json_object_get_double_member_with_default (bench->message, "paintMs", -1);
  fields[OPS] = json_object_get_double_member_with_default (bench->message, "domOps", -1);
  *served = json_object_get_boolean_member_with_default (bench->message, "served", FALSE);
  fields[MARKS] = *served && fields[SHOWN] >= 0 ? fields[SHOWN] : fields[PAINTED];
  g_free (timing);
  timing = eval (bench, layout_script);
  fields[LAYOUT] = g_ascii_strtod (timing, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;
  return g_ascii_strtod (contents, NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const guint lengths[] = { 2000, 10000, 20000 };
  static const guint counts[] = { 0, 50, 250 };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  Bench bench = { 0 };
  GtkWindow *window;
  guint runs = 7;
  gboolean panel = FALSE;
  gint64 small;
  gboolean corpus = TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--panel"))
        panel = TRUE;
      else
        runs = (guint) MAX (1, atoi (argv[i]));
    }
  tmpdir = g_dir_make_tmp ("clipper-bench-reader-XXXXXX", &error);
  g_assert_no_error (error);
  /* WebKit and GTK keep their files in this private home, not the user's. */
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" };
      g_autofree char *dir = g_build_filename (tmpdir, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_set_prgname ("clipper-bench-reader");
  gtk_init ();
  adw_init ();

  db_path = g_build_filename (tmpdir, "library.db", NULL);
  store = clipper_store_open (db_path, &error);
  g_assert_no_error (error);
  small = add_article (store, "Small", "<p>A short one.</p>", "A short one.", 3);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  bench.view = CLIPPER_READER_VIEW (clipper_reader_view_new ());
  clipper_reader_view_set_store (bench.view, store);
  g_signal_connect (bench.view, "article-ready", G_CALLBACK (on_ready), &bench);
  gtk_window_set_child (window, GTK_WIDGET (bench.view));
  gtk_window_present (window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (on_after_paint), &bench);
  clipper_reader_view_set_panel_visible (bench.view, panel);
  /* The first page also starts the web process. */
  open_article (&bench, small, NULL, NULL);

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S UTC");
  printf ("# bench-reader, %s, load average %.2f, medians of %u opens (ms from the call)%s\n", stamp, load_average (), runs,
          panel ? ", side panel open" : "");
  for (guint li = 0; li < G_N_ELEMENTS (lengths); li++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_auto(GStrv) split = NULL;
      guint words = 0;

      if (!join_corpus (lengths[li], html, text))
        {
          corpus = FALSE;
          make_up_text (lengths[li], html, text);
        }
      split = g_strsplit_set (text->str, " \n\t", -1);
      for (guint i = 0; split[i] != NULL; i++)
        words += split[i][0] != '\0';
      if (li == 0)
        {
          printf ("# text: %s\n", corpus ? "pages of the shared corpus, joined" : "made up (no shared corpus here)");
          printf ("%-22s", "words × highlights");
          for (guint f = 0; f < N_FIELDS; f++)
            printf (" %8s", field_names[f]);
          printf ("   marks in the first paint\n");
        }
      for (guint ci = 0; ci < G_N_ELEMENTS (counts); ci++)
        {
          g_autofree char *title = g_strdup_printf ("%u words, %u highlights", words, counts[ci]);
          g_autofree double *values = g_new0 (double, (gsize) runs * N_FIELDS);
          g_autofree char *painted = NULL;
          g_autofree char *label = NULL;
          gint64 id = add_article (store, title, html->str, text->str, words);
          guint n_served = 0;

          add_highlights (store, id, text->str, counts[ci]);
          for (guint r = 0; r < runs; r++)
            {
              double fields[N_FIELDS];
              gboolean served;

              open_article (&bench, id, fields, &served);
              n_served += served;
              for (guint f = 0; f < N_FIELDS; f++)
                values[f * runs + r] = fields[f];
              open_article (&bench, small, NULL, NULL);
            }
          /* Every highlight is on the page (the text is the one it counts in). */
          open_article (&bench, id, NULL, NULL);
          painted = eval (&bench, "new Set(Array.from(document.querySelectorAll('mark.clipper-hl'))"
                                  ".map(m => m.dataset.id)).size");
          if (atoi (painted) != (int) counts[ci])
            g_warning ("%s: %s of %u highlights painted", title, painted, counts[ci]);
          label = g_strdup_printf ("%6u × %u", words, counts[ci]);
          printf ("%-22s", label);
          for (guint f = 0; f < N_FIELDS; f++)
            {
              double m = median (values + f * runs, runs);

              if (m < 0)
                printf (" %8s", "-");
              else
                printf (f == OPS ? " %8.0f" : " %8.1f", m);
            }
          printf ("   %u/%u\n", n_served, runs);
          fflush (stdout);
        }
    }
  printf ("# load average %.2f at the end\n", load_average ());

  g_clear_pointer (&bench.message, json_object_unref);
  gtk_window_destroy (window);
  g_clear_object (&store);
  remove_tree (tmpdir);
  return 0;
}
