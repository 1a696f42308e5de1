/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNOME Shell's search provider (src/ui/clipper-search-provider.c), called
 * over D-Bus as the Shell calls it: in the running application, and in a
 * Clipper the bus starts from its service file, as the Shell's first
 * search of a session does.
 */
#define G_LOG_DOMAIN "test-search-provider"

#include <adwaita.h>

#include "app-test-util.h"
#include "clipper-test-util.h"
#include "clipper-application.h"
#include "clipper-reader-view.h"
#include "clipper-search-provider.h"
#include "clipper-window.h"

#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"
#define PROVIDER_PATH "/org/example/Clipper" CLIPPER_SEARCH_PROVIDER_PATH_SUFFIX

static const char estuary_text[] =
  "A long account of the estuary and its tides. At last the grey heron lifts from the reeds "
  "and crosses the channel. The light fails, the curlews call, and we walk home.";

typedef struct {
  gboolean done;
  GVariant *reply;
  GError *error;
} Call;

static void
call_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

/* Calls the provider at @dest and waits for the answer, the main loop
 * running meanwhile (the provider may be this process). */
static GVariant *
call_provider (GDBusConnection *bus,
               const char      *dest,
               const char      *method,
               GVariant        *parameters,
               const char      *reply_type)
{
  Call call = { 0 };

  g_dbus_connection_call (bus, dest, PROVIDER_PATH, PROVIDER_IFACE, method, parameters,
                          G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 60000, NULL, call_done, &call);
  g_assert_true (wait_for (&call.done, 90));
  g_assert_no_error (call.error);
  return call.reply;
}

