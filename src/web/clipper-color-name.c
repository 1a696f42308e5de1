/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the app calls a highlight colour: one name for the colour filter,
 * the swatches' tooltips and what a screen reader says of a colour stripe,
 * so that a screen-reader user hears the name the menus show.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-color-name.h"

#include <glib/gi18n.h>

const char *
clipper_color_get_display_name (const char *color)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "yellow", N_("Yellow") },
    { "green", N_("Green") },
    { "blue", N_("Blue") },
    { "pink", N_("Pink") },
    { "purple", N_("Purple") },
  };

  g_return_val_if_fail (color != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].key, color))
      return _(names[i].name);
  return color;
}

char *
clipper_color_dup_label (GSettings  *settings,
                         const char *color)
{
  g_autoptr(GVariant) names = NULL;
  const char *meaning = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (color != NULL, NULL);

  if (settings != NULL)
    {
      names = g_settings_get_value (settings, "color-names");
      g_variant_lookup (names, color, "&s", &meaning);
    }
  if (meaning != NULL && *meaning != '\0')
    /* Translators: a highlight colour and what it means to the user, "Yellow · Important" */
    return g_strdup_printf (_("%s · %s"), clipper_color_get_display_name (color), meaning);
  return g_strdup (clipper_color_get_display_name (color));
}

char *
clipper_highlight_dup_accessible_label (ClipperHighlight *h,
                                        GSettings        *settings,
                                        gboolean          with_article)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *color = clipper_highlight_get_color (h) != NULL ? clipper_highlight_get_color (h) : "yellow";
  const char *note = clipper_highlight_get_note (h);
  const char *title = clipper_highlight_get_article_title (h);

  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (h), NULL);

  g_ptr_array_add (parts, clipper_text_dup_one_line (clipper_highlight_get_quote (h)));
  g_ptr_array_add (parts, clipper_color_dup_label (settings, color));
  if (note != NULL && *note != '\0')
    /* Translators: said by a screen reader of a highlight in a list */
    g_ptr_array_add (parts, g_strdup (_("with a note")));
  if (with_article)
    g_ptr_array_add (parts, g_strdup (title != NULL && *title != '\0' ? title : _("Untitled")));
  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the parts of a highlight's description a
   * screen reader says ("whale strandings, Blue · Vocabulary, with a note") */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}
