/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperFetcher against a real SoupServer on 127.0.0.1 (on its own
 * thread) and real files in a temporary folder.
 */
#define G_LOG_DOMAIN "clipper-test"

#include "clipper-fetcher.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "clipper-test-server.h"
#include "clipper-test-util.h"

static ClipperTestServer *server;

static const char page_html[] =
  "<!DOCTYPE html><html><head><title>A page</title></head>"
  "<body><article><h1>A page</h1><p>Some text.</p></article></body></html>";

static ClipperFetchResult *
fetch_path (ClipperFetcher *fetcher, const char *path, GError **error)
{
  g_autofree char *url = clipper_test_server_url (server, path);

  return clipper_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, error);
}

static void
test_fetch_html (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/page.html");

  result = fetch_path (fetcher, "/page.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->uri, ==, url);
  g_assert_cmpstr (result->requested_uri, ==, url);
  g_assert_cmpstr (result->content_type, ==, "text/html");
  g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_false (result->is_local);
  g_assert_cmpstr (result->charset, ==, "UTF-8");
  g_assert_cmpint (result->charset_source, ==, CLIPPER_CHARSET_SOURCE_GUESS);
  g_assert_cmpmem (g_bytes_get_data (result->raw, NULL), g_bytes_get_size (result->raw),
                   page_html, strlen (page_html));
  g_assert_cmpstr (result->text, ==, page_html);
  g_assert_cmpuint (result->text_length, ==, strlen (page_html));
}

static void
test_user_agent (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch_path (fetcher, "/ua", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (result->text, "Clipper/" PACKAGE_VERSION " "));
  g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_TEXT);
}

static void
test_redirects (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *final = clipper_test_server_url (server, "/page.html");
  g_autofree char *start = clipper_test_server_url (server, "/redirect/3");

  /* Four hops (3, 2, 1, 0 → page) are within the default of 10. */
  result = fetch_path (fetcher, "/redirect/3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->uri, ==, final);
  g_assert_cmpstr (result->requested_uri, ==, start);
  g_assert_cmpstr (result->text, ==, page_html);
  g_clear_pointer (&result, clipper_fetch_result_free);

  /* More than allowed. */
  clipper_fetcher_set_max_redirects (fetcher, 3);
  result = fetch_path (fetcher, "/redirect/3", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "more than 3 redirects"));
  g_assert_null (result);
}

static void
test_redirect_loop (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint hits_before = clipper_test_server_get_hits (server, "/loop-a");

  result = fetch_path (fetcher, "/loop-a", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "redirect loop"));
  g_assert_null (result);
  /* Found on the second round, not after ten round trips (a page may
   * legitimately send us back once, after setting a cookie). */
  g_assert_cmpuint (clipper_test_server_get_hits (server, "/loop-a") - hits_before, ==, 2);
}

/* A page that sets a cookie and sends us back to itself is not a loop. */
static void
test_redirect_with_cookie (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/cookie");

  result = fetch_path (fetcher, "/cookie", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->uri, ==, url);
  g_assert_cmpstr (result->text, ==, "<p>welcome back</p>");
}

static void
test_redirect_to_file_refused (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch_path (fetcher, "/to-file", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "not a web address"));
  g_assert_null (result);
}

/* A page that sends the reader elsewhere at once with a <meta> refresh (a
 * link shortener's stub, a moved page's notice) is followed to the page it
 * leads to, as a browser shows it; a slow refresh (a news page reloading
 * itself), one to the page itself, to what was already visited, or to a
 * non-web address is not, and the page is kept as it is. */
