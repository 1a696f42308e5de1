/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SoupServer on 127.0.0.1 for the fetch tests, running on its own
 * thread and main context so that the tests may call the fetcher's sync
 * API (and run clipper-cli) without deadlocking.
 *
 * Canned routes are added with test_server_add(); a few behaviours are
 * built in:
 *   /redirect/N     302 to /redirect/N-1, and /redirect/0 to /page.html
 *   /loop-a /loop-b redirect to each other
 *   /to-file        302 to file:///etc/passwd
 *   /cookie         sets a cookie and redirects to itself; with the cookie, a page
 *   /slow           never answers (until the server stops)
 *   /endless        a chunked text/html body that never ends
 *   /gzip/PATH      the canned route PATH, gzip-compressed with Content-Encoding
 *   /deflate/PATH   the same with Content-Encoding: deflate (zlib format)
 *   /ua             echoes the User-Agent as text/plain
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TestServer TestServer;

TestServer *test_server_new      (void);
void        test_server_free     (TestServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

/* "http://127.0.0.1:PORT" + @path */
char       *test_server_url      (TestServer *server, const char *path);

/* @content_type is sent as the Content-Type header verbatim; NULL sends
 * none.  @length -1: @body is a NUL-terminated string. */
void        test_server_add      (TestServer *server,
                                  const char *path,
                                  guint       status,
                                  const char *content_type,
                                  const void *body,
                                  gssize      length);
/* Requests served for @path so far. */
guint       test_server_get_hits (TestServer *server, const char *path);

/* Shared by the fetch tests: a minimal valid PNG (1×1, transparent), and
 * removing a temporary folder with everything in it. */
extern const guint8 test_png_bytes[];
extern const gsize  test_png_size;
void        test_remove_tree     (const char *dir);

G_END_DECLS
