/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sanitizing serializer: writes an article subtree as HTML made only of
 * allow-listed elements and attributes, and at the same time the article's
 * text (the concatenation of the text nodes written).
 *
 * The HTML is shaped so that a browser's HTML5 parser and ours
 * (clipper-html-parser.c) build the same tree from it, hence the same
 * text: a <p> holding a block becomes a
 * <div>, list items and table parts only appear where they are allowed
 * (otherwise they become <div>s), rows sit in an explicit <tbody>, tables
 * that would be "foster-parented" are written as <div>s, no <a> nests in
 * an <a>, <pre> never starts with a newline (HTML5 drops one), and white
 * space is not written where either parser would drop or move it.
 *
 * Blocks are kept apart in the text: a newline is written between two
 * blocks (paragraphs, headings, list items, table cells…) and after a <br>
 * when the page had no white space there, as minified pages do not.  The
 * text is the DOM's textContent, which a browser does not break at block
 * edges, so without it "Introduction" + "Memory is…" became the word
 * "IntroductionMemory" to search, exports and word counts.  Inside <pre>,
 * a <br> or a block becomes the newline it shows as.
 */
#define G_LOG_DOMAIN "clipper-extract"

#include "clipper-extract-private.h"

#include <string.h>

/* Beyond this depth elements are flattened to their text: WebKit caps DOM
 * depth at 512 and restructures deeper trees, libxml2 at 256. */
#define MAX_DEPTH 200

typedef enum {
  ACT_UNWRAP,   /* write the children only */
  ACT_DROP,     /* write nothing */
  ACT_KEEP,     /* write the element (maybe renamed) */
} Action;

typedef struct {
  const char *parent;   /* tag of the nearest written ancestor */
  gboolean    in_a;
  gboolean    in_heading;
  gboolean    in_pre;
  gboolean    in_math;
  int         depth;
} Ctx;

void
clipper_serializer_init (ClipperSerializer *ser, const char *base_url)
{
  memset (ser, 0, sizeof *ser);
  ser->html = g_string_new (NULL);
  ser->text = g_string_new (NULL);
  ser->images = g_ptr_array_new_with_free_func (g_free);
  ser->image_set = g_hash_table_new (g_str_hash, g_str_equal);
  ser->image_fallbacks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ser->inline_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  ser->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ser->written_ids = g_hash_table_new (g_str_hash, g_str_equal);
  ser->base_url = base_url;
}

void
clipper_serializer_clear (ClipperSerializer *ser)
{
  if (ser->html != NULL)
    g_string_free (ser->html, TRUE);
  if (ser->text != NULL)
    g_string_free (ser->text, TRUE);
  g_clear_pointer (&ser->image_set, g_hash_table_unref);
  g_clear_pointer (&ser->images, g_ptr_array_unref);
  g_clear_pointer (&ser->image_fallbacks, g_hash_table_unref);
  g_clear_pointer (&ser->inline_images, g_hash_table_unref);
  g_clear_pointer (&ser->written_ids, g_hash_table_unref);
  g_clear_pointer (&ser->targets, g_hash_table_unref);
  g_clear_pointer (&ser->page_url, g_free);
  ser->html = ser->text = NULL;
}

static gboolean
tag_in (const char *tag, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (clipper_str_eq (tag, list[i]))
      return TRUE;
  return FALSE;
}

static const char *const dropped_tags[] = {
  "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "param",
  "input", "textarea", "select", "option", "optgroup", "datalist", "button", "svg", "canvas",
  "video", "audio", "track", "head", "title", "meta", "link", "base", "frame", "frameset",
  "noembed", "noframes", "xmp", "plaintext", "map", "area", "colgroup", "col",
  "portal", "dialog", "menu", "nav", "aside", "footer", "output", "progress", "meter", NULL
};

static const char *const kept_tags[] = {
  "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q",
  "cite", "figure", "figcaption", "pre", "code", "kbd", "samp", "var", "table", "caption",
  "thead", "tbody", "tfoot", "tr", "td", "th", "a", "img", "br", "hr", "wbr", "em", "strong",
  "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "time", "section",
  "address", "div", "dfn", "math", NULL
};

/* MathML as MathML Core has it, which WebKit draws: unwrapped to its
 * text, x² read "x 2" and the quadratic formula a run of symbols (QA-m
 * 2).  An <maction> is written as its first child, the one shown; a
 * <semantics> holds its first child only, as its <annotation>s (TeX, say)
 * are not shown.  Any other element in a formula becomes an <mrow>, which
 * keeps its place among the children an <msup> or an <mfrac> counts. */
static const char *const math_tags[] = {
  "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "msup", "msub", "msubsup", "mfrac",
  "msqrt", "mroot", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none",
  "mstyle", "mpadded", "mphantom", "merror", "mtable", "mtr", "mtd", "semantics", NULL
};

/* Token elements, which hold text.  In a browser they take HTML too (they
 * are "integration points"), where our parser leaves the formula: what
 * they hold is written as its text, so that both read the same tree. */
static const char *const math_token_tags[] = {
  "mi", "mn", "mo", "ms", "mtext", NULL
};

/* Elements that end an open <p> in HTML5 (and that libxml2 closes <p> for):
 * a <p> holding one of them is written as a <div>. */
static const char *const block_tags[] = {
  "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
  "dl", "dd", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
  "section", "summary", "table", "ul", "listing", "xmp", "plaintext", "caption", "tr", "td",
  "th", "tbody", "thead", "tfoot", "legend", "object", NULL
};

/* Decides what to write for @node: returns the action and the tag. */
static Action
classify (xmlNode *node, const char **out_tag)
{
  const char *name = (const char *) node->name;
  static const struct { const char *from, *to; } renames[] = {
    { "h1", "h2" }, { "article", "div" }, { "main", "div" }, { "header", "div" },
    { "center", "div" }, { "details", "div" }, { "summary", "div" }, { "hgroup", "div" },
    { "fieldset", "div" }, { "legend", "div" }, { "tt", "code" }, { "strike", "s" },
    { "listing", "pre" }, { "dir", "ul" }, { "form", "div" },
  };

  *out_tag = NULL;
  if (node->type != XML_ELEMENT_NODE || name == NULL)
    return ACT_DROP;
  if (tag_in (name, dropped_tags))
    return ACT_DROP;
  for (guint i = 0; i < G_N_ELEMENTS (renames); i++)
    if (clipper_str_eq (name, renames[i].from))
      {
        *out_tag = renames[i].to;
        return ACT_KEEP;
      }
  if (tag_in (name, kept_tags))
    {
      *out_tag = name;
      return ACT_KEEP;
    }
  return ACT_UNWRAP;
}

static gboolean is_ignorable (xmlNode *n);

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
contains_ci (const char *haystack, const char *needle)
{
  g_autofree char *lower = NULL;

  if (haystack == NULL)
    return FALSE;
  lower = g_ascii_strdown (haystack, -1);
  return strstr (lower, needle) != NULL;
}

/* Whether a <code> outside <pre> is code the page shows as a block of
 * lines: its style says white-space: pre (or pre-wrap, pre-line), or it
 * holds a line break between two lines of text and either stands alone
 * in its parent or carries a code highlighter's class.  Such code is
 * written inside a <pre>, so the reader shows its lines as the page did
 * and its white space is kept; a <code> in a sentence whose source merely
 * wrapped is collapsed like the words around it. */
static gboolean
code_is_block (xmlNode *code)
{
  static const char *const classes[] = { "highlight", "hljs", "language-", "lang-", "sourcecode",
                                         "prettyprint", "code-block", "codeblock", "syntax", NULL };
  const char *style = clipper_dom_attr (code, "style");
  const char *klass;
  g_autofree char *text = NULL;
  const char *start, *end;

  if (style != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (style, -1);
      const char *ws = strstr (lower, "white-space");

      if (ws != NULL && strstr (ws, "pre") != NULL)
        return TRUE;
    }
  text = clipper_dom_inner_text (code, FALSE);
  for (start = text; is_space (*start); start++)
    ;
  end = start + strlen (start);
  while (end > start && is_space (end[-1]))
    end--;
  if (memchr (start, '\n', end - start) == NULL)
    return FALSE;
  klass = clipper_dom_attr (code, "class");
  for (guint i = 0; classes[i] != NULL; i++)
    if (contains_ci (klass, classes[i]) || (code->parent != NULL &&
                                             contains_ci (clipper_dom_attr (code->parent, "class"), classes[i])))
      return TRUE;
  if (code->parent == NULL)
    return FALSE;
  for (xmlNode *c = code->parent->children; c != NULL; c = c->next)
    if (c != code && !is_ignorable (c))
      return FALSE;
  return TRUE;
}

/* The programming language a <pre> or <code> names by its class, as code
 * highlighters and Markdown renderers write it ("language-python",
 * "lang-rust"), or NULL: kept on the element as class="language-…", so
 * that the Markdown export writes a quote of the code as code in that
 * language.  Only a name a Markdown fence can hold as it is. */
static char *
code_language (xmlNode *node)
{
  const char *klass = clipper_dom_attr (node, "class");
  g_auto (GStrv) words = klass != NULL ? g_strsplit_set (klass, " \t\n\r\f", -1) : NULL;

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      const char *name = g_str_has_prefix (words[i], "language-") ? words[i] + strlen ("language-")
                         : g_str_has_prefix (words[i], "lang-") ? words[i] + strlen ("lang-") : NULL;
      gboolean ok = name != NULL && *name != '\0' && strlen (name) <= 32;

      for (const char *p = name; ok && *p != '\0'; p++)
        ok = g_ascii_isalnum (*p) || strchr ("+#._-", *p) != NULL;
      if (ok)
        return g_ascii_strdown (name, -1);
    }
  return NULL;
}

