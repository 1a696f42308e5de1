/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-anchor: how well and how fast highlights survive edits, side by
 * side with the Hypothesis client's matcher.
 *
 * For every text (by default the reference articles of the shared corpus,
 * $CLIPPER_SHARED_DIR/corpus/readability-test-pages/<name>/expected.html,
 * read with libxml2; or --dir DIR with *.txt files or such folders), it
 * places N seeded random highlights, applies seeded random edits at three
 * strengths (typo fixes, inserted words and sentences, reflowed whitespace,
 * changed punctuation, deleted and moved paragraphs: see
 * tests/anchor/anchor-edits.h), re-anchors, and counts per strength how
 * many highlights landed exactly, landed correctly after a fuzzy match,
 * landed wrongly, or were orphaned, with the time per highlight.  The
 * same cases go through tests/bench/anchor/hypothesis-anchor.mjs (Node
 * with approx-string-match; run 'npm install' in tests/bench/anchor once)
 * and both are judged by the same rule (anchor-edits.h, "lands
 * correctly").  Last, it times one 1 MB text with 1,000 highlights.
 *
 * Our matcher is given the text the highlights were made on, as the
 * library does when it re-anchors (clipper_anchor_locate_all_since());
 * --no-old-text measures clipper_anchor_locate_all() alone.  Times are
 * medians over --rounds runs (default 5) of both matchers, in the same
 * session; ours include preparing both texts.  --why (with --verbose)
 * prints how our matcher decided each highlight that went wrong or was
 * orphaned while its passage survived.  With BENCH_VS_HYPOTHESIS=1,
 * --verbose lists instead the highlights Hypothesis's matcher places
 * correctly and ours orphans (with --why, our reasons for each), and the
 * tables count them: the orphans worth a look first.
 *
 * For each of our orphans it also asks clipper_anchor_suggest() for the
 * passage the reader pre-selects to re-attach it, and judges that by the
 * same rule (--verbose shows the wrong ones).  --results FILE writes every
 * placement of ours, to check that a change meant only to be faster
 * decides the same; --strength NAME makes and runs one strength only.
 */
#define G_LOG_DOMAIN "bench-anchor"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "clipper-anchor.h"
#include "clipper-reanchor.h"

#include "../anchor/anchor-edits.h"
#include "bench-corpus.h"

typedef enum {
  OUT_EXACT,
  OUT_FUZZY_OK,
  OUT_WRONG,
  OUT_ORPHAN,
  N_OUT
} Outcome;

typedef struct {
  guint   counts[N_OUT];
  guint   orphan_gone;  /* orphans whose passage no longer exists at all */
  guint   right_ours_orphan; /* Hypothesis's: placed correctly, ours orphaned */
  guint   right_ours_suggested; /* …and our suggestion for that orphan right */
  guint   total;
  double  ms;
  /* clipper_anchor_suggest() for our orphans: of those whose passage
   * survived, right, wrong or none; of deleted passages, how many got one */
  guint   sug_right, sug_wrong, sug_none, sug_gone;
  double  sug_ms;
} Tally;

static Outcome
judge (EditText *et, const Hl *h, gboolean placed, gint64 ps, gint64 pe, gboolean exact, gboolean *out_gone)
{
  gint64 ts, te;
  gboolean has_target = edits_target (et, h->start, h->end, &ts, &te);

  *out_gone = !has_target;
  if (!placed)
    return OUT_ORPHAN;
  if (!has_target || !edits_lands_correctly (et, h->start, h->end, ps, pe))
    return OUT_WRONG;
  return exact ? OUT_EXACT : OUT_FUZZY_OK;
}

static void
tally_add (Tally *t, Outcome o, gboolean gone)
{
  t->counts[o]++;
  t->total++;
  if (o == OUT_ORPHAN && gone)
    t->orphan_gone++;
}

/* One case as a JSON line for the Node script. */
static void
write_case (FILE *out, const char *text, GArray *hls)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "highlights");
  json_builder_begin_array (b);
  for (guint i = 0; i < hls->len; i++)
    {
      const Hl *h = &g_array_index (hls, Hl, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exact");
      json_builder_add_string_value (b, h->exact);
      json_builder_set_member_name (b, "prefix");
      json_builder_add_string_value (b, h->prefix);
      json_builder_set_member_name (b, "suffix");
      json_builder_add_string_value (b, h->suffix);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, h->start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, h->end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  fprintf (out, "%s\n", line);
}

/* What one case needs kept until the Node results are back. */
typedef struct {
  EditText      et;
  GArray       *hls;
  EditStrength  strength;
  gboolean      synthetic;  /* a Lorem ipsum test page */
  const char   *original;   /* the text the highlights were made on (borrowed) */
  const char   *name;       /* the text's name (borrowed) */
  ClipperAnchorResult *res; /* ours, kept to compare with Hypothesis's */
  gboolean     *suggested_right; /* per highlight: ours orphaned it and suggested it right */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;
  edits_clear (&c->et);
  g_array_unref (c->hls);
  g_free (c->res);
  g_free (c->suggested_right);
  g_free (c);
}

static gboolean verbose = FALSE;
/* Give our matcher the text the highlights were made on, as the library
 * does when it re-anchors (clipper_anchor_locate_all_since()). */
static gboolean use_old_text = TRUE;
/* Timing rounds: each figure is the median over this many runs. */
static int rounds = 5;
/* BENCH_VS_HYPOTHESIS: list (with --verbose) and count the highlights
 * Hypothesis places correctly and ours orphans, rather than all our
 * orphans that had a place. */
static gboolean vs_hypothesis = FALSE;
/* Our results are kept for the comparison when Hypothesis's matcher runs. */
static gboolean keep_ours = FALSE;
/* Where our matcher's reasons go while one highlight is asked again
 * (NULL: dropped, for they are asked for one highlight at a time). */
static GString *why_capture = NULL;

static GLogWriterOutput
why_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if ((level & G_LOG_LEVEL_DEBUG) == 0 || g_strcmp0 (domain, "clipper-anchor") != 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  if (why_capture != NULL && message != NULL)
    g_string_append_printf (why_capture, "    %s\n", message);
  return G_LOG_WRITER_HANDLED;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *v, int n)
{
  qsort (v, (size_t) n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Wall-clock time, as both matchers are timed; --cpu-time times ours by
 * the CPU time of this thread instead (steadier on a loaded machine; the
 * Node script still reports wall-clock time). */
static gboolean cpu_time = FALSE;
/* --results: every placement of ours, one line each, to tell whether a
 * change meant to make the matcher faster changed what it decides. */
static FILE *results_out = NULL;
/* BENCH_SUGGEST_SCORES=FILE: each suggestion's score and outcome, to set
 * how sure a suggestion must be. */
static FILE *suggest_scores = NULL;
/* BENCH_PLACE_SCORES=FILE: each fuzzy placement's score and outcome, to
 * see whether a floor on the score would part wrong ones from right. */
static FILE *place_scores = NULL;

static double
now_ms (void)
{
  if (cpu_time)
    {
      struct timespec ts;

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
      return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
    }
  return g_get_monotonic_time () / 1000.0;
}

/* Runs our matcher on one case; fills @ours. */
static void
run_ours (Case *c, const char *edited, Tally *ours)
{
  g_autoptr (ClipperAnchorText) t = NULL;
  g_autofree ClipperTextSelector *sels = g_new0 (ClipperTextSelector, c->hls->len);
  g_autofree ClipperAnchorResult *res = g_new0 (ClipperAnchorResult, c->hls->len);
  double t0;

  for (guint i = 0; i < c->hls->len; i++)
    {
      const Hl *h = &g_array_index (c->hls, Hl, i);
      sels[i] = (ClipperTextSelector) { h->exact, h->prefix, h->suffix, h->start, h->end };
    }

  /* Timed as the app pays it: preparing the text (both texts, with the
   * old one) and anchoring all; the median of several runs. */
  {
    g_autofree double *ms = g_new (double, MAX (rounds, 1));

    for (int r = 0; r < MAX (rounds, 1); r++)
      {
        g_clear_pointer (&t, clipper_anchor_text_free);
        t0 = now_ms ();
        t = clipper_anchor_text_new (edited);
        if (use_old_text)
          clipper_anchor_locate_all_since (t, c->original, sels, c->hls->len, res);
        else
          clipper_anchor_locate_all (t, sels, c->hls->len, res);
        ms[r] = now_ms () - t0;
      }
    ours->ms += median (ms, MAX (rounds, 1));
  }

  /* What the reader would pre-select for each orphan (the user confirms
   * or refuses it, so it is counted apart from the placements). */
  for (guint i = 0; i < c->hls->len; i++)
    {
      ClipperAnchorResult sg;
      ClipperTextSelector orphan;
      gboolean gone, got, here;
      Outcome o;
      double t1;

      /* (Not in the 1 MB timing: its figure is the re-anchoring's.) */
      if (res[i].kind != CLIPPER_ANCHOR_ORPHAN || c->name == NULL)
        continue;
      /* (BENCH_NO_SUGGEST: placements only, for a held-out check over
       * hundreds of seeds; the suggestions change no placement and took
       * half of a seed's run.  The orphans' table then reads 0.) */
      if (g_getenv ("BENCH_NO_SUGGEST") != NULL)
        continue;
      /* As the library keeps the orphan: its offsets carried to where its
       * passage would be (clipper_reanchor_place_all()), unless
       * BENCH_SUGGEST_OLD_OFFSETS asks for the old text's (as before the
       * tenth session). */
      orphan = sels[i];
      if (g_getenv ("BENCH_SUGGEST_OLD_OFFSETS") == NULL)
        clipper_reanchor_orphan_range (t, &res[i], &sels[i], &orphan.start, &orphan.end);
      /* Carried offsets are the new text's, as the library marks them
       * (CLIPPER_OFFSETS_CARRIED); BENCH_SUGGEST_ANY_DISTANCE treats them
       * as an imported annotation's, whose suggestion may be anywhere. */
      here = g_getenv ("BENCH_SUGGEST_OLD_OFFSETS") == NULL && g_getenv ("BENCH_SUGGEST_ANY_DISTANCE") == NULL &&
             res[i].near >= 0;
      t1 = now_ms ();
      got = clipper_anchor_suggest (t, &orphan, here, &sg);
      ours->sug_ms += now_ms () - t1;
      o = judge (&c->et, &g_array_index (c->hls, Hl, i), got, sg.start, sg.end, FALSE, &gone);
      if (keep_ours && !gone && (o == OUT_EXACT || o == OUT_FUZZY_OK))
        {
          if (c->suggested_right == NULL)
            c->suggested_right = g_new0 (gboolean, c->hls->len);
          c->suggested_right[i] = TRUE;
        }
      if (gone)
        ours->sug_gone += got ? 1 : 0;
      else if (o == OUT_ORPHAN)
        ours->sug_none++;
      else if (o == OUT_WRONG)
        ours->sug_wrong++;
      else
        ours->sug_right++;
      if (verbose && (!c->synthetic || g_getenv ("BENCH_SYNTHETIC")) && got && !gone && o == OUT_WRONG)
        {
          const Hl *h = &g_array_index (c->hls, Hl, i);
          gint64 ts = -1, te = -1;
          g_autofree char *gs = clipper_anchor_text_slice (t, sg.start, sg.end);
          g_autofree char *want = edits_target (&c->et, h->start, h->end, &ts, &te)
                                  ? clipper_anchor_text_slice (t, ts, te) : g_strdup ("(gone)");
          g_printerr ("SUGGESTED WRONG %.3f old [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") new [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") want [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")\n  quote: [%s]\n  got:   [%s]\n  want:  [%s]\n",
                      sg.score, h->start, h->end, sg.start, sg.end, ts, te, h->exact, gs, want);
        }
      if (suggest_scores != NULL && got)
        fprintf (suggest_scores, "%.4f %s %s %s\n", sg.score, gone ? "gone" : o == OUT_WRONG ? "wrong" : "right",
                 edits_strength_names[c->strength], c->synthetic ? "synthetic" : "article");
    }

  for (guint i = 0; i < c->hls->len; i++)
    {
      gboolean gone;
      Outcome o = judge (&c->et, &g_array_index (c->hls, Hl, i), res[i].kind != CLIPPER_ANCHOR_ORPHAN,
                         res[i].start, res[i].end,
                         res[i].kind == CLIPPER_ANCHOR_EXACT_POSITION || res[i].kind == CLIPPER_ANCHOR_EXACT_QUOTE,
                         &gone);
      tally_add (ours, o, gone);
      if (place_scores != NULL && res[i].kind == CLIPPER_ANCHOR_FUZZY)
        fprintf (place_scores, "%.4f %s %s %s %" G_GINT64_FORMAT "\n", res[i].score,
                 o == OUT_WRONG ? "wrong" : "right", edits_strength_names[c->strength],
                 c->synthetic ? "synthetic" : "article", res[i].end - res[i].start);
      if (results_out != NULL)
        fprintf (results_out, "%s %s %u %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.17g %u\n",
                 c->name != NULL ? c->name : "1MB", edits_strength_names[c->strength], i, (int) res[i].kind,
                 res[i].start, res[i].end, res[i].score, res[i].n_exact);
      if (verbose && (!c->synthetic || g_getenv ("BENCH_SYNTHETIC")) &&
          (o == OUT_WRONG || (o == OUT_ORPHAN && !gone && !vs_hypothesis)))
        {
          const Hl *h = &g_array_index (c->hls, Hl, i);
          gint64 ts = -1, te = -1;
          g_autofree char *got = clipper_anchor_text_slice (t, res[i].start, res[i].end);
          g_autofree char *want = edits_target (&c->et, h->start, h->end, &ts, &te)
                                  ? clipper_anchor_text_slice (t, ts, te) : g_strdup ("(gone)");
          g_printerr ("%s kind %d score %.3f old [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") %s edits\n  quote: [%s]\n  got:   [%s]\n  want:  [%s]\n",
                      o == OUT_WRONG ? "WRONG" : "ORPHAN", res[i].kind, res[i].score, h->start, h->end, edits_strength_names[c->strength], h->exact, got, want);
          if ((o == OUT_WRONG || g_getenv ("BENCH_DUMP_ORPHANS") != NULL) && g_getenv ("BENCH_DUMP") != NULL &&
              (g_getenv ("BENCH_DUMP_STRENGTH") == NULL ||
               g_strcmp0 (g_getenv ("BENCH_DUMP_STRENGTH"), edits_strength_names[c->strength]) == 0))
            {
              /* The text pair, to make a unit test of (BENCH_DUMP_ORPHANS:
               * of the orphans that had a place too; BENCH_DUMP_STRENGTH:
               * of one strength's only, "light", "medium" or "heavy"). */
              g_autofree char *base = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                                       g_getenv ("BENCH_DUMP"), h->start, h->end);
              g_autofree char *po = g_strconcat (base, ".old", NULL);
              g_autofree char *pn = g_strconcat (base, ".new", NULL);
              g_autofree char *ed = edits_dup_text (&c->et);

              g_file_set_contents (po, c->original, -1, NULL);
              g_file_set_contents (pn, ed, -1, NULL);
            }
          if (o == OUT_WRONG && g_getenv ("BENCH_ORIGINS") != NULL)
            {
              /* Where each character around the placement came from:
               * h from the highlight, o from elsewhere, + inserted; [ ]
               * the placement. */
              gint64 from = MAX (0, MIN (res[i].start, ts >= 0 ? ts : res[i].start) - 60);
              gint64 to = MIN ((gint64) c->et.chars->len, MAX (res[i].end, te) + 60);
              GString *line = g_string_new (NULL), *mark = g_string_new (NULL);

              for (gint64 j = from; j <= to; j++)
                {
                  gunichar ch = j < to ? g_array_index (c->et.chars, EditChar, j).c : '\n';
                  gint32 og = j < to ? g_array_index (c->et.chars, EditChar, j).origin : 0;

                  if (j == res[i].start || j == res[i].end)
                    {
                      g_string_append_c (line, j == res[i].start ? '[' : ']');
                      g_string_append_c (mark, ' ');
                    }
                  if (ch == '\n' || j == to)
                    {
                      g_printerr ("    %s\n    %s\n", line->str, mark->str);
                      g_string_truncate (line, 0);
                      g_string_truncate (mark, 0);
                      continue;
                    }
                  g_string_append_unichar (line, ch == '\t' ? ' ' : ch);
                  g_string_append_c (mark, og < 0 ? '+' : og >= h->start && og < h->end ? 'h' : 'o');
                }
              g_string_free (line, TRUE);
              g_string_free (mark, TRUE);
            }
        }
    }
  if (keep_ours)
    c->res = g_memdup2 (res, sizeof (ClipperAnchorResult) * c->hls->len);
}

