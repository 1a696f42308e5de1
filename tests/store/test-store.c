/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library store on real SQLite files in temporary folders.
 */
#define G_LOG_DOMAIN "test-store"

#include "clipper-store.h"
#include "clipper-store-private.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir;
  char *path;
  ClipperStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("clipper-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ClipperArticle *
make_article (const char *url, const char *title, const char *text)
{
  ClipperArticle *article = clipper_article_new ();
  g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, title);
  clipper_article_set_text (article, text);
  clipper_article_set_html (article, html);
  clipper_article_set_site_name (article, "Example");
  clipper_article_set_word_count (article, 3);
  return article;
}

static gint64
add_article (Fixture *f, const char *url, const char *title, const char *text)
{
  g_autoptr(ClipperArticle) article = make_article (url, title, text);
  g_autoptr(GError) error = NULL;

  clipper_store_add_article (f->store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_article_get_id (article), >, 0);
  return clipper_article_get_id (article);
}

static gint64
add_highlight (Fixture *f, gint64 article_id, const char *quote, const char *note, gint64 start)
{
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;

  clipper_highlight_set_article_id (highlight, article_id);
  clipper_highlight_set_quote (highlight, quote);
  clipper_highlight_set_note (highlight, note);
  clipper_highlight_set_range (highlight, start, start + g_utf8_strlen (quote, -1));
  clipper_store_add_highlight (f->store, highlight, &error);
  g_assert_no_error (error);
  return clipper_highlight_get_id (highlight);
}

