/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts the anchoring benchmarks read (the corpus's reference
 * articles, or *.txt files) and the seeded random highlights they place,
 * shared by bench-anchor and bench-refetch-guard so that both measure the
 * same cases.
 *
 * Everything here is static: the file is included by each program.
 */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "clipper-anchor.h"

typedef struct {
  char *name;
  char *text;
} Text;

static G_GNUC_UNUSED void
text_free (gpointer data)
{
  Text *t = data;
  g_free (t->name);
  g_free (t->text);
  g_free (t);
}

/* textContent of an HTML file: its text nodes in document order. */
static char *
html_file_text (const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                                HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  xmlNodePtr root;
  xmlChar *content;
  char *text;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  content = root != NULL ? xmlNodeGetContent (root) : NULL;
  text = g_strdup (content != NULL ? (const char *) content : "");
  xmlFree (content);
  xmlFreeDoc (doc);
  return text;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Texts of @dir: NAME/expected.html folders and *.txt files, sorted. */
static G_GNUC_UNUSED GPtrArray *
load_texts (const char *dir, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *texts = g_ptr_array_new_with_free_func (text_free);
  const char *name;

  if (d == NULL)
    return texts;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);
      g_autofree char *html = g_build_filename (path, "expected.html", NULL);
      char *text = NULL;

      if (g_file_test (html, G_FILE_TEST_IS_REGULAR))
        text = html_file_text (html);
      else if (g_str_has_suffix (n, ".txt"))
        g_file_get_contents (path, &text, NULL, NULL);

      if (text != NULL && g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) >= 200)
        {
          Text *t = g_new0 (Text, 1);
          t->name = g_strdup (n);
          t->text = text;
          g_ptr_array_add (texts, t);
        }
      else
        g_free (text);
    }
  return texts;
}

typedef struct {
  char  *exact, *prefix, *suffix;
  gint64 start, end;
} Hl;

static void
hl_clear (Hl *h)
{
  g_free (h->exact);
  g_free (h->prefix);
  g_free (h->suffix);
}

/* @n random highlights of @t: word to word, 10–300 code points, some
 * across paragraphs, none only whitespace. */
static G_GNUC_UNUSED GArray *
make_highlights (ClipperAnchorText *t, const gunichar *cps, GRand *rand, guint n)
{
  GArray *hls = g_array_new (FALSE, TRUE, sizeof (Hl));
  gint64 len = clipper_anchor_text_get_length (t);

  g_array_set_clear_func (hls, (GDestroyNotify) hl_clear);
  for (guint tries = 0; hls->len < n && tries < n * 20; tries++)
    {
      /* Mostly sentence-sized, sometimes a few words or a paragraph. */
      double u = g_rand_double (rand);
      gint64 want = 10 + (gint64) (u * u * 290);
      gint64 s = g_rand_int_range (rand, 0, (gint32) MAX (1, len - want));
      gint64 e;
      Hl h = { 0 };
      gboolean blank = TRUE;

      while (s > 0 && !g_unichar_isspace (cps[s - 1]))
        s--;
      while (s < len && g_unichar_isspace (cps[s]))
        s++;
      e = MIN (len, s + want);
      while (e < len && !g_unichar_isspace (cps[e]) && e - s < want + 20)
        e++;
      while (e > s && g_unichar_isspace (cps[e - 1]))
        e--;
      for (gint64 i = s; i < e && blank; i++)
        blank = g_unichar_isspace (cps[i]);
      if (e - s < 5 || blank)
        continue;

      h.start = s;
      h.end = e;
      h.exact = clipper_anchor_text_slice (t, s, e);
      clipper_anchor_text_context (t, s, e, &h.prefix, &h.suffix);
      g_array_append_val (hls, h);
    }
  return hls;
}

/* The corpus's synthetic pages repeat the same Lorem ipsum paragraphs
 * verbatim: there a quote and its context occur several times, and only
 * the position can choose.  They are counted apart from real articles. */
static G_GNUC_UNUSED gboolean
text_is_synthetic (const char *text)
{
  return strstr (text, "orem ipsum") != NULL || strstr (text, "dolor sit amet") != NULL ||
         strstr (text, "consectetur adipisicing") != NULL;
}

/* The corpus's folder: @dir if given, else the shared folder's
 * ($CLIPPER_SHARED_DIR, or the one beside the project's, as the tests
 * find it); NULL, said on standard output as a skip, if it is not there
 * (users do not have it). */
static G_GNUC_UNUSED char *
bench_corpus_dir (const char *program,
                  const char *dir)
{
  g_autofree char *found = NULL;

  if (dir != NULL)
    found = g_strdup (dir);
  else if (g_getenv ("CLIPPER_SHARED_DIR") != NULL)
    found = g_build_filename (g_getenv ("CLIPPER_SHARED_DIR"), "corpus", "readability-test-pages", NULL);
  else
    found = g_build_filename (TEST_DATA_DIR, "..", "..", "..", "shared", "corpus", "readability-test-pages", NULL);
  if (!g_file_test (found, G_FILE_TEST_IS_DIR))
    {
      g_print ("%s: skipped: no corpus at '%s' (set CLIPPER_SHARED_DIR to the shared folder, "
               "or give --dir DIR)\n", program, found);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* The real articles of @all (Text *), not the synthetic pages. */
static G_GNUC_UNUSED GPtrArray *
bench_articles (GPtrArray *all)
{
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      Text *t = g_ptr_array_index (all, i);

      if (!text_is_synthetic (t->text))
        g_ptr_array_add (texts, t);
    }
  return texts;
}

