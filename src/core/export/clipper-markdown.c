/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-export"

#include "clipper-markdown.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clipper-export-private.h"
#include "clipper-extractor.h"
#include "clipper-kindle.h"
#include "clipper-markdown-import.h"
#include "clipper-template.h"

/* The section layout when the user gives no template.  Keep it in step
 * with docs/export.md. */
static const char default_template[] =
  "# {{title}}\n"
  "\n"
  "{{#excerpt}}\n"
  "{{excerpt}}\n"
  "\n"
  "{{/excerpt}}\n"
  "{{#highlights}}\n"
  "{{{quote_block}}} ^{{{block_id}}}\n"
  "\n"
  "{{#note}}\n"
  "{{{note_markdown}}}\n"
  "\n"
  "{{/note}}\n"
  "{{{color_tag}}}{{#tags}} {{{tag}}}{{/tags}}{{#link}} · [source]({{{link}}}){{/link}}"
  "{{#page}} · Page {{page}}{{/page}}{{#location}} · Location {{location}}{{/location}}"
  "{{#lost}} · " CLIPPER_MARKDOWN_LOST_MARK "{{/lost}}{{#unplaced}} · " CLIPPER_MARKDOWN_UNPLACED_MARK "{{/unplaced}}\n"
  "\n"
  "{{/highlights}}\n"
  "{{#body}}\n"
  "---\n"
  "\n"
  "{{{body}}}\n"
  "{{/body}}\n";

/* Front matter keys Clipper writes; any other key in a file is the user's. */
static const char *const managed_keys[] = {
  "title", "author", "site", "url", "published", "saved", "tags", "clipper-tags", "clipper-highlight-tags",
  "starred", "read", "archived", "clipper-id", "clipper-library", "clipper-position", "clipper-notes", NULL
};

const char *
clipper_markdown_default_template (void)
{
  return default_template;
}

/* ------------------------------------------------------------------ */
/* HTML → Markdown                                                     */

typedef struct {
  gint64 *starts;  /* sorted */
  gint64 *ends;    /* sorted */
  guint   n;
  guint   next_start;
  guint   next_end;
  gint64  cp;      /* code points of text seen so far */
  int     active;  /* highlights open at cp */
} MarkState;

typedef struct {
  MarkState  *marks;
  GString    *para;        /* inline content of the paragraph being built */
  gboolean    mark_open;   /* "==" emitted in para and not closed */
  GHashTable *targets;     /* the article's ids → their heading's words, "" when in none */
} Inline;

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
is_block_element (const char *name)
{
  static const char *const blocks[] = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr", "figure", "figcaption",
    "dl", "dt", "dd", "address", "details", "summary", "caption", NULL
  };

  return g_strv_contains (blocks, name);
}

static void
para_close_mark (Inline *in)
{
  if (in->mark_open)
    {
      GString *p = in->para;

      /* "==word ==" does not close in Obsidian: the mark ends at the word. */
      if (p->len > 0 && p->str[p->len - 1] == ' ')
        g_string_insert (p, p->len - 1, "==");
      else
        g_string_append (p, "==");
      /* A mark that closes right where it opened is no mark. */
      if (p->len >= 4 && strncmp (p->str + p->len - 4, "====", 4) == 0)
        g_string_truncate (p, p->len - 4);
      else if (p->len >= 5 && strncmp (p->str + p->len - 5, "==== ", 5) == 0)
        g_string_erase (p, p->len - 5, 4);
      in->mark_open = FALSE;
    }
}

/* Keeps the marks in step with the text: called before each code point.
 * @open_ok is FALSE before white space, where a mark may close but should
 * not open ("== word" reads badly). */
static void
advance_marks (Inline *in, gboolean open_ok)
{
  MarkState *m = in->marks;

  while (m->next_end < m->n && m->ends[m->next_end] <= m->cp)
    {
      m->active--;
      m->next_end++;
    }
  while (m->next_start < m->n && m->starts[m->next_start] <= m->cp)
    {
      m->active++;
      m->next_start++;
    }

  if (m->active == 0)
    para_close_mark (in);
  else if (open_ok && !in->mark_open)
    {
      g_string_append (in->para, "==");
      in->mark_open = TRUE;
    }
}

static gboolean
para_ends_with_space (GString *para)
{
  return para->len == 0 || para->str[para->len - 1] == ' ' || para->str[para->len - 1] == '\n';
}

static void
inline_text (Inline *in, const char *text, gboolean verbatim)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

      if (!verbatim && space)
        {
          advance_marks (in, FALSE);
          if (!para_ends_with_space (in->para))
            g_string_append_c (in->para, ' ');
        }
      else
        {
          advance_marks (in, TRUE);
          if (!verbatim && c < 0x80 && (strchr ("\\`*_[]<>#|&~^=", (char) c) != NULL))
            g_string_append_c (in->para, '\\');
          g_string_append_unichar (in->para, c);
        }
      in->marks->cp++;
    }
}

/* Text content without escaping, for code, and advancing the offsets. */
static void
collect_text (xmlNode *node, Inline *in, GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          const char *t = (const char *) child->content;

          g_string_append (out, t);
          in->marks->cp += g_utf8_strlen (t, -1);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_text (child, in, out);
    }
}

static char *
backtick_fence (const char *code, gsize min)
{
  gsize longest = 0, run = 0;

  for (const char *p = code; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return g_strnfill (MAX (min, longest + 1), '`');
}

static void render_blocks (xmlNode *parent, Inline *in, GString *out);

static const char *
attr (xmlNode *node, const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_ascii_strcasecmp ((const char *) a->name, name) == 0 && a->children != NULL)
      return (const char *) a->children->content;
  return NULL;
}

static void
append_destination (GString *out, const char *url)
{
  g_string_append_c (out, '<');
  for (const char *p = url != NULL ? url : ""; *p != '\0'; p++)
    {
      if (*p == '<' || *p == '>' || *p == '\n' || *p == '\r')
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        {
          if (*p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '>');
}

static gboolean
is_heading (const char *name)
{
  return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/* Notes in @targets each id of the article (the first of a name, where a
 * browser goes) with the words of the heading it is in, @heading, or ""
 * when it is in none or Obsidian cannot name that heading: a link names a
 * heading by its words, and "#", "^", "[", "]" and "|" end or change
 * such a link. */
static void
collect_targets (xmlNode *parent, const char *heading, GHashTable *targets)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *words = NULL;
      const char *id;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (heading == NULL && is_heading ((const char *) node->name))
        {
          xmlChar *content = xmlNodeGetContent (node);
          GString *joined = g_string_new (NULL);

          /* The words as the heading line reads them: its white space one space. */
          for (const char *p = content != NULL ? (const char *) content : ""; *p != '\0'; p++)
            {
              if (!g_ascii_isspace (*p))
                g_string_append_c (joined, *p);
              else if (joined->len > 0 && joined->str[joined->len - 1] != ' ')
                g_string_append_c (joined, ' ');
            }
          xmlFree (content);
          g_strchomp (joined->str);
          words = strpbrk (joined->str, "#^[]|") == NULL ? g_strdup (joined->str) : g_strdup ("");
          g_string_free (joined, TRUE);
        }
      id = attr (node, "id");
      if (id != NULL && !g_hash_table_contains (targets, id))
        g_hash_table_insert (targets, g_strdup (id),
                             g_strdup (words != NULL ? words : heading != NULL ? heading : ""));
      collect_targets (node, words != NULL ? words : heading, targets);
    }
}

/* Where a link within the article goes in the note, or NULL: a heading of
 * it by Obsidian's own link to a heading of the same note, its words
 * percent-encoded as its Markdown links are (#Heading%20Text), since the
 * article's #article-… ids are no more in the note and Obsidian follows
 * none; NULL for any other target (a footnote's list item), whose words
 * are better without a link than with a dead one. */
static char *
dup_heading_destination (Inline *in, const char *href)
{
  g_autofree char *decoded = g_uri_unescape_string (href + 1, NULL);
  const char *words = g_hash_table_lookup (in->targets, href + 1);
  g_autofree char *escaped = NULL;

  if (words == NULL && decoded != NULL)
    words = g_hash_table_lookup (in->targets, decoded);
  if (words == NULL || *words == '\0')
    return NULL;
  escaped = g_uri_escape_string (words, "!$&'*+,;=:@/?", TRUE);
  return g_strconcat ("#", escaped, NULL);
}

static void
render_inline (xmlNode *node, Inline *in)
{
  const char *name;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      inline_text (in, (const char *) node->content, FALSE);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  name = (const char *) node->name;
  if (g_str_equal (name, "br"))
    {
      para_close_mark (in);
      g_string_append (in->para, "\\\n");
    }
  else if (g_str_equal (name, "img"))
    {
      const char *alt = attr (node, "alt");
      const char *src = attr (node, "src");
      g_autofree char *label = clipper_export_escape_markdown (alt != NULL && *alt ? alt : "image", NULL);

      while (src != NULL && g_ascii_isspace (*src))
        src++;
      /* A picture written into the page (data:) has no address but its
       * bytes: as a link it put all of them, tens of kilobytes of base64,
       * into the note.  Its alt text stands for it, in brackets that link
       * nowhere, as the reader shows a picture it has not. */
      if (src != NULL && g_ascii_strncasecmp (src, "data:", 5) == 0)
        {
          g_string_append_printf (in->para, "\\[%s\\]", label);
          return;
        }
      g_string_append_printf (in->para, "[%s](", label);
      append_destination (in->para, src);
      g_string_append_c (in->para, ')');
    }
  else if (g_str_equal (name, "code") || g_str_equal (name, "kbd") || g_str_equal (name, "samp"))
    {
      g_autoptr (GString) code = g_string_new (NULL);
      g_autofree char *fence = NULL;

      para_close_mark (in);
      collect_text (node, in, code);
      g_strdelimit (code->str, "\n\r", ' ');
      fence = backtick_fence (code->str, 1);
      g_string_append_printf (in->para, "%s %s %s", fence, code->str, fence);
      advance_marks (in, FALSE);
    }
  else
    {
      const char *wrap = NULL;
      const char *href = g_str_equal (name, "a") ? attr (node, "href") : NULL;
      g_autofree char *heading = href != NULL && href[0] == '#' ? dup_heading_destination (in, href) : NULL;
      gboolean link = href != NULL && (href[0] != '#' || heading != NULL);

      if (g_str_equal (name, "strong") || g_str_equal (name, "b"))
        wrap = "**";
      else if (g_str_equal (name, "em") || g_str_equal (name, "i"))
        wrap = "*";
      else if (g_str_equal (name, "s") || g_str_equal (name, "del"))
        wrap = "~~";

      /* Marks close before a delimiter and open again after it, so that
       * "==" and "*" nest properly. */
      if (link || wrap != NULL)
        para_close_mark (in);
      if (link)
        g_string_append_c (in->para, '[');
      if (wrap != NULL)
        g_string_append (in->para, wrap);
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        render_inline (child, in);
      if (link || wrap != NULL)
        para_close_mark (in);
      if (wrap != NULL)
        g_string_append (in->para, wrap);
      if (link)
        {
          g_string_append (in->para, "](");
          if (heading != NULL)
            g_string_append (in->para, heading);
          else
            append_destination (in->para, href);
          g_string_append_c (in->para, ')');
        }
    }
}

static void
append_block (GString *out, const char *block)
{
  if (block == NULL || *block == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, block);
}

/* Ends the paragraph being built and adds it to @out. */
static void
flush_para (Inline *in, GString *out)
{
  GString *p = in->para;
  gboolean reopen = in->mark_open;

  para_close_mark (in);
  while (p->len > 0 && (p->str[p->len - 1] == ' ' || p->str[p->len - 1] == '\n'))
    g_string_truncate (p, p->len - 1);
  if (p->len > 0 && !g_str_equal (p->str, "===="))
    {
      gsize s = g_str_has_prefix (p->str, "==") ? 2 : 0;
      gsize d = s;

      /* A paragraph must not start a list. */
      if (p->str[s] == '-' || p->str[s] == '+')
        g_string_insert_c (p, s, '\\');
      while (g_ascii_isdigit (p->str[d]))
        d++;
      if (d > s && (p->str[d] == '.' || p->str[d] == ')'))
        g_string_insert_c (p, d, '\\');
      append_block (out, p->str);
    }
  g_string_truncate (p, 0);
  if (reopen && in->marks->active > 0)
    {
      g_string_append (p, "==");
      in->mark_open = TRUE;
    }
}

static char *
prefix_lines (const char *text, const char *first, const char *rest)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *prefix = i == 0 ? first : rest;

      if (i > 0)
        g_string_append_c (out, '\n');
      if (*lines[i] == '\0')
        {
          /* No trailing white space on blank lines. */
          g_autofree char *trimmed = g_strdup (prefix);
          g_string_append (out, g_strchomp (trimmed));
        }
      else
        {
          g_string_append (out, prefix);
          g_string_append (out, lines[i]);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
render_sub (xmlNode *node, Inline *outer)
{
  g_autoptr (GString) sub = g_string_new (NULL);
  Inline in = { outer->marks, g_string_new (NULL), FALSE, outer->targets };

  if (outer->marks->active > 0)
    {
      g_string_append (in.para, "==");
      in.mark_open = TRUE;
    }
  render_blocks (node, &in, sub);
  flush_para (&in, sub);
  g_string_free (in.para, TRUE);
  return g_strdup (sub->str);
}

static void
render_table (xmlNode *table, Inline *in, GString *out)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  guint columns = 0;
  GString *md;

  /* Rows in document order, wherever thead/tbody put them. */
  g_ptr_array_add (stack, table->children);
  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node == NULL)
        continue;
      g_ptr_array_add (stack, node->next);
      if (node->type != XML_ELEMENT_NODE)
        {
          if (node->type == XML_TEXT_NODE)
            in->marks->cp += g_utf8_strlen ((const char *) node->content, -1);
          continue;
        }
      if (g_str_equal ((const char *) node->name, "tr"))
        {
          GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

          for (xmlNode *cell = node->children; cell != NULL; cell = cell->next)
            {
              if (cell->type == XML_ELEMENT_NODE)
                {
                  g_autofree char *text = render_sub (cell, in);

                  g_strdelimit (text, "\n", ' ');
                  g_ptr_array_add (cells, g_steal_pointer (&text));
                }
              else if (cell->type == XML_TEXT_NODE)
                in->marks->cp += g_utf8_strlen ((const char *) cell->content, -1);
            }
          columns = MAX (columns, cells->len);
          g_ptr_array_add (rows, cells);
        }
      else
        g_ptr_array_add (stack, node->children);
    }

  if (rows->len == 0 || columns == 0)
    return;

  md = g_string_new (NULL);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < columns; c++)
        g_string_append_printf (md, "| %s ", c < cells->len ? (char *) g_ptr_array_index (cells, c) : "");
      g_string_append (md, "|");
      if (r == 0)
        {
          g_string_append_c (md, '\n');
          for (guint c = 0; c < columns; c++)
            g_string_append (md, "| --- ");
          g_string_append (md, "|");
        }
      if (r + 1 < rows->len)
        g_string_append_c (md, '\n');
    }
  append_block (out, md->str);
  g_string_free (md, TRUE);
}

