/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper_text_fold(): the Highlights page's filter matches as the library
 * search does (accents folded, Unicode normalised, any case).
 */
#include "clipper-text-match.h"

static gboolean
matches (const char *haystack,
         const char *typed)
{
  g_autofree char *needle = clipper_text_fold (typed);

  return clipper_text_fold_contains (haystack, needle);
}

static void
test_fold (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Naïve", "naive" },
    { "nai\xcc\x88ve", "naive" },               /* i + U+0308 */
    { "CAFÉ", "cafe" },
    { "Zürich résumé", "zurich resume" },
    { "ﬁne", "fine" },                          /* the ligature */
    { "Ｗｉｄｅ", "wide" },                      /* full-width letters */
    { "İstanbul", "istanbul" },                 /* its case folding adds a dot above */
    { "Straße", "strasse" },
    { "한국어", "한국어" },                     /* Hangul stays composed */
    { "الإسكندرية", "الاسكندريه" },             /* Arabic: alif with hamza, ta marbuta */
    { "كَتَبَ مدرســة مبنى ٱلآن", "كتب مدرسه مبني الان" },  /* harakat, tatweel, alif maqsura and wasla */
    { "مسؤول رئيس", "مسوول رييس" },              /* hamza on waw and ya, as in the search index */
    { "کتاب ملی", "كتاب ملي" },                  /* Persian's kaf and ya as Arabic's */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = clipper_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

/* QA finding 9: "naive" finds "naïve", and a quote written with combining
 * marks is found by a typed precomposed letter, and the other way round. */
static void
test_contains (void)
{
  g_assert_true (matches ("a naïve visitor", "naive"));
  g_assert_true (matches ("a naïve visitor", "NAÏVE"));
  g_assert_true (matches ("un cafe\xcc\x81 noir", "café"));   /* e + U+0301 */
  g_assert_true (matches ("un café noir", "cafe\xcc\x81"));
  g_assert_true (matches ("Die Straße", "strasse"));
  g_assert_true (matches ("東京の図書館では", "図書館"));
  g_assert_true (matches ("שלום עולם", "עולם"));
  g_assert_true (matches ("القراءة البطيئة", "البطيئة"));
  /* QA-j finding 9: Arabic letters typed one for another match. */
  g_assert_true (matches ("مكتبة الإسكندرية", "الاسكندرية"));
  g_assert_true (matches ("مكتبة الاسكندرية", "الإسكندرية"));
  g_assert_true (matches ("كَتَبَ العلماء", "كتب"));
  g_assert_true (matches ("مدرســة", "مدرسه"));
  /* Persian's ی and ک and Arabic's ي and ك, and ؤ ئ without their hamza. */
  g_assert_true (matches ("كتاب المكتبة", "کتاب"));
  g_assert_true (matches ("کتابخانه ملی", "كتابخانه ملي"));
  g_assert_true (matches ("قال مسؤول المكتبة", "مسوول"));
  g_assert_true (matches ("رئیس بخش", "رييس"));
  g_assert_false (matches ("a naïve visitor", "native"));
  g_assert_false (matches (NULL, "naive"));
  /* A syllable does not match part of another. */
  g_assert_false (matches ("각", "가"));
  /* The marks of a script's own words are letters of those words. */
  g_assert_false (matches ("नमस्ते", "नमसत"));
}

/* The bytes of @haystack that clipper_text_fold_find() says hold @typed,
 * or NULL. */
static char *
found (const char *haystack,
       const char *typed)
{
  g_autofree char *needle = clipper_text_fold (typed);
  gsize start, end;

  if (!clipper_text_fold_find (haystack, needle, &start, &end))
    return NULL;
  return g_strndup (haystack + start, end - start);
}

/* QA finding 8: a row the filter matched by its article's title showed no
 * matching word.  The words found are marked in the title as it is
 * written, accents, case and all. */
static void
test_find (void)
{
  static const struct { const char *haystack; const char *typed; const char *found; } cases[] = {
    { "The truth about tech", "TRUTH", "truth" },
    { "Un café noir", "cafe noir", "café noir" },
    { "Un cafe\xcc\x81 noir", "café", "cafe\xcc\x81" },       /* the accent goes with its letter */
    { "Die Straße", "strasse", "Straße" },
    { "東京の図書館では", "図書館", "図書館" },
    { "ﬁne print", "fine", "ﬁne" },
    { "مكتبة الإسكندرية اليوم", "الاسكندرية", "الإسكندرية" },
    { "كَتَبَ العلماء", "كتب", "كَتَبَ" },          /* the last letter's vowel goes with it */
    { "وكانت مدرســة للفلاسفة", "مدرسه", "مدرســة" },
    { "a naïve visitor", "native", NULL },
    { "", "a", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = found (cases[i].haystack, cases[i].typed);

      g_assert_cmpstr (got, ==, cases[i].found);
    }
  g_assert_null (found (NULL, "a"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text-match/fold", test_fold);
  g_test_add_func ("/text-match/contains", test_contains);
  g_test_add_func ("/text-match/find", test_find);
  return g_test_run ();
}
