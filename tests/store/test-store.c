/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library store on real SQLite files in temporary folders.
 */
#define G_LOG_DOMAIN "test-store"

#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

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
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  clipper_test_remove_tree (f->dir);
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
  g_assert_false (clipper_store_set_original_page (f->store, 42, page, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  none = clipper_store_dup_original_page (f->store, 42, NULL, &error);
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
  got = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (page, got));
  /* Stored compressed, and apart from the article row. */
  g_assert_cmpint (raw_int (f->path, "SELECT length(data) FROM article_originals"), <, (gint64) html->len / 5);
  g_assert_cmpint (raw_int (f->path, "SELECT size FROM article_originals"), ==, (gint64) html->len);

  /* Replacing it with binary content (NUL bytes included) round-trips. */
  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guint8) i;
  binary = g_bytes_new (raw, sizeof raw);
  g_assert_true (clipper_store_set_original_page (f->store, id, binary, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (binary, got));

  /* An empty page is a page. */
  g_clear_pointer (&binary, g_bytes_unref);
  binary = g_bytes_new (NULL, 0);
  g_assert_true (clipper_store_set_original_page (f->store, id, binary, NULL, &error));
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);

  /* NULL removes it: NOT_FOUND afterwards. */
  g_assert_true (clipper_store_set_original_page (f->store, id, NULL, NULL, &error));
  g_clear_pointer (&got, g_bytes_unref);
  got = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Damaged compressed data is reported, not crashed on. */
  g_assert_true (clipper_store_set_original_page (f->store, id, page, NULL, &error));
  g_assert_cmpint (raw_int (f->path, "UPDATE article_originals SET data = x'789c0000' RETURNING 1"), ==, 1);
  got = clipper_store_dup_original_page (f->store, id, NULL, &error);
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

  /* set_highlight_tags replaces; the empty list clears.  It is an edit:
   * the highlight's time says so (the vault's merge keeps the later side,
   * and could not see a change of tags alone). */
  g_assert_true (clipper_store_set_highlight_times (f->store, ids[3], 1600000000, 1600000000, &error));
  g_assert_true (clipper_store_set_highlight_tags (f->store, ids[3], tags, &error));
  got = clipper_store_get_highlight (f->store, ids[3], &error);
  assert_tags (clipper_highlight_get_tags (got), "Idea,todo");
  g_assert_cmpint (clipper_highlight_get_created_at (got), ==, 1600000000);
  g_assert_cmpint (clipper_highlight_get_updated_at (got), >, 1700000000);
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
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_contents"), ==, 1);
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

static gboolean
raw_exec (const char *path, const char *sql, char **out_message)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  /* The bigram indexes cannot be read or written without their tokenizer. */
  g_assert_true (clipper_store_register_tokenizers (db, NULL));
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (out_message != NULL)
    *out_message = g_strdup (message);
  sqlite3_free (message);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* The FTS indexes agree with their content tables. */
static void
assert_fts_consistent (const char *path)
{
  static const char *const tables[] = { "articles_fts", "highlights_fts", "articles_bigrams", "highlights_bigrams" };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *message = NULL;

  /* The bigram indexes came with versions 3 and 5. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'", tables[i]);

      if (raw_int (path, exists) > 0)
        g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES ('integrity-check');", tables[i], tables[i]);
    }
  if (!raw_exec (path, sql->str, &message))
    g_error ("FTS index out of step: %s", message);
}

static void
test_transactions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) dup = make_article ("https://example.org/t/a", "Dup", "x");

  /* Nested: only the outermost commit writes. */
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/t/a", "A", "x");
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/t/b", "B", "x");
  g_assert_true (clipper_store_commit (f->store, &error));
  /* Another connection sees nothing yet. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 0);
  /* A failing step inside the batch undoes only itself. */
  g_assert_false (clipper_store_add_article (f->store, dup, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  add_article (f, "https://example.org/t/c", "C", "x");
  /* So does a highlight of an article that does not exist, with or
   * without tags (one statement or several). */
  {
    g_autoptr(ClipperHighlight) orphan = clipper_highlight_new ();
    const char *tags[] = { "t", NULL };

    clipper_highlight_set_article_id (orphan, 4242);
    clipper_highlight_set_quote (orphan, "x");
    g_assert_false (clipper_store_add_highlight (f->store, orphan, &error));
    g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    clipper_highlight_set_tags (orphan, tags);
    g_assert_false (clipper_store_add_highlight (f->store, orphan, &error));
    g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (clipper_highlight_get_id (orphan), ==, 0);
    /* An update of a highlight that does not exist: nothing written. */
    clipper_highlight_set_id (orphan, 4242);
    g_assert_false (clipper_store_update_highlight (f->store, orphan, &error));
    g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    gint64 h = add_highlight (f, clipper_store_find_article_by_url (f->store, "https://example.org/t/c", NULL),
                              "x", NULL, 0);
    g_autoptr(ClipperHighlight) changed = clipper_store_get_highlight (f->store, h, &error);

    /* Updated inside the batch (no savepoint of its own there). */
    g_assert_no_error (error);
    clipper_highlight_set_note (changed, "batched note");
    g_assert_true (clipper_store_update_highlight (f->store, changed, &error));
    g_assert_no_error (error);
  }
  g_assert_true (clipper_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights WHERE note = 'batched note'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM tags"), ==, 0);
  assert_fts_consistent (f->path);

  /* An outer rollback undoes everything inside, committed inner levels too. */
  g_assert_true (clipper_store_begin (f->store, &error));
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/t/d", "D", "x");
  g_assert_true (clipper_store_commit (f->store, &error));
  add_article (f, "https://example.org/t/e", "E", "x");
  clipper_store_rollback (f->store);
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/t/d", NULL), ==, 0);
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/t/e", NULL), ==, 0);

  /* An inner rollback keeps the outer level's work. */
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/t/f", "F", "x");
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/t/g", "G", "x");
  clipper_store_rollback (f->store);
  g_assert_true (clipper_store_commit (f->store, &error));
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/t/f", NULL), >, 0);
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/t/g", NULL), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 4);
  assert_fts_consistent (f->path);
}

/* QA-r finding 1: a write that fails on a full disk is rolled back, but
 * what it had written to the log stayed there, as big as the write, for
 * as long as the library was open (the app: all day), and a close could
 * not empty it either where that needed room in library.db for a new
 * library's schema, which was in the log alone.  A new library's schema
 * is in library.db, and the log is emptied once the write is undone.
 * The full disk is RLIMIT_FSIZE: no file may grow past 256 KiB. */
static void
test_failed_write_log (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit before, limit = { 256 * 1024, 256 * 1024 };
  GStatBuf st;
  gboolean ok;

  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, limit.rlim_cur);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "Word%u and other words of sentence %u. ", i * 7919 % 10007, i);
  article = make_article ("https://example.org/long", "Long", text->str);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
  limit.rlim_max = before.rlim_max;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = clipper_store_add_article (f->store, article, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
  g_assert_false (ok);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);

  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  /* Nothing of it is left, and the library takes the next write. */
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://example.org/long", NULL), ==, 0);
  add_article (f, "https://example.org/short", "Short", "a few words");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 1);
  assert_fts_consistent (f->path);
}

/* Inside a batch, an article or highlight of several statements is undone
 * by deleting its row when a later step fails (no savepoint: see
 * undo_batched() in clipper-store.c).  A trigger makes the tag links of
 * the tag "boom" fail, after the main row was written. */
static void
test_batch_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *bad_tags[] = { "fine", "boom", NULL };
  const char *good_tags[] = { "fine", NULL };
  gint64 article_id;

  g_assert_true (raw_exec (f->path,
                           "CREATE TRIGGER test_boom_a BEFORE INSERT ON article_tags"
                           "  WHEN (SELECT key FROM tags WHERE id = new.tag_id) = 'boom'"
                           "  BEGIN SELECT RAISE (ABORT, 'boom'); END;"
                           "CREATE TRIGGER test_boom_h BEFORE INSERT ON highlight_tags"
                           "  WHEN (SELECT key FROM tags WHERE id = new.tag_id) = 'boom'"
                           "  BEGIN SELECT RAISE (ABORT, 'boom'); END;"
                           "CREATE TRIGGER test_undead BEFORE DELETE ON highlights"
                           "  WHEN old.quote = 'undead' BEGIN SELECT RAISE (ABORT, 'undead'); END;",
                           NULL));

  g_assert_true (clipper_store_begin (f->store, &error));
  article_id = add_article (f, "https://example.org/u/a", "Kept", "kept words");
  {
    g_autoptr(ClipperArticle) bad = make_article ("https://example.org/u/b", "Zebra", "zebra words");

    clipper_article_set_tags (bad, bad_tags);
    g_assert_false (clipper_store_add_article (f->store, bad, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (clipper_article_get_id (bad), ==, 0);
  }
  for (int i = 0; i < 300; i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
      g_autofree char *quote = g_strdup_printf ("quote number %d", i);

      clipper_highlight_set_article_id (h, article_id);
      clipper_highlight_set_quote (h, i == 150 ? "giraffe" : quote);
      clipper_highlight_set_tags (h, i == 150 ? bad_tags : good_tags);
      if (i == 150)
        {
          g_assert_false (clipper_store_add_highlight (f->store, h, &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
          g_assert_cmpint (clipper_highlight_get_id (h), ==, 0);
        }
      else
        {
          g_assert_true (clipper_store_add_highlight (f->store, h, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (clipper_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_contents"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM article_tags"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 299);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlight_tags"), ==, 299);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights WHERE quote = 'giraffe'"), ==, 0);
  assert_fts_consistent (f->path);
  {
    g_autoptr(GPtrArray) hits = clipper_store_search (f->store, "zebra OR giraffe", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = clipper_store_search (f->store, "number", 500, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 299);
  }

  /* When the undo fails too, the whole batch is refused at commit. */
  g_assert_true (clipper_store_begin (f->store, &error));
  add_highlight (f, article_id, "before", NULL, 0);
  {
    g_autoptr(ClipperHighlight) h = clipper_highlight_new ();

    clipper_highlight_set_article_id (h, article_id);
    clipper_highlight_set_quote (h, "undead");
    clipper_highlight_set_tags (h, bad_tags);
    g_assert_false (clipper_store_add_highlight (f->store, h, &error));
    g_clear_error (&error);
  }
  g_assert_false (clipper_store_commit (f->store, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "undead"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 299);
  /* The store is usable again. */
  add_highlight (f, article_id, "after", NULL, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 300);
}

/* ------------------------------------------------------------------ */

#define N_PAGED 203

static void
fill_for_paging (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  const char *four[] = { "Four", NULL };

  g_assert_true (clipper_store_begin (f->store, &error));
  for (int i = 0; i < N_PAGED; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/p/%d", i);
      g_autofree char *title = g_strdup_printf ("%s %d", (i % 2) ? "title" : "Title", i % 13);
      g_autoptr(ClipperArticle) article = make_article (url, title, "paging text");

      /* Seven articles share each saved time: ties the keyset must break. */
      clipper_article_set_saved_at (article, 1000 + i / 7);
      clipper_article_set_read_state (article, i % 5 == 0 ? CLIPPER_READ_STATE_ARCHIVED
                                               : i % 5 == 1 ? CLIPPER_READ_STATE_READ
                                               : CLIPPER_READ_STATE_UNREAD);
      clipper_article_set_starred (article, i % 3 == 0);
      if (i % 4 == 0)
        clipper_article_set_tags (article, four);
      g_assert_true (clipper_store_add_article (f->store, article, NULL, &error));
      g_assert_no_error (error);
      if (i % 6 == 0)
        add_highlight (f, clipper_article_get_id (article), "paging", NULL, 0);
    }
  g_assert_true (clipper_store_commit (f->store, &error));
}

static gboolean
matches (ClipperArticle *a, const ClipperListQuery *q)
{
  ClipperReadState state = clipper_article_get_read_state (a);

  if (q->state == CLIPPER_STATE_FILTER_UNREAD && state == CLIPPER_READ_STATE_ARCHIVED)
    return FALSE;
  if (q->state == CLIPPER_STATE_FILTER_ARCHIVED && state != CLIPPER_READ_STATE_ARCHIVED)
    return FALSE;
  if (q->starred_only && !clipper_article_get_starred (a))
    return FALSE;
  if (q->tag != NULL && !g_strv_contains (clipper_article_get_tags (a), "Four"))
    return FALSE;
  return TRUE;
}

/* a comes strictly before b in the query's order. */
static gboolean
ordered (ClipperArticle *a, ClipperArticle *b, ClipperListSort sort)
{
  gint64 ia = clipper_article_get_id (a), ib = clipper_article_get_id (b);
  gint64 sa = clipper_article_get_saved_at (a), sb = clipper_article_get_saved_at (b);
  int c;

  switch (sort)
    {
    case CLIPPER_LIST_SORT_SAVED_ASC:
      return sa < sb || (sa == sb && ia < ib);
    case CLIPPER_LIST_SORT_TITLE_ASC:
      c = g_ascii_strcasecmp (clipper_article_get_title (a), clipper_article_get_title (b));
      return c < 0 || (c == 0 && ia < ib);
    case CLIPPER_LIST_SORT_SAVED_DESC:
    default:
      return sa > sb || (sa == sb && ia > ib);
    }
}

static void
test_list_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  ClipperListQuery all = { .state = CLIPPER_STATE_FILTER_ALL, .limit = 1000 };
  guint checked = 0;

  fill_for_paging (f);
  everything = clipper_store_list_articles (f->store, &all, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everything->len, ==, N_PAGED);

  for (int sort = CLIPPER_LIST_SORT_SAVED_DESC; sort <= CLIPPER_LIST_SORT_TITLE_ASC; sort++)
    for (int state = CLIPPER_STATE_FILTER_UNREAD; state <= CLIPPER_STATE_FILTER_ALL; state++)
      for (int starred = 0; starred <= 1; starred++)
        for (int tagged = 0; tagged <= 1; tagged++)
          {
            ClipperListQuery q = { .tag = tagged ? "four" : NULL, .state = state,
                                   .starred_only = starred, .sort = sort, .limit = 1000 };
            g_autoptr(GPtrArray) full = clipper_store_list_articles (f->store, &q, NULL, &error);
            g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
            g_autoptr(ClipperArticle) after = NULL;
            guint expected = 0, count = 0, pos = 0;

            g_assert_no_error (error);
            for (guint i = 0; i < everything->len; i++)
              expected += matches (everything->pdata[i], &q);
            g_assert_cmpuint (full->len, ==, expected);
            g_assert_cmpuint (expected, >, 0);
            g_assert_true (clipper_store_count_articles (f->store, &q, &count, &error));
            g_assert_cmpuint (count, ==, expected);
            for (guint i = 0; i < full->len; i++)
              {
                g_assert_true (matches (full->pdata[i], &q));
                if (i > 0)
                  g_assert_true (ordered (full->pdata[i - 1], full->pdata[i], sort));
              }

            /* Pages of 7 (the size of a tie group) walk the same list. */
            q.limit = 7;
            for (;;)
              {
                g_autoptr(GPtrArray) page = clipper_store_list_articles (f->store, &q, after, &error);

                g_assert_no_error (error);
                g_assert_cmpuint (page->len, <=, 7);
                if (page->len == 0)
                  break;
                for (guint i = 0; i < page->len; i++, pos++)
                  {
                    ClipperArticle *a = page->pdata[i];

                    g_assert_cmpuint (pos, <, full->len);
                    g_assert_cmpint (clipper_article_get_id (a), ==, clipper_article_get_id (full->pdata[pos]));
                    g_assert_false (g_hash_table_contains (seen, GSIZE_TO_POINTER (clipper_article_get_id (a))));
                    g_hash_table_add (seen, GSIZE_TO_POINTER (clipper_article_get_id (a)));
                  }
                g_set_object (&after, page->pdata[page->len - 1]);
              }
            g_assert_cmpuint (pos, ==, full->len);
            checked++;
          }
  g_assert_cmpuint (checked, ==, 36);

  /* Light records: no html/text, but tags and highlight counts. */
  {
    ClipperListQuery q = { .state = CLIPPER_STATE_FILTER_ALL, .sort = CLIPPER_LIST_SORT_SAVED_ASC, .limit = 1 };
    g_autoptr(GPtrArray) page = clipper_store_list_articles (f->store, &q, NULL, &error);
    ClipperArticle *first = page->pdata[0];

    g_assert_null (clipper_article_get_html (first));
    g_assert_null (clipper_article_get_text (first));
    g_assert_cmpstr (clipper_article_get_url (first), ==, "https://example.org/p/0");
    assert_tags (clipper_article_get_tags (first), "Four");
    g_assert_cmpuint (clipper_article_get_highlight_count (first), ==, 1);
  }

  /* Default query: the inbox, newest first, 50 a page. */
  {
    g_autoptr(GPtrArray) page = clipper_store_list_articles (f->store, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 50);
    g_assert_cmpint (clipper_article_get_saved_at (page->pdata[0]), ==, 1000 + (N_PAGED - 1) / 7);
  }

  /* An unknown tag lists nothing. */
  {
    ClipperListQuery q = { .tag = "nope", .state = CLIPPER_STATE_FILTER_ALL };
    g_autoptr(GPtrArray) page = clipper_store_list_articles (f->store, &q, NULL, &error);
    guint count = 99;

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 0);
    g_assert_true (clipper_store_count_articles (f->store, &q, &count, &error));
    g_assert_cmpuint (count, ==, 0);
  }
}

/* ------------------------------------------------------------------ */

static GPtrArray *
search_ok (Fixture *f, const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = clipper_store_search (f->store, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* A search for @query fails with QUERY, its message holding @words. */
static void
search_fails (Fixture *f, const char *query, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = clipper_store_search (f->store, query, 0, &error);

  g_test_message ("query '%s'", query);
  g_assert_null (none);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, words));
}

static gboolean
hits_contain (GPtrArray *hits, ClipperSearchHitKind kind, gint64 id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];

      if (hit->kind == kind && (kind == CLIPPER_SEARCH_HIT_ARTICLE ? hit->article_id : hit->highlight_id) == id)
        return TRUE;
    }
  return FALSE;
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 roses = add_article (f, "https://example.org/s/roses", "Gardening with roses",
                              "Prune in March. Feed them well.");
  gint64 body = add_article (f, "https://example.org/s/body", "A walk in the park",
                             "We saw roses, tulips and more roses near the gate.");
  gint64 fox = add_article (f, "https://example.org/s/fox", "Foxes",
                            "The quick brown fox jumps over the lazy dog.");
  gint64 xof = add_article (f, "https://example.org/s/xof", "Reversed",
                            "A brown quick fox, said nobody ever.");
  gint64 accents = add_article (f, "https://example.org/s/fr", "Les saisons",
                                "Les étés sont chauds et les hivers froids.");
  gint64 h_note = add_highlight (f, fox, "lazy dog", "Remember the sourdough starter", 35);
  gint64 h_quote = add_highlight (f, body, "tulips", NULL, 18);
  g_autoptr(GPtrArray) hits = NULL;
  ClipperSearchHit *hit;

  /* A title match ranks above body matches. */
  hits = search_ok (f, "roses");
  g_assert_cmpuint (hits->len, ==, 2);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->kind, ==, CLIPPER_SEARCH_HIT_ARTICLE);
  g_assert_cmpint (hit->article_id, ==, roses);
  g_assert_cmpint (hit->highlight_id, ==, 0);
  g_assert_cmpstr (hit->title, ==, "Gardening with roses");
  g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN "roses" CLIPPER_SNIPPET_CLOSE));
  g_assert_cmpfloat (hit->rank, <=, ((ClipperSearchHit *) hits->pdata[1])->rank);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, body));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Bare words are prefixes. */
  hits = search_ok (f, "garden");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((ClipperSearchHit *) hits->pdata[0])->snippet,
                            CLIPPER_SNIPPET_OPEN "Gardening" CLIPPER_SNIPPET_CLOSE));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Phrases keep word order. */
  hits = search_ok (f, "\"quick brown\"");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, fox));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "quick brown");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, fox));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, xof));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Notes and quotes of highlights. */
  hits = search_ok (f, "sourdough");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->kind, ==, CLIPPER_SEARCH_HIT_HIGHLIGHT);
  g_assert_cmpint (hit->highlight_id, ==, h_note);
  g_assert_cmpint (hit->article_id, ==, fox);
  g_assert_cmpstr (hit->title, ==, "Foxes");
  g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN "sourdough" CLIPPER_SNIPPET_CLOSE));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "tulips");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, h_quote));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, body));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Operators, accents, case. */
  hits = search_ok (f, "roses NOT tulips");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, roses));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "march OR gate");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "ETE");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, accents));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The limit counts hits of both kinds together. */
  hits = clipper_store_search (f->store, "the", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search_ok (f, "nothingmatchesthis");
  g_assert_cmpuint (hits->len, ==, 0);
}

