/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article extraction.
 *
 * The page is parsed by our HTML parser (clipper-html-parser.c, HTML5-shaped,
 * into libxml2's node structures), metadata is read from the untouched tree, then a content scorer in the Readability family finds the
 * article: paragraphs score their ancestors (commas and length count, link
 * text does not), class/id hints and tag kinds weight the candidates, the
 * best one is widened to its parent when the competition is close, and its
 * siblings that look like article text join it.  The result is cleaned of
 * forms, widgets and link lists ("clean conditionally"), then of
 * boilerplate (newsletter, donation, subscription, comment and sharing
 * blocks) by structure and by the wording of short blocks, and finally
 * written out by the sanitizing serializer.
 *
 * When the result is too short (under 500 characters) the scorer runs
 * again with fewer filters, like Readability, and keeps the longest try.
 */
#define G_LOG_DOMAIN "clipper-extract"

#include "clipper-extractor.h"
#include "clipper-extract-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (clipper-extract-error-quark, clipper_extract_error)

#define FLAG_STRIP_UNLIKELYS     (1 << 0)
#define FLAG_WEIGHT_CLASSES      (1 << 1)
#define FLAG_CLEAN_CONDITIONALLY (1 << 2)
#define FLAGS_ALL (FLAG_STRIP_UNLIKELYS | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY)

#define CHAR_THRESHOLD 500
/* An article shorter than this (characters) whose paywall box was cut
 * may be only its teaser: two or three paragraphs. */
#define PREVIEW_CHARS 1500
#define N_TOP_CANDIDATES 5

/* The text of a subtree as Readability measures it (trimmed, runs of
 * space counted once), in a form two neighbours can be joined from:
 * whether it starts or ends with space, or is only space. */
typedef struct {
  glong    len;
  guint    commas;
  gboolean empty;     /* no visible character */
  gboolean has_space; /* (when empty) any white space at all */
  gboolean lead;      /* starts with white space */
  gboolean trail;     /* ends with white space */
} TextStats;

/* What the cleaning passes count below an element (should_clean()). */
typedef struct {
  guint p, img, li, input, embeds, data_tables;
  double heading_len;
  double textish_len;
} Counts;

/* Sums over an element's descendants, joined from its children's so that
 * asking them of every element costs one walk of the tree, not one walk
 * of each subtree: a page nested hundreds deep made the cleaning passes
 * cost depth × size (a 13 MB page of 255 nested <div>s: 31 s). */
typedef struct {
  Counts counts;
  double list_len;        /* text of the <ul>/<ol> below (nested ones again) */
  glong  link_len;        /* text of the links below (not inside another link) */
  glong  hash_link_len;   /* the part of it in in-page "#…" links */
} Aggregates;

typedef struct {
  double     score;
  gboolean   initialized;   /* scored: a candidate */
  gboolean   data_table;
  gboolean   text_valid;    /* stats below are current */
  gboolean   agg_valid;     /* agg below is current */
  TextStats  stats;
  Aggregates agg;
} NodeInfo;

typedef struct {
  guint       flags;
  xmlDoc     *doc;
  const char *title;        /* metadata title, to spot a duplicated header */
  gboolean    meta_byline;  /* metadata already has a byline */
  const char *meta_byline_text; /* which, to spot it repeated in the content */
  const char *lang;         /* <html lang>, for a byline written in words */
  const char *text_lang;    /* else the language the text reads as, when asked: "" unknown */
  guint       long_paragraphs; /* paragraphs of 140+ characters the walk has passed */
  char       *byline;
  char       *byline_date; /* a byline element's last line, a date alone (ISO 8601) */
  xmlNode    *opening_h1;  /* the <h1> the article opens with, if any */
  char       *dir;
  gboolean    cache;        /* text lengths are cached on nodes (after the walk) */
  const char *base_url;     /* the document's base, or NULL */
  const char *page_url;     /* its own address as links resolve, or NULL */
  gboolean    paywall_cut;  /* remove_boilerplate() took out a box asking to subscribe */
} Grab;

/* ---- keyword tests on class/id ---------------------------------------- */

static gboolean
contains_any (const char *hay, const char *const *words)
{
  if (hay == NULL)
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (hay, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static const char *const unlikely_words[] = {
  "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
  "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
  "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
  "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", NULL
};
/* "mathjax": MathJax 3 sets each formula in <mjx-container class="MathJax
 * CtxtMenu_Attached_0">, whose class names the formula's context menu; as
 * an unlikely candidate every formula went, and a page with 500
 * characters of text besides got no second try without that filter
 * (Readability.js keeps them the same way since 2025, mozilla/readability
 * #958). */
static const char *const maybe_words[] = {
  "and", "article", "body", "column", "content", "main", "mathjax", "shadow", NULL
};
static const char *const positive_words[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
  "post", "text", "blog", "story", NULL
};
static const char *const negative_words[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
  "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
  "skyscraper", "sponsor", "shopping", "tags", "widget", NULL
};
static const char *const byline_words[] = { "byline", "author", "dateline", "writtenby", "p-author", NULL };

static gboolean
is_negative (const char *lower)
{
  gsize len = strlen (lower);

  if (contains_any (lower, negative_words))
    return TRUE;
  /* "hid" as a whole class name */
  if (clipper_str_eq (lower, "hid") || g_str_has_prefix (lower, "hid ") ||
      (len >= 4 && strcmp (lower + len - 4, " hid") == 0) || strstr (lower, " hid ") != NULL)
    return TRUE;
  return FALSE;
}

/* class + " " + id, lower-cased; NULL when the element has neither
 * (most elements: this saves an allocation per node). */
static char *
match_string (xmlNode *node)
{
  const char *cls = clipper_dom_attr (node, "class");
  const char *id = clipper_dom_attr (node, "id");
  gsize cls_len, id_len;
  char *s, *w;

  if ((cls == NULL || *cls == '\0') && (id == NULL || *id == '\0'))
    return NULL;
  /* "class id", lowered, in one allocation (it is asked for often). */
  cls_len = cls ? strlen (cls) : 0;
  id_len = id ? strlen (id) : 0;
  w = s = g_malloc (cls_len + id_len + 2);
  for (gsize i = 0; i < cls_len; i++)
    *w++ = g_ascii_tolower (cls[i]);
  *w++ = ' ';
  for (gsize i = 0; i < id_len; i++)
    *w++ = g_ascii_tolower (id[i]);
  *w = '\0';
  return s;
}

static gboolean
has_share_word (const char *lower)
{
  if (lower == NULL)
    return FALSE;
  for (const char *p = strstr (lower, "share"); p != NULL; p = strstr (p + 1, "share"))
    {
      gboolean before_ok = (p == lower) || !g_ascii_isalnum (p[-1]);
      const char *after = p + 5;

      if (g_str_has_prefix (after, "daddy"))
        after += 5;
      if (before_ok && !g_ascii_isalnum (*after))
        return TRUE;
    }
  return FALSE;
}

/* ---- node info -------------------------------------------------------- */

static NodeInfo *
info_of (xmlNode *node)
{
  return node->_private;
}

static int
class_weight (Grab *g, xmlNode *node)
{
  int weight = 0;
  const char *cls, *id;

  if (!(g->flags & FLAG_WEIGHT_CLASSES))
    return 0;
  cls = clipper_dom_attr (node, "class");
  id = clipper_dom_attr (node, "id");
  if (cls != NULL && *cls != '\0')
    {
      g_autofree char *l = g_ascii_strdown (cls, -1);
      if (is_negative (l))
        weight -= 25;
      if (contains_any (l, positive_words))
        weight += 25;
    }
  if (id != NULL && *id != '\0')
    {
      g_autofree char *l = g_ascii_strdown (id, -1);
      if (is_negative (l))
        weight -= 25;
      if (contains_any (l, positive_words))
        weight += 25;
    }
  return weight;
}

static NodeInfo *
info_get (Grab *g, xmlNode *node)
{
  NodeInfo *info = node->_private;

  if (info == NULL)
    {
      /* In the document's arena: freed with it. */
      info = clipper_html_doc_alloc (g->doc, sizeof (NodeInfo));
      node->_private = info;
    }
  return info;
}

static gboolean
is_init (xmlNode *node)
{
  return node->_private != NULL && ((NodeInfo *) node->_private)->initialized;
}

static NodeInfo *
info_init (Grab *g, xmlNode *node)
{
  NodeInfo *info = info_get (g, node);
  const char *n = (const char *) node->name;

  info->initialized = TRUE;
  info->score = 0;
  if (clipper_str_eq (n, "div"))
    info->score += 5;
  else if (clipper_str_eq (n, "pre") || clipper_str_eq (n, "td") || clipper_str_eq (n, "blockquote"))
    info->score += 3;
  else if (clipper_str_eq (n, "address") || clipper_str_eq (n, "ol") || clipper_str_eq (n, "ul") ||
           clipper_str_eq (n, "dl") || clipper_str_eq (n, "dd") || clipper_str_eq (n, "dt") ||
           clipper_str_eq (n, "li") || clipper_str_eq (n, "form"))
    info->score -= 3;
  else if ((n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && n[2] == '\0') || clipper_str_eq (n, "th"))
    info->score -= 5;
  info->score += class_weight (g, node);
  return info;
}

/* ---- measurements ----------------------------------------------------- */

static void
stats_of_text (const char *p, TextStats *st)
{
  gboolean in_space = FALSE;

  memset (st, 0, sizeof *st);
  st->empty = TRUE;
  for (; *p != '\0';)
    {
      gunichar c;
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          c = b;
          p++;
        }
      else
        {
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = 0xFFFD;
              p++;
            }
          else
            p = g_utf8_next_char (p);
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
          (c >= 0x80 && (c == 0xA0 || c == 0xFEFF || g_unichar_isspace (c))))
        {
          if (st->empty)
            st->lead = TRUE;
          st->has_space = TRUE;
          in_space = TRUE;
          continue;
        }
      if (!st->empty && in_space)
        st->len++;
      in_space = FALSE;
      st->empty = FALSE;
      st->len += c >= 0x10000 ? 2 : 1;
      if (c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 ||
          c == 0x2E41 || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C)
        st->commas++;
    }
  st->trail = !st->empty && in_space;
}

/* @a followed by @b. */
static void
stats_join (TextStats *a, const TextStats *b)
{
  if (b->empty)
    {
      if (a->empty)
        a->has_space |= b->has_space;
      else
        a->trail |= b->has_space;
      return;
    }
  if (a->empty)
    {
      gboolean space_before = a->has_space;
      *a = *b;
      a->lead |= space_before;
      return;
    }
  a->len += b->len + ((a->trail || b->lead) ? 1 : 0);
  a->commas += b->commas;
  a->trail = b->trail;
}

static const TextStats *
node_stats (Grab *g, xmlNode *node)
{
  NodeInfo *info = info_get (g, node);

  if (!info->text_valid)
    {
      TextStats acc = { 0, 0, TRUE, FALSE, FALSE, FALSE };

      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          if (c->type == XML_ELEMENT_NODE)
            stats_join (&acc, node_stats (g, c));
          else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
            {
              TextStats t;
              stats_of_text ((const char *) c->content, &t);
              stats_join (&acc, &t);
            }
        }
      info->stats = acc;
      info->text_valid = TRUE;
    }
  return &info->stats;
}

/* Text length (and commas) of an element, cached once the tree settles:
 * the cleaning passes ask for the same subtrees again and again, and each
 * element's figures are joined from its children's, so measuring the whole
 * tree costs one walk. */
static glong
text_len (Grab *g, xmlNode *node, guint *commas)
{
  const TextStats *st;

  if (!g->cache || node->type != XML_ELEMENT_NODE)
    return clipper_dom_text_length (node, commas);
  st = node_stats (g, node);
  if (commas != NULL)
    *commas = st->commas;
  return st->empty ? 0 : st->len;
}

/* @node's subtree changes: its cached length and its ancestors' go stale. */
static void
invalidate (xmlNode *node)
{
  for (xmlNode *a = node; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (a->_private != NULL)
      {
        ((NodeInfo *) a->_private)->text_valid = FALSE;
        ((NodeInfo *) a->_private)->agg_valid = FALSE;
      }
}

static void
remove_node (xmlNode *node)
{
  invalidate (node->parent);
  clipper_dom_remove (node);
}

static gboolean tag_in (xmlNode *node, const char *const *tags);

static const char *const heading_tags[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };
static const char *const textish_tags[] = { "span", "li", "td", "blockquote", "dl", "div", "img",
                                            "ol", "p", "pre", "table", "ul", NULL };

static gboolean
is_hash_link (xmlNode *a)
{
  const char *href = clipper_dom_attr (a, "href");

  return href != NULL && href[0] == '#' && href[1] != '\0';
}

/* The sums below @node (see Aggregates), joined from its children's and
 * kept until a removal or a renaming below invalidates them.  Only once the
 * tree holds still (g->cache). */
static const Aggregates *
node_aggregates (Grab *g, xmlNode *node)
{
  NodeInfo *info = info_get (g, node);

  if (!info->agg_valid)
    {
      Aggregates acc;

      memset (&acc, 0, sizeof acc);
      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          const Aggregates *sub;
          const char *name;

          if (c->type != XML_ELEMENT_NODE)
            continue;
          name = (const char *) c->name;
          if (clipper_str_eq (name, "p"))
            acc.counts.p++;
          else if (clipper_str_eq (name, "img"))
            acc.counts.img++;
          else if (clipper_str_eq (name, "li"))
            acc.counts.li++;
          else if (clipper_str_eq (name, "input"))
            acc.counts.input++;
          else if (clipper_str_eq (name, "object") || clipper_str_eq (name, "embed") || clipper_str_eq (name, "iframe"))
            acc.counts.embeds++;
          else if (clipper_str_eq (name, "table") && info_of (c) != NULL && info_of (c)->data_table)
            acc.counts.data_tables++;
          if (tag_in (c, heading_tags))
            acc.counts.heading_len += text_len (g, c, NULL);
          if (tag_in (c, textish_tags))
            acc.counts.textish_len += text_len (g, c, NULL);
          if (clipper_str_eq (name, "ul") || clipper_str_eq (name, "ol"))
            acc.list_len += text_len (g, c, NULL);

          sub = node_aggregates (g, c);
          acc.counts.p += sub->counts.p;
          acc.counts.img += sub->counts.img;
          acc.counts.li += sub->counts.li;
          acc.counts.input += sub->counts.input;
          acc.counts.embeds += sub->counts.embeds;
          acc.counts.data_tables += sub->counts.data_tables;
          acc.counts.heading_len += sub->counts.heading_len;
          acc.counts.textish_len += sub->counts.textish_len;
          acc.list_len += sub->list_len;
          /* A link's text counts once: links inside it are not added. */
          if (clipper_str_eq (name, "a"))
            {
              if (is_hash_link (c))
                acc.hash_link_len += text_len (g, c, NULL);
              else
                acc.link_len += text_len (g, c, NULL);
            }
          else
            {
              acc.link_len += sub->link_len;
              acc.hash_link_len += sub->hash_link_len;
            }
        }
      info->agg = acc;
      info->agg_valid = TRUE;
    }
  return &info->agg;
}

static double
link_density (Grab *g, xmlNode *node)
{
  glong text = text_len (g, node, NULL);
  double links = 0;
  xmlNode *n;

  if (text == 0)
    return 0;
  if (g->cache && node->type == XML_ELEMENT_NODE)
    {
      const Aggregates *agg = node_aggregates (g, node);
      return (agg->link_len + agg->hash_link_len * 0.3) / (double) text;
    }
  n = node;
  while (n != NULL)
    {
      gboolean skip = FALSE;
      if (n != node && clipper_dom_is (n, "a"))
        {
          const char *href = clipper_dom_attr (n, "href");
          double coef = (href != NULL && href[0] == '#' && href[1] != '\0') ? 0.3 : 1.0;
          links += text_len (g, n, NULL) * coef;
          /* Readability counts nested links twice; they are rare enough
           * that skipping them changes nothing measurable. */
          skip = TRUE;
        }
      n = clipper_dom_next (n, node, skip);
    }
  return links / (double) text;
}

