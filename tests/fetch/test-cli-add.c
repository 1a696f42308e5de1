/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli add URL|FILE (and extract, which takes its argument by the
 * same rule), end to end: a real SoupServer on 127.0.0.1 on
 * its own thread, real files in a temporary folder, the real clipper-cli
 * binary ($CLIPPER_CLI) in a subprocess, and the SQLite library it writes,
 * read back through the store API.
 */
#define G_LOG_DOMAIN "clipper-test"

#include "clipper-extractor.h"
#include "clipper-store.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-test-server.h"
#include "clipper-test-util.h"

#define PARAGRAPHS \
  "<p>The lighthouse keeper wrote in the log every evening at six, whatever the weather, and the " \
  "entries from that winter are the only record we have of the storm that took the pier.</p>" \
  "<p>His handwriting grows smaller as the nights grow longer, as if he were saving paper, or " \
  "saving himself the trouble of saying more than the sea had already said.</p>"

static const char article_html[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>The Keeper's Log</title>"
  "<meta name=\"author\" content=\"Grace Darling\">"
  "</head><body><article><h1>The Keeper's Log</h1>"
  PARAGRAPHS
  "<p><img src=\"/img/lamp.png\" alt=\"the lamp\"></p>"
  PARAGRAPHS
  "<p><img src=\"/img/gone.png\" alt=\"gone\"></p>"
  "</article></body></html>";

/* A 20×20 blue PNG written into the page. */
#define INLINE_PNG "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAGUlEQVR4nGNgYPhPARrVPKp5VPOo5gHVDAAUwI6AVu8gqwAAAABJRU5ErkJggg=="

typedef struct {
  ClipperTestServer *server;
  char              *dir;
  char              *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = clipper_test_make_tmp_dir ("clipper-cli-add-XXXXXX");
  f->db = g_build_filename (f->dir, "library.db", NULL);
  f->server = clipper_test_server_new ();
  clipper_test_server_add (f->server, "/article.html", 200, "text/html; charset=utf-8", article_html, -1);
  clipper_test_server_add (f->server, "/img/lamp.png", 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (f->server, "/paper.pdf", 200, "application/pdf", "%PDF-1.4\n", -1);
  clipper_test_server_add (f->server, "/nav-only.html", 200, "text/html",
                           "<html><head><title>Nav only</title></head><body><nav><a href=\"/\">Home</a></nav>"
                           "<footer>Copyright</footer></body></html>", -1);
  clipper_test_server_add (f->server, "/sign-in.html", 200, "text/html",
                           "<html><head><title>Sign in</title></head><body><nav><a href=\"/\">Home</a></nav>"
                           "<form><label>Email <input name=\"e\"></label><label>Password <input type=\"password\">"
                           "</label><button>Sign in</button></form><footer>Copyright</footer></body></html>", -1);
  clipper_test_server_add (f->server, "/login-wall.html", 200, "text/html",
                           "<html><head><title>Sign in - Example News</title></head><body><nav><a href=\"/\">Home"
                           "</a></nav><main><h1>Sign in to continue reading</h1><form><label>Email address<input "
                           "type=\"email\"></label><label>Password<input type=\"password\"></label><button>Sign "
                           "in</button></form><p>Don't have an account? <a href=\"/sub\">Subscribe</a> for "
                           "$1/week.</p></main><footer>(c) Example</footer></body></html>", -1);
  clipper_test_server_add (f->server, "/paywall.html", 200, "text/html",
                           "<html><head><title>The Economy In 2027</title></head><body><article><h1>The Economy "
                           "In 2027</h1><p>Economists expect a slow year ahead as the markets cool after a long "
                           "run of growth, and central banks weigh their next move carefully.</p><div "
                           "class=\"paywall\"><h2>Subscribe to keep reading</h2><p>You have reached your limit "
                           "of free articles this month.</p><a href=\"/sub\">Subscribe</a></div></article>"
                           "</body></html>", -1);
  clipper_test_server_add (f->server, "/inline.html", 200, "text/html",
                           "<html><head><title>Charts</title></head><body><article><h1>Charts</h1>" PARAGRAPHS
                           "<p><img src=\"" INLINE_PNG "\" alt=\"A data URL image\"></p>" PARAGRAPHS
                           "</article></body></html>", -1);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->server, clipper_test_server_free);
  clipper_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* Runs clipper-cli --db DB ARGS… in @cwd (NULL: ours) and waits; the test
 * server keeps answering on its own thread meanwhile. */
static void
run_cli_in (Fixture *f, ClipperTestRun *run, const char *cwd, const char *const *args)
{
  ClipperTestCliOptions options = { .db_path = f->db, .cwd = cwd };

  clipper_test_run_cli (run, &options, args);
}

#define RUN(f, run, ...) run_cli_in ((f), (run), NULL, (const char *const[]) { __VA_ARGS__, NULL })

/* `clipper-cli add ARGS…` in @cwd (NULL: ours) saves a new article:
 * exit status 0, the id on stdout, and on stderr only that one image
 * could not be downloaded (every page here shows one that is not there;
 * QA finding 4: it was dropped without a word). */
static gint64
add_new (Fixture *f, const char *cwd, const char *const *args)
{
  g_auto(ClipperTestRun) run = { 0 };
  g_autofree char *expected = NULL;
  gint64 id;

  run_cli_in (f, &run, cwd, args);
  g_assert_cmpint (run.status, ==, 0);
  id = clipper_test_parse_id (run.out);
  expected = g_strdup_printf ("clipper-cli: article %" G_GINT64_FORMAT " was saved, but 1 image could not be "
                              "downloaded (clipper-cli refetch %" G_GINT64_FORMAT " tries again)\n", id, id);
  g_assert_cmpstr (run.err, ==, expected);
  return id;
}

/* `clipper-cli add ARGS…` finds the article @id already saved: the same
 * id, said on stderr, exit status 0. */
static void
add_existing (Fixture *f, gint64 id, const char *const *args)
{
  g_auto(ClipperTestRun) run = { 0 };

  run_cli_in (f, &run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (clipper_test_parse_id (run.out), ==, id);
  g_assert_nonnull (strstr (run.err, "already saved"));
  g_assert_null (strstr (run.err, "changed"));
}

/* `clipper-cli show ID --format json`, parsed. */
static JsonNode *
show_json (Fixture *f, gint64 id)
{
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_auto(ClipperTestRun) run = { 0 };
  JsonNode *root;

  RUN (f, &run, "show", id_str, "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  root = clipper_test_parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

/* What the library holds for article @id, through the store API: the
 * PNG at @image_url, nothing at @missing_url, and @page as the original. */
static void
assert_stored (Fixture *f, gint64 id, const char *image_url, const char *missing_url, const char *page)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  store = clipper_store_open (f->db, &error);
  g_assert_no_error (error);
  image = clipper_store_dup_image (store, id, image_url, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (image, NULL), g_bytes_get_size (image), clipper_test_png_bytes, clipper_test_png_size);
  g_assert_null (clipper_store_dup_image (store, id, missing_url, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  original = clipper_store_dup_original_page (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original), page, strlen (page));
}

static void
test_add_url (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *lamp = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  JsonObject *shown;
  JsonArray *tags;
  gint64 id;
  guint hits;

  if (clipper_test_skip_without_cli ())
    return;

  url = clipper_test_server_url (f->server, "/article.html");
  lamp = clipper_test_server_url (f->server, "/img/lamp.png");
  gone = clipper_test_server_url (f->server, "/img/gone.png");

  id = add_new (f, NULL, CLIPPER_TEST_ARGS ("add", url, "--tag", "sea"));

  /* show --format json has what the page said. */
  shown_node = show_json (f, id);
  shown = json_node_get_object (shown_node);
  g_assert_cmpstr (json_object_get_string_member (shown, "title"), ==, "The Keeper's Log");
  g_assert_cmpstr (json_object_get_string_member (shown, "byline"), ==, "Grace Darling");
  g_assert_cmpstr (json_object_get_string_member (shown, "url"), ==, url);
  tags = json_object_get_array_member (shown, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "sea");

  /* The image was stored, the missing one skipped; the original page kept. */
  assert_stored (f, id, lamp, gone, article_html);

  /* Again: the same article.  The page is fetched once, to tell whether
   * it changed (QA-p 5); it has not, and nothing more is said. */
  hits = clipper_test_server_get_hits (f->server, "/article.html");
  add_existing (f, id, CLIPPER_TEST_ARGS ("add", url));
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html"), ==, hits + 1);

  /* QA finding 12: a tracking link to it is the same article too. */
  {
    g_autofree char *tracked = clipper_test_server_url (f->server, "/article.html?utm_source=zzz&fbclid=1");

    add_existing (f, id, CLIPPER_TEST_ARGS ("add", tracked));
    g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html"), ==, hits + 2);
  }
}

/* QA-p 5: adding a page already saved, after it changed, said only
 * "already saved".  It says that the page has changed and how to update
 * the article, and replaces nothing. */
static void
test_add_changed_page (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) edited = g_string_new (article_html);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ClipperTestRun) run = { 0 };
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  url = clipper_test_server_url (f->server, "/article.html");
  id = add_new (f, NULL, CLIPPER_TEST_ARGS ("add", url));

  g_string_replace (edited, "every evening at six", "every evening at seven", 0);
  clipper_test_server_add (f->server, "/article.html", 200, "text/html; charset=utf-8", edited->str, -1);
  RUN (f, &run, "add", url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (clipper_test_parse_id (run.out), ==, id);
  expected = g_strdup_printf ("clipper-cli: '%s' is already saved as article %" G_GINT64_FORMAT "\n"
                              "clipper-cli: the page has changed since it was saved; "
                              "clipper-cli refetch %" G_GINT64_FORMAT " updates the article\n", url, id, id);
  g_assert_cmpstr (run.err, ==, expected);

  /* The saved text is as it was. */
  store = clipper_store_open (f->db, &error);
  g_assert_no_error (error);
  article = clipper_store_get_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_text (article), "every evening at six"));
  g_assert_null (strstr (clipper_article_get_text (article), "at seven"));
}

static void
test_add_url_errors (Fixture *f, gconstpointer data)
{
  struct {
    const char *path;
    const char *message;
  } cases[] = {
    { "/missing.html", "the server answered 404 Not Found for " },
    { "/paper.pdf", "is not a web page (content type application/pdf)" },
    { "/loop-a", "redirect loop" },
    /* QA finding 2: saved as an empty article, exit 0. */
    { "/nav-only.html", "no article found on this page" },
    /* QA finding (fifteenth session): saved as an article "Email Password". */
    { "/sign-in.html", "no article found on this page" },
    /* QA-p finding 1 (session 21): saved as "Don't have an account?
     * Subscribe for $1/week.", titled "Sign in to continue reading". */
    { "/login-wall.html", "no article found on this page" },
    /* QA-p finding 2: "cannot fetch …: Connection terminated unexpectedly",
     * taken for a network error. */
    { "/short", "/short stopped in the middle of the page: 122 bytes came, then the connection ended" },
  };

  if (clipper_test_skip_without_cli ())
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = clipper_test_server_url (f->server, cases[i].path);
      g_auto(ClipperTestRun) run = { 0 };

      RUN (f, &run, "add", url);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "clipper-cli: "));
      g_assert_nonnull (strstr (run.err, cases[i].message));
      /* One line. */
      g_assert_nonnull (strchr (run.err, '\n'));
      g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
    }

  /* Nothing was saved. */
  {
    g_auto(ClipperTestRun) run = { 0 };

    RUN (f, &run, "list", "--state", "all", "--format", "json");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  }
}

