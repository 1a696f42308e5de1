/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli refetch end to end: a page saved from a real SoupServer on
 * 127.0.0.1, three highlights, then the server serves an edited page and
 * refetch re-anchors: two highlights follow their edited passages, the
 * third (whose passage is gone) is an orphan that keeps its note.
 *
 * The server is the tests' shared ClipperTestServer (its own thread: the
 * test waits on clipper-cli synchronously while it serves).
 */
#define G_LOG_DOMAIN "test-cli-refetch"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-test-server.h"
#include "clipper-test-util.h"

static ClipperTestServer *server;

static const char *page_before =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The keeper</title></head><body><article>"
  "<h1>The keeper</h1>"
  "<p>The lighthouse keeper climbed the stairs every evening at dusk, carrying a small brass "
  "lantern in his left hand and a book of tide tables under his arm.</p>"
  "<p>He had done so for thirty-one years, through storms and calm seas alike, and never once "
  "had the lamp failed to shine over the harbour where the fishing fleet came home.</p>"
  "<p>The village below depended on that light. Fishing boats returned by it, and children "
  "learned to tell the time by its first flash across the water each night.</p>"
  "<p>When the new automatic beacon was installed, the keeper was told he could retire. He "
  "refused, saying that a machine could not love the sea the way he did.</p>"
  "</article></body></html>";

/* A word added to one passage, a typo fixed in another, the last
 * paragraph gone. */
static const char *page_after =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The keeper</title></head><body><article>"
  "<h1>The keeper</h1>"
  "<p>The lighthouse keeper climbed the stairs every evening at dusk, carrying a small brass "
  "lantern in his left hand and a book of tide tables under his arm.</p>"
  "<p>He had done so for thirty-one years, through storms and calm seas alike, and never once "
  "had the great lamp failed to shine over the harbour where the fishing fleet came home.</p>"
  "<p>The village below depended on that light. Fishing boats returned by it, and children "
  "learned to tell the time by its first flash across the water every night.</p>"
  "</article></body></html>";

static void
add_highlight (const char *db, const char *id, const char *quote, const char *note)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };

  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlight", id, "--quote", quote, "--note", note));
  g_assert_cmpint (run.status, ==, 0);
}

/* Saves /article from the server (serving @page) into @db, with the three
 * highlights; returns the article's id as clipper-cli printed it. */
static char *
save_with_highlights (const char *db, const char *page)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };
  g_autofree char *url = clipper_test_server_url (server, "/article");
  char *id;

  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page, -1);
  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", url));
  g_assert_cmpint (run.status, ==, 0);
  clipper_test_parse_id (run.out);
  id = g_strstrip (g_strdup (run.out));

  add_highlight (db, id, "never once had the lamp failed to shine over the harbour", "the lamp");
  add_highlight (db, id, "children learned to tell the time by its first flash across the water each night", "time");
  add_highlight (db, id, "saying that a machine could not love the sea", "my favourite line");
  return id;
}

/* The article's highlights (clipper-cli highlights --format json) are
 * those of page_after: two moved with their edited passages, one orphan
 * that kept its quote and note. */
static void
check_highlights_after (const char *db, const char *id)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };
  g_autoptr (JsonNode) list = NULL;
  JsonArray *hs;
  guint n_orphans = 0, n_updated = 0;

  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", id, "--format", "json"));
  g_assert_cmpint (run.status, ==, 0);
  list = clipper_test_parse_json (run.out);
  hs = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (hs), ==, 3);
  for (guint i = 0; i < json_array_get_length (hs); i++)
    {
      JsonObject *h = json_array_get_object_element (hs, i);
      const char *note = json_object_get_string_member (h, "note");

      if (!json_object_get_boolean_member (h, "anchored"))
        {
          n_orphans++;
          g_assert_cmpstr (note, ==, "my favourite line");
          g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==,
                           "saying that a machine could not love the sea");
        }
      else if (g_str_equal (note, "the lamp"))
        {
          n_updated++;
          g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==,
                           "never once had the great lamp failed to shine over the harbour");
          g_assert_cmpstr (json_object_get_string_member (h, "originalQuote"), ==,
                           "never once had the lamp failed to shine over the harbour");
        }
      else
        {
          n_updated++;
          g_assert_cmpstr (note, ==, "time");
          g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==,
                           "children learned to tell the time by its first flash across the water every night");
        }
    }
  g_assert_cmpuint (n_orphans, ==, 1);
  g_assert_cmpuint (n_updated, ==, 2);

  /* For people: a highlight the page changed under shows what it read
   * when it was made, under what it reads now; the others do not. */
  {
    g_auto (ClipperTestRun) text = { 0 };
    const char *now, *was;
    guint n_before = 0;

    clipper_test_run_cli (&text, &options, CLIPPER_TEST_ARGS ("highlights", id));
    g_assert_cmpint (text.status, ==, 0);
    now = strstr (text.out, "  “never once had the great lamp failed to shine over the harbour”\n");
    was = strstr (text.out, "  When highlighted: “never once had the lamp failed to shine over the harbour”\n");
    g_assert_nonnull (now);
    g_assert_true (was == now + strlen ("  “never once had the great lamp failed to shine over the harbour”\n"));
    g_assert_nonnull (strstr (text.out, "  “children learned to tell the time by its first flash across the water every night”\n"
                                        "  When highlighted: “children learned to tell the time by its first flash across "
                                        "the water each night”\n"));
    /* (Two, then: not the orphan, which reads as it did.) */
    for (const char *p = text.out; (p = strstr (p, "When highlighted")) != NULL; p++)
      n_before++;
    g_assert_cmpuint (n_before, ==, 2);
  }
}

