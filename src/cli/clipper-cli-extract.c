/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli extract URL|FILE [--format text|html|json] [--base URL]
 * clipper-cli extract --batch DIR --out OUTDIR
 *
 * Extraction only: nothing is saved.  --batch runs the extractor over a
 * folder of pages and writes what the evaluation tools read (<id>.txt,
 * <id>.meta.json, timings.tsv), timing parse + extraction from memory.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-private.h"

#include <json-glib/json-glib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <zlib.h>

#include "clipper-charset.h"
#include "clipper-extractor.h"
#include "clipper-fetcher.h"

static void
add_nullable (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static char *
extraction_to_json (ClipperExtraction *ex, gboolean with_content)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_nullable (b, "title", ex->title);
  add_nullable (b, "byline", ex->byline);
  add_nullable (b, "siteName", ex->site_name);
  add_nullable (b, "lang", ex->lang);
  add_nullable (b, "dir", ex->dir);
  add_nullable (b, "excerpt", ex->excerpt);
  add_nullable (b, "publishedTime", ex->published_time);
  add_nullable (b, "leadImage", ex->lead_image);
  json_builder_set_member_name (b, "readerable");
  json_builder_add_boolean_value (b, ex->readerable);
  /* A paywall's teaser (its "Subscribe to keep reading" box was cut). */
  json_builder_set_member_name (b, "preview");
  json_builder_add_boolean_value (b, ex->preview);
  if (with_content)
    {
      add_nullable (b, "html", ex->html);
      add_nullable (b, "text", ex->text);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Reads a page file (gzip-compressed when it ends in .gz) as UTF-8. */
static char *
read_page (const char *path, gsize *out_len, GError **error)
{
  g_autofree char *raw = NULL;
  gsize raw_len = 0;
  g_autofree char *charset = NULL;
  char *text;

  if (!g_file_get_contents (path, &raw, &raw_len, error))
    return NULL;
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GConverter) dec = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_data (raw, raw_len, NULL);
      g_autoptr(GInputStream) in = g_converter_input_stream_new (mem, dec);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        {
          g_prefix_error (error, "could not decompress '%s': ", path);
          return NULL;
        }
      g_free (raw);
      raw_len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      raw = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  if (g_utf8_validate_len (raw, raw_len, NULL))
    {
      *out_len = raw_len;
      text = g_malloc (raw_len + 1);
      memcpy (text, raw, raw_len);
      text[raw_len] = '\0';
      return text;
    }
  charset = clipper_charset_sniff ((const guint8 *) raw, raw_len, NULL, NULL);
  text = clipper_charset_to_utf8 ((const guint8 *) raw, raw_len, charset, out_len);
  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "could not decode '%s' from %s", path, charset ? charset : "its charset");
      return NULL;
    }
  return text;
}

static long
peak_rss_kb (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return 0;
  return ru.ru_maxrss;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *sorted, double p)
{
  double idx;
  guint lo, hi;

  if (sorted->len == 0)
    return 0;
  idx = p * (sorted->len - 1);
  lo = (guint) idx;
  hi = MIN (lo + 1, sorted->len - 1);
  return g_array_index (sorted, double, lo) +
         (idx - lo) * (g_array_index (sorted, double, hi) - g_array_index (sorted, double, lo));
}

typedef struct {
  char *id;
  char *path;
} Page;

static void
page_free (Page *p)
{
  g_free (p->id);
  g_free (p->path);
  g_free (p);
}

static int
compare_pages (gconstpointer a, gconstpointer b)
{
  const Page *x = *(Page *const *) a, *y = *(Page *const *) b;
  return strcmp (x->id, y->id);
}

static GPtrArray *
list_pages (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *pages;
  const char *name;

  if (d == NULL)
    return NULL;
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      Page *p = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *src = g_build_filename (path, "source.html", NULL);
          g_autofree char *srcgz = g_build_filename (path, "source.html.gz", NULL);
          if (g_file_test (src, G_FILE_TEST_IS_REGULAR))
            {
              p = g_new0 (Page, 1);
              p->path = g_steal_pointer (&src);
            }
          else if (g_file_test (srcgz, G_FILE_TEST_IS_REGULAR))
            {
              p = g_new0 (Page, 1);
              p->path = g_steal_pointer (&srcgz);
            }
          if (p != NULL)
            p->id = g_strdup (name);
        }
      else if (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".html.gz"))
        {
          p = g_new0 (Page, 1);
          p->path = g_steal_pointer (&path);
          p->id = g_strndup (name, strlen (name) - (g_str_has_suffix (name, ".gz") ? 8 : 5));
        }
      if (p != NULL)
        g_ptr_array_add (pages, p);
    }
  g_ptr_array_sort (pages, compare_pages);
  return pages;
}

