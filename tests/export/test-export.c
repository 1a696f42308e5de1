/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export tests: escaping checked with a real CommonMark renderer (cmark),
 * front matter with a real YAML parser (python3-yaml), golden files for
 * Markdown and JSON, text fragments, file names, templates, the article
 * body as Markdown, and a vault on disk (user edits kept, nothing
 * unchanged rewritten, hostile titles, collisions, --prune).
 */
#define G_LOG_DOMAIN "test-export"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "clipper-json.h"
#include "clipper-markdown.h"
#include "clipper-markdown-import.h"
#include "clipper-template.h"
#include "clipper-test-util.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* g_file_test() on @name in @dir. */
static gboolean
test_in (const char *dir, const char *name, GFileTest test)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, test);
}

/* Runs @argv with @input on stdin; NULL when the program is missing. */
static char *
run_filter (const char *const *argv, const char *input, int *out_status)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (proc == NULL)
    return NULL;
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, NULL);
  *out_status = g_subprocess_get_exit_status (proc);
  return g_steal_pointer (&out);
}

static gboolean
have_cmark (void)
{
  g_autofree char *path = g_find_program_in_path ("cmark");
  return path != NULL;
}

static char *
cmark (const char *markdown)
{
  const char *argv[] = { "cmark", NULL };
  int status = -1;
  char *html;

  if (!have_cmark ())
    return NULL;
  html = run_filter (argv, markdown, &status);
  g_assert_cmpint (status, ==, 0);
  return html;
}

static gboolean
have_python_yaml (void)
{
  const char *argv[] = { "/usr/bin/python3", "-c", "import yaml", NULL };
  g_autofree char *out = NULL;
  int status = -1;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  out = run_filter (argv, "", &status);
  return out != NULL && status == 0;
}

/* What cmark makes of plain text in a paragraph. */
static char *
html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
data_path (const char *name)
{
  return clipper_test_build_data_path ("export", name);
}

/* Compares with a golden file; CLIPPER_UPDATE_GOLDEN=1 rewrites it. */
static void
assert_golden (const char *name, const char *actual)
{
  g_autofree char *path = data_path (name);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  if (g_getenv ("CLIPPER_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, actual, -1, NULL));
      return;
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  if (!g_str_equal (expected, actual))
    g_test_message ("%s differs; got:\n%s", name, actual);
  g_assert_cmpstr (expected, ==, actual);
}

typedef struct {
  char         *dir;
  char         *db_path;
  char         *vault;
  ClipperStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = clipper_test_make_tmp_dir ("clipper-export-XXXXXX");
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->vault = g_build_filename (f->dir, "vault", NULL);
  f->store = clipper_test_open_store (f->db_path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  clipper_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->vault);
}

/* A deterministic article: fixed times and uuids, so output is golden. */
static ClipperArticle *
add_article (ClipperStore *store, const char *url, const char *title, gint64 saved_at)
{
  ClipperArticle *a = clipper_article_new ();
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "reading list", "C", NULL };

  clipper_article_set_url (a, url);
  clipper_article_set_title (a, title);
  clipper_article_set_byline (a, "Ada Lovelace");
  clipper_article_set_site_name (a, "Example: Site");
  clipper_article_set_published_time (a, "2024-02-29T12:00:00Z");
  clipper_article_set_excerpt (a, "A summary with *stars* and a # hash.");
  clipper_article_set_html (a, "<h2>Notes on <em>escaping</em></h2><p>: the quick brown fox, jumps over the lazy dog &amp; cat. "
                               "1. Not a list. Code <code>x</code> and [brackets] stay text.</p>");
  clipper_article_set_text (a, "Notes on escaping: the quick brown fox, jumps over the lazy dog & cat. "
                               "1. Not a list. Code x and [brackets] stay text.");
  clipper_article_set_saved_at (a, saved_at);
  clipper_article_set_tags (a, tags);
  clipper_article_set_updated_at (a, saved_at);
  g_assert_true (clipper_store_add_article (store, a, NULL, &error));
  g_assert_no_error (error);
  return a;
}

static ClipperHighlight *
add_highlight (ClipperStore *store, ClipperArticle *a, const char *uuid, const char *color,
               const char *quote, gint64 start, const char *note)
{
  ClipperHighlight *h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  const char *text = clipper_article_get_text (a);
  const char *tags[] = { "key idea", NULL };
  glong len = g_utf8_strlen (quote, -1);

  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, clipper_article_get_id (a));
  clipper_highlight_set_color (h, color);
  clipper_highlight_set_quote (h, quote);
  if (text != NULL && start >= 0)
    {
      g_autofree char *prefix = g_utf8_substring (text, MAX (0, start - 32), start);
      g_autofree char *suffix = g_utf8_substring (text, start + len, MIN (g_utf8_strlen (text, -1), start + len + 32));

      clipper_highlight_set_prefix (h, prefix);
      clipper_highlight_set_suffix (h, suffix);
      clipper_highlight_set_range (h, start, start + len);
    }
  clipper_highlight_set_note (h, note);
  if (note != NULL)
    clipper_highlight_set_tags (h, tags);
  clipper_highlight_set_created_at (h, 1700000000);
  clipper_highlight_set_updated_at (h, 1700000000);
  g_assert_true (clipper_store_add_highlight (store, h, &error));
  g_assert_no_error (error);
  return h;
}

static GPtrArray *
highlights_of (ClipperStore *store, ClipperArticle *a)
{
  ClipperHighlightQuery query = { 0 };

  query.article_id = clipper_article_get_id (a);
  return clipper_store_list_highlights (store, &query, NULL);
}

/* ------------------------------------------------------------------ */
/* Escaping, checked by cmark                                          */

static const char *const escape_cases[] = {
  "plain words",
  "*not emphasis*",
  "_not emphasis_",
  "__not strong__",
  "`not code`",
  "``double``",
  "# not a heading",
  "###### nor this",
  "a # in the middle",
  "[not a link](https://example.com)",
  "a ] alone and a [ alone",
  "![not an image](x.png)",
  "<div>not html</div>",
  "<https://not.an.autolink>",
  "<!-- clipper:end -->",
  "a > b and a < c",
  "> not a quote",
  "| not | a | table |",
  "---",
  "***",
  "___",
  "- not a bullet",
  "+ nor this",
  "* nor this",
  "1. not a list",
  "1) not a list either",
  "2024. A year at the start",
  "=====",
  "&amp; stays &amp; and & stays &",
  "&#42; no entity",
  "back\\slash \\* and \\",
  "~~not struck~~",
  "==not marked==",
  "a = b == c",
  "caret ^blockid",
  "    four spaces are not code",
  "trailing spaces  ",
  "\ttab first",
  "ünïcødé — “quotes” ‘single’ 日本語",
  "line one\nline two",
  "line one\n---",
  "line one\n===",
  "line one\n    indented line",
  "```\nnot a fence\n```",
  "line\r\nwith CRLF",
};

static void
test_escape_cmark (void)
{
  if (!have_cmark ())
    {
      g_test_skip ("cmark is not installed");
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (escape_cases); i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *escaped = clipper_export_escape_markdown (escape_cases[i], NULL);
      g_autofree char *quoted = clipper_export_escape_markdown (escape_cases[i], "> ");
      g_autofree char *html = cmark (escaped);
      g_autofree char *quote_html = cmark (quoted);
      g_autofree char *text_html = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *expected_quote = NULL;
      GString *n = g_string_new (NULL);

      for (const char *p = escape_cases[i]; *p != '\0'; p++)
        if (*p != '\r')
          g_string_append_c (n, *p);
      normalized = g_string_free (n, FALSE);

      text_html = html_escape (normalized);
      expected = g_strdup_printf ("<p>%s</p>\n", text_html);
      expected_quote = g_strdup_printf ("<blockquote>\n<p>%s</p>\n</blockquote>\n", text_html);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s → %s", i, escape_cases[i], escaped);
      g_assert_cmpstr (html, ==, expected);
      g_assert_cmpstr (quote_html, ==, expected_quote);
    }
}

/* A blank line in a quote is a paragraph break inside the block quote. */
static void
test_escape_paragraphs (void)
{
  g_autofree char *quoted = clipper_export_escape_markdown ("first *para*\n\n\nsecond", "> ");
  g_autofree char *html = NULL;

  g_assert_cmpstr (quoted, ==, "> first \\*para\\*\n>\n> second");
  if (!have_cmark ())
    return;
  html = cmark (quoted);
  g_assert_cmpstr (html, ==, "<blockquote>\n<p>first *para*</p>\n<p>second</p>\n</blockquote>\n");
}

/* Notes go out as Markdown, with one backslash more only on what the
 * import would take for the section's structure, and come back exactly.
 * A quote and a rule inside fenced code are the note's to the import, and
 * go out as they are (Obsidian showed the backslash in code). */
