/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract between the extractor and the reader (DESIGN.md, "Article
 * text and offsets"): the stored article HTML, parsed by WebKit's HTML5
 * parser, has exactly the stored text as the textContent of the article
 * root, code point for code point.  Highlight offsets depend on it.
 *
 * Runs on the project's own fixtures (tests/data/reader) always, and on the
 * shared corpus when $CLIPPER_SHARED_DIR has it.  Also: a hostile page that
 * went through the extractor is as harmless in the reader.
 */
#define G_LOG_DOMAIN "clipper-reader-test"

#include "reader-test-util.h"
#include "clipper-test-util.h"

#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "clipper-extractor.h"

/* The DOM text as a UTF-8 string (the script returns it JSON-encoded). */
static char *
page_text (ReaderFixture *fixture)
{
  g_autofree char *json = reader_eval (fixture, "clipper", "clipper.articleText()");
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_VALUE (json_parser_get_root (parser)))
    return NULL;
  return g_strdup (json_node_get_string (json_parser_get_root (parser)));
}

static char *
describe_mismatch (const char *expected,
                   const char *actual)
{
  const char *e = expected, *a = actual;
  glong at = 0;
  g_autofree char *e_sub = NULL;
  g_autofree char *a_sub = NULL;
  g_autofree char *e_ctx = NULL;
  g_autofree char *a_ctx = NULL;

  while (*e && *a && g_utf8_get_char (e) == g_utf8_get_char (a))
    {
      e = g_utf8_next_char (e);
      a = g_utf8_next_char (a);
      at++;
    }
  e_sub = g_utf8_substring (e, 0, MIN (40, g_utf8_strlen (e, -1)));
  a_sub = g_utf8_substring (a, 0, MIN (40, g_utf8_strlen (a, -1)));
  e_ctx = g_strescape (e_sub, NULL);
  a_ctx = g_strescape (a_sub, NULL);
  return g_strdup_printf ("first difference at code point %ld of %ld (core) / %ld (WebKit): core \"%s\" vs WebKit \"%s\"",
                          at, g_utf8_strlen (expected, -1), g_utf8_strlen (actual, -1), e_ctx, a_ctx);
}

typedef struct {
  guint checked;
  guint skipped;
  guint mismatched;
} ContractCounts;

/* Extracts @path, stores and opens it, compares; returns FALSE on a mismatch. */
static gboolean
check_page (ReaderFixture  *fixture,
            const char     *path,
            const char     *name,
            ContractCounts *counts)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autofree char *url = g_strdup_printf ("https://example.org/%s/", name);
  g_autofree char *actual = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_test_message ("%s: cannot read: %s", name, error->message);
      counts->skipped++;
      return TRUE;
    }
  extraction = clipper_extract (contents, length, url, &error);
  if (extraction == NULL || extraction->text == NULL || *extraction->text == '\0' ||
      extraction->html == NULL)
    {
      g_test_message ("%s: nothing extracted (%s)", name, error ? error->message : "empty");
      counts->skipped++;
      return TRUE;
    }

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, extraction->title ? extraction->title : name);
  clipper_article_set_html (article, extraction->html);
  clipper_article_set_text (article, extraction->text);
  clipper_article_set_word_count (article, extraction->word_count);
  if (!clipper_store_add_article (fixture->store, article, NULL, &error))
    {
      g_test_message ("%s: not stored: %s", name, error->message);
      counts->skipped++;
      return TRUE;
    }
  reader_fixture_open (fixture, clipper_article_get_id (article));
  actual = page_text (fixture);
  counts->checked++;
  if (g_strcmp0 (actual, extraction->text) != 0)
    {
      g_autofree char *why = describe_mismatch (extraction->text, actual ? actual : "");
      g_test_message ("MISMATCH %s: %s", name, why);
      counts->mismatched++;
      return FALSE;
    }
  return TRUE;
}

