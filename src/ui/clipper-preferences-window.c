/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: reader typography and theme, the meaning of each highlight
 * colour, and the Markdown vault.  Every control is bound to the
 * org.example.Clipper schema, so the reader and the app follow at once.
 *
 * With the library (clipper_preferences_window_set_store()), a Tags page
 * lists every tag with its counts, to rename (into another tag's name:
 * merged) or delete everywhere at once.
 */
#define G_LOG_DOMAIN "clipper-preferences"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-preferences-window.h"
#include "clipper-resources.h"
#include "clipper-format.h"
#include "clipper-highlight.h"
#include "clipper-reading-units.h"
#include "clipper-store.h"
#include "clipper-text-match.h"
#include "clipper-vault-folder.h"

struct _ClipperPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GtkFileChooserNative *chooser;

  AdwComboRow *font_row;
  AdwComboRow *theme_row;
  GtkAdjustment *line_width_adjustment;
  GtkSpinButton *text_size_spin;
  GtkSpinButton *line_width_spin;
  AdwEntryRow *yellow_row;
  AdwEntryRow *green_row;
  AdwEntryRow *blue_row;
  AdwEntryRow *pink_row;
  AdwEntryRow *purple_row;
  AdwActionRow *vault_row;
  AdwPreferencesGroup *library_group;
  AdwActionRow *library_row;
  AdwActionRow *export_row;
  GtkSwitch *export_switch;

  ClipperStore *store;
  gboolean read_only;           /* the library cannot be written (clipper_store_is_read_only()) */
  AdwPreferencesPage *tags_page;
  AdwPreferencesGroup *tags_group;
  GtkSearchEntry *tags_search;
  GtkWidget *no_tag_match_row;  /* (nullable) in tag_rows, shown when the search finds none */
  GPtrArray *tag_rows;          /* the group's rows, to take out on reload */
  GHashTable *tag_names;        /* key (as the store folds it) → name, of the tags listed */
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
show_error (ClipperPreferencesWindow *self,
            const char               *what,
            const GError             *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  /* A toast's title is markup, and the message may quote a tag ("R&D"). */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  /* It stays until closed: a later one waited unseen behind it.  Shown at
   * once instead, the earlier one comes back when it is closed. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Why a control is insensitive in a library that cannot be written, in
 * the words of the window's banner. */
static const char *
read_only_reason (void)
{
  return _("This library is read-only: changes can’t be saved");
}

static void
update_vault_row (ClipperPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "vault-folder");

  adw_action_row_set_subtitle (self->vault_row, *folder != '\0' ? folder : _("None chosen"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-vault", *folder != '\0');
  /* The whole row: a click on it (it activates the switch) turned the
   * export on with no folder to export into.  A library that cannot be
   * written cannot be exported into a vault either: the export takes in
   * what was edited in the vault first, and failed on the store at each
   * change. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_row), *folder != '\0' && !self->read_only);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_row), self->read_only ? read_only_reason () : NULL);
  if (*folder == '\0' && g_settings_get_boolean (self->settings, "export-on-change"))
    g_settings_set_boolean (self->settings, "export-on-change", FALSE);
}

static void
vault_folder_confirmed (GtkWidget    *widget,
                        GFile        *folder,
                        const GError *error)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);
  g_autofree char *path = NULL;

  if (error != NULL)
    {
      show_error (self, _("Could not make the vault folder"), error);
      return;
    }
  path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (self->settings, "vault-folder", path);
}

/* An Obsidian vault full of the user's notes is asked about first, as the
 * window's Export Library as Markdown… does: every change would put a
 * file for each article among them. */
static void
on_chooser_response (GtkNativeDialog          *chooser,
                     int                       response,
                     ClipperPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        clipper_vault_folder_confirm (GTK_WINDOW (self), folder,
                                      self->store != NULL ? clipper_store_get_library_id (self->store) : NULL,
                                      GTK_WIDGET (self),
                                      vault_folder_confirmed);
    }
  g_clear_object (&self->chooser);
}

static void
choose_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);
  g_autofree char *vault = g_settings_get_string (self->settings, "vault-folder");
  g_autofree char *library = self->store != NULL ? g_strdup (clipper_store_get_path (self->store))
                                                 : clipper_store_dup_default_path ();
  g_autoptr (GFile) current = *vault != '\0' ? g_file_new_for_path (vault) : NULL;
  g_autoptr (GFile) around = current != NULL ? g_file_get_parent (current) : NULL;
  g_autoptr (GFile) start = NULL;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Vault Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), _("_Cancel"));
  /* Beside the vault folder chosen before, else in Documents; never in
   * the library's own folder (see clipper_dup_start_folder()). */
  start = clipper_dup_start_folder (around, library);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), start, NULL);
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