static void
test_note_markdown (void)
{
  static const struct { const char *note, *md; } cases[] = {
    { "**bold** and *it*\n- a list\n\n# heading", "**bold** and *it*\n- a list\n\n# heading" },
    { "> a quote", "> a quote" },
    { "said:\n> a quote\n\nafter", "said:\n> a quote\n\nafter" },
    { "\\> escaped already", "\\\\> escaped already" },
    { "---", "\\---" },
    { "```yaml\n---\n> x\n\\---\n#clipper/x\n```\n---", "```yaml\n---\n> x\n\\\\---\n\\#clipper/x\n```\n\\---" },
    { "~~~~\n---\n~~~\n---\n~~~~", "~~~~\n---\n~~~\n---\n~~~~" },
    { "```\n---", "```\n\\---" },
    { "```\n```\n---\n```", "```\n```\n\\---\n```" },
    { "--- not alone", "--- not alone" },
    { "text <!-- clipper:end --> more", "text <!-- clipper\\:end --> more" },
    { "<!-- clipper\\:begin -->", "<!-- clipper\\\\:begin -->" },
    { "<!-- clipperish: no", "<!-- clipperish: no" },
    { "ends in a block id ^abcdef01", "ends in a block id \\^abcdef01" },
    { "ends in a block id \\^abcdef01  ", "ends in a block id \\\\^abcdef01  " },
    { "^0123abcd", "\\^0123abcd" },
    { "x^0123abcd", "x^0123abcd" },
    { "no id ^abcdefg1", "no id ^abcdefg1" },
    { "> both ^deadbeef", "> both \\^deadbeef" },
    { "", "" },
  };
  static const char *const bits[] = { "\\", ">", "---", "-", "^", "deadbeef", " ", "\n", "<!-- clipper", ":", "x",
                                      "```" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *md = clipper_export_note_markdown (cases[i].note);
      g_autofree char *back = clipper_export_note_from_markdown (md);

      g_assert_cmpstr (md, ==, cases[i].md);
      g_assert_cmpstr (back, ==, cases[i].note);
    }

  /* Any note: the inverse is exact, and no line of the Markdown is the
   * body's rule outside code, a block id's line or a section mark. */
  for (guint round = 0; round < 5000; round++)
    {
      g_autoptr (GString) note = g_string_new (NULL);
      g_autofree char *md = NULL;
      g_autofree char *back = NULL;
      g_auto (GStrv) lines = NULL;
      guint n = g_test_rand_int_range (0, 12);

      for (guint k = 0; k < n; k++)
        g_string_append (note, bits[g_test_rand_int_range (0, G_N_ELEMENTS (bits))]);
      md = clipper_export_note_markdown (note->str);
      back = clipper_export_note_from_markdown (md);
      g_assert_cmpstr (back, ==, note->str);
      g_assert_null (strstr (md, "<!-- clipper:"));
      lines = g_strsplit (md, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *trimmed = g_strchomp (g_strdup (lines[l]));
          gsize len = strlen (trimmed);

          if (strstr (md, "```") == NULL)
            g_assert_cmpstr (lines[l], !=, "---");
          if (len >= 9 && trimmed[len - 9] == '^' && (len == 9 || trimmed[len - 10] == ' '))
            {
              gboolean hex = TRUE;

              for (gsize c = len - 8; c < len; c++)
                hex = hex && g_ascii_isxdigit (trimmed[c]);
              g_assert_false (hex);
            }
        }
    }
}

/* The whole rendered file: each quote renders to itself, and a note,
 * which the app edits as Markdown, renders as its Markdown. */
static void
test_render_cmark (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/a", "T", 1700000000);
  G_GNUC_UNUSED g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "11111111-2222-4333-8444-555555555555", "pink",
                                                  "jumps over the lazy dog & cat. 1. Not a list.", 40,
                                                  "**Key point**: see [the paper](https://example.org/p)\n\n- one\n- two");
  g_autoptr (GPtrArray) hl = highlights_of (f->store, a);
  g_autoptr (GError) error = NULL;
  g_autofree char *md = clipper_markdown_render_article (a, hl, NULL, &error);
  g_autofree char *html = NULL;
  const char *body;

  g_assert_no_error (error);
  if (!have_cmark ())
    {
      g_test_skip ("cmark is not installed");
      return;
    }
  /* Past the front matter. */
  body = strstr (md + 4, "\n---\n") + 5;
  html = cmark (body);
  g_assert_nonnull (strstr (html, "<blockquote>\n<p>jumps over the lazy dog &amp; cat. 1. Not a list. ^55555555</p>\n</blockquote>"));
  g_assert_nonnull (strstr (html, "<p><strong>Key point</strong>: see <a href=\"https://example.org/p\">the paper</a></p>\n"
                                  "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
  g_assert_nonnull (strstr (md, "\nclipper-notes: \"markdown\"\n"));
  g_assert_nonnull (strstr (html, "#clipper/question #key-idea"));
}

/* An orphan (its passage gone from the article's text) says so, and has
 * no text fragment link: the page no longer holds the text one would
 * scroll to. */
static void
test_render_orphan (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/o", "O", 1700000000);
  g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "44444444-2222-4333-8444-666666666666", "yellow",
                                                  "a passage since edited away", -1, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *md = NULL;

  clipper_highlight_set_anchored (h, FALSE);
  g_assert_true (clipper_store_update_highlight (f->store, h, &error));
  g_assert_no_error (error);
  md = clipper_markdown_render_highlight (a, h, NULL);
  g_assert_cmpstr (md, ==,
                   "> a passage since edited away ^66666666\n"
                   "\n"
                   "#clipper/important · " CLIPPER_MARKDOWN_LOST_MARK "\n");
}

/* A highlight of an article whose text is not in the library (restored
 * from its vault, before Fetch Again) was never looked for: the file said
 * it was "not found in the article's current text", as if it were lost. */
static void
test_render_unplaced (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/restored", "R", 1700000000);
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *md = NULL;
  g_autofree char *file = NULL;

  clipper_article_set_word_count (a, 0);
  g_assert_true (clipper_store_update_article (f->store, a, &error));
  g_assert_no_error (error);
  h = add_highlight (f->store, a, "44444444-2222-4333-8444-777777777777", "yellow", "a passage", -1, NULL);
  clipper_highlight_set_anchored (h, FALSE);
  g_assert_true (clipper_store_update_highlight (f->store, h, &error));
  g_assert_no_error (error);
  hl = highlights_of (f->store, a);
  g_assert_cmpuint (hl->len, ==, 1);

  md = clipper_markdown_render_highlight (a, g_ptr_array_index (hl, 0), NULL);
  g_assert_cmpstr (md, ==,
                   "> a passage ^77777777\n"
                   "\n"
                   "#clipper/important · " CLIPPER_MARKDOWN_UNPLACED_MARK "\n");
  file = clipper_markdown_render_article (a, hl, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (file, "· Not placed yet: the article's text is not in the library\n"));
  g_assert_null (strstr (file, CLIPPER_MARKDOWN_LOST_MARK));
}

/* One highlight on its own, as the app copies it. */
static void
test_render_highlight (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/h", "H", 1700000000);
  g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "44444444-2222-4333-8444-555555555555", "blue",
                                                  "quick brown fox", 23, "a *note*");
  g_autofree char *md = clipper_markdown_render_highlight (a, h, NULL);

  g_assert_cmpstr (md, ==,
                   "> quick brown fox ^55555555\n"
                   "\n"
                   "a *note*\n"
                   "\n"
                   "#clipper/definition #key-idea · [source](https://example.com/h#:~:text=on%20escaping%3A%20the-,"
                   "quick%20brown%20fox,-%2C%20jumps%20over)\n");
}

/* An article saved before the extractor collapsed white space (30
 * November 2026) has the page's source line breaks, indentation and soft
 * hyphens in its text and quotes: the quote is written as the page shows
 * it, not as "> &#32;&#32;…seek". */
static void
test_render_old_quote (Fixture *f, gconstpointer data)
{
  static const char text[] =
    "President Obama told the U.N. General Assembly 18 months ago that he would\n"
    "                                seek \xe2\x80\x9creal breakthroughs with Netan\xc2\xadyahu.";
  static const char quote[] =
    "ago that he would\n                                seek \xe2\x80\x9creal breakthroughs with Netan\xc2\xadyahu";
  g_autoptr (ClipperArticle) a = clipper_article_new ();
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *md = NULL;
  glong start = g_utf8_pointer_to_offset (text, strstr (text, "ago that"));

  clipper_article_set_url (a, "https://example.com/old");
  clipper_article_set_title (a, "Old");
  clipper_article_set_html (a, "<p>President Obama told the U.N. General Assembly 18 months ago that he would\n"
                               "                                seek \xe2\x80\x9creal breakthroughs with "
                               "Netan\xc2\xadyahu.</p>");
  clipper_article_set_text (a, text);
  g_assert_true (clipper_store_add_article (f->store, a, NULL, &error));
  g_assert_no_error (error);
  clipper_highlight_set_uuid (h, "44444444-2222-4333-8444-666666666666");
  clipper_highlight_set_article_id (h, clipper_article_get_id (a));
  clipper_highlight_set_color (h, "yellow");
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_range (h, start, start + g_utf8_strlen (quote, -1));
  g_assert_true (clipper_store_add_highlight (f->store, h, &error));
  g_assert_no_error (error);

  md = clipper_markdown_render_highlight (a, h, NULL);
  g_assert_true (g_str_has_prefix (md, "> ago that he would seek \xe2\x80\x9creal breakthroughs with Netanyahu ^"));
  g_assert_null (strstr (md, "&#32;"));
}

/* ------------------------------------------------------------------ */
/* Front matter, read back by a YAML parser                            */

static void
test_front_matter_yaml (Fixture *f, gconstpointer data)
{
  static const char *const titles[] = {
    "Plain title",
    "Title: with a colon",
    "\"Quoted\" and 'single'",
    "- leading dash",
    "# hash first",
    "Line one\nline two",
    "tab\there and \\backslash\\",
    "null",
    "true",
    "~",
    "@at and `tick` and {brace} [bracket] *star &amp !bang %percent |pipe >gt",
    "ünïcode 日本語 emoji \xf0\x9f\x98\x80",
    "control \x01 char and del \x7f and nel \xc2\x85 and ls \xe2\x80\xa8",
    "---",
    "...",
    "   spaces around   ",
  };

  if (!have_python_yaml ())
    {
      g_test_skip ("/usr/bin/python3 with yaml (python3-yaml) is not installed");
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.com/%" G_GSIZE_FORMAT, i);
      g_autoptr (ClipperArticle) a = add_article (f->store, url, titles[i], 1700000000);
      g_autoptr (GPtrArray) hl = highlights_of (f->store, a);
      g_autofree char *md = clipper_markdown_render_article (a, hl, NULL, NULL);
      g_autofree char *front = NULL;
      g_autofree char *json = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      const char *end = strstr (md + 4, "\n---\n");
      const char *argv[] = { "/usr/bin/python3", "-c",
                             "import sys, json, yaml\n"
                             "d = yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))\n"
                             "sys.stdout.write(json.dumps(d, default=str))\n", NULL };
      int status = -1;
      JsonObject *obj;

      g_assert_true (g_str_has_prefix (md, "---\n"));
      g_assert_nonnull (end);
      front = g_strndup (md + 4, end - (md + 4) + 1);
      json = run_filter (argv, front, &status);
      g_assert_cmpint (status, ==, 0);
      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      obj = json_node_get_object (json_parser_get_root (parser));
      g_test_message ("title %s", front);
      g_assert_cmpstr (json_object_get_string_member (obj, "title"), ==, titles[i]);
      g_assert_cmpstr (json_object_get_string_member (obj, "url"), ==, url);
      g_assert_cmpstr (json_object_get_string_member (obj, "site"), ==, "Example: Site");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "tags")), ==, 2);
      g_assert_cmpuint (strlen (json_object_get_string_member (obj, "clipper-id")), ==, 36);
    }
}

