/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_TAG_CHIPS (clipper_tag_chips_get_type ())
G_DECLARE_FINAL_TYPE (ClipperTagChips, clipper_tag_chips, CLIPPER, TAG_CHIPS, GtkWidget)

/* A tags field: a chip for each tag (its name and a button that removes
 * it), wrapped, then an entry for the next, which completes from the
 * tags given with clipper_tag_chips_set_completion().  Enter or a comma
 * adds what was typed ("Smith, John" in double quotes is one tag, as
 * clipper_tags_field_parse() reads it); Backspace in the empty entry
 * selects the last chip, and again removes it.  ::changed is emitted
 * when the user added or removed a tag, not by clipper_tag_chips_set_tags().
 * Enter in the empty entry activates the window's default widget. */
GtkWidget  *clipper_tag_chips_new            (void);
/* The chips, in the order given; the entry emptied. */
void        clipper_tag_chips_set_tags       (ClipperTagChips   *self,
                                              const char *const *tags);
/* The chips' tags, in order.  (transfer full) */
GStrv       clipper_tag_chips_dup_tags       (ClipperTagChips   *self);
/* Adds what the entry holds as chips (emitting ::changed): what was
 * typed and not yet added is not lost when the field is left. */
void        clipper_tag_chips_commit         (ClipperTagChips   *self);
void        clipper_tag_chips_set_completion (ClipperTagChips   *self,
                                              const char *const *tags);
/* Whether tags can be added and removed. */
void        clipper_tag_chips_set_editable   (ClipperTagChips   *self,
                                              gboolean           editable);
GtkEntry   *clipper_tag_chips_get_entry      (ClipperTagChips   *self);

G_END_DECLS
