/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli add: save a page into the library and print its id.
 *
 * A local file (a path or a file:// URI) is read, extracted and stored
 * with the original bytes, in add_local_file().  An http(s) URL goes
 * through the core's saver (fetch, extract, images, store), in
 * add_web_page().
 */
#define G_LOG_DOMAIN "clipper-cli"

#include <string.h>

#include "clipper-cli-format.h"
#include "clipper-charset.h"
#include "clipper-cli-private.h"
#include "clipper-extractor.h"
#include "clipper-saver.h"

/* A saved web page is rarely above a few megabytes; a larger "page" is
 * almost surely the wrong file, and extraction would hold it all in memory. */
#define MAX_PAGE_SIZE (64 * 1024 * 1024)

/* How much of the start of a page to look at for binary data. */
#define SNIFF_SIZE 4096

/* The page as UTF-8, decoded the way a browser would decode it (byte
 * order mark, <meta charset>, else UTF-8 or windows-1252). */
static char *
dup_page_as_utf8 (GBytes *page, gsize *out_len)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (page, &len);
  g_autofree char *charset = clipper_charset_sniff (data, len, NULL, NULL);

  return clipper_charset_to_utf8 (data, len, charset, out_len);
}

/* Binary files (images, PDFs, archives) hold NUL bytes near the start; text
 * in an 8-bit charset or UTF-8 never does.  UTF-16 does, but announces
 * itself with a byte order mark. */
static gboolean
looks_binary (const char *data, gsize len)
{
  if (len >= 2 && ((guchar) data[0] == 0xff || (guchar) data[0] == 0xfe) &&
      (guchar) data[1] == ((guchar) data[0] ^ 0x01))
    return FALSE;

  return memchr (data, '\0', MIN (len, SNIFF_SIZE)) != NULL;
}

/* Reads the page at @file: refuses what is not a regular, readable,
 * non-empty text file.  @name is how the user wrote it, for messages. */