static gboolean
has_block_descendant (xmlNode *node)
{
  xmlNode *n = node->children;

  while (n != NULL)
    {
      gboolean skip = FALSE;

      if (n->type == XML_ELEMENT_NODE)
        {
          if (tag_in ((const char *) n->name, block_tags) ||
              (clipper_dom_is (n, "code") && code_is_block (n)))
            return TRUE;
          skip = tag_in ((const char *) n->name, dropped_tags);
        }
      n = clipper_dom_next (n, node, skip);
    }
  return FALSE;
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f')
      return FALSE;
  return TRUE;
}

static gboolean
is_ignorable (xmlNode *n)
{
  if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
    return TRUE;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
    return is_blank ((const char *) n->content);
  if (n->type == XML_ELEMENT_NODE)
    return tag_in ((const char *) n->name, dropped_tags);
  return TRUE;
}

static gboolean
row_is_regular (xmlNode *tr)
{
  for (xmlNode *c = tr->children; c != NULL; c = c->next)
    {
      if (is_ignorable (c))
        continue;
      if (!clipper_dom_is (c, "td") && !clipper_dom_is (c, "th"))
        return FALSE;
    }
  return TRUE;
}

/* A table whose every piece sits where HTML5 expects it: otherwise the
 * browser would move ("foster-parent") stray content out of it. */
static gboolean
table_is_regular (xmlNode *table)
{
  for (xmlNode *c = table->children; c != NULL; c = c->next)
    {
      if (is_ignorable (c) || clipper_dom_is (c, "caption"))
        continue;
      if (clipper_dom_is (c, "thead") || clipper_dom_is (c, "tbody") || clipper_dom_is (c, "tfoot"))
        {
          for (xmlNode *r = c->children; r != NULL; r = r->next)
            {
              if (is_ignorable (r))
                continue;
              if (!clipper_dom_is (r, "tr") || !row_is_regular (r))
                return FALSE;
            }
          continue;
        }
      if (clipper_dom_is (c, "tr") && row_is_regular (c))
        continue;
      return FALSE;
    }
  return TRUE;
}

static void
append_escaped (GString *out, const char *s, gboolean attribute)
{
  for (; *s != '\0'; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        default: g_string_append_c (out, *s); break;
        }
    }
}

/* Text as both parsers will read it back: CR/LF normalized, no control
 * characters or non-characters (libxml2 rejects them), no soft hyphens. */
static char *
clean_text (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  while (*s != '\0')
    {
      guchar b = (guchar) *s;

      if (b < 0x80)
        {
          if (b == '\r')
            {
              g_string_append_c (out, '\n');
              if (s[1] == '\n')
                s++;
            }
          else if (b >= 0x20 || b == '\t' || b == '\n')
            {
              if (b != 0x7f)
                g_string_append_c (out, (char) b);
            }
          else if (b == '\f')
            g_string_append_c (out, ' ');
          s++;
          continue;
        }
      {
        gunichar c = g_utf8_get_char_validated (s, -1);
        if (c == (gunichar) -1 || c == (gunichar) -2)
          {
            g_string_append (out, "\xef\xbf\xbd");
            s++;
            continue;
          }
        /* A soft hyphen shows only where a line breaks at it: kept, it
         * splits the word in quotes, exports and searches. */
        if (!((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE || (c >= 0x80 && c <= 0x9F) ||
              c == 0xAD))
          g_string_append_len (out, s, g_utf8_next_char (s) - s);
        s = g_utf8_next_char (s);
      }
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  ClipperSerializer *ser;
  gboolean pre_start;   /* just wrote <pre>: leading newlines would vanish in HTML5 */
  gboolean after_img;   /* an image since the last text: a space after it shows */
} State;

/* Outside <pre>, a browser shows a run of white space as one space, and
 * none at the start of a line: the page's indentation and source line
 * breaks are not on screen.  They were in the text, though (textContent
 * keeps them), so a selection across a source line break became a quote
 * with a newline and 32 spaces in it.  Writes @text so collapsed, in the
 * HTML and the text alike, leaving out a run that follows white space
 * already written (a run split by inline tags, "a <b> b</b>", shows as
 * one space too). */
static void
append_collapsed (State *st, const char *text)
{
  GString *out = st->ser->text;
  GString *collapsed = g_string_sized_new (strlen (text));
  gboolean space = !st->after_img && (out->len == 0 || is_space (out->str[out->len - 1]));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!is_space (*p))
        {
          g_string_append_c (collapsed, *p);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (collapsed, ' ');
          space = TRUE;
        }
    }
  if (collapsed->len > 0)
    {
      append_escaped (st->ser->html, collapsed->str, FALSE);
      g_string_append_len (out, collapsed->str, collapsed->len);
      st->after_img = FALSE;
    }
  g_string_free (collapsed, TRUE);
}

static void
emit_text (State *st, const char *raw, Ctx *ctx)
{
  g_autofree char *text = NULL;
  const char *p;

  if (raw == NULL || *raw == '\0')
    return;
  text = clean_text (raw);
  p = text;
  if (is_blank (p))
    {
      /* White space between table parts and list items is moved or
       * dropped by the parsers: never write it there. */
      if (ctx->parent == NULL ||
          tag_in (ctx->parent, (const char *const[]) { "table", "thead", "tbody", "tfoot", "tr",
                                                       "ul", "ol", "dl", NULL }))
        return;
    }
  if (!ctx->in_pre)
    {
      append_collapsed (st, p);
      return;
    }
  if (st->pre_start)
    {
      while (*p == '\n')
        p++;
      if (*p == '\0')
        return;
      st->pre_start = FALSE;
    }
  append_escaped (st->ser->html, p, FALSE);
  g_string_append (st->ser->text, p);
  st->after_img = FALSE;
}

/* A newline, in the HTML and in the text alike. */
static void
write_newline (State *st)
{
  g_string_append_c (st->ser->html, '\n');
  g_string_append_c (st->ser->text, '\n');
}

/* Takes back a collapsed space written last, in the HTML and the text,
 * where a line ends: a browser does not show it there. */
static void
drop_trailing_space (State *st)
{
  GString *html = st->ser->html;
  GString *text = st->ser->text;

  if (text->len > 0 && text->str[text->len - 1] == ' ' &&
      html->len > 0 && html->str[html->len - 1] == ' ')
    {
      g_string_truncate (text, text->len - 1);
      g_string_truncate (html, html->len - 1);
    }
}

/* Ends the text so far with white space, so that what follows is a new
 * word: a newline, unless it ends with white space already. */
static void
separate (State *st, const Ctx *ctx)
{
  GString *text = st->ser->text;
  char last;

  if (ctx->in_pre || text->len == 0)
    return;
  drop_trailing_space (st);
  if (text->len == 0)
    return;
  last = text->str[text->len - 1];
  if (last == ' ' || last == '\n' || last == '\t')
    return;
  write_newline (st);
}

/* Inside <pre>: starts a new line, as a block or a <br> there shows one.
 * Not at the very start of the <pre>, where HTML5 drops a newline. */
static void
pre_newline (State *st)
{
  GString *text = st->ser->text;

  if (st->pre_start || text->len == 0 || text->str[text->len - 1] == '\n')
    return;
  write_newline (st);
}

static void
emit_attr (GString *out, const char *name, const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static gboolean
is_digits (const char *s, gboolean allow_sign)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  if (allow_sign && *s == '-')
    s++;
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

char *
clipper_resolve_url (const char *base_url, const char *url)
{
  g_autofree char *trimmed = NULL;
  char *resolved;

  if (url == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (url));
  if (*trimmed == '\0')
    return NULL;
  if (g_str_has_prefix (trimmed, "//") && base_url == NULL)
    return g_strconcat ("https:", trimmed, NULL);
  if (base_url == NULL)
    {
      if (g_uri_peek_scheme (trimmed) != NULL)
        return g_steal_pointer (&trimmed);
      return g_steal_pointer (&trimmed);
    }
  {
    const GUriFlags flags = G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED;
    g_autoptr(GUri) base = g_uri_parse (base_url, flags, NULL);
    g_autoptr(GUri) uri = NULL;
    const char *path;

    if (base == NULL)
      return g_steal_pointer (&trimmed);
    uri = g_uri_parse_relative (base, trimmed, flags, NULL);
    if (uri == NULL)
      return NULL;
    /* A host with a path that is not absolute (from a hostile base such
     * as "https://a;b/x") cannot be written back: GLib would complain
     * loudly.  Such a URL is no use to anyone: drop it. */
    path = g_uri_get_path (uri);
    if (g_uri_get_host (uri) != NULL && path[0] != '\0' && path[0] != '/')
      return NULL;
    resolved = g_uri_to_string (uri);
  }
  return resolved;
}

static gboolean
url_scheme_is (const char *url, const char *const *schemes)
{
  const char *scheme = g_uri_peek_scheme (url);

  /* No scheme: a relative URL left as it is because there is no base.
   * It cannot smuggle javascript: in, and is harmless to keep. */
  if (scheme == NULL)
    {
      /* Browsers drop tabs and newlines inside URLs ("java\nscript:"):
       * refuse any control character, and any colon before the path. */
      for (const char *p = url; *p != '\0'; p++)
        {
          if ((guchar) *p < 0x20 || *p == 0x7f)
            return FALSE;
          if (*p == '/' || *p == '?' || *p == '#')
            break;
          if (*p == ':')
            return FALSE;
        }
      return TRUE;
    }
  return tag_in (scheme, schemes);
}

/* The ids a link of the article leads to are kept, with this prefix, and
 * the links to them get it too.  Unprefixed, an article's id could stand
 * for the reader page's own elements ("clipper-article", which the page
 * script looks up) or, as a named property of window, for a global of a
 * script (DOM clobbering); a name with a '-' is no JavaScript identifier,
 * and no id of the reader page begins with it. */
#define ID_PREFIX "article-"

/* An id a browser would take: no white space (nor control characters),
 * and not so long that it is surely no anchor. */
static gboolean
id_is_sane (const char *id)
{
  gsize len = 0;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++, len++)
    if ((guchar) *p <= 0x20 || *p == 0x7f || len >= 256)
      return FALSE;
  return TRUE;
}