static void
test_refetch (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  id = save_with_highlights (db, page_before);

  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page_after, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) counts = NULL;
    JsonObject *c;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    counts = clipper_test_parse_json (run.out);
    c = json_node_get_object (counts);
    g_assert_cmpint (json_object_get_int_member (c, "anchored"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (c, "exact"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (c, "fuzzy"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (c, "orphaned"), ==, 1);
    /* Both placed on edited words: the app says "2 highlights now read
     * differently". */
    g_assert_cmpint (json_object_get_int_member (c, "reworded"), ==, 2);
    g_assert_false (json_object_has_member (c, "error"));
  }
  check_highlights_after (db, id);

  /* Offline, from the page kept at refetch: nothing moves now, and the
   * orphan is said to be one already, not lost again (it said "orphaned 1"
   * at every refetch of an unchanged page, where the app says "no
   * highlight lost its place"). */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--offline"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 2 (2 exact, 0 fuzzy), orphaned 1 (1 already an orphan)\n");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) counts = NULL;
    JsonObject *c;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--offline", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    counts = clipper_test_parse_json (run.out);
    c = json_node_get_object (counts);
    g_assert_cmpint (json_object_get_int_member (c, "orphaned"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (c, "alreadyOrphaned"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (c, "placedAgain"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (c, "reworded"), ==, 0);
  }
  /* --all: every article in turn; one that fails is said, the others go on. */
  {
    g_autofree char *file = g_build_filename (dir, "second.html", NULL);
    g_autofree char *id2 = NULL;
    g_autofree char *summary = NULL;
    g_autoptr (JsonNode) all = NULL;
    JsonArray *results;

    g_assert_true (g_file_set_contents (file, page_before, -1, NULL));
    {
      g_auto (ClipperTestRun) run = { 0 };

      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", file));
      g_assert_cmpint (run.status, ==, 0);
      clipper_test_parse_id (run.out);
      id2 = g_strstrip (g_strdup (run.out));
    }
    add_highlight (db, id2, "a book of tide tables under his arm", "tables");

    {
      g_auto (ClipperTestRun) run = { 0 };

      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all", "--offline"));
      g_assert_cmpint (run.status, ==, 0);
      summary = g_strdup_printf ("%s: anchored 2 (2 exact, 0 fuzzy), orphaned 1 (1 already an orphan)\n"
                                 "%s: anchored 1 (1 exact, 0 fuzzy), orphaned 0\n"
                                 "2 articles updated, 0 failed; anchored 3 (3 exact, 0 fuzzy), orphaned 1 "
                                 "(1 already an orphan)\n",
                                 id, id2);
      g_assert_cmpstr (run.out, ==, summary);
    }

    /* The second one's file went away: it fails, the first is updated. */
    g_assert_cmpint (g_unlink (file), ==, 0);
    {
      g_auto (ClipperTestRun) run = { 0 };

      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all", "--format", "json"));
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "1 of 2 articles could not be updated"));
      all = clipper_test_parse_json (run.out);
    }
    results = json_node_get_array (all);
    g_assert_cmpuint (json_array_get_length (results), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "anchored"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "orphaned"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1), "articleId"), ==,
                     g_ascii_strtoll (id2, NULL, 10));
    g_assert_false (json_object_has_member (json_array_get_object_element (results, 1), "anchored"));
    g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (results, 1), "error"),
                              "second.html"));

    /* An id and --all: a usage error. */
    {
      g_auto (ClipperTestRun) run = { 0 };

      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--all"));
      g_assert_cmpint (run.status, ==, 2);
    }
  }
  /* Bad ids fail clearly. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "999"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no article 999"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "abc"));
    g_assert_cmpint (run.status, ==, 2);
  }

  clipper_test_remove_tree (dir);
}

/* Highlights placed on edited words are said, as the app's Fetch Again
 * toast says them ("1 highlight now reads differently"): the text said
 * only "2 fuzzy", which the user could not read as "read them again". */
