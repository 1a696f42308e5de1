/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTML parser for the extractor.
 *
 * libxml2's HTML parser reads a page one character at a time through
 * several layers of input handling and allocates every node and string on
 * its own; on the corpus that was over half of all the extraction time.
 * This parser scans with memchr(), decodes character references only where
 * an '&' is, and takes nodes and strings from an arena that is freed in one
 * go.  It builds libxml2's own structures (xmlDoc, xmlNode, xmlAttr), so
 * everything that reads the tree reads it as before; nothing may hand these
 * nodes to a libxml2 call that frees or merges them (see the header).
 *
 * The tree follows the HTML5 tree-construction algorithm where it shapes an
 * article: implied end tags (a block closes an open <p>, <li> closes <li>,
 * cells and rows close each other), void elements (HTML5's list, so <source>
 * and <wbr> no longer swallow what follows, as in libxml2), raw text
 * (<script>, <style>, <textarea>, <title>…), "in scope" end tags that never
 * close past a table or cell, implied <tbody>/<tr> and foster parenting of
 * content misplaced in tables, head elements before the body, attributes of
 * repeated <html>/<body> tags merged, and HTML5's 2,231 named character
 * references with its rules for legacy names without ';'.  What it leaves
 * out: the adoption agency (a formatting end tag closes what is open above
 * it, as libxml2 does), reconstructing formatting elements across blocks,
 * quirks mode, <frameset>, <template> contents and <select> details.
 * Comments, the doctype and processing instructions are dropped.
 */
#define G_LOG_DOMAIN "clipper-extract"

#include "clipper-html-parser.h"

#include <string.h>

/* ---- the arena ---------------------------------------------------------- */

typedef struct Chunk Chunk;
struct Chunk {
  Chunk  *next;
  gsize   size;
  gsize   used;
  guint64 data[];
};

typedef struct {
  Chunk *chunks;
  gsize  next_size;
} Arena;

#define ARENA_FIRST_CHUNK (16 * 1024)
#define ARENA_MAX_CHUNK   (512 * 1024)

/* Zeroed memory: chunks come from g_malloc0() and are never reused. */
static gpointer
arena_alloc (Arena *arena, gsize n)
{
  Chunk *c = arena->chunks;
  gpointer p;

  n = (n + 7) & ~(gsize) 7;
  if (c == NULL || c->size - c->used < n)
    {
      if (n > arena->next_size / 4 && c != NULL)
        {
          /* A big string gets a chunk of its own, behind the current one,
           * which stays in use. */
          Chunk *big = g_malloc0 (sizeof (Chunk) + n);
          big->size = big->used = n;
          big->next = c->next;
          c->next = big;
          return big->data;
        }
      c = g_malloc0 (sizeof (Chunk) + MAX (arena->next_size, n));
      c->size = MAX (arena->next_size, n);
      c->next = arena->chunks;
      arena->chunks = c;
      if (arena->next_size < ARENA_MAX_CHUNK)
        arena->next_size *= 2;
    }
  p = (char *) c->data + c->used;
  c->used += n;
  return p;
}

static char *
arena_strndup (Arena *arena, const char *s, gsize len)
{
  char *copy = arena_alloc (arena, len + 1);

  memcpy (copy, s, len);
  return copy;
}

static void
arena_free (Arena *arena)
{
  while (arena->chunks != NULL)
    {
      Chunk *next = arena->chunks->next;
      g_free (arena->chunks);
      arena->chunks = next;
    }
  g_free (arena);
}

/* ---- element names ------------------------------------------------------ */

enum {
  F_VOID       = 1 << 0,   /* no content, no end tag */
  F_RAWTEXT    = 1 << 1,   /* content is text up to the end tag */
  F_RCDATA     = 1 << 2,   /* the same, with character references */
  F_SPECIAL    = 1 << 3,   /* HTML5's "special" category */
  F_CLOSES_P   = 1 << 4,   /* its start tag closes an open <p> */
  F_FORMATTING = 1 << 5,
  F_SCOPE      = 1 << 6,   /* bounds the default "in scope" search */
  F_HEAD       = 1 << 7,   /* goes into <head> before the body starts */
  F_HEADING    = 1 << 8,
  F_BLOCK_END  = 1 << 9,   /* its end tag closes it if in scope */
  F_TABLE_PART = 1 << 10,  /* may stand in a table outside a cell */
  F_BREAKOUT   = 1 << 11,  /* leaves <svg>/<math> content */
};

typedef enum {
  T_OTHER,
  T_A, T_BODY, T_BR, T_BUTTON, T_CAPTION, T_COL, T_COLGROUP, T_DD, T_DT, T_FORM,
  T_FRAMESET, T_HEAD, T_HTML, T_IMAGE, T_LI, T_MATH, T_NOSCRIPT, T_OL, T_OPTGROUP,
  T_OPTION, T_P, T_PLAINTEXT, T_SELECT, T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE,
  T_TFOOT, T_TH, T_THEAD, T_TR, T_UL, T_ADDRESS, T_DIV,
} TagId;

typedef struct {
  const char *name;
  TagId       id;
  guint       flags;
} Tag;

#define BLOCK (F_SPECIAL | F_CLOSES_P | F_BLOCK_END)

