/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving articles: a real SoupServer on 127.0.0.1 (own thread), the real
 * extractor and a real SQLite library in a temporary folder.
 */
#define G_LOG_DOMAIN "clipper-test"

#include "clipper-saver.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-test-server.h"
#include "clipper-test-util.h"

static ClipperTestServer *server;

#define PARAGRAPHS \
  "<p>The river had been rising for three days before anyone in the valley thought to move the " \
  "grain stores to higher ground, and by then the lower road was already under water.</p>" \
  "<p>Farmers who had lived through the flood of the previous decade knew the signs: the birds " \
  "left the reeds, the wells tasted of silt, and the ferryman stopped taking passengers.</p>" \
  "<p>What follows is an account of the week the valley spent on the hill, pieced together from " \
  "letters, the parish register and the memories of those who were children at the time.</p>"

static const char article_html[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>The Week on the Hill</title>"
  "<meta name=\"author\" content=\"Ada Lovelace\">"
  "<meta property=\"og:site_name\" content=\"Valley Gazette\">"
  "</head><body><nav><a href=\"/\">Home</a></nav>"
  "<article><h1>The Week on the Hill</h1>"
  PARAGRAPHS
  "<figure><img src=\"/img/ok.png\" alt=\"the hill\"></figure>"
  PARAGRAPHS
  "<figure><img src=\"/img/missing.png\" alt=\"lost\"></figure>"
  "<p>In the end the water went down as quietly as it had come up.</p>"
  "</article><footer>© Gazette</footer></body></html>";

static const char cafe_1252_html[] =
  "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Caf\xe9 \x93Ol\xe9\x94</title></head>"
  "<body><article><h1>Caf\xe9 \x93Ol\xe9\x94</h1>"
  "<p>Le caf\xe9 co\xfbte 3 \x80 et la cr\xe8me br\xfbl\xe9" "e est d\xe9licieuse, na\xefvement.</p>"
  PARAGRAPHS
  "</article></body></html>";

/* A Russian page in windows-1251 that names no charset, as old pages are. */
static const char concert_1251_html[] =
  "<html><head><title>\xca\xee\xed\xf6\xe5\xf0\xf2 \xe2 \xec\xe0\xeb\xe5\xed\xfc\xea\xee\xec \xe3"
  "\xee\xf0\xee\xe4\xe5</title></head><body><article><h1>\xca\xee\xed\xf6\xe5\xf0\xf2 \xe2 \xec\xe0"
  "\xeb\xe5\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5</h1><p>\xdd\xf2\xee \xe4\xeb\xe8\xed\xed"
  "\xfb\xe9 \xe0\xe1\xe7\xe0\xf6 \xee \xf2\xee\xec, \xea\xe0\xea \xe2 \xec\xe0\xeb\xe5\xed\xfc\xea"
  "\xee\xec \xe3\xee\xf0\xee\xe4\xe5 \xed\xe0 \xf1\xe5\xe2\xe5\xf0\xe5 \xf1\xf2\xf0\xe0\xed\xfb "
  "\xef\xf0\xee\xf8\xb8\xeb \xea\xee\xed\xf6\xe5\xf0\xf2 \xed\xe0\xf0\xee\xe4\xed\xee\xe9 \xec\xf3"
  "\xe7\xfb\xea\xe8. \xc6\xe8\xf2\xe5\xeb\xe8 \xef\xf0\xe8\xf8\xeb\xe8 \xf6\xe5\xeb\xfb\xec\xe8 "
  "\xf1\xe5\xec\xfc\xff\xec\xe8, \xe0 \xe4\xe5\xf2\xe8 \xf2\xe0\xed\xf6\xe5\xe2\xe0\xeb\xe8 \xef"
  "\xe5\xf0\xe5\xe4 \xf1\xf6\xe5\xed\xee\xe9 \xe4\xee \xef\xee\xe7\xe4\xed\xe5\xe9 \xed\xee\xf7\xe8"
  ".</p><p>\xce\xf0\xe3\xe0\xed\xe8\xe7\xe0\xf2\xee\xf0\xfb \xf3\xe6\xe5 \xee\xe1\xe5\xf9\xe0\xfe"
  "\xf2, \xf7\xf2\xee \xe2 \xf1\xeb\xe5\xe4\xf3\xfe\xf9\xe5\xec \xe3\xee\xe4\xf3 \xf4\xe5\xf1\xf2"
  "\xe8\xe2\xe0\xeb\xfc \xef\xf0\xee\xe4\xeb\xe8\xf2\xf1\xff \xe4\xe2\xe0 \xe4\xed\xff, \xe8 \xef"
  "\xf0\xe8\xe3\xeb\xe0\xf8\xe0\xfe\xf2 \xec\xf3\xe7\xfb\xea\xe0\xed\xf2\xee\xe2 \xe8\xe7 \xf1\xee"
  "\xf1\xe5\xe4\xed\xe8\xf5 \xf1\xb8\xeb.</p></article></body></html>";

static const char plain_text[] = "Release notes 1.2\n\nFixed <script> escaping & more.\nSecond line.\n";

typedef struct {
  char         *dir;
  char         *db_path;
  ClipperStore *store;
  ClipperFetcher *fetcher;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = clipper_test_make_tmp_dir ("clipper-saver-XXXXXX");
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->store = clipper_test_open_store (f->db_path);
  f->fetcher = clipper_fetcher_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->fetcher);
  g_clear_object (&f->store);
  clipper_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* clipper_saver_save_sync() into @f's library, with no progress; the
 * report's parts the test asserts, each optional. */
static gboolean
save_page (Fixture            *f,
           const char         *url,
           const char *const  *tags,
           gint64             *out_id,
           gboolean           *out_existed,
           guint              *out_n_missing,
           GError            **error)
{
  ClipperSaveReport report;
  gboolean ok = clipper_saver_save_sync (f->store, f->fetcher, url, tags, CLIPPER_SAVER_SAVE_NONE, NULL, NULL, NULL,
                                         &report, error);

  *out_id = report.article_id;
  if (out_existed != NULL)
    *out_existed = report.existed;
  if (out_n_missing != NULL)
    *out_n_missing = report.n_images_missing;
  return ok;
}

/* clipper_saver_update_sync() of @f's library, its report's parts the
 * test asserts, each optional. */
static gboolean
update_page (Fixture                  *f,
             ClipperFetcher           *fetcher,
             gint64                    id,
             ClipperSaverUpdateFlags   flags,
             ClipperReanchorCounts    *out_counts,
             guint                    *out_n_missing,
             GError                  **error)
{
  ClipperSaveReport report;
  gboolean ok = clipper_saver_update_sync (f->store, fetcher, id, flags, NULL, &report, error);

  if (out_counts != NULL)
    *out_counts = report.counts;
  if (out_n_missing != NULL)
    *out_n_missing = report.n_images_missing;
  return ok;
}

static guint
count_articles (ClipperStore *store)
{
  ClipperListQuery query = { .state = CLIPPER_STATE_FILTER_ALL };
  g_autoptr(GError) error = NULL;
  guint count = 0;

  clipper_store_count_articles (store, &query, &count, &error);
  g_assert_no_error (error);
  return count;
}

static void
test_save_article (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/article.html");
  g_autofree char *ok_url = clipper_test_server_url (server, "/img/ok.png");
  g_autofree char *missing_url = clipper_test_server_url (server, "/img/missing.png");
  g_autofree char *image_type = NULL;
  gboolean existed = TRUE;
  guint n_missing = 0;
  gint64 id = 0, again = 0;
  const char *tags[] = { "history", NULL };

  g_assert_true (save_page (f, url, tags, &id, &existed, &n_missing, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (existed);
  /* QA finding 4: the image that failed was dropped without a word. */
  g_assert_cmpuint (n_missing, ==, 1);

  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, url);
  g_assert_null (clipper_article_get_canonical_url (article));
  g_assert_cmpstr (clipper_article_get_title (article), ==, "The Week on the Hill");
  g_assert_cmpstr (clipper_article_get_byline (article), ==, "Ada Lovelace");
  g_assert_cmpstr (clipper_article_get_site_name (article), ==, "Valley Gazette");
  g_assert_cmpstr (clipper_article_get_lang (article), ==, "en");
  g_assert_nonnull (strstr (clipper_article_get_text (article), "the grain stores to higher ground"));
  g_assert_null (strstr (clipper_article_get_text (article), "Gazette\n"));
  g_assert_cmpuint (clipper_article_get_word_count (article), >, 100);
  /* The HTML keeps the images' absolute URLs; the reader maps them to the store. */
  g_assert_nonnull (strstr (clipper_article_get_html (article), ok_url));
  g_assert_cmpstrv (clipper_article_get_tags (article), tags);

  /* The original page, byte for byte. */
  original = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                   article_html, strlen (article_html));

  /* One image stored, the 404 one skipped without failing the save. */
  image = clipper_store_dup_image (f->store, id, ok_url, &image_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image_type, ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (image, NULL), g_bytes_get_size (image), clipper_test_png_bytes, clipper_test_png_size);
  g_assert_null (clipper_store_dup_image (f->store, id, missing_url, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/img/missing.png"), >=, 1);

  /* The same URL again: the existing id, nothing fetched, the new tag added. */
  {
    guint page_hits = clipper_test_server_get_hits (server, "/article.html");
    const char *more_tags[] = { "floods", NULL };
    const char *all_tags[] = { "floods", "history", NULL };
    g_autoptr(ClipperArticle) tagged = NULL;

    g_assert_true (save_page (f, url, more_tags, &again, &existed, &n_missing, &error));
    g_assert_no_error (error);
    g_assert_cmpint (again, ==, id);
    g_assert_true (existed);
    g_assert_cmpuint (n_missing, ==, 0);
    g_assert_cmpuint (clipper_test_server_get_hits (server, "/article.html"), ==, page_hits);
    g_assert_cmpuint (count_articles (f->store), ==, 1);
    tagged = clipper_store_get_article (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstrv (clipper_article_get_tags (tagged), all_tags);
  }
}

static void
test_save_redirected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *start = clipper_test_server_url (server, "/redirect/2");
  g_autofree char *final = clipper_test_server_url (server, "/page.html");
  gboolean existed = TRUE;
  gint64 id = 0, again = 0;

  g_assert_true (save_page (f, start, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, start);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, final);

  /* The page it led to is the same article. */
  g_assert_true (save_page (f, final, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
}

static void
test_save_charset (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/cafe.html");
  gint64 id = 0;

  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Café “Olé”");
  g_assert_nonnull (strstr (clipper_article_get_text (article), "Le café coûte 3 € et la crème brûlée"));
  /* The original stays in its own charset. */
  original = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                   cafe_1252_html, strlen (cafe_1252_html));
}

/* Saving a file that names no charset: the bytes decide, so an old Russian
 * page is stored readable rather than as "Ýòî äëèííûé àáçàö". */
static void
test_save_unlabelled_charset (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *path = g_build_filename (f->dir, "concert.html", NULL);
  gint64 id = 0;

  g_file_set_contents (path, concert_1251_html, -1, &error);
  g_assert_no_error (error);
  g_assert_true (save_page (f, path, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Концерт в маленьком городе");
  g_assert_nonnull (strstr (clipper_article_get_text (article), "Это длинный абзац"));
  g_assert_nonnull (strstr (clipper_article_get_text (article), "соседних сёл."));
  /* The original is kept as it was, in its own charset. */
  original = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                   concert_1251_html, strlen (concert_1251_html));
}

static void
test_save_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/notes.txt");
  gint64 id = 0;

  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Release notes 1.2");
  g_assert_nonnull (strstr (clipper_article_get_html (article), "<pre>"));
  g_assert_nonnull (strstr (clipper_article_get_html (article), "&lt;script&gt;"));
  g_assert_nonnull (strstr (clipper_article_get_text (article), "Fixed <script> escaping & more.\nSecond line."));
}

static void
test_save_local_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *page_dir = g_build_filename (f->dir, "saved page", NULL);
  g_autofree char *img_dir = g_build_filename (page_dir, "img", NULL);
  g_autofree char *page_path = g_build_filename (page_dir, "story.html", NULL);
  g_autofree char *img_path = g_build_filename (img_dir, "photo.png", NULL);
  g_autofree char *page_uri = NULL, *img_uri = NULL;
  static const char local_html[] =
    "<html><head><title>Local story</title></head><body><article><h1>Local story</h1>"
    PARAGRAPHS "<img src=\"img/photo.png\">" PARAGRAPHS "</article></body></html>";
  gint64 id = 0, again = 0;
  gboolean existed = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (img_dir, 0700), ==, 0);
  g_file_set_contents (page_path, local_html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (img_path, (const char *) clipper_test_png_bytes, clipper_test_png_size, &error);
  g_assert_no_error (error);
  page_uri = g_filename_to_uri (page_path, NULL, NULL);
  img_uri = g_filename_to_uri (img_path, NULL, NULL);

  g_assert_true (save_page (f, page_path, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, page_uri);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Local story");

  /* The relative image was read from disk, keyed by its file:// URL. */
  image = clipper_store_dup_image (f->store, id, img_uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (image), ==, clipper_test_png_size);

  /* The file:// URI of the same file is the same article. */
  g_assert_true (save_page (f, page_uri, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
}

static void
test_remote_page_cannot_read_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *secret = g_build_filename (f->dir, "secret.png", NULL);
  g_autofree char *secret_uri = NULL;
  g_autofree char *html = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/sneaky.html");
  gint64 id = 0;

  g_file_set_contents (secret, (const char *) clipper_test_png_bytes, clipper_test_png_size, &error);
  g_assert_no_error (error);
  secret_uri = g_filename_to_uri (secret, NULL, NULL);
  html = g_strdup_printf ("<html><head><title>Sneaky</title></head><body><article>%s"
                          "<img src=\"%s\">%s</article></body></html>", PARAGRAPHS, secret_uri, PARAGRAPHS);
  clipper_test_server_add (server, "/sneaky.html", 200, "text/html", html, -1);

  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  image = clipper_store_dup_image (f->store, id, secret_uri, NULL, &error);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_null (image);
}

/* An image that never comes holds the save no longer than the timeout,
 * and the images that did come are kept. */
static void
test_slow_image (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/slow-image.html");
  g_autofree char *ok_url = clipper_test_server_url (server, "/img/ok.png");
  gint64 start = g_get_monotonic_time ();
  guint n_missing = 0;
  gint64 id = 0;

  clipper_test_server_add (server, "/slow-image.html", 200, "text/html",
                   "<html><head><title>Slow</title></head><body><article>" PARAGRAPHS
                   "<img src=\"/slow\"><img src=\"/img/ok.png\">" PARAGRAPHS "</article></body></html>", -1);
  clipper_fetcher_set_timeout (f->fetcher, 1);
  g_assert_true (save_page (f, url, NULL, &id, NULL, &n_missing, &error));
  g_assert_no_error (error);
  /* The one that timed out is said to be missing. */
  g_assert_cmpuint (n_missing, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  image = clipper_store_dup_image (f->store, id, ok_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
}

static void
test_failures_write_nothing (Fixture *f, gconstpointer data)
{
  struct {
    const char *path;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "/missing.html", 0, CLIPPER_FETCH_ERROR_NOT_FOUND },
    { "/doc.pdf", 0, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE },
    { "/empty.html", 0, CLIPPER_FETCH_ERROR_EMPTY },
    { "/loop-a", 0, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = clipper_test_server_url (server, cases[i].path);
      gint64 id = 42;

      g_assert_false (save_page (f, url, NULL, &id, NULL, NULL, &error));
      g_assert_error (error, CLIPPER_FETCH_ERROR, cases[i].code);
      g_assert_cmpint (id, ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 id = 0;

    g_assert_false (save_page (f, "gopher://example.com/", NULL, &id, NULL, NULL, &error));
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI);
  }

  g_assert_cmpuint (count_articles (f->store), ==, 0);
}

/* QA finding 2: a page of nothing but its navigation and footer was saved
 * as an empty article, which the reader then called imported.  It is
 * refused, as Fetch Again refuses one. */
static void
test_save_no_article (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/nav-only.html");
  gint64 id = 42;

  g_assert_false (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_error (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "no article found on this page");
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (count_articles (f->store), ==, 0);
}

/* QA finding 12: "…/article.html?utm_source=x" saved after "…/article.html"
 * was a second copy, for a page without a canonical link.  The tracking
 * parameters are dropped before the address is looked up and stored; the
 * others stay, in their order. */
static void
test_tracking_parameters (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "/article.html?utm_source=x", "/article.html" },
    { "/article.html?utm_source=a&utm_medium=b#top", "/article.html" },
    { "/article.html?fbclid=IwAR0&gclid=Cj0&mc_cid=1&mc_eid=2&igshid=3", "/article.html" },
    { "/article.html?page=2&utm_campaign=c&lang=en", "/article.html?page=2&lang=en" },
    { "/article.html?b=1&a=2&msclkid=9", "/article.html?b=1&a=2" },
    { "/article.html?utm=1&xutm_source=2&source=3", "/article.html?utm=1&xutm_source=2&source=3" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/article.html");
  g_autofree char *tracked = clipper_test_server_url (server, "/article.html?utm_source=zzz&utm_medium=email");
  g_autofree char *paged = clipper_test_server_url (server, "/article.html?page=2&utm_campaign=c&lang=en");
  g_autofree char *paged_stored = clipper_test_server_url (server, "/article.html?page=2&lang=en");
  gboolean existed = FALSE;
  gint64 id = 0, again = 0, other = 0;
  guint hits;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *in = clipper_test_server_url (server, cases[i].in);
      g_autofree char *out = clipper_test_server_url (server, cases[i].out);
      g_autofree char *got = clipper_fetch_dup_normalized_uri (in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, out);
    }

  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The same page: found without fetching it again. */
  hits = clipper_test_server_get_hits (server, "/article.html");
  g_assert_true (save_page (f, tracked, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_true (existed);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/article.html"), ==, hits);

  /* Another parameter makes another page, stored without the trackers. */
  g_assert_true (save_page (f, paged, NULL, &other, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  g_assert_cmpint (other, !=, id);
  article = clipper_store_get_article (f->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, paged_stored);
  g_assert_cmpuint (count_articles (f->store), ==, 2);
}

typedef struct {
  GArray       *stages;
  GAsyncResult *result;
  gboolean      destroyed;
  GThread      *main_thread;
} AsyncState;

static void
on_progress (ClipperSaveStage stage, guint64 received, gpointer user_data)
{
  AsyncState *state = user_data;

  /* Reported on the caller's context, never on the worker. */
  g_assert_true (g_thread_self () == state->main_thread);
  /* The stages entered; a slow page's bytes are test_save_received's. */
  if (received == 0)
    g_array_append_val (state->stages, stage);
}

static void
on_progress_destroy (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->destroyed = TRUE;
}

static void
on_saved (GObject *source, GAsyncResult *res, gpointer user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (res);
}

static void
test_save_async (Fixture *f, gconstpointer data)
{
  AsyncState state = { 0 };
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/article.html");
  gint64 id;
  const ClipperSaveStage expected[] = {
    CLIPPER_SAVE_STAGE_FETCHING, CLIPPER_SAVE_STAGE_EXTRACTING,
    CLIPPER_SAVE_STAGE_IMAGES, CLIPPER_SAVE_STAGE_SAVING,
  };

  state.stages = g_array_new (FALSE, FALSE, sizeof (ClipperSaveStage));
  state.main_thread = g_thread_self ();

  clipper_saver_save_async (f->store, f->fetcher, url, NULL, on_progress, &state, on_progress_destroy,
                            NULL, on_saved, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  id = clipper_saver_save_finish (state.result, &report, &error);
  /* The progress data is let go once the task is. */
  g_clear_object (&state.result);
  while (!state.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (report.existed);
  g_assert_cmpuint (report.n_images_missing, ==, 1);
  g_assert_cmpmem (state.stages->data, state.stages->len * sizeof (ClipperSaveStage), expected, sizeof expected);

  /* Written by the worker's connection, read through ours. */
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "The Week on the Hill");

  g_array_unref (state.stages);
}

typedef struct {
  gint64   start_us;
  GArray  *at_us;      /* (element-type gint64) when each count came */
  GArray  *received;   /* (element-type guint64) */
} Received;

static void
on_received_progress (ClipperSaveStage stage, guint64 received, gpointer user_data)
{
  Received *r = user_data;
  gint64 now = g_get_monotonic_time ();

  if (received == 0)
    return;
  g_assert_cmpint (stage, ==, CLIPPER_SAVE_STAGE_FETCHING);
  g_array_append_val (r->at_us, now);
  g_array_append_val (r->received, received);
}

/* QA-p finding 8 (session 21): a slow page's save showed a spinner and
 * nothing else, a dead server and a slow one alike.  The save says how
 * much has come in as it comes, a few times a second at most. */
static void
test_save_received (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>The Long Flood</title></head><body><article>"
                                          "<h1>The Long Flood</h1>");
  g_autofree char *url = clipper_test_server_url (server, "/trickle/long-flood.html");
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report;
  Received r = { 0 };

  /* About 48 KB, a kilobyte every 20 ms: a second or more. */
  while (page->len < 48 * 1024)
    g_string_append (page, PARAGRAPHS);
  g_string_append (page, "</article></body></html>");
  clipper_test_server_add (server, "/long-flood.html", 200, "text/html; charset=utf-8", page->str, page->len);
  r.at_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.received = g_array_new (FALSE, FALSE, sizeof (guint64));
  r.start_us = g_get_monotonic_time ();

  g_assert_true (clipper_saver_save_sync (f->store, f->fetcher, url, NULL, CLIPPER_SAVER_SAVE_NONE,
                                          on_received_progress, &r, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.article_id, >, 0);

  /* Said as it came, growing, and no more often than the interval. */
  g_test_message ("%u counts in %.2f s", r.received->len, (g_get_monotonic_time () - r.start_us) / 1e6);
  g_assert_cmpuint (r.received->len, >=, 2);
  for (guint i = 0; i < r.received->len; i++)
    {
      gint64 before = i == 0 ? r.start_us : g_array_index (r.at_us, gint64, i - 1);
      gint64 since = g_array_index (r.at_us, gint64, i) - before;

      g_assert_cmpint (since, >=, (CLIPPER_SAVE_RECEIVED_INTERVAL_MS - 20) * G_TIME_SPAN_MILLISECOND);
      g_assert_cmpuint (g_array_index (r.received, guint64, i), <=, page->len);
      if (i > 0)
        g_assert_cmpuint (g_array_index (r.received, guint64, i), >, g_array_index (r.received, guint64, i - 1));
    }

  g_array_unref (r.at_us);
  g_array_unref (r.received);
}

/* QA-p finding 4 (session 21): a paywall's teaser was saved with no word
 * that it may be cut off.  The save tells the app, which shows it, and a
 * whole article says nothing; the article is saved all the same. */
static void
test_save_async_preview (Fixture *f, gconstpointer data)
{
  AsyncState state = { 0 };
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autofree char *teaser = clipper_test_server_url (server, "/teaser.html");
  g_autofree char *whole = clipper_test_server_url (server, "/article.html");
  gint64 id;

  clipper_test_server_add (server, "/teaser.html", 200, "text/html",
                           "<html><head><title>The Economy In 2027</title></head><body><article><h1>The "
                           "Economy In 2027</h1><p>Economists expect a slow year ahead as the markets cool after "
                           "a long run of growth, and central banks weigh their next move carefully.</p><div "
                           "class=\"paywall\"><h2>Subscribe to keep reading</h2><p>You have reached your limit "
                           "of free articles this month.</p></div></article></body></html>", -1);
  clipper_saver_save_async (f->store, f->fetcher, teaser, NULL, NULL, NULL, NULL, NULL, on_saved, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  id = clipper_saver_save_finish (state.result, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (report.notices, ==, CLIPPER_SAVE_NOTICE_PREVIEW);
  g_clear_object (&state.result);

  clipper_saver_save_async (f->store, f->fetcher, whole, NULL, NULL, NULL, NULL, NULL, on_saved, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (clipper_saver_save_finish (state.result, &report, &error), >, id);
  g_assert_no_error (error);
  g_assert_cmpint (report.notices, ==, CLIPPER_SAVE_NOTICE_NONE);
  g_clear_object (&state.result);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_save_async_cancel (Fixture *f, gconstpointer data)
{
  AsyncState state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = clipper_test_server_url (server, "/slow");

  clipper_saver_save_async (f->store, f->fetcher, url, NULL, NULL, NULL, NULL, cancellable, on_saved, &state);
  g_timeout_add (200, cancel_soon, cancellable);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (clipper_saver_save_finish (state.result, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_articles (f->store), ==, 0);
  g_clear_object (&state.result);
}

static void
test_refetch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(ClipperFetchResult) page = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/changing.html");
  gint64 id = 0;
  guint n_stored = 0, n_missing = 99;

  clipper_test_server_add (server, "/changing.html", 200, "text/html",
                   "<html><head><title>Before</title></head><body><article>" PARAGRAPHS "</article></body></html>", -1);
  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);

  clipper_test_server_add (server, "/changing.html", 200, "text/html",
                   "<html><head><title>After</title></head><body><article>" PARAGRAPHS
                   "<img src=\"/img/ok.png\">" PARAGRAPHS "</article></body></html>", -1);
  extraction = clipper_saver_refetch_sync (f->store, f->fetcher, id, NULL, &page, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (extraction->title, ==, "After");
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (page->text, "<title>After</title>"));

  /* Nothing written yet. */
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Before");

  /* The pieces the refetch command puts together. */
  clipper_saver_fill_article (article, extraction, page);
  g_assert_true (clipper_store_update_article (f->store, article, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_saver_store_images_sync (f->store, f->fetcher, id, extraction, page, NULL,
                                                  &n_stored, &n_missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_stored, ==, 1);
  g_assert_cmpuint (n_missing, ==, 0);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "After");

  /* An unknown id. */
  g_clear_pointer (&extraction, clipper_extraction_free);
  extraction = clipper_saver_refetch_sync (f->store, f->fetcher, id + 100, NULL, NULL, &error);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
  g_assert_null (extraction);
}

#define TIDE_1 \
  "<p>The river had been rising for three days before anyone in the valley thought to move the " \
  "grain stores to higher ground, and by then the lower road was already under water.</p>"
#define TIDE_2 \
  "<p>Farmers who had lived through the flood of the previous decade knew the signs: the birds " \
  "left the reeds, the wells tasted of silt, and the ferryman stopped taking passengers.</p>"
#define TIDE_3 \
  "<p>What follows is an account of the week the valley spent on the hill, pieced together from " \
  "letters, the parish register and the memories of those who were children at the time.</p>"

static char *
dup_article_text (ClipperStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = clipper_store_get_article (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (clipper_article_get_text (article));
}

/* Saves the first version of /tides.html with three highlights: one in a
 * paragraph that will be edited, one in a paragraph that will go, one in
 * a paragraph that stays. */
static gint64
save_tides (Fixture *f, gint64 hl[3])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/tides.html");
  gint64 id = 0;

  clipper_test_server_add (server, "/tides.html", 200, "text/html",
                           "<html><head><title>Tides</title></head><body><article><h1>Tides</h1>"
                           TIDE_1 TIDE_2 TIDE_3 "</article></body></html>", -1);
  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  hl[0] = clipper_test_add_highlight (f->store, id, "anyone in the valley thought to move the grain stores", NULL);
  hl[1] = clipper_test_add_highlight (f->store, id, "the wells tasted of silt", "Compare the 1952 flood");
  hl[2] = clipper_test_add_highlight (f->store, id, "the parish register and the memories", NULL);
  return id;
}

/* The page edited: a note on top, words inserted into the first
 * paragraph, the second one gone; @extra (HTML) at the article's end. */
static void
serve_tides_edited_with (const char *extra)
{
  g_autofree char *html = g_strconcat ("<html><head><title>Tides (updated)</title></head><body><article><h1>Tides</h1>"
                                       "<p>Editor's note: this account was updated with readers' letters.</p>"
                                       "<p>The river had been rising for three days before anyone in the valley "
                                       "thought to move the old grain stores to higher ground, and by then the "
                                       "lower road was already under water.</p>"
                                       TIDE_3, extra, "</article></body></html>", NULL);

  clipper_test_server_add (server, "/tides.html", 200, "text/html", html, -1);
}

static void
serve_tides_edited (void)
{
  serve_tides_edited_with ("");
}

static void
check_tides_updated (Fixture *f, gint64 id, const gint64 hl[3], const ClipperReanchorCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, id, &error);
  g_autoptr(GBytes) original = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_autoptr(ClipperHighlight) moved = clipper_test_get_highlight (f->store, hl[0]);
  g_autoptr(ClipperHighlight) gone = clipper_test_get_highlight (f->store, hl[1]);
  g_autoptr(ClipperHighlight) kept = clipper_test_get_highlight (f->store, hl[2]);
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpuint (counts->exact, ==, 1);
  g_assert_cmpuint (counts->fuzzy, ==, 1);
  g_assert_cmpuint (counts->orphaned, ==, 1);

  /* The article, its original page and its highlights all changed. */
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Tides (updated)");
  text = clipper_article_get_text (article);
  g_assert_nonnull (strstr (text, "Editor's note"));
  g_assert_null (strstr (text, "wells tasted"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (original, NULL), (gssize) g_bytes_get_size (original),
                                  "Tides (updated)"));

  /* The edited passage describes where it landed now. */
  g_assert_true (clipper_highlight_get_anchored (moved));
  g_assert_cmpstr (clipper_highlight_get_quote (moved), ==,
                   "anyone in the valley thought to move the old grain stores");
  g_assert_true (g_utf8_offset_to_pointer (text, clipper_highlight_get_start (moved)) ==
                 strstr (text, "anyone in the valley"));
  /* The deleted one is an orphan and keeps its quote and note. */
  g_assert_false (clipper_highlight_get_anchored (gone));
  g_assert_cmpstr (clipper_highlight_get_quote (gone), ==, "the wells tasted of silt");
  g_assert_cmpstr (clipper_highlight_get_note (gone), ==, "Compare the 1952 flood");
  /* The untouched one moved with the text before it. */
  g_assert_true (clipper_highlight_get_anchored (kept));
  g_assert_true (g_utf8_offset_to_pointer (text, clipper_highlight_get_start (kept)) ==
                 strstr (text, "the parish register and the memories"));
}

/* A page's <link rel=canonical> (else og:url) is its address: the same
 * story saved again through a link with another parameter, or a mobile
 * address, is the article already saved; another site's address is not
 * believed.  (A tracking link's parameters never get this far: see
 * test_tracking_parameters().) */
static void
test_canonical_link (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperArticle) foreign = NULL;
  g_autofree char *canonical = clipper_test_server_url (server, "/canon/story.html");
  g_autofree char *tracked = clipper_test_server_url (server, "/canon/story.html?ref=feed&utm_medium=rss");
  g_autofree char *shared = clipper_test_server_url (server, "/canon/story.html?ref=share");
  g_autofree char *og = clipper_test_server_url (server, "/canon/og.html?fbclid=x");
  g_autofree char *og_canonical = clipper_test_server_url (server, "/canon/og-story");
  g_autofree char *liar = clipper_test_server_url (server, "/canon/liar.html");
  gint64 id = 0, again = 0, og_id = 0, liar_id = 0;
  gboolean existed = FALSE;
  guint hits;

  clipper_test_server_add (server, "/canon/story.html", 200, "text/html",
                           "<html><head><title>Tides</title><link rel=\"alternate canonical\" href=\"/canon/story.html\">"
                           "</head><body><article><h1>Tides</h1>" PARAGRAPHS "</article></body></html>", -1);
  clipper_test_server_add (server, "/canon/og.html", 200, "text/html",
                           "<html><head><title>Og</title><meta property=\"og:url\" content=\"og-story\">"
                           "</head><body><article><h1>Og</h1>" PARAGRAPHS "</article></body></html>", -1);
  clipper_test_server_add (server, "/canon/liar.html", 200, "text/html",
                           "<html><head><title>Liar</title><link rel=\"canonical\" href=\"https://news.example/real-story\">"
                           "</head><body><article><h1>Liar</h1>" PARAGRAPHS "</article></body></html>", -1);

  g_assert_true (save_page (f, tracked, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, canonical);

  /* The clean address: known before fetching anything. */
  hits = clipper_test_server_get_hits (server, "/canon/story.html");
  g_assert_true (save_page (f, canonical, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/canon/story.html"), ==, hits);
  /* Another tracking link: fetched, found to be the same story. */
  again = 0;
  g_assert_true (save_page (f, shared, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (count_articles (f->store), ==, 1);

  /* og:url, relative, when there is no link. */
  g_assert_true (save_page (f, og, NULL, &og_id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, og_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, og_canonical);

  /* Another site's address is not this page's. */
  g_assert_true (save_page (f, liar, NULL, &liar_id, &existed, NULL, &error));
  g_assert_no_error (error);
  foreign = clipper_store_get_article (f->store, liar_id, &error);
  g_assert_no_error (error);
  g_assert_null (clipper_article_get_canonical_url (foreign));
  g_assert_cmpint (clipper_store_find_article_by_url (f->store, "https://news.example/real-story", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (f->store), ==, 3);

  /* Sites that give one address for many pages: the home page, or a
   * story's address on another story.  Each is saved. */
  {
    g_autofree char *home_a = clipper_test_server_url (server, "/canon/home-a.html");
    g_autofree char *other = clipper_test_server_url (server, "/canon/other.html");
    g_autoptr(ClipperArticle) a = NULL;
    g_autoptr(ClipperArticle) o = NULL;
    gint64 a_id = 0, o_id = 0;

    clipper_test_server_add (server, "/canon/home-a.html", 200, "text/html",
                             "<html><head><title>Home A</title><link rel=\"canonical\" href=\"/\">"
                             "</head><body><article><h1>Home A</h1>" PARAGRAPHS "</article></body></html>", -1);
    clipper_test_server_add (server, "/canon/other.html", 200, "text/html",
                             "<html><head><title>Another story</title><link rel=\"canonical\" href=\"story.html\">"
                             "</head><body><article><h1>Another story</h1>" PARAGRAPHS "</article></body></html>", -1);
    g_assert_true (save_page (f, home_a, NULL, &a_id, &existed, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (existed);
    a = clipper_store_get_article (f->store, a_id, &error);
    g_assert_no_error (error);
    g_assert_null (clipper_article_get_canonical_url (a));
    g_assert_true (save_page (f, other, NULL, &o_id, &existed, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (existed);
    g_assert_cmpint (o_id, !=, id);
    o = clipper_store_get_article (f->store, o_id, &error);
    g_assert_no_error (error);
    g_assert_null (clipper_article_get_canonical_url (o));
    g_assert_cmpuint (count_articles (f->store), ==, 5);
  }
}

/* A page saved from a file that names its web address is that web page
 * (QA-j item 6): the address is the article's, so the reader, the exports
 * and Copy as quote link to the web, and the file is its canonical URL.
 * The file or the web address saved again is the same article; re-read
 * from the library it keeps its images (stored under the file's
 * neighbours); Fetch Again fetches the web address.  It kept the file://
 * address, and the web address saved a second article. */
static void
test_file_names_web_address (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *web = clipper_test_server_url (server, "/harbour/lights.html");
  g_autofree char *img_dir = g_build_filename (f->dir, "img", NULL);
  g_autofree char *page_path = g_build_filename (f->dir, "Harbour lights.html", NULL);
  g_autofree char *home_path = g_build_filename (f->dir, "home.html", NULL);
  g_autofree char *img_path = g_build_filename (img_dir, "photo.png", NULL);
  g_autofree char *page_uri = NULL, *img_uri = NULL, *home_uri = NULL, *html = NULL, *home_html = NULL;
  g_autofree char *home = clipper_test_server_url (server, "/");
  ClipperReanchorCounts counts = { 0 };
  gint64 id = 0, again = 0, home_id = 0;
  gboolean existed = FALSE;
  guint hits;

  html = g_strdup_printf ("<html><head><title>Harbour lights</title><link rel=\"canonical\" href=\"%s\">"
                          "</head><body><article><h1>Harbour lights</h1>" PARAGRAPHS "<img src=\"img/photo.png\">"
                          PARAGRAPHS "</article></body></html>", web);
  home_html = g_strdup_printf ("<html><head><title>Front page</title><meta property=\"og:url\" content=\"%s\">"
                               "</head><body><article><h1>Front page</h1>" PARAGRAPHS "</article></body></html>", home);
  clipper_test_server_add (server, "/harbour/lights.html", 200, "text/html", html, -1);
  g_assert_cmpint (g_mkdir_with_parents (img_dir, 0700), ==, 0);
  g_file_set_contents (page_path, html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (home_path, home_html, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (img_path, (const char *) clipper_test_png_bytes, clipper_test_png_size, &error);
  g_assert_no_error (error);
  page_uri = g_filename_to_uri (page_path, NULL, NULL);
  img_uri = g_filename_to_uri (img_path, NULL, NULL);
  home_uri = g_filename_to_uri (home_path, NULL, NULL);

  hits = clipper_test_server_get_hits (server, "/harbour/lights.html");
  g_assert_true (save_page (f, page_path, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, web);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, page_uri);
  image = clipper_store_dup_image (f->store, id, img_uri, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&image, g_bytes_unref);

  /* The file again, and the web address: the same article, and nothing
   * fetched from the web for either. */
  g_assert_true (save_page (f, page_uri, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
  again = 0;
  g_assert_true (save_page (f, web, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/harbour/lights.html"), ==, hits);
  g_assert_cmpuint (count_articles (f->store), ==, 1);

  /* Re-read from the library, it is still the file's page. */
  g_assert_true (update_page (f, NULL, id, CLIPPER_SAVER_UPDATE_OFFLINE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, web);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, page_uri);
  g_assert_nonnull (strstr (clipper_article_get_html (article), img_uri));
  image = clipper_store_dup_image (f->store, id, img_uri, NULL, &error);
  g_assert_no_error (error);

  /* Fetch Again goes to the web. */
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/harbour/lights.html"), ==, hits + 1);

  /* A home page's address, which some sites give on every page, is not
   * taken: the file stays the address. */
  g_assert_true (save_page (f, home_path, NULL, &home_id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, home_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, home_uri);
}

/* A page saved from a file whose web address redirects by the time it is
 * fetched again (the site moved it): Fetch Again put the redirect's end
 * in place of the file as its canonical URL.  The article keeps both its
 * web address and its file, the file saved again is the same article,
 * found without a fetch, and it still reads offline. */
static void
test_file_page_refetch_redirected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *web = clipper_test_server_url (server, "/moved/tides/spring.html");
  g_autofree char *moved_to = clipper_test_server_url (server, "/tides/spring.html");
  g_autofree char *page_path = g_build_filename (f->dir, "Spring tides.html", NULL);
  g_autofree char *page_uri = NULL, *html = NULL, *moved_html = NULL;
  ClipperReanchorCounts counts = { 0 };
  gint64 id = 0, again = 0;
  gboolean existed = FALSE;
  guint hits;

  html = g_strdup_printf ("<html><head><title>Spring tides</title><link rel=\"canonical\" href=\"%s\">"
                          "</head><body><article><h1>Spring tides</h1>" PARAGRAPHS "</article></body></html>", web);
  moved_html = g_strdup_printf ("<html><head><title>Spring tides</title><link rel=\"canonical\" href=\"%s\">"
                                "</head><body><article><h1>Spring tides</h1>" PARAGRAPHS "</article></body></html>",
                                moved_to);
  clipper_test_server_add (server, "/tides/spring.html", 200, "text/html", moved_html, -1);
  g_file_set_contents (page_path, html, -1, &error);
  g_assert_no_error (error);
  page_uri = g_filename_to_uri (page_path, NULL, NULL);

  g_assert_true (save_page (f, page_path, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, web);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, page_uri);

  /* Fetch Again is sent from the web address to where the page is now. */
  hits = clipper_test_server_get_hits (server, "/tides/spring.html");
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/tides/spring.html"), ==, hits + 1);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, web);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, page_uri);

  /* The file again: the same article, and nothing fetched. */
  hits = clipper_test_server_get_hits (server, "/moved/tides/spring.html");
  g_assert_true (save_page (f, page_uri, NULL, &again, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/moved/tides/spring.html"), ==, hits);
  g_assert_cmpuint (count_articles (f->store), ==, 1);

  /* Re-read from the library. */
  g_assert_true (update_page (f, NULL, id, CLIPPER_SAVER_UPDATE_OFFLINE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_url (article), ==, web);
  g_assert_cmpstr (clipper_article_get_canonical_url (article), ==, page_uri);
}

/* A 1×1 GIF: an image whose bytes differ from the test PNG's. */
static const guint8 sharp_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

static void
assert_image (Fixture *f, gint64 id, const char *path, const void *bytes, gsize size)
{
  g_autofree char *url = clipper_test_server_url (server, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = clipper_store_dup_image (f->store, id, url, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), g_bytes_get_size (image), bytes, size);
}

/* The sharp copy of a srcset is stored; when it is missing, the page's
 * plain <img src> is stored in its place; and re-extracting an article
 * saved with the plain copy (before srcsets were read) offline keeps its
 * image. */
static void
test_responsive_images (Fixture *f, gconstpointer data)
{
  static const char old_with_srcset[] =
    "<html><head><title>Old</title></head><body><article><h1>Old</h1>" PARAGRAPHS
    "<figure><img src=\"plain.png\" srcset=\"new.gif 2x\" alt=\"plain\"></figure>" PARAGRAPHS
    "</article></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperArticle) updated = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/rsp/page.html");
  g_autofree char *old_url = clipper_test_server_url (server, "/rsp/old.html");
  g_autofree char *gone_url = clipper_test_server_url (server, "/rsp/gone.gif");
  g_autofree char *new_url = clipper_test_server_url (server, "/rsp/new.gif");
  gint64 id = 0, old_id = 0;

  clipper_test_server_add (server, "/rsp/page.html", 200, "text/html",
                           "<html><head><title>Tides</title></head><body><article><h1>Tides</h1>" PARAGRAPHS
                           "<figure><img src=\"small.png\" srcset=\"sharp.gif 2x\" alt=\"sharp\"></figure>"
                           "<figure><img src=\"plain.png\" srcset=\"gone.gif 2x\" alt=\"gone\"></figure>"
                           PARAGRAPHS "</article></body></html>", -1);
  clipper_test_server_add (server, "/rsp/small.png", 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (server, "/rsp/plain.png", 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (server, "/rsp/sharp.gif", 200, "image/gif", sharp_gif, sizeof sharp_gif);
  clipper_test_server_add (server, "/rsp/new.gif", 200, "image/gif", sharp_gif, sizeof sharp_gif);

  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_image (f, id, "/rsp/sharp.gif", sharp_gif, sizeof sharp_gif);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/rsp/small.png"), ==, 0);
  /* gone.gif is a 404: plain.png's bytes, under the URL the article shows. */
  assert_image (f, id, "/rsp/gone.gif", clipper_test_png_bytes, clipper_test_png_size);
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/rsp/gone.gif"), ==, 1);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_html (article), gone_url));

  /* A page saved when only its <img src> was read. */
  clipper_test_server_add (server, "/rsp/old.html", 200, "text/html",
                           "<html><head><title>Old</title></head><body><article><h1>Old</h1>" PARAGRAPHS
                           "<figure><img src=\"plain.png\" alt=\"plain\"></figure>" PARAGRAPHS
                           "</article></body></html>", -1);
  g_assert_true (save_page (f, old_url, NULL, &old_id, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Its stored original did have a srcset (the old extractor ignored it). */
  newer = g_bytes_new_static (old_with_srcset, strlen (old_with_srcset));
  g_assert_true (clipper_store_set_original_page (f->store, old_id, newer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (update_page (f, NULL, old_id, CLIPPER_SAVER_UPDATE_OFFLINE, NULL, NULL, &error));
  g_assert_no_error (error);
  updated = clipper_store_get_article (f->store, old_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_html (updated), new_url));
  /* Nothing fetched; the stored copy shows under the new URL. */
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/rsp/new.gif"), ==, 0);
  assert_image (f, old_id, "/rsp/new.gif", clipper_test_png_bytes, clipper_test_png_size);
}

/* Review S4 (session 21): an article saved before a data: picture was
 * named by the key of its bytes has its picture under the whole data:
 * URL.  Re-extracted offline from its stored page, it is named by the
 * key, and the library has it under the key, nothing fetched. */
static void
test_inline_picture_offline (Fixture *f, gconstpointer data)
{
  /* A 20×20 PNG. */
  static const char png_base64[] =
    "iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAGUlEQVR4nGNgYPhPARrVPKp5VPOo5gHVDAAUwI6AVu8gqwAAAABJRU5ErkJggg==";
  g_autofree char *page = g_strconcat ("<html><head><title>Old</title></head><body><article><h1>Old</h1>" PARAGRAPHS
                                       "<figure><img src=\"data:image/png;base64,", png_base64,
                                       "\" alt=\"A chart\"></figure>" PARAGRAPHS "</article></body></html>", NULL);
  g_autofree char *url = clipper_test_server_url (server, "/inline/old.html");
  g_autoptr(GBytes) original = g_bytes_new_static (page, strlen (page));
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(ClipperArticle) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *key = NULL;
  g_autofree char *type = NULL;
  gsize png_size = 0;
  guchar *png_data = g_base64_decode (png_base64, &png_size);
  gint64 id = 0;

  png = g_bytes_new_take (png_data, png_size);
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  key = g_strconcat ("data:sha256,", sum, NULL);

  /* Saved when the picture was not read; its stored page has it. */
  clipper_test_server_add (server, "/inline/old.html", 200, "text/html",
                           "<html><head><title>Old</title></head><body><article><h1>Old</h1>" PARAGRAPHS
                           PARAGRAPHS "</article></body></html>", -1);
  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_original_page (f->store, id, original, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (update_page (f, NULL, id, CLIPPER_SAVER_UPDATE_OFFLINE, NULL, NULL, &error));
  g_assert_no_error (error);
  updated = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (clipper_article_get_html (updated), key));
  g_assert_null (strstr (clipper_article_get_html (updated), "base64"));
  image = clipper_store_dup_image (f->store, id, key, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_true (g_bytes_equal (image, png));
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/inline/old.html"), ==, 1);
}

/* An article made from a vault (no text, its highlights without a place):
 * saving its address fetches the text and places the highlights. */
static void
test_save_fills_bodiless (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) stub = clipper_article_new ();
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr(ClipperHighlight) placed = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/bodiless.html");
  gboolean existed = TRUE;
  gint64 id = 0;
  const char *text;

  clipper_test_server_add (server, "/bodiless.html", 200, "text/html", article_html, -1);
  clipper_article_set_url (stub, url);
  clipper_article_set_title (stub, "The Week on the Hill");
  g_assert_true (clipper_store_add_article (f->store, stub, NULL, &error));
  g_assert_no_error (error);
  clipper_highlight_set_article_id (h, clipper_article_get_id (stub));
  clipper_highlight_set_quote (h, "the grain stores to higher ground");
  clipper_highlight_set_note (h, "kept from the vault");
  clipper_highlight_set_anchored (h, FALSE);
  g_assert_true (clipper_store_add_highlight (f->store, h, &error));
  g_assert_no_error (error);

  g_assert_true (save_page (f, url, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, clipper_article_get_id (stub));
  g_assert_false (existed);
  g_assert_cmpuint (count_articles (f->store), ==, 1);
  article = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  text = clipper_article_get_text (article);
  g_assert_nonnull (strstr (text, "the grain stores to higher ground"));
  placed = clipper_test_get_highlight (f->store, clipper_highlight_get_id (h));
  g_assert_true (clipper_highlight_get_anchored (placed));
  g_assert_cmpint (clipper_highlight_get_start (placed), ==,
                   g_utf8_pointer_to_offset (text, strstr (text, "the grain stores to higher ground")));
  g_assert_cmpstr (clipper_highlight_get_note (placed), ==, "kept from the vault");

  /* Now it has its text: saved again, it is the page already saved. */
  g_assert_true (save_page (f, url, NULL, &id, &existed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ClipperReanchorCounts counts = { 0 };
  gint64 hl[3];
  gint64 id = save_tides (f, hl);

  before = dup_article_text (f->store, id);

  /* A page that no longer holds an article changes nothing. */
  clipper_test_server_add (server, "/tides.html", 200, "text/html",
                           "<html><head><title>Tides</title></head><body><nav> </nav></body></html>", -1);
  g_assert_false (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_true (error != NULL && error->domain == CLIPPER_EXTRACT_ERROR);
  g_clear_error (&error);
  after = dup_article_text (f->store, id);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(ClipperHighlight) h = clipper_test_get_highlight (f->store, hl[1]);

    g_assert_true (clipper_highlight_get_anchored (h));
  }

  /* Nor does a page that went away. */
  clipper_test_server_add (server, "/tides.html", 404, "text/html", "not here", -1);
  g_assert_false (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_free (after);
  after = dup_article_text (f->store, id);
  g_assert_cmpstr (after, ==, before);

  /* The page edited: updated, re-anchored, in one go. */
  serve_tides_edited ();
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_no_error (error);
  check_tides_updated (f, id, hl, &counts);

  /* Offline, without a fetcher: the stored page extracted again, every
   * placed highlight where it was. */
  g_assert_true (update_page (f, NULL, id, CLIPPER_SAVER_UPDATE_OFFLINE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.exact, ==, 2);
  g_assert_cmpuint (counts.fuzzy, ==, 0);
  g_assert_cmpuint (counts.orphaned, ==, 1);

  /* An unknown article. */
  g_assert_false (update_page (f, f->fetcher, id + 100, CLIPPER_SAVER_UPDATE_NONE, NULL, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND);
}

/* Another article, where /tides.html now leads (a redirect, a reused
 * address). */
#define BAKER_PAGE \
  "<html><head><title>The Night Baker</title></head><body><article><h1>The Night Baker</h1>" \
  "<p>Every loaf in the shop on Mill Street is shaped by hand between two and five in the morning, " \
  "when the ovens are hottest and the street outside is empty.</p>" \
  "<p>The baker learned the trade from her grandmother, who kept a sourdough starter alive through " \
  "two wars and a move across the mountains in a borrowed cart.</p>" \
  "<p>Customers queue before dawn for the rye, which sells out within the hour on most days.</p>" \
  "</article></body></html>"

static void
check_tides_unchanged (Fixture *f, gint64 id, const gint64 hl[3], const char *text, GBytes *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, id, &error);
  g_autoptr(GBytes) stored = clipper_store_dup_original_page (f->store, id, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Tides");
  g_assert_cmpstr (clipper_article_get_text (article), ==, text);
  g_assert_true (g_bytes_equal (stored, page));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ClipperHighlight) h = clipper_test_get_highlight (f->store, hl[i]);

      g_assert_true (clipper_highlight_get_anchored (h));
    }
}

/* A page that is no longer the saved article is not written: its text and
 * its original page would be gone, every highlight an orphan. */
static void
test_update_other_article (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  ClipperReanchorCounts counts = { 0 };
  gint64 hl[3];
  gint64 id = save_tides (f, hl);

  text = dup_article_text (f->store, id);
  page = clipper_store_dup_original_page (f->store, id, NULL, &error);
  g_assert_no_error (error);

  clipper_test_server_add (server, "/tides.html", 200, "text/html", BAKER_PAGE, -1);
  g_assert_false (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE);
  g_assert_nonnull (strstr (error->message, "('Tides') was left as it was"));
  g_assert_nonnull (strstr (error->message, "now holds 'The Night Baker', which keeps 0% of the saved text, "
                                            "and 3 of the 3 highlights placed on it would lose their place"));
  g_clear_error (&error);
  /* What it would have done. */
  g_assert_cmpuint (counts.orphaned, ==, 3);
  g_assert_cmpuint (counts.already_orphaned, ==, 0);
  check_tides_unchanged (f, id, hl, text, page);

  /* The app's Fetch Again: refused the same way. */
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_false (clipper_saver_update_finish (result, &report, &error));
  counts = report.counts;
  g_assert_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE);
  g_clear_error (&error);
  /* For the app's question: what the page is now. */
  g_assert_cmpstr (clipper_saver_update_get_title (result), ==, "The Night Baker");
  g_assert_cmpuint (counts.orphaned, ==, 3);
  check_tides_unchanged (f, id, hl, text, page);

  /* Most of the text the highlights were on gone: the first paragraph is
   * all that is left, two of the three highlights would be orphans. */
  clipper_test_server_add (server, "/tides.html", 200, "text/html",
                           "<html><head><title>Tides</title></head><body><article><h1>Tides</h1>"
                           TIDE_1 "</article></body></html>", -1);
  g_assert_false (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE);
  g_assert_nonnull (strstr (error->message, "2 of the 3 highlights"));
  g_clear_error (&error);
  check_tides_unchanged (f, id, hl, text, page);

  /* Asked for: replaced, the highlights kept as orphans. */
  clipper_test_server_add (server, "/tides.html", 200, "text/html", BAKER_PAGE, -1);
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_REPLACE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 3);
  {
    g_autoptr(ClipperArticle) article = clipper_store_get_article (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (clipper_article_get_title (article), ==, "The Night Baker");
  }

  /* Now the baker's page is the article: fetched again as it is, and the
   * orphans said to be orphans already. */
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 3);
  g_assert_cmpuint (counts.already_orphaned, ==, 3);

  /* The page the highlights were made on back (a wrong Replace, a page
   * that was briefly something else): it keeps nothing of the baker's
   * text, but it is where the orphans belong, and it places them again
   * without asking. */
  clipper_test_server_add (server, "/tides.html", 200, "text/html",
                           "<html><head><title>Tides</title></head><body><article><h1>Tides</h1>"
                           TIDE_1 TIDE_2 TIDE_3 "</article></body></html>", -1);
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.orphaned, ==, 0);
  g_assert_cmpuint (counts.placed_again, ==, 3);
}

/* Serves /long.html: two hundred paragraphs, and with @edited forty new
 * ones above them. */
static void
serve_long_read (gboolean edited)
{
  g_autoptr(GString) html = g_string_new ("<html><head><title>Long</title></head><body><article><h1>Long</h1>");

  if (edited)
    for (guint i = 0; i < 40; i++)
      g_string_append (html, "<p>A new paragraph, added above what was read.</p>");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (html, "<p>Paragraph %u of a long read about nothing much at all.</p>", i);
  g_string_append (html, "</article></body></html>");
  clipper_test_server_add (server, "/long.html", 200, "text/html", html->str, -1);
}

/* Saves /long.html, read to @position, and serves it edited. */
static gint64
save_long_read (Fixture *f, double position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/long.html");
  gint64 id = 0;

  serve_long_read (FALSE);
  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  /* As the reader says it: through the position alone. */
  g_assert_true (clipper_store_update_reading (f->store, id, position, TRUE, &error));
  g_assert_no_error (error);
  serve_long_read (TRUE);
  return id;
}

/* That article @id, updated, reads at its position what @old_text read
 * at @old_position: the rest of the old text, from there, is the end of
 * the new one. */
static void
check_long_read_position (Fixture *f, gint64 id, const char *old_text, double old_position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) after = NULL;
  gint64 old_offset = (gint64) (old_position * (double) g_utf8_strlen (old_text, -1) + 0.5);
  const char *words = g_utf8_offset_to_pointer (old_text, old_offset);
  const char *new_text;
  gint64 new_offset;

  after = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  new_text = clipper_article_get_text (after);
  g_assert_cmpstr (new_text, !=, old_text);
  new_offset = (gint64) (clipper_article_get_reading_position (after) * (double) g_utf8_strlen (new_text, -1) + 0.5);
  g_assert_nonnull (strstr (new_text, words));
  g_assert_cmpint (ABS (new_offset - g_utf8_pointer_to_offset (new_text, strstr (new_text, words))), <, 2);
}

/* QA-k 11: after Fetch Again the reader opened its position, a fraction
 * of the text, in the new text, where the same fraction was other words
 * (forty paragraphs came above).  The update carries it to the words it
 * was at, as it carries the highlights, on its own thread: the reader
 * did it as it loaded the new text, on the main thread, 20–90 ms for an
 * article of 0.5–1 MB. */
static void
test_update_carries_position (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperArticle) before = NULL;
  gint64 id = save_long_read (f, 0.5);

  before = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  check_long_read_position (f, id, clipper_article_get_text (before), 0.5);
}

/* The update aligns the old and new texts for the reading position
 * before it takes the library's write lock (inside, 20–90 ms for 0.5–1
 * MB, the app could not save a highlight or the position meanwhile),
 * from the position the library holds then.  A position the reader
 * stores after that, before the update writes, is the one carried.
 * Here our connection (the app's) holds the write lock with the new
 * position not yet committed while the update, on its own connection,
 * reads the old one, aligns and waits for the lock; then it commits. */
static void
test_update_carries_position_stored_meanwhile (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClipperArticle) before = NULL;
  gint64 id = save_long_read (f, 0.5);
  guint hits = clipper_test_server_get_hits (server, "/long.html");

  before = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (clipper_store_update_reading (f->store, id, 0.25, TRUE, &error));
  g_assert_no_error (error);
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  /* The page asked for; its extraction and the alignment take
   * milliseconds, then the update waits for the lock (5 s at most).  Were
   * it slower, it would read the new position before the alignment and
   * carry it all the same. */
  while (clipper_test_server_get_hits (server, "/long.html") == hits)
    g_usleep (1000);
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_true (clipper_store_commit (f->store, &error));
  g_assert_no_error (error);

  clipper_test_wait_for_result (&result);
  g_assert_true (clipper_saver_update_finish (result, NULL, &error));
  g_assert_no_error (error);
  check_long_read_position (f, id, clipper_article_get_text (before), 0.25);
}

/* A star and a Mark as Unread given while Fetch Again downloads the page:
 * the update wrote back the star and read state it had read before the
 * fetch, and both were gone once the page came. */
static void
test_update_keeps_state_given_meanwhile (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClipperArticle) meanwhile = NULL;
  g_autoptr(ClipperArticle) after = NULL;
  gint64 hl[3];
  gint64 id = save_tides (f, hl);
  guint hits;

  g_assert_true (clipper_store_update_reading (f->store, id, 0.25, TRUE, &error));
  g_assert_no_error (error);
  serve_tides_edited ();
  hits = clipper_test_server_get_hits (server, "/tides.html");
  clipper_test_server_hold (server, TRUE);
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  /* The page asked for and held: the update has read the article. */
  while (clipper_test_server_get_hits (server, "/tides.html") == hits)
    g_usleep (1000);

  /* As the window stars and marks unread: the whole article written. */
  meanwhile = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  clipper_article_set_starred (meanwhile, TRUE);
  clipper_article_set_read_state (meanwhile, CLIPPER_READ_STATE_UNREAD);
  g_assert_true (clipper_store_update_article (f->store, meanwhile, &error));
  g_assert_no_error (error);

  clipper_test_server_hold (server, FALSE);
  clipper_test_wait_for_result (&result);
  g_assert_true (clipper_saver_update_finish (result, NULL, &error));
  g_assert_no_error (error);
  after = clipper_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (after), ==, "Tides (updated)");
  g_assert_true (clipper_article_get_starred (after));
  g_assert_cmpint (clipper_article_get_read_state (after), ==, CLIPPER_READ_STATE_UNREAD);
}

static void
test_update_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  ClipperReanchorCounts counts = { 0 };
  gint64 hl[3];
  gint64 id = save_tides (f, hl);

  serve_tides_edited ();
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_true (clipper_saver_update_finish (result, &report, &error));
  counts = report.counts;
  g_assert_no_error (error);
  /* Written by the worker's connection, read through ours. */
  check_tides_updated (f, id, hl, &counts);
}

/* The library's folder deleted while the app has the library open (the
 * app's tests delete it as their window goes, with cancelled saves still
 * on worker threads): a save's worker, which opens the library again on
 * its thread, made the folder and a new, empty library there and saved
 * the page into it, where the caller's store never saw it.  It fails
 * instead, saying why, and makes nothing.  So does Fetch Again's. */
static void
test_save_async_library_gone (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/article.html");
  gint64 hl[3];
  gint64 id = save_tides (f, hl);

  g_assert_true (clipper_test_remove_tree (f->dir));
  clipper_saver_save_async (f->store, f->fetcher, url, NULL, NULL, NULL, NULL, NULL,
                            clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_cmpint (clipper_saver_save_finish (result, NULL, &error), ==, 0);
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "is no longer there"));
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_clear_object (&result);
  g_clear_error (&error);

  serve_tides_edited ();
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_false (clipper_saver_update_finish (result, NULL, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
}

/* The library cannot be written by the time the images come: the update
 * says that the article and its highlights were written (with the counts)
 * and that the images were not. */
static void
test_update_images_not_stored (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClipperStore) other = NULL;
  ClipperReanchorCounts counts = { 0 };
  gint64 hl[3];
  gint64 id = save_tides (f, hl);
  const char *image = "/late/img/ok.png";
  guint image_hits = clipper_test_server_get_hits (server, image);

  /* The image comes a second late: the update waits on it after writing
   * the article, long enough for another connection to take the
   * library's write lock first.  (It does come: no timeout or
   * cancellation is part of this case.) */
  serve_tides_edited_with ("<figure><img src=\"/late/img/ok.png\" alt=\"the estuary\"></figure>");
  clipper_fetcher_set_timeout (f->fetcher, 10);
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  while (clipper_test_server_get_hits (server, image) == image_hits && result == NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);
  other = clipper_test_open_store (f->db_path);
  g_assert_true (clipper_store_begin (other, &error));
  g_assert_no_error (error);

  clipper_test_wait_for_result (&result);
  g_assert_false (clipper_saver_update_finish (result, &report, &error));
  counts = report.counts;
  g_assert_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED);
  g_assert_nonnull (strstr (error->message, "was updated"));
  clipper_store_rollback (other);

  /* Everything but the images is the new page's. */
  check_tides_updated (f, id, hl, &counts);
}

/* Fetch Again says how many of the new page's images could not be
 * downloaded, as a save does (the reader shows their alt text). */
static void
test_update_images_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ClipperSaveReport report = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  ClipperReanchorCounts counts = { 0 };
  guint missing = 99;
  gint64 hl[3];
  gint64 id = save_tides (f, hl);

  serve_tides_edited_with ("<figure><img src=\"/img/ok.png\" alt=\"the estuary\"></figure>"
                           "<figure><img src=\"/img/missing.png\" alt=\"the old pier\"></figure>");
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 1);

  /* The same from the worker thread. */
  missing = 99;
  clipper_saver_update_async (f->store, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, NULL,
                              clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_true (clipper_saver_update_finish (result, &report, &error));
  counts = report.counts;
  missing = report.n_images_missing;
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 1);

  /* Offline nothing is downloaded, so nothing could fail to be. */
  missing = 99;
  g_assert_true (update_page (f, NULL, id, CLIPPER_SAVER_UPDATE_OFFLINE, &counts, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 0);

  /* Every image there: none missing. */
  serve_tides_edited_with ("<figure><img src=\"/img/ok.png\" alt=\"the estuary\"></figure>");
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 0);

  /* An image the library has a copy of is not missing, even when the
   * server no longer gives it: the reader shows the copy (it was said to
   * be "not downloaded" while it stood there). */
  clipper_test_server_add (server, "/img/gone-later.png", 200, "image/png", clipper_test_png_bytes,
                           clipper_test_png_size);
  serve_tides_edited_with ("<figure><img src=\"/img/gone-later.png\" alt=\"the pier\"></figure>");
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 0);
  clipper_test_server_add (server, "/img/gone-later.png", 404, "text/plain", "gone", -1);
  g_assert_true (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 0);
  {
    g_autofree char *url = clipper_test_server_url (server, "/img/gone-later.png");
    g_autoptr(GBytes) kept = clipper_store_dup_image (f->store, id, url, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (kept);
  }
}

/* @n paragraphs of tide tables, their numbers from @first on, so that
 * runs of three words are their own: the bulk of a page that says little
 * of anything else. */
static void
append_tide_tables (GString *html, const char *what, guint first, guint n)
{
  for (guint i = first; i < first + n; i++)
    g_string_append_printf (html, "<p>%s %u: high water %u at %u, low %u at %u, %u boats out.</p>", what, i,
                            i * 7, i * 11, i * 13, i * 17, i * 19);
}

/* Another article that holds two of the three paragraphs the highlights
 * are on: one highlight would lose its place, and the refusal said "1 of
 * the 3 highlights … would lose their place". */
static void
test_update_other_article_one_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/almanac.html");
  g_autoptr(GString) before = g_string_new ("<html><head><title>The Almanac</title></head><body><article>"
                                            "<h1>The Almanac</h1>" TIDE_1 TIDE_2 TIDE_3);
  g_autoptr(GString) after = g_string_new ("<html><head><title>The Harbour Log</title></head><body><article>"
                                           "<h1>The Harbour Log</h1>" TIDE_1 TIDE_3);
  ClipperReanchorCounts counts = { 0 };
  gint64 id = 0;

  append_tide_tables (before, "Almanac entry", 1, 60);
  g_string_append (before, "</article></body></html>");
  append_tide_tables (after, "Harbour log line", 1000, 60);
  g_string_append (after, "</article></body></html>");
  clipper_test_server_add (server, "/almanac.html", 200, "text/html", before->str, -1);
  g_assert_true (save_page (f, url, NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);
  clipper_test_add_highlight (f->store, id, "anyone in the valley thought to move the grain stores", NULL);
  clipper_test_add_highlight (f->store, id, "the wells tasted of silt", NULL);
  clipper_test_add_highlight (f->store, id, "the parish register and the memories", NULL);

  clipper_test_server_add (server, "/almanac.html", 200, "text/html", after->str, -1);
  g_assert_false (update_page (f, f->fetcher, id, CLIPPER_SAVER_UPDATE_NONE, &counts, NULL, &error));
  g_assert_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE);
  g_assert_cmpuint (CLIPPER_REANCHOR_COUNTS_LOST (&counts), ==, 1);
  g_assert_nonnull (strstr (error->message, "now holds 'The Harbour Log', which keeps "));
  g_assert_nonnull (strstr (error->message, ", and 1 of the 3 highlights placed on it would lose its place"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = clipper_test_server_new ();
  clipper_test_server_add (server, "/article.html", 200, "text/html; charset=utf-8", article_html, -1);
  clipper_test_server_add (server, "/page.html", 200, "text/html",
                   "<html><head><title>Page</title></head><body><article>" PARAGRAPHS "</article></body></html>", -1);
  clipper_test_server_add (server, "/img/ok.png", 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (server, "/cafe.html", 200, "text/html", cafe_1252_html, -1);
  clipper_test_server_add (server, "/notes.txt", 200, "text/plain", plain_text, -1);
  clipper_test_server_add (server, "/doc.pdf", 200, "application/pdf", "%PDF-1.4\n", -1);
  clipper_test_server_add (server, "/empty.html", 200, "text/html", "", 0);
  clipper_test_server_add (server, "/nav-only.html", 200, "text/html",
                           "<html><head><title>Nav only</title></head><body><nav><a href=\"/\">Home</a> "
                           "<a href=\"/about\">About</a></nav><footer>© Gazette</footer></body></html>", -1);

  g_test_add ("/saver/save-article", Fixture, NULL, fixture_set_up, test_save_article, fixture_tear_down);
  g_test_add ("/saver/redirected", Fixture, NULL, fixture_set_up, test_save_redirected, fixture_tear_down);
  g_test_add ("/saver/charset", Fixture, NULL, fixture_set_up, test_save_charset, fixture_tear_down);
  g_test_add ("/saver/unlabelled-charset", Fixture, NULL, fixture_set_up, test_save_unlabelled_charset,
              fixture_tear_down);
  g_test_add ("/saver/text", Fixture, NULL, fixture_set_up, test_save_text, fixture_tear_down);
  g_test_add ("/saver/inline-picture-offline", Fixture, NULL, fixture_set_up, test_inline_picture_offline,
              fixture_tear_down);
  g_test_add ("/saver/local-file", Fixture, NULL, fixture_set_up, test_save_local_file, fixture_tear_down);
  g_test_add ("/saver/remote-cannot-read-files", Fixture, NULL, fixture_set_up,
              test_remote_page_cannot_read_files, fixture_tear_down);
  g_test_add ("/saver/slow-image", Fixture, NULL, fixture_set_up, test_slow_image, fixture_tear_down);
  g_test_add ("/saver/failures-write-nothing", Fixture, NULL, fixture_set_up,
              test_failures_write_nothing, fixture_tear_down);
  g_test_add ("/saver/tracking-parameters", Fixture, NULL, fixture_set_up, test_tracking_parameters,
              fixture_tear_down);
  g_test_add ("/saver/no-article", Fixture, NULL, fixture_set_up, test_save_no_article, fixture_tear_down);
  g_test_add ("/saver/async", Fixture, NULL, fixture_set_up, test_save_async, fixture_tear_down);
  g_test_add ("/saver/received", Fixture, NULL, fixture_set_up, test_save_received, fixture_tear_down);
  g_test_add ("/saver/async-cancel", Fixture, NULL, fixture_set_up, test_save_async_cancel, fixture_tear_down);
  g_test_add ("/saver/async-preview", Fixture, NULL, fixture_set_up, test_save_async_preview, fixture_tear_down);
  g_test_add ("/saver/async-library-gone", Fixture, NULL, fixture_set_up, test_save_async_library_gone,
              fixture_tear_down);
  g_test_add ("/saver/refetch", Fixture, NULL, fixture_set_up, test_refetch, fixture_tear_down);
  g_test_add ("/saver/update", Fixture, NULL, fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/saver/fills-bodiless", Fixture, NULL, fixture_set_up, test_save_fills_bodiless, fixture_tear_down);
  g_test_add ("/saver/canonical-link", Fixture, NULL, fixture_set_up, test_canonical_link, fixture_tear_down);
  g_test_add ("/saver/file-names-web-address", Fixture, NULL, fixture_set_up, test_file_names_web_address,
              fixture_tear_down);
  g_test_add ("/saver/file-page-refetch-redirected", Fixture, NULL, fixture_set_up,
              test_file_page_refetch_redirected, fixture_tear_down);
  g_test_add ("/saver/responsive-images", Fixture, NULL, fixture_set_up, test_responsive_images, fixture_tear_down);
  g_test_add ("/saver/update-other-article", Fixture, NULL, fixture_set_up, test_update_other_article,
              fixture_tear_down);
  g_test_add ("/saver/update-other-article-one-lost", Fixture, NULL, fixture_set_up,
              test_update_other_article_one_lost, fixture_tear_down);
  g_test_add ("/saver/update-async", Fixture, NULL, fixture_set_up, test_update_async, fixture_tear_down);
  g_test_add ("/saver/update-keeps-state-given-meanwhile", Fixture, NULL, fixture_set_up,
              test_update_keeps_state_given_meanwhile, fixture_tear_down);
  g_test_add ("/saver/update-carries-position", Fixture, NULL, fixture_set_up, test_update_carries_position,
              fixture_tear_down);
  g_test_add ("/saver/update-carries-position-stored-meanwhile", Fixture, NULL, fixture_set_up,
              test_update_carries_position_stored_meanwhile, fixture_tear_down);
  g_test_add ("/saver/update-images-missing", Fixture, NULL, fixture_set_up, test_update_images_missing,
              fixture_tear_down);
  g_test_add ("/saver/update-images-not-stored", Fixture, NULL, fixture_set_up, test_update_images_not_stored,
              fixture_tear_down);

  ret = g_test_run ();
  g_clear_pointer (&server, clipper_test_server_free);
  return ret;
}
