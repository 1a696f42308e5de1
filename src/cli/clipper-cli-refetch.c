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
#include "clipper-kindle.h"
#include "clipper-saver.h"

/* Every article's id, oldest first, read before any is updated (an
 * update bumps updated_at, never saved_at, but a list read as it goes
 * could still meet an article twice or miss one if the library changes
 * meanwhile).  Kindle books, which have no page, are left out and
 * counted in @out_books: each failed, and a library with one book never
 * refetched without an exit status of 1. */
static GArray *
list_all_ids (ClipperStore *store, guint *out_books, GError **error)
{
  ClipperListQuery query = { .state = CLIPPER_STATE_FILTER_ALL, .sort = CLIPPER_LIST_SORT_SAVED_ASC, .limit = 200 };
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (ClipperArticle) after = NULL;

  for (;;)
    {
      g_autoptr (GPtrArray) page = clipper_store_list_articles (store, &query, after, error);

      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          ClipperArticle *article = g_ptr_array_index (page, i);
          gint64 id = clipper_article_get_id (article);

          if (clipper_kindle_is_book_url (clipper_article_get_url (article)))
            (*out_books)++;
          else
            g_array_append_val (ids, id);
        }
      if (page->len < query.limit)
        break;
      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }
  return g_steal_pointer (&ids);
}

/* Whether an update wrote the article and its highlights (@ok, or all
 * but the images): then its counts stand. */
static gboolean
was_updated (gboolean ok, const GError *error)
{
  return ok || g_error_matches (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED);
}

static void
add_counts_json (JsonBuilder *builder, gint64 id, gboolean offline, const ClipperSaveReport *report,
                 const GError *error)
{
  const ClipperReanchorCounts *counts = &report->counts;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "articleId");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "offline");
  json_builder_add_boolean_value (builder, offline);
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
    }
  /* Updated all the same: the counts stand. */
  if (was_updated (error == NULL, error))
    {
      json_builder_set_member_name (builder, "anchored");
      json_builder_add_int_value (builder, counts->exact + counts->fuzzy);
      json_builder_set_member_name (builder, "exact");
      json_builder_add_int_value (builder, counts->exact);
      json_builder_set_member_name (builder, "fuzzy");
      json_builder_add_int_value (builder, counts->fuzzy);
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_int_value (builder, counts->orphaned);
      json_builder_set_member_name (builder, "alreadyOrphaned");
      json_builder_add_int_value (builder, counts->already_orphaned);
      json_builder_set_member_name (builder, "placedAgain");
      json_builder_add_int_value (builder, counts->placed_again);
      json_builder_set_member_name (builder, "reworded");
      json_builder_add_int_value (builder, counts->reworded);
      json_builder_set_member_name (builder, "imagesMissing");
      json_builder_add_int_value (builder, report->n_images_missing);
      json_builder_set_member_name (builder, "preview");
      json_builder_add_boolean_value (builder, (report->notices & CLIPPER_SAVE_NOTICE_PREVIEW) != 0);
    }
  json_builder_end_object (builder);
}

/* "anchored 5 (4 exact, 1 fuzzy), orphaned 2 (1 already an orphan)":
 * where the highlights are, and of the orphans those this refetch did not
 * make (an unchanged page said "orphaned 1" each time, as if it had lost
 * one again).  Of those placed, the ones on edited words, as the app's
 * toast says them ("1 highlight now reads differently"): "1 exact, 1
 * fuzzy" did not tell the user to read them again. */
static char *
describe_counts (const ClipperReanchorCounts *counts)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "anchored %u (%u exact, %u fuzzy", counts->exact + counts->fuzzy, counts->exact,
                          counts->fuzzy);
  if (counts->placed_again > 0)
    g_string_append_printf (s, "; %u %s an orphan before", counts->placed_again,
                            counts->placed_again == 1 ? "was" : "were");
  if (counts->reworded > 0)
    g_string_append_printf (s, "; %u now %s differently", counts->reworded, counts->reworded == 1 ? "reads" : "read");
  g_string_append_printf (s, "), orphaned %u", counts->orphaned);
  if (counts->already_orphaned > 0)
    g_string_append_printf (s, " (%u already %s)", counts->already_orphaned,
                            counts->already_orphaned == 1 ? "an orphan" : "orphans");
  return g_string_free (s, FALSE);
}

/* --all: each article in turn; one that fails is said and skipped, the
 * rest go on (a page that went away must not stop the others). */
