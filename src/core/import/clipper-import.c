/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-import"

#include "clipper-import.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "clipper-charset.h"
#include "clipper-export-private.h"
#include "clipper-json.h"
#include "clipper-kindle.h"
#include "clipper-markdown.h"
#include "clipper-markdown-import.h"

/* Bigger than any notes file a person makes; keeps a wrong file (a disk
 * image, a video) from being read into memory whole. */
#define MAX_IMPORT_BYTES ((gsize) 2 * 1024 * 1024 * 1024 - 1)

/* What clipper_import_detect() looks at. */
#define DETECT_BYTES (64 * 1024)

const char *
clipper_import_format_to_string (ClipperImportFormat format)
{
  switch (format)
    {
    case CLIPPER_IMPORT_FORMAT_AUTO: return "auto";
    case CLIPPER_IMPORT_FORMAT_JSON: return "json";
    case CLIPPER_IMPORT_FORMAT_HYPOTHESIS: return "hypothesis";
    case CLIPPER_IMPORT_FORMAT_KINDLE: return "kindle";
    case CLIPPER_IMPORT_FORMAT_MARKDOWN: return "markdown";
    default: return NULL;
    }
}

ClipperImportResult *
clipper_import_result_new (void)
{
  ClipperImportResult *result = g_new0 (ClipperImportResult, 1);

  result->broken_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  result->problems = g_ptr_array_new_with_free_func (g_free);
  result->broken_files = g_ptr_array_new_with_free_func (g_free);
  result->notices = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
clipper_import_result_free (ClipperImportResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->broken_lines);
  g_ptr_array_unref (result->problems);
  g_ptr_array_unref (result->broken_files);
  g_ptr_array_unref (result->notices);
  g_free (result->encoding);
  g_free (result);
}