/* The library's whole path, for a terminal or a backup tool (the row
 * shows it with "~"). */
static void
copy_library_path_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);

  if (self->store == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), clipper_store_get_path (self->store));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Path copied")));
}

/* ------------------------------------------------------------------ */
/* Tags                                                                 */

/* In a library that cannot be written the buttons are insensitive (their
 * actions are off: see clipper_preferences_window_set_store()), and their
 * tooltip says why rather than what they would do. */
static GtkWidget *
tag_button (ClipperPreferencesWindow *self,
            const char               *icon_name,
            const char               *label,
            const char               *action_name,
            const char               *tag)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, self->read_only ? read_only_reason () : label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tag);
  return button;
}

/* Shows the tags whose names hold the search's text, folded as the
 * library search folds it ("cafe" finds "Café"); a "#" before it is
 * dropped, as in the Highlights page's filter. */
static void
filter_tags (ClipperPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_search));
  g_autofree char *folded = clipper_text_fold (text + strspn (text, "#"));
  guint n_shown = 0;
  guint n_tags = 0;

  g_strstrip (folded);
  for (guint i = 0; i < self->tag_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->tag_rows, i);
      gboolean shown;

      if (!gtk_widget_has_css_class (row, "clipper-tag-row"))
        continue;
      shown = clipper_text_fold_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), folded);
      gtk_widget_set_visible (row, shown);
      n_shown += shown;
      n_tags++;
    }
  if (self->no_tag_match_row != NULL)
    {
      /* Translators: %s is what was typed in the Tags page's search. */
      g_autofree char *subtitle = g_strdup_printf (_("No tag holds “%s”"), text);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_tag_match_row), subtitle);
      gtk_widget_set_visible (self->no_tag_match_row, n_tags > 0 && n_shown == 0);
    }
}

/* Escape empties the search first, then closes the window as it did. */
static void
on_tags_search_stop (ClipperPreferencesWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->tags_search)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->tags_search), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Ctrl+F while the Tags page shows. */
static gboolean
focus_tags_search (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);

  if (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self)) != self->tags_page)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->tags_search));
}

/* Typing anywhere in the window while the Tags page shows goes to its
 * search, as in GNOME Settings' lists: with the page alone taking the
 * keys, a click on the Tags tab left the keyboard on the tab, outside
 * the page, and the letters typed next went nowhere (review, session 20).
 * On the other pages the keys are theirs. */
static void
update_tags_key_capture (ClipperPreferencesWindow *self)
{
  gboolean tags = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self)) == self->tags_page;

  gtk_search_entry_set_key_capture_widget (self->tags_search, tags ? GTK_WIDGET (self) : NULL);
}

