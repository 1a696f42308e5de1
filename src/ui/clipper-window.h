/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clipper-application.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_WINDOW (clipper_window_get_type ())
G_DECLARE_FINAL_TYPE (ClipperWindow, clipper_window, CLIPPER, WINDOW, AdwApplicationWindow)

ClipperWindow *clipper_window_new (ClipperApplication *app);

G_END_DECLS
