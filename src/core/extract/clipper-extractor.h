/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article extraction: from a whole web page (HTML, any size, UTF-8) to the
 * article alone — sanitized HTML, its text, and its metadata.
 *
 * The text is the concatenation of the text nodes of the returned HTML in
 * document order: exactly the DOM textContent a browser's HTML5 parser
 * gives for the same HTML.  Highlight offsets count code points in it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLIPPER_EXTRACT_ERROR (clipper_extract_error_quark ())

typedef enum {
  CLIPPER_EXTRACT_ERROR_FAILED,
  CLIPPER_EXTRACT_ERROR_EMPTY,       /* no document at all (0 bytes, only whitespace) */
  CLIPPER_EXTRACT_ERROR_INVALID,     /* not parseable as HTML */
} ClipperExtractError;

GQuark clipper_extract_error_quark (void);

typedef struct {
  char      *title;
  char      *byline;
  char      *site_name;
  char      *lang;            /* BCP 47 as the page says, or NULL */
  char      *dir;             /* "ltr", "rtl" or NULL */
  char      *excerpt;
  char      *published_time;  /* ISO 8601, or NULL */
  char      *lead_image;      /* absolute URL, or NULL */
  char      *canonical_url;   /* the absolute http(s) URL the page gives as its own (<link rel=canonical>,
                               * else og:url), unchecked, or NULL */
  gboolean   readerable;      /* FALSE for pages that are not articles */
  char      *html;            /* sanitized article fragment */
  char      *text;            /* textContent of html */
  guint      word_count;
  GPtrArray *images;          /* (element-type utf8) absolute URLs of the images html shows, in order, unique */
  GHashTable *image_fallbacks; /* (element-type utf8 utf8) an image of @images picked from a srcset or
                                * <picture> -> the page's plain <img src> for it */
  double     parse_ms;        /* time spent parsing, for benchmarks */
  double     extract_ms;      /* time spent extracting after parsing */
} ClipperExtraction;

void               clipper_extraction_free            (ClipperExtraction *extraction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperExtraction, clipper_extraction_free)

/* @html: the page, UTF-8 (need not be NUL-terminated); @base_url: the page's
 * URL for resolving relative links, or NULL.  Returns NULL with an error only
 * for pages with nothing to parse; a page with no article gives readerable
 * FALSE and whatever text could be found. */
ClipperExtraction *clipper_extract                    (const char  *html,
                                                       gsize        length,
                                                       const char  *base_url,
                                                       GError     **error);

/* The same, in a worker thread (extraction of a big page takes tens of
 * milliseconds: never on the UI thread).  @html is copied. */
void               clipper_extract_async              (const char          *html,
                                                       gsize                length,
                                                       const char          *base_url,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
ClipperExtraction *clipper_extract_finish             (GAsyncResult        *result,
                                                       GError             **error);

/* The article's blocks (paragraphs, headings, list items, quotes, cells, …)
 * separated by blank lines: the "text" output of clipper-cli extract. */
char              *clipper_extraction_dup_block_text  (ClipperExtraction *extraction);

/* The line breaks of @text that are lines of one block of @html (a <br>
 * in a poem or an address, a <pre>'s lines), rather than ends of blocks,
 * which the text also ends with one "\n": their code-point offsets in
 * @text, in order (gint64).
 * NULL when @text is not @html's text (an article saved by an older
 * extractor): nothing is known of its breaks then.  (transfer full) */
GArray            *clipper_html_dup_line_breaks       (const char        *html,
                                                       const char        *text);

/* Replaces image URLs in @extraction->html (and text stays the same) — used
 * after images are stored, to point them at the store.  @map: url -> new url. */
void               clipper_extraction_rewrite_images  (ClipperExtraction *extraction,
                                                       GHashTable        *map);

G_END_DECLS
