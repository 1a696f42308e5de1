/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The baseline for the startup benchmark: a bare GTK 4 window holding a
 * WebKitWebView, nothing else.  Prints "first-frame-ms" at its first
 * painted frame and "rss-kb" four seconds later, then quits — the same lines
 * as `clipper` with CLIPPER_MEASURE_STARTUP=1.
 */
#define G_LOG_DOMAIN "bench-bare"

#include <gtk/gtk.h>
#include <sys/resource.h>
#include <webkit/webkit.h>

static gint64 start_us;
static GMainLoop *loop;
static gulong handler;

/* CPU time the process used so far: start-up cost without the noise of a
 * busy machine. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static guint64
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_print ("rss-kb %" G_GUINT64_FORMAT "\n", read_rss_kb ());
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handler_disconnect (clock, handler);
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - start_us) / 1000.0);
  g_print ("cpu-ms %.1f\n", cpu_ms ());
  g_timeout_add (4000, quit_cb, NULL);
}

static void
on_realize (GtkWidget *window)
{
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

int
main (int argc, char **argv)
{
  GtkWidget *window;
  GtkWidget *web_view;

  start_us = g_get_monotonic_time ();
  gtk_init ();
  loop = g_main_loop_new (NULL, FALSE);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  web_view = webkit_web_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), web_view);
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (web_view), "<p>Hello</p>", NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_main_loop_run (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  g_main_loop_unref (loop);
  return 0;
}
