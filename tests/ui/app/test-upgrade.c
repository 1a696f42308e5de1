/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting the app on a library made by an older Clipper: the "Updating
 * Your Library" window shows at once while the schema is upgraded on a
 * worker, the main loop keeps running, a file opened meanwhile is saved
 * once the library is ready, and the library window with the articles
 * takes the status window's place; closing the status window lets the
 * upgrade finish before the application goes.  A real application on a real SQLite
 * file, under Xvfb.
 */
#define G_LOG_DOMAIN "test-upgrade"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "clipper-application.h"
#include "clipper-store-private.h"
#include "clipper-upgrade-window.h"
#include "clipper-window.h"

/* Enough that the upgrade takes a few tenths of a second, long enough for
 * the status window to be painted and for the test to act meanwhile. */
#define N_HIGHLIGHTS 60000

static const char *const titles[] = { "The pelican brief", "Notes on gardens", "Old news" };

/* A library as schema version 4 left it: three articles saved through the
 * store (version 4 indexed articles itself) and many highlights written in
 * one batch with their word index. */
static void
make_version_4 (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperStore) store = clipper_store_open_at_version (path, 4, &error);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    add_article (store, titles[i], "Pelicans glide over the bay at dawn.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_clear_object (&store);

  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                         "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                         "  note, created_at, updated_at)"
                         "  SELECT i, printf ('00000000-0000-4000-8000-%%012d', i), 1 + i %% 3, 'yellow',"
                         "    printf ('pelican %%d glides over the bay at dawn and the tide comes in', i),"
                         "    0, 8, printf ('note %%d on the bay', i), i, i FROM n;"
                         "INSERT INTO highlights_fts (highlights_fts) VALUES ('rebuild');"
                         "COMMIT;",
                         N_HIGHLIGHTS);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("cannot make the old library: %s", message);
  sqlite3_close (db);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static ClipperWindow *
find_library_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CLIPPER_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the calling test in a process of its own and returns TRUE in the
 * parent, which is then done: g_application_register() without
 * g_application_run() (which unregisters at its end) leaves an
 * application on the bus under the object path the next one needs. */
