/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clipper-highlight.h"

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

/* What a screen reader says of a highlight's row, in one go: its text,
 * its colour as above, whether it has a note and, with @with_article, its
 * article's title ("whale strandings, Blue · Vocabulary, with a note,
 * The Guardian").  The rows said nothing: only their colour stripe had a
 * name. */
char       *clipper_highlight_dup_accessible_label (ClipperHighlight *h,
                                                    GSettings        *settings,
                                                    gboolean          with_article);

G_END_DECLS
