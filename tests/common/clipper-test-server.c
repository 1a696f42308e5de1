/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-test"

#include "clipper-test-server.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

/* How late /late/PATH answers. */
#define LATE_MS 1000

/* How /trickle/PATH sends its route: this many bytes every so often. */
#define TRICKLE_BYTES 1024
#define TRICKLE_MS    20

typedef struct {
  guint   status;
  char   *content_type;
  GBytes *body;
} Route;

struct _ClipperTestServer {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;
  char         *address;    /* the IPv4 address to listen on; NULL: 127.0.0.1 */
  GSocketService *service;  /* in front of the server when @address is set */

  GMutex        lock;       /* routes and hits: the test thread adds, the server thread reads */
  GCond         ready;
  gboolean      started;
  GHashTable   *routes;     /* path -> Route */
  GHashTable   *hits;       /* path -> count */
  GPtrArray    *paused;     /* SoupServerMessage held by /slow */
  gboolean      holding;    /* clipper_test_server_hold(): under the lock */
  GPtrArray    *held;       /* Late waiting for the hold to end (server thread only) */
  GPtrArray    *late;       /* Late waiting for its /late/ timeout (server thread only) */
  GPtrArray    *trickles;   /* Trickle still sending (server thread only) */
};

static void
route_free (Route *route)
{
  g_free (route->content_type);
  g_bytes_unref (route->body);
  g_free (route);
}

static GBytes *
compress_bytes (GBytes *input, GZlibCompressorFormat format)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, -1);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (input);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (mem, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Each chunk written queues exactly one more: an endless body that does
 * not pile up in the server's memory. */
static void
on_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  static char chunk[16 * 1024];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (chunk[0] == '\0')
    {
      for (gsize i = 0; i + 1 < sizeof chunk; i++)
        chunk[i] = (i % 64 == 63) ? '\n' : 'a' + (i % 26);
      chunk[sizeof chunk - 1] = '\n';
    }
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
}

/* /short: once its page is out, the connection ends, 5,000 bytes before
 * the end that its Content-Length announced. */
static void
on_short_written (SoupServerMessage *msg, guint size, gpointer user_data)
{
  g_autoptr(GIOStream) connection = soup_server_message_steal_connection (msg);

  g_io_stream_close (connection, NULL, NULL);
}

static void
set_redirect (SoupServerMessage *msg, const char *location)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
}

/* Answers @msg with the canned route @path, compressed with @encoding
 * ("gzip", "deflate" or NULL); a 404 when there is none. */
static void
respond (ClipperTestServer *server, SoupServerMessage *msg, const char *path, const char *encoding)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Route *route;

  g_mutex_lock (&server->lock);
  route = g_hash_table_lookup (server->routes, path);
  if (route == NULL)
    {
      g_mutex_unlock (&server->lock);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<p>nothing here</p>", 19);
      return;
    }

  soup_server_message_set_status (msg, route->status, NULL);
  /* A redirect's body is where it leads. */
  if (SOUP_STATUS_IS_REDIRECTION (route->status))
    {
      g_autofree char *location = g_strndup (g_bytes_get_data (route->body, NULL), g_bytes_get_size (route->body));

      g_mutex_unlock (&server->lock);
      set_redirect (msg, location);
      soup_server_message_set_status (msg, route->status, NULL);
      return;
    }
  if (route->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", route->content_type);
  if (encoding != NULL)
    {
      g_autoptr(GBytes) compressed =
        compress_bytes (route->body, strcmp (encoding, "gzip") == 0 ? G_ZLIB_COMPRESSOR_FORMAT_GZIP
                                                                   : G_ZLIB_COMPRESSOR_FORMAT_ZLIB);

      soup_message_headers_replace (headers, "Content-Encoding", encoding);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), compressed);
    }
  else if (g_bytes_get_size (route->body) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), route->body);
  g_mutex_unlock (&server->lock);
}

typedef struct {
  ClipperTestServer *server;    /* borrowed: the server ends its Lates before it goes */
  SoupServerMessage *msg;
  char              *path;
  GSource           *source;    /* a /late/ answer's timeout; NULL for a held one */
} Late;

static void
late_free (gpointer data)
{
  Late *late = data;

  g_clear_pointer (&late->source, g_source_unref);
  g_object_unref (late->msg);
  g_free (late->path);
  g_free (late);
}