static gboolean
has_ancestor_tag (xmlNode *node, const char *tag, int max_depth, gboolean need_data_table)
{
  int depth = 0;

  for (xmlNode *p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    {
      if (max_depth > 0 && depth > max_depth)
        return FALSE;
      if (clipper_dom_is (p, tag) &&
          (!need_data_table || (info_of (p) != NULL && info_of (p)->data_table)))
        return TRUE;
      depth++;
    }
  return FALSE;
}

/* Whether @node is part of a heading's words (within three levels): the
 * heading is judged as a whole, and its words stay whatever their id
 * says (Wikipedia's <span class="mw-headline" id="Community">, whose
 * heading was left reading "[edit]"). */
static gboolean
in_heading (xmlNode *node)
{
  int depth = 0;

  for (xmlNode *p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE && depth < 3; p = p->parent, depth++)
    if (tag_in (p, heading_tags))
      return TRUE;
  return FALSE;
}

static gboolean
style_says (const char *style, const char *prop, const char *value)
{
  g_auto(GStrv) decls = NULL;

  if (style == NULL)
    return FALSE;
  decls = g_strsplit (style, ";", -1);
  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');
      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (g_strstrip (decls[i]), prop) == 0)
        {
          char *v = g_strstrip (colon + 1);
          if (g_ascii_strncasecmp (v, value, strlen (value)) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* Classes that hide text from the eye and keep it for screen readers:
 * "Continue reading the main story" skip links, a "Photo" announced before
 * each image.  A reader shows what the page shows. */
static const char *const screen_reader_classes[] = {
  "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text", "screen-reader-only",
  "screenreader-only", "a11y-hidden", "u-visually-hidden", NULL
};

static gboolean
is_probably_visible (xmlNode *node)
{
  const char *style = clipper_dom_attr (node, "style");
  const char *aria = clipper_dom_attr (node, "aria-hidden");
  const char *cls;

  if (style != NULL && (style_says (style, "display", "none") || style_says (style, "visibility", "hidden")))
    return FALSE;
  if (clipper_dom_attr (node, "hidden") != NULL)
    return FALSE;
  cls = clipper_dom_attr (node, "class");
  /* Split only the few classes that may hold one of them: this runs on
   * every element. */
  if (cls != NULL && (strstr (cls, "hidden") != NULL || strstr (cls, "sr-only") != NULL ||
                      strstr (cls, "screen") != NULL))
    {
      g_auto(GStrv) words = g_strsplit_set (cls, " \t\n\r\f", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (g_strv_contains (screen_reader_classes, words[i]))
          return FALSE;
    }
  if (aria != NULL && clipper_str_eq (aria, "true"))
    return cls != NULL && strstr (cls, "fallback-image") != NULL;
  return TRUE;
}

/* What is_element_without_content() asks of a subtree — any visible text
 * below? how many <br>/<hr>? — worked out for every element in one walk
 * before the grab loop, and kept in the node's psvi field (unused in an
 * HTML tree: see clipper-html-parser.h): bit 0 "has text", the rest the
 * count.  Asking each element in turn was a walk of its whole subtree, so
 * a page nested hundreds deep cost depth × size (20 MB of nested <div>s:
 * over a minute).  The loop visits an element before anything below it
 * changes (removals happen at or after the element being visited, in
 * document order, and only outside the subtrees still to be asked), so the
 * figures are exact when asked. */
static guint64
mark_content (xmlNode *node)
{
  guint64 text = 0, brhr = 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          guint64 sub = mark_content (c);
          text |= sub & 1;
          brhr += (sub >> 1) + (clipper_dom_is (c, "br") || clipper_dom_is (c, "hr"));
        }
      else if (!text && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
        {
          for (const char *p = (const char *) c->content; *p && !text; p++)
            if (!g_ascii_isspace (*p))
              text = 1;
        }
    }
  node->psvi = GSIZE_TO_POINTER ((gsize) ((brhr << 1) | text));
  return (brhr << 1) | text;
}

static gboolean
is_element_without_content (xmlNode *node)
{
  guint64 marks = GPOINTER_TO_SIZE (node->psvi);
  guint children;

  if (marks & 1)
    return FALSE;
  children = clipper_dom_count_children (node);
  return children == 0 || children == (marks >> 1);
}

static gboolean
has_single_tag_inside (xmlNode *node, const char *tag)
{
  xmlNode *only = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (only != NULL)
            return FALSE;
          only = c;
        }
      else if (c->type == XML_TEXT_NODE && c->content != NULL)
        {
          for (const char *p = (const char *) c->content; *p; p++)
            if (!g_ascii_isspace (*p))
              return FALSE;
        }
    }
  return only != NULL && clipper_dom_is (only, tag);
}

static const char *const div_to_p_elems[] = {
  "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL
};

static gboolean
tag_in (xmlNode *node, const char *const *list)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  for (guint i = 0; list[i] != NULL; i++)
    if (clipper_str_eq ((const char *) node->name, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_child_block_element (xmlNode *node)
{
  for (xmlNode *n = node->children; n != NULL; n = clipper_dom_next (n, node, FALSE))
    if (tag_in (n, div_to_p_elems))
      return TRUE;
  return FALSE;
}

static const char *const phrasing_elems[] = {
  "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
  "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
  "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
  "sub", "sup", "textarea", "time", "var", "wbr", NULL
};

static gboolean
is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  if (node->type != XML_ELEMENT_NODE)
    return TRUE;  /* comments travel with their neighbours */
  if (tag_in (node, phrasing_elems))
    return TRUE;
  if (clipper_dom_is (node, "a") || clipper_dom_is (node, "del") || clipper_dom_is (node, "ins"))
    {
      for (xmlNode *c = node->children; c != NULL; c = c->next)
        if (!is_phrasing (c))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_whitespace_node (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    {
      for (const char *p = (const char *) node->content; p && *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
      return TRUE;
    }
  return clipper_dom_is (node, "br");
}

static xmlNode *
remove_and_get_next (xmlNode *node)
{
  xmlNode *next = clipper_dom_next_element (node, TRUE);
  clipper_dom_remove (node);
  return next;
}

static void invalidate (xmlNode *node);

static void
set_tag (xmlNode *node, const char *tag)
{
  /* A new name changes what the ancestors count (paragraphs, headings…).
   * When the node's own sums are stale its ancestors' are too. */
  if (node->_private != NULL && ((NodeInfo *) node->_private)->agg_valid)
    invalidate (node);
  clipper_html_set_name (node, tag);
}

/* ---- document preparation --------------------------------------------- */

static xmlNode *
body_of (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (clipper_dom_is (c, "body"))
      return c;
  return NULL;
}

static GPtrArray *
all_with_tag (xmlNode *root, const char *const *tags)
{
  GPtrArray *list = g_ptr_array_new ();

  /* Descendants only, like getElementsByTagName. */
  for (xmlNode *n = root->children; n != NULL; n = clipper_dom_next (n, root, FALSE))
    if (tag_in (n, tags))
      g_ptr_array_add (list, n);
  return list;
}

static gboolean
is_single_image (xmlNode *node)
{
  while (node != NULL)
    {
      xmlNode *only = NULL;
      guint n = 0;

      if (clipper_dom_is (node, "img"))
        return TRUE;
      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          if (c->type == XML_ELEMENT_NODE)
            {
              only = c;
              n++;
            }
          else if (c->type == XML_TEXT_NODE && !is_whitespace_node (c))
            return FALSE;
        }
      if (n != 1)
        return FALSE;
      node = only;
    }
  return FALSE;
}

/* Whether @s, a sibling of the best candidate, is a picture of the story
 * with its caption: a <figure> (or a box holding only one) with an image
 * and a caption that is not mostly links.  Paragraphs score and join;
 * the lead photo above the body has none, and was left out. */
static gboolean
is_lead_figure (Grab *g, xmlNode *s)
{
  xmlNode *fig = s;
  xmlNode *caption;

  if (!clipper_dom_is (fig, "figure"))
    {
      fig = clipper_dom_first_element_child (s);
      if (fig == NULL || !clipper_dom_is (fig, "figure"))
        return FALSE;
      for (xmlNode *n = fig->next; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
          return FALSE;
    }
  caption = clipper_dom_find (fig, "figcaption");
  return clipper_dom_find (fig, "img") != NULL && caption != NULL && text_len (g, caption, NULL) > 0 &&
         link_density (g, fig) < 0.5;
}

/* Lazy-loading pages put the real <img> in a <noscript> after a placeholder:
 * use the noscript's image instead of the placeholder. */
static void
unwrap_noscript_images (GPtrArray *noscripts)
{
  for (guint i = 0; i < noscripts->len; i++)
    {
      xmlNode *ns = noscripts->pdata[i];
      xmlNode *prev, *img, *prev_img;

      if (!is_single_image (ns))
        continue;
      for (prev = ns->prev; prev != NULL && prev->type != XML_ELEMENT_NODE; prev = prev->prev)
        ;
      if (prev == NULL || !is_single_image (prev))
        continue;
      img = clipper_dom_find (ns, "img");
      prev_img = clipper_dom_find (prev, "img");
      if (img == NULL || prev_img == NULL)
        continue;
      /* Replace the placeholder image by the real one, in place. */
      clipper_html_unlink (img);
      clipper_html_replace (prev_img, img);
    }
}

static xmlNode *
next_significant (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE && is_whitespace_node (node))
    node = node->next;
  while (node != NULL && node->type == XML_COMMENT_NODE)
    node = node->next;
  return node;
}

/* Drops a node during replace_brs: <br>s are only unlinked and marked, as
 * the list being walked still points at them; they are freed at the end. */
static void
drop_br_pass_node (xmlNode *node)
{
  if (clipper_dom_is (node, "br"))
    {
      clipper_html_unlink (node);
      node->_private = (void *) 1;
    }
  else
    clipper_dom_remove (node);
}

/* Whether @node sits in a <pre>, where line breaks are the code's lines. */
static gboolean
in_pre (xmlNode *node)
{
  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (clipper_dom_is (a, "pre"))
      return TRUE;
  return FALSE;
}

/* <br><br> chains become paragraph breaks (not in code: a blank line
 * between two lines of a <pre> stays one). */
static void
replace_brs (xmlDoc *doc, GPtrArray *brs)
{
  for (guint i = 0; i < brs->len; i++)
    {
      xmlNode *br = brs->pdata[i];
      xmlNode *next;
      gboolean replaced = FALSE;
      xmlNode *p;

      if (br->_private == (void *) 1 || br->parent == NULL || in_pre (br))
        continue;
      next = br->next;
      while ((next = next_significant (next)) != NULL && clipper_dom_is (next, "br"))
        {
          xmlNode *sib = next->next;
          replaced = TRUE;
          drop_br_pass_node (next);
          next = sib;
        }
      if (!replaced)
        continue;
      p = clipper_html_new_element (doc, "p");
      clipper_html_replace (br, p);
      br->_private = (void *) 1;
      next = p->next;
      while (next != NULL)
        {
          xmlNode *sib;
          if (clipper_dom_is (next, "br"))
            {
              xmlNode *n2 = next_significant (next->next);
              if (n2 != NULL && clipper_dom_is (n2, "br"))
                break;
            }
          if (!is_phrasing (next))
            break;
          sib = next->next;
          clipper_html_unlink (next);
          clipper_html_append (p, next);
          next = sib;
        }
      while (p->last != NULL && is_whitespace_node (p->last))
        drop_br_pass_node (p->last);
      if (clipper_dom_is (p->parent, "p"))
        set_tag (p->parent, "div");
    }
}

/* Takes the attribute @name off @node. */
static void
drop_attr (xmlNode *node, const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->name != NULL && g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      {
        if (a->prev != NULL)
          a->prev->next = a->next;
        else
          node->properties = a->next;
        if (a->next != NULL)
          a->next->prev = a->prev;
        return;
      }
}

/* Tabs (role="tablist", "tab", "tabpanel"): a page shows one panel at a
 * time, the others hidden until their tab is clicked, and the reader has
 * no tabs to click.  A docs page's example in Python, JavaScript and Go
 * kept the Python only, under a list reading "Python JavaScript Go".
 * When there are as many panels in the tab list's box as tabs, every
 * panel is shown, its tab's name before it, and the tab list goes. */
static void
open_tabs (xmlDoc *doc, xmlNode *tablist)
{
  g_autoptr(GPtrArray) tabs = g_ptr_array_new ();
  g_autoptr(GPtrArray) panels = g_ptr_array_new ();
  xmlNode *box = tablist->parent;

  if (box == NULL || box->type != XML_ELEMENT_NODE)
    return;
  for (xmlNode *n = tablist; n != NULL; n = clipper_dom_next (n, tablist, FALSE))
    if (n->type == XML_ELEMENT_NODE && g_strcmp0 (clipper_dom_attr (n, "role"), "tab") == 0)
      g_ptr_array_add (tabs, n);
  for (xmlNode *n = box; n != NULL;)
    {
      if (n == tablist)
        {
          n = clipper_dom_next (n, box, TRUE);
          continue;
        }
      if (n->type == XML_ELEMENT_NODE && g_strcmp0 (clipper_dom_attr (n, "role"), "tabpanel") == 0)
        {
          g_ptr_array_add (panels, n);
          n = clipper_dom_next (n, box, TRUE);
          continue;
        }
      n = clipper_dom_next (n, box, FALSE);
    }
  if (tabs->len < 2 || tabs->len != panels->len)
    return;
  for (guint i = 0; i < panels->len; i++)
    {
      xmlNode *panel = panels->pdata[i];
      g_autofree char *name = clipper_dom_inner_text (tabs->pdata[i], TRUE);
      xmlNode *label = clipper_html_new_element (doc, "p");

      clipper_html_append (label, clipper_html_new_text (doc, name, -1));
      clipper_html_insert_before (panel, label);
      drop_attr (panel, "hidden");
      drop_attr (panel, "aria-hidden");
      drop_attr (panel, "style");
    }
  clipper_dom_remove (tablist);
}

/* One walk collects what the preparation changes: <noscript> images,
 * scripts and styles to drop, <br> chains, <font>s, tab lists. */
static void
prep_document (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) noscripts = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();
  g_autoptr(GPtrArray) brs = g_ptr_array_new ();
  g_autoptr(GPtrArray) fonts = g_ptr_array_new ();
  g_autoptr(GPtrArray) tablists = g_ptr_array_new ();
  xmlNode *n = root;
  gboolean in_body = FALSE;

  while (n != NULL)
    {
      gboolean skip = FALSE;

      if (n->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) n->name;

          if (clipper_str_eq (name, "noscript"))
            {
              g_ptr_array_add (noscripts, n);
              g_ptr_array_add (dropped, n);
              skip = TRUE;
            }
          else if (clipper_str_eq (name, "script") || clipper_str_eq (name, "style") || clipper_str_eq (name, "template"))
            {
              g_ptr_array_add (dropped, n);
              skip = TRUE;
            }
          else if (clipper_str_eq (name, "br"))
            {
              if (in_body)
                g_ptr_array_add (brs, n);
            }
          else if (clipper_str_eq (name, "font"))
            g_ptr_array_add (fonts, n);
          else if (clipper_str_eq (name, "body"))
            in_body = TRUE;
          if (g_strcmp0 (clipper_dom_attr (n, "role"), "tablist") == 0)
            g_ptr_array_add (tablists, n);
        }
      n = clipper_dom_next (n, root, skip);
    }
  for (guint i = 0; i < tablists->len; i++)
    open_tabs (doc, tablists->pdata[i]);
  unwrap_noscript_images (noscripts);
  for (guint i = dropped->len; i > 0; i--)
    clipper_dom_remove (dropped->pdata[i - 1]);
  replace_brs (doc, brs);
  /* After the <br>s, as a <font> (unlike a <span>) ends a paragraph there. */
  for (guint i = 0; i < fonts->len; i++)
    set_tag (fonts->pdata[i], "span");
}

/* ---- the scorer ------------------------------------------------------- */

static gboolean
is_valid_byline (xmlNode *node, const char *match)
{
  const char *rel = clipper_dom_attr (node, "rel");
  const char *itemprop = clipper_dom_attr (node, "itemprop");
  glong len;

  if (!((rel != NULL && clipper_str_eq (rel, "author")) ||
        (itemprop != NULL && strstr (itemprop, "author") != NULL) ||
        contains_any (match, byline_words)))
    return FALSE;
  /* textContent.trim().length: indentation counts, which keeps big
   * containers that merely mention "author" from passing for a byline. */
  len = clipper_dom_text_length_full (node, NULL, FALSE);
  return len > 0 && len < 100;
}

/* A byline element's text, its lines (parted by <br>s and blocks) kept
 * apart: LWN's "By <b>Nathan Willis</b><br>March 25, 2015" read "By
 * Nathan Willis March 25, 2015", one run of words in the reader's header
 * line.  A last line that is a date alone goes to @date (the header shows
 * the date beside the byline); the other lines are joined with " · ". */
static char *
byline_of_lines (xmlNode *node, char **date)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) raw = NULL;

  for (xmlNode *n = node->children; n != NULL; n = clipper_dom_next (n, node, FALSE))
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
      {
        /* The page's own line breaks are white space. */
        for (const char *p = (const char *) n->content; *p != '\0'; p++)
          g_string_append_c (text, *p == '\n' ? ' ' : *p);
      }
    else if (n->type == XML_ELEMENT_NODE && (clipper_dom_is (n, "br") || !is_phrasing (n)))
      g_string_append_c (text, '\n');
  raw = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *line = clipper_dom_normalize_space (raw[i]);

      if (*line != '\0')
        g_ptr_array_add (lines, line);
      else
        g_free (line);
    }
  if (lines->len >= 2 && date != NULL && *date == NULL &&
      (*date = clipper_date_of_line (lines->pdata[lines->len - 1])) != NULL)
    g_ptr_array_remove_index (lines, lines->len - 1);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (" \xc2\xb7 ", (char **) lines->pdata);
}