/* Runs the Node script over @cases_path; returns its output lines or NULL. */
static char **
run_hypothesis (const char *node, const char *script, const char *cases_path)
{
  const char *argv[] = { node, script, cases_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      g_printerr ("bench-anchor: cannot run %s: %s\n", node, error->message);
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-anchor: the Hypothesis script failed (%s):\n%s\n", error->message, err);
      return NULL;
    }
  return g_strsplit (out, "\n", -1);
}

/* The "ms" of one output line of the Node script. */
static double
hypothesis_line_ms (const char *line)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, line, -1, NULL))
    return 0.0;
  return json_object_get_double_member (json_node_get_object (json_parser_get_root (parser)), "ms");
}

/* Runs the Node script @rounds times; returns the first run's lines with
 * each case's time replaced by its median in @out_ms (one per line). */
static char **
run_hypothesis_rounds (const char *node, const char *script, const char *cases_path, GArray **out_ms)
{
  char **first = NULL;
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_lines;

  for (int r = 0; r < MAX (rounds, 1); r++)
    {
      char **lines = run_hypothesis (node, script, cases_path);
      if (lines == NULL)
        return NULL;
      g_ptr_array_add (all, lines);
    }
  first = g_strdupv (g_ptr_array_index (all, 0));
  n_lines = g_strv_length (first);
  *out_ms = g_array_new (FALSE, TRUE, sizeof (double));
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree double *ms = g_new (double, all->len);
      double m;

      for (guint r = 0; r < all->len; r++)
        {
          char **lines = g_ptr_array_index (all, r);
          ms[r] = i < g_strv_length (lines) && lines[i][0] != 0 ? hypothesis_line_ms (lines[i]) : 0.0;
        }
      m = median (ms, (int) all->len);
      g_array_append_val (*out_ms, m);
    }
  return first;
}

