/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader page: the HTML document the clipper-article: scheme serves for
 * one stored article, and the URIs of that scheme.
 */
#pragma once

#include "clipper-article.h"

G_BEGIN_DECLS

#define CLIPPER_READER_SCHEME "clipper-article"

/* The strict policy of every reader page: nothing but our own scheme. */
#define CLIPPER_READER_CSP \
  "default-src 'none'; img-src clipper-article:; style-src clipper-article: 'unsafe-inline'"

typedef struct {
  const char *font;   /* "serif" or "sans" */
  int         size;   /* points */
  int         width;  /* characters */
  const char *theme;  /* "light", "dark" or "sepia" (never "system": resolved by the caller) */
  const char *ui_dir; /* the app's own text direction, "ltr" or "rtl"; NULL: "ltr" */
  gboolean    high_contrast; /* the desktop's high contrast (AdwStyleManager:high-contrast) */
} ClipperReaderStyle;

char *clipper_reader_page_uri_for_article (gint64 article_id);
/* The article id of a page URI, or 0 when @uri is not one (a #fragment is allowed). */
gint64 clipper_reader_page_parse_article_uri (const char *uri);

/* The whole page for @article, with the article HTML inside #clipper-article.
 * @highlights (or NULL): the page script's JSON array of the highlights to
 * paint, which it paints as soon as the page is parsed, before the article
 * is first laid out. */
char *clipper_reader_page_build (ClipperArticle           *article,
                                 const ClipperReaderStyle *style,
                                 const char               *highlights);

/* Why @article has nothing to read (a Kindle book, highlights imported
 * without their page, a page in which no article was found): a heading
 * and a sentence, translated, which the page shows in place of the text,
 * as does the plain-text reader.  FALSE when it has text.  (transfer none) */
gboolean clipper_reader_page_get_no_text (ClipperArticle  *article,
                                          const char     **heading,
                                          const char     **body);

/* The page's meta line as plain text, "Ada Byline · 4 March 2021 · 5
 * minutes read" (without the link to the original page): the plain-text
 * reader shows it above the article's text.  Empty when there is none. */
char *clipper_reader_page_dup_meta_text (ClipperArticle *article);

G_END_DECLS
