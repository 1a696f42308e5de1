/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-saver.h"

#include "clipper-charset.h"
#include "clipper-kindle.h"
#include "clipper-sniff-private.h"

#include <string.h>

/* A text title longer than this is a paragraph, not a title. */
#define MAX_TEXT_TITLE 120

G_DEFINE_QUARK (clipper-saver-error-quark, clipper_saver_error)

/* Titles */

/* A name for a page that has no title of its own: the file name, or the
 * last segment of the URL path, or the host. */
static char *
dup_fallback_title (const ClipperFetchResult *page)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  const char *slash;

  if (page->is_local)
    {
      g_autofree char *filename = g_filename_from_uri (page->uri, NULL, NULL);

      if (filename != NULL)
        return g_filename_display_basename (filename);
    }

  uri = g_uri_parse (page->uri, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (page->uri);

  path = g_uri_get_path (uri);
  slash = strrchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      g_autofree char *segment = g_uri_unescape_string (slash + 1, NULL);

      if (segment != NULL && g_utf8_validate (segment, -1, NULL))
        return g_steal_pointer (&segment);
    }
  return g_strdup (g_uri_get_host (uri) ? g_uri_get_host (uri) : page->uri);
}

/* The first non-blank line of a text, when it is short enough to be its title. */
static char *
dup_first_line (const char *text)
{
  while (*text != '\0')
    {
      const char *end = strchr (text, '\n');
      gsize len = end ? (gsize) (end - text) : strlen (text);
      g_autofree char *line = g_strstrip (g_strndup (text, len));

      if (*line != '\0')
        return g_utf8_strlen (line, -1) <= MAX_TEXT_TITLE ? g_steal_pointer (&line) : NULL;
      if (end == NULL)
        break;
      text = end + 1;
    }
  return NULL;
}

/* Extraction */

ClipperExtraction *
clipper_saver_extract (const ClipperFetchResult  *page,
                       GError                   **error)
{
  g_autoptr(ClipperExtraction) extraction = NULL;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (page->text != NULL, NULL);

  if (page->kind == CLIPPER_FETCH_KIND_TEXT)
    {
      g_autofree char *title = dup_first_line (page->text);
      g_autofree char *escaped_title = NULL;
      g_autofree char *escaped = g_markup_escape_text (page->text, page->text_length);
      g_autofree char *html = NULL;

      if (title == NULL)
        title = dup_fallback_title (page);
      escaped_title = g_markup_escape_text (title, -1);
      /* The HTML parser drops a newline right after <pre>: one of our own
       * keeps the text's first line. */
      html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                              "<body><article><pre>\n%s</pre></article></body></html>",
                              escaped_title, escaped);
      extraction = clipper_extract (html, strlen (html), page->uri, error);
    }
  else
    extraction = clipper_extract (page->text, page->text_length, page->uri, error);

  if (extraction == NULL)
    return NULL;

  if (extraction->title == NULL || *g_strstrip (extraction->title) == '\0')
    {
      g_free (extraction->title);
      extraction->title = dup_fallback_title (page);
    }
  return g_steal_pointer (&extraction);
}


/* A host without the prefixes that name the same site's variants. */
static const char *
site_host (const char *host)
{
  static const char *const prefixes[] = { "www.", "m.", "amp.", "mobile.", NULL };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (host, prefixes[i], strlen (prefixes[i])) == 0 && strchr (host + strlen (prefixes[i]), '.'))
      return host + strlen (prefixes[i]);
  return host;
}

/* @canonical, the address a page at @page_uri gives as its own, in normal
 * form, if it is believable: on the same site (www., m. and amp. aside),
 * over http(s).  A page naming another site's address would make that
 * address open this article ("already in your library"), so those are
 * ignored. */
static char *
trusted_canonical (const char *canonical, const char *page_uri)
{
  g_autoptr(GUri) c = NULL;
  g_autoptr(GUri) p = NULL;
  const char *ch, *ph;

  if (canonical == NULL || page_uri == NULL)
    return NULL;
  c = g_uri_parse (canonical, G_URI_FLAGS_NONE, NULL);
  p = g_uri_parse (page_uri, G_URI_FLAGS_NONE, NULL);
  if (c == NULL || p == NULL || (ch = g_uri_get_host (c)) == NULL || (ph = g_uri_get_host (p)) == NULL)
    return NULL;
  if ((g_strcmp0 (g_uri_get_scheme (c), "http") != 0 && g_strcmp0 (g_uri_get_scheme (c), "https") != 0) ||
      (g_strcmp0 (g_uri_get_scheme (p), "http") != 0 && g_strcmp0 (g_uri_get_scheme (p), "https") != 0))
    return NULL;
  if (g_ascii_strcasecmp (site_host (ch), site_host (ph)) != 0 || g_uri_get_port (c) != g_uri_get_port (p))
    return NULL;
  /* Sites that give every page their home page's address mean nothing. */
  if ((g_str_equal (g_uri_get_path (c), "") || g_str_equal (g_uri_get_path (c), "/")) &&
      !(g_str_equal (g_uri_get_path (p), "") || g_str_equal (g_uri_get_path (p), "/")))
    return NULL;
  return clipper_fetch_dup_normalized_uri (canonical, NULL);
}

/* The web address a page saved from a file gives as its own (@canonical:
 * <link rel=canonical>, else og:url, absolute http(s) as the extractor
 * keeps them), in normal form; NULL for none.  There is no site to compare
 * it with: the user chose the file, which a browser saved from that
 * address.  A home page's address is not taken, as some sites give it on
 * every page. */
static char *
file_page_web_address (const char *canonical)
{
  g_autoptr(GUri) c = NULL;

  if (canonical == NULL || (c = g_uri_parse (canonical, G_URI_FLAGS_NONE, NULL)) == NULL)
    return NULL;
  if ((g_strcmp0 (g_uri_get_scheme (c), "http") != 0 && g_strcmp0 (g_uri_get_scheme (c), "https") != 0)
      || g_uri_get_host (c) == NULL || *g_uri_get_host (c) == '\0')
    return NULL;
  if (g_str_equal (g_uri_get_path (c), "") || g_str_equal (g_uri_get_path (c), "/"))
    return NULL;
  return clipper_fetch_dup_normalized_uri (canonical, NULL);
}

/* Whether an extraction holds no article: a page of nothing but its
 * navigation and footer (an error page, a paywall) extracts to no text.
 * Saved, it would be an empty article; put in place of a saved one's
 * text, it would orphan every highlight.  Both saving and Fetch Again
 * refuse it. */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* clipper_saver_extract(), with the page named in the message: the user
 * sees this error on its own, far from the command that caused it.  A local
 * file is named by its path, the way the user knows it. */