static void
test_refetch_reworded (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  id = save_with_highlights (db, page_before);

  /* One passage edited: one highlight reads differently. */
  {
    g_autoptr (GString) edited = g_string_new (page_before);
    g_auto (ClipperTestRun) run = { 0 };

    g_string_replace (edited, "had the lamp failed", "had the great lamp failed", 1);
    clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", edited->str, -1);
    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 3 (2 exact, 1 fuzzy; 1 now reads differently), orphaned 0\n");
  }
  /* Then page_after: the other edited one reads differently, the lamp's
   * reads as it did after the last refetch, and the last one is gone.
   * --all sums them up. */
  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page_after, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all"));
    g_assert_cmpint (run.status, ==, 0);
    expected = g_strdup_printf ("%s: anchored 2 (1 exact, 1 fuzzy; 1 now reads differently), orphaned 1\n"
                                "1 article updated, 0 failed; anchored 2 (1 exact, 1 fuzzy; 1 now reads "
                                "differently), orphaned 1\n", id);
    g_assert_cmpstr (run.out, ==, expected);
  }
  clipper_test_remove_tree (dir);
}

/* Where /story leads once the site moved it: another article. */
static const char *page_other =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The night baker</title></head><body><article>"
  "<h1>The night baker</h1>"
  "<p>Every loaf in the shop on Mill Street is shaped by hand between two and five in the morning, "
  "when the ovens are hottest and the street outside is empty.</p>"
  "<p>The baker learned the trade from her grandmother, who kept a sourdough starter alive through "
  "two wars and a move across the mountains in a borrowed cart.</p>"
  "</article></body></html>";

/* The article's title and text, from `show --format json`. */
static char *
dup_title_and_text (const char *db, const char *id)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *o;

  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("show", id, "--format", "json"));
  g_assert_cmpint (run.status, ==, 0);
  node = clipper_test_parse_json (run.out);
  o = json_node_get_object (node);
  return g_strconcat (json_object_get_string_member (o, "title"), "\n", json_object_get_string_member (o, "text"),
                      NULL);
}

/* A page that now redirects to another article is not written over the
 * saved one: refetch exits 1 and says what it found and how to replace it
 * anyway; --all says so and goes on; --replace replaces it. */
