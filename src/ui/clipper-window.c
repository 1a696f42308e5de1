/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper"

#include <glib/gi18n.h>

#include "clipper-window.h"

struct _ClipperWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (ClipperWindow, clipper_window, ADW_TYPE_APPLICATION_WINDOW)

static void
clipper_window_class_init (ClipperWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-window.ui");
}

static void
clipper_window_init (ClipperWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClipperWindow *
clipper_window_new (ClipperApplication *app)
{
  return g_object_new (CLIPPER_TYPE_WINDOW, "application", app, NULL);
}
