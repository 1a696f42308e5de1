/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app window in-process, on a real library in a temp dir: the list,
 * search, filters, delete with Undo, the Highlights page, opening an
 * article in the reader view, and saving (and fetching again) a page
 * served by a local SoupServer running on its own thread.
 */
#define G_LOG_DOMAIN "test-window"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>
#include <utime.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <webkit/webkit.h>

#include "app-test-util.h"
#include "clipper-test-server.h"
#include "clipper-store-private.h"
#include "clipper-test-util.h"
#include "clipper-application.h"
#include "clipper-article-row.h"
#include "clipper-format.h"
#include "clipper-json.h"
#include "clipper-markdown.h"
#include "clipper-preferences-window.h"
#include "clipper-reader-view.h"
#include "clipper-review-page.h"
#include "clipper-review-row.h"
#include "clipper-saver.h"
#include "clipper-search-result.h"
#include "clipper-tag-chips.h"
#include "clipper-window.h"
#include "ui-test-util.h"

typedef struct {
  TestLibrary lib;
  ClipperWindow *window;
  gint64 ids[4];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_library_init (&f->lib);
  f->ids[0] = add_article (f->lib.store, "The pelican brief", "Pelicans glide over the bay at dawn.",
                           CLIPPER_READ_STATE_UNREAD, FALSE, "birds");
  f->ids[1] = add_article (f->lib.store, "Notes on gardens", "A garden is a slow <conversation> & a habit.",
                           CLIPPER_READ_STATE_READ, TRUE, NULL);
  f->ids[2] = add_article (f->lib.store, "Old news", "Archived text about rivers.",
                           CLIPPER_READ_STATE_ARCHIVED, FALSE, "birds");
  f->ids[3] = add_article (f->lib.store, "Fourth", "More text about city maps.",
                           CLIPPER_READ_STATE_UNREAD, FALSE, NULL);

  f->window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  gtk_window_present (GTK_WINDOW (f->window));
  spin (100);
}

static gboolean is_toplevel (GtkWindow *window);

/* Disconnects every handler of @object's signal @name: the app connects
 * none to the window's and the reader's signals the tests listen to.
 * (g_signal_handlers_disconnect_matched() does nothing for a mask of the
 * signal alone: it wants a closure, a function or data to match.) */
static void
disconnect_all (gpointer    object,
                const char *name)
{
  guint id = g_signal_lookup (name, G_OBJECT_TYPE (object));
  gulong handler;

  g_assert_cmpuint (id, !=, 0);
  while ((handler = g_signal_handler_find (object, G_SIGNAL_MATCH_ID, id, 0, NULL, NULL, NULL)) != 0)
    g_signal_handler_disconnect (object, handler);
  g_assert_false (g_signal_has_handler_pending (object, id, 0, FALSE));
}

/* The tests listen to the window and its reader with data on their own
 * stack (a SaveResult, a flag), and most never disconnect: what the
 * window or the reader said once the test had returned would be written
 * into a frame of the teardown or the next test.  Disposing the window
 * drops its handlers, but gtk_window_destroy() does not dispose it:
 * whatever still holds it (a save until session 22, a script running in
 * its reader, which holds the reader) keeps it, and them, alive.  So
 * they go here, before the window is destroyed. */
static void
disconnect_test_handlers (ClipperWindow *window)
{
  GtkWidget *reader;

  disconnect_all (window, "article-saved");
  disconnect_all (window, "save-failed");
  disconnect_all (window, "article-updated");
  /* (A window the test closed has no reader left.) */
  if (!is_toplevel (GTK_WINDOW (window)))
    return;
  reader = clipper_window_get_reader (window);
  if (CLIPPER_IS_READER_VIEW (reader))
    disconnect_all (reader, "article-ready");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  /* (A test may have closed the window and deleted the library itself.) */
  if (f->window != NULL)
    {
      disconnect_test_handlers (f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  g_clear_object (&f->window);
  spin (50);
  if (f->lib.dir != NULL)
    test_library_clear (&f->lib);
  /* The settings as the test found them: the window writes some as it
   * goes (the folder an export went to; a window closed, the article it
   * showed), which the tests after it, in whatever area and order, read. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The search runs on a worker thread: waits for its results. */
static void
search_and_wait (ClipperWindow *window,
                 const char    *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  clipper_window_search (window, text);
  while (clipper_window_get_search_pending (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (clipper_window_get_search_pending (window));
}

/* Lets the Highlights page take in what the store said (at an idle) and
 * finish a read of its highlights (on a worker thread). */
static void
settle_page (ClipperReviewPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (clipper_review_page_get_loading (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (clipper_review_page_get_loading (page));
}

/* Waits for a search the window started by itself (a delete, an Undo). */
static void
wait_search (ClipperWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (clipper_window_get_search_pending (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (clipper_window_get_search_pending (window));
}

static void
reload_and_wait (ClipperReviewPage *page)
{
  clipper_review_page_reload (page);
  settle_page (page);
}

static GtkWidget *find_by_css_class (GtkWidget *root, const char *name);
static AdwMessageDialog *find_message_dialog (GtkWidget *parent);
static gboolean window_shows_label_full (ClipperWindow *window, const char *text, gboolean part);
static gboolean window_shows_label (ClipperWindow *window, const char *text);
static gboolean has_label (GtkWidget *widget, const char *text, gboolean part);
static GtkWidget *find_by_id (GtkWidget *widget, const char *id);
static GtkLabel *find_label_with (GtkWidget *root, const char *text);
static void respond (AdwMessageDialog *dialog, const char *response);
static void on_any_saved (ClipperWindow *window, gint64 id, guint *count);
static GtkButton *find_close_button (GtkWidget *root);
static GtkWidget *find_toast (GtkWidget *root);
static GtkWidget *toast_of (GtkLabel *label);
static GtkButton *find_button_labelled (GtkWidget *root, const char *text);
static gboolean shows_label_within (ClipperWindow *window, const char *text, gboolean part, guint ms);

/* The last widget under @root that @match takes with @what: of two
 * toasts, the newer (the older may still slide out). */
static GtkWidget *
find_last (GtkWidget  *root,
           gboolean  (*match) (GtkWidget *widget, const char *what),
           const char *what)
{
  GtkWidget *found = match (root, what) ? root : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *last = find_last (child, match, what);

      if (last != NULL)
        found = last;
    }
  return found;
}

static gboolean
is_button_with_action (GtkWidget  *widget,
                       const char *action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_toast_titled (GtkWidget  *widget,
                 const char *title)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name ("AdwToastWidget")) && has_label (widget, title, FALSE);
}

/* The import's Details, as its toast's button opens them (each toast
 * has its own), but with the toast left up, to be read again. */
static void
open_import_details (Fixture *f)
{
  GtkWidget *button = find_last (GTK_WIDGET (f->window), is_button_with_action, "library.import-details");

  g_assert_nonnull (button);
  gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "library.import-details",
                                      gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)));
}

static GListModel *
library (Fixture *f)
{
  return G_LIST_MODEL (clipper_window_get_library_model (f->window));
}

static void
test_list_and_filters (Fixture       *f,
                       gconstpointer  data)
{
  /* The inbox: everything not archived, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 3);

  clipper_window_set_filter (f->window, 1);   /* Starred */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 1);
  clipper_window_set_filter (f->window, 2);   /* Archived */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 1);
  clipper_window_set_filter (f->window, 3);   /* All */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 4);
  clipper_window_set_filter (f->window, 4);   /* the first tag: birds */
  g_assert_cmpstr (clipper_library_model_get_tag (CLIPPER_LIBRARY_MODEL (library (f))), ==, "birds");
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
  clipper_window_set_filter (f->window, 99);  /* no such filter: nothing changes */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
  clipper_window_set_filter (f->window, 0);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 3);
}

/* The words a row of @list shows, its visible labels' texts one after
 * the other. */
static char *
dup_row_text (GtkWidget *row)
{
  GString *text = g_string_new (NULL);

  if (GTK_IS_LABEL (row) && gtk_widget_get_mapped (row))
    g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (row)));
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *inner = dup_row_text (child);

      g_string_append (text, inner);
    }
  return g_string_free (text, FALSE);
}

static gint64
add_copy (Fixture    *f,
          const char *url,
          const char *site,
          gint64      saved_at)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autoptr (GError) error = NULL;

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, "Tidewater notebooks");
  clipper_article_set_byline (article, "Ada Byron");
  clipper_article_set_site_name (article, site);
  clipper_article_set_text (article, "Notes from the estuary at low tide.");
  clipper_article_set_html (article, "<p>Notes from the estuary at low tide.</p>");
  clipper_article_set_saved_at (article, saved_at);
  clipper_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  return clipper_article_get_id (article);
}

/* QA: two copies of an article (the same title and byline, from two
 * sites) were two search hits alike to the letter.  Each says its site
 * (its name, else its host) and the day it was saved, as the article's
 * row does. */
static void
test_search_hits_told_apart (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-search-list");
  GtkWidget *rows[2] = { NULL, NULL };
  guint n = 0;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  add_copy (f, "https://tides.example.com/notebooks", "Tide Journal", 1700000000);
  add_copy (f, "https://mirror.example.net/ada/notebooks", NULL, 1710000000);
  search_and_wait (f->window, "tidewater");
  spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_window_get_search_model (f->window)), ==, 2);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && n < 2)
      rows[n++] = child;
  g_assert_cmpuint (n, ==, 2);
  first = dup_row_text (rows[0]);
  second = dup_row_text (rows[1]);
  g_test_message ("rows: %s / %s", first, second);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (strstr (first, "Tide Journal") != NULL || strstr (second, "Tide Journal") != NULL);
  g_assert_true (strstr (first, "mirror.example.net") != NULL || strstr (second, "mirror.example.net") != NULL);
  g_assert_true (strstr (first, "2023") != NULL || strstr (second, "2023") != NULL);
  search_and_wait (f->window, "");
}

/* search22: the store's query errors reached the search's empty state in
 * English, quoting the whole query ("the search query '-coffee' only
 * leaves words out (-word); …"), and "AND tea" or "NOT coffee tea" were
 * searched as literal words ("and", "not").  The app reads a query as the
 * CLI does, and says what is wrong with it in a few translatable words. */
static void
test_search_query_messages (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  GtkWidget *status = find_by_id (GTK_WIDGET (f->window), "no_results_page");
  gint64 green = add_article (f->lib.store, "Green tea", "Green tea, steeped.", CLIPPER_READ_STATE_UNREAD,
                              FALSE, NULL);
  static const struct {
    const char *query;
    const char *message;
  } refused[] = {
    { "-coffee", "Words with a minus are left out: give a word to search for as well" },
    { "NOT coffee", "Words with a minus are left out: give a word to search for as well" },
    { "tea OR (-coffee)", "OR cannot join a word left out (-word): drop the OR or the minus" },
    { "tea AND OR coffee", "Two of AND, OR and NOT are side by side: take one out" },
    { "NOT (coffee) tea", "NOT cannot leave out a group in parentheses: leave words out one by one (-word)" },
    { "& <> &", "Type a word to search for" },
  };
  g_autoptr (ClipperSearchResult) hit = NULL;

  add_article (f->lib.store, "Black tea", "Black tea with coffee.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_assert_nonnull (status);
  search_and_wait (f->window, "AND tea");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  search_and_wait (f->window, "NOT coffee tea");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hit = g_list_model_get_item (results, 0);
  g_assert_cmpint (clipper_search_result_get_article_id (hit), ==, green);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      search_and_wait (f->window, refused[i].query);
      g_test_message ("%s: %s", refused[i].query, adw_status_page_get_description (ADW_STATUS_PAGE (status)));
      g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
      g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==, refused[i].message);
    }
  search_and_wait (f->window, "");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  g_autoptr (ClipperSearchResult) hit = NULL;

  search_and_wait (f->window, "pelican");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  hit = g_list_model_get_item (results, 0);
  g_assert_cmpint (clipper_search_result_get_article_id (hit), ==, f->ids[0]);
  g_assert_nonnull (strstr (clipper_search_result_get_markup (hit), "<b>"));
  g_clear_object (&hit);

  /* Text that needs escaping comes out as valid markup. */
  search_and_wait (f->window, "garden");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  hit = g_list_model_get_item (results, 0);
  g_assert_true (pango_parse_markup (clipper_search_result_get_markup (hit), -1, 0, NULL, NULL, NULL, NULL));
  g_clear_object (&hit);

  search_and_wait (f->window, "xylophonezzz");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* Broken query syntax is not a crash. */
  search_and_wait (f->window, "\"unbalanced AND (");
  search_and_wait (f->window, "   ");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* Down in the search field goes to the results (it went to the filter
   * below the field, found with xdotool). */
  search_and_wait (f->window, "pelican");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  {
    GtkWidget *entry = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-search-list");
    g_autoptr (GListModel) controllers = NULL;
    gboolean handled = FALSE;

    g_assert_nonnull (entry);
    entry = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY);
    g_assert_nonnull (entry);
    g_assert_nonnull (list);
    controllers = gtk_widget_observe_controllers (entry);
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, (GdkModifierType) 0, &handled);
      }
    g_assert_true (handled);
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), list));
  }

  /* The library's filter and sort do not apply to a search (it covers
   * the whole library, ranked): they are not shown meanwhile. */
  {
    GtkWidget *filters = find_by_css_class (GTK_WIDGET (f->window), "clipper-filter-box");

    g_assert_nonnull (filters);
    search_and_wait (f->window, "pelican");
    g_assert_false (gtk_widget_get_visible (filters));
    search_and_wait (f->window, "");
    g_assert_true (gtk_widget_get_visible (filters));
  }

  /* Activating a hit opens the article. */
  search_and_wait (f->window, "pelican");
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  search_and_wait (f->window, "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
}

/* The labels of @root's descendants with CSS class @name, in order. */
static void collect_labels (GtkWidget *root, const char *name, GPtrArray *out);

/* Whether one of @root's labels with CSS class @name has @label (its
 * markup, as set). */
static gboolean
has_label_with_class (GtkWidget *root, const char *name, const char *label)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, name, labels);
  return g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL);
}

/* QA: 13 hits on one note read "<title> · Highlight · serendipity: this
 * links to my thesis", the note's Markdown raw ("\*\*chaos\*\*"), and
 * a tag found nothing.  A hit in a note gives the passage and says the
 * words are in the note, rendered as the Highlights page renders it; a
 * hit on a tag says "Tagged café". */
static void
test_search_hit_says_why (Fixture       *f,
                          gconstpointer  data)
{
  const char *cafe[] = { "café", NULL };
  GListModel *results = clipper_window_get_search_model (f->window);
  g_autoptr (ClipperSearchResult) hit = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  const char *markup;

  clipper_test_add_highlight (f->lib.store, f->ids[0], "Pelicans glide over the bay",
                              "**chaos** and serendipity: this links to my thesis");
  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[1], cafe, &error));
  g_assert_no_error (error);

  search_and_wait (f->window, "serendipity");
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hit = g_list_model_get_item (results, 0);
  markup = clipper_search_result_get_markup (hit);
  g_assert_cmpstr (markup, ==,
                   "“Pelicans glide over the bay”\nIn your note: <b>chaos</b> and <b>serendipity</b>: this links "
                   "to my thesis");
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_true (has_label_with_class (GTK_WIDGET (f->window), "clipper-row-excerpt", markup));
  label = clipper_search_result_dup_accessible_label (hit);
  g_assert_cmpstr (label, ==,
                   "The pelican brief, Highlight, Example · Today, “Pelicans glide over the bay”, in your "
                   "note: chaos and serendipity: this links to my thesis");
  g_clear_object (&hit);
  g_clear_pointer (&label, g_free);

  search_and_wait (f->window, "cafe");
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hit = g_list_model_get_item (results, 0);
  g_assert_cmpint (clipper_search_result_get_article_id (hit), ==, f->ids[1]);
  markup = clipper_search_result_get_markup (hit);
  g_assert_true (g_str_has_prefix (markup, "Tagged <b>café</b>"));
  g_assert_true (has_label_with_class (GTK_WIDGET (f->window), "clipper-row-excerpt", markup));
  label = clipper_search_result_dup_accessible_label (hit);
  g_assert_true (g_str_has_prefix (label, "Notes on gardens, Article, Example · Today, Tagged café"));
}

static void
collect_labels (GtkWidget *root, const char *name, GPtrArray *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, name))
    g_ptr_array_add (out, (gpointer) gtk_label_get_label (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, name, out);
}

/* A row shows three tag chips and a count of the others (ten chips in a
 * line shrank each to "…"); four fit as they are. */
static void
test_row_tags (void)
{
  static const char *const ten[] = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                                     "iota", "kappa", NULL };
  static const char *const four[] = { "alpha", "beta", "gamma", "delta", NULL };
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());
  g_autoptr (GPtrArray) chips = g_ptr_array_new ();

  clipper_article_set_title (article, "Tagged");
  clipper_article_set_url (article, "https://example.org/tagged");
  clipper_article_set_tags (article, ten);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  collect_labels (row, "clipper-tag", chips);
  g_assert_cmpuint (chips->len, ==, 4);
  g_assert_cmpstr (chips->pdata[0], ==, "alpha");
  g_assert_cmpstr (chips->pdata[2], ==, "gamma");
  g_assert_cmpstr (chips->pdata[3], ==, "+7");

  g_ptr_array_set_size (chips, 0);
  clipper_article_set_tags (article, four);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), NULL);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  collect_labels (row, "clipper-tag", chips);
  g_assert_cmpuint (chips->len, ==, 4);
  g_assert_cmpstr (chips->pdata[3], ==, "delta");
  g_object_unref (row);
}

static GtkWidget *
find_with_class (GtkWidget *root, const char *name)
{
  if (gtk_widget_has_css_class (root, name))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_with_class (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "+N" chip's name joined the tags with ", ": "Also tagged Smith,
 * John, x" was three tags to a screen reader's listener.  A tag holding
 * a comma is quoted as the tags field writes it. */
static void
test_row_more_tags_quoted (void)
{
  static const char *const five[] = { "alpha", "beta", "gamma", "Smith, John", "x", NULL };
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());
  g_autofree char *wrong = NULL;
  GtkWidget *more;

  clipper_article_set_title (article, "Tagged");
  clipper_article_set_url (article, "https://example.org/tagged");
  clipper_article_set_tags (article, five);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  more = find_with_class (row, "clipper-more-tags");
  g_assert_nonnull (more);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (more)), ==, "+2");
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Also tagged \"Smith, John\", x");
  g_assert_null (wrong);
  g_object_unref (row);
}

/* A row says in one go what it shows: title, site, whether it is unread
 * (otherwise only the title's weight) and how many highlights it has (an
 * icon and a number, read as two things; QA finding 8). */
static void
test_row_accessible_label (void)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());
  g_autofree char *wrong = NULL;

  clipper_article_set_title (article, "The Art of Slow Reading");
  clipper_article_set_url (article, "https://journal.example.org/slow");
  clipper_article_set_site_name (article, "Example Journal");
  clipper_article_set_read_state (article, CLIPPER_READ_STATE_UNREAD);
  clipper_article_set_highlight_count (article, 5);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "The Art of Slow Reading, Example Journal, unread, 5 highlights");
  g_assert_null (wrong);

  /* Read, starred, one highlight, no site name: the host stands for it. */
  clipper_article_set_site_name (article, NULL);
  clipper_article_set_read_state (article, CLIPPER_READ_STATE_READ);
  clipper_article_set_starred (article, TRUE);
  clipper_article_set_highlight_count (article, 1);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "The Art of Slow Reading, journal.example.org, starred, 1 highlight");
  g_assert_null (wrong);
  g_object_unref (row);
}

static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (ClipperArticle) still = NULL;
  g_autoptr (ClipperArticle) gone = NULL;
  g_autoptr (GError) error = NULL;

  clipper_window_open_article (f->window, f->ids[0], 0);
  clipper_window_delete_article (f->window, f->ids[0]);
  /* Gone from the list at once, still in the store until the toast goes. */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, 0);
  still = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);

  /* A change from elsewhere meanwhile does not bring it back. */
  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);

  clipper_window_undo_delete (f->window, f->ids[0]);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 3);

  /* Nor do the search's results keep it, and Undo gives it back there too. */
  {
    GListModel *results = clipper_window_get_search_model (f->window);

    search_and_wait (f->window, "pelican");
    g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
    clipper_window_delete_article (f->window, f->ids[0]);
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
    clipper_window_undo_delete (f->window, f->ids[0]);
    wait_search (f->window);
    g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
    search_and_wait (f->window, "");
  }

  /* Ctrl+Z (library.undo) undoes the latest delete too. */
  clipper_window_delete_article (f->window, f->ids[0]);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 3);

  clipper_window_delete_article (f->window, f->ids[0]);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
  clipper_window_flush_deletes (f->window);
  gone = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_null (gone);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);

  /* Deleting what is not there is no crash and no toast. */
  clipper_window_delete_article (f->window, 987654);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);
}

/* A delete the store refuses (here a trigger, added behind the app's
 * back, aborts it) brings the article back everywhere it was hidden: the
 * list, the search results and the Highlights page. */
static void
test_delete_fails (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  g_autoptr (ClipperArticle) still = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->lib.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER keep_articles BEFORE DELETE ON articles"
                                     " BEGIN SELECT RAISE (ABORT, 'articles are kept'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  search_and_wait (f->window, "pelican");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  clipper_window_delete_article (f->window, f->ids[0]);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 2);

  clipper_window_flush_deletes (f->window);
  still = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 3);
  wait_search (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  g_assert_cmpint (clipper_search_result_get_article_id (g_list_model_get_item (results, 0)), ==, f->ids[0]);
  g_object_unref (g_list_model_get_item (results, 0));
  search_and_wait (f->window, "");
}

/* QA-s 2: a star clicked while another program held the library's write
 * lock (a big `clipper-cli import`) froze the window for SQLite's 5 s busy
 * timeout, then said "Not starred".  It says so at once, "busy" in its
 * Details, and the star works once the lock is gone. */
static void
test_busy_library_says_so_at_once (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (ClipperArticle) after = NULL;
  sqlite3 *db = NULL;
  gint64 start;
  double seconds;

  clipper_window_open_article (f->window, f->ids[0], 0);
  spin (100);
  g_assert_cmpint (sqlite3_open_v2 (f->lib.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.star", NULL));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("star with the library locked: %.2f s", seconds);
  /* 5 s before; the window's wait is 0.4 s, with room for a loaded machine. */
  g_assert_cmpfloat (seconds, <, 2.0);
  for (guint i = 0; i < 40 && !window_shows_label (f->window, "Not starred"); i++)
    spin (50);
  g_assert_true (window_shows_label (f->window, "Not starred"));

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  after = clipper_store_get_article (f->lib.store, f->ids[0], NULL);
  g_assert_false (clipper_article_get_starred (after));
  g_clear_object (&after);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.star", NULL));
  after = clipper_store_get_article (f->lib.store, f->ids[0], NULL);
  g_assert_true (clipper_article_get_starred (after));
}

static void
on_ready (ClipperReaderView *view,
          gint64             id,
          double             ms,
          gboolean          *flag)
{
  *flag = TRUE;
}

typedef struct {
  gboolean done;
  char *value;
} EvalResult;

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  EvalResult *r = user_data;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);

  r->value = value != NULL ? jsc_value_to_string (value) : NULL;
  r->done = TRUE;
}

/* @script's value in the page, as a string. */
static char *
eval_in_page (GtkWidget *web_view, const char *script)
{
  EvalResult r = { 0 };

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (web_view), script, -1, NULL, NULL, NULL, on_evaluated, &r);
  g_assert_true (wait_for (&r.done, 10));
  return r.value;
}

static GtkWidget *find_by_type (GtkWidget *root, GType type);
static gboolean press_window_key (ClipperWindow *window, const char *key);

/* The first actionable widget under @root whose action is @action, or NULL. */
static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The reader's highlights in the store for @article_id. */
static guint
count_highlights (Fixture *f,
                  gint64   article_id)
{
  ClipperHighlightQuery query = { .article_id = article_id };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = clipper_store_list_highlights (f->lib.store, &query, &error);

  g_assert_no_error (error);
  return list->len;
}

/* Opens @id in the window and waits until the reader shows it (@loads:
 * FALSE when the reader still holds it, behind the placeholder). */
static GtkWidget *
open_and_wait (Fixture  *f,
               gint64    id,
               gboolean  loads)
{
  GtkWidget *reader;
  gboolean ready = !loads;
  gulong handler;

  clipper_window_open_article (f->window, id, 0);
  reader = clipper_window_get_reader (f->window);
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (reader)), ==, id);
  handler = g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  g_signal_handler_disconnect (reader, handler);
  return reader;
}

/* The selection popover's first colour and the panel's Delete Highlight
 * button: sensitive, and the popover's colour makes a highlight of the
 * words selected in the page. */
static void
assert_popover_highlights (Fixture    *f,
                           GtkWidget  *reader,
                           gint64      id,
                           const char *word,
                           const char *what)
{
  GtkWidget *web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  GtkWidget *popover = find_by_css_class (reader, "clipper-selection-popover");
  GtkWidget *swatch, *delete_button = NULL;
  guint before = count_highlights (f, id);
  g_autofree char *selected = NULL;
  g_autofree char *script = NULL;

  g_assert_nonnull (popover);
  swatch = find_by_type (popover, GTK_TYPE_BUTTON);
  g_assert_nonnull (swatch);
  delete_button = find_button_with_action (reader, "reader.remove-highlight");
  g_assert_nonnull (delete_button);

  g_test_message ("%s: swatch %s, delete %s", what,
                  gtk_widget_get_sensitive (swatch) ? "sensitive" : "greyed",
                  gtk_widget_get_sensitive (delete_button) ? "sensitive" : "greyed");
  g_assert_true (gtk_widget_get_sensitive (swatch));
  g_assert_true (gtk_widget_get_sensitive (delete_button));

  script = g_strdup_printf ("(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                            " let t; while ((t = w.nextNode()) && t.data.indexOf('%s') < 0);"
                            " const r = document.createRange(), at = t.data.indexOf('%s');"
                            " r.setStart(t, at); r.setEnd(t, at + %d);"
                            " const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);"
                            " return s.toString(); })()", word, word, (int) strlen (word));
  selected = eval_in_page (web_view, script);
  g_assert_cmpstr (selected, ==, word);
  spin (300);
  g_assert_true (gtk_widget_activate_action (swatch, "reader.highlight", "s", "green"));
  for (guint i = 0; i < 100 && count_highlights (f, id) == before; i++)
    spin (50);
  g_assert_cmpuint (count_highlights (f, id), ==, before + 1);
}

/* QA: after the reader left the window for the "No Article Open"
 * placeholder (opening no article, or deleting the open one) and came
 * back, every button in the selection's popover and the panel was greyed
 * and did nothing, until a restart. */
static void
test_reader_actions_survive_placeholder (Fixture       *f,
                                         gconstpointer  data)
{
  GtkWidget *reader;

  reader = open_and_wait (f, f->ids[0], TRUE);
  assert_popover_highlights (f, reader, f->ids[0], "glide", "first open");

  clipper_window_open_article (f->window, 0, 0);
  spin (100);
  reader = open_and_wait (f, f->ids[0], FALSE);
  assert_popover_highlights (f, reader, f->ids[0], "over", "after no article");

  clipper_window_delete_article (f->window, f->ids[0]);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, 0);
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo", NULL));
  reader = open_and_wait (f, f->ids[0], FALSE);
  assert_popover_highlights (f, reader, f->ids[0], "bay", "after delete and undo");

  reader = open_and_wait (f, f->ids[3], TRUE);
  assert_popover_highlights (f, reader, f->ids[3], "city", "another article");
}

static gboolean focus_is_in (ClipperWindow *window, GtkWidget *widget);
static gboolean press_key_on (GtkWidget *widget, const char *key);

/* QA-j 2: a colour clicked in the selection's popover left the keyboard
 * on its button, and GTK gave it, as the popover hid, to the article
 * list: the next letter started a library search, and Delete did
 * nothing.  The keyboard stays in the article, at the new highlight's
 * end, where Delete removes it (as after a colour key). */
static void
test_mouse_highlight_keeps_keyboard (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *reader = open_and_wait (f, f->ids[0], TRUE);
  GtkWidget *web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  GtkWidget *popover = find_by_css_class (reader, "clipper-selection-popover");
  GtkWidget *swatch = find_by_type (popover, GTK_TYPE_BUTTON);
  g_autofree char *selected = NULL;
  guint before = count_highlights (f, f->ids[0]);

  /* A click in the text, then a word selected by dragging. */
  gtk_widget_grab_focus (web_view);
  selected = eval_in_page (web_view,
                           "(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                           " let t; while ((t = w.nextNode()) && t.data.indexOf('glide') < 0);"
                           " const r = document.createRange(), at = t.data.indexOf('glide');"
                           " r.setStart(t, at); r.setEnd(t, at + 5);"
                           " const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);"
                           " return s.toString(); })()");
  g_assert_cmpstr (selected, ==, "glide");
  for (guint i = 0; i < 100 && !gtk_widget_get_visible (popover); i++)
    spin (50);
  g_assert_true (gtk_widget_get_visible (popover));

  /* The colour clicked: a click gives a button the keyboard. */
  g_assert_true (gtk_widget_grab_focus (swatch));
  gtk_widget_activate (swatch);
  for (guint i = 0; i < 100 && count_highlights (f, f->ids[0]) == before; i++)
    spin (50);
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, before + 1);
  g_assert_false (gtk_widget_get_visible (popover));
  /* GTK moves a lost keyboard on after a frame. */
  spin (300);
  g_test_message ("focus: %s", G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (f->window))));
  g_assert_true (focus_is_in (f->window, web_view));

  /* Delete removes the highlight just made, at the caret's end of it. */
  g_assert_true (press_key_on (reader, "Delete"));
  for (guint i = 0; i < 100 && count_highlights (f, f->ids[0]) != before; i++)
    spin (50);
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, before);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  g_assert_true (focus_is_in (f->window, web_view));
}

static void
on_xdotool_exit (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
  g_spawn_close_pid (pid);
}

/* QA-j 8: a link of the article pressed on, dragged 200 px and dropped on
 * the article gave "Gdk-CRITICAL gdk_drop_finish: assertion
 * 'gdk_drag_action_is_unique (action)' failed" and a drop finalized while
 * dropping, and left the drag icon painted: the window's drop target (for
 * links to save) and WebKitGTK's took the same drop.  Such a drop does
 * nothing, quietly (criticals and warnings are fatal here).  The drag is a
 * real one, from xdotool's pointer under Xvfb. */
static void
test_link_drop_on_article (Fixture       *f,
                           gconstpointer  data)
{
  const char *text = "Scientists think the whales strand for many reasons, and the text goes on for a while.";
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *rect = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *reader, *web_view;
  graphene_point_t point;
  double dx, dy;
  gboolean done = FALSE;
  guint n_articles;
  GPid pid;

  if (xdotool == NULL || g_strcmp0 (G_OBJECT_TYPE_NAME (gdk_display_get_default ()), "GdkX11Display") != 0)
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  clipper_article_set_url (article, "https://example.org/whales-story");
  clipper_article_set_title (article, "Whales");
  clipper_article_set_text (article, text);
  clipper_article_set_html (article, "<p>Scientists <a href=\"https://example.org/whales\">think the whales</a> strand"
                                     " for many reasons, and the text goes on for a while.</p>");
  clipper_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  /* The list counts its rows again on a worker: 200 ms under load had it
   * count the whales after they were counted here, as if dropped. */
  for (guint i = 0; i < 200 && g_list_model_get_n_items (library (f)) < 4; i++)
    spin (50);
  n_articles = g_list_model_get_n_items (library (f));
  g_assert_cmpuint (n_articles, ==, 4);
  reader = open_and_wait (f, clipper_article_get_id (article), TRUE);
  web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  spin (300);

  /* The link's middle, in the screen's pixels: the window is at the
   * screen's corner (no window manager), its surface around it. */
  rect = eval_in_page (web_view,
                       "(() => { const r = document.querySelector('#clipper-article a').getBoundingClientRect();"
                       " return Math.round(r.left + r.width / 2) + ',' + Math.round(r.top + r.height / 2); })()");
  g_assert_nonnull (rect);
  {
    g_auto (GStrv) parts = g_strsplit (rect, ",", 2);

    g_assert_true (gtk_widget_compute_point (web_view, GTK_WIDGET (f->window),
                                             &GRAPHENE_POINT_INIT (g_ascii_strtod (parts[0], NULL),
                                                                   g_ascii_strtod (parts[1], NULL)),
                                             &point));
  }
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));
  g_test_message ("the link at %s,%s", x, y);
  {
    const char *argv[] = { xdotool, "mousemove", x, y, "sleep", "0.3", "mousedown", "1", "sleep", "0.3",
                           "mousemove_relative", "--", "20", "20", "sleep", "0.1",
                           "mousemove_relative", "--", "20", "20", "sleep", "0.1",
                           "mousemove_relative", "--", "40", "40", "sleep", "0.1",
                           "mousemove_relative", "--", "60", "60", "sleep", "0.1",
                           "mousemove_relative", "--", "60", "40", "sleep", "0.5",
                           "mouseup", "1", NULL };

    g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
    g_assert_no_error (error);
  }
  g_child_watch_add (pid, on_xdotool_exit, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* GTK and the web process finish the drop (a finalize warning came
   * with the next drag). */
  spin (1500);

  /* Nothing happened: no page saved, the article still shown. */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, n_articles);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, clipper_article_get_id (article));
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (web_view)), "clipper-article:"));
}

/* The newest highlight of the article open in the reader. */
static gint64
last_highlight (Fixture *f,
                gint64   article_id)
{
  ClipperHighlightQuery query = { .article_id = article_id };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = clipper_store_list_highlights (f->lib.store, &query, &error);
  gint64 id = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    id = MAX (id, clipper_highlight_get_id (g_ptr_array_index (list, i)));
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Removes @article_id's newest highlight as a reader does: a click on it
 * in the page, then Delete. */
static void
click_and_remove (Fixture   *f,
                  GtkWidget *reader,
                  gint64     article_id)
{
  GtkWidget *popover = find_by_css_class (reader, "clipper-selection-popover");
  g_autofree char *script = g_strdup_printf ("document.querySelector('mark.clipper-hl[data-id=\"%" G_GINT64_FORMAT "\"]').click()",
                                             last_highlight (f, article_id));

  g_free (eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)), script));
  for (guint i = 0; i < 100 && !gtk_widget_get_visible (popover); i++)
    spin (50);
  g_assert_true (gtk_widget_activate_action (reader, "reader.remove-selected", NULL));
  g_assert_cmpuint (count_highlights (f, article_id), ==, 0);
}

/* QA 8: Ctrl+Z, listed as "Undo the delete", undid only an article's
 * delete; a highlight removed in the reader came back only through its
 * toast.  It undoes the last removal, whichever it was. */
static void
test_undo_highlight_or_article (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *reader = open_and_wait (f, f->ids[0], TRUE);
  guint shown = g_list_model_get_n_items (library (f));

  assert_popover_highlights (f, reader, f->ids[0], "glide", "to remove");

  /* The highlight, then an article: the article comes back first. */
  click_and_remove (f, reader, f->ids[0]);
  clipper_window_delete_article (f->window, f->ids[3]);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, shown - 1);
  /* (The article's toast slides in first: dismissed before, libadwaita
   * 1.2 frees it twice; the window's own Undo has that crash still.) */
  spin (700);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, shown);
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, 0);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, 1);
  /* Nothing more to undo. */
  press_window_key (f->window, "<Control>z");
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, shown);

  /* An article, then the highlight: the highlight comes back first,
   * Ctrl+Z as soon as Delete (its toast sliding in still: it goes once
   * in, without the crash that dismissing it at once gave). */
  clipper_window_delete_article (f->window, f->ids[3]);
  spin (700);
  click_and_remove (f, reader, f->ids[0]);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  spin (900);
  g_assert_cmpuint (count_highlights (f, f->ids[0]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, shown - 1);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, shown);
}

/* A search hit in an article's text opens the article at the words found,
 * selected, not at the reading position. */
static void
test_search_hit_opens_at_match (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GListModel *results = clipper_window_get_search_model (f->window);
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-search-list");
  GtkWidget *reader;
  gboolean ready = FALSE;
  gint64 id;
  gboolean found = FALSE;

  for (int i = 0; i < 300; i++)
    g_string_append_printf (text, "Sentence %d of a long account of the estuary and its tides. ", i);
  g_string_append (text, "At last the grey heron lifts from the reeds. ");
  for (int i = 0; i < 20; i++)
    g_string_append_printf (text, "After %d. ", i);
  id = add_article (f->lib.store, "The estuary", text->str, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  spin (700);

  search_and_wait (f->window, "heron");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_nonnull (list);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  for (int i = 0; i < 50 && !found; i++)
    {
      g_autofree char *selected = eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                                                "window.getSelection().toString()");

      found = g_strcmp0 (selected, "heron") == 0;
      if (!found)
        spin (100);
    }
  g_assert_true (found);
  {
    g_autofree char *scrolled = eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                                              "String(window.scrollY > 500)");

    g_assert_cmpstr (scrolled, ==, "true");
  }
  search_and_wait (f->window, "");
}

/* How many widgets under @root have the CSS class @name. */
static guint
count_css_class (GtkWidget *root, const char *name)
{
  guint n = gtk_widget_has_css_class (root, name) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_css_class (child, name);
  return n;
}

/* Spins until @n rows of the list show their article unread. */
static gboolean
wait_for_unread_rows (Fixture *f, guint n)
{
  for (guint i = 0; i < 100; i++)
    {
      if (count_css_class (GTK_WIDGET (f->window), "unread") == n)
        return TRUE;
      spin (50);
    }
  return FALSE;
}

/* The menu button whose tooltip is @tooltip under @root, or NULL. */
static GtkWidget *
find_menu_button (GtkWidget *root, const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The menu item (a GtkModelButton, which is no GtkActionable) labelled
 * @text (its mnemonic taken out) under @root, or NULL. */
static GtkWidget *
find_menu_item (GtkWidget *root, const char *text)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), "GtkModelButton") == 0)
    {
      g_autofree char *label = NULL;

      g_object_get (root, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the article menu shows the item labelled @text (an item hides
 * while its action is disabled). */
static gboolean
menu_offers (Fixture *f, const char *text)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (f->window), "Article Menu");
  GtkWidget *item;
  gboolean offered;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  /* A popover menu makes its items when it first opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  spin (100);
  /* (An item hidden is not made at all.) */
  g_assert_nonnull (find_menu_item (button, "Delete"));
  item = find_menu_item (button, text);
  offered = item != NULL && gtk_widget_get_visible (item) && gtk_widget_get_sensitive (item);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  spin (50);
  return offered;
}

static ClipperReadState
stored_read_state (Fixture *f, gint64 id)
{
  g_autoptr (ClipperArticle) article = clipper_store_get_article (f->lib.store, id, NULL);

  g_assert_nonnull (article);
  return clipper_article_get_read_state (article);
}

/* QA (fifteenth session): nothing marked an article read, so every row
 * stayed bold and a screen reader called every article unread, however
 * often it had been read.  Opening it marks it read; Mark as Unread and
 * Mark as Read in the article menu set it by hand. */
static void
test_opening_marks_read (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *reader;
  gboolean ready = FALSE;

  g_assert_true (wait_for_unread_rows (f, 2));
  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (stored_read_state (f, f->ids[0]), ==, CLIPPER_READ_STATE_READ);
  g_assert_true (wait_for_unread_rows (f, 1));
  g_assert_false (menu_offers (f, "Mark as Read"));
  g_assert_true (menu_offers (f, "Mark as Unread"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.mark-unread", NULL));
  g_assert_cmpint (stored_read_state (f, f->ids[0]), ==, CLIPPER_READ_STATE_UNREAD);
  g_assert_true (wait_for_unread_rows (f, 2));
  g_assert_false (menu_offers (f, "Mark as Unread"));
  g_assert_true (menu_offers (f, "Mark as Read"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.mark-read", NULL));
  g_assert_cmpint (stored_read_state (f, f->ids[0]), ==, CLIPPER_READ_STATE_READ);

  /* An archived article is neither: Ctrl+E brings it back. */
  clipper_window_open_article (f->window, f->ids[2], 0);
  spin (200);
  g_assert_cmpint (stored_read_state (f, f->ids[2]), ==, CLIPPER_READ_STATE_ARCHIVED);
  g_assert_false (menu_offers (f, "Mark as Read"));
  g_assert_false (menu_offers (f, "Mark as Unread"));
}

static void
test_open_in_reader (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *reader;
  gboolean ready = FALSE;

  clipper_window_open_article (f->window, f->ids[1], 0);
  reader = clipper_window_get_reader (f->window);
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (reader)), ==, f->ids[1]);
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[1]);
}

/* With a screen reader running, an article opens as plain text (its text
 * in a text view, which reaches the screen reader), with the keyboard in
 * it at its start; Plain Text in the article's menu (win.plain-text,
 * Ctrl+Shift+T) turns it off, and the choice stays, screen reader or not. */
static void
test_plain_text_mode (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GSettings) screen_reader = clipper_reader_screen_reader_settings_new ();
  g_autoptr (GVariant) state = NULL;
  GtkWidget *reader, *focus;
  GtkTextView *text_view;
  GtkTextIter caret;

  if (screen_reader == NULL)
    {
      g_test_skip ("org.gnome.desktop.a11y.applications is not installed");
      return;
    }
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "plain-text");
  g_assert_false (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);

  g_settings_set_boolean (screen_reader, "screen-reader-enabled", TRUE);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "plain-text");
  g_assert_true (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);

  clipper_window_open_search_hit (f->window, CLIPPER_SEARCH_HIT_ARTICLE, f->ids[0], 0, NULL);
  reader = clipper_window_get_reader (f->window);
  g_assert_true (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));
  text_view = GTK_TEXT_VIEW (find_by_css_class (reader, "clipper-plain-text"));
  g_assert_nonnull (text_view);
  spin (100);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (text_view));
  gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (text_view), &caret,
                                    gtk_text_buffer_get_insert (gtk_text_view_get_buffer (text_view)));
  g_assert_cmpint (gtk_text_iter_get_offset (&caret), ==, 0);
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (text_view), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (text_view), &start, &end, TRUE);
    g_assert_cmpstr (text, ==, "Pelicans glide over the bay at dawn.");
  }

  /* The user turns it off: kept, and a screen reader starting again does
   * not turn it back on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plain-text", NULL));
  g_assert_false (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));
  g_assert_false (g_settings_get_boolean (settings, "plain-text"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                 clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)));
  g_settings_set_boolean (screen_reader, "screen-reader-enabled", FALSE);
  g_settings_set_boolean (screen_reader, "screen-reader-enabled", TRUE);
  g_assert_false (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));

  /* On again, by the user, without a screen reader. */
  g_settings_set_boolean (screen_reader, "screen-reader-enabled", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plain-text", NULL));
  g_assert_true (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));
  g_assert_true (g_settings_get_boolean (settings, "plain-text"));

  g_settings_reset (settings, "plain-text");
  g_settings_reset (screen_reader, "screen-reader-enabled");
  g_assert_false (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));
}

/* The quotes the Highlights page lists, in its order, joined by "|". */
static char *
review_quotes (ClipperReviewPage *page)
{
  GListModel *model = clipper_review_page_get_model (page);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", clipper_highlight_get_quote (h));
    }
  return g_string_free (out, FALSE);
}

/* Newest first, oldest first, or each article's in the order of its text
 * (orphans last); the choice is kept. */
/* QA: renaming a tag while the Highlights page filtered by it fell back
 * to All Tags.  The filter follows the tag to its new name, and to the
 * tag it is merged into. */
static void
test_highlights_filter_follows_rename (Fixture       *f,
                                       gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  const char *tags[] = { "estuary", "Coast", NULL };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      const char *one[] = { tags[i], NULL };

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "yellow");
      clipper_highlight_set_quote (h, "Pelicans");
      clipper_highlight_set_range (h, 0, 8);
      clipper_highlight_set_anchored (h, TRUE);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      if (tags[i] != NULL)
        {
          clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), one, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (100);
  clipper_review_page_set_tag (page, "estuary");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  g_assert_true (clipper_store_rename_tag (f->lib.store, "estuary", "tidal flats", &error));
  g_assert_no_error (error);
  g_assert_true (window_shows_label (f->window, "tidal flats"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Merged into "Coast" (typed in another case): that tag's highlights too. */
  g_assert_true (clipper_store_rename_tag (f->lib.store, "tidal flats", "coast", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && g_list_model_get_n_items (model) != 2; i++)
    spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (window_shows_label (f->window, "Coast"));
  g_assert_false (has_label (GTK_WIDGET (f->window), "tidal flats", FALSE));
}

/* A window as the application makes it: what the last one showed comes
 * back. */
static ClipperWindow *
restored_window (Fixture *f)
{
  ClipperWindow *window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));

  clipper_window_restore_state (window);
  gtk_window_present (GTK_WINDOW (window));
  spin (100);
  return window;
}

/* QA: closing and opening again kept the window's size, and not the
 * article open nor the page shown.  Both come back; an article deleted
 * meanwhile is not opened, and the window opens all the same. */
static void
test_restore_state (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
  g_autoptr (GError) error = NULL;
  ClipperWindow *window;

  clipper_window_open_article (f->window, f->ids[1], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (50);
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  window = restored_window (f);
  g_assert_cmpint (clipper_window_get_article_id (window), ==, f->ids[1]);
  g_assert_true (gtk_widget_get_mapped (clipper_window_get_review_page (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);

  g_assert_true (clipper_store_delete_article (f->lib.store, f->ids[1], &error));
  g_assert_no_error (error);
  window = restored_window (f);
  g_assert_cmpint (clipper_window_get_article_id (window), ==, 0);
  g_assert_true (gtk_widget_get_mapped (clipper_window_get_review_page (window)));
  /* Back on the articles, with none open, for the next start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "articles"));
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-article"), ==, 0);
  g_assert_cmpstr (g_settings_get_string (settings, "view"), ==, "articles");
}

/* QA: choosing "Pink · Question" on the Highlights page widened the
 * library pane (~350 → 380 px) and reflowed the article beside it.  The
 * chosen colour's name is ellipsized rather than asked room for. */
static void
test_highlights_filter_keeps_width (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *pane = find_by_id (GTK_WIDGET (f->window), "library_pane");
  GtkWidget *colors = find_by_id (GTK_WIDGET (f->window), "color_dropdown");
  int width;

  g_assert_nonnull (pane);
  g_assert_nonnull (colors);
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (300);
  width = gtk_widget_get_width (pane);
  g_assert_cmpint (width, >, 0);
  /* What they show at first is whole ("All Co…" the first way round). */
  {
    GtkWidget *tags = find_by_id (GTK_WIDGET (f->window), "tag_dropdown");
    GtkLabel *all_colours = find_label_with (colors, "All Colours");
    GtkLabel *all_tags = find_label_with (tags, "All Tags");

    g_assert_nonnull (all_colours);
    g_assert_nonnull (all_tags);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (all_colours)));
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (all_tags)));
  }
  /* All Colours, then Yellow, Green, Blue, Pink: the longest name. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (colors), 4);
  spin (300);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (colors))), ==,
                   "Pink · Question");
  g_assert_cmpint (gtk_widget_get_width (pane), ==, width);
}

/* QA: "Exporting…" with its progress bar pushed the list down ~42 px
 * while it showed, the rows moving under the pointer.  It lies over the
 * foot of the list instead. */
static void
test_progress_keeps_list_still (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *list = find_by_id (GTK_WIDGET (f->window), "article_list");
  GtkWidget *progress = find_by_id (GTK_WIDGET (f->window), "progress_revealer");
  graphene_point_t before, during;

  g_assert_nonnull (list);
  g_assert_nonnull (progress);
  spin (100);
  g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (0, 0), &before));
  gtk_revealer_set_reveal_child (GTK_REVEALER (progress), TRUE);
  spin (600);
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (progress)));
  g_assert_cmpint (gtk_widget_get_height (progress), >, 20);
  g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (0, 0), &during));
  g_assert_cmpfloat (during.y, ==, before.y);
  gtk_revealer_set_reveal_child (GTK_REVEALER (progress), FALSE);
}

/* What the list of @window shows as it is painted: the first article at
 * its top in a frame where it can be seen (mapped, and neither it nor a
 * widget around it transparent). */
typedef struct
{
  ClipperWindow *window;
  gint64 first_seen_top;
  guint frames;
} ListSeen;

static gint64 list_top_article (ClipperWindow *window);

static void
on_list_painted (GdkFrameClock *clock,
                 ListSeen      *seen)
{
  GtkWidget *list = find_by_id (GTK_WIDGET (seen->window), "article_list");
  double opacity = 1.0;

  seen->frames++;
  if (seen->first_seen_top != 0 || !gtk_widget_get_mapped (list))
    return;
  for (GtkWidget *w = list; w != NULL; w = gtk_widget_get_parent (w))
    opacity *= gtk_widget_get_opacity (w);
  if (opacity > 0.0)
    seen->first_seen_top = list_top_article (seen->window);
}

/* The article whose row is at the top of @window's list, or 0. */
static gint64
list_top_article (ClipperWindow *window)
{
  GtkWidget *list = find_by_id (GTK_WIDGET (window), "article_list");
  gint64 top = 0;
  float top_y = G_MAXFLOAT;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (CLIPPER_IS_ARTICLE_ROW (row) && clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)) != NULL &&
          gtk_widget_get_child_visible (child) && gtk_widget_compute_bounds (child, list, &bounds) &&
          bounds.origin.y + bounds.size.height > 0.5f && bounds.origin.y < top_y)
        {
          top = clipper_article_get_id (clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)));
          top_y = bounds.origin.y;
        }
    }
  return top;
}

static guint
selected_position (ClipperWindow *window)
{
  GtkWidget *list = find_by_id (GTK_WIDGET (window), "article_list");

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

static gint64
article_at (ClipperWindow *window,
            guint          position)
{
  g_autoptr (ClipperArticle) article =
    g_list_model_get_item (G_LIST_MODEL (clipper_window_get_library_model (window)), position);

  g_assert_nonnull (article);
  return clipper_article_get_id (article);
}

static void
reset_restored_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
  const char *keys[] = { "last-article", "view", "library-filter", "library-tag", "library-search", "library-top",
                         "highlights-color", "highlights-tag", "highlights-article-tag", "highlights-search",
                         "highlights-orphans", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* QA-q 5: a page saved by another program (clipper-cli add) while the
 * list showed its top, an article lower down open, scrolled the list so
 * that the open article's row was at the top: the new page and the rows
 * above the open one went out of view.  The list stays where it was, the
 * new row above the rows it showed. */
static void
test_external_save_keeps_place (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (ClipperStore) other = NULL;
  g_autoptr (GError) error = NULL;
  ClipperWindow *window;
  GtkWidget *list;
  GtkAdjustment *adjustment;
  gint64 open, top, added, now_top;
  guint n = 0;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %03d", i);

      add_article (f->lib.store, title, "Some text.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
    }
  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  clipper_window_set_filter (window, 3);   /* All */
  for (guint i = 0; i < 100 && n != 44; i++)
    {
      spin (50);
      n = g_list_model_get_n_items (G_LIST_MODEL (clipper_window_get_library_model (window)));
    }
  g_assert_cmpuint (n, ==, 44);
  list = find_by_id (GTK_WIDGET (window), "article_list");
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  gtk_adjustment_set_value (adjustment, 0);
  spin (300);
  top = list_top_article (window);
  g_assert_cmpint (top, ==, article_at (window, 0));

  /* An article a few rows down, in view, open. */
  open = article_at (window, 4);
  clipper_window_open_article (window, open, 0);
  for (guint i = 0; i < 40 && selected_position (window) != 4; i++)
    spin (50);
  g_assert_cmpuint (selected_position (window), ==, 4);
  spin (300);
  g_assert_cmpint (list_top_article (window), ==, top);

  /* Saved by another program: the newest, at the top of the list. */
  other = clipper_store_open (f->lib.path, &error);
  g_assert_no_error (error);
  added = add_article (other, "Saved elsewhere", "Some text.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  for (guint i = 0; i < 100 && n != 45; i++)
    {
      spin (50);
      n = g_list_model_get_n_items (G_LIST_MODEL (clipper_window_get_library_model (window)));
    }
  g_assert_cmpuint (n, ==, 45);
  g_assert_cmpint (article_at (window, 0), ==, added);
  /* (The list lays out and scrolls over the next frames.) */
  spin (600);
  g_assert_cmpint (article_at (window, selected_position (window)), ==, open);
  now_top = list_top_article (window);
  g_test_message ("top row: %" G_GINT64_FORMAT " (new %" G_GINT64_FORMAT ", was %" G_GINT64_FORMAT
                  ", open %" G_GINT64_FORMAT ")", now_top, added, top, open);
  g_assert_true (now_top == added || now_top == top);

  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
}

/* The position of @window's library filter whose name ends with @name. */
static guint
filter_position (ClipperWindow *window,
                 const char    *name)
{
  GtkDropDown *filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (window), "filter_dropdown"));
  GListModel *items = gtk_drop_down_get_model (filter);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_has_suffix (gtk_string_object_get_string (item), name))
        return i;
    }
  g_assert_not_reached ();
}

/* Waits until @window's list, with @n rows, shows its first at its top. */
static gint64
wait_list_top (ClipperWindow *window,
               guint          n)
{
  GListModel *model = G_LIST_MODEL (clipper_window_get_library_model (window));

  for (guint i = 0; i < 100 && g_list_model_get_n_items (model) != n; i++)
    spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < 40 && list_top_article (window) != article_at (window, 0); i++)
    spin (50);
  return list_top_article (window);
}

/* QA-s 3: another filter or sort, chosen while the list was scrolled down
 * to the open article, showed the new list scrolled to its middle: its
 * first rows above, out of view, with no sign of them.  When the open
 * article is not in the new list, the list starts at its top; when it is,
 * its row stays in view. */
static void
test_new_filter_starts_at_top (Fixture       *f,
                               gconstpointer  data)
{
  ClipperWindow *window;
  GtkDropDown *filter;
  GtkDropDown *sort;
  gint64 open = 0;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %03d", i);

      add_article (f->lib.store, title, "Some text.", CLIPPER_READ_STATE_UNREAD, FALSE, i % 2 == 0 ? "work" : NULL);
    }
  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (window), "filter_dropdown"));
  sort = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (window), "sort_dropdown"));
  gtk_drop_down_set_selected (filter, 3);   /* All */
  wait_list_top (window, 44);

  /* An article without the tag, far down, open: the list scrolls to it. */
  for (guint i = 30; i < 44 && open == 0; i++)
    {
      g_autoptr (ClipperArticle) a = g_list_model_get_item (G_LIST_MODEL (clipper_window_get_library_model (window)), i);
      const char *const *tags = clipper_article_get_tags (a);

      if (tags == NULL || !g_strv_contains (tags, "work"))
        open = clipper_article_get_id (a);
    }
  g_assert_cmpint (open, !=, 0);
  clipper_window_open_article (window, open, 0);
  for (guint i = 0; i < 40 && list_top_article (window) == article_at (window, 0); i++)
    spin (50);
  g_assert_cmpint (list_top_article (window), !=, article_at (window, 0));

  gtk_drop_down_set_selected (filter, filter_position (window, "work"));
  g_assert_cmpint (wait_list_top (window, 20), ==, article_at (window, 0));

  /* Another sort, the open article still not in the list: the top too. */
  gtk_widget_activate_action (GTK_WIDGET (find_by_id (GTK_WIDGET (window), "article_list")), "list.scroll-to-item", "u", 19);
  for (guint i = 0; i < 40 && list_top_article (window) == article_at (window, 0); i++)
    spin (50);
  g_assert_cmpint (list_top_article (window), !=, article_at (window, 0));
  gtk_drop_down_set_selected (sort, 2);   /* Title */
  g_assert_cmpint (wait_list_top (window, 20), ==, article_at (window, 0));

  /* Back to All: the open article is in it, and its row is in view. */
  gtk_drop_down_set_selected (filter, 3);
  for (guint i = 0; i < 100 && article_at (window, selected_position (window)) != open; i++)
    spin (50);
  g_assert_cmpint (article_at (window, selected_position (window)), ==, open);

  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
}

/* QA: the list came back at its top, with the open article's row not
 * selected when it was further down than the first hundred rows, and on
 * Unread whatever it showed.  The filter, the rows in view and the
 * selection come back. */
static void
test_restore_list_place (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *list;
  GtkAdjustment *adjustment;
  ClipperWindow *window;
  gint64 top, open;
  guint n = 0;

  for (int i = 0; i < 260; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %03d", i);

      add_article (f->lib.store, title, "Some text.", i % 3 == 0 ? CLIPPER_READ_STATE_ARCHIVED : CLIPPER_READ_STATE_UNREAD,
                   FALSE, NULL);
    }
  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  gtk_window_present (GTK_WINDOW (window));
  clipper_window_set_filter (window, 3);   /* All */
  /* The rest of the list is counted after the first frame. */
  for (guint i = 0; i < 100 && n != 264; i++)
    {
      spin (50);
      n = g_list_model_get_n_items (G_LIST_MODEL (clipper_window_get_library_model (window)));
    }
  g_assert_cmpuint (n, ==, 264);
  spin (300);

  /* Scrolled well down, the article a few rows below the top open. */
  list = find_by_id (GTK_WIDGET (window), "article_list");
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  for (guint i = 0; i < 20 && gtk_adjustment_get_upper (adjustment) < 200 * 40; i++)
    spin (100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.6);
  spin (300);
  top = list_top_article (window);
  g_assert_cmpint (top, !=, 0);
  g_assert_cmpint (top, !=, article_at (window, 0));
  {
    guint top_position = clipper_library_model_find_loaded (clipper_window_get_library_model (window), top);

    g_assert_cmpuint (top_position, >, 120);
    open = article_at (window, top_position + 3);
    clipper_window_open_article (window, open, 0);
    spin (200);
    g_assert_cmpuint (selected_position (window), ==, top_position + 3);
    g_assert_cmpint (list_top_article (window), ==, top);
  }
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);

  /* QA: the list was painted at its top, and jumped to its place 0.6 to
   * 0.9 s later.  The first rows seen are the ones it comes back to. */
  {
    ListSeen seen = { 0 };
    GdkFrameClock *clock;
    gulong handler;

    window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
    clipper_window_restore_state (window);
    gtk_window_present (GTK_WINDOW (window));
    seen.window = window;
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    g_assert_nonnull (clock);
    handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_list_painted), &seen);
    for (guint i = 0; i < 50 && list_top_article (window) != top; i++)
      spin (100);
    spin (100);
    g_signal_handler_disconnect (clock, handler);
    g_assert_cmpuint (seen.frames, >, 0);
    g_assert_cmpint (seen.first_seen_top, ==, top);
  }
  g_assert_cmpint (clipper_window_get_article_id (window), ==, open);
  g_assert_cmpint (clipper_library_model_get_state (clipper_window_get_library_model (window)), ==,
                   CLIPPER_STATE_FILTER_ALL);
  g_assert_cmpint (list_top_article (window), ==, top);
  g_assert_cmpint (article_at (window, selected_position (window)), ==, open);

  /* Closed on the Highlights page: the list behind it comes back to its
   * rows when shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "highlights"));
  spin (100);
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
  window = restored_window (f);
  spin (500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "articles"));
  for (guint i = 0; i < 50 && list_top_article (window) != top; i++)
    spin (100);
  g_assert_cmpint (list_top_article (window), ==, top);
  g_assert_cmpint (article_at (window, selected_position (window)), ==, open);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: a user reviewing the highlights tagged "thesis" found every
 * highlight again after a restart, and the library on Unread.  The
 * Highlights page's colour, tag and text, and the library's tag, come
 * back, in the menus and the field too. */
static void
test_restore_filters (Fixture       *f,
                      gconstpointer  data)
{
  const struct { guint article; const char *color; const char *quote; const char *tag; } rows[] = {
    { 0, "green", "Pelicans glide", "thesis" },
    { 1, "green", "slow conversation", "thesis" },
    { 1, "green", "a habit", NULL },
    { 3, "yellow", "city maps", "thesis" },
  };
  ClipperReviewPage *page;
  GListModel *model;
  ClipperWindow *window;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      const char *tags[] = { rows[i].tag, NULL };

      clipper_highlight_set_article_id (h, f->ids[rows[i].article]);
      clipper_highlight_set_color (h, rows[i].color);
      clipper_highlight_set_quote (h, rows[i].quote);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, TRUE);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      if (rows[i].tag != NULL)
        {
          clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
          g_assert_no_error (error);
        }
    }
  /* A highlight's tag that sorts before the articles' "birds": the list's
   * menu holds only the articles' tags. */
  {
    const char *tags[] = { "aardvark", NULL };
    g_autoptr (GPtrArray) all = clipper_store_list_highlights (f->lib.store, NULL, &error);

    g_assert_no_error (error);
    clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (g_ptr_array_index (all, 0)), tags,
                                      &error);
    g_assert_no_error (error);
  }
  spin (700);

  clipper_window_set_filter (f->window, 4);   /* Tag: birds */
  g_assert_cmpstr (clipper_library_model_get_tag (CLIPPER_LIBRARY_MODEL (library (f))), ==, "birds");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  settle_page (page);
  clipper_review_page_set_color (page, "green");
  clipper_review_page_set_tag (page, "thesis");
  clipper_review_page_set_search (page, "CONVERSATION");
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 1);
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  window = restored_window (f);
  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
  settle_page (page);
  model = clipper_review_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, 0);

    g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "slow conversation");
  }
  /* Shown as set: the menus and the field. */
  {
    GtkDropDown *color = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "color_dropdown"));
    GtkDropDown *tag = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "tag_dropdown"));

    g_assert_cmpuint (gtk_drop_down_get_selected (color), ==, 2);   /* All, yellow, green */
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (tag)), ==, "thesis");
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY))), ==,
                   "CONVERSATION");
  g_assert_cmpstr (clipper_library_model_get_tag (clipper_window_get_library_model (window)), ==, "birds");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clipper_window_get_library_model (window))), ==, 2);

  /* A tag gone meanwhile is not filtered by: every tag, the library on
   * the Reading List. */
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
  g_assert_true (clipper_store_delete_tag (f->lib.store, "thesis", &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_delete_tag (f->lib.store, "birds", &error));
  g_assert_no_error (error);
  window = restored_window (f);
  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "tag_dropdown"))), ==, 0);
  g_assert_null (clipper_library_model_get_tag (clipper_window_get_library_model (window)));
  g_assert_cmpint (clipper_library_model_get_state (clipper_window_get_library_model (window)), ==,
                   CLIPPER_STATE_FILTER_UNREAD);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: the library's filter, scroll and selection came back at the next
 * start, and not its search: the bar closed, the words typed lost.  The
 * search comes back, with its results; a search closed is not. */
static void
test_restore_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
  GListModel *results;
  ClipperWindow *window;
  GtkWidget *entry;

  clipper_window_search (f->window, "pelicans");
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  window = restored_window (f);
  results = clipper_window_get_search_model (window);
  for (guint i = 0; i < 100 && (clipper_window_get_search_pending (window) || g_list_model_get_n_items (results) == 0); i++)
    spin (50);
  entry = find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "pelicans");
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  {
    g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, 0);

    g_assert_cmpstr (clipper_search_result_get_title (hit), ==, "The pelican brief");
  }

  /* Closed, the search is not there at the next start. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR)), FALSE);
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
  {
    g_autofree char *kept = g_settings_get_string (settings, "library-search");

    g_assert_cmpstr (kept, ==, "");
  }
  window = restored_window (f);
  entry = find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_mapped (entry));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: a window closed on the Highlights page with a library search open
 * came back with the search's words in the Highlights page's filter
 * ("1 of 2 highlights"), and kept them there at the next start.  The
 * field's "search-changed" comes a moment after its text is set, by
 * which time the Highlights page is shown. */
static void
test_restore_search_on_highlights (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
  const char *quotes[] = { "Pelicans glide", "city maps" };
  ClipperReviewPage *page;
  GListModel *results;
  ClipperWindow *window;
  GtkWidget *entry;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[i == 0 ? 0 : 3]);
      clipper_highlight_set_color (h, "yellow");
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, TRUE);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }
  g_settings_set_string (settings, "view", "highlights");
  g_settings_set_string (settings, "library-search", "pelicans");
  g_settings_set_string (settings, "highlights-search", "");

  window = restored_window (f);
  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
  /* Past the field's delay before "search-changed". */
  spin (500);
  settle_page (page);
  g_assert_cmpstr (clipper_review_page_get_search (page), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY))), ==,
                   "");
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_by_id (GTK_WIDGET (window), "view_stack"))), ==,
                   "highlights");

  /* The library's search is there on the way back, with its results. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "articles"));
  results = clipper_window_get_search_model (window);
  for (guint i = 0; i < 100 && (clipper_window_get_search_pending (window) || g_list_model_get_n_items (results) == 0); i++)
    spin (50);
  entry = find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "pelicans");
  g_assert_true (gtk_widget_get_mapped (entry));
  /* The article and its highlight. */
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, i);

      g_assert_cmpstr (clipper_search_result_get_title (hit), ==, "The pelican brief");
    }

  /* Each search is kept as its own. */
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_object_unref (window);
  {
    g_autofree char *library_search = g_settings_get_string (settings, "library-search");
    g_autofree char *highlights_search = g_settings_get_string (settings, "highlights-search");

    g_assert_cmpstr (library_search, ==, "pelicans");
    g_assert_cmpstr (highlights_search, ==, "");
  }
  reset_restored_settings ();
}

/* QA: the first filter, "Unread", listed every article not archived,
 * read ones too (as `clipper-cli list --state unread` does, after
 * Pocket's API), while read titles are regular and unread ones bold.  It
 * is the Reading List, on screen, to a screen reader and in the article's
 * Archive button; a window closed on "unread" opens on it. */
static void
test_filter_reading_list (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
  GtkDropDown *filter;
  GtkWidget *archive;
  ClipperWindow *window;
  g_autofree char *wrong = NULL;

  g_settings_set_string (settings, "library-filter", "starred");
  window = restored_window (f);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_settings_set_string (settings, "library-filter", "unread");
  window = restored_window (f);
  filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (window), "filter_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, 0);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (filter)), ==, "Reading List");
  g_assert_true (window_shows_label (window, "Reading List"));
  /* Read and unread alike. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clipper_window_get_library_model (window))), ==, 3);

  clipper_window_open_article (window, f->ids[2], 0);   /* archived */
  spin (100);
  archive = find_button_with_action (GTK_WIDGET (window), "library.archive");
  g_assert_nonnull (archive);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (archive), ==, "Move to Reading List (Ctrl+E)");
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (archive), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Move to Reading List");
  g_assert_null (wrong);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* Each article's reading position is kept; the window that opens on an
 * article at start-up opens it there too, and does not write back a
 * position of its own while its page is laid out. */
static void
test_restore_reading_position (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  ClipperWindow *window;
  GtkWidget *reader;
  gboolean ready = FALSE;
  gint64 id;

  for (int i = 0; i < 400; i++)
    g_string_append_printf (text, "Sentence %d of a long account of the estuary and its tides. ", i);
  id = add_article (f->lib.store, "The estuary", text->str, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  article = clipper_store_get_article (f->lib.store, id, NULL);
  clipper_article_set_reading_position (article, 0.6);
  g_assert_true (clipper_store_update_article (f->lib.store, article, &error));
  g_assert_no_error (error);
  clipper_window_open_article (f->window, id, 0);
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  clipper_window_restore_state (window);
  reader = clipper_window_get_reader (window);
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (&ready, 30));
  spin (1500);
  {
    /* The position is how far into the text the top of the view is: the
     * line of the character 60% into the text is the first in view. */
    g_autofree char *top =
      eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                    "(() => { const r = document.getElementById('clipper-article');"
                    " const w = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);"
                    " let at = Math.round(0.6 * r.textContent.length), n;"
                    " while ((n = w.nextNode()) && at >= n.data.length) at -= n.data.length;"
                    " const range = document.createRange(); range.setStart(n, at); range.setEnd(n, at + 1);"
                    " return String(range.getClientRects()[0].top); })()");
    g_autoptr (ClipperArticle) stored = clipper_store_get_article (f->lib.store, id, NULL);

    g_assert_cmpfloat (g_ascii_strtod (top, NULL), >=, -1);
    g_assert_cmpfloat (g_ascii_strtod (top, NULL), <, 60);
    g_assert_cmpfloat_with_epsilon (clipper_article_get_reading_position (stored), 0.6, 0.001);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA (fifteenth session): Mark as Unread was undone by the next start,
 * which reopened the article and so marked it read.  An article the
 * window opens by itself is read once the reader scrolls it. */
static void
test_restore_keeps_unread (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  ClipperWindow *window;
  GtkWidget *reader;
  gboolean ready = FALSE;
  gint64 id;

  for (int i = 0; i < 400; i++)
    g_string_append_printf (text, "Sentence %d of a long account of the estuary and its tides. ", i);
  id = add_article (f->lib.store, "The estuary", text->str, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  clipper_window_open_article (f->window, id, 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (stored_read_state (f, id), ==, CLIPPER_READ_STATE_READ);
  spin (300);   /* the menu follows the store's change notice */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.mark-unread", NULL));
  g_assert_cmpint (stored_read_state (f, id), ==, CLIPPER_READ_STATE_UNREAD);
  /* Closed at once: the reader's record of it, older, is not written back. */
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  clipper_window_restore_state (window);
  reader = clipper_window_get_reader (window);
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  ready = FALSE;
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (&ready, 30));
  spin (1000);
  g_assert_cmpint (clipper_window_get_article_id (window), ==, id);
  g_assert_cmpint (stored_read_state (f, id), ==, CLIPPER_READ_STATE_UNREAD);

  /* Read on: once scrolled, it is read. */
  g_free (eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                        "window.scrollTo (0, 600); 'ok'"));
  for (guint i = 0; i < 60 && stored_read_state (f, id) != CLIPPER_READ_STATE_READ; i++)
    spin (50);
  g_assert_cmpint (stored_read_state (f, id), ==, CLIPPER_READ_STATE_READ);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

static void
test_highlights_sort (Fixture       *f,
                      gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  const struct { const char *quote; gint64 start; gint64 created; } made[] = {
    { "over the bay", 15, 1000 }, { "Pelicans", 0, 2000 }, { "lost words", -1, 2500 }, { "at dawn", 28, 3000 },
  };
  g_autofree char *order = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[0]);
      clipper_highlight_set_quote (h, made[i].quote);
      if (made[i].start >= 0)
        clipper_highlight_set_range (h, made[i].start, made[i].start + (gint64) strlen (made[i].quote));
      clipper_highlight_set_anchored (h, made[i].start >= 0);
      clipper_highlight_set_created_at (h, made[i].created);
      g_assert_true (clipper_store_add_highlight (f->lib.store, h, &error));
      g_assert_no_error (error);
    }
  reload_and_wait (page);
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "at dawn|lost words|Pelicans|over the bay");
  g_clear_pointer (&order, g_free);

  /* The header's sort menu, as the Highlights page shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  g_assert_true (gtk_widget_get_visible (find_by_css_class (GTK_WIDGET (f->window), "clipper-sort-highlights")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "settings.highlights-sort", "s", "oldest"));
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "over the bay|Pelicans|lost words|at dawn");
  g_clear_pointer (&order, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "settings.highlights-sort", "s", "text"));
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "Pelicans|over the bay|at dawn|lost words");
  g_clear_pointer (&order, g_free);
  {
    g_autofree char *kept = g_settings_get_string (settings, "highlights-sort");

    g_assert_cmpstr (kept, ==, "text");
  }
  g_settings_reset (settings, "highlights-sort");
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "at dawn|lost words|Pelicans|over the bay");
}

static void maybe_screenshot (const char *name);

/* QA-k 8: the Highlights page could not list only the orphans, which
 * `clipper-cli highlights --orphans` lists.  A filter beside the field,
 * there while there are orphans, shows them alone; the count says how
 * many of all; Clear Filters turns it off. */
static void
test_highlights_orphans (Fixture       *f,
                         gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *button = find_by_id (GTK_WIDGET (page), "orphans_button");
  GtkWidget *count = find_by_id (GTK_WIDGET (page), "count_label");
  const struct { const char *quote; gboolean anchored; } made[] = {
    { "Pelicans glide", TRUE }, { "a sentence the page lost", FALSE }, { "over the bay", TRUE },
  };
  gint64 ids[G_N_ELEMENTS (made)];
  g_autoptr (ClipperHighlight) orphan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *order = NULL;

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[0]);
      clipper_highlight_set_quote (h, made[i].quote);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, made[i].anchored);
      clipper_highlight_set_created_at (h, 1000 + i);
      g_assert_true (clipper_store_add_highlight (f->lib.store, h, &error));
      g_assert_no_error (error);
      ids[i] = clipper_highlight_get_id (h);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  reload_and_wait (page);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Only the 1 Highlight Not Found in Its Article");

  /* As a click does. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  spin (300);
  maybe_screenshot ("highlights-orphans.png");
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "a sentence the page lost");
  g_clear_pointer (&order, g_free);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1 of 3 highlights");

  /* With the colour filter too. */
  clipper_review_page_set_color (page, "green");
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 0);
  clipper_review_page_set_color (page, NULL);

  /* Re-attached: no orphan is left, and the filter stays on (to be turned
   * off) until cleared; then it goes. */
  orphan = clipper_test_get_highlight (f->lib.store, ids[1]);
  clipper_highlight_set_anchored (orphan, TRUE);
  g_assert_true (clipper_store_update_highlight (f->lib.store, orphan, &error));
  g_assert_no_error (error);
  reload_and_wait (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 0);
  g_assert_true (gtk_widget_get_visible (button));
  clipper_review_page_clear_filters (page);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_widget_get_visible (button));
  order = review_quotes (page);
  g_assert_cmpstr (order, ==, "over the bay|a sentence the page lost|Pelicans glide");
}

/* The orphans' filter was off again at the next start, while the colour
 * and tag filters beside it came back.  It comes back too, its button
 * pressed; off, it stays off. */
static void
test_restore_highlights_orphans (Fixture       *f,
                                 gconstpointer  data)
{
  const struct { const char *quote; gboolean anchored; } made[] = {
    { "Pelicans glide", TRUE }, { "a sentence the page lost", FALSE },
  };
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  ClipperWindow *window;
  g_autofree char *order = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[0]);
      clipper_highlight_set_quote (h, made[i].quote);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, made[i].anchored);
      clipper_highlight_set_created_at (h, 1000 + i);
      g_assert_true (clipper_store_add_highlight (f->lib.store, h, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  reload_and_wait (page);
  /* As a click does. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_id (GTK_WIDGET (page), "orphans_button")), TRUE);
  g_assert_true (clipper_review_page_get_orphans_only (page));
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);

  for (guint round = 0; round < 2; round++)
    {
      GtkWidget *button;

      window = restored_window (f);
      page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
      settle_page (page);
      button = find_by_id (GTK_WIDGET (page), "orphans_button");
      order = review_quotes (page);
      if (round == 0)
        {
          g_assert_cmpstr (order, ==, "a sentence the page lost");
          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
          g_assert_true (gtk_widget_get_visible (button));
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
        }
      else
        {
          g_assert_cmpstr (order, ==, "a sentence the page lost|Pelicans glide");
          g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
        }
      g_clear_pointer (&order, g_free);
      gtk_window_close (GTK_WINDOW (window));
      spin (50);
      g_object_unref (window);
    }
  reset_restored_settings ();
}

static void
test_highlights_page (Fixture       *f,
                      gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  const char *colors[] = { "yellow", "blue", "yellow" };
  const char *quotes[] = { "Pelicans glide", "slow <conversation>", "rivers" };
  const gint64 on[] = { f->ids[0], f->ids[1], f->ids[2] };
  g_autoptr (ClipperHighlight) newest = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *model = clipper_review_page_get_model (page);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, on[i]);
      clipper_highlight_set_color (h, colors[i]);
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, TRUE);
      if (i == 1)
        clipper_highlight_set_note (h, "Remember this one");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      if (i == 2)
        {
          const char *tags[] = { "estuary", NULL };

          clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
          g_assert_no_error (error);
        }
    }

  reload_and_wait (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  /* Newest first, with the article's title for grouping. */
  newest = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_highlight_get_quote (newest), ==, "rivers");
  g_assert_cmpstr (clipper_highlight_get_article_title (newest), ==, "Old news");

  clipper_review_page_set_color (page, "yellow");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  clipper_review_page_set_color (page, NULL);

  /* A second highlight on the first article: it is the newest, so its
   * article's group comes first, with both of its highlights together. */
  {
    g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
    g_autoptr (ClipperHighlight) second = NULL;

    clipper_highlight_set_article_id (h, f->ids[0]);
    clipper_highlight_set_color (h, "pink");
    clipper_highlight_set_quote (h, "over the bay");
    clipper_highlight_set_range (h, 15, 27);
    clipper_highlight_set_anchored (h, TRUE);
    clipper_store_add_highlight (f->lib.store, h, &error);
    g_assert_no_error (error);
    reload_and_wait (page);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
    g_clear_object (&newest);
    newest = g_list_model_get_item (model, 0);
    second = g_list_model_get_item (model, 1);
    g_assert_cmpstr (clipper_highlight_get_quote (newest), ==, "over the bay");
    g_assert_cmpstr (clipper_highlight_get_quote (second), ==, "Pelicans glide");
    clipper_store_delete_highlight (f->lib.store, clipper_highlight_get_id (h), &error);
    g_assert_no_error (error);
    reload_and_wait (page);
  }

  clipper_review_page_set_search (page, "REMEMBER");   /* notes too, any case */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_search (page, "pelican brief");  /* article titles */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_search (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  clipper_review_page_set_tag (page, "estuary");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_tag (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* An article deleted a moment ago leaves the page at once, and Undo
   * brings its highlights back. */
  {
    g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);
    gint64 article = clipper_highlight_get_article_id (first);
    guint before = g_list_model_get_n_items (model);

    clipper_window_delete_article (f->window, article);
    g_assert_cmpuint (g_list_model_get_n_items (model), <, before);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

        g_assert_cmpint (clipper_highlight_get_article_id (h), !=, article);
      }
    clipper_window_undo_delete (f->window, article);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);
    /* Undone while its toast slid in (other toasts shown): libadwaita
     * 1.2 freed it twice when the animations ended, and the app crashed. */
    spin (800);
  }

  /* Opening one (Enter on its row) takes the keyboard into the article,
   * to read on with the arrows and Page Down, and opens its note in the
   * panel beside it (QA 7: it only scrolled there, and the note had to
   * be found again in the text to be edited). */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  spin (200);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);
      GtkWidget *reader, *web, *focus, *note;
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      if (g_strcmp0 (clipper_highlight_get_note (h), "Remember this one") != 0)
        continue;
      g_signal_emit_by_name (page, "highlight-activated", clipper_highlight_get_article_id (h),
                             clipper_highlight_get_id (h));
      reader = clipper_window_get_reader (f->window);
      web = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_true (focus == web || gtk_widget_is_ancestor (focus, web));
      g_assert_true (clipper_reader_view_get_panel_visible (CLIPPER_READER_VIEW (reader)));
      note = find_by_css_class (reader, "clipper-note");
      g_assert_nonnull (note);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_by_css_class (reader, "clipper-reader-panel"))),
                       ==, "detail");
      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (note)), &start, &end);
      text = gtk_text_iter_get_text (&start, &end);
      g_assert_cmpstr (text, ==, "Remember this one");
      return;
    }
  g_assert_not_reached ();
}

/* Pages served by the shared test server (clipper-test-server.h: a real
 * SoupServer on its own thread, as a real web server would be: the
 * saver's fetch runs on a worker thread meanwhile). */
static const char estuary_page[] =
  "<!DOCTYPE html><html><head><meta charset=utf-8><title>A Walk Along the Estuary</title>"
  "<meta property='og:site_name' content='Field Notes'></head><body><article>"
  "<h1>A Walk Along the Estuary</h1><p class=byline>By Ada Byron</p>"
  "<p>The tide was out and the mud shone like pewter. Herons stood in the shallows, patient as "
  "clocks, and the wind carried salt from the far side of the bay.</p>"
  "<p>We walked for an hour without speaking. Each bend of the river showed a new arrangement of "
  "light, reeds and water, and the town behind us grew small and quiet.</p>"
  "<p>By the time we turned back the tide had begun to come in, filling the channels one by one "
  "until the whole flat was a sheet of moving silver.</p></article></body></html>";

/* The same page edited: a word inserted, the second paragraph gone. */
static const char estuary_edited[] =
  "<!DOCTYPE html><html><head><meta charset=utf-8><title>The Estuary, Revisited</title></head>"
  "<body><article><h1>The Estuary, Revisited</h1>"
  "<p>The tide was out and the mud shone like old pewter. Herons stood in the shallows, patient as "
  "clocks, and the wind carried salt from the far side of the bay.</p>"
  "<p>By the time we turned back the tide had begun to come in, filling the channels one by one "
  "until the whole flat was a sheet of moving silver.</p></article></body></html>";

typedef struct {
  gboolean done;
  gint64 id;
  char *message;
} SaveResult;

static void
on_saved (ClipperWindow *window,
          gint64         id,
          SaveResult    *r)
{
  r->id = id;
  r->done = TRUE;
}

static void
on_failed (ClipperWindow *window,
           const char    *message,
           SaveResult    *r)
{
  g_free (r->message);
  r->message = g_strdup (message);
  r->done = TRUE;
}

/* A save that ends while the user reads another article, or types, does
 * not take the reader from them: a toast says so, with Open. */
static void
test_save_keeps_reader (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  SaveResult r = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *other = NULL;
  GtkWidget *search;

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  clipper_test_server_add (server, "/other.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  url = clipper_test_server_url (server, "/estuary.html");
  clipper_window_save_uri (f->window, url);
  /* (Before the worker can answer: the main loop has not run.) */
  clipper_window_open_article (f->window, f->ids[1], 0);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (r.id, >, 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[1]);
  g_assert_true (window_shows_label_full (f->window, "Saved “", TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-highlight", "(xx)", r.id, (gint64) 0));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, r.id);

  /* Saved again from elsewhere while another article is read: said so,
   * not "Saved" (summed up with the save before, whose toast shows). */
  r.done = FALSE;
  clipper_window_save_uri (f->window, url);
  clipper_window_open_article (f->window, f->ids[1], 0);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[1]);
  g_assert_true (window_shows_label_full (f->window, "Saved 1 page; 1 was already in your library", TRUE));

  /* Typing (here in the search entry): the reader stays too. */
  search = find_by_id (GTK_WIDGET (f->window), "search_entry");
  g_assert_nonnull (search);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  spin (100);
  g_assert_true (gtk_widget_grab_focus (search));
  r.done = FALSE;
  other = clipper_test_server_url (server, "/other.html");
  clipper_window_save_uri (f->window, other);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (r.id, >, 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), !=, r.id);
  g_free (r.message);
}

static void
test_save_from_server (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  SaveResult r = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autoptr (ClipperArticle) saved = NULL;
  g_autoptr (GError) error = NULL;
  gboolean listed = FALSE;
  guint before = g_list_model_get_n_items (library (f));

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);

  url = clipper_test_server_url (server, "/estuary.html");
  clipper_window_save_uri (f->window, url);
  /* The save runs in the background; the window shows a pending row. */
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 1);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, >, 0);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);

  saved = clipper_store_get_article (f->lib.store, r.id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_title (saved), "Estuary"));

  /* It is in the list and open in the reader. */
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (library (f)); i++)
    {
      g_autoptr (ClipperArticle) a = g_list_model_get_item (library (f), i);

      listed |= clipper_article_get_id (a) == r.id;
    }
  g_assert_true (listed);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, r.id);
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (clipper_window_get_reader (f->window))), ==, r.id);

  /* A page that is not there: a failure that says why, nothing saved. */
  r.done = FALSE;
  missing = clipper_test_server_url (server, "/missing.html");
  clipper_window_save_uri (f->window, missing);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "missing.html"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before + 1);

  g_free (r.message);
}



/* Retry is offered where trying again can help (a server error, no
 * connection, a timeout), not for a page that is gone or an image, which
 * fail the same the next time; and an image's failure leads with the
 * app's words and quotes the address as the app does (QA: "Not saved:
 * 'http://…/pic.png' is not a web page (content type image/png)"). */
static void
test_save_failure_retry (Fixture       *f,
                         gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  const struct { const char *path; const char *title; const char *lead; gboolean retry; } cases[] = {
    { "/missing.html", "Page not found", "Not saved: the page was not found — ", FALSE },
    { "/pic.png", "Not a web page", "Not saved: this is not a web page — “", FALSE },
    { "/busy.html", "Page not saved", "Not saved: the server had a problem — the server answered 503 ", TRUE },
    { "/forbidden.html", "Page not saved", "Not saved: the server refused the page — the server answered 403 ",
      FALSE },
    /* QA-p finding 2: "No connection", "could not connect to the server"
     * for a server that answered and closed the connection halfway. */
    { "/short", "Page cut short", "Not saved: the server stopped in the middle of the page — ", TRUE },
  };

  clipper_test_server_add (server, "/pic.png", 200, "image/png", (const char *) png, sizeof png);
  clipper_test_server_add (server, "/busy.html", 503, "text/html", "<p>busy</p>", -1);
  clipper_test_server_add (server, "/forbidden.html", 403, "text/html", "<p>no</p>", -1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = clipper_test_server_url (server, cases[i].path);
      SaveResult r = { 0 };
      gulong handler = g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
      AdwMessageDialog *dialog;

      clipper_window_save_uri (f->window, url);
      g_assert_true (wait_for (&r.done, 60));
      g_signal_handler_disconnect (f->window, handler);
      g_test_message ("%s: %s", cases[i].path, r.message);
      g_assert_true (g_str_has_prefix (r.message, cases[i].lead));
      g_assert_null (strchr (r.message, '\''));
      /* The toast's Details say it, with Retry or not. */
      spin (200);
      g_assert_nonnull (find_last (GTK_WIDGET (f->window), is_toast_titled, cases[i].title));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.failure-details", NULL));
      dialog = ui_test_find_dialog (NULL);
      g_assert_nonnull (dialog);
      g_assert_true (has_label (GTK_WIDGET (dialog), r.message, TRUE));
      g_assert_true (adw_message_dialog_has_response (dialog, "retry") == cases[i].retry);
      adw_message_dialog_response (dialog, "close");
      gtk_window_close (GTK_WINDOW (dialog));
      spin (50);
      g_free (r.message);
      /* Closed, as read: a failure's toast left up is summed with the
       * next one (test_save_failures_summed()). */
      gtk_widget_activate (GTK_WIDGET (find_close_button (find_toast (GTK_WIDGET (f->window)))));
      spin (700);
    }
}

/* An IPv4 address of this machine that is not a loopback one, or NULL. */
static char *
dup_outside_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      char text[INET_ADDRSTRLEN];

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK) ||
          !(i->ifa_flags & IFF_UP))
        continue;
      if (inet_ntop (AF_INET, &((struct sockaddr_in *) i->ifa_addr)->sin_addr, text, sizeof text) != NULL)
        found = g_strdup (text);
    }
  freeifaddrs (list);
  return found;
}

/* An address typed without its scheme goes to https; a site that speaks
 * only http there is saved over http, and Retry of a failure starts from
 * the address as typed. */
static void
test_save_http_fallback (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *address = dup_outside_address ();
  g_autoptr (ClipperTestServer) server = NULL;
  g_autoptr (ClipperArticle) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *missing = NULL;
  SaveResult r = { 0 };

  if (address == NULL)
    {
      g_test_skip ("this machine has no network address but loopback");
      return;
    }
  server = clipper_test_server_new_on (address);
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);

  url = clipper_test_server_url (server, "/estuary.html");
  g_assert_true (g_str_has_prefix (url, "http://"));
  typed = g_strdup (url + strlen ("http://"));
  /* (Not a loopback address, so the window guesses https.) */
  {
    g_autofree char *guess = clipper_window_dup_save_uri (typed);

    g_assert_true (g_str_has_prefix (guess, "https://"));
  }
  clipper_window_save_uri (f->window, typed);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, >, 0);
  saved = clipper_store_get_article (f->lib.store, r.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (saved), ==, url);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/estuary.html"), ==, 1);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);

  /* A page missing over http too: one failure, whose Retry tries https
   * first again. */
  r.done = FALSE;
  missing = g_strconcat (typed, ".gone", NULL);
  clipper_window_save_uri (f->window, missing);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "http://"));
  g_assert_nonnull (strstr (r.message, ".gone"));
  r.done = FALSE;
  g_clear_pointer (&r.message, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry-save", "s", missing));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (strstr (r.message, "http://"));
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/estuary.html.gone"), ==, 2);

  /* An address given with https is never tried with http. */
  r.done = FALSE;
  g_clear_pointer (&r.message, g_free);
  g_free (missing);
  missing = g_strconcat ("https://", typed, NULL);
  clipper_window_save_uri (f->window, missing);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "https://"));
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/estuary.html"), ==, 1);
  g_free (r.message);
}

typedef struct {
  gboolean done;
  gint64 id;
  char *message;
} UpdateResult;

static void
on_updated (ClipperWindow *window,
            gint64         id,
            const char    *message,
            UpdateResult  *r)
{
  r->id = id;
  g_free (r->message);
  r->message = g_strdup (message);
  r->done = TRUE;
}

/* The first widget in @root's tree with the CSS class @name, or NULL. */
static GtkWidget *
find_by_css_class (GtkWidget *root, const char *name)
{
  if (gtk_widget_has_css_class (root, name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Buttons that show only an icon (their tooltip is a description, not a
 * name, for screen readers) under @root that have no accessible label:
 * their tooltips, or their icon names, appended to @missing. */
static void
collect_unnamed_icon_buttons (GtkWidget *root, GString *missing)
{
  gboolean icon_only = FALSE;

  /* (Hidden ones are not shown to screen readers either: GtkSearchBar's
   * close button, which we do not show.  A spin button is one control to
   * them, its steppers GTK's own.) */
  if (!gtk_widget_get_visible (root) || GTK_IS_SPIN_BUTTON (root))
    return;
  if (GTK_IS_MENU_BUTTON (root))
    icon_only = gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) == NULL &&
                gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)) != NULL;
  else if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root)))
    icon_only = gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
                GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root)));
  if (icon_only && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      const char *tip = gtk_widget_get_tooltip_text (root);

      g_string_append_printf (missing, "%s[%s] in %s ", G_OBJECT_TYPE_NAME (root), tip != NULL ? tip : "no tooltip",
                              G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed_icon_buttons (child, missing);
}

/* Every button that shows only an icon has a name a screen reader can
 * say: in the library, in the reader (its header, side panel and
 * selection popover) and in the preferences. */
static void
test_icon_buttons_named (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  GtkWidget *reader, *prefs, *star;
  gboolean ready = FALSE;

  clipper_window_open_article (f->window, f->ids[1], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));

  collect_unnamed_icon_buttons (GTK_WIDGET (f->window), missing);
  g_assert_cmpstr (missing->str, ==, "");
  /* Nor is a starred article's star only a picture. */
  g_assert_nonnull ((star = find_by_css_class (GTK_WIDGET (f->window), "clipper-star")));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL));

  prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  spin (50);
  collect_unnamed_icon_buttons (prefs, missing);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpstr (missing->str, ==, "");
}

/* Fetch Again: a page saved from a local server, three highlights on it,
 * the page edited on the server, the article's Fetch Again: the article
 * and the reader show the new text, two highlights follow it and the
 * third, whose paragraph went, is an orphan that kept its note. */
static void
test_fetch_again (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  SaveResult saved = { 0 };
  UpdateResult r = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperHighlight) moved = NULL;
  g_autoptr (ClipperHighlight) gone = NULL;
  g_autoptr (ClipperHighlight) kept = NULL;
  g_autoptr (GError) error = NULL;
  ClipperReaderView *reader;
  gint64 hl[3];
  guint requests;
  gboolean reloaded = FALSE;

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &saved);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &saved);
  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  url = clipper_test_server_url (server, "/estuary.html");
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&saved.done, 60));
  g_assert_null (saved.message);
  hl[0] = clipper_test_add_highlight (f->lib.store, saved.id, "the mud shone like pewter", NULL);
  hl[1] = clipper_test_add_highlight (f->lib.store, saved.id, "We walked for an hour without speaking", "The quiet");
  hl[2] = clipper_test_add_highlight (f->lib.store, saved.id, "filling the channels one by one", NULL);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, saved.id);
  reader = CLIPPER_READER_VIEW (clipper_window_get_reader (f->window));

  /* The page changes on the server; the user asks for it again. */
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  requests = clipper_test_server_get_hits (server, "/estuary.html");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  /* Once at a time: asking again while it runs does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, ==, saved.id);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/estuary.html"), ==, requests + 1);

  article = clipper_store_get_article (f->lib.store, saved.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "The Estuary, Revisited");
  moved = clipper_test_get_highlight (f->lib.store, hl[0]);
  gone = clipper_test_get_highlight (f->lib.store, hl[1]);
  kept = clipper_test_get_highlight (f->lib.store, hl[2]);
  g_assert_true (clipper_highlight_get_anchored (moved));
  g_assert_cmpstr (clipper_highlight_get_quote (moved), ==, "the mud shone like old pewter");
  g_assert_false (clipper_highlight_get_anchored (gone));
  g_assert_cmpstr (clipper_highlight_get_note (gone), ==, "The quiet");
  g_assert_true (clipper_highlight_get_anchored (kept));
  g_assert_true (window_shows_label (f->window, "1 highlight lost its place"));

  /* The reader shows the new version. */
  for (guint i = 0; i < 100 && !reloaded; i++)
    {
      spin (100);
      reloaded = g_strcmp0 (clipper_reader_view_get_title (reader), "The Estuary, Revisited") == 0;
    }
  g_assert_true (reloaded);

  /* The toast's Show, when another article is open meanwhile: the
   * article, with the reader's panel open at the orphan. */
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  clipper_reader_view_set_panel_visible (reader, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-highlight", "(xx)", saved.id, hl[1]));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, saved.id);
  g_assert_true (clipper_reader_view_get_panel_visible (reader));
  /* The orphan's row is shown whole: its scroller as tall as the row needs
   * at the width it gets (it took the row's height at the row's natural
   * width, wider than the panel, and cut the wrapped quote's last line). */
  {
    GtkWidget *list = NULL;
    int needed = 0;

    for (guint i = 0; i < 100 && (list == NULL || !gtk_widget_get_mapped (list)); i++)
      {
        spin (50);
        list = find_by_css_class (GTK_WIDGET (reader), "boxed-list");
      }
    g_assert_nonnull (list);
    /* (Laid out within a few frames; on a loaded machine, later.) */
    for (guint i = 0; i < 40; i++)
      {
        spin (50);
        gtk_widget_measure (list, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (list), &needed, NULL, NULL, NULL);
        if (gtk_widget_get_height (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)) >= needed)
          break;
      }
    g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)), >=, needed);
  }

  /* Fetched again unchanged: the orphan it had is not counted again. */
  r.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_true (window_shows_label_full (f->window, "updated; no highlight lost its place", TRUE));

  /* An image of the page that is not there: said, as a save says it. */
  {
    const char *end = strstr (estuary_edited, "</article>");
    g_autofree char *page = NULL;

    g_assert_nonnull (end);
    page = g_strdup_printf ("%.*s<figure><img src=\"/gone.png\" alt=\"the old pier\"></figure>%s",
                            (int) (end - estuary_edited), estuary_edited, end);
    clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", page, -1);
    r.done = FALSE;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
    g_assert_true (wait_for (&r.done, 60));
    g_assert_null (r.message);
    g_assert_true (window_shows_label_full (f->window, "updated; no highlight lost its place; 1 image could not be "
                                            "downloaded", TRUE));
  }

  /* A page that went away: said so, nothing changed. */
  clipper_test_server_add (server, "/estuary.html", 404, "text/html", "not here", -1);
  r.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "estuary.html"));
  g_clear_object (&article);
  article = clipper_store_get_article (f->lib.store, saved.id, &error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "The Estuary, Revisited");

  g_free (saved.message);
  g_free (r.message);
}

static gboolean failure_details_say (ClipperWindow *window, const char *text);

/* Saves @page, which @server serves as @path, with the window; returns
 * the article's id. */
static gint64
save_served_page (Fixture           *f,
                  ClipperTestServer *server,
                  const char        *path,
                  const char        *page)
{
  g_autofree char *url = clipper_test_server_url (server, path);
  SaveResult saved = { 0 };
  gulong on_ok, on_fail;

  clipper_test_server_add (server, path, 200, "text/html; charset=utf-8", page, -1);
  on_ok = g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &saved);
  on_fail = g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &saved);
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&saved.done, 60));
  g_assert_null (saved.message);
  g_signal_handler_disconnect (f->window, on_ok);
  g_signal_handler_disconnect (f->window, on_fail);
  return saved.id;
}

/* Saves the estuary page from @server, as /estuary.html, with the window;
 * returns the article's id. */
static gint64
save_estuary (Fixture           *f,
              ClipperTestServer *server)
{
  return save_served_page (f, server, "/estuary.html", estuary_page);
}

/* QA-k 10: a failed Fetch Again said only "Not updated", its Details the
 * core's English message, with no Retry.  Its title says why as a failed
 * save's does, its Details say it in the app's words, and a server
 * error's has Retry, which fetches the article again. */
static void
test_fetch_again_failed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  UpdateResult r = { 0 };
  AdwMessageDialog *details;
  gint64 id;

  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  id = save_estuary (f, server);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);

  clipper_test_server_add (server, "/estuary.html", 404, "text/html", "not here", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  g_assert_true (window_shows_label (f->window, "Page not found"));
  g_assert_false (has_label (GTK_WIDGET (f->window), "Not updated", FALSE));
  g_assert_true (failure_details_say (f->window, "“A Walk Along the Estuary” not updated: the page was not found — "));

  /* A server error may pass: Retry fetches the article again. */
  clipper_test_server_add (server, "/estuary.html", 503, "text/html", "busy", -1);
  r.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_nonnull (r.message);
  spin (800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.failure-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_true (adw_message_dialog_has_response (details, "retry"));
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  r.done = FALSE;
  respond (details, "retry");
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, ==, id);
  g_free (r.message);
}

/* QA-k 6 and 7: two Fetch Agains of one article, the page changed
 * between them: the older toast, "all 6 highlights are in place", came
 * after the newer, which said one had lost its place.  The newer takes
 * the older's place at once.  And that one was cut off ("… updated; 1
 * highlight could not be placed; 1 image could not be do…") and went
 * after 6 s: it says what matters in words that fit, and stays. */
static void
test_fetch_again_toasts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  UpdateResult r = { 0 };
  GtkWidget *shown;
  GtkLabel *label;
  gint64 id;

  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  id = save_estuary (f, server);
  clipper_test_add_highlight (f->lib.store, id, "We walked for an hour without speaking", NULL);
  /* The save's toast out of the way. */
  spin (700);
  for (guint i = 0; i < 10 && (shown = find_toast (GTK_WIDGET (f->window))) != NULL; i++)
    {
      gtk_widget_activate (GTK_WIDGET (find_close_button (shown)));
      spin (700);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_true (window_shows_label_full (f->window, "updated; its highlight is in place", TRUE));

  /* Changed, fetched again while that toast shows. */
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  r.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  for (guint i = 0; i < 50 && (!has_label (GTK_WIDGET (f->window), "1 highlight", TRUE) ||
                               has_label (GTK_WIDGET (f->window), "its highlight is in place", TRUE)); i++)
    spin (50);
  g_assert_true (has_label (GTK_WIDGET (f->window), "1 highlight", TRUE));
  g_assert_false (has_label (GTK_WIDGET (f->window), "its highlight is in place", TRUE));

  /* What matters first and whole (in the window's 1100 px, where the QA
   * saw it cut), with Show; still there past the 6 s it had. */
  spin (600);
  label = find_label_with (GTK_WIDGET (f->window), "1 highlight");
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1 highlight lost its place");
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Show"));
  spin (7000);
  g_assert_true (has_label (GTK_WIDGET (f->window), "1 highlight lost its place", FALSE));
}

/* QA-p 6: Fetch Again said "all 2 highlights are in place" when they had
 * been placed on edited words.  It says how many now read differently,
 * with Show going to the first, and stays up until closed. */
static void
test_fetch_again_changed_words (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autoptr (GString) edited = g_string_new (estuary_page);
  g_autoptr (ClipperHighlight) moved = NULL;
  GVariant *target;
  ClipperReaderView *reader;
  UpdateResult r = { 0 };
  GtkWidget *shown;
  GtkButton *show;
  GtkLabel *label = NULL;
  gint64 id, hl[2], shown_id = 0, shown_article = 0;

  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  id = save_estuary (f, server);
  hl[0] = clipper_test_add_highlight (f->lib.store, id, "filling the channels one by one", NULL);
  hl[1] = clipper_test_add_highlight (f->lib.store, id, "the mud shone like pewter", "Grey");
  spin (700);
  for (guint i = 0; i < 10 && (shown = find_toast (GTK_WIDGET (f->window))) != NULL; i++)
    {
      gtk_widget_activate (GTK_WIDGET (find_close_button (shown)));
      spin (700);
    }

  /* One word added under the second highlight; the first's words kept. */
  g_string_replace (edited, "like pewter", "like old pewter", 1);
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", edited->str, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  moved = clipper_test_get_highlight (f->lib.store, hl[1]);
  g_assert_true (clipper_highlight_get_anchored (moved));
  g_assert_cmpstr (clipper_highlight_get_quote (moved), ==, "the mud shone like old pewter");

  for (guint i = 0; i < 100 && (label = find_label_with (GTK_WIDGET (f->window), "now reads")) == NULL; i++)
    spin (50);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "“A Walk Along the Estuary” updated; 1 highlight now reads differently");
  g_assert_false (has_label (GTK_WIDGET (f->window), "in place", TRUE));
  show = find_button_labelled (toast_of (label), "_Show");
  g_assert_nonnull (show);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (show));
  g_assert_nonnull (target);
  g_variant_get (target, "(xx)", &shown_article, &shown_id);
  g_assert_cmpint (shown_article, ==, id);
  g_assert_cmpint (shown_id, ==, hl[1]);
  /* Show opens the reader's panel, where the row says what it read. */
  reader = CLIPPER_READER_VIEW (clipper_window_get_reader (f->window));
  clipper_reader_view_set_panel_visible (reader, FALSE);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.show-highlight", target));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);
  g_assert_true (clipper_reader_view_get_panel_visible (reader));
}

/* The estuary page saved as /estuary.html of @server before, as
 * clipper-cli saves it (not by the window: its save would start a run),
 * and then edited on the server, a word added: returns the article's id
 * and its address in @out_url. */
static gint64
save_estuary_then_edit (Fixture            *f,
                        ClipperTestServer  *server,
                        char              **out_url)
{
  g_autoptr (ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr (GString) edited = g_string_new (estuary_page);
  g_autoptr (GError) error = NULL;
  ClipperSaveReport report;

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  *out_url = clipper_test_server_url (server, "/estuary.html");
  g_assert_true (clipper_saver_save_sync (f->lib.store, fetcher, *out_url, NULL, CLIPPER_SAVER_SAVE_NONE, NULL, NULL,
                                          NULL, &report, &error));
  g_assert_no_error (error);
  g_string_replace (edited, "like pewter", "like old pewter", 1);
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", edited->str, -1);
  return report.article_id;
}

/* QA-p 5: saving a page already saved, after it changed, said only
 * "Already in your library".  It says that the page has changed, with
 * Fetch Again, and replaces nothing until that is pressed. */
static void
test_save_again_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autoptr (ClipperArticle) before = NULL;
  g_autoptr (ClipperArticle) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  SaveResult saved = { 0 };
  UpdateResult updated = { 0 };
  GtkButton *fetch_again;
  GtkLabel *label = NULL;
  gint64 id = save_estuary_then_edit (f, server, &url);

  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &saved);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &saved);
  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &updated);
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&saved.done, 60));
  g_assert_null (saved.message);
  g_assert_cmpint (saved.id, ==, id);

  for (guint i = 0; i < 100 && (label = find_label_with (GTK_WIDGET (f->window), "has changed")) == NULL; i++)
    spin (50);
  g_assert_nonnull (label);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label),
                                   "already in your library — the page has changed since you saved it") ||
                 g_str_equal (gtk_label_get_text (label),
                              "Already in your library — the page has changed since you saved it"));
  /* Nothing was replaced. */
  before = clipper_store_get_article (f->lib.store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_text (before), "like pewter"));

  /* Fetch Again, from the toast, replaces it. */
  fetch_again = find_button_labelled (toast_of (label), "_Fetch Again");
  g_assert_nonnull (fetch_again);
  gtk_widget_activate (GTK_WIDGET (fetch_again));
  g_assert_true (wait_for (&updated.done, 60));
  g_assert_null (updated.message);
  g_assert_cmpint (updated.id, ==, id);
  after = clipper_store_get_article (f->lib.store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_text (after), "like old pewter"));
}

/* QA-p 5, as the QA met it: the changed page saved again within a run of
 * saves, whose one toast said only "Saved 1 page; 1 was already in your
 * library".  The summary says that it has changed, and Details which. */
static void
test_save_again_changed_in_run (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *url = NULL;
  g_autofree char *other = NULL;
  AdwMessageDialog *details;
  guint saved = 0;

  save_estuary_then_edit (f, server, &url);
  clipper_test_server_add (server, "/other.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  other = clipper_test_server_url (server, "/other.html");
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_any_saved), &saved);
  clipper_window_save_uri (f->window, other);
  clipper_window_save_uri (f->window, url);
  for (guint i = 0; i < 1200 && saved < 2; i++)
    spin (50);
  g_assert_cmpuint (saved, ==, 2);
  g_assert_true (window_shows_label (f->window, "Saved 1 page; 1 was already in your library; "
                                                "1 has changed since you saved it"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_nonnull (find_label_with (GTK_WIDGET (details),
                                     "“A Walk Along the Estuary” was already in your library — the page has "
                                     "changed since you saved it"));
  respond (details, "close");
}

/* Where the estuary's address leads once the site moved it: another
 * article. */
static const char bakery_page[] =
  "<!DOCTYPE html><html><head><meta charset=utf-8><title>The Night Baker</title></head><body><article>"
  "<h1>The Night Baker</h1>"
  "<p>Every loaf in the shop on Mill Street is shaped by hand between two and five in the morning, "
  "when the ovens are hottest and the street outside is empty.</p>"
  "<p>The baker learned the trade from her grandmother, who kept a sourdough starter alive through "
  "two wars and a move across the mountains in a borrowed cart.</p></article></body></html>";

/* Fetch Again of a page that now redirects to another article asks before
 * it replaces the saved one (it replaced it without a word, every
 * highlight an orphan): Cancel, the default, leaves it as it was; Replace
 * replaces it. */
static void
test_fetch_again_other_article (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  SaveResult saved = { 0 };
  UpdateResult r = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 hl[2];

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &saved);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &saved);
  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  url = clipper_test_server_url (server, "/estuary.html");
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&saved.done, 60));
  g_assert_null (saved.message);
  hl[0] = clipper_test_add_highlight (f->lib.store, saved.id, "the mud shone like pewter", NULL);
  hl[1] = clipper_test_add_highlight (f->lib.store, saved.id, "We walked for an hour without speaking", "The quiet");

  clipper_test_server_add (server, "/bakery.html", 200, "text/html; charset=utf-8", bakery_page, -1);
  clipper_test_server_add (server, "/estuary.html", 302, NULL, "/bakery.html", -1);
  for (guint round = 0; round < 2; round++)
    {
      r.done = FALSE;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
      g_assert_true (wait_for (&r.done, 60));
      g_assert_nonnull (r.message);
      dialog = find_message_dialog (GTK_WIDGET (f->window));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the saved article?");
      body = g_strdup_printf ("The page at %s is now “The Night Baker”; 2 of 2 highlights would lose their place.",
                              url);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
      g_clear_pointer (&body, g_free);
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
      g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "replace"), ==, ADW_RESPONSE_DESTRUCTIVE);
      /* Nothing written meanwhile. */
      {
        g_autoptr (ClipperArticle) article = clipper_store_get_article (f->lib.store, saved.id, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (clipper_article_get_title (article), ==, "A Walk Along the Estuary");
        for (guint i = 0; i < G_N_ELEMENTS (hl); i++)
          {
            g_autoptr (ClipperHighlight) h = clipper_test_get_highlight (f->lib.store, hl[i]);

            g_assert_true (clipper_highlight_get_anchored (h));
          }
      }
      if (round == 1)
        break;
      respond (dialog, "cancel");
      spin (50);
      g_assert_null (find_message_dialog (GTK_WIDGET (f->window)));
      {
        g_autoptr (ClipperArticle) article = clipper_store_get_article (f->lib.store, saved.id, &error);

        g_assert_cmpstr (clipper_article_get_title (article), ==, "A Walk Along the Estuary");
      }
    }

  /* Replace: the other article, the highlights orphans with their notes. */
  r.done = FALSE;
  respond (dialog, "replace");
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  {
    g_autoptr (ClipperArticle) article = clipper_store_get_article (f->lib.store, saved.id, &error);
    g_autoptr (ClipperHighlight) h = clipper_test_get_highlight (f->lib.store, hl[1]);

    g_assert_no_error (error);
    g_assert_cmpstr (clipper_article_get_title (article), ==, "The Night Baker");
    g_assert_false (clipper_highlight_get_anchored (h));
    g_assert_cmpstr (clipper_highlight_get_note (h), ==, "The quiet");
  }
  g_assert_true (window_shows_label_full (f->window, "2 highlights lost their place", TRUE));

  g_free (saved.message);
  g_free (r.message);
}

/* The baker's page with @shared, words of the estuary's, in it: the
 * highlights on them keep a place there. */
static char *
bakery_page_with (const char *shared)
{
  return g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=utf-8><title>The Night Baker</title></head>"
                          "<body><article><h1>The Night Baker</h1>"
                          "<p>Every loaf in the shop on Mill Street is shaped by hand between two and five in the "
                          "morning, when the ovens are hottest and the street outside is empty.</p>"
                          "<p>%s</p>"
                          "<p>The baker learned the trade from her grandmother, who kept a sourdough starter alive "
                          "through two wars and a move across the mountains in a borrowed cart.</p>"
                          "</article></body></html>",
                          shared);
}

/* Fetch Again's question said "1 of 3 highlights would lose their
 * place": its plural went by the 3.  It goes by the highlights that would
 * lose their place. */
static void
test_fetch_again_other_article_counts (Fixture       *f,
                                       gconstpointer  data)
{
  const char *const quotes[] = { "the mud shone like pewter", "Herons stood in the shallows", "walked for an hour" };
  const struct { guint n_highlights; const char *shared; const char *says; } cases[] = {
    { 1, "", "1 of 1 highlight would lose its place." },
    { 3, "Herons stood in the shallows. They walked for an hour.", "1 of 3 highlights would lose its place." },
    { 3, "Herons stood in the shallows.", "2 of 3 highlights would lose their place." },
  };
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *estuary = g_strdup_printf ("/estuary-%u.html", c);
      g_autofree char *bakery = g_strdup_printf ("/bakery-%u.html", c);
      g_autofree char *bakery_html = bakery_page_with (cases[c].shared);
      g_autofree char *url = clipper_test_server_url (server, estuary);
      g_autofree char *body = NULL;
      SaveResult saved = { 0 };
      UpdateResult r = { 0 };
      gulong handlers[3];
      AdwMessageDialog *dialog;

      clipper_test_server_add (server, estuary, 200, "text/html; charset=utf-8", estuary_page, -1);
      handlers[0] = g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &saved);
      handlers[1] = g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &saved);
      handlers[2] = g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
      clipper_window_save_uri (f->window, url);
      g_assert_true (wait_for (&saved.done, 60));
      g_assert_null (saved.message);
      for (guint i = 0; i < cases[c].n_highlights; i++)
        clipper_test_add_highlight (f->lib.store, saved.id, quotes[i], NULL);

      clipper_test_server_add (server, bakery, 200, "text/html; charset=utf-8", bakery_html, -1);
      clipper_test_server_add (server, estuary, 302, NULL, bakery, -1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
      g_assert_true (wait_for (&r.done, 60));
      dialog = find_message_dialog (GTK_WIDGET (f->window));
      g_assert_nonnull (dialog);
      body = g_strdup_printf ("The page at %s is now “The Night Baker”; %s", url, cases[c].says);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
      respond (dialog, "cancel");
      spin (50);
      g_assert_null (find_message_dialog (GTK_WIDGET (f->window)));
      for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
        g_signal_handler_disconnect (f->window, handlers[i]);
      g_free (saved.message);
      g_free (r.message);
    }
}

static void
test_save_bad_input (Fixture       *f,
                     gconstpointer  data)
{
  SaveResult r = { 0 };

  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  clipper_window_save_uri (f->window, "mailto:someone@example.org");
  g_assert_true (r.done);
  g_assert_nonnull (strstr (r.message, "mailto:someone@example.org"));
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);

  r.done = FALSE;
  clipper_window_save_uri (f->window, "");
  g_assert_true (r.done);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);
  g_free (r.message);
}

static gboolean
busy_poll (gpointer user_data)
{
  Fixture *f = ((gpointer *) user_data)[0];
  gboolean *idle = ((gpointer *) user_data)[1];

  *idle = !clipper_window_is_busy (f->window);
  return *idle ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
wait_until_idle (Fixture *f)
{
  gboolean idle = FALSE;
  gpointer data[2] = { f, &idle };
  guint id = g_timeout_add (50, busy_poll, data);

  if (!wait_for (&idle, 60))
    g_source_remove (id);
  g_assert_true (idle);
}

/* Whether @widget or a widget inside is a label reading @text (or, when
 * @part, holding it). */
static gboolean
has_label (GtkWidget *widget, const char *text, gboolean part)
{
  if (GTK_IS_LABEL (widget) &&
      (part ? strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL
            : g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text, part))
      return TRUE;
  return FALSE;
}

static gboolean
window_shows_label_full (ClipperWindow *window, const char *text, gboolean part)
{
  for (guint i = 0; i < 400; i++)
    {
      if (has_label (GTK_WIDGET (window), text, part))
        return TRUE;
      spin (50);
    }
  return FALSE;
}

/* Whether the window shows a label reading @text within 20 seconds (a
 * toast waits for those before it). */
static gboolean
window_shows_label (ClipperWindow *window, const char *text)
{
  return window_shows_label_full (window, text, FALSE);
}

static void
on_label_changed (GtkLabel *label, GParamSpec *pspec, guint *n_changes)
{
  (*n_changes)++;
}

/* QA-p finding 8 (session 21): a slow page's save row showed a spinner
 * and "Fetching…", nothing more, a dead server and a slow one alike.  It
 * shows how much has come in, "12.3 kB", a screen reader hearing "12.3 kB
 * received", changed a few times a second at most, and the page is saved. */
static void
test_save_received (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autoptr (GString) page = g_string_new (estuary_page);
  g_autofree char *url = NULL;
  g_autofree char *spoken = NULL;
  SaveResult r = { 0 };
  GtkLabel *received = NULL;
  guint n_changes = 0;
  gint64 shown_us;
  double seconds;
  char *end;

  /* The estuary page, long: about 64 KB, a kilobyte every 20 ms. */
  while (page->len < 64 * 1024)
    {
      end = strstr (page->str, "</article>");
      g_string_insert (page, end - page->str, "<p>The tide came in over the flats, slowly, as it always had, "
                                              "and the herons stood in the shallows and waited.</p>");
    }
  clipper_test_server_add (server, "/estuary-long.html", 200, "text/html; charset=utf-8", page->str, page->len);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  url = clipper_test_server_url (server, "/trickle/estuary-long.html");
  clipper_window_save_uri (f->window, url);

  for (guint i = 0; i < 400 && received == NULL && !r.done; i++)
    {
      /* "12.3 kB", a no-break space before the unit (g_format_size()). */
      received = find_label_with (GTK_WIDGET (f->window), "\u00a0kB");
      if (received == NULL || !gtk_widget_is_visible (GTK_WIDGET (received)))
        {
          received = NULL;
          spin (20);
        }
    }
  g_assert_null (r.message);
  g_assert_nonnull (received);
  shown_us = g_get_monotonic_time ();
  g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (received), GTK_TYPE_LIST_BOX_ROW));
  spoken = g_strdup_printf ("%s received", gtk_label_get_text (received));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (received), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     spoken));
  g_signal_connect (received, "notify::label", G_CALLBACK (on_label_changed), &n_changes);

  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  /* Four times a second at most (one more for a pair queued back to
   * back), not for each kilobyte. */
  seconds = (g_get_monotonic_time () - shown_us) / 1e6;
  g_test_message ("%u changes in %.2f s", n_changes, seconds);
  g_assert_cmpfloat (n_changes, <=, seconds * 4 + 2);
}

/* QA finding 4: an image that could not be downloaded was left out
 * without a word.  The save says so. */
static void
test_save_images_missing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *page = NULL;
  g_autofree char *url = NULL;
  SaveResult r = { 0 };

  /* The estuary page with a picture that is not on the server. */
  page = g_strdup_printf ("%.*s<figure><img src='/gone.png' alt='Herons' width='300' height='200'></figure>%s",
                          (int) (strstr (estuary_page, "</article>") - estuary_page), estuary_page,
                          strstr (estuary_page, "</article>"));
  clipper_test_server_add (server, "/herons.html", 200, "text/html; charset=utf-8", page, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);

  url = clipper_test_server_url (server, "/herons.html");
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, >, 0);
  g_assert_true (window_shows_label (f->window, "Saved; 1 image could not be downloaded"));
}

/* The paywalled teaser of tests/fetch/test-cli-add.c (/paywall.html):
 * its "Subscribe to keep reading" box is cut, and the extraction says it
 * may be only a preview. */
static const char economy_teaser[] =
  "<html><head><title>The Economy In 2027</title></head><body><article><h1>The Economy "
  "In 2027</h1><p>Economists expect a slow year ahead as the markets cool after a long "
  "run of growth, and central banks weigh their next move carefully.</p><div "
  "class=\"paywall\"><h2>Subscribe to keep reading</h2><p>You have reached your limit "
  "of free articles this month.</p><a href=\"/sub\">Subscribe</a></div></article>"
  "</body></html>";

/* The same page before its paywall went up: a whole article. */
static const char economy_whole[] =
  "<html><head><title>The Economy In 2027</title></head><body><article><h1>The Economy "
  "In 2027</h1><p>Economists expect a slow year ahead as the markets cool after a long "
  "run of growth, and central banks weigh their next move carefully.</p></article>"
  "</body></html>";

/* Session 21: the saver knew a paywall's teaser (QA-p finding 4) and
 * clipper-cli add said so, but the app saved it and opened it as though
 * it were the article, without a word.  The save's toast says it, whole;
 * a whole article's save says nothing. */
static void
test_save_paywall_preview (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *url = NULL;
  SaveResult r = { 0 };
  AdwMessageDialog *details;
  GtkLabel *label;

  clipper_test_server_add (server, "/economy.html", 200, "text/html; charset=utf-8", economy_teaser, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);

  url = clipper_test_server_url (server, "/economy.html");
  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (r.id, >, 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, r.id);
  g_assert_true (window_shows_label (f->window, "Saved, but the page may be only a preview: it asks to subscribe"));
  /* Whole in the window's 1090 px, once the toast has slid in. */
  label = find_label_with (GTK_WIDGET (f->window), "may be only a preview");
  for (guint i = 0; i < 200 && gtk_widget_get_width (GTK_WIDGET (label)) == 0; i++)
    spin (50);
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));

  /* Details says it whole, as cut at a phone's width it is not. */
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_nonnull (find_label_with (GTK_WIDGET (details), "“The Economy In 2027”; the page may be only a preview: "
                                                           "it asks to subscribe"));
  respond (details, "close");
}

/* Session 21: Fetch Again of a page that now shows only a paywall's
 * teaser wrote it in the article's place (it keeps the saved text, so it
 * is not refused as another article) and said only "updated".  It says
 * the page may be only a preview; the whole page fetched again does not. */
static void
test_fetch_again_preview (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  UpdateResult r = { 0 };
  GtkWidget *shown;
  gint64 id;

  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  id = save_served_page (f, server, "/economy.html", economy_whole);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_true (window_shows_label (f->window, "“The Economy In 2027” updated"));
  g_assert_false (has_label (GTK_WIDGET (f->window), "preview", TRUE));
  for (guint i = 0; i < 10 && (shown = find_toast (GTK_WIDGET (f->window))) != NULL; i++)
    {
      gtk_widget_activate (GTK_WIDGET (find_close_button (shown)));
      spin (700);
    }

  clipper_test_server_add (server, "/economy.html", 200, "text/html; charset=utf-8", economy_teaser, -1);
  r.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_true (window_shows_label (f->window, "“The Economy In 2027” updated, but the page may be only a "
                                                "preview: it asks to subscribe"));
}

/* Fetch Again of a page now behind a paywall that also left a highlight
 * without its place said only "1 highlight lost its place": the toast of
 * lost highlights took the place of the one saying the page may be only a
 * preview.  One toast says both, the highlights first. */
static void
test_fetch_again_preview_lost (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  UpdateResult r = { 0 };
  g_autoptr (ClipperHighlight) kept = NULL;
  g_autoptr (ClipperHighlight) lost = NULL;
  g_autoptr (GString) whole = g_string_new (economy_whole);
  gint64 id, hl[2];

  /* The whole article with a second paragraph, which the teaser lacks. */
  g_string_replace (whole, "</p></article>", "</p><p>Housing is the sector to watch, with builders holding back "
                                             "until rates settle.</p></article>", 1);
  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_updated), &r);
  id = save_served_page (f, server, "/economy.html", whole->str);
  hl[0] = clipper_test_add_highlight (f->lib.store, id, "the markets cool after a long run of growth", NULL);
  hl[1] = clipper_test_add_highlight (f->lib.store, id, "builders holding back until rates settle", NULL);

  clipper_test_server_add (server, "/economy.html", 200, "text/html; charset=utf-8", economy_teaser, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  kept = clipper_test_get_highlight (f->lib.store, hl[0]);
  lost = clipper_test_get_highlight (f->lib.store, hl[1]);
  g_assert_true (clipper_highlight_get_anchored (kept));
  g_assert_false (clipper_highlight_get_anchored (lost));
  g_assert_true (window_shows_label (f->window, "1 highlight lost its place; the page may be only a preview"));
}

static char *
read_vault_file (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  GString *all = g_string_new (NULL);

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_str_has_suffix (name, ".md") && g_file_get_contents (path, &text, NULL, NULL))
        g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

/* Whether the window shows an import's toast titled @title, whose
 * Details say @summary (the toast's title is short, to fit at 360 px).
 * A toast with Show in the place of Details (nothing left out, nothing
 * to read) has no Details to say it. */
static gboolean
import_toast_says (Fixture    *f,
                   const char *title,
                   const char *summary)
{
  if (!window_shows_label (f->window, title))
    return FALSE;
  /* The toast of the import before, of the same title, may still show
   * (it goes once it is in, then slides out): the newer comes after. */
  for (guint i = 0; i < 30; i++)
    {
      GtkWidget *toast = find_last (GTK_WIDGET (f->window), is_toast_titled, title);
      GtkWidget *details = toast != NULL ? find_last (toast, is_button_with_action, "library.import-details") : NULL;
      AdwMessageDialog *dialog;
      GtkWidget *label;
      gboolean said;

      if (toast != NULL && details == NULL && find_button_labelled (toast, "_Show") != NULL)
        return TRUE;
      if (details != NULL)
        {
          gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "library.import-details",
                                              gtk_actionable_get_action_target_value (GTK_ACTIONABLE (details)));
          spin (50);
          dialog = find_message_dialog (GTK_WIDGET (f->window));
          g_assert_nonnull (dialog);
          label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
          said = g_strcmp0 (adw_message_dialog_get_body (dialog), summary) == 0 ||
                 (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), summary) == 0);
          respond (dialog, "close");
          spin (50);
          if (said)
            return TRUE;
        }
      spin (100);
    }
  return FALSE;
}

/* An import's toast counts what it skipped; Details says which line and why. */
static void
test_import_details (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label;
  const char *kindle =
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Herons stood in the shallows, patient as clocks.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Note on page 12 | location 182 | Added on Monday, 3 March 2025 10:01:00\n"
    "\n"
    "Like the ones at the bridge.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Something the device never wrote\n"
    "\n"
    "Lost words.\n"
    "==========\n";

  g_file_set_contents (clippings, kindle, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);

  open_import_details (f);
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Imported 1 book and 1 highlight; 1 note; 1 broken entry was skipped");
  label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "line 11"));
  respond (dialog, "close");
  spin (50);
}

/* The text of the import's Details, read and closed. */
static char *
dup_import_details (Fixture *f)
{
  AdwMessageDialog *dialog;
  GtkWidget *label;
  char *text;

  open_import_details (f);
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
  g_assert_nonnull (label);
  text = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  respond (dialog, "close");
  spin (50);
  return text;
}

/* An import whose toast stays (it skipped something, to read in its
 * Details), then another: the newer's toast goes before it and, closed,
 * the older's is back.  Its Details showed the newer import's (the action
 * read the window's last import): each toast's Details are its own. */
static void
test_import_details_own (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->lib.dir, "First Clippings.txt", NULL);
  g_autofree char *second = g_build_filename (f->lib.dir, "Second Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  const char *clipping =
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Herons stood in the shallows, patient as clocks.\n"
    "==========\n";
  const char *broken =
    "The Estuary Book (Ada Byron)\n"
    "- Something the device never wrote\n"
    "\n"
    "Lost words.\n"
    "==========\n";
  g_autofree char *first_text = g_strconcat (clipping, broken, NULL);
  /* The same book, a highlight more, and the broken entry further down. */
  g_autofree char *second_text = g_strconcat (clipping,
                                              "The Estuary Book (Ada Byron)\n"
                                              "- Your Highlight on page 13 | location 190-191 | Added on Monday, 3 March 2025 10:05:00\n"
                                              "\n"
                                              "The tide came in over the mud.\n"
                                              "==========\n",
                                              broken, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *label, *shown;
  GtkButton *details;

  g_assert_true (g_file_set_contents (first, first_text, -1, &error));
  g_assert_true (g_file_set_contents (second, second_text, -1, &error));
  g_assert_no_error (error);
  clipper_window_import_file (f->window, first);
  wait_until_idle (f);
  g_assert_true (shows_label_within (f->window, "Imported 1 book and 1 highlight", FALSE, 2000));
  clipper_window_import_file (f->window, second);
  wait_until_idle (f);
  g_assert_true (shows_label_within (f->window, "1 highlight added", FALSE, 2000));

  /* The newer closed, the older is back, and its Details say its import. */
  spin (700);
  shown = toast_of (find_label_with (GTK_WIDGET (f->window), "1 highlight added"));
  g_assert_nonnull (shown);
  gtk_widget_activate (GTK_WIDGET (find_close_button (shown)));
  g_assert_true (shows_label_within (f->window, "Imported 1 book and 1 highlight", FALSE, 2000));
  spin (700);
  g_assert_false (has_label (GTK_WIDGET (f->window), "1 highlight added", FALSE));
  shown = toast_of (find_label_with (GTK_WIDGET (f->window), "Imported 1 book and 1 highlight"));
  details = find_button_labelled (shown, "_Details");
  g_assert_nonnull (details);
  /* (A button activated clicks once it has shown itself pressed.) */
  gtk_widget_activate (GTK_WIDGET (details));
  spin (400);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Imported 1 book and 1 highlight; 1 broken entry was skipped");
  label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
  g_assert_nonnull (label);
  /* The first file's broken entry, not the second's (line 11). */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "line 6:"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (label)), "line 11"));
  respond (dialog, "close");
  spin (50);
}

/* QA-H finding 12: a Kindle import's toast left out the bookmarks and
 * earlier versions it did not take, which clipper-cli reports, and had no
 * Details.  It counts them, and what a second import kept of the user's
 * notes; its Details start with clipper-cli's summary. */
static void
test_kindle_import_summary (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autofree char *details = NULL;
  g_autofree char *grown = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  ClipperHighlight *h;
  const char *kindle =
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Herons stood in the shallows.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 12 | location 180-184 | Added on Monday, 3 March 2025 10:01:00\n"
    "\n"
    "Herons stood in the shallows, patient as clocks.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Note on page 12 | location 184 | Added on Monday, 3 March 2025 10:02:00\n"
    "\n"
    "Like the ones at the bridge.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Bookmark on page 13 | location 200 | Added on Monday, 3 March 2025 10:03:00\n"
    "\n"
    "\n"
    "==========\n";

  g_file_set_contents (clippings, kindle, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Imported 1 book and 1 highlight", "Imported 1 book and 1 highlight; 1 note; 2 left out "
                                                          "(bookmarks or earlier versions)"));
  details = dup_import_details (f);
  g_assert_cmpstr (details, ==, "imported 1 book, 1 highlight, 1 note; left out 2 earlier versions or bookmarks");
  g_clear_pointer (&details, g_free);

  /* The note edited here, then on the Kindle: the toast says the user's
   * was kept; Details quote the file's. */
  all = clipper_store_list_highlights (f->lib.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  h = g_ptr_array_index (all, 0);
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "Herons stood in the shallows, patient as clocks.");
  clipper_highlight_set_note (h, "Grey herons, by the old mill");
  g_assert_true (clipper_store_update_highlight (f->lib.store, h, &error));
  grown = g_strconcat (kindle,
                       "The Estuary Book (Ada Byron)\n"
                       "- Your Note on page 12 | location 184 | Added on Monday, 3 March 2025 10:09:00\n"
                       "\n"
                       "Like the ones at the old bridge.\n"
                       "==========\n", NULL);
  g_file_set_contents (clippings, grown, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Nothing new", "Nothing new: the library has all of it already; 1 note "
                                                      "you edited was kept as it is; 3 left out (bookmarks or "
                                                      "earlier versions)"));
  details = dup_import_details (f);
  g_assert_nonnull (strstr (details, "kept 1 note edited in the library"));
  g_assert_nonnull (strstr (details, "line 21: kept the note of \"Herons stood in the shallows, patient as "
                                     "clocks.\" as edited in the library; the file's: \"Like the ones at the "
                                     "old bridge.\""));
}

/* QA-I finding 7: a Hypothesis annotation and its two replies were
 * "Imported 1 article and 3 highlights"; imported again with the
 * annotation's text and a reply edited on hypothes.is, the toast said a
 * highlight was added.  Replies are counted as replies, the edits as
 * updates. */
static void
test_hypothesis_import_summary (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->lib.dir, "hypothesis.json", NULL);
  g_autoptr (GError) error = NULL;
#define THREAD(text, reply)                                                                                   \
  "[{\"id\":\"a1\",\"uri\":\"https://example.com/guns\",\"text\":\"" text "\",\"user\":\"acct:me@hypothes.is\","  \
  "\"document\":{\"title\":[\"Gun laws\"]},\"target\":[{\"source\":\"https://example.com/guns\","                   \
  "\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"common sense gun safety laws\"}]}]},"               \
  "{\"id\":\"r2\",\"uri\":\"https://example.com/guns\",\"text\":\"" reply "\","                                    \
  "\"user\":\"acct:friend@hypothes.is\",\"references\":[\"a1\"],"                                                  \
  "\"target\":[{\"source\":\"https://example.com/guns\"}]},"                                                        \
  "{\"id\":\"r3\",\"uri\":\"https://example.com/guns\",\"text\":\"Me too\",\"user\":\"acct:third@hypothes.is\","  \
  "\"references\":[\"a1\",\"r2\"],\"target\":[{\"source\":\"https://example.com/guns\"}]}]"
  const char *first = THREAD ("My annotation", "I agree");
  const char *edited = THREAD ("My annotation, edited", "I agree, edited");
  const char *again = THREAD ("My annotation, edited twice", "I agree, edited");
#undef THREAD
  g_autoptr (GPtrArray) all = NULL;
  ClipperHighlight *h;

  g_file_set_contents (path, first, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, path);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Imported 1 article and 1 highlight",
                                    "Imported 1 article and 1 highlight; 2 replies added to notes"));

  g_file_set_contents (path, edited, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, path);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Library updated",
                                    "Nothing new added; 2 notes or highlights updated from the file"));

  /* The note edited here, then the annotation there: both are kept. */
  all = clipper_store_list_highlights (f->lib.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  h = g_ptr_array_index (all, 0);
  clipper_highlight_set_note (h, "Mine now");
  g_assert_true (clipper_store_update_highlight (f->lib.store, h, &error));
  g_assert_no_error (error);
  g_file_set_contents (path, again, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, path);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Library updated",
                                    "Nothing new added; 1 note was kept, the file's text added below it"));
}

/* Whether the window's @action is enabled: as the menu's item, a button
 * of it, would be sensitive. */
static gboolean
window_action_enabled (ClipperWindow *window,
                       const char    *action)
{
  GtkWidget *box = find_by_id (GTK_WIDGET (window), "filter_box");
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_box_append (GTK_BOX (box), button);
  enabled = gtk_widget_is_sensitive (button);
  gtk_box_remove (GTK_BOX (box), button);
  return enabled;
}

/* QA-j: a Kindle book offered Open Original Page and Fetch Again (menu and
 * shortcuts), and both failed ("cannot fetch 'kindle:book/…'"); its import
 * toast had only Details, and the book was filed at the bottom of Newest
 * under its clipping's date.  The toast's Show opens the book, on top of
 * the list; a book has no web actions; a page imported without its text,
 * which has its web address, keeps them; and where the toast has Details
 * (something was left out), its dialog has Show. */
static void
test_kindle_book_show_no_web_actions (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (ClipperArticle) top = NULL;
  g_autoptr (ClipperArticle) page = clipper_article_new ();
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkButton *show;
  GtkLabel *label;
  const char *entry =
    "The Art of Testing (Ada Byron)\n"
    "- Your Highlight on page 3 | location 41-45 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Test what the user does.\n"
    "==========\n";

  clipper_window_open_article (f->window, f->ids[0], 0);
  spin (200);
  g_assert_true (window_action_enabled (f->window, "library.open-original"));
  g_assert_true (window_action_enabled (f->window, "library.refetch"));

  g_assert_true (g_file_set_contents (clippings, entry, -1, &error));
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Imported 1 book and 1 highlight"));
  label = find_label_with (GTK_WIDGET (f->window), "Imported 1 book and 1 highlight");
  show = find_button_labelled (toast_of (label), "_Show");
  g_assert_nonnull (show);
  g_assert_null (find_button_labelled (toast_of (label), "_Details"));
  gtk_widget_activate (GTK_WIDGET (show));
  spin (300);
  book = clipper_store_get_article (f->lib.store, clipper_window_get_article_id (f->window), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (clipper_article_get_url (book), "kindle:book/"));
  g_assert_false (window_action_enabled (f->window, "library.open-original"));
  g_assert_false (window_action_enabled (f->window, "library.refetch"));
  /* Newest first: the book just imported is on top. */
  top = g_list_model_get_item (library (f), 0);
  g_assert_cmpint (clipper_article_get_id (top), ==, clipper_article_get_id (book));

  /* A page known by its web address only (a Hypothesis import's) keeps
   * them: it can be fetched. */
  clipper_article_set_url (page, "https://example.org/annotated");
  clipper_article_set_title (page, "Annotated elsewhere");
  g_assert_true (clipper_store_add_article (f->lib.store, page, NULL, &error));
  g_assert_no_error (error);
  clipper_window_open_article (f->window, clipper_article_get_id (page), 0);
  spin (200);
  g_assert_true (window_action_enabled (f->window, "library.open-original"));
  g_assert_true (window_action_enabled (f->window, "library.refetch"));

  /* A second book, with a bookmark left out: Details, whose dialog shows
   * the book. */
  g_clear_object (&book);
  g_assert_true (g_file_set_contents (clippings,
                                      "Second Book (Ada Byron)\n"
                                      "- Your Highlight on page 5 | location 60-61 | Added on Monday, 3 March 2025 11:00:00\n"
                                      "\n"
                                      "Another passage.\n"
                                      "==========\n"
                                      "Second Book (Ada Byron)\n"
                                      "- Your Bookmark on page 6 | location 70 | Added on Monday, 3 March 2025 11:01:00\n"
                                      "\n"
                                      "\n"
                                      "==========\n", -1, &error));
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  spin (700);
  open_import_details (f);
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "show"));
  respond (dialog, "show");
  spin (300);
  book = clipper_store_get_article (f->lib.store, clipper_window_get_article_id (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (book), ==, "Second Book");
}

static void
test_export_and_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autofree char *all = NULL;
  g_autofree char *copied = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  ClipperListQuery everything = { .state = CLIPPER_STATE_FILTER_ALL };
  guint before = 0;
  guint after = 0;
  const char *kindle =
    "\xef\xbb\xbfThe Estuary Book (Ada Byron)\r\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\r\n"
    "\r\n"
    "Herons stood in the shallows, patient as clocks.\r\n"
    "==========\r\n";

  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "green");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_highlight_set_range (h, 0, 14);
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, "A note with *stars*");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);

  /* Copy as Markdown puts the article with its highlight on the clipboard. */
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.copy-markdown", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, on_clipboard_text, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (copied, "The pelican brief"));
  g_assert_nonnull (strstr (copied, "Pelicans glide"));
  /* What is pasted into a note has no front matter nor section marks. */
  g_assert_true (g_str_has_prefix (copied, "# The pelican brief"));
  g_assert_null (strstr (copied, "<!-- clipper:"));
  g_assert_null (strstr (copied, "clipper-id:"));

  /* Export the library as a Markdown vault. */
  clipper_window_export_library (f->window, vault);
  g_assert_true (clipper_window_is_busy (f->window));
  wait_until_idle (f);
  all = read_vault_file (vault);
  g_assert_nonnull (strstr (all, "The pelican brief"));
  g_assert_nonnull (strstr (all, "Old news"));
  g_clear_pointer (&all, g_free);

  /* Export the library as W3C JSON: one file with every article and highlight. */
  {
    g_autofree char *json_path = g_build_filename (f->lib.dir, "library.json", NULL);
    g_autofree char *json = NULL;
    g_autoptr (JsonParser) parser = json_parser_new ();

    clipper_window_export_library_json (f->window, json_path);
    g_assert_true (clipper_window_is_busy (f->window));
    wait_until_idle (f);
    g_assert_true (g_file_get_contents (json_path, &json, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "The pelican brief"));
    g_assert_nonnull (strstr (json, "Old news"));
    g_assert_nonnull (strstr (json, "Pelicans glide"));
    g_assert_nonnull (strstr (json, "A note with *stars*"));
  }

  /* Export on change: a change to the library updates the vault. */
  g_settings_set_string (settings, "vault-folder", vault);
  g_settings_set_boolean (settings, "export-on-change", TRUE);
  article = clipper_store_get_article (f->lib.store, f->ids[3], &error);
  g_assert_no_error (error);
  clipper_article_set_title (article, "Fourth, renamed");
  clipper_store_update_article (f->lib.store, article, &error);
  g_assert_no_error (error);
  /* The change reaches the window asynchronously; then the update is
   * scheduled (busy) and runs. */
  for (guint i = 0; i < 200 && !clipper_window_is_busy (f->window); i++)
    spin (50);
  g_assert_true (clipper_window_is_busy (f->window));
  wait_until_idle (f);
  all = read_vault_file (vault);
  g_assert_nonnull (strstr (all, "Fourth, renamed"));
  /* Off again: an export on change started by the import below could
   * otherwise run before or after the file is moved, and the explicit
   * export's toast be "wait for the export that is running" (seen in CI). */
  g_settings_set_boolean (settings, "export-on-change", FALSE);

  /* Import Notes from Vault: a note edited in the vault comes back. */
  {
    g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
    g_autofree char *text = NULL;
    g_autoptr (GString) edited = NULL;
    g_autoptr (ClipperHighlight) back = NULL;
    struct utimbuf later = { 0 };

    g_assert_true (g_file_get_contents (md, &text, NULL, &error));
    g_assert_no_error (error);
    edited = g_string_new (text);
    g_assert_cmpint (g_string_replace (edited, "A note with *stars*", "Edited in the vault", 1), ==, 1);
    g_assert_true (g_file_set_contents (md, edited->str, -1, &error));
    later.actime = later.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC + 3600);
    g_assert_cmpint (g_utime (md, &later), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-vault", NULL));
    wait_until_idle (f);
    g_assert_true (import_toast_says (f, "Library updated", "From the vault: 1 note updated"));
    back = clipper_store_get_highlight (f->lib.store, clipper_highlight_get_id (h), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (clipper_highlight_get_note (back), ==, "Edited in the vault");
  }
  /* Import Notes from Vault: a tag added to an article in the front matter
   * (Obsidian's Properties) comes back, and the toast says so. */
  {
    g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
    g_autofree char *text = NULL;
    g_autoptr (GString) edited = NULL;
    g_autoptr (ClipperArticle) tagged = NULL;
    struct utimbuf later = { 0 };
    const char *const *tags;
    gboolean found = FALSE;

    g_assert_true (g_file_get_contents (md, &text, NULL, &error));
    g_assert_no_error (error);
    edited = g_string_new (text);
    g_assert_cmpint (g_string_replace (edited, "tags: [", "tags: [\"from obsidian\", ", 1), ==, 1);
    g_assert_true (g_file_set_contents (md, edited->str, -1, &error));
    later.actime = later.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC + 3700);
    g_assert_cmpint (g_utime (md, &later), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-vault", NULL));
    wait_until_idle (f);
    g_assert_true (import_toast_says (f, "Library updated", "From the vault: tags of 1 article updated"));
    tagged = clipper_store_get_article (f->lib.store, clipper_highlight_get_article_id (h), &error);
    g_assert_no_error (error);
    tags = clipper_article_get_tags (tagged);
    for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
      found = found || g_str_equal (tags[i], "from obsidian");
    g_assert_true (found);
  }
  /* A file the user moved into a sub-folder is updated there, and said. */
  {
    g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
    g_autofree char *folder = g_build_filename (vault, "Birds", NULL);
    g_autofree char *moved = g_build_filename (folder, "The pelican brief.md", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_cmpint (g_rename (md, moved), ==, 0);
    clipper_window_export_library (f->window, vault);
    wait_until_idle (f);
    g_assert_true (window_shows_label_full (f->window, "; 1 file followed where you renamed or moved it", TRUE));
    g_assert_false (g_file_test (md, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  }
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");

  /* Import Kindle clippings: a book with its highlight appears. */
  clipper_store_count_articles (f->lib.store, &everything, &before, NULL);
  g_file_set_contents (clippings, kindle, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  clipper_store_count_articles (f->lib.store, &everything, &after, NULL);
  g_assert_cmpuint (after, ==, before + 1);
  /* A toast says so in words a reader uses (not clipper-cli's summary). */
  g_assert_true (import_toast_says (f, "Imported 1 book and 1 highlight", "Imported 1 book and 1 highlight"));

  /* The same file again: nothing new. */
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (import_toast_says (f, "Nothing new", "Nothing new: the library has all of it already"));

  /* A JSON export whose note was edited later: the edit comes in, and the
   * toast does not say "nothing new". */
  {
    g_autofree char *json_path = g_build_filename (f->lib.dir, "edited.json", NULL);
    g_autofree char *doc = NULL;
    g_autoptr (ClipperArticle) pelicans = clipper_store_get_article (f->lib.store, f->ids[0], &error);
    g_autoptr (ClipperHighlight) back = NULL;

    g_assert_no_error (error);
    doc = g_strdup_printf ("{\"type\":\"AnnotationCollection\",\"items\":[{\"type\":\"Annotation\","
                           "\"id\":\"urn:uuid:%s\",\"modified\":\"2099-01-01T00:00:00Z\","
                           "\"body\":[{\"type\":\"TextualBody\",\"value\":\"Edited in the JSON\","
                           "\"purpose\":\"commenting\"}],\"target\":{\"source\":\"%s\",\"selector\":"
                           "[{\"type\":\"TextQuoteSelector\",\"exact\":\"Pelicans glide\"}]}}]}",
                           clipper_highlight_get_uuid (h), clipper_article_get_url (pelicans));
    g_assert_true (g_file_set_contents (json_path, doc, -1, &error));
    g_assert_no_error (error);
    clipper_window_import_file (f->window, json_path);
    wait_until_idle (f);
    g_assert_true (import_toast_says (f, "Library updated", "Nothing new added; 1 note or highlight updated from the file"));
    back = clipper_store_get_highlight (f->lib.store, clipper_highlight_get_id (h), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (clipper_highlight_get_note (back), ==, "Edited in the JSON");
  }

  /* A broken file: an error toast, nothing imported, no crash. */
  g_file_set_contents (clippings, "{ not json", -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  clipper_store_count_articles (f->lib.store, &everything, &after, NULL);
  g_assert_cmpuint (after, ==, before + 1);
}

/* Whether the window shows a label reading @text (or holding it, when
 * @part) within @ms. */
static gboolean
shows_label_within (ClipperWindow *window,
                    const char    *text,
                    gboolean       part,
                    guint          ms)
{
  for (guint i = 0; i <= ms / 50; i++)
    {
      if (has_label (GTK_WIDGET (window), text, part))
        return TRUE;
      spin (50);
    }
  return FALSE;
}

/* An import right after an export said what it did only once the
 * export's toast had gone, 6 seconds later (8 after an import): the
 * overlay shows one toast at a time.  The newer result takes the place
 * of the older at once. */
static void
test_job_toast_replaced (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *json_path = g_build_filename (f->lib.dir, "library.json", NULL);
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  const char *kindle =
    "The Estuary Book (Ada Byron)\r\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\r\n"
    "\r\n"
    "Herons stood in the shallows, patient as clocks.\r\n"
    "==========\r\n";

  clipper_window_export_library_json (f->window, json_path);
  wait_until_idle (f);
  g_assert_true (shows_label_within (f->window, "Exported ", TRUE, 2000));

  g_assert_true (g_file_set_contents (clippings, kindle, -1, &error));
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (shows_label_within (f->window, "Imported 1 book and 1 highlight", FALSE, 2000));
  /* (A toast slides out: gone within a moment.) */
  spin (700);
  g_assert_false (has_label (GTK_WIDGET (f->window), "Exported ", TRUE));

  /* And an import after an import. */
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (shows_label_within (f->window, "Nothing new", FALSE, 2000));
}

/* The export on change that a change starts, run to its end. */
static void
wait_for_export_on_change (Fixture *f)
{
  for (guint i = 0; i < 200 && !clipper_window_is_busy (f->window); i++)
    spin (50);
  g_assert_true (clipper_window_is_busy (f->window));
  wait_until_idle (f);
}

/* The window told to keep @vault current (Export on Change), and the
 * pelican brief's highlight, with a note, added: the vault as that
 * export wrote it, with no export left to run. */
static void
keep_vault_with_note (Fixture    *f,
                      const char *vault)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);

  g_settings_set_string (settings, "vault-folder", vault);
  g_settings_set_boolean (settings, "export-on-change", TRUE);
  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "green");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_highlight_set_range (h, 0, 14);
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, "A note with *stars*");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  wait_for_export_on_change (f);
  /* (An export the change started late, or one for switching it on.) */
  spin (3500);
  wait_until_idle (f);
  g_assert_true (g_file_test (md, G_FILE_TEST_EXISTS));
}

/* Replaces @from with @to in the vault's file at @path, as an editor does,
 * and moves its time on, as a later edit's. */
static void
edit_vault_file (const char *path,
                 const char *from,
                 const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GString) edited = NULL;
  struct utimbuf later = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  edited = g_string_new (text);
  g_assert_cmpint (g_string_replace (edited, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
  g_assert_no_error (error);
  later.actime = later.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_assert_cmpint (g_utime (path, &later), ==, 0);
}

/* The Details of the last toast titled @title, as its button opens them:
 * the dialog's heading, its body and the lines below, a line each. */
static char *
dup_toast_details (Fixture    *f,
                   const char *title)
{
  GtkWidget *toast = find_last (GTK_WIDGET (f->window), is_toast_titled, title);
  GtkWidget *details = toast != NULL ? find_last (toast, is_button_with_action, "library.import-details") : NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label;
  char *text;

  g_assert_nonnull (details);
  gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "library.import-details",
                                      gtk_actionable_get_action_target_value (GTK_ACTIONABLE (details)));
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
  text = g_strconcat (adw_message_dialog_get_heading (dialog), "\n", adw_message_dialog_get_body (dialog), "\n",
                      label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "", NULL);
  respond (dialog, "close");
  spin (50);
  return text;
}

static void
note_dismissed (AdwToast *toast,
                gint64   *when)
{
  *when = g_get_monotonic_time ();
}

/* QA-l 5: with Export on Change on, Import Notes from Vault changes the
 * library, which starts an export; the export's toast took the place of
 * the import's within seconds, its Details with it.  The import's stays
 * its time; the export's comes after it, in words that fit, the rest in
 * Details. */
static void
test_export_on_change_keeps_import_toast (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
  g_autofree char *folder = g_build_filename (vault, "Birds", NULL);
  g_autofree char *moved = g_build_filename (folder, "The pelican brief.md", NULL);
  g_autofree char *details = NULL;
  g_autoptr (AdwToast) imported = NULL;
  gint64 dismissed = 0;
  GtkWidget *toast;

  keep_vault_with_note (f, vault);
  /* A note edited in a file the user also moved: the import takes the
   * note, the export follows the file, and both say so. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_rename (md, moved), ==, 0);
  edit_vault_file (moved, "A note with *stars*", "Edited in the vault");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-vault", NULL));
  g_assert_true (window_shows_label (f->window, "Library updated"));
  toast = find_last (GTK_WIDGET (f->window), is_toast_titled, "Library updated");
  g_assert_nonnull (find_last (toast, is_button_with_action, "library.import-details"));
  /* (The toast widget's toast: when it goes, and why, is the question.) */
  g_object_get (toast, "toast", &imported, NULL);
  g_assert_cmpuint (adw_toast_get_timeout (imported), ==, 8);
  g_signal_connect (imported, "dismissed", G_CALLBACK (note_dismissed), &dismissed);
  /* The import's change starts the export (busy until it has run). */
  wait_until_idle (f);
  g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  spin (700);   /* (a toast dismissed slides out) */

  /* Gone by its own timeout, if at all: not 3–4 s in, when the export
   * ended.  (The timeout runs from when it was shown: at once here.) */
  g_assert_true (dismissed == 0 ||
                 dismissed - *(gint64 *) g_object_get_data (G_OBJECT (imported), "clipper-toast-added-us")
                   >= 7 * G_USEC_PER_SEC);
  g_signal_handlers_disconnect_by_func (imported, note_dismissed, &dismissed);
  if (dismissed == 0)
    {
      g_assert_false (has_label (GTK_WIDGET (f->window), "Vault updated", FALSE));
      adw_toast_dismiss (imported);
    }
  g_assert_true (shows_label_within (f->window, "Vault updated", FALSE, 3000));
  details = dup_toast_details (f, "Vault updated");
  g_assert_nonnull (strstr (details, "; 1 file followed where you renamed or moved it"));
  /* Headed as what it tells of, an export (it said "Import Details"). */
  g_assert_true (g_str_has_prefix (details, "Export Details\n"));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
}

/* The AdwToast of the last toast titled @title on screen, or NULL. */
static AdwToast *
dup_last_toast (Fixture    *f,
                const char *title)
{
  GtkWidget *widget = find_last (GTK_WIDGET (f->window), is_toast_titled, title);
  AdwToast *toast = NULL;

  if (widget != NULL)
    g_object_get (widget, "toast", &toast, NULL);
  return toast;
}

/* Renames the fourth article, a change that starts an export on change,
 * and waits for that export to end. */
static void
change_and_export (Fixture    *f,
                   const char *title)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;

  article = clipper_store_get_article (f->lib.store, f->ids[3], &error);
  g_assert_no_error (error);
  clipper_article_set_title (article, title);
  g_assert_true (clipper_store_update_article (f->lib.store, article, &error));
  g_assert_no_error (error);
  wait_for_export_on_change (f);
}

/* QA-l 5: an export on change that ran by itself, while a quote had been
 * edited in the file, wrote the file back without the edit and said why
 * on the terminal alone.  Its toast says it, in Details, and stays. */
static void
test_export_on_change_shows_notices (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
  g_autofree char *details = NULL;

  keep_vault_with_note (f, vault);
  edit_vault_file (md, "> Pelicans glide", "> Pelicans soar");
  /* Any change to the library starts the export. */
  change_and_export (f, "Fourth, renamed");

  g_assert_true (shows_label_within (f->window, "Vault updated", FALSE, 2000));
  details = dup_toast_details (f, "Vault updated");
  g_assert_nonnull (strstr (details, "was edited in the file"));
  g_assert_true (g_str_has_prefix (details, "Export Details\n"));
  /* Read once it is gone, not after 6 seconds. */
  spin (7000);
  g_assert_true (has_label (GTK_WIDGET (f->window), "Vault updated", FALSE));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
}

/* review21 N1: while a sync conflict's copy of a vault file was there,
 * every export on change (every highlight edit) put up a toast that stays
 * until read, saying the same copy again.  The window says a copy once;
 * the command line, run by hand, every time. */
static void
test_export_on_change_copy_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
  g_autofree char *copy = g_build_filename (vault, "The pelican brief (conflicted copy 2026-12-01).md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *details = NULL;
  g_autoptr (AdwToast) first = NULL;
  g_autoptr (AdwToast) last = NULL;

  keep_vault_with_note (f, vault);
  g_assert_true (g_file_get_contents (md, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (copy, contents, -1, &error));
  g_assert_no_error (error);

  change_and_export (f, "Fourth, renamed");
  g_assert_true (shows_label_within (f->window, "Vault updated", FALSE, 2000));
  first = dup_last_toast (f, "Vault updated");
  g_assert_nonnull (first);
  details = dup_toast_details (f, "Vault updated");
  g_assert_nonnull (strstr (details, "(conflicted copy 2026-12-01).md' holds the same article as"));

  /* The next export on change finds the same copy, and says nothing. */
  change_and_export (f, "Fourth, renamed again");
  last = dup_last_toast (f, "Vault updated");
  g_assert_true (last == NULL || last == first);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
}

/* A highlight deleted in the vault stays in the library and the export
 * on change writes it back: its toast said "Vault updated", the deletion
 * left to Details.  Its title says it. */
static void
test_export_on_change_removed_highlight (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *md = g_build_filename (vault, "The pelican brief.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *block = NULL;
  g_autofree char *details = NULL;
  const char *start, *end;

  keep_vault_with_note (f, vault);
  /* The highlight's block, from its quote to its tags line, deleted. */
  g_assert_true (g_file_get_contents (md, &text, NULL, &error));
  g_assert_no_error (error);
  start = strstr (text, "> Pelicans glide");
  g_assert_nonnull (start);
  end = strstr (start, "\n#clipper/");
  g_assert_nonnull (end);
  end = strchr (end + 1, '\n');
  g_assert_nonnull (end);
  block = g_strndup (start, end + 1 - start);
  edit_vault_file (md, block, "");
  change_and_export (f, "Fourth, renamed");

  g_assert_true (shows_label_within (f->window, "1 removed highlight kept", FALSE, 2000));
  details = dup_toast_details (f, "1 removed highlight kept");
  g_assert_nonnull (strstr (details, "; 1 highlight removed from a file is still in the library"));
  g_assert_nonnull (strstr (details, "is still in Clipper"));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
}

/* The first actionable widget under @root bound to @action. */
static GtkWidget *
find_by_action (GtkWidget  *root,
                const char *action)
{
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_preferences_and_shortcuts (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (GVariant) names = NULL;
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  GtkWidget *shortcuts;
  const char *meaning = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);

  /* The controls are bound to the schema both ways: a change from
   * elsewhere (another window, dconf) shows, and the colour names the
   * user types are stored as a{ss}. */
  g_settings_set_int (settings, "font-size", 24);
  g_settings_set_string (settings, "theme", "sepia");
  spin (50);
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 24);

  names = g_settings_get_value (settings, "color-names");
  g_assert_true (g_variant_lookup (names, "yellow", "&s", &meaning));
  g_assert_cmpstr (meaning, ==, "Important");

  /* Forget the Folder does something only with a folder to forget. */
  {
    GtkWidget *forget = find_by_action (prefs, "prefs.clear-vault");

    g_assert_nonnull (forget);
    g_settings_set_string (settings, "vault-folder", "");
    spin (20);
    g_assert_false (gtk_widget_is_sensitive (forget));
    g_settings_set_string (settings, "vault-folder", "/tmp");
    spin (20);
    g_assert_true (gtk_widget_is_sensitive (forget));
    g_settings_reset (settings, "vault-folder");
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "font-size");
  g_settings_reset (settings, "theme");

  /* The shortcuts window GtkApplication shows for Ctrl+? builds cleanly,
   * and fits a 1280×1024 screen (QA-j 13: it was 1464×1087, its longest
   * titles cut). */
  builder = gtk_builder_new_from_resource ("/org/example/Clipper/gtk/help-overlay.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  gtk_window_present (GTK_WINDOW (shortcuts));
  spin (100);
  {
    int width, height;

    gtk_widget_measure (shortcuts, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
    gtk_widget_measure (shortcuts, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
    g_test_message ("shortcuts window: %d×%d", width, height);
    g_assert_cmpint (width, <=, 1280);
    g_assert_cmpint (height, <=, 1024);
  }
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

/* The titles of the Tags page's rows, "title (subtitle)" joined by ", ". */
static void
collect_tag_rows (GtkWidget *root, GString *out)
{
  if (gtk_widget_has_css_class (root, "clipper-tag-row"))
    g_string_append_printf (out, "%s%s (%s)", out->len > 0 ? ", " : "",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_tag_rows (child, out);
}

static char *
tag_rows (GtkWidget *prefs)
{
  GString *out = g_string_new (NULL);

  collect_tag_rows (prefs, out);
  return g_string_free (out, FALSE);
}

/* The message dialog open over @parent. */
static AdwMessageDialog *
find_message_dialog (GtkWidget *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (parent) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* As a click on the response's button does: the response, then closed. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* Whether @window is still one of the application's top-level windows
 * (closed, it is destroyed and leaves the list). */
static gboolean
is_toplevel (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w == window)
        return TRUE;
    }
  return FALSE;
}

/* QA finding 5: closing the window (or Ctrl+Q, which closes every window)
 * while a page was being saved dropped that save without a word.  The
 * window asks first. */
static void
test_close_while_saving (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *url = clipper_test_server_url (server, "/slow");
  AdwMessageDialog *dialog;

  clipper_window_save_uri (f->window, url);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 1);

  /* Closing asks; Cancel keeps the window and its save. */
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "A page is still being saved");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "quit"), ==, "_Quit Anyway");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  respond (dialog, "cancel");
  spin (50);
  g_assert_true (is_toplevel (GTK_WINDOW (f->window)));
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 1);

  /* Asked again, and Quit Anyway: the window goes, its save stopped. */
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);
  dialog = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (dialog);
  respond (dialog, "quit");
  spin (50);
  g_assert_false (is_toplevel (GTK_WINDOW (f->window)));
}

/* The save ends while Clipper asks whether to quit without it: nothing
 * would be lost now, so the question goes and the window closes. */
static void
test_close_when_save_ends (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *url = NULL;
  SaveResult r = { 0 };

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  url = clipper_test_server_url (server, "/estuary.html");
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  clipper_window_save_uri (f->window, url);
  /* (Before the worker can answer: the main loop has not run.) */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_nonnull (find_message_dialog (GTK_WIDGET (f->window)));
  g_assert_true (wait_for (&r.done, 60));
  /* (The question goes and the window closes in the callback that says
   * "article-saved", right after it: nothing to wait for.) */
  g_assert_cmpint (r.id, >, 0);
  g_assert_null (find_message_dialog (GTK_WIDGET (f->window)));
  g_assert_false (is_toplevel (GTK_WINDOW (f->window)));
  g_free (r.message);
}

static void
test_preferences_tags (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  const char *idea[] = { "Idea", NULL };
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autofree char *rows = NULL;
  gint64 h;

  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "birds (2 articles)");
  g_clear_pointer (&rows, g_free);

  /* A tag added elsewhere shows. */
  h = clipper_test_add_highlight (f->lib.store, f->ids[0], "Pelicans glide", NULL);
  g_assert_true (clipper_store_set_highlight_tags (f->lib.store, h, idea, &error));
  g_assert_no_error (error);
  spin (700);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "birds (2 articles), Idea (1 highlight)");
  g_clear_pointer (&rows, g_free);

  /* Rename: not to nothing or the same name; another tag's name merges. */
  gtk_widget_activate_action (prefs, "tags.rename", "s", "birds");
  spin (50);
  dialog = find_message_dialog (prefs);
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "birds");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "IDEA");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "rename"), ==, "_Merge");
  gtk_editable_set_text (entry, "Wildlife");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "rename"), ==, "_Rename");
  respond (dialog, "rename");
  spin (100);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "Idea (1 highlight), Wildlife (2 articles)");
  g_clear_pointer (&rows, g_free);
  {
    ClipperListQuery q = { .state = CLIPPER_STATE_FILTER_ALL, .tag = "wildlife" };
    guint n = 0;

    g_assert_true (clipper_store_count_articles (f->lib.store, &q, &n, &error));
    g_assert_cmpuint (n, ==, 2);
  }

  /* Delete asks first; Cancel keeps it. */
  gtk_widget_activate_action (prefs, "tags.delete", "s", "Wildlife");
  spin (50);
  dialog = find_message_dialog (prefs);
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  spin (50);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "Idea (1 highlight), Wildlife (2 articles)");
  g_clear_pointer (&rows, g_free);
  gtk_widget_activate_action (prefs, "tags.delete", "s", "Wildlife");
  spin (50);
  dialog = find_message_dialog (prefs);
  respond (dialog, "delete");
  spin (100);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "Idea (1 highlight)");
  g_clear_pointer (&rows, g_free);
  {
    g_autoptr (ClipperArticle) article = clipper_store_get_article (f->lib.store, f->ids[0], &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((char **) clipper_article_get_tags (article)), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

/* QA qa-l, finding 9: Preferences → Tags and the article's Tags dialog
 * listed tag1, tag10, tag2 (and "Tag2" before "tag1"), where the
 * Highlights page's tag menu counts: one order everywhere now. */
static void
test_tags_natural_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "tag10", "Tag2", "tag1", NULL };
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  AdwMessageDialog *dialog;
  g_autofree char *rows = NULL;

  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[0], tags, &error));
  g_assert_no_error (error);
  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  rows = tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "birds (2 articles), tag1 (1 article), Tag2 (1 article), tag10 (1 article)");
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);

  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.tag", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  {
    g_auto (GStrv) shown = clipper_tag_chips_dup_tags (CLIPPER_TAG_CHIPS (adw_message_dialog_get_extra_child (dialog)));
    g_autofree char *joined = g_strjoinv (", ", shown);

    g_assert_cmpstr (joined, ==, "birds, tag1, Tag2, tag10");
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

/* The note label of highlight @highlight_id's row on the Highlights page. */
static GtkLabel *
review_row_note (GtkWidget *review,
                 gint64     highlight_id)
{
  for (GtkWidget *item = gtk_widget_get_first_child (find_by_id (review, "list_view")); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (CLIPPER_IS_REVIEW_ROW (row) && clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row)) != NULL &&
          clipper_highlight_get_id (clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row))) == highlight_id)
        return GTK_LABEL (find_by_css_class (row, "clipper-review-note"));
    }
  g_assert_not_reached ();
}

/* QA qa-l, finding 16: a note's lines ran together in the Highlights
 * row ("…unique word A second line…"); Obsidian shows each on its own.
 * The row still shows three lines at most. */
static void
test_highlights_note_lines (Fixture       *f,
                            gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  gint64 two = clipper_test_add_highlight (f->lib.store, f->ids[0], "Pelicans glide", "A unique word\nA second line");
  gint64 many = clipper_test_add_highlight (f->lib.store, f->ids[1], "slow", "One\n\nTwo\nThree\nFour\nFive");
  GtkLabel *label;
  int two_lines;

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);

  label = review_row_note (review, two);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "A unique word\u2028" "A second line");
  two_lines = gtk_widget_get_height (GTK_WIDGET (label));
  label = review_row_note (review, many);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "One\u2028Two\u2028Three Four Five");
  g_assert_cmpint (gtk_label_get_lines (label), ==, 3);
  /* Three lines shown of five, the last two run on: half as high again
   * as two. */
  g_test_message ("two lines: %d px, five: %d px", two_lines, gtk_widget_get_height (GTK_WIDGET (label)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (label)), >, two_lines);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (label)), <=, two_lines * 3 / 2 + 1);
}

/* Preferences' error toasts stay until closed, and a later one waited
 * unseen behind the first: it is shown at once, the first coming back
 * when it is closed. */
static void
test_preferences_errors_not_queued (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  const char *const gone[] = { "Herons", "Egrets" };

  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  /* Tags another window deleted meanwhile: each delete fails. */
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *said = g_strdup_printf ("no tag is named '%s'", gone[i]);

      gtk_widget_activate_action (prefs, "tags.delete", "s", gone[i]);
      spin (50);
      respond (find_message_dialog (prefs), "delete");
      spin (700);
      g_assert_true (has_label (prefs, said, TRUE));
    }
  g_assert_false (has_label (prefs, "no tag is named 'Herons'", TRUE));

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (GTK_IS_BUILDABLE (widget) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Until its first frame the article list sees only a screenful of the
 * library (GTK 4.8's list view would build ~200 rows); right after it, all
 * of it, in the model's order. */
/* A new library: the keyboard goes to the empty page's Save a Page, not to
 * the list nobody sees (the window's keys, Ctrl+L among them, went with it). */
static GtkWidget *find_status_page (GtkWidget *root, const char *title);

/* Sends @keyval, without modifiers, to @widget's key controllers of the
 * capture phase, as GTK does first with a key pressed in the window;
 * returns whether one took it. */
static gboolean
press_captured_key (GtkWidget *widget,
                    guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

static void
test_empty_library_focus (void)
{
  TestLibrary lib;
  g_autoptr (ClipperWindow) window = NULL;
  GtkWidget *focus;

  test_library_init (&lib);
  window = g_object_ref_sink (clipper_window_new (NULL, lib.store));
  gtk_window_present (GTK_WINDOW (window));
  spin (500);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (GTK_IS_ACTIONABLE (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "win.save-url");

  /* The first Tab shows where the keyboard is, on Save a Page, rather
   * than moving on to Import… unseen; the next one moves on. */
  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  g_assert_true (press_captured_key (GTK_WIDGET (window), GDK_KEY_Tab));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (window)));
  g_assert_false (press_captured_key (GTK_WIDGET (window), GDK_KEY_Tab));

  /* Beside it, the reader's side does not ask to choose an article
   * there is none of. */
  g_assert_null (find_status_page (GTK_WIDGET (window), "No Article Open"));
  g_assert_nonnull (find_status_page (GTK_WIDGET (window), "Nothing to Read Yet"));
  add_article (lib.store, "First", "Some text.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_signal_emit_by_name (lib.store, "changed");
  spin (300);
  g_assert_nonnull (find_status_page (GTK_WIDGET (window), "No Article Open"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  test_library_clear (&lib);
}

/* The status page under @root titled @title, or NULL. */
static GtkWidget *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Archive button is not a folder (it read as "open folder") and the
 * Highlights page's switcher is not a pencil (it read as "edit"); both
 * icons are there to show, in Adwaita or the app's resources. */
static void
test_icons_say_what_they_do (Fixture       *f,
                             gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (f->window)));
  GtkWidget *archive = find_button_with_action (GTK_WIDGET (f->window), "library.archive");
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkStackPage *page = gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (review)), review);
  const char *archive_icon;
  g_autofree char *page_icon = NULL;

  /* What GtkApplication does for the app: its resources' icons/ folder. */
  gtk_icon_theme_add_resource_path (theme, "/org/example/Clipper/icons");
  g_assert_nonnull (archive);
  archive_icon = gtk_button_get_icon_name (GTK_BUTTON (archive));
  g_object_get (page, "icon-name", &page_icon, NULL);
  g_assert_cmpstr (archive_icon, ==, "package-x-generic-symbolic");
  g_assert_cmpstr (page_icon, ==, "clipper-highlighter-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (theme, archive_icon));
  g_assert_true (gtk_icon_theme_has_icon (theme, page_icon));
}

/* QA: the empty library offered only Save a Page, while someone coming
 * from Kindle, Hypothesis or another Clipper first wants Import; and the
 * shortcuts window left out F10, Enter on a row, Down from a search field
 * and Escape out of it (and, QA-m 5, finding in the article and
 * printing, which came later). */
static void
test_first_use_and_shortcuts (void)
{
  const char *keys[] = { "F10", "Return", "Down", "Escape", "<Control>p", "<Control>g Return", NULL };
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/example/Clipper/gtk/help-overlay.ui");
  g_autoptr (GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr (ClipperWindow) window = NULL;
  GtkWidget *empty;
  TestLibrary lib;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
          {
            g_autofree char *accel = NULL;

            g_object_get (l->data, "accelerator", &accel, NULL);
            listed |= g_strcmp0 (accel, keys[i]) == 0;
          }
      g_test_message ("%s listed: %d", keys[i], listed);
      g_assert_true (listed);
    }
  /* Its own title: without one it was the program's name, "clipper". */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"))), ==,
                   "Keyboard Shortcuts");
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  test_library_init (&lib);
  window = g_object_ref_sink (clipper_window_new (NULL, lib.store));
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  empty = find_status_page (GTK_WIDGET (window), "No Saved Articles");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (empty)), "Ctrl+I"));
  g_assert_nonnull (find_button_with_action (empty, "win.import"));
  g_assert_nonnull (find_button_with_action (empty, "win.save-url"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  test_library_clear (&lib);
}

static void
test_first_screen_then_all_rows (void)
{
  TestLibrary lib;
  g_autoptr (ClipperWindow) window = NULL;
  GListModel *rows;
  GListModel *library_model;
  GtkWidget *list;
  gboolean painted = FALSE;
  gulong handler;
  guint shown;

  test_library_init (&lib);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);

      add_article (lib.store, title, "Some text about rivers.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
    }

  window = g_object_ref_sink (clipper_window_new (NULL, lib.store));
  library_model = G_LIST_MODEL (clipper_window_get_library_model (window));
  list = find_by_id (GTK_WIDGET (window), "article_list");
  g_assert_nonnull (list);
  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  shown = g_list_model_get_n_items (rows);
  g_assert_cmpuint (shown, >=, 16);
  g_assert_cmpuint (shown, <=, 48);
  g_assert_cmpuint (g_list_model_get_n_items (library_model), >, shown);

  gtk_widget_realize (GTK_WIDGET (window));
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (on_after_paint), &painted);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (&painted, 10));
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);

  /* The count comes from a worker thread; the rest follows in an idle. */
  for (guint i = 0; i < 100 && g_list_model_get_n_items (rows) != 150; i++)
    spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (library_model), ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 150);
  for (guint i = 0; i < 150; i += 37)
    {
      g_autoptr (ClipperArticle) a = g_list_model_get_item (rows, i);
      g_autoptr (ClipperArticle) b = g_list_model_get_item (library_model, i);

      g_assert_cmpint (clipper_article_get_id (a), ==, clipper_article_get_id (b));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  test_library_clear (&lib);
}

static void
test_narrow_and_size (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *leaflet;
  GtkWidget *content;

  /* One pane at a time on a phone-sized window, with a way back. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  spin (300);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  leaflet = find_by_type (content, ADW_TYPE_LEAFLET);
  g_assert_true (ADW_IS_LEAFLET (leaflet));
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_get_ancestor (clipper_window_get_reader (f->window), GTK_TYPE_BOX) ==
                 adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  g_assert_false (gtk_widget_get_ancestor (clipper_window_get_reader (f->window), GTK_TYPE_BOX) ==
                  adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)));

  /* The size is remembered when the window closes. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 400);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Whether the Details of the last failure's toast (a dialog, closed
 * again) hold @text. */
static gboolean
failure_details_say (ClipperWindow *window,
                     const char    *text)
{
  AdwMessageDialog *dialog;
  gboolean found;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.failure-details", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  found = has_label (GTK_WIDGET (dialog), text, TRUE);
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  return found;
}

/* The button under @root whose tooltip is @tooltip. */
static GtkWidget *
find_tooltip_button (GtkWidget  *root,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget *widget;
  int width, height, root_width;
  guint same;     /* frames in a row that found the sizes unchanged */
  gboolean settled;
} Settle;

static gboolean
settle_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Settle *s = data;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int root_width = gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (widget)));

  if (width > 0 && width == s->width && height == s->height && root_width == s->root_width)
    s->same++;
  else
    s->same = 0;
  s->width = width;
  s->height = height;
  s->root_width = root_width;
  s->settled = s->same >= 2;
  return s->settled ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Waits, up to 20 s, until @widget is laid out and keeps its size (and
 * its window's width) over two whole frames: what a change to it brought
 * about has been laid out, however slow the frames come (review21 S5: a
 * fixed pause is too short at a load of 20). */
static void
wait_size_settled (GtkWidget *widget)
{
  Settle s = { widget, -1, -1, -1, 0, FALSE };
  guint id = gtk_widget_add_tick_callback (widget, settle_tick, &s, NULL);

  g_assert_true (wait_for (&s.settled, 20));
  if (!s.settled)
    gtk_widget_remove_tick_callback (widget, id);
}

/* Types @text, ending in a comma, into the tags @entry, and waits, up to
 * 20 s, for the chip it makes: the chips take it from the entry in an
 * idle (on_entry_changed()), which empties it. */
static void
type_tag (GtkEditable *entry,
          const char  *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_editable_set_text (entry, text);
  while (*gtk_editable_get_text (entry) != '\0' && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
}

/* The Tags dialog (Ctrl+T) showed a typed "#beta" as a chip beside
 * "beta" until Apply made them one, and grew wider with each chip, all on
 * one line at its natural width (review, session 20).  "#beta" is "beta"
 * at once, and the dialog keeps its width, the chips wrapping. */
static void
test_tag_dialog_chips (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;
  ClipperTagChips *chips;
  GtkEditable *entry;
  g_auto (GStrv) shown = NULL;
  g_autofree char *joined = NULL;
  int width, height;

  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.tag", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  chips = CLIPPER_TAG_CHIPS (adw_message_dialog_get_extra_child (dialog));
  entry = GTK_EDITABLE (clipper_tag_chips_get_entry (chips));
  wait_size_settled (GTK_WIDGET (chips));
  width = gtk_widget_get_width (GTK_WIDGET (dialog));
  height = gtk_widget_get_height (GTK_WIDGET (chips));

  type_tag (entry, "beta,");
  type_tag (entry, "#beta,");
  gtk_editable_set_text (entry, "#gamma");
  clipper_tag_chips_commit (chips);
  shown = clipper_tag_chips_dup_tags (chips);
  joined = g_strjoinv (", ", shown);
  g_assert_cmpstr (joined, ==, "birds, beta, gamma");

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *tag = g_strdup_printf ("a-longer-tag-%u,", i);

      type_tag (entry, tag);
    }
  wait_size_settled (GTK_WIDGET (chips));
  g_test_message ("dialog %d px wide before, %d after; chips %d px high before, %d after", width,
                  gtk_widget_get_width (GTK_WIDGET (dialog)), height, gtk_widget_get_height (GTK_WIDGET (chips)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chips)), >, 2 * height);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

static void
test_tag_and_save_dialogs (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) shown = NULL;
  AdwMessageDialog *dialog;
  ClipperTagChips *chips;
  GtkEditable *entry;
  const char *const *tags;

  /* Tags: the dialog shows the article's tags as chips; what is applied
   * replaces them. */
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.tag", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  chips = CLIPPER_TAG_CHIPS (adw_message_dialog_get_extra_child (dialog));
  entry = GTK_EDITABLE (clipper_tag_chips_get_entry (chips));
  shown = clipper_tag_chips_dup_tags (chips);
  g_assert_cmpstr (shown[0], ==, "birds");
  g_assert_null (shown[1]);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  /* The keyboard in the entry, not on a chip's remove button. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), GTK_WIDGET (entry)));
  {
    /* It completes the library's tags, as the highlight panel's field
     * does (it completed nothing). */
    GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (entry));
    GtkTreeModel *model;
    GtkTreeIter iter;
    gboolean listed = FALSE;

    g_assert_nonnull (completion);
    model = gtk_entry_completion_get_model (completion);
    for (gboolean more = gtk_tree_model_get_iter_first (model, &iter); more;
         more = gtk_tree_model_iter_next (model, &iter))
      {
        g_autofree char *tag = NULL;

        gtk_tree_model_get (model, &iter, 0, &tag, -1);
        listed |= g_str_equal (tag, "birds");
      }
    g_assert_true (listed);
  }
  /* The chip's button takes its tag off; what is typed, and not yet
   * added, is applied with the chips, each tag once. */
  g_signal_emit_by_name (find_tooltip_button (GTK_WIDGET (chips), "Remove tag birds"), "clicked");
  gtk_editable_set_text (entry, " coast ,  , Seabirds,coast");
  adw_message_dialog_response (dialog, "apply");
  spin (50);
  article = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_no_error (error);
  tags = clipper_article_get_tags (article);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "coast"));
  g_assert_true (g_strv_contains (tags, "Seabirds"));
  g_assert_false (g_strv_contains (tags, "birds"));

  /* QA qa-l, findings 6 and 7: a tag holding a comma is a chip of its
   * own and kept whole when another is added (it was split into two
   * tags); a '#' typed before a tag is not part of its name. */
  {
    const char *comma[] = { "Smith, John", NULL };
    AdwMessageDialog *again;
    ClipperTagChips *field;
    g_auto (GStrv) held = NULL;

    g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[0], comma, &error));
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.tag", NULL));
    again = ui_test_find_dialog (dialog);
    g_assert_nonnull (again);
    field = CLIPPER_TAG_CHIPS (adw_message_dialog_get_extra_child (again));
    held = clipper_tag_chips_dup_tags (field);
    g_assert_cmpuint (g_strv_length (held), ==, 3);
    g_assert_cmpstr (held[2], ==, "Smith, John");
    gtk_editable_set_text (GTK_EDITABLE (clipper_tag_chips_get_entry (field)), "#y");
    adw_message_dialog_response (again, "apply");
    gtk_window_destroy (GTK_WINDOW (again));
    spin (50);
    g_clear_object (&article);
    article = clipper_store_get_article (f->lib.store, f->ids[0], &error);
    g_assert_no_error (error);
    tags = clipper_article_get_tags (article);
    g_assert_cmpuint (g_strv_length ((char **) tags), ==, 4);
    g_assert_true (g_strv_contains (tags, "Smith, John"));
    g_assert_true (g_strv_contains (tags, "y"));
  }

  /* Save: a URL on the clipboard fills the entry; Save is off until the
   * entry holds something that can be saved. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "https://example.org/from-clipboard");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-url", NULL));
  dialog = ui_test_find_dialog (dialog);
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  for (guint i = 0; i < 100 && *gtk_editable_get_text (entry) == '\0'; i++)
    spin (20);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "https://example.org/from-clipboard");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (entry, "not a page");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* And says why. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a web address"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_editable_set_text (entry, "example.org/page");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "not a web address"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_editable_set_text (entry, "not a page");
  adw_message_dialog_response (dialog, "cancel");
  spin (50);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);
}

/* A key pressed in the window, dispatched as GTK does on its way down:
 * the window's capture-phase key controllers have it first. */
static gboolean
press_in_window (ClipperWindow   *window,
                 guint            keyval,
                 GdkModifierType  state)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

/* Saving pages in quick succession (QA: Ctrl+L, Return, 20 times) lost
 * one: a Return before the clipboard's address was in the field met a
 * greyed-out Save, and one typed while the dialog was on its way went to
 * the window.  Both save the address copied; a clipboard without one is
 * said. */
static void
test_save_dialog_early_return (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  SaveResult r = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *other = NULL;
  g_autoptr (ClipperArticle) saved = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  clipper_test_server_add (server, "/other.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  url = clipper_test_server_url (server, "/estuary.html");
  other = clipper_test_server_url (server, "/other.html");

  /* Return in the field before the clipboard answered. */
  gdk_clipboard_set_text (clipboard, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-url", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  /* (Return activates Save, the default, only when it is enabled.) */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "save");
  g_assert_true (wait_for (&r.done, 20));
  g_assert_null (r.message);
  saved = clipper_store_get_article (f->lib.store, r.id, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (clipper_article_get_url (saved), ==, url);
  g_assert_null (ui_test_find_dialog (NULL));

  /* Ctrl+L is the window's before the article's web view has it (which
   * passes it on late, or lost it, while its web process started); a
   * Return typed to the window while the dialog was on its way is the
   * dialog's; a second Ctrl+L meanwhile makes no second dialog. */
  r.done = FALSE;
  gdk_clipboard_set_text (clipboard, other);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, r.id);
  g_assert_true (press_in_window (f->window, GDK_KEY_l, GDK_CONTROL_MASK));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-url", NULL));
  g_assert_true (ui_test_find_dialog (dialog) == NULL);
  g_assert_true (press_in_window (f->window, GDK_KEY_Return, 0));
  g_assert_true (wait_for (&r.done, 20));
  g_assert_null (r.message);
  g_clear_object (&saved);
  saved = clipper_store_get_article (f->lib.store, r.id, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (clipper_article_get_url (saved), ==, other);

  /* Nothing to save on the clipboard: said, not dropped. */
  r.done = FALSE;
  gdk_clipboard_set_text (clipboard, "shopping list: eggs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-url", NULL));
  respond (ui_test_find_dialog (NULL), "save");
  g_assert_true (wait_for (&r.done, 20));
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "no web address"));
  g_assert_true (window_shows_label (f->window, "No address copied"));
  g_assert_true (failure_details_say (f->window, "no web address"));
  g_free (r.message);
}

static void
on_any_saved (ClipperWindow *window,
              gint64         id,
              guint         *count)
{
  (*count)++;
}

/* QA: after saving 20 pages, "Saved; N images could not be downloaded"
 * toasts kept coming for minutes, one per page.  Saves that end one after
 * another are summed up in one toast, which Details spells out. */
static void
test_save_burst_one_toast (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *page = NULL;
  guint saved = 0;
  AdwMessageDialog *details;
  GtkLabel *label;
  g_auto (GStrv) lines = NULL;

  page = g_strdup_printf ("%.*s<figure><img src='/gone.png' alt='Herons' width='300' height='200'></figure>%s",
                          (int) (strstr (estuary_page, "</article>") - estuary_page), estuary_page,
                          strstr (estuary_page, "</article>"));
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_any_saved), &saved);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/herons-%u.html", i);
      g_autofree char *url = NULL;

      clipper_test_server_add (server, path, 200, "text/html; charset=utf-8", page, -1);
      url = clipper_test_server_url (server, path);
      clipper_window_save_uri (f->window, url);
    }
  for (guint i = 0; i < 1200 && saved < 3; i++)
    spin (50);
  g_assert_cmpuint (saved, ==, 3);
  g_assert_true (window_shows_label (f->window, "Saved 3 pages; 3 images could not be downloaded"));
  /* The first page's toast became this one; none waits behind it. */
  g_assert_false (has_label (GTK_WIDGET (f->window), "Saved; 1 image could not be downloaded", FALSE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_cmpstr (adw_message_dialog_get_heading (details), ==, "Saved Pages");
  label = find_label_with (GTK_WIDGET (details), "1 image could not be downloaded");
  g_assert_nonnull (label);
  lines = g_strsplit (gtk_label_get_label (label), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "Estuary"));
  respond (details, "close");
}

static void
on_saved_last (ClipperWindow *window,
               gint64         id,
               gint64        *last)
{
  last[0] = id;
  last[1]++;
}

typedef struct {
  ClipperWindow *window;
  gint64 id;
} NewestShown;

/* Whether the article @data->id is open, at the top of the list, selected. */
static gboolean
newest_shown (gpointer data)
{
  NewestShown *shown = data;
  g_autoptr (ClipperArticle) top =
    g_list_model_get_item (G_LIST_MODEL (clipper_window_get_library_model (shown->window)), 0);

  return top != NULL && clipper_article_get_id (top) == shown->id &&
         clipper_window_get_article_id (shown->window) == shown->id && selected_position (shown->window) == 0;
}

/* QA: after several pages saved at once (dropped, or chosen together in
 * Save Page from File) the list stayed on the first one saved, below the
 * others, and on Starred none of them was in it.  The last one saved, at
 * the top, is open and selected, and the list shows the Reading List. */
static void
test_save_several_shows_newest (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  gint64 last[2] = { 0, 0 };   /* the last id saved, and how many were */
  NewestShown shown;
  GtkDropDown *filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (f->window), "filter_dropdown"));

  clipper_window_set_filter (f->window, 1);   /* Starred */
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved_last), last);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/herons-%u.html", i);
      g_autofree char *url = NULL;

      clipper_test_server_add (server, path, 200, "text/html; charset=utf-8", estuary_page, -1);
      url = clipper_test_server_url (server, path);
      clipper_window_save_uri (f->window, url);
    }
  for (guint i = 0; i < 1200 && last[1] < 3; i++)
    spin (50);
  g_assert_cmpint (last[1], ==, 3);
  shown.window = f->window;
  shown.id = last[0];
  g_assert_true (ui_test_wait_until (newest_shown, &shown, 5000));

  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, 0);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, last[0]);
  g_assert_cmpint (article_at (f->window, 0), ==, last[0]);
  g_assert_cmpuint (selected_position (f->window), ==, 0);

  /* An article the user opened meanwhile stays open. */
  clipper_window_open_article (f->window, f->ids[1], 0);
  last[1] = 0;
  for (guint i = 3; i < 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/herons-%u.html", i);
      g_autofree char *url = NULL;

      clipper_test_server_add (server, path, 200, "text/html; charset=utf-8", estuary_page, -1);
      url = clipper_test_server_url (server, path);
      clipper_window_save_uri (f->window, url);
    }
  clipper_window_open_article (f->window, f->ids[0], 0);
  for (guint i = 0; i < 1200 && last[1] < 2; i++)
    spin (50);
  g_assert_cmpint (last[1], ==, 2);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
}

static void
count_failure (guint      *count,
               const char *message)
{
  g_test_message ("save failed: %s", message);
  (*count)++;
}

static gboolean
server_has_hits (ClipperTestServer *server,
                 const char        *path,
                 guint              hits)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (clipper_test_server_get_hits (server, path) < hits && g_get_monotonic_time () < deadline)
    spin (20);
  return clipper_test_server_get_hits (server, path) >= hits;
}

/* Session 21: test-window crashed once under load between two save tests,
 * whose teardown destroys the window, then deletes the library's folder
 * while the workers of the saves it cancelled may still run.  Here the
 * window goes with four saves in flight: one waiting for an image that
 * never comes, two whose pages a server holds, one just started.  Then the server goes and the
 * folder is deleted, as a teardown does, at once.  Every worker stops,
 * nothing writes the library after the window went (nor makes the folder
 * again), and the window is let go once its saves end. */
static void
test_close_with_saves_in_flight (Fixture       *f,
                                 gconstpointer  data)
{
  ClipperTestServer *server = clipper_test_server_new ();
  ClipperTestServer *holding = clipper_test_server_new ();
  g_autofree char *page = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_path = g_strdup (f->lib.path);
  g_autofree char *dir = g_strdup (f->lib.dir);
  GtkWidget *window = GTK_WIDGET (f->window);
  struct { guint n_saved, n_failed; } r = { 0, 0 };
  gint64 deadline;

  /* (/slow never answers, until the server goes.) */
  page = g_strdup_printf ("%.*s<figure><img src='/slow' alt='Herons' width='300' height='200'></figure>%s",
                          (int) (strstr (estuary_page, "</article>") - estuary_page), estuary_page,
                          strstr (estuary_page, "</article>"));
  clipper_test_server_add (server, "/pictured.html", 200, "text/html; charset=utf-8", page, -1);
  url = clipper_test_server_url (server, "/pictured.html");
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_any_saved), &r.n_saved);
  g_signal_connect_swapped (f->window, "save-failed", G_CALLBACK (count_failure), &r.n_failed);
  clipper_window_save_uri (f->window, url);
  g_assert_true (server_has_hits (server, "/slow", 1));
  /* (Another server: libsoup opens two connections to a host at most.) */
  clipper_test_server_hold (holding, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("/held-%u.html", i);
      g_autofree char *held = NULL;

      clipper_test_server_add (holding, path, 200, "text/html; charset=utf-8", estuary_page, -1);
      held = clipper_test_server_url (holding, path);
      clipper_window_save_uri (f->window, held);
      g_assert_true (server_has_hits (holding, path, 1));
    }
  /* And one whose worker may not have opened the library yet when its
   * folder is deleted: it must not make it again. */
  clipper_test_server_add (server, "/late.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  g_free (url);
  url = clipper_test_server_url (server, "/late.html");
  clipper_window_save_uri (f->window, url);
  g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 4);
  g_assert_cmpuint (r.n_saved, ==, 0);
  g_assert_cmpuint (r.n_failed, ==, 0);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  clipper_test_server_free (server);
  clipper_test_server_free (holding);
  test_library_clear (&f->lib);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_null (window);
  /* Nothing the saves came to reached the test's handlers once the window
   * was destroyed (session 22: the suspicion that a save ending after its
   * test wrote into a dead stack frame through them). */
  g_assert_cmpuint (r.n_saved, ==, 0);
  g_assert_cmpuint (r.n_failed, ==, 0);
  /* The workers are done, no pause needed (review21 S5): each save holds
   * the window until its callback, which GTask runs only once the
   * worker's function has returned (no return-on-cancel in the saver).
   * A last one that wrote would have made these. */
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
on_any_updated (ClipperWindow *window,
                gint64         id,
                const char    *message,
                guint         *count)
{
  (*count)++;
}

/* The window destroyed while a Fetch Again runs, its page on the way: the
 * Fetch Again holds the window, which was disposed, and stopped it, only
 * once it had ended by itself, the article written and "article-updated"
 * said by a window gone (session 22).  It stops, and nothing is said. */
static void
test_close_with_fetch_again_in_flight (Fixture       *f,
                                       gconstpointer  data)
{
  ClipperTestServer *server = clipper_test_server_new ();
  GtkWidget *window = GTK_WIDGET (f->window);
  guint n_updated = 0;
  gint64 deadline;
  gint64 id;

  id = save_estuary (f, server);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);
  g_signal_connect (f->window, "article-updated", G_CALLBACK (on_any_updated), &n_updated);
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_edited, -1);
  clipper_test_server_hold (server, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refetch", NULL));
  g_assert_true (server_has_hits (server, "/estuary.html", 2));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  /* The page comes now: a Fetch Again still running would write it. */
  clipper_test_server_hold (server, FALSE);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_null (window);
  g_assert_cmpuint (n_updated, ==, 0);
  clipper_test_server_free (server);
}

/* The library's folder deleted while the window has it open: a page saved
 * then is not saved, and the failure says why.  The save's worker made
 * the folder and a new library again, and saved the page there, where the
 * window never showed it (until 1 December 2026). */
static void
test_save_library_gone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *url = NULL;
  SaveResult r = { 0 };

  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8", estuary_page, -1);
  url = clipper_test_server_url (server, "/estuary.html");
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  remove_tree (f->lib.dir);
  g_assert_false (g_file_test (f->lib.dir, G_FILE_TEST_EXISTS));

  clipper_window_save_uri (f->window, url);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (r.id, ==, 0);
  g_assert_nonnull (r.message);
  g_assert_nonnull (strstr (r.message, "is no longer there"));
  g_assert_false (g_file_test (f->lib.dir, G_FILE_TEST_EXISTS));
  g_free (r.message);
}

/* The library's folder deleted or moved while the window has it open:
 * an export or an import started then fails, and its toast says why.
 * Their workers made the folder and a new, empty library again (until 1
 * December 2026), and the import went into it, where the window never
 * showed it. */
static void
test_export_library_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *elsewhere = g_dir_make_tmp ("clipper-gone-XXXXXX", NULL);
  g_autofree char *json_path = g_build_filename (elsewhere, "library.json", NULL);
  g_autofree char *vault = g_build_filename (elsewhere, "vault", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (clipper_json_export_file (f->lib.store, json_path, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  remove_tree (f->lib.dir);
  g_assert_false (g_file_test (f->lib.dir, G_FILE_TEST_EXISTS));

  clipper_window_export_library_json (f->window, json_path);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Export failed"));
  g_assert_true (failure_details_say (f->window, "is no longer there"));

  clipper_window_export_library (f->window, vault);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Export failed"));
  g_assert_true (failure_details_say (f->window, "is no longer there"));
  g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));

  clipper_window_import_file (f->window, json_path);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Import failed"));
  g_assert_true (failure_details_say (f->window, "is no longer there"));

  g_assert_false (g_file_test (f->lib.dir, G_FILE_TEST_EXISTS));
  remove_tree (elsewhere);
}

/* A library that cannot be written (here a file of mode 0444, which even
 * root may not change: the mode says so) opens as it is, with a banner
 * that says its changes cannot be saved; what would change it is not
 * offered (the panel's note cannot be typed into, to be lost), a page
 * dropped on it is refused in a toast, and nothing is written.  Before,
 * it opened as any library: each change failed after the fact, a note
 * typed in the panel was lost.  One that cannot be read without writing
 * (its last changes still in its log) gets the error window, which says
 * where to open it.  QA: a copy of library.db alone got a -wal and a -shm
 * of mode 0444 beside it from the app (not from clipper-cli). */
static void
test_app_read_only (void)
{
  TestLibrary lib;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  GtkWindow *window;
  GtkWidget *banner, *reader, *note_view;
  gint64 id;
  gboolean ready = FALSE;

  /* An application left registered on the bus (without
   * g_application_run()) is in the way of the next one: a process each. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  test_library_init (&lib);
  id = add_article (lib.store, "Tides", "The tide came in over the mud flats at dusk.", CLIPPER_READ_STATE_UNREAD,
                    FALSE, "coast");
  clipper_test_add_highlight (lib.store, id, "mud flats", "a note");
  g_clear_object (&lib.store);
  /* A copy (`cp library.db`): the writer emptied its log on closing. */
  wal = g_strconcat (lib.path, "-wal", NULL);
  shm = g_strconcat (lib.path, "-shm", NULL);
  g_assert_cmpint (g_remove (wal), ==, 0);
  g_assert_cmpint (g_remove (shm), ==, 0);
  g_assert_cmpint (g_chmod (lib.path, 0444), ==, 0);

  g_setenv ("CLIPPER_DB", lib.path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_WINDOW (window));
  g_assert_true (clipper_store_is_read_only (clipper_window_get_store (CLIPPER_WINDOW (window))));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  banner = find_by_css_class (GTK_WIDGET (window), "clipper-banner");
  g_assert_nonnull (banner);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (banner)), ==, "This library is read-only: changes can’t be saved");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (banner))));

  clipper_window_open_article (CLIPPER_WINDOW (window), id, 0);
  reader = clipper_window_get_reader (CLIPPER_WINDOW (window));
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  /* What would change it is not offered: its buttons are insensitive. */
  {
    const char *const refused[] = { "library.star", "library.archive", "win.save-url", "reader.remove-highlight",
                                    "reader.note" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        GtkWidget *button = find_button_with_action (GTK_WIDGET (window), refused[i]);

        g_assert_nonnull (button);
        if (gtk_widget_is_sensitive (button))
          g_error ("%s is offered in a read-only library", refused[i]);
        /* The window's buttons say why. */
        if (!g_str_has_prefix (refused[i], "reader."))
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                           "This library is read-only: changes can’t be saved");
      }
  }
  note_view = find_by_type (reader, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (note_view);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (note_view)));

  /* A page opened with Clipper or dropped on it: said, not tried. */
  clipper_window_save_uri (CLIPPER_WINDOW (window), "https://example.org/another");
  g_assert_cmpuint (clipper_window_get_n_pending_saves (CLIPPER_WINDOW (window)), ==, 0);
  spin (300);
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "Not saved: this library is read-only"));

  /* QA: Export Library as Markdown (which takes in the vault's edits
   * first) and, in Preferences, renaming or deleting a tag and Export on
   * Change were offered, and failed with the store's error.  The menu's
   * item is a button of the window's action. */
  {
    GtkWidget *export = gtk_button_new ();
    g_autoptr (GSettings) settings = g_settings_new ("org.example.Clipper");
    g_autofree char *vault = g_build_filename (lib.dir, "vault", NULL);
    GtkWidget *prefs;
    const char *const refused[] = { "tags.rename", "tags.delete" };

    gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export-library");
    gtk_box_append (GTK_BOX (find_by_id (GTK_WIDGET (window), "filter_box")), export);
    g_assert_false (gtk_widget_is_sensitive (export));
    gtk_box_remove (GTK_BOX (find_by_id (GTK_WIDGET (window), "filter_box")), export);
    /* Asked all the same (it is public): refused in a toast (queued
     * behind the one above), nothing written. */
    clipper_window_export_library (CLIPPER_WINDOW (window), vault);
    for (guint i = 0; i < 20 && !g_file_test (vault, G_FILE_TEST_EXISTS); i++)
      spin (100);
    g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));

    g_settings_set_string (settings, "vault-folder", lib.dir);
    prefs = clipper_preferences_window_new (window);
    clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), clipper_window_get_store (CLIPPER_WINDOW (window)));
    gtk_window_present (GTK_WINDOW (prefs));
    spin (100);
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        GtkWidget *button = find_button_with_action (prefs, refused[i]);

        g_assert_nonnull (button);
        if (gtk_widget_is_sensitive (button))
          g_error ("%s is offered in a read-only library", refused[i]);
        g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "This library is read-only: changes can’t be saved");
      }
    {
      GtkWidget *row = gtk_widget_get_ancestor (find_by_type (prefs, GTK_TYPE_SWITCH), ADW_TYPE_ACTION_ROW);

      g_assert_false (gtk_widget_is_sensitive (row));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "This library is read-only: changes can’t be saved");
    }
    gtk_window_destroy (GTK_WINDOW (prefs));
    g_settings_reset (settings, "vault-folder");
  }

  gtk_window_destroy (window);
  spin (50);
  g_clear_object (&app);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");

  /* Nothing was written, nor made beside it. */
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (lib.path, 0644), ==, 0);
  test_library_clear (&lib);
}

/* A read-only library that cannot be read as it is (made by an older
 * Clipper: reading it needs an upgrade, which writes) gets the error
 * window, which says where to open it, not an empty library. */
static void
test_app_read_only_unreadable (void)
{
  TestLibrary lib;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *window = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  test_library_init (&lib);
  g_clear_object (&lib.store);
  g_assert_cmpint (g_unlink (lib.path), ==, 0);
  lib.store = clipper_store_open_at_version (lib.path, 9, &error);
  g_assert_no_error (error);
  g_clear_object (&lib.store);
  g_assert_cmpint (g_chmod (lib.path, 0444), ==, 0);

  g_setenv ("CLIPPER_DB", lib.path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  for (guint i = 0; i < 300 && window == NULL; i++)
    {
      spin (20);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (g_strcmp0 (gtk_widget_get_name (l->data), "clipper-open-error") == 0)
          window = l->data;
    }
  g_assert_nonnull (window);
  {
    GtkWidget *page = find_by_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);

    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Cannot Open the Library");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                              "upgraded once, by opening it where it can be written"));
  }
  gtk_window_destroy (window);
  spin (50);
  g_clear_object (&app);

  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  g_assert_cmpint (g_chmod (lib.path, 0644), ==, 0);
  test_library_clear (&lib);
}

/* The app made a library on its first run without a word of where it
 * is.  The empty library names the file, and Preferences does. */
static void
test_app_new_library_named (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *window = NULL;
  GtkWidget *empty, *prefs = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  /* A folder whose name would be markup: shown as it is. */
  dir = clipper_test_make_tmp_dir ("clipper-app-R&D-<b>-XXXXXX");
  path = g_build_filename (dir, "library.db", NULL);

  g_setenv ("CLIPPER_DB", path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  for (guint i = 0; i < 300 && window == NULL; i++)
    {
      spin (20);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (CLIPPER_IS_WINDOW (l->data))
          window = l->data;
    }
  g_assert_nonnull (window);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  spin (200);
  empty = find_status_page (GTK_WIDGET (window), "No Saved Articles");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_true (has_label (empty, path, TRUE));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (guint i = 0; i < 100 && prefs == NULL; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      spin (20);
      for (guint j = 0; j < g_list_model_get_n_items (toplevels) && prefs == NULL; j++)
        {
          g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, j);

          if (CLIPPER_IS_PREFERENCES_WINDOW (toplevel))
            prefs = GTK_WIDGET (toplevel);
        }
    }
  g_assert_nonnull (prefs);
  spin (100);
  g_assert_true (has_label (prefs, path, FALSE));
  /* Its button copies the whole path. */
  {
    g_autofree char *copied = NULL;

    g_assert_true (gtk_widget_activate_action (prefs, "prefs.copy-library-path", NULL));
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (prefs), NULL, on_clipboard_text, &copied);
    while (copied == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (copied, ==, path);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  /* The home folder is said as "~", and only the home folder. */
  {
    g_autofree char *home = g_build_filename (g_get_home_dir (), ".local", "share", "clipper", "library.db", NULL);
    g_autofree char *beside = g_strconcat (g_get_home_dir (), "x", G_DIR_SEPARATOR_S, "library.db", NULL);
    g_autofree char *said = clipper_format_path (home);
    g_autofree char *said_beside = clipper_format_path (beside);

    g_assert_cmpstr (said, ==, "~/.local/share/clipper/library.db");
    g_assert_cmpstr (said_beside, ==, beside);
  }
  gtk_window_destroy (window);
  spin (50);
  g_clear_object (&app);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  clipper_test_remove_tree (dir);
}

/* GTK 4.8's shortcuts window could not scroll: at 360 × 640 it was as
 * large as its widest page (about 950 × 780), past a phone's screen.  It
 * fits, and scrolls to what does not; on a large screen it is as large
 * as its content still. */
static void
test_app_shortcuts_narrow (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *window = NULL;
  GtkShortcutsWindow *shortcuts;
  GtkWidget *scrolled;
  GtkAdjustment *h, *v;
  int natural;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  dir = clipper_test_make_tmp_dir ("clipper-app-XXXXXX");
  path = g_build_filename (dir, "library.db", NULL);

  g_setenv ("CLIPPER_DB", path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  for (guint i = 0; i < 300 && window == NULL; i++)
    {
      spin (20);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (CLIPPER_IS_WINDOW (l->data))
          window = l->data;
    }
  g_assert_nonnull (window);
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (shortcuts);
  gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("shortcuts window: %d px wide as it would be", natural);
  g_assert_cmpint (natural, >, 600);

  gtk_window_set_default_size (GTK_WINDOW (shortcuts), 360, 640);
  gtk_window_present (GTK_WINDOW (shortcuts));
  /* Laid out in a later frame, which a loaded machine delays past a
   * fixed wait (its scrollbars' range was still 0). */
  scrolled = gtk_window_get_child (GTK_WINDOW (shortcuts));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  spin (300);
  for (guint i = 0; i < 200 && (gtk_adjustment_get_upper (h) == 0 || gtk_adjustment_get_upper (v) == 0); i++)
    spin (50);
  g_test_message ("shortcuts window at 360 × 640: %d × %d", gtk_widget_get_width (GTK_WIDGET (shortcuts)),
                  gtk_widget_get_height (GTK_WIDGET (shortcuts)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (shortcuts)), <=, 360);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (shortcuts)), <=, 640);
  /* What does not fit is a scroll away, across and down. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, gtk_adjustment_get_page_size (v));

  gtk_window_close (GTK_WINDOW (shortcuts));
  gtk_window_destroy (window);
  spin (50);
  g_clear_object (&app);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  clipper_test_remove_tree (dir);
}

/* CLIPPER_DB in a folder that is not there (QA-j item 7) gets the error
 * window, which names it, and no folder is made: the app made the folder
 * and an empty library in it, and showed "No Saved Articles". */
static void
test_app_db_folder_missing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *missing_dir = NULL;
  g_autofree char *missing = NULL;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *window = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  dir = clipper_test_make_tmp_dir ("clipper-app-XXXXXX");
  missing_dir = g_build_filename (dir, "no-such-folder", NULL);
  missing = g_build_filename (missing_dir, "library.db", NULL);

  g_setenv ("CLIPPER_DB", missing, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  for (guint i = 0; i < 300 && window == NULL; i++)
    {
      spin (20);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (g_strcmp0 (gtk_widget_get_name (l->data), "clipper-open-error") == 0)
          window = l->data;
    }
  g_assert_nonnull (window);
  {
    GtkWidget *page = find_by_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);

    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Cannot Open the Library");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "there is no folder"));
  }
  gtk_window_destroy (window);
  spin (50);
  g_clear_object (&app);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");

  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  clipper_test_remove_tree (dir);
}

/* The toast widget (libadwaita's own, private) that shows @label. */
static GtkWidget *
toast_of (GtkLabel *label)
{
  return label != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (label), g_type_from_name ("AdwToastWidget")) : NULL;
}

/* The button in @toast labelled @text (with its mnemonic's underline). */
static GtkButton *
find_button_labelled (GtkWidget *root, const char *text)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button_labelled (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_any_failed (ClipperWindow *window,
               const char    *message,
               guint         *count)
{
  (*count)++;
}

/* QA: twenty saves of which two failed ended in "Saved 18 pages", the two
 * failures' toasts gone under it.  The pages that could not be saved are
 * counted in the same toast, and its Details says which and why.  QA
 * again: that toast went after 6 s, the failure with it, and at 360 px
 * read "Saved 1 page; 1 co…".  It stays, its title says what failed in
 * words that fit, and Details has the counts and Retry for the page a
 * server error lost. */
static void
test_save_burst_failures (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  guint saved = 0, failed = 0;
  AdwMessageDialog *details;
  GtkLabel *label;
  g_auto (GStrv) lines = NULL;
  guint n_404 = 0, n_500 = 0;
  static const struct {
    const char *path;
    guint status;
  } pages[] = {
    { "/estuary-0.html", 200 },
    { "/gone.html", 404 },
    { "/estuary-1.html", 200 },
    { "/broken.html", 500 },
    { "/estuary-2.html", 200 },
  };

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_any_saved), &saved);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_any_failed), &failed);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *url = NULL;

      clipper_test_server_add (server, pages[i].path, pages[i].status, "text/html; charset=utf-8",
                               pages[i].status == 200 ? estuary_page : "<html><body>No</body></html>", -1);
      url = clipper_test_server_url (server, pages[i].path);
      clipper_window_save_uri (f->window, url);
    }
  for (guint i = 0; i < 1200 && saved + failed < G_N_ELEMENTS (pages); i++)
    spin (50);
  g_assert_cmpuint (saved, ==, 3);
  g_assert_cmpuint (failed, ==, 2);
  g_assert_true (window_shows_label (f->window, "2 pages not saved"));
  /* One toast: no failure's own waits behind it or stays over it. */
  spin (1000);
  g_assert_false (has_label (GTK_WIDGET (f->window), "Not saved:", TRUE));
  /* It stays past the 6 s a run's toast has, whole at a phone's width,
   * with Details. */
  spin (7000);
  label = find_label_with (GTK_WIDGET (f->window), "2 pages not saved");
  g_assert_nonnull (toast_of (label));
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_cmpstr (adw_message_dialog_get_body (details), ==, "Saved 3 pages; 2 could not be saved");
  /* The 500 may pass next time; the 404 will not. */
  g_assert_true (adw_message_dialog_has_response (details, "retry"));
  label = find_label_with (GTK_WIDGET (details), "Not saved:");
  g_assert_nonnull (label);
  lines = g_strsplit (gtk_label_get_label (label), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (pages));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "Not saved:") != NULL && strstr (lines[i], "404") != NULL &&
          strstr (lines[i], "gone.html") != NULL)
        n_404++;
      if (strstr (lines[i], "Not saved:") != NULL && strstr (lines[i], "500") != NULL &&
          strstr (lines[i], "broken.html") != NULL)
        n_500++;
    }
  if (n_404 != 1 || n_500 != 1)
    g_test_message ("details: %s", gtk_label_get_label (label));
  g_assert_cmpuint (n_404, ==, 1);
  g_assert_cmpuint (n_500, ==, 1);
  /* Retry saves the page of the 500 again, and only that one: a run of
   * its own, which fails alone with its own toast. */
  respond (details, "retry");
  for (guint i = 0; i < 1200 && failed < 3; i++)
    spin (50);
  g_assert_cmpuint (failed, ==, 3);
  spin (800);
  g_assert_cmpuint (saved, ==, 3);
  g_assert_false (has_label (GTK_WIDGET (f->window), "2 pages not saved", FALSE));
  g_assert_true (window_shows_label (f->window, "Page not saved"));
}

/* A run's toast that was to go after 6 s when a page of the run fails: a
 * toast's timeout cannot be changed once shown, and the failure went with
 * it.  The one that says the failure stays after it. */
static void
test_save_burst_failure_stays (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *page = NULL;
  g_autofree char *good = NULL;
  g_autofree char *gone = NULL;
  guint saved = 0, failed = 0;
  GtkLabel *label;

  page = g_strdup_printf ("%.*s<figure><img src='/gone.png' alt='Herons' width='300' height='200'></figure>%s",
                          (int) (strstr (estuary_page, "</article>") - estuary_page), estuary_page,
                          strstr (estuary_page, "</article>"));
  clipper_test_server_add (server, "/herons.html", 200, "text/html; charset=utf-8", page, -1);
  good = clipper_test_server_url (server, "/herons.html");
  gone = clipper_test_server_url (server, "/gone.html");
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_any_saved), &saved);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_any_failed), &failed);

  clipper_window_save_uri (f->window, good);
  for (guint i = 0; i < 1200 && saved < 1; i++)
    spin (50);
  g_assert_true (window_shows_label (f->window, "Saved; 1 image could not be downloaded"));
  spin (2000);
  clipper_window_save_uri (f->window, gone);
  for (guint i = 0; i < 1200 && failed < 1; i++)
    spin (50);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_true (window_shows_label (f->window, "1 page not saved"));
  /* Past the first toast's 6 s and its slide out, and a second 6 s. */
  spin (13000);
  label = find_label_with (GTK_WIDGET (f->window), "1 page not saved");
  g_assert_nonnull (toast_of (label));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));
  g_assert_false (has_label (GTK_WIDGET (f->window), "Saved; 1 image could not be downloaded", FALSE));
}

/* The toast's close button in @root. */
static GtkButton *
find_close_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast shown in @root. */
static GtkWidget *
find_toast (GtkWidget *root)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, g_type_from_name ("AdwToastWidget")))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
save_and_wait_failure (Fixture    *f,
                       const char *url,
                       guint      *failed)
{
  guint before = *failed;

  clipper_window_save_uri (f->window, url);
  for (guint i = 0; i < 1200 && *failed == before; i++)
    spin (50);
  g_assert_cmpuint (*failed, ==, before + 1);
}

/* QA-j: a page not found, then 3 s later a PDF: only "Not a web page"
 * showed, its Details naming the PDF alone, and the page not found was
 * gone without being closed or counted.  Failures not yet closed are
 * summed in one toast, however far apart, whose Details names each page
 * and why; once closed, the next failure is alone again, in its own
 * words. */
static void
test_save_failures_summed (Fixture       *f,
                           gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *nope = clipper_test_server_url (server, "/nope.html");
  g_autofree char *doc = clipper_test_server_url (server, "/doc.pdf");
  AdwMessageDialog *details;
  GtkLabel *label;
  guint failed = 0;

  clipper_test_server_add (server, "/doc.pdf", 200, "application/pdf", pdf, sizeof pdf - 1);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_any_failed), &failed);

  save_and_wait_failure (f, nope, &failed);
  g_assert_true (window_shows_label (f->window, "Page not found"));
  spin (3000);
  save_and_wait_failure (f, doc, &failed);
  g_assert_true (window_shows_label (f->window, "2 pages not saved"));
  spin (1000);
  g_assert_false (has_label (GTK_WIDGET (f->window), "Not a web page", FALSE));
  g_assert_false (has_label (GTK_WIDGET (f->window), "Page not found", FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_cmpstr (adw_message_dialog_get_body (details), ==, "2 pages could not be saved");
  label = find_label_with (GTK_WIDGET (details), "nope.html");
  g_assert_nonnull (label);
  g_test_message ("details: %s", gtk_label_get_label (label));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "the page was not found"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "doc.pdf"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "this is not a web page"));
  respond (details, "close");
  spin (200);

  /* Closed: the run is over, and the next failure has its own toast. */
  label = find_label_with (GTK_WIDGET (f->window), "2 pages not saved");
  gtk_widget_activate (GTK_WIDGET (find_close_button (toast_of (label))));
  spin (1000);
  g_assert_false (has_label (GTK_WIDGET (f->window), "2 pages not saved", FALSE));
  save_and_wait_failure (f, doc, &failed);
  g_assert_true (window_shows_label (f->window, "Not a web page"));

  /* A failure still shown is summed with the next however long after. */
  spin (11000);
  g_assert_true (has_label (GTK_WIDGET (f->window), "Not a web page", FALSE));
  save_and_wait_failure (f, nope, &failed);
  g_assert_true (window_shows_label (f->window, "2 pages not saved"));
  spin (1000);
  g_assert_false (has_label (GTK_WIDGET (f->window), "Not a web page", FALSE));
  g_assert_false (has_label (GTK_WIDGET (f->window), "Page not found", FALSE));
}

static void
test_app_open (void)
{
  TestLibrary lib;
  g_autoptr (ClipperApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *page_uri = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_uri = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *link = NULL;
  g_autofree char *clippings = NULL;
  GFile *files[3];
  GtkWindow *window;
  ClipperListQuery all = { .state = CLIPPER_STATE_FILTER_ALL };
  guint saved = 0;
  guint n = 0;
#define PAGE_HTML \
    "<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1>" \
    "<p>A local page opened with Clipper from a file manager. It has enough words in it to be " \
    "an article: the river, the reeds, the herons and the slow tide over the mud flats.</p>" \
    "<p>A second paragraph, so that the extractor sees a body worth keeping.</p></article></body></html>"
  g_autofree char *first_html = g_strdup_printf (PAGE_HTML, "Opened From Files", "Opened From Files");
  g_autofree char *second_html = g_strdup_printf (PAGE_HTML, "Opened From a Link", "Opened From a Link");
#undef PAGE_HTML

  test_library_init (&lib);
  page = g_build_filename (lib.dir, "page.html", NULL);
  second = g_build_filename (lib.dir, "second.html", NULL);
  g_file_set_contents (page, first_html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (second, second_html, -1, &error);
  g_assert_no_error (error);
  page_uri = g_filename_to_uri (page, NULL, NULL);
  second_uri = g_filename_to_uri (second, NULL, NULL);
  escaped = g_uri_escape_string (second_uri, NULL, FALSE);
  link = g_strconcat ("clipper://save?url=", escaped, NULL);
  /* A Kindle's clippings, opened with Clipper: imported, not saved. */
  clippings = g_build_filename (lib.dir, "My Clippings.txt", NULL);
  g_file_set_contents (clippings,
                       "\xef\xbb\xbfThe Estuary Book (Ada Byron)\r\n"
                       "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\r\n"
                       "\r\n"
                       "Herons stood in the shallows, patient as clocks.\r\n"
                       "==========\r\n",
                       -1, &error);
  g_assert_no_error (error);

  /* `clipper FILE` and a clipper://save link, as the desktop would pass them. */
  g_setenv ("CLIPPER_DB", lib.path, TRUE);
  g_setenv ("CLIPPER_NON_UNIQUE", "1", TRUE);
  app = clipper_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  files[0] = g_file_new_for_path (page);
  files[1] = g_file_new_for_uri (link);
  files[2] = g_file_new_for_path (clippings);
  g_application_open (G_APPLICATION (app), files, 3, "");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CLIPPER_IS_WINDOW (window));
  g_signal_connect (window, "article-saved", G_CALLBACK (on_any_saved), &saved);
  for (guint i = 0; i < 600 && (saved < 2 || clipper_window_is_busy (CLIPPER_WINDOW (window))); i++)
    spin (50);
  g_assert_cmpuint (saved, ==, 2);
  g_assert_false (clipper_window_is_busy (CLIPPER_WINDOW (window)));

  /* The two pages and the book, with its highlight. */
  clipper_store_count_articles (lib.store, &all, &n, NULL);
  g_assert_cmpuint (n, ==, 3);
  {
    ClipperHighlightQuery every = { 0 };
    g_autoptr (GPtrArray) highlights = clipper_store_list_highlights (lib.store, &every, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (highlights->len, ==, 1);
  }

  /* The theme preference drives the colour scheme; sepia is a light one
   * (the reader paints the sepia colours). */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    AdwStyleManager *manager = adw_style_manager_get_default ();

    g_settings_set_string (settings, "theme", "dark");
    g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
    g_settings_set_string (settings, "theme", "sepia");
    g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
    g_settings_reset (settings, "theme");
    g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  }

  gtk_window_destroy (window);
  spin (50);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_object_unref (files[2]);
  g_unsetenv ("CLIPPER_DB");
  g_unsetenv ("CLIPPER_NON_UNIQUE");
  g_clear_object (&app);
  test_library_clear (&lib);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autofree char *path = g_build_filename (f->lib.dir, "dropped.html", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GtkDropTarget *target = NULL;
  SaveResult r = { 0 };
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);

  /* Dropped text that is no address: refused with a message. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "just some words");
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (r.done);
  g_assert_nonnull (strstr (r.message, "just some words"));

  /* A dropped HTML file is saved. */
  g_file_set_contents (path,
                       "<!DOCTYPE html><html><head><title>Dropped Page</title></head><body><article>"
                       "<h1>Dropped Page</h1><p>Somebody dragged this page from the file manager onto "
                       "the window, and it should now be in the library with its words.</p>"
                       "<p>One more paragraph to make it an article.</p></article></body></html>",
                       -1, &error);
  g_assert_no_error (error);
  r = (SaveResult) { 0 };
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_null (r.message);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, r.id);

  /* A dropped clippings file is imported, not saved as an article of its
   * raw lines. */
  {
    g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
    g_autoptr (GFile) clippings_file = g_file_new_for_path (clippings);
    ClipperListQuery everything = { .state = CLIPPER_STATE_FILTER_ALL };
    guint before = 0;
    guint after = 0;

    g_file_set_contents (clippings,
                         "The Estuary Book (Ada Byron)\r\n"
                         "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\r\n"
                         "\r\n"
                         "Herons stood in the shallows, patient as clocks.\r\n"
                         "==========\r\n",
                         -1, &error);
    g_assert_no_error (error);
    clipper_store_count_articles (f->lib.store, &everything, &before, NULL);
    r = (SaveResult) { 0 };
    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, clippings_file);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    wait_until_idle (f);
    g_assert_false (r.done);
    g_assert_cmpuint (clipper_window_get_n_pending_saves (f->window), ==, 0);
    g_assert_true (import_toast_says (f, "Imported 1 book and 1 highlight", "Imported 1 book and 1 highlight"));
    clipper_store_count_articles (f->lib.store, &everything, &after, NULL);
    g_assert_cmpuint (after, ==, before + 1);
  }

  /* Two exports dropped at once are both imported (the second used to be
   * refused while the first ran), one after the other, and one toast
   * tells of both. */
  {
    g_autofree char *first = g_build_filename (f->lib.dir, "Kindle One.txt", NULL);
    g_autofree char *second = g_build_filename (f->lib.dir, "Kindle Two.txt", NULL);
    GSList *list = NULL;
    GdkFileList *files = NULL;
    ClipperListQuery everything = { .state = CLIPPER_STATE_FILTER_ALL };
    guint before = 0;
    guint after = 0;

    g_file_set_contents (first,
                         "The Tide Tables (Ada Byron)\r\n"
                         "- Your Highlight on page 3 | location 40-41 | Added on Monday, 3 March 2025 10:00:00\r\n"
                         "\r\n"
                         "The water came in twice a day, as the almanac said.\r\n"
                         "==========\r\n",
                         -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (second,
                         "A Field Guide to Gulls (Grace Hopper)\r\n"
                         "- Your Highlight on page 9 | location 120-121 | Added on Tuesday, 4 March 2025 11:00:00\r\n"
                         "\r\n"
                         "No two gulls agree on whose chip it was.\r\n"
                         "==========\r\n",
                         -1, &error);
    g_assert_no_error (error);
    list = g_slist_append (list, g_file_new_for_path (first));
    list = g_slist_append (list, g_file_new_for_path (second));
    files = gdk_file_list_new_from_list (list);
    g_slist_free_full (list, g_object_unref);
    clipper_store_count_articles (f->lib.store, &everything, &before, NULL);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, files);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    wait_until_idle (f);
    clipper_store_count_articles (f->lib.store, &everything, &after, NULL);
    g_assert_cmpuint (after, ==, before + 2);
    g_assert_true (window_shows_label (f->window, "Imported 2 files"));

    /* Its Details say what came of each (read while its toast shows:
     * they are the toast's). */
    {
      AdwMessageDialog *dialog;
      GtkWidget *label;
      const char *text;

      open_import_details (f);
      spin (50);
      dialog = find_message_dialog (GTK_WIDGET (f->window));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Imported 2 files");
      label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
      g_assert_nonnull (label);
      text = gtk_label_get_text (GTK_LABEL (label));
      g_assert_nonnull (strstr (text, "Kindle One.txt: Imported 1 book and 1 highlight"));
      g_assert_nonnull (strstr (text, "Kindle Two.txt: Imported 1 book and 1 highlight"));
      respond (dialog, "close");
      spin (50);
    }
    g_assert_false (window_shows_label (f->window, "Wait for the export or import"));
  }
}

/* The label in @root's tree whose text holds @text, or NULL. */
static GtkLabel *
find_label_with (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A Highlights page row shows its note as it reads, not its Markdown
 * source, with what the note holds escaped; a screen reader hears the
 * words alone; and its date is said as the article list says one. */
static void
test_review_row_note_and_date (void)
{
  GtkWidget *row = g_object_ref_sink (clipper_review_row_new ());
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  GtkLabel *note;
  g_autofree char *wrong = NULL;

  clipper_highlight_set_quote (h, "servers crash");
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, "Why this **matters**: <b> & `code`");
  clipper_highlight_set_created_at (h, g_date_time_to_unix (yesterday));
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), h);
  note = find_label_with (row, "Why this");
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_label_get_text (note), ==, "Why this matters: <b> & code");
  g_assert_true (gtk_label_get_use_markup (note));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Why this matters: <b> & code");
  g_assert_null (wrong);
  g_assert_nonnull (find_label_with (row, "Yesterday"));
  g_object_unref (row);
}

/* A new window @width px wide holding @row alone, shown; returns the
 * window and, in @label, the row's label that holds @text, once laid out. */
static GtkWidget *
show_row (GtkWidget   *row,
          int          width,
          const char  *text,
          GtkLabel   **label)
{
  GtkWidget *window = gtk_window_new ();
  gboolean shown = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 200);
  gtk_window_present (GTK_WINDOW (window));
  *label = find_label_with (row, text);
  g_assert_nonnull (*label);
  for (guint i = 0; i < 100 && !shown; i++)
    {
      spin (50);
      shown = gtk_widget_get_mapped (GTK_WIDGET (*label)) && gtk_widget_get_width (GTK_WIDGET (*label)) > 0;
    }
  g_assert_true (shown);
  return window;
}

/* QA-q 6: a Highlights page row with a long first tag showed it cut at
 * the row's end ("#a very long tag name that goes on a…") and nothing of
 * the others.  In a phone's width each tag is seen, the long one cut short
 * as the panel's pills are, the line wrapped. */
static void
test_review_row_all_tags (void)
{
  GtkWidget *row = clipper_review_row_new ();
  GtkWidget *window;
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  const char *tags[] = { "a very long tag name that goes on and on beyond the width", "systems-thinking",
                         "\xd8\xb3\xd9\x8a\xd8\xa7\xd8\xb3\xd8\xa9", NULL };
  GtkLabel *meta;

  clipper_highlight_set_quote (h, "Google’s SRE");
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_created_at (h, g_get_real_time () / G_USEC_PER_SEC);
  clipper_highlight_set_tags (h, tags);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), h);
  window = show_row (row, 360, "Today", &meta);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_nonnull (strstr (gtk_label_get_text (meta), "#systems-thinking"));
  g_assert_nonnull (strstr (gtk_label_get_text (meta), "#\xd8\xb3\xd9\x8a\xd8\xa7\xd8\xb3\xd8\xa9"));
  /* All of it in view: nothing cut off at the end. */
  g_assert_true (ui_test_label_whole (meta, window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A Kindle book (or a page saved from a file) has no site and no host:
 * its row shows the author the clippings gave instead, where it showed
 * the date alone (QA-H finding 12), and a screen reader says it too. */
static void
test_row_byline_without_site (void)
{
  g_autoptr (ClipperArticle) book = clipper_article_new ();
  g_autoptr (GDateTime) old = g_date_time_new_local (2022, 1, 3, 12, 0, 0);
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());
  g_autofree char *wrong = NULL;

  clipper_article_set_title (book, "Thinking, Fast and Slow");
  clipper_article_set_url (book, "kindle:book/0123456789abcdef");
  clipper_article_set_byline (book, "Daniel Kahneman");
  clipper_article_set_saved_at (book, g_date_time_to_unix (old));
  clipper_article_set_read_state (book, CLIPPER_READ_STATE_READ);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), book);
  g_assert_nonnull (find_label_with (row, "Daniel Kahneman · Jan 3, 2022"));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Thinking, Fast and Slow, Daniel Kahneman");
  g_assert_null (wrong);

  /* A page with a site keeps the site there. */
  clipper_article_set_url (book, "https://example.org/fast");
  clipper_article_set_site_name (book, "Example");
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), book);
  g_assert_nonnull (find_label_with (row, "Example · Jan 3, 2022"));
  g_object_unref (row);
}

/* QA (qa-o 9): a Kindle book's row gave the day it was imported
 * ("Today"), which says nothing of the book: its latest clipping's day
 * dates it, as clipper-cli list does; with no dated clipping, the import
 * day.  It has no reading time. */
static void
test_row_book_date (void)
{
  g_autoptr (ClipperArticle) book = clipper_article_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr (GDateTime) clipped = g_date_time_new_local (2024, 3, 14, 8, 0, 0);
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());

  clipper_article_set_title (book, "The Pragmatic Programmer");
  clipper_article_set_url (book, "kindle:book/0123456789abcdef");
  clipper_article_set_byline (book, "Andrew Hunt, David Thomas");
  clipper_article_set_saved_at (book, g_date_time_to_unix (yesterday));
  clipper_article_set_last_highlight_at (book, g_date_time_to_unix (clipped));
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), book);
  g_assert_nonnull (find_label_with (row, "Andrew Hunt, David Thomas · Mar 14, 2024"));
  g_assert_null (find_label_with (row, "Yesterday"));
  g_assert_null (find_label_with (row, "min"));

  clipper_article_set_last_highlight_at (book, 0);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), book);
  g_assert_nonnull (find_label_with (row, "Andrew Hunt, David Thomas · Yesterday"));
  g_object_unref (row);
}

/* QA-q 9: a row's meta line was cut at its end when the row had a
 * highlight count beside it: "Wikimedia Foundation, Inc. · Today · 1 h 2…",
 * the reading time lost, which tells a long article.  The site gives way
 * first: the line's end is what shows. */
static void
test_row_reading_time_kept (void)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  GtkWidget *row = clipper_article_row_new ();
  GtkWidget *window;
  GtkLabel *meta;
  PangoLayout *layout;
  PangoRectangle extents;
  const char *text;
  int index = 0, trailing = 0, x, y;

  clipper_article_set_title (article, "New Zealand");
  clipper_article_set_url (article, "https://en.wikipedia.org/wiki/New_Zealand");
  clipper_article_set_site_name (article, "Wikimedia Foundation, Inc.");
  clipper_article_set_saved_at (article, g_get_real_time () / G_USEC_PER_SEC);
  clipper_article_set_word_count (article, 230 * 80);
  clipper_article_set_highlight_count (article, 2);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  window = show_row (row, 260, "1 h 20 min", &meta);
  layout = gtk_label_get_layout (meta);
  /* Too long for the row: something gives way… */
  g_assert_true (pango_layout_is_ellipsized (layout));
  /* …but the character at the line's right end is the text's last. */
  pango_layout_get_pixel_extents (layout, NULL, &extents);
  x = (extents.x + extents.width - 2) * PANGO_SCALE;
  y = (extents.y + extents.height / 2) * PANGO_SCALE;
  pango_layout_xy_to_index (layout, x, y, &index, &trailing);
  text = pango_layout_get_text (layout);
  g_assert_cmpstr (text + index, ==, "n");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The list's date and reading time follow the app's rules: "Yesterday",
 * a date of another year as the lists write it, and no "264 h". */
static void
test_row_date_and_reading_time (void)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  GtkWidget *row = g_object_ref_sink (clipper_article_row_new ());
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr (GDateTime) old = g_date_time_new_local (2022, 1, 3, 12, 0, 0);

  clipper_article_set_title (article, "Huge page");
  clipper_article_set_url (article, "https://example.org/huge");
  clipper_article_set_site_name (article, "Example");
  clipper_article_set_saved_at (article, g_date_time_to_unix (yesterday));
  clipper_article_set_word_count (article, 230 * 15826);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  g_assert_nonnull (find_label_with (row, "Example · Yesterday · more than 10 h"));

  clipper_article_set_saved_at (article, g_date_time_to_unix (old));
  clipper_article_set_word_count (article, 230 * 80);
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (row), article);
  g_assert_nonnull (find_label_with (row, "Example · Jan 3, 2022 · 1 h 20 min"));
  g_object_unref (row);
}

/* A highlight that a refetch placed on edited text says so on the
 * Highlights page, with what it read when it was made; one that reads as
 * it did, or an orphan, does not; a row bound again forgets it. */
static void
test_review_row_changed_quote (void)
{
  GtkWidget *row = g_object_ref_sink (clipper_review_row_new ());
  g_autoptr (ClipperHighlight) changed = clipper_highlight_new ();
  g_autoptr (ClipperHighlight) same = clipper_highlight_new ();
  GtkLabel *label;

  clipper_highlight_set_quote (changed, "the great lamp never failed");
  clipper_highlight_set_original_quote (changed, "the lamp never failed");
  clipper_highlight_set_anchored (changed, TRUE);
  clipper_highlight_set_color (changed, "pink");
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), changed);
  label = find_label_with (row, "Changed on the page");
  g_assert_nonnull (label);
  /* Its colour is said to screen readers, not only shown. */
  {
    GtkWidget *stripe = find_by_css_class (row, "clipper-stripe");
    g_autofree char *wrong = NULL;

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (stripe), GTK_ACCESSIBLE_ROLE_IMG);
    wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stripe), GTK_ACCESSIBLE_PROPERTY_LABEL, "Colour: Pink");
    g_assert_null (wrong);
  }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, "When highlighted: “the lamp never failed”");

  clipper_highlight_set_quote (same, "the lamp never failed");
  clipper_highlight_set_original_quote (same, "the lamp never failed");
  clipper_highlight_set_anchored (same, TRUE);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), same);
  g_assert_null (find_label_with (row, "Changed on the page"));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));

  clipper_highlight_set_anchored (changed, FALSE);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), changed);
  g_assert_null (find_label_with (row, "Changed on the page"));
  g_assert_nonnull (find_label_with (row, "Not found in the article"));

  /* QA-k 4: an orphan the reader re-attached to words of their choosing,
   * not like its own, was "Changed on the page": the page did not. */
  {
    g_autoptr (ClipperHighlight) moved = clipper_highlight_new ();

    clipper_highlight_set_quote (moved, "who has released proof-of-concept code that");
    clipper_highlight_set_original_quote (moved, "Previously, NBT was sent over the network uncompressed");
    clipper_highlight_set_anchored (moved, TRUE);
    clipper_highlight_set_color (moved, "green");
    clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), moved);
    g_assert_null (find_label_with (row, "Changed on the page"));
    label = find_label_with (row, "Re-attached");
    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==,
                     "When highlighted: “Previously, NBT was sent over the network uncompressed”");
  }
  g_object_unref (row);
}

/* A quote of an article saved before the extractor collapsed white space
 * holds the page's source line break and indentation: the row shows it as
 * the page does, on one line without the gap, and so is it said. */
static void
test_review_row_old_quote (void)
{
  GtkWidget *row = g_object_ref_sink (clipper_review_row_new ());
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  const char *shown = "ago that he would seek \xe2\x80\x9creal breakthroughs with Netanyahu";
  g_autofree char *wrong = NULL;
  g_autofree char *said = NULL;

  clipper_highlight_set_quote (h, "ago that he would\n                                seek \xe2\x80\x9creal "
                                  "breakthroughs with Netan\xc2\xadyahu");
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_color (h, "yellow");
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), h);
  g_assert_nonnull (find_label_with (row, shown));
  g_assert_null (find_label_with (row, "would\n"));
  said = g_strdup_printf ("%s, Yellow, Untitled", shown);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, said);
  g_assert_null (wrong);
  g_object_unref (row);
}

/* The Highlights filter folds accents and normalises Unicode as the library
 * search does: "naive" found "naïve" there and nothing here (QA finding 9).
 * It reads a quote as its row shows it: an older article's quote across a
 * source line break is found by the words as they read. */
static void
test_highlights_filter_folds (Fixture       *f,
                              gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  const char *quotes[] = { "a naïve visitor", "un cafe\xcc\x81 noir",   /* e + U+0301 */
                           "he would\n                                seek Netan\xc2\xadyahu" };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[0]);
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_highlight_set_range (h, 0, 5);
      clipper_highlight_set_anchored (h, TRUE);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }
  reload_and_wait (page);
  clipper_review_page_set_search (page, "Naive");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_search (page, "café");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_search (page, "native");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  clipper_review_page_set_search (page, "would seek netanyahu");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  clipper_review_page_set_search (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

/* What the Highlights page's first colour stripe says to a screen reader. */
static void
assert_stripe_says (ClipperReviewPage *page,
                    const char        *label)
{
  GtkWidget *stripe = find_by_css_class (GTK_WIDGET (page), "clipper-stripe");
  g_autofree char *wrong = NULL;

  g_assert_nonnull (stripe);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stripe), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (wrong);
}

/* A stripe says its colour by the name the colour filter lists it as
 * ("Pink · Question"), not by the store's key ("pink"), and a colour
 * renamed in Preferences by its new name (QA finding 7). */
static void
test_review_color_names (Fixture       *f,
                         gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;

  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "pink");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_highlight_set_range (h, 0, 14);
  clipper_highlight_set_anchored (h, TRUE);
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  reload_and_wait (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (100);
  settle_page (page);
  assert_stripe_says (page, "Colour: Pink · Question");

  g_settings_set_value (settings, "color-names",
                        g_variant_new_parsed ("{'yellow': 'Important', 'green': 'Idea', 'blue': 'Definition',"
                                              " 'pink': 'Open question', 'purple': 'Quote'}"));
  spin (50);
  assert_stripe_says (page, "Colour: Pink · Open question");
  g_settings_reset (settings, "color-names");
}

/* A Kindle book's highlight was never in a text: the Highlights page says
 * where it is in the book (its page too, when the Kindle gave one), not
 * that the article lost it. */
static void
test_review_row_kindle_location (void)
{
  GtkWidget *row = g_object_ref_sink (clipper_review_row_new ());
  g_autoptr (ClipperHighlight) book = clipper_highlight_new ();
  g_autoptr (ClipperHighlight) page = clipper_highlight_new ();

  clipper_highlight_set_quote (book, "It was the best of times");
  clipper_highlight_set_article_url (book, "kindle:book/0123456789abcdef");
  clipper_highlight_set_range (book, 341, 345);
  clipper_highlight_set_anchored (book, FALSE);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), book);
  g_assert_nonnull (find_label_with (row, "Location 341–345"));
  g_assert_null (find_label_with (row, "Page"));
  g_assert_null (find_label_with (row, "Not found in the article"));
  clipper_highlight_set_page (book, "ix");
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), page);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), book);
  g_assert_nonnull (find_label_with (row, " · Page ix · Location 341–345"));
  clipper_highlight_set_page (book, NULL);

  /* One location; and a web page's orphan is still one. */
  clipper_highlight_set_range (book, 341, 341);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), page);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), book);
  g_assert_nonnull (find_label_with (row, " · Location 341"));
  g_assert_null (find_label_with (row, "341–"));
  clipper_highlight_set_quote (page, "the lamp never failed");
  clipper_highlight_set_article_url (page, "https://example.org/keeper");
  clipper_highlight_set_range (page, 341, 345);
  clipper_highlight_set_anchored (page, FALSE);
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (row), page);
  g_assert_nonnull (find_label_with (row, "Not found in the article"));
  g_assert_null (find_label_with (row, "Location"));
  g_object_unref (row);
}

static void
test_clipper_uri (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "clipper://save?url=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1", "https://example.org/a?b=1" },
    { "clipper://save?x=1&url=http%3A%2F%2Fexample.org%2F", "http://example.org/" },
    { "clipper:save?url=https%3A%2F%2Fexample.org%2F", "https://example.org/" },
    { "clipper://save", NULL },
    { "clipper://save?url=", NULL },
    { "clipper://delete?url=https%3A%2F%2Fexample.org%2F", NULL },
    { "https://example.org/?url=x", NULL },
    { "not a uri at all", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = clipper_application_parse_clipper_uri (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* A toast shows a title, an address or an error as it is: a toast's
 * title is Pango markup, and '&' or '<' made it blank (and warned). */
static void
test_toast_text (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = add_article (f->lib.store, "Tom & Jerry <3 — a story", "Cat and mouse.",
                           CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *nope = NULL;
  g_autofree char *gone = NULL;
  SaveResult r = { 0 };
  GtkLabel *label;

  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  clipper_window_delete_article (f->window, id);
  spin (300);
  label = find_label_with (GTK_WIDGET (f->window), "Tom & Jerry <3 — a story");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Deleted “Tom & Jerry <3 — a story”");
  clipper_window_undo_delete (f->window, id);

  /* A search with no words says so: the empty state's description is
   * markup too (search22: in the user's words, no longer quoting the
   * query; /window/library/search-query-messages). */
  search_and_wait (f->window, "& <> &");
  spin (200);
  label = find_label_with (GTK_WIDGET (f->window), "Type a word to search for");
  g_assert_nonnull (label);
  search_and_wait (f->window, "");

  /* A failed save, with an address that is not markup either; a later
   * failure is summed with it instead of queueing behind it. */
  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  nope = clipper_test_server_url (server, "/nope?a=1&b=<2>");
  clipper_window_save_uri (f->window, nope);
  g_assert_true (wait_for (&r.done, 60));
  spin (500);
  label = find_label_with (GTK_WIDGET (f->window), "Page not found");
  g_assert_nonnull (label);
  g_assert_true (failure_details_say (f->window, "/nope?a=1&b=<2>"));

  r.done = FALSE;
  gone = clipper_test_server_url (server, "/gone.html");
  clipper_window_save_uri (f->window, gone);
  g_assert_true (wait_for (&r.done, 60));
  spin (1500);
  g_assert_null (find_label_with (GTK_WIDGET (f->window), "Page not found"));
  label = find_label_with (GTK_WIDGET (f->window), "2 pages not saved");
  g_assert_nonnull (label);
  g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (label), ADW_TYPE_TOAST_OVERLAY));
  {
    AdwMessageDialog *details;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-details", NULL));
    details = ui_test_find_dialog (NULL);
    g_assert_nonnull (details);
    g_assert_true (has_label (GTK_WIDGET (details), "gone.html", TRUE));
    g_assert_true (has_label (GTK_WIDGET (details), "/nope?a=1&b=<2>", TRUE));
    respond (details, "close");
    spin (100);
  }

  /* What is not an address at all says so, as typed. */
  r.done = FALSE;
  clipper_window_save_uri (f->window, "mailto:tom@example.org?subject=Tom & Jerry <3");
  g_assert_true (r.done);
  spin (1500);
  g_assert_nonnull (find_label_with (GTK_WIDGET (f->window), "Not an address"));
  g_assert_true (failure_details_say (f->window, "“mailto:tom@example.org?subject=Tom & Jerry <3” is not a web address"));
  g_free (r.message);
}

static void maybe_screenshot (const char *name);

/* QA at 360×640: toasts lost their most important words at the window's
 * edge ("…File not found for http://127.0.0.1:8765/nope.…", "“Just-
 * released…” d…", the verb gone), had no Details, and failures went after
 * 10 s.  A failure's toast says why in a few words that fit, the whole
 * message behind Details (its mnemonic, Alt+D, reaches it from the
 * keyboard), where Retry is too; it stays until dismissed.  A deleted
 * article's toast says "Deleted" first. */
static void
test_toasts_fit_narrow (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autofree char *nope = clipper_test_server_url (server, "/nope");
  gint64 id = add_article (f->lib.store, "Just-released Minecraft exploit makes it easy to crash game servers",
                           "Two-year-old bug exposes thousands of servers.", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  SaveResult r = { 0 };
  AdwMessageDialog *details;
  GtkLabel *label;
  GtkButton *button;
  GtkWidget *toast_widget;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  spin (300);

  clipper_window_delete_article (f->window, id);
  spin (600);
  maybe_screenshot ("toast-deleted-360.png");
  label = find_label_with (GTK_WIDGET (f->window), "Just-released");
  g_assert_nonnull (toast_of (label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Deleted “Just-released"));
  clipper_window_undo_delete (f->window, id);
  spin (600);

  g_signal_connect (f->window, "save-failed", G_CALLBACK (on_failed), &r);
  clipper_window_save_uri (f->window, nope);
  g_assert_true (wait_for (&r.done, 60));
  /* What the signal says is whole: the reason, the server's answer and
   * the address. */
  g_assert_nonnull (strstr (r.message, "404"));
  g_assert_nonnull (strstr (r.message, nope));
  spin (800);
  maybe_screenshot ("toast-failure-360.png");
  label = find_label_with (GTK_WIDGET (f->window), "Page not found");
  toast_widget = toast_of (label);
  g_assert_nonnull (toast_widget);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Page not found");
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  button = find_button_labelled (toast_widget, "_Details");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_assert_true (gtk_button_get_use_underline (button));

  /* It stays past the 10 s it had. */
  spin (11000);
  g_assert_true (has_label (GTK_WIDGET (f->window), "Page not found", FALSE));

  /* Details has the whole message; no Retry for a page that is gone
   * (it would fail the same). */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  spin (300);
  details = ui_test_find_dialog (NULL);
  g_assert_nonnull (details);
  g_assert_cmpstr (adw_message_dialog_get_heading (details), ==, "Page not found");
  g_assert_nonnull (find_label_with (GTK_WIDGET (details), r.message));
  g_assert_false (adw_message_dialog_has_response (details, "retry"));
  maybe_screenshot ("toast-failure-details-360.png");
  respond (details, "close");
  spin (100);
  g_free (r.message);

  /* A server error may pass: its Details have Retry, which tries again. */
  {
    g_autofree char *busy = clipper_test_server_url (server, "/busy");

    clipper_test_server_add (server, "/busy", 503, "text/html", "<p>busy</p>", -1);
    r.done = FALSE;
    r.message = NULL;
    clipper_window_save_uri (f->window, busy);
    g_assert_true (wait_for (&r.done, 60));
    g_free (r.message);
    spin (800);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.failure-details", NULL));
    spin (300);
    details = ui_test_find_dialog (NULL);
    g_assert_nonnull (details);
    g_assert_true (adw_message_dialog_has_response (details, "retry"));
    r.done = FALSE;
    r.message = NULL;
    respond (details, "retry");
    g_assert_true (wait_for (&r.done, 60));
    g_assert_nonnull (strstr (r.message, busy));
    g_free (r.message);
  }

  /* A folder that is not a vault: its advice was cut off; it is in the
   * Details now, under a title that fits. */
  {
    g_autofree char *folder = g_build_filename (f->lib.dir, "not-a-vault", NULL);
    g_autofree char *note = g_build_filename (folder, "shopping.md", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_true (g_file_set_contents (note, "Eggs, milk, bread.\n", -1, NULL));
    clipper_window_import_file (f->window, folder);
    g_assert_true (window_shows_label (f->window, "Not a Clipper vault"));
    spin (600);
    maybe_screenshot ("toast-import-360.png");
    label = find_label_with (GTK_WIDGET (f->window), "Not a Clipper vault");
    g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
    g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));
    g_assert_true (failure_details_say (f->window, "holds no Markdown note of Clipper's"));
  }

  /* A file in no format Clipper imports, and JSON cut short: "Import
   * failed" said neither. */
  {
    g_autofree char *text = g_build_filename (f->lib.dir, "shopping.txt", NULL);
    g_autofree char *path = g_build_filename (f->lib.dir, "notes.json", NULL);

    g_assert_true (g_file_set_contents (text, "Eggs, milk, bread.\n", -1, NULL));
    clipper_window_import_file (f->window, text);
    g_assert_true (window_shows_label (f->window, "Unknown file type"));
    spin (600);
    label = find_label_with (GTK_WIDGET (f->window), "Unknown file type");
    g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
    g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));

    g_assert_true (g_file_set_contents (path, "{\"shopping\": ", -1, NULL));
    clipper_window_import_file (f->window, path);
    g_assert_true (window_shows_label (f->window, "File not valid"));
  }
}

/* QA at 360×640: an import's toast read "Imported 5 articles and 3
 * highl…", and an error's "Could not open the arti…".  Their titles say
 * what happened in words that fit; the whole summary or message is behind
 * Details. */
static void
test_import_and_error_toasts_fit (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autofree char *broken = g_build_filename (f->lib.dir, "broken.json", NULL);
  g_autoptr (GError) error = NULL;
  GSList *paths = NULL;
  GtkLabel *label;
  const char *kindle =
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Herons stood in the shallows, patient as clocks.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Note on page 12 | location 182 | Added on Monday, 3 March 2025 10:01:00\n"
    "\n"
    "Like the ones at the bridge.\n"
    "==========\n"
    "The Estuary Book (Ada Byron)\n"
    "- Your Highlight on page 14 | location 200-201 | Added on Monday, 3 March 2025 10:02:00\n"
    "\n"
    "The tide went out as the light went.\n"
    "==========\n"
    "A Field Guide to Gulls (Grace Hopper)\n"
    "- Your Highlight on page 9 | location 120-121 | Added on Tuesday, 4 March 2025 11:00:00\n"
    "\n"
    "No two gulls agree on whose chip it was.\n"
    "==========\n";

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  spin (300);

  g_file_set_contents (clippings, kindle, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Imported 2 books"));
  spin (600);
  maybe_screenshot ("toast-imported-360.png");
  label = find_label_with (GTK_WIDGET (f->window), "Imported 2 books");
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  /* Nothing left out: Show, which opens the first book. */
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Show"));
  g_assert_true (import_toast_says (f, "Imported 2 books", "Imported 2 books and 3 highlights; 1 note"));

  /* Files imported together, one of which failed: that first. */
  g_file_set_contents (broken, "{\"shopping\": ", -1, &error);
  g_assert_no_error (error);
  paths = g_slist_append (paths, g_strdup (clippings));
  paths = g_slist_append (paths, g_strdup (broken));
  for (GSList *l = paths; l != NULL; l = l->next)
    clipper_window_import_file (f->window, l->data);
  g_slist_free_full (paths, g_free);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "1 file not imported"));
  spin (600);
  label = find_label_with (GTK_WIDGET (f->window), "1 file not imported");
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  g_assert_true (import_toast_says (f, "1 file not imported", "Imported 1 of 2 files"));

  /* An error: what failed, short; what and why in Details. */
  clipper_window_open_article (f->window, 4242, 0);
  g_assert_true (window_shows_label (f->window, "Article not opened"));
  spin (600);
  label = find_label_with (GTK_WIDGET (f->window), "Article not opened");
  g_assert_true (ui_test_label_whole (label, GTK_WIDGET (f->window)));
  g_assert_nonnull (find_button_labelled (toast_of (label), "_Details"));
  g_assert_true (failure_details_say (f->window, "Could not open the article: "));
}

/* A failed save's message: the reason first, the address once and short. */
static void
test_save_failure_message (void)
{
  const char *uri = "http://127.0.0.1:8765/nope?a=1&b=2";
  const char *long_uri = "https://www.example.org/news/world/africa/2026/11/29/"
                         "the-long-road-to-khartoum-and-back-again.html?utm_source=feed";
  g_autoptr (GError) e1 = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       "the server answered 404 Not Found for %s", uri);
  g_autoptr (GError) e2 = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       "the server answered 500 Internal Server Error for %s", long_uri);
  g_autoptr (GError) e3 = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "the connection was refused");
  g_autofree char *m1 = clipper_window_dup_save_failure (uri, e1);
  g_autofree char *m2 = clipper_window_dup_save_failure (long_uri, e2);
  g_autofree char *m3 = clipper_window_dup_save_failure (uri, e3);

  g_assert_cmpstr (m1, ==, "Not saved: the server answered 404 Not Found for http://127.0.0.1:8765/nope?a=1&b=2");
  g_assert_true (g_str_has_prefix (m2, "Not saved: the server answered 500 Internal Server Error for https://www.example.org/"));
  g_assert_true (g_str_has_suffix (m2, "utm_source=feed"));
  g_assert_nonnull (strstr (m2, "…"));
  g_assert_cmpint (g_utf8_strlen (m2, -1), <=, strlen ("Not saved: the server answered 500 Internal Server Error for ") + 56);
  g_assert_cmpstr (m3, ==, "Not saved: the connection was refused (http://127.0.0.1:8765/nope?a=1&b=2)");
}

/* The reasons a save commonly fails for lead in the UI's words, which a
 * translation translates, and the core's message (English: the core has no
 * gettext) follows with its detail unless it says nothing more (QA
 * finding 10). */
static void
test_save_failure_translatable (void)
{
  const char *uri = "http://127.0.0.1:8765/slow";
  g_autoptr (GError) timeout = g_error_new (CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT,
                                            "no answer from %s within 30 s", uri);
  g_autoptr (GError) gone = g_error_new (CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND,
                                         "the server answered 404 Not Found for %s", uri);
  g_autoptr (GError) refused = g_error_new (CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK,
                                            "cannot fetch %s: Could not connect: Connection refused", uri);
  g_autoptr (GError) empty = g_error_new_literal (CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY,
                                                  "no article found on this page");
  g_autoptr (GError) other = g_error_new (CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE,
                                          "the page at %s is over 50 MB", uri);
  g_autoptr (GError) stopped = g_error_new (CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT,
                                            "%s stopped sending: 500 bytes came, then nothing for 30 s", uri);
  g_autofree char *m1 = clipper_window_dup_save_failure (uri, timeout);
  g_autofree char *m2 = clipper_window_dup_save_failure (uri, gone);
  g_autofree char *m3 = clipper_window_dup_save_failure (uri, refused);
  g_autofree char *m4 = clipper_window_dup_save_failure (uri, empty);
  g_autofree char *m5 = clipper_window_dup_save_failure (uri, other);
  g_autofree char *m6 = clipper_window_dup_save_failure (uri, stopped);

  g_assert_cmpstr (m1, ==, "Not saved: the server took too long to answer — no answer from http://127.0.0.1:8765/slow within 30 s");
  g_assert_cmpstr (m2, ==, "Not saved: the page was not found — the server answered 404 Not Found for http://127.0.0.1:8765/slow");
  g_assert_cmpstr (m3, ==, "Not saved: could not connect to the server — cannot fetch http://127.0.0.1:8765/slow: "
                           "Could not connect: Connection refused");
  g_assert_cmpstr (m4, ==, "Not saved: no article found on this page (http://127.0.0.1:8765/slow)");
  g_assert_cmpstr (m5, ==, "Not saved: the page is too large — the page at http://127.0.0.1:8765/slow is over 50 MB");
  /* QA-p finding 3: a server that answered, then went quiet, was said to
   * take "too long to answer", in a toast titled "Server too slow". */
  g_assert_cmpstr (m6, ==, "Not saved: the server stopped sending the page — http://127.0.0.1:8765/slow stopped "
                           "sending: 500 bytes came, then nothing for 30 s");
  g_assert_cmpstr (clipper_window_get_save_failure_title (stopped), ==, "Server stopped sending");
  g_assert_cmpstr (clipper_window_get_save_failure_title (timeout), ==, "Server too slow");
}

/* The colour (#rrggbb) that @css gives the rule whose selector ends in
 * @selector, or NULL. */
static char *
dup_rule_color (const char *css,
                const char *selector)
{
  g_autofree char *pattern = g_strdup_printf ("%s\\s*\\{[^}]*?(#[0-9a-fA-F]{6})", selector);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *color = NULL;

  g_assert_nonnull (regex);
  if (!g_regex_match (regex, css, 0, &match))
    return NULL;
  color = g_match_info_fetch (match, 1);
  return g_ascii_strdown (color, -1);
}

/* The declarations of the rule for exactly @selector in @css, or NULL. */
static char *
dup_rule_body (const char *css,
               const char *selector)
{
  g_autofree char *escaped = g_regex_escape_string (selector, -1);
  g_autofree char *pattern = g_strdup_printf ("(?:^|\\})\\s*%s\\s*\\{([^}]*)\\}", escaped);
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  if (!g_regex_match (regex, css, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* QA (y2c.png, pn.png): a row of the panel's list had its colour bar and
 * the quote's grey bar side by side; and in dark style the chosen colour's
 * ring, the accent's light blue on a pastel swatch, hardly showed. */
static void
test_panel_css (void)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data ("/org/example/Clipper/web/css/reader-view.css", 0, NULL);
  const char *css = g_bytes_get_data (bytes, NULL);
  g_autofree char *row_quote = dup_rule_body (css, ".clipper-reader-panel .clipper-hl-row .clipper-quote");
  g_autofree char *selected = dup_rule_body (css, ".clipper-swatch.selected");

  g_assert_nonnull (row_quote);
  g_assert_nonnull (strstr (row_quote, "border-left: none"));
  g_assert_nonnull (selected);
  /* A gap of the background's colour, then the ring outside it. */
  g_assert_nonnull (strstr (selected, "border-color: @view_bg_color"));
  g_assert_nonnull (strstr (selected, "box-shadow: 0 0 0 2px @accent_color"));
}

/* A highlight's colour is the same on the Highlights page, in
 * Preferences and in the reader's panel (pink was red on the first two). */
static void
test_highlight_colors_agree (void)
{
  g_autoptr (GBytes) app = g_resources_lookup_data ("/org/example/Clipper/style.css", 0, NULL);
  g_autoptr (GBytes) panel = g_resources_lookup_data ("/org/example/Clipper/web/css/reader-view.css", 0, NULL);
  const char *colors[] = { "yellow", "green", "blue", "pink", "purple" };

  g_assert_nonnull (app);
  g_assert_nonnull (panel);
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *app_css = g_strndup (g_bytes_get_data (app, NULL), g_bytes_get_size (app));
      g_autofree char *panel_css = g_strndup (g_bytes_get_data (panel, NULL), g_bytes_get_size (panel));
      g_autofree char *stripe_sel = g_strdup_printf ("\\.clipper-stripe-%s", colors[i]);
      g_autofree char *pref_sel = g_strdup_printf ("row\\.clipper-color-%s", colors[i]);
      g_autofree char *bar_sel = g_strdup_printf ("\\.clipper-hl-bar\\.%s", colors[i]);
      g_autofree char *stripe = dup_rule_color (app_css, stripe_sel);
      g_autofree char *pref = dup_rule_color (app_css, pref_sel);
      g_autofree char *bar = dup_rule_color (panel_css, bar_sel);

      g_assert_nonnull (bar);
      g_assert_cmpstr (stripe, ==, bar);
      g_assert_cmpstr (pref, ==, bar);
    }
}

/* The open file dialog (GtkFileChooserNative falls back to one without a
 * portal), or NULL. */
static GtkFileChooser *
find_file_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_FILE_CHOOSER (w);
    }
  return NULL;
}

/* The visible message dialog (a question), or NULL.  (No reference of
 * ours past the answer: the question outlives the chooser it belongs to
 * only until then.) */
static GtkDialog *
find_gtk_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_DIALOG (w);
    }
  return NULL;
}

/* The Import and Export dialogs never start in the library's folder, even
 * when it is the current directory: a chooser listing it sniffs
 * library.db-wal and -shm, which drops SQLite's locks in this process.
 * After a choice they start where the user went. */
static void
test_file_dialogs_start_elsewhere (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *elsewhere = g_build_filename (f->lib.dir, "elsewhere", NULL);
  g_autofree char *notes = g_build_filename (elsewhere, "notes.json", NULL);
  g_autoptr (GFile) library_dir = g_file_new_for_path (f->lib.dir);
  g_autoptr (GFile) elsewhere_dir = g_file_new_for_path (elsewhere);
  g_autoptr (GFile) notes_file = g_file_new_for_path (notes);
  const char *actions[] = { "win.export-library-json", "win.export-library", "win.import" };
  GtkFileChooser *dialog;

  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes, "[]", -1, NULL));
  g_assert_cmpint (g_chdir (f->lib.dir), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr (GFile) start = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), actions[i], NULL));
      spin (200);
      dialog = find_file_dialog ();
      g_assert_nonnull (dialog);
      start = gtk_file_chooser_get_current_folder (dialog);
      g_assert_nonnull (start);
      g_assert_false (g_file_equal (start, library_dir));
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      spin (100);
    }

  /* Preferences' vault folder dialog too (it started in the current
   * directory, here the library's). */
  {
    GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
    g_autoptr (GFile) start = NULL;

    clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
    gtk_window_present (GTK_WINDOW (prefs));
    spin (100);
    g_assert_true (gtk_widget_activate_action (prefs, "prefs.choose-vault", NULL));
    spin (200);
    dialog = find_file_dialog ();
    g_assert_nonnull (dialog);
    start = gtk_file_chooser_get_current_folder (dialog);
    g_assert_nonnull (start);
    g_assert_false (g_file_equal (start, library_dir));
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    spin (100);
    gtk_window_destroy (GTK_WINDOW (prefs));
    spin (100);
  }

  /* Import a file from another folder: the next dialog starts there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_file (dialog, notes_file, NULL));
  spin (500);   /* the dialog selects the file once it has listed its folder */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_until_idle (f);
  spin (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-library-json", NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  {
    g_autoptr (GFile) start = gtk_file_chooser_get_current_folder (dialog);

    g_assert_nonnull (start);
    g_assert_true (g_file_equal (start, elsewhere_dir));
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (100);

  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* QA-j: a file dialog listing the library's folder reads library.db and
 * library.db-shm to guess their types, and closing them dropped SQLite's
 * locks in this process.  The next plain SQLite program to open and close
 * the library (the sqlite3 shell, a backup script) deleted library.db-wal
 * and library.db-shm, and a star set after it was gone at the next start.
 * The library holds locks of its own that no such close drops. */
static void
test_file_dialog_keeps_library_locks (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->lib.path, "-wal", NULL);
  g_autoptr (GFile) library_dir = g_file_new_for_path (f->lib.dir);
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { SQLITE_VISITOR, f->lib.path, "SELECT count(*) FROM articles WHERE starred", NULL };
  g_autofree char *out = NULL;
  GtkFileChooser *dialog;
  GStatBuf before, after;
  int status = 0;

  g_assert_cmpint (g_stat (wal, &before), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_current_folder (dialog, library_dir, NULL));
  spin (1500);   /* it lists the folder and guesses what its files are */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (100);

  /* The other program comes and goes; the app stars an article. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (g_stat (wal, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  article = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_no_error (error);
  clipper_article_set_starred (article, TRUE);
  g_assert_true (clipper_store_update_article (f->lib.store, article, &error));
  g_assert_no_error (error);

  /* Another program sees it: it is in the library. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "2\n");
}

/* QA (fifteenth session): a page saved from a browser as a file could be
 * saved only by dropping it or typing its path in the Save dialog, which
 * nothing told.  Save Page from File… (Ctrl+O) asks for it. */
static void
test_save_from_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->lib.dir, "estuary.html", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  SaveResult r = { 0 };
  GtkFileChooser *dialog;
  GListModel *filters;

  g_assert_true (g_file_set_contents (path, estuary_page, -1, NULL));
  g_signal_connect (f->window, "article-saved", G_CALLBACK (on_saved), &r);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-file", NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_get_select_multiple (dialog));
  filters = gtk_file_chooser_get_filters (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  g_object_unref (filters);
  g_assert_true (gtk_file_chooser_set_file (dialog, file, NULL));
  spin (500);   /* the dialog selects the file once it has listed its folder */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (r.id, >, 0);
  article = clipper_store_get_article (f->lib.store, r.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "A Walk Along the Estuary");
  g_signal_handlers_disconnect_by_func (f->window, on_saved, &r);
}

/* Export Article… through its dialog, to @path. */
static void
export_article_to (Fixture    *f,
                   const char *path)
{
  g_autoptr (GFile) target = g_file_new_for_path (path);
  g_autoptr (GFile) folder = g_file_get_parent (target);
  g_autofree char *name = g_file_get_basename (target);
  GtkFileChooser *dialog = NULL;
  GtkDialog *confirm = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.export", NULL));
  for (guint i = 0; i < 400 && (dialog = find_file_dialog ()) == NULL; i++)
    spin (50);
  g_assert_nonnull (dialog);
  /* Our folder and name only once it has taken the window's. */
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr (GFile) shown = gtk_file_chooser_get_current_folder (dialog);

      if (shown != NULL)
        break;
      spin (50);
    }
  spin (200);
  g_assert_true (gtk_file_chooser_set_current_folder (dialog, folder, NULL));
  gtk_file_chooser_set_current_name (dialog, name);
  spin (300);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  /* Over a file, the chooser asks first: Replace.  The article is written
   * as the chooser closes, which a loaded machine makes take seconds. */
  for (guint i = 0; i < 400 && (confirm = find_gtk_question ()) == NULL && find_file_dialog () != NULL; i++)
    spin (50);
  if (confirm != NULL)
    {
      gtk_dialog_response (confirm, GTK_RESPONSE_ACCEPT);
      for (guint i = 0; i < 400 && find_file_dialog () != NULL; i++)
        spin (50);
    }
  g_assert_null (find_file_dialog ());
}

/* Export Article… over the article's own file keeps what the user added
 * around Clipper's section, as a vault export does. */
static void
test_export_article_keeps_user_text (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->lib.dir, "The pelican brief.md", NULL);
  g_autofree char *first = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  clipper_window_open_article (f->window, f->ids[0], 0);
  export_article_to (f, path);
  g_assert_true (g_file_get_contents (path, &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "---\n"));
  edited = g_strconcat ("---\nstatus: done\n", first + 4, "\nMy own thoughts, below.\n", NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, &error));
  /* Something new for the section, so that the second export shows. */
  clipper_test_add_highlight (f->lib.store, f->ids[0], "Pelicans glide", "Seen at dawn");
  spin (700);

  export_article_to (f, path);
  g_assert_true (g_file_get_contents (path, &after, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (after, "status: done\n"));
  g_assert_nonnull (strstr (after, "My own thoughts, below."));
  g_assert_nonnull (strstr (after, "Seen at dawn"));
  /* One front matter, one section. */
  g_assert_null (strstr (strstr (after, "clipper-id") + 1, "clipper-id"));
  g_assert_null (strstr (strstr (after, "<!-- clipper:begin -->") + 1, "<!-- clipper:begin -->"));
}

/* Export Article… writes its file as every export does, whole, through
 * a temporary file: over a symbolic link (a note linked into a vault) it
 * writes the file the link names, and the link stays.  g_file_replace()
 * put a regular file in the link's place, the linked note left as it
 * was. */
static void
test_export_article_through_link (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (f->lib.dir, "notes", NULL);
  g_autofree char *note = g_build_filename (notes, "pelicans.md", NULL);
  g_autofree char *link = g_build_filename (f->lib.dir, "pelicans.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (notes, 0700), ==, 0);
  g_assert_true (g_file_set_contents (note, "An older note.\n", -1, &error));
  g_assert_cmpint (symlink ("notes/pelicans.md", link), ==, 0);

  clipper_window_open_article (f->window, f->ids[0], 0);
  export_article_to (f, link);
  g_assert_true (window_shows_label (f->window, "Article exported"));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (note, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "The pelican brief"));
}

/* Chooses @folder in the file dialog that @action opens on @widget. */
static void
choose_folder (GtkWidget  *widget,
               const char *action,
               const char *folder)
{
  g_autoptr (GFile) file = g_file_new_for_path (folder);
  GtkFileChooser *dialog;

  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_current_folder (dialog, file, NULL));
  spin (300);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin (200);
}

static gboolean
file_exists_in (const char *folder,
                const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
make_folder_with (const char *parent,
                  const char *name,
                  const char *file_name,
                  const char *contents)
{
  char *folder = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  if (file_name != NULL)
    {
      g_autofree char *path = g_build_filename (folder, file_name, NULL);

      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
    }
  return folder;
}

/* QA finding 16: Export Library as Markdown… with Enter wrote every
 * article's file and the manifest straight into the folder the dialog
 * opened on (Documents), among the user's own files.  A folder that holds
 * other files is asked about first, with a "Clipper" folder inside as the
 * suggested answer; an empty folder and a vault are not. */
static void
test_export_asks_before_filling_folder (Fixture       *f,
                                        gconstpointer  data)
{
  const char *mine = "# My own note\n\nNot Clipper's.\n";
  g_autofree char *documents =
    make_folder_with (f->lib.dir, "Documents", "The pelican brief.md", mine);
  g_autofree char *sub = g_build_filename (documents, "Clipper", NULL);
  g_autofree char *own = g_build_filename (documents, "The pelican brief.md", NULL);
  g_autofree char *all = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *question;

  /* Documents, holding a note of the user's: asked, with New Folder
   * “Clipper” the suggested answer that Enter gives. */
  choose_folder (GTK_WIDGET (f->window), "win.export-library", documents);
  question = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (question);
  g_assert_false (clipper_window_is_busy (f->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Export into “Documents”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "holds other files"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "sub-folder");
  g_assert_cmpstr (adw_message_dialog_get_response_label (question, "sub-folder"), ==,
                   "_New Folder “Clipper”");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "sub-folder"), ==,
                   ADW_RESPONSE_SUGGESTED);
  respond (question, "sub-folder");
  wait_until_idle (f);
  /* The toast names the folder the files went into, not the one picked. */
  g_assert_true (window_shows_label_full (f->window, "into “Clipper” (", TRUE));
  g_assert_true (file_exists_in (sub, ".clipper-vault.json"));
  all = read_vault_file (sub);
  g_assert_nonnull (strstr (all, "Notes on gardens"));
  g_assert_true (file_exists_in (sub, "The pelican brief.md"));
  g_assert_false (file_exists_in (documents, ".clipper-vault.json"));
  g_assert_false (file_exists_in (documents, "Notes on gardens.md"));
  g_assert_true (g_file_get_contents (own, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, mine);
  g_clear_pointer (&all, g_free);

  /* Again: "Clipper" is the vault now, and the answer goes into it. */
  choose_folder (GTK_WIDGET (f->window), "win.export-library", documents);
  question = find_message_dialog (GTK_WIDGET (f->window));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_response_label (question, "sub-folder"), ==,
                   "_Into Folder “Clipper”");
  respond (question, "sub-folder");
  wait_until_idle (f);
  g_assert_false (file_exists_in (documents, "Clipper 2"));

  /* Cancel: nothing written. */
  {
    g_autofree char *notes = make_folder_with (f->lib.dir, "Notes", "todo.txt", "milk\n");

    choose_folder (GTK_WIDGET (f->window), "win.export-library", notes);
    question = find_message_dialog (GTK_WIDGET (f->window));
    g_assert_nonnull (question);
    respond (question, "cancel");
    spin (300);
    g_assert_false (clipper_window_is_busy (f->window));
    g_assert_false (file_exists_in (notes, ".clipper-vault.json"));
    g_assert_false (file_exists_in (notes, "Clipper"));
  }

  /* A "Clipper" inside that is the user's own: "Clipper 2". */
  {
    g_autofree char *reading = make_folder_with (f->lib.dir, "Reading", "list.txt", "books\n");
    g_autofree char *theirs = make_folder_with (reading, "Clipper", "scissors.txt", "sharp\n");
    g_autofree char *second = g_build_filename (reading, "Clipper 2", NULL);

    choose_folder (GTK_WIDGET (f->window), "win.export-library", reading);
    question = find_message_dialog (GTK_WIDGET (f->window));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_response_label (question, "sub-folder"), ==,
                     "_New Folder “Clipper 2”");
    respond (question, "sub-folder");
    wait_until_idle (f);
    g_assert_true (file_exists_in (second, ".clipper-vault.json"));
    g_assert_false (file_exists_in (theirs, ".clipper-vault.json"));
  }

  /* Use This Folder: the files go where the user said. */
  {
    g_autofree char *vault = make_folder_with (f->lib.dir, "Obsidian", "Ideas.md", mine);
    g_autofree char *ideas = g_build_filename (vault, "Ideas.md", NULL);
    g_autofree char *after = NULL;

    choose_folder (GTK_WIDGET (f->window), "win.export-library", vault);
    question = find_message_dialog (GTK_WIDGET (f->window));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Export into “Obsidian”?");
    respond (question, "this");
    wait_until_idle (f);
    g_assert_true (file_exists_in (vault, ".clipper-vault.json"));
    g_assert_true (file_exists_in (vault, "Notes on gardens.md"));
    g_assert_false (file_exists_in (vault, "Clipper"));
    g_assert_true (g_file_get_contents (ideas, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, mine);
  }

  /* An empty folder: no question, the files go there. */
  {
    g_autofree char *empty = make_folder_with (f->lib.dir, "Empty", NULL, NULL);
    g_autofree char *manifest = g_build_filename (empty, ".clipper-vault.json", NULL);

    choose_folder (GTK_WIDGET (f->window), "win.export-library", empty);
    g_assert_null (find_message_dialog (GTK_WIDGET (f->window)));
    wait_until_idle (f);
    g_assert_true (file_exists_in (empty, ".clipper-vault.json"));
    g_assert_true (file_exists_in (empty, "Notes on gardens.md"));

    /* A vault whose manifest was lost, its files all Clipper's: still a
     * vault (the export finds them again), so no question either. */
    g_assert_cmpint (g_unlink (manifest), ==, 0);
    choose_folder (GTK_WIDGET (f->window), "win.export-library", empty);
    g_assert_null (find_message_dialog (GTK_WIDGET (f->window)));
    wait_until_idle (f);
    g_assert_true (file_exists_in (empty, ".clipper-vault.json"));
    g_assert_false (file_exists_in (empty, "Clipper"));
  }
}

/* Preferences → vault folder asks the same question about a folder of
 * the user's notes, and the setting is the folder the answer names. */
static void
test_preferences_vault_folder_asks (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *notes = make_folder_with (f->lib.dir, "Obsidian", "Ideas.md", "# Ideas\n");
  g_autofree char *sub = g_build_filename (notes, "Clipper", NULL);
  g_autofree char *empty = make_folder_with (f->lib.dir, "Empty", NULL, NULL);
  g_autofree char *chosen = NULL;
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  AdwMessageDialog *question;

  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);

  choose_folder (prefs, "prefs.choose-vault", notes);
  question = find_message_dialog (prefs);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Export into “Obsidian”?");
  chosen = g_settings_get_string (settings, "vault-folder");
  g_assert_cmpstr (chosen, ==, "");
  respond (question, "sub-folder");
  spin (100);
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "vault-folder");
  g_assert_cmpstr (chosen, ==, sub);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));

  /* An empty folder is taken as it is, without a question. */
  choose_folder (prefs, "prefs.choose-vault", empty);
  g_assert_null (find_message_dialog (prefs));
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "vault-folder");
  g_assert_cmpstr (chosen, ==, empty);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
}

/* Another library's vault chosen in Preferences was taken without a word,
 * and Export on Change then failed at the first change.  The question
 * says whose it is, offers no "Use This Folder", and a new folder beside
 * it (inside, that library's import would read this one's files). */
static void
test_preferences_other_library_vault (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *vault = NULL;
  g_autofree char *beside = NULL;
  g_autofree char *chosen = NULL;
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  AdwMessageDialog *question;
  TestLibrary other = { 0 };

  test_library_init (&other);
  add_article (other.store, "From the other library", "Written by library A.",
               CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  vault = g_build_filename (other.dir, "vault", NULL);
  beside = g_build_filename (other.dir, "Clipper", NULL);
  g_assert_true (clipper_markdown_export_vault (other.store, vault, NULL, NULL, NULL, NULL, NULL,
                                                &error));
  g_assert_no_error (error);

  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);

  choose_folder (prefs, "prefs.choose-vault", vault);
  question = find_message_dialog (prefs);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "“vault” Is Another Library’s Vault");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Import Vault Folder…"));
  g_assert_false (adw_message_dialog_has_response (question, "this"));
  chosen = g_settings_get_string (settings, "vault-folder");
  g_assert_cmpstr (chosen, ==, "");
  respond (question, "sub-folder");
  spin (100);
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "vault-folder");
  g_assert_cmpstr (chosen, ==, beside);
  g_assert_true (g_file_test (beside, G_FILE_TEST_IS_DIR));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "vault-folder");
  test_library_clear (&other);
}

/* The export toast said where the files went, but offered no way there:
 * its Open Folder opens the folder (its action and target are checked; no
 * file manager is started here). */
static void
test_export_toast_opens_folder (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *vault = g_build_filename (f->lib.dir, "My Vault", NULL);
  g_autoptr (GFile) vault_file = g_file_new_for_path (vault);
  g_autofree char *uri = g_file_get_uri (vault_file);
  GtkWidget *button = NULL;
  GVariant *target;

  clipper_window_export_library (f->window, vault);
  wait_until_idle (f);
  g_assert_true (window_shows_label_full (f->window, "into “My Vault”", TRUE));
  for (guint i = 0; i < 40 && button == NULL; i++)
    {
      button = find_button_with_action (GTK_WIDGET (f->window), "win.open-folder");
      if (button == NULL)
        spin (50);
    }
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open Folder");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  g_assert_true (g_str_has_prefix (uri, "file:///"));
  g_assert_true (g_str_has_suffix (uri, "/My%20Vault"));
}

/* The JSON export's toast opens the folder the file went into, as the
 * Markdown export's does (it had no button at all).  QA-j: it said only
 * "Library exported as JSON"; it counts what it wrote, as the Markdown
 * export's does. */
static void
test_json_export_toast_opens_folder (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->lib.dir, "My Exports", NULL);
  g_autofree char *path = g_build_filename (dir, "library.json", NULL);
  g_autoptr (GFile) dir_file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (dir_file);
  GtkWidget *button = NULL;
  GVariant *target;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  clipper_window_export_library_json (f->window, path);
  wait_until_idle (f);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (window_shows_label (f->window, "Exported 4 articles, 0 highlights as JSON"));
  for (guint i = 0; i < 40 && button == NULL; i++)
    {
      button = find_button_with_action (GTK_WIDGET (f->window), "win.open-folder");
      if (button == NULL)
        spin (50);
    }
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open Folder");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
}

/* Opens @action's file dialog and waits, 20 s at most, until it shows
 * the folder @expected (it takes its folder once it has listed it);
 * *@out_start the folder it shows then.  The dialog is left open.  (The
 * waits were 200 and 400 ms, which a loaded machine outran.) */
static GtkFileChooser *
open_file_dialog (GtkWidget  *widget,
                  const char *action,
                  GFile      *expected,
                  GFile     **out_start)
{
  GtkFileChooser *dialog = NULL;

  *out_start = NULL;
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  for (guint i = 0; i < 400 && dialog == NULL; i++)
    {
      spin (50);
      dialog = find_file_dialog ();
    }
  g_assert_nonnull (dialog);
  for (guint i = 0; i < 400; i++)
    {
      g_clear_object (out_start);
      *out_start = gtk_file_chooser_get_current_folder (dialog);
      if (*out_start != NULL && g_file_equal (*out_start, expected))
        break;
      spin (50);
    }
  g_assert_nonnull (*out_start);
  return dialog;
}

/* Answers @dialog with @response and waits until it has gone: a save
 * dialog first checks the file it names, asynchronously, and under load
 * answered after the 200 ms the test used to give it, so the export had
 * not started when the test looked for its file; a cancelled one still
 * shown would be found again by the next open_file_dialog(). */
static void
answer_file_dialog (GtkFileChooser *dialog,
                    int             response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  for (guint i = 0; i < 400 && widget != NULL && gtk_widget_get_visible (widget); i++)
    spin (50);
  g_assert_true (widget == NULL || !gtk_widget_get_visible (widget));
  if (widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
}

/* QA-j: Export Library as JSON started in the folder the Markdown vault
 * had just been exported to, and proposed clipper-library.json inside the
 * Obsidian vault; the article's Export… started in the home folder.  Each
 * export starts where its own kind went last, and the JSON file beside
 * the vault, not in it. */
static void
test_export_dialogs_remember_their_folder (Fixture       *f,
                                           gconstpointer  data)
{
  static const char *const keys[] = { "export-markdown-folder", "export-json-folder", "export-article-folder" };
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *notes = g_build_filename (f->lib.dir, "Notes", NULL);
  g_autofree char *vault = g_build_filename (notes, "Obsidian", NULL);
  g_autofree char *exports = g_build_filename (f->lib.dir, "Exports", NULL);
  g_autofree char *articles = g_build_filename (f->lib.dir, "Articles", NULL);
  g_autofree char *article = g_build_filename (articles, "pelican.md", NULL);
  g_autoptr (GFile) parent = g_file_new_for_path (notes);
  g_autoptr (GFile) vault_dir = g_file_new_for_path (vault);
  g_autoptr (GFile) exports_dir = g_file_new_for_path (exports);
  g_autoptr (GFile) articles_dir = g_file_new_for_path (articles);
  GtkFileChooser *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_assert_cmpint (g_mkdir (notes, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (vault, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (exports, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (articles, 0700), ==, 0);

  /* The vault exported to through its dialog: the last folder the user
   * went to.  The JSON dialog starts beside it. */
  choose_folder (GTK_WIDGET (f->window), "win.export-library", vault);
  wait_until_idle (f);
  g_assert_true (file_exists_in (vault, ".clipper-vault.json"));
  {
    g_autoptr (GFile) start = NULL;

    dialog = open_file_dialog (GTK_WIDGET (f->window), "win.export-library-json", parent, &start);
    g_assert_true (g_file_equal (start, parent));
    g_assert_cmpstr (gtk_file_chooser_get_current_name (dialog), ==, "clipper-library.json");
    g_assert_true (gtk_file_chooser_set_current_folder (dialog, exports_dir, NULL));
    spin (800);
    answer_file_dialog (dialog, GTK_RESPONSE_ACCEPT);
    wait_until_idle (f);
    g_assert_true (file_exists_in (exports, "clipper-library.json"));
  }
  clipper_window_open_article (f->window, f->ids[0], 0);
  spin (200);
  export_article_to (f, article);
  g_assert_true (g_file_test (article, G_FILE_TEST_IS_REGULAR));

  /* Each starts where it went last, whatever dialog came between (the
   * folders are settings, kept across restarts). */
  {
    const struct { const char *action; const char *key; GFile *folder; } expected[] = {
      { "win.export-library-json", keys[1], exports_dir },
      { "win.export-library", keys[0], vault_dir },
      { "library.export", keys[2], articles_dir },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr (GFile) start = NULL;
        g_autofree char *kept = g_settings_get_string (settings, expected[i].key);

        g_assert_cmpstr (kept, ==, g_file_peek_path (expected[i].folder));
        dialog = open_file_dialog (GTK_WIDGET (f->window), expected[i].action, expected[i].folder, &start);
        g_test_message ("%s: %s", expected[i].action, g_file_peek_path (start));
        g_assert_true (g_file_equal (start, expected[i].folder));
        answer_file_dialog (dialog, GTK_RESPONSE_CANCEL);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* Waits a second at most for the window to start a job ("at once"). */
static void
wait_busy_soon (Fixture *f)
{
  for (guint i = 0; i < 20 && !clipper_window_is_busy (f->window); i++)
    spin (50);
  g_assert_true (clipper_window_is_busy (f->window));
}

/* Export on change into the vault of another library was refused at
 * every change, a toast each time.  The first refusal turns it off, with
 * one toast that stays until read. */
static void
test_export_on_change_other_library (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *vault = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *manifest_before = NULL;
  g_autofree char *manifest_after = NULL;
  TestLibrary other = { 0 };

  /* Library A's vault, written by the core as clipper-cli writes it. */
  test_library_init (&other);
  add_article (other.store, "From the other library", "Written by library A.",
               CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  vault = g_build_filename (other.dir, "vault", NULL);
  manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_assert_true (clipper_markdown_export_vault (other.store, vault, NULL, NULL, NULL, NULL, NULL,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (manifest, &manifest_before, NULL, NULL));

  /* Library B (the window's) is told to keep it current: it tries at
   * once. */
  g_settings_set_string (settings, "vault-folder", vault);
  g_settings_set_boolean (settings, "export-on-change", TRUE);
  article = clipper_store_get_article (f->lib.store, f->ids[3], &error);
  g_assert_no_error (error);
  wait_busy_soon (f);
  wait_until_idle (f);

  g_assert_false (g_settings_get_boolean (settings, "export-on-change"));
  g_assert_true (window_shows_label (f->window, "Export on change turned off: the vault folder "
                                                "belongs to another Clipper library"));
  g_assert_false (has_label (GTK_WIDGET (f->window), "Export failed", FALSE));
  g_assert_true (g_file_get_contents (manifest, &manifest_after, NULL, NULL));
  g_assert_cmpstr (manifest_after, ==, manifest_before);

  /* The next change tries no more. */
  clipper_article_set_title (article, "Fourth, renamed again");
  clipper_store_update_article (f->lib.store, article, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 80; i++)
    {
      g_assert_false (clipper_window_is_busy (f->window));
      spin (50);
    }
  g_assert_false (has_label (GTK_WIDGET (f->window), "Export failed", FALSE));

  /* The toast's Preferences opened them at their top, the vault's group
   * out of sight below: it shows that group, the Folder row focused. */
  {
    GtkWidget *button = find_button_with_action (GTK_WIDGET (f->window), "win.vault-preferences");
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *prefs = NULL;
    GtkWidget *focus, *scrolled;
    graphene_rect_t bounds;

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Preferences");
    g_assert_true (gtk_widget_activate (button));
    spin (500);   /* a button activated clicks once shown pressed */
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && prefs == NULL; i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (CLIPPER_IS_PREFERENCES_WINDOW (w))
          prefs = GTK_WIDGET (w);
      }
    g_assert_nonnull (prefs);
    spin (500);
    focus = gtk_root_get_focus (GTK_ROOT (prefs));
    g_assert_nonnull (focus);
    g_assert_true (ADW_IS_ACTION_ROW (focus));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)), ==, "Folder");
    scrolled = gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW);
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_GROUP),
                                              scrolled, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
    /* It was below the fold: the page scrolled to it. */
    g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))),
                       >, 0);
    gtk_window_destroy (GTK_WINDOW (prefs));
    spin (100);
  }

  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
  test_library_clear (&other);
}

/* How many files of @dir end in ".md". */
static guint
count_md_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".md");
  return n;
}

/* QA qa-l, findings 8 and 3: Export on Change switched on wrote nothing
 * until the library's next change (the folder chosen stayed empty), and
 * reading, which moves the position every few seconds, rewrote the
 * article's file each time. */
static void
test_export_on_change_at_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *vault = g_build_filename (f->lib.dir, "vault", NULL);
  g_autofree char *other = g_build_filename (f->lib.dir, "other vault", NULL);
  g_autofree char *manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_autofree char *manifest_before = NULL;
  g_autofree char *manifest_after = NULL;

  g_assert_cmpint (g_mkdir (vault, 0700), ==, 0);
  g_settings_set_string (settings, "vault-folder", vault);
  g_assert_false (clipper_window_is_busy (f->window));
  g_settings_set_boolean (settings, "export-on-change", TRUE);
  wait_busy_soon (f);
  wait_until_idle (f);
  g_assert_cmpuint (count_md_files (vault), ==, G_N_ELEMENTS (f->ids));
  /* Nor does the export, its own change: each export made the next. */
  for (guint i = 0; i < 90; i++)
    {
      g_assert_false (clipper_window_is_busy (f->window));
      spin (50);
    }
  g_assert_true (g_file_get_contents (manifest, &manifest_before, NULL, NULL));

  /* Read on: nothing is written, not even the manifest. */
  g_assert_true (clipper_store_update_reading (f->lib.store, f->ids[0], 0.5, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 90; i++)
    {
      g_assert_false (clipper_window_is_busy (f->window));
      spin (50);
    }
  g_assert_true (g_file_get_contents (manifest, &manifest_after, NULL, NULL));
  g_assert_cmpstr (manifest_after, ==, manifest_before);

  /* A star is written, as before. */
  article = clipper_store_get_article (f->lib.store, f->ids[0], &error);
  g_assert_no_error (error);
  clipper_article_set_starred (article, !clipper_article_get_starred (article));
  g_assert_true (clipper_store_update_article (f->lib.store, article, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !clipper_window_is_busy (f->window); i++)
    spin (50);
  g_assert_true (clipper_window_is_busy (f->window));
  wait_until_idle (f);

  /* Another folder chosen while it is on: written there at once. */
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  g_settings_set_string (settings, "vault-folder", other);
  wait_busy_soon (f);
  wait_until_idle (f);
  g_assert_cmpuint (count_md_files (other), ==, G_N_ELEMENTS (f->ids));

  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");
  wait_until_idle (f);
}

/* Another library's vault, which an export would write over, is brought
 * in with Import Vault Folder…, the entry the refusal names: a folder,
 * which Import… (files only) cannot choose. */
static void
test_import_other_library_vault (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) vault_dir = NULL;
  g_autofree char *vault = NULL;
  ClipperListQuery everything = { .state = CLIPPER_STATE_FILTER_ALL };
  guint before = 0;
  guint after = 0;
  GtkFileChooser *dialog;
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  TestLibrary other = { 0 };

  test_library_init (&other);
  clipper_highlight_set_article_id (h, add_article (other.store, "From the other library", "Written by library A.",
                                                    CLIPPER_READ_STATE_UNREAD, FALSE, NULL));
  clipper_highlight_set_color (h, "yellow");
  clipper_highlight_set_quote (h, "Written");
  clipper_highlight_set_range (h, 0, 7);
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, "A's note");
  clipper_store_add_highlight (other.store, h, &error);
  g_assert_no_error (error);
  vault = g_build_filename (other.dir, "vault", NULL);
  vault_dir = g_file_new_for_path (vault);
  g_assert_true (clipper_markdown_export_vault (other.store, vault, NULL, NULL, NULL, NULL, NULL,
                                                &error));
  g_assert_no_error (error);

  /* The refusal says what happened in a toast that stays (it was cut off
   * and gone in 4 seconds); its Details name the app's way in. */
  clipper_window_export_library (f->window, vault);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, "Not exported"));
  spin (6000);
  g_assert_true (has_label (GTK_WIDGET (f->window), "Not exported", FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-details", NULL));
  spin (200);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *details = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && details == NULL; i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          details = GTK_WIDGET (w);
      }
    g_assert_nonnull (details);
    g_assert_true (has_label (details, "Import Vault Folder…", TRUE));
    g_assert_true (has_label (details, "is the vault of another Clipper library", TRUE));
    gtk_window_destroy (GTK_WINDOW (details));
    spin (100);
  }

  g_assert_true (clipper_store_count_articles (f->lib.store, &everything, &before, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-folder", NULL));
  spin (200);
  dialog = find_file_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (gtk_file_chooser_get_action (dialog), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_true (gtk_file_chooser_set_current_folder (dialog, vault_dir, NULL));
  spin (500);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin (200);
  wait_until_idle (f);
  g_assert_true (clipper_store_count_articles (f->lib.store, &everything, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after, ==, before + 1);
  /* Each count once, the article too (it said "2 notes or highlights
   * taken from the vault" for one highlight, and no article). */
  g_assert_true (import_toast_says (f, "Imported 1 article and 1 highlight",
                                    "From the vault: 1 article added, 1 highlight added (1 from another library)"));

  test_library_clear (&other);
}

/* Runs the window's key shortcut for @key (as gtk_shortcut_trigger_to_string()
 * writes it) as a key press that bubbled up to the window would. */
static gboolean
press_key_on (GtkWidget  *widget,
              const char *key)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 widget, gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gboolean
press_window_key (ClipperWindow *window,
                  const char    *key)
{
  return press_key_on (GTK_WIDGET (window), key);
}

/* Ctrl+plus, Ctrl+minus and Ctrl+0 size the reader's text, within the
 * Preferences' bounds, as a browser's zoom does. */
static void
test_text_size_keys (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "font-size");
  g_assert_true (press_window_key (f->window, "<Control>plus"));
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 20);
  g_assert_true (press_window_key (f->window, "<Control>minus"));
  g_assert_true (press_window_key (f->window, "<Control>minus"));
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 16);
  g_assert_true (press_window_key (f->window, "<Control>0"));
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 18);
  g_settings_set_int (settings, "font-size", 32);
  g_assert_true (press_window_key (f->window, "<Control>equal"));
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 32);
  g_settings_reset (settings, "font-size");
}

static gboolean
focus_is_in (ClipperWindow *window,
             GtkWidget     *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Delete deletes the open article only with the keyboard on the list: on
 * the Highlights page it deleted the article open behind the page, and in
 * the reader (QA) a reader one character off a highlight lost the whole
 * article; there Delete is the reader's, for highlights only. */
static void
test_delete_key_where (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  guint before;

  clipper_window_open_article (f->window, f->ids[0], 0);
  before = g_list_model_get_n_items (library (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (100);
  g_assert_false (press_window_key (f->window, "Delete"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "articles"));
  spin (100);
  gtk_widget_grab_focus (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (clipper_window_get_reader (f->window))));
  spin (100);
  g_assert_false (press_window_key (f->window, "Delete"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);

  gtk_widget_grab_focus (list);
  g_assert_true (press_window_key (f->window, "Delete"));
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before - 1);
  clipper_window_undo_delete (f->window, f->ids[0]);
}

/* F9 opens and closes the highlights panel from anywhere in the window
 * while an article is open (it worked only from inside the reader);
 * Ctrl+2 takes the keyboard to the Highlights list, Ctrl+1 back to the
 * articles; an open article deleted from elsewhere leaves the keyboard in
 * the list, not nowhere. */
static void
test_window_keys (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *review = clipper_window_get_review_page (f->window);
  g_autoptr (ClipperStore) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  ClipperReaderView *reader;
  gboolean visible;

  /* No article: F9 does nothing (and nothing breaks). */
  g_assert_false (press_window_key (f->window, "F9"));

  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_highlight_set_color (h, "yellow");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);

  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = CLIPPER_READER_VIEW (clipper_window_get_reader (f->window));
  gtk_widget_grab_focus (list);
  spin (100);
  g_assert_true (focus_is_in (f->window, list));
  visible = clipper_reader_view_get_panel_visible (reader);
  g_assert_true (press_window_key (f->window, "F9"));
  g_assert_cmpint (clipper_reader_view_get_panel_visible (reader), ==, !visible);
  g_assert_true (press_window_key (f->window, "F9"));
  g_assert_cmpint (clipper_reader_view_get_panel_visible (reader), ==, visible);

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (100);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  g_assert_true (focus_is_in (f->window, review));
  g_assert_true (GTK_IS_LIST_VIEW (gtk_root_get_focus (GTK_ROOT (f->window))) ||
                 gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_TYPE_LIST_VIEW) != NULL);
  g_assert_true (press_window_key (f->window, "<Control>1"));
  spin (100);
  g_assert_true (focus_is_in (f->window, list));

  /* Deleted by another program (the CLI) while the keyboard is in it. */
  gtk_widget_grab_focus (clipper_reader_view_get_web_view (reader));
  spin (100);
  g_assert_true (focus_is_in (f->window, GTK_WIDGET (reader)));
  other = clipper_store_open (f->lib.path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_delete_article (other, f->ids[0], &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && clipper_window_get_article_id (f->window) != 0; i++)
    spin (50);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, 0);
  spin (100);
  g_assert_true (focus_is_in (f->window, list));
  g_assert_false (press_window_key (f->window, "F9"));
}

/* The article the list's selection shows. */
static gint64
selected_article (Fixture *f)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (
    GTK_LIST_VIEW (find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list"))));
  ClipperArticle *article = gtk_single_selection_get_selected_item (selection);

  return article != NULL ? clipper_article_get_id (article) : 0;
}

/* A link to an article of the library opened the web page, or offline
 * "No app could open the link" (QA-m 7).  The window opens the saved
 * copy: it is the window's article, its row selected, and a toast offers
 * the web page. */
static void
test_link_to_saved_article (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (ClipperArticle) target = clipper_store_get_article (f->lib.store, f->ids[1], NULL);
  GtkWidget *reader;
  gboolean ready = FALSE;

  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (selected_article (f), ==, f->ids[0]);

  ready = FALSE;
  clipper_reader_view_open_link (CLIPPER_READER_VIEW (reader), clipper_article_get_url (target));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[1]);
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (reader)), ==, f->ids[1]);
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (selected_article (f), ==, f->ids[1]);
  g_assert_nonnull (find_label_with (GTK_WIDGET (f->window), "Opened the saved copy"));
}

static void
on_focus_moved (GtkWindow  *window,
                GParamSpec *pspec,
                gboolean   *flag)
{
  *flag = TRUE;
}

/* Alt+Left from the saved copy a link opened went to the library (QA,
 * session 20): it comes back to the article the link was in, its row
 * selected again; then to the list, which forgets the way back. */
static void
test_back_from_saved_copy (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (ClipperArticle) target = clipper_store_get_article (f->lib.store, f->ids[1], NULL);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *reader = open_and_wait (f, f->ids[0], TRUE);
  GtkWidget *web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  gboolean ready = FALSE;
  gboolean moved = FALSE;

  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  clipper_reader_view_open_link (CLIPPER_READER_VIEW (reader), clipper_article_get_url (target));
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (selected_article (f), ==, f->ids[1]);

  ready = FALSE;
  gtk_widget_grab_focus (web_view);
  g_assert_true (press_key_on (reader, "<Alt>Left"));
  g_assert_true (wait_for (&ready, 30));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  g_assert_cmpint (selected_article (f), ==, f->ids[0]);

  /* Followed again; the list shown (win.back) forgets the way back. */
  ready = FALSE;
  clipper_reader_view_open_link (CLIPPER_READER_VIEW (reader), clipper_article_get_url (target));
  g_assert_true (wait_for (&ready, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  g_assert_true (gtk_widget_is_ancestor (list, adw_leaflet_get_visible_child (leaflet)));
  /* With the page's keyboard, Alt+Left asks the page first and decides
   * later (back_done()): what it then does, win.back again, takes the
   * keyboard to the list.  Waited for, not a pause after which nothing
   * had happened yet either way (review21 S5). */
  g_assert_true (gtk_widget_grab_focus (web_view));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == web_view);
  g_signal_connect (f->window, "notify::focus-widget", G_CALLBACK (on_focus_moved), &moved);
  g_assert_true (press_key_on (reader, "<Alt>Left"));
  g_assert_true (wait_for (&moved, 30));
  g_signal_handlers_disconnect_by_func (f->window, on_focus_moved, &moved);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), list));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[1]);
}

/* A link to an article deleted a moment ago, its Undo still showing,
 * opened that article as the saved copy, which then went from under the
 * reader with the toast (review 20, 8).  The link is the web page's, as
 * for a page not saved (no browser here: the toast says so), and the
 * window does not open the article either. */
static void
test_link_to_deleted_article (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (ClipperArticle) target = clipper_store_get_article (f->lib.store, f->ids[1], NULL);
  GtkWidget *reader;
  GtkLabel *label = NULL;
  gboolean ready = FALSE;

  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  clipper_window_delete_article (f->window, f->ids[1]);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);

  clipper_reader_view_open_link (CLIPPER_READER_VIEW (reader), clipper_article_get_url (target));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (reader)), ==, f->ids[0]);
  g_assert_null (find_label_with (GTK_WIDGET (f->window), "Opened the saved copy"));
  for (guint i = 0; i < 50 && label == NULL; i++)
    {
      spin (100);
      label = find_label_with (GTK_WIDGET (f->window), "No app could open the link");
    }
  g_assert_nonnull (label);

  /* Nor from a toast's Open, or any other way in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-highlight", "(xx)", f->ids[1],
                                             (gint64) 0));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
}

/* In the window, which opens the article in its reader itself, a link
 * with a #fragment opens the saved copy at the fragment's target too. */
static void
test_link_to_saved_fragment (Fixture       *f,
                             gconstpointer  data)
{
  gint64 target = clipper_test_add_sectioned_article (f->lib.store, "https://example.org/long-read",
                                                      "<p>See <a href=\"#sec2\">the second section</a>.</p>");
  GtkWidget *reader;
  gboolean ready = FALSE;
  gboolean there = FALSE;

  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));

  ready = FALSE;
  clipper_reader_view_open_link (CLIPPER_READER_VIEW (reader), "https://example.org/long-read#sec2");
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, target);
  g_assert_true (wait_for (&ready, 30));
  for (guint i = 0; i < 40 && !there; i++)
    {
      g_autofree char *top = eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                                           "(() => { const e = document.getElementById('article-sec2');"
                                           " const m = parseFloat(getComputedStyle(e).scrollMarginTop);"
                                           " return window.scrollY > 500 && m >= 16 &&"
                                           " Math.abs(e.getBoundingClientRect().top - m) < 4; })()");

      there = g_strcmp0 (top, "true") == 0;
      if (!there)
        spin (50);
    }
  g_assert_true (there);
}

static void
on_load_finished (WebKitWebView   *web_view,
                  WebKitLoadEvent  event,
                  gboolean        *flag)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *flag = TRUE;
}

/* Alt+Left came back from a link within the article by a count kept in
 * the view and the places kept in the page.  A load of the same page
 * emptied the page's and kept the count: Alt+Left then asked the page to
 * come back, it had nowhere to, and the press did nothing at all (review
 * 20, 7).  It goes back to the list. */
static void
test_back_after_reload (Fixture       *f,
                        gconstpointer  data)
{
  gint64 article = clipper_test_add_sectioned_article (f->lib.store, "https://example.org/long-read",
                                                       "<p>See <a href=\"#sec2\">the second section</a>.</p>");
  AdwLeaflet *leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *reader, *web;
  gboolean ready = FALSE;
  gboolean loaded = FALSE;
  gboolean there = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 600);
  clipper_window_open_article (f->window, article, 0);
  reader = clipper_window_get_reader (f->window);
  web = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  spin (400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  adw_leaflet_set_visible_child (leaflet, gtk_widget_get_ancestor (reader, GTK_TYPE_BOX));
  gtk_widget_grab_focus (web);
  g_free (eval_in_page (web, "(document.querySelector('#clipper-article a').click(), true)"));
  for (guint i = 0; i < 40 && !there; i++)
    {
      g_autofree char *down = eval_in_page (web, "window.scrollY > 500");

      there = g_strcmp0 (down, "true") == 0;
      if (!there)
        spin (50);
    }
  g_assert_true (there);

  /* The same page again: the places the page kept are gone. */
  g_signal_connect (web, "load-changed", G_CALLBACK (on_load_finished), &loaded);
  webkit_web_view_reload (WEBKIT_WEB_VIEW (web));
  g_assert_true (wait_for (&loaded, 30));
  g_signal_handlers_disconnect_by_func (web, on_load_finished, &loaded);
  spin (300);
  gtk_widget_grab_focus (web);

  g_assert_true (press_key_on (reader, "<Alt>Left"));
  spin (300);
  g_assert_true (gtk_widget_is_ancestor (list, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (focus_is_in (f->window, list));
}

/* The article whose row in the list has the keyboard, or 0. */
static gint64
focused_row_article (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  if (!CLIPPER_IS_ARTICLE_ROW (row) ||
      clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)) == NULL)
    return 0;
  return clipper_article_get_id (clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)));
}

/* Where the keyboard is, for a failure's message: the focus widget and
 * its ancestors up to the window, with their style classes, and the
 * article of a list row among them. */
static char *
describe_focus (ClipperWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr (GString) where = g_string_new (NULL);

  if (focus == NULL)
    return g_strdup ("nowhere (no focus widget)");
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (window); w = gtk_widget_get_parent (w))
    {
      g_auto (GStrv) classes = gtk_widget_get_css_classes (w);
      g_autofree char *joined = g_strjoinv (".", classes);
      GtkWidget *child = gtk_widget_get_first_child (w);
      ClipperArticle *article = CLIPPER_IS_ARTICLE_ROW (child)
                                  ? clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (child)) : NULL;

      g_string_append_printf (where, "%s%s%s%s", where->len > 0 ? " in " : "", G_OBJECT_TYPE_NAME (w),
                              *joined != '\0' ? "." : "", joined);
      if (article != NULL)
        g_string_append_printf (where, " (the row of article %" G_GINT64_FORMAT ")", clipper_article_get_id (article));
      if (!gtk_widget_get_mapped (w))
        g_string_append (where, " (unmapped)");
    }
  if (gtk_widget_get_root (focus) == NULL)
    g_string_append (where, ", out of the window");
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Fails, saying where the keyboard went, unless it is in @list. */
static void
assert_focus_in_list (Fixture    *f,
                      GtkWidget  *list,
                      const char *after)
{
  g_autofree char *where = NULL;

  if (focus_is_in (f->window, list))
    return;
  where = describe_focus (f->window);
  g_error ("after %s the keyboard left the list (article %" G_GINT64_FORMAT " open, %" G_GINT64_FORMAT
           " selected): it is on %s",
           after, clipper_window_get_article_id (f->window), selected_article (f), where);
}

typedef struct {
  Fixture *f;
  GtkWidget *list;
  gint64 article_id;
  gboolean marked_read;
  char *where;                  /* where the keyboard was then, when not in the list */
  gint64 row_article;           /* the article of the row it was on then */
} ReadRowProbe;

/* The list's row of @probe's article changed to read: where the keyboard
 * is at that moment, before a frame is drawn. */
static void
on_read_row_changed (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ReadRowProbe *probe)
{
  g_autoptr (ClipperArticle) article = added == 1 ? g_list_model_get_item (model, position) : NULL;

  if (probe->marked_read || article == NULL || clipper_article_get_id (article) != probe->article_id ||
      clipper_article_get_read_state (article) != CLIPPER_READ_STATE_READ)
    return;
  probe->marked_read = TRUE;
  if (!focus_is_in (probe->f->window, probe->list))
    probe->where = describe_focus (probe->f->window);
  probe->row_article = focused_row_article (probe->f);
}

/* QA: side by side, an article the arrow keys opened (the selection
 * follows them) took the keyboard from the list to the reader's Star
 * button, which Enter then toggled, and the next Down did nothing;
 * Alt+Left gave it to the list pane's first header button.
 *
 * The second Down opens an unread article, marked read once painted: its
 * row is read again, a new object, and the list view makes a new row
 * widget for it.  The keyboard was left on the old one, out of the
 * window, until GTK gave it to the new row at the next frame; the test,
 * looking 100 ms after the key, sometimes (under load) looked between. */
static void
test_arrows_keep_list_focus (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  ReadRowProbe probe = { f, list, f->ids[0] };
  gulong handler;
  gint64 first;

  gtk_widget_grab_focus (list);
  spin (100);
  g_assert_true (press_key_on (list, "Down"));
  spin (100);
  first = clipper_window_get_article_id (f->window);
  g_assert_cmpint (first, !=, 0);
  g_assert_cmpint (first, ==, selected_article (f));
  assert_focus_in_list (f, list, "the first Down");

  handler = g_signal_connect (library (f), "items-changed", G_CALLBACK (on_read_row_changed), &probe);
  g_assert_true (press_key_on (list, "Down"));
  spin (100);
  g_assert_cmpint (clipper_window_get_article_id (f->window), !=, first);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, selected_article (f));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);   /* (unread) */
  assert_focus_in_list (f, list, "the second Down");
  g_assert_true (wait_for (&probe.marked_read, 20));
  g_signal_handler_disconnect (library (f), handler);
  if (probe.where != NULL)
    g_error ("when the article the second Down opened was marked read, its row was made again and the "
             "keyboard left the list: it was on %s", probe.where);
  g_assert_cmpint (probe.row_article, ==, f->ids[0]);

  g_assert_true (press_key_on (list, "Up"));
  spin (100);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, first);
  assert_focus_in_list (f, list, "Up");

  gtk_widget_grab_focus (
    clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (clipper_window_get_reader (f->window))));
  spin (100);
  g_assert_true (press_window_key (f->window, "<Alt>Left"));
  spin (100);
  assert_focus_in_list (f, list, "Alt+Left");
  g_assert_cmpint (focused_row_article (f), ==, first);
}

/* QA: after a walk down the list and Return, Alt+Left put the keyboard on
 * another row than the open article's, and Delete then deleted the open
 * article while the focus ring was on that other row.  The keyboard lands
 * on the open article's row, and Delete deletes the row it is on. */
static void
test_back_focuses_open_row (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  gint64 open, other;
  guint before;

  gtk_widget_grab_focus (list);
  spin (100);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (press_key_on (list, "Down"));
      spin (200);
    }
  open = clipper_window_get_article_id (f->window);
  g_assert_cmpint (open, !=, 0);
  g_assert_true (press_key_on (gtk_root_get_focus (GTK_ROOT (f->window)), "Return"));
  spin (300);
  g_assert_false (focus_is_in (f->window, list));
  g_assert_true (press_window_key (f->window, "<Alt>Left"));
  spin (200);
  g_assert_true (focus_is_in (f->window, list));
  g_assert_cmpint (focused_row_article (f), ==, open);

  /* Another article opened from elsewhere (a search hit, the Shell): the
   * focus ring stays where it was, and Delete deletes that row's article,
   * not the open one. */
  other = focused_row_article (f);
  clipper_window_open_article (f->window, other == f->ids[0] ? f->ids[1] : f->ids[0], 0);
  spin (200);
  open = clipper_window_get_article_id (f->window);
  g_assert_cmpint (focused_row_article (f), ==, other);
  g_assert_cmpint (clipper_window_get_article_id (f->window), !=, other);
  before = g_list_model_get_n_items (library (f));
  g_assert_true (press_window_key (f->window, "Delete"));
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, before - 1);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, open);
  clipper_window_undo_delete (f->window, other);
}

/* CI, under load: the window's first frame came after the keyboard had
 * gone into an article (Enter on a row), and took it back to the list.
 * The first frame places the keyboard only where nobody has yet. */
static void
test_first_frame_keeps_focus (void)
{
  g_autoptr (ClipperWindow) window = NULL;
  TestLibrary lib;
  GtkWidget *reader;
  gint64 id;

  test_library_init (&lib);
  id = add_article (lib.store, "The pelican brief", "Pelicans glide over the bay at dawn.",
                    CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  window = g_object_ref_sink (clipper_window_new (NULL, lib.store));
  gtk_window_present (GTK_WINDOW (window));
  /* Before the first frame: nothing has been painted yet. */
  clipper_window_open_article (window, id, 0);
  reader = clipper_window_get_reader (window);
  g_assert_true (CLIPPER_IS_READER_VIEW (reader));
  clipper_reader_view_focus_article (CLIPPER_READER_VIEW (reader));
  g_assert_true (focus_is_in (window, reader));
  /* Past the first frame and the 2-second fallback that stands in for it. */
  spin (2500);
  g_assert_true (focus_is_in (window, reader));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  test_library_clear (&lib);
}

/* QA: a window that came back on the Highlights page, with an article
 * open, took no key until a click: its first frame gave the keyboard to
 * the hidden Articles page.  It goes to the Highlights page's list. */
static void
test_restore_highlights_has_keyboard (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *page, *focus;
  ClipperWindow *window;

  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  g_settings_set_string (settings, "view", "highlights");
  g_settings_set_int64 (settings, "last-article", f->ids[0]);
  window = g_object_ref_sink (clipper_window_new (NULL, f->lib.store));
  clipper_window_restore_state (window);
  gtk_window_present (GTK_WINDOW (window));
  spin (2500);
  page = clipper_window_get_review_page (window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (focus_is_in (window, page));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: the first save in a new library opened the article with the
 * keyboard on the reader's Star button: Enter, meant to open it, starred
 * it.  It goes to the new article's row (or into the article). */
static void
test_save_keeps_focus_off_header (void)
{
  g_autoptr (ClipperTestServer) server = clipper_test_server_new ();
  g_autoptr (ClipperWindow) window = NULL;
  g_autofree char *url = NULL;
  SaveResult r = { 0 };
  TestLibrary lib;
  GtkWidget *focus, *list, *web_view;

  test_library_init (&lib);
  clipper_test_server_add (server, "/estuary.html", 200, "text/html; charset=utf-8",
                           estuary_page, -1);
  window = g_object_ref_sink (clipper_window_new (NULL, lib.store));
  gtk_window_present (GTK_WINDOW (window));
  spin (500);
  g_signal_connect (window, "article-saved", G_CALLBACK (on_saved), &r);
  url = clipper_test_server_url (server, "/estuary.html");
  clipper_window_save_uri (window, url);
  g_assert_true (wait_for (&r.done, 60));
  g_assert_cmpint (clipper_window_get_article_id (window), ==, r.id);
  spin (300);

  focus = gtk_root_get_focus (GTK_ROOT (window));
  list = find_by_css_class (GTK_WIDGET (window), "clipper-article-list");
  web_view =
    clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (clipper_window_get_reader (window)));
  g_assert_nonnull (focus);
  g_test_message ("focus on %s", G_OBJECT_TYPE_NAME (focus));
  g_assert_true (focus == web_view || focus == list || gtk_widget_is_ancestor (focus, list));
  g_assert_true (gtk_widget_get_mapped (focus));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  test_library_clear (&lib);
}

/* QA: a letter typed in the article with no popover open (N after a
 * colour key, a digit with no selection) went into the library's search,
 * which took the keyboard and replaced the list with "No Results".
 * Type-to-search catches the keys of the list's pane only. */
static void
test_type_to_search_in_list_only (Fixture       *f,
                                  gconstpointer  data)
{
  GtkSearchBar *bar = GTK_SEARCH_BAR (find_by_id (GTK_WIDGET (f->window), "search_bar"));
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *capture, *reader;

  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  capture = gtk_search_bar_get_key_capture_widget (bar);
  g_assert_nonnull (capture);
  g_assert_true (gtk_widget_is_ancestor (list, capture));
  g_assert_false (reader == capture || gtk_widget_is_ancestor (reader, capture));
}

/* QA: Escape out of the library's search left the keyboard on the Show
 * filter below the field: it goes back where the search started, the
 * article or the list. */
static void
test_search_escape_returns_focus (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *entry = find_by_id (GTK_WIDGET (f->window), "search_entry");
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *web_view;

  clipper_window_open_article (f->window, f->ids[0], 0);
  web_view =
    clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (clipper_window_get_reader (f->window)));
  gtk_widget_grab_focus (web_view);
  spin (100);
  g_assert_true (press_window_key (f->window, "<Control>f"));
  spin (100);
  g_assert_true (focus_is_in (f->window, entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "pelican");
  spin (100);
  g_signal_emit_by_name (entry, "stop-search");
  spin (600);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == web_view);

  gtk_widget_grab_focus (list);
  spin (100);
  g_assert_true (press_window_key (f->window, "<Control>f"));
  spin (100);
  g_assert_true (focus_is_in (f->window, entry));
  g_signal_emit_by_name (entry, "stop-search");
  spin (600);
  g_assert_true (focus_is_in (f->window, list));
}

/* QA: Escape in the search results did nothing, the keyboard staying on
 * the first hit.  It closes the search, as in the field, and the keyboard
 * goes back where the search started. */
static void
test_search_results_escape (Fixture       *f,
                            gconstpointer  data)
{
  GtkSearchBar *bar = GTK_SEARCH_BAR (find_by_id (GTK_WIDGET (f->window), "search_bar"));
  GtkWidget *entry = find_by_id (GTK_WIDGET (f->window), "search_entry");
  GtkWidget *results = find_by_id (GTK_WIDGET (f->window), "search_list");
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");

  gtk_widget_grab_focus (list);
  spin (100);
  g_assert_true (press_window_key (f->window, "<Control>f"));
  spin (100);
  gtk_editable_set_text (GTK_EDITABLE (entry), "pelican");
  search_and_wait (f->window, "pelican");
  spin (200);
  g_assert_true (gtk_widget_child_focus (results, GTK_DIR_TAB_FORWARD));
  spin (100);
  g_assert_true (focus_is_in (f->window, results));

  g_assert_true (press_key_on (results, "Escape"));
  spin (300);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_true (focus_is_in (f->window, list));
}

/* QA: Escape in the Highlights page's filter left its text, "No
 * Matching Highlights" and the keyboard where they were, though the
 * shortcuts window says "Escape: Close the search" and the library's
 * search does it.  The filter empties and the keyboard goes to the list. */
static void
test_highlights_filter_escape (Fixture       *f,
                               gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GListModel *model = clipper_review_page_get_model (page);
  GtkWidget *entry = find_by_id (review, "search_entry");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, i == 0 ? "Pelicans glide" : "A garden");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (press_window_key (f->window, "<Control>f"));
  spin (100);
  g_assert_true (focus_is_in (f->window, entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like it");
  clipper_review_page_set_search (page, "nothing like it");
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_signal_emit_by_name (entry, "stop-search");
  settle_page (page);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (focus_is_in (f->window, entry));
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_TYPE_LIST_VIEW));
}

/* QA: a search hit for several words opened the article with only the
 * first selected, and 3 then stored a one-word highlight.  The words
 * found are selected, from the first to the last where they stand
 * together. */
static void
test_search_hit_selects_words (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GListModel *results = clipper_window_get_search_model (f->window);
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-search-list");
  GtkWidget *reader;
  gboolean ready = FALSE;
  gboolean found = FALSE;
  g_autofree char *selected = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (text, "Sentence %d of a long account of the estuary and its tides. ", i);
  g_string_append (text, "The worm exploits the vulnerability, and spreads. ");
  for (int i = 0; i < 20; i++)
    g_string_append_printf (text, "After %d. ", i);
  add_article (f->lib.store, "The estuary", text->str, CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  spin (700);

  search_and_wait (f->window, "exploits the vulnerability");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_signal_emit_by_name (list, "activate", 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  for (int i = 0; i < 50 && !found; i++)
    {
      g_clear_pointer (&selected, g_free);
      selected = eval_in_page (clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader)),
                               "window.getSelection().toString()");
      found = selected != NULL && *selected != '\0';
      if (!found)
        spin (100);
    }
  g_assert_cmpstr (selected, ==, "exploits the vulnerability");
  search_and_wait (f->window, "");
}

/* Presses F6 (or Shift+F6, @back) and checks that the keyboard went into
 * @pane, a widget the window shows. */
static void
assert_f6_to (Fixture   *f,
              gboolean   back,
              GtkWidget *pane)
{
  GtkWidget *focus;

  g_assert_true (press_window_key (f->window, back ? "<Shift>F6" : "F6"));
  spin (100);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus_is_in (f->window, pane));
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_cmpint (gtk_widget_get_width (focus), >, 0);
}

/* QA: Tab could not get across a real library: every article row and
 * every link of the article is a stop (GTK 4.8's list views cannot skip
 * them).  F6 goes from pane to pane, the list, the article, the panel,
 * the article's header bar, the list's, and round; Shift+F6 back.  The
 * article's header was no stop (QA). */
static void
test_f6_panes (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *header = find_by_id (GTK_WIDGET (f->window), "library_header");
  GtkWidget *reader_header = find_by_id (GTK_WIDGET (f->window), "reader_header");
  GtkWidget *reader;
  GtkWidget *web_view;
  GtkWidget *panel;

  reader = open_and_wait (f, f->ids[0], TRUE);
  web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  panel = find_by_css_class (reader, "clipper-reader-panel");
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), FALSE);
  gtk_widget_grab_focus (list);
  spin (100);

  assert_f6_to (f, FALSE, web_view);
  /* The panel closed: past it, to the header bars. */
  assert_f6_to (f, FALSE, reader_header);
  assert_f6_to (f, FALSE, header);
  assert_f6_to (f, FALSE, list);

  /* With the panel shown, it is a stop of its own. */
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), TRUE);
  spin (400);
  assert_f6_to (f, FALSE, web_view);
  g_assert_true (press_window_key (f->window, "F6"));
  spin (100);
  g_assert_true (clipper_reader_view_get_panel_has_focus (CLIPPER_READER_VIEW (reader)));
  assert_f6_to (f, FALSE, reader_header);
  /* And back. */
  g_assert_true (press_window_key (f->window, "<Shift>F6"));
  spin (100);
  g_assert_true (clipper_reader_view_get_panel_has_focus (CLIPPER_READER_VIEW (reader)));
  g_assert_true (focus_is_in (f->window, panel));
  assert_f6_to (f, TRUE, web_view);
  assert_f6_to (f, TRUE, list);
  assert_f6_to (f, TRUE, header);
  assert_f6_to (f, TRUE, reader_header);
}

/* QA at 360 px: F6 went into a pane the folded window does not show
 * (from the header into the article behind the panel), where the keys
 * typed next went to a page nobody saw.  Folded, F6 goes round what is
 * shown: the article and its header, the panel instead of the article
 * while it lies over it, the list and its header. */
static void
test_f6_narrow (Fixture       *f,
                gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *header = find_by_id (GTK_WIDGET (f->window), "library_header");
  GtkWidget *reader_header = find_by_id (GTK_WIDGET (f->window), "reader_header");
  GtkWidget *reader, *web_view, *panel;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  spin (300);
  reader = open_and_wait (f, f->ids[0], TRUE);
  web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
  panel = find_by_css_class (reader, "clipper-reader-panel");
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), FALSE);
  spin (500);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  gtk_widget_grab_focus (web_view);
  spin (100);

  assert_f6_to (f, FALSE, reader_header);
  assert_f6_to (f, FALSE, web_view);
  assert_f6_to (f, TRUE, reader_header);
  assert_f6_to (f, TRUE, web_view);

  /* The panel over the article: it and the header. */
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), TRUE);
  spin (600);
  g_assert_true (clipper_reader_view_get_panel_over_article (CLIPPER_READER_VIEW (reader)));
  assert_f6_to (f, FALSE, panel);
  assert_f6_to (f, FALSE, reader_header);
  assert_f6_to (f, FALSE, panel);
  assert_f6_to (f, TRUE, reader_header);
  assert_f6_to (f, TRUE, panel);
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), FALSE);
  spin (600);

  /* Back to the list: it and its header, not the article behind it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  spin (600);
  g_assert_true (focus_is_in (f->window, list));
  assert_f6_to (f, FALSE, header);
  assert_f6_to (f, FALSE, list);
  assert_f6_to (f, TRUE, header);
  assert_f6_to (f, TRUE, list);
}

/* Checks that every list item of @list has @label as its name (or, with
 * @label NULL, some name), and that there is one. */
static void
assert_list_items_named (GtkWidget  *list,
                         const char *label)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *wrong = NULL;

      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM ||
          !gtk_widget_get_visible (child))
        continue;
      n++;
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (label != NULL)
        {
          wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
          g_assert_null (wrong);
        }
    }
  g_assert_cmpuint (n, >, 0);
}

/* QA: the Highlights page's rows and the search hits were list items with
 * no name ("" to AT-SPI), where article rows say what they show. */
static void
test_highlight_and_hit_rows_named (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkWidget *results = find_by_id (GTK_WIDGET (f->window), "search_list");
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperSearchResult) hit = NULL;
  g_autofree char *hit_label = NULL;

  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "green");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_highlight_set_note (h, "A note");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (300);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  assert_list_items_named (find_by_id (review, "list_view"),
                           "Pelicans glide, Green · Idea, with a note, The pelican brief");

  g_assert_true (press_window_key (f->window, "<Control>1"));
  spin (100);
  search_and_wait (f->window, "dawn");
  spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_window_get_search_model (f->window)), ==, 1);
  hit = g_list_model_get_item (clipper_window_get_search_model (f->window), 0);
  hit_label = clipper_search_result_dup_accessible_label (hit);
  g_assert_true (g_str_has_prefix (hit_label, "The pelican brief, Article, "));
  g_assert_nonnull (strstr (hit_label, "dawn"));
  assert_list_items_named (results, hit_label);
}

/* The highlight whose row on the Highlights page has the keyboard, or NULL. */
static ClipperHighlight *
focused_review_highlight (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row;

  if (focus == NULL)
    return NULL;
  row = gtk_widget_get_first_child (focus);
  if (!CLIPPER_IS_REVIEW_ROW (row))
    row = gtk_widget_get_ancestor (focus, CLIPPER_TYPE_REVIEW_ROW);
  return row != NULL ? clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row)) : NULL;
}

/* Iterates the main context until a row on the Highlights page has the
 * keyboard and it is (@on) or is not (!@on) the row of the highlight
 * with @uuid, or 20 seconds pass; returns the focused highlight.  The page
 * moves the keyboard after the store's change comes (at an idle) and its
 * list has made the row (a frame or more: clipper_list_focus_later()),
 * later than a fixed wait on a loaded machine. */
static ClipperHighlight *
wait_review_focus (Fixture    *f,
                   const char *uuid,
                   gboolean    on)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  ClipperHighlight *focused;

  while (((focused = focused_review_highlight (f)) == NULL ||
          (g_strcmp0 (clipper_highlight_get_uuid (focused), uuid) == 0) != on) &&
         g_get_monotonic_time () < deadline)
    spin (20);
  return focused;
}

/* Iterates the main context until @model holds @n items, or 20 seconds
 * pass; returns whether it does.  A list that changes when the store's
 * change or a search's pause comes, which a fixed wait may not outlast
 * on a loaded machine. */
static gboolean
wait_n_items (GListModel *model,
              guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != n && g_get_monotonic_time () < deadline)
    spin (20);
  return g_list_model_get_n_items (model) == n;
}

static gboolean model_has_uuid (GListModel *model,
                                const char *uuid);

/* After Delete on the Highlights page: waits (20 s at most) until the
 * highlight with @uuid has left the page, when the store's change comes,
 * and the keyboard its row for another, if there is one. */
static void
wait_highlight_gone (Fixture    *f,
                     const char *uuid)
{
  GListModel *model = clipper_review_page_get_model (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (model_has_uuid (model, uuid) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_false (model_has_uuid (model, uuid));
  if (g_list_model_get_n_items (model) > 0)
    wait_review_focus (f, uuid, FALSE);
}

static void
record_activated (ClipperReviewPage *page,
                  gint64             article_id,
                  gint64             highlight_id,
                  GArray            *opened)
{
  g_array_append_val (opened, highlight_id);
}

/* Down pressed in @entry: its own key handlers first, then, as when none
 * takes it, the window's move-focus down. */
static void
press_down_in (ClipperWindow *window,
               GtkWidget     *entry)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, (GdkModifierType) 0, &handled);
    }
  if (!handled)
    g_signal_emit_by_name (window, "move-focus", GTK_DIR_DOWN);
}

/* QA finding 5: "Mozilla Festival" typed in the Highlights page's filter,
 * then Down and Return at once, opened the first highlight of the list
 * as it was before the filter (the field waits a moment for more typing),
 * and the note typed next went into that one, while the list showed only
 * the Mozilla row.  Down applies what was typed and goes to its first
 * row; Return opens the row that has the keyboard. */
static void
test_highlights_filter_down_return (Fixture       *f,
                                    gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GListModel *model = clipper_review_page_get_model (page);
  GtkWidget *entry = find_by_id (review, "search_entry");
  g_autoptr (GArray) opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *quotes[] = { "The Mozilla Festival gathers makers", "Firefox uses the Gecko engine",
                           "A garden is slow" };
  gint64 ids[G_N_ELEMENTS (quotes)];

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[i < 2 ? 0 : 1]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, quotes[i]);
      /* The Mozilla row last of the three, newest first. */
      clipper_highlight_set_created_at (h, 1000 + (i == 0 ? 0 : (gint64) i * 1000));
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      ids[i] = clipper_highlight_get_id (h);
    }
  g_signal_connect (page, "highlight-activated", G_CALLBACK (record_activated), opened);
  /* Which highlight the page asks to open is what is checked: the window
   * opening it is left out.  (Opening it right after Down, in a run of
   * /window/library/restore-filters … /window/highlights/highlights-filter-scrolls-to-top
   * before this test, gave GTK's "attempt to allocate GtkOverlay overlay
   * … with width -2147483648" about once in ten, not understood yet.) */
  g_signal_handlers_block_matched (page, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                   g_signal_lookup ("highlight-activated", CLIPPER_TYPE_REVIEW_PAGE), 0, NULL, NULL,
                                   f->window);

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (press_window_key (f->window, "<Control>f"));
  spin (100);
  g_assert_true (focus_is_in (f->window, entry));

  /* Typed, and Down and Return before the field's pause is over. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mozilla Festival");
  press_down_in (f->window, entry);
  g_assert_nonnull (focused_review_highlight (f));
  gtk_widget_activate (gtk_root_get_focus (GTK_ROOT (f->window)));
  spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpint (g_array_index (opened, gint64, 0), ==, ids[0]);

  /* Return on a row of the list as it was before the typed text applies
   * (the keyboard got there another way) opens nothing rather than the
   * row that takes its place. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (GtkWidget *item = gtk_widget_get_first_child (find_by_id (review, "list_view")); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (CLIPPER_IS_REVIEW_ROW (row) && clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row)) != NULL &&
          clipper_highlight_get_id (clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row))) == ids[2])
        gtk_widget_grab_focus (item);
    }
  spin (100);
  g_assert_nonnull (focused_review_highlight (f));
  g_assert_cmpint (clipper_highlight_get_id (focused_review_highlight (f)), ==, ids[2]);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mozilla Festival");
  gtk_widget_activate (gtk_root_get_focus (GTK_ROOT (f->window)));
  spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (opened->len, ==, 1);
}

/* QA finding 12: after a change of the tag filter the Highlights list
 * stayed scrolled where it was, mid-list, with its first row cut.  A new
 * filter's result starts at its top. */
static void
test_highlights_filter_scrolls_to_top (Fixture       *f,
                                       gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkWidget *list = find_by_id (review, "list_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  const char *tags[] = { "tide", NULL };

  for (guint i = 0; i < 80; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *quote = g_strdup_printf ("Passage number %u about the %s", i, i < 60 ? "estuary" : "sea");

      clipper_highlight_set_article_id (h, f->ids[i % 3]);
      clipper_highlight_set_color (h, i % 4 < 2 ? "green" : "blue");
      clipper_highlight_set_quote (h, quote);
      clipper_highlight_set_created_at (h, 1000 + i);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      if (i % 2 == 0)
        {
          clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 80);

  /* The keyboard in the filters, as when one is chosen. */
  gtk_widget_grab_focus (find_by_id (review, "tag_dropdown"));
  for (guint filter = 0; filter < 3; filter++)
    {
      /* Halfway down, then another filter. */
      gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                             gtk_adjustment_get_page_size (adjustment)) / 2);
      spin (200);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
      if (filter == 0)
        clipper_review_page_set_tag (page, "tide");
      else if (filter == 1)
        clipper_review_page_set_color (page, "green");
      else
        clipper_review_page_set_search (page, "estuary");
      g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==,
                        filter == 0 ? 40 : filter == 1 ? 20 : 15);
      spin (200);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    }
}

/* The title line of the Highlights page's row for @highlight_id: its
 * markup, or NULL when it is not shown. */
static const char *
review_row_title (GtkWidget *review,
                  gint64     highlight_id)
{
  for (GtkWidget *item = gtk_widget_get_first_child (find_by_id (review, "list_view")); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      GtkWidget *title;

      if (!CLIPPER_IS_REVIEW_ROW (row) || clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row)) == NULL ||
          clipper_highlight_get_id (clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row))) != highlight_id)
        continue;
      title = find_by_css_class (row, "caption-heading");
      g_assert_nonnull (title);
      return gtk_widget_get_visible (title) ? gtk_label_get_label (GTK_LABEL (title)) : NULL;
    }
  g_assert_not_reached ();
}

/* QA finding 8: the filter matched article titles without a sign (the
 * rows of "The sharing economy is a lie … the truth about tech" came
 * first for "truth", none showing the word), and the page never said how
 * many highlights it shows.  A line above the list says it, and a row
 * matched by its article's title alone shows that title, the words found
 * marked. */
static void
test_highlights_count_and_title_match (Fixture       *f,
                                       gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkWidget *count = find_by_id (review, "count_label");
  const char *quotes[] = { "Pelicans glide", "over the bay", "A garden" };
  gint64 ids[G_N_ELEMENTS (quotes)];

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[i < 2 ? 0 : 1]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_highlight_set_created_at (h, 1000 + (gint64) i);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      ids[i] = clipper_highlight_get_id (h);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);

  g_assert_nonnull (count);
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "3 highlights");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (count)), ==, GTK_ACCESSIBLE_ROLE_STATUS);

  /* The first article's title: both its rows say why they are there. */
  clipper_review_page_set_search (page, "PELICAN brief");
  spin (100);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "2 of 3 highlights");
  g_assert_cmpstr (review_row_title (review, ids[1]), ==, "The <b>pelican brief</b>");
  g_assert_cmpstr (review_row_title (review, ids[0]), ==, "The <b>pelican brief</b>");

  /* Found in its quote (and its title): the title is its group's heading. */
  clipper_review_page_set_search (page, "garden");
  spin (100);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1 of 3 highlights");
  g_assert_cmpstr (review_row_title (review, ids[2]), ==, "Notes on gardens");

  clipper_review_page_set_search (page, "Pelicans");
  spin (100);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1 of 3 highlights");
  g_assert_cmpstr (review_row_title (review, ids[0]), ==, "The pelican brief");

  /* Nothing found: the page says so itself. */
  clipper_review_page_set_search (page, "nothing like it");
  spin (100);
  g_assert_false (gtk_widget_get_visible (count));
  clipper_review_page_set_search (page, NULL);
  clipper_review_page_set_tag (page, NULL);
  spin (100);
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "3 highlights");
  g_assert_cmpstr (review_row_title (review, ids[0]), ==, NULL);
}

/* The labels of the Highlights page's tag menu, joined with "|". */
static char *
tag_menu (GtkWidget *review)
{
  GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (find_by_id (review, "tag_dropdown")));
  g_autoptr (GString) labels = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (items, i);

      g_string_append_printf (labels, "%s%s", i > 0 ? "|" : "", gtk_string_object_get_string (item));
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* QA finding 9: the Highlights page's tag menu listed only the
 * highlights' tags, so "all my highlights from articles tagged birds"
 * could not be had.  The articles' tags follow, marked as such; one
 * shows the highlights of the articles that have it, and comes back in
 * the next window. */
static void
test_highlights_article_tag (Fixture       *f,
                             gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_by_id (review, "tag_dropdown"));
  GListModel *model = clipper_review_page_get_model (page);
  const char *quotes[] = { "Pelicans glide", "A garden", "Archived text", "city maps" };
  const char *tags[] = { "birds", NULL };
  g_autofree char *menu = NULL;
  g_autoptr (GError) error = NULL;
  ClipperWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      /* "birds" is a highlight's tag too, on an article without it. */
      if (i == 3)
        {
          clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  menu = tag_menu (review);
  g_assert_cmpstr (menu, ==, "All Tags|birds|birds (article tag)");

  /* The articles tagged "birds" (the first and the archived third). */
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpstr (clipper_review_page_get_article_tag (page), ==, "birds");
  g_assert_null (clipper_review_page_get_tag (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

      g_assert_true (clipper_highlight_get_article_id (h) == f->ids[0] ||
                     clipper_highlight_get_article_id (h) == f->ids[2]);
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_by_id (review, "count_label"))), ==, "2 of 4 highlights");

  /* The highlight tag of the same name: the one highlight that has it. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_null (clipper_review_page_get_article_tag (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* An article tagged meanwhile comes in. */
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[3], tags, &error));
  g_assert_no_error (error);
  spin (700);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (clipper_review_page_get_article_tag (page), ==, "birds");

  /* The next window shows the same. */
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);
  window = restored_window (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "highlights"));
  page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (window));
  settle_page (page);
  g_assert_cmpstr (clipper_review_page_get_article_tag (page), ==, "birds");
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 3);
  dropdown = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "tag_dropdown"));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown)), ==,
                   "birds (article tag)");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: Delete did nothing on the Highlights page (a highlight was deleted
 * only from its article's panel).  It deletes the highlight whose row has
 * the keyboard, with the reader's toast and Undo; the keyboard goes on to
 * the next row. */
static void
test_highlights_page_delete (Fixture       *f,
                             gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  g_autofree char *uuid = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlight *focused;
  gint64 gone, next;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      const char *tags[] = { "estuary", NULL };

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, i == 0   ? "Pelicans glide"
                                      : i == 1 ? "A garden"
                                               : "Archived text");
      clipper_highlight_set_note (h, "A note");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
      g_assert_no_error (error);
    }

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);

    /* On the first row, once the list has made it. */
    focused = wait_review_focus (f, clipper_highlight_get_uuid (first), TRUE);
    g_assert_true (focused == first);
  }
  gone = clipper_highlight_get_id (focused);
  uuid = g_strdup (clipper_highlight_get_uuid (focused));
  {
    g_autoptr (ClipperHighlight) second = g_list_model_get_item (model, 1);

    g_assert_true (second != focused);
    next = clipper_highlight_get_id (second);
  }

  g_assert_true (press_window_key (f->window, "Delete"));
  wait_highlight_gone (f, uuid);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_null (clipper_store_get_highlight (f->lib.store, gone, NULL));
  g_assert_true (window_shows_label_full (f->window, "Highlight deleted", FALSE));
  focused = focused_review_highlight (f);
  g_assert_nonnull (focused);
  g_assert_cmpint (clipper_highlight_get_id (focused), ==, next);

  /* Ctrl+Z brings it back as it was: the same UUID, note and tag; its
   * row gets the keyboard (waited for: a fixed 300 ms is too short under
   * load). */
  g_assert_true (press_window_key (f->window, "<Control>z"));
  g_assert_nonnull (wait_review_focus (f, uuid, TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

      if (g_strcmp0 (clipper_highlight_get_uuid (h), uuid) == 0)
        {
          g_assert_cmpstr (clipper_highlight_get_note (h), ==, "A note");
          g_assert_cmpstr (clipper_highlight_get_tags (h)[0], ==, "estuary");
          g_clear_pointer (&uuid, g_free);
        }
    }
  g_assert_null (uuid);
}

/* A highlight on each of the first three articles, for the Highlights
 * page. */
static void
add_page_highlights (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, i == 0 ? "Pelicans glide" : i == 1 ? "A garden" : "Archived text");
      clipper_highlight_set_note (h, "A note");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }
}

/* A toast that stays until closed (a refused export's, an import's with
 * Details) held back every toast after it: "Highlight deleted" and its
 * Undo waited unseen behind it.  A later toast is shown at once, and the
 * one that stays comes back when it goes, its Details still there. */
static void
test_toast_after_staying_toast (Fixture       *f,
                                gconstpointer  data)
{
  static const char refusal[] = "Not exported";
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  g_autoptr (GError) error = NULL;
  g_autofree char *vault = NULL;
  TestLibrary other = { 0 };

  test_library_init (&other);
  add_article (other.store, "From the other library", "Written by library A.",
               CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  vault = g_build_filename (other.dir, "vault", NULL);
  g_assert_true (clipper_markdown_export_vault (other.store, vault, NULL, NULL, NULL, NULL, NULL,
                                                &error));
  g_assert_no_error (error);
  add_page_highlights (f);

  clipper_window_export_library (f->window, vault);
  wait_until_idle (f);
  g_assert_true (window_shows_label (f->window, refusal));
  spin (700);

  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  g_assert_true (press_window_key (f->window, "Delete"));
  g_assert_true (wait_n_items (clipper_review_page_get_model (page), 2));
  g_assert_true (has_label (GTK_WIDGET (f->window), "Highlight deleted", FALSE));
  g_assert_false (has_label (GTK_WIDGET (f->window), refusal, FALSE));

  /* Its own 5 seconds over, the refusal is back, Details and all. */
  spin (6000);
  g_assert_false (has_label (GTK_WIDGET (f->window), "Highlight deleted", FALSE));
  g_assert_true (has_label (GTK_WIDGET (f->window), refusal, FALSE));
  g_assert_true (has_label (GTK_WIDGET (f->window), "Details", FALSE));

  test_library_clear (&other);
}

static gboolean
model_has_uuid (GListModel *model,
                const char *uuid)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, i);

      if (g_strcmp0 (clipper_highlight_get_uuid (h), uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  GListModel *model;
  const char *uuid;
} ModelUuid;

static gboolean
model_has_uuid_cb (gpointer data)
{
  ModelUuid *wanted = data;

  return model_has_uuid (wanted->model, wanted->uuid);
}

/* Waits until the highlight @uuid is back in @model (5 s at most: the
 * page reads it on a worker), and returns whether it is. */
static gboolean
wait_model_has_uuid (GListModel *model,
                     const char *uuid)
{
  ModelUuid wanted = { model, uuid };

  return ui_test_wait_until (model_has_uuid_cb, &wanted, 5000);
}

/* Deletes the highlight whose row has the keyboard on the Highlights page
 * with the Delete key; returns its UUID. */
static char *
delete_focused_highlight (Fixture *f)
{
  ClipperHighlight *focused = focused_review_highlight (f);
  char *uuid;

  g_assert_nonnull (focused);
  uuid = g_strdup (clipper_highlight_get_uuid (focused));
  g_assert_true (press_window_key (f->window, "Delete"));
  wait_highlight_gone (f, uuid);
  return uuid;
}

/* Ctrl+Z undid only the newest delete on the Highlights page: three
 * highlights deleted in a row, three Ctrl+Z bring all three back, newest
 * first, as GNOME apps' undo stacks do; a toast's Undo still brings back
 * its own. */
static void
test_highlights_undo_stack (Fixture       *f,
                            gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  char *deleted[3];
  gint64 older;

  add_page_highlights (f);
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    deleted[i] = delete_focused_highlight (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Newest first: each Ctrl+Z brings back one more. */
  for (guint i = 3; i > 0; i--)
    {
      g_assert_true (press_window_key (f->window, "<Control>z"));
      g_assert_true (wait_model_has_uuid (model, deleted[i - 1]));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4 - i);
      for (guint k = 0; k + 1 < i; k++)
        g_assert_false (model_has_uuid (model, deleted[k]));
    }
  /* Nothing more to undo. */
  press_window_key (f->window, "<Control>z");
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_free (deleted[i]);

  /* Two deleted again, then the older one's toast Undo: that one comes
   * back, and Ctrl+Z then brings back the newer.  (The page was empty:
   * the keyboard goes back to its first row.) */
  g_assert_true (press_window_key (f->window, "<Control>1"));
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  g_assert_nonnull (focused_review_highlight (f));
  older = clipper_highlight_get_id (focused_review_highlight (f));
  for (guint i = 0; i < 2; i++)
    deleted[i] = delete_focused_highlight (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo-delete-highlight",
                                             "x", older));
  g_assert_true (wait_model_has_uuid (model, deleted[0]));
  g_assert_false (model_has_uuid (model, deleted[1]));
  g_assert_true (press_window_key (f->window, "<Control>z"));
  g_assert_true (wait_model_has_uuid (model, deleted[1]));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 2; i++)
    g_free (deleted[i]);
}

/* QA: with a search open on the Articles page, Delete on the Highlights
 * page sent the window back to the search results (the search ran again
 * on the change and showed its page), with the keyboard on a hit: the
 * next Delete went there.  The page stays, the keyboard goes to the next
 * row, and each toast's Undo brings back its own highlight. */
static void
test_highlights_delete_while_searching (Fixture       *f,
                                        gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkStack *views = GTK_STACK (find_by_id (GTK_WIDGET (f->window), "view_stack"));
  GListModel *model = clipper_review_page_get_model (page);
  g_autoptr (GError) error = NULL;
  ClipperHighlight *focused;
  gint64 first, second;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, i == 0 ? "Pelicans glide" : i == 1 ? "A garden" : "Archived text");
      clipper_highlight_set_note (h, "A note");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }

  search_and_wait (f->window, "pelican");
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_window_get_search_model (f->window)), >, 0);
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window)));   /* (it reads on a worker) */
  focused = focused_review_highlight (f);
  g_assert_nonnull (focused);
  first = clipper_highlight_get_id (focused);

  g_assert_true (press_window_key (f->window, "Delete"));
  spin (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "highlights");
  g_assert_null (clipper_store_get_highlight (f->lib.store, first, NULL));
  focused = focused_review_highlight (f);
  g_assert_nonnull (focused);
  second = clipper_highlight_get_id (focused);
  g_assert_cmpint (second, !=, first);

  spin (700);
  g_assert_true (press_window_key (f->window, "Delete"));
  spin (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "highlights");
  g_assert_null (clipper_store_get_highlight (f->lib.store, second, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Each toast's Undo, the older one first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo-delete-highlight",
                                             "x", first));
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo-delete-highlight",
                                             "x", second));
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

/* QA: Undo of the open article's delete brought it back in the list only,
 * the reader staying on "No Article Open".  It opens it again, with the
 * keyboard in it if it was there; an article that was not open stays
 * closed. */
static void
test_undo_delete_reopens (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *reader = open_and_wait (f, f->ids[0], TRUE);
  GtkWidget *web_view = clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));

  gtk_widget_grab_focus (web_view);
  spin (100);
  /* The article menu's Delete (the Delete key in the reader is for
   * highlights only). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.delete", NULL));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, 0);
  spin (700);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  spin (100);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, f->ids[0]);
  g_assert_cmpint (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (reader)), ==,
                   f->ids[0]);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == web_view);

  /* Not open when deleted: not opened by its Undo. */
  clipper_window_delete_article (f->window, f->ids[3]);
  spin (700);
  clipper_window_open_article (f->window, 0, 0);
  g_assert_true (press_window_key (f->window, "<Control>z"));
  spin (100);
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, 0);
}

/* Whether the library list shows the article @id. */
static gboolean
library_shows (Fixture *f,
               gint64   id)
{
  for (guint i = 0; i < g_list_model_get_n_items (library (f)); i++)
    {
      g_autoptr (ClipperArticle) a = g_list_model_get_item (library (f), i);

      if (clipper_article_get_id (a) == id)
        return TRUE;
    }
  return FALSE;
}

/* QA-s 1: after several deletes in a row, Ctrl+Z brought back only the
 * last; the others' toasts still offered Undo, Ctrl+Z did nothing, and
 * they were deleted for good.  Ctrl+Z undoes every pending delete, newest
 * first, and a toast's own Undo takes its article out of that order. */
static void
test_undo_several_deletes (Fixture       *f,
                           gconstpointer  data)
{
  gint64 order[] = { f->ids[0], f->ids[1], f->ids[3] };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    clipper_window_delete_article (f->window, order[i]);
  g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, 0);

  for (guint i = G_N_ELEMENTS (order); i > 0; i--)
    {
      g_assert_true (press_window_key (f->window, "<Control>z"));
      spin (50);
      g_assert_true (library_shows (f, order[i - 1]));
      g_assert_cmpuint (g_list_model_get_n_items (library (f)), ==, G_N_ELEMENTS (order) - i + 1);
    }

  /* The middle one's toast Undo, then Ctrl+Z: the newest, then the first. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    clipper_window_delete_article (f->window, order[i]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo-delete", "x", order[1]));
  g_assert_true (library_shows (f, order[1]));
  g_assert_true (press_window_key (f->window, "<Control>z"));
  spin (50);
  g_assert_true (library_shows (f, order[2]));
  g_assert_false (library_shows (f, order[0]));
  g_assert_true (press_window_key (f->window, "<Control>z"));
  spin (50);
  g_assert_true (library_shows (f, order[0]));

  /* None lost: all still in the store once the toasts are flushed. */
  clipper_window_flush_deletes (f->window);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr (ClipperArticle) kept = clipper_store_get_article (f->lib.store, order[i], NULL);

      g_assert_nonnull (kept);
    }
}

/* The first GtkDropDown under @root whose GtkStringList holds @item. */
static GtkDropDown *
find_dropdown_with (GtkWidget  *root,
                    const char *item)
{
  if (GTK_IS_DROP_DOWN (root) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (root))))
    {
      GListModel *list = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (list), i), item))
          return GTK_DROP_DOWN (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown_with (child, item);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dropdown_has (GtkDropDown *dropdown,
              const char  *item)
{
  GListModel *list = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (list), i), item))
      return TRUE;
  return FALSE;
}

/* The GtkStack under @root that has a page named @name. */
static GtkStack *
find_stack_with (GtkWidget  *root,
                 const char *name)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), name) != NULL)
    return GTK_STACK (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_stack_with (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Filters that leave nothing say so, with a way out, and not "No
 * Highlights — select text…"; each tag menu offers the tags that can
 * match there; the colour menu follows a meaning renamed in Preferences. */
static void
test_filters_say_what_they_do (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "estuary", NULL };
  GtkDropDown *library_tags, *page_tags, *page_colors;
  GtkStack *stack;
  GtkWidget *clear;

  /* No highlight at all: the page says how to make one, filters or not. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  stack = find_stack_with (GTK_WIDGET (page), "no-match");
  g_assert_nonnull (stack);
  /* Not before the page has read the library: it might have some. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  settle_page (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  clipper_review_page_set_color (page, "purple");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  clipper_review_page_set_color (page, NULL);

  clipper_highlight_set_article_id (h, f->ids[1]);
  clipper_highlight_set_color (h, "pink");
  clipper_highlight_set_quote (h, "slow <conversation>");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), tags, &error);
  g_assert_no_error (error);
  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "library.refresh", NULL);
  reload_and_wait (page);
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Articles' tags in the library's menu, highlights' on the page. */
  library_tags = find_dropdown_with (GTK_WIDGET (f->window), "Tag: birds");
  g_assert_nonnull (library_tags);
  g_assert_false (dropdown_has (library_tags, "Tag: estuary"));
  page_tags = find_dropdown_with (GTK_WIDGET (page), "All Tags");
  g_assert_nonnull (page_tags);
  g_assert_true (dropdown_has (page_tags, "estuary"));
  g_assert_false (dropdown_has (page_tags, "birds"));

  /* Filters that leave nothing: "No Matching Highlights", and a button
   * that clears them. */
  clipper_review_page_set_color (page, "purple");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  g_assert_nonnull (find_label_with (gtk_stack_get_child_by_name (stack, "no-match"), "No Matching Highlights"));
  clipper_review_page_set_color (page, NULL);
  clipper_review_page_set_search (page, "nothing like this");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  clipper_review_page_set_color (page, "purple");
  clear = GTK_WIDGET (find_by_css_class (gtk_stack_get_child_by_name (stack, "no-match"), "pill"));
  g_assert_true (GTK_IS_BUTTON (clear));
  g_signal_emit_by_name (clear, "clicked");
  spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* A colour's meaning renamed in Preferences: the colour menu follows. */
  page_colors = find_dropdown_with (GTK_WIDGET (page), "All Colours");
  g_assert_nonnull (page_colors);
  g_assert_true (dropdown_has (page_colors, "Pink · Question"));
  {
    g_autoptr (GVariantBuilder) names = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));

    g_variant_builder_add (names, "{ss}", "pink", "Disagree");
    g_settings_set_value (settings, "color-names", g_variant_builder_end (names));
  }
  spin (100);
  g_assert_true (dropdown_has (page_colors, "Pink · Disagree"));
  g_assert_false (dropdown_has (page_colors, "Pink · Question"));
  g_assert_true (dropdown_has (page_colors, "Yellow"));
  g_settings_reset (settings, "color-names");
  spin (100);
  g_assert_true (dropdown_has (page_colors, "Pink · Question"));
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Takes a picture of the screen into $CLIPPER_TEST_SCREENSHOTS/@name when
 * that is set (to look at by hand; the test does not need it). */
static void
maybe_screenshot (const char *name)
{
  const char *dir = g_getenv ("CLIPPER_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* The markup of the line under highlight @highlight_id's row on the
 * Highlights page: its date, state and tags. */
static const char *
review_row_meta (GtkWidget *review,
                 gint64     highlight_id)
{
  for (GtkWidget *item = gtk_widget_get_first_child (find_by_id (review, "list_view")); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      GtkWidget *meta;

      if (!CLIPPER_IS_REVIEW_ROW (row) || clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row)) == NULL ||
          clipper_highlight_get_id (clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (row))) != highlight_id)
        continue;
      meta = find_by_css_class (row, "caption");
      g_assert_nonnull (meta);
      return gtk_label_get_label (GTK_LABEL (meta));
    }
  g_assert_not_reached ();
}

/* QA (qa-i 6): "security" in the Highlights page's filter left "No
 * Matching Highlights", though the row said "#security" and the library
 * search found it "tagged security".  The filter looks in a highlight's
 * tags as in its quote: any case, part of a word, with or without the
 * "#" the row shows; a row found by a tag alone shows the words found
 * in bold.  Its article's tags are not looked in: the rows do not show
 * them (the tag menu lists them). */
/* The list view in the popover of @dropdown, once it has been shown. */
static GtkScrolledWindow *
dropdown_popup_scroller (GtkDropDown *dropdown)
{
  GtkWidget *list = find_by_type (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW));
}

/* QA qa-l, findings 9 and 16: with 25 tags the Highlights page's tag
 * menu listed tag1, tag10 … tag19, tag2, had no search, and opened where
 * it was last scrolled, "All Tags" out of sight; its empty page named
 * "the filter, colour and tag chosen" with no text filter set. */
static void
test_highlights_tag_menu_many (Fixture       *f,
                               gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  GtkDropDown *menu;
  GtkScrolledWindow *scroller;
  GListModel *list;
  GtkStack *stack;
  AdwStatusPage *status;

  for (guint i = 1; i <= 25; i++)
    g_ptr_array_add (tags, g_strdup_printf ("tag%u", i));
  g_ptr_array_add (tags, g_strdup ("Reading list"));
  g_ptr_array_add (tags, NULL);
  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "green");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), (const char *const *) tags->pdata,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);

  menu = find_dropdown_with (review, "All Tags");
  g_assert_nonnull (menu);
  list = gtk_drop_down_get_model (menu);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 28);   /* and "birds (article tag)" */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (list), 1), ==, "Reading list");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (list), 2), ==, "tag1");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (list), 3), ==, "tag2");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (list), 11), ==, "tag10");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (list), 26), ==, "tag25");
  /* Typing finds a tag. */
  g_assert_true (gtk_drop_down_get_enable_search (menu));
  g_assert_nonnull (gtk_drop_down_get_expression (menu));

  /* It opens at the tag chosen, and at "All Tags" when that is chosen. */
  clipper_review_page_set_tag (page, "tag25");
  spin (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, 26);
  g_signal_emit_by_name (menu, "activate");
  spin (500);
  scroller = dropdown_popup_scroller (menu);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller)), >, 0);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (scroller), GTK_TYPE_POPOVER)));
  spin (200);
  clipper_review_page_set_tag (page, NULL);
  spin (100);
  g_signal_emit_by_name (menu, "activate");
  spin (500);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller)), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (scroller), GTK_TYPE_POPOVER)));
  spin (200);

  /* A colour and a tag that leave nothing: said as such, no text filter named. */
  clipper_review_page_set_tag (page, "tag3");
  clipper_review_page_set_color (page, "purple");
  spin (200);
  stack = find_stack_with (review, "no-match");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  status = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "no-match"));
  g_assert_cmpstr (adw_status_page_get_description (status), ==, "No highlight has both the colour and the tag chosen");
  clipper_review_page_set_tag (page, NULL);
  spin (200);
  g_assert_cmpstr (adw_status_page_get_description (status), ==, "No highlight has the colour chosen");
  clipper_review_page_set_search (page, "pelican");
  spin (200);
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "No highlight of the colour chosen matches the filter");
  clipper_review_page_set_search (page, NULL);
  clipper_review_page_set_color (page, NULL);
  spin (200);
}

/* QA (qa-o 8): a library restored from its vault has its articles'
 * highlights but not their text until Fetch Again; every row said "Not
 * found in the article", as if each passage had gone from it.  It was
 * never looked for: the row says so.  One that did go still says it. */
static void
test_highlights_not_placed (Fixture       *f,
                            gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  g_autoptr (ClipperArticle) restored = clipper_article_new ();
  g_autoptr (GError) error = NULL;
  gint64 ids[2];

  clipper_article_set_url (restored, "https://example.org/restored");
  clipper_article_set_title (restored, "Restored from the vault");
  clipper_store_add_article (f->lib.store, restored, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, i == 0 ? clipper_article_get_id (restored) : f->ids[0]);
      clipper_highlight_set_quote (h, i == 0 ? "A passage of the vault" : "A passage gone from the page");
      clipper_highlight_set_anchored (h, FALSE);
      clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      ids[i] = clipper_highlight_get_id (h);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 2);

  g_assert_nonnull (strstr (review_row_meta (review, ids[0]), "Not placed: the article’s text is not in the library yet"));
  g_assert_null (strstr (review_row_meta (review, ids[0]), "Not found"));
  g_assert_nonnull (strstr (review_row_meta (review, ids[1]), "Not found in the article"));

  /* search22: the orphans' filter counted and listed it too, as if it
   * were lost.  Only the one gone from its page is an orphan. */
  {
    GtkWidget *button = find_by_id (review, "orphans_button");

    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Only the 1 Highlight Not Found in Its Article");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 1);
    {
      g_autoptr (ClipperHighlight) shown = g_list_model_get_item (clipper_review_page_get_model (page), 0);

      g_assert_cmpint (clipper_highlight_get_id (shown), ==, ids[1]);
    }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  }
}

/* search22 (the mission's "filters by tag and colour"): the Highlights
 * page's field reads tag:, -tag:, tag:"a name" and color: as the
 * library's search does (one parser), a tag by the highlight or its
 * article; a colour that is none says so.  "color:pink" was looked for
 * as text, and found nothing. */
static void
test_highlights_search_filters (Fixture       *f,
                                gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  GtkWidget *no_match = find_by_id (GTK_WIDGET (page), "no_match_page");
  g_autoptr (GError) error = NULL;
  static const struct {
    const char *quote;
    const char *color;
    const char *tag;
  } made[] = {
    { "Pelicans glide", "pink", "done" }, { "over the bay", "yellow", NULL }, { "a heron", "pink", NULL },
  };
  static const struct {
    const char *search;
    guint       n;
  } cases[] = {
    { "color:pink", 2 },
    { "color:PINK heron", 1 },
    { "-color:pink", 1 },
    { "tag:done", 1 },
    { "tag:\"reading list\"", 2 },      /* by the article's tag */
    { "tag:\"reading list\" -tag:done", 1 },
    { "NOT tag:done color:pink", 1 },
    { "tag:nosuchtag", 0 },
  };

  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[1], (const char *[]) { "reading list", NULL }, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, i == 1 ? f->ids[0] : f->ids[1]);
      clipper_highlight_set_quote (h, made[i].quote);
      clipper_highlight_set_color (h, made[i].color);
      clipper_highlight_set_range (h, 0, 5);
      if (made[i].tag != NULL)
        clipper_highlight_set_tags (h, (const char *[]) { made[i].tag, NULL });
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      clipper_review_page_set_search (page, cases[i].search);
      g_test_message ("%s", cases[i].search);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, cases[i].n);
    }

  clipper_review_page_set_search (page, "color:red");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (no_match)), ==,
                   "color: takes yellow, green, blue, pink or purple");
  clipper_review_page_set_search (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

/* Iterates the main context until @widget's visibility is @visible, or
 * 20 seconds pass. */
static void
wait_visible (GtkWidget *widget,
              gboolean   visible)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gtk_widget_get_visible (widget) != visible && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_visible (widget), ==, visible);
}

/* The event controller of @widget named @name. */
static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  return NULL;
}

/* QA (qa-o 7): in the Highlights page's tag menu, "Smi" left "Smith,
 * John" alone in the list, and Enter did nothing (GtkDropDown's way in
 * GTK 4.8); Down then Enter was needed.  Enter chooses the first tag the
 * search shows.  Letters typed before the search had the keyboard were
 * lost: they go into the search. */
static void
test_highlights_tag_menu_enter (Fixture       *f,
                                gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  const char *const tags[] = { "Smith, John", "tide", "Reading list", NULL };
  const char *const other[] = { "tide", NULL };
  g_autoptr (GError) error = NULL;
  GtkEventController *keys;
  GtkDropDown *menu;
  GtkWidget *popover, *search, *list;
  GListModel *shown;
  gint64 deadline;
  gboolean handled = FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

      clipper_highlight_set_article_id (h, f->ids[0]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, i == 0 ? "Pelicans glide" : "over the bay");
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), i == 0 ? tags : other, &error);
      g_assert_no_error (error);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 2);

  menu = find_dropdown_with (review, "All Tags");
  g_assert_nonnull (menu);
  g_signal_emit_by_name (menu, "activate");
  popover = find_by_type (GTK_WIDGET (menu), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  wait_visible (popover, TRUE);
  search = find_by_type (popover, GTK_TYPE_SEARCH_ENTRY);
  list = find_by_type (popover, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (search);
  g_assert_nonnull (list);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 1);

  /* "Smi" narrows the list (after the search's pause for typing)... */
  gtk_editable_set_text (GTK_EDITABLE (search), "Smi");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (shown) != 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* ...and Enter chooses what it shows. */
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (menu)),
                                               gtk_drop_down_get_selected (menu)), ==, "Smith, John");
  wait_visible (popover, FALSE);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 1);

  /* Enter with nothing typed: the first, "All Tags". */
  g_signal_emit_by_name (menu, "activate");
  wait_visible (popover, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, 0);
  wait_visible (popover, FALSE);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 2);

  /* The keyboard not yet in the search (here on the list): a letter
   * typed goes there all the same, and the search has the keyboard. */
  g_signal_emit_by_name (menu, "activate");
  wait_visible (popover, TRUE);
  gtk_widget_grab_focus (list);
  keys = find_controller (GTK_WIDGET (menu), "clipper-tag-menu-keys");
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_S, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "S");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));
  /* There, a letter is the search's own. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_m, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "S");
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_visible (popover, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_review_page_get_model (page)), ==, 2);
}

static void
test_highlights_filter_tags (Fixture       *f,
                             gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GListModel *model = clipper_review_page_get_model (page);
  const char *quotes[] = { "Pelicans glide", "A garden", "Archived text" };
  const char *const tags[][3] = { { "security", "Field Notes", NULL }, { "gardening", NULL }, { NULL } };
  const struct { const char *text; int found; } cases[] = {
    { "security", 0 }, { "SECUR", 0 }, { "curity", 0 }, { "#secur", 0 }, { "field notes", 0 },
    { "ardening", 1 }, { "birds", -1 },
  };
  gint64 ids[G_N_ELEMENTS (quotes)];

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autoptr (GError) error = NULL;

      clipper_highlight_set_article_id (h, f->ids[i]);
      clipper_highlight_set_color (h, "green");
      clipper_highlight_set_quote (h, quotes[i]);
      clipper_store_add_highlight (f->lib.store, h, &error);
      g_assert_no_error (error);
      ids[i] = clipper_highlight_get_id (h);
      clipper_store_set_highlight_tags (f->lib.store, ids[i], tags[i], &error);
      g_assert_no_error (error);
    }
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      clipper_review_page_set_search (page, cases[i].text);
      spin (100);
      if (cases[i].found < 0)
        {
          g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
          continue;
        }
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
      {
        g_autoptr (ClipperHighlight) h = g_list_model_get_item (model, 0);

        g_assert_cmpint (clipper_highlight_get_id (h), ==, ids[cases[i].found]);
      }
    }

  /* Found by its tag alone: the row says which. */
  clipper_review_page_set_search (page, "secur");
  spin (100);
  g_assert_cmpstr (review_row_meta (review, ids[0]), ==, "Today · #Field Notes · #<b>secur</b>ity");
  /* Found in its quote: nothing more to say. */
  clipper_review_page_set_search (page, "garden");
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (review_row_meta (review, ids[1]), ==, "Today · #gardening");
  clipper_review_page_set_search (page, NULL);
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (review_row_meta (review, ids[0]), ==, "Today · #Field Notes · #security");
}

static GtkLabel *
dropdown_button_label (GtkWidget *dropdown)
{
  GtkLabel *label = clipper_review_page_find_choice_label (dropdown);

  g_assert_nonnull (label);
  return label;
}

/* Whether @widget would show a tooltip where the pointer is now. */
static gboolean
shows_tooltip (GtkWidget *widget)
{
  g_autoptr (GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  if (!gtk_widget_get_has_tooltip (widget))
    return FALSE;
  g_signal_emit_by_name (widget, "query-tooltip", 10, 10, FALSE, tooltip, &shown);
  return shown;
}

/* QA (qa-i 8): at 1280 px the Highlights page's filter field was ~110 px
 * ("…bitions") and its menus cut "All Colou…" and "C++ (…", so that the
 * chosen article tag could not be read; choosing it widened the library
 * pane by 2 px and moved the article.  The field has a row of its own,
 * the two menus share the next one and show what is chosen whole, and
 * the pane's width does not depend on it.  A name too long for the menu
 * is cut, and said whole in its tooltip; no tooltip lies over the open
 * menu ("Tag" lay over "All Tags"). */
static void
test_highlights_filter_bar_widths (Fixture       *f,
                                   gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkWidget *pane = find_by_id (GTK_WIDGET (f->window), "library_pane");
  GtkWidget *entry = find_by_id (review, "search_entry");
  GtkWidget *colors = find_by_id (review, "color_dropdown");
  GtkWidget *tags = find_by_id (review, "tag_dropdown");
  const char *const article_tags[] = { "C++", "reading list for a long weekend away", NULL };
  const char *const highlight_tags[] = { "security", NULL };
  const struct { GtkWidget *dropdown; const char *chosen; gboolean whole; } choices[] = {
    { colors, "Pink · Question", TRUE },
    { tags, "C++ (article tag)", TRUE },
    { tags, "security", TRUE },
    { tags, "reading list for a long weekend away (article tag)", FALSE },
  };
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  int width, reader_width;

  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[0], article_tags, &error));
  g_assert_no_error (error);
  clipper_highlight_set_article_id (h, f->ids[0]);
  clipper_highlight_set_color (h, "pink");
  clipper_highlight_set_quote (h, "Pelicans glide");
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  clipper_store_set_highlight_tags (f->lib.store, clipper_highlight_get_id (h), highlight_tags, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (300);
  settle_page (page);
  spin (300);
  /* (Less the window's own margins.) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1260);
  width = gtk_widget_get_width (pane);
  reader_width = gtk_widget_get_width (find_by_id (GTK_WIDGET (f->window), "reader_pane"));
  g_assert_cmpint (width, >, 0);

  /* The field is as wide as the pane, but for its margins and padding. */
  g_assert_cmpint (gtk_widget_get_width (entry), >=, width * 9 / 10);
  /* "All Colours" and "All Tags" whole, and no tooltip over the menu. */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (dropdown_button_label (colors))));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (dropdown_button_label (tags))));
  {
    GtkPopover *menu = GTK_POPOVER (find_by_type (tags, GTK_TYPE_POPOVER));

    g_assert_nonnull (menu);
    gtk_popover_popup (menu);
    spin (100);
    g_assert_false (shows_tooltip (tags));
    gtk_popover_popdown (menu);
    spin (100);
  }

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkDropDown *dropdown = GTK_DROP_DOWN (choices[i].dropdown);
      GListModel *items = gtk_drop_down_get_model (dropdown);
      GtkLabel *label;
      guint k;

      for (k = 0; k < g_list_model_get_n_items (items); k++)
        {
          g_autoptr (GtkStringObject) item = g_list_model_get_item (items, k);

          if (g_str_equal (gtk_string_object_get_string (item), choices[i].chosen))
            break;
        }
      g_assert_cmpuint (k, <, g_list_model_get_n_items (items));
      gtk_drop_down_set_selected (dropdown, k);
      spin (300);
      label = dropdown_button_label (choices[i].dropdown);
      g_assert_cmpstr (gtk_label_get_text (label), ==, choices[i].chosen);
      if (choices[i].whole != !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is %s", choices[i].chosen, choices[i].whole ? "cut" : "whole");
      /* Cut, it is said whole in a tooltip, but not over the open menu. */
      g_assert_true (shows_tooltip (choices[i].dropdown) == !choices[i].whole);
      if (!choices[i].whole)
        {
          GtkPopover *menu = GTK_POPOVER (find_by_type (choices[i].dropdown, GTK_TYPE_POPOVER));

          gtk_popover_popup (menu);
          spin (100);
          g_assert_false (shows_tooltip (choices[i].dropdown));
          gtk_popover_popdown (menu);
          spin (100);
        }
      g_assert_cmpint (gtk_widget_get_width (pane), ==, width);
      g_assert_cmpint (gtk_widget_get_width (find_by_id (GTK_WIDGET (f->window), "reader_pane")), ==, reader_width);
    }

  /* At a phone's width the pane is the window, and all of it fits. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  spin (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (entry), >=, gtk_widget_get_width (pane) * 9 / 10);
  g_assert_cmpint (gtk_widget_get_width (colors), >, 100);
  g_assert_cmpint (gtk_widget_get_width (tags), ==, gtk_widget_get_width (colors));
}

/* The Articles page's "Show" and "Sort" menus had the tooltips "Show" and
 * "Sort", which lay over the first item of the menu once it opened, as
 * "Tag" did on the Highlights page: they said nothing the button and its
 * accessible name (test_fields_named()) do not. */
static void
test_articles_menus_no_tooltip (Fixture       *f,
                                gconstpointer  data)
{
  const char *const ids[] = { "filter_dropdown", "sort_dropdown" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "articles"));
  spin (200);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *dropdown = find_by_id (GTK_WIDGET (f->window), ids[i]);
      GtkPopover *menu = GTK_POPOVER (find_by_type (dropdown, GTK_TYPE_POPOVER));

      g_assert_nonnull (menu);
      gtk_popover_popup (menu);
      spin (100);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
      if (shows_tooltip (dropdown))
        g_error ("%s shows the tooltip “%s” over its open menu", ids[i], gtk_widget_get_tooltip_text (dropdown));
      gtk_popover_popdown (menu);
      spin (100);
    }
}

/* QA (qa-i 8): after Delete and Ctrl+Z on the Highlights page the
 * keyboard stayed on the row after the restored one.  It goes to the
 * restored row, selected, from Ctrl+Z and from the toast's Undo alike. */
static void
test_highlights_undo_focus (Fixture       *f,
                            gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  GtkWidget *list = find_by_id (GTK_WIDGET (page), "list_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  add_page_highlights (f);
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  /* The keyboard on the first row, once the list has made it. */
  {
    g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);

    g_assert_true (wait_review_focus (f, clipper_highlight_get_uuid (first), TRUE) == first);
  }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *uuid = NULL;
      gint64 gone;
      ClipperHighlight *focused;

      /* The second row, so that another comes after it and one before.
       * Each step waits for the keyboard to get where it should: fixed
       * waits (100, 300 ms) failed under load. */
      g_assert_true (press_key_on (list, "Down"));
      {
        g_autoptr (ClipperHighlight) second = g_list_model_get_item (model, 1);

        g_assert_true (wait_review_focus (f, clipper_highlight_get_uuid (second), TRUE) == second);
      }
      gone = clipper_highlight_get_id (focused_review_highlight (f));
      uuid = delete_focused_highlight (f);   /* (waits for the keyboard to leave its row) */
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
      g_assert_nonnull (focused_review_highlight (f));
      g_assert_cmpstr (clipper_highlight_get_uuid (focused_review_highlight (f)), !=, uuid);

      if (i == 0)
        g_assert_true (press_window_key (f->window, "<Control>z"));
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.undo-delete-highlight",
                                                   "x", gone));
      focused = wait_review_focus (f, uuid, TRUE);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
      g_assert_nonnull (focused);
      g_assert_cmpstr (clipper_highlight_get_uuid (focused), ==, uuid);
      {
        g_autoptr (ClipperHighlight) selected = g_list_model_get_item (model, gtk_single_selection_get_selected (selection));

        g_assert_true (selected == focused);
      }
      /* Back to the first row for the next round. */
      g_assert_true (press_key_on (list, "Up"));
      {
        g_autoptr (ClipperHighlight) first = g_list_model_get_item (model, 0);

        g_assert_true (wait_review_focus (f, clipper_highlight_get_uuid (first), TRUE) == first);
      }
    }
}

#define READABLE_WIDTH 360

/* A narrow window keeps the article readable: with the panel open at
 * 800 px the panel lies over the article (the flap folds) instead of
 * squeezing it to a sliver; wider, the three sit side by side as before;
 * narrower still, the leaflet shows one pane at a time. */
static void
test_narrow_keeps_article_readable (Fixture       *f,
                                    gconstpointer  data)
{
  struct { int width, height; gboolean leaflet_folded, flap_folded; } sizes[] = {
    { 1400, 900, FALSE, FALSE },
    { 1100, 760, FALSE, FALSE },
    { 800, 600, FALSE, TRUE },
    { 640, 600, TRUE, TRUE },
  };
  ClipperReaderView *reader;
  AdwLeaflet *leaflet;
  AdwFlap *flap;
  GtkWidget *web;

  leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = CLIPPER_READER_VIEW (clipper_window_get_reader (f->window));
  web = clipper_reader_view_get_web_view (reader);
  flap = ADW_FLAP (find_by_type (GTK_WIDGET (reader), ADW_TYPE_FLAP));
  g_assert_nonnull (flap);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint open = 0; open < 2; open++)
      {
        g_autofree char *name = g_strdup_printf ("narrow-%dx%d-%s.png", sizes[i].width, sizes[i].height,
                                                 open ? "panel" : "closed");

        gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[i].width, sizes[i].height);
        clipper_reader_view_set_panel_visible (reader, open);
        spin (400);
        maybe_screenshot (name);
        g_test_message ("%s: window %d, reader %d, flap %d, article %d px, flap folded %d, leaflet folded %d", name,
                        gtk_widget_get_width (GTK_WIDGET (f->window)),
                        gtk_widget_get_width (GTK_WIDGET (reader)), gtk_widget_get_width (GTK_WIDGET (flap)),
                        gtk_widget_get_width (web), adw_flap_get_folded (flap), adw_leaflet_get_folded (leaflet));

        if (gtk_widget_get_width (GTK_WIDGET (f->window)) < sizes[i].width - 20)
          {
            /* The X screen is smaller (the suite's is 1280 px wide).  (The
             * window's own width is a few pixels less than asked: its
             * frame.) */
            g_test_message ("%s: the screen is too small, not checked", name);
            continue;
          }
        g_assert_cmpint (adw_leaflet_get_folded (leaflet), ==, sizes[i].leaflet_folded);
        g_assert_cmpint (adw_flap_get_folded (flap), ==, sizes[i].flap_folded);
        /* Where the leaflet shows one pane, it is the article's. */
        g_assert_cmpint (gtk_widget_get_width (web), >=, READABLE_WIDTH);
        g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, open);
      }

  /* Over the article, the panel still closes with F9. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  clipper_reader_view_set_panel_visible (reader, TRUE);
  spin (300);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_true (press_window_key (f->window, "F9"));
  g_assert_false (clipper_reader_view_get_panel_visible (reader));
  /* And with Escape, the folded flap's own key. */
  clipper_reader_view_set_panel_visible (reader, TRUE);
  spin (300);
  g_assert_true (press_key_on (GTK_WIDGET (flap), "Escape"));
  spin (300);
  g_assert_false (clipper_reader_view_get_panel_visible (reader));
  /* One pane at a time: Alt+Left from inside the article goes back to
   * the list, keyboard and all (the web view took the key). */
  {
    GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");

    gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 600);
    clipper_reader_view_set_panel_visible (reader, FALSE);
    spin (400);
    g_assert_true (adw_leaflet_get_folded (leaflet));
    adw_leaflet_set_visible_child (leaflet, gtk_widget_get_ancestor (GTK_WIDGET (reader), GTK_TYPE_BOX));
    gtk_widget_grab_focus (web);
    g_assert_true (press_key_on (GTK_WIDGET (reader), "<Alt>Left"));
    spin (300);
    g_assert_true (gtk_widget_is_ancestor (list, adw_leaflet_get_visible_child (leaflet)));
    g_assert_true (focus_is_in (f->window, list));
    gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
    spin (400);
  }
  /* And with a button of its own, there only. */
  {
    GtkWidget *close = find_by_css_class (GTK_WIDGET (reader), "clipper-close-panel");

    g_assert_nonnull (close);
    clipper_reader_view_set_panel_visible (reader, TRUE);
    spin (300);
    g_assert_true (gtk_widget_get_visible (close));
    g_assert_true (gtk_widget_activate (close));
    spin (300);
    g_assert_false (clipper_reader_view_get_panel_visible (reader));
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
    spin (300);
    g_assert_false (adw_flap_get_folded (flap));
    g_assert_false (gtk_widget_get_visible (close));
  }
}

/* QA at 360×640: Ctrl+plus three times and the window grew itself to
 * 430 px, the list cut off at its right; forced back to 360 px, Plain
 * Text showed its lines cut off at both sides.  The article's minimum
 * width grew with the text.  At any size the window stays a phone's
 * width, the column (the page or the plain text) inside the reader. */
static void
test_large_text_narrow_window (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  GtkWidget *reader;

  g_settings_reset (settings, "font-size");
  g_settings_reset (settings, "plain-text");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  clipper_window_open_article (f->window, f->ids[0], 0);
  reader = clipper_window_get_reader (f->window);
  spin (300);
  /* 130%, 23 pt (three steps of a point, 21 pt, before 1 December 2026). */
  for (guint i = 0; i < 3; i++)
    g_assert_true (press_window_key (f->window, "<Control>plus"));
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 23);
  for (guint plain = 0; plain < 2; plain++)
    {
      GtkWidget *column = plain ? find_by_css_class (reader, "clipper-plain-text")
                                : clipper_reader_view_get_web_view (CLIPPER_READER_VIEW (reader));
      graphene_rect_t bounds;
      int min = 0;

      spin (400);
      maybe_screenshot (plain ? "large-text-360-plain.png" : "large-text-360.png");
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpint (min, <=, 360);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
      g_assert_true (gtk_widget_compute_bounds (column, reader, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (reader));
      if (!plain)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plain-text", NULL));
    }
  g_assert_true (clipper_reader_view_get_plain_text (CLIPPER_READER_VIEW (reader)));
  g_settings_reset (settings, "plain-text");
  g_settings_reset (settings, "font-size");
}

/* The first button under @root showing @icon that is on screen, or any
 * when @mapped is FALSE. */
static GtkWidget *
find_icon_button (GtkWidget  *root,
                  const char *icon,
                  gboolean    mapped)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon) == 0 &&
      (!mapped || gtk_widget_get_mapped (root)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_mapped_icon_buttons (GtkWidget  *root,
                           const char *icon)
{
  guint n = GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
            g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_mapped_icon_buttons (child, icon);
  return n;
}

/* Whether @model, or a section of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* QA at 360 px: the reader's header showed four or five letters of the
 * title ("Just-…") beside Star, Archive and the menu, and with the panel
 * open two back arrows were stacked, the header's and the panel's.  Below
 * the fold Star and Archive are items of the article menu, and the
 * panel's arrow is the only one. */
static void
test_narrow_reader_header (Fixture       *f,
                           gconstpointer  data)
{
  const char *title_text = "Just-released Minecraft exploit makes it easy to crash game servers";
  gint64 id = add_article (f->lib.store, title_text, "Two-year-old bug exposes thousands of servers.",
                           CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *reader, *pane, *title, *menu_button;
  GtkWidget *star, *archive, *back;

  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  clipper_window_open_article (f->window, id, 0);
  spin (500);
  reader = clipper_window_get_reader (f->window);
  pane = gtk_widget_get_ancestor (reader, GTK_TYPE_BOX);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == pane);
  maybe_screenshot ("header-360.png");

  title = find_by_type (pane, ADW_TYPE_WINDOW_TITLE);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, title_text);
  g_test_message ("title %d px in a header of %d", gtk_widget_get_width (title), gtk_widget_get_width (pane));
  star = find_icon_button (pane, "non-starred-symbolic", FALSE);
  archive = find_icon_button (pane, "package-x-generic-symbolic", FALSE);
  /* By its id: the reading settings' button comes first now. */
  menu_button = find_by_id (pane, "article_menu_button");
  g_assert_nonnull (star);
  g_assert_nonnull (archive);
  g_assert_false (gtk_widget_get_mapped (star));
  g_assert_false (gtk_widget_get_mapped (archive));
  g_assert_false (gtk_widget_get_mapped (find_by_id (pane, "reading_button")));
  g_assert_cmpint (gtk_widget_get_width (title), >=, 120);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "library.star"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "library.archive"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "library.delete"));

  /* One back arrow: with the panel out, the header's goes. */
  back = find_icon_button (pane, "go-previous-symbolic", TRUE);
  g_assert_nonnull (back);
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), TRUE);
  spin (500);
  maybe_screenshot ("header-360-panel.png");
  g_assert_false (gtk_widget_get_mapped (back));
  g_assert_cmpuint (count_mapped_icon_buttons (GTK_WIDGET (f->window), "go-previous-symbolic"), <=, 1);
  clipper_reader_view_set_panel_visible (CLIPPER_READER_VIEW (reader), FALSE);
  spin (300);
  g_assert_true (gtk_widget_get_mapped (back));

  /* Wide, the buttons are back and the menu has only the rest. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  spin (500);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (star));
  g_assert_true (gtk_widget_get_mapped (archive));
  g_assert_false (gtk_widget_get_mapped (back));
  g_assert_false (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "library.star"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "library.delete"));
}

/* QA at 360×640 and 600 px: a highlight chosen on the Highlights page
 * opened its article over the whole window, and the back arrow showed
 * "No Highlights": the page let its rows go when it was hidden and read
 * them again only on a change of view. */
static void
test_narrow_back_to_highlights (Fixture       *f,
                                gconstpointer  data)
{
  gint64 id = add_article (f->lib.store, "Estuary", "Herons stood in the shallows, patient as clocks.",
                           CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = G_LIST_MODEL (clipper_review_page_get_model (page));
  AdwLeaflet *leaflet = ADW_LEAFLET (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  g_autoptr (GError) error = NULL;
  const int widths[] = { 360, 600 };

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autofree char *quote = g_strdup_printf (i == 0 ? "Kingfishers %u" : "Herons %u", i);

      clipper_highlight_set_article_id (h, id);
      clipper_highlight_set_quote (h, quote);
      clipper_highlight_set_range (h, i, i + 6);
      clipper_highlight_set_anchored (h, TRUE);
      g_assert_true (clipper_store_add_highlight (f->lib.store, h, &error));
    }
  clipper_library_model_reload (CLIPPER_LIBRARY_MODEL (library (f)));
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *list_view;
      g_autoptr (ClipperHighlight) chosen = NULL;

      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[w], 640);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
      spin (400);
      settle_page (page);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
      g_assert_true (adw_leaflet_get_folded (leaflet));

      /* The text filter stays what it was on the way back, and the
       * keyboard comes back to the row chosen. */
      clipper_review_page_set_search (page, "herons");
      settle_page (page);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
      chosen = g_list_model_get_item (model, 1);
      /* (the page's list, not a filter menu's) */
      clipper_review_page_focus (page);
      spin (100);
      list_view = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (list_view);
      if (!GTK_IS_LIST_VIEW (list_view))
        list_view = gtk_widget_get_ancestor (list_view, GTK_TYPE_LIST_VIEW);
      g_assert_nonnull (list_view);
      g_signal_emit_by_name (list_view, "activate", 1);
      /* (once the leaflet's slide is over) */
      for (guint i = 0; i < 60 && gtk_widget_get_mapped (GTK_WIDGET (page)); i++)
        spin (50);
      g_assert_cmpint (clipper_window_get_article_id (f->window), ==, id);
      g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
      spin (600);
      settle_page (page);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
      g_assert_cmpstr (clipper_review_page_get_search (page), ==, "herons");
      g_assert_nonnull (clipper_review_page_get_focused (page));
      g_assert_cmpint (clipper_highlight_get_id (clipper_review_page_get_focused (page)), ==,
                       clipper_highlight_get_id (chosen));
      clipper_review_page_set_search (page, NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "articles"));
      spin (400);
    }
}

/* QA: the Details dialog cut off the last line of its message, at 360 px
 * and at full width: its scrolled window took the height of the label at
 * another width than the label was given. */
static void
test_details_show_whole_text (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *clippings = g_build_filename (f->lib.dir, "My Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  const int widths[] = { 360, 1100 };

  /* One clipping read, and broken ones whose lines are long enough to
   * wrap at either width, few enough not to need a scrollbar. */
  g_string_append (text,
                   "The Estuary Book (Ada Byron)\n"
                   "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 March 2025 10:00:00\n"
                   "\n"
                   "Herons stood in the shallows, patient as clocks.\n"
                   "==========\n");
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (text,
                            "The Estuary Book (Ada Byron)\n"
                            "- Something the device never wrote %u, with words to wrap\n"
                            "\n"
                            "Lost words.\n"
                            "==========\n", i);
  g_file_set_contents (clippings, text->str, -1, &error);
  g_assert_no_error (error);
  clipper_window_import_file (f->window, clippings);
  wait_until_idle (f);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      AdwMessageDialog *dialog;
      GtkWidget *label, *scrolled;
      GtkAdjustment *vadj;

      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[w], 640);
      spin (300);
      open_import_details (f);
      spin (500);
      dialog = find_message_dialog (GTK_WIDGET (f->window));
      g_assert_nonnull (dialog);
      label = find_by_css_class (adw_message_dialog_get_extra_child (dialog), "clipper-import-details");
      g_assert_nonnull (label);
      scrolled = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
      vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      g_test_message ("%d px: label %d×%d, upper %.0f, page %.0f", widths[w], gtk_widget_get_width (label),
                      gtk_widget_get_height (label), gtk_adjustment_get_upper (vadj),
                      gtk_adjustment_get_page_size (vadj));
      g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), <=, gtk_adjustment_get_page_size (vadj));
      respond (dialog, "close");
      spin (100);
    }
}

/* QA, 10,000 articles and 100,000 highlights: on the Highlights page
 * every change to the library read every highlight again on the UI
 * thread, so each letter typed in a note took 1.2–2.4 s to appear and a
 * deleted highlight 3.3–3.9 s to leave.  The page now reads only what a
 * change names: a note edit changes that highlight's object in place (the
 * same instance, the same row), a delete and its Undo take one row out
 * and put it back, and nothing is read again as a whole. */
static void
test_highlights_follow_changes (Fixture       *f,
                                gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *model = clipper_review_page_get_model (page);
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (ClipperHighlight) edited = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deleted_id;
  guint loads;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
      g_autofree char *quote = g_strdup_printf ("quote %u", i);

      clipper_highlight_set_article_id (h, f->ids[i % 3]);
      clipper_highlight_set_quote (h, quote);
      clipper_highlight_set_range (h, i, i + 3);
      clipper_highlight_set_anchored (h, TRUE);
      clipper_highlight_set_created_at (h, 1000 + i);
      g_assert_true (clipper_store_add_highlight (f->lib.store, h, &error));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  settle_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (before, g_list_model_get_item (model, i));
  loads = clipper_review_page_get_n_loads (page);

  /* A note typed in the panel: saved as each key comes. */
  edited = clipper_store_get_highlight (f->lib.store, clipper_highlight_get_id (g_ptr_array_index (before, 5)),
                                        &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *note = g_strndup ("why", i);

      clipper_highlight_set_note (edited, note);
      g_assert_true (clipper_store_update_highlight (f->lib.store, edited, &error));
      settle_page (page);
    }
  /* Nor later, when the store's poll looked for other programs' changes. */
  spin (1500);
  settle_page (page);
  g_assert_cmpuint (clipper_review_page_get_n_loads (page), ==, loads);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr (ClipperHighlight) now = g_list_model_get_item (model, i);

      g_assert_true (now == g_ptr_array_index (before, i));
    }
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (before, 5)), ==, "why");

  /* A delete takes out its row, and Undo puts it back in its place. */
  deleted_id = clipper_highlight_get_id (g_ptr_array_index (before, 0));
  {
    g_autoptr (ClipperHighlight) kept = clipper_store_get_highlight (f->lib.store, deleted_id, &error);

    g_assert_true (clipper_store_delete_highlight (f->lib.store, deleted_id, &error));
    settle_page (page);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 59);
    /* The rows left are the same objects; the next article's group now
     * has the newest highlight and comes first. */
    for (guint i = 0; i < 59; i++)
      {
        g_autoptr (ClipperHighlight) now = g_list_model_get_item (model, i);

        g_assert_true (g_ptr_array_find (before, now, NULL));
        if (i == 0)
          g_assert_cmpstr (clipper_highlight_get_quote (now), ==, "quote 58");
      }
    g_assert_true (clipper_store_restore_highlight (f->lib.store, kept, &error));
    settle_page (page);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
    {
      g_autoptr (ClipperHighlight) back = g_list_model_get_item (model, 0);

      g_assert_cmpint (clipper_highlight_get_id (back), ==, clipper_highlight_get_id (kept));
      g_assert_cmpstr (clipper_highlight_get_quote (back), ==, "quote 59");
    }
  }
  g_assert_cmpuint (clipper_review_page_get_n_loads (page), ==, loads);

  /* A change the store cannot name (another program's) is read whole. */
  {
    g_autoptr (ClipperStore) other = clipper_store_open (f->lib.path, &error);

    g_assert_no_error (error);
    g_assert_true (clipper_store_delete_highlight (other, clipper_highlight_get_id (g_ptr_array_index (before, 7)),
                                                   &error));
    for (guint i = 0; i < 100 && g_list_model_get_n_items (model) != 59; i++)
      {
        spin (50);
        settle_page (page);
      }
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 59);
    g_assert_cmpuint (clipper_review_page_get_n_loads (page), >, loads);
  }

  /* Off the page, the highlights are let go: freed, not only out of the
   * list. */
  {
    gpointer last = g_list_model_get_item (model, 40);

    g_object_unref (last);
    g_ptr_array_set_size (before, 0);
    g_object_add_weak_pointer (last, &last);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "articles"));
    /* (once the stack's crossfade is over) */
    for (guint i = 0; i < 40 && g_list_model_get_n_items (model) > 0; i++)
      spin (50);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    spin (100);
    g_assert_null (last);
  }
}

static void
on_search_results_changed (GListModel *results,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GPtrArray  *seen)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, i);

      g_ptr_array_add (seen, g_strdup (clipper_search_result_get_title (hit)));
    }
}

/* The results, one hit a word: "a3" the article 3, "h7" the highlight 7. */
static char *
dup_result_keys (GListModel *results)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, i);

      if (clipper_search_result_get_kind (hit) == CLIPPER_SEARCH_HIT_HIGHLIGHT)
        g_string_append_printf (keys, "%sh%" G_GINT64_FORMAT, i > 0 ? " " : "",
                                clipper_search_result_get_highlight_id (hit));
      else
        g_string_append_printf (keys, "%sa%" G_GINT64_FORMAT, i > 0 ? " " : "",
                                clipper_search_result_get_article_id (hit));
    }
  return g_string_free (keys, FALSE);
}

static gint64
add_noted_highlight (Fixture    *f,
                     gint64      article_id,
                     const char *quote,
                     const char *note)
{
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;

  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, "yellow");
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, 0, g_utf8_strlen (quote, -1));
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, note);
  clipper_store_add_highlight (f->lib.store, h, &error);
  g_assert_no_error (error);
  return clipper_highlight_get_id (h);
}

static void
on_store_changed_flag (ClipperStore *store,
                       gboolean     *changed)
{
  *changed = TRUE;
}

/* The window searches again when the store says it changed, which the
 * store says at an idle after a write.  A fixed wait missed it under load
 * (CI, load 12): its timeout, ready at the same time, outranks the idle. */
static void
wait_store_changed_then_search (Fixture *f)
{
  gboolean changed = FALSE;
  gulong id = g_signal_connect (f->lib.store, "changed", G_CALLBACK (on_store_changed_flag), &changed);

  g_assert_true (wait_for (&changed, 20));
  g_signal_handler_disconnect (f->lib.store, id);
  wait_search (f->window);
}

static void
set_note (Fixture    *f,
          gint64      id,
          const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_store_get_highlight (f->lib.store, id, &error);

  g_assert_no_error (error);
  clipper_highlight_set_note (h, note);
  g_assert_true (clipper_store_update_highlight (f->lib.store, h, &error));
  g_assert_no_error (error);
  wait_store_changed_then_search (f);
}

/* QA: with a search's results showing and an article open from them,
 * typing a note in the reader moved the highlight's hit from the first
 * row to the second: the search ran again at each change, ranked anew.
 * While the query stays, the rows keep their order and show what their
 * hits say now; a hit deleted or no longer matching goes, a new one comes
 * in after the hit ranked before it; another query is ranked anew. */
static void
test_search_results_hold_still (Fixture       *f,
                                gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *ranked = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (ClipperSearchResult) noted = NULL;
  g_autoptr (GError) error = NULL;
  gint64 pelican, maps;
  guint position;

  pelican = add_noted_highlight (f, f->ids[0], "Pelicans glide", NULL);
  maps = add_noted_highlight (f, f->ids[3], "city maps", "A pelican drew these");
  search_and_wait (f->window, "pelican");
  before = dup_result_keys (results);
  expected = g_strdup_printf ("a%" G_GINT64_FORMAT " h%" G_GINT64_FORMAT " h%" G_GINT64_FORMAT, f->ids[0], pelican, maps);
  g_assert_cmpstr (before, ==, expected);
  g_clear_pointer (&expected, g_free);
  clipper_window_open_search_hit (f->window, CLIPPER_SEARCH_HIT_HIGHLIGHT, f->ids[0], pelican, NULL);

  /* A note typed on the passage, a word at a time: a long note without
   * the word searched for ranks its highlight below the other, the rows
   * stay. */
  {
    g_auto (GStrv) words = g_strsplit ("a note on a bird over the water, long and slow, of the morning and the "
                                       "evening and the boats", " ", -1);

    for (guint i = 1; words[i - 1] != NULL; i++)
      {
        g_autofree char *word = words[i];
        g_autofree char *note = NULL;

        words[i] = NULL;
        note = g_strjoinv (" ", words);
        words[i] = g_steal_pointer (&word);
        set_note (f, pelican, note);
        after = dup_result_keys (results);
        g_assert_cmpstr (after, ==, before);
        g_clear_pointer (&after, g_free);
      }
  }
  /* Another query, then this one again: ranked anew, the highlight with
   * the long note below the other. */
  search_and_wait (f->window, "pelicans");
  search_and_wait (f->window, "pelican");
  ranked = dup_result_keys (results);
  expected = g_strdup_printf ("a%" G_GINT64_FORMAT " h%" G_GINT64_FORMAT " h%" G_GINT64_FORMAT, f->ids[0], maps, pelican);
  g_assert_cmpstr (ranked, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* The row shows the note as it is now. */
  position = G_MAXUINT;
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, i);

      if (clipper_search_result_get_highlight_id (hit) == maps)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  set_note (f, maps, "A pelican drew these maps, and a heron");
  noted = g_list_model_get_item (results, position);
  g_assert_cmpint (clipper_search_result_get_highlight_id (noted), ==, maps);
  g_assert_nonnull (strstr (clipper_search_result_get_text (noted), "a heron"));
  g_assert_true (window_shows_label_full (f->window, "a heron", TRUE));
  after = dup_result_keys (results);
  g_assert_cmpstr (after, ==, ranked);
  g_clear_pointer (&after, g_free);

  /* A hit that stops matching goes; matching again, it comes back after
   * the hit ranked before it. */
  set_note (f, maps, "A heron drew these");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  set_note (f, maps, "A pelican drew these");
  after = dup_result_keys (results);
  g_assert_cmpstr (after, ==, ranked);
  g_clear_pointer (&after, g_free);
  /* A deleted hit goes. */
  g_assert_true (clipper_store_delete_highlight (f->lib.store, maps, &error));
  g_assert_no_error (error);
  wait_store_changed_then_search (f);
  expected = g_strdup_printf ("h%" G_GINT64_FORMAT, maps);
  after = dup_result_keys (results);
  g_assert_null (strstr (after, expected));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
}

typedef struct {
  ClipperWindow *window;
  GtkWidget     *list;
  guint          rows_changed;  /* items-changed of the list's model */
  guint          rows_told;     /* notifies of the focused row's item */
  guint          idle;          /* probe_focus_later() to come */
  char          *where;         /* where the keyboard was then, when not on the list */
} FocusProbe;

static void
probe_focus (FocusProbe *probe)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (probe->window));

  if (probe->where == NULL &&
      (focus == NULL || gtk_widget_get_root (focus) != GTK_ROOT (probe->window) ||
       !gtk_widget_is_ancestor (focus, probe->list)))
    probe->where = describe_focus (probe->window);
}

/* Where the keyboard is once the change is done, before anything else:
 * a key pressed then goes there.  (Inside "items-changed" a handler after
 * the one of the list view sees the old row widget; the page's own work,
 * show_filtered(), comes after the signal.) */
static gboolean
probe_focus_later (gpointer data)
{
  FocusProbe *probe = data;

  probe->idle = 0;
  probe_focus (probe);
  return G_SOURCE_REMOVE;
}

static void
on_probed_rows_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        FocusProbe *probe)
{
  probe->rows_changed++;
  if (probe->idle == 0)
    probe->idle = g_idle_add_full (G_PRIORITY_HIGH, probe_focus_later, probe, NULL);
}

static void
on_probed_item_notify (GObject    *item,
                       GParamSpec *pspec,
                       FocusProbe *probe)
{
  probe->rows_told++;
  probe_focus (probe);
}

/* The article list's row of an article read again is a new object and
 * a new row widget, and the keyboard was left on the old one, out of the
 * window, for a frame (keep_list_focus()).  The search results and the
 * Highlights page keep their rows' objects: a note edited on the focused
 * hit, or the focused highlight's colour changed elsewhere, updates the
 * object in place (merge_search_hits(), apply_change()), the list says no
 * row changed, and the keyboard stays on the same row widget, in the
 * window, at every moment of the change. */
static void
test_rebuilt_rows_keep_focus (Fixture       *f,
                              gconstpointer  data)
{
  ClipperReviewPage *page = CLIPPER_REVIEW_PAGE (clipper_window_get_review_page (f->window));
  GListModel *results = clipper_window_get_search_model (f->window);
  GListModel *model = clipper_review_page_get_model (page);
  GtkWidget *hits = find_by_id (GTK_WIDGET (f->window), "search_list");
  GtkWidget *rows = find_by_id (GTK_WIDGET (page), "list_view");
  FocusProbe probe = { f->window, hits };
  g_autoptr (ClipperSearchResult) hit = NULL;
  g_autoptr (ClipperHighlight) stored = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlight *focused;
  GtkWidget *focus;
  gulong changed, told;
  gint64 id;

  /* A note edited on the hit that has the keyboard. */
  id = add_noted_highlight (f, f->ids[0], "Pelicans glide", "A heron drew these");
  search_and_wait (f->window, "heron");
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_true (gtk_widget_child_focus (hits, GTK_DIR_TAB_FORWARD));
  spin (100);
  g_assert_true (focus_is_in (f->window, hits));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  hit = g_list_model_get_item (results, 0);
  changed = g_signal_connect (results, "items-changed", G_CALLBACK (on_probed_rows_changed), &probe);
  told = g_signal_connect (hit, "notify", G_CALLBACK (on_probed_item_notify), &probe);
  set_note (f, id, "A heron drew these maps by the water");
  g_signal_handler_disconnect (results, changed);
  g_signal_handler_disconnect (hit, told);
  g_assert_nonnull (strstr (clipper_search_result_get_text (hit), "by the water"));
  g_assert_cmpuint (probe.rows_told, >, 0);
  g_assert_cmpuint (probe.rows_changed, ==, 0);
  if (probe.where != NULL)
    g_error ("a note edited on the focused hit: the keyboard was on %s", probe.where);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus);

  /* The colour of the highlight whose row has the keyboard, changed
   * elsewhere (the reader, clipper-cli). */
  clipper_window_search (f->window, "");
  add_page_highlights (f);
  g_assert_true (press_window_key (f->window, "<Control>2"));
  spin (200);
  settle_page (page);
  gtk_widget_grab_focus (rows);
  spin (100);
  focused = focused_review_highlight (f);
  g_assert_nonnull (focused);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  probe = (FocusProbe) { f->window, rows };
  changed = g_signal_connect (model, "items-changed", G_CALLBACK (on_probed_rows_changed), &probe);
  told = g_signal_connect (focused, "notify", G_CALLBACK (on_probed_item_notify), &probe);
  stored = clipper_store_get_highlight (f->lib.store, clipper_highlight_get_id (focused), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_color (stored), !=, "pink");
  clipper_highlight_set_color (stored, "pink");
  g_assert_true (clipper_store_update_highlight (f->lib.store, stored, &error));
  g_assert_no_error (error);
  spin (50);
  settle_page (page);
  g_signal_handler_disconnect (model, changed);
  g_signal_handler_disconnect (focused, told);
  g_assert_cmpstr (clipper_highlight_get_color (focused), ==, "pink");
  g_assert_cmpuint (probe.rows_told, >, 0);
  g_assert_cmpuint (probe.rows_changed, ==, 0);
  if (probe.where != NULL)
    g_error ("the focused highlight's colour changed: the keyboard was on %s", probe.where);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus);
  g_assert_true (focused_review_highlight (f) == focused);

  /* Changed by another connection (clipper-cli), which the store says
   * without naming the rows: the page reads every highlight again, new
   * objects, and its rows are rebuilt.  show_filtered() gives the
   * keyboard to the row at the same place before it returns. */
  {
    g_autoptr (ClipperStore) other = clipper_store_open (f->lib.path, &error);
    gint64 focused_id = clipper_highlight_get_id (focused);
    gint64 deadline;

    g_assert_no_error (error);
    g_clear_object (&stored);
    stored = clipper_store_get_highlight (other, focused_id, &error);
    g_assert_no_error (error);
    clipper_highlight_set_color (stored, "blue");
    probe = (FocusProbe) { f->window, rows };
    changed = g_signal_connect (model, "items-changed", G_CALLBACK (on_probed_rows_changed), &probe);
    g_assert_true (clipper_store_update_highlight (other, stored, &error));
    g_assert_no_error (error);
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while ((probe.rows_changed == 0 || probe.idle != 0) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (model, changed);
    g_assert_cmpuint (probe.rows_changed, >, 0);
    if (probe.where != NULL)
      g_error ("the rows read again: the keyboard was on %s", probe.where);
    g_assert_nonnull (focused_review_highlight (f));
    g_assert_cmpint (clipper_highlight_get_id (focused_review_highlight (f)), ==, focused_id);
    g_assert_cmpstr (clipper_highlight_get_color (focused_review_highlight (f)), ==, "blue");
  }
}

/* The position of the search results' selected row, as the list shows
 * it: the one row widget in the :selected state, and whether it lies
 * within the list's view. */
static guint
shown_selected_hit (ClipperWindow *window,
                    gboolean      *in_view)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (window), "clipper-search-list");
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  guint n_selected = 0;

  *in_view = FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED)
      {
        graphene_rect_t bounds;

        n_selected++;
        g_assert_true (gtk_widget_compute_bounds (row, list, &bounds));
        *in_view = gtk_widget_get_mapped (row) && bounds.origin.y >= 0 &&
                   bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list);
      }
  g_assert_cmpuint (n_selected, ==, gtk_bitset_get_size (selected));
  return gtk_bitset_is_empty (selected) ? GTK_INVALID_LIST_POSITION : gtk_bitset_get_minimum (selected);
}

/* The position of the hit of @article_id (and @highlight_id) in the results. */
static guint
hit_position (GListModel *results,
              gint64      article_id,
              gint64      highlight_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (ClipperSearchResult) hit = g_list_model_get_item (results, i);

      if (clipper_search_result_get_article_id (hit) == article_id &&
          clipper_search_result_get_highlight_id (hit) == highlight_id)
        return i;
    }
  g_assert_not_reached ();
}

/* shown_selected_hit(), once its row is in view (10 s at most): the list
 * scrolls to it in a later frame, which a loaded machine delays past a
 * fixed wait. */
static guint
wait_hit_in_view (ClipperWindow *window,
                  gboolean      *in_view)
{
  guint shown = shown_selected_hit (window, in_view);

  for (guint i = 0; i < 200 && !*in_view; i++)
    {
      spin (50);
      shown = shown_selected_hit (window, in_view);
    }
  return shown;
}

/* QA: the article opened from the search results had no row marked in
 * them, nor at the next start with the search and the article restored.
 * Its row is selected and scrolled to: the hit it was opened from, else
 * its first; the keyboard stays in the article. */
static void
test_search_open_row_selected (Fixture       *f,
                               gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-search-list");
  ClipperWindow *window;
  gboolean in_view;
  gint64 pelican, maps, last = 0;

  /* Enough hits to scroll: the last one is below the fold. */
  for (guint i = 0; i < 30; i++)
    last = add_article (f->lib.store, "Shore birds", "A heron and a pelican share the shore.",
                        CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  pelican = add_noted_highlight (f, f->ids[0], "Pelicans glide", NULL);
  maps = add_noted_highlight (f, f->ids[3], "city maps", "A pelican drew these");
  search_and_wait (f->window, "pelican");
  spin (100);
  g_assert_cmpuint (shown_selected_hit (f->window, &in_view), ==, GTK_INVALID_LIST_POSITION);

  /* A highlight's hit: its row. */
  clipper_window_open_search_hit (f->window, CLIPPER_SEARCH_HIT_HIGHLIGHT, f->ids[0], pelican, NULL);
  spin (100);
  g_assert_cmpuint (wait_hit_in_view (f->window, &in_view), ==, hit_position (results, f->ids[0], pelican));
  g_assert_true (in_view);
  g_assert_false (focus_is_in (f->window, list));
  /* The article's own hit: its row. */
  clipper_window_open_search_hit (f->window, CLIPPER_SEARCH_HIT_ARTICLE, f->ids[0], 0, NULL);
  spin (100);
  g_assert_cmpuint (shown_selected_hit (f->window, &in_view), ==, hit_position (results, f->ids[0], 0));
  /* An article opened otherwise: its first hit, the highlight's here. */
  clipper_window_open_article (f->window, f->ids[3], 0);
  spin (100);
  g_assert_cmpuint (shown_selected_hit (f->window, &in_view), ==, hit_position (results, f->ids[3], maps));
  /* One the search does not find: none. */
  clipper_window_open_article (f->window, f->ids[1], 0);
  spin (100);
  g_assert_cmpuint (shown_selected_hit (f->window, &in_view), ==, GTK_INVALID_LIST_POSITION);

  /* The last hit, below the fold: scrolled to, the keyboard left where
   * it was. */
  clipper_window_open_search_hit (f->window, CLIPPER_SEARCH_HIT_ARTICLE, last, 0, NULL);
  spin (200);
  g_assert_cmpuint (hit_position (results, last, 0), >, 10);
  g_assert_cmpuint (wait_hit_in_view (f->window, &in_view), ==, hit_position (results, last, 0));
  g_assert_true (in_view);
  g_assert_false (focus_is_in (f->window, list));
  /* Back to the list: the keyboard on that row.  The arrows move it
   * without marking another row than the open article's. */
  g_assert_true (press_window_key (f->window, "<Alt>Left"));
  spin (200);
  g_assert_true (focus_is_in (f->window, list));
  {
    GtkWidget *row = gtk_root_get_focus (GTK_ROOT (f->window));

    while (gtk_widget_get_parent (row) != list)
      row = gtk_widget_get_parent (row);
    g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);
  }
  g_assert_true (press_key_on (list, "Up"));
  spin (100);
  g_assert_true (press_key_on (list, "Up"));
  spin (100);
  g_assert_true (focus_is_in (f->window, list));
  g_assert_cmpuint (shown_selected_hit (f->window, &in_view), ==, hit_position (results, last, 0));
  g_assert_cmpint (clipper_window_get_article_id (f->window), ==, last);

  /* The next start, with the search and the article restored. */
  gtk_window_close (GTK_WINDOW (f->window));
  spin (50);
  window = restored_window (f);
  results = clipper_window_get_search_model (window);
  for (guint i = 0; i < 100 && (clipper_window_get_search_pending (window) || g_list_model_get_n_items (results) == 0); i++)
    spin (50);
  spin (200);
  g_assert_cmpint (clipper_window_get_article_id (window), ==, last);
  g_assert_cmpuint (wait_hit_in_view (window, &in_view), ==, hit_position (results, last, 0));
  g_assert_true (in_view);
  g_assert_false (focus_is_in (window, find_by_css_class (GTK_WIDGET (window), "clipper-search-list")));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  reset_restored_settings ();
}

/* QA: letters typed in the search field took 0.5–0.96 s to show on
 * 10,000 articles, the search running on the UI thread at each one.  It
 * runs on a worker now: the call returns at once, the results come later,
 * and those of a search that a newer one replaced never show. */
static void
test_search_async (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *results = clipper_window_get_search_model (f->window);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (results, "items-changed", G_CALLBACK (on_search_results_changed), seen);
  clipper_window_search (f->window, "pelican");
  g_assert_true (clipper_window_get_search_pending (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  /* The next key, before the first search is done. */
  search_and_wait (f->window, "garden");
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, "Notes on gardens");
  g_assert_cmpuint (seen->len, >, 0);
  g_signal_handlers_disconnect_by_func (results, on_search_results_changed, seen);
}

/* Smaller things: the library's search bar leaves with the Articles page
 * (Ctrl+F on the Highlights page goes to its own filter); Export on
 * Change cannot be switched on with no vault folder; Open Original Page
 * says so when nothing can open the address. */
static void
test_small_things (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (ClipperArticle) odd = clipper_article_new ();
  g_autoptr (GError) error = NULL;
  GtkWidget *bar = find_by_type (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_BAR);
  GtkWidget *review = clipper_window_get_review_page (f->window);
  GtkWidget *prefs, *row;
  GtkLabel *label = NULL;

  search_and_wait (f->window, "pelican");
  g_assert_true (gtk_widget_is_visible (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "highlights"));
  spin (100);
  g_assert_false (gtk_widget_is_visible (bar));
  g_assert_true (press_window_key (f->window, "<Control>f"));
  g_assert_true (focus_is_in (f->window, review));
  g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (f->window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "articles"));
  spin (100);
  g_assert_true (gtk_widget_is_visible (bar));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  search_and_wait (f->window, "");

  /* No vault folder: the row that holds the switch cannot turn it on. */
  g_settings_set_string (settings, "vault-folder", "");
  prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  row = find_by_id (prefs, "export_row");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (row));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_false (g_settings_get_boolean (settings, "export-on-change"));
  /* Nor does a setting made elsewhere (dconf, an old version) stay on. */
  g_settings_set_boolean (settings, "export-on-change", TRUE);
  spin (50);
  g_assert_false (g_settings_get_boolean (settings, "export-on-change"));
  g_settings_set_string (settings, "vault-folder", f->lib.dir);
  spin (50);
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "vault-folder");
  g_settings_reset (settings, "export-on-change");

  /* An address nothing opens (one that is no page at all has no Open
   * Original Page: test_kindle_book_show_no_web_actions()). */
  clipper_article_set_url (odd, "file:///nonexistent-clipper-test/odd.html");
  clipper_article_set_title (odd, "Odd");
  clipper_article_set_text (odd, "Odd text.");
  clipper_article_set_html (odd, "<p>Odd text.</p>");
  clipper_store_add_article (f->lib.store, odd, NULL, &error);
  g_assert_no_error (error);
  clipper_window_open_article (f->window, clipper_article_get_id (odd), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.open-original", NULL));
  for (guint i = 0; i < 100 && label == NULL; i++)
    {
      spin (50);
      label = find_label_with (GTK_WIDGET (f->window), "Page not opened");
    }
  g_assert_nonnull (label);
}

/* The list has the keyboard when the window opens: the arrows go through
 * the articles (and open them), not through the filters above. */
static void
test_list_has_focus (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *list = find_by_css_class (GTK_WIDGET (f->window), "clipper-article-list");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_nonnull (list);
  g_assert_true (GTK_IS_LIST_VIEW (list));
  g_assert_nonnull (focus);
  g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
}

static void
assert_named (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *wrong = NULL;

  g_assert_nonnull (widget);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  if (wrong != NULL)
    g_error ("%s %s: %s", G_OBJECT_TYPE_NAME (widget), name, wrong);
}

/* The search fields, the drop-downs and the dialogs' entries have a name a
 * screen reader says: without one GTK 4.8 said their type ("GtkSearchEntry",
 * "GtkDropDown", "GtkEntry"), and a placeholder is no name (QA finding 8). */
static void
test_fields_named (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *review = clipper_window_get_review_page (f->window);
  AdwMessageDialog *dialog;

  assert_named (find_by_type (find_by_type (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_BAR), GTK_TYPE_SEARCH_ENTRY),
                "Search Library");
  assert_named (find_by_id (GTK_WIDGET (f->window), "filter_dropdown"), "Show");
  assert_named (find_by_id (GTK_WIDGET (f->window), "sort_dropdown"), "Sort");
  assert_named (find_by_id (review, "search_entry"), "Filter Highlights");
  assert_named (find_by_id (review, "color_dropdown"), "Colour");
  assert_named (find_by_id (review, "tag_dropdown"), "Tag");
  /* The list's item, which has the focus, says what its row says. */
  {
    GtkWidget *row = find_by_type (GTK_WIDGET (f->window), CLIPPER_TYPE_ARTICLE_ROW);
    ClipperArticle *article = clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row));
    g_autofree char *label = g_strdup_printf ("%s, Example, unread", clipper_article_get_title (article));

    g_assert_cmpint (clipper_article_get_read_state (article), ==, CLIPPER_READ_STATE_UNREAD);
    assert_named (row, label);
    assert_named (gtk_widget_get_parent (row), label);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-url", NULL));
  dialog = ui_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  assert_named (adw_message_dialog_get_extra_child (dialog), "Address");
  adw_message_dialog_response (dialog, "cancel");
  spin (50);

  clipper_window_open_article (f->window, f->ids[0], 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "library.tag", NULL));
  dialog = ui_test_find_dialog (dialog);
  g_assert_nonnull (dialog);
  assert_named (adw_message_dialog_get_extra_child (dialog), "Tags");
  adw_message_dialog_response (dialog, "cancel");
  spin (50);
}

/* What the Save Page entry (and a paste or a drop) makes of what the user
 * typed: a web address without its scheme is https, or http for this
 * machine's own servers, whose port does not make it a scheme. */
static void
test_save_address (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "https://example.org/a", "https://example.org/a" },
    { "HTTP://Example.org/", "HTTP://Example.org/" },
    { "  example.org/page \n", "https://example.org/page" },
    { "news.example.org", "https://news.example.org" },
    { "example.org:8080/page", "https://example.org:8080/page" },
    { "example.org:8080", "https://example.org:8080" },
    { "localhost:8000/notes.html", "http://localhost:8000/notes.html" },
    { "localhost/notes.html", "http://localhost/notes.html" },
    { "127.0.0.1:8765/page", "http://127.0.0.1:8765/page" },
    { "127.example.org/page", "https://127.example.org/page" },
    { "[::1]:8080/", "http://[::1]:8080/" },
    { "file:///tmp/page.html", "file:///tmp/page.html" },
    { "/tmp/page.html", "file:///tmp/page.html" },
    { "mailto:someone@example.org", NULL },
    { "javascript:alert(1)", NULL },
    { "about:blank", NULL },
    { "example:8080x", NULL },
    { "hello world", NULL },
    { "localhost is down", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = clipper_window_dup_save_uri (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* The titles of the Tags page's rows that show, joined by ", "; the
 * "No Matching Tags" row as "none" when it shows. */
static void
collect_shown_tag_rows (GtkWidget *root, GString *out)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (gtk_widget_has_css_class (root, "clipper-tag-row"))
    g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
  else if (ADW_IS_ACTION_ROW (root) &&
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), "No Matching Tags") == 0)
    g_string_append_printf (out, "%snone", out->len > 0 ? ", " : "");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shown_tag_rows (child, out);
}

static char *
shown_tag_rows (GtkWidget *prefs)
{
  GString *out = g_string_new (NULL);

  collect_shown_tag_rows (prefs, out);
  return g_string_free (out, FALSE);
}

/* The Tags page's search entry (the window has one of its own for its
 * search, which Clipper leaves off). */
static GtkWidget *
find_tags_search (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (root, "placeholder-text", &placeholder, NULL);
      if (g_strcmp0 (placeholder, "Search tags") == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tags_search (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window the print dialog came up over, once it did; the dialog is
 * then cancelled as the reader would (WebKit destroys it as it returns). */
static gboolean
cancel_print_dialog (gpointer data)
{
  GtkWindow **parent = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (window), "GtkPrintUnixDialog") && gtk_widget_get_visible (window))
        {
          *parent = gtk_window_get_transient_for (GTK_WINDOW (window));
          gtk_dialog_response (GTK_DIALOG (window), GTK_RESPONSE_CANCEL);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* QA-m 5: there was no printing.  Print… (win.print, Ctrl+P) is there
 * with an article and not without, and opens WebKit's print dialog over
 * the window.  Printing itself, from that dialog, is not driven here: it
 * needs a printer or the file backend's choice of a file. */
static void
test_print (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *reader;
  GtkWindow *parent = NULL;
  gboolean ready = FALSE;
  guint id;

  g_assert_false (window_action_enabled (f->window, "win.print"));
  clipper_window_open_article (f->window, f->ids[1], 0);
  reader = clipper_window_get_reader (f->window);
  g_signal_connect (reader, "article-ready", G_CALLBACK (on_ready), &ready);
  g_assert_true (wait_for (&ready, 30));
  g_assert_true (window_action_enabled (f->window, "win.print"));

  /* The dialog runs its own loop until it is answered. */
  id = g_timeout_add (100, cancel_print_dialog, &parent);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print", NULL);
  if (parent == NULL)
    g_source_remove (id);
  g_assert_true (parent == GTK_WINDOW (f->window));
}

/* The first toggle button under @widget labelled @label. */
static GtkWidget *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the first of @widget's shortcuts for @key that takes it, as GTK
 * tries one controller after the other. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *key)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      for (guint j = 0; GTK_IS_SHORTCUT_CONTROLLER (controller) && j < g_list_model_get_n_items (G_LIST_MODEL (controller));
           j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, key) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* QA qa-l, finding 9: Preferences → Tags had no search, and a tag among
 * a hundred was found by scrolling.  Its search entry filters the list as
 * typed (any case, accents and a "#" before it aside), says when nothing
 * matches, and is reached by typing on the page or with Ctrl+F. */
static void
test_preferences_tags_search (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "tag1", "tag2", "tag10", "Café", "Reading list", NULL };
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  GtkWidget *search;
  AdwPreferencesPage *page;
  g_autofree char *rows = NULL;

  g_assert_true (clipper_store_tag_article (f->lib.store, f->ids[0], tags, &error));
  g_assert_no_error (error);
  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), f->lib.store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  search = find_tags_search (prefs);
  g_assert_nonnull (search);
  assert_named (search, "Search tags");
  page = ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (search, ADW_TYPE_PREFERENCES_PAGE));
  g_assert_cmpstr (adw_preferences_page_get_title (page), ==, "Tags");
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "birds, Café, Reading list, tag1, tag2, tag10");
  g_clear_pointer (&rows, g_free);

  gtk_editable_set_text (GTK_EDITABLE (search), "TAG1");
  spin (400);
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "tag1, tag10");
  g_clear_pointer (&rows, g_free);
  gtk_editable_set_text (GTK_EDITABLE (search), "#cafe");
  spin (400);
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "Café");
  g_clear_pointer (&rows, g_free);
  gtk_editable_set_text (GTK_EDITABLE (search), "zebra");
  spin (400);
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "none");
  g_clear_pointer (&rows, g_free);

  /* A tag renamed while searching is shown as the search says. */
  gtk_editable_set_text (GTK_EDITABLE (search), "read");
  spin (400);
  g_assert_true (clipper_store_rename_tag (f->lib.store, "tag2", "Reading now", &error));
  g_assert_no_error (error);
  spin (700);
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "Reading list, Reading now");
  g_clear_pointer (&rows, g_free);

  /* Escape empties it first (the window stays), as GNOME Settings does. */
  g_signal_emit_by_name (search, "stop-search");
  spin (400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_true (is_toplevel (GTK_WINDOW (prefs)));
  rows = shown_tag_rows (prefs);
  g_assert_cmpstr (rows, ==, "birds, Café, Reading list, Reading now, tag1, tag10");
  g_clear_pointer (&rows, g_free);

  /* Typing goes to it while the Tags page shows, wherever the keyboard
   * is in the window: on the page alone, the letters typed after a click
   * on the Tags tab (the keyboard on the tab) went nowhere (review,
   * session 20).  Ctrl+F too, on the Tags page only. */
  g_assert_null (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (search)));
  g_assert_false (press_shortcut (prefs, "<Control>f"));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), page);
  spin (100);
  g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (search)) == prefs);
  g_assert_true (press_shortcut (prefs, "<Control>f"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (prefs)), search) ||
                 gtk_root_get_focus (GTK_ROOT (prefs)) == search);

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

/* A value typed into @spin_button, as when Enter is pressed in it. */
static void
type_into_spin (GtkWidget  *spin_button,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin_button), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin_button));
}

/* The text size is @points, shown as @shown in Preferences' @size_spin and
 * the header's @size_button alike. */
static void
assert_text_size (GtkWidget  *size_spin,
                  GtkWidget  *size_button,
                  int         points,
                  const char *shown)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, points);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (size_spin)), ==, shown);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size_button)), ==, shown);
}

/* QA-m 6: the reading settings were in Preferences alone, and nothing
 * showed the size Ctrl+plus made.  The reader's header has them at hand,
 * on the keys Preferences sets: a change on either side shows on the
 * other. */
static void
test_reading_settings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *button = find_by_id (GTK_WIDGET (f->window), "reading_button");
  GtkWidget *size = find_by_id (GTK_WIDGET (f->window), "text_size_button");
  GtkWidget *line_spin = find_by_id (GTK_WIDGET (f->window), "line_width_spin");
  GtkWidget *popover;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)), ==, "font-select-symbolic");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  spin (100);

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "100%");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.text-size", "i", 1);
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 20);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "110%");
  g_settings_set_int (settings, "font-size", 27);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "150%");
  g_signal_emit_by_name (size, "clicked");
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 18);

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_toggle (popover, "Serif"))));
  g_signal_emit_by_name (find_toggle (popover, "Sans"), "clicked");
  g_assert_cmpstr (g_settings_get_string (settings, "font-family"), ==, "sans");
  spin (20);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_toggle (popover, "Sans"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_toggle (popover, "Serif"))));

  g_settings_set_string (settings, "theme", "sepia");
  spin (20);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_toggle (popover, "Sepia"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_toggle (popover, "Follow System"))));
  g_signal_emit_by_name (find_toggle (popover, "Dark"), "clicked");
  g_assert_cmpstr (g_settings_get_string (settings, "theme"), ==, "dark");

  g_assert_cmpint ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (line_spin)), ==, 70);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (line_spin), 90);
  g_assert_cmpint (g_settings_get_int (settings, "line-width"), ==, 90);
  g_settings_set_int (settings, "line-width", 60);
  g_assert_cmpint ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (line_spin)), ==, 60);

  /* One unit each, everywhere (review, session 20): the header said
   * "100 %", Preferences points, and the line width was a bare number.
   * The size is a percentage of the default, as GNOME Web's zoom, the
   * width in characters; a screen reader hears them so. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (line_spin)), ==, "60 characters");
  assert_named (size, "Text size 100%");
  {
    GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
    GtkWidget *size_spin, *width_spin;

    gtk_window_present (GTK_WINDOW (prefs));
    spin (100);
    size_spin = find_by_id (prefs, "text_size_spin");
    width_spin = find_by_id (prefs, "line_width_spin");
    g_assert_nonnull (size_spin);
    g_assert_nonnull (width_spin);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (size_spin)), ==, "100%");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (width_spin)), ==, "60 characters");
    assert_named (size_spin, "Text Size");
    assert_named (width_spin, "Line Width");
    g_settings_set_int (settings, "font-size", 27);
    spin (20);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (size_spin)), ==, "150%");
    /* A percentage typed is one. */
    type_into_spin (size_spin, "120%");
    g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 22);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "120%");
    gtk_window_destroy (GTK_WINDOW (prefs));
    spin (50);
  }

  gtk_popover_popdown (GTK_POPOVER (popover));
  g_settings_reset (settings, "font-size");
  g_settings_reset (settings, "font-family");
  g_settings_reset (settings, "theme");
  g_settings_reset (settings, "line-width");
}

/* Review 21, N7: Preferences' text size stepped a point and showed
 * percent, 106%, 111%, 117% against the header's own steps, and a typed
 * "110" came back as "111%".  Both step a tenth of the default now, and
 * show what was typed. */
static void
test_text_size_steps (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *size = find_by_id (GTK_WIDGET (f->window), "text_size_button");
  GtkWidget *prefs, *size_spin;

  g_settings_reset (settings, "font-size");
  prefs = clipper_preferences_window_new (GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  size_spin = find_by_id (prefs, "text_size_spin");
  g_assert_nonnull (size_spin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (size_spin)), ==, "100%");

  /* Preferences' + is the header's +. */
  gtk_spin_button_spin (GTK_SPIN_BUTTON (size_spin), GTK_SPIN_STEP_FORWARD, 0);
  assert_text_size (size_spin, size, 20, "110%");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.text-size", "i", 1);
  spin (20);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "120%");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (size_spin)), ==, "120%");
  gtk_spin_button_spin (GTK_SPIN_BUTTON (size_spin), GTK_SPIN_STEP_BACKWARD, 0);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (size_spin), GTK_SPIN_STEP_BACKWARD, 0);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (size_spin), GTK_SPIN_STEP_BACKWARD, 0);
  assert_text_size (size_spin, size, 16, "90%");

  /* What is typed is what shows, there and in the header. */
  type_into_spin (size_spin, "110");
  assert_text_size (size_spin, size, 20, "110%");
  /* Between the steps, the size it makes. */
  type_into_spin (size_spin, "90");
  type_into_spin (size_spin, "112");
  assert_text_size (size_spin, size, 20, "110%");
  type_into_spin (size_spin, "135%");
  assert_text_size (size_spin, size, 24, "135%");
  /* Beyond the bounds, the largest size. */
  type_into_spin (size_spin, "400");
  assert_text_size (size_spin, size, 32, "180%");

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
  g_settings_reset (settings, "font-size");
}

int
main (int argc, char **argv)
{
  static gboolean warnings_fatal = TRUE;

  /* GTK's test accessibility backend: it keeps what widgets tell screen
   * readers, for /window/icon-buttons-named to read (the run's "none"
   * keeps nothing), and talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* GTK logs through the structured API, which never asks
   * g_test_log_set_fatal_handler(): warnings are made fatal in the
   * writer, but GTK 4.8's snapshot warning (ui-test-util.h). */
  g_log_set_writer_func (ui_test_log_writer, &warnings_fatal, NULL);
  gtk_test_init (&argc, &argv, NULL);
  /* (Criticals stay fatal as g_test_init() made them.) */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();
  /* No animations: the reader's AdwFlap, its panel coming out in a
   * window made right after another test's, sometimes gave its content and
   * separator a width of -2147483648 (a NaN made an int) for a frame, which
   * GTK warns of; with animations off the panel is simply there, as for a
   * user who turned them off. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/window/export/import-other-library-vault", Fixture, NULL, fixture_setup, test_import_other_library_vault,
              fixture_teardown);
  g_test_add ("/window/export/preferences-other-library-vault", Fixture, NULL, fixture_setup,
              test_preferences_other_library_vault, fixture_teardown);
  g_test_add ("/window/library/list-and-filters", Fixture, NULL, fixture_setup, test_list_and_filters, fixture_teardown);
  g_test_add ("/window/library/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/window/library/search-query-messages", Fixture, NULL, fixture_setup, test_search_query_messages,
              fixture_teardown);
  g_test_add ("/window/library/search-hit-opens-at-match", Fixture, NULL, fixture_setup, test_search_hit_opens_at_match, fixture_teardown);
  g_test_add ("/window/library/delete-with-undo", Fixture, NULL, fixture_setup, test_delete_with_undo, fixture_teardown);
  g_test_add ("/window/library/delete-fails", Fixture, NULL, fixture_setup, test_delete_fails, fixture_teardown);
  g_test_add ("/window/library/busy-library-says-so-at-once", Fixture, NULL, fixture_setup,
              test_busy_library_says_so_at_once, fixture_teardown);
  g_test_add ("/window/library/delete-key-where", Fixture, NULL, fixture_setup, test_delete_key_where, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-escape", Fixture, NULL, fixture_setup, test_highlights_filter_escape,
              fixture_teardown);
  g_test_add ("/window/library/search-hit-selects-words", Fixture, NULL, fixture_setup, test_search_hit_selects_words,
              fixture_teardown);
  g_test_add ("/window/f6-panes", Fixture, NULL, fixture_setup, test_f6_panes, fixture_teardown);
  g_test_add ("/window/export/import-and-error-toasts-fit", Fixture, NULL, fixture_setup, test_import_and_error_toasts_fit,
              fixture_teardown);
  g_test_add ("/window/library/search-hits-told-apart", Fixture, NULL, fixture_setup, test_search_hits_told_apart,
              fixture_teardown);
  g_test_add ("/window/f6-narrow", Fixture, NULL, fixture_setup, test_f6_narrow, fixture_teardown);
  g_test_add ("/window/reader/reader-actions-survive-placeholder", Fixture, NULL, fixture_setup,
              test_reader_actions_survive_placeholder, fixture_teardown);
  g_test_add ("/window/highlights/mouse-highlight-keeps-keyboard", Fixture, NULL, fixture_setup,
              test_mouse_highlight_keeps_keyboard, fixture_teardown);
  g_test_add ("/window/save/link-drop-on-article", Fixture, NULL, fixture_setup, test_link_drop_on_article,
              fixture_teardown);
  g_test_add ("/window/highlights/undo-highlight-or-article", Fixture, NULL, fixture_setup,
              test_undo_highlight_or_article, fixture_teardown);
  g_test_add ("/window/reader/open-in-reader", Fixture, NULL, fixture_setup, test_open_in_reader, fixture_teardown);
  g_test_add ("/window/print", Fixture, NULL, fixture_setup, test_print, fixture_teardown);
  g_test_add ("/window/reading-settings", Fixture, NULL, fixture_setup, test_reading_settings, fixture_teardown);
  g_test_add ("/window/text-size-steps", Fixture, NULL, fixture_setup, test_text_size_steps, fixture_teardown);
  g_test_add ("/window/reader/plain-text-mode", Fixture, NULL, fixture_setup, test_plain_text_mode, fixture_teardown);
  g_test_add ("/window/highlights/highlights-page", Fixture, NULL, fixture_setup, test_highlights_page, fixture_teardown);
  g_test_add ("/window/highlights/highlights-follow-changes", Fixture, NULL, fixture_setup, test_highlights_follow_changes,
              fixture_teardown);
  g_test_add ("/window/library/search-async", Fixture, NULL, fixture_setup, test_search_async, fixture_teardown);
  g_test_add ("/window/library/search-results-hold-still", Fixture, NULL, fixture_setup, test_search_results_hold_still,
              fixture_teardown);
  g_test_add ("/window/library/search-open-row-selected", Fixture, NULL, fixture_setup, test_search_open_row_selected,
              fixture_teardown);
  g_test_add ("/window/library/search-hit-says-why", Fixture, NULL, fixture_setup, test_search_hit_says_why,
              fixture_teardown);
  g_test_add ("/window/highlights/highlights-sort", Fixture, NULL, fixture_setup, test_highlights_sort, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-keeps-width", Fixture, NULL, fixture_setup,
              test_highlights_filter_keeps_width, fixture_teardown);
  g_test_add ("/window/save/progress-keeps-list-still", Fixture, NULL, fixture_setup, test_progress_keeps_list_still,
              fixture_teardown);
  g_test_add ("/window/library/restore-state", Fixture, NULL, fixture_setup, test_restore_state, fixture_teardown);
  g_test_add ("/window/library/restore-list-place", Fixture, NULL, fixture_setup, test_restore_list_place, fixture_teardown);
  g_test_add ("/window/library/external-save-keeps-place", Fixture, NULL, fixture_setup,
              test_external_save_keeps_place, fixture_teardown);
  g_test_add ("/window/library/new-filter-starts-at-top", Fixture, NULL, fixture_setup,
              test_new_filter_starts_at_top, fixture_teardown);
  g_test_add ("/window/library/restore-filters", Fixture, NULL, fixture_setup, test_restore_filters, fixture_teardown);
  g_test_add ("/window/library/restore-search", Fixture, NULL, fixture_setup, test_restore_search, fixture_teardown);
  g_test_add ("/window/highlights/restore-search-on-highlights", Fixture, NULL, fixture_setup,
              test_restore_search_on_highlights, fixture_teardown);
  g_test_add ("/window/library/filter-reading-list", Fixture, NULL, fixture_setup, test_filter_reading_list,
              fixture_teardown);
  g_test_add ("/window/library/restore-reading-position", Fixture, NULL, fixture_setup, test_restore_reading_position,
              fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-follows-rename", Fixture, NULL, fixture_setup,
              test_highlights_filter_follows_rename, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-folds", Fixture, NULL, fixture_setup, test_highlights_filter_folds,
              fixture_teardown);
  g_test_add ("/window/highlights/review-color-names", Fixture, NULL, fixture_setup, test_review_color_names, fixture_teardown);
  g_test_add ("/window/save/save-from-server", Fixture, NULL, fixture_setup, test_save_from_server, fixture_teardown);
  g_test_add ("/window/save/save-failure-retry", Fixture, NULL, fixture_setup, test_save_failure_retry,
              fixture_teardown);
  g_test_add ("/window/save/save-keeps-reader", Fixture, NULL, fixture_setup, test_save_keeps_reader, fixture_teardown);
  g_test_add ("/window/save/save-received", Fixture, NULL, fixture_setup, test_save_received, fixture_teardown);
  g_test_add ("/window/save/save-images-missing", Fixture, NULL, fixture_setup, test_save_images_missing,
              fixture_teardown);
  g_test_add ("/window/save/paywall-preview", Fixture, NULL, fixture_setup, test_save_paywall_preview,
              fixture_teardown);
  g_test_add ("/window/save/fetch-again-preview", Fixture, NULL, fixture_setup, test_fetch_again_preview,
              fixture_teardown);
  g_test_add ("/window/save/fetch-again-preview-lost", Fixture, NULL, fixture_setup, test_fetch_again_preview_lost,
              fixture_teardown);
  g_test_add ("/window/save/close-while-saving", Fixture, NULL, fixture_setup, test_close_while_saving,
              fixture_teardown);
  g_test_add ("/window/save/close-when-save-ends", Fixture, NULL, fixture_setup, test_close_when_save_ends,
              fixture_teardown);
  g_test_add ("/window/save/close-with-saves-in-flight", Fixture, NULL, fixture_setup,
              test_close_with_saves_in_flight, fixture_teardown);
  g_test_add ("/window/save/close-with-fetch-again-in-flight", Fixture, NULL, fixture_setup,
              test_close_with_fetch_again_in_flight, fixture_teardown);
  g_test_add ("/window/save/save-library-gone", Fixture, NULL, fixture_setup, test_save_library_gone,
              fixture_teardown);
  g_test_add ("/window/save/save-http-fallback", Fixture, NULL, fixture_setup, test_save_http_fallback, fixture_teardown);
  g_test_add ("/window/save/fetch-again", Fixture, NULL, fixture_setup, test_fetch_again, fixture_teardown);
  g_test_add ("/window/save/fetch-again-toasts", Fixture, NULL, fixture_setup, test_fetch_again_toasts, fixture_teardown);
  g_test_add ("/window/save/fetch-again-changed-words", Fixture, NULL, fixture_setup,
              test_fetch_again_changed_words, fixture_teardown);
  g_test_add ("/window/save/save-again-changed", Fixture, NULL, fixture_setup, test_save_again_changed,
              fixture_teardown);
  g_test_add ("/window/save/save-again-changed-in-run", Fixture, NULL, fixture_setup,
              test_save_again_changed_in_run, fixture_teardown);
  g_test_add ("/window/highlights/highlights-orphans", Fixture, NULL, fixture_setup, test_highlights_orphans, fixture_teardown);
  g_test_add ("/window/highlights/restore-highlights-orphans", Fixture, NULL, fixture_setup, test_restore_highlights_orphans,
              fixture_teardown);
  g_test_add ("/window/save/fetch-again-failed", Fixture, NULL, fixture_setup, test_fetch_again_failed, fixture_teardown);
  g_test_add ("/window/save/fetch-again-other-article", Fixture, NULL, fixture_setup, test_fetch_again_other_article,
              fixture_teardown);
  g_test_add ("/window/save/fetch-again-other-article-counts", Fixture, NULL, fixture_setup,
              test_fetch_again_other_article_counts, fixture_teardown);
  g_test_add ("/window/save/save-bad-input", Fixture, NULL, fixture_setup, test_save_bad_input, fixture_teardown);
  g_test_add ("/window/export/export-and-import", Fixture, NULL, fixture_setup, test_export_and_import, fixture_teardown);
  g_test_add ("/window/export/job-toast-replaced", Fixture, NULL, fixture_setup, test_job_toast_replaced, fixture_teardown);
  g_test_add ("/window/export/export-on-change-keeps-import-toast", Fixture, NULL, fixture_setup,
              test_export_on_change_keeps_import_toast, fixture_teardown);
  g_test_add ("/window/export/export-on-change-shows-notices", Fixture, NULL, fixture_setup,
              test_export_on_change_shows_notices, fixture_teardown);
  g_test_add ("/window/export/export-on-change-copy-once", Fixture, NULL, fixture_setup,
              test_export_on_change_copy_once, fixture_teardown);
  g_test_add ("/window/export/export-on-change-removed-highlight", Fixture, NULL, fixture_setup,
              test_export_on_change_removed_highlight, fixture_teardown);
  g_test_add ("/window/export/import-details", Fixture, NULL, fixture_setup, test_import_details, fixture_teardown);
  g_test_add ("/window/export/import-details-own", Fixture, NULL, fixture_setup, test_import_details_own,
              fixture_teardown);
  g_test_add ("/window/export/kindle-book-show-no-web-actions", Fixture, NULL, fixture_setup,
              test_kindle_book_show_no_web_actions, fixture_teardown);
  g_test_add ("/window/export/kindle-import-summary", Fixture, NULL, fixture_setup, test_kindle_import_summary,
              fixture_teardown);
  g_test_add ("/window/export/hypothesis-import-summary", Fixture, NULL, fixture_setup, test_hypothesis_import_summary,
              fixture_teardown);
  g_test_add ("/window/highlights/narrow-back-to-highlights", Fixture, NULL, fixture_setup, test_narrow_back_to_highlights,
              fixture_teardown);
  g_test_add ("/window/export/details-show-whole-text", Fixture, NULL, fixture_setup, test_details_show_whole_text,
              fixture_teardown);
  g_test_add ("/window/export/export-article-keeps-user-text", Fixture, NULL, fixture_setup,
              test_export_article_keeps_user_text, fixture_teardown);
  g_test_add ("/window/export/export-asks-before-filling-folder", Fixture, NULL, fixture_setup,
              test_export_asks_before_filling_folder, fixture_teardown);
  g_test_add ("/window/export/preferences-vault-folder-asks", Fixture, NULL, fixture_setup,
              test_preferences_vault_folder_asks, fixture_teardown);
  g_test_add ("/window/export/export-toast-opens-folder", Fixture, NULL, fixture_setup,
              test_export_toast_opens_folder, fixture_teardown);
  g_test_add ("/window/export/json-export-toast-opens-folder", Fixture, NULL, fixture_setup,
              test_json_export_toast_opens_folder, fixture_teardown);
  g_test_add ("/window/highlights/highlights-tag-menu-many", Fixture, NULL, fixture_setup, test_highlights_tag_menu_many,
              fixture_teardown);
  g_test_add ("/window/highlights/search-filters", Fixture, NULL, fixture_setup, test_highlights_search_filters,
              fixture_teardown);
  g_test_add ("/window/highlights/tag-menu-enter", Fixture, NULL, fixture_setup, test_highlights_tag_menu_enter,
              fixture_teardown);
  g_test_add ("/window/highlights/not-placed", Fixture, NULL, fixture_setup, test_highlights_not_placed,
              fixture_teardown);
  g_test_add ("/window/export/export-on-change-at-once", Fixture, NULL, fixture_setup, test_export_on_change_at_once,
              fixture_teardown);
  g_test_add ("/window/export/export-article-through-link", Fixture, NULL, fixture_setup,
              test_export_article_through_link, fixture_teardown);
  g_test_add ("/window/export/export-library-gone", Fixture, NULL, fixture_setup, test_export_library_gone,
              fixture_teardown);
  g_test_add ("/window/export/export-on-change-other-library", Fixture, NULL, fixture_setup,
              test_export_on_change_other_library, fixture_teardown);
  g_test_add ("/window/preferences-and-shortcuts", Fixture, NULL, fixture_setup, test_preferences_and_shortcuts, fixture_teardown);
  g_test_add ("/window/preferences-tags", Fixture, NULL, fixture_setup, test_preferences_tags, fixture_teardown);
  g_test_add ("/window/preferences-errors-not-queued", Fixture, NULL, fixture_setup,
              test_preferences_errors_not_queued, fixture_teardown);
  g_test_add ("/window/reader/narrow-and-size", Fixture, NULL, fixture_setup, test_narrow_and_size, fixture_teardown);
  g_test_add ("/window/tag-and-save-dialogs", Fixture, NULL, fixture_setup, test_tag_and_save_dialogs, fixture_teardown);
  g_test_add ("/window/tag-dialog-chips", Fixture, NULL, fixture_setup, test_tag_dialog_chips, fixture_teardown);
  g_test_add ("/window/save/save-burst-one-toast", Fixture, NULL, fixture_setup, test_save_burst_one_toast,
              fixture_teardown);
  g_test_add ("/window/save/save-several-shows-newest", Fixture, NULL, fixture_setup, test_save_several_shows_newest,
              fixture_teardown);
  g_test_add ("/window/save/save-burst-failures", Fixture, NULL, fixture_setup, test_save_burst_failures,
              fixture_teardown);
  g_test_add ("/window/save/save-burst-failure-stays", Fixture, NULL, fixture_setup, test_save_burst_failure_stays,
              fixture_teardown);
  g_test_add ("/window/save/save-failures-summed", Fixture, NULL, fixture_setup, test_save_failures_summed,
              fixture_teardown);
  g_test_add ("/window/save/save-dialog-early-return", Fixture, NULL, fixture_setup, test_save_dialog_early_return,
              fixture_teardown);
  g_test_add ("/window/save/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/window/icon-buttons-named", Fixture, NULL, fixture_setup, test_icon_buttons_named, fixture_teardown);
  g_test_add ("/window/icons-say-what-they-do", Fixture, NULL, fixture_setup, test_icons_say_what_they_do,
              fixture_teardown);
  g_test_add ("/window/fields-named", Fixture, NULL, fixture_setup, test_fields_named, fixture_teardown);
  g_test_add ("/window/library/list-has-focus", Fixture, NULL, fixture_setup, test_list_has_focus, fixture_teardown);
  g_test_add_func ("/app/open-saves-files-and-links", test_app_open);
  g_test_add_func ("/app/read-only-library", test_app_read_only);
  g_test_add_func ("/app/read-only-library-unreadable", test_app_read_only_unreadable);
  g_test_add_func ("/app/db-folder-missing", test_app_db_folder_missing);
  g_test_add_func ("/app/new-library-named", test_app_new_library_named);
  g_test_add_func ("/app/shortcuts-narrow", test_app_shortcuts_narrow);
  g_test_add ("/window/toast-text", Fixture, NULL, fixture_setup, test_toast_text, fixture_teardown);
  g_test_add ("/window/toasts-fit-narrow", Fixture, NULL, fixture_setup, test_toasts_fit_narrow, fixture_teardown);
  g_test_add_func ("/window/save/save-failure-message", test_save_failure_message);
  g_test_add_func ("/window/save/save-failure-translatable", test_save_failure_translatable);
  g_test_add_func ("/window/reader/panel-css", test_panel_css);
  g_test_add_func ("/window/highlights/highlight-colors-agree", test_highlight_colors_agree);
  g_test_add ("/window/export/file-dialogs-start-elsewhere", Fixture, NULL, fixture_setup, test_file_dialogs_start_elsewhere, fixture_teardown);
  g_test_add ("/window/export/file-dialog-keeps-library-locks", Fixture, NULL, fixture_setup,
              test_file_dialog_keeps_library_locks, fixture_teardown);
  g_test_add ("/window/export/export-dialogs-remember-their-folder", Fixture, NULL, fixture_setup,
              test_export_dialogs_remember_their_folder, fixture_teardown);
  g_test_add ("/window/save/save-from-file", Fixture, NULL, fixture_setup, test_save_from_file, fixture_teardown);
  g_test_add ("/window/library/opening-marks-read", Fixture, NULL, fixture_setup, test_opening_marks_read, fixture_teardown);
  g_test_add ("/window/reader/open-link-to-saved-article", Fixture, NULL, fixture_setup, test_link_to_saved_article,
              fixture_teardown);
  g_test_add ("/window/reader/back-from-saved-copy", Fixture, NULL, fixture_setup, test_back_from_saved_copy,
              fixture_teardown);
  g_test_add ("/window/reader/open-link-to-saved-fragment", Fixture, NULL, fixture_setup, test_link_to_saved_fragment,
              fixture_teardown);
  g_test_add ("/window/reader/open-link-to-deleted-article", Fixture, NULL, fixture_setup,
              test_link_to_deleted_article, fixture_teardown);
  g_test_add ("/window/reader/back-after-reload", Fixture, NULL, fixture_setup, test_back_after_reload,
              fixture_teardown);
  g_test_add ("/window/library/restore-keeps-unread", Fixture, NULL, fixture_setup, test_restore_keeps_unread, fixture_teardown);
  g_test_add ("/window/keys", Fixture, NULL, fixture_setup, test_window_keys, fixture_teardown);
  g_test_add ("/window/library/arrows-keep-list-focus", Fixture, NULL, fixture_setup,
              test_arrows_keep_list_focus, fixture_teardown);
  g_test_add_func ("/window/save/save-keeps-focus-off-header", test_save_keeps_focus_off_header);
  g_test_add ("/window/library/type-to-search-in-list-only", Fixture, NULL, fixture_setup,
              test_type_to_search_in_list_only, fixture_teardown);
  g_test_add ("/window/library/search-escape-returns-focus", Fixture, NULL, fixture_setup,
              test_search_escape_returns_focus, fixture_teardown);
  g_test_add ("/window/highlights/highlights-delete-while-searching", Fixture, NULL, fixture_setup,
              test_highlights_delete_while_searching, fixture_teardown);
  g_test_add_func ("/window/first-frame-keeps-focus", test_first_frame_keeps_focus);
  g_test_add ("/window/highlights/restore-highlights-has-keyboard", Fixture, NULL, fixture_setup,
              test_restore_highlights_has_keyboard, fixture_teardown);
  g_test_add ("/window/library/back-focuses-open-row", Fixture, NULL, fixture_setup,
              test_back_focuses_open_row, fixture_teardown);
  g_test_add ("/window/library/search-results-escape", Fixture, NULL, fixture_setup,
              test_search_results_escape, fixture_teardown);
  g_test_add ("/window/highlights/highlight-and-hit-rows-named", Fixture, NULL, fixture_setup,
              test_highlight_and_hit_rows_named, fixture_teardown);
  g_test_add ("/window/highlights/highlights-page-delete", Fixture, NULL, fixture_setup,
              test_highlights_page_delete, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-down-return", Fixture, NULL, fixture_setup,
              test_highlights_filter_down_return, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-scrolls-to-top", Fixture, NULL, fixture_setup,
              test_highlights_filter_scrolls_to_top, fixture_teardown);
  g_test_add ("/window/highlights/highlights-count-and-title-match", Fixture, NULL, fixture_setup,
              test_highlights_count_and_title_match, fixture_teardown);
  g_test_add ("/window/highlights/highlights-article-tag", Fixture, NULL, fixture_setup,
              test_highlights_article_tag, fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-tags", Fixture, NULL, fixture_setup, test_highlights_filter_tags,
              fixture_teardown);
  g_test_add ("/window/highlights/highlights-filter-bar-widths", Fixture, NULL, fixture_setup,
              test_highlights_filter_bar_widths, fixture_teardown);
  g_test_add ("/window/library/articles-menus-no-tooltip", Fixture, NULL, fixture_setup,
              test_articles_menus_no_tooltip, fixture_teardown);
  g_test_add ("/window/library/rebuilt-rows-keep-focus", Fixture, NULL, fixture_setup,
              test_rebuilt_rows_keep_focus, fixture_teardown);
  g_test_add ("/window/highlights/highlights-undo-focus", Fixture, NULL, fixture_setup, test_highlights_undo_focus,
              fixture_teardown);
  g_test_add ("/window/toast-after-staying-toast", Fixture, NULL, fixture_setup,
              test_toast_after_staying_toast, fixture_teardown);
  g_test_add ("/window/highlights/highlights-undo-stack", Fixture, NULL, fixture_setup,
              test_highlights_undo_stack, fixture_teardown);
  g_test_add ("/window/library/undo-delete-reopens", Fixture, NULL, fixture_setup, test_undo_delete_reopens,
              fixture_teardown);
  g_test_add ("/window/library/undo-several-deletes", Fixture, NULL, fixture_setup, test_undo_several_deletes,
              fixture_teardown);
  g_test_add ("/window/reader/text-size-keys", Fixture, NULL, fixture_setup, test_text_size_keys, fixture_teardown);
  g_test_add ("/window/library/filters-say-what-they-do", Fixture, NULL, fixture_setup, test_filters_say_what_they_do, fixture_teardown);
  g_test_add ("/window/reader/narrow-keeps-article-readable", Fixture, NULL, fixture_setup, test_narrow_keeps_article_readable, fixture_teardown);
  g_test_add ("/window/reader/large-text-narrow-window", Fixture, NULL, fixture_setup, test_large_text_narrow_window,
              fixture_teardown);
  g_test_add ("/window/reader/narrow-reader-header", Fixture, NULL, fixture_setup, test_narrow_reader_header,
              fixture_teardown);
  g_test_add ("/window/small-things", Fixture, NULL, fixture_setup, test_small_things, fixture_teardown);
  g_test_add ("/window/tags-natural-order", Fixture, NULL, fixture_setup, test_tags_natural_order,
              fixture_teardown);
  g_test_add ("/window/highlights/highlights-note-lines", Fixture, NULL, fixture_setup, test_highlights_note_lines,
              fixture_teardown);
  g_test_add ("/window/preferences-tags-search", Fixture, NULL, fixture_setup, test_preferences_tags_search,
              fixture_teardown);
  g_test_add_func ("/window/first-screen-then-all-rows", test_first_screen_then_all_rows);
  g_test_add_func ("/window/empty-library-focus", test_empty_library_focus);
  g_test_add_func ("/window/first-use-and-shortcuts", test_first_use_and_shortcuts);
  g_test_add_func ("/app/clipper-uri", test_clipper_uri);
  g_test_add_func ("/window/save/save-address", test_save_address);
  g_test_add_func ("/window/library/row-tags", test_row_tags);
  g_test_add_func ("/window/library/row-more-tags-quoted", test_row_more_tags_quoted);
  g_test_add_func ("/window/library/row-accessible-label", test_row_accessible_label);
  g_test_add_func ("/window/library/row-date-and-reading-time", test_row_date_and_reading_time);
  g_test_add_func ("/window/library/row-reading-time-kept", test_row_reading_time_kept);
  g_test_add_func ("/window/library/row-book-date", test_row_book_date);
  g_test_add_func ("/window/highlights/review-row-note-and-date", test_review_row_note_and_date);
  g_test_add_func ("/window/highlights/review-row-all-tags", test_review_row_all_tags);
  g_test_add_func ("/window/highlights/review-row-changed-quote", test_review_row_changed_quote);
  g_test_add_func ("/window/highlights/review-row-old-quote", test_review_row_old_quote);
  g_test_add_func ("/window/library/row-byline-without-site", test_row_byline_without_site);
  g_test_add_func ("/window/highlights/review-row-kindle-location", test_review_row_kindle_location);

  return g_test_run ();
}