static ClipperExtraction *
extract_with_context (const ClipperFetchResult *page, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  ClipperExtraction *extraction;

  extraction = clipper_saver_extract (page, &local_error);
  if (extraction != NULL)
    return extraction;

  if (page->is_local)
    path = g_filename_from_uri (page->uri, NULL, NULL);
  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   "cannot extract an article from '%s': %s", display, local_error->message);
    }
  else
    g_set_error (error, local_error->domain, local_error->code,
                 "cannot extract an article from %s: %s", page->uri, local_error->message);
  return NULL;
}

void
clipper_saver_fill_article (ClipperArticle           *article,
                            const ClipperExtraction  *extraction,
                            const ClipperFetchResult *page)
{
  g_autofree char *declared = NULL;

  g_return_if_fail (CLIPPER_IS_ARTICLE (article));
  g_return_if_fail (extraction != NULL);

  clipper_article_set_title (article, extraction->title);
  clipper_article_set_byline (article, extraction->byline);
  clipper_article_set_site_name (article, extraction->site_name);
  clipper_article_set_lang (article, extraction->lang);
  clipper_article_set_dir (article, extraction->dir);
  clipper_article_set_published_time (article, extraction->published_time);
  clipper_article_set_excerpt (article, extraction->excerpt);
  clipper_article_set_lead_image (article, extraction->lead_image);
  clipper_article_set_html (article, extraction->html);
  clipper_article_set_text (article, extraction->text);
  clipper_article_set_word_count (article, extraction->word_count);

  /* The page's real address: the one it gives as its own, else where the
   * redirects ended. */
  declared = trusted_canonical (extraction->canonical_url,
                                page != NULL && page->uri != NULL ? page->uri : clipper_article_get_url (article));
  if (declared != NULL && g_strcmp0 (declared, clipper_article_get_url (article)) != 0)
    clipper_article_set_canonical_url (article, declared);
  else if (page != NULL && page->uri != NULL && g_strcmp0 (page->uri, clipper_article_get_url (article)) != 0)
    clipper_article_set_canonical_url (article, page->uri);
}

/* Images */

typedef struct {
  char     *url;
  char     *content_type;
  GBytes   *data;
  gboolean  in_article;  /* not only the lead image */
} FetchedImage;

static void
fetched_image_free (FetchedImage *image)
{
  g_free (image->url);
  g_free (image->content_type);
  g_bytes_unref (image->data);
  g_free (image);
}

typedef struct {
  ClipperFetcher *fetcher;
  GCancellable   *cancellable;
  GPtrArray      *urls;      /* (element-type utf8) to fetch */
  GHashTable     *fallbacks; /* (nullable) url -> what to fetch instead if it fails */
  guint           n_in_article; /* the first of @urls are the article's own */
  guint           next;
  guint           running;
  guint64         total;
  GPtrArray      *images;    /* (element-type FetchedImage) fetched */
} ImageBatch;

typedef struct {
  ImageBatch *batch;
  char       *url;           /* the image as the article shows it */
  const char *fetching;      /* url, or its fallback */
  gboolean    in_article;
} ImageJob;

static void start_image_jobs (ImageBatch *batch);

static void
on_image_fetched (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ImageJob *job = user_data;
  ImageBatch *batch = job->batch;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) data = NULL;

  data = clipper_fetcher_fetch_image_finish (CLIPPER_FETCHER (source), res, &content_type, &error);
  if (data == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      job->fetching == job->url && batch->fallbacks != NULL &&
      (job->fetching = g_hash_table_lookup (batch->fallbacks, job->url)) != NULL)
    {
      /* The sharp copy is missing: the page's plain one, stored under the
       * URL the article shows. */
      g_debug ("Image %s: %s; fetching %s instead", job->url, error->message, job->fetching);
      clipper_fetcher_fetch_image_async (batch->fetcher, job->fetching, batch->cancellable, on_image_fetched, job);
      return;
    }
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Skipping image: %s", error->message);
    }
  else if (batch->total + g_bytes_get_size (data) > CLIPPER_SAVER_MAX_IMAGE_BYTES)
    g_debug ("Skipping image %s: the article's images are over %u MB",
             job->url, CLIPPER_SAVER_MAX_IMAGE_BYTES / (1024 * 1024));
  else
    {
      FetchedImage *image = g_new0 (FetchedImage, 1);

      batch->total += g_bytes_get_size (data);
      image->url = g_steal_pointer (&job->url);
      image->content_type = g_steal_pointer (&content_type);
      image->data = g_steal_pointer (&data);
      image->in_article = job->in_article;
      g_ptr_array_add (batch->images, image);
    }

  g_free (job->url);
  g_free (job);
  batch->running--;
  start_image_jobs (batch);
}

static void
start_image_jobs (ImageBatch *batch)
{
  while (batch->running < CLIPPER_SAVER_PARALLEL_IMAGES && batch->next < batch->urls->len
         && !g_cancellable_is_cancelled (batch->cancellable))
    {
      ImageJob *job = g_new0 (ImageJob, 1);

      job->batch = batch;
      job->in_article = batch->next < batch->n_in_article;
      job->url = g_strdup (g_ptr_array_index (batch->urls, batch->next++));
      job->fetching = job->url;
      batch->running++;
      clipper_fetcher_fetch_image_async (batch->fetcher, job->url, batch->cancellable, on_image_fetched, job);
    }
}

static gboolean
image_url_allowed (const char *url, const ClipperFetchResult *page)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  /* A picture written into the page: stored from its own bytes. */
  if (g_ascii_strcasecmp (scheme, "data") == 0)
    return TRUE;
  /* A web page must never make us read the user's files. */
  return page->is_local && g_ascii_strcasecmp (scheme, "file") == 0;
}

