/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import tests on a real library in a temporary folder: Clipper's JSON
 * round trip, Hypothesis, Kindle clippings in nine languages with every
 * quirk, format detection, broken files, and the CLI's summary line.
 */
#define G_LOG_DOMAIN "test-import"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "clipper-import.h"
#include "clipper-json.h"
#include "clipper-kindle.h"
#include "clipper-markdown.h"
#include "clipper-markdown-import.h"
#include "clipper-saver.h"
#include "clipper-test-util.h"

/* A new library in a temporary folder for each test. */
typedef ClipperTestLibrary Fixture;

static char *
data_path (const char *name)
{
  return clipper_test_build_data_path ("import", name);
}

static ClipperArticle *
find_article (ClipperStore *store, const char *url)
{
  g_autoptr (GError) error = NULL;
  gint64 id = clipper_store_find_article_by_url (store, url, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return clipper_store_get_article (store, id, NULL);
}

static GPtrArray *
highlights_of (ClipperStore *store, gint64 article_id)
{
  ClipperHighlightQuery query = { 0 };
  g_autoptr (GError) error = NULL;
  GPtrArray *list;

  query.article_id = article_id;
  list = clipper_store_list_highlights (store, &query, &error);
  g_assert_no_error (error);
  return list;
}

static guint
count_articles (ClipperStore *store)
{
  ClipperListQuery query = { 0 };
  guint n = 0;

  query.state = CLIPPER_STATE_FILTER_ALL;
  g_assert_true (clipper_store_count_articles (store, &query, &n, NULL));
  return n;
}

/* ------------------------------------------------------------------ */
/* JSON round trip                                                     */

static const char fixed_uuid_1[] = "0f8fad5b-d9cb-469f-a165-70867728950e";
static const char fixed_uuid_2[] = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/* A library with everything an article and a highlight can hold, at
 * times in the past so that "now" cannot hide a lost time. */
static void
fill_library (ClipperStore *store)
{
  g_autoptr (ClipperArticle) a = clipper_article_new ();
  g_autoptr (ClipperArticle) b = clipper_article_new ();
  g_autoptr (ClipperHighlight) h1 = clipper_highlight_new ();
  g_autoptr (ClipperHighlight) h2 = clipper_highlight_new ();
  g_autoptr (GBytes) page = g_bytes_new_static ("<html><body>\0binary\xff page</body></html>", 40);
  g_autoptr (GError) error = NULL;
  const char *tags_a[] = { "history", "to read", NULL };
  const char *tags_h[] = { "key idea", "ünïcode", NULL };
  const char *text = "Über the \"quoted\" text, with a passage worth keeping & more.\nSecond line.";

  clipper_article_set_url (a, "https://example.com/articles/1?x=1&y=2");
  clipper_article_set_canonical_url (a, "https://example.com/articles/1");
  clipper_article_set_title (a, "A title: with \"quotes\" and ünïcode");
  clipper_article_set_byline (a, "Jane Doe");
  clipper_article_set_site_name (a, "Example");
  clipper_article_set_lang (a, "en");
  clipper_article_set_dir (a, "ltr");
  clipper_article_set_published_time (a, "2020-01-02T03:04:05Z");
  clipper_article_set_excerpt (a, "An excerpt.");
  clipper_article_set_lead_image (a, "https://example.com/lead.png");
  clipper_article_set_html (a, "<p>Über the \"quoted\" text, with a passage worth keeping &amp; more.</p>\n<p>Second line.</p>");
  clipper_article_set_text (a, text);
  clipper_article_set_word_count (a, 13);
  clipper_article_set_read_state (a, CLIPPER_READ_STATE_ARCHIVED);
  clipper_article_set_starred (a, TRUE);
  clipper_article_set_reading_position (a, 0.375);
  clipper_article_set_saved_at (a, 1600000000);
  clipper_article_set_tags (a, tags_a);
  clipper_article_set_updated_at (a, 1600000500);
  g_assert_true (clipper_store_add_article (store, a, page, &error));
  g_assert_no_error (error);

  clipper_article_set_url (b, "https://example.org/b");
  clipper_article_set_title (b, "Second");
  clipper_article_set_saved_at (b, 1600001000);
  clipper_article_set_updated_at (b, 1600001000);
  g_assert_true (clipper_store_add_article (store, b, NULL, &error));

  clipper_highlight_set_uuid (h1, fixed_uuid_1);
  clipper_highlight_set_article_id (h1, clipper_article_get_id (a));
  clipper_highlight_set_color (h1, "green");
  clipper_highlight_set_quote (h1, "a passage worth keeping");
  clipper_highlight_set_prefix (h1, "\"quoted\" text, with ");
  clipper_highlight_set_suffix (h1, " & more.");
  clipper_highlight_set_range (h1, 31, 54);
  clipper_highlight_set_note (h1, "A *note* with [markdown](x) and\nlines.");
  clipper_highlight_set_tags (h1, tags_h);
  clipper_highlight_set_created_at (h1, 1600000100);
  clipper_highlight_set_updated_at (h1, 1600000200);
  g_assert_true (clipper_store_add_highlight (store, h1, &error));
  g_assert_no_error (error);

  clipper_highlight_set_uuid (h2, fixed_uuid_2);
  clipper_highlight_set_article_id (h2, clipper_article_get_id (a));
  clipper_highlight_set_color (h2, "purple");
  clipper_highlight_set_quote (h2, "Second line");
  clipper_highlight_set_original_quote (h2, "Second lines");
  clipper_highlight_set_range (h2, 62, 73);
  clipper_highlight_set_anchored (h2, FALSE);
  clipper_highlight_set_created_at (h2, 1600000300);
  clipper_highlight_set_updated_at (h2, 1600000300);
  g_assert_true (clipper_store_add_highlight (store, h2, &error));
  g_assert_no_error (error);
}

static char *
export_to_string (ClipperStore *store)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  guint articles = 0, highlights = 0;

  g_assert_true (clipper_json_export (store, out, NULL, &articles, &highlights, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr (ClipperStore) empty = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  fill_library (f->store);
  /* Read from another address than the article's, as a refetch of a page
   * saved from a file stores the web page: the address came back NULL
   * from an import, and a re-read resolved the page against the file. */
  {
    g_autoptr (ClipperArticle) art = find_article (f->store, "https://example.com/articles/1?x=1&y=2");
    g_autoptr (GBytes) page = clipper_store_dup_original_page (f->store, clipper_article_get_id (art), NULL, &error);

    g_assert_no_error (error);
    g_assert_true (clipper_store_set_original_page (f->store, clipper_article_get_id (art), page,
                                                    "https://example.com/moved/1", &error));
    g_assert_no_error (error);
  }
  first = export_to_string (f->store);
  a = clipper_test_parse_json (first);

  /* The document is what the W3C model asks for. */
  root = json_node_get_object (a);
  g_assert_cmpstr (json_object_get_string_member (root, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "AnnotationCollection");
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, 2);
  {
    JsonArray *items = json_object_get_array_member (json_object_get_object_member (root, "first"), "items");
    JsonObject *ann = json_array_get_object_element (items, 0);
    JsonObject *target = json_object_get_object_member (ann, "target");
    JsonArray *selectors = json_object_get_array_member (target, "selector");
    JsonArray *body = json_object_get_array_member (ann, "body");
    JsonObject *note = json_array_get_object_element (body, 0);

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (ann, "id"), ==, "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e");
    g_assert_cmpstr (json_object_get_string_member (ann, "type"), ==, "Annotation");
    g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, "https://example.com/articles/1?x=1&y=2");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "type"), ==, "TextQuoteSelector");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "exact"), ==, "a passage worth keeping");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (selectors, 1), "start"), ==, 31);
    g_assert_cmpstr (json_object_get_string_member (note, "purpose"), ==, "commenting");
    g_assert_cmpstr (json_object_get_string_member (note, "format"), ==, "text/markdown");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 1), "purpose"), ==, "tagging");
    g_assert_cmpstr (json_object_get_string_member (ann, "clipper:color"), ==, "green");
    g_assert_cmpstr (json_object_get_string_member (ann, "created"), ==, "2020-09-13T12:28:20Z");
    g_assert_cmpstr (json_object_get_string_member (ann, "modified"), ==, "2020-09-13T12:30:00Z");
  }

  g_assert_true (g_file_set_contents (path, first, -1, NULL));
  empty = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  result = clipper_import_file (empty, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_JSON);
  g_assert_cmpuint (result->articles_added, ==, 2);
  g_assert_cmpuint (result->highlights_added, ==, 2);
  g_assert_cmpuint (result->broken_lines->len, ==, 0);

  second = export_to_string (empty);
  b = clipper_test_parse_json (second);
  if (!json_node_equal (a, b))
    {
      g_test_message ("first:\n%s\nsecond:\n%s", first, second);
      g_assert_not_reached ();
    }

  /* The original page, bytes that are not text included, came through. */
  {
    g_autoptr (ClipperArticle) art = find_article (empty, "https://example.com/articles/1?x=1&y=2");
    g_autofree char *read_from = NULL;
    g_autoptr (GBytes) page = clipper_store_dup_original_page (empty, clipper_article_get_id (art), &read_from,
                                                               &error);

    g_assert_no_error (error);
    g_assert_cmpstr (read_from, ==, "https://example.com/moved/1");
    g_assert_cmpuint (g_bytes_get_size (page), ==, 40);
    g_assert_cmpmem (g_bytes_get_data (page, NULL), 40, "<html><body>\0binary\xff page</body></html>", 40);
  }

  /* The same document pretty-printed (as another tool might rewrite it)
   * takes the whole-document path and gives the same library. */
  {
    g_autofree char *pretty_path = g_build_filename (f->dir, "pretty.json", NULL);
    g_autofree char *db3 = g_build_filename (f->dir, "third.db", NULL);
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autoptr (ClipperStore) third = NULL;
    g_autoptr (ClipperImportResult) r3 = NULL;
    g_autoptr (JsonNode) c = NULL;
    g_autofree char *third_export = NULL;

    json_generator_set_root (gen, a);
    json_generator_set_pretty (gen, TRUE);
    g_assert_true (json_generator_to_file (gen, pretty_path, NULL));
    third = clipper_store_open (db3, &error);
    g_assert_no_error (error);
    r3 = clipper_import_file (third, pretty_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r3->highlights_added, ==, 2);
    third_export = export_to_string (third);
    c = clipper_test_parse_json (third_export);
    g_assert_true (json_node_equal (a, c));
  }

  /* The same bytes handed over in memory take the line reader too. */
  {
    g_autofree char *db5 = g_build_filename (f->dir, "fifth.db", NULL);
    g_autoptr (ClipperStore) fifth = clipper_store_open (db5, NULL);
    g_autoptr (ClipperImportResult) r5 = NULL;
    g_autoptr (JsonNode) e = NULL;
    g_autofree char *fifth_export = NULL;

    r5 = clipper_import_data (fifth, first, strlen (first), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r5->highlights_added, ==, 2);
    fifth_export = export_to_string (fifth);
    e = clipper_test_parse_json (fifth_export);
    g_assert_true (json_node_equal (a, e));
  }

  /* A truncated export is refused whole: nothing half imported. */
  {
    g_autofree char *db4 = g_build_filename (f->dir, "fourth.db", NULL);
    g_autoptr (ClipperStore) fourth = clipper_store_open (db4, NULL);
    g_autoptr (ClipperImportResult) r4 = NULL;
    g_autoptr (GError) trunc_error = NULL;

    r4 = clipper_import_data (fourth, first, strlen (first) * 2 / 3, CLIPPER_IMPORT_FORMAT_AUTO,
                              NULL, NULL, NULL, &trunc_error);
    g_assert_null (r4);
    g_assert_error (trunc_error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
    g_assert_cmpuint (count_articles (fourth), ==, 0);
  }

  /* A second import adds nothing. */
  again = clipper_import_file (empty, path, CLIPPER_IMPORT_FORMAT_JSON, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->articles_added, ==, 0);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->articles_existing, ==, 2);
  g_assert_cmpuint (again->highlights_existing, ==, 2);
  g_assert_cmpuint (count_articles (empty), ==, 2);
}

/* ------------------------------------------------------------------ */
/* JSON onto an article the library has with another text              */

#define KEEPER_URL "https://example.com/keeper"
#define KEEPER_1 "The lighthouse keeper climbed the stairs every evening at dusk, carrying a small brass lantern."
#define KEEPER_2 "He had done so for thirty-one years, and never once had the lamp failed to shine over the harbour."
#define KEEPER_2_EDITED "He had done so for thirty-one years, and never once had the great lamp failed to shine over the harbour."
#define KEEPER_3 "The village below depended on that light, and children learned to tell the time by its first flash."

static gint64
add_keeper (ClipperStore *store, const char *text)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  g_autoptr (GError) error = NULL;

  clipper_article_set_url (article, KEEPER_URL);
  clipper_article_set_title (article, "The keeper");
  clipper_article_set_text (article, text);
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  return clipper_article_get_id (article);
}

/* The three highlights of the export, as the library now holds them: the
 * untouched passage moved with the text before it, the edited one follows
 * its edit, the deleted one is an orphan with its note. */
static void
check_keeper_highlights (ClipperStore *store)
{
  g_autoptr (ClipperArticle) article = find_article (store, KEEPER_URL);
  g_autoptr (GPtrArray) hs = highlights_of (store, clipper_article_get_id (article));
  const char *text = clipper_article_get_text (article);
  guint seen = 0;

  g_assert_cmpuint (hs->len, ==, 3);
  for (guint i = 0; i < hs->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (hs, i);
      const char *note = clipper_highlight_get_note (h);
      const char *at = g_utf8_offset_to_pointer (text, MAX (clipper_highlight_get_start (h), 0));

      if (g_strcmp0 (note, "dusk") == 0)
        {
          g_assert_true (clipper_highlight_get_anchored (h));
          g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "climbed the stairs every evening at dusk");
          g_assert_true (at == strstr (text, "climbed the stairs"));
          seen |= 1;
        }
      else if (g_strcmp0 (note, "lamp") == 0)
        {
          g_assert_true (clipper_highlight_get_anchored (h));
          g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "never once had the great lamp failed to shine");
          g_assert_cmpstr (clipper_highlight_get_original_quote (h), ==, "never once had the lamp failed to shine");
          g_assert_true (at == strstr (text, "never once had the great lamp"));
          seen |= 2;
        }
      else
        {
          g_assert_cmpstr (note, ==, "time");
          g_assert_false (clipper_highlight_get_anchored (h));
          g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "children learned to tell the time");
          seen |= 4;
        }
    }
  g_assert_cmpuint (seen, ==, 7);
}

/* A highlight of @store's on @article_id at @quote's first place in @text,
 * made and last changed at @when. */
static void
add_keeper_highlight (ClipperStore *store, gint64 article_id, const char *text, const char *uuid,
                      const char *quote, const char *note, const char *color, gint64 when)
{
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  glong start = g_utf8_pointer_to_offset (text, strstr (text, quote));

  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, color);
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  clipper_highlight_set_anchored (h, TRUE);
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_created_at (h, when);
  clipper_highlight_set_updated_at (h, when);
  g_assert_true (clipper_store_add_highlight (store, h, &error));
  g_assert_no_error (error);
}

/* Another library's JSON export (a second computer's Clipper): its
 * highlights this library lacks come in, a passage both highlighted comes
 * in once, and what either library wrote in its note is kept, whichever
 * was written later; importing it again changes nothing. */
