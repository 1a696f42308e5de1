/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper"

#include <glib/gi18n.h>

#include "clipper-application.h"
#include "clipper-window.h"

struct _ClipperApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ClipperApplication, clipper_application, ADW_TYPE_APPLICATION)

static void
clipper_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (clipper_window_new (CLIPPER_APPLICATION (app)));

  gtk_window_present (window);
}

static void
clipper_application_class_init (ClipperApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = clipper_application_activate;
}

static void
clipper_application_init (ClipperApplication *self)
{
}

ClipperApplication *
clipper_application_new (void)
{
  return g_object_new (CLIPPER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/example/Clipper",
                       NULL);
}
