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

/* Shows @spin's value (points, @standard the default size) as a
 * percentage, reads one typed ("120", "120%") back, and gives a screen
 * reader the same words as its value. */
void  clipper_reading_units_attach_text_size  (GtkSpinButton *spin,
                                               int            standard);
/* Shows @spin's value in characters, as above. */
void  clipper_reading_units_attach_line_width (GtkSpinButton *spin);

G_END_DECLS
