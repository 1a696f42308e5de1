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

  return clipper_fetcher_fetch_sync (fetcher, url, NULL, error);
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
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
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
  g_assert_cmpuint (clipper_fetcher_get_connect_timeout (fetcher), ==, 15);
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

      result = clipper_fetcher_fetch_sync (fetcher, cases[i], NULL, &error);
      g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI);
      g_assert_null (result);
    }

  /* Another scheme is named, with what would work instead. */
  {
    g_autoptr(ClipperFetchResult) result = NULL;
    g_autoptr(GError) error = NULL;

    result = clipper_fetcher_fetch_sync (fetcher, "ftp://example.com/x", NULL, &error);
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

  result = clipper_fetcher_fetch_sync (fetcher, url, NULL, &error);
  g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, url));
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
  result = clipper_fetcher_fetch_sync (fetcher, url, cancellable, &error);
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
    g_autoptr(ClipperFetchResult) by_path = clipper_fetcher_fetch_sync (fetcher, html, NULL, &error);
    g_autoptr(ClipperFetchResult) by_uri = NULL;
    g_autoptr(ClipperFetchResult) by_relative = NULL;

    g_assert_no_error (error);
    g_assert_true (by_path->is_local);
    g_assert_cmpuint (by_path->status, ==, 0);
    g_assert_cmpstr (by_path->uri, ==, html_uri);
    g_assert_cmpstr (by_path->charset, ==, "ISO-8859-2");
    g_assert_cmpint (by_path->kind, ==, CLIPPER_FETCH_KIND_HTML);
    g_assert_nonnull (strstr (by_path->text, "Łódź"));

    by_uri = clipper_fetcher_fetch_sync (fetcher, html_uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (by_uri->uri, ==, html_uri);
    g_assert_cmpstr (by_uri->text, ==, by_path->text);

    g_assert_cmpint (g_chdir (dir), ==, 0);
    by_relative = clipper_fetcher_fetch_sync (fetcher, "page.html", NULL, &error);
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_no_error (error);
    g_assert_cmpstr (by_relative->uri, ==, html_uri);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, txt, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_TEXT);
    g_assert_cmpstr (result->text, ==, "just text\n");
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, noext, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, pdf, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_nonnull (strstr (error->message, "application/pdf"));
    g_clear_error (&error);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, empty, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_clear_error (&error);
  }

  {
    g_autofree char *missing = g_build_filename (dir, "missing.html", NULL);
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, missing, NULL, &error);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, missing));
    g_clear_error (&error);
  }

  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, subdir, NULL, &error);
    g_autofree char *expected = g_strdup_printf ("'%s' is a directory, not a web page", subdir);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
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

    result = clipper_fetcher_fetch_sync (fetcher, disguised, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_cmpstr (error->message, ==, expected);
    g_assert_null (result);
    g_clear_error (&error);

    result = clipper_fetcher_fetch_sync (fetcher, nul, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
    g_assert_nonnull (strstr (error->message, "it holds binary data"));
    g_assert_null (result);
    g_clear_error (&error);

    result = clipper_fetcher_fetch_sync (fetcher, bel, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (result->kind, ==, CLIPPER_FETCH_KIND_HTML);
  }

  /* An empty file, and one of nothing but white space, say so by name. */
  {
    g_autofree char *blank = write_temp_file (dir, "blank.html", " \n\t", -1);
    g_autofree char *expected_empty = g_strdup_printf ("'%s' is empty", empty);
    g_autofree char *expected_blank = g_strdup_printf ("'%s' is empty (nothing but white space)", blank);
    g_autoptr(ClipperFetchResult) result = NULL;

    result = clipper_fetcher_fetch_sync (fetcher, empty, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_assert_cmpstr (error->message, ==, expected_empty);
    g_clear_error (&error);
    result = clipper_fetcher_fetch_sync (fetcher, blank, NULL, &error);
    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY);
    g_assert_cmpstr (error->message, ==, expected_blank);
    g_clear_error (&error);
  }

  /* The size cap holds for files too, in the same words as for a download. */
  clipper_fetcher_set_max_size (fetcher, 16);
  {
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, html, NULL, &error);
    g_autofree char *expected = g_strdup_printf ("page too large (over 16 bytes): %s", html);

    g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
  }
  /* Exactly at the cap is fine. */
  {
    g_autofree char *fits = write_temp_file (dir, "fits.txt", "sixteen bytes!!\n", -1);
    g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, fits, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (result->raw), ==, 16);
  }
  /* Devices and FIFOs are not pages (and an endless one must not hang us). */
  clipper_fetcher_set_max_size (fetcher, 64 * 1024);
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, "/dev/zero", NULL, &error);

      g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_clear_error (&error);
    }
  {
    g_autofree char *fifo = g_build_filename (dir, "pipe.html", NULL);

    if (mkfifo (fifo, 0600) == 0)
      {
        g_autoptr(ClipperFetchResult) result = clipper_fetcher_fetch_sync (fetcher, fifo, NULL, &error);

        g_assert_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE);
        g_clear_error (&error);
      }
  }

  /* A missing "file" that is really a web address without its scheme. */
  {
    g_autoptr(ClipperFetchResult) result = NULL;

    g_assert_cmpint (g_chdir (dir), ==, 0);
    result = clipper_fetcher_fetch_sync (fetcher, "example.com/story", NULL, &error);
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
  g_test_add_func ("/fetch/http-errors", test_http_errors);
  g_test_add_func ("/fetch/timeout", test_timeout);
  g_test_add_func ("/fetch/connect-timeout", test_connect_timeout);
  g_test_add_func ("/fetch/size-cap", test_size_cap);
  g_test_add_func ("/fetch/default-limits", test_default_cap_message);
  g_test_add_func ("/fetch/unsupported-types", test_unsupported_types);
  g_test_add_func ("/fetch/sniffed-types", test_sniffed_types);
  g_test_add_func ("/fetch/charsets", test_charsets);
  g_test_add_func ("/fetch/charset-labels", test_charset_labels);
  g_test_add_func ("/fetch/charset-nul-truncated", test_charset_nul_and_truncated);
  g_test_add_func ("/fetch/gzip", test_gzip);
  g_test_add_func ("/fetch/text-plain", test_text_plain);
  g_test_add_func ("/fetch/empty", test_empty);
  g_test_add_func ("/fetch/invalid-uris", test_invalid_uris);
  g_test_add_func ("/fetch/network-error", test_network_error);
  g_test_add_func ("/fetch/cancel", test_cancel);
  g_test_add_func ("/fetch/async", test_async);
  g_test_add_func ("/fetch/local-files", test_local_files);
  g_test_add_func ("/fetch/images", test_images);
  g_test_add_func ("/fetch/properties", test_properties);

  ret = g_test_run ();
  g_clear_pointer (&server, clipper_test_server_free);
  return ret;
}