/* ------------------------------------------------------------------ */
/* Text fragments, ids, file names                                     */

static void
test_text_fragment (void)
{
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autofree char *short_url = NULL;
  g_autofree char *long_url = NULL;

  clipper_highlight_set_quote (h, "rock-solid, tested & true");
  clipper_highlight_set_prefix (h, "tial words before the quote: ");
  clipper_highlight_set_suffix (h, " — and after it comes more te");
  short_url = clipper_export_text_fragment_url ("https://example.com/a b(c)#old", h);
  g_assert_cmpstr (short_url, ==,
                   "https://example.com/a%20b%28c%29#:~:text=before%20the%20quote%3A-,"
                   "rock%2Dsolid%2C%20tested%20%26%20true,-%E2%80%94%20and%20after");

  clipper_highlight_set_quote (h, "one two three four five six seven eight nine ten");
  clipper_highlight_set_prefix (h, NULL);
  clipper_highlight_set_suffix (h, "x");
  long_url = clipper_export_text_fragment_url ("https://example.com/", h);
  g_assert_cmpstr (long_url, ==, "https://example.com/#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten");
}

static void
test_uid (void)
{
  g_autoptr (ClipperArticle) a = clipper_article_new ();
  g_autofree char *uid = NULL;
  g_autofree char *again = NULL;

  clipper_article_set_url (a, "https://example.com/");
  uid = clipper_export_article_uid (a);
  again = clipper_export_article_uid (a);
  g_assert_true (g_uuid_string_is_valid (uid));
  g_assert_cmpstr (uid, ==, again);
  /* Version 5, RFC 4122 variant. */
  g_assert_cmpint (uid[14], ==, '5');
  g_assert_true (strchr ("89ab", uid[19]) != NULL);
}

static void
test_file_names (void)
{
  static const struct {
    const char *title;
    const char *expected;
  } cases[] = {
    { "A plain title", "A plain title" },
    { "../../etc/passwd", "etc passwd" },
    { "..\\..\\windows\\system32", "windows system32" },
    { "a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j" },
    { ".hidden", "hidden" },
    { "-rf", "rf" },
    { "CON", "CON_" },
    { "con.txt", "con.txt_" },
    { "Lpt1", "Lpt1_" },
    { "COM10", "COM10" },
    { "", "Untitled" },
    { NULL, "Untitled" },
    { "...", "Untitled" },
    { "ends with dots...", "ends with dots" },
    { "tab\tand\nnewline\x01" "ctl", "tab and newline ctl" },
    { "a..b", "a.b" },
    { "ünïcode 日本語", "ünïcode 日本語" },
    /* Letters whose code point's low byte is one of the characters left
     * out (한 is U+D55C: 0x5C, '\\'; 为 U+4E3A: ':') are letters. */
    { "한국어 테스트 기사", "한국어 테스트 기사" },
    { "为什么慢读", "为什么慢读" },
    /* What Obsidian's [[links]] cannot name. */
    { "#hashtag [[link]] title^2", "hashtag link title 2" },
    /* Emoji sequences keep their joiners; a lone format character goes. */
    { "Family 👩\u200d👩\u200d👧 day", "Family 👩\u200d👩\u200d👧 day" },
    { "soft\u00adhyphen", "soft hyphen" },
  };
  g_autoptr (GString) long_title = g_string_new (NULL);
  g_autofree char *long_name = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = clipper_markdown_file_name (cases[i].title);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* Length is capped in bytes, at a character boundary. */
  for (int i = 0; i < 100; i++)
    g_string_append (long_title, "日本");
  long_name = clipper_markdown_file_name (long_title->str);
  g_assert_cmpuint (strlen (long_name), <=, 120);
  g_assert_cmpuint (strlen (long_name), >=, 115);
  g_assert_true (g_utf8_validate (long_name, -1, NULL));

  /* Words are cut at their end when one is near. */
  g_string_assign (long_title, "");
  while (long_title->len < 200)
    g_string_append (long_title, "and on ");
  g_clear_pointer (&long_name, g_free);
  long_name = clipper_markdown_file_name (long_title->str);
  g_assert_cmpuint (strlen (long_name), <=, 120);
  g_assert_true (g_str_has_suffix (long_name, " and on") || g_str_has_suffix (long_name, " and"));
}

/* ------------------------------------------------------------------ */
/* Templates                                                           */

static JsonNode *
json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_template (void)
{
  static const struct {
    const char *tmpl;
    const char *data;
    const char *expected;
  } cases[] = {
    { "Hello {{name}}!", "{\"name\":\"*you*\"}", "Hello \\*you\\*!" },
    { "{{{name}}} {{&name}}", "{\"name\":\"*you*\"}", "*you* *you*" },
    { "{{#list}}[{{.}}]{{/list}}", "{\"list\":[\"a\",\"b\"]}", "[a][b]" },
    { "{{#list}}\n- {{x}}\n{{/list}}\n", "{\"list\":[{\"x\":1},{\"x\":2}]}", "- 1\n- 2\n" },
    { "{{^list}}none{{/list}}", "{\"list\":[]}", "none" },
    { "{{^missing}}none{{/missing}}", "{}", "none" },
    { "{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", "{\"flag\":false}", "no" },
    { "{{#note}}({{note}}){{/note}}", "{\"note\":\"\"}", "" },
    { "{{#obj}}{{a}}-{{top}}{{/obj}}", "{\"obj\":{\"a\":\"x\"},\"top\":\"t\"}", "x-t" },
    { "{{obj.a}}", "{\"obj\":{\"a\":\"deep\"}}", "deep" },
    { "a{{! a comment }}b", "{}", "ab" },
    { "  {{! standalone }}\nline\n", "{}", "line\n" },
    { "{{n}} {{f}} {{b}}", "{\"n\":42,\"f\":1.5,\"b\":true}", "42 1.5 true" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ClipperTemplate) tmpl = clipper_template_new (cases[i].tmpl, &error);
      g_autoptr (JsonNode) data = json (cases[i].data);
      g_autoptr (GString) out = g_string_new (NULL);

      g_assert_no_error (error);
      clipper_template_render (tmpl, out, data);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }
}

static void
test_template_errors (void)
{
  static const struct {
    const char *tmpl;
    const char *message_part;
  } cases[] = {
    { "line 1\n{{title", "line 2" },
    { "{{#a}}\n\n{{/b}}", "line 3" },
    { "{{#a}}never closed", "section 'a'" },
    { "{{}}", "without a name" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ClipperTemplate) tmpl = clipper_template_new (cases[i].tmpl, &error);

      g_assert_null (tmpl);
      g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_TEMPLATE);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_custom_template (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/t", "Custom", 1700000000);
  G_GNUC_UNUSED g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "22222222-2222-4333-8444-555555555555", "blue",
                                                  "quick brown fox", 23, NULL);
  g_autoptr (GPtrArray) hl = highlights_of (f->store, a);
  g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();
  g_autofree char *md = NULL;
  g_autoptr (GError) error = NULL;

  options->template_text = g_strdup ("{{#highlights}}\n* {{quote}} ({{meaning}})\n{{/highlights}}\n");
  options->color_meanings = clipper_export_default_color_meanings ();
  g_hash_table_insert (options->color_meanings, g_strdup ("blue"), g_strdup ("Term I looked up"));
  md = clipper_markdown_render_article (a, hl, options, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (md, "<!-- clipper:begin -->\n* quick brown fox (Term I looked up)\n<!-- clipper:end -->\n"));

  /* The default layout uses the colour's meaning as a tag. */
  g_free (options->template_text);
  options->template_text = NULL;
  g_clear_pointer (&md, g_free);
  md = clipper_markdown_render_article (a, hl, options, &error);
  g_assert_nonnull (strstr (md, "#clipper/term-i-looked-up"));
}

/* ------------------------------------------------------------------ */
/* Golden files                                                        */

static void
fill_golden_library (ClipperStore *store, gboolean second_article)
{
  g_autoptr (ClipperArticle) a = add_article (store, "https://example.com/posts/escaping?id=1",
                                              "Escaping: a \"test\" — #1", 1700000000);
  G_GNUC_UNUSED g_autoptr (ClipperHighlight) h1 = add_highlight (store, a, "aaaaaaaa-1111-4111-8111-111111111111", "yellow",
                                                   "escaping: the quick brown fox", 9, "Why *this* matters:\n1. it's [exact]");
  G_GNUC_UNUSED g_autoptr (ClipperHighlight) h2 = add_highlight (store, a, "bbbbbbbb-2222-4222-8222-222222222222", "purple",
                                                   "Code x and [brackets]", 86, NULL);

  if (second_article)
    {
      G_GNUC_UNUSED g_autoptr (ClipperArticle) b = add_article (store, "https://example.org/other", "Other", 1700000100);
    }
}

