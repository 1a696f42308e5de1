/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli library commands: list, show, search, tag, untag, highlight,
 * highlights, reattach, note, delete, delete-highlight.  (add lives in
 * clipper-cli-add.c.)
 *
 * Text output is for people; --format json is for scripts and stable: see
 * clipper-cli-format.h for the shapes.  String options are parsed as
 * FILENAME, which GOption passes through untouched, because STRING options
 * are converted from the locale's charset and fail on any non-ASCII
 * argument under LANG=C; every text argument is checked for UTF-8 here.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clipper-anchor.h"
#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-kindle.h"
#include "clipper-markdown.h"
#include "clipper-reanchor.h"

static const char *const text_json_formats[] = { "text", "json", NULL };

/* Lists fetch this many articles per query: keyset paging keeps memory flat
 * however large the library is. */
#define LIST_PAGE_SIZE 100

/* Search results unless --limit says otherwise. */
#define SEARCH_DEFAULT_LIMIT 20

/* Reports @error about the article or highlight @id: "there is no …" for
 * an unknown id, the store's own message otherwise. */
static int
fail_with_store_error (const GError *error, const char *what, gint64 id)
{
  if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    return clipper_cli_fail ("there is no %s %" G_GINT64_FORMAT, what, id);

  return clipper_cli_print_error (error);
}

static gboolean
check_color (const char *command, const char *color)
{
  g_autofree char *names = NULL;

  if (color == NULL || clipper_highlight_color_is_valid (color))
    return TRUE;

  names = g_strjoinv (", ", (char **) clipper_highlight_colors ());
  clipper_cli_usage_error (command, "unknown colour '%s' (one of %s)",
                           g_utf8_validate (color, -1, NULL) ? color : "?", names);
  return FALSE;
}

/* Quoted as the app's tags field writes them: joined with ", " alone,
 * the tags "Smith, John" and "x" read as three. */
static char *
dup_joined_tags (const char *const *tags)
{
  g_autofree char *joined = NULL;

  if (tags == NULL || tags[0] == NULL)
    return NULL;
  joined = clipper_tags_field_format (tags);
  return clipper_text_dup_one_line (joined);
}

/* Prints one highlight for people: where it is, the quote, the note, tags. */
static void
print_highlight_text (ClipperHighlight *highlight, gboolean with_article)
{
  g_autofree char *quote = clipper_text_dup_one_line (clipper_highlight_get_quote (highlight));
  g_autofree char *date = clipper_cli_format_date (clipper_highlight_get_created_at (highlight));
  g_autofree char *tags = dup_joined_tags (clipper_highlight_get_tags (highlight));
  g_autofree char *note = clipper_cli_dup_printable (clipper_highlight_get_note (highlight));
  const char *before = clipper_highlight_get_quote_before_change (highlight);
  g_autofree char *location = clipper_kindle_dup_location (clipper_highlight_get_article_url (highlight), highlight);
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "highlight %" G_GINT64_FORMAT " · %s",
                          clipper_highlight_get_id (highlight),
                          clipper_highlight_get_color (highlight));
  if (with_article)
    {
      g_autofree char *title = clipper_text_dup_one_line (clipper_highlight_get_article_title (highlight));
      g_string_append_printf (head, " · article %" G_GINT64_FORMAT,
                              clipper_highlight_get_article_id (highlight));
      if (title[0] != '\0')
        g_string_append_printf (head, " “%s”", title);
    }
  if (date != NULL)
    g_string_append_printf (head, " · %s", date);
  /* A book's highlights were never in a text: where they are in the book
   * is what finds them there. */
  if (clipper_highlight_get_page (highlight) != NULL)
    g_string_append_printf (head, " · Page %s", clipper_highlight_get_page (highlight));
  if (location != NULL)
    g_string_append_printf (head, " · Location %s", location);
  else if (!clipper_highlight_get_anchored (highlight) &&
           !clipper_kindle_is_book_url (clipper_highlight_get_article_url (highlight)))
    {
      /* QA: a library restored from its vault called all its highlights
       * orphans, as if every passage had gone from its article. */
      if (!clipper_highlight_get_article_has_text (highlight))
        g_string_append_printf (head, " · not placed: the article's text is not in the library yet "
                                      "(Fetch Again, or clipper-cli refetch %" G_GINT64_FORMAT ")",
                                clipper_highlight_get_article_id (highlight));
      else
        g_string_append (head, " · orphan (no longer found in the article)");
    }

  clipper_cli_print ("%s\n  “%s”\n", head->str, quote);
  /* The page changed under it since: what the reader chose, to compare. */
  if (before != NULL)
    {
      g_autofree char *line = clipper_text_dup_one_line (before);

      clipper_cli_print ("  When highlighted: “%s”\n", line);
    }
  if (note[0] != '\0')
    {
      g_auto (GStrv) lines = g_strsplit (note, "\n", -1);
      clipper_cli_print ("  Note: %s\n", lines[0]);
      for (gsize i = 1; lines[i] != NULL; i++)
        clipper_cli_print ("        %s\n", lines[i]);
    }
  if (tags != NULL)
    clipper_cli_print ("  Tags: %s\n", tags);

  g_string_free (head, TRUE);
}

/* ---- list ---------------------------------------------------------------- */

/* The date an article is shown with (clipper_article_get_display_date()):
 * "saved …", or a Kindle book's "highlighted …".  NULL for no date at all. */
static char *
dup_article_date (ClipperArticle *article)
{
  gboolean by_clipping;
  gint64 date = clipper_article_get_display_date (article, &by_clipping);
  g_autofree char *day = clipper_cli_format_date (date);

  if (day == NULL)
    return NULL;
  return g_strdup_printf (by_clipping ? "highlighted %s" : "saved %s", day);
}

/* @part after what @line says, " · " between. */
static void
append_part (GString *line, const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (line->len > 0)
    g_string_append (line, " · ");
  g_string_append (line, part);
}

/* The reading time ("12 min"), or NULL for what has no text to read: a
 * Kindle book, or an article restored from a vault before Fetch Again
 * (the app's rows leave it out too; "0 min" said the opposite). */
static char *
dup_reading_time (ClipperArticle *article)
{
  if (!clipper_article_has_text (article))
    return NULL;
  return clipper_cli_format_reading_time (clipper_article_get_reading_minutes (article));
}

static void
print_article_line (ClipperArticle *article)
{
  g_autofree char *title = clipper_text_dup_one_line (clipper_article_get_title (article));
  g_autofree char *site = clipper_text_dup_one_line (clipper_article_get_site_name (article));
  g_autofree char *date = dup_article_date (article);
  g_autofree char *tags = dup_joined_tags (clipper_article_get_tags (article));
  g_autofree char *reading = dup_reading_time (article);
  g_autofree char *count = NULL;
  guint n_highlights = clipper_article_get_highlight_count (article);
  GString *details = g_string_new (NULL);

  append_part (details, site);
  /* A book has no site: its authors tell it from the others, as in the
   * app's rows. */
  if (site[0] == '\0' && clipper_kindle_is_book_url (clipper_article_get_url (article)))
    {
      g_autofree char *byline = clipper_text_dup_one_line (clipper_article_get_byline (article));

      append_part (details, byline);
    }
  /* The day alone for an article, as always: "highlighted …" for a book. */
  if (date != NULL)
    append_part (details, g_str_has_prefix (date, "saved ") ? date + strlen ("saved ") : date);
  append_part (details, reading);
  count = g_strdup_printf ("%u highlight%s", n_highlights, n_highlights == 1 ? "" : "s");
  append_part (details, count);
  if (tags != NULL)
    g_string_append_printf (details, " · tags: %s", tags);
  if (clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED)
    g_string_append (details, " · archived");

  clipper_cli_print ("%5" G_GINT64_FORMAT " %s %s\n      %s\n", clipper_article_get_id (article),
                     clipper_article_get_starred (article) ? "★" : " ",
                     title[0] != '\0' ? title : "(untitled)", details->str);
  g_string_free (details, TRUE);
}