void
clipper_import_result_add_problem (ClipperImportResult *result, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (result != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* What is quoted from the file (JSON's parser cuts a token inside a
   * character, at times) is shown to people: text only. */
  g_ptr_array_add (result->problems, g_utf8_make_valid (message, -1));
  g_array_append_val (result->broken_lines, line);
}

void
clipper_import_result_add_notice (ClipperImportResult *result, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (result != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* A notice names files as the folder gave them, in any encoding; the
   * app puts notices in a GVariant, which takes text only. */
  g_ptr_array_add (result->notices, g_utf8_make_valid (message, -1));
}

void
clipper_import_say_undone (GError **error)
{
  char *message;

  if (error == NULL || !g_error_matches (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED))
    return;
  message = g_strconcat ((*error)->message, "; nothing was imported", NULL);
  g_free ((*error)->message);
  (*error)->message = message;
}

void
clipper_import_undo (ClipperStore *store, GError **error)
{
  clipper_store_rollback (store);
  clipper_import_say_undone (error);
}

static void
append_count (GString *out, guint n, const char *one, const char *many)
{
  g_string_append_printf (out, "%u %s", n, n == 1 ? one : many);
}

/* A Markdown import changes highlights more than it adds them: its summary
 * says what was taken from the files, and that nothing was when so. */
/* "; updated 1 highlight, 2 notes and 1 reply from the file", of those
 * counts that are not 0; nothing when all are. */
static void
append_updated (GString *out, const ClipperImportResult *result)
{
  const guint counts[] = { result->highlights_updated, result->notes_updated, result->replies_updated };
  const char *const one[] = { "highlight", "note", "reply" };
  const char *const many[] = { "highlights", "notes", "replies" };
  guint left = 0;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    left += counts[i] > 0;
  if (left == 0)
    return;
  g_string_append (out, "; updated ");
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (counts[i] > 0)
      {
        append_count (out, counts[i], one[i], many[i]);
        left--;
        if (left > 1)
          g_string_append (out, ", ");
        else if (left == 1)
          g_string_append (out, " and ");
      }
  g_string_append (out, " from the file");
}

static char *
markdown_summary (const ClipperImportResult *result)
{
  GString *out = g_string_new ("read ");
  GString *done = g_string_new (NULL);
  /* Another library's highlights are counted in their own part below:
   * counted here too, the line said each of them twice. */
  guint own_highlights = result->highlights_added - result->foreign_highlights;
  gboolean foreign = result->foreign_highlights > 0 || result->foreign_merged > 0;

  append_count (out, result->files_read, "file", "files");
  if (result->articles_added > 0)
    append_count (done, result->articles_added, "article added", "articles added");
  if (own_highlights > 0)
    {
      if (done->len > 0)
        g_string_append (done, ", ");
      append_count (done, own_highlights, "highlight added", "highlights added");
    }
  if (result->notes_updated > 0)
    {
      if (done->len > 0)
        g_string_append (done, ", ");
      append_count (done, result->notes_updated, "note updated", "notes updated");
    }
  if (result->tags_updated > 0)
    {
      if (done->len > 0)
        g_string_append (done, ", ");
      append_count (done, result->tags_updated, "highlight's tags or colour updated",
                    "highlights' tags or colours updated");
    }
  if (result->article_tags_updated > 0)
    {
      if (done->len > 0)
        g_string_append (done, ", ");
      append_count (done, result->article_tags_updated, "article's tags updated", "articles' tags updated");
    }
  if (result->article_states_updated > 0)
    {
      if (done->len > 0)
        g_string_append (done, ", ");
      append_count (done, result->article_states_updated, "article's star, read state or position updated",
                    "articles' stars, read states or positions updated");
    }
  /* With nothing of its own, what came in is another library's, said
   * next. */
  if (done->len > 0)
    g_string_append_printf (out, ": %s", done->str);
  else if (!foreign && result->conflicts == 0 && result->not_read == 0 && result->removed_in_file == 0)
    g_string_append (out, ": nothing changed, the library already has it all");
  else if (!foreign)
    g_string_append (out, ": nothing taken");
  g_string_free (done, TRUE);
  /* Said apart: a vault of another library (another computer's Clipper)
   * brings what this library never had. */
  if (foreign)
    {
      g_string_append (out, "; from another library: ");
      if (result->foreign_highlights > 0)
        {
          append_count (out, result->foreign_highlights, "highlight", "highlights");
          g_string_append (out, " added to ");
          append_count (out, result->foreign_articles, "article", "articles");
        }
      if (result->foreign_highlights > 0 && result->foreign_merged > 0)
        g_string_append (out, ", ");
      if (result->foreign_merged > 0)
        append_count (out, result->foreign_merged,
                      "highlight this library has too kept once (its note or tags added)",
                      "highlights this library has too kept once (their notes or tags added)");
    }
  if (result->conflicts > result->article_tag_conflicts + result->article_state_conflicts)
    {
      g_string_append (out, "; kept the library's version of ");
      append_count (out, result->conflicts - result->article_tag_conflicts - result->article_state_conflicts,
                    "highlight changed on both sides", "highlights changed on both sides");
    }
  if (result->article_tag_conflicts > 0)
    {
      g_string_append (out, "; kept the library's tags of ");
      append_count (out, result->article_tag_conflicts, "article whose tags changed on both sides",
                    "articles whose tags changed on both sides");
    }
  if (result->article_state_conflicts > 0)
    {
      g_string_append (out, "; kept the library's star, read state and position of ");
      append_count (out, result->article_state_conflicts, "article whose state changed on both sides",
                    "articles whose state changed on both sides");
    }
  if (result->not_read > 0)
    {
      /* Said here, not only among the notices: it is the user's writing. */
      g_string_append (out, "; could not read ");
      append_count (out, result->not_read, "passage written in Clipper's section (see below)",
                    "passages written in Clipper's section (see below)");
    }
  if (result->removed_in_file > 0)
    {
      /* Said here: the next export writes them back into the files. */
      g_string_append (out, "; ");
      append_count (out, result->removed_in_file,
                    "highlight removed from a file is still in the library (see below)",
                    "highlights removed from files are still in the library (see below)");
    }
  if (result->files_skipped > 0)
    {
      g_string_append (out, "; skipped ");
      append_count (out, result->files_skipped, "file", "files");
      if (result->broken_files->len > 0)
        {
          g_string_append_printf (out, " (%u broken: ", result->broken_files->len);
          for (guint i = 0; i < result->broken_files->len; i++)
            g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                                    (const char *) g_ptr_array_index (result->broken_files, i));
          g_string_append_c (out, ')');
        }
    }
  return g_string_free (out, FALSE);
}

char *
clipper_import_result_summary (const ClipperImportResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->format == CLIPPER_IMPORT_FORMAT_MARKDOWN)
    return markdown_summary (result);
  out = g_string_new ("imported ");

  append_count (out, result->articles_added,
                result->format == CLIPPER_IMPORT_FORMAT_KINDLE ? "book" : "article",
                result->format == CLIPPER_IMPORT_FORMAT_KINDLE ? "books" : "articles");
  g_string_append (out, ", ");
  append_count (out, result->highlights_added, "highlight", "highlights");
  if (result->notes_added > 0)
    {
      g_string_append (out, ", ");
      append_count (out, result->notes_added, "note", "notes");
    }
  if (result->page_notes > 0)
    {
      g_string_append (out, ", ");
      append_count (out, result->page_notes, "page note", "page notes");
      /* A highlight needs a quote: said, since they show among the orphans. */
      g_string_append (out, " (kept as highlights of their own text, tagged page-note)");
    }
  if (result->replies > 0)
    {
      g_string_append (out, ", ");
      append_count (out, result->replies, "reply", "replies");
      g_string_append (out, " (added to the note of the annotation answered, with who wrote it)");
    }
  if (result->articles_existing > 0 || result->highlights_existing > 0 || result->replies_existing > 0)
    {
      g_string_append (out, "; already in the library: ");
      append_count (out, result->articles_existing,
                    result->format == CLIPPER_IMPORT_FORMAT_KINDLE ? "book" : "article",
                    result->format == CLIPPER_IMPORT_FORMAT_KINDLE ? "books" : "articles");
      g_string_append (out, ", ");
      append_count (out, result->highlights_existing, "highlight", "highlights");
      if (result->replies_existing > 0)
        {
          g_string_append (out, ", ");
          append_count (out, result->replies_existing, "reply", "replies");
        }
    }
  if (result->highlights_repaired > 0)
    {
      /* Stored with U+FFFD by an import that could not read the file. */
      g_string_append (out, "; repaired ");
      append_count (out, result->highlights_repaired, "highlight's text", "highlights' text");
    }
  if (result->unreadable > 0)
    {
      g_string_append (out, "; kept ");
      append_count (out, result->unreadable, "clipping", "clippings");
      g_string_append (out, " with characters that could not be read (as �, see the notices)");
    }
  if (result->highlights_reanchored > 0 || result->highlights_orphaned > 0)
    {
      /* Their articles' text in the library is not the one exported. */
      g_string_append (out, "; placed again on the library's own text: ");
      append_count (out, result->highlights_reanchored, "highlight", "highlights");
      if (result->highlights_orphaned > 0)
        {
          g_string_append (out, ", ");
          append_count (out, result->highlights_orphaned, "orphan", "orphans");
        }
    }
  if (result->format == CLIPPER_IMPORT_FORMAT_KINDLE || result->format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS)
    /* A later clipping at a place the library has (the device's edit), a
     * note an earlier import could not read, an annotation's text or a
     * reply edited on hypothes.is. */
    append_updated (out, result);
  else
    {
      if (result->notes_updated > 0 || result->tags_updated > 0)
        {
          /* Edits made in the file after the library's (an edited export). */
          g_string_append (out, "; updated from the file: ");
          append_count (out, result->notes_updated, "note", "notes");
          g_string_append (out, ", ");
          append_count (out, result->tags_updated, "highlight's tags or colour", "highlights' tags or colours");
        }
      if (result->replies_updated > 0)
        {
          g_string_append (out, "; updated ");
          append_count (out, result->replies_updated, "reply", "replies");
          g_string_append (out, " from the file");
        }
    }
  if (result->conflicts > 0 && result->format == CLIPPER_IMPORT_FORMAT_KINDLE)
    {
      g_string_append (out, "; kept ");
      append_count (out, result->conflicts, "note edited in the library", "notes edited in the library");
      g_string_append (out, result->conflicts == 1 ? " (the file's is in the notices)"
                                                   : " (the file's are in the notices)");
    }
  else if (result->conflicts > 0 && result->format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS)
    {
      /* Edited here, or by an import that kept no record of its text:
       * the notices tell which. */
      g_string_append (out, "; kept ");
      append_count (out, result->conflicts, "note as the library has it", "notes as the library has them");
      g_string_append (out, result->conflicts == 1 ? " (the file's text added below it, see the notices)"
                                                   : " (the file's text added below each, see the notices)");
    }
  else if (result->conflicts > 0)
    {
      g_string_append (out, "; kept the library's version of ");
      append_count (out, result->conflicts, "highlight that differs from the file's",
                    "highlights that differ from the file's");
      g_string_append (out, " (see the notices)");
    }
  if (result->articles_completed > 0)
    {
      /* Articles a vault or Kindle import made without their text. */
      g_string_append (out, "; filled in the text of ");
      append_count (out, result->articles_completed, "article", "articles");
    }
  if (result->highlights_merged > 0)
    {
      g_string_append (out, "; matched ");
      append_count (out, result->highlights_merged, "highlight the library had under another id",
                    "highlights the library had under other ids");
      g_string_append (out, " (from a vault or Kindle import)");
    }
  if (result->foreign_merged > 0)
    {
      g_string_append (out, "; kept once ");
      append_count (out, result->foreign_merged,
                    "highlight this library has too on the same passage (the file's note or tags "
                    "added)",
                    "highlights this library has too on the same passages (the file's notes or "
                    "tags added)");
    }
  if (result->highlights_placed > 0)
    {
      g_string_append (out, "; placed ");
      append_count (out, result->highlights_placed, "highlight of the library's on the text filled in",
                    "highlights of the library's on the texts filled in");
    }
  if (result->skipped > 0)
    {
      g_string_append (out, "; left out ");
      if (result->format == CLIPPER_IMPORT_FORMAT_KINDLE)
        append_count (out, result->skipped, "earlier version or bookmark", "earlier versions or bookmarks");
      else
        append_count (out, result->skipped, "annotation with neither a quote nor a note",
                      "annotations with neither a quote nor a note");
    }
  if (result->broken_lines->len > 0)
    {
      g_string_append (out, "; skipped ");
      append_count (out, result->broken_lines->len, "broken entry", "broken entries");
      g_string_append (out, result->format == CLIPPER_IMPORT_FORMAT_KINDLE
                              ? (result->broken_lines->len == 1 ? " (line " : " (lines ")
                              : (result->broken_lines->len == 1 ? " (entry " : " (entries "));
      for (guint i = 0; i < result->broken_lines->len; i++)
        g_string_append_printf (out, "%s%u", i > 0 ? ", " : "", g_array_index (result->broken_lines, guint, i));
      g_string_append_c (out, ')');
    }
  /* What the file was read as when not UTF-8 is a notice, with why
   * (clipper-cli prints notices on stderr); the summary said it too, and
   * the CLI printed it twice. */
  return g_string_free (out, FALSE);
}

