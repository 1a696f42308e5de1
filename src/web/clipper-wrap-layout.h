/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lays its children out in lines, each at its natural width (at most the
 * line's), as many to a line as fit, 4 px apart: GtkFlowBox aligns them in
 * columns as wide as the widest child of each, and put one chip a line
 * beside a tags field's entry.  A child that expands (that entry) takes
 * the rest of its line.  Height for width. */
#define CLIPPER_TYPE_WRAP_LAYOUT (clipper_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (ClipperWrapLayout, clipper_wrap_layout, CLIPPER, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *clipper_wrap_layout_new (void);

G_END_DECLS
