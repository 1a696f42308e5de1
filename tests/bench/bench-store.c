/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store: builds a large library through the public store API and
 * prints insert throughput, file size and query latencies.  Not a test: it
 * prints figures.
 *
 *   bench-store [--articles N] [--highlights M] [--db PATH] [--keep] [--queries Q]
 *   bench-store --reuse --db PATH [--articles N] [--highlights M]
 *                  (on a library an earlier --keep run made: adds M
 *                   highlights if given, then runs the queries)
 *
 * Text is made of words from a seeded vocabulary drawn with a Zipf-like
 * distribution (a few words very common, most rare), as in real prose, so
 * that searches hit realistic posting-list sizes.  Each article's text is
 * made from its own seed and can be made again to pick real phrases.
 */
#define G_LOG_DOMAIN "bench-store"

#include "clipper-store.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VOCABULARY_SIZE 30000
#define ARTICLE_BYTES 5000
#define SEED 20241129

static const char *const syllables[] = {
  "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "an", "el", "or", "un", "ba", "de", "fi", "go",
  "ha", "je", "ku", "la", "mo", "nu", "pe", "ri", "so", "ta", "ve", "wi", "ya", "zo", "ch", "st",
  "tr", "pl", "gr", "br", "qu", "sh", "th", "ing", "er", "ed", "ly", "ion", "ous", "al",
};
static const char *const tag_names[] = {
  "science", "history", "cooking", "travel", "politics", "design", "programming", "music",
  "health", "economics", "climate", "books", "film", "sport", "gardening", "philosophy",
  "to read", "favourites", "work", "research",
};
static const char *const colors[] = { "yellow", "green", "blue", "pink", "purple" };

typedef struct {
  char **words;
  double *cumulative;
  double total;
} Vocabulary;

static void
vocabulary_init (Vocabulary *v, GRand *rand)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double sum = 0;

  v->words = g_new0 (char *, VOCABULARY_SIZE + 1);
  v->cumulative = g_new (double, VOCABULARY_SIZE);
  for (int i = 0; i < VOCABULARY_SIZE;)
    {
      /* Short words are the common ones, as in real languages. */
      int n = 1 + (i > 50) + (i > 800) + g_rand_int_range (rand, 0, 2);
      GString *w = g_string_new (NULL);

      for (int s = 0; s < n; s++)
        g_string_append (w, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      if (g_hash_table_contains (seen, w->str))
        {
          g_string_free (w, TRUE);
          continue;
        }
      v->words[i] = g_string_free (w, FALSE);
      g_hash_table_add (seen, v->words[i]);
      sum += 1.0 / pow (i + 1, 1.07);
      v->cumulative[i] = sum;
      i++;
    }
  v->total = sum;
}

static void
vocabulary_clear (Vocabulary *v)
{
  g_strfreev (v->words);
  g_free (v->cumulative);
}

static int
zipf_rank (const Vocabulary *v, GRand *rand)
{
  double u = g_rand_double (rand) * v->total;
  int lo = 0, hi = VOCABULARY_SIZE - 1;

  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (v->cumulative[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static const char *
zipf_word (const Vocabulary *v, GRand *rand)
{
  return v->words[zipf_rank (v, rand)];
}

static void
append_words (GString *out, const Vocabulary *v, GRand *rand, int n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, zipf_word (v, rand));
    }
}

/* The text and HTML of article @index, always the same for an index. */
static void
make_article_text (const Vocabulary *v, guint index, GString *text, GString *html, guint *out_words)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED * 7 + index);
  guint words = 0;

  g_string_truncate (text, 0);
  g_string_truncate (html, 0);
  while (text->len < ARTICLE_BYTES)
    {
      gsize start = text->len;
      int sentences = g_rand_int_range (rand, 3, 7);

      g_string_append (html, "<p>");
      for (int s = 0; s < sentences; s++)
        {
          gsize sentence_start = text->len;
          int n = g_rand_int_range (rand, 6, 22);

          append_words (text, v, rand, n);
          words += n;
          text->str[sentence_start] = g_ascii_toupper (text->str[sentence_start]);
          g_string_append (text, s + 1 < sentences ? ". " : ".");
        }
      g_string_append_len (html, text->str + start, text->len - start);
      g_string_append (html, "</p>");
      g_string_append_c (text, '\n');
    }
  *out_words = words;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The machine may be shared: wall time then includes waiting for a CPU.
 * CPU time of this thread says what the query itself costs. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct {
  const char *name;
  GArray *ms;
  GArray *cpu_ms;
  GPtrArray *queries;   /* what each measurement ran, for --verbose */
  gint64 start;
  gint64 cpu_start;
} Timing;