/* A hit says which site its article is from (its name, else its
 * address's host) and when it was saved: two copies of an article, alike
 * in title and byline, are told apart by them in the app's list. */
static void
test_search_hit_site (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperArticle) named = make_article ("https://tides.example.com/a", "Tidewater", "Low tide notes.");
  g_autoptr(ClipperArticle) unnamed = make_article ("https://mirror.example.net/b", "Tidewater", "Low tide notes.");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  clipper_article_set_saved_at (named, 1700000000);
  clipper_article_set_site_name (unnamed, NULL);
  clipper_article_set_saved_at (unnamed, 1710000000);
  g_assert_true (clipper_store_add_article (f->store, named, NULL, &error));
  g_assert_true (clipper_store_add_article (f->store, unnamed, NULL, &error));
  add_highlight (f, clipper_article_get_id (unnamed), "Low tide", NULL, 0);

  hits = clipper_store_search (f->store, "tide", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->article_id == clipper_article_get_id (named))
        {
          g_assert_cmpstr (hit->site, ==, "Example");
          g_assert_cmpint (hit->saved_at, ==, 1700000000);
        }
      else
        {
          g_assert_cmpstr (hit->site, ==, "mirror.example.net");
          g_assert_cmpint (hit->saved_at, ==, 1710000000);
        }
      seen++;
    }
  g_assert_cmpuint (seen, ==, 3);
}

static void
test_search_bad_queries (Fixture *f, gconstpointer data)
{
  static const char *const no_words[] = { "*", "(", "-", "^", "", "   ", "\"\"", "()", "* - ^ :", "😀", NULL };
  static const char *const odd[] = {
    "\"unclosed", "AND OR", "NEAR(", "title:", "title:roses", "nosuchcolumn:roses", "text : roses",
    "roses)", "(roses", "NOT", "roses AND", "AND roses", "OR", "roses NEAR", "NEAR(roses gate, 2)",
    "{title text}: roses", "-roses", "roses*", "***roses", "a\"b", "roses^", "^roses", "+roses",
    "roses:", "\"roses\"*", "'roses'", "r\xc3\xb6ses", "\"near\" (", "roses\" OR \"gate", "x'02'", NULL,
  };
  gint64 unclosed = add_article (f, "https://example.org/b/u", "Unclosed quotes", "An unclosed quote and or near.");
  gint64 roses = add_article (f, "https://example.org/b/r", "Roses", "Roses near the gate.");
  g_autoptr(GPtrArray) hits = NULL;

  for (guint i = 0; no_words[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) none = clipper_store_search (f->store, no_words[i], 0, &error);

      g_test_message ("query '%s'", no_words[i]);
      g_assert_null (none);
      g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY);
      g_assert_nonnull (strstr (error->message, "no words"));
    }

  for (guint i = 0; odd[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) some = clipper_store_search (f->store, odd[i], 0, &error);

      g_test_message ("query '%s'", odd[i]);
      if (some == NULL)
        g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY);
      else
        g_assert_no_error (error);
    }

  /* The fallbacks find what the words say. */
  hits = search_ok (f, "\"unclosed");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, unclosed));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "AND OR");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, unclosed));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "NEAR(");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "roses)");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, roses));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* A column filter from the user is text, never a filter. */
  hits = search_ok (f, "title:roses");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "\"roses\"*");
  g_assert_cmpuint (hits->len, ==, 1);
}

/* review21 S2: a "-word" after AND, OR or NOT left the operator behind,
 * FTS5 could not parse what was left, and the literal fallback then
 * required the words "and" and "or".  "x AND -y" and "x NOT -y" mean
 * "x NOT y"; "x OR -y" (x, or everything without y) FTS5 cannot say, so
 * it is a clear error; an operator left dangling goes.  The tags a query
 * names are its kept words, as the text search reads them: "(-coffee tea)"
 * names "tea". */
static void
check_exclude_operators (Fixture *f)
{
  const char *tea_tag[] = { "tea", NULL };
  g_autoptr(GError) error = NULL;
  gint64 green = add_article (f, "https://example.org/t/green", "Green tea", "Green tea without coffee.");
  gint64 black = add_article (f, "https://example.org/t/black", "Black tea", "Black tea with coffee.");
  gint64 oolong = add_article (f, "https://example.org/t/oolong", "Oolong", "Oolong tea is nice.");
  gint64 biscuits = add_article (f, "https://example.org/t/biscuits", "Biscuits", "Tea and biscuits.");
  gint64 tisane = add_article (f, "https://example.org/t/tisane", "Tisane", "Chamomile at night.");
  const char *const kept[] = {
    "tea -coffee", "tea AND -coffee", "tea NOT -coffee", "-coffee AND tea", "tea AND -coffee AND",
    "(tea AND -coffee)", "(tea NOT -coffee) OR", "tea AND (-coffee)", NULL,
  };
  const char *const only_out[] = { "AND -coffee", "NOT -coffee", "OR -coffee", "(AND -coffee)", NULL };
  const char *const or_out[] = { "tea OR -coffee", "(tea) OR -\"black tea\"", "-coffee OR tea", NULL };

  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, kept[i]);

      g_test_message ("query '%s'", kept[i]);
      g_assert_cmpuint (hits->len, ==, 2);
      g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, oolong));
      g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, biscuits));
    }

  /* "x OR -y" has no FTS5 form: an error that says so, no guess. */
  for (guint i = 0; or_out[i] != NULL; i++)
    search_fails (f, or_out[i], "with OR");
  for (guint i = 0; only_out[i] != NULL; i++)
    search_fails (f, only_out[i], "only leaves words out");

  /* The tag search reads the query as the text search does. */
  g_assert_true (clipper_store_tag_article (f->store, tisane, tea_tag, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_tag_article (f->store, black, tea_tag, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "(-coffee tea)");

    g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, tisane));
    g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, black));
    g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, green));
    g_assert_cmpuint (hits->len, ==, 3);
  }
}

/* A highlight of an article whose text is not in the library (restored
 * from its vault, before Fetch Again) was never looked for: not placed
 * yet, not lost.  orphans_only listed it with the orphans, as `highlights
 * --orphans` and the Highlights page's filter then did. */
static void
test_orphans_not_textless (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperArticle) restored = make_article ("https://example.org/restored", "Restored", "");
  gint64 lost_in = add_article (f, "https://example.org/changed", "Changed", "alpha beta gamma");
  ClipperHighlightQuery orphans = { .orphans_only = TRUE };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2];

  clipper_article_set_word_count (restored, 0);
  g_assert_true (clipper_store_add_article (f->store, restored, NULL, &error));
  g_assert_no_error (error);
  ids[0] = add_highlight (f, clipper_article_get_id (restored), "a passage never looked for", NULL, 0);
  ids[1] = add_highlight (f, lost_in, "a passage gone", NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_store_get_highlight (f->store, ids[i], &error);

      g_assert_no_error (error);
      clipper_highlight_set_anchored (h, FALSE);
      g_assert_true (clipper_store_update_highlight (f->store, h, &error));
      g_assert_no_error (error);
    }

  list = clipper_store_list_highlights (f->store, &orphans, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (clipper_highlight_get_id (list->pdata[0]), ==, ids[1]);
  g_assert_true (clipper_highlight_get_article_has_text (list->pdata[0]));
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Both are listed, each saying whether its article has text. */
  list = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    g_assert_true (clipper_highlight_get_article_has_text (list->pdata[i]) ==
                   (clipper_highlight_get_id (list->pdata[i]) == ids[1]));
}

/* search22: an operator with nothing before it to join fell back to a
 * literal search ("AND tea" required the word "and"; "NOT tea" found the
 * articles about tea), and "tea OR (-coffee)" read as "tea NOT coffee".
 * A person means "tea" by "AND tea" and "tea AND" (still typing), and
 * "-coffee" by a NOT with nothing before it; "x OR (-y)" is "x OR -y",
 * and two operators side by side are an error, as is NOT before a group
 * with nothing before it.  clipper_search_query_problem() reads each
 * query as the search does. */
static void
test_search_dangling_operators (Fixture *f, gconstpointer data)
{
  gint64 green = add_article (f, "https://example.org/d/green", "Green tea", "Green tea without coffee.");
  gint64 black = add_article (f, "https://example.org/d/black", "Black tea", "Black tea with coffee.");
  gint64 oolong = add_article (f, "https://example.org/d/oolong", "Oolong", "Oolong tea is nice.");
  gint64 biscuits = add_article (f, "https://example.org/d/biscuits", "Biscuits", "Tea and biscuits.");
  static const char *const all_tea[] = {
    "AND tea", "OR tea", "tea AND", "tea OR", "tea NOT", "(AND tea)", "(tea OR)", "tea ()", "AND OR tea", NULL,
  };
  static const char *const tea_not_coffee[] = {
    "NOT coffee tea", "tea AND NOT coffee", "(NOT coffee) tea", "NOT \"coffee\" tea", "tea NOT -coffee", NULL,
  };
  static const struct {
    const char                *query;
    ClipperSearchQueryProblem  problem;
    const char                *words;
  } refused[] = {
    { "NOT coffee", CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT, "only leaves words out" },
    { "NOT tea NOT coffee", CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT, "only leaves words out" },
    { "-coffee NOT tea", CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT, "only leaves words out" },
    { "tea OR NOT coffee", CLIPPER_SEARCH_QUERY_OR_LEFT_OUT, "with OR" },
    { "tea OR (-coffee)", CLIPPER_SEARCH_QUERY_OR_LEFT_OUT, "with OR" },
    { "(-coffee) OR tea", CLIPPER_SEARCH_QUERY_OR_LEFT_OUT, "with OR" },
    { "tea OR (-coffee -milk)", CLIPPER_SEARCH_QUERY_OR_LEFT_OUT, "with OR" },
    { "tea AND OR coffee", CLIPPER_SEARCH_QUERY_OPERATORS, "side by side" },
    { "tea NOT NOT coffee", CLIPPER_SEARCH_QUERY_OPERATORS, "side by side" },
    { "tea OR AND", CLIPPER_SEARCH_QUERY_OPERATORS, "side by side" },
    { "NOT (coffee OR milk) tea", CLIPPER_SEARCH_QUERY_NOT_GROUP, "NOT before a parenthesis" },
    { "", CLIPPER_SEARCH_QUERY_NO_WORDS, "no words" },
    { "\xff", CLIPPER_SEARCH_QUERY_NOT_TEXT, "UTF-8" },
  };

  for (guint i = 0; all_tea[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, all_tea[i]);

      g_test_message ("query '%s'", all_tea[i]);
      g_assert_cmpint (clipper_search_query_problem (all_tea[i]), ==, CLIPPER_SEARCH_QUERY_OK);
      g_assert_cmpuint (hits->len, ==, 4);
    }
  for (guint i = 0; tea_not_coffee[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, tea_not_coffee[i]);

      g_test_message ("query '%s'", tea_not_coffee[i]);
      g_assert_cmpint (clipper_search_query_problem (tea_not_coffee[i]), ==, CLIPPER_SEARCH_QUERY_OK);
      g_assert_cmpuint (hits->len, ==, 2);
      g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, oolong));
      g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, biscuits));
      g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, green));
      g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, black));
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      search_fails (f, refused[i].query, refused[i].words);
      g_assert_cmpint (clipper_search_query_problem (refused[i].query), ==, refused[i].problem);
    }
  /* An unclosed quote is searched as its words; of nothing but left-out
   * ones, it is refused, and the check says so too. */
  g_assert_cmpint (clipper_search_query_problem ("tea \"coffee"), ==, CLIPPER_SEARCH_QUERY_OK);
  search_fails (f, "-tea \"", "only leaves words out");
  g_assert_cmpint (clipper_search_query_problem ("-tea \""), ==, CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT);
}

static void
set_highlight_color (Fixture *f, gint64 id, const char *color)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperHighlight) h = clipper_store_get_highlight (f->store, id, &error);

  g_assert_no_error (error);
  clipper_highlight_set_color (h, color);
  g_assert_true (clipper_store_update_highlight (f->store, h, &error));
  g_assert_no_error (error);
}

/* search22 (the mission's "filters by tag and colour"): tag:NAME,
 * tag:"a name", color:NAME, each turned round by a minus or a NOT,
 * filter the search; alone, they list what passes them.  A highlight
 * carries its own tags and its article's; an article has no colour. */
static void
test_search_filters (Fixture *f, gconstpointer data)
{
  const char *work[] = { "work", NULL };
  const char *reading[] = { "Reading List", NULL };
  g_autoptr(GError) error = NULL;
  gint64 dune = add_article (f, "https://example.org/f/dune", "Dune", "Dune is a desert planet with spice.");
  gint64 dune2 = add_article (f, "https://example.org/f/dune2", "Dune Messiah", "Dune again, the desert and spice.");
  gint64 other = add_article (f, "https://example.org/f/other", "Gardens", "Roses and a desert garden.");
  gint64 spice = add_highlight (f, dune, "a desert planet", NULL, 9);
  gint64 again = add_highlight (f, dune2, "Dune again", "spice notes", 0);
  gint64 roses = add_highlight (f, other, "Roses", NULL, 0);
  static const struct {
    const char *query;
    const char *expected; /* "a" article ids, "h" highlight ids, in the order of the variables above */
  } cases[] = {
    { "tag:work desert", "a0 h0" },
    { "desert tag:WORK", "a0 h0" },
    { "tag:work", "a0 h0 h1" },                 /* h0 by its article's tag, h1 by its own */
    { "desert -tag:work", "a1 a2" },
    { "desert NOT tag:work", "a1 a2" },
    { "tag:\"reading list\"", "a2 h2" },
    { "tag:work tag:done", "h1" },
    { "color:pink", "h1 h2" },
    { "spice color:pink", "h1" },
    { "Colour:Pink -tag:done", "h2" },
    { "color:pink color:yellow", "h0 h1 h2" },
    { "desert -color:pink", "a0 a1 a2 h0" },
    { "tag:work -spice", "h0" },
    { "tag:nosuchtag desert", "" },
    { "desert -tag:nosuchtag", "a0 a1 a2 h0" },
    { "\"tag:work\" desert", "" },
  };
  gint64 articles[] = { dune, dune2, other };
  gint64 highlights[] = { spice, again, roses };

  g_assert_true (clipper_store_tag_article (f->store, dune, work, &error));
  g_assert_true (clipper_store_tag_article (f->store, other, reading, &error));
  g_assert_true (clipper_store_set_highlight_tags (f->store, again, (const char *[]) { "work", "done", NULL }, &error));
  g_assert_no_error (error);
  set_highlight_color (f, again, "pink");
  set_highlight_color (f, roses, "pink");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, cases[i].query);
      g_auto(GStrv) expected = g_strsplit (cases[i].expected, " ", -1);
      guint n = 0;

      g_test_message ("query '%s'", cases[i].query);
      g_assert_cmpint (clipper_search_query_problem (cases[i].query), ==, CLIPPER_SEARCH_QUERY_OK);
      for (guint j = 0; expected[j] != NULL; j++)
        {
          guint index = (guint) (expected[j][1] - '0');

          if (expected[j][0] == '\0')
            continue;
          if (expected[j][0] == 'a')
            g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, articles[index]));
          else
            g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, highlights[index]));
          n++;
        }
      g_assert_cmpuint (hits->len, ==, n);
    }

  /* Filters alone are newest first, and say the tag they found by. */
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "tag:work");
    ClipperSearchHit *first = hits->pdata[0];

    g_assert_cmpint (first->kind, ==, CLIPPER_SEARCH_HIT_ARTICLE);
    g_assert_cmpint (first->match, ==, CLIPPER_SEARCH_MATCH_TAG);
    g_assert_cmpstr (first->tag, ==, "work");
    g_assert_cmpint (((ClipperSearchHit *) hits->pdata[1])->highlight_id, ==, again);
  }

  search_fails (f, "tag: desert", "no name after it");
  g_assert_cmpint (clipper_search_query_problem ("tag:"), ==, CLIPPER_SEARCH_QUERY_EMPTY_FILTER);
  search_fails (f, "color:red", "colour that is none");
  g_assert_cmpint (clipper_search_query_problem ("desert color:red"), ==, CLIPPER_SEARCH_QUERY_BAD_COLOR);

  /* The Highlights page reads them with the same parser. */
  {
    ClipperSearchQueryProblem problem;
    g_autoptr(ClipperSearchFilters) filters =
      clipper_search_filters_new ("dune tag:\"reading list\" NOT tag:done -color:Pink \"tag:x\"", &problem);

    g_assert_nonnull (filters);
    g_assert_true (clipper_search_filters_any (filters));
    g_assert_cmpstr (filters->tags[0], ==, "reading list");
    g_assert_null (filters->tags[1]);
    g_assert_cmpstr (filters->not_tags[0], ==, "done");
    g_assert_null (filters->colors[0]);
    g_assert_cmpstr (filters->not_colors[0], ==, "pink");
    /* The rest, the filters gone (the NOT with its own), a phrase kept. */
    g_assert_true (g_str_has_prefix (filters->words, "dune "));
    g_assert_true (g_str_has_suffix (filters->words, " \"tag:x\""));
    g_assert_null (strstr (filters->words, "NOT"));
    g_assert_null (strstr (filters->words, "list"));
    g_assert_null (clipper_search_filters_new ("color:teal", &problem));
    g_assert_cmpint (problem, ==, CLIPPER_SEARCH_QUERY_BAD_COLOR);
  }
}

/* QA (qa-o 11): "Uber -Sydney" found the articles about Sydney, the minus
 * dropped, and "-Uber" alone searched for Uber.  A "-word" or -"phrase"
 * leaves out what holds it, wherever it stands; the user's text still
 * never reaches FTS5 as syntax. */
