/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-refetch-guard: the figures behind the refetch guard, which asks
 * before a page that is no longer the saved article replaces it
 * (clipper_reanchor_is_other_text(): under 15 % of the saved text kept,
 * or under 35 % when most of the highlights, two at least, lose their
 * place).  On the corpus's real articles (the reference texts,
 * $CLIPPER_SHARED_DIR/corpus/readability-test-pages/<name>/expected.html;
 * the Lorem ipsum pages left out, as bench-anchor counts them apart), it
 * prints how much of one text clipper_reanchor_text_kept() finds in:
 *
 *   - another article: every ordered pair of two different articles;
 *   - the same article edited: bench-anchor's cases (the same highlights,
 *     the same seeded edits of tests/anchor/anchor-edits.h at three
 *     strengths) for --seeds seeds of --highlights highlights a text,
 *     re-anchored as the library does (clipper_anchor_locate_all_since()),
 *     with the least kept where most of the highlights were orphaned;
 *   - the same page read by two extractors: ours of source.html beside
 *     Readability's expected text.
 *
 * and how many of each the guard calls another text.  Without the corpus
 * (../shared beside the project, or $CLIPPER_SHARED_DIR) it says it
 * skipped and exits 0.
 */
#define G_LOG_DOMAIN "bench-refetch-guard"

#include <stdio.h>

#include "clipper-anchor.h"
#include "clipper-extractor.h"
#include "clipper-reanchor.h"

#include "../anchor/anchor-edits.h"
#include "bench-corpus.h"

/* The least kept of a group of cases, and which case it was. */
typedef struct {
  double least;
  char  *which;
  guint  n;
  guint  other;  /* how many the guard calls another text */
} Least;

static void
least_add (Least *l, double kept, const char *which)
{
  l->n++;
  if (l->which != NULL && kept >= l->least)
    return;
  l->least = kept;
  g_free (l->which);
  l->which = g_strdup (which);
}

static void
least_print (const Least *l, const char *what)
{
  if (l->n == 0)
    g_print ("  %-34s no case\n", what);
  else
    g_print ("  %-34s least kept %5.1f %% (%s), of %u; called another text: %u\n", what, l->least * 100,
             l->which, l->n, l->other);
}

/* Another article: every ordered pair of different texts. */
static void
measure_pairs (GPtrArray *texts)
{
  guint n = 0, under = 0;
  double most = 0;
  g_autofree char *most_pair = NULL;

  g_print ("Another article (every ordered pair of two different articles):\n");
  for (guint i = 0; i < texts->len; i++)
    for (guint j = 0; j < texts->len; j++)
      {
        const Text *a = g_ptr_array_index (texts, i), *b = g_ptr_array_index (texts, j);
        double kept;

        if (i == j)
          continue;
        kept = clipper_reanchor_text_kept (a->text, b->text);
        n++;
        if (kept < 0.05)
          under++;
        else
          g_print ("  %s in %s keeps %.1f %%\n", a->name, b->name, kept * 100);
        if (kept > most)
          {
            most = kept;
            g_free (most_pair);
            most_pair = g_strdup_printf ("%s in %s", a->name, b->name);
          }
      }
  g_print ("  %u pairs, %u of them keep under 5 %%; the most: %.1f %% (%s)\n\n", n, under, most * 100,
           most_pair != NULL ? most_pair : "none");
}

/* The counts a refetch would give @n highlights that all had a place. */
static ClipperReanchorCounts
counts_of (const ClipperAnchorResult *res, guint n)
{
  ClipperReanchorCounts counts = { 0 };

  for (guint i = 0; i < n; i++)
    if (res[i].kind == CLIPPER_ANCHOR_ORPHAN)
      counts.orphaned++;
    else if (res[i].kind == CLIPPER_ANCHOR_FUZZY)
      counts.fuzzy++;
    else
      counts.exact++;
  return counts;
}

