/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: reader typography and theme, the meaning of each highlight
 * colour, and the Markdown vault.  Every control is bound to the
 * org.example.Clipper schema, so the reader and the app follow at once.
 */
#define G_LOG_DOMAIN "clipper-preferences"

#include <glib/gi18n.h>

#include "clipper-preferences-window.h"
#include "clipper-resources.h"
#include "clipper-highlight.h"

struct _ClipperPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GtkFileChooserNative *chooser;

  AdwComboRow *font_row;
  AdwComboRow *theme_row;
  GtkAdjustment *font_size_adjustment;
  GtkAdjustment *line_width_adjustment;
  AdwEntryRow *yellow_row;
  AdwEntryRow *green_row;
  AdwEntryRow *blue_row;
  AdwEntryRow *pink_row;
  AdwEntryRow *purple_row;
  AdwActionRow *vault_row;
  AdwActionRow *export_row;
  GtkSwitch *export_switch;
};

G_DEFINE_FINAL_TYPE (ClipperPreferencesWindow, clipper_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const font_nicks[] = { "serif", "sans" };
static const char *const theme_nicks[] = { "system", "light", "dark", "sepia" };

static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[index]);
}

static AdwEntryRow *
color_row (ClipperPreferencesWindow *self,
           const char               *color)
{
  if (g_str_equal (color, "yellow")) return self->yellow_row;
  if (g_str_equal (color, "green")) return self->green_row;
  if (g_str_equal (color, "blue")) return self->blue_row;
  if (g_str_equal (color, "pink")) return self->pink_row;
  if (g_str_equal (color, "purple")) return self->purple_row;
  return NULL;
}

static void
load_color_names (ClipperPreferencesWindow *self)
{
  g_autoptr (GVariant) names = g_settings_get_value (self->settings, "color-names");
  const char *const *colors = clipper_highlight_colors ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      const char *meaning = "";

      g_variant_lookup (names, colors[i], "&s", &meaning);
      gtk_editable_set_text (GTK_EDITABLE (color_row (self, colors[i])), meaning);
    }
}

static void
on_color_name_changed (ClipperPreferencesWindow *self)
{
  const char *const *colors = clipper_highlight_colors ();
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; colors[i] != NULL; i++)
    {
      g_autofree char *meaning = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (color_row (self, colors[i])))));

      g_variant_builder_add (&builder, "{ss}", colors[i], meaning);
    }
  g_settings_set_value (self->settings, "color-names", g_variant_builder_end (&builder));
}

static void
update_vault_row (ClipperPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "vault-folder");

  adw_action_row_set_subtitle (self->vault_row, *folder != '\0' ? folder : _("None chosen"));
  /* The whole row: a click on it (it activates the switch) turned the
   * export on with no folder to export into. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_row), *folder != '\0');
  if (*folder == '\0' && g_settings_get_boolean (self->settings, "export-on-change"))
    g_settings_set_boolean (self->settings, "export-on-change", FALSE);
}

static void
on_chooser_response (GtkNativeDialog          *chooser,
                     int                       response,
                     ClipperPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "vault-folder", path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Vault Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), _("_Cancel"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_vault_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);

  g_settings_set_string (self->settings, "vault-folder", "");
  g_settings_set_boolean (self->settings, "export-on-change", FALSE);
}

static void
clipper_preferences_window_dispose (GObject *object)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_PREFERENCES_WINDOW);
  /* The bindings keep the GSettings alive past this window: a change
   * after it closed must not reach it. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (clipper_preferences_window_parent_class)->dispose (object);
}

static void
clipper_preferences_window_class_init (ClipperPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_preferences_window_dispose;

  /* Keeps the resource bundle (and its registering constructor) in the
   * link from the static library. */
  (void) clipper_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, font_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, line_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, yellow_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, green_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, blue_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, pink_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, purple_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, vault_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, export_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, export_switch);

  gtk_widget_class_install_action (widget_class, "prefs.choose-vault", NULL, choose_vault_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-vault", NULL, clear_vault_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clipper_preferences_window_init (ClipperPreferencesWindow *self)
{
  const char *const *colors = clipper_highlight_colors ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "font-family", self->font_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) font_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "theme", self->theme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) theme_nicks, NULL);
  g_settings_bind (self->settings, "font-size", self->font_size_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-width", self->line_width_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-on-change", self->export_switch, "active", G_SETTINGS_BIND_DEFAULT);

  load_color_names (self);
  for (guint i = 0; colors[i] != NULL; i++)
    g_signal_connect_swapped (color_row (self, colors[i]), "changed", G_CALLBACK (on_color_name_changed), self);

  g_signal_connect_swapped (self->settings, "changed::vault-folder", G_CALLBACK (update_vault_row), self);
  g_signal_connect_swapped (self->settings, "changed::export-on-change", G_CALLBACK (update_vault_row), self);
  update_vault_row (self);
}

GtkWidget *
clipper_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (CLIPPER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
}