static void
test_meta_refresh (void)
{
  struct { const char *path; const char *ends_at; const char *text; } cases[] = {
    { "/refresh/now", "/page.html", page_html },
    { "/refresh/quoted", "/page.html", page_html },
    { "/refresh/in-5-seconds", "/page.html", page_html },
    { "/refresh/chain", "/page.html", page_html },
    { "/refresh/slow", "/refresh/slow", NULL },
    { "/refresh/self", "/refresh/self", NULL },
    { "/refresh/reload", "/refresh/reload", NULL },
    { "/refresh/to-file", "/refresh/to-file", NULL },
    { "/refresh/loop-a", "/refresh/loop-b", NULL },
    { "/refresh/in-a-comment", "/refresh/in-a-comment", NULL },
  };
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *start = clipper_test_server_url (server, cases[i].path);
      g_autofree char *end = clipper_test_server_url (server, cases[i].ends_at);

      result = fetch_path (fetcher, cases[i].path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (result->uri, ==, end);
      g_assert_cmpstr (result->requested_uri, ==, start);
      if (cases[i].text != NULL)
        g_assert_cmpstr (result->text, ==, cases[i].text);
      else
        g_assert_nonnull (strstr (result->text, "refresh"));
    }

  /* Within the redirect limit, as redirects are. */
  {
    g_autoptr(ClipperFetchResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *start = clipper_test_server_url (server, "/refresh/chain");

    clipper_fetcher_set_max_redirects (fetcher, 1);
    result = fetch_path (fetcher, "/refresh/chain", &error);
    g_assert_no_error (error);
    g_assert_false (g_str_has_suffix (result->uri, "/page.html"));
    g_assert_cmpstr (result->requested_uri, ==, start);
  }
}

static void
test_http_errors (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = clipper_test_server_url (server, "/missing");
  g_autofree char *expected = g_strdup_printf ("the server answered 404 Not Found for %s", missing);

  result = fetch_path (fetcher, "/missing", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  result = fetch_path (fetcher, "/gone", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "410"));
  g_clear_error (&error);

  result = fetch_path (fetcher, "/error", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500 Internal Server Error"));
  g_clear_error (&error);

  result = fetch_path (fetcher, "/forbidden", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "403"));
  g_assert_null (result);
}

static void
test_timeout (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  clipper_fetcher_set_timeout (fetcher, 1);
  result = fetch_path (fetcher, "/slow", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "timed out after 1 s"));
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

static void
test_connect_timeout (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* No total timeout: the wait for the server's answer alone is bounded. */
  clipper_fetcher_set_timeout (fetcher, 0);
  clipper_fetcher_set_connect_timeout (fetcher, 1);
  result = fetch_path (fetcher, "/slow", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT);
  g_assert_true (g_str_has_prefix (error->message, "no answer from "));
  g_assert_true (g_str_has_suffix (error->message, "/slow within 1 s"));
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* What the app and clipper-cli take as an address (QA finding 15: the
 * rule was the app's alone). */
static void
test_typed_uri (void)
{
  static const struct {
    const char *in;
    const char *out;
    const char *fallback;
  } cases[] = {
    { "https://example.org/a", "https://example.org/a", NULL },
    { "  example.org/page \n", "https://example.org/page", "http://example.org/page" },
    { "news.example.org", "https://news.example.org", "http://news.example.org" },
    { "example.org:8080/page", "https://example.org:8080/page", "http://example.org:8080/page" },
    { "example.org:8080", "https://example.org:8080", "http://example.org:8080" },
    { "example.org?q=1", "https://example.org?q=1", "http://example.org?q=1" },
    { "localhost:8000/notes.html", "http://localhost:8000/notes.html", NULL },
    { "localhost/notes.html", "http://localhost/notes.html", NULL },
    { "127.0.0.1:8765/page", "http://127.0.0.1:8765/page", NULL },
    { "127.example.org/page", "https://127.example.org/page", "http://127.example.org/page" },
    { "[::1]:8080/", "http://[::1]:8080/", NULL },
    { "file:///tmp/page.html", "file:///tmp/page.html", NULL },
    { "/tmp/page.html", "file:///tmp/page.html", NULL },
    { "notes.html", NULL, NULL },
    { "notes/page.html", NULL, NULL },
    { "example.org:808000/page", NULL, NULL },
    { "mailto:someone@example.org", NULL, NULL },
    { "javascript:alert(1)", NULL, NULL },
    { "example:8080x", NULL, NULL },
    { "hello world", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fallback = NULL;
      g_autofree char *got = clipper_fetch_dup_typed_uri (cases[i].in, &fallback);

      g_assert_cmpstr (got, ==, cases[i].out);
      g_assert_cmpstr (fallback, ==, cases[i].fallback);
    }
}

/* QA finding 11: a server that answered and sent part of the page, then
 * nothing more, was said to give "no answer". */
static void
test_stalled_body (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/stall");
  g_autofree char *expected = g_strdup_printf ("%s stopped sending: 62 bytes came, then nothing for 1 s", url);
  gint64 start = g_get_monotonic_time ();

  clipper_fetcher_set_timeout (fetcher, 0);
  clipper_fetcher_set_connect_timeout (fetcher, 1);
  result = fetch_path (fetcher, "/stall", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, expected);
  /* The app says "the server stopped sending the page" from this. */
  g_assert_true (clipper_fetch_error_is_stopped (error));
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* QA-p finding 2: a server that answered, sent part of the page and
 * closed the connection before the end its Content-Length announced was
 * reported as a network error ("cannot fetch …: Connection terminated
 * unexpectedly"), and the app said "No connection". */
static void
test_cut_short (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/short");
  g_autofree char *expected = g_strdup_printf ("%s stopped in the middle of the page: 122 bytes came, "
                                               "then the connection ended", url);

  result = fetch_path (fetcher, "/short", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_CUT_SHORT);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_true (clipper_fetch_error_is_stopped (error));
  /* A server that drops a page halfway may well send it whole next time. */
  g_assert_true (clipper_fetch_error_is_temporary (error));
  g_assert_null (result);
}

static void
test_size_cap (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;

  clipper_fetcher_set_max_size (fetcher, 64 * 1024);

  /* An endless chunked body stops at the cap. */
  result = fetch_path (fetcher, "/endless", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "page too large (over 64 KB)"));
  g_assert_null (result);
  g_clear_error (&error);

  /* A declared length over the cap is refused before the body comes. */
  big = g_strnfill (100 * 1024, 'x');
  clipper_test_server_add (server, "/big.html", 200, "text/html", big, -1);
  result = fetch_path (fetcher, "/big.html", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Just under the cap is fine. */
  big[64 * 1024] = '\0';
  clipper_test_server_add (server, "/fits.html", 200, "text/html", big, -1);
  result = fetch_path (fetcher, "/fits.html", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->text_length, ==, 64 * 1024);
}

static void
test_default_cap_message (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (clipper_fetcher_get_max_size (fetcher), ==, 20 * 1024 * 1024);
  g_assert_cmpuint (clipper_fetcher_get_timeout (fetcher), ==, 60);
  /* QA finding 11: 15 s, and a page slower than that could never be
   * saved; browsers wait longer still. */
  g_assert_cmpuint (clipper_fetcher_get_connect_timeout (fetcher), ==, 30);
  g_assert_cmpuint (clipper_fetcher_get_max_redirects (fetcher), ==, 10);

  /* 20 MB of endless body at full speed stays quick on loopback. */
  result = fetch_path (fetcher, "/endless", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "page too large (over 20 MB)"));
}

static void
test_unsupported_types (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  struct {
    const char *path;
    const char *type_in_message;
  } cases[] = {
    { "/doc.pdf", "application/pdf" },
    { "/image.png", "image/png" },
    { "/binary", "application/" },          /* octet-stream with binary bytes */
    { "/untyped.pdf", "application/pdf" },  /* no header: sniffed */
    { "/data.json", "application/json" },
    { "/feed.xml", "application/xml" },     /* XML that is not XHTML */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = clipper_test_server_url (server, cases[i].path);
      g_autofree char *start = g_strdup_printf ("'%s' is not a web page (content type %s", url,
                                                cases[i].type_in_message);

      result = fetch_path (fetcher, cases[i].path, &error);
      g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
      if (!g_str_has_prefix (error->message, start))
        g_error ("%s: unexpected message: %s", cases[i].path, error->message);
      g_assert_null (result);
    }
}

static void
test_sniffed_types (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  struct {
    const char       *path;
    ClipperFetchKind  kind;
    const char       *content_type;
  } cases[] = {
    { "/octet.html", CLIPPER_FETCH_KIND_HTML, "text/html" },
    { "/untyped.html", CLIPPER_FETCH_KIND_HTML, "text/html" },
    { "/page.xhtml", CLIPPER_FETCH_KIND_XHTML, "application/xhtml+xml" },
    { "/xhtml-as-xml", CLIPPER_FETCH_KIND_XHTML, "application/xhtml+xml" },
    { "/notes.txt", CLIPPER_FETCH_KIND_TEXT, "text/plain" },
    { "/untyped.txt", CLIPPER_FETCH_KIND_TEXT, "text/plain" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = fetch_path (fetcher, cases[i].path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->kind, ==, cases[i].kind);
      g_assert_cmpstr (result->content_type, ==, cases[i].content_type);
    }
}

typedef struct {
  const char *path;
  const char *content_type;
  const char *body;
  gsize       length;
  const char *charset;
  ClipperCharsetSource source;
  const char *expected_text;   /* must occur in the decoded text */
} CharsetCase;

#define BODY(s) s, sizeof s - 1

static const CharsetCase charset_cases[] = {
  /* windows-1252 from the header, with its characters in 0x80–0x9F. */
  { "/cs/w1252", "text/html; charset=windows-1252",
    BODY ("<p>caf\xe9 \x93quoted\x94 \x80 5</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_HEADER, "café “quoted” € 5" },
  /* "iso-8859-1" means windows-1252 (WHATWG), so 0x80 is the euro sign. */
  { "/cs/latin1", "text/html; charset=ISO-8859-1",
    BODY ("<p>\x80 na\xefve</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_HEADER, "€ naïve" },
  { "/cs/ascii", "text/html; charset=us-ascii",
    BODY ("<p>\x85</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_HEADER, "…" },
  /* ISO-8859-2 from <meta charset>. */
  { "/cs/iso2-meta", "text/html",
    BODY ("<!DOCTYPE html><html><head><meta charset=\"iso-8859-2\"><title>t</title></head>"
          "<body><p>Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1</p></body></html>"),
    "ISO-8859-2", CLIPPER_CHARSET_SOURCE_META, "Zażółć gęślą jaźń" },
  /* ISO-8859-2 from <meta http-equiv>, after a comment that mentions another charset. */
  { "/cs/iso2-equiv", "text/html",
    BODY ("<html><head><!-- <meta charset=utf-8> --><meta http-equiv=\"Content-Type\" "
          "content=\"text/html; charset=ISO-8859-2\"></head><body><p>\xa3\xf3\x64\xbc</p></body></html>"),
    "ISO-8859-2", CLIPPER_CHARSET_SOURCE_META, "Łódź" },
  /* Shift_JIS from the header. */
  { "/cs/sjis", "text/html; charset=Shift_JIS",
    BODY ("<p>\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67</p>"),
    "CP932", CLIPPER_CHARSET_SOURCE_HEADER, "日本語のテキスト" },
  /* Shift_JIS from <meta>. */
  { "/cs/sjis-meta", "text/html",
    BODY ("<html><head><meta charset=shift_jis></head><body><p>\x93\xfa\x96\x7b</p></body></html>"),
    "CP932", CLIPPER_CHARSET_SOURCE_META, "日本" },
  /* UTF-16 with a BOM, no charset anywhere. */
  { "/cs/utf16le", "text/html",
    BODY ("\xff\xfe<\0p\0>\0h\0\xe9\0l\0l\0o\0 \0\x03\x26<\0/\0p\0>\0"),
    "UTF-16LE", CLIPPER_CHARSET_SOURCE_BOM, "<p>héllo ☃</p>" },
  { "/cs/utf16be", "text/html",
    BODY ("\xfe\xff\0<\0p\0>\0h\0\xe9\0l\0l\0o\0 \x26\x03\0<\0/\0p\0>"),
    "UTF-16BE", CLIPPER_CHARSET_SOURCE_BOM, "<p>héllo ☃</p>" },
  /* The header wins over <meta>. */
  { "/cs/header-vs-meta", "text/html; charset=windows-1252",
    BODY ("<html><head><meta charset=utf-8></head><body><p>caf\xe9</p></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_HEADER, "café" },
  /* A BOM wins over the header (as in browsers): no "Ã©" mojibake. */
  { "/cs/bom-vs-header", "text/html; charset=windows-1252",
    BODY ("\xef\xbb\xbf<p>caf\xc3\xa9</p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_BOM, "<p>café</p>" },
  /* A BOM wins over <meta> too. */
  { "/cs/bom-vs-meta", "text/html",
    BODY ("\xff\xfe<\0m\0e\0t\0a\0 \0c\0h\0a\0r\0s\0e\0t\0=\0l\0a\0t\0i\0n\0\x32\0>\0\xe9\0"),
    "UTF-16LE", CLIPPER_CHARSET_SOURCE_BOM, "<meta charset=latin2>é" },
  /* An unknown label in the header is ignored, <meta> decides. */
  { "/cs/bogus-header", "text/html; charset=no-such-charset",
    BODY ("<meta charset=windows-1252><p>\xe9t\xe9</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_META, "été" },
  /* No label: valid UTF-8 is UTF-8 … */
  { "/cs/guess-utf8", "text/html",
    BODY ("<p>na\xc3\xafve \xe2\x82\xac</p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_GUESS, "naïve €" },
  /* … anything else windows-1252. */
  { "/cs/guess-1252", "text/html",
    BODY ("<p>na\xefve \x80</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "naïve €" },
  /* Broken bytes in a page that says UTF-8 become U+FFFD, the rest survives. */
  { "/cs/broken-utf8", "text/html; charset=utf-8",
    BODY ("<p>ok \xff\xfe ok \xe2\x82</p><p>end</p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_HEADER, "ok \xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd" },
  /* A <meta> claiming UTF-16 in an ASCII page is read as UTF-8. */
  { "/cs/meta-utf16", "text/html",
    BODY ("<meta charset=utf-16><p>caf\xc3\xa9</p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_META, "café" },
  /* XHTML's XML declaration. */
  { "/cs/xml-decl", "application/xhtml+xml",
    BODY ("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
          "<body><p>\xb1</p></body></html>"),
    "ISO-8859-2", CLIPPER_CHARSET_SOURCE_META, "<p>ą</p>" },
};

static void
test_charsets (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (charset_cases); i++)
    {
      const CharsetCase *c = &charset_cases[i];
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      clipper_test_server_add (server, c->path, 200, c->content_type, c->body, c->length);
      result = fetch_path (fetcher, c->path, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s (%d): %s", c->path, result->charset, result->charset_source, result->text);
      g_assert_cmpstr (result->charset, ==, c->charset);
      g_assert_cmpint (result->charset_source, ==, c->source);
      g_assert_true (g_utf8_validate (result->text, result->text_length, NULL));
      g_assert_cmpuint (strlen (result->text), ==, result->text_length);
      if (strstr (result->text, c->expected_text) == NULL)
        g_error ("%s: expected '%s' in '%s'", c->path, c->expected_text, result->text);
      /* The raw body is kept exactly as received. */
      g_assert_cmpmem (g_bytes_get_data (result->raw, NULL), g_bytes_get_size (result->raw), c->body, c->length);
      /* No BOM left in the text. */
      g_assert_false (g_str_has_prefix (result->text, "\xef\xbb\xbf"));
    }
}

static void
test_charset_labels (void)
{
  struct {
    const char *label;
    const char *name;
  } cases[] = {
    { "latin1", "WINDOWS-1252" }, { " ISO-8859-1 ", "WINDOWS-1252" }, { "US-ASCII", "WINDOWS-1252" },
    { "utf8", "UTF-8" }, { "Shift_JIS", "CP932" }, { "x-sjis", "CP932" }, { "latin2", "ISO-8859-2" },
    { "gb2312", "GB18030" }, { "euc-kr", "CP949" }, { "iso-8859-9", "WINDOWS-1254" },
    { "ISO-8859-5", "ISO-8859-5" },   /* not in the table: iconv knows it */
    { "utf-8//IGNORE", NULL }, { "no-such-charset", NULL }, { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = clipper_charset_normalize (cases[i].label);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_charset_nul_and_truncated (void)
{
  static const guint8 with_nul[] = "a\0b";
  static const guint8 cut_utf16[] = { 'a', 0, 'b' };
  g_autofree char *text = NULL;
  gsize length = 0;

  text = clipper_charset_to_utf8 (with_nul, 3, "UTF-8", &length);
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpuint (length, ==, 5);
  g_clear_pointer (&text, g_free);

  /* An odd number of UTF-16 bytes: the last one becomes U+FFFD. */
  text = clipper_charset_to_utf8 (cut_utf16, sizeof cut_utf16, "UTF-16LE", &length);
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd");
  g_clear_pointer (&text, g_free);

  /* An encoding iconv does not know is read as windows-1252. */
  text = clipper_charset_to_utf8 ((const guint8 *) "\xe9", 1, "NO-SUCH", &length);
  g_assert_cmpstr (text, ==, "é");
}

/* Text files (a Kindle's clippings saved again by an editor) name no
 * encoding: a BOM of UTF-8, UTF-16 or UTF-32 says it, UTF-16 without one
 * is told by its NUL bytes (a stray NUL is no UTF-16), a <meta charset> in
 * the text is no label, and else the page guess decides. */
static void
test_charset_guess_text (void)
{
  static const struct {
    const char *bytes;
    gsize len;
    const char *expected;
    ClipperCharsetSource source;
  } cases[] = {
    { "\xef\xbb\xbf" "a", 4, "UTF-8", CLIPPER_CHARSET_SOURCE_BOM },
    { "\xff\xfe" "a\0", 4, "UTF-16LE", CLIPPER_CHARSET_SOURCE_BOM },
    { "\xfe\xff\0a", 4, "UTF-16BE", CLIPPER_CHARSET_SOURCE_BOM },
    { "\xff\xfe\0\0" "a\0\0\0", 8, "UTF-32LE", CLIPPER_CHARSET_SOURCE_BOM },
    { "\0\0\xfe\xff\0\0\0a", 8, "UTF-32BE", CLIPPER_CHARSET_SOURCE_BOM },
    { "B\0o\0o\0k\0\n\0", 10, "UTF-16LE", CLIPPER_CHARSET_SOURCE_GUESS },
    { "\0B\0o\0o\0k\0\n", 10, "UTF-16BE", CLIPPER_CHARSET_SOURCE_GUESS },
    { "a stray NUL\0 in Caf\xc3\xa9, na\xc3\xafve, \xc3\xbc" "ber, d\xc3\xa9j\xc3\xa0 \xc3\xa9t\xc3\xa9 \xc3\xa0 vu", 56, "UTF-8",
      CLIPPER_CHARSET_SOURCE_GUESS },
    { "<meta charset=\"koi8-r\"> Caf\xc3\xa9", 29, "UTF-8", CLIPPER_CHARSET_SOURCE_GUESS },
    { "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0", 11, "WINDOWS-1251", CLIPPER_CHARSET_SOURCE_GUESS },
    { "Caf\xe9 na\xefve \xfc" "ber", 15, "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ClipperCharsetSource source;
      g_autofree char *name = clipper_charset_guess_text ((const guint8 *) cases[i].bytes, cases[i].len, &source);

      g_assert_cmpstr (name, ==, cases[i].expected);
      g_assert_cmpint (source, ==, cases[i].source);
    }
}

/* A small file that is UTF-8 but for one stray byte (a Kindle's clippings
 * with one byte broken, or a Latin-1 "é" pasted in among UTF-8 accents)
 * is UTF-8: legacy text is almost never valid UTF-8 for two characters
 * in a row.  Until 30 November 2026 it took 16 good characters for each
 * broken one, and a French clipping with five accents was read as
 * windows-1252, each of them two wrong letters ("cÅ“ur").  Real legacy
 * files, with no valid multi-byte character at all, stay legacy. */
static void
test_charset_guess_mostly_utf8 (void)
{
  static const char *const utf8[] = {
    /* Russian, 300 bytes or so, one stray 0xFF. */
    "\xd0\x9c\xd0\xb0\xd1\x81\xd1\x82\xd0\xb5\xd1\x80 \xd0\xb8 \xd0\x9c\xd0\xb0\xd1\x80\xd0\xb3\xd0\xb0\xd1\x80"
    "\xd0\xb8\xd1\x82\xd0\xb0 (\xd0\x91\xd1\x83\xd0\xbb\xd0\xb3\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb2)\n"
    "- Your Highlight on Location 1406-1407 | Added on Sunday, 5 March 2023 21:04:10\n\n"
    "\xd0\x9d\xd0\xb8\xd0\xba\xd0\xbe\xd0\xb3\xd0\xb4\xd0\xb0 \xd0\xb8 \xd0\xbd\xd0\xb8\xd1\x87\xd0\xb5\xd0\xb3"
    "\xd0\xbe \xff\xd0\xbd\xd0\xb5 \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd0\xb8\xd1\x82\xd0\xb5!\n==========\n",
    /* French: four accents in UTF-8, one "é" in Latin-1. */
    "Le Petit Prince (Saint-Exup\xc3\xa9ry, Antoine de)\n"
    "- Your Highlight on page 72 | Location 1090-1092 | Added on Sunday, 5 March 2023 21:04:10\n\n"
    "On ne voit bien qu\xe2\x80\x99" "avec le c\xc5\x93ur. C'est le temps que tu as perdu pour ta rose, "
    "d\xe9j\xc3\xa0 perdu.\n==========\n",
  };
  static const char *const legacy[] = {
    /* No valid multi-byte character: what legacy text is. */
    "Caf\xe9 na\xefve \xfc" "ber d\xe9j\xe0 \xe9t\xe9",
    "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0",
    /* windows-1252 whose bytes once make a valid pair ("Ã©" written on
     * purpose, among ten that are not). */
    "na\xefve \xe0 \xe9t\xe9 d\xe9j\xe0 caf\xe9 \xc3\xa9 cr\xe8me br\xfbl\xe9" "e \xeet",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (utf8); i++)
    {
      g_autofree char *name = clipper_charset_guess_text ((const guint8 *) utf8[i], strlen (utf8[i]), NULL);

      g_test_message ("utf8[%" G_GSIZE_FORMAT "]: %s", i, name);
      g_assert_cmpstr (name, ==, "UTF-8");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (legacy); i++)
    {
      g_autofree char *name = clipper_charset_guess_text ((const guint8 *) legacy[i], strlen (legacy[i]), NULL);

      g_test_message ("legacy[%" G_GSIZE_FORMAT "]: %s", i, name);
      g_assert_cmpstr (name, !=, "UTF-8");
    }
}

/* clipper_charset_decode() says where each U+FFFD stands for bytes it
 * could not read, after a BOM is dropped and NULs are replaced too; a
 * U+FFFD the text holds is none of them. */
static void
test_charset_decode_unreadable (void)
{
  static const guint8 utf8[] = "ok \xef\xbf\xbd \xff x\0y";
  static const guint8 utf16[] = { 0xff, 0xfe, 'a', 0, 0x00, 0xd8, 'b', 0, 0, 0, 'c', 0 };
  g_autoptr (GArray) unreadable = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = clipper_charset_decode (utf8, sizeof utf8 - 1, "UTF-8", &length, &unreadable);
  g_assert_cmpstr (text, ==, "ok \xef\xbf\xbd \xef\xbf\xbd x\xef\xbf\xbdy");
  g_assert_cmpuint (unreadable->len, ==, 2);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 0), ==, 7);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 1), ==, 12);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&unreadable, g_array_unref);

  /* A lone surrogate and a NUL, after a BOM. */
  text = clipper_charset_decode (utf16, sizeof utf16, "UTF-16LE", &length, &unreadable);
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
  g_assert_cmpuint (unreadable->len, ==, 2);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 0), ==, 1);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 1), ==, 5);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&unreadable, g_array_unref);

  /* A lead byte beyond U+10FFFF, which glibc's iconv passes on (the
   * import fuzzer's Kindle file): each byte U+FFFD, the text valid. */
  text = clipper_charset_decode ((const guint8 *) "a\xf5\xbe\x9d\x9d \xff b", 9, "UTF-8", &length, &unreadable);
  g_assert_true (g_utf8_validate_len (text, length, NULL));
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd b");
  g_assert_cmpuint (unreadable->len, ==, 5);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 0), ==, 1);
  g_assert_cmpuint (g_array_index (unreadable, gsize, 4), ==, 14);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&unreadable, g_array_unref);

  text = clipper_charset_decode ((const guint8 *) "valid", 5, "UTF-8", &length, &unreadable);
  g_assert_cmpuint (unreadable->len, ==, 0);
}

/* Pages that name no character set and are not UTF-8, one in each
 * encoding the guess knows: 2–4 sentences of prose, as an old page in that
 * language would have them.  Each must come out readable. */
static const CharsetCase guess_cases[] = {
  /* French, windows-1252: "Le café de la place ouvre à six heures. Les habitués y lisen…" */
  { "/cs/guess/w1252", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"fr\"><head><title>Le caf\xe9</title></head><body><article><h1>Le caf"
          "\xe9</h1><p>Le caf\xe9 de la place ouvre \xe0 six heures. Les habitu\xe9s y lisent le journal en"
          " mangeant une cr\xe8me br\xfbl\xe9" "e, et le patron raconte \xe0 qui veut l\x92" "entendre l"
          "\x92histoire de son grand-p\xe8re, arriv\xe9 ici apr\xe8s la guerre.</p></article></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "crème brûlée" },
  /* German, windows-1252: "Die Brücke über den Fluss wurde im Frühjahr für den Verkehr …" */
  { "/cs/guess/w1252-de", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"de\"><head><title>Die Br\xfc" "cke</title></head><body><article><h1>"
          "Die Br\xfc" "cke</h1><p>Die Br\xfc" "cke \xfc" "ber den Fluss wurde im Fr\xfchjahr f\xfcr den Ve"
          "rkehr gesperrt. Die B\xfcrger der Stadt m\xfcssen nun einen Umweg von f\xfcnf Kilometern fahren,"
          " w\xe4hrend die Arbeiter die alten Stahltr\xe4ger austauschen. Eine L\xf6sung ist erst f\xfcr de"
          "n Sp\xe4tsommer geplant.</p></article></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "Brücke über" },
  /* Polish, windows-1250: "Wczoraj wieczorem w małym miasteczku na północy kraju odbył …" */
  { "/cs/guess/w1250-pl", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"pl\"><head><title>Koncert w ma\xb3ym miasteczku</title></head><body>"
          "<article><h1>Koncert w ma\xb3ym miasteczku</h1><p>Wczoraj wieczorem w ma\xb3ym miasteczku na p"
          "\xf3\xb3nocy kraju odby\xb3 si\xea koncert muzyki ludowej. Mieszka\xf1" "cy przyszli ca\xb3ymi r"
          "odzinami, a dzieci ta\xf1" "czy\xb3y przed scen\xb9 a\xbf do p\xf3\x9fnej nocy. Organizatorzy ju"
          "\xbf zapowiadaj\xb9, \xbf" "e w przysz\xb3ym roku festiwal potrwa dwa dni.</p></article></body><"
          "/html>"),
    "WINDOWS-1250", CLIPPER_CHARSET_SOURCE_GUESS, "Mieszkańcy przyszli całymi" },
  /* Czech, windows-1250: "Včera večer se v malém městě na severu země konal koncert li…" */
  { "/cs/guess/w1250-cs", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"cs\"><head><title>Koncert v mal\xe9m m\xecst\xec</title></head><body"
          "><article><h1>Koncert v mal\xe9m m\xecst\xec</h1><p>V\xe8" "era ve\xe8" "er se v mal\xe9m m\xecs"
          "t\xec na severu zem\xec konal koncert lidov\xe9 hudby. Obyvatel\xe9 p\xf8i\x9ali s cel\xfdmi rod"
          "inami a d\xecti tan\xe8ily p\xf8" "ed p\xf3" "diem a\x9e do pozdn\xed noci. Po\xf8" "adatel\xe9 "
          "u\x9e slibuj\xed, \x9e" "e p\xf8\xed\x9at\xed rok bude festival trvat dva dny.</p></article></bo"
          "dy></html>"),
    "WINDOWS-1250", CLIPPER_CHARSET_SOURCE_GUESS, "Pořadatelé už slibují" },
  /* Russian, windows-1251: "Это длинный абзац о том, как в маленьком городе на севере ст…" */
  { "/cs/guess/w1251", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ru\"><head><title>\xca\xee\xed\xf6\xe5\xf0\xf2 \xe2 \xec\xe0\xeb\xe5"
          "\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5</title></head><body><article><h1>\xca\xee\xed\xf6"
          "\xe5\xf0\xf2 \xe2 \xec\xe0\xeb\xe5\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5</h1><p>\xdd\xf2"
          "\xee \xe4\xeb\xe8\xed\xed\xfb\xe9 \xe0\xe1\xe7\xe0\xf6 \xee \xf2\xee\xec, \xea\xe0\xea \xe2 \xec"
          "\xe0\xeb\xe5\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5 \xed\xe0 \xf1\xe5\xe2\xe5\xf0\xe5 \xf1"
          "\xf2\xf0\xe0\xed\xfb \xef\xf0\xee\xf8\xb8\xeb \xea\xee\xed\xf6\xe5\xf0\xf2 \xed\xe0\xf0\xee\xe4"
          "\xed\xee\xe9 \xec\xf3\xe7\xfb\xea\xe8. \xc6\xe8\xf2\xe5\xeb\xe8 \xef\xf0\xe8\xf8\xeb\xe8 \xf6"
          "\xe5\xeb\xfb\xec\xe8 \xf1\xe5\xec\xfc\xff\xec\xe8, \xe0 \xe4\xe5\xf2\xe8 \xf2\xe0\xed\xf6\xe5"
          "\xe2\xe0\xeb\xe8 \xef\xe5\xf0\xe5\xe4 \xf1\xf6\xe5\xed\xee\xe9 \xe4\xee \xef\xee\xe7\xe4\xed\xe5"
          "\xe9 \xed\xee\xf7\xe8. \xce\xf0\xe3\xe0\xed\xe8\xe7\xe0\xf2\xee\xf0\xfb \xf3\xe6\xe5 \xee\xe1"
          "\xe5\xf9\xe0\xfe\xf2, \xf7\xf2\xee \xe2 \xf1\xeb\xe5\xe4\xf3\xfe\xf9\xe5\xec \xe3\xee\xe4\xf3 "
          "\xf4\xe5\xf1\xf2\xe8\xe2\xe0\xeb\xfc \xef\xf0\xee\xe4\xeb\xe8\xf2\xf1\xff \xe4\xe2\xe0 \xe4\xed"
          "\xff.</p></article></body></html>"),
    "WINDOWS-1251", CLIPPER_CHARSET_SOURCE_GUESS, "Это длинный абзац" },
  /* Russian, koi8-r: "Это длинный абзац о том, как в маленьком городе на севере ст…" */
  { "/cs/guess/koi8r", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ru\"><head><title>\xeb\xcf\xce\xc3\xc5\xd2\xd4 \xd7 \xcd\xc1\xcc\xc5"
          "\xce\xd8\xcb\xcf\xcd \xc7\xcf\xd2\xcf\xc4\xc5</title></head><body><article><h1>\xeb\xcf\xce\xc3"
          "\xc5\xd2\xd4 \xd7 \xcd\xc1\xcc\xc5\xce\xd8\xcb\xcf\xcd \xc7\xcf\xd2\xcf\xc4\xc5</h1><p>\xfc\xd4"
          "\xcf \xc4\xcc\xc9\xce\xce\xd9\xca \xc1\xc2\xda\xc1\xc3 \xcf \xd4\xcf\xcd, \xcb\xc1\xcb \xd7 \xcd"
          "\xc1\xcc\xc5\xce\xd8\xcb\xcf\xcd \xc7\xcf\xd2\xcf\xc4\xc5 \xce\xc1 \xd3\xc5\xd7\xc5\xd2\xc5 \xd3"
          "\xd4\xd2\xc1\xce\xd9 \xd0\xd2\xcf\xdb\xa3\xcc \xcb\xcf\xce\xc3\xc5\xd2\xd4 \xce\xc1\xd2\xcf\xc4"
          "\xce\xcf\xca \xcd\xd5\xda\xd9\xcb\xc9. \xf6\xc9\xd4\xc5\xcc\xc9 \xd0\xd2\xc9\xdb\xcc\xc9 \xc3"
          "\xc5\xcc\xd9\xcd\xc9 \xd3\xc5\xcd\xd8\xd1\xcd\xc9, \xc1 \xc4\xc5\xd4\xc9 \xd4\xc1\xce\xc3\xc5"
          "\xd7\xc1\xcc\xc9 \xd0\xc5\xd2\xc5\xc4 \xd3\xc3\xc5\xce\xcf\xca \xc4\xcf \xd0\xcf\xda\xc4\xce\xc5"
          "\xca \xce\xcf\xde\xc9. \xef\xd2\xc7\xc1\xce\xc9\xda\xc1\xd4\xcf\xd2\xd9 \xd5\xd6\xc5 \xcf\xc2"
          "\xc5\xdd\xc1\xc0\xd4, \xde\xd4\xcf \xd7 \xd3\xcc\xc5\xc4\xd5\xc0\xdd\xc5\xcd \xc7\xcf\xc4\xd5 "
          "\xc6\xc5\xd3\xd4\xc9\xd7\xc1\xcc\xd8 \xd0\xd2\xcf\xc4\xcc\xc9\xd4\xd3\xd1 \xc4\xd7\xc1 \xc4\xce"
          "\xd1.</p></article></body></html>"),
    "KOI8-R", CLIPPER_CHARSET_SOURCE_GUESS, "Жители пришли целыми семьями" },
  /* Ukrainian, koi8-u: "Україна є державою у Східній Європі. Її столиця, Київ, стоїт…" */
  { "/cs/guess/koi8u", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"uk\"><head><title>\xf1\xd2\xcd\xc1\xd2\xcf\xcb</title></head><body><"
          "article><p>\xf5\xcb\xd2\xc1\xa7\xce\xc1 \xa4 \xc4\xc5\xd2\xd6\xc1\xd7\xcf\xc0 \xd5 \xf3\xc8\xa6"
          "\xc4\xce\xa6\xca \xb4\xd7\xd2\xcf\xd0\xa6. \xb7\xa7 \xd3\xd4\xcf\xcc\xc9\xc3\xd1, \xeb\xc9\xa7"
          "\xd7, \xd3\xd4\xcf\xa7\xd4\xd8 \xce\xc1 \xe4\xce\xa6\xd0\xd2\xa6. \xfd\xcf\xcf\xd3\xc5\xce\xa6 "
          "\xd4\xd5\xd4 \xd7\xa6\xc4\xcb\xd2\xc9\xd7\xc1\xa4\xd4\xd8\xd3\xd1 \xd1\xd2\xcd\xc1\xd2\xcf\xcb.<"
          "/p></article></body></html>"),
    "KOI8-U", CLIPPER_CHARSET_SOURCE_GUESS, "Україна є державою" },
  /* Icelandic, windows-1252 (ð þ æ are its letters, not Turkish or Baltic ones). */
  { "/cs/guess/w1252-is", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"is\"><head><title>Fj\xe1rl\xf6g</title></head><body><article><p>R"
          "\xedkisstj\xf3rnin kynnti \xed dag fj\xe1rlagafrumvarp n\xe6sta \xe1rs. \xdatgj\xf6ld aukast um "
          "t\xedu pr\xf3sent, a\xf0 s\xf6gn r\xe1\xf0herrans.</p></article></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "næsta árs" },
  /* Greek, windows-1253: "Χθες το βράδυ πραγματοποιήθηκε μια συναυλία παραδοσιακής μου…" */
  { "/cs/guess/w1253", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"el\"><head><title>\xd3\xf5\xed\xe1\xf5\xeb\xdf\xe1</title></head><bo"
          "dy><article><h1>\xd3\xf5\xed\xe1\xf5\xeb\xdf\xe1</h1><p>\xd7\xe8\xe5\xf2 \xf4\xef \xe2\xf1\xdc"
          "\xe4\xf5 \xf0\xf1\xe1\xe3\xec\xe1\xf4\xef\xf0\xef\xe9\xde\xe8\xe7\xea\xe5 \xec\xe9\xe1 \xf3\xf5"
          "\xed\xe1\xf5\xeb\xdf\xe1 \xf0\xe1\xf1\xe1\xe4\xef\xf3\xe9\xe1\xea\xde\xf2 \xec\xef\xf5\xf3\xe9"
          "\xea\xde\xf2 \xf3\xe5 \xec\xe9\xe1 \xec\xe9\xea\xf1\xde \xf0\xfc\xeb\xe7 \xf3\xf4\xe1 \xe2\xfc"
          "\xf1\xe5\xe9\xe1 \xf4\xe7\xf2 \xf7\xfe\xf1\xe1\xf2. \xcf\xe9 \xea\xdc\xf4\xef\xe9\xea\xef\xe9 "
          "\xde\xf1\xe8\xe1\xed \xec\xe5 \xfc\xeb\xe5\xf2 \xf4\xe9\xf2 \xef\xe9\xea\xef\xe3\xdd\xed\xe5\xe9"
          "\xdd\xf2 \xf4\xef\xf5\xf2 \xea\xe1\xe9 \xf4\xe1 \xf0\xe1\xe9\xe4\xe9\xdc \xf7\xfc\xf1\xe5\xf5"
          "\xe1\xed \xec\xf0\xf1\xef\xf3\xf4\xdc \xf3\xf4\xe7 \xf3\xea\xe7\xed\xde \xec\xdd\xf7\xf1\xe9 "
          "\xe1\xf1\xe3\xdc \xf4\xef \xe2\xf1\xdc\xe4\xf5.</p></article></body></html>"),
    "WINDOWS-1253", CLIPPER_CHARSET_SOURCE_GUESS, "παραδοσιακής μουσικής" },
  /* Turkish, windows-1254: "Dün akşam ülkenin kuzeyindeki küçük bir kasabada halk müziği…" */
  { "/cs/guess/w1254", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"tr\"><head><title>Halk m\xfczi\xf0i</title></head><body><article><h1"
          ">Halk m\xfczi\xf0i</h1><p>D\xfcn ak\xfe" "am \xfclkenin kuzeyindeki k\xfc\xe7\xfck bir kasabada "
          "halk m\xfczi\xf0i konseri d\xfczenlendi. Kasaba halk\xfd aileleriyle birlikte geldi ve \xe7ocukl"
          "ar gece yar\xfds\xfdna kadar sahnenin \xf6n\xfcnde dans etti. D\xfczenleyiciler gelecek y\xfdl f"
          "estivalin iki g\xfcn s\xfcrece\xf0ini \xfeimdiden a\xe7\xfdklad\xfd.</p></article></body></html>"),
    "WINDOWS-1254", CLIPPER_CHARSET_SOURCE_GUESS, "küçük bir kasabada" },
  /* Hebrew, windows-1255: "אתמול בערב התקיים קונצרט של מוזיקת עם בעיירה קטנה בצפון הארץ…" */
  { "/cs/guess/w1255", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"he\"><head><title>\xf7\xe5\xf0\xf6\xf8\xe8</title></head><body><arti"
          "cle><h1>\xf7\xe5\xf0\xf6\xf8\xe8</h1><p>\xe0\xfa\xee\xe5\xec \xe1\xf2\xf8\xe1 \xe4\xfa\xf7\xe9"
          "\xe9\xed \xf7\xe5\xf0\xf6\xf8\xe8 \xf9\xec \xee\xe5\xe6\xe9\xf7\xfa \xf2\xed \xe1\xf2\xe9\xe9"
          "\xf8\xe4 \xf7\xe8\xf0\xe4 \xe1\xf6\xf4\xe5\xef \xe4\xe0\xf8\xf5. \xe4\xfa\xe5\xf9\xe1\xe9\xed "
          "\xe4\xe2\xe9\xf2\xe5 \xf2\xed \xee\xf9\xf4\xe7\xe5\xfa\xe9\xe4\xed, \xe5\xe4\xe9\xec\xe3\xe9\xed"
          " \xf8\xf7\xe3\xe5 \xee\xe5\xec \xe4\xe1\xee\xe4 \xf2\xe3 \xf9\xf2\xfa \xec\xe9\xec\xe4 \xee\xe0"
          "\xe5\xe7\xf8\xfa. \xe4\xee\xe0\xf8\xe2\xf0\xe9\xed \xeb\xe1\xf8 \xee\xe1\xe8\xe9\xe7\xe9\xed "
          "\xf9\xe1\xf9\xf0\xe4 \xe4\xe1\xe0\xe4 \xe4\xf4\xf1\xe8\xe9\xe1\xec \xe9\xe9\xee\xf9\xea \xe9\xe5"
          "\xee\xe9\xe9\xed.</p></article></body></html>"),
    "WINDOWS-1255", CLIPPER_CHARSET_SOURCE_GUESS, "בעיירה קטנה" },
  /* Arabic, windows-1256: "أقيم مساء أمس حفل للموسيقى الشعبية في بلدة صغيرة في شمال الب…" */
  { "/cs/guess/w1256", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ar\"><head><title>\xcd\xdd\xe1 \xe3\xe6\xd3\xed\xde\xed</title></hea"
          "d><body><article><h1>\xcd\xdd\xe1 \xe3\xe6\xd3\xed\xde\xed</h1><p>\xc3\xde\xed\xe3 \xe3\xd3\xc7"
          "\xc1 \xc3\xe3\xd3 \xcd\xdd\xe1 \xe1\xe1\xe3\xe6\xd3\xed\xde\xec \xc7\xe1\xd4\xda\xc8\xed\xc9 "
          "\xdd\xed \xc8\xe1\xcf\xc9 \xd5\xdb\xed\xd1\xc9 \xdd\xed \xd4\xe3\xc7\xe1 \xc7\xe1\xc8\xe1\xc7"
          "\xcf. \xcc\xc7\xc1 \xc7\xe1\xd3\xdf\xc7\xe4 \xe3\xda \xda\xc7\xc6\xe1\xc7\xca\xe5\xe3\xa1 \xe6"
          "\xd1\xde\xd5 \xc7\xe1\xc3\xd8\xdd\xc7\xe1 \xc3\xe3\xc7\xe3 \xc7\xe1\xe3\xd3\xd1\xcd \xcd\xca\xec"
          " \xe6\xde\xca \xe3\xca\xc3\xce\xd1 \xe3\xe4 \xc7\xe1\xe1\xed\xe1. \xe6\xed\xda\xcf \xc7\xe1\xe3"
          "\xe4\xd9\xe3\xe6\xe4 \xc8\xc3\xe4 \xed\xd3\xca\xe3\xd1 \xc7\xe1\xe3\xe5\xd1\xcc\xc7\xe4 \xed\xe6"
          "\xe3\xed\xe4 \xdd\xed \xc7\xe1\xda\xc7\xe3 \xc7\xe1\xe3\xde\xc8\xe1.</p></article></body></html>"),
    "WINDOWS-1256", CLIPPER_CHARSET_SOURCE_GUESS, "للموسيقى الشعبية" },
  /* Lithuanian, windows-1257: "Vakar vakare mažame miestelyje šalies šiaurėje įvyko liaudie…" */
  { "/cs/guess/w1257", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"lt\"><head><title>Liaudies muzika</title></head><body><article><h1>L"
          "iaudies muzika</h1><p>Vakar vakare ma\xfe" "ame miestelyje \xf0" "alies \xf0iaur\xebje \xe1vyko "
          "liaudies muzikos koncertas. Gyventojai at\xebjo su visomis \xf0" "eimomis, o vaikai \xf0oko prie"
          "\xf0 scen\xe0 iki v\xeblyvos nakties. Organizatoriai jau \xfe" "ada, kad kitais metais festivali"
          "s truks dvi dienas.</p></article></body></html>"),
    "WINDOWS-1257", CLIPPER_CHARSET_SOURCE_GUESS, "šalies šiaurėje įvyko" },
  /* Thai, cp874: "เมื่อคืนนี้มีการแสดงคอนเสิร์ตดนตรีพื้นบ้านที่เมืองเล็กๆ ทางภ…" */
  { "/cs/guess/cp874", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"th\"><head><title>\xa4\xcd\xb9\xe0\xca\xd4\xc3\xec\xb5</title></head"
          "><body><article><h1>\xa4\xcd\xb9\xe0\xca\xd4\xc3\xec\xb5</h1><p>\xe0\xc1\xd7\xe8\xcd\xa4\xd7\xb9"
          "\xb9\xd5\xe9\xc1\xd5\xa1\xd2\xc3\xe1\xca\xb4\xa7\xa4\xcd\xb9\xe0\xca\xd4\xc3\xec\xb5\xb4\xb9\xb5"
          "\xc3\xd5\xbe\xd7\xe9\xb9\xba\xe9\xd2\xb9\xb7\xd5\xe8\xe0\xc1\xd7\xcd\xa7\xe0\xc5\xe7\xa1\xe6 "
          "\xb7\xd2\xa7\xc0\xd2\xa4\xe0\xcb\xb9\xd7\xcd\xa2\xcd\xa7\xbb\xc3\xd0\xe0\xb7\xc8 \xaa\xd2\xc7"
          "\xba\xe9\xd2\xb9\xc1\xd2\xa1\xd1\xb9\xb7\xd1\xe9\xa7\xa4\xc3\xcd\xba\xa4\xc3\xd1\xc7 \xe1\xc5"
          "\xd0\xe0\xb4\xe7\xa1\xe6 \xe0\xb5\xe9\xb9\xc3\xd3\xcd\xc2\xd9\xe8\xcb\xb9\xe9\xd2\xe0\xc7\xb7"
          "\xd5\xa8\xb9\xb4\xd6\xa1 \xbc\xd9\xe9\xa8\xd1\xb4\xa7\xd2\xb9\xba\xcd\xa1\xc7\xe8\xd2\xbb\xd5"
          "\xcb\xb9\xe9\xd2\xe0\xb7\xc8\xa1\xd2\xc5\xa8\xd0\xa8\xd1\xb4\xa2\xd6\xe9\xb9\xca\xcd\xa7\xc7\xd1"
          "\xb9</p></article></body></html>"),
    "CP874", CLIPPER_CHARSET_SOURCE_GUESS, "ดนตรีพื้นบ้าน" },
  /* Japanese, cp932: "昨日の夜、北の小さな町で民謡のコンサートが開かれました。住民は家族そろって集まり、子どもたちは夜遅くまで舞台の前で踊って…" */
  { "/cs/guess/sjis", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ja\"><head><title>\x96\xaf\x97w\x82\xcc\x97[\x82\xd7</title></head><"
          "body><article><h1>\x96\xaf\x97w\x82\xcc\x97[\x82\xd7</h1><p>\x8d\xf0\x93\xfa\x82\xcc\x96\xe9\x81" ""
          "A\x96k\x82\xcc\x8f\xac\x82\xb3\x82\xc8\x92\xac\x82\xc5\x96\xaf\x97w\x82\xcc\x83R\x83\x93\x83T"
          "\x81[\x83g\x82\xaa\x8aJ\x82\xa9\x82\xea\x82\xdc\x82\xb5\x82\xbd\x81" "B\x8fZ\x96\xaf\x82\xcd\x89"
          "\xc6\x91\xb0\x82\xbb\x82\xeb\x82\xc1\x82\xc4\x8fW\x82\xdc\x82\xe8\x81" "A\x8eq\x82\xc7\x82\xe0"
          "\x82\xbd\x82\xbf\x82\xcd\x96\xe9\x92x\x82\xad\x82\xdc\x82\xc5\x95\x91\x91\xe4\x82\xcc\x91O\x82"
          "\xc5\x97x\x82\xc1\x82\xc4\x82\xa2\x82\xdc\x82\xb5\x82\xbd\x81" "B\x8e\xe5\x8d\xc3\x8e\xd2\x82"
          "\xcd\x81" "A\x97\x88\x94N\x82\xcd\x8d\xd5\x82\xe8\x82\xf0\x93\xf1\x93\xfa\x8a\xd4\x82\xc9\x89"
          "\x84\x82\xce\x82\xb7\x82\xc6\x98" "b\x82\xb5\x82\xc4\x82\xa2\x82\xdc\x82\xb7\x81" "B</p></articl"
          "e></body></html>"),
    "CP932", CLIPPER_CHARSET_SOURCE_GUESS, "民謡のコンサート" },
  /* Japanese, euc-jp: "昨日の夜、北の小さな町で民謡のコンサートが開かれました。住民は家族そろって集まり、子どもたちは夜遅くまで舞台の前で踊って…" */
  { "/cs/guess/eucjp", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ja\"><head><title>\xcc\xb1\xcd\xd8\xa4\xce\xcd\xbc\xa4\xd9</title></"
          "head><body><article><h1>\xcc\xb1\xcd\xd8\xa4\xce\xcd\xbc\xa4\xd9</h1><p>\xba\xf2\xc6\xfc\xa4\xce"
          "\xcc\xeb\xa1\xa2\xcb\xcc\xa4\xce\xbe\xae\xa4\xb5\xa4\xca\xc4\xae\xa4\xc7\xcc\xb1\xcd\xd8\xa4\xce"
          "\xa5\xb3\xa5\xf3\xa5\xb5\xa1\xbc\xa5\xc8\xa4\xac\xb3\xab\xa4\xab\xa4\xec\xa4\xde\xa4\xb7\xa4\xbf"
          "\xa1\xa3\xbd\xbb\xcc\xb1\xa4\xcf\xb2\xc8\xc2\xb2\xa4\xbd\xa4\xed\xa4\xc3\xa4\xc6\xbd\xb8\xa4\xde"
          "\xa4\xea\xa1\xa2\xbb\xd2\xa4\xc9\xa4\xe2\xa4\xbf\xa4\xc1\xa4\xcf\xcc\xeb\xc3\xd9\xa4\xaf\xa4\xde"
          "\xa4\xc7\xc9\xf1\xc2\xe6\xa4\xce\xc1\xb0\xa4\xc7\xcd\xd9\xa4\xc3\xa4\xc6\xa4\xa4\xa4\xde\xa4\xb7"
          "\xa4\xbf\xa1\xa3\xbc\xe7\xba\xc5\xbc\xd4\xa4\xcf\xa1\xa2\xcd\xe8\xc7\xaf\xa4\xcf\xba\xd7\xa4\xea"
          "\xa4\xf2\xc6\xf3\xc6\xfc\xb4\xd6\xa4\xcb\xb1\xe4\xa4\xd0\xa4\xb9\xa4\xc8\xcf\xc3\xa4\xb7\xa4\xc6"
          "\xa4\xa4\xa4\xde\xa4\xb9\xa1\xa3</p></article></body></html>"),
    "EUC-JP", CLIPPER_CHARSET_SOURCE_GUESS, "子どもたちは夜遅くまで" },
  /* Simplified Chinese, gb18030: "昨天晚上，北方一个小镇举办了一场民间音乐会。居民们全家一起来参加，孩子们在舞台前一直跳舞到深夜。主办方表示，明年的音乐节…" */
  { "/cs/guess/gb18030", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>\xc3\xf1\xbc\xe4\xd2\xf4\xc0\xd6\xbb\xe1</title"
          "></head><body><article><h1>\xc3\xf1\xbc\xe4\xd2\xf4\xc0\xd6\xbb\xe1</h1><p>\xd7\xf2\xcc\xec\xcd"
          "\xed\xc9\xcf\xa3\xac\xb1\xb1\xb7\xbd\xd2\xbb\xb8\xf6\xd0\xa1\xd5\xf2\xbe\xd9\xb0\xec\xc1\xcb\xd2"
          "\xbb\xb3\xa1\xc3\xf1\xbc\xe4\xd2\xf4\xc0\xd6\xbb\xe1\xa1\xa3\xbe\xd3\xc3\xf1\xc3\xc7\xc8\xab\xbc"
          "\xd2\xd2\xbb\xc6\xf0\xc0\xb4\xb2\xce\xbc\xd3\xa3\xac\xba\xa2\xd7\xd3\xc3\xc7\xd4\xda\xce\xe8\xcc"
          "\xa8\xc7\xb0\xd2\xbb\xd6\xb1\xcc\xf8\xce\xe8\xb5\xbd\xc9\xee\xd2\xb9\xa1\xa3\xd6\xf7\xb0\xec\xb7"
          "\xbd\xb1\xed\xca\xbe\xa3\xac\xc3\xf7\xc4\xea\xb5\xc4\xd2\xf4\xc0\xd6\xbd\xda\xbd\xab\xd1\xd3\xb3"
          "\xa4\xb5\xbd\xc1\xbd\xcc\xec\xa1\xa3</p></article></body></html>"),
    "GB18030", CLIPPER_CHARSET_SOURCE_GUESS, "民间音乐会" },
  /* Traditional Chinese, big5-hkscs: "昨天晚上，北部一個小鎮舉辦了一場民間音樂會。居民們全家一起來參加，孩子們在舞台前一直跳舞到深夜。主辦單位表示，明年的音樂…" */
  { "/cs/guess/big5", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"zh-TW\"><head><title>\xa5\xc1\xb6\xa1\xad\xb5\xbc\xd6\xb7|</title></"
          "head><body><article><h1>\xa5\xc1\xb6\xa1\xad\xb5\xbc\xd6\xb7|</h1><p>\xacQ\xa4\xd1\xb1\xdf\xa4W"
          "\xa1" "A\xa5_\xb3\xa1\xa4@\xad\xd3\xa4p\xc2\xed\xc1|\xbf\xec\xa4" "F\xa4@\xb3\xf5\xa5\xc1\xb6"
          "\xa1\xad\xb5\xbc\xd6\xb7|\xa1" "C\xa9~\xa5\xc1\xad\xcc\xa5\xfe\xae" "a\xa4@\xb0_\xa8\xd3\xb0\xd1"
          "\xa5[\xa1" "A\xab\xc4\xa4l\xad\xcc\xa6" "b\xbbR\xa5x\xab" "e\xa4@\xaa\xbd\xb8\xf5\xbbR\xa8\xec"
          "\xb2`\xa9]\xa1" "C\xa5" "D\xbf\xec\xb3\xe6\xa6\xec\xaa\xed\xa5\xdc\xa1" "A\xa9\xfa\xa6~\xaa\xba"
          "\xad\xb5\xbc\xd6\xb8`\xb1N\xa9\xb5\xaa\xf8\xa8\xec\xa8\xe2\xa4\xd1\xa1" "C</p></article></body><"
          "/html>"),
    "BIG5-HKSCS", CLIPPER_CHARSET_SOURCE_GUESS, "民間音樂會" },
  /* Korean, cp949: "어제 저녁 북쪽의 작은 마을에서 민속 음악 공연이 열렸습니다. 주민들은 가족과 함께 모였고, 아이들은 밤늦게…" */
  { "/cs/guess/euckr", "text/html",
    BODY ("<!DOCTYPE html><html lang=\"ko\"><head><title>\xb9\xce\xbc\xd3 \xc0\xbd\xbe\xc7</title></head><b"
          "ody><article><h1>\xb9\xce\xbc\xd3 \xc0\xbd\xbe\xc7</h1><p>\xbe\xee\xc1\xa6 \xc0\xfa\xb3\xe1 \xba"
          "\xcf\xc2\xca\xc0\xc7 \xc0\xdb\xc0\xba \xb8\xb6\xc0\xbb\xbf\xa1\xbc\xad \xb9\xce\xbc\xd3 \xc0\xbd"
          "\xbe\xc7 \xb0\xf8\xbf\xac\xc0\xcc \xbf\xad\xb7\xc8\xbd\xc0\xb4\xcf\xb4\xd9. \xc1\xd6\xb9\xce\xb5"
          "\xe9\xc0\xba \xb0\xa1\xc1\xb7\xb0\xfa \xc7\xd4\xb2\xb2 \xb8\xf0\xbf\xb4\xb0\xed, \xbe\xc6\xc0"
          "\xcc\xb5\xe9\xc0\xba \xb9\xe3\xb4\xca\xb0\xd4\xb1\xee\xc1\xf6 \xb9\xab\xb4\xeb \xbe\xd5\xbf\xa1"
          "\xbc\xad \xc3\xe3\xc0\xbb \xc3\xdf\xbe\xfa\xbd\xc0\xb4\xcf\xb4\xd9. \xc1\xd6\xc3\xd6 \xc3\xf8"
          "\xc0\xba \xb3\xbb\xb3\xe2\xbf\xa1\xb4\xc2 \xc3\xe0\xc1\xa6\xb8\xa6 \xc0\xcc\xc6\xb2\xb7\xce \xb4"
          "\xc3\xb8\xb1 \xb0\xe8\xc8\xb9\xc0\xcc\xb6\xf3\xb0\xed \xb9\xe0\xc7\xfb\xbd\xc0\xb4\xcf\xb4\xd9.<"
          "/p></article></body></html>"),
    "CP949", CLIPPER_CHARSET_SOURCE_GUESS, "민속 음악 공연이" },

  /* ASCII and valid UTF-8 stay UTF-8: the guess is for the rest. */
  { "/cs/guess/ascii", "text/html",
    BODY ("<html><head><title>Notes</title></head><body><p>Plain old ASCII, nothing else.</p></body></html>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_GUESS, "Plain old ASCII" },
  { "/cs/guess/utf8", "text/html",
    BODY ("<p>\xd0\xad\xd1\x82\xd0\xbe \xd0\xb4\xd0\xbb\xd0\xb8\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb9 \xd0\xb0"
          "\xd0\xb1\xd0\xb7\xd0\xb0\xd1\x86 \xd0\xbe \xd1\x82\xd0\xbe\xd0\xbc, \xd0\xba\xd0\xb0\xd0\xba "
          "\xd0\xb2 \xd0\xbc\xd0\xb0\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x8c\xd0\xba\xd0\xbe\xd0\xbc \xd0\xb3\xd0"
          "\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb5 \xd0\xbd\xd0\xb0 \xd1\x81\xd0\xb5\xd0\xb2\xd0\xb5\xd1\x80"
          "\xd0\xb5 \xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd1\x8b \xd0\xbf\xd1\x80\xd0\xbe\xd1\x88\xd1"
          "\x91\xd0\xbb \xd0\xba\xd0\xbe\xd0\xbd\xd1\x86\xd0\xb5\xd1\x80\xd1\x82 \xd0\xbd\xd0\xb0\xd1\x80"
          "\xd0\xbe\xd0\xb4\xd0\xbd\xd0\xbe\xd0\xb9 \xd0\xbc\xd1\x83\xd0\xb7\xd1\x8b\xd0\xba\xd0\xb8.</p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_GUESS, "Это длинный абзац" },
  /* UTF-8 with one broken byte is still UTF-8, as in a browser: the byte
   * becomes U+FFFD, the rest reads right. */
  { "/cs/guess/utf8-broken", "text/html",
    BODY ("<p>\xd0\xad\xd1\x82\xd0\xbe \xd0\xb4\xd0\xbb\xd0\xb8\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb9 \xd0\xb0"
          "\xd0\xb1\xd0\xb7\xd0\xb0\xd1\x86 \xd0\xbe \xd1\x82\xd0\xbe\xd0\xbc, \xd0\xba\xd0\xb0\xd0\xba "
          "\xd0\xb2 \xd0\xbc\xd0\xb0\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x8c\xd0\xba\xd0\xbe\xd0\xbc \xd0\xb3\xd0"
          "\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb5\xff \xd0\xbd\xd0\xb0 \xd1\x81\xd0\xb5\xd0\xb2\xd0\xb5\xd1"
          "\x80\xd0\xb5 \xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd1\x8b \xd0\xbf\xd1\x80\xd0\xbe\xd1\x88"
          "\xd1\x91\xd0\xbb \xd0\xba\xd0\xbe\xd0\xbd\xd1\x86\xd0\xb5\xd1\x80\xd1\x82 \xd0\xbd\xd0\xb0\xd1"
          "\x80\xd0\xbe\xd0\xb4\xd0\xbd\xd0\xbe\xd0\xb9 \xd0\xbc\xd1\x83\xd0\xb7\xd1\x8b\xd0\xba\xd0\xb8.</"
          "p>"),
    "UTF-8", CLIPPER_CHARSET_SOURCE_GUESS, "в маленьком городе\xef\xbf\xbd на севере" },
  /* A label wins over the guess, even a wrong one: windows-1251 bytes the
   * server calls windows-1252 … */
  { "/cs/guess/label-header", "text/html; charset=windows-1252",
    BODY ("<p>\xdd\xf2\xee \xe4\xeb\xe8\xed\xed\xfb\xe9 \xe0\xe1\xe7\xe0\xf6 \xee \xf2\xee\xec, \xea\xe0"
          "\xea \xe2 \xec\xe0\xeb\xe5\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5 \xed\xe0 \xf1\xe5\xe2"
          "\xe5\xf0\xe5 \xf1\xf2\xf0\xe0\xed\xfb \xef\xf0\xee\xf8\xb8\xeb \xea\xee\xed\xf6\xe5\xf0\xf2 \xed"
          "\xe0\xf0\xee\xe4\xed\xee\xe9 \xec\xf3\xe7\xfb\xea\xe8.</p>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_HEADER, "Ýòî äëèííûé àáçàö" },
  /* … and KOI8-R bytes whose <meta> says windows-1251. */
  { "/cs/guess/label-meta", "text/html",
    BODY ("<html><head><meta charset=\"windows-1251\"></head><body><p>\xfc\xd4\xcf \xc4\xcc\xc9\xce\xce\xd9"
          "\xca \xc1\xc2\xda\xc1\xc3 \xcf \xd4\xcf\xcd, \xcb\xc1\xcb \xd7 \xcd\xc1\xcc\xc5\xce\xd8\xcb\xcf"
          "\xcd \xc7\xcf\xd2\xcf\xc4\xc5 \xce\xc1 \xd3\xc5\xd7\xc5\xd2\xc5 \xd3\xd4\xd2\xc1\xce\xd9 \xd0"
          "\xd2\xcf\xdb\xa3\xcc \xcb\xcf\xce\xc3\xc5\xd2\xd4 \xce\xc1\xd2\xcf\xc4\xce\xcf\xca \xcd\xd5\xda"
          "\xd9\xcb\xc9.</p></body></html>"),
    "WINDOWS-1251", CLIPPER_CHARSET_SOURCE_META, "ьФП ДМЙООЩК БВЪБГ" },
  /* Two bytes are no evidence: "\xc4\xe0" is "Да" in windows-1251, but
   * the default stays. */
  { "/cs/guess/two-bytes", "text/html",
    BODY ("<html><body><p>\xc4\xe0, ok.</p></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "Äà, ok." },
  /* An English page whose only non-ASCII bytes are a few ©, é and the
   * typography a word processor adds stays windows-1252. */
  { "/cs/guess/latin-symbols", "text/html",
    BODY ("<html><head><title>About us</title></head><body><p>\x93" "Don\x92t panic\x94 \x96 the guide "
          "said it twice\x85 Photos by Ren\xe9" "e Dupr\xe9.</p><footer>Copyright \xa9 2004 Caf\xe9 "
          "du Nord. \xa9 All rights reserved.</footer></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "“Don’t panic” – the guide said it twice… Photos by Renée Dupré." },
  /* A British page: "£" is "Ł" in windows-1250, a capital standing alone. */
  { "/cs/guess/pounds", "text/html",
    BODY ("<html><body><time>22 November 2017 \x95 2:15pm</time><h1>Infertility for \x91significant "
          "number of couples\x92</h1><p>The producer paid \xa3" "250,000 to settle, and the university "
          "\xa3" "1m.</p><footer>\xa9 Telegraph Media Group Limited 2017</footer></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "paid £250,000 to settle" },
  /* Documentation made by Sphinx: "¶" after every heading, nothing else.
   * In windows-874 "\xb6" is the Thai letter "ถ". */
  { "/cs/guess/pilcrows", "text/html",
    BODY ("<html><body><h1>Evolve<a class=\"headerlink\" href=\"#evolve\">\xb6</a></h1><p>Shared "
          "history.</p><h2>Sharing<a class=\"headerlink\" href=\"#sharing\">\xb6</a></h2><p>With one "
          "developer.</p><h2>Publishing<a class=\"headerlink\" href=\"#publishing\">\xb6</a></h2>"
          "<h2>Stable<a class=\"headerlink\" href=\"#stable\">\xb6</a></h2></body></html>"),
    "WINDOWS-1252", CLIPPER_CHARSET_SOURCE_GUESS, "Publishing<a class=\"headerlink\" href=\"#publishing\">¶</a>" },
};

static void
test_charset_guess (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (guess_cases); i++)
    {
      const CharsetCase *c = &guess_cases[i];
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      clipper_test_server_add (server, c->path, 200, c->content_type, c->body, c->length);
      result = fetch_path (fetcher, c->path, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s (%d)", c->path, result->charset, result->charset_source);
      if (g_strcmp0 (result->charset, c->charset) != 0)
        g_error ("%s: read as %s, not %s: '%s'", c->path, result->charset, c->charset, result->text);
      g_assert_cmpint (result->charset_source, ==, c->source);
      g_assert_true (g_utf8_validate (result->text, result->text_length, NULL));
      if (strstr (result->text, c->expected_text) == NULL)
        g_error ("%s: expected '%s' in '%s'", c->path, c->expected_text, result->text);
    }
}

/* The guess on its own: pages too odd or too big for the table above. */
static void
test_charset_guess_limits (void)
{
  static const char russian[] = "<p>\xdd\xf2\xee \xe4\xeb\xe8\xed\xed\xfb\xe9 \xe0\xe1\xe7\xe0\xf6 \xee \xf2\xee\xec, \xea\xe0"
          "\xea \xe2 \xec\xe0\xeb\xe5\xed\xfc\xea\xee\xec \xe3\xee\xf0\xee\xe4\xe5 \xed\xe0 \xf1\xe5\xe2"
          "\xe5\xf0\xe5 \xf1\xf2\xf0\xe0\xed\xfb \xef\xf0\xee\xf8\xb8\xeb \xea\xee\xed\xf6\xe5\xf0\xf2 \xed"
          "\xe0\xf0\xee\xe4\xed\xee\xe9 \xec\xf3\xe7\xfb\xea\xe8.</p>";
  static const char japanese[] = "<p>\x8d\xf0\x93\xfa\x82\xcc\x96\xe9\x81" "A\x96k\x82\xcc\x8f\xac\x82\xb3\x82\xc8\x92\xac\x82\xc5"
          "\x96\xaf\x97w\x82\xcc\x83R\x83\x93\x83T\x81[\x83g\x82\xaa\x8aJ\x82\xa9\x82\xea\x82\xdc\x82\xb5"
          "\x82\xbd\x81" "B\x8fZ\x96\xaf\x82\xcd\x89\xc6\x91\xb0\x82\xbb\x82\xeb\x82\xc1\x82\xc4\x8fW\x82"
          "\xdc\x82\xe8\x82\xdc\x82\xb5\x82\xbd\x81" "B</p>";
  g_autoptr(GByteArray) page = g_byte_array_new ();
  g_autofree char *name = NULL;
  ClipperCharsetSource source = CLIPPER_CHARSET_SOURCE_BOM;

  /* Binary junk: an answer, valid text, no crash.  The bytes are random
   * but the same on every run. */
  for (guint32 seed = 1; seed <= 8; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *text = NULL;
      gsize text_length = 0;

      g_byte_array_set_size (page, 65536);
      for (guint i = 0; i < page->len; i++)
        page->data[i] = g_rand_int_range (rand, 0, 256);
      name = clipper_charset_sniff (page->data, page->len, NULL, &source);
      g_test_message ("junk %u: %s", seed, name);
      g_assert_cmpstr (name, ==, "WINDOWS-1252");
      g_assert_cmpint (source, ==, CLIPPER_CHARSET_SOURCE_GUESS);
      text = clipper_charset_to_utf8 (page->data, page->len, name, &text_length);
      g_assert_true (g_utf8_validate (text, text_length, NULL));
      g_clear_pointer (&name, g_free);
    }

  /* Short runs of random high bytes, down to none at all, with or
   * without ASCII around them. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (guint round = 0; round < 2000; round++)
      {
        g_autofree char *text = NULL;
        gsize text_length = 0;

        g_byte_array_set_size (page, g_rand_int_range (rand, 0, 40));
        for (guint i = 0; i < page->len; i++)
          page->data[i] = g_rand_int_range (rand, round % 2 ? 0x80 : 0, 0x100);
        name = clipper_charset_sniff (page->data, page->len, NULL, NULL);
        g_assert_nonnull (name);
        text = clipper_charset_to_utf8 (page->data, page->len, name, &text_length);
        g_assert_true (g_utf8_validate (text, text_length, NULL));
        g_clear_pointer (&name, g_free);
      }
  }

  /* Shift_JIS cut in the middle of a character (a page read in part). */
  for (gsize cut = sizeof japanese - 8; cut < sizeof japanese - 1; cut++)
    {
      name = clipper_charset_sniff ((const guint8 *) japanese, cut, NULL, NULL);
      g_assert_cmpstr (name, ==, "CP932");
      g_clear_pointer (&name, g_free);
    }

  /* The text after a long head of inline script is found … */
  g_byte_array_set_size (page, 0);
  while (page->len < 300 * 1024)
    g_byte_array_append (page, (const guint8 *) "<script>var x = 1; /* filler */</script>\n", 42);
  g_byte_array_append (page, (const guint8 *) russian, sizeof russian - 1);
  name = clipper_charset_sniff (page->data, page->len, NULL, NULL);
  g_assert_cmpstr (name, ==, "WINDOWS-1251");
  g_clear_pointer (&name, g_free);

  /* … but the guess looks at the first megabyte only, so a page whose
   * first non-ASCII byte comes later keeps the default. */
  g_byte_array_set_size (page, 0);
  while (page->len < 1100 * 1024)
    g_byte_array_append (page, (const guint8 *) "<script>var x = 1; /* filler */</script>\n", 42);
  g_byte_array_append (page, (const guint8 *) russian, sizeof russian - 1);
  name = clipper_charset_sniff (page->data, page->len, NULL, NULL);
  g_assert_cmpstr (name, ==, "WINDOWS-1252");
  g_clear_pointer (&name, g_free);

  /* Pages without a single ASCII byte, so one run of non-ASCII bytes as
   * long as the page, cut by the sample's limit in the middle of a
   * character. */
  {
    static const struct { const char *charset; const char *text; } runs[] = {
      { "EUC-JP", "昨日の夜、北の小さな町で民謡のコンサートが開かれました。住民は家族そろって集まりました。" },
      { "GB18030", "昨天晚上，北方一个小镇举办了一场民间音乐会。居民们全家一起来参加，孩子们跳舞到深夜。" },
      { "CP949", "어제저녁북쪽의작은마을에서민속음악공연이열렸습니다。주민들은가족과함께모였습니다。" },
    };

    for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
      {
        g_autoptr(GError) error = NULL;
        gsize unit_len = 0;
        g_autofree char *unit = g_convert (runs[r].text, -1, runs[r].charset, "UTF-8", NULL, &unit_len, &error);

        g_assert_no_error (error);
        g_byte_array_set_size (page, 0);
        while (page->len < 200 * 1024 + 1)
          g_byte_array_append (page, (const guint8 *) unit, unit_len);
        for (guint i = 0; i < page->len; i++)
          g_assert_cmpuint (page->data[i], >=, 0x80);
        name = clipper_charset_sniff (page->data, page->len, NULL, NULL);
        g_assert_cmpstr (name, ==, runs[r].charset);
        g_clear_pointer (&name, g_free);
      }
  }

  /* A 5 MB Russian page: the same answer as a short one. */
  g_byte_array_set_size (page, 0);
  while (page->len < 5 * 1024 * 1024)
    g_byte_array_append (page, (const guint8 *) russian, sizeof russian - 1);
  name = clipper_charset_sniff (page->data, page->len, NULL, &source);
  g_assert_cmpstr (name, ==, "WINDOWS-1251");
  g_assert_cmpint (source, ==, CLIPPER_CHARSET_SOURCE_GUESS);
}

/* The shared corpus's real articles (mostly English, some French, German,
 * Spanish, Russian…) re-encoded in the single-byte encodings each can be
 * written in, with their labels spoilt: every one must read exactly as the
 * original.  This is the check against false alarms on ordinary pages:
 * typography, a few accents, "¶" links, "£" prices, "©" footers.
 * windows-1255 to -1257 and KOI8-R are not in the list: English pages in
 * them whose only non-ASCII bytes are a "’" or a "©" (placed elsewhere
 * there) carry no evidence, and are read as windows-1252 by design. */
static void
test_charset_guess_corpus (void)
{
  static const char *const encodings[] = {
    "WINDOWS-1252", "WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1253", "WINDOWS-1254", "CP874",
  };
  g_autoptr(GPtrArray) pages = clipper_test_corpus_pages ();
  guint checked = 0;

  if (pages == NULL)
    return;

  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (pages, i), "source.html", NULL);
      g_autofree char *text = NULL;
      gboolean has_non_ascii = FALSE;
      gsize length = 0;

      if (!g_file_get_contents (path, &text, &length, NULL) || !g_utf8_validate_len (text, length, NULL))
        continue;
      /* "charset" → "charsex": no label left for the sniff to find. */
      for (char *p = text; *p; p++)
        {
          if (g_ascii_strncasecmp (p, "charset", 7) == 0)
            p[6] = 'x';
          has_non_ascii |= (guchar) *p >= 0x80;
        }
      if (!has_non_ascii)
        continue;

      for (gsize e = 0; e < G_N_ELEMENTS (encodings); e++)
        {
          g_autofree char *bytes = NULL, *name = NULL, *decoded = NULL;
          ClipperCharsetSource source;
          gsize n_bytes = 0;

          bytes = g_convert (text, -1, encodings[e], "UTF-8", NULL, &n_bytes, NULL);
          if (bytes == NULL)
            continue;   /* the page has characters this encoding lacks */
          name = clipper_charset_sniff ((const guint8 *) bytes, n_bytes, NULL, &source);
          g_assert_cmpint (source, ==, CLIPPER_CHARSET_SOURCE_GUESS);
          decoded = clipper_charset_to_utf8 ((const guint8 *) bytes, n_bytes, name, NULL);
          if (strcmp (decoded, text) != 0)
            g_error ("%s in %s was read as %s", path, encodings[e], name);
          checked++;
        }
    }
  g_test_message ("%u re-encoded pages read right", checked);
  g_assert_cmpuint (checked, >=, 50);
}

static void
test_gzip (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch_path (fetcher, "/gzip/page.html", &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  /* Both the raw body and the text are the decompressed page. */
  g_assert_cmpmem (g_bytes_get_data (result->raw, NULL), g_bytes_get_size (result->raw),
                   page_html, strlen (page_html));
  g_assert_cmpstr (result->text, ==, page_html);
  g_clear_pointer (&result, clipper_fetch_result_free);

  result = fetch_path (fetcher, "/deflate/page.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->text, ==, page_html);
  g_clear_pointer (&result, clipper_fetch_result_free);

  /* A gzip bomb is stopped by the cap on the decoded size. */
  clipper_fetcher_set_max_size (fetcher, 64 * 1024);
  result = fetch_path (fetcher, "/gzip/bomb.html", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
}

static void
test_text_plain (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch_path (fetcher, "/notes.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_TEXT);
  g_assert_cmpstr (result->text, ==, "Plain notes <not a tag> & more.\nSecond line.\n");
}

static void
test_empty (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch_path (fetcher, "/empty.html", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "is empty"));
  g_clear_error (&error);

  result = fetch_path (fetcher, "/blank.html", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
  g_clear_error (&error);

  result = fetch_path (fetcher, "/no-content", &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
  g_assert_null (result);
}

static void
test_invalid_uris (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  const char *cases[] = { "", "   ", "http://", "https:///path", "ftp://example.com/x", "javascript:alert(1)" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClipperFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = clipper_fetcher_fetch_sync (fetcher, cases[i], NULL, NULL, NULL, &error);
      g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI);
      g_assert_null (result);
    }

  /* Another scheme is named, with what would work instead. */
  {
    g_autoptr(ClipperFetchResult) result = NULL;
    g_autoptr(GError) error = NULL;

    result = clipper_fetcher_fetch_sync (fetcher, "ftp://example.com/x", NULL, NULL, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI);
    g_assert_cmpstr (error->message, ==,
                     "cannot fetch 'ftp://example.com/x': only web pages and local files are supported "
                     "(http, https or a file)");
  }
}

static void
test_network_error (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free and is closed again: connection refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/page.html",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  result = clipper_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_false (clipper_fetch_error_is_stopped (error));
  g_assert_null (result);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/slow");
  gint64 start = g_get_monotonic_time ();

  /* Async, cancelled while the server keeps us waiting. */
  clipper_fetcher_set_timeout (fetcher, 30);
  clipper_fetcher_fetch_async (fetcher, url, cancellable, clipper_test_keep_result_cb, &res);
  g_timeout_add (100, cancel_later, cancellable);
  clipper_test_wait_for_result (&res);
  result = clipper_fetcher_fetch_finish (fetcher, res, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Sync, cancelled before it starts. */
  result = clipper_fetcher_fetch_sync (fetcher, url, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

static void
test_async (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (server, "/cs/w1252");

  clipper_fetcher_fetch_async (fetcher, url, NULL, clipper_test_keep_result_cb, &res);
  clipper_test_wait_for_result (&res);
  result = clipper_fetcher_fetch_finish (fetcher, res, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (result->text, "café"));
}

/* A /late/ answer still due when the test server was freed: its timeout
 * stayed in the server's context with a pointer to the server, and
 * answered from the freed server in whatever iterated that context next
 * (it outlives the server while anything holds a reference to it).  The
 * server answers it (503) and removes the timeout as it stops. */
static void
test_server_freed_late (void)
{
  ClipperTestServer *own = clipper_test_server_new ();
  g_autoptr(GMainContext) context = clipper_test_server_ref_context (own);
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(ClipperFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = clipper_test_server_url (own, "/late/page.html");

  clipper_test_server_add (own, "/page.html", 200, "text/html", page_html, -1);
  clipper_fetcher_fetch_async (fetcher, url, NULL, clipper_test_keep_result_cb, &res);
  while (clipper_test_server_get_hits (own, "/late/page.html") == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * G_TIME_SPAN_MILLISECOND);
    }
  clipper_test_server_free (own);

  /* Past the second the answer was due: nothing is left to run. */
  g_usleep (1300 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (g_main_context_pending (context));

  clipper_test_wait_for_result (&res);
  result = clipper_fetcher_fetch_finish (fetcher, res, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
}

static char *
write_temp_file (const char *dir, const char *name, const void *data, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_local_files (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-fetch-XXXXXX", &error);
  g_autofree char *html = NULL, *txt = NULL, *pdf = NULL, *empty = NULL, *noext = NULL, *subdir = NULL;
  g_autofree char *html_uri = NULL, *cwd = g_get_current_dir ();
  static const char latin2_page[] = "<html><head><meta charset=\"iso-8859-2\"><title>x</title></head>"
                                    "<body><p>\xa3\xf3\x64\xbc</p></body></html>";

  g_assert_no_error (error);
  html = write_temp_file (dir, "page.html", latin2_page, -1);
  txt = write_temp_file (dir, "notes.txt", "just text\n", -1);
  pdf = write_temp_file (dir, "paper.pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", -1);
  empty = write_temp_file (dir, "empty.html", "", 0);
  noext = write_temp_file (dir, "README", "<!DOCTYPE html><p>sniffed</p>", -1);
  subdir = g_build_filename (dir, "folder", NULL);
  g_mkdir (subdir, 0700);
  html_uri = g_filename_to_uri (html, NULL, NULL);

  /* By path, by file:// URI and by a relative path: the same page. */
  {
    g_autoptr(ClipperFetchResult) by_path = clipper_fetcher_fetch_sync (fetcher, html, NULL, NULL, NULL, &error);
    g_autoptr(ClipperFetchResult) by_uri = NULL;
    g_autoptr(ClipperFetchResult) by_relative = NULL;

    g_assert_no_error (error);
    g_assert_true (by_path->is_local);
    g_assert_cmpuint (by_path->status, ==, 0);
    g_assert_cmpstr (by_path->uri, ==, html_uri);
    g_assert_cmpstr (by_path->charset, ==, "ISO-8859-2");
    g_assert_cmpint (by_path->kind, ==, CLIPPER_FETCH_KIND_HTML);
    g_assert_nonnull (strstr (by_path->text, "Łódź"));

    by_uri = clipper_fetcher_fetch_sync (fetcher, html_uri, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (by_uri->uri, ==, html_uri);
    g_assert_cmpstr (by_uri->text, ==, by_path->text);

    g_assert_cmpint (g_chdir (dir), ==, 0);
    by_relative = clipper_fetcher_fetch_sync (fetcher, "page.html", NULL, NULL, NULL, &error);
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_no_error (error);
    g_assert_cmpstr (by_relative->uri, ==, html_uri);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, txt, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_TEXT);
    g_assert_cmpstr (result->text, ==, "just text\n");
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, noext, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, pdf, NULL, NULL, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_null (result);
    g_assert_nonnull (strstr (error->message, "application/pdf"));
    g_clear_error (&error);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, empty, NULL, NULL, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_assert_null (result);
    g_clear_error (&error);
  }

  {
    g_autofree char *missing = g_build_filename (dir, "missing.html", NULL);
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, missing, NULL, NULL, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
    g_assert_null (result);
    g_assert_nonnull (strstr (error->message, missing));
    g_clear_error (&error);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, subdir, NULL, NULL, NULL, &error);
    g_autofree char *expected = g_strdup_printf ("'%s' is a directory, not a web page", subdir);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_null (result);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
  }

  /* A page's name does not make binary data a page; stray control
   * characters in text (a BEL, an ESC) do not make it binary. */
  {
    static const char pdf_bytes[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
    static const char with_nul[] = "<html><body><p>a\0b</p></body></html>";
    static const char with_bel[] = "<html><head><title>Ding\a \x1b[2J</title></head><body><p>x</p></body></html>";
    g_autofree char *disguised = write_temp_file (dir, "paper.html", pdf_bytes, -1);
    g_autofree char *nul = write_temp_file (dir, "nul.html", with_nul, sizeof with_nul - 1);
    g_autofree char *bel = write_temp_file (dir, "bel.html", with_bel, -1);
    g_autofree char *expected = g_strdup_printf (
      "'%s' is not a web page (it holds binary data: content type application/pdf)", disguised);
    g_autoptr(ClipperFetchResult) result = NULL;

    result = clipper_fetcher_fetch_sync (fetcher, disguised, NULL, NULL, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_cmpstr (error->message, ==, expected);
    g_assert_null (result);
    g_clear_error (&error);

    result = clipper_fetcher_fetch_sync (fetcher, nul, NULL, NULL, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_nonnull (strstr (error->message, "it holds binary data"));
    g_assert_null (result);
    g_clear_error (&error);

    result = clipper_fetcher_fetch_sync (fetcher, bel, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  }

  /* An empty file, and one of nothing but white space, say so by name. */
  {
    g_autofree char *blank = write_temp_file (dir, "blank.html", " \n\t", -1);
    g_autofree char *expected_empty = g_strdup_printf ("'%s' is empty", empty);
    g_autofree char *expected_blank = g_strdup_printf ("'%s' is empty (nothing but white space)", blank);
    g_autoptr(ClipperFetchResult) result = NULL;

    result = clipper_fetcher_fetch_sync (fetcher, empty, NULL, NULL, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_assert_cmpstr (error->message, ==, expected_empty);
    g_clear_error (&error);
    result = clipper_fetcher_fetch_sync (fetcher, blank, NULL, NULL, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_assert_cmpstr (error->message, ==, expected_blank);
    g_clear_error (&error);
  }

  /* The size cap holds for files too, in the same words as for a download. */
  clipper_fetcher_set_max_size (fetcher, 16);
  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, html, NULL, NULL, NULL, &error);
    g_autofree char *expected = g_strdup_printf ("page too large (over 16 bytes): %s", html);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
    g_assert_null (result);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
  }
  /* Exactly at the cap is fine. */
  {
    g_autofree char *fits = write_temp_file (dir, "fits.txt", "sixteen bytes!!\n", -1);
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, fits, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (result->raw), ==, 16);
  }
  /* Devices and FIFOs are not pages (and an endless one must not hang us). */
  clipper_fetcher_set_max_size (fetcher, 64 * 1024);
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, "/dev/zero", NULL, NULL, NULL,
                                                                         &error);

      g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
      g_assert_null (result);
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_clear_error (&error);
    }
  {
    g_autofree char *fifo = g_build_filename (dir, "pipe.html", NULL);

    if (mkfifo (fifo, 0600) == 0)
      {
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, fifo, NULL, NULL, NULL, &error);

        g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
        g_assert_null (result);
        g_clear_error (&error);
      }
  }

  /* A missing "file" that is really a web address without its scheme. */
  {
    g_autoptr(ClipperFetchResult) result = NULL;

    g_assert_cmpint (g_chdir (dir), ==, 0);
    result = clipper_fetcher_fetch_sync (fetcher, "example.com/story", NULL, NULL, NULL, &error);
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "give its whole address: https://example.com/story"));
    g_clear_error (&error);
  }

  {
    g_autofree char *normal = clipper_fetch_dup_normalized_uri (" HTTPS://Example.COM/a%20b?q=1#comments ", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (normal, ==, "https://example.com/a%20b?q=1");
    g_clear_pointer (&normal, g_free);
    normal = clipper_fetch_dup_normalized_uri ("http://example.com", &error);
    g_assert_cmpstr (normal, ==, "http://example.com/");
    g_clear_pointer (&normal, g_free);
    normal = clipper_fetch_dup_normalized_uri (html, &error);
    g_assert_cmpstr (normal, ==, html_uri);
  }

  g_assert_true (clipper_fetch_uri_is_local (html));
  g_assert_true (clipper_fetch_uri_is_local (html_uri));
  g_assert_false (clipper_fetch_uri_is_local ("https://example.com/"));

  clipper_test_remove_tree (dir);
}

static void
test_images (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  struct {
    const char *path;
    const char *type;        /* NULL: must fail */
  } cases[] = {
    { "/image.png", "image/png" },
    { "/image-octet", "image/png" },      /* sniffed */
    { "/page.html", NULL },
    { "/missing.png", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = clipper_test_server_url (server, cases[i].path);
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *type = NULL;

      clipper_fetcher_fetch_image_async (fetcher, url, NULL, clipper_test_keep_result_cb, &res);
      clipper_test_wait_for_result (&res);
      bytes = clipper_fetcher_fetch_image_finish (fetcher, res, &type, &error);
      if (cases[i].type == NULL)
        {
          g_assert_nonnull (error);
          g_assert_null (bytes);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), clipper_test_png_bytes, clipper_test_png_size);
    }

  /* The image cap. */
  {
    g_autofree char *url = clipper_test_server_url (server, "/image.png");
    g_autoptr(GAsyncResult) res = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    clipper_fetcher_set_max_image_size (fetcher, 16);
    clipper_fetcher_fetch_image_async (fetcher, url, NULL, clipper_test_keep_result_cb, &res);
    clipper_test_wait_for_result (&res);
    bytes = clipper_fetcher_fetch_image_finish (fetcher, res, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, "image too large"));
  }
}

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  guint notified = 0;
  guint timeout = 0;

  g_signal_connect (fetcher, "notify::timeout", G_CALLBACK (count_notify), &notified);
  g_object_set (fetcher, "timeout", 5, NULL);
  g_object_get (fetcher, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 5);
  g_assert_cmpuint (notified, ==, 1);
  /* Unchanged: no notification. */
  clipper_fetcher_set_timeout (fetcher, 5);
  g_assert_cmpuint (notified, ==, 1);
  clipper_fetcher_set_user_agent (fetcher, "Test/1");
  g_assert_cmpstr (clipper_fetcher_get_user_agent (fetcher), ==, "Test/1");
}

static void
add_routes (void)
{
  g_autofree char *bomb = g_strnfill (4 * 1024 * 1024, ' ');
  g_autofree char *blank = g_strnfill (100, ' ');

  clipper_test_server_add (server, "/page.html", 200, "text/html", page_html, -1);
  clipper_test_server_add (server, "/gone", 410, "text/html", "<p>gone</p>", -1);
  clipper_test_server_add (server, "/error", 500, "text/html", "<p>oops</p>", -1);
  clipper_test_server_add (server, "/forbidden", 403, "text/html", "<p>no</p>", -1);
  clipper_test_server_add (server, "/doc.pdf", 200, "application/pdf", "%PDF-1.4\n", -1);
  clipper_test_server_add (server, "/image.png", 200, "image/png", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (server, "/image-octet", 200, "application/octet-stream", clipper_test_png_bytes, clipper_test_png_size);
  clipper_test_server_add (server, "/binary", 200, "application/octet-stream", "\x01\x02\x03\x00\x7f binary", 12);
  clipper_test_server_add (server, "/untyped.pdf", 200, NULL, "%PDF-1.4\n%\xe2\xe3\n", -1);
  clipper_test_server_add (server, "/data.json", 200, "application/json", "{\"a\": 1}", -1);
  clipper_test_server_add (server, "/feed.xml", 200, "application/xml", "<?xml version=\"1.0\"?><rss></rss>", -1);
  clipper_test_server_add (server, "/octet.html", 200, "application/octet-stream", page_html, -1);
  clipper_test_server_add (server, "/untyped.html", 200, NULL, page_html, -1);
  clipper_test_server_add (server, "/page.xhtml", 200, "application/xhtml+xml",
                   "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>", -1);
  clipper_test_server_add (server, "/xhtml-as-xml", 200, "text/xml",
                   "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>", -1);
  clipper_test_server_add (server, "/notes.txt", 200, "text/plain; charset=utf-8",
                   "Plain notes <not a tag> & more.\nSecond line.\n", -1);
  clipper_test_server_add (server, "/untyped.txt", 200, NULL, "Just words, no markup.\n", -1);
  clipper_test_server_add (server, "/empty.html", 200, "text/html", "", 0);
  clipper_test_server_add (server, "/blank.html", 200, "text/html", blank, -1);
  clipper_test_server_add (server, "/no-content", 204, "text/html", "", 0);
  clipper_test_server_add (server, "/bomb.html", 200, "text/html", bomb, -1);
  clipper_test_server_add (server, "/refresh/now", 200, "text/html",
                   "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/page.html\"></head>"
                   "<body>Redirecting (refresh)</body></html>", -1);
  clipper_test_server_add (server, "/refresh/quoted", 200, "text/html",
                   "<html><head><title>x</title><META HTTP-EQUIV=\"Refresh\" CONTENT=\"0;URL='../page.html'\"></head>"
                   "<body>refresh</body></html>", -1);
  clipper_test_server_add (server, "/refresh/in-5-seconds", 200, NULL,
                   "<!DOCTYPE html><html><head><meta http-equiv=refresh content=\"5, /page.html\"></head>"
                   "<body>refresh</body></html>", -1);
  clipper_test_server_add (server, "/refresh/chain", 200, "text/html",
                   "<meta http-equiv=\"refresh\" content=\"0; url=/refresh/now\"><p>refresh</p>", -1);
  clipper_test_server_add (server, "/refresh/slow", 200, "text/html",
                   "<html><head><meta http-equiv=\"refresh\" content=\"300; url=/page.html\"></head>"
                   "<body><p>A news page that reloads itself (refresh).</p></body></html>", -1);
  clipper_test_server_add (server, "/refresh/self", 200, "text/html",
                   "<html><head><meta http-equiv=\"refresh\" content=\"1; url=/refresh/self\"></head>"
                   "<body>refresh</body></html>", -1);
  clipper_test_server_add (server, "/refresh/reload", 200, "text/html",
                   "<html><head><meta http-equiv=\"refresh\" content=\"2\"></head><body>refresh</body></html>", -1);
  clipper_test_server_add (server, "/refresh/to-file", 200, "text/html",
                   "<html><head><meta http-equiv=\"refresh\" content=\"0; url=file:///etc/passwd\"></head>"
                   "<body>refresh</body></html>", -1);
  clipper_test_server_add (server, "/refresh/loop-a", 200, "text/html",
                   "<meta http-equiv=\"refresh\" content=\"0; url=/refresh/loop-b\"><p>refresh a</p>", -1);
  clipper_test_server_add (server, "/refresh/loop-b", 200, "text/html",
                   "<meta http-equiv=\"refresh\" content=\"0; url=/refresh/loop-a\"><p>refresh b</p>", -1);
  clipper_test_server_add (server, "/refresh/in-a-comment", 200, "text/html",
                   "<!-- <meta http-equiv=\"refresh\" content=\"0; url=/page.html\"> --><p>refresh</p>", -1);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = clipper_test_server_new ();
  add_routes ();

  g_test_add_func ("/fetch/html", test_fetch_html);
  g_test_add_func ("/fetch/user-agent", test_user_agent);
  g_test_add_func ("/fetch/redirects", test_redirects);
  g_test_add_func ("/fetch/redirect-loop", test_redirect_loop);
  g_test_add_func ("/fetch/redirect-cookie", test_redirect_with_cookie);
  g_test_add_func ("/fetch/redirect-to-file", test_redirect_to_file_refused);
  g_test_add_func ("/fetch/meta-refresh", test_meta_refresh);
  g_test_add_func ("/fetch/http-errors", test_http_errors);
  g_test_add_func ("/fetch/timeout", test_timeout);
  g_test_add_func ("/fetch/connect-timeout", test_connect_timeout);
  g_test_add_func ("/fetch/stalled-body", test_stalled_body);
  g_test_add_func ("/fetch/cut-short", test_cut_short);
  g_test_add_func ("/fetch/typed-uri", test_typed_uri);
  g_test_add_func ("/fetch/size-cap", test_size_cap);
  g_test_add_func ("/fetch/default-limits", test_default_cap_message);
  g_test_add_func ("/fetch/unsupported-types", test_unsupported_types);
  g_test_add_func ("/fetch/sniffed-types", test_sniffed_types);
  g_test_add_func ("/fetch/charsets", test_charsets);
  g_test_add_func ("/fetch/charset-labels", test_charset_labels);
  g_test_add_func ("/fetch/charset-nul-truncated", test_charset_nul_and_truncated);
  g_test_add_func ("/fetch/charset-guess-text", test_charset_guess_text);
  g_test_add_func ("/fetch/charset-guess-mostly-utf8", test_charset_guess_mostly_utf8);
  g_test_add_func ("/fetch/charset-decode-unreadable", test_charset_decode_unreadable);
  g_test_add_func ("/fetch/charset-guess", test_charset_guess);
  g_test_add_func ("/fetch/charset-guess-limits", test_charset_guess_limits);
  g_test_add_func ("/fetch/charset-guess-corpus", test_charset_guess_corpus);
  g_test_add_func ("/fetch/gzip", test_gzip);
  g_test_add_func ("/fetch/text-plain", test_text_plain);
  g_test_add_func ("/fetch/empty", test_empty);
  g_test_add_func ("/fetch/invalid-uris", test_invalid_uris);
  g_test_add_func ("/fetch/network-error", test_network_error);
  g_test_add_func ("/fetch/cancel", test_cancel);
  g_test_add_func ("/fetch/async", test_async);
  g_test_add_func ("/fetch/server-freed-late", test_server_freed_late);
  g_test_add_func ("/fetch/local-files", test_local_files);
  g_test_add_func ("/fetch/images", test_images);
  g_test_add_func ("/fetch/properties", test_properties);

  ret = g_test_run ();
  g_clear_pointer (&server, clipper_test_server_free);
  return ret;
}
