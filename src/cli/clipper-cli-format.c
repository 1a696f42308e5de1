/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output helpers shared by the clipper-cli commands; see clipper-cli-format.h.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-format.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "clipper-cli-private.h"
#include "clipper-kindle.h"

void
clipper_cli_print (const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  fputs (text, stdout);
}

/* Whether UTF-8 @value is empty or only white space. */
static gboolean
is_blank (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

gboolean
clipper_cli_check_text (const char *what, const char *value, gboolean allow_empty)
{
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      clipper_cli_fail ("%s is not valid UTF-8 text", what);
      return FALSE;
    }

  if (allow_empty || !is_blank (value))
    return TRUE;

  clipper_cli_fail ("%s is empty", what);
  return FALSE;
}

int
clipper_cli_check_tags (const char *command, char *const *tags)
{
  for (gsize i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (!clipper_cli_check_text ("the tag", tags[i], TRUE))
        return CLIPPER_CLI_EXIT_FAILED;
      if (is_blank (tags[i]))
        return clipper_cli_usage_error (command, "a tag is empty (or only white space)");
    }
  return -1;
}

char *
clipper_cli_read_stdin_text (gsize max_size, GError **error)
{
  g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr (GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  /* Read one byte past the limit at most: enough to know the input is too
   * large without holding all of a runaway pipe in memory. */
  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, NULL, error);

      if (n < 0)
        {
          g_prefix_error (error, "cannot read standard input: ");
          return NULL;
        }
      if (n == 0)
        break;

      g_byte_array_append (buffer, chunk, (guint) n);
      if (buffer->len > max_size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "standard input is too large (more than %" G_GSIZE_FORMAT " bytes)",
                       max_size);
          return NULL;
        }
    }

  if (buffer->len > 0 && memchr (buffer->data, '\0', buffer->len) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "standard input holds NUL bytes; it is not text");
      return NULL;
    }

  if (!g_utf8_validate ((const char *) buffer->data, buffer->len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "standard input is not valid UTF-8 text");
      return NULL;
    }

  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}

