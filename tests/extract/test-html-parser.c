/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extractor's HTML parser: the trees it builds for the markup articles
 * are made of (implied end tags, tables, raw text, character references,
 * attributes, misnesting), its limits, and on the shared corpus that every
 * tree it builds is well linked.
 */
#define G_LOG_DOMAIN "test-html-parser"

#include <glib.h>
#include <string.h>

#include "clipper-html-parser.h"
#include "clipper-test-util.h"

static void
dump (GString *out, xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        {
          g_string_append (out, (const char *) node->content);
          continue;
        }
      g_string_append_printf (out, "<%s", (const char *) node->name);
      for (xmlAttr *a = node->properties; a != NULL; a = a->next)
        g_string_append_printf (out, " %s=\"%s\"", (const char *) a->name, (const char *) a->children->content);
      g_string_append_c (out, '>');
      dump (out, node->children);
      g_string_append_printf (out, "</%s>", (const char *) node->name);
    }
}

static xmlNode *
child (xmlNode *parent, const char *name)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0)
      return c;
  return NULL;
}

/* "<head>…</head><body>…</body>" of @html, attributes included. */
static char *
parse_and_dump (const char *html)
{
  xmlDoc *doc = clipper_html_parse (html, strlen (html), NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (doc->children);
  g_assert_cmpstr ((const char *) doc->children->name, ==, "html");
  g_assert_null (doc->children->next);
  dump (out, doc->children->children);
  clipper_html_doc_free (doc);
  return g_string_free (out, FALSE);
}

static void
assert_body (const char *html, const char *expected_body)
{
  g_autofree char *got = parse_and_dump (html);
  g_autofree char *want = g_strdup_printf ("<head></head><body>%s</body>", expected_body);

  if (strcmp (got, want) != 0)
    g_error ("parsing %s\n  got  %s\n  want %s", html, got, want);
}

static void
test_implied_end_tags (void)
{
  assert_body ("<p>one<p>two<div>three</div>", "<p>one</p><p>two</p><div>three</div>");
  assert_body ("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
               "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>");
  assert_body ("<dl><dt>t<dd>d<dt>u</dl>", "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>");
  assert_body ("<h1>a<h2>b</h1>c", "<h1>a</h1><h2>b</h2>c");
  assert_body ("<p>a<table><tr><td>b</table>", "<p>a</p><table><tbody><tr><td>b</td></tr></tbody></table>");
  assert_body ("<a href=1>x<a href=2>y</a>", "<a href=\"1\">x</a><a href=\"2\">y</a>");
  assert_body ("<a href=1><b>x<a href=2>y</a>", "<a href=\"1\"><b>x</b></a><a href=\"2\">y</a>");
  /* A link across a block is not ended: the block keeps its content. */
  assert_body ("<a href=1><div><h3>t<a href=2>by</a></h3><p>body</p></div></a>",
               "<a href=\"1\"><div><h3>t<a href=\"2\">by</a></h3><p>body</p></div></a>");
  assert_body ("<select><option>a<option>b</select>", "<select><option>a</option><option>b</option></select>");
}

static void
test_tables (void)
{
  assert_body ("<table><td>c</table>", "<table><tbody><tr><td>c</td></tr></tbody></table>");
  assert_body ("<table><tr><td>a<td>b<tr><th>c</table>",
               "<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>");
  assert_body ("<table><thead><tr><th>h<tbody><tr><td>d</table>",
               "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>");
  /* Content outside the cells is moved before the table (foster parenting). */
  assert_body ("<table>x<tr><td>c</td></tr></table>", "x<table><tbody><tr><td>c</td></tr></tbody></table>");
  assert_body ("<table><div>moved</div><tr><td>c</table>",
               "<div>moved</div><table><tbody><tr><td>c</td></tr></tbody></table>");
  /* An end tag never closes past a cell. */
  assert_body ("<div><table><tr><td>a</div>b</td></tr></table>c</div>",
               "<div><table><tbody><tr><td>ab</td></tr></tbody></table>c</div>");
  assert_body ("<table><colgroup><col><col></colgroup><col><tr><td>c</table>",
               "<table><colgroup><col></col><col></col></colgroup><colgroup><col></col></colgroup>"
               "<tbody><tr><td>c</td></tr></tbody></table>");
  /* A cell outside any table is no cell. */
  assert_body ("<td>x</td>", "x");
  /* Nested tables. */
  assert_body ("<table><tr><td><table><tr><td>in</table>out</table>",
               "<table><tbody><tr><td><table><tbody><tr><td>in</td></tr></tbody></table>out</td></tr></tbody></table>");
}

static void
test_void_and_raw_text (void)
{
  /* HTML5's void elements, <source> and <wbr> included (libxml2 made them
   * swallow what followed). */
  assert_body ("<p>a<source>b<wbr>c<br>d<img src=x>e<track>f</p>",
               "<p>a<source></source>b<wbr></wbr>c<br></br>d<img src=\"x\"></img>e<track></track>f</p>");
  assert_body ("<p>t<script>if (a<b) x('</div>'); '</scripty'</script>u</p>",
               "<p>t<script>if (a<b) x('</div>'); '</scripty'</script>u</p>");
  assert_body ("<p>t<SCRIPT>x</SCRIPT >u<style>p{}</style\n>v</p>",
               "<p>t<script>x</script>u<style>p{}</style>v</p>");
  /* HTML5's script escapes: a script written inside a comment in a script. */
  assert_body ("<p><script><!-- document.write('<script src=x></script>'); --></script>t</p>",
               "<p><script><!-- document.write('<script src=x></script>'); --></script>t</p>");
  assert_body ("<p><script><!-- x </script>t<script><!--></script>u</p>",
               "<p><script><!-- x </script>t<script><!--></script>u</p>");
  assert_body ("<p><script><!-- <script> </script> --></script>t</p>",
               "<p><script><!-- <script> </script> --></script>t</p>");
  assert_body ("<textarea>&lt;b&gt;</textarea>", "<textarea><b></textarea>");
  /* One newline after <pre>, <listing>, <textarea> is dropped, as in HTML5. */
  assert_body ("<pre>\n\ncode\n</pre><textarea>\r\nt</textarea><listing>\nl</listing><div>\nd</div>",
               "<pre>\ncode\n</pre><textarea>t</textarea><listing>l</listing><div>\nd</div>");
  assert_body ("<xmp><p>&amp;</xmp>", "<xmp><p>&amp;</xmp>");
  assert_body ("<plaintext><p>x</p>", "<plaintext><p>x</p></plaintext>");
  assert_body ("<p>a<script>never closed", "<p>a<script>never closed</script></p>");
  assert_body ("<p>x</p><noscript><img src=a></noscript>", "<p>x</p><noscript><img src=\"a\"></img></noscript>");
  assert_body ("</br><image src=y>", "<br></br><img src=\"y\"></img>");
}

static void
test_head (void)
{
  g_autofree char *a = parse_and_dump ("<!DOCTYPE html><html><head><title>A &amp; B</title>\n"
                                       "<meta charset=utf-8><script>var x = '<p>';</script>"
                                       "<noscript><img src=t></noscript></head>\n<body><p>x</p></body></html>");
  g_autofree char *b = parse_and_dump ("<title>T</title>text starts the body<meta name=late>");

  g_assert_cmpstr (a, ==, "<head><title>A & B</title><meta charset=\"utf-8\"></meta><script>var x = '<p>';</script>"
                          "<noscript><img src=t></noscript></head><body><p>x</p></body>");
  g_assert_cmpstr (b, ==, "<head><title>T</title></head><body>text starts the body<meta name=\"late\"></meta></body>");
}

static void
test_html_and_body_attributes (void)
{
  const char *html = "<html lang=en><body class=a><p>x</p><body dir=rtl class=b><html lang=fr data-x=1>";
  xmlDoc *doc = clipper_html_parse (html, strlen (html), "https://example.com/a");
  xmlNode *root = doc->children;
  xmlNode *body = child (root, "body");
  GString *out = g_string_new (NULL);

  g_assert_cmpstr ((const char *) doc->URL, ==, "https://example.com/a");
  for (xmlAttr *a = root->properties; a != NULL; a = a->next)
    g_string_append_printf (out, "%s=%s ", (const char *) a->name, (const char *) a->children->content);
  g_string_append (out, "| ");
  for (xmlAttr *a = body->properties; a != NULL; a = a->next)
    g_string_append_printf (out, "%s=%s ", (const char *) a->name, (const char *) a->children->content);
  /* The first value of a name wins; later tags only add names. */
  g_assert_cmpstr (out->str, ==, "data-x=1 lang=en | dir=rtl class=a ");
  g_string_free (out, TRUE);
  clipper_html_doc_free (doc);
}

static void
test_character_references (void)
{
  assert_body ("<p>&lt;&amp;&gt; &copy &notit; &#x41;&#66;&#x80;&#0;&#xD800;&#x110000; &bogus; &amp &#; &#xZ;</p>",
               "<p><&> \xc2\xa9 \xc2\xacit; AB\xe2\x82\xac\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd &bogus; & &#; &#xZ;</p>");
  assert_body ("<p>&nGt; &NotEqualTilde; &rsquo;&hellip;&nbsp;</p>",
               "<p>\xe2\x89\xab\xe2\x83\x92 \xe2\x89\x82\xcc\xb8 \xe2\x80\x99\xe2\x80\xa6\xc2\xa0</p>");
  /* In attributes a legacy name without ';' followed by a letter or '='
   * stays as written: query strings survive. */
  assert_body ("<a href=\"?a=1&copy=2&amp;b=&lt;x&notify\">l</a>",
               "<a href=\"?a=1&copy=2&b=<x&notify\">l</a>");
  assert_body ("<p title='&copy x'>y</p>", "<p title=\"\xc2\xa9 x\">y</p>");
}

static void
test_attributes_and_text (void)
{
  assert_body ("<DIV Class=a class=b data-x='y\"z' hidden data-e=>t</DIV>",
               "<div class=\"a\" data-x=\"y\"z\" hidden=\"\" data-e=\"\">t</div>");
  assert_body ("<p>a\r\nb\rc</p>", "<p>a\nb\nc</p>");
  assert_body ("<p>a<!-- x -->b<!---->c<!-->d<!--->e<?php f ?>g</p>", "<p>abcdeg</p>");
  assert_body ("<p>a < b <3 c</> d</3 e> f</p>", "<p>a < b <3 c d f</p>");
  /* A tag cut off by the end of the input is dropped. */
  assert_body ("<p>a<b c=\"d", "<p>a</p>");
  assert_body ("<p>a</p", "<p>a</p>");
  /* Foreign content: self-closing tags are honoured. */
  assert_body ("<p><svg><path d=x /><circle/></svg>t</p>",
               "<p><svg><path d=\"x\"></path><circle></circle></svg>t</p>");
  assert_body ("<svg><g><p>breaks out</svg>", "<svg><g></g></svg><p>breaks out</p>");
  assert_body ("<my-widget><div>a</div></my-widget>b", "<my-widget><div>a</div></my-widget>b");
}

static void
test_misnesting (void)
{
  /* A formatting end tag closes what is open above it (as libxml2 did; the
   * adoption agency is not implemented). */
  assert_body ("<b><p>x</b>y</p>", "<b><p>x</p></b>y<p></p>");
  /* Other end tags never cross a block. */
  assert_body ("<span><div>a</span>b</div>", "<span><div>ab</div></span>");
  assert_body ("<div>a</section>b</div>", "<div>ab</div>");
  /* A </p> with no open <p> is an empty paragraph, as in HTML5. */
  assert_body ("<div>a</p>b</div>", "<div>a<p></p>b</div>");
  /* Stray end tags of the document do not end it. */
  assert_body ("<p>a</p></body></html><p>b</p>", "<p>a</p><p>b</p>");
}

static guint
max_depth (xmlNode *root)
{
  guint depth = 0, max = 0;
  xmlNode *n = root;

  while (n != NULL)
    {
      if (n->children != NULL)
        {
          n = n->children;
          depth++;
          max = MAX (max, depth);
          continue;
        }
      while (n != NULL && n != root && n->next == NULL)
        {
          n = n->parent;
          depth--;
        }
      if (n == NULL || n == root)
        break;
      n = n->next;
    }
  return max;
}

/* Every link in the tree agrees with its neighbours. */
static guint
check_links (xmlNode *parent)
{
  guint count = 0;
  xmlNode *prev = NULL;

  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      g_assert_true (c->parent == parent);
      g_assert_true (c->prev == prev);
      if (c->type == XML_TEXT_NODE)
        {
          g_assert_nonnull (c->content);
          /* Adjacent text is one node. */
          g_assert_true (prev == NULL || prev->type != XML_TEXT_NODE);
        }
      else
        g_assert_cmpint (c->type, ==, XML_ELEMENT_NODE);
      count += 1 + check_links (c);
      prev = c;
    }
  g_assert_true (parent->last == prev);
  return count;
}

