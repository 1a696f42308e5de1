/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-ui-test"

#include "ui-test-util.h"

#include <execinfo.h>
#include <unistd.h>

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

gboolean
ui_test_is_gtk_snapshot_warning (const GLogField *fields,
                                 gsize            n_fields)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      message = fields[i].value;
  return g_strcmp0 (domain, "Gtk") == 0 && message != NULL && g_str_has_prefix (message, "Trying to snapshot ") &&
         strstr (message, " without a current allocation") != NULL;
}

GLogWriterOutput
ui_test_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         warnings_fatal)
{
  GLogWriterOutput out = g_log_writer_default (log_level, fields, n_fields, NULL);
  gboolean snapshot = ui_test_is_gtk_snapshot_warning (fields, n_fields);

  /* Names from the shared libraries' exported symbols; the test
   * program's own frames as addresses, for addr2line. */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) && !snapshot)
    {
      void *frames[64];
      int n = backtrace (frames, G_N_ELEMENTS (frames));

      fputs ("The stack that logged it:\n", stderr);
      fflush (stderr);
      backtrace_symbols_fd (frames, n, STDERR_FILENO);
    }
  if ((log_level & G_LOG_LEVEL_WARNING) && !snapshot && warnings_fatal != NULL && *(gboolean *) warnings_fatal)
    abort ();
  return out;
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