static void
render_block_element (xmlNode *node, Inline *in, GString *out)
{
  const char *name = (const char *) node->name;

  if (is_heading (name))
    {
      g_autofree char *inner = render_sub (node, in);
      g_autofree char *hashes = g_strnfill (name[1] - '0', '#');
      g_autofree char *heading = NULL;

      g_strdelimit (inner, "\n", ' ');
      heading = g_strdup_printf ("%s %s", hashes, inner);
      append_block (out, heading);
    }
  else if (g_str_equal (name, "hr"))
    append_block (out, "---");
  else if (g_str_equal (name, "pre"))
    {
      g_autoptr (GString) code = g_string_new (NULL);
      g_autofree char *fence = NULL;
      g_autofree char *block = NULL;

      collect_text (node, in, code);
      advance_marks (in, FALSE);
      if (code->len > 0 && code->str[code->len - 1] == '\n')
        g_string_truncate (code, code->len - 1);
      fence = backtick_fence (code->str, 3);
      block = g_strdup_printf ("%s\n%s\n%s", fence, code->str, fence);
      append_block (out, block);
    }
  else if (g_str_equal (name, "blockquote"))
    {
      g_autofree char *inner = render_sub (node, in);
      g_autofree char *quoted = prefix_lines (inner, "> ", "> ");

      append_block (out, quoted);
    }
  else if (g_str_equal (name, "ul") || g_str_equal (name, "ol"))
    {
      gboolean ordered = g_str_equal (name, "ol");
      GString *list = g_string_new (NULL);
      guint n = 0;

      for (xmlNode *item = node->children; item != NULL; item = item->next)
        {
          if (item->type == XML_ELEMENT_NODE)
            {
              g_autofree char *inner = render_sub (item, in);
              g_autofree char *marker = ordered ? g_strdup_printf ("%u. ", ++n) : g_strdup ("- ");
              g_autofree char *indent = g_strnfill (strlen (marker), ' ');
              g_autofree char *lines = prefix_lines (*inner != '\0' ? inner : "", marker, indent);

              if (list->len > 0)
                g_string_append_c (list, '\n');
              g_string_append (list, lines);
            }
          else if (item->type == XML_TEXT_NODE)
            in->marks->cp += g_utf8_strlen ((const char *) item->content, -1);
        }
      append_block (out, list->str);
      g_string_free (list, TRUE);
    }
  else if (g_str_equal (name, "table"))
    render_table (node, in, out);
  else
    {
      g_autofree char *inner = render_sub (node, in);
      append_block (out, inner);
    }
}

static void
render_blocks (xmlNode *parent, Inline *in, GString *out)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && is_block_element ((const char *) child->name))
        {
          flush_para (in, out);
          render_block_element (child, in, out);
        }
      else
        render_inline (child, in);
    }
}

char *
clipper_markdown_from_html (const char *html, GPtrArray *highlights)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree gint64 *starts = NULL;
  g_autofree gint64 *ends = NULL;
  MarkState marks = { 0 };
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Inline in = { &marks, NULL, FALSE, targets };
  htmlDocPtr doc;
  xmlNode *body = NULL;
  guint n = highlights != NULL ? highlights->len : 0;

  g_return_val_if_fail (html != NULL, NULL);

  starts = g_new0 (gint64, n + 1);
  ends = g_new0 (gint64, n + 1);
  for (guint i = 0; i < n; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (highlights, i);

      /* Orphans have no place in the text. */
      if (!clipper_highlight_get_anchored (h) || clipper_highlight_get_end (h) <= clipper_highlight_get_start (h))
        continue;
      starts[marks.n] = clipper_highlight_get_start (h);
      ends[marks.n] = clipper_highlight_get_end (h);
      marks.n++;
    }
  qsort (starts, marks.n, sizeof (gint64), compare_gint64);
  qsort (ends, marks.n, sizeof (gint64), compare_gint64);
  marks.starts = starts;
  marks.ends = ends;

  doc = htmlReadMemory (html, (int) MIN (strlen (html), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return g_strdup ("");

  for (xmlNode *n1 = xmlDocGetRootElement (doc); n1 != NULL && body == NULL; n1 = n1->children)
    if (n1->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n1->name, "body"))
      body = n1;
    else if (n1->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n1->name, "html"))
      for (xmlNode *c = n1->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "body"))
          body = c;

  in.para = g_string_new (NULL);
  if (body != NULL)
    {
      collect_targets (body, NULL, targets);
      render_blocks (body, &in, out);
      flush_para (&in, out);
    }
  g_string_free (in.para, TRUE);
  xmlFreeDoc (doc);

  return g_strdup (out->str);
}

/* ------------------------------------------------------------------ */
/* Quotes of more than one line                                        */

/* Whether @h is a passage on more than one line (of code, or across
 * paragraphs): its quote holds a line break, and it lies in the article's
 * text (@anchored). */
static gboolean
spans_lines (ClipperHighlight *h)
{
  return clipper_highlight_get_anchored (h) && clipper_highlight_get_end (h) > clipper_highlight_get_start (h)
         && strchr (clipper_highlight_get_quote (h), '\n') != NULL;
}

/* Whether writing @highlights of @article needs its HTML: one may quote
 * code, or more than one paragraph (a Kindle book has neither). */
static gboolean
needs_html (ClipperArticle *article, GPtrArray *highlights)
{
  if (clipper_kindle_is_book_url (clipper_article_get_url (article)))
    return FALSE;
  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    if (spans_lines (g_ptr_array_index (highlights, i)))
      return TRUE;
  return FALSE;
}

/* The <pre> of @blocks that holds all of @h, or NULL. */
static const ClipperCodeBlock *
code_block_of (GArray *blocks, ClipperHighlight *h)
{
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const ClipperCodeBlock *block = &g_array_index (blocks, ClipperCodeBlock, i);

      if (block->start <= clipper_highlight_get_start (h) && clipper_highlight_get_end (h) <= block->end)
        return block;
    }
  return NULL;
}

/* A quote of code, @code, as the block quote of a highlight: a fenced
 * code block (in @lang, if known) in it, its lines as they are, so that
 * Obsidian shows the code's shape and the import reads back the very
 * quote (quote_text() in clipper-markdown-import.c).  It ends in an empty
 * quote line, where the layout's " ^block-id" goes: a block id after the
 * closing fence would keep it from closing the code block. */
static char *
code_quote_block (const char *code, const char *lang)
{
  g_autofree char *fence = backtick_fence (code, 3);
  g_auto (GStrv) lines = g_strsplit (code, "\n", -1);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "> %s%s\n", fence, lang != NULL ? lang : "");
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
  g_string_append_printf (out, "> %s\n>", fence);
  return g_string_free (out, FALSE);
}

/* A quote of more than one paragraph (@h's, whose text's blocks end at
 * @ends) as its block quote: each paragraph on a line of its own, white
 * space collapsed as in any quote, and an empty quote line between two,
 * as Readwise and Omnivore write one, so that it reads as the page shows
 * it.  (A line break the source had inside a paragraph, which an article
 * saved before 30 November 2026 keeps in its text, is a space.)  NULL for
 * a quote of one paragraph, or one whose offsets are not its text's. */
static char *
paragraphs_quote_block (ClipperHighlight *h, GArray *ends)
{
  const char *quote = clipper_highlight_get_quote (h);
  gint64 start = clipper_highlight_get_start (h);
  gint64 end = clipper_highlight_get_end (h);
  g_autoptr (GString) out = g_string_new (NULL);
  const char *from = quote;
  guint parts = 0;

  if (g_utf8_strlen (quote, -1) != end - start)
    return NULL;
  for (guint i = 0; i <= ends->len; i++)
    {
      gint64 at = i < ends->len ? g_array_index (ends, gint64, i) : end;
      const char *to;
      g_autofree char *part = NULL;
      g_autofree char *line = NULL;
      g_autofree char *escaped = NULL;

      if (at <= start || (i < ends->len && at >= end))
        continue;
      to = g_utf8_offset_to_pointer (quote, at - start);
      part = g_strndup (from, to - from);
      line = clipper_text_dup_one_line (part);
      from = to;
      if (*line == '\0')
        continue;
      escaped = clipper_export_escape_markdown (line, "> ");
      g_string_append_printf (out, "%s%s", parts++ > 0 ? "\n>\n" : "", escaped);
    }
  return parts > 1 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* One article                                                         */

static char *
single_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  g_strdelimit (copy, "\r\n", ' ');
  return g_strstrip (copy);
}

/* The excerpt under the title is the extractor's, the article's first
 * paragraph: up to 2,000 characters, a wall of text between the title
 * and the highlights.  Readwise and Omnivore show a summary of a few
 * lines; so does the note.  An excerpt longer than EXCERPT_MAX_CHARS is
 * cut at the end of a sentence in its second half, else at the last
 * space (CJK text has none: at the limit), and "…" says so.  What is cut
 * is no longer than that, so cutting it again changes nothing: the
 * import renders the head the same way to tell Clipper's lines from the
 * user's, and an article the import adds keeps the excerpt it read. */
#define EXCERPT_MAX_CHARS 300

static char *
dup_short_excerpt (const char *excerpt)
{
  const char *end, *half, *sentence = NULL, *space = NULL;
  g_autofree char *kept = NULL;

  if (excerpt == NULL || g_utf8_strlen (excerpt, -1) <= EXCERPT_MAX_CHARS)
    return g_strdup (excerpt);
  /* Room for " …" after the text kept. */
  end = g_utf8_offset_to_pointer (excerpt, EXCERPT_MAX_CHARS - 2);
  half = g_utf8_offset_to_pointer (excerpt, EXCERPT_MAX_CHARS / 2);
  for (const char *p = half; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (c))
        space = p;
      else if ((c == '.' || c == '!' || c == '?') && g_unichar_isspace (g_utf8_get_char (next)))
        sentence = next;
      else if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)   /* 。！？ */
        sentence = next;
    }
  if (sentence != NULL)
    {
      kept = g_strndup (excerpt, sentence - excerpt);
      return g_strconcat (kept, " …", NULL);
    }
  kept = g_strndup (excerpt, (space != NULL ? space : end) - excerpt);
  /* "word,…" reads as a typo. */
  g_strchomp (kept);
  while (*kept != '\0' && strchr (",;:", kept[strlen (kept) - 1]) != NULL)
    kept[strlen (kept) - 1] = '\0';
  return g_strconcat (kept, "…", NULL);
}

static void
add_string (JsonObject *obj, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

/* The Obsidian tags of @tags, each once, in order: their slugs, and in
 * *@out_first the index in @tags of the first tag each is made from.  A
 * tag Obsidian would show as text (#2024), or take for another one, is
 * not one: clipper-tags and clipper-highlight-tags name it.  "C" and
 * "C++" are one, #c (the tags line had it twice). */
static GPtrArray *
obsidian_tags (const char *const *tags,
               GArray           **out_first)
{
  GPtrArray *slugs = g_ptr_array_new_with_free_func (g_free);

  *out_first = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      char *slug = clipper_export_tag_slug (tags[i]);

      if (!clipper_export_slug_is_tag (slug) || g_ptr_array_find_with_equal_func (slugs, slug, g_str_equal, NULL))
        {
          g_free (slug);
          continue;
        }
      g_ptr_array_add (slugs, slug);
      g_array_append_val (*out_first, i);
    }
  return slugs;
}

static JsonArray *
tags_array (const char *const *tags, GString *inline_tags)
{
  JsonArray *array = json_array_new ();
  g_autoptr (GArray) first = NULL;
  g_autoptr (GPtrArray) slugs = obsidian_tags (tags, &first);

  for (guint i = 0; i < slugs->len; i++)
    {
      JsonObject *tag = json_object_new ();
      g_autofree char *hashed = g_strconcat ("#", (const char *) g_ptr_array_index (slugs, i), NULL);

      json_object_set_string_member (tag, "name", tags[g_array_index (first, guint, i)]);
      json_object_set_string_member (tag, "tag", hashed);
      json_array_add_object_element (array, tag);
      if (inline_tags != NULL)
        {
          if (inline_tags->len > 0)
            g_string_append_c (inline_tags, ' ');
          g_string_append (inline_tags, hashed);
        }
    }
  return array;
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
}

static JsonNode *
article_context (ClipperArticle *article, GPtrArray *highlights, const ClipperExportOptions *options)
{
  JsonObject *obj = json_object_new ();
  JsonArray *hl = json_array_new ();
  GHashTable *meanings = options != NULL ? options->color_meanings : NULL;
  g_autoptr (GHashTable) defaults = NULL;
  g_autofree char *title = single_line (clipper_article_get_title (article));
  g_autofree char *uid = clipper_export_article_uid (article);
  g_autofree char *saved = clipper_export_format_time (clipper_article_get_saved_at (article));
  g_autofree char *excerpt = dup_short_excerpt (clipper_article_get_excerpt (article));
  g_autoptr (GString) inline_tags = g_string_new (NULL);
  const char *url = clipper_article_get_url (article);
  g_autoptr (ClipperTextLayout) layout = NULL;
  GArray *code = NULL;
  GArray *ends = NULL;
  JsonNode *node;

  if (clipper_article_get_html (article) != NULL && clipper_article_get_text (article) != NULL
      && needs_html (article, highlights))
    layout = clipper_html_dup_text_layout (clipper_article_get_html (article),
                                           clipper_article_get_text (article));
  if (layout != NULL)
    {
      code = layout->code_blocks;
      ends = layout->block_ends;
    }
  if (meanings == NULL)
    meanings = defaults = clipper_export_default_color_meanings ();

  add_string (obj, "title", *title != '\0' ? title : "Untitled");
  add_string (obj, "url", url);
  add_string (obj, "author", clipper_article_get_byline (article));
  add_string (obj, "site", clipper_article_get_site_name (article));
  add_string (obj, "published", clipper_article_get_published_time (article));
  add_string (obj, "saved", saved);
  add_string (obj, "excerpt", excerpt);
  add_string (obj, "clipper_id", uid);
  json_object_set_int_member (obj, "reading_minutes", clipper_article_get_reading_minutes (article));
  json_object_set_array_member (obj, "tags", tags_array (clipper_article_get_tags (article), inline_tags));
  add_string (obj, "tags_inline", inline_tags->str);
  json_object_set_int_member (obj, "highlight_count", highlights != NULL ? highlights->len : 0);

  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (highlights, i);
      JsonObject *ho = json_object_new ();
      const char *color = clipper_highlight_get_color (h);
      const char *meaning = color != NULL ? g_hash_table_lookup (meanings, color) : NULL;
      /* The quote as the page shows it: an article saved before its white
       * space was collapsed has the source's line breaks and indentation
       * in its quotes, which came out as "> &#32;&#32;…" lines. */
      g_autofree char *quote = clipper_text_dup_one_line (clipper_highlight_get_quote (h));
      const ClipperCodeBlock *in_code = spans_lines (h) ? code_block_of (code, h) : NULL;
      g_autofree char *quote_block = in_code != NULL ? code_quote_block (clipper_highlight_get_quote (h), in_code->lang)
                                     : spans_lines (h) && ends != NULL ? paragraphs_quote_block (h, ends) : NULL;
      g_autofree char *color_tag = clipper_export_color_tag (meanings, color != NULL ? color : "yellow");
      g_autofree char *hashed_color = g_strconcat ("#", color_tag, NULL);
      /* A passage the article's text no longer holds (or not yet: a
       * library restored from its vault) has no place on the page for a
       * text fragment to scroll to, and says so: lost, or not placed yet
       * when the article has no text to look in (it was never looked
       * for).  A Kindle book's highlights are never placed in a text:
       * their location is their place. */
      gboolean placeless = !clipper_highlight_get_anchored (h) && !clipper_kindle_is_book_url (url);
      gboolean unplaced = placeless && !clipper_highlight_get_article_has_text (h);
      gboolean lost = placeless && !unplaced;
      g_autofree char *link = is_web_url (url) && !placeless ? clipper_export_text_fragment_url (url, h) : NULL;
      g_autofree char *location = clipper_kindle_dup_location (url, h);
      g_autofree char *created = clipper_export_format_time (clipper_highlight_get_created_at (h));
      g_autoptr (GString) hl_tags = g_string_new (NULL);
      g_autofree char *block_id = clipper_export_block_id (clipper_highlight_get_uuid (h));
      const char *note = clipper_highlight_get_note (h);
      g_autofree char *note_markdown = note != NULL && *note != '\0' ? clipper_export_note_markdown (note) : NULL;

      if (quote_block == NULL)
        quote_block = clipper_export_escape_markdown (quote, "> ");
      add_string (ho, "quote", quote);
      add_string (ho, "quote_block", quote_block);
      add_string (ho, "note", clipper_highlight_get_note (h));
      add_string (ho, "note_markdown", note_markdown);
      add_string (ho, "color", color);
      add_string (ho, "meaning", meaning != NULL ? meaning : color);
      add_string (ho, "color_tag", hashed_color);
      json_object_set_array_member (ho, "tags", tags_array (clipper_highlight_get_tags (h), hl_tags));
      add_string (ho, "tags_inline", hl_tags->str);
      add_string (ho, "link", link);
      add_string (ho, "page", clipper_highlight_get_page (h));
      add_string (ho, "location", location);
      add_string (ho, "block_id", block_id);
      add_string (ho, "uuid", clipper_highlight_get_uuid (h));
      add_string (ho, "created", created);
      json_object_set_boolean_member (ho, "anchored", clipper_highlight_get_anchored (h));
      json_object_set_boolean_member (ho, "lost", lost);
      json_object_set_boolean_member (ho, "unplaced", unplaced);
      json_array_add_object_element (hl, ho);
    }
  json_object_set_array_member (obj, "highlights", hl);

  if (options != NULL && options->include_body && clipper_article_get_html (article) != NULL)
    {
      g_autofree char *body = clipper_markdown_from_html (clipper_article_get_html (article), highlights);
      add_string (obj, "body", body);
    }
  else
    json_object_set_null_member (obj, "body");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, obj);
  return node;
}

