/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-fetcher.h"
#include "clipper-prescan.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>

#include "clipper-sniff-private.h"

/* Bytes asked of the stream at a time: large enough to keep the number of
 * round trips through the main loop low, small enough that the size cap
 * stops an endless body soon after it is passed. */
#define READ_CHUNK (64 * 1024)

G_DEFINE_QUARK (clipper-fetch-error-quark, clipper_fetch_error)

/* The fetcher's HTTP errors say the status first: "the server answered
 * 503 Service Unavailable for …". */
#define HTTP_STATUS_PREFIX "the server answered "
/* A timeout after the server's answer says so: "… stopped sending: 500
 * bytes came, then nothing for 30 s". */
#define STOPPED_SENDING " stopped sending: "

gboolean
clipper_fetch_error_is_temporary (const GError *error)
{
  guint64 status;

  g_return_val_if_fail (error != NULL, FALSE);

  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK) ||
      g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT) ||
      g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_CUT_SHORT))
    return TRUE;
  if (!g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_HTTP) ||
      !g_str_has_prefix (error->message, HTTP_STATUS_PREFIX))
    return FALSE;
  status = g_ascii_strtoull (error->message + strlen (HTTP_STATUS_PREFIX), NULL, 10);
  return (status >= 500 && status <= 599) || status == 408 || status == 429;
}

gboolean
clipper_fetch_error_is_stopped (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_CUT_SHORT) ||
         (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT) &&
          strstr (error->message, STOPPED_SENDING) != NULL);
}

struct _ClipperFetcher {
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;
  guint        connect_timeout;
  guint        timeout;
  guint        max_redirects;
  guint64      max_size;
  guint64      max_image_size;
};

G_DEFINE_FINAL_TYPE (ClipperFetcher, clipper_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_MAX_SIZE,
  PROP_MAX_IMAGE_SIZE,
  PROP_MAX_REDIRECTS,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ClipperFetchResult */

ClipperFetchResult *
clipper_fetch_result_copy (const ClipperFetchResult *result)
{
  ClipperFetchResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (ClipperFetchResult, 1);
  copy->uri = g_strdup (result->uri);
  copy->requested_uri = g_strdup (result->requested_uri);
  copy->content_type = g_strdup (result->content_type);
  copy->charset = g_strdup (result->charset);
  copy->charset_source = result->charset_source;
  copy->kind = result->kind;
  copy->raw = result->raw ? g_bytes_ref (result->raw) : NULL;
  copy->text = result->text ? g_memdup2 (result->text, result->text_length + 1) : NULL;
  copy->text_length = result->text_length;
  copy->status = result->status;
  copy->is_local = result->is_local;
  return copy;
}

void
clipper_fetch_result_free (ClipperFetchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->uri);
  g_free (result->requested_uri);
  g_free (result->content_type);
  g_free (result->charset);
  g_clear_pointer (&result->raw, g_bytes_unref);
  g_free (result->text);
  g_free (result);
}

G_DEFINE_BOXED_TYPE (ClipperFetchResult, clipper_fetch_result,
                     clipper_fetch_result_copy, clipper_fetch_result_free)

/* Helpers */

/* "20 MB", "64 KB", "1000 bytes": the cap as a person set it. */
static char *
format_size (guint64 size)
{
  if (size >= 1024 * 1024 && size % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " MB", size / (1024 * 1024));
  if (size >= 1024 && size % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " KB", size / 1024);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", size);
}

gboolean
clipper_fetch_uri_is_local (const char *uri_or_path)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri_or_path != NULL, FALSE);

  scheme = g_uri_parse_scheme (uri_or_path);
  return scheme == NULL || g_ascii_strcasecmp (scheme, "file") == 0
         || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0
             && g_file_test (uri_or_path, G_FILE_TEST_EXISTS));
}

/* The operation */

typedef enum {
  MODE_PAGE,
  MODE_IMAGE,
} FetchMode;

typedef struct {
  ClipperFetcher *fetcher;
  FetchMode       mode;
  guint64         max_size;
  guint           timeout;

  char           *requested_uri;
  char           *uri;          /* the current one, after redirects */
  char           *display;      /* a local file's path, for messages */
  char           *web_guess;    /* "https://" + a path that looks like a host name */
  GHashTable     *visited;      /* URI -> times requested while following redirects */
  guint           n_redirects;

  GFile          *file;         /* local files */
  SoupMessage    *msg;          /* HTTP */
  GInputStream   *stream;
  GByteArray     *body;

  char           *header_type;     /* Content-Type without parameters, or NULL */
  char           *header_charset;  /* its charset parameter, or NULL */
  guint           status;

  /* Cancelled by the caller's cancellable and by the total timeout, so that
   * libsoup and GIO see one cancellable and we can tell the two apart. */
  GCancellable   *cancellable;
  GCancellable   *user_cancellable;
  gulong          user_cancelled_id;
  GSource        *timer;
  gboolean        timed_out;

  ClipperFetchReceivedFunc received;  /* (nullable) told of the page's bytes */
  gpointer                 received_data;
} FetchOp;

