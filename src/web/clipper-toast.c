/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts an Undo withdraws.  libadwaita 1.2 frees a toast dismissed while
 * it still slides in when its slide out ends, before the slide in does,
 * and the app crashed a moment later (Delete, then Undo or Ctrl+Z at
 * once).  Such a toast is dismissed once it is in.
 */
#include "clipper-toast.h"

/* Longer than the slide in (libadwaita 1.2: 300 ms), with room to spare. */
#define TOAST_IN_MS 600

static const char added_key[] = "clipper-toast-added-us";

void
clipper_toast_add (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_set_data_full (G_OBJECT (toast), added_key, g_memdup2 (&now, sizeof now), g_free);
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