static void
test_depth_limit (void)
{
  GString *s = g_string_new ("<body>");
  xmlDoc *doc;

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "<div><span>");
  g_string_append (s, "deepest");
  doc = clipper_html_parse (s->str, s->len, NULL);
  g_assert_cmpuint (max_depth (doc->children), <=, CLIPPER_HTML_MAX_DEPTH);
  /* Deeper content is kept, beside the deepest element. */
  {
    xmlNode *n = doc->children;
    while (n->last != NULL)
      n = n->last;
    g_assert_cmpint (n->type, ==, XML_TEXT_NODE);
    g_assert_cmpstr ((const char *) n->content, ==, "deepest");
  }
  clipper_html_doc_free (doc);
  g_string_free (s, TRUE);
}

static guint
count_elements (xmlNode *node, GString *text)
{
  guint n = 0;

  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      n += 1 + count_elements (node->children, text);
    else if (node->type == XML_TEXT_NODE)
      g_string_append (text, (const char *) node->content);
  return n;
}

/* Past CLIPPER_HTML_MAX_ELEMENTS only text is kept, and a raw-text
 * element's content still does not become markup. */
static void
test_element_budget (void)
{
  GString *s = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  xmlDoc *doc;
  guint n;

  for (guint i = 0; i < CLIPPER_HTML_MAX_ELEMENTS + 100; i++)
    g_string_append (s, "<b>x</b>");
  g_string_append (s, "<script>if (a<b) y('<p>')</script>end");
  doc = clipper_html_parse (s->str, s->len, NULL);
  n = count_elements (doc->children, text);
  /* html, head and body come on top of the budget. */
  g_assert_cmpuint (n, <=, CLIPPER_HTML_MAX_ELEMENTS + 3);
  g_assert_cmpuint (n, >=, CLIPPER_HTML_MAX_ELEMENTS);
  g_assert_cmpuint (text->len, ==, CLIPPER_HTML_MAX_ELEMENTS + 100 + strlen ("end"));
  clipper_html_doc_free (doc);
  g_string_free (text, TRUE);
  g_string_free (s, TRUE);
}