static void
test_article_crud (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperArticle) article = make_article ("https://example.org/a", "A title", "Some words here");
  g_autoptr(ClipperArticle) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpint (clipper_store_get_schema_version (f->store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  clipper_article_set_canonical_url (article, "https://example.org/canonical");
  clipper_article_set_byline (article, "Ada");
  clipper_article_set_lang (article, "en");
  clipper_article_set_dir (article, "ltr");
  clipper_article_set_published_time (article, "2024-01-02T03:04:05Z");
  clipper_article_set_excerpt (article, "An excerpt");
  clipper_article_set_lead_image (article, "https://example.org/i.png");
  g_assert_true (clipper_store_add_article (f->store, article, NULL, &error));
  g_assert_no_error (error);
  id = clipper_article_get_id (article);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (clipper_article_get_saved_at (article), >, 1700000000);
  g_assert_cmpint (clipper_article_get_updated_at (article), >=, clipper_article_get_saved_at (article));

  got = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (got), ==, "https://example.org/a");
  g_assert_cmpstr (clipper_article_get_canonical_url (got), ==, "https://example.org/canonical");
  g_assert_cmpstr (clipper_article_get_title (got), ==, "A title");
  g_assert_cmpstr (clipper_article_get_byline (got), ==, "Ada");
  g_assert_cmpstr (clipper_article_get_site_name (got), ==, "Example");
  g_assert_cmpstr (clipper_article_get_lang (got), ==, "en");
  g_assert_cmpstr (clipper_article_get_dir (got), ==, "ltr");
  g_assert_cmpstr (clipper_article_get_published_time (got), ==, "2024-01-02T03:04:05Z");
  g_assert_cmpstr (clipper_article_get_excerpt (got), ==, "An excerpt");
  g_assert_cmpstr (clipper_article_get_lead_image (got), ==, "https://example.org/i.png");
  g_assert_cmpstr (clipper_article_get_html (got), ==, "<p>Some words here</p>");
  g_assert_cmpstr (clipper_article_get_text (got), ==, "Some words here");
  g_assert_cmpuint (clipper_article_get_word_count (got), ==, 3);
  g_assert_cmpint (clipper_article_get_saved_at (got), ==, clipper_article_get_saved_at (article));
  g_assert_cmpuint (g_strv_length ((char **) clipper_article_get_tags (got)), ==, 0);

  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/a", &error), ==, id);
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/canonical", &error), ==, id);
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/none", &error), ==, 0);
  g_assert_no_error (error);

  clipper_article_set_title (got, "New title");
  clipper_article_set_starred (got, TRUE);
  clipper_article_set_read_state (got, CLIPPER_READ_STATE_ARCHIVED);
  clipper_article_set_reading_position (got, 0.5);
  g_assert_true (clipper_store_update_article (f->store, got, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "New title");
  g_assert_true (clipper_article_get_starred (article));
  g_assert_cmpint (clipper_article_get_read_state (article), ==, CLIPPER_READ_STATE_ARCHIVED);
  g_assert_cmpfloat (clipper_article_get_reading_position (article), ==, 0.5);

  g_assert_true (clipper_store_delete_article (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_null (article);
}

/* Runs a statement on a second, raw connection and returns the first
 * column of the first row: the tests look at the file, not at the API. */
static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
raw_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_article_duplicate (Fixture *f, gconstpointer data)
{
  gint64 first = add_article (f, "https://example.org/dup", "First", "one");
  gint64 second = add_article (f, "https://example.org/other", "Second", "two");
  g_autoptr(ClipperArticle) again = make_article ("https://example.org/dup", "Again", "three");
  g_autoptr(ClipperArticle) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("article %" G_GINT64_FORMAT, first);

  g_assert_false (clipper_store_add_article (f->store, again, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "https://example.org/dup"));
  g_assert_cmpint (clipper_article_get_id (again), ==, 0);
  g_clear_error (&error);

  /* Moving another article onto a saved URL is a duplicate too. */
  moved = clipper_store_get_article (f->store, second, &error);
  g_assert_no_error (error);
  clipper_article_set_url (moved, "https://example.org/dup");
  g_assert_false (clipper_store_update_article (f->store, moved, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 2);
}

static void
test_unknown_ids (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = make_article ("https://example.org/x", "X", "x");
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GBytes) page = g_bytes_new_static ("<p>x</p>", 8);
  const char *tags[] = { "t", NULL };
  ClipperHighlightQuery hq = { .article_id = 42 };
  GBytes *none;

  g_assert_null (clipper_store_get_article (f->store, 42, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no article with id 42");
  g_clear_error (&error);

  clipper_article_set_id (article, 42);
  g_assert_false (clipper_store_update_article (f->store, article, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_delete_article (f->store, 42, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_tag_article (f->store, 42, tags, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_untag_article (f->store, 42, tags, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_set_original_page (f->store, 42, page, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  none = clipper_store_dup_original_page (f->store, 42, &error);
  g_assert_null (none);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_add_image (f->store, 42, "https://example.org/i.png", "image/png", page, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (clipper_store_list_highlights (f->store, &hq, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  clipper_highlight_set_article_id (highlight, 42);
  clipper_highlight_set_quote (highlight, "x");
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no article with id 42");
  g_assert_cmpint (clipper_highlight_get_id (highlight), ==, 0);
  g_clear_error (&error);

  g_assert_null (clipper_store_get_highlight (f->store, 7, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no highlight with id 7");
  g_clear_error (&error);
  g_assert_null (clipper_store_get_highlight_by_uuid (f->store, "0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a01", &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  clipper_highlight_set_id (highlight, 7);
  g_assert_false (clipper_store_update_highlight (f->store, highlight, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_delete_highlight (f->store, 7, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_set_highlight_tags (f->store, 7, tags, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing of the above left a trace. */
  g_assert_cmpint (raw_int (f->path, "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM highlights)"
                                     " + (SELECT count(*) FROM tags) + (SELECT count(*) FROM images)"),
                   ==, 0);
}

static void
expect_invalid (GError **error, const char *fragment)
{
  g_assert_error (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  if (fragment != NULL && strstr ((*error)->message, fragment) == NULL)
    g_error ("expected '%s' in the message '%s'", fragment, (*error)->message);
  g_clear_error (error);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_article (f, "https://example.org/ok", "OK", "fine words");
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autofree char *huge = NULL;
  const char *bad_tags[] = { "fine", "   ", NULL };
  const char *invalid_tags[] = { "bad\xff", NULL };

  /* Articles: empty and missing URL, invalid UTF-8 in any field, bad tags. */
  article = make_article ("", "T", "t");
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "URL is empty");
  g_clear_object (&article);
  article = make_article (NULL, "T", "t");
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "URL");
  g_clear_object (&article);
  article = make_article ("https://example.org/\xc3\x28", "T", "t");
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "not valid UTF-8");
  g_clear_object (&article);
  article = make_article ("https://example.org/b", "Bad \xe2\x82 title", "t");
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "title is not valid UTF-8");
  g_clear_object (&article);
  article = make_article ("https://example.org/b", "T", "text \xed\xa0\x80 surrogate");
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "is not valid UTF-8");
  g_clear_object (&article);
  /* A bad tag must not leave the article half-saved. */
  article = make_article ("https://example.org/b", "T", "t");
  clipper_article_set_tags (article, bad_tags);
  g_assert_false (clipper_store_add_article (f->store, article, NULL, &error));
  expect_invalid (&error, "tag name is empty");
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/b", NULL), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_false (clipper_store_tag_article (f->store, id, invalid_tags, &error));
  expect_invalid (&error, "UTF-8");
  g_assert_false (clipper_store_tag_article (f->store, id, bad_tags, &error));
  expect_invalid (&error, "empty");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_tags"), ==, 0);

  /* Highlights: empty quote, unknown colour, bad range, invalid UTF-8, huge note. */
  highlight = clipper_highlight_new ();
  clipper_highlight_set_article_id (highlight, id);
  clipper_highlight_set_quote (highlight, "");
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  expect_invalid (&error, "quote is empty");
  clipper_highlight_set_quote (highlight, "fine");
  clipper_highlight_set_color (highlight, "chartreuse");
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  expect_invalid (&error, "'chartreuse' is not a highlight colour");
  clipper_highlight_set_color (highlight, "green");
  clipper_highlight_set_range (highlight, 5, 2);
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  expect_invalid (&error, "range");
  clipper_highlight_set_range (highlight, 0, 4);
  clipper_highlight_set_prefix (highlight, "\x80");
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  expect_invalid (&error, "prefix is not valid UTF-8");
  clipper_highlight_set_prefix (highlight, NULL);
  clipper_highlight_set_uuid (highlight, "not-a-uuid");
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  expect_invalid (&error, "not a UUID");
  clipper_highlight_set_uuid (highlight, NULL);

  huge = g_malloc (10 * 1000 * 1000 + 1);
  memset (huge, 'a', 10 * 1000 * 1000);
  huge[10 * 1000 * 1000] = '\0';
  clipper_highlight_set_note (highlight, huge);
  g_assert_false (clipper_store_add_highlight (f->store, highlight, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "note is too large (10.0 MB; the limit is 1 MB)");
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 0);

  /* A note just under the limit is fine. */
  huge[1024 * 1024] = '\0';
  clipper_highlight_set_note (highlight, huge);
  g_assert_true (clipper_store_add_highlight (f->store, highlight, &error));
  g_assert_no_error (error);

  /* An update with bad input leaves the stored highlight as it was. */
  clipper_highlight_set_note (highlight, "bad \xc0\xaf note");
  g_assert_false (clipper_store_update_highlight (f->store, highlight, &error));
  expect_invalid (&error, "note is not valid UTF-8");
  g_assert_cmpint (raw_int (f->path, "SELECT length(note) FROM highlights"), ==, 1024 * 1024);

  /* Image URLs. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("GIF89a", 6);

    g_assert_false (clipper_store_add_image (f->store, id, "", "image/gif", bytes, &error));
    expect_invalid (&error, "image URL is empty");
    g_assert_false (clipper_store_add_image (f->store, id, "https://x/\xff", "image/gif", bytes, &error));
    expect_invalid (&error, "UTF-8");
  }

  /* List filters. */
  {
    ClipperHighlightQuery hq = { .color = "mauve" };
    ClipperListQuery lq = { .tag = "  " };

    g_assert_null (clipper_store_list_highlights (f->store, &hq, &error));
    expect_invalid (&error, "mauve");
    g_assert_null (clipper_store_list_articles (f->store, &lq, NULL, &error));
    expect_invalid (&error, "empty");
  }
}

static void
test_original_page (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = make_article ("https://example.org/orig", "Orig", "text");
  g_autoptr(GString) html = g_string_new ("<!doctype html><html><body>");
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) binary = NULL;
  guint8 raw[256];
  gint64 id;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (html, "<p class=\"x\">Paragraph %d with caf\xc3\xa9 and some words.</p>\n", i);
  g_string_append (html, "</body></html>");
  page = g_bytes_new (html->str, html->len);

  g_assert_true (clipper_store_add_article (f->store, article, page, &error));
  g_assert_no_error (error);
  id = clipper_article_get_id (article);
  got = clipper_store_dup_original_page (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (page, got));
  /* Stored compressed, and apart from the article row. */
  g_assert_cmpint (raw_int (f->path, "SELECT length(data) FROM article_originals"), <, (gint64) html->len / 5);
  g_assert_cmpint (raw_int (f->path, "SELECT size FROM article_originals"), ==, (gint64) html->len);

  /* Replacing it with binary content (NUL bytes included) round-trips. */
  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guint8) i;
  binary = g_bytes_new (raw, sizeof raw);
  g_assert_true (clipper_store_set_original_page (f->store, id, binary, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (binary, got));

  /* An empty page is a page. */
  g_clear_pointer (&binary, g_bytes_unref);
  binary = g_bytes_new (NULL, 0);
  g_assert_true (clipper_store_set_original_page (f->store, id, binary, &error));
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);

  /* NULL removes it: NOT_FOUND afterwards. */
  g_assert_true (clipper_store_set_original_page (f->store, id, NULL, &error));
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, &error);
  g_assert_null (got);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Damaged compressed data is reported, not crashed on. */
  g_assert_true (clipper_store_set_original_page (f->store, id, page, &error));
  g_assert_cmpint (raw_int (f->path, "UPDATE article_originals SET data = x'789c0000' RETURNING 1"), ==, 1);
  got = clipper_store_dup_original_page (f->store, id, &error);
  g_assert_null (got);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
}

static void
assert_tags (const char *const *tags, const char *joined)
{
  g_autofree char *got = g_strjoinv (",", (char **) tags);

  g_assert_cmpstr (got, ==, joined);
}

static void
test_highlights (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a1 = add_article (f, "https://example.org/h1", "First article", "alpha beta gamma delta epsilon");
  gint64 a2 = add_article (f, "https://example.org/h2", "Second article", "zeta eta theta");
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(ClipperHighlight) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *tags[] = { " Idea ", "todo", NULL };
  const char *tags2[] = { "later", NULL };
  gint64 ids[4];

  clipper_highlight_set_article_id (h, a1);
  clipper_highlight_set_quote (h, "gamma delta");
  clipper_highlight_set_prefix (h, "beta ");
  clipper_highlight_set_suffix (h, " epsilon");
  clipper_highlight_set_range (h, 11, 22);
  clipper_highlight_set_color (h, "blue");
  clipper_highlight_set_note (h, "A *Markdown* note");
  clipper_highlight_set_tags (h, tags);
  clipper_highlight_set_created_at (h, 1000);
  g_assert_true (clipper_store_add_highlight (f->store, h, &error));
  g_assert_no_error (error);
  ids[0] = clipper_highlight_get_id (h);
  g_assert_cmpint (ids[0], >, 0);
  g_assert_true (g_uuid_string_is_valid (clipper_highlight_get_uuid (h)));
  g_assert_cmpint (clipper_highlight_get_created_at (h), ==, 1000);

  got = clipper_store_get_highlight (f->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_uuid (got), ==, clipper_highlight_get_uuid (h));
  g_assert_cmpint (clipper_highlight_get_article_id (got), ==, a1);
  g_assert_cmpstr (clipper_highlight_get_quote (got), ==, "gamma delta");
  g_assert_cmpstr (clipper_highlight_get_prefix (got), ==, "beta ");
  g_assert_cmpstr (clipper_highlight_get_suffix (got), ==, " epsilon");
  g_assert_cmpint (clipper_highlight_get_start (got), ==, 11);
  g_assert_cmpint (clipper_highlight_get_end (got), ==, 22);
  g_assert_cmpstr (clipper_highlight_get_color (got), ==, "blue");
  g_assert_cmpstr (clipper_highlight_get_note (got), ==, "A *Markdown* note");
  g_assert_true (clipper_highlight_get_anchored (got));
  g_assert_null (clipper_highlight_get_original_quote (got));
  g_assert_cmpstr (clipper_highlight_get_article_title (got), ==, "First article");
  assert_tags (clipper_highlight_get_tags (got), "Idea,todo");
  g_clear_object (&got);

  got = clipper_store_get_highlight_by_uuid (f->store, clipper_highlight_get_uuid (h), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_id (got), ==, ids[0]);
  g_clear_object (&got);

  /* A UUID given by an import is kept; the same UUID twice is DUPLICATE. */
  {
    g_autoptr(ClipperHighlight) imported = clipper_highlight_new ();

    clipper_highlight_set_article_id (imported, a2);
    clipper_highlight_set_quote (imported, "eta");
    clipper_highlight_set_uuid (imported, clipper_highlight_get_uuid (h));
    g_assert_false (clipper_store_add_highlight (f->store, imported, &error));
    g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE);
    g_clear_error (&error);
  }

  ids[1] = add_highlight (f, a1, "alpha", NULL, 0);
  ids[2] = add_highlight (f, a1, "epsilon", "last one", 23);
  ids[3] = add_highlight (f, a2, "theta", NULL, 9);

  /* One article: text order. */
  {
    ClipperHighlightQuery q = { .article_id = a1 };

    list = clipper_store_list_highlights (f->store, &q, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 3);
    g_assert_cmpint (clipper_highlight_get_id (list->pdata[0]), ==, ids[1]);
    g_assert_cmpint (clipper_highlight_get_id (list->pdata[1]), ==, ids[0]);
    g_assert_cmpint (clipper_highlight_get_id (list->pdata[2]), ==, ids[2]);
    g_clear_pointer (&list, g_ptr_array_unref);
  }
  /* Everything: newest first (ids[0] was made at t=1000, long ago). */
  list = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (clipper_highlight_get_id (list->pdata[0]), ==, ids[3]);
  g_assert_cmpint (clipper_highlight_get_id (list->pdata[3]), ==, ids[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Filters and limit. */
  {
    ClipperHighlightQuery by_color = { .color = "blue" };
    ClipperHighlightQuery by_tag = { .tag = "IDEA" };
    ClipperHighlightQuery limited = { .limit = 2 };
    ClipperHighlightQuery orphans = { .orphans_only = TRUE };

    list = clipper_store_list_highlights (f->store, &by_color, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (clipper_highlight_get_id (list->pdata[0]), ==, ids[0]);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = clipper_store_list_highlights (f->store, &by_tag, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = clipper_store_list_highlights (f->store, &limited, &error);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = clipper_store_list_highlights (f->store, &orphans, &error);
    g_assert_cmpuint (list->len, ==, 0);
    g_clear_pointer (&list, g_ptr_array_unref);

    /* Update: re-anchoring changed the quote; the highlight became an orphan. */
    clipper_highlight_set_original_quote (h, "gamma delta");
    clipper_highlight_set_quote (h, "gamma  delta");
    clipper_highlight_set_anchored (h, FALSE);
    clipper_highlight_set_color (h, "purple");
    clipper_highlight_set_note (h, NULL);
    clipper_highlight_set_tags (h, tags2);
    g_assert_true (clipper_store_update_highlight (f->store, h, &error));
    g_assert_no_error (error);
    got = clipper_store_get_highlight (f->store, ids[0], &error);
    g_assert_cmpstr (clipper_highlight_get_quote (got), ==, "gamma  delta");
    g_assert_cmpstr (clipper_highlight_get_original_quote (got), ==, "gamma delta");
    g_assert_false (clipper_highlight_get_anchored (got));
    g_assert_cmpstr (clipper_highlight_get_color (got), ==, "purple");
    g_assert_null (clipper_highlight_get_note (got));
    assert_tags (clipper_highlight_get_tags (got), "later");
    g_clear_object (&got);

    list = clipper_store_list_highlights (f->store, &orphans, &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (clipper_highlight_get_id (list->pdata[0]), ==, ids[0]);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* set_highlight_tags replaces; the empty list clears. */
  g_assert_true (clipper_store_set_highlight_tags (f->store, ids[3], tags, &error));
  got = clipper_store_get_highlight (f->store, ids[3], &error);
  assert_tags (clipper_highlight_get_tags (got), "Idea,todo");
  g_clear_object (&got);
  g_assert_true (clipper_store_set_highlight_tags (f->store, ids[3], NULL, &error));
  got = clipper_store_get_highlight (f->store, ids[3], &error);
  assert_tags (clipper_highlight_get_tags (got), "");
  g_clear_object (&got);

  /* Counts on the article records follow. */
  {
    g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, a1, &error);

    g_assert_cmpuint (clipper_article_get_highlight_count (article), ==, 3);
  }
  g_assert_true (clipper_store_delete_highlight (f->store, ids[1], &error));
  g_assert_no_error (error);
  {
    g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, a1, &error);

    g_assert_cmpuint (clipper_article_get_highlight_count (article), ==, 2);
  }
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_article (f, "https://example.org/t1", "T1", "x");
  gint64 b = add_article (f, "https://example.org/t2", "T2", "y");
  const char *first[] = { "  Rust ", "reading", "Ünïcode", NULL };
  const char *second[] = { "RUST", "ünïcode", "zeta", NULL };
  const char *remove[] = { "rust", "absent", NULL };
  g_auto(GStrv) all = NULL;
  g_autoptr(ClipperArticle) got = NULL;

  g_assert_true (clipper_store_tag_article (f->store, a, first, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_tag_article (f->store, b, second, &error));
  g_assert_no_error (error);
  /* Tagging twice is harmless. */
  g_assert_true (clipper_store_tag_article (f->store, a, first, &error));

  /* Case-insensitive unique, kept as first given, trimmed, sorted by the
   * case-folded name (code point order, so Ü after z). */
  all = clipper_store_list_tags (f->store, &error);
  g_assert_no_error (error);
  assert_tags ((const char *const *) all, "reading,Rust,zeta,Ünïcode");
  got = clipper_store_get_article (f->store, b, &error);
  assert_tags (clipper_article_get_tags (got), "Rust,zeta,Ünïcode");
  g_clear_object (&got);

  g_assert_true (clipper_store_untag_article (f->store, a, remove, &error));
  g_assert_no_error (error);
  got = clipper_store_get_article (f->store, a, &error);
  assert_tags (clipper_article_get_tags (got), "reading,Ünïcode");
  g_clear_object (&got);
  g_assert_true (clipper_store_untag_article (f->store, b, remove, &error));
  g_clear_pointer (&all, g_strfreev);
  all = clipper_store_list_tags (f->store, &error);
  assert_tags ((const char *const *) all, "reading,zeta,Ünïcode");
}

static void
test_images (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_article (f, "https://example.org/i1", "I1", "x");
  gint64 b = add_article (f, "https://example.org/i2", "I2", "y");
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3 };
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) other = g_bytes_new_static ("GIF89a", 6);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *type = NULL;

  g_assert_true (clipper_store_add_image (f->store, a, "https://cdn.example/x.png", "image/png", image, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_add_image (f->store, a, "https://cdn.example/copy.png", "image/png", image, &error));
  g_assert_true (clipper_store_add_image (f->store, b, "https://cdn.example/x.png", NULL, image, &error));
  g_assert_no_error (error);
  /* Three links, one stored copy. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM images"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_images"), ==, 3);

  got = clipper_store_dup_image (f->store, a, "https://cdn.example/x.png", &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, image));
  g_assert_cmpstr (type, ==, "image/png");
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  got = clipper_store_dup_image (f->store, b, "https://cdn.example/x.png", &type, &error);
  g_assert_true (g_bytes_equal (got, image));
  g_assert_null (type);
  g_clear_pointer (&got, g_bytes_unref);

  got = clipper_store_dup_image (f->store, b, "https://cdn.example/copy.png", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Re-adding a URL with new content replaces it; the old content stays
   * while another link uses it. */
  g_assert_true (clipper_store_add_image (f->store, b, "https://cdn.example/x.png", "image/gif", other, &error));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM images"), ==, 2);
  got = clipper_store_dup_image (f->store, b, "https://cdn.example/x.png", NULL, &error);
  g_assert_true (g_bytes_equal (got, other));
  g_clear_pointer (&got, g_bytes_unref);

  /* Deleting article a drops its links and the image nobody shows. */
  g_assert_true (clipper_store_delete_article (f->store, a, &error));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM images"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_images"), ==, 1);
}

static void
test_cascade (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = make_article ("https://example.org/c", "Cascade", "xylophone music");
  g_autoptr(GBytes) page = g_bytes_new_static ("<html>page</html>", 17);
  g_autoptr(GPtrArray) hits = NULL;
  const char *tags[] = { "music", NULL };
  gint64 keep = add_article (f, "https://example.org/keep", "Keep", "kept text");
  gint64 id, h;

  clipper_article_set_tags (article, tags);
  g_assert_true (clipper_store_add_article (f->store, article, page, &error));
  id = clipper_article_get_id (article);
  h = add_highlight (f, id, "xylophone", "zither note", 0);
  g_assert_true (clipper_store_set_highlight_tags (f->store, h, tags, &error));
  g_assert_true (clipper_store_add_image (f->store, id, "https://example.org/c.png", "image/png", page, &error));
  add_highlight (f, keep, "kept", NULL, 0);
  g_assert_no_error (error);

  g_assert_true (clipper_store_delete_article (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_tags"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlight_tags"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_originals"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_images"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM images"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "PRAGMA foreign_key_check"), ==, -1);
  /* Nor does the search know it any more. */
  hits = clipper_store_search (f->store, "xylophone", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (f->store, "zither", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/article/crud", test_article_crud);
  ADD ("/store/article/duplicate", test_article_duplicate);
  ADD ("/store/article/original-page", test_original_page);
  ADD ("/store/unknown-ids", test_unknown_ids);
  ADD ("/store/bad-input", test_bad_input);
  ADD ("/store/highlights", test_highlights);
  ADD ("/store/tags", test_tags);
  ADD ("/store/images", test_images);
  ADD ("/store/cascade", test_cascade);
#undef ADD

  return g_test_run ();
}