static void
test_golden_markdown (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = NULL;
  g_autoptr (GPtrArray) hl = NULL;
  g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();
  g_autofree char *md = NULL;
  g_autofree char *md_body = NULL;

  fill_golden_library (f->store, FALSE);
  a = clipper_store_get_article (f->store, 1, NULL);
  hl = highlights_of (f->store, a);
  md = clipper_markdown_render_article (a, hl, NULL, NULL);
  assert_golden ("article.md", md);

  options->include_body = TRUE;
  md_body = clipper_markdown_render_article (a, hl, options, NULL);
  assert_golden ("article-body.md", md_body);
}

static void
test_golden_json (Fixture *f, gconstpointer data)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = data_path ("library.json");
  g_autoptr (JsonParser) actual = json_parser_new ();
  g_autoptr (JsonParser) expected = json_parser_new ();

  fill_golden_library (f->store, TRUE);
  g_assert_true (clipper_json_export (f->store, out, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));

  if (g_getenv ("CLIPPER_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      return;
    }
  json_parser_load_from_data (actual, text, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (expected, path, &error);
  g_assert_no_error (error);
  if (!json_node_equal (json_parser_get_root (actual), json_parser_get_root (expected)))
    {
      g_test_message ("library.json differs; got:\n%s", text);
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Article body as Markdown                                            */

static void
test_body_markdown (void)
{
  static const char html[] =
    "<h2>Heading <em>one</em></h2>"
    "<p>First paragraph with <strong>bold</strong>, a <a href=\"https://x.example/a b\">link</a> and * star.</p>"
    "<ul><li>item one</li><li>item <code>two</code></li></ul>"
    "<ol><li>first</li><li>second</li></ol>"
    "<blockquote><p>A quote.</p></blockquote>"
    "<pre><code>int x = 1;\n``` fence</code></pre>"
    "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2 | 3</td></tr></table>"
    "<p><img src=\"https://x.example/i.png\" alt=\"A picture\">1. not a list</p>";
  static const char expected[] =
    "## Heading *one*\n"
    "\n"
    "First paragraph with **bold**, a [link](<https://x.example/a b>) and \\* star.\n"
    "\n"
    "- item one\n"
    "- item ` two `\n"
    "\n"
    "1. first\n"
    "2. second\n"
    "\n"
    "> A quote.\n"
    "\n"
    "````\n"
    "int x = 1;\n"
    "``` fence\n"
    "````\n"
    "\n"
    "| A | B |\n"
    "| --- | --- |\n"
    "| 1 | 2 \\| 3 |\n"
    "\n"
    "[A picture](<https://x.example/i.png>)1. not a list";
  g_autofree char *md = clipper_markdown_from_html (html, NULL);

  g_assert_cmpstr (md, ==, expected);
}

/* Session 21: a picture kept from the page as a data: URL (QA-p finding
 * 7) was written [alt](<data:image/png;base64,…>), the whole picture in
 * base64 put into the vault's note as a link.  Its alt text stands for
 * it, as no stored picture goes into the vault; a picture with an
 * address is still a link to it. */
static void
test_body_data_picture (void)
{
  static const char html[] =
    "<p>Before <img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAGUlEQVR4nGNgYPhP"
    "ARrVPKp5VPOo5gHVDAAUwI6AVu8gqwAAAABJRU5ErkJggg==\" alt=\"A [blue] square\"> after.</p>"
    "<p><img src=\" DATA:image/gif;base64,R0lGODlhAQABAAAAACw=\"><img src=\"https://x.example/i.png\" "
    "alt=\"A picture\"></p>"
    /* (As the library names it since review S4.) */
    "<p><img src=\"data:sha256,2f0e5a9b1f1d7c0e7f3c7a1b9d8e6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a190817\" "
    "alt=\"A chart\"></p>";
  g_autofree char *md = clipper_markdown_from_html (html, NULL);

  g_assert_cmpstr (md, ==, "Before \\[A \\[blue\\] square\\] after.\n\n\\[image\\][A picture](<https://x.example/i.png>)"
                           "\n\n\\[A chart\\]");
}

static void
test_body_marks (void)
{
  static const char html[] = "<p>The quick <b>brown</b> fox</p><p>jumps over.</p>";
  /* text: "The quick brown foxjumps over." */
  g_autoptr (GPtrArray) hl = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (ClipperHighlight) h1 = clipper_highlight_new ();
  g_autoptr (ClipperHighlight) h2 = clipper_highlight_new ();
  g_autofree char *md = NULL;

  clipper_highlight_set_range (h1, 4, 15);   /* "quick brown" across <b> */
  clipper_highlight_set_anchored (h1, TRUE);
  clipper_highlight_set_range (h2, 16, 24);  /* "foxjumps": across paragraphs */
  clipper_highlight_set_anchored (h2, TRUE);
  g_ptr_array_add (hl, g_object_ref (h1));
  g_ptr_array_add (hl, g_object_ref (h2));

  md = clipper_markdown_from_html (html, hl);
  g_assert_cmpstr (md, ==, "The ==quick== **==brown==** ==fox==\n\n==jumps== over.");
}

/* Links within the article were written [text](#article-x), which
 * Obsidian follows nowhere: one to a heading (the heading's own id, or
 * the empty span Wikipedia's leave inside it) is Obsidian's link to that
 * heading of the note; one to anything else (a footnote) keeps its words,
 * unlinked; a link out of the article stays as it was. */
static void
test_body_links_within (void)
{
  static const char html[] =
    "<p>See <a href=\"#article-History\">the history</a>, <a href=\"#article-Early_days\">its start</a>"
    "<a href=\"#article-cite_note-1\">[1]</a> and <a href=\"#article-Odd\">odd</a> or "
    "<a href=\"https://x.example/a#b\">elsewhere</a>.</p>"
    "<h2><span id=\"article-History\"></span>History (of  it)</h2>"
    "<h3 id=\"article-Early_days\">Early <i>days</i>: 50%</h3>"
    "<h3 id=\"article-Odd\">A [bracket]</h3>"
    "<ol><li id=\"article-cite_note-1\">A footnote.</li></ol>";
  g_autofree char *md = clipper_markdown_from_html (html, NULL);

  g_assert_cmpstr (md, ==,
                   "See [the history](#History%20%28of%20it%29), [its start](#Early%20days:%2050%25)\\[1\\] "
                   "and odd or [elsewhere](<https://x.example/a#b>).\n"
                   "\n"
                   "## History (of it)\n"
                   "\n"
                   "### Early *days*: 50%\n"
                   "\n"
                   "### A \\[bracket\\]\n"
                   "\n"
                   "1. A footnote.");
}

/* ------------------------------------------------------------------ */
/* Vault                                                               */

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

static void
set_old_mtime (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times = { 1000000000, 1000000000 };

  g_assert_cmpint (utime (path, &times), ==, 0);
}

static gint64
mtime_of (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mtime;
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
export_vault (Fixture *f, const ClipperExportOptions *options, ClipperVaultStats *stats)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (clipper_markdown_export_vault (f->store, f->vault, options, stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The line under the title of @md: the excerpt. */
static char *
dup_excerpt_line (const char *md)
{
  const char *title = strstr (md, "\n# ");
  const char *start, *end;

  g_assert_nonnull (title);
  start = strstr (title + 1, "\n\n");
  g_assert_nonnull (start);
  start += 2;
  end = strchr (start, '\n');
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

/* The excerpt under the title was the extractor's first paragraph whole,
 * 2,000 characters at times.  It is cut to 300 at most: at the end of a
 * sentence, else at a word (CJK text: at the limit), with "…"; the
 * import reads the cut line, and the whole one an older Clipper wrote,
 * as Clipper's own. */
static void
test_long_excerpt (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/long", "Long excerpt", 1700000000);
  G_GNUC_UNUSED g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "33333333-2222-4333-8444-666666666666",
                                                                "green", "quick brown fox", 23, "a note");
  g_autoptr (GString) sentences = g_string_new (NULL);
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (GString) cjk = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperImportResult) result = NULL;
  g_autofree char *md = NULL;
  g_autofree char *line = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = g_build_filename (f->vault, "Long excerpt.md", NULL);
  ClipperVaultStats stats = { 0 };

  for (guint i = 0; g_utf8_strlen (sentences->str, -1) < 2000; i++)
    g_string_append_printf (sentences, "Sentence number %u tells of the estuary and its tides. ", i);
  g_strchomp (sentences->str);
  for (guint i = 0; g_utf8_strlen (words->str, -1) < 2000; i++)
    g_string_append_printf (words, "word%u, ", i);
  for (guint i = 0; g_utf8_strlen (cjk->str, -1) < 2000; i++)
    g_string_append (cjk, "東京の図書館では");

  /* At the last sentence's end that fits, with " …". */
  clipper_article_set_excerpt (a, sentences->str);
  md = clipper_markdown_render_article (a, NULL, NULL, NULL);
  line = dup_excerpt_line (md);
  g_assert_cmpint (g_utf8_strlen (line, -1), <=, 300);
  g_assert_cmpint (g_utf8_strlen (line, -1), >, 150);
  g_assert_true (g_str_has_suffix (line, "tides. …"));
  g_assert_true (strncmp (line, sentences->str, strlen (line) - strlen (" …")) == 0);
  g_clear_pointer (&md, g_free);
  g_clear_pointer (&line, g_free);

  /* No sentence ends: at a word, without its comma. */
  clipper_article_set_excerpt (a, words->str);
  md = clipper_markdown_render_article (a, NULL, NULL, NULL);
  line = dup_excerpt_line (md);
  g_assert_cmpint (g_utf8_strlen (line, -1), <=, 300);
  g_assert_true (g_regex_match_simple ("^word0, .* word[0-9]+…$", line, 0, 0));
  g_clear_pointer (&md, g_free);
  g_clear_pointer (&line, g_free);

  /* No spaces at all: at the limit, on a character. */
  clipper_article_set_excerpt (a, cjk->str);
  md = clipper_markdown_render_article (a, NULL, NULL, NULL);
  line = dup_excerpt_line (md);
  g_assert_cmpint (g_utf8_strlen (line, -1), ==, 299);
  g_assert_true (g_utf8_validate (line, -1, NULL));
  g_assert_true (g_str_has_suffix (line, "…"));
  g_clear_pointer (&md, g_free);
  g_clear_pointer (&line, g_free);

  /* A short one stays as it is. */
  clipper_article_set_excerpt (a, "A summary with *stars* and a # hash.");
  md = clipper_markdown_render_article (a, NULL, NULL, NULL);
  line = dup_excerpt_line (md);
  g_assert_cmpstr (line, ==, "A summary with \\*stars\\* and a \\# hash.");
  g_clear_pointer (&md, g_free);
  g_clear_pointer (&line, g_free);

  /* The vault: importing it back finds nothing new and nothing of the
   * user's above the first quote. */
  clipper_article_set_excerpt (a, sentences->str);
  g_assert_true (clipper_store_update_article (f->store, a, &error));
  g_assert_no_error (error);
  export_vault (f, NULL, &stats);
  file = read_file (f->vault, "Long excerpt.md");
  g_assert_null (strstr (file, sentences->str));
  result = clipper_markdown_import (f->store, f->vault, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->notices->len, ==, 0);
  g_assert_cmpuint (result->not_read, ==, 0);
  g_assert_cmpuint (result->notes_updated, ==, 0);
  g_clear_pointer (&result, clipper_import_result_free);

  /* A file an older Clipper wrote, with the whole excerpt: its line is
   * Clipper's too, not kept below the section as the user's. */
  line = dup_excerpt_line (file);
  {
    g_autoptr (GString) old = g_string_new (file);

    g_string_replace (old, line, sentences->str, 1);
    g_assert_true (g_file_set_contents (path, old->str, -1, NULL));
  }
  result = clipper_markdown_import (f->store, f->vault, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->notices->len, ==, 0);
  g_assert_cmpuint (result->not_read, ==, 0);
  g_clear_pointer (&file, g_free);
  export_vault (f, NULL, &stats);
  file = read_file (f->vault, "Long excerpt.md");
  g_assert_null (strstr (file, sentences->str));
  g_assert_nonnull (strstr (file, line));
}

/* QA qa-l, finding 3: reading moves the position every few seconds, and
 * each move rewrote the article's file (clipper-position), under an open
 * Obsidian and into every sync.  A file that only reads further on is
 * left as it is; the position goes with the next change that writes it,
 * and is no reason to write it again after that. */
static void
test_vault_position_alone (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/1", "Read on", 1700000000);
  g_autoptr (ClipperArticle) now = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 1);
  before = read_file (f->vault, "Read on.md");
  set_old_mtime (f->vault, "Read on.md");

  g_assert_true (clipper_store_update_reading (f->store, clipper_article_get_id (a), 0.4, FALSE, &error));
  g_assert_no_error (error);
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpint (mtime_of (f->vault, "Read on.md"), ==, 1000000000);
  after = read_file (f->vault, "Read on.md");
  g_assert_cmpstr (after, ==, before);
  /* Nor the next time, the manifest knowing it. */
  set_old_mtime (f->vault, CLIPPER_VAULT_MANIFEST);
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpint (mtime_of (f->vault, CLIPPER_VAULT_MANIFEST), ==, 1000000000);

  /* Starred: written, with the position as it is now. */
  now = clipper_store_get_article (f->store, clipper_article_get_id (a), &error);
  g_assert_no_error (error);
  clipper_article_set_starred (now, TRUE);
  g_assert_true (clipper_store_update_article (f->store, now, &error));
  g_assert_no_error (error);
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 1);
  g_clear_pointer (&after, g_free);
  after = read_file (f->vault, "Read on.md");
  g_assert_nonnull (strstr (after, "\nstarred: true\n"));
  g_assert_nonnull (strstr (after, "\nclipper-position: 0.4\n"));

  /* Read further, then back where the file says: nothing to write. */
  set_old_mtime (f->vault, "Read on.md");
  g_assert_true (clipper_store_update_reading (f->store, clipper_article_get_id (a), 0.7, FALSE, &error));
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_true (clipper_store_update_reading (f->store, clipper_article_get_id (a), 0.4, FALSE, &error));
  g_assert_no_error (error);
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpint (mtime_of (f->vault, "Read on.md"), ==, 1000000000);
}

/* Reading on leaves the vault as it is, its manifest too: the position
 * moved the article's updated_at and was in its fingerprint, so the
 * first export after a read wrote the manifest again (clipper-cli export
 * after merely reading an article). */
static void
test_vault_reading_keeps_manifest (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/1", "Read on", 1700000000);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 1);
  set_old_mtime (f->vault, CLIPPER_VAULT_MANIFEST);
  before = read_file (f->vault, CLIPPER_VAULT_MANIFEST);

  g_assert_true (clipper_store_update_reading (f->store, clipper_article_get_id (a), 0.4, FALSE, &error));
  g_assert_no_error (error);
  memset (&stats, 0, sizeof stats);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpint (mtime_of (f->vault, CLIPPER_VAULT_MANIFEST), ==, 1000000000);
  after = read_file (f->vault, CLIPPER_VAULT_MANIFEST);
  g_assert_cmpstr (after, ==, before);
}

static void
test_vault (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/1", "Same title", 1700000000);
  g_autoptr (ClipperArticle) b = add_article (f->store, "https://example.com/2", "Same title", 1700000001);
  G_GNUC_UNUSED g_autoptr (ClipperArticle) evil = add_article (f->store, "https://example.com/3", "../../etc/passwd", 1700000002);
  g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "33333333-2222-4333-8444-555555555555", "green",
                                                  "quick brown fox", 23, "first note");
  g_autofree char *uid_b = clipper_export_article_uid (b);
  g_autofree char *b_name = NULL;
  g_autofree char *a_file = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autofree char *manifest = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.articles, ==, 3);
  g_assert_cmpuint (stats.written, ==, 3);
  g_assert_cmpuint (stats.highlights, ==, 1);

  /* The colliding title gets the short id; the hostile one stays inside. */
  b_name = g_strdup_printf ("Same title (%.8s).md", uid_b);
  g_assert_true (test_in (f->vault, "Same title.md", G_FILE_TEST_IS_REGULAR));
  g_assert_true (test_in (f->vault, b_name, G_FILE_TEST_IS_REGULAR));
  g_assert_true (test_in (f->vault, "etc passwd.md", G_FILE_TEST_IS_REGULAR));
  g_assert_false (test_in (f->dir, "etc", G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->vault), ==, 4);   /* three notes and the manifest */
  manifest = read_file (f->vault, CLIPPER_VAULT_MANIFEST);
  g_assert_nonnull (strstr (manifest, b_name));
  /* The store gave fingerprints (the fast path for re-runs is in use). */
  g_assert_nonnull (strstr (manifest, "\"fingerprint\": \""));

  /* An unchanged re-run rewrites nothing (mtimes stay in the past). */
  set_old_mtime (f->vault, "Same title.md");
  set_old_mtime (f->vault, b_name);
  set_old_mtime (f->vault, "etc passwd.md");
  set_old_mtime (f->vault, CLIPPER_VAULT_MANIFEST);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 3);
  g_assert_cmpint (mtime_of (f->vault, "Same title.md"), ==, 1000000000);
  g_assert_cmpint (mtime_of (f->vault, b_name), ==, 1000000000);
  /* The manifest learnt the new mtimes; now nothing at all is written, and
   * files are skipped on their fingerprints alone. */
  set_old_mtime (f->vault, CLIPPER_VAULT_MANIFEST);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 3);
  g_assert_cmpint (mtime_of (f->vault, CLIPPER_VAULT_MANIFEST), ==, 1000000000);
  g_assert_cmpint (mtime_of (f->vault, "Same title.md"), ==, 1000000000);

  /* The user writes above and below Clipper's section and adds a key. */
  a_file = read_file (f->vault, "Same title.md");
  {
    g_autoptr (GString) s = g_string_new (a_file);
    const char *begin = strstr (s->str, CLIPPER_MARKDOWN_BEGIN_MARK);

    g_string_insert (s, begin - s->str, "My own thoughts, *mine*.\n\n");
    g_string_append (s, "\n## Later\nMore of mine.\n");
    g_string_replace (s, "clipper-id:", "rating: 5\nmy-list:\n  - one\n  - two\nclipper-id:", 1);
    edited = g_strdup (s->str);
  }
  {
    g_autofree char *path = g_build_filename (f->vault, "Same title.md", NULL);
    g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  }
  set_old_mtime (f->vault, "Same title.md");

  /* Unchanged again: the user's edit is not Clipper's business. */
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpint (mtime_of (f->vault, "Same title.md"), ==, 1000000000);

  /* A new note changes Clipper's section only. */
  clipper_highlight_set_note (h, "second note");
  g_assert_true (clipper_store_update_highlight (f->store, h, NULL));
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 2);
  after = read_file (f->vault, "Same title.md");
  g_assert_nonnull (strstr (after, "My own thoughts, *mine*.\n\n" CLIPPER_MARKDOWN_BEGIN_MARK));
  g_assert_true (g_str_has_suffix (after, CLIPPER_MARKDOWN_END_MARK "\n\n## Later\nMore of mine.\n"));
  g_assert_nonnull (strstr (after, "rating: 5\nmy-list:\n  - one\n  - two\n"));
  g_assert_nonnull (strstr (after, "second note"));
  g_assert_null (strstr (after, "first note"));
  {
    g_autofree char *expected = g_strdup (edited);
    g_autoptr (GString) s = g_string_new (expected);

    g_string_replace (s, "first note", "second note", 1);
    g_assert_cmpstr (after, ==, s->str);
  }

  /* A tag on a highlight changes the file at once, whatever the clock says. */
  {
    const char *tags[] = { "fresh tag", NULL };
    g_autofree char *tagged = NULL;

    g_assert_true (clipper_store_set_highlight_tags (f->store, clipper_highlight_get_id (h), tags, NULL));
    export_vault (f, NULL, &stats);
    g_assert_cmpuint (stats.written, ==, 1);
    tagged = read_file (f->vault, "Same title.md");
    g_assert_nonnull (strstr (tagged, "#fresh-tag"));
  }

  /* A title change keeps the file name (links to it keep working). */
  clipper_article_set_title (a, "A new title");
  g_assert_true (clipper_store_update_article (f->store, a, NULL));
  export_vault (f, NULL, &stats);
  g_assert_false (test_in (f->vault, "A new title.md", G_FILE_TEST_EXISTS));
  g_clear_pointer (&after, g_free);
  after = read_file (f->vault, "Same title.md");
  g_assert_nonnull (strstr (after, "title: \"A new title\""));

  /* A deleted article's file stays unless pruning is asked for. */
  g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (b), NULL));
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.articles, ==, 2);
  g_assert_true (test_in (f->vault, b_name, G_FILE_TEST_EXISTS));
  {
    g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();

    options->prune = TRUE;
    export_vault (f, options, &stats);
    g_assert_cmpuint (stats.pruned, ==, 1);
    g_assert_false (test_in (f->vault, b_name, G_FILE_TEST_EXISTS));
    g_assert_true (test_in (f->vault, "Same title.md", G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (f->vault), ==, 3);
  }
}