static gboolean
in_own_process (void)
{
  if (g_test_subprocess ())
    return FALSE;
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

/* A folder for the test's library, which the application is pointed at. */
static void
library_dir_init (TestLibrary *lib)
{
  g_autoptr (GError) error = NULL;

  lib->dir = g_dir_make_tmp ("clipper-upgrade-test-XXXXXX", &error);
  g_assert_no_error (error);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
  g_setenv ("CLIPPER_DB", lib->path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
}

static void
library_dir_clear (TestLibrary *lib)
{
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  test_library_clear (lib);
}

static void
test_upgrade_window (void)
{
  TestLibrary lib = { 0 };
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *page = NULL;
  GtkWindow *status;
  GtkWidget *status_page;
  ClipperWindow *window = NULL;
  GListModel *model;
  ClipperListQuery all = { .state = CLIPPER_STATE_FILTER_ALL };
  guint ticks = 0;
  guint tick_id;
  guint n = 0;
  gint64 started;
  gboolean painted = FALSE;

  library_dir_init (&lib);
  make_version_4 (lib.path);
  g_assert_true (clipper_store_needs_upgrade (lib.path, NULL, &error));
  g_assert_no_error (error);

  page = g_build_filename (lib.dir, "page.html", NULL);
  g_file_set_contents (page,
                       "<!DOCTYPE html><html><head><title>Opened While Updating</title></head><body><article>"
                       "<h1>Opened While Updating</h1><p>A local page opened with Clipper while it was still "
                       "updating the library. It has enough words in it to be an article: the river, the "
                       "reeds, the herons and the slow tide over the mud flats.</p><p>A second paragraph, so "
                       "that the extractor sees a body worth keeping.</p></article></body></html>",
                       -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (page);

  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Activation returns at once with the status window, not the library. */
  started = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  g_test_message ("activate took %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
  status = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_UPGRADE_WINDOW (status));
  g_assert_null (find_library_window (GTK_APPLICATION (app)));
  g_assert_cmpstr (gtk_window_get_title (status), ==, "Updating Your Library");
  status_page = find_widget (GTK_WIDGET (status), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "Updating Your Library");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), ==,
                   "Clipper is preparing your saved articles for this version. This happens once.");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status_page)), ==, APP_ID);
  g_assert_nonnull (find_widget (GTK_WIDGET (status), GTK_TYPE_SPINNER));

  /* A file opened meanwhile waits for the library; activating again
   * shows the same status window. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == status);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* The main loop runs while the worker upgrades: the status window gets
   * painted and a 10 ms timer keeps firing. */
  tick_id = g_timeout_add (10, tick_cb, &ticks);
  for (guint i = 0; i < 3000 && (window = find_library_window (GTK_APPLICATION (app))) == NULL; i++)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!painted && window == NULL && gtk_widget_get_mapped (GTK_WIDGET (status)))
        painted = TRUE;
    }
  g_source_remove (tick_id);
  g_test_message ("library window after %.2f s, %u ticks of 10 ms meanwhile",
                  (g_get_monotonic_time () - started) / 1e6, ticks);
  g_assert_nonnull (window);
  g_assert_true (painted);
  g_assert_cmpuint (ticks, >=, 3);

  /* The library window took the status window's place, on the upgraded
   * library, with its articles. */
  spin (50);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpint (clipper_store_get_schema_version (clipper_window_get_store (window)), ==,
                   CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_false (clipper_store_needs_upgrade (lib.path, NULL, &error));
  g_assert_no_error (error);
  model = G_LIST_MODEL (clipper_window_get_library_model (window));
  for (guint i = 0; i < 200 && g_list_model_get_n_items (model) < G_N_ELEMENTS (titles); i++)
    spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, G_N_ELEMENTS (titles));

  /* The file opened during the upgrade was saved, not lost. */
  store = clipper_store_open (lib.path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 600 && n < G_N_ELEMENTS (titles) + 1; i++)
    {
      spin (50);
      clipper_store_count_articles (store, &all, &n, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (titles) + 1);
  {
    g_autoptr (GPtrArray) articles = clipper_store_list_articles (store, &all, NULL, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < articles->len; i++)
      found |= g_str_equal (clipper_article_get_title (articles->pdata[i]), "Opened While Updating");
    g_assert_true (found);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_object (&app);
  lib.store = g_steal_pointer (&store);
  library_dir_clear (&lib);
}

/* An old library whose upgrade fails ends in the "Cannot Open the
 * Library" dialog, with the status window gone. */
static GtkWidget *
find_widget_of_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget_of_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_upgrade_error (void)
{
  TestLibrary lib = { 0 };
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *status;
  GtkWindow *dialog = NULL;
  sqlite3 *db = NULL;

  if (in_own_process ())
    return;

  library_dir_init (&lib);
  {
    g_autoptr (ClipperStore) store = clipper_store_open_at_version (lib.path, 4, &error);

    g_assert_no_error (error);
  }
  /* A table in the way of version 5's makes that step fail: an upgrade
   * that cannot finish, as a full disk would. */
  g_assert_cmpint (sqlite3_open_v2 (lib.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE highlights_bigrams (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  status = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_UPGRADE_WINDOW (status));

  for (guint i = 0; i < 600 && dialog == NULL; i++)
    {
      spin (20);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (g_strcmp0 (gtk_widget_get_name (l->data), "clipper-open-error") == 0)
          dialog = l->data;
    }
  g_assert_nonnull (dialog);
  {
    GtkWidget *page = find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE);

    g_assert_nonnull (page);
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Cannot Open the Library");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "version 5"));
  }
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_null (find_library_window (GTK_APPLICATION (app)));

  gtk_window_close (dialog);
  spin (50);
  g_clear_object (&app);
  library_dir_clear (&lib);
}

typedef struct {
  gboolean closed;          /* the status window, by the user */
  gboolean library_shown;   /* a library window came */
} CloseState;

static gboolean
close_status_cb (gpointer window)
{
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 CloseState     *state)
{
  if (CLIPPER_IS_UPGRADE_WINDOW (window) && !state->closed)
    {
      /* As soon as it shows, as a user who does not want to wait. */
      state->closed = TRUE;
      g_idle_add (close_status_cb, window);
    }
  if (CLIPPER_IS_WINDOW (window))
    state->library_shown = TRUE;
}

/* Closing the status window does not throw the upgrade away: the
 * application stays, windowless, until the library is upgraded, then
 * quits without showing the library. */
static void
test_upgrade_window_closed (void)
{
  TestLibrary lib = { 0 };
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  CloseState state = { FALSE, FALSE };
  char *app_argv[] = { (char *) "clipper", NULL };
  int status;

  if (in_own_process ())
    return;

  library_dir_init (&lib);
  make_version_4 (lib.path);

  app = clipper_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &state);
  status = g_application_run (G_APPLICATION (app), 1, app_argv);

  /* The run ended only once the upgrade was written. */
  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.closed);
  g_assert_false (state.library_shown);
  g_assert_false (clipper_store_needs_upgrade (lib.path, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&app);
  library_dir_clear (&lib);
}

/* Started again after closing the status window: the status window comes
 * back, then the library window takes its place as usual. */
static void
test_upgrade_window_reopened (void)
{
  TestLibrary lib = { 0 };
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *status;
  ClipperWindow *window = NULL;

  if (in_own_process ())
    return;

  library_dir_init (&lib);
  make_version_4 (lib.path);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  status = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_UPGRADE_WINDOW (status));
  gtk_window_close (status);
  spin (20);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_application_activate (G_APPLICATION (app));
  status = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_UPGRADE_WINDOW (status));
  for (guint i = 0; i < 3000 && (window = find_library_window (GTK_APPLICATION (app))) == NULL; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (window);
  spin (50);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_false (clipper_store_needs_upgrade (lib.path, NULL, &error));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_object (&app);
  library_dir_clear (&lib);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/upgrade/status-window-then-library", test_upgrade_window);
  g_test_add_func ("/app/upgrade/error-dialog", test_upgrade_error);
  g_test_add_func ("/app/upgrade/status-window-closed", test_upgrade_window_closed);
  g_test_add_func ("/app/upgrade/status-window-reopened", test_upgrade_window_reopened);

  return g_test_run ();
}