/* How messages name what was fetched: a file by its path. */
static const char *
op_name (FetchOp *op)
{
  return op->display ? op->display : op->uri;
}

static void
fetch_op_free (FetchOp *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_source_unref (op->timer);
    }
  if (op->user_cancellable != NULL)
    {
      g_cancellable_disconnect (op->user_cancellable, op->user_cancelled_id);
      g_object_unref (op->user_cancellable);
    }
  g_clear_object (&op->cancellable);
  g_clear_object (&op->stream);
  g_clear_object (&op->msg);
  g_clear_object (&op->file);
  g_clear_pointer (&op->body, g_byte_array_unref);
  g_clear_pointer (&op->visited, g_hash_table_unref);
  g_free (op->requested_uri);
  g_free (op->uri);
  g_free (op->display);
  g_free (op->web_guess);
  g_free (op->header_type);
  g_free (op->header_charset);
  g_clear_object (&op->fetcher);
  g_free (op);
}

static void
stop_timer (FetchOp *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
}

static void
fail (GTask *task, GError *error)
{
  FetchOp *op = g_task_get_task_data (task);

  stop_timer (op);
  /* libsoup finishes a message where its stream goes away and insists on
   * the context it was sent from: drop them now, not when the task dies. */
  g_clear_object (&op->stream);
  g_clear_object (&op->msg);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_literal (GTask *task, ClipperFetchError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
fail_literal (GTask *task, ClipperFetchError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fail (task, g_error_new_literal (CLIPPER_FETCH_ERROR, code, message));
}

/* The same words whether the size came from a header, a file's size or
 * the bytes read so far. */
static void
fail_too_large (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);
  g_autofree char *cap = format_size (op->max_size);

  fail_literal (task, CLIPPER_FETCH_ERROR_TOO_LARGE, "%s too large (over %s): %s",
                op->mode == MODE_IMAGE ? "image" : "page", cap, op_name (op));
}

/* Turns what GIO, the resolver, TLS and libsoup report into our codes, with
 * the address in the message.  Cancellation stays G_IO_ERROR_CANCELLED,
 * unless it was our own timer that cancelled. */
static void
fail_from_error (GTask *task, GError *error)
{
  FetchOp *op = g_task_get_task_data (task);
  const char *what = op_name (op);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (op->timed_out)
        {
          fail_literal (task, CLIPPER_FETCH_ERROR_TIMEOUT,
                        "timed out after %u s fetching %s", op->timeout, what);
          g_error_free (error);
          return;
        }
      fail (task, error);
      return;
    }

  /* The server answered, then went quiet: not the same as no answer,
   * and trying again soon may well work. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && op->stream != NULL)
    {
      g_autofree char *got = format_size (op->body->len);

      fail_literal (task, CLIPPER_FETCH_ERROR_TIMEOUT,
                    "%s" STOPPED_SENDING "%s came, then nothing for %u s", what, got,
                    op->fetcher->connect_timeout);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail_literal (task, CLIPPER_FETCH_ERROR_TIMEOUT, "no answer from %s within %u s",
                  what, op->fetcher->connect_timeout);
  else if (error->domain == G_RESOLVER_ERROR)
    fail_literal (task, CLIPPER_FETCH_ERROR_NETWORK, "cannot find the server of %s: %s",
                  what, error->message);
  else if (error->domain == G_TLS_ERROR)
    fail_literal (task, CLIPPER_FETCH_ERROR_NETWORK, "secure connection to %s failed: %s",
                  what, error->message);
  else if (error->domain == SOUP_SESSION_ERROR)
    fail_literal (task, CLIPPER_FETCH_ERROR_NETWORK, "bad answer from %s: %s",
                  what, error->message);
  else if (op->file != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && op->web_guess)
    fail_literal (task, CLIPPER_FETCH_ERROR_NOT_FOUND,
                  "no such file: %s (to save a web page, give its whole address: %s)", what, op->web_guess);
  else if (op->file != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    fail_literal (task, CLIPPER_FETCH_ERROR_NOT_FOUND, "no such file: %s", what);
  else if (op->file != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    fail_literal (task, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE, "'%s' is a directory, not a web page", what);
  else if (op->file != NULL)
    fail_literal (task, CLIPPER_FETCH_ERROR_FAILED, "cannot read %s: %s", what, error->message);
  /* The server answered and the page was coming, then the connection
   * ended before its end (a crash, a proxy's reset): the server's doing,
   * and "cannot connect" sent users to check their own network. */
  else if (op->stream != NULL)
    {
      g_autofree char *got = format_size (op->body->len);

      fail_literal (task, CLIPPER_FETCH_ERROR_CUT_SHORT,
                    "%s stopped in the middle of the page: %s came, then the connection ended (%s)",
                    what, got, error->message);
    }
  else
    fail_literal (task, CLIPPER_FETCH_ERROR_NETWORK, "cannot fetch %s: %s", what, error->message);
  g_error_free (error);
}

