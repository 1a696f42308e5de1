/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleted highlights kept for Undo, newest on top: one stack for the
 * reader's panel and one for the Highlights page, alike.  Each toast's
 * Undo brings back its own highlight; Ctrl+Z the newest, then the one
 * before, as GNOME apps' undo stacks do.  Before, each kept only the
 * newest for Ctrl+Z, and a second Ctrl+Z did nothing.
 *
 * The reader's stack keeps re-attached orphans too, as they were: a
 * re-attach to the wrong words could not be undone, and the orphan's
 * words were gone from everywhere but its original quote.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-highlight-undo.h"
#include "clipper-toast.h"

typedef struct {
  ClipperHighlight *highlight;
  ClipperHighlightUndoKind kind;
  AdwToast *toast;
  gulong dismissed_handler;
  gint64 deleted_us;
  gboolean dismissed;   /* its toast went: Ctrl+Z's alone */
} Entry;

/* Deletes kept for Ctrl+Z once their toasts have gone. */
#define MAX_KEPT 50

struct _ClipperHighlightUndo
{
  GObject parent_instance;

  GPtrArray *entries;   /* of Entry, oldest first */
};

G_DEFINE_FINAL_TYPE (ClipperHighlightUndo, clipper_highlight_undo, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_signal_handler_disconnect (entry->toast, entry->dismissed_handler);
  g_object_unref (entry->highlight);
  g_object_unref (entry->toast);
  g_free (entry);
}

static gint
find_toast (ClipperHighlightUndo *self,
            AdwToast             *toast)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->toast == toast)
      return (gint) i;
  return -1;
}

/* Its highlight stays Ctrl+Z's: in GNOME apps Ctrl+Z undoes the last
 * change, not only while a toast shows.  Forgotten with its toast,
 * Ctrl+Z did nothing and said nothing, and a long note deleted by
 * mistake was lost for good (QA-q 2).  Only the toast is gone. */
static void
on_toast_dismissed (AdwToast             *toast,
                    ClipperHighlightUndo *self)
{
  gint i = find_toast (self, toast);

  if (i >= 0)
    ((Entry *) g_ptr_array_index (self->entries, (guint) i))->dismissed = TRUE;
}

static ClipperHighlight *
take_index (ClipperHighlightUndo     *self,
            guint                     i,
            ClipperHighlightUndoKind *out_kind)
{
  Entry *entry = g_ptr_array_index (self->entries, i);
  ClipperHighlight *h = g_object_ref (entry->highlight);
  g_autoptr (AdwToast) toast = g_object_ref (entry->toast);
  gboolean dismissed = entry->dismissed;

  if (out_kind != NULL)
    *out_kind = entry->kind;
  g_ptr_array_remove_index (self->entries, i);
  /* Its Undo is done: the toast offering it goes. */
  if (!dismissed)
    clipper_toast_dismiss (toast);
  return h;
}

static void
clipper_highlight_undo_finalize (GObject *object)
{
  ClipperHighlightUndo *self = CLIPPER_HIGHLIGHT_UNDO (object);

  g_ptr_array_unref (self->entries);
  G_OBJECT_CLASS (clipper_highlight_undo_parent_class)->finalize (object);
}

static void
clipper_highlight_undo_class_init (ClipperHighlightUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clipper_highlight_undo_finalize;
}

static void
clipper_highlight_undo_init (ClipperHighlightUndo *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

ClipperHighlightUndo *
clipper_highlight_undo_new (void)
{
  return g_object_new (CLIPPER_TYPE_HIGHLIGHT_UNDO, NULL);
}

static void
push (ClipperHighlightUndo     *self,
      ClipperHighlight         *highlight,
      ClipperHighlightUndoKind  kind,
      AdwToastOverlay          *overlay,
      AdwToast                 *toast)
{
  Entry *entry;

  entry = g_new0 (Entry, 1);
  entry->highlight = g_object_ref (highlight);
  entry->kind = kind;
  entry->toast = g_object_ref (toast);
  entry->deleted_us = g_get_monotonic_time ();
  /* Disconnected when the entry goes, with the stack at the latest. */
  entry->dismissed_handler = g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self);
  g_ptr_array_add (self->entries, entry);
  /* The oldest whose toasts are gone make room: a session's deletes,
   * not all of them for ever. */
  while (self->entries->len > MAX_KEPT &&
         ((Entry *) g_ptr_array_index (self->entries, 0))->dismissed)
    g_ptr_array_remove_index (self->entries, 0);
  clipper_toast_add (overlay, toast);
}

void
clipper_highlight_undo_push (ClipperHighlightUndo *self,
                             ClipperHighlight     *highlight,
                             AdwToastOverlay      *overlay,
                             AdwToast             *toast)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_UNDO (self));
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (highlight));
  g_return_if_fail (ADW_IS_TOAST (toast));

  push (self, highlight, CLIPPER_HIGHLIGHT_UNDO_DELETE, overlay, toast);
}

void
clipper_highlight_undo_push_reattach (ClipperHighlightUndo *self,
                                      ClipperHighlight     *before,
                                      AdwToastOverlay      *overlay,
                                      AdwToast             *toast)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_UNDO (self));
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (before));
  g_return_if_fail (ADW_IS_TOAST (toast));

  push (self, before, CLIPPER_HIGHLIGHT_UNDO_REATTACH, overlay, toast);
}

ClipperHighlight *
clipper_highlight_undo_take (ClipperHighlightUndo     *self,
                             gint64                    id,
                             ClipperHighlightUndoKind  kind)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_UNDO (self), NULL);

  /* A highlight re-attached, then deleted, is in the stack twice: the
   * re-attach's toast undoes the re-attach, not the delete after it (which
   * its toast, or Ctrl+Z, undoes).  By id alone, newest first, "Highlight
   * re-attached"'s Undo brought the highlight back. */
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (entry->kind == kind && clipper_highlight_get_id (entry->highlight) == id)
        return take_index (self, i - 1, NULL);
    }
  return NULL;
}

ClipperHighlight *
clipper_highlight_undo_take_newest (ClipperHighlightUndo     *self,
                                    ClipperHighlightUndoKind *out_kind)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_UNDO (self), NULL);

  if (self->entries->len == 0)
    return NULL;
  return take_index (self, self->entries->len - 1, out_kind);
}

gint64
clipper_highlight_undo_get_newest_time (ClipperHighlightUndo *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_UNDO (self), 0);

  if (self->entries->len == 0)
    return 0;
  return ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->deleted_us;
}