/* The fragment (as written) of @href when it leads to a place on this
 * page (@page_url, resolved against @base_url, may be NULL): "#…", or the
 * page's own address with a "#…" (Wikipedia writes some so); else NULL. */
char *
clipper_dup_own_fragment (const char *base_url, const char *page_url, const char *href)
{
  g_autofree char *abs = NULL;
  const char *hash;
  gsize len;

  while (*href == ' ' || *href == '\t' || *href == '\n')
    href++;
  if (*href == '#')
    return g_strdup (href + 1);
  /* (Most links have no fragment: no need to resolve them here.) */
  if (page_url == NULL || strchr (href, '#') == NULL ||
      (abs = clipper_resolve_url (base_url, href)) == NULL ||
      (hash = strchr (abs, '#')) == NULL)
    return NULL;
  len = strcspn (page_url, "#");
  if ((gsize) (hash - abs) != len || strncmp (abs, page_url, len) != 0)
    return NULL;
  return g_strdup (hash + 1);
}

/* The id among @ids that @fragment names, as a browser finds it: as
 * written, or else percent-decoded; NULL for none. */
static const char *
fragment_target (GHashTable *ids, const char *fragment)
{
  g_autofree char *decoded = NULL;
  gpointer key;

  if (g_hash_table_lookup_extended (ids, fragment, &key, NULL))
    return key;
  decoded = g_uri_unescape_string (fragment, NULL);
  if (decoded != NULL && g_hash_table_lookup_extended (ids, decoded, &key, NULL))
    return key;
  return NULL;
}

/* Every id of a page gets the prefix, one that has it already too: a
 * page's "article-fn1" and "fn1" stay two ids.  Only our own HTML,
 * serialized again (clipper_extraction_rewrite_images()), has it
 * already, and says so. */
static char *
dup_prefixed (ClipperSerializer *ser, const char *id)
{
  if (ser->own_html)
    return g_strdup (id);
  return g_strconcat (ID_PREFIX, id, NULL);
}

static char *
safe_link (ClipperSerializer *ser, const char *href)
{
  static const char *const ok[] = { "http", "https", "mailto", "ftp", "tel", NULL };
  g_autofree char *abs = NULL;
  g_autofree char *fragment = NULL;

  if (href == NULL)
    return NULL;
  while (*href == ' ' || *href == '\t' || *href == '\n')
    href++;
  fragment = clipper_dup_own_fragment (ser->base_url, ser->page_url, href);
  if (fragment != NULL && fragment_target (ser->targets, fragment) != NULL)
    {
      g_autofree char *prefixed = dup_prefixed (ser, fragment);
      return g_strconcat ("#", prefixed, NULL);
    }
  /* A "#…" that leads nowhere in the article (a lightbox's "#img-2", the
   * site's menu) would be a link that does nothing: its words stay, as
   * text. */
  if (*href == '#')
    return NULL;
  abs = clipper_resolve_url (ser->base_url, href);
  if (abs == NULL || !url_scheme_is (abs, ok))
    return NULL;
  return g_steal_pointer (&abs);
}

/* The id of @node that a link of the article leads to (an <a name> too),
 * not yet written; NULL for none. */
static const char *
target_id (ClipperSerializer *ser, xmlNode *node)
{
  static const char *const attrs[] = { "id", "name" };

  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    {
      const char *v = clipper_dom_attr (node, attrs[i]);
      gpointer key;

      if (i == 1 && !clipper_dom_is (node, "a"))
        break;
      if (v != NULL && g_hash_table_lookup_extended (ser->targets, v, &key, NULL) &&
          !g_hash_table_contains (ser->written_ids, key))
        return key;
    }
  return NULL;
}

/* Finds the ids of @root's elements that its links lead to (see
 * target_id()), before any link is written. */
static void
collect_targets (ClipperSerializer *ser, xmlNode *root)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func (g_free);
  const char *tag;

  for (xmlNode *n = clipper_dom_next (root, root, FALSE); n != NULL;)
    {
      gboolean skip = n->type == XML_ELEMENT_NODE && classify (n, &tag) == ACT_DROP;

      if (n->type == XML_ELEMENT_NODE && !skip)
        {
          const char *v = clipper_dom_attr (n, "id");

          if (id_is_sane (v))
            g_hash_table_add (ids, (gpointer) v);
          if (clipper_dom_is (n, "a"))
            {
              char *fragment;

              if (id_is_sane ((v = clipper_dom_attr (n, "name"))))
                g_hash_table_add (ids, (gpointer) v);
              if ((v = clipper_dom_attr (n, "href")) != NULL &&
                  (fragment = clipper_dup_own_fragment (ser->base_url, ser->page_url, v)) != NULL)
                g_ptr_array_add (fragments, fragment);
            }
        }
      n = clipper_dom_next (n, root, skip);
    }
  for (guint i = 0; i < fragments->len; i++)
    {
      const char *id = fragment_target (ids, g_ptr_array_index (fragments, i));

      if (id != NULL && !g_hash_table_contains (ser->targets, id))
        g_hash_table_add (ser->targets, g_strdup (id));
    }
}

static gboolean
looks_like_image_url (const char *v)
{
  g_autofree char *lower = NULL;
  const char *exts[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", NULL };

  if (v == NULL || strchr (v, ' ') != NULL || strchr (v, '<') != NULL)
    return FALSE;
  lower = g_ascii_strdown (v, -1);
  for (guint i = 0; exts[i]; i++)
    {
      const char *e = strstr (lower, exts[i]);
      if (e != NULL)
        {
          char after = e[strlen (exts[i])];
          if (after == '\0' || after == '?' || after == '#' || after == '&')
            return TRUE;
        }
    }
  return FALSE;
}

/* The width at which the reader shows an image without a width of its
 * own: its column is about 700 CSS pixels wide. */
#define COLUMN_WIDTH 700

typedef struct {
  char   *url;
  double  width;     /* the "w" descriptor, or 0 */
  double  density;   /* the "x" descriptor; 1 when neither is given */
} SrcsetCandidate;

static void
srcset_candidate_clear (gpointer data)
{
  g_free (((SrcsetCandidate *) data)->url);
}

/* The candidates of a srcset, as the HTML standard parses them: a URL runs
 * to the next space (so "w_400,c_fill/a.jpg 400w" keeps its commas), and
 * its descriptors to the next comma outside parentheses. */
static GArray *
parse_srcset (const char *srcset)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (SrcsetCandidate));
  const char *p = srcset;

  g_array_set_clear_func (out, srcset_candidate_clear);
  while (p != NULL && *p != '\0')
    {
      SrcsetCandidate c = { NULL, 0, 1 };
      const char *start;
      gsize len;
      gboolean bad = FALSE;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      len = p - start;
      if (start[len - 1] == ',')
        {
          /* "a.jpg, b.jpg 2x": no descriptors. */
          while (len > 0 && start[len - 1] == ',')
            len--;
        }
      else
        {
          /* Descriptors up to the comma that ends this candidate. */
          int depth = 0;

          while (*p != '\0' && (depth > 0 || *p != ','))
            {
              const char *d;
              char *end = NULL;
              double v;

              while (g_ascii_isspace (*p))
                p++;
              d = p;
              while (*p != '\0' && !g_ascii_isspace (*p) && (depth > 0 || *p != ','))
                {
                  depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
                  p++;
                }
              if (p == d)
                continue;
              v = g_ascii_strtod (d, &end);
              if (end == p - 1 && (*end == 'w' || *end == 'W') && v >= 1)
                c.width = v;
              else if (end == p - 1 && (*end == 'x' || *end == 'X') && v > 0)
                c.density = v;
              else if (end == p - 1 && (*end == 'h' || *end == 'H'))
                ;  /* a future height descriptor: not ours to judge */
              else
                bad = TRUE;
            }
        }
      if (len > 0 && !bad && g_ascii_strncasecmp (start, "data:", 5) != 0)
        {
          c.url = g_strndup (start, len);
          g_array_append_val (out, c);
        }
    }
  return out;
}

/* The candidate of @srcset a browser would load on a display of two
 * device pixels per CSS pixel (most laptops GNOME runs on), for an image
 * shown @display_width CSS pixels wide (0: unknown, as wide as the
 * reader's column): the smallest one at least twice that wide, else the
 * largest.  With densities ("1x, 2x") the same by density.  A saved
 * article is read offline at any size, so one sharp copy is stored
 * rather than the page's 1x fallback. */
char *
clipper_pick_srcset (const char *srcset, guint display_width)
{
  g_autoptr(GArray) cands = parse_srcset (srcset);
  double want_width = 2.0 * (display_width > 0 ? MIN (display_width, COLUMN_WIDTH) : COLUMN_WIDTH);
  gboolean by_width = FALSE;
  const SrcsetCandidate *best = NULL;

  for (guint i = 0; i < cands->len; i++)
    by_width |= g_array_index (cands, SrcsetCandidate, i).width > 0;
  for (guint i = 0; i < cands->len; i++)
    {
      const SrcsetCandidate *c = &g_array_index (cands, SrcsetCandidate, i);
      double size = by_width ? c->width : c->density;
      double want = by_width ? want_width : 2.0;
      double best_size;

      if (by_width && c->width <= 0)
        continue;
      if (best == NULL)
        {
          best = c;
          continue;
        }
      best_size = by_width ? best->width : best->density;
      /* Big enough beats too small; among big enough the smaller, among
       * too small the larger. */
      if (size >= want ? (best_size < want || size < best_size) : (best_size < want && size > best_size))
        best = c;
    }
  return best != NULL ? g_strdup (best->url) : NULL;
}

