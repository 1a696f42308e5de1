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

/* The text size steps by a tenth of the default, as GNOME Web's zoom, and
 * shows on a grid of 5%: the setting is in whole points, so with the 18 pt
 * default 110% is 19.8 pt, kept as 20 pt (111%).  Shown unrounded, a
 * typed "110" came back as "111%" and Preferences' steps of a point as
 * 106%, 111%, 117% (review, session 21).  A point is more than 5% of any
 * default up to 20 pt, so no two sizes show the same. */
#define TEXT_SIZE_STEP 10
#define TEXT_SIZE_GRID 5

int
clipper_reading_units_text_size_percent (int size,
                                         int standard)
{
  return (int) round (size * 100.0 / MAX (standard, 1) / TEXT_SIZE_GRID) * TEXT_SIZE_GRID;
}

static char *
format_percent (int percent)
{
  /* Translators: the reader's text size against the default, "120%", as
   * GNOME Web shows its zoom (a space or not as your language writes it). */
  return g_strdup_printf (_("%d%%"), percent);
}

char *
clipper_reading_units_format_text_size (int size,
                                        int standard)
{
  return format_percent (clipper_reading_units_text_size_percent (size, standard));
}

/* The schema's bounds and default of the text size, in points. */
static void
text_size_bounds (GSettings *settings,
                  int       *low,
                  int       *high,
                  int       *standard)
{
  g_autoptr (GSettingsSchemaKey) key = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GVariant) range = NULL;
  g_autoptr (GVariant) bounds = NULL;
  g_autoptr (GVariant) fallback = NULL;
  const char *type;

  *low = 10;
  *high = 32;
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "font-size");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &bounds);
  if (g_str_equal (type, "range"))
    g_variant_get (bounds, "(ii)", low, high);
  fallback = g_settings_schema_key_get_default_value (key);
  *standard = MAX (g_variant_get_int32 (fallback), 1);
}

/* @percent of @standard in whole points, within the bounds. */
static int
points_of (double percent,
           int    low,
           int    high,
           int    standard)
{
  return CLAMP ((int) round (percent * standard / 100.0), low, high);
}

void
clipper_reading_units_step_text_size (GSettings *settings,
                                      int        steps)
{
  int low, high, standard, percent;

  g_return_if_fail (G_IS_SETTINGS (settings));

  text_size_bounds (settings, &low, &high, &standard);
  percent = clipper_reading_units_text_size_percent (g_settings_get_int (settings, "font-size"), standard);
  g_settings_set_int (settings, "font-size", points_of (percent + steps * TEXT_SIZE_STEP, low, high, standard));
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

typedef struct
{
  int low;
  int high;
  int standard;
} TextSize;

static gboolean
on_text_size_output (GtkSpinButton *spin)
{
  g_autofree char *text = format_percent ((int) round (gtk_spin_button_get_value (spin)));

  show_value (spin, text);
  return TRUE;
}

/* A typed percentage is kept as the size it makes, shown on the grid:
 * "110" stays "110%", and "112", 20 pt as well, becomes "110%" too. */
static int
on_text_size_input (GtkSpinButton *spin,
                    double        *value)
{
  TextSize *size = g_object_get_data (G_OBJECT (spin), "clipper-text-size");
  double percent;

  if (!parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), &percent))
    return GTK_INPUT_ERROR;
  *value = clipper_reading_units_text_size_percent (points_of (percent, size->low, size->high, size->standard),
                                                    size->standard);
  return TRUE;
}

static gboolean
text_size_to_percent (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  TextSize *size = user_data;

  g_value_set_double (value, clipper_reading_units_text_size_percent (g_variant_get_int32 (variant), size->standard));
  return TRUE;
}

static GVariant *
text_size_from_percent (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  TextSize *size = user_data;

  return g_variant_new_int32 (points_of (g_value_get_double (value), size->low, size->high, size->standard));
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
clipper_reading_units_bind_text_size (GSettings     *settings,
                                      GtkSpinButton *spin)
{
  GtkAdjustment *adjustment;
  TextSize *size;
  g_autofree char *longest = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  size = g_new0 (TextSize, 1);
  text_size_bounds (settings, &size->low, &size->high, &size->standard);
  g_object_set_data_full (G_OBJECT (spin), "clipper-text-size", size, g_free);

  /* The spin button counts in percent, the header's steps. */
  adjustment = gtk_spin_button_get_adjustment (spin);
  gtk_adjustment_configure (adjustment,
                            clipper_reading_units_text_size_percent (size->standard, size->standard),
                            clipper_reading_units_text_size_percent (size->low, size->standard),
                            clipper_reading_units_text_size_percent (size->high, size->standard),
                            TEXT_SIZE_STEP, 5 * TEXT_SIZE_STEP, 0);
  g_signal_connect (spin, "output", G_CALLBACK (on_text_size_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_text_size_input), NULL);
  g_settings_bind_with_mapping (settings, "font-size", adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                text_size_to_percent, text_size_from_percent, size, NULL);
  longest = clipper_reading_units_format_text_size (size->high, size->standard);
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
