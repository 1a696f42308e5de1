/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli add: save a page into the library and print its id.
 *
 * Web pages and local files (a path or a file:// URI) take one path, the
 * core's saver: the fetcher reads the page within its limits (redirects,
 * timeouts, the "max-size" cap, web page types only; for a file, also no
 * directories, devices or binary data), the extractor makes the article,
 * the images it shows are fetched (for a local page, from files beside it)
 * and all of it is stored in one transaction.  The saver's errors already
 * name what failed and why, so they are printed as they are.
 *
 * A file that is an export the import reads (Kindle clippings, annotation
 * JSON, Clipper's Markdown) is refused: saved, it would be an article of raw
 * clippings or JSON, and none of its highlights would come in.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-import.h"
#include "clipper-saver.h"

int
clipper_cli_cmd_add (ClipperCli *cli, int argc, char **argv)
{
  g_auto (GStrv) tags = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ClipperFetcher) fetcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *fallback = NULL;
  ClipperStore *store;
  g_autofree char *local = NULL;
  ClipperImportFormat export_format = CLIPPER_IMPORT_FORMAT_AUTO;
  const char *target;
  ClipperSaveReport report = { 0 };
  gint64 id;
  int status;
  /* FILENAME rather than STRING: no conversion from the locale's charset
   * (which fails for non-ASCII in the C locale); we check UTF-8 ourselves. */
  GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &tags, "Tag the article (repeatable)", "TAG" },
    { NULL },
  };

  context = g_option_context_new ("URL|FILE");
  /* The cap named from the fetcher's own default, so the help cannot drift
   * from what is enforced. */
  summary = g_strdup_printf ("Saves a web page into the library and prints the new article's id.\n"
                             "URL may leave out its scheme, as in the app: example.org/page is\n"
                             "tried with https, then http; localhost:8000/page and 127.0.0.1:8000\n"
                             "with http.\n"
                             "FILE may be a path or a file:// URI; the images a local page shows\n"
                             "are saved from the files beside it.  A page, downloaded or a file,\n"
                             "may be at most %d MB.  A page that is already saved is not saved\n"
                             "twice: its id is printed and the exit status is 0.  An export that\n"
                             "clipper-cli import reads (Kindle clippings, annotation JSON, Clipper\n"
                             "Markdown) is refused.",
                             CLIPPER_FETCHER_DEFAULT_MAX_SIZE / (1024 * 1024));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "add", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error ("add", argc < 2 ? "give the URL or file to save"
                                                    : "give one URL or file at a time");
  target = argv[1];

  if (target[0] == '\0')
    return clipper_cli_usage_error ("add", "the URL or file name is empty");
  if ((status = clipper_cli_check_tags ("add", tags)) >= 0)
    return status;

  local = clipper_cli_dup_local_path (target);
  if (local != NULL)
    export_format = clipper_import_detect_export (local);
  if (export_format != CLIPPER_IMPORT_FORMAT_AUTO)
    return clipper_cli_fail ("'%s' is %s, not a page: use clipper-cli import to read its highlights",
                             target, clipper_import_format_describe (export_format));

  store = clipper_cli_get_store_to_add (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  typed = clipper_cli_dup_address (target, &fallback);

  /* The fetcher's defaults are the documented limits (20 MB a page). */
  fetcher = clipper_fetcher_new ();
  if (!clipper_saver_save_sync (store, fetcher, typed != NULL ? typed : target, (const char *const *) tags,
                                CLIPPER_SAVER_SAVE_COMPARE, NULL, NULL, NULL, &report, &error))
    {
      /* A site without https: with http, as browsers and the app do. */
      if (fallback == NULL ||
          !g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK))
        return clipper_cli_print_error (error);
      g_clear_error (&error);
      if (!clipper_saver_save_sync (store, fetcher, fallback, (const char *const *) tags,
                                    CLIPPER_SAVER_SAVE_COMPARE, NULL, NULL, NULL, &report, &error))
        return clipper_cli_print_error (error);
    }
  id = report.article_id;

  /* The saver has already added the tags to an existing article. */
  if (report.existed)
    g_printerr ("clipper-cli: '%s' is already saved as article %" G_GINT64_FORMAT "\n", target, id);
  /* The page as it is now was fetched and kept nowhere: the user decides
   * whether it replaces the saved one (QA-p 5). */
  if (report.notices & CLIPPER_SAVE_NOTICE_PAGE_CHANGED)
    g_printerr ("clipper-cli: the page has changed since it was saved; "
                "clipper-cli refetch %" G_GINT64_FORMAT " updates the article\n", id);
  /* Saved all the same (the text is what matters); the reader shows the
   * missing ones' alt text, and a refetch tries them again. */
  if (report.n_images_missing > 0)
    g_printerr ("clipper-cli: article %" G_GINT64_FORMAT
                " was saved, but %u %s could not be downloaded "
                "(clipper-cli refetch %" G_GINT64_FORMAT " tries again)\n",
                id, report.n_images_missing, report.n_images_missing == 1 ? "image" : "images", id);

  /* A paywall's teaser looks whole in the list (QA-p finding 4). */
  if (report.notices & CLIPPER_SAVE_NOTICE_PREVIEW)
    g_printerr ("clipper-cli: article %" G_GINT64_FORMAT
                " was saved, but the page may be only a preview: it asks to subscribe\n", id);

  clipper_cli_print ("%" G_GINT64_FORMAT "\n", id);
  return CLIPPER_CLI_EXIT_OK;
}
