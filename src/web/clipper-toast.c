/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts an Undo withdraws.  libadwaita 1.2 frees a toast dismissed while
 * it still slides in when its slide out ends, before the slide in does,
 * and the app crashed a moment later (Delete, then Undo or Ctrl+Z at
 * once).  Such a toast is dismissed once it is in.  A toast that waited
 * behind another slides in when that one goes, however long ago it was
 * added: it counts as in only that long after the last toast went.
 *
 * And toasts that stay.  The overlay shows one toast at a time and queues
 * the others behind it, so every toast after one that stays until closed
 * (an import's with Details, a refused export) waited unseen, "Highlight
 * deleted" and its Undo too.  While one that stays is on the overlay, a
 * new toast goes before it: shown at once, the one that stays coming back
 * when it goes, its button still there.
 *
 * And toasts of a kind, the newer taking the older's place: an
 * export's or an import's result (the next job's waited unseen behind
 * the last one's 6 seconds), an article's Fetch Again ("all 6 highlights
 * are in place" came after the newer "1 highlight lost its place").
 *
 * And the Details behind a failure's toast, the window's and the
 * reader's alike: a toast's title is a few words that fit a phone's
 * width, the whole message is in a dialog.
 */
#include "clipper-toast.h"

#include <glib/gi18n.h>

/* Longer than the slide in (libadwaita 1.2: 300 ms), with room to spare. */
#define TOAST_IN_MS 600

static const char added_key[] = "clipper-toast-added-us";
static const char staying_key[] = "clipper-toast-staying";
/* On an overlay, each kind's last toast (borrowed, until dismissed); on a
 * toast, its kind. */
static const char kinds_key[] = "clipper-toast-kinds";
static const char kind_key[] = "clipper-toast-kind";

/* When a toast last went, any overlay's: the next in its queue slides in
 * then.  One for the process, which at worst delays a dismissal of a
 * toast on another overlay by a slide in. */
static gint64 last_dismissed_us;

static void
on_dismissed (AdwToast *toast)
{
  last_dismissed_us = g_get_monotonic_time ();
}

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
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), NULL);
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

static void
on_kind_dismissed (AdwToast        *toast,
                   AdwToastOverlay *overlay)
{
  GHashTable *kinds = g_object_get_data (G_OBJECT (overlay), kinds_key);
  const char *kind = g_object_get_data (G_OBJECT (toast), kind_key);

  /* Once, as on_staying_dismissed(); a newer toast of the kind is the
   * kind's already. */
  g_signal_handlers_disconnect_by_func (toast, on_kind_dismissed, overlay);
  if (g_hash_table_lookup (kinds, kind) == toast)
    g_hash_table_remove (kinds, kind);
}

void
clipper_toast_add_replacing (AdwToastOverlay *overlay,
                             AdwToast        *toast,
                             const char      *kind,
                             gboolean         replace_staying)
{
  GHashTable *kinds;
  AdwToast *older;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (kind != NULL);

  kinds = g_object_get_data (G_OBJECT (overlay), kinds_key);
  if (kinds == NULL)
    {
      kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (overlay), kinds_key, kinds, (GDestroyNotify) g_hash_table_unref);
    }
  older = g_hash_table_lookup (kinds, kind);
  g_object_set_data_full (G_OBJECT (toast), kind_key, g_strdup (kind), g_free);
  g_hash_table_replace (kinds, g_strdup (kind), toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_kind_dismissed), overlay, 0);
  /* Added first: while the older stays, the newer goes before it and is
   * shown at once, whether or not the older goes too. */
  clipper_toast_add (overlay, toast);
  if (older != NULL && older != toast && (replace_staying || adw_toast_get_timeout (older) > 0))
    clipper_toast_dismiss (older);
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
  shown_ms = added != NULL ? (g_get_monotonic_time () - MAX (*added, last_dismissed_us)) / 1000
                           : TOAST_IN_MS;
  if (shown_ms >= TOAST_IN_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_IN_MS - shown_ms), dismiss_cb,
                        g_object_ref (toast), g_object_unref);
}

/* A long message scrolls past this height. */
#define DETAILS_MAX_HEIGHT 320

static gboolean
fit_details_height (gpointer data)
{
  GtkScrolledWindow *scrolled = data;
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (scrolled);
  int width = (int) gtk_adjustment_get_page_size (hadjustment);
  int height;

  g_object_steal_data (G_OBJECT (scrolled), "clipper-fit-pending");
  if (width > 0)
    {
      /* The viewport's height at that width is the label's. */
      gtk_widget_measure (gtk_scrolled_window_get_child (scrolled), GTK_ORIENTATION_VERTICAL, width,
                          &height, NULL, NULL, NULL);
      height = MIN (height, DETAILS_MAX_HEIGHT);
      if (gtk_scrolled_window_get_min_content_height (scrolled) != height)
        gtk_scrolled_window_set_min_content_height (scrolled, height);
    }
  g_object_unref (scrolled);
  return G_SOURCE_REMOVE;
}

/* GtkScrolledWindow asks its child's height for no width in particular,
 * and a wrapped label is taller at the width it is given: the Details box
 * came out a line or two short, the last line cut off with nothing to say
 * there was more.  Once the label's width is known (the viewport's, which
 * the horizontal adjustment holds), its height at that width is the box's:
 * set after the allocation that told it, since a size asked for during
 * one is not laid out. */
static void
on_details_width (GtkAdjustment     *hadjustment,
                  GtkScrolledWindow *scrolled)
{
  if (g_object_get_data (G_OBJECT (scrolled), "clipper-fit-pending") != NULL)
    return;
  g_object_set_data (G_OBJECT (scrolled), "clipper-fit-pending", GINT_TO_POINTER (TRUE));
  g_idle_add (fit_details_height, g_object_ref (scrolled));
}

AdwMessageDialog *
clipper_toast_show_details (GtkWindow  *parent,
                            const char *heading,
                            const char *body,
                            const char *text)
{
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *label;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "clipper-import-details");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* A scrollbar that stays while there is more to read, not one that
   * shows only under the pointer. */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), DETAILS_MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)), "changed",
                           G_CALLBACK (on_details_width), scrolled, 0);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
