/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_PREFERENCES_WINDOW (clipper_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ClipperPreferencesWindow, clipper_preferences_window, CLIPPER, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *clipper_preferences_window_new (GtkWindow *parent);
/* The library whose tags the Tags page lists (hidden without one). */
void       clipper_preferences_window_set_store (ClipperPreferencesWindow *self,
                                                 ClipperStore             *store);
/* Shows the Markdown Vault group, its Folder row focused, once the window
 * is laid out: for the toast that turned Export on Change off, which
 * asks for another folder (Preferences opened at its top, the group out
 * of sight below). */
void       clipper_preferences_window_show_vault (ClipperPreferencesWindow *self);

G_END_DECLS
