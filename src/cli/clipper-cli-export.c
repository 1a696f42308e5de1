/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli export and import: notes out to Markdown or W3C JSON, and in
 * from JSON (Clipper's, W3C, Hypothesis), Kindle clippings or Clipper's
 * Markdown (a file or a vault folder).
 */
#define G_LOG_DOMAIN "clipper-cli"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>

#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-import.h"
#include "clipper-json.h"
#include "clipper-markdown-import.h"
#include "clipper-markdown.h"

/* Progress on stderr, only for a person watching a terminal. */
static void
print_progress (guint64 done, guint64 total, gpointer user_data)
{
  const char *what = user_data;
  static gint64 last;
  gint64 now = g_get_monotonic_time ();

  if (now - last < 200 * 1000 && done != total)
    return;
  last = now;
  if (total > 0)
    g_printerr ("\r%s %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " (%u%%)\033[K", what, done, total,
                (guint) (done * 100 / total));
  else
    g_printerr ("\r%s %" G_GUINT64_FORMAT "\033[K", what, done);
}

static void
end_progress (gboolean shown)
{
  if (shown)
    g_printerr ("\r\033[K");
}

/* The colour names given in the app's Preferences, over the defaults,
 * when the app's settings are installed: a vault the app and the CLI both
 * write then names colours one way (each rewrote the other's files). */
static void
merge_app_color_names (GHashTable *meanings)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GVariant) names = NULL;
  GVariantIter iter;
  const char *color;
  const char *meaning;

  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, "org.example.Clipper", TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "color-names"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  names = g_settings_get_value (settings, "color-names");
  g_variant_iter_init (&iter, names);
  while (g_variant_iter_next (&iter, "{&s&s}", &color, &meaning))
    if (*meaning != '\0' && clipper_highlight_color_is_valid (color))
      g_hash_table_insert (meanings, g_strdup (color), g_strdup (meaning));
}

static gboolean
parse_color_names (const char *command, char **pairs, GHashTable *meanings)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *color = NULL;

      if (eq == NULL || eq == pairs[i] || eq[1] == '\0')
        {
          clipper_cli_usage_error (command, "'%s' is not COLOR=MEANING (e.g. yellow=Important)", pairs[i]);
          return FALSE;
        }
      color = g_strndup (pairs[i], eq - pairs[i]);
      if (!clipper_highlight_color_is_valid (color))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) clipper_highlight_colors ());
          clipper_cli_usage_error (command, "'%s' is not a highlight colour (one of %s)", color, list);
          return FALSE;
        }
      g_hash_table_insert (meanings, g_steal_pointer (&color), g_strdup (eq + 1));
    }
  return TRUE;
}

static int
export_markdown_one (ClipperStore *store, gint64 id, const ClipperExportOptions *options)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *markdown = NULL;
  ClipperHighlightQuery query = { 0 };

  article = clipper_store_get_article (store, id, &error);
  if (article == NULL)
    return clipper_cli_print_error (error);
  query.article_id = id;
  highlights = clipper_store_list_highlights (store, &query, &error);
  if (highlights == NULL)
    return clipper_cli_print_error (error);
  markdown = clipper_markdown_render_article (article, highlights, options, &error);
  if (markdown == NULL)
    return clipper_cli_print_error (error);

  fputs (markdown, stdout);
  if (fflush (stdout) != 0)
    return clipper_cli_fail ("cannot write to standard output: %s", g_strerror (errno));
  return CLIPPER_CLI_EXIT_OK;
}