static gboolean
on_late (gpointer data)
{
  Late *late = data;

  respond (late->server, late->msg, late->path, NULL);
  soup_server_message_unpause (late->msg);
  return G_SOURCE_REMOVE;
}

static gboolean
on_late_timeout (gpointer data)
{
  Late *late = data;

  g_ptr_array_remove_fast (late->server->late, late);
  return on_late (late);
}

/* A /trickle/ answer on its way. */
typedef struct {
  ClipperTestServer *server;  /* borrowed: the server stops its Trickles before it goes */
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              sent;
  GSource           *source;
  gulong             finished_id;
} Trickle;

static void
trickle_stop (Trickle *trickle)
{
  g_ptr_array_remove_fast (trickle->server->trickles, trickle);
  g_signal_handler_disconnect (trickle->msg, trickle->finished_id);
  g_source_destroy (trickle->source);
  g_source_unref (trickle->source);
  g_object_unref (trickle->msg);
  g_bytes_unref (trickle->body);
  g_free (trickle);
}

/* The next piece; the server writes it and waits, paused, for more. */
static gboolean
on_trickle (gpointer data)
{
  Trickle *trickle = data;
  SoupMessageBody *body = soup_server_message_get_response_body (trickle->msg);
  gsize size = g_bytes_get_size (trickle->body);
  gsize n = MIN (TRICKLE_BYTES, size - trickle->sent);
  const char *bytes = g_bytes_get_data (trickle->body, NULL);

  soup_message_body_append (body, SOUP_MEMORY_COPY, bytes + trickle->sent, n);
  trickle->sent += n;
  if (trickle->sent == size)
    soup_message_body_complete (body);
  soup_server_message_unpause (trickle->msg);
  if (trickle->sent == size)
    {
      trickle_stop (trickle);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The client went away (a save cancelled): nothing more to send. */
static void
on_trickle_finished (SoupServerMessage *msg, gpointer data)
{
  trickle_stop (data);
}

static void
start_trickle (ClipperTestServer *server, SoupServerMessage *msg, const char *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Trickle *trickle;
  Route *route;

  g_mutex_lock (&server->lock);
  route = g_hash_table_lookup (server->routes, path);
  if (route == NULL || g_bytes_get_size (route->body) == 0)
    {
      g_mutex_unlock (&server->lock);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  trickle = g_new0 (Trickle, 1);
  trickle->server = server;
  trickle->msg = g_object_ref (msg);
  trickle->body = g_bytes_ref (route->body);
  soup_server_message_set_status (msg, route->status, NULL);
  if (route->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", route->content_type);
  g_mutex_unlock (&server->lock);

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  trickle->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_trickle_finished), trickle);
  trickle->source = g_timeout_source_new (TRICKLE_MS);
  g_source_set_callback (trickle->source, on_trickle, trickle, NULL);
  g_source_attach (trickle->source, server->context);
  g_ptr_array_add (server->trickles, trickle);
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  ClipperTestServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *encoding = NULL;

  g_mutex_lock (&server->lock);
  g_hash_table_insert (server->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path)) + 1));
  /* With its query too, for the tests of which parameters are sent. */
  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autofree char *full = g_strconcat (path, "?", g_uri_get_query (uri), NULL);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, full));

      g_hash_table_insert (server->hits, g_strdup (full), GUINT_TO_POINTER (n + 1));
    }
  g_mutex_unlock (&server->lock);

  if (g_str_has_prefix (path, "/redirect/"))
    {
      guint n = (guint) g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
      g_autofree char *next = n == 0 ? g_strdup ("/page.html") : g_strdup_printf ("/redirect/%u", n - 1);

      set_redirect (msg, next);
      return;
    }
  /* A page that moved: /moved/a/b.html sends to /a/b.html. */
  if (g_str_has_prefix (path, "/moved/"))
    {
      set_redirect (msg, path + strlen ("/moved"));
      return;
    }
  if (strcmp (path, "/loop-a") == 0)
    {
      set_redirect (msg, "/loop-b");
      return;
    }
  if (strcmp (path, "/loop-b") == 0)
    {
      set_redirect (msg, "/loop-a");
      return;
    }
  if (strcmp (path, "/cookie") == 0)
    {
      const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");

      if (cookie == NULL || strstr (cookie, "seen=1") == NULL)
        {
          soup_message_headers_append (headers, "Set-Cookie", "seen=1; Path=/");
          set_redirect (msg, "/cookie");
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<p>welcome back</p>", 19);
      return;
    }
  if (strcmp (path, "/to-file") == 0)
    {
      set_redirect (msg, "file:///etc/passwd");
      return;
    }
  if (strcmp (path, "/slow") == 0)
    {
      g_ptr_array_add (server->paused, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    }
  if (g_str_has_prefix (path, "/late/"))
    {
      g_autoptr(GSource) source = g_timeout_source_new (LATE_MS);
      Late *late = g_new0 (Late, 1);

      late->server = server;
      late->msg = g_object_ref (msg);
      late->path = g_strdup (path + strlen ("/late"));
      late->source = g_source_ref (source);
      soup_server_message_pause (msg);
      g_source_set_callback (source, on_late_timeout, late, late_free);
      g_source_attach (source, server->context);
      g_ptr_array_add (server->late, late);
      return;
    }
  if (strcmp (path, "/endless") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Type", "text/html");
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk), NULL);
      on_wrote_chunk (msg, NULL);
      return;
    }
  if (strcmp (path, "/stall") == 0)
    {
      static const char start[] = "<html><head><title>Stalled</title></head><body><p>The start of";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Type", "text/html");
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, start,
                                sizeof start - 1);
      return;
    }
  if (g_str_has_prefix (path, "/trickle/"))
    {
      start_trickle (server, msg, path + strlen ("/trickle"));
      return;
    }
  if (strcmp (path, "/short") == 0)
    {
      static const char page[] = "<html><head><title>Cut Short</title></head><body><article>"
                                 "<p>The first paragraph of a page whose server stops halfway.</p>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (headers, sizeof page - 1 + 5000);
      soup_message_headers_replace (headers, "Content-Type", "text/html");
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, page,
                                sizeof page - 1);
      g_signal_connect (msg, "wrote-body-data", G_CALLBACK (on_short_written), NULL);
      return;
    }
  if (strcmp (path, "/ua") == 0)
    {
      const char *ua = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent");

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, ua ? ua : "", ua ? strlen (ua) : 0);
      return;
    }
  if (g_str_has_prefix (path, "/gzip/"))
    {
      path += strlen ("/gzip");
      encoding = "gzip";
    }
  else if (g_str_has_prefix (path, "/deflate/"))
    {
      path += strlen ("/deflate");
      encoding = "deflate";
    }

  g_mutex_lock (&server->lock);
  if (server->holding && encoding == NULL)
    {
      Late *held = g_new0 (Late, 1);

      g_mutex_unlock (&server->lock);
      held->server = server;
      held->msg = g_object_ref (msg);
      held->path = g_strdup (path);
      soup_server_message_pause (msg);
      g_ptr_array_add (server->held, held);
      return;
    }
  g_mutex_unlock (&server->lock);
  respond (server, msg, path, encoding);
}