static void
test_refetch_other_article (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  url = clipper_test_server_url (server, "/story");
  clipper_test_server_add (server, "/story", 200, "text/html; charset=utf-8", page_before, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", url));
    g_assert_cmpint (run.status, ==, 0);
    clipper_test_parse_id (run.out);
    id = g_strstrip (g_strdup (run.out));
  }
  add_highlight (db, id, "never once had the lamp failed to shine over the harbour", "the lamp");
  add_highlight (db, id, "children learned to tell the time by its first flash", "time");
  before = dup_title_and_text (db, id);

  clipper_test_server_add (server, "/baker", 200, "text/html; charset=utf-8", page_other, -1);
  clipper_test_server_add (server, "/story", 302, NULL, "/baker", -1);
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *after = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    expected = g_strdup_printf ("clipper-cli: article %s ('The keeper') was left as it was: the page at '%s' now "
                                "holds 'The night baker', which keeps 0%% of the saved text, and 2 of the 2 "
                                "highlights placed on it would lose their place; 'clipper-cli refetch %s "
                                "--replace' replaces it anyway\n",
                                id, url, id);
    g_assert_cmpstr (run.err, ==, expected);
    after = dup_title_and_text (db, id);
    g_assert_cmpstr (after, ==, before);
  }
  /* The page kept is still the article's own: re-read offline, it is. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--offline"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 2 (2 exact, 0 fuzzy), orphaned 0\n");
  }
  /* --all says so on the article's line and goes on; exit 1. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *after = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, id));
    g_assert_nonnull (strstr (run.out, ": failed: article "));
    g_assert_nonnull (strstr (run.out, "now holds 'The night baker'"));
    g_assert_nonnull (strstr (run.err, "1 of 1 articles' pages no longer hold the saved article (see above); "
                                       "'clipper-cli refetch ID --replace' replaces one anyway"));
    after = dup_title_and_text (db, id);
    g_assert_cmpstr (after, ==, before);
  }
  /* --replace is for one article the user looked at: with --all it would
   * replace every page that became something else, unseen. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *after = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all", "--replace"));
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--replace"));
    after = dup_title_and_text (db, id);
    g_assert_cmpstr (after, ==, before);
  }
  /* Asked for: replaced, the highlights orphans with their notes. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) counts = NULL;
    g_autofree char *after = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--replace", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    counts = clipper_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (counts), "orphaned"), ==, 2);
    after = dup_title_and_text (db, id);
    g_assert_true (g_str_has_prefix (after, "The night baker\n"));
  }

  clipper_test_remove_tree (dir);
}

/* Adds @target to @db, highlights @quote in it and returns its id. */
static char *
add_and_highlight (const char *db, const char *target, const char *quote)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };
  char *id;

  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", target));
  g_assert_cmpint (run.status, ==, 0);
  clipper_test_parse_id (run.out);
  id = g_strstrip (g_strdup (run.out));
  add_highlight (db, id, quote, "why");
  return id;
}

/* `show ID --format json` of @db's article @id. */
static JsonNode *
show_json (const char *db, const char *id)
{
  g_auto (ClipperTestRun) run = { 0 };
  ClipperTestCliOptions options = { .db_path = db };

  clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("show", id, "--format", "json"));
  g_assert_cmpint (run.status, ==, 0);
  return clipper_test_parse_json (run.out);
}

/* Re-extracted offline, an article saved from plain text (a file, or a
 * text/plain response) is read as text again, however many "<" it has:
 * its text, its HTML and its highlight come back as they were.  An HTML
 * page that does not start with a tag stays HTML. */
static void
test_refetch_offline_text (void)
{
  static const char *rfc =
    "Key words for use in RFCs\n"
    "\n"
    "RFC 2119 <https://www.rfc-editor.org/info/rfc2119> says what MUST and SHOULD mean.\n"
    "\n"
    "A value a < b holds when the header <Content-Type> is set, and\n"
    "    #include <stdio.h>\n"
    "is how the example program starts.\n"
    "\n"
    "From: Ada <ada@example.org>\n";
  static const char *fragment =
    "A note before the markup. <p>The harbour master kept a ledger of every boat that came in "
    "through the narrow channel, with its name, its catch and the hour of the tide.</p>"
    "<p>Nobody read the ledger but him, and when he retired it went to the museum by the quay, "
    "where it lies open at the page of the great storm.</p>";
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text_url = NULL;
  g_autofree char *html_url = NULL;
  ClipperTestCliOptions options = { 0 };
  struct {
    const char *target;
    const char *quote;
    char       *id;
    JsonNode   *before;
  } articles[3] = { { 0 } };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  file = g_build_filename (dir, "rfc.txt", NULL);
  options.db_path = db;
  g_assert_true (g_file_set_contents (file, rfc, -1, NULL));
  clipper_test_server_add (server, "/rfc", 200, "text/plain; charset=utf-8", rfc, -1);
  clipper_test_server_add (server, "/fragment", 200, "text/html; charset=utf-8", fragment, -1);
  text_url = clipper_test_server_url (server, "/rfc");
  html_url = clipper_test_server_url (server, "/fragment");
  articles[0].target = file;
  articles[0].quote = "the header <Content-Type> is set";
  articles[1].target = text_url;
  articles[1].quote = "RFC 2119 <https://www.rfc-editor.org/info/rfc2119> says";
  articles[2].target = html_url;
  articles[2].quote = "a ledger of every boat";

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      articles[i].id = add_and_highlight (db, articles[i].target, articles[i].quote);
      articles[i].before = show_json (db, articles[i].id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };
      g_autoptr (JsonNode) after = NULL;
      JsonObject *was = json_node_get_object (articles[i].before);
      JsonObject *is;
      JsonObject *h;

      clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", articles[i].id, "--offline"));
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "anchored 1 (1 exact, 0 fuzzy), orphaned 0\n");
      after = show_json (db, articles[i].id);
      is = json_node_get_object (after);
      g_assert_cmpstr (json_object_get_string_member (is, "text"), ==, json_object_get_string_member (was, "text"));
      g_assert_cmpstr (json_object_get_string_member (is, "html"), ==, json_object_get_string_member (was, "html"));
      g_assert_cmpstr (json_object_get_string_member (is, "title"), ==, json_object_get_string_member (was, "title"));
      h = json_array_get_object_element (json_object_get_array_member (is, "highlights"), 0);
      g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==, articles[i].quote);
      g_free (articles[i].id);
      json_node_unref (articles[i].before);
    }

  clipper_test_remove_tree (dir);
}