static void
test_json_other_library (Fixture *f, gconstpointer data)
{
  const char *text = KEEPER_1 " " KEEPER_2 " " KEEPER_3;
  g_autofree char *b_path = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (ClipperStore) b = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (GPtrArray) hs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 a_id = add_keeper (f->store, text);
  gint64 b_id;
  guint seen = 0;

  add_keeper_highlight (f->store, a_id, text, fixed_uuid_1,
                        "never once had the lamp failed to shine", "A's note", "yellow", 1700000200);
  add_keeper_highlight (f->store, a_id, text, fixed_uuid_2, "children learned to tell the time",
                        "A only", "pink", 1700000200);
  doc = export_to_string (f->store);

  b = clipper_store_open (b_path, &error);
  g_assert_no_error (error);
  b_id = add_keeper (b, text);
  add_keeper_highlight (b, b_id, text, "018f0000-0000-7000-8000-00000000b001",
                        "never once had the lamp failed to shine", "B's note", "green", 1700000100);
  add_keeper_highlight (b, b_id, text, "018f0000-0000-7000-8000-00000000b002",
                        "climbed the stairs", "B only", "blue", 1700000100);

  result = clipper_import_data (b, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  summary = clipper_import_result_summary (result);
  g_test_message ("%s", summary);
  for (guint i = 0; i < result->notices->len; i++)
    g_test_message ("notice: %s", (const char *) g_ptr_array_index (result->notices, i));
  g_assert_cmpuint (result->highlights_added, ==, 1);
  hs = highlights_of (b, b_id);
  g_assert_cmpuint (hs->len, ==, 3);
  for (guint i = 0; i < hs->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (hs, i);
      const char *note = clipper_highlight_get_note (h);

      g_test_message ("%s: %s (%s)", clipper_highlight_get_quote (h), note,
                      clipper_highlight_get_color (h));
      if (strstr (note, "B's note") != NULL)
        {
          g_assert_nonnull (strstr (note, "A's note"));
          g_assert_cmpstr (clipper_highlight_get_color (h), ==, "green");
          seen |= 1;
        }
      else if (g_str_equal (note, "A only"))
        seen |= 2;
      else if (g_str_equal (note, "B only"))
        seen |= 4;
    }
  g_assert_cmpuint (seen, ==, 7);

  again = clipper_import_data (b, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->notes_updated, ==, 0);
  g_clear_pointer (&hs, g_ptr_array_unref);
  hs = highlights_of (b, b_id);
  g_assert_cmpuint (hs->len, ==, 3);
}

/* @doc, another library's export, imported into @store: its result. */
static ClipperImportResult *
import_doc (ClipperStore *store, const char *doc)
{
  g_autoptr (GError) error = NULL;
  ClipperImportResult *result = clipper_import_data (store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL,
                                                     NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < result->notices->len; i++)
    g_test_message ("notice: %s", (const char *) g_ptr_array_index (result->notices, i));
  return result;
}

/* Whether one of @result's notices holds @text. */
static gboolean
has_notice (const ClipperImportResult *result, const char *text)
{
  for (guint i = 0; i < result->notices->len; i++)
    if (strstr (g_ptr_array_index (result->notices, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* Sets the note of @store's highlight @uuid, as its user would, and
 * returns the store's new JSON export. */
static char *
edit_note_and_export (ClipperStore *store, const char *uuid, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_store_get_highlight_by_uuid (store, uuid, &error);

  g_assert_no_error (error);
  clipper_highlight_set_note (h, note);
  g_assert_true (clipper_store_update_highlight (store, h, &error));
  g_assert_no_error (error);
  return export_to_string (store);
}

/* The note of @store's highlight @uuid. */
static char *
note_of_uuid (ClipperStore *store, const char *uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperHighlight) h = clipper_store_get_highlight_by_uuid (store, uuid, &error);

  g_assert_no_error (error);
  return g_strdup (clipper_highlight_get_note (h));
}

/* A passage both libraries highlighted, whose note the other library
 * edits between two of its exports: the new version replaces the one an
 * import took in before, instead of piling up below it (until then the
 * note read "B, A, A edited"); an unchanged export changes nothing; the
 * other library's part edited here is not written over, the new version
 * going below with a notice; an emptied note takes its part out, and
 * says what was taken out. */
static void
test_json_other_library_edited (Fixture *f, gconstpointer data)
{
  const char *text = KEEPER_1 " " KEEPER_2 " " KEEPER_3;
  const char *b_uuid = "018f0000-0000-7000-8000-00000000b001";
  g_autofree char *b_path = g_build_filename (f->dir, "b.db", NULL);
  g_autoptr (ClipperStore) b = NULL;
  g_autoptr (GError) error = NULL;
  gint64 a_id = add_keeper (f->store, text);
  gint64 b_id;

  add_keeper_highlight (f->store, a_id, text, fixed_uuid_1,
                        "never once had the lamp failed to shine", "A's note", "yellow", 1700000200);
  b = clipper_store_open (b_path, &error);
  g_assert_no_error (error);
  b_id = add_keeper (b, text);
  add_keeper_highlight (b, b_id, text, b_uuid, "never once had the lamp failed to shine", "B's note", "green",
                        1700000100);

  {
    g_autofree char *doc = export_to_string (f->store);
    g_autoptr (ClipperImportResult) result = import_doc (b, doc);
    g_autofree char *note = note_of_uuid (b, b_uuid);

    g_assert_cmpuint (result->foreign_merged, ==, 1);
    g_assert_cmpstr (note, ==, "B's note\n\nA's note");
  }

  /* A edits its note: it replaces A's earlier one, once. */
  {
    g_autofree char *doc = edit_note_and_export (f->store, fixed_uuid_1, "A's note, edited on A");
    g_autoptr (ClipperImportResult) result = import_doc (b, doc);
    g_autoptr (ClipperImportResult) again = NULL;
    g_autofree char *note = note_of_uuid (b, b_uuid);
    g_autofree char *note_again = NULL;

    g_assert_cmpstr (note, ==, "B's note\n\nA's note, edited on A");
    g_assert_cmpuint (result->notes_updated, ==, 1);
    g_assert_cmpuint (result->highlights_added, ==, 0);
    g_assert_cmpuint (result->notices->len, ==, 0);

    again = import_doc (b, doc);
    note_again = note_of_uuid (b, b_uuid);
    g_assert_cmpstr (note_again, ==, note);
    g_assert_cmpuint (again->notes_updated, ==, 0);
    g_assert_cmpuint (again->foreign_merged, ==, 0);
  }

  /* B's user edits A's part by hand, then A edits its note again: B's
   * edit is not written over; A's new version goes below, and that is
   * said.  The next version of A's replaces that one. */
  {
    g_autofree char *unused G_GNUC_UNUSED = edit_note_and_export (b, b_uuid,
                                                                  "B's note\n\nA's note, edited on A, and B's remark");
    g_autofree char *doc = edit_note_and_export (f->store, fixed_uuid_1, "A's third note");
    g_autoptr (ClipperImportResult) result = import_doc (b, doc);
    g_autofree char *note = note_of_uuid (b, b_uuid);
    g_autofree char *doc4 = edit_note_and_export (f->store, fixed_uuid_1, "A's fourth note");
    g_autoptr (ClipperImportResult) fourth = import_doc (b, doc4);
    g_autofree char *note4 = note_of_uuid (b, b_uuid);

    g_assert_cmpstr (note, ==, "B's note\n\nA's note, edited on A, and B's remark\n\nA's third note");
    g_assert_cmpuint (result->notes_updated, ==, 1);
    g_assert_true (has_notice (result, "edited or taken out here: the new version was added below"));
    g_assert_cmpstr (note4, ==, "B's note\n\nA's note, edited on A, and B's remark\n\nA's fourth note");
    g_assert_cmpuint (fourth->notices->len, ==, 0);
  }

  /* A empties its note: its part goes, and the notice keeps its words;
   * what B's user wrote stays. */
  {
    g_autofree char *doc = edit_note_and_export (f->store, fixed_uuid_1, NULL);
    g_autoptr (ClipperImportResult) result = import_doc (b, doc);
    g_autoptr (ClipperImportResult) again = NULL;
    g_autofree char *note = note_of_uuid (b, b_uuid);

    g_assert_cmpstr (note, ==, "B's note\n\nA's note, edited on A, and B's remark");
    g_assert_cmpuint (result->notes_updated, ==, 1);
    g_assert_true (has_notice (result, "emptied its note"));
    g_assert_true (has_notice (result, "\"A's fourth note\""));
    again = import_doc (b, doc);
    g_assert_cmpuint (again->notes_updated, ==, 0);
    g_assert_cmpuint (again->notices->len, ==, 0);
  }
}

/* The other library's vault first, then its JSON export after it edited
 * its note: both name its highlight alike (the vault by block id, the
 * JSON by UUID, whose last eight digits the block id is), so the JSON's
 * version replaces the one the vault brought. */
static void
test_json_after_other_vault (Fixture *f, gconstpointer data)
{
  const char *text = KEEPER_1 " " KEEPER_2 " " KEEPER_3;
  const char *b_uuid = "018f0000-0000-7000-8000-00000000b003";
  g_autofree char *b_path = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault-a", NULL);
  g_autoptr (ClipperStore) b = NULL;
  g_autoptr (ClipperImportResult) from_vault = NULL;
  g_autoptr (GError) error = NULL;
  gint64 a_id = add_keeper (f->store, text);
  gint64 b_id;

  add_keeper_highlight (f->store, a_id, text, fixed_uuid_1,
                        "never once had the lamp failed to shine", "A's note", "yellow", 1700000200);
  g_assert_true (clipper_markdown_export_vault (f->store, vault, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  b = clipper_store_open (b_path, &error);
  g_assert_no_error (error);
  b_id = add_keeper (b, text);
  add_keeper_highlight (b, b_id, text, b_uuid, "never once had the lamp failed to shine", "B's note", "green",
                        1700000100);
  from_vault = clipper_markdown_import (b, vault, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_vault->foreign_merged, ==, 1);
  {
    g_autofree char *doc = edit_note_and_export (f->store, fixed_uuid_1, "A's note, edited on A");
    g_autoptr (ClipperImportResult) result = import_doc (b, doc);
    g_autofree char *note = note_of_uuid (b, b_uuid);

    g_assert_cmpstr (note, ==, "B's note\n\nA's note, edited on A");
    g_assert_cmpuint (result->notices->len, ==, 0);
  }
}

/* A Clipper export imported where the library already has the article
 * with another text (fetched again, or extracted anew, since the export):
 * the exported offsets describe the export's text, so the highlights are
 * placed again, aligned with it, never put at those offsets blindly. */
static void
test_json_onto_changed_article (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = add_keeper (f->store, "The keeper\n\n" KEEPER_1 "\n\n" KEEPER_2 "\n\n" KEEPER_3 "\n");

  clipper_test_add_highlight (f->store, id, "climbed the stairs every evening at dusk", "dusk");
  clipper_test_add_highlight (f->store, id, "never once had the lamp failed to shine", "lamp");
  clipper_test_add_highlight (f->store, id, "children learned to tell the time", "time");
  doc = export_to_string (f->store);
  root = clipper_test_parse_json (doc);

  for (guint way = 0; way < 3; way++)
    {
      g_autofree char *name = g_strdup_printf ("changed-%u.db", way);
      g_autofree char *db = g_build_filename (f->dir, name, NULL);
      g_autoptr (ClipperStore) other = clipper_store_open (db, &error);
      g_autoptr (ClipperImportResult) result = NULL;
      g_autofree char *summary = NULL;

      g_assert_no_error (error);
      add_keeper (other, "The keeper\n\nEditor's note: corrected.\n\n" KEEPER_1 "\n\n" KEEPER_2_EDITED "\n");
      if (way == 0)
        /* Line by line, as exported. */
        result = clipper_import_data (other, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
      else
        {
          /* The whole document at once (another tool rewrote it); the
           * third time without the article's text: then the offsets stand
           * only where they still hold the quote, and the rest is searched
           * for in the library's text. */
          g_autoptr (JsonGenerator) gen = json_generator_new ();
          g_autoptr (JsonNode) copy = json_node_copy (root);
          g_autofree char *pretty = NULL;

          if (way == 2)
            {
              JsonArray *articles = json_object_get_array_member (json_node_get_object (copy), "clipper:articles");

              json_object_remove_member (json_array_get_object_element (articles, 0), "text");
            }
          json_generator_set_root (gen, copy);
          json_generator_set_pretty (gen, TRUE);
          pretty = json_generator_to_data (gen, NULL);
          result = clipper_import_data (other, pretty, strlen (pretty), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                        &error);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (result->highlights_added, ==, 3);
      g_assert_cmpuint (result->articles_existing, ==, 1);
      check_keeper_highlights (other);
      summary = clipper_import_result_summary (result);
      if (way < 2)
        g_assert_cmpstr (summary, ==, "imported 0 articles, 3 highlights; already in the library: 1 article, "
                                      "0 highlights; placed again on the library's own text: 2 highlights, "
                                      "1 orphan");

      /* Again: all three are there by their ids; nothing is added twice. */
      {
        g_autoptr (ClipperImportResult) again = NULL;

        again = clipper_import_data (other, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (again->highlights_added, ==, 0);
        g_assert_cmpuint (again->highlights_existing, ==, 3);
        g_assert_cmpuint (again->highlights_reanchored, ==, 0);
        check_keeper_highlights (other);
      }
    }

  /* clipper-cli says where the orphans are listed. */
  if (!clipper_test_skip_without_cli ())
    {
      g_autofree char *db = g_build_filename (f->dir, "changed-cli.db", NULL);
      g_autofree char *path = g_build_filename (f->dir, "keeper.json", NULL);
      ClipperTestCliOptions options = { .db_path = db };
      g_auto (ClipperTestRun) run = { 0 };

      {
        g_autoptr (ClipperStore) other = clipper_store_open (db, &error);

        g_assert_no_error (error);
        add_keeper (other, "The keeper\n\nEditor's note: corrected.\n\n" KEEPER_1 "\n\n" KEEPER_2_EDITED "\n");
      }
      g_assert_true (g_file_set_contents (path, doc, -1, NULL));
      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "placed again on the library's own text: 2 highlights, 1 orphan\n"));
      g_assert_nonnull (strstr (run.err, "1 of the imported highlights could not be placed"));
      g_assert_nonnull (strstr (run.err, "clipper-cli highlights --orphans"));
    }
}

/* ------------------------------------------------------------------ */
/* JSON after the vault (a new machine restored from both)             */

static ClipperHighlight *
find_highlight_quoting (GPtrArray *hl, const char *quote)
{
  for (guint i = 0; i < hl->len; i++)
    if (g_str_equal (clipper_highlight_get_quote (g_ptr_array_index (hl, i)), quote))
      return g_ptr_array_index (hl, i);
  g_test_message ("no highlight quotes '%s'", quote);
  g_assert_not_reached ();
  return NULL;
}

/* The vault imported first makes the articles without their text and the
 * highlights under UUIDs of its own; the JSON backup imported next fills
 * in the texts and is matched with those highlights, never added beside
 * them. */
static void
test_json_after_vault (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "restored.db", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *uuid_1 = NULL;
  g_autoptr (ClipperStore) restored = NULL;
  g_autoptr (ClipperImportResult) from_vault = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h1, *h2, *h3;

  fill_library (f->store);
  doc = export_to_string (f->store);
  /* One made after the backup, in the vault alone. */
  a = find_article (f->store, "https://example.com/articles/1?x=1&y=2");
  clipper_test_add_highlight (f->store, clipper_article_get_id (a), "Über the", "after the backup");
  g_clear_object (&a);
  g_assert_true (clipper_markdown_export_vault (f->store, vault, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  restored = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  from_vault = clipper_markdown_import (restored, vault, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_vault->highlights_added, ==, 3);
  a = find_article (restored, "https://example.com/articles/1?x=1&y=2");
  g_assert_cmpstr (clipper_article_get_text (a), ==, "");
  hl = highlights_of (restored, clipper_article_get_id (a));
  uuid_1 = g_strdup (clipper_highlight_get_uuid (find_highlight_quoting (hl, "a passage worth keeping")));
  g_assert_cmpstr (uuid_1, !=, fixed_uuid_1);
  g_clear_pointer (&hl, g_ptr_array_unref);
  g_clear_object (&a);

  result = clipper_import_data (restored, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 0);
  g_assert_cmpuint (result->highlights_merged, ==, 2);
  g_assert_cmpuint (result->articles_completed, ==, 1);
  g_assert_cmpuint (result->conflicts, ==, 0);
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 2 articles, "
                                "0 highlights; filled in the text of 1 article; matched 2 highlights the "
                                "library had under other ids (from a vault or Kindle import); placed 1 "
                                "highlight of the library's on the text filled in");

  /* The article has the backup's text and all it lacked. */
  a = find_article (restored, "https://example.com/articles/1?x=1&y=2");
  g_assert_cmpstr (clipper_article_get_text (a), ==,
                   "Über the \"quoted\" text, with a passage worth keeping & more.\nSecond line.");
  g_assert_nonnull (strstr (clipper_article_get_html (a), "<p>Second line.</p>"));
  g_assert_cmpstr (clipper_article_get_lang (a), ==, "en");
  g_assert_cmpstr (clipper_article_get_excerpt (a), ==, "An excerpt.");
  g_assert_cmpuint (clipper_article_get_word_count (a), ==, 13);
  g_assert_cmpint (clipper_article_get_read_state (a), ==, CLIPPER_READ_STATE_ARCHIVED);
  g_assert_true (clipper_article_get_starred (a));
  page = clipper_store_dup_original_page (restored, clipper_article_get_id (a), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (page), ==, 40);

  /* Each highlight once, under the library's id, placed where the backup
   * had it. */
  hl = highlights_of (restored, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 3);
  h1 = find_highlight_quoting (hl, "a passage worth keeping");
  g_assert_cmpstr (clipper_highlight_get_uuid (h1), ==, uuid_1);
  g_assert_true (clipper_highlight_get_anchored (h1));
  g_assert_cmpint (clipper_highlight_get_start (h1), ==, 31);
  g_assert_cmpint (clipper_highlight_get_end (h1), ==, 54);
  g_assert_cmpstr (clipper_highlight_get_prefix (h1), ==, "\"quoted\" text, with ");
  g_assert_cmpstr (clipper_highlight_get_note (h1), ==, "A *note* with [markdown](x) and\nlines.");
  g_assert_cmpstr (clipper_highlight_get_color (h1), ==, "green");
  /* QA: the times were the vault import's, and the Highlights page said
   * "Today" of every highlight restored.  The backup's come back. */
  g_assert_cmpint (clipper_highlight_get_created_at (h1), ==, 1600000100);
  g_assert_cmpint (clipper_highlight_get_updated_at (h1), ==, 1600000200);
  /* QA: the vault's spelling of a tag ("to-read") stayed beside the
   * backup's ("to read"). */
  {
    const char *const *tags = clipper_article_get_tags (a);

    g_assert_nonnull (tags);
    g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
    g_assert_true (g_strv_contains (tags, "history"));
    g_assert_true (g_strv_contains (tags, "to read"));
  }
  h2 = find_highlight_quoting (hl, "Second line");
  /* An orphan in the backup stays one, with its first quote. */
  g_assert_false (clipper_highlight_get_anchored (h2));
  g_assert_cmpstr (clipper_highlight_get_original_quote (h2), ==, "Second lines");
  g_assert_cmpstr (clipper_highlight_get_color (h2), ==, "purple");
  /* The vault's own is placed on the text now there. */
  h3 = find_highlight_quoting (hl, "Über the");
  g_assert_true (clipper_highlight_get_anchored (h3));
  g_assert_cmpint (clipper_highlight_get_start (h3), ==, 0);
  g_assert_cmpstr (clipper_highlight_get_note (h3), ==, "after the backup");

  /* Again: nothing more. */
  again = clipper_import_data (restored, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->articles_completed, ==, 0);
  g_assert_cmpuint (again->highlights_merged, ==, 2);
  g_clear_pointer (&hl, g_ptr_array_unref);
  hl = highlights_of (restored, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 3);

  /* An article tag the store refuses is said, and the rest goes on. */
  {
    g_autofree char *db3 = g_build_filename (f->dir, "restored-again.db", NULL);
    g_autoptr (ClipperStore) third = clipper_store_open (db3, &error);
    g_autoptr (ClipperImportResult) r3 = NULL;
    g_autoptr (JsonNode) root = clipper_test_parse_json (doc);
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autofree char *long_tag = g_strnfill (300, 'x');
    g_autofree char *edited = NULL;
    JsonObject *record = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "clipper:articles"), 0);

    g_assert_no_error (error);
    json_array_add_string_element (json_object_get_array_member (record, "tags"), long_tag);
    json_generator_set_root (gen, root);
    edited = json_generator_to_data (gen, NULL);
    g_clear_pointer (&from_vault, clipper_import_result_free);
    from_vault = clipper_markdown_import (third, vault, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    r3 = clipper_import_data (third, edited, strlen (edited), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r3->articles_completed, ==, 1);
    g_assert_cmpuint (r3->highlights_merged, ==, 2);
    g_assert_cmpuint (r3->highlights_added, ==, 0);
    g_assert_cmpuint (r3->problems->len, ==, 1);
  }
}

/* A Clipper export edited and imported back into the library it came
 * from: the file's later edits come in, the library's later ones stay. */
static void
test_json_edited (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperHighlight) h1 = NULL;
  g_autoptr (ClipperHighlight) h2 = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *items;
  JsonObject *ann;
  JsonArray *body;

  fill_library (f->store);
  doc = export_to_string (f->store);
  root = clipper_test_parse_json (doc);
  items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "first"), "items");

  /* The first annotation edited in the file, later than the library. */
  ann = json_array_get_object_element (items, 0);
  body = json_object_get_array_member (ann, "body");
  json_object_set_string_member (json_array_get_object_element (body, 0), "value", "Edited in the file");
  json_object_set_string_member (json_array_get_object_element (body, 2), "value", "new tag");
  json_object_set_string_member (ann, "clipper:color", "purple");
  json_object_set_string_member (ann, "modified", "2030-01-01T00:00:00Z");

  /* The second given a note in the file, while the library gave it
   * another since the export. */
  ann = json_array_get_object_element (items, 1);
  body = json_array_new ();
  {
    JsonObject *b = json_object_new ();

    json_object_set_string_member (b, "type", "TextualBody");
    json_object_set_string_member (b, "value", "From the file");
    json_object_set_string_member (b, "purpose", "commenting");
    json_array_add_object_element (body, b);
  }
  json_object_set_array_member (ann, "body", body);
  h2 = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_2, &error);
  g_assert_no_error (error);
  clipper_highlight_set_note (h2, "From the library");
  g_assert_true (clipper_store_update_highlight (f->store, h2, &error));
  g_assert_no_error (error);
  g_clear_object (&h2);

  json_generator_set_root (gen, root);
  edited = json_generator_to_data (gen, NULL);
  result = clipper_import_data (f->store, edited, strlen (edited), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 0);
  g_assert_cmpuint (result->highlights_existing, ==, 2);
  g_assert_cmpuint (result->notes_updated, ==, 1);
  g_assert_cmpuint (result->tags_updated, ==, 1);
  g_assert_cmpuint (result->conflicts, ==, 1);
  g_assert_cmpuint (result->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->notices, 0), ==,
                   "the highlight \"Second line\" (annotation 2 in the file): the library's note changed after "
                   "the file's; kept the library's");
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 2 articles, "
                                "2 highlights; updated from the file: 1 note, 1 highlight's tags or colour; "
                                "kept the library's version of 1 highlight that differs from the file's (see the notices)");

  h1 = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (h1), ==, "Edited in the file");
  g_assert_cmpstr (clipper_highlight_get_color (h1), ==, "purple");
  g_assert_true (g_strv_contains (clipper_highlight_get_tags (h1), "new tag"));
  g_assert_false (g_strv_contains (clipper_highlight_get_tags (h1), "ünïcode"));
  h2 = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (h2), ==, "From the library");

  /* Again: the file's edits are in; the library's note is still later. */
  again = clipper_import_data (f->store, edited, strlen (edited), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->notes_updated, ==, 0);
  g_assert_cmpuint (again->tags_updated, ==, 0);
  g_assert_cmpuint (again->conflicts, ==, 1);

  /* A tag given twice is the same tag, not a change. */
  {
    g_autoptr (ClipperImportResult) twice = NULL;
    g_autofree char *doubled = NULL;
    JsonObject *tag = json_object_new ();

    body = json_object_get_array_member (json_array_get_object_element (items, 0), "body");
    json_object_set_string_member (tag, "type", "TextualBody");
    json_object_set_string_member (tag, "value", "new tag");
    json_object_set_string_member (tag, "purpose", "tagging");
    json_array_add_object_element (body, tag);
    doubled = json_generator_to_data (gen, NULL);
    twice = clipper_import_data (f->store, doubled, strlen (doubled), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                 &error);
    g_assert_no_error (error);
    g_assert_cmpuint (twice->tags_updated, ==, 0);
    g_assert_cmpuint (twice->conflicts, ==, 1);
  }
}

/* A file from a newer Clipper, with values this one does not know: each
 * is said, and what it became. */
static void
test_json_newer (Fixture *f, gconstpointer data)
{
  g_autofree char *db2 = g_build_filename (f->dir, "older.db", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *newer = NULL;
  g_autoptr (ClipperStore) older = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *obj;
  JsonArray *items;
  JsonObject *article;

  fill_library (f->store);
  doc = export_to_string (f->store);
  root = clipper_test_parse_json (doc);
  obj = json_node_get_object (root);
  json_object_set_int_member (obj, "clipper:version", 2);
  json_object_set_string_member (obj, "clipper:somethingNew", "x");
  article = json_array_get_object_element (json_object_get_array_member (obj, "clipper:articles"), 0);
  json_object_set_string_member (article, "readState", "reading");
  items = json_object_get_array_member (json_object_get_object_member (obj, "first"), "items");
  json_object_set_string_member (json_array_get_object_element (items, 0), "clipper:color", "orange");
  json_object_set_null_member (json_array_get_object_element (items, 1), "clipper:color");
  json_generator_set_root (gen, root);
  newer = json_generator_to_data (gen, NULL);

  older = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  result = clipper_import_data (older, newer, strlen (newer), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->articles_added, ==, 2);
  g_assert_cmpuint (result->highlights_added, ==, 2);
  g_assert_cmpuint (result->notices->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (result->notices, 0), ==,
                   "the file was written by a newer Clipper (version 2); parts of it may not be imported");
  g_assert_cmpstr (g_ptr_array_index (result->notices, 1), ==,
                   "article 1 (https://example.com/articles/1?x=1&y=2): the read state 'reading' is not one "
                   "Clipper knows; imported as unread");
  g_assert_cmpstr (g_ptr_array_index (result->notices, 2), ==,
                   "the highlight \"a passage worth keeping\" (annotation 1 in the file): the colour 'orange' is "
                   "not one Clipper knows; imported as yellow");
  g_assert_cmpstr (g_ptr_array_index (result->notices, 3), ==,
                   "the highlight \"Second line\" (annotation 2 in the file): the colour null is not one Clipper "
                   "knows; imported as yellow");

  a = find_article (older, "https://example.com/articles/1?x=1&y=2");
  g_assert_cmpint (clipper_article_get_read_state (a), ==, CLIPPER_READ_STATE_UNREAD);
}

static void
test_json_broken (Fixture *f, gconstpointer data)
{
  static const char *const broken[] = {
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": ",
    "[1, 2",
    "{}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ClipperImportResult) result = NULL;

      result = clipper_import_data (f->store, broken[i], strlen (broken[i]), CLIPPER_IMPORT_FORMAT_AUTO,
                                    NULL, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
      g_assert_cmpuint (count_articles (f->store), ==, 0);
    }

  /* Broken records inside a good document are skipped and named. */
  {
    const char *doc = "{\"type\":\"AnnotationCollection\",\"clipper:articles\":[{\"title\":\"no url\"}, 5,"
                      " {\"url\":\"https://ok.example/\",\"title\":\"OK\"},"
                      " {\"url\":\"https://bad.example/\",\"dir\":\"sideways\"}],"
                      "\"first\":{\"items\":[{\"type\":\"Annotation\",\"target\":{\"source\":\"https://ok.example/\","
                      "\"selector\":{\"type\":\"TextQuoteSelector\",\"exact\":\"hello\"}}}, \"junk\"]}}";
    g_autoptr (GError) error = NULL;
    g_autoptr (ClipperImportResult) result = NULL;
    g_autofree char *summary = NULL;

    result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->articles_added, ==, 1);
    g_assert_cmpuint (result->highlights_added, ==, 1);
    g_assert_cmpuint (result->broken_lines->len, ==, 4);
    /* The store refused the fourth article; the message says which and why. */
    g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 2), "https://bad.example/"));
    g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 2), "sideways"));
    summary = clipper_import_result_summary (result);
    g_assert_cmpstr (summary, ==, "imported 1 article, 1 highlight; skipped 4 broken entries (entries 1, 2, 4, 2)");
    g_assert_cmpuint (count_articles (f->store), ==, 1);
  }

  /* Nothing Clipper knows. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (ClipperImportResult) result = NULL;

    result = clipper_import_data (f->store, "hello world", 11, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED);
  }
}

/* originalPageUrl is the address a refetch --offline reads the stored
 * page against: only an absolute web or file address is kept.  Any
 * string was stored ("", "not a url", "javascript:…") and used so without
 * a word; now it is left out and said, and the article and its page are
 * imported. */