static void
append_key (GString *out, const char *key, const char *value, gboolean always)
{
  if (!always && (value == NULL || *value == '\0'))
    return;
  g_string_append_printf (out, "%s: ", key);
  clipper_export_yaml_string (out, value);
  g_string_append_c (out, '\n');
}

/* Whether a tag of @tags is not its own slug ("reading list", "C") or
 * no Obsidian tag ("2024"): the tags the vault writes for Obsidian would
 * not give it back. */
static gboolean
any_tag_unlike_slug (const char *const *tags)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *slug = clipper_export_tag_slug (tags[i]);

      if (!g_str_equal (slug, tags[i]) || !clipper_export_slug_is_tag (slug))
        return TRUE;
    }
  return FALSE;
}

/* The exact names of the tags that tags: and the tags lines write as
 * slugs, so that a library restored from its vault gets "reading list",
 * "C" and "C++" back rather than "reading-list" and one "c".  Written only
 * where a slug loses something, so that other files read as before:
 * clipper-tags, the article's tags; clipper-highlight-tags, a highlight's
 * as "block-id name", one entry a tag (a list of strings, which
 * Obsidian's Properties keep and write back as a list). */
static void
render_tag_names (GString *out, ClipperArticle *article, GPtrArray *highlights)
{
  const char *const *tags = clipper_article_get_tags (article);
  gboolean any = FALSE;

  if (any_tag_unlike_slug (tags))
    {
      g_string_append (out, "clipper-tags: [");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          clipper_export_yaml_string (out, tags[i]);
        }
      g_string_append (out, "]\n");
    }
  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (highlights, i);
      const char *const *hl_tags = clipper_highlight_get_tags (h);
      g_autofree char *block_id = NULL;

      if (!any_tag_unlike_slug (hl_tags))
        continue;
      block_id = clipper_export_block_id (clipper_highlight_get_uuid (h));
      for (guint j = 0; hl_tags[j] != NULL; j++)
        {
          g_autofree char *entry = g_strconcat (block_id, " ", hl_tags[j], NULL);

          g_string_append (out, any ? ", " : "clipper-highlight-tags: [");
          clipper_export_yaml_string (out, entry);
          any = TRUE;
        }
    }
  if (any)
    g_string_append (out, "]\n");
}

/* @markdown_notes: the section writes notes as Markdown (note_markdown),
 * which the file says for the import (clipper-notes: markdown); files
 * without it have notes escaped as text.  @library_id: the library that
 * writes the vault (clipper-library), so that another library importing
 * the file takes its highlights for new ones, even without the manifest
 * (Obsidian Sync does not carry hidden files); NULL outside a vault.
 * @highlights: the section's, for their tags' exact names. */
static void
render_front_matter (GString *out, ClipperArticle *article, GPtrArray *highlights, gboolean markdown_notes,
                     const char *library_id)
{
  g_autofree char *uid = clipper_export_article_uid (article);
  g_autofree char *saved = clipper_export_format_time (clipper_article_get_saved_at (article));
  const char *const *tags = clipper_article_get_tags (article);
  g_autoptr (GPtrArray) slugs = NULL;
  g_autoptr (GArray) first = NULL;
  ClipperReadState state = clipper_article_get_read_state (article);
  g_autofree char *position = clipper_export_format_position (clipper_article_get_reading_position (article));

  g_string_append (out, "---\n");
  append_key (out, "title", clipper_article_get_title (article), TRUE);
  append_key (out, "author", clipper_article_get_byline (article), FALSE);
  append_key (out, "site", clipper_article_get_site_name (article), FALSE);
  append_key (out, "url", clipper_article_get_url (article), TRUE);
  append_key (out, "published", clipper_article_get_published_time (article), FALSE);
  append_key (out, "saved", saved, TRUE);
  /* Obsidian takes no spaces in a tag: each is written as its inline
   * #tag is ("machine-learning" for "machine learning"), once, and the
   * import maps it back to the library's tag of that form; one with no
   * such form ("2024") is left to clipper-tags. */
  slugs = obsidian_tags (tags, &first);
  g_string_append (out, "tags: [");
  for (guint i = 0; i < slugs->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      clipper_export_yaml_string (out, g_ptr_array_index (slugs, i));
    }
  g_string_append (out, "]\n");
  render_tag_names (out, article, highlights);
  /* The library's state of the article, so that a library restored from
   * its vault is whole: unquoted, as Obsidian's Properties write a
   * checkbox and a number, and only when set (a checkbox unticked there
   * says false). */
  if (clipper_article_get_starred (article))
    g_string_append (out, "starred: true\n");
  if (state != CLIPPER_READ_STATE_UNREAD)
    g_string_append (out, "read: true\n");
  if (state == CLIPPER_READ_STATE_ARCHIVED)
    g_string_append (out, "archived: true\n");
  append_key (out, "clipper-id", uid, TRUE);
  append_key (out, "clipper-library", library_id, FALSE);
  if (position != NULL)
    g_string_append_printf (out, "clipper-position: %s\n", position);
  if (markdown_notes)
    append_key (out, "clipper-notes", "markdown", TRUE);
  g_string_append (out, "---\n");
}

static char *
render_with (ClipperTemplate            *tmpl,
             ClipperArticle             *article,
             GPtrArray                  *highlights,
             const ClipperExportOptions *options,
             const char                 *library_id)
{
  g_autoptr (JsonNode) context = article_context (article, highlights, options);
  GString *out = g_string_new (NULL);
  GString *section = g_string_new (NULL);

  render_front_matter (out, article, highlights, clipper_template_uses (tmpl, "note_markdown"), library_id);
  clipper_template_render (tmpl, section, context);
  while (section->len > 0 && g_ascii_isspace (section->str[section->len - 1]))
    g_string_truncate (section, section->len - 1);

  g_string_append (out, CLIPPER_MARKDOWN_BEGIN_MARK "\n");
  if (section->len > 0)
    {
      g_string_append_len (out, section->str, section->len);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, CLIPPER_MARKDOWN_END_MARK "\n");
  g_string_free (section, TRUE);

  return g_string_free (out, FALSE);
}

char *
clipper_markdown_render_article (ClipperArticle             *article,
                                 GPtrArray                  *highlights,
                                 const ClipperExportOptions *options,
                                 GError                    **error)
{
  g_autoptr (ClipperTemplate) tmpl = NULL;
  const char *source = default_template;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), NULL);

  if (options != NULL && options->template_text != NULL)
    source = options->template_text;
  tmpl = clipper_template_new (source, error);
  if (tmpl == NULL)
    return NULL;

  return render_with (tmpl, article, highlights, options, NULL);
}

char *
clipper_markdown_render_highlight (ClipperArticle   *article,
                                   ClipperHighlight *highlight,
                                   GHashTable       *color_meanings)
{
  return clipper_markdown_render_highlight_as (article, highlight, color_meanings, TRUE);
}

char *
clipper_markdown_render_highlight_as (ClipperArticle   *article,
                                      ClipperHighlight *highlight,
                                      GHashTable       *color_meanings,
                                      gboolean          markdown_notes)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();
  g_autoptr (JsonNode) context = NULL;
  g_autoptr (ClipperTemplate) tmpl = NULL;
  g_autofree char *source = NULL;
  ClipperExportOptions options = { 0 };
  const char *start, *end;
  GString *out;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), NULL);

  /* The highlights section of the built-in layout, so the two never differ. */
  start = strstr (default_template, "{{#highlights}}\n");
  end = strstr (default_template, "{{/highlights}}\n");
  g_assert (start != NULL && end != NULL);
  source = g_strndup (start, end + strlen ("{{/highlights}}\n") - start);
  if (!markdown_notes)
    {
      /* As files written before notes were Markdown had it. */
      g_autoptr (GString) escaped = g_string_new (source);

      g_string_replace (escaped, "{{{note_markdown}}}", "{{note}}", 1);
      g_free (source);
      source = g_string_free (g_steal_pointer (&escaped), FALSE);
    }
  tmpl = clipper_template_new (source, NULL);
  g_assert (tmpl != NULL);

  options.color_meanings = color_meanings;
  g_ptr_array_add (one, highlight);
  context = article_context (article, one, &options);
  out = g_string_new (NULL);
  clipper_template_render (tmpl, out, context);
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Merging into a file the user may have edited                        */

typedef struct {
  char    *key;   /* NULL for lines before the first key (comments) */
  GString *text;  /* the key's lines, each ending in '\n' */
} FrontEntry;

static void
front_entry_free (gpointer data)
{
  FrontEntry *entry = data;

  g_free (entry->key);
  g_string_free (entry->text, TRUE);
  g_free (entry);
}

/* Splits @text into front matter entries and the body after it.  Returns
 * NULL entries (and the whole text as body) when there is no front matter.
 * A UTF-8 byte order mark before it (Windows' Notepad, some sync tools
 * write one) is not part of either: the front matter starts after it. */
static GPtrArray *
split_front_matter (const char *text, const char **out_body)
{
  GPtrArray *entries;
  const char *p, *end;

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  *out_body = text;
  if (!g_str_has_prefix (text, "---\n") && !g_str_has_prefix (text, "---\r\n"))
    return NULL;

  p = strchr (text, '\n') + 1;
  end = NULL;
  for (const char *line = p; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);

      if ((len == 3 || (len == 4 && line[3] == '\r')) && (strncmp (line, "---", 3) == 0 || strncmp (line, "...", 3) == 0))
        {
          end = line;
          *out_body = nl != NULL ? nl + 1 : line + len;
          break;
        }
      if (nl == NULL)
        break;
      line = nl + 1;
    }
  if (end == NULL)
    {
      *out_body = text;
      return NULL;
    }

  entries = g_ptr_array_new_with_free_func (front_entry_free);
  for (const char *line = p; line < end;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL && nl < end ? (gsize) (nl - line) + 1 : (gsize) (end - line);
      const char *colon = memchr (line, ':', len);
      gboolean top_key = len > 0 && colon != NULL && !g_ascii_isspace (line[0]) && line[0] != '-' && line[0] != '#';
      FrontEntry *entry;

      if (top_key || entries->len == 0)
        {
          entry = g_new0 (FrontEntry, 1);
          entry->text = g_string_new (NULL);
          if (top_key)
            {
              g_autofree char *key = g_strndup (line, colon - line);
              entry->key = g_strdup (g_strstrip (key));
              g_strdelimit (entry->key, "\"'", ' ');
              g_strstrip (entry->key);
            }
          g_ptr_array_add (entries, entry);
        }
      entry = g_ptr_array_index (entries, entries->len - 1);
      g_string_append_len (entry->text, line, len);
      if (entry->text->str[entry->text->len - 1] != '\n')
        g_string_append_c (entry->text, '\n');
      line += len;
    }
  return entries;
}

/* Whether @text's line ends are CRLF (as its first line's is). */
static gboolean
uses_crlf (const char *text)
{
  const char *nl = strchr (text, '\n');

  return nl != NULL && nl > text && nl[-1] == '\r';
}

/* @text (taken) with every line ending in CRLF. */
static char *
to_crlf (char *text)
{
  GString *out = g_string_new (text);

  g_free (text);
  g_string_replace (out, "\r\n", "\n", 0);
  g_string_replace (out, "\n", "\r\n", 0);
  return g_string_free (out, FALSE);
}

static void
skip_blanks (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

/* The items of @entry's list, read as the import reads them
 * (clipper_markdown_yaml_list()), when they are all its lines hold: a flow
 * list on its key's line (*@out_block FALSE) or a block list on the lines
 * below ("  - a", what Obsidian's Properties write; *@out_block TRUE).
 * NULL when the value is neither (one plain value, a comment among the
 * items, no YAML): it is then not kept. */
static GPtrArray *
list_items (FrontEntry *entry, gboolean *out_block)
{
  g_auto (GStrv) lines = g_strsplit (entry->text->str, "\n", -1);
  g_autoptr (GPtrArray) items = NULL;
  ClipperYamlListForm form;
  gboolean bare;

  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);
  items = clipper_markdown_yaml_list (strchr (lines[0], ':') + 1, (const char *const *) lines + 1, &form, &bare);
  if (items == NULL || form == CLIPPER_YAML_LIST_SCALAR || !bare)
    return NULL;
  *out_block = form == CLIPPER_YAML_LIST_BLOCK;
  return g_steal_pointer (&items);
}

/* Whether @value can go unquoted in a list (a @block one or a flow one)
 * and read back the same, in the import and in a YAML parser such as
 * Obsidian's (js-yaml's: YAML 1.2's core schema, with numbers as YAML
 * 1.1 wrote them and timestamps): nothing YAML reads as a number, a
 * date, a boolean or null. */
static gboolean
reads_same_plain (const char *value, gboolean block)
{
  static const char *const special[] = { "true", "false", "null", "yes", "no", "on", "off", "~", NULL };
  static GRegex *not_text = NULL;
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *back = NULL;
  const char *p = value;
  gboolean ok = TRUE;

  if (g_once_init_enter (&not_text))
    {
      /* Numbers (0b, 0o, 0x, "_" between digits, 1:30 in base 60, .inf,
       * .nan) and timestamps (2024-05-01, with a time or not). */
      GRegex *r = g_regex_new ("^(?:[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+"
                               "|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
                               "|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\\.(?:inf|Inf|INF))|\\.(?:nan|NaN|NAN)"
                               "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                               "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&not_text, r);
    }
  if (*value == '\0' || strchr ("-?:,[]{}#&*!|>'\"%@`", *value) != NULL || strstr (value, ": ") != NULL
      || g_str_has_suffix (value, ":") || strpbrk (value, "\n\r\t\\") != NULL
      || (!block && strpbrk (value, ",[]{}") != NULL) || g_strv_contains (special, lower)
      || g_regex_match (not_text, value, 0, NULL))
    return FALSE;
  back = clipper_markdown_yaml_scalar (&p, block ? "" : ",]", &ok);
  return ok && *p == '\0' && g_str_equal (back, value);
}