/* @text folded for comparing bylines: letters and digits only, casefolded. */
static char *
byline_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Whether a byline-like @node only repeats the metadata's byline, maybe
 * after a short lead ("By Ada Lovelace", "Written by Ada Lovelace" for
 * "Ada Lovelace").  Readability keeps such a node in the article when the
 * metadata already named the author, and the reader then shows the name
 * twice: above the article, from the metadata, and as its first line. */
static gboolean
repeats_meta_byline (Grab *g, xmlNode *node)
{
  g_autofree char *text = clipper_dom_inner_text (node, TRUE);
  g_autofree char *key = NULL;
  g_autofree char *meta = NULL;
  gsize kl, ml;

  if (g->meta_byline_text == NULL || text == NULL)
    return FALSE;
  key = byline_key (text);
  meta = byline_key (g->meta_byline_text);
  kl = strlen (key);
  ml = strlen (meta);
  if (ml < 3 || kl < ml || !g_str_has_suffix (key, meta))
    return FALSE;
  /* The lead: a word or two ("by", "writtenby", "von"), no date. */
  for (gsize i = 0; i < kl - ml; i++)
    if (g_ascii_isdigit (key[i]))
      return FALSE;
  return kl - ml <= 10;
}

/* A byline written in words, with no class saying so: "By Ada Lovelace",
 * "Von Anna Müller, 12. März 2024", "Par Jean Dupont et Marie Curie".
 * Each lead counts only on a page in one of its languages: elsewhere
 * "Di" or "Door" may start a name or a sentence ("Di Maria" is a
 * surname). */
static const struct {
  const char *lead;   /* lower case, with its colon and space */
  const char *langs;  /* primary language subtags, space-separated */
} byline_leads[] = {
  { "by ", "en" }, { "written by ", "en" },
  { "von ", "de" }, { "text: ", "de" }, { "autorin: ", "de" },
  { "autor: ", "de pl cs sk es pt" },
  { "par ", "fr" }, { "por ", "es pt" }, { "di ", "it" }, { "door ", "nl" },
  { "av ", "sv no" }, { "af ", "da" }, { "przez ", "pl" },
};

/* Between two names ("Anna Müller und Peter Schmid"). */
static const char *const name_joiners[] = {
  "and", "&", "und", "et", "y", "e", "en", "og", "och", "i", "oraz", "a", NULL
};
/* Lower-case words inside a name ("Jan de Vries", "Ursula von der Leyen"). */
static const char *const name_particles[] = {
  "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le", "dos", "das",
  "zu", "ten", "ter", "af", "al", "bin", "ibn", NULL
};

/* The words by which a text's language shows: the commonest short words
 * of each language with a byline lead above. */
static const struct {
  const char *lang;
  const char *words;
} language_words[] = {
  { "en", " the and of to is that with was for " },
  { "de", " der die und das ist nicht mit sich auch eine " },
  { "fr", " le les et est une dans pour pas qui sur " },
  { "es", " el los las y del una con por para como " },
  { "pt", " os as não uma com do da em para mais " },
  { "it", " il che della per non sono gli nel alla anche " },
  { "nl", " het een van niet dat zijn voor ook maar met " },
  { "sv", " och att det som är på inte för med till " },
  { "no", " og det som er på ikke for med til av " },
  { "da", " og det at er på ikke for med til af " },
  { "pl", " w nie na się że jest to z jak do " },
};

/* The language the page's text reads as, from its first thousand words:
 * the one whose common words are most of them, by a clear lead. */
static const char *
guess_text_lang (Grab *g)
{
  xmlNode *body = body_of (g->doc);
  guint hits[G_N_ELEMENTS (language_words)] = { 0 };
  guint words = 0;
  guint best = 0, second = 0;
  const char *lang = "";

  if (g->text_lang != NULL)
    return g->text_lang;
  for (xmlNode *n = body; n != NULL && words < 1000; n = clipper_dom_next (n, body, FALSE))
    {
      GString *word;

      if (n->type != XML_TEXT_NODE || n->content == NULL)
        continue;
      word = g_string_new (" ");
      for (const char *p = (const char *) n->content; words < 1000; p = g_utf8_next_char (p))
        {
          gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

          if (g_unichar_isalpha (c))
            {
              g_string_append_unichar (word, g_unichar_tolower (c));
              continue;
            }
          if (word->len > 1)
            {
              g_string_append_c (word, ' ');
              words++;
              for (guint i = 0; i < G_N_ELEMENTS (language_words); i++)
                if (strstr (language_words[i].words, word->str) != NULL)
                  hits[i]++;
              g_string_truncate (word, 1);
            }
          if (c == 0)
            break;
        }
      g_string_free (word, TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (language_words); i++)
    if (hits[i] > best)
      {
        second = best;
        best = hits[i];
        lang = language_words[i].lang;
      }
    else if (hits[i] > second)
      second = hits[i];
  /* A clear lead or no guess: Danish and Norwegian, Spanish and
   * Portuguese share many short words. */
  if (best < 5 || best < second * 3 / 2)
    lang = "";
  g->text_lang = lang;
  return lang;
}

/* Whether @lead counts on this page: its <html lang>, else its text's. */
static gboolean
lead_fits_language (Grab *g, const char *langs)
{
  g_autofree char *primary = NULL;
  g_auto(GStrv) list = g_strsplit (langs, " ", -1);

  if (g->lang != NULL && *g->lang != '\0')
    {
      gsize n = strcspn (g->lang, "-_");

      primary = g_ascii_strdown (g->lang, n);
      /* Bokmål and Nynorsk are Norwegian. */
      if (strcmp (primary, "nb") == 0 || strcmp (primary, "nn") == 0)
        {
          g_free (primary);
          primary = g_strdup ("no");
        }
    }
  else
    primary = g_strdup (guess_text_lang (g));
  return *primary != '\0' && g_strv_contains ((const char *const *) list, primary);
}

/* A word that can be part of a name: capitalised ("Müller", "O'Neil",
 * "Roberts-Grey", "MOHNEY") or an initial ("J."). */
static gboolean
is_name_word (const char *w)
{
  gunichar c = g_utf8_get_char (w);

  if (!g_unichar_isupper (c) && !g_unichar_istitle (c))
    return FALSE;
  for (const char *p = g_utf8_next_char (w); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (!g_unichar_isalpha (d) && !g_unichar_ismark (d) && d != '-' && d != '\'' && d != 0x2019 &&
          !(d == '.' && p[1] == '\0'))
        return FALSE;
    }
  return TRUE;
}

/* Whether @words from @from on read as a date and time ("12. März 2024,
 * 14:30 Uhr", "March 18 at 3:57 PM"): short, a third of the words or
 * more with digits.  A clause that mentions a year is not. */
static gboolean
is_date_rest (char **words, guint from)
{
  g_autofree char *rest = g_strjoinv (" ", words + from);
  guint n = 0, with_digits = 0;

  if (g_utf8_strlen (rest, -1) > 60)
    return FALSE;
  for (guint i = from; words[i] != NULL; i++, n++)
    for (const char *p = words[i]; *p != '\0'; p++)
      if (g_ascii_isdigit (*p))
        {
          with_digits++;
          break;
        }
  return with_digits > 0 && with_digits * 3 >= n;
}

/* Whether @text (white space collapsed) is "<lead> <names>", maybe
 * followed by a date or a place: the names of two to five words each,
 * capitalised but for particles, joined by "," or a word for "and".
 * "Von Berlin aus fuhr er weiter" and "Por qué…" are prose. */
static gboolean
is_byline_text (Grab *g, const char *text)
{
  g_auto(GStrv) words = NULL;
  const char *rest = NULL;
  guint i = 0, n, name_len = 0;

  for (guint k = 0; k < G_N_ELEMENTS (byline_leads) && rest == NULL; k++)
    {
      gsize l = strlen (byline_leads[k].lead);

      if (g_ascii_strncasecmp (text, byline_leads[k].lead, l) == 0 && lead_fits_language (g, byline_leads[k].langs))
        rest = text + l;
    }
  if (rest == NULL)
    return FALSE;
  words = g_strsplit (rest, " ", -1);
  n = g_strv_length (words);
  while (i < n)
    {
      char *w = words[i];
      gsize l = strlen (w);
      gboolean ends_name = l > 1 && (w[l - 1] == ',' || w[l - 1] == ';');

      if (ends_name)
        w[l - 1] = '\0';
      if (is_name_word (w) ||
          (name_len > 0 && !ends_name && i + 1 < n && g_strv_contains (name_particles, w)))
        {
          name_len++;
          i++;
        }
      else if (name_len >= 2 && g_strv_contains (name_joiners, w) && i + 1 < n && is_name_word (words[i + 1]))
        {
          name_len = 0;
          i++;
          continue;
        }
      else
        break;
      if (name_len > 5 || (ends_name && name_len < 2))
        return FALSE;
      if (ends_name)
        {
          /* Another name, or what follows the names. */
          if (i < n && is_name_word (words[i]) && i + 1 < n && is_name_word (words[i + 1]))
            name_len = 0;
          else
            break;
        }
    }
  if (name_len < 2 || !is_name_word (words[i - 1]))
    return FALSE;
  if (i == n)
    return TRUE;
  /* After the names: a separator, then a date ("12. März 2024, 14:30
   * Uhr"), or up to three capitalised words ("Berlin", "Genève"). */
  if (strcmp (words[i], "|") == 0 || strcmp (words[i], "·") == 0 || strcmp (words[i], "•") == 0 ||
      strcmp (words[i], "–") == 0 || strcmp (words[i], "—") == 0 || strcmp (words[i], "-") == 0 ||
      strcmp (words[i], "/") == 0)
    i++;
  if (i == n)
    return FALSE;
  if (is_date_rest (words, i))
    return TRUE;
  if (n - i > 3)
    return FALSE;
  for (; i < n; i++)
    if (!is_name_word (words[i]))
      return FALSE;
  return TRUE;
}

/* Whether @node is a short block whose text is a byline in words.  Looks
 * at no more than 64 nodes and 200 bytes of text, so asking every
 * element of a page costs little. */
static gboolean
is_text_byline (Grab *g, xmlNode *node)
{
  static const char *const tags[] = { "p", "div", "span", "address", "em", "strong", "b", "i", "small", NULL };
  g_autoptr(GString) raw = NULL;
  g_autofree char *text = NULL;
  guint seen = 0;

  /* Before the story, or after its lead paragraph: further down, "by
   * …" is a teaser's (related stories, a sidebar). */
  if (g->long_paragraphs > 1 || !g_strv_contains (tags, (const char *) node->name))
    return FALSE;
  raw = g_string_new (NULL);
  for (xmlNode *n = node; n != NULL && raw->len < 200; n = clipper_dom_next (n, node, FALSE))
    {
      if (++seen > 64)
        return FALSE;
      if (n != node && n->type == XML_ELEMENT_NODE)
        {
          g_autofree char *match = match_string (n);

          /* Phrasing only, and no byline marked as such inside: a
           * container of the byline and more (a date paragraph, a
           * "Follow" link) is not one, and the marked element says it
           * better. */
          if ((!tag_in (n, phrasing_elems) && !clipper_dom_is (n, "a")) || is_valid_byline (n, match))
            return FALSE;
        }
      if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
        g_string_append (raw, (const char *) n->content);
    }
  text = clipper_dom_normalize_space (raw->str);
  if (g_utf8_strlen (text, -1) >= 100)
    return FALSE;
  return is_byline_text (g, text);
}

static gboolean
header_duplicates_title (Grab *g, xmlNode *node)
{
  g_autofree char *text = NULL;

  if (!clipper_dom_is (node, "h1") && !clipper_dom_is (node, "h2"))
    return FALSE;
  if (g->title == NULL)
    return FALSE;
  text = clipper_dom_inner_text (node, FALSE);
  return clipper_text_similarity (g->title, text) > 0.75;
}

/* Wraps runs of phrasing content directly inside a <div> into <p>s. */
static void
wrap_phrasing (Grab *g, xmlNode *div)
{
  xmlNode *p = NULL;
  xmlNode *child = div->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_phrasing (child))
        {
          if (p != NULL)
            {
              clipper_html_unlink (child);
              clipper_html_append (p, child);
            }
          else if (!is_whitespace_node (child) && child->type != XML_COMMENT_NODE)
            {
              p = clipper_html_new_element (g->doc, "p");
              clipper_html_replace (child, p);
              clipper_html_append (p, child);
            }
        }
      else if (p != NULL)
        {
          while (p->last != NULL && is_whitespace_node (p->last))
            clipper_dom_remove (p->last);
          p = NULL;
        }
      child = next;
    }
}