static void
test_json_original_page_url (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *url;
    gboolean    kept;
  } cases[] = {
    { "https://example.com/moved/1", TRUE },
    { "file:///home/ada/page.html", TRUE },
    { "", FALSE },
    { "not a url", FALSE },
    { "javascript:alert(1)", FALSE },
    { "/pages/1.html", FALSE },
    { "https:///no-host", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.com/original/%" G_GSIZE_FORMAT, i);
      g_autofree char *doc = g_strdup_printf ("{\"type\":\"AnnotationCollection\",\"clipper:articles\":[{\"url\":\"%s\","
                                              "\"title\":\"T\",\"text\":\"Some text.\","
                                              "\"originalPage\":\"PGh0bWw+PC9odG1sPg==\",\"originalPageUrl\":\"%s\"}],"
                                              "\"first\":{\"items\":[]}}", url, cases[i].url);
      g_autoptr (GError) error = NULL;
      g_autoptr (ClipperImportResult) result = NULL;
      g_autoptr (ClipperArticle) art = NULL;
      g_autoptr (GBytes) page = NULL;
      g_autofree char *read_from = NULL;

      result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                    &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->articles_added, ==, 1);
      art = find_article (f->store, url);
      page = clipper_store_dup_original_page (f->store, clipper_article_get_id (art), &read_from, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (page), ==, 13);
      if (cases[i].kept)
        {
          g_assert_cmpstr (read_from, ==, cases[i].url);
          g_assert_cmpuint (result->notices->len, ==, 0);
        }
      else
        {
          g_assert_null (read_from);
          g_assert_true (has_notice (result, "originalPageUrl"));
        }
    }
}

/* JSON's parser quotes the token it stopped at in its message, cut after
 * so many bytes, inside a character if need be (found by fuzz-import): the
 * message is for people — shown in a dialog, printed by the CLI — so it
 * must be text.  So must the problem named for a broken line of Clipper's
 * export, which is read a line at a time. */
static void
test_json_broken_text (Fixture *f, gconstpointer data)
{
  const char doc[] = "{\"url\":\"https://example.com/posts/e \xe2\x80\x94pe\":\"x\"}";
  g_autofree char *path = clipper_test_build_data_path ("export", "library.json");
  g_autofree char *export = NULL;
  g_auto (GStrv) parts = NULL;
  g_autofree char *lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperImportResult) result = NULL;

  result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);

  /* Clipper's export, read a line at a time, its article's line so broken. */
  g_assert_true (g_file_get_contents (path, &export, NULL, NULL));
  parts = g_strsplit (export, "\"url\":\"https://example.com/posts/escaping?id=1\"", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  lines = g_strjoinv ("\"url\":\"https://example.com/posts/e \xe2\x80\x94pe\":\"x\"", parts);
  result = clipper_import_data (f->store, lines, strlen (lines), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->problems->len, ==, 1);
  g_assert_true (g_utf8_validate (g_ptr_array_index (result->problems, 0), -1, NULL));
  g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 0), "article 1 is not valid JSON"));
}

/* ------------------------------------------------------------------ */
/* Hypothesis                                                          */

static void
test_hypothesis (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("hypothesis.json");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) post = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_HYPOTHESIS);
  g_assert_cmpuint (result->articles_added, ==, 3);
  g_assert_cmpuint (result->highlights_added, ==, 3);
  g_assert_cmpuint (result->page_notes, ==, 1);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->broken_lines->len, ==, 0);

  post = find_article (f->store, "https://example.com/post");
  g_assert_cmpstr (clipper_article_get_title (post), ==, "Example Post");
  g_assert_cmpint (clipper_article_get_saved_at (post), ==, 1682935200);
  hl = highlights_of (f->store, clipper_article_get_id (post));
  g_assert_cmpuint (hl->len, ==, 2);
  h = g_ptr_array_index (hl, 0);
  if (!g_str_equal (clipper_highlight_get_quote (h), "quoted passage"))
    h = g_ptr_array_index (hl, 1);
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "quoted passage");
  g_assert_cmpstr (clipper_highlight_get_prefix (h), ==, "Here is a ");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "My *note* on it");
  g_assert_cmpstr (clipper_highlight_get_tags (h)[0], ==, "history");
  g_assert_cmpstr (clipper_highlight_get_tags (h)[1], ==, "to read");
  g_assert_cmpint (clipper_highlight_get_created_at (h), ==, 1682935200);
  /* No article text to anchor in: kept as an orphan, never dropped, at
   * the offsets of the page it was made on (none here), not this text's. */
  g_assert_false (clipper_highlight_get_anchored (h));
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_UNKNOWN);

  /* The page note is kept on its page, as a highlight of its text. */
  {
    g_autoptr (ClipperArticle) other = find_article (f->store, "https://example.org/other");
    g_autoptr (GPtrArray) notes = highlights_of (f->store, clipper_article_get_id (other));
    ClipperHighlight *page_note;

    g_assert_cmpuint (notes->len, ==, 1);
    page_note = g_ptr_array_index (notes, 0);
    g_assert_cmpstr (clipper_highlight_get_quote (page_note), ==, "A page note: it quotes nothing");
    g_assert_true (g_strv_contains (clipper_highlight_get_tags (page_note), "page"));
    g_assert_true (g_strv_contains (clipper_highlight_get_tags (page_note), "page-note"));
    g_assert_cmpint (clipper_highlight_get_offsets_from (page_note), ==, CLIPPER_OFFSETS_UNKNOWN);
  }

  again = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_HYPOTHESIS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->articles_added, ==, 0);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->page_notes, ==, 0);
  g_assert_cmpuint (again->highlights_existing, ==, 4);
}

/* Hypothesis highlights of an article already saved land in its text. */
static void
test_hypothesis_anchors (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = clipper_article_new ();
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  const char *doc = "[{\"id\":\"x1\",\"uri\":\"https://example.net/saved\",\"text\":\"\",\"tags\":[],"
                    "\"created\":\"2023-01-01T00:00:00+00:00\",\"updated\":\"2023-01-01T00:00:00+00:00\","
                    "\"document\":{\"title\":[\"Saved\"]},\"target\":[{\"source\":\"https://example.net/saved\","
                    "\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"brown fox\",\"prefix\":\"quick \",\"suffix\":\" jumps\"}]}]},"
                    /* Annotated before the page was edited. */
                    "{\"id\":\"x2\",\"uri\":\"https://example.net/saved\",\"text\":\"edited\",\"tags\":[],"
                    "\"created\":\"2023-01-01T00:00:00+00:00\",\"updated\":\"2023-01-01T00:00:00+00:00\","
                    "\"target\":[{\"source\":\"https://example.net/saved\",\"selector\":[{\"type\":\"TextQuoteSelector\","
                    "\"exact\":\"while the old farmer slept in the barn behind the house\",\"prefix\":\"over the lazy dog \","
                    "\"suffix\":\".\"}]}]}]";
  ClipperHighlight *edited;

  clipper_article_set_url (a, "https://example.net/saved");
  clipper_article_set_title (a, "Saved");
  clipper_article_set_html (a, "<p>The quick brown fox jumps over the lazy dog while the old farmer sleeps in the "
                               "barn behind the house.</p>");
  clipper_article_set_text (a, "The quick brown fox jumps over the lazy dog while the old farmer sleeps in the barn "
                               "behind the house.");
  g_assert_true (clipper_store_add_article (f->store, a, NULL, &error));

  result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_HYPOTHESIS);
  g_assert_cmpuint (result->articles_existing, ==, 1);
  g_assert_cmpuint (result->articles_added, ==, 0);
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 2);
  g_assert_true (clipper_highlight_get_anchored (g_ptr_array_index (hl, 0)));
  g_assert_cmpint (clipper_highlight_get_start (g_ptr_array_index (hl, 0)), ==, 10);
  g_assert_cmpint (clipper_highlight_get_end (g_ptr_array_index (hl, 0)), ==, 19);
  g_assert_null (clipper_highlight_get_original_quote (g_ptr_array_index (hl, 0)));

  /* The edited passage is found, and its quote is the text's now, as a
   * refetch would leave it: Hypothesis's is kept as the original. */
  edited = g_ptr_array_index (hl, 1);
  g_assert_true (clipper_highlight_get_anchored (edited));
  g_assert_cmpstr (clipper_highlight_get_quote (edited), ==, "while the old farmer sleeps in the barn behind the house");
  g_assert_cmpstr (clipper_highlight_get_original_quote (edited), ==,
                   "while the old farmer slept in the barn behind the house");
  g_assert_cmpint (clipper_highlight_get_start (edited), ==, 44);
  g_assert_cmpstr (clipper_highlight_get_prefix (edited), ==, "own fox jumps over the lazy dog ");
  /* Placed: the offsets are the text's now. */
  g_assert_cmpint (clipper_highlight_get_offsets_from (edited), ==, CLIPPER_OFFSETS_TEXT);
}

/* A page note is kept as a highlight of its own text, tagged, as
 * Kindle's notes at no highlight are.  A reply goes into the note of the
 * annotation that starts its thread, credited to who wrote it, even when
 * the file lists it first; a reply to an annotation neither the file nor
 * the library has is kept as a page note is, and said.  An annotation with
 * nothing written is left out. */
static void
test_hypothesis_page_notes (Fixture *f, gconstpointer data)
{
  const char *doc = "[{\"id\":\"reply2\",\"created\":\"2024-01-02T04:04:05+00:00\",\"updated\":\"2024-01-02T04:04:05+00:00\","
                    "\"user\":\"acct:me@hypothes.is\",\"uri\":\"https://example.com/a\",\"text\":\"thanks\","
                    "\"references\":[\"abc123\",\"reply1\"],\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]},"
                    "{\"id\":\"reply3\",\"created\":\"2024-01-02T04:04:05+00:00\",\"updated\":\"2024-01-02T04:04:05+00:00\","
                    "\"user\":\"acct:friend@hypothes.is\",\"uri\":\"https://example.com/a\",\"text\":\"lost thread\","
                    "\"references\":[\"gone9\"],\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]},"
                    "{\"id\":\"abc123\",\"created\":\"2024-01-02T03:04:05+00:00\",\"updated\":\"2024-01-02T03:04:05+00:00\","
                    "\"uri\":\"https://example.com/a\",\"text\":\"my **note**\",\"tags\":[],"
                    "\"document\":{\"title\":[\"Example A\"]},\"target\":[{\"source\":\"https://example.com/a\","
                    "\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"hello world\"}]}]},"
                    "{\"id\":\"page1\",\"created\":\"2024-01-02T03:04:05+00:00\",\"updated\":\"2024-01-02T03:04:05+00:00\","
                    "\"uri\":\"https://example.com/a\",\"text\":\"a page note\",\"tags\":[\"mine\"],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]},"
                    "{\"id\":\"reply1\",\"created\":\"2024-01-02T03:04:05+00:00\",\"updated\":\"2024-01-02T03:04:05+00:00\","
                    "\"user\":\"acct:friend@hypothes.is\","
                    "\"uri\":\"https://example.com/a\",\"text\":\"a reply\",\"references\":[\"abc123\"],\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]},"
                    "{\"id\":\"empty1\",\"created\":\"2024-01-02T03:04:05+00:00\",\"updated\":\"2024-01-02T03:04:05+00:00\","
                    "\"uri\":\"https://example.com/a\",\"text\":\"\",\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]}]";
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  ClipperHighlight *page_note, *answered, *lost;

  result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_HYPOTHESIS);
  g_assert_cmpuint (result->highlights_added, ==, 1);
  g_assert_cmpuint (result->page_notes, ==, 2);
  g_assert_cmpuint (result->replies, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 1);
  g_assert_true (has_notice (result, "annotation 2 is a reply to gone9, which neither the file nor the library "
                                     "has; kept as a highlight of its own text, tagged reply: \"lost thread\""));
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 1 article, 1 highlight, 2 page notes (kept as highlights of their own "
                                "text, tagged page-note), 2 replies (added to the note of the annotation "
                                "answered, with who wrote it); left out 1 annotation with neither a quote nor "
                                "a note");

  a = find_article (f->store, "https://example.com/a");
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 3);
  page_note = find_highlight_quoting (hl, "a page note");
  g_assert_false (clipper_highlight_get_anchored (page_note));
  g_assert_true (g_strv_contains (clipper_highlight_get_tags (page_note), "page-note"));
  g_assert_true (g_strv_contains (clipper_highlight_get_tags (page_note), "mine"));
  answered = find_highlight_quoting (hl, "hello world");
  g_assert_cmpstr (clipper_highlight_get_note (answered), ==,
                   "my **note**\n\nReply from friend@hypothes.is: a reply\n\nReply from me@hypothes.is: thanks");
  lost = find_highlight_quoting (hl, "lost thread");
  g_assert_true (g_strv_contains (clipper_highlight_get_tags (lost), "reply"));

  /* Again: nothing added twice. */
  again = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added + again->page_notes + again->replies, ==, 0);
  /* A highlight and two page notes; the two replies are replies. */
  g_assert_cmpuint (again->highlights_existing, ==, 3);
  g_assert_cmpuint (again->replies_existing, ==, 2);
  {
    g_autoptr (GPtrArray) now = highlights_of (f->store, clipper_article_get_id (a));

    g_assert_cmpstr (clipper_highlight_get_note (find_highlight_quoting (now, "hello world")), ==,
                     "my **note**\n\nReply from friend@hypothes.is: a reply\n\nReply from me@hypothes.is: thanks");
  }
}

/* A reply an import before 30 November 2026 kept as a highlight of its
 * own text stays that, and the same file imported again does not write
 * it into the answered note a second time. */
static void
test_hypothesis_reply_kept_before (Fixture *f, gconstpointer data)
{
  const char *doc = "[{\"id\":\"abc123\",\"uri\":\"https://example.com/a\",\"text\":\"my note\",\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\","
                    "\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"hello world\"}]}]},"
                    "{\"id\":\"reply1\",\"user\":\"acct:friend@hypothes.is\",\"uri\":\"https://example.com/a\","
                    "\"text\":\"a reply\",\"references\":[\"abc123\"],\"tags\":[],"
                    "\"target\":[{\"source\":\"https://example.com/a\"}]}]";
  g_autoptr (ClipperArticle) a = clipper_article_new ();
  g_autoptr (ClipperHighlight) old = clipper_highlight_new ();
  g_autofree char *uuid = clipper_export_uuid_for_name ("hypothesis:reply1");
  const char *tags[] = { "reply", NULL };
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  clipper_article_set_url (a, "https://example.com/a");
  clipper_article_set_title (a, "A");
  clipper_article_set_saved_at (a, 1600000000);
  g_assert_true (clipper_store_add_article (f->store, a, NULL, &error));
  g_assert_no_error (error);
  clipper_highlight_set_uuid (old, uuid);
  clipper_highlight_set_article_id (old, clipper_article_get_id (a));
  clipper_highlight_set_color (old, "yellow");
  clipper_highlight_set_quote (old, "a reply");
  clipper_highlight_set_tags (old, tags);
  clipper_highlight_set_anchored (old, FALSE);
  g_assert_true (clipper_store_add_highlight (f->store, old, &error));
  g_assert_no_error (error);

  result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->replies, ==, 0);
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 2);
  g_assert_cmpstr (clipper_highlight_get_note (find_highlight_quoting (hl, "hello world")), ==, "my note");
  g_assert_nonnull (find_highlight_quoting (hl, "a reply"));
}

/* The note of the thread in the fixtures hypothesis-thread*.json. */
static char *
dup_thread_note (Fixture *f)
{
  g_autoptr (ClipperArticle) a = find_article (f->store, "https://example.com/guns");
  g_autoptr (GPtrArray) hl = highlights_of (f->store, clipper_article_get_id (a));

  g_assert_cmpuint (hl->len, ==, 1);
  return g_strdup (clipper_highlight_get_note (g_ptr_array_index (hl, 0)));
}

/* Imports the fixture @name, which must import without error. */
static ClipperImportResult *
import_fixture (Fixture *f, const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GError) error = NULL;
  ClipperImportResult *result;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_HYPOTHESIS);
  return result;
}

/* QA-I finding 7: an annotation whose text was edited on hypothes.is
 * (a newer "updated") and imported again into a library where nobody
 * touched the note: its edited reply came in, its own new text never did,
 * and nothing was said; the summary counted its two replies as
 * highlights.  The new text replaces the one the first import took in,
 * the summary counts it, and a highlight is a highlight, a reply a
 * reply. */
static void
test_hypothesis_reimport_edited (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) edited = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;

  first = import_fixture (f, "hypothesis-thread.json");
  summary = clipper_import_result_summary (first);
  g_assert_cmpstr (summary, ==, "imported 1 article, 1 highlight, 2 replies (added to the note of the annotation "
                                "answered, with who wrote it)");
  g_clear_pointer (&summary, g_free);

  edited = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, "My annotation — über, edited on hypothes.is\n\n"
                             "Reply from friend@hypothes.is: I agree, edited too\n\n"
                             "Reply from third@hypothes.is: Me too");
  g_assert_cmpuint (edited->highlights_existing, ==, 1);
  g_assert_cmpuint (edited->notes_updated, ==, 1);
  g_assert_cmpuint (edited->replies_updated, ==, 1);
  g_assert_cmpuint (edited->replies_existing, ==, 1);
  g_assert_cmpuint (edited->conflicts, ==, 0);
  g_assert_cmpuint (edited->notices->len, ==, 0);
  summary = clipper_import_result_summary (edited);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                "1 highlight, 1 reply; updated 1 note and 1 reply from the file");
  g_clear_pointer (&summary, g_free);
  g_clear_pointer (&note, g_free);

  /* The same file again changes nothing. */
  again = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, "My annotation — über, edited on hypothes.is\n\n"
                             "Reply from friend@hypothes.is: I agree, edited too\n\n"
                             "Reply from third@hypothes.is: Me too");
  summary = clipper_import_result_summary (again);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                "1 highlight, 2 replies");
}

/* An older export imported after a newer one: the file's text of the
 * annotation and of its edited reply is older than what the library took
 * in, and replaced it ("My annotation — über" and "I agree" came back over
 * their edits).  The library keeps the newer text, and one notice names
 * the entries left out; the newer file after it changes nothing. */
static void
test_hypothesis_reimport_older (Fixture *f, gconstpointer data)
{
  static const char newer[] = "My annotation — über, edited on hypothes.is\n\n"
                              "Reply from friend@hypothes.is: I agree, edited too\n\n"
                              "Reply from third@hypothes.is: Me too";
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) older = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;

  first = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, newer);
  g_clear_pointer (&note, g_free);

  older = import_fixture (f, "hypothesis-thread.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, newer);
  g_assert_cmpuint (older->notes_updated, ==, 0);
  g_assert_cmpuint (older->replies_updated, ==, 0);
  g_assert_cmpuint (older->conflicts, ==, 0);
  g_assert_cmpuint (older->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (older->notices, 0), ==,
                   "annotations 1, 2: the file's text is no newer than the text the library took in from "
                   "hypothes.is before (an older export?), so the library keeps the newer text");
  g_clear_pointer (&note, g_free);

  again = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, newer);
  summary = clipper_import_result_summary (again);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                "1 highlight, 2 replies");
}

/* The annotation's text edited in Clipper, then on hypothes.is: the
 * library's note stays, the file's new text goes below it, and both the
 * summary and a notice say so, once. */
static void
test_hypothesis_reimport_edited_here (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) edited = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  ClipperHighlight *h;
  const char *expected = "My annotation — über, and what I think now\n\n"
                         "Reply from friend@hypothes.is: I agree, edited too\n\n"
                         "Reply from third@hypothes.is: Me too\n\n"
                         "My annotation — über, edited on hypothes.is";

  first = import_fixture (f, "hypothesis-thread.json");
  a = find_article (f->store, "https://example.com/guns");
  hl = highlights_of (f->store, clipper_article_get_id (a));
  h = g_ptr_array_index (hl, 0);
  clipper_highlight_set_note (h, "My annotation — über, and what I think now\n\n"
                                 "Reply from friend@hypothes.is: I agree\n\n"
                                 "Reply from third@hypothes.is: Me too");
  g_assert_true (clipper_store_update_highlight (f->store, h, &error));
  g_assert_no_error (error);

  edited = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpuint (edited->conflicts, ==, 1);
  g_assert_cmpuint (edited->notes_updated, ==, 0);
  g_assert_true (has_notice (edited, "the highlight \"common sense gun safety laws\" (annotation 1 in the file): "
                                     "its text was edited on hypothes.is, and its earlier version in the note was edited here: the new "
                                     "text was added below; edit the note to keep what you want"));
  summary = clipper_import_result_summary (edited);
  g_assert_cmpstr (summary, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                "1 highlight, 1 reply; updated 1 reply from the file; kept 1 note as the library "
                                "has it (the file's text added below it, see the notices)");
  g_clear_pointer (&note, g_free);

  /* Said once: the next import finds the file's text as it took it in. */
  again = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpuint (again->conflicts, ==, 0);
  g_assert_cmpuint (again->notices->len, ==, 0);
}

/* Forgets the annotation's text the imports of the thread recorded, as
 * a library imported before 30 November 2026 has none. */