/* @value as an item of a list, unquoted when @plain (the file's items
 * are) and it reads the same so. */
static char *
item_text (const char *value, gboolean plain, gboolean block)
{
  GString *out;

  if (plain && reads_same_plain (value, block))
    return g_strdup (value);
  out = g_string_new (NULL);
  clipper_export_yaml_string (out, value);
  return g_string_free (out, FALSE);
}

/* @fresh's list (Clipper's, a flow list) in the form the file's @old has
 * it, so that Clipper and Obsidian's Properties do not keep rewriting each
 * other's form: a block list stays one, the items both have keep their
 * order and, where they read the same, how they were written; the new ones
 * follow, unquoted when the file's are.  @tags: the items are tags: slugs,
 * and the file's "C" or "reading list" is the same tag as "c" or
 * "reading-list" (it keeps its place, written as the slug unless it
 * differs only in case, as Obsidian's tags may).  NULL when @old is no
 * list. */
static char *
list_in_form (FrontEntry *old, FrontEntry *fresh, gboolean tags)
{
  gboolean block, fresh_block;
  g_autofree char *indent = NULL;
  g_autoptr (GPtrArray) had = list_items (old, &block);
  g_autoptr (GPtrArray) items = list_items (fresh, &fresh_block);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *written = NULL;
  gboolean plain = TRUE, changed = FALSE;
  GString *out;

  if (had == NULL || items == NULL)
    return NULL;
  /* The blanks before the first item's dash, then "- ", also when that
   * item is empty ("  -": its dash alone made every item "  -c"). */
  if (block && had->len > 0)
    indent = g_strconcat (((ClipperYamlItem *) g_ptr_array_index (had, 0))->indent, "- ", NULL);
  written = g_new0 (gboolean, items->len);
  for (guint i = 0; i < had->len; i++)
    {
      ClipperYamlItem *item = g_ptr_array_index (had, i);

      plain = plain && item->raw[0] != '"' && item->raw[0] != '\'';
    }
  for (guint i = 0; i < had->len; i++)
    {
      ClipperYamlItem *item = g_ptr_array_index (had, i);
      g_autofree char *key = NULL;
      g_autofree char *lower = NULL;
      guint j;

      /* (An empty item is no tag: the import skips it.) */
      if (*item->value == '\0')
        {
          changed = TRUE;
          continue;
        }
      key = tags ? clipper_export_tag_slug (item->value) : g_strdup (item->value);
      /* Lower-cased as the slug is: folded, "Straße" is "strasse", never
       * its slug "straße". */
      lower = g_utf8_strdown (item->value, -1);
      for (j = 0; j < items->len; j++)
        if (!written[j] && g_str_equal (((ClipperYamlItem *) g_ptr_array_index (items, j))->value, key))
          break;
      if (j == items->len)
        {
          changed = TRUE;
          continue;
        }
      written[j] = TRUE;
      if (g_str_equal (tags ? lower : item->value, key))
        g_ptr_array_add (texts, g_strdup (item->raw));
      else
        {
          g_ptr_array_add (texts, item_text (key, plain, block));
          changed = TRUE;
        }
    }
  for (guint j = 0; j < items->len; j++)
    if (!written[j])
      {
        g_ptr_array_add (texts, item_text (((ClipperYamlItem *) g_ptr_array_index (items, j))->value, plain, block));
        changed = TRUE;
      }
  if (!changed)
    return g_strdup (old->text->str);

  out = g_string_new_len (old->text->str, strchr (old->text->str, ':') + 1 - old->text->str);
  g_string_append (out, block ? "\n" : " [");
  for (guint i = 0; i < texts->len; i++)
    {
      if (block)
        g_string_append (out, indent != NULL ? indent : "  - ");
      else if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (texts, i));
      if (block)
        g_string_append_c (out, '\n');
    }
  if (!block)
    g_string_append (out, "]\n");
  return g_string_free (out, FALSE);
}

/* The scalar value of @entry's key, as the import reads it; NULL when it
 * is no scalar on its key's line alone. */
static char *
scalar_of (FrontEntry *entry)
{
  const char *p = strchr (entry->text->str, ':') + 1;
  const char *nl = strchr (p, '\n');
  gboolean ok = TRUE;
  g_autofree char *value = NULL;

  if (nl == NULL || nl[1] != '\0')
    return NULL;
  value = clipper_markdown_yaml_scalar (&p, "\r\n", &ok);
  skip_blanks (&p);
  if (!ok || (*p != '\r' && *p != '\n' && *p != '#'))
    return NULL;
  return g_steal_pointer (&value);
}

/* Appends Clipper's @fresh entry of a key the file has as @old: in the
 * file's form where it reads the same (a value left unquoted or quoted
 * otherwise, a block list), else in Clipper's. */
static void
append_in_form (GString *out, FrontEntry *old, FrontEntry *fresh)
{
  static const char *const lists[] = { "tags", "clipper-tags", "clipper-highlight-tags", NULL };
  g_autofree char *list = NULL;
  g_autofree char *had = NULL;
  g_autofree char *value = NULL;

  if (g_strv_contains (lists, fresh->key))
    list = list_in_form (old, fresh, g_str_equal (fresh->key, "tags"));
  if (list != NULL)
    {
      g_string_append (out, list);
      return;
    }
  had = scalar_of (old);
  value = scalar_of (fresh);
  if (had != NULL && g_strcmp0 (had, value) == 0)
    g_string_append_len (out, old->text->str, old->text->len);
  else
    g_string_append_len (out, fresh->text->str, fresh->text->len);
}

char *
clipper_markdown_merge (const char *existing, const char *generated)
{
  g_autoptr (GPtrArray) old_entries = NULL;
  g_autoptr (GPtrArray) new_entries = NULL;
  const char *old_body, *new_body;
  const char *begin, *end_mark;
  g_autofree char *section = NULL;
  g_autoptr (GHashTable) used = NULL;
  GString *out;

  g_return_val_if_fail (generated != NULL, NULL);

  if (existing == NULL)
    return g_strdup (generated);

  new_entries = split_front_matter (generated, &new_body);
  old_entries = split_front_matter (existing, &old_body);
  g_assert (new_entries != NULL);

  /* Keys stay where they are, so a user who moved or added keys sees
   * only values change; Clipper's keys not yet in the file go last. */
  out = g_string_new ("---\n");
  used = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; old_entries != NULL && i < old_entries->len; i++)
    {
      FrontEntry *entry = g_ptr_array_index (old_entries, i);

      if (entry->key == NULL || !g_strv_contains (managed_keys, entry->key))
        g_string_append_len (out, entry->text->str, entry->text->len);
      else if (!g_hash_table_contains (used, entry->key))
        {
          for (guint j = 0; j < new_entries->len; j++)
            {
              FrontEntry *fresh = g_ptr_array_index (new_entries, j);

              if (g_strcmp0 (fresh->key, entry->key) == 0)
                {
                  append_in_form (out, entry, fresh);
                  g_hash_table_add (used, fresh->key);
                  break;
                }
            }
        }
    }
  for (guint i = 0; i < new_entries->len; i++)
    {
      FrontEntry *entry = g_ptr_array_index (new_entries, i);

      if (entry->key == NULL || !g_hash_table_contains (used, entry->key))
        g_string_append_len (out, entry->text->str, entry->text->len);
    }
  g_string_append (out, "---\n");

  /* The new section, without its final line break. */
  section = g_strdup (new_body);
  g_strchomp (section);

  begin = strstr (old_body, CLIPPER_MARKDOWN_BEGIN_MARK);
  end_mark = begin != NULL ? strstr (begin, CLIPPER_MARKDOWN_END_MARK) : NULL;
  if (begin != NULL && end_mark != NULL)
    {
      g_string_append_len (out, old_body, begin - old_body);
      g_string_append (out, section);
      g_string_append (out, end_mark + strlen (CLIPPER_MARKDOWN_END_MARK));
    }
  else
    {
      /* The user removed the markers: keep their text, add ours after it. */
      gsize len = strlen (old_body);

      g_string_append (out, old_body);
      if (len > 0 && old_body[len - 1] != '\n')
        g_string_append (out, "\n\n");
      else if (len > 0 && (len < 2 || old_body[len - 2] != '\n'))
        g_string_append_c (out, '\n');
      g_string_append (out, section);
      g_string_append_c (out, '\n');
    }

  /* A file with CRLF line ends (written on Windows) keeps them all, not
   * Clipper's lines in LF between the user's in CRLF. */
  if (uses_crlf (existing))
    return to_crlf (g_string_free (out, FALSE));
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* File names                                                          */

#define FILE_NAME_MAX_BYTES 120
/* How far back from the cut a word boundary is looked for. */
#define FILE_NAME_WORD_BACK 30

static gboolean
is_reserved_windows_name (const char *stem)
{
  static const char *const reserved[] = { "CON", "PRN", "AUX", "NUL", NULL };
  g_autofree char *base = NULL;
  const char *dot = strchr (stem, '.');

  /* "con.txt" is as reserved as "CON". */
  base = g_ascii_strup (stem, dot != NULL ? dot - stem : -1);
  g_strchomp (base);
  if (g_strv_contains (reserved, base))
    return TRUE;
  return strlen (base) == 4 && (g_str_has_prefix (base, "COM") || g_str_has_prefix (base, "LPT"))
         && base[3] >= '0' && base[3] <= '9';
}