int
clipper_cli_cmd_list (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *tag = NULL;
  g_autofree char *state = NULL;
  g_autofree char *format = NULL;
  gboolean starred = FALSE;
  int limit = G_MININT;  /* not given: all */
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (ClipperArticle) after = NULL;
  ClipperListQuery query = { NULL, CLIPPER_STATE_FILTER_UNREAD, FALSE, CLIPPER_LIST_SORT_SAVED_DESC,
                             0 };
  ClipperStore *store;
  int status;
  GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME, &tag, "Only articles with this tag", "TAG" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      "unread (default: everything not archived), archived or all", "STATE" },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, "Only starred articles", NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "At most N articles (default: all)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
    context, "Lists saved articles, newest first.\n"
             "JSON: an array of article objects (id, url, title, byline, siteName,\n"
             "savedAt, state, starred, wordCount, readingMinutes, highlightCount,\n"
             "tags, …).");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "list", &argc, &argv)) >= 0)
    return status;

  if (argc > 1)
    return clipper_cli_usage_error ("list", "unexpected argument '%s'", argv[1]);
  if (!clipper_cli_check_format ("list", format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;
  /* (--limit 0 listed everything, where search refuses it.) */
  if (limit != G_MININT && limit <= 0)
    return clipper_cli_usage_error ("list", "--limit must be a positive number");
  if (state == NULL || g_str_equal (state, "unread"))
    query.state = CLIPPER_STATE_FILTER_UNREAD;
  else if (g_str_equal (state, "archived"))
    query.state = CLIPPER_STATE_FILTER_ARCHIVED;
  else if (g_str_equal (state, "all"))
    query.state = CLIPPER_STATE_FILTER_ALL;
  else
    return clipper_cli_usage_error ("list", "unknown state '%s' (one of unread, archived, all)",
                                    g_utf8_validate (state, -1, NULL) ? state : "?");
  if (tag != NULL && !clipper_cli_check_text ("the tag", tag, FALSE))
    return CLIPPER_CLI_EXIT_FAILED;
  query.tag = tag;
  query.starred_only = starred;

  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  for (;;)
    {
      g_autoptr (GPtrArray) page = NULL;
      g_autoptr (GError) error = NULL;
      guint wanted = LIST_PAGE_SIZE;

      if (limit > 0)
        wanted = MIN (wanted, (guint) limit - articles->len);
      if (wanted == 0)
        break;

      query.limit = wanted;
      page = clipper_store_list_articles (store, &query, after, &error);
      if (page == NULL)
        return clipper_cli_print_error (error);

      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (page, i)));

      if (page->len < wanted)
        break;
      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < articles->len; i++)
        clipper_cli_json_add_article (builder, g_ptr_array_index (articles, i), FALSE, NULL);
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
    }
  else if (articles->len == 0)
    clipper_cli_print ("No articles.\n");
  else
    {
      for (guint i = 0; i < articles->len; i++)
        print_article_line (g_ptr_array_index (articles, i));
    }

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- show ---------------------------------------------------------------- */

/* Whether @byline has the word "by" in it, in any case. */
static gboolean
says_by (const char *byline)
{
  g_autofree char *lower = g_ascii_strdown (byline, -1);

  for (const char *p = lower; (p = strstr (p, "by")) != NULL; p++)
    if ((p == lower || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[2]))
      return TRUE;
  return FALSE;
}

/* Whether two lines (clipper_text_dup_one_line()'s, white space already
 * one space) are the same words, case aside. */
static gboolean
same_words (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return strcmp (fa, fb) == 0;
}