static gboolean
on_timeout (gpointer user_data)
{
  FetchOp *op = user_data;

  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  g_clear_pointer (&op->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled (GCancellable *user_cancellable, gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void read_next_chunk (GTask *task);
static void send_request (GTask *task);

static void
finish_page_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  FetchOp *op = task_data;
  g_autoptr(ClipperFetchResult) result = g_new0 (ClipperFetchResult, 1);
  g_autoptr(GError) error = NULL;
  const guint8 *data = op->body->data;
  gsize length = op->body->len;

  if (!clipper_sniff_page_kind (op->header_type, op->file, data, length,
                                &result->kind, &result->content_type, &error))
    {
      g_prefix_error (&error, "'%s' ", op_name (op));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->charset = clipper_charset_sniff (data, length, op->header_charset, &result->charset_source);
  result->text = clipper_charset_to_utf8 (data, length, result->charset, &result->text_length);
  result->uri = g_strdup (op->uri);
  result->requested_uri = g_strdup (op->requested_uri);
  result->status = op->status;
  result->is_local = op->file != NULL;
  result->raw = g_byte_array_free_to_bytes (g_steal_pointer (&op->body));

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) clipper_fetch_result_free);
}

static gboolean
is_blank (const guint8 *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static gboolean follow_meta_refresh (GTask *task);

static void
finish_body (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);

  if (follow_meta_refresh (task))
    return;
  stop_timer (op);
  g_clear_object (&op->stream);
  g_clear_object (&op->msg);

  if (op->body->len == 0 || (op->mode == MODE_PAGE && is_blank (op->body->data, op->body->len)))
    {
      if (op->file != NULL)
        fail_literal (task, CLIPPER_FETCH_ERROR_EMPTY, "'%s' is empty%s", op_name (op),
                      op->body->len > 0 ? " (nothing but white space)" : "");
      else
        fail_literal (task, CLIPPER_FETCH_ERROR_EMPTY, "the page at %s is empty", op_name (op));
      return;
    }

  if (op->mode == MODE_IMAGE)
    {
      g_autoptr(ClipperFetchResult) result = g_new0 (ClipperFetchResult, 1);
      g_autoptr(GError) error = NULL;

      if (!clipper_sniff_image_type (op->header_type, op->body->data, op->body->len,
                                     &result->content_type, &error))
        {
          g_prefix_error (&error, "'%s' ", op_name (op));
          fail (task, g_steal_pointer (&error));
          return;
        }
      result->uri = g_strdup (op->uri);
      result->requested_uri = g_strdup (op->requested_uri);
      result->status = op->status;
      result->is_local = op->file != NULL;
      result->raw = g_byte_array_free_to_bytes (g_steal_pointer (&op->body));
      g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) clipper_fetch_result_free);
      g_object_unref (task);
      return;
    }

  /* Telling the charset and converting 20 MB of Shift_JIS takes a while:
   * not on the caller's (perhaps the UI's) thread. */
  g_task_run_in_thread (task, finish_page_in_thread);
  g_object_unref (task);
}

static void
on_chunk_read (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GTask *task = user_data;
  FetchOp *op = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (bytes == NULL)
    {
      fail_from_error (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      finish_body (task);
      return;
    }

  if (op->body->len + g_bytes_get_size (bytes) > op->max_size)
    {
      fail_too_large (task);
      return;
    }

  g_byte_array_append (op->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (op->received != NULL)
    op->received (op->body->len, op->received_data);
  read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (op->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   op->cancellable, on_chunk_read, task);
}

static void
on_file_opened (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GTask *task = user_data;
  FetchOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), res, &error));
  if (op->stream == NULL)
    {
      fail_from_error (task, error);
      return;
    }
  read_next_chunk (task);
}

static gboolean
is_followed_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND
         || status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT
         || status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static const char *
status_phrase (SoupMessage *msg)
{
  const char *phrase = soup_message_get_reason_phrase (msg);

  if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (soup_message_get_status (msg));
  return phrase ? phrase : "";
}

/* Query parameters that only say how the reader came to a page (a
 * newsletter's, an ad's or a share button's click tracking), besides
 * every "utm_…": the page is the same without them.  Kept short and to
 * names no site uses for anything else. */
static const char *const tracking_params[] = {
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
  "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "mkt_tok", NULL
};