static char **
result_set (GDBusConnection   *bus,
            const char        *dest,
            const char * const *terms)
{
  g_autoptr (GVariant) reply = call_provider (bus, dest, "GetInitialResultSet",
                                              g_variant_new ("(^as)", terms), "(as)");
  char **ids = NULL;

  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

/* The meta of @id among @metas, as "name|description". */
static char *
meta_of (GVariant   *metas,
         const char *id)
{
  g_autoptr (GVariantIter) iter = NULL;
  GVariant *meta;

  g_variant_get (metas, "(aa{sv})", &iter);
  while ((meta = g_variant_iter_next_value (iter)) != NULL)
    {
      g_autoptr (GVariantDict) dict = g_variant_dict_new (meta);
      const char *mid = NULL, *name = NULL, *description = NULL;

      g_variant_unref (meta);
      g_variant_dict_lookup (dict, "id", "&s", &mid);
      if (g_strcmp0 (mid, id) != 0)
        continue;
      g_assert_true (g_variant_dict_lookup (dict, "name", "&s", &name));
      g_assert_true (g_variant_dict_lookup (dict, "description", "&s", &description));
      g_assert_true (g_variant_dict_contains (dict, "icon"));
      return g_strdup_printf ("%s|%s", name, description);
    }
  return NULL;
}

static void
on_ready (ClipperReaderView *reader,
          gint64             id,
          double             ms,
          gpointer           user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_in_running_app (void)
{
  TestLibrary lib;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) metas = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_auto (GStrv) ids = NULL;
  g_auto (GStrv) narrowed = NULL;
  g_auto (GStrv) none = NULL;
  g_autofree char *article_id = NULL;
  g_autofree char *highlight_id = NULL;
  g_autofree char *article_meta = NULL;
  g_autofree char *highlight_meta = NULL;
  GDBusConnection *bus;
  const char *self_name;
  GtkWindow *window;
  GtkWidget *reader;
  gboolean ready = FALSE;
  gint64 estuary, fells, maps, hl;

  test_library_init (&lib);
  estuary = add_article (lib.store, "The Estuary at Dusk", estuary_text, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  /* The source's line break and indent, as articles saved before 30
   * November 2026 kept them in their text (and their quotes). */
  fells = add_article (lib.store, "On the Fells", "Sheep on\n            the fells, and a heronry in the wood below.",
                       CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  maps = add_article (lib.store, "Maps", "Nothing about birds here at all.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_assert_true (clipper_store_tag_article (lib.store, maps, (const char *[]) { "café", NULL }, &error));
  g_assert_no_error (error);
  hl = clipper_test_add_highlight (lib.store, fells, "Sheep on\n            the fells", "Counted forty herons once");
  article_id = g_strdup_printf ("article:%" G_GINT64_FORMAT, estuary);
  highlight_id = g_strdup_printf ("highlight:%" G_GINT64_FORMAT, hl);

  g_setenv ("CLIPPER_DB", lib.path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  bus = g_application_get_dbus_connection (G_APPLICATION (app));
  g_assert_nonnull (bus);
  self_name = g_dbus_connection_get_unique_name (bus);

  /* Words match as a word's beginning, in the text, the title and the
   * notes, as in the window: the estuary's heron, the highlight's note
   * (herons), and the fells' "heronry" (an article hit of its own). */
  ids = result_set (bus, self_name, (const char *[]) { "heron", NULL });
  g_assert_true (g_strv_contains ((const char * const *) ids, article_id));
  g_assert_true (g_strv_contains ((const char * const *) ids, highlight_id));
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  /* The Shell narrows as the user types on. */
  reply = call_provider (bus, self_name, "GetSubsearchResultSet",
                         g_variant_new ("(^as^as)", ids, (const char *[]) { "heron", "curlew", NULL }), "(as)");
  g_variant_get (reply, "(^as)", &narrowed);
  g_assert_cmpuint (g_strv_length (narrowed), ==, 1);
  g_assert_cmpstr (narrowed[0], ==, article_id);
  /* Nothing, and words the index cannot read, find nothing without an error. */
  none = result_set (bus, self_name, (const char *[]) { "&&", NULL });
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_clear_pointer (&none, g_strfreev);
  none = result_set (bus, self_name, (const char *[]) { " ", NULL });
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* search22: the provider reads a query as the window and the CLI do
   * (one parser): a NOT with nothing before it leaves out what follows
   * (it was searched as the word "not"), and "x OR (-y)", which no
   * search can say, finds nothing (it was read as "x NOT y"). */
  {
    g_auto (GStrv) left_out = result_set (bus, self_name, (const char *[]) { "NOT", "fells", "heron", NULL });
    g_auto (GStrv) or_left_out = result_set (bus, self_name, (const char *[]) { "heron", "OR", "(-fells)", NULL });

    g_assert_cmpuint (g_strv_length (left_out), ==, 1);
    g_assert_cmpstr (left_out[0], ==, article_id);
    g_assert_cmpuint (g_strv_length (or_left_out), ==, 0);
  }

  /* Names are titles; descriptions the words around the match, one line,
   * without marks; a highlight says it is one.  A match in a highlight's
   * note gives its passage and says the words are in the note, as the
   * window's row does (it gave the note alone, like a passage). */
  g_clear_pointer (&ids, g_strfreev);
  ids = result_set (bus, self_name, (const char *[]) { "heron", NULL });
  metas = call_provider (bus, self_name, "GetResultMetas",
                         g_variant_new ("(^as)", (const char *[]) { article_id, highlight_id, "article:999", NULL }),
                         "(aa{sv})");
  article_meta = meta_of (metas, article_id);
  highlight_meta = meta_of (metas, highlight_id);
  g_assert_nonnull (article_meta);
  g_assert_true (g_str_has_prefix (article_meta, "The Estuary at Dusk|"));
  g_assert_nonnull (strstr (article_meta, "the grey heron lifts"));
  g_assert_null (strpbrk (article_meta, "\x02\x03\n"));
  g_assert_cmpstr (highlight_meta, ==,
                   "On the Fells|Highlight: “Sheep on the fells”, in your note: Counted forty herons once");
  g_assert_null (meta_of (metas, "article:999"));

  /* A hit on a tag says so, as the window's row does: the article's
   * text alone did not say why "Maps" was found. */
  {
    g_auto (GStrv) tagged = result_set (bus, self_name, (const char *[]) { "cafe", NULL });
    g_autoptr (GVariant) tag_metas = NULL;
    g_autofree char *maps_id = g_strdup_printf ("article:%" G_GINT64_FORMAT, maps);
    g_autofree char *maps_meta = NULL;

    g_assert_cmpuint (g_strv_length (tagged), ==, 1);
    g_assert_cmpstr (tagged[0], ==, maps_id);
    tag_metas = call_provider (bus, self_name, "GetResultMetas", g_variant_new ("(^as)", tagged), "(aa{sv})");
    maps_meta = meta_of (tag_metas, maps_id);
    g_assert_nonnull (maps_meta);
    g_assert_true (g_str_has_prefix (maps_meta, "Maps|Tagged café"));
    g_assert_null (strpbrk (maps_meta, "\x02\x03\n"));
  }

  /* Choosing the article opens it in the window, at the words found. */
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_provider (bus, self_name, "ActivateResult",
                         g_variant_new ("(s^asu)", article_id, (const char *[]) { "heron", NULL }, 0), "()");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_WINDOW (window));
  g_assert_cmpint (clipper_window_get_article_id (CLIPPER_WINDOW (window)), ==, estuary);
  reader = clipper_window_get_reader (CLIPPER_WINDOW (window));
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));

  /* The highlight opens its article; one the Shell kept from an older
   * search is looked up again. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_provider (bus, self_name, "ActivateResult",
                         g_variant_new ("(s^asu)", highlight_id, (const char *[]) { "heron", NULL }, 0), "()");
  g_assert_cmpint (clipper_window_get_article_id (CLIPPER_WINDOW (window)), ==, fells);
  g_clear_pointer (&none, g_strfreev);
  none = result_set (bus, self_name, (const char *[]) { "maps", NULL });
  g_clear_pointer (&metas, g_variant_unref);
  g_clear_pointer (&highlight_meta, g_free);
  metas = call_provider (bus, self_name, "GetResultMetas",
                         g_variant_new ("(^as)", (const char *[]) { highlight_id, NULL }), "(aa{sv})");
  highlight_meta = meta_of (metas, highlight_id);
  g_assert_cmpstr (highlight_meta, ==, "On the Fells|Highlight: Sheep on the fells");
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_provider (bus, self_name, "ActivateResult",
                         g_variant_new ("(s^asu)", article_id, (const char *[]) { "heron", NULL }, 0), "()");
  g_assert_cmpint (clipper_window_get_article_id (CLIPPER_WINDOW (window)), ==, estuary);

  /* Enter on the provider's heading: the window's own search, with the terms. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_provider (bus, self_name, "LaunchSearch",
                         g_variant_new ("(^asu)", (const char *[]) { "curlew", NULL }, 0), "()");
  /* (The window searches on a worker thread.) */
  while (clipper_window_get_search_pending (CLIPPER_WINDOW (window)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_window_get_search_model (CLIPPER_WINDOW (window))), ==, 1);

  gtk_window_destroy (window);
  spin (50);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  g_clear_object (&app);
  test_library_clear (&lib);
}

/* The bus starts Clipper for the Shell from the service file, without a
 * window, and it answers. */
static void
test_activated_by_bus (void)
{
  TestLibrary lib;
  g_autoptr (GTestDBus) test_bus = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) metas = NULL;
  g_auto (GStrv) ids = NULL;
  g_autofree char *services = NULL;
  g_autofree char *service_file = NULL;
  g_autofree char *service = NULL;
  g_autofree char *installed = NULL;
  g_autofree char *meta = NULL;
  const char *app_binary = g_getenv ("CLIPPER_APP");
  const char *installed_path = g_getenv ("CLIPPER_SERVICE_FILE");
  gint64 estuary;

  if (app_binary == NULL || installed_path == NULL)
    {
      g_test_skip ("CLIPPER_APP and CLIPPER_SERVICE_FILE are set by meson test");
      return;
    }
  if (!g_test_subprocess ())
    {
      /* A bus of its own, and environment changes, in a process of its own. */
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* The installed service file starts `clipper --gapplication-service`
   * under the name the search provider's .ini names. */
  g_file_get_contents (installed_path, &installed, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (installed, "Name=" APP_ID "\n"));
  g_assert_nonnull (strstr (installed, "/clipper --gapplication-service\n"));

  test_library_init (&lib);
  estuary = add_article (lib.store, "The Estuary at Dusk", estuary_text, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);

  /* The same service, pointing at the built binary. */
  services = g_build_filename (lib.dir, "services", NULL);
  g_mkdir (services, 0700);
  service_file = g_build_filename (services, APP_ID ".service", NULL);
  service = g_strdup_printf ("[D-BUS Service]\nName=" APP_ID "\nExec=%s --gapplication-service\n", app_binary);
  g_file_set_contents (service_file, service, -1, &error);
  g_assert_no_error (error);

  /* The bus daemon, and what it starts, inherit this environment. */
  g_setenv ("CLIPPER_DB", lib.path, TRUE);
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (test_bus, services);
  g_test_dbus_up (test_bus);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  ids = result_set (bus, APP_ID, (const char *[]) { "curlew", NULL });
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("article:%" G_GINT64_FORMAT, estuary);

    g_assert_cmpstr (ids[0], ==, expected);
  }
  metas = call_provider (bus, APP_ID, "GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  meta = meta_of (metas, ids[0]);
  g_assert_nonnull (meta);
  g_assert_true (g_str_has_prefix (meta, "The Estuary at Dusk|"));

  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  g_test_dbus_down (test_bus);
  g_unsetenv ("CLIPPER_DB");
  test_library_clear (&lib);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Not in the subprocess of /search-provider/activated-by-bus: GTK
   * would connect to the session bus, whose connection the test bus's
   * g_test_dbus_down() then waits for in vain. */
  if (!g_test_subprocess ())
    {
      gtk_init ();
      adw_init ();
    }

  g_test_add_func ("/search-provider/in-running-app", test_in_running_app);
  g_test_add_func ("/search-provider/activated-by-bus", test_activated_by_bus);

  return g_test_run ();
}
