/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shown at start-up while an older library is upgraded (see
 * clipper_application's ensure_window()): a status page with the app icon,
 * what is happening and a spinner.  A spinner and not a progress bar: the
 * long steps are single SQL statements (an FTS5 'rebuild') that report no
 * progress we could show honestly.  The status page's title and
 * description are what a screen reader reads; the window has a title too.
 */
#define G_LOG_DOMAIN "clipper"

#include "clipper-upgrade-window.h"

struct _ClipperUpgradeWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage *status_page;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (ClipperUpgradeWindow, clipper_upgrade_window, ADW_TYPE_APPLICATION_WINDOW)

static void
clipper_upgrade_window_class_init (ClipperUpgradeWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-upgrade-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperUpgradeWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperUpgradeWindow, spinner);
}

static void
clipper_upgrade_window_init (ClipperUpgradeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClipperUpgradeWindow *
clipper_upgrade_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CLIPPER_TYPE_UPGRADE_WINDOW, "application", application, NULL);
}