static gboolean
is_tracking_param (const char *name,
                   gsize       len)
{
  if (len > 4 && strncmp (name, "utm_", 4) == 0)
    return TRUE;
  for (guint i = 0; tracking_params[i] != NULL; i++)
    if (strlen (tracking_params[i]) == len && strncmp (name, tracking_params[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* @query without its tracking parameters, the others as they were and in
 * their order; NULL when none is left. */
static char *
dup_query_without_tracking (const char *query)
{
  g_autoptr(GString) kept = g_string_new (NULL);
  gboolean first = TRUE;

  if (query == NULL)
    return NULL;
  for (const char *p = query;; p++)
    {
      gsize len = strcspn (p, "&");

      if (!is_tracking_param (p, MIN (len, strcspn (p, "="))))
        {
          if (!first)
            g_string_append_c (kept, '&');
          g_string_append_len (kept, p, len);
          first = FALSE;
        }
      p += len;
      if (*p == '\0')
        break;
    }
  return first ? NULL : g_string_free (g_steal_pointer (&kept), FALSE);
}

/* One spelling per page, so that the store finds it again: the host in
 * lower case, "/" for an empty path, and no fragment — it is never sent
 * and names a place in the same page ("page#comments" is "page").  With
 * @drop_tracking, no tracking parameters either ("…?utm_source=feed" is
 * the page itself); a redirect's target keeps them, as the server may
 * send the reader round until it sees them. */
static char *
dup_normal_http_uri (GUri     *uri,
                     gboolean  drop_tracking)
{
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  const char *path = g_uri_get_path (uri);
  g_autofree char *query = drop_tracking ? dup_query_without_tracking (g_uri_get_query (uri))
                                         : g_strdup (g_uri_get_query (uri));
  g_autoptr(GUri) normal = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                                        host, g_uri_get_port (uri), *path ? path : "/", query, NULL);

  return g_uri_to_string (normal);
}

/* Whether @uri (may be %NULL) is a web page's address: http or https, with
 * a host.  Never a remote page's way to a file:// or other local one. */
static gboolean
uri_is_web (GUri *uri)
{
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* Goes on to @next_uri (taken), a redirect's or a refresh's: counted, its
 * visits too, with nothing kept of the page that led there. */
static void
request_next (GTask *task,
              char  *next_uri)
{
  FetchOp *op = g_task_get_task_data (task);

  op->n_redirects++;
  g_hash_table_insert (op->visited, g_strdup (next_uri),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (op->visited, next_uri)) + 1));
  g_free (op->uri);
  op->uri = next_uri;
  g_byte_array_set_size (op->body, 0);
  g_clear_pointer (&op->header_type, g_free);
  g_clear_pointer (&op->header_charset, g_free);
  g_clear_object (&op->stream);
  g_clear_object (&op->msg);
  send_request (task);
}

static void
follow_redirect (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (op->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_uri = NULL;

  if (location == NULL || *location == '\0')
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_HTTP,
                    HTTP_STATUS_PREFIX "%u %s for %s but did not say where to go",
                    op->status, status_phrase (op->msg), op->uri);
      return;
    }

  next = g_uri_parse_relative (soup_message_get_uri (op->msg), location, SOUP_HTTP_URI_FLAGS, &error);
  if (!uri_is_web (next))
    {
      /* Never follow a remote page to a file:// or other local address. */
      fail_literal (task, CLIPPER_FETCH_ERROR_HTTP,
                    "%s redirects to '%s', which is not a web address", op->uri, location);
      return;
    }

  next_uri = dup_normal_http_uri (next, FALSE);
  /* Sites that set a cookie and send the reader back to the same page are
   * common (and work, with the session's cookie jar): only a third visit
   * is a loop. */
  if (GPOINTER_TO_UINT (g_hash_table_lookup (op->visited, next_uri)) >= 2)
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS,
                    "redirect loop: %s leads back to %s", op->uri, next_uri);
      return;
    }
  if (op->n_redirects >= op->fetcher->max_redirects)
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS,
                    "more than %u redirects starting at %s", op->fetcher->max_redirects,
                    op->requested_uri);
      return;
    }

  request_next (task, g_steal_pointer (&next_uri));
}

/* A refresh a browser follows while the reader is still looking at the
 * page: the page is a stub (a link shortener's, a moved page's notice, a
 * cookie check).  A news page that reloads itself every few minutes is
 * the page. */
#define REFRESH_FOLLOW_SECONDS 30

/* A page that sends the reader elsewhere with a <meta http-equiv=refresh>
 * is not what the reader saved: a browser shows the page it leads to, and
 * that page is fetched instead, counted as a redirect.  Not one after a while (see
 * above), nor one to a place already requested (the page itself, a loop),
 * to anything but a web address, or past the redirect limit: then the
 * page is kept as it is, as a browser would show it.  Returns whether the
 * refresh is followed (the task goes on). */
