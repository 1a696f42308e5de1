/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-reader-page.h"
#include "clipper-format.h"
#include "clipper-highlight.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

char *
clipper_reader_page_uri_for_article (gint64 article_id)
{
  return g_strdup_printf (CLIPPER_READER_SCHEME "://article/%" G_GINT64_FORMAT, article_id);
}

gint64
clipper_reader_page_parse_article_uri (const char *uri)
{
  const char *prefix = CLIPPER_READER_SCHEME "://article/";
  const char *p;
  char *end = NULL;
  gint64 id;

  if (uri == NULL || !g_str_has_prefix (uri, prefix))
    return 0;
  p = uri + strlen (prefix);
  if (!g_ascii_isdigit (*p))
    return 0;
  id = g_ascii_strtoll (p, &end, 10);
  if (end == NULL || (*end != '\0' && *end != '#'))
    return 0;
  return id > 0 ? id : 0;
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

/* Only links a person can follow in a browser go into the header. */
static gboolean
is_web_url (const char *url)
{
  return url != NULL &&
         (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      /* A bare date ("2021-03-04") is not ISO 8601 date-time for GLib. */
      g_autofree char *with_time = g_strconcat (iso, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (with_time, NULL);
    }
  if (dt == NULL)
    return g_strdup (iso);
  return clipper_format_date (dt);
}

/* The rule of clipper_reading_time_split(), as the list and clipper-cli
 * show it, in words: "6783 minutes read" said nothing, "264 hours read"
 * not much more. */
static char *
dup_reading_time (guint minutes)
{
  guint hours, rest;

  if (!clipper_reading_time_split (minutes, &hours, &rest))
    /* Translators: %u is 10 */
    return g_strdup_printf (_("more than %u hours read"), CLIPPER_READING_MINUTES_SHOWN_MAX / 60);
  if (hours == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute read", "%u minutes read", rest), rest);
  if (rest == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour read", "%u hours read", hours), hours);
  /* Translators: reading time, hours and minutes ("1 h 20 min read") */
  return g_strdup_printf (_("%u h %u min read"), hours, rest);
}

char *
clipper_reader_page_dup_meta_text (ClipperArticle *article)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *byline;
  char *date;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), NULL);

  byline = clipper_article_get_byline (article);
  if (byline != NULL && *byline != '\0')
    g_ptr_array_add (parts, g_strdup (byline));
  date = format_date (clipper_article_get_published_time (article));
  if (date != NULL)
    g_ptr_array_add (parts, g_strstrip (date));
  if (clipper_article_get_reading_minutes (article) > 0)
    g_ptr_array_add (parts, dup_reading_time (clipper_article_get_reading_minutes (article)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

gboolean
clipper_reader_page_get_no_text (ClipperArticle  *article,
                                 const char     **heading,
                                 const char     **body)
{
  const char *from, *html;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (heading != NULL && body != NULL, FALSE);

  if (!clipper_article_text_is_blank (article))
    return FALSE;
  /* An import without the page's text (a Kindle book, a vault's
   * Markdown, JSON without it) stores no HTML either; a saved page
   * always has the extractor's, even when it found no article in it
   * (saving refuses such pages now; older libraries have some). */
  from = clipper_article_get_url (article);
  html = clipper_article_get_html (article);
  if (from != NULL && g_str_has_prefix (from, "kindle:"))
    {
      *heading = _("Highlights Imported from Kindle");
      *body = _("The book’s text is not in the library. Its highlights and notes are in the side panel (F9).");
    }
  else if (html == NULL || *html == '\0')
    {
      *heading = _("Only Highlights Were Imported");
      *body = _("The page’s text is not in the library. Its highlights and notes are in the side panel (F9).");
    }
  else
    {
      *heading = _("No Article Found");
      *body = _("Clipper found no article text on this page when it was saved. "
                "Fetch Again (Ctrl+Shift+R) tries once more.");
    }
  return TRUE;
}

/* Whether @a and @b are the same words, case and white space aside. */
static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *la = clipper_text_dup_one_line (a);
  g_autofree char *lb = clipper_text_dup_one_line (b);
  g_autofree char *fa = g_utf8_casefold (la, -1);
  g_autofree char *fb = g_utf8_casefold (lb, -1);

  return strcmp (fa, fb) == 0;
}

char *
clipper_reader_page_build (ClipperArticle           *article,
                           const ClipperReaderStyle *style,
                           const char               *highlights)
{
  GString *out;
  const char *title, *byline, *site, *lang, *dir, *url, *html;
  g_autofree char *date = NULL;
  guint minutes;
  gboolean need_sep = FALSE;
  const char *heading, *body;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  title = clipper_article_get_title (article);
  byline = clipper_article_get_byline (article);
  site = clipper_article_get_site_name (article);
  lang = clipper_article_get_lang (article);
  dir = clipper_article_get_dir (article);
  url = clipper_article_get_canonical_url (article);
  if (!is_web_url (url))
    url = clipper_article_get_url (article);
  html = clipper_article_get_html (article);
  date = format_date (clipper_article_get_published_time (article));
  minutes = clipper_article_get_reading_minutes (article);

  out = g_string_sized_new ((html ? strlen (html) : 0) + 2048);
  g_string_append (out, "<!DOCTYPE html>\n<html");
  if (lang != NULL && *lang != '\0')
    {
      g_string_append (out, " lang=\"");
      append_escaped (out, lang);
      g_string_append_c (out, '"');
    }
  if (g_strcmp0 (dir, "rtl") == 0 || g_strcmp0 (dir, "ltr") == 0)
    g_string_append_printf (out, " dir=\"%s\"", dir);
  g_string_append_printf (out,
                          " data-article-id=\"%" G_GINT64_FORMAT "\" data-theme=\"%s\" data-contrast=\"%s\""
                          " data-font=\"%s\" style=\"--reader-size:%dpt;--reader-width:%dch\"",
                          clipper_article_get_id (article),
                          style->theme, style->high_contrast ? "high" : "normal", style->font, style->size, style->width);
  /* What the box of a picture that could not be saved says when the
   * picture has no alt text of its own (reader.js): in the UI's words,
   * and on <html>, outside the article's text. */
  g_string_append (out, " data-missing-image=\"");
  append_escaped (out, _("Image not downloaded"));
  g_string_append_c (out, '"');
  if (highlights != NULL)
    {
      /* On <html>, outside the article, whose text stays the stored text. */
      g_string_append (out, " data-highlights=\"");
      append_escaped (out, highlights);
      g_string_append_c (out, '"');
    }
  g_string_append (out, ">\n");
  g_string_append (out,
                   "<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"" CLIPPER_READER_CSP "\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width\">\n"
                   "<title>");
  append_escaped (out, title);
  g_string_append (out,
                   "</title>\n"
                   "<link rel=\"stylesheet\" href=\"" CLIPPER_READER_SCHEME "://resource/reader-page.css\">\n"
                   "</head>\n<body>\n<header class=\"clipper-header\">\n");
  /* The site name, the title and the byline are the article's words, in
   * its language: each takes its own direction (dir="auto", <bdi>).  The
   * meta line around them is the app's, in the UI's language: it keeps the
   * UI's direction whatever the article's, or an RTL article read
   * "1 minute read" as "minute read 1". */
  if (site != NULL && *site != '\0')
    {
      g_string_append (out, "<p class=\"clipper-site\" dir=\"auto\">");
      append_escaped (out, site);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<h1 dir=\"auto\">");
  append_escaped (out, title != NULL && *title != '\0' ? title : _("Untitled"));
  g_string_append_printf (out, "</h1>\n<p class=\"clipper-meta\" dir=\"%s\">",
                          g_strcmp0 (style->ui_dir, "rtl") == 0 ? "rtl" : "ltr");
  /* A byline that is the site's name (the BBC's "BBC News") is shown
   * once, above the title. */
  if (byline != NULL && *byline != '\0' && !same_words (byline, site))
    {
      g_string_append (out, "<bdi>");
      append_escaped (out, byline);
      g_string_append (out, "</bdi>");
      need_sep = TRUE;
    }
  if (date != NULL)
    {
      if (need_sep)
        g_string_append (out, " · ");
      append_escaped (out, g_strstrip (date));
      need_sep = TRUE;
    }
  if (minutes > 0)
    {
      g_autofree char *reading = dup_reading_time (minutes);

      if (need_sep)
        g_string_append (out, " · ");
      append_escaped (out, reading);
      need_sep = TRUE;
    }
  if (is_web_url (url))
    {
      if (need_sep)
        g_string_append (out, " · ");
      g_string_append (out, "<a class=\"clipper-original\" href=\"");
      append_escaped (out, url);
      g_string_append (out, "\">");
      append_escaped (out, _("Original page"));
      g_string_append (out, "</a>");
    }
  g_string_append (out, "</p>\n</header>\n<div id=\"clipper-article\" class=\"clipper-article\">");
  /* The article as stored: the root's textContent is then the stored text. */
  if (html != NULL)
    g_string_append (out, html);
  g_string_append (out, "</div>\n");
  if (clipper_reader_page_get_no_text (article, &heading, &body))
    {
      /* Outside the article's root, whose text stays the stored text. */
      g_string_append_printf (out, "<section class=\"clipper-no-text\" dir=\"%s\">\n<h2>",
                              g_strcmp0 (style->ui_dir, "rtl") == 0 ? "rtl" : "ltr");
      append_escaped (out, heading);
      g_string_append (out, "</h2>\n<p>");
      append_escaped (out, body);
      g_string_append (out, "</p>\n</section>\n");
    }
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free (out, FALSE);
}
