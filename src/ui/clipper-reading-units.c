/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading settings' units.  The text size showed "100 %" in the
 * header's reading settings and points in Preferences, and the line width
 * a bare number (review, session 20).
 */
#define G_LOG_DOMAIN "clipper"

#include "clipper-reading-units.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

char *
clipper_reading_units_format_text_size (int size,
                                        int standard)
{
  /* Translators: the reader's text size against the default, "120%", as
   * GNOME Web shows its zoom (a space or not as your language writes it). */
  return g_strdup_printf (_("%d%%"), (int) (size * 100.0 / MAX (standard, 1) + 0.5));
}

char *
clipper_reading_units_format_line_width (int chars)
{
  /* Translators: the reader's line width, "70 characters". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d character", "%d characters", chars), chars);
}

/* The number typed at the start of @text ("120", "120 %", "70 characters"). */
static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  *out = g_ascii_strtod (text, &end);
  return end != text && isfinite (*out);
}

static void
show_value (GtkSpinButton *spin,
            const char    *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static int
standard_of (GtkSpinButton *spin)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "clipper-standard-size"));
}

static gboolean
on_text_size_output (GtkSpinButton *spin)
{
  g_autofree char *text = clipper_reading_units_format_text_size ((int) gtk_spin_button_get_value (spin),
                                                                  standard_of (spin));

  show_value (spin, text);
  return TRUE;
}

static int
on_text_size_input (GtkSpinButton *spin,
                    double        *value)
{
  double percent;

  if (!parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), &percent))
    return GTK_INPUT_ERROR;
  *value = round (percent * standard_of (spin) / 100.0);
  return TRUE;
}

static gboolean
on_line_width_output (GtkSpinButton *spin)
{
  g_autofree char *text = clipper_reading_units_format_line_width ((int) gtk_spin_button_get_value (spin));

  show_value (spin, text);
  return TRUE;
}

static int
on_line_width_input (GtkSpinButton *spin,
                     double        *value)
{
  return parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), value) ? TRUE : GTK_INPUT_ERROR;
}

/* Wide enough for the longest value with its unit: a spin button is as
 * wide as its upper bound's digits, and cut the unit off. */
static void
fit_width (GtkSpinButton *spin,
           const char    *longest)
{
  gtk_spin_button_set_numeric (spin, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), (int) g_utf8_strlen (longest, -1));
}

void
clipper_reading_units_attach_text_size (GtkSpinButton *spin,
                                        int            standard)
{
  GtkAdjustment *adjustment;
  g_autofree char *longest = NULL;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  adjustment = gtk_spin_button_get_adjustment (spin);
  g_object_set_data (G_OBJECT (spin), "clipper-standard-size", GINT_TO_POINTER (standard));
  g_signal_connect (spin, "output", G_CALLBACK (on_text_size_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_text_size_input), NULL);
  longest = clipper_reading_units_format_text_size ((int) gtk_adjustment_get_upper (adjustment), standard);
  fit_width (spin, longest);
  on_text_size_output (spin);
}

void
clipper_reading_units_attach_line_width (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment;
  g_autofree char *longest = NULL;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  adjustment = gtk_spin_button_get_adjustment (spin);
  g_signal_connect (spin, "output", G_CALLBACK (on_line_width_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_line_width_input), NULL);
  longest = clipper_reading_units_format_line_width ((int) gtk_adjustment_get_upper (adjustment));
  fit_width (spin, longest);
  on_line_width_output (spin);
}
