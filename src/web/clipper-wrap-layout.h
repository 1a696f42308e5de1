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
/* With @fit, the widget asks for the width of its widest child at best,
 * not of all its children on one line: it takes the width it is given
 * and wraps there, as a field in a dialog must (the Tags dialog grew
 * wider with each chip). */
void              clipper_wrap_layout_set_fit (ClipperWrapLayout *self,
                                               gboolean           fit);

G_END_DECLS