static void
timing_start (Timing *t)
{
  t->start = g_get_monotonic_time ();
  t->cpu_start = cpu_usec ();
}

static void
timing_stop (Timing *t, const char *what)
{
  double wall = (g_get_monotonic_time () - t->start) / 1000.0;
  double cpu = (cpu_usec () - t->cpu_start) / 1000.0;

  g_array_append_val (t->ms, wall);
  g_array_append_val (t->cpu_ms, cpu);
  g_ptr_array_add (t->queries, g_strdup_printf ("%8.2f ms CPU  %s", cpu, what ? what : ""));
}

static int
compare_reports (gconstpointer a, gconstpointer b)
{
  /* "%8.2f ms…": the fixed-width number sorts as text; slowest first. */
  return -strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
timing_print_slowest (Timing *t, guint n)
{
  g_ptr_array_sort (t->queries, compare_reports);
  fprintf (stderr, "%s, slowest:\n", t->name);
  for (guint i = 0; i < MIN (n, t->queries->len); i++)
    fprintf (stderr, "  %s\n", (const char *) t->queries->pdata[i]);
}

static double
percentile (GArray *values, double p)
{
  double *v = (double *) values->data;

  qsort (v, values->len, sizeof (double), compare_double);
  return v[(guint) ceil (p * values->len) - 1];
}

static void
timing_print (Timing *t)
{
  printf ("  %-30s %5u  %8.2f %8.2f %8.2f   %8.2f %8.2f\n", t->name, t->ms->len,
          percentile (t->ms, 0.5), percentile (t->ms, 0.95), percentile (t->ms, 1.0),
          percentile (t->cpu_ms, 0.5), percentile (t->cpu_ms, 0.95));
}

/* Keeps the id, and visits no further (no highlights loaded). */
static gboolean
collect_id (ClipperArticle *article, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, ((gint64) { clipper_article_get_id (article) }));
  return FALSE;
}

static gboolean
never_called (ClipperArticle *article, GPtrArray *highlights, gpointer user_data, GError **error)
{
  g_assert_not_reached ();
}