static xmlNode *
grab_article (Grab *g)
{
  xmlNode *root = xmlDocGetRootElement (g->doc);
  xmlNode *body = body_of (g->doc);
  g_autoptr(GPtrArray) to_score = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  xmlNode *top[N_TOP_CANDIDATES] = { NULL };
  xmlNode *top_candidate, *parent_of_top, *article;
  gboolean remove_title_header = TRUE;
  xmlNode *node;
  double threshold;

  if (root == NULL || body == NULL)
    return NULL;

  mark_content (root);
  node = root;
  while (node != NULL)
    {
      g_autofree char *match = match_string (node);
      const char *name = (const char *) node->name;
      const char *role;

      if (!is_probably_visible (node))
        {
          node = remove_and_get_next (node);
          continue;
        }
      if (g_strcmp0 (clipper_dom_attr (node, "aria-modal"), "true") == 0 &&
          g_strcmp0 (clipper_dom_attr (node, "role"), "dialog") == 0)
        {
          node = remove_and_get_next (node);
          continue;
        }
      if (g->byline == NULL && g->meta_byline && (is_valid_byline (node, match) || is_text_byline (g, node)) &&
          repeats_meta_byline (g, node))
        {
          /* The name stays where the reader shows it, once. */
          g->byline = clipper_dom_inner_text (node, TRUE);
          node = remove_and_get_next (node);
          continue;
        }
      if (g->byline == NULL && !g->meta_byline && is_valid_byline (node, match))
        {
          xmlNode *name_node = NULL;
          g_autofree char *text = NULL;

          for (xmlNode *n = node->children; n != NULL && name_node == NULL; n = clipper_dom_next (n, node, FALSE))
            {
              const char *ip = clipper_dom_attr (n, "itemprop");
              if (ip != NULL && strstr (ip, "name") != NULL)
                name_node = n;
            }
          if (name_node != NULL)
            {
              text = clipper_dom_inner_text (name_node, FALSE);
              g->byline = g_strdup (g_strstrip (text));
            }
          else
            g->byline = byline_of_lines (node, &g->byline_date);
          node = remove_and_get_next (node);
          continue;
        }
      if (g->byline == NULL && !g->meta_byline && is_text_byline (g, node))
        {
          g->byline = clipper_dom_inner_text (node, TRUE);
          g_debug ("byline in words <%s>: %s", node->name, g->byline);
          node = remove_and_get_next (node);
          continue;
        }
      if (g->long_paragraphs < 2 && clipper_dom_is (node, "p") && clipper_dom_text_length (node, NULL) >= 140)
        g->long_paragraphs++;
      if (remove_title_header && header_duplicates_title (g, node))
        {
          remove_title_header = FALSE;
          node = remove_and_get_next (node);
          continue;
        }
      if (g->flags & FLAG_STRIP_UNLIKELYS)
        {
          static const char *const roles[] = { "menu", "menubar", "complementary", "navigation",
                                               "alert", "alertdialog", "dialog", NULL };
          /* Embedded social posts ("social-embed", "tweet") are quotes the
           * story makes, not widgets. */
          if (contains_any (match, unlikely_words) && !contains_any (match, maybe_words) &&
              !contains_any (match, (const char *const[]) { "embed", "tweet", "instagram", NULL }) &&
              !has_ancestor_tag (node, "table", 3, FALSE) && !has_ancestor_tag (node, "code", 3, FALSE) &&
              !in_heading (node) && strcmp (name, "body") != 0 && strcmp (name, "a") != 0)
            {
              node = remove_and_get_next (node);
              continue;
            }
          role = clipper_dom_attr (node, "role");
          if (role != NULL)
            {
              gboolean unlikely = FALSE;
              for (guint i = 0; roles[i]; i++)
                if (clipper_str_eq (role, roles[i]))
                  unlikely = TRUE;
              if (unlikely)
                {
                  node = remove_and_get_next (node);
                  continue;
                }
            }
        }
      if ((clipper_str_eq (name, "div") || clipper_str_eq (name, "section") || clipper_str_eq (name, "header") ||
           (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')) &&
          is_element_without_content (node))
        {
          node = remove_and_get_next (node);
          continue;
        }
      if (tag_in (node, (const char *const[]) { "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre", NULL }))
        g_ptr_array_add (to_score, node);

      if (clipper_str_eq (name, "div"))
        {
          wrap_phrasing (g, node);
          if (has_single_tag_inside (node, "p") && link_density (g, node) < 0.25)
            {
              xmlNode *child = clipper_dom_first_element_child (node);

              /* The box's class is the paragraph's, for the boilerplate
               * pass: <div class="promo"><p>Listen: our podcast…</p></div>. */
              if (child->properties == NULL)
                {
                  child->properties = node->properties;
                  node->properties = NULL;
                  for (xmlAttr *attr = child->properties; attr != NULL; attr = attr->next)
                    attr->parent = child;
                }
              clipper_html_unlink (child);
              clipper_html_replace (node, child);
              node = child;
              g_ptr_array_add (to_score, node);
            }
          else if (!has_child_block_element (node))
            {
              set_tag (node, "p");
              g_ptr_array_add (to_score, node);
            }
        }
      node = clipper_dom_next_element (node, FALSE);
    }

  /* The tree holds still from here on but for removals, which
   * invalidate: text lengths can be cached. */
  g->cache = TRUE;

  /* Paragraphs score their ancestors, less and less with distance. */
  for (guint i = 0; i < to_score->len; i++)
    {
      xmlNode *el = to_score->pdata[i];
      guint commas = 0;
      glong len;
      double score;
      xmlNode *anc;
      int level;

      if (el->parent == NULL || el->parent->type != XML_ELEMENT_NODE)
        continue;
      len = text_len (g, el, &commas);
      if (len < 25)
        continue;
      score = 1 + (commas + 1) + MIN (len / 100, 3);
      for (anc = el->parent, level = 0; anc != NULL && level < 5; anc = anc->parent, level++)
        {
          double divider;

          if (anc->type != XML_ELEMENT_NODE || anc->parent == NULL || anc->parent->type != XML_ELEMENT_NODE)
            break;
          if (!is_init (anc))
            {
              info_init (g, anc);
              g_ptr_array_add (candidates, anc);
            }
          divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
          info_of (anc)->score += score / divider;
        }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      xmlNode *c = candidates->pdata[i];
      NodeInfo *info = info_of (c);

      info->score *= (1 - link_density (g, c));
      for (guint t = 0; t < N_TOP_CANDIDATES; t++)
        {
          if (top[t] == NULL || info->score > info_of (top[t])->score)
            {
              memmove (&top[t + 1], &top[t], (N_TOP_CANDIDATES - t - 1) * sizeof (xmlNode *));
              top[t] = c;
              break;
            }
        }
    }

  top_candidate = top[0];
  if (top_candidate == NULL || clipper_dom_is (top_candidate, "body"))
    {
      /* No clear winner: the whole body is the article. */
      xmlNode *div = clipper_html_new_element (g->doc, "div");
      while (body->children != NULL)
        {
          xmlNode *c = body->children;
          clipper_html_unlink (c);
          clipper_html_append (div, c);
        }
      clipper_html_append (body, div);
      top_candidate = div;
      if (!is_init (div))
        info_init (g, div);
    }
  else
    {
      /* When several near-equal candidates share an ancestor, the article
       * is that ancestor (pages that split the story in sections). */
      GPtrArray *alternatives[N_TOP_CANDIDATES] = { NULL };
      guint n_alt = 0;

      for (guint i = 1; i < N_TOP_CANDIDATES && top[i] != NULL; i++)
        {
          if (info_of (top_candidate)->score > 0 &&
              info_of (top[i])->score / info_of (top_candidate)->score >= 0.75)
            {
              GPtrArray *anc = g_ptr_array_new ();
              for (xmlNode *a = top[i]->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
                g_ptr_array_add (anc, a);
              alternatives[n_alt++] = anc;
            }
        }
      if (n_alt >= 3)
        {
          for (xmlNode *p = top_candidate->parent; p != NULL && p->type == XML_ELEMENT_NODE && !clipper_dom_is (p, "body"); p = p->parent)
            {
              guint lists = 0;
              for (guint a = 0; a < n_alt && lists < 3; a++)
                {
                  GPtrArray *anc = alternatives[a];
                  for (guint k = 0; k < anc->len; k++)
                    if (anc->pdata[k] == p)
                      {
                        lists++;
                        break;
                      }
                }
              if (lists >= 3)
                {
                  top_candidate = p;
                  break;
                }
            }
        }
      for (guint a = 0; a < n_alt; a++)
        g_ptr_array_unref (alternatives[a]);

      if (!is_init (top_candidate))
        info_init (g, top_candidate);

      /* Climb while the parent scores better: the article often spreads
       * over several children of one container. */
      {
        double last = info_of (top_candidate)->score;
        double score_threshold = last / 3;

        for (xmlNode *p = top_candidate->parent; p != NULL && p->type == XML_ELEMENT_NODE && !clipper_dom_is (p, "body"); p = p->parent)
          {
            double ps;
            if (!is_init (p))
              continue;
            ps = info_of (p)->score;
            if (ps < score_threshold)
              break;
            if (ps > last)
              {
                top_candidate = p;
                break;
              }
            last = ps;
          }
      }
      /* An only child says nothing: take its parent. */
      for (xmlNode *p = top_candidate->parent;
           p != NULL && p->type == XML_ELEMENT_NODE && !clipper_dom_is (p, "body") && clipper_dom_count_children (p) == 1;
           p = p->parent)
        top_candidate = p;
      if (!is_init (top_candidate))
        info_init (g, top_candidate);
    }

  /* Siblings that look like article text join the article. */
  article = clipper_html_new_element (g->doc, "div");
  threshold = MAX (10, info_of (top_candidate)->score * 0.2);
  parent_of_top = top_candidate->parent;
  {
    g_autoptr(GPtrArray) siblings = g_ptr_array_new ();
    const char *top_class = clipper_dom_attr (top_candidate, "class");

    for (xmlNode *s = parent_of_top->children; s != NULL; s = s->next)
      if (s->type == XML_ELEMENT_NODE)
        g_ptr_array_add (siblings, s);
    for (guint i = 0; i < siblings->len; i++)
      {
        xmlNode *s = siblings->pdata[i];
        gboolean append = FALSE;

        if (s == top_candidate)
          append = TRUE;
        else
          {
            double bonus = 0;
            const char *cls = clipper_dom_attr (s, "class");

            if (top_class != NULL && *top_class != '\0' && g_strcmp0 (cls, top_class) == 0)
              bonus += info_of (top_candidate)->score * 0.2;
            if (is_init (s) && info_of (s)->score + bonus >= threshold)
              append = TRUE;
            else if (is_lead_figure (g, s))
              append = TRUE;
            else if (clipper_dom_is (s, "p"))
              {
                double ld = link_density (g, s);
                glong len = text_len (g, s, NULL);

                if (len > 80 && ld < 0.25)
                  append = TRUE;
                else if (len < 80 && len > 0 && ld == 0)
                  {
                    g_autofree char *content = clipper_dom_inner_text (s, TRUE);
                    append = strstr (content, ". ") != NULL || g_str_has_suffix (content, ".");
                  }
              }
          }
        g_debug ("sibling <%s class=%s> score %.1f (threshold %.1f): %s", s->name,
                 clipper_dom_attr (s, "class"), is_init (s) ? info_of (s)->score : -1.0, threshold,
                 append ? "joins" : "stays out");
        if (append)
          {
            if (!tag_in (s, (const char *const[]) { "div", "article", "section", "p", NULL }))
              set_tag (s, "div");
            invalidate (s->parent);
            clipper_html_unlink (s);
            clipper_html_append (article, s);
          }
      }
  }

  /* Direction: from the article's closest ancestor that says. */
  {
    xmlNode *chain[2] = { parent_of_top, top_candidate };
    for (guint i = 0; i < 2 && g->dir == NULL; i++)
      {
        const char *d = chain[i] ? clipper_dom_attr (chain[i], "dir") : NULL;
        if (d != NULL && *d != '\0')
          g->dir = g_strdup (d);
      }
    for (xmlNode *a = parent_of_top; a != NULL && a->type == XML_ELEMENT_NODE && g->dir == NULL; a = a->parent)
      {
        const char *d = clipper_dom_attr (a, "dir");
        if (d != NULL && *d != '\0')
          g->dir = g_strdup (d);
      }
  }
  return article;
}

/* ---- cleaning the article --------------------------------------------- */

static void
mark_data_tables (xmlNode *article, Grab *g)
{
  g_autoptr(GPtrArray) tables = all_with_tag (article, (const char *const[]) { "table", NULL });

  for (guint i = 0; i < tables->len; i++)
    {
      xmlNode *t = tables->pdata[i];
      NodeInfo *info = info_get (g, t);
      const char *v;
      xmlNode *caption;
      gboolean data = FALSE, decided = FALSE;
      guint rows = 0, cols = 0;

      if ((v = clipper_dom_attr (t, "role")) != NULL && clipper_str_eq (v, "presentation"))
        decided = TRUE;
      else if ((v = clipper_dom_attr (t, "datatable")) != NULL && clipper_str_eq (v, "0"))
        decided = TRUE;
      else if (clipper_dom_attr (t, "summary") != NULL)
        data = decided = TRUE;
      if (!decided)
        {
          caption = clipper_dom_find (t, "caption");
          if (caption != NULL && caption->children != NULL)
            data = decided = TRUE;
        }
      if (!decided)
        {
          for (xmlNode *n = t->children; n != NULL && !decided; n = clipper_dom_next (n, t, FALSE))
            if (tag_in (n, (const char *const[]) { "col", "colgroup", "tfoot", "thead", "th", NULL }))
              data = decided = TRUE;
        }
      if (!decided)
        {
          for (xmlNode *n = t->children; n != NULL && !decided; n = clipper_dom_next (n, t, FALSE))
            if (clipper_dom_is (n, "table"))
              decided = TRUE;
        }
      if (!decided)
        {
          for (xmlNode *n = t->children; n != NULL; n = clipper_dom_next (n, t, FALSE))
            if (clipper_dom_is (n, "tr"))
              {
                guint c = 0;
                const char *rs = clipper_dom_attr (n, "rowspan");
                rows += rs ? MAX (1, atoi (rs)) : 1;
                for (xmlNode *cell = n->children; cell != NULL; cell = cell->next)
                  if (clipper_dom_is (cell, "td") || clipper_dom_is (cell, "th"))
                    {
                      const char *cs = clipper_dom_attr (cell, "colspan");
                      c += cs ? MAX (1, atoi (cs)) : 1;
                    }
                cols = MAX (cols, c);
              }
          /* A single row or column is layout, however long: a sidebar
           * of boxes, a strip of links (Readability's rule too). */
          data = rows > 1 && cols > 1 && (rows >= 10 || cols > 4 || rows * cols > 10);
        }
      if (data && !info->data_table)
        invalidate (t);   /* the sums above it counted it as a layout table */
      info->data_table = data;
    }
}

static gboolean
is_ad_or_loading_text (const char *text)
{
  static const char *const words[] = {
    "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告",
    "реклама", "anuncio", "loading", "loading…", "loading...", "正在加载", "正在加载…", "正在加载...",
    "загрузка", "загрузка…", "загрузка...", "chargement", "chargement…", "chargement...", "cargando",
    "cargando…", "cargando...", NULL
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; words[i]; i++)
    if (clipper_str_eq (lower, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
should_clean (Grab *g, xmlNode *node, const char *tag)
{
  gboolean is_list = clipper_str_eq (tag, "ul") || clipper_str_eq (tag, "ol");
  int weight;
  guint commas = 0;
  glong tlen;
  Counts c;

  /* The cleaning passes run once the tree holds still (g->cache): what
   * they count below @node comes from the joined sums. */
  g_assert (g->cache);
  tlen = text_len (g, node, &commas);
  if (!is_list)
    is_list = tlen > 0 && node_aggregates (g, node)->list_len / tlen > 0.9;
  if (clipper_str_eq (tag, "table") && info_of (node) != NULL && info_of (node)->data_table)
    return FALSE;
  if (has_ancestor_tag (node, "table", -1, TRUE))
    return FALSE;
  if (has_ancestor_tag (node, "code", 3, FALSE))
    return FALSE;
  c = node_aggregates (g, node)->counts;
  if (c.data_tables > 0)
    return FALSE;
  weight = class_weight (g, node);
  if (weight < 0)
    return TRUE;
  if (commas < 10)
    {
      /* Only a short text can be an ad or loading label: no need to
       * build a long one. */
      g_autofree char *inner = tlen <= 64 ? clipper_dom_inner_text (node, TRUE) : g_strdup ("");
      double ld, heading_density, text_density;
      gboolean figure_child = has_ancestor_tag (node, "figure", 3, FALSE);
      int li = (int) c.li - 100;
      gboolean remove = FALSE;

      if (is_ad_or_loading_text (inner))
        return TRUE;
      ld = link_density (g, node);
      heading_density = tlen ? c.heading_len / tlen : 0;
      text_density = tlen ? c.textish_len / tlen : 0;

      if (!figure_child && c.img > 1 && (double) c.p / c.img < 0.5)
        remove = TRUE;
      if (!is_list && li > (int) c.p)
        remove = TRUE;
      if (c.input > c.p / 3)
        remove = TRUE;
      if (!is_list && !figure_child && heading_density < 0.9 && tlen < 25 &&
          (c.img == 0 || c.img > 2) && ld > 0)
        remove = TRUE;
      if (!is_list && weight < 25 && ld > 0.2)
        remove = TRUE;
      if (weight >= 25 && ld > 0.5)
        remove = TRUE;
      if ((c.embeds == 1 && tlen < 75) || c.embeds > 1)
        remove = TRUE;
      if (c.img == 0 && text_density == 0)
        remove = TRUE;

      /* Lists of images (galleries) stay. */
      if (is_list && remove)
        {
          for (xmlNode *ch = node->children; ch != NULL; ch = ch->next)
            if (ch->type == XML_ELEMENT_NODE && clipper_dom_count_children (ch) > 1)
              return remove;
          if (c.img == c.li)
            return FALSE;
        }
      return remove;
    }
  return FALSE;
}

static void
clean_conditionally (Grab *g, xmlNode *article, const char *tag)
{
  g_autoptr(GPtrArray) list = NULL;

  if (!(g->flags & FLAG_CLEAN_CONDITIONALLY))
    return;
  list = all_with_tag (article, (const char *const[]) { tag, NULL });
  /* Backwards, so inner ones go first and their removal informs the outer. */
  for (guint i = list->len; i > 0; i--)
    {
      xmlNode *n = list->pdata[i - 1];
      /* A node already gone with an ancestor has no parent chain to the article. */
      xmlNode *a = n;
      while (a != NULL && a != article)
        a = a->parent;
      if (a == NULL)
        continue;
      if (should_clean (g, n, tag))
        remove_node (n);
    }
}

/* Removes every element of these kinds, in one walk. */
static void
clean_tags (xmlNode *article, const char *const *tags)
{
  xmlNode *n = article->children;

  while (n != NULL)
    {
      if (tag_in (n, tags))
        {
          xmlNode *next = clipper_dom_next (n, article, TRUE);
          remove_node (n);
          n = next;
          continue;
        }
      n = clipper_dom_next (n, article, FALSE);
    }
}

static gboolean
is_in (xmlNode *n, xmlNode *root)
{
  while (n != NULL && n != root)
    n = n->parent;
  return n != NULL;
}

/* The element under @root whose id is @id, or NULL. */
static xmlNode *
find_by_id (xmlNode *root, const char *id)
{
  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE && g_strcmp0 (clipper_dom_attr (n, "id"), id) == 0)
      return n;
  return NULL;
}

/* Whether @label names a field one types or picks into ("Email",
 * "Password", "Search this site"): the page's furniture, removed with
 * the field itself, not its text.  A sign-in page kept nothing else and
 * was saved as an article reading "Email Password".  The label of a
 * check box or radio button stays: CSS-only accordions and spoilers make
 * their headings so. */
static gboolean
is_field_label (xmlNode *label)
{
  const char *for_id = clipper_dom_attr (label, "for");
  xmlNode *control = NULL;
  const char *type;

  if (for_id != NULL && *for_id != '\0')
    {
      /* The article being cleaned hangs apart from the document. */
      xmlNode *top = label;

      while (top->parent != NULL && top->parent->type == XML_ELEMENT_NODE)
        top = top->parent;
      control = find_by_id (top, for_id);
    }
  else
    for (xmlNode *n = label->children; n != NULL && control == NULL; n = clipper_dom_next (n, label, FALSE))
      if (tag_in (n, (const char *const[]) { "input", "select", "textarea", NULL }))
        control = n;
  if (control == NULL)
    return FALSE;
  if (!clipper_dom_is (control, "input"))
    return tag_in (control, (const char *const[]) { "select", "textarea", NULL });
  type = clipper_dom_attr (control, "type");
  return type == NULL || (g_ascii_strcasecmp (type, "checkbox") != 0 && g_ascii_strcasecmp (type, "radio") != 0);
}

/* Whether @node's text is one or a few signs and no word: "#", "¶", "§",
 * "🔗". */
static gboolean
is_glyph_only (xmlNode *node)
{
  g_autofree char *text = clipper_dom_inner_text (node, TRUE);
  guint signs = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        return FALSE;
      if (!g_unichar_isspace (c))
        signs++;
    }
  return signs > 0 && signs <= 3;
}

/* Adds @node's id (and an <a>'s name) to @names. */
static void
add_own_names (GHashTable *names, xmlNode *node)
{
  const char *v;

  if ((v = clipper_dom_attr (node, "id")) != NULL)
    g_hash_table_add (names, g_strdup (v));
  if (clipper_dom_is (node, "a") && (v = clipper_dom_attr (node, "name")) != NULL)
    g_hash_table_add (names, g_strdup (v));
}

/* Adds the names of @node and of the elements inside it to @names. */
static void
add_names (GHashTable *names, xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = clipper_dom_next (n, node, FALSE))
    if (n->type == XML_ELEMENT_NODE)
      add_own_names (names, n);
}

/* The names a link to heading @h goes by: the heading's id and those
 * inside it, and those of a place that starts where the heading does,
 * nothing to read between them: an empty anchor just before it (<a
 * name>, <span id>) or a section it opens (Sphinx's <div class="section"
 * id>).  A link to one of them is a permalink; a link to any other place
 * is a note or a reference, whose mark is text.  Read once a heading, so
 * that many links in one cost one walk; copied, as a permalink removed
 * may hold one. */
static GHashTable *
heading_names (Grab *g, xmlNode *h, xmlNode *article)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_names (names, h);
  for (xmlNode *cur = h; cur != NULL && cur != article; cur = cur->parent)
    {
      if (cur != h)
        add_own_names (names, cur);
      for (xmlNode *prev = cur->prev; prev != NULL; prev = prev->prev)
        {
          if (prev->type == XML_COMMENT_NODE || (prev->type == XML_TEXT_NODE && text_len (g, prev, NULL) == 0))
            continue;
          if (prev->type != XML_ELEMENT_NODE || text_len (g, prev, NULL) > 0 || clipper_dom_find (prev, "img") != NULL)
            return names;
          add_names (names, prev);
        }
    }
  return names;
}

/* Whether @fragment, as written or percent-decoded, is one of @names, as
 * a browser finds it. */
static gboolean
is_one_of (GHashTable *names, const char *fragment)
{
  g_autofree char *decoded = NULL;

  if (g_hash_table_contains (names, fragment))
    return TRUE;
  decoded = g_uri_unescape_string (fragment, NULL);
  return decoded != NULL && g_hash_table_contains (names, decoded);
}

/* Whether @a is a wiki's link to edit the page: its query asks for
 * action=edit or veaction=edit (MediaWiki's "[edit]", "[Bearbeiten |
 * Quelltext bearbeiten]"), and its text is a word or two, not the
 * heading's own words. */
static gboolean
is_edit_link (Grab *g, xmlNode *a)
{
  const char *href = clipper_dom_attr (a, "href");
  const char *query = href != NULL ? strchr (href, '?') : NULL;
  g_auto(GStrv) params = NULL;

  if (query == NULL || text_len (g, a, NULL) == 0 || text_len (g, a, NULL) > 32)
    return FALSE;
  params = g_strsplit_set (query + 1, "&#", -1);
  for (guint i = 0; params[i] != NULL; i++)
    if (g_str_equal (params[i], "action=edit") || g_str_equal (params[i], "veaction=edit"))
      return TRUE;
  return FALSE;
}

/* Whether @c opens or ends a bracketed aside around an edit link: "[",
 * "]", or the "|" between two links. */
static gboolean
is_edit_bracket (char c)
{
  return c == '[' || c == ']' || c == '|';
}

/* Replaces text node @t by its text without the bracket (and the white
 * space inside it) at its end (@at_end) or its start. */
static void
trim_edit_bracket (xmlNode *t, gboolean at_end)
{
  const char *text;
  const char *start, *end;

  if (t == NULL || t->type != XML_TEXT_NODE || (text = (const char *) t->content) == NULL)
    return;
  start = text;
  end = text + strlen (text);
  if (at_end)
    {
      while (end > start && g_ascii_isspace (end[-1]))
        end--;
      if (end == start || !is_edit_bracket (end[-1]))
        return;
      end--;
    }
  else
    {
      while (start < end && g_ascii_isspace (*start))
        start++;
      if (start == end || !is_edit_bracket (*start))
        return;
      start++;
    }
  invalidate (t->parent);
  clipper_html_replace (t, clipper_html_new_text (t->doc, start, end - start));
}

static void
prep_article (Grab *g, xmlNode *article)
{
  mark_data_tables (article, g);
  clean_conditionally (g, article, "form");
  clean_conditionally (g, article, "fieldset");
  /* A quote's <footer> is whom it quotes ("— a planning chief"), not the
   * page's footer: it stays, as the block it is. */
  {
    g_autoptr(GPtrArray) footers = all_with_tag (article, (const char *const[]) { "footer", NULL });

    for (guint i = 0; i < footers->len; i++)
      if (has_ancestor_tag (footers->pdata[i], "blockquote", 3, FALSE))
        set_tag (footers->pdata[i], has_child_block_element (footers->pdata[i]) ? "div" : "p");
  }
  clean_tags (article, (const char *const[]) { "object", "embed", "footer", "link", "aside", NULL });

  /* Little "share" widgets inside each top-level piece. */
  for (xmlNode *top = article->children; top != NULL; top = top->next)
    {
      xmlNode *n;
      if (top->type != XML_ELEMENT_NODE)
        continue;
      n = clipper_dom_next_element (top, FALSE);
      while (n != NULL && is_in (n, top) && n != top)
        {
          g_autofree char *m = match_string (n);
          if (has_share_word (m) && text_len (g, n, NULL) < CHAR_THRESHOLD)
            {
              xmlNode *next = clipper_dom_next_element (n, TRUE);
              remove_node (n);
              n = next;
            }
          else
            n = clipper_dom_next_element (n, FALSE);
        }
    }

  {
    g_autoptr(GPtrArray) labels = all_with_tag (article, (const char *const[]) { "label", NULL });
    for (guint i = labels->len; i > 0; i--)
      if (is_field_label (labels->pdata[i - 1]))
        remove_node (labels->pdata[i - 1]);
  }
  clean_tags (article, (const char *const[]) { "iframe", "input", "textarea", "select", "button", NULL });

  {
    g_autoptr(GPtrArray) heads = all_with_tag (article, (const char *const[]) { "h1", "h2", NULL });
    for (guint i = heads->len; i > 0; i--)
      if (class_weight (g, heads->pdata[i - 1]) < 0)
        remove_node (heads->pdata[i - 1]);
  }

  /* Figures.  A caption the page put in a one-item list right after a
   * figure without one (the Guardian's) is the figure's caption: kept
   * as a list it read as the alt text again, under a bullet.  A link
   * around the image to a place in the page opens the site's lightbox
   * and leads nowhere in the reader (where a missing image's alt text
   * showed as a link): the image stays, the link goes. */
  {
    g_autoptr(GPtrArray) figures = all_with_tag (article, (const char *const[]) { "figure", NULL });
    for (guint i = 0; i < figures->len; i++)
      {
        xmlNode *fig = figures->pdata[i];
        xmlNode *list = next_significant (fig->next);
        xmlNode *item;

        for (xmlNode *n = clipper_dom_next (fig, fig, FALSE); n != NULL; n = clipper_dom_next (n, fig, FALSE))
          if (clipper_dom_is (n, "a") && is_hash_link (n) && text_len (g, n, NULL) == 0 &&
              clipper_dom_find (n, "img") != NULL)
            set_tag (n, "span");
        if (clipper_dom_find (fig, "figcaption") != NULL || list == NULL || !clipper_dom_is (list, "ul") ||
            clipper_dom_count_children (list) != 1)
          continue;
        item = clipper_dom_first_element_child (list);
        if (item == NULL || !clipper_dom_is (item, "li") || text_len (g, item, NULL) == 0 ||
            text_len (g, item, NULL) > 500 || link_density (g, item) > 0.5)
          continue;
        clipper_html_unlink (item);
        set_tag (item, "figcaption");
        clipper_html_append (fig, item);
        invalidate (fig);
        remove_node (list);
      }
  }

  /* A heading's permalink ("Using standalone mode #", "Install ¶", a 🔗):
   * a link to the heading itself (heading_names()) whose text is a
   * glyph, not words.  It shows on hover on its site and would end the
   * heading in the reader, its quotes and its exports.  A glyph that
   * leads elsewhere ("Results†" to a note) is the author's mark, and
   * stays. */
  {
    g_autoptr(GPtrArray) heads = all_with_tag (article, heading_tags);
    for (guint i = 0; i < heads->len; i++)
      {
        xmlNode *h = heads->pdata[i];
        xmlNode *n = clipper_dom_next (h, h, FALSE);
        g_autoptr(GHashTable) names = NULL;

        while (n != NULL)
          {
            const char *href = n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "a") ? clipper_dom_attr (n, "href") : NULL;
            g_autofree char *fragment = href != NULL ? clipper_dup_own_fragment (g->base_url, g->page_url, href) : NULL;
            gboolean permalink = FALSE;

            /* "#" alone is a script's permalink (anchor.js): it leads
             * to no note either. */
            if (fragment != NULL && is_glyph_only (n))
              {
                if (*fragment == '\0')
                  permalink = TRUE;
                else
                  {
                    if (names == NULL)
                      names = heading_names (g, h, article);
                    permalink = is_one_of (names, fragment);
                  }
              }
            if (permalink)
              {
                xmlNode *next = clipper_dom_next (n, h, TRUE);
                remove_node (n);
                n = next;
              }
            else
              n = clipper_dom_next (n, h, FALSE);
          }
      }
  }

  /* A heading's edit link, a wiki's "[edit]" (is_edit_link()), goes with
   * the brackets around it: "History[edit]" was the heading in the
   * reader, its quotes and its exports.  The brackets stand in an element
   * of their own (MediaWiki's <span class="mw-editsection">), which goes
   * once it holds no words, or beside the link in the heading's text. */
  {
    g_autoptr(GPtrArray) heads = all_with_tag (article, heading_tags);
    for (guint i = 0; i < heads->len; i++)
      {
        xmlNode *h = heads->pdata[i];
        g_autoptr(GPtrArray) links = g_ptr_array_new ();
        gboolean words = FALSE;
        xmlNode *n = clipper_dom_next (h, h, FALSE);

        while (n != NULL)
          if (n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "a") && is_edit_link (g, n))
            {
              g_ptr_array_add (links, n);
              n = clipper_dom_next (n, h, TRUE);
            }
          else
            {
              if (n->type == XML_TEXT_NODE && !words && n->content != NULL)
                for (const char *p = (const char *) n->content; *p != '\0' && !words; p = g_utf8_next_char (p))
                  words = g_unichar_isalnum (g_utf8_get_char (p));
              n = clipper_dom_next (n, h, FALSE);
            }
        if (links->len == 0)
          continue;
        /* A heading that is all edit link says nothing to a reader
         * ("[edit]" where a heading's words were lost): it goes whole. */
        if (!words)
          {
            remove_node (h);
            continue;
          }
        for (guint k = 0; k < links->len; k++)
          {
            xmlNode *a = links->pdata[k];
            xmlNode *parent = a->parent;

            if (parent == h)
              {
                trim_edit_bracket (a->prev, TRUE);
                trim_edit_bracket (a->next, FALSE);
              }
            remove_node (a);
            while (parent != h && parent->parent != NULL &&
                   (text_len (g, parent, NULL) == 0 || is_glyph_only (parent)) &&
                   clipper_dom_find (parent, "img") == NULL)
              {
                xmlNode *up = parent->parent;

                remove_node (parent);
                parent = up;
              }
          }
      }
  }

  clean_conditionally (g, article, "table");
  clean_conditionally (g, article, "ul");
  clean_conditionally (g, article, "div");

  /* The <h1> the article opens with, its first words: the page's
   * title when <title> names only the site (clipper_extract()). */
  for (xmlNode *n = article->children; n != NULL && g->opening_h1 == NULL; n = clipper_dom_next (n, article, FALSE))
    if (n->type == XML_TEXT_NODE && text_len (g, n, NULL) > 0)
      {
        for (xmlNode *h = n->parent; h != NULL && h != article && g->opening_h1 == NULL; h = h->parent)
          if (clipper_dom_is (h, "h1"))
            g->opening_h1 = h;
        break;
      }

  {
    g_autoptr(GPtrArray) h1 = all_with_tag (article, (const char *const[]) { "h1", NULL });
    for (guint i = 0; i < h1->len; i++)
      set_tag (h1->pdata[i], "h2");
  }

  /* Empty paragraphs. */
  {
    g_autoptr(GPtrArray) ps = all_with_tag (article, (const char *const[]) { "p", NULL });
    for (guint i = ps->len; i > 0; i--)
      {
        xmlNode *p = ps->pdata[i - 1];
        gboolean media = FALSE;
        for (xmlNode *n = p->children; n != NULL && !media; n = clipper_dom_next (n, p, FALSE))
          if (tag_in (n, (const char *const[]) { "img", "embed", "object", "iframe", NULL }))
            media = TRUE;
        if (!media && text_len (g, p, NULL) == 0)
          remove_node (p);
      }
  }

  /* Single-cell layout tables are just their cell. */
  {
    g_autoptr(GPtrArray) tables = all_with_tag (article, (const char *const[]) { "table", NULL });
    for (guint i = 0; i < tables->len; i++)
      {
        xmlNode *t = tables->pdata[i];
        xmlNode *tbody = has_single_tag_inside (t, "tbody") ? clipper_dom_first_element_child (t) : t;
        xmlNode *row, *cell;
        gboolean phrasing = TRUE;

        if (!has_single_tag_inside (tbody, "tr"))
          continue;
        row = clipper_dom_first_element_child (tbody);
        if (!has_single_tag_inside (row, "td"))
          continue;
        cell = clipper_dom_first_element_child (row);
        for (xmlNode *c = cell->children; c != NULL; c = c->next)
          if (!is_phrasing (c))
            phrasing = FALSE;
        set_tag (cell, phrasing ? "p" : "div");
        clipper_html_unlink (cell);
        clipper_html_replace (t, cell);
      }
  }
}