static void
cancel_images (GCancellable *cancellable, gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_images_deadline (gpointer user_data)
{
  g_debug ("Images still loading after the fetch timeout: saving without them");
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Fetches the images @extraction shows, CLIPPER_SAVER_PARALLEL_IMAGES at a
 * time on a private main context; those written into the page (data:)
 * are decoded, not fetched.  Returns (element-type FetchedImage);
 * *@out_n_in_article gets how many of the article's own images were
 * asked for (the lead image aside: the article does not show it). */
static GPtrArray *
fetch_images (ClipperFetcher           *fetcher,
              const ClipperExtraction  *extraction,
              const ClipperFetchResult *page,
              GCancellable             *cancellable,
              guint                    *out_n_in_article)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  g_autoptr(GCancellable) images_cancellable = g_cancellable_new ();
  guint timeout = clipper_fetcher_get_timeout (fetcher);
  GSource *deadline = NULL;
  gulong cancelled_id = 0;
  guint n_inline = 0;
  ImageBatch batch = { 0 };

  batch.images = g_ptr_array_new_with_free_func ((GDestroyNotify) fetched_image_free);
  for (guint i = 0; extraction->images != NULL && i < extraction->images->len; i++)
    {
      const char *url = g_ptr_array_index (extraction->images, i);

      if (urls->len + n_inline >= CLIPPER_SAVER_MAX_IMAGES || !image_url_allowed (url, page) ||
          !g_hash_table_add (seen, (gpointer) url))
        continue;
      if (g_ascii_strncasecmp (url, "data:", 5) == 0)
        {
          /* Nothing to fetch: the extractor decoded its bytes and named
           * it by their key; under the same limits as a downloaded image. */
          GBytes *data = extraction->inline_images != NULL ? g_hash_table_lookup (extraction->inline_images, url) : NULL;
          const char *type;

          n_inline++;
          if (data == NULL || g_bytes_get_size (data) > clipper_fetcher_get_max_image_size (fetcher) ||
              batch.total + g_bytes_get_size (data) > CLIPPER_SAVER_MAX_IMAGE_BYTES ||
              (type = clipper_image_sniff (g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL, NULL)) == NULL)
            continue;
          batch.total += g_bytes_get_size (data);
          {
            FetchedImage *image = g_new0 (FetchedImage, 1);

            image->url = g_strdup (url);
            image->content_type = g_strdup (type);
            image->data = g_bytes_ref (data);
            image->in_article = TRUE;
            g_ptr_array_add (batch.images, image);
          }
          continue;
        }
      g_ptr_array_add (urls, (gpointer) url);
    }
  batch.n_in_article = urls->len;
  if (extraction->lead_image != NULL && urls->len < CLIPPER_SAVER_MAX_IMAGES
      && image_url_allowed (extraction->lead_image, page) && g_ascii_strncasecmp (extraction->lead_image, "data:", 5) != 0
      && g_hash_table_add (seen, extraction->lead_image))
    g_ptr_array_add (urls, extraction->lead_image);

  batch.fetcher = fetcher;
  batch.cancellable = images_cancellable;
  batch.urls = urls;
  batch.fallbacks = extraction->image_fallbacks;

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_images), images_cancellable, NULL);

  g_main_context_push_thread_default (context);
  /* Each image has the fetcher's timeout; all of them together get it once
   * more, so that a page with a hundred slow images cannot hold the save
   * for an hour.  What arrived by then is kept. */
  if (timeout > 0)
    {
      deadline = g_timeout_source_new_seconds (timeout);
      g_source_set_callback (deadline, on_images_deadline, images_cancellable, NULL);
      g_source_set_static_name (deadline, "[clipper] images deadline");
      g_source_attach (deadline, context);
    }
  start_image_jobs (&batch);
  while (batch.running > 0)
    g_main_context_iteration (context, TRUE);
  if (deadline != NULL)
    {
      g_source_destroy (deadline);
      g_source_unref (deadline);
    }
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancelled_id);

  if (out_n_in_article != NULL)
    *out_n_in_article = batch.n_in_article + n_inline;
  return batch.images;
}

/* Inside the caller's transaction; each image in its own savepoint, so
 * one the store refuses does not undo the others.  Returns how many were
 * stored; *@out_n_in_article (optional) how many of them the article
 * shows. */
static guint
store_images (ClipperStore *store, gint64 article_id, GPtrArray *images, guint *out_n_in_article)
{
  guint n_stored = 0;
  guint n_in_article = 0;

  for (guint i = 0; i < images->len; i++)
    {
      FetchedImage *image = g_ptr_array_index (images, i);
      g_autoptr(GError) error = NULL;

      if (clipper_store_add_image (store, article_id, image->url, image->content_type, image->data, &error))
        {
          n_stored++;
          if (image->in_article)
            n_in_article++;
        }
      else
        g_debug ("Not storing image %s: %s", image->url, error->message);
    }
  if (out_n_in_article != NULL)
    *out_n_in_article = n_in_article;
  return n_stored;
}

/* How many of the images the article shows (those fetch_images() asks
 * for) the library has no copy of: the reader shows their alt text.  One
 * that could not be fetched again but was stored before is shown all the
 * same, and is not missing. */
static guint
count_images_missing (ClipperStore *store, gint64 article_id, const ClipperExtraction *extraction,
                      const ClipperFetchResult *page)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint asked = 0, missing = 0;

  for (guint i = 0; extraction->images != NULL && i < extraction->images->len; i++)
    {
      const char *url = g_ptr_array_index (extraction->images, i);
      g_autoptr(GBytes) copy = NULL;

      if (asked >= CLIPPER_SAVER_MAX_IMAGES || !image_url_allowed (url, page) || !g_hash_table_add (seen, (gpointer) url))
        continue;
      asked++;
      copy = clipper_store_dup_image (store, article_id, url, NULL, NULL);
      missing += copy == NULL ? 1 : 0;
    }
  return missing;
}