/* Replaces the one @from in @s by @to. */
static char *
replace_once (const char *s, const char *from, const char *to)
{
  const char *at = strstr (s, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  return g_strdup_printf ("%.*s%s%s", (int) (at - s), s, to, at + strlen (from));
}

/* wapo-2 saved before the extractor collapsed white space (30 November
 * 2026): its text and HTML kept the page's source line breaks and
 * indentation and its soft hyphens, and its highlights' quotes have them.
 * Re-extracted offline, every highlight is placed again on the collapsed
 * text, none orphaned, and reads as the page shows it. */
static void
test_refetch_collapsed_white_space (void)
{
  static const struct {
    const char *now, *then;
  } old_spots[] = {
    { "he would seek", "he would\n                                seek" },
    { "Netanyahu\xe2\x80\x99s election-eve", "Netan\xc2\xadyahu\xe2\x80\x99s election-eve" },
    { "Vladimir Putin", "Vladi\xc2\xadmir Putin" },
  };
  static const struct {
    const char *then, *now;
  } quotes[] = {
    { "ago that he would\n                                seek \xe2\x80\x9creal breakthroughs",
      "ago that he would seek \xe2\x80\x9creal breakthroughs" },
    { "Netan\xc2\xadyahu\xe2\x80\x99s election-eve disavowal", "Netanyahu\xe2\x80\x99s election-eve disavowal" },
    { "Russian President Vladi\xc2\xadmir Putin, few foreign leaders",
      "Russian President Vladimir Putin, few foreign leaders" },
  };
  g_autoptr (GPtrArray) pages = clipper_test_corpus_pages ();
  g_autofree char *source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (JsonNode) list = NULL;
  ClipperTestCliOptions options = { 0 };
  JsonArray *hs;

  if (pages == NULL || clipper_test_skip_without_cli ())
    return;
  for (guint i = 0; i < pages->len && source == NULL; i++)
    if (g_str_has_suffix (g_ptr_array_index (pages, i), "/wapo-2"))
      source = g_build_filename (g_ptr_array_index (pages, i), "source.html", NULL);
  g_assert_nonnull (source);

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", source));
    g_assert_cmpint (run.status, ==, 0);
    clipper_test_parse_id (run.out);
    id = g_strstrip (g_strdup (run.out));
  }
  /* The article as the extractor wrote it before. */
  {
    g_autoptr (ClipperStore) store = clipper_test_open_store (db);
    g_autoptr (ClipperArticle) article = clipper_store_get_article (store, g_ascii_strtoll (id, NULL, 10), NULL);
    g_autofree char *html = g_strdup (clipper_article_get_html (article));
    g_autofree char *text = g_strdup (clipper_article_get_text (article));
    g_autoptr (GError) error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (old_spots); i++)
      {
        char *h = replace_once (html, old_spots[i].now, old_spots[i].then);
        char *t = replace_once (text, old_spots[i].now, old_spots[i].then);

        g_free (html);
        g_free (text);
        html = h;
        text = t;
      }
    clipper_article_set_html (article, html);
    clipper_article_set_text (article, text);
    g_assert_true (clipper_store_update_article (store, article, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    add_highlight (db, id, quotes[i].then, quotes[i].now);

  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all", "--offline"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "orphaned 1"));
    summary = g_strdup_printf ("%s: anchored 3 (", id);
    g_assert_true (g_str_has_prefix (run.out, summary));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", id, "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    list = clipper_test_parse_json (run.out);
  }
  hs = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (hs), ==, G_N_ELEMENTS (quotes));
  for (guint i = 0; i < json_array_get_length (hs); i++)
    {
      JsonObject *h = json_array_get_object_element (hs, i);

      g_assert_true (json_object_get_boolean_member (h, "anchored"));
      /* (The note says what the quote should now read.) */
      g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==, json_object_get_string_member (h, "note"));
    }
  /* Nor does any read as changed on the page: its words are the same. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", id));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "When highlighted"));
  }
  clipper_test_remove_tree (dir);
}

/* The library cannot be written by the time the new page's image comes:
 * refetch says the article was updated, prints how its highlights were
 * placed, says the images were not stored, and exits 1. */