static const Tag tags[] = {
  { "a", T_A, F_FORMATTING },
  { "abbr", T_OTHER, 0 },
  { "address", T_ADDRESS, BLOCK },
  { "applet", T_OTHER, F_SPECIAL | F_SCOPE | F_BLOCK_END },
  { "area", T_OTHER, F_SPECIAL | F_VOID },
  { "article", T_OTHER, BLOCK },
  { "aside", T_OTHER, BLOCK },
  { "audio", T_OTHER, 0 },
  { "b", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "base", T_OTHER, F_SPECIAL | F_VOID | F_HEAD },
  { "basefont", T_OTHER, F_SPECIAL | F_VOID | F_HEAD },
  { "bdi", T_OTHER, 0 },
  { "bdo", T_OTHER, 0 },
  { "bgsound", T_OTHER, F_SPECIAL | F_VOID | F_HEAD },
  { "big", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "blockquote", T_OTHER, BLOCK | F_BREAKOUT },
  { "body", T_BODY, F_SPECIAL | F_BREAKOUT },
  { "br", T_BR, F_SPECIAL | F_VOID | F_BREAKOUT },
  { "button", T_BUTTON, F_SPECIAL | F_BLOCK_END },
  { "canvas", T_OTHER, 0 },
  { "caption", T_CAPTION, F_SPECIAL | F_SCOPE | F_TABLE_PART },
  { "center", T_OTHER, BLOCK | F_BREAKOUT },
  { "cite", T_OTHER, 0 },
  { "code", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "col", T_COL, F_SPECIAL | F_VOID | F_TABLE_PART },
  { "colgroup", T_COLGROUP, F_SPECIAL | F_TABLE_PART },
  { "data", T_OTHER, 0 },
  { "datalist", T_OTHER, 0 },
  { "dd", T_DD, F_SPECIAL | F_BREAKOUT },
  { "del", T_OTHER, 0 },
  { "details", T_OTHER, BLOCK },
  { "dfn", T_OTHER, 0 },
  { "dialog", T_OTHER, F_CLOSES_P | F_BLOCK_END },
  { "dir", T_OTHER, BLOCK },
  { "div", T_DIV, BLOCK | F_BREAKOUT },
  { "dl", T_OTHER, BLOCK | F_BREAKOUT },
  { "dt", T_DT, F_SPECIAL | F_BREAKOUT },
  { "em", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "embed", T_OTHER, F_SPECIAL | F_VOID | F_BREAKOUT },
  { "fieldset", T_OTHER, BLOCK },
  { "figcaption", T_OTHER, BLOCK },
  { "figure", T_OTHER, BLOCK },
  { "font", T_OTHER, F_FORMATTING },
  { "footer", T_OTHER, BLOCK },
  { "form", T_FORM, F_SPECIAL | F_CLOSES_P | F_BLOCK_END },
  { "frame", T_OTHER, F_SPECIAL | F_VOID },
  { "frameset", T_FRAMESET, F_SPECIAL },
  { "h1", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "h2", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "h3", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "h4", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "h5", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "h6", T_OTHER, F_SPECIAL | F_CLOSES_P | F_HEADING | F_BREAKOUT },
  { "head", T_HEAD, F_SPECIAL | F_BREAKOUT },
  { "header", T_OTHER, BLOCK },
  { "hgroup", T_OTHER, BLOCK },
  { "hr", T_OTHER, F_SPECIAL | F_VOID | F_CLOSES_P | F_BREAKOUT },
  { "html", T_HTML, F_SPECIAL | F_SCOPE },
  { "i", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "iframe", T_OTHER, F_SPECIAL | F_RAWTEXT },
  { "image", T_IMAGE, 0 },
  { "img", T_OTHER, F_SPECIAL | F_VOID | F_BREAKOUT },
  { "input", T_OTHER, F_SPECIAL | F_VOID },
  { "ins", T_OTHER, 0 },
  { "kbd", T_OTHER, 0 },
  { "keygen", T_OTHER, F_SPECIAL | F_VOID },
  { "label", T_OTHER, 0 },
  { "legend", T_OTHER, 0 },
  { "li", T_LI, F_SPECIAL | F_BREAKOUT },
  { "link", T_OTHER, F_SPECIAL | F_VOID | F_HEAD },
  { "listing", T_OTHER, BLOCK | F_BREAKOUT },
  { "main", T_OTHER, BLOCK },
  { "map", T_OTHER, 0 },
  { "mark", T_OTHER, 0 },
  { "marquee", T_OTHER, F_SPECIAL | F_SCOPE | F_BLOCK_END },
  { "math", T_MATH, 0 },
  { "menu", T_OTHER, BLOCK | F_BREAKOUT },
  { "meta", T_OTHER, F_SPECIAL | F_VOID | F_HEAD | F_BREAKOUT },
  { "meter", T_OTHER, 0 },
  { "nav", T_OTHER, BLOCK },
  { "nobr", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "noembed", T_OTHER, F_SPECIAL | F_RAWTEXT },
  { "noframes", T_OTHER, F_SPECIAL | F_RAWTEXT | F_HEAD },
  { "noscript", T_NOSCRIPT, F_SPECIAL | F_HEAD },
  { "object", T_OTHER, F_SPECIAL | F_SCOPE | F_BLOCK_END },
  { "ol", T_OL, BLOCK | F_BREAKOUT },
  { "optgroup", T_OPTGROUP, 0 },
  { "option", T_OPTION, 0 },
  { "output", T_OTHER, 0 },
  { "p", T_P, F_SPECIAL | F_CLOSES_P | F_BREAKOUT },
  { "param", T_OTHER, F_SPECIAL | F_VOID },
  { "picture", T_OTHER, 0 },
  { "plaintext", T_PLAINTEXT, F_SPECIAL | F_CLOSES_P },
  { "pre", T_OTHER, BLOCK | F_BREAKOUT },
  { "progress", T_OTHER, 0 },
  { "q", T_OTHER, 0 },
  { "rp", T_OTHER, 0 },
  { "rt", T_OTHER, 0 },
  { "ruby", T_OTHER, F_BREAKOUT },
  { "s", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "samp", T_OTHER, 0 },
  { "script", T_OTHER, F_SPECIAL | F_RAWTEXT | F_HEAD | F_TABLE_PART },
  { "search", T_OTHER, BLOCK },
  { "section", T_OTHER, BLOCK },
  { "select", T_SELECT, F_SPECIAL | F_BLOCK_END },
  { "slot", T_OTHER, 0 },
  { "small", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "source", T_OTHER, F_SPECIAL | F_VOID },
  { "span", T_OTHER, F_BREAKOUT },
  { "strike", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "strong", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "style", T_OTHER, F_SPECIAL | F_RAWTEXT | F_HEAD | F_TABLE_PART },
  { "sub", T_OTHER, F_BREAKOUT },
  { "summary", T_OTHER, BLOCK },
  { "sup", T_OTHER, F_BREAKOUT },
  { "svg", T_SVG, 0 },
  { "table", T_TABLE, F_SPECIAL | F_CLOSES_P | F_SCOPE | F_TABLE_PART | F_BREAKOUT },
  { "tbody", T_TBODY, F_SPECIAL | F_TABLE_PART },
  { "td", T_TD, F_SPECIAL | F_SCOPE | F_TABLE_PART },
  { "template", T_TEMPLATE, F_SPECIAL | F_SCOPE | F_BLOCK_END | F_TABLE_PART },
  { "textarea", T_OTHER, F_SPECIAL | F_RCDATA },
  { "tfoot", T_TFOOT, F_SPECIAL | F_TABLE_PART },
  { "th", T_TH, F_SPECIAL | F_SCOPE | F_TABLE_PART },
  { "thead", T_THEAD, F_SPECIAL | F_TABLE_PART },
  { "time", T_OTHER, 0 },
  { "title", T_OTHER, F_SPECIAL | F_RCDATA | F_HEAD },
  { "tr", T_TR, F_SPECIAL | F_TABLE_PART },
  { "track", T_OTHER, F_SPECIAL | F_VOID },
  { "tt", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "u", T_OTHER, F_FORMATTING | F_BREAKOUT },
  { "ul", T_UL, BLOCK | F_BREAKOUT },
  { "var", T_OTHER, F_BREAKOUT },
  { "video", T_OTHER, 0 },
  { "wbr", T_OTHER, F_SPECIAL | F_VOID },
  { "xmp", T_OTHER, F_SPECIAL | F_CLOSES_P | F_RAWTEXT },
};