static GBytes *
load_page (GFile *file, const char *name, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code, "cannot read '%s': %s", name, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "'%s' is a directory, not a web page", name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "'%s' is not a regular file", name);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_PAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "'%s' is too large for a web page (%" G_GOFFSET_FORMAT " bytes; at most %d MB)",
                   name, g_file_info_get_size (info), MAX_PAGE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code, "cannot read '%s': %s", name, local_error->message);
      return NULL;
    }

  if (length == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "'%s' is empty", name);
      return NULL;
    }
  if (looks_binary (contents, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "'%s' is not an HTML page (it holds binary data)", name);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
set_article_from_extraction (ClipperArticle *article, ClipperExtraction *extraction)
{
  clipper_article_set_title (article, extraction->title);
  clipper_article_set_byline (article, extraction->byline);
  clipper_article_set_site_name (article, extraction->site_name);
  clipper_article_set_lang (article, extraction->lang);
  clipper_article_set_dir (article, extraction->dir);
  clipper_article_set_excerpt (article, extraction->excerpt);
  clipper_article_set_published_time (article, extraction->published_time);
  clipper_article_set_lead_image (article, extraction->lead_image);
  clipper_article_set_html (article, extraction->html);
  clipper_article_set_text (article, extraction->text);
  clipper_article_set_word_count (article, extraction->word_count);
}

/* The "local file → article" path: reads @file, extracts the article and
 * stores it with @tags and the original bytes, in one transaction.  Sets
 * *@out_id to the new id, or to the existing one (and *@out_existed) when
 * the file's URI is already saved. */
static gboolean
add_local_file (ClipperStore        *store,
                GFile               *file,
                const char          *name,
                const char *const   *tags,
                gint64              *out_id,
                gboolean            *out_existed,
                GError             **error)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (GBytes) page = NULL;
  g_autoptr (ClipperExtraction) extraction = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *html = NULL;
  gsize html_len = 0;
  gint64 existing;

  *out_existed = FALSE;

  existing = clipper_store_find_article_by_url (store, uri, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing > 0)
    {
      *out_id = existing;
      *out_existed = TRUE;
      return TRUE;
    }

  page = load_page (file, name, error);
  if (page == NULL)
    return FALSE;

  html = dup_page_as_utf8 (page, &html_len);
  extraction = clipper_extract (html, html_len, uri, &local_error);
  if (extraction == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "cannot extract an article from '%s': %s", name, local_error->message);
      return FALSE;
    }

  article = clipper_article_new ();
  clipper_article_set_url (article, uri);
  set_article_from_extraction (article, extraction);
  if (clipper_article_get_title (article) == NULL || clipper_article_get_title (article)[0] == '\0')
    {
      /* Every article needs a name in lists; the file's is the best there is. */
      g_autofree char *basename = g_file_get_basename (file);
      clipper_article_set_title (article, basename);
    }

  if (!clipper_store_begin (store, error))
    return FALSE;

  if (!clipper_store_add_article (store, article, page, &local_error))
    {
      clipper_store_rollback (store);

      /* Another process saved the same file between our lookup and now. */
      if (g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE))
        {
          g_clear_error (&local_error);
          existing = clipper_store_find_article_by_url (store, uri, error);
          if (existing <= 0)
            return FALSE;
          *out_id = existing;
          *out_existed = TRUE;
          return TRUE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (tags != NULL && tags[0] != NULL &&
      !clipper_store_tag_article (store, clipper_article_get_id (article), tags, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }

  if (!clipper_store_commit (store, error))
    {
      clipper_store_rollback (store);
      return FALSE;
    }

  *out_id = clipper_article_get_id (article);
  return TRUE;
}

/* The "web page → article" path: the saver fetches the page within the
 * fetcher's limits (redirects, timeouts, size, content type), extracts it,
 * fetches its images and stores it all in one transaction. */
static int
add_web_page (ClipperCli *cli, const char *url, const char *const *tags)
{
  g_autoptr (ClipperFetcher) fetcher = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  gboolean existed = FALSE;
  gint64 id = 0;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  fetcher = clipper_fetcher_new ();
  if (!clipper_saver_save_sync (store, fetcher, url, tags, NULL, NULL, NULL, &id, &existed, &error))
    return clipper_cli_print_error (error);

  /* The saver has already added the tags to an existing article. */
  if (existed)
    g_printerr ("clipper-cli: '%s' is already saved as article %" G_GINT64_FORMAT "\n", url, id);

  clipper_cli_print ("%" G_GINT64_FORMAT "\n", id);
  return CLIPPER_CLI_EXIT_OK;
}

static gboolean
has_uri_scheme (const char *arg, const char *scheme)
{
  gsize n = strlen (scheme);

  return g_ascii_strncasecmp (arg, scheme, n) == 0 && arg[n] == ':';
}

int
clipper_cli_cmd_add (ClipperCli *cli, int argc, char **argv)
{
  g_auto (GStrv) tags = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  const char *target;
  gboolean existed = FALSE;
  gint64 id = 0;
  int status;
  /* FILENAME rather than STRING: no conversion from the locale's charset
   * (which fails for non-ASCII in the C locale); we check UTF-8 ourselves. */
  GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &tags, "Tag the article (repeatable)", "TAG" },
    { NULL },
  };

  context = g_option_context_new ("URL|FILE");
  g_option_context_set_summary (context,
                                "Saves a web page into the library and prints the new article's id.\n"
                                "FILE may be a path or a file:// URI.  A page that is already saved\n"
                                "is not saved twice: its id is printed and the exit status is 0.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "add", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error ("add", argc < 2 ? "give the URL or file to save"
                                                    : "give one URL or file at a time");
  target = argv[1];

  if (target[0] == '\0')
    return clipper_cli_usage_error ("add", "the URL or file name is empty");
  for (gsize i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (!clipper_cli_check_text ("the tag", tags[i], FALSE))
        return CLIPPER_CLI_EXIT_FAILED;
    }

  if (has_uri_scheme (target, "http") || has_uri_scheme (target, "https"))
    return add_web_page (cli, target, (const char *const *) tags);

  if (has_uri_scheme (target, "file"))
    file = g_file_new_for_uri (target);
  else if (g_uri_peek_scheme (target) != NULL && strstr (target, "://") != NULL)
    return clipper_cli_fail ("cannot save '%s': only web pages and local files can be saved", target);
  else
    file = g_file_new_for_commandline_arg (target);

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  if (!add_local_file (store, file, target, (const char *const *) tags, &id, &existed, &error))
    return clipper_cli_print_error (error);

  if (existed)
    {
      g_printerr ("clipper-cli: '%s' is already saved as article %" G_GINT64_FORMAT "\n", target, id);
      /* Asking to save it with tags still means the user wants those tags. */
      if (tags != NULL && tags[0] != NULL &&
          !clipper_store_tag_article (store, id, (const char *const *) tags, &error))
        return clipper_cli_print_error (error);
    }

  clipper_cli_print ("%" G_GINT64_FORMAT "\n", id);
  return CLIPPER_CLI_EXIT_OK;
}