static void
test_refetch_images_not_stored (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  g_autofree char *page = NULL;
  const char *image = "/late/img/lamp.png";

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  id = save_with_highlights (db, page_before);

  /* page_after with an image that comes a second late: by then the
   * article is written, and another connection holds the write lock. */
  {
    const char *end = strstr (page_after, "</article>");

    page = g_strdup_printf ("%.*s<figure><img src=\"%s\" alt=\"the lamp\"></figure>%s",
                            (int) (end - page_after), page_after, image, end);
  }
  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page, -1);

  /* The one article, then --all (the highlights are in place by then). */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (GSubprocess) cli = NULL;
      g_autoptr (ClipperStore) other = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      guint hits = clipper_test_server_get_hits (server, image);

      if (round == 0)
        cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                g_getenv ("CLIPPER_CLI"), "--db", db, "refetch", id, NULL);
      else
        cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                g_getenv ("CLIPPER_CLI"), "--db", db, "refetch", "--all", "--format", "json", NULL);
      g_assert_no_error (error);
      /* (A run that never asks for the image fails here, not by hanging.) */
      for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
           clipper_test_server_get_hits (server, image) == hits;)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (10 * 1000);
        }
      other = clipper_test_open_store (db);
      g_assert_true (clipper_store_begin (other, &error));
      g_assert_no_error (error);

      g_assert_true (g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      clipper_store_rollback (other);
      g_assert_true (g_subprocess_get_if_exited (cli));
      g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 1);
      if (round == 0)
        {
          g_assert_cmpstr (out, ==, "anchored 2 (0 exact, 2 fuzzy; 2 now read differently), orphaned 1\n");
          g_assert_nonnull (strstr (err, "was updated, but its images could not be stored"));
        }
      else
        {
          g_autoptr (JsonNode) all = clipper_test_parse_json (out);
          JsonObject *c;

          g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 1);
          c = json_array_get_object_element (json_node_get_array (all), 0);
          g_assert_cmpint (json_object_get_int_member (c, "anchored"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (c, "exact"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (c, "orphaned"), ==, 1);
          g_assert_nonnull (strstr (json_object_get_string_member (c, "error"), "images could not be stored"));
          g_assert_nonnull (strstr (err, "the images of 1 of 1 articles could not be stored"));
          g_assert_null (strstr (err, "could not be updated"));
        }
    }

  check_highlights_after (db, id);
  clipper_test_remove_tree (dir);
}

/* An image of the new page that is not there does not fail the refetch;
 * it is said, as `add` says it. */
static void
test_refetch_images_missing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  g_autofree char *page = NULL;
  const char *end = strstr (page_after, "</article>");

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  id = save_with_highlights (db, page_before);
  page = g_strdup_printf ("%.*s<figure><img src=\"/img/gone.png\" alt=\"the old pier\"></figure>%s",
                          (int) (end - page_after), page_after, end);
  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page, -1);

  {
    g_auto (ClipperTestRun) run = { 0 };
    ClipperTestCliOptions options = { .db_path = db };
    g_autofree char *said = g_strdup_printf ("clipper-cli: article %s was updated, but 1 image could not be "
                                             "downloaded (clipper-cli refetch %s tries again)\n", id, id);

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 2 (0 exact, 2 fuzzy; 2 now read differently), orphaned 1\n");
    g_assert_cmpstr (run.err, ==, said);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    ClipperTestCliOptions options = { .db_path = db };
    g_autoptr (JsonNode) all = NULL;
    JsonObject *c;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    all = clipper_test_parse_json (run.out);
    c = json_array_get_object_element (json_node_get_array (all), 0);
    g_assert_cmpint (json_object_get_int_member (c, "imagesMissing"), ==, 1);
    g_assert_nonnull (strstr (run.err, "1 image of 1 of 1 articles could not be downloaded"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    ClipperTestCliOptions options = { .db_path = db };
    g_autofree char *line = g_strdup_printf ("%s: anchored 2 (2 exact, 0 fuzzy), orphaned 1 (1 already an orphan); "
                                             "1 image could not be downloaded\n", id);

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, line));
    g_assert_nonnull (strstr (run.out, "\n1 article updated, 0 failed;"));
  }
  check_highlights_after (db, id);
  clipper_test_remove_tree (dir);
}

