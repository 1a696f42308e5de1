/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a library with N made-up articles (and a highlight on every tenth)
 * through the store API, for the startup benchmark and screenshots:
 *   bench-seed-library FILE N
 */
#define G_LOG_DOMAIN "bench-seed"

#include <stdlib.h>

#include "clipper-store.h"

static const char *const words[] = {
  "quiet", "reading", "garden", "river", "systems", "notes", "memory", "city", "light", "design",
  "history", "craft", "software", "ocean", "science", "habits", "music", "language", "maps", "time",
};
static const char *const sites[] = {
  "The Long Read", "Field Notes", "Ars Libri", "The Atlantic Review", "Nautilus Weekly", "Kottke",
};
static const char *const tag_names[] = { "reading", "work", "science", "essays", "later" };

int
main (int argc, char **argv)
{
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  guint n;

  if (argc != 3)
    {
      g_printerr ("usage: %s FILE N\n", argv[0]);
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  store = clipper_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!clipper_store_begin (store, &error))
    goto fail;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ClipperArticle) article = clipper_article_new ();
      g_autofree char *url = g_strdup_printf ("https://example.org/%u/%s-%s", i, words[i % 20], words[(i / 20) % 20]);
      g_autofree char *title = g_strdup_printf ("On %s and %s, part %u", words[i % 20], words[(i * 7 + 3) % 20], i + 1);
      g_autofree char *text = g_strdup_printf ("A short essay about %s and %s. It was written for the benchmark "
                                               "and reads like a calm afternoon by the %s.",
                                               words[i % 20], words[(i * 7 + 3) % 20], words[(i * 3) % 20]);
      g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);

      clipper_article_set_url (article, url);
      clipper_article_set_title (article, title);
      clipper_article_set_site_name (article, sites[i % G_N_ELEMENTS (sites)]);
      clipper_article_set_excerpt (article, text);
      clipper_article_set_text (article, text);
      clipper_article_set_html (article, html);
      clipper_article_set_word_count (article, 400 + (i * 37) % 4000);
      clipper_article_set_starred (article, i % 7 == 0);
      clipper_article_set_read_state (article, i % 5 == 4 ? CLIPPER_READ_STATE_ARCHIVED : CLIPPER_READ_STATE_UNREAD);
      if (!clipper_store_add_article (store, article, NULL, &error))
        goto fail;

      if (i % 3 == 0)
        {
          const char *tags[] = { tag_names[i % G_N_ELEMENTS (tag_names)], NULL };

          if (!clipper_store_tag_article (store, clipper_article_get_id (article), tags, &error))
            goto fail;
        }

      if (i % 10 == 0)
        {
          g_autoptr (ClipperHighlight) h = clipper_highlight_new ();

          clipper_highlight_set_article_id (h, clipper_article_get_id (article));
          clipper_highlight_set_color (h, clipper_highlight_colors ()[i % 5]);
          clipper_highlight_set_quote (h, "A short essay");
          clipper_highlight_set_range (h, 0, 13);
          clipper_highlight_set_anchored (h, TRUE);
          if (!clipper_store_add_highlight (store, h, &error))
            goto fail;
        }
    }

  if (!clipper_store_commit (store, &error))
    goto fail;

  g_print ("seeded %u articles in %.1f s\n", n, (g_get_monotonic_time () - start) / 1e6);
  return 0;

fail:
  g_printerr ("%s\n", error->message);
  clipper_store_rollback (store);
  return 1;
}
