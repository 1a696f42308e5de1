/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli refetch: get an article's page again (or, with --offline,
 * take the original page the library kept), extract it anew, update the
 * article, and re-anchor its highlights — all in one transaction, so a
 * failure at any step leaves the article as it was.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-charset.h"
#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-extractor.h"
#include "clipper-fetcher.h"
#include "clipper-reanchor.h"
#include "clipper-saver.h"

#include <string.h>

/* The stored original page, as the fetcher would have handed it over:
 * decoded the way it was when saved (its own byte order mark or <meta
 * charset>, else UTF-8 or windows-1252). */
static ClipperFetchResult *
load_stored_page (ClipperStore *store, ClipperArticle *article, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (ClipperFetchResult) page = NULL;
  g_autoptr (GBytes) original = NULL;
  const guint8 *data;
  gsize len = 0;

  original = clipper_store_dup_original_page (store, clipper_article_get_id (article), &local_error);
  if (original == NULL)
    {
      if (g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                     "article %" G_GINT64_FORMAT " has no stored original page to re-extract "
                     "(run refetch without --offline to fetch it)", clipper_article_get_id (article));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (original, &len);
  page = g_new0 (ClipperFetchResult, 1);
  page->uri = g_strdup (clipper_article_get_url (article));
  page->requested_uri = g_strdup (page->uri);
  page->charset = clipper_charset_sniff (data, len, NULL, &page->charset_source);
  page->text = clipper_charset_to_utf8 (data, len, page->charset, &page->text_length);
  /* The library keeps the bytes, not the type: a page without a single
   * tag in its first kilobytes was saved as plain text. */
  page->kind = memchr (page->text, '<', MIN (page->text_length, 4096)) != NULL ? CLIPPER_FETCH_KIND_HTML
                                                                               : CLIPPER_FETCH_KIND_TEXT;
  page->content_type = g_strdup (page->kind == CLIPPER_FETCH_KIND_HTML ? "text/html" : "text/plain");
  page->raw = g_steal_pointer (&original);
  page->is_local = TRUE;
  return g_steal_pointer (&page);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

int
clipper_cli_cmd_refetch (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperExtraction) extraction = NULL;
  g_autoptr (ClipperFetchResult) page = NULL;
  g_autoptr (ClipperFetcher) fetcher = NULL;
  g_autofree char *format = NULL;
  ClipperReanchorCounts counts = { 0, 0, 0 };
  ClipperStore *store;
  gboolean offline = FALSE;
  gint64 id = 0;
  int status;
  static const char *const formats[] = { "text", "json", NULL };
  GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      "Re-extract the original page kept in the library; no network", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("ID");
  g_option_context_set_summary (context,
                                "Fetches the article's page again, extracts it anew, updates the article\n"
                                "and re-anchors its highlights; prints how they landed.  Highlights that\n"
                                "cannot be placed with confidence become orphans: their quote and note\n"
                                "are kept, never deleted.  With --offline the original page kept in the\n"
                                "library is extracted again instead (after an extractor update).\n"
                                "JSON: {articleId, offline, anchored, exact, fuzzy, orphaned}.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "refetch", &argc, &argv)) >= 0)
    return status;

  if (format == NULL)
    format = g_strdup ("text");
  if (!clipper_cli_check_format ("refetch", format, formats))
    return CLIPPER_CLI_EXIT_USAGE;
  if (argc != 2)
    return clipper_cli_usage_error ("refetch", argc < 2 ? "give the id of the article to refetch"
                                                        : "give one article id");
  if (!clipper_cli_parse_id ("refetch", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  article = clipper_store_get_article (store, id, &error);
  if (article == NULL)
    {
      if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        return clipper_cli_fail ("there is no article %" G_GINT64_FORMAT, id);
      return clipper_cli_print_error (error);
    }

  if (offline)
    {
      page = load_stored_page (store, article, &error);
      if (page != NULL)
        extraction = clipper_saver_extract (page, &error);
    }
  else
    {
      fetcher = clipper_fetcher_new ();
      extraction = clipper_saver_refetch_sync (store, fetcher, id, NULL, &page, &error);
    }
  if (extraction == NULL)
    return clipper_cli_print_error (error);

  /* A page that lost its article (an error page, a paywall) would orphan
   * every highlight for nothing: keep the article as it was. */
  if (is_blank (extraction->text))
    return clipper_cli_fail ("the page at '%s' no longer holds an article; nothing was changed",
                             clipper_article_get_url (article));

  clipper_saver_fill_article (article, extraction, offline ? NULL : page);

  /* The article, its original page and its highlights change together or
   * not at all. */
  if (!clipper_store_begin (store, &error))
    return clipper_cli_print_error (error);
  /* Highlights first, while the library still has the text they were
   * placed on (re-anchoring aligns the old text with the new). */
  if (!clipper_reanchor_article (store, id, extraction->text, &counts, &error) ||
      !clipper_store_update_article (store, article, &error) ||
      (!offline && !clipper_store_set_original_page (store, id, page->raw, &error)) ||
      !clipper_store_commit (store, &error))
    {
      clipper_store_rollback (store);
      return clipper_cli_print_error (error);
    }

  /* Images come after: fetching them can take a while and must not hold
   * the library's write lock; each is stored on its own and a missing one
   * is skipped. */
  if (!offline &&
      !clipper_saver_store_images_sync (store, fetcher, id, extraction, page, NULL, NULL, &error))
    return clipper_cli_fail ("article %" G_GINT64_FORMAT " was updated, but its images could not be stored: %s",
                             id, error->message);

  if (g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "articleId");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "offline");
      json_builder_add_boolean_value (builder, offline);
      json_builder_set_member_name (builder, "anchored");
      json_builder_add_int_value (builder, counts.exact + counts.fuzzy);
      json_builder_set_member_name (builder, "exact");
      json_builder_add_int_value (builder, counts.exact);
      json_builder_set_member_name (builder, "fuzzy");
      json_builder_add_int_value (builder, counts.fuzzy);
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_int_value (builder, counts.orphaned);
      json_builder_end_object (builder);
      clipper_cli_print_json (builder);
    }
  else
    clipper_cli_print ("anchored %u (%u exact, %u fuzzy), orphaned %u\n",
                       counts.exact + counts.fuzzy, counts.exact, counts.fuzzy, counts.orphaned);

  return CLIPPER_CLI_EXIT_OK;
}