/* A user's own file that happens to have an article's name is never
 * overwritten; a vault whose manifest was lost finds its files again. */
static void
test_vault_foreign_files (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/mine", "Diary", 1700000000);
  g_autofree char *uid = clipper_export_article_uid (a);
  g_autofree char *alt = g_strdup_printf ("Diary (%.8s).md", uid);
  g_autofree char *diary = NULL;
  g_autofree char *manifest = g_build_filename (f->vault, CLIPPER_VAULT_MANIFEST, NULL);
  ClipperVaultStats stats = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (f->vault, 0755), ==, 0);
  {
    g_autofree char *path = g_build_filename (f->vault, "Diary.md", NULL);
    g_assert_true (g_file_set_contents (path, "my private diary\n", -1, NULL));
  }
  export_vault (f, NULL, &stats);
  diary = read_file (f->vault, "Diary.md");
  g_assert_cmpstr (diary, ==, "my private diary\n");
  g_assert_true (test_in (f->vault, alt, G_FILE_TEST_EXISTS));

  /* Lose the manifest: the next run adopts the file carrying our id. */
  g_assert_cmpint (g_unlink (manifest), ==, 0);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpuint (count_files (f->vault), ==, 3);

  /* A manifest another tool reformatted is still read (whole). */
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (JsonGenerator) gen = json_generator_new ();

    g_assert_true (json_parser_load_from_file (parser, manifest, NULL));
    json_generator_set_root (gen, json_parser_get_root (parser));
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_indent (gen, 4);
    g_assert_true (json_generator_to_file (gen, manifest, NULL));
    export_vault (f, NULL, &stats);
    g_assert_cmpuint (stats.unchanged, ==, 1);
    g_assert_cmpuint (stats.written, ==, 0);
    g_assert_cmpuint (count_files (f->vault), ==, 3);
  }

  /* A damaged manifest stops the export instead of guessing, and says so
   * in text, though JSON's parser quotes what it stopped at cut inside a
   * character (as fuzz-import found for imports). */
  {
    const char *const damaged[] = { "{not json", "{\"url\":\"https://example.com/posts/e \xe2\x80\x94pe\":\"x\"}" };

    for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
      {
        g_autoptr (GError) error = NULL;

        g_assert_true (g_file_set_contents (manifest, damaged[i], -1, NULL));
        g_assert_false (clipper_markdown_export_vault (f->store, f->vault, NULL, NULL, NULL, NULL, NULL, &error));
        g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
      }
  }
}