static const char *
skip_bom_and_space (const char *data, gsize len, gsize *out_left)
{
  const char *p = data, *end = data + len;

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  *out_left = end - p;
  return p;
}

static gboolean
contains (const char *data, gsize len, const char *needle)
{
  return g_strstr_len (data, (gssize) MIN (len, G_MAXSSIZE), needle) != NULL;
}

/* The start of a file in UTF-16 or UTF-32 (Notepad's "Unicode"), in UTF-8
 * for the checks below, which look for ASCII; NULL for UTF-8 or a legacy
 * encoding, in which ASCII is ASCII already. */
static char *
dup_wide_head (const char *data, gsize len, gsize *out_len)
{
  gsize n = MIN (len, DETECT_BYTES);
  g_autofree char *charset = clipper_charset_guess_text ((const guint8 *) data, n, NULL);

  if (!g_str_has_prefix (charset, "UTF-16") && !g_str_has_prefix (charset, "UTF-32"))
    return NULL;
  return clipper_charset_to_utf8 ((const guint8 *) data, n, charset, out_len);
}

ClipperImportFormat
clipper_import_detect (const char *data, gsize len)
{
  g_autofree char *wide = NULL;
  gsize left = 0;
  const char *p;

  g_return_val_if_fail (data != NULL || len == 0, CLIPPER_IMPORT_FORMAT_AUTO);

  /* Kindle clippings and JSON exports are read in UTF-16 or UTF-32 too
   * (see clipper_kindle_import(), clipper_import_data()): JSON is UTF-8 by
   * its standard, but Windows editors save "Unicode" as UTF-16.  Clipper's
   * Markdown is read as the file it is, in UTF-8.  (The head in UTF-8 is
   * no wide text again: one call deeper at most.) */
  wide = dup_wide_head (data, len, &left);
  if (wide != NULL)
    {
      ClipperImportFormat format = clipper_import_detect (wide, left);

      return format == CLIPPER_IMPORT_FORMAT_MARKDOWN ? CLIPPER_IMPORT_FORMAT_AUTO : format;
    }

  p = skip_bom_and_space (data, len, &left);
  if (left == 0)
    return CLIPPER_IMPORT_FORMAT_AUTO;

  /* Clipper's Markdown: front matter first, its id in it. */
  if (left > 4 && strncmp (p, "---", 3) == 0 && (p[3] == '\n' || p[3] == '\r')
      && contains (p, MIN (left, DETECT_BYTES), "\nclipper-id:"))
    return CLIPPER_IMPORT_FORMAT_MARKDOWN;

  /* Kindle first: a book titled "[Draft] …" starts like JSON, while no
   * JSON, compact or pretty, has a line that starts with "==========". */
  {
    gsize head = MIN (left, DETECT_BYTES);

    if (contains (p, head, "\n==========") && (contains (p, head, "\n- ") || contains (p, head, "\n– ")))
      return CLIPPER_IMPORT_FORMAT_KINDLE;
  }

  if (*p == '{' || *p == '[')
    {
      gsize head = MIN (left, DETECT_BYTES);

      /* Hypothesis: a list of objects with "uri" and "document"/"user";
       * its API's search result wraps them in "rows". */
      if ((*p == '[' && contains (p, head, "\"uri\"") && !contains (p, head, "\"Annotation\""))
          || (*p == '{' && contains (p, head, "\"rows\"") && contains (p, head, "\"uri\"")))
        return CLIPPER_IMPORT_FORMAT_HYPOTHESIS;
      return CLIPPER_IMPORT_FORMAT_JSON;
    }

  if (contains (p, MIN (left, DETECT_BYTES), "==========") || contains (p, MIN (left, 4096), "\n- "))
    return CLIPPER_IMPORT_FORMAT_KINDLE;

  return CLIPPER_IMPORT_FORMAT_AUTO;
}

