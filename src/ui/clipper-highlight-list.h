/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_HIGHLIGHT_LIST (clipper_highlight_list_get_type ())
G_DECLARE_FINAL_TYPE (ClipperHighlightList, clipper_highlight_list, CLIPPER, HIGHLIGHT_LIST, GObject)

ClipperHighlightList *clipper_highlight_list_new     (void);
/* Makes the list @items (element-type ClipperHighlight, borrowed: the list
 * takes its own references), announcing only the run of positions that
 * differs from what it held, so that the rows around a change stay as
 * they are. */
void                  clipper_highlight_list_set     (ClipperHighlightList *self,
                                                      GPtrArray            *items);
/* (transfer none) */
ClipperHighlight     *clipper_highlight_list_peek    (ClipperHighlightList *self,
                                                      guint                 position);
gboolean              clipper_highlight_list_find    (ClipperHighlightList *self,
                                                      ClipperHighlight     *highlight,
                                                      guint                *out_position);

G_END_DECLS
