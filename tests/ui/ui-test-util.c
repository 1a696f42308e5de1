/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-ui-test"

#include "ui-test-util.h"

gboolean
ui_test_label_whole (GtkLabel  *label,
                     GtkWidget *window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (label), window, &bounds))
    return FALSE;
  g_test_message ("“%s”: %.0f px from %.0f, in a window of %d", gtk_label_get_text (label),
                  bounds.size.width, bounds.origin.x, gtk_widget_get_width (window));
  return !pango_layout_is_ellipsized (gtk_label_get_layout (label)) && bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}

AdwMessageDialog *
ui_test_find_dialog (gpointer not_this)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) && w != not_this)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ui_test_wait_until (gboolean (*done) (gpointer data),
                    gpointer   data,
                    guint      ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, set_flag, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return done (data);
}