/* Whether the line after @p's first reads as a clippings entry's header
 * ("- Your Highlight on page 12 | location 180-182 | …"), as the line
 * after a book's title does. */
static gboolean
second_line_is_kindle_header (const char *p, gsize left)
{
  const char *end = p + left;
  const char *line = memchr (p, '\n', left);
  const char *line_end;

  if (line == NULL)
    return FALSE;
  line++;
  line_end = memchr (line, '\n', end - line);
  if (line_end == NULL)
    line_end = end;
  /* A Russian Kindle starts it with a dash of its own, "– Ваш …". */
  return line_end - line > 2 && (strncmp (line, "- ", 2) == 0 || strncmp (line, "– ", strlen ("– ")) == 0) &&
         memchr (line, '|', line_end - line) != NULL;
}

/* Whether a line of @p is the separator of Kindle's entries, on its own. */
static gboolean
has_kindle_separator_line (const char *p, gsize left)
{
  const char *end = p + left;

  for (const char *line = p; line < end;)
    {
      const char *line_end = memchr (line, '\n', end - line);
      gsize n = (line_end != NULL ? line_end : end) - line;

      if (n > 0 && line[n - 1] == '\r')
        n--;
      if (n == 10 && strncmp (line, "==========", 10) == 0)
        return TRUE;
      if (line_end == NULL)
        break;
      line = line_end + 1;
    }
  return FALSE;
}