static void
test_search_exclude (Fixture *f, gconstpointer data)
{
  const char *uber_tag[] = { "Uber", NULL };
  g_autoptr(GError) error = NULL;
  gint64 sydney = add_article (f, "https://example.org/x/sydney", "Uber in Sydney", "Drivers in Sydney strike.");
  gint64 boston = add_article (f, "https://example.org/x/boston", "Uber in Boston", "Drivers in Boston strike.");
  gint64 york = add_article (f, "https://example.org/x/york", "Uber in New York", "Drivers in New York strike.");
  gint64 tagged = add_article (f, "https://example.org/x/tagged", "Ride sharing", "A city like Sydney, or New Jersey.");
  gint64 quote = add_highlight (f, sydney, "Drivers in Sydney", NULL, 0);
  gint64 sydneysider = add_article (f, "https://example.org/x/sider", "Uber and a Sydneysider", "A local view.");
  g_autoptr(GPtrArray) hits = NULL;
  const char *const only_out[] = { "-Uber", "-Uber -Sydney", "-\"new york\"", " -uber* ", "-Uber \"", NULL };

  g_assert_true (clipper_store_tag_article (f->store, tagged, uber_tag, &error));
  g_assert_no_error (error);

  hits = search_ok (f, "Uber -Sydney");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, boston));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, york));
  /* A whole word: "Sydneysider" is not "Sydney". */
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydneysider));
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydney));
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, quote));
  /* Carrying the tag the query names does not bring back what holds a
   * left-out word. */
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, tagged));
  g_assert_cmpuint (hits->len, ==, 3);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Anywhere in the query, several, a phrase, a prefix. */
  hits = search_ok (f, "-Sydney Uber -Boston");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, york));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydneysider));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "drivers -\"new york\"");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, york));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "Uber -syd*");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, boston));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, york));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* With operators, and the tag found with the rest. */
  hits = search_ok (f, "(Boston OR Sydney OR ride) -strike");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, tagged));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydneysider));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, quote));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "uber -strike");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, tagged));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydneysider));
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* A query FTS5 cannot read is searched literally, still leaving out. */
  hits = search_ok (f, "drivers -Sydney \"");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, boston));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, york));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* A dash inside a word, or alone, leaves nothing out. */
  hits = search_ok (f, "Uber - Sydney");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, sydney));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Operators and FTS5 syntax after a minus are words to leave out. */
  hits = search_ok (f, "-NOT Uber -OR -NEAR -title:x");
  g_assert_cmpuint (hits->len, ==, 4);
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, tagged));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Nothing but left-out words: a clear error, not a search for them. */
  for (guint i = 0; only_out[i] != NULL; i++)
    search_fails (f, only_out[i], "only leaves words out");

  check_exclude_operators (f);
}


/* A word that ends in a sign the index drops ("C++", "C#", "U.S.", "why?")
 * is a whole word, not the start of one: "C++" is the token "c", and as a
 * prefix it matched every word starting with c. */
static void
test_search_word_ending_in_signs (Fixture *f, gconstpointer data)
{
  gint64 cpp = add_article (f, "https://example.org/s/cpp", "Templates", "Templates in C++ and in C# compared.");
  gint64 cats = add_article (f, "https://example.org/s/cats", "Cats", "Cats, cobras and cucumbers.");
  gint64 us = add_article (f, "https://example.org/s/us", "Elections", "The U.S. elections, and why they matter.");
  gint64 usage = add_article (f, "https://example.org/s/usage", "Usage", "Usage notes: use sparingly, whyever not.");
  g_autoptr(GPtrArray) hits = NULL;

  hits = search_ok (f, "C++");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, cpp));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "c# templates");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, cpp));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "U.S.");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, us));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "why?");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, us));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A word as typed is still a prefix, and so is one with an explicit *. */
  hits = search_ok (f, "c");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, cats));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "why");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, usage));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "c++*");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Signs inside a word keep it a prefix: "co-op" is the phrase "co op*". */
  hits = search_ok (f, "cobras-cu");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "cats, cob");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, cats));
}

/* QA: 13 hits on one note read "<title> · Highlight · serendipity: this
 * links to my thesis", alike.  A hit says whether its words are in the
 * highlight's passage or in its note, and gives the passage either way. */
static void
test_search_note_match (Fixture *f, gconstpointer data)
{
  gint64 article = add_article (f, "https://example.org/s/mind", "The wandering mind",
                                "A mind at rest wanders freely, and finds what it was not looking for.");
  gint64 in_note = add_highlight (f, article, "A mind at rest wanders freely",
                                  "**serendipity**: this links to my thesis", 0);
  gint64 in_quote = add_highlight (f, article, "finds what it was not looking for", "see chapter 2", 36);
  g_autoptr(GPtrArray) hits = NULL;
  ClipperSearchHit *hit;

  hits = search_ok (f, "serendipity");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->highlight_id, ==, in_note);
  g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_NOTE);
  g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN "serendipity" CLIPPER_SNIPPET_CLOSE));
  g_assert_cmpstr (hit->quote, ==, "A mind at rest wanders freely");
  g_assert_null (hit->tag);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Words in the passage are the passage's match, whatever the note says. */
  hits = search_ok (f, "looking");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, article));
  for (guint i = 0; i < hits->len; i++)
    {
      hit = hits->pdata[i];
      g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_TEXT);
      if (hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
        {
          g_assert_cmpint (hit->highlight_id, ==, in_quote);
          g_assert_cmpstr (hit->quote, ==, "finds what it was not looking for");
          g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN "looking" CLIPPER_SNIPPET_CLOSE));
        }
      else
        g_assert_null (hit->quote);
    }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The same through the word-pair index, which quoted phrases use. */
  hits = search_ok (f, "\"my thesis\"");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_NOTE);
  g_assert_cmpstr (hit->quote, ==, "A mind at rest wanders freely");
}

/* QA: "vocabulary" (a tag on 33 highlights) and "café" (a tag on 4
 * articles) found only text.  A query that names a tag finds what carries
 * it, first; one that only begins a tag's name finds it after the text. */
static void
test_search_tags (Fixture *f, gconstpointer data)
{
  const char *cafe[] = { "café", NULL };
  const char *vocabulary[] = { "Vocabulary", NULL };
  g_autoptr(GError) error = NULL;
  gint64 paris = add_article (f, "https://example.org/s/paris", "Paris mornings", "Croissants at dawn.");
  gint64 words = add_article (f, "https://example.org/s/words", "Learning words",
                              "A vocabulary grows by reading, not by lists.");
  gint64 tagged = add_highlight (f, paris, "Croissants", NULL, 0);
  gint64 vocab_text = add_highlight (f, words, "A vocabulary grows", NULL, 0);
  g_autoptr(GPtrArray) hits = NULL;
  ClipperSearchHit *hit;

  g_assert_true (clipper_store_tag_article (f->store, paris, cafe, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_highlight_tags (f->store, tagged, vocabulary, &error));
  g_assert_no_error (error);

  /* Accents and case do not matter, as in the text. */
  hits = search_ok (f, "Cafe");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->kind, ==, CLIPPER_SEARCH_HIT_ARTICLE);
  g_assert_cmpint (hit->article_id, ==, paris);
  g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_TAG);
  g_assert_cmpstr (hit->tag, ==, "café");
  g_assert_cmpstr (hit->title, ==, "Paris mornings");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The tagged highlight first, then the text. */
  hits = search_ok (f, "vocabulary");
  g_assert_cmpuint (hits->len, ==, 3);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->kind, ==, CLIPPER_SEARCH_HIT_HIGHLIGHT);
  g_assert_cmpint (hit->highlight_id, ==, tagged);
  g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_TAG);
  g_assert_cmpstr (hit->tag, ==, "Vocabulary");
  g_assert_cmpstr (hit->quote, ==, "Croissants");
  g_assert_cmpstr (hit->snippet, ==, "Croissants");
  g_assert_cmpfloat (hit->rank, ==, 0.0);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, words));
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, vocab_text));
  g_assert_null (((ClipperSearchHit *) hits->pdata[1])->tag);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A word being typed: the text first, then the tag it begins. */
  hits = search_ok (f, "vocab");
  g_assert_cmpuint (hits->len, ==, 3);
  hit = hits->pdata[2];
  g_assert_cmpint (hit->highlight_id, ==, tagged);
  g_assert_cmpstr (hit->tag, ==, "Vocabulary");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Found by its words and its tag: one hit, first, saying both. */
  g_assert_true (clipper_store_set_highlight_tags (f->store, vocab_text, vocabulary, &error));
  g_assert_no_error (error);
  hits = search_ok (f, "vocabulary");
  g_assert_cmpuint (hits->len, ==, 3);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->highlight_id, ==, vocab_text);
  g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_TEXT);
  g_assert_cmpstr (hit->tag, ==, "Vocabulary");
  g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN "vocabulary" CLIPPER_SNIPPET_CLOSE));
  g_assert_cmpint (((ClipperSearchHit *) hits->pdata[1])->highlight_id, ==, tagged);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The limit holds, tags and text together. */
  hits = clipper_store_search (f->store, "vocabulary", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

/* QA: "C++" found every lone "c" first ("add.c", "a C assertion", "Juan
 * C. Sanz"), the real "C++" last: the index drops the signs.  The text
 * that holds the word as typed comes first. */
static void
test_search_signs_first (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *query;
    const char *text;
  } cases[] = {
    { "C++", "Templates in C++ are compiled where they are used." },
    { "c#", "Properties in C# hide their fields." },
    { ".NET", "The .NET runtime collects garbage." },
    { "node.js", "A server in Node.js answers on one thread." },
  };
  gint64 exact[G_N_ELEMENTS (cases)];
  gint64 assertion;

  /* The real ones are the oldest: ties go to the newest. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/s/signs/%u", i);

      exact[i] = add_article (f, url, "Notes", cases[i].text);
    }
  add_article (f, "https://example.org/s/c1", "add.c", "The file add.c adds numbers in c.");
  assertion = add_article (f, "https://example.org/s/c2", "Asserting c", "A C assertion, a c check, c c c.");
  add_article (f, "https://example.org/s/c3", "Juan C. Sanz", "By Juan C. Sanz, in c.");
  add_article (f, "https://example.org/s/net", "Net", "The net and the network, net net net.");
  add_article (f, "https://example.org/s/node", "Node js", "A node, js, node js node js.");
  add_highlight (f, assertion, "a c check", "c c", 15);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, cases[i].query);
      ClipperSearchHit *first;

      g_assert_cmpuint (hits->len, >=, 2);
      first = hits->pdata[0];
      g_assert_cmpint (first->kind, ==, CLIPPER_SEARCH_HIT_ARTICLE);
      g_assert_cmpint (first->article_id, ==, exact[i]);
    }
}

/* QA: the hit ranked first for "C++" showed a lone "c" from elsewhere in
 * its text, FTS5's snippet being made around the words the index has.  A
 * hit that holds the word as typed shows it, marked whole, for an article
 * and for a highlight's note. */
static void
test_search_signs_snippet (Fixture *f, gconstpointer data)
{
  gint64 article = add_article (f, "https://example.org/s/snippet", "Notes",
                                "Section c, part c, c and c again, as c said to c. "
                                "Then a long stretch of words about other things entirely, "
                                "gardens and rivers and the weather in spring, "
                                "before at last Templates in C++ are compiled where they are used.");
  gint64 in_note = add_highlight (f, article, "Section c, part c", "c, c and c; see the C++ chapter", 0);
  g_autoptr(GPtrArray) hits = search_ok (f, "c++");
  gboolean saw_article = FALSE, saw_note = FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];

      if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE && hit->article_id == article)
        {
          g_assert_cmpstr (hit->snippet, ==,
                           "…weather in spring, before at last Templates in " CLIPPER_SNIPPET_OPEN "C++"
                           CLIPPER_SNIPPET_CLOSE " are compiled where they are used.");
          saw_article = TRUE;
        }
      else if (hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT && hit->highlight_id == in_note)
        {
          g_assert_cmpint (hit->match, ==, CLIPPER_SEARCH_MATCH_NOTE);
          g_assert_cmpstr (hit->snippet, ==, "c, c and c; see the " CLIPPER_SNIPPET_OPEN "C++" CLIPPER_SNIPPET_CLOSE
                           " chapter");
          saw_note = TRUE;
        }
    }
  g_assert_true (saw_article);
  g_assert_true (saw_note);
}

/* A passage named beside a hit in its note: cut where a word ends. */
static void
test_text_short (void)
{
  g_autofree char *fits = clipper_text_dup_short ("A mind\n  at rest", 14);
  g_autofree char *cut = clipper_text_dup_short ("A mind at rest wanders freely", 16);
  g_autofree char *at_space = clipper_text_dup_short ("A mind at rest wanders", 15);
  g_autofree char *one_word = clipper_text_dup_short ("Donaudampfschifffahrt", 8);

  g_assert_cmpstr (fits, ==, "A mind at rest");
  g_assert_cmpstr (cut, ==, "A mind at rest…");
  g_assert_cmpstr (at_space, ==, "A mind at rest…");
  g_assert_cmpstr (one_word, ==, "Donauda…");
}

/* QA: the Highlights page, the library's rows and clipper-cli flattened
 * a quote each by rules of their own: a no-break space was a space in
 * one, a character in the others; a soft hyphen went in one and showed in
 * two.  One rule now, each character it knows checked. */
static void
test_one_line (void)
{
  static const struct
  {
    const char *text;
    const char *line;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "  \t\n ", "" },
    /* Space, tab and the line breaks: a run is one space, none at the ends. */
    { "\n  old  \t source\r\nlines\f\vhere \n", "old source lines here" },
    { "NEL\xc2\x85line\xe2\x80\xa8separator\xe2\x80\xa9paragraph", "NEL line separator paragraph" },
    /* A no-break space alone binds its words; a run of them indents. */
    { "10\xc2\xa0km, M.\xe2\x80\xaf\xc2\xbb", "10\xc2\xa0km, M.\xe2\x80\xaf\xc2\xbb" },
    { "\xc2\xa0\xc2\xa0\xc2\xa0Indented\xc2\xa0 \nby hand", "Indented by hand" },
    /* Other Unicode spaces, an ideographic one indenting a paragraph. */
    { "\xe3\x80\x80\xe6\x9d\xb1\xe4\xba\xac" " em\xe2\x80\x83space", "\xe6\x9d\xb1\xe4\xba\xac" " em space" },
    /* What shows nothing goes, a word split by it reads whole. */
    { "hy\xc2\xadphen\xc2\xad" "ated zero\xe2\x80\x8bwidth \xef\xbb\xbf bom", "hyphenated zerowidth bom" },
    { "word\xe2\x81\xa0joiner", "wordjoiner" },
    { "a \xc2\xad b", "a b" },
    /* Control characters would act on a terminal; marks of a snippet too. */
    { "bell\x07 \x1b[31mred\x7f \xc2\x9b" "c1 \x02mark\x03", "bell [31mred c1 mark" },
    /* Joiners shape what they join. */
    { "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac \xd9\x85\xe2\x80\x8c\xd9\x8a",
      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac \xd9\x85\xe2\x80\x8c\xd9\x8a" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = clipper_text_dup_one_line (cases[i].text);

      g_assert_cmpstr (line, ==, cases[i].line);
    }
}

/* A hit's snippet leads back to its place in the article's text, even
 * when FTS5 cut it with ellipses; not to a title's. */
/* One rendering of snippets for the window, the Shell and clipper-cli. */
static void
test_snippet_render (void)
{
  g_autoptr (GArray) matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *a = clipper_snippet_render ("a <b> \x02match\x03 & \x02open", CLIPPER_SNIPPET_MARKUP, NULL);
  g_autofree char *b = clipper_snippet_render ("\x03stray close\x02\x02twice\x03", CLIPPER_SNIPPET_MARKUP, NULL);
  g_autofree char *c = clipper_snippet_render (NULL, CLIPPER_SNIPPET_MARKUP, NULL);
  /* The page's line breaks and indents are not the snippet's: one line. */
  g_autofree char *d = clipper_snippet_render ("\n\n   Khartoum,\n\t\t\x02Sudan \x03\r\n  \n  —  the  war \xc2\xa0 \n",
                                               CLIPPER_SNIPPET_MARKUP, NULL);
  g_autofree char *e = clipper_snippet_render ("it's \x02Ōtākou\x03 <3", CLIPPER_SNIPPET_MARKUP, NULL);
  g_autofree char *plain = clipper_snippet_render ("  the \x02Ōtākou\x03  harbour \x02" "and\x03\n", CLIPPER_SNIPPET_PLAIN,
                                                   matches);
  g_autofree char *brackets = clipper_snippet_render ("the \x02" "bay\x03 and \x02open", CLIPPER_SNIPPET_BRACKETS, NULL);
  g_autofree char *ansi = clipper_snippet_render ("the \x02" "bay\x03", CLIPPER_SNIPPET_ANSI, NULL);
  /* (U+013C's low byte is '<': it is a letter, not markup.) */
  g_autofree char *f = clipper_snippet_render ("\xc4\xbc", CLIPPER_SNIPPET_MARKUP, NULL);

  g_assert_cmpstr (a, ==, "a &lt;b&gt; <b>match</b> &amp; <b>open</b>");
  g_assert_cmpstr (b, ==, "stray close<b>twice</b>");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "Khartoum, <b>Sudan</b> — the war");
  g_assert_cmpstr (e, ==, "it&#39;s <b>Ōtākou</b> &lt;3");
  g_assert_cmpstr (plain, ==, "the Ōtākou harbour and");
  g_assert_cmpuint (matches->len, ==, 4);
  g_assert_cmpint (g_array_index (matches, gint64, 0), ==, 4);
  g_assert_cmpint (g_array_index (matches, gint64, 1), ==, 10);
  g_assert_cmpint (g_array_index (matches, gint64, 2), ==, 19);
  g_assert_cmpint (g_array_index (matches, gint64, 3), ==, 22);
  /* A match left open is closed. */
  g_assert_cmpstr (brackets, ==, "the ⟦bay⟧ and ⟦open⟧");
  g_assert_cmpstr (ansi, ==, "the \033[1mbay\033[0m");
  g_assert_cmpstr (f, ==, "\xc4\xbc");
}