static void
test_tree_edits (void)
{
  const char *html = "<div><p>a</p><p>b</p></div>";
  xmlDoc *doc = clipper_html_parse (html, strlen (html), NULL);
  xmlNode *div = child (child (doc->children, "body"), "div");
  xmlNode *first = div->children, *second = first->next;
  xmlNode *q = clipper_html_new_element (doc, "blockquote");
  GString *out = g_string_new (NULL);

  clipper_html_replace (first, q);
  clipper_html_append (q, first);
  clipper_html_append (q, clipper_html_new_text (doc, "c", -1));
  clipper_html_set_name (second, "h2");
  clipper_html_append (div, second);   /* moving a linked node unlinks it first */
  check_links (div);
  dump (out, div);
  g_assert_cmpstr (out->str, ==, "<div><blockquote><p>a</p>c</blockquote><h2>b</h2></div>");
  g_string_free (out, TRUE);
  clipper_html_doc_free (doc);
}

static void
test_corpus_trees (void)
{
  g_autoptr(GPtrArray) page_dirs = clipper_test_corpus_pages ();
  guint pages = 0;

  if (page_dirs == NULL)
    return;
  for (guint i = 0; i < page_dirs->len; i++)
    {
      const char *name = g_ptr_array_index (page_dirs, i);
      g_autofree char *source = g_build_filename (name, "source.html", NULL);
      g_autofree char *html = NULL;
      g_autofree char *clean = NULL;
      gsize len = 0;
      xmlDoc *doc;
      xmlNode *root, *body;

      if (!g_file_get_contents (source, &html, &len, NULL))
        continue;
      clean = g_utf8_make_valid (html, (gssize) len);
      doc = clipper_html_parse (clean, strlen (clean), NULL);
      root = doc->children;
      g_assert_cmpstr ((const char *) root->name, ==, "html");
      g_assert_cmpstr ((const char *) root->children->name, ==, "head");
      body = child (root, "body");
      g_assert_nonnull (body);
      g_assert_true (body == root->last);
      if (check_links (body) < 1)
        g_error ("%s: an empty body", name);
      check_links (root->children);
      clipper_html_doc_free (doc);
      pages++;
    }
  g_assert_cmpuint (pages, >=, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/html-parser/implied-end-tags", test_implied_end_tags);
  g_test_add_func ("/html-parser/tables", test_tables);
  g_test_add_func ("/html-parser/void-and-raw-text", test_void_and_raw_text);
  g_test_add_func ("/html-parser/head", test_head);
  g_test_add_func ("/html-parser/html-and-body-attributes", test_html_and_body_attributes);
  g_test_add_func ("/html-parser/character-references", test_character_references);
  g_test_add_func ("/html-parser/attributes-and-text", test_attributes_and_text);
  g_test_add_func ("/html-parser/misnesting", test_misnesting);
  g_test_add_func ("/html-parser/depth-limit", test_depth_limit);
  g_test_add_func ("/html-parser/element-budget", test_element_budget);
  g_test_add_func ("/html-parser/tree-edits", test_tree_edits);
  g_test_add_func ("/html-parser/corpus", test_corpus_trees);
  return g_test_run ();
}
