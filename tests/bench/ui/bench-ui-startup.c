/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Startup benchmark: time from process start to the first painted frame,
 * and the UI process's RSS four seconds later (after the background count
 * and key walk), for `clipper` on a given library
 * next to a bare GTK 4 + WebKitGTK window, measured alternately in the same
 * run.  Run it under Xvfb:
 *
 *   xvfb-run -a bench-ui-startup LIBRARY.db [RUNS]
 *
 * Time is taken here, from just before the spawn to the moment the child
 * reports its first frame on stdout, so both programs are timed the same
 * way (process start, dynamic linking and GTK start-up included).
 */
#define G_LOG_DOMAIN "bench-ui"

#include <gio/gio.h>
#include <stdlib.h>

typedef struct {
  double ms;        /* spawn → first frame, seen from here */
  double self_ms;   /* as the child measured it from its main() */
  double rss_mb;
  double cpu_ms;    /* CPU time of the child up to its first frame */
  int row_widgets;  /* article rows the app built before its first frame (-1: not reported) */
} Run;

static gboolean
run_once (const char *const *argv,
          const char        *db,
          Run               *out)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  char *line;

  g_subprocess_launcher_setenv (launcher, "CLIPPER_MEASURE_STARTUP", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "CLIPPER_DB", db, TRUE);

  memset (out, 0, sizeof *out);
  out->row_widgets = -1;
  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL)
    {
      g_printerr ("cannot start %s: %s\n", argv[0], error->message);
      return FALSE;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "first-frame-ms "))
        {
          out->ms = (g_get_monotonic_time () - start) / 1000.0;
          out->self_ms = g_ascii_strtod (line + 15, NULL);
        }
      else if (g_str_has_prefix (line, "cpu-ms "))
        out->cpu_ms = g_ascii_strtod (line + 7, NULL);
      else if (g_str_has_prefix (line, "row-widgets "))
        out->row_widgets = atoi (line + 12);
      else if (g_str_has_prefix (line, "rss-kb "))
        out->rss_mb = g_ascii_strtod (line + 7, NULL) / 1024.0;
      g_free (line);
    }
  g_subprocess_wait (child, NULL, NULL);

  return out->ms > 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  if (values->len == 0)
    return 0;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) + g_array_index (values, double, values->len / 2)) / 2;
}

int
main (int argc, char **argv)
{
  const char *app = g_getenv ("CLIPPER_APP") ? g_getenv ("CLIPPER_APP") : CLIPPER_APP_PATH;
  const char *bare = g_getenv ("CLIPPER_BARE") ? g_getenv ("CLIPPER_BARE") : BARE_WINDOW_PATH;
  const char *app_argv[] = { app, NULL };
  const char *bare_argv[] = { bare, NULL };
  g_autoptr (GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) app_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double a_ms, b_ms, a_rss, b_rss;
  int runs;

  if (argc < 2)
    {
      g_printerr ("usage: %s LIBRARY.db [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc > 2 ? atoi (argv[2]) : 5;

  /* One unmeasured run of each warms the page cache and font caches. */
  {
    Run warm;

    run_once (bare_argv, argv[1], &warm);
    run_once (app_argv, argv[1], &warm);
  }

  for (int i = 0; i < runs; i++)
    {
      Run a;
      Run b;

      if (!run_once (bare_argv, argv[1], &b) || !run_once (app_argv, argv[1], &a))
        {
          g_printerr ("a run did not report its first frame (is there a display?)\n");
          return 1;
        }
      g_print ("run %d: bare %.0f ms (cpu %.0f ms) %.1f MB   clipper %.0f ms (own %.0f ms, cpu %.0f ms, %d rows built) %.1f MB\n",
               i + 1, b.ms, b.cpu_ms, b.rss_mb, a.ms, a.self_ms, a.cpu_ms, a.row_widgets, a.rss_mb);
      g_array_append_val (bare_cpu, b.cpu_ms);
      g_array_append_val (app_cpu, a.cpu_ms);
      g_array_append_val (bare_ms, b.ms);
      g_array_append_val (bare_rss, b.rss_mb);
      g_array_append_val (app_ms, a.ms);
      g_array_append_val (app_rss, a.rss_mb);
    }

  a_ms = median (app_ms);
  b_ms = median (bare_ms);
  a_rss = median (app_rss);
  b_rss = median (bare_rss);
  g_print ("median first frame: bare GTK+WebKit window %.0f ms, clipper %.0f ms (%.2fx, target <= 1.5x)\n",
           b_ms, a_ms, a_ms / b_ms);
  g_print ("median CPU time to first frame: bare %.0f ms, clipper %.0f ms (%.2fx)\n",
           median (bare_cpu), median (app_cpu), median (app_cpu) / median (bare_cpu));
  g_print ("median RSS: bare %.1f MB, clipper %.1f MB (+%.1f MB, target <= +50 MB)\n",
           b_rss, a_rss, a_rss - b_rss);
  return 0;
}