static void
test_search_snippet_locate (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("Opening words. ");
  const char *where;
  gint64 start = -1, end = -1;
  g_autoptr(GPtrArray) hits = NULL;
  ClipperSearchHit *hit;

  for (int i = 0; i < 40; i++)
    g_string_append_printf (text, "Filler sentence number %d goes on. ", i);
  g_string_append (text, "Here the heron stands — ünïcode first — in the reeds. ");
  g_string_append (text, "The worm exploits the vulnerability, and spreads. ");
  for (int i = 0; i < 40; i++)
    g_string_append_printf (text, "More filler %d. ", i);
  add_article (f, "https://example.org/s/heron", "Birds of the marsh", text->str);

  hits = search_ok (f, "heron");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_true (g_str_has_prefix (hit->snippet, "…"));
  g_assert_true (clipper_search_snippet_locate (hit->snippet, text->str, &start, &end));
  where = strstr (text->str, "heron");
  g_assert_cmpint (start, ==, g_utf8_pointer_to_offset (text->str, where));
  g_assert_cmpint (end, ==, start + 5);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Several words: all of them where they stand together, not the
   * first alone (nor a lone "the" before them). */
  hits = search_ok (f, "exploits the vulnerability");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_true (clipper_search_snippet_locate (hit->snippet, text->str, &start, &end));
  where = strstr (text->str, "exploits the vulnerability");
  g_assert_cmpint (start, ==, g_utf8_pointer_to_offset (text->str, where));
  g_assert_cmpint (end, ==, start + strlen ("exploits the vulnerability"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A match in the title only: nowhere in the text. */
  hits = search_ok (f, "marsh");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_false (clipper_search_snippet_locate (hit->snippet, text->str, &start, &end));
  /* Nothing marked, or nothing at all. */
  g_assert_false (clipper_search_snippet_locate ("no marks here", text->str, &start, &end));
  g_assert_false (clipper_search_snippet_locate (NULL, text->str, &start, &end));
}

/* A quote that only gained or lost white space (a page re-extracted with
 * its list items kept apart) has not changed for the reader; one whose
 * words changed has. */
static void
test_quote_before_change (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();

  clipper_highlight_set_quote (h, "item\nTwo items");
  g_assert_null (clipper_highlight_get_quote_before_change (h));
  clipper_highlight_set_original_quote (h, "itemTwo items");
  g_assert_null (clipper_highlight_get_quote_before_change (h));
  clipper_highlight_set_original_quote (h, "item  Two\titems ");
  g_assert_null (clipper_highlight_get_quote_before_change (h));
  clipper_highlight_set_original_quote (h, "item Two item");
  g_assert_cmpstr (clipper_highlight_get_quote_before_change (h), ==, "item Two item");
  clipper_highlight_set_original_quote (h, "item Tw0 items");
  g_assert_cmpstr (clipper_highlight_get_quote_before_change (h), ==, "item Tw0 items");

  /* What shows nothing inside a word, as clipper_text_dup_one_line()
   * drops it: a soft hyphen, a zero-width space, a word joiner, a BOM
   * (an extractor that leaves one in or takes it out changed nothing the
   * reader sees; only the soft hyphen was left out until 30 November 2026). */
  {
    static const char *const invisible[] = {
      "it\xc2\xad" "em Two items", "it\xe2\x80\x8b" "em Two items", "it\xe2\x81\xa0" "em Two items",
      "it\xef\xbb\xbf" "em Two items", "\xef\xbb\xbfitem Two\xe2\x80\x8b items\xe2\x81\xa0",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (invisible); i++)
      {
        clipper_highlight_set_original_quote (h, invisible[i]);
        g_assert_null (clipper_highlight_get_quote_before_change (h));
      }
    /* A joiner that shapes letters is a change. */
    clipper_highlight_set_original_quote (h, "it\xe2\x80\x8d" "em Two items");
    g_assert_nonnull (clipper_highlight_get_quote_before_change (h));
  }
}

/* The tags in use, by where they are used. */
static void
test_tags_in_use (Fixture *f, gconstpointer data)
{
  gint64 a = add_article (f, "https://example.org/t/a", "Tagged", "Some words to tag.");
  gint64 h;
  g_autoptr(GError) error = NULL;
  const char *article_tags[] = { "reading", "shared", NULL };
  const char *highlight_tags[] = { "Idea", "shared", NULL };
  const char *any[] = { "Idea", "reading", "shared", NULL };
  const char *on_articles[] = { "reading", "shared", NULL };
  const char *on_highlights[] = { "Idea", "shared", NULL };
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) arts = NULL;
  g_auto(GStrv) hls = NULL;
  g_auto(GStrv) none = NULL;

  g_assert_true (clipper_store_tag_article (f->store, a, article_tags, &error));
  g_assert_no_error (error);
  h = add_highlight (f, a, "Some words", NULL, 0);
  g_assert_true (clipper_store_set_highlight_tags (f->store, h, highlight_tags, &error));
  g_assert_no_error (error);

  all = clipper_store_list_tags_in_use (f->store, CLIPPER_TAG_USE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (all, any);
  arts = clipper_store_list_tags_in_use (f->store, CLIPPER_TAG_USE_ARTICLES, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (arts, on_articles);
  hls = clipper_store_list_tags_in_use (f->store, CLIPPER_TAG_USE_HIGHLIGHTS, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (hls, on_highlights);

  /* A tag no longer on anything is in no list. */
  g_assert_true (clipper_store_set_highlight_tags (f->store, h, NULL, &error));
  g_assert_no_error (error);
  none = clipper_store_list_tags_in_use (f->store, CLIPPER_TAG_USE_HIGHLIGHTS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* "name:articles:highlights,…" of clipper_store_list_tag_counts(). */
static char *
tag_counts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = clipper_store_list_tag_counts (f->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      ClipperTagCount *c = g_ptr_array_index (counts, i);

      g_string_append_printf (out, "%s%s:%u:%u", i > 0 ? "," : "", c->name, c->n_articles, c->n_highlights);
    }
  return g_string_free (out, FALSE);
}

static char *
highlight_tags_of (Fixture *f, gint64 id, gint64 *out_updated)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperHighlight) h = clipper_store_get_highlight (f->store, id, &error);

  g_assert_no_error (error);
  if (out_updated != NULL)
    *out_updated = clipper_highlight_get_updated_at (h);
  return g_strjoinv (",", (char **) clipper_highlight_get_tags (h));
}

static char *
article_tags_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) a = clipper_store_get_article (f->store, id, &error);

  g_assert_no_error (error);
  return g_strjoinv (",", (char **) clipper_article_get_tags (a));
}

static void
on_tag_renamed (ClipperStore *store,
                const char   *from,
                const char   *to,
                GString      *seen)
{
  g_string_append_printf (seen, "%s%s>%s", seen->len > 0 ? "," : "", from, to);
}

static void
test_tag_management (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_article (f, "https://example.org/tm/a", "First", "Words about machine learning.");
  gint64 b = add_article (f, "https://example.org/tm/b", "Second", "Words about gardens.");
  gint64 h1 = add_highlight (f, a, "Words", NULL, 0);
  gint64 h2 = add_highlight (f, b, "gardens", NULL, 12);
  gint64 updated, untouched;
  const char *a_tags[] = { "ml", "reading", NULL };
  const char *b_tags[] = { "Machine Learning", NULL };
  const char *h1_tags[] = { "ml", "idea", NULL };
  const char *h2_tags[] = { "idea", NULL };
  g_autofree char *counts = NULL;
  g_autofree char *tags = NULL;
  g_autoptr(GString) renamed = g_string_new (NULL);

  g_signal_connect (f->store, "tag-renamed", G_CALLBACK (on_tag_renamed), renamed);
  g_assert_true (clipper_store_tag_article (f->store, a, a_tags, &error));
  g_assert_true (clipper_store_tag_article (f->store, b, b_tags, &error));
  g_assert_true (clipper_store_set_highlight_tags (f->store, h1, h1_tags, &error));
  g_assert_true (clipper_store_set_highlight_tags (f->store, h2, h2_tags, &error));
  g_assert_no_error (error);
  g_assert_true (raw_exec (f->path, "UPDATE highlights SET updated_at = 1000", NULL));

  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "idea:0:2,Machine Learning:1:0,ml:1:1,reading:1:0");
  g_clear_pointer (&counts, g_free);

  /* Renamed to another tag's name (any case): one tag, under its spelling,
   * on everything either was on; only the highlights it was on change. */
  g_assert_true (clipper_store_rename_tag (f->store, "ML", "machine learning", &error));
  g_assert_no_error (error);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "idea:0:2,Machine Learning:2:1,reading:1:0");
  g_clear_pointer (&counts, g_free);
  tags = article_tags_of (f, a);
  g_assert_cmpstr (tags, ==, "Machine Learning,reading");
  g_clear_pointer (&tags, g_free);
  tags = highlight_tags_of (f, h1, &updated);
  g_assert_cmpstr (tags, ==, "idea,Machine Learning");
  g_assert_cmpint (updated, >, 1000);
  g_clear_pointer (&tags, g_free);
  tags = highlight_tags_of (f, h2, &untouched);
  g_assert_cmpint (untouched, ==, 1000);
  g_clear_pointer (&tags, g_free);

  /* The same tag spelled otherwise, and a new name. */
  g_assert_true (clipper_store_rename_tag (f->store, "machine learning", "Machine learning", &error));
  g_assert_true (clipper_store_rename_tag (f->store, "idea", " ideas ", &error));
  g_assert_no_error (error);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "ideas:0:2,Machine learning:2:1,reading:1:0");
  g_clear_pointer (&counts, g_free);
  /* Each said with the names as stored: a filter on the old one follows
   * (a merge, to the other tag's spelling). */
  g_assert_cmpstr (renamed->str, ==, "ml>Machine Learning,Machine Learning>Machine learning,idea>ideas");
  tags = highlight_tags_of (f, h2, &updated);
  g_assert_cmpstr (tags, ==, "ideas");
  g_assert_cmpint (updated, >, 1000);
  g_clear_pointer (&tags, g_free);

  /* A rename to the very same name changes nothing, not even the times. */
  g_assert_true (raw_exec (f->path, "UPDATE highlights SET updated_at = 1000", NULL));
  g_assert_true (clipper_store_rename_tag (f->store, "ideas", "ideas", &error));
  g_assert_no_error (error);
  g_free (highlight_tags_of (f, h2, &updated));
  g_assert_cmpint (updated, ==, 1000);

  /* Bad input: a tag that is not there, a name a tag cannot have. */
  g_assert_false (clipper_store_rename_tag (f->store, "nothing", "something", &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_rename_tag (f->store, "ideas", "  ", &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (clipper_store_delete_tag (f->store, "nothing", &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nor is a rename that changed nothing or failed. */
  g_assert_cmpstr (renamed->str, ==, "ml>Machine Learning,Machine Learning>Machine learning,idea>ideas");
  g_signal_handlers_disconnect_by_func (f->store, on_tag_renamed, renamed);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "ideas:0:2,Machine learning:2:1,reading:1:0");
  g_clear_pointer (&counts, g_free);

  /* Deleted: off every article and highlight, nothing else goes. */
  g_assert_true (clipper_store_delete_tag (f->store, "MACHINE LEARNING", &error));
  g_assert_no_error (error);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "ideas:0:2,reading:1:0");
  g_clear_pointer (&counts, g_free);
  tags = highlight_tags_of (f, h1, &updated);
  g_assert_cmpstr (tags, ==, "ideas");
  g_assert_cmpint (updated, >, 1000);
  g_clear_pointer (&tags, g_free);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM articles"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM highlights"), ==, 2);
}

/* QA qa-l, finding 7: "#newhash" typed by an Obsidian user's habit was a
 * tag of its own, shown "##newhash", not found by a search for "hash".
 * The '#' is dropped, wherever the name comes from; a tag named so
 * before stays findable by that name, and can be merged away. */
static void
test_tag_leading_hash (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_article (f, "https://example.org/hash/a", "First", "Words about hashes.");
  gint64 h = add_highlight (f, a, "Words", NULL, 0);
  const char *typed[] = { "#newhash", "## spaced", "C#", NULL };
  const char *only_hash[] = { "#", NULL };
  const char *untag[] = { "#newhash", NULL };
  g_autofree char *counts = NULL;
  g_autofree char *tags = NULL;
  gint64 updated;

  g_assert_true (clipper_store_set_highlight_tags (f->store, h, typed, &error));
  g_assert_no_error (error);
  tags = highlight_tags_of (f, h, &updated);
  g_assert_cmpstr (tags, ==, "C#,newhash,spaced");
  g_clear_pointer (&tags, g_free);
  g_assert_true (clipper_store_tag_article (f->store, a, typed, &error));
  g_assert_no_error (error);
  tags = article_tags_of (f, a);
  g_assert_cmpstr (tags, ==, "C#,newhash,spaced");
  g_clear_pointer (&tags, g_free);
  /* Named with its '#' as typed, it is found. */
  g_assert_true (clipper_store_untag_article (f->store, a, untag, &error));
  g_assert_no_error (error);
  tags = article_tags_of (f, a);
  g_assert_cmpstr (tags, ==, "C#,spaced");
  g_clear_pointer (&tags, g_free);
  g_assert_true (clipper_store_rename_tag (f->store, "#spaced", "#roomy", &error));
  g_assert_no_error (error);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "C#:1:1,newhash:0:1,roomy:1:1");
  g_clear_pointer (&counts, g_free);

  /* A '#' alone names nothing: said, not stored as an empty tag. */
  g_assert_false (clipper_store_set_highlight_tags (f->store, h, only_hash, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no name after its '#'"));
  g_clear_error (&error);

  /* A "#hash" made before keeps its name, is found by it, and a rename
   * merges it into "hash". */
  g_assert_true (raw_exec (f->path, "INSERT INTO tags (key, name) VALUES ('#hash', '#hash')", NULL));
  {
    const char *both[] = { "#hash", "hash", NULL };
    g_autofree char *sql = g_strdup_printf ("INSERT INTO article_tags (article_id, tag_id)"
                                            " SELECT %" G_GINT64_FORMAT ", id FROM tags WHERE key = '#hash'", a);

    g_assert_true (raw_exec (f->path, sql, NULL));

    g_assert_true (clipper_store_set_highlight_tags (f->store, h, both, &error));
    g_assert_no_error (error);
  }
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "#hash:1:1,C#:1:0,hash:0:1,roomy:1:0");
  g_clear_pointer (&counts, g_free);
  g_assert_true (clipper_store_rename_tag (f->store, "#hash", "hash", &error));
  g_assert_no_error (error);
  counts = tag_counts (f);
  g_assert_cmpstr (counts, ==, "C#:1:0,hash:1:1,roomy:1:0");
}

static void
test_search_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_article (f, "https://example.org/sync", "Original heading", "marmalade recipe");
  gint64 h = add_highlight (f, id, "marmalade", "bitter oranges", 0);
  g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, id, &error);
  g_autoptr(ClipperHighlight) highlight = clipper_store_get_highlight (f->store, h, &error);
  g_autoptr(GPtrArray) hits = NULL;

  clipper_article_set_text (article, "chutney recipe");
  clipper_article_set_title (article, "Changed heading");
  g_assert_true (clipper_store_update_article (f->store, article, &error));
  g_assert_no_error (error);
  hits = search_ok (f, "chutney");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, id));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "original");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* "marmalade" is still the highlight's quote, no longer the article's text. */
  hits = search_ok (f, "marmalade");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, h));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Starring touches no indexed column; the index stays right anyway. */
  clipper_article_set_starred (article, TRUE);
  g_assert_true (clipper_store_update_article (f->store, article, &error));

  clipper_highlight_set_note (highlight, "seville oranges");
  g_assert_true (clipper_store_update_highlight (f->store, highlight, &error));
  g_assert_no_error (error);
  hits = search_ok (f, "bitter");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_ok (f, "seville");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  assert_fts_consistent (f->path);

  g_assert_true (clipper_store_delete_highlight (f->store, h, &error));
  hits = search_ok (f, "seville");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  assert_fts_consistent (f->path);
}

/* The snippet of @article's hit among @hits (it must be there). */
static const char *
article_snippet (GPtrArray *hits, gint64 article)
{
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];

      if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE && hit->article_id == article)
        return hit->snippet;
    }
  g_error ("article %" G_GINT64_FORMAT " is not among the hits", article);
}

/* Chinese, Japanese and Korean words are found wherever they stand in a
 * run of text without spaces (unicode61 took the run for one word, and
 * found a word only at its start). */
static void
test_search_cjk (Fixture *f, gconstpointer data)
{
  gint64 ja = add_article (f, "https://cjk.example/ja", "読書の記録", "東京の図書館では、毎週読書会が開かれる。コーヒーを飲みながら読む。");
  gint64 zh = add_article (f, "https://cjk.example/zh", "慢读", "北京的图书馆每周都会举办读书会。");
  gint64 ko = add_article (f, "https://cjk.example/ko", "도서관", "서울의 도서관에서 독서 모임이 열린다.");
  gint64 mixed = add_article (f, "https://cjk.example/mixed", "Tokyo 2024", "東京2024の記録とiPhone用のメモ。");
  gint64 en = add_article (f, "https://cjk.example/en", "Libraries", "The library in Tokyo opens at nine.");
  gint64 hl = add_highlight (f, ja, "図書館では", "読書会のメモ", 3);
  struct {
    const char *query;
    gint64 article;
  } found[] = {
    { "図書館", ja },         /* mid-run: the case that failed */
    { "読書会", ja },
    { "コーヒー", ja },       /* katakana with the prolonged sound mark */
    { "館", ja },             /* one character */
    { "图书馆", zh },
    { "读书会", zh },
    { "도서관", ko },         /* Hangul, in a word with its particle */
    { "2024", mixed },        /* the rest of a word with CJK in it */
    { "iphone", mixed },
    { "\"図書館では\"", ja }, /* a phrase: through the pair index */
    { "記録", mixed },
    { "library", en },
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, found[i].query);

      if (!hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, found[i].article))
        g_error ("'%s' did not find article %" G_GINT64_FORMAT, found[i].query, found[i].article);
    }

  /* Not a word of these texts: 館で is, 館は is not. */
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "\"館は\"");

    g_assert_cmpuint (hits->len, ==, 0);
  }
  /* Highlights too, and the snippet marks the word, not its run. */
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "図書館");

    g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, hl));
    g_assert_nonnull (strstr (article_snippet (hits, ja), "の" CLIPPER_SNIPPET_OPEN "図書館" CLIPPER_SNIPPET_CLOSE "では"));
  }
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "読書会");

    g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, hl));
  }
  /* One character marks that character (FTS5 marked the pair it is
   * indexed with: 館で, or 北京 for 京 at a run's end), and a word of two
   * characters still marks both. */
  {
    const struct {
      const char *query;
      gint64 article;
      const char *marked;
    } marks[] = {
      { "館", ja, "図書" CLIPPER_SNIPPET_OPEN "館" CLIPPER_SNIPPET_CLOSE "では" },
      { "会", zh, "读书" CLIPPER_SNIPPET_OPEN "会" CLIPPER_SNIPPET_CLOSE "。" },
      { "周", zh, "每" CLIPPER_SNIPPET_OPEN "周" CLIPPER_SNIPPET_CLOSE "都会" },
      { "図書", ja, "の" CLIPPER_SNIPPET_OPEN "図書" CLIPPER_SNIPPET_CLOSE "館" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
      {
        g_autoptr(GPtrArray) hits = search_ok (f, marks[i].query);
        const char *snippet = article_snippet (hits, marks[i].article);

        if (strstr (snippet, marks[i].marked) == NULL)
          g_error ("'%s' gave the snippet '%s'", marks[i].query, snippet);
      }
  }
  /* A CJK snippet is as long as a Latin one reads: FTS5 counts tokens,
   * and a token there is one character. */
  {
    gint64 long_ja = add_article (f, "https://cjk.example/long", "長い記事",
                                  "春の朝、川沿いの道を歩いていると、遠くから鐘の音が聞こえてきた。古い寺の境内には桜が満開で、"
                                  "参拝者たちは静かに写真を撮っていた。私は茶屋で休み、抹茶を頼んで、しばらく景色を眺めていた。");
    g_autoptr(GPtrArray) hits = search_ok (f, "抹茶");
    const char *snippet = article_snippet (hits, long_ja);

    if (g_utf8_strlen (snippet, -1) < 40)
      g_error ("a short snippet: '%s'", snippet);
  }
  assert_fts_consistent (f->path);
}

/* Arabic letters people type one for another find each other: الاسكندرية
 * with a bare alif, as most people type it, found nothing where the text
 * has الإسكندرية; so did مدرسه for مدرسة, and كتب for كَتَبَ, which unicode61
 * split at its vowel marks.  The snippet marks the text's own word. */
static void
test_search_arabic (Fixture *f, gconstpointer data)
{
  gint64 ar = add_article (f, "https://ar.example/alex", "مكتبة الإسكندرية",
                           "تقع مكتبة الإسكندرية في مصر. كَتَبَ العلماء فيها، وكانت مدرســة للفلاسفة على شاطئ البحر. "
                           "أُعيد افتتاحها في مبنى جديد.");
  gint64 hl = add_highlight (f, ar, "كَتَبَ العلماء فيها", "مدرسة ٱلفلسفة", 30);
  const struct {
    const char *query;
    gboolean article;
    gboolean highlight;
  } found[] = {
    { "الاسكندرية", TRUE, FALSE },        /* bare alif for alif with hamza below */
    { "الإسكندرية", TRUE, FALSE },
    { "كتب", TRUE, TRUE },                /* no harakat for harakat */
    { "كَتَبَ", TRUE, TRUE },
    { "مدرسه", TRUE, TRUE },              /* ha for ta marbuta; a tatweel in the text */
    { "مدرسة", TRUE, TRUE },
    { "مبني", TRUE, FALSE },              /* ya for alif maqsura */
    { "اعيد", TRUE, FALSE },              /* alif with hamza above and a damma */
    { "الفلسفة", FALSE, TRUE },           /* the note's alif wasla */
    { "\"كتب العلماء\"", TRUE, TRUE },     /* a phrase: through the pair index */
    { "الاسك*", TRUE, FALSE },            /* a prefix */
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, found[i].query);

      if (found[i].article && !hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, ar))
        g_error ("'%s' did not find the article", found[i].query);
      if (found[i].highlight && !hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, hl))
        g_error ("'%s' did not find the highlight", found[i].query);
    }

  /* The marks are on the text's words, whatever their length folded. */
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "الاسكندرية");

    g_assert_nonnull (strstr (article_snippet (hits, ar),
                              "مكتبة " CLIPPER_SNIPPET_OPEN "الإسكندرية" CLIPPER_SNIPPET_CLOSE " في"));
  }
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "مدرسه");

    g_assert_nonnull (strstr (article_snippet (hits, ar),
                              "وكانت " CLIPPER_SNIPPET_OPEN "مدرســة" CLIPPER_SNIPPET_CLOSE " للفلاسفة"));
  }
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "كتب");

    g_assert_nonnull (strstr (article_snippet (hits, ar),
                              "مصر. " CLIPPER_SNIPPET_OPEN "كَتَبَ" CLIPPER_SNIPPET_CLOSE " العلماء"));
  }
  /* A tatweel alone is no word to look for, and a different word is not
   * found. */
  {
    g_autoptr(GPtrArray) hits = search_ok (f, "ـ");

    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = search_ok (f, "مدارس");
    g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, ar));
  }
  assert_fts_consistent (f->path);
}

