/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small DOM helpers over libxml2's tree.  Every walk here is iterative
 * (parent/next pointers), so no page can exhaust the stack, and text
 * lengths are counted without building strings.
 */
#define G_LOG_DOMAIN "clipper-extract"

#include "clipper-extract-private.h"

#include <string.h>

/* The parser lower-cases tag and attribute names, and so do we (callers
 * pass lower-case names): plain comparisons are enough. */
const char *
clipper_dom_attr (xmlNode *node, const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      if (clipper_str_eq ((const char *) a->name, name))
        {
          if (a->children != NULL && a->children->content != NULL)
            return (const char *) a->children->content;
          return "";
        }
    }
  return NULL;
}

/* Pre-order successor of @node inside @root (NULL when the walk leaves it). */
xmlNode *
clipper_dom_next (xmlNode *node, xmlNode *root, gboolean skip_children)
{
  if (!skip_children && node->children != NULL && node->type == XML_ELEMENT_NODE)
    return node->children;
  if (!skip_children && node->children != NULL &&
      (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE))
    return node->children;
  while (node != NULL && node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

static xmlNode *
next_element_sibling (xmlNode *node)
{
  for (node = node->next; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

xmlNode *
clipper_dom_first_element_child (xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

/* Element-only pre-order walk over the whole document. */
xmlNode *
clipper_dom_next_element (xmlNode *node, gboolean skip_children)
{
  xmlNode *first;

  if (!skip_children && (first = clipper_dom_first_element_child (node)) != NULL)
    return first;
  while (node != NULL && node->type == XML_ELEMENT_NODE)
    {
      xmlNode *sib = next_element_sibling (node);
      if (sib != NULL)
        return sib;
      node = node->parent;
    }
  return NULL;
}

xmlNode *
clipper_dom_find (xmlNode *root, const char *tag)
{
  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    if (clipper_dom_is (n, tag))
      return n;
  return NULL;
}

guint
clipper_dom_count_children (xmlNode *node)
{
  guint n = 0;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      n++;
  return n;
}

static inline gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= 0x80 && (c == 0xA0 || c == 0xFEFF || g_unichar_isspace (c)));
}

/* Length of the element's text as Readability measures it: trimmed, with
 * every run of white space counted as one character.  Counts UTF-16 code
 * units like JavaScript's String.length, so thresholds mean the same.
 * Also counts commas (Latin, Arabic, CJK variants) when @commas is set. */
glong
clipper_dom_text_length (xmlNode *node, guint *commas)
{
  return clipper_dom_text_length_full (node, commas, TRUE);
}

/* With @collapse FALSE: textContent.trim().length, spaces all counted. */
glong
clipper_dom_text_length_full (xmlNode *node, guint *commas, gboolean collapse)
{
  glong len = 0;
  glong pending = 0;
  gboolean started = FALSE;
  gboolean in_space = FALSE;
  guint n_commas = 0;

  for (xmlNode *n = node; n != NULL; n = clipper_dom_next (n, node, FALSE))
    {
      const char *p;

      if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) || n->content == NULL)
        continue;
      p = (const char *) n->content;
      while (*p != '\0')
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
          if (is_space_char (c))
            {
              in_space = TRUE;
              pending += c >= 0x10000 ? 2 : 1;
              continue;
            }
          if (started && in_space)
            len += collapse ? 1 : pending;
          pending = 0;
          in_space = FALSE;
          started = TRUE;
          len += c >= 0x10000 ? 2 : 1;
          if (c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 ||
              c == 0x2E41 || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C)
            n_commas++;
        }
    }
  if (commas != NULL)
    *commas = n_commas;
  return len;
}

char *
clipper_dom_normalize_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;

      /* ASCII without a call per character: the common case. */
      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p++;
          if (is_space_char (c))
            {
              in_space = TRUE;
              continue;
            }
          if (in_space && out->len > 0)
            g_string_append_c (out, ' ');
          in_space = FALSE;
          g_string_append_c (out, (char) c);
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (is_space_char (c))
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && out->len > 0)
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* textContent of @node; with @normalize, trimmed and space-collapsed. */
char *
clipper_dom_inner_text (xmlNode *node, gboolean normalize)
{
  GString *s = g_string_new (NULL);

  if (node == NULL)
    return g_string_free (s, FALSE);
  for (xmlNode *n = node; n != NULL; n = clipper_dom_next (n, node, FALSE))
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
      g_string_append (s, (const char *) n->content);
  if (normalize)
    {
      char *r = clipper_dom_normalize_space (s->str);
      g_string_free (s, TRUE);
      return r;
    }
  return g_string_free (s, FALSE);
}

/* Takes @node out of the tree; its memory goes with the document's arena. */
void
clipper_dom_remove (xmlNode *node)
{
  clipper_html_unlink (node);
}
