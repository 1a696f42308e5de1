/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts an Undo withdraws.  libadwaita 1.2 frees a toast dismissed while
 * it still slides in when its slide out ends, before the slide in does,
 * and the app crashed a moment later (Delete, then Undo or Ctrl+Z at
 * once).  Such a toast is dismissed once it is in.
 *
 * And toasts that stay.  The overlay shows one toast at a time and queues
 * the others behind it, so every toast after one that stays until closed
 * (an import's with Details, a refused export) waited unseen, "Highlight
 * deleted" and its Undo too.  While one that stays is on the overlay, a
 * new toast goes before it: shown at once, the one that stays coming back
 * when it goes, its button still there.
 */
#include "clipper-toast.h"

/* Longer than the slide in (libadwaita 1.2: 300 ms), with room to spare. */
#define TOAST_IN_MS 600

static const char added_key[] = "clipper-toast-added-us";
static const char staying_key[] = "clipper-toast-staying";

static void
on_staying_dismissed (AdwToast        *toast,
                      AdwToastOverlay *overlay)
{
  guint staying = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (overlay), staying_key));

  /* Once: AdwToast says "dismissed" at every adw_toast_dismiss(). */
  g_signal_handlers_disconnect_by_func (toast, on_staying_dismissed, overlay);
  g_assert (staying > 0);
  g_object_set_data (G_OBJECT (overlay), staying_key, GUINT_TO_POINTER (staying - 1));
}

void
clipper_toast_add (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  gint64 now = g_get_monotonic_time ();
  guint staying;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_set_data_full (G_OBJECT (toast), added_key, g_memdup2 (&now, sizeof now), g_free);
  /* A high priority toast is shown at once, and the one shown goes back to
   * the head of the queue: nothing ever waits behind one that stays. */
  staying = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (overlay), staying_key));
  if (staying > 0)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (adw_toast_get_timeout (toast) == 0)
    {
      g_object_set_data (G_OBJECT (overlay), staying_key, GUINT_TO_POINTER (staying + 1));
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_staying_dismissed), overlay, 0);
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

static gboolean
dismiss_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

void
clipper_toast_dismiss (AdwToast *toast)
{
  const gint64 *added;
  gint64 shown_ms;

  g_return_if_fail (ADW_IS_TOAST (toast));

  added = g_object_get_data (G_OBJECT (toast), added_key);
  shown_ms = added != NULL ? (g_get_monotonic_time () - *added) / 1000 : TOAST_IN_MS;
  if (shown_ms >= TOAST_IN_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_IN_MS - shown_ms), dismiss_cb,
                        g_object_ref (toast), g_object_unref);
}