static void
test_contract_fixtures (ReaderFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir_path = g_build_filename (TEST_DATA_DIR, "reader", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ContractCounts counts = { 0 };
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >=, 3);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      check_page (fixture, path, g_ptr_array_index (names, i), &counts);
    }
  g_test_message ("fixtures: %u checked, %u skipped, %u mismatched", counts.checked, counts.skipped, counts.mismatched);
  g_assert_cmpuint (counts.skipped, ==, 0);
  g_assert_cmpuint (counts.mismatched, ==, 0);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_contract_corpus (ReaderFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = clipper_test_corpus_pages ();
  ContractCounts counts = { 0 };

  if (pages == NULL)
    return;
  for (guint i = 0; i < pages->len; i++)
    {
      const char *dir = g_ptr_array_index (pages, i);
      g_autofree char *name = g_path_get_basename (dir);
      g_autofree char *path = g_build_filename (dir, "source.html", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        check_page (fixture, path, name, &counts);
    }
  g_test_message ("corpus: %u checked, %u skipped, %u mismatched", counts.checked, counts.skipped, counts.mismatched);
  g_assert_cmpuint (counts.checked, >, 0);
  g_assert_cmpuint (counts.mismatched, ==, 0);
}

/* A hostile page, extracted as the app saves it, then read. */
static void
test_contract_hostile_extracted (ReaderFixture *fixture,
                                 gconstpointer  data)
{
  const char *u = fixture->server_url;
  g_autofree char *page = g_strdup_printf (
    "<!DOCTYPE html><html><head><title>Hostile page</title>"
    "<meta http-equiv=\"refresh\" content=\"0;url=%srefresh\">"
    "<link rel=\"stylesheet\" href=\"%shead.css\">"
    "<script>document.title = 'head script ran';</script></head><body><article><h1>Hostile page</h1>"
    "<p>First paragraph of a hostile article that tries everything it can to run code or to call home. "
    "It is long enough to be an article, and it goes on about nothing in particular for a while.</p>"
    "<script>document.title = 'script ran'; try { webkit.messageHandlers.clipper.postMessage('{\"v\":1,\"type\":\"position\",\"value\":0.9}'); } catch (e) {}</script>"
    "<p style=\"background: url(%sinline-bg.png)\">Second paragraph <img src=\"%stracker.gif\" onerror=\"document.title='onerror ran'\"> "
    "with a <a href=\"javascript:document.title='link ran'\">javascript link</a> and more words to make it long.</p>"
    "<style>body { background: url(%scss-bg.png); }</style>"
    "<iframe src=\"%sframe.html\"></iframe>"
    "<p>Third paragraph with <svg><image href=\"%ssvg-image.png\"/></svg> and a form "
    "<form action=\"%sform\"><input name=q></form> and the end of the text.</p>"
    "</article></body></html>",
    u, u, u, u, u, u, u, u);
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(ClipperArticle) after = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  extraction = clipper_extract (page, strlen (page), "https://hostile.example/", &error);
  g_assert_no_error (error);
  clipper_article_set_url (article, "https://hostile.example/");
  clipper_article_set_title (article, "Hostile page");
  clipper_article_set_html (article, extraction->html);
  clipper_article_set_text (article, extraction->text);
  clipper_store_add_article (fixture->store, article, NULL, &error);
  g_assert_no_error (error);

  reader_fixture_open (fixture, clipper_article_get_id (article));
  reader_wait_ms (1000);
  title = reader_eval (fixture, "clipper", "document.title");
  g_assert_cmpstr (title, ==, "\"Hostile page\"");
  text = page_text (fixture);
  g_assert_cmpstr (text, ==, extraction->text);
  for (guint i = 0; i < fixture->request_paths->len; i++)
    g_test_message ("leaked request: %s", (char *) g_ptr_array_index (fixture->request_paths, i));
  g_assert_cmpuint (fixture->n_requests, ==, 0);
  after = clipper_store_get_article (fixture->store, clipper_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (clipper_article_get_reading_position (after), ==, 0.0);
  highlights = reader_list_highlights (fixture, clipper_article_get_id (article));
  g_assert_cmpuint (highlights->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  reader_test_init_env (&argc, &argv);
  g_test_add ("/reader/contract/fixtures", ReaderFixture, NULL,
              reader_fixture_setup, test_contract_fixtures, reader_fixture_teardown);
  g_test_add ("/reader/contract/corpus", ReaderFixture, NULL,
              reader_fixture_setup, test_contract_corpus, reader_fixture_teardown);
  g_test_add ("/reader/contract/hostile-extracted", ReaderFixture, NULL,
              reader_fixture_setup, test_contract_hostile_extracted, reader_fixture_teardown);
  status = g_test_run ();
  reader_test_cleanup_env ();
  return status;
}