char *
clipper_markdown_file_name (const char *title)
{
  g_autofree char *normalized = NULL;
  GString *out = g_string_new (NULL);
  gboolean last_space = TRUE;

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    normalized = g_utf8_normalize (title, -1, G_NORMALIZE_NFC);

  for (const char *p = normalized != NULL ? normalized : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* What Windows refuses, and what Obsidian's links cannot name
       * ([[a#b]] is a heading, ^ a block, [ ] end the link).  Format
       * characters go, but for the joiners inside emoji sequences and
       * Persian words (U+200C, U+200D). */
      gboolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c < 0x80 && strchr ("/\\:*?\"<>|#^[]", (int) c) != NULL)
                     || c == 0x2028 || c == 0x2029 || c == 0xfeff
                     || (g_unichar_type (c) == G_UNICODE_FORMAT && c != 0x200c && c != 0x200d);

      if (c == 0)
        break;
      if (bad || g_unichar_isspace (c))
        {
          if (!last_space)
            g_string_append_c (out, ' ');
          last_space = TRUE;
          continue;
        }
      /* ".." never appears, so no name can mean "the folder above". */
      if (c == '.' && out->len > 0 && out->str[out->len - 1] == '.')
        continue;
      g_string_append_unichar (out, c);
      last_space = FALSE;
    }

  /* No hidden files, no names that look like options, nothing Windows trims. */
  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == '-' || out->str[0] == ' '))
    g_string_erase (out, 0, 1);

  if (out->len > FILE_NAME_MAX_BYTES)
    {
      const char *cut = g_utf8_find_prev_char (out->str, out->str + FILE_NAME_MAX_BYTES + 1);
      gsize len = cut != NULL ? (gsize) (cut - out->str) : 0;

      /* At a word's end when one is near ("…and on the" rather than
       * "…and on th"). */
      for (gsize i = len; i > len - MIN (len, FILE_NAME_WORD_BACK); i--)
        if (out->str[i] == ' ')
          {
            len = i;
            break;
          }
      g_string_truncate (out, len);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    g_string_assign (out, "Untitled");
  if (is_reserved_windows_name (out->str))
    g_string_append_c (out, '_');

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Vault                                                               */

/* What the vault's manifest remembers of a file. */
typedef struct {
  char   *name;         /* file name in the vault */
  char   *fingerprint;  /* of everything the file was made from; NULL if unknown */
  gint64  size;         /* the file as Clipper left it */
  gint64  mtime;
  gint64  written;      /* when Clipper last wrote it or found it up to date; -1 if unknown */
  char   *section;      /* clipper_markdown_section_fingerprint() of it then; NULL if unknown */
  char   *tags;         /* clipper_markdown_tags_mark() of it then; NULL if unknown */
  char   *quotes;       /* clipper_markdown_highlight_marks()'s quotes of it then; NULL if unknown or… */
  gint64  quotes_at;    /* …where they are in the manifest as loaded (-1: not there) */
  guint   quotes_len;
  char   *marks;        /* clipper_markdown_highlight_marks() of it then; NULL if unknown or… */
  gint64  marks_at;     /* …where they are in the manifest as loaded (-1: not there) */
  guint   marks_len;
} VaultEntry;

static void
vault_entry_free (gpointer data)
{
  VaultEntry *entry = data;

  g_free (entry->name);
  g_free (entry->fingerprint);
  g_free (entry->section);
  g_free (entry->tags);
  g_free (entry->quotes);
  g_free (entry->marks);
  g_free (entry);
}

typedef struct {
  ClipperStore               *store;
  char                       *dir;
  const char                 *library_id;    /* the store's: the library writing the vault */
  char                       *manifest_library; /* the manifest's "library"; NULL: none (or a
                                                 * manifest from before) */
  const ClipperExportOptions *options;
  ClipperTemplate            *tmpl;
  GHashTable                 *manifest;      /* uid → VaultEntry */
  int                         manifest_fd;   /* the manifest as loaded, for its marks; -1 */
  GHashTable                 *used_names;    /* case-folded file name → uid */
  GHashTable                 *seen;          /* uids exported this run */
  GHashTable                 *highlight_fps; /* article id → guint64, or NULL */
  GHashTable                 *found;         /* uid → GPtrArray of Found: the vault's files by their
                                              * clipper-id, made by scan_vault() when first needed */
  guint64                     options_fp;
  char                       *current_fp;    /* of the article being exported */
  gboolean                    manifest_changed;
  gboolean                    no_manifest;   /* none, or empty: a new article's file may be anywhere */
  ClipperVaultStats           stats;
  guint                       total;
  ClipperProgressFunc         progress;
  gpointer                    progress_data;
  GPtrArray                  *notices;       /* what reading the files back could not take, for
                                              * the app; NULL: said with g_message() alone */
  GHashTable                 *copies_said;   /* names of copies find_moved() said; NULL: none */
  GPtrArray                  *copies;        /* names of the copies say_copies() said, for the
                                              * app; NULL: not wanted */
} Vault;

static char *
fold_name (const char *name)
{
  return g_utf8_casefold (name, -1);
}

/* A file's place in the vault as the manifest may hold it: "name.md" or,
 * for a file the user moved, "Reading/2026/name.md".  The manifest is a
 * file in the user's folder: trust no path in it.  No absolute path, no
 * empty or hidden part (so no "." or ".."), no backslash, not deeper than
 * the vault is searched. */
static gboolean
safe_manifest_name (const char *name)
{
  guint parts = 0;

  if (name == NULL || strchr (name, '\\') != NULL || !g_str_has_suffix (name, ".md")
      || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *part = name;; part++)
    {
      if (*part == '\0' || *part == '/' || *part == '.' || ++parts > CLIPPER_VAULT_MAX_DEPTH + 1)
        return FALSE;
      part = strchr (part, '/');
      if (part == NULL)
        return TRUE;
    }
}

/* Whether each folder on the way to @name in the vault is a real folder
 * (not a symbolic link, which could lead out of the vault), or missing
 * (FALSE too: then there is nothing to read and nowhere to write). */
static gboolean
folders_inside (const char *dir, const char *name)
{
  g_autoptr (GString) path = g_string_new (dir);

  for (const char *slash = strchr (name, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    {
      GStatBuf st;

      g_string_truncate (path, strlen (dir));
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append_len (path, name, slash - name);
      if (g_lstat (path->str, &st) != 0 || !S_ISDIR (st.st_mode))
        return FALSE;
    }
  return TRUE;
}

/* Where a value of a manifest entry left in the file stands (see
 * load_manifest_lines()); at -1: not there. */
typedef struct {
  gint64 at;
  guint  len;
} InFile;

/* One manifest entry: "name.md" or { "file": "name.md", "fingerprint": …,
 * "size": …, "mtime": …, "written": … }. */
static void
add_manifest_entry (Vault *vault, const char *uid, JsonNode *value, const InFile *quotes, const InFile *marks)
{
  VaultEntry *entry = g_new0 (VaultEntry, 1);

  entry->written = -1;
  entry->quotes_at = -1;
  entry->marks_at = -1;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    entry->name = g_strdup (json_node_get_string (value));
  else if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *obj = json_node_get_object (value);

      entry->name = g_strdup (json_object_get_string_member_with_default (obj, "file", NULL));
      entry->fingerprint = g_strdup (json_object_get_string_member_with_default (obj, "fingerprint", NULL));
      entry->size = json_object_get_int_member_with_default (obj, "size", -1);
      entry->mtime = json_object_get_int_member_with_default (obj, "mtime", -1);
      entry->written = json_object_get_int_member_with_default (obj, "written", -1);
      entry->section = g_strdup (json_object_get_string_member_with_default (obj, "section", NULL));
      entry->tags = g_strdup (json_object_get_string_member_with_default (obj, "tags", NULL));
      /* The marks of a million highlights are 16 MB, their quotes' 11 MB:
       * those of a manifest as Clipper writes it are left in the file and
       * read when needed (see entry_marks()), so the memory of a run does
       * not grow with the highlights. */
      if (quotes->at >= 0)
        {
          entry->quotes_at = quotes->at;
          entry->quotes_len = quotes->len;
        }
      else
        entry->quotes = g_strdup (json_object_get_string_member_with_default (obj, "quotes", NULL));
      if (marks->at >= 0)
        {
          entry->marks_at = marks->at;
          entry->marks_len = marks->len;
        }
      else
        entry->marks = g_strdup (json_object_get_string_member_with_default (obj, "marks", NULL));
    }
  if (!safe_manifest_name (entry->name))
    {
      vault_entry_free (entry);
      return;
    }
  g_hash_table_insert (vault->used_names, fold_name (entry->name), g_strdup (uid));
  g_hash_table_insert (vault->manifest, g_strdup (uid), entry);
}

static void
vault_init (Vault *vault, const char *dir)
{
  vault->dir = g_strdup (dir);
  vault->manifest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, vault_entry_free);
  vault->manifest_fd = -1;
  vault->used_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  vault->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
vault_clear (Vault *vault)
{
  g_clear_pointer (&vault->tmpl, clipper_template_free);
  g_clear_pointer (&vault->highlight_fps, g_hash_table_unref);
  g_clear_pointer (&vault->found, g_hash_table_unref);
  g_clear_pointer (&vault->copies_said, g_hash_table_unref);
  g_hash_table_unref (vault->manifest);
  if (vault->manifest_fd >= 0)
    close (vault->manifest_fd);
  g_hash_table_unref (vault->used_names);
  g_hash_table_unref (vault->seen);
  g_free (vault->current_fp);
  g_free (vault->manifest_library);
  g_free (vault->dir);
}

static gboolean
line_is (const char *line, gsize len, const char *what)
{
  return line != NULL && len == strlen (what) && memcmp (line, what, len) == 0;
}

/* The library named on @line of a manifest as save_manifest() writes it
 * (its third), or NULL. (transfer full) */
static char *
manifest_line_library (const char *line, gsize len)
{
  g_autofree char *id = NULL;

  if (!g_str_has_prefix (line, "  \"library\": \"") || !g_str_has_suffix (line, "\",")
      || len <= strlen ("  \"library\": \"\","))
    return NULL;
  id = g_strndup (line + strlen ("  \"library\": \""), len - strlen ("  \"library\": \"\","));
  return g_uuid_string_is_valid (id) ? g_steal_pointer (&id) : NULL;
}

char *
clipper_markdown_dup_vault_library (const char *dir)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) raw = NULL;
  g_autoptr (GDataInputStream) in = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  path = g_build_filename (dir, CLIPPER_VAULT_MANIFEST, NULL);
  file = g_file_new_for_path (path);
  raw = g_file_read (file, NULL, NULL);
  if (raw == NULL)
    return NULL;
  in = g_data_input_stream_new (G_INPUT_STREAM (raw));
  /* Its first three lines, not the whole file (40 MB in a large vault). */
  for (guint i = 0; i < 3; i++)
    {
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_line (in, &len, NULL, NULL);

      if (line == NULL)
        return NULL;
      if (i == 2)
        return manifest_line_library (line, len);
    }
  return NULL;
}

/* The base64 value of @key when it ends the entry on @line (which ends in
 * `, "key": "…"}`, as save_manifest() writes the marks and the quotes
 * before them): where it stands in the file, @line starting at @at, and
 * @line cut before it, so that the rest is parsed without it. */
static InFile
cut_last_value (char *line, gint64 at, const char *key)
{
  g_autofree char *opening = g_strdup_printf (", \"%s\": \"", key);
  char *found = g_strrstr (line, opening);
  const char *start, *end;
  InFile value = { -1, 0 };

  if (found == NULL)
    return value;
  start = found + strlen (opening);
  end = strchr (start, '"');
  if (end == NULL || end[1] != '}' || end[2] != '\0' || end - start > G_MAXINT)
    return value;
  value.at = at + (start - line);
  value.len = (guint) (end - start);
  found[0] = '}';
  found[1] = '\0';
  return value;
}

/* The manifest as save_manifest() writes it, one entry a line, read a line
 * at a time from the file: a whole-document parse of 100,000 entries
 * builds a tree of about 100 MB, and the file itself is 40 MB with the
 * highlights' marks.  FALSE (with nothing added) for anything else. */
static gboolean
load_manifest_lines (Vault *vault, GDataInputStream *in)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *line = NULL;
  gsize len = 0;
  gint64 at = 0, next = 0;   /* where the line starts in the file, and the next */

#define NEXT_LINE() (g_free (line), at = next, line = g_data_input_stream_read_line (in, &len, NULL, NULL), \
                     next += (gint64) len + 1, line != NULL)
  if (!NEXT_LINE () || !line_is (line, len, "{")
      || !NEXT_LINE () || !line_is (line, len, "  \"version\": 1,") || !NEXT_LINE ())
    return FALSE;
  /* The library that wrote the vault; manifests from before have none. */
  if (g_str_has_prefix (line, "  \"library\": \""))
    {
      g_autofree char *id = manifest_line_library (line, len);

      if (id == NULL || !NEXT_LINE ())
        return FALSE;
      vault->manifest_library = g_steal_pointer (&id);
    }
  if (!g_str_has_prefix (line, "  \"files\": {"))
    {
      g_clear_pointer (&vault->manifest_library, g_free);
      return FALSE;
    }
  if (line_is (line, len, "  \"files\": {}"))
    return TRUE;

  while (NEXT_LINE ())
    {
      const char *uid_end;
      InFile marks, quotes;
      g_autofree char *uid = NULL;

      if (line_is (line, len, "  }"))
        return TRUE;
      if (len > 0 && line[len - 1] == ',')
        line[--len] = '\0';
      if (!g_str_has_prefix (line, "    \"") || (uid_end = strchr (line + 5, '"')) == NULL
          || !g_str_has_prefix (uid_end, "\": "))
        break;
      uid = g_strndup (line + 5, (gsize) (uid_end - (line + 5)));
      /* save_manifest() writes the marks last and the quotes before them,
       * in base64 (no escapes): where they are is noted, and the rest of
       * the entry parsed without them. */
      marks = cut_last_value (line, at, "marks");
      quotes = cut_last_value (line, at, "quotes");
      if (!json_parser_load_from_data (parser, uid_end + 3, -1, NULL))
        break;
      add_manifest_entry (vault, uid, json_parser_get_root (parser), &quotes, &marks);
    }
#undef NEXT_LINE

  g_hash_table_remove_all (vault->manifest);
  g_hash_table_remove_all (vault->used_names);
  g_clear_pointer (&vault->manifest_library, g_free);
  return FALSE;
}

/* Whether the manifest's @contents are nothing, or an empty object. */
static gboolean
is_empty_manifest (const char *contents, gsize length)
{
  char seen[3] = { 0 };
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isspace (contents[i]))
        continue;
      if (n == 2)
        return FALSE;
      seen[n++] = contents[i];
    }
  return n == 0 || g_str_equal (seen, "{}");
}

static gboolean
load_manifest (Vault *vault, GError **error)
{
  g_autofree char *path = g_build_filename (vault->dir, CLIPPER_VAULT_MANIFEST, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;
  JsonObject *files;
  g_autoptr (GList) members = NULL;

  {
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GFileInputStream) raw = g_file_read (file, NULL, &local_error);
    g_autoptr (GDataInputStream) in = NULL;

    if (raw == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      return TRUE;
    g_clear_error (&local_error);
    if (raw != NULL)
      {
        in = g_data_input_stream_new (G_INPUT_STREAM (raw));
        g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 64 * 1024);
        /* Kept open to the end of the run: the marks are read from it,
         * even after save_manifest() has put a new file in its place. */
        vault->manifest_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
        if (vault->manifest_fd >= 0 && load_manifest_lines (vault, in))
          return TRUE;
        if (vault->manifest_fd >= 0)
          close (vault->manifest_fd);
        vault->manifest_fd = -1;
      }
  }

  /* Not as save_manifest() writes it (or not readable): the whole
   * document, which also gives the error to show. */
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot read the vault's list of files '%s': %s", path, local_error->message);
      return FALSE;
    }
  /* Empty, as a crash or a sync conflict leaves it, or "{}": no manifest,
   * rather than a damaged one (each file is found again by its clipper-id;
   * see scan_vault()). */
  if (is_empty_manifest (contents, length))
    {
      g_message ("The vault's list of files '%s' is empty: files are found again by their clipper-id, and the "
                 "list is written anew", path);
      return TRUE;
    }
  if (!json_parser_load_from_data (parser, contents, (gssize) MIN (length, G_MAXSSIZE), &local_error))
    {
      /* Where and what: "<data>:1:1: Parse error: unexpected character
       * `{'" said neither which file nor that it was cut short. */
      g_autofree char *why = clipper_export_json_problem (contents, length, local_error);

      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "cannot read the vault's list of files '%s': %s (move it away to start afresh)", path, why);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "files")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "files")))
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "the vault's list of files '%s' is not what Clipper writes (move it away to start afresh)",
                   path);
      return FALSE;
    }

  files = json_object_get_object_member (json_node_get_object (root), "files");
  members = json_object_get_members (files);
  for (GList *l = members; l != NULL; l = l->next)
    {
      static const InFile none = { -1, 0 };

      add_manifest_entry (vault, l->data, json_object_get_member (files, l->data), &none, &none);
    }
  {
    const char *library = json_object_get_string_member_with_default (json_node_get_object (root),
                                                                      "library", NULL);

    if (library != NULL && g_uuid_string_is_valid (library))
      vault->manifest_library = g_strdup (library);
  }
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* A value left in the manifest's file (@value when it was not: read whole,
 * or set since), or NULL; @buffer may hold it. */
static const char *
value_in_file (Vault *vault, const char *value, gint64 at, guint len, GString *buffer)
{
  if (value != NULL || at < 0 || vault->manifest_fd < 0)
    return value;
  g_string_set_size (buffer, len);
  if (pread (vault->manifest_fd, buffer->str, len, (off_t) at) != (gssize) len)
    return NULL;
  /* Base64 or nothing: a manifest replaced behind Clipper's back is not read
   * for marks (the import then goes by time). */
  for (guint i = 0; i < len; i++)
    if (!g_ascii_isalnum (buffer->str[i]) && buffer->str[i] != '+' && buffer->str[i] != '/'
        && buffer->str[i] != '=')
      return NULL;
  return buffer->str;
}

/* The marks of @entry (see VaultEntry), or NULL; @buffer may hold them. */
static const char *
entry_marks (Vault *vault, VaultEntry *entry, GString *buffer)
{
  return value_in_file (vault, entry->marks, entry->marks_at, entry->marks_len, buffer);
}

/* The quotes of @entry (see VaultEntry), or NULL; @buffer may hold them. */
static const char *
entry_quotes (Vault *vault, VaultEntry *entry, GString *buffer)
{
  return value_in_file (vault, entry->quotes, entry->quotes_at, entry->quotes_len, buffer);
}

/* Written as it is made, a line at a time, through a temporary file that
 * replaces the manifest only when complete: with the highlights' marks
 * the manifest of 100,000 articles is 40 MB, which a string built whole
 * would hold in memory twice over as it grows. */
static gboolean
save_manifest (Vault *vault, GError **error)
{
  g_autofree char *path = g_build_filename (vault->dir, CLIPPER_VAULT_MANIFEST, NULL);
  g_autoptr (ClipperReplace) replace = NULL;
  GOutputStream *out;
  guint n_keys = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (vault->manifest, &n_keys);
  g_autoptr (GString) line = g_string_new ("{\n  \"version\": 1,\n");
  g_autoptr (GString) marks_buffer = g_string_new (NULL);
  g_autoptr (GString) quotes_buffer = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  gboolean ok = TRUE;

  /* Through a temporary file even when there is no manifest yet (a new
   * vault on a disk that fills up was left with an empty one). */
  replace = clipper_replace_new (path, 64 * 1024, CLIPPER_REPLACE_NONE, &local_error);
  if (replace == NULL)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot write the vault's list of files '%s': %s", path, local_error->message);
      return FALSE;
    }
  out = clipper_replace_stream (replace);

  /* Which library wrote the vault: another one's import reads its files as
   * that library's, and its export refuses to write here. */
  if (vault->library_id != NULL)
    g_string_append_printf (line, "  \"library\": \"%s\",\n", vault->library_id);
  g_string_append (line, "  \"files\": {");

  /* Sorted, one entry a line: the file diffs well under version control. */
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; ok && i < n_keys; i++)
    {
      const char *uid = keys[i];
      VaultEntry *entry = g_hash_table_lookup (vault->manifest, uid);
      g_autoptr (JsonNode) name = json_node_init_string (json_node_alloc (), entry->name);
      g_autofree char *name_json = json_to_string (name, FALSE);
      const char *marks = entry_marks (vault, entry, marks_buffer);
      const char *quotes = entry_quotes (vault, entry, quotes_buffer);

      g_string_append_printf (line, "%s\n    \"%s\": {\"file\": %s", i > 0 ? "," : "", uid, name_json);
      if (entry->fingerprint != NULL)
        g_string_append_printf (line, ", \"fingerprint\": \"%s\", \"size\": %" G_GINT64_FORMAT
                                ", \"mtime\": %" G_GINT64_FORMAT,
                                entry->fingerprint, entry->size, entry->mtime);
      if (entry->fingerprint != NULL && entry->written >= 0)
        g_string_append_printf (line, ", \"written\": %" G_GINT64_FORMAT, entry->written);
      if (entry->fingerprint != NULL && entry->section != NULL)
        g_string_append_printf (line, ", \"section\": \"%s\"", entry->section);
      if (entry->fingerprint != NULL && entry->tags != NULL)
        g_string_append_printf (line, ", \"tags\": \"%s\"", entry->tags);
      /* Last, where load_manifest_lines() looks for them. */
      if (entry->fingerprint != NULL && quotes != NULL)
        g_string_append_printf (line, ", \"quotes\": \"%s\"", quotes);
      if (entry->fingerprint != NULL && marks != NULL)
        g_string_append_printf (line, ", \"marks\": \"%s\"", marks);
      g_string_append_c (line, '}');
      ok = g_output_stream_write_all (out, line->str, line->len, NULL, NULL, &local_error);
      g_string_truncate (line, 0);
    }
  g_string_append (line, n_keys > 0 ? "\n  }\n}\n" : "}\n}\n");
  if (ok)
    ok = g_output_stream_write_all (out, line->str, line->len, NULL, NULL, &local_error)
         && clipper_replace_commit (replace, &local_error);
  if (!ok)
    {
      /* (The old manifest stays in place, whole.) */
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot write the vault's list of files '%s': %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The clipper-id in a file's front matter, if any.  A file without the
 * words "clipper-id" (a vault's own notes, most of its files) is not
 * parsed: the key is those words, as typed, whatever quotes are around
 * it. */
static char *
file_clipper_id (const char *contents)
{
  g_autoptr (GPtrArray) entries = NULL;
  const char *body;

  if (strstr (contents, "clipper-id") == NULL)
    return NULL;
  entries = split_front_matter (contents, &body);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      FrontEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->key, "clipper-id") == 0)
        {
          const char *colon = strchr (entry->text->str, ':');
          g_autofree char *value = g_strdup (colon + 1);

          g_strdelimit (value, "\"'", ' ');
          return g_strdup (g_strstrip (value));
        }
    }
  return NULL;
}

