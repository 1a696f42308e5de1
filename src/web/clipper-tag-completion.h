/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called when a tag was chosen from the completion list and put in place
 * of the one being typed. */
typedef void (*ClipperTagChosenFunc) (gpointer user_data);

/* Completes the tag being typed in @entry (comma-separated tags: the text
 * after the last comma outside quotes) from the tags set with
 * clipper_tag_completion_set_tags(), in any case.  The highlight panel's
 * tags field and the article's Tags dialog share it.  @chosen (nullable)
 * runs after a row of the list was chosen. */
void clipper_tag_completion_attach   (GtkEntry             *entry,
                                      ClipperTagChosenFunc  chosen,
                                      gpointer              user_data);
/* The tags @entry offers from now on; @tags may be NULL. */
void clipper_tag_completion_set_tags (GtkEntry             *entry,
                                      const char *const    *tags);
/* Closes @entry's completion list when it shows, as Escape first does
 * in GNOME's entries: returns whether it showed. */
gboolean clipper_tag_completion_close (GtkEntry            *entry);

/* The tags in @text, as clipper_tags_field_format() writes them or as
 * typed: trimmed, each once, empty ones left out.  A quote left open runs
 * to the end of @text. */
GStrv clipper_tags_field_parse       (const char           *text);

G_END_DECLS
