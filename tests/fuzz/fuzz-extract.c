/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the extractor: any bytes go in; nothing may crash,
 * leak or hang, and the article HTML must read back (libxml2) to exactly
 * the article text, whatever the page was.  The parser's tree is checked
 * on its own too: every link agrees with its neighbours, no element is
 * deeper than the limit, and adjacent text is one node.
 */
#define G_LOG_DOMAIN "fuzz-extract"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-extractor.h"
#include "clipper-extract-private.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_writer_func (fuzz_fatal_writer, NULL, NULL);
  return 0;
}

static void
check_tree (xmlNode *parent, guint depth)
{
  xmlNode *prev = NULL;

  if (depth > CLIPPER_HTML_MAX_DEPTH + 1)
    abort ();
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      if (c->parent != parent || c->prev != prev)
        abort ();
      if (c->type == XML_TEXT_NODE)
        {
          if (c->content == NULL || (prev != NULL && prev->type == XML_TEXT_NODE))
            abort ();
        }
      else if (c->type != XML_ELEMENT_NODE)
        abort ();
      check_tree (c, depth + 1);
      prev = c;
    }
  if (parent->last != prev)
    abort ();
}

static void
check_parse (const uint8_t *data, size_t size)
{
  g_autofree char *clean = g_utf8_make_valid ((const char *) data, (gssize) size);
  xmlDoc *doc = clipper_html_parse (clean, strlen (clean), NULL);
  xmlNode *root = doc->children;

  if (root == NULL || root->next != NULL || strcmp ((const char *) root->name, "html") != 0 ||
      root->children == NULL || strcmp ((const char *) root->children->name, "head") != 0 ||
      root->last == NULL || strcmp ((const char *) root->last->name, "body") != 0)
    abort ();
  check_tree (root, 1);
  clipper_html_doc_free (doc);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperExtraction) ex = NULL;
  g_autofree char *blocks = NULL;
  g_autofree char *reread = NULL;

  check_parse (data, size);
  ex = clipper_extract ((const char *) data, size, "https://fuzz.example/a/page.html", &error);
  if (ex == NULL)
    {
      /* Only "nothing to parse" may fail, and it must say so. */
      if (!g_error_matches (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY) &&
          !g_error_matches (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_INVALID))
        abort ();
      return 0;
    }
  if (!g_utf8_validate (ex->text, -1, NULL) || !g_utf8_validate (ex->html, -1, NULL))
    abort ();
  {
    const char *fields[] = { ex->title, ex->byline, ex->site_name, ex->lang, ex->dir, ex->excerpt,
                             ex->published_time, ex->lead_image };
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        if (fields[i] == NULL)
          continue;
        if (!g_utf8_validate (fields[i], -1, NULL))
          abort ();
        for (const char *p = fields[i]; *p; p++)
          if ((guchar) *p < 0x20 || *p == 0x7f)
            abort ();  /* control characters break JSON writers and terminals */
      }
  }
  blocks = clipper_extraction_dup_block_text (ex);
  reread = clipper_text_of_html (ex->html);
  if (strcmp (reread, ex->text) != 0)
    {
      g_printerr ("fuzz-extract: the article HTML reads back to other text\nhtml: %s\ntext: %s\nreread: %s\n",
                  ex->html, ex->text, reread);
      abort ();
    }
  return 0;
}