/* ------------------------------------------------------------------ */
/* Files the user renamed or moved                                     */

/* The export's messages (the core logs structured, which
 * g_test_expect_message() does not see). */
static GPtrArray *messages;

static GLogWriterOutput
keep_messages (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if (messages != NULL && (level & G_LOG_LEVEL_MESSAGE) && g_strcmp0 (domain, "clipper-export") == 0
      && message != NULL)
    g_ptr_array_add (messages, g_strdup (message));
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
write_in (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
move_in (const char *dir, const char *from, const char *to)
{
  g_autofree char *a = g_build_filename (dir, from, NULL);
  g_autofree char *b = g_build_filename (dir, to, NULL);
  g_autofree char *folder = g_path_get_dirname (b);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_cmpint (g_rename (a, b), ==, 0);
}

static void
set_mtime_in (const char *dir, const char *name, gint64 t)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times = { (time_t) t, (time_t) t };

  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* The user's edits to a file as a person makes them: the note of the
 * highlight, a line of their own above Clipper's section; the file then
 * looks modified an hour from now, later than anything in the library. */
static void
edit_in (const char *dir, const char *name, const char *old_note, const char *new_note)
{
  g_autofree char *contents = read_file (dir, name);
  g_autoptr (GString) s = g_string_new (contents);

  g_assert_nonnull (contents);
  g_assert_cmpuint (g_string_replace (s, old_note, new_note, 1), ==, 1);
  g_string_replace (s, CLIPPER_MARKDOWN_BEGIN_MARK, "My own thoughts.\n\n" CLIPPER_MARKDOWN_BEGIN_MARK, 1);
  write_in (dir, name, s->str);
  set_mtime_in (dir, name, g_get_real_time () / G_USEC_PER_SEC + 3600);
}

/* The manifest's file of @uid. */
static char *
manifest_file (Fixture *f, const char *uid)
{
  g_autofree char *path = g_build_filename (f->vault, CLIPPER_VAULT_MANIFEST, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *files;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  files = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "files");
  if (!json_object_has_member (files, uid))
    return NULL;
  return g_strdup (json_object_get_string_member (json_object_get_object_member (files, uid), "file"));
}

static char *
note_of (ClipperStore *store, ClipperHighlight *h)
{
  g_autoptr (ClipperHighlight) fresh = clipper_store_get_highlight (store, clipper_highlight_get_id (h), NULL);

  g_assert_nonnull (fresh);
  return g_strdup (clipper_highlight_get_note (fresh));
}

/* The file was renamed (@to "My name.md") or moved (@to
 * "Reading/2026/Moving.md") and edited there: the export takes in the edit,
 * updates the file where it is, writes no duplicate, and remembers the new
 * place; an unchanged re-run then writes nothing and searches nothing. */
static void
test_vault_moved (Fixture *f, gconstpointer data)
{
  const char *to = data;
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/moving", "Moving", 1700000000);
  g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "44444444-2222-4333-8444-555555555555", "green",
                                                  "quick brown fox", 23, "first note");
  g_autoptr (ClipperArticle) b = add_article (f->store, "https://example.com/staying", "Staying", 1700000000);
  g_autofree char *uid = clipper_export_article_uid (a);
  g_autofree char *after = NULL;
  g_autofree char *in_manifest = NULL;
  g_autofree char *note = NULL;
  g_autofree char *folder = g_path_get_dirname (to);
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 2);
  g_assert_cmpuint (stats.scanned, ==, 0);

  move_in (f->vault, "Moving.md", to);
  edit_in (f->vault, to, "first note", "edited in the vault");
  /* And the library changes too: the file must be written again. */
  clipper_article_set_title (a, "Moving, retitled");
  g_assert_true (clipper_store_update_article (f->store, a, NULL));

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.moved, ==, 1);
  g_assert_cmpuint (stats.duplicates, ==, 0);
  g_assert_cmpuint (stats.written, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpuint (stats.scanned, ==, 2);   /* "Staying.md" and the moved file */
  /* No duplicate at the old name; the moved file holds everything. */
  g_assert_false (test_in (f->vault, "Moving.md", G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->vault), ==, 3);   /* the file or its folder, "Staying.md", the manifest */
  after = read_file (f->vault, to);
  g_assert_nonnull (strstr (after, "My own thoughts.\n\n" CLIPPER_MARKDOWN_BEGIN_MARK));
  g_assert_nonnull (strstr (after, "edited in the vault"));
  g_assert_null (strstr (after, "first note"));
  g_assert_nonnull (strstr (after, "title: \"Moving, retitled\""));
  note = note_of (f->store, h);
  g_assert_cmpstr (note, ==, "edited in the vault");
  in_manifest = manifest_file (f, uid);
  g_assert_cmpstr (in_manifest, ==, to);

  /* Unchanged now: nothing written, nothing searched. */
  set_old_mtime (f->vault, CLIPPER_VAULT_MANIFEST);
  set_old_mtime (f->vault, to);
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 2);
  g_assert_cmpuint (stats.moved, ==, 0);
  g_assert_cmpuint (stats.scanned, ==, 0);
  g_assert_cmpint (mtime_of (f->vault, to), ==, 1000000000);
  g_clear_pointer (&after, g_free);
  after = read_file (f->vault, to);
  g_assert_nonnull (strstr (after, "edited in the vault"));

  /* A library change goes to the moved file, with no search. */
  clipper_highlight_set_note (h, "changed in Clipper");
  g_assert_true (clipper_store_update_highlight (f->store, h, NULL));
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 1);
  g_assert_cmpuint (stats.scanned, ==, 0);
  g_clear_pointer (&after, g_free);
  after = read_file (f->vault, to);
  g_assert_nonnull (strstr (after, "changed in Clipper"));
  g_assert_false (test_in (f->vault, "Moving.md", G_FILE_TEST_EXISTS));

  /* New files still go to the top; --prune deletes the moved file where it
   * is now, and nothing else in its folder. */
  {
    G_GNUC_UNUSED g_autoptr (ClipperArticle) c = add_article (f->store, "https://example.com/new", "New one", 1700000000);
    g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();
    g_autofree char *mine = g_build_filename (folder, "Mine.md", NULL);

    export_vault (f, NULL, &stats);
    g_assert_true (test_in (f->vault, "New one.md", G_FILE_TEST_IS_REGULAR));
    write_in (f->vault, mine, "my own note\n");
    g_assert_true (clipper_store_delete_article (f->store, clipper_article_get_id (a), NULL));
    options->prune = TRUE;
    export_vault (f, options, &stats);
    g_assert_cmpuint (stats.pruned, ==, 1);
    g_assert_false (test_in (f->vault, to, G_FILE_TEST_EXISTS));
    g_assert_true (test_in (f->vault, mine, G_FILE_TEST_IS_REGULAR));
    g_assert_true (test_in (f->vault, "Staying.md", G_FILE_TEST_IS_REGULAR));
    g_assert_true (test_in (f->vault, "New one.md", G_FILE_TEST_IS_REGULAR));
  }
  (void) b;
}