static const Tag *tag_by_id[T_DIV + 1];

/* Binary search of a table sorted by name, whose entries start with their
 * name (Tag, ClipperHtmlEntity): the entry named @name (@len bytes, not
 * NUL-terminated), or NULL. */
static const void *
find_by_name (const void *table, gsize n_entries, gsize stride, const char *name, gsize len)
{
  gsize lo = 0, hi = n_entries;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      const void *entry = (const char *) table + mid * stride;
      const char *entry_name = *(const char *const *) entry;
      int c = strncmp (entry_name, name, len);

      if (c == 0 && entry_name[len] != '\0')
        c = 1;
      if (c == 0)
        return entry;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Lower-case names, as the tokenizer makes them. */
static const Tag *
lookup_tag (const char *name, gsize len)
{
  return find_by_name (tags, G_N_ELEMENTS (tags), sizeof (Tag), name, len);
}

static void
init_tags (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
        {
          g_assert (i == 0 || strcmp (tags[i - 1].name, tags[i].name) < 0);
          if (tags[i].id != T_OTHER)
            tag_by_id[tags[i].id] = &tags[i];
        }
      g_once_init_leave (&initialized, 1);
    }
}

/* ---- character references ---------------------------------------------- */

static const gunichar windows_1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static const ClipperHtmlEntity *
lookup_entity (const char *name, gsize len)
{
  return find_by_name (clipper_html_entities, clipper_html_n_entities, sizeof (ClipperHtmlEntity), name, len);
}

static inline gboolean
is_alnum (char c)
{
  return g_ascii_isalnum (c);
}

/* Decodes the character reference at @p (which points at '&') into @out
 * and returns where the input continues; returns @p + 1 after appending a
 * plain '&' when there is no reference.  HTML5's rules: numeric references
 * with or without ';' (NUL, surrogates and values past U+10FFFF become
 * U+FFFD, 0x80–0x9F are read as windows-1252); the longest named reference,
 * where names without ';' are only the legacy ones, and in an attribute
 * those are left alone when a letter, a digit or '=' follows. */
static const char *
decode_reference (const char *p, const char *end, GString *out, gboolean in_attribute)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      const char *digits;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + (guint64) (hex ? g_ascii_xdigit_value (*q) : *q - '0');
          q++;
        }
      if (q == digits)
        {
          g_string_append_c (out, '&');
          return p + 1;
        }
      if (q < end && *q == ';')
        q++;
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;
      else if (value >= 0x80 && value <= 0x9F)
        value = windows_1252_c1[value - 0x80];
      g_string_append_unichar (out, (gunichar) value);
      return q;
    }

  {
    char name[40];
    gsize len = 0;

    while (q + len < end && len < 32 && is_alnum (q[len]))
      {
        name[len] = q[len];
        len++;
      }
    if (len == 0)
      {
        g_string_append_c (out, '&');
        return p + 1;
      }
    if (q + len < end && q[len] == ';')
      {
        const ClipperHtmlEntity *e;

        name[len] = ';';
        if ((e = lookup_entity (name, len + 1)) != NULL)
          {
            g_string_append (out, e->value);
            return q + len + 1;
          }
      }
    /* Legacy names (at most six letters) decode without ';'. */
    for (gsize l = MIN (len, 6); l >= 2; l--)
      {
        const ClipperHtmlEntity *e = lookup_entity (name, l);

        if (e == NULL)
          continue;
        if (in_attribute && q + l < end && (is_alnum (q[l]) || q[l] == '='))
          break;
        g_string_append (out, e->value);
        return q + l;
      }
    g_string_append_c (out, '&');
    return p + 1;
  }
}

/* Appends @p..@end to @out: CR and CRLF become LF, and references are
 * decoded when @references. */
static void
append_text (GString *out, const char *p, const char *end, gboolean references, gboolean in_attribute)
{
  while (p < end)
    {
      const char *amp = references ? memchr (p, '&', (gsize) (end - p)) : NULL;
      const char *stop = amp != NULL ? amp : end;
      const char *cr = memchr (p, '\r', (gsize) (stop - p));

      if (cr != NULL)
        stop = cr;
      g_string_append_len (out, p, stop - p);
      if (stop >= end)
        break;
      if (*stop == '\r')
        {
          g_string_append_c (out, '\n');
          p = stop + 1;
          if (p < end && *p == '\n')
            p++;
        }
      else
        p = decode_reference (stop, end, out, in_attribute);
    }
}

/* ---- the tree ----------------------------------------------------------- */

/* The name libxml2 gives text nodes. */
#define TEXT_NAME "text"

typedef struct {
  xmlNode    *node;
  const Tag  *tag;       /* NULL for names HTML does not define */
  gboolean    foreign;   /* inside <svg> or <math> */
} Open;

typedef struct {
  Arena       *arena;
  xmlDoc      *doc;
  xmlNode     *html;
  xmlNode     *head;
  xmlNode     *body;
  Open        *stack;
  guint        depth;
  GString     *text;       /* character data not yet in the tree */
  GString     *scratch;
  const char  *p;
  const char  *end;
  guint        n_elements;
  xmlNode     *grow_node;  /* the text node last joined, and its room */
  gsize        grow_len;
  gsize        grow_cap;
} Parser;

static xmlNode *
new_node (Arena *arena, xmlDoc *doc, xmlElementType type, const char *name)
{
  xmlNode *n = arena_alloc (arena, sizeof (xmlNode));

  n->type = type;
  n->name = (const xmlChar *) name;
  n->doc = doc;
  return n;
}

static inline Arena *
doc_arena (xmlDoc *doc)
{
  return doc->_private;
}

static const char *
intern_name (Arena *arena, const char *name, gsize len)
{
  const Tag *tag = lookup_tag (name, len);

  return tag != NULL ? tag->name : arena_strndup (arena, name, len);
}

void
clipper_html_unlink (xmlNode *node)
{
  xmlNode *parent = node->parent;

  if (parent != NULL)
    {
      if (parent->children == node)
        parent->children = node->next;
      if (parent->last == node)
        parent->last = node->prev;
    }
  if (node->prev != NULL)
    node->prev->next = node->next;
  if (node->next != NULL)
    node->next->prev = node->prev;
  node->parent = node->prev = node->next = NULL;
}