/* QA-p finding 4 (session 21): a paywall's teaser was saved as though
 * it were the article, without a word.  It is saved, and stderr says it
 * may be only a preview. */
static void
test_add_paywall_teaser (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_auto(ClipperTestRun) run = { 0 };
  g_autoptr(JsonNode) shown = NULL;
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  url = clipper_test_server_url (f->server, "/paywall.html");
  RUN (f, &run, "add", url);
  g_assert_cmpint (run.status, ==, 0);
  id = clipper_test_parse_id (run.out);
  expected = g_strdup_printf ("clipper-cli: article %" G_GINT64_FORMAT " was saved, but the page may be only "
                              "a preview: it asks to subscribe\n", id);
  g_assert_cmpstr (run.err, ==, expected);
  shown = show_json (f, id);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (shown), "text"),
                            "central banks weigh their next move carefully."));

  /* A whole article says nothing of the kind. */
  {
    g_autofree char *article = clipper_test_server_url (f->server, "/article.html");

    add_new (f, NULL, CLIPPER_TEST_ARGS ("add", article));
  }
}

/* QA-p finding 7 (session 21): a picture written into the page (a
 * data: URL) was dropped without a trace.  It is stored as a downloaded
 * image is, so that it reads offline; nothing is fetched for it, and it
 * is not missing.  Review S4 (session 21): it was stored under its whole
 * data: URL, which the article's HTML kept too; the HTML and the library
 * name it by the key of its bytes, and re-extracted from the stored page
 * (refetch --offline) it has the same key and is still there. */
