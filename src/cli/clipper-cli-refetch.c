/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli refetch: get an article's page again (or, with --offline,
 * take the original page the library kept), extract it anew, update the
 * article, and re-anchor its highlights — all in one transaction, so a
 * failure at any step leaves the article as it was
 * (clipper_saver_update_sync(), which the app's Fetch Again runs too).
 */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-fetcher.h"
#include "clipper-saver.h"

int
clipper_cli_cmd_refetch (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
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

  if (!offline)
    fetcher = clipper_fetcher_new ();
  if (!clipper_saver_update_sync (store, fetcher, id,
                                  offline ? CLIPPER_SAVER_UPDATE_OFFLINE : CLIPPER_SAVER_UPDATE_NONE,
                                  NULL, &counts, &error))
    return clipper_cli_print_error (error);

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