ClipperImportFormat
clipper_import_detect_export (const char *path)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *head = NULL;
  g_autofree char *wide = NULL;
  ClipperImportFormat format;
  gsize n = 0;
  gsize left = 0;
  const char *p;

  g_return_val_if_fail (path != NULL, CLIPPER_IMPORT_FORMAT_AUTO);

  /* A vault folder is known by the list of files Clipper keeps in it. */
  manifest = g_build_filename (path, CLIPPER_VAULT_MANIFEST, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_file_test (manifest, G_FILE_TEST_IS_REGULAR) ? CLIPPER_IMPORT_FORMAT_MARKDOWN
                                                         : CLIPPER_IMPORT_FORMAT_AUTO;

  /* Not a pipe or a device: reading one would block, or take bytes the
   * saver needs. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return CLIPPER_IMPORT_FORMAT_AUTO;
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, NULL);
  if (in == NULL)
    return CLIPPER_IMPORT_FORMAT_AUTO;
  head = g_malloc (DETECT_BYTES);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, DETECT_BYTES, &n, NULL, NULL))
    return CLIPPER_IMPORT_FORMAT_AUTO;
  /* A Kindle's clippings saved again as UTF-16: checked as the text. */
  wide = dup_wide_head (head, n, &n);
  if (wide != NULL)
    {
      g_free (head);
      head = g_steal_pointer (&wide);
    }

  /* clipper_import_detect() may guess: the import reports what it then
   * cannot read.  Here a wrong guess would import a page the user meant to
   * save (an article with a list in it, any JSON file, anyone's Markdown
   * notes), so each format must show what only it has. */
  format = clipper_import_detect (head, n);
  p = skip_bom_and_space (head, n, &left);
  switch (format)
    {
    case CLIPPER_IMPORT_FORMAT_MARKDOWN:
      /* Its front matter carries a clipper-id. */
      return format;
    case CLIPPER_IMPORT_FORMAT_KINDLE:
      return second_line_is_kindle_header (p, left) && has_kindle_separator_line (p, left)
               ? format : CLIPPER_IMPORT_FORMAT_AUTO;
    case CLIPPER_IMPORT_FORMAT_HYPOTHESIS:
      return contains (p, left, "\"target\"") && contains (p, left, "\"user\"")
               ? format : CLIPPER_IMPORT_FORMAT_AUTO;
    case CLIPPER_IMPORT_FORMAT_JSON:
      return contains (p, left, "anno.jsonld") || contains (p, left, "\"clipper:articles\"")
               ? format : CLIPPER_IMPORT_FORMAT_AUTO;
    case CLIPPER_IMPORT_FORMAT_AUTO:
    default:
      return CLIPPER_IMPORT_FORMAT_AUTO;
    }
}

const char *
clipper_import_format_describe (ClipperImportFormat format)
{
  switch (format)
    {
    case CLIPPER_IMPORT_FORMAT_JSON: return "a W3C Web Annotation (or Clipper JSON) export";
    case CLIPPER_IMPORT_FORMAT_HYPOTHESIS: return "a Hypothesis export";
    case CLIPPER_IMPORT_FORMAT_KINDLE: return "a Kindle \"My Clippings.txt\"";
    case CLIPPER_IMPORT_FORMAT_MARKDOWN: return "a Clipper Markdown export";
    case CLIPPER_IMPORT_FORMAT_AUTO:
    default: return NULL;
    }
}

/* Clipper's own export has one record a line (see CLIPPER_JSON_HEADER):
 * read it a line at a time so that memory stays flat for big libraries.
 * Only a complete file takes this path; anything else is parsed whole,
 * which reports a truncated or edited document properly. */
static gboolean
is_clipper_line_format_tail (const char *data, gsize len)
{
  const char *end = data + len;
  const char *last_line;

  while (end > data && g_ascii_isspace (end[-1]))
    end--;
  if (end == data || end[-1] != '}')
    return FALSE;
  last_line = end - 1;
  while (last_line > data && last_line[-1] != '\n')
    last_line--;
  return last_line > data && (gsize) (end - last_line) > 8 && strncmp (last_line, "\"total\":", 8) == 0;
}

static gboolean
is_clipper_line_format (const char *data, gsize len)
{
  if (len < strlen (CLIPPER_JSON_HEADER) || strncmp (data, CLIPPER_JSON_HEADER, strlen (CLIPPER_JSON_HEADER)) != 0)
    return FALSE;
  return is_clipper_line_format_tail (data, len);
}

typedef struct {
  ClipperJsonImporter *importer;
  JsonParser          *parser;
  ClipperImportResult *result;
  gboolean             items;
  guint                articles_seen;
  guint                items_seen;
} LineReader;

/* One line of a Clipper export: a record, a section marker, or framing. */
static gboolean
read_line (LineReader *r, const char *line, gsize n, GError **error)
{
  while (n > 0 && (line[n - 1] == ',' || g_ascii_isspace (line[n - 1])))
    n--;
  if (n == 0)
    return TRUE;

  if (line[0] == '{')
    {
      g_autoptr (GError) parse_error = NULL;
      guint entry = r->items ? ++r->items_seen : ++r->articles_seen;

      if (!json_parser_load_from_data (r->parser, line, (gssize) n, &parse_error))
        {
          clipper_import_result_add_problem (r->result, entry, "%s %u is not valid JSON: %s",
                                             r->items ? "annotation" : "article", entry, parse_error->message);
          return TRUE;
        }
      return (r->items ? clipper_json_importer_add_annotation : clipper_json_importer_add_article) (
        r->importer, json_parser_get_root (r->parser), entry, error);
    }
  if (n >= 7 && strncmp (line, "\"first\"", 7) == 0)
    r->items = TRUE;
  return TRUE;
}

