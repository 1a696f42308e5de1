/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the extractor's source files: DOM helpers over
 * libxml2's tree, the sanitizing serializer and the metadata reader.
 */
#pragma once

#include <glib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "clipper-extractor.h"
#include "clipper-html-parser.h"

G_BEGIN_DECLS

/* Options for reading our own serialized HTML back with libxml2 (the
 * contract checks): recover from anything, never touch the network, ignore
 * encoding declarations (it is UTF-8), and no HTML_PARSE_HUGE so libxml2's
 * depth (256) and text-size limits hold. */
#define CLIPPER_HTML_PARSE_OPTIONS \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

/* String equality that looks at the first byte before calling strcmp():
 * tag and attribute names are compared millions of times per corpus run and
 * most comparisons fail on the first byte, so this skips the libc call
 * (strcmp was ~9 % of the batch's wall time under perf). */
static inline gboolean
clipper_str_eq (const char *a, const char *b)
{
  return a[0] == b[0] && strcmp (a, b) == 0;
}

/* DOM helpers (clipper-extract-dom.c). */
static inline gboolean
clipper_dom_is (xmlNode *node, const char *tag)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && clipper_str_eq ((const char *) node->name, tag);
}
const char  *clipper_dom_attr        (xmlNode *node, const char *name);
xmlNode     *clipper_dom_next        (xmlNode *node, xmlNode *root, gboolean skip_children);
xmlNode     *clipper_dom_next_element (xmlNode *node, gboolean skip_children);
xmlNode     *clipper_dom_find        (xmlNode *root, const char *tag);
glong        clipper_dom_text_length (xmlNode *node, guint *commas);
glong        clipper_dom_text_length_full (xmlNode *node, guint *commas, gboolean collapse);
char        *clipper_dom_inner_text  (xmlNode *node, gboolean normalize);
char        *clipper_dom_normalize_space (const char *text);
guint        clipper_dom_count_children (xmlNode *node);
xmlNode     *clipper_dom_first_element_child (xmlNode *node);
void         clipper_dom_remove      (xmlNode *node);

/* Serializer (clipper-extract-serialize.c). */
typedef struct {
  GString    *html;
  GString    *text;
  GPtrArray  *images;      /* absolute URLs, unique, in order */
  GHashTable *image_set;
  GHashTable *image_fallbacks;  /* absolute URL -> the <img src> it was picked over */
  GHashTable *inline_images;    /* key of a data: picture -> its bytes (GBytes) */
  const char *base_url;    /* may be NULL */
  GHashTable *image_map;   /* url -> url rewrite, or NULL */
  GHashTable *targets;     /* ids that a link of the article names (its "#…") */
  GHashTable *written_ids; /* of those, the ones written (an id is written once) */
  char       *page_url;    /* base_url as the links are resolved, or NULL */
  gboolean    own_html;    /* the input is our own HTML: its ids have their prefix */
} ClipperSerializer;

void   clipper_serializer_init    (ClipperSerializer *ser, const char *base_url);
void   clipper_serializer_clear   (ClipperSerializer *ser);
/* Writes <article>children of @root</article>, sanitized. */
void   clipper_serialize_article  (ClipperSerializer *ser, xmlNode *root, const char *dir, const char *lang);
char  *clipper_resolve_url        (const char *base_url, const char *url);
char  *clipper_dup_own_fragment   (const char *base_url,
                                   const char *page_url,
                                   const char *href);
char  *clipper_pick_image         (xmlNode *img);
char  *clipper_pick_srcset        (const char *srcset,
                                   guint       display_width);

/* Block text of a serialized fragment (clipper-extract-serialize.c). */
char  *clipper_block_text_of_html (const char *html);
/* Concatenated text nodes of @html as libxml2 parses it, below <article>. */
char  *clipper_text_of_html       (const char *html);

/* Metadata (clipper-extract-meta.c). */
typedef struct {
  char *title;
  char *byline;
  char *site_name;
  char *excerpt;
  char *published_time;
  char *lead_image;
  char *canonical_url;  /* absolute http(s), as the page names it; not checked */
  char *lang;
  char *article_body;   /* JSON-LD articleBody, for pages that render the story by script */
  gboolean title_kept_whole; /* the title is <title>'s, kept whole since its parts are too
                              * short for a story's: a site and its section, maybe */
} ClipperMeta;

void   clipper_meta_read          (xmlDoc *doc, ClipperMeta *meta, const char *base_url);
void   clipper_meta_clear         (ClipperMeta *meta);
char  *clipper_doc_title_heuristic (xmlDoc *doc, const char *publisher, gboolean *kept_whole);
/* @title without a last part (after " | ", " - ", " – " or " — ") that
 * is only the article's @byline (may be NULL; "By " aside), words compared
 * without case or accents: "Whales stranded | Eleanor Ainge Roy" by
 * Eleanor Ainge Roy.  A site's name there is left to
 * clipper_doc_title_heuristic(), which cuts it from <title> only: cut from
 * og:title and the like too, it took " | eHow", " - Breitbart" and five
 * more off titles Readability keeps whole (docs/extraction.md). */
char  *clipper_title_drop_credit  (const char *title, const char *byline);
/* The date (ISO 8601) that @line is, when it is a date and nothing else,
 * in English: "March 25, 2015", "12 May 2024, 09:30", "Tue, 12 Mar 2024".
 * NULL for anything else ("By Ada Lovelace, March 25, 2015", "2015
 * edition"). */
char  *clipper_date_of_line       (const char *line);
double clipper_text_similarity    (const char *a, const char *b);
char  *clipper_unescape_entities  (const char *s);

G_END_DECLS