static void
test_add_inline_picture (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *id_str = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *key = NULL;
  g_autofree char *img = NULL;
  g_auto(ClipperTestRun) run = { 0 };
  g_auto(ClipperTestRun) refetch = { 0 };
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) shown_again = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  const char *html;
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  expected = clipper_data_image_decode (INLINE_PNG, NULL, NULL, NULL);
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, expected);
  key = g_strconcat ("data:sha256,", sum, NULL);
  img = g_strdup_printf ("<img src=\"%s\" alt=\"A data URL image\">", key);

  url = clipper_test_server_url (f->server, "/inline.html");
  RUN (f, &run, "add", url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  id = clipper_test_parse_id (run.out);
  shown = show_json (f, id);
  html = json_object_get_string_member (json_node_get_object (shown), "html");
  g_assert_nonnull (strstr (html, img));
  g_assert_null (strstr (html, "base64"));

  store = clipper_store_open (f->db, &error);
  g_assert_no_error (error);
  image = clipper_store_dup_image (store, id, key, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_true (g_bytes_equal (image, expected));
  g_clear_pointer (&image, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  g_clear_object (&store);

  id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  RUN (f, &refetch, "refetch", id_str, "--offline");
  g_assert_cmpint (refetch.status, ==, 0);
  shown_again = show_json (f, id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown_again), "html"), ==, html);
  store = clipper_store_open (f->db, &error);
  g_assert_no_error (error);
  image = clipper_store_dup_image (store, id, key, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (image, expected));

  /* Only the page was asked for. */
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/inline.html"), ==, 1);
}