static int
export_json (ClipperStore *store, const char *out, const ClipperExportOptions *options, gboolean tty)
{
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  g_autoptr (GError) error = NULL;
  guint articles = 0, highlights = 0;
  gboolean to_stdout = g_str_equal (out, "-");
  /* What a failure to write names. */
  g_autofree char *target = to_stdout ? g_strdup ("to standard output") : g_strdup_printf ("'%s'", out);
  gboolean ok;

  if (to_stdout)
    {
      stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      buffered = g_buffered_output_stream_new_sized (stream, 256 * 1024);
      ok = clipper_json_export (store, buffered, options, &articles, &highlights,
                                tty ? print_progress : NULL, (gpointer) "exporting", NULL, &error)
           && g_output_stream_close (buffered, NULL, &error);
    }
  else
    /* Written beside the target and renamed over it at the end: an export
     * that fails leaves no file cut short under the name asked for, and
     * any older file whole. */
    ok = clipper_json_export_file (store, out, options, &articles, &highlights,
                                   tty ? print_progress : NULL, (gpointer) "exporting", NULL, &error);
  end_progress (tty);
  if (!ok)
    {
      if (buffered != NULL)
        {
          g_autoptr (GCancellable) abort = g_cancellable_new ();

          /* Closed without writing out the rest of the buffer. */
          g_cancellable_cancel (abort);
          g_output_stream_close (buffered, abort, NULL);
        }
      /* A stream's failure is GLib's message ("Error writing to file
       * descriptor: No space left on device"), which names neither what
       * was written nor reads as ours: it goes after what we were doing,
       * as it is, the way gio puts the file before it ("gio:
       * file:///x: Error writing to file: …").  The library's own
       * messages say what failed already. */
      if (error->domain != G_IO_ERROR)
        return clipper_cli_print_error (error);
      return clipper_cli_fail ("cannot write %s: %s", target, error->message);
    }

  if (!to_stdout)
    g_print ("exported %u article%s, %u highlight%s to %s\n", articles, articles == 1 ? "" : "s",
             highlights, highlights == 1 ? "" : "s", out);
  return CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_export (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *out = NULL;
  g_autofree char *template_path = NULL;
  g_auto (GStrv) color_names = NULL;
  gboolean body = FALSE, prune = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "markdown (default) or json", "FORMAT" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, "Only articles with this tag", "TAG" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "A folder (Markdown vault), a file (JSON), or - for standard output", "DIR|FILE|-" },
    { "body", 0, 0, G_OPTION_ARG_NONE, &body, "Markdown: add the whole article with highlights marked ==like this==", NULL },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_path, "Markdown: shape Clipper's section with this template (see docs/export.md)", "FILE" },
    { "color-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &color_names, "Markdown: what a colour means (default yellow=Important green=Idea blue=Definition pink=Question purple=Quote)", "COLOR=MEANING" },
    { "prune", 0, 0, G_OPTION_ARG_NONE, &prune, "Markdown vault: delete files of articles no longer exported", NULL },
    { NULL }
  };
  static const char *const formats[] = { "markdown", "json", NULL };
  g_autoptr (GOptionContext) context = g_option_context_new ("[ID...] - export articles with their highlights and notes");
  g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();
  g_autoptr (GError) error = NULL;
  gboolean tty = isatty (STDERR_FILENO);
  ClipperStore *store;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
                                "Markdown to a folder writes one file per article (a vault) and keeps what you\n"
                                "wrote in those files; one ID to '-' prints that article.  A vault is one\n"
                                "library's: another library's (synced from another computer) is refused;\n"
                                "'import' it instead.  JSON is the W3C Web Annotation model with every\n"
                                "article in full; 'import' reads it back.");
  if ((status = clipper_cli_parse (context, argv[0], &argc, &argv)) >= 0)
    return status;

  if (format == NULL)
    format = g_strdup ("markdown");
  if (!clipper_cli_check_format (argv[0], format, formats))
    return CLIPPER_CLI_EXIT_USAGE;

  options->ids = clipper_cli_parse_ids (argv[0], argc - 1, argv + 1);
  if (options->ids == NULL)
    return CLIPPER_CLI_EXIT_USAGE;
  options->tag = g_strdup (tag);
  options->include_body = body;
  options->prune = prune;
  options->color_meanings = clipper_export_default_color_meanings ();
  merge_app_color_names (options->color_meanings);
  if (!parse_color_names (argv[0], color_names, options->color_meanings))
    return CLIPPER_CLI_EXIT_USAGE;

  if (template_path != NULL)
    {
      if (!g_file_get_contents (template_path, &options->template_text, NULL, &error))
        return clipper_cli_fail ("cannot read the template: %s", error->message);
    }

  /* A file:// URI names its file, as it did while the export opened --out
   * with g_file_new_for_commandline_arg(); a path stays as typed. */
  if (out != NULL && !g_str_equal (out, "-"))
    {
      char *local = clipper_cli_dup_local_path (out);

      if (local == NULL)
        return clipper_cli_usage_error (argv[0], "'%s' is not a local file or folder; --out takes a path or a file:// URI",
                                        out);
      g_free (out);
      out = local;
    }

  if (g_str_equal (format, "markdown"))
    {
      if (out == NULL && options->ids->len == 1)
        out = g_strdup ("-");
      if (out == NULL)
        return clipper_cli_usage_error (argv[0], "a Markdown export of several articles needs --out DIR");
      if (g_str_equal (out, "-") && options->ids->len != 1)
        return clipper_cli_usage_error (argv[0], "only one article (one ID) can be printed as Markdown; use --out DIR");
      if (prune && (g_str_equal (out, "-") || options->ids->len > 0))
        return clipper_cli_usage_error (argv[0], "--prune works on a whole vault export (no IDs, --out DIR)");
    }
  else
    {
      if (body || template_path != NULL || prune || color_names != NULL)
        return clipper_cli_usage_error (argv[0], "--body, --template, --color-name and --prune are for --format markdown");
      if (out == NULL)
        out = g_strdup ("-");
    }

  /* Exports only read, but for a vault export's first step, taking in the
   * notes edited in the vault: with a read-only library that step fails,
   * and says why, before the edited file is rewritten. */
  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  if (g_str_equal (format, "json"))
    return export_json (store, out, options, tty);

  if (g_str_equal (out, "-"))
    {
      if (tag != NULL)
        return clipper_cli_usage_error (argv[0], "--tag selects articles for a vault; with one ID it has nothing to do");
      return export_markdown_one (store, g_array_index (options->ids, gint64, 0), options);
    }

  if (g_file_test (out, G_FILE_TEST_EXISTS) && !g_file_test (out, G_FILE_TEST_IS_DIR))
    return clipper_cli_fail ("'%s' is a file; a Markdown export needs a folder", out);

  {
    ClipperVaultStats stats = { 0 };

    if (!clipper_markdown_export_vault (store, out, options, &stats, tty ? print_progress : NULL,
                                        (gpointer) "exporting", NULL, &error))
      {
        end_progress (tty);
        return clipper_cli_print_error (error);
      }
    end_progress (tty);
    g_print ("exported %u article%s, %u highlight%s to %s: %u file%s written, %u unchanged",
             stats.articles, stats.articles == 1 ? "" : "s", stats.highlights, stats.highlights == 1 ? "" : "s",
             out, stats.written, stats.written == 1 ? "" : "s", stats.unchanged);
    if (prune)
      g_print (", %u deleted", stats.pruned);
    /* The vault's side of each is in a callout below Clipper's section. */
    if (stats.conflicts > 0)
      g_print ("; %u change%s made differently in the vault and in the library: the library's kept, the vault's"
               " text left below Clipper's section", stats.conflicts, stats.conflicts == 1 ? "" : "s");
    if (stats.not_read > 0)
      g_print ("; %u passage%s written in Clipper's section that could not be read back kept below it",
               stats.not_read, stats.not_read == 1 ? "" : "s");
    /* Counted as the app's toast counts them ("1 removed highlight
     * kept"); which file and block each was is in its notice. */
    if (stats.removed_in_file > 0)
      g_print ("; %u highlight%s removed from %s still in the library: written back", stats.removed_in_file,
               stats.removed_in_file == 1 ? "" : "s", stats.removed_in_file == 1 ? "a file is" : "files are");
    if (stats.moved > 0)
      g_print ("; %u file%s found renamed or moved and kept there, %u other cop%s left as they were", stats.moved,
               stats.moved == 1 ? "" : "s", stats.duplicates, stats.duplicates == 1 ? "y" : "ies");
    /* Each named above, with its file. */
    if (stats.copies > 0)
      g_print ("; %u cop%s of a file left as %s, not read", stats.copies, stats.copies == 1 ? "y" : "ies",
               stats.copies == 1 ? "it is" : "they are");
    g_print ("\n");
  }
  return CLIPPER_CLI_EXIT_OK;
}