static gboolean
follow_meta_refresh (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);
  g_autofree char *location = NULL;
  g_autofree char *next_uri = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) next = NULL;
  guint seconds = 0;

  if (op->mode != MODE_PAGE || op->file != NULL || op->body->len == 0 ||
      (op->header_type != NULL && strstr (op->header_type, "html") == NULL &&
       !clipper_sniff_type_is_unknown (op->header_type)))
    return FALSE;
  location = clipper_prescan_refresh (op->body->data, op->body->len, &seconds);
  if (location == NULL || seconds > REFRESH_FOLLOW_SECONDS)
    return FALSE;

  base = g_uri_parse (op->uri, SOUP_HTTP_URI_FLAGS, NULL);
  next = base != NULL ? g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (!uri_is_web (next))
    return FALSE;
  next_uri = dup_normal_http_uri (next, FALSE);
  if (g_hash_table_contains (op->visited, next_uri) || op->n_redirects >= op->fetcher->max_redirects)
    return FALSE;

  g_debug ("%s refreshes to %s after %u s: following", op->uri, next_uri, seconds);
  request_next (task, g_steal_pointer (&next_uri));
  return TRUE;
}

/* Types that can never be a page, refused from the headers alone so that a
 * 300 MB video is not downloaded to be thrown away. */
static gboolean
header_type_is_hopeless (FetchMode mode, const char *type)
{
  if (type == NULL || clipper_sniff_type_is_unknown (type))
    return FALSE;
  if (mode == MODE_IMAGE)
    return !g_str_has_prefix (type, "image/");
  return !clipper_sniff_type_may_be_page (type);
}

static void
on_request_sent (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GTask *task = user_data;
  FetchOp *op = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GHashTable *params = NULL;
  const char *type;
  goffset content_length;
  GError *error = NULL;

  op->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (op->stream == NULL)
    {
      fail_from_error (task, error);
      return;
    }

  op->status = soup_message_get_status (op->msg);
  if (is_followed_redirect (op->status))
    {
      follow_redirect (task);
      return;
    }
  if (op->status == SOUP_STATUS_NOT_FOUND || op->status == SOUP_STATUS_GONE)
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_NOT_FOUND, "the server answered %u %s for %s",
                    op->status, status_phrase (op->msg), op->uri);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (op->status))
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_HTTP, HTTP_STATUS_PREFIX "%u %s for %s",
                    op->status, status_phrase (op->msg), op->uri);
      return;
    }
  if (op->status == SOUP_STATUS_NO_CONTENT)
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_EMPTY, "the page at %s is empty", op->uri);
      return;
    }

  headers = soup_message_get_response_headers (op->msg);
  type = soup_message_headers_get_content_type (headers, &params);
  if (type != NULL)
    {
      op->header_type = g_ascii_strdown (type, -1);
      if (params != NULL && g_hash_table_lookup (params, "charset") != NULL)
        op->header_charset = g_strdup (g_hash_table_lookup (params, "charset"));
    }
  g_clear_pointer (&params, g_hash_table_unref);

  if (header_type_is_hopeless (op->mode, op->header_type))
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE, "'%s' is not %s (content type %s)",
                    op->uri, op->mode == MODE_IMAGE ? "an image" : "a web page", op->header_type);
      return;
    }

  /* With Content-Encoding this is the compressed size, which the decoded
   * body can only exceed. */
  content_length = soup_message_headers_get_content_length (headers);
  if (content_length > 0 && (guint64) content_length > op->max_size)
    {
      fail_too_large (task);
      return;
    }

  read_next_chunk (task);
}

static void
send_request (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  op->msg = soup_message_new (SOUP_METHOD_GET, op->uri);
  if (op->msg == NULL)
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_INVALID_URI, "'%s' is not a valid web address", op->uri);
      return;
    }

  /* Redirects are followed here rather than by libsoup: we bound them,
   * detect loops and refuse redirects to non-web schemes ourselves. */
  soup_message_add_flags (op->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (op->msg);
  if (op->mode == MODE_IMAGE)
    soup_message_headers_replace (headers, "Accept",
                                  "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5");
  else
    soup_message_headers_replace (headers, "Accept",
                                  "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5");

  soup_session_send_async (op->fetcher->session, op->msg, G_PRIORITY_DEFAULT,
                           op->cancellable, on_request_sent, task);
}

/* The length of a port after a host (":8080", up to the address's path,
 * query or fragment), 0 for none. */
static gsize
port_length (const char *p)
{
  gsize digits = 0;

  if (*p != ':')
    return 0;
  while (g_ascii_isdigit (p[1 + digits]))
    digits++;
  return digits >= 1 && digits <= 5 && strchr ("/?#", p[1 + digits]) != NULL ? 1 + digits : 0;
}

/* "example.com/page", "example.com:8080": what people paste when they
 * mean a web page. */