/* QA finding 15: "127.0.0.1:8765/article.html" was taken for a file ("no
 * such file"), "localhost:8765/article.html" for an unknown scheme, while
 * the app saves both.  clipper-cli follows the app's rule. */
static void
test_add_host_and_port (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  const char *host_port;
  g_autofree char *localhost = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  url = clipper_test_server_url (f->server, "/article.html");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  host_port = url + strlen ("http://");
  id = add_new (f, NULL, CLIPPER_TEST_ARGS ("add", host_port));
  shown_node = show_json (f, id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown_node), "url"), ==, url);

  /* localhost, another address of this machine's server: saved too. */
  localhost = g_strconcat ("localhost", strchr (host_port, ':'), NULL);
  g_assert_cmpint (add_new (f, NULL, CLIPPER_TEST_ARGS ("add", localhost)), !=, id);

  /* A file of that name in the current folder is still the file. */
  {
    g_autofree char *dir = g_build_filename (f->dir, "localhost:1", NULL);
    g_autofree char *path = g_build_filename (dir, "page.html", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *page = g_strdup_printf ("<html><head><title>Local</title></head><body><article>"
                                             PARAGRAPHS "<p><img src=\"gone.png\" alt=\"\"></p>"
                                             "</article></body></html>");
    g_autoptr(JsonNode) local_node = NULL;
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    g_file_set_contents (path, page, -1, &error);
    g_assert_no_error (error);
    id = add_new (f, f->dir, CLIPPER_TEST_ARGS ("add", "localhost:1/page.html"));
    local_node = show_json (f, id);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (local_node), "url"), ==, uri);
  }
}

/* A page saved to disk with its image beside it: `clipper-cli add
 * page.html` (a relative path, as people type it) takes the same path as a
 * URL, so the image is stored with the article, keyed by its file:// URL,
 * and the original page is kept. */