static G_GNUC_NORETURN void
die (const char *what, GError *error)
{
  fprintf (stderr, "bench-store: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

int
main (int argc, char **argv)
{
  int n_articles = 100000;
  int n_highlights = -1;   /* 1,000,000; none with --reuse unless given */
  int n_queries = 200;
  gboolean keep = FALSE;
  gboolean verbose = FALSE;
  gboolean reuse = FALSE;
  g_autofree char *db_path = NULL;
  g_autofree char *tmp_dir = NULL;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "Articles to make (100000)", "N" },
    { "highlights", 0, 0, G_OPTION_ARG_INT, &n_highlights, "Highlights to make (1000000; with --reuse none unless given)", "M" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "Queries of each kind (200)", "Q" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Library file (default: a temporary file)", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the library file afterwards", NULL },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "List the slowest queries on stderr", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse,
      "Use the library --db PATH an earlier --keep run made with the same --articles: add --highlights M if given, then run the queries", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the library store");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GArray) article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Vocabulary vocabulary;
  gint64 start;
  double articles_s, highlights_s, articles_cpu_s, highlights_cpu_s;
  gint64 cpu_start;
  GStatBuf st;
  const gint64 base_time = 1600000000;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      return 2;
    }
  if (n_highlights < 0)
    n_highlights = reuse ? 0 : 1000000;
  if (n_articles < 1 || n_queries < 1)
    {
      fprintf (stderr, "bench-store: --articles and --queries must be at least 1\n");
      return 2;
    }
  if (db_path == NULL)
    {
      tmp_dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
      if (tmp_dir == NULL)
        die ("cannot make a temporary folder", error);
      db_path = g_build_filename (tmp_dir, "library.db", NULL);
    }
  else if (reuse)
    keep = TRUE;
  else if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "bench-store: %s exists; give a new file\n", db_path);
      return 2;
    }

  vocabulary_init (&vocabulary, rand);
  if (reuse)
    {
      /* Opening may upgrade the schema: time it. */
      start = g_get_monotonic_time ();
      store = clipper_store_open (db_path, &error);
      if (store == NULL)
        die ("cannot open the library", error);
      fprintf (stderr, "bench-store: opened %s in %.1f s\n", db_path, (g_get_monotonic_time () - start) / 1e6);
      if (!clipper_store_foreach_article (store, NULL, NULL, FALSE, collect_id, never_called, article_ids, NULL, &error))
        die ("cannot list the articles", error);
      if ((int) article_ids->len != n_articles)
        {
          fprintf (stderr, "bench-store: %s has %u articles, not %d (give --articles)\n",
                   db_path, article_ids->len, n_articles);
          return 2;
        }
      articles_s = articles_cpu_s = 0;
      goto highlights;
    }
  store = clipper_store_open (db_path, &error);
  if (store == NULL)
    die ("cannot open the library", error);

  /* Articles, 1000 to a transaction. */
  fprintf (stderr, "bench-store: %d articles…\n", n_articles);
  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  for (int i = 0; i < n_articles; i++)
    {
      g_autoptr(ClipperArticle) article = clipper_article_new ();
      g_autoptr(GString) title = g_string_new (NULL);
      g_autofree char *url = g_strdup_printf ("https://site%d.example/articles/%d", i % 500, i);
      const char *tags[3] = { NULL };
      guint words;

      if (i % 1000 == 0 && !clipper_store_begin (store, &error))
        die ("begin", error);
      make_article_text (&vocabulary, i, text, html, &words);
      append_words (title, &vocabulary, rand, g_rand_int_range (rand, 3, 9));
      title->str[0] = g_ascii_toupper (title->str[0]);
      clipper_article_set_url (article, url);
      clipper_article_set_title (article, title->str);
      clipper_article_set_byline (article, vocabulary.words[100 + i % 2000]);
      clipper_article_set_site_name (article, url + 8);
      clipper_article_set_text (article, text->str);
      clipper_article_set_html (article, html->str);
      clipper_article_set_word_count (article, words);
      /* Several articles saved in the same second: ties for the keyset. */
      clipper_article_set_saved_at (article, base_time + i * 40 - (i % 3) * 40);
      clipper_article_set_read_state (article, i % 4 == 0 ? CLIPPER_READ_STATE_ARCHIVED : CLIPPER_READ_STATE_UNREAD);
      clipper_article_set_starred (article, i % 17 == 0);
      if (i % 3 == 0)
        {
          tags[0] = tag_names[i % G_N_ELEMENTS (tag_names)];
          tags[1] = i % 2 ? tag_names[(i / 7) % G_N_ELEMENTS (tag_names)] : NULL;
        }
      clipper_article_set_tags (article, tags);
      if (!clipper_store_add_article (store, article, NULL, &error))
        die ("add article", error);
      g_array_append_val (article_ids, ((gint64) { clipper_article_get_id (article) }));
      if ((i % 1000 == 999 || i == n_articles - 1) && !clipper_store_commit (store, &error))
        die ("commit", error);
    }
  articles_s = (g_get_monotonic_time () - start) / 1e6;
  articles_cpu_s = (cpu_usec () - cpu_start) / 1e6;