static gboolean
looks_like_host_name (const char *input)
{
  gsize host_len = strcspn (input, ":/?#");
  const char *dot = memchr (input, '.', host_len);
  const char *rest = input + host_len;

  if (!g_ascii_isalnum (input[0]) || dot == NULL || dot + 1 >= input + host_len)
    return FALSE;
  for (gsize i = 0; i < host_len; i++)
    if (!g_ascii_isalnum (input[i]) && input[i] != '.' && input[i] != '-')
      return FALSE;
  rest += port_length (rest);
  if (*rest != '\0' && strchr ("/?#", *rest) == NULL)
    return FALSE;
  /* "notes.html" is a file name, not a host. */
  return *rest != '\0' || !g_str_has_suffix (input, ".html");
}

/* This machine's own servers ("localhost:8000", "127.0.0.1"): they seldom
 * speak https, and a browser goes to them with http. */
static gboolean
host_is_loopback (const char *address)
{
  g_autofree char *host = g_strndup (address, strcspn (address, "/?#"));
  char *colon;

  if (host[0] == '[')
    return g_ascii_strncasecmp (host, "[::1]", 5) == 0;
  if ((colon = strchr (host, ':')) != NULL)
    *colon = '\0';
  /* (127.x as an address only: "127.example.org" is someone's host.) */
  return g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost") ||
         (g_str_has_prefix (host, "127.") && strspn (host, "0123456789.") == strlen (host));
}

char *
clipper_fetch_dup_typed_uri (const char  *text,
                             char       **out_fallback)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *scheme = NULL;

  if (out_fallback != NULL)
    *out_fallback = NULL;

  /* Dropped text may hold several lines (text/uri-list): take the first. */
  stripped[strcspn (stripped, "\r\n")] = '\0';
  if (*stripped == '\0')
    return NULL;

  if (g_path_is_absolute (stripped))
    return g_filename_to_uri (stripped, NULL, NULL);

  scheme = g_uri_parse_scheme (stripped);
  if (scheme != NULL &&
      (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0 ||
       g_ascii_strcasecmp (scheme, "file") == 0))
    return g_steal_pointer (&stripped);
  /* "example.org:8080/page" parses as the scheme "example.org". */
  if (scheme != NULL && port_length (stripped + strlen (scheme)) == 0)
    return NULL;

  /* "example.org/page": the user means the web. */
  if (strchr (stripped, ' ') != NULL)
    return NULL;
  if (host_is_loopback (stripped))
    return g_strconcat ("http://", stripped, NULL);
  if (!looks_like_host_name (stripped))
    return NULL;
  if (out_fallback != NULL)
    *out_fallback = g_strconcat ("http://", stripped, NULL);
  return g_strconcat ("https://", stripped, NULL);
}

/* Decides whether @input is a web address or a file and sets op->uri or
 * op->file; FALSE with an error for anything else. */
static gboolean
resolve_input (FetchOp *op, const char *input, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (input));
  g_autofree char *scheme = NULL;

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI,
                           "no address or file given");
      return FALSE;
    }

  scheme = g_uri_parse_scheme (trimmed);
  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      g_autoptr(GUri) uri = g_uri_parse (trimmed, SOUP_HTTP_URI_FLAGS, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI,
                       "'%s' is not a valid web address", trimmed);
          return FALSE;
        }
      op->uri = dup_normal_http_uri (uri, TRUE);
      op->requested_uri = g_strdup (op->uri);
      return TRUE;
    }

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    {
      g_autofree char *path = g_filename_from_uri (trimmed, NULL, NULL);

      if (path == NULL)
        {
          g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI,
                       "'%s' is not a valid file address", trimmed);
          return FALSE;
        }
      op->file = g_file_new_for_path (path);
    }
  else if (scheme != NULL && !g_file_test (trimmed, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI,
                   "cannot fetch '%s': only web pages and local files are supported (http, https or a file)",
                   trimmed);
      return FALSE;
    }
  else
    {
      g_autofree char *path = g_canonicalize_filename (trimmed, NULL);

      op->file = g_file_new_for_path (path);
      if (looks_like_host_name (trimmed))
        op->web_guess = g_strconcat ("https://", trimmed, NULL);
    }

  op->uri = g_file_get_uri (op->file);
  op->requested_uri = g_strdup (op->uri);
  op->display = g_file_get_path (op->file);
  return TRUE;
}

char *
clipper_fetch_dup_normalized_uri (const char  *uri_or_path,
                                  GError     **error)
{
  FetchOp op = { 0 };
  char *uri = NULL;

  g_return_val_if_fail (uri_or_path != NULL, NULL);

  if (resolve_input (&op, uri_or_path, error))
    uri = g_steal_pointer (&op.uri);
  g_free (op.uri);
  g_free (op.requested_uri);
  g_free (op.display);
  g_free (op.web_guess);
  g_clear_object (&op.file);
  return uri;
}

