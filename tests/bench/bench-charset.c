/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-charset: how long clipper_charset_sniff() takes on big pages that
 * name no charset and are not UTF-8, so that it has to guess.  Printed, not
 * asserted.
 *
 * Each page is an article paragraph repeated to the size, in one legacy
 * encoding; the worst case is a page whose first megabyte is ASCII (inline
 * script), which the guess scans in full before it finds any text.
 *
 * Usage: bench-charset [ROUNDS]   (default 30)
 */
#define G_LOG_DOMAIN "clipper-bench"

#include <stdlib.h>
#include <string.h>

#include "clipper-charset.h"

typedef struct {
  const char *label;
  const char *charset;   /* what the page is written in (iconv name) */
  const char *text;      /* one paragraph, UTF-8 */
} Page;

static const Page pages[] = {
  { "Russian, windows-1251", "WINDOWS-1251",
    "<p>Это длинный абзац о том, как в маленьком городе на севере страны прошёл концерт народной "
    "музыки. Жители пришли целыми семьями, а дети танцевали перед сценой до поздней ночи.</p>\n" },
  { "Japanese, Shift_JIS", "CP932",
    "<p>昨日の夜、北の小さな町で民謡のコンサートが開かれました。住民は家族そろって集まり、"
    "子どもたちは夜遅くまで舞台の前で踊っていました。</p>\n" },
  { "Chinese, GB18030", "GB18030",
    "<p>昨天晚上，北方一个小镇举办了一场民间音乐会。居民们全家一起来参加，孩子们在舞台前一直跳舞到深夜。</p>\n" },
  /* Not one ASCII byte: a single run as long as the page. */
  { "Japanese, EUC-JP, no ASCII", "EUC-JP",
    "昨日の夜、北の小さな町で民謡のコンサートが開かれました。住民は家族そろって集まりました。" },
  /* Every candidate is scored and none wins: the default stays. */
  { "French, windows-1252", "WINDOWS-1252",
    "<p>Le café de la place ouvre à six heures. Les habitués y lisent le journal en mangeant une "
    "crème brûlée, et le patron raconte à qui veut l’entendre l’histoire de son grand-père.</p>\n" },
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static GByteArray *
make_page (const Page *page, gsize ascii_head, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  gsize unit_len = 0;
  GByteArray *data = g_byte_array_sized_new (size + 1024);
  static const char filler[] = "<script>var counter = 0; /* an ASCII head */</script>\n";

  unit = g_convert (page->text, -1, page->charset, "UTF-8", NULL, &unit_len, &error);
  g_assert_no_error (error);

  while (data->len < ascii_head)
    g_byte_array_append (data, (const guint8 *) filler, sizeof filler - 1);
  while (data->len < size)
    g_byte_array_append (data, (const guint8 *) unit, unit_len);
  return data;
}

static void
bench_sniff (const Page *page, gsize ascii_head, gsize size, guint rounds)
{
  g_autoptr(GByteArray) data = make_page (page, ascii_head, size);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  g_autofree char *answer = NULL;

  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      char *name = clipper_charset_sniff (data->data, data->len, NULL, NULL);
      double elapsed = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (ms, elapsed);
      if (answer == NULL)
        answer = name;
      else
        g_free (name);
    }

  g_array_sort (ms, compare_doubles);
  label = g_strdup_printf ("%s, %.0f MB%s", page->label, size / (1024.0 * 1024.0),
                           ascii_head > 0 ? ", 1 MB ASCII head" : "");
  g_print ("%-50s median %7.3f ms   p95 %7.3f ms   max %7.3f ms   -> %s\n", label,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint) (ms->len * 0.95))),
           g_array_index (ms, double, ms->len - 1), answer);
}

int
main (int argc, char **argv)
{
  guint rounds = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 30;

  static const guint8 tiny[] = "<p>\xdd\xf2\xee \xe4\xeb\xe8\xed\xed\xfb\xe9 \xe0\xe1\xe7\xe0\xf6</p>";
  gint64 start = g_get_monotonic_time ();
  g_autofree char *first = clipper_charset_sniff (tiny, sizeof tiny - 1, NULL, NULL);

  /* The first guess in a process builds the tables (once, for every thread). */
  g_print ("first guess of the process (builds the tables): %.3f ms -> %s\n",
           (g_get_monotonic_time () - start) / 1000.0, first);
  g_print ("clipper_charset_sniff() on unlabelled pages (%u rounds each)\n", rounds);
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      bench_sniff (&pages[i], 0, 1024 * 1024, rounds);
      bench_sniff (&pages[i], 0, 5 * 1024 * 1024, rounds);
    }
  /* Worst case: the guess scans its whole window for the first text. */
  bench_sniff (&pages[0], 1024 * 1024 - 4096, 5 * 1024 * 1024, rounds);
  return 0;
}