static void
print_article_text (ClipperArticle *article, GPtrArray *highlights)
{
  g_autofree char *title = clipper_text_dup_one_line (clipper_article_get_title (article));
  g_autofree char *byline = clipper_text_dup_one_line (clipper_article_get_byline (article));
  g_autofree char *site = clipper_text_dup_one_line (clipper_article_get_site_name (article));
  g_autofree char *date = dup_article_date (article);
  g_autofree char *reading = dup_reading_time (article);
  g_autofree char *tags = dup_joined_tags (clipper_article_get_tags (article));
  g_autofree char *html_blocks = clipper_cli_html_to_blocks (clipper_article_get_html (article));
  g_autofree char *blocks = clipper_cli_dup_printable (html_blocks);
  g_autofree char *published_date = clipper_cli_format_published (clipper_article_get_published_time (article));
  g_autofree char *published = clipper_text_dup_one_line (published_date);
  g_autofree char *url = clipper_text_dup_one_line (clipper_article_get_url (article));
  GString *line = g_string_new (NULL);

  clipper_cli_print ("%s\n", title[0] != '\0' ? title : "(untitled)");

  /* Many bylines say "by" themselves ("By Erin Cunningham", "Written by
   * Rob Ewaschuk Edited by Betsy Beyer"); another "By" read "By By Erin
   * Cunningham". */
  if (byline[0] != '\0')
    g_string_append_printf (line, "%s%s", says_by (byline) ? "" : "By ", byline);
  /* A byline that is the site's name (the BBC's "BBC News") is said once. */
  if (site[0] != '\0' && !same_words (site, byline))
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", site);
  if (published[0] != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", published);
  if (line->len > 0)
    clipper_cli_print ("%s\n", line->str);
  clipper_cli_print ("%s\n", url);

  g_string_truncate (line, 0);
  g_string_append_printf (line, "Article %" G_GINT64_FORMAT, clipper_article_get_id (article));
  append_part (line, date);
  append_part (line, reading);
  append_part (line, clipper_read_state_to_string (clipper_article_get_read_state (article)));
  if (clipper_article_get_starred (article))
    g_string_append (line, " · ★");
  if (tags != NULL)
    g_string_append_printf (line, " · tags: %s", tags);
  clipper_cli_print ("%s\n\n", line->str);
  g_string_free (line, TRUE);

  /* The stored text is textContent, where blocks run together; the
   * blocks of the stored HTML read as paragraphs. */
  if (blocks[0] != '\0')
    clipper_cli_print ("%s\n", blocks);
  else
    {
      g_autofree char *text = clipper_cli_dup_printable (clipper_article_get_text (article));
      clipper_cli_print ("%s\n", text);
    }

  if (highlights != NULL && highlights->len > 0)
    {
      clipper_cli_print ("\nHighlights (%u)\n\n", highlights->len);
      for (guint i = 0; i < highlights->len; i++)
        print_highlight_text (g_ptr_array_index (highlights, i), FALSE);
    }
}

int
clipper_cli_cmd_show (ClipperCli *cli, int argc, char **argv)
{
  static const char *const formats[] = { "text", "html", "json", "markdown", NULL };
  g_autofree char *format = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlightQuery query = { 0, NULL, NULL, FALSE, 0 };
  ClipperStore *store;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default), html, json or markdown",
      "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("ID");
  g_option_context_set_summary (
    context, "Shows a saved article.\n"
             "text: a header and the article's paragraphs; html: the stored sanitized\n"
             "HTML; json: every field with html, text, tags and highlights;\n"
             "markdown: front matter, the text (highlights marked ==like this==)\n"
             "and the highlights with their notes, as 'export --body' writes it.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "show", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error ("show", argc < 2 ? "give the id of the article to show"
                                                     : "give one article id");
  if (!clipper_cli_parse_id ("show", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (!clipper_cli_check_format ("show", format, formats))
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  article = clipper_store_get_article (store, id, &error);
  if (article == NULL)
    return fail_with_store_error (error, "article", id);

  query.article_id = id;
  highlights = clipper_store_list_highlights (store, &query, &error);
  if (highlights == NULL)
    return clipper_cli_print_error (error);

  if (g_str_equal (format, "html"))
    {
      const char *html = clipper_article_get_html (article);
      clipper_cli_print ("%s\n", html != NULL ? html : "");
    }
  else if (g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      clipper_cli_json_add_article (builder, article, TRUE, highlights);
      clipper_cli_print_json (builder);
    }
  else if (g_str_equal (format, "markdown"))
    {
      /* The exporter's rendering, so "show" and "export" agree. */
      g_autoptr (ClipperExportOptions) options = clipper_export_options_new ();
      g_autofree char *markdown = NULL;

      options->include_body = TRUE;
      markdown = clipper_markdown_render_article (article, highlights, options, &error);
      if (markdown == NULL)
        return clipper_cli_print_error (error);
      clipper_cli_print ("%s", markdown);
    }
  else
    print_article_text (article, highlights);

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- search -------------------------------------------------------------- */

/* A passage named above a match in its note: a line of a terminal. */
#define SEARCH_QUOTE_CHARS 72

/* ClipperSearchMatch in JSON. */
static const char *const search_match_names[] = { "text", "note", "tag" };

/* Whether @arg is a word the query leaves out ("-Sydney", -"New York"),
 * not an option: a dash, then a letter, a digit or a quote, and not one
 * of search's short options alone ("-n", "-f", "-h"). */
static gboolean
is_query_exclusion (const char *arg)
{
  if (arg[0] != '-' || arg[1] == '-' || arg[1] == '\0')
    return FALSE;
  if (arg[2] == '\0' && strchr ("nfh?", arg[1]) != NULL)
    return FALSE;
  return arg[1] == '"' || g_unichar_isalnum (g_utf8_get_char (arg + 1));
}

/* GOption took "search Uber -Sydney" for an unknown option -S…: the words
 * the query leaves out go after a "--", where options end.  The order of
 * the query's words does not matter to what -word does. */
static char **
move_exclusions_past_options (int argc, char **argv, int *out_argc)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *moved = g_ptr_array_new ();
  int i;

  for (i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      g_ptr_array_add (i > 0 && is_query_exclusion (argv[i]) ? moved : out, argv[i]);
    }
  if (moved->len > 0 || i < argc)
    g_ptr_array_add (out, (char *) "--");
  for (guint j = 0; j < moved->len; j++)
    g_ptr_array_add (out, moved->pdata[j]);
  for (i++; i < argc; i++)
    g_ptr_array_add (out, argv[i]);
  g_ptr_array_free (moved, TRUE);
  *out_argc = out->len;
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

int
clipper_cli_cmd_search (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *query = NULL;
  g_autofree char **args = NULL;
  int limit = SEARCH_DEFAULT_LIMIT;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  int status;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "At most N results (default 20)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("QUERY");
  g_option_context_set_summary (
    context, "Searches titles, bylines, article text, quotes, notes and tags, best\n"
             "first: what carries a tag the query names comes first.\n"
             "Words match as prefixes; \"quoted phrases\", AND, OR, NOT and word*\n"
             "work as in SQLite FTS5.  -word (or -\"a phrase\") leaves out what holds\n"
             "that word; a query needs one word to look for as well.  tag:NAME,\n"
             "tag:\"a name\" and color:NAME filter the hits (-tag:NAME leaves out);\n"
             "alone they list what passes them.  Several\n"
             "arguments are one query; after -- every argument is the query's.\n"
             "Text marks the matches in ⟦brackets⟧ (real bold on a terminal), and\n"
             "gives a highlight's passage above a match in its note.\n"
             "JSON: an array of {kind: \"article\"|\"highlight\", articleId,\n"
             "highlightId (null for articles), title, snippet (plain text),\n"
             "snippetHtml (escaped, matches in <b>…</b>), matches ([[start, end], …]:\n"
             "code-point ranges of the matches in snippet), rank (lower is better),\n"
             "match (\"text\"|\"note\"|\"tag\": where the query was found), quote\n"
             "(a highlight's passage; null for articles), tag (the tag the query\n"
             "names, or null)}.");
  g_option_context_add_main_entries (context, entries, NULL);
  args = move_exclusions_past_options (argc, argv, &argc);
  argv = args;
  if ((status = clipper_cli_parse (context, "search", &argc, &argv)) >= 0)
    return status;
  /* GOption leaves the "--" where options ended: not the query's. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (argv + i, argv + i + 1, (argc - i) * sizeof (char *));
        argc--;
        break;
      }

  if (argc < 2)
    return clipper_cli_usage_error ("search", "give something to search for");
  if (!clipper_cli_check_format ("search", format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;
  if (limit <= 0)
    return clipper_cli_usage_error ("search", "--limit must be a positive number");

  query = g_strjoinv (" ", argv + 1);
  if (!clipper_cli_check_text ("the search query", query, FALSE))
    return CLIPPER_CLI_EXIT_FAILED;

  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  hits = clipper_store_search (store, query, (guint) limit, &error);
  if (hits == NULL)
    {
      if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY))
        return clipper_cli_fail ("cannot search for '%s': %s", query, error->message);
      return clipper_cli_print_error (error);
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          ClipperSearchHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (
            builder, hit->kind == CLIPPER_SEARCH_HIT_ARTICLE ? "article" : "highlight");
          json_builder_set_member_name (builder, "articleId");
          json_builder_add_int_value (builder, hit->article_id);
          json_builder_set_member_name (builder, "highlightId");
          if (hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
            json_builder_add_int_value (builder, hit->highlight_id);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "title");
          if (hit->title != NULL)
            json_builder_add_string_value (builder, hit->title);
          else
            json_builder_add_null_value (builder);
          clipper_cli_json_add_snippet (builder, hit->snippet);
          json_builder_set_member_name (builder, "rank");
          json_builder_add_double_value (builder, hit->rank);
          json_builder_set_member_name (builder, "match");
          json_builder_add_string_value (builder, search_match_names[hit->match]);
          json_builder_set_member_name (builder, "quote");
          if (hit->quote != NULL)
            json_builder_add_string_value (builder, hit->quote);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "tag");
          if (hit->tag != NULL)
            json_builder_add_string_value (builder, hit->tag);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return CLIPPER_CLI_EXIT_OK;
    }

  if (hits->len == 0)
    {
      clipper_cli_print ("No matches.\n");
      return CLIPPER_CLI_EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = clipper_text_dup_one_line (hit->title);
      g_autofree char *printable = clipper_cli_dup_printable (hit->snippet);
      g_autofree char *snippet = clipper_snippet_render (printable,
                                                         isatty (STDOUT_FILENO) ? CLIPPER_SNIPPET_ANSI
                                                                                : CLIPPER_SNIPPET_BRACKETS,
                                                         NULL);

      if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE)
        clipper_cli_print ("article %" G_GINT64_FORMAT " · %s\n", hit->article_id, title);
      else
        clipper_cli_print ("highlight %" G_GINT64_FORMAT " · article %" G_GINT64_FORMAT " · %s\n",
                           hit->highlight_id, hit->article_id, title);
      /* Why it matched: a tag, the note under its passage, or the text. */
      if (hit->tag != NULL)
        {
          g_autofree char *tag = clipper_cli_dup_printable (hit->tag);

          clipper_cli_print ("  tagged %s\n", tag);
        }
      if (hit->match == CLIPPER_SEARCH_MATCH_NOTE)
        {
          g_autofree char *quote = clipper_text_dup_short (hit->quote, SEARCH_QUOTE_CHARS);
          g_autofree char *printable_quote = clipper_cli_dup_printable (quote);

          clipper_cli_print ("  “%s”\n  note: %s\n", printable_quote, snippet);
        }
      else if (*snippet != '\0')
        clipper_cli_print ("  %s\n", snippet);
    }

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- tag, untag ---------------------------------------------------------- */

/* Whether article @id has every tag of @tags (any case finds it); says the
 * first it lacks.  untag checks first so that a mistyped tag fails the
 * command without removing the others (a script would not know what was
 * left), as rename-tag and delete-tag fail for a tag nothing has. */
static int
check_article_has_tags (ClipperStore *store, gint64 id, char **tags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperArticle) article = clipper_store_get_article (store, id, &error);
  const char *const *has;

  if (article == NULL)
    return fail_with_store_error (error, "article", id);
  has = clipper_article_get_tags (article);
  for (gsize i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *key = clipper_tag_key (tags[i]);
      gboolean found = FALSE;

      for (gsize j = 0; has != NULL && has[j] != NULL && !found; j++)
        {
          g_autofree char *other = clipper_tag_key (has[j]);

          found = g_str_equal (key, other);
        }
      if (!found)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (tags[i]));
          g_autofree char *name = clipper_cli_dup_printable (trimmed);

          return clipper_cli_fail ("article %" G_GINT64_FORMAT " has no tag '%s'; no tag removed",
                                   id, name);
        }
    }
  return CLIPPER_CLI_EXIT_OK;
}