static void
reload_tags (ClipperPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) counts = NULL;

  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);
  g_hash_table_remove_all (self->tag_names);
  self->no_tag_match_row = NULL;
  if (self->store == NULL)
    return;

  counts = clipper_store_list_tag_counts (self->store, &error);
  if (counts == NULL)
    {
      show_error (self, _("Could not read the tags"), error);
      return;
    }
  if (counts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Tags Yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Tag an article from its menu, a highlight from its panel"));
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
      return;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      ClipperTagCount *c = g_ptr_array_index (counts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", c->n_articles),
                                                   c->n_articles);
      g_autofree char *highlights = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights",
                                                                  c->n_highlights),
                                                     c->n_highlights);
      g_autofree char *subtitle = NULL;
      g_autofree char *rename_label = g_strdup_printf (_("Rename “%s”"), c->name);
      g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), c->name);

      if (c->n_articles > 0 && c->n_highlights > 0)
        /* Translators: "3 articles · 2 highlights" */
        subtitle = g_strdup_printf (_("%s · %s"), articles, highlights);
      else
        subtitle = g_strdup (c->n_articles > 0 ? articles : highlights);

      /* A tag is text, not markup ("R&D"). */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "clipper-tag-row");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_button (self, "document-edit-symbolic", rename_label,
                                                                         "tags.rename", c->name));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_button (self, "user-trash-symbolic", delete_label,
                                                                         "tags.delete", c->name));
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
      g_hash_table_replace (self->tag_names, clipper_tag_key (c->name), g_strdup (c->name));
    }
  self->no_tag_match_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_tag_match_row), _("No Matching Tags"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->no_tag_match_row), FALSE);
  adw_preferences_group_add (self->tags_group, self->no_tag_match_row);
  g_ptr_array_add (self->tag_rows, self->no_tag_match_row);
  /* A tag renamed or added while searching is shown as the search says. */
  filter_tags (self);
}

/* The Rename button says what it will do: nothing for an empty name or
 * the same one, Merge for another tag's. */
static void
on_rename_entry_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  ClipperPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "clipper-prefs");
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "clipper-tag");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *key = clipper_tag_key (name);
  g_autofree char *old_key = clipper_tag_key (old_name);
  const char *other = g_hash_table_lookup (self->tag_names, key);
  gboolean merge = other != NULL && !g_str_equal (key, old_key);

  adw_message_dialog_set_response_enabled (dialog, "rename", *name != '\0' && !g_str_equal (name, old_name));
  adw_message_dialog_set_response_label (dialog, "rename", merge ? _("_Merge") : _("_Rename"));
}

static void
on_rename_response (AdwMessageDialog         *dialog,
                    const char               *response,
                    ClipperPreferencesWindow *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "clipper-tag");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "rename") || self->store == NULL)
    return;
  if (!clipper_store_rename_tag (self->store, old_name, gtk_editable_get_text (entry), &error))
    show_error (self, _("Could not rename the tag"), error);
  reload_tags (self);
}

static void
rename_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *body = g_strdup_printf (_("Every article and highlight tagged “%s” gets the new name. "
                                             "The name of another tag merges the two."), name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Rename Tag"), body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "clipper-tag", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "clipper-prefs", self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_entry_changed), dialog);
  on_rename_entry_changed (GTK_EDITABLE (entry), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), self);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_delete_response (AdwMessageDialog         *dialog,
                    const char               *response,
                    ClipperPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "clipper-tag");
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!clipper_store_delete_tag (self->store, name, &error))
    show_error (self, _("Could not delete the tag"), error);
  reload_tags (self);
}

static void
delete_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = g_strdup_printf (_("Delete Tag “%s”?"), name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), heading,
                            _("It is taken off every article and highlight; they stay in the library.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "clipper-tag", g_strdup (name), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
clipper_preferences_window_set_store (ClipperPreferencesWindow *self,
                                      ClipperStore             *store)
{
  g_return_if_fail (CLIPPER_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  /* A tag renamed or deleted in a library that cannot be written failed
   * with the store's error, once tried: not offered (as in the window). */
  self->read_only = store != NULL && clipper_store_is_read_only (store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tags.rename", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tags.delete", !self->read_only);
  update_vault_row (self);
  /* Where the library is, to back it up or name it to clipper-cli: the
   * app made it on the first run without saying where. */
  gtk_widget_set_visible (GTK_WIDGET (self->library_group), store != NULL);
  if (store != NULL)
    {
      g_autofree char *path = clipper_format_path (clipper_store_get_path (store));

      adw_action_row_set_subtitle (self->library_row, path);
    }
  /* A change from the window or clipper-cli shows here too. */
  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (reload_tags), self);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_page), store != NULL);
  reload_tags (self);
}