/* Two files carry the article's clipper-id (a copy, a sync conflict) and
 * its own file is gone: the most recently modified is updated, the other
 * left exactly as it was, and a message says so. */
static void
test_vault_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/twice", "Twice", 1700000000);
  g_autoptr (ClipperHighlight) h = add_highlight (f->store, a, "55555555-2222-4333-8444-555555555555", "green",
                                                  "quick brown fox", 23, "first note");
  g_autofree char *uid = clipper_export_article_uid (a);
  g_autofree char *older = NULL;
  g_autofree char *older_after = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *in_manifest = NULL;
  g_autofree char *note = NULL;
  g_autofree char *pattern = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  move_in (f->vault, "Twice.md", "Archive/Twice.md");
  {
    g_autofree char *contents = read_file (f->vault, "Archive/Twice.md");

    write_in (f->vault, "Twice (conflicted copy).md", contents);
  }
  edit_in (f->vault, "Twice (conflicted copy).md", "first note", "the newer edit");
  set_mtime_in (f->vault, "Archive/Twice.md", 1500000000);
  older = read_file (f->vault, "Archive/Twice.md");
  clipper_article_set_title (a, "Twice, retitled");
  g_assert_true (clipper_store_update_article (f->store, a, NULL));

  pattern = g_strdup_printf ("2 files carry the clipper-id %s: Clipper updates 'Twice (conflicted copy).md', "
                             "the most recently modified, and leaves 'Archive/Twice.md' as it is", uid);
  g_ptr_array_set_size (messages, 0);
  export_vault (f, NULL, &stats);
  g_assert_true (g_ptr_array_find_with_equal_func (messages, pattern, g_str_equal, NULL));
  g_assert_cmpuint (stats.moved, ==, 1);
  g_assert_cmpuint (stats.duplicates, ==, 1);
  g_assert_false (test_in (f->vault, "Twice.md", G_FILE_TEST_EXISTS));
  newer = read_file (f->vault, "Twice (conflicted copy).md");
  g_assert_nonnull (strstr (newer, "the newer edit"));
  g_assert_nonnull (strstr (newer, "Twice, retitled"));
  older_after = read_file (f->vault, "Archive/Twice.md");
  g_assert_cmpstr (older_after, ==, older);
  g_assert_cmpint (mtime_of (f->vault, "Archive/Twice.md"), ==, 1500000000);
  note = note_of (f->store, h);
  g_assert_cmpstr (note, ==, "the newer edit");
  in_manifest = manifest_file (f, uid);
  g_assert_cmpstr (in_manifest, ==, "Twice (conflicted copy).md");
}

/* The search for a moved file stays in the vault: a symbolic link loop and
 * a link to a folder outside are not followed, and a hidden folder (the
 * trash of Obsidian) is not looked into, even when their copies are newer. */
static void
test_vault_links_and_hidden (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/linked", "Linked", 1700000000);
  g_autofree char *uid = clipper_export_article_uid (a);
  g_autofree char *outside = g_build_filename (f->dir, "outside", NULL);
  g_autofree char *original = NULL;
  g_autofree char *in_manifest = NULL;
  g_autofree char *moved = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  original = read_file (f->vault, "Linked.md");
  /* Newer copies where the search must not look… */
  write_in (f->vault, ".trash/Linked.md", original);
  write_in (outside, "Linked.md", original);
  {
    g_autofree char *link = g_build_filename (f->vault, "Elsewhere", NULL);
    g_autofree char *loop = g_build_filename (f->vault, "Reading", "loop", NULL);

    g_assert_cmpint (symlink (outside, link), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (loop, 0755), ==, 0);
    g_assert_cmpint (g_rmdir (loop), ==, 0);
    g_assert_cmpint (symlink ("..", loop), ==, 0);
  }
  /* …and the file itself, older, moved into a real sub-folder. */
  move_in (f->vault, "Linked.md", "Reading/Linked.md");
  set_mtime_in (f->vault, "Reading/Linked.md", 1500000000);
  clipper_article_set_title (a, "Linked, retitled");
  g_assert_true (clipper_store_update_article (f->store, a, NULL));

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.moved, ==, 1);
  g_assert_cmpuint (stats.duplicates, ==, 0);
  g_assert_cmpuint (stats.scanned, ==, 1);
  in_manifest = manifest_file (f, uid);
  g_assert_cmpstr (in_manifest, ==, "Reading/Linked.md");
  moved = read_file (f->vault, "Reading/Linked.md");
  g_assert_nonnull (strstr (moved, "Linked, retitled"));
  g_assert_false (test_in (f->vault, "Linked.md", G_FILE_TEST_EXISTS));
  {
    g_autofree char *trash = read_file (f->vault, ".trash/Linked.md");
    g_autofree char *out = read_file (outside, "Linked.md");

    g_assert_cmpstr (trash, ==, original);
    g_assert_cmpstr (out, ==, original);
  }
}

/* A file not found anywhere is written again under the manifest's name
 * (the user deleted it); one whose sub-folder is gone, or whose name now
 * holds another article's file, becomes a new file at the top.  Paths in
 * a hand-edited manifest never lead out of the vault. */
static void
test_vault_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/gone", "Gone", 1700000000);
  g_autoptr (ClipperArticle) b = add_article (f->store, "https://example.com/folder", "Folder", 1700000000);
  g_autoptr (ClipperArticle) c = add_article (f->store, "https://example.com/hostile", "Hostile", 1700000000);
  g_autofree char *uid_a = clipper_export_article_uid (a);
  g_autofree char *uid_b = clipper_export_article_uid (b);
  g_autofree char *uid_c = clipper_export_article_uid (c);
  g_autofree char *manifest = g_build_filename (f->vault, CLIPPER_VAULT_MANIFEST, NULL);
  g_autofree char *name = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  move_in (f->vault, "Folder.md", "Sub/Folder.md");
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.moved, ==, 1);

  /* The user deletes a file, and a whole sub-folder. */
  {
    g_autofree char *sub = g_build_filename (f->vault, "Sub", NULL);
    g_autofree char *path = g_build_filename (f->vault, "Gone.md", NULL);

    clipper_test_remove_tree (sub);
    g_assert_cmpint (g_unlink (path), ==, 0);
  }
  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.moved, ==, 0);
  g_assert_cmpuint (stats.written, ==, 2);
  g_assert_true (test_in (f->vault, "Gone.md", G_FILE_TEST_IS_REGULAR));
  g_assert_true (test_in (f->vault, "Folder.md", G_FILE_TEST_IS_REGULAR));
  g_assert_false (test_in (f->vault, "Sub", G_FILE_TEST_EXISTS));
  name = manifest_file (f, uid_b);
  g_assert_cmpstr (name, ==, "Folder.md");

  /* Hostile paths for "Hostile": each refused, the file written inside. */
  for (const char *const *bad = (const char *const[]){ "../Hostile.md", "/tmp/Hostile.md", ".hidden/Hostile.md",
                                                       "Sub/../../Hostile.md", "Sub//Hostile.md", NULL };
       *bad != NULL; bad++)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *c_name = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, uid_a);
      json_builder_add_string_value (builder, "Gone.md");
      json_builder_set_member_name (builder, uid_b);
      json_builder_add_string_value (builder, "Folder.md");
      json_builder_set_member_name (builder, uid_c);
      json_builder_add_string_value (builder, *bad);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      g_assert_true (json_generator_to_file (gen, manifest, NULL));
      {
        g_autofree char *path = g_build_filename (f->vault, "Hostile.md", NULL);

        g_unlink (path);
      }

      export_vault (f, NULL, &stats);
      c_name = manifest_file (f, uid_c);
      g_assert_cmpstr (c_name, ==, "Hostile.md");
      g_assert_false (test_in (f->dir, "Hostile.md", G_FILE_TEST_EXISTS));
    }

  /* The user deletes "Gone.md" and gives another article's file its name:
   * that file is followed, and "Gone" gets a new file. */
  {
    g_autofree char *path = g_build_filename (f->vault, "Gone.md", NULL);
    g_autofree char *gone = NULL;
    g_autofree char *a_name = NULL;
    g_autofree char *a_file = NULL;
    g_autofree char *b_name = NULL;

    g_assert_cmpint (g_unlink (path), ==, 0);
    move_in (f->vault, "Folder.md", "Gone.md");
    export_vault (f, NULL, &stats);
    g_assert_cmpuint (stats.moved, ==, 1);
    gone = read_file (f->vault, "Gone.md");
    g_assert_nonnull (strstr (gone, "url: \"https://example.com/folder\""));
    b_name = manifest_file (f, uid_b);
    g_assert_cmpstr (b_name, ==, "Gone.md");
    a_name = manifest_file (f, uid_a);
    g_assert_cmpstr (a_name, !=, "Gone.md");
    a_file = read_file (f->vault, a_name);
    g_assert_nonnull (a_file);
    g_assert_nonnull (strstr (a_file, "url: \"https://example.com/gone\""));
  }
}

/* A lost manifest and files the user had moved: each is found again in its
 * sub-folder, with no duplicate at the top. */