/* "tag ID TAG...", or, for a script's many articles in one change (QA-r
 * finding 3), "tag ID... --tag TAG...", as add takes its tags. */
static int
run_tag_command (ClipperCli *cli, int argc, char **argv, gboolean add)
{
  const char *command = add ? "tag" : "untag";
  g_auto (GStrv) tag_options = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  char **tags;
  ClipperStore *store;
  int status;
  gboolean ok = TRUE;
  GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tag_options,
      "the tag, for several articles (repeatable): every argument is then an article id", "TAG" },
    { NULL },
  };

  context = g_option_context_new ("ID TAG... | ID... --tag TAG...");
  g_option_context_set_summary (context,
                                add ? "Adds tags to articles, all in one change."
                                    : "Removes tags from articles, all in one change.  A tag an\n"
                                      "article does not have fails the command, and no tag is removed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, command, &argc, &argv)) >= 0)
    return status;

  if (tag_options != NULL)
    {
      if (argc < 2)
        return clipper_cli_usage_error (command, "give the id of one or more articles");
      ids = clipper_cli_parse_ids (command, argc - 1, argv + 1);
      tags = tag_options;
    }
  else
    {
      if (argc < 3)
        return clipper_cli_usage_error (command, argc < 2 ? "give an article id and one or more tags"
                                                          : "give one or more tags");
      ids = clipper_cli_parse_ids (command, 1, argv + 1);
      tags = argv + 2;
    }
  if (ids == NULL)
    return CLIPPER_CLI_EXIT_USAGE;
  if ((status = clipper_cli_check_tags (command, tags)) >= 0)
    return status;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  for (guint i = 0; !add && i < ids->len; i++)
    if ((status = check_article_has_tags (store, g_array_index (ids, gint64, i), tags)) != CLIPPER_CLI_EXIT_OK)
      return status;
  if (!clipper_store_begin (store, &error))
    return clipper_cli_print_error (error);
  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (add)
        ok = clipper_store_tag_article (store, id, (const char *const *) tags, &error);
      else
        ok = clipper_store_untag_article (store, id, (const char *const *) tags, &error);
      if (!ok)
        {
          clipper_store_rollback (store);
          return fail_with_store_error (error, "article", id);
        }
    }
  if (!clipper_store_commit (store, &error))
    return clipper_cli_print_error (error);

  return CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_tag (ClipperCli *cli, int argc, char **argv)
{
  return run_tag_command (cli, argc, argv, TRUE);
}

int
clipper_cli_cmd_untag (ClipperCli *cli, int argc, char **argv)
{
  return run_tag_command (cli, argc, argv, FALSE);
}

/* ---- tags, rename-tag, delete-tag ------------------------------------------ */