/* Session 21: a page that now puts its article behind a paywall gave
 * Fetch Again and refetch its teaser without a word, while add said it
 * may be only a preview.  The teaser is written (it keeps the text saved,
 * so it is not refused as another article), and refetch says so, in text,
 * in JSON and with --all. */
static void
test_refetch_paywall_preview (void)
{
  static const char *whole =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The Economy In 2027</title></head><body><article>"
    "<h1>The Economy In 2027</h1><p>Economists expect a slow year ahead as the markets cool after a long run of "
    "growth, and central banks weigh their next move carefully.</p></article></body></html>";
  static const char *teaser =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The Economy In 2027</title></head><body><article>"
    "<h1>The Economy In 2027</h1><p>Economists expect a slow year ahead as the markets cool after a long run of "
    "growth, and central banks weigh their next move carefully.</p><div class=\"paywall\"><h2>Subscribe to keep "
    "reading</h2><p>You have reached your limit of free articles this month.</p><a href=\"/sub\">Subscribe</a>"
    "</div></article></body></html>";
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-refetch-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  url = clipper_test_server_url (server, "/economy");
  clipper_test_server_add (server, "/economy", 200, "text/html; charset=utf-8", whole, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("add", url));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    clipper_test_parse_id (run.out);
    id = g_strstrip (g_strdup (run.out));
  }
  /* The whole page again says nothing of a preview. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) counts = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    counts = clipper_test_parse_json (run.out);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (counts), "preview"));
  }

  clipper_test_server_add (server, "/economy", 200, "text/html; charset=utf-8", teaser, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *said = g_strdup_printf ("clipper-cli: article %s was updated, but the page may be only a "
                                             "preview: it asks to subscribe\n", id);

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 0 (0 exact, 0 fuzzy), orphaned 0\n");
    g_assert_cmpstr (run.err, ==, said);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) counts = NULL;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id, "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    counts = clipper_test_parse_json (run.out);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (counts), "preview"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *line = g_strdup_printf ("%s: anchored 0 (0 exact, 0 fuzzy), orphaned 0; the page may be only "
                                             "a preview\n", id);

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", "--all"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, line));
    g_assert_cmpstr (run.err, ==, "clipper-cli: the pages of 1 of 1 articles may be only a preview (see above): "
                                  "they ask to subscribe\n");
  }
  clipper_test_remove_tree (dir);
}

/* The orphan's passage, rewritten past what re-anchoring places with
 * confidence; the last paragraph's highlight has no passage left. */
static const char *page_rewritten =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The keeper</title></head><body><article>"
  "<h1>The keeper</h1>"
  "<p>The lighthouse keeper climbed the stairs every evening at dusk, carrying a small brass "
  "lantern in his left hand and a book of tide tables under his arm.</p>"
  "<p>When the new automatic beacon was installed, the keeper was told he could retire. He "
  "refused, insisting a machine cannot love the sea the way he did.</p>"
  "</article></body></html>";

/* The highlight in @list (clipper-cli highlights --format json) whose note is @note. */
static JsonObject *
find_by_note (JsonNode *list, const char *note)
{
  JsonArray *hs = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (hs); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (hs, i), "note"), note) == 0)
      return json_array_get_object_element (hs, i);
  g_assert_not_reached ();
}

/* After a refetch, `highlights --orphans` names each orphan's closest
 * passage and `reattach` attaches it there (--suggested) or to a passage
 * given (--quote); an orphan whose passage went gets no suggestion. */