void
clipper_html_append (xmlNode *parent, xmlNode *child)
{
  if (child->parent != NULL || child->prev != NULL || child->next != NULL)
    clipper_html_unlink (child);
  child->parent = parent;
  child->prev = parent->last;
  if (parent->last != NULL)
    parent->last->next = child;
  else
    parent->children = child;
  parent->last = child;
}

static void
insert_before (xmlNode *ref, xmlNode *child)
{
  xmlNode *parent = ref->parent;

  child->parent = parent;
  child->next = ref;
  child->prev = ref->prev;
  if (ref->prev != NULL)
    ref->prev->next = child;
  else if (parent != NULL)
    parent->children = child;
  ref->prev = child;
}

void
clipper_html_insert_before (xmlNode *ref, xmlNode *child)
{
  clipper_html_unlink (child);
  insert_before (ref, child);
}

void
clipper_html_replace (xmlNode *old_node, xmlNode *new_node)
{
  if (old_node == new_node)
    return;
  clipper_html_unlink (new_node);
  insert_before (old_node, new_node);
  clipper_html_unlink (old_node);
}

xmlNode *
clipper_html_new_element (xmlDoc *doc, const char *name)
{
  Arena *arena = doc_arena (doc);

  return new_node (arena, doc, XML_ELEMENT_NODE, intern_name (arena, name, strlen (name)));
}

xmlNode *
clipper_html_new_text (xmlDoc *doc, const char *text, gssize length)
{
  Arena *arena = doc_arena (doc);
  xmlNode *n = new_node (arena, doc, XML_TEXT_NODE, TEXT_NAME);
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  n->content = (xmlChar *) arena_strndup (arena, text, len);
  return n;
}

gpointer
clipper_html_doc_alloc (xmlDoc *doc, gsize size)
{
  return arena_alloc (doc_arena (doc), size);
}

void
clipper_html_set_name (xmlNode *node, const char *name)
{
  node->name = (const xmlChar *) intern_name (doc_arena (node->doc), name, strlen (name));
}

static inline Open *
current (Parser *ps)
{
  return &ps->stack[ps->depth - 1];
}

static inline gboolean
is_id (const Open *o, TagId id)
{
  return o->tag != NULL && o->tag->id == id;
}

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static gboolean
is_all_space (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_html_space (s[i]))
      return FALSE;
  return TRUE;
}

static void
start_body (Parser *ps)
{
  if (ps->body != NULL)
    return;
  ps->body = new_node (ps->arena, ps->doc, XML_ELEMENT_NODE, tag_by_id[T_BODY]->name);
  clipper_html_append (ps->html, ps->body);
  ps->stack[ps->depth++] = (Open) { ps->body, tag_by_id[T_BODY], FALSE };
}

/* The table whose content is being written outside any cell, if the
 * current node is a table, a table section or a row. */
static xmlNode *
foster_table (Parser *ps)
{
  Open *o = current (ps);

  if (o->foreign || o->tag == NULL)
    return NULL;
  switch (o->tag->id)
    {
    case T_TABLE: case T_TBODY: case T_THEAD: case T_TFOOT: case T_TR:
      for (guint i = ps->depth; i-- > 0;)
        if (is_id (&ps->stack[i], T_TABLE))
          return ps->stack[i].node->parent != NULL ? ps->stack[i].node : NULL;
      return NULL;
    default:
      return NULL;
    }
}

/* Adds @node where the insertion point is: the current node, or before
 * the table when HTML5 would foster-parent it. */
static void
insert_node (Parser *ps, xmlNode *node, gboolean table_part)
{
  xmlNode *table = table_part ? NULL : foster_table (ps);

  if (table != NULL)
    insert_before (table, node);
  else
    clipper_html_append (current (ps)->node, node);
}

static void
append_text_node (Parser *ps, xmlNode *parent, xmlNode *before, const char *s, gsize len)
{
  xmlNode *prev = before != NULL ? before->prev : parent->last;
  xmlNode *t;

  if (prev != NULL && prev->type == XML_TEXT_NODE)
    {
      /* Text on both sides of a dropped comment (or of content moved out
       * of a table) is one node, as in a browser.  The node joined last
       * keeps room to grow, so a page that joins text into one node again
       * and again costs linear time and memory, not quadratic. */
      gsize old_len = prev == ps->grow_node ? ps->grow_len : strlen ((const char *) prev->content);

      if (prev != ps->grow_node || old_len + len + 1 > ps->grow_cap)
        {
          gsize cap = 2 * (old_len + len) + 16;
          char *joined = arena_alloc (ps->arena, cap);

          memcpy (joined, prev->content, old_len);
          prev->content = (xmlChar *) joined;
          ps->grow_node = prev;
          ps->grow_cap = cap;
        }
      memcpy ((char *) prev->content + old_len, s, len);
      ((char *) prev->content)[old_len + len] = '\0';
      ps->grow_len = old_len + len;
      return;
    }
  t = new_node (ps->arena, ps->doc, XML_TEXT_NODE, TEXT_NAME);
  t->content = (xmlChar *) arena_strndup (ps->arena, s, len);
  if (before != NULL)
    insert_before (before, t);
  else
    clipper_html_append (parent, t);
}

static void
flush_text (Parser *ps)
{
  const char *s = ps->text->str;
  gsize len = ps->text->len;
  xmlNode *table;

  if (len == 0)
    return;
  if (ps->body == NULL)
    {
      /* White space before the body is dropped; text starts the body. */
      while (len > 0 && is_html_space (*s))
        s++, len--;
      if (len == 0)
        {
          g_string_truncate (ps->text, 0);
          return;
        }
      start_body (ps);
    }
  /* White space stays in the table; other text goes before it. */
  table = foster_table (ps);
  if (table != NULL && is_all_space (s, len))
    table = NULL;
  if (table != NULL)
    append_text_node (ps, table->parent, table, s, len);
  else
    append_text_node (ps, current (ps)->node, NULL, s, len);
  g_string_truncate (ps->text, 0);
}

static void
pop_to (Parser *ps, guint index)
{
  /* The body (and html) are never popped: content after a stray </body>
   * stays in the body, as in HTML5. */
  ps->depth = MAX (index, ps->body != NULL ? 2u : 1u);
}

typedef enum { SCOPE_DEFAULT, SCOPE_LIST, SCOPE_BUTTON, SCOPE_TABLE } Scope;