static int
refetch_all (ClipperStore *store, ClipperFetcher *fetcher, ClipperSaverUpdateFlags flags, gboolean json)
{
  gboolean offline = (flags & CLIPPER_SAVER_UPDATE_OFFLINE) != 0;
  g_autoptr (GError) error = NULL;
  guint n_books = 0;
  g_autoptr (GArray) ids = list_all_ids (store, &n_books, &error);
  g_autoptr (JsonBuilder) builder = json ? json_builder_new () : NULL;
  ClipperReanchorCounts total = { 0 };
  guint n_failed = 0, n_without_images = 0, n_missing_in_all = 0, n_with_missing = 0, n_other = 0, n_previews = 0;
  gint64 other_id = 0;
  g_autofree char *described = NULL;

  if (ids == NULL)
    return clipper_cli_print_error (error);
  if (json)
    json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (GError) local_error = NULL;
      ClipperSaveReport report = { 0 };
      gboolean ok = clipper_saver_update_sync (store, fetcher, id, flags, NULL, &report, &local_error);
      const ClipperReanchorCounts counts = report.counts;
      guint n_missing = report.n_images_missing;
      gboolean preview = (report.notices & CLIPPER_SAVE_NOTICE_PREVIEW) != 0;
      gboolean updated = was_updated (ok, local_error);

      if (!updated)
        n_failed++;
      if (g_error_matches (local_error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE) && n_other++ == 0)
        other_id = id;
      if (updated)
        {
          n_without_images += ok ? 0 : 1;
          total.exact += counts.exact;
          total.fuzzy += counts.fuzzy;
          total.orphaned += counts.orphaned;
          total.already_orphaned += counts.already_orphaned;
          total.placed_again += counts.placed_again;
          total.reworded += counts.reworded;
          n_missing_in_all += n_missing;
          n_with_missing += n_missing > 0 ? 1 : 0;
          n_previews += preview ? 1 : 0;
        }
      if (json)
        add_counts_json (builder, id, offline, &report, local_error);
      else if (!updated)
        clipper_cli_print ("%" G_GINT64_FORMAT ": failed: %s\n", id, local_error->message);
      else
        {
          g_autofree char *images = n_missing > 0 ? g_strdup_printf ("; %u %s could not be downloaded", n_missing,
                                                                     n_missing == 1 ? "image" : "images")
                                                  : NULL;
          g_autofree char *placed = describe_counts (&counts);

          clipper_cli_print ("%" G_GINT64_FORMAT ": %s%s%s%s%s\n", id, placed, images != NULL ? images : "",
                             preview ? "; the page may be only a preview" : "",
                             local_error != NULL ? "; " : "", local_error != NULL ? local_error->message : "");
        }
    }
  if (json)
    {
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
    }
  else
    {
      described = describe_counts (&total);
      clipper_cli_print ("%u %s updated, %u failed; %s\n", ids->len - n_failed,
                         ids->len - n_failed == 1 ? "article" : "articles", n_failed, described);
    }
  if (n_books > 0)
    g_printerr ("clipper-cli: %u Kindle %s left as %s: there is no page to fetch\n", n_books,
                n_books == 1 ? "book was" : "books were", n_books == 1 ? "it was" : "they were");
  if (n_failed > 0)
    g_printerr ("clipper-cli: %u of %u articles could not be updated (see above); they were left as they were\n",
                n_failed, ids->len);
  if (n_other > 0)
    g_printerr ("clipper-cli: %u of %u articles' pages no longer hold the saved article (see above); "
                "'clipper-cli refetch ID --replace' replaces one anyway (%" G_GINT64_FORMAT " first)\n",
                n_other, ids->len, other_id);
  if (n_without_images > 0)
    g_printerr ("clipper-cli: the images of %u of %u articles could not be stored (see above); the articles were "
                "updated\n", n_without_images, ids->len);
  /* As for add: updated all the same; the reader shows their alt text. */
  if (n_missing_in_all > 0)
    g_printerr ("clipper-cli: %u %s of %u of %u articles could not be downloaded (see above); refetch tries "
                "again\n", n_missing_in_all, n_missing_in_all == 1 ? "image" : "images", n_with_missing, ids->len);
  /* As for add: a teaser now in the place of the article looks whole. */
  if (n_previews > 0)
    g_printerr ("clipper-cli: the pages of %u of %u articles may be only a preview (see above): they ask to "
                "subscribe\n", n_previews, ids->len);
  return n_failed > 0 || n_without_images > 0 ? CLIPPER_CLI_EXIT_FAILED : CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_refetch (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperFetcher) fetcher = NULL;
  g_autofree char *format = NULL;
  ClipperSaveReport report = { 0 };
  ClipperSaverUpdateFlags flags = CLIPPER_SAVER_UPDATE_NONE;
  ClipperStore *store;
  gboolean offline = FALSE, all = FALSE, replace = FALSE, ok;
  gint64 id = 0;
  int status;
  static const char *const formats[] = { "text", "json", NULL };
  GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      "Re-extract the original page kept in the library; no network", NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Every article in the library, one after the other", NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      "Replace the article even when the page no longer holds it", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("ID | --all");
  g_option_context_set_summary (context,
                                "Fetches the article's page again, extracts it anew, updates the article\n"
                                "and re-anchors its highlights; prints how they landed.  Highlights that\n"
                                "cannot be placed with confidence become orphans: their quote and note\n"
                                "are kept, never deleted.  With --offline the original page kept in the\n"
                                "library is extracted again instead (after an extractor update).  With\n"
                                "--all every article is, in turn; one that fails is reported and left as\n"
                                "it was, and the exit status is 1.  A page that no longer holds the saved\n"
                                "article (another article, or most of the highlighted text gone) is not\n"
                                "written and fails, unless --replace is given.\n"
                                "JSON: {articleId, offline, anchored, exact, fuzzy, orphaned,\n"
                                "alreadyOrphaned, placedAgain, reworded, imagesMissing, preview}; with\n"
                                "--all an array of them, {articleId, offline, error} for one that\n"
                                "failed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "refetch", &argc, &argv)) >= 0)
    return status;

  if (format == NULL)
    format = g_strdup ("text");
  if (!clipper_cli_check_format ("refetch", format, formats))
    return CLIPPER_CLI_EXIT_USAGE;
  if (all && argc != 1)
    return clipper_cli_usage_error ("refetch", "give an article id or --all, not both");
  /* Replacing is for a page the user was told of: every article's, unseen,
   * is what the refusal is there against. */
  if (all && replace)
    return clipper_cli_usage_error ("refetch", "--replace replaces one article: give its id, not --all");
  if (!all && argc != 2)
    return clipper_cli_usage_error ("refetch", argc < 2 ? "give the id of the article to refetch, or --all"
                                                        : "give one article id");
  if (!all && !clipper_cli_parse_id ("refetch", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  if (!offline)
    fetcher = clipper_fetcher_new ();
  flags = (offline ? CLIPPER_SAVER_UPDATE_OFFLINE : 0) | (replace ? CLIPPER_SAVER_UPDATE_REPLACE : 0);
  if (all)
    return refetch_all (store, fetcher, flags, g_str_equal (format, "json"));

  article = clipper_store_get_article (store, id, &error);
  if (article == NULL)
    {
      if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        return clipper_cli_fail ("there is no article %" G_GINT64_FORMAT, id);
      return clipper_cli_print_error (error);
    }

  ok = clipper_saver_update_sync (store, fetcher, id, flags, NULL, &report, &error);
  if (g_error_matches (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE))
    return clipper_cli_fail ("%s; 'clipper-cli refetch %" G_GINT64_FORMAT "%s --replace' replaces it anyway",
                             error->message, id, offline ? " --offline" : "");
  if (!was_updated (ok, error))
    return clipper_cli_print_error (error);

  if (g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      add_counts_json (builder, id, offline, &report, error);
      clipper_cli_print_json (builder);
    }
  else
    {
      g_autofree char *placed = describe_counts (&report.counts);

      clipper_cli_print ("%s\n", placed);
    }
  /* As for add: updated all the same; the reader shows their alt text. */
  if (report.n_images_missing > 0)
    g_printerr ("clipper-cli: article %" G_GINT64_FORMAT " was updated, but %u %s could not be downloaded "
                "(clipper-cli refetch %" G_GINT64_FORMAT " tries again)\n",
                id, report.n_images_missing, report.n_images_missing == 1 ? "image" : "images", id);
  /* As for add: the teaser now in the article's place looks whole. */
  if (report.notices & CLIPPER_SAVE_NOTICE_PREVIEW)
    g_printerr ("clipper-cli: article %" G_GINT64_FORMAT
                " was updated, but the page may be only a preview: it asks to subscribe\n", id);

  /* Updated, its highlights placed and counted above; the images not. */
  if (error != NULL)
    return clipper_cli_print_error (error);
  return CLIPPER_CLI_EXIT_OK;
}