static void
forget_thread_text (Fixture *f)
{
  g_autoptr (ClipperArticle) a = find_article (f->store, "https://example.com/guns");
  g_autoptr (GPtrArray) hl = highlights_of (f->store, clipper_article_get_id (a));
  g_autoptr (GError) error = NULL;

  g_assert_true (clipper_store_set_note_part (f->store, clipper_highlight_get_id (g_ptr_array_index (hl, 0)),
                                              "hypothesis", NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A library that imported the annotation before its text was recorded
 * (30 November 2026): a note that starts with the file's text, its
 * replies below, is the import's, and follows the next edit. */
static void
test_hypothesis_reimport_unrecorded (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) same = NULL;
  g_autoptr (ClipperImportResult) edited = NULL;
  g_autofree char *note = NULL;

  first = import_fixture (f, "hypothesis-thread.json");
  forget_thread_text (f);
  same = import_fixture (f, "hypothesis-thread.json");
  g_assert_cmpuint (same->notices->len, ==, 0);
  g_assert_cmpuint (same->notes_updated + same->conflicts, ==, 0);

  edited = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, "My annotation — über, edited on hypothes.is\n\n"
                             "Reply from friend@hypothes.is: I agree, edited too\n\n"
                             "Reply from third@hypothes.is: Me too");
  g_assert_cmpuint (edited->notes_updated, ==, 1);
  g_assert_cmpuint (edited->conflicts, ==, 0);
}

/* Such a library imports the file after the annotation's text was edited
 * on hypothes.is (QA's h2.db): the text it took in cannot be told from an
 * edit made here, so the note is kept, the file's text below it, and
 * said; the next import finds it as taken in. */
static void
test_hypothesis_reimport_unrecorded_edited (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) edited = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autofree char *note = NULL;
  const char *expected = "My annotation — über\n\n"
                         "Reply from friend@hypothes.is: I agree, edited too\n\n"
                         "Reply from third@hypothes.is: Me too\n\n"
                         "My annotation — über, edited on hypothes.is";

  first = import_fixture (f, "hypothesis-thread.json");
  forget_thread_text (f);
  edited = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpuint (edited->conflicts, ==, 1);
  g_assert_true (has_notice (edited, "the highlight \"common sense gun safety laws\" (annotation 1 in the file): "
                                     "its text on hypothes.is is not in the note here, which was written or edited in the library (or "
                                     "imported by a Clipper before 30 November 2026, which kept no record of the "
                                     "text): the file's text was added below; edit the note to keep what you "
                                     "want"));
  g_clear_pointer (&note, g_free);

  again = import_fixture (f, "hypothesis-thread-edited.json");
  note = dup_thread_note (f);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpuint (again->notices->len, ==, 0);
}

/* A quote changed on hypothes.is (the page changed, its client placed the
 * annotation again) is not taken: the article's text decides the quote,
 * and that is said rather than nothing. */
static void
test_hypothesis_reimport_requoted (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) requoted = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;

  first = import_fixture (f, "hypothesis-thread.json");
  requoted = import_fixture (f, "hypothesis-requoted.json");
  g_assert_true (has_notice (requoted, "annotation 1: its quote was changed on hypothes.is to \"gun safety "
                                       "laws\"; the highlight stays on \"common sense gun safety laws\" (the "
                                       "article's text decides the quote), so the change is ignored"));
  g_assert_cmpuint (requoted->notices->len, ==, 1);
  g_assert_cmpuint (requoted->highlights_existing, ==, 1);
  a = find_article (f->store, "https://example.com/guns");
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)), ==, "common sense gun safety laws");
}

/* A page note edited on hypothes.is keeps its first text, the quote of
 * the highlight it is kept as; the file's is said in full, not dropped
 * without a word. */
static void
test_hypothesis_page_note_edited (Fixture *f, gconstpointer data)
{
#define PAGE_NOTE(text) "[{\"id\":\"page1\",\"uri\":\"https://example.com/a\",\"text\":\"" text "\"," \
                        "\"tags\":[],\"target\":[{\"source\":\"https://example.com/a\"}]}]"
  const char *first = PAGE_NOTE ("a page note");
  const char *edited = PAGE_NOTE ("a page note, edited on hypothes.is");
#undef PAGE_NOTE
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  result = clipper_import_data (f->store, first, strlen (first), CLIPPER_IMPORT_FORMAT_HYPOTHESIS, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->page_notes, ==, 1);
  again = clipper_import_data (f->store, edited, strlen (edited), CLIPPER_IMPORT_FORMAT_HYPOTHESIS, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_true (has_notice (again, "annotation 1: a page note edited on hypothes.is; the library keeps it as "
                                    "first imported, \"a page note\"; the file's: \"a page note, edited on "
                                    "hypothes.is\""));
  a = find_article (f->store, "https://example.com/a");
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)), ==, "a page note");
}

/* The same for a W3C page note (a target with no selector, a note in its
 * body); a reply whose annotation the library has goes to that one's
 * article; one whose annotation it has not is said. */
static void
test_w3c_page_notes (Fixture *f, gconstpointer data)
{
  const char *doc = "{\"type\":\"AnnotationCollection\",\"items\":["
                    "{\"type\":\"Annotation\",\"id\":\"urn:uuid:11111111-2222-4333-8444-555555555555\","
                    "\"body\":[{\"type\":\"TextualBody\",\"value\":\"worth a look\",\"purpose\":\"tagging\"}],"
                    "\"target\":{\"source\":\"https://example.com/w\",\"selector\":{\"type\":\"TextQuoteSelector\","
                    "\"exact\":\"the passage\"}}},"
                    "{\"type\":\"Annotation\",\"id\":\"urn:uuid:21111111-2222-4333-8444-555555555555\","
                    "\"body\":{\"type\":\"TextualBody\",\"value\":\"About the whole page\",\"purpose\":\"commenting\"},"
                    "\"target\":{\"source\":\"https://example.com/w\"}},"
                    "{\"type\":\"Annotation\",\"id\":\"urn:uuid:31111111-2222-4333-8444-555555555555\","
                    "\"motivation\":\"replying\",\"creator\":{\"type\":\"Person\",\"name\":\"Ana\"},"
                    "\"body\":{\"type\":\"TextualBody\",\"value\":\"I agree\"},"
                    "\"target\":\"urn:uuid:11111111-2222-4333-8444-555555555555\"},"
                    "{\"type\":\"Annotation\",\"id\":\"urn:uuid:41111111-2222-4333-8444-555555555555\","
                    "\"motivation\":\"replying\",\"body\":{\"type\":\"TextualBody\",\"value\":\"Lost thread\"},"
                    "\"target\":\"https://elsewhere.example/anno/9\"},"
                    "{\"type\":\"Annotation\",\"id\":\"urn:uuid:51111111-2222-4333-8444-555555555555\","
                    "\"motivation\":\"bookmarking\",\"target\":{\"source\":\"https://example.com/w\"}}]}";
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  result = clipper_import_data (f->store, doc, strlen (doc), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_JSON);
  g_assert_cmpuint (result->articles_added, ==, 1);
  g_assert_cmpuint (result->highlights_added, ==, 1);
  g_assert_cmpuint (result->page_notes, ==, 1);
  g_assert_cmpuint (result->replies, ==, 1);
  g_assert_cmpuint (result->skipped, ==, 1);
  g_assert_cmpuint (result->problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->problems, 0), ==,
                   "annotation 4 replies to https://elsewhere.example/anno/9, which the library does not have; "
                   "left out: \"Lost thread\"");

  a = find_article (f->store, "https://example.com/w");
  hl = highlights_of (f->store, clipper_article_get_id (a));
  g_assert_cmpuint (hl->len, ==, 2);
  g_assert_true (g_strv_contains (clipper_highlight_get_tags (find_highlight_quoting (hl, "About the whole page")),
                                  "page-note"));
  g_assert_cmpstr (clipper_highlight_get_note (find_highlight_quoting (hl, "the passage")), ==,
                   "Reply from Ana: I agree");
  g_assert_cmpint (count_articles (f->store), ==, 1);
}

/* @store's JSON export, as another W3C tool shares it with a reply of
 * its own to the annotation @parent (Clipper writes replies into the
 * note they answer, never as annotations), by Ana, saying @text, last
 * modified at @modified; written to @name in @dir. */
static char *
write_export_with_reply (ClipperStore *store,
                         const char   *dir,
                         const char   *name,
                         const char   *parent,
                         const char   *text,
                         const char   *modified)
{
  g_autofree char *exported = export_to_string (store);
  g_autoptr (JsonNode) root = clipper_test_parse_json (exported);
  g_autofree char *reply = g_strdup_printf ("{\"type\":\"Annotation\","
                                            "\"id\":\"urn:uuid:31111111-2222-4333-8444-555555555555\","
                                            "\"motivation\":\"replying\","
                                            "\"creator\":{\"type\":\"Person\",\"name\":\"Ana\"},"
                                            "\"created\":\"2024-01-01T10:00:00Z\",\"modified\":\"%s\","
                                            "\"body\":{\"type\":\"TextualBody\",\"value\":\"%s\"},"
                                            "\"target\":\"urn:uuid:%s\"}", modified, text, parent);
  JsonObject *first = json_object_get_object_member (json_node_get_object (root), "first");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  json_array_add_element (json_object_get_array_member (first, "items"), clipper_test_parse_json (reply));
  contents = json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A W3C reply, as a Hypothesis one, keeps the time of the text the
 * library took in: the older of two exports of the same library,
 * imported after the newer, put the reply's older words back over the
 * edited ones ("Reply from Ana: I agree" came back).  The library keeps
 * the newer text, one notice names the entry, and the newer file again
 * changes nothing. */
static void
test_w3c_reply_reimport_older (Fixture *f, gconstpointer data)
{
  static const char note[] = "A *note* with [markdown](x) and\nlines.\n\nReply from Ana: I agree, edited";
  g_autofree char *shared_db = g_build_filename (f->dir, "shared.db", NULL);
  g_autoptr (ClipperStore) shared = clipper_store_open (shared_db, NULL);
  g_autofree char *older_path = NULL;
  g_autofree char *newer_path = NULL;
  g_autoptr (ClipperImportResult) newer = NULL;
  g_autoptr (ClipperImportResult) older = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  fill_library (shared);
  older_path = write_export_with_reply (shared, f->dir, "older.json", fixed_uuid_1, "I agree", "2024-01-01T10:00:00Z");
  newer_path = write_export_with_reply (shared, f->dir, "newer.json", fixed_uuid_1, "I agree, edited",
                                        "2024-01-02T10:00:00Z");

  newer = clipper_import_file (f->store, newer_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newer->replies, ==, 1);
  h = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, note);
  g_clear_object (&h);

  older = clipper_import_file (f->store, older_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  h = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, note);
  g_clear_object (&h);
  g_assert_cmpuint (older->replies_updated, ==, 0);
  g_assert_cmpuint (older->replies_existing, ==, 1);
  g_assert_true (has_notice (older, "annotation 3: the file's text is no newer than the text the library took "
                                    "in before (an older export?), so the library keeps the newer text"));

  again = clipper_import_file (f->store, newer_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  h = clipper_store_get_highlight_by_uuid (f->store, fixed_uuid_1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, note);
  g_assert_false (has_notice (again, "no newer"));
  /* (The annotation the reply answers differs from the file's, as its
   * note holds the reply, and is said to: that is the highlight's own
   * merge, not the reply's.) */
  summary = clipper_import_result_summary (again);
  g_assert_true (g_str_has_prefix (summary, "imported 0 articles, 0 highlights; already in the library: 2 articles, "
                                            "2 highlights, 1 reply;"));
}

/* ------------------------------------------------------------------ */
/* Kindle                                                              */

static ClipperHighlight *
find_quote (GPtrArray *hl, const char *quote)
{
  for (guint i = 0; i < hl->len; i++)
    if (g_str_equal (clipper_highlight_get_quote (g_ptr_array_index (hl, i)), quote))
      return g_ptr_array_index (hl, i);
  g_test_message ("no highlight quotes '%s'", quote);
  g_assert_not_reached ();
  return NULL;
}

/* A W3C JSON annotation's clipper:page is the printed page: text as it
 * is, a number another tool wrote as its digits; one of two lines is
 * said and left out, the highlight kept.  Imported again into a library
 * whose highlights have no page (as an import before schema version 10
 * left them), the file's pages come in. */
static void
test_json_page (Fixture *f, gconstpointer data)
{
#define ANNOTATION(n, quote, page)                                                                     \
  "{\"type\":\"Annotation\",\"id\":\"urn:uuid:0190a0a0-0000-7000-8000-00000000000" n "\","                 \
  "\"created\":\"2024-01-01T10:00:00Z\",\"modified\":\"2024-01-01T10:00:00Z\","                        \
  "\"target\":{\"source\":\"https://example.com/book\",\"selector\":[{\"type\":\"TextQuoteSelector\","    \
  "\"exact\":\"" quote "\"}]}" page "}"
  const char without[] = "{\"type\":\"AnnotationCollection\",\"items\":["
                         ANNOTATION ("1", "roman", "") "," ANNOTATION ("2", "number", "") ","
                         ANNOTATION ("3", "two lines", "") "]}";
  const char with[] = "{\"type\":\"AnnotationCollection\",\"items\":["
                      ANNOTATION ("1", "roman", ",\"clipper:page\":\"ix\"") ","
                      ANNOTATION ("2", "number", ",\"clipper:page\":12") ","
                      ANNOTATION ("3", "two lines", ",\"clipper:page\":\"1\\n2\"") "]}";
#undef ANNOTATION
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  first = clipper_import_data (f->store, without, strlen (without), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->highlights_added, ==, 3);
  second = clipper_import_data (f->store, with, strlen (with), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->highlights_added, ==, 0);
  g_assert_cmpuint (second->broken_lines->len, ==, 0);
  g_assert_true (has_notice (second, "the highlight \"two lines\" (annotation 3 in the file): the page '1\n2' is not "
                                     "one line of text; left out"));

  book = find_article (f->store, "https://example.com/book");
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 3);
  g_assert_cmpstr (clipper_highlight_get_page (find_quote (hl, "roman")), ==, "ix");
  g_assert_cmpstr (clipper_highlight_get_page (find_quote (hl, "number")), ==, "12");
  g_assert_null (clipper_highlight_get_page (find_quote (hl, "two lines")));
}

/* A Kindle book's locations are not offsets in a text: the JSON keeps
 * them in clipper:location, never in a TextPositionSelector (which other
 * W3C tools read as character offsets), and reads both forms back. */
static void
test_json_kindle_location (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("kindle-en.txt");
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *url = clipper_kindle_book_url ("The Great Book", "Doe, Jane");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) back = NULL;
  g_autoptr (ClipperImportResult) old_back = NULL;
  g_autoptr (ClipperStore) other = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GString) old = NULL;
  const char *position;
  ClipperHighlight *h;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  json = export_to_string (f->store);
  g_assert_null (strstr (json, "TextPositionSelector"));
  g_assert_nonnull (strstr (json, "\"clipper:location\":{\"start\":180,\"end\":185}"));

  other = clipper_test_open_store (other_path);
  back = clipper_import_data (other, json, strlen (json), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  book = find_article (other, url);
  hl = highlights_of (other, clipper_article_get_id (book));
  h = find_quote (hl, "It was the best of times, it was the worst of times");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 180);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 185);

  /* An export from before: the locations in a TextPositionSelector. */
  old = g_string_new (json);
  g_string_replace (old, "\"exact\":\"It was the best of times, it was the worst of times\"}",
                    "\"exact\":\"It was the best of times, it was the worst of times\"},"
                    "{\"type\":\"TextPositionSelector\",\"start\":180,\"end\":185}", 1);
  g_string_replace (old, ",\"clipper:location\":{\"start\":180,\"end\":185}", "", 1);
  position = strstr (old->str, "TextPositionSelector");
  g_assert_nonnull (position);
  g_assert_null (strstr (old->str, "\"clipper:location\":{\"start\":180"));
  g_clear_object (&other);
  g_clear_pointer (&hl, g_ptr_array_unref);
  g_clear_object (&book);
  g_assert_cmpint (g_unlink (other_path), ==, 0);
  other = clipper_test_open_store (other_path);
  old_back = clipper_import_data (other, old->str, old->len, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  book = find_article (other, url);
  hl = highlights_of (other, clipper_article_get_id (book));
  h = find_quote (hl, "It was the best of times, it was the worst of times");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 180);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 185);
}

/* An orphan of a real refetch: its offsets carried to where its passage
 * would stand in the new text, which holds other words there.  The export
 * says so ("clipper:offsetsFrom":"carried"; it wrote them as any placed
 * highlight's, though docs/export.md says those are the text's), and an
 * import keeps it an orphan with carried offsets, the document the same. */
static void
test_json_carried_orphan (Fixture *f, gconstpointer data)
{
  g_autofree char *page = g_build_filename (f->dir, "keeper.html", NULL);
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr (ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr (ClipperStore) empty = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperHighlight) orphan = NULL;
  g_autoptr (ClipperArticle) again = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  g_autoptr (GError) error = NULL;
  ClipperSaveReport report;
  JsonArray *items;
  gint64 id = 0, gone;
  guint marked = 0;

  g_assert_true (g_file_set_contents (page,
                                      "<html><head><title>The keeper</title></head><body><article>"
                                      "<p>The keeper climbed the stairs every evening at dusk with a lantern.</p>"
                                      "<p>He refused to retire, saying that a machine could not love the sea.</p>"
                                      "<p>The village below depended on that light for a hundred years.</p>"
                                      "</article></body></html>", -1, NULL));
  g_assert_true (clipper_saver_save_sync (f->store, fetcher, page, NULL, CLIPPER_SAVER_SAVE_NONE, NULL, NULL, NULL,
                                          &report, &error));
  g_assert_no_error (error);
  id = report.article_id;
  clipper_test_add_highlight (f->store, id, "climbed the stairs every evening", NULL);
  gone = clipper_test_add_highlight (f->store, id, "a machine could not love the sea", "my favourite line");

  /* The second paragraph gone from the page. */
  g_assert_true (g_file_set_contents (page,
                                      "<html><head><title>The keeper</title></head><body><article>"
                                      "<p>The keeper climbed the stairs every evening at dusk with a lantern.</p>"
                                      "<p>The village below depended on that light for a hundred years.</p>"
                                      "</article></body></html>", -1, NULL));
  g_assert_true (clipper_saver_update_sync (f->store, fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.counts.orphaned, ==, 1);
  orphan = clipper_test_get_highlight (f->store, gone);
  g_assert_false (clipper_highlight_get_anchored (orphan));
  g_assert_cmpint (clipper_highlight_get_offsets_from (orphan), ==, CLIPPER_OFFSETS_CARRIED);

  first = export_to_string (f->store);
  a = clipper_test_parse_json (first);
  items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (a), "first"), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *ann = json_array_get_object_element (items, i);
      g_autofree char *uuid = g_strconcat ("urn:uuid:", clipper_highlight_get_uuid (orphan), NULL);

      if (g_str_equal (json_object_get_string_member (ann, "id"), uuid))
        {
          g_assert_false (json_object_get_boolean_member (ann, "clipper:anchored"));
          g_assert_true (json_object_has_member (ann, "clipper:offsetsFrom"));
          g_assert_cmpstr (json_object_get_string_member (ann, "clipper:offsetsFrom"), ==, "carried");
          marked++;
        }
      else
        g_assert_false (json_object_has_member (ann, "clipper:offsetsFrom"));
    }
  g_assert_cmpuint (marked, ==, 1);

  g_assert_true (g_file_set_contents (path, first, -1, NULL));
  empty = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  result = clipper_import_file (empty, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (ClipperArticle) article = clipper_store_get_article (f->store, id, &error);

    g_assert_no_error (error);
    again = find_article (empty, clipper_article_get_url (article));
  }
  hl = highlights_of (empty, clipper_article_get_id (again));
  g_assert_false (clipper_highlight_get_anchored (find_quote (hl, "a machine could not love the sea")));
  g_assert_cmpint (clipper_highlight_get_offsets_from (find_quote (hl, "a machine could not love the sea")), ==,
                   CLIPPER_OFFSETS_CARRIED);
  g_assert_cmpint (clipper_highlight_get_start (find_quote (hl, "a machine could not love the sea")), ==,
                   clipper_highlight_get_start (orphan));
  g_assert_true (clipper_highlight_get_anchored (find_quote (hl, "climbed the stairs every evening")));

  second = export_to_string (empty);
  b = clipper_test_parse_json (second);
  g_assert_true (json_node_equal (a, b));
}

/* An orphan whose offsets are another tool's (an annotation never
 * placed) says so in Clipper's export, and comes back so: its closest
 * passage may then be anywhere (clipper_reanchor_suggest()).  An orphan
 * whose offsets are the text's, and a placed highlight, export as before,
 * and the document still comes back the same. */