static void
test_add_local_page_with_image (Fixture *f, gconstpointer data)
{
  static const char page_html[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>The Keeper's Log</title></head><body><article><h1>The Keeper's Log</h1>"
    PARAGRAPHS
    "<p><img src=\"pic.png\" alt=\"the lamp\"></p>"
    PARAGRAPHS
    "<p><img src=\"not-there.png\" alt=\"gone\"></p>"
    "</article></body></html>";
  g_autofree char *page_path = g_build_filename (f->dir, "page.html", NULL);
  g_autofree char *pic_path = g_build_filename (f->dir, "pic.png", NULL);
  g_autofree char *gone_path = g_build_filename (f->dir, "not-there.png", NULL);
  g_autofree char *page_uri = g_filename_to_uri (page_path, NULL, NULL);
  g_autofree char *pic_uri = g_filename_to_uri (pic_path, NULL, NULL);
  g_autofree char *gone_uri = g_filename_to_uri (gone_path, NULL, NULL);
  g_autoptr(JsonNode) shown_node = NULL;
  g_autoptr(JsonNode) again_node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *shown;
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  g_file_set_contents (page_path, page_html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (pic_path, (const char *) clipper_test_png_bytes, clipper_test_png_size, &error);
  g_assert_no_error (error);

  id = add_new (f, f->dir, CLIPPER_TEST_ARGS ("add", "page.html", "--tag", "sea"));

  /* The article is the file's, and its HTML points at the image by the
   * URL it is stored under. */
  shown_node = show_json (f, id);
  shown = json_node_get_object (shown_node);
  g_assert_cmpstr (json_object_get_string_member (shown, "url"), ==, page_uri);
  g_assert_cmpstr (json_object_get_string_member (shown, "title"), ==, "The Keeper's Log");
  g_assert_nonnull (strstr (json_object_get_string_member (shown, "html"), pic_uri));

  /* The image beside the page was stored, the missing one skipped. */
  assert_stored (f, id, pic_uri, gone_uri, page_html);

  /* By its file:// URI it is the same article; a tag asked for on the way
   * is still added. */
  add_existing (f, id, CLIPPER_TEST_ARGS ("add", page_uri, "--tag", "lamp"));
  again_node = show_json (f, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (again_node),
                                                                         "tags")),
                    ==, 2);
}

/* `clipper-cli extract` in @cwd (NULL: ours) prints the article's text. */
static void
assert_extracts (Fixture *f, const char *cwd, const char *target)
{
  g_auto(ClipperTestRun) run = { 0 };

  run_cli_in (f, &run, cwd, CLIPPER_TEST_ARGS ("extract", target));
  if (run.status != 0)
    g_error ("clipper-cli extract %s: exit %d; stderr: %s", target, run.status, run.err);
  g_assert_nonnull (strstr (run.out, "The lighthouse keeper wrote in the log"));
}

/* extract takes its argument as add does: it took only http:// and
 * https:// for addresses and read "127.0.0.1:8765/page", "localhost:8765/page"
 * and file:// URIs as file names ("no such file").  The parameters that
 * only track a click are not sent, the others are; a file of the name
 * typed is still the file. */
static void
test_extract_address (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *localhost = NULL;
  g_autofree char *tracked = NULL;
  g_autofree char *paged = NULL;
  g_autofree char *upper = NULL;
  const char *host_port;
  guint hits;

  if (clipper_test_skip_without_cli ())
    return;

  url = clipper_test_server_url (f->server, "/article.html");
  host_port = url + strlen ("http://");
  hits = clipper_test_server_get_hits (f->server, "/article.html");
  assert_extracts (f, NULL, host_port);
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html"), ==, hits + 1);
  localhost = g_strconcat ("localhost", strchr (host_port, ':'), NULL);
  assert_extracts (f, NULL, localhost);
  upper = g_strconcat ("HTTP://", host_port, NULL);
  assert_extracts (f, NULL, upper);

  tracked = g_strconcat (host_port, "?utm_source=zzz&fbclid=1", NULL);
  assert_extracts (f, NULL, tracked);
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html?utm_source=zzz&fbclid=1"), ==,
                    0);
  paged = g_strconcat (host_port, "?page=2&utm_campaign=c", NULL);
  assert_extracts (f, NULL, paged);
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html?page=2"), ==, 1);
  g_assert_cmpuint (clipper_test_server_get_hits (f->server, "/article.html"), ==, hits + 5);

  /* A file:// URI, and a file named like an address in the current folder. */
  {
    g_autofree char *dir = g_build_filename (f->dir, "localhost:1", NULL);
    g_autofree char *path = g_build_filename (dir, "page.html", NULL);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    g_file_set_contents (path, article_html, -1, &error);
    g_assert_no_error (error);
    assert_extracts (f, NULL, uri);
    assert_extracts (f, f->dir, "localhost:1/page.html");
  }
}

/* A page saved from a file that names its web address, fetched again from
 * the web and then re-read from the library: the stored page is the web
 * page by then, its images stored under the web's addresses, but the
 * re-read resolved them (and its links) against the file's folder, so
 * that the article showed the file's copies and linked to local paths. */
