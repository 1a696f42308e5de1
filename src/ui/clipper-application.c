/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one window on the library, app-wide actions, the
 * colour scheme, and "open" for `clipper URL…`, "Open With" on an HTML file
 * and clipper://save?url=… links, which all save into the running instance.
 *
 * A library made by an older Clipper is upgraded when it is opened, which
 * can take seconds (12 s for a million highlights).  Then the library
 * opens on a worker thread behind a small "Updating Your Library" window,
 * "open" requests wait in a queue, and the library window takes the
 * status window's place when the store is ready.  Any other library opens
 * on the main thread as before: asking whether it needs an upgrade is one
 * read-only PRAGMA, and the common start stays as fast as it was.
 */
#define G_LOG_DOMAIN "clipper"

#include <glib/gi18n.h>

#include "clipper-application.h"
#include "clipper-resources.h"
#include "clipper-preferences-window.h"
#include "clipper-reader-view.h"
#include "clipper-search-provider.h"
#include "clipper-upgrade-window.h"
#include "clipper-window.h"

struct _ClipperApplication
{
  AdwApplication parent_instance;

  ClipperStore *store;
  GSettings *settings;
  gint64 start_us;

  /* While the library is upgraded on a worker (see start_upgrade()). */
  GCancellable *opening;        /* non-NULL until the store is ready */
  GtkWindow *upgrade_window;    /* weak: the application owns its windows */
  GPtrArray *pending_opens;     /* (element-type GFile) "open" meanwhile */
  gint64 upgrade_start_us;
  guint upgrade_frames;         /* painted by the status window (CLIPPER_MEASURE_STARTUP) */
  gboolean upgrade_held;        /* its window closed: held until the upgrade ends */

  ClipperSearchProvider *search_provider; /* GNOME Shell's, on the session bus */
};

G_DEFINE_FINAL_TYPE (ClipperApplication, clipper_application, ADW_TYPE_APPLICATION)

/* How long a Clipper started for a Shell search stays after the last
 * request: the next letters typed find it running. */
#define SERVICE_INACTIVITY_MS 20000

ClipperStore *
clipper_application_get_store (ClipperApplication *self,
                               GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_APPLICATION (self), NULL);

  /* A second connection would only queue behind the upgrade's write lock
   * (and time out): the worker's store is coming. */
  if (self->store == NULL && self->opening != NULL)
    {
      g_set_error_literal (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_BUSY,
                           "the library is being updated for this version of Clipper");
      return NULL;
    }
  if (self->store == NULL)
    {
      g_autoptr (GError) local_error = NULL;
      const char *env_db = g_getenv ("CLIPPER_DB");

      /* The default library's folder is made on the first run; a folder
       * that $CLIPPER_DB names and that is not there is a typo, which an
       * empty library made in a new folder hid (clipper-cli refuses it
       * too). */
      if (env_db != NULL && *env_db != '\0')
        {
          g_autofree char *folder = g_path_get_dirname (env_db);

          if (!g_file_test (folder, G_FILE_TEST_EXISTS))
            {
              g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN,
                           "cannot open the library '%s' (named by CLIPPER_DB): there is no folder '%s'",
                           env_db, folder);
              return NULL;
            }
        }
      self->store = clipper_store_open (NULL, &local_error);
      /* A folder or a disk that cannot be written (a backup, a read-only
       * mount): the library is read as it is, and the window says it
       * cannot be changed.  One that cannot even be read that way (made
       * by an older Clipper, its last changes still in its log) is
       * refused with the read-only open's error, which says what to do. */
      if (self->store == NULL
          && g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY))
        {
          g_clear_error (&local_error);
          self->store = clipper_store_open_read_only (NULL, &local_error);
        }
      if (self->store == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return self->store;
}

char *
clipper_application_parse_clipper_uri (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *query;
  const char *url;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL || g_ascii_strcasecmp (g_uri_get_scheme (parsed), "clipper") != 0)
    return NULL;

  /* clipper://save?url=… has host "save"; clipper:save?url=… has path "save". */
  if (g_strcmp0 (g_uri_get_host (parsed), "save") != 0 && g_strcmp0 (g_uri_get_path (parsed), "save") != 0)
    return NULL;

  query = g_uri_get_query (parsed);
  if (query == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  url = params != NULL ? g_hash_table_lookup (params, "url") : NULL;

  return url != NULL && *url != '\0' ? g_strdup (url) : NULL;
}

/* Without a library there is nothing to show: a window that says why,
 * and closing it quits.  (A message dialog wants a window to belong to,
 * and there is none: GTK complained of one without a parent.) */
static void
show_open_error (ClipperApplication *self,
                 const GError       *error)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  gtk_widget_set_name (window, "clipper-open-error");
  gtk_window_set_title (GTK_WINDOW (window), _("Clipper"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 400);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
  gtk_widget_add_css_class (header, "flat");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  gtk_widget_add_css_class (page, "compact");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Cannot Open the Library"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_widget_set_halign (close, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close, "pill");
  gtk_widget_add_css_class (close, "suggested-action");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_close), window);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), close);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (close);
}

