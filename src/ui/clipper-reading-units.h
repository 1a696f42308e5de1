/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The reading settings' units, one for each wherever they show (the
 * header's reading settings, Preferences): the text size as a percentage
 * of the default size ("120%"), as GNOME Web and Text Editor show their
 * zoom, and the line width in characters ("70 characters"), the unit the
 * page's column is measured in.  The settings keep points and characters.
 * (transfer full) */
char *clipper_reading_units_format_text_size  (int size,
                                               int standard);
char *clipper_reading_units_format_line_width (int chars);
/* @size (points) as the percentage shown, on a grid of 5%. */
int   clipper_reading_units_text_size_percent (int size,
                                               int standard);
/* The text size @steps tenths of the default up (or down), within the
 * schema's bounds: the header's - and +, Ctrl+plus, Preferences' steps. */
void  clipper_reading_units_step_text_size    (GSettings     *settings,
                                               int            steps);

/* Binds @spin to @settings' "font-size" in percent of its default: its
 * steps are the header's, a typed "120" or "120%" is read back as the
 * size it makes, and a screen reader hears the same words as its value. */
void  clipper_reading_units_bind_text_size    (GSettings     *settings,
                                               GtkSpinButton *spin);
/* Shows @spin's value in characters, as above. */
void  clipper_reading_units_attach_line_width (GtkSpinButton *spin);

G_END_DECLS
