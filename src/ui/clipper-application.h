/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_APPLICATION (clipper_application_get_type ())
G_DECLARE_FINAL_TYPE (ClipperApplication, clipper_application, CLIPPER, APPLICATION, AdwApplication)

ClipperApplication *clipper_application_new (void);

G_END_DECLS