/* Reads a picture's size from its header: PNG, GIF, JPEG, WebP.
 * Returns its type, or NULL for anything else. */
static const char *
image_header (const guchar *d, gsize len, guint *w, guint *h)
{
  if (len >= 24 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      *w = (guint) d[16] << 24 | (guint) d[17] << 16 | (guint) d[18] << 8 | d[19];
      *h = (guint) d[20] << 24 | (guint) d[21] << 16 | (guint) d[22] << 8 | d[23];
      return "image/png";
    }
  if (len >= 10 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    {
      *w = d[6] | (guint) d[7] << 8;
      *h = d[8] | (guint) d[9] << 8;
      return "image/gif";
    }
  if (len >= 30 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    {
      if (memcmp (d + 12, "VP8 ", 4) == 0)
        {
          *w = (d[26] | (guint) d[27] << 8) & 0x3fff;
          *h = (d[28] | (guint) d[29] << 8) & 0x3fff;
        }
      else if (memcmp (d + 12, "VP8L", 4) == 0)
        {
          *w = 1 + (((guint) (d[22] & 0x3f) << 8) | d[21]);
          *h = 1 + (((guint) (d[24] & 0x0f) << 10) | (guint) d[23] << 2 | (d[22] & 0xc0) >> 6);
        }
      else if (memcmp (d + 12, "VP8X", 4) == 0)
        {
          *w = 1 + (d[24] | (guint) d[25] << 8 | (guint) d[26] << 16);
          *h = 1 + (d[27] | (guint) d[28] << 8 | (guint) d[29] << 16);
        }
      else
        return NULL;
      return "image/webp";
    }
  if (len >= 4 && d[0] == 0xff && d[1] == 0xd8)
    {
      gsize i = 2;

      /* The first frame header (SOF0–SOF15 but DHT, JPG and DAC). */
      while (i + 4 <= len)
        {
          guchar m;
          gsize seg;

          if (d[i] != 0xff)
            return NULL;
          m = d[i + 1];
          if (m == 0xff)
            {
              i++;
              continue;
            }
          if (m == 0x01 || (m >= 0xd0 && m <= 0xd9))
            {
              i += 2;
              continue;
            }
          seg = (gsize) d[i + 2] << 8 | d[i + 3];
          if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
            {
              if (i + 9 > len)
                return NULL;
              *h = (guint) d[i + 5] << 8 | d[i + 6];
              *w = (guint) d[i + 7] << 8 | d[i + 8];
              return "image/jpeg";
            }
          i += 2 + seg;
        }
    }
  return NULL;
}

/**
 * clipper_image_sniff:
 * @data: (array length=length): the first bytes of a picture
 * @length: how many
 * @out_width: (out) (optional): its width in pixels
 * @out_height: (out) (optional): its height in pixels
 *
 * Returns: (nullable): the type of a PNG, GIF, JPEG or WebP, read from
 *   its header, or %NULL
 */
const char *
clipper_image_sniff (const guchar *data, gsize length, guint *out_width, guint *out_height)
{
  guint w = 0, h = 0;
  const char *type = image_header (data, length, &w, &h);

  if (type != NULL && out_width != NULL)
    *out_width = w;
  if (type != NULL && out_height != NULL)
    *out_height = h;
  return type;
}

/* The base64 text of a "data:image/…;base64," URL, or NULL. */
static const char *
data_image_payload (const char *url)
{
  const char *comma;
  g_autofree char *header = NULL;

  if (url == NULL || g_ascii_strncasecmp (url, "data:", 5) != 0 || (comma = strchr (url, ',')) == NULL)
    return NULL;
  header = g_ascii_strdown (url + 5, comma - url - 5);
  if (!g_str_has_prefix (header, "image/") || !g_str_has_suffix (header, ";base64"))
    return NULL;
  return comma + 1;
}

/**
 * clipper_data_image_decode:
 * @url: a `data:` URL
 * @out_content_type: (out) (optional): its type, from its bytes
 * @out_width: (out) (optional): its width in pixels
 * @out_height: (out) (optional): its height in pixels
 *
 * Returns: (transfer full) (nullable): the picture of a base64 `data:`
 *   URL of type image/…, when its bytes are a PNG, GIF, JPEG or WebP, or
 *   %NULL
 */
GBytes *
clipper_data_image_decode (const char *url, char **out_content_type, guint *out_width, guint *out_height)
{
  const char *payload = data_image_payload (url);
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *type;

  if (payload == NULL)
    return NULL;
  /* (g_base64_decode() skips white space, as browsers do.) */
  data = g_strdup (payload);
  g_base64_decode_inplace (data, &len);
  if ((type = clipper_image_sniff ((const guchar *) data, len, out_width, out_height)) == NULL)
    return NULL;
  if (out_content_type != NULL)
    *out_content_type = g_strdup (type);
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* How much of a data: picture's base64 is decoded to read its header:
 * 96 KiB of bytes hold any header image_header() reads (a JPEG's frame
 * header may follow a full 64 KiB EXIF segment). */
#define INLINE_PEEK_CHARS (128 * 1024)

/* Whether @src is a picture written into the page ("data:image/png;
 * base64,…") worth keeping: a PNG, GIF, JPEG or WebP of more than a few
 * pixels (an inline chart, an icon with its alt text), under
 * CLIPPER_INLINE_IMAGE_MAX_BYTES.  A 1×1 GIF or a tiny blurred stand-in
 * is a lazy loader's placeholder.  Only the start of it is decoded: its
 * header says what it is (emit_img() decodes the whole once it is kept). */
static gboolean
is_inline_picture (const char *src)
{
  const char *payload = data_image_payload (src);
  g_autofree guchar *head = NULL;
  gsize n, len;
  gint state = 0;
  guint save = 0, w = 0, h = 0;

  if (payload == NULL || strlen (src) > CLIPPER_INLINE_IMAGE_MAX_BYTES / 3 * 4 + 1024)
    return FALSE;
  /* (g_base64_decode_step() skips white space, as browsers do.) */
  n = strnlen (payload, INLINE_PEEK_CHARS);
  head = g_malloc (n / 4 * 3 + 3);
  len = g_base64_decode_step (payload, n, head, &state, &save);
  return clipper_image_sniff (head, len, &w, &h) != NULL && w >= 4 && h >= 4 && (guint64) w * h >= 64;
}

/* Whether @src is the key an inline picture is stored under. */
static gboolean
is_inline_image_key (const char *src)
{
  const char *hex;

  if (src == NULL || !g_str_has_prefix (src, CLIPPER_INLINE_IMAGE_PREFIX))
    return FALSE;
  hex = src + strlen (CLIPPER_INLINE_IMAGE_PREFIX);
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (hex[i]) || g_ascii_isupper (hex[i]))
      return FALSE;
  return hex[64] == '\0';
}

/* The key of the picture written into the page as @url (a data: URL
 * clipper_pick_image() kept), its bytes filed under it in
 * @ser->inline_images; NULL when it is no picture of the size kept.  The
 * key is derived from the bytes alone, so the same picture gives the same
 * key on every extraction (refetch --offline finds it stored). */
static char *
inline_image_key (ClipperSerializer *ser, const char *url)
{
  g_autoptr(GBytes) bytes = clipper_data_image_decode (url, NULL, NULL, NULL);
  g_autofree char *sum = NULL;
  char *key;

  if (bytes == NULL || g_bytes_get_size (bytes) > CLIPPER_INLINE_IMAGE_MAX_BYTES)
    return NULL;
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  key = g_strconcat (CLIPPER_INLINE_IMAGE_PREFIX, sum, NULL);
  if (!g_hash_table_contains (ser->inline_images, key))
    g_hash_table_insert (ser->inline_images, g_strdup (key), g_steal_pointer (&bytes));
  return key;
}

static gboolean
is_placeholder_src (const char *src)
{
  g_autofree char *lower = NULL;

  if (src == NULL || *src == '\0')
    return TRUE;
  if (g_str_has_prefix (src, "data:"))
    return TRUE;
  lower = g_ascii_strdown (src, -1);
  return strstr (lower, "placeholder") != NULL || strstr (lower, "blank.gif") != NULL ||
         strstr (lower, "spacer.gif") != NULL || strstr (lower, "pixel.gif") != NULL ||
         strstr (lower, "transparent.gif") != NULL || strstr (lower, "1x1") != NULL ||
         strstr (lower, "lazy-load") != NULL || strstr (lower, "grey.gif") != NULL;
}

/* The <picture> an <img> belongs to, or NULL. */
static xmlNode *
picture_of (xmlNode *img)
{
  int up = 0;

  /* In trees where <source> was not void (libxml2's, which built the
   * trees this serializer first saw), the <img> of a <picture> may sit
   * inside a <source>. */
  for (xmlNode *a = img->parent; a != NULL && a->type == XML_ELEMENT_NODE && up < 4; a = a->parent, up++)
    if (clipper_dom_is (a, "picture"))
      return a;
  return NULL;
}

/* A <source> the reader can show whatever its window: no media query
 * (those pick crops for phones or print) and a format WebKit decodes. */
static gboolean
source_fits (xmlNode *source)
{
  static const char *const types[] = { "image/jpeg", "image/jpg", "image/png", "image/gif", "image/webp", NULL };
  const char *media = clipper_dom_attr (source, "media");
  const char *type = clipper_dom_attr (source, "type");

  if (media != NULL && *media != '\0' && g_ascii_strcasecmp (media, "all") != 0 &&
      g_ascii_strcasecmp (media, "screen") != 0)
    return FALSE;
  if (type == NULL || *type == '\0')
    return TRUE;
  for (guint i = 0; types[i] != NULL; i++)
    if (g_ascii_strcasecmp (type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The first <source> of @picture that fits, with its candidate for
 * @width; with @any, the first source at all. */
static char *
pick_source (xmlNode *picture, guint width, gboolean any)
{
  char *best;

  for (xmlNode *s = picture; s != NULL; s = clipper_dom_next (s, picture, FALSE))
    {
      if (!clipper_dom_is (s, "source") || (!any && !source_fits (s)))
        continue;
      if ((best = clipper_pick_srcset (clipper_dom_attr (s, "srcset"), width)) != NULL ||
          (best = clipper_pick_srcset (clipper_dom_attr (s, "data-srcset"), width)) != NULL)
        return best;
    }
  return NULL;
}

/* The image an <img> really shows once its lazy-loading script would have
 * run, at the size a sharp display wants (clipper_pick_srcset()): the
 * first fitting <source> of its <picture>, else its srcset, else src
 * unless it is a placeholder, else data-src & co, else any candidate of
 * data-srcset or a <source>. */
char *
clipper_pick_image (xmlNode *img)
{
  static const char *const lazy[] = { "data-src", "data-lazy-src", "data-original", "data-url",
                                      "data-hi-res-src", "data-lazyload", "data-full-src",
                                      "data-original-src", NULL };
  const char *src = clipper_dom_attr (img, "src");
  const char *width_attr = clipper_dom_attr (img, "width");
  xmlNode *picture = picture_of (img);
  guint width = 0;
  char *best;

  if (is_digits (width_attr, FALSE) && strlen (width_attr) <= 5)
    width = (guint) g_ascii_strtoull (width_attr, NULL, 10);

  if (!is_placeholder_src (src))
    {
      if ((picture != NULL && (best = pick_source (picture, width, FALSE)) != NULL) ||
          (best = clipper_pick_srcset (clipper_dom_attr (img, "srcset"), width)) != NULL)
        return best;
      return g_strdup (src);
    }
  for (guint i = 0; lazy[i]; i++)
    {
      const char *v = clipper_dom_attr (img, lazy[i]);
      if (v != NULL && *v != '\0' && !g_str_has_prefix (v, "data:"))
        return g_strdup (v);
    }
  if ((best = clipper_pick_srcset (clipper_dom_attr (img, "data-srcset"), width)) != NULL)
    return best;
  if ((best = clipper_pick_srcset (clipper_dom_attr (img, "srcset"), width)) != NULL)
    return best;
  for (xmlAttr *a = img->properties; a != NULL; a = a->next)
    {
      const char *v = (a->children && a->children->content) ? (const char *) a->children->content : NULL;
      if (v != NULL && looks_like_image_url (v) && !g_str_has_prefix (v, "data:"))
        return g_strdup (v);
    }
  if (picture != NULL &&
      ((best = pick_source (picture, width, FALSE)) != NULL || (best = pick_source (picture, width, TRUE)) != NULL))
    return best;
  /* No other address: a picture written into the page is the picture
   * (its white space out, as a browser reads it). */
  if (is_inline_picture (src))
    {
      GString *clean = g_string_sized_new (strlen (src));

      for (const char *p = src; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (clean, *p);
      return g_string_free (clean, FALSE);
    }
  return NULL;
}

static void
emit_global_attrs (GString *out, xmlNode *node)
{
  const char *dir = clipper_dom_attr (node, "dir");
  const char *lang = clipper_dom_attr (node, "lang");

  if (dir != NULL && (g_ascii_strcasecmp (dir, "rtl") == 0 || g_ascii_strcasecmp (dir, "ltr") == 0 ||
                      g_ascii_strcasecmp (dir, "auto") == 0))
    {
      g_autofree char *d = g_ascii_strdown (dir, -1);
      emit_attr (out, "dir", d);
    }
  if (lang != NULL && *lang != '\0' && strlen (lang) < 36)
    {
      gboolean ok = TRUE;
      for (const char *p = lang; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          ok = FALSE;
      if (ok)
        emit_attr (out, "lang", lang);
    }
}

static void emit_children (State *st, xmlNode *node, Ctx *ctx);
static void emit_node (State *st, xmlNode *node, Ctx *ctx);

static void
open_tag (State *st, const char *tag)
{
  g_string_append_printf (st->ser->html, "<%s", tag);
  st->pre_start = FALSE;
}

static void
close_open_tag (State *st, const char *tag)
{
  g_string_append_c (st->ser->html, '>');
  if (clipper_str_eq (tag, "pre"))
    st->pre_start = TRUE;
}

static void
end_tag (State *st, const char *tag)
{
  g_string_append_printf (st->ser->html, "</%s>", tag);
  st->pre_start = FALSE;
}

/* Writes @node's id if a link of the article leads to it (target_id()). */
static void
emit_target_id (State *st, xmlNode *node)
{
  const char *id = target_id (st->ser, node);
  g_autofree char *prefixed = NULL;

  if (id == NULL)
    return;
  g_hash_table_add (st->ser->written_ids, (gpointer) id);
  prefixed = dup_prefixed (st->ser, id);
  emit_attr (st->ser->html, "id", prefixed);
}

/* For an element that is not written itself (a <span>, say, as
 * Wikipedia's headings hold their ids): an empty <span> where it was
 * keeps the place its id names, with no text of its own. */
static void
emit_target_anchor (State *st, xmlNode *node)
{
  if (target_id (st->ser, node) == NULL)
    return;
  open_tag (st, "span");
  emit_target_id (st, node);
  close_open_tag (st, "span");
  end_tag (st, "span");
}

static void
emit_text_only (State *st, xmlNode *node, Ctx *ctx)
{
  xmlNode *n = node;

  while (n != NULL)
    {
      gboolean skip = n->type == XML_ELEMENT_NODE && tag_in ((const char *) n->name, dropped_tags);

      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        emit_text (st, (const char *) n->content, ctx);
      n = clipper_dom_next (n, node, skip);
    }
}

static void
emit_img (State *st, xmlNode *node)
{
  ClipperSerializer *ser = st->ser;
  g_autofree char *picked = clipper_pick_image (node);
  g_autofree char *abs = NULL;
  const char *mapped;
  const char *v;
  static const char *const ok[] = { "http", "https", NULL };

  /* Our own HTML names a picture written into the page by its key. */
  if (picked == NULL && ser->own_html && is_inline_image_key (clipper_dom_attr (node, "src")))
    picked = g_strdup (clipper_dom_attr (node, "src"));
  if (picked == NULL)
    return;
  /* clipper_pick_image() gives a data: URL only for a picture: the HTML
   * names it by a key, not by its megabytes of base64. */
  if (is_inline_image_key (picked))
    abs = g_strdup (picked);
  else if (g_ascii_strncasecmp (picked, "data:", 5) == 0)
    abs = inline_image_key (ser, picked);
  else
    abs = clipper_resolve_url (ser->base_url, picked);
  if (abs == NULL)
    return;
  if (ser->image_map != NULL && (mapped = g_hash_table_lookup (ser->image_map, abs)) != NULL)
    {
      g_free (abs);
      abs = g_strdup (mapped);
    }
  else if (!url_scheme_is (abs, ok) && g_ascii_strncasecmp (abs, "data:", 5) != 0
           /* A page saved from a local file shows the images beside it; the
            * saver reads them from disk only for local pages. */
           && !(ser->base_url != NULL && g_str_has_prefix (ser->base_url, "file:")
                && g_str_has_prefix (abs, "file:")))
    return;
  open_tag (st, "img");
  emit_attr (ser->html, "src", abs);
  if ((v = clipper_dom_attr (node, "alt")) != NULL)
    emit_attr (ser->html, "alt", v);
  if ((v = clipper_dom_attr (node, "title")) != NULL)
    emit_attr (ser->html, "title", v);
  if (is_digits ((v = clipper_dom_attr (node, "width")), FALSE))
    emit_attr (ser->html, "width", v);
  if (is_digits ((v = clipper_dom_attr (node, "height")), FALSE))
    emit_attr (ser->html, "height", v);
  g_string_append_c (ser->html, '>');
  st->after_img = TRUE;
  if (!g_hash_table_contains (ser->image_set, abs))
    {
      char *copy = g_strdup (abs);
      g_ptr_array_add (ser->images, copy);
      g_hash_table_add (ser->image_set, copy);
    }
  /* A sharper copy was picked over the page's own src: if it cannot be
   * had, or a library saved before kept src, src will do. */
  if (ser->image_map == NULL && (v = clipper_dom_attr (node, "src")) != NULL && !is_placeholder_src (v) &&
      !g_hash_table_contains (ser->image_fallbacks, abs))
    {
      g_autofree char *fallback = clipper_resolve_url (ser->base_url, v);

      if (fallback != NULL && !g_str_equal (fallback, abs) && url_scheme_is (fallback, ok))
        g_hash_table_insert (ser->image_fallbacks, g_strdup (abs), g_steal_pointer (&fallback));
    }
}

static void
emit_element (State *st, xmlNode *node, const char *tag, Ctx *ctx)
{
  GString *out = st->ser->html;
  Ctx inner = *ctx;
  gboolean block = tag_in (tag, block_tags);
  const char *v;

  inner.parent = tag;
  inner.depth = ctx->depth + 1;
  if (block)
    separate (st, ctx);
  open_tag (st, tag);
  if (node != NULL)
    emit_target_id (st, node);
  if (clipper_str_eq (tag, "a"))
    {
      g_autofree char *href = safe_link (st->ser, clipper_dom_attr (node, "href"));
      if (href != NULL)
        emit_attr (out, "href", href);
      if ((v = clipper_dom_attr (node, "title")) != NULL)
        emit_attr (out, "title", v);
      inner.in_a = TRUE;
    }
  else if (clipper_str_eq (tag, "td") || clipper_str_eq (tag, "th"))
    {
      if (is_digits ((v = clipper_dom_attr (node, "colspan")), FALSE))
        emit_attr (out, "colspan", v);
      if (is_digits ((v = clipper_dom_attr (node, "rowspan")), FALSE))
        emit_attr (out, "rowspan", v);
    }
  else if (clipper_str_eq (tag, "ol"))
    {
      if (is_digits ((v = clipper_dom_attr (node, "start")), TRUE))
        emit_attr (out, "start", v);
      if (clipper_dom_attr (node, "reversed") != NULL)
        emit_attr (out, "reversed", "");
    }
  else if (clipper_str_eq (tag, "li"))
    {
      if (is_digits ((v = clipper_dom_attr (node, "value")), TRUE))
        emit_attr (out, "value", v);
    }
  else if (clipper_str_eq (tag, "time") || clipper_str_eq (tag, "del") || clipper_str_eq (tag, "ins"))
    {
      if ((v = clipper_dom_attr (node, "datetime")) != NULL)
        emit_attr (out, "datetime", v);
    }
  else if (clipper_str_eq (tag, "abbr"))
    {
      if ((v = clipper_dom_attr (node, "title")) != NULL)
        emit_attr (out, "title", v);
    }
  else if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0')
    inner.in_heading = TRUE;
  else if (node != NULL && (clipper_str_eq (tag, "pre") || clipper_str_eq (tag, "code")))
    {
      g_autofree char *lang = code_language (node);
      g_autofree char *klass = lang != NULL ? g_strconcat ("language-", lang, NULL) : NULL;

      if (klass != NULL)
        emit_attr (out, "class", klass);
    }
  if (clipper_str_eq (tag, "pre"))
    inner.in_pre = TRUE;
  if (node != NULL)
    emit_global_attrs (out, node);
  close_open_tag (st, tag);
  if (node != NULL)
    emit_children (st, node, &inner);
  if (block)
    separate (st, &inner);
  end_tag (st, tag);
  if (block)
    separate (st, ctx);
}

/* A length as WebKit reads one in MathML: a number, maybe signed and
 * with a CSS unit, or one of MathML's named spaces ("thinmathspace",
 * "negativethinmathspace", which MathJax writes). */
static gboolean
is_math_length (const char *v)
{
  static const char *const units[] = { "em", "ex", "px", "in", "cm", "mm", "pt", "pc", "%", NULL };
  static const char *const named[] = {
    "veryverythinmathspace", "verythinmathspace", "thinmathspace", "mediummathspace",
    "thickmathspace", "verythickmathspace", "veryverythickmathspace", NULL
  };
  gboolean digits = FALSE;

  if (v == NULL)
    return FALSE;
  if (tag_in (v, named) || (g_str_has_prefix (v, "negative") && tag_in (v + 8, named)))
    return TRUE;
  if (*v == '-')
    v++;
  for (; g_ascii_isdigit (*v); v++)
    digits = TRUE;
  if (*v == '.')
    for (v++; g_ascii_isdigit (*v); v++)
      digits = TRUE;
  return digits && (*v == '\0' || tag_in (v, units));
}

/* The attributes of a MathML element that set how it is drawn, values
 * checked.  Never href, which WebKit follows on any MathML element (a
 * link that does not look like one), nor actiontype, style, src or on*. */
static void
emit_math_attrs (GString *out, xmlNode *node, const char *tag)
{
  static const char *const flags[] = {
    "displaystyle", "accent", "accentunder", "stretchy", "fence", "separator", NULL
  };
  static const char *const lengths[] = { "linethickness", "lspace", "rspace", "width", NULL };
  const char *v;

  if (clipper_str_eq (tag, "math"))
    {
      if ((v = clipper_dom_attr (node, "display")) != NULL &&
          (g_ascii_strcasecmp (v, "block") == 0 || g_ascii_strcasecmp (v, "inline") == 0))
        {
          g_autofree char *d = g_ascii_strdown (v, -1);
          emit_attr (out, "display", d);
        }
      if ((v = clipper_dom_attr (node, "alttext")) != NULL)
        emit_attr (out, "alttext", v);
    }
  if ((v = clipper_dom_attr (node, "mathvariant")) != NULL && *v != '\0' && strlen (v) < 32 &&
      strspn (v, "abcdefghijklmnopqrstuvwxyz-") == strlen (v))
    emit_attr (out, "mathvariant", v);
  if (is_digits ((v = clipper_dom_attr (node, "scriptlevel")), TRUE))
    emit_attr (out, "scriptlevel", v);
  for (guint i = 0; flags[i] != NULL; i++)
    if ((v = clipper_dom_attr (node, flags[i])) != NULL &&
        (g_ascii_strcasecmp (v, "true") == 0 || g_ascii_strcasecmp (v, "false") == 0))
      {
        g_autofree char *b = g_ascii_strdown (v, -1);
        emit_attr (out, flags[i], b);
      }
  for (guint i = 0; lengths[i] != NULL; i++)
    if (is_math_length ((v = clipper_dom_attr (node, lengths[i]))))
      emit_attr (out, lengths[i], v);
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

/* Takes the space off the end of a formula's HTML written from @start,
 * behind its closing tags; returns whether there was one.  Tokens keep
 * the page's white space ("<mn>\n 0\n</mn>" is "0 "), which MathML does
 * not draw: one that ends the formula is its gap to the next word, "0
 * and" shown "0and", and one before the end of a block is the space that
 * drop_trailing_space() takes back there, as it did when the formula was
 * unwrapped.  Our HTML holds no '>' but at the end of a tag. */
static gboolean
take_trailing_space (GString *html, gsize start)
{
  gsize end = html->len;

  while (end > start && html->str[end - 1] == '>')
    {
      const char *close = g_strrstr_len (html->str + start, (gssize) (end - start), "</");

      if (close == NULL || memchr (close, '>', (gsize) (html->str + end - 1 - close)) != NULL)
        return FALSE;
      end = (gsize) (close - html->str);
    }
  if (end <= start || html->str[end - 1] != ' ')
    return FALSE;
  g_string_erase (html, (gssize) end - 1, 1);
  return TRUE;
}

/* An element of a formula (math_tags), written with MathML elements only:
 * an HTML element there would take a browser's parser out of the formula
 * (an HTML5 "breakout"), where ours would not. */
static void
emit_math_node (State *st, xmlNode *node, Ctx *ctx)
{
  const char *name = (const char *) node->name;
  const char *tag = tag_in (name, math_tags) ? name : "mrow";
  Ctx inner = *ctx;
  gsize start;

  if (clipper_str_eq (name, "annotation") || clipper_str_eq (name, "annotation-xml"))
    return;
  if (clipper_str_eq (name, "maction"))
    {
      xmlNode *shown = first_element_child (node);

      if (shown != NULL)
        emit_node (st, shown, ctx);
      return;
    }
  inner.parent = tag;
  inner.in_math = TRUE;
  inner.depth = ctx->depth + 1;
  open_tag (st, tag);
  emit_target_id (st, node);
  emit_math_attrs (st->ser->html, node, tag);
  emit_global_attrs (st->ser->html, node);
  close_open_tag (st, tag);
  start = st->ser->html->len;
  if (tag_in (tag, math_token_tags))
    emit_text_only (st, node, &inner);
  else if (clipper_str_eq (tag, "semantics"))
    {
      xmlNode *shown = first_element_child (node);

      if (shown != NULL)
        emit_node (st, shown, &inner);
    }
  else
    emit_children (st, node, &inner);
  if (!ctx->in_math && take_trailing_space (st->ser->html, start))
    {
      end_tag (st, tag);
      g_string_append_c (st->ser->html, ' ');
      return;
    }
  end_tag (st, tag);
}

/* Writes children of a list/definition list: anything that is not an item
 * gets an item of its own, so neither parser restructures it. */
static void
emit_list_children (State *st, xmlNode *node, Ctx *ctx, const char *item_tag)
{
  gboolean open = FALSE;
  Ctx in_item = *ctx;

  in_item.parent = item_tag;
  in_item.depth = ctx->depth + 1;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      gboolean is_item = clipper_str_eq (item_tag, "li") ? clipper_dom_is (c, "li")
                                                     : (clipper_dom_is (c, "dt") || clipper_dom_is (c, "dd"));
      if (is_item)
        {
          if (open)
            {
              separate (st, &in_item);
              end_tag (st, item_tag);
              open = FALSE;
            }
          emit_node (st, c, ctx);
          continue;
        }
      if (is_ignorable (c))
        continue;
      if (!open)
        {
          separate (st, ctx);
          open_tag (st, item_tag);
          close_open_tag (st, item_tag);
          open = TRUE;
        }
      emit_node (st, c, &in_item);
    }
  if (open)
    {
      separate (st, &in_item);
      end_tag (st, item_tag);
    }
}

static void
emit_row (State *st, xmlNode *tr, Ctx *ctx)
{
  Ctx row = *ctx;

  row.parent = "tr";
  open_tag (st, "tr");
  close_open_tag (st, "tr");
  for (xmlNode *c = tr->children; c != NULL; c = c->next)
    if (clipper_dom_is (c, "td") || clipper_dom_is (c, "th"))
      {
        Ctx cell = row;
        cell.in_a = FALSE;
        cell.in_heading = FALSE;
        emit_element (st, c, (const char *) c->name, &cell);
      }
  end_tag (st, "tr");
}

static void
emit_table (State *st, xmlNode *table, Ctx *ctx)
{
  Ctx in_table = *ctx;
  gboolean body_open = FALSE;

  in_table.parent = "table";
  in_table.depth = ctx->depth + 1;
  separate (st, ctx);
  open_tag (st, "table");
  emit_target_id (st, table);
  close_open_tag (st, "table");
  for (xmlNode *c = table->children; c != NULL; c = c->next)
    {
      if (clipper_dom_is (c, "tr"))
        {
          if (!body_open)
            {
              open_tag (st, "tbody");
              close_open_tag (st, "tbody");
              body_open = TRUE;
            }
          emit_row (st, c, &in_table);
          continue;
        }
      if (body_open && !is_ignorable (c))
        {
          end_tag (st, "tbody");
          body_open = FALSE;
        }
      if (clipper_dom_is (c, "caption"))
        {
          Ctx cap = in_table;
          cap.in_a = cap.in_heading = FALSE;
          emit_element (st, c, "caption", &cap);
        }
      else if (clipper_dom_is (c, "thead") || clipper_dom_is (c, "tbody") || clipper_dom_is (c, "tfoot"))
        {
          const char *tag = (const char *) c->name;
          open_tag (st, tag);
          close_open_tag (st, tag);
          for (xmlNode *r = c->children; r != NULL; r = r->next)
            if (clipper_dom_is (r, "tr"))
              emit_row (st, r, &in_table);
          end_tag (st, tag);
        }
    }
  if (body_open)
    end_tag (st, "tbody");
  end_tag (st, "table");
  separate (st, ctx);
}

static void
emit_node (State *st, xmlNode *node, Ctx *ctx)
{
  const char *tag;
  Action act;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      emit_text (st, (const char *) node->content, ctx);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  act = classify (node, &tag);
  if (act == ACT_DROP)
    return;
  if (ctx->depth > MAX_DEPTH)
    {
      emit_text_only (st, node, ctx);
      return;
    }
  if (ctx->in_math || (act == ACT_KEEP && clipper_str_eq (tag, "math")))
    {
      emit_math_node (st, node, ctx);
      return;
    }
  if (act == ACT_UNWRAP)
    {
      emit_target_anchor (st, node);
      emit_children (st, node, ctx);
      return;
    }

  if (clipper_str_eq (tag, "img"))
    {
      emit_target_anchor (st, node);
      emit_img (st, node);
      return;
    }
  if (clipper_str_eq (tag, "br") || clipper_str_eq (tag, "hr") || clipper_str_eq (tag, "wbr"))
    {
      /* <hr> inside a heading or a <p>-like inline context would close it. */
      if (clipper_str_eq (tag, "hr") && (ctx->in_heading || ctx->in_a ||
                                      (ctx->parent && clipper_str_eq (ctx->parent, "p"))))
        return;
      if (clipper_str_eq (tag, "br") && ctx->in_pre && !st->pre_start)
        {
          /* Each <br> of code is a line: two make a blank one. */
          write_newline (st);
        }
      else if (clipper_str_eq (tag, "br") && !ctx->in_pre)
        {
          /* The line ends here even after a space a tag kept
           * ("<b>a </b><br>"): the text says so with a newline. */
          drop_trailing_space (st);
          g_string_append (st->ser->html, "<br>");
          st->pre_start = FALSE;
          if (st->ser->text->len > 0 && st->ser->text->str[st->ser->text->len - 1] != '\n')
            write_newline (st);
        }
      else
        {
          if (clipper_str_eq (tag, "hr"))
            separate (st, ctx);
          g_string_append_printf (st->ser->html, "<%s>", tag);
          st->pre_start = FALSE;
          if (!clipper_str_eq (tag, "wbr"))
            separate (st, ctx);
        }
      /* In a tree where an HTML5 void element such as <wbr> was not void
       * (libxml2 knows HTML 4 only), what follows lands inside it: write
       * it after. */
      emit_children (st, node, ctx);
      return;
    }

  /* Nested links and headings: HTML5 closes the outer one. */
  if (clipper_str_eq (tag, "a") && ctx->in_a)
    {
      emit_target_anchor (st, node);
      emit_children (st, node, ctx);
      return;
    }
  if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0' && (ctx->in_heading || ctx->in_a))
    {
      emit_target_anchor (st, node);
      emit_children (st, node, ctx);
      return;
    }

  if (clipper_str_eq (tag, "p") && has_block_descendant (node))
    tag = "div";

  /* Items only inside their lists; table parts only inside regular tables. */
  if (clipper_str_eq (tag, "li") && !(ctx->parent && (clipper_str_eq (ctx->parent, "ul") || clipper_str_eq (ctx->parent, "ol"))))
    tag = "div";
  if ((clipper_str_eq (tag, "dt") || clipper_str_eq (tag, "dd")) && !(ctx->parent && clipper_str_eq (ctx->parent, "dl")))
    tag = "div";
  if (clipper_str_eq (tag, "tr") || clipper_str_eq (tag, "td") || clipper_str_eq (tag, "th") ||
      clipper_str_eq (tag, "caption"))
    tag = "div";
  if (clipper_str_eq (tag, "thead") || clipper_str_eq (tag, "tbody") || clipper_str_eq (tag, "tfoot"))
    {
      emit_children (st, node, ctx);
      return;
    }

  /* Blocks inside a <p> or a heading would end it in HTML5; inside a
   * link or inline element they are fine for HTML5 but libxml2 closes
   * some, so they become plain <div>s only when the context needs it. */
  if (ctx->in_pre && tag_in (tag, block_tags))
    {
      pre_newline (st);
      emit_target_anchor (st, node);
      emit_children (st, node, ctx);
      pre_newline (st);
      return;
    }

  if (clipper_str_eq (tag, "table"))
    {
      if (!ctx->in_heading && !ctx->in_a && table_is_regular (node))
        {
          emit_table (st, node, ctx);
          return;
        }
      tag = "div";
    }

  if (clipper_str_eq (tag, "ul") || clipper_str_eq (tag, "ol") || clipper_str_eq (tag, "dl"))
    {
      Ctx inner = *ctx;
      inner.parent = tag;
      inner.depth = ctx->depth + 1;
      separate (st, ctx);
      open_tag (st, tag);
      emit_target_id (st, node);
      if (clipper_str_eq (tag, "ol"))
        {
          const char *v = clipper_dom_attr (node, "start");
          if (is_digits (v, TRUE))
            emit_attr (st->ser->html, "start", v);
          if (clipper_dom_attr (node, "reversed") != NULL)
            emit_attr (st->ser->html, "reversed", "");
        }
      emit_global_attrs (st->ser->html, node);
      close_open_tag (st, tag);
      emit_list_children (st, node, &inner, clipper_str_eq (tag, "dl") ? "dd" : "li");
      end_tag (st, tag);
      separate (st, ctx);
      return;
    }

  if (clipper_str_eq (tag, "code") && !ctx->in_pre && code_is_block (node))
    {
      Ctx in_pre = *ctx;

      in_pre.parent = "pre";
      in_pre.in_pre = TRUE;
      in_pre.depth = ctx->depth + 1;
      separate (st, ctx);
      open_tag (st, "pre");
      close_open_tag (st, "pre");
      emit_element (st, node, tag, &in_pre);
      end_tag (st, "pre");
      separate (st, ctx);
      return;
    }

  emit_element (st, node, tag, ctx);
}

static void
emit_children (State *st, xmlNode *node, Ctx *ctx)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    emit_node (st, c, ctx);
}

void
clipper_serialize_article (ClipperSerializer *ser, xmlNode *root, const char *dir, const char *lang)
{
  State st = { ser, FALSE, FALSE };
  Ctx ctx = { "article", FALSE, FALSE, FALSE, FALSE, 0 };

  g_string_append (ser->html, "<article");
  if (dir != NULL && (g_strcmp0 (dir, "rtl") == 0 || g_strcmp0 (dir, "ltr") == 0))
    emit_attr (ser->html, "dir", dir);
  if (lang != NULL && *lang != '\0' && strlen (lang) < 36 && strpbrk (lang, "\"<>& ") == NULL)
    emit_attr (ser->html, "lang", lang);
  g_string_append_c (ser->html, '>');
  if (ser->base_url != NULL)
    ser->page_url = clipper_resolve_url (ser->base_url, ser->base_url);
  if (root != NULL)
    {
      collect_targets (ser, root);
      emit_children (&st, root, &ctx);
    }
  g_string_append (ser->html, "</article>");
}

/* ---- reading our own HTML back ---------------------------------------- */

/* Our HTML read back as a browser reads it (HTML5 keeps the white space
 * between list items and table cells that libxml2 drops). */
static xmlDoc *
parse_fragment (const char *html)
{
  g_autofree char *doc = g_strconcat ("<!DOCTYPE html><html><body>", html, "</body></html>", NULL);

  return clipper_html_parse (doc, strlen (doc), NULL);
}

char *
clipper_text_of_html (const char *html)
{
  xmlDoc *doc = parse_fragment (html);
  xmlNode *root, *article;
  char *text;

  if (doc == NULL)
    return g_strdup ("");
  root = xmlDocGetRootElement (doc);
  article = root ? clipper_dom_find (root, "article") : NULL;
  text = clipper_dom_inner_text (article, FALSE);
  clipper_html_doc_free (doc);
  return text;
}

static const char *const text_block_tags[] = {
  "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
  "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
  "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
  "ul", "caption", NULL
};

typedef struct {
  GString   *cur;
  GPtrArray *blocks;
  gboolean   cur_pre;
} Blocks;

static void
flush_block (Blocks *b)
{
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (b->cur->len == 0)
    return;
  lines = g_strsplit (b->cur->str, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = b->cur_pre ? g_strdup (lines[i]) : clipper_dom_normalize_space (lines[i]);

      if (b->cur_pre)
        g_strchomp (line);
      if (*line == '\0' && !b->cur_pre)
        continue;
      if (out->len > 0 || (b->cur_pre && *line != '\0'))
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
        }
      g_string_append (out, line);
    }
  /* trim blank lines at the ends of a <pre> */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && !is_blank (out->str))
    g_ptr_array_add (b->blocks, g_string_free (out, FALSE));
  else
    g_string_free (out, TRUE);
  g_string_truncate (b->cur, 0);
  b->cur_pre = FALSE;
}

static void
collect_blocks (Blocks *b, xmlNode *node, gboolean in_pre, int depth)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (in_pre)
            {
              b->cur_pre = TRUE;
              g_string_append (b->cur, (const char *) c->content);
            }
          else
            {
              /* Source line breaks are spaces; only <br> breaks a line. */
              for (const char *p = (const char *) c->content; *p; p++)
                g_string_append_c (b->cur, (*p == '\n' || *p == '\r') ? ' ' : *p);
            }
        }
      else if (c->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) c->name;
          gboolean block = tag_in (name, text_block_tags);
          gboolean pre = in_pre || clipper_str_eq (name, "pre");

          if (clipper_str_eq (name, "br"))
            {
              g_string_append_c (b->cur, '\n');
              continue;
            }
          if (block)
            flush_block (b);
          if (depth < 1000)
            collect_blocks (b, c, pre, depth + 1);
          if (block)
            flush_block (b);
        }
    }
}