static void
test_json_offsets_from (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperArticle) again = NULL;
  g_autoptr (ClipperHighlight) theirs = clipper_highlight_new ();
  g_autoptr (ClipperHighlight) placed = NULL;
  g_autoptr (ClipperStore) empty = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *items;
  guint marked = 0;

  fill_library (f->store);
  article = find_article (f->store, "https://example.com/articles/1?x=1&y=2");
  clipper_highlight_set_uuid (theirs, "0190a0a0-0000-7000-8000-000000000003");
  clipper_highlight_set_article_id (theirs, clipper_article_get_id (article));
  clipper_highlight_set_quote (theirs, "a passage from another page");
  clipper_highlight_set_range (theirs, 4000, 4027);
  clipper_highlight_set_anchored (theirs, FALSE);
  clipper_highlight_set_offsets_from (theirs, CLIPPER_OFFSETS_UNKNOWN);
  clipper_highlight_set_created_at (theirs, 1600000400);
  clipper_highlight_set_updated_at (theirs, 1600000400);
  g_assert_true (clipper_store_add_highlight (f->store, theirs, &error));
  g_assert_no_error (error);

  first = export_to_string (f->store);
  a = clipper_test_parse_json (first);
  items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (a), "first"), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *ann = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (ann, "id"), "urn:uuid:0190a0a0-0000-7000-8000-000000000003"))
        {
          g_assert_true (json_object_has_member (ann, "clipper:offsetsFrom"));
          g_assert_cmpstr (json_object_get_string_member (ann, "clipper:offsetsFrom"), ==, "unknown");
          marked++;
        }
      else
        g_assert_false (json_object_has_member (ann, "clipper:offsetsFrom"));
    }
  g_assert_cmpuint (marked, ==, 1);

  g_assert_true (g_file_set_contents (path, first, -1, NULL));
  empty = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  result = clipper_import_file (empty, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 3);
  again = find_article (empty, "https://example.com/articles/1?x=1&y=2");
  hl = highlights_of (empty, clipper_article_get_id (again));
  g_assert_cmpint (clipper_highlight_get_offsets_from (find_quote (hl, "a passage from another page")), ==,
                   CLIPPER_OFFSETS_UNKNOWN);
  g_assert_cmpint (clipper_highlight_get_start (find_quote (hl, "a passage from another page")), ==, 4000);
  g_assert_false (clipper_highlight_get_anchored (find_quote (hl, "Second line")));
  g_assert_cmpint (clipper_highlight_get_offsets_from (find_quote (hl, "Second line")), ==, CLIPPER_OFFSETS_TEXT);
  g_assert_cmpint (clipper_highlight_get_offsets_from (find_quote (hl, "a passage worth keeping")), ==,
                   CLIPPER_OFFSETS_TEXT);

  second = export_to_string (empty);
  b = clipper_test_parse_json (second);
  g_assert_true (json_node_equal (a, b));

  /* Placed in the exporting library since: the orphan here takes the
   * place, and its offsets are the text's. */
  clipper_highlight_set_quote (theirs, "Second line");
  clipper_highlight_set_range (theirs, 62, 73);
  clipper_highlight_set_anchored (theirs, TRUE);
  clipper_highlight_set_offsets_from (theirs, CLIPPER_OFFSETS_TEXT);
  clipper_highlight_set_updated_at (theirs, 1600000500);
  g_assert_true (clipper_store_update_highlight (f->store, theirs, &error));
  g_assert_no_error (error);
  third = export_to_string (f->store);
  g_assert_null (strstr (third, "clipper:offsetsFrom"));
  g_assert_true (g_file_set_contents (path, third, -1, NULL));
  g_clear_pointer (&result, clipper_import_result_free);
  result = clipper_import_file (empty, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  placed = clipper_store_get_highlight (empty, clipper_highlight_get_id (find_quote (hl, "a passage from another page")),
                                        &error);
  g_assert_no_error (error);
  g_assert_true (clipper_highlight_get_anchored (placed));
  g_assert_cmpint (clipper_highlight_get_start (placed), ==, 62);
  g_assert_cmpint (clipper_highlight_get_offsets_from (placed), ==, CLIPPER_OFFSETS_TEXT);
}

/* Kindle names authors "Last, First;Last, First": the byline reads as
 * people write names; a copy's "(1)" is no author. */
static void
test_kindle_bylines (Fixture *f, gconstpointer data)
{
  const char *more =
    "The Pragmatic Programmer (Hunt, Andrew;Thomas, David)\n"
    "- Your Highlight on page 3 | location 40-41 | Added on Monday, 3 March 2025 10:00:00\n"
    "\n"
    "Care about your craft.\n"
    "==========\n"
    "report-final (1)\n"
    "- Your Highlight on page 1 | location 2-3 | Added on Monday, 3 March 2025 10:05:00\n"
    "\n"
    "Numbers went up.\n"
    "==========\n";
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) pragmatic = NULL;
  g_autoptr (ClipperArticle) report = NULL;
  g_autofree char *p_url = clipper_kindle_book_url ("The Pragmatic Programmer", "Hunt, Andrew;Thomas, David");
  g_autofree char *r_url = clipper_kindle_book_url ("report-final", "1");
  g_autoptr (GError) error = NULL;

  again = clipper_import_data (f->store, more, strlen (more), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pragmatic = find_article (f->store, p_url);
  g_assert_cmpstr (clipper_article_get_byline (pragmatic), ==, "Andrew Hunt, David Thomas");
  report = find_article (f->store, r_url);
  g_assert_null (clipper_article_get_byline (report));
}

static void
test_kindle_english (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("kindle-en.txt");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) great = NULL;
  g_autoptr (ClipperArticle) another = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GPtrArray) hl2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *summary = NULL;
  ClipperHighlight *h;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  g_assert_cmpuint (result->articles_added, ==, 2);
  g_assert_cmpuint (result->highlights_added, ==, 4);
  g_assert_cmpuint (result->notes_added, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 2);   /* the bookmark and the earlier version */
  g_assert_cmpuint (result->broken_lines->len, ==, 2);
  g_assert_cmpuint (g_array_index (result->broken_lines, guint, 0), ==, 21);
  g_assert_cmpuint (g_array_index (result->broken_lines, guint, 1), ==, 40);
  g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 0), "line 21"));
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 2 books, 4 highlights, 2 notes; left out 2 earlier versions or bookmarks; "
                                "skipped 2 broken entries (lines 21, 40)");

  /* The BOM is not part of the title; the author is split off. */
  url = clipper_kindle_book_url ("The Great Book", "Doe, Jane");
  g_assert_true (g_str_has_prefix (url, "kindle:book/"));
  great = find_article (f->store, url);
  g_assert_cmpstr (clipper_article_get_title (great), ==, "The Great Book");
  g_assert_cmpstr (clipper_article_get_byline (great), ==, "Jane Doe");
  g_assert_cmpstr (clipper_article_get_html (great), ==, "");


  /* The extended highlight is kept once, the latest; the note at its end
   * location is attached; CRLF is gone. */
  hl = highlights_of (f->store, clipper_article_get_id (great));
  g_assert_cmpuint (hl->len, ==, 1);
  h = g_ptr_array_index (hl, 0);
  g_assert_cmpstr (clipper_highlight_get_quote (h), ==, "It was the best of times, it was the worst of times");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "Dickens opening");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 180);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 185);
  g_assert_cmpstr (clipper_highlight_get_page (h), ==, "12");
  g_assert_false (clipper_highlight_get_anchored (h));
  /* Kindle locations, not offsets of a text. */
  g_assert_cmpint (clipper_highlight_get_offsets_from (h), ==, CLIPPER_OFFSETS_UNKNOWN);
  /* Sunday, March 3, 2019 10:16:00 PM */
  g_assert_cmpint (clipper_highlight_get_created_at (h), ==, 1551651360);

  {
    g_autofree char *url2 = clipper_kindle_book_url ("Another Book", NULL);
    another = find_article (f->store, url2);
  }
  hl2 = highlights_of (f->store, clipper_article_get_id (another));
  g_assert_cmpuint (hl2->len, ==, 3);
  h = find_quote (hl2, "Second book text\nover two lines");
  g_assert_cmpint (clipper_highlight_get_created_at (h), ==, 1554109200);
  g_assert_null (clipper_highlight_get_page (h));
  h = find_quote (hl2, "A note with no highlight");
  g_assert_cmpstr (clipper_highlight_get_tags (h)[0], ==, "kindle-note");
  h = find_quote (hl2, "Abbreviated range");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 1234);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 1256);

  /* Importing the same file again adds nothing. */
  again = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->articles_added, ==, 0);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->notes_added, ==, 0);
  g_assert_cmpuint (again->highlights_existing, ==, 4);
  g_assert_cmpuint (count_articles (f->store), ==, 2);
}

static void
test_kindle_languages (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *title;
    const char *author;
    const char *quote;
    const char *note;
    gint64      start, end;
  } books[] = {
    { "Das Buch", "Autor, Ein", "Deutscher Text", "Eine Notiz", 70, 71 },
    { "Le Livre", "Auteur", "Texte français", "Une note", 100, 102 },
    { "El Libro", "Autor", "Texto español", NULL, 120, 121 },
    { "Il Libro", "Autore", "Testo italiano", NULL, 140, 142 },
  };
  g_autofree char *path = data_path ("kindle-multilingual.txt");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  g_assert_cmpuint (result->articles_added, ==, 4);
  g_assert_cmpuint (result->highlights_added, ==, 4);
  g_assert_cmpuint (result->notes_added, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 3);   /* a bookmark in French, Spanish, Italian */
  g_assert_cmpuint (result->broken_lines->len, ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (books); i++)
    {
      g_autofree char *url = clipper_kindle_book_url (books[i].title, books[i].author);
      g_autoptr (ClipperArticle) book = find_article (f->store, url);
      g_autoptr (GPtrArray) hl = highlights_of (f->store, clipper_article_get_id (book));
      ClipperHighlight *h;

      g_assert_cmpuint (hl->len, ==, 1);
      h = g_ptr_array_index (hl, 0);
      g_assert_cmpstr (clipper_highlight_get_quote (h), ==, books[i].quote);
      g_assert_cmpstr (clipper_highlight_get_note (h), ==, books[i].note);
      g_assert_cmpint (clipper_highlight_get_start (h), ==, books[i].start);
      g_assert_cmpint (clipper_highlight_get_end (h), ==, books[i].end);
      /* 3 March 2019 22:15:42, whatever the language. */
      g_assert_cmpint (clipper_highlight_get_created_at (h), ==, 1551651342);
    }
}

/* What a language's file should bring: each highlight with its book, its
 * note, its Kindle locations, its time (the fixtures' times are UTC, as
 * the tests run) and its page (NULL for none). */
typedef struct {
  const char *title;
  const char *author;
  const char *quote;
  const char *note;
  gint64      start, end;
  gint64      created;
  const char *page;
} KindleExpected;

typedef struct {
  const char           *file;
  guint                 books;
  guint                 notes;
  guint                 bookmarks;
  const KindleExpected *highlights;
  gsize                 n_highlights;
} KindleLanguage;

/* The header lines are Kindle's own, as real files of each language hold
 * them (docs/export.md says where they were found); the books are made
 * up.  Before these languages were read, a Portuguese highlight was a
 * broken entry, a Dutch or Portuguese one was placed at its page, a
 * Japanese or Chinese file gave nothing but broken entries. */
static void
test_kindle_language (Fixture *f, gconstpointer data)
{
  const KindleLanguage *lang = data;
  g_autofree char *path = data_path (lang->file);
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (GError) error = NULL;

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (result->problems, i));
  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  /* Opened with Clipper, it is imported, not saved as a page. */
  g_assert_cmpint (clipper_import_detect_export (path), ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  g_assert_cmpuint (result->broken_lines->len, ==, 0);
  g_assert_cmpuint (result->articles_added, ==, lang->books);
  g_assert_cmpuint (result->highlights_added, ==, lang->n_highlights);
  g_assert_cmpuint (result->notes_added, ==, lang->notes);
  g_assert_cmpuint (result->skipped, ==, lang->bookmarks);

  for (gsize i = 0; i < lang->n_highlights; i++)
    {
      const KindleExpected *e = &lang->highlights[i];
      g_autofree char *url = clipper_kindle_book_url (e->title, e->author);
      g_autoptr (ClipperArticle) book = find_article (f->store, url);
      g_autoptr (GPtrArray) hl = highlights_of (f->store, clipper_article_get_id (book));
      ClipperHighlight *h = find_quote (hl, e->quote);

      g_assert_cmpstr (clipper_highlight_get_note (h), ==, e->note);
      g_assert_cmpint (clipper_highlight_get_start (h), ==, e->start);
      g_assert_cmpint (clipper_highlight_get_end (h), ==, e->end);
      g_assert_cmpint (clipper_highlight_get_created_at (h), ==, e->created);
      g_assert_cmpstr (clipper_highlight_get_page (h), ==, e->page);
      g_assert_cmpuint (g_strv_length ((char **) clipper_highlight_get_tags (h)), ==, 0);
    }

  /* Read the same way the second time: found again, nothing added. */
  again = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->highlights_existing, ==, lang->n_highlights);
}

static const KindleExpected portuguese[] = {
  { "O Livro", "Autora, Uma", "Texto em português", "Uma nota", 242, 243, 1724352662, "17" },
  /* Older Kindles: "ou posição", no page. */
  { "Outro Livro", "Autor", "Destaque antigo", "Nota antiga", 333, 334, 1431782208, NULL },
};
static const KindleLanguage portuguese_file = { "kindle-pt.txt", 2, 2, 1, portuguese, G_N_ELEMENTS (portuguese) };

static const KindleExpected dutch[] = {
  /* "locatie 1332 t/m 1333": Dutch ranges are written "from up to". */
  { "Het Boek", "Schrijver, Een", "Nederlandse tekst", "Een notitie", 1332, 1333, 1724351426, "116" },
  { "Ander Boek", "Schrijver", "Oudere markering", NULL, 170, 172, 1704103200, "12" },
};
static const KindleLanguage dutch_file = { "kindle-nl.txt", 2, 1, 1, dutch, G_N_ELEMENTS (dutch) };

static const KindleExpected japanese[] = {
  /* "115ページ|位置No. 1323-1325のハイライト": the kind after the location. */
  { "本の題名", "著者", "日本語の文章", "メモの文", 1323, 1325, 1724351237, "115" },
  { "別の本", "作者", "ページ番号のない本", NULL, 38, 39, 1503942715, NULL },
};
static const KindleLanguage japanese_file = { "kindle-ja.txt", 2, 1, 1, japanese, G_N_ELEMENTS (japanese) };

static const KindleExpected chinese[] = {
  /* 下午 is p.m., 上午 a.m. */
  { "一本书", "作者", "中文的文字", "一条笔记", 1366, 1367, 1724353067, "119" },
  { "另一本书", "作家", "没有页码的书", NULL, 1103, 1103, 1453838745, NULL },
  { "另一本书", "作家", "两个井号", NULL, 37, 38, 1546300601, "2" },
  /* Only a page: that is the range, as for a PDF in any language. */
  { "第三本书", "作家", "只有页码的书", NULL, 126, 126, 1648456518, NULL },
};
static const KindleLanguage chinese_file = { "kindle-zh.txt", 3, 1, 1, chinese, G_N_ELEMENTS (chinese) };

static const KindleExpected russian[] = {
  /* "– Ваш …": a dash of its own; "22 августа 2024 г. в 18:54:06". */
  { "Книга", "Автор, Один", "Русский текст", "Заметка к тексту", 1349, 1350, 1724352846, "117" },
  /* "в месте 5680–5685": a location without a page. */
  { "Другая книга", "Автор", "Отрывок без страницы", "Заметка без страницы", 5680, 5685, 1709114800, NULL },
};
static const KindleLanguage russian_file = { "kindle-ru.txt", 2, 2, 1, russian, G_N_ELEMENTS (russian) };

/* German, Spanish and Italian as Kindles wrote them in 2024 ("Deine
 * Markierung … bei Position", "La subrayado"): read as before. */
static const KindleExpected current[] = {
  { "Ein Buch", "Autorin, Eine", "Deutscher Text", "Eine Notiz", 1291, 1291, 1724350253, "112" },
  { "Un Libro", "Autora", "Texto español", "Una nota", 1300, 1301, 1724350574, "113" },
  { "Un Libro Italiano", "Autrice", "Testo italiano", "Una nota italiana", 1315, 1315, 1724350992, "115" },
};
static const KindleLanguage current_file = { "kindle-2024.txt", 3, 3, 3, current, G_N_ELEMENTS (current) };

/* Until 30 November 2026 a Dutch highlight was placed at its page (116),
 * as a header with a page alone still is: imported again, it moves to its
 * location and keeps its UUID, instead of coming in a second time. */
static void
test_kindle_dutch_at_page (Fixture *f, gconstpointer data)
{
  const char *before = "Het Boek (Schrijver, Een)\n"
                       "- Je highlight op pagina 116 | Toegevoegd op donderdag 22 augustus 2024 18:30:26\n"
                       "\n"
                       "Nederlandse tekst\n"
                       "==========\n";
  g_autofree char *path = data_path ("kindle-nl.txt");
  g_autofree char *url = clipper_kindle_book_url ("Het Boek", "Schrijver, Een");
  g_autofree char *uuid = NULL;
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h;

  first = clipper_import_data (f->store, before, strlen (before), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpint (clipper_highlight_get_start (g_ptr_array_index (hl, 0)), ==, 116);
  uuid = g_strdup (clipper_highlight_get_uuid (g_ptr_array_index (hl, 0)));
  g_clear_pointer (&hl, g_ptr_array_unref);

  again = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_existing, ==, 1);
  g_assert_cmpuint (again->highlights_added, ==, 1);   /* the other book's */
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
  h = g_ptr_array_index (hl, 0);
  g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, uuid);
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 1332);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 1333);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "Een notitie");
}

static void
test_kindle_broken (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  const char *only_broken = "Title\n- Your Highlight on nothing at all\n\ntext\n==========\n";
  const char *one_broken = "Title\n- Your Highlight on nothing at all\n\ntext\n==========\n"
                           "Book (A)\n- Your Highlight at location 3-4 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
                           "read\n==========\n";

  /* An entry whose header has no location is reported, and the rest is
   * imported. */
  result = clipper_import_data (f->store, one_broken, strlen (one_broken), CLIPPER_IMPORT_FORMAT_KINDLE,
                                NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 1);
  g_assert_cmpuint (result->broken_lines->len, ==, 1);
  g_assert_cmpuint (g_array_index (result->broken_lines, guint, 0), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->problems, 0), ==,
                   "line 1: skipped a broken entry: its header, \"- Your Highlight on nothing at all\", gives no "
                   "location or page");
  g_clear_pointer (&result, clipper_import_result_free);

  /* QA: a file whose every entry is broken "imported 0" and succeeded
   * (clipper-cli exited 0).  Nothing read is an error, which says why the
   * first entry was not, and nothing is written. */
  result = clipper_import_data (f->store, only_broken, strlen (only_broken), CLIPPER_IMPORT_FORMAT_KINDLE,
                                NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "nothing imported: none of the file's entries could be read as a Kindle clipping (1 broken); "
                   "line 1: skipped a broken entry: its header, \"- Your Highlight on nothing at all\", gives no "
                   "location or page");
  g_clear_error (&error);
  g_assert_cmpuint (count_articles (f->store), ==, 1);

  /* A header that names no kind says so, and which languages are read. */
  {
    const char *no_kind = "Title\n- Minutes of a meeting | Monday\n\ntext\n==========\n"
                          "Book (A)\n- Your Highlight at location 3-4 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
                          "read\n==========\n";
    g_autoptr (ClipperImportResult) other = clipper_import_data (f->store, no_kind, strlen (no_kind),
                                                                 CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpstr (g_ptr_array_index (other->problems, 0), ==,
                     "line 1: skipped a broken entry: its header, \"- Minutes of a meeting | Monday\", says neither "
                     "highlight, note nor bookmark in a language Clipper reads (English, German, French, Spanish, "
                     "Italian, Portuguese, Dutch, Russian, Japanese, Chinese)");
  }

  /* A second line that is no header at all is quoted, the rest read. */
  {
    const char *no_header = "Title\nMy own line\n\ntext\n==========\n"
                            "A Book (Someone)\n- Your Highlight on page 3 | location 40-41 | Added on Monday, 3 March "
                            "2025 10:00:00\n\nRead all the same\n==========\n";
    g_autoptr (ClipperImportResult) other = clipper_import_data (f->store, no_header, strlen (no_header),
                                                                 CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpuint (other->highlights_added, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (other->problems, 0), ==,
                     "line 1: skipped a broken entry: its second line, \"My own line\", is not a Kindle header "
                     "(\"- Your Highlight on …\")");
  }

  /* A range whose end has more digits than any number holds (found by
   * fuzz-import: the abbreviated-end arithmetic overflowed) is read as its
   * start. */
  {
    const char *huge = "Title\n- Your Highlight at location 9223372036854775807-000000000000000000000001 | "
                       "Added on Sunday, March 3, 2019 10:15:42 PM\n\nBig numbers\n==========\n";
    g_autoptr (ClipperImportResult) big = clipper_import_data (f->store, huge, strlen (huge),
                                                               CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (big->highlights_added, ==, 1);
    g_assert_cmpuint (big->broken_lines->len, ==, 0);
  }

  g_clear_pointer (&result, clipper_import_result_free);
  result = clipper_import_data (f->store, "", 0, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
}

/* A highlight extended on the Kindle after an import: the next import
 * extends the stored one (same UUID) instead of adding a second. */
static void
test_kindle_extended_later (Fixture *f, gconstpointer data)
{
  const char *before = "Book (A)\n- Your Highlight at location 10-11 | Added on Monday, April 1, 2019 9:00:00 AM\n\nshort\n==========\n";
  const char *after = "Book (A)\n- Your Highlight at location 10-11 | Added on Monday, April 1, 2019 9:00:00 AM\n\nshort\n==========\n"
                      "Book (A)\n- Your Highlight at location 10-14 | Added on Monday, April 1, 2019 9:01:00 AM\n\nshort and longer\n==========\n"
                      "Book (A)\n- Your Note at location 14 | Added on Monday, April 1, 2019 9:02:00 AM\n\nlater note\n==========\n";
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *uuid = NULL;

  first = clipper_import_data (f->store, before, strlen (before), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->highlights_added, ==, 1);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  uuid = g_strdup (clipper_highlight_get_uuid (g_ptr_array_index (hl, 0)));
  g_clear_pointer (&hl, g_ptr_array_unref);

  second = clipper_import_data (f->store, after, strlen (after), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->highlights_added, ==, 0);
  g_assert_cmpuint (second->highlights_existing, ==, 0);
  g_assert_cmpuint (second->highlights_updated, ==, 1);
  g_assert_cmpuint (second->notes_added, ==, 1);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_uuid (g_ptr_array_index (hl, 0)), ==, uuid);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)), ==, "short and longer");
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (hl, 0)), ==, "later note");
  g_assert_cmpint (clipper_highlight_get_end (g_ptr_array_index (hl, 0)), ==, 14);
}