static void
test_vault_manifest_lost (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/lost", "Lost", 1700000000);
  g_autoptr (ClipperArticle) b = add_article (f->store, "https://example.com/kept", "Kept", 1700000000);
  g_autofree char *uid_a = clipper_export_article_uid (a);
  g_autofree char *manifest = g_build_filename (f->vault, CLIPPER_VAULT_MANIFEST, NULL);
  g_autofree char *name = NULL;
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  move_in (f->vault, "Lost.md", "Deep/er/Lost.md");
  g_assert_cmpint (g_unlink (manifest), ==, 0);

  export_vault (f, NULL, &stats);
  g_assert_cmpuint (stats.written, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 2);
  g_assert_false (test_in (f->vault, "Lost.md", G_FILE_TEST_EXISTS));
  g_assert_true (test_in (f->vault, "Kept.md", G_FILE_TEST_IS_REGULAR));
  name = manifest_file (f, uid_a);
  g_assert_cmpstr (name, ==, "Deep/er/Lost.md");
  (void) b;
}

/* For g_ptr_array_find_with_equal_func(): a message holding @needle. */
static gboolean
strstr_equal (gconstpointer message, gconstpointer needle)
{
  return strstr (message, needle) != NULL;
}

/* An empty manifest (a crash or a sync conflict leaves one) or "{}" is no
 * manifest: files are found again by their clipper-id, even moved, with a
 * message, and the manifest is written anew; one that is something else
 * still stops the export. */
static void
test_vault_manifest_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/empty", "Empty", 1700000000);
  g_autofree char *uid = clipper_export_article_uid (a);
  g_autofree char *manifest = g_build_filename (f->vault, CLIPPER_VAULT_MANIFEST, NULL);
  const char *const empty[] = { "", "\n", "{}", " { }\n" };
  const char *const other[] = { "[]", "{\"files\": []}", "{\"version\": 1}" };
  ClipperVaultStats stats = { 0 };

  export_vault (f, NULL, &stats);
  move_in (f->vault, "Empty.md", "Sub/Empty.md");
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autofree char *name = NULL;

      g_assert_true (g_file_set_contents (manifest, empty[i], -1, NULL));
      g_ptr_array_set_size (messages, 0);
      export_vault (f, NULL, &stats);
      g_assert_cmpuint (stats.written, ==, 0);
      g_assert_cmpuint (stats.unchanged, ==, 1);
      g_assert_cmpuint (count_files (f->vault), ==, 2);   /* "Sub" and the manifest */
      g_assert_true (g_ptr_array_find_with_equal_func (messages, "is empty: files are found again", strstr_equal,
                                                       NULL));
      name = manifest_file (f, uid);
      g_assert_cmpstr (name, ==, "Sub/Empty.md");
    }
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (g_file_set_contents (manifest, other[i], -1, NULL));
      g_assert_false (clipper_markdown_export_vault (f->store, f->vault, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID);
    }
}

static void
on_progress (guint64 done, guint64 total, gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static void
test_vault_async (Fixture *f, gconstpointer data)
{
  G_GNUC_UNUSED g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/async", "Async", 1700000000);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  ClipperVaultStats stats = { 0 };
  guint64 last = 0;

  clipper_markdown_export_vault_async (f->db_path, f->vault, NULL, on_progress, &last, NULL, NULL,
                                       clipper_test_keep_result_cb, &result);
  clipper_test_wait_for_result (&result);
  g_assert_true (clipper_markdown_export_vault_finish (result, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.written, ==, 1);
  /* Progress reached the end before the result arrived. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (last, ==, 1);
}

/* clipper-cli export: one ID to stdout, a vault, JSON to a file, usage errors. */
static void
test_cli_export (Fixture *f, gconstpointer data)
{
  g_autoptr (ClipperArticle) a = add_article (f->store, "https://example.com/cli", "From the CLI", 1700000000);
  g_autofree char *json_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_article_get_id (a));
  struct {
    const char *args[8];
    int         status;
    const char *stdout_part;
  } runs[] = {
    { { "export", id, NULL }, 0, "title: \"From the CLI\"" },
    { { "export", id, "--out", "-", NULL }, 0, "<!-- clipper:begin -->" },
    { { "export", "--out", f->vault, NULL }, 0, "exported 1 article, 0 highlights to" },
    { { "export", "--out", f->vault, "--prune", NULL }, 0, "0 deleted" },
    { { "export", "--format", "json", "--out", json_path, NULL }, 0, "exported 1 article" },
    { { "export", "--format", "json", NULL }, 0, "\"AnnotationCollection\"" },
    { { "export", "--format", "pdf", NULL }, 2, "" },
    { { "export", NULL }, 2, "" },
    { { "export", "999", NULL }, 1, "" },
    { { "export", id, "--format", "json", "--body", NULL }, 2, "" },
  };

  if (clipper_test_skip_without_cli ())
    return;
  g_clear_object (&f->store);

  for (gsize i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      ClipperTestCliOptions options = { .db_path = f->db_path };
      g_auto (ClipperTestRun) run = { 0 };

      g_test_message ("run %" G_GSIZE_FORMAT, i);
      clipper_test_run_cli (&run, &options, runs[i].args);
      g_assert_cmpint (run.status, ==, runs[i].status);
      g_assert_nonnull (strstr (run.out, runs[i].stdout_part));
      if (runs[i].status != 0)
        g_assert_cmpstr (run.err, !=, "");
    }
  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));

  /* The summary says when a file was followed to where the user moved it. */
  {
    ClipperTestCliOptions options = { .db_path = f->db_path };
    g_auto (ClipperTestRun) run = { 0 };
    const char *args[] = { "export", "--out", f->vault, NULL };

    move_in (f->vault, "From the CLI.md", "Sub/From the CLI.md");
    clipper_test_run_cli (&run, &options, args);
    g_assert_cmpint (run.status, ==, 0);
    g_test_message ("%s", run.out);
    g_assert_nonnull (strstr (run.out, "0 files written, 1 unchanged; 1 file found renamed or moved and kept there, "
                                       "0 other copies left as they were\n"));
    g_assert_false (test_in (f->vault, "From the CLI.md", G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_log_set_writer_func (keep_messages, NULL, NULL);
  messages = g_ptr_array_new_with_free_func (g_free);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/escape/cmark", test_escape_cmark);
  g_test_add_func ("/export/escape/paragraphs", test_escape_paragraphs);
  g_test_add_func ("/export/note-markdown", test_note_markdown);
  g_test_add ("/export/markdown/cmark", Fixture, NULL, fixture_set_up, test_render_cmark, fixture_tear_down);
  g_test_add ("/export/markdown/highlight", Fixture, NULL, fixture_set_up, test_render_highlight, fixture_tear_down);
  g_test_add ("/export/markdown/orphan", Fixture, NULL, fixture_set_up, test_render_orphan, fixture_tear_down);
  g_test_add ("/export/markdown/unplaced", Fixture, NULL, fixture_set_up, test_render_unplaced, fixture_tear_down);
  g_test_add ("/export/markdown/old-quote", Fixture, NULL, fixture_set_up, test_render_old_quote, fixture_tear_down);
  g_test_add ("/export/markdown/front-matter-yaml", Fixture, NULL, fixture_set_up, test_front_matter_yaml, fixture_tear_down);
  g_test_add_func ("/export/text-fragment", test_text_fragment);
  g_test_add_func ("/export/uid", test_uid);
  g_test_add_func ("/export/file-names", test_file_names);
  g_test_add_func ("/export/template/render", test_template);
  g_test_add_func ("/export/template/errors", test_template_errors);
  g_test_add ("/export/template/custom", Fixture, NULL, fixture_set_up, test_custom_template, fixture_tear_down);
  g_test_add ("/export/golden/markdown", Fixture, NULL, fixture_set_up, test_golden_markdown, fixture_tear_down);
  g_test_add ("/export/golden/json", Fixture, NULL, fixture_set_up, test_golden_json, fixture_tear_down);
  g_test_add_func ("/export/body/markdown", test_body_markdown);
  g_test_add_func ("/export/body/data-picture", test_body_data_picture);
  g_test_add_func ("/export/body/marks", test_body_marks);
  g_test_add_func ("/export/body/links-within", test_body_links_within);
  g_test_add ("/export/vault/re-export", Fixture, NULL, fixture_set_up, test_vault, fixture_tear_down);
  g_test_add ("/export/vault/position-alone", Fixture, NULL, fixture_set_up, test_vault_position_alone,
              fixture_tear_down);
  g_test_add ("/export/vault/reading-keeps-manifest", Fixture, NULL, fixture_set_up,
              test_vault_reading_keeps_manifest, fixture_tear_down);
  g_test_add ("/export/vault/long-excerpt", Fixture, NULL, fixture_set_up, test_long_excerpt, fixture_tear_down);
  g_test_add ("/export/vault/foreign-files", Fixture, NULL, fixture_set_up, test_vault_foreign_files, fixture_tear_down);
  g_test_add ("/export/vault/async", Fixture, NULL, fixture_set_up, test_vault_async, fixture_tear_down);
  g_test_add ("/export/vault/renamed", Fixture, "My name.md", fixture_set_up, test_vault_moved, fixture_tear_down);
  g_test_add ("/export/vault/moved", Fixture, "Reading/2026/Moving.md", fixture_set_up, test_vault_moved,
              fixture_tear_down);
  g_test_add ("/export/vault/duplicates", Fixture, NULL, fixture_set_up, test_vault_duplicates, fixture_tear_down);
  g_test_add ("/export/vault/links-and-hidden", Fixture, NULL, fixture_set_up, test_vault_links_and_hidden,
              fixture_tear_down);
  g_test_add ("/export/vault/not-found", Fixture, NULL, fixture_set_up, test_vault_not_found, fixture_tear_down);
  g_test_add ("/export/vault/manifest-lost", Fixture, NULL, fixture_set_up, test_vault_manifest_lost,
              fixture_tear_down);
  g_test_add ("/export/vault/manifest-empty", Fixture, NULL, fixture_set_up, test_vault_manifest_empty,
              fixture_tear_down);
  g_test_add ("/export/cli", Fixture, NULL, fixture_set_up, test_cli_export, fixture_tear_down);

  status = g_test_run ();
  g_ptr_array_unref (messages);
  return status;
}
