/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperFetcher: gets a web page (over HTTP(S) or from a local file) and
 * hands it back as received and as UTF-8 text.
 *
 * One ClipperFetcher holds one SoupSession; make one per application (or
 * per clipper-cli run) and share it.  Every fetch is bounded: redirects
 * (10), a wait for the server (30 s to connect, for the first byte of its
 * answer and for each later one), a total timeout (60 s) and a body size cap
 * (20 MB, enforced while the body streams in, after gzip/deflate/brotli are
 * undone) — all settable as properties.  The size cap ("max-size") is the
 * one limit on a page wherever it comes from: a local file over it is
 * refused from its size, before it is read.  Only web pages are accepted:
 * HTML, XHTML and plain text; anything else fails with
 * %CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE naming the type.  A local file is
 * judged by its name (.html, .xhtml, .txt, …) and then its bytes: a
 * directory, a device or FIFO, or binary data under a page's name is
 * refused too, with a message that says which.  Redirects are
 * only followed to http(s) addresses (never to file://).  The session keeps
 * cookies in memory for its lifetime (sites that set one on a redirect
 * work) and sends the user's languages in Accept-Language.
 *
 * URLs are normalized (host in lower case, "/" for an empty path, no
 * #fragment, no tracking parameters such as utm_source or fbclid), so one
 * page has one address; see
 * clipper_fetch_dup_normalized_uri().
 *
 * Threads: the async functions may be called from any thread that runs
 * (or will run) its thread-default main context; the callback comes back
 * there.  The sync twins run the same code on a private main context and
 * may be called from any thread, including GTask worker threads — but not
 * from the thread whose main context serves a SoupServer the fetch talks to
 * (that server could never answer).
 */
#pragma once

#include <gio/gio.h>

#include "clipper-charset.h"

G_BEGIN_DECLS

#define CLIPPER_FETCH_ERROR (clipper_fetch_error_quark ())

/**
 * ClipperFetchError:
 * @CLIPPER_FETCH_ERROR_FAILED: anything else (a file that cannot be read, …)
 * @CLIPPER_FETCH_ERROR_NOT_FOUND: HTTP 404 or 410, or no such local file
 * @CLIPPER_FETCH_ERROR_HTTP: any other HTTP error status (4xx, 5xx, a redirect with nowhere to go)
 * @CLIPPER_FETCH_ERROR_TOO_LARGE: the body (or the local file) is over the size cap
 * @CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE: not a web page (PDF, image, binary data, a directory,
 *   a device)
 * @CLIPPER_FETCH_ERROR_TIMEOUT: no connection or no complete answer in time
 * @CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS: a redirect loop, or more redirects than allowed
 * @CLIPPER_FETCH_ERROR_NETWORK: the host cannot be resolved or reached, TLS failed, the connection
 *   broke before the server answered
 * @CLIPPER_FETCH_ERROR_INVALID_URI: not an http(s) URL, a file:// URI or a path
 * @CLIPPER_FETCH_ERROR_EMPTY: the page has no content at all (0 bytes, or HTTP 204)
 * @CLIPPER_FETCH_ERROR_CUT_SHORT: the server answered, then the connection ended in the middle
 *   of the page (fewer bytes than it announced, a broken chunked body, a reset)
 *
 * Errors of #CLIPPER_FETCH_ERROR.  Cancellation is reported as
 * %G_IO_ERROR_CANCELLED, never as one of these.
 */
typedef enum {
  CLIPPER_FETCH_ERROR_FAILED,
  CLIPPER_FETCH_ERROR_NOT_FOUND,
  CLIPPER_FETCH_ERROR_HTTP,
  CLIPPER_FETCH_ERROR_TOO_LARGE,
  CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE,
  CLIPPER_FETCH_ERROR_TIMEOUT,
  CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS,
  CLIPPER_FETCH_ERROR_NETWORK,
  CLIPPER_FETCH_ERROR_INVALID_URI,
  CLIPPER_FETCH_ERROR_EMPTY,
  CLIPPER_FETCH_ERROR_CUT_SHORT,
} ClipperFetchError;

GQuark clipper_fetch_error_quark (void);

/**
 * ClipperFetchKind:
 * @CLIPPER_FETCH_KIND_HTML: an HTML page
 * @CLIPPER_FETCH_KIND_XHTML: an XHTML page (application/xhtml+xml, or XML whose root is html)
 * @CLIPPER_FETCH_KIND_TEXT: plain text, to be shown preformatted
 *
 * What the fetched page is.
 */
typedef enum {
  CLIPPER_FETCH_KIND_HTML,
  CLIPPER_FETCH_KIND_XHTML,
  CLIPPER_FETCH_KIND_TEXT,
} ClipperFetchKind;

/**
 * ClipperFetchResult:
 * @uri: the page's URI after redirects; for a local file its absolute file:// URI
 * @requested_uri: the URI asked for (a path is turned into its file:// URI)
 * @content_type: the MIME type, without parameters ("text/html"); sniffed when the server sent none
 * @charset: the iconv name of the encoding @text was decoded from ("UTF-8", "WINDOWS-1252", …)
 * @charset_source: where @charset came from
 * @kind: HTML, XHTML or plain text
 * @raw: the body as received, after any Content-Encoding (gzip…) is undone:
 *   the "original page" the store keeps
 * @text: @raw decoded to UTF-8, NUL-terminated (invalid bytes became U+FFFD)
 * @text_length: bytes in @text, without the NUL
 * @status: the final HTTP status (200…), or 0 for a local file
 * @is_local: %TRUE for a local file
 *
 * A fetched page.  A plain struct: read its fields directly.
 */
typedef struct {
  char                 *uri;
  char                 *requested_uri;
  char                 *content_type;
  char                 *charset;
  ClipperCharsetSource  charset_source;
  ClipperFetchKind      kind;
  GBytes               *raw;
  char                 *text;
  gsize                 text_length;
  guint                 status;
  gboolean              is_local;
} ClipperFetchResult;

#define CLIPPER_TYPE_FETCH_RESULT (clipper_fetch_result_get_type ())
GType               clipper_fetch_result_get_type (void) G_GNUC_CONST;
/* (transfer full) a deep copy */
ClipperFetchResult *clipper_fetch_result_copy     (const ClipperFetchResult *result);
void                clipper_fetch_result_free     (ClipperFetchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperFetchResult, clipper_fetch_result_free)

/* Defaults of the properties. */
/* A page slower than 15 s was never saved; browsers wait minutes. */
#define CLIPPER_FETCHER_DEFAULT_CONNECT_TIMEOUT  30                        /* seconds */
#define CLIPPER_FETCHER_DEFAULT_TIMEOUT          60                        /* seconds */
#define CLIPPER_FETCHER_DEFAULT_MAX_SIZE         (20 * 1024 * 1024)        /* bytes */
#define CLIPPER_FETCHER_DEFAULT_MAX_IMAGE_SIZE   (10 * 1024 * 1024)        /* bytes */
#define CLIPPER_FETCHER_DEFAULT_MAX_REDIRECTS    10

#define CLIPPER_TYPE_FETCHER (clipper_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (ClipperFetcher, clipper_fetcher, CLIPPER, FETCHER, GObject)

/**
 * clipper_fetcher_new:
 *
 * Returns: (transfer full): a fetcher with the default limits and a
 *   "Clipper/VERSION" User-Agent
 */
ClipperFetcher *clipper_fetcher_new (void);

/* Properties: "connect-timeout" (s, the longest wait for the server: to
 * connect, for its answer, between two reads), "timeout" (s, the whole fetch, 0 = none),
 * "max-size" (bytes of a page), "max-image-size" (bytes of an image),
 * "max-redirects", "user-agent".  Set them before the first fetch. */
guint        clipper_fetcher_get_connect_timeout (ClipperFetcher *self);
void         clipper_fetcher_set_connect_timeout (ClipperFetcher *self, guint seconds);
guint        clipper_fetcher_get_timeout         (ClipperFetcher *self);
void         clipper_fetcher_set_timeout         (ClipperFetcher *self, guint seconds);
guint64      clipper_fetcher_get_max_size        (ClipperFetcher *self);
void         clipper_fetcher_set_max_size        (ClipperFetcher *self, guint64 max_size);
guint64      clipper_fetcher_get_max_image_size  (ClipperFetcher *self);
void         clipper_fetcher_set_max_image_size  (ClipperFetcher *self, guint64 max_size);
guint        clipper_fetcher_get_max_redirects   (ClipperFetcher *self);
void         clipper_fetcher_set_max_redirects   (ClipperFetcher *self, guint max_redirects);
const char  *clipper_fetcher_get_user_agent      (ClipperFetcher *self);
void         clipper_fetcher_set_user_agent      (ClipperFetcher *self, const char *user_agent);

/**
 * clipper_fetcher_fetch_async:
 * @self: a #ClipperFetcher
 * @uri_or_path: an http:// or https:// URL, a file:// URI, or a local path
 *   (absolute, or relative to the current directory)
 * @cancellable: (nullable): to stop the fetch
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Fetches a web page: follows redirects, enforces the limits, decides the
 * content type and the character set, and decodes the body to UTF-8.
 */
void                clipper_fetcher_fetch_async  (ClipperFetcher      *self,
                                                  const char          *uri_or_path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/**
 * clipper_fetcher_fetch_finish:
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 *   (#CLIPPER_FETCH_ERROR, or %G_IO_ERROR_CANCELLED)
 */
ClipperFetchResult *clipper_fetcher_fetch_finish (ClipperFetcher  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);
/**
 * ClipperFetchReceivedFunc:
 * @received: how many bytes of the page have come in so far (after
 *   Content-Encoding is undone)
 * @user_data: as given
 *
 * Told of a page's body as it comes in, for a progress display: once for
 * each piece read, on the fetching thread.
 */
typedef void (*ClipperFetchReceivedFunc) (guint64 received, gpointer user_data);

/**
 * clipper_fetcher_fetch_sync:
 * @received: (nullable) (scope call): told of the body as it comes in
 * @received_data: for @received
 *
 * The blocking twin of clipper_fetcher_fetch_async(), for clipper-cli and
 * worker threads (see the threading note at the top of this file).
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
ClipperFetchResult *clipper_fetcher_fetch_sync   (ClipperFetcher            *self,
                                                  const char                *uri_or_path,
                                                  ClipperFetchReceivedFunc   received,
                                                  gpointer                   received_data,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

/**
 * clipper_fetcher_fetch_image_async:
 * @self: a #ClipperFetcher
 * @uri: an absolute http(s) or file:// URI (callers decide which schemes
 *   they allow: a remote page must not name local files)
 * @cancellable: (nullable): to stop the fetch
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Fetches an image with the same redirect and time limits as a page, the
 * "max-image-size" cap, and only image/ content types (sniffed from the
 * bytes when the server says nothing useful).
 */
void                clipper_fetcher_fetch_image_async  (ClipperFetcher      *self,
                                                        const char          *uri,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/**
 * clipper_fetcher_fetch_image_finish:
 * @out_content_type: (out) (optional) (transfer full): the image's MIME type
 *
 * Returns: (transfer full): the image bytes, or %NULL with @error set
 */
GBytes             *clipper_fetcher_fetch_image_finish (ClipperFetcher  *self,
                                                        GAsyncResult    *result,
                                                        char           **out_content_type,
                                                        GError         **error);

/**
 * clipper_fetch_uri_is_local:
 * @uri_or_path: what a user typed
 *
 * Returns: %TRUE when @uri_or_path names a local file (a path or file:// URI)
 *   rather than a web address
 */
gboolean            clipper_fetch_uri_is_local (const char *uri_or_path);

/**
 * clipper_fetch_dup_typed_uri:
 * @text: what the user typed, pasted or dropped
 * @out_fallback: (out) (optional) (transfer full) (nullable): for an
 *   address without its scheme sent to https, the same with http, to try
 *   when https cannot be reached (as browsers do); else %NULL
 *
 * The one rule by which the app and clipper-cli take an address: an
 * http(s) URL, a file:// URI or an absolute path as they are, and a web
 * address without its scheme ("example.org/page", "example.org:8080")
 * as https, or http for this machine's own servers
 * ("localhost:8000/notes.html", "127.0.0.1:8765/page").  A relative path
 * is not an address: a caller that takes them (clipper-cli) looks for
 * the file first.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL when @text is
 *   none of these
 */
char               *clipper_fetch_dup_typed_uri (const char  *text,
                                                 char       **out_fallback);

/**
 * clipper_fetch_dup_normalized_uri:
 * @uri_or_path: what a user typed
 * @error: %CLIPPER_FETCH_ERROR_INVALID_URI for what cannot be fetched
 *
 * The URI a fetch of @uri_or_path starts from, without fetching anything:
 * an http(s) URL in normal form (without the parameters that only track
 * a click: every utm_…, fbclid, gclid, dclid, gbraid, wbraid, msclkid,
 * yclid, twclid, mc_cid, mc_eid, igshid, _hsenc, _hsmi, mkt_tok; the
 * others kept in their order), or the absolute file:// URI of a path.
 * ClipperFetchResult.requested_uri of a fetch is this same string, so
 * callers can look a page up in the store before fetching it.
 *
 * Returns: (transfer full): the URI, or %NULL with @error set
 */
char               *clipper_fetch_dup_normalized_uri (const char  *uri_or_path,
                                                      GError     **error);

/**
 * clipper_fetch_error_is_temporary:
 * @error: an error from a fetch or a save
 *
 * Whether the same fetch may succeed if tried again later: no connection,
 * no answer in time, a server error (5xx), 408 Request Timeout, 429 Too
 * Many Requests.  A page not found, not a web page, too large, or without
 * an article is the same the next time, and offering to try again only
 * made the user wait for the same answer.
 *
 * Returns: %TRUE when trying again can help
 */
gboolean            clipper_fetch_error_is_temporary (const GError *error);

/**
 * clipper_fetch_error_is_stopped:
 * @error: an error from a fetch or a save
 *
 * Whether the server answered and the page began to come, then stopped:
 * the connection ended in the middle (%CLIPPER_FETCH_ERROR_CUT_SHORT), or
 * nothing more came for the wait (a %CLIPPER_FETCH_ERROR_TIMEOUT that says
 * "stopped sending").  Such a server is there: the network is not what to
 * look at, unlike a server that never answered.
 *
 * Returns: %TRUE when the page stopped coming after the server answered
 */
gboolean            clipper_fetch_error_is_stopped   (const GError *error);

G_END_DECLS