/* @text, Kindle clippings, imported into @store. */
static ClipperImportResult *
import_clippings (ClipperStore *store, const char *text)
{
  g_autoptr (GError) error = NULL;
  ClipperImportResult *result;

  result = clipper_import_data (store, text, strlen (text), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* The highlight of book "Book (A)" reading @quote. */
static ClipperHighlight *
dup_book_highlight (ClipperStore *store, const char *quote)
{
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autoptr (ClipperArticle) book = find_article (store, url);
  g_autoptr (GPtrArray) hl = highlights_of (store, clipper_article_get_id (book));

  return g_object_ref (find_quote (hl, quote));
}

static void
set_note (ClipperStore *store, ClipperHighlight *h, const char *note)
{
  g_autoptr (GError) error = NULL;

  clipper_highlight_set_note (h, note);
  g_assert_true (clipper_store_update_highlight (store, h, &error));
  g_assert_no_error (error);
}

#define KINDLE_ENTRY(kind, where, minute, text) \
  "Book (A)\n- Your " kind " at location " where " | Added on Monday, April 1, 2019 9:" minute ":00 AM\n\n" \
  text "\n==========\n"

/* My Clippings.txt only grows, so people import all of it again every
 * month: a note edited in Clipper since stays the user's, and is said,
 * instead of going back to the Kindle's words without a trace.  A note
 * the library holds as the import left it follows the device's edit. */
static void
test_kindle_note_edited_here (Fixture *f, gconstpointer data)
{
  const char *file = KINDLE_ENTRY ("Highlight", "10-12", "00", "Books are not made to be believed")
                     KINDLE_ENTRY ("Note", "12", "01", "Eco, on books")
                     KINDLE_ENTRY ("Highlight", "20-22", "02", "but to be subjected to inquiry")
                     KINDLE_ENTRY ("Note", "22", "03", "the inquiry part");
  g_autofree char *grown = g_strconcat (file, KINDLE_ENTRY ("Note", "12", "10", "Eco, on books, edited on the Kindle")
                                              KINDLE_ENTRY ("Note", "22", "11", "the inquiry part, edited"),
                                        NULL);
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperImportResult) grown_result = NULL;
  g_autoptr (ClipperHighlight) edited = NULL;
  g_autoptr (ClipperHighlight) other = NULL;
  g_autofree char *summary = NULL;

  first = import_clippings (f->store, file);
  g_assert_cmpuint (first->notes_added, ==, 2);
  edited = dup_book_highlight (f->store, "Books are not made to be believed");
  set_note (f->store, edited, "My own reflection, written in Clipper");

  /* The same file again: nothing changes, nothing to say. */
  again = import_clippings (f->store, file);
  g_assert_cmpuint (again->notes_added, ==, 0);
  g_assert_cmpuint (again->notes_updated, ==, 0);
  g_assert_cmpuint (again->conflicts, ==, 0);
  g_clear_object (&edited);
  edited = dup_book_highlight (f->store, "Books are not made to be believed");
  g_assert_cmpstr (clipper_highlight_get_note (edited), ==, "My own reflection, written in Clipper");

  /* Both notes edited on the device: the one untouched here follows, the
   * one edited here stays the user's, and the import says so. */
  grown_result = import_clippings (f->store, grown);
  g_assert_cmpuint (grown_result->highlights_added, ==, 0);
  g_assert_cmpuint (grown_result->notes_added, ==, 0);
  g_assert_cmpuint (grown_result->notes_updated, ==, 1);
  g_assert_cmpuint (grown_result->conflicts, ==, 1);
  g_assert_true (has_notice (grown_result, "line 21: kept the note of \"Books are not made to be believed\" as "
                                           "edited in the library; the file's: \"Eco, on books, edited on the "
                                           "Kindle\""));
  g_clear_object (&edited);
  edited = dup_book_highlight (f->store, "Books are not made to be believed");
  g_assert_cmpstr (clipper_highlight_get_note (edited), ==, "My own reflection, written in Clipper");
  other = dup_book_highlight (f->store, "but to be subjected to inquiry");
  g_assert_cmpstr (clipper_highlight_get_note (other), ==, "the inquiry part, edited");
  summary = clipper_import_result_summary (grown_result);
  g_assert_cmpstr (summary, ==, "imported 0 books, 0 highlights; already in the library: 1 book, 2 highlights; "
                                "updated 1 note from the file; kept 1 note edited in the library (the "
                                "file's is in the notices); left out 2 earlier versions or bookmarks");

  /* Said once: the next import of the file finds nothing new. */
  g_clear_pointer (&again, clipper_import_result_free);
  again = import_clippings (f->store, grown);
  g_assert_cmpuint (again->notes_updated, ==, 0);
  g_assert_cmpuint (again->conflicts, ==, 0);
  g_assert_cmpuint (again->notices->len, ==, 0);
}

/* A library a Clipper before 30 November 2026 filled kept no record of
 * what the import wrote: a note that reads as one of the file's versions,
 * or as that import joined them, is the import's, and takes the file's
 * latest; any other is the user's. */
static void
test_kindle_note_older_import (Fixture *f, gconstpointer data)
{
  const char *file = KINDLE_ENTRY ("Highlight", "10-12", "00", "Books are not made to be believed")
                     KINDLE_ENTRY ("Note", "12", "01", "first words")
                     KINDLE_ENTRY ("Highlight", "20-22", "02", "but to be subjected to inquiry")
                     KINDLE_ENTRY ("Note", "22", "03", "the inquiry part")
                     KINDLE_ENTRY ("Highlight", "30-32", "04", "a third")
                     KINDLE_ENTRY ("Note", "32", "05", "Café naïve")
                     KINDLE_ENTRY ("Note", "12", "10", "first words, edited");
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperHighlight) joined = NULL;
  g_autoptr (ClipperHighlight) mine = NULL;
  g_autoptr (ClipperHighlight) unread = NULL;
  g_autoptr (GError) error = NULL;

  first = import_clippings (f->store, file);
  joined = dup_book_highlight (f->store, "Books are not made to be believed");
  mine = dup_book_highlight (f->store, "but to be subjected to inquiry");
  unread = dup_book_highlight (f->store, "a third");
  /* As the older import left them: no record, both versions joined, a
   * note of a file it could not read; and a note the user rewrote since. */
  g_assert_true (clipper_store_set_note_part (f->store, clipper_highlight_get_id (joined), "kindle", NULL, NULL,
                                              &error));
  g_assert_true (clipper_store_set_note_part (f->store, clipper_highlight_get_id (mine), "kindle", NULL, NULL,
                                              &error));
  g_assert_true (clipper_store_set_note_part (f->store, clipper_highlight_get_id (unread), "kindle", NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  set_note (f->store, unread, "Caf� na�ve");
  set_note (f->store, joined, "first words\n\nfirst words, edited");
  set_note (f->store, mine, "rewritten here");

  again = import_clippings (f->store, file);
  g_assert_cmpuint (again->notes_updated, ==, 2);
  g_assert_cmpuint (again->conflicts, ==, 1);
  g_clear_object (&joined);
  g_clear_object (&mine);
  joined = dup_book_highlight (f->store, "Books are not made to be believed");
  mine = dup_book_highlight (f->store, "but to be subjected to inquiry");
  g_assert_cmpstr (clipper_highlight_get_note (joined), ==, "first words, edited");
  g_assert_cmpstr (clipper_highlight_get_note (mine), ==, "rewritten here");
  g_clear_object (&unread);
  unread = dup_book_highlight (f->store, "a third");
  g_assert_cmpstr (clipper_highlight_get_note (unread), ==, "Café naïve");
}

/* A note edited on the device is a second clipping at the same location:
 * the later one is the note, not both joined.  Notes at two locations of
 * one highlight are two notes, and stay together.  A note at no highlight
 * edited so is one kindle-note highlight that takes the new words. */
static void
test_kindle_note_edited_on_device (Fixture *f, gconstpointer data)
{
  const char *before = KINDLE_ENTRY ("Highlight", "300-303", "00", "Repetition makes things feel true")
                       KINDLE_ENTRY ("Note", "303", "01", "cf. illusory truth effect")
                       KINDLE_ENTRY ("Note", "301", "02", "a second thought")
                       KINDLE_ENTRY ("Note", "500", "03", "a note alone");
  g_autofree char *after = g_strconcat (before, KINDLE_ENTRY ("Note", "303", "10", "cf. illusory truth effect (Hasher 1977)")
                                                KINDLE_ENTRY ("Note", "500", "11", "a note alone, edited"),
                                        NULL);
  g_autoptr (ClipperImportResult) once = NULL;
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperHighlight) alone = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *uuid = NULL;

  /* The whole file at once. */
  once = import_clippings (f->store, after);
  g_assert_cmpuint (once->highlights_added, ==, 2);
  g_assert_cmpuint (once->skipped, ==, 2);
  h = dup_book_highlight (f->store, "Repetition makes things feel true");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "cf. illusory truth effect (Hasher 1977)\n\na second thought");
  g_clear_object (&h);
  alone = dup_book_highlight (f->store, "a note alone, edited");
  g_assert_cmpstr (clipper_highlight_get_tags (alone)[0], ==, "kindle-note");
  g_clear_object (&alone);

  /* Imported before the edit, then after. */
  book = find_article (f->store, url);
  g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (book), NULL));
  first = import_clippings (f->store, before);
  h = dup_book_highlight (f->store, "Repetition makes things feel true");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "cf. illusory truth effect\n\na second thought");
  g_clear_object (&h);
  alone = dup_book_highlight (f->store, "a note alone");
  uuid = g_strdup (clipper_highlight_get_uuid (alone));

  second = import_clippings (f->store, after);
  g_assert_cmpuint (second->highlights_added, ==, 0);
  g_assert_cmpuint (second->notes_updated, ==, 2);
  h = dup_book_highlight (f->store, "Repetition makes things feel true");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "cf. illusory truth effect (Hasher 1977)\n\na second thought");
  g_clear_object (&book);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 2);
  g_assert_cmpstr (clipper_highlight_get_uuid (find_quote (hl, "a note alone, edited")), ==, uuid);
}

/* Kindle adds a clipping when a highlight is changed on the device: the
 * latest at a place is the highlight, shorter or longer.  Imported onto
 * the earlier version, the library's highlight takes the new text and
 * range, keeps its note, tags and UUID, and its earlier text as its
 * original quote; an older file imported after it changes nothing. */
static void
test_kindle_shortened (Fixture *f, gconstpointer data)
{
  const char *before = KINDLE_ENTRY ("Highlight", "700-706", "00", "Keep this. This sentence was highlighted by mistake.");
  g_autofree char *after = g_strconcat (before, KINDLE_ENTRY ("Highlight", "700-703", "05", "Keep this."), NULL);
  const char *tags[] = { "key-idea", NULL };
  g_autoptr (ClipperImportResult) once = NULL;
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperImportResult) older = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *uuid = NULL;
  g_autofree char *summary = NULL;

  once = import_clippings (f->store, after);
  g_assert_cmpuint (once->highlights_added, ==, 1);
  g_assert_cmpuint (once->skipped, ==, 1);
  h = dup_book_highlight (f->store, "Keep this.");
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 703);
  g_clear_object (&h);
  book = find_article (f->store, url);
  g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (book), NULL));

  first = import_clippings (f->store, before);
  h = dup_book_highlight (f->store, "Keep this. This sentence was highlighted by mistake.");
  uuid = g_strdup (clipper_highlight_get_uuid (h));
  clipper_highlight_set_tags (h, tags);
  set_note (f->store, h, "my note");
  g_clear_object (&h);

  second = import_clippings (f->store, after);
  g_assert_cmpuint (second->highlights_added, ==, 0);
  g_assert_cmpuint (second->highlights_updated, ==, 1);
  summary = clipper_import_result_summary (second);
  g_assert_cmpstr (summary, ==, "imported 0 books, 0 highlights; already in the library: 1 book, 0 highlights; "
                                "updated 1 highlight from the file; left out 1 earlier version or bookmark");
  h = dup_book_highlight (f->store, "Keep this.");
  g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, uuid);
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 700);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 703);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "my note");
  g_assert_cmpstr (clipper_highlight_get_tags (h)[0], ==, "key-idea");
  g_assert_cmpstr (clipper_highlight_get_quote_before_change (h), ==,
                   "Keep this. This sentence was highlighted by mistake.");
  g_clear_object (&h);

  older = import_clippings (f->store, before);
  g_assert_cmpuint (older->highlights_updated, ==, 0);
  h = dup_book_highlight (f->store, "Keep this.");
  g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, uuid);
}

/* The same clipping with other words (the file was corrected, or the
 * Kindle rewrote it): the library's highlight takes them, with its note
 * and tags, and the summary says it was updated rather than "already in
 * the library". */
static void
test_kindle_changed_quote (Fixture *f, gconstpointer data)
{
  const char *before = KINDLE_ENTRY ("Highlight", "40-42", "00", "The quick brown fxo")
                       KINDLE_ENTRY ("Note", "42", "01", "typo on the device");
  const char *after = KINDLE_ENTRY ("Highlight", "40-42", "00", "The quick brown fox")
                      KINDLE_ENTRY ("Note", "42", "01", "typo on the device");
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autofree char *uuid = NULL;

  first = import_clippings (f->store, before);
  h = dup_book_highlight (f->store, "The quick brown fxo");
  uuid = g_strdup (clipper_highlight_get_uuid (h));
  g_clear_object (&h);

  second = import_clippings (f->store, after);
  g_assert_cmpuint (second->highlights_added, ==, 0);
  g_assert_cmpuint (second->highlights_existing, ==, 0);
  g_assert_cmpuint (second->highlights_updated, ==, 1);
  h = dup_book_highlight (f->store, "The quick brown fox");
  g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, uuid);
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "typo on the device");
}

/* Kindle locations are about 150 bytes, so two highlights one after the
 * other often share the location where one ends and the next begins.
 * They are two highlights, not versions of one: only clippings whose
 * texts overlap are (one holds the other, or they share their start or
 * end), and a note stays with the passage it was written on. */
static void
test_kindle_adjacent (Fixture *f, gconstpointer data)
{
  const char *first = KINDLE_ENTRY ("Highlight", "100-104", "00",
                                    "The first sentence I liked, a whole thought on its own.");
  g_autofree char *both = g_strconcat (first, KINDLE_ENTRY ("Highlight", "104-107", "02",
                                                            "The very next sentence, also liked, starting where "
                                                            "the other ended."),
                                       NULL);
  const char *grown = KINDLE_ENTRY ("Highlight", "10-12", "00", "First")
                      KINDLE_ENTRY ("Highlight", "10-14", "01", "First and more")
                      KINDLE_ENTRY ("Highlight", "14", "02", "a note");
  g_autoptr (ClipperImportResult) once = NULL;
  g_autoptr (ClipperImportResult) a = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperImportResult) three = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *summary = NULL;

  /* Both in one file: both come in, nothing left out. */
  once = import_clippings (f->store, both);
  g_assert_cmpuint (once->highlights_added, ==, 2);
  g_assert_cmpuint (once->skipped, ==, 0);
  summary = clipper_import_result_summary (once);
  g_assert_cmpstr (summary, ==, "imported 1 book, 2 highlights");
  h = dup_book_highlight (f->store, "The first sentence I liked, a whole thought on its own.");
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 104);
  g_clear_object (&h);
  book = find_article (f->store, url);
  g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (book), NULL));
  g_clear_object (&book);

  /* The first alone, a note on it in Clipper, then both: the note stays
   * on the first, which keeps its words; the next is a highlight of its
   * own. */
  a = import_clippings (f->store, first);
  h = dup_book_highlight (f->store, "The first sentence I liked, a whole thought on its own.");
  set_note (f->store, h, "my note on the first sentence");
  g_clear_object (&h);
  again = import_clippings (f->store, both);
  g_assert_cmpuint (again->highlights_added, ==, 1);
  g_assert_cmpuint (again->highlights_existing, ==, 1);
  g_assert_cmpuint (again->highlights_updated, ==, 0);
  g_assert_cmpuint (again->skipped, ==, 0);
  h = dup_book_highlight (f->store, "The first sentence I liked, a whole thought on its own.");
  g_assert_cmpstr (clipper_highlight_get_note (h), ==, "my note on the first sentence");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 100);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 104);
  g_assert_null (clipper_highlight_get_original_quote (h));
  g_clear_object (&h);
  h = dup_book_highlight (f->store, "The very next sentence, also liked, starting where the other ended.");
  g_assert_null (clipper_highlight_get_note (h));
  g_clear_object (&h);
  book = find_article (f->store, url);
  g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (book), NULL));
  g_clear_object (&book);

  /* Extended, then a highlight that begins where it ends: the extended
   * one and the next, not the next alone. */
  three = import_clippings (f->store, grown);
  g_assert_cmpuint (three->highlights_added, ==, 2);
  g_assert_cmpuint (three->skipped, ==, 1);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 2);
  g_assert_cmpint (clipper_highlight_get_end (find_quote (hl, "First and more")), ==, 14);
  g_assert_cmpint (clipper_highlight_get_start (find_quote (hl, "a note")), ==, 14);
}

/* Versions are told by their text: a highlight extended at its end and
 * then shortened at its start is one highlight, found in the library by
 * the version it holds although the latest shares no word with it;
 * neighbouring sentences that begin alike are two. */
static void
test_kindle_versions_by_text (Fixture *f, gconstpointer data)
{
  const char *before = KINDLE_ENTRY ("Highlight", "200-202", "00", "one two three");
  g_autofree char *after = g_strconcat (before,
                                        KINDLE_ENTRY ("Highlight", "200-205", "01",
                                                      "one two three four five six seven")
                                        KINDLE_ENTRY ("Highlight", "203-207", "02", "five six seven eight nine")
                                        KINDLE_ENTRY ("Highlight", "300-302", "03", "It was the best of times,")
                                        KINDLE_ENTRY ("Highlight", "302-303", "04", "it was the worst of times."),
                                        NULL);
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) second = NULL;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *uuid = NULL;

  first = import_clippings (f->store, before);
  h = dup_book_highlight (f->store, "one two three");
  uuid = g_strdup (clipper_highlight_get_uuid (h));
  g_clear_object (&h);

  second = import_clippings (f->store, after);
  g_assert_cmpuint (second->highlights_added, ==, 2);
  g_assert_cmpuint (second->highlights_updated, ==, 1);
  g_assert_cmpuint (second->skipped, ==, 2);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 3);
  h = dup_book_highlight (f->store, "five six seven eight nine");
  g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, uuid);
  g_assert_cmpstr (clipper_highlight_get_original_quote (h), ==, "one two three");
  g_assert_cmpint (clipper_highlight_get_start (h), ==, 203);
  g_assert_cmpint (clipper_highlight_get_end (h), ==, 207);
  g_assert_nonnull (find_quote (hl, "It was the best of times,"));
  g_assert_nonnull (find_quote (hl, "it was the worst of times."));
}

/* The page beside the location is kept as the header writes it: a Roman
 * page of a book's front matter, a Dutch range, a Chinese range of one
 * page; a note at no highlight keeps its page too.  A library that
 * imported the file before it kept pages (schema version 10) gets them
 * when the same file is imported again, with nothing added and nothing
 * else changed; a file without pages leaves them. */
static void
test_kindle_pages (Fixture *f, gconstpointer data)
{
  const char *clippings =
    "Book (A)\n- Your Highlight on page ix | Location 5-6 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
    "foreword\n==========\n"
    "Book (A)\n- Your Highlight on page 12 | Location 170-172 | Added on Monday, April 1, 2019 9:01:00 AM\n\n"
    "chapter one\n==========\n"
    "Book (A)\n- Your Note on page 12 | Location 172 | Added on Monday, April 1, 2019 9:02:00 AM\n\n"
    "my note\n==========\n"
    "Book (A)\n- Your Note on page 40 | Location 400 | Added on Monday, April 1, 2019 9:03:00 AM\n\n"
    "a note alone\n==========\n"
    "Boek (B)\n- Je highlight op pagina 1 t/m 10 | locatie 20 t/m 30 | Toegevoegd op donderdag 22 augustus 2024 "
    "18:30:26\n\nlang\n==========\n"
    "书 (C)\n- 您在第 126-126 页（位置 #1366-1367）的标注 | 添加于 2024年8月22日星期四 下午6:57:47\n\n"
    "文字\n==========\n";
  const char *without =
    "Book (A)\n- Your Highlight at location 170-172 | Added on Monday, April 1, 2019 9:01:00 AM\n\n"
    "chapter one\n==========\n";
  static const struct {
    const char *quote;
    const char *page;
  } expected[] = {
    { "foreword", "ix" },
    { "chapter one", "12" },
    { "a note alone", "40" },
    { "lang", "1–10" },
    { "文字", "126" },
  };
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (ClipperImportResult) older = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) error = NULL;
  ClipperHighlight *h;

  first = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->broken_lines->len, ==, 0);
  g_assert_cmpuint (first->highlights_added, ==, G_N_ELEMENTS (expected));
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (clipper_highlight_get_page (find_quote (hl, expected[i].quote)), ==, expected[i].page);
  g_assert_cmpstr (clipper_highlight_get_note (find_quote (hl, "chapter one")), ==, "my note");

  /* As the upgrade leaves a library that imported them before. */
  for (guint i = 0; i < hl->len; i++)
    {
      h = g_ptr_array_index (hl, i);
      g_hash_table_insert (uuids, g_strdup (clipper_highlight_get_quote (h)), g_strdup (clipper_highlight_get_uuid (h)));
      clipper_highlight_set_page (h, NULL);
      g_assert_true (clipper_store_update_highlight (f->store, h, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&hl, g_ptr_array_unref);

  again = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->highlights_existing, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (again->notes_added, ==, 0);
  g_assert_cmpuint (again->articles_added, ==, 0);
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      h = find_quote (hl, expected[i].quote);
      g_assert_cmpstr (clipper_highlight_get_page (h), ==, expected[i].page);
      g_assert_cmpstr (clipper_highlight_get_uuid (h), ==, g_hash_table_lookup (uuids, expected[i].quote));
    }
  g_assert_cmpstr (clipper_highlight_get_note (find_quote (hl, "chapter one")), ==, "my note");
  g_assert_cmpstr (clipper_highlight_get_tags (find_quote (hl, "a note alone"))[0], ==, "kindle-note");
  g_clear_pointer (&hl, g_ptr_array_unref);

  /* An older file, without pages, takes none away. */
  older = clipper_import_data (f->store, without, strlen (without), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (older->highlights_added, ==, 0);
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_page (find_quote (hl, "chapter one")), ==, "12");
}

