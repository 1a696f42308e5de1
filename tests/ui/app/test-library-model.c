/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperLibraryModel against a real SQLite library: it pages lazily,
 * every row comes exactly once, filters and hiding give the right rows,
 * and it follows changes made through another connection.
 */
#define G_LOG_DOMAIN "test-library-model"

#include <adwaita.h>

#include "app-test-util.h"
#include "clipper-library-model.h"

static void
fill_many (ClipperStore *store,
           guint         n)
{
  g_autoptr (GError) error = NULL;
  static guint batch;

  batch++;
  clipper_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ClipperArticle) article = clipper_article_new ();
      g_autofree char *url = g_strdup_printf ("https://example.org/many/%u/%u", batch, i);
      g_autofree char *title = g_strdup_printf ("Article %05u", i);

      clipper_article_set_url (article, url);
      clipper_article_set_title (article, title);
      clipper_article_set_text (article, "Some text.");
      clipper_article_set_html (article, "<p>Some text.</p>");
      clipper_store_add_article (store, article, NULL, &error);
      g_assert_no_error (error);
    }
  clipper_store_commit (store, &error);
  g_assert_no_error (error);
}

static void
test_paging_lazily (void)
{
  TestLibrary lib;
  g_autoptr (ClipperLibraryModel) model = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (ClipperArticle) first = NULL;
  g_autoptr (ClipperArticle) last = NULL;
  GtkWidget *window;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkListItemFactory *factory;
  guint n;

  test_library_init (&lib);
  fill_many (lib.store, 10000);

  model = clipper_library_model_new (lib.store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10000);
  /* Counting reads no page. */
  g_assert_cmpuint (clipper_library_model_get_n_page_fetches (model), ==, 0);

  /* Show it in a real list view: only the rows on screen are asked for. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  factory = gtk_signal_list_item_factory_new ();
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (model)))), factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);

  n = clipper_library_model_get_n_page_fetches (model);
  g_test_message ("pages fetched after showing the list: %u", n);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 3);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Newest first: the last article added is the first row. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (clipper_article_get_title (first), ==, "Article 09999");

  /* Jumping to the end walks the keys, but keeps few pages of rows. */
  last = g_list_model_get_item (G_LIST_MODEL (model), 9999);
  g_assert_nonnull (last);
  g_assert_cmpstr (clipper_article_get_title (last), ==, "Article 00000");
  g_assert_cmpuint (clipper_library_model_get_n_cached_pages (model), <=, 12);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 10000));

  /* Every row exactly once, in order, whichever way pages were dropped. */
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr (ClipperArticle) a = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = clipper_article_get_id (a);
      g_autofree char *expected = g_strdup_printf ("Article %05u", 9999 - i);

      g_assert_cmpstr (clipper_article_get_title (a), ==, expected);
      g_assert_false (g_hash_table_contains (seen, &id));
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  g_assert_cmpuint (clipper_library_model_get_n_cached_pages (model), <=, 12);

  g_clear_object (&model);
  test_library_clear (&lib);
}