static void
test_reattach (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hid = NULL;
  g_autofree char *gone_id = NULL;
  ClipperTestCliOptions options = { 0 };

  if (clipper_test_skip_without_cli ())
    return;

  dir = clipper_test_make_tmp_dir ("clipper-reattach-XXXXXX");
  db = g_build_filename (dir, "library.db", NULL);
  options.db_path = db;
  id = save_with_highlights (db, page_before);
  clipper_test_server_add (server, "/article", 200, "text/html; charset=utf-8", page_rewritten, -1);
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("refetch", id));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "anchored 0 (0 exact, 0 fuzzy), orphaned 3\n");
  }

  /* The orphans with their suggestions: the rewritten sentence for one,
   * none for the two whose paragraphs went. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) list = NULL;
    JsonObject *h, *suggestion;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", id, "--orphans", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    list = clipper_test_parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 3);
    h = find_by_note (list, "my favourite line");
    suggestion = json_object_get_object_member (h, "suggestion");
    g_assert_nonnull (suggestion);
    g_assert_nonnull (strstr (json_object_get_string_member (suggestion, "quote"), "a machine cannot love the sea"));
    hid = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (h, "id"));
    h = find_by_note (list, "the lamp");
    g_assert_true (json_object_has_member (h, "suggestion"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (h, "suggestion")));
    gone_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (h, "id"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *hint = g_strdup_printf ("clipper-cli reattach %s --suggested", hid);

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("highlights", "--orphans"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Closest passage: “"));
    g_assert_nonnull (strstr (run.out, hint));
  }

  /* Bad requests change nothing. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", hid));
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", hid, "--suggested", "--quote", "the keeper"));
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", "99999", "--suggested"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "there is no highlight 99999"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", gone_id, "--suggested"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "reads like highlight"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", gone_id, "--quote", "a lamp that is not there"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "the quote is not in article"));
  }

  /* --suggested: attached to the rewritten sentence, note and first quote kept. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) node = NULL;
    JsonObject *h;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", hid, "--suggested", "--format", "json"));
    g_assert_cmpint (run.status, ==, 0);
    node = clipper_test_parse_json (run.out);
    h = json_node_get_object (node);
    g_assert_true (json_object_get_boolean_member (h, "anchored"));
    g_assert_nonnull (strstr (json_object_get_string_member (h, "quote"), "a machine cannot love the sea"));
    g_assert_cmpstr (json_object_get_string_member (h, "originalQuote"), ==,
                     "saying that a machine could not love the sea");
    g_assert_cmpstr (json_object_get_string_member (h, "note"), ==, "my favourite line");
  }
  /* A highlight in its place has no suggestion to take: said, nothing moves. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", hid, "--suggested"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is not an orphan"));
  }
  /* --quote: to the passage given. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_auto (ClipperTestRun) list_run = { 0 };
    g_autoptr (JsonNode) list = NULL;
    JsonObject *h;

    clipper_test_run_cli (&run, &options, CLIPPER_TEST_ARGS ("reattach", gone_id, "--quote", "a small brass lantern"));
    g_assert_cmpint (run.status, ==, 0);
    {
      g_autofree char *said = g_strdup_printf ("Attached highlight %s to “a small brass lantern”\n", gone_id);

      g_assert_cmpstr (run.out, ==, said);
    }
    clipper_test_run_cli (&list_run, &options, CLIPPER_TEST_ARGS ("highlights", id, "--format", "json"));
    list = clipper_test_parse_json (list_run.out);
    h = find_by_note (list, "the lamp");
    g_assert_true (json_object_get_boolean_member (h, "anchored"));
    g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==, "a small brass lantern");
    {
      g_auto (ClipperTestRun) show = { 0 };
      g_autoptr (JsonNode) article = NULL;
      const char *text;

      clipper_test_run_cli (&show, &options, CLIPPER_TEST_ARGS ("show", id, "--format", "json"));
      article = clipper_test_parse_json (show.out);
      text = json_object_get_string_member (json_node_get_object (article), "text");
      g_assert_cmpint (json_object_get_int_member (h, "start"), ==,
                       g_utf8_pointer_to_offset (text, strstr (text, "a small brass lantern")));
    }
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (h, "suggestion")));
  }
  clipper_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = clipper_test_server_new ();
  g_test_add_func ("/cli/refetch", test_refetch);
  g_test_add_func ("/cli/refetch-reworded", test_refetch_reworded);
  g_test_add_func ("/cli/refetch-other-article", test_refetch_other_article);
  g_test_add_func ("/cli/refetch-images-not-stored", test_refetch_images_not_stored);
  g_test_add_func ("/cli/refetch-images-missing", test_refetch_images_missing);
  g_test_add_func ("/cli/refetch-paywall-preview", test_refetch_paywall_preview);
  g_test_add_func ("/cli/refetch-offline-text", test_refetch_offline_text);
  g_test_add_func ("/cli/refetch-collapsed-white-space", test_refetch_collapsed_white_space);
  g_test_add_func ("/cli/reattach", test_reattach);
  ret = g_test_run ();
  clipper_test_server_free (server);
  return ret;
}