/* QA: a clipping of a book's front matter that gives its Roman page and
 * no location ("- Your Highlight on page ix | Added on …", the form a
 * Kindle writes for a page alone) was a broken entry, "gives no location
 * or page".  It is read and keeps its page, with no location; two such
 * highlights of one page are two, an extended one is one; a note there
 * stays a note of its own, since no location tells which highlight of the
 * page it is at. */
static void
test_kindle_roman_page_alone (Fixture *f, gconstpointer data)
{
  const char *clippings =
    "Book (A)\n- Your Highlight on page ix | Added on Thursday, 4 June 2020 12:18:46\n\n"
    "A preface\n==========\n"
    "Book (A)\n- Your Highlight on page ix | Added on Thursday, 4 June 2020 12:19:02\n\n"
    "Another line of it\n==========\n"
    "Book (A)\n- Your Highlight on page ix | Added on Thursday, 4 June 2020 12:19:30\n\n"
    "A preface, extended\n==========\n"
    "Book (A)\n- Your Note on page ix | Added on Thursday, 4 June 2020 12:20:00\n\n"
    "on the preface\n==========\n"
    "Book (A)\n- Your Highlight on page xii | Added on Thursday, 4 June 2020 12:21:00\n\n"
    "Acknowledgements\n==========\n"
    "Book (A)\n- Your Highlight on page 3 | Location 40-41 | Added on Thursday, 4 June 2020 12:22:00\n\n"
    "Chapter one\n==========\n";
  static const struct {
    const char *quote;
    const char *page;
    gint64 start;
  } expected[] = {
    { "A preface, extended", "ix", 0 },
    { "Another line of it", "ix", 0 },
    { "on the preface", "ix", 0 },
    { "Acknowledgements", "xii", 0 },
    { "Chapter one", "3", 40 },
  };
  g_autoptr (ClipperImportResult) first = NULL;
  g_autoptr (ClipperImportResult) again = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  g_autofree char *location = NULL;
  ClipperHighlight *h;

  first = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  for (guint i = 0; i < first->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (first->problems, i));
  g_assert_cmpuint (first->broken_lines->len, ==, 0);
  g_assert_cmpuint (first->highlights_added, ==, G_N_ELEMENTS (expected));
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      h = find_quote (hl, expected[i].quote);
      g_assert_cmpstr (clipper_highlight_get_page (h), ==, expected[i].page);
      g_assert_cmpint (clipper_highlight_get_start (h), ==, expected[i].start);
    }
  h = find_quote (hl, "on the preface");
  g_assert_cmpstr (clipper_highlight_get_tags (h)[0], ==, "kindle-note");
  /* No location to show: the page is where it is. */
  g_assert_null (clipper_kindle_dup_location (url, find_quote (hl, "Acknowledgements")));
  location = clipper_kindle_dup_location (url, find_quote (hl, "Chapter one"));
  g_assert_cmpstr (location, ==, "40–41");

  /* Found again, each by its page and text. */
  again = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->highlights_added, ==, 0);
  g_assert_cmpuint (again->highlights_existing, ==, G_N_ELEMENTS (expected));
}

/* Kindles write the device's local time without a zone: it is read as
 * the local time of the machine importing (here Berlin, an hour ahead of
 * UTC in winter and two in summer) and stored as UTC. */
static void
test_kindle_local_time (Fixture *f, gconstpointer data)
{
  const char *clippings =
    "Book (A)\n- Your Highlight at location 10-11 | Added on Monday, 1 January 2024 10:00:00\n\nwinter\n==========\n"
    "Book (A)\n- Your Highlight at location 20-21 | Added on Monday, 1 July 2024 10:00:00\n\nsummer\n==========\n";
  g_autofree char *path = g_build_filename (f->dir, "My Clippings.txt", NULL);
  g_autofree char *url = clipper_kindle_book_url ("Book", "A");
  const char *const berlin[] = { "TZ=Europe/Berlin", NULL };
  ClipperTestCliOptions options = { 0 };
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  if (clipper_test_skip_without_cli ())
    return;
  g_assert_true (g_file_set_contents (path, clippings, -1, &error));
  g_clear_object (&f->store);
  options.db_path = f->db_path;
  options.env = berlin;
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
    g_assert_cmpint (run.status, ==, 0);
  }

  f->store = clipper_test_open_store (f->db_path);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 2);
  /* 2024-01-01 09:00 and 2024-07-01 08:00 UTC. */
  g_assert_cmpint (clipper_highlight_get_created_at (find_quote (hl, "winter")), ==, 1704099600);
  g_assert_cmpint (clipper_highlight_get_created_at (find_quote (hl, "summer")), ==, 1719820800);
  /* QA-j: the book was filed under its first clipping's date, at the
   * bottom of the newest-first list as it came in.  It is saved when it is
   * imported, as a page is when it is saved. */
  g_assert_cmpint (clipper_article_get_saved_at (book), >=, before);
  g_assert_cmpint (clipper_article_get_saved_at (book), <=, g_get_real_time () / G_USEC_PER_SEC);
}

/* The QA pass's steps with clipper-cli: a note edited with `note`, the
 * file imported again after the Kindle edited it too.  The summary says
 * the library's note was kept, stderr quotes the file's, and the JSON
 * counts it; a highlight trimmed on the device is counted as updated. */
static void
test_kindle_cli_note_kept (Fixture *f, gconstpointer data)
{
  const char *file = KINDLE_ENTRY ("Highlight", "10-12", "00", "Books are not made to be believed")
                     KINDLE_ENTRY ("Note", "12", "01", "Eco, on books")
                     KINDLE_ENTRY ("Highlight", "700-706", "02", "Keep this. Not this.");
  g_autofree char *grown = g_strconcat (file, KINDLE_ENTRY ("Note", "12", "10", "Eco, on books, edited")
                                              KINDLE_ENTRY ("Highlight", "700-703", "11", "Keep this."),
                                        NULL);
  g_autofree char *path = g_build_filename (f->dir, "My Clippings.txt", NULL);
  ClipperTestCliOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *counts;

  if (clipper_test_skip_without_cli ())
    return;
  g_assert_true (g_file_set_contents (path, file, -1, &error));
  g_clear_object (&f->store);
  options.db_path = f->db_path;
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("note", "1", "My cleaned-up note"));
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_set_contents (path, grown, -1, &error));
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path, "--output", "json"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    counts = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (counts, "conflicts"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "highlightsUpdated"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (counts, "summary"), ==,
                     "imported 0 books, 0 highlights; already in the library: 1 book, 1 highlight; updated 1 "
                     "highlight from the file; kept 1 note edited in the library (the file's is in the notices); "
                     "left out 2 earlier versions or bookmarks");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "My cleaned-up note"));
    g_assert_null (strstr (run.out, "Eco, on books, edited"));
  }
}

/* A library that imported a file when its times were read as UTC (as
 * they still are on a machine in UTC) gets none of its clippings again
 * from an import in another zone: clippings are matched by location. */
static void
test_kindle_reimport_other_zone (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("kindle-en.txt");
  const char *const utc[] = { "TZ=UTC", NULL };
  const char *const berlin[] = { "TZ=Europe/Berlin", NULL };
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;
  g_clear_object (&f->store);
  options.db_path = f->db_path;
  {
    g_auto (ClipperTestRun) run = { 0 };

    options.env = utc;
    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "imported 2 books, 4 highlights"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    options.env = berlin;
    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "imported 0 books, 0 highlights"));
  }

  f->store = clipper_test_open_store (f->db_path);
  g_assert_cmpuint (count_articles (f->store), ==, 2);
  {
    g_autofree char *url = clipper_kindle_book_url ("Another Book", NULL);
    g_autoptr (ClipperArticle) another = find_article (f->store, url);
    g_autoptr (GPtrArray) hl = highlights_of (f->store, clipper_article_get_id (another));

    g_assert_cmpuint (hl->len, ==, 3);
  }
}

/* QA: a "My Clippings.txt" saved again by an editor, in Windows-1252,
 * Windows-1251 or UTF-16 (Notepad's "Unicode"), was read as UTF-8: every
 * letter that is not ASCII became U+FFFD ("Caf� na�ve", a Cyrillic quote
 * nothing but �) with no word said, and UTF-16 was "in no format Clipper
 * imports".  Each is read in its encoding, which the report names; the
 * app's "is this a Kindle file?" and the automatic format know them all. */
typedef struct {
  const char *file;
  const char *encoding;  /* as the report names it; NULL for UTF-8 */
  const char *title;
  const char *author;
  const char *quote;
  const char *note;
} KindleEncoding;

static const KindleEncoding kindle_encodings[] = {
  { "kindle-cp1252.txt", "Windows-1252", "Le Petit Prince", "Saint-Exupéry, Antoine de",
    "On ne voit bien qu’avec le cœur. L’essentiel est invisible pour les yeux.",
    "À relire : « apprivoiser », créer des liens." },
  { "kindle-cp1251.txt", "Windows-1251", "Мастер и Маргарита", "Булгаков, Михаил",
    "Никогда и ничего не просите! Никогда и ничего, и в особенности у тех, кто сильнее вас.",
    "Воланд — о гордости." },
  { "kindle-utf16le.txt", "UTF-16LE", "Мастер и Маргарита", "Булгаков, Михаил",
    "Никогда и ничего не просите! Никогда и ничего, и в особенности у тех, кто сильнее вас.",
    "Воланд — о гордости." },
  { "kindle-utf16be.txt", "UTF-16BE", "Le Petit Prince", "Saint-Exupéry, Antoine de",
    "On ne voit bien qu’avec le cœur. L’essentiel est invisible pour les yeux.",
    "À relire : « apprivoiser », créer des liens." },
};

static void
check_kindle_encoding (ClipperStore *store, const KindleEncoding *e, const ClipperImportResult *result)
{
  g_autofree char *url = clipper_kindle_book_url (e->title, e->author);
  g_autoptr (ClipperArticle) book = find_article (store, url);
  g_autoptr (GPtrArray) hl = highlights_of (store, clipper_article_get_id (book));
  g_autofree char *summary = clipper_import_result_summary (result);
  g_autofree char *read_as = e->encoding != NULL ? g_strdup_printf ("read as %s", e->encoding) : NULL;

  g_assert_cmpint (result->format, ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  g_assert_cmpuint (result->broken_lines->len, ==, 0);
  g_assert_cmpuint (result->unreadable, ==, 0);
  g_assert_cmpstr (result->encoding, ==, e->encoding);
  /* Said once, in a notice (clipper-cli printed it on stdout and stderr). */
  g_assert_null (strstr (summary, "read as"));
  if (read_as != NULL)
    g_assert_true (has_notice (result, read_as));
  g_assert_cmpstr (clipper_article_get_title (book), ==, e->title);
  g_assert_cmpstr (clipper_highlight_get_quote (find_quote (hl, e->quote)), ==, e->quote);
  g_assert_cmpstr (clipper_highlight_get_note (find_quote (hl, e->quote)), ==, e->note);
}

static void
test_kindle_encodings (Fixture *f, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kindle_encodings); i++)
    {
      const KindleEncoding *e = &kindle_encodings[i];
      g_autofree char *path = data_path (e->file);
      g_autofree char *contents = NULL;
      g_autoptr (ClipperImportResult) result = NULL;
      g_autoptr (ClipperImportResult) again = NULL;
      g_autoptr (GError) error = NULL;
      gsize len = 0;

      g_test_message ("%s", e->file);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpint (clipper_import_detect (contents, len), ==, CLIPPER_IMPORT_FORMAT_KINDLE);
      g_assert_cmpint (clipper_import_detect_export (path), ==, CLIPPER_IMPORT_FORMAT_KINDLE);

      result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      check_kindle_encoding (f->store, e, result);
      /* The same file again adds nothing. */
      again = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->highlights_added, ==, 0);
      g_assert_cmpuint (again->highlights_repaired, ==, 0);
    }
}

/* A JSON export saved again as "Unicode" by a Windows editor (UTF-16 with
 * a byte order mark, or without one) or as UTF-8 with a mark imports as
 * the UTF-8 file does, Clipper's line format, a W3C document on one line
 * and Hypothesis's alike; the summary says what it was read as.  Until 30
 * November 2026 UTF-16 JSON was "in no format Clipper imports". */
static void
test_json_wide_encodings (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *to;
    const char *bom;
    gsize bom_len;
    const char *encoding;
  } encodings[] = {
    { "UTF-8", "\xef\xbb\xbf", 3, NULL },
    { "UTF-16LE", "\xff\xfe", 2, "UTF-16LE" },
    { "UTF-16BE", "\xfe\xff", 2, "UTF-16BE" },
    { "UTF-16LE", "", 0, "UTF-16LE" },
  };
  g_autofree char *lines = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *hypothesis = NULL;
  g_autofree char *hypothesis_path = data_path ("hypothesis.json");
  g_autoptr (GError) error = NULL;

  fill_library (f->store);
  lines = export_to_string (f->store);
  {
    g_autoptr (JsonNode) root = clipper_test_parse_json (lines);

    compact = json_to_string (root, FALSE);
  }
  g_assert_true (g_file_get_contents (hypothesis_path, &hypothesis, NULL, NULL));
  {
    /* A note with letters outside ASCII, to be read back the same. */
    g_autofree char *was = g_steal_pointer (&hypothesis);

    g_auto (GStrv) parts = g_strsplit (was, "My *note* on it", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    hypothesis = g_strjoinv ("Mon *avis* — été, 日本", parts);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      const char *texts[] = { lines, compact, hypothesis };
      const ClipperImportFormat formats[] = { CLIPPER_IMPORT_FORMAT_JSON, CLIPPER_IMPORT_FORMAT_JSON,
                                              CLIPPER_IMPORT_FORMAT_HYPOTHESIS };

      for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
        {
          g_autofree char *name = g_strdup_printf ("wide-%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT, i, j);
          g_autofree char *db = g_strconcat (f->dir, "/", name, ".db", NULL);
          g_autofree char *path = g_strconcat (f->dir, "/", name, ".json", NULL);
          g_autoptr (ClipperStore) store = clipper_test_open_store (db);
          g_autoptr (ClipperImportResult) result = NULL;
          g_autoptr (GByteArray) bytes = g_byte_array_new ();
          g_autofree char *encoded = NULL;
          g_autofree char *summary = NULL;
          gsize n = 0;

          g_test_message ("%s%s, text %" G_GSIZE_FORMAT, encodings[i].to,
                          encodings[i].bom_len > 0 ? " with a byte order mark" : "", j);
          encoded = g_convert (texts[j], -1, encodings[i].to, "UTF-8", NULL, &n, &error);
          g_assert_no_error (error);
          g_byte_array_append (bytes, (const guint8 *) encodings[i].bom, encodings[i].bom_len);
          g_byte_array_append (bytes, (const guint8 *) encoded, n);
          g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
          g_assert_no_error (error);

          /* Opened or dropped on the window, it is imported, not saved. */
          g_assert_cmpint (clipper_import_detect_export (path), ==, formats[j]);
          result = clipper_import_file (store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpint (result->format, ==, formats[j]);
          g_assert_cmpstr (result->encoding, ==, encodings[i].encoding);
          summary = clipper_import_result_summary (result);
          g_test_message ("%s", summary);
          g_assert_cmpuint (result->broken_lines->len, ==, 0);
          if (formats[j] == CLIPPER_IMPORT_FORMAT_JSON)
            {
              g_autoptr (ClipperArticle) a = find_article (store, "https://example.com/articles/1?x=1&y=2");
              g_autoptr (GPtrArray) hl = highlights_of (store, clipper_article_get_id (a));

              g_assert_cmpuint (result->articles_added, ==, 2);
              g_assert_cmpuint (result->highlights_added, ==, 2);
              g_assert_cmpstr (clipper_article_get_title (a), ==, "A title: with \"quotes\" and ünïcode");
              g_assert_cmpstr (clipper_article_get_text (a), ==,
                               "Über the \"quoted\" text, with a passage worth keeping & more.\nSecond line.");
              g_assert_true (clipper_highlight_get_anchored (g_ptr_array_index (hl, 0)));
            }
          else
            {
              g_autoptr (ClipperArticle) post = find_article (store, "https://example.com/post");
              g_autoptr (GPtrArray) hl = highlights_of (store, clipper_article_get_id (post));
              gboolean found = FALSE;

              g_assert_cmpuint (result->articles_added, ==, 3);
              g_assert_cmpuint (result->highlights_added, ==, 3);
              for (guint k = 0; k < hl->len; k++)
                found |= g_strcmp0 (clipper_highlight_get_note (g_ptr_array_index (hl, k)),
                                    "Mon *avis* — été, 日本") == 0;
              g_assert_true (found);
            }
          /* What it was read as is a notice, not also the summary. */
          g_assert_null (strstr (summary, "read as"));
          if (encodings[i].encoding != NULL)
            g_assert_true (has_notice (result, encodings[i].encoding));
        }
    }

  /* A character UTF-16 cannot hold (half of a pair) is kept as U+FFFD,
   * and said. */
  {
    g_autofree char *db = g_build_filename (f->dir, "broken-pair.db", NULL);
    g_autoptr (ClipperStore) store = clipper_test_open_store (db);
    g_autoptr (ClipperImportResult) result = NULL;
    g_autoptr (GByteArray) bytes = g_byte_array_new ();
    g_autofree char *encoded = NULL;
    static const char mark[] = "M\0o\0n\0 \0*\0a\0v\0i\0s\0*\0";
    guint8 *at = NULL;
    gsize n = 0;

    encoded = g_convert (hypothesis, -1, "UTF-16LE", "UTF-8", NULL, &n, &error);
    g_assert_no_error (error);
    g_byte_array_append (bytes, (const guint8 *) "\xff\xfe", 2);
    g_byte_array_append (bytes, (const guint8 *) encoded, n);
    /* "M" of the note becomes a lone high surrogate. */
    for (guint k = 0; at == NULL && k + sizeof mark - 1 <= bytes->len; k += 2)
      if (memcmp (bytes->data + k, mark, sizeof mark - 1) == 0)
        at = bytes->data + k;
    g_assert_nonnull (at);
    at[0] = 0x00;
    at[1] = 0xd8;
    result = clipper_import_data (store, (const char *) bytes->data, bytes->len, CLIPPER_IMPORT_FORMAT_AUTO, NULL,
                                  NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->highlights_added, ==, 3);
    g_assert_true (has_notice (result, "1 character could not be read as UTF-16LE and is kept as �"));
  }
}

/* UTF-16 without a byte order mark is told by its NUL bytes, UTF-32 by
 * its mark; the text is the UTF-8 file's. */
static void
test_kindle_wide_encodings (Fixture *f, gconstpointer data)
{
  static const KindleEncoding utf8 = { NULL, NULL, "Мастер и Маргарита", "Булгаков, Михаил",
                                       "Никогда и ничего не просите! Никогда и ничего, и в особенности у тех, кто "
                                       "сильнее вас.", "Воланд — о гордости." };
  static const struct {
    const char *to;
    const char *bom;
    gsize bom_len;
    const char *encoding;
  } wide[] = {
    { "UTF-16LE", "", 0, "UTF-16LE" },
    { "UTF-16BE", "", 0, "UTF-16BE" },
    { "UTF-32LE", "\xff\xfe\0\0", 4, "UTF-32LE" },
    { "UTF-32BE", "\0\0\xfe\xff", 4, "UTF-32BE" },
  };
  g_autofree char *path = data_path ("kindle-utf16le.txt");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  text = g_convert (contents + 2, len - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
  g_assert_nonnull (text);
  for (gsize i = 0; i < G_N_ELEMENTS (wide); i++)
    {
      g_autoptr (ClipperImportResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autofree char *encoded = NULL;
      gsize n = 0;
      KindleEncoding e = utf8;

      g_test_message ("%s", wide[i].to);
      encoded = g_convert (text, -1, wide[i].to, "UTF-8", NULL, &n, NULL);
      g_assert_nonnull (encoded);
      g_byte_array_append (bytes, (const guint8 *) wide[i].bom, wide[i].bom_len);
      g_byte_array_append (bytes, (const guint8 *) encoded, n);
      g_assert_cmpint (clipper_import_detect ((const char *) bytes->data, bytes->len), ==,
                       CLIPPER_IMPORT_FORMAT_KINDLE);
      result = clipper_import_data (f->store, (const char *) bytes->data, bytes->len, CLIPPER_IMPORT_FORMAT_AUTO,
                                    NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      e.encoding = wide[i].encoding;
      check_kindle_encoding (f->store, &e, result);
    }
}

/* A byte a file's encoding cannot read (a UTF-8 file broken in one place)
 * is never stored as U+FFFD unsaid: the clipping is kept, with a notice
 * that quotes it by its line, and the summary counts it. */
static void
test_kindle_unreadable (Fixture *f, gconstpointer data)
{
  const char *clippings =
    "Écrits (Thérèse, Ève)\n- Your Highlight at location 10-11 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
    "Déjà vu, éphémère, naïve, où, très, à\n==========\n"
    "Écrits (Thérèse, Ève)\n- Your Highlight at location 20-21 | Added on Monday, April 1, 2019 9:01:00 AM\n\n"
    "une \xff lettre perdue, août, fête\n==========\n";
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  result = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_null (result->encoding);
  g_assert_cmpuint (result->highlights_added, ==, 2);
  g_assert_cmpuint (result->unreadable, ==, 1);
  g_assert_cmpuint (result->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->notices, 0), ==,
                   "line 6: 1 character of \"Écrits\" could not be read as UTF-8 and is kept as �: "
                   "\"une � lettre perdue, août, fête\"");
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 1 book, 2 highlights; kept 1 clipping with characters that could not be "
                                "read (as �, see the notices)");
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_quote (find_quote (hl, "une � lettre perdue, août, fête")), ==,
                   "une � lettre perdue, août, fête");
}

/* A short French file in UTF-8 with one "é" in Latin-1 (typed in by an
 * editor set to it) is read as UTF-8: its other accents stay themselves,
 * the stray byte is U+FFFD, and the summary says so.  It was read as
 * Windows-1252, "qu’avec le cœur" stored as "quâ€™avec le cÅ“ur". */
static void
test_kindle_mostly_utf8 (Fixture *f, gconstpointer data)
{
  const char *clippings =
    "Le Petit Prince (Saint-Exup\xc3\xa9ry, Antoine de)\n"
    "- Your Highlight on page 72 | Location 1090-1092 | Added on Sunday, 5 March 2023 21:04:10\n\n"
    "On ne voit bien qu\xe2\x80\x99" "avec le c\xc5\x93ur. C'est le temps que tu as perdu pour ta rose, "
    "d\xe9j\xc3\xa0 perdu.\n==========\n";
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *quote = "On ne voit bien qu’avec le cœur. C'est le temps que tu as perdu pour ta rose, d�jà perdu.";

  result = clipper_import_data (f->store, clippings, strlen (clippings), CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_null (result->encoding);
  g_assert_cmpuint (result->highlights_added, ==, 1);
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 1 book, 1 highlight; kept 1 clipping with characters that could not be "
                                "read (as �, see the notices)");
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_highlight_get_quote (find_quote (hl, quote)), ==, quote);
}

/* Found by the import fuzzer: a Kindle file with a UTF-8 byte order mark
 * and a stray Latin-1 byte ("Ja\xf1e") failed as a whole, "the quote is
 * not valid UTF-8 text" from the store.  Its clippings are imported, the
 * byte kept as U+FFFD and reported. */
static void
test_kindle_bom_stray_byte (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("kindle-bom-stray-byte.txt");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  result = clipper_import_data (f->store, contents, length, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, >, 0);
  g_assert_cmpuint (result->unreadable, >, 0);
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hl->len; i++)
    g_assert_true (g_utf8_validate (clipper_highlight_get_quote (hl->pdata[i]), -1, NULL));
}

