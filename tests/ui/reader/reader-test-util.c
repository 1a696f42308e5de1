/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-reader-test"

#include "reader-test-util.h"
#include "ui-test-util.h"

#include "ui-test-util.h"

#include <glib/gstdio.h>
#include <webkit/webkit.h>

static char *env_dir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

void
reader_test_init_env (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *subdirs[] = { "data", "cache", "config" };
  const char *vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" };

  env_dir = g_dir_make_tmp ("clipper-reader-test-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (env_dir, subdirs[i], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* meson test sets MALLOC_PERTURB_ to a random value.  glibc has read it
   * for this process already, which keeps our own code under it; but the
   * web processes WebKit starts inherit it, and with some values Mesa's
   * software renderer in their compositor thread crashes (swrast_dri.so,
   * seen with 77): the page goes, and the tests failed at random. */
  g_unsetenv ("MALLOC_PERTURB_");
  /* g_test_init() makes warnings fatal; the writer says where one
   * came from first. */
  g_log_set_writer_func (ui_test_log_writer, NULL, NULL);
  g_test_init (argc, argv, NULL);
  /* WebKit names its data folders after the program; meson runs tests by
   * absolute path, which made the default session use the binary itself as
   * a folder (and the web process die). */
  g_set_prgname ("clipper-reader-test");
  gtk_init ();
  adw_init ();
}

void
reader_test_cleanup_env (void)
{
  if (env_dir != NULL)
    remove_tree (env_dir);
  g_clear_pointer (&env_dir, g_free);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  ReaderFixture *fixture = user_data;

  /* Any request at all is a leak: the reader must ask nothing of the network. */
  fixture->n_requests++;
  g_ptr_array_add (fixture->request_paths, g_strdup (path));
  g_test_message ("the reader requested %s from the network", path);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "leak", 4);
}

static void
on_ready (ClipperReaderView *view,
          gint64             article_id,
          double             ms,
          ReaderFixture     *fixture)
{
  fixture->ready = TRUE;
  fixture->ready_ms = ms;
}

static void
on_changed (ClipperReaderView *view,
            gint64             article_id,
            ReaderFixture     *fixture)
{
  fixture->n_changed++;
}