/* One stat before a local file is opened.  A FIFO or a device would block a
 * reading thread that no timeout or cancellable can stop: only regular
 * files are pages.  A file over the cap is refused from its size, without
 * reading megabytes to throw them away (the cap still holds while reading,
 * for a file that grows meanwhile).  A missing file is left to the read,
 * which says so.  FALSE when the task has failed. */
static gboolean
check_local_file (GTask *task)
{
  FetchOp *op = g_task_get_task_data (task);
  GStatBuf st;

  if (g_stat (op->display, &st) != 0)
    return TRUE;

  if (S_ISDIR (st.st_mode))
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE, "'%s' is a directory, not a web page",
                    op->display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      fail_literal (task, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE, "'%s' is not a regular file", op->display);
      return FALSE;
    }
  if ((guint64) st.st_size > op->max_size)
    {
      fail_too_large (task);
      return FALSE;
    }
  return TRUE;
}

static void
start_fetch (ClipperFetcher           *self,
             FetchMode                 mode,
             const char               *uri_or_path,
             ClipperFetchReceivedFunc  received,
             gpointer                  received_data,
             GCancellable             *cancellable,
             GAsyncReadyCallback       callback,
             gpointer                  user_data,
             gpointer                  source_tag)
{
  GTask *task;
  FetchOp *op;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  op = g_new0 (FetchOp, 1);
  op->fetcher = g_object_ref (self);
  op->mode = mode;
  op->max_size = mode == MODE_IMAGE ? self->max_image_size : self->max_size;
  op->timeout = self->timeout;
  op->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->body = g_byte_array_new ();
  op->cancellable = g_cancellable_new ();
  op->received = received;
  op->received_data = received_data;
  g_task_set_task_data (task, op, (GDestroyNotify) fetch_op_free);

  if (!resolve_input (op, uri_or_path, &error))
    {
      fail (task, error);
      return;
    }

  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->user_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                     op->cancellable, NULL);
    }

  if (self->timeout > 0)
    {
      op->timer = g_timeout_source_new_seconds (self->timeout);
      g_source_set_callback (op->timer, on_timeout, op, NULL);
      g_source_set_static_name (op->timer, "[clipper] fetch timeout");
      g_source_attach (op->timer, g_task_get_context (task));
    }

  if (op->file != NULL)
    {
      if (check_local_file (task))
        g_file_read_async (op->file, G_PRIORITY_DEFAULT, op->cancellable, on_file_opened, task);
      return;
    }

  g_hash_table_insert (op->visited, g_strdup (op->uri), GUINT_TO_POINTER (1));
  send_request (task);
}