static gboolean
bounds_scope (const Open *o, Scope scope)
{
  if (o->foreign || o->tag == NULL)
    return FALSE;
  switch (scope)
    {
    case SCOPE_TABLE:
      return o->tag->id == T_TABLE || o->tag->id == T_HTML || o->tag->id == T_TEMPLATE;
    case SCOPE_LIST:
      if (o->tag->id == T_OL || o->tag->id == T_UL)
        return TRUE;
      break;
    case SCOPE_BUTTON:
      if (o->tag->id == T_BUTTON)
        return TRUE;
      break;
    case SCOPE_DEFAULT:
    default:
      break;
    }
  return (o->tag->flags & F_SCOPE) != 0;
}

/* Index of the nearest open @tag within @scope, or -1. */
static int
find_in_scope (Parser *ps, const Tag *tag, Scope scope)
{
  for (guint i = ps->depth; i-- > 0;)
    {
      const Open *o = &ps->stack[i];

      if (o->tag == tag && !o->foreign)
        return (int) i;
      if (bounds_scope (o, scope))
        return -1;
    }
  return -1;
}

static void
close_p (Parser *ps)
{
  int i = find_in_scope (ps, tag_by_id[T_P], SCOPE_BUTTON);

  if (i >= 0)
    pop_to (ps, (guint) i);
}

/* <li>, <dd>, <dt>: close the open item of the same list first. */
static void
close_list_item (Parser *ps, TagId a, TagId b)
{
  for (guint i = ps->depth; i-- > 0;)
    {
      const Open *o = &ps->stack[i];

      if (o->foreign)
        return;
      if (is_id (o, a) || is_id (o, b))
        {
          pop_to (ps, i);
          return;
        }
      if (o->tag != NULL && (o->tag->flags & F_SPECIAL) &&
          o->tag->id != T_ADDRESS && o->tag->id != T_DIV && o->tag->id != T_P)
        return;
    }
}

/* Pops what is open above the nearest element that may hold a new table
 * part: a row for a cell (@row), a section for a row (@sections), else
 * the table itself. */
static void
clear_to_table_context (Parser *ps, gboolean sections, gboolean row)
{
  for (guint i = ps->depth; i-- > 0;)
    {
      const Open *o = &ps->stack[i];

      if (o->tag == NULL || o->foreign)
        continue;
      if (o->tag->id == T_TABLE || o->tag->id == T_TEMPLATE || o->tag->id == T_HTML ||
          (sections && (o->tag->id == T_TBODY || o->tag->id == T_THEAD || o->tag->id == T_TFOOT)) ||
          (row && o->tag->id == T_TR))
        {
          pop_to (ps, i + 1);
          return;
        }
    }
}

static void
push (Parser *ps, xmlNode *node, const Tag *tag, gboolean foreign)
{
  /* At the depth limit the element stays in the tree, but what follows
   * goes beside it rather than into it. */
  if (ps->depth < CLIPPER_HTML_MAX_DEPTH)
    ps->stack[ps->depth++] = (Open) { node, tag, foreign };
}

static void
insert_implied (Parser *ps, TagId id)
{
  xmlNode *n = new_node (ps->arena, ps->doc, XML_ELEMENT_NODE, tag_by_id[id]->name);

  clipper_html_append (current (ps)->node, n);
  push (ps, n, tag_by_id[id], FALSE);
}

static void
merge_attributes (xmlNode *into, xmlNode *from)
{
  xmlAttr *next;

  for (xmlAttr *a = from->properties; a != NULL; a = next)
    {
      gboolean present = FALSE;

      next = a->next;
      for (xmlAttr *b = into->properties; b != NULL && !present; b = b->next)
        present = strcmp ((const char *) a->name, (const char *) b->name) == 0;
      if (present)
        continue;
      a->next = into->properties;
      a->prev = NULL;
      if (into->properties != NULL)
        into->properties->prev = a;
      a->parent = into;
      into->properties = a;
    }
  from->properties = NULL;
}

/* ---- the tokenizer ------------------------------------------------------ */

static const char *
skip_to_gt (const char *p, const char *end)
{
  const char *gt = memchr (p, '>', (gsize) (end - p));

  return gt != NULL ? gt + 1 : end;
}

/* Reads the attributes of a tag, from after its name.  Attributes are
 * added to @node (the first of a name wins) unless @node is NULL.  Returns
 * where the input continues, or NULL at the end of the input inside the
 * tag (HTML5 then drops the tag); sets @self_closing for "/>". */