static void
make_view (ReaderFixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->view = CLIPPER_READER_VIEW (clipper_reader_view_new ());
  clipper_reader_view_set_store (fixture->view, fixture->store);
  g_signal_connect (fixture->view, "article-ready", G_CALLBACK (on_ready), fixture);
  g_signal_connect (fixture->view, "highlights-changed", G_CALLBACK (on_changed), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

void
reader_fixture_setup (ReaderFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  fixture->tmpdir = g_dir_make_tmp ("clipper-reader-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  g_setenv ("CLIPPER_DB", fixture->db_path, TRUE);
  fixture->store = clipper_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  fixture->request_paths = g_ptr_array_new_with_free_func (g_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->server_url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  make_view (fixture);
}

void
reader_fixture_restart (ReaderFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->view = NULL;
  reader_wait_ms (50);
  g_clear_object (&fixture->store);
  fixture->store = clipper_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  make_view (fixture);
}

void
reader_fixture_teardown (ReaderFixture *fixture,
                         gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  reader_wait_ms (20);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->server_url, g_free);
  g_clear_pointer (&fixture->request_paths, g_ptr_array_unref);
  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

gint64
reader_fixture_add_article (ReaderFixture *fixture,
                            const char    *title,
                            const char    *html,
                            const char    *text)
{
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *url = g_strdup_printf ("https://example.org/articles/%u", ++serial);
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t", -1);
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n_words += words[i][0] != '\0';
  clipper_article_set_url (article, url);
  clipper_article_set_title (article, title);
  clipper_article_set_byline (article, "Ada Lovelace");
  clipper_article_set_site_name (article, "Example Journal");
  clipper_article_set_published_time (article, "2024-05-17T09:30:00Z");
  clipper_article_set_html (article, html);
  clipper_article_set_text (article, text);
  clipper_article_set_word_count (article, n_words);
  clipper_store_add_article (fixture->store, article, NULL, &error);
  g_assert_no_error (error);
  return clipper_article_get_id (article);
}

void
reader_fixture_open (ReaderFixture *fixture,
                     gint64         article_id)
{
  g_autoptr(GError) error = NULL;

  fixture->ready = FALSE;
  clipper_reader_view_load_article (fixture->view, article_id, &error);
  g_assert_no_error (error);
  if (!reader_wait_flag (&fixture->ready, 20000))
    g_error ("article %" G_GINT64_FORMAT " was not painted within 20 s", article_id);
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
reader_wait_flag (gboolean *flag,
                  guint     ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, set_flag, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

void
reader_wait_ms (guint ms)
{
  gboolean never = FALSE;

  reader_wait_flag (&never, ms);
}

gboolean
reader_wait_changed (ReaderFixture *fixture,
                     guint          n,
                     guint          ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, set_flag, &timed_out);

  while (fixture->n_changed <= n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return fixture->n_changed > n;
}

typedef struct {
  gboolean  done;
  char     *result;
  GError   *error;
} EvalData;

static void
eval_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EvalData *data = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &data->error);

  if (value != NULL)
    data->result = jsc_value_to_string (value);
  data->done = TRUE;
}

char *
reader_eval (ReaderFixture *fixture,
             const char    *world,
             const char    *script)
{
  EvalData data = { FALSE, NULL, NULL };
  g_autofree char *wrapped = g_strdup_printf ("JSON.stringify((function(){ return (%s); })())", script);

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (clipper_reader_view_get_web_view (fixture->view)),
                                       wrapped, -1, world, NULL, NULL, eval_done, &data);
  if (!reader_wait_flag (&data.done, 10000))
    g_error ("script did not finish: %s", script);
  if (data.error != NULL)
    g_error ("script %s failed: %s", script, data.error->message);
  return data.result;
}

GtkWidget *
reader_find_widget (GtkWidget  *root,
                    GType       type,
                    const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *t = NULL;
      if (GTK_IS_LABEL (root))
        t = gtk_label_get_text (GTK_LABEL (root));
      else if (GTK_IS_BUTTON (root))
        t = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_EDITABLE (root))
        t = gtk_editable_get_text (GTK_EDITABLE (root));
      if (text == NULL || g_strcmp0 (t, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = reader_find_widget (child, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
reader_count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

GPtrArray *
reader_list_highlights (ReaderFixture *fixture,
                        gint64         article_id)
{
  ClipperHighlightQuery query = { .article_id = article_id };
  g_autoptr(GError) error = NULL;
  GPtrArray *list = clipper_store_list_highlights (fixture->store, &query, &error);

  g_assert_no_error (error);
  return list;
}

GtkWidget *
reader_find_by_class (GtkWidget  *root,
                      const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = reader_find_by_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
reader_press_key (ReaderFixture *fixture,
                  const char    *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (fixture->view), gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("no shortcut for %s", key);
  return FALSE;
}

gboolean
reader_press_button (ReaderFixture *fixture,
                     guint          button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button)
        {
          g_signal_emit_by_name (controller, "pressed", 1, 0.0, 0.0);
          return TRUE;
        }
    }
  return FALSE;
}

void
reader_wait_label (GtkWidget  *label,
                   const char *expected)
{
  for (guint i = 0; i < 200 && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), expected) != 0; i++)
    reader_wait_ms (25);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
}

typedef struct {
  ReaderFixture *fixture;
  const char    *quote;
} PanelRow;

/* The side panel's label quoting the highlight, once the panel has it
 * (shown or not: a row is activated in a hidden panel too). */
static GtkWidget *
find_panel_label (PanelRow *row)
{
  return reader_find_widget (GTK_WIDGET (row->fixture->view), GTK_TYPE_LABEL, row->quote);
}

static gboolean
panel_row_shown (gpointer data)
{
  return find_panel_label (data) != NULL;
}

void
reader_activate_panel_row (ReaderFixture *fixture,
                           const char    *quote)
{
  PanelRow data = { fixture, quote };
  GtkWidget *label, *row, *list;
  GListModel *model;

  /* The panel fills its list from the page's highlights, after the page
   * is in. */
  g_assert_true (ui_test_wait_until (panel_row_shown, &data, 5000));
  label = find_panel_label (&data);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL)
    {
      g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
      return;
    }
  list = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperHighlight) h = g_list_model_get_item (model, i);
      if (g_strcmp0 (clipper_highlight_get_quote (h), quote) == 0)
        {
          g_signal_emit_by_name (list, "activate", i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Whether the keyboard is in @data, a widget, in a window that has it. */
static gboolean
has_keyboard (gpointer data)
{
  GtkWidget *widget = data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)) &&
         gtk_widget_has_focus (focus);
}

void
reader_wait_keyboard (GtkWidget *widget)
{
  g_assert_true (ui_test_wait_until (has_keyboard, widget, 5000));
}

/* Whether @data, a widget, is on screen with its size: laid out. */
static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_height (data) > 0;
}

GtkWidget *
reader_open_panel_tags (ReaderFixture *fixture,
                        gint64         article_id,
                        const char    *quote)
{
  GtkWidget *entry;

  reader_fixture_open (fixture, article_id);
  clipper_reader_view_set_panel_visible (fixture->view, TRUE);
  reader_activate_panel_row (fixture, quote);
  entry = reader_find_by_class (GTK_WIDGET (fixture->view), "clipper-tags");
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  reader_wait_keyboard (entry);
  /* The tests measure the chips around it. */
  g_assert_true (ui_test_wait_until (laid_out, entry, 5000));
  return entry;
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  const char *text;
} FindWidget;

static gboolean
widget_shown (gpointer data)
{
  FindWidget *find = data;

  return reader_find_widget (find->root, find->type, find->text) != NULL;
}

GtkWidget *
reader_wait_widget (GtkWidget  *root,
                    GType       type,
                    const char *text)
{
  FindWidget find = { root, type, text };

  ui_test_wait_until (widget_shown, &find, 5000);
  return reader_find_widget (root, type, text);
}