static void
test_refetch_offline_after_online (Fixture *f, gconstpointer data)
{
  g_autofree char *web = clipper_test_server_url (f->server, "/tides/spring.html");
  g_autofree char *web_pic = clipper_test_server_url (f->server, "/tides/pic.png");
  g_autofree char *web_link = clipper_test_server_url (f->server, "/tides/neap.html");
  g_autofree char *page_path = g_build_filename (f->dir, "Spring tides.html", NULL);
  g_autofree char *pic_path = g_build_filename (f->dir, "pic.png", NULL);
  g_autofree char *page_uri = g_filename_to_uri (page_path, NULL, NULL);
  g_autofree char *html = NULL;
  g_autofree char *id_str = NULL;
  g_autoptr(JsonNode) online_node = NULL;
  g_autoptr(JsonNode) offline_node = NULL;
  g_autoptr(GError) error = NULL;
  const char *online_html, *offline_html;
  gint64 id;

  if (clipper_test_skip_without_cli ())
    return;

  html = g_strdup_printf ("<html><head><title>Spring tides</title><link rel=\"canonical\" href=\"%s\">"
                          "</head><body><article><h1>Spring tides</h1>" PARAGRAPHS
                          "<p><img src=\"pic.png\" alt=\"the pier\"></p>"
                          "<p>See <a href=\"neap.html\">neap tides</a>.</p>" PARAGRAPHS
                          "</article></body></html>", web);
  clipper_test_server_add (f->server, "/tides/spring.html", 200, "text/html", html, -1);
  clipper_test_server_add (f->server, "/tides/pic.png", 200, "image/png", clipper_test_png_bytes,
                           clipper_test_png_size);
  g_file_set_contents (page_path, html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (pic_path, (const char *) clipper_test_png_bytes, clipper_test_png_size, &error);
  g_assert_no_error (error);

  {
    g_auto(ClipperTestRun) run = { 0 };

    RUN (f, &run, "add", page_path);
    g_assert_cmpint (run.status, ==, 0);
    id = clipper_test_parse_id (run.out);
  }
  id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    g_auto(ClipperTestRun) run = { 0 };

    RUN (f, &run, "refetch", id_str);
    g_assert_cmpint (run.status, ==, 0);
  }
  online_node = show_json (f, id);
  online_html = json_object_get_string_member (json_node_get_object (online_node), "html");
  g_assert_nonnull (strstr (online_html, web_pic));
  g_assert_nonnull (strstr (online_html, web_link));

  /* Re-read, it is the page it was fetched as, with the same addresses. */
  {
    g_auto(ClipperTestRun) run = { 0 };

    RUN (f, &run, "refetch", id_str, "--offline");
    g_assert_cmpint (run.status, ==, 0);
  }
  offline_node = show_json (f, id);
  offline_html = json_object_get_string_member (json_node_get_object (offline_node), "html");
  g_assert_cmpstr (offline_html, ==, online_html);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (offline_node), "canonicalUrl"), ==,
                   page_uri);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-add/url", Fixture, NULL, fixture_set_up, test_add_url, fixture_tear_down);
  g_test_add ("/cli-add/changed-page", Fixture, NULL, fixture_set_up, test_add_changed_page, fixture_tear_down);
  g_test_add ("/cli-add/url-errors", Fixture, NULL, fixture_set_up, test_add_url_errors, fixture_tear_down);
  g_test_add ("/cli-add/paywall-teaser", Fixture, NULL, fixture_set_up, test_add_paywall_teaser, fixture_tear_down);
  g_test_add ("/cli-add/inline-picture", Fixture, NULL, fixture_set_up, test_add_inline_picture, fixture_tear_down);
  g_test_add ("/cli-add/host-and-port", Fixture, NULL, fixture_set_up, test_add_host_and_port, fixture_tear_down);
  g_test_add ("/cli-add/extract-address", Fixture, NULL, fixture_set_up, test_extract_address, fixture_tear_down);
  g_test_add ("/cli-add/local-page-images", Fixture, NULL, fixture_set_up, test_add_local_page_with_image,
              fixture_tear_down);
  g_test_add ("/cli-add/refetch-offline-after-online", Fixture, NULL, fixture_set_up,
              test_refetch_offline_after_online, fixture_tear_down);

  return g_test_run ();
}