static LineReader *
line_reader_new (ClipperStore *store, ClipperImportResult *result)
{
  LineReader *r = g_new0 (LineReader, 1);

  r->importer = clipper_json_importer_new (store, result);
  r->parser = json_parser_new_immutable ();
  r->result = result;
  return r;
}

static void
line_reader_free (LineReader *r)
{
  clipper_json_importer_free (r->importer);
  g_object_unref (r->parser);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineReader, line_reader_free)

/* Whether an import that found broken entries read none of the others
 * either: "imported 0 articles, 0 highlights; skipped 3 broken entries"
 * exited 0, which a script took for success.  As the Kindle import's
 * rule (docs/cli.md), nothing read is a failure that says why; a file with
 * some broken entries is imported, each listed. */
static gboolean
check_any_read (const ClipperImportResult *r, GError **error)
{
  guint read = r->articles_added + r->articles_existing + r->articles_completed + r->highlights_added
               + r->highlights_existing + r->highlights_merged + r->highlights_updated + r->notes_added
               + r->skipped + r->page_notes + r->replies + r->replies_existing + r->replies_updated;

  if (r->problems->len == 0 || read > 0)
    return TRUE;
  g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
               "nothing imported: none of the file's entries could be read (%u broken); %s",
               r->problems->len, (const char *) g_ptr_array_index (r->problems, 0));
  return FALSE;
}

static gboolean
import_clipper_lines (ClipperStore        *store,
                      const char          *data,
                      gsize                len,
                      ClipperImportResult *result,
                      ClipperProgressFunc  progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr (LineReader) reader = line_reader_new (store, result);
  const char *p = memchr (data, '\n', len);
  const char *end = data + len;

  while (p != NULL && p < end)
    {
      const char *line = p + 1;
      const char *nl = memchr (line, '\n', end - line);
      const char *line_end = nl != NULL ? nl : end;

      p = nl;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_line (reader, line, line_end - line, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, line_end - data, len);
    }

  if (!clipper_json_importer_finish (reader->importer, error))
    return FALSE;
  clipper_progress_report (progress, progress_data, len, len);
  return TRUE;
}

/* The same for a file, read a line at a time: the file is never in memory
 * whole (a mapping of it would count in the resident set as it is read). */
static gboolean
import_clipper_stream (ClipperStore        *store,
                       GInputStream        *in,
                       goffset              size,
                       ClipperImportResult *result,
                       ClipperProgressFunc  progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr (LineReader) reader = line_reader_new (store, result);
  g_autoptr (GDataInputStream) lines = g_data_input_stream_new (in);
  guint64 done = 0;
  gboolean first = TRUE;

  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (lines), 1024 * 1024);
  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      gsize n = 0;
      g_autofree char *line = g_data_input_stream_read_line (lines, &n, cancellable, &read_error);

      if (line == NULL)
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              return FALSE;
            }
          break;
        }
      done += n + 1;
      /* The header line was checked by the caller. */
      if (first)
        {
          first = FALSE;
          continue;
        }
      if (!read_line (reader, line, n, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, MIN (done, (guint64) size), size);
    }
  if (!clipper_json_importer_finish (reader->importer, error))
    return FALSE;
  clipper_progress_report (progress, progress_data, size, size);
  return TRUE;
}

/* Whether @path is a complete Clipper export: its head and its tail tell. */
static gboolean
file_is_clipper_lines (GFileInputStream *in, goffset size, GCancellable *cancellable)
{
  gsize header_len = strlen (CLIPPER_JSON_HEADER);
  g_autofree char *head = g_malloc (header_len + 3);
  char tail[4096];
  gsize got = 0;
  gsize tail_len;

  if (size < (goffset) header_len
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, header_len + 3, &got, cancellable, NULL))
    return FALSE;
  {
    gsize off = got >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

    if (got < off + header_len || memcmp (head + off, CLIPPER_JSON_HEADER, header_len) != 0)
      return FALSE;
  }

  tail_len = (gsize) MIN (size, (goffset) sizeof tail);
  if (!g_seekable_seek (G_SEEKABLE (in), size - (goffset) tail_len, G_SEEK_SET, cancellable, NULL)
      || !g_input_stream_read_all (G_INPUT_STREAM (in), tail, tail_len, &got, cancellable, NULL)
      || got != tail_len)
    return FALSE;
  if (!g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, cancellable, NULL))
    return FALSE;
  return is_clipper_line_format_tail (tail, tail_len);
}

/* A JSON file in UTF-16 or UTF-32 (its byte order mark or its NUL bytes
 * say so) in UTF-8, with notices in @result of what it was read as and of
 * what could not be read; NULL for a file in UTF-8, read as it is. */