char *
clipper_block_text_of_html (const char *html)
{
  xmlDoc *doc = parse_fragment (html);
  xmlNode *root, *article;
  Blocks b;
  GString *out;

  if (doc == NULL)
    return g_strdup ("");
  root = xmlDocGetRootElement (doc);
  article = root ? clipper_dom_find (root, "article") : NULL;
  b.cur = g_string_new (NULL);
  b.blocks = g_ptr_array_new_with_free_func (g_free);
  b.cur_pre = FALSE;
  if (article != NULL)
    collect_blocks (&b, article, FALSE, 0);
  flush_block (&b);
  out = g_string_new (NULL);
  for (guint i = 0; i < b.blocks->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, b.blocks->pdata[i]);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_free (b.cur, TRUE);
  g_ptr_array_unref (b.blocks);
  clipper_html_doc_free (doc);
  return g_string_free (out, FALSE);
}

/* What an article's HTML says that its text does not: the text ends a
 * block and a line of one with the same "\n".  Plain Text's spacing and
 * the Markdown export's quotes read it from one walk of one parse, the
 * tree a browser builds (parse_fragment()).
 *
 * A block is one of text_block_tags, as clipper_block_text_of_html() sees
 * it, for both questions, which differ in kind: whether a "\n" is a line
 * asks which block holds the characters on either side of it, where a
 * block ends asks where one closes.  Our serializer writes a <br> out of
 * <pre> as "<br>\n" (write_newline()), the "\n" being the text's, and
 * keeps a <pre>'s lines as they are; such a "\n" is a line when the text
 * goes on in the same block ("<p>a<br></p><p>b" ends the paragraph
 * there).  No block ends inside a <pre>: its lines are the code's. */