int
clipper_cli_cmd_tags (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) counts = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Lists every tag in use, sorted, with how many articles and highlights\n"
                                "carry it.  Text: one tag a line, TAG<tab>ARTICLES<tab>HIGHLIGHTS.\n"
                                "JSON: an array of {name, articles, highlights}.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "tags", &argc, &argv)) >= 0)
    return status;
  if (argc != 1)
    return clipper_cli_usage_error ("tags", "takes no arguments (did you mean 'tag ID TAG…'?)");
  if (!clipper_cli_check_format ("tags", format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  counts = clipper_store_list_tag_counts (store, &error);
  if (counts == NULL)
    return clipper_cli_print_error (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          ClipperTagCount *c = g_ptr_array_index (counts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, c->name);
          json_builder_set_member_name (builder, "articles");
          json_builder_add_int_value (builder, c->n_articles);
          json_builder_set_member_name (builder, "highlights");
          json_builder_add_int_value (builder, c->n_highlights);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return CLIPPER_CLI_EXIT_OK;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      ClipperTagCount *c = g_ptr_array_index (counts, i);
      g_autofree char *name = clipper_cli_dup_printable (c->name);

      clipper_cli_print ("%s\t%u\t%u\n", name, c->n_articles, c->n_highlights);
    }
  return CLIPPER_CLI_EXIT_OK;
}

static int
fail_with_tag_error (const GError *error, const char *tag)
{
  if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    return clipper_cli_fail ("there is no tag '%s' (clipper-cli tags lists them)", tag);
  return clipper_cli_print_error (error);
}

int
clipper_cli_cmd_rename_tag (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  int status;

  context = g_option_context_new ("TAG NEW_NAME");
  g_option_context_set_summary (context,
                                "Renames a tag on every article and highlight.  When NEW_NAME is\n"
                                "another tag's (ignoring case), the two become that tag.");
  if ((status = clipper_cli_parse (context, "rename-tag", &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    return clipper_cli_usage_error ("rename-tag", "give the tag and its new name");
  if ((status = clipper_cli_check_tags ("rename-tag", argv + 1)) >= 0)
    return status;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  if (!clipper_store_rename_tag (store, argv[1], argv[2], &error))
    return fail_with_tag_error (error, argv[1]);
  return CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_delete_tag (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  int status;

  context = g_option_context_new ("TAG");
  g_option_context_set_summary (context,
                                "Takes a tag off every article and highlight.  The articles and\n"
                                "highlights stay.");
  if ((status = clipper_cli_parse (context, "delete-tag", &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return clipper_cli_usage_error ("delete-tag", "give one tag");
  if ((status = clipper_cli_check_tags ("delete-tag", argv + 1)) >= 0)
    return status;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  if (!clipper_store_delete_tag (store, argv[1], &error))
    return fail_with_tag_error (error, argv[1]);
  return CLIPPER_CLI_EXIT_OK;
}

/* ---- highlight ----------------------------------------------------------- */

/* Where @quote, matched at @t, ends, or NULL when it does not match
 * there: its white space read loosely, any run of it (a space, a line
 * break, a paragraph's break) matching any run of the text's, as the vault
 * import reads a quote.  A quote copied from the reader or from the
 * vault's one-line quotes has spaces where the article's text has the line
 * breaks between paragraphs. */
static const char *
match_loosely (const char *t, const char *quote)
{
  const char *q = quote;

  while (*q != '\0')
    {
      gunichar c = g_utf8_get_char (q);

      if (g_unichar_isspace (c))
        {
          if (*t == '\0' || !g_unichar_isspace (g_utf8_get_char (t)))
            return NULL;
          while (*q != '\0' && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          while (*t != '\0' && g_unichar_isspace (g_utf8_get_char (t)))
            t = g_utf8_next_char (t);
          continue;
        }
      if (*t == '\0' || g_utf8_get_char (t) != c)
        return NULL;
      q = g_utf8_next_char (q);
      t = g_utf8_next_char (t);
    }
  return t;
}

/* How many times @quote occurs in @text, white space read loosely
 * (match_loosely(); overlaps count), and where the first lies, in code
 * points.  The quote's white space at either end is left out: it would
 * match at each space of a run. */
static guint
count_occurrences (const char *text, const char *quote, gint64 *out_start, gint64 *out_end)
{
  g_autofree char *trimmed = NULL;
  const char *end = quote + strlen (quote);
  guint n = 0;

  while (*quote != '\0' && g_unichar_isspace (g_utf8_get_char (quote)))
    quote = g_utf8_next_char (quote);
  while (end > quote && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (end == quote)
    return 0;
  trimmed = g_strndup (quote, end - quote);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *match_end = match_loosely (p, trimmed);

      if (match_end == NULL)
        continue;
      if (n == 0)
        {
          *out_start = g_utf8_pointer_to_offset (text, p);
          *out_end = *out_start + g_utf8_pointer_to_offset (p, match_end);
        }
      n++;
    }
  return n;
}

static gboolean
check_note (const char *note)
{
  if (strlen (note) > CLIPPER_CLI_MAX_TEXT_SIZE)
    {
      clipper_cli_fail ("the note is too large (%" G_GSIZE_FORMAT " bytes; at most %d)",
                        strlen (note), CLIPPER_CLI_MAX_TEXT_SIZE);
      return FALSE;
    }
  return clipper_cli_check_text ("the note", note, FALSE);
}

/* Where the passage @quote, typed by the user, stands in article @id (its
 * text @text, prepared as @anchor_text), chosen among repeats by @prefix
 * and @suffix (either may be NULL or empty).  Returns CLIPPER_CLI_EXIT_OK
 * with *@out_start and *@out_end set, or the exit status of the failure it
 * reported. */
static int
place_user_quote (ClipperAnchorText *anchor_text,
                  const char        *text,
                  gint64             id,
                  const char        *quote,
                  const char        *prefix,
                  const char        *suffix,
                  gint64            *out_start,
                  gint64            *out_end)
{
  ClipperTextSelector selector = { NULL, NULL, NULL, -1, -1 };
  ClipperAnchorResult result = { CLIPPER_ANCHOR_ORPHAN, -1, -1, 0.0, 0 };
  guint n_exact;

  selector.exact = quote;
  selector.prefix = prefix != NULL && prefix[0] != '\0' ? prefix : NULL;
  selector.suffix = suffix != NULL && suffix[0] != '\0' ? suffix : NULL;
  clipper_anchor_locate (anchor_text, &selector, &result);

  /* clipper_anchor_locate() is built for re-anchoring, where a wrong place
   * is worse than none: it orphans a short quote that has no context, and
   * will not choose between repeats.  Here the user typed the quote, so an
   * occurrence (its white space read loosely) is all the evidence needed;
   * the anchoring only chooses among repeats by the context given, and
   * names the nearest passage when there is none. */
  n_exact = count_occurrences (text, quote, out_start, out_end);
  if (n_exact == 0)
    {
      if (result.kind == CLIPPER_ANCHOR_FUZZY && result.start >= 0)
        {
          g_autofree char *near = clipper_anchor_text_slice (anchor_text, result.start, result.end);
          g_autofree char *near_line = clipper_text_dup_one_line (near);
          return clipper_cli_fail ("the quote is not in article %" G_GINT64_FORMAT
                                   "; the closest passage is “%s”",
                                   id, near_line);
        }
      return clipper_cli_fail ("the quote is not in article %" G_GINT64_FORMAT, id);
    }
  else if (n_exact > 1 && selector.prefix == NULL && selector.suffix == NULL)
    {
      /* With nothing to choose by, the first is the least surprising. */
      g_printerr ("clipper-cli: the quote occurs %u times; took the first — "
                  "give --prefix/--suffix to choose\n",
                  n_exact);
    }
  else if (n_exact > 1)
    {
      if (result.kind != CLIPPER_ANCHOR_EXACT_POSITION && result.kind != CLIPPER_ANCHOR_EXACT_QUOTE)
        return clipper_cli_fail (
          "the quote occurs %u times in article %" G_GINT64_FORMAT
          " and --prefix/--suffix do not tell which; give more of the text around it",
          n_exact, id);
      *out_start = result.start;
      *out_end = result.end;
    }
  return CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_highlight (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *color = NULL;
  g_autofree char *note = NULL;
  g_auto (GStrv) tags = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperAnchorText) anchor_text = NULL;
  g_autoptr (ClipperHighlight) highlight = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *context_prefix = NULL;
  g_autofree char *context_suffix = NULL;
  ClipperStore *store;
  const char *text;
  gint64 id;
  gint64 start = -1;
  gint64 end = -1;
  int status;
  GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_FILENAME, &quote,
      "The passage to highlight, exactly as in the article", "TEXT" },
    { "prefix", 0, 0, G_OPTION_ARG_FILENAME, &prefix,
      "Text just before the quote, to choose among repeats", "P" },
    { "suffix", 0, 0, G_OPTION_ARG_FILENAME, &suffix,
      "Text just after the quote, to choose among repeats", "S" },
    { "color", 'c', 0, G_OPTION_ARG_FILENAME, &color,
      "yellow (default), green, blue, pink or purple", "NAME" },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, "A note (Markdown) on the highlight", "TEXT" },
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &tags, "Tag the highlight (repeatable)", "TAG" },
    { NULL },
  };

  context = g_option_context_new ("ID");
  g_option_context_set_summary (
    context, "Highlights a passage of article ID and prints the highlight's id.\n"
             "When the quote occurs more than once, --prefix and --suffix choose\n"
             "which; without them the first is highlighted.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "highlight", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error (
      "highlight", argc < 2 ? "give the id of the article to highlight in" : "give one article id");
  if (!clipper_cli_parse_id ("highlight", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;
  if (quote == NULL)
    return clipper_cli_usage_error ("highlight", "give the passage to highlight with --quote");
  if (!check_color ("highlight", color))
    return CLIPPER_CLI_EXIT_USAGE;
  if ((status = clipper_cli_check_tags ("highlight", tags)) >= 0)
    return status;
  if (!clipper_cli_check_text ("the quote", quote, FALSE) ||
      (prefix != NULL && !clipper_cli_check_text ("the prefix", prefix, TRUE)) ||
      (suffix != NULL && !clipper_cli_check_text ("the suffix", suffix, TRUE)) ||
      (note != NULL && !check_note (note)))
    return CLIPPER_CLI_EXIT_FAILED;
  if (strlen (quote) > CLIPPER_CLI_MAX_TEXT_SIZE)
    return clipper_cli_fail ("the quote is too large (%" G_GSIZE_FORMAT " bytes)", strlen (quote));

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  article = clipper_store_get_article (store, id, &error);
  if (article == NULL)
    return fail_with_store_error (error, "article", id);

  text = clipper_article_get_text (article) != NULL ? clipper_article_get_text (article) : "";
  anchor_text = clipper_anchor_text_new (text);
  if ((status = place_user_quote (anchor_text, text, id, quote, prefix, suffix, &start, &end)) != CLIPPER_CLI_EXIT_OK)
    return status;

  exact = clipper_anchor_text_slice (anchor_text, start, end);
  clipper_anchor_text_context (anchor_text, start, end, &context_prefix, &context_suffix);

  highlight = clipper_highlight_new ();
  clipper_highlight_set_article_id (highlight, id);
  clipper_highlight_set_color (highlight, color != NULL ? color : "yellow");
  clipper_highlight_set_quote (highlight, exact);
  clipper_highlight_set_prefix (highlight, context_prefix);
  clipper_highlight_set_suffix (highlight, context_suffix);
  clipper_highlight_set_range (highlight, start, end);
  clipper_highlight_set_note (highlight, note);
  clipper_highlight_set_anchored (highlight, TRUE);
  if (tags != NULL)
    clipper_highlight_set_tags (highlight, (const char *const *) tags);

  /* The highlight and its tags are one change: all or nothing. */
  if (!clipper_store_begin (store, &error))
    return clipper_cli_print_error (error);
  if (!clipper_store_add_highlight (store, highlight, &error) ||
      (tags != NULL && tags[0] != NULL &&
       !clipper_store_set_highlight_tags (store, clipper_highlight_get_id (highlight),
                                          (const char *const *) tags, &error)) ||
      !clipper_store_commit (store, &error))
    {
      clipper_store_rollback (store);
      return clipper_cli_print_error (error);
    }

  clipper_cli_print ("%" G_GINT64_FORMAT "\n", clipper_highlight_get_id (highlight));
  return CLIPPER_CLI_EXIT_OK;
}

/* ---- highlights ---------------------------------------------------------- */

/* The article text orphans' suggestions were last looked for in: a list
 * in text order (one article's highlights) prepares it once; keeping one
 * only bounds the memory of a library-wide list, newest first, whose
 * orphans come from any article. */
typedef struct {
  ClipperStore      *store;
  gint64             article_id;
  ClipperAnchorText *text;
} SuggestCache;

static void
suggest_cache_clear (SuggestCache *cache)
{
  g_clear_pointer (&cache->text, clipper_anchor_text_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SuggestCache, suggest_cache_clear)

/* The passage of its article that reads most like orphan @highlight
 * (clipper_reanchor_suggest()), as *@out_quote and code points
 * [*@out_start, *@out_end); FALSE when none does or the article cannot be
 * read. */
static gboolean
suggest_place (SuggestCache     *cache,
               ClipperHighlight *highlight,
               char            **out_quote,
               gint64           *out_start,
               gint64           *out_end)
{
  gint64 article_id = clipper_highlight_get_article_id (highlight);
  ClipperAnchorText *text;
  ClipperAnchorResult result;

  if (cache->text == NULL || cache->article_id != article_id)
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (cache->store, article_id, NULL);

      if (article == NULL)
        return FALSE;
      g_clear_pointer (&cache->text, clipper_anchor_text_free);
      cache->text = clipper_anchor_text_new (clipper_article_get_text (article) != NULL
                                             ? clipper_article_get_text (article) : "");
      cache->article_id = article_id;
    }
  text = cache->text;
  if (!clipper_reanchor_suggest (text, highlight, &result))
    return FALSE;
  *out_quote = clipper_anchor_text_slice (text, result.start, result.end);
  *out_start = result.start;
  *out_end = result.end;
  return TRUE;
}

int
clipper_cli_cmd_highlights (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *tag = NULL;
  g_autofree char *color = NULL;
  g_autofree char *format = NULL;
  gboolean orphans = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlightQuery query = { 0, NULL, NULL, FALSE, 0 };
  g_auto (SuggestCache) cache = { NULL, 0, NULL };
  ClipperStore *store;
  int status;
  GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME, &tag, "Only highlights with this tag", "TAG" },
    { "color", 'c', 0, G_OPTION_ARG_FILENAME, &color, "Only highlights of this colour", "NAME" },
    { "orphans", 0, 0, G_OPTION_ARG_NONE, &orphans,
      "Only highlights no longer found in their article", NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("[ID]");
  g_option_context_set_summary (
    context, "Lists highlights: of article ID in text order, or of every article\n"
             "newest first.  An orphan comes with the closest passage of its article,\n"
             "if any, which 'reattach ID --suggested' attaches it to.  JSON: an array\n"
             "of highlight objects (id, uuid, articleId, articleTitle, color, quote,\n"
             "prefix, suffix, start, end, note, anchored, originalQuote, tags,\n"
             "createdAt, updatedAt, suggestion: {quote, start, end} or null).");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "highlights", &argc, &argv)) >= 0)
    return status;

  if (argc > 2)
    return clipper_cli_usage_error ("highlights", "give at most one article id");
  if (argc == 2 && !clipper_cli_parse_id ("highlights", argv[1], &query.article_id))
    return CLIPPER_CLI_EXIT_USAGE;
  if (!clipper_cli_check_format ("highlights", format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;
  if (!check_color ("highlights", color))
    return CLIPPER_CLI_EXIT_USAGE;
  if (tag != NULL && !clipper_cli_check_text ("the tag", tag, FALSE))
    return CLIPPER_CLI_EXIT_FAILED;
  query.tag = tag;
  query.color = color;
  query.orphans_only = orphans;

  store = clipper_cli_get_store_to_read (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  /* An unknown article is an error, not an empty list: the user mistyped. */
  if (query.article_id > 0)
    {
      g_autoptr (ClipperArticle) article =
        clipper_store_get_article (store, query.article_id, &error);
      if (article == NULL)
        return fail_with_store_error (error, "article", query.article_id);
    }

  highlights = clipper_store_list_highlights (store, &query, &error);
  if (highlights == NULL)
    return clipper_cli_print_error (error);
  /* --orphans lists what lost its place, to attach again: a Kindle book's
   * highlights never had one (the book's text is not in the clippings). */
  if (orphans)
    for (guint i = highlights->len; i-- > 0;)
      if (clipper_kindle_is_book_url (clipper_highlight_get_article_url (g_ptr_array_index (highlights, i))))
        g_ptr_array_remove_index (highlights, i);
  cache.store = store;

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < highlights->len; i++)
        {
          ClipperHighlight *h = g_ptr_array_index (highlights, i);
          g_autofree char *near = NULL;
          gint64 start, end;

          json_builder_begin_object (builder);
          clipper_cli_json_add_highlight_members (builder, h);
          /* An orphan's closest passage, for `reattach --suggested`; null
           * for a highlight in place (every key is always there). */
          json_builder_set_member_name (builder, "suggestion");
          if (!clipper_highlight_get_anchored (h) && suggest_place (&cache, h, &near, &start, &end))
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "quote");
              json_builder_add_string_value (builder, near);
              json_builder_set_member_name (builder, "start");
              json_builder_add_int_value (builder, start);
              json_builder_set_member_name (builder, "end");
              json_builder_add_int_value (builder, end);
              json_builder_end_object (builder);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
    }
  /* "No highlights." under --orphans read as if the article had none. */
  else if (highlights->len == 0)
    clipper_cli_print (orphans ? "No orphans.\n" : "No highlights.\n");
  else
    {
      for (guint i = 0; i < highlights->len; i++)
        {
          ClipperHighlight *h = g_ptr_array_index (highlights, i);
          g_autofree char *near = NULL;
          gint64 start, end;

          if (i > 0)
            clipper_cli_print ("\n");
          print_highlight_text (h, TRUE);
          if (!clipper_highlight_get_anchored (h) && suggest_place (&cache, h, &near, &start, &end))
            {
              g_autofree char *line = clipper_text_dup_one_line (near);

              clipper_cli_print ("  Closest passage: “%s”\n"
                                 "  (clipper-cli reattach %" G_GINT64_FORMAT " --suggested attaches it there)\n",
                                 line, clipper_highlight_get_id (h));
            }
        }
    }

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- reattach ------------------------------------------------------------ */

int
clipper_cli_cmd_reattach (ClipperCli *cli, int argc, char **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *format = NULL;
  gboolean suggested = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ClipperHighlight) highlight = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  gint64 id, start = -1, end = -1;
  int status;
  GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_FILENAME, &quote,
      "The passage to attach it to, exactly as in the article", "TEXT" },
    { "prefix", 0, 0, G_OPTION_ARG_FILENAME, &prefix,
      "Text just before the quote, to choose among repeats", "P" },
    { "suffix", 0, 0, G_OPTION_ARG_FILENAME, &suffix,
      "Text just after the quote, to choose among repeats", "S" },
    { "suggested", 0, 0, G_OPTION_ARG_NONE, &suggested,
      "The closest passage, as 'highlights --orphans' shows it", NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("HIGHLIGHT_ID");
  g_option_context_set_summary (
    context, "Attaches a highlight, usually an orphan, to a passage of its article:\n"
             "the one given with --quote (as 'highlight' takes it), or with\n"
             "--suggested the closest passage to its quote.  Its note, tags and\n"
             "colour stay; its earlier quote is kept as its original quote.\n"
             "JSON: the highlight object.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "reattach", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error ("reattach", argc < 2 ? "give the id of the highlight to attach"
                                                         : "give one highlight id");
  if (!clipper_cli_parse_id ("reattach", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;
  if ((quote == NULL) == !suggested)
    return clipper_cli_usage_error ("reattach", "give either the passage with --quote or --suggested");
  if (suggested && (prefix != NULL || suffix != NULL))
    return clipper_cli_usage_error ("reattach", "--prefix and --suffix go with --quote");
  if (!clipper_cli_check_format ("reattach", format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;
  if (quote != NULL &&
      (!clipper_cli_check_text ("the quote", quote, FALSE) ||
       (prefix != NULL && !clipper_cli_check_text ("the prefix", prefix, TRUE)) ||
       (suffix != NULL && !clipper_cli_check_text ("the suffix", suffix, TRUE))))
    return CLIPPER_CLI_EXIT_FAILED;
  if (quote != NULL && strlen (quote) > CLIPPER_CLI_MAX_TEXT_SIZE)
    return clipper_cli_fail ("the quote is too large (%" G_GSIZE_FORMAT " bytes)", strlen (quote));

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  highlight = clipper_store_get_highlight (store, id, &error);
  if (highlight == NULL)
    return fail_with_store_error (error, "highlight", id);

  if (suggested && clipper_highlight_get_anchored (highlight))
    return clipper_cli_fail ("highlight %" G_GINT64_FORMAT " is not an orphan: it has its place (give "
                             "--quote to move it)", id);
  if (suggested)
    {
      g_auto (SuggestCache) cache = { store, 0, NULL };
      g_autofree char *near = NULL;

      if (!suggest_place (&cache, highlight, &near, &start, &end))
        return clipper_cli_fail ("no passage of article %" G_GINT64_FORMAT " reads like highlight %"
                                 G_GINT64_FORMAT "; give the one to attach it to with --quote",
                                 clipper_highlight_get_article_id (highlight), id);
    }
  else
    {
      g_autoptr (ClipperArticle) article = NULL;
      g_autoptr (ClipperAnchorText) anchor_text = NULL;
      const char *text;

      article = clipper_store_get_article (store, clipper_highlight_get_article_id (highlight), &error);
      if (article == NULL)
        return fail_with_store_error (error, "article", clipper_highlight_get_article_id (highlight));
      text = clipper_article_get_text (article) != NULL ? clipper_article_get_text (article) : "";
      anchor_text = clipper_anchor_text_new (text);
      if ((status = place_user_quote (anchor_text, text, clipper_highlight_get_article_id (highlight),
                                      quote, prefix, suffix, &start, &end)) != CLIPPER_CLI_EXIT_OK)
        return status;
    }

  if (!clipper_reanchor_reattach (store, id, start, end, &error))
    return clipper_cli_print_error (error);
  g_clear_object (&highlight);
  highlight = clipper_store_get_highlight (store, id, &error);
  if (highlight == NULL)
    return clipper_cli_print_error (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      clipper_cli_json_add_highlight (builder, highlight);
      clipper_cli_print_json (builder);
    }
  else
    {
      g_autofree char *line = clipper_text_dup_one_line (clipper_highlight_get_quote (highlight));

      clipper_cli_print ("Attached highlight %" G_GINT64_FORMAT " to “%s”\n", id, line);
    }
  return CLIPPER_CLI_EXIT_OK;
}

/* ---- note ---------------------------------------------------------------- */

int
clipper_cli_cmd_note (ClipperCli *cli, int argc, char **argv)
{
  gboolean clear = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ClipperHighlight) highlight = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  ClipperStore *store;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, "Remove the highlight's note", NULL },
    { NULL },
  };

  context = g_option_context_new ("HIGHLIGHT_ID TEXT|-");
  g_option_context_set_summary (
    context, "Sets the note (Markdown) of a highlight, replacing any note it had.\n"
             "TEXT '-' reads the note from standard input.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, "note", &argc, &argv)) >= 0)
    return status;

  if (argc < 2)
    return clipper_cli_usage_error ("note", "give a highlight id and the note");
  if (!clipper_cli_parse_id ("note", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;
  if (clear && argc != 2)
    return clipper_cli_usage_error ("note", "give either --clear or the note, not both");
  if (!clear && argc != 3)
    return clipper_cli_usage_error (
      "note", argc < 3 ? "give the note (or '-' to read it from standard input)"
                       : "give the note as one argument (quote it)");

  if (!clear)
    {
      if (g_str_equal (argv[2], "-"))
        {
          note = clipper_cli_read_stdin_text (CLIPPER_CLI_MAX_TEXT_SIZE, &error);
          if (note == NULL)
            {
              if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
                return clipper_cli_fail ("the note is too large (at most %d bytes)",
                                         CLIPPER_CLI_MAX_TEXT_SIZE);
              return clipper_cli_fail ("cannot read the note: %s", error->message);
            }
          /* "echo text | clipper-cli note 3 -" ends with a newline that
           * is no part of the note. */
          g_strchomp (note);
        }
      else
        note = g_strdup (argv[2]);

      if (!check_note (note))
        return CLIPPER_CLI_EXIT_FAILED;
    }

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;

  highlight = clipper_store_get_highlight (store, id, &error);
  if (highlight == NULL)
    return fail_with_store_error (error, "highlight", id);

  clipper_highlight_set_note (highlight, clear ? NULL : note);
  if (!clipper_store_update_highlight (store, highlight, &error))
    return fail_with_store_error (error, "highlight", id);

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- delete-highlight ---------------------------------------------------- */

static int
run_delete_highlight (ClipperCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  ClipperStore *store;
  gint64 id;
  int status;

  context = g_option_context_new ("HIGHLIGHT_ID");
  g_option_context_set_summary (context, "Deletes a highlight and its note.");
  if ((status = clipper_cli_parse (context, "delete-highlight", &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return clipper_cli_usage_error ("delete-highlight", argc < 2 ? "give the id of the highlight to delete"
                                                                 : "give one highlight id");
  if (!clipper_cli_parse_id ("delete-highlight", argv[1], &id))
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  if (!clipper_store_delete_highlight (store, id, &error))
    return fail_with_store_error (error, "highlight", id);

  return CLIPPER_CLI_EXIT_OK;
}

/* ---- delete, archive, unarchive, star, unstar: several articles -------- */

typedef enum {
  BULK_DELETE,
  BULK_ARCHIVE,
  BULK_UNARCHIVE,
  BULK_STAR,
  BULK_UNSTAR,
} BulkAction;

static const struct {
  const char *command;
  const char *summary;
  const char *done;   /* the JSON member and the text's verb */
} bulk_actions[] = {
  [BULK_DELETE] = { "delete", "Deletes articles with their highlights and notes.", "deleted" },
  [BULK_ARCHIVE] = { "archive", "Archives articles (list --state archived lists them).", "archived" },
  [BULK_UNARCHIVE] = { "unarchive", "Moves archived articles back to the reading list, as read.", "unarchived" },
  [BULK_STAR] = { "star", "Stars articles (list --starred lists them).", "starred" },
  [BULK_UNSTAR] = { "unstar", "Takes the star off articles.", "unstarred" },
};

static gboolean
apply_bulk_action (ClipperStore *store, BulkAction action, gint64 id, GError **error)
{
  g_autoptr (ClipperArticle) article = NULL;

  if (action == BULK_DELETE)
    return clipper_store_delete_article (store, id, error);
  article = clipper_store_get_article (store, id, error);
  if (article == NULL)
    return FALSE;
  switch (action)
    {
    case BULK_ARCHIVE:
      clipper_article_set_read_state (article, CLIPPER_READ_STATE_ARCHIVED);
      break;
    case BULK_UNARCHIVE:
      /* As the app's Archive button takes one back: read. */
      if (clipper_article_get_read_state (article) != CLIPPER_READ_STATE_ARCHIVED)
        return TRUE;
      clipper_article_set_read_state (article, CLIPPER_READ_STATE_READ);
      break;
    case BULK_STAR:
    case BULK_UNSTAR:
      clipper_article_set_starred (article, action == BULK_STAR);
      break;
    case BULK_DELETE:
    default:
      g_assert_not_reached ();
    }
  return clipper_store_update_article (store, article, error);
}

/* QA-r finding 3: a script cleaning up a year of saves ran one process
 * per article (2,000 tag runs took 112 s) and could not archive at all.
 * These take any number of ids and change them in one transaction: all
 * of them, or (an id not there, a failed write) none. */
static int
run_bulk_command (ClipperCli *cli, int argc, char **argv, BulkAction action)
{
  const char *command = bulk_actions[action].command;
  g_autofree char *format = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  ClipperStore *store;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "text (default: prints nothing) or json", "FORMAT" },
    { NULL },
  };

  context = g_option_context_new ("ID...");
  g_option_context_set_summary (context, bulk_actions[action].summary);
  g_option_context_set_description (context, "All the articles or, if one is not there or cannot be "
                                             "changed, none.\nJSON: {\"<what was done>\": [ID...]}.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = clipper_cli_parse (context, command, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return clipper_cli_usage_error (command, "give the id of one or more articles");
  if (!clipper_cli_check_format (command, format != NULL ? format : "text", text_json_formats))
    return CLIPPER_CLI_EXIT_USAGE;
  ids = clipper_cli_parse_ids (command, argc - 1, argv + 1);
  if (ids == NULL)
    return CLIPPER_CLI_EXIT_USAGE;

  store = clipper_cli_get_store (cli);
  if (store == NULL)
    return CLIPPER_CLI_EXIT_FAILED;
  if (!clipper_store_begin (store, &error))
    return clipper_cli_print_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      /* "delete 4 4" deletes 4, as "rm f f" would not fail on it. */
      if (!g_hash_table_add (seen, id))
        continue;
      if (!apply_bulk_action (store, action, *id, &error))
        {
          clipper_store_rollback (store);
          if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
            return clipper_cli_fail ("there is no article %" G_GINT64_FORMAT "; no article was %s", *id,
                                     bulk_actions[action].done);
          return clipper_cli_fail ("%s; no article was %s", error->message, bulk_actions[action].done);
        }
    }
  if (!clipper_store_commit (store, &error))
    return clipper_cli_fail ("%s; no article was %s", error->message, bulk_actions[action].done);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, bulk_actions[action].done);
      json_builder_begin_array (builder);
      for (guint i = 0; i < ids->len; i++)
        if (g_hash_table_remove (seen, &g_array_index (ids, gint64, i)))
          json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      clipper_cli_print_json (builder);
    }
  return CLIPPER_CLI_EXIT_OK;
}

int
clipper_cli_cmd_delete (ClipperCli *cli, int argc, char **argv)
{
  return run_bulk_command (cli, argc, argv, BULK_DELETE);
}

int
clipper_cli_cmd_archive (ClipperCli *cli, int argc, char **argv)
{
  return run_bulk_command (cli, argc, argv, BULK_ARCHIVE);
}

int
clipper_cli_cmd_unarchive (ClipperCli *cli, int argc, char **argv)
{
  return run_bulk_command (cli, argc, argv, BULK_UNARCHIVE);
}

int
clipper_cli_cmd_star (ClipperCli *cli, int argc, char **argv)
{
  return run_bulk_command (cli, argc, argv, BULK_STAR);
}

int
clipper_cli_cmd_unstar (ClipperCli *cli, int argc, char **argv)
{
  return run_bulk_command (cli, argc, argv, BULK_UNSTAR);
}

int
clipper_cli_cmd_delete_highlight (ClipperCli *cli, int argc, char **argv)
{
  return run_delete_highlight (cli, argc, argv);
}