/* Highlight @i of @c, which Hypothesis placed correctly on [@ps, @pe)
 * and ours orphaned: what both did and, with --why, our reasons, asked
 * again for this highlight alone (each highlight is decided on its own). */
static void
print_hypothesis_right (Case *c, guint i, gint64 ps, gint64 pe)
{
  const Hl *h = &g_array_index (c->hls, Hl, i);
  ClipperTextSelector sel = { h->exact, h->prefix, h->suffix, h->start, h->end };
  ClipperAnchorResult r = { 0 };
  g_autofree char *edited = edits_dup_text (&c->et);
  g_autoptr (ClipperAnchorText) t = clipper_anchor_text_new (edited);
  g_autofree char *theirs = clipper_anchor_text_slice (t, ps, pe);
  g_autofree char *want = NULL;
  gint64 ts = -1, te = -1;

  want = edits_target (&c->et, h->start, h->end, &ts, &te) ? clipper_anchor_text_slice (t, ts, te) : g_strdup ("(gone)");
  why_capture = g_string_new (NULL);
  clipper_anchor_locate_all_since (t, c->original, &sel, 1, &r);
  g_printerr ("HYPOTHESIS RIGHT, OURS ORPHAN %s %s old [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") edits%s\n"
              "  quote:      [%s]\n  hypothesis: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") [%s]\n"
              "  want:       [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") [%s]\n%s",
              c->name, edits_strength_names[c->strength], h->start, h->end,
              r.kind != CLIPPER_ANCHOR_ORPHAN ? " (placed when asked alone)" : "",
              h->exact, ps, pe, theirs, ts, te, want, why_capture->str);
  g_string_free (why_capture, TRUE);
  why_capture = NULL;
  if (g_getenv ("BENCH_DUMP") != NULL &&
      (g_getenv ("BENCH_DUMP_STRENGTH") == NULL ||
       g_strcmp0 (g_getenv ("BENCH_DUMP_STRENGTH"), edits_strength_names[c->strength]) == 0))
    {
      /* The text pair, to make a unit test of (as run_ours() does). */
      g_autofree char *base = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                               g_getenv ("BENCH_DUMP"), h->start, h->end);
      g_autofree char *po = g_strconcat (base, ".old", NULL);
      g_autofree char *pn = g_strconcat (base, ".new", NULL);

      g_file_set_contents (po, c->original, -1, NULL);
      g_file_set_contents (pn, edited, -1, NULL);
    }
}