/* @strings (element-type utf8) as the array member @name. */
static void
add_strings_member (JsonBuilder *builder, const char *name, GPtrArray *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

/* The result for scripts: every count, and the messages. */
static void
print_import_json (const ClipperImportResult *result, const char *summary)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, clipper_import_format_to_string (result->format));
#define COUNT(name, field) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, result->field);
  COUNT ("articlesAdded", articles_added)
  COUNT ("articlesExisting", articles_existing)
  COUNT ("highlightsAdded", highlights_added)
  COUNT ("highlightsExisting", highlights_existing)
  COUNT ("highlightsReanchored", highlights_reanchored)
  COUNT ("highlightsOrphaned", highlights_orphaned)
  COUNT ("notesAdded", notes_added)
  COUNT ("skipped", skipped)
  /* The entries that could not be read (each in "problems"): "skipped"
   * counts those left out on purpose, and a script saw 0 beside them. */
  json_builder_set_member_name (builder, "broken");
  json_builder_add_int_value (builder, result->problems->len);
  COUNT ("articlesCompleted", articles_completed)
  COUNT ("highlightsMerged", highlights_merged)
  COUNT ("highlightsPlaced", highlights_placed)
  COUNT ("pageNotes", page_notes)
  COUNT ("replies", replies)
  COUNT ("repliesExisting", replies_existing)
  COUNT ("repliesUpdated", replies_updated)
  COUNT ("filesRead", files_read)
  COUNT ("filesSkipped", files_skipped)
  COUNT ("notesUpdated", notes_updated)
  COUNT ("tagsUpdated", tags_updated)
  COUNT ("conflicts", conflicts)
  COUNT ("articleTagsUpdated", article_tags_updated)
  COUNT ("articleStatesUpdated", article_states_updated)
  COUNT ("foreignHighlights", foreign_highlights)
  COUNT ("foreignArticles", foreign_articles)
  COUNT ("foreignMerged", foreign_merged)
  COUNT ("unreadable", unreadable)
  COUNT ("highlightsRepaired", highlights_repaired)
  COUNT ("highlightsUpdated", highlights_updated)
  COUNT ("removedInFile", removed_in_file)