static void
save_files (ClipperWindow  *window,
            GFile         **files,
            guint           n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *target = clipper_application_parse_clipper_uri (uri);

      if (target == NULL && g_file_has_uri_scheme (files[i], "clipper"))
        {
          clipper_window_save_uri (window, "");
          continue;
        }
      clipper_window_save_uri (window, target != NULL ? target : uri);
    }
}

static ClipperWindow *ensure_window (ClipperApplication *self);

/* With CLIPPER_MEASURE_STARTUP: when the status window first shows, and
 * how many frames it paints during the upgrade (its spinner turns only
 * while the main loop runs). */
static void
on_upgrade_frame (GdkFrameClock      *clock,
                  ClipperApplication *self)
{
  if (self->upgrade_frames++ == 0)
    g_print ("upgrade-window-frame-ms %.1f\n", (g_get_monotonic_time () - self->start_us) / 1000.0);
}

static void
on_upgrade_window_realize (GtkWidget          *window,
                           ClipperApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_upgrade_frame), self);
}

static void
on_store_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (ClipperApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pending = g_steal_pointer (&self->pending_opens);
  ClipperStore *store = clipper_store_open_finish (result, &error);
  ClipperWindow *window;

  g_clear_object (&self->opening);
  /* The status window was closed meanwhile: the upgrade is done (or
   * failed), and the application may go — unless files wait to be saved,
   * which the library window below keeps it open for. */
  if (self->upgrade_held)
    {
      self->upgrade_held = FALSE;
      g_application_release (G_APPLICATION (self));
      if (store != NULL && pending == NULL)
        {
          self->store = store;
          return;
        }
    }
  if (store == NULL)
    {
      /* Cancelled only when the application went away meanwhile. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
    }
  else
    {
      g_assert (self->store == NULL);
      self->store = store;
      if (g_getenv ("CLIPPER_MEASURE_STARTUP") != NULL)
        g_print ("upgrade-ms %.1f\nupgrade-window-frames %u\n",
                 (g_get_monotonic_time () - self->upgrade_start_us) / 1000.0, self->upgrade_frames);

      window = ensure_window (self);
      g_assert (window != NULL);
      /* The library window first, so that the application never finds
       * itself without a window (it would quit) between the two. */
      gtk_window_present (GTK_WINDOW (window));
      if (pending != NULL)
        save_files (window, (GFile **) pending->pdata, pending->len);
    }

  if (self->upgrade_window != NULL)
    {
      if (gtk_widget_get_realized (GTK_WIDGET (self->upgrade_window)))
        g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (self->upgrade_window)),
                                              on_upgrade_frame, self);
      gtk_window_destroy (self->upgrade_window);
    }
}

/* Closing the status window does not stop the upgrade: quitting there
 * would throw away the step under way (SQLite undoes it; it starts over
 * at the next start), so the application stays, windowless, until the
 * worker is done, then goes. */
static gboolean
on_upgrade_window_close (GtkWindow          *window,
                         ClipperApplication *self)
{
  if (self->opening != NULL && !self->upgrade_held)
    {
      self->upgrade_held = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  return FALSE;
}

/* The status window, shown at once. */
static void
show_upgrade_window (ClipperApplication *self)
{
  ClipperUpgradeWindow *window = clipper_upgrade_window_new (GTK_APPLICATION (self));

  g_set_weak_pointer (&self->upgrade_window, GTK_WINDOW (window));
  if (g_getenv ("CLIPPER_MEASURE_STARTUP") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_upgrade_window_realize), self);
  g_signal_connect (window, "close-request", G_CALLBACK (on_upgrade_window_close), self);
  gtk_window_present (GTK_WINDOW (window));
}

/* Opens the library on a worker behind the status window. */
static void
start_upgrade (ClipperApplication *self)
{
  self->opening = g_cancellable_new ();
  self->upgrade_start_us = g_get_monotonic_time ();
  show_upgrade_window (self);

  clipper_store_open_async (NULL, self->opening, on_store_opened, g_object_ref (self));
}

/* The library window, made on first use; NULL while the library is being
 * upgraded (the status window is shown instead) or when it cannot be
 * opened (an error dialog is shown). */
static ClipperWindow *
ensure_window (ClipperApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr (GError) error = NULL;
  ClipperStore *store;

  if (CLIPPER_IS_WINDOW (window))
    return CLIPPER_WINDOW (window);

  if (self->opening != NULL)
    {
      /* Started again after closing the status window: it comes back,
       * and holds the application as it did. */
      if (self->upgrade_window == NULL)
        {
          show_upgrade_window (self);
          if (self->upgrade_held)
            {
              self->upgrade_held = FALSE;
              g_application_release (G_APPLICATION (self));
            }
        }
      else
        gtk_window_present (self->upgrade_window);
      return NULL;
    }

  /* Only the first open can find an old schema.  A file that cannot be
   * read here is left to clipper_store_open(), whose error says more. */
  if (self->store == NULL && clipper_store_needs_upgrade (NULL, NULL, NULL))
    {
      start_upgrade (self);
      return NULL;
    }

  store = clipper_application_get_store (self, &error);
  if (store == NULL)
    {
      show_open_error (self, error);
      return NULL;
    }

  window = GTK_WINDOW (clipper_window_new (self, store));
  clipper_window_restore_state (CLIPPER_WINDOW (window));
  if (g_getenv ("CLIPPER_MEASURE_STARTUP") != NULL)
    clipper_window_measure_startup (CLIPPER_WINDOW (window), self->start_us);

  return CLIPPER_WINDOW (window);
}