static void
test_filters_and_sort (void)
{
  TestLibrary lib;
  g_autoptr (ClipperLibraryModel) model = NULL;
  g_autoptr (ClipperArticle) item = NULL;

  test_library_init (&lib);
  add_article (lib.store, "Beta unread", "one", CLIPPER_READ_STATE_UNREAD, FALSE, "work");
  add_article (lib.store, "Alpha read starred", "two", CLIPPER_READ_STATE_READ, TRUE, NULL);
  add_article (lib.store, "Gamma archived", "three", CLIPPER_READ_STATE_ARCHIVED, FALSE, "work");
  add_article (lib.store, "Delta archived starred", "four", CLIPPER_READ_STATE_ARCHIVED, TRUE, "fun");

  model = clipper_library_model_new (lib.store);
  /* Unread is the inbox: everything not archived. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  clipper_library_model_set_state (model, CLIPPER_STATE_FILTER_ARCHIVED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  clipper_library_model_set_state (model, CLIPPER_STATE_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);

  clipper_library_model_set_starred_only (model, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  clipper_library_model_set_starred_only (model, FALSE);

  clipper_library_model_set_tag (model, "work");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  clipper_library_model_set_tag (model, "nobody-uses-this");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  clipper_library_model_set_tag (model, NULL);

  clipper_library_model_set_sort (model, CLIPPER_LIST_SORT_TITLE_ASC);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (clipper_article_get_title (item), ==, "Alpha read starred");
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_assert_cmpstr (clipper_article_get_title (item), ==, "Gamma archived");
  g_clear_object (&item);

  clipper_library_model_set_sort (model, CLIPPER_LIST_SORT_SAVED_ASC);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (clipper_article_get_title (item), ==, "Beta unread");

  g_clear_object (&model);
  test_library_clear (&lib);
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
  gboolean any;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
  changes->any = TRUE;
}

static void
test_hide_and_unhide (void)
{
  TestLibrary lib;
  g_autoptr (ClipperLibraryModel) model = NULL;
  g_autoptr (ClipperArticle) second = NULL;
  g_autoptr (ClipperArticle) item = NULL;
  Changes changes = { 0 };
  gint64 hidden;

  test_library_init (&lib);
  fill_many (lib.store, 250);
  model = clipper_library_model_new (lib.store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  hidden = clipper_article_get_id (second);
  clipper_library_model_hide (model, hidden);

  g_assert_true (clipper_library_model_is_hidden (model, hidden));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 249);

  item = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (clipper_article_get_title (item), ==, "Article 00247");
  g_clear_object (&item);
  /* Rows past the shortened page still line up. */
  item = g_list_model_get_item (G_LIST_MODEL (model), 248);
  g_assert_cmpstr (clipper_article_get_title (item), ==, "Article 00000");
  g_clear_object (&item);

  /* A reload (the file changed) keeps it hidden and the count right. */
  clipper_library_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 249);
  for (guint i = 0; i < 249; i++)
    {
      item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (clipper_article_get_id (item), !=, hidden);
      g_clear_object (&item);
    }

  clipper_library_model_unhide (model, hidden);
  g_assert_false (clipper_library_model_is_hidden (model, hidden));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 250);
  item = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpint (clipper_article_get_id (item), ==, hidden);

  g_clear_object (&model);
  test_library_clear (&lib);
}

static void
test_follows_other_connection (void)
{
  TestLibrary lib;
  g_autoptr (ClipperLibraryModel) model = NULL;
  g_autoptr (ClipperStore) other = NULL;
  g_autoptr (ClipperArticle) before = NULL;
  g_autoptr (ClipperArticle) after = NULL;
  g_autoptr (ClipperArticle) full = NULL;
  g_autoptr (GError) error = NULL;
  Changes changes = { 0 };
  gulong handler;
  gint64 id;

  test_library_init (&lib);
  fill_many (lib.store, 150);
  model = clipper_library_model_new (lib.store);
  clipper_store_watch (lib.store);
  before = g_list_model_get_item (G_LIST_MODEL (model), 5);

  /* Another connection (as clipper-cli would be) adds an article. */
  other = clipper_store_open (lib.path, &error);
  g_assert_no_error (error);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  id = add_article (other, "Written elsewhere", "text", CLIPPER_READ_STATE_UNREAD, FALSE, NULL);
  g_assert_true (wait_for (&changes.any, 10));
  g_signal_handler_disconnect (model, handler);
  /* Reported as one row added at the top, not as a new list: the view
   * keeps its place. */
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 151);
  after = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (clipper_article_get_id (after), ==, id);
  g_clear_object (&after);

  /* Starring one row elsewhere changes just that row: the other rows keep
   * their objects, so the view keeps its place. */
  g_clear_object (&before);
  before = g_list_model_get_item (G_LIST_MODEL (model), 5);
  full = clipper_store_get_article (other, clipper_article_get_id (before), &error);
  g_assert_no_error (error);
  clipper_article_set_starred (full, TRUE);
  changes = (Changes) { 0 };
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  clipper_store_update_article (other, full, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (&changes.any, 10));
  g_signal_handler_disconnect (model, handler);
  g_assert_cmpuint (changes.position, ==, 5);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  after = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_true (clipper_article_get_starred (after));
  g_clear_object (&after);
  after = g_list_model_get_item (G_LIST_MODEL (model), 6);
  g_assert_nonnull (after);
  g_clear_object (&after);

  /* Archiving row 7 elsewhere takes just that row out of the inbox. */
  g_clear_object (&before);
  g_clear_object (&full);
  before = g_list_model_get_item (G_LIST_MODEL (model), 7);
  full = clipper_store_get_article (other, clipper_article_get_id (before), &error);
  g_assert_no_error (error);
  clipper_article_set_read_state (full, CLIPPER_READ_STATE_ARCHIVED);
  changes = (Changes) { 0 };
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  clipper_store_update_article (other, full, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (&changes.any, 10));
  g_signal_handler_disconnect (model, handler);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 7);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 150);
  after = g_list_model_get_item (G_LIST_MODEL (model), 7);
  g_assert_cmpint (clipper_article_get_id (after), !=, clipper_article_get_id (before));

  g_clear_object (&model);
  g_clear_object (&other);
  test_library_clear (&lib);
}