static const char *
read_attributes (Parser *ps, xmlNode *node, const char *p, gboolean *self_closing)
{
  const char *end = ps->end;
  xmlAttr *last = NULL;

  *self_closing = FALSE;
  while (TRUE)
    {
      const char *name, *name_end;
      const char *value = NULL;
      gsize value_len = 0;
      gboolean value_refs = FALSE;

      while (p < end && (is_html_space (*p) || *p == '/'))
        {
          if (*p == '/' && p + 1 < end && p[1] == '>')
            {
              *self_closing = TRUE;
              return p + 2;
            }
          p++;
        }
      if (p >= end)
        return NULL;
      if (*p == '>')
        return p + 1;
      name = p++;
      while (p < end && !is_html_space (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      name_end = p;
      while (p < end && is_html_space (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_html_space (*p))
            p++;
          if (p >= end)
            return NULL;
          if (*p == '"' || *p == '\'')
            {
              const char *close = memchr (p + 1, *p, (gsize) (end - p - 1));

              if (close == NULL)
                return NULL;
              value = p + 1;
              value_len = (gsize) (close - value);
              p = close + 1;
            }
          else if (*p != '>')
            {
              value = p;
              while (p < end && !is_html_space (*p) && *p != '>')
                p++;
              value_len = (gsize) (p - value);
            }
          value_refs = value != NULL && (memchr (value, '&', value_len) != NULL || memchr (value, '\r', value_len) != NULL);
        }
      if (node == NULL)
        continue;

      {
        gsize len = (gsize) (name_end - name);
        char *interned = arena_strndup (ps->arena, name, len);
        xmlAttr *a;
        xmlNode *t;
        gboolean duplicate = FALSE;

        for (gsize i = 0; i < len; i++)
          interned[i] = g_ascii_tolower (interned[i]);
        /* The first of a name wins (a repeat's few bytes stay unused). */
        for (xmlAttr *b = node->properties; b != NULL && !duplicate; b = b->next)
          duplicate = strcmp ((const char *) b->name, interned) == 0;
        if (duplicate)
          continue;
        a = arena_alloc (ps->arena, sizeof (xmlAttr));
        t = new_node (ps->arena, ps->doc, XML_TEXT_NODE, TEXT_NAME);
        a->type = XML_ATTRIBUTE_NODE;
        a->name = (const xmlChar *) interned;
        a->children = a->last = t;
        a->parent = node;
        a->doc = ps->doc;
        t->parent = (xmlNode *) a;
        if (value_refs)
          {
            g_string_truncate (ps->scratch, 0);
            append_text (ps->scratch, value, value + value_len, TRUE, TRUE);
            t->content = (xmlChar *) arena_strndup (ps->arena, ps->scratch->str, ps->scratch->len);
          }
        else
          t->content = (xmlChar *) arena_strndup (ps->arena, value != NULL ? value : "", value_len);
        if (last != NULL)
          {
            last->next = a;
            a->prev = last;
          }
        else
          node->properties = a;
        last = a;
      }
    }
}

static inline gboolean
is_tag_delimiter (const char *p, const char *end)
{
  return p == end || is_html_space (*p) || *p == '/' || *p == '>';
}

/* Whether @p starts "</name" (or "<name" without @closing) followed by a
 * space, '/' or '>', in any case. */
static gboolean
tag_at (const char *p, const char *end, const char *name, gsize n, gboolean closing)
{
  gsize skip = closing ? 2 : 1;

  return (gsize) (end - p) >= n + skip && p[0] == '<' && (!closing || p[1] == '/') &&
         g_ascii_strncasecmp (p + skip, name, n) == 0 && is_tag_delimiter (p + skip + n, end);
}

/* Where the raw text of @name (lower case) ends: the first "</name" that a
 * space, '/' or '>' follows, in any case.  Returns @end if there is none.
 * In a script, HTML5's escape states apply: after "<!--", a "<script"
 * starts a nested script whose "</script>" does not end the outer one
 * (document.write('<!-- <script src=x></script> -->') in old pages). */
static const char *
find_end_tag (const char *p, const char *end, const char *name)
{
  gsize n = strlen (name);
  enum { DATA, ESCAPED, DOUBLE_ESCAPED } state = DATA;
  gboolean script = strcmp (name, "script") == 0;

  while (p < end)
    {
      if (state == DATA)
        {
          if ((p = memchr (p, '<', (gsize) (end - p))) == NULL)
            return end;
          if (tag_at (p, end, name, n, TRUE))
            return p;
          if (script && end - p >= 4 && memcmp (p, "<!--", 4) == 0)
            {
              state = ESCAPED;
              p += 2;   /* "<!-->" ends the escape at once */
              continue;
            }
          p++;
          continue;
        }
      if (end - p >= 3 && memcmp (p, "-->", 3) == 0)
        {
          state = DATA;
          p += 3;
          continue;
        }
      if (*p == '<')
        {
          if (tag_at (p, end, name, n, TRUE))
            {
              if (state == ESCAPED)
                return p;
              state = ESCAPED;
              p += n + 2;
              continue;
            }
          if (state == ESCAPED && tag_at (p, end, name, n, FALSE))
            {
              state = DOUBLE_ESCAPED;
              p += n + 1;
              continue;
            }
        }
      p++;
    }
  return end;
}

/* The content of a raw-text or RCDATA element named @name, up to its end
 * tag: into @element, or skipped when @element is NULL. */
static void
read_raw_text (Parser *ps, xmlNode *element, const char *name, gboolean references, gboolean to_end)
{
  const char *start = ps->p;
  const char *stop = to_end ? ps->end : find_end_tag (start, ps->end, name);

  if (stop > start && element != NULL)
    {
      if (references || memchr (start, '\r', (gsize) (stop - start)) != NULL)
        {
          g_string_truncate (ps->scratch, 0);
          append_text (ps->scratch, start, stop, references, FALSE);
          append_text_node (ps, element, NULL, ps->scratch->str, ps->scratch->len);
        }
      else
        append_text_node (ps, element, NULL, start, (gsize) (stop - start));
    }
  ps->p = stop < ps->end ? skip_to_gt (stop + 2, ps->end) : ps->end;
}

static void
handle_start_tag (Parser *ps, xmlNode *el, const Tag *tag, gboolean self_closing)
{
  TagId id = tag != NULL ? tag->id : T_OTHER;
  guint flags = tag != NULL ? tag->flags : 0;
  gboolean foreign;

  if (ps->body == NULL)
    {
      switch (id)
        {
        case T_HTML:
          merge_attributes (ps->html, el);
          return;
        case T_HEAD:
        case T_FRAMESET:
          return;
        case T_BODY:
          start_body (ps);
          merge_attributes (ps->body, el);
          return;
        default:
          break;
        }
      if (flags & F_HEAD)
        {
          clipper_html_append (ps->head, el);
          /* <noscript> in the head holds what scripts would not write:
           * as raw text it cannot start the body early. */
          if (flags & (F_RAWTEXT | F_RCDATA) || id == T_NOSCRIPT)
            read_raw_text (ps, el, (const char *) el->name, (flags & F_RCDATA) != 0, FALSE);
          return;
        }
      start_body (ps);
    }

  switch (id)
    {
    case T_HTML:
      merge_attributes (ps->html, el);
      return;
    case T_BODY:
      merge_attributes (ps->body, el);
      return;
    case T_HEAD:
    case T_FRAMESET:
      return;
    default:
      break;
    }

  foreign = current (ps)->foreign;
  if (foreign)
    {
      if (!(flags & F_BREAKOUT))
        {
          clipper_html_append (current (ps)->node, el);
          if (!self_closing)
            push (ps, el, tag, TRUE);
          return;
        }
      while (ps->depth > 2 && current (ps)->foreign)
        ps->depth--;
    }

  if (id == T_TABLE && foster_table (ps) != NULL)
    {
      /* A table started where a row or cell should be ends the open
       * table (HTML5): tables in tables only nest through cells. */
      int i = find_in_scope (ps, tag, SCOPE_TABLE);
      if (i >= 0)
        pop_to (ps, (guint) i);
    }
  if (flags & F_CLOSES_P)
    close_p (ps);
  switch (id)
    {
    case T_LI:
      close_list_item (ps, T_LI, T_LI);
      close_p (ps);
      break;
    case T_DD:
    case T_DT:
      close_list_item (ps, T_DD, T_DT);
      close_p (ps);
      break;
    case T_A:
      /* A link inside an open link ends it, when only inline elements
       * stand between them.  Across a block (a card wrapped in a link
       * holding a heading with its own link) HTML5 restructures to keep
       * the block's content in the block; nesting the link keeps that
       * too, and the serializer never writes an <a> inside an <a>. */
      for (guint i = ps->depth; i-- > 0;)
        {
          const Open *o = &ps->stack[i];
          if (o->tag == tag && !o->foreign)
            {
              pop_to (ps, i);
              break;
            }
          if (o->foreign || (o->tag != NULL && (o->tag->flags & F_SPECIAL)))
            break;
        }
      break;
    case T_BUTTON:
      {
        int i = find_in_scope (ps, tag, SCOPE_DEFAULT);
        if (i >= 0)
          pop_to (ps, (guint) i);
      }
      break;
    case T_OPTION:
      if (is_id (current (ps), T_OPTION))
        ps->depth--;
      break;
    case T_OPTGROUP:
      if (is_id (current (ps), T_OPTION))
        ps->depth--;
      if (is_id (current (ps), T_OPTGROUP))
        ps->depth--;
      break;
    case T_IMAGE:
      tag = lookup_tag ("img", 3);
      el->name = (const xmlChar *) tag->name;
      flags = tag->flags;
      break;
    case T_CAPTION:
    case T_COLGROUP:
    case T_COL:
    case T_TBODY:
    case T_THEAD:
    case T_TFOOT:
    case T_TR:
    case T_TD:
    case T_TH:
      if (find_in_scope (ps, tag_by_id[T_TABLE], SCOPE_TABLE) < 0)
        return;   /* table parts outside a table are ignored, as in HTML5 */
      if (id == T_TD || id == T_TH)
        {
          clear_to_table_context (ps, TRUE, TRUE);
          if (is_id (current (ps), T_TABLE))
            insert_implied (ps, T_TBODY);
          if (!is_id (current (ps), T_TR))
            insert_implied (ps, T_TR);
        }
      else if (id == T_TR)
        {
          clear_to_table_context (ps, TRUE, FALSE);
          if (is_id (current (ps), T_TABLE))
            insert_implied (ps, T_TBODY);
        }
      else if (id == T_COL)
        {
          /* A <col> belongs in a <colgroup>, implied if need be. */
          if (!is_id (current (ps), T_COLGROUP))
            {
              clear_to_table_context (ps, FALSE, FALSE);
              insert_implied (ps, T_COLGROUP);
            }
        }
      else
        clear_to_table_context (ps, FALSE, FALSE);
      break;
    default:
      if ((flags & F_HEADING) && current (ps)->tag != NULL && (current (ps)->tag->flags & F_HEADING))
        ps->depth--;
      break;
    }

  insert_node (ps, el, (flags & F_TABLE_PART) != 0);
  if (id == T_SVG || id == T_MATH)
    {
      if (!self_closing)
        push (ps, el, tag, TRUE);
      return;
    }
  if (flags & F_VOID)
    return;
  if (id == T_PLAINTEXT)
    {
      read_raw_text (ps, el, (const char *) el->name, FALSE, TRUE);
      return;
    }
  /* HTML5 drops one newline right after <pre>, <listing> and <textarea>
   * (so that markup can start the text on the next line). */
  if (tag != NULL && (strcmp (tag->name, "pre") == 0 || strcmp (tag->name, "listing") == 0 ||
                      strcmp (tag->name, "textarea") == 0))
    {
      if (ps->p < ps->end && *ps->p == '\n')
        ps->p++;
      else if (ps->end - ps->p >= 2 && ps->p[0] == '\r' && ps->p[1] == '\n')
        ps->p += 2;
      else if (ps->p < ps->end && *ps->p == '\r')
        ps->p++;
    }
  if (flags & (F_RAWTEXT | F_RCDATA))
    {
      read_raw_text (ps, el, (const char *) el->name, (flags & F_RCDATA) != 0, FALSE);
      return;
    }
  push (ps, el, tag, FALSE);
}

static void
handle_end_tag (Parser *ps, const char *name, const Tag *tag)
{
  TagId id = tag != NULL ? tag->id : T_OTHER;
  guint flags = tag != NULL ? tag->flags : 0;
  int i;

  if (ps->body == NULL)
    {
      /* Before the body only </br> (a <br>) and end tags that end the head
       * matter; the others are ignored, as in HTML5. */
      if (id != T_BR)
        return;
      start_body (ps);
    }

  if (current (ps)->foreign)
    {
      for (guint k = ps->depth; k-- > 0 && ps->stack[k].foreign;)
        if (strcmp ((const char *) ps->stack[k].node->name, name) == 0)
          {
            pop_to (ps, k);
            return;
          }
    }

  switch (id)
    {
    case T_BODY:
    case T_HTML:
    case T_HEAD:
      return;
    case T_BR:
      {
        xmlNode *br = new_node (ps->arena, ps->doc, XML_ELEMENT_NODE, tag->name);
        insert_node (ps, br, FALSE);
        return;
      }
    case T_P:
      i = find_in_scope (ps, tag, SCOPE_BUTTON);
      if (i < 0)
        {
          /* A </p> with no <p> open is an empty paragraph (HTML5). */
          insert_node (ps, new_node (ps->arena, ps->doc, XML_ELEMENT_NODE, tag->name), FALSE);
          return;
        }
      break;
    case T_LI:
      i = find_in_scope (ps, tag, SCOPE_LIST);
      break;
    case T_TABLE: case T_TBODY: case T_THEAD: case T_TFOOT: case T_TR: case T_TD: case T_TH:
    case T_CAPTION: case T_COLGROUP:
      i = find_in_scope (ps, tag, SCOPE_TABLE);
      break;
    default:
      if (flags & F_HEADING)
        {
          i = -1;
          for (guint k = ps->depth; k-- > 0;)
            {
              const Open *o = &ps->stack[k];
              if (o->tag != NULL && (o->tag->flags & F_HEADING) && !o->foreign)
                {
                  i = (int) k;
                  break;
                }
              if (bounds_scope (o, SCOPE_DEFAULT))
                break;
            }
        }
      else if (flags & (F_BLOCK_END | F_FORMATTING) || id == T_DD || id == T_DT)
        i = find_in_scope (ps, tag, SCOPE_DEFAULT);
      else
        {
          /* Any other end tag closes the element if it is open above
           * every special element (HTML5's rule). */
          i = -1;
          for (guint k = ps->depth; k-- > 0;)
            {
              const Open *o = &ps->stack[k];
              if (tag != NULL ? o->tag == tag : (o->tag == NULL && strcmp ((const char *) o->node->name, name) == 0))
                {
                  i = (int) k;
                  break;
                }
              if (o->tag != NULL && (o->tag->flags & F_SPECIAL))
                break;
            }
        }
      break;
    }
  if (i >= 0)
    pop_to (ps, (guint) i);
}

/* Reads a tag name at @p (its first character is an ASCII letter) into
 * @buf, lower case; returns its end. */
static const char *
read_tag_name (Parser *ps, const char *p, GString *buf)
{
  const char *start = p;

  while (p < ps->end && !is_html_space (*p) && *p != '/' && *p != '>')
    p++;
  g_string_truncate (buf, 0);
  g_string_append_len (buf, start, p - start);
  for (gsize i = 0; i < buf->len; i++)
    buf->str[i] = g_ascii_tolower (buf->str[i]);
  return p;
}

static void
parse (Parser *ps)
{
  GString *name = g_string_sized_new (32);

  while (ps->p < ps->end)
    {
      const char *p = ps->p;
      const char *lt = memchr (p, '<', (gsize) (ps->end - p));
      const char *q;

      if (lt == NULL)
        lt = ps->end;
      if (lt > p)
        {
          if (memchr (p, '&', (gsize) (lt - p)) == NULL && memchr (p, '\r', (gsize) (lt - p)) == NULL)
            g_string_append_len (ps->text, p, lt - p);
          else
            append_text (ps->text, p, lt, TRUE, FALSE);
        }
      if (lt >= ps->end)
        {
          ps->p = ps->end;
          break;
        }
      q = lt + 1;
      if (q < ps->end && g_ascii_isalpha (*q))
        {
          const Tag *tag;
          xmlNode *el;
          gboolean self_closing;
          const char *after;

          q = read_tag_name (ps, q, name);
          tag = lookup_tag (name->str, name->len);
          /* Past the element budget only text is kept. */
          el = NULL;
          if (ps->n_elements < CLIPPER_HTML_MAX_ELEMENTS)
            {
              ps->n_elements++;
              el = new_node (ps->arena, ps->doc, XML_ELEMENT_NODE,
                             tag != NULL ? tag->name : arena_strndup (ps->arena, name->str, name->len));
            }
          after = read_attributes (ps, el, q, &self_closing);
          if (after == NULL)
            {
              ps->p = ps->end;   /* a tag cut off by the end of the input */
              break;
            }
          ps->p = after;
          if (el == NULL)
            {
              /* A raw-text element's content is still not markup. */
              if (tag != NULL && (tag->flags & (F_RAWTEXT | F_RCDATA)))
                read_raw_text (ps, NULL, tag->name, FALSE, FALSE);
              continue;
            }
          flush_text (ps);
          handle_start_tag (ps, el, tag, self_closing);
          continue;
        }
      if (q < ps->end && *q == '/')
        {
          q++;
          if (q < ps->end && g_ascii_isalpha (*q))
            {
              gboolean self_closing;
              const char *after;

              q = read_tag_name (ps, q, name);
              after = read_attributes (ps, NULL, q, &self_closing);
              if (after == NULL)
                {
                  ps->p = ps->end;
                  break;
                }
              flush_text (ps);
              ps->p = after;
              handle_end_tag (ps, name->str, lookup_tag (name->str, name->len));
              continue;
            }
          /* "</>" is nothing, "</3" a bogus comment. */
          ps->p = (q < ps->end && *q == '>') ? q + 1 : skip_to_gt (q, ps->end);
          continue;
        }
      if (q < ps->end && *q == '!')
        {
          if (ps->end - q >= 3 && q[1] == '-' && q[2] == '-')
            {
              const char *c = q + 3;

              /* "<!-->" and "<!--->" are whole comments. */
              if (c < ps->end && *c == '>')
                ps->p = c + 1;
              else if (ps->end - c >= 2 && c[0] == '-' && c[1] == '>')
                ps->p = c + 2;
              else
                {
                  const char *close = NULL;

                  for (const char *s = c; (s = memchr (s, '-', (gsize) (ps->end - s))) != NULL; s++)
                    if (ps->end - s >= 3 && s[1] == '-' && (s[2] == '>' || (s[2] == '!' && ps->end - s >= 4 && s[3] == '>')))
                      {
                        close = s + (s[2] == '>' ? 3 : 4);
                        break;
                      }
                  ps->p = close != NULL ? close : ps->end;
                }
              continue;
            }
          ps->p = skip_to_gt (q, ps->end);   /* doctype, CDATA, bogus comments */
          continue;
        }
      if (q < ps->end && *q == '?')
        {
          ps->p = skip_to_gt (q, ps->end);
          continue;
        }
      /* A '<' that starts nothing is text. */
      g_string_append_c (ps->text, '<');
      ps->p = q;
    }
  flush_text (ps);
  start_body (ps);
  g_string_free (name, TRUE);
}

/**
 * clipper_html_parse:
 * @html: (array length=length): valid UTF-8 without NUL bytes
 * @length: its size in bytes
 * @base_url: (nullable): stored as the document's URL
 *
 * Parses a page into a tree of libxml2 structures held in one arena:
 * always an `html` element with a `head` and a `body`.
 *
 * Returns: (transfer full): the document; free it with
 *   clipper_html_doc_free(), never xmlFreeDoc().
 */
xmlDoc *
clipper_html_parse (const char *html, gsize length, const char *base_url)
{
  Arena *arena;
  Parser ps = { 0 };
  xmlDoc *doc;

  init_tags ();
  arena = g_new0 (Arena, 1);
  arena->next_size = ARENA_FIRST_CHUNK;
  /* Pages are mostly markup: about one node per 40 bytes of input. */
  while (arena->next_size < length * 4 && arena->next_size < ARENA_MAX_CHUNK)
    arena->next_size *= 2;
  doc = arena_alloc (arena, sizeof (xmlDoc));
  doc->type = XML_HTML_DOCUMENT_NODE;
  doc->doc = doc;
  doc->_private = arena;
  if (base_url != NULL)
    doc->URL = (const xmlChar *) arena_strndup (arena, base_url, strlen (base_url));

  ps.arena = arena;
  ps.doc = doc;
  ps.stack = g_new (Open, CLIPPER_HTML_MAX_DEPTH);
  ps.text = g_string_sized_new (1024);
  ps.scratch = g_string_sized_new (256);
  ps.p = html;
  ps.end = html + length;
  ps.html = new_node (arena, doc, XML_ELEMENT_NODE, tag_by_id[T_HTML]->name);
  ps.html->parent = (xmlNode *) doc;
  doc->children = doc->last = ps.html;
  ps.head = new_node (arena, doc, XML_ELEMENT_NODE, tag_by_id[T_HEAD]->name);
  clipper_html_append (ps.html, ps.head);
  ps.stack[ps.depth++] = (Open) { ps.html, tag_by_id[T_HTML], FALSE };

  parse (&ps);

  g_free (ps.stack);
  g_string_free (ps.text, TRUE);
  g_string_free (ps.scratch, TRUE);
  return doc;
}

void
clipper_html_doc_free (xmlDoc *doc)
{
  if (doc != NULL)
    arena_free (doc_arena (doc));
}