/* ---- boilerplate ------------------------------------------------------ */

/* Wording that only boilerplate uses: calls to donate, subscribe, sign up,
 * bookmark behind a paywall, comment or share.  Matched in short blocks
 * only, so a story quoting such words in a long paragraph stays. */
static const char *const boilerplate_phrases[] = {
  "your support helps", "support our journalism", "support independent journalism",
  "support quality journalism", "please consider supporting", "make a donation", "donate now",
  "donate today", "become a member", "become a subscriber", "become a patron",
  "subscribe to our newsletter", "sign up for our newsletter", "sign up for the newsletter",
  "sign up to our newsletter", "subscribe to the newsletter", "sign up for our daily",
  "sign up for our weekly", "get our newsletter", "newsletter sign-up", "newsletter signup",
  "to bookmark this article", "bookmark your favourite articles", "bookmark your favorite articles",
  "want to bookmark", "join our commenting forum", "join thought-provoking conversations",
  "comments are closed", "leave a comment", "leave a reply", "post a comment", "view comments",
  "show comments", "load comments", "share this article", "share this story", "share on facebook",
  "share on twitter", "share via email", "click to share", "already a subscriber",
  "subscribe now", "subscribe today", "subscribe to continue", "subscribe for full access",
  "start your free trial", "this content is for subscribers", "premium to bookmark",
  "recommended for you", "you may also like", "you might also like", "download our app",
  "skip advertisement", "story continues below advertisement", "continue reading below",
  "follow us on", "sign up for free", "create a free account", "unlimited access to",
  "to read this article", "you have reached your limit", "free articles remaining",
  "thank you for reading", "thanks for reading", "if you enjoyed this article", "enjoyed this article",
  "become a supporter", "this article is more than", "trust principles", "we use cookies",
  "accept cookies", "cookie policy", "all rights reserved", "listen to this article",
  "listen to this story", "gift this article", "give this article", "share full article",
  "save this article", "enter your email", "your email address", "delivered to your inbox",
  "in your inbox every", "more on this story", "this article is for subscribers",
  "this story is for subscribers", "for subscribers only", "subscribe to keep reading",
  NULL
};

