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
  gboolean   preview;         /* a box asking to subscribe (a paywall's) was cut from a short
                               * article: the page may hold only its teaser */
  char      *html;            /* sanitized article fragment */
  char      *text;            /* textContent of html */
  guint      word_count;
  GPtrArray *images;          /* (element-type utf8) absolute URLs of the images html shows, in order, unique */
  GHashTable *image_fallbacks; /* (element-type utf8 utf8) an image of @images picked from a srcset or
                                * <picture> -> the page's plain <img src> for it */
  GHashTable *inline_images;   /* (element-type utf8 GBytes) (nullable) the pictures written into the
                                * page (data:), under the key html and @images name them by
                                * (CLIPPER_INLINE_IMAGE_PREFIX and the sha256 of the bytes) -> their bytes */
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

/* The words of an article's @text as an extraction counts them
 * (ClipperExtraction.word_count): runs of letters and digits. */
guint              clipper_extract_count_words        (const char *text);

/* The article's blocks (paragraphs, headings, list items, quotes, cells, …)
 * separated by blank lines: the "text" output of clipper-cli extract. */
char              *clipper_extraction_dup_block_text  (ClipperExtraction *extraction);

/* A <pre> of an article: where its text is in the article's text (code
 * points, as a highlight's offsets count) and the language it names
 * (class="language-…" on it or on its <code>, as the extractor keeps it),
 * or NULL. */
typedef struct {
  gint64  start;
  gint64  end;
  char   *lang;
} ClipperCodeBlock;

/* What kind of element a ClipperTextSpan is. */
typedef enum {
  CLIPPER_TEXT_SPAN_HEADING,      /* <h1>…<h6>, its level in @level */
  CLIPPER_TEXT_SPAN_QUOTE,        /* <blockquote> */
  CLIPPER_TEXT_SPAN_SUPERSCRIPT,  /* <sup> */
  CLIPPER_TEXT_SPAN_SUBSCRIPT,    /* <sub> */
  CLIPPER_TEXT_SPAN_CELL,         /* <td>, its place in its row in @level */
  CLIPPER_TEXT_SPAN_HEADER_CELL   /* <th>, the same */
} ClipperTextSpanKind;

/* An element of an article whose text Plain Text sets apart (a heading,
 * a quote, a cell…): where its text is in the article's text, in code
 * points. */
typedef struct {
  gint64              start;
  gint64              end;
  ClipperTextSpanKind kind;
  /* A heading's level (1–6); a cell's place in its row, from 0. */
  int                 level;
} ClipperTextSpan;

/* Where an article's text breaks, which its text alone does not say (it
 * ends a block and a line of one with the same "\n"), read from its HTML.
 * Offsets in code points of the text, in text order. */
typedef struct {
  /* (element-type gint64) The "\n"s that are lines of one block (a <br>
   * in a poem or an address, a <pre>'s lines), not ends of blocks:
   * Plain Text's spacing. */
  GArray *line_breaks;
  /* (element-type gint64) Where each block (paragraph, heading, list
   * item, cell, <pre>…) ends, none inside a <pre>: the paragraphs of a
   * quote in the Markdown export. */
  GArray *block_ends;
  /* (element-type ClipperCodeBlock) The <pre>s, each after any inside it. */
  GArray *code_blocks;
  /* (element-type ClipperTextSpan) The headings, quotes, superscripts,
   * subscripts and table cells, each after any inside it: Plain Text's
   * type, which the text alone cannot show. */
  GArray *spans;
} ClipperTextLayout;

void               clipper_text_layout_free           (ClipperTextLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperTextLayout, clipper_text_layout_free)

/* The layout of the article @text, read from its @html in one parse and
 * one walk (the page the reader shows, as a browser parses it).  NULL
 * when @text is not @html's text (an article saved by an older
 * extractor, whose HTML has white space its text does not): nothing is
 * known of its breaks then, and its offsets would cut the text
 * mid-word.  (transfer full) */
ClipperTextLayout *clipper_html_dup_text_layout       (const char        *html,
                                                       const char        *text);

/* Pictures written into a page ("data:image/png;base64,…") are kept up
 * to this size, decoded. */
#define CLIPPER_INLINE_IMAGE_MAX_BYTES (10 * 1024 * 1024)

/* Such a picture is named in the article's HTML, its images and the
 * library by this prefix and the sha256 of its bytes (64 hex digits), not
 * by its megabytes of base64: a data: URL of no media type, which no page
 * gives for a picture and which a fetcher never reads. */
#define CLIPPER_INLINE_IMAGE_PREFIX "data:sha256,"

/* The type of a PNG, GIF, JPEG or WebP from its first bytes, and its
 * size; NULL for anything else. */
const char        *clipper_image_sniff                (const guchar      *data,
                                                       gsize              length,
                                                       guint             *out_width,
                                                       guint             *out_height);

/* The picture of a base64 "data:image/…" URL (an article's images may
 * be such): its bytes, and its type and size read from them.  NULL
 * unless it is a PNG, GIF, JPEG or WebP. */
GBytes            *clipper_data_image_decode          (const char        *url,
                                                       char             **out_content_type,
                                                       guint             *out_width,
                                                       guint             *out_height);

/* Replaces image URLs in @extraction->html (and text stays the same) — used
 * after images are stored, to point them at the store.  @map: url -> new url. */
void               clipper_extraction_rewrite_images  (ClipperExtraction *extraction,
                                                       GHashTable        *map);

G_END_DECLS