/* QA: the Windows-1252 file imported before (each accented letter stored
 * as U+FFFD), its UTF-8 version imported after said "already in the
 * library" and the broken text stayed.  Now the file's text repairs a
 * stored quote at the same book and location when the two differ only
 * where the stored one has U+FFFD: the highlight keeps its UUID, and the
 * report says so.  A quote that differs anywhere else may be the user's
 * edit: it stays. */
static void
test_kindle_repair (Fixture *f, gconstpointer data)
{
  /* As the import before 30 November 2026 stored the file's three
   * clippings: each byte it could not read as UTF-8 one U+FFFD. */
  const char *mangled =
    "Le Petit Prince (Saint-Exupéry, Antoine de)\n"
    "- Your Highlight on page 72 | Location 1090-1092 | Added on Sunday, 5 March 2023 21:04:10\n\n"
    "On ne voit bien qu�avec le c�ur. L�essentiel est invisible pour les yeux.\n==========\n"
    "Le Petit Prince (Saint-Exupéry, Antoine de)\n"
    "- Your Note on page 72 | Location 1092 | Added on Sunday, 5 March 2023 21:05:31\n\n"
    "� relire : � apprivoiser �, cr�er des liens.\n==========\n"
    "Der Zauberberg (Mann, Thomas)\n"
    "- Your Highlight on page 12 | Location 150-151 | Added on Monday, 6 March 2023 08:12:00\n\n"
    "Ein einfacher junger Mensch reiste im Hochsommer von Hamburg, seiner Heimatstadt, nach Davos-Platz im "
    "Graub�ndischen. �ber Gr��e und Bedeutung�\n==========\n";
  const char *repaired_quote = "On ne voit bien qu’avec le cœur. L’essentiel est invisible pour les yeux.";
  g_autofree char *path = data_path ("kindle-cp1252.txt");
  g_autofree char *url = clipper_kindle_book_url ("Le Petit Prince", "Saint-Exupéry, Antoine de");
  g_autofree char *uuid = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (ClipperImportResult) before = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  before = clipper_import_data (f->store, mangled, strlen (mangled), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->highlights_added, ==, 2);
  book = find_article (f->store, url);
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
  uuid = g_strdup (clipper_highlight_get_uuid (g_ptr_array_index (hl, 0)));
  g_clear_pointer (&hl, g_ptr_array_unref);

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 0);
  g_assert_cmpuint (result->highlights_existing, ==, 1);
  /* The note came with the file too (a note follows the file's). */
  g_assert_cmpuint (result->highlights_repaired, ==, 1);
  summary = clipper_import_result_summary (result);
  g_assert_cmpstr (summary, ==, "imported 0 books, 0 highlights; already in the library: 2 books, 1 highlight; "
                                "repaired 1 highlight's text; updated 1 highlight and 1 note from the file");
  g_assert_nonnull (strstr (g_ptr_array_index (result->notices, 1), "line 1: repaired the text of a highlight of "
                                                                   "\"Le Petit Prince\""));

  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_uuid (g_ptr_array_index (hl, 0)), ==, uuid);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)), ==, repaired_quote);
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (hl, 0)), ==,
                   "À relire : « apprivoiser », créer des liens.");
  g_clear_pointer (&hl, g_ptr_array_unref);

  /* "Heimatstadt" where the file says "Vaterstadt": not only U+FFFD
   * differs, so it is not a repair; the same clipping with other words
   * is the file's latest (a quote is never edited in the library), taken
   * as such, and not added beside it; the stored text stays as the
   * highlight's first. */
  {
    g_autofree char *zauberberg = clipper_kindle_book_url ("Der Zauberberg", "Mann, Thomas");
    g_autoptr (ClipperArticle) other = find_article (f->store, zauberberg);

    hl = highlights_of (f->store, clipper_article_get_id (other));
    g_assert_cmpuint (hl->len, ==, 1);
    g_assert_nonnull (strstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)),
                              "Vaterstadt, nach Davos-Platz im Graubündischen"));
    g_assert_nonnull (strstr (clipper_highlight_get_original_quote (g_ptr_array_index (hl, 0)),
                              "Heimatstadt, nach Davos-Platz im Graub�ndischen"));
  }
}

/* The Windows-1251 file as the import before 30 November 2026 stored it:
 * the book's title and author too were U+FFFD for each letter, and the
 * book's address was made from them.  Imported again, the book is found
 * there and takes its title, byline and address; its highlight and note
 * are repaired, and nothing comes in twice. */
static void
test_kindle_repair_book (Fixture *f, gconstpointer data)
{
  const KindleEncoding *e = &kindle_encodings[1];
  g_autofree char *path = data_path (e->file);
  g_autofree char *contents = NULL;
  g_autofree char *mangled = NULL;
  g_autofree char *url = clipper_kindle_book_url (e->title, e->author);
  g_autoptr (ClipperImportResult) before = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperArticle) book = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* What the old import did to each line. */
  mangled = g_utf8_make_valid (contents, len);
  before = clipper_import_data (f->store, mangled, strlen (mangled), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->highlights_added, ==, 1);
  g_assert_cmpuint (count_articles (f->store), ==, 1);

  result = clipper_import_file (f->store, path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->articles_added, ==, 0);
  g_assert_cmpuint (result->highlights_added, ==, 0);
  g_assert_cmpuint (result->highlights_repaired, ==, 1);
  g_assert_cmpuint (count_articles (f->store), ==, 1);
  check_kindle_encoding (f->store, e, result);
  book = find_article (f->store, url);
  g_assert_cmpstr (clipper_article_get_byline (book), ==, "Михаил Булгаков");
  hl = highlights_of (f->store, clipper_article_get_id (book));
  g_assert_cmpuint (hl->len, ==, 1);
}

/* A note at no highlight, stored with U+FFFD, is found by what it reads
 * and repaired, not added again beside the broken one. */
static void
test_kindle_repair_note (Fixture *f, gconstpointer data)
{
  const char *mangled = "Book (A)\n- Your Note at location 30 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
                        "Caf� na�ve\n==========\n";
  const char *fixed = "Book (A)\n- Your Note at location 30 | Added on Monday, April 1, 2019 9:00:00 AM\n\n"
                      "Café naïve\n==========\n";
  g_autoptr (ClipperImportResult) before = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;

  before = clipper_import_data (f->store, mangled, strlen (mangled), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  result = clipper_import_data (f->store, fixed, strlen (fixed), CLIPPER_IMPORT_FORMAT_KINDLE, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->highlights_added, ==, 0);
  g_assert_cmpuint (result->highlights_repaired, ==, 1);
  hl = clipper_store_list_highlights (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_quote (g_ptr_array_index (hl, 0)), ==, "Café naïve");
  g_assert_cmpstr (clipper_highlight_get_tags (g_ptr_array_index (hl, 0))[0], ==, "kindle-note");
}

static void
test_detect (void)
{
  g_assert_cmpint (clipper_import_detect ("\xef\xbb\xbf  {\"type\":\"AnnotationCollection\"}", 33), ==, CLIPPER_IMPORT_FORMAT_JSON);
  g_assert_cmpint (clipper_import_detect ("[{\"uri\":\"x\",\"text\":\"\"}]", 23), ==, CLIPPER_IMPORT_FORMAT_HYPOTHESIS);
  g_assert_cmpint (clipper_import_detect ("[{\"type\":\"Annotation\"}]", 23), ==, CLIPPER_IMPORT_FORMAT_JSON);
  g_assert_cmpint (clipper_import_detect ("Book\r\n- Your Highlight\r\n\r\nx\r\n==========\r\n", 41), ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  g_assert_cmpint (clipper_import_detect ("[Draft] Book\n- Your Highlight at location 1-2\n\nx\n==========\n", 60), ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  /* A Russian Kindle's dash. */
  {
    const char *ru = "[Draft] Book\n\xe2\x80\x93 \xd0\x92\xd0\xb0\xd1\x88 | x\n\nx\n==========\n";

    g_assert_cmpint (clipper_import_detect (ru, strlen (ru)), ==, CLIPPER_IMPORT_FORMAT_KINDLE);
  }
  g_assert_cmpint (clipper_import_detect ("just words", 10), ==, CLIPPER_IMPORT_FORMAT_AUTO);
  g_assert_cmpint (clipper_import_detect ("", 0), ==, CLIPPER_IMPORT_FORMAT_AUTO);
}

/* The CLI prints the summary line and lists broken entries on stderr. */
static void
test_cli_import (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("kindle-en.txt");
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;
  g_clear_object (&f->store);
  options.db_path = f->db_path;

  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "imported 2 books, 4 highlights"));
    g_assert_nonnull (strstr (run.out, "skipped 2 broken entries (lines 21, 40)"));
    g_assert_nonnull (strstr (run.err, "line 21"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", "/nonexistent/file.txt"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "/nonexistent/file.txt"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("import", path, "--format", "pdf"));
    g_assert_cmpint (run.status, ==, 2);
  }
}

static void
on_progress (guint64 done, guint64 total, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

/* The app's way: JSON export and import on worker threads, progress and
 * results on the main context. */
static void
test_async (Fixture *f, gconstpointer data)
{
  g_autofree char *json_path = g_build_filename (f->dir, "async.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "async.db", NULL);
  g_autoptr (GAsyncResult) exported = NULL;
  g_autoptr (GAsyncResult) imported = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (ClipperStore) second = NULL;
  g_autoptr (GError) error = NULL;
  guint calls = 0;

  fill_library (f->store);
  clipper_json_export_async (f->db_path, json_path, NULL, on_progress, &calls, NULL, NULL, clipper_test_keep_result_cb, &exported);
  clipper_test_wait_for_result (&exported);
  g_assert_true (clipper_json_export_finish (exported, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));

  /* The worker makes no library (it works in its caller's): this one is
   * made here, as clipper-cli's first use makes one. */
  second = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  g_clear_object (&second);
  calls = 0;
  clipper_import_file_async (db2, json_path, CLIPPER_IMPORT_FORMAT_AUTO, on_progress, &calls, NULL, NULL,
                             clipper_test_keep_result_cb, &imported);
  clipper_test_wait_for_result (&imported);
  result = clipper_import_file_finish (imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->articles_added, ==, 2);
  g_assert_cmpuint (result->highlights_added, ==, 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (calls, >, 0);

  second = clipper_store_open (db2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (second), ==, 2);

  /* An export to a folder that does not exist fails with a clear error. */
  {
    g_autoptr (GAsyncResult) failed = NULL;

    clipper_json_export_async (f->db_path, "/nonexistent/dir/x.json", NULL, NULL, NULL, NULL, NULL, clipper_test_keep_result_cb, &failed);
    clipper_test_wait_for_result (&failed);
    g_assert_false (clipper_json_export_finish (failed, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "/nonexistent/dir/x.json"));
    g_clear_error (&error);
  }

  /* QA-o finding 3: one that fails writing a new file (a full disk; here
   * no file may grow past 1 KiB) left it cut short under its name.  Now
   * nothing is there, no temporary file either. */
  {
    g_autoptr (GAsyncResult) failed = NULL;
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.json", NULL);
    g_autoptr (GDir) dir = NULL;
    struct rlimit before, limit = { 1024, 1024 };
    const char *name;

    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
    limit.rlim_max = before.rlim_max;
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    clipper_json_export_async (f->db_path, fresh, NULL, NULL, NULL, NULL, NULL, clipper_test_keep_result_cb, &failed);
    clipper_test_wait_for_result (&failed);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
    g_assert_false (clipper_json_export_finish (failed, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_true (error->domain == G_IO_ERROR);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    g_assert_nonnull (strstr (error->message, "fresh.json': "));
    dir = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".fresh.json"));
  }
}

/* The library's folder deleted or moved while the app has it open: an
 * export's or an import's worker, which opens the library again on its
 * thread, made the folder and a new, empty library there (and imported
 * into it, where the app never looked).  They fail, saying why, and
 * make nothing. */
static void
test_async_library_gone (Fixture *f, gconstpointer data)
{
  g_autofree char *elsewhere = g_dir_make_tmp ("clipper-gone-XXXXXX", NULL);
  g_autofree char *json_path = g_build_filename (elsewhere, "library.json", NULL);
  g_autofree char *vault = g_build_filename (elsewhere, "vault", NULL);
  g_autoptr (GAsyncResult) exported = NULL;
  g_autoptr (GAsyncResult) vaulted = NULL;
  g_autoptr (GAsyncResult) imported = NULL;
  g_autoptr (GAsyncResult) md_imported = NULL;
  g_autoptr (GError) error = NULL;

  fill_library (f->store);
  g_assert_true (clipper_json_export_file (f->store, json_path, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  clipper_test_remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  clipper_json_export_async (f->db_path, json_path, NULL, NULL, NULL, NULL, NULL, clipper_test_keep_result_cb,
                             &exported);
  clipper_test_wait_for_result (&exported);
  g_assert_false (clipper_json_export_finish (exported, NULL, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "is no longer there"));
  g_clear_error (&error);

  clipper_markdown_export_vault_async (f->db_path, vault, NULL, NULL, NULL, NULL, NULL, clipper_test_keep_result_cb,
                                       &vaulted);
  clipper_test_wait_for_result (&vaulted);
  g_assert_false (clipper_markdown_export_vault_finish (vaulted, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));

  clipper_import_file_async (f->db_path, json_path, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, NULL,
                             clipper_test_keep_result_cb, &imported);
  clipper_test_wait_for_result (&imported);
  g_assert_null (clipper_import_file_finish (imported, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_clear_error (&error);

  clipper_markdown_import_async (f->db_path, elsewhere, NULL, NULL, NULL, NULL, NULL, clipper_test_keep_result_cb,
                                 &md_imported);
  clipper_test_wait_for_result (&md_imported);
  g_assert_null (clipper_markdown_import_finish (md_imported, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);

  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  clipper_test_remove_tree (elsewhere);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import/json/round-trip", Fixture, NULL, clipper_test_library_set_up, test_json_round_trip, clipper_test_library_tear_down);
  g_test_add ("/import/json/wide-encodings", Fixture, NULL, clipper_test_library_set_up, test_json_wide_encodings,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/other-library", Fixture, NULL, clipper_test_library_set_up,
              test_json_other_library, clipper_test_library_tear_down);
  g_test_add ("/import/json/other-library-edited", Fixture, NULL, clipper_test_library_set_up,
              test_json_other_library_edited, clipper_test_library_tear_down);
  g_test_add ("/import/json/after-other-vault", Fixture, NULL, clipper_test_library_set_up,
              test_json_after_other_vault, clipper_test_library_tear_down);
  g_test_add ("/import/json/onto-changed-article", Fixture, NULL, clipper_test_library_set_up,
              test_json_onto_changed_article, clipper_test_library_tear_down);
  g_test_add ("/import/json/after-vault", Fixture, NULL, clipper_test_library_set_up, test_json_after_vault,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/edited", Fixture, NULL, clipper_test_library_set_up, test_json_edited,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/newer", Fixture, NULL, clipper_test_library_set_up, test_json_newer,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/broken", Fixture, NULL, clipper_test_library_set_up, test_json_broken, clipper_test_library_tear_down);
  g_test_add ("/import/json/original-page-url", Fixture, NULL, clipper_test_library_set_up, test_json_original_page_url,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/broken-text", Fixture, NULL, clipper_test_library_set_up, test_json_broken_text,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/page", Fixture, NULL, clipper_test_library_set_up, test_json_page,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/carried-orphan", Fixture, NULL, clipper_test_library_set_up, test_json_carried_orphan,
              clipper_test_library_tear_down);
  g_test_add ("/import/json/offsets-from", Fixture, NULL, clipper_test_library_set_up, test_json_offsets_from,
              clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/file", Fixture, NULL, clipper_test_library_set_up, test_hypothesis, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/anchors", Fixture, NULL, clipper_test_library_set_up, test_hypothesis_anchors, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/page-notes", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_page_notes, clipper_test_library_tear_down);
  g_test_add ("/import/w3c/page-notes", Fixture, NULL, clipper_test_library_set_up, test_w3c_page_notes,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/english", Fixture, NULL, clipper_test_library_set_up, test_kindle_english, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-older", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_older, clipper_test_library_tear_down);
  g_test_add ("/import/w3c/reply-reimport-older", Fixture, NULL, clipper_test_library_set_up,
              test_w3c_reply_reimport_older, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reply-kept-before", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reply_kept_before, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-edited", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_edited, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-edited-here", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_edited_here, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-unrecorded", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_unrecorded, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-unrecorded-edited", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_unrecorded_edited, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/reimport-requoted", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_reimport_requoted, clipper_test_library_tear_down);
  g_test_add ("/import/hypothesis/page-note-edited", Fixture, NULL, clipper_test_library_set_up,
              test_hypothesis_page_note_edited, clipper_test_library_tear_down);
  g_test_add ("/import/json/kindle-location", Fixture, NULL, clipper_test_library_set_up, test_json_kindle_location,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/encodings", Fixture, NULL, clipper_test_library_set_up, test_kindle_encodings,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/wide-encodings", Fixture, NULL, clipper_test_library_set_up, test_kindle_wide_encodings,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/unreadable", Fixture, NULL, clipper_test_library_set_up, test_kindle_unreadable,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/mostly-utf8", Fixture, NULL, clipper_test_library_set_up, test_kindle_mostly_utf8,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/bom-stray-byte", Fixture, NULL, clipper_test_library_set_up, test_kindle_bom_stray_byte,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/repair", Fixture, NULL, clipper_test_library_set_up, test_kindle_repair,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/repair-note", Fixture, NULL, clipper_test_library_set_up, test_kindle_repair_note,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/repair-book", Fixture, NULL, clipper_test_library_set_up, test_kindle_repair_book,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/bylines", Fixture, NULL, clipper_test_library_set_up, test_kindle_bylines, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/languages", Fixture, NULL, clipper_test_library_set_up, test_kindle_languages, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/current-wording", Fixture, &current_file, clipper_test_library_set_up,
              test_kindle_language, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/portuguese", Fixture, &portuguese_file, clipper_test_library_set_up, test_kindle_language,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/dutch", Fixture, &dutch_file, clipper_test_library_set_up, test_kindle_language,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/russian", Fixture, &russian_file, clipper_test_library_set_up, test_kindle_language,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/japanese", Fixture, &japanese_file, clipper_test_library_set_up, test_kindle_language,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/chinese", Fixture, &chinese_file, clipper_test_library_set_up, test_kindle_language,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/dutch-at-page", Fixture, NULL, clipper_test_library_set_up, test_kindle_dutch_at_page,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/broken", Fixture, NULL, clipper_test_library_set_up, test_kindle_broken, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/extended-later", Fixture, NULL, clipper_test_library_set_up, test_kindle_extended_later, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/note-edited-here", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_note_edited_here, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/note-older-import", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_note_older_import, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/note-edited-on-device", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_note_edited_on_device, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/shortened", Fixture, NULL, clipper_test_library_set_up, test_kindle_shortened,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/changed-quote", Fixture, NULL, clipper_test_library_set_up, test_kindle_changed_quote,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/adjacent", Fixture, NULL, clipper_test_library_set_up, test_kindle_adjacent,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/versions-by-text", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_versions_by_text, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/cli-note-kept", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_cli_note_kept, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/pages", Fixture, NULL, clipper_test_library_set_up, test_kindle_pages,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/roman-page-alone", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_roman_page_alone, clipper_test_library_tear_down);
  g_test_add ("/import/kindle/local-time", Fixture, NULL, clipper_test_library_set_up, test_kindle_local_time,
              clipper_test_library_tear_down);
  g_test_add ("/import/kindle/reimport-other-zone", Fixture, NULL, clipper_test_library_set_up,
              test_kindle_reimport_other_zone, clipper_test_library_tear_down);
  g_test_add_func ("/import/detect", test_detect);
  g_test_add ("/import/async", Fixture, NULL, clipper_test_library_set_up, test_async, clipper_test_library_tear_down);
  g_test_add ("/import/async-library-gone", Fixture, NULL, clipper_test_library_set_up, test_async_library_gone,
              clipper_test_library_tear_down);
  g_test_add ("/import/cli", Fixture, NULL, clipper_test_library_set_up, test_cli_import, clipper_test_library_tear_down);

  return g_test_run ();
}