static void
test_deferred_count (void)
{
  TestLibrary lib;
  g_autoptr (ClipperLibraryModel) model = NULL;
  g_autoptr (ClipperLibraryModel) small = NULL;
  g_autoptr (ClipperArticle) last = NULL;
  Changes changes = { 0 };

  test_library_init (&lib);
  fill_many (lib.store, 50);

  /* A list that fits in one page is complete at once. */
  small = clipper_library_model_new_deferred (lib.store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 50);
  g_assert_cmpuint (clipper_library_model_get_n_page_fetches (small), ==, 1);

  fill_many (lib.store, 1000);
  model = clipper_library_model_new_deferred (lib.store);
  /* One page to show at once; the rest arrives with the background count. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (wait_for (&changes.any, 20));
  g_assert_cmpuint (changes.position, ==, CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1050 - CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1050);
  last = g_list_model_get_item (G_LIST_MODEL (model), 1049);
  g_assert_nonnull (last);
  g_clear_object (&last);
  g_clear_object (&model);

  /* The window's start: the count waits until it is asked for (after the
   * first frame), then arrives the same way. */
  model = clipper_library_model_new_first_page (lib.store);
  changes = (Changes) { 0 };
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  spin (300);
  g_assert_false (changes.any);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
  clipper_library_model_count_rest (model);
  clipper_library_model_count_rest (model);   /* a second call starts nothing more */
  g_assert_true (wait_for (&changes.any, 20));
  g_assert_cmpuint (changes.added, ==, 1050 - CLIPPER_LIBRARY_MODEL_PAGE_SIZE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1050);
  g_clear_object (&model);

  /* A reload before the count is asked for counts by itself; the held
   * count is then dropped. */
  model = clipper_library_model_new_first_page (lib.store);
  clipper_library_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1050);
  changes = (Changes) { 0 };
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  clipper_library_model_count_rest (model);
  spin (300);
  g_assert_false (changes.any);
  g_clear_object (&model);

  /* A long list: after the count, a worker reads every page's key, and a
   * jump to the end then reads one page instead of walking them all. */
  fill_many (lib.store, 3950);
  model = clipper_library_model_new_deferred (lib.store);
  changes = (Changes) { 0 };
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (wait_for (&changes.any, 20));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5000);
  for (guint i = 0; i < 400 && clipper_library_model_get_n_keys (model) < 50; i++)
    spin (50);
  g_assert_cmpuint (clipper_library_model_get_n_keys (model), ==, 50);
  {
    guint before = clipper_library_model_get_n_page_fetches (model);

    last = g_list_model_get_item (G_LIST_MODEL (model), 4999);
    g_assert_cmpuint (clipper_library_model_get_n_page_fetches (model) - before, ==, 1);
    g_assert_cmpstr (clipper_article_get_title (last), ==, "Article 00000");
  }

  g_clear_object (&model);
  g_clear_object (&small);
  test_library_clear (&lib);
}

static void
test_bad_store_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperStore) store = clipper_store_open ("/proc/clipper-cannot-be-here/library.db", &error);

  /* The app shows this message when the library cannot be opened. */
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/library-model/paging-lazily", test_paging_lazily);
  g_test_add_func ("/library-model/filters-and-sort", test_filters_and_sort);
  g_test_add_func ("/library-model/hide-and-unhide", test_hide_and_unhide);
  g_test_add_func ("/library-model/follows-other-connection", test_follows_other_connection);
  g_test_add_func ("/library-model/deferred-count", test_deferred_count);
  g_test_add_func ("/library-model/bad-store-path", test_bad_store_path);

  return g_test_run ();
}