static char *
dup_wide_json (const char *data, gsize len, ClipperImportResult *result, gsize *out_len)
{
  g_autofree char *charset = NULL;
  g_autoptr (GArray) unreadable = NULL;
  ClipperCharsetSource source;
  char *text;

  charset = clipper_charset_guess_text ((const guint8 *) data, MIN (len, DETECT_BYTES), &source);
  if (!g_str_has_prefix (charset, "UTF-16") && !g_str_has_prefix (charset, "UTF-32"))
    return NULL;
  text = clipper_charset_decode ((const guint8 *) data, len, charset, out_len, &unreadable);
  result->encoding = g_ascii_strup (charset, -1);
  clipper_import_result_add_notice (result, "read as %s, as its %s", result->encoding,
                                    source == CLIPPER_CHARSET_SOURCE_BOM ? "byte order mark says"
                                                                         : "NUL bytes between its letters say");
  if (unreadable->len > 0)
    {
      gsize first = g_array_index (unreadable, gsize, 0);
      guint line = 1;

      for (gsize i = 0; i < first; i++)
        line += text[i] == '\n';
      /* Kept, not dropped: the text around them is the user's. */
      clipper_import_result_add_notice (result, "%u %s could not be read as %s and %s kept as � "
                                        "(the first on line %u)",
                                        unreadable->len, unreadable->len == 1 ? "character" : "characters",
                                        result->encoding, unreadable->len == 1 ? "is" : "are", line);
    }
  return text;
}

/* clipper_import_data() of the file @path (NULL: data of no file), which
 * a message names.  (g_return_val_if_fail() as clipper_import_data().) */
static ClipperImportResult *
import_data (ClipperStore        *store,
             const char          *path,
             const char          *data,
             gsize                len,
             ClipperImportFormat  format,
             ClipperProgressFunc  progress,
             gpointer             progress_data,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr (ClipperImportResult) result = clipper_import_result_new ();
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *wide = NULL;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (format == CLIPPER_IMPORT_FORMAT_AUTO)
    format = clipper_import_detect (data, len);
  if (format == CLIPPER_IMPORT_FORMAT_AUTO)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED,
                   len == 0 ? "the file is empty"
                            : "the file is in no format Clipper imports (W3C or Hypothesis JSON, Kindle clippings, "
                              "Clipper's Markdown)");
      return NULL;
    }
  result->format = format;

  if (format == CLIPPER_IMPORT_FORMAT_JSON || format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS)
    {
      gsize wide_len = 0;

      wide = dup_wide_json (data, len, result, &wide_len);
      if (wide != NULL)
        {
          data = wide;
          len = wide_len;
        }
    }

  if (format == CLIPPER_IMPORT_FORMAT_MARKDOWN)
    {
      /* No file, so no mtime: the text is taken as written now. */
      if (!clipper_store_begin (store, error))
        return NULL;
      if (!clipper_markdown_import_text (store, "the Markdown text", data, len, -1, -1, FALSE, NULL, result, error))
        {
          clipper_import_undo (store, error);
          return NULL;
        }
      if (!clipper_store_commit (store, error))
        {
          clipper_import_say_undone (error);
          return NULL;
        }
      clipper_progress_report (progress, progress_data, 1, 1);
      return g_steal_pointer (&result);
    }

  if (format == CLIPPER_IMPORT_FORMAT_JSON)
    {
      gsize left = 0;
      const char *start = skip_bom_and_space (data, len, &left);

      if (is_clipper_line_format (start, left))
        {
          if (!clipper_store_begin (store, error))
            return NULL;
          if (!import_clipper_lines (store, start, left, result, progress, progress_data, cancellable, error)
              || !check_any_read (result, error))
            {
              clipper_import_undo (store, error);
              return NULL;
            }
          if (!clipper_store_commit (store, error))
            {
              clipper_import_say_undone (error);
              return NULL;
            }
          return g_steal_pointer (&result);
        }
    }

  if (format == CLIPPER_IMPORT_FORMAT_JSON || format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS)
    {
      g_autoptr (GError) parse_error = NULL;
      gsize left = 0;
      const char *start = skip_bom_and_space (data, len, &left);

      parser = json_parser_new_immutable ();
      if (left > G_MAXSSIZE || !json_parser_load_from_data (parser, start, (gssize) left, &parse_error))
        {
          /* Where and what, for people: json-glib's "<data>:10:7137:
           * Parse error: scanner: unterminated string constant" named no
           * file, and not that the file was cut short. */
          g_autofree char *why = parse_error != NULL ? clipper_export_json_problem (start, left, parse_error)
                                                     : g_strdup ("it is too large");
          g_autofree char *name = path != NULL ? g_strdup_printf ("'%s'", path) : g_strdup ("the file");

          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID, "%s is not valid JSON: %s", name,
                       why);
          return NULL;
        }
      if (json_parser_get_root (parser) == NULL)
        {
          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID, "the JSON file is empty");
          return NULL;
        }
    }

  /* All or nothing: a file half imported is harder to fix than one not
   * imported at all. */
  if (!clipper_store_begin (store, error))
    return NULL;

  switch (format)
    {
    case CLIPPER_IMPORT_FORMAT_JSON:
      ok = clipper_json_import_w3c (store, json_parser_get_root (parser), result,
                                    progress, progress_data, cancellable, error);
      break;
    case CLIPPER_IMPORT_FORMAT_HYPOTHESIS:
      ok = clipper_json_import_hypothesis (store, json_parser_get_root (parser), result,
                                           progress, progress_data, cancellable, error);
      break;
    case CLIPPER_IMPORT_FORMAT_KINDLE:
      ok = clipper_kindle_import (store, data, len, result, progress, progress_data, cancellable, error);
      break;
    case CLIPPER_IMPORT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }

  /* (A Kindle file makes the same check on what it read.) */
  if (ok && format != CLIPPER_IMPORT_FORMAT_KINDLE)
    ok = check_any_read (result, error);
  if (!ok)
    {
      clipper_import_undo (store, error);
      return NULL;
    }
  if (!clipper_store_commit (store, error))
    {
      clipper_import_say_undone (error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

ClipperImportResult *
clipper_import_data (ClipperStore        *store,
                     const char          *data,
                     gsize                len,
                     ClipperImportFormat  format,
                     ClipperProgressFunc  progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  return import_data (store, NULL, data, len, format, progress, progress_data, cancellable, error);
}

gboolean
clipper_import_path_is_markdown (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (path, ".md")
         || g_str_has_suffix (path, ".markdown");
}

ClipperImportResult *
clipper_import_file (ClipperStore        *store,
                     const char          *path,
                     ClipperImportFormat  format,
                     ClipperProgressFunc  progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* A vault folder, or a file of one: the Markdown importer reads the
   * files' times and the vault's manifest, which the data API cannot. */
  if (format == CLIPPER_IMPORT_FORMAT_MARKDOWN
      || (format == CLIPPER_IMPORT_FORMAT_AUTO && clipper_import_path_is_markdown (path)))
    return clipper_markdown_import (store, path, NULL, progress, progress_data, cancellable, error);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot import '%s': it is a folder, not a file", path);
      return NULL;
    }

  if (format == CLIPPER_IMPORT_FORMAT_AUTO || format == CLIPPER_IMPORT_FORMAT_JSON)
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, NULL);
      g_autoptr (GFileInfo) info = in != NULL ? g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL) : NULL;
      goffset size = info != NULL ? g_file_info_get_size (info) : 0;

      if (in != NULL && g_seekable_can_seek (G_SEEKABLE (in)) && file_is_clipper_lines (in, size, cancellable))
        {
          g_autoptr (ClipperImportResult) result = clipper_import_result_new ();

          result->format = CLIPPER_IMPORT_FORMAT_JSON;
          if (!clipper_store_begin (store, error))
            return NULL;
          if (!import_clipper_stream (store, G_INPUT_STREAM (in), size, result, progress, progress_data,
                                      cancellable, error)
              || !check_any_read (result, error))
            {
              clipper_import_undo (store, error);
              return NULL;
            }
          if (!clipper_store_commit (store, error))
            {
              clipper_import_say_undone (error);
              return NULL;
            }
          return g_steal_pointer (&result);
        }
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot read '%s': %s", path, local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (mapped) > MAX_IMPORT_BYTES)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "cannot import '%s': at %" G_GSIZE_FORMAT " bytes it is too large", path,
                   g_mapped_file_get_length (mapped));
      return NULL;
    }

  return import_data (store, path,
                      g_mapped_file_get_length (mapped) > 0 ? g_mapped_file_get_contents (mapped) : "",
                      g_mapped_file_get_length (mapped), format, progress, progress_data, cancellable, error);
}