/* Persian and Arabic spell the same words with their own ya and kaf
 * (ی ک, ي ك), and the hamza on waw and ya (ؤ ئ) is left out as often as
 * the one on alif: a Persian query found no Arabic-spelled word and back,
 * nor مسوول find مسؤول, in the articles' index as in the highlights'. */
static void
test_search_persian (Fixture *f, gconstpointer data)
{
  gint64 ar = add_article (f, "https://ar.example/kitab", "كتاب المكتبة",
                           "قال مسؤول المكتبة إن رئيس القسم اختار كتابا جديدا.");
  gint64 fa = add_article (f, "https://fa.example/ketab", "کتابخانه ملی",
                           "مسئول کتابخانه گفت که رئیس بخش کتاب تازه‌ای برگزید.");
  gint64 hl = add_highlight (f, fa, "مسئول کتابخانه", "رئيس القسم", 0);
  const struct {
    const char *query;
    gint64 article;
    gboolean highlight;
  } found[] = {
    { "کتاب", ar, FALSE },          /* Persian's kaf finds Arabic's */
    { "كتابخانه", fa, TRUE },        /* and back */
    { "ملي", fa, FALSE },            /* Arabic's ya finds Persian's */
    { "ملی", fa, FALSE },
    { "مسوول", ar, FALSE },          /* no hamza on the waw */
    { "مسؤول", ar, FALSE },
    { "مسيول", fa, TRUE },           /* none on the ya */
    { "رييس", ar, TRUE },            /* the note's رئيس too */
    { "رئیس", fa, TRUE },
    { "\"مسئول كتابخانه\"", fa, TRUE },   /* a phrase: through the pair index */
    { "کتابخ*", fa, TRUE },          /* a prefix */
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (f, found[i].query);

      if (!hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, found[i].article))
        g_error ("'%s' did not find article %" G_GINT64_FORMAT, found[i].query, found[i].article);
      if (found[i].highlight && !hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, hl))
        g_error ("'%s' did not find the highlight", found[i].query);
    }
  assert_fts_consistent (f->path);
}

/* The article ids the word index (articles_fts, read over a connection of
 * its own) gives for @match: what the bigram index must give too. */
static GArray *
word_index_ids (const char *path, const char *table, const char *match)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1 ORDER BY rowid", table, table);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* (Its tokenizer is the store's.) */
  g_assert_true (clipper_store_register_tokenizers (db, NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_val (ids, ((gint64) { sqlite3_column_int64 (stmt, 0) }));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Articles the store's search found for @query, sorted. */
static GArray *
search_article_ids (Fixture *f, const char *query)
{
  g_autoptr(GPtrArray) hits = search_ok (f, query);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];

      if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE)
        {
          g_array_append_val (ids, hit->article_id);
          /* The snippet (from the word index) marks the phrase. */
          g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN));
        }
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static void
assert_same_ids (GArray *a, GArray *b, const char *query)
{
  /* An empty GArray's data may be NULL, which memcmp must not see. */
  if (a->len != b->len || (a->len > 0 && memcmp (a->data, b->data, a->len * sizeof (gint64)) != 0))
    g_error ("%s: %u articles through the bigram index, %u through the word index", query, a->len, b->len);
}

/* Phrases of two words or more are searched in the bigram indexes
 * (clipper-store-bigram.c): they must find exactly the articles and the
 * highlights the word indexes find, across edits and deletes, with
 * punctuation, diacritics and case in the phrase, and in every column. */
static void
test_search_phrases (Fixture *f, gconstpointer data)
{
  static const char *const words[] = { "the", "of", "a", "rose", "bud", "prune", "étés", "Sont", "it's", "cut" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char *const queries[][2] = {
    /* query as typed, and the same as an FTS5 expression of the word index */
    { "\"the rose\"", "\"the rose\"" },
    { "\"of a bud\"", "\"of a bud\"" },
    { "\"ETES sont\"", "\"ETES sont\"" },
    { "\"it's cut\"", "\"it's cut\"" },
    { "\"s cut\"", "\"s cut\"" },
    { "\"prune, the\"", "\"prune, the\"" },
    { "\"the rose\" \"bud prune\"", "\"the rose\" \"bud prune\"" },
    { "\"rose the of\"", "\"rose the of\"" },
    /* Not phrases of pairs: the word index answers; same result anyway. */
    { "\"rose\"", "\"rose\"" },
    { "\"rose\" \"the bud\"", "\"rose\" \"the bud\"" },
    { "\"the bud\" OR \"a rose\"", "\"the bud\" OR \"a rose\"" },
  };

  g_assert_true (clipper_store_begin (f->store, &error));
  for (int i = 0; i < 120; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autofree char *url = g_strdup_printf ("https://example.org/phrase/%d", i);

      for (int w = 0; w < 30; w++)
        g_string_append_printf (text, "%s%s", w ? (w % 7 ? " " : ", ") : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      for (int w = 0; w < 3; w++)
        g_string_append_printf (title, "%s%s", w ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_array_append_val (ids, ((gint64) { add_article (f, url, title->str, text->str) }));
      /* A highlight of 6 words and, for some, a note of 4. */
      {
        g_autoptr(GString) quote = g_string_new (NULL);
        g_autoptr(GString) note = g_string_new (NULL);

        for (int w = 0; w < 6; w++)
          g_string_append_printf (quote, "%s%s", w ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        for (int w = 0; w < 4 && i % 2; w++)
          g_string_append_printf (note, "%s%s", w ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        add_highlight (f, g_array_index (ids, gint64, i), quote->str, i % 2 ? note->str : NULL, 0);
      }
    }
  g_assert_true (clipper_store_commit (f->store, &error));

  for (guint round = 0; round < 2; round++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GArray) found = NULL;
          g_autoptr(GArray) expected = word_index_ids (f->path, "articles_fts", queries[q][1]);
          g_autoptr(GArray) expected_h = word_index_ids (f->path, "highlights_fts", queries[q][1]);
          g_autoptr(GArray) found_h = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GPtrArray) hits = NULL;

          /* Snippets mark the phrase (the default 20 hits)... */
          found = search_article_ids (f, queries[q][0]);
          /* ...and all the hits are those of the word index. */
          hits = clipper_store_search (f->store, queries[q][0], 1000, &error);
          g_assert_no_error (error);
          g_array_set_size (found, 0);
          for (guint i = 0; i < hits->len; i++)
            {
              ClipperSearchHit *hit = hits->pdata[i];

              if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE)
                g_array_append_val (found, hit->article_id);
              else
                g_array_append_val (found_h, hit->highlight_id);
              /* Every snippet, of a highlight too, marks what matched. */
              g_assert_nonnull (strstr (hit->snippet, CLIPPER_SNIPPET_OPEN));
            }
          g_array_sort (found, compare_ids);
          g_array_sort (found_h, compare_ids);
          assert_same_ids (found, expected, queries[q][0]);
          assert_same_ids (found_h, expected_h, queries[q][0]);
          if (q == 0)
            g_assert_cmpuint (expected_h->len, >, 5);
          if (q == 0)
            g_assert_cmpuint (expected->len, >, 5);
        }

      /* Edits and deletes keep both indexes in step. */
      for (guint i = round * 40; i < round * 40 + 40; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          if (i % 4 == 0)
            g_assert_true (clipper_store_delete_article (f->store, id, &error));
          else if (i % 4 == 2)
            {
              ClipperHighlightQuery hq = { .article_id = id };
              g_autoptr(GPtrArray) hl = clipper_store_list_highlights (f->store, &hq, &error);

              g_assert_cmpuint (hl->len, ==, 1);
              clipper_highlight_set_quote (hl->pdata[0], "the rose of a bud");
              clipper_highlight_set_note (hl->pdata[0], i % 8 ? "prune the rose" : NULL);
              g_assert_true (clipper_store_update_highlight (f->store, hl->pdata[0], &error));
            }
          else
            {
              g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, id, &error);

              clipper_article_set_text (article, "the rose of a bud, prune the rose");
              clipper_article_set_title (article, i % 3 ? "Sont étés" : "bud prune");
              g_assert_true (clipper_store_update_article (f->store, article, &error));
            }
          g_assert_no_error (error);
        }
    }
  assert_fts_consistent (f->path);
}

typedef struct {
  GArray *seen;        /* article ids in visit order */
  guint highlights;
  gint64 skip;         /* the filter refuses this article */
  gint64 stop_at;      /* func fails on this article */
} Visit;

static gboolean
visit_filter (ClipperArticle *article, gpointer user_data)
{
  return clipper_article_get_id (article) != ((Visit *) user_data)->skip;
}

static gboolean
visit_func (ClipperArticle *article, GPtrArray *highlights, gpointer user_data, GError **error)
{
  Visit *v = user_data;
  gint64 id = clipper_article_get_id (article);

  if (id == v->stop_at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stop at %" G_GINT64_FORMAT, id);
      return FALSE;
    }
  g_array_append_val (v->seen, id);
  v->highlights += highlights->len;
  /* Text order within the article. */
  for (guint i = 1; i < highlights->len; i++)
    g_assert_cmpint (clipper_highlight_get_start (highlights->pdata[i - 1]), <=,
                     clipper_highlight_get_start (highlights->pdata[i]));
  return TRUE;
}

/* The exporters' whole-library reads, on the store's own connection:
 * every article once, oldest saved first (ties by id) across pages, with
 * its highlights; a tag, a list of ids, a filter, a failing callback and
 * a cancellable; and highlight fingerprints that change exactly for the
 * articles whose highlights (or their tags) changed. */
static void
test_foreach (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  const char *tags[] = { "odd", NULL };
  Visit v = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0, 0, 0 };
  guint count = 0;
  gint64 h_id = 0;

  g_assert_true (clipper_store_begin (f->store, &error));
  for (int i = 0; i < 600; i++)
    {
      g_autoptr(ClipperArticle) a = make_article (NULL, "T", "some text");
      g_autofree char *url = g_strdup_printf ("https://example.org/each/%d", i);

      clipper_article_set_url (a, url);
      /* Saved out of id order, with ties. */
      clipper_article_set_saved_at (a, 1700000000 + (599 - i) / 3);
      if (i % 2)
        clipper_article_set_tags (a, tags);
      g_assert_true (clipper_store_add_article (f->store, a, NULL, &error));
      g_array_append_val (ids, ((gint64) { clipper_article_get_id (a) }));
      if (i % 100 == 0)
        {
          add_highlight (f, clipper_article_get_id (a), "two", NULL, 5);
          h_id = add_highlight (f, clipper_article_get_id (a), "one", NULL, 1);
        }
    }
  g_assert_true (clipper_store_commit (f->store, &error));

  g_assert_true (clipper_store_count_foreach (f->store, NULL, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 600);
  g_assert_true (clipper_store_foreach_article (f->store, NULL, NULL, FALSE, NULL, visit_func, &v, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (v.seen->len, ==, 600);
  g_assert_cmpuint (v.highlights, ==, 12);
  /* Oldest first, equal times by id: article i (made i-th) was saved at
   * (599 - i) / 3, so the order is the triples from the last made, each
   * triple in id order. */
  for (guint k = 0; k < 600; k++)
    {
      guint triple = k / 3, within = k % 3;
      /* Articles i with (599 - i) / 3 == triple: i = 599 - 3 * triple - 2 .. 599 - 3 * triple. */
      guint i = 599 - 3 * triple - 2 + within;

      g_assert_cmpint (g_array_index (v.seen, gint64, k), ==, g_array_index (ids, gint64, i));
    }

  /* A tag, a filter, a list of ids. */
  g_array_set_size (v.seen, 0);
  v.skip = g_array_index (ids, gint64, 1);
  g_assert_true (clipper_store_count_foreach (f->store, NULL, "odd", &count, &error));
  g_assert_cmpuint (count, ==, 300);
  g_assert_true (clipper_store_foreach_article (f->store, NULL, "odd", TRUE, visit_filter, visit_func, &v, NULL, &error));
  g_assert_cmpuint (v.seen->len, ==, 299);
  g_array_set_size (v.seen, 0);
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_val (some, g_array_index (ids, gint64, 7));
    g_array_append_val (some, g_array_index (ids, gint64, 3));
    g_assert_true (clipper_store_foreach_article (f->store, some, NULL, TRUE, NULL, visit_func, &v, NULL, &error));
    g_assert_cmpuint (v.seen->len, ==, 2);
    g_assert_cmpint (g_array_index (v.seen, gint64, 0), ==, g_array_index (ids, gint64, 7));
    g_array_append_val (some, ((gint64) { 999999 }));
    g_assert_false (clipper_store_foreach_article (f->store, some, NULL, TRUE, NULL, visit_func, &v, NULL, &error));
    g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* The callback and the cancellable stop it. */
  v.stop_at = g_array_index (ids, gint64, 10);
  g_assert_false (clipper_store_foreach_article (f->store, NULL, NULL, FALSE, NULL, visit_func, &v, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (clipper_store_foreach_article (f->store, NULL, NULL, FALSE, NULL, visit_func, &v, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Fingerprints: one per article with highlights; a change of one
   * highlight's tags changes that article's only. */
  before = clipper_store_dup_highlight_fingerprints (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (before), ==, 6);
  g_assert_true (clipper_store_set_highlight_tags (f->store, h_id, tags, &error));
  after = clipper_store_dup_highlight_fingerprints (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (after), ==, 6);
  {
    GHashTableIter iter;
    gpointer key, value;
    guint changed = 0;

    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (*(guint64 *) value != *(guint64 *) g_hash_table_lookup (after, key))
        changed++;
    g_assert_cmpuint (changed, ==, 1);
  }
  /* Inside a write transaction too (the reads see its changes). */
  g_assert_true (clipper_store_begin (f->store, &error));
  g_assert_true (clipper_store_delete_highlight (f->store, h_id, &error));
  g_clear_pointer (&after, g_hash_table_unref);
  after = clipper_store_dup_highlight_fingerprints (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (after), ==, 6);
  g_assert_true (clipper_store_commit (f->store, &error));
  g_array_unref (v.seen);
}

/* ------------------------------------------------------------------ */

static void
load_fixture (const char *path, const char *name)
{
  g_autofree char *file = g_build_filename (TEST_DATA_DIR, "store", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (file, &sql, NULL, &error);
  g_assert_no_error (error);
  if (!raw_exec (path, sql, &message))
    g_error ("cannot load %s: %s", name, message);
}

static const char *const v1_tables[] = {
  "articles", "article_contents", "article_originals", "tags", "article_tags", "highlights", NULL
};
static const gint64 v1_counts[] = { 3, 3, 2, 3, 4, 4 };

static void
test_migration_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *text = NULL;
  const char *tags[] = { "Spring", NULL };

  load_fixture (path, "library-v1.sql");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 1);
  for (guint i = 0; v1_tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", v1_tables[i]);

      g_assert_cmpint (raw_int (path, sql), ==, v1_counts[i]);
    }

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, CLIPPER_STORE_SCHEMA_VERSION);

  /* Not a row lost. */
  for (guint i = 0; v1_tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", v1_tables[i]);

      g_assert_cmpint (raw_int (path, sql), ==, v1_counts[i]);
    }
  text = raw_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (text, ==, "ok");
  assert_fts_consistent (path);

  /* And the rows read back through the API. */
  article = clipper_store_get_article (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Pruning roses");
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, "https://garden.example/pruning-roses");
  g_assert_true (clipper_article_get_starred (article));
  g_assert_cmpuint (clipper_article_get_highlight_count (article), ==, 2);
  assert_tags (clipper_article_get_tags (article), "Garden,To Read");
  page = clipper_store_dup_original_page (store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "outward-facing bud"));
  g_clear_pointer (&page, g_bytes_unref);
  page = clipper_store_dup_original_page (store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (page), >, 1000);

  highlight = clipper_store_get_highlight_by_uuid (store, "0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a03", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_quote (highlight), ==, "étés sont chauds");
  g_assert_cmpstr (clipper_highlight_get_note (highlight), ==, "Summer heat");
  g_assert_false (clipper_highlight_get_anchored (highlight));
  g_assert_null (clipper_highlight_get_original_quote (highlight));
  g_assert_cmpint (clipper_highlight_get_created_at (highlight), ==, 1700000600);

  list = clipper_store_list_highlights (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);

  /* The old FTS index still answers. */
  hits = clipper_store_search (store, "meadow", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "march", 0, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ClipperSearchHit *) hits->pdata[0])->kind, ==, CLIPPER_SEARCH_HIT_HIGHLIGHT);

  /* Version 3 indexed the old articles in word pairs: a phrase finds them
   * through it (diacritics folded, as in the word index). */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "\"outward facing\"", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "\"etes sont\"", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 2));
  g_assert_false (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 1));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_bigrams_docsize"), ==, 3);

  /* What version 2 added works on the upgraded file. */
  g_assert_true (clipper_store_set_highlight_tags (store, 1, tags, &error));
  g_assert_no_error (error);
  clipper_highlight_set_original_quote (highlight, "étés");
  g_assert_true (clipper_store_update_highlight (store, highlight, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) image = g_bytes_new_static ("GIF89a", 6);

    g_assert_true (clipper_store_add_image (store, 1, "https://garden.example/rose.jpg", "image/gif", image, &error));
    g_assert_no_error (error);
  }

  /* Reopening a current library changes nothing. */
  g_clear_object (&store);
  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

/* A library from before version 12 was indexed by a tokenizer that did
 * not fold Arabic letters: the upgrade indexes it again, or a bare-alif
 * query would find nothing there and FTS5 could not delete its rows. */
static void
test_migration_v11_arabic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  load_fixture (path, "library-v11-arabic.sql");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 11);

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, CLIPPER_STORE_SCHEMA_VERSION);
  assert_fts_consistent (path);
  /* Not a word of version 11's left: the indexes hold what their content
   * splits into now (rank 1 compares an external content table's index
   * with its content). */
  {
    static const char *const tables[] = { "articles_fts", "highlights_fts", "articles_bigrams", "highlights_bigrams" };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s, rank) VALUES ('integrity-check', 1)",
                                                tables[i], tables[i]);
        g_autofree char *message = NULL;

        if (!raw_exec (path, sql, &message))
          g_error ("%s out of step with its content: %s", tables[i], message);
      }
  }

  hits = clipper_store_search (store, "الاسكندرية", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* The highlight's quote, harakat and all, and its note's alif wasla. */
  hits = clipper_store_search (store, "\"كتب العلماء\"", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "الفلسفه", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, 1));

  /* Its rows can be deleted: FTS5 finds the tokens it indexed. */
  g_assert_true (clipper_store_delete_article (store, 1, &error));
  g_assert_no_error (error);
  assert_fts_consistent (path);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_fts_docsize"), ==, 0);
  clipper_test_remove_tree (dir);
}