highlights:
  /* Highlights, 10000 to a transaction. */
  fprintf (stderr, "bench-store: %d highlights…\n", n_highlights);
  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  for (int i = 0; i < n_highlights; i++)
    {
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      g_autoptr(GString) quote = g_string_new (NULL);
      g_autoptr(GString) note = g_string_new (NULL);
      gint64 article_id = g_array_index (article_ids, gint64, g_rand_int_range (rand, 0, article_ids->len));
      gint64 offset = g_rand_int_range (rand, 0, 4500);
      const char *tags[2] = { NULL };

      if (i % 10000 == 0 && !clipper_store_begin (store, &error))
        die ("begin", error);
      append_words (quote, &vocabulary, rand, g_rand_int_range (rand, 3, 14));
      clipper_highlight_set_article_id (highlight, article_id);
      clipper_highlight_set_quote (highlight, quote->str);
      clipper_highlight_set_prefix (highlight, zipf_word (&vocabulary, rand));
      clipper_highlight_set_suffix (highlight, zipf_word (&vocabulary, rand));
      clipper_highlight_set_range (highlight, offset, offset + quote->len);
      clipper_highlight_set_color (highlight, colors[i % G_N_ELEMENTS (colors)]);
      clipper_highlight_set_created_at (highlight, base_time + i);
      if (i % 3 == 0)
        {
          append_words (note, &vocabulary, rand, g_rand_int_range (rand, 5, 30));
          clipper_highlight_set_note (highlight, note->str);
        }
      if (i % 10 == 0)
        {
          tags[0] = tag_names[i % G_N_ELEMENTS (tag_names)];
          clipper_highlight_set_tags (highlight, tags);
        }
      if (!clipper_store_add_highlight (store, highlight, &error))
        die ("add highlight", error);
      if ((i % 10000 == 9999 || i == n_highlights - 1) && !clipper_store_commit (store, &error))
        die ("commit", error);
    }
  highlights_s = (g_get_monotonic_time () - start) / 1e6;
  highlights_cpu_s = (cpu_usec () - cpu_start) / 1e6;

  /* Queries. */
  fprintf (stderr, "bench-store: %d queries of each kind…\n", n_queries);
  {
    Timing timings[] = {
      { "search: word" },
      { "search: prefix (3-4 letters)" },
      { "search: phrase (2-3 words)" },
      { "list: first page (50)" },
      { "list: deep page (keyset, 50)" },
      { "highlights of one article" },
    };
    guint64 total_hits = 0, total_rows = 0;

    for (guint i = 0; i < G_N_ELEMENTS (timings); i++)
      {
        timings[i].ms = g_array_new (FALSE, FALSE, sizeof (double));
        timings[i].cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
        timings[i].queries = g_ptr_array_new_with_free_func (g_free);
      }

    for (int q = 0; q < n_queries; q++)
      {
        g_autoptr(GPtrArray) result = NULL;
        g_autofree char *query = NULL;
        int rank;

        /* A word people would search for: not among the 50 commonest
         * (those are the "the" and "of" of this language). */
        do
          rank = zipf_rank (&vocabulary, rand);
        while (rank < 50);
        timing_start (&timings[0]);
        result = clipper_store_search (store, vocabulary.words[rank], 20, &error);
        timing_stop (&timings[0], vocabulary.words[rank]);
        if (result == NULL)
          die ("search", error);
        total_hits += result->len;
        g_clear_pointer (&result, g_ptr_array_unref);

        do
          rank = zipf_rank (&vocabulary, rand);
        while (strlen (vocabulary.words[rank]) < 4);
        query = g_strndup (vocabulary.words[rank], 3 + q % 2);
        timing_start (&timings[1]);
        result = clipper_store_search (store, query, 20, &error);
        timing_stop (&timings[1], query);
        if (result == NULL)
          die ("prefix search", error);
        total_hits += result->len;
        g_clear_pointer (&result, g_ptr_array_unref);
        g_clear_pointer (&query, g_free);

        {
          guint index = g_rand_int_range (rand, 0, n_articles);
          guint words;
          g_auto(GStrv) split = NULL;
          guint n, at, len = 2 + q % 2;

          make_article_text (&vocabulary, index, text, html, &words);
          for (gsize c = 0; c < text->len; c++)
            if (!g_ascii_isalpha (text->str[c]))
              text->str[c] = ' ';
          split = g_strsplit_set (text->str, " ", -1);
          n = g_strv_length (split);
          do
            at = g_rand_int_range (rand, 0, n - len);
          while (*split[at] == '\0' || *split[at + 1] == '\0' || (len == 3 && *split[at + 2] == '\0'));
          query = len == 2 ? g_strdup_printf ("\"%s %s\"", split[at], split[at + 1])
                           : g_strdup_printf ("\"%s %s %s\"", split[at], split[at + 1], split[at + 2]);
        }
        timing_start (&timings[2]);
        result = clipper_store_search (store, query, 20, &error);
        timing_stop (&timings[2], query);
        if (result == NULL)
          die ("phrase search", error);
        if (result->len == 0)
          fprintf (stderr, "bench-store: phrase %s found nothing\n", query);
        total_hits += result->len;
        g_clear_pointer (&result, g_ptr_array_unref);

        {
          ClipperListQuery lq = { .state = q % 3 == 0 ? CLIPPER_STATE_FILTER_ALL : CLIPPER_STATE_FILTER_UNREAD,
                                  .starred_only = q % 5 == 1,
                                  .tag = q % 5 == 2 ? tag_names[q % G_N_ELEMENTS (tag_names)] : NULL,
                                  .sort = q % 7 == 3 ? CLIPPER_LIST_SORT_TITLE_ASC : CLIPPER_LIST_SORT_SAVED_DESC,
                                  .limit = 50 };
          g_autoptr(ClipperArticle) after = NULL;

          timing_start (&timings[3]);
          result = clipper_store_list_articles (store, &lq, NULL, &error);
          timing_stop (&timings[3], lq.tag ? lq.tag : lq.starred_only ? "starred" : lq.sort == CLIPPER_LIST_SORT_TITLE_ASC ? "by title" : "");
          if (result == NULL)
            die ("list", error);
          total_rows += result->len;
          g_clear_pointer (&result, g_ptr_array_unref);

          /* The last row of a page somewhere in the middle of the library. */
          after = clipper_store_get_article (store, g_array_index (article_ids, gint64,
                                                                   g_rand_int_range (rand, 0, n_articles)), &error);
          if (after == NULL)
            die ("get article", error);
          lq.tag = NULL;
          lq.starred_only = FALSE;
          timing_start (&timings[4]);
          result = clipper_store_list_articles (store, &lq, after, &error);
          timing_stop (&timings[4], lq.sort == CLIPPER_LIST_SORT_TITLE_ASC ? "by title" : "");
          if (result == NULL)
            die ("list deep", error);
          total_rows += result->len;
          g_clear_pointer (&result, g_ptr_array_unref);
        }

        {
          ClipperHighlightQuery hq = {
            .article_id = g_array_index (article_ids, gint64, g_rand_int_range (rand, 0, n_articles)),
          };

          timing_start (&timings[5]);
          result = clipper_store_list_highlights (store, &hq, &error);
          timing_stop (&timings[5], NULL);
          if (result == NULL)
            die ("highlights", error);
          total_rows += result->len;
        }
      }

    if (g_stat (db_path, &st) != 0)
      st.st_size = 0;
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      GStatBuf wst;
      g_autofree char *size = NULL;

      if (g_stat (wal, &wst) == 0)
        st.st_size += wst.st_size;
      size = g_format_size (st.st_size);

      printf ("bench-store: %d articles (~%d KB of text each), %d highlights, SQLite %s\n",
              n_articles, ARTICLE_BYTES / 1000, n_highlights, sqlite3_libversion ());
      if (!reuse)
        printf ("  insert articles     %8.0f articles/s   (%.1f s wall, %.1f s CPU incl. text generation; 1000 a transaction)\n",
              n_articles / articles_s, articles_s, articles_cpu_s);
      if (n_highlights > 0)
        printf ("  insert highlights   %8.0f highlights/s (%.1f s wall, %.1f s CPU; 10000 a transaction)\n",
                n_highlights / highlights_s, highlights_s, highlights_cpu_s);
      printf ("  database size       %s (%s)\n", size, db_path);
      printf ("  %-30s %5s  %8s %8s %8s   %8s %8s\n", "latency (ms)", "n",
              "wall p50", "p95", "max", "cpu p50", "p95");
      for (guint i = 0; i < G_N_ELEMENTS (timings); i++)
        {
          timing_print (&timings[i]);
          g_array_unref (timings[i].ms);
          g_array_unref (timings[i].cpu_ms);
          if (verbose)
            timing_print_slowest (&timings[i], 8);
          g_ptr_array_unref (timings[i].queries);
        }
      printf ("  (%" G_GUINT64_FORMAT " search hits, %" G_GUINT64_FORMAT " list rows in all)\n",
              total_hits, total_rows);
    }
  }

  g_clear_object (&store);
  vocabulary_clear (&vocabulary);
  if (!keep)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

          g_unlink (file);
        }
      if (tmp_dir != NULL)
        g_rmdir (tmp_dir);
    }
  return 0;
}