static int
run_batch (const char *dir, const char *outdir, const char *base_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = list_pages (dir, &error);
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) tsv = g_string_new ("id\tparse_ms\textract_ms\ttotal_ms\n");
  g_autofree char *tsv_path = NULL;
  guint failed = 0;

  if (pages == NULL)
    return clipper_cli_fail ("cannot read the folder '%s': %s", dir, error->message);
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    return clipper_cli_fail ("cannot create the output folder '%s': %s", outdir, g_strerror (errno));

  for (guint i = 0; i < pages->len; i++)
    {
      Page *p = pages->pdata[i];
      g_autoptr(GError) page_error = NULL;
      g_autofree char *html = NULL;
      g_autoptr(ClipperExtraction) ex = NULL;
      g_autofree char *txt_path = g_strconcat (outdir, "/", p->id, ".txt", NULL);
      g_autofree char *meta_path = g_strconcat (outdir, "/", p->id, ".meta.json", NULL);
      g_autofree char *blocks = NULL;
      g_autofree char *json = NULL;
      gsize len = 0;
      double total;

      html = read_page (p->path, &len, &page_error);
      if (html != NULL)
        ex = clipper_extract (html, len, base_url, &page_error);
      if (ex == NULL)
        {
          g_printerr ("clipper-cli: %s: %s\n", p->id, page_error->message);
          failed++;
          g_file_set_contents (txt_path, "", 0, NULL);
          continue;
        }
      blocks = clipper_extraction_dup_block_text (ex);
      json = extraction_to_json (ex, FALSE);
      if (!g_file_set_contents (txt_path, blocks, -1, &page_error) ||
          !g_file_set_contents (meta_path, json, -1, &page_error))
        return clipper_cli_print_error (page_error);
      total = ex->parse_ms + ex->extract_ms;
      g_array_append_val (totals, total);
      g_string_append_printf (tsv, "%s\t%.3f\t%.3f\t%.3f\n", p->id, ex->parse_ms, ex->extract_ms, total);
    }

  tsv_path = g_build_filename (outdir, "timings.tsv", NULL);
  if (!g_file_set_contents (tsv_path, tsv->str, tsv->len, &error))
    return clipper_cli_print_error (error);

  g_array_sort (totals, compare_double);
  g_print ("pages: %u (%u failed)\nmedian: %.3f ms\np95: %.3f ms\npeak RSS: %.1f MB\n",
           pages->len, failed, percentile (totals, 0.5), percentile (totals, 0.95),
           peak_rss_kb () / 1024.0);
  return failed > 0 ? CLIPPER_CLI_EXIT_FAILED : CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_extract (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *outdir = NULL;
  g_autofree char *base = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Output: text (blocks), html or json", "FORMAT" },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, &batch, "Extract every page in DIR", "DIR" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &outdir, "Where --batch writes its files", "OUTDIR" },
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, "Resolve a local page's links against URL", "URL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("URL|FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperExtraction) ex = NULL;
  g_autofree char *html = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *address = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *local = NULL;
  gsize len = 0;
  int rc;
  static const char *const formats[] = { "text", "html", "json", NULL };

  g_option_context_set_summary (context,
                                "Extract the article of a page without saving it.  URL and FILE\n"
                                "are taken as add takes them: example.org/page is tried with\n"
                                "https, then http; localhost:8000/page with http; a file of that\n"
                                "name here wins.\n"
                                "With --batch DIR --out OUTDIR, extract every page of a folder\n"
                                "(*.html, *.html.gz, or sub-folders holding source.html).");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((rc = clipper_cli_parse (context, "extract", &argc, &argv)) >= 0)
    return rc;

  if (batch != NULL)
    {
      if (outdir == NULL)
        return clipper_cli_usage_error ("extract", "--batch needs --out OUTDIR");
      if (argc > 1)
        return clipper_cli_usage_error ("extract", "--batch takes no URL or FILE ('%s')", argv[1]);
      return run_batch (batch, outdir, base);
    }
  if (argc != 2)
    return clipper_cli_usage_error ("extract", argc < 2 ? "a URL or FILE is needed" : "only one URL or FILE, please");
  if (format == NULL)
    format = g_strdup ("text");
  if (!clipper_cli_check_format ("extract", format, formats))
    return CLIPPER_CLI_EXIT_USAGE;

  /* An address by add's rule ("localhost:8000/page", "example.org/page",
   * a file:// URI), unless a file of that name is here; a page read from
   * a file may be gzip-compressed, as in --batch. */
  address = clipper_cli_dup_address (argv[1], &fallback);
  local = clipper_cli_dup_local_path (address != NULL ? address : argv[1]);
  if (local == NULL)
    {
      g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
      g_autoptr(ClipperFetchResult) result = NULL;

      /* (The fetcher drops the parameters that only track a click.) */
      result = clipper_fetcher_fetch_sync (fetcher, address != NULL ? address : argv[1], NULL, NULL, NULL,
                                           &error);
      /* A site without https: with http, as add and browsers do. */
      if (result == NULL && fallback != NULL &&
          g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK))
        {
          g_clear_error (&error);
          result = clipper_fetcher_fetch_sync (fetcher, fallback, NULL, NULL, NULL, &error);
        }
      if (result == NULL)
        return clipper_cli_print_error (error);
      html = g_strndup (result->text, result->text_length);
      len = result->text_length;
      page_url = g_strdup (result->uri);
    }
  else
    {
      html = read_page (local, &len, &error);
      if (html == NULL)
        return clipper_cli_print_error (error);
      page_url = g_strdup (base);
    }

  ex = clipper_extract (html, len, page_url, &error);
  if (ex == NULL)
    return clipper_cli_fail ("nothing to extract from '%s': %s", argv[1], error->message);

  if (strcmp (format, "json") == 0)
    {
      g_autofree char *json = extraction_to_json (ex, TRUE);
      g_print ("%s\n", json);
    }
  else if (strcmp (format, "html") == 0)
    g_print ("%s\n", ex->html);
  else
    {
      g_autofree char *blocks = clipper_extraction_dup_block_text (ex);
      fputs (blocks, stdout);
    }
  return CLIPPER_CLI_EXIT_OK;
}