void
clipper_fetcher_fetch_async (ClipperFetcher      *self,
                             const char          *uri_or_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (uri_or_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_fetch (self, MODE_PAGE, uri_or_path, NULL, NULL, cancellable, callback, user_data,
               clipper_fetcher_fetch_async);
}

ClipperFetchResult *
clipper_fetcher_fetch_finish (ClipperFetcher  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_fetcher_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clipper_fetcher_fetch_image_async (ClipperFetcher      *self,
                                   const char          *uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_fetch (self, MODE_IMAGE, uri, NULL, NULL, cancellable, callback, user_data,
               clipper_fetcher_fetch_image_async);
}

GBytes *
clipper_fetcher_fetch_image_finish (ClipperFetcher  *self,
                                    GAsyncResult    *result,
                                    char           **out_content_type,
                                    GError         **error)
{
  g_autoptr(ClipperFetchResult) fetched = NULL;

  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_fetcher_fetch_image_async, NULL);

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;
  if (out_content_type != NULL)
    *out_content_type = g_steal_pointer (&fetched->content_type);
  return g_steal_pointer (&fetched->raw);
}

static void
on_sync_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

ClipperFetchResult *
clipper_fetcher_fetch_sync (ClipperFetcher            *self,
                            const char                *uri_or_path,
                            ClipperFetchReceivedFunc   received,
                            gpointer                   received_data,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autoptr(GMainContext) context = NULL;
  GAsyncResult *res = NULL;
  ClipperFetchResult *result;

  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (uri_or_path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  /* The async code on a private context: one code path for both, and the
   * total timeout works the same way in both. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  start_fetch (self, MODE_PAGE, uri_or_path, received, received_data, cancellable, on_sync_done, &res,
               clipper_fetcher_fetch_async);
  while (res == NULL)
    g_main_context_iteration (context, TRUE);
  result = clipper_fetcher_fetch_finish (self, res, error);
  g_object_unref (res);
  /* Whatever libsoup queued on this context while finishing runs here,
   * not never. */
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  return result;
}

/* ClipperFetcher */

static void
clipper_fetcher_dispose (GObject *object)
{
  ClipperFetcher *self = CLIPPER_FETCHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (clipper_fetcher_parent_class)->dispose (object);
}

static void
clipper_fetcher_finalize (GObject *object)
{
  ClipperFetcher *self = CLIPPER_FETCHER (object);

  g_free (self->user_agent);

  G_OBJECT_CLASS (clipper_fetcher_parent_class)->finalize (object);
}

static void
clipper_fetcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClipperFetcher *self = CLIPPER_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    case PROP_MAX_IMAGE_SIZE:
      g_value_set_uint64 (value, self->max_image_size);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_fetcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClipperFetcher *self = CLIPPER_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      clipper_fetcher_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      clipper_fetcher_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_SIZE:
      clipper_fetcher_set_max_size (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_IMAGE_SIZE:
      clipper_fetcher_set_max_image_size (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_REDIRECTS:
      clipper_fetcher_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_USER_AGENT:
      clipper_fetcher_set_user_agent (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_fetcher_class_init (ClipperFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_fetcher_dispose;
  object_class->finalize = clipper_fetcher_finalize;
  object_class->get_property = clipper_fetcher_get_property;
  object_class->set_property = clipper_fetcher_set_property;

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 1, G_MAXUINT, CLIPPER_FETCHER_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, CLIPPER_FETCHER_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL, 1, G_MAXUINT32, CLIPPER_FETCHER_DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_IMAGE_SIZE] =
    g_param_spec_uint64 ("max-image-size", NULL, NULL, 1, G_MAXUINT32, CLIPPER_FETCHER_DEFAULT_MAX_IMAGE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, 100, CLIPPER_FETCHER_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_fetcher_init (ClipperFetcher *self)
{
  self->connect_timeout = CLIPPER_FETCHER_DEFAULT_CONNECT_TIMEOUT;
  self->timeout = CLIPPER_FETCHER_DEFAULT_TIMEOUT;
  self->max_size = CLIPPER_FETCHER_DEFAULT_MAX_SIZE;
  self->max_image_size = CLIPPER_FETCHER_DEFAULT_MAX_IMAGE_SIZE;
  self->max_redirects = CLIPPER_FETCHER_DEFAULT_MAX_REDIRECTS;
  /* A trailing space makes libsoup append its own "libsoup/3.x". */
  self->user_agent = g_strdup ("Clipper/" PACKAGE_VERSION " (GNOME article saver; Linux) ");

  /* SoupContentDecoder (gzip, deflate, brotli) is on by default in libsoup 3.
   * The session timeout bounds connecting and each wait for the server. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->connect_timeout,
                                                 "accept-language-auto", TRUE,
                                                 NULL);
  /* In memory only, for the fetcher's lifetime: enough for sites that set
   * a cookie on a first redirect and expect it back on the next request. */
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
}

ClipperFetcher *
clipper_fetcher_new (void)
{
  return g_object_new (CLIPPER_TYPE_FETCHER, NULL);
}

guint
clipper_fetcher_get_connect_timeout (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), 0);
  return self->connect_timeout;
}

void
clipper_fetcher_set_connect_timeout (ClipperFetcher *self, guint seconds)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->connect_timeout == seconds)
    return;
  self->connect_timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

guint
clipper_fetcher_get_timeout (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), 0);
  return self->timeout;
}

void
clipper_fetcher_set_timeout (ClipperFetcher *self, guint seconds)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint64
clipper_fetcher_get_max_size (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), 0);
  return self->max_size;
}

void
clipper_fetcher_set_max_size (ClipperFetcher *self, guint64 max_size)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (max_size > 0);

  if (self->max_size == max_size)
    return;
  self->max_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

guint64
clipper_fetcher_get_max_image_size (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), 0);
  return self->max_image_size;
}

void
clipper_fetcher_set_max_image_size (ClipperFetcher *self, guint64 max_size)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (max_size > 0);

  if (self->max_image_size == max_size)
    return;
  self->max_image_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IMAGE_SIZE]);
}

guint
clipper_fetcher_get_max_redirects (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), 0);
  return self->max_redirects;
}

void
clipper_fetcher_set_max_redirects (ClipperFetcher *self, guint max_redirects)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));

  if (self->max_redirects == max_redirects)
    return;
  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REDIRECTS]);
}

const char *
clipper_fetcher_get_user_agent (ClipperFetcher *self)
{
  g_return_val_if_fail (CLIPPER_IS_FETCHER (self), NULL);
  return self->user_agent;
}

void
clipper_fetcher_set_user_agent (ClipperFetcher *self, const char *user_agent)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));

  if (user_agent == NULL)
    user_agent = "Clipper/" PACKAGE_VERSION " (GNOME article saver; Linux) ";
  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;
  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  soup_session_set_user_agent (self->session, user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}
