/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SoupServer on 127.0.0.1 for tests and benchmarks, running on its
 * own thread and main context so that a test may call the fetcher's sync
 * API (and run clipper-cli) without deadlocking.  Part of
 * clipper_test_util_dep; it began as the fetch tests' own.
 *
 * Canned routes are added with clipper_test_server_add(); a few
 * behaviours are built in:
 *   /redirect/N     302 to /redirect/N-1, and /redirect/0 to /page.html
 *   /loop-a /loop-b redirect to each other
 *   /to-file        302 to file:///etc/passwd
 *   /cookie         sets a cookie and redirects to itself; with the cookie, a page
 *   /slow           never answers (until the server stops)
 *   /late/PATH      the canned route PATH, a second late (a 503 when the
 *                   server stops first)
 *   /endless        a chunked text/html body that never ends
 *   /stall          headers and the start of a chunked text/html body, then
 *                   nothing more (until the server stops)
 *   /trickle/PATH   the canned route PATH, chunked, 1 KB every 20 ms (a slow page)
 *   /short          announces 5,000 bytes more than the text/html page it sends,
 *                   then closes the connection
 *   /gzip/PATH      the canned route PATH, gzip-compressed with Content-Encoding
 *   /deflate/PATH   the same with Content-Encoding: deflate (zlib format)
 *   /ua             echoes the User-Agent as text/plain
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ClipperTestServer ClipperTestServer;

ClipperTestServer *clipper_test_server_new      (void);
/* Listens on @address (an IPv4 address of this machine) instead of
 * 127.0.0.1, for what must not look like a loopback address; NULL: as
 * clipper_test_server_new(). */
ClipperTestServer *clipper_test_server_new_on   (const char        *address);
void               clipper_test_server_free     (ClipperTestServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperTestServer, clipper_test_server_free)

/* "http://127.0.0.1:PORT" (or the address listened on) + @path */
char              *clipper_test_server_url      (ClipperTestServer *server,
                                                 const char        *path);

/* @content_type is sent as the Content-Type header verbatim; NULL sends
 * none.  @length -1: @body is a NUL-terminated string.  A redirect (a 3xx
 * @status) sends @body as its Location. */
void               clipper_test_server_add      (ClipperTestServer *server,
                                                 const char        *path,
                                                 guint              status,
                                                 const char        *content_type,
                                                 const void        *body,
                                                 gssize             length);
/* Requests served for @path so far; "/page?a=1" counts those with that
 * query only. */
guint              clipper_test_server_get_hits (ClipperTestServer *server,
                                                 const char        *path);
/* While held, a request for a canned route is counted and then waits, so
 * that a test can change things while a page is on its way; letting go
 * answers those waiting, and the next ones at once. */
void               clipper_test_server_hold     (ClipperTestServer *server,
                                                 gboolean           hold);
/* The main context the server runs in, which may outlive it: for a test
 * that nothing left in it points at a server freed. */
GMainContext      *clipper_test_server_ref_context (ClipperTestServer *server);

G_END_DECLS