/* A server on another address speaks http only, and closes a connection
 * that opens with a TLS handshake at once, as a host with nothing for
 * https on that port does (sooner than one that lets it time out). */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  ClipperTestServer *server = data;
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GError) error = NULL;
  char first = 0;

  /* (A client writes first: this waits for its first byte, and leaves
   * it to be read.) */
  {
    GInputVector peek = { &first, 1 };
    int flags = G_SOCKET_MSG_PEEK;

    g_socket_set_blocking (socket, TRUE);
    if (g_socket_receive_message (socket, NULL, &peek, 1, NULL, NULL, &flags, NULL, NULL) != 1 ||
        first == 0x16)
      {
        g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
        return TRUE;
      }
  }
  soup_server_accept_iostream (server->server, G_IO_STREAM (connection), local, remote, &error);
  g_assert_no_error (error);
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  ClipperTestServer *server = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);

  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handle, server, NULL);
  if (server->address != NULL)
    {
      g_autoptr(GSocketAddress) where = g_inet_socket_address_new_from_string (server->address, 0);
      g_autoptr(GSocketAddress) bound = NULL;

      g_assert_nonnull (where);
      server->service = g_socket_service_new ();
      g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), where, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
      g_assert_no_error (error);
      g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
      g_socket_service_start (server->service);
      server->base = g_strdup_printf ("http://%s:%u", server->address,
                                      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
    }
  else
    {
      soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (server->server);
      g_assert_nonnull (uris);
      server->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&server->lock);
  server->started = TRUE;
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  /* Let held messages go so that the server can finish them. */
  for (guint i = 0; i < server->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (server->paused, i);

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  for (guint i = 0; i < server->held->len; i++)
    {
      Late *held = g_ptr_array_index (server->held, i);

      soup_server_message_set_status (held->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (held->msg);
    }
  /* So are /late/ answers not yet due, and their timeouts removed: they
   * pointed at the server, and fired in whatever iterated its context
   * after clipper_test_server_free() (the context outlives the server
   * while anything holds a reference to it). */
  while (server->late->len > 0)
    {
      Late *late = g_ptr_array_steal_index_fast (server->late, server->late->len - 1);
      GSource *source = g_source_ref (late->source);

      soup_server_message_set_status (late->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (late->msg);
      g_source_destroy (source);   /* frees @late */
      g_source_unref (source);
    }
  /* A /trickle/ answer still sending is cut short. */
  while (server->trickles->len > 0)
    trickle_stop (g_ptr_array_index (server->trickles, server->trickles->len - 1));
  if (server->service != NULL)
    {
      g_socket_service_stop (server->service);
      g_socket_listener_close (G_SOCKET_LISTENER (server->service));
      g_clear_object (&server->service);
    }
  soup_server_disconnect (server->server);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_clear_object (&server->server);
  g_ptr_array_set_size (server->paused, 0);
  g_ptr_array_set_size (server->held, 0);
  while (g_main_context_iteration (server->context, FALSE))
    ;

  g_main_context_pop_thread_default (server->context);
  return NULL;
}

ClipperTestServer *
clipper_test_server_new (void)
{
  return clipper_test_server_new_on (NULL);
}

ClipperTestServer *
clipper_test_server_new_on (const char *address)
{
  ClipperTestServer *server = g_new0 (ClipperTestServer, 1);

  server->address = g_strdup (address);

  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  server->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->paused = g_ptr_array_new_with_free_func (g_object_unref);
  server->held = g_ptr_array_new_with_free_func (late_free);
  server->late = g_ptr_array_new ();
  server->trickles = g_ptr_array_new ();
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("test-server", server_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->started)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
clipper_test_server_free (ClipperTestServer *server)
{
  if (server == NULL)
    return;

  g_main_context_invoke (server->context, quit_loop, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_hash_table_unref (server->routes);
  g_hash_table_unref (server->hits);
  g_ptr_array_unref (server->paused);
  g_ptr_array_unref (server->held);
  g_assert_cmpuint (server->late->len, ==, 0);
  g_ptr_array_unref (server->late);
  g_assert_cmpuint (server->trickles->len, ==, 0);
  g_ptr_array_unref (server->trickles);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
  g_free (server->base);
  g_free (server->address);
  g_free (server);
}

char *
clipper_test_server_url (ClipperTestServer *server, const char *path)
{
  return g_strconcat (server->base, path, NULL);
}

void
clipper_test_server_add (ClipperTestServer *server,
                 const char *path,
                 guint       status,
                 const char *content_type,
                 const void *body,
                 gssize      length)
{
  Route *route = g_new0 (Route, 1);

  if (length < 0)
    length = body ? (gssize) strlen (body) : 0;
  route->status = status;
  route->content_type = g_strdup (content_type);
  route->body = g_bytes_new (body, length);

  g_mutex_lock (&server->lock);
  g_hash_table_replace (server->routes, g_strdup (path), route);
  g_mutex_unlock (&server->lock);
}

guint
clipper_test_server_get_hits (ClipperTestServer *server, const char *path)
{
  guint hits;

  g_mutex_lock (&server->lock);
  hits = GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));
  g_mutex_unlock (&server->lock);
  return hits;
}

/* On the server's thread, which alone touches its messages. */
static gboolean
answer_held (gpointer data)
{
  ClipperTestServer *server = data;

  for (guint i = 0; i < server->held->len; i++)
    on_late (g_ptr_array_index (server->held, i));
  g_ptr_array_set_size (server->held, 0);
  return G_SOURCE_REMOVE;
}

GMainContext *
clipper_test_server_ref_context (ClipperTestServer *server)
{
  return g_main_context_ref (server->context);
}

void
clipper_test_server_hold (ClipperTestServer *server, gboolean hold)
{
  g_mutex_lock (&server->lock);
  server->holding = hold;
  g_mutex_unlock (&server->lock);
  if (!hold)
    g_main_context_invoke (server->context, answer_held, server);
}