typedef struct {
  const char        *text;          /* the article's text not yet met in the HTML */
  const char        *text_end;
  gboolean           differs;       /* the HTML's text is not the article's */
  gint64             pos;           /* code points read */
  xmlNode           *br_block;      /* the block of the <br> just read, or NULL */
  xmlNode           *pending_block; /* the block of the "\n" at @pending */
  gint64             pending;       /* a "\n" that is a line if its block goes on, or -1 */
  ClipperTextLayout *layout;
} LayoutWalk;

static void
layout_text (LayoutWalk *w,
             const char *content,
             xmlNode    *block,
             gboolean    in_pre)
{
  size_t length = strlen (content);

  /* Compared as it is read: an older extractor's HTML, which differs,
   * is left at its first difference. */
  if (length > (size_t) (w->text_end - w->text) || memcmp (w->text, content, length) != 0)
    {
      w->differs = TRUE;
      return;
    }
  w->text += length;
  for (const char *p = content; *p != '\0'; p = g_utf8_next_char (p), w->pos++)
    {
      if (w->pending >= 0 && block == w->pending_block)
        g_array_append_val (w->layout->line_breaks, w->pending);
      w->pending = -1;
      if (*p == '\n' && (w->br_block != NULL || in_pre))
        {
          w->pending = w->pos;
          w->pending_block = w->br_block != NULL ? w->br_block : block;
        }
      w->br_block = NULL;
    }
}

