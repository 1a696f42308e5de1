/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the <body> that the extractor's HTML parser builds for a page, as
 * tags and text (scripts, styles and other raw-text elements left out),
 * for html5-tree-check.sh to compare with a browser-grade HTML5 parser.
 *
 *   html-parse-dump PAGE.html
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "clipper-html-parser.h"

static const char *const skipped[] = {
  "script", "style", "noscript", "template", "textarea", "iframe", "noembed", "noframes", "xmp", NULL,
};

static void
dump (xmlNode *node, GString *out)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        g_string_append (out, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE &&
               !g_strv_contains (skipped, (const char *) node->name))
        {
          g_string_append_printf (out, "<%s>", (const char *) node->name);
          dump (node->children, out);
          g_string_append_printf (out, "</%s>", (const char *) node->name);
        }
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *html = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len = 0;
  xmlDoc *doc;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PAGE.html\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &html, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  clean = g_utf8_make_valid (html, (gssize) len);
  doc = clipper_html_parse (clean, strlen (clean), NULL);
  dump (doc->children->last->children, out);
  fwrite (out->str, 1, out->len, stdout);
  clipper_html_doc_free (doc);
  return 0;
}