static void
clipper_preferences_window_dispose (GObject *object)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tag_names, g_hash_table_unref);
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
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, line_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, text_size_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, line_width_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, yellow_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, green_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, blue_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, pink_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, purple_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, vault_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, library_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, library_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, export_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, export_switch);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, tags_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, tags_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, tags_search);
  gtk_widget_class_bind_template_callback (widget_class, filter_tags);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_search_stop);

  gtk_widget_class_install_action (widget_class, "prefs.choose-vault", NULL, choose_vault_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-vault", NULL, clear_vault_action);
  gtk_widget_class_install_action (widget_class, "prefs.copy-library-path", NULL, copy_library_path_action);
  gtk_widget_class_install_action (widget_class, "tags.rename", "s", rename_tag_action);
  gtk_widget_class_install_action (widget_class, "tags.delete", "s", delete_tag_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clipper_preferences_window_init (ClipperPreferencesWindow *self)
{
  const char *const *colors = clipper_highlight_colors ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tag_rows = g_ptr_array_new ();
  self->tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "font-family", self->font_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) font_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "theme", self->theme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) theme_nicks, NULL);
  clipper_reading_units_bind_text_size (self->settings, self->text_size_spin);
  g_settings_bind (self->settings, "line-width", self->line_width_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  clipper_reading_units_attach_line_width (self->line_width_spin);
  g_settings_bind (self->settings, "export-on-change", self->export_switch, "active", G_SETTINGS_BIND_DEFAULT);

  load_color_names (self);
  for (guint i = 0; colors[i] != NULL; i++)
    g_signal_connect_swapped (color_row (self, colors[i]), "changed", G_CALLBACK (on_color_name_changed), self);

  /* On the Tags page typing starts the search, and Ctrl+F goes to it. */
  g_signal_connect (self, "notify::visible-page", G_CALLBACK (update_tags_key_capture), NULL);
  update_tags_key_capture (self);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcutAction *action = gtk_callback_action_new (focus_tags_search, NULL, NULL);

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            action));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  g_signal_connect_swapped (self->settings, "changed::vault-folder", G_CALLBACK (update_vault_row), self);
  g_signal_connect_swapped (self->settings, "changed::export-on-change", G_CALLBACK (update_vault_row), self);
  update_vault_row (self);
}

/* The group scrolled into view (the page's viewport scrolls to the focus,
 * but only as far as the row), then the keyboard on its Folder row.
 * Before the first layout the group has no place to scroll to: the next
 * frame then. */
static gboolean
show_vault_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (widget);
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->vault_row), ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  if (gtk_widget_get_height (group) == 0 || !gtk_widget_compute_bounds (group, scrolled, &bounds))
    return G_SOURCE_CONTINUE;
  /* In the scrolled window's coordinates: from its top, as now scrolled. */
  gtk_adjustment_clamp_page (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y,
                             gtk_adjustment_get_value (adjustment) + bounds.origin.y + bounds.size.height);
  gtk_widget_grab_focus (GTK_WIDGET (self->vault_row));
  return G_SOURCE_REMOVE;
}

void
clipper_preferences_window_show_vault (ClipperPreferencesWindow *self)
{
  g_return_if_fail (CLIPPER_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (self->vault_row),
                                                                                          ADW_TYPE_PREFERENCES_PAGE)));
  gtk_widget_add_tick_callback (GTK_WIDGET (self), show_vault_cb, NULL, NULL);
}

GtkWidget *
clipper_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (CLIPPER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
}