GtkWindow *
clipper_application_get_library_window (ClipperApplication *self)
{
  g_return_val_if_fail (CLIPPER_IS_APPLICATION (self), NULL);

  return GTK_WINDOW (ensure_window (self));
}

static void
clipper_application_activate (GApplication *app)
{
  ClipperWindow *window = ensure_window (CLIPPER_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
clipper_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  ClipperWindow *window = ensure_window (self);

  if (window == NULL)
    {
      /* Saved once the library is ready (see on_store_opened()). */
      if (self->opening != NULL)
        {
          if (self->pending_opens == NULL)
            self->pending_opens = g_ptr_array_new_with_free_func (g_object_unref);
          for (int i = 0; i < n_files; i++)
            g_ptr_array_add (self->pending_opens, g_object_ref (files[i]));
        }
      return;
    }

  save_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
apply_theme (ClipperApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *nick = g_settings_get_string (self->settings, "theme");

  /* Sepia is a light scheme with warm reader colours (the reader view
   * paints those); the window chrome stays light. */
  if (g_str_equal (nick, "light") || g_str_equal (nick, "sepia"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (nick, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ClipperApplication *self = user_data;
  GtkWidget *prefs = clipper_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  /* (No Tags page while the library is being upgraded.) */
  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), self->store);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Clipper developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Clipper"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Clipper developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Save articles, read them calmly, highlight and annotate them, "
                                       "and take your notes with you as Markdown."),
                         "website", "https://example.org/clipper",
                         "issue-url", "https://example.org/clipper/issues",
                         "developers", developers,
                         /* Translators: your names, one a line, as you want them credited. */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Clipper developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows properly so waiting deletes are carried out. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  /* A window still saving a page asks first and stays open: its answer
   * decides (Quit Anyway closes it, and the application goes with its
   * last window). */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CLIPPER_IS_WINDOW (l->data))
      return;
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
clipper_application_startup (GApplication *app)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);

  G_APPLICATION_CLASS (clipper_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  /* Started by the Shell for a search (D-Bus activation runs `clipper
   * --gapplication-service`): no window, and gone a while after the
   * last request. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SERVICE_INACTIVITY_MS);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::theme", G_CALLBACK (apply_theme), self);
  apply_theme (self);
}

static gboolean
clipper_application_dbus_register (GApplication    *app,
                                   GDBusConnection *connection,
                                   const char      *object_path,
                                   GError         **error)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);

  if (!G_APPLICATION_CLASS (clipper_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = clipper_search_provider_new (self);
  return clipper_search_provider_register (self->search_provider, connection, object_path, error);
}

static void
clipper_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);

  if (self->search_provider != NULL)
    clipper_search_provider_unregister (self->search_provider);

  G_APPLICATION_CLASS (clipper_application_parent_class)->dbus_unregister (app, connection, object_path);
}

/* Whatever ends the application, a note still waiting for its autosave
 * in a reader is written before the windows and the store go. */
static void
clipper_application_shutdown (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GtkWidget *reader = CLIPPER_IS_WINDOW (l->data) ? clipper_window_get_reader (l->data) : NULL;

      if (CLIPPER_IS_READER_VIEW (reader))
        clipper_reader_view_flush (CLIPPER_READER_VIEW (reader));
    }
  G_APPLICATION_CLASS (clipper_application_parent_class)->shutdown (app);
}

static void
clipper_application_dispose (GObject *object)
{
  ClipperApplication *self = CLIPPER_APPLICATION (object);

  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_weak_pointer (&self->upgrade_window);
  g_clear_pointer (&self->pending_opens, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_application_parent_class)->dispose (object);
}

static void
clipper_application_class_init (ClipperApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = clipper_application_dispose;

  /* Keeps the resource bundle (and its registering constructor) in the
   * link from the static library. */
  (void) clipper_get_resource ();
  app_class->startup = clipper_application_startup;
  app_class->activate = clipper_application_activate;
  app_class->open = clipper_application_open;
  app_class->shutdown = clipper_application_shutdown;
  app_class->dbus_register = clipper_application_dbus_register;
  app_class->dbus_unregister = clipper_application_dbus_unregister;
}

static void
clipper_application_init (ClipperApplication *self)
{
  self->start_us = g_get_monotonic_time ();
}

ClipperApplication *
clipper_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* Tests run many instances side by side.  The start-up measurement
   * (CLIPPER_MEASURE_STARTUP) stays unique, as a real start is: owning the
   * name on the session bus is part of what it measures. */
  if (g_getenv ("CLIPPER_NON_UNIQUE") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (CLIPPER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/org/example/Clipper",
                       NULL);
}