char *
clipper_markdown_file_uid (const char *contents)
{
  g_return_val_if_fail (contents != NULL, NULL);

  return file_clipper_id (contents);
}

static char *
choose_file_name (Vault *vault, ClipperArticle *article, const char *uid)
{
  g_autofree char *stem = clipper_markdown_file_name (clipper_article_get_title (article));
  char short_id[9] = { 0 };

  g_strlcpy (short_id, uid, sizeof short_id);
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;

      if (attempt == 0)
        name = g_strconcat (stem, ".md", NULL);
      else
        name = g_strdup_printf ("%s (%s).md", stem, attempt == 1 ? short_id : uid);

      folded = fold_name (name);
      if (g_hash_table_contains (vault->used_names, folded))
        continue;

      /* A file of that name that the manifest does not know: ours if it
       * carries our id (the manifest was lost), the user's otherwise. */
      path = g_build_filename (vault->dir, name, NULL);
      if (g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_autofree char *owner = file_clipper_id (contents);

          if (g_strcmp0 (owner, uid) != 0)
            continue;
        }
      else if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      return g_steal_pointer (&name);
    }

  /* Three names taken means someone made files named after our ids. */
  return g_strdup_printf ("%s.md", uid);
}

/* ------------------------------------------------------------------ */
/* Files the user renamed or moved                                     */

/* A file of the vault that carries a clipper-id (see scan_vault()). */
typedef struct {
  char   *name;    /* relative to the vault */
  gint64  mtime;
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  g_free (found->name);
  g_free (found);
}

/* Front matter is a few hundred bytes; one a user grew past this is not
 * looked for (its file is then written again under the manifest's name). */
#define FRONT_MATTER_MAX_BYTES (64 * 1024)

/* The clipper-id of the file @name in the vault, from its first bytes
 * only, and its mtime; NULL for a file that is not Clipper's or cannot be
 * read.  The last part of the path is not followed if it is a symbolic link,
 * nor a file that is not a regular one opened (a FIFO would block). */
static char *
read_file_id (const char *dir, const char *name, gint64 *out_mtime)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *head = NULL;
  struct stat st;
  gssize got = 0, n;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  head = g_malloc (FRONT_MATTER_MAX_BYTES + 1);
  while (got < FRONT_MATTER_MAX_BYTES
         && ((n = read (fd, head + got, (gsize) (FRONT_MATTER_MAX_BYTES - got))) > 0 || (n < 0 && errno == EINTR)))
    got += MAX (n, 0);
  close (fd);
  head[got] = '\0';
  *out_mtime = st.st_mtime;
  return file_clipper_id (head);
}

/* The vault's Markdown files by their clipper-id: made once a run, and only
 * when some file is not where the manifest says (an unchanged re-run of a
 * big vault never pays for it).  Each file's front matter only is read. */
static void
scan_vault (Vault *vault)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) local_error = NULL;

  vault->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  names = clipper_markdown_list_vault (vault->dir, NULL, &local_error);
  if (names == NULL)
    {
      /* Then no file is found moved: each is written where the manifest says. */
      g_message ("Cannot look for moved files: %s", local_error->message);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *uid = NULL;
      GPtrArray *same;
      Found *found;
      gint64 mtime = 0;

      /* Only a place the manifest may hold (the listing gives *.markdown too). */
      if (!safe_manifest_name (name))
        continue;
      vault->stats.scanned++;
      uid = read_file_id (vault->dir, name, &mtime);
      if (uid == NULL)
        continue;
      same = g_hash_table_lookup (vault->found, uid);
      if (same == NULL)
        {
          same = g_ptr_array_new_with_free_func (found_free);
          g_hash_table_insert (vault->found, g_steal_pointer (&uid), same);
        }
      found = g_new0 (Found, 1);
      found->name = g_strdup (name);
      found->mtime = mtime;
      g_ptr_array_add (same, found);
    }
}

/* The most recently modified first; then in name order, so that the choice
 * is the same from run to run. */
static int
compare_found (gconstpointer a, gconstpointer b)
{
  const Found *fa = *(const Found *const *) a;
  const Found *fb = *(const Found *const *) b;

  if (fa->mtime != fb->mtime)
    return fa->mtime > fb->mtime ? -1 : 1;
  return strcmp (fa->name, fb->name);
}

/* Where the file of @uid is now, if the user renamed or moved it: a file
 * other than @current (the manifest's, if any) that carries @uid.  Of
 * several (a copy made in Obsidian, a sync conflict), the most recently
 * modified; the others are left as they are and said in a message. */
static char *
find_moved (Vault *vault, const char *uid, const char *current)
{
  GPtrArray *same;
  Found *chosen;

  if (vault->found == NULL)
    scan_vault (vault);
  same = g_hash_table_lookup (vault->found, uid);
  for (guint i = 0; same != NULL && i < same->len; i++)
    if (g_strcmp0 (((Found *) g_ptr_array_index (same, i))->name, current) == 0)
      g_ptr_array_remove_index (same, i--);
  if (same == NULL || same->len == 0)
    return NULL;

  g_ptr_array_sort (same, compare_found);
  chosen = g_ptr_array_index (same, 0);
  if (same->len > 1)
    {
      g_autoptr (GString) others = g_string_new (NULL);

      if (vault->copies_said == NULL)
        vault->copies_said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 1; i < same->len; i++)
        {
          const char *other = ((Found *) g_ptr_array_index (same, i))->name;

          g_string_append_printf (others, "%s'%s'", i > 1 ? ", " : "", other);
          g_hash_table_add (vault->copies_said, g_strdup (other));
        }
      g_message ("%u files carry the clipper-id %s: Clipper updates '%s', the most recently modified, "
                 "and leaves %s as %s", same->len, uid, chosen->name, others->str,
                 same->len > 2 ? "they are" : "it is");
      vault->stats.duplicates += same->len - 1;
    }
  return g_strdup (chosen->name);
}

/* Says the copies of the vault's files: a sync conflict's ("X (conflicted
 * copy 2026-12-01).md", Syncthing's "X.sync-conflict-….md"), Obsidian's
 * "Make a copy".  The export writes the file the manifest names, and an
 * edit made in a copy was never taken, without a word (the import said
 * it; the export, or the app's export on change, is what runs every
 * day).  Cheap: the folder's names, which opens no file, and the first
 * bytes of the files the manifest does not name only, whose front matter
 * is parsed only when they hold "clipper-id"; a vault of Clipper's files
 * alone reads none (docs/export.md gives the cost).  A copy the options
 * name in copies_said (the app said it before) is not said again. */
static void
say_copies (Vault *vault)
{
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) local_error = NULL;
  GHashTableIter iter;
  VaultEntry *entry;

  names = clipper_markdown_list_vault (vault->dir, NULL, &local_error);
  if (names == NULL)
    {
      g_debug ("Cannot look for copies: %s", local_error->message);
      return;
    }
  g_hash_table_iter_init (&iter, vault->manifest);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->name != NULL)
      g_hash_table_add (named, entry->name);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *uid = NULL;
      g_autofree char *notice = NULL;
      gint64 mtime = 0;

      if (g_hash_table_contains (named, name) || !safe_manifest_name (name)
          || (vault->copies_said != NULL && g_hash_table_contains (vault->copies_said, name))
          || (vault->options->copies_said != NULL && g_strv_contains ((const char *const *) vault->options->copies_said, name)))
        continue;
      uid = read_file_id (vault->dir, name, &mtime);
      entry = uid != NULL ? g_hash_table_lookup (vault->manifest, uid) : NULL;
      if (entry == NULL || entry->name == NULL)
        continue;
      vault->stats.copies++;
      notice = g_strdup_printf ("'%s' holds the same article as '%s' (the same clipper-id), a copy: only '%s' is "
                                "written and read; edits made in the copy are not taken (make them in '%s', then "
                                "delete the copy)",
                                name, entry->name, entry->name, entry->name);
      g_message ("%s", notice);
      if (vault->notices != NULL)
        g_ptr_array_add (vault->notices, g_steal_pointer (&notice));
      if (vault->copies != NULL)
        g_ptr_array_add (vault->copies, g_strdup (name));
    }
}

/* Forgets what the manifest knew of @entry's old file (@entry is about to
 * get a new one). */
static void
entry_forget_file (VaultEntry *entry)
{
  g_clear_pointer (&entry->fingerprint, g_free);
  g_clear_pointer (&entry->section, g_free);
  g_clear_pointer (&entry->marks, g_free);
  g_clear_pointer (&entry->quotes, g_free);
  entry->size = -1;
  entry->mtime = -1;
  entry->written = -1;
  entry->marks_at = -1;
  entry->quotes_at = -1;
}

/* @entry (of @uid) now names @name, a file the user moved there: the used
 * names follow.  Another entry that named that very file lost it (the file
 * carries @uid, not its id) and is dropped, so that --prune cannot take
 * the file for its own; its article, if exported later in the run, gets a
 * new file. */
static void
entry_rename (Vault *vault, const char *uid, VaultEntry *entry, char *name)
{
  g_autofree char *old_folded = fold_name (entry->name);
  g_autofree char *folded = fold_name (name);
  const char *holder = g_hash_table_lookup (vault->used_names, folded);
  VaultEntry *other = holder != NULL ? g_hash_table_lookup (vault->manifest, holder) : NULL;

  if (other != NULL && other != entry && g_str_equal (other->name, name) && !g_hash_table_contains (vault->seen, holder))
    g_hash_table_remove (vault->manifest, holder);
  if (g_strcmp0 (g_hash_table_lookup (vault->used_names, old_folded), uid) == 0)
    g_hash_table_remove (vault->used_names, old_folded);
  g_hash_table_insert (vault->used_names, g_steal_pointer (&folded), g_strdup (uid));
  g_free (entry->name);
  entry->name = name;
  vault->manifest_changed = TRUE;
}

static guint64
hash_int (guint64 h, gint64 value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return clipper_export_hash_str (h, buf);
}

/* Everything a file is made of: the article's fields the file shows, its
 * highlights (fingerprinted by the store in one pass) and the options.
 * Not the reading position, which alone is no reason to write the file
 * (same_but_position()): the file takes it with the next change that
 * writes it, and a read on wrote the manifest again (its new fingerprint)
 * at every export.  NULL when the highlights' fingerprints are not
 * known. */
static char *
article_fingerprint (Vault *vault, ClipperArticle *article)
{
  gint64 id = clipper_article_get_id (article);
  const guint64 *highlights;
  const char *const *tags = clipper_article_get_tags (article);
  guint64 h = vault->options_fp;

  if (vault->highlight_fps == NULL)
    return NULL;
  highlights = g_hash_table_lookup (vault->highlight_fps, &id);

  h = clipper_export_hash_str (h, clipper_article_get_url (article));
  h = clipper_export_hash_str (h, clipper_article_get_title (article));
  h = clipper_export_hash_str (h, clipper_article_get_byline (article));
  h = clipper_export_hash_str (h, clipper_article_get_site_name (article));
  h = clipper_export_hash_str (h, clipper_article_get_published_time (article));
  h = clipper_export_hash_str (h, clipper_article_get_excerpt (article));
  h = hash_int (h, clipper_article_get_saved_at (article));
  h = hash_int (h, clipper_article_get_updated_at (article));
  h = hash_int (h, clipper_article_get_word_count (article));
  h = hash_int (h, clipper_article_get_starred (article));
  h = hash_int (h, clipper_article_get_read_state (article));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    h = clipper_export_hash_str (h, tags[i]);
  h = hash_int (h, clipper_article_get_highlight_count (article));
  h = hash_int (h, highlights != NULL ? (gint64) *highlights : 0);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}

static guint64
options_fingerprint (const ClipperExportOptions *options)
{
  guint64 h = CLIPPER_EXPORT_HASH_INIT;
  g_autoptr (GHashTable) defaults = NULL;
  GHashTable *meanings = options->color_meanings;
  const char *const *colors = clipper_highlight_colors ();

  if (meanings == NULL)
    meanings = defaults = clipper_export_default_color_meanings ();
  /* The layout itself is part of it: a new Clipper may render differently
   * (since 30 November 2026 a quote of code as code, of paragraphs as
   * paragraphs). */
  h = clipper_export_hash_str (h, default_template);
  h = clipper_export_hash_str (h, "quote-lines");
  h = clipper_export_hash_str (h, options->template_text);
  h = hash_int (h, options->include_body);
  /* And the front matter's: files written before it named tags exactly
   * (clipper-tags) are rendered again once, and written where that adds
   * the names. */
  h = clipper_export_hash_str (h, "clipper-tags");
  for (guint i = 0; colors[i] != NULL; i++)
    h = clipper_export_hash_str (h, g_hash_table_lookup (meanings, colors[i]));
  return h;
}

static gboolean
stat_file (const char *path, gint64 *out_size, gint64 *out_mtime)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *out_size = st.st_size;
  *out_mtime = st.st_mtime;
  return TRUE;
}

/* Skips an article whose file is as Clipper left it and whose data has
 * not changed since: no highlights loaded, nothing rendered or read. */
static gboolean
want_article (ClipperArticle *article, gpointer user_data)
{
  Vault *vault = user_data;
  g_autofree char *uid = clipper_export_article_uid (article);
  VaultEntry *entry = g_hash_table_lookup (vault->manifest, uid);
  g_autofree char *path = NULL;
  gint64 size = 0, mtime = 0;

  g_clear_pointer (&vault->current_fp, g_free);
  vault->current_fp = article_fingerprint (vault, article);

  if (entry == NULL || entry->fingerprint == NULL || vault->current_fp == NULL
      || !g_str_equal (entry->fingerprint, vault->current_fp))
    return TRUE;
  path = g_build_filename (vault->dir, entry->name, NULL);
  if (!stat_file (path, &size, &mtime) || size != entry->size || mtime != entry->mtime)
    return TRUE;

  g_hash_table_add (vault->seen, g_steal_pointer (&uid));
  vault->stats.articles++;
  vault->stats.unchanged++;
  vault->stats.highlights += clipper_article_get_highlight_count (article);
  clipper_progress_report (vault->progress, vault->progress_data, vault->stats.articles, vault->total);
  return FALSE;
}