/* Wording of a box that stands for the rest of the article behind a
 * paywall or a login ("Subscribe to keep reading", "You have reached your
 * limit of free articles", "Already a subscriber? Log in"): a newsletter's
 * or a donation's box does not say these.  Cut from a short article, it
 * leaves a teaser that reads as whole (ClipperExtraction.preview). */
static const char *const paywall_phrases[] = {
  "subscribe to continue", "subscribe to keep reading", "subscribe to read", "to continue reading",
  "to keep reading", "to read this article", "to read the full", "you have reached your limit",
  "free articles remaining", "free articles left", "already a subscriber", "already subscribed",
  "this content is for subscribers", "this article is for subscribers", "this story is for subscribers",
  "for subscribers only", "exclusive to subscribers", "subscribe for full access", "unlimited access",
  NULL
};

/* Whole-block labels of widgets ("Comments", "12 comments", "Related"). */
static const char *const boilerplate_labels[] = {
  "comments", "comment", "share", "share this", "share this article", "share this story",
  "related", "related articles", "related stories", "related posts", "related content",
  "read more", "more stories", "more from", "recommended", "recommended stories",
  "most read", "most popular", "most viewed", "trending", "trending now", "read next",
  "up next", "top stories", "latest news", "you may also like", "you might also like",
  "advertisement", "sponsored", "sponsored content", "newsletter", "subscribe", "sign up",
  "follow us", "print", "email", "copy link", "whatsapp", "facebook", "twitter", "linkedin",
  "reddit", "pinterest", "join the conversation", "discussion", "leave a reply",
  "topics", "tags", "like this", "loading", "about the author", "save", "save article",
  "more on this story", "recommended video", "watch now", "continue reading",
  "was this page helpful", "was this article helpful", "was this helpful", "is this page helpful",
  "did you find this helpful",
  NULL
};

/* Labels after which link lists are more of the same widget. */
static const char *const boilerplate_section_labels[] = {
  "comments", "related", "related articles", "related stories", "related posts",
  "related content", "more stories", "recommended", "recommended stories", "most read",
  "most popular", "most viewed", "trending", "trending now", "read next", "up next",
  "top stories", "latest news", "you may also like", "you might also like", "more from",
  "topics", "tags", "more on this story", "read more",
  NULL
};

/* Labels that name a picture's source as often as a share button:
 * "Facebook" under a photo taken from it is the photo's credit. */
static const char *const credit_labels[] = {
  "facebook", "twitter", "instagram", "linkedin", "reddit", "pinterest", "whatsapp", NULL
};

/* Labels that head the words after them: "About the author" over the
 * author's note is a heading; alone, it is what is left of a widget. */
static const char *const heading_labels[] = {
  "about the author", "about the authors", NULL
};

/* Headings that open a comment thread: the thread runs to the end of its
 * container ("12 Comments", "3 thoughts on “Title”", "Leave a reply"). */
static const char *const comment_heading_prefixes[] = {
  "comments", "comment on", "thoughts on", "responses to", "replies to", "reactions to",
  "leave a reply", "leave a comment", "join the discussion", "join the conversation",
  "discussion", NULL
};

/* "Read more: <a link>" lines that point away from the story. */
static const char *const link_line_prefixes[] = {
  "read more", "read also", "also read", "see also", "related", "more:", "recommended",
  "read next", "don't miss", "must read", "more from", "click here", "watch:", "listen:",
  "you may like", "trending", "continue reading", "follow", "comments", NULL
};

/* Class words of a paywall's box. */
static const char *const paywall_class_words[] = {
  "paywall", "metered", "piano-", "regwall", "subscriber-only", "premium-wall", NULL
};

static const char *const boilerplate_class_words[] = {
  "newsletter", "subscribe", "subscription", "donat", "paywall", "membership", "promo",
  "related", "recommend", "share", "sharing", "social", "comment", "disqus", "outbrain",
  "taboola", "advert", "sponsor", "signup", "sign-up", "trending", "most-popular", "read-more",
  "readmore", "follow-us", NULL
};

/* Lower-cased, apostrophes unified, digits and punctuation at the ends
 * trimmed: "12 Comments:" -> "comments". */
static char *
label_of (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *s = g_string_new (NULL);
  char *r;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      g_string_append_unichar (s, c);
    }
  r = g_string_free (s, FALSE);
  {
    char *start = r;
    char *end;
    while (*start && (g_ascii_isdigit (*start) || g_ascii_ispunct (*start) || g_ascii_isspace (*start)))
      start++;
    end = start + strlen (start);
    while (end > start && (g_ascii_ispunct (end[-1]) || g_ascii_isspace (end[-1]) || g_ascii_isdigit (end[-1])))
      end--;
    *end = '\0';
    memmove (r, start, strlen (start) + 1);
  }
  return r;
}

static gboolean
label_in (const char *label, const char *const *list)
{
  for (guint i = 0; list[i]; i++)
    if (clipper_str_eq (label, list[i]) ||
        (g_str_has_prefix (label, list[i]) && strcmp (list[i], "more from") == 0))
      return TRUE;
  return FALSE;
}

/* Whether boilerplate wording makes up a good part (a quarter) of a short
 * block: "Comments and reply features: viewers can now leave a comment..."
 * in a product story mentions a phrase without being a widget. */
static gboolean
has_phrase (const char *label)
{
  gsize covered = 0;
  gsize len = strlen (label);

  for (guint i = 0; boilerplate_phrases[i] != NULL; i++)
    if (strstr (label, boilerplate_phrases[i]) != NULL)
      covered += strlen (boilerplate_phrases[i]);
  return covered > 0 && covered * 4 >= len;
}

/* Whether @n, a block the boilerplate pass removes, is a paywall's box
 * (paywall_phrases, paywall_class_words) rather than a newsletter's. */
static gboolean
is_paywall_box (xmlNode *n)
{
  g_autofree char *m = match_string (n);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (contains_any (m, paywall_class_words))
    return TRUE;
  text = clipper_dom_inner_text (n, TRUE);
  label = label_of (text);
  return contains_any (label, paywall_phrases);
}

static gboolean
protected_element (xmlNode *n)
{
  g_autofree char *m = NULL;

  if (tag_in (n, (const char *const[]) { "blockquote", "figure", "picture", "table", "pre", "code", "img", NULL }))
    return TRUE;
  m = match_string (n);
  if (m == NULL)
    return FALSE;
  /* Embedded social posts are part of the story. */
  return strstr (m, "tweet") != NULL || strstr (m, "instagram") != NULL || strstr (m, "embed") != NULL;
}

static gboolean
in_protected (xmlNode *n, xmlNode *article)
{
  for (xmlNode *a = n->parent; a != NULL && a != article; a = a->parent)
    if (clipper_dom_is (a, "blockquote") || clipper_dom_is (a, "figure") || clipper_dom_is (a, "pre"))
      return TRUE;
  return FALSE;
}

/* Lines that only lead to another page of the site: "Next page:
 * Security>>", "« Previous page". */
static const char *const page_nav_prefixes[] = {
  "next page", "previous page", "prev page", "next article", "previous article",
  "n\xc3\xa4" "chste seite", "vorherige seite", "page suivante", "page pr\xc3\xa9" "c\xc3\xa9" "dente",
  "p\xc3\xa1" "gina siguiente", "p\xc3\xa1" "gina anterior", "pagina successiva", "pagina precedente",
  NULL
};

/* Appends the text of @node to @all, and to @loose what is not inside a
 * link; says whether some was. */
static gboolean
append_run_text (xmlNode *node, GString *all, GString *loose)
{
  gboolean any_linked = FALSE;

  for (xmlNode *n = node; n != NULL; n = clipper_dom_next (n, node, FALSE))
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
      {
        gboolean linked = FALSE;

        for (xmlNode *a = n->parent; a != NULL && !linked; a = a == node ? NULL : a->parent)
          linked = a->type == XML_ELEMENT_NODE && clipper_dom_is (a, "a");
        g_string_append (all, (const char *) n->content);
        if (!linked)
          g_string_append (loose, (const char *) n->content);
        any_linked |= linked;
      }
  return any_linked;
}

/* Whether the inline nodes from @first up to (not including) @end are a
 * page navigation line: a label of page_nav_prefixes and a link, and no
 * other word outside the link. */
static gboolean
is_page_nav_run (xmlNode *first, xmlNode *end)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) loose = g_string_new (NULL);
  g_autofree char *label = NULL;
  g_autofree char *rest = NULL;
  gboolean link = FALSE;
  const char *prefix = NULL;
  const char *start;

  for (xmlNode *n = first; n != end; n = n->next)
    {
      link |= append_run_text (n, all, loose);
      if (all->len > 200)
        return FALSE;
    }
  if (!link)
    return FALSE;
  label = label_of (all->str);
  /* "« Previous page": an arrow may come first. */
  start = label;
  while (*start != '\0' && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  for (guint i = 0; page_nav_prefixes[i] != NULL && prefix == NULL; i++)
    if (g_str_has_prefix (start, page_nav_prefixes[i]))
      prefix = page_nav_prefixes[i];
  if (prefix == NULL)
    return FALSE;
  /* The words outside the link are the label's, or none. */
  rest = label_of (loose->str);
  start = rest;
  while (*start != '\0' && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  if (g_str_has_prefix (start, prefix))
    start += strlen (prefix);
  for (const char *p = start; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether @text, white space aside, is one sign of a path: ">", "»",
 * "›", "→", "＞", "〉".  Not "/", which joins alternatives as often
 * ("<a>Blob</a>/ <a>File</a>" in a list of types). */
static gboolean
is_crumb_separator (const char *text)
{
  static const char *const signs[] = { ">", "\xc2\xbb", "\xe2\x80\xba", "\xe2\x86\x92",
                                       "\xef\xbc\x9e", "\xe3\x80\x89", NULL };
  g_autofree char *t = g_strstrip (g_strdup (text));

  for (guint i = 0; signs[i] != NULL; i++)
    if (g_str_equal (t, signs[i]))
      return TRUE;
  return FALSE;
}

/* Whether the inline nodes from @first up to (not including) @end are a
 * breadcrumb trail: two links or more, each after the first behind a
 * path's separator (is_crumb_separator()), and after the last maybe a
 * separator and the page's own name, short and unlinked.  "Choose
 * <a>File</a> > <a>Save As</a>" has words before its first link, and
 * stays. */
static gboolean
is_breadcrumb_run (xmlNode *first, xmlNode *end)
{
  g_autoptr(GString) loose = g_string_new (NULL);
  guint links = 0;
  gsize total = 0;

  for (xmlNode *top = first; top != end; top = top->next)
    for (xmlNode *n = top; n != NULL; n = clipper_dom_next (n, top, n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "a")))
      {
        if (n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "a"))
          {
            g_autofree char *t = clipper_dom_inner_text (n, TRUE);

            if (*t == '\0')
              continue;
            /* Before the first link nothing; between two, a separator. */
            if (links == 0 ? *g_strstrip (loose->str) != '\0' : !is_crumb_separator (loose->str))
              return FALSE;
            g_string_truncate (loose, 0);
            links++;
            total += strlen (t);
          }
        else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
          {
            g_string_append (loose, (const char *) n->content);
            total += strlen ((const char *) n->content);
          }
        if (total > 300)
          return FALSE;
      }
  if (links < 2)
    return FALSE;
  /* After the last link: nothing, or a separator and the page's name. */
  {
    char *tail = g_strstrip (loose->str);
    gsize l = 0;

    if (*tail == '\0')
      return TRUE;
    for (const char *p = tail; *p != '\0' && l == 0; p = g_utf8_next_char (p))
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          g_autofree char *sign = g_strndup (tail, p - tail);

          if (is_crumb_separator (sign))
            l = p - tail;
        }
    if (l == 0 && !g_unichar_isalnum (g_utf8_get_char (tail)))
      {
        /* "&gt;欲張りなイヌ": a sign with no space after it. */
        const char *after = g_utf8_next_char (tail);
        g_autofree char *sign = g_strndup (tail, after - tail);

        if (is_crumb_separator (sign))
          l = after - tail;
      }
    return l > 0 && g_utf8_strlen (tail + l, -1) <= 80 && strpbrk (tail + l, ".!?") == NULL;
  }
}

/* Page navigation lines (page_nav_prefixes) and breadcrumb trails
 * (is_breadcrumb_run()) go, whether loose text between blocks (LWN's
 * "<b>Next page</b>: <a>Security&gt;&gt;</a><br>" after the last story,
 * which the block rules never see) or a block of their own
 * (hukumusume's trail, in the story's table cell).  A line is a run of
 * inline nodes between blocks or <br>s. */
static void
remove_page_navigation (Grab *g, xmlNode *article)
{
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();

  /* Only where links are (the figures are cached: no walk). */
  for (xmlNode *n = article; n != NULL; n = clipper_dom_next (n, article, FALSE))
    if (n->type == XML_ELEMENT_NODE && !is_phrasing (n) && node_aggregates (g, n)->link_len > 0 &&
        !protected_element (n) && !in_protected (n, article))
      g_ptr_array_add (parents, n);
  for (guint i = parents->len; i > 0; i--)
    {
      xmlNode *parent = parents->pdata[i - 1];
      xmlNode *first = parent->children;

      while (first != NULL)
        {
          xmlNode *end = first;
          glong len = 0, link_len = 0;

          /* (Lengths are cached: a long run costs no walk.) */
          while (end != NULL && is_phrasing (end) && !clipper_dom_is (end, "br"))
            {
              if (len <= 300 && end->type == XML_ELEMENT_NODE)
                link_len += clipper_dom_is (end, "a") ? text_len (g, end, NULL) : node_aggregates (g, end)->link_len;
              if (len <= 300)
                len += text_len (g, end, NULL);
              end = end->next;
            }
          if (end != first && link_len > 0 && len <= 300 &&
              (is_page_nav_run (first, end) || is_breadcrumb_run (first, end)))
            {
              g_debug ("navigation line in <%s>", parent->name);
              while (first != end)
                {
                  xmlNode *next = first->next;

                  remove_node (first);
                  first = next;
                }
              if (end != NULL && clipper_dom_is (end, "br"))
                {
                  xmlNode *next = end->next;

                  remove_node (end);
                  end = next;
                }
              first = end;
              continue;
            }
          /* Past the block or <br> that ends the line. */
          first = end != NULL ? end->next : NULL;
        }
      if (parent != article && parent->parent != NULL && text_len (g, parent, NULL) == 0 &&
          clipper_dom_find (parent, "img") == NULL && clipper_dom_first_element_child (parent) == NULL)
        remove_node (parent);
    }
}

/* Whether @n comes right after a picture: the element before it, or
 * before the nearest of its ancestors (up to three) that has one, is or
 * holds an image and no text. */
