/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clipper-highlight.h"

G_BEGIN_DECLS

/* What an entry undoes. */
typedef enum {
  CLIPPER_HIGHLIGHT_UNDO_DELETE,     /* a delete: the highlight kept is brought back */
  CLIPPER_HIGHLIGHT_UNDO_REATTACH,   /* a re-attach: the highlight kept is its place before */
} ClipperHighlightUndoKind;

#define CLIPPER_TYPE_HIGHLIGHT_UNDO (clipper_highlight_undo_get_type ())
G_DECLARE_FINAL_TYPE (ClipperHighlightUndo, clipper_highlight_undo, CLIPPER, HIGHLIGHT_UNDO, GObject)

ClipperHighlightUndo *clipper_highlight_undo_new             (void);
/* Keeps @highlight, just deleted, for the Undo of @toast (whose action
 * target is the highlight's id) while it shows, and for Ctrl+Z after it
 * too; adds @toast to @overlay. */
void                  clipper_highlight_undo_push            (ClipperHighlightUndo *self,
                                                              ClipperHighlight     *highlight,
                                                              AdwToastOverlay      *overlay,
                                                              AdwToast             *toast);
/* The same for @before, a copy of a highlight as it was before a
 * re-attach gave it another place. */
void                  clipper_highlight_undo_push_reattach   (ClipperHighlightUndo *self,
                                                              ClipperHighlight     *before,
                                                              AdwToastOverlay      *overlay,
                                                              AdwToast             *toast);
/* The highlight kept under @id for what @kind undoes, taken from the
 * stack, or NULL; its toast goes.  For the toast's own Undo, which works
 * while it goes too, and undoes what its toast said. */
ClipperHighlight     *clipper_highlight_undo_take            (ClipperHighlightUndo     *self,
                                                              gint64                    id,
                                                              ClipperHighlightUndoKind  kind);
/* The newest highlight kept, taken, or NULL; its toast goes, if still
 * there.  For Ctrl+Z: again and again, newest first. */
ClipperHighlight     *clipper_highlight_undo_take_newest     (ClipperHighlightUndo     *self,
                                                              ClipperHighlightUndoKind *out_kind);
/* When the highlight clipper_highlight_undo_take_newest() would take was
 * deleted or re-attached (g_get_monotonic_time()), or 0: for the window's
 * Ctrl+Z, which undoes whichever change came last, an article's delete or
 * a highlight's. */
gint64                clipper_highlight_undo_get_newest_time (ClipperHighlightUndo *self);

G_END_DECLS