typedef struct {
  char                 *db_path;
  char                 *path;
  ClipperImportFormat   format;
  GHashTable           *meanings;   /* Markdown's colour meanings, or NULL */
  ClipperProgressRelay *relay;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *t = data;

  g_free (t->db_path);
  g_free (t->path);
  g_clear_pointer (&t->meanings, g_hash_table_unref);
  g_clear_pointer (&t->relay, clipper_progress_relay_unref);
  g_free (t);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportTask *t = task_data;
  g_autoptr (ClipperStore) store = NULL;
  ClipperProgressFunc progress = t->relay != NULL ? clipper_progress_relay_report : NULL;
  ClipperImportResult *result;
  GError *error = NULL;

  /* A worker's own connection to the caller's library: one deleted or
   * moved meanwhile is not made again (its folder too) to work in. */
  store = clipper_store_open_existing (t->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Only the Markdown importer takes colour meanings. */
  if (t->format == CLIPPER_IMPORT_FORMAT_MARKDOWN)
    result = clipper_markdown_import (store, t->path, t->meanings, progress, t->relay, cancellable, &error);
  else
    result = clipper_import_file (store, t->path, t->format, progress, t->relay, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) clipper_import_result_free);
}

void
clipper_import_start_async (const char          *db_path,
                            const char          *path,
                            ClipperImportFormat  format,
                            GHashTable          *color_meanings,
                            ClipperProgressFunc  progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data,
                            gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  ImportTask *t;

  g_return_if_fail (path != NULL);

  t = g_new0 (ImportTask, 1);
  t->db_path = g_strdup (db_path);
  t->path = g_strdup (path);
  t->format = format;
  if (color_meanings != NULL)
    {
      /* A copy: the worker must not share the caller's table. */
      GHashTableIter iter;
      gpointer key, value;

      t->meanings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, color_meanings);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (t->meanings, g_strdup (key), g_strdup (value));
    }
  t->relay = clipper_progress_relay_new (progress, progress_data, progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, t, import_task_free);
  g_task_run_in_thread (task, import_thread);
}

void
clipper_import_file_async (const char          *db_path,
                           const char          *path,
                           ClipperImportFormat  format,
                           ClipperProgressFunc  progress,
                           gpointer             progress_data,
                           GDestroyNotify       progress_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  clipper_import_start_async (db_path, path, format, NULL, progress, progress_data, progress_destroy,
                              cancellable, callback, user_data, clipper_import_file_async);
}

ClipperImportResult *
clipper_import_file_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