static gboolean
follows_image (Grab *g, xmlNode *n, xmlNode *article)
{
  guint depth = 0;

  for (xmlNode *x = n; x != NULL && x != article && depth < 4; x = x->parent, depth++)
    {
      xmlNode *prev = x->prev;

      while (prev != NULL && prev->type != XML_ELEMENT_NODE && text_len (g, prev, NULL) == 0)
        prev = prev->prev;
      if (prev == NULL)
        continue;
      return prev->type == XML_ELEMENT_NODE && text_len (g, prev, NULL) == 0 &&
             (clipper_dom_is (prev, "img") || clipper_dom_find (prev, "img") != NULL);
    }
  return FALSE;
}

/* Whether something with words follows @n in its parent. */
static gboolean
followed_by_text (Grab *g, xmlNode *n)
{
  for (xmlNode *sib = n->next; sib != NULL; sib = sib->next)
    if (text_len (g, sib, NULL) > 0)
      return TRUE;
  return FALSE;
}

/* The words of @s, lower-cased: runs of letters and digits. */
static GStrv
dup_words (const char *s, gssize len)
{
  g_autofree char *lower = g_utf8_strdown (s, len);
  GPtrArray *words = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gboolean alnum = *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));

      if (alnum && start == NULL)
        start = p;
      else if (!alnum && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (*p == '\0')
        break;
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

/* Whether a link in @n leads to the next part of this story: the last
 * segment of its address opens with the title's first three words or
 * more ("…/the-spectacular-story-of-metroid-part-2-1284621108" under "The
 * Spectacular Story of Metroid, One of Gaming's Richest Universes").  A
 * "Click here for the second half" line is the story's, not a teaser's. */
static gboolean
leads_to_next_part (Grab *g, xmlNode *n)
{
  g_auto(GStrv) title = NULL;

  if (g->title == NULL)
    return FALSE;
  title = dup_words (g->title, -1);
  if (g_strv_length (title) < 3)
    return FALSE;
  for (xmlNode *a = n; a != NULL; a = clipper_dom_next (a, n, FALSE))
    if (a->type == XML_ELEMENT_NODE && clipper_dom_is (a, "a") && clipper_dom_attr (a, "href") != NULL)
      {
        const char *href = clipper_dom_attr (a, "href");
        gsize end = strcspn (href, "?#");
        gsize start;
        g_auto(GStrv) slug = NULL;
        guint same = 0;

        if (g->page_url != NULL && strncmp (href, g->page_url, end) == 0 && g->page_url[end] == '\0')
          continue;
        while (end > 0 && href[end - 1] == '/')
          end--;
        for (start = end; start > 0 && href[start - 1] != '/'; start--)
          ;
        slug = dup_words (href + start, end - start);
        while (slug[same] != NULL && title[same] != NULL && g_str_equal (slug[same], title[same]))
          same++;
        if (same >= 3)
          return TRUE;
      }
  return FALSE;
}

/* Whether @table is a list of links laid out as a table: not a data
 * table, three rows with words or more, three in four of them holding a
 * link, and links for 40 % of its text or more ("Today's tale: <a>The
 * greedy dog</a>", row after row, after the story).  Kept only where the
 * conditional cleaning does not run (the last try, for a short story). */
static gboolean
is_link_table (Grab *g, xmlNode *table)
{
  guint rows = 0, linked = 0;

  if (info_of (table) != NULL && info_of (table)->data_table)
    return FALSE;
  if (node_aggregates (g, table)->counts.data_tables > 0 || link_density (g, table) < 0.4)
    return FALSE;
  for (xmlNode *n = table->children; n != NULL;)
    {
      gboolean row = n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "tr");

      if (row && text_len (g, n, NULL) > 0)
        {
          rows++;
          if (node_aggregates (g, n)->link_len > 0)
            linked++;
        }
      n = clipper_dom_next (n, table, row);
    }
  return rows >= 3 && linked * 4 >= rows * 3;
}

static void
remove_boilerplate (Grab *g, xmlNode *article)
{
  static const char *const blocks[] = {
    "p", "div", "section", "aside", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "form",
    "header", "footer", "dl", NULL
  };
  glong total = text_len (g, article, NULL);
  xmlNode *n = clipper_dom_next (article, article, FALSE);

  while (n != NULL)
    {
      glong len;
      gboolean remove = FALSE;
      gboolean section_label = FALSE;
      gboolean thread = FALSE;

      if (n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "table") && !(g->flags & FLAG_CLEAN_CONDITIONALLY) &&
          !in_protected (n, article) && text_len (g, n, NULL) * 2 < total && is_link_table (g, n))
        {
          xmlNode *next = clipper_dom_next (n, article, TRUE);

          g_debug ("table of links: %ld characters", text_len (g, n, NULL));
          remove_node (n);
          n = next;
          continue;
        }
      if (n->type != XML_ELEMENT_NODE || !tag_in (n, blocks) || protected_element (n) || in_protected (n, article))
        {
          n = clipper_dom_next (n, article, n->type == XML_ELEMENT_NODE && protected_element (n));
          continue;
        }
      len = text_len (g, n, NULL);
      if (len > 0 && len <= 300)
        {
          g_autofree char *text = clipper_dom_inner_text (n, TRUE);
          g_autofree char *label = label_of (text);

          /* "Subscribe to read" opening a block is a paywall's call; in
           * a sentence ("Millions subscribe to read his letters") it is
           * the story's. */
          if (label_in (label, boilerplate_labels) || has_phrase (label) ||
              g_str_has_prefix (label, "subscribe to read"))
            remove = TRUE;
          /* A live blog's "LIVE" badge by its headline: a paragraph of
           * that word alone (a heading "Live" heads a section). */
          if (!remove && g_str_equal (label, "live") && !tag_in (n, heading_tags))
            remove = TRUE;
          /* A network's name under a picture, no link: its credit, and
           * a block of a picture and its credit is the picture's. */
          if (remove && label_in (label, credit_labels) && node_aggregates (g, n)->link_len == 0 &&
              (node_aggregates (g, n)->counts.img > 0 || follows_image (g, n, article)))
            remove = FALSE;
          /* "About the author" over the author's note heads it. */
          if (remove && label_in (label, heading_labels) && followed_by_text (g, n))
            remove = FALSE;
          /* "© 2024 Site" lines are page footers. */
          if (!remove && len <= 200 && g_str_has_prefix (label, "\xc2\xa9"))
            remove = TRUE;
          if (!remove && len <= 250)
            for (guint i = 0; link_line_prefixes[i] != NULL && !remove; i++)
              if (g_str_has_prefix (label, link_line_prefixes[i]) && link_density (g, n) >= 0.5 &&
                  !leads_to_next_part (g, n))
                remove = TRUE;
          section_label = label_in (label, boilerplate_section_labels) &&
                          tag_in (n, (const char *const[]) { "h2", "h3", "h4", "h5", "h6", "p", "div", NULL });
          if (tag_in (n, (const char *const[]) { "h2", "h3", "h4", "h5", "h6", NULL }) && len <= 150)
            for (guint i = 0; comment_heading_prefixes[i] != NULL && !thread; i++)
              thread = g_str_has_prefix (label, comment_heading_prefixes[i]);
        }
      if (!remove && len <= 500 && len * 4 < total)
        {
          g_autofree char *m = match_string (n);
          if (contains_any (m, boilerplate_class_words) && !contains_any (m, (const char *const[]) { "content", "article", "body", "main", "story", NULL }))
            remove = TRUE;
        }
      if (thread)
        {
          /* A comment thread: the heading and everything after it in its
           * container, unless that is most of the article. */
          glong after = 0;
          for (xmlNode *sib = n->next; sib != NULL; sib = sib->next)
            if (sib->type == XML_ELEMENT_NODE)
              after += text_len (g, sib, NULL);
          if (after * 2 < total)
            {
              xmlNode *next;

              g_debug ("comment thread from <%s>: %ld characters", n->name, after);
              while (n->next != NULL)
                remove_node (n->next);
              next = clipper_dom_next (n, article, TRUE);
              remove_node (n);
              n = next;
              continue;
            }
        }
      if (remove)
        {
          xmlNode *next = clipper_dom_next (n, article, TRUE);

          g_debug ("boilerplate <%s class=%s>: %ld characters", n->name, clipper_dom_attr (n, "class"), len);
          if (!g->paywall_cut && is_paywall_box (n))
            g->paywall_cut = TRUE;

          /* After a "Related" or "Comments" label, the link lists that
           * follow belong to the same widget. */
          if (section_label)
            {
              xmlNode *sib = n->next;
              while (sib != NULL)
                {
                  xmlNode *after = sib->next;
                  if (sib->type == XML_ELEMENT_NODE)
                    {
                      if (tag_in (sib, (const char *const[]) { "h2", "h3", "h4", "h5", "h6", NULL }) ||
                          link_density (g, sib) < 0.5)
                        break;
                      if (sib == next)
                        next = clipper_dom_next (sib, article, TRUE);
                      remove_node (sib);
                    }
                  sib = after;
                }
            }
          remove_node (n);
          n = next;
          continue;
        }
      n = clipper_dom_next (n, article, FALSE);
    }
}

/* ---- readerable ------------------------------------------------------- */

/* Is there enough running text (paragraphs of 140+ characters outside
 * lists and widgets) to call this page an article? */
static gboolean
is_probably_readerable (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  double score = 0;

  if (root == NULL)
    return FALSE;
  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      gboolean candidate = FALSE;
      glong len;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (clipper_dom_is (n, "p") || clipper_dom_is (n, "pre") || clipper_dom_is (n, "article"))
        candidate = TRUE;
      else if (clipper_dom_is (n, "div"))
        for (xmlNode *c = n->children; c != NULL && !candidate; c = c->next)
          if (clipper_dom_is (c, "br"))
            candidate = TRUE;
      if (!candidate)
        continue;
      if (!is_probably_visible (n))
        continue;
      {
        g_autofree char *m = match_string (n);
        if (contains_any (m, unlikely_words) && !contains_any (m, maybe_words))
          continue;
      }
      if (clipper_dom_is (n, "p") && has_ancestor_tag (n, "li", -1, FALSE))
        continue;
      len = clipper_dom_text_length_full (n, NULL, FALSE);
      if (len < 140)
        continue;
      score += sqrt ((double) (len - 140));
      if (score > 20)
        return TRUE;
    }
  return FALSE;
}

/* Whether paragraph @p is a label that is all link: words, 32 characters
 * at most, all of them in links. */
static gboolean
first_paragraph_is_link (xmlNode *p)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) loose = g_string_new (NULL);

  append_run_text (p, all, loose);
  if (g_utf8_strlen (g_strstrip (all->str), -1) > 32)
    return FALSE;
  for (const char *c = loose->str; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_isalnum (g_utf8_get_char (c)))
      return FALSE;
  for (const char *c = all->str; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_isalnum (g_utf8_get_char (c)))
      return TRUE;
  return FALSE;
}

/* ---- public API ------------------------------------------------------- */

void
clipper_extraction_free (ClipperExtraction *extraction)
{
  if (extraction == NULL)
    return;
  g_free (extraction->title);
  g_free (extraction->byline);
  g_free (extraction->site_name);
  g_free (extraction->lang);
  g_free (extraction->dir);
  g_free (extraction->excerpt);
  g_free (extraction->published_time);
  g_free (extraction->lead_image);
  g_free (extraction->canonical_url);
  g_free (extraction->html);
  g_free (extraction->text);
  g_clear_pointer (&extraction->images, g_ptr_array_unref);
  g_clear_pointer (&extraction->image_fallbacks, g_hash_table_unref);
  g_clear_pointer (&extraction->inline_images, g_hash_table_unref);
  g_free (extraction);
}

/* Whether @s is valid UTF-8 without NUL bytes: the same answer as
 * memchr (s, 0, len) == NULL && g_utf8_validate_len (s, len, NULL), in one
 * pass.  Pages are mostly ASCII, so eight bytes are checked at a time while
 * none has its high bit set or is zero; GLib's validator goes byte by byte
 * and was 4 % of the whole extraction.  The rules for multi-byte sequences
 * are RFC 3629's (no overlong forms, no surrogates, nothing past U+10FFFF),
 * as GLib's. */
static gboolean
is_clean_utf8 (const char *s, gsize len)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + len;

  while (p < end)
    {
      guchar c;

      while ((gsize) (end - p) >= 8)
        {
          guint64 w;

          memcpy (&w, p, 8);
          /* A high bit set, or a zero byte (the classic "has zero" test). */
          if ((w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0 ||
              ((w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          p += 8;
        }
      if (p >= end)
        break;
      c = *p;
      if (c == 0)
        return FALSE;
      if (c < 0x80)
        {
          p++;
          continue;
        }
      if (c >= 0xc2 && c <= 0xdf)
        {
          if (end - p < 2 || (p[1] & 0xc0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c >= 0xe0 && c <= 0xef)
        {
          guchar lo = 0x80, hi = 0xbf;

          if (c == 0xe0)
            lo = 0xa0;          /* overlong */
          else if (c == 0xed)
            hi = 0x9f;          /* surrogates */
          if (end - p < 3 || p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80)
            return FALSE;
          p += 3;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          guchar lo = 0x80, hi = 0xbf;

          if (c == 0xf0)
            lo = 0x90;          /* overlong */
          else if (c == 0xf4)
            hi = 0x8f;          /* past U+10FFFF */
          if (end - p < 4 || p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
            return FALSE;
          p += 4;
        }
      else
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_blank (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (s[i]) && s[i] != '\0')
      return FALSE;
  return TRUE;
}

guint
clipper_extract_count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean w = g_unichar_isalnum (g_utf8_get_char (p));
      if (w && !in_word)
        n++;
      in_word = w;
    }
  return n;
}

static char *
document_base (xmlDoc *doc, const char *base_url)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      if (clipper_dom_is (n, "base"))
        {
          const char *href = clipper_dom_attr (n, "href");
          if (href != NULL && *href != '\0')
            {
              char *abs = clipper_resolve_url (base_url, href);
              if (abs != NULL && g_uri_is_valid (abs, G_URI_FLAGS_PARSE_RELAXED, NULL))
                return abs;
              g_free (abs);
            }
          break;
        }
      if (clipper_dom_is (n, "body"))
        break;
    }
  return g_strdup (base_url);
}

/* Drops control characters from a metadata value (white space ones become
 * spaces); with @drop_if_any, a value holding one is dropped whole (a URL
 * or a language tag with a control character in it is not one). */
static void
scrub (char **value, gboolean drop_if_any)
{
  char *w;

  if (*value == NULL)
    return;
  w = *value;
  for (const char *r = *value; *r != '\0'; r++)
    {
      if ((guchar) *r >= 0x20 && *r != 0x7f)
        *w++ = *r;
      else if (drop_if_any)
        {
          g_clear_pointer (value, g_free);
          return;
        }
      else if (*r == '\t' || *r == '\n' || *r == '\r')
        *w++ = ' ';
    }
  *w = '\0';
}

/* Runs of ASCII white space in *@value as one space, none at either end
 * (a no-break space is meant, and stays). */
static void
collapse_space (char **value)
{
  char *w;
  gboolean space = TRUE;

  if (*value == NULL)
    return;
  w = *value;
  for (const char *r = *value; *r != '\0'; r++)
    {
      if (!g_ascii_isspace (*r))
        *w++ = *r;
      else if (!space)
        *w++ = ' ';
      space = g_ascii_isspace (*r);
    }
  if (w > *value && w[-1] == ' ')
    w--;
  *w = '\0';
}

/* An article of plain paragraphs from text (blank lines or line breaks
 * between them). */
static xmlNode *
article_from_text (xmlDoc *doc, const char *text)
{
  xmlNode *div = clipper_html_new_element (doc, "div");
  g_auto(GStrv) paras = g_strsplit (text, "\n", -1);

  for (guint i = 0; paras[i] != NULL; i++)
    {
      char *para = g_strstrip (paras[i]);
      xmlNode *p;

      if (*para == '\0')
        continue;
      p = clipper_html_new_element (doc, "p");
      clipper_html_append (p, clipper_html_new_text (doc, para, -1));
      clipper_html_append (div, p);
    }
  return div;
}

/* Whether the page has a field for a password: a sign-in or sign-up
 * form, wherever it is. */
static gboolean
has_password_field (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "input"))
      {
        const char *type = clipper_dom_attr (n, "type");

        if (type != NULL && g_ascii_strcasecmp (type, "password") == 0)
          return TRUE;
      }
  return FALSE;
}

/* Words of what a login wall says beside its form: "Forgot your
 * password?", "Don't have an account? Subscribe", "New here? Create a
 * free account", "Welcome back! Log in to read…". */
static const char *const login_prompt_words[] = {
  "sign in", "sign-in", "signin", "log in", "log-in", "login", "sign up", "sign-up", "signup",
  "register", "account", "password", "subscribe", "subscription", "subscriber", "welcome back",
  "remember me", "new here", "continue with", NULL
};

/* Whether @html, what is left of a page with a password field (the form
 * and its labels went), is only the prompts around a sign-in form: each
 * of its blocks names signing in, up or an account, or is a word or two
 * of glue ("or").  A login wall, not an article: saved, it was a junk
 * article titled "Sign in to continue reading".  An article with a
 * login box in its header or sidebar has text of its own, and stays. */
static gboolean
is_login_wall (const char *html)
{
  g_autofree char *blocks = clipper_block_text_of_html (html);
  g_auto(GStrv) lines = g_strsplit (blocks, "\n", -1);
  guint prompts = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *label = label_of (lines[i]);

      if (*label == '\0')
        continue;
      if (contains_any (label, login_prompt_words))
        prompts++;
      else if (g_utf8_strlen (label, -1) > 3)
        return FALSE;
    }
  return prompts > 0;
}