/* A library of version 13 was indexed by a tokenizer that kept the hamza
 * on ؤ and ئ and did not fold Persian's ی and ک: the upgrade indexes its
 * rows that hold them again, or an Arabic-spelled query would find
 * nothing there and FTS5 could not delete its rows. */
static void
test_migration_v13_persian (void)
{
  static const char *const tables[] = { "articles_fts", "highlights_fts", "articles_bigrams", "highlights_bigrams" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  load_fixture (path, "library-v13-persian.sql");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 13);

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, CLIPPER_STORE_SCHEMA_VERSION);
  assert_fts_consistent (path);
  /* Not a word of version 13's left (rank 1 compares an external content
   * table's index with its content). */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s, rank) VALUES ('integrity-check', 1)",
                                              tables[i], tables[i]);
      g_autofree char *message = NULL;

      if (!raw_exec (path, sql, &message))
        g_error ("%s out of step with its content: %s", tables[i], message);
    }

  /* Arabic's kaf and ya find the Persian title and text. */
  hits = clipper_store_search (store, "كتابخانه ملي", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "مسيول", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_ARTICLE, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* The highlight's quote, and its note's مسؤول and رئيس. */
  hits = clipper_store_search (store, "\"ريیس كتابخانه\"", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, 1));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (store, "مسوول", 0, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, 1));

  /* Its rows can be deleted: FTS5 finds the tokens it indexed. */
  g_assert_true (clipper_store_delete_article (store, 1, &error));
  g_assert_no_error (error);
  assert_fts_consistent (path);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_fts_docsize"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights_fts_docsize"), ==, 0);
  clipper_test_remove_tree (dir);
}

static void
test_migration_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "steps.db", NULL);
  g_autoptr(ClipperStore) store = NULL;

  store = clipper_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'highlight_tags'"), ==, 0);
  g_clear_object (&store);

  store = clipper_store_open_at_version (path, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'highlight_tags'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_bigrams'"), ==, 0);
  g_clear_object (&store);

  store = clipper_store_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 3);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_bigrams'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_insert'"), ==, 3);
  g_clear_object (&store);

  store = clipper_store_open_at_version (path, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 4);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_insert'"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'highlights_bigrams'"), ==, 0);
  g_clear_object (&store);

  store = clipper_store_open_at_version (path, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 5);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'highlights_bigrams'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'highlights_%_update'"), ==, 2);
  g_clear_object (&store);

  store = clipper_store_open_at_version (path, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 6);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'highlights_%_update'"), ==, 0);
  g_assert_null (clipper_store_get_library_id (store));
  g_clear_object (&store);


  store = clipper_store_open_at_version (path, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 7);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM library"), ==, 1);
  g_assert_true (g_uuid_string_is_valid (clipper_store_get_library_id (store)));
  /* (Japanese text, indexed as unicode61 does: the run is one word.) */
  {
    g_autoptr(ClipperArticle) article = make_article ("https://cjk.example/ja", "読書", "東京の図書館では読書会が開かれる。");
    g_autoptr(GPtrArray) hits = NULL;

    g_assert_true (clipper_store_add_article (store, article, NULL, &error));
    g_assert_no_error (error);
    hits = clipper_store_search (store, "図書館", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  g_clear_object (&store);

  /* Version 8 made the four search indexes again, CJK text in pairs: the
   * article saved before is found by a word inside its run. */
  store = clipper_store_open_at_version (path, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 8);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%tokenize=''clipper_words''%'"),
                   ==, 2);
  {
    g_autoptr(GPtrArray) hits = clipper_store_search (store, "図書館", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_clear_object (&store);

  /* Version 9 keeps what another library's note added to a note. */
  store = clipper_store_open_at_version (path, 9, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 9);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM note_parts"), ==, 0);
  g_clear_object (&store);

  /* Version 10 keeps a Kindle highlight's page; none is known yet. */
  store = clipper_store_open_at_version (path, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 10);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE page IS NOT NULL"), ==, 0);
  g_clear_object (&store);

  /* Version 11 keeps where a highlight's offsets come from: unknown for
   * all that were there. */
  store = clipper_store_open_at_version (path, 11, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 11);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE offsets_from IS NOT NULL"), ==, 0);
  g_clear_object (&store);

  /* Version 12 folds Arabic in the indexes; this library has none, and
   * they stay as they are (test_migration_v11_arabic() has some). */
  store = clipper_store_open_at_version (path, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 12);
  g_clear_object (&store);

  /* Version 13 keeps when a note part's text was written. */
  store = clipper_store_open_at_version (path, 13, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 13);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM pragma_table_info('note_parts') WHERE name = 'written_at'"),
                   ==, 1);
  g_clear_object (&store);

  /* Version 14 folds ؤ, ئ and Persian's ی and ک; this library has none
   * (test_migration_v13_persian() has some). */
  store = clipper_store_open_at_version (path, 14, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 14);
  g_clear_object (&store);

  /* Version 15 keeps where an original page was read from: unknown for
   * those that were there, which are read as before. */
  store = clipper_store_open_at_version (path, 15, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 15);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM pragma_table_info('article_originals') WHERE name = 'url'"),
                   ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM article_originals WHERE url IS NOT NULL"), ==, 0);
  g_clear_object (&store);

  /* Version 16 names the pictures written into pages by their bytes'
   * sha256 (test_migration_v15_data_pictures): a library without any is
   * as it was. */
  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 16);
  g_clear_object (&store);
  assert_fts_consistent (path);
  clipper_test_remove_tree (dir);
}

/* Until 1 December 2026 a picture written into a page was stored under
 * its whole data: URL, which the article's HTML kept too: megabytes of
 * base64 in a primary key and in every address the reader asked for.
 * Since, it is named "data:sha256,<hex>", and the upgrade to version 16
 * renames those an older library has, in its image rows and its HTML;
 * the picture reads under its new name, and a second row of the same
 * picture (a refetch --offline filed it under the new name) goes. */