/* Lines from a "---" at the end of Clipper's section in the user's file
 * that are not the body Clipper writes there (--body): the user's, which
 * the import does not read, so they go into @kept rather than being lost
 * to the rewrite of the section.  Compared with the body rendered as the
 * export with --body would (also when this one has none, so that a body an
 * earlier export wrote is not taken for the user's). */
static gboolean
keep_unread_body (Vault *vault, ClipperArticle *article, VaultEntry *entry, const char *existing, GString *kept,
                  GError **error)
{
  g_autofree char *tail = clipper_markdown_section_body (existing);
  g_autoptr (ClipperArticle) full = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (ClipperExportOptions) with_body = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *expected = NULL;
  g_auto (GStrv) lines = NULL;
  ClipperHighlightQuery query = { 0 };

  if (tail == NULL)
    return TRUE;
  full = clipper_store_get_article (vault->store, clipper_article_get_id (article), error);
  if (full == NULL)
    return FALSE;
  query.article_id = clipper_article_get_id (article);
  highlights = clipper_store_list_highlights (vault->store, &query, error);
  if (highlights == NULL)
    return FALSE;
  with_body = clipper_export_options_copy (vault->options);
  with_body->include_body = TRUE;
  generated = render_with (vault->tmpl, full, highlights, with_body, vault->library_id);
  expected = clipper_markdown_section_body (generated);
  if (g_strcmp0 (tail, expected) == 0)
    return TRUE;

  g_message ("'%s': text after a '---' line in Clipper's section is not read (it is where --body goes); "
             "kept below Clipper's section", entry->name);
  vault->stats.not_read++;
  g_string_append (kept, "> [!note] Text after a '---' line in Clipper's section is not read (it is where --body "
                         "goes); kept here:\n");
  lines = g_strsplit (tail, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (kept, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
  g_string_append_c (kept, '\n');
  return TRUE;
}

/* A template's section cannot be read back, but an edit in it is seen: its
 * fingerprint is not the one Clipper wrote (the manifest's).  The section as
 * the file has it goes into @kept, below the section the export rewrites,
 * rather than being lost to the rewrite.  Without the manifest's fingerprint
 * a difference may be the library's own change, so nothing is kept. */
static void
keep_template_section (Vault *vault, VaultEntry *entry, const char *existing, GString *kept)
{
  g_autofree char *fingerprint = NULL;
  const char *begin, *end;
  g_auto (GStrv) lines = NULL;
  guint first = 0, n;

  if (entry->fingerprint == NULL || entry->section == NULL)
    return;
  fingerprint = clipper_markdown_section_fingerprint (existing);
  if (fingerprint == NULL || g_str_equal (fingerprint, entry->section))
    return;
  begin = strstr (existing, CLIPPER_MARKDOWN_BEGIN_MARK) + strlen (CLIPPER_MARKDOWN_BEGIN_MARK);
  end = strstr (begin, CLIPPER_MARKDOWN_END_MARK);
  {
    g_autofree char *section = g_strndup (begin, end - begin);

    lines = g_strsplit (section, "\n", -1);
  }
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  while (first < n && *lines[first] == '\0')
    first++;
  while (n > first && *lines[n - 1] == '\0')
    n--;

  g_message ("'%s': Clipper's section was edited, but a vault exported with a template is not read back; "
             "kept below Clipper's section", entry->name);
  vault->stats.not_read++;
  g_string_append (kept, "> [!note] Clipper's section was edited, but a vault exported with a template is not read "
                         "back; Clipper wrote it anew, and what it said is kept here:\n");
  for (guint i = first; i < n; i++)
    g_string_append_printf (kept, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
  g_string_append_c (kept, '\n');
}

/* Before a file the user edited is rewritten, what they wrote in Clipper's
 * section goes into the library (the rules of clipper-markdown-import.h),
 * so that the rewrite shows it instead of losing it.  *@out_highlights gets
 * the article's highlights afresh when the import changed any;
 * *@out_keep is set when the file is broken (it is then left as it is: it
 * may hold writing the import could not read).  With the manifest's marks,
 * a field both the file and the library changed keeps the library's
 * version and the file's goes into @kept, to be written outside Clipper's
 * section; without them, a highlight changed in the library since the
 * file was written keeps the library's version, as an import does, and is
 * said in a message. */
static gboolean
take_in_edits (Vault            *vault,
               ClipperArticle   *article,
               VaultEntry       *entry,
               const char       *path,
               const char       *existing,
               GString          *kept,
               GPtrArray       **out_highlights,
               gboolean         *out_keep,
               GError          **error)
{
  g_autoptr (ClipperImportResult) result = clipper_import_result_new ();
  g_autoptr (GString) marks_buffer = g_string_new (NULL);
  g_autoptr (GString) quotes_buffer = g_string_new (NULL);
  ClipperHighlightQuery query = { 0 };
  gint64 size = -1, mtime = -1, written = -1;
  gboolean untouched = FALSE;

  /* A file as Clipper left it holds nothing of the user's, nor does one
   * edited only around Clipper's section (the merge keeps that text)
   * unless its front matter's tags changed.  Only the built-in layout can
   * be read back. */
  if (!stat_file (path, &size, &mtime)
      || (entry->fingerprint != NULL && size == entry->size && mtime == entry->mtime))
    return TRUE;
  if (vault->options->template_text != NULL)
    {
      keep_template_section (vault, entry, existing, kept);
      return TRUE;
    }
  if (entry->fingerprint != NULL && entry->section != NULL)
    {
      g_autofree char *section = clipper_markdown_section_fingerprint (existing);
      g_autofree char *tags = clipper_markdown_tags_mark (existing);

      untouched = g_strcmp0 (section, entry->section) == 0;
      if (untouched && entry->tags != NULL && g_strcmp0 (tags, entry->tags) == 0)
        return TRUE;
    }
  /* What the file showed of the library, as of when.  (The file's mtime
   * tells less: a file found up to date keeps the user's mtime.) */
  if (entry->fingerprint != NULL)
    written = entry->written >= 0 ? entry->written : entry->mtime;

  result->format = CLIPPER_IMPORT_FORMAT_MARKDOWN;
  if (!clipper_store_begin (vault->store, error))
    return FALSE;
  if (!clipper_markdown_import_text_full (vault->store, entry->name, existing, strlen (existing), mtime, written,
                                          untouched,
                                          entry->fingerprint != NULL ? entry_marks (vault, entry, marks_buffer) : NULL,
                                          entry->fingerprint != NULL ? entry_quotes (vault, entry, quotes_buffer) : NULL,
                                          entry->fingerprint != NULL ? entry->tags : NULL, kept,
                                          vault->options->color_meanings, result, error))
    {
      clipper_store_rollback (vault->store);
      return FALSE;
    }
  if (!clipper_store_commit (vault->store, error))
    return FALSE;
  vault->stats.conflicts += result->conflicts;
  vault->stats.not_read += result->not_read;
  vault->stats.removed_in_file += result->removed_in_file;

  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *problem = g_strdup_printf ("%s (the file is left as it is)",
                                                  (const char *) g_ptr_array_index (result->problems, i));

      g_message ("%s", problem);
      if (vault->notices != NULL)
        g_ptr_array_add (vault->notices, g_steal_pointer (&problem));
    }
  for (guint i = 0; i < result->notices->len; i++)
    {
      g_message ("%s", (const char *) g_ptr_array_index (result->notices, i));
      if (vault->notices != NULL)
        g_ptr_array_add (vault->notices, g_strdup (g_ptr_array_index (result->notices, i)));
    }
  if (result->broken_files->len > 0)
    {
      *out_keep = TRUE;
      return TRUE;
    }
  if (!untouched && !keep_unread_body (vault, article, entry, existing, kept, error))
    return FALSE;
  if (result->article_tags_updated + result->article_states_updated > 0)
    {
      /* The front matter is written from @article: its tags and state as
       * they are now. */
      g_autoptr (ClipperArticle) now = clipper_store_get_article (vault->store, clipper_article_get_id (article),
                                                                  error);

      if (now == NULL)
        return FALSE;
      clipper_article_set_tags (article, clipper_article_get_tags (now));
      clipper_article_set_starred (article, clipper_article_get_starred (now));
      clipper_article_set_read_state (article, clipper_article_get_read_state (now));
      clipper_article_set_reading_position (article, clipper_article_get_reading_position (now));
      g_message ("'%s': took in the article's %s from the front matter before rewriting it", entry->name,
                 result->article_states_updated == 0 ? "tags"
                 : result->article_tags_updated == 0 ? "star, read state or position"
                 : "tags, star, read state or position");
    }
  if (result->notes_updated + result->tags_updated + result->highlights_added + result->article_tags_updated
      + result->article_states_updated == 0)
    return TRUE;
  if (result->notes_updated + result->tags_updated + result->highlights_added > 0)
    g_message ("'%s': took in what was written in the file before rewriting it (notes: %u, tags or "
               "colours: %u, quotes added by hand: %u, highlights of another library: %u)",
               entry->name, result->notes_updated, result->tags_updated,
               result->highlights_added - result->foreign_highlights, result->foreign_highlights);

  query.article_id = clipper_article_get_id (article);
  *out_highlights = clipper_store_list_highlights (vault->store, &query, error);
  if (*out_highlights == NULL)
    return FALSE;
  /* The fingerprint taken before the import is stale: one that never
   * matches makes the next run render and compare. */
  g_free (vault->current_fp);
  vault->current_fp = g_strdup ("");
  return TRUE;
}

/* @merged with @kept (the file's side of conflicts) just below Clipper's
 * section: the user's own part of the file, which no export rewrites or
 * deletes, and where they see it next to what Clipper kept. */
static char *
add_kept_text (const char *merged, const char *kept)
{
  const char *begin = strstr (merged, CLIPPER_MARKDOWN_BEGIN_MARK);
  const char *end = begin != NULL ? strstr (begin, CLIPPER_MARKDOWN_END_MARK) : NULL;
  GString *out;

  if (end == NULL)
    return g_strconcat (merged, "\n", kept, NULL);
  end += strlen (CLIPPER_MARKDOWN_END_MARK);
  if (*end == '\r' && end[1] == '\n')
    end += 2;
  else if (*end == '\n')
    end++;
  out = g_string_new_len (merged, end - merged);
  if (end[-1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append_c (out, '\n');
  g_string_append (out, kept);
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

/* The file of @entry: *@out_path, and its contents in *@out_contents, or
 * NULL when there is none (or a folder on the way is not the vault's own). */
static gboolean
read_entry_file (Vault *vault, VaultEntry *entry, char **out_path, char **out_contents, GError **error)
{
  g_autoptr (GError) read_error = NULL;

  *out_path = g_build_filename (vault->dir, entry->name, NULL);
  *out_contents = NULL;
  if (strchr (entry->name, '/') != NULL && !folders_inside (vault->dir, entry->name))
    return TRUE;
  if (!g_file_get_contents (*out_path, out_contents, NULL, &read_error)
      && !g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot read '%s' to update it: %s", *out_path, read_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Whether @contents (NULL: no file) is the file of @uid. */
static gboolean
file_is_of (const char *contents, const char *uid)
{
  g_autofree char *owner = contents != NULL ? file_clipper_id (contents) : NULL;

  return g_strcmp0 (owner, uid) == 0;
}

/* Whether @existing and @merged differ in no more than the reading
 * position of their front matter (the "---" block they begin with). */
static gboolean
same_but_position (const char *existing,
                   const char *merged)
{
  g_autoptr (GString) a = g_string_new (existing);
  g_autoptr (GString) b = g_string_new (merged);
  GString *both[] = { a, b };

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      GString *text = both[i];
      const char *end = g_str_has_prefix (text->str, "---") ? strstr (text->str + 3, "\n---") : NULL;
      const char *line = strstr (text->str, "\nclipper-position:");

      if (end != NULL && line != NULL && line < end)
        {
          const char *next = strchr (line + 1, '\n');

          g_string_erase (text, line - text->str, next - line);
        }
    }
  return g_str_equal (a->str, b->str);
}

/* QA-r finding 4: a vault export cut short by a full disk said which file
 * it could not write ("cannot write '…/x.md': No space left on device"),
 * not that 1,020 of the 2,000 files were written and whole, and 980 not.
 * Adds that to @error, a file that could not be written or read. */
static void
say_how_far (Vault *vault, GError **error)
{
  guint done = vault->stats.written + vault->stats.unchanged;
  guint left = vault->total > done ? vault->total - done : 0;
  g_autofree char *unchanged = NULL;
  char *message;

  if (error == NULL || !g_error_matches (*error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO)
      || vault->total == 0)
    return;
  if (vault->stats.unchanged > 0)
    unchanged = g_strdup_printf (", %u unchanged", vault->stats.unchanged);
  message = g_strdup_printf ("%s; %u of %u files written, each whole%s; the other %u not written", (*error)->message,
                             vault->stats.written, vault->total, unchanged != NULL ? unchanged : "", left);
  g_free ((*error)->message);
  (*error)->message = message;
}

static gboolean
export_one (ClipperArticle *article, GPtrArray *highlights, gpointer user_data, GError **error)
{
  Vault *vault = user_data;
  g_autofree char *uid = clipper_export_article_uid (article);
  g_autofree char *generated = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (ClipperArticle) full = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);
  gboolean keep = FALSE;
  gboolean wrote = FALSE;
  VaultEntry *entry;
  gint64 size = -1, mtime = -1;
  /* The file shows the library as of now: a change in a later second is
   * newer than the file (see take_in_edits()). */
  gint64 started = g_get_real_time () / G_USEC_PER_SEC;

  entry = g_hash_table_lookup (vault->manifest, uid);
  if (entry == NULL)
    {
      /* Without a manifest (lost, or a vault made by hand) the file may be
       * anywhere; a new article's file goes to the top of the vault. */
      char *found = vault->no_manifest ? find_moved (vault, uid, NULL) : NULL;

      entry = g_new0 (VaultEntry, 1);
      entry_forget_file (entry);
      entry->name = found != NULL ? found : choose_file_name (vault, article, uid);
      g_hash_table_insert (vault->used_names, fold_name (entry->name), g_strdup (uid));
      g_hash_table_insert (vault->manifest, g_strdup (uid), entry);
      vault->manifest_changed = TRUE;
    }
  else if (!read_entry_file (vault, entry, &path, &existing, error))
    return FALSE;
  else if (!file_is_of (existing, uid))
    {
      /* Not where the manifest says: the user renamed or moved it. */
      char *moved = find_moved (vault, uid, entry->name);

      if (moved != NULL)
        {
          g_debug ("'%s' was moved to '%s'", entry->name, moved);
          entry_rename (vault, uid, entry, moved);
          vault->stats.moved++;
        }
      else if (existing != NULL || strchr (entry->name, '/') != NULL)
        {
          /* Not found.  Written again under the manifest's name, as a file
           * the user deleted is; unless that name now holds another
           * article's file (never written over), or the sub-folder it was
           * in is gone (a folder the user removed is theirs to remove):
           * then as a new file.  A file there without any clipper-id is
           * merged into, as before: nothing of the user's is removed. */
          g_autofree char *owner = existing != NULL ? file_clipper_id (existing) : NULL;

          if ((existing != NULL && owner != NULL) || (existing == NULL && !folders_inside (vault->dir, entry->name)))
            {
              entry_rename (vault, uid, entry, choose_file_name (vault, article, uid));
              entry_forget_file (entry);
            }
        }
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&existing, g_free);
    }
  g_hash_table_add (vault->seen, g_strdup (uid));

  if (path == NULL && !read_entry_file (vault, entry, &path, &existing, error))
    return FALSE;
  if (existing != NULL
      && !take_in_edits (vault, article, entry, path, existing, kept, &fresh, &keep, error))
    return FALSE;
  if (keep)
    {
      vault->stats.unchanged++;
      vault->stats.articles++;
      vault->stats.highlights += highlights->len;
      clipper_progress_report (vault->progress, vault->progress_data, vault->stats.articles, vault->total);
      return TRUE;
    }
  if (fresh != NULL)
    highlights = fresh;
  /* A quote of code is written as code, and one of paragraphs as
   * paragraphs, which the article's HTML tells: the vault reads the
   * articles' list records, which have none. */
  if (clipper_article_get_html (article) == NULL && needs_html (article, highlights))
    {
      full = clipper_store_get_article (vault->store, clipper_article_get_id (article), error);
      if (full == NULL)
        return FALSE;
      article = full;
    }

  generated = render_with (vault->tmpl, article, highlights, vault->options, vault->library_id);
  merged = clipper_markdown_merge (existing, generated);
  if (kept->len > 0)
    {
      char *with_kept = add_kept_text (merged, kept->str);

      g_free (merged);
      merged = uses_crlf (existing) ? to_crlf (with_kept) : with_kept;
    }
  /* A file that only reads further on is left as it is: reading moved
   * the position every few seconds, and each move rewrote the file, under
   * an open Obsidian and into every sync.  It is written with the file
   * when something else changes. */
  if (existing != NULL && !g_str_equal (existing, merged) && same_but_position (existing, merged))
    {
      g_free (merged);
      merged = g_strdup (existing);
    }
  if (existing != NULL && g_str_equal (existing, merged))
    vault->stats.unchanged++;
  else
    {
      g_autoptr (GError) write_error = NULL;

      /* (Not g_file_set_contents(), whose message names its temporary
       * file, "….md.UJJ9Y3", which the user never sees.) */
      if (!clipper_replace_contents (path, merged, -1, CLIPPER_REPLACE_NONE, &write_error))
        {
          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                       "cannot write '%s': %s", path, write_error->message);
          return FALSE;
        }
      vault->stats.written++;
      wrote = TRUE;
    }

  /* Remember the file as it is now, to skip it next time if nothing
   * changes, and when it showed the library (for a later import: what
   * changed in the library after that is newer than the file).  A file
   * written is always remembered anew: written back in the second and at
   * the size Clipper last wrote it, after an import recorded the marks of
   * what the user's edit left in it (a highlight deleted there), it kept
   * those marks, without the highlight written back. */
  if (vault->current_fp != NULL && stat_file (path, &size, &mtime)
      && (wrote || g_strcmp0 (entry->fingerprint, vault->current_fp) != 0 || entry->size != size
          || entry->mtime != mtime || entry->written != started))
    {
      g_free (entry->fingerprint);
      entry->fingerprint = g_strdup (vault->current_fp);
      entry->size = size;
      entry->mtime = mtime;
      entry->written = started;
      g_free (entry->section);
      entry->section = clipper_markdown_section_fingerprint (merged);
      g_free (entry->tags);
      entry->tags = clipper_markdown_tags_mark (merged);
      /* Only the built-in layout is read back. */
      g_clear_pointer (&entry->marks, g_free);
      g_clear_pointer (&entry->quotes, g_free);
      if (vault->options->template_text == NULL)
        entry->marks = clipper_markdown_highlight_marks (merged, &entry->quotes);
      entry->marks_at = -1;
      entry->quotes_at = -1;
      vault->manifest_changed = TRUE;
    }

  vault->stats.articles++;
  vault->stats.highlights += highlights->len;
  clipper_progress_report (vault->progress, vault->progress_data, vault->stats.articles, vault->total);
  return TRUE;
}

static gboolean
prune (Vault *vault, GError **error)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, vault->manifest);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (vault->seen, key))
      g_ptr_array_add (gone, g_strdup (key));

  for (guint i = 0; i < gone->len; i++)
    {
      const char *uid = g_ptr_array_index (gone, i);
      VaultEntry *entry = g_hash_table_lookup (vault->manifest, uid);
      g_autofree char *path = g_build_filename (vault->dir, entry->name, NULL);
      g_autofree char *folded = fold_name (entry->name);
      g_autofree char *owner = NULL;
      gboolean delete = TRUE;
      gint64 mtime = 0;

      /* Only the article's own file where the manifest says: nothing
       * through a folder that is not the vault's, nor a file that no longer
       * carries the article's id (the user put another file there, or made
       * it theirs). */
      if (strchr (entry->name, '/') != NULL && !folders_inside (vault->dir, entry->name))
        delete = FALSE;
      else if (g_file_test (path, G_FILE_TEST_EXISTS)
               && g_strcmp0 (owner = read_file_id (vault->dir, entry->name, &mtime), uid) != 0)
        {
          g_message ("'%s' no longer carries the clipper-id %s of the file to delete: left as it is",
                     entry->name, uid);
          delete = FALSE;
        }
      if (delete && g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                       "cannot delete '%s': %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      if (delete)
        vault->stats.pruned++;
      g_hash_table_remove (vault->used_names, folded);
      g_hash_table_remove (vault->manifest, uid);
      vault->manifest_changed = TRUE;
    }
  return TRUE;
}

/* One vault, one library: the manifest says which file is as Clipper
 * wrote it and what each highlight looked like there, and an export
 * rewrites the files from its library.  Another library's export into
 * that folder would take over the manifest (the first library's next
 * export and import would then know nothing of its own files) and write
 * the files over from a library that may lack their highlights; so it is
 * refused, naming the ways out.  A vault without a manifest (lost, moved
 * away, or never carried over by a sync that leaves hidden files out) is
 * nobody's: the export takes it, and each file it rewrites is first read
 * as the library its clipper-library names, so that library's highlights
 * come in rather than being written over.  A manifest from before says no
 * library, and is this library's, as it always was. */
static gboolean
check_library (Vault *vault, GError **error)
{
  if (vault->library_id == NULL || vault->manifest_library == NULL
      || g_str_equal (vault->manifest_library, vault->library_id))
    return TRUE;
  g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_OTHER_LIBRARY,
               "'%s' is the vault of another Clipper library (its %s names library %s; this "
               "library is %s), whose notes an export would write over. Bring them into this "
               "library with 'clipper-cli import %s' (in the app: Import Vault Folder…), then export this "
               "library to another folder, or move %s away to make this folder this library's "
               "vault",
               vault->dir, CLIPPER_VAULT_MANIFEST, vault->manifest_library, vault->library_id,
               vault->dir, CLIPPER_VAULT_MANIFEST);
  return FALSE;
}