#undef COUNT
  json_builder_set_member_name (builder, "encoding");
  if (result->encoding != NULL)
    json_builder_add_string_value (builder, result->encoding);
  else
    json_builder_add_null_value (builder);
  add_strings_member (builder, "brokenFiles", result->broken_files);
  add_strings_member (builder, "problems", result->problems);
  add_strings_member (builder, "notices", result->notices);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_end_object (builder);
  clipper_cli_print_json (builder);
}

int
clipper_cli_cmd_import (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_auto (GStrv) color_names = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "auto (default), json, hypothesis, kindle or markdown", "FORMAT" },
    { "color-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &color_names, "Markdown: what a colour meant in the export (as export --color-name)", "COLOR=MEANING" },
    { "output", 0, 0, G_OPTION_ARG_STRING, &output, "What to print: text (default) or json", "FORMAT" },
    { NULL }
  };
  static const char *const formats[] = { "auto", "json", "hypothesis", "kindle", "markdown", NULL };
  static const char *const outputs[] = { "text", "json", NULL };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE|FOLDER - import highlights and notes");
  g_autoptr (ClipperImportResult) result = NULL;
  g_autoptr (GHashTable) meanings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  ClipperImportFormat fmt = CLIPPER_IMPORT_FORMAT_AUTO;
  gboolean tty = isatty (STDERR_FILENO);
  gboolean json;
  ClipperStore *store;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
                                "Reads Clipper's JSON export (or any W3C Web Annotation JSON), a Hypothesis\n"
                                "JSON export, a Kindle 'My Clippings.txt', or Clipper's Markdown: one file or\n"
                                "a vault folder.  Notes, tags and colours edited in a JSON export or in\n"
                                "the Markdown come back into the library: the later change wins (the\n"
                                "JSON's \"modified\", the Markdown's file time); where the library's is\n"
                                "later, it is kept and listed.  Another library's vault or JSON (another\n"
                                "computer's Clipper) adds what this library lacks; a passage both\n"
                                "highlighted comes in once, with both notes.  Importing twice adds nothing\n"
                                "the second time; broken entries or files are skipped and listed on\n"
                                "standard error.");
  if ((status = clipper_cli_parse (context, argv[0], &argc, &argv)) >= 0)
    return status;

  if (format == NULL)
    format = g_strdup ("auto");
  if (!clipper_cli_check_format (argv[0], format, formats))
    return CLIPPER_CLI_EXIT_USAGE;
  for (ClipperImportFormat f = CLIPPER_IMPORT_FORMAT_AUTO; f <= CLIPPER_IMPORT_FORMAT_MARKDOWN; f++)
    if (g_str_equal (format, clipper_import_format_to_string (f)))
      fmt = f;
  if (output == NULL)
    output = g_strdup ("text");
  if (!clipper_cli_check_format (argv[0], output, outputs))
    return CLIPPER_CLI_EXIT_USAGE;
  json = g_str_equal (output, "json");

  meanings = clipper_export_default_color_meanings ();
  merge_app_color_names (meanings);
  if (!parse_color_names (argv[0], color_names, meanings))
    return CLIPPER_CLI_EXIT_USAGE;
  if (color_names != NULL && fmt != CLIPPER_IMPORT_FORMAT_AUTO && fmt != CLIPPER_IMPORT_FORMAT_MARKDOWN)
    return clipper_cli_usage_error (argv[0], "--color-name is for Markdown");

  if (argc != 2)
    return clipper_cli_usage_error (argv[0], argc < 2 ? "which file or folder? (import FILE|FOLDER)" : "one file or folder at a time");

  store = clipper_cli_get_store_to_add (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  /* Markdown goes its own way to take the colour meanings along. */
  if (fmt == CLIPPER_IMPORT_FORMAT_MARKDOWN
      || (fmt == CLIPPER_IMPORT_FORMAT_AUTO && clipper_import_path_is_markdown (argv[1])))
    result = clipper_markdown_import (store, argv[1], meanings, tty ? print_progress : NULL, (gpointer) "importing",
                                      NULL, &error);
  else
    result = clipper_import_file (store, argv[1], fmt, tty ? print_progress : NULL, (gpointer) "importing",
                                  NULL, &error);
  end_progress (tty);
  if (result == NULL)
    return clipper_cli_print_error (error);

  for (guint i = 0; i < result->problems->len; i++)
    g_printerr ("clipper-cli import: %s\n", (const char *) g_ptr_array_index (result->problems, i));
  for (guint i = 0; i < result->notices->len; i++)
    g_printerr ("clipper-cli import: %s\n", (const char *) g_ptr_array_index (result->notices, i));
  summary = clipper_import_result_summary (result);
  if (json)
    print_import_json (result, summary);
  else
    g_print ("%s\n", summary);
  if (result->highlights_orphaned > 0)
    g_printerr ("clipper-cli import: %u of the imported highlights could not be placed in their article's text here; "
                "'clipper-cli highlights --orphans' lists them\n", result->highlights_orphaned);
  return CLIPPER_CLI_EXIT_OK;
}
