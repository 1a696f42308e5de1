/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts of a kind on a real AdwToastOverlay in a window (under Xvfb):
 * the newer takes the older's place, a toast of another kind stays, and
 * one that stays until closed is kept or replaced as asked.
 */
#define G_LOG_DOMAIN "clipper-toast-test"

#include "clipper-toast.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
on_dismissed (AdwToast *toast,
              guint    *count)
{
  (*count)++;
}

/* A toast titled @title, gone after @timeout seconds (0: when closed),
 * that counts its dismissals in @count. */
static AdwToast *
counted_toast (const char *title,
               guint       timeout,
               guint      *count)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, timeout);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), count);
  return toast;
}

/* A toast overlay, the child of @window, shown. */
static AdwToastOverlay *
overlay_shown_in (GtkWidget *window)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (overlay));
  gtk_window_present (GTK_WINDOW (window));
  spin (100);
  return overlay;
}

static void
test_toast_replacing (void)
{
  GtkWidget *window = gtk_window_new ();
  AdwToastOverlay *overlay = overlay_shown_in (window);
  guint job1 = 0, job2 = 0, job3 = 0, job4 = 0, other = 0, update1 = 0, update2 = 0;

  /* Two of one kind: the older goes (once it is in), another kind's stays. */
  clipper_toast_add_replacing (overlay, counted_toast ("Other", 20, &other), "other", FALSE);
  clipper_toast_add_replacing (overlay, counted_toast ("Job 1", 20, &job1), "job", FALSE);
  clipper_toast_add_replacing (overlay, counted_toast ("Job 2", 0, &job2), "job", FALSE);
  spin (800);
  g_assert_cmpuint (job1, ==, 1);
  g_assert_cmpuint (other, ==, 0);

  /* Job 2 stays until closed: a newer job's toast goes before it, and it
   * stays; the newer is the kind's now, and the next takes its place. */
  clipper_toast_add_replacing (overlay, counted_toast ("Job 3", 20, &job3), "job", FALSE);
  spin (800);
  g_assert_cmpuint (job2, ==, 0);
  clipper_toast_add_replacing (overlay, counted_toast ("Job 4", 20, &job4), "job", FALSE);
  spin (800);
  g_assert_cmpuint (job3, ==, 1);
  g_assert_cmpuint (job2, ==, 0);
  g_assert_cmpuint (job4, ==, 0);

  /* Asked to, a newer toast replaces one that stays. */
  clipper_toast_add_replacing (overlay, counted_toast ("Update 1", 0, &update1), "update:7", TRUE);
  clipper_toast_add_replacing (overlay, counted_toast ("Update 2", 0, &update2), "update:7", TRUE);
  spin (800);
  g_assert_cmpuint (update1, ==, 1);
  g_assert_cmpuint (update2, ==, 0);
  g_assert_cmpuint (other, ==, 0);
  g_assert_cmpuint (job2, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

/* A toast closed before the next of its kind comes: the next is added
 * with nothing to replace, and a toast of the kind added later replaces
 * that one, not the closed one again. */
static void
test_toast_replacing_after_close (void)
{
  GtkWidget *window = gtk_window_new ();
  AdwToastOverlay *overlay = overlay_shown_in (window);
  guint first = 0, second = 0, third = 0;
  AdwToast *toast;

  toast = counted_toast ("First", 0, &first);
  clipper_toast_add_replacing (overlay, toast, "job", TRUE);
  spin (700);
  adw_toast_dismiss (toast);
  spin (500);
  g_assert_cmpuint (first, ==, 1);
  clipper_toast_add_replacing (overlay, counted_toast ("Second", 20, &second), "job", TRUE);
  spin (700);
  g_assert_cmpuint (first, ==, 1);
  clipper_toast_add_replacing (overlay, counted_toast ("Third", 20, &third), "job", TRUE);
  spin (700);
  g_assert_cmpuint (second, ==, 1);
  g_assert_cmpuint (third, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/toast/replacing", test_toast_replacing);
  g_test_add_func ("/toast/replacing-after-close", test_toast_replacing_after_close);
  return g_test_run ();
}