/* The place of the cell @cell in its row, from 0. */
static int
cell_index (xmlNode *cell)
{
  int index = 0;

  for (xmlNode *k = cell->prev; k != NULL; k = k->prev)
    if (clipper_dom_is (k, "td") || clipper_dom_is (k, "th"))
      index++;
  return index;
}

/* @element, read from @start to where the walk is, as a span if it is
 * one Plain Text sets apart. */
static void
layout_span (LayoutWalk *w,
             xmlNode    *element,
             gint64      start)
{
  const char *name = (const char *) element->name;
  ClipperTextSpan span = { start, w->pos, 0, 0 };

  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      span.kind = CLIPPER_TEXT_SPAN_HEADING;
      span.level = name[1] - '0';
    }
  else if (clipper_str_eq (name, "blockquote"))
    span.kind = CLIPPER_TEXT_SPAN_QUOTE;
  else if (clipper_str_eq (name, "sup"))
    span.kind = CLIPPER_TEXT_SPAN_SUPERSCRIPT;
  else if (clipper_str_eq (name, "sub"))
    span.kind = CLIPPER_TEXT_SPAN_SUBSCRIPT;
  else if (clipper_str_eq (name, "td") || clipper_str_eq (name, "th"))
    {
      span.kind = name[1] == 'h' ? CLIPPER_TEXT_SPAN_HEADER_CELL : CLIPPER_TEXT_SPAN_CELL;
      span.level = cell_index (element);
    }
  else
    return;
  /* An empty one has no text to set apart. */
  if (span.end > span.start)
    g_array_append_val (w->layout->spans, span);
}