static void
test_migration_v15_data_pictures (void)
{
  /* A 20×20 PNG. */
  static const char png_base64[] =
    "iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAGUlEQVR4nGNgYPhPARrVPKp5VPOo5gHVDAAUwI6AVu8gqwAAAABJRU5ErkJggg==";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *data_url = g_strconcat ("data:image/png;base64,", png_base64, NULL);
  g_autofree char *html = g_strdup_printf ("<article><p>A chart of the tides.</p><figure><img src=\"%s\" "
                                           "alt=\"Tides\"></figure><p>And one again.</p><img src=\"%s\" "
                                           "alt=\"Again\"><img src=\"https://tides.example/a.png\"></article>",
                                           data_url, data_url);
  g_autofree char *key = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperArticle) second = NULL;
  gsize png_size = 0;
  guchar *png_data = g_base64_decode (png_base64, &png_size);
  gint64 id, second_id;

  png = g_bytes_new_take (png_data, png_size);
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  key = g_strconcat ("data:sha256,", sum, NULL);

  /* Made as the saver of version 15 made it: the picture's row and the
   * HTML under the data: URL.  The second article was refetched offline
   * since, which filed the picture under its key too. */
  store = clipper_store_open_at_version (path, 15, &error);
  g_assert_no_error (error);
  article = clipper_article_new ();
  clipper_article_set_url (article, "https://tides.example/chart");
  clipper_article_set_title (article, "The Tides");
  clipper_article_set_html (article, html);
  clipper_article_set_text (article, "A chart of the tides.And one again.");
  clipper_article_set_lead_image (article, data_url);
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  id = clipper_article_get_id (article);
  g_assert_true (clipper_store_add_image (store, id, data_url, "image/png", png, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_add_image (store, id, "https://tides.example/a.png", "image/png", png, &error));
  g_assert_no_error (error);
  second = clipper_article_new ();
  clipper_article_set_url (second, "https://tides.example/second");
  clipper_article_set_title (second, "The Tides Again");
  clipper_article_set_html (second, html);
  clipper_article_set_text (second, "A chart of the tides.And one again.");
  g_assert_true (clipper_store_add_article (store, second, NULL, &error));
  g_assert_no_error (error);
  second_id = clipper_article_get_id (second);
  g_assert_true (clipper_store_add_image (store, second_id, data_url, "image/png", png, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_add_image (store, second_id, key, "image/png", png, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&article);
  g_clear_object (&second);

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 16);

  /* No row, HTML or lead image holds the base64 any more. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM article_images WHERE url GLOB 'data:image*'"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM article_images"), ==, 3);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM images"), ==, 1);
  article = clipper_store_get_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (clipper_article_get_html (article), "base64"));
  g_assert_nonnull (strstr (clipper_article_get_html (article), key));
  g_assert_nonnull (strstr (strstr (clipper_article_get_html (article), key) + 1, key));
  g_assert_nonnull (strstr (clipper_article_get_html (article), "https://tides.example/a.png"));
  g_assert_cmpstr (clipper_article_get_lead_image (article), ==, key);
  second = clipper_store_get_article (store, second_id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (clipper_article_get_html (second), "base64"));

  /* The picture reads under its name, for each article. */
  image = clipper_store_dup_image (store, id, key, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_true (g_bytes_equal (image, png));
  g_clear_pointer (&image, g_bytes_unref);
  image = clipper_store_dup_image (store, second_id, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (image, png));
  g_clear_pointer (&image, g_bytes_unref);
  image = clipper_store_dup_image (store, id, data_url, NULL, &error);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&store);
  assert_fts_consistent (path);
  clipper_test_remove_tree (dir);
}

/* A library of schema version 9 (its highlight written as that version's
 * Clipper wrote it: the store writes the newest schema) is upgraded with
 * every highlight as it was, without a page; a page is then saved, read
 * back, changed, kept by Undo (a deleted highlight restored) and cleared,
 * and one of two lines is refused. */
static void
test_highlight_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(ClipperHighlight) read = NULL;
  g_autoptr(ClipperHighlight) added = clipper_highlight_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  gint64 article_id;
  gint64 id = 1;

  store = clipper_store_open_at_version (path, 9, &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, "kindle:book/0123456789abcdef");
  clipper_article_set_title (article, "The Great Book");
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  article_id = clipper_article_get_id (article);
  g_clear_object (&store);
  g_assert_cmpint (article_id, ==, 1);
  g_assert_true (raw_exec (path,
                           "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                           " note, anchored, created_at, updated_at)"
                           " VALUES (1, '0190a0a0-0000-7000-8000-000000000001', 1, 'green', 'A passage of the book',"
                           " 170, 172, 'mine', 0, 1700000000, 1700000000);"
                           "INSERT INTO highlights_fts (rowid, quote, note) VALUES (1, 'A passage of the book', 'mine');"
                           "INSERT INTO highlights_bigrams (rowid, quote, note)"
                           " VALUES (1, 'A passage of the book', 'mine');",
                           NULL));

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_uuid (read), ==, "0190a0a0-0000-7000-8000-000000000001");
  g_assert_cmpstr (clipper_highlight_get_color (read), ==, "green");
  g_assert_cmpstr (clipper_highlight_get_quote (read), ==, "A passage of the book");
  g_assert_cmpstr (clipper_highlight_get_note (read), ==, "mine");
  g_assert_cmpint (clipper_highlight_get_start (read), ==, 170);
  g_assert_cmpint (clipper_highlight_get_end (read), ==, 172);
  g_assert_false (clipper_highlight_get_anchored (read));
  g_assert_cmpint (clipper_highlight_get_created_at (read), ==, 1700000000);
  g_assert_null (clipper_highlight_get_page (read));
  /* A time to come: the saves below keep it, so that the fingerprints
   * differ by the page alone. */
  clipper_highlight_set_updated_at (read, 4102444800);
  g_assert_true (clipper_store_update_highlight (store, read, &error));
  g_assert_no_error (error);
  before = clipper_store_dup_highlight_fingerprints (store, &error);
  g_assert_no_error (error);

  /* Filled in, as a second import of the clippings does. */
  clipper_highlight_set_page (read, "ix");
  g_assert_true (clipper_store_update_highlight (store, read, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_page (read), ==, "ix");
  /* The vault's file of the book is written again, with its page. */
  after = clipper_store_dup_highlight_fingerprints (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*(guint64 *) g_hash_table_lookup (after, &article_id), !=,
                    *(guint64 *) g_hash_table_lookup (before, &article_id));

  /* Deleted and brought back by Undo: the page too. */
  g_assert_true (clipper_store_delete_highlight (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_restore_highlight (store, read, &error));
  g_assert_no_error (error);
  id = clipper_highlight_get_id (read);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_page (read), ==, "ix");
  g_assert_cmpstr (clipper_highlight_get_note (read), ==, "mine");
  assert_fts_consistent (path);

  /* Cleared: "" is no page, as "" is no note. */
  clipper_highlight_set_page (read, "");
  g_assert_true (clipper_store_update_highlight (store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE page IS NOT NULL"), ==, 0);

  /* A new one with a range; one of two lines is refused, not cut. */
  clipper_highlight_set_article_id (added, article_id);
  clipper_highlight_set_quote (added, "Another passage");
  clipper_highlight_set_range (added, 200, 201);
  clipper_highlight_set_anchored (added, FALSE);
  clipper_highlight_set_page (added, "12\n13");
  g_assert_false (clipper_store_add_highlight (store, added, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  clipper_highlight_set_page (added, "1–10");
  g_assert_true (clipper_store_add_highlight (store, added, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, clipper_highlight_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_page (read), ==, "1–10");
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

/* A library of schema version 10 (its highlights written as that
 * version's Clipper wrote them) is upgraded with every highlight as it
 * was, its offsets of unknown origin: which orphans' offsets a
 * re-anchoring had carried was never kept, and unknown is how the
 * suggestion treated them all.  Set, the origin is read back, kept by
 * Undo and changed; a new highlight's offsets are its text's, and the
 * column takes nothing else. */
static void
test_highlight_offsets_from (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(ClipperHighlight) read = NULL;
  g_autoptr(ClipperHighlight) added = clipper_highlight_new ();
  g_autofree char *message = NULL;
  gint64 id = 2;

  store = clipper_store_open_at_version (path, 10, &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, "https://garden.example/roses");
  clipper_article_set_title (article, "Roses");
  clipper_article_set_text (article, "Roses bloom in June. Prune them in March.");
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (clipper_article_get_id (article), ==, 1);
  g_assert_true (raw_exec (path,
                           "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                           " note, anchored, original_quote, page, created_at, updated_at) VALUES"
                           " (1, '0190a0a0-0000-7000-8000-000000000001', 1, 'yellow', 'bloom in June', 6, 19,"
                           " NULL, 1, NULL, NULL, 1700000000, 1700000000),"
                           " (2, '0190a0a0-0000-7000-8000-000000000002', 1, 'blue', 'Water them daily', 21, 37,"
                           " 'mine', 0, 'Water them', NULL, 1700000000, 1700000000);"
                           "INSERT INTO highlights_fts (rowid, quote, note) SELECT id, quote, note FROM highlights;"
                           "INSERT INTO highlights_bigrams (rowid, quote, note) SELECT id, quote, note FROM highlights;",
                           NULL));

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  read = clipper_store_get_highlight (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_offsets_from (read), ==, CLIPPER_OFFSETS_UNKNOWN);
  g_assert_cmpstr (clipper_highlight_get_quote (read), ==, "bloom in June");
  g_assert_true (clipper_highlight_get_anchored (read));
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_offsets_from (read), ==, CLIPPER_OFFSETS_UNKNOWN);
  g_assert_cmpstr (clipper_highlight_get_quote (read), ==, "Water them daily");
  g_assert_cmpstr (clipper_highlight_get_original_quote (read), ==, "Water them");
  g_assert_cmpstr (clipper_highlight_get_note (read), ==, "mine");
  g_assert_cmpint (clipper_highlight_get_start (read), ==, 21);
  g_assert_cmpint (clipper_highlight_get_end (read), ==, 37);
  g_assert_false (clipper_highlight_get_anchored (read));

  /* Carried by a re-anchoring, as clipper_reanchor_place_all() marks it. */
  clipper_highlight_set_offsets_from (read, CLIPPER_OFFSETS_CARRIED);
  g_assert_true (clipper_store_update_highlight (store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE id = 2 AND offsets_from = 'carried'"),
                   ==, 1);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_offsets_from (read), ==, CLIPPER_OFFSETS_CARRIED);

  /* Deleted and brought back by Undo: its origin too. */
  g_assert_true (clipper_store_delete_highlight (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_restore_highlight (store, read, &error));
  g_assert_no_error (error);
  id = clipper_highlight_get_id (read);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_offsets_from (read), ==, CLIPPER_OFFSETS_CARRIED);

  /* Back to unknown (an import of another tool's annotation). */
  clipper_highlight_set_offsets_from (read, CLIPPER_OFFSETS_UNKNOWN);
  g_assert_true (clipper_store_update_highlight (store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE offsets_from IS NOT NULL"), ==, 0);

  /* Made from a selection: the text's. */
  clipper_highlight_set_article_id (added, clipper_article_get_id (article));
  clipper_highlight_set_quote (added, "Prune them");
  clipper_highlight_set_range (added, 21, 31);
  g_assert_true (clipper_store_add_highlight (store, added, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, clipper_highlight_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_offsets_from (read), ==, CLIPPER_OFFSETS_TEXT);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights WHERE offsets_from = 'text'"), ==, 1);
  g_clear_object (&store);

  /* What no Clipper writes, the library does not take. */
  g_assert_false (raw_exec (path, "UPDATE highlights SET offsets_from = 'guessed'", &message));
  g_assert_nonnull (strstr (message, "CHECK"));
  assert_fts_consistent (path);
  clipper_test_remove_tree (dir);
}

/* A library of schema version 8 whose note an import merged from two
 * libraries ("B's note", then A's below it) is upgraded with every note
 * as it was; nothing is recorded as another library's part (it never
 * was), the parts recorded from then on are read back, replaced and
 * forgotten, and they go with their highlight. */
static void
test_note_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(ClipperHighlight) read = NULL;
  g_autoptr(GHashTable) parts = NULL;
  gint64 id = 1;

  store = clipper_store_open_at_version (path, 8, &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, "https://garden.example/roses");
  clipper_article_set_title (article, "Roses");
  clipper_article_set_text (article, "Roses bloom in June. Prune them in March.");
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  /* The highlights as version 8 wrote them (the store writes the newest
   * schema's rows). */
  g_assert_cmpint (clipper_article_get_id (article), ==, 1);
  g_assert_true (raw_exec (path,
                           "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                           " note, anchored, created_at, updated_at) VALUES"
                           " (1, '0190a0a0-0000-7000-8000-000000000001', 1, 'yellow', 'bloom in June', 6, 19,"
                           " 'B''s note' || char(10, 10) || 'A''s note', 1, 1700000000, 1700000000),"
                           " (2, '0190a0a0-0000-7000-8000-000000000002', 1, 'yellow', 'Prune them', 21, 31,"
                           " 'in **March**', 1, 1700000000, 1700000000);"
                           "INSERT INTO highlights_fts (rowid, quote, note) SELECT id, quote, note FROM highlights;"
                           "INSERT INTO highlights_bigrams (rowid, quote, note) SELECT id, quote, note FROM highlights;",
                           NULL));

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  read = clipper_store_get_highlight (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (read), ==, "B's note\n\nA's note");
  g_clear_object (&read);
  read = clipper_store_get_highlight (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (read), ==, "in **March**");
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights"), ==, 2);
  parts = clipper_store_dup_note_parts (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (parts), ==, 0);
  g_clear_pointer (&parts, g_hash_table_unref);

  /* Recorded, replaced, read back; a part of another source apart. */
  g_assert_true (clipper_store_set_note_part (store, id, "b1b1b1b1", "0000-a", "A's note", &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_note_part (store, id, "b1b1b1b1", NULL, "A's note, edited", &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_note_part (store, id, "c2c2c2c2", "0000-c", "C's note", &error));
  g_assert_no_error (error);
  parts = clipper_store_dup_note_parts (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (parts), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (parts, "b1b1b1b1"), ==, "A's note, edited");
  g_assert_cmpstr (g_hash_table_lookup (parts, "c2c2c2c2"), ==, "C's note");
  g_clear_pointer (&parts, g_hash_table_unref);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM note_parts"), ==, 2);

  /* Forgotten; and the rest goes with the highlight. */
  g_assert_true (clipper_store_set_note_part (store, id, "b1b1b1b1", NULL, NULL, &error));
  g_assert_no_error (error);
  parts = clipper_store_dup_note_parts (store, id, &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (parts, "b1b1b1b1"));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM note_parts"), ==, 1);
  g_assert_true (clipper_store_delete_highlight (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM note_parts"), ==, 0);
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

/* Each library has an identity of its own (a vault tells another
 * library's highlights from ones deleted here by it): made with a new
 * library, added by the upgrade to a library of the previous schema with
 * its articles and highlights, and the same at every opening. */
static void
test_library_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autofree char *id = NULL;

  /* (Version 7 made the identity.) */
  store = clipper_store_open_at_version (old_path, 6, &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, "https://garden.example/roses");
  clipper_article_set_title (article, "Roses");
  clipper_article_set_text (article, "Roses bloom in June.");
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  /* The highlight as version 6 wrote it (the store writes the newest
   * schema's rows). */
  g_assert_cmpint (clipper_article_get_id (article), ==, 1);
  g_assert_true (raw_exec (old_path,
                           "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                           " created_at, updated_at)"
                           " VALUES (1, '0190a0a0-0000-7000-8000-000000000001', 1, 'yellow', 'bloom in June', 6, 19,"
                           " 1700000000, 1700000000);"
                           "INSERT INTO highlights_fts (rowid, quote) VALUES (1, 'bloom in June');"
                           "INSERT INTO highlights_bigrams (rowid, quote) VALUES (1, 'bloom in June');",
                           NULL));

  store = clipper_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_true (g_uuid_string_is_valid (clipper_store_get_library_id (store)));
  id = g_strdup (clipper_store_get_library_id (store));
  g_assert_cmpint (raw_int (old_path, "SELECT count(*) FROM highlights"), ==, 1);
  g_clear_object (&store);

  store = clipper_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_store_get_library_id (store), ==, id);
  g_clear_object (&store);

  store = clipper_store_open (new_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (clipper_store_get_library_id (store)));
  g_assert_cmpstr (clipper_store_get_library_id (store), !=, id);
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

/* Version 4 indexes new rows in the store instead of by triggers, and
 * version 5 indexes the highlights in word pairs too (filled from the
 * rows version 3 had): rows indexed either way are found alike, and
 * deleting either (by cascade too) leaves every index whole. */
static void
test_migration_index_across_upgrade (void)
{
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };
  gint64 old_article, new_article;
  g_autoptr(GPtrArray) hits = NULL;

  f.dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  f.path = g_build_filename (f.dir, "upgrade.db", NULL);
  f.store = clipper_store_open_at_version (f.path, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&f.store);
  /* Saved as version 3 saved them: its triggers index the rows. */
  g_assert_true (raw_exec (f.path,
                           "INSERT INTO articles (id, saved_at, updated_at, title, url)"
                           "  VALUES (1, 1, 1, 'Quince jelly', 'https://example.org/old');"
                           "INSERT INTO article_contents (article_id, text)"
                           "  VALUES (1, 'Simmer the quince slowly for hours.');"
                           "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                           "  note, created_at, updated_at)"
                           "  VALUES (1, '01234567-89ab-4def-8123-456789abcdef', 1, 'yellow', 'Simmer the quince', 0, 17, 'a marmalade note', 1, 1);",
                           NULL));
  old_article = 1;

  f.store = clipper_store_open (f.path, &error);
  g_assert_no_error (error);
  new_article = add_article (&f, "https://example.org/new", "Quince paste", "Stir the quince paste until thick.");
  add_highlight (&f, new_article, "Stir the quince", "another marmalade note", 0);
  assert_fts_consistent (f.path);

  /* Words, a phrase (the bigram index), a note, a title. */
  hits = clipper_store_search (f.store, "quince", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (f.store, "\"the quince\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (f.store, "marmalade", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (f.store, "paste", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A highlight indexed by version 3's triggers, changed by the store. */
  {
    g_autoptr(ClipperHighlight) h = clipper_store_get_highlight (f.store, 1, &error);

    g_assert_no_error (error);
    clipper_highlight_set_note (h, "a quince note now");
    g_assert_true (clipper_store_update_highlight (f.store, h, &error));
    g_assert_no_error (error);
    assert_fts_consistent (f.path);
    hits = clipper_store_search (f.store, "marmalade", 10, &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = clipper_store_search (f.store, "\"quince note\"", 10, &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
  }

  /* Deleting the articles cascades to their highlights and unindexes all. */
  g_assert_true (clipper_store_delete_article (f.store, old_article, &error));
  g_assert_true (clipper_store_delete_article (f.store, new_article, &error));
  g_assert_no_error (error);
  assert_fts_consistent (f.path);
  hits = clipper_store_search (f.store, "quince", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);

  fixture_tear_down (&f, NULL);
}

static void
test_open_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-store-XXXXXX", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *nested = g_build_filename (dir, "a", "b", "library.db", NULL);
  g_autofree char *unwritable = g_build_filename (text, "library.db", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);
  ClipperStore *store;

  /* Made by a newer Clipper: refused, and left untouched. */
  g_assert_true (raw_exec (newer, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL));
  store = clipper_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Clipper"));
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (newer, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (raw_int (newer, "SELECT count(*) FROM sqlite_schema"), ==, 1);

  /* Not SQLite at all. */
  for (int i = 0; i < 200; i++)
    g_string_append (junk, "These are my notes, not a database.\n");
  g_assert_true (g_file_set_contents (text, junk->str, junk->len, NULL));
  store = clipper_store_open (text, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a Clipper library"));
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);
  {
    g_autofree char *after = NULL;

    g_file_get_contents (text, &after, NULL, NULL);
    g_assert_cmpstr (after, ==, junk->str);
  }

  /* Another program's SQLite database. */
  g_assert_true (raw_exec (foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');", NULL));
  store = clipper_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a Clipper library"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (foreign, "SELECT count(*) FROM sqlite_schema"), ==, 1);

  /* A Clipper library whose header was overwritten. */
  store = clipper_store_open (damaged, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (damaged, &bytes, &len, NULL));
    memset (bytes, 'X', 100);
    g_assert_true (g_file_set_contents (damaged, bytes, len, NULL));
  }
  store = clipper_store_open (damaged, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Missing folders are made; a path under a file cannot be. */
  store = clipper_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_store_get_path (store), ==, nested);
  g_object_unref (store);
  store = clipper_store_open (unwritable, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_clear_error (&error);

  clipper_test_remove_tree (dir);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CLIPPER_DB"));
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "clipper", "library.db", NULL);

  g_setenv ("CLIPPER_DB", "/tmp/elsewhere.db", TRUE);
  {
    g_autofree char *path = clipper_store_dup_default_path ();

    g_assert_cmpstr (path, ==, "/tmp/elsewhere.db");
  }
  g_unsetenv ("CLIPPER_DB");
  fallback = clipper_store_dup_default_path ();
  g_assert_cmpstr (fallback, ==, expected);
  if (saved != NULL)
    g_setenv ("CLIPPER_DB", saved, TRUE);
}

/* ------------------------------------------------------------------ */

static void
on_changed (ClipperStore *store, guint *count)
{
  (*count)++;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @count exceeds @before or @ms pass. */
static void
wait_for_change (guint *count, guint before, guint ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, on_timeout, &timed_out);

  while (*count <= before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

static void
test_changed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) other = NULL;
  guint count = 0;
  gint64 t0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &count);
  /* Nothing before watch(). */
  add_article (f, "https://example.org/w/0", "Zero", "x");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count, ==, 0);

  clipper_store_watch (f->store);
  clipper_store_watch (f->store);

  /* Quiet library: the poll finds nothing for a while. */
  wait_for_change (&count, 0, 1200);
  g_assert_cmpuint (count, ==, 0);

  /* Our own commit: announced at the next idle. */
  add_article (f, "https://example.org/w/1", "One", "x");
  g_assert_cmpuint (count, ==, 0);
  wait_for_change (&count, 0, 2000);
  g_assert_cmpuint (count, ==, 1);

  /* A batch is one change. */
  g_assert_true (clipper_store_begin (f->store, &error));
  add_article (f, "https://example.org/w/2", "Two", "x");
  add_article (f, "https://example.org/w/3", "Three", "x");
  g_assert_true (clipper_store_commit (f->store, &error));
  wait_for_change (&count, 1, 2000);
  g_assert_cmpuint (count, ==, 2);
  /* A failed write changes nothing and says nothing. */
  g_assert_false (clipper_store_delete_article (f->store, 4242, NULL));
  wait_for_change (&count, 2, 800);
  g_assert_cmpuint (count, ==, 2);

  /* Another connection's commit is noticed by the poll. */
  other = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(ClipperArticle) article = make_article ("https://example.org/w/other", "Other", "x");

    g_assert_true (clipper_store_add_article (other, article, NULL, &error));
  }
  wait_for_change (&count, 2, 5000);
  g_assert_cmpuint (count, ==, 3);
  /* Two poll periods plus slack for a loaded machine or sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 3000 * 1000);
}

/* What "changes" said last, and how often it came. */
typedef struct {
  guint count;
  ClipperStoreChanges *last;
} Changes;

static void
on_changes (ClipperStore *store, ClipperStoreChanges *changes, Changes *seen)
{
  seen->count++;
  g_clear_pointer (&seen->last, clipper_store_changes_free);
  seen->last = clipper_store_changes_copy (changes);
}

/* The changes "changes" listed, as "inserted 3, updated 3", or "other". */
static char *
describe_changes (const ClipperStoreChanges *changes)
{
  static const char *const kinds[] = { "inserted", "updated", "deleted" };
  GString *out = g_string_new (changes->other ? "other" : NULL);

  for (guint i = 0; i < changes->highlights->len; i++)
    {
      ClipperHighlightChange *change = &g_array_index (changes->highlights, ClipperHighlightChange, i);

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, out->len > 0 ? ", " : "", kinds[change->kind],
                              change->id);
    }
  for (guint i = 0; i < changes->articles->len; i++)
    g_string_append_printf (out, "%sarticle %" G_GINT64_FORMAT, out->len > 0 ? ", " : "",
                            g_array_index (changes->articles, gint64, i));
  return g_string_free (out, FALSE);
}

static char *
next_changes (Changes *seen)
{
  guint before = seen->count;

  wait_for_change (&seen->count, before, 2000);
  g_assert_cmpuint (seen->count, ==, before + 1);
  return describe_changes (seen->last);
}

/* A view of every highlight reads again only what a change touched: the
 * store says which highlights a commit inserted, updated or deleted, and
 * "other" for anything it cannot name (an article, another connection).
 * Before, "changed" said only that something changed, and the Highlights
 * page read 100,000 highlights again at each key typed in a note. */
static void
test_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) other = NULL;
  g_autoptr(ClipperHighlight) h = NULL;
  Changes seen = { 0 };
  gint64 article, id, id2;
  g_autofree char *expected = NULL;
  char *got;

  g_signal_connect (f->store, "changes", G_CALLBACK (on_changes), &seen);
  clipper_store_watch (f->store);
  article = add_article (f, "https://example.org/c/1", "One", "some words here");
  got = next_changes (&seen);
  g_assert_cmpstr (got, ==, "other");
  g_free (got);

  id = add_highlight (f, article, "some", NULL, 0);
  got = next_changes (&seen);
  expected = g_strdup_printf ("inserted %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
  g_clear_pointer (&expected, g_free);

  /* A note typed: that highlight, and nothing else. */
  h = clipper_store_get_highlight (f->store, id, &error);
  g_assert_no_error (error);
  clipper_highlight_set_note (h, "a note");
  g_assert_true (clipper_store_update_highlight (f->store, h, &error));
  got = next_changes (&seen);
  expected = g_strdup_printf ("updated %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (got, ==, expected);
  g_free (got);

  /* Tags, even a new tag's row, are the highlight's change. */
  {
    const char *tags[] = { "fresh-tag", NULL };

    g_assert_true (clipper_store_set_highlight_tags (f->store, id, tags, &error));
    got = next_changes (&seen);
    g_assert_cmpstr (got, ==, expected);
    g_free (got);
  }
  g_clear_pointer (&expected, g_free);

  /* Two commits before the idle: one emission, both listed. */
  id2 = add_highlight (f, article, "words", NULL, 5);
  g_assert_true (clipper_store_delete_highlight (f->store, id, &error));
  got = next_changes (&seen);
  expected = g_strdup_printf ("inserted %" G_GINT64_FORMAT ", deleted %" G_GINT64_FORMAT, id2, id);
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
  g_clear_pointer (&expected, g_free);

  /* An article's fields (the reader saves its reading position as it
   * scrolls): that article. */
  {
    g_autoptr(ClipperArticle) a = clipper_store_get_article (f->store, article, &error);

    g_assert_no_error (error);
    clipper_article_set_reading_position (a, 0.5);
    g_assert_true (clipper_store_update_article (f->store, a, &error));
    got = next_changes (&seen);
    expected = g_strdup_printf ("article %" G_GINT64_FORMAT, article);
    g_assert_cmpstr (got, ==, expected);
    g_free (got);
    g_clear_pointer (&expected, g_free);
  }

  /* Its tags are not listed. */
  {
    const char *tags[] = { "reading", NULL };

    g_assert_true (clipper_store_tag_article (f->store, article, tags, &error));
    got = next_changes (&seen);
    g_assert_cmpstr (got, ==, "other");
    g_free (got);
  }

  /* Nor is another connection's, whatever it was. */
  other = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_delete_highlight (other, id2, &error));
  wait_for_change (&seen.count, seen.count, 3000);
  got = describe_changes (seen.last);
  g_assert_cmpstr (got, ==, "other");
  g_free (got);

  g_clear_pointer (&seen.last, clipper_store_changes_free);
}

static GSubprocess *
spawn_writer (const char *path, int count, const char *tag, GError **error)
{
  g_autofree char *n = g_strdup_printf ("%d", count);

  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                           STORE_WRITER, path, n, tag, NULL);
}

static void
test_changed_other_process (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint count = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &count);
  clipper_store_watch (f->store);
  writer = spawn_writer (f->path, 1, "other", &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (writer, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (writer));
  if (g_subprocess_get_exit_status (writer) != 0)
    g_error ("writer failed: %s", err);
  g_assert_true (g_str_has_prefix (out, "article "));
  wait_for_change (&count, 0, 3000);
  g_assert_cmpuint (count, >=, 1);
}

/* ------------------------------------------------------------------ */

typedef struct {
  GHashTable *articles;
  GHashTable *highlights;
} Reported;

static guint
collect_reported (const char *out, Reported *reported)
{
  g_auto(GStrv) lines = g_strsplit (out ? out : "", "\n", -1);
  guint n = 0;
  guint last = g_strv_length (lines);

  /* The last piece follows the last newline: empty, or a torn line. */
  for (guint i = 0; i + 1 < last; i++)
    {
      gint64 *id = g_new (gint64, 1);

      if (sscanf (lines[i], "article %" G_GINT64_FORMAT, id) == 1)
        g_hash_table_add (reported->articles, id);
      else if (sscanf (lines[i], "highlight %" G_GINT64_FORMAT, id) == 1)
        g_hash_table_add (reported->highlights, id);
      else
        {
          g_free (id);
          g_error ("unexpected writer output '%s'", lines[i]);
        }
      n++;
    }
  return n;
}

static void
assert_reported_present (const char *path, Reported *reported)
{
  sqlite3 *db = NULL;
  GHashTableIter iter;
  gint64 *id;
  g_autofree char *check = raw_text (path, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
  assert_fts_consistent (path);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (int kind = 0; kind < 2; kind++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, kind == 0 ? "SELECT 1 FROM articles WHERE id = ?"
                                                         : "SELECT 1 FROM highlights WHERE id = ?",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_hash_table_iter_init (&iter, kind == 0 ? reported->articles : reported->highlights);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        {
          sqlite3_bind_int64 (stmt, 1, *id);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            g_error ("%s %" G_GINT64_FORMAT " was reported saved but is missing",
                     kind == 0 ? "article" : "highlight", *id);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

static void
test_kill (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241129);
  Reported reported = {
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
  };
  guint total = 0;
  int runs = 25;

  /* The test's own connection stays open, as the app's would. */
  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) writer = spawn_writer (f->path, 1000000, "kill", &error);
      g_autofree char *out = NULL;
      /* Some kills land while the writer opens the file, most mid-writing. */
      gulong delay_ms = run % 5 == 0 ? g_rand_int_range (rand, 0, 15) : g_rand_int_range (rand, 20, 200);

      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      g_subprocess_force_exit (writer);
      g_subprocess_communicate_utf8 (writer, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (writer) || g_subprocess_get_if_exited (writer));
      total += collect_reported (out, &reported);

      /* The file is sound after every kill, not only the last. */
      if (run % 8 == 7)
        assert_reported_present (f->path, &reported);
    }
  g_test_message ("%u changes reported before %d kills", total, runs);
  g_assert_cmpuint (total, >, 20);
  assert_reported_present (f->path, &reported);

  /* The library opens and works afterwards. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClipperStore) again = clipper_store_open (f->path, &error);
    ClipperListQuery q = { .tag = "kill", .state = CLIPPER_STATE_FILTER_ALL };
    guint count = 0;

    g_assert_no_error (error);
    g_assert_true (clipper_store_count_articles (again, &q, &count, &error));
    g_assert_cmpuint (count, >=, g_hash_table_size (reported.articles));
  }
  g_hash_table_unref (reported.articles);
  g_hash_table_unref (reported.highlights);
}

static void
test_two_writers (Fixture *f, gconstpointer data)
{
  Reported reported = {
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) one = spawn_writer (f->path, 150, "one", &error);
  g_autoptr(GSubprocess) two = spawn_writer (f->path, 150, "two", &error);
  GSubprocess *writers[] = { one, two };
  guint ok = 0;

  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      guint lines;

      g_subprocess_communicate_utf8 (writers[i], NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (writers[i]));
      lines = collect_reported (out, &reported);
      switch (g_subprocess_get_exit_status (writers[i]))
        {
        case 0:
          g_assert_cmpuint (lines, ==, 300);
          ok++;
          break;
        case 3:
          /* Allowed, but only with a clear message. */
          g_assert_nonnull (strstr (err, "busy"));
          break;
        default:
          g_error ("writer %d failed: %s", i, err);
        }
    }
  g_test_message ("%u of 2 writers finished", ok);
  assert_reported_present (f->path, &reported);
  g_assert_cmpuint (g_hash_table_size (reported.articles), ==, raw_int (f->path, "SELECT count(*) FROM articles"));
  g_hash_table_unref (reported.articles);
  g_hash_table_unref (reported.highlights);
}

static void
count_notify (GObject *object, GParamSpec *pspec, GHashTable *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

#define NOTIFIED(counts, name) GPOINTER_TO_UINT (g_hash_table_lookup (counts, name))

static void
test_models (void)
{
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *tags[] = { "a", "b", NULL };
  const char *same[] = { "a", "b", NULL };
  g_autofree char *title = NULL;
  g_auto(GStrv) got_tags = NULL;
  ClipperReadState state;

  g_signal_connect (article, "notify", G_CALLBACK (count_notify), counts);
  clipper_article_set_title (article, "T");
  clipper_article_set_title (article, "T");
  g_assert_cmpuint (NOTIFIED (counts, "title"), ==, 1);
  g_object_set (article, "title", "U", NULL);
  g_assert_cmpuint (NOTIFIED (counts, "title"), ==, 2);
  g_object_get (article, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "U");

  clipper_article_set_tags (article, tags);
  clipper_article_set_tags (article, same);
  g_assert_cmpuint (NOTIFIED (counts, "tags"), ==, 1);
  g_object_get (article, "tags", &got_tags, NULL);
  assert_tags ((const char *const *) got_tags, "a,b");
  clipper_article_set_tags (article, NULL);
  g_assert_cmpuint (g_strv_length ((char **) clipper_article_get_tags (article)), ==, 0);

  /* The reading time follows the word count. */
  g_assert_cmpuint (clipper_article_get_reading_minutes (article), ==, 0);
  clipper_article_set_word_count (article, 10);
  g_assert_cmpuint (clipper_article_get_reading_minutes (article), ==, 1);
  clipper_article_set_word_count (article, 2300);
  g_assert_cmpuint (clipper_article_get_reading_minutes (article), ==, 10);
  g_assert_cmpuint (NOTIFIED (counts, "reading-minutes"), ==, 2);

  clipper_article_set_starred (article, 2);
  clipper_article_set_starred (article, TRUE);
  g_assert_cmpuint (NOTIFIED (counts, "starred"), ==, 1);
  clipper_article_set_reading_position (article, 7.0);
  g_assert_cmpfloat (clipper_article_get_reading_position (article), ==, 1.0);
  clipper_article_set_highlight_count (article, 3);
  clipper_article_set_highlight_count (article, 3);
  g_assert_cmpuint (NOTIFIED (counts, "highlight-count"), ==, 1);

  g_assert_true (clipper_read_state_from_string ("Archived", &state));
  g_assert_cmpint (state, ==, CLIPPER_READ_STATE_ARCHIVED);
  g_assert_false (clipper_read_state_from_string ("binned", &state));
  g_assert_cmpstr (clipper_read_state_to_string (CLIPPER_READ_STATE_READ), ==, "read");

  g_hash_table_remove_all (counts);
  g_assert_cmpstr (clipper_highlight_get_color (highlight), ==, "yellow");
  g_assert_true (clipper_highlight_get_anchored (highlight));
  g_signal_connect (highlight, "notify", G_CALLBACK (count_notify), counts);
  clipper_highlight_set_range (highlight, 3, 9);
  clipper_highlight_set_range (highlight, 3, 10);
  g_assert_cmpuint (NOTIFIED (counts, "start"), ==, 1);
  g_assert_cmpuint (NOTIFIED (counts, "end"), ==, 2);
  clipper_highlight_set_note (highlight, NULL);
  g_assert_cmpuint (NOTIFIED (counts, "note"), ==, 0);
  g_assert_true (clipper_highlight_color_is_valid ("purple"));
  g_assert_false (clipper_highlight_color_is_valid ("Purple"));
  g_assert_false (clipper_highlight_color_is_valid (NULL));
  g_assert_cmpuint (g_strv_length ((char **) clipper_highlight_colors ()), ==, 5);
}

static void
test_search_rank_window (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) hits = NULL;
  gint64 ids[12];

  g_assert_true (clipper_store_begin (f->store, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/w/%u", i);

      /* The oldest has the word in its title: the best bm25 match. */
      ids[i] = add_article (f, url, i == 0 ? "Common title" : "Other", "a common word in the text");
    }
  add_highlight (f, ids[0], "common", NULL, 2);
  add_highlight (f, ids[1], "common", NULL, 2);
  add_highlight (f, ids[2], "common", NULL, 2);
  g_assert_true (clipper_store_commit (f->store, NULL));

  hits = search_ok (f, "common");
  g_assert_cmpuint (hits->len, ==, 15);
  g_assert_cmpint (((ClipperSearchHit *) hits->pdata[0])->article_id, ==, ids[0]);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Ranking only the newest 5 matches of each index: 5 of the 12
   * articles, all 3 highlights. */
  clipper_store_set_rank_window (f->store, 5);
  hits = search_ok (f, "common");
  g_assert_cmpuint (hits->len, ==, 8);
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];

      if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE)
        g_assert_cmpint (hit->article_id, >=, ids[7]);
    }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A word with fewer matches than the window is ranked over all of them. */
  hits = search_ok (f, "title");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ClipperSearchHit *) hits->pdata[0])->article_id, ==, ids[0]);
  g_clear_pointer (&hits, g_ptr_array_unref);

  clipper_store_set_rank_window (f->store, 0);
  hits = search_ok (f, "common");
  g_assert_cmpuint (hits->len, ==, 15);
}