char *
clipper_cli_format_iso_time (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = NULL;

  if (unix_time <= 0)
    return NULL;

  dt = g_date_time_new_from_unix_utc (unix_time);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

char *
clipper_cli_format_date (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = NULL;

  if (unix_time <= 0)
    return NULL;

  dt = g_date_time_new_from_unix_local (unix_time);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

char *
clipper_cli_format_published (const char *iso)
{
  g_autoptr (GDateTime) dt = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      /* A bare date ("2021-03-04") is not an ISO 8601 date-time for GLib. */
      g_autofree char *with_time = g_strconcat (iso, "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (with_time, NULL);
    }
  /* The reader's format, in the page's own time zone as the reader
   * keeps it: "January 13, 2017" for "2017-01-13T00:00:04-05:00". */
  return dt != NULL ? g_date_time_format (dt, "%B %-e, %Y") : g_strdup (iso);
}

char *
clipper_cli_format_reading_time (guint minutes)
{
  guint hours, rest;

  if (!clipper_reading_time_split (minutes, &hours, &rest))
    return g_strdup_printf ("more than %u h", CLIPPER_READING_MINUTES_SHOWN_MAX / 60);
  if (hours == 0)
    return g_strdup_printf ("%u min", rest);
  if (rest == 0)
    return g_strdup_printf ("%u h", hours);
  return g_strdup_printf ("%u h %u min", hours, rest);
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_member (JsonBuilder *builder, const char *name, gint64 unix_time)
{
  g_autofree char *iso = clipper_cli_format_iso_time (unix_time);

  add_string_member (builder, name, iso);
}

static void
add_strv_member (JsonBuilder *builder, const char *name, const char *const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

void
clipper_cli_json_add_article (JsonBuilder *builder, ClipperArticle *article, gboolean full,
                              GPtrArray *highlights)
{
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clipper_article_get_id (article));
  add_string_member (builder, "url", clipper_article_get_url (article));
  add_string_member (builder, "canonicalUrl", clipper_article_get_canonical_url (article));
  add_string_member (builder, "title", clipper_article_get_title (article));
  add_string_member (builder, "byline", clipper_article_get_byline (article));
  add_string_member (builder, "siteName", clipper_article_get_site_name (article));
  add_string_member (builder, "lang", clipper_article_get_lang (article));
  add_string_member (builder, "dir", clipper_article_get_dir (article));
  add_string_member (builder, "excerpt", clipper_article_get_excerpt (article));
  add_string_member (builder, "publishedTime", clipper_article_get_published_time (article));
  add_string_member (builder, "leadImage", clipper_article_get_lead_image (article));
  add_time_member (builder, "savedAt", clipper_article_get_saved_at (article));
  add_time_member (builder, "updatedAt", clipper_article_get_updated_at (article));
  add_string_member (builder, "state",
                     clipper_read_state_to_string (clipper_article_get_read_state (article)));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, clipper_article_get_starred (article));
  json_builder_set_member_name (builder, "readingPosition");
  json_builder_add_double_value (builder, clipper_article_get_reading_position (article));
  json_builder_set_member_name (builder, "wordCount");
  json_builder_add_int_value (builder, clipper_article_get_word_count (article));
  json_builder_set_member_name (builder, "readingMinutes");
  json_builder_add_int_value (builder, clipper_article_get_reading_minutes (article));
  json_builder_set_member_name (builder, "highlightCount");
  json_builder_add_int_value (
    builder, highlights != NULL ? highlights->len : clipper_article_get_highlight_count (article));
  add_strv_member (builder, "tags", clipper_article_get_tags (article));

  if (full)
    {
      add_string_member (builder, "html", clipper_article_get_html (article));
      add_string_member (builder, "text", clipper_article_get_text (article));
      json_builder_set_member_name (builder, "highlights");
      json_builder_begin_array (builder);
      for (guint i = 0; highlights != NULL && i < highlights->len; i++)
        clipper_cli_json_add_highlight (builder, g_ptr_array_index (highlights, i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

void
clipper_cli_json_add_highlight (JsonBuilder *builder, ClipperHighlight *highlight)
{
  json_builder_begin_object (builder);
  clipper_cli_json_add_highlight_members (builder, highlight);
  json_builder_end_object (builder);
}

void
clipper_cli_json_add_highlight_members (JsonBuilder *builder, ClipperHighlight *highlight)
{
  const char *note = clipper_highlight_get_note (highlight);
  gboolean anchored = clipper_highlight_get_anchored (highlight);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clipper_highlight_get_id (highlight));
  add_string_member (builder, "uuid", clipper_highlight_get_uuid (highlight));
  json_builder_set_member_name (builder, "articleId");
  json_builder_add_int_value (builder, clipper_highlight_get_article_id (highlight));
  add_string_member (builder, "articleTitle", clipper_highlight_get_article_title (highlight));
  add_string_member (builder, "color", clipper_highlight_get_color (highlight));
  add_string_member (builder, "quote", clipper_highlight_get_quote (highlight));
  add_string_member (builder, "prefix", clipper_highlight_get_prefix (highlight));
  add_string_member (builder, "suffix", clipper_highlight_get_suffix (highlight));
  /* An orphan has no place in the text: null rather than stale offsets. */
  json_builder_set_member_name (builder, "start");
  if (anchored)
    json_builder_add_int_value (builder, clipper_highlight_get_start (highlight));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "end");
  if (anchored)
    json_builder_add_int_value (builder, clipper_highlight_get_end (highlight));
  else
    json_builder_add_null_value (builder);
  add_string_member (builder, "note", note != NULL && note[0] != '\0' ? note : NULL);
  json_builder_set_member_name (builder, "anchored");
  json_builder_add_boolean_value (builder, anchored);
  add_string_member (builder, "originalQuote", clipper_highlight_get_original_quote (highlight));
  add_strv_member (builder, "tags", clipper_highlight_get_tags (highlight));
  add_time_member (builder, "createdAt", clipper_highlight_get_created_at (highlight));
  add_time_member (builder, "updatedAt", clipper_highlight_get_updated_at (highlight));
  /* A Kindle book's highlight: its Kindle locations (start and end stay
   * null, as there is no text they could count in); null too for one
   * the Kindle gave no location (a Roman page alone). */
  json_builder_set_member_name (builder, "location");
  if (clipper_kindle_is_book_url (clipper_highlight_get_article_url (highlight)) &&
      clipper_highlight_get_start (highlight) > 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, clipper_highlight_get_start (highlight));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, clipper_highlight_get_end (highlight));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  /* The printed page a Kindle gave beside the location, as it wrote it. */
  add_string_member (builder, "page", clipper_highlight_get_page (highlight));
}

void
clipper_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  clipper_cli_print ("%s\n", data);
}

char *
clipper_cli_dup_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == (gunichar) CLIPPER_SNIPPET_OPEN[0] ||
          c == (gunichar) CLIPPER_SNIPPET_CLOSE[0])
        g_string_append_unichar (out, c);
      else if (c == '\r' || c == '\f' || c == '\v')
        g_string_append_c (out, ' ');
      else if (!g_unichar_iscntrl (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

/* Elements that start a new block of text; everything else is inline. */
static gboolean
is_block_element (const char *name)
{
  static const char *const blocks[] = {
    "address", "article", "aside", "blockquote", "body",    "caption", "dd",    "details",
    "div",     "dl",      "dt",    "figcaption", "figure",  "footer",  "h1",    "h2",
    "h3",      "h4",      "h5",    "h6",         "header",  "hr",      "li",    "main",
    "nav",     "ol",      "p",     "pre",        "section", "summary", "table", "tbody",
    "td",      "tfoot",   "th",    "thead",      "tr",      "ul",      NULL,
  };

  return g_strv_contains (blocks, name);
}

typedef struct
{
  GString *out;   /* finished blocks */
  GString *block; /* the block being gathered */
  gboolean space; /* a space is owed before the next word of the block */
  guint pre;      /* depth inside <pre> */
} BlockWriter;

static void
flush_block (BlockWriter *w)
{
  /* Whitespace at the ends of a block is layout, not content. */
  while (w->block->len > 0 && g_ascii_isspace (w->block->str[w->block->len - 1]))
    g_string_truncate (w->block, w->block->len - 1);

  if (w->block->len > 0)
    {
      if (w->out->len > 0)
        g_string_append (w->out, "\n\n");
      g_string_append_len (w->out, w->block->str, w->block->len);
    }

  g_string_truncate (w->block, 0);
  w->space = FALSE;
}

static void
append_text (BlockWriter *w, const char *text)
{
  if (w->pre > 0)
    {
      g_string_append (w->block, text);
      return;
    }

  /* Outside <pre>, HTML folds runs of white space into one space. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        w->space = TRUE;
      else
        {
          if (w->space && w->block->len > 0)
            g_string_append_c (w->block, ' ');
          w->space = FALSE;
          g_string_append_c (w->block, *p);
        }
    }
}

static void
walk_blocks (BlockWriter *w, xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            append_text (w, (const char *) node->content);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;
          gboolean block = is_block_element (name);

          if (g_str_equal (name, "script") || g_str_equal (name, "style") ||
              g_str_equal (name, "template"))
            continue;

          if (g_str_equal (name, "br"))
            {
              g_string_append_c (w->block, '\n');
              w->space = FALSE;
              continue;
            }

          if (block)
            flush_block (w);
          if (g_str_equal (name, "li"))
            g_string_append (w->block, "• ");
          if (g_str_equal (name, "pre"))
            w->pre++;

          walk_blocks (w, node->children);

          if (g_str_equal (name, "pre"))
            w->pre--;
          if (block)
            flush_block (w);
        }
    }
}

char *
clipper_cli_html_to_blocks (const char *html)
{
  BlockWriter w = { NULL, NULL, FALSE, 0 };
  htmlDocPtr doc;
  int len;

  if (html == NULL || html[0] == '\0')
    return g_strdup ("");

  len = (int) MIN (strlen (html), (gsize) G_MAXINT);
  doc = htmlReadMemory (html, len, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                          HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
  if (doc == NULL)
    return g_strdup ("");

  w.out = g_string_new (NULL);
  w.block = g_string_new (NULL);
  walk_blocks (&w, doc->children);
  flush_block (&w);

  xmlFreeDoc (doc);
  g_string_free (w.block, TRUE);
  return g_string_free (w.out, FALSE);
}

void
clipper_cli_json_add_snippet (JsonBuilder *builder, const char *snippet)
{
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *plain = clipper_snippet_render (snippet, CLIPPER_SNIPPET_PLAIN, offsets);
  g_autofree char *html = clipper_snippet_render (snippet, CLIPPER_SNIPPET_MARKUP, NULL);

  add_string_member (builder, "snippet", plain);
  add_string_member (builder, "snippetHtml", html);

  /* (Marks come in open/close pairs: one left open is closed at the end.) */
  json_builder_set_member_name (builder, "matches");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < offsets->len; i += 2)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (offsets, gint64, i));
      json_builder_add_int_value (builder, g_array_index (offsets, gint64, i + 1));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}
