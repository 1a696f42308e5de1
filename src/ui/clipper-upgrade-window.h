/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_UPGRADE_WINDOW (clipper_upgrade_window_get_type ())
G_DECLARE_FINAL_TYPE (ClipperUpgradeWindow, clipper_upgrade_window, CLIPPER, UPGRADE_WINDOW, AdwApplicationWindow)

/* The "Updating Your Library" window shown while the library opens on a
 * worker thread.  (transfer floating: a toplevel the application owns) */
ClipperUpgradeWindow *clipper_upgrade_window_new (GtkApplication *application);

G_END_DECLS