static void
judge_hypothesis_line (Case *c, const char *line, double ms, Tally *hyp)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  JsonArray *results, *exact;

  if (!json_parser_load_from_data (parser, line, -1, NULL))
    return;
  obj = json_node_get_object (json_parser_get_root (parser));
  results = json_object_get_array_member (obj, "results");
  exact = json_object_get_array_member (obj, "exact");
  hyp->ms += ms;

  for (guint i = 0; i < c->hls->len && i < json_array_get_length (results); i++)
    {
      JsonNode *r = json_array_get_element (results, i);
      gboolean placed = !JSON_NODE_HOLDS_NULL (r);
      gint64 ps = -1, pe = -1;
      gboolean gone;
      Outcome o;

      if (placed)
        {
          JsonArray *se = json_node_get_array (r);
          ps = json_array_get_int_element (se, 0);
          pe = json_array_get_int_element (se, 1);
        }
      o = judge (&c->et, &g_array_index (c->hls, Hl, i), placed, ps, pe,
                 json_array_get_boolean_element (exact, i), &gone);
      tally_add (hyp, o, gone);
      if (c->res != NULL && (o == OUT_EXACT || o == OUT_FUZZY_OK) && c->res[i].kind == CLIPPER_ANCHOR_ORPHAN)
        {
          hyp->right_ours_orphan++;
          if (c->suggested_right != NULL && c->suggested_right[i])
            hyp->right_ours_suggested++;
          if (vs_hypothesis && verbose && (!c->synthetic || g_getenv ("BENCH_SYNTHETIC")))
            print_hypothesis_right (c, i, ps, pe);
        }
    }
}

