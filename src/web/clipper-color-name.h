/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A highlight colour as people name it, translated ("Yellow"): the
 * store's names are keys.  An unknown key is returned as it is. */
const char *clipper_color_get_display_name (const char *color);
/* What the colour filter lists @color as: its name and, when @settings
 * (nullable, the app's) give it a meaning in color-names, that meaning:
 * "Yellow · Important".  The rows' "Colour: …", the swatches' tooltips
 * and the filter say the same. */
char       *clipper_color_dup_label        (GSettings  *settings,
                                            const char *color);

G_END_DECLS
