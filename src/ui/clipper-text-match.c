/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text matching for the filters that search in memory (the Highlights
 * page's), folded the way the library search's FTS5 tokenizer folds
 * (unicode61, remove_diacritics 2): without it "naive" found the quote
 * "naïve visitor" in the library and not on the Highlights page, and a
 * quote written with combining accents was not found by a typed "é".
 * Arabic letters are folded as the tokenizer folds them
 * (clipper_text_fold_arabic()).
 */
#define G_LOG_DOMAIN "clipper-review"

#include "clipper-text-match.h"

#include "clipper-store.h"

#include <string.h>

/* The combining marks that are accents on letters of any script: the
 * marks of a script of their own (Hebrew points, Indic vowel signs) are
 * parts of its words and stay; Arabic vowels go with the Arabic fold. */
static gboolean
is_accent (gunichar c)
{
  return (c >= 0x0300 && c <= 0x036F) ||   /* Combining Diacritical Marks */
         (c >= 0x1AB0 && c <= 0x1AFF) ||   /* … Extended */
         (c >= 0x1DC0 && c <= 0x1DFF) ||   /* … Supplement */
         (c >= 0x20D0 && c <= 0x20FF) ||   /* … for Symbols */
         (c >= 0xFE20 && c <= 0xFE2F);     /* Combining Half Marks */
}

char *
clipper_text_fold (const char *text)
{
  g_autofree char *arabic = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr (GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* Arabic first, as the tokenizer folds it: after NFKD the hamza of ۀ
   * and ۓ is a mark of its own, which the Arabic fold drops (and the
   * tokenizer keeps). */
  if (g_utf8_validate (text, -1, NULL))
    text = arabic = clipper_text_fold_arabic (text, -1);
  /* NFKD, so that every accent is a mark of its own and "ﬁ" is "fi"; the
   * case folding after it, which may add marks ("İ"). */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_utf8_casefold (text, -1);   /* not UTF-8: folded as it is */
  folded = g_utf8_casefold (decomposed, -1);
  bare = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_accent (c))
        g_string_append_unichar (bare, c);
    }
  /* Composed again: a needle's syllable must not match part of another
   * (Hangul decomposes into its letters). */
  return g_utf8_normalize (bare->str, -1, G_NORMALIZE_ALL_COMPOSE);
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* strstr() of a lower-case ASCII needle in ASCII text, any case. */
static gboolean
ascii_contains (const char *haystack,
                const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0)
    return TRUE;
  for (; *haystack != '\0'; haystack++)
    if (g_ascii_tolower (*haystack) == needle[0] && g_ascii_strncasecmp (haystack, needle, n) == 0)
      return TRUE;
  return FALSE;
}

gboolean
clipper_text_fold_contains (const char *haystack,
                            const char *folded_needle)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (folded_needle != NULL, FALSE);

  if (haystack == NULL)
    return FALSE;
  /* ASCII text folds to its lower case, and holds no folded non-ASCII
   * letter: the Highlights page's filter looks at 100,000 quotes, notes
   * and titles at each key, and folding each of them took most of a
   * second. */
  if (is_ascii (haystack))
    return is_ascii (folded_needle) && ascii_contains (haystack, folded_needle);
  folded = clipper_text_fold (haystack);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
clipper_text_fold_find (const char *haystack,
                        const char *folded_needle,
                        gsize      *start,
                        gsize      *end)
{
  g_autoptr (GString) folded = NULL;
  g_autoptr (GArray) from = NULL;
  const char *hit;
  gsize first, last;

  g_return_val_if_fail (folded_needle != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (haystack == NULL || *folded_needle == '\0' || !g_utf8_validate (haystack, -1, NULL))
    return FALSE;
  /* Each character folded alone, each byte of the folded text knowing the
   * character it came from: the match is then a run of the text's own
   * characters. */
  folded = g_string_new (NULL);
  from = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = haystack; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);
      g_autofree char *fold = clipper_text_fold (one);
      gsize offset = p - haystack;

      g_string_append (folded, fold);
      for (gsize i = 0; fold[i] != '\0'; i++)
        g_array_append_val (from, offset);
    }
  hit = strstr (folded->str, folded_needle);
  if (hit == NULL)
    return FALSE;
  first = g_array_index (from, gsize, hit - folded->str);
  last = g_array_index (from, gsize, hit - folded->str + strlen (folded_needle) - 1);
  *start = first;
  *end = g_utf8_next_char (haystack + last) - haystack;
  /* The marks after the last letter, which fold to nothing (accents,
   * harakat, a tatweel), are its. */
  while (haystack[*end] != '\0')
    {
      const char *next = g_utf8_next_char (haystack + *end);
      g_autofree char *one = g_strndup (haystack + *end, next - (haystack + *end));
      g_autofree char *fold = clipper_text_fold (one);

      if (*fold != '\0')
        break;
      *end = next - haystack;
    }
  return TRUE;
}
