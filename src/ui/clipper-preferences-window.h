/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_PREFERENCES_WINDOW (clipper_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ClipperPreferencesWindow, clipper_preferences_window, CLIPPER, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *clipper_preferences_window_new (GtkWindow *parent);

G_END_DECLS