/* Recursion is bounded by the parser's depth (CLIPPER_HTML_MAX_DEPTH). */
static void
layout_children (LayoutWalk *w,
                 xmlNode    *parent,
                 xmlNode    *block,
                 gboolean    in_pre)
{
  for (xmlNode *c = parent->children; c != NULL && !w->differs; c = c->next)
    {
      const char *name = (const char *) c->name;
      gboolean is_block, is_pre;
      gint64 start = w->pos;

      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content != NULL)
            layout_text (w, (const char *) c->content, block, in_pre);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (clipper_str_eq (name, "br"))
        {
          w->br_block = block;
          continue;
        }
      is_block = tag_in (name, text_block_tags);
      is_pre = clipper_str_eq (name, "pre");
      layout_children (w, c, is_block ? c : block, in_pre || is_pre);
      layout_span (w, c, start);
      if (is_pre)
        {
          ClipperCodeBlock code = { start, w->pos, code_language (c) };

          for (xmlNode *k = c->children; k != NULL && code.lang == NULL; k = k->next)
            if (clipper_dom_is (k, "code"))
              code.lang = code_language (k);
          g_array_append_val (w->layout->code_blocks, code);
        }
      if (is_block && !in_pre)
        g_array_append_val (w->layout->block_ends, w->pos);
    }
}

static void
code_block_clear (gpointer data)
{
  g_free (((ClipperCodeBlock *) data)->lang);
}

void
clipper_text_layout_free (ClipperTextLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->line_breaks);
  g_array_unref (layout->block_ends);
  g_array_unref (layout->code_blocks);
  g_array_unref (layout->spans);
  g_free (layout);
}

ClipperTextLayout *
clipper_html_dup_text_layout (const char *html,
                              const char *text)
{
  g_autoptr(ClipperTextLayout) layout = NULL;
  LayoutWalk w = { 0 };
  xmlDoc *doc;
  xmlNode *root, *article;

  g_return_val_if_fail (html != NULL && text != NULL, NULL);

  doc = parse_fragment (html);
  if (doc == NULL)
    return NULL;
  layout = g_new0 (ClipperTextLayout, 1);
  layout->line_breaks = g_array_new (FALSE, FALSE, sizeof (gint64));
  layout->block_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  layout->code_blocks = g_array_new (FALSE, FALSE, sizeof (ClipperCodeBlock));
  g_array_set_clear_func (layout->code_blocks, code_block_clear);
  layout->spans = g_array_new (FALSE, FALSE, sizeof (ClipperTextSpan));
  w.text = text;
  w.text_end = text + strlen (text);
  w.pending = -1;
  w.layout = layout;
  /* The <article>, whose text is the article's (clipper_text_of_html()):
   * HTML written by hand or imported may hold more around it.  Without
   * one (such HTML need not have it), the whole document. */
  root = xmlDocGetRootElement (doc);
  article = root != NULL ? clipper_dom_find (root, "article") : NULL;
  if (article != NULL)
    {
      layout_children (&w, article, article, FALSE);
      /* A block itself, as the whole document's walk has it. */
      g_array_append_val (layout->block_ends, w.pos);
    }
  else if (root != NULL)
    layout_children (&w, root, root, FALSE);
  clipper_html_doc_free (doc);
  if (w.differs || w.text != w.text_end)
    return NULL;
  return g_steal_pointer (&layout);
}