/* The same article edited, as bench-anchor makes its cases for @seed. */
static void
measure_edits (GPtrArray *texts, int seed, guint per_text, Least all[EDITS_N_STRENGTHS],
               Least most_lost[EDITS_N_STRENGTHS], GString *refused)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const Text *t = g_ptr_array_index (texts, i);
      g_autoptr (ClipperAnchorText) orig = clipper_anchor_text_new (t->text);
      g_autofree gunichar *cps = NULL;
      glong n = 0;

      cps = g_utf8_to_ucs4_fast (t->text, -1, &n);
      for (int s = 0; s < EDITS_N_STRENGTHS; s++)
        {
          g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) (seed * 1000003 + i * 31 + s));
          g_autoptr (GArray) hls = make_highlights (orig, cps, rand, per_text);
          g_autoptr (ClipperAnchorText) edited_text = NULL;
          g_autofree ClipperTextSelector *sels = g_new0 (ClipperTextSelector, hls->len);
          g_autofree ClipperAnchorResult *res = g_new0 (ClipperAnchorResult, hls->len);
          g_autofree char *edited = NULL;
          g_autofree char *which = NULL;
          ClipperReanchorCounts counts;
          EditText et;
          double kept;
          gboolean other;

          edits_init (&et, cps, n, g_rand_int (rand));
          edits_apply (&et, (EditStrength) s);
          edited = edits_dup_text (&et);
          edits_clear (&et);

          for (guint h = 0; h < hls->len; h++)
            {
              const Hl *hl = &g_array_index (hls, Hl, h);

              sels[h] = (ClipperTextSelector) { hl->exact, hl->prefix, hl->suffix, hl->start, hl->end };
            }
          edited_text = clipper_anchor_text_new (edited);
          clipper_anchor_locate_all_since (edited_text, t->text, sels, hls->len, res);
          counts = counts_of (res, hls->len);
          kept = clipper_reanchor_text_kept (t->text, edited);
          other = clipper_reanchor_is_other_text (&counts, kept);
          which = g_strdup_printf ("%s, seed %d, %u of %u orphaned", t->name, seed, counts.orphaned, hls->len);
          least_add (&all[s], kept, which);
          all[s].other += other;
          /* An edit the guard would ask about: the figures to look at. */
          if (other)
            g_string_append_printf (refused, "  called another text: %s edits of %s: kept %.1f %%\n",
                                    edits_strength_names[s], which, kept * 100);
          /* The cases the 35 % threshold is for: most of the highlights,
           * two at least, lost. */
          if (counts.orphaned >= 2 && counts.orphaned * 2 > hls->len)
            {
              least_add (&most_lost[s], kept, which);
              most_lost[s].other += other;
            }
        }
    }
}

/* The same page through two extractors: ours of source.html, and the
 * reference's expected text (Readability.js's). */
static void
measure_extractors (GPtrArray *texts, const char *dir)
{
  Least least = { 0 };
  guint under_half = 0;

  g_print ("The same page, our extraction of source.html against the reference text:\n");
  for (guint i = 0; i < texts->len; i++)
    {
      const Text *t = g_ptr_array_index (texts, i);
      g_autofree char *path = g_build_filename (dir, t->name, "source.html", NULL);
      g_autofree char *html = NULL;
      g_autoptr (ClipperExtraction) ex = NULL;
      g_autoptr (GError) error = NULL;
      gsize len = 0;
      double kept;

      if (!g_file_get_contents (path, &html, &len, NULL))
        continue;
      ex = clipper_extract (html, len, "http://fakehost/test/page.html", &error);
      if (ex == NULL)
        {
          g_print ("  %s: %s\n", t->name, error->message);
          continue;
        }
      kept = clipper_reanchor_text_kept (t->text, ex->text);
      least_add (&least, kept, t->name);
      if (kept < 0.5)
        {
          under_half++;
          g_print ("  %s keeps %.1f %%\n", t->name, kept * 100);
        }
      /* Without highlights only the 15 % threshold can call it another. */
      least.other += kept < 0.15;
    }
  least_print (&least, "all pages");
  g_print ("  %u of %u pages keep under 50 %%\n\n", under_half, least.n);
  g_free (least.which);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  gint seeds = 10;
  gint per_text = 10;
  GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "The corpus (default: $CLIPPER_SHARED_DIR/corpus/readability-test-pages)", "DIR" },
    { "seeds", 's', 0, G_OPTION_ARG_INT, &seeds, "Edit seeds 1 to N (default 10)", "N" },
    { "highlights", 'n', 0, G_OPTION_ARG_INT, &per_text, "Highlights per text (default 10)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all_texts = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autofree char *corpus = NULL;
  Least all[EDITS_N_STRENGTHS] = { { 0 } };
  Least most_lost[EDITS_N_STRENGTHS] = { { 0 } };
  g_autoptr (GString) refused = g_string_new (NULL);

  g_option_context_set_summary (context, "How much of the saved text another article, an edit and another "
                                         "extractor keep: the refetch guard's thresholds.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-refetch-guard: %s\n", error->message);
      return 2;
    }
  corpus = bench_corpus_dir ("bench-refetch-guard", dir);
  if (corpus == NULL)
    return 0;
  all_texts = load_texts (corpus, &error);
  texts = bench_articles (all_texts);
  if (texts->len == 0)
    {
      g_printerr ("bench-refetch-guard: no texts in '%s'%s%s\n", corpus, error != NULL ? ": " : "",
                  error != NULL ? error->message : "");
      return 1;
    }
  g_print ("%u real articles of %s (%u synthetic pages left out)\n\n", texts->len, corpus,
           all_texts->len - texts->len);

  measure_pairs (texts);
  for (int seed = 1; seed <= seeds; seed++)
    measure_edits (texts, seed, (guint) per_text, all, most_lost, refused);
  g_print ("The same article edited (seeds 1-%d, %d highlights a text):\n", seeds, per_text);
  for (int s = 0; s < EDITS_N_STRENGTHS; s++)
    {
      g_autofree char *what = g_strdup_printf ("%s edits", edits_strength_names[s]);
      g_autofree char *what_lost = g_strdup_printf ("%s, most highlights orphaned", edits_strength_names[s]);

      least_print (&all[s], what);
      least_print (&most_lost[s], what_lost);
      g_free (all[s].which);
      g_free (most_lost[s].which);
    }
  g_print ("%s\n", refused->str);
  measure_extractors (texts, corpus);
  return 0;
}