static void
print_row (const char *strength, const char *who, const Tally *t)
{
  g_print ("| %-6s | %-10s | %5u | %5u | %7u | %5u | %5u (%u gone) | %8.1f |\n",
           strength, who, t->total, t->counts[OUT_EXACT], t->counts[OUT_FUZZY_OK],
           t->counts[OUT_WRONG], t->counts[OUT_ORPHAN], t->orphan_gone,
           t->total > 0 ? t->ms * 1000.0 / t->total : 0.0);
}

/* The 1 MB, 1,000-highlight case: the texts end to end until 1 MB. */
static void
bench_megabyte (GPtrArray *texts, guint32 seed, EditStrength strength, const char *node, const char *script, const char *tmpdir)
{
  GString *big = g_string_new (NULL);
  g_autofree gunichar *cps = NULL;
  g_autoptr (ClipperAnchorText) orig = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  Case c = { 0 };
  g_autofree char *edited = NULL;
  Tally ours = { 0 }, hyp = { 0 };
  glong n = 0;

  for (guint i = 0; big->len < 1024 * 1024; i++)
    {
      const Text *t = g_ptr_array_index (texts, i % texts->len);
      g_string_append (big, t->text);
      g_string_append (big, "\n\n");
    }
  cps = g_utf8_to_ucs4_fast (big->str, -1, &n);
  orig = clipper_anchor_text_new (big->str);
  c.hls = make_highlights (orig, cps, rand, 1000);
  edits_init (&c.et, cps, n, seed + 1);
  edits_apply (&c.et, strength);
  edited = edits_dup_text (&c.et);

  c.original = big->str;
  /* The median of several runs (run_ours()): the figure is what the code
   * costs, not the machine's other load. */
  run_ours (&c, edited, &ours);
  g_print ("\n1 MB text (%zu bytes, %ld code points), %u highlights, %s edits:\n",
           big->len, n, c.hls->len, edits_strength_names[strength]);
  g_print ("  clipper: %.1f ms in all (text preparation included), %u exact, %u fuzzy-correct, %u wrong, %u orphaned\n",
           ours.ms, ours.counts[OUT_EXACT], ours.counts[OUT_FUZZY_OK], ours.counts[OUT_WRONG], ours.counts[OUT_ORPHAN]);

  if (node != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, "megabyte.jsonl", NULL);
      FILE *f = fopen (path, "w");
      g_auto (GStrv) lines = NULL;

      if (f != NULL)
        {
          write_case (f, edited, c.hls);
          fclose (f);
          g_autoptr (GArray) ms = NULL;
          int all_rounds = rounds;

          /* Seconds a run: three at most. */
          rounds = MIN (rounds, 3);
          lines = run_hypothesis_rounds (node, script, path, &ms);
          rounds = all_rounds;
          if (lines != NULL && lines[0] != NULL)
            {
              judge_hypothesis_line (&c, lines[0], g_array_index (ms, double, 0), &hyp);
              g_print ("  hypothesis: %.1f ms in all, %u exact, %u fuzzy-correct, %u wrong, %u orphaned\n",
                       hyp.ms, hyp.counts[OUT_EXACT], hyp.counts[OUT_FUZZY_OK], hyp.counts[OUT_WRONG],
                       hyp.counts[OUT_ORPHAN]);
            }
        }
      g_unlink (path);
    }

  edits_clear (&c.et);
  g_array_unref (c.hls);
  g_free (c.res);
  g_free (c.suggested_right);
  g_string_free (big, TRUE);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *results_path = NULL;
  g_autofree char *only_strength = NULL;
  g_autofree char *node = NULL;
  g_autofree char *script = NULL;
  gint per_text = 30;
  gint seed = 1;
  gint max_texts = 0;
  gboolean no_hypothesis = FALSE;
  gboolean skip_megabyte = FALSE;
  gboolean only_megabyte = FALSE;
  gboolean no_old_text = FALSE;
  gboolean why = FALSE;
  GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Texts: folders with expected.html, or *.txt files", "DIR" },
    { "highlights", 'n', 0, G_OPTION_ARG_INT, &per_text, "Highlights per text (default 30)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "SEED" },
    { "texts", 0, 0, G_OPTION_ARG_INT, &max_texts, "Use at most this many texts", "N" },
    { "no-hypothesis", 0, 0, G_OPTION_ARG_NONE, &no_hypothesis, "Do not run the Hypothesis matcher", NULL },
    { "node", 0, 0, G_OPTION_ARG_FILENAME, &node, "Node.js to run it with (default: node on PATH)", "PATH" },
    { "no-megabyte", 0, 0, G_OPTION_ARG_NONE, &skip_megabyte, "Skip the 1 MB timing", NULL },
    { "only-megabyte", 0, 0, G_OPTION_ARG_NONE, &only_megabyte, "Only the 1 MB timing", NULL },
    { "cpu-time", 0, 0, G_OPTION_ARG_NONE, &cpu_time, "Time our matcher by thread CPU time, not wall-clock", NULL },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Timing runs; figures are medians (default 5)", "N" },
    { "no-old-text", 0, 0, G_OPTION_ARG_NONE, &no_old_text, "Do not give our matcher the old text (clipper_anchor_locate_all())", NULL },
    { "why", 0, 0, G_OPTION_ARG_NONE, &why, "With --verbose: how our matcher decided each highlight (its debug messages)", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Show each of our wrong placements and orphans whose passage survived, on stderr", NULL },
    { "strength", 0, 0, G_OPTION_ARG_STRING, &only_strength, "Only this strength of edits: light, medium or heavy (the cases of the others are not made)", "NAME" },
    { "results", 0, 0, G_OPTION_ARG_FILENAME, &results_path, "Write each of our placements to FILE (text, strength, highlight, kind, start, end, score, exact copies)", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  g_autofree char *tmpdir = NULL;
  g_autofree char *cases_path = NULL;
  g_autofree char *modules = NULL;
  g_auto (GStrv) lines = NULL;
  /* [synthetic][strength] */
  Tally ours[2][EDITS_N_STRENGTHS] = { { { { 0 } } } };
  Tally hyp[2][EDITS_N_STRENGTHS] = { { { { 0 } } } };
  FILE *out = NULL;
  guint n_texts;

  g_option_context_set_summary (context, "Re-anchoring quality and speed, beside the Hypothesis matcher.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-anchor: %s\n", error->message);
      return 2;
    }

  use_old_text = !no_old_text;
  vs_hypothesis = g_getenv ("BENCH_VS_HYPOTHESIS") != NULL && !no_hypothesis;
  if (vs_hypothesis)
    g_log_set_writer_func (why_writer, NULL, NULL);
  if (why)
    {
      /* The matcher says why on its debug channel; only our own rounds
       * are worth reading, so one. */
      g_setenv ("G_MESSAGES_DEBUG", "clipper-anchor", TRUE);
      verbose = TRUE;
      rounds = 1;
    }
  if (dir == NULL)
    {
      const char *shared = g_getenv ("CLIPPER_SHARED_DIR");

      if (shared == NULL)
        {
          g_printerr ("bench-anchor: no texts: set CLIPPER_SHARED_DIR to the shared folder "
                      "(it holds corpus/readability-test-pages) or give --dir DIR\n");
          return 1;
        }
      dir = g_build_filename (shared, "corpus", "readability-test-pages", NULL);
    }
  texts = load_texts (dir, &error);
  if (error != NULL || texts->len == 0)
    {
      g_printerr ("bench-anchor: no texts in '%s'%s%s\n", dir,
                  error != NULL ? ": " : " (folders with expected.html, or *.txt files)",
                  error != NULL ? error->message : "");
      return 1;
    }
  n_texts = max_texts > 0 ? MIN ((guint) max_texts, texts->len) : texts->len;
  if (only_megabyte)
    n_texts = 0;

  script = g_build_filename (TEST_DATA_DIR, "..", "bench", "anchor", "hypothesis-anchor.mjs", NULL);
  modules = g_build_filename (TEST_DATA_DIR, "..", "bench", "anchor", "node_modules", "approx-string-match", NULL);
  if (!no_hypothesis)
    {
      if (node == NULL)
        node = g_find_program_in_path ("node");
      if (node == NULL || !g_file_test (modules, G_FILE_TEST_IS_DIR))
        {
          g_printerr ("bench-anchor: the Hypothesis comparison needs node and "
                      "'npm install' in tests/bench/anchor; running without it\n");
          g_clear_pointer (&node, g_free);
        }
    }
  else
    g_clear_pointer (&node, g_free);

  if (results_path != NULL && (results_out = fopen (results_path, "w")) == NULL)
    {
      g_printerr ("bench-anchor: cannot write %s: %s\n", results_path, g_strerror (errno));
      return 1;
    }

  if (g_getenv ("BENCH_SUGGEST_SCORES") != NULL)
    suggest_scores = fopen (g_getenv ("BENCH_SUGGEST_SCORES"), "w");
  if (g_getenv ("BENCH_PLACE_SCORES") != NULL)
    place_scores = fopen (g_getenv ("BENCH_PLACE_SCORES"), "w");

  tmpdir = g_dir_make_tmp ("bench-anchor-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-anchor: %s\n", error->message);
      return 1;
    }
  cases_path = g_build_filename (tmpdir, "cases.jsonl", NULL);
  keep_ours = node != NULL;
  if (node != NULL && (out = fopen (cases_path, "w")) == NULL)
    {
      g_printerr ("bench-anchor: cannot write %s\n", cases_path);
      return 1;
    }

  for (guint i = 0; i < n_texts; i++)
    {
      const Text *t = g_ptr_array_index (texts, i);
      g_autofree gunichar *cps = NULL;
      g_autoptr (ClipperAnchorText) orig = clipper_anchor_text_new (t->text);
      glong n = 0;

      cps = g_utf8_to_ucs4_fast (t->text, -1, &n);
      for (int s = 0; s < EDITS_N_STRENGTHS; s++)
        {
          g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) (seed * 1000003 + i * 31 + s));
          Case *c;
          g_autofree char *edited = NULL;

          if (only_strength != NULL && g_strcmp0 (only_strength, edits_strength_names[s]) != 0)
            continue;
          c = g_new0 (Case, 1);
          c->strength = (EditStrength) s;
          c->original = t->text;
          c->name = t->name;
          c->synthetic = text_is_synthetic (t->text);
          c->hls = make_highlights (orig, cps, rand, (guint) per_text);
          edits_init (&c->et, cps, n, g_rand_int (rand));
          edits_apply (&c->et, c->strength);
          edited = edits_dup_text (&c->et);
          run_ours (c, edited, &ours[c->synthetic][s]);
          if (out != NULL)
            write_case (out, edited, c->hls);
          g_ptr_array_add (cases, c);
        }
    }
  if (out != NULL)
    {
      fclose (out);
      g_autoptr (GArray) ms = NULL;

      lines = run_hypothesis_rounds (node, script, cases_path, &ms);
      for (guint i = 0; lines != NULL && i < cases->len && lines[i] != NULL && i < ms->len; i++)
        {
          Case *c = g_ptr_array_index (cases, i);
          judge_hypothesis_line (c, lines[i], g_array_index (ms, double, i), &hyp[c->synthetic][c->strength]);
        }
    }

  g_print ("%u texts from %s, %d highlights each per strength, seed %d\n", n_texts, dir, per_text, seed);
  for (int synthetic = 0; synthetic < 2; synthetic++)
    {
      g_print ("\n%s\n\n", synthetic ? "Synthetic test pages (Lorem ipsum, mostly the same paragraphs repeated):"
                                      : "Articles:");
      g_print ("| edits  | matcher    | highlights | exact | fuzzy-correct | wrong | orphaned | us/highlight |\n");
      g_print ("|--------|------------|-------|-------|---------|-------|-------|----------|\n");
      for (int s = 0; s < EDITS_N_STRENGTHS; s++)
        {
          print_row (edits_strength_names[s], "clipper", &ours[synthetic][s]);
          if (lines != NULL)
            print_row (edits_strength_names[s], "hypothesis", &hyp[synthetic][s]);
        }
      if (lines != NULL)
        g_print ("\nPlaced correctly by Hypothesis, orphaned by ours: %u / %u / %u (light / medium / heavy);\n"
                 "of them, our suggestion right: %u / %u / %u\n",
                 hyp[synthetic][EDITS_LIGHT].right_ours_orphan, hyp[synthetic][EDITS_MEDIUM].right_ours_orphan,
                 hyp[synthetic][EDITS_HEAVY].right_ours_orphan, hyp[synthetic][EDITS_LIGHT].right_ours_suggested,
                 hyp[synthetic][EDITS_MEDIUM].right_ours_suggested, hyp[synthetic][EDITS_HEAVY].right_ours_suggested);
      g_print ("\nOur orphans, with the place the reader pre-selects to re-attach (clipper_anchor_suggest(); the\n"
               "user confirms or refuses it, so it never counts as placed):\n\n");
      g_print ("| edits  | whose passage survived | suggested right | suggested wrong | none | deleted, given one | ms/orphan |\n");
      g_print ("|--------|-------|-------|-------|-------|-------|-------|\n");
      for (int s = 0; s < EDITS_N_STRENGTHS; s++)
        {
          const Tally *t = &ours[synthetic][s];
          guint n = t->counts[OUT_ORPHAN];

          g_print ("| %-6s | %5u | %5u | %5u | %5u | %5u of %u | %5.2f |\n", edits_strength_names[s],
                   n - t->orphan_gone, t->sug_right, t->sug_wrong, t->sug_none, t->sug_gone, t->orphan_gone,
                   n > 0 ? t->sug_ms / n : 0.0);
        }
    }
  g_print ("\n'gone': orphans none of whose characters survived the edits (deleted passages).\n"
           "'wrong' and 'fuzzy-correct' follow the rule in tests/anchor/anchor-edits.h.\n");

  if (!skip_megabyte)
    {
      bench_megabyte (texts, (guint32) seed, EDITS_LIGHT, node, script, tmpdir);
      bench_megabyte (texts, (guint32) seed, EDITS_MEDIUM, node, script, tmpdir);
    }

  g_unlink (cases_path);
  g_rmdir (tmpdir);
  if (results_out != NULL)
    fclose (results_out);
  if (suggest_scores != NULL)
    fclose (suggest_scores);
  if (place_scores != NULL)
    fclose (place_scores);
  return 0;
}