/* An Undo puts a deleted highlight back as it was, tags and all, or not at
 * all: it was written row first, tags after, and a failure between left it
 * back without its tags. */
static void
test_restore_highlight (Fixture *f, gconstpointer data)
{
  gint64 article = add_article (f, "https://garden.example/roses", "Roses", "Roses bloom in June and again in September.");
  gint64 id = add_highlight (f, article, "bloom in June", "the first flush", 6);
  const char *tags[] = { "garden", "summer", NULL };
  const char *broken[] = { "garden", "   ", NULL };
  g_autoptr(ClipperHighlight) before = NULL;
  g_autoptr(ClipperHighlight) again = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  g_assert_true (clipper_store_set_highlight_tags (f->store, id, tags, &error));
  g_assert_no_error (error);
  before = clipper_store_get_highlight (f->store, id, &error);
  g_assert_no_error (error);
  uuid = g_strdup (clipper_highlight_get_uuid (before));
  g_assert_true (clipper_store_delete_highlight (f->store, id, &error));

  /* A tag the store refuses: nothing comes back. */
  clipper_highlight_set_tags (before, broken);
  g_assert_false (clipper_store_restore_highlight (f->store, before, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (clipper_store_get_highlight_by_uuid (f->store, uuid, NULL));

  clipper_highlight_set_tags (before, tags);
  g_assert_true (clipper_store_restore_highlight (f->store, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_id (before), >, 0);
  again = clipper_store_get_highlight_by_uuid (f->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_id (again), ==, clipper_highlight_get_id (before));
  g_assert_cmpstr (clipper_highlight_get_note (again), ==, "the first flush");
  g_assert_cmpstr (clipper_highlight_get_quote (again), ==, "bloom in June");
  g_assert_cmpint (clipper_highlight_get_start (again), ==, 6);
  g_assert_cmpstrv (clipper_highlight_get_tags (again), tags);
  hits = search_ok (f, "flush");
  g_assert_true (hits_contain (hits, CLIPPER_SEARCH_HIT_HIGHLIGHT, clipper_highlight_get_id (again)));
  assert_fts_consistent (f->path);
}

/* An Undo brings back what another library's note added to the note (its
 * note parts, schema 9), with the library it came from: without them the
 * next import of that library's vault took the note for one merged before
 * schema 9 and added its next version below instead of replacing it. */
static void
test_restore_highlight_note_parts (Fixture *f, gconstpointer data)
{
  gint64 article = add_article (f, "https://garden.example/tulips", "Tulips", "Tulips open in April and close at night.");
  gint64 id = add_highlight (f, article, "open in April", "mine\n\ntheirs, first version", 7);
  const char *library = "0b5f6a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
  const char *broken[] = { "   ", NULL };
  g_autoptr(ClipperHighlight) before = NULL;
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 written_at;

  g_assert_true (clipper_store_set_note_part (f->store, id, "a1b2c3d4", library, "theirs, first version", &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_get_note_part_time (f->store, id, "a1b2c3d4", &written_at, &error));
  g_assert_cmpint (written_at, ==, 0);
  /* When it was written, as a Hypothesis export says, kept by Undo too. */
  g_assert_true (clipper_store_set_note_part_at (f->store, id, "a1b2c3d4", library, "theirs, first version",
                                                 1763980800, &error));
  g_assert_no_error (error);
  before = clipper_store_get_highlight (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_delete_highlight (f->store, id, &error));
  g_assert_no_error (error);

  /* A restore that fails keeps them for the next try. */
  clipper_highlight_set_tags (before, broken);
  g_assert_false (clipper_store_restore_highlight (f->store, before, &error));
  g_clear_error (&error);
  clipper_highlight_set_tags (before, NULL);

  g_assert_true (clipper_store_restore_highlight (f->store, before, &error));
  g_assert_no_error (error);
  parts = clipper_store_dup_note_parts (f->store, clipper_highlight_get_id (before), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (parts), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (parts, "a1b2c3d4"), ==, "theirs, first version");
  g_assert_true (clipper_store_get_note_part_time (f->store, clipper_highlight_get_id (before), "a1b2c3d4",
                                                   &written_at, &error));
  g_assert_cmpint (written_at, ==, 1763980800);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT library FROM note_parts WHERE highlight_id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, clipper_highlight_get_id (before));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, library);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Deleted and restored again: the same, once. */
  g_assert_true (clipper_store_delete_highlight (f->store, clipper_highlight_get_id (before), &error));
  g_assert_true (clipper_store_restore_highlight (f->store, before, &error));
  g_assert_no_error (error);
  g_clear_pointer (&parts, g_hash_table_unref);
  parts = clipper_store_dup_note_parts (f->store, clipper_highlight_get_id (before), &error);
  g_assert_cmpuint (g_hash_table_size (parts), ==, 1);
}

static void
test_uuid (Fixture *f, gconstpointer data)
{
  gint64 a = add_article (f, "https://example.org/u", "U", "text");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_store_get_highlight (f->store, add_highlight (f, a, "text", NULL, 0), &error);
      const char *uuid = clipper_highlight_get_uuid (h);

      g_assert_no_error (error);
      g_assert_true (g_uuid_string_is_valid (uuid));
      /* Version 7, RFC variant. */
      g_assert_cmpint (uuid[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", uuid[19]));
      g_assert_true (g_hash_table_add (seen, g_strdup (uuid)));
    }
}

static GArray *
ranked (sqlite3 *db, const char *sql, const char *match, GArray **out_scores)
{
  sqlite3_stmt *stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  *out_scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double score = sqlite3_column_double (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (*out_scores, score);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* clipper_rank() must order exactly as FTS5's bm25() does. */
static void
test_search_rank_function (Fixture *f, gconstpointer data)
{
  static const char *const words[] = { "alpha", "beta", "gamma", "delta", "omega", "alphabet" };
  static const char *const queries[] = {
    "alpha", "\"alpha\"*", "\"beta gamma\"", "alpha beta", "alpha OR omega", "beta NOT untitled", "\"alp\"*",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (clipper_store_begin (f->store, NULL));
  for (int i = 0; i < 60; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autofree char *url = g_strdup_printf ("https://example.org/r/%d", i);
      int n = g_rand_int_range (rand, 1, 80);

      for (int w = 0; w < n; w++)
        g_string_append_printf (text, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (title, g_rand_boolean (rand) ? words[g_rand_int_range (rand, 0, 6)] : "untitled");
      add_article (f, url, title->str, text->str);
    }
  g_assert_true (clipper_store_commit (f->store, NULL));

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_true (clipper_store_register_tokenizers (db, &error));
  g_assert_true (clipper_store_register_rank (db, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) ours_scores = NULL;
      g_autoptr(GArray) bm25_scores = NULL;
      g_autoptr(GArray) ours = ranked (db, "SELECT rowid, clipper_rank(articles_fts, 10.0, 5.0, 1.0) AS r"
                                           " FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY r, rowid",
                                       queries[q], &ours_scores);
      g_autoptr(GArray) theirs = ranked (db, "SELECT rowid, bm25(articles_fts, 10.0, 5.0, 1.0) AS r"
                                             " FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY r, rowid",
                                         queries[q], &bm25_scores);
      gboolean one_phrase = strchr (queries[q], ' ') == NULL || queries[q][0] == '"';

      g_test_message ("query %s: %u matches", queries[q], ours->len);
      g_assert_cmpuint (ours->len, >, 3);
      g_assert_cmpuint (ours->len, ==, theirs->len);
      for (guint i = 0; i < ours->len; i++)
        {
          g_assert_cmpint (g_array_index (ours, gint64, i), ==, g_array_index (theirs, gint64, i));
          /* With several phrases the IDF is computed, and the score is bm25's. */
          if (!one_phrase)
            g_assert_cmpfloat_with_epsilon (g_array_index (ours_scores, double, i),
                                            g_array_index (bm25_scores, double, i), 1e-9);
        }
    }
  sqlite3_close (db);
}

/* What reading changes, and nothing else: the reader's record of an
 * article dates from when it opened, and written back whole it undid a
 * Mark as Unread or a star given meanwhile. */
static void
test_update_reading (Fixture *f, gconstpointer data)
{
  gint64 id = add_article (f, "https://example.com/read", "Reading", "Some text to read.");
  g_autoptr(ClipperArticle) other = NULL;
  g_autoptr(ClipperArticle) after = NULL;
  g_autoptr(GError) error = NULL;

  /* Meanwhile, elsewhere: starred, and marked read then unread. */
  other = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  clipper_article_set_starred (other, TRUE);
  g_assert_true (clipper_store_update_article (f->store, other, &error));

  g_assert_true (clipper_store_update_reading (f->store, id, 0.25, FALSE, &error));
  g_assert_no_error (error);
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_cmpfloat (clipper_article_get_reading_position (after), ==, 0.25);
  g_assert_true (clipper_article_get_starred (after));
  g_assert_cmpint (clipper_article_get_read_state (after), ==, CLIPPER_READ_STATE_UNREAD);
  g_clear_object (&after);

  /* Read: an unread article becomes read, the position left as it is. */
  g_assert_true (clipper_store_update_reading (f->store, id, -1, TRUE, &error));
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_cmpfloat (clipper_article_get_reading_position (after), ==, 0.25);
  g_assert_cmpint (clipper_article_get_read_state (after), ==, CLIPPER_READ_STATE_READ);
  g_clear_object (&after);

  /* An archived one stays archived. */
  clipper_article_set_read_state (other, CLIPPER_READ_STATE_ARCHIVED);
  g_assert_true (clipper_store_update_article (f->store, other, &error));
  g_assert_true (clipper_store_update_reading (f->store, id, 0.5, TRUE, &error));
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_cmpint (clipper_article_get_read_state (after), ==, CLIPPER_READ_STATE_ARCHIVED);

  g_assert_false (clipper_store_update_reading (f->store, id + 100, 0.5, TRUE, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
}

/* Reading on moves no updated_at (it moved every few seconds while one
 * read, and with it the vault's fingerprint of the article: each export
 * after a read wrote the vault's manifest again); becoming read does. */
static void
test_update_reading_updated_at (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperArticle) article = make_article ("https://example.com/read-on", "Read on", "Some text.");
  g_autoptr(ClipperArticle) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_article_set_saved_at (article, 1000);
  clipper_article_set_updated_at (article, 1000);
  g_assert_true (clipper_store_add_article (f->store, article, NULL, &error));
  g_assert_no_error (error);
  id = clipper_article_get_id (article);

  g_assert_true (clipper_store_update_reading (f->store, id, 0.25, FALSE, &error));
  g_assert_no_error (error);
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (clipper_article_get_reading_position (after), ==, 0.25);
  g_assert_cmpint (clipper_article_get_updated_at (after), ==, 1000);
  g_clear_object (&after);

  g_assert_true (clipper_store_update_reading (f->store, id, 0.5, TRUE, &error));
  g_assert_no_error (error);
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_article_get_read_state (after), ==, CLIPPER_READ_STATE_READ);
  g_assert_cmpint (clipper_article_get_updated_at (after), >, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/article/crud", test_article_crud);
  ADD ("/store/article/duplicate", test_article_duplicate);
  ADD ("/store/article/original-page", test_original_page);
  ADD ("/store/article/update-reading", test_update_reading);
  ADD ("/store/article/update-reading-updated-at", test_update_reading_updated_at);
  ADD ("/store/unknown-ids", test_unknown_ids);
  ADD ("/store/bad-input", test_bad_input);
  ADD ("/store/highlights", test_highlights);
  ADD ("/store/tags", test_tags);
  ADD ("/store/images", test_images);
  ADD ("/store/cascade", test_cascade);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/transactions/batch-undo", test_batch_undo);
  ADD ("/store/transactions/failed-write-log", test_failed_write_log);
  ADD ("/store/list/paging", test_list_paging);
  ADD ("/store/search/ranking", test_search);
  ADD ("/store/search/bad-queries", test_search_bad_queries);
  ADD ("/store/search/dangling-operators", test_search_dangling_operators);
  ADD ("/store/search/filters", test_search_filters);
  ADD ("/store/search/hit-site", test_search_hit_site);
  ADD ("/store/search/word-ending-in-signs", test_search_word_ending_in_signs);
  ADD ("/store/search/note-match", test_search_note_match);
  ADD ("/store/search/tags", test_search_tags);
  ADD ("/store/search/exclude", test_search_exclude);
  ADD ("/store/search/signs-first", test_search_signs_first);
  ADD ("/store/search/signs-snippet", test_search_signs_snippet);
  ADD ("/store/tags-in-use", test_tags_in_use);
  ADD ("/store/tags/rename-and-delete", test_tag_management);
  ADD ("/store/tags/leading-hash", test_tag_leading_hash);
  ADD ("/store/highlights/quote-before-change", test_quote_before_change);
  ADD ("/store/search/snippet-locate", test_search_snippet_locate);
  ADD ("/store/search/cjk", test_search_cjk);
  ADD ("/store/search/arabic", test_search_arabic);
  ADD ("/store/search/persian", test_search_persian);
  g_test_add_func ("/store/search/snippet-render", test_snippet_render);
  g_test_add_func ("/store/one-line", test_one_line);
  g_test_add_func ("/store/text-short", test_text_short);
  ADD ("/store/search/sync", test_search_sync);
  ADD ("/store/search/phrases", test_search_phrases);
  ADD ("/store/foreach", test_foreach);
  ADD ("/store/search/rank-window", test_search_rank_window);
  ADD ("/store/search/rank-function", test_search_rank_function);
  ADD ("/store/highlights/uuid", test_uuid);
  ADD ("/store/highlights/orphans-not-textless", test_orphans_not_textless);
  ADD ("/store/highlights/restore", test_restore_highlight);
  ADD ("/store/highlights/restore-note-parts", test_restore_highlight_note_parts);
  ADD ("/store/changed/connections", test_changed);
  ADD ("/store/changed/process", test_changed_other_process);
  ADD ("/store/changed/which", test_changes);
  ADD ("/store/crash/kill", test_kill);
  ADD ("/store/crash/two-writers", test_two_writers);
#undef ADD
  g_test_add_func ("/store/migration/v1-to-current", test_migration_v1);
  g_test_add_func ("/store/migration/v11-arabic", test_migration_v11_arabic);
  g_test_add_func ("/store/migration/v13-persian", test_migration_v13_persian);
  g_test_add_func ("/store/migration/steps", test_migration_steps);
  g_test_add_func ("/store/migration/v15-data-pictures", test_migration_v15_data_pictures);
  g_test_add_func ("/store/migration/library-id", test_library_id);
  g_test_add_func ("/store/migration/note-parts", test_note_parts);
  g_test_add_func ("/store/migration/highlight-page", test_highlight_page);
  g_test_add_func ("/store/migration/highlight-offsets-from", test_highlight_offsets_from);
  g_test_add_func ("/store/migration/index-across-upgrade", test_migration_index_across_upgrade);
  g_test_add_func ("/store/open/bad-files", test_open_bad_files);
  g_test_add_func ("/store/open/default-path", test_default_path);
  g_test_add_func ("/store/models/notify", test_models);

  return g_test_run ();
}
