/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer process for the store tests: saves articles and highlights one
 * transaction at a time and prints "article ID" / "highlight ID" on stdout
 * only after the commit returned, so the test knows exactly which changes
 * were reported as done when it kills this process.
 *
 *   store-writer DB COUNT TAG
 *
 * Exit status: 0 done, 3 the library stayed busy past the timeout (the
 * message on stderr says so), 1 any other failure.
 */
#define G_LOG_DOMAIN "store-writer"

#include "clipper-store.h"

#include <stdio.h>
#include <stdlib.h>

static int
fail (GError *error)
{
  fprintf (stderr, "store-writer: %s\n", error->message);
  return g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_BUSY) ? 3 : 1;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int count;

  if (argc != 4)
    {
      fprintf (stderr, "usage: store-writer DB COUNT TAG\n");
      return 2;
    }
  count = atoi (argv[2]);

  /* Big enough that a kill often lands in the middle of a write. */
  for (int i = 0; i < 400; i++)
    g_string_append (text, "the quick brown fox jumps over the lazy dog ");

  store = clipper_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);

  for (int i = 0; i < count; i++)
    {
      g_autoptr(ClipperArticle) article = clipper_article_new ();
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      g_autofree char *url = g_strdup_printf ("https://example.org/%s/%d/%d", argv[3], (int) getpid (), i);
      g_autofree char *title = g_strdup_printf ("Writer %s article %d", argv[3], i);
      const char *tags[] = { argv[3], NULL };

      clipper_article_set_url (article, url);
      clipper_article_set_title (article, title);
      clipper_article_set_text (article, text->str);
      clipper_article_set_html (article, text->str);
      clipper_article_set_tags (article, tags);
      if (!clipper_store_add_article (store, article, NULL, &error))
        return fail (error);
      printf ("article %" G_GINT64_FORMAT "\n", clipper_article_get_id (article));
      fflush (stdout);

      clipper_highlight_set_article_id (highlight, clipper_article_get_id (article));
      clipper_highlight_set_quote (highlight, "quick brown fox");
      clipper_highlight_set_note (highlight, title);
      clipper_highlight_set_range (highlight, 4, 19);
      clipper_highlight_set_tags (highlight, tags);
      if (!clipper_store_add_highlight (store, highlight, &error))
        return fail (error);
      printf ("highlight %" G_GINT64_FORMAT "\n", clipper_highlight_get_id (highlight));
      fflush (stdout);
    }
  return 0;
}