typedef struct {
  xmlDoc  *doc;
  xmlNode *article;
  glong    length;
  char    *byline;
  char    *byline_date;
  xmlNode *opening_h1;
  char    *dir;
  gboolean paywall_cut;
} Attempt;

static void
attempt_clear (Attempt *a)
{
  /* The article's nodes are in its document's arena. */
  if (a->doc != NULL)
    clipper_html_doc_free (a->doc);
  g_free (a->byline);
  g_free (a->byline_date);
  g_free (a->dir);
  memset (a, 0, sizeof *a);
}

/**
 * clipper_extract:
 * @html: (array length=length): the page, UTF-8; need not be NUL-terminated
 * @length: its size in bytes
 * @base_url: (nullable): the page's URL, for relative links
 * @error: return location for an error
 *
 * Finds the article in a web page.  Invalid UTF-8 and NUL bytes are
 * replaced; elements deeper than 256 levels are flattened.
 *
 * Returns: (transfer full) (nullable): the extraction, or %NULL with
 *   %CLIPPER_EXTRACT_ERROR_EMPTY when there is nothing to parse.
 */
ClipperExtraction *
clipper_extract (const char *html, gsize length, const char *base_url, GError **error)
{
  g_autofree char *clean = NULL;
  const char *input = html;
  gint64 t0, t1, t2;
  xmlDoc *doc;
  ClipperMeta meta = { 0 };
  ClipperExtraction *ex;
  Attempt attempts[4] = { { 0 } };
  guint n_attempts = 0;
  guint flags = FLAGS_ALL;
  Attempt *chosen = NULL;
  g_autofree char *base = NULL;
  g_autofree char *page_url = NULL;
  ClipperSerializer ser;
  gboolean login_form;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0 || all_blank (html, length))
    {
      g_set_error (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY,
                   length == 0 ? "the page is empty (0 bytes)"
                               : "the page holds only white space (%" G_GSIZE_FORMAT " bytes)", length);
      return NULL;
    }
  if (length > G_MAXINT)
    {
      g_set_error (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_INVALID,
                   "the page is too large to parse (%" G_GSIZE_FORMAT " bytes)", length);
      return NULL;
    }

  t0 = g_get_monotonic_time ();
  /* The parser takes valid UTF-8 without NUL bytes: U+FFFD in their
   * place, as browsers do. */
  if (!is_clean_utf8 (html, length))
    {
      clean = g_utf8_make_valid (html, length);
      input = clean;
      length = strlen (clean);
    }
  doc = clipper_html_parse (input, length, base_url);
  t1 = g_get_monotonic_time ();
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        clipper_html_doc_free (doc);
      g_set_error (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY,
                   "the page has no HTML document in it (%" G_GSIZE_FORMAT " bytes)", length);
      return NULL;
    }

  ex = g_new0 (ClipperExtraction, 1);
  ex->parse_ms = (t1 - t0) / 1000.0;
  clipper_meta_read (doc, &meta, base_url);
  ex->readerable = is_probably_readerable (doc);
  login_form = has_password_field (doc);
  base = document_base (doc, base_url);
  /* (As the serializer resolves it, to tell a link to this page.) */
  page_url = base != NULL ? clipper_resolve_url (base, base) : NULL;

  while (TRUE)
    {
      Attempt *a = &attempts[n_attempts++];
      Grab g = { 0 };

      a->doc = n_attempts == 1 ? doc : clipper_html_parse (input, length, base_url);
      if (a->doc == NULL)
        break;
      g.doc = a->doc;
      g.flags = flags;
      g.title = meta.title;
      g.meta_byline = meta.byline != NULL;
      g.meta_byline_text = meta.byline;
      g.lang = meta.lang;
      g.base_url = base;
      g.page_url = page_url;
      prep_document (a->doc);
      a->article = grab_article (&g);
      if (a->article != NULL)
        {
          prep_article (&g, a->article);
          remove_boilerplate (&g, a->article);
          remove_page_navigation (&g, a->article);
          a->length = text_len (&g, a->article, NULL);
        }
      a->byline = g_steal_pointer (&g.byline);
      a->byline_date = g_steal_pointer (&g.byline_date);
      a->opening_h1 = g.opening_h1;
      a->dir = g_steal_pointer (&g.dir);
      a->paywall_cut = g.paywall_cut;
      /* The NodeInfo hung on this attempt's nodes live in its document's
       * arena, and go with it. */

      if (a->length >= CHAR_THRESHOLD)
        {
          chosen = a;
          break;
        }
      if (flags & FLAG_STRIP_UNLIKELYS)
        flags &= ~FLAG_STRIP_UNLIKELYS;
      else if (flags & FLAG_WEIGHT_CLASSES)
        flags &= ~FLAG_WEIGHT_CLASSES;
      else if (flags & FLAG_CLEAN_CONDITIONALLY)
        flags &= ~FLAG_CLEAN_CONDITIONALLY;
      else
        break;
    }
  if (chosen == NULL)
    {
      for (guint i = 0; i < n_attempts; i++)
        if (attempts[i].article != NULL && (chosen == NULL || attempts[i].length > chosen->length))
          chosen = &attempts[i];
    }

  /* Pages that render the story by script often carry it whole in their
   * JSON-LD: when the page itself gave little, the articleBody is better. */
  if (meta.article_body != NULL)
    {
      glong have = (chosen != NULL && chosen->article != NULL) ? chosen->length : 0;
      glong body_len = g_utf8_strlen (meta.article_body, -1);

      if (have < CHAR_THRESHOLD && body_len >= 200 && body_len > 2 * have)
        {
          xmlNode *div = article_from_text (attempts[0].doc, meta.article_body);

          if (chosen == NULL)
            chosen = &attempts[0];
          chosen->article = div;
          chosen->length = body_len;
        }
    }

  /* A <title> of short parts only, "Google - Site Reliability
   * Engineering" on every chapter of the SRE book, names the site and
   * its section: the <h1> the article opens with is the page's own
   * title.  It leaves the article, as a heading repeating the title
   * does (the reader shows the title above it). */
  if (meta.title_kept_whole && chosen != NULL && chosen->article != NULL && chosen->opening_h1 != NULL &&
      is_in (chosen->opening_h1, chosen->article))
    {
      g_autofree char *heading = clipper_dom_inner_text (chosen->opening_h1, TRUE);

      if (*heading != '\0' && g_utf8_strlen (heading, -1) <= 150 && g_strcmp0 (heading, meta.title) != 0)
        {
          g_debug ("title from the opening heading: %s (was %s)", heading, meta.title);
          g_free (meta.title);
          meta.title = g_steal_pointer (&heading);
          clipper_dom_remove (chosen->opening_h1);
        }
    }

  clipper_serializer_init (&ser, base);
  clipper_serialize_article (&ser, chosen ? chosen->article : NULL, chosen ? chosen->dir : NULL, meta.lang);
  if (login_form && chosen != NULL && chosen->length < CHAR_THRESHOLD && is_login_wall (ser.html->str))
    {
      g_debug ("a login wall: no article");
      clipper_serializer_clear (&ser);
      clipper_serializer_init (&ser, base);
      clipper_serialize_article (&ser, NULL, NULL, meta.lang);
      chosen = NULL;
    }

  ex->title = g_steal_pointer (&meta.title);
  ex->byline = meta.byline ? g_steal_pointer (&meta.byline) : (chosen ? g_steal_pointer (&chosen->byline) : NULL);
  ex->site_name = g_steal_pointer (&meta.site_name);
  ex->lang = g_steal_pointer (&meta.lang);
  ex->dir = chosen ? g_steal_pointer (&chosen->dir) : NULL;
  ex->published_time = g_steal_pointer (&meta.published_time);
  /* LWN's "By Nathan Willis<br>March 25, 2015": a date the page gives
   * nowhere else. */
  if (ex->published_time == NULL && meta.byline == NULL && chosen != NULL)
    ex->published_time = g_steal_pointer (&chosen->byline_date);
  ex->lead_image = g_steal_pointer (&meta.lead_image);
  ex->canonical_url = g_steal_pointer (&meta.canonical_url);
  ex->excerpt = g_steal_pointer (&meta.excerpt);
  if (ex->excerpt == NULL && chosen != NULL && chosen->article != NULL)
    {
      xmlNode *p = clipper_dom_find (chosen->article, "p");

      /* Not a paragraph that is all link: a kicker ("<a>Food</a>") above
       * the headline says which section, not what the story is. */
      while (p != NULL && first_paragraph_is_link (p))
        {
          xmlNode *next = clipper_dom_next (p, chosen->article, TRUE);

          p = NULL;
          for (; next != NULL && p == NULL; next = clipper_dom_next (next, chosen->article, FALSE))
            if (next->type == XML_ELEMENT_NODE && clipper_dom_is (next, "p"))
              p = next;
        }
      if (p != NULL)
        {
          g_autofree char *t = clipper_dom_inner_text (p, FALSE);
          ex->excerpt = g_strdup (g_strstrip (t));
        }
    }
  /* Metadata from any source leaves without control characters (they break
   * JSON writers and terminals), and dir is one of the three values. */
  {
    char **fields[] = { &ex->title, &ex->byline, &ex->site_name, &ex->lang, &ex->excerpt,
                        &ex->published_time, &ex->lead_image, &ex->canonical_url, &ex->dir };
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      scrub (fields[i], fields[i] == &ex->lang || fields[i] == &ex->lead_image ||
                        fields[i] == &ex->canonical_url || fields[i] == &ex->dir);
    /* A byline element's text keeps the page's indentation ("Written by
     * Rob Ewaschuk" + 29 spaces + "Edited by Betsy Beyer"), which the
     * list, the JSON and the vault's front matter showed as it was. */
    collapse_space (&ex->title);
    collapse_space (&ex->byline);
    collapse_space (&ex->site_name);
    collapse_space (&ex->excerpt);
    /* "…whale strandings | Eleanor Ainge Roy": the reader's heading, the
     * list, the window and the vault's file name all carried the byline. */
    if (ex->title != NULL)
      {
        char *title = clipper_title_drop_credit (ex->title, ex->byline);

        g_free (ex->title);
        ex->title = title;
      }
    if (ex->dir != NULL)
      {
        char *lower = g_ascii_strdown (g_strstrip (ex->dir), -1);
        g_free (ex->dir);
        ex->dir = NULL;
        if (clipper_str_eq (lower, "ltr") || clipper_str_eq (lower, "rtl") || clipper_str_eq (lower, "auto"))
          ex->dir = lower;
        else
          g_free (lower);
      }
  }
  ex->html = g_string_free (g_steal_pointer (&ser.html), FALSE);
  ex->text = g_string_free (g_steal_pointer (&ser.text), FALSE);
  ex->images = g_steal_pointer (&ser.images);
  ex->image_fallbacks = g_steal_pointer (&ser.image_fallbacks);
  ex->inline_images = g_steal_pointer (&ser.inline_images);
  clipper_serializer_clear (&ser);
  ex->word_count = clipper_extract_count_words (ex->text);
  /* A teaser: the box that stood for the rest went, and little is left. */
  ex->preview = chosen != NULL && chosen->paywall_cut && g_utf8_strlen (ex->text, -1) < PREVIEW_CHARS;
  if (ex->preview)
    g_debug ("a paywall's box cut from a short article: maybe a preview");
  /* Whatever the paragraphs looked like, under 300 characters of article
   * is not an article (on the corpus every such page is a non-article). */
  if (g_utf8_strlen (ex->text, -1) < 300)
    ex->readerable = FALSE;
  if (ex->title == NULL)
    ex->title = g_strdup ("");

  for (guint i = 0; i < n_attempts; i++)
    attempt_clear (&attempts[i]);
  clipper_meta_clear (&meta);
  t2 = g_get_monotonic_time ();
  ex->extract_ms = (t2 - t1) / 1000.0;
  return ex;
}

typedef struct {
  GBytes *html;
  char   *base_url;
} ExtractJob;

static void
extract_job_free (ExtractJob *job)
{
  g_bytes_unref (job->html);
  g_free (job->base_url);
  g_free (job);
}

static void
extract_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExtractJob *job = data;
  GError *error = NULL;
  gsize len = 0;
  const char *html = g_bytes_get_data (job->html, &len);
  ClipperExtraction *ex;

  if (g_task_return_error_if_cancelled (task))
    return;
  ex = clipper_extract (html != NULL ? html : "", len, job->base_url, &error);
  if (ex == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ex, (GDestroyNotify) clipper_extraction_free);
}

/**
 * clipper_extract_async:
 * @html: (array length=length): the page, UTF-8; copied
 * @length: its size in bytes
 * @base_url: (nullable): the page's URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * clipper_extract() in a worker thread.
 */
void
clipper_extract_async (const char          *html,
                       gsize                length,
                       const char          *base_url,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExtractJob *job;

  g_return_if_fail (html != NULL || length == 0);

  job = g_new0 (ExtractJob, 1);
  job->html = g_bytes_new (html, length);
  job->base_url = g_strdup (base_url);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_extract_async);
  g_task_set_task_data (task, job, (GDestroyNotify) extract_job_free);
  g_task_run_in_thread (task, extract_thread);
}

/**
 * clipper_extract_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): as clipper_extract()
 */
ClipperExtraction *
clipper_extract_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_extract_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * clipper_extraction_dup_block_text:
 * @extraction: an extraction
 *
 * Returns: (transfer full): the article's blocks separated by blank lines.
 */
char *
clipper_extraction_dup_block_text (ClipperExtraction *extraction)
{
  g_return_val_if_fail (extraction != NULL, NULL);

  if (extraction->html == NULL)
    return g_strdup ("");
  return clipper_block_text_of_html (extraction->html);
}

/**
 * clipper_extraction_rewrite_images:
 * @extraction: an extraction
 * @map: (element-type utf8 utf8): old absolute URL -> new URL
 *
 * Points the article's images elsewhere (at the store).  The text does not
 * change: only <img src> attributes do.
 */
void
clipper_extraction_rewrite_images (ClipperExtraction *extraction, GHashTable *map)
{
  g_autofree char *doc_html = NULL;
  xmlDoc *doc;
  xmlNode *article;
  ClipperSerializer ser;

  g_return_if_fail (extraction != NULL);
  g_return_if_fail (map != NULL);

  if (extraction->html == NULL)
    return;
  doc_html = g_strconcat ("<!DOCTYPE html><html><body>", extraction->html, "</body></html>", NULL);
  doc = clipper_html_parse (doc_html, strlen (doc_html), NULL);
  if (doc == NULL)
    return;
  article = clipper_dom_find (xmlDocGetRootElement (doc), "article");
  clipper_serializer_init (&ser, NULL);
  ser.image_map = map;
  ser.own_html = TRUE;
  clipper_serialize_article (&ser, article, article ? clipper_dom_attr (article, "dir") : NULL,
                             article ? clipper_dom_attr (article, "lang") : NULL);
  g_free (extraction->html);
  extraction->html = g_string_free (g_steal_pointer (&ser.html), FALSE);
  g_ptr_array_unref (extraction->images);
  extraction->images = g_steal_pointer (&ser.images);
  /* (Fallbacks of the old URLs mean nothing for the new ones.) */
  g_clear_pointer (&extraction->image_fallbacks, g_hash_table_unref);
  extraction->image_fallbacks = g_steal_pointer (&ser.image_fallbacks);
  clipper_serializer_clear (&ser);
  clipper_html_doc_free (doc);
}