/* clipper_markdown_export_vault(), and what reading the files back could
 * not take into @notices (nullable), for the app, where the terminal's
 * messages are not seen; the names of the copies said into @copies
 * (nullable). */
static gboolean
export_vault (ClipperStore               *store,
              const char                 *dir,
              const ClipperExportOptions *options,
              ClipperVaultStats          *out_stats,
              GPtrArray                  *notices,
              GPtrArray                  *copies,
              ClipperProgressFunc         progress,
              gpointer                    progress_data,
              GCancellable               *cancellable,
              GError                    **error)
{
  g_autoptr (ClipperExportOptions) defaults = NULL;
  g_autoptr (GError) fp_error = NULL;
  Vault vault = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (options == NULL)
    options = defaults = clipper_export_options_new ();

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO,
                   "cannot create the folder '%s': %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  vault_init (&vault, dir);
  vault.store = store;
  vault.options = options;
  vault.progress = progress;
  vault.progress_data = progress_data;
  vault.notices = notices;
  vault.copies = copies;
  vault.library_id = clipper_store_get_library_id (store);
  /* With the library: files from before get its clipper-library once. */
  vault.options_fp = clipper_export_hash_str (options_fingerprint (options), vault.library_id);

  vault.tmpl = clipper_template_new (options->template_text != NULL ? options->template_text : default_template, error);
  if (vault.tmpl == NULL)
    goto out;
  if (!load_manifest (&vault, error))
    goto out;
  vault.no_manifest = g_hash_table_size (vault.manifest) == 0;
  if (!check_library (&vault, error))
    goto out;
  if (!clipper_store_count_foreach (store, options->ids, options->tag, &vault.total, error))
    goto out;
  clipper_progress_report (progress, progress_data, 0, vault.total);

  /* Without fingerprints every file is rendered and compared: slower, and
   * just as right. */
  vault.highlight_fps = clipper_store_dup_highlight_fingerprints (store, &fp_error);
  if (vault.highlight_fps == NULL)
    g_debug ("Exporting without fingerprints: %s", fp_error->message);

  if (!clipper_store_foreach_article (store, options->ids, options->tag, options->include_body,
                                      want_article, export_one, &vault, cancellable, error))
    {
      say_how_far (&vault, error);
      /* Keep the names given so far, so a re-run finds its files again. */
      if (vault.manifest_changed)
        save_manifest (&vault, NULL);
      goto out;
    }

  if (options->prune && !prune (&vault, error))
    {
      save_manifest (&vault, NULL);
      goto out;
    }
  say_copies (&vault);

  if (vault.manifest_changed && !save_manifest (&vault, error))
    goto out;

  if (out_stats != NULL)
    *out_stats = vault.stats;
  ok = TRUE;

out:
  vault_clear (&vault);
  return ok;
}

gboolean
clipper_markdown_export_vault (ClipperStore               *store,
                               const char                 *dir,
                               const ClipperExportOptions *options,
                               ClipperVaultStats          *out_stats,
                               ClipperProgressFunc         progress,
                               gpointer                    progress_data,
                               GCancellable               *cancellable,
                               GError                    **error)
{
  return export_vault (store, dir, options, out_stats, NULL, NULL, progress, progress_data, cancellable, error);
}

void
clipper_vault_taken_free (gpointer data)
{
  ClipperVaultTaken *taken = data;

  g_free (taken->marks);
  g_free (taken->quotes);
  g_free (taken->tags);
  g_free (taken->read_marks);
  g_free (taken->read_quotes);
  g_free (taken->read_tags);
  g_free (taken);
}

gboolean
clipper_markdown_record_import (const char *dir, GHashTable *taken, GError **error)
{
  g_autoptr (GString) marks_buffer = g_string_new (NULL);
  g_autoptr (GString) quotes_buffer = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;
  Vault vault = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (taken != NULL, FALSE);

  vault_init (&vault, dir);
  if (!load_manifest (&vault, error))
    {
      vault_clear (&vault);
      return FALSE;
    }
  /* Written again as it was read but for the entries recorded: the same
   * library (or none, for a manifest from before). */
  vault.library_id = vault.manifest_library;
  g_hash_table_iter_init (&iter, vault.manifest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VaultEntry *entry = value;
      ClipperVaultTaken *t = g_hash_table_lookup (taken, entry->name);

      /* An entry an export rewrote since the import read it holds what
       * that export wrote, which is newer. */
      if (t == NULL || entry->fingerprint == NULL
          || g_strcmp0 (entry_marks (&vault, entry, marks_buffer), t->read_marks) != 0
          || g_strcmp0 (entry_quotes (&vault, entry, quotes_buffer), t->read_quotes) != 0
          || g_strcmp0 (entry->tags, t->read_tags) != 0)
        continue;
      g_free (entry->marks);
      entry->marks = g_strdup (t->marks);
      entry->marks_at = -1;
      g_free (entry->quotes);
      entry->quotes = g_strdup (t->quotes);
      entry->quotes_at = -1;
      g_free (entry->tags);
      entry->tags = g_strdup (t->tags);
      vault.manifest_changed = TRUE;
    }
  if (vault.manifest_changed)
    ok = save_manifest (&vault, error);
  vault_clear (&vault);
  return ok;
}

typedef struct {
  char                 *db_path;
  char                 *dir;
  ClipperExportOptions *options;
  ClipperProgressRelay *relay;
  ClipperVaultStats     stats;
  GPtrArray            *notices;   /* NULL-terminated, for clipper_markdown_export_vault_get_notices() */
  GPtrArray            *copies;    /* NULL-terminated, for clipper_markdown_export_vault_get_copies() */
} VaultTask;

static void
vault_task_free (gpointer data)
{
  VaultTask *t = data;

  g_free (t->db_path);
  g_free (t->dir);
  clipper_export_options_free (t->options);
  g_clear_pointer (&t->relay, clipper_progress_relay_unref);
  g_ptr_array_unref (t->notices);
  g_ptr_array_unref (t->copies);
  g_free (t);
}

static void
vault_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  VaultTask *t = task_data;
  g_autoptr (ClipperStore) store = NULL;
  GError *error = NULL;

  /* A worker's own connection to the caller's library: one deleted or
   * moved meanwhile is not made again (its folder too) to work in. */
  store = clipper_store_open_existing (t->db_path, &error);
  if (store == NULL
      || !export_vault (store, t->dir, t->options, &t->stats, t->notices, t->copies,
                        t->relay != NULL ? clipper_progress_relay_report : NULL, t->relay, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (t->notices, NULL);
  g_ptr_array_add (t->copies, NULL);
  g_task_return_boolean (task, TRUE);
}

void
clipper_markdown_export_vault_async (const char                 *db_path,
                                     const char                 *dir,
                                     const ClipperExportOptions *options,
                                     ClipperProgressFunc         progress,
                                     gpointer                    progress_data,
                                     GDestroyNotify              progress_destroy,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data)
{
  g_autoptr (GTask) task = NULL;
  VaultTask *t;

  g_return_if_fail (dir != NULL);

  t = g_new0 (VaultTask, 1);
  t->db_path = g_strdup (db_path);
  t->dir = g_strdup (dir);
  t->options = clipper_export_options_copy (options);
  t->relay = clipper_progress_relay_new (progress, progress_data, progress_destroy);
  t->notices = g_ptr_array_new_with_free_func (g_free);
  t->copies = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_markdown_export_vault_async);
  g_task_set_task_data (task, t, vault_task_free);
  g_task_run_in_thread (task, vault_thread);
}

gboolean
clipper_markdown_export_vault_finish (GAsyncResult *result, ClipperVaultStats *out_stats, GError **error)
{
  VaultTask *t;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  t = g_task_get_task_data (G_TASK (result));
  if (out_stats != NULL)
    *out_stats = t->stats;
  return TRUE;
}

/* The task data of a vault export that succeeded; NULL for another result. */
static VaultTask *
vault_task_of (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_markdown_export_vault_async, NULL);
  g_return_val_if_fail (g_task_had_error (G_TASK (result)) == FALSE, NULL);

  return g_task_get_task_data (G_TASK (result));
}

const char *const *
clipper_markdown_export_vault_get_notices (GAsyncResult *result)
{
  VaultTask *t = vault_task_of (result);

  return t != NULL ? (const char *const *) t->notices->pdata : NULL;
}

const char *const *
clipper_markdown_export_vault_get_copies (GAsyncResult *result)
{
  VaultTask *t = vault_task_of (result);

  return t != NULL ? (const char *const *) t->copies->pdata : NULL;
}