gboolean
clipper_saver_store_images_sync (ClipperStore             *store,
                                 ClipperFetcher           *fetcher,
                                 gint64                    article_id,
                                 const ClipperExtraction  *extraction,
                                 const ClipperFetchResult *page,
                                 GCancellable             *cancellable,
                                 guint                    *out_n_stored,
                                 guint                    *out_n_missing,
                                 GError                  **error)
{
  g_autoptr(GPtrArray) images = NULL;
  guint n_stored;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (CLIPPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (extraction != NULL, FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  images = fetch_images (fetcher, extraction, page, cancellable, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!clipper_store_begin (store, error))
    return FALSE;
  n_stored = store_images (store, article_id, images, NULL);
  if (!clipper_store_commit (store, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }
  if (out_n_stored != NULL)
    *out_n_stored = n_stored;
  if (out_n_missing != NULL)
    *out_n_missing = count_images_missing (store, article_id, extraction, page);
  return TRUE;
}

/* Saving */

static void
report_stage (ClipperSaveProgressFunc progress, gpointer progress_data, ClipperSaveStage stage)
{
  if (progress != NULL)
    progress (stage, 0, progress_data);
}

typedef struct {
  ClipperSaveProgressFunc  progress;
  gpointer                 progress_data;
  gint64                   last_us;  /* when it was last said, or the fetch began */
} Received;

/* The fetcher's word on each piece of the page, passed on a few times a
 * second at most: a label rewritten for each 64 KB piece of a fast page
 * would only flicker, and each one is a trip to the app's main loop. */
static void
on_page_received (guint64 received, gpointer user_data)
{
  Received *r = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - r->last_us < CLIPPER_SAVE_RECEIVED_INTERVAL_MS * G_TIME_SPAN_MILLISECOND)
    return;
  r->last_us = now;
  r->progress (CLIPPER_SAVE_STAGE_FETCHING, received, r->progress_data);
}

/* The id of the article saved under @url (or as its canonical URL), 0 for
 * none; -1 with @error when the store cannot tell. */
static gint64
find_existing (ClipperStore *store, const char *url, GError **error)
{
  GError *local_error = NULL;
  gint64 id = clipper_store_find_article_by_url (store, url, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return id;
}

/* Whether the article @id is the story @extraction holds: a site's
 * canonical address is believed only for a page of the same title. */
static gboolean
same_story (ClipperStore *store, gint64 id, const ClipperExtraction *extraction)
{
  g_autoptr(ClipperArticle) known = clipper_store_get_article (store, id, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (known == NULL || extraction->title == NULL)
    return FALSE;
  a = g_utf8_casefold (clipper_article_get_title (known), -1);
  b = g_utf8_casefold (extraction->title, -1);
  return g_str_equal (g_strstrip (a), g_strstrip (b));
}

static gboolean
finish_existing (ClipperStore       *store,
                 gint64              id,
                 const char *const  *tags,
                 gboolean            existed,
                 ClipperSaveReport  *report,
                 GError            **error)
{
  /* Saving it again with tags still means the user wants those tags. */
  if (tags != NULL && tags[0] != NULL && !clipper_store_tag_article (store, id, tags, error))
    return FALSE;
  report->article_id = id;
  report->existed = existed;
  return TRUE;
}

/* An article the library has without its text: made from a vault's
 * Markdown or a JSON file that did not carry the page.  Saving its address
 * then fetches what it lacks (an error reads as having it: the save goes
 * on as for any saved page). */
static gboolean
lacks_body (ClipperStore *store,
            gint64        id)
{
  g_autoptr(ClipperArticle) article = clipper_store_get_article (store, id, NULL);
  const char *text = article != NULL ? clipper_article_get_text (article) : "x";

  return text == NULL || *text == '\0';
}

static gboolean page_changed (ClipperStore   *store,
                              ClipperFetcher *fetcher,
                              gint64          article_id,
                              GCancellable   *cancellable);

gboolean
clipper_saver_save_sync (ClipperStore            *store,
                         ClipperFetcher          *fetcher,
                         const char              *uri_or_path,
                         const char *const       *tags,
                         ClipperSaverSaveFlags    flags,
                         ClipperSaveProgressFunc  progress,
                         gpointer                 progress_data,
                         GCancellable            *cancellable,
                         ClipperSaveReport       *out_report,
                         GError                 **error)
{
  g_autofree char *url = NULL;
  g_autoptr(ClipperFetchResult) page = NULL;
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *declared = NULL;
  g_autofree char *web = NULL;
  gboolean distrusted = FALSE;
  guint n_wanted = 0;
  guint n_stored = 0;
  gint64 existing;
  gint64 id;
  ClipperSaveReport local_report;
  ClipperSaveReport *report = &local_report;
  Received received = { progress, progress_data, 0 };

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (CLIPPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (uri_or_path != NULL, FALSE);

  if (out_report != NULL)
    report = out_report;
  *report = (ClipperSaveReport) { 0 };

  url = clipper_fetch_dup_normalized_uri (uri_or_path, error);
  if (url == NULL)
    return FALSE;

  existing = find_existing (store, url, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0 && lacks_body (store, existing))
    {
      /* Filled in as Fetch Again would: its highlights placed on the text. */
      report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_FETCHING);
      if (!clipper_saver_update_sync (store, fetcher, existing, CLIPPER_SAVER_UPDATE_NONE, cancellable, report,
                                      error))
        {
          *report = (ClipperSaveReport) { 0 };
          return FALSE;
        }
      /* The update's counts and notices are not a save's to tell. */
      *report = (ClipperSaveReport) { .n_images_missing = report->n_images_missing };
      return finish_existing (store, existing, tags, FALSE, report, error);
    }
  if (existing > 0 && (flags & CLIPPER_SAVER_SAVE_COMPARE))
    {
      /* The user asked for the page: whether it still says what was
       * saved is worth the fetch (QA-p 5: "Already in your library", and
       * nothing said that the page had changed).  Nothing is replaced. */
      report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_FETCHING);
      if (page_changed (store, fetcher, existing, cancellable))
        report->notices |= CLIPPER_SAVE_NOTICE_PAGE_CHANGED;
    }
  if (existing > 0)
    return finish_existing (store, existing, tags, TRUE, report, error);

  report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_FETCHING);
  received.last_us = g_get_monotonic_time ();
  page = clipper_fetcher_fetch_sync (fetcher, uri_or_path, progress != NULL ? on_page_received : NULL, &received,
                                     cancellable, error);
  if (page == NULL)
    return FALSE;

  /* Where the redirects ended, in the normal form of @url: a redirect to
   * "…?utm_source=…" is the page itself. */
  if (!page->is_local)
    {
      g_autofree char *landed = clipper_fetch_dup_normalized_uri (page->uri, NULL);

      if (landed != NULL)
        {
          g_free (page->uri);
          page->uri = g_steal_pointer (&landed);
        }
    }

  /* An address that redirects to a saved page is that page. */
  if (g_strcmp0 (page->uri, url) != 0)
    {
      existing = find_existing (store, page->uri, error);
      if (existing < 0)
        return FALSE;
      if (existing > 0)
        return finish_existing (store, existing, tags, TRUE, report, error);
    }

  report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_EXTRACTING);
  extraction = extract_with_context (page, error);
  if (extraction == NULL)
    return FALSE;
  if (is_blank (extraction->text))
    {
      g_set_error_literal (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY,
                           "no article found on this page");
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* A page that calls itself by an address already saved ("…?utm_source=
   * feed" of a saved story) is that article. */
  declared = trusted_canonical (extraction->canonical_url, page->uri);
  if (declared != NULL && g_strcmp0 (declared, url) != 0 && g_strcmp0 (declared, page->uri) != 0)
    {
      existing = find_existing (store, declared, error);
      if (existing < 0)
        return FALSE;
      if (existing > 0 && same_story (store, existing, extraction))
        return finish_existing (store, existing, tags, TRUE, report, error);
      /* Another story under the same address: a site that names one page
       * for many.  Saved on its own, without that address. */
      distrusted = existing > 0;
    }

  /* A page saved from a file that names its web address is that web page:
   * its address is what the reader's "Original page", the exports' source
   * links and Copy as quote give (a file:// path is no use in a note), and
   * the file stays as where it came from, its canonical URL.  Saved from
   * the web already, it is that article; another story under that address
   * leaves the page under its file. */
  if (page->is_local && (web = file_page_web_address (extraction->canonical_url)) != NULL)
    {
      existing = find_existing (store, web, error);
      if (existing < 0)
        return FALSE;
      if (existing > 0 && same_story (store, existing, extraction))
        return finish_existing (store, existing, tags, TRUE, report, error);
      if (existing > 0)
        g_clear_pointer (&web, g_free);
    }

  report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_IMAGES);
  images = fetch_images (fetcher, extraction, page, cancellable, &n_wanted);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  report_stage (progress, progress_data, CLIPPER_SAVE_STAGE_SAVING);
  article = clipper_article_new ();
  clipper_article_set_url (article, web != NULL ? web : url);
  clipper_saver_fill_article (article, extraction, page);
  if (web != NULL)
    clipper_article_set_canonical_url (article, url);
  else if (distrusted)
    clipper_article_set_canonical_url (article, g_strcmp0 (page->uri, url) != 0 ? page->uri : NULL);

  if (!clipper_store_begin (store, error))
    return FALSE;

  if (!clipper_store_add_article (store, article, page->raw, &local_error))
    {
      clipper_store_rollback (store);

      /* Saved by someone else (another window, clipper-cli) meanwhile. */
      if (g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE))
        {
          existing = find_existing (store, url, error);
          if (existing == 0 && page->uri != NULL)
            existing = find_existing (store, page->uri, error);
          if (existing == 0 && web != NULL)
            existing = find_existing (store, web, error);
          if (existing > 0)
            return finish_existing (store, existing, tags, TRUE, report, error);
          if (existing < 0)
            return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  id = clipper_article_get_id (article);

  if (tags != NULL && tags[0] != NULL && !clipper_store_tag_article (store, id, tags, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }

  store_images (store, id, images, &n_stored);

  if (!clipper_store_commit (store, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }

  report->article_id = id;
  /* An image that failed (gone, too slow, too large) is left out of the
   * reader: the user is told, not left to wonder. */
  report->n_images_missing = n_wanted - n_stored;
  /* A teaser looks whole in the list: the user is told before reading it
   * offline shows it is not. */
  if (extraction->preview)
    report->notices |= CLIPPER_SAVE_NOTICE_PREVIEW;
  return TRUE;
}

/* Fetches @article's URL again and extracts the page; *@out_page gets
 * the page as fetched. */
static ClipperExtraction *
fetch_again (ClipperFetcher      *fetcher,
             ClipperArticle      *article,
             GCancellable        *cancellable,
             ClipperFetchResult **out_page,
             GError             **error)
{
  g_autoptr(ClipperFetchResult) page = NULL;
  g_autoptr(ClipperExtraction) extraction = NULL;

  page = clipper_fetcher_fetch_sync (fetcher, clipper_article_get_url (article), NULL, NULL, cancellable, error);
  if (page == NULL)
    return NULL;

  extraction = extract_with_context (page, error);
  if (extraction == NULL)
    return NULL;

  if (out_page != NULL)
    *out_page = g_steal_pointer (&page);
  return g_steal_pointer (&extraction);
}

ClipperExtraction *
clipper_saver_refetch_sync (ClipperStore        *store,
                            ClipperFetcher      *fetcher,
                            gint64               article_id,
                            GCancellable        *cancellable,
                            ClipperFetchResult **out_page,
                            GError             **error)
{
  g_autoptr(ClipperArticle) article = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (CLIPPER_IS_FETCHER (fetcher), NULL);

  article = clipper_store_get_article (store, article_id, error);
  if (article == NULL)
    return NULL;
  return fetch_again (fetcher, article, cancellable, out_page, error);
}

/* Whether @html is what clipper_saver_extract() makes of plain text: one
 * <pre> and nothing else (the text in it is escaped, so it holds no tag). */
static gboolean
is_saved_text (const char *html)
{
  static const char open[] = "<article><div><pre>";
  static const char close[] = "</pre></div></article>";
  gsize len;

  if (html == NULL)
    return FALSE;
  while (g_ascii_isspace (*html))
    html++;
  len = strlen (html);
  while (len > 0 && g_ascii_isspace (html[len - 1]))
    len--;
  if (len < strlen (open) + strlen (close) || strncmp (html, open, strlen (open)) != 0
      || strncmp (html + len - strlen (close), close, strlen (close)) != 0)
    return FALSE;
  return memchr (html + strlen (open), '<', len - strlen (open) - strlen (close)) == NULL;
}

/* The stored original page, as the fetcher would have handed it over:
 * decoded the way it was when saved (its own byte order mark or <meta
 * charset>, else UTF-8 or windows-1252). */
static ClipperFetchResult *
load_stored_page (ClipperStore *store, ClipperArticle *article, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ClipperFetchResult) page = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *read_from = NULL;
  const char *origin = clipper_article_get_canonical_url (article);
  const guint8 *data;
  gsize len = 0;

  original = clipper_store_dup_original_page (store, clipper_article_get_id (article), &read_from, &local_error);
  if (original == NULL)
    {
      if (g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                     "article %" G_GINT64_FORMAT " has no stored original page to re-extract "
                     "(fetch the page again instead)", clipper_article_get_id (article));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (original, &len);
  page = g_new0 (ClipperFetchResult, 1);
  /* The page is read as from where it came, so that its images are found
   * under the addresses they were stored under.  A refetch says where: a
   * page saved from a file and fetched again from the web is the web's
   * now.  A page as saved is from its file when it was saved from one
   * (its canonical URL), not from the web address it gave, else from its
   * URL. */
  if (read_from != NULL)
    page->uri = g_steal_pointer (&read_from);
  else
    page->uri = g_strdup (origin != NULL && g_str_has_prefix (origin, "file:") ? origin
                                                                               : clipper_article_get_url (article));
  page->requested_uri = g_strdup (page->uri);
  page->charset = clipper_charset_sniff (data, len, NULL, &page->charset_source);
  page->text = clipper_charset_to_utf8 (data, len, page->charset, &page->text_length);
  /* The library keeps the bytes, not the type they were saved as.  Bytes
   * the fetcher would take for HTML had the server not said (they start
   * with a tag) were a page.  Of the others, text is what has no tag at
   * all, or what was saved as one <pre> (which an HTML page's article
   * rarely is): a "<" somewhere is no sign of HTML, as RFCs, mail and
   * source code are full of them. */
  {
    g_autofree char *sniffed = clipper_sniff_bytes (data, len);

    if (strcmp (sniffed, "text/html") == 0 || strcmp (sniffed, "application/xhtml+xml") == 0)
      page->kind = CLIPPER_FETCH_KIND_HTML;
    else if (is_saved_text (clipper_article_get_html (article))
             || memchr (page->text, '<', MIN (page->text_length, 4096)) == NULL)
      page->kind = CLIPPER_FETCH_KIND_TEXT;
    else
      page->kind = CLIPPER_FETCH_KIND_HTML;
  }
  page->content_type = g_strdup (page->kind == CLIPPER_FETCH_KIND_HTML ? "text/html" : "text/plain");
  page->raw = g_steal_pointer (&original);
  page->is_local = TRUE;
  return g_steal_pointer (&page);
}

/* Whether the page of the saved article @article_id now holds other
 * words than were saved: fetched and extracted, its text is compared with
 * the saved text, and then with the stored page extracted again, so that
 * an extractor improved since the save is not taken for the page
 * changing.  Writes nothing.  A page that cannot be fetched, or holds no
 * article now, is not said to have changed: that is Fetch Again's to
 * tell, and the article is in the library all the same. */
static gboolean
page_changed (ClipperStore   *store,
              ClipperFetcher *fetcher,
              gint64          article_id,
              GCancellable   *cancellable)
{
  g_autoptr(ClipperArticle) article = clipper_store_get_article (store, article_id, NULL);
  g_autoptr(ClipperExtraction) now = NULL;
  g_autoptr(ClipperFetchResult) stored = NULL;
  g_autoptr(ClipperExtraction) then = NULL;
  g_autoptr(GError) error = NULL;

  if (article == NULL || clipper_kindle_is_book_url (clipper_article_get_url (article)))
    return FALSE;
  now = fetch_again (fetcher, article, cancellable, NULL, &error);
  if (now == NULL)
    {
      g_debug ("not compared with the saved article %" G_GINT64_FORMAT ": %s", article_id, error->message);
      return FALSE;
    }
  if (is_blank (now->text) || g_strcmp0 (now->text, clipper_article_get_text (article)) == 0)
    return FALSE;
  stored = load_stored_page (store, article, NULL);
  if (stored == NULL || (then = clipper_saver_extract (stored, NULL)) == NULL)
    return TRUE;
  return g_strcmp0 (now->text, then->text) != 0;
}

/* Re-extracting offline may pick a sharper copy of an image than the
 * library stored (an older extractor kept the page's <img src>): the
 * stored copy is filed under the new URL too, so the article still shows
 * it.  (Images are kept once per content, so this costs a row.)  The
 * pictures written into the page are stored from their bytes. */
static gboolean
carry_stored_images (ClipperStore *store, gint64 article_id, const ClipperExtraction *extraction, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  /* A picture written into the page needs no network: one the library
   * has not under its key (a library saved before keys, which named it
   * by its data: URL) is stored from the page's bytes. */
  if (extraction->inline_images != NULL)
    g_hash_table_iter_init (&iter, extraction->inline_images);
  while (extraction->inline_images != NULL && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GBytes) have = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *type = clipper_image_sniff (g_bytes_get_data (value, NULL), g_bytes_get_size (value), NULL, NULL);

      have = clipper_store_dup_image (store, article_id, key, NULL, &local_error);
      if (have != NULL || type == NULL)
        continue;
      if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!clipper_store_add_image (store, article_id, key, type, value, error))
        return FALSE;
    }
  for (guint i = 0; extraction->images != NULL && extraction->image_fallbacks != NULL && i < extraction->images->len; i++)
    {
      const char *url = g_ptr_array_index (extraction->images, i);
      const char *fallback = g_hash_table_lookup (extraction->image_fallbacks, url);
      g_autoptr(GBytes) have = NULL;
      g_autoptr(GBytes) old = NULL;
      g_autofree char *content_type = NULL;
      g_autoptr(GError) local_error = NULL;

      if (fallback == NULL)
        continue;
      have = clipper_store_dup_image (store, article_id, url, NULL, &local_error);
      if (have != NULL)
        continue;
      if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      old = clipper_store_dup_image (store, article_id, fallback, &content_type, &local_error);
      if (old == NULL)
        {
          if (g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!clipper_store_add_image (store, article_id, url, content_type, old, error))
        return FALSE;
    }
  return TRUE;
}

/* Says why @article (its title @old_title) is not replaced by @extraction,
 * which keeps @kept of its text and would place its highlights as @counts
 * say. */
static void
set_other_article_error (GError                     **error,
                         ClipperArticle              *article,
                         const char                  *old_title,
                         const ClipperExtraction     *extraction,
                         const ClipperReanchorCounts *counts,
                         double                       kept)
{
  guint lost = CLIPPER_REANCHOR_COUNTS_LOST (counts);
  guint were_placed = CLIPPER_REANCHOR_COUNTS_WERE_PLACED (counts);
  g_autofree char *highlights = NULL;

  /* The verb goes with the highlights that would lose their place, as
   * in the app's question: "1 of the 3 … would lose its place". */
  if (lost > 0)
    highlights = g_strdup_printf (", and %u of the %u highlights placed on it would lose %s place", lost,
                                  were_placed, lost == 1 ? "its" : "their");
  /* In whole percent, rounded down: a share under a threshold never reads
   * as the threshold itself. */
  g_set_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE,
               "article %" G_GINT64_FORMAT " ('%s') was left as it was: the page at '%s' now holds '%s', "
               "which keeps %d%% of the saved text%s",
               clipper_article_get_id (article), old_title != NULL ? old_title : "",
               clipper_article_get_url (article), extraction->title != NULL ? extraction->title : "",
               (int) (kept * 100), highlights != NULL ? highlights : "");
}

/* Gives @article what the user set, as the library holds it now, inside
 * the update's transaction: its star, read state (archived too) and
 * reading position.  @article was read before the page was fetched, and
 * written back whole it undid a star, a Mark as Unread or an archive
 * given while the page downloaded, and a place the reader moved to.  The
 * position goes to where the words at the library's are in @new_text, as
 * the highlights are carried: here, on the update's thread, not as the
 * reader loads the new text.  The alignment that carries it (20–90 ms for
 * 0.5–1 MB) was made before the transaction, as @positions, from @prior,
 * the article as the library held it then: inside, it held the write
 * lock that long, and the app could not save a highlight or the reading
 * position meanwhile.  A position the reader stored since is carried by
 * the nearest of @positions' points, at once. */
static gboolean
carry_user_state (ClipperStore             *store,
                  gint64                    article_id,
                  ClipperArticle           *prior,
                  ClipperReanchorPositions *positions,
                  const char               *new_text,
                  ClipperArticle           *article,
                  GError                  **error)
{
  g_autoptr(ClipperArticle) stored = clipper_store_get_article (store, article_id, error);
  const char *text;
  double position, carried = -1.0;

  if (stored == NULL)
    return FALSE;
  clipper_article_set_starred (article, clipper_article_get_starred (stored));
  clipper_article_set_read_state (article, clipper_article_get_read_state (stored));
  position = clipper_article_get_reading_position (stored);
  text = clipper_article_get_text (stored);
  if (text != NULL && positions != NULL && g_strcmp0 (text, clipper_article_get_text (prior)) == 0)
    carried = clipper_reanchor_positions_carry (positions, position);
  /* A text changed since, or a position stored since that the points do
   * not carry (there are none for a position at the top, an article not
   * yet read, which needs no alignment): rare, and aligned here. */
  if (text != NULL && carried < 0.0 &&
      (positions == NULL || position != clipper_article_get_reading_position (prior) ||
       g_strcmp0 (text, clipper_article_get_text (prior)) != 0))
    carried = clipper_reanchor_carry_position (text, new_text, position);
  if (carried >= 0.0)
    position = carried;
  clipper_article_set_reading_position (article, position);
  return TRUE;
}

/* clipper_saver_update_sync(); *@out_title gets the new page's title once
 * it is extracted. */
static gboolean
update_article (ClipperStore             *store,
                ClipperFetcher           *fetcher,
                gint64                    article_id,
                ClipperSaverUpdateFlags   flags,
                GCancellable             *cancellable,
                ClipperSaveReport        *report,
                char                    **out_title,
                GError                  **error)
{
  gboolean offline = (flags & CLIPPER_SAVER_UPDATE_OFFLINE) != 0;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperFetchResult) page = NULL;
  g_autoptr(ClipperExtraction) extraction = NULL;
  g_autoptr(ClipperArticle) prior = NULL;
  g_autoptr(ClipperReanchorPositions) positions = NULL;
  ClipperReanchorCounts counts = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *file = NULL;
  const char *canonical;
  g_autofree char *old_title = NULL;
  double kept;

  *report = (ClipperSaveReport) { .article_id = article_id };
  article = clipper_store_get_article (store, article_id, error);
  if (article == NULL)
    return FALSE;

  /* A Kindle book is its clippings: it never had a page, and the
   * fetcher's "cannot fetch 'kindle:book/…'" (or, offline, "fetch the
   * page again instead") did not say so. */
  if (clipper_kindle_is_book_url (clipper_article_get_url (article)))
    {
      g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_INVALID_URI,
                   "article %" G_GINT64_FORMAT " ('%s') is a Kindle book: there is no page to fetch", article_id,
                   clipper_article_get_title (article) != NULL ? clipper_article_get_title (article) : "");
      return FALSE;
    }

  if (offline)
    {
      page = load_stored_page (store, article, error);
      if (page == NULL || (extraction = clipper_saver_extract (page, error)) == NULL)
        return FALSE;
    }
  else if ((extraction = fetch_again (fetcher, article, cancellable, &page, error)) == NULL)
    return FALSE;
  if (out_title != NULL)
    *out_title = g_strdup (extraction->title);

  /* A page that lost its article: keep the article as it was. */
  if (is_blank (extraction->text))
    {
      g_set_error (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY,
                   "the page at '%s' no longer holds an article; nothing was changed",
                   clipper_article_get_url (article));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* An article without a text (filled in from an export) has none to lose. */
  kept = clipper_article_get_text (article) != NULL
           ? clipper_reanchor_text_kept (clipper_article_get_text (article), extraction->text)
           : 1.0;
  /* For the message: filling the article in takes its place. */
  old_title = g_strdup (clipper_article_get_title (article));

  /* A page saved from a file that named its web address keeps the file as
   * its canonical URL: a page that moved since (its address redirects now)
   * had the redirect's end put there by Fetch Again, or the new address
   * the page names by a re-read after it, and lost the file it was saved
   * from, by which the file saved again is found and a re-read reads it.
   * Its URL, which still leads to the page, stays what the web knows it
   * by. */
  canonical = clipper_article_get_canonical_url (article);
  if (canonical != NULL && g_str_has_prefix (canonical, "file:"))
    file = g_strdup (canonical);
  clipper_saver_fill_article (article, extraction, offline ? NULL : page);
  if (file != NULL)
    clipper_article_set_canonical_url (article, file);

  /* The reading position's alignment, before the write lock is taken:
   * from the article as the library holds it now, the page fetched. */
  prior = clipper_store_get_article (store, article_id, error);
  if (prior == NULL)
    return FALSE;
  if (clipper_article_get_text (prior) != NULL)
    positions = clipper_reanchor_positions_new (clipper_article_get_text (prior), extraction->text,
                                                clipper_article_get_reading_position (prior));

  /* The article, its original page and its highlights change together or
   * not at all. */
  if (!clipper_store_begin (store, error))
    return FALSE;
  /* Highlights first, while the library still has the text they were
   * placed on (re-anchoring aligns the old text with the new). */
  if (!clipper_reanchor_article (store, article_id, extraction->text, &counts, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }
  /* Not the article the highlights were made on: the rollback undoes
   * their re-anchoring too, and the counts say what it would have done. */
  if ((flags & CLIPPER_SAVER_UPDATE_REPLACE) == 0 && clipper_reanchor_is_other_text (&counts, kept))
    {
      clipper_store_rollback (store);
      set_other_article_error (error, article, old_title, extraction, &counts, kept);
      report->counts = counts;
      return FALSE;
    }
  if (!carry_user_state (store, article_id, prior, positions, extraction->text, article, error) ||
      !clipper_store_update_article (store, article, error) ||
      (offline && !carry_stored_images (store, article_id, extraction, error)) ||
      (!offline && !clipper_store_set_original_page (store, article_id, page->raw, page->uri, error)) ||
      !clipper_store_commit (store, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }
  report->counts = counts;
  /* As for a save: the teaser now in the library's place looks whole (the
   * refusal above is for another article, not for a shorter one). */
  if (extraction->preview)
    report->notices |= CLIPPER_SAVE_NOTICE_PREVIEW;

  /* Images come after: fetching them can take a while and must not hold
   * the library's write lock; each is stored on its own and a missing one
   * is skipped. */
  if (!offline &&
      !clipper_saver_store_images_sync (store, fetcher, article_id, extraction, page, cancellable, NULL,
                                        &report->n_images_missing, &local_error))
    {
      /* Cancelled while fetching them: the caller stopped caring, and the
       * images come with the next update. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED,
                     "article %" G_GINT64_FORMAT " was updated, but its images could not be stored: %s",
                     article_id, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
clipper_saver_update_sync (ClipperStore             *store,
                           ClipperFetcher           *fetcher,
                           gint64                    article_id,
                           ClipperSaverUpdateFlags   flags,
                           GCancellable             *cancellable,
                           ClipperSaveReport        *out_report,
                           GError                  **error)
{
  ClipperSaveReport report;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail ((flags & CLIPPER_SAVER_UPDATE_OFFLINE) || CLIPPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_article (store, fetcher, article_id, flags, cancellable, out_report != NULL ? out_report : &report,
                         NULL, error);
}

/* Async */

typedef struct {
  gatomicrefcount          ref_count;
  ClipperSaveProgressFunc  func;
  gpointer                 data;
  GDestroyNotify           destroy;
  GMainContext            *context;
} Progress;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;
  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
}

typedef struct {
  Progress         *progress;
  ClipperSaveStage  stage;
  guint64           received;
} ProgressReport;

static void
progress_report_free (ProgressReport *report)
{
  progress_unref (report->progress);
  g_free (report);
}

static gboolean
dispatch_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress->func (report->stage, report->received, report->progress->data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hands the stage to the caller's context. */
static void
forward_progress (ClipperSaveStage stage, guint64 received, gpointer user_data)
{
  Progress *progress = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GSource) source = NULL;

  report->progress = progress_ref (progress);
  report->stage = stage;
  report->received = received;
  source = g_idle_source_new ();
  /* Not g_main_context_invoke(): it would run the callback right here when
   * the caller's context is the global default one and happens to be free. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_progress, report, (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[clipper] save progress");
  g_source_attach (source, progress->context);
}

typedef struct {
  char           *store_path;
  GMainContext   *context;      /* the caller's */
  ClipperFetcher *fetcher;
  char           *uri_or_path;
  GStrv           tags;
  Progress       *progress;
  ClipperSaveReport report;
} SaveData;

static gboolean
do_nothing (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* The task may die on the worker thread; the caller's progress data is
 * still let go on the caller's context, as the caller would expect. */
static void
progress_release_on_context (Progress *progress)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, do_nothing, progress, (GDestroyNotify) progress_unref);
  g_source_set_static_name (source, "[clipper] save progress release");
  g_source_attach (source, progress->context);
}

/* The task may die on the worker thread; if ours were the last reference
 * to the fetcher, its SoupSession must still go on the caller's thread. */
static void
fetcher_release_on_context (ClipperFetcher *fetcher,
                            GMainContext   *context)
{
  g_autoptr(GSource) source = NULL;

  if (fetcher == NULL)
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, do_nothing, fetcher, g_object_unref);
  g_source_set_static_name (source, "[clipper] fetcher release");
  g_source_attach (source, context);
}

static void
save_data_free (SaveData *data)
{
  g_free (data->store_path);
  fetcher_release_on_context (g_steal_pointer (&data->fetcher), data->context);
  g_main_context_unref (data->context);
  g_free (data->uri_or_path);
  g_strfreev (data->tags);
  g_clear_pointer (&data->progress, progress_release_on_context);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;

  /* One SQLite connection per thread, to the caller's library: one
   * deleted meanwhile is not made again (its folder too) to save into. */
  store = clipper_store_open_existing (data->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!clipper_saver_save_sync (store, data->fetcher, data->uri_or_path, (const char *const *) data->tags,
                                CLIPPER_SAVER_SAVE_COMPARE, data->progress ? forward_progress : NULL, data->progress,
                                cancellable, &data->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, data->report.article_id);
}

void
clipper_saver_save_async (ClipperStore            *store,
                          ClipperFetcher          *fetcher,
                          const char              *uri_or_path,
                          const char *const       *tags,
                          ClipperSaveProgressFunc  progress,
                          gpointer                 progress_data,
                          GDestroyNotify           progress_destroy,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CLIPPER_IS_STORE (store));
  g_return_if_fail (CLIPPER_IS_FETCHER (fetcher));
  g_return_if_fail (uri_or_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_saver_save_async);

  data = g_new0 (SaveData, 1);
  data->store_path = g_strdup (clipper_store_get_path (store));
  data->context = g_main_context_ref_thread_default ();
  data->fetcher = g_object_ref (fetcher);
  data->uri_or_path = g_strdup (uri_or_path);
  data->tags = g_strdupv ((char **) tags);
  if (progress != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_destroy;
      data->progress->context = g_main_context_ref_thread_default ();
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  g_task_run_in_thread (task, save_in_thread);
}

gint64
clipper_saver_save_finish (GAsyncResult       *result,
                           ClipperSaveReport  *out_report,
                           GError            **error)
{
  SaveData *data;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_saver_save_async, 0);

  data = g_task_get_task_data (G_TASK (result));
  id = g_task_propagate_int (G_TASK (result), error);
  if (out_report != NULL)
    *out_report = id > 0 ? data->report : (ClipperSaveReport) { 0 };
  if (id <= 0)
    return 0;
  return id;
}

typedef struct {
  char                    *store_path;
  GMainContext            *context;      /* the caller's */
  ClipperFetcher          *fetcher;
  gint64                   article_id;
  ClipperSaverUpdateFlags  flags;
  ClipperSaveReport        report;
  char                    *title;        /* the page's, once extracted */
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  g_free (data->store_path);
  g_free (data->title);
  fetcher_release_on_context (g_steal_pointer (&data->fetcher), data->context);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
update_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  UpdateData *data = task_data;
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;

  /* One SQLite connection per thread, to the caller's library: one
   * deleted meanwhile is not made again (its folder too) to save into. */
  store = clipper_store_open_existing (data->store_path, &error);
  if (store == NULL ||
      !update_article (store, data->fetcher, data->article_id, data->flags, cancellable, &data->report,
                       &data->title, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
clipper_saver_update_async (ClipperStore             *store,
                            ClipperFetcher           *fetcher,
                            gint64                    article_id,
                            ClipperSaverUpdateFlags   flags,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  UpdateData *data;

  g_return_if_fail (CLIPPER_IS_STORE (store));
  g_return_if_fail ((flags & CLIPPER_SAVER_UPDATE_OFFLINE) || CLIPPER_IS_FETCHER (fetcher));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_saver_update_async);

  data = g_new0 (UpdateData, 1);
  data->store_path = g_strdup (clipper_store_get_path (store));
  data->context = g_main_context_ref_thread_default ();
  data->fetcher = fetcher != NULL ? g_object_ref (fetcher) : NULL;
  data->article_id = article_id;
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) update_data_free);

  g_task_run_in_thread (task, update_in_thread);
}

gboolean
clipper_saver_update_finish (GAsyncResult       *result,
                             ClipperSaveReport  *out_report,
                             GError            **error)
{
  UpdateData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_saver_update_async, FALSE);

  /* The counts stand once the article was written, even when its images
   * then failed. */
  data = g_task_get_task_data (G_TASK (result));
  if (out_report != NULL)
    *out_report = data->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
clipper_saver_update_get_title (GAsyncResult *result)
{
  UpdateData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_saver_update_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  return data->title;
}
