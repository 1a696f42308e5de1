/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Highlights page and the library search on a big library, in the
 * app's own window (in-process, under Xvfb):
 *
 *   bench-highlights LIBRARY.db [ROUNDS]
 *
 * Works on LIBRARY.db itself (a note is typed and put back, a highlight
 * deleted and restored): give it a copy.  For each step it prints how long
 * the main loop was busy from the step to being idle again (what a user
 * waits for: a key's echo, a row leaving the list) and, in brackets, the
 * longest single stretch the window could not paint or take a key in
 * (the freeze), and the UI thread's CPU time meanwhile, in ms; then the
 * UI process's RSS.  The store writes
 * what the reader's note panel writes (a note saved at every key), so the
 * figures are the page's, without the web view's.
 */
#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clipper-review-page.h"
#include "clipper-search-result.h"
#include "clipper-window.h"

static gint64 last_tick;
static gint64 longest_stall;
static gint64 cpu_start;

/* The UI thread's CPU time: on a loaded machine the wall-clock time is
 * mostly waiting for a core. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A 2 ms tick: the time between two of them, less 2 ms, is how long the
 * main loop was busy elsewhere. */
static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_stall)
    longest_stall = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (void)
{
  last_tick = g_get_monotonic_time ();
  longest_stall = 0;
  cpu_start = thread_cpu_us ();
}

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* Iterates until @done says so (or 60 s pass); returns the ms it took. */
static double
wait_until (gboolean (*done) (gpointer), gpointer data, gint64 t0)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return ms_since (t0);
}

/* Until nothing is due (the 2 ms tick aside, which comes later). */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void
report (const char *what, double ms)
{
  /* A stall that ended the step has no tick after it yet. */
  gint64 last = g_get_monotonic_time () - last_tick;

  printf ("%-40s %9.1f ms  [freeze %7.1f ms, UI thread CPU %7.1f ms]\n", what, ms, MAX (longest_stall, last) / 1000.0,
          (thread_cpu_us () - cpu_start) / 1000.0);
  fflush (stdout);
}

typedef struct {
  GListModel *model;
  guint n;
} Count;

static gboolean
has_n (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (c->model) == c->n;
}

static gboolean
has_some (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (c->model) > 0;
}

static gboolean
changed_once (gpointer data)
{
  return *(guint *) data > 0;
}

static void
on_items_changed (GListModel *model, guint p, guint r, guint a, guint *count)
{
  (*count)++;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  ClipperWindow *window;
  ClipperReviewPage *page;
  GListModel *model, *results;
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 3;
  static const char *const words[] = { "t", "ta", "tat", "tati", "tatis" };
  static const char *const query[] = { "ta", "tat", "tati", "tati q", "tati qu" };
  gint64 t0;
  guint n;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s LIBRARY.db [ROUNDS]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  store = clipper_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  window = clipper_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  spin (3000);   /* the first frame, the library's background count and key walk */
  printf ("rss at start: %ld kB\n", rss_kb ());
  g_timeout_add (2, tick_cb, NULL);

  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
  model = clipper_review_page_get_model (page);
  results = clipper_window_get_search_model (window);

  for (guint round = 0; round < rounds; round++)
    {
      Count c = { model, 0 };

      printf ("-- round %u\n", round + 1);
      /* Ctrl+2: the page shows its first rows. */
      stall_reset ();
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "highlights");
      report ("Ctrl+2, rows shown", wait_until (has_some, &c, t0));
      drain ();
      n = g_list_model_get_n_items (model);
      spin (300);
      printf ("rss on the Highlights page: %ld kB (%u rows)\n", rss_kb (), n);

      /* A note typed, a key at a time (autosave at every key). */
      g_clear_object (&h);
      {
        g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);

        h = clipper_store_get_highlight (store, clipper_highlight_get_id (first), &error);
      }
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        {
          stall_reset ();
          t0 = g_get_monotonic_time ();
          clipper_highlight_set_note (h, words[k]);
          clipper_store_update_highlight (store, h, &error);
          drain ();
          report ("note key, store write to idle", ms_since (t0));
        }
      clipper_highlight_set_note (h, NULL);
      clipper_store_update_highlight (store, h, NULL);
      drain ();
      spin (100);

      /* The page's filters. */
      stall_reset ();
      t0 = g_get_monotonic_time ();
      clipper_review_page_set_color (page, "blue");
      drain ();
      c.n = 0;
      report ("colour filter to blue", wait_until (has_some, &c, t0));
      stall_reset ();
      t0 = g_get_monotonic_time ();
      clipper_review_page_set_color (page, NULL);
      c.n = n;
      report ("colour filter back to all", wait_until (has_n, &c, t0));
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        {
          stall_reset ();
          t0 = g_get_monotonic_time ();
          clipper_review_page_set_search (page, words[k]);
          drain ();
          report ("filter field key", ms_since (t0));
        }
      clipper_review_page_set_search (page, NULL);
      drain ();

      /* Delete → the row gone; Undo → back. */
      {
        g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);
        g_autoptr (ClipperHighlight) kept = clipper_store_get_highlight (store, clipper_highlight_get_id (first), NULL);

        stall_reset ();
        t0 = g_get_monotonic_time ();
        clipper_store_delete_highlight (store, clipper_highlight_get_id (first), &error);
        c.n = n - 1;
        report ("delete, row gone", wait_until (has_n, &c, t0));
        drain ();
        stall_reset ();
        t0 = g_get_monotonic_time ();
        clipper_store_restore_highlight (store, kept, &error);
        c.n = n;
        report ("undo, row back", wait_until (has_n, &c, t0));
        drain ();
      }

      /* Off the page, and the library search a key at a time. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "articles");
      spin (4000);
      printf ("rss after leaving the page: %ld kB\n", rss_kb ());
      for (guint k = 0; k < G_N_ELEMENTS (query); k++)
        {
          guint changed = 0;
          gulong handler = g_signal_connect (results, "items-changed", G_CALLBACK (on_items_changed), &changed);
          double echo;

          stall_reset ();
          t0 = g_get_monotonic_time ();
          clipper_window_search (window, query[k]);
          echo = ms_since (t0);
          report ("search key, call returns (echo)", echo);
          report ("search key, results shown", wait_until (changed_once, &changed, t0));
          g_signal_handler_disconnect (results, handler);
        }
      clipper_window_search (window, "");
      spin (300);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
